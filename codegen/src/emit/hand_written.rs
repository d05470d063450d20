//! The conversions the user writes by hand, each reached by generated code
//! through one function of a private `hand_written` module. A missing or
//! mistargeted impl is then one compiler error, at that function, whose
//! message (`verso::UpgradeTo`'s) names both types and the impl to write —
//! not one error per container that holds the type.

use std::collections::HashMap;

use heck::ToSnakeCase;
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use crate::emit::convert::path;
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
                    let verb = match direction {
                        Direction::Up => "upgrade",
                        Direction::Down => "downgrade",
                    };
                    let item = &source.items[from];
                    let key = (direction, source.version, from);
                    out.order.push(key);
                    out.functions.insert(
                        key,
                        Function {
                            name: format_ident!(
                                "{verb}_v{}_{}",
                                source.version,
                                item.name.to_snake_case()
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
    pub(crate) fn module(&self, models: &[Model]) -> TokenStream {
        if self.order.is_empty() {
            return TokenStream::new();
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
        let functions = self.order.iter().map(|key| {
            let Function { name, from, to } = &self.functions[key];
            let (call, doc) = match key.0 {
                Direction::Up => (
                    quote!(::verso::upgrade_to::<#from, #to>),
                    format!(" `impl verso::Upgrade for {from}`, written by hand.").replace(" :: ", "::"),
                ),
                Direction::Down => (
                    quote!(::verso::downgrade_to::<#from, #to>),
                    format!(" `impl verso::Downgrade for {from}`, written by hand.").replace(" :: ", "::"),
                ),
            };
            quote! {
                #[doc = #doc]
                #[inline]
                pub(super) fn #name(value: #from) -> ::core::result::Result<#to, ::verso::ConvertError> {
                    #call(value)
                }
            }
        });
        quote! {
            /// The conversions written by hand (`verso diff` lists them,
            /// `verso scaffold` prints stubs). Generated code reaches each
            /// through one function here, so a missing impl is one error.
            #[allow(dead_code)] // Some are reached only from other hand-written converters.
            mod hand_written {
                use super::{#(#versions),*};

                #(#functions)*
            }
        }
    }
}
