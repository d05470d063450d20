//! Owned values that share the input (feature `bytes`): `data` as
//! [`Bytes`] and `str` as [`Str`], the field types of families generated
//! with `verso_build::Config::bytes(true)`.
//!
//! Decoded with [`from_bytes`](crate::from_bytes) (or a `…Versioned`'s
//! `decode_bytes`), each such value is a slice of the input buffer: no copy,
//! yet `'static` and `Send`, so it can outlive the decode call, cross a
//! channel or sit in an async task. Decoded from a `&[u8]`
//! ([`from_slice`](crate::from_slice)) there is no buffer to share, and the
//! same types copy, as `Vec<u8>` and `String` would.
//!
//! ```
//! use bytes::Bytes;
//! use verso::Str;
//!
//! let input = Bytes::from(verso::to_vec(&vec![Str::from("hello"), Str::from("world")]));
//! let words: Vec<Str> = verso::from_bytes(input.clone())?;
//! assert_eq!(words, ["hello", "world"]);
//! // Both point into `input`'s buffer.
//! assert!(words.iter().all(|word| input.as_ptr_range().contains(&word.as_ptr())));
//!
//! // From a slice, the same type copies.
//! let copied: Vec<Str> = verso::from_slice(&input)?;
//! assert!(!input.as_ptr_range().contains(&copied[0].as_ptr()));
//! # Ok::<(), verso::DecodeError>(())
//! ```

use alloc::{boxed::Box, string::String};
use core::borrow::Borrow;
use core::{cmp, fmt, hash, ops, str};

use bytes::Bytes;
use bytestring::ByteString;

use crate::error::{DecodeError, DecodeErrorKind};
use crate::reader::Reader;
use crate::versioned::MapKey;
use crate::{Decode, Encode, Limits, write};

/// An immutable UTF-8 string held in a [`Bytes`] buffer: the Rust type of
/// `str` in families generated with `verso_build::Config::bytes(true)`.
///
/// Decoded with [`from_bytes`](crate::from_bytes) it is a slice of the
/// input, checked to be UTF-8 like every `str` verso decodes; cloning it
/// is a reference-count increment. It reads like a `&str` (`Deref<Target
/// = str>`), compares, orders and hashes like one (so a `BTreeMap<Str, V>`
/// or `HashMap<Str, V>` is looked up with a `&str`), and is built from a
/// `String` (moved, no copy), a `&str` (copied) or a `&'static str`
/// ([`from_static`](Self::from_static), no copy).
///
/// ```
/// use std::collections::BTreeMap;
/// use verso::Str;
///
/// let mut labels = BTreeMap::new();
/// labels.insert(Str::from("owner"), 7u8);
/// assert_eq!(labels.get("owner"), Some(&7));
///
/// let name = Str::from(String::from("Ada"));
/// assert_eq!(name.len(), 3);
/// assert_eq!(format!("{name}!"), "Ada!");
/// assert_eq!(String::from(name), "Ada");
/// ```
///
/// With verso's `serde` feature it serializes as a string.
#[derive(Clone, Default)]
pub struct Str(ByteString);

impl Str {
    /// The empty string.
    pub const fn new() -> Self {
        Str(ByteString::new())
    }

    /// A string pointing at `text`, without copying it.
    pub const fn from_static(text: &'static str) -> Self {
        Str(ByteString::from_static(text))
    }

    /// `bytes` as a string, sharing its buffer, if it is UTF-8.
    #[allow(unsafe_code)]
    pub fn from_utf8(bytes: Bytes) -> Result<Self, str::Utf8Error> {
        crate::reader::utf8(&bytes)?;
        // SAFETY: the bytes were just checked to be UTF-8, and a `Bytes`
        // never changes its contents (the check `try_from` would repeat,
        // without `utf8`'s shortcut for ASCII).
        Ok(Str(unsafe { ByteString::from_bytes_unchecked(bytes) }))
    }

    /// The text.
    #[inline]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The buffer holding the text (cheap: no copy).
    pub fn into_bytes(self) -> Bytes {
        self.0.into_bytes()
    }
}

impl ops::Deref for Str {
    type Target = str;

