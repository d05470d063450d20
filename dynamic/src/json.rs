//! Reading JSON text for [`encode`](crate::encode): stricter than
//! `serde_json::from_str`, since a duplicate key or hostile nesting is a
//! mistake to report, not something to collapse or overflow on.

use std::fmt;

use serde_json::{Map, Number, Value};

/// Parses JSON text, refusing duplicate object keys (which `serde_json`
/// would silently collapse) and nesting deeper than serde_json's limit.
pub fn parse_json(text: &str) -> Result<Value, String> {
    use serde::de::DeserializeSeed;
    let mut deserializer = serde_json::Deserializer::from_str(text);
    // serde_json's own limit (128 levels) is below what `verso decode`
    // prints for a message nested within the decoding limits; this reader
    // counts levels itself and grows its stack as it goes.
    deserializer.disable_recursion_limit();
    let value = StrictVisitor { depth: 0 }
        .deserialize(&mut deserializer)
        .map_err(|e| e.to_string())?;
    deserializer.end().map_err(|e| e.to_string())?;
    Ok(value)
}

/// How deeply JSON input may nest: far more than any message within the
/// decoding limits prints as (128 recursive levels, each a few JSON levels,
/// inside deep but non-recursive schemas), bounded so that hostile input
/// cannot make the stack grow without end.
pub const MAX_JSON_DEPTH: usize = 10_000;

/// Reads any JSON value, refusing duplicate object keys and nesting past
/// [`MAX_JSON_DEPTH`].
#[derive(Clone, Copy)]
struct StrictVisitor {
    depth: usize,
}

impl<'de> serde::de::DeserializeSeed<'de> for StrictVisitor {
    type Value = Value;

    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        if self.depth > MAX_JSON_DEPTH {
            return Err(serde::de::Error::custom(format!(
                "the JSON nests more than {MAX_JSON_DEPTH} levels deep"
            )));
        }
        stacker::maybe_grow(64 << 10, 1 << 20, || deserializer.deserialize_any(self))
    }
}

impl<'de> serde::de::Visitor<'de> for StrictVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(v.into())
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(v.into())
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Number::from_f64(v).map_or(Value::Null, Value::Number))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let inner = StrictVisitor {
            depth: self.depth + 1,
        };
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(inner)? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let inner = StrictVisitor {
            depth: self.depth + 1,
        };
        let mut object = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let value = map.next_value_seed(inner)?;
            if object.insert(key.clone(), value).is_some() {
                return Err(serde::de::Error::custom(format!("duplicate key \"{key}\"")));
            }
        }
        Ok(Value::Object(object))
    }
}
