//! Stubs for the converters a user must write: for every direction the
//! family plan leaves to the user, an `Upgrade` or `Downgrade` impl with
//! every part that still matches already converted, exactly as generated
//! code converts it. Where a decision is needed, the stub compiles but
//! returns a clear `ConvertError` at run time, under a `// DECIDE:` comment
//! — never a `todo!()` or a panic.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::convert::{Converter, impl_block, sources, targets};
use crate::evolve::{Body, Direction, Pair, Reason, StepPlan, Way};
use crate::model::{ItemKind, Model, Ty, names};

/// Marks a statement that becomes a `// DECIDE:` comment after formatting.
const MARKER: &str = "__verso_decide";

/// The stubs of one step, as tokens: one per direction the plan leaves to
/// the user. Comments cannot travel through tokens, so each `// DECIDE:` is
/// a numbered marker statement here and its text goes to `notes`;
/// [`finish`] swaps them after formatting.
pub(crate) fn step(
    old: &Model,
    new: &Model,
    step: &StepPlan,
    notes: &mut Vec<String>,
) -> TokenStream {
    // Stubs are user code: they call the traits, not generated entries.
    let converter = Converter {
        old,
        new,
        hand_written: None,
    };
    let mut impls = Vec::new();
    for pair in &step.pairs {
        for direction in Direction::BOTH {
            if pair.way(direction).is_hand_written() {
                impls.push(stub(&converter, pair, direction, notes));
            }
        }
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

/// Why this direction is the user's to write, as the stub's first comment.
fn why(pair: &Pair, direction: Direction) -> String {
    if pair.way(direction) == Way::Configured {
        return format!(
            "`{}` is converted by hand (manifest or build config `manual`); verso could generate this {}.",
            pair.new_name,
            direction.verb()
        );
    }
    let reasons: Vec<String> = pair.blocking(direction).map(Reason::to_string).collect();
    format!("`{}` changed: {}.", pair.new_name, reasons.join(", "))
}

fn stub(
    converter: &Converter<'_>,
    pair: &Pair,
    direction: Direction,
    comments: &mut Vec<String>,
) -> TokenStream {
    let sides = converter.sides(pair, direction);
    let (source, target) = (sides.source, sides.target);
    let (from_path, to_path) = (&sides.from_path, &sides.to_path);
    let step_text = format!("v{} → v{}", source.version, target.version);
    let failure = |what: String| {
        let message = format!("{} {step_text}: {what}", sides.from.schema_name);
        quote!(verso::ConvertError::new(#message))
    };
    let mut notes = vec![decide(why(pair, direction), comments)];
    let body = match (&pair.body, &sides.from.kind, &sides.to.kind) {
        (Body::Struct(parts), ItemKind::Struct(a), ItemKind::Struct(b)) => {
            let fields: Vec<TokenStream> = targets(parts, direction)
                .into_iter()
                .map(|(part, dst)| {
                    let field = &b[dst];
                    let ident = sides.target_field(dst);
                    let converted = part.src.and_then(|src| {
                        let from = sides.source_field(src);
                        converter.field_value(&sides, src, dst, quote!(self.#from), direction)
                    });
                    let value = match (part.src, converted) {
                        (Some(_), Some(value)) if part.converts => value,
                        (Some(src), Some(value)) => {
                            // A narrowing: the check is written, the user
                            // reviews it.
                            notes.push(decide(format!(
                                "`{}`: {} → {} refuses a value that does not fit; keep it, or convert `self.{}` another way.",
                                field.schema_name,
                                source.describe(source.unalias(&a[src].ty)),
                                target.describe(target.unalias(&field.ty)),
                                a[src].name
                            ), comments));
                            value
                        }
                        (Some(src), None) => {
                            notes.push(decide(format!(
                                "`{}` changed type: convert `self.{}` here.",
                                field.schema_name, a[src].name
                            ), comments));
                            let err = failure(format!("decide how to convert `{}`", field.schema_name));
                            quote!(Err(#err)?)
                        }
                        (None, _)
                            if direction == Direction::Up
                                && matches!(target.unalias(&field.ty), Ty::Optional(_)) =>
                        {
                            notes.push(decide(format!(
                                "`{}` has no counterpart in v{}: `None` says v{} never recorded it; fill it in if another field knows it.",
                                field.schema_name, source.version, source.version
                            ), comments));
                            quote!(None)
                        }
                        (None, _) => {
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
            for (src, _) in sources(parts, direction)
                .into_iter()
                .filter(|(_, p)| p.dst.is_none())
            {
                let gone = &a[src];
                notes.push(decide(
                    format!(
                        "`{}` has no counterpart in v{}: use `self.{}` above, or drop it; then delete the next line.",
                        gone.schema_name,
                        target.version,
                        names::ident(&gone.name)
                    ),
                    comments,
                ));
                let err = failure(format!(
                    "decide what becomes of `{}`, which v{} has no field for",
                    gone.schema_name, target.version
                ));
                notes.push(quote!(let () = Err(#err)?;));
            }
            quote!(Ok(#to_path { #(#fields)* }))
        }
        (Body::Enum(parts), ItemKind::Enum(a), ItemKind::Enum(b)) => {
            let arms: Vec<TokenStream> = sources(parts, direction)
                .into_iter()
                .map(|(src, part)| {
                    let variant = names::ident(&a[src].name);
                    match part.dst {
                        Some(dst) => {
                            let to = names::ident(&b[dst].name);
                            quote!(#from_path::#variant => #to_path::#to,)
                        }
                        None => {
                            notes.push(decide(format!(
                                "{} does not exist in v{}: map it to another value, or keep the error.",
                                a[src].schema_name, target.version
                            ), comments));
                            let err = failure(format!("{} does not exist in v{}", a[src].schema_name, target.version));
                            quote!(#from_path::#variant => return Err(#err),)
                        }
                    }
                })
                .collect();
            quote!(Ok(match self { #(#arms)* }))
        }
        (Body::Union(parts), ItemKind::Union(a), ItemKind::Union(b)) => {
            let arms: Vec<TokenStream> = sources(parts, direction)
                .into_iter()
                .map(|(src, part)| {
                    let v = &a[src];
                    let variant = names::ident(&v.name);
                    // Arms that only fail do not use the payload yet.
                    let pattern = if v.ty.is_some() {
                        quote!(#from_path::#variant(_value))
                    } else {
                        quote!(#from_path::#variant)
                    };
                    match part.dst {
                        Some(dst) if part.converts => converter.member_arm(&sides, v, &b[dst], direction),
                        Some(_) => {
                            notes.push(decide(format!(
                                "member `{}` changed shape: convert `_value` here.",
                                v.key
                            ), comments));
                            let err = failure(format!("decide how to convert member `{}`", v.key));
                            quote!(#pattern => return Err(#err),)
                        }
                        None => {
                            notes.push(decide(format!(
                                "member `{}` does not exist in v{}: convert it to another member, or keep the error.",
                                v.key, target.version
                            ), comments));
                            let err = failure(format!("member `{}` does not exist in v{}", v.key, target.version));
                            quote!(#pattern => return Err(#err),)
                        }
                    }
                })
                .collect();
            quote!(Ok(match self { #(#arms)* }))
        }
        (_, _, ItemKind::Unit) => {
            notes.push(decide(
                format!(
                    "`{}` carries nothing in v{}: return `Ok({})` to drop what `self` holds, or keep the error.",
                    sides.to.schema_name,
                    target.version,
                    sides.to.name
                ),
                comments,
            ));
            let err = failure(format!(
                "v{}'s `{}` carries nothing; decide whether dropping the value is right",
                target.version, sides.to.schema_name
            ));
            quote!(Err(#err))
        }
        _ => {
            notes.push(decide(
                format!(
                    "the type changed kind: build a v{} `{}` here.",
                    target.version, sides.to.schema_name
                ),
                comments,
            ));
            let err = failure("write this conversion".to_owned());
            quote!(Err(#err))
        }
    };
    impl_block(
        direction,
        from_path,
        to_path,
        quote!(#(#notes)* #body),
        true,
    )
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
