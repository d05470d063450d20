//! Generated `Upgrade`/`Downgrade` impls for one step `vK` → `vK+1`: for every
//! type the analysis finds identical or convertible (and not left to the
//! user by configuration), plus the anonymous types inside them. Values are
//! moved field by field, by name; nothing is cloned.

use std::collections::HashSet;

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use crate::emit::EmitOptions;
use crate::emit::names;
use crate::emit::plan::{Item, ItemKind, Plan, Ty};
use crate::evolve::Step;

/// Which way a conversion goes.
#[derive(Clone, Copy)]
pub(crate) enum Direction {
    /// Older to newer.
    Up,
    /// Newer to older.
    Down,
}

/// All converter impls of one step.
///
/// Only types a root type can reach (in either version) are converted: the
/// chain never needs the others, and generating them could demand
/// hand-written converters for types nothing uses.
pub(crate) fn step_impls(
    old: &Plan,
    new: &Plan,
    step: &Step,
    options: &EmitOptions,
    reachable: &HashSet<String>,
) -> TokenStream {
    let manual = |name: &str| {
        options
            .manual
            .iter()
            .any(|(n, from)| n == name && *from == step.from)
    };
    // Item pairs to convert: named types first, lifted anonymous ones as
    // they are met.
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    let mut expected = Vec::new();
    for (name, change) in &step.types {
        if !reachable.contains(name) {
            continue;
        }
        let (Some(i), Some(j)) = (named(old, name), named(new, name)) else {
            continue;
        };
        if matches!(old.items[i].kind, ItemKind::Alias(_)) {
            continue;
        }
        if change.is_generated() && !manual(name) {
            pairs.push((i, j));
        } else {
            expected.push(expect_user_impls(old, new, i, j));
        }
    }
    let mut emitter = Emitter {
        old,
        new,
        pending: Vec::new(),
        seen: pairs.iter().copied().collect(),
    };
    let mut impls = Vec::new();
    let mut queue = pairs;
    while let Some((i, j)) = queue.pop() {
        impls.push(emitter.pair(i, j, Direction::Up));
        impls.push(emitter.pair(j, i, Direction::Down));
        queue.append(&mut emitter.pending);
    }
    quote!(#(#expected)* #(#impls)*)
}

/// Compile-time checks that the user wrote both converters of a changed
/// type with the right target: a missing or mistargeted impl is reported
/// here, naming both versions, rather than deep inside a generated
/// conversion.
fn expect_user_impls(old: &Plan, new: &Plan, i: usize, j: usize) -> TokenStream {
    let (old_path, new_path) = (path(old, &old.items[i]), path(new, &new.items[j]));
    quote! {
        const _: () = {
            fn upgrade_to<T: ::verso::Upgrade<Next = N>, N>() {}
            fn downgrade_to<T: ::verso::Downgrade<Prev = P>, P>() {}
            let _ = upgrade_to::<#old_path, #new_path>;
            let _ = downgrade_to::<#new_path, #old_path>;
        };
    }
}

/// The index of the named (not lifted) item `name`.
pub(crate) fn named(plan: &Plan, name: &str) -> Option<usize> {
    plan.items.iter().position(|item| item.schema_name == name)
}

pub(crate) struct Emitter<'a> {
    old: &'a Plan,
    new: &'a Plan,
    /// Lifted pairs met while converting, still to emit.
    pending: Vec<(usize, usize)>,
    seen: HashSet<(usize, usize)>,
}

impl<'a> Emitter<'a> {
    /// An emitter converting between `old` and `new`.
    pub(crate) fn new(old: &'a Plan, new: &'a Plan) -> Self {
        Emitter {
            old,
            new,
            pending: Vec::new(),
            seen: HashSet::new(),
        }
    }

    /// The plans a conversion reads from and writes to.
    fn plans(&self, direction: Direction) -> (&'a Plan, &'a Plan) {
        match direction {
            Direction::Up => (self.old, self.new),
            Direction::Down => (self.new, self.old),
        }
    }

