//! The strategies generated `Arbitrary` impls are built from: bounded
//! sizes, exact fixed lengths, unique map keys.

use std::boxed::Box;
use std::fmt::Debug;
use std::string::String;
use std::vec::Vec;

use proptest::arbitrary::Arbitrary;
use proptest::collection::vec;
use proptest::prelude::{BoxedStrategy, Just, Strategy, any};

/// How many levels a recursive type nests in a generated value: every
/// reference to a recursive type spends one, and at zero the value ends.
pub const DEPTH: u32 = 3;

/// The most elements a generated list or map holds, and the most
/// characters or bytes of a generated `str` or `data`.
pub const MAX_LEN: usize = 4;

/// A type whose random values verso generates (every type of a family
/// generated with `Config::arbitrary(true)`).
pub trait Generate: Sized + Debug {
    /// Values of this type. `depth` is what is left of the recursion
    /// budget: a recursive type asked for at `0` builds the smallest value
    /// that ends (no optional set, no element in a list or map, the union
    /// member that ends soonest).
    fn generate(depth: u32) -> BoxedStrategy<Self>;
}

/// A `str` of at most [`MAX_LEN`] characters, any Unicode scalar value.
pub fn string() -> BoxedStrategy<String> {
    vec(any::<char>(), 0..=MAX_LEN)
        .prop_map(|chars| chars.into_iter().collect())
        .boxed()
}

/// `data` of at most [`MAX_LEN`] bytes.
pub fn data() -> BoxedStrategy<Vec<u8>> {
    vec(any::<u8>(), 0..=MAX_LEN).boxed()
}

/// A `str` of at most [`MAX_LEN`] characters as a [`crate::Str`], for
/// families generated with `Config::bytes(true)`.
#[cfg(feature = "bytes")]
pub fn shared_string() -> BoxedStrategy<crate::Str> {
    string().prop_map(crate::Str::from).boxed()
}

/// `data` of at most [`MAX_LEN`] bytes as [`bytes::Bytes`], for families
/// generated with `Config::bytes(true)`.
#[cfg(feature = "bytes")]
pub fn shared_data() -> BoxedStrategy<bytes::Bytes> {
    data().prop_map(bytes::Bytes::from).boxed()
}

/// `data[N]`: exactly `N` bytes.
pub fn fixed_data<const N: usize>() -> BoxedStrategy<[u8; N]> {
    array::<u8, N>(any::<u8>())
}

/// `list<T>[N]`: exactly `N` elements.
pub fn array<T: Debug + 'static, const N: usize>(
    element: impl Strategy<Value = T> + 'static,
) -> BoxedStrategy<[T; N]> {
    vec(element, N)
        .prop_map(|items| match <[T; N]>::try_from(items) {
            Ok(array) => array,
            // `vec(_, N)` makes exactly N elements.
            Err(items) => unreachable!("{} elements generated for {N}", items.len()),
        })
        .boxed()
}

/// `list<T>` of at most [`MAX_LEN`] elements; empty when `ground` (the
/// recursion budget is spent), and then `element` is not even called, so
/// no strategy is built below a spent budget.
pub fn list<T: Debug + 'static, S: Strategy<Value = T> + 'static>(
    ground: bool,
    element: impl FnOnce() -> S,
) -> BoxedStrategy<Vec<T>> {
    if ground {
        return Just(()).prop_map(|()| Vec::new()).boxed();
    }
    vec(element(), 0..=MAX_LEN).boxed()
}

/// `optional<T>`: `None` or a value, always `None` when `ground`.
pub fn option<T: Debug + 'static, S: Strategy<Value = T> + 'static>(
    ground: bool,
    value: impl FnOnce() -> S,
) -> BoxedStrategy<Option<T>> {
    if ground {
        return Just(()).prop_map(|()| None).boxed();
    }
    proptest::option::of(value()).boxed()
}

/// `map<K><V>` into any map type (`BTreeMap`, `HashMap`, `IndexMap`): at
/// most [`MAX_LEN`] pairs, keys unique (a repeated key keeps its last
/// value), empty when `ground`.
pub fn map<K, V, M, SK, SV>(
    ground: bool,
    key: impl FnOnce() -> SK,
    value: impl FnOnce() -> SV,
) -> BoxedStrategy<M>
where
    K: Debug + 'static,
    V: Debug + 'static,
    M: FromIterator<(K, V)> + Debug + 'static,
    SK: Strategy<Value = K> + 'static,
    SV: Strategy<Value = V> + 'static,
{
    if ground {
        return Just(())
            .prop_map(|()| core::iter::empty().collect())
            .boxed();
    }
    vec((key(), value()), 0..=MAX_LEN)
        .prop_map(|pairs| pairs.into_iter().collect())
        .boxed()
}

/// A boxed value, for fields verso boxes.
pub fn boxed<T: Debug + 'static>(
    value: impl Strategy<Value = T> + 'static,
) -> BoxedStrategy<Box<T>> {
    value.prop_map(Box::new).boxed()
}

/// Any value of a primitive type.
pub fn primitive<T: Arbitrary + 'static>() -> BoxedStrategy<T> {
    any::<T>().boxed()
}

/// A struct (or any value) made from a tuple of its parts' values.
pub fn build<P: Strategy + 'static, T: Debug>(
    parts: P,
    make: impl Fn(P::Value) -> T + 'static,
) -> BoxedStrategy<T> {
    parts.prop_map(make).boxed()
}

/// One of the values of an enum, each as likely.
pub fn select<T: Clone + Debug + 'static>(values: Vec<T>) -> BoxedStrategy<T> {
    proptest::sample::select(values).boxed()
}

/// Always `value` (a void type).
pub fn just<T: Clone + Debug + 'static>(value: T) -> BoxedStrategy<T> {
    Just(value).boxed()
}

/// A value of one of the members, each member as likely: a union.
pub fn one_of<T: Debug + 'static>(members: Vec<BoxedStrategy<T>>) -> BoxedStrategy<T> {
    proptest::strategy::Union::new(members).boxed()
}
