//! Runtime for verso: strict, total BARE encoding and decoding and the
//! versioned-message machinery used by generated code.
//!
//! # Encoding and decoding
//!
//! Types implement [`Encode`] and [`Decode`]; [`to_vec`] and [`from_slice`]
//! turn a whole message into bytes and back.
//!
//! ```
//! use std::collections::BTreeMap;
//!
//! let mut scores = BTreeMap::new();
//! scores.insert("ada".to_string(), Some(verso::Uint(36)));
//! let bytes = verso::to_vec(&scores);
//! assert_eq!(bytes, [0x01, 0x03, b'a', b'd', b'a', 0x01, 0x24]);
//! let back: BTreeMap<String, Option<verso::Uint>> = verso::from_slice(&bytes)?;
//! assert_eq!(back, scores);
//! # Ok::<(), verso::DecodeError>(())
//! ```
//!
//! Decoding is strict: non-canonical varints, bool and optional bytes other
//! than 0/1, invalid UTF-8, unknown enum values and union tags, duplicate
//! map keys, truncated input and trailing bytes are all errors
//! ([`DecodeErrorKind`]), reported with the byte offset and the path of the
//! offending value. It never panics, never allocates more than the remaining
//! input can justify, and never nests deeper than [`Limits::max_depth`].
//!
//! # For generated code
//!
//! - [`write`](mod@write): a writer and an exact `*_len` function for every primitive.
//! - [`Reader`]: the decoding cursor, with a strict `read_*` method for every
//!   primitive and [`Reader::enter`]/[`Reader::leave`] for recursive types.
//! - [`containers`]: `optional`, `list`, fixed-length list and `map` helpers
//!   that take the element codec as a closure, for fields such as
//!   `list<uint>` whose Rust type (`Vec<u64>`) does not say how to encode.
//! - [`DecodeError`]: `in_type`, `in_field`, `in_variant`, … add the path
//!   while an error propagates.
//!
//! A struct, an enum and a union written the way generated code writes them:
//!
//! ```
//! use verso::{Decode, DecodeError, Encode, Reader, containers, write};
//!
//! // type Color enum { RED  GREEN = 5 }
//! #[derive(Debug, PartialEq)]
//! enum Color { Red, Green }
//! impl Encode for Color {
//!     fn encode(&self, out: &mut Vec<u8>) {
//!         write::write_enum_value(out, match self { Color::Red => 0, Color::Green => 5 });
//!     }
//!     fn encoded_len(&self) -> usize { 1 }
//! }
//! impl Decode for Color {
//!     fn decode(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
//!         reader
//!             .read_enum(|v| match v { 0 => Some(Color::Red), 5 => Some(Color::Green), _ => None })
//!             .map_err(|e| e.in_type("Color"))
//!     }
//! }
//!
//! // type Todo struct { title: str  tags: list<uint>  color: optional<Color> }
//! #[derive(Debug, PartialEq)]
//! struct Todo { title: String, tags: Vec<u64>, color: Option<Color> }
//! impl Encode for Todo {
//!     fn encode(&self, out: &mut Vec<u8>) {
//!         write::write_str(out, &self.title);
//!         containers::encode_list_with(out, &self.tags, |out, x| write::write_uint(out, *x));
//!         self.color.encode(out);
//!     }
//!     fn encoded_len(&self) -> usize {
//!         write::str_len(&self.title)
//!             + containers::list_len_with(&self.tags, |x| write::uint_len(*x))
//!             + self.color.encoded_len()
//!     }
//! }
//! impl Decode for Todo {
//!     fn decode(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
//!         Ok(Todo {
//!             title: reader.read_string().map_err(|e| e.in_field("title").in_type("Todo"))?,
//!             tags: containers::decode_list_with(reader, Reader::read_uint)
//!                 .map_err(|e| e.in_field("tags").in_type("Todo"))?,
//!             color: Decode::decode(reader).map_err(|e| e.in_field("color").in_type("Todo"))?,
//!         })
//!     }
//! }
//!
//! // type Event union { Todo = 1 | void }
//! #[derive(Debug, PartialEq)]
//! enum Event { Todo(Todo), Void }
//! impl Encode for Event {
//!     fn encode(&self, out: &mut Vec<u8>) {
//!         match self {
//!             Event::Todo(v) => { write::write_union_tag(out, 1); v.encode(out) }
//!             Event::Void => write::write_union_tag(out, 2),
//!         }
//!     }
//!     fn encoded_len(&self) -> usize {
//!         match self {
//!             Event::Todo(v) => write::union_tag_len(1) + v.encoded_len(),
//!             Event::Void => write::union_tag_len(2),
//!         }
//!     }
//! }
//! impl Decode for Event {
//!     fn decode(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
//!         let at = reader.position();
//!         match reader.read_union_tag().map_err(|e| e.in_type("Event"))? {
//!             1 => Todo::decode(reader)
//!                 .map(Event::Todo)
//!                 .map_err(|e| e.in_variant("Todo").in_type("Event")),
//!             2 => Ok(Event::Void),
//!             tag => Err(DecodeError::unknown_union_tag(tag, at).in_type("Event")),
//!         }
//!     }
//! }
//!
//! let event = Event::Todo(Todo { title: "hi".into(), tags: vec![300], color: Some(Color::Green) });
//! let bytes = verso::to_vec(&event);
//! assert_eq!(bytes, [0x01, 0x02, b'h', b'i', 0x01, 0xac, 0x02, 0x01, 0x05]);
//! assert_eq!(verso::from_slice::<Event>(&bytes)?, event);
//!
//! let mut bad = bytes.clone();
//! bad[8] = 0x07;
//! assert_eq!(
//!     verso::from_slice::<Event>(&bad).unwrap_err().to_string(),
//!     "Event::Todo.color: unknown enum value 7 at byte 8",
//! );
//! # Ok::<(), verso::DecodeError>(())
//! ```

