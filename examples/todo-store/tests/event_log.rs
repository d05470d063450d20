//! The event log: whatever mix of producer versions wrote the same events,
//! the latest consumer replays the same state; torn tails and bad frames
//! stop replay with the frame's index and offset.

use std::io::{self, Read};

use proptest::prelude::*;
use verso::Versioned;
use verso_example_todo_store::events::{
    self, AppendError, ApplyError, Event, LogWriter, ReplayError, State, replay,
    replay_with_max_frame,
};
use verso_example_todo_store::todo_events::{EventVersioned, v1, v2, v3};

fn added(id: u64, title: &str, priority: v3::Priority) -> Event {
    v3::Event::TodoAdded(v3::TodoAdded {
        id,
        title: title.to_owned(),
        priority,
    })
}

fn closed(id: u64, reason: v3::CloseReason) -> Event {
    v3::Event::TodoClosed(v3::TodoClosed { id, reason })
}

fn removed(id: u64) -> Event {
    v3::Event::TodoRemoved(v3::TodoRemoved { id })
}

fn renamed(id: u64, title: &str) -> Event {
    v3::Event::TodoRenamed(v3::TodoRenamed {
        id,
        title: title.to_owned(),
    })
}

fn reopened(id: u64) -> Event {
    v3::Event::TodoReopened(v3::TodoReopened { id })
}

/// Writes each event at its version, into one log.
fn log_of(events: &[(Event, u16)]) -> Vec<u8> {
    let mut writer = LogWriter::new(Vec::new(), 3).unwrap();
    for (event, version) in events {
        writer.set_version(*version).unwrap();
        writer.append(event.clone()).unwrap();
    }
    writer.into_inner()
}

fn applied(events: impl IntoIterator<Item = Event>) -> State {
    let mut state = State::default();
    for event in events {
        state.apply(event).unwrap();
    }
    state
}

fn replayed(log: &[u8]) -> Result<State, ReplayError> {
    let mut state = State::default();
    replay(log, &mut state).map(|_| state)
}

/// The oldest version whose producers can say `event`.
fn oldest_version_for(event: &Event) -> u16 {
    match event {
        v3::Event::TodoAdded(e) if e.priority == v3::Priority::Normal => 1,
        v3::Event::TodoAdded(_) => 2,
        v3::Event::TodoClosed(e) if e.reason == v3::CloseReason::Done => 1,
        v3::Event::TodoClosed(_) => 3,
        v3::Event::TodoRemoved(_) => 1,
        v3::Event::TodoRenamed(_) => 2,
        v3::Event::TodoReopened(_) => 3,
    }
}

