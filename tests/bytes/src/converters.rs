//! The one hand-written step of `shared_input`: v2 added `Note.pinned`.
//! The `Str` and `Bytes` fields move across, so an upgraded note still
//! shares the buffer it was decoded from.

use verso::{ConvertError, Downgrade, Upgrade};

use crate::shared_input::{v1, v2};

impl Upgrade for v1::Note {
    type Next = v2::Note;
    fn upgrade(self) -> Result<v2::Note, ConvertError> {
        Ok(v2::Note {
            title: self.title,
            tags: self.tags,
            labels: self.labels,
            by_digest: self.by_digest,
            attachments: self.attachments.upgrade()?,
            summary: self.summary,
            content: self.content.upgrade()?,
            kind: self.kind.upgrade()?,
            // v2.bare: v1 had no pins.
            pinned: false,
            replies: self.replies.upgrade()?,
        })
    }
}

impl Downgrade for v2::Note {
    type Prev = v1::Note;
    fn downgrade(self) -> Result<v1::Note, ConvertError> {
        Ok(v1::Note {
            title: self.title,
            tags: self.tags,
            labels: self.labels,
            by_digest: self.by_digest,
            attachments: self.attachments.downgrade()?,
            summary: self.summary,
            content: self.content.downgrade()?,
            kind: self.kind.downgrade()?,
            // An old reader has no place for the pin.
            replies: self.replies.downgrade()?,
        })
    }
}