#![no_std]

// The runtime needs only `alloc` (the same generated code runs in firmware
// reading its old config blobs); `std` adds `HashMap` support.
#[cfg(any(feature = "std", test))]
extern crate std;

/// serde, re-exported so that generated types derive `Serialize` and
/// `Deserialize` (`#[serde(crate = "::verso::serde")]`) without the user's
/// crate depending on serde itself.
#[cfg(feature = "serde")]
#[doc(hidden)]
pub extern crate serde;

/// `alloc`, re-exported so that generated code can name `Vec`, `String`,
/// `Box` and `BTreeMap` in `no_std` crates without `extern crate alloc`.
#[doc(hidden)]
pub extern crate alloc;

/// The `bytes` crate, whose [`Bytes`](bytes::Bytes) is the Rust type of
/// `data` in families generated with `verso_build::Config::bytes(true)`
/// (feature `bytes`).
#[cfg(feature = "bytes")]
pub extern crate bytes;

use alloc::vec::Vec;

mod error;
mod impls;
#[cfg(feature = "serde")]
pub mod json;
mod limits;
mod reader;
#[cfg(feature = "bytes")]
mod shared;
#[cfg(feature = "testing")]
pub mod testing;
mod versioned;

pub mod bulk;
pub mod containers;
pub mod write;

pub use bulk::FixedWidth;
pub use error::{DecodeError, DecodeErrorKind, PathDisplay, PathSegment};
pub use impls::{Int, Uint};
pub use limits::Limits;
pub use reader::Reader;
#[cfg(feature = "bytes")]
pub use shared::{Str, from_bytes, from_bytes_with};
pub use versioned::{
    ConvertError, Downgrade, Error, MapKey, Upgrade, Versioned, chain_step, convert_array,
    convert_list, convert_map, convert_map_values, exact_f32, negotiate, split_embedded,
};

