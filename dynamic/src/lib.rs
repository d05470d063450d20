//! verso's dynamic codec: any type of a checked schema to and from JSON,
//! without generated code. It is what `verso decode` and `verso encode`
//! run, and what the tests compare generated code against.
//!
//! It lives apart from `verso-codegen` so that a build script, which only
//! generates code, does not compile a JSON library: `verso-build` pulls
//! `verso-codegen` alone.
//!
//! Decoding goes through the runtime's [`verso::Reader`], so it is exactly
//! as strict and as bounded as generated code. The JSON mapping is the one
//! DESIGN.md pins: integers exact at every width, non-finite floats as
//! `"NaN"`/`"inf"`/`"-inf"`, `data` as lowercase hex, enums by value name,
//! `map<str><V>` as an object and other maps as `[key, value]` pairs, unions
//! as `{"Member": value}` (a void member as just its name), structs as
//! objects with the schema's field names. On input an optional field may be
//! left out, and reads as `null`, as the generated serde code reads it;
//! output always writes it.
//!
//! ```
//! use verso_codegen::{Options, check};
//!
//! let schema = check("type Point struct { x: i32 y: i32 }", &Options::default())
//!     .schema
//!     .unwrap();
//! let point = schema.lookup("Point").unwrap();
//! let json = verso_dynamic::parse_json(r#"{"x": 1, "y": -2}"#).unwrap();
//! let bytes = verso_dynamic::encode(&schema, point, &json).unwrap();
//! assert_eq!(bytes, [1, 0, 0, 0, 0xfe, 0xff, 0xff, 0xff]);
//! let back = verso_dynamic::decode(&schema, point, &bytes, verso::Limits::default()).unwrap();
//! assert_eq!(back, json);
//! ```

mod json;
pub mod samples;

pub use json::{MAX_JSON_DEPTH, parse_json};

use std::collections::HashSet;
use std::fmt;

use serde_json::{Map, Number, Value};
use verso::{DecodeError, DecodeErrorKind, Limits, Reader, write};

use verso_codegen::ir::Primitive;
use verso_codegen::ir::{Schema, Type, TypeId, TypeKind};

/// Decodes one whole message of type `id` into JSON.
pub fn decode(
    schema: &Schema,
    id: TypeId,
    bytes: &[u8],
    limits: Limits,
) -> Result<Value, DecodeError> {
    let mut reader = Reader::with_limits(bytes, limits);
    let decoder = Decoder {
        schema,
        recursive: schema.recursive_types(),
    };
    let value = decoder.named(id, &mut reader)?;
    reader.finish()?;
    Ok(value)
}

/// Why JSON does not fit the schema: where (a JSON path such as
/// `$.todos[3].title`) and what was expected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EncodeError {
    /// The JSON path of the offending value.
    pub path: String,
    /// What was wrong.
    pub message: String,
}

impl fmt::Display for EncodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

impl std::error::Error for EncodeError {}

/// Encodes JSON as a message of type `id`.
pub fn encode(schema: &Schema, id: TypeId, json: &Value) -> Result<Vec<u8>, EncodeError> {
    let mut out = Vec::new();
    Encoder {
        schema,
        path: vec!["$".to_owned()],
        recursive: schema.recursive_types(),
        depth: 0,
    }
    .named(id, json, &mut out)?;
    Ok(out)
}

/// The JSON key of a union member: the type name for a named type, the
/// keyword for a primitive, the decimal tag for anything else.
fn member_key(schema: &Schema, ty: &Type, tag: u64) -> String {
    match &ty.kind {
        TypeKind::Ref(id) => schema.get(*id).name.clone(),
        TypeKind::Primitive(p) => p.keyword().to_owned(),
        TypeKind::Data => "data".to_owned(),
        _ => tag.to_string(),
    }
}

/// Whether a member carries no value (void, directly or through aliases).
fn is_void(schema: &Schema, ty: &Type) -> bool {
    matches!(
        schema.resolve(ty).kind,
        TypeKind::Primitive(Primitive::Void)
    )
}

/// Whether a field of this type may be left out of a JSON object (it is
/// then `null`): optional, directly or through aliases.
fn is_optional(schema: &Schema, ty: &Type) -> bool {
    matches!(schema.resolve(ty).kind, TypeKind::Optional(_))
}

