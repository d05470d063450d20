//! The laws catch deliberately wrong converters (`src/wrong_converters.rs`):
//! an upgrade that drops a field, a downgrade that panics; and a promise a
//! family's converters do not keep.

use verso::testing::{Counts, Report};
use verso_tests_laws::{todo_events, wrong};

fn broken(report: &Report) -> Vec<(&'static str, String)> {
    report
        .broken()
        .map(|(root, b)| (root, b.law.clone()))
        .collect()
}

#[test]
fn a_dropped_field_breaks_the_required_round_trip_and_a_panic_always_fails() {
    let report = wrong::laws().round_trip(1).run();
    assert!(!report.passed());
    assert_eq!(
        broken(&report),
        [
            (
                "Note",
                "v1 → v2: upgrade then downgrade did not give the value back (round_trip(1))"
                    .to_owned()
            ),
            ("Switch", "v2 → v1: downgrade panicked".to_owned()),
        ]
    );
    // The dropped tags come back empty: only values without tags survive.
    let note = report.step("Note", 1).expect("Note's step v1 → v2");
    let trip = note.round_trip.expect("a required round trip is checked");
    assert!(trip.failed > 0 && trip.ok > 0, "{trip:?}");
    assert_eq!(trip.ok + trip.failed, note.up.ok);
    // One value in three blinks, and each of those panics.
    let switch = report.step("Switch", 1).expect("Switch's step v1 → v2");
    assert!(switch.down.panicked > 0, "{:?}", switch.down);
    assert_eq!(switch.down.failed, 0);
    assert_eq!(switch.down.ok + switch.down.panicked, report.cases);
    assert_eq!(
        switch.up,
        Counts {
            ok: report.cases,
            failed: 0,
            panicked: 0
        }
    );

    // The table names the step, the type and what is hand-written, and the
    // panic's message and place.
    let table = report.to_string();
    for expected in [
        "laws of family `verso_tests_laws::wrong`, 64 random values per version: 2 laws broken",
        "Note    v1 → v2",
        "Note↑ Note↓",
        "required",
        "Flag↓",
        "- Note v1 → v2: upgrade then downgrade did not give the value back",
        "came back as V1(Note {",
        "- Switch v2 → v1: downgrade panicked",
        "state: Blink",
        "a v1 switch cannot blink at ",
        "wrong_converters.rs",
    ] {
        assert!(
            table.contains(expected),
            "{expected:?} missing from\n{table}"
        );
    }
}

#[test]
fn without_the_requirement_a_lossy_step_is_counted_but_a_panic_still_fails() {
    let report = wrong::laws().run();
    assert_eq!(
        broken(&report),
        [("Switch", "v2 → v1: downgrade panicked".to_owned())]
    );
    let note = report.step("Note", 1).expect("Note's step v1 → v2");
    assert_eq!(note.round_trip, None);
    assert!(report.to_string().contains("not required"));
}

#[test]
fn check_panics_with_the_table() {
    let panic = std::panic::catch_unwind(|| wrong::laws().check()).expect_err("laws broken");
    let message = panic
        .downcast_ref::<String>()
        .expect("the panic carries the table");
    assert!(message.contains("Switch  v1 → v2"), "{message}");
    assert!(message.contains("downgrade panicked"), "{message}");
}

#[test]
fn an_upgrade_that_must_not_fail_but_does_is_reported() {
    // todo-events' converters refuse a v2 priority outside 0..=3.
    let report = todo_events::laws().upgrades_never_fail_from(2).run();
    let laws = broken(&report);
    assert_eq!(
        laws,
        [(
            "Event",
            "v2 → v3: upgrade failed (upgrades_never_fail_from(2))".to_owned()
        )]
    );
    let table = report.to_string();
    assert!(table.contains("outside v2's documented range"), "{table}");
    // From v3 on (the latest) there is no upgrade left to fail.
    assert!(
        todo_events::laws()
            .upgrades_never_fail_from(3)
            .run()
            .passed()
    );
}

#[test]
fn the_same_seed_gives_the_same_report() {
    assert_eq!(wrong::laws().run(), wrong::laws().run());
    let few = wrong::laws().cases(5).run();
    assert_eq!(few.cases, 5);
    assert_eq!(few.step("Note", 1).map(|s| s.up.ok), Some(5));
}
