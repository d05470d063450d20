//! The codecs under comparison, behind one small trait, and the one list of
//! them ([`visit_codecs`]) that the benchmark, the tests and the table walk.
//!
//! Each codec is called through its own idiomatic API: encoding returns a
//! fresh `Vec<u8>`, decoding reads a byte slice into owned values. Nothing
//! is reused between calls except what the library itself says to build
//! once (apache-avro's parsed and resolved schema).

use std::fmt::Debug;
use std::marker::PhantomData;

use apache_avro::reader::datum::GenericDatumReader;
use apache_avro::writer::datum::GenericDatumWriter;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::peers::avro::AvroRecord;
use crate::peers::vbare::{self as vbare_peer, VbareRoot};
use crate::workloads::{TwinOf, Workload};

/// Any codec's error, boxed: only the message matters here.
pub type Error = Box<dyn std::error::Error + Send + Sync>;

/// A peer's type that stands for a workload's canonical (verso) value.
pub trait Mirror: Sized {
    /// The canonical type: the workload's verso root type.
    type Canon: PartialEq + Debug;

    /// This peer's copy of `canon`, field for field.
    fn mirror(canon: &Self::Canon) -> Self;

    /// The canonical value this one stands for; fails where the peer's type
    /// can hold what the canonical one cannot (a Protobuf enum number out of
    /// range, a missing sub-message, an Avro `long` below zero).
    fn canon(&self) -> Result<Self::Canon, Error>;
}

/// One codec for one type of value.
///
/// `Decoded` is what decoding produces; it is a type of its own so that a
/// codec decoding into borrowed twins (`Decoded<'a>` holding `&'a str`) fits
/// the same trait as the owned ones, whose `Decoded` is `Value`.
pub trait Codec {
    /// What is encoded.
    type Value;
    /// What decoding produces.
    type Decoded<'a>;
    /// The workload's canonical type.
    type Canon: PartialEq + Debug;

    /// The codec's name: the criterion function name and the table's row.
    fn name(&self) -> &'static str;

    /// Encodes `value` into a new vector.
    fn encode(&self, value: &Self::Value) -> Result<Vec<u8>, Error>;

    /// Decodes `bytes`.
    fn decode<'a>(&self, bytes: &'a [u8]) -> Result<Self::Decoded<'a>, Error>;

    /// Whether `decoded` equals the `value` that was encoded.
    fn same(&self, decoded: &Self::Decoded<'_>, value: &Self::Value) -> bool;

    /// The canonical value `decoded` stands for.
    fn canon(&self, decoded: &Self::Decoded<'_>) -> Result<Self::Canon, Error>;

    /// Whether the codec decodes from a `bytes::Bytes` its caller already
    /// holds (vbare's owned decode and views), so the benchmark makes that
    /// `Bytes` once, outside the timing, and times
    /// [`decode_bytes`](Self::decode_bytes).
    fn takes_bytes(&self) -> bool {
        false
    }

    /// Decodes `bytes` held in a `Bytes`; by default the slice it holds.
    fn decode_bytes<'a>(&self, bytes: &'a vbare::Bytes) -> Result<Self::Decoded<'a>, Error> {
        self.decode(bytes)
    }
}

/// The codec names, as benchmark function names and table rows.
pub mod names {
    /// verso's generated code.
    pub const VERSO: &str = "verso";
    /// verso's borrowed twins (`Config::borrowed`): strings and byte
    /// strings decode as `Cow`s into the input.
    pub const VERSO_BORROWED: &str = "verso (borrowed)";
    /// `serde_bare` 0.5, the same wire format through serde.
    pub const SERDE_BARE: &str = "serde_bare";
    /// prost, Protocol Buffers.
    pub const PROST: &str = "prost";
    /// bincode 2 with its own derives and the standard config.
    pub const BINCODE: &str = "bincode";
    /// postcard through serde.
    pub const POSTCARD: &str = "postcard";
    /// serde_json.
    pub const SERDE_JSON: &str = "serde_json";
    /// apache-avro, datums through its schema-aware serde path.
    pub const AVRO: &str = "apache-avro";
    /// vbare 0.2's owned decode, from a byte slice (copied into the
    /// `Bytes` vbare decodes from, as a caller holding a slice must).
    pub const VBARE: &str = "vbare (owned, from slice)";
    /// vbare 0.2's owned decode, handed the `Bytes` it shares.
    pub const VBARE_BYTES: &str = "vbare (owned, Bytes)";
    /// vbare 0.2's view (verified once), with every field then read.
    pub const VBARE_VIEW: &str = "vbare (view, every field read)";
    /// A copy of verso's encoded bytes: the physical limit.
    pub const MEMCPY: &str = "memcpy";
}

