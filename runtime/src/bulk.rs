//! The bulk path for types whose wire form has one fixed size.
//!
//! A struct of fixed-width numbers and bools, a `data[N]` or a fixed-length
//! list of those is always [`FixedWidth::WIDTH`] bytes long. A `list` of
//! them is then one run of `count × WIDTH` bytes: [`decode_fixed_list`]
//! checks the run against the input once and reads every element from it
//! with no bounds check or error path per field, and
//! [`encode_fixed_list`] reserves the run once and writes every element
//! into it with no capacity check per field. Generated code implements
//! [`FixedWidth`] for every such struct and calls these helpers for its
//! lists.
//!
//! Strictness is unchanged. Reading a run only notes whether every bool was
//! `00` or `01`; when one was not, or the run is shorter than the count
//! says, the elements are decoded again the ordinary way, field by field,
//! which reports exactly the error the per-field path always reports (the
//! same offset, element index and field). Errors are rare, so the
//! ordinary decode costs nothing on valid input.
//!
//! ```
//! use verso::{FixedWidth, Reader, bulk};
//!
//! let bytes = [0x02, 0x01, 0x00, 0x02, 0x00];
//! let mut reader = Reader::new(&bytes);
//! let values: Vec<u16> = bulk::decode_fixed_list(&mut reader, Reader::read_u16)?;
//! assert_eq!(values, [1, 2]);
//!
//! let mut out = Vec::new();
//! bulk::encode_fixed_list(&mut out, &values);
//! assert_eq!(out, bytes);
//! assert_eq!(bulk::fixed_list_len(&values), bytes.len());
//!
//! // A bool other than 0 or 1 is still refused, at its own offset.
//! let bad = [0x02, 0x01, 0x07];
//! let err = bulk::decode_fixed_list(&mut Reader::new(&bad), Reader::read_bool).unwrap_err();
//! assert_eq!((err.offset(), err.path_display().to_string()), (2, "[1]".to_string()));
//! # Ok::<(), verso::DecodeError>(())
//! ```

use alloc::vec::Vec;

use crate::Decode;
use crate::containers::decode_items;
use crate::error::DecodeError;
use crate::reader::Reader;
use crate::write::write_count;

/// A type whose BARE encoding always takes [`WIDTH`](Self::WIDTH) bytes,
/// read and written without bounds checks per field.
///
/// Implemented for the fixed-width numbers, `bool`, arrays of implementors
/// (`[u8; N]` is `data[N]`), and by generated code for every struct made
/// only of those. Not for `u64` as a `uint`: a type implements this only
/// where its [`Encode`](crate::Encode)/[`Decode`](crate::Decode) impls are
/// its fixed-width encoding.
pub trait FixedWidth: Sized {
    /// Bytes of the wire form; more than 0.
    const WIDTH: usize;

    /// Reads a value from the first [`WIDTH`](Self::WIDTH) bytes of
    /// `bytes`. Where the bytes are not a valid value (a bool byte above 1,
    /// or fewer than `WIDTH` bytes) it sets `valid` to `false` and returns
    /// a placeholder; `valid` is never set to `true`, so one flag can
    /// collect a whole run.
    fn read_fixed(bytes: &[u8], valid: &mut bool) -> Self;

    /// Writes the value into the first [`WIDTH`](Self::WIDTH) bytes of
    /// `out` (which callers size to hold them; shorter, nothing is
    /// written).
    fn write_fixed(&self, out: &mut [u8]);
}

macro_rules! numbers {
    ($($ty:ty),*) => {$(
        impl FixedWidth for $ty {
            const WIDTH: usize = size_of::<$ty>();

            #[inline(always)]
            fn read_fixed(bytes: &[u8], valid: &mut bool) -> Self {
                <$ty>::from_le_bytes(*record(bytes, valid))
            }

            #[inline(always)]
            fn write_fixed(&self, out: &mut [u8]) {
                if let Some(chunk) = out.first_chunk_mut() {
                    *chunk = self.to_le_bytes();
                }
            }
        }
    )*};
}

numbers!(u8, u16, u32, u64, i8, i16, i32, i64, f32, f64);

