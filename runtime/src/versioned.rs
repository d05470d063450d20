//! Versioned messages: the converter traits, the `Versioned` trait every
//! generated `…Versioned` enum implements, and their errors.

use alloc::borrow::Cow;
use alloc::{boxed::Box, format, string::String, vec::Vec};
use core::fmt;
use core::ops::RangeInclusive;

use crate::Limits;
use crate::error::{Count, DecodeError, write_abbreviated};

/// Converts a value of one schema version to the next (`v1::Todo` →
/// `v2::Todo`).
///
/// verso generates this for every type that is the same, or convertible
/// field by field, in both versions; for a type that changed shape you write
/// it. The chain calls it on the way from an old message to the latest
/// types.
#[diagnostic::on_unimplemented(
    message = "no upgrade from `{Self}` to the next schema version",
    label = "`{Self}` changed shape in the next version, so verso does not convert it",
    note = "write `impl verso::Upgrade for {Self} {{ type Next = /* this type in the next version */; fn upgrade(self) -> Result<Self::Next, verso::ConvertError> {{ … }} }}` (`verso scaffold` prints a stub)"
)]
pub trait Upgrade: Sized {
    /// The same type in the next version.
    type Next;

    /// Moves `self` into the next version's type.
    fn upgrade(self) -> Result<Self::Next, ConvertError>;
}

/// Converts a value of one schema version to the previous one (`v2::Todo` →
/// `v1::Todo`), for readers that only know the older version.
///
/// Generated where verso can; written by you for types that changed shape.
/// When the older version cannot represent a value (a variant added later),
/// return a [`ConvertError`] rather than invent data.
#[diagnostic::on_unimplemented(
    message = "no downgrade from `{Self}` to the previous schema version",
    label = "`{Self}` changed shape since the previous version, so verso does not convert it",
    note = "write `impl verso::Downgrade for {Self} {{ type Prev = /* this type in the previous version */; fn downgrade(self) -> Result<Self::Prev, verso::ConvertError> {{ … }} }}` (`verso scaffold` prints a stub)"
)]
pub trait Downgrade: Sized {
    /// The same type in the previous version.
    type Prev;

    /// Moves `self` into the previous version's type.
    fn downgrade(self) -> Result<Self::Prev, ConvertError>;
}

/// Implements [`Upgrade`] or [`Downgrade`] between two structs (each named
/// `module::Name`) whose fields have the same names and Rust types, moving each field: the conversion
/// verso generates for a struct of plain data that did not change between
/// two versions (one line instead of an impl block per direction).
///
/// ```
/// mod v1 { pub struct Point { pub x: i32, pub y: i32 } }
/// mod v2 { pub struct Point { pub x: i32, pub y: i32 } }
/// verso::move_fields!(Upgrade v1::Point => v2::Point { x, y });
/// verso::move_fields!(Downgrade v2::Point => v1::Point { x, y });
///
/// use verso::Upgrade;
/// let v2::Point { x, y } = v1::Point { x: 1, y: 2 }.upgrade().unwrap();
/// assert_eq!((x, y), (1, 2));
/// ```
#[macro_export]
macro_rules! move_fields {
    (Upgrade $a:ident::$from:ident => $b:ident::$to:ident { $($field:ident),+ $(,)? }) => {
        $crate::move_fields!(@impl Upgrade, Next, upgrade, $a::$from => $b::$to { $($field),+ });
    };
    (Downgrade $a:ident::$from:ident => $b:ident::$to:ident { $($field:ident),+ $(,)? }) => {
        $crate::move_fields!(@impl Downgrade, Prev, downgrade, $a::$from => $b::$to { $($field),+ });
    };
    (@impl $trait_name:ident, $assoc:ident, $method:ident,
        $a:ident::$from:ident => $b:ident::$to:ident { $($field:ident),+ }) => {
        impl $crate::$trait_name for $a::$from {
            type $assoc = $b::$to;

            fn $method(self) -> ::core::result::Result<$b::$to, $crate::ConvertError> {
                let $a::$from { $($field),+ } = self;
                ::core::result::Result::Ok($b::$to { $($field),+ })
            }
        }
    };
}

