//! The diff-like parts of a failed sample's message: JSON line by line,
//! bytes by first difference.

use std::fmt::Write as _;

/// Beyond this many lines a side, the diff shows both texts whole instead
/// of aligning them (alignment is quadratic; samples are small).
const MAX_ALIGNED_LINES: usize = 2000;

/// A unified-style diff of `expected` (the file) against `actual` (what the
/// sample reads as now): unchanged lines start with two spaces, lines only
/// in the file with `- `, lines only in the new reading with `+ `.
pub(crate) fn lines(expected: &str, actual: &str) -> String {
    let old: Vec<&str> = expected.lines().collect();
    let new: Vec<&str> = actual.lines().collect();
    if old.len() > MAX_ALIGNED_LINES || new.len() > MAX_ALIGNED_LINES {
        let mut out = String::new();
        for line in &old {
            let _ = writeln!(out, "- {line}");
        }
        for line in &new {
            let _ = writeln!(out, "+ {line}");
        }
        return out;
    }
    // Longest common subsequence, filled from the end so the walk below
    // goes forwards.
    let mut common = vec![vec![0u32; new.len() + 1]; old.len() + 1];
    for i in (0..old.len()).rev() {
        for j in (0..new.len()).rev() {
            common[i][j] = if old[i] == new[j] {
                common[i + 1][j + 1] + 1
            } else {
                common[i + 1][j].max(common[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut out = String::new();
    while i < old.len() || j < new.len() {
        if i < old.len() && j < new.len() && old[i] == new[j] {
            let _ = writeln!(out, "  {}", old[i]);
            i += 1;
            j += 1;
        } else if i < old.len() && (j == new.len() || common[i + 1][j] >= common[i][j + 1]) {
            // Removals first, so a changed line reads old, then new.
            let _ = writeln!(out, "- {}", old[i]);
            i += 1;
        } else {
            let _ = writeln!(out, "+ {}", new[j]);
            j += 1;
        }
    }
    out
}

/// Where two byte strings first differ, with both shown in hex from a few
/// bytes before that point.
pub(crate) fn bytes(expected: &[u8], actual: &[u8]) -> String {
    let first = expected
        .iter()
        .zip(actual)
        .position(|(a, b)| a != b)
        .unwrap_or(expected.len().min(actual.len()));
    let start = first.saturating_sub(8);
    let show = |bytes: &[u8]| {
        let end = bytes.len().min(start + 32);
        let mut text = String::new();
        if start > 0 {
            text.push_str("… ");
        }
        for byte in &bytes[start.min(bytes.len())..end] {
            let _ = write!(text, "{byte:02x} ");
        }
        if end < bytes.len() {
            text.push('…');
        }
        text.trim_end().to_owned()
    };
    format!(
        "they differ from byte {first} on ({} bytes stored, {} written):\n  stored:  {}\n  written: {}\n",
        expected.len(),
        actual.len(),
        show(expected),
        show(actual)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_changed_line_shows_as_removed_then_added() {
        let expected = "{\n  \"a\": 1,\n  \"b\": 2\n}\n";
        let actual = "{\n  \"a\": 1,\n  \"b\": 3\n}\n";
        assert_eq!(
            lines(expected, actual),
            "  {\n    \"a\": 1,\n-   \"b\": 2\n+   \"b\": 3\n  }\n"
        );
        assert_eq!(lines("x\n", "x\ny\n"), "  x\n+ y\n");
        assert_eq!(lines("x\ny\n", "y\n"), "- x\n  y\n");
    }

    #[test]
    fn bytes_name_the_first_difference() {
        let text = bytes(&[1, 2, 3], &[1, 2, 4, 5]);
        assert!(text.starts_with("they differ from byte 2 on (3 bytes stored, 4 written)"));
        assert!(text.contains("stored:  01 02 03\n"), "{text}");
        assert!(text.contains("written: 01 02 04 05\n"), "{text}");
        let long: Vec<u8> = (0..100).collect();
        let mut changed = long.clone();
        changed[50] = 0;
        let text = bytes(&long, &changed);
        assert!(text.contains("from byte 50 on"), "{text}");
        assert!(text.contains("stored:  … 2a 2b"), "{text}");
    }
}
