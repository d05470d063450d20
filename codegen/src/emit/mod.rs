//! Rust code generation: the versions' Rust models and the family plan →
//! Rust tokens (syn/quote) → formatted source (prettyplease).
//!
//! One family becomes one file: a `vN` module per version holding every type
//! of that version with its `Encode`/`Decode` impls ([`items`], with the
//! wire code of each type expression in [`codec`]), `pub use vN as latest`,
//! a `…Versioned` wrapper per root type ([`versioned`]) and the converters
//! the plan generates ([`convert`]). [`scaffold`] renders the same plan's
//! hand-written directions as stubs.

pub(crate) mod arbitrary;
mod bulk;
pub(crate) mod codec;
pub(crate) mod convert;
mod hand_written;
pub(crate) mod items;
mod plain;
mod samples;
pub(crate) mod scaffold;
mod serde;
#[cfg(test)]
mod tests;
pub(crate) mod versioned;

pub use crate::model::{EmitOptions, MapType};

use std::fmt::Write as _;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::emit::hand_written::HandWritten;
use crate::evolve::FamilyPlan;
use crate::model::Model;

/// Why a family could not be turned into Rust.
#[derive(Debug)]
pub enum EmitError {
    /// A configured derive, attribute or module path that is not valid Rust.
    Config(String),
    /// A bug in verso: the generated tokens did not parse.
    Internal(String),
}

