//! The one family loader: files, versions, manifest, lock, Rust models and
//! the family plan, with every problem kept as a value until the caller
//! renders it. The build, `verso check`, `diff`, `scaffold`, `gen`,
//! `retire` and the codec commands all load a family through here, so what
//! the build would reject, `check` rejects too.
//!
//! Stages, each stopping the load when it finds errors: the directory's
//! layout ([`crate::family::discover`]); reading and checking every version
//! file; the manifest `verso.toml` (parsed, then checked against the
//! versions); the lock `verso.lock` (frozen versions unchanged, retired ones
//! gone); lowering every version into its Rust model (Rust-name collisions);
//! the family plan.

use std::path::{Path, PathBuf};

use crate::check::{Options, check};
use crate::diagnostic::{Diagnostic, Severity, line_column};
use crate::evolve::{self, FamilyPlan, Rules};
use crate::ir;
use crate::lock::{self, Lock};
use crate::manifest::{self, Manifest};
use crate::model::{self, EmitOptions, Model};
use crate::source::{FamilySource, Layout};

mod imports;

/// A file the family is made of, kept so diagnostics can be rendered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceFile {
    /// Its path.
    pub path: PathBuf,
    /// Its text.
    pub text: String,
}

/// One problem found while loading a family.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Finding {
    /// A diagnostic whose spans point into [`Report::sources`]`[file]`.
    Spanned {
        /// Index of the file in [`Report::sources`].
        file: usize,
        /// The diagnostic.
        diagnostic: Diagnostic,
    },
    /// A problem of the family as a whole (layout, reading, the lock): one
    /// sentence, already naming the file it concerns.
    Plain {
        /// Error or warning.
        severity: Severity,
        /// The kind of problem (`frozen-version-changed`, `unreadable-file`, …).
        code: &'static str,
        /// What is wrong and how to fix it.
        message: String,
    },
}

impl Finding {
    /// Error or warning.
    pub fn severity(&self) -> Severity {
        match self {
            Finding::Spanned { diagnostic, .. } => diagnostic.severity,
            Finding::Plain { severity, .. } => *severity,
        }
    }

    fn plain(severity: Severity, code: &'static str, message: impl Into<String>) -> Self {
        Finding::Plain {
            severity,
            code,
            message: message.into(),
        }
    }

    /// The kind of problem, a stable name tools can filter on.
    pub fn code(&self) -> &'static str {
        match self {
            Finding::Spanned { diagnostic, .. } => diagnostic.code,
            Finding::Plain { code, .. } => code,
        }
    }
}

/// Everything found while loading, with the sources to render it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// The files diagnostics point into: schema versions, then the
    /// manifest if present (or the lock, when it does not parse).
    pub sources: Vec<SourceFile>,
    /// Every problem, in the order found.
    pub findings: Vec<Finding>,
    /// Every file read, in the order read: schema versions, the manifest,
    /// the lock — whether or not checking got as far as them, so a count of
    /// the files checked is the same on success and on failure.
    pub read: Vec<PathBuf>,
}

impl Report {
    /// How many findings are errors.
    pub fn errors(&self) -> usize {
        self.count(Severity::Error)
    }

    /// How many findings are warnings.
    pub fn warnings(&self) -> usize {
        self.count(Severity::Warning)
    }

    fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity() == severity)
            .count()
    }

    /// Renders one finding like rustc (`color` adds ANSI colours).
    pub fn render(&self, finding: &Finding, color: bool) -> String {
        match finding {
            Finding::Spanned { file, diagnostic } => {
                let source = &self.sources[*file];
                diagnostic.render(&source.path.display().to_string(), &source.text, color)
            }
            Finding::Plain {
                severity, message, ..
            } => format!("{severity}: {message}\n"),
        }
    }

    /// Renders one finding on one line (`path:line:column: message`), for
    /// build-script warnings, which cargo shows a line each.
    pub fn render_line(&self, finding: &Finding) -> String {
        match finding {
            Finding::Spanned { file, diagnostic } => {
                let source = &self.sources[*file];
                let (line, column) = line_column(&source.text, diagnostic.primary.span.start);
                let help = diagnostic
                    .help
                    .as_ref()
                    .map(|h| format!(" (help: {h})"))
                    .unwrap_or_default();
                format!(
                    "{}:{line}:{column}: {}{help}",
                    source.path.display(),
                    diagnostic.message
                )
            }
            Finding::Plain { message, .. } => message.clone(),
        }
    }

    /// A report of one problem that concerns no position in a file.
    pub fn of_finding(finding: Finding) -> Report {
        Report {
            sources: Vec::new(),
            findings: vec![finding],
            read: Vec::new(),
        }
    }

    /// Every finding rendered, in order.
    pub fn render_all(&self, color: bool) -> String {
        self.findings
            .iter()
            .map(|f| self.render(f, color))
            .collect()
    }

    fn add_spanned(&mut self, file: usize, diagnostics: impl IntoIterator<Item = Diagnostic>) {
        self.findings.extend(
            diagnostics
                .into_iter()
                .map(|diagnostic| Finding::Spanned { file, diagnostic }),
        );
    }
}

/// Reads and checks one schema file on its own (`verso check FILE.bare`):
/// its diagnostics, or why it could not be read.
pub fn check_file(path: &Path, options: &Options) -> Report {
    let mut report = Report::default();
    if let Some(text) = read_text(path, &mut report) {
        // A file named like a version follows its imports from the schema
        // root its family would have.
        let checked = match file_source(path) {
            Some(source) => {
                imports::Resolver::new(&source, options).check(path, &text, &mut report)
            }
            None => check(&text, options),
        };
        // After the imported files the check may have added.
        let id = report.sources.len();
        report.sources.push(SourceFile {
            path: path.to_owned(),
            text,
        });
        report.add_spanned(id, checked.diagnostics);
    }
    report
}

/// The family a schema file named like a version belongs to.
fn file_source(path: &Path) -> Option<FamilySource> {
    let name = path.file_name()?.to_str()?;
    let dir = path.parent().unwrap_or(Path::new(""));
    match crate::source::classify(name)? {
        Ok(crate::source::Named::Folder(_)) => Some(FamilySource::folder(dir)),
        Ok(crate::source::Named::Flat(family, _)) => Some(FamilySource::flat(dir, family)),
        Err(_) => None,
    }
}

/// Whether to compare the family with its `verso.lock`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LockCheck {
    /// Frozen versions must be unchanged (the build, `check`, `diff`, …).
    Verify,
    /// Skip it (for the commands that write the lock and verify it
    /// themselves).
    Skip,
}

/// A loaded family, ready to be planned, generated and scaffolded.
pub struct Family {
    /// The directory.
    pub dir: PathBuf,
    /// The family's module name: its folder's name in snake_case, or NAME
    /// with `.` as `_` for a family of a flat folder.
    pub name: String,
    /// Every version's checked schema, oldest first.
    pub versions: Vec<(u16, ir::Schema)>,
    /// The manifest (empty when there is no `verso.toml`).
    pub manifest: Manifest,
    /// The lock (empty when there is no `verso.lock`).
    pub lock: Lock,
    /// The plan of every step.
    pub plan: FamilyPlan,
    pub(crate) models: Vec<Model>,
    options: EmitOptions,
}

impl std::fmt::Debug for Family {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Family")
            .field("dir", &self.dir)
            .field("name", &self.name)
            .field("versions", &self.versions.len())
            .field("plan", &self.plan)
            .finish_non_exhaustive()
    }
}

impl Family {
    /// The oldest version present.
    pub fn oldest(&self) -> u16 {
        self.versions.first().map_or(0, |(v, _)| *v)
    }

    /// The latest version.
    pub fn latest(&self) -> u16 {
        self.versions.last().map_or(0, |(v, _)| *v)
    }