/// A consistent history from random choices: `op` picks the kind of event
/// (falling back to adding when no todo exists), `pick` the todo.
fn history(ops: &[(u8, usize, u8)], every_version: bool) -> Vec<Event> {
    let mut live: Vec<u64> = Vec::new();
    let mut next = 1u64;
    let mut events = Vec::new();
    for &(op, pick, flavour) in ops {
        let kinds = if every_version { 3 } else { 6 };
        let kind = if live.is_empty() { 0 } else { op % kinds };
        let id = live.get(pick % live.len().max(1)).copied().unwrap_or(0);
        let priorities = [
            v3::Priority::Low,
            v3::Priority::Normal,
            v3::Priority::High,
            v3::Priority::Urgent,
        ];
        events.push(match kind {
            0 => {
                live.push(next);
                next += 1;
                let priority = if every_version {
                    v3::Priority::Normal
                } else {
                    priorities[usize::from(flavour % 4)]
                };
                added(next - 1, &format!("todo {flavour}"), priority)
            }
            1 => {
                let reason = if every_version || flavour % 2 == 0 {
                    v3::CloseReason::Done
                } else {
                    v3::CloseReason::Dropped
                };
                closed(id, reason)
            }
            2 => {
                live.retain(|x| *x != id);
                removed(id)
            }
            3 => renamed(id, &format!("renamed {flavour}")),
            _ => reopened(id),
        });
    }
    events
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Events every version can express, each written by a producer of a
    /// random version: the replayed state never depends on the mix.
    #[test]
    fn any_mix_of_producers_replays_the_same_state(
        ops in prop::collection::vec((any::<u8>(), any::<usize>(), any::<u8>()), 0..60),
        versions in prop::collection::vec(1u16..=3, 60),
    ) {
        let events = history(&ops, true);
        let mixed: Vec<(Event, u16)> = events.iter().cloned().zip(versions.iter().copied()).collect();
        let log = log_of(&mixed);
        let mut state = State::default();
        let summary = replay(&log[..], &mut state).unwrap();
        let all_v3 = log_of(&events.iter().cloned().map(|e| (e, 3)).collect::<Vec<_>>());
        prop_assert_eq!(&state, &replayed(&all_v3).unwrap());
        prop_assert_eq!(&state, &applied(events.clone()));
        prop_assert_eq!(summary.events, events.len() as u64);
        prop_assert_eq!(summary.bytes, log.len() as u64);
        for version in 1..=3u16 {
            let expected = mixed.iter().filter(|(_, v)| *v == version).count() as u64;
            prop_assert_eq!(summary.by_version.get(&version).copied().unwrap_or(0), expected);
        }
    }

    /// Every kind of event, each written at a random version from the
    /// oldest that can say it up to v3; an older producer refuses it.
    #[test]
    fn newer_events_replay_the_same_from_any_producer_that_can_say_them(
        ops in prop::collection::vec((any::<u8>(), any::<usize>(), any::<u8>()), 0..60),
        choices in prop::collection::vec(any::<u8>(), 60),
    ) {
        let events = history(&ops, false);
        let mut mixed = Vec::new();
        for (event, choice) in events.iter().zip(&choices) {
            let oldest = oldest_version_for(event);
            if oldest > 1 {
                let refused = EventVersioned::encode_embedded(event.clone(), oldest - 1);
                prop_assert!(
                    matches!(refused, Err(verso::Error::Convert { .. })),
                    "v{} should refuse {:?}", oldest - 1, event
                );
            }
            let version = oldest + u16::from(*choice) % (4 - oldest);
            mixed.push((event.clone(), version));
        }
        prop_assert_eq!(replayed(&log_of(&mixed)).unwrap(), applied(events));
    }
}

#[test]
fn old_producers_native_events_are_upcast() {
    // Bytes as the v1 and v2 builds wrote them, from their own types.
    let mut writer = LogWriter::new(Vec::new(), 1).unwrap();
    for message in [
        EventVersioned::V1(v1::Event::TodoAdded(v1::TodoAdded {
            id: 1,
            title: "v1 todo".into(),
        })),
        EventVersioned::V1(v1::Event::TodoCompleted(v1::TodoCompleted { id: 1 })),
        EventVersioned::V2(v2::Event::TodoAdded(v2::TodoAdded {
            id: 2,
            title: "v2 todo".into(),
            priority: 3,
        })),
        EventVersioned::V2(v2::Event::TodoRenamed(v2::TodoRenamed {
            id: 2,
            title: "renamed at v2".into(),
        })),
        EventVersioned::V3(reopened(1)),
    ] {
        writer.append_message(message.to_bytes_embedded()).unwrap();
    }
    let state = replayed(&writer.into_inner()).unwrap();
    let todos: Vec<_> = state.todos.into_iter().collect();
    assert_eq!(
        todos,
        [
            (
                1,
                events::TodoState {
                    title: "v1 todo".into(),
                    priority: v3::Priority::Normal,
                    closed: None,
                }
            ),
            (
                2,
                events::TodoState {
                    title: "renamed at v2".into(),
                    priority: v3::Priority::Urgent,
                    closed: None,
                }
            ),
        ]
    );
}

