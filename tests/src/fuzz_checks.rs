//! The checks behind verso's fuzz targets (`fuzz/fuzz_targets/*.rs`), as
//! plain functions of the input bytes, so the same logic runs under
//! libFuzzer (`scripts/fuzz.sh TARGET SECONDS`) and, without libFuzzer, in
//! `cargo test` (`tests/tests/fuzz_corpus.rs` replays every seed and every
//! regression input).
//!
//! Every check accepts any input: it returns normally when the code under
//! test behaved, and panics (with the property and the input in hex) when a
//! property is violated. Inputs longer than [`MAX_INPUT`] are cut, so one
//! input never means unbounded work, and nothing depends on time, threads
//! or randomness, so a crash replays exactly.
//!
//! Inputs that name a type start with a selector byte: `data[0] % N` picks
//! the type from a fixed table ([`generated_types`], [`named_types`],
//! [`versioned_roots`]); the rest is the message.

use std::fmt::Debug;
use std::sync::OnceLock;

use serde_json::{Map, Value};
use verso::{Decode, DecodeError, Encode, Limits, Versioned};
use verso_codegen::ir::{Schema, Type, TypeId, TypeKind};
use verso_codegen::lock::{Lock, fingerprint};
use verso_codegen::manifest::Manifest;
use verso_codegen::{Diagnostic, EmitOptions, Options, check, format};

use crate::borrowed::features::v1::borrowed as b;
use crate::evolution::{
    anonymous, client_protocol, inspector_protocol, members, paths, renames, retired, ups_protocol,
    void_member,
};
use crate::features::v1 as f;
use crate::random;
use crate::{bench_chain, bench_identical, person, television, todo};

/// The longest input a check looks at; the rest is ignored. Long enough
/// for every interesting shape, short enough that each execution is quick.
pub const MAX_INPUT: usize = 64 * 1024;

fn cap(data: &[u8]) -> &[u8] {
    &data[..data.len().min(MAX_INPUT)]
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Limits much tighter than the defaults, to check that tightening a limit
/// only ever turns successes into errors, never the other way round.
fn tight() -> Limits {
    Limits::default().with_max_depth(6).with_max_alloc(4096)
}

// ---------------------------------------------------------------------------
// The features schema: its IR, and its generated types.

/// The checked IR of `tests/schemas/features/v1.bare`, built once.
fn features() -> &'static Schema {
    static SCHEMA: OnceLock<Schema> = OnceLock::new();
    SCHEMA.get_or_init(|| {
        check(
            include_str!("../schemas/features/v1.bare"),
            &Options::default(),
        )
        .schema
        .expect("the features schema is valid")
    })
}

/// One generated type of the features schema, with its name in the schema
/// (generated names for anonymous types, which the IR does not name).
struct Generated {
    name: &'static str,
    /// Whether the type holds a map somewhere: then re-encoding may order
    /// the keys differently from the input (a `BTreeMap` sorts them).
    maps: bool,
    /// Decodes a whole message, checks the generated codec against itself
    /// and returns the value's re-encoding.
    decode: fn(&[u8], bool) -> Result<Vec<u8>, DecodeError>,
    /// Decodes a whole message into the type's borrowed twin (from the copy
    /// of the schema generated with `Config::borrowed`) and returns its
    /// re-encoding, which must be the owned type's outcome exactly.
    borrowed: fn(&[u8]) -> Result<Vec<u8>, DecodeError>,
}

/// The table entry of a type of the features schema: `$owned` in `f`, and
/// its twin `$twin` in `b` (the same name, except for `Count`).
macro_rules! entry {
    ($name:literal, $owned:ty, $twin:ty, $maps:expr) => {
        Generated {
            name: $name,
            maps: $maps,
            decode: generated::<$owned>,
            borrowed: |bytes| verso::from_slice_borrowed::<$twin>(bytes).map(|v| verso::to_vec(&v)),
        }
    };
    ($name:literal, $ty:ident, $maps:expr) => {
        entry!($name, f::$ty, b::$ty, $maps)
    };
}

/// The named types of the features schema, in the order of the schema
/// (this order is the selector of every typed input: keep it stable).
const NAMED: &[Generated] = &[
    entry!("Color", Color, false),
    entry!("Pair", Pair, false),
    entry!("Timestamp", Timestamp, false),
    // `Count` is `uint`, generated as `u64` (whose own encoding is the
    // fixed-width `u64`): a whole message of it is a `verso::Uint`.
    entry!("Count", verso::Uint, verso::Uint, false),
    entry!("Nothing", Nothing, false),
    entry!("Person", Person, false),
    entry!("Message", Message, false),
    entry!("Numbers", Numbers, false),
    entry!("Containers", Containers, true),
    entry!("Anonymous", Anonymous, false),
    entry!("Keywords", Keywords, false),
    entry!("Tree", Tree, false),
    entry!("Node", Node, false),
    entry!("Expr", Expr, false),
    entry!("Literal", Literal, false),
    entry!("Add", Add, false),
    entry!("Event", Event, true),
];

