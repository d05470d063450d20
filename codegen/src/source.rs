//! Where a family's files live: one value that names every path.
//!
//! A schema folder holds either **one family** (`DIR/v1.bare`, `DIR/v2.bare`,
//! …, with `DIR/verso.lock` and `DIR/verso.toml`; the family is named after
//! the folder) or **any number of families** side by side, vbare's layout
//! (`DIR/NAME.v1.bare`, `DIR/NAME.v2.bare`, …, with `DIR/NAME.verso.lock`
//! and `DIR/NAME.verso.toml`; NAME may contain dots). One rule decides
//! which: a file named `v<N>.bare` makes the folder a one-family folder, a
//! file named `NAME.v<N>.bare` a many-family folder, and a folder holding
//! both is an error naming the files of each kind.
//!
//! [`families_in`] reads a folder and returns a [`FamilySource`] per family,
//! and [`find_family`] picks the one a command on one family works on (by
//! name, or the folder's only family);
//! everything that needs a family's paths (the loader, the lock, the
//! manifest, the build's watch list, the CLI) asks that value rather than
//! joining file names itself, so the two layouts differ in this module only.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::family::{FamilyError, VersionFile};

/// How a folder holds its families (see the [module docs](self)).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Layout {
    /// One family: `DIR/vN.bare`, `DIR/verso.lock`, `DIR/verso.toml`.
    Folder,
    /// Many families: `DIR/NAME.vN.bare`, `DIR/NAME.verso.lock`,
    /// `DIR/NAME.verso.toml`.
    Flat,
}

/// One family's place on disk: the folder, the family's name and the layout.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct FamilySource {
    dir: PathBuf,
    name: String,
    layout: Layout,
}

impl FamilySource {
    /// The family held alone in `dir` (`DIR/vN.bare`), named after the
    /// folder. Nothing is read: [`FamilySource::files`] lists the versions.
    pub fn folder(dir: impl Into<PathBuf>) -> Self {
        let dir = dir.into();
        let name = folder_name(&dir);
        FamilySource {
            dir,
            name,
            layout: Layout::Folder,
        }
    }

    /// The family `name` among others in `dir` (`DIR/NAME.vN.bare`).
    pub fn flat(dir: impl Into<PathBuf>, name: impl Into<String>) -> Self {
        FamilySource {
            dir: dir.into(),
            name: name.into(),
            layout: Layout::Flat,
        }
    }

    /// The folder holding the family's files.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The family's name: NAME for the flat layout, the folder's name for a
    /// one-family folder.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// How the folder holds the family.
    pub fn layout(&self) -> Layout {
        self.layout
    }

    /// The name of the Rust module a user includes the family in: the name
    /// with every character that cannot appear in an identifier (`.`, `/`,
    /// `-`, …) written as `_` (`pegboard.namespace.runner_config` →
    /// `pegboard_namespace_runner_config`).
    pub fn module_name(&self) -> String {
        module_name(&self.name)
    }

    /// The file of version `version`, whether or not it exists yet.
    pub fn version_path(&self, version: u16) -> PathBuf {
        self.dir.join(self.file_name(&format!("v{version}.bare")))
    }

    /// The family's lock file.
    pub fn lock_path(&self) -> PathBuf {
        self.dir.join(self.file_name("verso.lock"))
    }

    /// The family's manifest.
    pub fn manifest_path(&self) -> PathBuf {
        self.dir.join(self.file_name("verso.toml"))
    }

    /// The family's golden samples folder (`verso_build::Config::samples`,
    /// `verso sample add`): `DIR/samples`, or `DIR/NAME.samples` in a flat
    /// folder, beside the family's lock and manifest.
    pub fn samples_path(&self) -> PathBuf {
        self.dir.join(self.file_name("samples"))
    }

    /// `base` as this family's file: `base` itself in a one-family folder,
    /// `NAME.base` in a flat one.
    fn file_name(&self, base: &str) -> String {
        match self.layout {
            Layout::Folder => base.to_owned(),
            Layout::Flat => format!("{}.{base}", self.name),
        }
    }

