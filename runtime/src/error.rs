//! Decode errors: what went wrong, at which byte, and where in the value.

use alloc::borrow::Cow;
use alloc::{boxed::Box, vec::Vec};
use core::fmt;

/// What made an input invalid.
///
/// The variants follow the rejection rules of the BARE wire format as verso
/// applies them (strict and total decoding). New variants may be added, so
/// matches need a wildcard arm.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DecodeErrorKind {
    /// The input ended inside a value.
    ///
    /// `needed` counts bytes from the error's offset; for a varint it is a
    /// lower bound, since its length is only known once it ends.
    #[error("unexpected end of input (needs {}, {remaining} left)", Count(*.needed, "byte"))]
    Truncated {
        /// Bytes the value needs, from the error's offset.
        needed: usize,
        /// Bytes that were left at the error's offset.
        remaining: usize,
    },
    /// A varint that is not in its shortest form, such as `80 00` for 0.
    #[error("non-canonical varint (not the shortest encoding)")]
    NonCanonicalVarint,
    /// A varint whose value does not fit 64 bits, or that is longer than
    /// 10 bytes.
    #[error("varint overflows 64 bits")]
    VarintOverflow,
    /// A `bool` byte other than `00` or `01`.
    #[error("invalid bool byte 0x{0:02x} (expected 00 or 01)")]
    InvalidBool(u8),
    /// An `optional` presence byte other than `00` or `01`.
    #[error("invalid optional tag 0x{0:02x} (expected 00 or 01)")]
    InvalidOptionalTag(u8),
    /// A `str` whose bytes are not valid UTF-8 (the offset points at the
    /// first invalid byte).
    #[error("invalid UTF-8")]
    InvalidUtf8,
    /// An enum value that is not a member of the enum.
    #[error("unknown enum value {0}")]
    UnknownEnumValue(u64),
    /// A union tag that names no member of the union.
    #[error("unknown union tag {0}")]
    UnknownUnionTag(u64),
    /// A map that contains the same key twice (the offset points at the
    /// second occurrence).
    #[error("duplicate map key")]
    DuplicateMapKey,
    /// A length or count prefix larger than the remaining input could hold.
    #[error("length {claimed} is too large for the {} left", Count(*.remaining, "byte"))]
    LengthTooLarge {
        /// The length or element count read from the input.
        claimed: u64,
        /// Bytes left after the length prefix.
        remaining: usize,
    },
    /// A length or count prefix above [`Limits::max_collection_len`](crate::Limits::max_collection_len).
    #[error("length {claimed} exceeds the limit of {limit}")]
    LengthLimitExceeded {
        /// The length or element count read from the input.
        claimed: u64,
        /// The configured limit.
        limit: usize,
    },
    /// The whole message is longer than [`Limits::max_message_len`](crate::Limits::max_message_len).
    #[error("message of {} exceeds the limit of {}", Count(*.len, "byte"), Count(*.limit, "byte"))]
    MessageTooLarge {
        /// Length of the input.
        len: usize,
        /// The configured limit.
        limit: usize,
    },
    /// Decoding would allocate more than
    /// [`Limits::max_alloc`](crate::Limits::max_alloc) in all.
    #[error(
        "decoding needs more than the allocation limit of {} (at least {}); \
         if the message is legitimate, raise it with Limits::with_max_alloc",
        Count(*.limit, "byte"),
        Count(*.needed, "byte")
    )]
    AllocationLimitExceeded {
        /// The total the decode call would have reached.
        needed: usize,
        /// The configured limit.
        limit: usize,
    },
    /// Bytes left over after the top-level value.
    #[error("{} after the message", Count(*.0, "trailing byte"))]
    TrailingBytes(usize),
    /// Values nested deeper than [`Limits::max_depth`](crate::Limits::max_depth).
    #[error("nesting deeper than the limit of {0}")]
    DepthLimitExceeded(usize),
    /// A value rejected by a hand-written decoder for a reason of its own.
    #[error("invalid value: {0}")]
    Invalid(Cow<'static, str>),
}

/// A count of things, in the singular when it is one: `Count(1, "byte")`
/// is "1 byte", `Count(2, "trailing byte")` "2 trailing bytes".
pub(crate) struct Count(pub(crate) usize, pub(crate) &'static str);

impl fmt::Display for Count {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Count(n, what) = *self;
        write!(f, "{n} {what}{}", if n == 1 { "" } else { "s" })
    }
}

