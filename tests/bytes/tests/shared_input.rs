//! Generated code with `bytes(true)`: decoded from a `Bytes`, every `str`
//! and `data` is a slice of the input (its pointer lies inside the input's
//! buffer), through every version and the tokio codec; decoded from a
//! `&[u8]` it is a copy; errors and the JSON mapping are those of the
//! default types.

use std::collections::BTreeMap;

use bytes::{Bytes, BytesMut};
use tokio_util::codec::{Decoder, Encoder};
use verso::{DecodeErrorKind, Str, Versioned};
use verso_tests_bytes::shared_input::{NoteVersioned, v1, v2};

fn attachment(name: &str, body: &'static [u8]) -> v2::Attachment {
    v2::Attachment {
        name: Str::from(name),
        body: Bytes::from_static(body),
        digest: [1, 2, 3, 4],
    }
}

/// A latest note with only a title and content.
fn bare(title: &str, content: v2::Content) -> v2::Note {
    v2::Note {
        title: Str::from(title),
        tags: Vec::new(),
        labels: BTreeMap::new(),
        by_digest: BTreeMap::new(),
        attachments: Vec::new(),
        summary: None,
        content,
        kind: v2::Kind::Text,
        pinned: false,
        replies: Vec::new(),
    }
}

/// A latest note with a `str` or `data` in every place the schema has one.
fn note() -> v2::Note {
    let reply = v2::Note {
        kind: v2::Kind::Binary,
        ..bare(
            "reply",
            v2::Content::Attachment(attachment("inner.txt", b"inner body")),
        )
    };
    v2::Note {
        title: Str::from("Groceries"),
        tags: vec![Str::from("home"), Str::from("weekly")],
        labels: BTreeMap::from([(Str::from("owner"), Str::from("ada"))]),
        by_digest: BTreeMap::from([(Bytes::from_static(b"\xde\xad"), 7)]),
        attachments: vec![attachment("list.txt", b"milk, eggs")],
        summary: Some(Str::from("the usual")),
        content: v2::Content::Str(Str::from("buy things")),
        kind: v2::Kind::Text,
        pinned: true,
        replies: vec![
            reply,
            bare("raw", v2::Content::Data(Bytes::from_static(b"\x00\xff"))),
        ],
    }
}

/// Every `str` and `data` of a note, as bytes.
fn parts(note: &v2::Note) -> Vec<&[u8]> {
    let mut parts = vec![note.title.as_bytes()];
    parts.extend(note.tags.iter().map(|tag| tag.as_bytes()));
    for (key, value) in &note.labels {
        parts.extend([key.as_bytes(), value.as_bytes()]);
    }
    parts.extend(note.by_digest.keys().map(|key| &key[..]));
    for attachment in &note.attachments {
        parts.extend([attachment.name.as_bytes(), &attachment.body[..]]);
    }
    parts.extend(note.summary.iter().map(|summary| summary.as_bytes()));
    match &note.content {
        v2::Content::Str(text) => parts.push(text.as_bytes()),
        v2::Content::Data(data) => parts.push(data),
        v2::Content::Attachment(a) => parts.extend([a.name.as_bytes(), &a.body[..]]),
        v2::Content::Empty => {}
    }
    for reply in &note.replies {
        parts.extend(self::parts(reply));
    }
    parts
}

/// Whether every non-empty part lies inside `input`'s memory.
fn all_inside(input: &[u8], parts: &[&[u8]]) -> bool {
    let range = input.as_ptr_range();
    parts
        .iter()
        .filter(|part| !part.is_empty())
        .all(|part| range.contains(&part.as_ptr()) && part.as_ptr_range().end <= range.end)
}

fn none_inside(input: &[u8], parts: &[&[u8]]) -> bool {
    let range = input.as_ptr_range();
    parts
        .iter()
        .filter(|part| !part.is_empty())
        .all(|part| !range.contains(&part.as_ptr()))
}

