// A family name the build script did not compile (it compiled `person`):
// the error lists what exists and how names are formed.
mod shops {
    verso::include_family!("shops");
}

fn main() {}
