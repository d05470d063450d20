//! Interoperability with bare-ts, the independent reference TypeScript
//! implementation of BARE (@bare-ts/tools 0.16.0 and @bare-ts/lib 0.4.1,
//! pinned in `tests/interop/package.json`), on the schema
//! `tests/schemas/interop/v1.bare`, which has every BARE type.
//!
//! 1. verso → bare-ts: random values built here are encoded by verso;
//!    bare-ts decodes and re-encodes each, and must give back the same bytes,
//!    which verso must decode to a value equal to the original.
//! 2. bare-ts → verso: bare-ts generates and encodes random values (seeded);
//!    verso must decode each and re-encode the same bytes. bare-ts encodes a
//!    map in its entries' insertion order and verso (a `BTreeMap`) in key
//!    order, so the harness inserts keys in the order of their Rust `Ord`
//!    (UTF-8 bytes for strings, declaration order for enums) and the bytes
//!    compare exactly.
//! 3. Unsorted maps: bare-ts generates values with map entries in random
//!    order; verso must accept them and its (sorted) re-encoding must decode
//!    in bare-ts to an equal value, maps compared regardless of order.
//!
//! Floats include infinities, zeros of both signs and subnormals; the only
//! NaN generated on either side is the canonical quiet NaN (bare-ts does
//! not promise to keep NaN payloads). Values that hold a NaN are compared
//! through `Debug` as well as `PartialEq`; bytes are always compared
//! exactly.
//!
//! The test needs Node.js 20 or later: without `node` it prints a `SKIP:`
//! line and passes. When `tests/interop/node_modules` is missing or holds
//! other versions than the pinned ones it runs `npm ci` there first. Set
//! `VERSO_INTEROP_SEED` to try other random values; a failure names the
//! seed, and writes every mismatch in full to a file it names.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{ErrorKind, Write as _};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use verso_tests::interop::v1::*;
use verso_tests::rng::Rng;

/// Values built in Rust and sent through bare-ts.
const VERSO_TO_BARE_TS: usize = 500;
/// Values built and encoded by bare-ts, decoded by verso.
const BARE_TS_TO_VERSO: usize = 500;
/// Values built by bare-ts with map entries in random order.
const UNSORTED_MAPS: usize = 100;
const DEFAULT_SEED: u64 = 0x5EED_0B0E;
/// Every this many verso-built values, one gets a `str` and a `data` longer
/// than 16383 bytes (a three-byte length prefix).
const LONG_EVERY: usize = 25;

fn tests_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_owned()
}

fn harness_dir() -> PathBuf {
    tests_dir().join("interop")
}

fn schema_path() -> String {
    tests_dir()
        .join("schemas/interop/v1.bare")
        .display()
        .to_string()
}

// ---------------------------------------------------------------------------
// Node.js and the harness.

/// `Some(reason)` when Node.js cannot run the harness here.
fn node_missing() -> Option<String> {
    match Command::new("node").arg("--version").output() {
        Err(e) if e.kind() == ErrorKind::NotFound => Some("node not found".to_owned()),
        Err(e) => panic!("cannot run `node --version`: {e}"),
        Ok(out) => {
            let version = String::from_utf8_lossy(&out.stdout).trim().to_owned();
            let major: Option<u32> = version
                .strip_prefix('v')
                .and_then(|v| v.split('.').next())
                .and_then(|v| v.parse().ok());
            match major {
                Some(major) if out.status.success() && major >= 20 => None,
                _ => Some(format!("node {version:?} is not Node.js 20 or later")),
            }
        }
    }
}

/// The pinned dependencies of the harness whose installed version differs.
fn stale_dependencies(dir: &Path) -> Vec<String> {
    let package: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("package.json")).unwrap())
            .expect("tests/interop/package.json is JSON");
    let deps = package["dependencies"]
        .as_object()
        .expect("package.json has dependencies");
    deps.iter()
        .filter(|(name, pinned)| {
            let installed =
                std::fs::read_to_string(dir.join("node_modules").join(name).join("package.json"))
                    .ok()
                    .and_then(|text| serde_json::from_str::<serde_json::Value>(&text).ok());
            installed.as_ref().map(|p| &p["version"]) != Some(*pinned)
        })
        .map(|(name, pinned)| format!("{name}@{}", pinned.as_str().unwrap_or("?")))
        .collect()
}

