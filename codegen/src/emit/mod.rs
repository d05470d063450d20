//! Rust code generation: checked IR → Rust tokens (syn/quote) → formatted
//! source (prettyplease).
//!
//! One family becomes one file: a `vN` module per version holding every type
//! of that version with its `Encode`/`Decode` impls, and `pub use vN as
//! latest`. Stages: [`plan`] lifts anonymous nested types into named items,
//! names everything ([`names`]) and decides boxing, recursion and derives;
//! [`items`] writes the Rust items; [`codec`] writes the wire code of each
//! type expression.

pub(crate) mod codec;
pub(crate) mod convert;
pub(crate) mod items;
pub mod names;
pub(crate) mod plan;
pub(crate) mod scaffold;
#[cfg(test)]
mod tests;
pub(crate) mod versioned;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::diagnostic::Diagnostic;
use crate::{evolve, ir};

/// Which Rust map type `map<K><V>` becomes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum MapType {
    /// `std::collections::BTreeMap`: keys encoded in sorted order, so equal
    /// values always encode to equal bytes. The default.
    #[default]
    BTreeMap,
    /// `std::collections::HashMap`: no ordering needed of the keys, but the
    /// encoded pair order varies from run to run.
    HashMap,
    /// `indexmap::IndexMap`: keeps the order pairs arrived in, so decoding
    /// then encoding gives back the same bytes. Needs the `indexmap`
    /// dependency and verso's `indexmap` feature in the user's crate.
    IndexMap,
}

/// Code-generation choices.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EmitOptions {
    /// The Rust type of maps.
    pub map_type: MapType,
    /// Derive `serde::Serialize` and `serde::Deserialize` on every type (the
    /// user's crate must depend on `serde` with its `derive` feature).
    pub serde: bool,
    /// With `serde`, put the serde derives behind this cargo feature of the
    /// user's crate (`#[cfg_attr(feature = "…", derive(…))]`).
    pub serde_feature: Option<String>,
    /// Extra derives: `(type path, derive path)`. The type path is a type
    /// name (`Todo`, every version) or `vN::Name` (one version).
    pub derives: Vec<(String, String)>,
    /// Extra attributes: `(type path, attribute)`, the attribute written in
    /// full (`#[serde(rename_all = "camelCase")]`).
    pub attributes: Vec<(String, String)>,
    /// Root types (those that get a `…Versioned` enum). Empty: the latest
    /// version's types that no other type refers to.
    pub roots: Vec<String>,
    /// Conversions to leave to hand-written impls: `(type name, from)` for
    /// the step `from` → `from + 1` (both directions).
    pub manual: Vec<(String, u16)>,
}

/// Why a family could not be turned into Rust.
#[derive(Debug)]
pub enum EmitError {
    /// Names that collide in Rust (or other per-version problems), each with
    /// the version whose schema it concerns.
    Names(Vec<(u16, Diagnostic)>),
    /// A configured derive or attribute that is not valid Rust.
    Config(String),
    /// A bug in verso: the generated tokens did not parse.
    Internal(String),
}

/// Generates the Rust source of a family from its checked versions (in
/// version order). Problems that only show at this stage (Rust names that
/// collide) come back as diagnostics tagged with their version.
pub fn family(versions: &[(u16, ir::Schema)], options: &EmitOptions) -> Result<String, EmitError> {
    validate(options)?;
    let plans = plan_all(versions, options)?;
    let modules = plans.iter().map(|plan| {
        let module = format_ident!("v{}", plan.version);
        let doc = format!(" Types of version {} of the schema.", plan.version);
        let body = items::emit(plan, options);
        quote! {
            #[doc = #doc]
            // Schema comments are optional, so items may lack docs.
            #[allow(missing_docs)]
            pub mod #module {
                #body
            }
        }
    });
    let steps: Vec<evolve::Step> = versions
        .windows(2)
        .map(|pair| evolve::step(pair[0].0, &pair[0].1, &pair[1].1))
        .collect();
    let roots = evolve::roots(versions, &options.roots);
    let root_names: Vec<String> = roots.iter().map(|(name, _)| name.clone()).collect();
    let converters =
        versions
            .windows(2)
            .zip(plans.windows(2))
            .zip(&steps)
            .map(|((schemas, pair), step)| {
                let mut reachable = evolve::reachable(&schemas[0].1, &root_names);
                reachable.extend(evolve::reachable(&schemas[1].1, &root_names));
                convert::step_impls(&pair[0], &pair[1], step, options, &reachable)
            });
    let wrappers = roots
        .iter()
        .map(|(name, oldest)| versioned::wrapper(name, *oldest, &plans, &steps));
    let latest = versions.last().map(|(v, _)| format_ident!("v{}", v));
    let latest = latest.map(|latest| {
        quote! {
            /// The newest version's types.
            pub use #latest as latest;
        }
    });
    let tokens = quote! {
        #(#modules)*
        #latest
        #(#wrappers)*
        #(#converters)*
    };
    format(tokens).map_err(EmitError::Internal)
}

/// Stubs for the converters the user must write: every type a root reaches
/// that changed shape, at every step (or only `from` → `from + 1`). `module`
/// is the Rust path where the family is included (`crate::todo`).
pub fn scaffold(
    versions: &[(u16, ir::Schema)],
    options: &EmitOptions,
    from: Option<u16>,
    module: &str,
) -> Result<String, EmitError> {
    let module_path = syn::parse_str::<syn::Path>(module)
        .map_err(|e| EmitError::Config(format!("`{module}` is not a Rust module path: {e}")))?;
    let plans = plan_all(versions, options)?;
    let roots: Vec<String> = evolve::roots(versions, &options.roots)
        .into_iter()
        .map(|(n, _)| n)
        .collect();
    let mut stubs = Vec::new();
    let mut notes = Vec::new();
    let mut modules = Vec::new();
    for (schemas, pair) in versions.windows(2).zip(plans.windows(2)) {
        let step = evolve::step(schemas[0].0, &schemas[0].1, &schemas[1].1);
        if from.is_some_and(|f| f != step.from) {
            continue;
        }
        let mut reachable = evolve::reachable(&schemas[0].1, &roots);
        reachable.extend(evolve::reachable(&schemas[1].1, &roots));
        let reach = |name: &str| reachable.contains(name);
        let tokens = scaffold::step(&pair[0], &pair[1], &step, &reach, &mut notes);
        if !tokens.is_empty() {
            modules.push(format_ident!("v{}", schemas[0].0));
            modules.push(format_ident!("v{}", schemas[1].0));
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

/// Plans every version; name problems of all versions are reported together.
fn plan_all(
    versions: &[(u16, ir::Schema)],
    options: &EmitOptions,
) -> Result<Vec<plan::Plan>, EmitError> {
    let mut plans = Vec::with_capacity(versions.len());
    let mut problems = Vec::new();
    for (version, schema) in versions {
        match plan::plan(*version, schema, options) {
            Ok(plan) => plans.push(plan),
            Err(diagnostics) => problems.extend(diagnostics.into_iter().map(|d| (*version, d))),
        }
    }
    if problems.is_empty() {
        Ok(plans)
    } else {
        Err(EmitError::Names(problems))
    }
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