/// Generated types of the anonymous types inside `Anonymous`, which only
/// the generated decoder can be asked for on their own.
const ANONYMOUS: &[Generated] = &[
    entry!("AnonymousKind", AnonymousKind, false),
    entry!("AnonymousInner", AnonymousInner, false),
    entry!("AnonymousChoice", AnonymousChoice, false),
    entry!("AnonymousChoiceStruct9", AnonymousChoiceStruct9, false),
    entry!("AnonymousItemsItem", AnonymousItemsItem, false),
];

fn all_generated() -> impl Iterator<Item = &'static Generated> {
    NAMED.iter().chain(ANONYMOUS)
}

/// The names of the features schema's types that the typed targets
/// `decode_dynamic`, `differential`, `roundtrip` and `json_encode` know,
/// in selector order.
pub fn named_types() -> Vec<&'static str> {
    NAMED.iter().map(|t| t.name).collect()
}

/// The names of the generated types `decode_generated` knows, in selector
/// order: [`named_types`] first (same selectors), then the anonymous ones.
pub fn generated_types() -> Vec<&'static str> {
    all_generated().map(|t| t.name).collect()
}

/// Decodes `bytes` as `T` and checks what generated code promises of a
/// successful decode: `encoded_len` is exact; re-encoding gives the input
/// back (decoding is strict, so every accepted encoding is canonical),
/// except that map entries may come out in the map's own order, and then in
/// the same number of bytes; the re-encoding decodes to a value that encodes
/// the same way; tighter limits accept a subset, giving the same value.
fn generated<T: Encode + Decode + Debug>(bytes: &[u8], maps: bool) -> Result<Vec<u8>, DecodeError> {
    let tight_result = verso::from_slice_with::<T>(bytes, tight());
    let value: T = match verso::from_slice(bytes) {
        Ok(value) => value,
        Err(error) => {
            assert!(
                tight_result.is_err(),
                "tight limits accept what the defaults refuse ({error}): {}",
                hex(bytes)
            );
            return Err(error);
        }
    };
    let encoded = verso::to_vec(&value);
    assert_eq!(
        value.encoded_len(),
        encoded.len(),
        "encoded_len of {value:?}"
    );
    if maps {
        assert_eq!(
            encoded.len(),
            bytes.len(),
            "re-encoding changed the length: {} → {}",
            hex(bytes),
            hex(&encoded)
        );
    } else {
        assert_eq!(hex(&encoded), hex(bytes), "re-encoding of {value:?}");
    }
    let again: T = verso::from_slice(&encoded)
        .unwrap_or_else(|e| panic!("the re-encoding {} does not decode: {e}", hex(&encoded)));
    assert_eq!(
        hex(&verso::to_vec(&again)),
        hex(&encoded),
        "re-encoding is not stable"
    );
    if let Ok(tight_value) = tight_result {
        assert_eq!(
            hex(&verso::to_vec(&tight_value)),
            hex(&encoded),
            "tight limits decode another value"
        );
    }
    Ok(encoded)
}

/// Splits a typed input into the table entry its selector byte picks and
/// the message that follows.
fn pick<'a, T>(table: &'a [T], data: &'a [u8]) -> Option<(&'a T, &'a [u8])> {
    let (selector, rest) = cap(data).split_first()?;
    Some((&table[usize::from(*selector) % table.len()], rest))
}

// ---------------------------------------------------------------------------
// JSON helpers for the dynamic codec.

/// The JSON key of a union member, as the JSON mapping writes it.
fn member_key(schema: &Schema, ty: &Type, tag: u64) -> String {
    match &ty.kind {
        TypeKind::Ref(id) => schema.get(*id).name.clone(),
        TypeKind::Primitive(p) => p.keyword().to_owned(),
        TypeKind::Data => "data".to_owned(),
        _ => tag.to_string(),
    }
}