/// A value that can be written as BARE.
///
/// Encoding never fails. `encoded_len` must return exactly the number of
/// bytes `encode` appends: [`to_vec`] relies on it to allocate once.
pub trait Encode {
    /// Appends the BARE encoding of `self` to `out`.
    fn encode(&self, out: &mut Vec<u8>);

    /// The exact number of bytes [`encode`](Self::encode) appends.
    fn encoded_len(&self) -> usize;
}

/// A value that can be read from BARE.
///
/// Implementations read their value from the [`Reader`]'s current position
/// and leave the reader just after it. Types that can contain themselves
/// call [`Reader::enter`]/[`Reader::leave`] (or [`Reader::nested`]) so that
/// nesting stays within [`Limits::max_depth`].
pub trait Decode: Sized {
    /// The schema name of the type, or `""` for types without one.
    /// [`from_slice`] puts it at the start of an error's path
    /// (`Todo.title: …`); inside a message the field, index or variant
    /// before a value already locates it, so decoders do not add their own
    /// name.
    const TYPE_NAME: &'static str = "";

    /// Reads one value at the reader's position.
    fn decode(reader: &mut Reader<'_>) -> Result<Self, DecodeError>;
}

/// A value that can be read from BARE borrowing from the input: the
/// borrowed twins of generated types (`verso_build::Config::borrowed`),
/// whose strings and byte strings point into the bytes decoded
/// (`Cow::Borrowed`) instead of being copied.
///
/// Every [`Decode`] type is `DecodeBorrowed` for any input lifetime, so
/// twins decode their plain-data fields with the owned decoders.
pub trait DecodeBorrowed<'a>: Sized {
    /// As [`Decode::TYPE_NAME`].
    const TYPE_NAME: &'static str = "";

    /// Reads one value at the reader's position, borrowing from its input.
    fn decode_borrowed(reader: &mut Reader<'a>) -> Result<Self, DecodeError>;
}

impl<'a, T: Decode> DecodeBorrowed<'a> for T {
    const TYPE_NAME: &'static str = <T as Decode>::TYPE_NAME;

