//! Every codec carries every workload's data: decoding what it encoded
//! gives back the value it was given, and that value stands for the
//! workload's canonical (verso) value. Plus the byte-level facts the
//! benchmark's comparisons rest on: where verso and serde_bare write the
//! same bytes, and that no codec's encoding is smaller than the payload it
//! must carry.

use std::collections::BTreeMap;

use verso_bench::codecs::{Codec, Error, SerdeBare, Values, VbareView, names};
use verso_bench::report;
use verso_bench::workloads::Workload;
use verso_bench::workloads::{W1Person, W2Todo, W3Telemetry, W4Blob, W5Frames};

/// Every codec's encoded size per workload, in codec order. Computing them
/// checks each codec's round trip (`verso_bench::codecs::round_trip`): decoding its
/// encoding gives the value it encoded, which stands for the workload's
/// canonical value.
type Sizes = BTreeMap<&'static str, Vec<(&'static str, usize)>>;

fn sizes() -> Result<Sizes, Error> {
    let mut sizes = Sizes::new();
    for entry in report::entries()? {
        sizes
            .entry(entry.workload)
            .or_default()
            .push((entry.codec, entry.size));
    }
    Ok(sizes)
}

#[test]
fn every_codec_round_trips_every_workload() -> Result<(), Error> {
    let sizes = sizes()?;
    // Every codec the comparison is about; a codec added to the list in
    // `codecs::visit_codecs` joins them without a change here.
    let required = [
        names::VERSO,
        names::VERSO_BORROWED,
        names::SERDE_BARE,
        names::PROST,
        names::BINCODE,
        names::POSTCARD,
        names::SERDE_JSON,
        names::AVRO,
        names::VBARE,
        names::VBARE_BYTES,
        names::VBARE_VIEW,
        names::MEMCPY,
    ];
    // All five workloads, each with every codec: a test that visited
    // nothing would pass vacuously.
    assert_eq!(
        sizes.keys().copied().collect::<Vec<_>>(),
        ["W1", "W2", "W3", "W4", "W5"]
    );
    let first: Vec<_> = sizes["W1"].iter().map(|(name, _)| *name).collect();
    assert!(
        required.iter().all(|name| first.contains(name)),
        "{first:?}"
    );
    for (workload, codecs) in &sizes {
        let listed: Vec<_> = codecs.iter().map(|(name, _)| *name).collect();
        assert_eq!(listed, first, "{workload}: the same codecs as W1");
        let size = |codec| {
            codecs
                .iter()
                .find(|(name, _)| *name == codec)
                .map(|(_, s)| *s)
        };
        assert_eq!(
            size(names::MEMCPY),
            size(names::VERSO),
            "{workload}: memcpy copies verso's bytes"
        );
    }
    Ok(())
}

#[test]
fn no_codec_encodes_less_than_the_payload() -> Result<(), Error> {
    // A codec that dropped or truncated the payloads would show here first.
    let sizes = sizes()?;
    let blob = W4Blob::build().data.len();
    let frames: usize = W5Frames::build().frames.iter().map(|f| f.data.len()).sum();
    for (workload, payload) in [("W4", blob), ("W5", frames)] {
        for (codec, size) in &sizes[workload] {
            assert!(
                *size >= payload,
                "{workload}: {codec} wrote {size} bytes for {payload} bytes of payload"
            );
        }
    }
    Ok(())
}

/// verso's and serde_bare's encodings of one workload.
fn verso_and_serde_bare<W: Workload>() -> Result<(Vec<u8>, Vec<u8>), Error> {
    let values = Values::<W>::new();
    let bare = SerdeBare::<W::Serde>::new().encode(&values.serde)?;
    Ok((values.verso_bytes, bare))
}

/// verso's and vbare's encodings of one workload, and what vbare's view
/// reads from verso's bytes against what it reads from its own.
fn verso_and_vbare<W: Workload>() -> Result<(), Error> {
    let values = Values::<W>::new();
    let vbare_bytes = VbareView::<W>::new().encode(&values.vbare)?;
    assert_eq!(values.verso_bytes, vbare_bytes, "{}", W::ID);
    let shared = verso_bench::vbare_bytes(&values.verso_bytes);
    let (view, read) = VbareView::<W>::new().decode_bytes(&shared)?;
    assert_eq!(view.to_owned(), values.vbare, "{}", W::ID);
    assert_ne!(read, 0, "{}: the view read nothing", W::ID);
    Ok(())
}