/// `value` (JSON of type `ty`) with every map in one canonical order, so
/// two decodings of the same value compare equal whatever order their
/// input held the entries in.
fn canonical(schema: &Schema, ty: &Type, value: &Value) -> Value {
    match (&ty.kind, value) {
        (TypeKind::Ref(id), _) => canonical(schema, &schema.get(*id).ty, value),
        (TypeKind::Optional(inner), _) if !value.is_null() => canonical(schema, inner, value),
        (TypeKind::List(inner) | TypeKind::FixedList(inner, _), Value::Array(items)) => {
            Value::Array(items.iter().map(|v| canonical(schema, inner, v)).collect())
        }
        (TypeKind::Map(_, value_ty), Value::Object(object)) => {
            let mut entries: Vec<_> = object.iter().collect();
            entries.sort_by(|a, b| a.0.cmp(b.0));
            Value::Object(
                entries
                    .into_iter()
                    .map(|(k, v)| (k.clone(), canonical(schema, value_ty, v)))
                    .collect(),
            )
        }
        (TypeKind::Map(key_ty, value_ty), Value::Array(pairs)) => {
            let mut pairs: Vec<Value> = pairs
                .iter()
                .map(|pair| match pair {
                    Value::Array(kv) if kv.len() == 2 => Value::Array(vec![
                        canonical(schema, key_ty, &kv[0]),
                        canonical(schema, value_ty, &kv[1]),
                    ]),
                    other => other.clone(),
                })
                .collect();
            pairs.sort_by_cached_key(|pair| pair.to_string());
            Value::Array(pairs)
        }
        (TypeKind::Struct(fields), Value::Object(object)) => {
            let mut out = Map::new();
            for (key, v) in object {
                let field = fields.iter().find(|f| f.name == *key);
                let v = field.map_or_else(|| v.clone(), |f| canonical(schema, &f.ty, v));
                out.insert(key.clone(), v);
            }
            Value::Object(out)
        }
        (TypeKind::Union(members), Value::Object(object)) if object.len() == 1 => {
            let (key, v) = object.iter().next().expect("one entry");
            let member = members
                .iter()
                .find(|m| member_key(schema, &m.ty, m.tag) == *key);
            let v = member.map_or_else(|| v.clone(), |m| canonical(schema, &m.ty, v));
            let mut out = Map::new();
            out.insert(key.clone(), v);
            Value::Object(out)
        }
        _ => value.clone(),
    }
}

/// Whether the JSON holds a NaN float (written `"NaN"`): the JSON mapping
/// has one NaN, so a NaN's payload bits do not survive a trip through JSON.
fn has_nan(value: &Value) -> bool {
    match value {
        Value::String(s) => s == "NaN",
        Value::Array(items) => items.iter().any(has_nan),
        Value::Object(object) => object.values().any(has_nan),
        _ => false,
    }
}

/// Checks that `json`, decoded dynamically from `bytes`, encodes back to
/// exactly `bytes` — or, when it holds a NaN, to bytes of the same length
/// that decode to the same JSON.
fn assert_reencodes(schema: &Schema, id: TypeId, bytes: &[u8], json: &Value) {
    let again = verso_dynamic::encode(schema, id, json)
        .unwrap_or_else(|e| panic!("decoded JSON does not encode: {e}\n{json}"));
    if again == bytes {
        return;
    }
    assert!(
        has_nan(json),
        "JSON re-encodes to other bytes: {} → {json} → {}",
        hex(bytes),
        hex(&again)
    );
    assert_eq!(
        again.len(),
        bytes.len(),
        "NaN re-encoding changed the length"
    );
    let back = verso_dynamic::decode(schema, id, &again, Limits::default())
        .unwrap_or_else(|e| panic!("NaN re-encoding {} does not decode: {e}", hex(&again)));
    assert_eq!(&back, json, "NaN re-encoding decodes to other JSON");
}

// ---------------------------------------------------------------------------
// Targets over bytes.

/// `decode_generated`: the selector picks a generated type of the features
/// schema (named or anonymous, recursive ones included); the rest must
/// decode or fail cleanly, and a success must re-encode canonically
/// (see the module docs of the target for the exact properties).
pub fn decode_generated(data: &[u8]) {
    let table: Vec<&Generated> = all_generated().collect();
    if let Some((t, message)) = pick(&table, data) {
        let owned = (t.decode)(message, t.maps);
        // The borrowed twin accepts and refuses exactly the same bytes, with
        // the same error, and holds the same value.
        match (owned, (t.borrowed)(message)) {
            (Ok(a), Ok(b)) => assert_eq!(hex(&b), hex(&a), "{}: twin re-encodes otherwise", t.name),
            (Err(a), Err(b)) => assert_eq!(a, b, "{}: twin fails otherwise", t.name),
            (a, b) => panic!("{}: owned {a:?}, twin {b:?}: {}", t.name, hex(message)),
        }
    }
}

