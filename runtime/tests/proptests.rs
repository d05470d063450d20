//! Property tests: every primitive and container round-trips, lengths are
//! exact, encodings are canonical, and arbitrary bytes never panic a decoder.

mod common;

use std::collections::{BTreeMap, HashMap};
use std::fmt::Debug;

use common::{Color, Message, Node, Pair, Person, Tree, U8OrStr, U8OrVoid, Versioned};
use proptest::prelude::*;
use verso::containers::{
    array_len_with, decode_array_with, decode_list_with, decode_map_with, decode_option_with,
    encode_array_with, encode_list_with, encode_map_with, encode_option_with, list_len_with,
    map_len_with, option_len_with,
};
use verso::write::{int_len, str_len, uint_len, write_int, write_str, write_uint};
use verso::{
    Decode, DecodeError, Encode, Int, Limits, Reader, Uint, from_slice, from_slice_with, to_vec,
};

/// value → bytes → value, with exact lengths; `canonical` also requires the
/// decoded value to re-encode to the same bytes (false only for hash maps,
/// whose iteration order differs between instances).
fn roundtrip_inner<T: Encode + Decode + PartialEq + Debug>(
    value: &T,
    canonical: bool,
) -> Result<(), TestCaseError> {
    let bytes = to_vec(value);
    prop_assert_eq!(bytes.len(), value.encoded_len());

    // Encoding appends, leaving what was there.
    let mut appended = vec![0xaa, 0xbb];
    value.encode(&mut appended);
    prop_assert_eq!(&appended[..2], &[0xaa, 0xbb]);
    prop_assert_eq!(appended.len(), 2 + bytes.len());

    let back: T = from_slice(&bytes).map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(&back, value);
    if canonical {
        prop_assert_eq!(to_vec(&back), bytes);
    }
    Ok(())
}

fn roundtrip<T: Encode + Decode + PartialEq + Debug>(value: &T) -> Result<(), TestCaseError> {
    roundtrip_inner(value, true)
}

/// Floats compared bit for bit (NaN payloads included).
fn roundtrip_f32(value: f32) -> Result<(), TestCaseError> {
    let bytes = to_vec(&value);
    prop_assert_eq!(bytes.len(), 4);
    let back: f32 = from_slice(&bytes).map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(back.to_bits(), value.to_bits());
    Ok(())
}

fn roundtrip_f64(value: f64) -> Result<(), TestCaseError> {
    let bytes = to_vec(&value);
    prop_assert_eq!(bytes.len(), 8);
    let back: f64 = from_slice(&bytes).map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(back.to_bits(), value.to_bits());
    Ok(())
}

/// If `bytes` decode as a `T`, they are exactly `T`'s encoding of the result:
/// strict decoding accepts one encoding per value.
fn decodes_only_canonical<T: Encode + Decode + Debug>(bytes: &[u8]) -> Result<(), TestCaseError> {
    match from_slice::<T>(bytes) {
        Ok(value) => {
            prop_assert_eq!(to_vec(&value), bytes);
            prop_assert_eq!(value.encoded_len(), bytes.len());
        }
        Err(err) => prop_assert!(err.offset() <= bytes.len(), "{err}"),
    }
    Ok(())
}

/// Decoding must return, Ok or Err, without panicking; errors point inside
/// the input.
fn never_panics<T: Decode>(bytes: &[u8], limits: Limits) -> Result<(), TestCaseError> {
    if let Err(err) = from_slice_with::<T>(bytes, limits) {
        prop_assert!(err.offset() <= bytes.len(), "{err}");
        let _ = err.to_string();
    }
    Ok(())
}

fn color() -> impl Strategy<Value = Color> {
    prop_oneof![Just(Color::Red), Just(Color::Green), Just(Color::Blue)]
}

fn person() -> impl Strategy<Value = Person> {
    (
        any::<String>(),
        any::<u64>(),
        any::<Option<String>>(),
        color(),
    )
        .prop_map(|(name, age, email, color)| Person {
            name,
            age,
            email,
            color,
        })
}

fn message() -> impl Strategy<Value = Message> {
    prop_oneof![
        (any::<u8>(), any::<String>()).prop_map(|(a, b)| Message::Pair(Pair { a, b })),
        person().prop_map(Message::Person),
    ]
}