    /// Whether the family has any version file (named like one of its
    /// versions), whatever the gaps between them; `false` for a folder
    /// that cannot be read.
    pub fn has_files(&self) -> bool {
        read_listing(&self.dir).is_ok_and(|listing| match self.layout {
            Layout::Folder => !listing.folder.is_empty(),
            Layout::Flat => listing.flat.contains_key(&self.name),
        })
    }

    /// The family's version files, sorted, from the oldest present to the
    /// latest without gaps (the rules of [`crate::family::discover`]).
    pub fn files(&self) -> Result<Vec<VersionFile>, FamilyError> {
        match self.layout {
            Layout::Folder => crate::family::discover(&self.dir),
            Layout::Flat => {
                let listing = read_listing(&self.dir)?;
                let files = listing.flat.get(&self.name).cloned().unwrap_or_default();
                check_run(&self.dir, files, |v| self.file_name(&format!("v{v}.bare")))
            }
        }
    }
}

/// The families in `dir`, sorted by name: one for a one-family folder,
/// every NAME for a flat one. Errors name the files that break the layout
/// rules (a mix of layouts, stray `.bare` files, gaps in a family's run).
pub fn families_in(dir: &Path) -> Result<Vec<FamilySource>, FamilyError> {
    let listing = read_listing(dir)?;
    let mut problems = listing.stray.clone();
    if let Some(mixed) = listing.mixed() {
        problems.push(mixed);
        return Err(FamilyError::Layout {
            dir: dir.to_owned(),
            problems,
        });
    }
    if listing.flat.is_empty() {
        // A one-family folder, or an empty one: `discover` applies (and
        // words) that layout's rules.
        let source = FamilySource::folder(dir);
        source.files()?;
        return Ok(vec![source]);
    }
    let mut sources = Vec::new();
    for (name, files) in listing.flat {
        let source = FamilySource::flat(dir, name);
        if let Err(FamilyError::Layout { problems: p, .. }) =
            check_run(dir, files, |v| source.file_name(&format!("v{v}.bare")))
        {
            problems.extend(p);
        }
        sources.push(source);
    }
    if problems.is_empty() {
        Ok(sources)
    } else {
        Err(FamilyError::Layout {
            dir: dir.to_owned(),
            problems,
        })
    }
}

/// The family in `dir` that a command on one family works on: `name`, or
/// the folder's only family when `name` is `None`. This is the one rule
/// every such command follows (the CLI's `DIR [--family NAME]`):
///
/// - a one-family folder (`DIR/vN.bare`) holds one family, named after the
///   folder; `name` may only repeat that name;
/// - a flat folder (`DIR/NAME.vN.bare`) holds one family per NAME; `name`
///   may be left out when there is exactly one;
/// - a folder with no schema file holds none: without `name` the result is
///   the (empty) one-family folder, so that loading it says what to add.
///
/// Only a folder that cannot be read or mixes the two layouts fails as a
/// whole ([`FindError::Layout`]); other families' problems (a gap, a stray
/// file) are left to `verso check`, and the chosen family's own ones to
/// loading it.
pub fn find_family(dir: &Path, name: Option<&str>) -> Result<FamilySource, FindError> {
    let listing = read_listing(dir).map_err(FindError::Layout)?;
    if let Some(mixed) = listing.mixed() {
        return Err(FindError::Layout(FamilyError::Layout {
            dir: dir.to_owned(),
            problems: vec![mixed],
        }));
    }
    let (layout, names): (Option<Layout>, Vec<String>) = if !listing.flat.is_empty() {
        (Some(Layout::Flat), listing.flat.keys().cloned().collect())
    } else if !listing.folder.is_empty() {
        (Some(Layout::Folder), vec![FamilySource::folder(dir).name])
    } else {
        (None, Vec::new())
    };
    let unknown = |name: &str| FindError::Unknown {
        dir: dir.to_owned(),
        name: name.to_owned(),
        layout,
        suggestion: crate::diagnostic::closest(name, names.iter().map(String::as_str))
            .map(str::to_owned),
        names: names.clone(),
    };
    match (layout, name) {
        (Some(Layout::Flat), Some(name)) if listing.flat.contains_key(name) => {
            Ok(FamilySource::flat(dir, name))
        }
        (Some(Layout::Flat), None) if names.len() == 1 => Ok(FamilySource::flat(dir, &names[0])),
        (Some(Layout::Flat), None) => Err(FindError::Ambiguous {
            dir: dir.to_owned(),
            names,
        }),
        (Some(Layout::Folder), Some(name)) if names[0] != name => Err(unknown(name)),
        (None, Some(name)) => Err(unknown(name)),
        (Some(Layout::Flat), Some(name)) => Err(unknown(name)),
        (Some(Layout::Folder) | None, _) => Ok(FamilySource::folder(dir)),
    }
}

