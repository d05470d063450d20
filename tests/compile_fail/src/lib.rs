//! verso's compile-fail tests (`tests/compile_fail.rs`): the cases are in
//! `ui/`, each with its small family in `ui/families/`. This library holds
//! nothing; its build script compiles `schemas/person` so that including a
//! family the build did not compile has something to list.
