//! The decoding cursor and its strict readers for every BARE primitive.

use crate::error::{DecodeError, DecodeErrorKind};
use crate::limits::Limits;
use crate::write::zigzag_decode;
use alloc::{borrow::Cow, boxed::Box, string::String, vec::Vec};

/// A cursor over the input bytes, with the nesting depth and the
/// [`Limits`] of the current decode call.
///
/// Every reader checks what it needs against the bytes left before reading
/// or allocating, and reports errors with the offset of the offending value.
/// After an error the cursor position is unspecified: decoding is meant to
/// stop there.
#[derive(Debug, Clone)]
pub struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
    depth: usize,
    limits: Limits,
    /// Bytes charged against [`Limits::max_alloc`] so far.
    allocated: usize,
    /// The buffer `bytes` views, when decoding with
    /// [`from_bytes`](crate::from_bytes): `data` and `str` values are then
    /// slices of it rather than copies.
    #[cfg(feature = "bytes")]
    shared: Option<&'a bytes::Bytes>,
}

impl<'a> Reader<'a> {
    /// A reader at the start of `bytes`, with default [`Limits`].
    pub fn new(bytes: &'a [u8]) -> Self {
        Self::with_limits(bytes, Limits::default())
    }

    /// A reader at the start of `bytes`, with the given limits. The
    /// message-length limit is checked by [`from_slice_with`](crate::from_slice_with),
    /// not here.
    pub fn with_limits(bytes: &'a [u8], limits: Limits) -> Self {
        Reader {
            bytes,
            pos: 0,
            depth: 0,
            limits,
            allocated: 0,
            #[cfg(feature = "bytes")]
            shared: None,
        }
    }

    /// A reader at the start of `bytes` whose `data` and `str` values
    /// ([`read_shared_data`](Self::read_shared_data),
    /// [`read_shared_str`](Self::read_shared_str)) are slices of it, sharing
    /// its buffer, instead of copies. The message-length limit is checked by
    /// [`from_bytes_with`](crate::from_bytes_with), not here.
    #[cfg(feature = "bytes")]
    pub fn with_shared(bytes: &'a bytes::Bytes, limits: Limits) -> Self {
        Reader {
            shared: Some(bytes),
            ..Self::with_limits(bytes, limits)
        }
    }