/// Whether map keys of this type are JSON strings (then the map is an object).
fn is_str(schema: &Schema, ty: &Type) -> bool {
    matches!(schema.resolve(ty).kind, TypeKind::Primitive(Primitive::Str))
}

fn float(value: f64) -> Value {
    if value.is_nan() {
        Value::String("NaN".into())
    } else if value.is_infinite() {
        Value::String(if value > 0.0 { "inf" } else { "-inf" }.into())
    } else {
        Number::from_f64(value).map_or(Value::Null, Value::Number)
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

struct Decoder<'a> {
    schema: &'a Schema,
    /// The types that count towards the nesting limit: the recursive ones,
    /// as in generated code, so both accept and refuse the same messages.
    recursive: Vec<bool>,
}

impl Decoder<'_> {
    fn named(&self, id: TypeId, reader: &mut Reader<'_>) -> Result<Value, DecodeError> {
        // This decoder recurses once per named type, and a schema may nest
        // thousands of distinct types without any being recursive (they do
        // not count towards the depth limit, as in generated code): grow
        // the stack on the heap rather than overflow it.
        stacker::maybe_grow(64 << 10, 1 << 20, || self.named_here(id, reader))
    }

    fn named_here(&self, id: TypeId, reader: &mut Reader<'_>) -> Result<Value, DecodeError> {
        let def = self.schema.get(id);
        let counted = self.recursive.get(id.index()).copied().unwrap_or(true);
        if counted {
            reader.enter()?;
        }
        let value = self
            .ty(&def.ty, reader)
            .map_err(|e| e.in_type(def.name.clone()));
        if counted {
            reader.leave();
        }
        value
    }

    fn ty(&self, ty: &Type, reader: &mut Reader<'_>) -> Result<Value, DecodeError> {
        Ok(match &ty.kind {
            TypeKind::Primitive(p) => match p {
                Primitive::Uint => reader.read_uint()?.into(),
                Primitive::Int => reader.read_int()?.into(),
                Primitive::U8 => reader.read_u8()?.into(),
                Primitive::U16 => reader.read_u16()?.into(),
                Primitive::U32 => reader.read_u32()?.into(),
                Primitive::U64 => reader.read_u64()?.into(),
                Primitive::I8 => reader.read_i8()?.into(),
                Primitive::I16 => reader.read_i16()?.into(),
                Primitive::I32 => reader.read_i32()?.into(),
                Primitive::I64 => reader.read_i64()?.into(),
                Primitive::F32 => float(f64::from(reader.read_f32()?)),
                Primitive::F64 => float(reader.read_f64()?),
                Primitive::Bool => reader.read_bool()?.into(),
                Primitive::Str => {
                    let text = reader.read_str()?;
                    reader.charge(text.len())?;
                    text.into()
                }
                Primitive::Void => Value::Null,
            },
            TypeKind::Data => {
                let data = reader.read_data()?;
                reader.charge(data.len().saturating_mul(2))?;
                hex(data).into()
            }
            TypeKind::FixedData(n) => hex(reader.read_bytes(*n as usize)?).into(),
            TypeKind::Optional(inner) => {
                if reader.read_optional_tag()? {
                    self.ty(inner, reader)?
                } else {
                    Value::Null
                }
            }
            TypeKind::List(inner) => {
                let count = reader.read_list_len()?;
                // The same budget as generated code, at this codec's sizes.
                reader.charge_items::<Value>(count)?;
                let mut items = Vec::with_capacity(count);
                for i in 0..count {
                    items.push(self.ty(inner, reader).map_err(|e| e.in_index(i))?);
                }
                Value::Array(items)
            }
            TypeKind::FixedList(inner, n) => {
                // Each element takes a byte at least: past what is left the
                // message is truncated anyway.
                let most = (*n as usize).min(reader.remaining());
                reader.charge_items::<Value>(most)?;
                let mut items = Vec::with_capacity(most);
                for i in 0..*n as usize {
                    items.push(self.ty(inner, reader).map_err(|e| e.in_index(i))?);
                }
                Value::Array(items)
            }
            TypeKind::Map(key_ty, value_ty) => {
                let count = reader.read_map_len()?;
                reader.charge_items::<(String, Value)>(count)?;
                let as_object = is_str(self.schema, key_ty);
                let mut seen: HashSet<String> = HashSet::new();
                let mut object = Map::new();
                let mut pairs = Vec::new();
                for i in 0..count {
                    let at = reader.position();
                    let key = self.ty(key_ty, reader).map_err(|e| e.in_map_key(i))?;
                    let value = self.ty(value_ty, reader).map_err(|e| e.in_map_value(i))?;
                    if !seen.insert(key.to_string()) {
                        return Err(
                            DecodeError::new(DecodeErrorKind::DuplicateMapKey, at).in_map_key(i)
                        );
                    }
                    match (as_object, key) {
                        (true, Value::String(k)) => {
                            object.insert(k, value);
                        }
                        (_, key) => pairs.push(Value::Array(vec![key, value])),
                    }
                }
                if as_object {
                    Value::Object(object)
                } else {
                    Value::Array(pairs)
                }
            }
            TypeKind::Enum(values) => {
                let at = reader.position();
                let number = reader.read_uint()?;
                match values.iter().find(|v| v.value == number) {
                    Some(v) => Value::String(v.name.clone()),
                    None => return Err(DecodeError::unknown_enum_value(number, at)),
                }
            }
            TypeKind::Union(members) => {
                let at = reader.position();
                let tag = reader.read_union_tag()?;
                let Some(member) = members.iter().find(|m| m.tag == tag) else {
                    return Err(DecodeError::unknown_union_tag(tag, at));
                };
                let key = member_key(self.schema, &member.ty, tag);
                if is_void(self.schema, &member.ty) {
                    Value::String(key)
                } else {
                    let value = self
                        .ty(&member.ty, reader)
                        .map_err(|e| e.in_variant(key.clone()))?;
                    let mut object = Map::new();
                    object.insert(key, value);
                    Value::Object(object)
                }
            }
            TypeKind::Struct(fields) => {
                let mut object = Map::new();
                for field in fields {
                    let value = self
                        .ty(&field.ty, reader)
                        .map_err(|e| e.in_field(field.name.clone()))?;
                    object.insert(field.name.clone(), value);
                }
                Value::Object(object)
            }
            TypeKind::Ref(id) => self.named(*id, reader)?,
        })
    }
}

