//! serde adapters that make the serde form of generated types verso's JSON
//! mapping (the one `verso decode` prints and `verso encode` reads): `data`
//! as lowercase hex, non-finite floats as the strings `"NaN"`, `"inf"` and
//! `"-inf"`, maps whose keys are not strings as arrays of `[key, value]`
//! pairs, fixed-length lists of any length.
//!
//! Generated code names them in `#[serde(with = "::verso::json::As::<…>")]`
//! on the fields that need them; they build on `serde_with`.
//!
//! ```
//! #[derive(serde::Serialize, serde::Deserialize, Debug, PartialEq)]
//! struct Reading {
//!     #[serde(with = "verso::json::As::<verso::json::Hex>")]
//!     id: [u8; 4],
//!     #[serde(with = "verso::json::As::<verso::json::Float>")]
//!     value: f64,
//! }
//! let reading = Reading { id: [0xde, 0xad, 0xbe, 0xef], value: f64::INFINITY };
//! let json = serde_json::to_string(&reading).unwrap();
//! assert_eq!(json, r#"{"id":"deadbeef","value":"inf"}"#);
//! assert_eq!(serde_json::from_str::<Reading>(&json).unwrap(), reading);
//! ```

use core::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::ser::Serializer;
pub use serde_with::hex::Hex;
pub use serde_with::{As, Same, Seq};
use serde_with::{DeserializeAs, SerializeAs};

/// `f32`/`f64` as a JSON number, or, when not finite, as `"NaN"`, `"inf"`
/// or `"-inf"` (JSON has no such numbers).
pub struct Float;

/// The JSON mapping's name of a non-finite float.
fn non_finite(value: f64) -> Option<&'static str> {
    if value.is_nan() {
        Some("NaN")
    } else if value == f64::INFINITY {
        Some("inf")
    } else if value == f64::NEG_INFINITY {
        Some("-inf")
    } else {
        None
    }
}

impl SerializeAs<f64> for Float {
    fn serialize_as<S: Serializer>(value: &f64, serializer: S) -> Result<S::Ok, S::Error> {
        match non_finite(*value) {
            Some(name) => serializer.serialize_str(name),
            None => serializer.serialize_f64(*value),
        }
    }
}

impl SerializeAs<f32> for Float {
    fn serialize_as<S: Serializer>(value: &f32, serializer: S) -> Result<S::Ok, S::Error> {
        match non_finite(f64::from(*value)) {
            Some(name) => serializer.serialize_str(name),
            None => serializer.serialize_f32(*value),
        }
    }
}

impl<'de> DeserializeAs<'de, f64> for Float {
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<f64, D::Error> {
        deserializer.deserialize_any(FloatVisitor)
    }
}

impl<'de> DeserializeAs<'de, f32> for Float {
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<f32, D::Error> {
        // JSON numbers are read as f64; the nearest f32 is the value an f32
        // field was written from.
        deserializer
            .deserialize_any(FloatVisitor)
            .map(|value| value as f32)
    }
}

struct FloatVisitor;

impl Visitor<'_> for FloatVisitor {
    type Value = f64;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(r#"a number, or "NaN", "inf" or "-inf""#)
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<f64, E> {
        Ok(value)
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<f64, E> {
        Ok(value as f64)
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<f64, E> {
        Ok(value as f64)
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<f64, E> {
        match value {
            "NaN" => Ok(f64::NAN),
            "inf" => Ok(f64::INFINITY),
            "-inf" => Ok(f64::NEG_INFINITY),
            other => Err(E::invalid_value(de::Unexpected::Str(other), &self)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::format;
    use std::string::ToString;

    #[derive(serde::Serialize, serde::Deserialize, Debug, PartialEq)]
    struct Floats {
        #[serde(with = "As::<Float>")]
        a: f64,
        #[serde(with = "As::<Float>")]
        b: f32,
    }

    #[test]
    fn non_finite_floats_are_named() {
        for (a, text) in [
            (f64::INFINITY, r#""inf""#),
            (f64::NEG_INFINITY, r#""-inf""#),
            (1.5, "1.5"),
            (-0.0, "-0.0"),
        ] {
            let value = Floats { a, b: 2.5 };
            let json = serde_json::to_string(&value).unwrap();
            assert_eq!(json, format!(r#"{{"a":{text},"b":2.5}}"#));
            assert_eq!(serde_json::from_str::<Floats>(&json).unwrap(), value);
        }
        let nan: Floats = serde_json::from_str(r#"{"a":"NaN","b":"-inf"}"#).unwrap();
        assert!(nan.a.is_nan() && nan.b == f32::NEG_INFINITY);
        assert_eq!(
            serde_json::to_string(&Floats {
                a: f64::NAN,
                b: f32::NAN
            })
            .unwrap(),
            r#"{"a":"NaN","b":"NaN"}"#
        );
        // Integers are numbers too; other strings are not floats.
        let whole: Floats = serde_json::from_str(r#"{"a":3,"b":-4}"#).unwrap();
        assert_eq!(whole, Floats { a: 3.0, b: -4.0 });
        let err = serde_json::from_str::<Floats>(r#"{"a":"Infinity","b":0}"#).unwrap_err();
        assert!(err.to_string().contains(r#"a number, or "NaN""#), "{err}");
    }
}
