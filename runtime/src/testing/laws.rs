//! The law checker: random values of every version of every root, through
//! the codec and every step of the chain, with each outcome counted.

use std::boxed::Box;
use std::cell::{Cell, RefCell};
use std::format;
use std::marker::PhantomData;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::string::{String, ToString};
use std::sync::Once;
use std::vec::Vec;

use proptest::strategy::{BoxedStrategy, Strategy, ValueTree};
use proptest::test_runner::TestRunner;

use super::report::{Broken, Counts, Report, RootReport, StepReport, VersionReport};
use crate::{ConvertError, Error, Versioned};

/// A direction of a conversion.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// `Upgrade`: version k → k+1.
    Up,
    /// `Downgrade`: version k+1 → k.
    Down,
}

/// A conversion that the user writes by hand (or another family
/// generates), reached from a root in one step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Conversion {
    /// The type's name in the version converted from.
    pub ty: &'static str,
    /// Which way it converts.
    pub direction: Direction,
}

/// One step `from` → `from + 1` of a root's chain, as the family plan has
/// it (generated code lists these).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Step {
    /// The older version.
    pub from: u16,
    /// The conversions of the step the root's values go through that verso
    /// does not generate: empty when every one is generated both ways, and
    /// `upgrade` then `downgrade` must then give every value back.
    pub hand_written: &'static [Conversion],
}

/// The `…Versioned` wrapper of a root type, as the law checker drives it
/// (generated for every wrapper of a family built with
/// `Config::arbitrary(true)`).
pub trait Chain: Versioned + Clone + core::fmt::Debug + Sized + 'static {
    /// The root type's name in the latest version.
    const ROOT: &'static str;

    /// Every step of the chain, oldest first.
    fn steps() -> &'static [Step];

    /// Random values of `version` (one of the supported ones).
    fn generate(version: u16) -> BoxedStrategy<Self>;

    /// The version of the value held.
    fn held_version(&self) -> u16;

    /// The value held, encoded as a plain message of its version.
    fn encode_held(&self) -> Vec<u8>;

    /// The value held, encoded with its version embedded.
    fn encode_held_embedded(&self) -> Vec<u8>;

    /// Decodes a plain message of `version`, without converting it.
    fn decode_held(bytes: &[u8], version: u16) -> Result<Self, Error>;

    /// Decodes an embedded-version message, without converting it.
    fn decode_held_embedded(bytes: &[u8]) -> Result<Self, Error>;

    /// One step up (the latest version stays as it is).
    fn upgrade_once(self) -> Result<Self, ConvertError>;

    /// One step down (the oldest version stays as it is).
    fn downgrade_once(self) -> Result<Self, ConvertError>;

    /// A latest value, encoded.
    fn encode_latest(latest: &Self::Latest) -> Vec<u8>;
}

/// The laws of one family: what to check, over how many values. Generated
/// families give theirs as `laws()`; `family::laws().check()` checks them.
pub struct Laws {
    family: &'static str,
    roots: Vec<Box<dyn RootLaws>>,
    settings: Settings,
}

/// What the user asked for beyond the defaults.
#[derive(Clone, Debug)]
pub(super) struct Settings {
    pub(super) cases: u32,
    pub(super) never_fail_from: Option<u16>,
    pub(super) round_trips: Vec<u16>,
}

impl Laws {
    /// The laws of family `family`, with no root yet.
    pub fn new(family: &'static str) -> Self {
        Laws {
            family,
            roots: Vec::new(),
            settings: Settings {
                cases: 64,
                never_fail_from: None,
                round_trips: Vec::new(),
            },
        }
    }

    /// Adds a root type, by its `…Versioned` wrapper.
    pub fn root<W: Chain>(mut self) -> Self {
        self.roots.push(Box::new(Of::<W>(PhantomData)));
        self
    }

    /// How many random values of each version to check (default 64).
    pub fn cases(mut self, cases: u32) -> Self {
        self.settings.cases = cases;
        self
    }

    /// Requires every upgrade from `version` on to succeed: a
    /// `ConvertError` there breaks the laws (by default failures are only
    /// counted).
    pub fn upgrades_never_fail_from(mut self, version: u16) -> Self {
        self.settings.never_fail_from = Some(version);
        self
    }

