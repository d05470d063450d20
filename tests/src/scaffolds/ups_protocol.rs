//! `verso scaffold` of `schemas/rivet/ups-protocol`, unedited (kept up to date by
//! `tests/tests/evolution.rs`).

// Converters to write by hand, scaffolded by `verso scaffold`. Every
// `DECIDE:` marks a choice; until it is made, that conversion returns a
// `ConvertError` at run time.

use crate::evolution::ups_protocol::{v1, v2, v3};
impl verso::Upgrade for v1::MessageStart {
    type Next = v2::MessageStart;
    fn upgrade(self) -> Result<v2::MessageStart, verso::ConvertError> {
        // DECIDE: `MessageStart` changed: field `request_deadline_at` added.
        // DECIDE: `request_deadline_at` has no counterpart in v1: `None` says v1 never recorded it; fill it in if another field knows it.
        Ok(v2::MessageStart {
            message_id: self.message_id,
            chunk_count: self.chunk_count,
            reply_subject: self.reply_subject,
            request_deadline_at: None,
            payload: self.payload,
        })
    }
}
impl verso::Downgrade for v2::MessageStart {
    type Prev = v1::MessageStart;
    fn downgrade(self) -> Result<v1::MessageStart, verso::ConvertError> {
        // DECIDE: `MessageStart` changed: field `request_deadline_at` added.
        // DECIDE: `request_deadline_at` has no counterpart in v1: use `self.request_deadline_at` above, or drop it; then delete the next line.
        let () = Err(
            verso::ConvertError::new(
                "MessageStart v2 → v1: decide what becomes of `request_deadline_at`, which v1 has no field for",
            ),
        )?;
        Ok(v1::MessageStart {
            message_id: self.message_id,
            chunk_count: self.chunk_count,
            reply_subject: self.reply_subject,
            payload: self.payload,
        })
    }
}
impl verso::Upgrade for v2::MessageChunk {
    type Next = v3::MessageChunk;
    fn upgrade(self) -> Result<v3::MessageChunk, verso::ConvertError> {
        // DECIDE: `MessageChunk` changed: field `timestamp` added.
        // DECIDE: `timestamp` has no counterpart in v2: fill it in (from another field, or a default).
        Ok(v3::MessageChunk {
            message_id: self.message_id,
            chunk_index: self.chunk_index,
            timestamp: Err(
                verso::ConvertError::new(
                    "MessageChunk v2 → v3: decide how to fill `timestamp`",
                ),
            )?,
            payload: self.payload,
        })
    }
}
impl verso::Downgrade for v3::MessageChunk {
    type Prev = v2::MessageChunk;
    fn downgrade(self) -> Result<v2::MessageChunk, verso::ConvertError> {
        // DECIDE: `MessageChunk` changed: field `timestamp` added.
        // DECIDE: `timestamp` has no counterpart in v2: use `self.timestamp` above, or drop it; then delete the next line.
        let () = Err(
            verso::ConvertError::new(
                "MessageChunk v3 → v2: decide what becomes of `timestamp`, which v2 has no field for",
            ),
        )?;
        Ok(v2::MessageChunk {
            message_id: self.message_id,
            chunk_index: self.chunk_index,
            payload: self.payload,
        })
    }
}
impl verso::Upgrade for v2::MessageStart {
    type Next = v3::MessageStart;
    fn upgrade(self) -> Result<v3::MessageStart, verso::ConvertError> {
        // DECIDE: `MessageStart` changed: field `timestamp` added.
        // DECIDE: `timestamp` has no counterpart in v2: fill it in (from another field, or a default).
        Ok(v3::MessageStart {
            message_id: self.message_id,
            chunk_count: self.chunk_count,
            timestamp: Err(
                verso::ConvertError::new(
                    "MessageStart v2 → v3: decide how to fill `timestamp`",
                ),
            )?,
            reply_subject: self.reply_subject,
            request_deadline_at: self.request_deadline_at,
            payload: self.payload,
        })
    }
}
impl verso::Downgrade for v3::MessageStart {
    type Prev = v2::MessageStart;
    fn downgrade(self) -> Result<v2::MessageStart, verso::ConvertError> {
        // DECIDE: `MessageStart` changed: field `timestamp` added.
        // DECIDE: `timestamp` has no counterpart in v2: use `self.timestamp` above, or drop it; then delete the next line.
        let () = Err(
            verso::ConvertError::new(
                "MessageStart v3 → v2: decide what becomes of `timestamp`, which v2 has no field for",
            ),
        )?;
        Ok(v2::MessageStart {
            message_id: self.message_id,
            chunk_count: self.chunk_count,
            reply_subject: self.reply_subject,
            request_deadline_at: self.request_deadline_at,
            payload: self.payload,
        })
    }
}
