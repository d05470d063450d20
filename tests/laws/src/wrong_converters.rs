//! Converters of `schemas/wrong` that are wrong on purpose, for the test
//! that the laws catch them:
//!
//! - `Note` v1 → v2 loses the tags (a field dropped on the way up);
//!   v2 → v1 is right (it forgets `pinned`, which v1 cannot hold).
//! - `Flag` v2 → v1 panics on `BLINK` instead of returning a
//!   `ConvertError`.

use verso::{ConvertError, Downgrade, Upgrade};

use crate::wrong::{v1, v2};

impl Upgrade for v1::Note {
    type Next = v2::Note;
    fn upgrade(self) -> Result<v2::Note, ConvertError> {
        Ok(v2::Note {
            text: self.text,
            // Wrong: the tags should move across.
            tags: Vec::new(),
            pinned: false,
        })
    }
}

impl Downgrade for v2::Note {
    type Prev = v1::Note;
    fn downgrade(self) -> Result<v1::Note, ConvertError> {
        Ok(v1::Note {
            text: self.text,
            tags: self.tags,
        })
    }
}

impl Downgrade for v2::Flag {
    type Prev = v1::Flag;
    fn downgrade(self) -> Result<v1::Flag, ConvertError> {
        Ok(match self {
            v2::Flag::On => v1::Flag::On,
            v2::Flag::Off => v1::Flag::Off,
            // Wrong: this should be a `ConvertError`.
            v2::Flag::Blink => panic!("a v1 switch cannot blink"),
        })
    }
}