    /// `impl Upgrade for vK::T` (or `Downgrade for vK+1::T`).
    fn pair(&mut self, from: usize, to: usize, direction: Direction) -> TokenStream {
        let (source, target) = self.plans(direction);
        let from_item = &source.items[from];
        let to_item = &target.items[to];
        let from_path = path(source, from_item);
        let to_path = path(target, to_item);
        let body = match (&from_item.kind, &to_item.kind) {
            (ItemKind::Struct(a), ItemKind::Struct(b)) => {
                let fields = b.iter().map(|field| {
                    let ident = names::ident(&field.name);
                    let old_ty = a
                        .iter()
                        .find(|f| f.schema_name == field.schema_name)
                        .map(|f| &f.ty)
                        .unwrap_or(&field.ty);
                    let wire = &field.schema_name;
                    match self.fallible(old_ty, &field.ty, quote!(self.#ident), direction) {
                        Some(result) => quote!(#ident: #result.map_err(|e| e.in_field(#wire))?,),
                        None => quote!(#ident: self.#ident,),
                    }
                });
                let fields: Vec<TokenStream> = fields.collect();
                quote!(::core::result::Result::Ok(#to_path { #(#fields)* }))
            }
            (ItemKind::Enum(a), ItemKind::Enum(b)) => {
                let arms = a
                    .iter()
                    .filter(|v| b.iter().any(|w| w.name == v.name))
                    .map(|v| {
                        let variant = names::ident(&v.name);
                        quote!(#from_path::#variant => #to_path::#variant,)
                    });
                quote!(::core::result::Result::Ok(match self { #(#arms)* }))
            }
            (ItemKind::Union(a), ItemKind::Union(b)) => {
                let arms: Vec<TokenStream> = a
                    .iter()
                    .filter_map(|v| b.iter().find(|w| w.name == v.name).map(|w| (v, w)))
                    .map(|(v, w)| {
                        let variant = names::ident(&v.name);
                        match (&v.ty, &w.ty) {
                            (Some(x), Some(y)) => {
                                let value = self.value(x, y, quote!(value), direction);
                                quote!(#from_path::#variant(value) => #to_path::#variant(#value),)
                            }
                            _ => quote!(#from_path::#variant => #to_path::#variant,),
                        }
                    })
                    .collect();
                quote!(::core::result::Result::Ok(match self { #(#arms)* }))
            }
            _ => quote!(::core::result::Result::Ok(#to_path)),
        };
        let (trait_name, assoc, method) = match direction {
            Direction::Up => (
                quote!(Upgrade),
                format_ident!("Next"),
                format_ident!("upgrade"),
            ),
            Direction::Down => (
                quote!(Downgrade),
                format_ident!("Prev"),
                format_ident!("downgrade"),
            ),
        };
        quote! {
            impl ::verso::#trait_name for #from_path {
                type #assoc = #to_path;

                fn #method(self) -> ::core::result::Result<#to_path, ::verso::ConvertError> {
                    #body
                }
            }
        }
    }

    /// An expression of the target type from `value` of the source type
    /// (with `?` where converting can fail).
    pub(crate) fn value(
        &mut self,
        from: &'a Ty,
        to: &'a Ty,
        value: TokenStream,
        direction: Direction,
    ) -> TokenStream {
        match self.fallible(from, to, value.clone(), direction) {
            Some(result) => quote!(#result?),
            None => value,
        }
    }

    /// An expression of type `Result<target, ConvertError>` converting
    /// `value`, or `None` when the value is plain data that simply moves.
    fn fallible(
        &mut self,
        from: &'a Ty,
        to: &'a Ty,
        value: TokenStream,
        direction: Direction,
    ) -> Option<TokenStream> {
        let (source, target) = self.plans(direction);
        let from = unalias(source, from);
        let to = unalias(target, to);
        if !mentions_items(source, from) {
            // Plain data: the same Rust type in both versions.
            return None;
        }
        let method = match direction {
            Direction::Up => quote!(::verso::Upgrade::upgrade),
            Direction::Down => quote!(::verso::Downgrade::downgrade),
        };
        // Containers of named types convert through the runtime's impls for
        // `Option`, `Vec` and `Box`: one call, and one clear error when a
        // converter is missing.
        if self.direct(from, to, direction) {
            return Some(quote!(#method(#value)));
        }
        Some(match (from, to) {
            (
                Ty::Item {
                    index: i,
                    boxed: bi,
                },
                Ty::Item {
                    index: j,
                    boxed: bj,
                },
            ) => {
                self.note_lifted(*i, *j, direction);
                match (bi, bj) {
                    (true, false) => quote!(#method(*#value)),
                    _ => quote!(#method(#value).map(::std::boxed::Box::new)),
                }
            }
            (Ty::Optional(a), Ty::Optional(b)) => {
                let inner = self.fallible(a, b, quote!(value), direction)?;
                quote!(#value.map(|value| #inner).transpose())
            }
            (Ty::List(a), Ty::List(b)) => {
                let inner = self.fallible(a, b, quote!(value), direction)?;
                quote!(#value.into_iter().map(|value| #inner).collect::<::core::result::Result<::std::vec::Vec<_>, _>>())
            }
            (Ty::FixedList(a, _), Ty::FixedList(b, _)) => {
                let inner = self.fallible(a, b, quote!(value), direction)?;
                quote!(::verso::convert_array(#value, |value| #inner))
            }
            (Ty::Map(ka, va), Ty::Map(kb, vb)) => {
                let key = self.value(ka, kb, quote!(key), direction);
                let val = self.value(va, vb, quote!(value), direction);
                quote!(#value
                    .into_iter()
                    .map(|(key, value)| -> ::core::result::Result<_, ::verso::ConvertError> {
                        ::core::result::Result::Ok((#key, #val))
                    })
                    .collect::<::core::result::Result<_, _>>())
            }
            // The analysis only generates conversions between equal shapes.
            _ => return None,
        })
    }

    /// Whether `from` converts to `to` by calling the trait on the whole
    /// value: named types boxed alike, inside any nesting of `Option`/`Vec`.
    fn direct(&mut self, from: &'a Ty, to: &'a Ty, direction: Direction) -> bool {
        let (source, target) = self.plans(direction);
        match (unalias(source, from), unalias(target, to)) {
            (
                Ty::Item {
                    index: i,
                    boxed: bi,
                },
                Ty::Item {
                    index: j,
                    boxed: bj,
                },
            ) if bi == bj => {
                self.note_lifted(*i, *j, direction);
                true
            }
            (Ty::Optional(a), Ty::Optional(b)) | (Ty::List(a), Ty::List(b)) => {
                self.direct(a, b, direction)
            }
            _ => false,
        }
    }

    /// Queues the conversion of a lifted (anonymous) item pair.
    fn note_lifted(&mut self, from: usize, to: usize, direction: Direction) {
        let (old, new) = match direction {
            Direction::Up => (from, to),
            Direction::Down => (to, from),
        };
        let lifted = self.old.items[old].schema_name.contains('.');
        if lifted && self.seen.insert((old, new)) {
            self.pending.push((old, new));
        }
    }
}

/// `vK::Name`.
pub(crate) fn path(plan: &Plan, item: &Item) -> TokenStream {
    let module = format_ident!("v{}", plan.version);
    let name: Ident = format_ident!("{}", item.name);
    quote!(#module::#name)
}

/// Looks through transparent aliases.
pub(crate) fn unalias<'a>(plan: &'a Plan, ty: &'a Ty) -> &'a Ty {
    let mut current = ty;
    for _ in 0..=plan.items.len() {
        match current {
            Ty::Item { index, .. } => match &plan.items[*index].kind {
                ItemKind::Alias(target) => current = target,
                _ => return current,
            },
            _ => return current,
        }
    }
    current
}

/// Whether a value of `ty` holds version-specific types (and so needs
/// converting rather than moving).
fn mentions_items(plan: &Plan, ty: &Ty) -> bool {
    match unalias(plan, ty) {
        Ty::Prim(_) | Ty::Data | Ty::FixedData(_) => false,
        Ty::Optional(inner) | Ty::List(inner) | Ty::FixedList(inner, _) => {
            mentions_items(plan, inner)
        }
        Ty::Map(k, v) => mentions_items(plan, k) || mentions_items(plan, v),
        Ty::Item { .. } => true,
    }
}
