//! The Rust type and the wire code of each type expression.
//!
//! Where a field's Rust type already encodes the BARE way (`u32`, `String`,
//! `Vec<T>`, `Option<T>`, maps, generated types) the code simply calls the
//! `Encode`/`Decode` impls. Only types whose Rust form does not say how
//! they are encoded — `uint` and `int` are `u64`/`i64` but varints — get
//! explicit codec closures from `verso::containers`.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use crate::ast::Primitive;
use crate::emit::{EmitOptions, MapType};
use crate::model::{Item, ItemKind, Model, Ty, borrows, has_default, wire_width};

/// Which types the code is written for: a version's own types, or their
/// borrowed twins (`str` and `data` as `Cow`s into the input, lifetime
/// `'a`, on the items that hold them).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Mode {
    /// `String`, `Vec<u8>`.
    Owned,
    /// `Cow<'a, str>`, `Cow<'a, [u8]>`.
    Borrowed,
}

/// Writes code for type expressions of one module.
pub(crate) struct Codec<'a> {
    pub items: &'a [Item],
    /// The model the items belong to, for looking through alias chains in
    /// one step (a chain may be thousands of aliases long).
    pub model: &'a Model,
    pub options: &'a EmitOptions,
    pub mode: Mode,
}

impl Codec<'_> {
    /// Whether `ty`'s Rust type in this mode has the lifetime `'a`.
    pub(crate) fn borrows(&self, ty: &Ty) -> bool {
        self.mode == Mode::Borrowed && borrows(ty, self.items)
    }

    /// The Rust name of item `index`, with `<'a>` on a borrowed twin.
    pub(crate) fn item_type(&self, index: usize) -> TokenStream {
        let name = format_ident!("{}", self.items[index].name);
        if self.mode == Mode::Borrowed && self.items[index].borrows {
            quote!(#name<'a>)
        } else {
            quote!(#name)
        }
    }

    /// The Rust type of `ty`.
    pub(crate) fn rust_type(&self, ty: &Ty) -> TokenStream {
        match ty {
            Ty::Prim(Primitive::Str) if self.mode == Mode::Borrowed => {
                quote!(::verso::alloc::borrow::Cow<'a, str>)
            }
            Ty::Data if self.mode == Mode::Borrowed => {
                quote!(::verso::alloc::borrow::Cow<'a, [u8]>)
            }
            Ty::Prim(Primitive::Str) if self.options.bytes => quote!(::verso::Str),
            Ty::Data if self.options.bytes => quote!(::verso::bytes::Bytes),
            Ty::Prim(p) => primitive_type(*p),
            Ty::Data => quote!(::verso::alloc::vec::Vec<u8>),
            Ty::FixedData(n) => {
                let n = Literal::usize_unsuffixed(*n as usize);
                quote!([u8; #n])
            }
            Ty::Optional(inner) => {
                let inner = self.rust_type(inner);
                quote!(::core::option::Option<#inner>)
            }
            Ty::List(inner) => {
                let inner = self.rust_type(inner);
                quote!(::verso::alloc::vec::Vec<#inner>)
            }
            Ty::FixedList(inner, n) => {
                let inner = self.rust_type(inner);
                let n = Literal::usize_unsuffixed(*n as usize);
                quote!([#inner; #n])
            }
            Ty::Map(k, v) => {
                let (k, v) = (self.rust_type(k), self.rust_type(v));
                match self.options.map_type {
                    MapType::BTreeMap => quote!(::verso::alloc::collections::BTreeMap<#k, #v>),
                    MapType::HashMap => quote!(::std::collections::HashMap<#k, #v>),
                    MapType::IndexMap => quote!(::indexmap::IndexMap<#k, #v>),
                }
            }
            Ty::Item { index, boxed } => {
                let name = self.item_type(*index);
                if *boxed {
                    quote!(::verso::alloc::boxed::Box<#name>)
                } else {
                    name
                }
            }
        }
    }

    /// Whether `ty` decodes through its Rust type's own impl (`Decode`, or
    /// `DecodeBorrowed` for a twin): [`natural`](Self::natural) types, but
    /// in a twin only those that borrow nothing or are a twin themselves
    /// (containers of twins have no impl, and `Cow`s are read explicitly).
    pub(crate) fn decodes_naturally(&self, ty: &Ty) -> bool {
        self.natural(ty) && (!self.borrows(ty) || self.plain_item(ty))
    }

    /// The size of `ty`'s wire form when it is fixed: a `list` of it then
    /// takes the bulk path (`verso::bulk`).
    pub(crate) fn fixed_width(&self, ty: &Ty) -> Option<usize> {
        wire_width(ty, self.items)
    }

    /// Whether `ty` names a struct, enum or union in place (not boxed, not
    /// an alias): a type with impls of its own, twin or not.
    fn plain_item(&self, ty: &Ty) -> bool {
        matches!(ty, Ty::Item { index, boxed: false }
            if !matches!(self.items[*index].kind, ItemKind::Alias(_)))
    }

    /// Whether the Rust type's own `Encode`/`Decode` impls are the BARE
    /// encoding of `ty`, and the fastest one (looking through aliases):
    /// everything but varints, which `u64`/`i64` do not say, and `data`,
    /// which `Vec<u8>`/`[u8; N]`'s element-wise impls would write and read
    /// byte by byte instead of in one copy (`Bytes`, with
    /// [`EmitOptions::bytes`], reads and writes `data` itself).
    pub(crate) fn natural(&self, ty: &Ty) -> bool {
        match ty {
            Ty::Prim(p) => !matches!(p, Primitive::Uint | Primitive::Int),
            Ty::Data => self.options.bytes,
            Ty::FixedData(_) => false,
            Ty::List(inner) => self.natural(inner) && self.fixed_width(inner).is_none(),
            Ty::Optional(inner) | Ty::FixedList(inner, _) => self.natural(inner),
            Ty::Map(k, v) => self.natural(k) && self.natural(v),
            Ty::Item { .. } => match self.model.unalias(ty) {
                Ty::Item { .. } => true,
                target => self.natural(target),
            },
        }
    }

    /// Code writing `value` (an expression of type `&T`) to `out`.
    pub(crate) fn encode(&self, ty: &Ty, value: TokenStream) -> TokenStream {
        if self.natural(ty) {
            return quote!(::verso::Encode::encode(#value, out));
        }
        match ty {
            Ty::List(inner) if self.fixed_width(inner).is_some() => {
                quote!(::verso::bulk::encode_fixed_list(out, #value))
            }
            Ty::Prim(Primitive::Uint) => {
                let value = deref(value);
                quote!(::verso::write::write_uint(out, #value))
            }
            Ty::Prim(Primitive::Int) => {
                let value = deref(value);
                quote!(::verso::write::write_int(out, #value))
            }
            Ty::Optional(inner) => {
                let inner = self.encode(inner, quote!(value));
                quote!(::verso::containers::encode_option_with(out, #value, |out, value| #inner))
            }
            Ty::List(inner) => {
                let inner = self.encode(inner, quote!(value));
                quote!(::verso::containers::encode_list_with(out, #value, |out, value| #inner))
            }
            Ty::FixedList(inner, _) => {
                let inner = self.encode(inner, quote!(value));
                quote!(::verso::containers::encode_array_with(out, #value, |out, value| #inner))
            }
            Ty::Map(k, v) => {
                let k = self.encode(k, quote!(key));
                let v = self.encode(v, quote!(value));
                quote!(::verso::containers::encode_map_with(out, #value, |out, key| #k, |out, value| #v))
            }
            // An alias's own target is never boxed (that would be an
            // infinite type), so the chain resolves in one step.
            Ty::Item { index, boxed } => match &self.items[*index].kind {
                ItemKind::Alias(_) if *boxed => {
                    self.encode(self.model.unalias(ty), quote!(&**#value))
                }
                ItemKind::Alias(_) => self.encode(self.model.unalias(ty), value),
                _ => quote!(::verso::Encode::encode(#value, out)),
            },
            Ty::Data => quote!(::verso::write::write_data(out, #value)),
            Ty::FixedData(_) => quote!(::verso::write::write_fixed_data(out, #value)),
            Ty::Prim(_) => quote!(::verso::Encode::encode(#value, out)),
        }
    }

    /// An expression for the encoded length of `value` (of type `&T`).
    pub(crate) fn len(&self, ty: &Ty, value: TokenStream) -> TokenStream {
        if self.natural(ty) {
            return quote!(::verso::Encode::encoded_len(#value));
        }
        match ty {
            Ty::List(inner) if self.fixed_width(inner).is_some() => {
                quote!(::verso::bulk::fixed_list_len(#value))
            }
            Ty::Prim(Primitive::Uint) => {
                let value = deref(value);
                quote!(::verso::write::uint_len(#value))
            }
            Ty::Prim(Primitive::Int) => {
                let value = deref(value);
                quote!(::verso::write::int_len(#value))
            }
            Ty::Optional(inner) => {
                let inner = self.len_fn(inner);
                quote!(::verso::containers::option_len_with(#value, #inner))
            }
            Ty::List(inner) => {
                let inner = self.len_fn(inner);
                quote!(::verso::containers::list_len_with(#value, #inner))
            }
            Ty::FixedList(inner, _) => {
                let inner = self.len_fn(inner);
                quote!(::verso::containers::array_len_with(#value, #inner))
            }
            Ty::Map(k, v) => {
                let (k, v) = (self.len_fn(k), self.len_fn(v));
                quote!(::verso::containers::map_len_with(#value, #k, #v))
            }
            Ty::Item { index, boxed } => match &self.items[*index].kind {
                ItemKind::Alias(_) if *boxed => self.len(self.model.unalias(ty), quote!(&**#value)),
                ItemKind::Alias(_) => self.len(self.model.unalias(ty), value),
                _ => quote!(::verso::Encode::encoded_len(#value)),
            },
            Ty::Data => quote!(::verso::write::data_len(#value)),
            Ty::FixedData(n) => {
                let n = Literal::usize_unsuffixed(*n as usize);
                quote!(#n)
            }
            Ty::Prim(_) => quote!(::verso::Encode::encoded_len(#value)),
        }
    }

    /// A function from `&T` to its encoded length: the `Encode` method
    /// itself where it applies, else a closure.
    fn len_fn(&self, ty: &Ty) -> TokenStream {
        if self.natural(ty) {
            quote!(::verso::Encode::encoded_len)
        } else if let Ty::FixedData(n) = self.model.unalias(ty) {
            // A constant: every `data[N]` is N bytes.
            let n = Literal::usize_unsuffixed(*n as usize);
            quote!(|_| #n)
        } else {
            let len = self.len(ty, quote!(value));
            quote!(|value| #len)
        }
    }

    /// An expression of type `Result<T, DecodeError>` reading `ty` from
    /// `reader`.
    pub(crate) fn decode(&self, ty: &Ty) -> TokenStream {
        if self.decodes_naturally(ty) {
            return quote!(reader.read());
        }
        match ty {
            Ty::Prim(Primitive::Uint) => quote!(reader.read_uint()),
            Ty::Prim(Primitive::Int) => quote!(reader.read_int()),
            Ty::Optional(inner) => {
                let inner = self.decode_fn(inner);
                quote!(::verso::containers::decode_option_with(reader, #inner))
            }
            Ty::List(inner) if self.fixed_width(inner).is_some() && self.natural(inner) => {
                quote!(::verso::bulk::decode_list(reader))
            }
            Ty::List(inner) if self.fixed_width(inner).is_some() => {
                let inner = self.decode_fn(inner);
                quote!(::verso::bulk::decode_fixed_list(reader, #inner))
            }
            Ty::List(inner) => {
                let inner = self.decode_fn(inner);
                quote!(::verso::containers::decode_list_with(reader, #inner))
            }
            // An array of elements with a default is built in place; others
            // are collected through a `Vec`.
            Ty::FixedList(inner, _) if has_default(inner, self.items) => {
                let inner = self.decode_fn(inner);
                quote!(::verso::containers::decode_default_array_with(reader, #inner))
            }
            Ty::FixedList(inner, _) => {
                let inner = self.decode_fn(inner);
                quote!(::verso::containers::decode_array_with(reader, #inner))
            }
            Ty::Map(k, v) => {
                let (k, v) = (self.decode_fn(k), self.decode_fn(v));
                quote!(::verso::containers::decode_map_with(reader, #k, #v))
            }
            Ty::Item { index, boxed } => match &self.items[*index].kind {
                ItemKind::Alias(_) if *boxed => {
                    let inner = self.decode(self.model.unalias(ty));
                    quote!(#inner.and_then(|value| reader.boxed(value)))
                }
                ItemKind::Alias(_) => self.decode(self.model.unalias(ty)),
                // A boxed twin (an owned box decodes through `Box: Decode`).
                _ if *boxed => quote!(reader.read().and_then(|value| reader.boxed(value))),
                _ => quote!(reader.read()),
            },
            Ty::Prim(Primitive::Str) => quote!(reader.read_cow_str()),
            Ty::Data if self.mode == Mode::Borrowed => quote!(reader.read_cow_data()),
            Ty::Data => quote!(reader.read_data_vec()),
            Ty::FixedData(n) => {
                let n = Literal::usize_unsuffixed(*n as usize);
                quote!(reader.read_fixed_data::<#n>())
            }
            Ty::Prim(_) => quote!(reader.read()),
        }
    }
}

impl Codec<'_> {
    /// A function from `&mut Reader` to `Result<T, DecodeError>` reading
    /// `ty`: a reader method or `Decode::decode` where one does it (so no
    /// redundant closure), else a closure.
    pub(crate) fn decode_fn(&self, ty: &Ty) -> TokenStream {
        if self.decodes_naturally(ty) {
            return match self.mode {
                Mode::Owned => quote!(::verso::Decode::decode),
                Mode::Borrowed => quote!(::verso::DecodeBorrowed::decode_borrowed),
            };
        }
        match self.model.unalias(ty) {
            Ty::Prim(Primitive::Uint) => quote!(::verso::Reader::read_uint),
            Ty::Prim(Primitive::Int) => quote!(::verso::Reader::read_int),
            Ty::Prim(Primitive::Str) => quote!(::verso::Reader::read_cow_str),
            Ty::Data if self.mode == Mode::Borrowed => quote!(::verso::Reader::read_cow_data),
            Ty::Data => quote!(::verso::Reader::read_data_vec),
            Ty::FixedData(n) => {
                let n = Literal::usize_unsuffixed(*n as usize);
                quote!(::verso::Reader::read_fixed_data::<#n>)
            }
            Ty::List(inner) if self.fixed_width(inner).is_some() && self.natural(inner) => {
                quote!(::verso::bulk::decode_list)
            }
            _ => {
                let decode = self.decode(ty);
                quote!(|reader| #decode)
            }
        }
    }
}

/// Which way [`Codec::twin_conversion`] converts.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Twin {
    /// Owned value → borrowed twin, moving (`Cow::Owned`).
    FromOwned,
    /// Borrowed twin → owned value, copying what is borrowed.
    IntoOwned,
}

impl Codec<'_> {
    /// An expression converting `value` (of `ty`) between the owned type
    /// and its borrowed twin; `value` itself when `ty` borrows nothing.
    pub(crate) fn twin_conversion(&self, ty: &Ty, value: TokenStream, way: Twin) -> TokenStream {
        if !borrows(ty, self.items) {
            return value;
        }
        match ty {
            Ty::Prim(_) | Ty::Data | Ty::FixedData(_) => match way {
                Twin::FromOwned => quote!(::verso::alloc::borrow::Cow::Owned(#value)),
                Twin::IntoOwned => quote!(#value.into_owned()),
            },
            Ty::Optional(inner) | Ty::FixedList(inner, _) => {
                let inner = self.twin_fn(inner, way);
                quote!(#value.map(#inner))
            }
            Ty::List(inner) => {
                let inner = self.twin_fn(inner, way);
                quote!(#value.into_iter().map(#inner).collect())
            }
            Ty::Map(k, v) => {
                let k = self.twin_conversion(k, quote!(key), way);
                let v = self.twin_conversion(v, quote!(value), way);
                quote!(#value.into_iter().map(|(key, value)| (#k, #v)).collect())
            }
            Ty::Item { index, boxed } => {
                // A boxed value is moved out of its box: `*value` as an
                // argument, `(*value)` as a receiver.
                let (place, receiver) = match boxed {
                    true => (quote!(*#value), quote!((*#value))),
                    false => (value.clone(), value),
                };
                let converted = match &self.items[*index].kind {
                    ItemKind::Alias(_) => {
                        self.twin_conversion(self.model.unalias(ty), receiver, way)
                    }
                    _ => match way {
                        Twin::FromOwned => quote!(::core::convert::From::from(#place)),
                        Twin::IntoOwned => quote!(#receiver.into_owned()),
                    },
                };
                if *boxed {
                    quote!(::verso::alloc::boxed::Box::new(#converted))
                } else {
                    converted
                }
            }
        }
    }
}

impl Codec<'_> {
    /// [`twin_conversion`](Self::twin_conversion) as a function: the
    /// constructor or trait function itself where one call does it (so no
    /// redundant closure), else a closure.
    fn twin_fn(&self, ty: &Ty, way: Twin) -> TokenStream {
        match (self.model.unalias(ty), way) {
            (Ty::Prim(_) | Ty::Data, Twin::FromOwned) => quote!(::verso::alloc::borrow::Cow::Owned),
            (_, Twin::FromOwned) if self.plain_item(ty) => quote!(::core::convert::From::from),
            _ => {
                let inner = self.twin_conversion(ty, quote!(value), way);
                quote!(|value| #inner)
            }
        }
    }
}

/// `*value`, or the place itself when `value` is `&place` (so generated
/// code reads `self.count`, not `*&self.count`).
fn deref(value: TokenStream) -> TokenStream {
    let mut tokens = value.clone().into_iter();
    match tokens.next() {
        Some(proc_macro2::TokenTree::Punct(p)) if p.as_char() == '&' => tokens.collect(),
        _ => quote!(*#value),
    }
}

pub(crate) fn primitive_type(p: Primitive) -> TokenStream {
    match (p, crate::emit::plain::rust_primitive(p)) {
        (_, Some(number)) => {
            let number = proc_macro2::Ident::new(number, proc_macro2::Span::call_site());
            quote!(#number)
        }
        (Primitive::Bool, None) => quote!(bool),
        (Primitive::Str, None) => quote!(::verso::alloc::string::String),
        // void never reaches a field: it is a unit struct or unit variant.
        (_, None) => quote!(()),
    }
}
