//! `#import`: checking a schema file together with the files it imports.
//!
//! An import names one version of another family by its path relative to
//! the schema root (`common.v1.bare` beside the importer in a flat folder,
//! `common/v1.bare` beside the importer's folder). Each imported file is
//! read and checked once per load, with its own imports; its problems are
//! reported in its own file. The importer's checked schema then holds the
//! imported types after its own, each with its [`Origin`], so the rest of
//! the pipeline (models, plan, lock, dynamic codec) sees through imports.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::rc::Rc;

use crate::ast;
use crate::check::{Checked, Imports, Options, check_importing};
use crate::diagnostic::Diagnostic;
use crate::ir::{self, Origin};
use crate::source::{FamilySource, Named, classify};

use super::{Report, SourceFile, module_of, read_source};

/// Checks the files of one family load, following their imports.
pub(super) struct Resolver<'a> {
    /// The folder import paths are relative to.
    root: PathBuf,
    options: &'a Options,
    /// The family being loaded: no import may map to its module.
    family: (String, PathBuf, String),
    /// Imported files checked so far, by path: `None` when they have
    /// errors (reported once, in their own file).
    done: HashMap<String, Option<Rc<ir::Schema>>>,
    /// The import chain being followed, for cycles.
    visiting: Vec<String>,
}

/// Why an import could not be used.
enum Failed {
    /// The imported file has errors, reported in that file.
    Reported,
    /// The chain of a cycle, from the file imported again back to it.
    Cycle(Vec<String>),
    /// A problem at the import line itself.
    Here(Box<Diagnostic>),
}

impl<'a> Resolver<'a> {
    /// A resolver for the family at `source`, whose schema root is the
    /// folder itself for a flat folder and its parent for a one-family one.
    pub(super) fn new(source: &FamilySource, options: &'a Options) -> Self {
        let root = match source.layout() {
            crate::source::Layout::Flat => source.dir().to_owned(),
            crate::source::Layout::Folder => source
                .dir()
                .parent()
                .map(Path::to_owned)
                .unwrap_or_default(),
        };
        Resolver {
            root,
            options,
            family: (
                module_of(source),
                source.dir().to_owned(),
                source.name().to_owned(),
            ),
            done: HashMap::new(),
            visiting: Vec::new(),
        }
    }

    /// Checks one version file of the family (already read), its imports
    /// followed; diagnostics about the file are returned, those about
    /// imported files go into `report` with their sources.
    pub(super) fn check(&mut self, path: &Path, text: &str, report: &mut Report) -> Checked {
        self.visiting.push(self.relative(path));
        let checked = self.check_text(text, report);
        self.visiting.pop();
        checked
    }

    fn check_with_imports(
        &mut self,
        ast: &ast::Schema,
        len: usize,
        report: &mut Report,
    ) -> Checked {
        let mut problems = Vec::new();
        let mut broken = false;
        let mut imports = Imports::default();
        // Each module an import maps to, and the family it stands for.
        let mut modules: HashMap<String, (PathBuf, String)> = HashMap::new();
        modules.insert(
            self.family.0.clone(),
            (self.family.1.clone(), self.family.2.clone()),
        );
        for import in &ast.imports {
            let origin = match self.origin(import) {
                Ok(origin) => origin,
                Err(problem) => {
                    problems.push(*problem);
                    broken = true;
                    continue;
                }
            };
            let schema = match self.resolve(&origin, import, report) {
                Ok(schema) => schema,
                Err(Failed::Reported) => {
                    broken = true;
                    continue;
                }
                Err(Failed::Here(problem)) => {
                    problems.push(*problem);
                    broken = true;
                    continue;
                }
                Err(Failed::Cycle(chain)) => {
                    problems.push(
                        Diagnostic::error(
                            format!("import cycle: {}", chain.join(" → ")),
                            import.path_span,
                        )
                        .with_code("import-cycle")
                        .with_label("this import leads back to the file importing it")
                        .with_help(
                            "move the types both files need into a third file that both import",
                        ),
                    );
                    broken = true;
                    continue;
                }
            };
            // Every family reached, directly or through this import, must
            // have a module of its own.
            let reached = std::iter::once(origin.clone())
                .chain(schema.types().filter_map(|def| def.origin.clone()));
            for reached in reached {
                let family = (
                    self.root.join(origin_dir(&reached.path)),
                    reached.family.clone(),
                );
                match modules.get(&reached.module) {
                    Some(other) if *other != family => problems.push(
                        Diagnostic::error(
                            format!("two families map to the Rust module `{}`", reached.module),
                            import.path_span,
                        )
                        .with_code("import-module-clash")
                        .with_label(format!(
                            "family `{}` ({}) would be generated in module `{}`",
                            reached.family, reached.path, reached.module
                        ))
                        .with_help(format!(
                            "`{}` in {} has that module name too; rename one of the families",
                            other.1,
                            other.0.display()
                        )),
                    ),
                    Some(_) => {}
                    None => {
                        modules.insert(reached.module.clone(), family);
                    }
                }
            }
            for conflict in imports.add(&schema, &origin) {
                problems.push(
                    Diagnostic::error(
                        format!("type `{}` is defined in two imported files", conflict.name),
                        import.path_span,
                    )
                    .with_code("import-conflict")
                    .with_label(format!(
                        "{} defines `{}`",
                        conflict.second.path, conflict.name
                    ))
                    .with_help(format!(
                        "{} defines it too; keep one definition, or import only one of the files",
                        conflict.first.path
                    )),
                );
            }
        }
        if broken {
            // Without the imported types, the file's own check would only
            // repeat the problem as undefined names.
            return crate::check::failed(problems);
        }
        let mut checked = check_importing(ast, len, self.options, &imports);
        if !problems.is_empty() {
            checked.schema = None;
            checked.diagnostics.extend(problems);
            checked.diagnostics.sort_by_key(|d| d.primary.span.start);
        }
        checked
    }