    /// The Rust source of the whole family (what `include_family!` reads).
    pub fn generate(&self) -> Result<String, crate::emit::EmitError> {
        crate::emit::family(&self.models, &self.plan, &self.options)
    }

    /// Stubs for the converters the user writes, at every step or only the
    /// one from `from`; `module` is where the family is included
    /// (`crate::todo`).
    pub fn scaffold(
        &self,
        from: Option<u16>,
        module: &str,
    ) -> Result<String, crate::emit::EmitError> {
        crate::emit::scaffold(&self.models, &self.plan, from, module)
    }
}

/// The outcome of [`load`]: the family when it has no errors, and
/// everything found either way.
#[derive(Debug)]
pub struct Loaded {
    /// The family, unless the report has errors.
    pub family: Option<Family>,
    /// Everything found.
    pub report: Report,
    /// Every schema file the family consists of, readable or not (for
    /// `rerun-if-changed`).
    pub inputs: Vec<PathBuf>,
}

/// The module name of the family in `dir`: its directory name in snake_case.
pub fn family_name(dir: &Path) -> String {
    let base = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    model::names::module_name(&base)
}

/// The Rust module a family is generated in: a one-family folder's name in
/// snake_case, a flat family's NAME with `.` and `-` as `_`.
fn module_of(source: &FamilySource) -> String {
    match source.layout() {
        Layout::Folder => family_name(source.dir()),
        Layout::Flat => source.module_name(),
    }
}

/// Loads the family held alone in `dir` (`DIR/vN.bare`).
pub fn load(dir: &Path, check_options: &Options, emit: &EmitOptions, lock: LockCheck) -> Loaded {
    load_source(&FamilySource::folder(dir), check_options, emit, lock)
}

/// Loads the family at `source`, in either layout.
pub fn load_source(
    source: &FamilySource,
    check_options: &Options,
    emit: &EmitOptions,
    lock: LockCheck,
) -> Loaded {
    load_source_up_to(source, None, check_options, emit, lock)
}

/// Loads the family at `source` as it stood at version `up_to` (all of it
/// for `None`): an old release built from today's folder. Files of later
/// versions are not read at all (the release never had them), the lock is
/// checked for versions up to `up_to` only, and the manifest's entries
/// about later versions are left out: `[renamed.vK]` tables with K >
/// `up_to`, `[manual]` steps from `up_to` on, and roots not defined in
/// v`up_to` (types added later; the rest of the roots, or the inferred
/// ones, apply). A version the family does not have is an error
/// (`up-to-not-a-version`) naming the versions it has.
pub fn load_source_up_to(
    source: &FamilySource,
    up_to: Option<u16>,
    check_options: &Options,
    emit: &EmitOptions,
    lock: LockCheck,
) -> Loaded {
    let mut report = Report::default();
    let mut inputs = Vec::new();
    let family = read_family(source, up_to, lock, &mut report, &mut inputs)
        .and_then(|texts| assemble(texts, check_options, emit, &mut report));
    let family = family.filter(|_| report.errors() == 0);
    // Imported files are inputs too: changing one changes the importer.
    let imported: Vec<PathBuf> = report
        .read
        .iter()
        .filter(|path| path.extension().is_some_and(|e| e == "bare") && !inputs.contains(path))
        .cloned()
        .collect();
    inputs.extend(imported);
    Loaded {
        family,
        report,
        inputs,
    }
}