/// One step of the path from the top-level value to where an error happened.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum PathSegment {
    /// A named type was being decoded. Shown only at the start of a path,
    /// since inside one the field or index before it already locates it.
    Type(Cow<'static, str>),
    /// A struct field.
    Field(Cow<'static, str>),
    /// An element of a list or fixed-length list.
    Index(usize),
    /// The key of the map pair with this index (in wire order).
    MapKey(usize),
    /// The value of the map pair with this index (in wire order).
    MapValue(usize),
    /// A union member, by the name of its variant.
    Variant(Cow<'static, str>),
}

/// Why and where decoding failed.
///
/// Holds a [`DecodeErrorKind`], the byte offset in the input where the
/// offending value (or byte) starts, and a path such as
/// `App.todos[3].title` that decoders add to while the error propagates
/// outwards. The payload is boxed so that `Result<T, DecodeError>` stays
/// small on the success path.
///
/// ```
/// let err = verso::from_slice::<String>(&[0x01, 0xff]).unwrap_err();
/// assert_eq!(err.kind(), &verso::DecodeErrorKind::InvalidUtf8);
/// assert_eq!(err.offset(), 1);
/// assert_eq!(err.in_field("title").in_type("Todo").to_string(),
///            "Todo.title: invalid UTF-8 at byte 1");
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct DecodeError(Box<Inner>);

#[derive(Debug, Clone, PartialEq, Eq)]
struct Inner {
    kind: DecodeErrorKind,
    offset: usize,
    /// Innermost segment first: segments are pushed while unwinding.
    path_rev: Vec<PathSegment>,
}

impl DecodeError {
    /// An error of `kind` at byte `offset` of the input, with an empty path.
    #[cold]
    pub fn new(kind: DecodeErrorKind, offset: usize) -> Self {
        DecodeError(Box::new(Inner {
            kind,
            offset,
            path_rev: Vec::new(),
        }))
    }

    /// [`DecodeErrorKind::UnknownEnumValue`] at `offset`, for generated enum
    /// decoders.
    #[cold]
    pub fn unknown_enum_value(value: u64, offset: usize) -> Self {
        Self::new(DecodeErrorKind::UnknownEnumValue(value), offset)
    }

    /// [`DecodeErrorKind::UnknownUnionTag`] at `offset`, for generated union
    /// decoders.
    #[cold]
    pub fn unknown_union_tag(tag: u64, offset: usize) -> Self {
        Self::new(DecodeErrorKind::UnknownUnionTag(tag), offset)
    }

    /// [`DecodeErrorKind::Invalid`] at `offset`, for hand-written decoders
    /// that check something the wire format cannot express.
    #[cold]
    pub fn invalid(reason: impl Into<Cow<'static, str>>, offset: usize) -> Self {
        Self::new(DecodeErrorKind::Invalid(reason.into()), offset)
    }

    /// What was wrong.
    pub fn kind(&self) -> &DecodeErrorKind {
        &self.0.kind
    }

    /// Byte offset in the input where the offending value or byte starts.
    pub fn offset(&self) -> usize {
        self.0.offset
    }

    /// The same error with its offset moved `by` bytes later, for framing
    /// that put a header in front of the message (the 2-byte version of an
    /// embedded message), so the offset counts from the start of what the
    /// caller passed.
    #[cold]
    #[must_use]
    pub fn offset_by(mut self, by: usize) -> Self {
        self.0.offset = self.0.offset.saturating_add(by);
        self
    }

    /// The path from the top-level value to the error, outermost first.
    pub fn path(&self) -> impl DoubleEndedIterator<Item = &PathSegment> + ExactSizeIterator {
        self.0.path_rev.iter().rev()
    }

    /// The path rendered like `App.todos[3].title` (empty when the error
    /// happened at the top level).
    pub fn path_display(&self) -> PathDisplay<'_> {
        PathDisplay(&self.0.path_rev)
    }

    #[cold]
    fn push(mut self, segment: PathSegment) -> Self {
        self.0.path_rev.push(segment);
        self
    }

    /// Records that the error happened inside the named type.
    #[cold]
    #[must_use]
    pub fn in_type(self, name: impl Into<Cow<'static, str>>) -> Self {
        self.push(PathSegment::Type(name.into()))
    }

    /// Records that the error happened inside the named struct field.
    #[cold]
    #[must_use]
    pub fn in_field(self, name: impl Into<Cow<'static, str>>) -> Self {
        self.push(PathSegment::Field(name.into()))
    }

    /// Records that the error happened inside list element `index`.
    #[cold]
    #[must_use]
    pub fn in_index(self, index: usize) -> Self {
        self.push(PathSegment::Index(index))
    }

    /// Records that the error happened in the key of map pair `index`.
    #[cold]
    #[must_use]
    pub fn in_map_key(self, index: usize) -> Self {
        self.push(PathSegment::MapKey(index))
    }

    /// Records that the error happened in the value of map pair `index`.
    #[cold]
    #[must_use]
    pub fn in_map_value(self, index: usize) -> Self {
        self.push(PathSegment::MapValue(index))
    }

    /// Records that the error happened inside the named union variant.
    #[cold]
    #[must_use]
    pub fn in_variant(self, name: impl Into<Cow<'static, str>>) -> Self {
        self.push(PathSegment::Variant(name.into()))
    }
}

impl fmt::Debug for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DecodeError")
            .field("kind", &self.0.kind)
            .field("offset", &self.0.offset)
            .field("path", &format_args!("{}", self.path_display()))
            .finish()
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.0.path_rev.is_empty() {
            write!(f, "{}: ", self.path_display())?;
        }
        write!(f, "{} at byte {}", self.0.kind, self.0.offset)
    }
}