#[test]
fn a_producer_refuses_what_its_version_cannot_say_and_writes_nothing() {
    let mut writer = LogWriter::new(Vec::new(), 1).unwrap();
    writer.append(added(1, "a", v3::Priority::Normal)).unwrap();
    let before = writer.into_inner();
    let mut writer = LogWriter::new(before.clone(), 1).unwrap();
    for event in [
        renamed(1, "b"),
        added(2, "urgent", v3::Priority::Urgent),
        closed(1, v3::CloseReason::Dropped),
    ] {
        let err = writer.append(event).unwrap_err();
        assert!(
            matches!(err, AppendError::Encode { version: 1, .. }),
            "{err}"
        );
    }
    writer.set_version(2).unwrap();
    let err = writer.append(reopened(1)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "event cannot be written at v2: cannot convert Event from v3 to v2: v2 cannot reopen a todo (todo 1)"
    );
    assert_eq!(writer.into_inner(), before);
    assert!(LogWriter::new(Vec::new(), 4).is_err());
}

fn five_events() -> Vec<(Event, u16)> {
    vec![
        (added(1, "one", v3::Priority::Normal), 1),
        (added(2, "two", v3::Priority::High), 2),
        (renamed(1, "uno"), 2),
        (closed(2, v3::CloseReason::Dropped), 3),
        (removed(1), 1),
    ]
}

#[test]
fn a_torn_final_frame_is_reported_with_its_index_and_offset() {
    let events = five_events();
    let full = log_of(&events);
    let start = log_of(&events[..4]).len();
    let good = applied(events[..4].iter().map(|(e, _)| e.clone()));
    assert_eq!(
        replayed(&full[..start]).unwrap(),
        good,
        "a frame boundary is a clean end"
    );

    for cut in start + 1..full.len() {
        let mut state = State::default();
        let err = replay(&full[..cut], &mut state).unwrap_err();
        match err {
            ReplayError::TornTail {
                index,
                offset,
                present,
                expected,
            } => {
                assert_eq!((index, offset), (4, start as u64));
                assert_eq!(present, (cut - start) as u64);
                let full_frame = (full.len() - start) as u64;
                assert_eq!(
                    expected,
                    (cut - start >= 4).then_some(full_frame),
                    "cut at {cut}"
                );
            }
            other => panic!("cut at {cut}: {other}"),
        }
        assert_eq!(state, good, "the four whole frames were applied");
    }
    let err = replayed(&full[..full.len() - 1]).unwrap_err();
    assert!(
        err.to_string()
            .starts_with(&format!("the log ends inside frame 4 at byte {start}")),
        "{err}"
    );
}

#[test]
fn a_torn_tail_is_truncated_before_the_next_append() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("events.log");
    let events = five_events();
    let full = log_of(&events);
    std::fs::write(&path, &full[..full.len() - 3]).unwrap();

    let err = events::replay_file(&path).unwrap_err();
    events::truncate_torn_tail(&path, &err).unwrap();
    let mut writer = events::open_for_append(&path, 1).unwrap();
    writer.append(removed(1)).unwrap();
    writer.flush().unwrap();
    drop(writer);
    let (state, summary) = events::replay_file(&path).unwrap();
    assert_eq!(state, applied(events.into_iter().map(|(e, _)| e)));
    assert_eq!(summary.bytes, full.len() as u64);

    // Only a torn tail is cut: any other error leaves the file alone.
    let other = ReplayError::Apply {
        index: 0,
        offset: 0,
        source: ApplyError::Unknown(1),
    };
    assert!(events::truncate_torn_tail(&path, &other).is_err());
    assert_eq!(std::fs::metadata(&path).unwrap().len(), full.len() as u64);
}

