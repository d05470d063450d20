//! Every input of the BARE notes' rejection table fails with the expected
//! kind, at the expected byte, with the expected path.
//!
//! NOTICE: the rejected inputs come from the verso project's BARE
//! implementation notes ("Inputs a strict decoder must reject"); bare-ts
//! rejected every one of them.

mod common;

use std::collections::{BTreeMap, HashMap};
use std::fmt::Debug;

use common::{Color, Message, Person, U8OrStr, Versioned, hex};
use verso::DecodeErrorKind::{self, *};
use verso::{Decode, Int, Reader, Uint, from_slice};

/// Decoding `bytes` as a whole `T` fails with `kind` at `offset`, and the
/// error's path renders as `path`.
fn reject<T: Decode + Debug>(bytes: &str, kind: DecodeErrorKind, offset: usize, path: &str) {
    let input = hex(bytes);
    match from_slice::<T>(&input) {
        Ok(value) => panic!(
            "{} `{bytes}` decoded to {value:?}, expected {kind:?}",
            std::any::type_name::<T>()
        ),
        Err(err) => {
            let context = format!("{} `{bytes}`: {err}", std::any::type_name::<T>());
            assert_eq!(err.kind(), &kind, "{context}");
            assert_eq!(err.offset(), offset, "{context}");
            assert_eq!(err.path_display().to_string(), path, "{context}");
        }
    }
}

const fn truncated(needed: usize, remaining: usize) -> DecodeErrorKind {
    Truncated { needed, remaining }
}

#[test]
fn non_minimal_uint() {
    reject::<Uint>("80 00", NonCanonicalVarint, 0, "");
    reject::<Uint>("81 00", NonCanonicalVarint, 0, "");
}

#[test]
fn uint_above_u64_max() {
    reject::<Uint>("ff ff ff ff ff ff ff ff ff 02", VarintOverflow, 0, "");
}

#[test]
fn uint_of_eleven_bytes() {
    reject::<Uint>("ff ff ff ff ff ff ff ff ff 80 01", VarintOverflow, 0, "");
}

#[test]
fn non_minimal_int() {
    reject::<Int>("80 00", NonCanonicalVarint, 0, "");
}

#[test]
fn empty_u8() {
    reject::<u8>("", truncated(1, 0), 0, "");
}

#[test]
fn truncated_u32() {
    reject::<u32>("01 02 03", truncated(4, 3), 0, "");
}

#[test]
fn u8_with_trailing_byte() {
    reject::<u8>("01 02", TrailingBytes(1), 1, "");
}

#[test]
fn bool_not_0_or_1() {
    reject::<bool>("02", InvalidBool(2), 0, "");
}

#[test]
fn optional_tag_not_0_or_1() {
    reject::<Option<u8>>("02", InvalidOptionalTag(2), 0, "");
}

#[test]
fn invalid_utf8() {
    reject::<String>("01 ff", InvalidUtf8, 1, "");
}

#[test]
fn overlong_utf8() {
    reject::<String>("02 c0 80", InvalidUtf8, 1, "");
}

#[test]
fn encoded_surrogate() {
    reject::<String>("03 ed a0 80", InvalidUtf8, 1, "");
}

#[test]
fn str_length_beyond_input() {
    reject::<String>(
        "05",
        LengthTooLarge {
            claimed: 5,
            remaining: 0,
        },
        0,
        "",
    );
}

#[test]
fn enum_value_not_a_member() {
    reject::<Color>("01", UnknownEnumValue(1), 0, "Color");
}

#[test]
fn unknown_union_tag() {
    reject::<U8OrStr>("01 00", UnknownUnionTag(1), 0, "");
}

#[test]
fn duplicate_map_key() {
    reject::<BTreeMap<String, u8>>("02 01 61 01 01 61 02", DuplicateMapKey, 4, "{key 1}");
    reject::<HashMap<String, u8>>("02 01 61 01 01 61 02", DuplicateMapKey, 4, "{key 1}");
}

#[test]
fn truncated_list() {
    reject::<Vec<u16>>("02 01 00", truncated(2, 0), 3, "[1]");
}