/// Installs the harness's pinned dependencies with `npm ci` unless they
/// already are.
fn ensure_dependencies() {
    let dir = harness_dir();
    let stale = stale_dependencies(&dir);
    if stale.is_empty() {
        return;
    }
    println!(
        "interop: installing {} with `npm ci` in {}",
        stale.join(", "),
        dir.display()
    );
    let out = Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund"])
        .current_dir(&dir)
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "node is installed but `npm` cannot be run ({e}); install npm, or run `npm ci` in {} by hand",
                dir.display()
            )
        });
    assert!(
        out.status.success(),
        "`npm ci` in {} failed ({}); the interop tests need @bare-ts/tools and @bare-ts/lib from the npm registry.\n\
         --- stdout ---\n{}\n--- stderr ---\n{}",
        dir.display(),
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    let stale = stale_dependencies(&dir);
    assert!(
        stale.is_empty(),
        "`npm ci` did not install {}",
        stale.join(", ")
    );
}

/// Runs `node harness.mjs ARGS…` with `input` on stdin; its output lines.
fn harness(args: &[&str], input: String) -> Vec<String> {
    let mut child = Command::new("node")
        .arg("harness.mjs")
        .args(args)
        .current_dir(harness_dir())
        // @bare-ts/lib's development checks refuse an infinite f32.
        .env("NODE_ENV", "production")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run node");
    let mut stdin = child.stdin.take().unwrap();
    // Write from another thread: the harness answers while it reads.
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child.wait_with_output().expect("wait for node");
    let written = writer.join().unwrap();
    assert!(
        out.status.success(),
        "`node harness.mjs {}` failed ({}):\n{}",
        args.join(" "),
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    written.expect("write to the harness");
    String::from_utf8(out.stdout)
        .expect("the harness prints UTF-8")
        .lines()
        .map(str::to_owned)
        .collect()
}

/// The bytes of an `ok HEX` line, or the text of an `error …` line.
fn reply(line: &str) -> Result<Vec<u8>, String> {
    match line.split_once(' ') {
        Some(("ok", hex)) => Ok(from_hex(hex)),
        Some(("error", message)) => Err(message.to_owned()),
        _ => panic!("unexpected line from the harness: {line:?}"),
    }
}

fn to_hex(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        write!(s, "{b:02x}").unwrap();
    }
    s
}

fn from_hex(hex: &str) -> Vec<u8> {
    assert!(hex.len() % 2 == 0, "odd-length hex from the harness");
    (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).expect("hex from the harness"))
        .collect()
}

// ---------------------------------------------------------------------------
// Failures.

#[derive(Default)]
struct Failures {
    /// One line each.
    summaries: Vec<String>,
    /// Everything known, for the report file.
    details: String,
}

impl Failures {
    fn add(&mut self, summary: String, detail: String) {
        self.summaries.push(summary.clone());
        writeln!(self.details, "=== {summary}\n{detail}\n").unwrap();
    }

    fn check(self, seed: u64) {
        if self.summaries.is_empty() {
            return;
        }
        let file = Path::new(env!("CARGO_TARGET_TMPDIR")).join("interop-failures.txt");
        std::fs::write(&file, &self.details).unwrap();
        let shown: Vec<&str> = self.summaries.iter().take(10).map(String::as_str).collect();
        panic!(
            "{} interop failure(s) with VERSO_INTEROP_SEED={seed}; values and bytes in full: {}\n{}",
            self.summaries.len(),
            file.display(),
            shown.join("\n")
        );
    }
}

fn first_difference(a: &[u8], b: &[u8]) -> usize {
    a.iter().zip(b).take_while(|(x, y)| x == y).count()
}

