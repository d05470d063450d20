//! The golden vectors of BARE: value → bytes → value, for all 62 rows.
//!
//! NOTICE: these vectors come from the verso project's BARE implementation
//! notes (section "Golden vectors"); each was checked there against bare-ts
//! (tools 0.16.0, lib 0.4.1). Row numbers below are the notes' row numbers.

mod common;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Debug;

use common::{Color, Message, Pair, Person, U8OrStr, U8OrVoid, Versioned, hex};
use verso::containers::{
    array_len_with, decode_array_with, decode_list_with, decode_map_with, decode_option_with,
    encode_array_with, encode_list_with, encode_map_with, encode_option_with, list_len_with,
    map_len_with, option_len_with,
};
use verso::write::{
    data_len, int_len, str_len, uint_len, write_data, write_fixed_data, write_int, write_str,
    write_u8, write_u16, write_uint,
};
use verso::{Decode, Encode, Int, Reader, Uint, from_slice, to_vec};

/// Rows checked so far, to prove at the end that none was skipped.
#[derive(Default)]
struct Rows(BTreeSet<u32>);

impl Rows {
    /// encode(value) == bytes, encoded_len == bytes.len(), decode(bytes) == value.
    fn check<T: Encode + Decode + PartialEq + Debug>(&mut self, row: u32, value: T, bytes: &str) {
        let bytes = hex(bytes);
        assert_eq!(to_vec(&value), bytes, "row {row}: encoding of {value:?}");
        assert_eq!(value.encoded_len(), bytes.len(), "row {row}: encoded_len");
        let decoded: T = from_slice(&bytes).unwrap_or_else(|e| panic!("row {row}: {e}"));
        assert_eq!(decoded, value, "row {row}: decoding");
        self.0.insert(row);
    }

    /// Like `check`, comparing floats bit for bit.
    fn check_f32(&mut self, row: u32, value: f32, bytes: &str) {
        let bytes = hex(bytes);
        assert_eq!(to_vec(&value), bytes, "row {row}");
        assert_eq!(value.encoded_len(), 4, "row {row}");
        let decoded: f32 = from_slice(&bytes).unwrap();
        assert_eq!(decoded.to_bits(), value.to_bits(), "row {row}");
        self.0.insert(row);
    }

    fn check_f64(&mut self, row: u32, value: f64, bytes: &str) {
        let bytes = hex(bytes);
        assert_eq!(to_vec(&value), bytes, "row {row}");
        assert_eq!(value.encoded_len(), 8, "row {row}");
        let decoded: f64 = from_slice(&bytes).unwrap();
        assert_eq!(decoded.to_bits(), value.to_bits(), "row {row}");
        self.0.insert(row);
    }
}

fn person_al() -> Person {
    Person {
        name: "Al".into(),
        age: 30,
        email: None,
        color: Color::Blue,
    }
}

fn str_u8_map(pairs: &[(&str, u8)]) -> BTreeMap<String, u8> {
    pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect()
}