#[test]
fn a_bad_event_stops_replay_at_its_frame() {
    let good = log_of(&five_events()[..2]);
    // A v2 producer that wrote a priority v2 only documented as 0..=3.
    let mut writer = LogWriter::new(good.clone(), 2).unwrap();
    writer
        .append_message(
            EventVersioned::V2(v2::Event::TodoAdded(v2::TodoAdded {
                id: 9,
                title: "nine".into(),
                priority: 9,
            }))
            .to_bytes_embedded(),
        )
        .unwrap();
    writer.append(removed(1)).unwrap();
    let log = writer.into_inner();
    let mut state = State::default();
    let err = replay(&log[..], &mut state).unwrap_err();
    match &err {
        ReplayError::Event {
            index: 2,
            offset,
            source: verso::Error::Convert { from: 2, to: 3, .. },
        } => assert_eq!(*offset, good.len() as u64),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        err.to_string(),
        format!(
            "frame 2 at byte {} is not a valid event: cannot convert Event from v2 to v3: priority: priority 9 is outside v2's documented range 0..=3",
            good.len()
        )
    );
    assert_eq!(state.todos.len(), 2, "the events before it were applied");

    // A version this consumer does not know, and bytes that do not decode.
    for payload in [vec![7, 0, 1], vec![2, 0, 0xff], vec![3]] {
        let mut writer = LogWriter::new(good.clone(), 3).unwrap();
        writer.append_message(payload.clone()).unwrap();
        let err = replayed(&writer.into_inner()).unwrap_err();
        assert!(
            matches!(err, ReplayError::Event { index: 2, offset, .. } if offset == good.len() as u64),
            "{payload:?}: {err:?}"
        );
    }
}

#[test]
fn an_event_that_does_not_fit_the_state_stops_replay() {
    let log = log_of(&[
        (added(1, "a", v3::Priority::Normal), 3),
        (closed(5, v3::CloseReason::Done), 1),
    ]);
    let err = replayed(&log).unwrap_err();
    assert!(
        matches!(
            err,
            ReplayError::Apply {
                index: 1,
                source: ApplyError::Unknown(5),
                ..
            }
        ),
        "{err:?}"
    );
    let log = log_of(&[
        (added(1, "a", v3::Priority::Normal), 3),
        (added(1, "b", v3::Priority::Normal), 2),
    ]);
    assert!(matches!(
        replayed(&log).unwrap_err(),
        ReplayError::Apply {
            source: ApplyError::Duplicate(1),
            ..
        }
    ));
}

#[test]
fn an_oversized_length_is_refused_before_allocating() {
    let mut log = log_of(&five_events()[..1]);
    let first = log.len() as u64;
    log.extend_from_slice(&[0xff, 0xff, 0xff, 0xff, 1, 2, 3]);
    let err = replayed(&log).unwrap_err();
    assert!(
        matches!(err, ReplayError::Frame { index: 1, offset, .. } if offset == first),
        "{err:?}"
    );
    // A lower limit applies to honest frames too.
    let log = log_of(&[(added(1, &"x".repeat(100), v3::Priority::Normal), 3)]);
    let err = replay_with_max_frame(&log[..], &mut State::default(), 16).unwrap_err();
    assert!(
        matches!(
            err,
            ReplayError::Frame {
                index: 0,
                offset: 0,
                ..
            }
        ),
        "{err:?}"
    );
}

/// Hands out its bytes a few at a time, as a slow pipe would.
struct Trickle<'a>(&'a [u8], usize);

impl Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.1.min(buf.len()).min(self.0.len());
        buf[..n].copy_from_slice(&self.0[..n]);
        self.0 = &self.0[n..];
        Ok(n)
    }
}

#[test]
fn replay_streams_across_read_boundaries() {
    // Larger than the 64 KiB read buffer, so frames straddle reads.
    let events: Vec<(Event, u16)> = (1..=3000u64)
        .map(|id| {
            (
                added(id, &format!("todo number {id:>20}"), v3::Priority::Normal),
                (id % 3 + 1) as u16,
            )
        })
        .collect();
    let log = log_of(&events);
    assert!(log.len() > 128 * 1024);
    let expected = applied(events.iter().map(|(e, _)| e.clone()));
    assert_eq!(replayed(&log).unwrap(), expected);
    for step in [1, 3, 7] {
        let mut state = State::default();
        let summary = replay(Trickle(&log[..log.len().min(2000)], step), &mut state);
        // 2000 bytes cut mid-frame: the same torn tail whatever the reads.
        assert!(
            matches!(summary, Err(ReplayError::TornTail { .. })),
            "{summary:?}"
        );
        let mut state = State::default();
        replay(Trickle(&log, step * 1000), &mut state).unwrap();
        assert_eq!(state, expected);
    }
}