impl FixedWidth for bool {
    const WIDTH: usize = 1;

    #[inline(always)]
    fn read_fixed(bytes: &[u8], valid: &mut bool) -> Self {
        let byte = u8::read_fixed(bytes, valid);
        // No branch: the whole run is judged once, at its end.
        *valid &= byte <= 1;
        byte != 0
    }

    #[inline(always)]
    fn write_fixed(&self, out: &mut [u8]) {
        u8::from(*self).write_fixed(out);
    }
}

impl<T: FixedWidth, const N: usize> FixedWidth for [T; N] {
    const WIDTH: usize = T::WIDTH.saturating_mul(N);

    #[inline(always)]
    fn read_fixed(bytes: &[u8], valid: &mut bool) -> Self {
        core::array::from_fn(|index| T::read_fixed(at(bytes, index * T::WIDTH), valid))
    }

    #[inline(always)]
    fn write_fixed(&self, out: &mut [u8]) {
        for (index, item) in self.iter().enumerate() {
            item.write_fixed(at_mut(out, index * T::WIDTH));
        }
    }
}

/// `bytes` from `offset` on (empty past the end).
#[inline(always)]
fn at(bytes: &[u8], offset: usize) -> &[u8] {
    bytes.get(offset..).unwrap_or_default()
}

/// `out` from `offset` on (empty past the end).
#[inline(always)]
fn at_mut(out: &mut [u8], offset: usize) -> &mut [u8] {
    out.get_mut(offset..).unwrap_or_default()
}

/// The first `N` bytes of `bytes`, one record of a run, as an array; when
/// there are fewer, notes that in `valid` and gives zeros (see
/// [`FixedWidth::read_fixed`]).
///
/// Generated `read_fixed` impls take their record through this first: one
/// length check per record, and every field then sits at a constant offset
/// in an array of constant length, so reading it needs no check at all,
/// whatever the optimizer knows of the run (without fat LTO it does not
/// see that every chunk of the run is `N` bytes long).
#[inline(always)]
pub fn record<'a, const N: usize>(bytes: &'a [u8], valid: &mut bool) -> &'a [u8; N] {
    match bytes.first_chunk() {
        Some(record) => record,
        None => {
            *valid = false;
            const { &[0; N] }
        }
    }
}

/// Reads a `T` at `offset` in `bytes` (see [`FixedWidth::read_fixed`]):
/// how generated `read_fixed` impls read each field.
#[inline(always)]
pub fn read_at<T: FixedWidth>(bytes: &[u8], offset: usize, valid: &mut bool) -> T {
    T::read_fixed(at(bytes, offset), valid)
}

/// Writes `value` at `offset` in `out` (see [`FixedWidth::write_fixed`]):
/// how generated `write_fixed` impls write each field.
#[inline(always)]
pub fn write_at<T: FixedWidth>(out: &mut [u8], offset: usize, value: &T) {
    value.write_fixed(at_mut(out, offset));
}

/// Reads `count` elements from the start of `bytes` in one pass; `None`
/// when the run is short or any element is invalid.
#[inline]
fn read_run<T: FixedWidth>(bytes: &[u8], count: usize) -> Option<Vec<T>> {
    if T::WIDTH == 0 {
        return None;
    }
    let run = bytes.get(..count.checked_mul(T::WIDTH)?)?;
    let mut valid = true;
    // An exact-size iterator: one allocation, no capacity check per push.
    let items: Vec<T> = run
        .chunks_exact(T::WIDTH)
        .map(|chunk| T::read_fixed(chunk, &mut valid))
        .collect();
    valid.then_some(items)
}

/// Decodes a `list<T>` of a fixed-width `T` as one run (see the [module
/// docs](self)). `decode` is `T`'s ordinary decoder: on a short run or an
/// invalid element the list is decoded element by element with it, so
/// errors are exactly those of
/// [`decode_list_with`](crate::containers::decode_list_with).
#[inline]
pub fn decode_fixed_list<'a, T: FixedWidth>(
    reader: &mut Reader<'a>,
    decode: impl FnMut(&mut Reader<'a>) -> Result<T, DecodeError>,
) -> Result<Vec<T>, DecodeError> {
    let count = reader.read_list_len()?;
    reader.charge_items::<T>(count)?;
    match read_run(reader.rest(), count) {
        Some(items) => {
            reader.skip(count * T::WIDTH);
            Ok(items)
        }
        None => decode_items(reader, count, decode),
    }
}