/// `decode_dynamic`: the selector picks a named type of the features
/// schema; the schema-driven decoder must decode the rest or fail cleanly,
/// a success must encode back to the same bytes (up to NaN payloads) and
/// survive a trip through JSON text, and tighter limits must accept a
/// subset.
pub fn decode_dynamic(data: &[u8]) {
    let Some((t, message)) = pick(NAMED, data) else {
        return;
    };
    let schema = features();
    let id = schema.lookup(t.name).expect("a named type");
    let tight_result = verso_dynamic::decode(schema, id, message, tight());
    let json = match verso_dynamic::decode(schema, id, message, Limits::default()) {
        Ok(json) => json,
        Err(error) => {
            assert!(
                tight_result.is_err(),
                "tight limits accept what the defaults refuse ({error}): {}",
                hex(message)
            );
            return;
        }
    };
    if let Ok(tight_json) = tight_result {
        assert_eq!(tight_json, json, "tight limits decode other JSON");
    }
    assert_reencodes(schema, id, message, &json);
    let text = serde_json::to_string(&json).expect("JSON values print");
    let parsed = verso_dynamic::parse_json(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
    assert_eq!(parsed, json, "JSON text does not read back");
}

/// `differential`: generated code and the dynamic codec on the same bytes
/// and type must agree. Both fail — with the same error kind at the same
/// offset — or both succeed; then the generated value's re-encoding decodes
/// dynamically to the same JSON (maps compared in a canonical order), and
/// that JSON encodes to the generated re-encoding again.
pub fn differential(data: &[u8]) {
    let Some((t, message)) = pick(NAMED, data) else {
        return;
    };
    let schema = features();
    let id = schema.lookup(t.name).expect("a named type");
    let ty = &schema.get(id).ty;
    let ours = (t.decode)(message, t.maps);
    let theirs = verso_dynamic::decode(schema, id, message, Limits::default());
    match (ours, theirs) {
        // An error is one fact about the input: both decoders report the
        // same kind at the same byte (generated code reads `data[N]` in one
        // piece, as the dynamic codec does).
        (Err(a), Err(b)) => {
            assert_eq!(
                (a.kind(), a.offset()),
                (b.kind(), b.offset()),
                "{}: generated and dynamic decoding fail differently ({a} / {b}) on {}",
                t.name,
                hex(message)
            );
        }
        (Ok(encoded), Ok(json)) => {
            let again = verso_dynamic::decode(schema, id, &encoded, Limits::default())
                .unwrap_or_else(|e| {
                    panic!(
                        "{}: dynamic decoding refuses the generated re-encoding {}: {e}",
                        t.name,
                        hex(&encoded)
                    )
                });
            assert_eq!(
                canonical(schema, ty, &again),
                canonical(schema, ty, &json),
                "{}: the decoders read different values from {}",
                t.name,
                hex(message)
            );
            assert_reencodes(schema, id, &encoded, &again);
        }
        (Ok(_), Err(e)) => panic!(
            "{}: generated code accepts what the dynamic codec refuses ({e}): {}",
            t.name,
            hex(message)
        ),
        (Err(e), Ok(json)) => panic!(
            "{}: the dynamic codec accepts what generated code refuses ({e}): {} → {json}",
            t.name,
            hex(message)
        ),
    }
}

// ---------------------------------------------------------------------------
// roundtrip: valid messages built from the input's bytes.

/// Reads decisions from the fuzzer's bytes; once they run out every
/// decision is zero (empty lists, absent optionals, the first value), so
/// each input builds exactly one message, and a longer input a larger one.
struct Choices<'a> {
    data: &'a [u8],
}

/// The fuzzer's source for [`random::message_from`]: any integer and any
/// float bits (NaNs with payloads and subnormals included), characters of
/// every UTF-8 length, deeper recursion than the tests' seeded one.
impl random::Source for Choices<'_> {
    const MAX_DEPTH: usize = 6;

    fn below(&mut self, n: usize) -> usize {
        usize::from(self.byte()) % n
    }

    fn coin(&mut self) -> bool {
        self.byte() & 1 == 1
    }

    fn byte(&mut self) -> u8 {
        match self.data.split_first() {
            Some((first, rest)) => {
                self.data = rest;
                *first
            }
            None => 0,
        }
    }

    fn bits(&mut self) -> u64 {
        // One byte picks the width, so small values (where varints change
        // length) are as likely as full 64-bit patterns.
        let width = match self.byte() % 4 {
            0 => 1,
            1 => 2,
            2 => 4,
            _ => 8,
        };
        let mut bits = 0u64;
        for i in 0..width {
            bits |= u64::from(self.byte()) << (8 * i);
        }
        bits
    }

    fn float(&mut self) -> f64 {
        // f32 fields take this rounded; a payload NaN stays a NaN.
        f64::from_bits(self.bits())
    }

    fn text(&mut self) -> String {
        const CHARS: &[char] = &['a', 'Z', ' ', '\0', '"', '\\', 'é', '€', '日', '🦀'];
        let len = self.below(7);
        (0..len).map(|_| CHARS[self.below(CHARS.len())]).collect()
    }

    fn count(&mut self) -> usize {
        // At most six elements a list or map.
        self.below(7)
    }
}

