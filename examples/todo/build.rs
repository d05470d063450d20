//! Compiles `schemas/todo` exactly as a user's build script would. `App`
//! (the saved state) and `Todo` (what the HTTP example posts) are the roots.

fn main() -> Result<(), verso_build::Error> {
    verso_build::Config::new()
        .root("App")
        .root("Todo")
        .compile("../../schemas/todo")
}