/// Equal, or both hold NaN where the other does (which `PartialEq` denies)
/// and are otherwise alike.
fn same(a: &Message, b: &Message) -> bool {
    a == b || format!("{a:?}") == format!("{b:?}")
}

// ---------------------------------------------------------------------------
// Random values of the interop types.

/// Nesting depth past which lists and maps are empty, optionals absent and
/// recursive unions take their leaf member.
const MAX_DEPTH: usize = 6;

struct Gen {
    rng: Rng,
    depth: usize,
}

impl Gen {
    fn new(seed: u64) -> Self {
        Gen {
            rng: Rng::new(seed),
            depth: 0,
        }
    }

    fn below(&mut self, n: usize) -> usize {
        self.rng.below(n)
    }

    /// True with probability `num`/`den`.
    fn chance(&mut self, num: usize, den: usize) -> bool {
        self.below(den) < num
    }

    fn pick<T: Clone>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())].clone()
    }

    fn nested<T>(&mut self, f: impl FnOnce(&mut Self) -> T) -> T {
        self.depth += 1;
        let value = f(self);
        self.depth -= 1;
        value
    }

    /// An unsigned integer of `bits` bits: edge cases, or random bits at a
    /// random magnitude (so every varint length turns up).
    fn unsigned(&mut self, bits: u32) -> u64 {
        let max = u64::MAX >> (64 - bits);
        if self.chance(1, 5) {
            let edges = [
                0,
                1,
                63,
                64,
                127,
                128,
                255,
                256,
                16383,
                16384,
                65535,
                65536,
                u64::MAX,
            ];
            self.pick(&edges).min(max)
        } else {
            (self.rng.next_u64() & max) >> self.below(bits as usize)
        }
    }

    fn signed(&mut self, bits: u32) -> i64 {
        let (min, max) = (i64::MIN >> (64 - bits), i64::MAX >> (64 - bits));
        if self.chance(1, 5) {
            let edges = [
                0,
                1,
                -1,
                63,
                -64,
                64,
                -65,
                127,
                -128,
                8191,
                -8192,
                8192,
                -8193,
                i64::MIN,
                i64::MAX,
            ];
            self.pick(&edges).clamp(min, max)
        } else {
            (self.rng.next_u64() as i64) >> (64 - bits + self.below(bits as usize) as u32)
        }
    }

    fn u8(&mut self) -> u8 {
        self.unsigned(8) as u8
    }
    fn u16(&mut self) -> u16 {
        self.unsigned(16) as u16
    }
    fn u32(&mut self) -> u32 {
        self.unsigned(32) as u32
    }
    fn u64(&mut self) -> u64 {
        self.unsigned(64)
    }
    fn i8(&mut self) -> i8 {
        self.signed(8) as i8
    }
    fn i16(&mut self) -> i16 {
        self.signed(16) as i16
    }
    fn i32(&mut self) -> i32 {
        self.signed(32) as i32
    }
    fn i64(&mut self) -> i64 {
        self.signed(64)
    }

    fn f32(&mut self) -> f32 {
        if self.chance(1, 5) {
            let specials = [
                0.0,
                -0.0,
                1.0,
                -1.5,
                0.1,
                f32::INFINITY,
                f32::NEG_INFINITY,
                f32::NAN,
                f32::MAX,
                f32::MIN,
                f32::MIN_POSITIVE,
                f32::from_bits(1),
                -f32::from_bits(0x007f_ffff),
            ];
            return self.pick(&specials);
        }
        let x = f32::from_bits(self.rng.next_u64() as u32);
        if x.is_nan() { f32::NAN } else { x }
    }

    fn f64(&mut self) -> f64 {
        if self.chance(1, 5) {
            let specials = [
                0.0,
                -0.0,
                1.0,
                -1.5,
                0.1,
                f64::INFINITY,
                f64::NEG_INFINITY,
                f64::NAN,
                f64::MAX,
                f64::MIN,
                f64::MIN_POSITIVE,
                f64::from_bits(1),
                -f64::from_bits(0x000f_ffff_ffff_ffff),
                9_007_199_254_740_992.0,
            ];
            return self.pick(&specials);
        }
        let x = f64::from_bits(self.rng.next_u64());
        if x.is_nan() { f64::NAN } else { x }
    }

    /// A byte length for `str` or `data`: mostly short, rarely over 16383.
    fn length(&mut self) -> usize {
        if self.chance(1, 400) {
            16384 + self.below(4000)
        } else if self.chance(2, 3) {
            self.below(6)
        } else {
            self.below(40)
        }
    }

    /// An element count for a list or map.
    fn count(&mut self) -> usize {
        if self.depth >= MAX_DEPTH || self.chance(1, 4) {
            0
        } else {
            1 + self.below(if self.depth < 3 { 5 } else { 2 })
        }
    }

    fn char(&mut self, range: (u32, u32)) -> char {
        let (lo, hi) = range;
        char::from_u32(lo + self.below((hi - lo) as usize) as u32)
            .expect("no surrogates in the ranges")
    }

    /// Text with 1-, 2-, 3- and 4-byte UTF-8 characters (NUL included).
    fn string_of(&mut self, len: usize) -> String {
        const RANGES: [(u32, u32); 5] = [
            (0, 0x80),
            (0x80, 0x800),
            (0x800, 0xD800),
            (0xE000, 0x1_0000),
            (0x1_0000, 0x11_0000),
        ];
        let main = self.pick(&RANGES);
        (0..len)
            .map(|_| {
                let range = if self.chance(1, 2) {
                    main
                } else {
                    self.pick(&RANGES)
                };
                self.char(range)
            })
            .collect()
    }

    fn string(&mut self) -> String {
        let len = self.length();
        self.string_of(len)
    }

    fn bytes(&mut self, len: usize) -> Vec<u8> {
        (0..len).map(|_| self.rng.next_u64() as u8).collect()
    }

    fn data(&mut self) -> Vec<u8> {
        let len = self.length();
        self.bytes(len)
    }

    fn fixed<const N: usize>(&mut self) -> [u8; N] {
        std::array::from_fn(|_| self.rng.next_u64() as u8)
    }

    fn list<T>(&mut self, mut item: impl FnMut(&mut Self) -> T) -> Vec<T> {
        let n = self.count();
        self.nested(|g| (0..n).map(|_| item(g)).collect())
    }

    fn array<T, const N: usize>(&mut self, mut item: impl FnMut(&mut Self) -> T) -> [T; N] {
        self.nested(|g| std::array::from_fn(|_| item(g)))
    }

    fn map<K: Ord, V>(
        &mut self,
        mut key: impl FnMut(&mut Self) -> K,
        mut value: impl FnMut(&mut Self) -> V,
    ) -> BTreeMap<K, V> {
        let n = self.count();
        self.nested(|g| (0..n).map(|_| (key(g), value(g))).collect())
    }

    fn optional<T>(&mut self, value: impl FnOnce(&mut Self) -> T) -> Option<T> {
        if self.depth >= MAX_DEPTH || self.chance(1, 3) {
            None
        } else {
            Some(self.nested(value))
        }
    }

    fn bool(&mut self) -> bool {
        self.rng.coin()
    }

    fn suit(&mut self) -> Suit {
        self.pick(&[
            Suit::Clubs,
            Suit::Diamonds,
            Suit::Hearts,
            Suit::Spades,
            Suit::Joker,
        ])
    }

    fn point(&mut self) -> Point {
        Point {
            x: self.i32(),
            y: self.i32(),
        }
    }

    fn scalars(&mut self) -> Scalars {
        Scalars {
            u: self.u64(),
            i: self.i64(),
            a: self.u8(),
            b: self.u16(),
            c: self.u32(),
            d: self.u64(),
            e: self.i8(),
            f: self.i16(),
            g: self.i32(),
            h: self.i64(),
            x: self.f32(),
            y: self.f64(),
            flag: self.bool(),
            text: self.string(),
            blob: self.data(),
            byte: self.fixed(),
            digest: self.fixed(),
            id: self.u64(),
        }
    }

    fn shape(&mut self) -> Shape {
        let choice = self.below(7);
        self.nested(|g| match choice {
            0 => Shape::Point(g.point()),
            1 => Shape::Scalars(g.scalars()),
            2 => Shape::Nothing,
            3 => Shape::Label(g.string()),
            4 => Shape::Count(g.u64()),
            5 => Shape::Suit(g.suit()),
            _ => Shape::Path(g.list(Self::point)),
        })
    }

    fn primitive(&mut self) -> Primitive {
        let choice = self.below(6);
        self.nested(|g| match choice {
            0 => Primitive::Void,
            1 => Primitive::Str(g.string()),
            2 => Primitive::Uint(g.u64()),
            3 => Primitive::ListPoint(g.list(Self::point)),
            4 => Primitive::OptionalI8(g.optional(Self::i8)),
            _ => Primitive::MapU8Bool(g.map(Self::u8, Self::bool)),
        })
    }

    fn containers(&mut self) -> Containers {
        Containers {
            ids: self.list(Self::u64),
            names: self.list(Self::string),
            bytes: self.list(Self::u8),
            floats: self.list(Self::f64),
            flags: self.list(Self::bool),
            maybe_number: self.optional(Self::u32),
            maybe_text: self.optional(Self::string),
            maybe_blob: self.optional(Self::data),
            maybe_point: self.optional(Self::point),
            maybe_shape: self.optional(Self::shape),
            maybe_list: self.list(|g| g.optional(Self::i64)),
            triple: self.array(Self::i16),
            wide: self.array(Self::u64),
            pair: self.array(Self::point),
            grid: self.list(|g| g.array(Self::u8)),
            table: self.list(|g| g.list(Self::string)),
            shapes: self.list(Self::shape),
            primitives: self.list(Self::primitive),
            by_u8: self.map(Self::u8, Self::string),
            by_u16: self.map(Self::u16, Self::u8),
            by_u32: self.map(Self::u32, Self::point),
            by_u64: self.map(Self::u64, Self::bool),
            by_i8: self.map(Self::i8, Self::i8),
            by_i16: self.map(Self::i16, Self::f64),
            by_i32: self.map(Self::i32, Self::data),
            by_i64: self.map(Self::i64, |g| g.optional(Self::string)),
            by_uint: self.map(Self::u64, |g| g.list(Self::u64)),
            by_int: self.map(Self::i64, Self::i64),
            by_bool: self.map(Self::bool, Self::suit),
            by_str: self.map(Self::string, Self::shape),
            by_suit: self.map(Self::suit, Self::fixed),
            by_label: self.map(Self::string, Self::primitive),
            nested: self.map(Self::string, |g| g.map(Self::i8, |g| g.list(Self::string))),
        }
    }

    fn inline(&mut self) -> Inline {
        let kind = self.pick(&[InlineKind::Small, InlineKind::Medium, InlineKind::Large]);
        let choice = match self.below(4) {
            0 => InlineChoice::U8(self.u8()),
            1 => InlineChoice::Str(self.string()),
            2 => InlineChoice::Void,
            _ => InlineChoice::Struct5(InlineChoiceStruct5 { flag: self.bool() }),
        };
        Inline {
            kind,
            extent: InlineExtent {
                width: self.f32(),
                height: self.f32(),
            },
            choice,
            items: self.list(|g| InlineItemsItem {
                id: g.u64(),
                label: g.optional(Self::string),
            }),
            nested: self.optional(|g| InlineNested {
                deep: InlineNestedDeep { value: g.i64() },
            }),
        }
    }

    fn tree(&mut self) -> Tree {
        Tree {
            value: self.i32(),
            children: self.list(Self::tree),
        }
    }

    fn chain(&mut self) -> Chain {
        Chain {
            value: self.u64(),
            next: self.optional(|g| Box::new(g.chain())),
        }
    }

    fn expr(&mut self) -> Expr {
        if self.depth >= MAX_DEPTH || self.chance(1, 2) {
            Expr::Literal(Literal { value: self.i64() })
        } else {
            self.nested(|g| {
                Expr::Sum(Sum {
                    left: Box::new(g.expr()),
                    right: Box::new(g.expr()),
                })
            })
        }
    }

    fn message(&mut self) -> Message {
        Message {
            scalars: self.scalars(),
            suit: self.suit(),
            shape: self.shape(),
            primitive: self.primitive(),
            containers: self.containers(),
            inline: self.inline(),
            tree: self.tree(),
            chain: self.chain(),
            expr: self.expr(),
        }
    }
}

