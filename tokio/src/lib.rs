//! Framing and a version handshake for verso messages over tokio streams.
