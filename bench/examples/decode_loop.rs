//! Decodes one workload's bytes in a loop with one codec, for counting
//! instructions with callgrind, which (unlike wall time on a shared 2-core
//! machine) repeats exactly:
//!
//! ```text
//! cargo build --release -p verso-bench --example decode_loop
//! valgrind --tool=callgrind target/release/examples/decode_loop W2 verso 20
//! ```
//!
//! Run it with 0 iterations too and subtract, to leave out the setup.
//! With `ENCODE=1` set, it counts encoding instead. `CODEC` is a peer
//! row's name, or `verso (bytes)` for W2 and W4 decoded with
//! `verso::from_bytes` into the `Config::bytes(true)` types.

use std::hint::black_box;

use verso_bench::codecs::{self, Codec, CodecVisitor, Values};
use verso_bench::verso_bytes_types as shared;
use verso_bench::workloads::{self, Workload, WorkloadVisitor};

struct Loop {
    workload: String,
    codec: String,
    iterations: usize,
    /// Count encoding instead (`ENCODE=1` in the environment).
    encode: bool,
    ran: bool,
}

impl WorkloadVisitor for Loop {
    fn workload<W: Workload>(&mut self) {
        if W::ID != self.workload {
            return;
        }
        let values = Values::<W>::new();
        if let Err(e) = codecs::visit_codecs(&values, self) {
            panic!("{e}");
        }
    }
}

impl CodecVisitor for Loop {
    fn codec<C: Codec>(&mut self, codec: &C, value: &C::Value, _canon: &C::Canon) {
        if codec.name() != self.codec {
            return;
        }
        let bytes = codec.encode(value).expect("encodes");
        // As in the benchmark: a codec that takes a `Bytes` gets one made
        // once, beforehand.
        let shared = vbare::Bytes::from(bytes.clone());
        // Each loop on its own, so the counted one holds nothing else.
        if self.encode {
            for _ in 0..self.iterations {
                black_box(codec.encode(black_box(value)).expect("encodes"));
            }
            self.ran = true;
            return;
        }
        for _ in 0..self.iterations {
            let decoded = match codec.takes_bytes() {
                true => codec.decode_bytes(black_box(&shared)),
                false => codec.decode(black_box(&bytes)),
            };
            black_box(decoded.expect("decodes"));
        }
        self.ran = true;
    }

    fn memcpy(&mut self, _bytes: &[u8]) {}
}

/// The `Config::bytes(true)` decode (not a peer row: `benches/bytes.rs`
/// times it), counted the same way: each call decodes from a clone of one
/// `Bytes`, as a caller holding the frame would.
fn shared_loop<W: Workload, S: verso::Decode>(iterations: usize) {
    let input = bytes::Bytes::from(verso::to_vec(&W::build()));
    for _ in 0..iterations {
        black_box(verso::from_bytes::<S>(black_box(&input).clone()).expect("decodes"));
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [workload, codec, iterations] = args.as_slice() else {
        eprintln!("usage: decode_loop WORKLOAD CODEC ITERATIONS (e.g. W2 verso 20)");
        std::process::exit(2);
    };
    let Ok(iterations) = iterations.parse() else {
        eprintln!("ITERATIONS must be a number, not `{iterations}`");
        std::process::exit(2);
    };
    if codec == "verso (bytes)" {
        match workload.as_str() {
            "W2" => shared_loop::<workloads::W2Todo, shared::todo::v1::App>(iterations),
            "W4" => shared_loop::<workloads::W4Blob, shared::blob::v1::Blob>(iterations),
            _ => {
                eprintln!("`verso (bytes)` runs on W2 and W4 only");
                std::process::exit(2);
            }
        }
        return;
    }
    let mut run = Loop {
        workload: workload.clone(),
        codec: codec.clone(),
        iterations,
        encode: std::env::var_os("ENCODE").is_some(),
        ran: false,
    };
    workloads::visit_all(&mut run);
    if !run.ran {
        eprintln!("no codec `{codec}` on workload `{workload}`");
        std::process::exit(2);
    }
}