fn tree() -> impl Strategy<Value = Tree> {
    let leaf = any::<u64>().prop_map(|label| Tree {
        label,
        children: vec![],
    });
    leaf.prop_recursive(6, 64, 4, |inner| {
        (any::<u64>(), prop::collection::vec(inner, 0..4))
            .prop_map(|(label, children)| Tree { label, children })
    })
}

fn uint() -> impl Strategy<Value = Uint> {
    // Mix the full range with small values, so every varint length shows up.
    prop_oneof![
        any::<u64>(),
        0u64..300,
        (0u32..64).prop_map(|shift| 1u64 << shift)
    ]
    .prop_map(Uint)
}

fn int() -> impl Strategy<Value = Int> {
    prop_oneof![any::<i64>(), -300i64..300].prop_map(Int)
}

/// Short inputs made mostly of the bytes that matter to BARE (0, 1, the
/// varint continuation bit, 0xff), so that near-valid inputs, such as
/// non-minimal varints, come up often.
fn edge_bytes() -> impl Strategy<Value = Vec<u8>> {
    let byte = prop_oneof![
        3 => Just(0x00u8),
        3 => Just(0x01),
        1 => Just(0x02),
        1 => Just(0x7f),
        3 => Just(0x80),
        1 => Just(0x81),
        2 => Just(0xff),
        2 => any::<u8>(),
    ];
    prop::collection::vec(byte, 0..12)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2048))]

    #[test]
    fn short_edge_inputs_decode_only_if_canonical(bytes in edge_bytes()) {
        decodes_only_canonical::<Uint>(&bytes)?;
        decodes_only_canonical::<Int>(&bytes)?;
        decodes_only_canonical::<Vec<Uint>>(&bytes)?;
        decodes_only_canonical::<Option<Int>>(&bytes)?;
        decodes_only_canonical::<Vec<Option<bool>>>(&bytes)?;
        decodes_only_canonical::<String>(&bytes)?;
        // Maps accept pairs in any order but re-encode sorted: same length
        // and same map, not always the same bytes.
        if let Ok(map) = from_slice::<BTreeMap<u8, Uint>>(&bytes) {
            let again = to_vec(&map);
            prop_assert_eq!(again.len(), bytes.len());
            prop_assert_eq!(from_slice::<BTreeMap<u8, Uint>>(&again).unwrap(), map);
        }
    }
}