/// A valid message of the named type `name` of `schema`, built from the
/// decisions in `choices` (any bytes; the same bytes, the same message).
pub fn build_message(schema: &Schema, name: &str, choices: &[u8]) -> Vec<u8> {
    random::message_from(schema, name, &mut Choices { data: choices })
}

/// `roundtrip`: the selector picks a named type of the features schema and
/// the rest of the input are the decisions of a builder that writes a
/// *valid* message of that type (every value the schema allows is
/// reachable: any float bits, any integer, every union member and enum
/// value, nested and recursive values). Generated code must decode it and
/// re-encode it as described for `decode_generated`; the dynamic codec must
/// decode it too, to JSON that encodes back to it.
pub fn roundtrip(data: &[u8]) {
    // Each decision builds bytes, so a shorter cap keeps messages moderate.
    let data = &data[..data.len().min(4096)];
    let Some((t, choices)) = pick(NAMED, data) else {
        return;
    };
    let schema = features();
    let message = build_message(schema, t.name, choices);
    if let Err(e) = (t.decode)(&message, t.maps) {
        panic!(
            "{}: generated code refuses a valid message ({e}): {}",
            t.name,
            hex(&message)
        );
    }
    let id = schema.lookup(t.name).expect("a named type");
    let json = verso_dynamic::decode(schema, id, &message, Limits::default()).unwrap_or_else(|e| {
        panic!(
            "{}: the dynamic codec refuses a valid message ({e}): {}",
            t.name,
            hex(&message)
        )
    });
    assert_reencodes(schema, id, &message, &json);
}

// ---------------------------------------------------------------------------
// decode_versioned: the generated `…Versioned` API of real families.

/// The inherent API every generated `…Versioned` enum has beside the
/// [`Versioned`] trait, so one generic check covers every family.
trait Exact: Versioned + Sized {
    fn decode_exact(bytes: &[u8]) -> Result<Self, verso::Error>;
    fn held_version(&self) -> u16;
    fn bytes_embedded(&self) -> Vec<u8>;
    fn upgrade(self) -> Result<Self::Latest, verso::Error>;
}

macro_rules! exact {
    ($($versioned:ty),* $(,)?) => {$(
        impl Exact for $versioned {
            fn decode_exact(bytes: &[u8]) -> Result<Self, verso::Error> {
                Self::decode_version_embedded(bytes)
            }
            fn held_version(&self) -> u16 {
                self.version()
            }
            fn bytes_embedded(&self) -> Vec<u8> {
                self.to_bytes_embedded()
            }
            fn upgrade(self) -> Result<Self::Latest, verso::Error> {
                self.into_latest()
            }
        }
    )*};
}

exact!(
    todo::AppVersioned,
    todo::TodoVersioned,
    bench_identical::LogVersioned,
    bench_chain::LogVersioned,
    person::PersonVersioned,
    television::TelevisionVersioned,
    void_member::EnvelopeVersioned,
    members::EntryVersioned,
    renames::ActorVersioned,
    retired::ReadingVersioned,
    anonymous::TaskVersioned,
    paths::InventoryVersioned,
    client_protocol::ToClientVersioned,
    client_protocol::ToServerVersioned,
    client_protocol::HttpActionRequestVersioned,
    inspector_protocol::ToServerVersioned,
    inspector_protocol::ToClientVersioned,
    ups_protocol::UpsMessageVersioned,
);

/// One root type of a family, for `decode_versioned`.
struct Root {
    /// The family's directory, relative to `tests/`.
    dir: &'static str,
    /// The root's name in the latest version.
    name: &'static str,
    check: fn(&[u8]),
}

const fn root<V>(dir: &'static str, name: &'static str) -> Root
where
    V: Exact,
    V::Latest: Encode + Clone,
{
    Root {
        dir,
        name,
        check: versioned::<V>,
    }
}

/// Selector order of `decode_versioned`: keep it stable.
const ROOTS: &[Root] = &[
    root::<todo::AppVersioned>("../schemas/todo", "App"),
    root::<todo::TodoVersioned>("../schemas/todo", "Todo"),
    root::<bench_identical::LogVersioned>("schemas/bench_identical", "Log"),
    root::<bench_chain::LogVersioned>("schemas/bench_chain", "Log"),
    root::<person::PersonVersioned>("../schemas/person", "Person"),
    root::<television::TelevisionVersioned>("../schemas/television", "Television"),
    root::<void_member::EnvelopeVersioned>("schemas/evolution/void_member", "Envelope"),
    root::<members::EntryVersioned>("schemas/evolution/members", "Entry"),
    root::<renames::ActorVersioned>("schemas/evolution/renames", "Actor"),
    root::<retired::ReadingVersioned>("schemas/evolution/retired", "Reading"),
    root::<anonymous::TaskVersioned>("schemas/evolution/anonymous", "Task"),
    root::<paths::InventoryVersioned>("schemas/evolution/paths", "Inventory"),
    root::<client_protocol::ToClientVersioned>("schemas/rivet/client-protocol", "ToClient"),
    root::<client_protocol::ToServerVersioned>("schemas/rivet/client-protocol", "ToServer"),
    root::<client_protocol::HttpActionRequestVersioned>(
        "schemas/rivet/client-protocol",
        "HttpActionRequest",
    ),
    root::<inspector_protocol::ToServerVersioned>("schemas/rivet/inspector-protocol", "ToServer"),
    root::<inspector_protocol::ToClientVersioned>("schemas/rivet/inspector-protocol", "ToClient"),
    root::<ups_protocol::UpsMessageVersioned>("schemas/rivet/ups-protocol", "UpsMessage"),
];

