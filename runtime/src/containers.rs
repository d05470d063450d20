//! Closure-based helpers for `optional`, `list`, `list<T>[N]` and `map`.
//!
//! Generated code maps BARE types onto plain Rust types (`list<uint>` is a
//! `Vec<u64>`), so the element encoding cannot always come from a trait
//! impl: `u64` implements [`Encode`](crate::Encode) as the fixed-width
//! `u64`, not as a varint. These helpers take the element codec as a
//! closure instead, and nest:
//!
//! ```
//! use verso::{Reader, containers::*, write::*};
//! // list<optional<uint>>
//! let value: Vec<Option<u64>> = vec![Some(300), None];
//!
//! let mut out = Vec::new();
//! encode_list_with(&mut out, &value, |out, x| {
//!     encode_option_with(out, x, |out, x| write_uint(out, *x))
//! });
//! let len = list_len_with(&value, |x| option_len_with(x, |x| uint_len(*x)));
//! assert_eq!(out, [0x02, 0x01, 0xac, 0x02, 0x00]);
//! assert_eq!(len, out.len());
//!
//! let mut reader = Reader::new(&out);
//! let back: Vec<Option<u64>> =
//!     decode_list_with(&mut reader, |r| decode_option_with(r, |r| r.read_uint()))?;
//! assert_eq!(back, value);
//! # Ok::<(), verso::DecodeError>(())
//! ```
//!
//! Decoders add the element's place (`[3]`, `{key 0}`, …) to the path of any
//! error coming out of an element closure.

use alloc::collections::BTreeMap;
use alloc::vec::Vec;
#[cfg(feature = "std")]
use core::hash::{BuildHasher, Hash};
#[cfg(feature = "std")]
use std::collections::HashMap;

use crate::error::{DecodeError, DecodeErrorKind};
use crate::reader::Reader;
use crate::write::{count_len, write_count, write_optional_tag};

/// Upper bound, in bytes, on what a decoder reserves up front from a count
/// read off the wire. Counts are already bounded by the input length, but one
/// input byte can stand for an element many bytes wide in memory; past this
/// the collection grows as elements actually decode.
const MAX_PREALLOC_BYTES: usize = 1 << 20;

#[inline]
fn capacity_hint<T>(count: usize) -> usize {
    count.min(MAX_PREALLOC_BYTES / size_of::<T>().max(1))
}

/// The largest key-value pair, in bytes, that a `BTreeMap` decoder collects
/// and bulk-builds rather than inserting one by one.
const BULK_BUILD_MAX_PAIR: usize = 64;

/// What a map entry costs beyond twice its key and value, for the
/// allocation budget: node headers and `HashMap` control bytes.
const MAP_ENTRY_OVERHEAD: usize = 16;

// ---- optional ----

/// Encodes an `optional<T>`: the presence byte, then the value if any.
#[inline]
pub fn encode_option_with<T>(
    out: &mut Vec<u8>,
    value: &Option<T>,
    encode: impl FnOnce(&mut Vec<u8>, &T),
) {
    write_optional_tag(out, value.is_some());
    if let Some(value) = value {
        encode(out, value);
    }
}

/// Encoded length of an `optional<T>`; `len` gives the length of the value.
#[inline]
pub fn option_len_with<T>(value: &Option<T>, len: impl FnOnce(&T) -> usize) -> usize {
    1 + value.as_ref().map_or(0, len)
}

/// Decodes an `optional<T>`, reading the value with `decode` when present.
#[inline]
pub fn decode_option_with<'a, T>(
    reader: &mut Reader<'a>,
    decode: impl FnOnce(&mut Reader<'a>) -> Result<T, DecodeError>,
) -> Result<Option<T>, DecodeError> {
    if reader.read_optional_tag()? {
        decode(reader).map(Some)
    } else {
        Ok(None)
    }
}

// ---- list ----

/// Encodes a `list<T>`: the element count, then each element.
#[inline]
pub fn encode_list_with<T>(
    out: &mut Vec<u8>,
    items: &[T],
    mut encode: impl FnMut(&mut Vec<u8>, &T),
) {
    write_count(out, items.len());
    for item in items {
        encode(out, item);
    }
}

/// Encoded length of a `list<T>`; `len` gives the length of one element.
#[inline]
pub fn list_len_with<T>(items: &[T], len: impl FnMut(&T) -> usize) -> usize {
    count_len(items.len()) + items.iter().map(len).sum::<usize>()
}

