//! Prints the rendered diagnostics of one schema file (a debugging aid).
//!
//! `cargo run -p verso-codegen --example check_file -- FILE [--strict] [--pedantic]`
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        eprintln!("usage: check_file FILE [--strict] [--pedantic]");
        std::process::exit(2);
    };
    let mut options = verso_codegen::Options::default();
    options.legacy = !args.iter().any(|a| a == "--strict");
    options.pedantic = args.iter().any(|a| a == "--pedantic");
    let source = match std::fs::read_to_string(path) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let checked = verso_codegen::check(&source, &options);
    for d in &checked.diagnostics {
        eprint!("{}", d.render(path, &source, false));
    }
}