/// Why [`find_family`] found no family to work on.
#[derive(Debug)]
pub enum FindError {
    /// The folder cannot be read, or mixes the two layouts.
    Layout(FamilyError),
    /// The folder holds several families and none was named.
    Ambiguous {
        /// The folder.
        dir: PathBuf,
        /// Its families, sorted.
        names: Vec<String>,
    },
    /// No family of the folder has the name asked for.
    Unknown {
        /// The folder.
        dir: PathBuf,
        /// The name asked for.
        name: String,
        /// How the folder holds its families; `None` when it holds no
        /// schema file.
        layout: Option<Layout>,
        /// Its families, sorted (the folder's name for a one-family folder).
        names: Vec<String>,
        /// The family whose name is close to the one asked for, if any.
        suggestion: Option<String>,
    },
}

impl std::fmt::Display for FindError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FindError::Layout(error) => error.fmt(f),
            FindError::Ambiguous { dir, names } => write!(
                f,
                "{} holds {} families, so name the one to use: {}",
                dir.display(),
                names.len(),
                quoted_list(names)
            ),
            FindError::Unknown {
                dir,
                name,
                layout,
                names,
                suggestion,
            } => {
                let hint = suggestion
                    .as_ref()
                    .map(|s| format!(" (did you mean `{s}`?)"))
                    .unwrap_or_default();
                match layout {
                    None => write!(
                        f,
                        "{} has no family `{name}`: it holds no schema file (`NAME.v1.bare`)",
                        dir.display()
                    ),
                    Some(Layout::Folder) => write!(
                        f,
                        "{} holds one family, `{}` (its files are `v1.bare`, …), not `{name}`{hint}",
                        dir.display(),
                        names.first().map_or("", String::as_str)
                    ),
                    Some(Layout::Flat) => write!(
                        f,
                        "{} has no family `{name}`{hint}; its families are {}",
                        dir.display(),
                        quoted_list(names)
                    ),
                }
            }
        }
    }
}

impl std::error::Error for FindError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            FindError::Layout(error) => Some(error),
            FindError::Ambiguous { .. } | FindError::Unknown { .. } => None,
        }
    }
}

/// Checks that `name` can name a family in a flat folder (`NAME.v1.bare`),
/// by the rule file names are read with: dot-separated non-empty parts of
/// ASCII letters, digits, `_` and `-`. `Err` says why not.
pub fn check_family_name(name: &str) -> Result<(), String> {
    match name_problem(name) {
        Some(problem) => Err(format!("`{name}`: {problem}")),
        None => Ok(()),
    }
}

/// What a folder's `.bare` files are, by layout.
#[derive(Default)]
struct Listing {
    /// `vN.bare` files.
    folder: Vec<VersionFile>,
    /// `NAME.vN.bare` files by NAME.
    flat: BTreeMap<String, Vec<VersionFile>>,
    /// One sentence per `.bare` file named like neither.
    stray: Vec<String>,
}

impl Listing {
    /// The sentence naming the files of each kind, when the folder mixes
    /// the two layouts.
    fn mixed(&self) -> Option<String> {
        if self.folder.is_empty() || self.flat.is_empty() {
            return None;
        }
        let flat: Vec<String> = self
            .flat
            .values()
            .flatten()
            .map(|f| file_name_of(&f.path))
            .collect();
        let folder: Vec<String> = self.folder.iter().map(|f| file_name_of(&f.path)).collect();
        Some(format!(
            "the folder mixes the two layouts: {} belong to a one-family folder (`v1.bare`, …) and {} to a many-family folder (`NAME.v1.bare`, …); move one kind into a folder of its own",
            quoted_list(&folder),
            quoted_list(&flat)
        ))
    }
}

