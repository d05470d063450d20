//! The laws of every family in verso's tests and examples (see the crate's
//! `build.rs`), one line each: every version's values round-trip through
//! the codec, no converter panics, and every step generated both ways
//! gives each value back. Where a family's converters promise more (an
//! upgrade that never fails), the test holds them to it.

use verso_tests_laws as laws;

#[test]
fn todo() {
    // v1 → v2 is lossy by design (a v1 todo has no creation time; it comes
    // back as "unknown"), v2 → v3 is not.
    laws::todo::laws()
        .upgrades_never_fail_from(1)
        .round_trip(2)
        .check();
}

#[test]
fn person() {
    // Its converters say: upgrades never fail, and a v1 or v2 person
    // survives the trip up and back.
    laws::person::laws()
        .upgrades_never_fail_from(1)
        .round_trip(1)
        .round_trip(2)
        .check();
}

#[test]
fn television() {
    // v3 no longer records the model v2 requires: only that step's
    // downgrade may refuse an upgraded value.
    laws::television::laws()
        .upgrades_never_fail_from(1)
        .round_trip(1)
        .round_trip(3)
        .check();
}

#[test]
fn features() {
    laws::features::laws().check();
}

#[test]
fn interop() {
    laws::interop::laws().check();
}

#[test]
fn telemetry() {
    laws::telemetry::laws().check();
}

#[test]
fn amplify() {
    laws::amplify::laws().check();
}

#[test]
fn bench_identical() {
    laws::bench_identical::laws().check();
}

#[test]
fn bench_chain() {
    laws::bench_chain::laws()
        .upgrades_never_fail_from(1)
        .round_trip(1)
        .round_trip(5)
        .round_trip(9)
        .check();
}

#[test]
fn borrowed_chain() {
    laws::borrowed_chain::laws().check();
}

#[test]
fn serde_schema() {
    laws::serde_schema::laws().check();
}

#[test]
fn evolution() {
    use laws::evolution::*;
    void_member::laws().check();
    members::laws().check();
    renames::laws().check();
    retired::laws().check();
    anonymous::laws().check();
    paths::laws().check();
    widenings::laws().check();
    drops::laws().check();
}

#[test]
fn rivet_protocols() {
    use laws::evolution::*;
    client_protocol::laws().check();
    inspector_protocol::laws().check();
    ups_protocol::laws().check();
}

#[test]
fn rivet_stored_data() {
    laws::pegboard_namespace_actor_by_key::laws().check();
    laws::pegboard_namespace_actor_name::laws().check();
    laws::pegboard_namespace_runner_alloc_idx::laws()
        .upgrades_never_fail_from(1)
        .round_trip(1)
        .check();
    laws::pegboard_namespace_runner_by_key::laws().check();
    // rivet's decisions lose nothing on the way up and back.
    (1..=5)
        .fold(laws::pegboard_namespace_runner_config::laws(), |laws, k| {
            laws.round_trip(k)
        })
        .upgrades_never_fail_from(1)
        .check();
    laws::pegboard_runner_metadata::laws().check();
}

#[test]
fn imports() {
    laws::imports::common::laws()
        .upgrades_never_fail_from(1)
        .round_trip(1)
        .check();
    laws::imports::fleet::laws()
        .upgrades_never_fail_from(1)
        .round_trip(1)
        .check();
    laws::imports_serde::common::laws().check();
    laws::imports_serde::fleet::laws().check();
}

#[test]
fn notes() {
    laws::notes::laws()
        .upgrades_never_fail_from(1)
        .round_trip(1)
        .round_trip(2)
        .check();
}

#[test]
fn todo_events() {
    // A v2 priority outside 0..=3 does not upgrade (counted, not broken).
    laws::todo_events::laws()
        .round_trip(1)
        .round_trip(2)
        .check();
}

#[test]
fn nats_todo() {
    // A todo assigned to a team does not upgrade to v4 (counted).
    laws::nats_todo::laws()
        .round_trip(1)
        .round_trip(2)
        .round_trip(3)
        .check();
}
