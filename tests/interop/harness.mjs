// Interoperability harness: BARE messages through bare-ts, the reference
// TypeScript implementation, for `tests/tests/interop.rs`.
//
// The schema is compiled with @bare-ts/tools at start-up (nothing generated
// is committed), so the `.bare` file stays the single source of truth.
//
//   node harness.mjs roundtrip SCHEMA [ROOT]
//       stdin: one hex message per line. For each, decode it with bare-ts,
//       encode the result again and print `ok HEX`, or `error MESSAGE`.
//   node harness.mjs generate SCHEMA COUNT SEED [--shuffle-maps] [ROOT]
//       COUNT random values of the root type (seeded, deterministic), each
//       encoded by bare-ts and printed as `ok HEX`. Map entries are inserted
//       (so encoded) in the order of the keys' Rust `Ord`, which is the order
//       a `BTreeMap` encodes them in, unless --shuffle-maps is given.
//   node harness.mjs same SCHEMA [ROOT]
//       stdin: lines `HEX HEX`. Decode both and print `ok` if the values are
//       equal (see `difference`: maps compared regardless of order), else
//       `error MESSAGE`.
//
// ROOT defaults to the schema's only root type. Every value generated is
// decoded again and compared with the original before it is printed, so a
// harness bug shows up as an error here rather than as a verso mismatch.

import { readFileSync } from "node:fs"
import * as tools from "@bare-ts/tools"

// @bare-ts/lib 0.4 checks its arguments when NODE_ENV is "development", and
// that check wrongly refuses an infinite f32. The library reads NODE_ENV
// when it is loaded, which happens below (the generated module imports it).
process.env.NODE_ENV = "production"

// bare-ts needs its legacy mode for recursive types (and for types used
// before their definition); the schema is otherwise in the current syntax.
const CONFIG = { generator: "js", legacy: true }

function usage(message) {
    process.stderr.write(`harness: ${message}\n`)
    process.exit(2)
}

async function loadSchema(file, rootArg) {
    const source = readFileSync(file, "utf8")
    const config = tools.Config(CONFIG)
    const schema = tools.configure(tools.parse(source, config), config)
    const symbols = tools.symbols(schema)
    const roots = tools.rootAliases(schema.defs)
    let root = rootArg
    if (root == null) {
        if (roots.length !== 1) {
            usage(`the schema has ${roots.length} root types (${roots.join(", ")}): name one`)
        }
        root = roots[0]
    } else if (!roots.includes(root)) {
        usage(`${root} is not a root type of the schema (${roots.join(", ")})`)
    }
    // The generated module imports "@bare-ts/lib"; a data: URL module can
    // only import absolute URLs, so point it at this project's copy.
    const libUrl = import.meta.resolve("@bare-ts/lib")
    const code = tools
        .transform(source, CONFIG)
        .replace(/from "@bare-ts\/lib"/g, `from ${JSON.stringify(libUrl)}`)
    const module = await import(`data:text/javascript;base64,${Buffer.from(code).toString("base64")}`)
    const encode = module[`encode${root}`]
    const decode = module[`decode${root}`]
    if (typeof encode !== "function" || typeof decode !== "function") {
        usage(`bare-ts generated no encode${root}/decode${root}`)
    }
    return { schema, symbols, root, encode, decode }
}

function fromHex(hex) {
    if (!/^(?:[0-9a-f]{2})*$/.test(hex)) {
        throw new Error("not an even-length lower-case hex string")
    }
    return new Uint8Array(Buffer.from(hex, "hex"))
}

function toHex(bytes) {
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("hex")
}

function describe(error) {
    const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
    return text.replace(/\s+/g, " ")
}

function stdinLines() {
    return readFileSync(0, "utf8")
        .split("\n")
        .map((line) => line.trim())
        .filter((line) => line !== "")
}

/**
 * Where `a` and `b`, two values in bare-ts's representation, differ (a path
 * such as `.containers.byStr["x"]`), or null if they are equal. Numbers
 * compare with Object.is (NaN equals NaN, 0 and -0 differ), typed arrays
 * and ArrayBuffers by their bytes, maps regardless of entry order.
 */
