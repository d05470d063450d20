//! Converting plain data (no version-specific types inside) between two
//! type expressions that differ: widening where every value fits
//! (`u8` → `u16`, `T` → `Option<T>`, `[u8; 16]` → `Vec<u8>`), and the
//! checked narrowing back, which refuses a value that does not fit.
//!
//! The plan generates only the lossless direction; the checked one is what
//! `verso scaffold` writes for the user to review. Both come from here, so
//! a stub narrows exactly the shapes generated code widens.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::evolve::{Direction, widening};
use crate::ir::Primitive;
use crate::model::{Model, Ty};

/// How a value becomes its counterpart of another type.
pub(crate) enum Conv {
    /// The same Rust type: the value moves as it is.
    Moves,
    /// An expression of the target type that cannot fail.
    Infallible(TokenStream),
    /// An expression of type `Result<target, ConvertError>`.
    Fallible(TokenStream),
}

impl Conv {
    /// The conversion as a `Result` expression; `None` when the value moves.
    pub(crate) fn into_result(self) -> Option<TokenStream> {
        match self {
            Conv::Moves => None,
            Conv::Infallible(value) => Some(quote!(::core::result::Result::Ok(#value))),
            Conv::Fallible(result) => Some(result),
        }
    }

    /// A closure over `value` converting one element, for the runtime's
    /// container helpers (which take `Result`-returning functions).
    fn element(self) -> TokenStream {
        match self.into_result() {
            Some(result) => closure(result),
            None => quote!(::core::result::Result::Ok),
        }
    }
}

/// `|value| f(value)` as `f` where the body is a path applied to `value`
/// alone (what clippy's `redundant_closure` asks for), else the closure.
pub(crate) fn closure(body: TokenStream) -> TokenStream {
    use proc_macro2::{Delimiter, TokenTree};
    let tokens: Vec<TokenTree> = body.clone().into_iter().collect();
    if let Some((TokenTree::Group(args), path)) = tokens.split_last() {
        let applied_to_value =
            args.delimiter() == Delimiter::Parenthesis && args.stream().to_string() == "value";
        let plain_path = !path.is_empty()
            && path.iter().all(|t| match t {
                TokenTree::Ident(_) => true,
                TokenTree::Punct(p) => p.as_char() == ':',
                _ => false,
            });
        if applied_to_value && plain_path {
            return path.iter().cloned().collect();
        }
    }
    quote!(|value| #body)
}

/// Whether two plain type expressions are one Rust type: `u64` and
/// `uint` are (`u64`), `data[4]` and `data` are not.
pub(crate) fn same_rust_type(source: &Model, target: &Model, from: &Ty, to: &Ty) -> bool {
    match (source.unalias(from), target.unalias(to)) {
        (Ty::Prim(x), Ty::Prim(y)) => {
            x == y || rust_primitive(*x).is_some_and(|r| Some(r) == rust_primitive(*y))
        }
        (Ty::Data, Ty::Data) => true,
        (Ty::FixedData(n), Ty::FixedData(m)) => n == m,
        (Ty::Optional(x), Ty::Optional(y)) | (Ty::List(x), Ty::List(y)) => {
            same_rust_type(source, target, x, y)
        }
        (Ty::FixedList(x, n), Ty::FixedList(y, m)) => {
            n == m && same_rust_type(source, target, x, y)
        }
        (Ty::Map(k1, v1), Ty::Map(k2, v2)) => {
            same_rust_type(source, target, k1, k2) && same_rust_type(source, target, v1, v2)
        }
        _ => false,
    }
}

/// Converts `value` of plain type `from` (in `source`) to plain type `to`
/// (in `target`): moved, widened, or narrowed with a check. `None` when the
/// shapes have nothing in common (`str` → `u8`).
pub(crate) fn convert(
    source: &Model,
    target: &Model,
    from: &Ty,
    to: &Ty,
    value: TokenStream,
) -> Option<Conv> {
    if same_rust_type(source, target, from, to) {
        return Some(Conv::Moves);
    }
    let inner = |x: &Ty, y: &Ty| convert(source, target, x, y, quote!(value));
    Some(match (source.unalias(from), target.unalias(to)) {
        (Ty::Prim(x), Ty::Prim(y)) => primitive(*x, *y, value)?,
        (Ty::FixedData(_), Ty::Data) if target.data_is_bytes => {
            Conv::Infallible(quote!(::verso::bytes::Bytes::copy_from_slice(&#value)))
        }
        (Ty::FixedData(_), Ty::Data) => {
            Conv::Infallible(quote!(::verso::alloc::vec::Vec::from(#value)))
        }
        (Ty::Data, Ty::FixedData(n)) => {
            let len = Literal::usize_unsuffixed(*n as usize);
            let message = format!("must hold exactly {n} bytes");
            Conv::Fallible(quote!(
                <[u8; #len]>::try_from(&#value[..])
                    .map_err(|_| ::verso::ConvertError::new(#message))
            ))
        }
        (Ty::Optional(x), Ty::Optional(y)) => match inner(x, y)? {
            Conv::Moves => Conv::Moves,
            Conv::Infallible(e) => {
                let f = closure(e);
                Conv::Infallible(quote!(#value.map(#f)))
            }
            Conv::Fallible(r) => {
                let f = closure(r);
                Conv::Fallible(quote!(#value.map(#f).transpose()))
            }
        },
        (Ty::List(x), Ty::List(y)) => match inner(x, y)? {
            Conv::Moves => Conv::Moves,
            Conv::Infallible(e) => {
                let f = closure(e);
                Conv::Infallible(quote!(#value.into_iter().map(#f).collect()))
            }
            Conv::Fallible(r) => {
                let f = closure(r);
                Conv::Fallible(quote!(::verso::convert_list(#value, #f)))
            }
        },
        (Ty::FixedList(x, n), Ty::FixedList(y, m)) if n == m => match inner(x, y)? {
            Conv::Moves => Conv::Moves,
            Conv::Infallible(e) => {
                let f = closure(e);
                Conv::Infallible(quote!(#value.map(#f)))
            }
            Conv::Fallible(r) => {
                let f = closure(r);
                Conv::Fallible(quote!(::verso::convert_array(#value, #f)))
            }
        },
        (Ty::FixedList(x, _), Ty::List(y)) => match inner(x, y)? {
            Conv::Moves => Conv::Infallible(quote!(::verso::alloc::vec::Vec::from(#value))),
            Conv::Infallible(e) => {
                let f = closure(e);
                Conv::Infallible(quote!(::verso::alloc::vec::Vec::from(#value.map(#f))))
            }
            Conv::Fallible(r) => {
                let f = closure(r);
                Conv::Fallible(quote!(
                    ::verso::convert_list(::verso::alloc::vec::Vec::from(#value), #f)
                ))
            }
        },
        (Ty::List(x), Ty::FixedList(y, n)) => {
            let len = Literal::usize_unsuffixed(*n as usize);
            let message = format!("must hold exactly {n} items");
            let list = match inner(x, y)? {
                Conv::Moves => quote!(::core::result::Result::Ok(#value)),
                other => {
                    let convert = other.element();
                    quote!(::verso::convert_list(#value, #convert))
                }
            };
            Conv::Fallible(quote!(
                #list.and_then(|list| {
                    <[_; #len]>::try_from(list).map_err(|_| ::verso::ConvertError::new(#message))
                })
            ))
        }
        (Ty::Map(k1, v1), Ty::Map(k2, v2)) => {
            let key = convert(source, target, k1, k2, quote!(key))?;
            let val = inner(v1, v2)?;
            match (key, val) {
                (Conv::Fallible(_), _) | (_, Conv::Fallible(_)) => {
                    let key = convert(
                        source,
                        target,
                        k1,
                        k2,
                        quote!(::core::clone::Clone::clone(key)),
                    )?
                    .into_result();
                    let val = inner(v1, v2)?.element();
                    match key {
                        Some(key) => {
                            Conv::Fallible(quote!(::verso::convert_map(#value, |key| #key, #val)))
                        }
                        None => Conv::Fallible(quote!(::verso::convert_map_values(#value, #val))),
                    }
                }
                (key, val) => {
                    let key = infallible(key, quote!(key));
                    let val = infallible(val, quote!(value));
                    Conv::Infallible(quote!(
                        #value.into_iter().map(|(key, value)| (#key, #val)).collect()
                    ))
                }
            }
        }
        (_, Ty::Optional(y)) => match convert(source, target, from, y, value.clone())? {
            Conv::Moves => Conv::Infallible(quote!(::core::option::Option::Some(#value))),
            Conv::Infallible(e) => Conv::Infallible(quote!(::core::option::Option::Some(#e))),
            Conv::Fallible(r) => Conv::Fallible(quote!(#r.map(::core::option::Option::Some))),
        },
        (Ty::Optional(x), _) => {
            let present = quote!(#value.ok_or(::verso::ConvertError::new("is absent (None)")));
            match convert(source, target, x, to, quote!(value))? {
                Conv::Moves => Conv::Fallible(present),
                Conv::Infallible(e) => {
                    let f = closure(e);
                    Conv::Fallible(quote!(#present.map(#f)))
                }
                Conv::Fallible(r) => {
                    let f = closure(r);
                    Conv::Fallible(quote!(#present.and_then(#f)))
                }
            }
        }
        _ => return None,
    })
}

/// The expression of an infallible (or moving) conversion of `value`.
fn infallible(conv: Conv, value: TokenStream) -> TokenStream {
    match conv {
        Conv::Moves => value,
        Conv::Infallible(e) | Conv::Fallible(e) => e,
    }
}

/// A number into another numeric type: `From` where every value fits (the
/// plan's rule, [`widening`]), `TryFrom` (or an exactness check for floats)
/// where not.
fn primitive(from: Primitive, to: Primitive, value: TokenStream) -> Option<Conv> {
    let (source, target) = (rust_primitive(from)?, rust_primitive(to)?);
    let ty = proc_macro2::Ident::new(target, proc_macro2::Span::call_site());
    let float = |name: &str| name.starts_with('f');
    Some(match (float(source), float(target)) {
        (x, y) if x != y => return None,
        _ if widening(from, to).allows(Direction::Up) => {
            Conv::Infallible(quote!(#ty::from(#value)))
        }
        (false, _) => {
            let message = format!("does not fit in {target}");
            Conv::Fallible(quote!(
                #ty::try_from(#value).map_err(|_| ::verso::ConvertError::new(#message))
            ))
        }
        (true, _) => Conv::Fallible(quote!(::verso::exact_f32(#value))),
    })
}

/// The Rust type of a numeric primitive (`uint` is `u64`); `None` for the
/// others, which convert only to themselves.
pub(crate) fn rust_primitive(p: Primitive) -> Option<&'static str> {
    Some(match p {
        Primitive::Uint | Primitive::U64 => "u64",
        Primitive::Int | Primitive::I64 => "i64",
        Primitive::U8 => "u8",
        Primitive::U16 => "u16",
        Primitive::U32 => "u32",
        Primitive::I8 => "i8",
        Primitive::I16 => "i16",
        Primitive::I32 => "i32",
        Primitive::F32 => "f32",
        Primitive::F64 => "f64",
        Primitive::Bool | Primitive::Str | Primitive::Void => return None,
    })
}