/// verso's generated code: `verso::to_vec` and `verso::from_slice`.
pub struct Verso<T>(PhantomData<fn() -> T>);

/// verso's borrowed twins: `verso::to_vec` of a twin and
/// `verso::from_slice_borrowed`.
pub struct VersoBorrowed<W>(PhantomData<fn() -> W>);

/// `serde_bare::to_vec` and `serde_bare::from_slice`.
pub struct SerdeBare<T>(PhantomData<fn() -> T>);

/// `bincode::encode_to_vec` and `bincode::decode_from_slice` with
/// `bincode::config::standard()` and bincode's own derives.
pub struct Bincode<T>(PhantomData<fn() -> T>);

/// `postcard::to_allocvec` and `postcard::from_bytes`.
pub struct Postcard<T>(PhantomData<fn() -> T>);

/// `serde_json::to_vec` and `serde_json::from_slice`.
pub struct SerdeJson<T>(PhantomData<fn() -> T>);

/// prost's `Message::encode_to_vec` and `Message::decode`.
pub struct Prost<T>(PhantomData<fn() -> T>);

/// apache-avro's datum writer and reader (no container file, no header),
/// built once for the type's schema; they serialize and deserialize with
/// serde straight against the schema, without the intermediate
/// `apache_avro::types::Value` that `to_avro_datum`/`from_value` go through.
pub struct Avro<T> {
    writer: GenericDatumWriter<'static>,
    reader: GenericDatumReader<'static>,
    value: PhantomData<fn() -> T>,
}

macro_rules! unit_codec_new {
    ($($codec:ident),*) => {$(
        impl<T> $codec<T> {
            /// The codec for values of type `T`.
            pub fn new() -> Self {
                $codec(PhantomData)
            }
        }
        impl<T> Default for $codec<T> {
            fn default() -> Self {
                Self::new()
            }
        }
    )*};
}

unit_codec_new!(
    Verso,
    VersoBorrowed,
    SerdeBare,
    Bincode,
    Postcard,
    SerdeJson,
    Prost
);

impl<T: AvroRecord> Avro<T> {
    /// Builds the writer and reader for `T`'s schema. The serde side writes
    /// the compact (not human-readable) forms, as apache-avro recommends.
    pub fn new() -> Result<Self, Error> {
        let schema = T::schema();
        Ok(Avro {
            writer: GenericDatumWriter::builder(schema)
                .human_readable(false)
                .build()?,
            reader: GenericDatumReader::builder(schema)
                .human_readable(false)
                .build()?,
            value: PhantomData,
        })
    }
}

impl<T> Codec for Verso<T>
where
    T: verso::Encode + verso::Decode + Clone + PartialEq + Debug,
{
    type Value = T;
    type Decoded<'a> = T;
    type Canon = T;

    fn name(&self) -> &'static str {
        names::VERSO
    }
    fn encode(&self, value: &T) -> Result<Vec<u8>, Error> {
        Ok(verso::to_vec(value))
    }
    fn decode(&self, bytes: &[u8]) -> Result<T, Error> {
        Ok(verso::from_slice(bytes)?)
    }
    fn same(&self, decoded: &T, value: &T) -> bool {
        decoded == value
    }
    fn canon(&self, decoded: &T) -> Result<T, Error> {
        Ok(decoded.clone())
    }
}

impl<W: Workload> Codec for VersoBorrowed<W> {
    /// A twin owning its strings (made with `From`), which encodes exactly
    /// as the owned value.
    type Value = W::Borrowed<'static>;
    type Decoded<'a> = W::Borrowed<'a>;
    type Canon = W::Verso;

    fn name(&self) -> &'static str {
        names::VERSO_BORROWED
    }
    fn encode(&self, value: &W::Borrowed<'static>) -> Result<Vec<u8>, Error> {
        Ok(verso::to_vec(value))
    }
    fn decode<'a>(&self, bytes: &'a [u8]) -> Result<W::Borrowed<'a>, Error> {
        Ok(verso::from_slice_borrowed(bytes)?)
    }
    fn same(&self, decoded: &W::Borrowed<'_>, value: &W::Borrowed<'static>) -> bool {
        decoded.owned() == value.owned()
    }
    fn canon(&self, decoded: &W::Borrowed<'_>) -> Result<W::Verso, Error> {
        Ok(decoded.owned())
    }
}