/// The roots `decode_versioned` knows, in selector order, as (family
/// directory relative to `tests/`, root type name in the latest version).
pub fn versioned_roots() -> Vec<(&'static str, &'static str)> {
    ROOTS.iter().map(|r| (r.dir, r.name)).collect()
}

/// What a `verso::Error` says, without the parts that legitimately differ
/// between two ways of reaching it (type names in a path, a converter's
/// wording): the variant, the version, and for decode errors kind and offset.
fn error_shape(error: &verso::Error) -> String {
    match error {
        verso::Error::Decode { version, source } => format!(
            "decode v{version}: {:?} at {}",
            source.kind(),
            source.offset()
        ),
        verso::Error::Convert { from, to, .. } => format!("convert v{from} → v{to}"),
        other => other.to_string(),
    }
}

/// Checks one embedded-version message against a family's root: the
/// converting and the non-converting decoders agree; a decoded value
/// re-encodes canonically; what decodes into the latest types encodes again
/// for the latest version and transcodes to the oldest (or a downgrade
/// refuses it) into bytes the oldest version reads.
fn versioned<V>(bytes: &[u8])
where
    V: Exact,
    V::Latest: Encode + Clone,
{
    let latest = V::decode_embedded(bytes);
    let exact = match V::decode_exact(bytes) {
        Ok(exact) => exact,
        Err(error) => {
            let other = latest.err().unwrap_or_else(|| {
                panic!(
                    "decode_embedded accepts, decode_version_embedded refuses ({error}): {}",
                    hex(bytes)
                )
            });
            assert_eq!(
                error_shape(&other),
                error_shape(&error),
                "decode_embedded and decode_version_embedded fail differently on {}",
                hex(bytes)
            );
            return;
        }
    };
    let version = exact.held_version();
    assert!(
        (V::OLDEST..=V::LATEST).contains(&version),
        "decoded version {version} is outside the supported range"
    );
    assert_eq!(
        &bytes[..2],
        &version.to_le_bytes(),
        "decoded a version other than the header's"
    );
    let encoded = exact.bytes_embedded();
    assert_eq!(
        encoded.len(),
        bytes.len(),
        "re-encoding changed the length: {} → {}",
        hex(bytes),
        hex(&encoded)
    );
    let again = V::decode_exact(&encoded)
        .unwrap_or_else(|e| panic!("the re-encoding {} does not decode: {e}", hex(&encoded)));
    assert_eq!(
        hex(&again.bytes_embedded()),
        hex(&encoded),
        "re-encoding is not stable"
    );
    // The converting decoder is the non-converting one plus the upgrades.
    let upgraded = exact.upgrade();
    let latest = match (latest, upgraded) {
        (Ok(a), Ok(b)) => {
            assert_eq!(
                hex(&verso::to_vec(&a)),
                hex(&verso::to_vec(&b)),
                "decode_embedded and into_latest give different values"
            );
            a
        }
        (Err(a), Err(b)) => {
            assert_eq!(error_shape(&a), error_shape(&b), "different upgrade errors");
            return;
        }
        (a, b) => panic!(
            "decode_embedded ({:?}) and decode_version_embedded + into_latest ({:?}) disagree on {}",
            a.map(|_| "ok"),
            b.map(|_| "ok"),
            hex(bytes)
        ),
    };
    let current = V::encode_embedded(latest.clone(), V::LATEST)
        .unwrap_or_else(|e| panic!("encoding for the latest version fails: {e}"));
    let reread = V::decode_embedded(&current)
        .unwrap_or_else(|e| panic!("{} (latest) does not decode: {e}", hex(&current)));
    assert_eq!(
        hex(&verso::to_vec(&reread)),
        hex(&verso::to_vec(&latest)),
        "a latest value changes through its own version"
    );
    match V::transcode_embedded(bytes, V::LATEST) {
        Ok(migrated) => assert_eq!(hex(&migrated), hex(&current), "transcode to latest"),
        Err(e) => panic!("transcode to the latest version fails: {e}"),
    }
    match V::transcode_embedded(bytes, V::OLDEST) {
        Ok(old) => {
            let old_value = V::decode_exact(&old).unwrap_or_else(|e| {
                panic!(
                    "transcoded to the oldest version, {} does not decode: {e}",
                    hex(&old)
                )
            });
            assert_eq!(old_value.held_version(), V::OLDEST, "transcode target");
        }
        Err(verso::Error::Convert { .. }) => {} // a downgrade may refuse
        Err(e) => panic!("transcode to the oldest version fails other than by conversion: {e}"),
    }
}

