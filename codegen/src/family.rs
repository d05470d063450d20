//! Schema families: a directory holding `vK.bare`, `vK+1.bare`, … `vN.bare`.
//!
//! Rules (also in the README): every `*.bare` file in the directory must be
//! named `v<N>.bare` with `N` a version from 1 to 65535 written without
//! leading zeros, and the versions must run from the oldest present file to
//! the latest without a gap. The oldest is usually `v1.bare`; a family that
//! starts above it had its older versions retired (`verso retire`, recorded
//! in `verso.lock`, which [`crate::lock::verify`] checks — this module only
//! looks at file names). Other files (a README, `verso.lock`, `verso.toml`)
//! and subdirectories are ignored.

use std::fmt;
use std::path::{Path, PathBuf};

/// One version file of a family.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VersionFile {
    /// The version number (≥ 1).
    pub version: u16,
    /// The file's path.
    pub path: PathBuf,
}

/// Why a directory is not a valid family.
#[derive(Debug)]
pub enum FamilyError {
    /// The directory could not be read.
    Io {
        /// The directory.
        dir: PathBuf,
        /// What the OS said.
        source: std::io::Error,
    },
    /// Problems with the file names inside the directory (all of them).
    Layout {
        /// The directory.
        dir: PathBuf,
        /// One sentence per problem.
        problems: Vec<String>,
    },
}

impl fmt::Display for FamilyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FamilyError::Io { dir, source } => {
                write!(f, "{}: cannot read the directory: {source}", dir.display())
            }
            FamilyError::Layout { dir, problems } => {
                write!(
                    f,
                    "{}: not a valid schema family: {}",
                    dir.display(),
                    problems.join("; ")
                )
            }
        }
    }
}

impl std::error::Error for FamilyError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            FamilyError::Io { source, .. } => Some(source),
            FamilyError::Layout { .. } => None,
        }
    }
}

/// Parses `v<N>.bare` into `N`; `Err` explains a near miss.
pub fn version_of(file_name: &str) -> Option<Result<u16, String>> {
    let stem = file_name.strip_suffix(".bare")?;
    let digits = match stem.strip_prefix('v') {
        Some(d) if !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()) => d,
        _ => {
            return Some(Err(format!(
                "`{file_name}` is not named like a version (`v1.bare`, `v2.bare`, …); rename it or move it out of the family"
            )));
        }
    };
    if digits.len() > 1 && digits.starts_with('0') {
        return Some(Err(format!(
            "`{file_name}`: write the version without leading zeros"
        )));
    }
    match digits.parse::<u16>() {
        Ok(0) => Some(Err(format!("`{file_name}`: versions start at 1"))),
        Ok(v) => Some(Ok(v)),
        Err(_) => Some(Err(format!(
            "`{file_name}`: versions are at most {}",
            u16::MAX
        ))),
    }
}

/// Versions `first` to `last` as a sentence's subject with its verb, so a
/// single version reads right: `v1 is`, `v1 to v3 are` (then "retired",
/// "already retired", …).
pub fn versions_are(first: u16, last: u16) -> String {
    if first == last {
        format!("v{first} is")
    } else {
        format!("v{first} to v{last} are")
    }
}