#[test]
fn huge_list_count_fails_fast() {
    reject::<Vec<u16>>(
        "ff ff ff ff 0f",
        LengthTooLarge {
            claimed: (1 << 32) - 1,
            remaining: 0,
        },
        0,
        "",
    );
}

#[test]
fn truncated_fixed_list() {
    reject::<[u8; 3]>("01 02", truncated(1, 0), 2, "[2]");
}

#[test]
fn truncated_fixed_data() {
    // As `[u8; 4]` through the generic impl, element by element…
    reject::<[u8; 4]>("01 02 03", truncated(1, 0), 3, "[3]");
    // …and through the data[N] reader, all at once.
    let input = hex("01 02 03");
    let err = Reader::new(&input).read_fixed_data::<4>().unwrap_err();
    assert_eq!((err.kind(), err.offset()), (&truncated(4, 3), 0));
}

// ---- beyond the table ----

#[test]
fn truncated_varint() {
    reject::<Uint>("80 80", truncated(3, 2), 0, "");
    reject::<Int>("", truncated(1, 0), 0, "");
}

#[test]
fn ten_byte_varint_ending_in_zero_is_not_minimal() {
    reject::<Uint>("80 80 80 80 80 80 80 80 80 00", NonCanonicalVarint, 0, "");
}

#[test]
fn every_trailing_byte_is_counted() {
    reject::<String>("01 61 00 00 00", TrailingBytes(3), 2, "");
    reject::<Person>("02 41 6c 1e 00 06 ff", TrailingBytes(1), 6, "");
}

#[test]
fn errors_inside_structs_carry_the_path() {
    // Row 58's Person with a bad optional tag for `email` (byte 4).
    reject::<Person>(
        "02 41 6c 1e 07 06",
        InvalidOptionalTag(7),
        4,
        "Person.email",
    );
    // …and with an unknown color.
    reject::<Person>("02 41 6c 1e 00 02", UnknownEnumValue(2), 5, "Person.color");
    reject::<Versioned>(
        "03 00 02 41 ff 1e 00 06",
        InvalidUtf8,
        4,
        "Versioned.body.name",
    );
    reject::<Message>(
        "02 02 41 6c 1e 00 09",
        UnknownEnumValue(9),
        6,
        "Message::Person.color",
    );
    reject::<Message>("03", UnknownUnionTag(3), 0, "Message");
    reject::<Vec<Person>>(
        "02 02 41 6c 1e 00 06 02 42 6f 80 00 00 00",
        NonCanonicalVarint,
        10,
        "[1].age",
    );
}

#[test]
fn errors_inside_maps_name_key_or_value() {
    reject::<BTreeMap<String, bool>>("02 01 61 01 01 62 02", InvalidBool(2), 6, "{value 1}");
    reject::<BTreeMap<String, bool>>("01 01 ff 01", InvalidUtf8, 2, "{key 0}");
    reject::<BTreeMap<u8, u8>>(
        "02 01 01",
        LengthTooLarge {
            claimed: 2,
            remaining: 2,
        },
        0,
        "",
    );
}

#[test]
fn data_length_beyond_input() {
    reject::<Vec<u8>>(
        "03 01 02",
        LengthTooLarge {
            claimed: 3,
            remaining: 2,
        },
        0,
        "",
    );
    let input = hex("03 01 02");
    let err = Reader::new(&input).read_data().unwrap_err();
    assert_eq!(
        err.kind(),
        &LengthTooLarge {
            claimed: 3,
            remaining: 2
        }
    );
}

#[test]
fn display_is_written_for_a_log() {
    let input = hex("02 02 41 6c 1e 00 09");
    let err = from_slice::<Message>(&input).unwrap_err();
    assert_eq!(
        err.to_string(),
        "Message::Person.color: unknown enum value 9 at byte 6"
    );
    let err = from_slice::<u32>(&hex("01 02 03")).unwrap_err();
    assert_eq!(
        err.to_string(),
        "unexpected end of input (needs 4 bytes, 3 left) at byte 0"
    );
}