#[test]
fn decoded_from_bytes_every_str_and_data_is_a_slice_of_the_input() {
    let input = Bytes::from(verso::to_vec(&note()));
    let decoded = NoteVersioned::decode_bytes(input.clone(), 2).unwrap();
    assert_eq!(decoded, note());
    let parts = parts(&decoded);
    assert_eq!(parts.len(), 15, "every place is looked at");
    assert!(all_inside(&input, &parts));
    let plain: v2::Note = verso::from_bytes(input.clone()).unwrap();
    assert!(all_inside(&input, &self::parts(&plain)));
}

#[test]
fn an_old_version_upgrades_without_a_copy() {
    let old = v1::Note {
        title: Str::from("from v1"),
        tags: vec![Str::from("old")],
        labels: BTreeMap::new(),
        by_digest: BTreeMap::new(),
        attachments: Vec::new(),
        summary: Some(Str::from("an old summary")),
        content: v1::Content::Data(Bytes::from_static(b"payload")),
        kind: v1::Kind::Binary,
        replies: Vec::new(),
    };
    let input = Bytes::from(verso::to_vec(&old));
    let latest = NoteVersioned::decode_bytes(input.clone(), 1).unwrap();
    assert!(!latest.pinned);
    assert_eq!(latest.title, "from v1");
    assert!(all_inside(&input, &parts(&latest)));

    // Embedded: the version travels in the message, offsets count it.
    let mut embedded = vec![1, 0];
    embedded.extend_from_slice(&input);
    let embedded = Bytes::from(embedded);
    let latest = NoteVersioned::decode_bytes_embedded(embedded.clone()).unwrap();
    assert!(all_inside(&embedded, &parts(&latest)));
    let mut bad = embedded.to_vec();
    bad.push(0);
    let err = NoteVersioned::decode_bytes_embedded(Bytes::from(bad)).unwrap_err();
    let verso::Error::Decode { version: 1, source } = &err else {
        panic!("{err}")
    };
    assert_eq!(source.offset(), embedded.len(), "{err}");
    assert!(matches!(
        NoteVersioned::decode_bytes(input, 9),
        Err(verso::Error::UnsupportedVersion { version: 9, .. })
    ));
}

#[test]
fn decoded_from_a_slice_the_same_types_copy() {
    let input = verso::to_vec(&note());
    let decoded = NoteVersioned::decode(&input, 2).unwrap();
    assert_eq!(decoded, note());
    assert!(none_inside(&input, &parts(&decoded)));
    // And the shared and copied decodes encode back to the same bytes.
    assert_eq!(verso::to_vec(&decoded), input);
}

#[test]
fn bad_utf8_is_an_error_at_its_byte_either_way() {
    let value = v2::Note {
        tags: vec![Str::from("fine"), Str::from("bad")],
        ..bare("ok", v2::Content::Empty)
    };
    let mut bytes = verso::to_vec(&value);
    // title (1 + 2), tag count (1), "fine" (1 + 4), then "bad" at 9 + 1.
    let at = bytes.iter().position(|&b| b == b'b').unwrap();
    assert_eq!(at, 10);
    bytes[at + 1] = 0xff;
    let shared = NoteVersioned::decode_bytes(Bytes::from(bytes.clone()), 2).unwrap_err();
    let copied = NoteVersioned::decode(&bytes, 2).unwrap_err();
    for err in [shared, copied] {
        let verso::Error::Decode { source, .. } = &err else {
            panic!("{err}")
        };
        assert_eq!(source.kind(), &DecodeErrorKind::InvalidUtf8);
        assert_eq!(source.offset(), at + 1);
        assert_eq!(
            err.to_string(),
            "invalid version 2 message: Note.tags[1]: invalid UTF-8 at byte 11"
        );
    }
}

#[test]
fn limits_still_apply_to_shared_decoding() {
    let input = Bytes::from(verso::to_vec(&note()));
    let tight = verso::Limits::default().with_max_alloc(64);
    let err = NoteVersioned::decode_bytes_with(input.clone(), 2, tight).unwrap_err();
    assert!(err.to_string().contains("allocation"), "{err}");
    let shallow = verso::Limits::default().with_max_depth(1);
    let err = NoteVersioned::decode_bytes_with(input, 2, shallow).unwrap_err();
    assert!(err.to_string().contains("nest"), "{err}");
}