impl std::fmt::Display for EmitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EmitError::Config(message) | EmitError::Internal(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for EmitError {}

/// Generates the Rust source of a family from its versions' models (in
/// version order) and its plan.
pub(crate) fn family(
    models: &[Model],
    plan: &FamilyPlan,
    options: &EmitOptions,
) -> Result<String, EmitError> {
    validate(options)?;
    let hand_written = HandWritten::new(models, &plan.steps);
    let mut out = Output::new();
    if options.bytes {
        // First, so that without verso's `bytes` feature the first error
        // says which feature to turn on.
        out.item(quote!(::verso::__require_bytes!();))?;
    }
    // Serde attributes apply only with verso's `serde` feature, which the
    // macro around the modules finds out (see `serde::types_macro`).
    let serde_macro = options
        .serde
        .then(|| serde::types_macro(options.serde_feature.as_deref()));
    out.item(imported_modules(models))?;
    if let Some((open, _)) = &serde_macro {
        out.text.push_str(open);
    }
    for model in models {
        out.module(model.version, items::emit(model, options))?;
    }
    if let Some((_, close)) = &serde_macro {
        out.text.push_str(close);
    }
    if let Some(latest) = models.last() {
        let latest = format_ident!("v{}", latest.version);
        out.item(quote! {
            /// The newest version's types.
            pub use #latest as latest;
        })?;
    }
    for root in &plan.roots {
        out.item(versioned::wrapper(root, models, &hand_written, options))?;
    }
    for (pair, step) in models.windows(2).zip(&plan.steps) {
        for tokens in convert::step_impls(&pair[0], &pair[1], step, &hand_written) {
            out.item(tokens)?;
        }
    }
    out.item(hand_written.module(models)?)?;
    if options.arbitrary {
        // Kept only with verso's `testing` feature (`verso::__testing!`).
        out.text.push_str("::verso::__testing! {\n");
        for tokens in arbitrary::family(models, plan, &hand_written) {
            out.item(tokens)?;
        }
        out.text.push_str("}\n");
    }
    Ok(out.text)
}

/// `use super::common;` for every family whose types some version imports:
/// the user includes that family beside this one, and if it is missing,
/// this line is the one compile error, naming the module to add.
fn imported_modules(models: &[Model]) -> TokenStream {
    let mut modules: Vec<(&str, &str)> = models
        .iter()
        .flat_map(|model| model.items.iter())
        .filter_map(|item| item.imported.as_ref())
        .map(|origin| (origin.module.as_str(), origin.family.as_str()))
        .collect();
    modules.sort_unstable();
    modules.dedup();
    let uses = modules.iter().map(|(module, family)| {
        let doc = format!(
            " Types imported from family `{family}`: include it beside this family, \
             `pub mod {module} {{ verso::include_family!(\"{family}\"); }}`."
        );
        let module = format_ident!("{module}");
        quote! {
            #[doc = #doc]
            use super::#module;
        }
    });
    quote!(#(#uses)*)
}

/// The generated file, formatted one item at a time: formatting a whole
/// family at once would hold its entire syntax tree (gigabytes for a
/// family of tens of thousands of types), one item at a time holds one.
/// Items inside a version module are formatted in a module of their own,
/// so line widths come out as they would in place.
struct Output {
    text: String,
}

impl Output {
    fn new() -> Self {
        Output {
            text: "// @generated by verso from the schema files of this family. Do not edit.\n\n"
                .to_owned(),
        }
    }

    /// A top-level item (nothing for an empty token stream).
    fn item(&mut self, tokens: TokenStream) -> Result<(), EmitError> {
        if !tokens.is_empty() {
            self.text
                .push_str(&format(tokens).map_err(EmitError::Internal)?);
        }
        Ok(())
    }

    /// `pub mod vN { … }` with `items` inside.
    fn module(&mut self, version: u16, items: Vec<TokenStream>) -> Result<(), EmitError> {
        let _ = write!(
            self.text,
            "/// Types of version {version} of the schema.\n#[allow(missing_docs)]\npub mod v{version} {{\n"
        );
        for item in items.into_iter().filter(|item| !item.is_empty()) {
            let formatted = format(quote!(mod m { #item })).map_err(EmitError::Internal)?;
            // Keep what is between `mod m {` and the closing `}`.
            let inner = formatted
                .strip_prefix("mod m {\n")
                .and_then(|rest| rest.strip_suffix("}\n"))
                .ok_or_else(|| {
                    EmitError::Internal(format!(
                        "internal error: unexpected formatting of an item: {formatted}"
                    ))
                })?;
            self.text.push_str(inner);
        }
        self.text.push_str("}\n");
        Ok(())
    }
}

/// The golden samples test of a family (`samples(true)`), formatted, to
/// append to its generated file; empty for a family without roots.
pub(crate) fn samples_check(
    models: &[Model],
    plan: &FamilyPlan,
    source: &crate::source::FamilySource,
) -> Result<String, EmitError> {
    let mut out = Output {
        text: String::new(),
    };
    out.item(samples::check(models, plan, source)?)?;
    Ok(out.text)
}

/// Stubs for the converters the user must write, at every step (or only
/// `from` → `from + 1`). `module` is the Rust path where the family is
/// included (`crate::todo`).
pub(crate) fn scaffold(
    models: &[Model],
    plan: &FamilyPlan,
    from: Option<u16>,
    module: &str,
) -> Result<String, EmitError> {
    let module_path = syn::parse_str::<syn::Path>(module)
        .map_err(|e| EmitError::Config(format!("`{module}` is not a Rust module path: {e}")))?;
    let mut stubs = Vec::new();
    let mut notes = Vec::new();
    let mut modules = Vec::new();
    for (pair, step) in models.windows(2).zip(&plan.steps) {
        if from.is_some_and(|f| f != step.from) {
            continue;
        }
        let tokens = scaffold::step(&pair[0], &pair[1], step, &mut notes);
        if !tokens.is_empty() {
            modules.push(format_ident!("v{}", step.from));
            modules.push(format_ident!("v{}", step.to));
            stubs.push(tokens);
        }
    }
    modules.sort();
    modules.dedup();
    let uses = (!modules.is_empty()).then(|| quote!(use #module_path::{#(#modules),*};));
    let tokens = quote! {
        #uses
        #(#stubs)*
    };
    let file: syn::File = syn::parse2(tokens).map_err(|e| {
        EmitError::Internal(format!(
            "internal error: verso scaffolded invalid Rust ({e}); please report this"
        ))
    })?;
    let body = scaffold::finish(&prettyplease::unparse(&file), &notes);
    Ok(format!(
        "// Converters to write by hand, scaffolded by `verso scaffold`. Every\n\
         // `DECIDE:` marks a choice; until it is made, that conversion returns a\n\
         // `ConvertError` at run time.\n\n{body}"
    ))
}

/// Configured derives must be paths and attributes `#[…]` attributes;
/// `bytes` and `borrowed` are two answers to one question.
fn validate(options: &EmitOptions) -> Result<(), EmitError> {
    if options.bytes && options.borrowed {
        return Err(EmitError::Config(
            "`bytes(true)` and `borrowed(true)` together: choose one. `bytes` gives owned \
             values that share the input (`Bytes`, `verso::Str`: no copy, no lifetime); \
             `borrowed` gives twins with a lifetime that borrow from a `&[u8]`"
                .to_owned(),
        ));
    }
    for (ty, derive) in &options.derives {
        syn::parse_str::<syn::Path>(derive).map_err(|e| {
            EmitError::Config(format!(
                "derive `{derive}` for `{ty}` is not a Rust path: {e}"
            ))
        })?;
    }
    for (ty, attribute) in &options.attributes {
        let parsed = attribute
            .parse::<TokenStream>()
            .map_err(|e| e.to_string())
            .and_then(|tokens| {
                syn::parse::Parser::parse2(syn::Attribute::parse_outer, tokens)
                    .map_err(|e| e.to_string())
            });
        if !matches!(parsed, Ok(ref attrs) if !attrs.is_empty()) {
            return Err(EmitError::Config(format!(
                "attribute `{attribute}` for `{ty}` is not an outer attribute such as `#[must_use]`"
            )));
        }
    }
    Ok(())
}

/// Formats tokens as Rust source. The tokens come
/// from this crate, so a parse failure is a bug in verso, reported as such.
fn format(tokens: TokenStream) -> Result<String, String> {
    let file: syn::File = syn::parse2(tokens).map_err(|e| {
        format!("internal error: verso generated invalid Rust ({e}); please report this")
    })?;
    Ok(prettyplease::unparse(&file))
}
