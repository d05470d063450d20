//! The one step of `pegboard.namespace.runner_alloc_idx` verso cannot
//! generate: v2 adds `protocol_version`.

use crate::pegboard_namespace_runner_alloc_idx::{v1, v2};

/// What rivet stores for entries written before v2: the runner protocol
/// version called mk1 (`rivet_runner_protocol::PROTOCOL_MK1_VERSION`).
pub const PROTOCOL_MK1_VERSION: u16 = 3;

impl verso::Upgrade for v1::Data {
    type Next = v2::Data;
    fn upgrade(self) -> Result<v2::Data, verso::ConvertError> {
        Ok(v2::Data {
            workflow_id: self.workflow_id,
            remaining_slots: self.remaining_slots,
            total_slots: self.total_slots,
            protocol_version: PROTOCOL_MK1_VERSION,
        })
    }
}

impl verso::Downgrade for v2::Data {
    type Prev = v1::Data;
    fn downgrade(self) -> Result<v1::Data, verso::ConvertError> {
        // v1 readers have no protocol version: dropped, as rivet does.
        Ok(v1::Data {
            workflow_id: self.workflow_id,
            remaining_slots: self.remaining_slots,
            total_slots: self.total_slots,
        })
    }
}
