//! The conversions the user writes by hand, each reached by generated code
//! through one function of a private `hand_written` module. A missing or
//! mistargeted impl is then one compiler error, at that function, not one
//! error per container that holds the type.
//!
//! The error's text is written here, not by rustc: each function checks its
//! impl through a trait of its own whose `#[diagnostic::on_unimplemented]`
//! names both types as a converter names them (`v1::Shape`, `v2::Shape`)
//! and the impl to write, in the words of `verso scaffold`'s stub — rustc
//! would print `{Self}` with whatever path it trims it to, which copied as
//! it is does not compile where the scaffold puts converters.

use std::collections::HashMap;

use heck::ToSnakeCase;
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use crate::emit::EmitError;
use crate::emit::convert::{impl_block, path};
use crate::evolve::{Direction, StepPlan};
use crate::model::Model;

/// The hand-written directions of a family, by the version and item they
/// convert from.
#[derive(Default)]
pub(crate) struct HandWritten {
    functions: HashMap<(Direction, u16, usize), Function>,
    /// Keys in plan order, so the module reads step by step.
    order: Vec<(Direction, u16, usize)>,
}

struct Function {
    name: Ident,
    /// The trait that checks the impl and explains a missing one.
    check: Ident,
    from: TokenStream,
    to: TokenStream,
}

impl HandWritten {
    /// Every direction the plan leaves to the user.
    pub(crate) fn new(models: &[Model], steps: &[StepPlan]) -> Self {
        let mut out = HandWritten::default();
        for (pair_of_models, step) in models.windows(2).zip(steps) {
            let (old, new) = (&pair_of_models[0], &pair_of_models[1]);
            for pair in &step.pairs {
                for direction in Direction::BOTH {
                    if !pair.way(direction).is_hand_written() {
                        continue;
                    }
                    let (source, target, from, to) = match direction {
                        Direction::Up => (old, new, pair.old, pair.new),
                        Direction::Down => (new, old, pair.new, pair.old),
                    };
                    let item = &source.items[from];
                    let key = (direction, source.version, from);
                    out.order.push(key);
                    out.functions.insert(
                        key,
                        Function {
                            name: format_ident!(
                                "{}_v{}_{}",
                                direction.verb(),
                                source.version,
                                item.name.to_snake_case()
                            ),
                            check: format_ident!(
                                "{}V{}{}",
                                direction.trait_name(),
                                source.version,
                                item.name
                            ),
                            from: path(source, item),
                            to: path(target, &target.items[to]),
                        },
                    );
                }
            }
        }
        out
    }

    /// The function that converts item `item` of `source` in `direction`,
    /// when the user writes that conversion.
    pub(crate) fn function(
        &self,
        direction: Direction,
        source: &Model,
        item: usize,
    ) -> Option<TokenStream> {
        let function = self.functions.get(&(direction, source.version, item))?;
        let name = &function.name;
        Some(quote!(hand_written::#name))
    }

    /// `mod hand_written { … }`, or nothing when the user writes nothing.
    pub(crate) fn module(&self, models: &[Model]) -> Result<TokenStream, EmitError> {
        if self.order.is_empty() {
            return Ok(TokenStream::new());
        }
        // The versions the functions name: each converts between its
        // source version and the next or previous one.
        let mut used = std::collections::BTreeSet::new();
        for (direction, version, _) in &self.order {
            used.insert(*version);
            used.insert(match direction {
                Direction::Up => version + 1,
                Direction::Down => version - 1,
            });
        }
        let versions = models
            .iter()
            .filter(|m| used.contains(&m.version))
            .map(|m| format_ident!("v{}", m.version));
        let functions = self
            .order
            .iter()
            .map(|key| entry(key.0, &self.functions[key]))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(quote! {
            /// The conversions written by hand (`verso diff` lists them,
            /// `verso scaffold` prints stubs). Generated code reaches each
            /// through one function here, so a missing impl is one error.
            #[allow(dead_code)] // Some are reached only from other hand-written converters.
            mod hand_written {
                use super::{#(#versions),*};

                #(#functions)*
            }
        })
    }
}

/// One hand-written direction: the trait that checks its impl (any type
/// whose impl converts to the right type has it, so the bound fails only
/// for a missing or mistargeted impl, with this message), and the function
/// generated code calls, the one place the bound is checked.
fn entry(direction: Direction, function: &Function) -> Result<TokenStream, EmitError> {
    let Function {
        name,
        check,
        from,
        to,
    } = function;
    let trait_name = format_ident!("{}", direction.trait_name());
    let assoc = match direction {
        Direction::Up => format_ident!("Next"),
        Direction::Down => format_ident!("Prev"),
    };
    let method = format_ident!("{}", direction.verb());
    let (from_text, to_text) = (path_text(from), path_text(to));
    let message = format!(
        "missing converter: `{from_text}` → `{to_text}` is written by hand, and there is no \
         `impl verso::{trait_name} for {from_text}`"
    );
    let label = format!(
        "`verso diff` says why this type needs a hand-written {}",
        direction.verb()
    );
    let (old, new) = match direction {
        Direction::Up => (&from_text, &to_text),
        Direction::Down => (&to_text, &from_text),
    };
    let note = format!(
        "write `{}` where this family's `{}` and `{}` are in scope (`verso scaffold DIR` \
         prints a stub, with its `use` line)",
        impl_line(direction, from, to)?,
        module_of(old),
        module_of(new),
    );
    // `{` and `}` are format syntax in these strings.
    let [message, label, note] =
        [message, label, note].map(|t| t.replace('{', "{{").replace('}', "}}"));
    let doc = format!(" `impl verso::{trait_name} for {from_text}`, written by hand.");
    Ok(quote! {
        #[doc = #doc]
        #[diagnostic::on_unimplemented(message = #message, label = #label, note = #note)]
        trait #check {
            fn checked(self) -> ::core::result::Result<#to, ::verso::ConvertError>;
        }
        impl<T: ::verso::#trait_name<#assoc = #to>> #check for T {
            fn checked(self) -> ::core::result::Result<#to, ::verso::ConvertError> {
                ::verso::#trait_name::#method(self)
            }
        }

        #[inline]
        pub(super) fn #name(value: #from) -> ::core::result::Result<#to, ::verso::ConvertError> {
            #check::checked(value)
        }
    })
}

/// The impl a user writes for one direction, on one line and with its body
/// elided: `impl verso::Upgrade for v1::Shape { type Next = v2::Shape; fn
/// upgrade(self) -> Result<v2::Shape, verso::ConvertError> { … } }`. Made
/// of the tokens of `verso scaffold`'s stubs, so the two cannot disagree.
pub(crate) fn impl_line(
    direction: Direction,
    from: &TokenStream,
    to: &TokenStream,
) -> Result<String, EmitError> {
    const ELIDED: &str = "__verso_elided";
    let body = Ident::new(ELIDED, proc_macro2::Span::call_site());
    let stub = impl_block(direction, from, to, quote!(#body), true);
    let formatted = super::format(stub).map_err(EmitError::Internal)?;
    let line = formatted.split_whitespace().collect::<Vec<_>>().join(" ");
    Ok(line.replace(ELIDED, "…"))
}

/// `v1::Shape` for the tokens `v1 :: Shape`.
fn path_text(path: &TokenStream) -> String {
    path.to_string().replace(" :: ", "::")
}

/// `v1` of `v1::Shape`.
fn module_of(path: &str) -> &str {
    path.split("::").next().unwrap_or(path)
}