    #[inline]
    fn decode_borrowed(reader: &mut Reader<'a>) -> Result<Self, DecodeError> {
        T::decode(reader)
    }
}

/// What decoding a `T` gives: the value, or where and why the bytes are not
/// one (the return type of [`Decode::decode`] and every reader).
pub type DecodeResult<T> = Result<T, DecodeError>;

/// Encodes `value` into a new vector, in one pass over the value.
///
/// The vector starts with room for a small message (128 bytes) and
/// doubles as it fills, so past that its capacity may exceed its length by
/// up to the length again. For a buffer of exactly the right size, reserve
/// [`Encode::encoded_len`] first and call [`Encode::encode`]: that walks
/// the value twice, which measured about 1.6 times as slow on a 100 KiB
/// message of strings and maps (the second walk misses the cache as the
/// first did).
pub fn to_vec<T: Encode + ?Sized>(value: &T) -> Vec<u8> {
    let mut out = Vec::with_capacity(TO_VEC_START);
    value.encode(&mut out);
    // Debug builds still walk twice: every test that encodes checks that
    // `encoded_len` is exact, as hand-written impls must keep it.
    debug_assert_eq!(
        out.len(),
        value.encoded_len(),
        "encoded_len disagrees with encode"
    );
    out
}

/// The capacity [`to_vec`] starts with: one allocation holds a typical
/// small message, and a large one doubles its way up (ten reallocations
/// for 100 KiB, together cheaper than a second walk of the value).
const TO_VEC_START: usize = 128;

/// Decodes one `T` that must span the whole input, with default
/// [`Limits`]. Bytes left after the value are an error
/// ([`DecodeErrorKind::TrailingBytes`]).
pub fn from_slice<T: Decode>(bytes: &[u8]) -> Result<T, DecodeError> {
    from_slice_with(bytes, Limits::default())
}

/// Decodes one `T` that must span the whole input, with the given limits.
///
/// An input longer than [`Limits::max_message_len`] is rejected up front
/// with [`DecodeErrorKind::MessageTooLarge`].
pub fn from_slice_with<T: Decode>(bytes: &[u8], limits: Limits) -> Result<T, DecodeError> {
    from_slice_borrowed_with(bytes, limits)
}

/// Decodes one `T` that must span the whole input, borrowing from it (for
/// the borrowed twins of generated types; any [`Decode`] type works too),
/// with default [`Limits`].
pub fn from_slice_borrowed<'a, T: DecodeBorrowed<'a>>(bytes: &'a [u8]) -> Result<T, DecodeError> {
    from_slice_borrowed_with(bytes, Limits::default())
}

/// [`from_slice_borrowed`] with the given limits.
pub fn from_slice_borrowed_with<'a, T: DecodeBorrowed<'a>>(
    bytes: &'a [u8],
    limits: Limits,
) -> Result<T, DecodeError> {
    decode_message(Reader::with_limits(bytes, limits))
}

/// Decodes one `T` spanning the whole input of a fresh `reader`, within
/// its limits: what [`from_slice_with`] and `from_bytes_with` share.
fn decode_message<'a, T: DecodeBorrowed<'a>>(mut reader: Reader<'a>) -> Result<T, DecodeError> {
    let limits = reader.limits();
    if reader.remaining() > limits.max_message_len() {
        return Err(DecodeError::new(
            DecodeErrorKind::MessageTooLarge {
                len: reader.remaining(),
                limit: limits.max_message_len(),
            },
            0,
        ));
    }
    let value = T::decode_borrowed(&mut reader).map_err(|e| match T::TYPE_NAME {
        "" => e,
        name => e.in_type(name),
    })?;
    reader.finish()?;
    Ok(value)
}

/// Includes the Rust code `verso-build` generated for a schema family:
/// `verso::include_family!("todo")` in the module that should hold the
/// `v1`, `v2`, … modules of `schemas/todo`.
///
/// The name is a one-family folder's name in snake_case
/// (`schemas/todo-events` → `"todo_events"`), or NAME as written for the
/// `NAME.vN.bare` files of a folder of many families
/// (`"pegboard.namespace.runner_config"`); a family built with
/// `verso_build::Config::up_to(K)` is `"NAME@vK"`. Without a build script,
/// or for a name the build script did not compile, the compiler error says
/// what to do (it lists the families that were compiled).
#[macro_export]
macro_rules! include_family {
    ($name:tt) => {
        // The index written by verso-build defines `__verso_family!`, which
        // includes a compiled family or explains why it cannot.
        ::core::include!(::core::concat!(
            ::core::env!(
                "OUT_DIR",
                "verso::include_family! needs a build script: add `build.rs` with \
                 `fn main() { verso_build::Config::new().compile(\"schemas/<family>\").unwrap() }` \
                 and `verso-build` under [build-dependencies]"
            ),
            "/verso/families.rs"
        ));
        __verso_family!($name);
    };
}

/// Generated code of a family built with `verso_build::Config::bytes(true)`
/// starts with this: nothing with verso's `bytes` feature on.
#[cfg(feature = "bytes")]
#[doc(hidden)]
#[macro_export]
macro_rules! __require_bytes {
    () => {};
}

/// Generated code of a family built with `verso_build::Config::bytes(true)`
/// starts with this: without verso's `bytes` feature, the error that says
/// which feature to turn on (before those about the missing types).
#[cfg(not(feature = "bytes"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __require_bytes {
    () => {
        ::core::compile_error!(
            "this family was generated with `Config::bytes(true)` (`data` as `bytes::Bytes`, \
             `str` as `verso::Str`), which needs verso's `bytes` feature: \
             `verso = { version = \"…\", features = [\"bytes\"] }`"
        );
    };
}

