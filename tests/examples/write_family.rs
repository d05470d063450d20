//! Writes a generated schema family to a directory, for timing `verso check`
//! from the command line.
//!
//! `cargo run -p verso-tests --example write_family -- DIR [VERSIONS] [TYPES]`
fn main() {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next() else {
        eprintln!("usage: write_family DIR [VERSIONS] [TYPES]");
        std::process::exit(2);
    };
    let versions = args.next().and_then(|v| v.parse().ok()).unwrap_or(50);
    let types = args.next().and_then(|t| t.parse().ok()).unwrap_or(40);
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("{dir}: {e}");
        std::process::exit(1);
    }
    for (name, text) in verso_tests::generate::family(versions, types) {
        let path = std::path::Path::new(&dir).join(name);
        if let Err(e) = std::fs::write(&path, text) {
            eprintln!("{}: {e}", path.display());
            std::process::exit(1);
        }
    }
}
