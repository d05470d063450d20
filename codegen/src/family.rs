//! Schema families: a directory holding `v1.bare`, `v2.bare`, … `vN.bare`.
//!
//! Rules (also in the README): every `*.bare` file in the directory must be
//! named `v<N>.bare` with `N` a version from 1 to 65535 written without
//! leading zeros, and the versions must run from 1 to N without a gap.
//! Other files (a README, `verso.lock`) and subdirectories are ignored.

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

/// Lists the version files of the family in `dir`, sorted by version.
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
        problems.push("no `v1.bare` found; a family holds `v1.bare`, `v2.bare`, …".to_owned());
    }
    let mut expected = 1u32;
    for file in &files {
        if u32::from(file.version) > expected {
            let missing = if u32::from(file.version) == expected + 1 {
                format!("`v{expected}.bare` is missing")
            } else {
                format!(
                    "`v{expected}.bare` to `v{}.bare` are missing",
                    file.version - 1
                )
            };
            problems.push(format!("{missing}: versions must run from v1 without gaps"));
        }
        expected = u32::from(file.version) + 1;
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
}
