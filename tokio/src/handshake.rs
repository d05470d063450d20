//! The version handshake: before any frame, the client offers the range of
//! versions it speaks and the server answers with the one both sides will
//! use ([`verso::negotiate`]: the highest in both ranges) or refuses,
//! naming its own range. Afterwards both sides use
//! [`VersionedCodec::fixed`](crate::VersionedCodec::fixed) frames of that
//! version.
//!
//! The bytes are in the [crate documentation](crate#the-handshake). Both
//! sides read exactly the bytes of the other's message, never more, so the
//! frames that follow are left untouched in the stream. These functions
//! have no time-out of their own: wrap them in `tokio::time::timeout`.

use std::ops::RangeInclusive;

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio_util::codec::Framed;
use verso::Versioned;

use crate::{DuplexCodec, Error, PerFrameCodec, VersionedCodec};

/// The four bytes both handshake messages start with (`"VRSO"`).
pub const MAGIC: [u8; 4] = *b"VRSO";
/// The handshake format this crate writes and reads.
pub const FORMAT: u8 = 1;
/// The length of the client's hello in bytes.
pub const HELLO_LEN: usize = 9;
/// The length of the server's reply in bytes.
pub const REPLY_LEN: usize = 12;

/// Reply status: the server accepts the version in the reply.
const ACCEPT: u8 = 0;
/// Reply status: no version in common.
const REFUSE: u8 = 1;

/// Magic and format: what both messages start with, checked before the
/// rest is read so that a stranger is turned away without waiting for more.
const PREAMBLE_LEN: usize = 5;

/// The client's half: offers `versions`, returns the version the server
/// chose.
///
/// Errors: [`Error::Refused`] (naming both ranges) when the server has no
/// version in common, [`Error::BadMagic`] / [`Error::UnsupportedFormat`]
/// when the peer does not speak this handshake,
/// [`Error::HandshakeTruncated`] when it closes early,
/// [`Error::MalformedReply`] / [`Error::InvalidChoice`] for a reply that
/// breaks the rules, [`Error::Io`].
pub async fn client<IO>(io: &mut IO, versions: RangeInclusive<u16>) -> Result<u16, Error>
where
    IO: AsyncRead + AsyncWrite + Unpin + ?Sized,
{
    io.write_all(&hello(&versions)).await?;
    io.flush().await?;

    let mut reply = [0u8; REPLY_LEN];
    read_message(io, &mut reply, "server reply").await?;
    let [_, _, _, _, _, status, v0, v1, o0, o1, l0, l1] = reply;
    let version = u16::from_le_bytes([v0, v1]);
    let server = u16::from_le_bytes([o0, o1])..=u16::from_le_bytes([l0, l1]);
    match status {
        ACCEPT if versions.contains(&version) && server.contains(&version) => Ok(version),
        ACCEPT => Err(Error::InvalidChoice {
            version,
            client: versions,
            server,
        }),
        REFUSE if version == 0 => Err(Error::Refused {
            client: versions,
            server,
        }),
        _ => Err(Error::MalformedReply { status, version }),
    }
}

/// The server's half: reads the client's offer, answers, and returns the
/// version both sides now use.
///
/// When the ranges do not overlap, the refusal is sent (and flushed) and
/// [`Error::Refused`] returned, naming both ranges. A hello with the wrong
/// magic or format gets no answer ([`Error::BadMagic`],
/// [`Error::UnsupportedFormat`]): close the connection.
pub async fn server<IO>(io: &mut IO, versions: RangeInclusive<u16>) -> Result<u16, Error>
where
    IO: AsyncRead + AsyncWrite + Unpin + ?Sized,
{
    let mut hello = [0u8; HELLO_LEN];
    read_message(io, &mut hello, "client hello").await?;
    let [_, _, _, _, _, o0, o1, l0, l1] = hello;
    let client = u16::from_le_bytes([o0, o1])..=u16::from_le_bytes([l0, l1]);

    let chosen = verso::negotiate(versions.clone(), client.clone());
    io.write_all(&reply(chosen, &versions)).await?;
    io.flush().await?;
    chosen.ok_or(Error::Refused {
        client,
        server: versions,
    })
}

/// A codec that can be set up for a version agreed by the handshake, for
/// [`connect`] and [`accept`].
pub trait Negotiable: Sized {
    /// The versions this codec reads and writes.
    fn versions() -> RangeInclusive<u16>;
    /// The codec for the agreed `version`.
    fn for_version(version: u16) -> Self;
}

impl<V: Versioned> Negotiable for VersionedCodec<V> {
    fn versions() -> RangeInclusive<u16> {
        V::OLDEST..=V::LATEST
    }
    fn for_version(version: u16) -> Self {
        VersionedCodec::fixed(version)
    }
}

