//! rivet's six-version `pegboard.namespace.runner_config` family run along
//! its longest chain, v1 up to v6 and v6 back down to v1, through the
//! generated `RunnerConfigVersioned` and the decided converters; and the
//! unedited scaffold's stubs, which compile and refuse at run time.

use std::collections::BTreeMap;

use verso::Versioned;
use verso_tests_flat::pegboard_namespace_runner_config::{RunnerConfigVersioned, v1, v2, v5, v6};
use verso_tests_flat::runner_config::DEFAULT_DRAIN_GRACE_PERIOD;

fn headers() -> BTreeMap<String, String> {
    BTreeMap::from([("x-token".to_owned(), "abc".to_owned())])
}

fn v1_config() -> v1::Data {
    v1::Data::Serverless(v1::Serverless {
        url: "https://runner.example/start".into(),
        headers: headers(),
        request_lifespan: 300,
        slots_per_runner: 4,
        min_runners: 1,
        max_runners: 10,
        runners_margin: 2,
    })
}

fn v6_serverless(drain: bool) -> v6::Serverless {
    v6::Serverless {
        url: "https://runner.example/start".into(),
        headers: headers(),
        request_lifespan: 300,
        max_concurrent_actors: 64,
        drain_grace_period: 90,
        slots_per_runner: 4,
        min_runners: 1,
        max_runners: 10,
        runners_margin: 2,
        metadata_poll_interval: Some(5_000),
        drain_on_version_upgrade: drain,
        actor_eviction_delay: 30,
        actor_eviction_period: 60,
        actor_eviction_rate: 0.5,
    }
}

#[test]
fn the_chain_spans_six_versions() {
    assert_eq!(
        (RunnerConfigVersioned::OLDEST, RunnerConfigVersioned::LATEST),
        (1, 6)
    );
}

#[test]
fn a_v1_config_runs_up_to_v6_and_back_down() {
    let stored = verso::to_vec(&v1_config());
    let latest = RunnerConfigVersioned::decode(&stored, 1).expect("v1 → v6");
    // Every step's defaults, as rivet's converters fill them: no metadata
    // (v2), no drain on upgrade (v3), no poll interval (v4), as many actors
    // as runners and the 30-minute grace period (v5), eviction off (v6).
    assert_eq!(
        latest,
        v6::RunnerConfig {
            kind: v6::RunnerConfigKind::Serverless(v6::Serverless {
                url: "https://runner.example/start".into(),
                headers: headers(),
                request_lifespan: 300,
                max_concurrent_actors: 10,
                drain_grace_period: DEFAULT_DRAIN_GRACE_PERIOD,
                slots_per_runner: 4,
                min_runners: 1,
                max_runners: 10,
                runners_margin: 2,
                metadata_poll_interval: None,
                drain_on_version_upgrade: false,
                actor_eviction_delay: 0,
                actor_eviction_period: 0,
                actor_eviction_rate: 1.0,
            }),
            metadata: None,
        }
    );
    // Back down: the same v1 bytes.
    let again = RunnerConfigVersioned::encode(latest, 1).expect("v6 → v1");
    assert_eq!(again, stored);
}