/// Decodes a `list<T>`, reading each element with `decode`.
///
/// A count larger than the bytes left is rejected before allocating
/// ([`DecodeErrorKind::LengthTooLarge`]); element errors get `[index]` in
/// their path.
#[inline]
pub fn decode_list_with<'a, T>(
    reader: &mut Reader<'a>,
    decode: impl FnMut(&mut Reader<'a>) -> Result<T, DecodeError>,
) -> Result<Vec<T>, DecodeError> {
    let count = reader.read_list_len()?;
    // The count is within the input (each element takes a byte at least)
    // and its memory within the budget, so it can be allocated at once.
    reader.charge_items::<T>(count)?;
    decode_items(reader, count, decode)
}

/// The elements of a `list` whose count is read and charged: `count`
/// elements read with `decode`, each error with `[index]` in its path.
#[inline]
pub(crate) fn decode_items<'a, T>(
    reader: &mut Reader<'a>,
    count: usize,
    mut decode: impl FnMut(&mut Reader<'a>) -> Result<T, DecodeError>,
) -> Result<Vec<T>, DecodeError> {
    let mut items = Vec::with_capacity(count);
    for index in 0..count {
        items.push(decode(reader).map_err(|e| e.in_index(index))?);
    }
    Ok(items)
}

// ---- fixed-length list ----

/// Encodes a `list<T>[N]`: the elements only, no count.
#[inline]
pub fn encode_array_with<T>(
    out: &mut Vec<u8>,
    items: &[T],
    mut encode: impl FnMut(&mut Vec<u8>, &T),
) {
    for item in items {
        encode(out, item);
    }
}

/// Encoded length of a `list<T>[N]`; `len` gives the length of one element.
#[inline]
pub fn array_len_with<T>(items: &[T], len: impl FnMut(&T) -> usize) -> usize {
    items.iter().map(len).sum()
}

/// Decodes a `list<T>[N]` into `[T; N]`, reading each element with
/// `decode`; element errors get `[index]` in their path.
#[inline]
pub fn decode_array_with<'a, T, const N: usize>(
    reader: &mut Reader<'a>,
    mut decode: impl FnMut(&mut Reader<'a>) -> Result<T, DecodeError>,
) -> Result<[T; N], DecodeError> {
    // Collected through a Vec because building an array element by element
    // without `Default`, `Copy` or unsafe code has no stable std API.
    let mut items = Vec::with_capacity(capacity_hint::<T>(N.min(reader.remaining())));
    for index in 0..N {
        items.push(decode(reader).map_err(|e| e.in_index(index))?);
    }
    items.try_into().map_err(|items: Vec<T>| {
        // Unreachable (the loop pushed exactly N), kept as an error so that
        // decoding has no panic path.
        reader.error(DecodeErrorKind::Truncated {
            needed: N,
            remaining: items.len(),
        })
    })
}

/// [`decode_array_with`] for elements with a default: the array is built in
/// place, with no heap allocation (generated code uses this whenever the
/// element type has a `Default`).
#[inline]
pub fn decode_default_array_with<'a, T: Default, const N: usize>(
    reader: &mut Reader<'a>,
    mut decode: impl FnMut(&mut Reader<'a>) -> Result<T, DecodeError>,
) -> Result<[T; N], DecodeError> {
    let mut items: [T; N] = core::array::from_fn(|_| T::default());
    for (index, item) in items.iter_mut().enumerate() {
        *item = decode(reader).map_err(|e| e.in_index(index))?;
    }
    Ok(items)
}

// ---- map ----

/// A map type that [`decode_map_with`] can build, implemented for
/// [`BTreeMap`] and [`HashMap`].
pub trait DecodeMap<K, V>: Sized {
    /// An empty map with room for about `capacity` pairs.
    fn with_capacity_hint(capacity: usize) -> Self;

    /// Inserts the pair unless the key is already present; returns whether
    /// it was inserted.
    fn insert_new(&mut self, key: K, value: V) -> bool;

