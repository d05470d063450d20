//! What `verso retire` takes out of a manifest: the entries that name a
//! retired version. They are cut out of the text rather than the manifest
//! being written anew, so every comment, every other entry and the layout
//! stay as the user wrote them. An entry goes with the comment on its own
//! line; comments on lines of their own stay.

use std::fmt;
use std::ops::Range;

use super::{FILE_NAME, Manifest, ManualStep};
use crate::diagnostic::line_column;
use crate::span::Span;

/// A manifest's text without the entries of retired versions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pruned {
    /// The new text (the old one when no entry names a retired version).
    pub text: String,
    /// What was cut, in reading order, each with its line in the old text
    /// (``line 4: `[renamed.v2]` ``).
    pub removed: Vec<String>,
}

/// Why the entries of retired versions could not be cut out of the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PruneError {
    /// An entry shares its line with another one, or is written in a form
    /// verso does not edit (an inline table, a dotted key).
    NotOnItsOwn {
        /// Its line in the manifest.
        line: usize,
        /// The line as written.
        text: String,
    },
    /// The text left does not read as the manifest without those entries
    /// (a form of TOML this edit does not foresee).
    Unexpected,
}

impl fmt::Display for PruneError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PruneError::NotOnItsOwn { line, text } => write!(
                f,
                "{FILE_NAME}:{line}: `{text}` names a retired version, but verso can only remove an entry written on a line of its own; remove it by hand"
            ),
            PruneError::Unexpected => write!(
                f,
                "{FILE_NAME}: the entries that name retired versions could not be removed without touching others; remove them by hand"
            ),
        }
    }
}

impl std::error::Error for PruneError {}

impl Manifest {
    /// `text`, which this manifest was parsed from, without the entries
    /// that name a version up to `through` once those are retired: the
    /// `[renamed.vK]` tables with K ≤ `through` + 1 (their old names are in
    /// a retired version), header included, and the `[manual]` steps k →
    /// k+1 with k ≤ `through` (a list whose steps all go goes as a whole).
    /// The result is checked: it reads back as exactly this manifest
    /// without those entries.
    pub fn without_retired(&self, text: &str, through: u16) -> Result<Pruned, PruneError> {
        let mut cuts = Cuts {
            text,
            cuts: Vec::new(),
            removed: Vec::new(),
        };
        let oldest_kept = through.saturating_add(1);
        for rename in self.renamed.iter().filter(|r| r.version <= oldest_kept) {
            cuts.header(rename.version_span)?;
            cuts.lines(rename.new.span.to(rename.old.span))?;
        }
        for list in self.manual.chunk_by(|a, b| a.list == b.list) {
            cuts.steps(list, through)?;
        }
        let pruned = cuts.apply()?;
        let reads_back = Manifest::parse(&pruned.text)
            .is_ok_and(|left| Entries::of(&left) == Entries::of(self).kept(through));
        if reads_back {
            Ok(pruned)
        } else {
            Err(PruneError::Unexpected)
        }
    }
}

/// A manifest's entries without their spans, to compare two manifests.
#[derive(Debug, PartialEq, Eq)]
struct Entries {
    roots: Vec<String>,
    renamed: Vec<(u16, Option<String>, String, String)>,
    manual: Vec<(String, u16)>,
}

impl Entries {
    fn of(manifest: &Manifest) -> Entries {
        Entries {
            roots: manifest.roots.iter().map(|r| r.name.clone()).collect(),
            renamed: manifest
                .renamed
                .iter()
                .map(|r| {
                    let owner = r.owner.as_ref().map(|o| o.name.clone());
                    (r.version, owner, r.new.name.clone(), r.old.name.clone())
                })
                .collect(),
            manual: manifest
                .manual
                .iter()
                .map(|m| (m.name.name.clone(), m.from))
                .collect(),
        }
    }

    /// The entries left once v1…v`through` are retired.
    fn kept(mut self, through: u16) -> Entries {
        self.renamed
            .retain(|(version, ..)| *version > through.saturating_add(1));
        self.manual.retain(|(_, from)| *from > through);
        self
    }
}