/// `decode_versioned`: the selector picks a root of a real family (todo,
/// bench, person, television, the evolution families, rivet's protocols)
/// and the rest is an embedded-version message (2-byte little-endian
/// version, then the payload) checked through the whole generated
/// `…Versioned` API: `decode_embedded`, `decode_version_embedded`,
/// `into_latest`, `to_bytes_embedded`, `encode_embedded` and
/// `transcode_embedded` to the latest and to the oldest version.
pub fn decode_versioned(data: &[u8]) {
    if let Some((r, message)) = pick(ROOTS, data) {
        (r.check)(message);
    }
}

// ---------------------------------------------------------------------------
// Targets over text.

fn check_diagnostics(diagnostics: &[Diagnostic], text: &str) {
    for d in diagnostics {
        for span in std::iter::once(&d.primary.span).chain(d.secondary.iter().map(|l| &l.span)) {
            assert!(
                span.start <= span.end && span.end <= text.len(),
                "diagnostic span {span:?} outside the text ({} bytes): {}",
                text.len(),
                d.message
            );
        }
        let _ = d.render("fuzz.bare", text, false);
    }
}

/// `schema_front_end`: the input (as lossy UTF-8) is a schema. Checking it
/// in every mode never panics, gives a schema exactly when there is no
/// error, and diagnostics whose spans lie in the text and render. When it
/// parses, formatting is idempotent and keeps the schema's meaning: the
/// formatted text checks the same way, to the same `verso.lock`
/// fingerprint.
pub fn schema_front_end(data: &[u8]) {
    let text = String::from_utf8_lossy(cap(data));
    let modes = [
        Options::default(),
        Options::strict(),
        Options::default().with_pedantic(true),
    ];
    let mut checked = modes.iter().map(|options| {
        let checked = check(&text, options);
        assert_eq!(
            checked.schema.is_some(),
            !checked.has_errors(),
            "a schema comes back exactly when there is no error"
        );
        check_diagnostics(&checked.diagnostics, &text);
        checked
    });
    let legacy = checked.next().expect("the default mode");
    checked.for_each(drop);
    let formatted = match format::format(&text) {
        Ok(formatted) => formatted,
        Err(diagnostics) => {
            check_diagnostics(&diagnostics, &text);
            assert!(
                legacy.has_errors(),
                "the formatter refuses a schema the checker accepts"
            );
            return;
        }
    };
    match format::format(&formatted) {
        Ok(twice) => assert_eq!(twice, formatted, "formatting is not idempotent"),
        Err(e) => panic!(
            "formatted text does not parse: {}\n{formatted}",
            e[0].message
        ),
    }
    let after = check(&formatted, &Options::default());
    assert_eq!(
        after.has_errors(),
        legacy.has_errors(),
        "formatting changed whether the schema checks:\n{formatted}"
    );
    if let (Some(before), Some(after)) = (&legacy.schema, &after.schema) {
        assert_eq!(
            fingerprint(after),
            fingerprint(before),
            "formatting changed the schema's meaning:\n{formatted}"
        );
    }
}

/// Two real families for manifests to be validated against: todo (no
/// manifest of its own) and evolution/renames (renames between v2 and v3).
fn manifest_families() -> &'static [Vec<(u16, Schema)>; 2] {
    static FAMILIES: OnceLock<[Vec<(u16, Schema)>; 2]> = OnceLock::new();
    FAMILIES.get_or_init(|| {
        let load = |texts: &[&str]| -> Vec<(u16, Schema)> {
            texts
                .iter()
                .zip(1..)
                .map(|(text, v)| {
                    let schema = check(text, &Options::default()).schema.expect("valid");
                    (v, schema)
                })
                .collect()
        };
        [load(&TODO_TEXTS), load(&RENAMES_TEXTS)]
    })
}

const TODO_TEXTS: [&str; 3] = [
    include_str!("../../schemas/todo/v1.bare"),
    include_str!("../../schemas/todo/v2.bare"),
    include_str!("../../schemas/todo/v3.bare"),
];