    /// Decodes `count` pairs (already checked against the input and the
    /// allocation budget) into a new map, inserting them one by one. Maps
    /// that can be built faster from keys in order override this.
    #[inline]
    fn decode_pairs<'a>(
        reader: &mut Reader<'a>,
        count: usize,
        decode_key: impl FnMut(&mut Reader<'a>) -> Result<K, DecodeError>,
        decode_value: impl FnMut(&mut Reader<'a>) -> Result<V, DecodeError>,
    ) -> Result<Self, DecodeError> {
        let map = Self::with_capacity_hint(count);
        insert_pairs(map, reader, 0..count, decode_key, decode_value)
    }
}

/// Decodes the pairs numbered `indices` into `map`, one by one, refusing a
/// key already present.
#[inline]
fn insert_pairs<'a, M: DecodeMap<K, V>, K, V>(
    mut map: M,
    reader: &mut Reader<'a>,
    indices: core::ops::Range<usize>,
    mut decode_key: impl FnMut(&mut Reader<'a>) -> Result<K, DecodeError>,
    mut decode_value: impl FnMut(&mut Reader<'a>) -> Result<V, DecodeError>,
) -> Result<M, DecodeError> {
    for index in indices {
        let key_offset = reader.position();
        let key = decode_key(reader).map_err(|e| e.in_map_key(index))?;
        let value = decode_value(reader).map_err(|e| e.in_map_value(index))?;
        if !map.insert_new(key, value) {
            return Err(duplicate_key(key_offset, index));
        }
    }
    Ok(map)
}

#[cold]
fn duplicate_key(key_offset: usize, index: usize) -> DecodeError {
    DecodeError::new(DecodeErrorKind::DuplicateMapKey, key_offset).in_map_key(index)
}

impl<K: Ord, V> DecodeMap<K, V> for BTreeMap<K, V> {
    #[inline]
    fn with_capacity_hint(_capacity: usize) -> Self {
        BTreeMap::new()
    }

    #[inline]
    fn insert_new(&mut self, key: K, value: V) -> bool {
        match self.entry(key) {
            alloc::collections::btree_map::Entry::Vacant(entry) => {
                entry.insert(value);
                true
            }
            alloc::collections::btree_map::Entry::Occupied(_) => false,
        }
    }

    /// Pairs arrive sorted when a `BTreeMap` (any verso encoder) wrote them:
    /// while each key is greater than the last, pairs are only collected,
    /// and the tree is then built in one pass instead of by a search per
    /// insert. The first key out of order switches to inserting one by one.
    #[inline]
    fn decode_pairs<'a>(
        reader: &mut Reader<'a>,
        count: usize,
        mut decode_key: impl FnMut(&mut Reader<'a>) -> Result<K, DecodeError>,
        mut decode_value: impl FnMut(&mut Reader<'a>) -> Result<V, DecodeError>,
    ) -> Result<Self, DecodeError> {
        // The bulk build moves each pair three times more than an insert
        // does; worth it for small pairs only (measured on the todo app,
        // whose 150-byte values decode faster inserted).
        if size_of::<(K, V)>() > BULK_BUILD_MAX_PAIR {
            let map = BTreeMap::new();
            return insert_pairs(map, reader, 0..count, decode_key, decode_value);
        }
        let mut sorted: Vec<(K, V)> = Vec::with_capacity(count);
        for index in 0..count {
            let key_offset = reader.position();
            let key = decode_key(reader).map_err(|e| e.in_map_key(index))?;
            let value = decode_value(reader).map_err(|e| e.in_map_value(index))?;
            if sorted.last().is_none_or(|(last, _)| *last < key) {
                sorted.push((key, value));
                continue;
            }
            // Collecting keys that are sorted and distinct keeps every pair.
            let mut map: BTreeMap<K, V> = sorted.into_iter().collect();
            if !map.insert_new(key, value) {
                return Err(duplicate_key(key_offset, index));
            }
            return insert_pairs(map, reader, index + 1..count, decode_key, decode_value);
        }
        Ok(sorted.into_iter().collect())
    }
}

#[cfg(feature = "std")]
impl<K: Eq + Hash, V, S: BuildHasher + Default> DecodeMap<K, V> for HashMap<K, V, S> {
    #[inline]
    fn with_capacity_hint(capacity: usize) -> Self {
        HashMap::with_capacity_and_hasher(capacity, S::default())
    }

    #[inline]
    fn insert_new(&mut self, key: K, value: V) -> bool {
        match self.entry(key) {
            std::collections::hash_map::Entry::Vacant(entry) => {
                entry.insert(value);
                true
            }
            std::collections::hash_map::Entry::Occupied(_) => false,
        }
    }
}

#[cfg(feature = "indexmap")]
impl<K: Eq + Hash, V, S: BuildHasher + Default> DecodeMap<K, V> for indexmap::IndexMap<K, V, S> {
    #[inline]
    fn with_capacity_hint(capacity: usize) -> Self {
        indexmap::IndexMap::with_capacity_and_hasher(capacity, S::default())
    }

    #[inline]
    fn insert_new(&mut self, key: K, value: V) -> bool {
        match self.entry(key) {
            indexmap::map::Entry::Vacant(entry) => {
                entry.insert(value);
                true
            }
            indexmap::map::Entry::Occupied(_) => false,
        }
    }
}

/// Encodes a `map<K><V>`: the pair count, then key and value of each pair
/// in the map's iteration order (sorted for a `BTreeMap`).
///
/// `map` is anything whose iterator yields `(&K, &V)` and knows its length,
/// such as `&BTreeMap<K, V>` or `&HashMap<K, V>`.
#[inline]
pub fn encode_map_with<'m, K: 'm, V: 'm>(
    out: &mut Vec<u8>,
    map: impl IntoIterator<Item = (&'m K, &'m V), IntoIter: ExactSizeIterator>,
    mut encode_key: impl FnMut(&mut Vec<u8>, &K),
    mut encode_value: impl FnMut(&mut Vec<u8>, &V),
) {
    let pairs = map.into_iter();
    write_count(out, pairs.len());
    for (key, value) in pairs {
        encode_key(out, key);
        encode_value(out, value);
    }
}

/// Encoded length of a `map<K><V>`; `key_len` and `value_len` give the
/// lengths of one key and one value.
#[inline]
pub fn map_len_with<'m, K: 'm, V: 'm>(
    map: impl IntoIterator<Item = (&'m K, &'m V), IntoIter: ExactSizeIterator>,
    mut key_len: impl FnMut(&K) -> usize,
    mut value_len: impl FnMut(&V) -> usize,
) -> usize {
    let pairs = map.into_iter();
    count_len(pairs.len())
        + pairs
            .map(|(key, value)| key_len(key) + value_len(value))
            .sum::<usize>()
}

/// Decodes a `map<K><V>` into any [`DecodeMap`], reading keys with
/// `decode_key` and values with `decode_value`.
///
/// Pairs may arrive in any order. A repeated key is rejected with
/// [`DecodeErrorKind::DuplicateMapKey`] at the offset of the second key;
/// errors get `{key i}` or `{value i}` in their path, `i` counting pairs in
/// wire order.
#[inline]
pub fn decode_map_with<'a, M, K, V>(
    reader: &mut Reader<'a>,
    decode_key: impl FnMut(&mut Reader<'a>) -> Result<K, DecodeError>,
    decode_value: impl FnMut(&mut Reader<'a>) -> Result<V, DecodeError>,
) -> Result<M, DecodeError>
where
    M: DecodeMap<K, V>,
{
    let count = reader.read_map_len()?;
    // Map entries cost their key and value twice over (tree nodes and hash
    // tables are rarely full), plus the map's bookkeeping.
    let entry = size_of::<(K, V)>()
        .saturating_mul(2)
        .saturating_add(MAP_ENTRY_OVERHEAD);
    reader.charge(count.saturating_mul(entry))?;
    M::decode_pairs(reader, count, decode_key, decode_value)
}

#[cfg(test)]
mod tests {
    use std::{borrow::ToOwned, string::String, string::ToString, vec::Vec};

    use super::*;
    use crate::write::{uint_len, write_str, write_uint};

    #[test]
    fn prealloc_is_capped() {
        assert_eq!(capacity_hint::<u8>(10), 10);
        assert_eq!(capacity_hint::<u8>(usize::MAX), MAX_PREALLOC_BYTES);
        assert_eq!(capacity_hint::<[u8; 1024]>(1 << 30), 1024);
        assert_eq!(capacity_hint::<()>(7), 7);
    }

    #[test]
    fn map_of_str_to_uint_roundtrips_in_both_map_types() {
        let mut map = BTreeMap::new();
        map.insert("b".to_owned(), 300u64);
        map.insert("a".to_owned(), 1u64);
        let mut out = Vec::new();
        encode_map_with(
            &mut out,
            &map,
            |o, k| write_str(o, k),
            |o, v| write_uint(o, *v),
        );
        assert_eq!(out, [0x02, 0x01, b'a', 0x01, 0x01, b'b', 0xac, 0x02]);
        assert_eq!(
            map_len_with(&map, |k| crate::write::str_len(k), |v| uint_len(*v)),
            out.len()
        );

        let mut reader = Reader::new(&out);
        let back: BTreeMap<String, u64> =
            decode_map_with(&mut reader, Reader::read_string, Reader::read_uint).unwrap();
        assert_eq!(back, map);

        let mut reader = Reader::new(&out);
        let hashed: HashMap<String, u64> =
            decode_map_with(&mut reader, Reader::read_string, Reader::read_uint).unwrap();
        assert_eq!(hashed.len(), 2);
        assert_eq!(hashed["b"], 300);
    }

    #[test]
    fn array_errors_name_the_index() {
        let mut reader = Reader::new(&[0x00, 0x01, 0x02]);
        let err = decode_array_with::<bool, 3>(&mut reader, Reader::read_bool).unwrap_err();
        assert_eq!(err.kind(), &DecodeErrorKind::InvalidBool(2));
        assert_eq!(err.offset(), 2);
        assert_eq!(err.path_display().to_string(), "[2]");
    }
}
