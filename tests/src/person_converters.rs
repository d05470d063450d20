//! The converters of `schemas/person` that verso cannot generate: `Person`
//! changes shape at every step (a field renamed and one added in v2, the
//! optional `email` turned into the list `emails` in v3). The versioned
//! wrapper `PersonVersioned` and the chain are generated.
//!
//! What each step fills in and what it refuses:
//!
//! | step | upgrade | downgrade |
//! |---|---|---|
//! | v1 ↔ v2 | `name` ← `userName`; `email` = None (v1 never had one) | `userName` ← `name`; the email is dropped (v1 has no place for it) |
//! | v2 ↔ v3 | `emails` = the email, if any | 0 or 1 address → `email`; 2 or more → [`ConvertError`] |
//!
//! Upgrades never fail: every old person is a valid new person. The one
//! refusal is a v3 person with several addresses asked for by a v2 reader,
//! where Protocol Buffers would silently show only the last one.

use verso::{ConvertError, Downgrade, Upgrade};

use crate::person::{v1, v2, v3};

// ---- v1 → v2: `userName` renamed `name`; `email` added.

impl Upgrade for v1::Person {
    type Next = v2::Person;
    fn upgrade(self) -> Result<v2::Person, ConvertError> {
        Ok(v2::Person {
            name: self.user_name,
            favourite_number: self.favourite_number,
            interests: self.interests,
            // v1 never asked for an email: unknown, not empty.
            email: None,
        })
    }
}

impl Downgrade for v2::Person {
    type Prev = v1::Person;
    /// v1 has no email: it is dropped; everything else is kept.
    fn downgrade(self) -> Result<v1::Person, ConvertError> {
        Ok(v1::Person {
            user_name: self.name,
            favourite_number: self.favourite_number,
            interests: self.interests,
        })
    }
}

// ---- v2 → v3: the optional `email` becomes the list `emails`.

impl Upgrade for v2::Person {
    type Next = v3::Person;
    fn upgrade(self) -> Result<v3::Person, ConvertError> {
        Ok(v3::Person {
            name: self.name,
            favourite_number: self.favourite_number,
            interests: self.interests,
            emails: self.email.into_iter().collect(),
        })
    }
}

impl Downgrade for v3::Person {
    type Prev = v2::Person;
    /// At most one address fits in v2. Picking one of several would tell a
    /// v2 reader that this is the person's only address, so two or more are
    /// a [`ConvertError`].
    fn downgrade(self) -> Result<v2::Person, ConvertError> {
        if self.emails.len() > 1 {
            return Err(ConvertError::new(format!(
                "{} email addresses; v2 holds at most one",
                self.emails.len()
            ))
            .in_field("emails"));
        }
        let email = self.emails.into_iter().next();
        Ok(v2::Person {
            name: self.name,
            favourite_number: self.favourite_number,
            interests: self.interests,
            email,
        })
    }
}
