//! Compiles the notes protocol for the server (every version), and once
//! more for each older client release, as the family stood when that
//! release shipped (`Config::up_to`): `notes@v1` knows only v1, `notes@v2`
//! v1 and v2, as the old binaries did.

fn main() -> Result<(), verso_build::Error> {
    const FAMILY: &str = "schemas/notes";
    verso_build::Config::new().compile(FAMILY)?;
    for release in [1, 2] {
        verso_build::Config::new().up_to(release).compile(FAMILY)?;
    }
    Ok(())
}