/// Lists the version files of the family in `dir`, sorted by version: from
/// the oldest present to the latest, without gaps.
pub fn discover(dir: &Path) -> Result<Vec<VersionFile>, FamilyError> {
    let io = |source| FamilyError::Io {
        dir: dir.to_owned(),
        source,
    };
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let entry = entry.map_err(io)?;
        let path = entry.path();
        if path.is_dir() {
            continue;
        }
        let name = entry.file_name().to_string_lossy().into_owned();
        match version_of(&name) {
            None => {}
            Some(Ok(version)) => files.push(VersionFile { version, path }),
            Some(Err(problem)) => problems.push(problem),
        }
    }
    files.sort_by_key(|f| f.version);
    if files.is_empty() && problems.is_empty() {
        problems.push(
            "no schema files: a family holds `v1.bare`, `v2.bare`, … (or starts at a later `vK.bare` once older versions are retired)"
                .to_owned(),
        );
    }
    // Only gaps between present files are problems: a family may start
    // above v1, and whether the versions below it were retired on purpose
    // is for the lock to say.
    let oldest = files.first().map_or(1, |f| f.version);
    for pair in files.windows(2) {
        let [before, after] = [pair[0].version, pair[1].version];
        if after - before > 1 {
            let missing = if after - before == 2 {
                format!("`v{}.bare` is missing", before + 1)
            } else {
                format!(
                    "`v{}.bare` to `v{}.bare` are missing",
                    before + 1,
                    after - 1
                )
            };
            problems.push(format!(
                "{missing}: versions must run without gaps from the oldest (v{oldest}) to the latest"
            ));
        }
    }
    if problems.is_empty() {
        Ok(files)
    } else {
        Err(FamilyError::Layout {
            dir: dir.to_owned(),
            problems,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_names() {
        assert_eq!(version_of("v1.bare"), Some(Ok(1)));
        assert_eq!(version_of("v65535.bare"), Some(Ok(65535)));
        assert!(matches!(version_of("v0.bare"), Some(Err(_))));
        assert!(matches!(version_of("v01.bare"), Some(Err(_))));
        assert!(matches!(version_of("v65536.bare"), Some(Err(_))));
        assert!(matches!(version_of("common.bare"), Some(Err(_))));
        assert_eq!(version_of("README.md"), None);
    }

    /// A directory holding the given (empty) files.
    fn dir_with(names: &[&str]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("temporary directory");
        for name in names {
            std::fs::write(dir.path().join(name), "").expect("write a test file");
        }
        dir
    }

    fn versions(dir: &tempfile::TempDir) -> Vec<u16> {
        discover(dir.path())
            .expect("a valid family")
            .iter()
            .map(|f| f.version)
            .collect()
    }

    fn problems(dir: &tempfile::TempDir) -> String {
        match discover(dir.path()) {
            Err(FamilyError::Layout { problems, .. }) => problems.join("\n"),
            other => panic!("expected layout problems, got {other:?}"),
        }
    }

    #[test]
    fn a_family_runs_from_its_oldest_file_to_its_latest() {
        let from_one = dir_with(&["v2.bare", "v1.bare", "v3.bare", "verso.lock", "verso.toml"]);
        assert_eq!(versions(&from_one), [1, 2, 3]);
        // v1 and v2 retired: the family starts at v3.
        let retired = dir_with(&["v3.bare", "v4.bare"]);
        assert_eq!(versions(&retired), [3, 4]);
        let single = dir_with(&["v7.bare"]);
        assert_eq!(versions(&single), [7]);
    }

    #[test]
    fn gaps_between_present_files_and_empty_directories_are_rejected() {
        let gap = problems(&dir_with(&["v2.bare", "v3.bare", "v5.bare"]));
        assert!(gap.contains("`v4.bare` is missing"), "{gap}");
        assert!(gap.contains("from the oldest (v2)"), "{gap}");
        assert!(
            !gap.contains("v1.bare"),
            "a family may start above v1: {gap}"
        );
        let wide = problems(&dir_with(&["v1.bare", "v5.bare", "v7.bare"]));
        assert!(
            wide.contains("`v2.bare` to `v4.bare` are missing"),
            "{wide}"
        );
        assert!(wide.contains("`v6.bare` is missing"), "{wide}");
        let empty = problems(&dir_with(&["README.md"]));
        assert!(empty.contains("no schema files"), "{empty}");
        let stray = problems(&dir_with(&["v1.bare", "common.bare"]));
        assert!(stray.contains("`common.bare`"), "{stray}");
        assert!(!stray.contains("no schema files"), "{stray}");
    }
}
