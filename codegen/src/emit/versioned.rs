//! The `…Versioned` enum of each root type and its `verso::Versioned` impl:
//! decode any supported version and upgrade it to the latest types, or
//! downgrade the latest types for an older reader.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use crate::emit::hand_written::HandWritten;
use crate::evolve::{Direction, Root};
use crate::model::{EmitOptions, Model};

/// The wrapper of `root`, over the versions it is supported in.
pub(crate) fn wrapper(
    root: &Root,
    models: &[Model],
    hand_written: &HandWritten,
    options: &EmitOptions,
) -> TokenStream {
    let (name, oldest) = (root.name.as_str(), root.oldest);
    let supported: Vec<&Model> = models.iter().filter(|p| p.version >= oldest).collect();
    let Some(latest) = supported.last() else {
        return TokenStream::new();
    };
    // A renamed root has the name of its time in each version.
    let rust_name = |plan: &Model| {
        let schema_name = root.name_in(plan.version).unwrap_or(name);
        plan.named(schema_name)
            .map(|index| format_ident!("{}", plan.items[index].name))
            .unwrap_or_else(|| format_ident!("{}", schema_name))
    };
    let ty = |plan: &Model| {
        let module = format_ident!("v{}", plan.version);
        let item = rust_name(plan);
        quote!(#module::#item)
    };
    let wrapper = format_ident!("{}Versioned", rust_name(latest));
    let variant = |plan: &Model| format_ident!("V{}", plan.version);
    let version = |plan: &Model| Literal::u16_unsuffixed(plan.version);
    let latest_ty = ty(latest);
    let oldest_lit = Literal::u16_unsuffixed(oldest);
    let latest_lit = version(latest);
    let doc = format!(
        " `{name}` in every supported version, {oldest} to {}.",
        latest.version
    );

    let variants = supported.iter().map(|p| {
        let (v, t) = (variant(p), ty(p));
        let doc = format!(" Version {}.", p.version);
        quote!(#[doc = #doc] #v(#t),)
    });
    let version_arms = supported.iter().map(|p| {
        let (v, n) = (variant(p), version(p));
        quote!(Self::#v(_) => #n,)
    });
    let decode_arms = supported.iter().map(|p| {
        let (v, n) = (variant(p), version(p));
        quote!(#n => ::verso::from_slice_with(bytes, limits).map(Self::#v),)
    });
    let bytes_arms = supported.iter().map(|p| {
        let v = variant(p);
        quote!(Self::#v(value) => ::verso::to_vec(value),)
    });
    // A step of the chain calls the root's conversion: its hand-written
    // entry when the user writes it, else the generated impl.
    let step = |direction: Direction, source: &Model| {
        let index = source.named(root.name_in(source.version).unwrap_or(name));
        index
            .and_then(|index| hand_written.function(direction, source, index))
            .unwrap_or_else(|| match direction {
                Direction::Up => quote!(::verso::Upgrade::upgrade),
                Direction::Down => quote!(::verso::Downgrade::downgrade),
            })
    };
    // One step of the chain, through a local function per direction that
    // names the root and both versions on a failure (`verso::chain_step`),
    // so each arm is one line.
    let step_fn = |fn_name: &str, next: TokenStream| {
        let fn_name = format_ident!("{}", fn_name);
        quote! {
            fn #fn_name<T, U>(
                value: T,
                convert: impl FnOnce(T) -> ::core::result::Result<U, ::verso::ConvertError>,
                from: u16,
            ) -> ::core::result::Result<U, ::verso::Error> {
                ::verso::chain_step(value, convert, #name, from, #next)
            }
        }
    };
    let into_latest = if supported.len() == 1 {
        let v = variant(latest);
        quote!(match self { Self::#v(value) => ::core::result::Result::Ok(value) })
    } else {
        let arms = supported.windows(2).map(|pair| {
            let (a, b) = (variant(pair[0]), variant(pair[1]));
            let upgrade = step(Direction::Up, pair[0]);
            let from = version(pair[0]);
            quote!(Self::#a(value) => Self::#b(up(value, #upgrade, #from)?),)
        });
        let last = variant(latest);
        let up = step_fn("up", quote!(from + 1));
        quote! {
            #up
            let mut value = self;
            loop {
                value = match value {
                    #(#arms)*
                    Self::#last(value) => return ::core::result::Result::Ok(value),
                };
            }
        }
    };
    let from_latest = if supported.len() == 1 {
        let v = variant(latest);
        quote! {
            <Self as ::verso::Versioned>::check_version(version)?;
            ::core::result::Result::Ok(Self::#v(latest))
        }
    } else {
        let arms = supported.windows(2).rev().map(|pair| {
            let (a, b) = (variant(pair[0]), variant(pair[1]));
            let downgrade = step(Direction::Down, pair[1]);
            let from = version(pair[1]);
            quote!(Self::#b(value) => Self::#a(down(value, #downgrade, #from)?),)
        });
        let (first, last) = (variant(supported[0]), variant(latest));
        let down = step_fn("down", quote!(from - 1));
        quote! {
            #down
            <Self as ::verso::Versioned>::check_version(version)?;
            let mut value = Self::#last(latest);
            while value.version() > version {
                value = match value {
                    #(#arms)*
                    // The oldest version: the loop has already stopped.
                    Self::#first(value) => Self::#first(value),
                };
            }
            ::core::result::Result::Ok(value)
        }
    };
    // Versions whose root is identical, step by step, to the latest one have
    // the same wire shape: they decode straight into the latest types.
    let first_direct = Literal::u16_unsuffixed(root.direct_from);
    let direct = if root.direct_from == latest.version {
        quote!(#first_direct)
    } else {
        quote!(#first_direct..=#latest_lit)
    };

    let borrowed = options.borrowed.then(|| {
        let item = latest.named(root.name_in(latest.version).unwrap_or(name));
        let module = format_ident!("v{}", latest.version);
        let twin_name = rust_name(latest);
        let borrows = item.is_some_and(|index| latest.items[index].borrows);
        let (lifetime, twin, body) = if borrows {
            (
                quote!(<'a>),
                quote!(#module::borrowed::#twin_name<'a>),
                quote! {
                    match version {
                        #direct => ::verso::from_slice_borrowed_with(bytes, limits).map_err(|source| ::verso::Error::Decode { version, source }),
                        _ => <Self as ::verso::Versioned>::decode_with(bytes, version, limits).map(::core::convert::From::from),
                    }
                },
            )
        } else {
            // Nothing to borrow: the twin is the latest type itself.
            (
                TokenStream::new(),
                quote!(#module::borrowed::#twin_name),
                quote!(<Self as ::verso::Versioned>::decode_with(bytes, version, limits)),
            )
        };
        let bytes = if borrows { quote!(&'a [u8]) } else { quote!(&[u8]) };
        quote! {
            /// Decodes a plain message of `version` into the latest
            /// version's borrowed twin: borrowing from `bytes` when `version`
            /// has the latest wire shape, else decoded owned, upgraded, and
            /// moved into the twin (no string is copied twice).
            pub fn decode_borrowed #lifetime(bytes: #bytes, version: u16) -> ::core::result::Result<#twin, ::verso::Error> {
                Self::decode_borrowed_with(bytes, version, ::verso::Limits::default())
            }

            /// [`decode_borrowed`](Self::decode_borrowed) under `limits`.
            pub fn decode_borrowed_with #lifetime(
                bytes: #bytes,
                version: u16,
                limits: ::verso::Limits,
            ) -> ::core::result::Result<#twin, ::verso::Error> {
                #body
            }
        }
    });

    // With `bytes(true)`: decoding from a shared buffer, every version
    // slicing it (the trait's default would copy).
    let shared_arms = supported.iter().map(|p| {
        let (v, n) = (variant(p), version(p));
        quote!(#n => ::verso::from_bytes_with(bytes, limits).map(Self::#v),)
    });
    let shared = options.bytes.then(|| {
        quote! {
            /// [`decode_version_with`](Self::decode_version_with) from a
            /// shared buffer: the `data` and `str` values of the message
            /// are slices of `bytes`.
            pub fn decode_version_bytes_with(
                bytes: ::verso::bytes::Bytes,
                version: u16,
                limits: ::verso::Limits,
            ) -> ::core::result::Result<Self, ::verso::Error> {
                let decoded = match version {
                    #(#shared_arms)*
                    _ => {
                        return ::core::result::Result::Err(::verso::Error::UnsupportedVersion {
                            version,
                            oldest: #oldest_lit,
                            latest: #latest_lit,
                        });
                    }
                };
                decoded.map_err(|source| ::verso::Error::Decode { version, source })
            }
        }
    });
    let shared_decode = options.bytes.then(|| {
        quote! {
            fn decode_bytes_with(
                bytes: ::verso::bytes::Bytes,
                version: u16,
                limits: ::verso::Limits,
            ) -> ::core::result::Result<#latest_ty, ::verso::Error> {
                match version {
                    #direct => ::verso::from_bytes_with(bytes, limits).map_err(|source| ::verso::Error::Decode { version, source }),
                    _ => Self::decode_version_bytes_with(bytes, version, limits)?.into_latest(),
                }
            }
        }
    });

    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, PartialEq)]
        pub enum #wrapper {
            #(#variants)*
        }

        impl #wrapper {
            /// The schema version of the value held.
            pub fn version(&self) -> u16 {
                match self {
                    #(#version_arms)*
                }
            }

            /// Decodes a plain message of `version`, without converting it.
            pub fn decode_version(bytes: &[u8], version: u16) -> ::core::result::Result<Self, ::verso::Error> {
                Self::decode_version_with(bytes, version, ::verso::Limits::default())
            }

            /// [`decode_version`](Self::decode_version) under `limits`.
            pub fn decode_version_with(
                bytes: &[u8],
                version: u16,
                limits: ::verso::Limits,
            ) -> ::core::result::Result<Self, ::verso::Error> {
                let decoded = match version {
                    #(#decode_arms)*
                    _ => {
                        return ::core::result::Result::Err(::verso::Error::UnsupportedVersion {
                            version,
                            oldest: #oldest_lit,
                            latest: #latest_lit,
                        });
                    }
                };
                decoded.map_err(|source| ::verso::Error::Decode { version, source })
            }

            /// Decodes an embedded-version message (a 2-byte little-endian
            /// version, then the payload), without converting it: for callers
            /// that want to know which version they read.
            pub fn decode_version_embedded(bytes: &[u8]) -> ::core::result::Result<Self, ::verso::Error> {
                let (version, payload) = ::verso::split_embedded(bytes)?;
                Self::decode_version(payload, version).map_err(::verso::Error::after_header)
            }

            /// Encodes the value held as a plain message of its own version.
            pub fn to_bytes(&self) -> ::verso::alloc::vec::Vec<u8> {
                match self {
                    #(#bytes_arms)*
                }
            }

            /// Encodes the value held as an embedded-version message of its
            /// own version.
            pub fn to_bytes_embedded(&self) -> ::verso::alloc::vec::Vec<u8> {
                let payload = self.to_bytes();
                let mut out = ::verso::alloc::vec::Vec::with_capacity(payload.len() + 2);
                out.extend_from_slice(&self.version().to_le_bytes());
                out.extend_from_slice(&payload);
                out
            }

            /// Upgrades the value held, step by step, to the latest version.
            pub fn into_latest(self) -> ::core::result::Result<#latest_ty, ::verso::Error> {
                #into_latest
            }

            /// Downgrades a latest value, step by step, to `version`.
            pub fn from_latest(latest: #latest_ty, version: u16) -> ::core::result::Result<Self, ::verso::Error> {
                #from_latest
            }

            #borrowed
            #shared
        }

        impl ::verso::Versioned for #wrapper {
            type Latest = #latest_ty;
            const OLDEST: u16 = #oldest_lit;
            const LATEST: u16 = #latest_lit;

            fn decode_with(
                bytes: &[u8],
                version: u16,
                limits: ::verso::Limits,
            ) -> ::core::result::Result<#latest_ty, ::verso::Error> {
                match version {
                    #direct => ::verso::from_slice_with(bytes, limits).map_err(|source| ::verso::Error::Decode { version, source }),
                    _ => Self::decode_version_with(bytes, version, limits)?.into_latest(),
                }
            }

            fn encode(latest: #latest_ty, version: u16) -> ::core::result::Result<::verso::alloc::vec::Vec<u8>, ::verso::Error> {
                match version {
                    #direct => ::core::result::Result::Ok(::verso::to_vec(&latest)),
                    _ => ::core::result::Result::Ok(Self::from_latest(latest, version)?.to_bytes()),
                }
            }

            #shared_decode
        }
    }
}