fn read_listing(dir: &Path) -> Result<Listing, FamilyError> {
    let io = |source| FamilyError::Io {
        dir: dir.to_owned(),
        source,
    };
    let mut listing = Listing::default();
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let entry = entry.map_err(io)?;
        let path = entry.path();
        if path.is_dir() {
            continue;
        }
        let file_name = entry.file_name().to_string_lossy().into_owned();
        match classify(&file_name) {
            None => {}
            Some(Ok(Named::Folder(version))) => listing.folder.push(VersionFile { version, path }),
            Some(Ok(Named::Flat(name, version))) => listing
                .flat
                .entry(name)
                .or_default()
                .push(VersionFile { version, path }),
            Some(Err(problem)) => listing.stray.push(problem),
        }
    }
    Ok(listing)
}

/// What a `.bare` file's name says it is.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Named {
    /// `vN.bare`.
    Folder(u16),
    /// `NAME.vN.bare`.
    Flat(String, u16),
}

/// Reads a file name under the layout rules: `None` for a file that is not
/// a schema (no `.bare`), `Err` with a sentence for a schema named wrong.
pub(crate) fn classify(file_name: &str) -> Option<Result<Named, String>> {
    let stem = file_name.strip_suffix(".bare")?;
    let (name, version) = match stem.rsplit_once('.') {
        Some((name, version)) => (Some(name), version),
        None => (None, stem),
    };
    let looks_like_version = version
        .strip_prefix('v')
        .is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()));
    if !looks_like_version {
        return Some(Err(format!(
            "`{file_name}` is not named like a version (`v1.bare` in a one-family folder, `NAME.v1.bare` beside other families); rename it or move it out of the folder"
        )));
    }
    let version = match crate::family::version_of(&format!("{version}.bare")) {
        Some(Ok(v)) => v,
        Some(Err(_)) | None => {
            return Some(Err(version_problem(file_name, version)));
        }
    };
    match name {
        None => Some(Ok(Named::Folder(version))),
        Some(name) => match name_problem(name) {
            Some(problem) => Some(Err(format!("`{file_name}`: {problem}"))),
            None => Some(Ok(Named::Flat(name.to_owned(), version))),
        },
    }
}

/// Why `vDIGITS` is not a version (leading zeros, 0, too large).
fn version_problem(file_name: &str, version: &str) -> String {
    let digits = &version[1..];
    if digits.len() > 1 && digits.starts_with('0') {
        format!("`{file_name}`: write the version without leading zeros")
    } else if digits.bytes().all(|b| b == b'0') {
        format!("`{file_name}`: versions start at 1")
    } else {
        format!("`{file_name}`: versions are at most {}", u16::MAX)
    }
}

/// Why NAME (of `NAME.vN.bare`) cannot name a family, if it cannot: each
/// dot-separated part must be non-empty and made of ASCII letters, digits,
/// `_` and `-`, so that the lock and manifest names (`NAME.verso.lock`) and
/// the module name derived from it are unambiguous.
fn name_problem(name: &str) -> Option<String> {
    if name.split('.').any(str::is_empty) {
        return Some(
            "a family name has no empty parts (no leading, trailing or doubled dots)".to_owned(),
        );
    }
    if let Some(c) = name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')))
    {
        return Some(format!(
            "`{c}` cannot appear in a family name (letters, digits, `_`, `-` and `.`)"
        ));
    }
    None
}

/// The module name of family `name` (see [`FamilySource::module_name`]).
pub fn module_name(name: &str) -> String {
    let mut module: String = name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    if module.starts_with(|c: char| c.is_ascii_digit()) {
        module.insert(0, '_');
    }
    module
}

