//! The runner over a small family with a stand-in for generated code: the
//! codec converts through JSON with this crate's dynamic codec, so each
//! test can give it the converter it needs (a changed one included).

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};
use verso_codegen::check::Options;
use verso_codegen::ir::Schema;

use super::*;

const V1: &str = "type Order struct { id: u8 }\n";
const V2: &str = "type Order struct { id: u8 rush: bool }\n";

/// `Order` v1 → v2 with a chosen converter: `rush` is what an upgraded
/// v1 order gets; the downgrade drops it and adds `shift` to the id.
struct Stand {
    v1: Schema,
    v2: Schema,
    rush: bool,
    shift: u8,
}

impl Stand {
    fn new(rush: bool, shift: u8) -> Self {
        let schema = |text| {
            verso_codegen::check(text, &Options::default())
                .schema
                .unwrap()
        };
        Stand {
            v1: schema(V1),
            v2: schema(V2),
            rush,
            shift,
        }
    }

    fn schema(&self, version: u16) -> &Schema {
        if version == 1 { &self.v1 } else { &self.v2 }
    }

    fn read(&self, version: u16, bytes: &[u8]) -> Result<Value, verso::Error> {
        let schema = self.schema(version);
        let id = schema.lookup("Order").unwrap();
        crate::decode(schema, id, bytes, verso::Limits::default())
            .map_err(|source| verso::Error::Decode { version, source })
    }

    fn write(&self, version: u16, value: &Value) -> Vec<u8> {
        let schema = self.schema(version);
        crate::encode(schema, schema.lookup("Order").unwrap(), value).unwrap()
    }
}

impl SampleCodec for Stand {
    fn oldest(&self) -> u16 {
        1
    }

    fn latest(&self) -> u16 {
        2
    }

    fn upgrade(&self, bytes: &[u8], version: u16) -> Result<Vec<u8>, verso::Error> {
        let mut value = self.read(version, bytes)?;
        if version == 1 {
            value["rush"] = json!(self.rush);
        }
        Ok(self.write(2, &value))
    }

    fn downgrade(&self, latest: &[u8], version: u16) -> Result<Vec<u8>, verso::Error> {
        let mut value = self.read(2, latest)?;
        if version == 1 {
            value.as_object_mut().unwrap().remove("rush");
        }
        value["id"] = json!(value["id"].as_u64().unwrap() + u64::from(self.shift));
        Ok(self.write(version, &value))
    }
}

/// A family folder `shop` with v1 and v2, and `files` under its samples.
fn shop(files: &[(&str, &[u8])]) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("shop");
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join("v1.bare"), V1).unwrap();
    fs::write(dir.join("v2.bare"), V2).unwrap();
    for (file, bytes) in files {
        let path = dir.join("samples").join(file);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, bytes).unwrap();
    }
    (tmp, dir)
}

fn samples(dir: &Path, codec: Stand, round_trip: &[u16]) -> Samples {
    Samples::folder(dir)
        .root_with("Order", codec, round_trip)
        .bless(false)
}

const ORDER_7: &str = "{\n  \"id\": 7,\n  \"rush\": false\n}\n";

fn messages(outcome: &Outcome) -> Vec<String> {
    outcome.failures.iter().map(ToString::to_string).collect()
}