/// [`decode_fixed_list`] with `T`'s own [`Decode`] impl as the ordinary
/// decoder (generated code's call for a `list` of fixed-width structs or
/// numbers).
#[inline]
pub fn decode_list<T: FixedWidth + Decode>(reader: &mut Reader<'_>) -> Result<Vec<T>, DecodeError> {
    decode_fixed_list(reader, T::decode)
}

/// Decodes one fixed-width value with a single bounds check; on too few
/// bytes or an invalid value, with its ordinary decoder `decode`, which
/// reports the error field by field. Generated `Decode` impls of
/// fixed-width structs are this.
#[inline]
pub fn decode_fixed<'a, T: FixedWidth>(
    reader: &mut Reader<'a>,
    decode: impl FnOnce(&mut Reader<'a>) -> Result<T, DecodeError>,
) -> Result<T, DecodeError> {
    if let Some(bytes) = reader.rest().get(..T::WIDTH) {
        let mut valid = true;
        let value = T::read_fixed(bytes, &mut valid);
        if valid {
            reader.skip(T::WIDTH);
            return Ok(value);
        }
    }
    decode(reader)
}

/// Appends `len` zero bytes to `out` and returns them, to be overwritten:
/// one reservation and one length update for the whole run.
#[inline]
fn grow(out: &mut Vec<u8>, len: usize) -> &mut [u8] {
    let start = out.len();
    out.resize(start + len, 0);
    at_mut(out, start)
}

/// Encodes one fixed-width value with one reservation. Generated `Encode`
/// impls of fixed-width structs are this.
#[inline]
pub fn encode_fixed<T: FixedWidth>(value: &T, out: &mut Vec<u8>) {
    value.write_fixed(grow(out, T::WIDTH));
}

/// Encodes a `list<T>` of a fixed-width `T`: the count, then every element
/// written into one reserved run.
#[inline]
pub fn encode_fixed_list<T: FixedWidth>(out: &mut Vec<u8>, items: &[T]) {
    write_count(out, items.len());
    if T::WIDTH == 0 {
        return;
    }
    let run = grow(out, items.len().saturating_mul(T::WIDTH));
    for (chunk, item) in run.chunks_exact_mut(T::WIDTH).zip(items) {
        item.write_fixed(chunk);
    }
}

/// Encoded length of a `list<T>` of a fixed-width `T`.
#[inline]
pub fn fixed_list_len<T: FixedWidth>(items: &[T]) -> usize {
    crate::write::count_len(items.len()) + items.len().saturating_mul(T::WIDTH)
}

#[cfg(test)]
mod tests {
    use std::string::ToString;
    use std::vec;

    use super::*;
    use crate::Encode;
    use crate::containers::{decode_list_with, encode_list_with, list_len_with};
    use crate::error::DecodeErrorKind;
    use crate::limits::Limits;

    /// What generated code writes for `struct { id: u32 on: bool at: i16 }`.
    #[derive(Debug, Clone, Copy, PartialEq, Default)]
    struct Rec {
        id: u32,
        on: bool,
        at: i16,
    }

    impl FixedWidth for Rec {
        const WIDTH: usize = 7;
        fn read_fixed(bytes: &[u8], valid: &mut bool) -> Self {
            let bytes: &[u8; 7] = record(bytes, valid);
            Rec {
                id: read_at(bytes, 0, valid),
                on: read_at(bytes, 4, valid),
                at: read_at(bytes, 5, valid),
            }
        }
        fn write_fixed(&self, out: &mut [u8]) {
            write_at(out, 0, &self.id);
            write_at(out, 4, &self.on);
            write_at(out, 5, &self.at);
        }
    }

