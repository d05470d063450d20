//! Writes the Rust items of a planned module: type definitions with their
//! derives and docs, and their `Encode`/`Decode` impls.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use crate::ast::Primitive;
use crate::emit::EmitOptions;
use crate::emit::bulk;
use crate::emit::codec::{Codec, Mode, Twin};
use crate::emit::serde::Serde;
use crate::model::names;
use crate::model::{Item, ItemKind, Model, Ty};

/// All items of the module, in plan order, one token stream per item; with
/// borrowed twins configured, their `borrowed` module last.
pub(crate) fn emit(plan: &Model, options: &EmitOptions) -> Vec<TokenStream> {
    let mut items = emit_mode(plan, options, Mode::Owned);
    if options.borrowed {
        let twins = emit_mode(plan, options, Mode::Borrowed);
        items.push(quote! {
            /// Borrowed twins of this version's types, for decoding without
            /// copying: every type that holds a `str` or `data` has a
            /// lifetime and holds them as `Cow`s into the bytes decoded
            /// (`verso::from_slice_borrowed`); `From` moves an owned value
            /// in and `into_owned` copies one out. The other types are the
            /// version's own, re-exported.
            pub mod borrowed {
                #(#twins)*
            }
        });
    }
    items
}

/// The items of one mode: the version's types, or their borrowed twins.
fn emit_mode(plan: &Model, options: &EmitOptions, mode: Mode) -> Vec<TokenStream> {
    let codec = Codec {
        items: &plan.items,
        model: plan,
        options,
        mode,
    };
    let keys = plan.map_keys();
    let serde = Serde::new(plan, options);
    let serde = serde.as_ref().filter(|_| mode == Mode::Owned);
    let items = plan
        .items
        .iter()
        .zip(keys)
        .enumerate()
        .map(|(index, (item, key))| {
            if mode == Mode::Borrowed && !item.borrows {
                // Nothing to borrow: the twin is the type itself.
                let name = format_ident!("{}", item.name);
                return quote!(pub use super::#name;);
            }
            if let Some(origin) = &item.imported {
                return imported_item(item, origin, mode);
            }
            let attributes = match mode {
                Mode::Owned => attributes(plan, item, options, serde),
                Mode::Borrowed => twin_attributes(item),
            };
            match &item.kind {
                ItemKind::Struct(_) => struct_item(&codec, index, attributes, serde),
                ItemKind::Enum(_) => enum_item(&codec, item, attributes, key, serde),
                ItemKind::Union(_) => union_item(&codec, index, attributes, serde),
                ItemKind::Alias(ty) => {
                    let name = codec.item_type(index);
                    let mut lines = item.docs.clone();
                    if matches!(plan.unalias(ty), Ty::Prim(Primitive::Uint | Primitive::Int)) {
                        // A transparent alias of `u64`/`i64` would encode as a
                        // fixed-width integer on its own; say how to send it alone.
                        if !lines.is_empty() {
                            lines.push(String::new());
                        }
                        lines.push(
                            "Encoded as a BARE varint inside other types; to send it as a whole \
                         message, wrap it in `verso::Uint` or `verso::Int`."
                                .to_owned(),
                        );
                    }
                    let item_docs = doc_attrs(&lines);
                    let ty = codec.rust_type(ty);
                    quote! {
                        #item_docs
                        pub type #name = #ty;
                    }
                }
                ItemKind::Unit => unit_item(item, attributes),
            }
        });
    let mut items: Vec<TokenStream> = items.collect();
    // Union members that encode through their type's impl are written with
    // these two; imported once so each member's arm fits on a line. (No
    // schema type can take these names: type names start upper-case.)
    let members = plan.items.iter().any(|item| {
        !item.is_imported()
            && (mode == Mode::Owned || item.borrows)
            && matches!(&item.kind, ItemKind::Union(variants)
                if variants.iter().any(|v| v.ty.as_ref().is_some_and(|ty| codec.natural(ty))))
    });
    if members {
        items.insert(
            0,
            quote!(
                use ::verso::write::{member_len, write_member};
            ),
        );
    }
    items
}

/// A type another family generates, re-exported here under its own name so
/// this version's code names it like its own types; the family's top level
/// brings that family's module in (`use super::common;`).
fn imported_item(item: &Item, origin: &crate::ir::Origin, mode: Mode) -> TokenStream {
    let module = format_ident!("{}", origin.module);
    let version = format_ident!("v{}", origin.version);
    let name = format_ident!("{}", item.name);
    let doc = format!(
        " Imported from `{}` v{} ({}).",
        origin.family, origin.version, origin.path
    );
    match mode {
        Mode::Owned => quote! {
            #[doc = #doc]
            pub use super::#module::#version::#name;
        },
        Mode::Borrowed => quote! {
            #[doc = #doc]
            pub use super::super::#module::#version::borrowed::#name;
        },
    }
}

/// The derives of a borrowed twin: the standard ones its owned type has
/// (no configured derives or attributes, no serde: those are written for
/// the owned types).
fn twin_attributes(item: &Item) -> TokenStream {
    let mut derives = vec![quote!(Debug), quote!(Clone), quote!(PartialEq)];
    if item.derives.total_order {
        derives.extend([quote!(Eq), quote!(Hash), quote!(PartialOrd), quote!(Ord)]);
    }
    if item.derives.default && matches!(item.kind, ItemKind::Struct(_)) {
        derives.push(quote!(Default));
    }
    quote!(#[derive(#(#derives),*)])
}

/// The head of a type's `Encode` impl: `impl ::verso::Encode for Name`, or
/// `for Name<'_>` for a borrowed twin.
fn encode_impl(codec: &Codec<'_>, item: &Item, body: TokenStream) -> TokenStream {
    let name = format_ident!("{}", item.name);
    let target = match codec.mode {
        Mode::Borrowed if item.borrows => quote!(#name<'_>),
        _ => quote!(#name),
    };
    quote! {
        impl ::verso::Encode for #target {
            #body
        }
    }
}

/// A type's `Decode` impl around its decoder `body` (which reads from
/// `reader`), or `DecodeBorrowed<'a>` for a borrowed twin.
fn decode_impl(codec: &Codec<'_>, item: &Item, body: TokenStream) -> TokenStream {
    let name = format_ident!("{}", item.name);
    let type_name = type_name(&item.schema_name);
    match codec.mode {
        Mode::Borrowed if item.borrows => quote! {
            impl<'a> ::verso::DecodeBorrowed<'a> for #name<'a> {
                #type_name

                fn decode_borrowed(reader: &mut ::verso::Reader<'a>) -> ::verso::DecodeResult<Self> {
                    #body
                }
            }
        },
        _ => quote! {
            impl ::verso::Decode for #name {
                #type_name

                fn decode(reader: &mut ::verso::Reader<'_>) -> ::verso::DecodeResult<Self> {
                    #body
                }
            }
        },
    }
}

/// `From<super::Name>` and `into_owned` for a borrowed twin, converting
/// each part with `convert` (the struct's fields or the union's members).
fn twin_conversions(item: &Item, from_owned: TokenStream, into_owned: TokenStream) -> TokenStream {
    let name = format_ident!("{}", item.name);
    quote! {
        impl<'a> ::core::convert::From<super::#name> for #name<'a> {
            fn from(value: super::#name) -> Self {
                #from_owned
            }
        }

        impl #name<'_> {
            /// This value with what it borrows copied: the version's own type.
            pub fn into_owned(self) -> super::#name {
                #into_owned
            }
        }
    }
}