/// The `index`th value of the verso → bare-ts run.
fn rust_value(seed: u64, index: usize) -> Message {
    let mut g = Gen::new(seed ^ (index as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15));
    let mut message = g.message();
    if index % LONG_EVERY == 0 {
        let len = 16384 + g.below(2000);
        message.scalars.text = g.string_of(len);
        message.scalars.blob = g.bytes(len);
    }
    message
}

// ---------------------------------------------------------------------------

/// verso → bare-ts → verso. Returns how many values passed.
fn verso_to_bare_ts(seed: u64, schema: &str, failures: &mut Failures) -> usize {
    let values: Vec<Message> = (0..VERSO_TO_BARE_TS).map(|i| rust_value(seed, i)).collect();
    let encoded: Vec<Vec<u8>> = values.iter().map(verso::to_vec).collect();
    let input: String = encoded.iter().map(|bytes| to_hex(bytes) + "\n").collect();
    let replies = harness(&["roundtrip", schema], input);
    assert_eq!(replies.len(), values.len(), "one reply per message");
    let mut ok = 0;
    for (i, ((value, ours), line)) in values.iter().zip(&encoded).zip(&replies).enumerate() {
        let context = || format!("value:\n{value:?}\nverso:   {}", to_hex(ours));
        match reply(line) {
            Err(message) => failures.add(
                format!("verso→bare-ts #{i}: bare-ts rejects verso's encoding: {message}"),
                context(),
            ),
            Ok(theirs) if theirs != *ours => failures.add(
                format!(
                    "verso→bare-ts #{i}: bare-ts re-encodes differently from byte {} (verso {} bytes, bare-ts {})",
                    first_difference(ours, &theirs),
                    ours.len(),
                    theirs.len()
                ),
                format!("{}\nbare-ts: {}", context(), to_hex(&theirs)),
            ),
            Ok(theirs) => match verso::from_slice::<Message>(&theirs) {
                Err(e) => failures.add(
                    format!("verso→bare-ts #{i}: verso rejects bare-ts's re-encoding: {e}"),
                    context(),
                ),
                Ok(back) if !same(&back, value) || verso::to_vec(&back) != *ours => failures.add(
                    format!("verso→bare-ts #{i}: decodes to a different value"),
                    format!("{}\ndecoded:\n{back:?}", context()),
                ),
                Ok(_) => ok += 1,
            },
        }
    }
    ok
}

