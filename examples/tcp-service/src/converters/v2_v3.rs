//! The hand-written converters of the step v2 ↔ v3 (a note's `text` became
//! a `body`: text or a checklist).

use verso::{ConvertError, Downgrade, Upgrade};

use super::{v2, v3};

/// The text of a body, for a version that knows only text.
fn text_of(body: v3::Body) -> Result<String, ConvertError> {
    match body {
        v3::Body::Str(text) => Ok(text),
        // Flattening the checklist into text would lose which items are
        // done, and a v2 client could not send it back as a checklist.
        v3::Body::Checklist(_) => Err(ConvertError::new(
            "the note is a checklist, which versions before 3 cannot show",
        )),
    }
}

impl Upgrade for v2::AddNote {
    type Next = v3::AddNote;
    fn upgrade(self) -> Result<v3::AddNote, ConvertError> {
        Ok(v3::AddNote {
            body: v3::Body::Str(self.text),
            tags: self.tags,
        })
    }
}

impl Downgrade for v3::AddNote {
    type Prev = v2::AddNote;
    fn downgrade(self) -> Result<v2::AddNote, ConvertError> {
        Ok(v2::AddNote {
            text: text_of(self.body).map_err(|e| e.in_field("body"))?,
            tags: self.tags,
        })
    }
}

impl Upgrade for v2::Note {
    type Next = v3::Note;
    fn upgrade(self) -> Result<v3::Note, ConvertError> {
        Ok(v3::Note {
            id: self.id,
            body: v3::Body::Str(self.text),
            tags: self.tags,
        })
    }
}

impl Downgrade for v3::Note {
    type Prev = v2::Note;
    fn downgrade(self) -> Result<v2::Note, ConvertError> {
        let id = self.id;
        Ok(v2::Note {
            id,
            text: text_of(self.body)
                .map_err(|e| ConvertError::new(format!("note {id}: {}", e.message())))?,
            tags: self.tags,
        })
    }
}