/// Why a value could not be converted between versions.
///
/// Generated converters add where the value sat while the error propagates:
/// fields, list indices and map keys, shown as `todos[3].status` or
/// `labels["x"]` (keys as the JSON mapping writes them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConvertError {
    message: Cow<'static, str>,
    /// Innermost segment first (segments are pushed while unwinding), each
    /// as shown: `title`, `[3]`, `["x"]`.
    path_rev: Vec<Cow<'static, str>>,
}

impl ConvertError {
    /// A conversion failure explained by `message` ("status ARCHIVED does
    /// not exist in v2").
    pub fn new(message: impl Into<Cow<'static, str>>) -> Self {
        ConvertError {
            message: message.into(),
            path_rev: Vec::new(),
        }
    }

    /// Adds the field the failing value sits in (called by generated code).
    #[must_use]
    pub fn in_field(mut self, field: impl Into<Cow<'static, str>>) -> Self {
        self.path_rev.push(field.into());
        self
    }

    /// Adds the list index the failing value sits at.
    #[must_use]
    pub fn in_index(mut self, index: usize) -> Self {
        self.path_rev.push(format!("[{index}]").into());
        self
    }

    /// Adds the map key the failing value (or key) sits at.
    #[must_use]
    pub fn in_key<K: MapKey + ?Sized>(mut self, key: &K) -> Self {
        self.path_rev.push(format!("[{}]", KeyDisplay(key)).into());
        self
    }

    /// The explanation given by the converter.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The path, outermost first, each segment as shown: `["todos",
    /// "[7]", "status"]`.
    pub fn path(&self) -> impl Iterator<Item = &str> {
        self.path_rev.iter().rev().map(|p| p.as_ref())
    }
}

impl fmt::Display for ConvertError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.path_rev.is_empty() {
            write_abbreviated(
                f,
                self.path_rev.iter().rev().map(|p| p.as_ref()),
                |f, first, segment: &str| {
                    if !first && !segment.starts_with('[') {
                        f.write_str(".")?;
                    }
                    f.write_str(segment)
                },
            )?;
            f.write_str(": ")?;
        }
        f.write_str(&self.message)
    }
}

impl core::error::Error for ConvertError {}

/// A map key type, shown in a [`ConvertError`]'s path the way the JSON
/// mapping writes it: strings quoted, numbers and booleans bare, `data` as
/// a quoted hex string, enum values by their schema name (generated code
/// implements it for enums used as keys).
pub trait MapKey {
    /// Writes the key as the JSON mapping shows it.
    fn fmt_key(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result;
}

struct KeyDisplay<'a, K: ?Sized>(&'a K);

impl<K: MapKey + ?Sized> fmt::Display for KeyDisplay<'_, K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt_key(f)
    }
}

macro_rules! bare_keys {
    ($($t:ty)*) => {$(
        impl MapKey for $t {
            fn fmt_key(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{self}")
            }
        }
    )*};
}
bare_keys!(u8 u16 u32 u64 i8 i16 i32 i64 bool);

