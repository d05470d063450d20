//! The golden samples check (`verso_build::Config::samples(true)`): one
//! `#[cfg(test)]` test per family that hands every root's `…Versioned`
//! type to `verso_dynamic::samples::Samples`, which reads the samples
//! folder when the test runs.
//!
//! The folder's absolute path is baked in, so the test finds the files (and
//! `VERSO_BLESS=1` can write them) wherever `cargo test` runs; the sample
//! list is not, so the generated code does not change when samples do.
//! What the plan knows goes in: for each
//! root, the versions from which every step is generated both ways, whose
//! samples must downgrade back to their stored bytes.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use crate::emit::EmitError;
use crate::evolve::{Direction, FamilyPlan, Root};
use crate::model::Model;
use crate::source::{FamilySource, Layout};

/// The test module, or nothing for a family without roots.
pub(crate) fn check(
    models: &[Model],
    plan: &FamilyPlan,
    source: &FamilySource,
) -> Result<TokenStream, EmitError> {
    let Some(latest) = models.last() else {
        return Ok(TokenStream::new());
    };
    if plan.roots.is_empty() {
        return Ok(TokenStream::new());
    }
    // Canonical, so failures name the files plainly (a build script's
    // `../../schemas/todo` would show up in every path).
    let canonical = std::fs::canonicalize(source.dir()).unwrap_or_else(|_| source.dir().to_owned());
    let dir = canonical.to_str().ok_or_else(|| {
        EmitError::Config(format!(
            "samples(true): the family's folder {} is not valid UTF-8, so the generated test \
             cannot name it",
            source.dir().display()
        ))
    })?;
    let samples = match source.layout() {
        Layout::Folder => quote!(::verso_dynamic::samples::Samples::folder(#dir)),
        Layout::Flat => {
            let name = source.name();
            quote!(::verso_dynamic::samples::Samples::flat(#dir, #name))
        }
    };
    let roots = plan.roots.iter().map(|root| {
        let wrapper = format_ident!("{}Versioned", rust_name(latest, &root.name));
        let name = &root.name;
        let versions = round_trip(root, plan, latest.version)
            .into_iter()
            .map(Literal::u16_unsuffixed);
        quote!(.root::<super::#wrapper>(#name, &[#(#versions),*]))
    });
    let doc = format!(
        " The golden samples of this family, `{}`, checked against their \
         `.latest.json` (`verso_build::Config::samples`). Needs `verso-dynamic` \
         in the crate's `[dev-dependencies]`.",
        canonical
            .join(
                source
                    .samples_path()
                    .file_name()
                    .unwrap_or_else(|| "samples".as_ref())
            )
            .display()
    );
    Ok(quote! {
        #[doc = #doc]
        #[cfg(test)]
        mod verso_samples {
            /// Every sample reads as its `.latest.json` says (`VERSO_BLESS=1`
            /// writes missing and changed ones).
            #[test]
            fn samples_read_as_recorded() {
                #samples #(#roots)* .check();
            }
        }
    })
}

/// The Rust name of the latest version's `name`.
fn rust_name(latest: &Model, name: &str) -> String {
    latest
        .named(name)
        .map_or_else(|| name.to_owned(), |index| latest.items[index].name.clone())
}

/// The versions of `root` from which every step up to the latest is
/// generated both ways, so nothing hand-written can drop or invent
/// information and a sample must come back byte for byte. A step counts
/// when it leaves the root's values alone, or when it has no hand-written
/// conversion at all (conservative: a hand-written one elsewhere in the
/// step may not be reachable from this root).
fn round_trip(root: &Root, plan: &FamilyPlan, latest: u16) -> Vec<u16> {
    let mut versions = vec![latest];
    for step in plan.steps.iter().rev() {
        if step.from < root.oldest {
            break;
        }
        // `roots_affected` names roots by their latest name.
        let untouched = !step.roots_affected.contains(&root.name);
        let generated = Direction::BOTH
            .iter()
            .all(|&direction| step.to_write(direction).next().is_none());
        if !(untouched || generated) {
            break;
        }
        versions.push(step.from);
    }
    versions.reverse();
    versions
}
