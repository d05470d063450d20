//! The results table: encoded sizes computed here, times read from
//! criterion's last run, one markdown table out.

use std::fmt::Write as _;
use std::path::Path;

use crate::codecs::{self, Codec, CodecVisitor, Error, Values, names};
use crate::ids::{self, Op};
use crate::workloads::{self, Workload, WorkloadVisitor};

/// One codec on one workload, both ops.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The workload's id (`W2`).
    pub workload: &'static str,
    /// The workload's title.
    pub title: &'static str,
    /// The codec's name.
    pub codec: &'static str,
    /// The codec's encoded size of the workload, in bytes (for memcpy:
    /// verso's, the bytes it copies).
    pub size: usize,
}

/// Encodes every workload with every codec (checking each round trip) and
/// returns the sizes, in table order.
pub fn entries() -> Result<Vec<Entry>, Error> {
    struct Sizes {
        entries: Vec<Entry>,
        error: Option<Error>,
    }
    struct Codecs<'a, W> {
        entries: &'a mut Vec<Entry>,
        error: &'a mut Option<Error>,
        workload: std::marker::PhantomData<W>,
    }
    impl<W: Workload> CodecVisitor for Codecs<'_, W> {
        fn codec<C: Codec>(&mut self, codec: &C, value: &C::Value, canon: &C::Canon) {
            match codecs::round_trip(codec, value, canon) {
                Ok(bytes) => self.entries.push(Entry {
                    workload: W::ID,
                    title: W::TITLE,
                    codec: codec.name(),
                    size: bytes.len(),
                }),
                Err(e) => {
                    self.error
                        .get_or_insert_with(|| format!("{}: {e}", W::ID).into());
                }
            }
        }
        fn memcpy(&mut self, bytes: &[u8]) {
            self.entries.push(Entry {
                workload: W::ID,
                title: W::TITLE,
                codec: names::MEMCPY,
                size: bytes.len(),
            });
        }
    }
    impl WorkloadVisitor for Sizes {
        fn workload<W: Workload>(&mut self) {
            let values = Values::<W>::new();
            let mut visitor = Codecs::<W> {
                entries: &mut self.entries,
                error: &mut self.error,
                workload: std::marker::PhantomData,
            };
            if let Err(e) = codecs::visit_codecs(&values, &mut visitor) {
                self.error
                    .get_or_insert_with(|| format!("{}: {e}", W::ID).into());
            }
        }
    }
    let mut sizes = Sizes {
        entries: Vec::new(),
        error: None,
    };
    workloads::visit_all(&mut sizes);
    match sizes.error {
        Some(e) => Err(e),
        None => Ok(sizes.entries),
    }
}

/// The median time per op in nanoseconds of one benchmark's last run, or
/// `None` when criterion has no result for it.
pub fn median_ns(dir: &Path, group: &str, function: &str) -> Result<Option<f64>, Error> {
    let path = ids::estimates_path(dir, group, function);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(format!("{}: {e}", path.display()).into()),
    };
    let json: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    match json["median"]["point_estimate"].as_f64() {
        Some(ns) if ns.is_finite() && ns > 0.0 => Ok(Some(ns)),
        _ => Err(format!("{}: no positive median.point_estimate", path.display()).into()),
    }
}

/// One row of the table: an entry, an op and its time (if measured).
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Which codec on which workload.
    pub entry: Entry,
    /// Which op.
    pub op: Op,
    /// Median nanoseconds per op, `None` if not measured.
    pub ns: Option<f64>,
}

/// Pairs every entry with both ops' times from `dir`.
pub fn rows(entries: &[Entry], dir: &Path) -> Result<Vec<Row>, Error> {
    let mut rows = Vec::new();
    for chunk in entries.chunk_by(|a, b| a.workload == b.workload) {
        for op in Op::ALL {
            let group = ids::group_name(chunk[0].workload, op);
            for entry in chunk {
                rows.push(Row {
                    entry: entry.clone(),
                    op,
                    ns: median_ns(dir, &group, entry.codec)?,
                });
            }
        }
    }
    Ok(rows)
}