    /// Requires `upgrade` then `downgrade` to give every value back at the
    /// step `from` → `from + 1` although conversions in it are hand-written.
    pub fn round_trip(mut self, from: u16) -> Self {
        self.settings.round_trips.push(from);
        self
    }

    /// Checks the laws and reports every count; [`Report::passed`] says
    /// whether they hold.
    pub fn run(&self) -> Report {
        Report {
            family: self.family,
            cases: self.settings.cases,
            roots: self.roots.iter().map(|r| r.run(&self.settings)).collect(),
        }
    }

    /// Checks the laws, and panics with the report's table when one is
    /// broken: the one line of a test.
    #[track_caller]
    pub fn check(&self) {
        let report = self.run();
        if !report.passed() {
            panic!("{report}");
        }
    }
}

impl core::fmt::Debug for Laws {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Laws")
            .field("family", &self.family)
            .field("roots", &self.roots.len())
            .field("settings", &self.settings)
            .finish()
    }
}

/// One root's laws, whatever its wrapper type.
trait RootLaws {
    fn run(&self, settings: &Settings) -> RootReport;
}

struct Of<W>(PhantomData<fn() -> W>);

impl<W: Chain> RootLaws for Of<W> {
    fn run(&self, settings: &Settings) -> RootReport {
        let mut root = RootReport {
            root: W::ROOT,
            versions: Vec::new(),
            steps: W::steps()
                .iter()
                .map(|step| StepReport {
                    from: step.from,
                    hand_written: step.hand_written,
                    up: Counts::default(),
                    down: Counts::default(),
                    round_trip: (step.hand_written.is_empty()
                        || settings.round_trips.contains(&step.from))
                    .then(Counts::default),
                    required: !step.hand_written.is_empty()
                        && settings.round_trips.contains(&step.from),
                })
                .collect(),
            broken: Vec::new(),
        };
        // A fixed seed: a broken law shows the same values on every run.
        let mut runner = TestRunner::deterministic();
        for version in W::OLDEST..=W::LATEST {
            let mut report = VersionReport {
                version,
                codec: Counts::default(),
            };
            let strategy = W::generate(version);
            for _ in 0..settings.cases {
                let value = match strategy.new_tree(&mut runner) {
                    Ok(tree) => tree.current(),
                    Err(reason) => {
                        root.broken.push(Broken {
                            law: format!("v{version}: no value could be generated ({reason})"),
                            value: String::new(),
                            detail: None,
                        });
                        break;
                    }
                };
                check_codec(&mut root, &mut report, &value);
                check_up(&mut root, settings, &value);
                check_down(&mut root, &value);
            }
            root.versions.push(report);
        }
        root
    }
}

/// Plain and embedded round trips of one value.
fn check_codec<W: Chain>(root: &mut RootReport, report: &mut VersionReport, value: &W) {
    let version = value.held_version();
    let outcome = guarded(|| codec_round_trip(value));
    match outcome {
        Ok(Ok(())) => report.codec.ok += 1,
        Ok(Err(why)) => {
            report.codec.failed += 1;
            root.first(
                format!("v{version}: encode then decode: {why}"),
                value,
                None,
            );
        }
        Err(panic) => {
            report.codec.panicked += 1;
            root.first(
                format!("v{version}: encode then decode panicked"),
                value,
                Some(panic),
            );
        }
    }
}

fn codec_round_trip<W: Chain>(value: &W) -> Result<(), String> {
    let version = value.held_version();
    let bytes = value.encode_held();
    let back = W::decode_held(&bytes, version).map_err(|e| e.to_string())?;
    if back.encode_held() != bytes || back.held_version() != version {
        return Err("the decoded value encodes differently".to_string());
    }
    let embedded = value.encode_held_embedded();
    let back = W::decode_held_embedded(&embedded).map_err(|e| format!("embedded: {e}"))?;
    if back.encode_held_embedded() != embedded {
        return Err("embedded: the decoded value encodes differently".to_string());
    }
    if version == W::LATEST {
        let latest = W::decode_embedded(&embedded).map_err(|e| format!("embedded: {e}"))?;
        if W::encode_latest(&latest) != bytes {
            return Err("Versioned::decode_embedded gave another value".to_string());
        }
    }
    Ok(())
}

