//! Stubs for the converters a user must write: for every type the analysis
//! marks as changed (and a root reaches), an `Upgrade` and a `Downgrade`
//! impl with every field that still matches already moved across. Where a
//! decision is needed, the stub compiles but returns a clear
//! `ConvertError` at run time, under a `// DECIDE:` comment — never a
//! `todo!()` or a panic.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::convert::{Direction, Emitter, named, path, unalias};
use crate::emit::names;
use crate::emit::plan::{ItemKind, Plan, Ty};
use crate::evolve::{Change, Step};

/// Marks a statement that becomes a `// DECIDE:` comment after formatting.
const MARKER: &str = "__verso_decide";

/// The stubs of one step, as tokens. Comments cannot travel through tokens,
/// so each `// DECIDE:` is a numbered marker statement here and its text goes
/// to `notes`; [`finish`] swaps them after formatting.
pub(crate) fn step(
    old: &Plan,
    new: &Plan,
    step: &Step,
    roots_reach: &dyn Fn(&str) -> bool,
    notes: &mut Vec<String>,
) -> TokenStream {
    let mut impls = Vec::new();
    for (name, change) in &step.types {
        let Change::Changed(reasons) = change else {
            continue;
        };
        if !roots_reach(name) {
            continue;
        }
        let (Some(i), Some(j)) = (named(old, name), named(new, name)) else {
            continue;
        };
        if matches!(old.items[i].kind, ItemKind::Alias(_)) {
            continue;
        }
        let why: Vec<String> = reasons.iter().map(ToString::to_string).collect();
        let why = format!("`{name}` changed: {}.", why.join(", "));
        impls.push(stub(old, new, i, j, Direction::Up, &why, notes));
        impls.push(stub(old, new, j, i, Direction::Down, &why, notes));
    }
    quote!(#(#impls)*)
}

/// A marker statement standing for the comment `text` (see [`finish`]).
fn decide(text: String, notes: &mut Vec<String>) -> TokenStream {
    let marker = proc_macro2::Ident::new(MARKER, proc_macro2::Span::call_site());
    let index = proc_macro2::Literal::usize_unsuffixed(notes.len());
    notes.push(text);
    quote!(#marker!(#index);)
}

fn stub(
    old: &Plan,
    new: &Plan,
    from: usize,
    to: usize,
    direction: Direction,
    why: &str,
    comments: &mut Vec<String>,
) -> TokenStream {
    let (source, target) = match direction {
        Direction::Up => (old, new),
        Direction::Down => (new, old),
    };
    let (from_item, to_item) = (&source.items[from], &target.items[to]);
    let (from_path, to_path) = (path(source, from_item), path(target, to_item));
    let step_text = format!("v{} → v{}", source.version, target.version);
    let failure = |what: String| {
        let message = format!("{} {step_text}: {what}", from_item.schema_name);
        quote!(verso::ConvertError::new(#message))
    };
    let mut notes = vec![decide(why.to_owned(), comments)];
    let mut emitter = Emitter::new(old, new);
    let body = match (&from_item.kind, &to_item.kind) {
        (ItemKind::Struct(a), ItemKind::Struct(b)) => {
            let fields: Vec<TokenStream> = b
                .iter()
                .map(|field| {
                    let ident = names::ident(&field.name);
                    let same = a.iter().find(|f| f.schema_name == field.schema_name);
                    let value = match same {
                        Some(f) if shapes_match(source, &f.ty, target, &field.ty) => {
                            emitter.value(&f.ty, &field.ty, quote!(self.#ident), direction)
                        }
                        Some(_) => {
                            notes.push(decide(format!(
                                "`{}` changed type: convert `self.{}` here.",
                                field.schema_name, field.name
                            ), comments));
                            let err = failure(format!("decide how to convert `{}`", field.schema_name));
                            quote!(Err(#err)?)
                        }
                        None => {
                            notes.push(decide(format!(
                                "`{}` has no counterpart in v{}: fill it in (from another field, or a default).",
                                field.schema_name, source.version
                            ), comments));
                            let err = failure(format!("decide how to fill `{}`", field.schema_name));
                            quote!(Err(#err)?)
                        }
                    };
                    quote!(#ident: #value,)
                })
                .collect();
            for gone in a
                .iter()
                .filter(|f| !b.iter().any(|g| g.schema_name == f.schema_name))
            {
                notes.push(decide(
                    format!(
                        "`{}` has no counterpart in v{}: use `self.{}` above, or drop it.",
                        gone.schema_name, target.version, gone.name
                    ),
                    comments,
                ));
            }
            quote!(Ok(#to_path { #(#fields)* }))
        }
        (ItemKind::Enum(a), ItemKind::Enum(b)) => {
            let arms = a.iter().map(|v| {
                let variant = names::ident(&v.name);
                if b.iter().any(|w| w.name == v.name) {
                    quote!(#from_path::#variant => #to_path::#variant,)
                } else {
                    notes.push(decide(format!(
                        "`{}` does not exist in v{}: map it to another value, or keep the error.",
                        v.name, target.version
                    ), comments));
                    let err = failure(format!(
                        "`{}` does not exist in v{}",
                        v.name, target.version
                    ));
                    quote!(#from_path::#variant => return Err(#err),)
                }
            });
            let arms: Vec<TokenStream> = arms.collect();
            quote!(Ok(match self { #(#arms)* }))
        }
        (ItemKind::Union(a), ItemKind::Union(b)) => {
            let arms: Vec<TokenStream> = a
                .iter()
                .map(|v| {
                    let variant = names::ident(&v.name);
                    let pattern = if v.ty.is_some() {
                        quote!(#from_path::#variant(value))
                    } else {
                        quote!(#from_path::#variant)
                    };
                    match b.iter().find(|w| w.name == v.name) {
                        Some(w) => match (&v.ty, &w.ty) {
                            (Some(x), Some(y)) if shapes_match(source, x, target, y) => {
                                let value = emitter.value(x, y, quote!(value), direction);
                                quote!(#pattern => #to_path::#variant(#value),)
                            }
                            (None, None) => quote!(#pattern => #to_path::#variant,),
                            _ => {
                                let err = failure(format!("decide how to convert member `{}`", v.name));
                                quote!(#pattern => return Err(#err),)
                            }
                        },
                        None => {
                            notes.push(decide(format!(
                                "member `{}` does not exist in v{}: convert it to another member, or keep the error.",
                                v.name, target.version
                            ), comments));
                            let err = failure(format!("member `{}` does not exist in v{}", v.name, target.version));
                            quote!(#pattern => return Err(#err),)
                        }
                    }
                })
                .collect();
            quote!(Ok(match self { #(#arms)* }))
        }
        _ => {
            notes.push(decide(
                format!(
                    "the type changed kind: build a {} value here.",
                    to_item.schema_name
                ),
                comments,
            ));
            let err = failure("write this conversion".to_owned());
            quote!(Err(#err))
        }
    };
    let (trait_name, assoc, method) = match direction {
        Direction::Up => (quote!(Upgrade), quote!(Next), quote!(upgrade)),
        Direction::Down => (quote!(Downgrade), quote!(Prev), quote!(downgrade)),
    };
    quote! {
        impl verso::#trait_name for #from_path {
            type #assoc = #to_path;

            fn #method(self) -> Result<#to_path, verso::ConvertError> {
                #(#notes)*
                #body
            }
        }
    }
}

/// Whether a value of `a` (in `source`) converts mechanically into `b` (in
/// `target`): the same shape, named types with the same name, aliases
/// looked through.
fn shapes_match(source: &Plan, a: &Ty, target: &Plan, b: &Ty) -> bool {
    let a = unalias(source, a);
    let b = unalias(target, b);
    match (a, b) {
        (Ty::Prim(x), Ty::Prim(y)) => x == y,
        (Ty::Data, Ty::Data) => true,
        (Ty::FixedData(x), Ty::FixedData(y)) => x == y,
        (Ty::Optional(x), Ty::Optional(y)) | (Ty::List(x), Ty::List(y)) => {
            shapes_match(source, x, target, y)
        }
        (Ty::FixedList(x, n), Ty::FixedList(y, m)) => n == m && shapes_match(source, x, target, y),
        (Ty::Map(k1, v1), Ty::Map(k2, v2)) => {
            shapes_match(source, k1, target, k2) && shapes_match(source, v1, target, v2)
        }
        (Ty::Item { index: i, .. }, Ty::Item { index: j, .. }) => {
            source.items[*i].schema_name == target.items[*j].schema_name
        }
        _ => false,
    }
}

/// Turns the formatted marker statements into their comments.
pub(crate) fn finish(formatted: &str, notes: &[String]) -> String {
    formatted
        .lines()
        .map(|line| {
            let trimmed = line.trim_start();
            let index = trimmed
                .strip_prefix(MARKER)
                .and_then(|rest| rest.strip_prefix("!("))
                .and_then(|rest| rest.strip_suffix(");"))
                .and_then(|n| n.parse::<usize>().ok());
            match index.and_then(|i| notes.get(i)) {
                Some(text) => format!("{}// DECIDE: {text}", &line[..line.len() - trimmed.len()]),
                None => line.to_owned(),
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}
