//! The checker: syntax tree → checked [`ir::Schema`], reporting every
//! problem it can find in one run.
//!
//! Passes, in order: legacy syntax ([`legacy`]), names and resolution into
//! the IR with the per-type rules ([`lower`]), placement of `void` and map
//! key types ([`placement`]), and, when recursion is allowed, whether every
//! cycle can terminate ([`cycles`]). Later passes run even when earlier ones
//! found errors, so one run reports as much as possible.

mod cycles;
mod legacy;
mod lower;
mod names;
mod numbering;
mod placement;
#[cfg(test)]
mod tests;

pub(crate) use lower::Imports;

use crate::diagnostic::{Diagnostic, has_errors};
use crate::{ast, ir, parse};

/// The strictness options of the schema language, matching the `legacy` and
/// `pedantic` options of the reference compiler (bare-ts).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Options {
    /// Accept the pre-draft-03 syntax (with a warning), allow types to be
    /// used before their definition and allow recursion that can terminate.
    /// On by default because real VBARE schemas rely on it.
    pub legacy: bool,
    /// Require explicit `= N` on every enum value and union member, and
    /// field names that are strictly camelCase or snake_case.
    pub pedantic: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            legacy: true,
            pedantic: false,
        }
    }
}

impl Options {
    /// These options with legacy syntax accepted or not.
    pub fn with_legacy(mut self, legacy: bool) -> Self {
        self.legacy = legacy;
        self
    }

    /// These options with pedantic rules on or off.
    pub fn with_pedantic(mut self, pedantic: bool) -> Self {
        self.pedantic = pedantic;
        self
    }

    /// The reference compiler's defaults: no legacy syntax, no pedantry.
    pub fn strict() -> Self {
        Options {
            legacy: false,
            pedantic: false,
        }
    }
}

/// Most diagnostics reported for one file; past this the rest are
/// summarised, so binary garbage cannot flood a terminal.
pub const MAX_DIAGNOSTICS: usize = 100;

/// The outcome of checking one schema.
#[derive(Clone, Debug)]
pub struct Checked {
    /// The checked schema, present when there are no errors.
    pub schema: Option<ir::Schema>,
    /// Errors and warnings, ordered by position.
    pub diagnostics: Vec<Diagnostic>,
}

impl Checked {
    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        has_errors(&self.diagnostics)
    }
}

/// Lexes, parses and checks one schema's source text. Its `#import` lines
/// are not followed (the loader does that, [`check_importing`]): names
/// only an imported file defines are undefined here.
pub fn check(source: &str, options: &Options) -> Checked {
    match parse::parse(source) {
        Ok(ast) => check_ast(&ast, source.len(), options),
        Err(diagnostics) => Checked {
            schema: None,
            diagnostics: finish(diagnostics),
        },
    }
}

/// Checks an already parsed schema. `source_len` locates "end of input".
pub(crate) fn check_ast(schema: &ast::Schema, source_len: usize, options: &Options) -> Checked {
    check_importing(schema, source_len, options, &Imports::default())
}

/// Checks a parsed schema whose `#import`ed files are `imports`: names it
/// does not define resolve there, and the checked schema holds the
/// imported types after its own (each with its [`ir::Origin`]).
pub(crate) fn check_importing(
    schema: &ast::Schema,
    source_len: usize,
    options: &Options,
    imports: &Imports,
) -> Checked {
    let mut diagnostics = Vec::new();
    if schema.decls.is_empty() {
        diagnostics.push(
            Diagnostic::error(
                "a schema needs at least one definition",
                crate::Span::empty(source_len),
            )
            .with_code("empty-schema")
            .with_label("the schema ends here without defining a type")
            .with_help("define a type, for example `type Message struct { text: str }`"),
        );
        return Checked {
            schema: None,
            diagnostics,
        };
    }
    legacy::check(schema, options, &mut diagnostics);
    let ir = lower::lower(schema, options, imports, &mut diagnostics);
    placement::check(&ir, &mut diagnostics);
    if options.legacy {
        cycles::check(&ir, &mut diagnostics);
    }
    let diagnostics = finish(diagnostics);
    let schema = (!has_errors(&diagnostics)).then_some(ir);
    Checked {
        schema,
        diagnostics,
    }
}

/// The outcome of a file that could not be checked (it does not parse, or
/// what it imports has errors).
pub(crate) fn failed(diagnostics: Vec<Diagnostic>) -> Checked {
    Checked {
        schema: None,
        diagnostics: finish(diagnostics),
    }
}

/// Orders diagnostics by position (stable, so passes keep their order at
/// one spot) and caps their number.
fn finish(mut diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    diagnostics.sort_by_key(|d| d.primary.span.start);
    if diagnostics.len() > MAX_DIAGNOSTICS {
        let last = diagnostics[MAX_DIAGNOSTICS - 1].primary.span;
        let hidden = diagnostics.len() - MAX_DIAGNOSTICS;
        let severity_error = has_errors(&diagnostics[MAX_DIAGNOSTICS..]);
        diagnostics.truncate(MAX_DIAGNOSTICS);
        let note = format!("{hidden} more problems were found and not shown");
        diagnostics.push(if severity_error {
            Diagnostic::error(note, crate::Span::empty(last.end)).with_code("too-many-problems")
        } else {
            Diagnostic::warning(note, crate::Span::empty(last.end)).with_code("too-many-problems")
        });
    }
    diagnostics
}