/// Sorts a family's files and checks they run without gaps, naming missing
/// files with `file_of(version)`.
fn check_run(
    dir: &Path,
    mut files: Vec<VersionFile>,
    file_of: impl Fn(u16) -> String,
) -> Result<Vec<VersionFile>, FamilyError> {
    files.sort_by_key(|f| f.version);
    let mut problems = Vec::new();
    if files.is_empty() {
        problems.push(format!(
            "no schema files: the family's first version would be `{}`",
            file_of(1)
        ));
    }
    let oldest = files.first().map_or(1, |f| f.version);
    for pair in files.windows(2) {
        let [before, after] = [pair[0].version, pair[1].version];
        if after - before > 1 {
            let missing = if after - before == 2 {
                format!("`{}` is missing", file_of(before + 1))
            } else {
                format!(
                    "`{}` to `{}` are missing",
                    file_of(before + 1),
                    file_of(after - 1)
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

fn folder_name(dir: &Path) -> String {
    // `.` or `..` have no file name: canonicalize to find the folder's own.
    dir.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .or_else(|| {
            std::fs::canonicalize(dir)
                .ok()
                .and_then(|d| d.file_name().map(|n| n.to_string_lossy().into_owned()))
        })
        .unwrap_or_else(|| "family".to_owned())
}

fn file_name_of(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn quoted_list(names: &[String]) -> String {
    let mut sorted = names.to_vec();
    sorted.sort();
    sorted
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A directory holding the given (empty) files.
    fn dir_with(names: &[&str]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("temporary directory");
        for name in names {
            std::fs::write(dir.path().join(name), "").expect("write a test file");
        }
        dir
    }

    fn problems(dir: &tempfile::TempDir) -> String {
        match families_in(dir.path()) {
            Err(FamilyError::Layout { problems, .. }) => problems.join("\n"),
            other => panic!("expected layout problems, got {other:?}"),
        }
    }

    /// The folder of stored-data schemas the issue names (vbare's layout).
    const PEGBOARD: &[&str] = &[
        "pegboard.namespace.actor_by_key.v1.bare",
        "pegboard.namespace.actor_name.v1.bare",
        "pegboard.namespace.runner_alloc_idx.v1.bare",
        "pegboard.namespace.runner_alloc_idx.v2.bare",
        "pegboard.namespace.runner_by_key.v1.bare",
        "pegboard.namespace.runner_config.v1.bare",
        "pegboard.namespace.runner_config.v2.bare",
        "pegboard.namespace.runner_config.v3.bare",
        "pegboard.namespace.runner_config.v4.bare",
        "pegboard.namespace.runner_config.v5.bare",
        "pegboard.namespace.runner_config.v6.bare",
        "pegboard.runner.metadata.v1.bare",
        "pegboard.runner.metadata.verso.lock",
        "README.md",
    ];

    #[test]
    fn a_flat_folder_holds_one_family_per_name() {
        let dir = dir_with(PEGBOARD);
        let families = families_in(dir.path()).expect("a valid flat folder");
        let names: Vec<&str> = families.iter().map(FamilySource::name).collect();
        assert_eq!(
            names,
            [
                "pegboard.namespace.actor_by_key",
                "pegboard.namespace.actor_name",
                "pegboard.namespace.runner_alloc_idx",
                "pegboard.namespace.runner_by_key",
                "pegboard.namespace.runner_config",
                "pegboard.runner.metadata",
            ]
        );
        let config = &families[4];
        assert_eq!(config.layout(), Layout::Flat);
        let versions: Vec<u16> = config
            .files()
            .expect("its files")
            .iter()
            .map(|f| f.version)
            .collect();
        assert_eq!(versions, [1, 2, 3, 4, 5, 6]);
        assert_eq!(
            config.version_path(7),
            dir.path().join("pegboard.namespace.runner_config.v7.bare")
        );
        assert_eq!(
            config.lock_path(),
            dir.path()
                .join("pegboard.namespace.runner_config.verso.lock")
        );
        assert_eq!(
            config.manifest_path(),
            dir.path()
                .join("pegboard.namespace.runner_config.verso.toml")
        );
        assert_eq!(config.module_name(), "pegboard_namespace_runner_config");
    }

    #[test]
    fn a_one_family_folder_is_named_after_the_folder() {
        let root = tempfile::tempdir().expect("temporary directory");
        let dir = root.path().join("todo");
        std::fs::create_dir(&dir).expect("create the family folder");
        for name in ["v1.bare", "v2.bare", "verso.lock"] {
            std::fs::write(dir.join(name), "").expect("write a test file");
        }
        let families = families_in(&dir).expect("a valid family folder");
        assert_eq!(families.len(), 1);
        let todo = &families[0];
        assert_eq!((todo.name(), todo.layout()), ("todo", Layout::Folder));
        assert_eq!(todo.version_path(3), dir.join("v3.bare"));
        assert_eq!(todo.lock_path(), dir.join("verso.lock"));
        assert_eq!(todo.manifest_path(), dir.join("verso.toml"));
        assert_eq!(todo.files().expect("its files").len(), 2);
    }

    #[test]
    fn mixing_the_layouts_names_the_files_of_each_kind() {
        let mixed = problems(&dir_with(&["v1.bare", "common.v1.bare", "common.v2.bare"]));
        assert!(mixed.contains("mixes the two layouts"), "{mixed}");
        assert!(mixed.contains("`v1.bare` belong"), "{mixed}");
        assert!(
            mixed.contains("`common.v1.bare`, `common.v2.bare`"),
            "{mixed}"
        );
    }

    #[test]
    fn bad_names_and_gaps_are_reported_per_file() {
        let bad = problems(&dir_with(&[
            "a.v1.bare",
            "a.v3.bare",
            "b.v01.bare",
            "c.v0.bare",
            ".v1.bare",
            "x..y.v1.bare",
            "sp ace.v1.bare",
            "common.bare",
        ]));
        assert!(bad.contains("`a.v2.bare` is missing"), "{bad}");
        assert!(
            bad.contains("`b.v01.bare`: write the version without leading zeros"),
            "{bad}"
        );
        assert!(bad.contains("`c.v0.bare`: versions start at 1"), "{bad}");
        assert!(
            bad.contains("`.v1.bare`: a family name has no empty parts"),
            "{bad}"
        );
        assert!(
            bad.contains("`x..y.v1.bare`: a family name has no empty parts"),
            "{bad}"
        );
        assert!(bad.contains("` ` cannot appear in a family name"), "{bad}");
        assert!(
            bad.contains("`common.bare` is not named like a version"),
            "{bad}"
        );
        let empty = problems(&dir_with(&["README.md"]));
        assert!(empty.contains("no schema files"), "{empty}");
    }

    #[test]
    fn a_flat_family_reports_its_own_gaps_only() {
        let dir = dir_with(&["a.v1.bare", "a.v2.bare", "b.v2.bare", "b.v4.bare"]);
        let a = FamilySource::flat(dir.path(), "a");
        assert_eq!(a.files().expect("a is whole").len(), 2);
        let b = FamilySource::flat(dir.path(), "b");
        let Err(FamilyError::Layout { problems, .. }) = b.files() else {
            panic!("b has a gap");
        };
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0].contains("`b.v3.bare` is missing"),
            "{problems:?}"
        );
        let missing = FamilySource::flat(dir.path(), "c");
        let Err(FamilyError::Layout { problems, .. }) = missing.files() else {
            panic!("c has no files");
        };
        assert!(problems[0].contains("`c.v1.bare`"), "{problems:?}");
    }

    #[test]
    fn find_family_takes_a_name_or_the_only_family() {
        let dir = dir_with(PEGBOARD);
        let found = find_family(dir.path(), Some("pegboard.runner.metadata")).expect("found");
        assert_eq!(
            (found.name(), found.layout()),
            ("pegboard.runner.metadata", Layout::Flat)
        );
        assert!(found.has_files());
        let Err(FindError::Ambiguous { names, .. }) = find_family(dir.path(), None) else {
            panic!("six families and no name");
        };
        assert_eq!(names.len(), 6, "{names:?}");

        let one = dir_with(&["common.v1.bare", "common.v2.bare"]);
        let found = find_family(one.path(), None).expect("the only family");
        assert_eq!(found.name(), "common");
        assert_eq!(found.files().expect("its files").len(), 2);
    }

    #[test]
    fn an_unknown_name_lists_the_families_and_suggests_a_close_one() {
        let dir = dir_with(PEGBOARD);
        let error = find_family(dir.path(), Some("pegboard.runner.metdata")).unwrap_err();
        let FindError::Unknown {
            layout,
            names,
            suggestion,
            ..
        } = &error
        else {
            panic!("expected an unknown name, got {error:?}");
        };
        assert_eq!(*layout, Some(Layout::Flat));
        assert_eq!(names.len(), 6);
        assert_eq!(suggestion.as_deref(), Some("pegboard.runner.metadata"));
        let shown = error.to_string();
        assert!(
            shown.contains(
                "has no family `pegboard.runner.metdata` (did you mean `pegboard.runner.metadata`?); its families are `pegboard.namespace.actor_by_key`, "
            ),
            "{shown}"
        );
        let Err(FindError::Unknown { suggestion, .. }) = find_family(dir.path(), Some("orders"))
        else {
            panic!("no family `orders`");
        };
        assert_eq!(suggestion, None);
    }

    #[test]
    fn a_one_family_folder_answers_only_to_its_own_name() {
        let root = tempfile::tempdir().expect("temporary directory");
        let dir = root.path().join("todo");
        std::fs::create_dir(&dir).expect("create the family folder");
        std::fs::write(dir.join("v1.bare"), "").expect("write a test file");
        for name in [None, Some("todo")] {
            let found = find_family(&dir, name).expect("the folder's family");
            assert_eq!((found.name(), found.layout()), ("todo", Layout::Folder));
        }
        let error = find_family(&dir, Some("todos")).unwrap_err();
        assert!(
            matches!(&error, FindError::Unknown { layout: Some(Layout::Folder), suggestion: Some(s), .. } if s == "todo"),
            "{error:?}"
        );
        assert!(
            error.to_string().contains("holds one family, `todo`"),
            "{error}"
        );
    }

    #[test]
    fn an_empty_folder_is_an_empty_one_family_folder_without_a_name() {
        let empty = dir_with(&["README.md"]);
        let found = find_family(empty.path(), None).expect("the empty family");
        assert_eq!(found.layout(), Layout::Folder);
        assert!(!found.has_files());
        let error = find_family(empty.path(), Some("common")).unwrap_err();
        assert!(
            matches!(&error, FindError::Unknown { layout: None, names, .. } if names.is_empty()),
            "{error:?}"
        );
        let missing = find_family(&empty.path().join("nowhere"), None).unwrap_err();
        assert!(
            matches!(missing, FindError::Layout(FamilyError::Io { .. })),
            "{missing:?}"
        );
    }

    #[test]
    fn only_a_mix_of_layouts_stops_finding_a_family() {
        let mixed = dir_with(&["v1.bare", "common.v1.bare"]);
        let error = find_family(mixed.path(), Some("common")).unwrap_err();
        assert!(
            error.to_string().contains("mixes the two layouts"),
            "{error}"
        );
        // Another family's gap and a stray file are `check`'s business.
        let dir = dir_with(&["a.v1.bare", "b.v1.bare", "b.v3.bare", "notes.bare"]);
        let a = find_family(dir.path(), Some("a")).expect("a is fine");
        assert_eq!(a.files().expect("a's files").len(), 1);
        let b = find_family(dir.path(), Some("b")).expect("b is found");
        assert!(b.files().is_err());
    }

    #[test]
    fn family_names_follow_the_file_name_rules() {
        check_family_name("pegboard.namespace.runner_config").expect("a valid name");
        check_family_name("client-protocol").expect("a valid name");
        let dots = check_family_name("a..b").unwrap_err();
        assert!(dots.contains("no empty parts"), "{dots}");
        let slash = check_family_name("a/b").unwrap_err();
        assert!(slash.contains("`/` cannot appear"), "{slash}");
    }

    #[test]
    fn module_names_are_identifiers() {
        assert_eq!(
            module_name("pegboard.runner.metadata"),
            "pegboard_runner_metadata"
        );
        assert_eq!(module_name("client-protocol"), "client_protocol");
        assert_eq!(module_name("2fa"), "_2fa");
    }
}