/// Loads a family from texts in memory (for tests and tools that hold the
/// schemas themselves): `versions` as `(version, text)`, oldest first and
/// consecutive, and the manifest's text if any. Paths in diagnostics read
/// `vN.bare` and `verso.toml`; no lock is consulted.
pub fn load_texts(
    name: &str,
    versions: &[(u16, &str)],
    manifest: Option<&str>,
    check_options: &Options,
    emit: &EmitOptions,
) -> Loaded {
    let texts = Texts {
        source: None,
        dir: PathBuf::from(name),
        name: family_name(Path::new(name)),
        label: name.to_owned(),
        versions: versions
            .iter()
            .map(|(v, text)| (*v, PathBuf::from(format!("v{v}.bare")), (*text).to_owned()))
            .collect(),
        manifest: manifest.map(|text| (PathBuf::from(manifest::FILE_NAME), text.to_owned())),
        lock: (Lock::default(), LockCheck::Skip),
        up_to: None,
    };
    let mut report = Report::default();
    let family = assemble(texts, check_options, emit, &mut report);
    let family = family.filter(|_| report.errors() == 0);
    Loaded {
        family,
        report,
        inputs: Vec::new(),
    }
}

/// What a family is made of, read but not yet checked.
struct Texts {
    /// Where the family is on disk (imports resolve from there); `None`
    /// for texts held in memory, whose imports are not followed.
    source: Option<FamilySource>,
    dir: PathBuf,
    /// The family's module name.
    name: String,
    /// How messages about the family as a whole name it: the folder, and
    /// the family's name in a flat folder.
    label: String,
    versions: Vec<(u16, PathBuf, String)>,
    manifest: Option<(PathBuf, String)>,
    lock: (Lock, LockCheck),
    /// The version the family is loaded at, when not its latest (see
    /// [`load_source_up_to`]); `versions` already stop there.
    up_to: Option<u16>,
}

/// Loads every family in `dir` (one for a one-family folder, one per NAME
/// in a flat one), in name order; a folder breaking the layout rules is one
/// `Loaded` whose report says why.
pub fn load_all(
    dir: &Path,
    check_options: &Options,
    emit: &EmitOptions,
    lock: LockCheck,
) -> Vec<Loaded> {
    match crate::source::families_in(dir) {
        Ok(sources) => sources
            .iter()
            .map(|source| load_source(source, check_options, emit, lock))
            .collect(),
        Err(error) => vec![Loaded {
            family: None,
            report: Report::of_finding(Finding::plain(
                Severity::Error,
                "family-layout",
                error.to_string(),
            )),
            inputs: Vec::new(),
        }],
    }
}

/// Reads the files of the family at `source`; `None` when one cannot be
/// read (reported).
fn read_family(
    source: &FamilySource,
    up_to: Option<u16>,
    lock_check: LockCheck,
    report: &mut Report,
    inputs: &mut Vec<PathBuf>,
) -> Option<Texts> {
    let dir = source.dir();
    let label = match source.layout() {
        Layout::Folder => dir.display().to_string(),
        Layout::Flat => format!("{}, family `{}`", dir.display(), source.name()),
    };
    let mut files = match source.files() {
        Ok(files) => files,
        Err(error) => {
            report.findings.push(Finding::plain(
                Severity::Error,
                "family-layout",
                error.to_string(),
            ));
            return None;
        }
    };
    if let Some(up_to) = up_to {
        if !files.iter().any(|f| f.version == up_to) {
            let oldest = files.first().map_or(0, |f| f.version);
            let latest = files.last().map_or(0, |f| f.version);
            report.findings.push(Finding::plain(
                Severity::Error,
                "up-to-not-a-version",
                format!(
                    "{label}: cannot build the family as it stood at v{up_to}: it has versions v{oldest} to v{latest}; give one of those to `up_to`"
                ),
            ));
            return None;
        }
        // Later files are not read: the old release never had them.
        files.retain(|f| f.version <= up_to);
    }
    inputs.extend(files.iter().map(|f| f.path.clone()));
    let mut versions = Vec::with_capacity(files.len());
    for file in &files {
        if let Some(text) = read_text(&file.path, report) {
            versions.push((file.version, file.path.clone(), text));
        }
    }
    let path = source.manifest_path();
    let manifest = if path.exists() {
        let text = read_text(&path, report)?;
        Some((path, text))
    } else {
        None
    };
    // The lock is a source like the others: a malformed line is a
    // diagnostic at its line and column.
    let path = source.lock_path();
    let mut lock = if path.exists() {
        let text = read_text(&path, report)?;
        match Lock::parse(&text) {
            Ok(lock) => lock,
            Err(diagnostic) => {
                let id = report.sources.len();
                report.sources.push(SourceFile { path, text });
                report.add_spanned(id, [*diagnostic]);
                return None;
            }
        }
    } else {
        Lock::default()
    };
    if let Some(up_to) = up_to {
        // What was frozen later is checked by the builds that have it.
        lock.frozen.retain(|version, _| *version <= up_to);
        lock.meaning.retain(|version, _| *version <= up_to);
    }
    let name = module_of(source);
    (report.errors() == 0).then(|| Texts {
        source: Some(source.clone()),
        dir: dir.to_owned(),
        name,
        label,
        versions,
        manifest,
        lock: (lock, lock_check),
        up_to,
    })
}

