//! verso's schema front end and code generator.
//!
//! Data flows one way: text → tokens (`lex`) → syntax tree with spans
//! (`parse`, `ast`) → checked IR with resolved type ids ([`check`],
//! [`ir`]) → each version's Rust model → the family plan ([`evolve`]) →
//! Rust source (`emit`). The stages are private; the API is the checker
//! ([`check`]), the family loader ([`load`]) and the generator
//! ([`generate`]), with the values they return. Every stage reports
//! problems as [`Diagnostic`] values instead of printing or panicking;
//! [`Diagnostic::render`] draws them like rustc.
//!
//! ```
//! use verso_codegen::{check, Options};
//!
//! let checked = check("type Point struct { x: f64 y: f64 }", &Options::default());
//! assert!(checked.diagnostics.is_empty());
//! let schema = checked.schema.unwrap();
//! assert_eq!(schema.types().next().unwrap().name, "Point");
//! ```

mod ast;
pub mod check;
pub mod diagnostic;
mod docs;
mod emit;
pub mod evolve;
pub mod family;
pub mod format;
pub mod generate;
mod graph;
pub mod ir;
mod lex;
pub mod load;
pub mod lock;
pub mod manifest;
mod model;
mod parse;
pub mod source;
pub mod span;
mod stack;

pub use check::{Checked, Options, check};
pub use diagnostic::{Diagnostic, Label, Severity};
pub use emit::{EmitError, EmitOptions, MapType};
pub use generate::{
    GenerateError, GenerateOptions, GeneratedFamily, generate_family, generate_source,
};
pub use load::{Family, Loaded, Report};
pub use span::Span;