impl MapKey for crate::Uint {
    fn fmt_key(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl MapKey for crate::Int {
    fn fmt_key(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl MapKey for str {
    fn fmt_key(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_json_string(f, self)
    }
}

impl MapKey for String {
    fn fmt_key(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_json_string(f, self)
    }
}

impl MapKey for [u8] {
    fn fmt_key(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("\"")?;
        for byte in self {
            write!(f, "{byte:02x}")?;
        }
        f.write_str("\"")
    }
}

impl MapKey for Vec<u8> {
    fn fmt_key(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.as_slice().fmt_key(f)
    }
}

impl<const N: usize> MapKey for [u8; N] {
    fn fmt_key(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.as_slice().fmt_key(f)
    }
}

/// Writes `text` as a JSON string literal.
fn write_json_string(f: &mut fmt::Formatter<'_>, text: &str) -> fmt::Result {
    f.write_str("\"")?;
    for c in text.chars() {
        match c {
            '"' => f.write_str("\\\"")?,
            '\\' => f.write_str("\\\\")?,
            '\n' => f.write_str("\\n")?,
            '\r' => f.write_str("\\r")?,
            '\t' => f.write_str("\\t")?,
            c if (c as u32) < 0x20 => write!(f, "\\u{:04x}", c as u32)?,
            c => write!(f, "{c}")?,
        }
    }
    f.write_str("\"")
}

/// Why a versioned message could not be read or written.
///
/// `Display` gives the whole story in one line, the cause included
/// ("invalid version 1 message: Person.favouriteNumber: invalid optional
/// tag 0x07 … at byte 9"), so [`source`](core::error::Error::source) is
/// `None`: error reporters that walk the chain (anyhow, eyre) would
/// otherwise print the cause twice. The cause stays available as the
/// variant's field.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Error {
    /// The version is not one this build knows.
    UnsupportedVersion {
        /// The version asked for or received.
        version: u16,
        /// The oldest supported version.
        oldest: u16,
        /// The newest version.
        latest: u16,
    },
    /// An embedded-version message shorter than its 2-byte header.
    HeaderTooShort {
        /// How many bytes there were.
        len: usize,
    },
    /// The payload is not a valid message of its version.
    Decode {
        /// The version being decoded.
        version: u16,
        /// What was wrong.
        source: DecodeError,
    },
    /// A converter refused a value.
    Convert {
        /// The root type being converted.
        type_name: &'static str,
        /// Version converted from.
        from: u16,
        /// Version converted to.
        to: u16,
        /// The converter's explanation.
        source: ConvertError,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::UnsupportedVersion {
                version,
                oldest,
                latest,
            } => write!(
                f,
                "unsupported version {version}: this build reads and writes versions {oldest} to {latest}"
            ),
            Error::HeaderTooShort { len } => write!(
                f,
                "message of {} is too short for its 2-byte version header",
                Count(*len, "byte")
            ),
            Error::Decode { version, source } => {
                write!(f, "invalid version {version} message: {source}")
            }
            Error::Convert {
                type_name,
                from,
                to,
                source,
            } => write!(
                f,
                "cannot convert {type_name} from v{from} to v{to}: {source}"
            ),
        }
    }
}

impl core::error::Error for Error {}

/// A root type of a schema family across all its versions, implemented by
/// the generated `…Versioned` enums (`AppVersioned`).
///
/// Old messages decode into the latest types by walking the [`Upgrade`]
/// chain; the latest types encode for an old reader by walking the
/// [`Downgrade`] chain. The version either travels in the message (a 2-byte
/// little-endian prefix, the `_embedded` methods) or is agreed out of band.
pub trait Versioned {
    /// The root type in the newest version.
    type Latest;
    /// The first version that has this root type.
    const OLDEST: u16;
    /// The newest version.
    const LATEST: u16;

    /// Decodes a plain message of `version` under `limits` and upgrades it
    /// to the latest types.
    fn decode_with(bytes: &[u8], version: u16, limits: Limits) -> Result<Self::Latest, Error>;

    /// Decodes a plain message of `version` and upgrades it to the latest
    /// types, with default [`Limits`].
    fn decode(bytes: &[u8], version: u16) -> Result<Self::Latest, Error> {
        Self::decode_with(bytes, version, Limits::default())
    }

    /// Downgrades `latest` to `version` and encodes it as a plain message.
    fn encode(latest: Self::Latest, version: u16) -> Result<Vec<u8>, Error>;

    /// Decodes a message that starts with its version (`u16`, little-endian).
    ///
    /// Byte offsets in the error count the header, like every offset the
    /// runtime reports: they are positions in `bytes`.
    fn decode_embedded(bytes: &[u8]) -> Result<Self::Latest, Error> {
        Self::decode_embedded_with(bytes, Limits::default())
    }

    /// [`decode_embedded`](Self::decode_embedded) under `limits`.
    fn decode_embedded_with(bytes: &[u8], limits: Limits) -> Result<Self::Latest, Error> {
        let (version, payload) = split_embedded(bytes)?;
        Self::decode_with(payload, version, limits).map_err(Error::after_header)
    }

    /// Decodes a plain message of `version` from a shared buffer and
    /// upgrades it to the latest types, with default [`Limits`]. For a
    /// family generated with `verso_build::Config::bytes(true)`, its `data`
    /// and `str` values ([`Bytes`](bytes::Bytes), [`Str`](crate::Str)) are
    /// slices of `bytes`, whichever version it was (converters move them).
    #[cfg(feature = "bytes")]
    fn decode_bytes(bytes: bytes::Bytes, version: u16) -> Result<Self::Latest, Error> {
        Self::decode_bytes_with(bytes, version, Limits::default())
    }

    /// [`decode_bytes`](Self::decode_bytes) under `limits`.
    ///
    /// Generated wrappers of families built with `bytes(true)` override it;
    /// the default is [`decode_with`](Self::decode_with), which copies (the
    /// latest types of other families hold `Vec<u8>` and `String`).
    #[cfg(feature = "bytes")]
    fn decode_bytes_with(
        bytes: bytes::Bytes,
        version: u16,
        limits: Limits,
    ) -> Result<Self::Latest, Error> {
        Self::decode_with(&bytes, version, limits)
    }

    /// [`decode_embedded`](Self::decode_embedded) from a shared buffer (see
    /// [`decode_bytes`](Self::decode_bytes)).
    #[cfg(feature = "bytes")]
    fn decode_bytes_embedded(bytes: bytes::Bytes) -> Result<Self::Latest, Error> {
        Self::decode_bytes_embedded_with(bytes, Limits::default())
    }

    /// [`decode_bytes_embedded`](Self::decode_bytes_embedded) under `limits`.
    #[cfg(feature = "bytes")]
    fn decode_bytes_embedded_with(
        bytes: bytes::Bytes,
        limits: Limits,
    ) -> Result<Self::Latest, Error> {
        let (version, _) = split_embedded(&bytes)?;
        Self::decode_bytes_with(bytes.slice(2..), version, limits).map_err(Error::after_header)
    }

    /// Encodes `latest` for `version`, prefixed with the version
    /// (`u16`, little-endian).
    fn encode_embedded(latest: Self::Latest, version: u16) -> Result<Vec<u8>, Error> {
        let payload = Self::encode(latest, version)?;
        let mut out = Vec::with_capacity(payload.len() + 2);
        out.extend_from_slice(&version.to_le_bytes());
        out.extend_from_slice(&payload);
        Ok(out)
    }

    /// Re-encodes a plain message of version `from` as a message of version
    /// `to`, through the latest types: the upgrade chain, then the downgrade
    /// chain. For migrations (`to` = [`LATEST`](Self::LATEST)) and for
    /// serving a stored message to an older reader.
    fn transcode(bytes: &[u8], from: u16, to: u16) -> Result<Vec<u8>, Error> {
        Self::encode(Self::decode(bytes, from)?, to)
    }

    /// Re-encodes an embedded-version message of any supported version as
    /// an embedded message of version `to` (see [`transcode`](Self::transcode)).
    fn transcode_embedded(bytes: &[u8], to: u16) -> Result<Vec<u8>, Error> {
        Self::encode_embedded(Self::decode_embedded(bytes)?, to)
    }

    /// Checks `version` against [`OLDEST`](Self::OLDEST)..=[`LATEST`](Self::LATEST).
    fn check_version(version: u16) -> Result<(), Error> {
        if (Self::OLDEST..=Self::LATEST).contains(&version) {
            Ok(())
        } else {
            Err(Error::UnsupportedVersion {
                version,
                oldest: Self::OLDEST,
                latest: Self::LATEST,
            })
        }
    }
}

impl Error {
    /// Moves a decode error's offset past the 2-byte version header, so it
    /// counts from the start of an embedded message (generated
    /// `…Versioned::decode_version_embedded` calls this).
    #[must_use]
    pub fn after_header(self) -> Self {
        match self {
            Error::Decode { version, source } => Error::Decode {
                version,
                source: source.offset_by(2),
            },
            other => other,
        }
    }
}

/// Splits an embedded-version message into its version (the first two
/// bytes, `u16` little-endian) and its payload, without decoding anything:
/// for routing stored or received bytes by version.
///
/// ```
/// assert_eq!(verso::split_embedded(&[2, 0, 7]), Ok((2, &[7][..])));
/// assert!(verso::split_embedded(&[2]).is_err());
/// ```
pub fn split_embedded(bytes: &[u8]) -> Result<(u16, &[u8]), Error> {
    match bytes {
        [low, high, payload @ ..] => Ok((u16::from_le_bytes([*low, *high]), payload)),
        _ => Err(Error::HeaderTooShort { len: bytes.len() }),
    }
}

/// The version both sides speak, given the range of versions each one
/// reads and writes: the highest version in both ranges, or `None` when the
/// ranges do not overlap (or either is empty).
///
/// ```
/// assert_eq!(verso::negotiate(1..=3, 2..=5), Some(3));
/// assert_eq!(verso::negotiate(1..=1, 1..=3), Some(1));
/// assert_eq!(verso::negotiate(4..=6, 1..=3), None);
/// ```
pub fn negotiate(ours: RangeInclusive<u16>, theirs: RangeInclusive<u16>) -> Option<u16> {
    let highest = (*ours.end()).min(*theirs.end());
    let lowest = (*ours.start()).max(*theirs.start());
    (lowest <= highest).then_some(highest)
}

/// One step of a `…Versioned` wrapper's conversion chain: `convert(value)`
/// from version `from` to `to`, with a failure reported as
/// [`Error::Convert`] naming the root type and both versions.
#[inline]
pub fn chain_step<T, U>(
    value: T,
    convert: impl FnOnce(T) -> Result<U, ConvertError>,
    type_name: &'static str,
    from: u16,
    to: u16,
) -> Result<U, Error> {
    convert(value).map_err(|source| Error::Convert {
        type_name,
        from,
        to,
        source,
    })
}

/// Converts every element of a list, adding the index of a failing one to
/// the error's path (generated converters call this for `list<T>` fields).
pub fn convert_list<T, U>(
    items: Vec<T>,
    mut convert: impl FnMut(T) -> Result<U, ConvertError>,
) -> Result<Vec<U>, ConvertError> {
    items
        .into_iter()
        .enumerate()
        .map(|(index, item)| convert(item).map_err(|e| e.in_index(index)))
        .collect()
}

/// Converts every element of a fixed-length list (generated converters call
/// this for `list<T>[N]` fields), adding the index of a failing one.
pub fn convert_array<T, U, const N: usize>(
    items: [T; N],
    convert: impl FnMut(T) -> Result<U, ConvertError>,
) -> Result<[U; N], ConvertError> {
    let converted = convert_list(Vec::from(items), convert)?;
    // The length is N by construction; the error arm is unreachable.
    converted
        .try_into()
        .map_err(|_| ConvertError::new("fixed-length list changed length"))
}

/// `value` as an `f32` when that loses nothing (NaN stays NaN, infinities
/// stay infinite), else an error: the checked narrowing `verso scaffold`
/// writes for a field that was `f32` before and is `f64` now.
///
/// ```
/// assert_eq!(verso::exact_f32(0.5), Ok(0.5));
/// assert!(verso::exact_f32(0.1).is_err());
/// ```
pub fn exact_f32(value: f64) -> Result<f32, ConvertError> {
    // `as` rounds to the nearest f32; converting back tells whether that
    // was exact.
    let narrow = value as f32;
    if f64::from(narrow) == value || value.is_nan() {
        Ok(narrow)
    } else {
        Err(ConvertError::new("is not exactly an f32"))
    }
}

/// Converts the values of a map whose keys stay as they are, adding the key
/// of a failing value to the error's path (generated converters call this
/// for `map<K><V>` fields whose `V` converts).
pub fn convert_map_values<K: MapKey, V, W, M: FromIterator<(K, W)>>(
    map: impl IntoIterator<Item = (K, V)>,
    mut convert: impl FnMut(V) -> Result<W, ConvertError>,
) -> Result<M, ConvertError> {
    map.into_iter()
        .map(|(key, value)| match convert(value) {
            Ok(value) => Ok((key, value)),
            Err(e) => Err(e.in_key(&key)),
        })
        .collect()
}

/// Converts the keys and values of a map whose key type converts too (an
/// enum key), adding the failing pair's key to the error's path. Keys are
/// converted from a reference, so the old key can still be shown; key types
/// are enums or plain data, cheap to clone.
pub fn convert_map<K: MapKey, V, L, W, M: FromIterator<(L, W)>>(
    map: impl IntoIterator<Item = (K, V)>,
    mut convert_key: impl FnMut(&K) -> Result<L, ConvertError>,
    mut convert_value: impl FnMut(V) -> Result<W, ConvertError>,
) -> Result<M, ConvertError> {
    map.into_iter()
        .map(|(key, value)| {
            let new_key = convert_key(&key).map_err(|e| e.in_key(&key))?;
            let value = convert_value(value).map_err(|e| e.in_key(&key))?;
            Ok((new_key, value))
        })
        .collect()
}

// Containers of convertible values convert element by element, so a
// hand-written converter can say `self.kind.upgrade()?` for an
// `Option<v1::Kind>` or a `Vec<v1::Todo>`.

impl<T: Upgrade> Upgrade for Option<T> {
    type Next = Option<T::Next>;
    fn upgrade(self) -> Result<Self::Next, ConvertError> {
        self.map(T::upgrade).transpose()
    }
}

impl<T: Downgrade> Downgrade for Option<T> {
    type Prev = Option<T::Prev>;
    fn downgrade(self) -> Result<Self::Prev, ConvertError> {
        self.map(T::downgrade).transpose()
    }
}

impl<T: Upgrade> Upgrade for Vec<T> {
    type Next = Vec<T::Next>;
    fn upgrade(self) -> Result<Self::Next, ConvertError> {
        convert_list(self, T::upgrade)
    }
}

impl<T: Downgrade> Downgrade for Vec<T> {
    type Prev = Vec<T::Prev>;
    fn downgrade(self) -> Result<Self::Prev, ConvertError> {
        convert_list(self, T::downgrade)
    }
}

impl<T: Upgrade> Upgrade for Box<T> {
    type Next = Box<T::Next>;
    fn upgrade(self) -> Result<Self::Next, ConvertError> {
        (*self).upgrade().map(Box::new)
    }
}

impl<T: Downgrade> Downgrade for Box<T> {
    type Prev = Box<T::Prev>;
    fn downgrade(self) -> Result<Self::Prev, ConvertError> {
        (*self).downgrade().map(Box::new)
    }
}

#[cfg(test)]
mod tests {
    use std::{boxed::Box, string::ToString, vec, vec::Vec};

    use super::*;

    struct Old(u8);
    #[derive(Debug, PartialEq)]
    struct New(u16);

    impl Upgrade for Old {
        type Next = New;
        fn upgrade(self) -> Result<New, ConvertError> {
            if self.0 == 0 {
                Err(ConvertError::new("zero has no meaning in the next version").in_field("value"))
            } else {
                Ok(New(u16::from(self.0) * 10))
            }
        }
    }

    #[test]
    fn containers_convert_element_by_element() {
        assert_eq!(Some(Old(1)).upgrade().unwrap(), Some(New(10)));
        assert_eq!(
            vec![Old(1), Old(2)].upgrade().unwrap(),
            vec![New(10), New(20)]
        );
        assert_eq!(Box::new(Old(3)).upgrade().unwrap(), Box::new(New(30)));
        let err = vec![Old(1), Old(0)].upgrade().unwrap_err();
        assert_eq!(
            err.to_string(),
            "[1].value: zero has no meaning in the next version"
        );
        assert_eq!(
            convert_array([Old(1), Old(2)], Old::upgrade).unwrap(),
            [New(10), New(20)]
        );
    }

    struct Root;
    impl Versioned for Root {
        type Latest = u8;
        const OLDEST: u16 = 2;
        const LATEST: u16 = 3;
        fn decode_with(bytes: &[u8], version: u16, limits: Limits) -> Result<u8, Error> {
            Self::check_version(version)?;
            crate::from_slice_with(bytes, limits)
                .map_err(|source| Error::Decode { version, source })
        }
        fn encode(latest: u8, version: u16) -> Result<Vec<u8>, Error> {
            Self::check_version(version)?;
            Ok(vec![latest])
        }
    }

    #[test]
    fn embedded_versions_are_little_endian_prefixes() {
        assert_eq!(Root::encode_embedded(7, 3).unwrap(), [3, 0, 7]);
        assert_eq!(Root::decode_embedded(&[3, 0, 7]).unwrap(), 7);
        assert_eq!(
            Root::decode_embedded(&[3]),
            Err(Error::HeaderTooShort { len: 1 })
        );
        assert_eq!(
            Root::decode_embedded(&[]),
            Err(Error::HeaderTooShort { len: 0 })
        );
        for version in [0u16, 1, 4, 0x0100] {
            let err = Root::decode_embedded(&version.to_le_bytes()).unwrap_err();
            assert_eq!(
                err,
                Error::UnsupportedVersion {
                    version,
                    oldest: 2,
                    latest: 3
                }
            );
        }
        let err = Root::decode_embedded(&[2, 0, 7, 7]).unwrap_err();
        assert!(matches!(err, Error::Decode { version: 2, .. }), "{err}");
        assert!(
            err.to_string().starts_with("invalid version 2 message"),
            "{err}"
        );
    }

    #[test]
    fn embedded_error_offsets_count_the_header() {
        // Byte 3 of what the caller passed is the trailing byte.
        let err = Root::decode_embedded(&[2, 0, 7, 7]).unwrap_err();
        let Error::Decode { source, .. } = &err else {
            panic!("{err:?}")
        };
        assert_eq!(source.offset(), 3);
        // The plain decode of the payload alone counts from the payload.
        let Error::Decode { source, .. } = Root::decode(&[7, 7], 2).unwrap_err() else {
            panic!()
        };
        assert_eq!(source.offset(), 1);
    }

    #[test]
    fn transcoding_goes_through_the_latest_types() {
        assert_eq!(Root::transcode(&[9], 2, 3).unwrap(), [9]);
        assert_eq!(Root::transcode_embedded(&[2, 0, 9], 3).unwrap(), [3, 0, 9]);
        assert!(matches!(
            Root::transcode_embedded(&[2, 0, 9], 1),
            Err(Error::UnsupportedVersion { version: 1, .. })
        ));
        assert_eq!(split_embedded(&[1, 2, 3]), Ok((0x0201, &[3][..])));
    }

    #[test]
    fn negotiation_picks_the_highest_common_version() {
        assert_eq!(negotiate(1..=3, 1..=3), Some(3));
        assert_eq!(negotiate(2..=5, 1..=3), Some(3));
        assert_eq!(negotiate(1..=3, 3..=9), Some(3));
        assert_eq!(negotiate(1..=2, 3..=4), None);
        assert_eq!(negotiate(3..=4, 1..=2), None);
        // An empty range speaks nothing.
        #[allow(clippy::reversed_empty_ranges)]
        let empty = 5..=1;
        assert_eq!(negotiate(empty, 1..=9), None);
        assert_eq!(negotiate(0..=u16::MAX, u16::MAX..=u16::MAX), Some(u16::MAX));
    }

    #[test]
    fn errors_print_their_cause_once_down_a_chain() {
        use core::error::Error as _;
        let err = Root::decode_embedded(&[2, 0, 7, 7]).unwrap_err();
        // What a chain-walking reporter (anyhow's `{:#}`) prints.
        let mut chain = vec![err.to_string()];
        let mut cause = err.source();
        while let Some(next) = cause {
            chain.push(next.to_string());
            cause = next.source();
        }
        assert_eq!(
            chain,
            ["invalid version 2 message: 1 trailing byte after the message at byte 3"]
        );
    }

    #[test]
    fn conversion_paths_show_indices_and_keys_as_json_does() {
        let err = ConvertError::new("no")
            .in_field("status")
            .in_key("a\"b\n")
            .in_field("labels")
            .in_index(3)
            .in_field("todos");
        assert_eq!(err.to_string(), r#"todos[3].labels["a\"b\n"].status: no"#);
        assert_eq!(
            err.path().collect::<Vec<_>>(),
            ["todos", "[3]", "labels", r#"["a\"b\n"]"#, "status"]
        );
        let keyed =
            |key: &dyn Fn(ConvertError) -> ConvertError| key(ConvertError::new("x")).to_string();
        assert_eq!(keyed(&|e| e.in_key(&7u64)), "[7]: x");
        assert_eq!(keyed(&|e| e.in_key(&-2i8)), "[-2]: x");
        assert_eq!(keyed(&|e| e.in_key(&true)), "[true]: x");
        assert_eq!(keyed(&|e| e.in_key(&vec![0xab_u8, 1])), r#"["ab01"]: x"#);
        assert_eq!(keyed(&|e| e.in_key(&[0u8; 2])), r#"["0000"]: x"#);
        assert_eq!(keyed(&|e| e.in_key("\u{1}")), r#"["\u0001"]: x"#);

        let failing = |n: u8| {
            if n == 0 {
                Err(ConvertError::new("zero"))
            } else {
                Ok(n)
            }
        };
        assert_eq!(
            convert_list(vec![1, 0], failing).unwrap_err().to_string(),
            "[1]: zero"
        );
        assert_eq!(
            convert_array([1, 1, 0], failing).unwrap_err().to_string(),
            "[2]: zero"
        );
        let map = std::collections::BTreeMap::from([(String::from("k"), 0u8)]);
        let err = convert_map_values::<_, _, _, std::collections::BTreeMap<_, _>>(map, failing)
            .unwrap_err();
        assert_eq!(err.to_string(), r#"["k"]: zero"#);
    }
}