/// bare-ts → verso. Returns how many values passed.
fn bare_ts_to_verso(seed: u64, schema: &str, failures: &mut Failures) -> usize {
    let count = BARE_TS_TO_VERSO.to_string();
    let seed = (seed as u32).to_string();
    let replies = harness(&["generate", schema, &count, &seed], String::new());
    assert_eq!(
        replies.len(),
        BARE_TS_TO_VERSO,
        "one message per value asked for"
    );
    let mut ok = 0;
    for (i, line) in replies.iter().enumerate() {
        let theirs = reply(line)
            .unwrap_or_else(|e| panic!("the harness failed to generate value #{i}: {e}"));
        match verso::from_slice::<Message>(&theirs) {
            Err(e) => failures.add(
                format!("bare-ts→verso #{i}: verso rejects bare-ts's encoding: {e}"),
                format!("bare-ts: {}", to_hex(&theirs)),
            ),
            Ok(value) => {
                let ours = verso::to_vec(&value);
                if ours == theirs {
                    ok += 1;
                } else {
                    failures.add(
                        format!(
                            "bare-ts→verso #{i}: verso re-encodes differently from byte {} (bare-ts {} bytes, verso {})",
                            first_difference(&ours, &theirs),
                            theirs.len(),
                            ours.len()
                        ),
                        format!("value:\n{value:?}\nbare-ts: {}\nverso:   {}", to_hex(&theirs), to_hex(&ours)),
                    );
                }
            }
        }
    }
    ok
}

