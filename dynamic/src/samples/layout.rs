//! Where golden samples live and what their file names say, shared by the
//! generated check ([`super::Samples`]) and `verso sample add`, so the two
//! never disagree.
//!
//! ```text
//! DIR/samples/            (DIR/NAME.samples/ in a flat folder)
//!   v1/                   the version that wrote the messages inside
//!     App/                the root type, by its latest name (`AppVersioned`)
//!       empty.bin           plain BARE, exactly as stored
//!       empty.latest.json   what it reads as in the latest version
//!       legacy.embedded.bin with the 2-byte little-endian version header
//!       legacy.latest.json
//! ```
//!
//! Nothing is guessed from the bytes: the folder says the version and the
//! type, the file name says whether the header is there. A sample's name
//! is letters, digits, `_` and `-`, so `NAME.embedded.bin` cannot be read
//! as a plain sample named `NAME.embedded`.

use std::path::{Path, PathBuf};

/// The extension of a plain sample (no version header).
pub const PLAIN: &str = ".bin";
/// The extension of a sample stored with its 2-byte version header.
pub const EMBEDDED: &str = ".embedded.bin";
/// The extension of a sample's expectation: its latest value as JSON.
pub const LATEST_JSON: &str = ".latest.json";

/// What one file of a type's folder is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Entry {
    /// A message: its name and whether it starts with the version header.
    Sample {
        /// The sample's name (the file name without its extension).
        name: String,
        /// Stored with the 2-byte version header (`NAME.embedded.bin`).
        embedded: bool,
    },
    /// The expectation of the sample `name` (`NAME.latest.json`).
    Expectation {
        /// The sample's name.
        name: String,
    },
}

/// Reads a file name under the rules above; `Err` says what is wrong with
/// it and what the names may be.
pub fn classify(file_name: &str) -> Result<Entry, String> {
    let (name, entry) = if let Some(name) = file_name.strip_suffix(EMBEDDED) {
        (
            name,
            Entry::Sample {
                name: name.to_owned(),
                embedded: true,
            },
        )
    } else if let Some(name) = file_name.strip_suffix(PLAIN) {
        (
            name,
            Entry::Sample {
                name: name.to_owned(),
                embedded: false,
            },
        )
    } else if let Some(name) = file_name.strip_suffix(LATEST_JSON) {
        (
            name,
            Entry::Expectation {
                name: name.to_owned(),
            },
        )
    } else {
        return Err(format!(
            "`{file_name}` is not a sample: a type's folder holds `NAME{PLAIN}` (plain BARE), \
             `NAME{EMBEDDED}` (with the version header) and `NAME{LATEST_JSON}`"
        ));
    };
    check_name(name).map_err(|problem| format!("`{file_name}`: {problem}"))?;
    Ok(entry)
}

/// Sample names are letters, digits, `_` and `-` (no `.`, so the
/// extensions above are never ambiguous, and no path separators).
pub fn check_name(name: &str) -> Result<(), String> {
    if name.is_empty() {
        return Err("a sample needs a name".to_owned());
    }
    match name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '_' || *c == '-'))
    {
        Some(c) => Err(format!(
            "the sample name `{name}` has `{c}`; sample names are ASCII letters, digits, `_` and `-`"
        )),
        None => Ok(()),
    }
}

/// The folder `v<version>` of a samples folder.
pub fn version_dir(samples: &Path, version: u16) -> PathBuf {
    samples.join(format!("v{version}"))
}

/// The version a folder of the samples folder is named for (`v3` → 3).
pub fn version_of(dir_name: &str) -> Option<u16> {
    let digits = dir_name.strip_prefix('v')?;
    if digits.starts_with('0') || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// The file of sample `name` of type `ty` at `version`.
pub fn sample_path(samples: &Path, version: u16, ty: &str, name: &str, embedded: bool) -> PathBuf {
    let extension = if embedded { EMBEDDED } else { PLAIN };
    version_dir(samples, version)
        .join(ty)
        .join(format!("{name}{extension}"))
}

/// The expectation file beside sample `name` in `type_dir`.
pub fn expectation_path(type_dir: &Path, name: &str) -> PathBuf {
    type_dir.join(format!("{name}{LATEST_JSON}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_say_what_a_file_is() {
        assert_eq!(
            classify("empty.bin"),
            Ok(Entry::Sample {
                name: "empty".into(),
                embedded: false
            })
        );
        assert_eq!(
            classify("old-client_2.embedded.bin"),
            Ok(Entry::Sample {
                name: "old-client_2".into(),
                embedded: true
            })
        );
        assert_eq!(
            classify("empty.latest.json"),
            Ok(Entry::Expectation {
                name: "empty".into()
            })
        );
        let stray = classify("empty.json").unwrap_err();
        assert!(stray.contains("`empty.json` is not a sample"), "{stray}");
        let dotted = classify("a.b.bin").unwrap_err();
        assert!(dotted.contains("has `.`"), "{dotted}");
        assert!(classify(".bin").unwrap_err().contains("needs a name"));
    }

    #[test]
    fn version_folders_are_v_and_a_number() {
        assert_eq!(version_of("v1"), Some(1));
        assert_eq!(version_of("v65535"), Some(65535));
        for wrong in ["v", "v01", "1", "v1x", "v70000", "V1"] {
            assert_eq!(version_of(wrong), None, "{wrong}");
        }
        assert_eq!(
            sample_path(Path::new("s"), 2, "App", "x", true),
            Path::new("s/v2/App/x.embedded.bin")
        );
    }
}