    fn per_field(reader: &mut Reader<'_>) -> Result<Rec, DecodeError> {
        Ok(Rec {
            id: reader.read_field("id")?,
            on: reader.read_field("on")?,
            at: reader.read_field("at")?,
        })
    }

    impl Decode for Rec {
        fn decode(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
            decode_fixed(reader, per_field)
        }
    }

    impl Encode for Rec {
        fn encode(&self, out: &mut Vec<u8>) {
            encode_fixed(self, out);
        }
        fn encoded_len(&self) -> usize {
            7
        }
    }

    fn recs() -> Vec<Rec> {
        (0..5)
            .map(|i| Rec {
                id: 0x0102_0304 * i,
                on: i % 2 == 1,
                at: -(i as i16),
            })
            .collect()
    }

    fn per_field_bytes(items: &[Rec]) -> Vec<u8> {
        let mut out = Vec::new();
        encode_list_with(&mut out, items, |out, rec| {
            crate::write::write_u32(out, rec.id);
            crate::write::write_bool(out, rec.on);
            crate::write::write_i16(out, rec.at);
        });
        out
    }

    /// Both paths over the same bytes: the values or the error (kind,
    /// offset, path) and where the reader stopped.
    fn both(bytes: &[u8], limits: Limits) -> [(Result<Vec<Rec>, DecodeError>, usize); 2] {
        let mut bulk = Reader::with_limits(bytes, limits);
        let mut plain = Reader::with_limits(bytes, limits);
        let by_run = decode_fixed_list(&mut bulk, per_field);
        let by_field = decode_list_with(&mut plain, per_field);
        [(by_run, bulk.position()), (by_field, plain.position())]
    }

    fn assert_same(bytes: &[u8], limits: Limits) -> Result<Vec<Rec>, DecodeError> {
        let [(a, at_a), (b, at_b)] = both(bytes, limits);
        assert_eq!(a, b, "{bytes:02x?}");
        if a.is_ok() {
            assert_eq!(at_a, at_b);
        }
        a
    }

    #[test]
    fn a_run_encodes_and_decodes_like_field_by_field() {
        let items = recs();
        let mut out = Vec::new();
        encode_fixed_list(&mut out, &items);
        assert_eq!(out, per_field_bytes(&items));
        assert_eq!(fixed_list_len(&items), out.len());
        assert_eq!(list_len_with(&items, |_| 7), out.len());
        out.push(0xee);
        let mut reader = Reader::new(&out);
        assert_eq!(decode_fixed_list(&mut reader, per_field).unwrap(), items);
        assert_eq!(reader.remaining(), 1);
        assert_eq!(assert_same(&out, Limits::default()).unwrap(), items);
    }

    #[test]
    fn a_bad_bool_is_refused_with_its_index_field_and_offset() {
        let mut bytes = per_field_bytes(&recs());
        // Element 3's `on` byte: 1 count byte, 3 elements, then `id`.
        bytes[1 + 3 * 7 + 4] = 2;
        let err = assert_same(&bytes, Limits::default()).unwrap_err();
        assert_eq!(err.kind(), &DecodeErrorKind::InvalidBool(2));
        assert_eq!(err.offset(), 1 + 3 * 7 + 4);
        assert_eq!(err.path_display().to_string(), "[3].on");
    }

    #[test]
    fn a_short_run_names_the_element_and_field_it_ends_in() {
        let bytes = per_field_bytes(&recs());
        for cut in 1..bytes.len() {
            let err = assert_same(&bytes[..cut], Limits::default()).unwrap_err();
            if cut > 5 {
                assert!(
                    matches!(err.kind(), DecodeErrorKind::Truncated { .. }),
                    "{cut}: {err}"
                );
                assert!(err.path_display().to_string().starts_with('['), "{err}");
            }
        }
        let err = assert_same(&bytes[..1 + 2 * 7 + 5], Limits::default()).unwrap_err();
        assert_eq!(err.path_display().to_string(), "[2].at");
        assert_eq!(err.offset(), 1 + 2 * 7 + 5);
    }

