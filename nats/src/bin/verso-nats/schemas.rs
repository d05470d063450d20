//! A family's schema folder as the dynamic codec reads it: every version,
//! and the message type in each.

use std::path::Path;

use serde_json::Value;
use verso_codegen::{GenerateOptions, ir, load};

/// The versions of one family that have the message type.
pub(crate) struct Schemas {
    type_name: String,
    /// Every version of the family, ascending, with the type's id where the
    /// version has it.
    versions: Vec<(u16, ir::Schema, Option<ir::TypeId>)>,
}

impl Schemas {
    /// Loads and checks the family in `dir` (as `verso check` does) and
    /// finds `type_name` in it.
    pub(crate) fn load(dir: &Path, type_name: &str) -> Result<Schemas, String> {
        let options = GenerateOptions::default();
        let loaded = load::load(dir, &options.check, &options.emit, load::LockCheck::Verify);
        let Some(family) = loaded.family else {
            return Err(format!(
                "{}: the schema folder has errors:\n{}",
                dir.display(),
                loaded.report.render_all(false)
            ));
        };
        let versions: Vec<_> = family
            .versions
            .into_iter()
            .map(|(version, schema)| {
                let id = schema.lookup(type_name);
                (version, schema, id)
            })
            .collect();
        if versions.iter().all(|(_, _, id)| id.is_none()) {
            return Err(format!(
                "no version in {} has a type `{type_name}`",
                dir.display()
            ));
        }
        Ok(Schemas {
            type_name: type_name.to_owned(),
            versions,
        })
    }

    /// Decodes the BARE bytes `bare` of a message of `version`; `header` is
    /// how many bytes preceded them in the payload, so that error offsets
    /// count from the payload's start.
    pub(crate) fn decode(&self, version: u16, bare: &[u8], header: usize) -> Result<Value, String> {
        let Some((_, schema, id)) = self.versions.iter().find(|(v, _, _)| *v == version) else {
            return Err(format!(
                "version {version} is not in the schema folder, which has versions {}",
                self.range()
            ));
        };
        let Some(id) = id else {
            return Err(format!(
                "version {version} has no type `{}`",
                self.type_name
            ));
        };
        verso_dynamic::decode(schema, *id, bare, verso::Limits::default()).map_err(|e| {
            format!(
                "invalid version {version} `{}` message: {}",
                self.type_name,
                e.offset_by(header)
            )
        })
    }

    fn range(&self) -> String {
        match (self.versions.first(), self.versions.last()) {
            (Some((oldest, ..)), Some((latest, ..))) => format!("{oldest} to {latest}"),
            _ => "none".to_owned(),
        }
    }
}