/// Checks, validates, lowers and plans a family read into memory.
fn assemble(
    texts: Texts,
    check_options: &Options,
    emit: &EmitOptions,
    report: &mut Report,
) -> Option<Family> {
    // Each version's schema, and the source its diagnostics point into.
    let mut versions = Vec::with_capacity(texts.versions.len());
    let mut files = Vec::with_capacity(texts.versions.len());
    let mut resolver = texts
        .source
        .as_ref()
        .map(|source| imports::Resolver::new(source, check_options));
    for (version, path, text) in texts.versions {
        let checked = match &mut resolver {
            Some(resolver) => resolver.check(&path, &text, report),
            None => check(&text, check_options),
        };
        let id = report.sources.len();
        report.sources.push(SourceFile { path, text });
        report.add_spanned(id, checked.diagnostics);
        if let Some(schema) = checked.schema {
            versions.push((version, schema));
            files.push(id);
        }
    }
    if report.errors() > 0 {
        return None;
    }
    let manifest = match texts.manifest {
        Some((path, text)) => read_manifest(path, text, &versions, texts.up_to, report)?,
        None => Manifest::default(),
    };
    let (lock, lock_check) = texts.lock;
    if lock_check == LockCheck::Verify {
        for problem in lock::verify(&lock, &versions) {
            report.findings.push(lock_finding(
                &problem,
                &texts.label,
                texts.source.as_ref(),
                &versions,
                &files,
            ));
        }
        if report.errors() > 0 {
            return None;
        }
    }
    let mut models = Vec::with_capacity(versions.len());
    for ((version, schema), id) in versions.iter().zip(&files) {
        match model::lower(*version, schema, emit) {
            Ok(model) => models.push(model),
            Err(diagnostics) => report.add_spanned(*id, diagnostics),
        }
    }
    if report.errors() > 0 {
        return None;
    }
    let rules = rules(&manifest, emit);
    let plan = evolve::plan(&models, &rules);
    for problem in import_steps(&models, &plan) {
        report.findings.push(Finding::plain(
            Severity::Error,
            "import-step",
            format!("{}: {problem}", texts.label),
        ));
    }
    if report.errors() > 0 {
        return None;
    }
    Some(Family {
        name: texts.name,
        dir: texts.dir,
        versions,
        manifest,
        lock,
        plan,
        models,
        options: emit.clone(),
    })
}

