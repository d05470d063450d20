//! Criterion ids shared by the benchmark and the table: group and function
//! names, and where criterion keeps a result.

use std::fmt;
use std::path::{Path, PathBuf};

/// What a benchmark times.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// Value to new bytes.
    Encode,
    /// Bytes to a new owned value.
    Decode,
}

impl Op {
    /// Both, in table order.
    pub const ALL: [Op; 2] = [Op::Encode, Op::Decode];

    /// `encode` or `decode`.
    pub fn as_str(self) -> &'static str {
        match self {
            Op::Encode => "encode",
            Op::Decode => "decode",
        }
    }
}

impl fmt::Display for Op {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The criterion group of one workload and op, e.g. `W2/decode`.
pub fn group_name(workload: &str, op: Op) -> String {
    format!("{workload}/{op}")
}

/// The command that produces the results the table reads.
pub const BENCH_COMMAND: &str = "cargo bench -p verso-bench --bench peers";

/// Where criterion writes its results, found as criterion 0.8 finds it:
/// `$CRITERION_HOME`, else `$CARGO_TARGET_DIR/criterion`, else the
/// workspace's `target/criterion`.
pub fn criterion_dir() -> PathBuf {
    if let Some(home) = std::env::var_os("CRITERION_HOME") {
        return PathBuf::from(home);
    }
    if let Some(target) = std::env::var_os("CARGO_TARGET_DIR") {
        return PathBuf::from(target).join("criterion");
    }
    // This crate is one level below the workspace root.
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/criterion")
}

/// The file holding criterion's estimates for one benchmark of the last
/// run: `<dir>/<group>/<function>/new/estimates.json`, each name made
/// file-name safe the way criterion does it (`W2/decode` is `W2_decode`).
pub fn estimates_path(dir: &Path, group: &str, function: &str) -> PathBuf {
    dir.join(file_name_safe(group))
        .join(file_name_safe(function))
        .join("new")
        .join("estimates.json")
}

/// Criterion's directory name for an id: these characters become `_`, and
/// names are cut to 64 bytes (ours are far shorter).
fn file_name_safe(id: &str) -> String {
    let mut safe: String = id
        .chars()
        .map(|c| match c {
            '?' | '"' | '/' | '\\' | '*' | '<' | '>' | ':' | '|' | '^' => '_',
            c => c,
        })
        .collect();
    if safe.len() > 64 {
        let mut end = 64;
        while !safe.is_char_boundary(end) {
            end -= 1;
        }
        safe.truncate(end);
    }
    safe
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_follow_criterion_naming() {
        assert_eq!(group_name("W2", Op::Decode), "W2/decode");
        assert_eq!(
            estimates_path(Path::new("/t/criterion"), "W2/decode", "verso (borrowed)"),
            Path::new("/t/criterion/W2_decode/verso (borrowed)/new/estimates.json")
        );
        assert_eq!(file_name_safe(&"é".repeat(40)).len(), 64);
    }
}
