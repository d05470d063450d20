//! Resource limits applied while decoding untrusted input.

/// Limits for one decode call, passed to
/// [`from_slice_with`](crate::from_slice_with) or
/// [`Reader::with_limits`](crate::Reader::with_limits).
///
/// Whatever the limits, every list or map count and every `str`/`data`
/// length is checked against the bytes actually left before anything is
/// allocated. And since one input byte can stand for a much larger value
/// (a void union member in a `list` is one byte on the wire and may be a
/// 257-byte Rust enum), every allocation is also charged, at its in-memory
/// size, against [`max_alloc`](Self::max_alloc) before it is made: a small
/// message cannot claim a huge amount of memory.
///
/// ```
/// let limits = verso::Limits::default().with_max_depth(32);
/// assert_eq!(limits.max_depth(), 32);
/// let value: Vec<u8> = verso::from_slice_with(&[0x01, 0x07], limits)?;
/// assert_eq!(value, [7]);
/// # Ok::<(), verso::DecodeError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Limits {
    max_depth: usize,
    max_message_len: usize,
    max_collection_len: usize,
    max_alloc: usize,
}

impl Limits {
    /// Default nesting limit: 128 levels of recursive types.
    ///
    /// Deep enough for any sensible message, shallow enough that decoding
    /// stays far from overflowing even a 2 MiB thread stack.
    pub const DEFAULT_MAX_DEPTH: usize = 128;

    /// Default allocation budget of one decode call: 64 MiB.
    ///
    /// Counted are the heap blocks a decoded value owns — every `Vec`,
    /// `String` and `Box` at its in-memory size, and map entries at twice
    /// the size of a key and a value plus 16 bytes (tree nodes and hash
    /// tables are rarely full) — not the top-level value's own `size_of`,
    /// nor the input. Raise it with
    /// [`with_max_alloc`](Self::with_max_alloc) for messages that
    /// legitimately decode to more.
    pub const DEFAULT_MAX_ALLOC: usize = 64 << 20;

    /// The defaults: depth [`DEFAULT_MAX_DEPTH`](Self::DEFAULT_MAX_DEPTH),
    /// allocation budget [`DEFAULT_MAX_ALLOC`](Self::DEFAULT_MAX_ALLOC), no
    /// limit on message or collection length beyond the input itself.
    pub const fn new() -> Self {
        Limits {
            max_depth: Self::DEFAULT_MAX_DEPTH,
            max_message_len: usize::MAX,
            max_collection_len: usize::MAX,
            max_alloc: Self::DEFAULT_MAX_ALLOC,
        }
    }

    /// Sets the allocation budget of one decode call, in bytes (see
    /// [`DEFAULT_MAX_ALLOC`](Self::DEFAULT_MAX_ALLOC) for what counts).
    #[must_use]
    pub const fn with_max_alloc(mut self, max_alloc: usize) -> Self {
        self.max_alloc = max_alloc;
        self
    }

    /// The allocation budget of one decode call, in bytes.
    pub const fn max_alloc(&self) -> usize {
        self.max_alloc
    }

    /// Sets how many levels of recursive types may be nested (see
    /// [`Reader::enter`](crate::Reader::enter)). Very large values let a
    /// small input exhaust the stack.
    #[must_use]
    pub const fn with_max_depth(mut self, max_depth: usize) -> Self {
        self.max_depth = max_depth;
        self
    }

    /// Sets the longest input, in bytes, that
    /// [`from_slice_with`](crate::from_slice_with) accepts.
    #[must_use]
    pub const fn with_max_message_len(mut self, max_message_len: usize) -> Self {
        self.max_message_len = max_message_len;
        self
    }

    /// Sets the largest element count of a list or map, and the largest
    /// byte length of a `str` or `data`.
    #[must_use]
    pub const fn with_max_collection_len(mut self, max_collection_len: usize) -> Self {
        self.max_collection_len = max_collection_len;
        self
    }

    /// How many levels of recursive types may be nested.
    pub const fn max_depth(&self) -> usize {
        self.max_depth
    }

    /// The longest accepted input, in bytes.
    pub const fn max_message_len(&self) -> usize {
        self.max_message_len
    }

    /// The largest accepted list/map count or `str`/`data` length.
    pub const fn max_collection_len(&self) -> usize {
        self.max_collection_len
    }
}

impl Default for Limits {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults() {
        let limits = Limits::default();
        assert_eq!(limits.max_depth(), 128);
        assert_eq!(limits.max_message_len(), usize::MAX);
        assert_eq!(limits.max_collection_len(), usize::MAX);
        assert_eq!(limits.max_alloc(), 64 << 20);
        assert_eq!(limits, Limits::new());
    }

    #[test]
    fn setters() {
        let limits = Limits::new()
            .with_max_depth(3)
            .with_max_message_len(10)
            .with_max_collection_len(4)
            .with_max_alloc(5);
        assert_eq!(
            (
                limits.max_depth(),
                limits.max_message_len(),
                limits.max_collection_len(),
                limits.max_alloc()
            ),
            (3, 10, 4, 5)
        );
    }
}