#[test]
fn verso_and_vbare_write_the_same_bytes() -> Result<(), Error> {
    // Both write BARE from the same schema files, the W2 union included.
    verso_and_vbare::<W1Person>()?;
    verso_and_vbare::<W2Todo>()?;
    verso_and_vbare::<W3Telemetry>()?;
    verso_and_vbare::<W4Blob>()?;
    verso_and_vbare::<W5Frames>()
}

#[test]
fn verso_and_serde_bare_write_the_same_bytes_without_unions() -> Result<(), Error> {
    // W1, W3, W4 and W5 have no union: the mirrors are written to BARE's
    // rules, so the two encodings are the same bytes.
    let (verso, bare) = verso_and_serde_bare::<W1Person>()?;
    assert_eq!(verso, bare, "W1");
    let (verso, bare) = verso_and_serde_bare::<W3Telemetry>()?;
    assert_eq!(verso, bare, "W3");
    let (verso, bare) = verso_and_serde_bare::<W4Blob>()?;
    assert_eq!(verso, bare, "W4");
    let (verso, bare) = verso_and_serde_bare::<W5Frames>()?;
    assert_eq!(verso, bare, "W5");
    Ok(())
}

#[test]
fn verso_and_serde_bare_differ_only_in_the_union_tag_in_w2() -> Result<(), Error> {
    // The schema numbers Assignee's members 1 and 2, serde_bare numbers
    // variants from 0: each assigned todo has one byte that differs by one
    // (both tags fit in one varint byte), and nothing else differs.
    let (verso, bare) = verso_and_serde_bare::<W2Todo>()?;
    assert_eq!(verso.len(), bare.len());
    let differing: Vec<(u8, u8)> = verso
        .iter()
        .zip(&bare)
        .filter(|(v, b)| v != b)
        .map(|(v, b)| (*v, *b))
        .collect();
    let assigned = W2Todo::build()
        .todos
        .values()
        .filter(|t| t.assignee.is_some())
        .count();
    assert_eq!(differing.len(), assigned);
    assert!(
        differing
            .iter()
            .all(|&(v, b)| (v, b) == (1, 0) || (v, b) == (2, 1)),
        "{differing:?}"
    );
    Ok(())
}

#[test]
fn workloads_have_the_stated_shape() {
    let person = W1Person::build();
    assert_eq!(person.user_name, "Martin");
    assert_eq!(person.favourite_number, Some(1337));
    assert_eq!(person.interests, ["daydreaming", "hacking"]);

    let app = W2Todo::build();
    assert_eq!(app.todos.len(), 1_000);
    assert_eq!(app.boards.len(), 10);
    assert!(app.boards.iter().all(|b| b.todo_ids.len() == 100));

    // 10,000 readings of 31 bytes each after a 2-byte length.
    let batch = W3Telemetry::build();
    assert_eq!(batch.readings.len(), 10_000);
    assert_eq!(verso::to_vec(&batch).len(), 2 + 10_000 * 31);

    let blob = W4Blob::build();
    assert_eq!(blob.data.len(), 1 << 20);

    let frames = W5Frames::build();
    assert_eq!(frames.frames.len(), 256);
    assert!(
        frames
            .frames
            .iter()
            .all(|f| (1024..=4096).contains(&f.data.len()))
    );
    // Deterministic: the same bytes on every run.
    assert_eq!(frames, W5Frames::build());
    assert_eq!(blob, W4Blob::build());
}

/// A codec that loses data: it writes a person without their interests
/// (and reads that back faithfully). Its own round trip is perfect, so
/// only the comparison with the workload's value can catch it.
struct DropsInterests;

impl Codec for DropsInterests {
    type Value = verso_bench::verso_types::person::v1::Person;
    type Decoded<'a> = Self::Value;
    type Canon = Self::Value;

    fn name(&self) -> &'static str {
        "drops-interests"
    }
    fn encode(&self, value: &Self::Value) -> Result<Vec<u8>, Error> {
        let mut lossy = value.clone();
        lossy.interests.clear();
        Ok(verso::to_vec(&lossy))
    }
    fn decode(&self, bytes: &[u8]) -> Result<Self::Value, Error> {
        Ok(verso::from_slice(bytes)?)
    }
    fn same(&self, decoded: &Self::Value, value: &Self::Value) -> bool {
        decoded == value
    }
    fn canon(&self, decoded: &Self::Value) -> Result<Self::Value, Error> {
        Ok(decoded.clone())
    }
}

#[test]
fn a_codec_that_loses_data_fails_the_check_the_benchmark_runs_first() {
    let person = W1Person::build();
    let result = verso_bench::codecs::round_trip(&DropsInterests, &person, &person);
    assert!(result.is_err());
}
