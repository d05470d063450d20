//! Valid BARE messages for any type of a checked schema, built from the IR
//! alone (no generated code involved), so generated decoders can be tested
//! against every shape the schema allows. The walk is one; where its
//! decisions come from is a [`Source`]: a seeded [`Rng`] for the tests, the
//! fuzzer's bytes for the `roundtrip` fuzz target.

use verso::write;
use verso_codegen::ir::Primitive;
use verso_codegen::ir::{Schema, Type, TypeKind};

use crate::rng::Rng;

/// Where a message's decisions come from, and the values it picks.
pub trait Source {
    /// How many references deep recursive types go before the walk steers
    /// to the shortest way out (empty lists, absent optionals, the
    /// shallowest union member).
    const MAX_DEPTH: usize;
    /// A number below `n` (`n` > 0).
    fn below(&mut self, n: usize) -> usize;
    /// A coin flip.
    fn coin(&mut self) -> bool;
    /// A byte of `data`.
    fn byte(&mut self) -> u8;
    /// The bits of an integer value (truncated to its width).
    fn bits(&mut self) -> u64;
    /// An `f64` (an `f32` is its rounding).
    fn float(&mut self) -> f64;
    /// A `str`.
    fn text(&mut self) -> String;
    /// How many elements a list or map gets.
    fn count(&mut self) -> usize;
}

/// A random valid encoding of the named type `name` of `schema`.
///
/// Floats are finite or infinite but never NaN, so decoded values compare
/// equal with `PartialEq`.
pub fn message(schema: &Schema, name: &str, seed: u64) -> Vec<u8> {
    message_from(schema, name, &mut Rng::new(seed))
}

/// A valid encoding of the named type `name` of `schema`, with every
/// decision taken from `source`.
pub fn message_from(schema: &Schema, name: &str, source: &mut impl Source) -> Vec<u8> {
    let id = schema
        .lookup(name)
        .unwrap_or_else(|| panic!("no type {name} in the schema"));
    let mut generator = Generator {
        schema,
        source,
        heights: heights(schema),
    };
    let mut out = Vec::new();
    generator.ty(&schema.get(id).ty, 0, &mut out);
    out
}

/// The tests' source: seeded, biased towards small and extreme values
/// (where encodings change shape), floats without NaN.
impl Source for Rng {
    const MAX_DEPTH: usize = 4;

    fn below(&mut self, n: usize) -> usize {
        Rng::below(self, n)
    }

    fn coin(&mut self) -> bool {
        Rng::coin(self)
    }

    fn byte(&mut self) -> u8 {
        self.next_u64() as u8
    }

    fn bits(&mut self) -> u64 {
        let bits = self.next_u64();
        match Rng::below(self, 4) {
            0 => bits % 200,
            1 => u64::MAX - bits % 3,
            _ => bits,
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
        if Rng::coin(self) {
            SPECIAL[Rng::below(self, SPECIAL.len())]
        } else {
            let f = f64::from_bits(self.next_u64());
            if f.is_nan() { 1.5 } else { f }
        }
    }

    fn text(&mut self) -> String {
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
        (0..Rng::below(self, 4))
            .map(|_| PIECES[Rng::below(self, PIECES.len())])
            .collect()
    }

    fn count(&mut self) -> usize {
        Rng::below(self, 4)
    }
}

struct Generator<'a, S> {
    schema: &'a Schema,
    source: &'a mut S,
    /// For each named type, how many references deep its shortest value goes.
    heights: Vec<usize>,
}

impl<S: Source> Generator<'_, S> {
    fn ty(&mut self, ty: &Type, depth: usize, out: &mut Vec<u8>) {
        let deep = depth >= S::MAX_DEPTH;
        match &ty.kind {
            TypeKind::Primitive(p) => self.primitive(*p, out),
            TypeKind::Data => {
                let len = if deep { 0 } else { self.source.count() };
                let bytes = self.bytes(len);
                write::write_data(out, &bytes);
            }
            TypeKind::FixedData(n) => {
                let bytes = self.bytes(*n as usize);
                write::write_fixed_data(out, &bytes);
            }
            TypeKind::Optional(inner) => {
                let present = !deep && self.source.coin();
                write::write_optional_tag(out, present);
                if present {
                    self.ty(inner, depth, out);
                }
            }
            TypeKind::List(inner) => {
                let count = if deep { 0 } else { self.source.count() };
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
                let wanted = if deep { 0 } else { self.source.count() };
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
                let value = &values[self.source.below(values.len())];
                write::write_enum_value(out, value.value);
            }
            TypeKind::Union(members) => {
                let member = if deep {
                    members
                        .iter()
                        .min_by_key(|m| self.height(&m.ty))
                        .expect("unions have members")
                } else {
                    &members[self.source.below(members.len())]
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
        (0..n).map(|_| self.source.byte()).collect()
    }

    fn primitive(&mut self, p: Primitive, out: &mut Vec<u8>) {
        match p {
            Primitive::Uint => write::write_uint(out, self.source.bits()),
            Primitive::Int => write::write_int(out, self.source.bits() as i64),
            Primitive::U8 => write::write_u8(out, self.source.bits() as u8),
            Primitive::U16 => write::write_u16(out, self.source.bits() as u16),
            Primitive::U32 => write::write_u32(out, self.source.bits() as u32),
            Primitive::U64 => write::write_u64(out, self.source.bits()),
            Primitive::I8 => write::write_i8(out, self.source.bits() as i8),
            Primitive::I16 => write::write_i16(out, self.source.bits() as i16),
            Primitive::I32 => write::write_i32(out, self.source.bits() as i32),
            Primitive::I64 => write::write_i64(out, self.source.bits() as i64),
            Primitive::F32 => write::write_f32(out, self.source.float() as f32),
            Primitive::F64 => write::write_f64(out, self.source.float()),
            Primitive::Bool => write::write_bool(out, self.source.coin()),
            Primitive::Str => write::write_str(out, &self.source.text()),
            Primitive::Void => {}
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
        TypeKind::Ref(id) => heights[id.index()].saturating_add(1),
    }
}
