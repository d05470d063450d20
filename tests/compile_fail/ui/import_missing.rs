// `import_missing` imports `Position` from the family `import_common`
// (see families/import_missing), which this crate does not include: one
// error, naming the module to add.

#[allow(unused)]
mod import_missing {
    include!("generated/import_missing.rs");
}

fn main() {}