#[test]
fn serde_form_is_the_json_mapping() {
    let bytes = verso::to_vec(&note());
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../schemas/shared_input/v2.bare"
    ))
    .unwrap();
    let schema = verso_codegen::check(&text, &verso_codegen::Options::default())
        .schema
        .unwrap();
    let id = schema.lookup("Note").unwrap();
    let mapping = verso_dynamic::decode(&schema, id, &bytes, verso::Limits::default()).unwrap();
    let json = serde_json::to_value(note()).unwrap();
    assert_eq!(json, mapping);
    assert_eq!(json["byDigest"], serde_json::json!([["dead", 7]]));
    assert_eq!(json["labels"], serde_json::json!({"owner": "ada"}));
    let back: v2::Note = serde_json::from_value(mapping).unwrap();
    assert_eq!(back, note());
}

#[test]
fn the_tokio_codec_decodes_frames_without_a_copy() {
    let mut codec = verso_tokio::VersionedCodec::<NoteVersioned>::embedded();
    let mut stream = BytesMut::new();
    codec.encode(note(), &mut stream).unwrap();
    codec.encode(note(), &mut stream).unwrap();
    // The frames are slices of the read buffer; the values, of the frames.
    let buffer = stream.as_ptr_range();
    let buffer = address_range(buffer.start, buffer.end);
    let first = codec.decode(&mut stream).unwrap().unwrap();
    let second = codec.decode(&mut stream).unwrap().unwrap();
    assert_eq!((&first, &second), (&note(), &note()));
    for decoded in [&first, &second] {
        assert!(all_inside_range(&buffer, &parts(decoded)));
    }
    assert!(codec.decode(&mut stream).unwrap().is_none());

    // Fixed version 1: upgraded, still sharing.
    let mut codec = verso_tokio::VersionedCodec::<NoteVersioned>::fixed(1);
    let mut stream = BytesMut::new();
    codec.encode(note(), &mut stream).unwrap();
    let range = stream.as_ptr_range();
    let buffer = address_range(range.start, range.end);
    let decoded = codec.decode(&mut stream).unwrap().unwrap();
    assert!(!decoded.pinned, "v1 has no pins");
    assert!(all_inside_range(&buffer, &parts(&decoded)));
}

/// An address range, kept as numbers: the buffer it describes is moved
/// into frames while the test holds it.
fn address_range(start: *const u8, end: *const u8) -> std::ops::Range<usize> {
    start as usize..end as usize
}

fn all_inside_range(range: &std::ops::Range<usize>, parts: &[&[u8]]) -> bool {
    parts.iter().filter(|part| !part.is_empty()).all(|part| {
        let start = part.as_ptr() as usize;
        range.contains(&start) && start + part.len() <= range.end
    })
}

#[test]
fn the_laws_hold_over_str_and_bytes_values() {
    verso_tests_bytes::shared_input::laws().check();
    verso_tests_bytes::evolution::widenings::laws()
        .upgrades_never_fail_from(1)
        .check();
}

#[test]
fn a_fixed_data_widened_to_data_becomes_bytes() {
    use verso_tests_bytes::evolution::widenings::{ReadingVersioned, v1};
    let old = v1::Reading {
        id: [7; 16],
        count: 1,
        total: 2,
        offset: -3,
        value: 0.5,
        note: "n".into(),
        blob: bytes::Bytes::from_static(b"b"),
        samples: [1, 2, 3, 4],
        point: v1::Point { x: 1.0, y: 2.0 },
        tags: Default::default(),
        request_lifespan: 30,
        kind: v1::Kind::Celsius,
        label: "t".into(),
    };
    let bytes = bytes::Bytes::from(verso::to_vec(&old));
    let latest = ReadingVersioned::decode_bytes(bytes, 1).unwrap();
    assert_eq!(latest.id, bytes::Bytes::from(vec![7; 16]));
    assert_eq!(latest.note.as_deref(), Some("n"));
    assert_eq!(
        ReadingVersioned::encode(latest, 1).unwrap(),
        verso::to_vec(&old)
    );
}