const RENAMES_TEXTS: [&str; 3] = [
    include_str!("../schemas/evolution/renames/v1.bare"),
    include_str!("../schemas/evolution/renames/v2.bare"),
    include_str!("../schemas/evolution/renames/v3.bare"),
];

/// `manifest_and_lock`: the input (as lossy UTF-8) is both a `verso.toml`
/// and a `verso.lock`. The manifest parser and validator never panic and
/// report spans inside the text, and a family loads with it as its
/// manifest without panicking. A lock that parses
/// renders to text that parses to the same lock, and renders the same way.
pub fn manifest_and_lock(data: &[u8]) {
    let text = String::from_utf8_lossy(cap(data));
    let manifest_ok = match Manifest::parse(&text) {
        Ok(manifest) => {
            for family in manifest_families() {
                let versions: Vec<(u16, &Schema)> = family.iter().map(|(v, s)| (*v, s)).collect();
                check_diagnostics(&manifest.validate(&versions), &text);
                for (v, _) in family {
                    let _ = manifest.old_name(*v, "Actor");
                    let _ = manifest.new_name(*v, "PersistedActor");
                    let _ = manifest.is_manual("Todo", *v);
                }
            }
            true
        }
        Err(diagnostics) => {
            assert!(!diagnostics.is_empty(), "a refused manifest has a reason");
            check_diagnostics(&diagnostics, &text);
            false
        }
    };
    // Loading checks every schema of the family, which costs far more than
    // parsing a manifest: only manifests that parse get that far.
    if manifest_ok {
        for (name, texts) in [("todo", &TODO_TEXTS), ("renames", &RENAMES_TEXTS)] {
            let versions: Vec<(u16, &str)> = texts.iter().zip(1..).map(|(t, v)| (v, *t)).collect();
            let loaded = verso_codegen::load::load_texts(
                name,
                &versions,
                Some(&text),
                &Options::default(),
                &EmitOptions::default(),
            );
            assert!(
                loaded.family.is_some() || loaded.report.errors() > 0,
                "a family fails to load without an error"
            );
            for finding in &loaded.report.findings {
                let _ = loaded.report.render(finding, false);
            }
        }
    }
    match Lock::parse(&text) {
        Ok(lock) => {
            let rendered = lock.render();
            let reparsed = Lock::parse(&rendered).unwrap_or_else(|d| {
                panic!("a rendered lock does not parse: {}\n{rendered}", d.message)
            });
            assert_eq!(reparsed, lock, "a lock changes through render and parse");
            assert_eq!(
                reparsed.render(),
                rendered,
                "rendering a lock is not stable"
            );
        }
        Err(diagnostic) => check_diagnostics(std::slice::from_ref(&diagnostic), &text),
    }
}

/// `json_encode`: the input (as lossy UTF-8) is JSON. When it parses, it is
/// encoded as every named type of the features schema; whatever encodes
/// must decode (dynamic and generated: encode refuses what decode would
/// refuse) to JSON that encodes to the same bytes.
pub fn json_encode(data: &[u8]) {
    let text = String::from_utf8_lossy(cap(data));
    let Ok(json) = verso_dynamic::parse_json(&text) else {
        return;
    };
    let schema = features();
    for t in NAMED {
        let id = schema.lookup(t.name).expect("a named type");
        let Ok(bytes) = verso_dynamic::encode(schema, id, &json) else {
            continue;
        };
        let back =
            verso_dynamic::decode(schema, id, &bytes, Limits::default()).unwrap_or_else(|e| {
                panic!(
                    "{}: encode accepts JSON whose bytes decode refuses ({e}): {json} → {}",
                    t.name,
                    hex(&bytes)
                )
            });
        let again = verso_dynamic::encode(schema, id, &back)
            .unwrap_or_else(|e| panic!("{}: decoded JSON does not encode: {e}\n{back}", t.name));
        assert_eq!(
            hex(&again),
            hex(&bytes),
            "{}: {json} and its decoding {back} encode differently",
            t.name
        );
        if let Err(e) = (t.decode)(&bytes, t.maps) {
            panic!(
                "{}: generated code refuses what the dynamic encoder wrote ({e}): {}",
                t.name,
                hex(&bytes)
            );
        }
    }
}

/// A target's check: returns when the input passes, panics when not.
pub type Check = fn(&[u8]);

/// Every target's name and check, for the replay test and the fuzz targets'
/// documentation; the names are the files of `fuzz/fuzz_targets/`.
pub const TARGETS: &[(&str, Check)] = &[
    ("decode_generated", decode_generated),
    ("decode_versioned", decode_versioned),
    ("decode_dynamic", decode_dynamic),
    ("differential", differential),
    ("roundtrip", roundtrip),
    ("schema_front_end", schema_front_end),
    ("manifest_and_lock", manifest_and_lock),
    ("json_encode", json_encode),
];