function difference(a, b, path = "") {
    if (typeof a !== "object" || a === null || typeof b !== "object" || b === null) {
        return Object.is(a, b) ? null : path || "(root)"
    }
    if (a instanceof ArrayBuffer || ArrayBuffer.isView(a)) {
        const bytes = (x) =>
            x instanceof ArrayBuffer ? new Uint8Array(x) : new Uint8Array(x.buffer, x.byteOffset, x.byteLength)
        const same =
            Object.getPrototypeOf(a) === Object.getPrototypeOf(b) && Buffer.compare(bytes(a), bytes(b)) === 0
        return same ? null : path || "(root)"
    }
    if (a instanceof Map) {
        if (!(b instanceof Map) || a.size !== b.size) {
            return path || "(root)"
        }
        for (const [key, value] of a) {
            const at = `${path}[${typeof key === "bigint" ? `${key}n` : JSON.stringify(key)}]`
            if (!b.has(key)) {
                return at
            }
            const d = difference(value, b.get(key), at)
            if (d != null) {
                return d
            }
        }
        return null
    }
    if (Array.isArray(a) !== Array.isArray(b)) {
        return path || "(root)"
    }
    const keys = Object.keys(a)
    if (keys.length !== Object.keys(b).length) {
        return path || "(root)"
    }
    for (const key of keys) {
        const d = difference(a[key], b[key], Array.isArray(a) ? `${path}[${key}]` : `${path}.${key}`)
        if (d != null) {
            return d
        }
    }
    return null
}

// ---------------------------------------------------------------------------
// Seeded random values in bare-ts's representation.

// sfc32, seeded through splitmix32: small, fast and good enough for tests.
function makeRng(seed) {
    let s = seed >>> 0
    function splitmix() {
        s = (s + 0x9e3779b9) >>> 0
        let z = s
        z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0
        z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0
        return (z ^ (z >>> 16)) >>> 0
    }
    let a = splitmix()
    let b = splitmix()
    let c = splitmix()
    let d = splitmix()
    function u32() {
        const t = (((a + b) >>> 0) + d) >>> 0
        d = (d + 1) >>> 0
        a = b ^ (b >>> 9)
        b = (c + (c << 3)) >>> 0
        c = ((c << 21) | (c >>> 11)) >>> 0
        c = (c + t) >>> 0
        return t
    }
    for (let i = 0; i < 16; i++) {
        u32()
    }
    return {
        u32,
        /** An integer in 0..n (n ≤ 2³²). */
        below: (n) => Math.floor((u32() / 0x1_0000_0000) * n),
        /** True with probability num/den. */
        chance: (num, den) => Math.floor((u32() / 0x1_0000_0000) * den) < num,
        u64: () => (BigInt(u32()) << 32n) | BigInt(u32()),
        pick(items) {
            return items[Math.floor((u32() / 0x1_0000_0000) * items.length)]
        },
    }
}

// Nesting depth past which lists and maps are empty, optionals absent and
// unions take their first member (so a recursive union must list a
// non-recursive member first).
const MAX_DEPTH = 7

const UNSIGNED_EDGES = [0n, 1n, 63n, 64n, 127n, 128n, 255n, 256n, 16383n, 16384n, 65535n, 65536n]
const SIGNED_EDGES = [0n, 1n, -1n, 63n, -64n, 64n, -65n, 127n, -128n, 8191n, -8192n, 8192n, -8193n]

const INT_BITS = { u8: 8, u16: 16, u32: 32, u64: 64, uint: 64, i8: 8, i16: 16, i32: 32, i64: 64, int: 64 }
const SIGNED = new Set(["i8", "i16", "i32", "i64", "int"])

const F64_SPECIALS = [
    0, -0, 1, -1.5, 0.1, Infinity, -Infinity, NaN, Number.MAX_VALUE, -Number.MAX_VALUE,
    Number.MIN_VALUE, -Number.MIN_VALUE, 2.2250738585072014e-308, 2 ** 53, -(2 ** 63),
]
const F32_SPECIALS = [
    0, -0, 1, -1.5, 0.1, Infinity, -Infinity, NaN, 3.4028234663852886e38, -3.4028234663852886e38,
    1.401298464324817e-45, 1.1754943508222875e-38, 2 ** 24, -(2 ** 24 + 2),
].map(Math.fround)

// Code point ranges of 1-, 2-, 3- and 4-byte UTF-8, surrogates left out.
const CODE_POINT_RANGES = [
    [0x00, 0x80],
    [0x80, 0x800],
    [0x800, 0xd800],
    [0xe000, 0x10000],
    [0x10000, 0x110000],
]

class Generator {
    constructor(schema, symbols, seed, shuffleMaps) {
        this.schema = schema
        this.symbols = symbols
        this.rng = makeRng(seed)
        this.shuffleMaps = shuffleMaps
        this.depth = 0
    }

    nested(f) {
        this.depth++
        try {
            return f()
        } finally {
            this.depth--
        }
    }

    resolve(type) {
        return tools.resolveAlias(type, this.symbols)
    }