    #[inline]
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Str {
    fn as_ref(&self) -> &str {
        self
    }
}

impl AsRef<[u8]> for Str {
    fn as_ref(&self) -> &[u8] {
        self.as_bytes()
    }
}

impl Borrow<str> for Str {
    fn borrow(&self) -> &str {
        self
    }
}

impl fmt::Display for Str {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.as_str(), f)
    }
}

impl fmt::Debug for Str {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

// Equality, order and hash are those of `str`, which `Borrow<str>` requires
// (map look-ups by `&str` depend on it).
impl PartialEq for Str {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Str {}

impl PartialOrd for Str {
    fn partial_cmp(&self, other: &Self) -> Option<cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Str {
    fn cmp(&self, other: &Self) -> cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl hash::Hash for Str {
    fn hash<H: hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl PartialEq<str> for Str {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Str {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Str {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<Str> for str {
    fn eq(&self, other: &Str) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<Str> for &str {
    fn eq(&self, other: &Str) -> bool {
        *self == other.as_str()
    }
}

impl PartialEq<Str> for String {
    fn eq(&self, other: &Str) -> bool {
        self == other.as_str()
    }
}

impl From<String> for Str {
    /// Moves the string's buffer in (no copy).
    fn from(text: String) -> Self {
        Str(ByteString::from(text))
    }
}

impl From<&str> for Str {
    /// Copies the text.
    fn from(text: &str) -> Self {
        Str(ByteString::from(text))
    }
}

impl From<Box<str>> for Str {
    /// Moves the text's buffer in (no copy).
    fn from(text: Box<str>) -> Self {
        Str(ByteString::from(text))
    }
}

impl From<Str> for String {
    /// Copies the text (a shared buffer cannot become a `String`'s own).
    fn from(text: Str) -> Self {
        String::from(text.as_str())
    }
}

impl From<Str> for Bytes {
    fn from(text: Str) -> Self {
        text.into_bytes()
    }
}

impl TryFrom<Bytes> for Str {
    type Error = str::Utf8Error;

    /// As [`Str::from_utf8`].
    fn try_from(bytes: Bytes) -> Result<Self, str::Utf8Error> {
        Str::from_utf8(bytes)
    }
}

impl Reader<'_> {
    /// Reads a BARE `data` as [`Bytes`]: a slice of the input for a reader
    /// made by [`with_shared`](Self::with_shared) (nothing copied, nothing
    /// charged against [`Limits::max_alloc`]: the bytes are the input's),
    /// else a copy, charged like [`read_data_vec`](Self::read_data_vec).
    #[inline]
    pub fn read_shared_data(&mut self) -> Result<Bytes, DecodeError> {
        let data = self.read_data()?;
        match self.shared_input() {
            Some(input) => Ok(input.slice(self.position() - data.len()..self.position())),
            None => {
                self.charge(data.len())?;
                Ok(Bytes::copy_from_slice(data))
            }
        }
    }

    /// Reads a BARE `str` as a [`Str`], checked to be UTF-8 (an error at the
    /// first invalid byte, as [`read_str`](Self::read_str)): a slice of the
    /// input for a reader made by [`with_shared`](Self::with_shared), else
    /// a copy, charged like [`read_string`](Self::read_string).
    #[inline]
    pub fn read_shared_str(&mut self) -> Result<Str, DecodeError> {
        let Some(input) = self.shared_input() else {
            let text = self.read_str()?;
            self.charge(text.len())?;
            return Ok(Str::from(text));
        };
        let len = self.read_data()?.len();
        let start = self.position() - len;
        // Checked once, on the slice that is kept.
        Str::from_utf8(input.slice(start..self.position()))
            .map_err(|e| DecodeError::new(DecodeErrorKind::InvalidUtf8, start + e.valid_up_to()))
    }
}

impl Encode for Bytes {
    #[inline]
    fn encode(&self, out: &mut alloc::vec::Vec<u8>) {
        write::write_data(out, self);
    }

    #[inline]
    fn encoded_len(&self) -> usize {
        write::data_len(self)
    }
}

impl Decode for Bytes {
    #[inline]
    fn decode(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        reader.read_shared_data()
    }
}

impl Encode for Str {
    #[inline]
    fn encode(&self, out: &mut alloc::vec::Vec<u8>) {
        write::write_str(out, self);
    }

    #[inline]
    fn encoded_len(&self) -> usize {
        write::str_len(self)
    }
}

impl Decode for Str {
    #[inline]
    fn decode(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        reader.read_shared_str()
    }
}

impl MapKey for Str {
    fn fmt_key(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.as_str().fmt_key(f)
    }
}

impl MapKey for Bytes {
    fn fmt_key(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.as_ref().fmt_key(f)
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Str {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Str {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Str::from)
    }
}

/// Decodes one `T` that must span the whole of `bytes`, with default
/// [`Limits`]; the `data` and `str` values inside ([`Bytes`], [`Str`])
/// are slices of `bytes`' buffer, not copies.
///
/// The values keep the whole buffer alive for as long as any of them is:
/// a small string kept from a large message keeps the message's memory.
pub fn from_bytes<T: Decode>(bytes: Bytes) -> Result<T, DecodeError> {
    from_bytes_with(bytes, Limits::default())
}

/// [`from_bytes`] with the given limits (every limit of
/// [`from_slice_with`](crate::from_slice_with) applies; the bytes shared
/// with the input are not charged against [`Limits::max_alloc`], since they
/// are the input's).
pub fn from_bytes_with<T: Decode>(bytes: Bytes, limits: Limits) -> Result<T, DecodeError> {
    crate::decode_message(Reader::with_shared(&bytes, limits))
}

#[cfg(test)]
mod tests {
    use alloc::collections::BTreeMap;
    use alloc::{vec, vec::Vec};
    use std::string::ToString;

    use super::*;
    use crate::{ConvertError, from_slice, from_slice_with, to_vec};

    /// Whether `part` lies inside `whole`'s buffer.
    fn inside(whole: &Bytes, part: &[u8]) -> bool {
        let range = whole.as_ptr_range();
        !part.is_empty() && range.contains(&part.as_ptr()) && part.as_ptr_range().end <= range.end
    }

    /// A message with `str` and `data` in every kind of place.
    #[derive(Debug, PartialEq)]
    struct Message {
        title: Str,
        blobs: Vec<Bytes>,
        note: Option<Str>,
        map: BTreeMap<Str, Bytes>,
    }

    impl Encode for Message {
        fn encode(&self, out: &mut Vec<u8>) {
            self.title.encode(out);
            self.blobs.encode(out);
            self.note.encode(out);
            self.map.encode(out);
        }
        fn encoded_len(&self) -> usize {
            self.title.encoded_len()
                + self.blobs.encoded_len()
                + self.note.encoded_len()
                + self.map.encoded_len()
        }
    }

    impl Decode for Message {
        fn decode(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
            Ok(Message {
                title: reader.read()?,
                blobs: reader.read()?,
                note: reader.read()?,
                map: reader.read()?,
            })
        }
    }

    fn message() -> Message {
        Message {
            title: Str::from("title"),
            blobs: vec![Bytes::from_static(b"\x00\x01"), Bytes::from_static(b"zz")],
            note: Some(Str::from("note")),
            map: BTreeMap::from([(Str::from("key"), Bytes::from_static(b"value"))]),
        }
    }

    #[test]
    fn values_from_bytes_are_slices_of_the_input() {
        let input = Bytes::from(to_vec(&message()));
        let decoded: Message = from_bytes(input.clone()).unwrap();
        assert_eq!(decoded, message());
        let Message {
            title,
            blobs,
            note,
            map,
        } = &decoded;
        assert!(inside(&input, title.as_bytes()));
        assert!(blobs.iter().all(|blob| inside(&input, blob)));
        assert!(inside(&input, note.as_ref().unwrap().as_bytes()));
        let (key, value) = map.iter().next().unwrap();
        assert!(inside(&input, key.as_bytes()) && inside(&input, value));
        // The slices outlive the caller's handle on the buffer.
        drop(input);
        assert_eq!(decoded.title, "title");
    }

    #[test]
    fn values_from_a_slice_are_copies() {
        let input = Bytes::from(to_vec(&message()));
        let decoded: Message = from_slice(&input).unwrap();
        assert_eq!(decoded, message());
        assert!(!inside(&input, decoded.title.as_bytes()));
        assert!(!inside(&input, &decoded.blobs[0]));
    }

    #[test]
    fn bad_utf8_is_reported_at_its_byte_either_way() {
        // Two strings: "hi", then "a", 0xff: the bad byte is at offset 6.
        let bytes = [0x02, 0x02, b'h', b'i', 0x02, b'a', 0xff];
        let shared = from_bytes::<Vec<Str>>(Bytes::copy_from_slice(&bytes)).unwrap_err();
        let copied = from_slice::<Vec<Str>>(&bytes).unwrap_err();
        for err in [shared, copied] {
            assert_eq!(err.kind(), &DecodeErrorKind::InvalidUtf8);
            assert_eq!(err.offset(), 6);
        }
        assert_eq!(
            Str::from_utf8(Bytes::from_static(b"ok\xc3")).map_err(|e| e.valid_up_to()),
            Err(2)
        );
    }

    #[test]
    fn limits_apply_and_shared_bytes_are_not_charged() {
        let big = Bytes::from(to_vec(&Bytes::from(vec![7u8; 1000])));
        let tight = Limits::default().with_max_alloc(100);
        // A copy allocates the 1000 bytes; a slice allocates nothing.
        let err = from_slice_with::<Bytes>(&big, tight).unwrap_err();
        assert!(
            matches!(
                err.kind(),
                DecodeErrorKind::AllocationLimitExceeded {
                    needed: 1000,
                    limit: 100
                }
            ),
            "{err}"
        );
        assert_eq!(
            from_bytes_with::<Bytes>(big.clone(), tight).unwrap().len(),
            1000
        );
        let err = from_bytes_with::<Str>(big.clone(), Limits::default().with_max_message_len(10))
            .unwrap_err();
        assert!(matches!(
            err.kind(),
            DecodeErrorKind::MessageTooLarge { limit: 10, .. }
        ));
        // A list's own storage is still charged, and lengths are checked.
        let list = Bytes::from(to_vec(&vec![Bytes::new(); 50]));
        let err = from_bytes_with::<Vec<Bytes>>(list, tight).unwrap_err();
        assert!(matches!(
            err.kind(),
            DecodeErrorKind::AllocationLimitExceeded { .. }
        ));
        let err = from_bytes::<Bytes>(Bytes::from_static(&[0x05, 1, 2])).unwrap_err();
        assert!(matches!(
            err.kind(),
            DecodeErrorKind::LengthTooLarge { claimed: 5, .. }
        ));
        let err = from_bytes::<Str>(Bytes::from_static(&[0x00, 9])).unwrap_err();
        assert_eq!(
            (err.kind(), err.offset()),
            (&DecodeErrorKind::TrailingBytes(1), 1)
        );
    }

    #[test]
    fn str_behaves_like_str() {
        let text = Str::from("b");
        let moved_in = Str::from(String::from("c"));
        assert!(Str::from_static("a") < text && text < moved_in);
        assert_eq!(text, "b");
        assert_eq!("b", text);
        assert_eq!(String::from("b"), text);
        assert_eq!(text.to_string(), "b");
        assert_eq!(std::format!("{text:?}"), "\"b\"");
        assert_eq!(Str::new(), Str::default());
        let map = std::collections::HashMap::from([(text.clone(), 1)]);
        assert_eq!(map.get("b"), Some(&1));
        assert_eq!(Bytes::from(text.clone()), Bytes::from_static(b"b"));
        assert_eq!(Str::try_from(Bytes::from_static(b"b")), Ok(text));
        assert_eq!(to_vec(&Str::from("hi")), to_vec("hi"), "Str encodes as str");
        assert_eq!(to_vec(&Bytes::from_static(b"hi")), [2, b'h', b'i']);
    }

    #[test]
    fn keys_show_as_the_json_mapping_writes_them() {
        let err = ConvertError::new("no")
            .in_key(&Bytes::from_static(&[0xab, 1]))
            .in_key(&Str::from("a\"b"));
        assert_eq!(err.to_string(), r#"["a\"b"]["ab01"]: no"#);
    }

    #[cfg(feature = "serde")]
    #[test]
    fn str_is_a_json_string() {
        let text = Str::from("hé\n");
        let json = serde_json::to_string(&text).unwrap();
        assert_eq!(json, r#""hé\n""#);
        assert_eq!(serde_json::from_str::<Str>(&json).unwrap(), text);
    }
}