    /// The family and version an import names, or why its path is not one.
    fn origin(&self, import: &ast::Import) -> Result<Origin, Box<Diagnostic>> {
        let bad = |message: String, code: &'static str, help: String| {
            Box::new(
                Diagnostic::error(message, import.path_span)
                    .with_code(code)
                    .with_label("imported here")
                    .with_help(help),
            )
        };
        let path = Path::new(&import.path);
        if path.is_absolute()
            || path
                .components()
                .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir))
        {
            return Err(bad(
                format!("`{}` is outside the schema root", import.path),
                "import-outside-root",
                format!(
                    "import paths are relative to the schema root ({}) and stay inside it: no \
                     `..`, no absolute paths",
                    self.root.display()
                ),
            ));
        }
        let file_name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let named = match classify(&file_name) {
            Some(Ok(named)) => named,
            Some(Err(problem)) => {
                return Err(bad(
                    format!("`{}` does not name a version of a family", import.path),
                    "import-path",
                    problem,
                ));
            }
            None => {
                return Err(bad(
                    format!("`{}` is not a schema file", import.path),
                    "import-path",
                    "import a `.bare` file: `common.v1.bare`, or `common/v1.bare`".to_owned(),
                ));
            }
        };
        let dir = self.root.join(path.parent().unwrap_or(Path::new("")));
        let (source, version) = match named {
            Named::Folder(version) => {
                if path.parent().is_none_or(|p| p.as_os_str().is_empty()) {
                    return Err(bad(
                        format!("`{}` names no family", import.path),
                        "import-path",
                        "a one-family folder's file is imported with its folder: \
                         `common/v1.bare`"
                            .to_owned(),
                    ));
                }
                (FamilySource::folder(&dir), version)
            }
            Named::Flat(name, version) => (FamilySource::flat(&dir, name), version),
        };
        Ok(Origin {
            family: source.name().to_owned(),
            module: module_of(&source),
            version,
            path: normal(&import.path),
        })
    }

    /// The checked schema of an imported file, checking it (and what it
    /// imports) the first time.
    fn resolve(
        &mut self,
        origin: &Origin,
        import: &ast::Import,
        report: &mut Report,
    ) -> Result<Rc<ir::Schema>, Failed> {
        let key = normal(&origin.path);
        if let Some(start) = self.visiting.iter().position(|p| *p == key) {
            let mut chain = self.visiting[start..].to_vec();
            chain.push(key);
            return Err(Failed::Cycle(chain));
        }
        if let Some(done) = self.done.get(&key) {
            return done.clone().ok_or(Failed::Reported);
        }
        let path = self.root.join(&key);
        let text = match read_source(&path) {
            Ok(text) => text,
            Err(finding) => {
                let why = match *finding {
                    super::Finding::Plain { message, .. } => message,
                    super::Finding::Spanned { .. } => String::new(),
                };
                let missing = !path.exists();
                let diagnostic = Diagnostic::error(
                    if missing {
                        format!("imported file `{}` does not exist", origin.path)
                    } else {
                        format!("imported file `{}` cannot be read", origin.path)
                    },
                    import.path_span,
                )
                .with_code("import-missing")
                .with_label(format!("looked for {}", path.display()))
                .with_help(if missing {
                    format!(
                        "import paths are relative to the schema root ({}); check the name, \
                         or create the file",
                        self.root.display()
                    )
                } else {
                    why
                });
                return Err(Failed::Here(Box::new(diagnostic)));
            }
        };
        report.read.push(path.clone());
        self.visiting.push(key.clone());
        let checked = self.check_text(&text, report);
        self.visiting.pop();
        let file = report.sources.len();
        report.sources.push(SourceFile { path, text });
        let broken = checked.has_errors();
        let schema = checked.schema.filter(|_| !broken).map(Rc::new);
        report.add_spanned(file, checked.diagnostics);
        self.done.insert(key, schema.clone());
        schema.ok_or(Failed::Reported)
    }

    /// Checks one file's text, following its imports; the caller has put
    /// the file on the import chain.
    fn check_text(&mut self, text: &str, report: &mut Report) -> Checked {
        match crate::parse::parse(text) {
            Ok(ast) if ast.imports.is_empty() => {
                check_importing(&ast, text.len(), self.options, &Imports::default())
            }
            Ok(ast) => self.check_with_imports(&ast, text.len(), report),
            Err(diagnostics) => crate::check::failed(diagnostics),
        }
    }

    /// `path` relative to the schema root, as imports write it.
    fn relative(&self, path: &Path) -> String {
        normal(
            &path
                .strip_prefix(&self.root)
                .unwrap_or(path)
                .to_string_lossy(),
        )
    }
}

/// The folder part of an import path (`shared` of `shared/common.v1.bare`,
/// `common` of `common/v1.bare`).
fn origin_dir(path: &str) -> PathBuf {
    Path::new(path)
        .parent()
        .map(Path::to_owned)
        .unwrap_or_default()
}

/// An import path with `./` parts dropped and `/` separators, so one file
/// has one key.
fn normal(path: &str) -> String {
    Path::new(path)
        .components()
        .filter_map(|c| match c {
            Component::Normal(part) => Some(part.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests;
