//! The bulk path of fixed-width types (`verso::bulk`) through generated
//! code: a `list` of fixed-width structs decodes to the same values, and
//! fails with the same error (kind, offset, element index and field), as
//! decoding it field by field the way generated code did before, on valid
//! input, on bad bools and on runs cut short; and it encodes to the same
//! bytes.

use proptest::prelude::*;
use verso::{DecodeError, Reader, containers, write};
use verso_tests::features::v1 as f;
use verso_tests::telemetry::v1 as t;

/// `Reading` field by field: what generated code wrote before the bulk path.
fn reading(reader: &mut Reader<'_>) -> Result<t::Reading, DecodeError> {
    Ok(t::Reading {
        timestamp: reader.read_field("timestamp")?,
        sensor: reader.read_field("sensor")?,
        value: reader.read_field("value")?,
        minimum: reader.read_field("minimum")?,
        maximum: reader.read_field("maximum")?,
        flags: reader.read_field("flags")?,
        ok: reader.read_field("ok")?,
    })
}

/// A whole `Batch` message field by field, as `verso::from_slice` frames it.
fn batch_by_field(bytes: &[u8]) -> Result<t::Batch, DecodeError> {
    let mut reader = Reader::new(bytes);
    let readings = containers::decode_list_with(&mut reader, reading)
        .map_err(|e| e.in_field("readings").in_type("Batch"))?;
    reader.finish()?;
    Ok(t::Batch { readings })
}

fn batch_bytes_by_field(batch: &t::Batch) -> Vec<u8> {
    let mut out = Vec::new();
    containers::encode_list_with(&mut out, &batch.readings, |out, r| {
        write::write_u64(out, r.timestamp);
        write::write_u32(out, r.sensor);
        write::write_f64(out, r.value);
        write::write_f32(out, r.minimum);
        write::write_f32(out, r.maximum);
        write::write_u16(out, r.flags);
        write::write_bool(out, r.ok);
    });
    out
}

fn readings() -> impl Strategy<Value = t::Batch> {
    let reading = (
        any::<u64>(),
        any::<u32>(),
        any::<f64>(),
        any::<f32>(),
        any::<f32>(),
        any::<u16>(),
        any::<bool>(),
    )
        .prop_map(
            |(timestamp, sensor, value, minimum, maximum, flags, ok)| t::Reading {
                timestamp,
                sensor,
                value,
                minimum,
                maximum,
                flags,
                ok,
            },
        );
    prop::collection::vec(reading, 0..40).prop_map(|readings| t::Batch { readings })
}

/// The two decoders agree, compared by bytes (floats may be NaN) or by
/// the whole error.
fn assert_same_decode(bytes: &[u8]) -> Result<(), TestCaseError> {
    let bulk = verso::from_slice::<t::Batch>(bytes);
    let by_field = batch_by_field(bytes);
    match (&bulk, &by_field) {
        (Ok(a), Ok(b)) => prop_assert_eq!(verso::to_vec(a), verso::to_vec(b)),
        (Err(a), Err(b)) => prop_assert_eq!(a, b),
        _ => prop_assert!(false, "bulk {bulk:?} but by field {by_field:?}"),
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn valid_runs_encode_and_decode_as_field_by_field(batch in readings()) {
        let bytes = verso::to_vec(&batch);
        prop_assert_eq!(&bytes, &batch_bytes_by_field(&batch));
        prop_assert_eq!(verso::Encode::encoded_len(&batch), bytes.len());
        assert_same_decode(&bytes)?;
    }

    #[test]
    fn bad_bools_fail_as_field_by_field(
        batch in readings(),
        pick in any::<prop::sample::Index>(),
        byte in 2u8..,
    ) {
        let mut bytes = verso::to_vec(&batch);
        if !batch.readings.is_empty() {
            let index = pick.index(batch.readings.len());
            let prefix = bytes.len() - batch.readings.len() * 31;
            bytes[prefix + index * 31 + 30] = byte;
            let err = verso::from_slice::<t::Batch>(&bytes).unwrap_err();
            prop_assert_eq!(err.path_display().to_string(), format!("Batch.readings[{index}].ok"));
        }
        assert_same_decode(&bytes)?;
    }

    #[test]
    fn short_and_long_runs_fail_as_field_by_field(
        batch in readings(),
        cut in any::<prop::sample::Index>(),
        extra in prop::collection::vec(any::<u8>(), 1..4),
    ) {
        let bytes = verso::to_vec(&batch);
        assert_same_decode(&bytes[..cut.index(bytes.len())])?;
        let longer = [bytes, extra].concat();
        assert_same_decode(&longer)?;
    }
}

#[test]
fn a_short_run_names_the_element_and_field() {
    let batch = t::Batch {
        readings: vec![
            t::Reading {
                timestamp: 1,
                sensor: 2,
                value: 3.0,
                minimum: 4.0,
                maximum: 5.0,
                flags: 6,
                ok: true,
            };
            3
        ],
    };
    let bytes = verso::to_vec(&batch);
    // Into element 2's `value` (offset 1 + 2 × 31 + 12).
    let err = verso::from_slice::<t::Batch>(&bytes[..1 + 2 * 31 + 14]).unwrap_err();
    assert_eq!(err.path_display().to_string(), "Batch.readings[2].value");
    assert_eq!(err.offset(), 1 + 2 * 31 + 12);
    assert_eq!(err, batch_by_field(&bytes[..1 + 2 * 31 + 14]).unwrap_err());
}

#[test]
fn lifted_fixed_width_structs_decode_in_one_step() {
    // `Anonymous.inner` is an anonymous fixed-width struct, lifted.
    let inner = f::AnonymousInner { x: 1.5, y: -2.0 };
    let bytes = verso::to_vec(&inner);
    assert_eq!(
        bytes,
        [1.5f64.to_le_bytes(), (-2.0f64).to_le_bytes()].concat()
    );
    assert_eq!(
        verso::from_slice::<f::AnonymousInner>(&bytes).unwrap(),
        inner
    );
    let err = verso::from_slice::<f::AnonymousInner>(&bytes[..12]).unwrap_err();
    assert_eq!(err.path_display().to_string(), "Anonymous.Inner.y");
    assert_eq!(err.offset(), 8);
    assert_eq!(<f::AnonymousInner as verso::FixedWidth>::WIDTH, 16);

    // A struct with a bool member of a union: `{ z: bool }`, one byte.
    assert_eq!(<f::AnonymousChoiceStruct9 as verso::FixedWidth>::WIDTH, 1);
    let err = verso::from_slice::<f::AnonymousChoiceStruct9>(&[7]).unwrap_err();
    assert_eq!(err.kind(), &verso::DecodeErrorKind::InvalidBool(7));
}