/// Steps an imported type cannot take: the plan converts an imported type
/// with its own family's impls, which lead from one version of that family
/// to the next; a type defined here in one version and imported in the
/// next (or imported from two families) has no such impl, and writing one
/// here would clash with that family's.
fn import_steps(models: &[Model], plan: &FamilyPlan) -> Vec<String> {
    let mut problems = Vec::new();
    for (pair, step) in models.windows(2).zip(&plan.steps) {
        let (old, new) = (&pair[0], &pair[1]);
        for p in step.pairs.iter().filter(|p| !p.lifted && p.reachable) {
            let (a, b) = (&old.items[p.old].imported, &new.items[p.new].imported);
            let problem = match (a, b) {
                (None, None) => continue,
                (Some(a), Some(b))
                    if a.family == b.family
                        && (a.version == b.version
                            || a.version.checked_add(1) == Some(b.version)) =>
                {
                    continue;
                }
                (Some(a), Some(b)) if a.family == b.family => format!(
                    "v{} imports `{}` from {} and v{} from {}: versions {} and {} of `{}` are \
                     not consecutive, so no converter of `{}` leads from one to the other; \
                     import the same version in both, or the next one",
                    step.from,
                    p.new_name,
                    a.path,
                    step.to,
                    b.path,
                    a.version,
                    b.version,
                    a.family,
                    a.family
                ),
                (Some(a), Some(b)) => format!(
                    "`{}` comes from family `{}` in v{} and from `{}` in v{}: a type keeps \
                     the family it is imported from",
                    p.new_name, a.family, step.from, b.family, step.to
                ),
                (Some(a), None) | (None, Some(a)) => format!(
                    "`{}` is imported from {} in one of v{} and v{} and defined in the other: \
                     a converter between them would clash with `{}`'s own; import it in both \
                     versions, or define it in both (under another name, if need be)",
                    p.new_name, a.path, step.from, step.to, a.family
                ),
            };
            problems.push(problem);
        }
    }
    problems
}

/// A problem of the lock as a finding: in the changed file, at the change,
/// when it has a place there (`files[i]` is the source of `versions[i]`);
/// otherwise about the family as a whole.
fn lock_finding(
    problem: &lock::LockProblem,
    family: &str,
    source: Option<&FamilySource>,
    versions: &[(u16, ir::Schema)],
    files: &[usize],
) -> Finding {
    // The family's own file names (`NAME.v2.bare` in a flat folder).
    let message = source.map_or_else(|| problem.to_string(), |s| problem.message(s));
    let file = |version: u16| {
        versions
            .iter()
            .zip(files)
            .find(|((v, _), _)| *v == version)
            .map(|(_, file)| *file)
    };
    let spanned = problem
        .diagnostic()
        .and_then(|(version, diagnostic)| Some((file(version)?, diagnostic)));
    if let Some((file, mut diagnostic)) = spanned {
        diagnostic.message = message;
        return Finding::Spanned { file, diagnostic };
    }
    let severity = if problem.is_error() {
        Severity::Error
    } else {
        Severity::Warning
    };
    Finding::plain(severity, problem.code(), format!("{family}: {message}"))
}

/// The manifest's rules with the build configuration's added.
fn rules(manifest: &Manifest, emit: &EmitOptions) -> Rules {
    let mut roots: Vec<String> = manifest.roots.iter().map(|r| r.name.clone()).collect();
    roots.extend(emit.roots.iter().cloned());
    let renamed = manifest
        .renamed
        .iter()
        .filter(|r| r.owner.is_none())
        .map(|r| (r.version, r.new.name.clone(), r.old.name.clone()))
        .collect();
    let mut manual: Vec<(String, u16)> = manifest
        .manual
        .iter()
        .map(|m| (m.name.name.clone(), m.from))
        .collect();
    manual.extend(emit.manual.iter().cloned());
    let renamed_parts = manifest
        .renamed
        .iter()
        .filter_map(|r| {
            let owner = r.owner.as_ref()?;
            Some((
                r.version,
                owner.name.clone(),
                r.new.name.clone(),
                r.old.name.clone(),
            ))
        })
        .collect();
    Rules {
        roots,
        renamed,
        renamed_parts,
        manual,
    }
}