proptest! {
    #[test]
    fn unsigned_fixed_width(a: u8, b: u16, c: u32, d: u64) {
        roundtrip(&a)?;
        roundtrip(&b)?;
        roundtrip(&c)?;
        roundtrip(&d)?;
    }

    #[test]
    fn signed_fixed_width(a: i8, b: i16, c: i32, d: i64) {
        roundtrip(&a)?;
        roundtrip(&b)?;
        roundtrip(&c)?;
        roundtrip(&d)?;
    }

    #[test]
    fn floats_keep_every_bit(a: u32, b: u64) {
        roundtrip_f32(f32::from_bits(a))?;
        roundtrip_f64(f64::from_bits(b))?;
    }

    #[test]
    fn bools(value: bool) {
        roundtrip(&value)?;
    }

    #[test]
    fn varints(u in uint(), i in int()) {
        roundtrip(&u)?;
        roundtrip(&i)?;
        prop_assert_eq!(uint_len(u.0), to_vec(&u).len());
        prop_assert_eq!(int_len(i.0), to_vec(&i).len());
    }

    #[test]
    fn varints_through_the_free_functions(u in uint(), i in int()) {
        let mut out = Vec::new();
        write_uint(&mut out, u.0);
        write_int(&mut out, i.0);
        prop_assert_eq!(out.len(), uint_len(u.0) + int_len(i.0));
        let mut reader = Reader::new(&out);
        prop_assert_eq!(reader.read_uint().unwrap(), u.0);
        prop_assert_eq!(reader.read_int().unwrap(), i.0);
        prop_assert!(reader.is_empty());
    }

    #[test]
    fn strings_and_bytes(s: String, data: Vec<u8>, fixed: [u8; 16]) {
        roundtrip(&s)?;
        roundtrip(&data)?;
        roundtrip(&fixed)?;
        let mut out = Vec::new();
        write_str(&mut out, &s);
        prop_assert_eq!(out.len(), str_len(&s));
        prop_assert_eq!(Reader::new(&out).read_str().unwrap(), s.as_str());
    }

    #[test]
    fn options(a: Option<u8>, b: Option<Option<String>>, c: Option<Box<i32>>) {
        roundtrip(&a)?;
        roundtrip(&b)?;
        roundtrip(&c)?;
    }

    #[test]
    fn lists(
        a: Vec<u16>,
        b: Vec<String>,
        c in prop::collection::vec(prop::option::of(uint()), 0..40),
        d: Vec<Vec<bool>>,
    ) {
        roundtrip(&a)?;
        roundtrip(&b)?;
        roundtrip(&c)?;
        roundtrip(&d)?;
    }

    #[test]
    fn fixed_lists(a: [u16; 3], b: [String; 2], c: [Option<i8>; 5], d: [[u8; 2]; 2]) {
        roundtrip(&a)?;
        roundtrip(&b)?;
        roundtrip(&c)?;
        roundtrip(&d)?;
    }

    #[test]
    fn sorted_maps(
        a: BTreeMap<String, Vec<u8>>,
        b in prop::collection::btree_map(uint(), int(), 0..20),
        c: BTreeMap<bool, Option<String>>,
        d: BTreeMap<[u8; 2], BTreeMap<u8, u8>>,
    ) {
        roundtrip(&a)?;
        roundtrip(&b)?;
        roundtrip(&c)?;
        roundtrip(&d)?;
    }

    #[test]
    fn hash_maps(a: HashMap<u32, String>, b: HashMap<String, Vec<i16>>) {
        roundtrip_inner(&a, false)?;
        roundtrip_inner(&b, false)?;
    }

    #[test]
    fn user_types(
        p in person(),
        m in message(),
        v in (any::<u16>(), person()).prop_map(|(version, body)| Versioned { version, body }),
        t in tree(),
        n in 1usize..128,
    ) {
        roundtrip(&p)?;
        roundtrip(&m)?;
        roundtrip(&v)?;
        roundtrip(&t)?;
        roundtrip(&Node::chain(n))?;
        roundtrip(&vec![U8OrStr::Str(p.name.clone()), U8OrStr::U8(n as u8)])?;
        roundtrip(&[U8OrVoid::Void, U8OrVoid::U8(n as u8)])?;
    }

    #[test]
    fn closure_helpers_nest(
        list in prop::collection::vec(prop::option::of(any::<u64>()), 0..20),
        map in prop::collection::btree_map(any::<String>(), prop::collection::vec(any::<i64>(), 0..5), 0..8),
        array: [Option<u64>; 3],
    ) {
        // list<optional<uint>>, map<str><list<int>>, list<optional<uint>>[3]
        let mut out = Vec::new();
        encode_list_with(&mut out, &list, |out, x| encode_option_with(out, x, |out, x| write_uint(out, *x)));
        encode_map_with(&mut out, &map, |out, k| write_str(out, k), |out, v| {
            encode_list_with(out, v, |out, x| write_int(out, *x))
        });
        encode_array_with(&mut out, &array, |out, x| encode_option_with(out, x, |out, x| write_uint(out, *x)));

        let len = list_len_with(&list, |x| option_len_with(x, |x| uint_len(*x)))
            + map_len_with(&map, |k| str_len(k), |v| list_len_with(v, |x| int_len(*x)))
            + array_len_with(&array, |x| option_len_with(x, |x| uint_len(*x)));
        prop_assert_eq!(len, out.len());

        let mut reader = Reader::new(&out);
        let list_back: Vec<Option<u64>> =
            decode_list_with(&mut reader, |r| decode_option_with(r, Reader::read_uint)).unwrap();
        let map_back: BTreeMap<String, Vec<i64>> = decode_map_with(
            &mut reader,
            Reader::read_string,
            |r| decode_list_with(r, Reader::read_int),
        ).unwrap();
        let array_back: [Option<u64>; 3] =
            decode_array_with(&mut reader, |r| decode_option_with(r, Reader::read_uint)).unwrap();
        reader.finish().unwrap();
        prop_assert_eq!(list_back, list);
        prop_assert_eq!(map_back, map);
        prop_assert_eq!(array_back, array);
    }

    #[test]
    fn arbitrary_bytes_decode_only_if_canonical(bytes in prop::collection::vec(any::<u8>(), 0..64)) {
        decodes_only_canonical::<Uint>(&bytes)?;
        decodes_only_canonical::<Int>(&bytes)?;
        decodes_only_canonical::<String>(&bytes)?;
        decodes_only_canonical::<Vec<Option<Uint>>>(&bytes)?;
        decodes_only_canonical::<Vec<Int>>(&bytes)?;
        decodes_only_canonical::<Vec<bool>>(&bytes)?;
        decodes_only_canonical::<Vec<f32>>(&bytes)?;
        decodes_only_canonical::<[Option<u8>; 4]>(&bytes)?;
        decodes_only_canonical::<Person>(&bytes)?;
        decodes_only_canonical::<Message>(&bytes)?;
        decodes_only_canonical::<Node>(&bytes)?;
        decodes_only_canonical::<Tree>(&bytes)?;
    }

    #[test]
    fn arbitrary_bytes_never_panic(
        bytes in prop::collection::vec(any::<u8>(), 0..256),
        depth in 0usize..8,
        max_len in 0usize..8,
    ) {
        for limits in [
            Limits::default(),
            Limits::default().with_max_depth(depth).with_max_collection_len(max_len),
        ] {
            never_panics::<u8>(&bytes, limits)?;
            never_panics::<u64>(&bytes, limits)?;
            never_panics::<i32>(&bytes, limits)?;
            never_panics::<f64>(&bytes, limits)?;
            never_panics::<bool>(&bytes, limits)?;
            never_panics::<Uint>(&bytes, limits)?;
            never_panics::<Int>(&bytes, limits)?;
            never_panics::<String>(&bytes, limits)?;
            never_panics::<Vec<u8>>(&bytes, limits)?;
            never_panics::<[u8; 7]>(&bytes, limits)?;
            never_panics::<Vec<String>>(&bytes, limits)?;
            never_panics::<Vec<Vec<Uint>>>(&bytes, limits)?;
            never_panics::<Option<Box<Person>>>(&bytes, limits)?;
            never_panics::<[Uint; 4]>(&bytes, limits)?;
            never_panics::<BTreeMap<String, Vec<Int>>>(&bytes, limits)?;
            never_panics::<HashMap<Uint, String>>(&bytes, limits)?;
            never_panics::<BTreeMap<u8, Option<bool>>>(&bytes, limits)?;
            never_panics::<Message>(&bytes, limits)?;
            never_panics::<Versioned>(&bytes, limits)?;
            never_panics::<U8OrStr>(&bytes, limits)?;
            never_panics::<U8OrVoid>(&bytes, limits)?;
            never_panics::<Node>(&bytes, limits)?;
            never_panics::<Tree>(&bytes, limits)?;
        }
    }

    #[test]
    fn damaged_encodings_never_panic(
        p in person(),
        position: prop::sample::Index,
        byte: u8,
        cut: prop::sample::Index,
    ) {
        let mut bytes = to_vec(&Message::Person(p));
        let at = position.index(bytes.len());
        bytes[at] = byte;
        decodes_only_canonical::<Message>(&bytes)?;
        let end = cut.index(bytes.len());
        decodes_only_canonical::<Message>(&bytes[..end])?;
    }

    #[test]
    fn reader_primitives_in_any_order_never_panic(
        bytes in prop::collection::vec(any::<u8>(), 0..64),
        ops in prop::collection::vec(0u8..16, 0..32),
    ) {
        let mut reader = Reader::new(&bytes);
        for op in ops {
            let before = reader.position();
            let result: Result<(), DecodeError> = match op {
                0 => reader.read_uint().map(drop),
                1 => reader.read_int().map(drop),
                2 => reader.read_u8().map(drop),
                3 => reader.read_u16().map(drop),
                4 => reader.read_u32().map(drop),
                5 => reader.read_u64().map(drop),
                6 => reader.read_f32().map(drop),
                7 => reader.read_f64().map(drop),
                8 => reader.read_bool().map(drop),
                9 => reader.read_optional_tag().map(drop),
                10 => reader.read_str().map(drop),
                11 => reader.read_data().map(drop),
                12 => reader.read_fixed_data::<3>().map(drop),
                13 => reader.read_list_len().map(drop),
                14 => reader.read_map_len().map(drop),
                _ => reader.read_bytes(5).map(drop),
            };
            if let Err(err) = result {
                prop_assert!(err.offset() >= before && err.offset() <= bytes.len(), "{err}");
                break;
            }
            prop_assert!(reader.position() > before);
            prop_assert!(reader.position() <= bytes.len());
        }
    }
}