#[test]
fn all_62_rows_roundtrip_through_the_trait_impls() {
    let mut rows = Rows::default();

    rows.check(1, Uint(0), "00");
    rows.check(2, Uint(127), "7f");
    rows.check(3, Uint(128), "80 01");
    rows.check(4, Uint(300), "ac 02");
    rows.check(5, Uint(16384), "80 80 01");
    rows.check(
        6,
        Uint(18446744073709551615),
        "ff ff ff ff ff ff ff ff ff 01",
    );
    rows.check(7, Int(0), "00");
    rows.check(8, Int(-1), "01");
    rows.check(9, Int(1), "02");
    rows.check(10, Int(-64), "7f");
    rows.check(11, Int(64), "80 01");
    rows.check(
        12,
        Int(-9223372036854775808),
        "ff ff ff ff ff ff ff ff ff 01",
    );
    rows.check(
        13,
        Int(9223372036854775807),
        "fe ff ff ff ff ff ff ff ff 01",
    );
    rows.check(14, 255u8, "ff");
    rows.check(15, 0x1234u16, "34 12");
    rows.check(16, 0xdeadbeefu32, "ef be ad de");
    rows.check(17, 1u64, "01 00 00 00 00 00 00 00");
    rows.check(18, u64::MAX, "ff ff ff ff ff ff ff ff");
    rows.check(19, -1i8, "ff");
    rows.check(20, -128i8, "80");
    rows.check(21, -2i16, "fe ff");
    rows.check(22, 0x12345678i32, "78 56 34 12");
    rows.check(23, -1i32, "ff ff ff ff");
    rows.check(24, -2i64, "fe ff ff ff ff ff ff ff");
    rows.check_f32(25, 1.0, "00 00 80 3f");
    rows.check_f32(26, -2.5, "00 00 20 c0");
    rows.check_f32(27, f32::INFINITY, "00 00 80 7f");
    rows.check_f64(28, 1.0, "00 00 00 00 00 00 f0 3f");
    rows.check_f64(29, -2.5, "00 00 00 00 00 00 04 c0");
    rows.check_f64(30, 0.1, "9a 99 99 99 99 99 b9 3f");
    rows.check_f64(31, f64::NEG_INFINITY, "00 00 00 00 00 00 f0 ff");
    rows.check(32, false, "00");
    rows.check(33, true, "01");
    rows.check(34, String::new(), "00");
    rows.check(35, "hi".to_string(), "02 68 69");
    rows.check(36, "é".to_string(), "02 c3 a9");
    rows.check(37, "€".to_string(), "03 e2 82 ac");
    rows.check(38, Vec::<u8>::new(), "00");
    rows.check(39, vec![0xdeu8, 0xad], "02 de ad");
    rows.check(40, [1u8, 2, 3, 4], "01 02 03 04");
    rows.check(41, Color::Red, "00");
    rows.check(42, Color::Green, "05");
    rows.check(43, Color::Blue, "06");
    rows.check(44, None::<u8>, "00");
    rows.check(45, Some(7u8), "01 07");
    rows.check(46, Vec::<u16>::new(), "00");
    rows.check(47, vec![1u16, 2], "02 01 00 02 00");
    rows.check(48, vec![258u16], "01 02 01");
    rows.check(49, [1u8, 2, 3], "01 02 03");
    rows.check(50, str_u8_map(&[]), "00");
    rows.check(51, str_u8_map(&[("a", 1)]), "01 01 61 01");
    rows.check(
        52,
        str_u8_map(&[("a", 1), ("b", 2)]),
        "02 01 61 01 01 62 02",
    );
    rows.check(53, U8OrStr::U8(9), "00 09");
    rows.check(54, U8OrStr::Str("x".into()), "03 01 78");
    rows.check(55, U8OrVoid::U8(0), "00 00");
    rows.check(56, U8OrVoid::Void, "01");
    rows.check(
        57,
        Pair {
            a: 1,
            b: "hi".into(),
        },
        "01 02 68 69",
    );
    rows.check(58, person_al(), "02 41 6c 1e 00 06");
    rows.check(
        59,
        Person {
            name: "Bo".into(),
            age: 300,
            email: Some("b@x".into()),
            color: Color::Red,
        },
        "02 42 6f ac 02 01 03 62 40 78 00",
    );
    rows.check(
        60,
        Message::Pair(Pair {
            a: 2,
            b: String::new(),
        }),
        "01 02 00",
    );
    rows.check(61, Message::Person(person_al()), "02 02 41 6c 1e 00 06");
    rows.check(
        62,
        Versioned {
            version: 3,
            body: person_al(),
        },
        "03 00 02 41 6c 1e 00 06",
    );

    let expected: BTreeSet<u32> = (1..=62).collect();
    assert_eq!(rows.0, expected, "every row of the notes is checked");
}