impl<V: Versioned> Negotiable for PerFrameCodec<V> {
    fn versions() -> RangeInclusive<u16> {
        VersionedCodec::<V>::versions()
    }
    fn for_version(version: u16) -> Self {
        VersionedCodec::for_version(version).per_frame_errors()
    }
}

/// Both directions speak the agreed version, so the pair speaks the
/// versions both codecs have: a root type introduced later than the other
/// narrows the range.
impl<D: Negotiable, E: Negotiable> Negotiable for DuplexCodec<D, E> {
    fn versions() -> RangeInclusive<u16> {
        let (read, write) = (D::versions(), E::versions());
        *read.start().max(write.start())..=*read.end().min(write.end())
    }
    fn for_version(version: u16) -> Self {
        DuplexCodec::new(D::for_version(version), E::for_version(version))
    }
}

/// Runs the [`client`] handshake offering every version `C` speaks and
/// returns the connection framed with `C` for the agreed version.
///
/// ```no_run
/// # async fn run(stream: tokio::net::TcpStream) -> Result<(), verso_tokio::Error> {
/// # struct Ping;
/// # impl verso::Versioned for Ping {
/// #     type Latest = u8; const OLDEST: u16 = 1; const LATEST: u16 = 1;
/// #     fn decode_with(b: &[u8], v: u16, l: verso::Limits) -> Result<u8, verso::Error> { unimplemented!() }
/// #     fn encode(l: u8, v: u16) -> Result<Vec<u8>, verso::Error> { unimplemented!() }
/// # }
/// use verso_tokio::{VersionedCodec, handshake};
/// let framed = handshake::connect::<VersionedCodec<Ping>, _>(stream).await?;
/// println!("speaking version {:?}", framed.codec().read_version());
/// # Ok(()) }
/// ```
pub async fn connect<C, IO>(mut io: IO) -> Result<Framed<IO, C>, Error>
where
    C: Negotiable,
    IO: AsyncRead + AsyncWrite + Unpin,
{
    let version = client(&mut io, C::versions()).await?;
    Ok(Framed::new(io, C::for_version(version)))
}

/// Runs the [`server`] handshake accepting every version `C` speaks and
/// returns the connection framed with `C` for the agreed version.
pub async fn accept<C, IO>(mut io: IO) -> Result<Framed<IO, C>, Error>
where
    C: Negotiable,
    IO: AsyncRead + AsyncWrite + Unpin,
{
    let version = server(&mut io, C::versions()).await?;
    Ok(Framed::new(io, C::for_version(version)))
}

/// The client's hello for `versions`.
fn hello(versions: &RangeInclusive<u16>) -> [u8; HELLO_LEN] {
    let [m0, m1, m2, m3] = MAGIC;
    let [o0, o1] = versions.start().to_le_bytes();
    let [l0, l1] = versions.end().to_le_bytes();
    [m0, m1, m2, m3, FORMAT, o0, o1, l0, l1]
}

/// The server's reply: accept `chosen`, or refuse when `None`.
fn reply(chosen: Option<u16>, ours: &RangeInclusive<u16>) -> [u8; REPLY_LEN] {
    let [m0, m1, m2, m3] = MAGIC;
    let (status, version) = match chosen {
        Some(version) => (ACCEPT, version),
        None => (REFUSE, 0),
    };
    let [v0, v1] = version.to_le_bytes();
    let [o0, o1] = ours.start().to_le_bytes();
    let [l0, l1] = ours.end().to_le_bytes();
    [m0, m1, m2, m3, FORMAT, status, v0, v1, o0, o1, l0, l1]
}

/// Fills `buf` with one handshake message: the magic and format first,
/// checked before reading on, then the rest.
async fn read_message<IO>(io: &mut IO, buf: &mut [u8], what: &'static str) -> Result<(), Error>
where
    IO: AsyncRead + Unpin + ?Sized,
{
    let expected = buf.len();
    let (preamble, rest) = buf.split_at_mut(PREAMBLE_LEN);
    fill(io, preamble, 0, expected, what).await?;
    let found = [preamble[0], preamble[1], preamble[2], preamble[3]];
    if found != MAGIC {
        return Err(Error::BadMagic { found });
    }
    if preamble[4] != FORMAT {
        return Err(Error::UnsupportedFormat { found: preamble[4] });
    }
    fill(io, rest, PREAMBLE_LEN, expected, what).await
}

/// Reads exactly `buf.len()` bytes; `before` bytes of the message were read
/// already (for the error's count).
async fn fill<IO>(
    io: &mut IO,
    buf: &mut [u8],
    before: usize,
    expected: usize,
    what: &'static str,
) -> Result<(), Error>
where
    IO: AsyncRead + Unpin + ?Sized,
{
    let mut filled = 0;
    while filled < buf.len() {
        match io.read(&mut buf[filled..]).await? {
            0 => {
                return Err(Error::HandshakeTruncated {
                    what,
                    received: before + filled,
                    expected,
                });
            }
            n => filled += n,
        }
    }
    Ok(())
}
