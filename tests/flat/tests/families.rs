//! Every family of the flat folder is compiled and included by its NAME;
//! the two-version `runner_alloc_idx` converts both ways.

use verso::Versioned;
use verso_tests_flat::runner_alloc_idx::PROTOCOL_MK1_VERSION;
use verso_tests_flat::{
    pegboard_namespace_actor_by_key as actor_by_key, pegboard_namespace_actor_name as actor_name,
    pegboard_namespace_runner_alloc_idx as alloc_idx, pegboard_namespace_runner_by_key as by_key,
    pegboard_runner_metadata as metadata,
};

#[test]
fn the_one_version_families_round_trip() {
    let actor = actor_by_key::latest::Data {
        workflow_id: vec![1, 2, 3],
        is_destroyed: true,
    };
    let bytes = actor_by_key::DataVersioned::encode(actor.clone(), 1).unwrap();
    assert_eq!(
        actor_by_key::DataVersioned::decode(&bytes, 1).unwrap(),
        actor
    );
    assert_eq!(actor_by_key::DataVersioned::LATEST, 1);

    let name = actor_name::v1::Data {
        metadata: "{}".into(),
    };
    assert_eq!(verso::to_vec(&name), [2, b'{', b'}']);
    let runner = by_key::v1::Data {
        runner_id: vec![9],
        workflow_id: vec![8, 7],
    };
    assert_eq!(
        verso::from_slice::<by_key::v1::Data>(&verso::to_vec(&runner)).unwrap(),
        runner
    );
    let stored = metadata::v1::Data {
        metadata: "meta".into(),
    };
    assert_eq!(verso::to_vec(&stored), [4, b'm', b'e', b't', b'a']);
}

#[test]
fn runner_alloc_idx_fills_the_protocol_version_going_up_and_drops_it_going_down() {
    let v1 = alloc_idx::v1::Data {
        workflow_id: vec![0xab; 16],
        remaining_slots: 3,
        total_slots: 8,
    };
    let stored = verso::to_vec(&v1);
    let latest = alloc_idx::DataVersioned::decode(&stored, 1).unwrap();
    assert_eq!(
        latest,
        alloc_idx::v2::Data {
            workflow_id: vec![0xab; 16],
            remaining_slots: 3,
            total_slots: 8,
            protocol_version: PROTOCOL_MK1_VERSION,
        }
    );
    let down = alloc_idx::DataVersioned::encode(latest, 1).unwrap();
    assert_eq!(down, stored);
}
