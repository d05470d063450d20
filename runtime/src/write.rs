//! Writers for every BARE primitive, and the exact length each one writes.
//!
//! Writers append to a `Vec<u8>` and never fail. Each `*_len` function
//! returns exactly the number of bytes its writer appends, so that
//! [`Encode::encoded_len`](crate::Encode::encoded_len) can be exact and
//! [`to_vec`](crate::to_vec) allocates once.

use alloc::vec::Vec;
/// Maps a signed integer to an unsigned one so that small magnitudes stay
/// small: 0, -1, 1, -2, … become 0, 1, 2, 3, …
#[inline]
pub(crate) const fn zigzag_encode(value: i64) -> u64 {
    ((value << 1) ^ (value >> 63)) as u64
}

/// Inverse of [`zigzag_encode`].
#[inline]
pub(crate) const fn zigzag_decode(value: u64) -> i64 {
    ((value >> 1) as i64) ^ -((value & 1) as i64)
}

/// Writes a BARE `uint`: unsigned LEB128, shortest form, 1 to 10 bytes.
#[inline]
pub fn write_uint(out: &mut Vec<u8>, value: u64) {
    // Lengths, counts, enum values and tags are nearly always one byte:
    // that case inlines at every call site, the rest is one call away
    // (under fat LTO the whole function was too big to inline, and a call
    // per length prefix was a fifth of encoding the todo app).
    if value < 0x80 {
        out.push(value as u8);
    } else {
        write_long_uint(out, value);
    }
}

/// [`write_uint`] for values of two bytes or more.
#[inline(never)]
fn write_long_uint(out: &mut Vec<u8>, mut value: u64) {
    // One reserve-and-copy instead of up to ten capacity checks.
    let mut buf = [0u8; 10];
    let mut n = 0;
    while value >= 0x80 {
        buf[n] = (value as u8) | 0x80;
        value >>= 7;
        n += 1;
    }
    buf[n] = value as u8;
    out.extend_from_slice(&buf[..=n]);
}

/// Bytes [`write_uint`] writes for `value` (1 to 10).
#[inline]
pub const fn uint_len(value: u64) -> usize {
    let bits = 64 - (value | 1).leading_zeros();
    bits.div_ceil(7) as usize
}

/// Writes a BARE `int`: zig-zag mapped, then as a `uint`.
#[inline]
pub fn write_int(out: &mut Vec<u8>, value: i64) {
    write_uint(out, zigzag_encode(value));
}

/// Bytes [`write_int`] writes for `value` (1 to 10).
#[inline]
pub const fn int_len(value: i64) -> usize {
    uint_len(zigzag_encode(value))
}

/// Writes a BARE `u8`.
#[inline]
pub fn write_u8(out: &mut Vec<u8>, value: u8) {
    out.push(value);
}

/// Writes a BARE `u16` (2 bytes, little-endian).
#[inline]
pub fn write_u16(out: &mut Vec<u8>, value: u16) {
    out.extend_from_slice(&value.to_le_bytes());
}

/// Writes a BARE `u32` (4 bytes, little-endian).
#[inline]
pub fn write_u32(out: &mut Vec<u8>, value: u32) {
    out.extend_from_slice(&value.to_le_bytes());
}

/// Writes a BARE `u64` (8 bytes, little-endian).
#[inline]
pub fn write_u64(out: &mut Vec<u8>, value: u64) {
    out.extend_from_slice(&value.to_le_bytes());
}

/// Writes a BARE `i8` (1 byte, two's complement).
#[inline]
pub fn write_i8(out: &mut Vec<u8>, value: i8) {
    out.push(value as u8);
}

/// Writes a BARE `i16` (2 bytes, two's complement, little-endian).
#[inline]
pub fn write_i16(out: &mut Vec<u8>, value: i16) {
    out.extend_from_slice(&value.to_le_bytes());
}

/// Writes a BARE `i32` (4 bytes, two's complement, little-endian).
#[inline]
pub fn write_i32(out: &mut Vec<u8>, value: i32) {
    out.extend_from_slice(&value.to_le_bytes());
}

/// Writes a BARE `i64` (8 bytes, two's complement, little-endian).
#[inline]
pub fn write_i64(out: &mut Vec<u8>, value: i64) {
    out.extend_from_slice(&value.to_le_bytes());
}

/// Writes a BARE `f32`: the IEEE 754 bits unchanged (NaN payloads
/// included), little-endian.
#[inline]
pub fn write_f32(out: &mut Vec<u8>, value: f32) {
    out.extend_from_slice(&value.to_bits().to_le_bytes());
}

/// Writes a BARE `f64`: the IEEE 754 bits unchanged (NaN payloads
/// included), little-endian.
#[inline]
pub fn write_f64(out: &mut Vec<u8>, value: f64) {
    out.extend_from_slice(&value.to_bits().to_le_bytes());
}

/// Writes a BARE `bool`: `00` or `01`.
#[inline]
pub fn write_bool(out: &mut Vec<u8>, value: bool) {
    out.push(u8::from(value));
}

/// Writes the presence byte of an `optional`: `01` when a value follows,
/// `00` when absent. Always 1 byte.
#[inline]
pub fn write_optional_tag(out: &mut Vec<u8>, present: bool) {
    out.push(u8::from(present));
}