/// bare-ts → verso with map entries in random order: verso must accept
/// them, and its canonical re-encoding must mean the same to bare-ts.
/// Returns how many values passed and how many verso re-ordered.
fn unsorted_maps(seed: u64, schema: &str, failures: &mut Failures) -> (usize, usize) {
    let count = UNSORTED_MAPS.to_string();
    let seed = ((seed as u32) ^ 0xFFFF).to_string();
    let replies = harness(
        &["generate", schema, &count, &seed, "--shuffle-maps"],
        String::new(),
    );
    assert_eq!(
        replies.len(),
        UNSORTED_MAPS,
        "one message per value asked for"
    );
    let mut pairs = Vec::new();
    for (i, line) in replies.iter().enumerate() {
        let theirs = reply(line)
            .unwrap_or_else(|e| panic!("the harness failed to generate value #{i}: {e}"));
        match verso::from_slice::<Message>(&theirs) {
            Err(e) => failures.add(
                format!("unsorted maps #{i}: verso rejects bare-ts's encoding: {e}"),
                format!("bare-ts: {}", to_hex(&theirs)),
            ),
            Ok(value) => pairs.push((i, theirs, verso::to_vec(&value))),
        }
    }
    let input: String = pairs
        .iter()
        .map(|(_, theirs, ours)| format!("{} {}\n", to_hex(theirs), to_hex(ours)))
        .collect();
    let verdicts = harness(&["same", schema], input);
    assert_eq!(verdicts.len(), pairs.len(), "one verdict per pair");
    let mut ok = 0;
    let mut reordered = 0;
    for ((i, theirs, ours), verdict) in pairs.iter().zip(&verdicts) {
        if verdict == "ok" {
            ok += 1;
            reordered += usize::from(theirs != ours);
        } else {
            failures.add(
                format!("unsorted maps #{i}: verso's re-encoding means something else to bare-ts: {verdict}"),
                format!("bare-ts: {}\nverso:   {}", to_hex(theirs), to_hex(ours)),
            );
        }
    }
    (ok, reordered)
}

