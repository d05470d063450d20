//! `verso check PATH…`

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use verso_codegen::diagnostic::line_column;
use verso_codegen::load::{self, Finding, LockCheck, Report};
use verso_codegen::{EmitOptions, Options};

/// Options of `verso check`.
#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    /// Schema files (`.bare`) or schema folders (`v1.bare` … `vN.bare`, or
    /// `NAME.v1.bare` … for several families side by side).
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Accept pre-draft-03 syntax with a warning, forward references and
    /// terminable recursion (the default).
    #[arg(long, overrides_with = "no_legacy")]
    legacy: bool,
    /// Reject legacy syntax, and require every type to be defined before it
    /// is used (as the reference compiler does by default).
    #[arg(long)]
    no_legacy: bool,
    /// Require explicit `= N` on every enum value and union member, and
    /// field names strictly in camelCase or snake_case.
    #[arg(long)]
    pedantic: bool,
    /// How to print diagnostics: `human` (rustc-like, on stderr) or `json`
    /// (one JSON object per diagnostic and line on stdout, for editors and
    /// CI annotations).
    #[arg(long, value_enum, default_value_t = MessageFormat::Human, value_name = "FORMAT")]
    message_format: MessageFormat,
}

/// `--message-format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum MessageFormat {
    /// rustc-like text with source excerpts, on stderr.
    Human,
    /// One JSON object per diagnostic, on stdout.
    Json,
}

/// Counts what was found, for the summary and the exit code.
#[derive(Default)]
struct Tally {
    /// Families read from the folders given (a flat folder holds several).
    families: usize,
    files: usize,
    errors: usize,
    warnings: usize,
}

pub(crate) fn run(args: &CheckArgs) -> ExitCode {
    let options = Options::default()
        .with_legacy(!args.no_legacy)
        .with_pedantic(args.pedantic);
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let mut tally = Tally::default();
    let mut json = String::new();
    let mut reports = Vec::new();
    for path in &args.paths {
        if path.is_dir() {
            // Every family in the folder gets everything the build runs:
            // every version, the manifest, the lock, Rust names and the
            // family plan.
            let loaded = load::load_all(path, &options, &EmitOptions::default(), LockCheck::Verify);
            tally.families += loaded.iter().filter(|l| !l.report.read.is_empty()).count();
            reports.extend(loaded.into_iter().map(|l| l.report));
        } else {
            reports.push(load::check_file(path, &options));
        }
    }
    // What was read, however far checking got: a file two families read
    // (one imports it) counts once.
    let mut read = std::collections::HashSet::new();
    for report in reports {
        tally.files += report
            .read
            .iter()
            .filter(|p| read.insert((*p).clone()))
            .count();
        tally.errors += report.errors();
        tally.warnings += report.warnings();
        match args.message_format {
            MessageFormat::Human => eprint!("{}", report.render_all(color)),
            MessageFormat::Json => {
                for finding in &report.findings {
                    json.push_str(&finding_json(&report, finding).to_string());
                    json.push('\n');
                }
            }
        }
    }
    if let Err(failure) = crate::output::print_out(&json) {
        return crate::output::finish(Err(failure));
    }
    let plural = crate::output::count;
    if tally.errors > 0 {
        eprintln!(
            "error: {} and {} in {} checked",
            plural(tally.errors, "error"),
            plural(tally.warnings, "warning"),
            plural(tally.files, "file")
        );
        ExitCode::FAILURE
    } else {
        // A folder of several families says how many it held.
        let families = if tally.families > 1 {
            format!(" in {} families", tally.families)
        } else {
            String::new()
        };
        eprintln!(
            "ok: {} checked{families}, {}",
            plural(tally.files, "file"),
            plural(tally.warnings, "warning")
        );
        ExitCode::SUCCESS
    }
}