/// `#[doc]` attributes for schema comments. Lines that would open a code
/// block are defused so `cargo test --doc` never runs schema comments.
fn doc_attrs(lines: &[String]) -> TokenStream {
    let mut in_fence = false;
    let lines = lines.iter().map(|line| {
        let trimmed = line.trim_start();
        let line = if trimmed.starts_with("```") {
            // Opening fences become plain-text fences; closing ones stay bare.
            in_fence = !in_fence;
            if in_fence {
                " ```text".to_owned()
            } else {
                " ```".to_owned()
            }
        } else if line.starts_with("    ") && !in_fence {
            // Indented code blocks are doctests too; keep them as text.
            format!(" {trimmed}")
        } else {
            format!(" {line}")
        };
        quote!(#[doc = #line])
    });
    let lines: Vec<TokenStream> = lines.collect();
    quote!(#(#lines)*)
}

/// Derives and configured attributes of an item.
fn attributes(
    plan: &Model,
    item: &Item,
    options: &EmitOptions,
    serde: Option<&Serde<'_>>,
) -> TokenStream {
    let mut derives = vec![quote!(Debug), quote!(Clone), quote!(PartialEq)];
    if item.derives.copy {
        derives.push(quote!(Copy));
    }
    if item.derives.total_order {
        derives.extend([quote!(Eq), quote!(Hash), quote!(PartialOrd), quote!(Ord)]);
    }
    if item.derives.default && !matches!(item.kind, ItemKind::Enum(_) | ItemKind::Union(_)) {
        derives.push(quote!(Default));
    }
    let serde_derive = serde.map(Serde::derive);
    let version_path = format!("v{}::{}", plan.version, item.schema_name);
    let applies = |path: &String| *path == item.schema_name || *path == version_path;
    for (_, derive) in options.derives.iter().filter(|(path, _)| applies(path)) {
        if let Ok(path) = syn::parse_str::<syn::Path>(derive) {
            derives.push(quote!(#path));
        }
    }
    let extra = options
        .attributes
        .iter()
        .filter(|(path, _)| applies(path))
        .filter_map(|(_, attribute)| attribute.parse::<TokenStream>().ok())
        .map(|attribute| match serde {
            Some(serde) => serde.configured(attribute),
            None => attribute,
        });
    quote! {
        #[derive(#(#derives),*)]
        #serde_derive
        #(#extra)*
    }
}

/// Wraps a decoder body so recursive types count nesting depth.
fn guard_depth(item: &Item, body: TokenStream) -> TokenStream {
    if item.recursive {
        quote!(reader.nested(|reader| #body))
    } else {
        body
    }
}

fn struct_item(
    codec: &Codec<'_>,
    index: usize,
    attributes: TokenStream,
    serde: Option<&Serde<'_>>,
) -> TokenStream {
    let item = &codec.items[index];
    let ItemKind::Struct(fields) = &item.kind else {
        return TokenStream::new();
    };
    let name = codec.item_type(index);
    let item_docs = doc_attrs(&item.docs);
    let definitions = fields.iter().map(|field| {
        let docs = doc_attrs(&field.docs);
        let serde = serde.map(|serde| serde.field(field));
        let ident = names::ident(&field.name);
        let ty = codec.rust_type(&field.ty);
        quote! {
            #docs
            #serde
            pub #ident: #ty,
        }
    });
    let encodes = fields.iter().map(|field| {
        let ident = names::ident(&field.name);
        codec.encode(&field.ty, quote!(&self.#ident))
    });
    let lens = fields.iter().map(|field| {
        let ident = names::ident(&field.name);
        codec.len(&field.ty, quote!(&self.#ident))
    });
    let decodes = fields.iter().map(|field| {
        let ident = names::ident(&field.name);
        let wire = &field.schema_name;
        if codec.decodes_naturally(&field.ty) {
            quote!(#ident: reader.read_field(#wire)?,)
        } else {
            let decode = codec.decode_fn(&field.ty);
            quote!(#ident: reader.read_field_with(#wire, #decode)?,)
        }
    });
    let per_field = quote!(::core::result::Result::Ok(Self { #(#decodes)* }));
    let (body, methods, fixed) = match item.wire_width {
        // Fixed-width structs are never recursive: nothing varies inside.
        Some(width) => (
            bulk::decode_body(per_field),
            bulk::encode_methods(width),
            Some(bulk::fixed_width_impl(
                codec,
                &bulk::owned_name(&item.name),
                fields,
                width,
            )),
        ),
        None => (
            guard_depth(item, per_field),
            quote! {
                fn encode(&self, out: &mut ::verso::alloc::vec::Vec<u8>) {
                    #(#encodes;)*
                }

                fn encoded_len(&self) -> usize {
                    #(#lens)+*
                }
            },
            None,
        ),
    };
    let encode = encode_impl(codec, item, methods);
    let decode = decode_impl(codec, item, body);
    let conversions = (codec.mode == Mode::Borrowed).then(|| {
        let convert = |way: Twin, from: TokenStream| {
            let fields = fields.iter().map(|field| {
                let ident = names::ident(&field.name);
                let value = codec.twin_conversion(&field.ty, quote!(#from.#ident), way);
                quote!(#ident: #value,)
            });
            let fields: Vec<TokenStream> = fields.collect();
            fields
        };
        let (into, out) = (
            convert(Twin::FromOwned, quote!(value)),
            convert(Twin::IntoOwned, quote!(self)),
        );
        let owned = format_ident!("{}", item.name);
        twin_conversions(
            item,
            quote!(Self { #(#into)* }),
            quote!(super::#owned { #(#out)* }),
        )
    });
    quote! {
        #item_docs
        #attributes
        pub struct #name {
            #(#definitions)*
        }

        #encode
        #decode
        #fixed
        #conversions
    }
}

/// `Decode::TYPE_NAME`, which names the type at the start of an error's
/// path when it is decoded as a whole message.
fn type_name(schema_name: &str) -> TokenStream {
    quote!(const TYPE_NAME: &'static str = #schema_name;)
}

fn enum_item(
    codec: &Codec<'_>,
    item: &Item,
    attributes: TokenStream,
    map_key: bool,
    serde: Option<&Serde<'_>>,
) -> TokenStream {
    let ItemKind::Enum(values) = &item.kind else {
        return TokenStream::new();
    };
    let name = format_ident!("{}", item.name);
    let item_docs = doc_attrs(&item.docs);
    let variants = values.iter().map(|value| {
        let docs = doc_attrs(&value.docs);
        let serde = serde.map(|serde| serde.value(value));
        let variant = names::ident(&value.name);
        let number = Literal::u64_unsuffixed(value.value);
        quote! {
            #docs
            #serde
            #variant = #number,
        }
    });
    // The wire values are the discriminants, in the narrowest integer
    // that holds them, so `value` is a cast and the enum stays small.
    let largest = values.iter().map(|value| value.value).max().unwrap_or(0);
    let repr = match largest {
        0..=0xff => quote!(u8),
        0x100..=0xffff => quote!(u16),
        0x1_0000..=0xffff_ffff => quote!(u32),
        _ => quote!(u64),
    };
    let from_value = values.iter().map(|value| {
        let variant = names::ident(&value.name);
        let number = Literal::u64_unsuffixed(value.value);
        quote!(#number => ::core::option::Option::Some(Self::#variant),)
    });
    // An enum used as a map key shows its values in conversion errors'
    // paths as the JSON mapping writes them (`byStatus["DONE"]`).
    let map_key = map_key.then(|| {
        let shown = values.iter().map(|value| {
            let variant = names::ident(&value.name);
            let json = format!("\"{}\"", value.schema_name);
            quote!(Self::#variant => #json,)
        });
        quote! {
            impl ::verso::MapKey for #name {
                fn fmt_key(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    f.write_str(match self {
                        #(#shown)*
                    })
                }
            }
        }
    });
    let encode = encode_impl(
        codec,
        item,
        quote! {
            fn encode(&self, out: &mut ::verso::alloc::vec::Vec<u8>) {
                ::verso::write::write_enum_value(out, self.value());
            }

            fn encoded_len(&self) -> usize {
                ::verso::write::enum_value_len(self.value())
            }
        },
    );
    let decode = decode_impl(codec, item, quote!(reader.read_enum(Self::from_value)));
    quote! {
        #item_docs
        #attributes
        #[repr(#repr)]
        pub enum #name {
            #(#variants)*
        }

        #map_key

        impl #name {
            /// The value that stands for this variant on the wire.
            pub const fn value(self) -> u64 {
                self as u64
            }

            /// The variant a wire value stands for, if any.
            pub const fn from_value(value: u64) -> ::core::option::Option<Self> {
                match value {
                    #(#from_value)*
                    _ => ::core::option::Option::None,
                }
            }
        }

        #encode
        #decode
    }
}

fn union_item(
    codec: &Codec<'_>,
    index: usize,
    attributes: TokenStream,
    serde: Option<&Serde<'_>>,
) -> TokenStream {
    let item = &codec.items[index];
    let ItemKind::Union(variants) = &item.kind else {
        return TokenStream::new();
    };
    let name = codec.item_type(index);
    let item_docs = doc_attrs(&item.docs);
    let definitions = variants.iter().map(|variant| {
        let docs = doc_attrs(&variant.docs);
        let serde_variant = serde.map(|serde| serde.variant(variant));
        let ident = names::ident(&variant.name);
        match &variant.ty {
            Some(ty) => {
                let payload = serde.map(|serde| serde.payload(ty));
                let ty = codec.rust_type(ty);
                quote!(#docs #serde_variant #ident(#payload #ty),)
            }
            None => quote!(#docs #serde_variant #ident,),
        }
    });
    let encodes = variants.iter().map(|variant| {
        let ident = names::ident(&variant.name);
        let tag = Literal::u64_unsuffixed(variant.tag);
        match &variant.ty {
            Some(ty) if codec.natural(ty) => {
                quote!(Self::#ident(value) => write_member(out, #tag, value),)
            }
            Some(ty) => {
                let encode = codec.encode(ty, quote!(value));
                quote! {
                    Self::#ident(value) => {
                        ::verso::write::write_union_tag(out, #tag);
                        #encode;
                    }
                }
            }
            None => quote!(Self::#ident => ::verso::write::write_union_tag(out, #tag),),
        }
    });
    let lens = variants.iter().map(|variant| {
        let ident = names::ident(&variant.name);
        let tag = Literal::u64_unsuffixed(variant.tag);
        match &variant.ty {
            Some(ty) if codec.natural(ty) => {
                quote!(Self::#ident(value) => member_len(#tag, value),)
            }
            Some(ty) => {
                let len = codec.len(ty, quote!(value));
                quote!(Self::#ident(value) => ::verso::write::union_tag_len(#tag) + #len,)
            }
            None => quote!(Self::#ident => ::verso::write::union_tag_len(#tag),),
        }
    });
    let decodes = variants.iter().map(|variant| {
        let ident = names::ident(&variant.name);
        let tag = Literal::u64_unsuffixed(variant.tag);
        let label = &variant.name;
        match &variant.ty {
            Some(ty) if codec.decodes_naturally(ty) => {
                quote!(#tag => reader.read_variant(#label, Self::#ident),)
            }
            Some(ty) => {
                let decode = codec.decode_fn(ty);
                quote!(#tag => reader.read_variant_with(#label, #decode, Self::#ident),)
            }
            None => quote!(#tag => ::core::result::Result::Ok(Self::#ident),),
        }
    });
    let body = guard_depth(
        item,
        quote!({
            let start = reader.position();
            match reader.read_union_tag()? {
                #(#decodes)*
                tag => ::core::result::Result::Err(::verso::DecodeError::unknown_union_tag(tag, start)),
            }
        }),
    );
    let encode = encode_impl(
        codec,
        item,
        quote! {
            fn encode(&self, out: &mut ::verso::alloc::vec::Vec<u8>) {
                match self {
                    #(#encodes)*
                }
            }

            fn encoded_len(&self) -> usize {
                match self {
                    #(#lens)*
                }
            }
        },
    );
    let decode = decode_impl(codec, item, body);
    let conversions = (codec.mode == Mode::Borrowed).then(|| {
        let owned = format_ident!("{}", item.name);
        let arms = |way: Twin, from: TokenStream, to: TokenStream| {
            let arms = variants.iter().map(|variant| {
                let ident = names::ident(&variant.name);
                match &variant.ty {
                    Some(ty) => {
                        let value = codec.twin_conversion(ty, quote!(value), way);
                        quote!(#from::#ident(value) => #to::#ident(#value),)
                    }
                    None => quote!(#from::#ident => #to::#ident,),
                }
            });
            let arms: Vec<TokenStream> = arms.collect();
            arms
        };
        let into = arms(Twin::FromOwned, quote!(super::#owned), quote!(Self));
        let out = arms(Twin::IntoOwned, quote!(Self), quote!(super::#owned));
        twin_conversions(
            item,
            quote!(match value { #(#into)* }),
            quote!(match self { #(#out)* }),
        )
    });
    quote! {
        #item_docs
        #attributes
        // A member much larger than the others is boxed; what is left of
        // the size difference (verso's layout estimate is coarse) is
        // accepted.
        #[allow(clippy::large_enum_variant)]
        pub enum #name {
            #(#definitions)*
        }

        #encode
        #decode
        #conversions
    }
}

fn unit_item(item: &Item, attributes: TokenStream) -> TokenStream {
    let name = format_ident!("{}", item.name);
    let item_docs = doc_attrs(&item.docs);
    quote! {
        #item_docs
        #attributes
        pub struct #name;

        impl ::verso::Encode for #name {
            fn encode(&self, _out: &mut ::verso::alloc::vec::Vec<u8>) {}

            fn encoded_len(&self) -> usize {
                0
            }
        }

        impl ::verso::Decode for #name {
            fn decode(_reader: &mut ::verso::Reader<'_>) -> ::verso::DecodeResult<Self> {
                ::core::result::Result::Ok(Self)
            }
        }
    }
}
