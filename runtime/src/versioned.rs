//! Versioned messages: the converter traits, the `Versioned` trait every
//! generated `…Versioned` enum implements, and their errors.

use std::borrow::Cow;
use std::fmt;
use std::ops::RangeInclusive;

use crate::error::DecodeError;

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

/// Why a value could not be converted between versions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConvertError {
    message: Cow<'static, str>,
    /// Field names from the outermost value down, filled in while the error
    /// propagates through generated converters.
    path: Vec<Cow<'static, str>>,
}

impl ConvertError {
    /// A conversion failure explained by `message` ("status ARCHIVED does
    /// not exist in v2").
    pub fn new(message: impl Into<Cow<'static, str>>) -> Self {
        ConvertError {
            message: message.into(),
            path: Vec::new(),
        }
    }

    /// Adds the field the failing value sits in (called by generated code).
    pub fn in_field(mut self, field: impl Into<Cow<'static, str>>) -> Self {
        self.path.insert(0, field.into());
        self
    }

    /// The explanation given by the converter.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The field path, outermost first (`["todos", "status"]`).
    pub fn path(&self) -> impl Iterator<Item = &str> {
        self.path.iter().map(|p| p.as_ref())
    }
}

impl fmt::Display for ConvertError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path.join("."), self.message)
        }
    }
}

impl std::error::Error for ConvertError {}

/// Why a versioned message could not be read or written.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The version is not one this build knows.
    #[error(
        "unsupported version {version}: this build reads and writes versions {oldest} to {latest}"
    )]
    UnsupportedVersion {
        /// The version asked for or received.
        version: u16,
        /// The oldest supported version.
        oldest: u16,
        /// The newest version.
        latest: u16,
    },
    /// An embedded-version message shorter than its 2-byte header.
    #[error("message of {len} byte(s) is too short for its 2-byte version header")]
    HeaderTooShort {
        /// How many bytes there were.
        len: usize,
    },
    /// The payload is not a valid message of its version.
    #[error("invalid version {version} message: {source}")]
    Decode {
        /// The version being decoded.
        version: u16,
        /// What was wrong.
        #[source]
        source: DecodeError,
    },
    /// A converter refused a value.
    #[error("cannot convert {type_name} from v{from} to v{to}: {source}")]
    Convert {
        /// The root type being converted.
        type_name: &'static str,
        /// Version converted from.
        from: u16,
        /// Version converted to.
        to: u16,
        /// The converter's explanation.
        #[source]
        source: ConvertError,
    },
}

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

    /// Decodes a plain message of `version` and upgrades it to the latest
    /// types.
    fn decode(bytes: &[u8], version: u16) -> Result<Self::Latest, Error>;

    /// Downgrades `latest` to `version` and encodes it as a plain message.
    fn encode(latest: Self::Latest, version: u16) -> Result<Vec<u8>, Error>;

    /// Decodes a message that starts with its version (`u16`, little-endian).
    ///
    /// Byte offsets in the error count the header, like every offset the
    /// runtime reports: they are positions in `bytes`.
    fn decode_embedded(bytes: &[u8]) -> Result<Self::Latest, Error> {
        let (version, payload) = split_embedded(bytes)?;
        Self::decode(payload, version).map_err(Error::after_header)
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

/// Converts every element of a fixed-length list (generated converters call
/// this for `list<T>[N]` fields).
pub fn convert_array<T, U, const N: usize>(
    items: [T; N],
    convert: impl FnMut(T) -> Result<U, ConvertError>,
) -> Result<[U; N], ConvertError> {
    let converted: Vec<U> = items.into_iter().map(convert).collect::<Result<_, _>>()?;
    // The length is N by construction; the error arm is unreachable.
    converted
        .try_into()
        .map_err(|_| ConvertError::new("fixed-length list changed length"))
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
        self.into_iter().map(T::upgrade).collect()
    }
}

impl<T: Downgrade> Downgrade for Vec<T> {
    type Prev = Vec<T::Prev>;
    fn downgrade(self) -> Result<Self::Prev, ConvertError> {
        self.into_iter().map(T::downgrade).collect()
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
            "value: zero has no meaning in the next version"
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
        fn decode(bytes: &[u8], version: u16) -> Result<u8, Error> {
            Self::check_version(version)?;
            crate::from_slice(bytes).map_err(|source| Error::Decode { version, source })
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
}