impl core::error::Error for DecodeError {}

/// Renders the path of a [`DecodeError`]; see [`DecodeError::path_display`].
#[derive(Debug, Clone, Copy)]
pub struct PathDisplay<'a>(&'a [PathSegment]);

impl fmt::Display for PathDisplay<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Type names show only at the start: `App.todos[3]`, not
        // `App.todos[3].Todo`.
        let shown = self
            .0
            .iter()
            .rev()
            .enumerate()
            .filter(|(i, segment)| *i == 0 || !matches!(segment, PathSegment::Type(_)))
            .map(|(_, segment)| segment);
        write_abbreviated(f, shown, |f, first, segment| match segment {
            PathSegment::Type(name) | PathSegment::Field(name) if first => f.write_str(name),
            PathSegment::Type(_) => Ok(()),
            PathSegment::Field(name) => write!(f, ".{name}"),
            PathSegment::Index(index) => write!(f, "[{index}]"),
            PathSegment::MapKey(index) => write!(f, "{{key {index}}}"),
            PathSegment::MapValue(index) => write!(f, "{{value {index}}}"),
            PathSegment::Variant(name) => write!(f, "::{name}"),
        })
    }
}

/// Paths longer than this many segments are shown abbreviated.
const PATH_SHOWN_IN_FULL: usize = 24;
/// Segments shown before and after the gap of an abbreviated path.
const PATH_HEAD: usize = 6;
const PATH_TAIL: usize = 12;