    /// The buffer this reader's values may share: `Some` for a reader made
    /// by [`with_shared`](Self::with_shared), whose input it is.
    #[cfg(feature = "bytes")]
    #[inline]
    pub fn shared_input(&self) -> Option<&'a bytes::Bytes> {
        self.shared
    }

    /// Charges `bytes` of memory against the decode call's budget
    /// ([`Limits::max_alloc`]) before they are allocated;
    /// [`DecodeErrorKind::AllocationLimitExceeded`] once the total would
    /// pass it. Container decoders call this; hand-written decoders that
    /// allocate should too.
    #[inline]
    pub fn charge(&mut self, bytes: usize) -> Result<(), DecodeError> {
        let total = self.allocated.saturating_add(bytes);
        if total > self.limits.max_alloc() {
            return Err(self.charge_error(total));
        }
        self.allocated = total;
        Ok(())
    }

    #[cold]
    fn charge_error(&self, needed: usize) -> DecodeError {
        self.error(DecodeErrorKind::AllocationLimitExceeded {
            needed,
            limit: self.limits.max_alloc(),
        })
    }

    /// Charges `count` values of `T` at their in-memory size (see
    /// [`charge`](Self::charge)).
    #[inline]
    pub fn charge_items<T>(&mut self, count: usize) -> Result<(), DecodeError> {
        self.charge(count.saturating_mul(size_of::<T>()))
    }

    /// Moves `value` into a `Box`, charging its size first (generated code
    /// decodes boxed recursive fields through this).
    #[inline]
    pub fn boxed<T>(&mut self, value: T) -> Result<Box<T>, DecodeError> {
        self.charge_items::<T>(1)?;
        Ok(Box::new(value))
    }

    /// Bytes charged against [`Limits::max_alloc`] so far in this decode
    /// call.
    #[inline]
    pub fn allocated(&self) -> usize {
        self.allocated
    }

    /// Offset of the next byte to read, from the start of the input.
    #[inline]
    pub fn position(&self) -> usize {
        self.pos
    }

    /// Number of bytes not yet read.
    #[inline]
    pub fn remaining(&self) -> usize {
        self.bytes.len() - self.pos
    }

    /// Whether every byte has been read.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.remaining() == 0
    }

    /// The limits of this decode call.
    #[inline]
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// Current nesting depth (number of [`enter`](Self::enter) calls not yet
    /// matched by [`leave`](Self::leave)).
    #[inline]
    pub fn depth(&self) -> usize {
        self.depth
    }

    /// Checks that the whole input was consumed; otherwise
    /// [`DecodeErrorKind::TrailingBytes`] at the first unread byte.
    pub fn finish(self) -> Result<(), DecodeError> {
        match self.remaining() {
            0 => Ok(()),
            extra => Err(self.error(DecodeErrorKind::TrailingBytes(extra))),
        }
    }

    /// An error of `kind` at the current position.
    #[cold]
    pub fn error(&self, kind: DecodeErrorKind) -> DecodeError {
        DecodeError::new(kind, self.pos)
    }

    /// Decodes a `T` at the current position.
    #[inline]
    pub fn read<T: crate::DecodeBorrowed<'a>>(&mut self) -> Result<T, DecodeError> {
        T::decode_borrowed(self)
    }

    /// Decodes struct field `name`, a `T`, with the field's name on the
    /// path of an error.
    #[inline]
    pub fn read_field<T: crate::DecodeBorrowed<'a>>(
        &mut self,
        name: &'static str,
    ) -> Result<T, DecodeError> {
        T::decode_borrowed(self).map_err(|e| e.in_field(name))
    }

    /// Decodes struct field `name` with `decode` (for fields whose Rust type
    /// does not say how they are encoded, such as a `uint`), with the
    /// field's name on the path of an error.
    #[inline]
    pub fn read_field_with<T>(
        &mut self,
        name: &'static str,
        decode: impl FnOnce(&mut Self) -> Result<T, DecodeError>,
    ) -> Result<T, DecodeError> {
        decode(self).map_err(|e| e.in_field(name))
    }

    /// Decodes the value of union member `name`, a `T`, and wraps it in its
    /// variant, with the member's name on the path of an error.
    #[inline]
    pub fn read_variant<T: crate::DecodeBorrowed<'a>, U>(
        &mut self,
        name: &'static str,
        variant: impl FnOnce(T) -> U,
    ) -> Result<U, DecodeError> {
        T::decode_borrowed(self)
            .map(variant)
            .map_err(|e| e.in_variant(name))
    }

    /// [`read_variant`](Self::read_variant), decoding the value with
    /// `decode`.
    #[inline]
    pub fn read_variant_with<T, U>(
        &mut self,
        name: &'static str,
        decode: impl FnOnce(&mut Self) -> Result<T, DecodeError>,
        variant: impl FnOnce(T) -> U,
    ) -> Result<U, DecodeError> {
        decode(self).map(variant).map_err(|e| e.in_variant(name))
    }

    // ---- nesting ----

    /// Enters one level of nesting; fails with
    /// [`DecodeErrorKind::DepthLimitExceeded`] past [`Limits::max_depth`].
    ///
    /// Decoders of types that can contain themselves (directly or through
    /// other types) call this before decoding their contents and
    /// [`leave`](Self::leave) after, so a small hostile input cannot
    /// recurse until the stack overflows. [`nested`](Self::nested) does both.
    #[inline]
    pub fn enter(&mut self) -> Result<(), DecodeError> {
        if self.depth >= self.limits.max_depth() {
            return Err(self.error(DecodeErrorKind::DepthLimitExceeded(self.limits.max_depth())));
        }
        self.depth += 1;
        Ok(())
    }

    /// Leaves one level of nesting entered with [`enter`](Self::enter).
    #[inline]
    pub fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    /// Runs `f` one nesting level deeper: [`enter`](Self::enter), `f`,
    /// [`leave`](Self::leave).
    ///
    /// ```
    /// # use verso::{Decode, DecodeError, Reader};
    /// struct Node { next: Option<Box<Node>> }
    /// impl Decode for Node {
    ///     fn decode(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
    ///         reader.nested(|r| Ok(Node { next: Decode::decode(r)? }))
    ///     }
    /// }
    /// let deep = [vec![1u8; 1000], vec![0]].concat();
    /// let err = verso::from_slice::<Node>(&deep).err().unwrap();
    /// assert_eq!(err.kind(), &verso::DecodeErrorKind::DepthLimitExceeded(128));
    /// ```
    #[inline]
    pub fn nested<T>(
        &mut self,
        f: impl FnOnce(&mut Self) -> Result<T, DecodeError>,
    ) -> Result<T, DecodeError> {
        self.enter()?;
        // Leave even on error, so a caller that recovers sees the depth it had.
        let result = f(self);
        self.leave();
        result
    }

    // ---- raw bytes ----

    /// Reads exactly `len` raw bytes, borrowed from the input.
    #[inline]
    pub fn read_bytes(&mut self, len: usize) -> Result<&'a [u8], DecodeError> {
        let remaining = self.remaining();
        if len > remaining {
            return Err(self.error(DecodeErrorKind::Truncated {
                needed: len,
                remaining,
            }));
        }
        let start = self.pos;
        self.pos += len;
        Ok(&self.bytes[start..self.pos])
    }

    /// The bytes not yet read, for [`crate::bulk`], which checks a whole
    /// run of fixed-width values against them at once.
    #[inline]
    pub(crate) fn rest(&self) -> &'a [u8] {
        self.bytes.get(self.pos..).unwrap_or_default()
    }

    /// Moves past `len` bytes that [`rest`](Self::rest) showed are there
    /// (clamped to the end, so a wrong `len` cannot break the cursor).
    #[inline]
    pub(crate) fn skip(&mut self, len: usize) {
        self.pos = self.pos.saturating_add(len).min(self.bytes.len());
    }

    #[inline]
    fn read_array<const N: usize>(&mut self) -> Result<[u8; N], DecodeError> {
        let bytes = self.read_bytes(N)?;
        let mut array = [0u8; N];
        array.copy_from_slice(bytes);
        Ok(array)
    }

    // ---- varints ----

    /// Reads a BARE `uint` (LEB128). Rejects non-minimal encodings
    /// ([`DecodeErrorKind::NonCanonicalVarint`]), values above `u64::MAX`
    /// and encodings longer than 10 bytes ([`DecodeErrorKind::VarintOverflow`]).
    #[inline]
    pub fn read_uint(&mut self) -> Result<u64, DecodeError> {
        match self.bytes.get(self.pos) {
            Some(&byte) if byte < 0x80 => {
                self.pos += 1;
                Ok(u64::from(byte))
            }
            _ => self.read_uint_slow(),
        }
    }

    fn read_uint_slow(&mut self) -> Result<u64, DecodeError> {
        let start = self.pos;
        let input = &self.bytes[start..];
        let mut value = 0u64;
        for (i, &byte) in input.iter().enumerate().take(10) {
            // The 10th byte carries bit 63 only: 0 would be non-minimal,
            // anything above 1 (continuation bit included) overflows.
            if i == 9 && byte > 1 {
                return Err(DecodeError::new(DecodeErrorKind::VarintOverflow, start));
            }
            value |= u64::from(byte & 0x7f) << (7 * i);
            if byte & 0x80 == 0 {
                if byte == 0 && i > 0 {
                    return Err(DecodeError::new(DecodeErrorKind::NonCanonicalVarint, start));
                }
                self.pos = start + i + 1;
                return Ok(value);
            }
        }
        // Only reachable when the input ends before the last byte.
        Err(DecodeError::new(
            DecodeErrorKind::Truncated {
                needed: input.len() + 1,
                remaining: input.len(),
            },
            start,
        ))
    }

    /// Reads a BARE `int` (zig-zag over `uint`, same strictness).
    #[inline]
    pub fn read_int(&mut self) -> Result<i64, DecodeError> {
        self.read_uint().map(zigzag_decode)
    }

    /// Reads the numeric value of an enum member (a `uint`). See also
    /// [`read_enum`](Self::read_enum).
    #[inline]
    pub fn read_enum_value(&mut self) -> Result<u64, DecodeError> {
        self.read_uint()
    }

    /// Reads an enum value and maps it with `from_value`; `None` becomes
    /// [`DecodeErrorKind::UnknownEnumValue`] at the value's offset.
    ///
    /// ```
    /// # use verso::Reader;
    /// #[derive(Debug, PartialEq)]
    /// enum Color { Red, Green }
    /// let mut reader = Reader::new(&[0x05]);
    /// let color = reader.read_enum(|v| match v {
    ///     0 => Some(Color::Red),
    ///     5 => Some(Color::Green),
    ///     _ => None,
    /// });
    /// assert_eq!(color?, Color::Green);
    /// # Ok::<(), verso::DecodeError>(())
    /// ```
    #[inline]
    pub fn read_enum<E>(
        &mut self,
        from_value: impl FnOnce(u64) -> Option<E>,
    ) -> Result<E, DecodeError> {
        let start = self.pos;
        let value = self.read_uint()?;
        from_value(value).ok_or_else(|| DecodeError::unknown_enum_value(value, start))
    }

    /// Reads a union tag (a `uint`). On a tag it does not know, the caller
    /// returns [`DecodeError::unknown_union_tag`] with the offset taken from
    /// [`position`](Self::position) before this call.
    #[inline]
    pub fn read_union_tag(&mut self) -> Result<u64, DecodeError> {
        self.read_uint()
    }

    /// Reads a `uint` length or count and checks it: at most
    /// `remaining / min_bytes_each` (else [`DecodeErrorKind::LengthTooLarge`])
    /// and at most [`Limits::max_collection_len`] (else
    /// [`DecodeErrorKind::LengthLimitExceeded`]), both at the offset of the
    /// prefix. `min_bytes_each` is the least number of bytes one item takes
    /// on the wire; 0 is treated as 1.
    ///
    /// The check comes before any allocation, and also guarantees the count
    /// fits `usize`.
    #[inline]
    pub fn read_count(&mut self, min_bytes_each: usize) -> Result<usize, DecodeError> {
        let start = self.pos;
        let claimed = self.read_uint()?;
        let remaining = self.remaining();
        let most = remaining / min_bytes_each.max(1);
        if claimed > most as u64 {
            return Err(DecodeError::new(
                DecodeErrorKind::LengthTooLarge { claimed, remaining },
                start,
            ));
        }
        let limit = self.limits.max_collection_len();
        if claimed > limit as u64 {
            return Err(DecodeError::new(
                DecodeErrorKind::LengthLimitExceeded { claimed, limit },
                start,
            ));
        }
        // Fits: bounded by `remaining`, itself a usize.
        Ok(claimed as usize)
    }

    /// Reads the element count of a `list`: every element takes at least one
    /// byte, so a count above the bytes left is rejected.
    #[inline]
    pub fn read_list_len(&mut self) -> Result<usize, DecodeError> {
        self.read_count(1)
    }

    /// Reads the pair count of a `map`: every pair takes at least two bytes.
    #[inline]
    pub fn read_map_len(&mut self) -> Result<usize, DecodeError> {
        self.read_count(2)
    }

    // ---- fixed width ----

    /// Reads a BARE `u8`.
    #[inline]
    pub fn read_u8(&mut self) -> Result<u8, DecodeError> {
        match self.bytes.get(self.pos) {
            Some(&byte) => {
                self.pos += 1;
                Ok(byte)
            }
            None => Err(self.error(DecodeErrorKind::Truncated {
                needed: 1,
                remaining: 0,
            })),
        }
    }

    /// Reads a BARE `u16` (little-endian).
    #[inline]
    pub fn read_u16(&mut self) -> Result<u16, DecodeError> {
        self.read_array().map(u16::from_le_bytes)
    }

    /// Reads a BARE `u32` (little-endian).
    #[inline]
    pub fn read_u32(&mut self) -> Result<u32, DecodeError> {
        self.read_array().map(u32::from_le_bytes)
    }

    /// Reads a BARE `u64` (little-endian).
    #[inline]
    pub fn read_u64(&mut self) -> Result<u64, DecodeError> {
        self.read_array().map(u64::from_le_bytes)
    }

    /// Reads a BARE `i8`.
    #[inline]
    pub fn read_i8(&mut self) -> Result<i8, DecodeError> {
        self.read_array().map(i8::from_le_bytes)
    }

    /// Reads a BARE `i16` (little-endian).
    #[inline]
    pub fn read_i16(&mut self) -> Result<i16, DecodeError> {
        self.read_array().map(i16::from_le_bytes)
    }

    /// Reads a BARE `i32` (little-endian).
    #[inline]
    pub fn read_i32(&mut self) -> Result<i32, DecodeError> {
        self.read_array().map(i32::from_le_bytes)
    }

    /// Reads a BARE `i64` (little-endian).
    #[inline]
    pub fn read_i64(&mut self) -> Result<i64, DecodeError> {
        self.read_array().map(i64::from_le_bytes)
    }

    /// Reads a BARE `f32`; any bit pattern is accepted and kept.
    #[inline]
    pub fn read_f32(&mut self) -> Result<f32, DecodeError> {
        self.read_array()
            .map(|bytes| f32::from_bits(u32::from_le_bytes(bytes)))
    }

    /// Reads a BARE `f64`; any bit pattern is accepted and kept.
    #[inline]
    pub fn read_f64(&mut self) -> Result<f64, DecodeError> {
        self.read_array()
            .map(|bytes| f64::from_bits(u64::from_le_bytes(bytes)))
    }

    /// Reads a BARE `bool`: only `00` and `01` are valid.
    #[inline]
    pub fn read_bool(&mut self) -> Result<bool, DecodeError> {
        match self.read_u8()? {
            0 => Ok(false),
            1 => Ok(true),
            other => Err(DecodeError::new(
                DecodeErrorKind::InvalidBool(other),
                self.pos - 1,
            )),
        }
    }

    /// Reads the presence byte of an `optional`: `true` when a value
    /// follows. Only `00` and `01` are valid.
    #[inline]
    pub fn read_optional_tag(&mut self) -> Result<bool, DecodeError> {
        match self.read_u8()? {
            0 => Ok(false),
            1 => Ok(true),
            other => Err(DecodeError::new(
                DecodeErrorKind::InvalidOptionalTag(other),
                self.pos - 1,
            )),
        }
    }

    // ---- str and data ----

    /// Reads a BARE `data`, borrowed from the input. The length is checked
    /// against the bytes left before anything is read.
    #[inline]
    pub fn read_data(&mut self) -> Result<&'a [u8], DecodeError> {
        let len = self.read_count(1)?;
        self.read_bytes(len)
    }

    /// Reads a BARE `data` into a new `Vec<u8>`.
    #[inline]
    pub fn read_data_vec(&mut self) -> Result<Vec<u8>, DecodeError> {
        let data = self.read_data()?;
        self.charge(data.len())?;
        Ok(data.to_vec())
    }

    /// Reads a BARE `data[N]`: exactly `N` bytes, no length.
    #[inline]
    pub fn read_fixed_data<const N: usize>(&mut self) -> Result<[u8; N], DecodeError> {
        self.read_array()
    }

    /// Reads a BARE `str`, borrowed from the input. Invalid UTF-8 (as
    /// [`core::str::from_utf8`] defines it: no overlong forms, no surrogates)
    /// is reported at the first invalid byte.
    #[inline]
    pub fn read_str(&mut self) -> Result<&'a str, DecodeError> {
        let bytes = self.read_data()?;
        match utf8(bytes) {
            Ok(text) => Ok(text),
            Err(e) => Err(self.utf8_error(bytes.len(), e.valid_up_to())),
        }
    }

    /// The error of a `str` of `len` bytes, just read, that is valid UTF-8
    /// up to `valid`; out of line, so `read_str` stays small enough to
    /// inline at every string field.
    #[cold]
    #[inline(never)]
    fn utf8_error(&self, len: usize, valid: usize) -> DecodeError {
        DecodeError::new(DecodeErrorKind::InvalidUtf8, self.pos - len + valid)
    }

    /// Reads a BARE `data` as a `Cow` borrowing from the input (the field
    /// type of `data` in borrowed twins). Nothing is copied or allocated.
    #[inline]
    pub fn read_cow_data(&mut self) -> Result<Cow<'a, [u8]>, DecodeError> {
        self.read_data().map(Cow::Borrowed)
    }

    /// Reads a BARE `str` as a `Cow` borrowing from the input (the field
    /// type of `str` in borrowed twins). Nothing is copied or allocated.
    #[inline]
    pub fn read_cow_str(&mut self) -> Result<Cow<'a, str>, DecodeError> {
        self.read_str().map(Cow::Borrowed)
    }

    /// Reads a BARE `str` into a new `String`.
    #[inline]
    pub fn read_string(&mut self) -> Result<String, DecodeError> {
        let text = self.read_str()?;
        self.charge(text.len())?;
        Ok(String::from(text))
    }
}