    /** A length for a str or data: mostly short, rarely over 16383 bytes. */
    length() {
        const { rng } = this
        if (rng.chance(1, 400)) {
            return 16384 + rng.below(4000)
        }
        return rng.chance(2, 3) ? rng.below(6) : rng.below(40)
    }

    /** An element count for a list or map. */
    count() {
        const { rng } = this
        if (this.depth >= MAX_DEPTH) {
            return 0
        }
        return rng.chance(1, 4) ? 0 : 1 + rng.below(this.depth < 3 ? 5 : 2)
    }

    integer(tag) {
        const { rng } = this
        const bits = INT_BITS[tag]
        const signed = SIGNED.has(tag)
        let value
        if (rng.chance(1, 5)) {
            value = rng.pick(signed ? SIGNED_EDGES : UNSIGNED_EDGES)
            if (rng.chance(1, 3)) {
                // The extremes of the type.
                value = signed
                    ? rng.pick([-(1n << BigInt(bits - 1)), (1n << BigInt(bits - 1)) - 1n])
                    : (1n << BigInt(bits)) - 1n
            }
            value = signed ? BigInt.asIntN(bits, value) : BigInt.asUintN(bits, value)
        } else {
            // Random bits at a random magnitude, for every varint length.
            const shift = BigInt(rng.below(bits))
            const raw = rng.u64()
            value = signed ? BigInt.asIntN(bits, raw) >> shift : BigInt.asUintN(bits, raw) >> shift
        }
        return value
    }

    string() {
        const { rng } = this
        const len = this.length()
        const chars = []
        const range = rng.pick(CODE_POINT_RANGES)
        for (let i = 0; i < len; i++) {
            const [lo, hi] = rng.chance(1, 2) ? range : rng.pick(CODE_POINT_RANGES)
            chars.push(String.fromCodePoint(lo + rng.below(hi - lo)))
        }
        return chars.join("")
    }

    bytes(len) {
        const out = new Uint8Array(len)
        for (let i = 0; i < len; i++) {
            out[i] = this.rng.below(256)
        }
        return out.buffer
    }

    f64() {
        const { rng } = this
        if (rng.chance(1, 5)) {
            return rng.pick(F64_SPECIALS)
        }
        const view = new DataView(new ArrayBuffer(8))
        view.setUint32(0, rng.u32())
        view.setUint32(4, rng.u32())
        const x = view.getFloat64(0)
        return Number.isNaN(x) ? NaN : x
    }

    f32() {
        const { rng } = this
        if (rng.chance(1, 5)) {
            return rng.pick(F32_SPECIALS)
        }
        const view = new DataView(new ArrayBuffer(4))
        view.setUint32(0, rng.u32())
        const x = view.getFloat32(0)
        return Number.isNaN(x) ? NaN : x
    }

    value(type) {
        const { rng } = this
        switch (type.tag) {
            case "alias":
                return this.value(this.symbols.get(type.data).type)
            case "bool":
                return rng.chance(1, 2)
            case "f32":
                return this.f32()
            case "f64":
                return this.f64()
            case "u8":
            case "u16":
            case "u32":
            case "u64":
            case "uint":
            case "i8":
            case "i16":
            case "i32":
            case "i64":
            case "int": {
                const value = this.integer(type.tag)
                return tools.typeofValue(type) === "bigint" ? value : Number(value)
            }
            case "str":
                return this.string()
            case "data":
                return this.bytes(type.data == null ? this.length() : type.data.val)
            case "void":
                return type.extra == null ? null : tools.literalVal(type.extra.literal)
            case "enum": {
                const member = rng.pick(type.data)
                return type.extra?.intEnum ? member.val : member.name
            }
            case "optional":
                if (this.depth >= MAX_DEPTH || rng.chance(1, 3)) {
                    return type.extra == null ? null : tools.literalVal(type.extra.literal)
                }
                return this.nested(() => this.value(type.types[0]))
            case "list":
                return this.list(type)
            case "map":
                return this.map(type)
            case "struct":
                if (type.extra?.class) {
                    throw new Error("class structs are not supported by this harness")
                }
                return this.nested(() => {
                    const result = {}
                    type.data.forEach((field, i) => {
                        result[field.name] = this.value(type.types[i])
                    })
                    return result
                })
            case "union":
                return this.union(type)
            default:
                throw new Error(`type ${type.tag} is not supported by this harness`)
        }
    }

    list(type) {
        const len = type.data == null ? this.count() : type.data.val
        const items = this.nested(() => Array.from({ length: len }, () => this.value(type.types[0])))
        if (type.extra?.typedArray) {
            const name = tools.FIXED_NUMERIC_TYPE_TO_TYPED_ARRAY.get(this.resolve(type.types[0]).tag)
            return new globalThis[name](items)
        }
        return items
    }