    #[test]
    fn counts_and_budgets_fail_as_before() {
        let bytes = per_field_bytes(&recs());
        let tight = Limits::default().with_max_alloc(3 * size_of::<Rec>());
        let err = assert_same(&bytes, tight).unwrap_err();
        assert!(matches!(
            err.kind(),
            DecodeErrorKind::AllocationLimitExceeded { .. }
        ));
        let few = Limits::default().with_max_collection_len(2);
        let err = assert_same(&bytes, few).unwrap_err();
        assert!(matches!(
            err.kind(),
            DecodeErrorKind::LengthLimitExceeded { .. }
        ));
        assert_eq!(assert_same(&[0x00], Limits::default()).unwrap(), []);
    }

    #[test]
    fn one_value_decodes_in_one_step_or_reports_like_the_fields() {
        let rec = recs()[3];
        let bytes = crate::to_vec(&rec);
        assert_eq!(bytes, per_field_bytes(&[rec])[1..]);
        assert_eq!(crate::from_slice::<Rec>(&bytes).unwrap(), rec);
        let mut bad = bytes.clone();
        bad[4] = 0xff;
        let err = crate::from_slice::<Rec>(&bad).unwrap_err();
        assert_eq!(
            (err.offset(), err.path_display().to_string()),
            (4, "on".to_string())
        );
        let err = crate::from_slice::<Rec>(&bytes[..6]).unwrap_err();
        assert_eq!(
            (err.offset(), err.path_display().to_string()),
            (5, "at".to_string())
        );
    }

    #[test]
    fn a_valid_run_is_read_in_one_pass() {
        // The fallback would give the same values: this checks that the
        // one pass is what gives them.
        assert_eq!(read_run::<u16>(&[1, 0, 2, 0, 9], 2), Some(vec![1, 2]));
        assert_eq!(read_run::<Rec>(&[0; 14], 2), Some(vec![Rec::default(); 2]));
        assert_eq!(read_run::<u16>(&[1, 0, 2], 2), None);
        assert_eq!(read_run::<bool>(&[1, 2], 2), None);
        // Zero-width elements (`data[0]`) take the ordinary path.
        assert_eq!(read_run::<[u8; 0]>(&[], 3), None);
    }

    #[test]
    fn primitives_and_arrays_read_and_write_little_endian() {
        let mut valid = true;
        let bytes = [0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08];
        assert_eq!(u64::read_fixed(&bytes, &mut valid), 0x0807_0605_0403_0201);
        assert_eq!(i16::read_fixed(&bytes, &mut valid), 0x0201);
        assert_eq!(f32::read_fixed(&bytes, &mut valid).to_bits(), 0x0403_0201);
        assert_eq!(<[u16; 2]>::read_fixed(&bytes, &mut valid), [0x0201, 0x0403]);
        assert_eq!(<[u8; 3]>::WIDTH, 3);
        assert!(valid);
        assert!(!bool::read_fixed(&[0], &mut valid));
        assert!(bool::read_fixed(&[1], &mut valid));
        assert!(valid);
        bool::read_fixed(&[2], &mut valid);
        assert!(!valid);
        let mut short = true;
        assert_eq!(u32::read_fixed(&bytes[..3], &mut short), 0);
        assert!(!short);
        // A record: its first bytes, or zeros and `valid` cleared.
        let mut whole = true;
        assert_eq!(record::<3>(&bytes, &mut whole), &[1, 2, 3]);
        assert_eq!(record::<8>(&bytes, &mut whole), &bytes);
        assert!(whole);
        assert_eq!(record::<9>(&bytes, &mut whole), &[0; 9]);
        assert!(!whole);
        let mut rec_short = true;
        assert_eq!(
            Rec::read_fixed(&[9, 0, 0, 0, 1, 2], &mut rec_short),
            Rec::default()
        );
        assert!(!rec_short);
        let mut out = vec![0u8; 4];
        [0x0201u16, 0x0403].write_fixed(&mut out);
        assert_eq!(out, [1, 2, 3, 4]);
        // Too short a buffer writes nothing rather than panicking.
        0xffff_ffffu32.write_fixed(&mut out[..2]);
        assert_eq!(out, [1, 2, 3, 4]);
    }
}