/// Parses and validates the manifest; `None` when it has errors
/// (reported).
fn read_manifest(
    path: PathBuf,
    text: String,
    versions: &[(u16, ir::Schema)],
    up_to: Option<u16>,
    report: &mut Report,
) -> Option<Manifest> {
    let id = report.sources.len();
    report.sources.push(SourceFile { path, text });
    let mut manifest = match Manifest::parse(&report.sources[id].text) {
        Ok(manifest) => manifest,
        Err(diagnostics) => {
            report.add_spanned(id, diagnostics);
            return None;
        }
    };
    if let (Some(up_to), Some((_, latest))) = (up_to, versions.last()) {
        // Entries about versions the release did not have yet.
        manifest.renamed.retain(|rename| rename.version <= up_to);
        manifest.manual.retain(|step| step.from < up_to);
        manifest
            .roots
            .retain(|root| latest.lookup(&root.name).is_some());
    }
    let schemas: Vec<(u16, &ir::Schema)> = versions.iter().map(|(v, s)| (*v, s)).collect();
    let problems = manifest.validate(&schemas);
    let fatal = problems.iter().any(Diagnostic::is_error);
    report.add_spanned(id, problems);
    (!fatal).then_some(manifest)
}

/// A file's text; unreadable files and invalid UTF-8 are reported. A file
/// whose bytes were read counts as read even when they are not UTF-8.
fn read_text(path: &Path, report: &mut Report) -> Option<String> {
    let text = read_bytes(path).and_then(|bytes| {
        report.read.push(path.to_owned());
        utf8(path, bytes)
    });
    match text {
        Ok(text) => Some(text),
        Err(finding) => {
            report.findings.push(*finding);
            None
        }
    }
}

/// The largest schema, manifest or lock file verso reads: 16 MiB. Far
/// above real schemas (a 50,000-type family is under 3 MB), and it keeps
/// checking any file within a few hundred megabytes of memory.
pub const MAX_FILE_BYTES: u64 = 16 << 20;

/// Reads a source file as UTF-8 text, refusing one above
/// [`MAX_FILE_BYTES`] before reading it; the problem comes back as a
/// finding (`unreadable-file`, `file-too-large`, `not-utf8`).
pub fn read_source(path: &Path) -> Result<String, Box<Finding>> {
    read_bytes(path).and_then(|bytes| utf8(path, bytes))
}

/// A source file's bytes, refusing more than [`MAX_FILE_BYTES`].
fn read_bytes(path: &Path) -> Result<Vec<u8>, Box<Finding>> {
    use std::io::Read;
    let unreadable = |error: std::io::Error| {
        Box::new(Finding::plain(
            Severity::Error,
            "unreadable-file",
            format!("{}: cannot read: {error}", path.display()),
        ))
    };
    let too_large = || {
        Box::new(Finding::plain(
            Severity::Error,
            "file-too-large",
            format!(
                "{}: the file is larger than {} MiB, the most verso reads; split the schema \
                 into smaller ones (or check that this is the file you meant)",
                path.display(),
                MAX_FILE_BYTES >> 20
            ),
        ))
    };
    let file = std::fs::File::open(path).map_err(unreadable)?;
    if file.metadata().is_ok_and(|m| m.len() > MAX_FILE_BYTES) {
        return Err(too_large());
    }
    // Bounded even when the size was not known up front (a pipe).
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large());
    }
    Ok(bytes)
}

/// A source file's bytes as text; invalid UTF-8 is a finding at its line
/// and column.
fn utf8(path: &Path, bytes: Vec<u8>) -> Result<String, Box<Finding>> {
    String::from_utf8(bytes).map_err(|error| {
        let at = error.utf8_error().valid_up_to();
        let valid = std::str::from_utf8(&error.as_bytes()[..at]).unwrap_or_default();
        let (line, column) = line_column(valid, at);
        Box::new(Finding::plain(
            Severity::Error,
            "not-utf8",
            format!(
                "{}:{line}:{column}: the file is not valid UTF-8 (byte {at}); it must be UTF-8 text",
                path.display()
            ),
        ))
    })
}

#[cfg(test)]
mod tests;