/// Writes a path segment by segment, or, for a deep one (a message nested
/// 128 levels deep has a path of over 1,000 characters), its first and last
/// segments around the number left out:
/// `Tree.left.left … 104 more of 122 … .left.name`.
pub(crate) fn write_abbreviated<T>(
    f: &mut fmt::Formatter<'_>,
    segments: impl Iterator<Item = T> + Clone,
    mut write: impl FnMut(&mut fmt::Formatter<'_>, bool, T) -> fmt::Result,
) -> fmt::Result {
    let len = segments.clone().count();
    let gap = if len > PATH_SHOWN_IN_FULL {
        PATH_HEAD..len - PATH_TAIL
    } else {
        len..len
    };
    for (i, segment) in segments.enumerate() {
        if i == gap.start && !gap.is_empty() {
            write!(f, " … {} more of {len} … ", gap.len())?;
        }
        if !gap.contains(&i) {
            write(f, i == 0, segment)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::{string::String, string::ToString};

    use super::*;

    #[test]
    fn result_stays_small() {
        assert_eq!(
            size_of::<DecodeError>(),
            size_of::<usize>(),
            "the payload must stay boxed"
        );
        assert!(size_of::<Result<u64, DecodeError>>() <= 2 * size_of::<u64>());
    }

    #[test]
    fn display_with_nested_path() {
        // Built innermost first, as the errors propagate.
        let err = DecodeError::new(DecodeErrorKind::InvalidUtf8, 812)
            .in_field("title")
            .in_type("Todo")
            .in_index(3)
            .in_field("todos")
            .in_type("App");
        assert_eq!(
            err.to_string(),
            "App.todos[3].title: invalid UTF-8 at byte 812"
        );
        assert_eq!(err.path().len(), 5);
        assert_eq!(
            err.path().next(),
            Some(&PathSegment::Type(Cow::Borrowed("App")))
        );
    }

    #[test]
    fn display_without_path() {
        let err = DecodeError::new(DecodeErrorKind::TrailingBytes(2), 5);
        assert_eq!(
            err.to_string(),
            "2 trailing bytes after the message at byte 5"
        );
        assert_eq!(err.path_display().to_string(), "");
    }

    #[test]
    fn display_of_maps_variants_and_leading_index() {
        let err = DecodeError::new(DecodeErrorKind::DuplicateMapKey, 9)
            .in_map_key(1)
            .in_field("tags")
            .in_type("Person")
            .in_variant("Person")
            .in_type("Message");
        assert_eq!(
            err.to_string(),
            "Message::Person.tags{key 1}: duplicate map key at byte 9"
        );
        let err = DecodeError::new(DecodeErrorKind::InvalidBool(7), 0)
            .in_field("done")
            .in_type("Todo")
            .in_map_value(0)
            .in_index(2);
        assert_eq!(
            err.to_string(),
            "[2]{value 0}.done: invalid bool byte 0x07 (expected 00 or 01) at byte 0"
        );
    }

    #[test]
    fn owned_names_are_accepted() {
        let name = String::from("dynamic");
        let err = DecodeError::new(DecodeErrorKind::NonCanonicalVarint, 0).in_field(name);
        assert_eq!(err.path_display().to_string(), "dynamic");
    }

    #[test]
    fn is_std_error() {
        fn assert_error<E: std::error::Error + Send + Sync + 'static>() {}
        assert_error::<DecodeError>();
        assert_error::<DecodeErrorKind>();
    }

    #[test]
    fn counts_of_one_are_singular() {
        let one = DecodeError::new(
            DecodeErrorKind::Truncated {
                needed: 1,
                remaining: 1,
            },
            0,
        );
        assert_eq!(
            one.to_string(),
            "unexpected end of input (needs 1 byte, 1 left) at byte 0"
        );
        let many = DecodeError::new(
            DecodeErrorKind::Truncated {
                needed: 4,
                remaining: 0,
            },
            0,
        );
        assert!(many.to_string().contains("needs 4 bytes, 0 left"));
        assert_eq!(
            DecodeErrorKind::TrailingBytes(1).to_string(),
            "1 trailing byte after the message"
        );
        assert_eq!(
            DecodeErrorKind::TrailingBytes(3).to_string(),
            "3 trailing bytes after the message"
        );
        let length = DecodeErrorKind::LengthTooLarge {
            claimed: 9,
            remaining: 1,
        };
        assert_eq!(
            length.to_string(),
            "length 9 is too large for the 1 byte left"
        );
    }

    #[test]
    fn deep_paths_are_abbreviated_with_their_depth() {
        let mut err = DecodeError::new(DecodeErrorKind::InvalidUtf8, 900);
        err = err.in_field("name");
        for _ in 0..128 {
            err = err.in_index(0).in_field("children").in_type("Tree");
        }
        let text = err.to_string();
        assert!(text.len() < 200, "{} characters: {text}", text.len());
        assert_eq!(
            text,
            "Tree.children[0].children[0].children … 240 more of 258 … \
             [0].children[0].children[0].children[0].children[0].children[0].name: \
             invalid UTF-8 at byte 900"
        );
        // Short paths are shown in full.
        let short = DecodeError::new(DecodeErrorKind::InvalidUtf8, 1)
            .in_field("b")
            .in_index(2)
            .in_field("a")
            .in_type("T");
        assert_eq!(short.to_string(), "T.a[2].b: invalid UTF-8 at byte 1");
    }
}
