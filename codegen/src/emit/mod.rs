//! Rust code generation: the versions' Rust models and the family plan →
//! Rust tokens (syn/quote) → formatted source (prettyplease).
//!
//! One family becomes one file: a `vN` module per version holding every type
//! of that version with its `Encode`/`Decode` impls ([`items`], with the
//! wire code of each type expression in [`codec`]), `pub use vN as latest`,
//! a `…Versioned` wrapper per root type ([`versioned`]) and the converters
//! the plan generates ([`convert`]). [`scaffold`] renders the same plan's
//! hand-written directions as stubs.

pub(crate) mod codec;
pub(crate) mod convert;
mod hand_written;
pub(crate) mod items;
pub(crate) mod scaffold;
mod serde;
#[cfg(test)]
mod tests;
pub(crate) mod versioned;

pub use crate::model::names;
pub use crate::model::{EmitOptions, MapType};

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
    let modules = models.iter().map(|model| {
        let module = format_ident!("v{}", model.version);
        let doc = format!(" Types of version {} of the schema.", model.version);
        let body = items::emit(model, options);
        quote! {
            #[doc = #doc]
            // Schema comments are optional, so items may lack docs.
            #[allow(missing_docs)]
            pub mod #module {
                #body
            }
        }
    });
    let hand_written = HandWritten::new(models, &plan.steps);
    let converters = models
        .windows(2)
        .zip(&plan.steps)
        .map(|(pair, step)| convert::step_impls(&pair[0], &pair[1], step, &hand_written));
    let wrappers = plan
        .roots
        .iter()
        .map(|root| versioned::wrapper(root, models, &hand_written));
    let hand_written = hand_written.module(models);
    let latest = models.last().map(|m| format_ident!("v{}", m.version));
    let latest = latest.map(|latest| {
        quote! {
            /// The newest version's types.
            pub use #latest as latest;
        }
    });
    // Serde derives name `::verso::serde`; without verso's `serde` feature
    // this says so, ahead of the errors of every derive.
    let require_serde = options.serde.then(|| match &options.serde_feature {
        Some(feature) => quote!(#[cfg(feature = #feature)] ::verso::__require_serde!();),
        None => quote!(::verso::__require_serde!();),
    });
    let tokens = quote! {
        #require_serde
        #(#modules)*
        #latest
        #(#wrappers)*
        #(#converters)*
        #hand_written
    };
    format(tokens).map_err(EmitError::Internal)
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

/// Configured derives must be paths and attributes `#[…]` attributes.
fn validate(options: &EmitOptions) -> Result<(), EmitError> {
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

/// Formats tokens as a file with the `@generated` header. The tokens come
/// from this crate, so a parse failure is a bug in verso, reported as such.
fn format(tokens: TokenStream) -> Result<String, String> {
    let file: syn::File = syn::parse2(tokens).map_err(|e| {
        format!("internal error: verso generated invalid Rust ({e}); please report this")
    })?;
    let body = prettyplease::unparse(&file);
    Ok(format!(
        "// @generated by verso from the schema files of this family. Do not edit.\n\n{body}"
    ))
}