#[test]
fn a_v6_config_runs_down_to_v1_and_back_up() {
    let config = v6::RunnerConfig {
        kind: v6::RunnerConfigKind::Serverless(v6_serverless(true)),
        metadata: Some("{\"region\":\"fra\"}".into()),
    };
    let at_v1 = RunnerConfigVersioned::encode(config.clone(), 1).expect("v6 → v1");
    assert_eq!(verso::from_slice::<v1::Data>(&at_v1).unwrap(), v1_config());

    // At v5 the drain flag is back on the config, out of the runner kind.
    let at_v5 = RunnerConfigVersioned::encode(config.clone(), 5).expect("v6 → v5");
    let v5 = verso::from_slice::<v5::RunnerConfig>(&at_v5).unwrap();
    assert!(v5.drain_on_version_upgrade);
    assert_eq!(v5.metadata.as_deref(), Some("{\"region\":\"fra\"}"));

    // Up from v1 again: what v1 could not hold comes back as defaults.
    let up = RunnerConfigVersioned::decode(&at_v1, 1).expect("v1 → v6");
    let v6::RunnerConfigKind::Serverless(serverless) = &up.kind else {
        panic!("serverless stays serverless: {up:?}");
    };
    assert_eq!(serverless.url, "https://runner.example/start");
    assert_eq!(serverless.max_concurrent_actors, 10);
    assert!(!serverless.drain_on_version_upgrade);
    assert_eq!(up.metadata, None);
    // From v5, the drain flag and metadata survive the trip.
    let from_v5 = RunnerConfigVersioned::decode(&at_v5, 5).expect("v5 → v6");
    assert_eq!(from_v5.metadata, config.metadata);
    let v6::RunnerConfigKind::Serverless(serverless) = from_v5.kind else {
        panic!("serverless");
    };
    assert!(serverless.drain_on_version_upgrade);
    assert_eq!(serverless.max_concurrent_actors, 64);
}

#[test]
fn a_normal_runner_goes_down_to_v2_but_has_no_v1_form() {
    let config = v6::RunnerConfig {
        kind: v6::RunnerConfigKind::Normal(v6::Normal {
            drain_on_version_upgrade: true,
            actor_eviction_delay: 1,
            actor_eviction_period: 2,
            actor_eviction_rate: 0.25,
        }),
        metadata: None,
    };
    let at_v2 = RunnerConfigVersioned::encode(config.clone(), 2).expect("v6 → v2");
    assert_eq!(
        verso::from_slice::<v2::RunnerConfig>(&at_v2).unwrap(),
        v2::RunnerConfig {
            kind: v2::RunnerConfigKind::Normal,
            metadata: None
        }
    );
    let at_v5 = RunnerConfigVersioned::encode(config.clone(), 5).unwrap();
    assert!(
        verso::from_slice::<v5::RunnerConfig>(&at_v5)
            .unwrap()
            .drain_on_version_upgrade
    );
    let error = RunnerConfigVersioned::encode(config, 1)
        .unwrap_err()
        .to_string();
    assert!(
        error.starts_with("cannot convert RunnerConfig from v2 to v1"),
        "{error}"
    );
    assert!(error.contains("a normal one has no v1 form"), "{error}");
}

#[test]
fn the_unedited_scaffold_compiles_and_refuses_what_it_was_not_told() {
    use verso_tests_flat::unedited::pegboard_namespace_runner_config as unedited;
    let stored = verso::to_vec(&v1_config());
    let error = unedited::RunnerConfigVersioned::decode(&stored, 1)
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("Data v1 → v2: write this conversion"),
        "{error}"
    );
    // v3 → v4 and v4 → v5 of `RunnerConfig` are generated (v5 only
    // respells its field), but the v5 → v6 stub does not drop
    // `drainOnVersionUpgrade` unasked.
    let v3 = unedited::v3::RunnerConfig {
        kind: unedited::v3::RunnerConfigKind::Normal,
        metadata: None,
        drain_on_version_upgrade: true,
    };
    let error = unedited::RunnerConfigVersioned::decode(&verso::to_vec(&v3), 3)
        .unwrap_err()
        .to_string();
    assert!(
        error.contains(
            "RunnerConfig v5 → v6: decide what becomes of `drainOnVersionUpgrade`, which v6 has no field for"
        ),
        "{error}"
    );
    // The latest version needs no converter at all.
    let latest = unedited::v6::RunnerConfig {
        kind: unedited::v6::RunnerConfigKind::Normal(unedited::v6::Normal {
            drain_on_version_upgrade: false,
            actor_eviction_delay: 0,
            actor_eviction_period: 0,
            actor_eviction_rate: 1.0,
        }),
        metadata: None,
    };
    let bytes = verso::to_vec(&latest);
    assert_eq!(
        unedited::RunnerConfigVersioned::decode(&bytes, 6).unwrap(),
        latest
    );
}