/// The byte ranges to cut out of a text, and what they remove in words.
struct Cuts<'t> {
    text: &'t str,
    cuts: Vec<Range<usize>>,
    /// Each entry removed, with its offset (for reading order).
    removed: Vec<(usize, String)>,
}

impl Cuts<'_> {
    /// The line of a table header such as `[renamed.v2]`, whose key is at
    /// `key` (once, however many entries the table has).
    fn header(&mut self, key: Span) -> Result<(), PruneError> {
        let line = self.line_around(key);
        let content = self.text[line.clone()]
            .split('#')
            .next()
            .unwrap_or_default();
        let content = content.trim();
        if !(content.starts_with('[') && content.ends_with(']')) {
            return Err(self.not_on_its_own(key));
        }
        self.cut(line);
        Ok(())
    }

    /// The whole lines of an entry spanning `entry`: nothing but
    /// whitespace may come before it on its first line, and nothing but
    /// whitespace or a comment after it on its last.
    fn lines(&mut self, entry: Span) -> Result<(), PruneError> {
        let lines = self.line_around(entry);
        let before = &self.text[lines.start..entry.start];
        let after = self.text[entry.end..lines.end].trim();
        if !before.trim().is_empty() || !(after.is_empty() || after.starts_with('#')) {
            return Err(self.not_on_its_own(entry));
        }
        self.cut(lines);
        Ok(())
    }

    /// The steps up to `through` of one `[manual]` list: the whole entry
    /// when every step goes, else each number with its separator.
    fn steps(&mut self, list: &[ManualStep], through: u16) -> Result<(), PruneError> {
        let (Some(first), Some(last)) = (list.first(), list.last()) else {
            return Ok(());
        };
        let Some(last_kept) = list.iter().rposition(|step| step.from > through) else {
            return self.lines(first.name.span.to(first.list));
        };
        for step in list.iter().filter(|s| s.from <= through) {
            let (line, _) = line_column(self.text, step.span.start);
            let number = &self.text[step.span.range()];
            let description = format!(
                "line {line}: `{number}` in the list of `{}`",
                step.name.name
            );
            self.removed.push((step.span.start, description));
        }
        // Before the last number kept, each goes with the comma and spaces
        // after it: `[1, 2]` becomes `[2]`.
        for step in list[..last_kept].iter().filter(|s| s.from <= through) {
            self.cuts.push(self.with_comma_after(step.span));
        }
        // After it, all go, with the comma before them when no comment or
        // line break stands between (`[2, 1]` becomes `[2]`); otherwise
        // one by one, leaving a trailing comma, which TOML allows.
        let kept_end = list[last_kept].span.end;
        if last_kept + 1 < list.len() {
            if self.text[kept_end..last.span.end].contains(['\n', '#']) {
                for step in &list[last_kept + 1..] {
                    self.cuts.push(self.with_comma_after(step.span));
                }
            } else {
                self.cuts.push(kept_end..last.span.end);
            }
        }
        Ok(())
    }

    /// `item`, and the comma and spaces after it on its line if any.
    fn with_comma_after(&self, item: Span) -> Range<usize> {
        let rest = &self.text[item.end..];
        let rest = rest.strip_prefix(',').unwrap_or(rest);
        let end = self.text.len() - rest.trim_start_matches([' ', '\t']).len();
        item.start..end
    }

    /// From the start of the line where `span` starts to the end of the
    /// line where it ends, newline included.
    fn line_around(&self, span: Span) -> Range<usize> {
        let start = self.text[..span.start].rfind('\n').map_or(0, |i| i + 1);
        let end = self.text[span.end..]
            .find('\n')
            .map_or(self.text.len(), |i| span.end + i + 1);
        start..end
    }

    /// Cuts whole lines, described by their line number and text.
    fn cut(&mut self, lines: Range<usize>) {
        let (line, _) = line_column(self.text, lines.start);
        let description = format!("line {line}: `{}`", self.text[lines.clone()].trim());
        self.removed.push((lines.start, description));
        self.cuts.push(lines);
    }

    fn not_on_its_own(&self, span: Span) -> PruneError {
        let lines = self.line_around(span);
        let (line, _) = line_column(self.text, lines.start);
        PruneError::NotOnItsOwn {
            line,
            text: self.text[lines].trim().to_owned(),
        }
    }

    /// The text without the cuts (a table header named by several of its
    /// entries is cut once); cuts that overlap are not foreseen.
    fn apply(mut self) -> Result<Pruned, PruneError> {
        self.cuts.sort_by_key(|range| (range.start, range.end));
        self.cuts.dedup();
        self.removed.sort();
        self.removed.dedup();
        let mut text = String::with_capacity(self.text.len());
        let mut at = 0;
        for range in &self.cuts {
            if range.start < at {
                return Err(PruneError::Unexpected);
            }
            text.push_str(&self.text[at..range.start]);
            at = range.end;
        }
        text.push_str(&self.text[at..]);
        Ok(Pruned {
            text,
            removed: self.removed.into_iter().map(|(_, what)| what).collect(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pruned(text: &str, through: u16) -> Result<Pruned, PruneError> {
        Manifest::parse(text)
            .unwrap()
            .without_retired(text, through)
    }

    const MANIFEST: &str = "\
# Roots first.
roots = [\"Todo\"]

# v2 renamed Item to Todo.
[renamed.v2]
Todo = \"Item\"   # the old name
\"List\" = \"Items\"

[renamed.v3]
Board = \"List\"

[manual]
# Written by hand.
Todo = [1, 2]
Board = [ 2, 1 ]
List = [1]   # gone with v1
Other = [
    3, # kept
    1,
]
";

    #[test]
    fn retiring_cuts_only_the_entries_of_retired_versions() {
        let pruned = pruned(MANIFEST, 1).unwrap();
        assert_eq!(
            pruned.text,
            "\
# Roots first.
roots = [\"Todo\"]

# v2 renamed Item to Todo.

[renamed.v3]
Board = \"List\"

[manual]
# Written by hand.
Todo = [2]
Board = [ 2 ]
Other = [
    3, # kept
    \n]
"
        );
        assert_eq!(
            pruned.removed,
            [
                "line 5: `[renamed.v2]`",
                "line 6: `Todo = \"Item\"   # the old name`",
                "line 7: `\"List\" = \"Items\"`",
                "line 14: `1` in the list of `Todo`",
                "line 15: `1` in the list of `Board`",
                "line 16: `List = [1]   # gone with v1`",
                "line 19: `1` in the list of `Other`",
            ]
        );
    }

    #[test]
    fn further_retirements_cut_further() {
        let pruned = pruned(MANIFEST, 2).unwrap();
        // Every table of renames goes; the comment above the first stays.
        assert!(!pruned.text.contains("[renamed"), "{}", pruned.text);
        assert!(pruned.text.contains("# v2 renamed Item to Todo.\n"));
        assert!(
            pruned
                .text
                .contains("[manual]\n# Written by hand.\nOther = [\n    3, # kept\n")
        );
        assert_eq!(
            Manifest::parse(&pruned.text).unwrap().manual.len(),
            1,
            "{}",
            pruned.text
        );
    }

    #[test]
    fn nothing_to_cut_leaves_the_text_alone() {
        let pruned = pruned("[renamed.v4]\nA = \"B\"\n[manual]\nA = [3]\n", 2).unwrap();
        assert_eq!(pruned.text, "[renamed.v4]\nA = \"B\"\n[manual]\nA = [3]\n");
        assert!(pruned.removed.is_empty());
    }

    #[test]
    fn entries_not_on_a_line_of_their_own_are_left_to_the_user() {
        let inline = "renamed = { v2 = { A = \"B\" } }\n";
        assert_eq!(
            pruned(inline, 1),
            Err(PruneError::NotOnItsOwn {
                line: 1,
                text: inline.trim().to_owned(),
            })
        );
        let dotted = "[renamed]\nv2.A = \"B\"\n";
        assert!(matches!(
            pruned(dotted, 1),
            Err(PruneError::NotOnItsOwn { line: 2, .. })
        ));
        let manual = "manual = { A = [1], B = [3] }\n";
        assert!(matches!(
            pruned(manual, 1),
            Err(PruneError::NotOnItsOwn { line: 1, .. })
        ));
        let shown = pruned(inline, 1).unwrap_err().to_string();
        assert!(shown.starts_with("verso.toml:1: `renamed = "), "{shown}");
    }
}