/// The upgrade of one value, and the downgrade back where it must give the
/// value back.
fn check_up<W: Chain>(root: &mut RootReport, settings: &Settings, value: &W) {
    let version = value.held_version();
    let Some(index) = root.step_index(version) else {
        return;
    };
    let step = format!("v{version} → v{}", version + 1);
    match guarded(|| value.clone().upgrade_once()) {
        Ok(Ok(next)) => {
            root.steps[index].up.ok += 1;
            if root.steps[index].round_trip.is_some() {
                check_round_trip(root, index, &step, value, next);
            }
        }
        Ok(Err(error)) => {
            root.steps[index].up.failed += 1;
            if let Some(from) = settings.never_fail_from.filter(|&from| version >= from) {
                root.first(
                    format!("{step}: upgrade failed (upgrades_never_fail_from({from}))"),
                    value,
                    Some(error.to_string()),
                );
            }
        }
        Err(panic) => {
            root.steps[index].up.panicked += 1;
            root.first(format!("{step}: upgrade panicked"), value, Some(panic));
        }
    }
}

fn check_round_trip<W: Chain>(root: &mut RootReport, index: usize, step: &str, value: &W, next: W) {
    let why = if root.steps[index].required {
        format!("round_trip({})", root.steps[index].from)
    } else {
        "generated both ways".to_string()
    };
    let detail = match guarded(|| next.downgrade_once()) {
        Ok(Ok(back)) if back.encode_held() == value.encode_held() => None,
        Ok(Ok(back)) => Some(format!("came back as {}", super::report::shown(&back))),
        Ok(Err(error)) => Some(format!("the downgrade failed: {error}")),
        Err(panic) => Some(format!("the downgrade panicked: {panic}")),
    };
    let Some(counts) = root.steps[index].round_trip.as_mut() else {
        return;
    };
    match detail {
        None => counts.ok += 1,
        Some(detail) => {
            counts.failed += 1;
            root.first(
                format!("{step}: upgrade then downgrade did not give the value back ({why})"),
                value,
                Some(detail),
            );
        }
    }
}

/// The downgrade of one value, counted.
fn check_down<W: Chain>(root: &mut RootReport, value: &W) {
    let version = value.held_version();
    if version == W::OLDEST {
        return;
    }
    let Some(index) = root.step_index(version - 1) else {
        return;
    };
    match guarded(|| value.clone().downgrade_once()) {
        Ok(Ok(_)) => root.steps[index].down.ok += 1,
        Ok(Err(_)) => root.steps[index].down.failed += 1,
        Err(panic) => {
            root.steps[index].down.panicked += 1;
            root.first(
                format!("v{version} → v{}: downgrade panicked", version - 1),
                value,
                Some(panic),
            );
        }
    }
}

std::thread_local! {
    /// Set while a guarded call runs: its panics are recorded, not printed.
    static QUIET: Cell<bool> = const { Cell::new(false) };
    /// The message and place of the last quiet panic.
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Runs `f`, turning a panic into its message. Panics on this thread are
/// kept out of the test output meanwhile (a panicking converter would
/// print one per value); other threads' panics print as before.
fn guarded<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if QUIET.with(Cell::get) {
                let place = info
                    .location()
                    .map(|l| format!(" at {}:{}", l.file(), l.line()))
                    .unwrap_or_default();
                let message = payload_text(info.payload());
                LAST_PANIC.with(|last| *last.borrow_mut() = Some(format!("{message}{place}")));
            } else {
                previous(info);
            }
        }));
    });
    QUIET.with(|quiet| quiet.set(true));
    let outcome = catch_unwind(AssertUnwindSafe(f));
    QUIET.with(|quiet| quiet.set(false));
    outcome.map_err(|payload| {
        LAST_PANIC
            .with(|last| last.borrow_mut().take())
            .unwrap_or_else(|| payload_text(&*payload))
    })
}

fn payload_text(payload: &(dyn core::any::Any + Send)) -> String {
    if let Some(text) = payload.downcast_ref::<&str>() {
        (*text).to_string()
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text.clone()
    } else {
        "a panic without a message".to_string()
    }
}
