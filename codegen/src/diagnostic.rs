//! Diagnostics as plain values: what went wrong, where, and how to fix it.
//!
//! The front end never prints. It returns [`Diagnostic`]s and the caller
//! decides how to show them: [`Diagnostic::render`] draws them like rustc
//! (file:line:column, the source line and a caret) for terminals and build
//! scripts.

use std::fmt;

use crate::span::Span;

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The schema is accepted, but something deserves attention.
    Warning,
    /// The schema is rejected.
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// A span with a short message explaining its part in a diagnostic.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    /// The bytes the label points at.
    pub span: Span,
    /// What the reader should notice there (may be empty).
    pub message: String,
}

/// One problem found in a schema.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// One sentence saying what is wrong.
    pub message: String,
    /// Where the problem is; its span is what tests and tools compare.
    pub primary: Label,
    /// Other places that explain the problem (the first definition of a
    /// duplicated name, the rest of a cycle, …).
    pub secondary: Vec<Label>,
    /// How to fix it, when there is something useful to say.
    pub help: Option<String>,
    /// A stable name for the kind of problem (`undefined-type`,
    /// `legacy-syntax`, …), for tools that filter or link to it.
    pub code: &'static str,
}

impl Diagnostic {
    /// An error at `span`.
    pub fn error(message: impl Into<String>, span: Span) -> Self {
        Self::new(Severity::Error, message, span)
    }

    /// A warning at `span`.
    pub fn warning(message: impl Into<String>, span: Span) -> Self {
        Self::new(Severity::Warning, message, span)
    }

    fn new(severity: Severity, message: impl Into<String>, span: Span) -> Self {
        Diagnostic {
            severity,
            message: message.into(),
            primary: Label {
                span,
                message: String::new(),
            },
            secondary: Vec::new(),
            help: None,
            code: "",
        }
    }

    /// Sets the kind of problem (see [`Diagnostic::code`]).
    pub fn with_code(mut self, code: &'static str) -> Self {
        self.code = code;
        self
    }

    /// Sets the text shown under the caret of the primary span.
    pub fn with_label(mut self, message: impl Into<String>) -> Self {
        self.primary.message = message.into();
        self
    }

    /// Adds a secondary label.
    pub fn with_secondary(mut self, span: Span, message: impl Into<String>) -> Self {
        self.secondary.push(Label {
            span,
            message: message.into(),
        });
        self
    }

    /// Sets the help line.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Whether this diagnostic rejects the schema.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Renders the diagnostic like rustc: the message, `path:line:column`,
    /// the source lines with carets under every label, and the help.
    ///
    /// `color` adds ANSI colours; pass `false` for logs, files and tests.
    pub fn render(&self, path: &str, source: &str, color: bool) -> String {
        let spans = std::iter::once(self.primary.span).chain(self.secondary.iter().map(|l| l.span));
        if spans
            .into_iter()
            .any(|s| line_around(source, s.start).len() > MAX_SHOWN_LINE)
        {
            return self.render_compact(path, source);
        }
        use ariadne::{Config, IndexType, Label as ALabel, Report, ReportKind, Source};

        let kind = match self.severity {
            Severity::Error => ReportKind::Error,
            Severity::Warning => ReportKind::Warning,
        };
        // ariadne cannot point past the end of the text; clamp so that an
        // "unexpected end of input" caret lands on the last position.
        let clamp = |span: Span| {
            let start = span.start.min(source.len());
            start..span.end.clamp(start, source.len())
        };
        let config = Config::default()
            .with_index_type(IndexType::Byte)
            .with_color(color);
        let mut report = Report::build(kind, (path, clamp(self.primary.span)))
            .with_config(config)
            .with_message(&self.message)
            .with_label({
                // Order labels by position: ariadne starts a new, confusingly
                // headed block whenever label order goes back up the file.
                let label = ALabel::new((path, clamp(self.primary.span)))
                    .with_order(self.primary.span.start as i32);
                if self.primary.message.is_empty() {
                    label
                } else {
                    label.with_message(&self.primary.message)
                }
            });
        for extra in &self.secondary {
            report = report.with_label(
                ALabel::new((path, clamp(extra.span)))
                    .with_message(&extra.message)
                    .with_order(extra.span.start as i32),
            );
        }
        if let Some(help) = &self.help {
            report = report.with_help(help);
        }
        let mut out = Vec::new();
        // Writing into a Vec cannot fail.
        let _ = report
            .finish()
            .write((path, Source::from(source)), &mut out);
        String::from_utf8_lossy(&out).into_owned()
    }
}

/// Lines longer than this (minified or binary input) are not reproduced.
const MAX_SHOWN_LINE: usize = 400;

/// The line of `source` containing `offset`.
fn line_around(source: &str, offset: usize) -> &str {
    let offset = offset.min(source.len());
    let start = source[..offset].rfind('\n').map_or(0, |i| i + 1);
    let end = source[offset..]
        .find('\n')
        .map_or(source.len(), |i| offset + i);
    &source[start..end]
}

/// 1-based line and column (in characters) of `offset` in `source`.
pub fn line_column(source: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(source.len());
    while !source.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &source[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

impl Diagnostic {
    /// The rustc-like text without source excerpts, for lines too long to show.
    fn render_compact(&self, path: &str, source: &str) -> String {
        use std::fmt::Write as _;
        let mut out = String::new();
        let (line, column) = line_column(source, self.primary.span.start);
        let severity = match self.severity {
            Severity::Error => "Error",
            Severity::Warning => "Warning",
        };
        let _ = writeln!(out, "{severity}: {}", self.message);
        let _ = writeln!(out, "  --> {path}:{line}:{column}");
        if !self.primary.message.is_empty() {
            let _ = writeln!(out, "   = {}", self.primary.message);
        }
        for label in &self.secondary {
            let (line, column) = line_column(source, label.span.start);
            let _ = writeln!(out, "   = {path}:{line}:{column}: {}", label.message);
        }
        let _ = writeln!(out, "   = note: the source line is too long to show");
        if let Some(help) = &self.help {
            let _ = writeln!(out, "   = help: {help}");
        }
        out
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} (at bytes {}..{})",
            self.severity, self.message, self.primary.span.start, self.primary.span.end
        )
    }
}

/// The name among `known` closest to a misspelt `wanted`, for a "did you
/// mean" help: at most two edits away (Damerau–Levenshtein), and at most
/// one edit per three characters of the name, so short names need a close
/// slip (`f46` suggests `f64`, but `foo` suggests no `bool`). Ties go to
/// the alphabetically first name, so the help is the same on every run.
pub(crate) fn closest<'a>(
    wanted: &str,
    known: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    // Edit distance is quadratic; a name this long is no typo of a short one.
    if wanted.len() > 100 {
        return None;
    }
    known
        .into_iter()
        .map(|name| (strsim::damerau_levenshtein(wanted, name), name))
        .filter(|&(distance, name)| distance <= 2 && 3 * distance <= name.len())
        .min()
        .map(|(_, name)| name)
}

/// Whether any of `diagnostics` is an error.
pub fn has_errors(diagnostics: &[Diagnostic]) -> bool {
    diagnostics.iter().any(Diagnostic::is_error)
}