#[test]
fn a_missing_expectation_fails_and_blessing_writes_it() {
    let (_tmp, dir) = shop(&[("v1/Order/plain.bin", &[7])]);
    let expectation = dir.join("samples/v1/Order/plain.latest.json");
    let outcome = samples(&dir, Stand::new(false, 0), &[]).run();
    assert_eq!(outcome.checked, 1);
    let [failure] = &messages(&outcome)[..] else {
        panic!("{outcome:?}")
    };
    assert!(
        failure.contains("v1/Order/plain.bin: `plain.latest.json` is missing; `VERSO_BLESS=1 cargo test` writes it. It reads as:\n{\n  \"id\": 7,"),
        "{failure}"
    );
    assert!(!expectation.exists());

    let blessed = samples(&dir, Stand::new(false, 0), &[]).bless(true).run();
    assert!(blessed.failures.is_empty(), "{blessed:?}");
    assert_eq!(blessed.written, std::slice::from_ref(&expectation));
    assert_eq!(fs::read_to_string(&expectation).unwrap(), ORDER_7);
    // Checked again without blessing: it passes, and nothing is written.
    let again = samples(&dir, Stand::new(false, 0), &[]).run();
    assert!(
        again.failures.is_empty() && again.written.is_empty(),
        "{again:?}"
    );
}

#[test]
fn a_changed_converter_fails_with_a_diff_until_blessed() {
    let (_tmp, dir) = shop(&[
        ("v1/Order/plain.bin", &[7]),
        ("v1/Order/plain.latest.json", ORDER_7.as_bytes()),
    ]);
    assert!(
        samples(&dir, Stand::new(false, 0), &[])
            .run()
            .failures
            .is_empty()
    );
    // The converter now says an upgraded v1 order is a rush order.
    let outcome = samples(&dir, Stand::new(true, 0), &[]).run();
    let [failure] = &messages(&outcome)[..] else {
        panic!("{outcome:?}")
    };
    assert!(
        failure.ends_with(
            "plain.bin: reads differently from `plain.latest.json` (- the file, + what it reads as now); if the change is meant, `VERSO_BLESS=1 cargo test` records it:\n  {\n    \"id\": 7,\n-   \"rush\": false\n+   \"rush\": true\n  }\n"
        ),
        "{failure}"
    );
    // The panic of the generated test carries the same report.
    let panic =
        std::panic::catch_unwind(|| samples(&dir, Stand::new(true, 0), &[]).check()).unwrap_err();
    let text = panic.downcast_ref::<String>().unwrap();
    assert!(
        text.starts_with("1 problem in the golden samples ")
            && text.contains("(1 sample checked):\n\n"),
        "{text}"
    );
    assert!(text.contains("+   \"rush\": true"), "{text}");
    // Blessing records the new meaning for review.
    let blessed = samples(&dir, Stand::new(true, 0), &[]).bless(true).run();
    assert!(blessed.failures.is_empty(), "{blessed:?}");
    let written = fs::read_to_string(dir.join("samples/v1/Order/plain.latest.json")).unwrap();
    assert_eq!(written, ORDER_7.replace("false", "true"));
}

#[test]
fn an_expectation_is_compared_as_json_not_as_text() {
    let (_tmp, dir) = shop(&[
        ("v2/Order/rush.embedded.bin", &[2, 0, 7, 1]),
        (
            "v2/Order/rush.latest.json",
            br#"{"rush": true, "id": 7}"#.as_slice(),
        ),
    ]);
    let outcome = samples(&dir, Stand::new(false, 0), &[2]).bless(true).run();
    assert!(outcome.failures.is_empty(), "{outcome:?}");
    // Same value: left as the user wrote it, even when blessing.
    assert!(outcome.written.is_empty(), "{outcome:?}");
}

