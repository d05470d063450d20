//! Random *valid* BARE messages for any type of a checked schema, built from
//! the IR alone (no generated code involved), so generated decoders can be
//! tested against every shape the schema allows.

use verso::write;
use verso_codegen::ast::Primitive;
use verso_codegen::ir::{Schema, Type, TypeId, TypeKind};

use crate::rng::Rng;

/// How deep recursive types go before the generator steers to the shortest
/// way out (empty lists, absent optionals, the shallowest union member).
const MAX_DEPTH: usize = 4;

/// A random valid encoding of the named type `name` of `schema`.
///
/// Floats are finite or infinite but never NaN, so decoded values compare
/// equal with `PartialEq`.
pub fn message(schema: &Schema, name: &str, seed: u64) -> Vec<u8> {
    let id = schema
        .lookup(name)
        .unwrap_or_else(|| panic!("no type {name} in the schema"));
    let mut generator = Generator {
        schema,
        rng: Rng::new(seed),
        heights: heights(schema),
    };
    let mut out = Vec::new();
    generator.ty(&schema.get(id).ty, 0, &mut out);
    out
}

struct Generator<'a> {
    schema: &'a Schema,
    rng: Rng,
    /// For each named type, how many references deep its shortest value goes.
    heights: Vec<usize>,
}

impl Generator<'_> {
    fn ty(&mut self, ty: &Type, depth: usize, out: &mut Vec<u8>) {
        let deep = depth >= MAX_DEPTH;
        match &ty.kind {
            TypeKind::Primitive(p) => self.primitive(*p, out),
            TypeKind::Data => {
                let len = if deep { 0 } else { self.rng.below(6) };
                let bytes = self.bytes(len);
                write::write_data(out, &bytes);
            }
            TypeKind::FixedData(n) => {
                let bytes = self.bytes(*n as usize);
                write::write_fixed_data(out, &bytes);
            }
            TypeKind::Optional(inner) => {
                let present = !deep && self.rng.coin();
                write::write_optional_tag(out, present);
                if present {
                    self.ty(inner, depth, out);
                }
            }
            TypeKind::List(inner) => {
                let count = if deep { 0 } else { self.rng.below(4) };
                write::write_count(out, count);
                for _ in 0..count {
                    self.ty(inner, depth, out);
                }
            }
            TypeKind::FixedList(inner, n) => {
                for _ in 0..*n {
                    self.ty(inner, depth, out);
                }
            }
            TypeKind::Map(key, value) => {
                let wanted = if deep { 0 } else { self.rng.below(4) };
                // Distinct encodings are distinct keys (the encoding is canonical).
                let mut keys: Vec<Vec<u8>> = Vec::new();
                for _ in 0..wanted {
                    let mut k = Vec::new();
                    self.ty(key, depth, &mut k);
                    if !keys.contains(&k) {
                        keys.push(k);
                    }
                }
                write::write_count(out, keys.len());
                for k in keys {
                    out.extend_from_slice(&k);
                    self.ty(value, depth, out);
                }
            }
            TypeKind::Enum(values) => {
                let value = &values[self.rng.below(values.len())];
                write::write_enum_value(out, value.value);
            }
            TypeKind::Union(members) => {
                let member = if deep {
                    members
                        .iter()
                        .min_by_key(|m| self.height(&m.ty))
                        .expect("unions have members")
                } else {
                    &members[self.rng.below(members.len())]
                };
                write::write_union_tag(out, member.tag);
                self.ty(&member.ty, depth, out);
            }
            TypeKind::Struct(fields) => {
                for field in fields {
                    self.ty(&field.ty, depth, out);
                }
            }
            TypeKind::Ref(id) => {
                let target = &self.schema.get(*id).ty;
                self.ty(target, depth + 1, out);
            }
        }
    }

    fn height(&self, ty: &Type) -> usize {
        height_of(ty, &self.heights)
    }

    fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| self.rng.next_u64() as u8).collect()
    }

    fn primitive(&mut self, p: Primitive, out: &mut Vec<u8>) {
        let bits = self.rng.next_u64();
        // Bias towards small and extreme values, where encodings change shape.
        let bits = match self.rng.below(4) {
            0 => bits % 200,
            1 => u64::MAX - bits % 3,
            _ => bits,
        };
        match p {
            Primitive::Uint => write::write_uint(out, bits),
            Primitive::Int => write::write_int(out, bits as i64),
            Primitive::U8 => write::write_u8(out, bits as u8),
            Primitive::U16 => write::write_u16(out, bits as u16),
            Primitive::U32 => write::write_u32(out, bits as u32),
            Primitive::U64 => write::write_u64(out, bits),
            Primitive::I8 => write::write_i8(out, bits as i8),
            Primitive::I16 => write::write_i16(out, bits as i16),
            Primitive::I32 => write::write_i32(out, bits as i32),
            Primitive::I64 => write::write_i64(out, bits as i64),
            Primitive::F32 => write::write_f32(out, self.float() as f32),
            Primitive::F64 => write::write_f64(out, self.float()),
            Primitive::Bool => write::write_bool(out, bits & 1 == 1),
            Primitive::Str => {
                const PIECES: &[&str] = &[
                    "",
                    "a",
                    "hi",
                    "é",
                    "€",
                    "日本",
                    "🦀",
                    "\u{0}",
                    " ",
                    "long text ",
                ];
                let text: String = (0..self.rng.below(4))
                    .map(|_| PIECES[self.rng.below(PIECES.len())])
                    .collect();
                write::write_str(out, &text);
            }
            Primitive::Void => {}
        }
    }

    fn float(&mut self) -> f64 {
        const SPECIAL: &[f64] = &[
            0.0,
            -0.0,
            1.0,
            -2.5,
            0.1,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::MAX,
            f64::MIN_POSITIVE,
        ];
        if self.rng.coin() {
            SPECIAL[self.rng.below(SPECIAL.len())]
        } else {
            let f = f64::from_bits(self.rng.next_u64());
            if f.is_nan() { 1.5 } else { f }
        }
    }
}

/// Least fixed point of "how many references deep the shortest value of
/// each named type goes" (unbounded until proven otherwise).
fn heights(schema: &Schema) -> Vec<usize> {
    let mut heights = vec![usize::MAX; schema.len()];
    loop {
        let mut changed = false;
        for id in schema.ids() {
            let h = height_of(&schema.get(id).ty, &heights);
            if h < heights[id.index()] {
                heights[id.index()] = h;
                changed = true;
            }
        }
        if !changed {
            return heights;
        }
    }
}

fn height_of(ty: &Type, heights: &[usize]) -> usize {
    match &ty.kind {
        TypeKind::Primitive(_)
        | TypeKind::Data
        | TypeKind::FixedData(_)
        | TypeKind::Enum(_)
        | TypeKind::Optional(_)
        | TypeKind::List(_)
        | TypeKind::Map(..) => 0,
        TypeKind::FixedList(inner, _) => height_of(inner, heights),
        TypeKind::Struct(fields) => fields
            .iter()
            .map(|f| height_of(&f.ty, heights))
            .max()
            .unwrap_or(0),
        TypeKind::Union(members) => members
            .iter()
            .map(|m| height_of(&m.ty, heights))
            .min()
            .unwrap_or(0),
        TypeKind::Ref(TypeId(i)) => heights[*i as usize].saturating_add(1),
    }
}
