//! Renders one step of the family plan as Rust: an `Upgrade`/`Downgrade`
//! impl for every direction the plan generates (the ones the user writes
//! are reached through [`HandWritten`]). Values are moved part by part, by
//! name; nothing is cloned.
//!
//! The expressions that convert one value ([`Converter`]) are shared with
//! the scaffold, so a stub converts a matching field exactly as generated
//! code would.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use crate::emit::hand_written::HandWritten;
use crate::emit::plain::{self, Conv};
use crate::evolve::{Body, Direction, Matched, Pair, StepPlan, Way};
use crate::model::{Item, ItemKind, Model, Ty, VariantPlan, names};

/// The converter impls verso generates for one step; they reach the
/// hand-written ones through `hand_written`.
pub(crate) fn step_impls(
    old: &Model,
    new: &Model,
    step: &StepPlan,
    hand_written: &HandWritten,
) -> Vec<TokenStream> {
    let converter = Converter {
        old,
        new,
        hand_written: Some(hand_written),
    };
    let mut impls = Vec::new();
    for pair in &step.pairs {
        for direction in Direction::BOTH {
            if pair.way(direction) == Way::Generated {
                impls.push(converter.generated(pair, direction));
            }
        }
    }
    impls
}

/// The source and target of one direction of a pair.
pub(crate) struct Sides<'a> {
    /// The model converted from.
    pub source: &'a Model,
    /// The model converted to.
    pub target: &'a Model,
    /// The item converted from.
    pub from: &'a Item,
    /// The item converted to.
    pub to: &'a Item,
    /// `vK::From`.
    pub from_path: TokenStream,
    /// `vJ::To`.
    pub to_path: TokenStream,
}

impl Sides<'_> {
    /// The Rust name of field `index` of the source struct.
    pub(crate) fn source_field(&self, index: usize) -> Ident {
        field_ident(self.from, index)
    }

    /// The Rust name of field `index` of the target struct.
    pub(crate) fn target_field(&self, index: usize) -> Ident {
        field_ident(self.to, index)
    }
}

fn field_ident(item: &Item, index: usize) -> Ident {
    match &item.kind {
        ItemKind::Struct(fields) => names::ident(&fields[index].name),
        _ => format_ident!("_"),
    }
}

/// Writes the expressions that convert values between two versions.
pub(crate) struct Converter<'a> {
    /// The older version.
    pub old: &'a Model,
    /// The newer version.
    pub new: &'a Model,
    /// In generated code, where each hand-written conversion is reached;
    /// `None` in user code (the scaffold), which calls the traits.
    pub hand_written: Option<&'a HandWritten>,
}

impl<'a> Converter<'a> {
    /// The models a conversion reads from and writes to.
    fn models(&self, direction: Direction) -> (&'a Model, &'a Model) {
        match direction {
            Direction::Up => (self.old, self.new),
            Direction::Down => (self.new, self.old),
        }
    }