/// Generated code with serde derives writes its version modules in a macro
/// `$types` taking the `cfg` condition of their serde attributes, and calls
/// it through this: with verso's `serde` feature the attributes apply
/// (under the feature of the user's crate given after the name, if any).
#[cfg(feature = "serde")]
#[doc(hidden)]
#[macro_export]
macro_rules! __serde_types {
    ($types:ident) => {
        $types!(all());
    };
    ($types:ident, $($feature:tt)+) => {
        $types!(all($($feature)+));
    };
}

/// Generated code with serde derives writes its version modules in a macro
/// `$types` taking the `cfg` condition of their serde attributes, and calls
/// it through this: without verso's `serde` feature the attributes are
/// left out, so the types compile and this error is the only one.
#[cfg(not(feature = "serde"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __serde_types {
    ($types:ident) => {
        ::core::compile_error!(
            "this family was generated with serde derives (`Config::serde(true)`), which need \
             verso's `serde` feature: `verso = { version = \"…\", features = [\"serde\"] }` \
             (no serde dependency of your own is needed)"
        );
        $types!(any());
    };
    ($types:ident, $($feature:tt)+) => {
        #[cfg($($feature)+)]
        ::core::compile_error!(::core::concat!(
            "this family's serde derives are on under `",
            ::core::stringify!($($feature)+),
            "` of your crate (`Config::serde_feature`), and they need verso's `serde` \
             feature: have that feature enable it in [features] (`serde = [\"verso/serde\"]`)"
        ));
        $types!(any());
    };
}

/// Generated code with `Arbitrary` impls (`Config::arbitrary(true)`)
/// writes them, and the family's `laws()`, inside this: with verso's
/// `testing` feature they are kept.
#[cfg(feature = "testing")]
#[doc(hidden)]
#[macro_export]
macro_rules! __testing {
    ($($items:tt)*) => {
        $($items)*
    };
}

/// Generated code with `Arbitrary` impls (`Config::arbitrary(true)`)
/// writes them, and the family's `laws()`, inside this: without verso's
/// `testing` feature they are left out, so that the feature can be on in
/// `[dev-dependencies]` only (tests have the impls, the library builds
/// without proptest).
#[cfg(not(feature = "testing"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __testing {
    ($($items:tt)*) => {};
}

#[cfg(test)]
mod tests {
    use std::{string::String, vec};

    use super::*;

    #[test]
    fn whole_input_is_required() {
        assert_eq!(from_slice::<u8>(&[7]).unwrap(), 7);
        let err = from_slice::<u8>(&[7, 8, 9]).unwrap_err();
        assert_eq!(err.kind(), &DecodeErrorKind::TrailingBytes(2));
        assert_eq!(err.offset(), 1);
    }

    #[test]
    fn message_length_limit() {
        let limits = Limits::default().with_max_message_len(2);
        assert_eq!(from_slice_with::<u16>(&[1, 0], limits).unwrap(), 1);
        let err = from_slice_with::<u32>(&[1, 0, 0, 0], limits).unwrap_err();
        assert_eq!(
            err.kind(),
            &DecodeErrorKind::MessageTooLarge { len: 4, limit: 2 }
        );
    }

    #[test]
    fn to_vec_starts_small_and_doubles() {
        let small = vec![String::from("hello"), String::new()];
        let bytes = to_vec(&small);
        assert_eq!(bytes.len(), small.encoded_len());
        assert_eq!(bytes.capacity(), TO_VEC_START);
        // 20 strings of 100 bytes: 2,021 bytes, grown from 128 by doubling.
        let large = vec!["x".repeat(100); 20];
        let bytes = to_vec(&large);
        assert_eq!(bytes.len(), large.encoded_len());
        assert!((bytes.len()..2 * bytes.len()).contains(&bytes.capacity()));
    }
}
