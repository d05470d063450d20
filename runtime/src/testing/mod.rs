//! Laws of a family, checked over random values (feature `testing`).
//!
//! A family generated with `verso_build::Config::arbitrary(true)` gets a
//! [`proptest`] `Arbitrary` impl for every type of every version, and a
//! `laws()` function describing its chain. One line in a test checks it:
//!
//! ```text
//! #[test]
//! fn todo_laws() {
//!     my_crate::todo::laws().check();
//! }
//! ```
//!
//! [`Laws::check`] generates [`Laws::cases`] values of every version of
//! every root type and checks that
//!
//! - each value round-trips through encode and decode, as a plain message
//!   and as an embedded-version one (and, in the latest version, through
//!   [`Versioned::decode_embedded`](crate::Versioned::decode_embedded));
//! - each step's upgrade and downgrade succeed, fail with a
//!   [`ConvertError`](crate::ConvertError), or panic — counted per step and
//!   direction; a panic always fails the check;
//! - `upgrade` then `downgrade` gives the value back at every step whose
//!   conversions verso generates both ways, all through the value (the
//!   user can require it for a hand-written step too, with
//!   [`Laws::round_trip`]);
//! - with [`Laws::upgrades_never_fail_from`], no upgrade from that version
//!   on fails.
//!
//! On a failure it panics with a table of every root, version and step,
//! then the first failing value of each law broken.
//!
//! Values are compared by their encoded bytes, not with `PartialEq`: BARE
//! encodes each value one way, so equal bytes are equal values, and a
//! `NaN` (which the generated floats include) equals itself.
//!
//! Generated values stay small: lists, maps, strings and `data` hold at
//! most [`MAX_LEN`] elements, and recursive types nest at most [`DEPTH`]
//! levels (below that, optionals are `None`, lists and maps empty, and
//! unions take a member that ends the recursion soonest).
//!
//! The generated impls exist only while verso's `testing` feature is on,
//! so it can be turned on in `[dev-dependencies]` alone:
//! `verso = { version = "…", features = ["testing"] }`.

mod laws;
mod report;
mod strategies;

pub use laws::{Chain, Conversion, Direction, Laws, Step};
pub use report::{Counts, Report, StepReport, VersionReport};
pub use strategies::{
    DEPTH, Generate, MAX_LEN, array, boxed, build, data, fixed_data, just, list, map, one_of,
    option, primitive, select, string,
};
#[cfg(feature = "bytes")]
pub use strategies::{shared_data, shared_string};

/// The property-testing crate the generated `Arbitrary` impls are written
/// for, re-exported so that a user's crate needs no dependency of its own.
pub use proptest;

/// `Arbitrary` for generated types: `value` is drawn from
/// [`Generate::generate`] with the default depth budget [`DEPTH`]. Used by
/// generated code, one line for all the types of a family.
#[doc(hidden)]
#[macro_export]
macro_rules! __arbitrary {
    ($($ty:ty),* $(,)?) => {
        $(
            impl $crate::testing::proptest::arbitrary::Arbitrary for $ty {
                type Parameters = ();
                type Strategy = $crate::testing::proptest::strategy::BoxedStrategy<Self>;

                fn arbitrary_with((): ()) -> Self::Strategy {
                    <Self as $crate::testing::Generate>::generate($crate::testing::DEPTH)
                }
            }
        )*
    };
}