/// `bytes` as text, if it is UTF-8 ([`core::str::from_utf8`]'s rule and
/// error, which this returns unchanged for anything but ASCII).
///
/// Text on the wire is mostly ASCII, and short: names, titles, tags. The
/// standard check walks such strings a byte at a time through the branches
/// of every multi-byte form; `is_ascii` settles them a word at a time, and
/// only text with other bytes takes the full check. On Kleppmann's person
/// record this cut the instructions of a whole decode by 18%.
///
/// One of the runtime's two `unsafe` blocks (the other is
/// [`Str`](crate::Str)'s, on text checked here): the workspace denies
/// `unsafe` everywhere else.
#[inline]
#[allow(unsafe_code)]
pub(crate) fn utf8(bytes: &[u8]) -> Result<&str, core::str::Utf8Error> {
    if bytes.is_ascii() {
        // SAFETY: every byte is below 0x80, and a sequence of such bytes is
        // valid UTF-8 (each is a one-byte code point).
        Ok(unsafe { core::str::from_utf8_unchecked(bytes) })
    } else {
        core::str::from_utf8(bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind_and_offset<T>(result: Result<T, DecodeError>) -> (DecodeErrorKind, usize) {
        match result {
            Ok(_) => panic!("expected an error"),
            Err(e) => (e.kind().clone(), e.offset()),
        }
    }

    #[test]
    fn uint_boundaries() {
        for (bytes, value) in [
            (&[0x00][..], 0u64),
            (&[0x7f], 127),
            (&[0x80, 0x01], 128),
            (&[0xff, 0x7f], 16383),
            (&[0x80, 0x80, 0x01], 16384),
        ] {
            let mut r = Reader::new(bytes);
            assert_eq!(r.read_uint().unwrap(), value);
            assert!(r.is_empty());
        }
        let max = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01];
        assert_eq!(Reader::new(&max).read_uint().unwrap(), u64::MAX);
        let top_bit = [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01];
        assert_eq!(Reader::new(&top_bit).read_uint().unwrap(), 1 << 63);
    }

    #[test]
    fn uint_rejections() {
        let cases: [(&[u8], DecodeErrorKind); 7] = [
            (&[0x80, 0x00], DecodeErrorKind::NonCanonicalVarint),
            (&[0xff, 0x80, 0x00], DecodeErrorKind::NonCanonicalVarint),
            (
                &[0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00],
                DecodeErrorKind::NonCanonicalVarint,
            ),
            (
                &[0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02],
                DecodeErrorKind::VarintOverflow,
            ),
            (
                &[
                    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x81, 0x00,
                ],
                DecodeErrorKind::VarintOverflow,
            ),
            (
                &[0x80],
                DecodeErrorKind::Truncated {
                    needed: 2,
                    remaining: 1,
                },
            ),
            (
                &[],
                DecodeErrorKind::Truncated {
                    needed: 1,
                    remaining: 0,
                },
            ),
        ];
        for (bytes, kind) in cases {
            let mut r = Reader::new(bytes);
            assert_eq!(kind_and_offset(r.read_uint()), (kind, 0), "{bytes:02x?}");
        }
    }

    #[test]
    fn errors_point_at_the_value_after_earlier_reads() {
        let mut r = Reader::new(&[0x01, 0x02, 0x80, 0x00]);
        r.read_u16().unwrap();
        assert_eq!(
            kind_and_offset(r.read_uint()),
            (DecodeErrorKind::NonCanonicalVarint, 2)
        );
        let mut r = Reader::new(&[0x00, 0x09]);
        r.read_bool().unwrap();
        assert_eq!(
            kind_and_offset(r.read_bool()),
            (DecodeErrorKind::InvalidBool(9), 1)
        );
    }

    #[test]
    fn counts_are_bounded_by_the_input() {
        let mut r = Reader::new(&[0x02, 0xaa, 0xbb]);
        assert_eq!(r.read_list_len().unwrap(), 2);
        let mut r = Reader::new(&[0x02, 0xaa, 0xbb, 0xcc]);
        assert_eq!(
            kind_and_offset(r.read_map_len()),
            (
                DecodeErrorKind::LengthTooLarge {
                    claimed: 2,
                    remaining: 3
                },
                0
            )
        );
        let mut r = Reader::new(&[0x00]);
        assert_eq!(r.read_count(0).unwrap(), 0);
        let limited = Limits::default().with_max_collection_len(1);
        let mut r = Reader::with_limits(&[0x02, 0xaa, 0xbb], limited);
        assert_eq!(
            kind_and_offset(r.read_list_len()),
            (
                DecodeErrorKind::LengthLimitExceeded {
                    claimed: 2,
                    limit: 1
                },
                0
            )
        );
    }

    #[test]
    fn str_borrows_and_reports_first_bad_byte() {
        let input = [0x02, b'h', b'i', 0x03, b'a', 0xff, b'b'];
        let mut r = Reader::new(&input);
        assert_eq!(r.read_str().unwrap(), "hi");
        assert_eq!(
            kind_and_offset(r.read_str()),
            (DecodeErrorKind::InvalidUtf8, 5)
        );
    }

    #[test]
    fn depth_tracking() {
        let mut r = Reader::with_limits(&[], Limits::default().with_max_depth(2));
        r.enter().unwrap();
        r.enter().unwrap();
        assert_eq!(
            kind_and_offset(r.enter()),
            (DecodeErrorKind::DepthLimitExceeded(2), 0)
        );
        r.leave();
        assert_eq!(r.depth(), 1);
        r.enter().unwrap();
        r.leave();
        r.leave();
        r.leave();
        assert_eq!(r.depth(), 0);
    }

    #[test]
    fn nested_leaves_even_on_error() {
        let mut r = Reader::new(&[0x02]);
        assert!(r.nested(|r| r.read_bool()).is_err());
        assert_eq!(r.depth(), 0);
        let mut r = Reader::new(&[0x01]);
        assert!(r.nested(|r| r.nested(|r| r.read_bool())).unwrap());
        assert_eq!(r.depth(), 0);
    }

    #[test]
    fn finish_reports_trailing_bytes() {
        let mut r = Reader::new(&[0x01, 0x02, 0x03]);
        r.read_u8().unwrap();
        assert_eq!(
            kind_and_offset(r.finish()),
            (DecodeErrorKind::TrailingBytes(2), 1)
        );
    }

    /// The ASCII shortcut and the standard check agree on every input: the
    /// text, or the error at the same byte.
    fn assert_utf8_as_std(bytes: &[u8]) {
        assert_eq!(utf8(bytes), core::str::from_utf8(bytes), "{bytes:x?}");
    }

    #[test]
    fn utf8_agrees_with_std_at_the_edges() {
        for bytes in [
            &b""[..],
            b"a",
            b"\x7f",
            b"\x80",
            b"0123456789abcdef0123456789abcde\xff",
            "caf\u{e9}".as_bytes(),
            "\u{1f600} tags".as_bytes(),
            b"ok\xc3",
            b"\xed\xa0\x80",
            b"\xc0\xaf",
            b"\xf4\x90\x80\x80",
        ] {
            assert_utf8_as_std(bytes);
        }
    }

    proptest::proptest! {
        #[test]
        fn utf8_agrees_with_std(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..64)) {
            assert_utf8_as_std(&bytes);
        }

        #[test]
        fn utf8_agrees_with_std_on_text(text in "\\PC{0,40}", cut in 0usize..160) {
            // Valid text, and the same cut short, which may end mid-character.
            let bytes = text.as_bytes();
            assert_utf8_as_std(bytes);
            assert_utf8_as_std(&bytes[..cut.min(bytes.len())]);
        }
    }
}