/// Writes a BARE `str`: the byte length as a `uint`, then the UTF-8 bytes.
#[inline]
pub fn write_str(out: &mut Vec<u8>, value: &str) {
    write_data(out, value.as_bytes());
}

/// Bytes [`write_str`] writes for `value`.
#[inline]
pub const fn str_len(value: &str) -> usize {
    data_len(value.as_bytes())
}

/// Writes a BARE `data`: the byte length as a `uint`, then the bytes.
#[inline]
pub fn write_data(out: &mut Vec<u8>, value: &[u8]) {
    write_count(out, value.len());
    out.extend_from_slice(value);
}

/// Bytes [`write_data`] writes for `value`.
#[inline]
pub const fn data_len(value: &[u8]) -> usize {
    count_len(value.len()) + value.len()
}

/// Writes a BARE `data[N]`: exactly the bytes, no length.
#[inline]
pub fn write_fixed_data(out: &mut Vec<u8>, value: &[u8]) {
    out.extend_from_slice(value);
}

/// Writes the element count of a `list` or the pair count of a `map`
/// (a `uint`).
#[inline]
pub fn write_count(out: &mut Vec<u8>, count: usize) {
    // usize is at most 64 bits on every supported target, so this is lossless.
    write_uint(out, count as u64);
}

/// Bytes [`write_count`] writes for `count`.
#[inline]
pub const fn count_len(count: usize) -> usize {
    uint_len(count as u64)
}

/// Writes the numeric value of an enum member (a `uint`).
#[inline]
pub fn write_enum_value(out: &mut Vec<u8>, value: u64) {
    write_uint(out, value);
}

/// Bytes [`write_enum_value`] writes for `value`.
#[inline]
pub const fn enum_value_len(value: u64) -> usize {
    uint_len(value)
}

/// Writes the tag of a union member (a `uint`); the member's value follows.
#[inline]
pub fn write_union_tag(out: &mut Vec<u8>, tag: u64) {
    write_uint(out, tag);
}

/// Bytes [`write_union_tag`] writes for `tag`.
#[inline]
pub const fn union_tag_len(tag: u64) -> usize {
    uint_len(tag)
}

/// Writes a union member: its tag, then its value.
#[inline]
pub fn write_member<T: crate::Encode + ?Sized>(out: &mut Vec<u8>, tag: u64, value: &T) {
    write_union_tag(out, tag);
    value.encode(out);
}

/// Bytes [`write_member`] writes for `tag` and `value`.
#[inline]
pub fn member_len<T: crate::Encode + ?Sized>(tag: u64, value: &T) -> usize {
    union_tag_len(tag) + value.encoded_len()
}

#[cfg(test)]
mod tests {
    use std::vec::Vec;

    use super::*;

    fn uint_bytes(value: u64) -> Vec<u8> {
        let mut out = Vec::new();
        write_uint(&mut out, value);
        out
    }

    #[test]
    fn uint_lengths_at_every_boundary() {
        assert_eq!(uint_len(0), 1);
        for groups in 1..=9u32 {
            let max = (1u64 << (7 * groups)) - 1;
            assert_eq!(uint_len(max), groups as usize, "{max}");
            assert_eq!(uint_len(max + 1), groups as usize + 1, "{}", max + 1);
            assert_eq!(uint_bytes(max).len(), groups as usize);
            assert_eq!(uint_bytes(max + 1).len(), groups as usize + 1);
        }
        assert_eq!(uint_len(u64::MAX), 10);
        assert_eq!(
            uint_bytes(u64::MAX),
            [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]
        );
    }

    #[test]
    fn zigzag_mapping() {
        let pairs = [
            (0i64, 0u64),
            (-1, 1),
            (1, 2),
            (-2, 3),
            (2, 4),
            (i64::MAX, u64::MAX - 1),
            (i64::MIN, u64::MAX),
        ];
        for (signed, unsigned) in pairs {
            assert_eq!(zigzag_encode(signed), unsigned);
            assert_eq!(zigzag_decode(unsigned), signed);
        }
        assert_eq!(int_len(-64), 1);
        assert_eq!(int_len(64), 2);
    }

    #[test]
    fn fixed_width_are_little_endian() {
        let mut out = Vec::new();
        write_u16(&mut out, 0x1234);
        write_i32(&mut out, -1);
        write_f32(&mut out, 1.0);
        write_bool(&mut out, true);
        write_optional_tag(&mut out, false);
        assert_eq!(
            out,
            [
                0x34, 0x12, 0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x80, 0x3f, 0x01, 0x00
            ]
        );
    }

    #[test]
    fn str_and_data_carry_their_length() {
        let mut out = Vec::new();
        write_str(&mut out, "€");
        write_data(&mut out, &[0xde, 0xad]);
        write_fixed_data(&mut out, &[1, 2]);
        assert_eq!(out, [0x03, 0xe2, 0x82, 0xac, 0x02, 0xde, 0xad, 0x01, 0x02]);
        assert_eq!(str_len("€"), 4);
        assert_eq!(data_len(&[0; 128]), 130);
    }
}
