//! [`Encode`] and [`Decode`] for standard Rust types, and the varint
//! newtypes [`Uint`] and [`Int`].
//!
//! | Rust | BARE |
//! |---|---|
//! | `u8` … `u64`, `i8` … `i64` | the fixed-width type of the same name |
//! | [`Uint`], [`Int`] | `uint`, `int` (varints) |
//! | `f32`, `f64` | `f32`, `f64` |
//! | `bool` | `bool` |
//! | `String`, `str` | `str` |
//! | `Vec<T>`, `[T]` | `list<T>` (`Vec<u8>` gives the same bytes as `data`) |
//! | `[T; N]` | `list<T>[N]` (`[u8; N]` gives the same bytes as `data[N]`) |
//! | `Option<T>` | `optional<T>` |
//! | `BTreeMap<K, V>`, `HashMap<K, V, S>` | `map<K><V>` |
//! | `Box<T>`, `&T` | as `T` |
//!
//! There is no impl for `()`: BARE `void` only appears as a union member or
//! a whole message, and a `Vec<()>` could not be decoded, since the decoder
//! relies on every list element taking at least one byte.

use alloc::collections::BTreeMap;
use alloc::{
    borrow::{Cow, ToOwned},
    boxed::Box,
    string::String,
    vec::Vec,
};
#[cfg(feature = "std")]
use core::hash::{BuildHasher, Hash};
#[cfg(feature = "std")]
use std::collections::HashMap;

use crate::containers::{
    array_len_with, decode_array_with, decode_list_with, decode_map_with, decode_option_with,
    encode_array_with, encode_list_with, encode_map_with, encode_option_with, list_len_with,
    map_len_with, option_len_with,
};
use crate::error::DecodeError;
use crate::reader::Reader;
use crate::write;
use crate::{Decode, Encode};

macro_rules! fixed_width {
    ($($ty:ty => $write:ident, $read:ident;)*) => {$(
        impl Encode for $ty {
            #[inline]
            fn encode(&self, out: &mut Vec<u8>) {
                write::$write(out, *self);
            }

            #[inline]
            fn encoded_len(&self) -> usize {
                size_of::<$ty>()
            }
        }

        impl Decode for $ty {
            #[inline]
            fn decode(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
                reader.$read()
            }
        }
    )*};
}

fixed_width! {
    u8 => write_u8, read_u8;
    u16 => write_u16, read_u16;
    u32 => write_u32, read_u32;
    u64 => write_u64, read_u64;
    i8 => write_i8, read_i8;
    i16 => write_i16, read_i16;
    i32 => write_i32, read_i32;
    i64 => write_i64, read_i64;
    f32 => write_f32, read_f32;
    f64 => write_f64, read_f64;
    bool => write_bool, read_bool;
}

/// A BARE `uint`: a `u64` encoded as a LEB128 varint.
///
/// Generated code keeps plain `u64` fields and calls
/// [`write_uint`](crate::write::write_uint) /
/// [`Reader::read_uint`] directly; this wrapper is for hand-written types and
/// top-level values.
///
/// ```
/// assert_eq!(verso::to_vec(&verso::Uint(300)), [0xac, 0x02]);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Uint(pub u64);

/// A BARE `int`: an `i64` encoded zig-zag, then as a varint.
///
/// ```
/// assert_eq!(verso::to_vec(&verso::Int(-1)), [0x01]);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Int(pub i64);

impl From<u64> for Uint {
    fn from(value: u64) -> Self {
        Uint(value)
    }
}

impl From<Uint> for u64 {
    fn from(value: Uint) -> Self {
        value.0
    }
}

impl From<i64> for Int {
    fn from(value: i64) -> Self {
        Int(value)
    }
}

impl From<Int> for i64 {
    fn from(value: Int) -> Self {
        value.0
    }
}

impl Encode for Uint {
    #[inline]
    fn encode(&self, out: &mut Vec<u8>) {
        write::write_uint(out, self.0);
    }

    #[inline]
    fn encoded_len(&self) -> usize {
        write::uint_len(self.0)
    }
}

impl Decode for Uint {
    #[inline]
    fn decode(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        reader.read_uint().map(Uint)
    }
}

impl Encode for Int {
    #[inline]
    fn encode(&self, out: &mut Vec<u8>) {
        write::write_int(out, self.0);
    }

    #[inline]
    fn encoded_len(&self) -> usize {
        write::int_len(self.0)
    }
}

impl Decode for Int {
    #[inline]
    fn decode(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        reader.read_int().map(Int)
    }
}

impl Encode for str {
    #[inline]
    fn encode(&self, out: &mut Vec<u8>) {
        write::write_str(out, self);
    }

    #[inline]
    fn encoded_len(&self) -> usize {
        write::str_len(self)
    }
}

impl Encode for String {
    #[inline]
    fn encode(&self, out: &mut Vec<u8>) {
        write::write_str(out, self);
    }

    #[inline]
    fn encoded_len(&self) -> usize {
        write::str_len(self)
    }
}

impl Decode for String {
    #[inline]
    fn decode(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        reader.read_string()
    }
}

impl<T: Encode + ?Sized> Encode for &T {
    #[inline]
    fn encode(&self, out: &mut Vec<u8>) {
        (**self).encode(out);
    }

    #[inline]
    fn encoded_len(&self) -> usize {
        (**self).encoded_len()
    }
}

/// A `Cow` encodes as what it points to (the strings and byte strings of
/// borrowed twins).
impl<B: Encode + ToOwned + ?Sized> Encode for Cow<'_, B> {
    #[inline]
    fn encode(&self, out: &mut Vec<u8>) {
        (**self).encode(out);
    }

    #[inline]
    fn encoded_len(&self) -> usize {
        (**self).encoded_len()
    }
}