/// The `same` and `canon` of a codec decoding into its own `Value`, which
/// mirrors the canonical type.
macro_rules! owned_mirror {
    () => {
        fn same(&self, decoded: &T, value: &T) -> bool {
            decoded == value
        }
        fn canon(&self, decoded: &T) -> Result<T::Canon, Error> {
            decoded.canon()
        }
    };
}

impl<T> Codec for SerdeBare<T>
where
    T: Serialize + DeserializeOwned + PartialEq + Mirror,
{
    type Value = T;
    type Decoded<'a> = T;
    type Canon = T::Canon;

    fn name(&self) -> &'static str {
        names::SERDE_BARE
    }
    fn encode(&self, value: &T) -> Result<Vec<u8>, Error> {
        Ok(serde_bare::to_vec(value)?)
    }
    fn decode(&self, bytes: &[u8]) -> Result<T, Error> {
        Ok(serde_bare::from_slice(bytes)?)
    }
    owned_mirror!();
}

impl<T> Codec for Bincode<T>
where
    T: bincode::Encode + bincode::Decode<()> + PartialEq + Mirror,
{
    type Value = T;
    type Decoded<'a> = T;
    type Canon = T::Canon;

    fn name(&self) -> &'static str {
        names::BINCODE
    }
    fn encode(&self, value: &T) -> Result<Vec<u8>, Error> {
        Ok(bincode::encode_to_vec(value, bincode::config::standard())?)
    }
    fn decode(&self, bytes: &[u8]) -> Result<T, Error> {
        let (value, read) = bincode::decode_from_slice(bytes, bincode::config::standard())?;
        // bincode reports how much it read instead of refusing the rest;
        // verso, serde_json and prost read the whole input, so this does too.
        if read != bytes.len() {
            return Err(format!("bincode read {read} of {} bytes", bytes.len()).into());
        }
        Ok(value)
    }
    owned_mirror!();
}

impl<T> Codec for Postcard<T>
where
    T: Serialize + DeserializeOwned + PartialEq + Mirror,
{
    type Value = T;
    type Decoded<'a> = T;
    type Canon = T::Canon;

    fn name(&self) -> &'static str {
        names::POSTCARD
    }
    fn encode(&self, value: &T) -> Result<Vec<u8>, Error> {
        Ok(postcard::to_allocvec(value)?)
    }
    fn decode(&self, bytes: &[u8]) -> Result<T, Error> {
        Ok(postcard::from_bytes(bytes)?)
    }
    owned_mirror!();
}

impl<T> Codec for SerdeJson<T>
where
    T: Serialize + DeserializeOwned + PartialEq + Mirror,
{
    type Value = T;
    type Decoded<'a> = T;
    type Canon = T::Canon;

    fn name(&self) -> &'static str {
        names::SERDE_JSON
    }
    fn encode(&self, value: &T) -> Result<Vec<u8>, Error> {
        Ok(serde_json::to_vec(value)?)
    }
    fn decode(&self, bytes: &[u8]) -> Result<T, Error> {
        Ok(serde_json::from_slice(bytes)?)
    }
    owned_mirror!();
}

impl<T> Codec for Prost<T>
where
    T: prost::Message + Default + PartialEq + Mirror,
{
    type Value = T;
    type Decoded<'a> = T;
    type Canon = T::Canon;

    fn name(&self) -> &'static str {
        names::PROST
    }
    fn encode(&self, value: &T) -> Result<Vec<u8>, Error> {
        Ok(value.encode_to_vec())
    }
    fn decode(&self, bytes: &[u8]) -> Result<T, Error> {
        Ok(T::decode(bytes)?)
    }
    owned_mirror!();
}

impl<T> Codec for Avro<T>
where
    T: Serialize + DeserializeOwned + PartialEq + Mirror + AvroRecord,
{
    type Value = T;
    type Decoded<'a> = T;
    type Canon = T::Canon;

    fn name(&self) -> &'static str {
        names::AVRO
    }
    fn encode(&self, value: &T) -> Result<Vec<u8>, Error> {
        Ok(self.writer.write_ser_to_vec(value)?)
    }
    fn decode(&self, mut bytes: &[u8]) -> Result<T, Error> {
        let value = self.reader.read_deser(&mut bytes)?;
        // The datum reader reads from an `io::Read` and leaves the rest, so
        // refuse trailing bytes here as the other codecs do.
        if !bytes.is_empty() {
            return Err(format!("apache-avro left {} bytes unread", bytes.len()).into());
        }
        Ok(value)
    }
    owned_mirror!();
}

