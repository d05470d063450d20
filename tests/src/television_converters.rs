//! The converters of `schemas/television` that verso cannot generate:
//! `Television` changes shape at every step. `Kind` is the same in v2, v3
//! and v4, so its converters are generated, as are `TelevisionVersioned`
//! and the chain.
//!
//! What each step fills in and what it refuses:
//!
//! | step | upgrade | downgrade |
//! |---|---|---|
//! | v1 ↔ v2 | `model` = the year as text ("2009"); `kind` = None (v1 never recorded it) | a model that is a year → `year`, other models → [`ConvertError`]; the kind is dropped |
//! | v2 ↔ v3 | the model is dropped | always a [`ConvertError`]: v2 requires a model and v3 has none |
//! | v3 ↔ v4 | `price` = None (no v3 record had one) | the price is dropped |
//!
//! The rule throughout: an upgrade fills a new field only with what the old
//! value knew, or with None where the new schema made the field optional
//! for exactly that reason; a downgrade may leave out what the old schema
//! cannot hold (the old reader never knew about it), but never invents a
//! value for a field the old schema requires. Because v3 removed the
//! required `model`, from v3 on this family writes only for v3 and v4
//! readers; `TelevisionVersioned::encode(tv, 2)` fails with
//! `verso::Error::Convert { from: 3, to: 2, .. }`.

use verso::{ConvertError, Downgrade, Upgrade};

use crate::television::{v1, v2, v3, v4};

// ---- v1 → v2: `year` (u16) renamed `model` and retyped to `str`; `kind`
// added.

impl Upgrade for v1::Television {
    type Next = v2::Television;
    fn upgrade(self) -> Result<v2::Television, ConvertError> {
        Ok(v2::Television {
            brand: self.brand,
            // The year was all v1 knew about the model.
            model: self.year.to_string(),
            // v1 never recorded the display technology.
            kind: None,
        })
    }
}

impl Downgrade for v2::Television {
    type Prev = v1::Television;
    /// The model goes back to `year` when it is one (as every upgraded v1
    /// record's is); any other model has no v1 form. The kind is dropped.
    fn downgrade(self) -> Result<v1::Television, ConvertError> {
        let year = self.model.parse::<u16>().map_err(|_| {
            ConvertError::new(format!(
                "model {:?} is not a model year, and v1 records only the year",
                self.model
            ))
            .in_field("model")
        })?;
        Ok(v1::Television {
            brand: self.brand,
            year,
        })
    }
}

// ---- v2 → v3: `model` removed.

impl Upgrade for v2::Television {
    type Next = v3::Television;
    /// v3 has no model: it is dropped.
    fn upgrade(self) -> Result<v3::Television, ConvertError> {
        Ok(v3::Television {
            brand: self.brand,
            kind: self.kind.upgrade()?,
        })
    }
}

impl Downgrade for v3::Television {
    type Prev = v2::Television;
    /// v2 requires a model and v3 does not know it; any string put there
    /// ("", "unknown") would be a model no television has. So no v3
    /// television can be written for a v2 (or v1) reader.
    fn downgrade(self) -> Result<v2::Television, ConvertError> {
        Err(ConvertError::new(format!(
            "v2 requires a model, which v3 no longer records (brand {:?})",
            self.brand
        ))
        .in_field("model"))
    }
}

// ---- v3 → v4: `price` added.

impl Upgrade for v3::Television {
    type Next = v4::Television;
    fn upgrade(self) -> Result<v4::Television, ConvertError> {
        Ok(v4::Television {
            brand: self.brand,
            kind: self.kind.upgrade()?,
            // No v3 record had a price: unknown.
            price: None,
        })
    }
}

impl Downgrade for v4::Television {
    type Prev = v3::Television;
    /// v3 has no price: it is dropped.
    fn downgrade(self) -> Result<v3::Television, ConvertError> {
        Ok(v3::Television {
            brand: self.brand,
            kind: self.kind.downgrade()?,
        })
    }
}