impl<T: Encode + ?Sized> Encode for Box<T> {
    #[inline]
    fn encode(&self, out: &mut Vec<u8>) {
        (**self).encode(out);
    }

    #[inline]
    fn encoded_len(&self) -> usize {
        (**self).encoded_len()
    }
}

impl<T: Decode> Decode for Box<T> {
    #[inline]
    fn decode(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        let value = T::decode(reader)?;
        reader.boxed(value)
    }
}

impl<T: Encode> Encode for Option<T> {
    #[inline]
    fn encode(&self, out: &mut Vec<u8>) {
        encode_option_with(out, self, |out, value| value.encode(out));
    }

    #[inline]
    fn encoded_len(&self) -> usize {
        option_len_with(self, T::encoded_len)
    }
}

impl<T: Decode> Decode for Option<T> {
    #[inline]
    fn decode(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        decode_option_with(reader, T::decode)
    }
}

impl<T: Encode> Encode for [T] {
    #[inline]
    fn encode(&self, out: &mut Vec<u8>) {
        encode_list_with(out, self, |out, item| item.encode(out));
    }

    #[inline]
    fn encoded_len(&self) -> usize {
        list_len_with(self, T::encoded_len)
    }
}

impl<T: Encode> Encode for Vec<T> {
    #[inline]
    fn encode(&self, out: &mut Vec<u8>) {
        self.as_slice().encode(out);
    }

    #[inline]
    fn encoded_len(&self) -> usize {
        self.as_slice().encoded_len()
    }
}

impl<T: Decode> Decode for Vec<T> {
    #[inline]
    fn decode(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        decode_list_with(reader, T::decode)
    }
}

impl<T: Encode, const N: usize> Encode for [T; N] {
    #[inline]
    fn encode(&self, out: &mut Vec<u8>) {
        encode_array_with(out, self, |out, item| item.encode(out));
    }

    #[inline]
    fn encoded_len(&self) -> usize {
        array_len_with(self, T::encoded_len)
    }
}

impl<T: Decode, const N: usize> Decode for [T; N] {
    #[inline]
    fn decode(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        decode_array_with(reader, T::decode)
    }
}

impl<K: Encode, V: Encode> Encode for BTreeMap<K, V> {
    #[inline]
    fn encode(&self, out: &mut Vec<u8>) {
        encode_map_with(out, self, |out, k| k.encode(out), |out, v| v.encode(out));
    }

    #[inline]
    fn encoded_len(&self) -> usize {
        map_len_with(self, K::encoded_len, V::encoded_len)
    }
}

impl<K: Decode + Ord, V: Decode> Decode for BTreeMap<K, V> {
    #[inline]
    fn decode(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        decode_map_with(reader, K::decode, V::decode)
    }
}

#[cfg(feature = "std")]
impl<K: Encode, V: Encode, S> Encode for HashMap<K, V, S> {
    #[inline]
    fn encode(&self, out: &mut Vec<u8>) {
        encode_map_with(out, self, |out, k| k.encode(out), |out, v| v.encode(out));
    }

    #[inline]
    fn encoded_len(&self) -> usize {
        map_len_with(self, K::encoded_len, V::encoded_len)
    }
}

#[cfg(feature = "std")]
impl<K: Decode + Eq + Hash, V: Decode, S: BuildHasher + Default> Decode for HashMap<K, V, S> {
    #[inline]
    fn decode(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        decode_map_with(reader, K::decode, V::decode)
    }
}

/// `map<K><V>` keeping the wire order of its pairs (feature `indexmap`).
#[cfg(feature = "indexmap")]
impl<K: Encode, V: Encode, S> Encode for indexmap::IndexMap<K, V, S> {
    #[inline]
    fn encode(&self, out: &mut Vec<u8>) {
        encode_map_with(out, self, |out, k| k.encode(out), |out, v| v.encode(out));
    }

    #[inline]
    fn encoded_len(&self) -> usize {
        map_len_with(self, K::encoded_len, V::encoded_len)
    }
}

#[cfg(feature = "indexmap")]
impl<K: Decode + Eq + Hash, V: Decode, S: BuildHasher + Default> Decode
    for indexmap::IndexMap<K, V, S>
{
    #[inline]
    fn decode(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        decode_map_with(reader, K::decode, V::decode)
    }
}

#[cfg(test)]
mod tests {
    use std::{boxed::Box, vec, vec::Vec};

    use super::*;
    use crate::{from_slice, to_vec};

    #[test]
    fn unsized_values_encode() {
        assert_eq!(to_vec("hi"), [0x02, b'h', b'i']);
        assert_eq!(to_vec(&[1u16, 2][..]), [0x02, 0x01, 0x00, 0x02, 0x00]);
        let boxed: Box<str> = "é".into();
        assert_eq!(to_vec(&boxed), [0x02, 0xc3, 0xa9]);
    }

    #[test]
    fn bytes_as_list_and_as_data_agree() {
        let bytes = vec![0xde, 0xad];
        let mut data = Vec::new();
        write::write_data(&mut data, &bytes);
        assert_eq!(to_vec(&bytes), data);
        assert_eq!(from_slice::<Vec<u8>>(&data).unwrap(), bytes);
    }

    #[test]
    fn varint_newtypes_convert() {
        assert_eq!(u64::from(Uint::from(5)), 5);
        assert_eq!(i64::from(Int::from(-5)), -5);
        assert_eq!(Uint(300).encoded_len(), 2);
        assert_eq!(Int(64).encoded_len(), 2);
    }
}