/// vbare 0.2's owned types: `Message::decode` of a `Bytes` copied from the
/// slice, and `Encode::encode_to_vec`.
pub struct Vbare<W>(PhantomData<fn() -> W>);

/// vbare 0.2's owned decode of a `Bytes` the caller already holds.
pub struct VbareBytes<W>(PhantomData<fn() -> W>);

/// vbare 0.2's `Message::view`, then every field read through the view.
pub struct VbareView<W>(PhantomData<fn() -> W>);

unit_codec_new!(Vbare, VbareBytes, VbareView);

/// The methods the three vbare rows share: vbare's encoder, and the
/// canonical value through vbare's bytes.
macro_rules! vbare_owned {
    () => {
        type Value = W::Vbare;
        type Canon = W::Verso;

        fn encode(&self, value: &W::Vbare) -> Result<Vec<u8>, Error> {
            Ok(vbare::Encode::encode_to_vec(value))
        }
    };
}

impl<W: Workload> Codec for Vbare<W> {
    vbare_owned!();
    type Decoded<'a> = W::Vbare;

    fn name(&self) -> &'static str {
        names::VBARE
    }
    fn decode(&self, bytes: &[u8]) -> Result<W::Vbare, Error> {
        Ok(vbare::Message::decode(vbare::Bytes::copy_from_slice(
            bytes,
        ))?)
    }
    fn same(&self, decoded: &W::Vbare, value: &W::Vbare) -> bool {
        decoded == value
    }
    fn canon(&self, decoded: &W::Vbare) -> Result<W::Verso, Error> {
        vbare_peer::to_verso(decoded)
    }
}

impl<W: Workload> Codec for VbareBytes<W> {
    vbare_owned!();
    type Decoded<'a> = W::Vbare;

    fn name(&self) -> &'static str {
        names::VBARE_BYTES
    }
    fn decode(&self, bytes: &[u8]) -> Result<W::Vbare, Error> {
        self.decode_bytes(&vbare::Bytes::copy_from_slice(bytes))
    }
    fn takes_bytes(&self) -> bool {
        true
    }
    fn decode_bytes(&self, bytes: &vbare::Bytes) -> Result<W::Vbare, Error> {
        // A clone of a `Bytes` is a reference count, not a copy.
        Ok(vbare::Message::decode(bytes.clone())?)
    }
    fn same(&self, decoded: &W::Vbare, value: &W::Vbare) -> bool {
        decoded == value
    }
    fn canon(&self, decoded: &W::Vbare) -> Result<W::Verso, Error> {
        vbare_peer::to_verso(decoded)
    }
}

/// A verified view, and the fold of every field read through it.
pub type ViewRead<W> = (
    vbare::View<<<W as Workload>::Vbare as vbare::Message>::Wire>,
    u64,
);

impl<W: Workload> Codec for VbareView<W> {
    vbare_owned!();
    type Decoded<'a> = ViewRead<W>;

    fn name(&self) -> &'static str {
        names::VBARE_VIEW
    }
    fn decode(&self, bytes: &[u8]) -> Result<ViewRead<W>, Error> {
        self.decode_bytes(&vbare::Bytes::copy_from_slice(bytes))
    }
    fn takes_bytes(&self) -> bool {
        true
    }
    fn decode_bytes(&self, bytes: &vbare::Bytes) -> Result<ViewRead<W>, Error> {
        let view = <W::Vbare as vbare::Message>::view(bytes.clone())?;
        let read = W::Vbare::read_all(view.get());
        Ok((view, read))
    }
    fn same(&self, decoded: &ViewRead<W>, value: &W::Vbare) -> bool {
        decoded.0.to_owned() == *value
    }
    fn canon(&self, decoded: &ViewRead<W>) -> Result<W::Verso, Error> {
        vbare_peer::to_verso(&decoded.0.to_owned())
    }
}