#[test]
fn verso_and_bare_ts_agree() {
    if let Some(reason) = node_missing() {
        println!("SKIP: {reason}; interop tests not run");
        return;
    }
    ensure_dependencies();
    let seed = match std::env::var("VERSO_INTEROP_SEED") {
        Ok(s) => s.parse().expect("VERSO_INTEROP_SEED is a u64"),
        Err(_) => DEFAULT_SEED,
    };
    let schema = schema_path();
    let mut failures = Failures::default();
    let to_bare_ts = verso_to_bare_ts(seed, &schema, &mut failures);
    let to_verso = bare_ts_to_verso(seed, &schema, &mut failures);
    let (unsorted, reordered) = unsorted_maps(seed, &schema, &mut failures);
    println!(
        "interop: {to_bare_ts} verso→bare-ts ok, {to_verso} bare-ts→verso ok, \
         {unsorted} bare-ts→verso with unsorted maps ok ({reordered} re-sorted by verso); seed {seed}"
    );
    failures.check(seed);
    assert_eq!(
        (to_bare_ts, to_verso, unsorted),
        (VERSO_TO_BARE_TS, BARE_TS_TO_VERSO, UNSORTED_MAPS)
    );
    assert!(
        reordered > 0,
        "no generated message had its maps out of order"
    );
}