#[test]
fn samples_that_must_round_trip_name_the_first_different_byte() {
    let (_tmp, dir) = shop(&[
        ("v1/Order/plain.bin", &[7]),
        ("v1/Order/plain.latest.json", ORDER_7.as_bytes()),
        ("v2/Order/header.embedded.bin", &[2, 0, 7, 0]),
        ("v2/Order/header.latest.json", ORDER_7.as_bytes()),
    ]);
    assert!(
        samples(&dir, Stand::new(false, 0), &[1, 2])
            .run()
            .failures
            .is_empty()
    );
    // A downgrade that changes the id: caught where the steps are
    // generated both ways (both versions here), ignored elsewhere.
    let outcome = samples(&dir, Stand::new(false, 1), &[1, 2]).run();
    let failures = messages(&outcome);
    assert_eq!(failures.len(), 2, "{failures:?}");
    assert!(
        failures[0].contains("v1/Order/plain.bin: every step from v1 to v2 is generated both ways, so downgrading what it reads as must give back the stored bytes, but they differ from byte 0 on (1 bytes stored, 1 written):\n  stored:  07\n  written: 08\n"),
        "{}",
        failures[0]
    );
    // Embedded: the header is part of what must come back.
    assert!(
        failures[1].contains("from byte 2 on (4 bytes stored, 4 written):\n  stored:  02 00 07 00\n  written: 02 00 08 00"),
        "{}",
        failures[1]
    );
    assert!(
        samples(&dir, Stand::new(false, 1), &[])
            .run()
            .failures
            .is_empty()
    );
}

#[test]
fn every_misplaced_or_broken_file_is_named_with_the_fix() {
    let (_tmp, dir) = shop(&[
        // Header says v1, folder says v2.
        ("v2/Order/moved.embedded.bin", &[1, 0, 7]),
        // A bool byte that is neither 0 nor 1.
        ("v2/Order/bad.bin", &[7, 2]),
        ("v2/Order/notes.txt", b"hi"),
        ("v2/Order/gone.latest.json", b"{}"),
        ("v2/Order/.hidden", b""),
        ("v2/Customer/a.bin", &[1]),
        ("v1/Order/twice.bin", &[7]),
        ("v1/Order/twice.embedded.bin", &[1, 0, 7]),
        ("v1/Order/twice.latest.json", ORDER_7.as_bytes()),
        ("v1/Order/broken.bin", &[7]),
        ("v1/Order/broken.latest.json", b"{\"id\": 7,"),
        ("latest/Order/a.bin", &[7]),
        ("v3/Order/a.bin", &[7]),
    ]);
    let outcome = samples(&dir, Stand::new(false, 0), &[]).run();
    let failures = messages(&outcome);
    let expected = [
        "latest: not a version folder: the samples folder holds one folder per version that wrote the messages (`v1`, `v2`, …)",
        "v1/Order/broken.bin: `broken.latest.json` is not valid JSON (",
        "v1/Order/twice.latest.json: both `twice.bin` and `twice.embedded.bin` would be checked against it: rename one",
        "v2/Customer: not a root type's folder: a version folder holds one folder per root type, named as in the latest version (`Order`)",
        "v2/Order/notes.txt: `notes.txt` is not a sample",
        "v2/Order/gone.latest.json: no sample `gone.bin` or `gone.embedded.bin` beside it: delete it, or restore the sample",
        "v2/Order/bad.bin: does not read as `Order` v2: invalid version 2 message: Order.rush: invalid bool byte 0x02 (expected 00 or 01) at byte 1",
        "v2/Order/moved.embedded.bin: its 2-byte header says version 1, but it is in the `v2` folder: move it to `v1`, or store it without the header as `moved.bin`",
        "v3/Order: `Order` is supported in versions 1 to 2, not 3",
    ];
    for want in expected {
        assert!(
            failures.iter().any(|f| f.contains(want)),
            "no failure with {want:?} in:\n{}",
            failures.join("\n")
        );
    }
    // One failure each, and for `twice`, each sample passes on its own.
    assert_eq!(failures.len(), expected.len(), "{}", failures.join("\n"));
}

#[test]
fn no_samples_folder_says_how_to_start_one() {
    let (_tmp, dir) = shop(&[]);
    let outcome = samples(&dir, Stand::new(false, 0), &[]).run();
    let [failure] = &messages(&outcome)[..] else {
        panic!("{outcome:?}")
    };
    assert!(
        failure.contains("samples: no samples folder; record a message as a release wrote it with `verso sample add ")
            && failure.ends_with(" --version N --name NAME`, or turn off `samples(true)`"),
        "{failure}"
    );
}