/// A workload's value in every codec's type, built once, plus verso's
/// encoding of it (the bytes memcpy copies).
pub struct Values<W: Workload> {
    /// The canonical value, verso's type.
    pub canon: W::Verso,
    /// The mirror for serde_bare, postcard, serde_json and bincode.
    pub serde: W::Serde,
    /// The prost message.
    pub proto: W::Proto,
    /// The apache-avro mirror.
    pub avro: W::Avro,
    /// vbare's value, decoded from verso's bytes.
    pub vbare: W::Vbare,
    /// The canonical value as a borrowed twin owning its strings.
    pub borrowed: W::Borrowed<'static>,
    /// `verso::to_vec(&canon)`.
    pub verso_bytes: Vec<u8>,
}

impl<W: Workload> Values<W> {
    /// Builds the workload and converts it for every codec.
    pub fn new() -> Self {
        let canon = W::build();
        Values {
            serde: W::Serde::mirror(&canon),
            proto: W::Proto::mirror(&canon),
            avro: W::Avro::mirror(&canon),
            vbare: match vbare_peer::from_verso(&canon) {
                Ok(value) => value,
                Err(e) => panic!("{}: vbare cannot decode verso's bytes: {e}", W::ID),
            },
            borrowed: W::Borrowed::from(canon.clone()),
            verso_bytes: verso::to_vec(&canon),
            canon,
        }
    }
}

impl<W: Workload> Default for Values<W> {
    fn default() -> Self {
        Self::new()
    }
}

/// Something done for every codec of a workload; see [`visit_codecs`].
pub trait CodecVisitor {
    /// Called with each codec, the value it encodes and the canonical value
    /// that one stands for.
    fn codec<C: Codec>(&mut self, codec: &C, value: &C::Value, canon: &C::Canon);

    /// Called last with verso's encoded bytes: the memcpy row, a copy of
    /// that many bytes into a buffer allocated beforehand.
    fn memcpy(&mut self, bytes: &[u8]);
}

/// Visits every codec for one workload's values, in table order. This is
/// the one list of codecs; a new one (say "verso (borrowed)", decoding into
/// zero-copy twins) is one more line here and one more [`Codec`] impl.
pub fn visit_codecs<W: Workload>(
    values: &Values<W>,
    visitor: &mut impl CodecVisitor,
) -> Result<(), Error> {
    let canon = &values.canon;
    visitor.codec(&Verso::<W::Verso>::new(), canon, canon);
    visitor.codec(&VersoBorrowed::<W>::new(), &values.borrowed, canon);
    visitor.codec(&SerdeBare::<W::Serde>::new(), &values.serde, canon);
    visitor.codec(&Prost::<W::Proto>::new(), &values.proto, canon);
    visitor.codec(&Bincode::<W::Serde>::new(), &values.serde, canon);
    visitor.codec(&Postcard::<W::Serde>::new(), &values.serde, canon);
    visitor.codec(&SerdeJson::<W::Serde>::new(), &values.serde, canon);
    visitor.codec(&Avro::<W::Avro>::new()?, &values.avro, canon);
    visitor.codec(&Vbare::<W>::new(), &values.vbare, canon);
    visitor.codec(&VbareBytes::<W>::new(), &values.vbare, canon);
    visitor.codec(&VbareView::<W>::new(), &values.vbare, canon);
    visitor.memcpy(&values.verso_bytes);
    Ok(())
}

/// Encodes `value`, decodes the bytes, and checks that the result is the
/// value and stands for `canon`; returns the bytes. The benchmark runs this
/// before timing a codec, so it cannot time work that loses data.
pub fn round_trip<C: Codec>(
    codec: &C,
    value: &C::Value,
    canon: &C::Canon,
) -> Result<Vec<u8>, Error> {
    let name = codec.name();
    let bytes = codec.encode(value)?;
    // The decoded value may borrow the bytes, so it lives in this block only.
    {
        let shared = vbare::Bytes::from(bytes.clone());
        let decoded = match codec.takes_bytes() {
            true => codec.decode_bytes(&shared),
            false => codec.decode(&bytes),
        };
        let decoded =
            decoded.map_err(|e| format!("{name}: cannot decode its own encoding: {e}"))?;
        if !codec.same(&decoded, value) {
            return Err(format!("{name}: decoding the encoding gave a different value").into());
        }
        if codec.canon(&decoded)? != *canon {
            return Err(format!("{name}: the value does not carry the workload's data").into());
        }
    }
    Ok(bytes)
}