    map(type) {
        const [keyType, valType] = type.types
        const len = this.count()
        const entries = new Map()
        this.nested(() => {
            for (let i = 0; i < len; i++) {
                const key = this.value(keyType)
                entries.set(key, this.value(valType))
            }
        })
        const keys = [...entries.keys()]
        if (this.shuffleMaps) {
            for (let i = keys.length - 1; i > 0; i--) {
                const j = this.rng.below(i + 1)
                ;[keys[i], keys[j]] = [keys[j], keys[i]]
            }
        } else {
            keys.sort(this.rustOrder(this.resolve(keyType)))
        }
        return new Map(keys.map((key) => [key, entries.get(key)]))
    }

    /** The order of the keys' Rust `Ord`: the order a BTreeMap encodes. */
    rustOrder(keyType) {
        switch (keyType.tag) {
            case "str":
                // Rust compares strings by their UTF-8 bytes.
                return (a, b) => Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"))
            case "bool":
                return (a, b) => Number(a) - Number(b)
            case "enum": {
                // Generated Rust enums order variants as declared, and
                // declared values ascend.
                const valueOf = new Map(keyType.data.map((v) => [keyType.extra?.intEnum ? v.val : v.name, v.val]))
                return (a, b) => valueOf.get(a) - valueOf.get(b)
            }
            default:
                if (!(keyType.tag in INT_BITS)) {
                    throw new Error(`map key type ${keyType.tag} is not supported by this harness`)
                }
                return (a, b) => (a < b ? -1 : a > b ? 1 : 0)
        }
    }

    union(type) {
        if (type.extra?.flat) {
            throw new Error("flat unions are not supported by this harness")
        }
        const i = this.depth >= MAX_DEPTH ? 0 : this.rng.below(type.types.length)
        const member = type.types[i]
        // What bare-ts's generated reader returns: named (non-internal)
        // members are tagged by name, the others by number.
        const tag =
            member.tag === "alias" && !this.symbols.get(member.data)?.internal ? member.data : type.data[i].val
        const val = this.nested(() => this.value(member))
        return { tag, val }
    }
}

// ---------------------------------------------------------------------------

async function main() {
    const [mode, schemaFile, ...rest] = process.argv.slice(2)
    if (schemaFile == null) {
        usage("expected MODE SCHEMA …; modes: roundtrip, generate, same")
    }
    const out = []
    switch (mode) {
        case "roundtrip": {
            const { encode, decode } = await loadSchema(schemaFile, rest[0])
            for (const line of stdinLines()) {
                try {
                    out.push(`ok ${toHex(encode(decode(fromHex(line))))}`)
                } catch (e) {
                    out.push(`error ${describe(e)}`)
                }
            }
            break
        }
        case "generate": {
            const shuffleMaps = rest.includes("--shuffle-maps")
            const [countArg, seedArg, rootArg] = rest.filter((a) => a !== "--shuffle-maps")
            const count = Number(countArg)
            const seed = Number(seedArg)
            if (!Number.isSafeInteger(count) || count < 0 || !Number.isSafeInteger(seed)) {
                usage("generate needs COUNT and SEED (integers)")
            }
            const { schema, symbols, root, encode, decode } = await loadSchema(schemaFile, rootArg)
            const generator = new Generator(schema, symbols, seed, shuffleMaps)
            for (let i = 0; i < count; i++) {
                const value = generator.value({ tag: "alias", data: root })
                const bytes = encode(value)
                const back = decode(bytes)
                const d = difference(value, back)
                if (d != null) {
                    throw new Error(`value ${i} does not survive a bare-ts round trip: it differs at ${d}`)
                }
                out.push(`ok ${toHex(bytes)}`)
            }
            break
        }
        case "same": {
            const { decode } = await loadSchema(schemaFile, rest[0])
            for (const line of stdinLines()) {
                try {
                    const [a, b] = line.split(" ")
                    const d = difference(decode(fromHex(a)), decode(fromHex(b)))
                    out.push(d == null ? "ok" : `error the two messages decode to values that differ at ${d}`)
                } catch (e) {
                    out.push(`error ${describe(e)}`)
                }
            }
            break
        }
        default:
            usage(`unknown mode ${mode}; modes: roundtrip, generate, same`)
    }
    out.push("")
    process.stdout.write(out.join("\n"))
}

main().catch((e) => {
    process.stderr.write(`harness: ${e instanceof Error ? e.stack : e}\n`)
    process.exit(1)
})
