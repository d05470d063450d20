//! The code of a struct whose wire form has one fixed size: its
//! `verso::FixedWidth` impl (each field read from and written to its own
//! offset, with no bounds check per field), and `Encode`/`Decode` bodies
//! that go through it. Lists of such structs then take the runtime's bulk
//! path (`verso::bulk`); see [`crate::model::width`].

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use crate::emit::codec::Codec;
use crate::model::{FieldPlan, names};

/// `impl ::verso::FixedWidth for Name`, for a struct of `width` bytes.
pub(crate) fn fixed_width_impl(
    codec: &Codec<'_>,
    name: &TokenStream,
    fields: &[FieldPlan],
    width: usize,
) -> TokenStream {
    let mut offset = 0usize;
    let (mut reads, mut writes) = (Vec::new(), Vec::new());
    for field in fields {
        let ident = names::ident(&field.name);
        let at = Literal::usize_unsuffixed(offset);
        reads.push(quote! {
            #ident: ::verso::bulk::read_at(bytes, #at, valid),
        });
        writes.push(quote! {
            ::verso::bulk::write_at(out, #at, &self.#ident);
        });
        // Every field of a fixed-width struct has a width (the model's rule).
        offset += codec.fixed_width(&field.ty).unwrap_or(0);
    }
    let width = Literal::usize_unsuffixed(width);
    quote! {
        impl ::verso::FixedWidth for #name {
            const WIDTH: usize = #width;

            #[inline]
            fn read_fixed(bytes: &[u8], valid: &mut bool) -> Self {
                let bytes: &[u8; #width] = ::verso::bulk::record(bytes, valid);
                Self { #(#reads)* }
            }

            #[inline]
            fn write_fixed(&self, out: &mut [u8]) {
                #(#writes)*
            }
        }
    }
}

/// The `Encode` methods of a fixed-width struct: one reservation, and a
/// constant length.
pub(crate) fn encode_methods(width: usize) -> TokenStream {
    let width = Literal::usize_unsuffixed(width);
    quote! {
        fn encode(&self, out: &mut ::verso::alloc::vec::Vec<u8>) {
            ::verso::bulk::encode_fixed(self, out);
        }

        fn encoded_len(&self) -> usize {
            #width
        }
    }
}

/// A fixed-width struct's decoder: one bounds check for the whole value,
/// the field-by-field `per_field` when it fails (for its exact error).
pub(crate) fn decode_body(per_field: TokenStream) -> TokenStream {
    quote!(::verso::bulk::decode_fixed(reader, |reader| #per_field))
}

/// The name the impl is for (a fixed-width struct borrows nothing, so it is
/// the owned type in both modes).
pub(crate) fn owned_name(name: &str) -> TokenStream {
    let name = format_ident!("{name}");
    quote!(#name)
}