struct Encoder<'a> {
    schema: &'a Schema,
    path: Vec<String>,
    /// The types that count towards the depth limit, as in decoding.
    recursive: Vec<bool>,
    /// Recursive types entered so far.
    depth: usize,
}

impl Encoder<'_> {
    fn fail<T>(&self, message: impl Into<String>) -> Result<T, EncodeError> {
        Err(EncodeError {
            path: self.path.concat(),
            message: message.into(),
        })
    }

    fn expected<T>(&self, what: &str, found: &Value) -> Result<T, EncodeError> {
        let kind = match found {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Number(_) => "a number",
            Value::String(_) => "a string",
            Value::Array(_) => "an array",
            Value::Object(_) => "an object",
        };
        self.fail(format!("expected {what}, found {kind}"))
    }

    fn nested<T>(
        &mut self,
        segment: String,
        f: impl FnOnce(&mut Self) -> Result<T, EncodeError>,
    ) -> Result<T, EncodeError> {
        self.path.push(segment);
        let result = f(self);
        self.path.pop();
        result
    }

    fn named(&mut self, id: TypeId, json: &Value, out: &mut Vec<u8>) -> Result<(), EncodeError> {
        // The same rule as decoding: recursive types count towards the
        // depth limit, so encode refuses exactly what decode would.
        let counted = self.recursive.get(id.index()).copied().unwrap_or(true);
        let limit = Limits::default().max_depth();
        if counted && self.depth >= limit {
            return self.fail(format!(
                "the value nests recursive types more than {limit} levels deep, which decoding refuses"
            ));
        }
        self.depth += usize::from(counted);
        let ty = &self.schema.get(id).ty;
        // As in decoding: deep schemas must not overflow the stack.
        let result = stacker::maybe_grow(64 << 10, 1 << 20, || self.ty(ty, json, out));
        self.depth -= usize::from(counted);
        result
    }

    fn integer<T: TryFrom<i128>>(&self, json: &Value, what: &str) -> Result<T, EncodeError> {
        let n = match json {
            Value::Number(n) => n
                .as_u64()
                .map(i128::from)
                .or_else(|| n.as_i64().map(i128::from)),
            _ => return self.expected(what, json),
        };
        match n.and_then(|n| T::try_from(n).ok()) {
            Some(v) => Ok(v),
            None => self.fail(format!(
                "expected {what}, found {json} (out of range or not an integer)"
            )),
        }
    }

    fn float(&self, json: &Value) -> Result<f64, EncodeError> {
        match json {
            Value::Number(n) => n.as_f64().map_or_else(|| self.fail("expected a float"), Ok),
            Value::String(s) if s == "NaN" => Ok(f64::NAN),
            Value::String(s) if s == "inf" => Ok(f64::INFINITY),
            Value::String(s) if s == "-inf" => Ok(f64::NEG_INFINITY),
            _ => self.expected("a number (or \"NaN\", \"inf\", \"-inf\")", json),
        }
    }

    fn bytes(&self, json: &Value) -> Result<Vec<u8>, EncodeError> {
        let Value::String(text) = json else {
            return self.expected("a lowercase hex string", json);
        };
        if text.len() % 2 != 0 || !text.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
            return self.fail(format!(
                "expected a lowercase hex string with an even number of digits, found {json}"
            ));
        }
        Ok((0..text.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap_or(0))
            .collect())
    }

    fn ty(&mut self, ty: &Type, json: &Value, out: &mut Vec<u8>) -> Result<(), EncodeError> {
        match &ty.kind {
            TypeKind::Primitive(p) => match p {
                Primitive::Uint => {
                    write::write_uint(out, self.integer(json, "an unsigned integer")?)
                }
                Primitive::Int => write::write_int(out, self.integer(json, "an integer")?),
                Primitive::U8 => write::write_u8(out, self.integer(json, "an integer 0 to 255")?),
                Primitive::U16 => {
                    write::write_u16(out, self.integer(json, "an integer 0 to 65535")?)
                }
                Primitive::U32 => write::write_u32(out, self.integer(json, "a u32")?),
                Primitive::U64 => write::write_u64(out, self.integer(json, "a u64")?),
                Primitive::I8 => write::write_i8(out, self.integer(json, "an i8")?),
                Primitive::I16 => write::write_i16(out, self.integer(json, "an i16")?),
                Primitive::I32 => write::write_i32(out, self.integer(json, "an i32")?),
                Primitive::I64 => write::write_i64(out, self.integer(json, "an i64")?),
                Primitive::F32 => write::write_f32(out, self.float(json)? as f32),
                Primitive::F64 => write::write_f64(out, self.float(json)?),
                Primitive::Bool => match json {
                    Value::Bool(b) => write::write_bool(out, *b),
                    _ => return self.expected("true or false", json),
                },
                Primitive::Str => match json {
                    Value::String(s) => write::write_str(out, s),
                    _ => return self.expected("a string", json),
                },
                Primitive::Void => {}
            },
            TypeKind::Data => write::write_data(out, &self.bytes(json)?),
            TypeKind::FixedData(n) => {
                let bytes = self.bytes(json)?;
                if bytes.len() != *n as usize {
                    return self.fail(format!(
                        "expected exactly {n} bytes ({} hex digits), found {}",
                        2 * n,
                        bytes.len()
                    ));
                }
                write::write_fixed_data(out, &bytes);
            }
            TypeKind::Optional(inner) => {
                write::write_optional_tag(out, !json.is_null());
                if !json.is_null() {
                    self.ty(inner, json, out)?;
                }
            }
            TypeKind::List(inner) => {
                let Value::Array(items) = json else {
                    return self.expected("an array", json);
                };
                write::write_count(out, items.len());
                for (i, item) in items.iter().enumerate() {
                    self.nested(format!("[{i}]"), |e| e.ty(inner, item, out))?;
                }
            }
            TypeKind::FixedList(inner, n) => {
                let Value::Array(items) = json else {
                    return self.expected(&format!("an array of {n}"), json);
                };
                if items.len() != *n as usize {
                    return self.fail(format!(
                        "expected exactly {n} elements, found {}",
                        items.len()
                    ));
                }
                for (i, item) in items.iter().enumerate() {
                    self.nested(format!("[{i}]"), |e| e.ty(inner, item, out))?;
                }
            }
            TypeKind::Map(key_ty, value_ty) => {
                let mut seen = HashSet::new();
                if is_str(self.schema, key_ty) {
                    let Value::Object(object) = json else {
                        return self.expected("an object", json);
                    };
                    write::write_count(out, object.len());
                    for (key, value) in object {
                        write::write_str(out, key);
                        self.nested(format!(".{key}"), |e| e.ty(value_ty, value, out))?;
                    }
                } else {
                    let Value::Array(pairs) = json else {
                        return self.expected("an array of [key, value] pairs", json);
                    };
                    write::write_count(out, pairs.len());
                    for (i, pair) in pairs.iter().enumerate() {
                        self.nested(format!("[{i}]"), |e| {
                            let Value::Array(kv) = pair else {
                                return e.expected("a [key, value] pair", pair);
                            };
                            let [key, value] = kv.as_slice() else {
                                return e.fail(format!(
                                    "expected a [key, value] pair, found {} elements",
                                    kv.len()
                                ));
                            };
                            let mut key_bytes = Vec::new();
                            e.nested("[0]".into(), |e| e.ty(key_ty, key, &mut key_bytes))?;
                            if !seen.insert(key_bytes.clone()) {
                                return e.fail(format!("duplicate map key {key}"));
                            }
                            out.extend_from_slice(&key_bytes);
                            e.nested("[1]".into(), |e| e.ty(value_ty, value, out))
                        })?;
                    }
                }
            }
            TypeKind::Enum(values) => {
                let Value::String(name) = json else {
                    return self.expected("an enum value name", json);
                };
                match values.iter().find(|v| v.name == *name) {
                    Some(v) => write::write_enum_value(out, v.value),
                    None => {
                        let names: Vec<&str> = values.iter().map(|v| v.name.as_str()).collect();
                        return self.fail(format!(
                            "unknown enum value {json}; expected one of {}",
                            names.join(", ")
                        ));
                    }
                }
            }
            TypeKind::Union(members) => {
                let keys: Vec<String> = members
                    .iter()
                    .map(|m| member_key(self.schema, &m.ty, m.tag))
                    .collect();
                let (key, value) = match json {
                    Value::String(name) => (name.clone(), None),
                    Value::Object(object) if object.len() == 1 => {
                        let (k, v) = object
                            .iter()
                            .next()
                            .map(|(k, v)| (k.clone(), v))
                            .unwrap_or_default();
                        (k, Some(v))
                    }
                    _ => {
                        return self.expected(
                            &format!(
                                "{{\"Member\": value}} with Member one of {}",
                                keys.join(", ")
                            ),
                            json,
                        );
                    }
                };
                let Some(index) = keys.iter().position(|k| *k == key) else {
                    return self.fail(format!(
                        "unknown union member \"{key}\"; expected one of {}",
                        keys.join(", ")
                    ));
                };
                let member = &members[index];
                write::write_union_tag(out, member.tag);
                match (is_void(self.schema, &member.ty), value) {
                    (true, None) => {}
                    (true, Some(_)) => {
                        return self
                            .fail(format!("member \"{key}\" is void: write just \"{key}\""));
                    }
                    (false, Some(value)) => {
                        self.nested(format!(".{key}"), |e| e.ty(&member.ty, value, out))?
                    }
                    (false, None) => {
                        return self
                            .fail(format!("member \"{key}\" needs a value: {{\"{key}\": …}}"));
                    }
                }
            }
            TypeKind::Struct(fields) => {
                let Value::Object(object) = json else {
                    return self.expected("an object", json);
                };
                for key in object.keys() {
                    if !fields.iter().any(|f| f.name == *key) {
                        return self
                            .nested(format!(".{key}"), |e| e.fail("no such field in the schema"));
                    }
                }
                for field in fields {
                    let value = match object.get(&field.name) {
                        Some(value) => value,
                        // The generated serde code reads an omitted optional
                        // field as `None`; both readers take the same JSON.
                        None if is_optional(self.schema, &field.ty) => &Value::Null,
                        None => return self.fail(format!("missing field \"{}\"", field.name)),
                    };
                    self.nested(format!(".{}", field.name), |e| e.ty(&field.ty, value, out))?;
                }
            }
            TypeKind::Ref(id) => self.named(*id, json, out)?,
        }
        Ok(())
    }
}
