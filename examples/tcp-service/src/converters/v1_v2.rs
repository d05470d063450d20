//! The hand-written converters of the step v1 ↔ v2 (tags, and finding notes
//! by tag, arrived).
//!
//! Included with `#[path]` as a child of the module that holds the family,
//! and naming only `super::v1` and `super::v2`, so the server's full family
//! and the v2 client release compile this same file.

use verso::{ConvertError, Downgrade, Upgrade};

use super::{v1, v2};

impl Upgrade for v1::AddNote {
    type Next = v2::AddNote;
    fn upgrade(self) -> Result<v2::AddNote, ConvertError> {
        // A v1 client cannot tag: its note has no tags, which is what the
        // empty list says.
        Ok(v2::AddNote {
            text: self.text,
            tags: Vec::new(),
        })
    }
}

impl Downgrade for v2::AddNote {
    type Prev = v1::AddNote;
    fn downgrade(self) -> Result<v1::AddNote, ConvertError> {
        // Dropping the tags would store a different note than the one asked
        // for, so a tagged note does not go to a v1 server.
        if !self.tags.is_empty() {
            return Err(ConvertError::new("version 1 cannot store tags with a note"));
        }
        Ok(v1::AddNote { text: self.text })
    }
}

impl Upgrade for v1::Note {
    type Next = v2::Note;
    fn upgrade(self) -> Result<v2::Note, ConvertError> {
        Ok(v2::Note {
            id: self.id,
            text: self.text,
            tags: Vec::new(),
        })
    }
}

impl Downgrade for v2::Note {
    type Prev = v1::Note;
    fn downgrade(self) -> Result<v1::Note, ConvertError> {
        // A v1 reader shows the note's text; tags are extra information it
        // has no place for, and leaving them out tells it nothing false.
        Ok(v1::Note {
            id: self.id,
            text: self.text,
        })
    }
}

impl Downgrade for v2::Request {
    type Prev = v1::Request;
    fn downgrade(self) -> Result<v1::Request, ConvertError> {
        Ok(match self {
            v2::Request::AddNote(add) => v1::Request::AddNote(add.downgrade()?),
            v2::Request::ListNotes => v1::Request::ListNotes,
            // Listing everything instead would answer another question.
            v2::Request::FindByTag(_) => {
                return Err(ConvertError::new("version 1 cannot find notes by tag"));
            }
        })
    }
}