/// One finding of `report` as a JSON object, for editors and CI annotations
/// (`verso check --message-format json` prints one per line):
/// `severity`, `code`, `message`, `file`, `line`, `column`, `end_line`,
/// `end_column` (1-based; columns count characters), `label`, `help`,
/// `secondary` (each with `file`, `line`, `column`, `message`) and
/// `rendered`, the text `verso check` would print. A finding about the
/// family as a whole has no position.
fn finding_json(report: &Report, finding: &Finding) -> serde_json::Value {
    let mut object = serde_json::json!({
        "severity": finding.severity().to_string(),
        "code": finding.code(),
        "rendered": report.render(finding, false),
    });
    match finding {
        Finding::Spanned { file, diagnostic } => {
            let source = &report.sources[*file];
            let at = |offset: usize| line_column(&source.text, offset);
            let (line, column) = at(diagnostic.primary.span.start);
            let (end_line, end_column) = at(diagnostic.primary.span.end);
            let file = source.path.display().to_string();
            let secondary: Vec<serde_json::Value> = diagnostic
                .secondary
                .iter()
                .map(|label| {
                    let (line, column) = at(label.span.start);
                    serde_json::json!({
                        "file": file, "line": line, "column": column, "message": label.message,
                    })
                })
                .collect();
            let fields = serde_json::json!({
                "message": diagnostic.message,
                "file": file,
                "line": line,
                "column": column,
                "end_line": end_line,
                "end_column": end_column,
                "label": diagnostic.primary.message,
                "help": diagnostic.help,
                "secondary": secondary,
            });
            if let (Some(object), serde_json::Value::Object(fields)) =
                (object.as_object_mut(), fields)
            {
                object.extend(fields);
            }
        }
        Finding::Plain { message, .. } => {
            object["message"] = serde_json::Value::from(message.as_str());
        }
    }
    object
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use verso_codegen::load::{Finding, Report, SourceFile};
    use verso_codegen::{Diagnostic, Severity, Span};

    use super::finding_json;

    #[test]
    fn a_spanned_finding_has_its_positions_in_characters_and_its_secondary_labels() {
        // `é` is two bytes and one column: columns count characters.
        let text = "type é u8\ntype A struct {\n  a: Nope\n}\n";
        let start = text.find("Nope").unwrap();
        let diagnostic =
            Diagnostic::error("type `Nope` is not defined", Span::new(start, start + 4))
                .with_code("undefined-type")
                .with_label("no type of this name")
                .with_secondary(Span::new(5, 7), "not a name")
                .with_help("define it");
        let report = Report {
            sources: vec![SourceFile {
                path: PathBuf::from("fam/v1.bare"),
                text: text.to_owned(),
            }],
            findings: vec![Finding::Spanned {
                file: 0,
                diagnostic,
            }],
            read: Vec::new(),
        };
        let json = finding_json(&report, &report.findings[0]);
        assert_eq!(json["severity"], "error");
        assert_eq!(json["code"], "undefined-type");
        assert_eq!(json["message"], "type `Nope` is not defined");
        assert_eq!(json["file"], "fam/v1.bare");
        assert_eq!(
            (json["line"].as_u64(), json["column"].as_u64()),
            (Some(3), Some(6))
        );
        assert_eq!(
            (json["end_line"].as_u64(), json["end_column"].as_u64()),
            (Some(3), Some(10))
        );
        assert_eq!(json["label"], "no type of this name");
        assert_eq!(json["help"], "define it");
        let secondary = &json["secondary"][0];
        assert_eq!(
            (secondary["line"].as_u64(), secondary["column"].as_u64()),
            (Some(1), Some(6))
        );
        assert_eq!(secondary["message"], "not a name");
        assert_eq!(secondary["file"], "fam/v1.bare");
        let rendered = json["rendered"].as_str().unwrap();
        assert!(rendered.contains("fam/v1.bare:3:6"), "{rendered}");
    }

    #[test]
    fn a_finding_about_the_whole_family_has_no_position() {
        let report = Report::of_finding(Finding::Plain {
            severity: Severity::Warning,
            code: "unfrozen-version",
            message: "v2.bare is not in fam/verso.lock yet".to_owned(),
        });
        let json = finding_json(&report, &report.findings[0]);
        assert_eq!(json["severity"], "warning");
        assert_eq!(json["code"], "unfrozen-version");
        assert_eq!(json["message"], "v2.bare is not in fam/verso.lock yet");
        assert!(
            json.get("line").is_none() && json.get("file").is_none(),
            "{json}"
        );
    }
}