/// A duration in the unit that keeps 3 significant digits readable.
pub fn format_time(ns: f64) -> String {
    let (value, unit) = if ns < 1e3 {
        (ns, "ns")
    } else if ns < 1e6 {
        (ns / 1e3, "µs")
    } else if ns < 1e9 {
        (ns / 1e6, "ms")
    } else {
        (ns / 1e9, "s")
    };
    let decimals = if value < 10.0 {
        2
    } else if value < 100.0 {
        1
    } else {
        0
    };
    format!("{value:.decimals$} {unit}")
}

/// The markdown table. Throughput is the codec's own bytes per second in
/// MB (10^6 bytes); a ratio column is the baseline's time over the row's,
/// so above 1 is faster than the baseline. Unmeasured cells are `-`.
pub fn render(rows: &[Row]) -> String {
    let baseline = |row: &Row, codec: &str| {
        rows.iter()
            .find(|r| {
                r.entry.workload == row.entry.workload && r.op == row.op && r.entry.codec == codec
            })
            .and_then(|r| r.ns)
    };
    let ratio = |base: Option<f64>, ns: Option<f64>| match (base, ns) {
        (Some(base), Some(ns)) => format!("{:.2}", base / ns),
        _ => "-".to_owned(),
    };
    let mut out = String::new();
    out.push_str(
        "| workload | op | codec | time | MB/s | size (B) | × serde_bare | × prost | × memcpy |\n",
    );
    out.push_str("|---|---|---|--:|--:|--:|--:|--:|--:|\n");
    for row in rows {
        let (time, rate) = match row.ns {
            Some(ns) => (
                format_time(ns),
                format!("{:.0}", row.entry.size as f64 / ns * 1e3),
            ),
            None => ("-".to_owned(), "-".to_owned()),
        };
        // Writing to a String cannot fail.
        let _ = writeln!(
            out,
            "| {} {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            row.entry.workload,
            row.entry.title,
            row.op,
            row.entry.codec,
            time,
            rate,
            row.entry.size,
            ratio(baseline(row, names::SERDE_BARE), row.ns),
            ratio(baseline(row, names::PROST), row.ns),
            ratio(baseline(row, names::MEMCPY), row.ns),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(codec: &'static str, op: Op, ns: Option<f64>) -> Row {
        Row {
            entry: Entry {
                workload: "W9",
                title: "test",
                codec,
                size: 2_000,
            },
            op,
            ns,
        }
    }

    #[test]
    fn times_keep_three_digits() {
        assert_eq!(format_time(12.345), "12.3 ns");
        assert_eq!(format_time(1_234.0), "1.23 µs");
        assert_eq!(format_time(456_700_000.0), "457 ms");
        assert_eq!(format_time(2.5e9), "2.50 s");
    }

    #[test]
    fn ratios_are_baseline_over_row_and_gaps_are_dashes() {
        let rows = [
            row(names::SERDE_BARE, Op::Encode, Some(200.0)),
            row(names::VERSO, Op::Encode, Some(100.0)),
            row(names::MEMCPY, Op::Encode, Some(50.0)),
            row(names::VERSO, Op::Decode, None),
        ];
        let table = render(&rows);
        // 2,000 bytes in 100 ns is 20,000 MB/s; serde_bare takes twice as
        // long (2.00), memcpy half (0.50), prost was not measured.
        assert!(
            table
                .contains("| W9 test | encode | verso | 100 ns | 20000 | 2000 | 2.00 | - | 0.50 |"),
            "{table}"
        );
        assert!(table.contains("| W9 test | decode | verso | - | - | 2000 | - | - | - |"));
    }

    #[test]
    fn a_missing_result_is_none_and_a_bad_one_an_error() -> Result<(), Error> {
        let dir = std::env::temp_dir().join(format!("verso-bench-report-{}", std::process::id()));
        assert_eq!(median_ns(&dir, "W1/encode", "verso")?, None);
        let path = ids::estimates_path(&dir, "W1/encode", "verso");
        std::fs::create_dir_all(path.parent().ok_or("no parent")?)?;
        std::fs::write(&path, r#"{"median": {"point_estimate": 42.5}}"#)?;
        assert_eq!(median_ns(&dir, "W1/encode", "verso")?, Some(42.5));
        std::fs::write(&path, "{}")?;
        assert!(median_ns(&dir, "W1/encode", "verso").is_err());
        std::fs::remove_dir_all(&dir)?;
        Ok(())
    }
}
