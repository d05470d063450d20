//! `verso scaffold` of `schemas/rivet/client-protocol`, unedited (kept up to date by
//! `tests/tests/evolution.rs`).

// Converters to write by hand, scaffolded by `verso scaffold`. Every
// `DECIDE:` marks a choice; until it is made, that conversion returns a
// `ConvertError` at run time.

use crate::evolution::client_protocol::{v1, v2, v3, v4};
impl verso::Upgrade for v1::Init {
    type Next = v2::Init;
    fn upgrade(self) -> Result<v2::Init, verso::ConvertError> {
        // DECIDE: `Init` changed: field `connectionToken` removed.
        // DECIDE: `connectionToken` has no counterpart in v2: use `self.connection_token` above, or drop it; then delete the next line.
        let () = Err(
            verso::ConvertError::new(
                "Init v1 → v2: decide what becomes of `connectionToken`, which v2 has no field for",
            ),
        )?;
        Ok(v2::Init {
            actor_id: self.actor_id,
            connection_id: self.connection_id,
        })
    }
}
impl verso::Downgrade for v2::Init {
    type Prev = v1::Init;
    fn downgrade(self) -> Result<v1::Init, verso::ConvertError> {
        // DECIDE: `Init` changed: field `connectionToken` removed.
        // DECIDE: `connectionToken` has no counterpart in v2: fill it in (from another field, or a default).
        Ok(v1::Init {
            actor_id: self.actor_id,
            connection_id: self.connection_id,
            connection_token: Err(
                verso::ConvertError::new(
                    "Init v2 → v1: decide how to fill `connectionToken`",
                ),
            )?,
        })
    }
}
impl verso::Upgrade for v3::Error {
    type Next = v4::Error;
    fn upgrade(self) -> Result<v4::Error, verso::ConvertError> {
        // DECIDE: `Error` changed: field `actor` added.
        // DECIDE: `actor` has no counterpart in v3: `None` says v3 never recorded it; fill it in if another field knows it.
        Ok(v4::Error {
            group: self.group,
            code: self.code,
            message: self.message,
            metadata: self.metadata,
            action_id: self.action_id,
            actor: None,
        })
    }
}
impl verso::Downgrade for v4::Error {
    type Prev = v3::Error;
    fn downgrade(self) -> Result<v3::Error, verso::ConvertError> {
        // DECIDE: `Error` changed: field `actor` added.
        // DECIDE: `actor` has no counterpart in v3: use `self.actor` above, or drop it; then delete the next line.
        let () = Err(
            verso::ConvertError::new(
                "Error v4 → v3: decide what becomes of `actor`, which v3 has no field for",
            ),
        )?;
        Ok(v3::Error {
            group: self.group,
            code: self.code,
            message: self.message,
            metadata: self.metadata,
            action_id: self.action_id,
        })
    }
}
impl verso::Upgrade for v3::HttpResponseError {
    type Next = v4::HttpResponseError;
    fn upgrade(self) -> Result<v4::HttpResponseError, verso::ConvertError> {
        // DECIDE: `HttpResponseError` changed: field `actor` added.
        // DECIDE: `actor` has no counterpart in v3: `None` says v3 never recorded it; fill it in if another field knows it.
        Ok(v4::HttpResponseError {
            group: self.group,
            code: self.code,
            message: self.message,
            metadata: self.metadata,
            actor: None,
        })
    }
}
impl verso::Downgrade for v4::HttpResponseError {
    type Prev = v3::HttpResponseError;
    fn downgrade(self) -> Result<v3::HttpResponseError, verso::ConvertError> {
        // DECIDE: `HttpResponseError` changed: field `actor` added.
        // DECIDE: `actor` has no counterpart in v3: use `self.actor` above, or drop it; then delete the next line.
        let () = Err(
            verso::ConvertError::new(
                "HttpResponseError v4 → v3: decide what becomes of `actor`, which v3 has no field for",
            ),
        )?;
        Ok(v3::HttpResponseError {
            group: self.group,
            code: self.code,
            message: self.message,
            metadata: self.metadata,
        })
    }
}