    /// The items and paths of one direction of `pair`.
    pub(crate) fn sides(&self, pair: &Pair, direction: Direction) -> Sides<'a> {
        let (source, target) = self.models(direction);
        let (from, to) = match direction {
            Direction::Up => (&source.items[pair.old], &target.items[pair.new]),
            Direction::Down => (&source.items[pair.new], &target.items[pair.old]),
        };
        Sides {
            source,
            target,
            from,
            to,
            from_path: path(source, from),
            to_path: path(target, to),
        }
    }

    /// `impl Upgrade for vK::T` (or `Downgrade for vK+1::T`), generated.
    fn generated(&self, pair: &Pair, direction: Direction) -> TokenStream {
        let sides = self.sides(pair, direction);
        let (from_path, to_path) = (&sides.from_path, &sides.to_path);
        let body = match (&pair.body, &sides.from.kind, &sides.to.kind) {
            (Body::Struct(parts), ItemKind::Struct(a), ItemKind::Struct(_)) => {
                // The plan generates a struct only when every field has a
                // counterpart, so no target field is left out. Fields are
                // taken apart by name and moved; only the ones of named types
                // convert.
                let mut bound = Vec::new();
                let mut moved = Vec::new();
                let fields = targets(parts, direction)
                    .into_iter()
                    .filter_map(|(part, dst)| {
                        let src = part.src?;
                        let (a, b) = (sides.source_field(src), sides.target_field(dst));
                        // The plan generates only fields that convert, so
                        // a conversion is always found.
                        let converted = self
                            .field_conversion(&sides, src, dst, quote!(#a), direction)
                            .flatten();
                        let field = match converted {
                            Some(value) => quote!(#b: #value,),
                            None if a == b => {
                                moved.push(a.clone());
                                quote!(#b,)
                            }
                            None => quote!(#b: #a,),
                        };
                        bound.push(a);
                        Some(field)
                    });
                let fields: Vec<TokenStream> = fields.collect();
                if moved.len() == a.len() {
                    // Every field moves as it is: the runtime's one-line form.
                    let trait_name = trait_name(direction);
                    return quote! {
                        ::verso::move_fields!(#trait_name #from_path => #to_path { #(#moved),* });
                    };
                }
                let rest = (bound.len() < a.len()).then(|| quote!(..));
                quote! {
                    let #from_path { #(#bound,)* #rest } = self;
                    ::core::result::Result::Ok(#to_path { #(#fields)* })
                }
            }
            (Body::Enum(parts), ItemKind::Enum(a), ItemKind::Enum(b)) => {
                let arms = sources(parts, direction)
                    .into_iter()
                    .filter_map(|(src, part)| {
                        let from = names::ident(&a[src].name);
                        let to = names::ident(&b[part.dst?].name);
                        Some(quote!(#from_path::#from => #to_path::#to,))
                    });
                let arms: Vec<TokenStream> = arms.collect();
                quote!(::core::result::Result::Ok(match self { #(#arms)* }))
            }
            (Body::Union(parts), ItemKind::Union(a), ItemKind::Union(b)) => {
                let arms = sources(parts, direction)
                    .into_iter()
                    .filter_map(|(src, part)| {
                        Some(self.member_arm(&sides, &a[src], &b[part.dst?], direction))
                    });
                let arms: Vec<TokenStream> = arms.collect();
                quote!(::core::result::Result::Ok(match self { #(#arms)* }))
            }
            _ => quote!(::core::result::Result::Ok(#to_path)),
        };
        impl_block(direction, from_path, to_path, quote!(#body), false)
    }

    /// The function converting one item of the source model: its
    /// hand-written entry in generated code, else the trait method.
    fn convert_item(&self, direction: Direction, item: usize) -> TokenStream {
        let (source, _) = self.models(direction);
        self.hand_written
            .and_then(|h| h.function(direction, source, item))
            .unwrap_or_else(|| method(direction))
    }

    /// Whether converting `ty` (an item) goes through a hand-written entry.
    fn routed(&self, direction: Direction, ty: &Ty) -> bool {
        let (source, _) = self.models(direction);
        matches!(ty, Ty::Item { index, .. }
            if self.hand_written.and_then(|h| h.function(direction, source, *index)).is_some())
    }

    /// The new value of field `dst` from `value`, the old field `src`, with
    /// the field's name on a conversion error; `None` when the two types
    /// have nothing in common.
    pub(crate) fn field_value(
        &self,
        sides: &Sides<'_>,
        src: usize,
        dst: usize,
        value: TokenStream,
        direction: Direction,
    ) -> Option<TokenStream> {
        Some(
            self.field_conversion(sides, src, dst, value.clone(), direction)?
                .unwrap_or(value),
        )
    }

    /// [`field_value`](Self::field_value), with `Some(None)` when the field
    /// simply moves.
    fn field_conversion(
        &self,
        sides: &Sides<'_>,
        src: usize,
        dst: usize,
        value: TokenStream,
        direction: Direction,
    ) -> Option<Option<TokenStream>> {
        let (ItemKind::Struct(a), ItemKind::Struct(b)) = (&sides.from.kind, &sides.to.kind) else {
            return Some(None);
        };
        let wire = &b[dst].schema_name;
        Some(
            match self.conversion(&a[src].ty, &b[dst].ty, value, direction)? {
                Conv::Moves => None,
                Conv::Infallible(value) => Some(value),
                Conv::Fallible(result) => Some(quote!(#result.map_err(|e| e.in_field(#wire))?)),
            },
        )
    }

    /// The match arm converting union member `v` into member `w`. A member
    /// that is void on one side and carries a value on the other converts
    /// through its type's conversion (a void type is a unit struct).
    pub(crate) fn member_arm(
        &self,
        sides: &Sides<'_>,
        v: &VariantPlan,
        w: &VariantPlan,
        direction: Direction,
    ) -> TokenStream {
        let (from_path, to_path) = (&sides.from_path, &sides.to_path);
        let (from, to) = (names::ident(&v.name), names::ident(&w.name));
        let method = method(direction);
        match (&v.ty, &w.ty) {
            (Some(x), Some(y)) => {
                let value = match self.conversion(x, y, quote!(value), direction) {
                    Some(Conv::Infallible(value)) => value,
                    Some(Conv::Fallible(result)) => quote!(#result?),
                    Some(Conv::Moves) | None => quote!(value),
                };
                quote!(#from_path::#from(value) => #to_path::#to(#value),)
            }
            (None, None) => quote!(#from_path::#from => #to_path::#to,),
            (Some(x), None) => {
                let value = match x {
                    Ty::Item { boxed: true, .. } => quote!(*value),
                    _ => quote!(value),
                };
                let convert = match sides.source.unalias(x) {
                    Ty::Item { index, .. } => self.convert_item(direction, *index),
                    _ => method,
                };
                quote!(#from_path::#from(value) => {
                    #convert(#value)?;
                    #to_path::#to
                })
            }
            (None, Some(y)) => {
                let unit = v.named.map(|i| path(sides.source, &sides.source.items[i]));
                let convert = match v.named {
                    Some(index) => self.convert_item(direction, index),
                    None => method,
                };
                let boxed = matches!(y, Ty::Item { boxed: true, .. });
                let value = match boxed {
                    true => quote!(::verso::alloc::boxed::Box::new(#convert(#unit)?)),
                    false => quote!(#convert(#unit)?),
                };
                quote!(#from_path::#from => #to_path::#to(#value),)
            }
        }
    }

    /// How `value` of type `from` becomes a value of `to`: moved, widened,
    /// or converted through the types inside (a `Result` expression,
    /// [`Conv::Fallible`]); narrowed with a check where the shapes allow one
    /// (what the scaffold offers for review). `None` when the shapes have
    /// nothing in common.
    pub(crate) fn conversion(
        &self,
        from: &Ty,
        to: &Ty,
        value: TokenStream,
        direction: Direction,
    ) -> Option<Conv> {
        let (source, target) = self.models(direction);
        let from = source.unalias(from);
        let to = target.unalias(to);
        if !source.mentions_items(from) && !target.mentions_items(to) {
            // Plain data: numbers widen or narrow, containers map.
            return plain::convert(source, target, from, to, value);
        }
        if self.same_type(from, to, direction) {
            // The same Rust type in both versions.
            return Some(Conv::Moves);
        }
        let method = method(direction);
        // Containers of named types convert through the runtime's impls for
        // `Option`, `Vec` and `Box`: one call, and one clear error when a
        // converter is missing.
        if self.direct(from, to, direction) {
            return Some(Conv::Fallible(quote!(#method(#value))));
        }
        let result = |conv: Conv, value: TokenStream| {
            conv.into_result()
                .unwrap_or(quote!(::core::result::Result::Ok(#value)))
        };
        Some(Conv::Fallible(match (from, to) {
            (
                Ty::Item {
                    boxed: bi, index, ..
                },
                Ty::Item { boxed: bj, .. },
            ) => {
                let convert = self.convert_item(direction, *index);
                match (bi, bj) {
                    (false, false) => quote!(#convert(#value)),
                    (true, false) => quote!(#convert(*#value)),
                    (false, true) => quote!(#convert(#value).map(::verso::alloc::boxed::Box::new)),
                    (true, true) => quote!(#convert(*#value).map(::verso::alloc::boxed::Box::new)),
                }
            }
            (Ty::Optional(a), Ty::Optional(b)) => {
                let inner = result(
                    self.conversion(a, b, quote!(value), direction)?,
                    quote!(value),
                );
                let f = plain::closure(inner);
                quote!(#value.map(#f).transpose())
            }
            (Ty::List(a), Ty::List(b)) => {
                let convert = self.element(a, b, direction)?;
                quote!(::verso::convert_list(#value, #convert))
            }
            (Ty::FixedList(a, n), Ty::FixedList(b, m)) if n == m => {
                let convert = self.element(a, b, direction)?;
                quote!(::verso::convert_array(#value, #convert))
            }
            (Ty::Map(ka, va), Ty::Map(kb, vb)) => {
                // Keys are plain data or enums; an enum key converts from a
                // clone so that the old key can name a failing pair.
                let val = self.element(va, vb, direction)?;
                let key = quote!(::core::clone::Clone::clone(key));
                match self.conversion(ka, kb, key, direction)?.into_result() {
                    Some(key) => quote!(::verso::convert_map(#value, |key| #key, #val)),
                    None => quote!(::verso::convert_map_values(#value, #val)),
                }
            }
            // A value becoming optional (every value fits), and back (a
            // value that is absent does not).
            (a, Ty::Optional(b)) => {
                let inner = result(self.conversion(a, b, value.clone(), direction)?, value);
                quote!(#inner.map(::core::option::Option::Some))
            }
            (Ty::Optional(a), b) => {
                let convert = self.element(a, b, direction)?;
                quote!(#value
                    .ok_or(::verso::ConvertError::new("is absent (None)"))
                    .and_then(#convert))
            }
            (Ty::FixedList(a, _), Ty::List(b)) => {
                let convert = self.element(a, b, direction)?;
                quote!(::verso::convert_list(::verso::alloc::vec::Vec::from(#value), #convert))
            }
            (Ty::List(a), Ty::FixedList(b, n)) => {
                let convert = self.element(a, b, direction)?;
                let len = proc_macro2::Literal::usize_unsuffixed(*n as usize);
                let message = format!("must hold exactly {n} items");
                quote!(::verso::convert_list(#value, #convert).and_then(|list| {
                    <[_; #len]>::try_from(list).map_err(|_| ::verso::ConvertError::new(#message))
                }))
            }
            _ => return None,
        }))
    }

    /// A function converting one element of `from` to `to`: the trait
    /// method itself where one call does it (so no redundant closure), or
    /// a closure; `None` when the shapes have nothing in common.
    fn element(&self, from: &Ty, to: &Ty, direction: Direction) -> Option<TokenStream> {
        if self.direct(from, to, direction) {
            return Some(method(direction));
        }
        let (source, target) = self.models(direction);
        if let (
            Ty::Item {
                index,
                boxed: false,
            },
            Ty::Item { boxed: false, .. },
        ) = (source.unalias(from), target.unalias(to))
        {
            return Some(self.convert_item(direction, *index));
        }
        Some(
            match self
                .conversion(from, to, quote!(value), direction)?
                .into_result()
            {
                Some(inner) => plain::closure(inner),
                None => quote!(::core::result::Result::Ok),
            },
        )
    }

    /// Whether `from` and `to` are one Rust type: plain data, or the same
    /// imported type (from the same file), in the same containers.
    fn same_type(&self, from: &Ty, to: &Ty, direction: Direction) -> bool {
        let (source, target) = self.models(direction);
        match (source.unalias(from), target.unalias(to)) {
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
                let (a, b) = (&source.items[*i], &target.items[*j]);
                bi == bj && a.is_imported() && a.imported == b.imported && a.name == b.name
            }
            (Ty::Optional(a), Ty::Optional(b))
            | (Ty::List(a), Ty::List(b))
            | (Ty::FixedList(a, _), Ty::FixedList(b, _)) => self.same_type(a, b, direction),
            (Ty::Map(ka, va), Ty::Map(kb, vb)) => {
                self.same_type(ka, kb, direction) && self.same_type(va, vb, direction)
            }
            (a, b) => !source.mentions_items(a) && !target.mentions_items(b) && a == b,
        }
    }

    /// Whether `from` converts to `to` by calling the trait on the whole
    /// value: items boxed alike, inside any nesting of `Option`/`Vec`.
    fn direct(&self, from: &Ty, to: &Ty, direction: Direction) -> bool {
        let (source, target) = self.models(direction);
        match (source.unalias(from), target.unalias(to)) {
            // A hand-written item is reached through its one entry, never
            // through the container impls, so a missing impl is one error.
            (item @ Ty::Item { .. }, _) if self.routed(direction, item) => false,
            (a, b) if self.same_type(a, b, direction) => false,
            (Ty::Item { boxed: bi, .. }, Ty::Item { boxed: bj, .. }) => bi == bj,
            (Ty::Optional(a), Ty::Optional(b)) | (Ty::List(a), Ty::List(b)) => {
                self.direct(a, b, direction)
            }
            _ => false,
        }
    }
}

/// `Upgrade` or `Downgrade`.
fn trait_name(direction: Direction) -> Ident {
    match direction {
        Direction::Up => format_ident!("Upgrade"),
        Direction::Down => format_ident!("Downgrade"),
    }
}

/// `::verso::Upgrade::upgrade` or `::verso::Downgrade::downgrade`.
fn method(direction: Direction) -> TokenStream {
    match direction {
        Direction::Up => quote!(::verso::Upgrade::upgrade),
        Direction::Down => quote!(::verso::Downgrade::downgrade),
    }
}

/// The impl of one direction around `body`. `user` writes it the way a
/// person would in their own crate (`verso::…`, plain `Result`).
pub(crate) fn impl_block(
    direction: Direction,
    from: &TokenStream,
    to: &TokenStream,
    body: TokenStream,
    user: bool,
) -> TokenStream {
    let (trait_name, assoc, method) = match direction {
        Direction::Up => (
            format_ident!("Upgrade"),
            format_ident!("Next"),
            format_ident!("upgrade"),
        ),
        Direction::Down => (
            format_ident!("Downgrade"),
            format_ident!("Prev"),
            format_ident!("downgrade"),
        ),
    };
    if user {
        quote! {
            impl verso::#trait_name for #from {
                type #assoc = #to;

                fn #method(self) -> Result<#to, verso::ConvertError> {
                    #body
                }
            }
        }
    } else {
        quote! {
            impl ::verso::#trait_name for #from {
                type #assoc = #to;

                fn #method(self) -> ::core::result::Result<Self::#assoc, ::verso::ConvertError> {
                    #body
                }
            }
        }
    }
}

/// A part of a pair seen in one direction: its index on the side converted
/// from and on the side converted to, and whether it converts.
#[derive(Clone, Copy)]
pub(crate) struct Part {
    /// Its index in the type converted from.
    pub src: Option<usize>,
    /// Its index in the type converted to.
    pub dst: Option<usize>,
    /// Both exist and the value converts mechanically.
    pub converts: bool,
}

fn oriented(parts: &[Matched], direction: Direction) -> impl Iterator<Item = Part> + '_ {
    parts.iter().map(move |m| {
        let (src, dst) = match direction {
            Direction::Up => (m.old, m.new),
            Direction::Down => (m.new, m.old),
        };
        Part {
            src,
            dst,
            converts: m.converts.allows(direction),
        }
    })
}

/// The parts of a direction's target, in the target's order, each with its
/// source part.
pub(crate) fn targets(parts: &[Matched], direction: Direction) -> Vec<(Part, usize)> {
    let mut out: Vec<(Part, usize)> = oriented(parts, direction)
        .filter_map(|p| Some((p, p.dst?)))
        .collect();
    out.sort_by_key(|&(_, dst)| dst);
    out
}

/// The parts of a direction's source, in the source's order, each with its
/// target part.
pub(crate) fn sources(parts: &[Matched], direction: Direction) -> Vec<(usize, Part)> {
    let mut out: Vec<(usize, Part)> = oriented(parts, direction)
        .filter_map(|p| Some((p.src?, p)))
        .collect();
    out.sort_by_key(|&(src, _)| src);
    out
}

/// `vK::Name`.
pub(crate) fn path(model: &Model, item: &Item) -> TokenStream {
    let module = format_ident!("v{}", model.version);
    let name: Ident = format_ident!("{}", item.name);
    quote!(#module::#name)
}