/// Encodes with `encode`, checks bytes and `len`, decodes with `decode`
/// through a reader that must end up empty.
fn via_helpers<T: PartialEq + Debug>(
    row: u32,
    value: &T,
    bytes: &str,
    encode: impl Fn(&mut Vec<u8>, &T),
    len: impl Fn(&T) -> usize,
    decode: impl Fn(&mut Reader<'_>) -> Result<T, verso::DecodeError>,
) {
    let bytes = hex(bytes);
    let mut out = Vec::new();
    encode(&mut out, value);
    assert_eq!(out, bytes, "row {row}: encoding");
    assert_eq!(len(value), bytes.len(), "row {row}: length");
    let mut reader = Reader::new(&bytes);
    let decoded = decode(&mut reader).unwrap_or_else(|e| panic!("row {row}: {e}"));
    assert_eq!(&decoded, value, "row {row}: decoding");
    reader.finish().unwrap();
}

#[test]
fn varint_rows_through_the_free_functions() {
    let uints: [(u32, u64, &str); 6] = [
        (1, 0, "00"),
        (2, 127, "7f"),
        (3, 128, "80 01"),
        (4, 300, "ac 02"),
        (5, 16384, "80 80 01"),
        (6, u64::MAX, "ff ff ff ff ff ff ff ff ff 01"),
    ];
    for (row, value, bytes) in uints {
        via_helpers(
            row,
            &value,
            bytes,
            |out, v| write_uint(out, *v),
            |v| uint_len(*v),
            |r| r.read_uint(),
        );
    }
    let ints: [(u32, i64, &str); 7] = [
        (7, 0, "00"),
        (8, -1, "01"),
        (9, 1, "02"),
        (10, -64, "7f"),
        (11, 64, "80 01"),
        (12, i64::MIN, "ff ff ff ff ff ff ff ff ff 01"),
        (13, i64::MAX, "fe ff ff ff ff ff ff ff ff 01"),
    ];
    for (row, value, bytes) in ints {
        via_helpers(
            row,
            &value,
            bytes,
            |out, v| write_int(out, *v),
            |v| int_len(*v),
            |r| r.read_int(),
        );
    }
}

#[test]
fn str_and_data_rows_through_the_free_functions() {
    for (row, value, bytes) in [
        (34, "", "00"),
        (35, "hi", "02 68 69"),
        (36, "é", "02 c3 a9"),
        (37, "€", "03 e2 82 ac"),
    ] {
        via_helpers(
            row,
            &value.to_string(),
            bytes,
            |out, v| write_str(out, v),
            |v| str_len(v),
            |r| r.read_string(),
        );
        // The borrowed reader gives the same text without allocating.
        let bytes = hex(bytes);
        assert_eq!(Reader::new(&bytes).read_str().unwrap(), value);
    }
    for (row, value, bytes) in [(38, vec![], "00"), (39, vec![0xde, 0xad], "02 de ad")] {
        via_helpers(
            row,
            &value,
            bytes,
            |out, v| write_data(out, v),
            |v| data_len(v),
            |r| r.read_data_vec(),
        );
    }
    via_helpers(
        40,
        &[1u8, 2, 3, 4],
        "01 02 03 04",
        |out, v| write_fixed_data(out, v),
        |v| v.len(),
        |r| r.read_fixed_data::<4>(),
    );
}

#[test]
fn container_rows_through_the_closure_helpers() {
    for (row, value, bytes) in [(44, None, "00"), (45, Some(7u8), "01 07")] {
        via_helpers(
            row,
            &value,
            bytes,
            |out, v| encode_option_with(out, v, |out, x| write_u8(out, *x)),
            |v| option_len_with(v, |_| 1),
            |r| decode_option_with(r, Reader::read_u8),
        );
    }
    for (row, value, bytes) in [
        (46, vec![], "00"),
        (47, vec![1u16, 2], "02 01 00 02 00"),
        (48, vec![258], "01 02 01"),
    ] {
        via_helpers(
            row,
            &value,
            bytes,
            |out, v| encode_list_with(out, v, |out, x| write_u16(out, *x)),
            |v| list_len_with(v, |_| 2),
            |r| decode_list_with(r, Reader::read_u16),
        );
    }
    via_helpers(
        49,
        &[1u8, 2, 3],
        "01 02 03",
        |out, v| encode_array_with(out, v, |out, x| write_u8(out, *x)),
        |v| array_len_with(v, |_| 1),
        |r| decode_array_with(r, Reader::read_u8),
    );
    for (row, value, bytes) in [
        (50, str_u8_map(&[]), "00"),
        (51, str_u8_map(&[("a", 1)]), "01 01 61 01"),
        (
            52,
            str_u8_map(&[("a", 1), ("b", 2)]),
            "02 01 61 01 01 62 02",
        ),
    ] {
        via_helpers(
            row,
            &value,
            bytes,
            |out, v| {
                encode_map_with(
                    out,
                    v,
                    |out, k| write_str(out, k),
                    |out, x| write_u8(out, *x),
                )
            },
            |v| map_len_with(v, |k| str_len(k), |_| 1),
            |r| decode_map_with(r, Reader::read_string, Reader::read_u8),
        );
    }
}

#[test]
fn map_rows_as_hash_maps() {
    // A HashMap writes pairs in its own order, so only single-pair maps have
    // one encoding; the two-pair row is checked by decoding.
    for (row, pairs, bytes) in [(50, &[][..], "00"), (51, &[("a", 1u8)][..], "01 01 61 01")] {
        let map: HashMap<String, u8> = pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect();
        assert_eq!(to_vec(&map), hex(bytes), "row {row}");
    }
    let bytes = hex("02 01 61 01 01 62 02");
    let map: HashMap<String, u8> = from_slice(&bytes).unwrap();
    assert_eq!(map.len(), 2);
    assert_eq!((map["a"], map["b"]), (1, 2));
    assert_eq!(map.encoded_len(), bytes.len());
    assert_eq!(
        from_slice::<HashMap<String, u8>>(&to_vec(&map)).unwrap(),
        map
    );
}

#[test]
fn map_pairs_in_any_order_decode() {
    let unsorted = hex("02 01 62 02 01 61 01");
    let map: BTreeMap<String, u8> = from_slice(&unsorted).unwrap();
    assert_eq!(map, str_u8_map(&[("a", 1), ("b", 2)]));
    // A BTreeMap re-encodes sorted: the notes' row 52, not the input.
    assert_eq!(to_vec(&map), hex("02 01 61 01 01 62 02"));
}

#[test]
fn embedded_version_prefix_examples() {
    // The notes' VBARE examples: version 1 is `01 00`, version 258 is `02 01`.
    assert_eq!(to_vec(&1u16), hex("01 00"));
    assert_eq!(to_vec(&258u16), hex("02 01"));
}
