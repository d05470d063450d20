//! `verso scaffold` of `schemas/rivet/inspector-protocol`, unedited (kept up to date by
//! `tests/tests/evolution.rs`).

// Converters to write by hand, scaffolded by `verso scaffold`. Every
// `DECIDE:` marks a choice; until it is made, that conversion returns a
// `ConvertError` at run time.

use crate::evolution::inspector_protocol::{v1, v2, v3, v4, v5, v6};
impl verso::Upgrade for v1::Init {
    type Next = v2::Init;
    fn upgrade(self) -> Result<v2::Init, verso::ConvertError> {
        // DECIDE: `Init` changed: field `events` removed, field `queueSize` added, field `workflowHistory` added, field `isWorkflowEnabled` added.
        // DECIDE: `queueSize` has no counterpart in v1: fill it in (from another field, or a default).
        // DECIDE: `workflowHistory` has no counterpart in v1: `None` says v1 never recorded it; fill it in if another field knows it.
        // DECIDE: `isWorkflowEnabled` has no counterpart in v1: fill it in (from another field, or a default).
        // DECIDE: `events` has no counterpart in v2: use `self.events` above, or drop it; then delete the next line.
        let () = Err(
            verso::ConvertError::new(
                "Init v1 → v2: decide what becomes of `events`, which v2 has no field for",
            ),
        )?;
        Ok(v2::Init {
            connections: ::verso::Upgrade::upgrade(self.connections)
                .map_err(|e| e.in_field("connections"))?,
            state: self.state,
            is_state_enabled: self.is_state_enabled,
            rpcs: self.rpcs,
            is_database_enabled: self.is_database_enabled,
            queue_size: Err(
                verso::ConvertError::new(
                    "Init v1 → v2: decide how to fill `queueSize`",
                ),
            )?,
            workflow_history: None,
            is_workflow_enabled: Err(
                verso::ConvertError::new(
                    "Init v1 → v2: decide how to fill `isWorkflowEnabled`",
                ),
            )?,
        })
    }
}
impl verso::Downgrade for v2::Init {
    type Prev = v1::Init;
    fn downgrade(self) -> Result<v1::Init, verso::ConvertError> {
        // DECIDE: `Init` changed: field `events` removed, field `queueSize` added, field `workflowHistory` added, field `isWorkflowEnabled` added.
        // DECIDE: `events` has no counterpart in v2: fill it in (from another field, or a default).
        // DECIDE: `queueSize` has no counterpart in v1: use `self.queue_size` above, or drop it; then delete the next line.
        let () = Err(
            verso::ConvertError::new(
                "Init v2 → v1: decide what becomes of `queueSize`, which v1 has no field for",
            ),
        )?;
        // DECIDE: `workflowHistory` has no counterpart in v1: use `self.workflow_history` above, or drop it; then delete the next line.
        let () = Err(
            verso::ConvertError::new(
                "Init v2 → v1: decide what becomes of `workflowHistory`, which v1 has no field for",
            ),
        )?;
        // DECIDE: `isWorkflowEnabled` has no counterpart in v1: use `self.is_workflow_enabled` above, or drop it; then delete the next line.
        let () = Err(
            verso::ConvertError::new(
                "Init v2 → v1: decide what becomes of `isWorkflowEnabled`, which v1 has no field for",
            ),
        )?;
        Ok(v1::Init {
            connections: ::verso::Downgrade::downgrade(self.connections)
                .map_err(|e| e.in_field("connections"))?,
            events: Err(
                verso::ConvertError::new("Init v2 → v1: decide how to fill `events`"),
            )?,
            state: self.state,
            is_state_enabled: self.is_state_enabled,
            rpcs: self.rpcs,
            is_database_enabled: self.is_database_enabled,
        })
    }
}
impl verso::Upgrade for v1::ToClientBody {
    type Next = v2::ToClientBody;
    fn upgrade(self) -> Result<v2::ToClientBody, verso::ConvertError> {
        // DECIDE: `ToClientBody` changed: member `EventsResponse` removed, member `EventsUpdated` removed.
        // DECIDE: member `EventsResponse` does not exist in v2: convert it to another member, or keep the error.
        // DECIDE: member `EventsUpdated` does not exist in v2: convert it to another member, or keep the error.
        Ok(
            match self {
                v1::ToClientBody::StateResponse(value) => {
                    v2::ToClientBody::StateResponse(::verso::Upgrade::upgrade(value)?)
                }
                v1::ToClientBody::ConnectionsResponse(value) => {
                    v2::ToClientBody::ConnectionsResponse(
                        ::verso::Upgrade::upgrade(value)?,
                    )
                }
                v1::ToClientBody::EventsResponse(_value) => {
                    return Err(
                        verso::ConvertError::new(
                            "ToClientBody v1 → v2: member `EventsResponse` does not exist in v2",
                        ),
                    );
                }
                v1::ToClientBody::ActionResponse(value) => {
                    v2::ToClientBody::ActionResponse(::verso::Upgrade::upgrade(value)?)
                }
                v1::ToClientBody::RpcsListResponse(value) => {
                    v2::ToClientBody::RpcsListResponse(::verso::Upgrade::upgrade(value)?)
                }
                v1::ToClientBody::ConnectionsUpdated(value) => {
                    v2::ToClientBody::ConnectionsUpdated(
                        ::verso::Upgrade::upgrade(value)?,
                    )
                }
                v1::ToClientBody::EventsUpdated(_value) => {
                    return Err(
                        verso::ConvertError::new(
                            "ToClientBody v1 → v2: member `EventsUpdated` does not exist in v2",
                        ),
                    );
                }
                v1::ToClientBody::StateUpdated(value) => {
                    v2::ToClientBody::StateUpdated(::verso::Upgrade::upgrade(value)?)
                }
                v1::ToClientBody::Error(value) => {
                    v2::ToClientBody::Error(::verso::Upgrade::upgrade(value)?)
                }
                v1::ToClientBody::Init(value) => {
                    v2::ToClientBody::Init(::verso::Upgrade::upgrade(value)?)
                }
            },
        )
    }
}
impl verso::Downgrade for v2::ToClientBody {
    type Prev = v1::ToClientBody;
    fn downgrade(self) -> Result<v1::ToClientBody, verso::ConvertError> {
        // DECIDE: `ToClientBody` changed: member `QueueUpdated` added, member `WorkflowHistoryUpdated` added, member `TraceQueryResponse` added, member `QueueResponse` added, member `WorkflowHistoryResponse` added.
        // DECIDE: member `QueueUpdated` does not exist in v1: convert it to another member, or keep the error.
        // DECIDE: member `WorkflowHistoryUpdated` does not exist in v1: convert it to another member, or keep the error.
        // DECIDE: member `TraceQueryResponse` does not exist in v1: convert it to another member, or keep the error.
        // DECIDE: member `QueueResponse` does not exist in v1: convert it to another member, or keep the error.
        // DECIDE: member `WorkflowHistoryResponse` does not exist in v1: convert it to another member, or keep the error.
        Ok(
            match self {
                v2::ToClientBody::StateResponse(value) => {
                    v1::ToClientBody::StateResponse(
                        ::verso::Downgrade::downgrade(value)?,
                    )
                }
                v2::ToClientBody::ConnectionsResponse(value) => {
                    v1::ToClientBody::ConnectionsResponse(
                        ::verso::Downgrade::downgrade(value)?,
                    )
                }
                v2::ToClientBody::ActionResponse(value) => {
                    v1::ToClientBody::ActionResponse(
                        ::verso::Downgrade::downgrade(value)?,
                    )
                }
                v2::ToClientBody::ConnectionsUpdated(value) => {
                    v1::ToClientBody::ConnectionsUpdated(
                        ::verso::Downgrade::downgrade(value)?,
                    )
                }
                v2::ToClientBody::QueueUpdated(_value) => {
                    return Err(
                        verso::ConvertError::new(
                            "ToClientBody v2 → v1: member `QueueUpdated` does not exist in v1",
                        ),
                    );
                }
                v2::ToClientBody::StateUpdated(value) => {
                    v1::ToClientBody::StateUpdated(::verso::Downgrade::downgrade(value)?)
                }
                v2::ToClientBody::WorkflowHistoryUpdated(_value) => {
                    return Err(
                        verso::ConvertError::new(
                            "ToClientBody v2 → v1: member `WorkflowHistoryUpdated` does not exist in v1",
                        ),
                    );
                }
                v2::ToClientBody::RpcsListResponse(value) => {
                    v1::ToClientBody::RpcsListResponse(
                        ::verso::Downgrade::downgrade(value)?,
                    )
                }
                v2::ToClientBody::TraceQueryResponse(_value) => {
                    return Err(
                        verso::ConvertError::new(
                            "ToClientBody v2 → v1: member `TraceQueryResponse` does not exist in v1",
                        ),
                    );
                }
                v2::ToClientBody::QueueResponse(_value) => {
                    return Err(
                        verso::ConvertError::new(
                            "ToClientBody v2 → v1: member `QueueResponse` does not exist in v1",
                        ),
                    );
                }
                v2::ToClientBody::WorkflowHistoryResponse(_value) => {
                    return Err(
                        verso::ConvertError::new(
                            "ToClientBody v2 → v1: member `WorkflowHistoryResponse` does not exist in v1",
                        ),
                    );
                }
                v2::ToClientBody::Error(value) => {
                    v1::ToClientBody::Error(::verso::Downgrade::downgrade(value)?)
                }
                v2::ToClientBody::Init(value) => {
                    v1::ToClientBody::Init(::verso::Downgrade::downgrade(value)?)
                }
            },
        )
    }
}
impl verso::Upgrade for v1::ToServerBody {
    type Next = v2::ToServerBody;
    fn upgrade(self) -> Result<v2::ToServerBody, verso::ConvertError> {
        // DECIDE: `ToServerBody` changed: member `EventsRequest` removed, member `ClearEventsRequest` removed.
        // DECIDE: member `EventsRequest` does not exist in v2: convert it to another member, or keep the error.
        // DECIDE: member `ClearEventsRequest` does not exist in v2: convert it to another member, or keep the error.
        Ok(
            match self {
                v1::ToServerBody::PatchStateRequest(value) => {
                    v2::ToServerBody::PatchStateRequest(
                        ::verso::Upgrade::upgrade(value)?,
                    )
                }
                v1::ToServerBody::StateRequest(value) => {
                    v2::ToServerBody::StateRequest(::verso::Upgrade::upgrade(value)?)
                }
                v1::ToServerBody::ConnectionsRequest(value) => {
                    v2::ToServerBody::ConnectionsRequest(
                        ::verso::Upgrade::upgrade(value)?,
                    )
                }
                v1::ToServerBody::ActionRequest(value) => {
                    v2::ToServerBody::ActionRequest(::verso::Upgrade::upgrade(value)?)
                }
                v1::ToServerBody::EventsRequest(_value) => {
                    return Err(
                        verso::ConvertError::new(
                            "ToServerBody v1 → v2: member `EventsRequest` does not exist in v2",
                        ),
                    );
                }
                v1::ToServerBody::ClearEventsRequest(_value) => {
                    return Err(
                        verso::ConvertError::new(
                            "ToServerBody v1 → v2: member `ClearEventsRequest` does not exist in v2",
                        ),
                    );
                }
                v1::ToServerBody::RpcsListRequest(value) => {
                    v2::ToServerBody::RpcsListRequest(::verso::Upgrade::upgrade(value)?)
                }
            },
        )
    }
}
impl verso::Downgrade for v2::ToServerBody {
    type Prev = v1::ToServerBody;
    fn downgrade(self) -> Result<v1::ToServerBody, verso::ConvertError> {
        // DECIDE: `ToServerBody` changed: member `TraceQueryRequest` added, member `QueueRequest` added, member `WorkflowHistoryRequest` added.
        // DECIDE: member `TraceQueryRequest` does not exist in v1: convert it to another member, or keep the error.
        // DECIDE: member `QueueRequest` does not exist in v1: convert it to another member, or keep the error.
        // DECIDE: member `WorkflowHistoryRequest` does not exist in v1: convert it to another member, or keep the error.
        Ok(
            match self {
                v2::ToServerBody::PatchStateRequest(value) => {
                    v1::ToServerBody::PatchStateRequest(
                        ::verso::Downgrade::downgrade(value)?,
                    )
                }
                v2::ToServerBody::StateRequest(value) => {
                    v1::ToServerBody::StateRequest(::verso::Downgrade::downgrade(value)?)
                }
                v2::ToServerBody::ConnectionsRequest(value) => {
                    v1::ToServerBody::ConnectionsRequest(
                        ::verso::Downgrade::downgrade(value)?,
                    )
                }
                v2::ToServerBody::ActionRequest(value) => {
                    v1::ToServerBody::ActionRequest(
                        ::verso::Downgrade::downgrade(value)?,
                    )
                }
                v2::ToServerBody::RpcsListRequest(value) => {
                    v1::ToServerBody::RpcsListRequest(
                        ::verso::Downgrade::downgrade(value)?,
                    )
                }
                v2::ToServerBody::TraceQueryRequest(_value) => {
                    return Err(
                        verso::ConvertError::new(
                            "ToServerBody v2 → v1: member `TraceQueryRequest` does not exist in v1",
                        ),
                    );
                }
                v2::ToServerBody::QueueRequest(_value) => {
                    return Err(
                        verso::ConvertError::new(
                            "ToServerBody v2 → v1: member `QueueRequest` does not exist in v1",
                        ),
                    );
                }
                v2::ToServerBody::WorkflowHistoryRequest(_value) => {
                    return Err(
                        verso::ConvertError::new(
                            "ToServerBody v2 → v1: member `WorkflowHistoryRequest` does not exist in v1",
                        ),
                    );
                }
            },
        )
    }
}
impl verso::Downgrade for v3::ToClientBody {
    type Prev = v2::ToClientBody;
    fn downgrade(self) -> Result<v2::ToClientBody, verso::ConvertError> {
        // DECIDE: `ToClientBody` changed: member `DatabaseSchemaResponse` added, member `DatabaseTableRowsResponse` added.
        // DECIDE: member `DatabaseSchemaResponse` does not exist in v2: convert it to another member, or keep the error.
        // DECIDE: member `DatabaseTableRowsResponse` does not exist in v2: convert it to another member, or keep the error.
        Ok(
            match self {
                v3::ToClientBody::StateResponse(value) => {
                    v2::ToClientBody::StateResponse(
                        ::verso::Downgrade::downgrade(value)?,
                    )
                }
                v3::ToClientBody::ConnectionsResponse(value) => {
                    v2::ToClientBody::ConnectionsResponse(
                        ::verso::Downgrade::downgrade(value)?,
                    )
                }
                v3::ToClientBody::ActionResponse(value) => {
                    v2::ToClientBody::ActionResponse(
                        ::verso::Downgrade::downgrade(value)?,
                    )
                }
                v3::ToClientBody::ConnectionsUpdated(value) => {
                    v2::ToClientBody::ConnectionsUpdated(
                        ::verso::Downgrade::downgrade(value)?,
                    )
                }
                v3::ToClientBody::QueueUpdated(value) => {
                    v2::ToClientBody::QueueUpdated(::verso::Downgrade::downgrade(value)?)
                }
                v3::ToClientBody::StateUpdated(value) => {
                    v2::ToClientBody::StateUpdated(::verso::Downgrade::downgrade(value)?)
                }
                v3::ToClientBody::WorkflowHistoryUpdated(value) => {
                    v2::ToClientBody::WorkflowHistoryUpdated(
                        ::verso::Downgrade::downgrade(value)?,
                    )
                }
                v3::ToClientBody::RpcsListResponse(value) => {
                    v2::ToClientBody::RpcsListResponse(
                        ::verso::Downgrade::downgrade(value)?,
                    )
                }
                v3::ToClientBody::TraceQueryResponse(value) => {
                    v2::ToClientBody::TraceQueryResponse(
                        ::verso::Downgrade::downgrade(value)?,
                    )
                }
                v3::ToClientBody::QueueResponse(value) => {
                    v2::ToClientBody::QueueResponse(
                        ::verso::Downgrade::downgrade(value)?,
                    )
                }
                v3::ToClientBody::WorkflowHistoryResponse(value) => {
                    v2::ToClientBody::WorkflowHistoryResponse(
                        ::verso::Downgrade::downgrade(value)?,
                    )
                }
                v3::ToClientBody::Error(value) => {
                    v2::ToClientBody::Error(::verso::Downgrade::downgrade(value)?)
                }
                v3::ToClientBody::Init(value) => {
                    v2::ToClientBody::Init(::verso::Downgrade::downgrade(value)?)
                }
                v3::ToClientBody::DatabaseSchemaResponse(_value) => {
                    return Err(
                        verso::ConvertError::new(
                            "ToClientBody v3 → v2: member `DatabaseSchemaResponse` does not exist in v2",
                        ),
                    );
                }
                v3::ToClientBody::DatabaseTableRowsResponse(_value) => {
                    return Err(
                        verso::ConvertError::new(
                            "ToClientBody v3 → v2: member `DatabaseTableRowsResponse` does not exist in v2",
                        ),
                    );
                }
            },
        )
    }
}
impl verso::Downgrade for v3::ToServerBody {
    type Prev = v2::ToServerBody;
    fn downgrade(self) -> Result<v2::ToServerBody, verso::ConvertError> {
        // DECIDE: `ToServerBody` changed: member `DatabaseSchemaRequest` added, member `DatabaseTableRowsRequest` added.
        // DECIDE: member `DatabaseSchemaRequest` does not exist in v2: convert it to another member, or keep the error.
        // DECIDE: member `DatabaseTableRowsRequest` does not exist in v2: convert it to another member, or keep the error.
        Ok(
            match self {
                v3::ToServerBody::PatchStateRequest(value) => {
                    v2::ToServerBody::PatchStateRequest(
                        ::verso::Downgrade::downgrade(value)?,
                    )
                }
                v3::ToServerBody::StateRequest(value) => {
                    v2::ToServerBody::StateRequest(::verso::Downgrade::downgrade(value)?)
                }
                v3::ToServerBody::ConnectionsRequest(value) => {
                    v2::ToServerBody::ConnectionsRequest(
                        ::verso::Downgrade::downgrade(value)?,
                    )
                }
                v3::ToServerBody::ActionRequest(value) => {
                    v2::ToServerBody::ActionRequest(
                        ::verso::Downgrade::downgrade(value)?,
                    )
                }
                v3::ToServerBody::RpcsListRequest(value) => {
                    v2::ToServerBody::RpcsListRequest(
                        ::verso::Downgrade::downgrade(value)?,
                    )
                }
                v3::ToServerBody::TraceQueryRequest(value) => {
                    v2::ToServerBody::TraceQueryRequest(
                        ::verso::Downgrade::downgrade(value)?,
                    )
                }
                v3::ToServerBody::QueueRequest(value) => {
                    v2::ToServerBody::QueueRequest(::verso::Downgrade::downgrade(value)?)
                }
                v3::ToServerBody::WorkflowHistoryRequest(value) => {
                    v2::ToServerBody::WorkflowHistoryRequest(
                        ::verso::Downgrade::downgrade(value)?,
                    )
                }
                v3::ToServerBody::DatabaseSchemaRequest(_value) => {
                    return Err(
                        verso::ConvertError::new(
                            "ToServerBody v3 → v2: member `DatabaseSchemaRequest` does not exist in v2",
                        ),
                    );
                }
                v3::ToServerBody::DatabaseTableRowsRequest(_value) => {
                    return Err(
                        verso::ConvertError::new(
                            "ToServerBody v3 → v2: member `DatabaseTableRowsRequest` does not exist in v2",
                        ),
                    );
                }
            },
        )
    }
}
impl verso::Downgrade for v4::ToClientBody {
    type Prev = v3::ToClientBody;
    fn downgrade(self) -> Result<v3::ToClientBody, verso::ConvertError> {
        // DECIDE: `ToClientBody` changed: member `WorkflowReplayResponse` added.
        // DECIDE: member `WorkflowReplayResponse` does not exist in v3: convert it to another member, or keep the error.
        Ok(
            match self {
                v4::ToClientBody::StateResponse(value) => {
                    v3::ToClientBody::StateResponse(
                        ::verso::Downgrade::downgrade(value)?,
                    )
                }
                v4::ToClientBody::ConnectionsResponse(value) => {
                    v3::ToClientBody::ConnectionsResponse(
                        ::verso::Downgrade::downgrade(value)?,
                    )
                }
                v4::ToClientBody::ActionResponse(value) => {
                    v3::ToClientBody::ActionResponse(
                        ::verso::Downgrade::downgrade(value)?,
                    )
                }
                v4::ToClientBody::ConnectionsUpdated(value) => {
                    v3::ToClientBody::ConnectionsUpdated(
                        ::verso::Downgrade::downgrade(value)?,
                    )
                }
                v4::ToClientBody::QueueUpdated(value) => {
                    v3::ToClientBody::QueueUpdated(::verso::Downgrade::downgrade(value)?)
                }
                v4::ToClientBody::StateUpdated(value) => {
                    v3::ToClientBody::StateUpdated(::verso::Downgrade::downgrade(value)?)
                }
                v4::ToClientBody::WorkflowHistoryUpdated(value) => {
                    v3::ToClientBody::WorkflowHistoryUpdated(
                        ::verso::Downgrade::downgrade(value)?,
                    )
                }
                v4::ToClientBody::RpcsListResponse(value) => {
                    v3::ToClientBody::RpcsListResponse(
                        ::verso::Downgrade::downgrade(value)?,
                    )
                }
                v4::ToClientBody::TraceQueryResponse(value) => {
                    v3::ToClientBody::TraceQueryResponse(
                        ::verso::Downgrade::downgrade(value)?,
                    )
                }
                v4::ToClientBody::QueueResponse(value) => {
                    v3::ToClientBody::QueueResponse(
                        ::verso::Downgrade::downgrade(value)?,
                    )
                }
                v4::ToClientBody::WorkflowHistoryResponse(value) => {
                    v3::ToClientBody::WorkflowHistoryResponse(
                        ::verso::Downgrade::downgrade(value)?,
                    )
                }
                v4::ToClientBody::WorkflowReplayResponse(_value) => {
                    return Err(
                        verso::ConvertError::new(
                            "ToClientBody v4 → v3: member `WorkflowReplayResponse` does not exist in v3",
                        ),
                    );
                }
                v4::ToClientBody::Error(value) => {
                    v3::ToClientBody::Error(::verso::Downgrade::downgrade(value)?)
                }
                v4::ToClientBody::Init(value) => {
                    v3::ToClientBody::Init(::verso::Downgrade::downgrade(value)?)
                }
                v4::ToClientBody::DatabaseSchemaResponse(value) => {
                    v3::ToClientBody::DatabaseSchemaResponse(
                        ::verso::Downgrade::downgrade(value)?,
                    )
                }
                v4::ToClientBody::DatabaseTableRowsResponse(value) => {
                    v3::ToClientBody::DatabaseTableRowsResponse(
                        ::verso::Downgrade::downgrade(value)?,
                    )
                }
            },
        )
    }
}
impl verso::Downgrade for v4::ToServerBody {
    type Prev = v3::ToServerBody;
    fn downgrade(self) -> Result<v3::ToServerBody, verso::ConvertError> {
        // DECIDE: `ToServerBody` changed: member `WorkflowReplayRequest` added.
        // DECIDE: member `WorkflowReplayRequest` does not exist in v3: convert it to another member, or keep the error.
        Ok(
            match self {
                v4::ToServerBody::PatchStateRequest(value) => {
                    v3::ToServerBody::PatchStateRequest(
                        ::verso::Downgrade::downgrade(value)?,
                    )
                }
                v4::ToServerBody::StateRequest(value) => {
                    v3::ToServerBody::StateRequest(::verso::Downgrade::downgrade(value)?)
                }
                v4::ToServerBody::ConnectionsRequest(value) => {
                    v3::ToServerBody::ConnectionsRequest(
                        ::verso::Downgrade::downgrade(value)?,
                    )
                }
                v4::ToServerBody::ActionRequest(value) => {
                    v3::ToServerBody::ActionRequest(
                        ::verso::Downgrade::downgrade(value)?,
                    )
                }
                v4::ToServerBody::RpcsListRequest(value) => {
                    v3::ToServerBody::RpcsListRequest(
                        ::verso::Downgrade::downgrade(value)?,
                    )
                }
                v4::ToServerBody::TraceQueryRequest(value) => {
                    v3::ToServerBody::TraceQueryRequest(
                        ::verso::Downgrade::downgrade(value)?,
                    )
                }
                v4::ToServerBody::QueueRequest(value) => {
                    v3::ToServerBody::QueueRequest(::verso::Downgrade::downgrade(value)?)
                }
                v4::ToServerBody::WorkflowHistoryRequest(value) => {
                    v3::ToServerBody::WorkflowHistoryRequest(
                        ::verso::Downgrade::downgrade(value)?,
                    )
                }
                v4::ToServerBody::WorkflowReplayRequest(_value) => {
                    return Err(
                        verso::ConvertError::new(
                            "ToServerBody v4 → v3: member `WorkflowReplayRequest` does not exist in v3",
                        ),
                    );
                }
                v4::ToServerBody::DatabaseSchemaRequest(value) => {
                    v3::ToServerBody::DatabaseSchemaRequest(
                        ::verso::Downgrade::downgrade(value)?,
                    )
                }
                v4::ToServerBody::DatabaseTableRowsRequest(value) => {
                    v3::ToServerBody::DatabaseTableRowsRequest(
                        ::verso::Downgrade::downgrade(value)?,
                    )
                }
            },
        )
    }
}
impl verso::Upgrade for v4::Init {
    type Next = v5::Init;
    fn upgrade(self) -> Result<v5::Init, verso::ConvertError> {
        // DECIDE: `Init` changed: field `tabConfig` added.
        // DECIDE: `tabConfig` has no counterpart in v4: fill it in (from another field, or a default).
        Ok(v5::Init {
            connections: ::verso::Upgrade::upgrade(self.connections)
                .map_err(|e| e.in_field("connections"))?,
            state: self.state,
            is_state_enabled: self.is_state_enabled,
            rpcs: self.rpcs,
            is_database_enabled: self.is_database_enabled,
            queue_size: self.queue_size,
            workflow_history: self.workflow_history,
            is_workflow_enabled: self.is_workflow_enabled,
            tab_config: Err(
                verso::ConvertError::new(
                    "Init v4 → v5: decide how to fill `tabConfig`",
                ),
            )?,
        })
    }
}
impl verso::Downgrade for v5::Init {
    type Prev = v4::Init;
    fn downgrade(self) -> Result<v4::Init, verso::ConvertError> {
        // DECIDE: `Init` changed: field `tabConfig` added.
        // DECIDE: `tabConfig` has no counterpart in v4: use `self.tab_config` above, or drop it; then delete the next line.
        let () = Err(
            verso::ConvertError::new(
                "Init v5 → v4: decide what becomes of `tabConfig`, which v4 has no field for",
            ),
        )?;
        Ok(v4::Init {
            connections: ::verso::Downgrade::downgrade(self.connections)
                .map_err(|e| e.in_field("connections"))?,
            state: self.state,
            is_state_enabled: self.is_state_enabled,
            rpcs: self.rpcs,
            is_database_enabled: self.is_database_enabled,
            queue_size: self.queue_size,
            workflow_history: self.workflow_history,
            is_workflow_enabled: self.is_workflow_enabled,
        })
    }
}
impl verso::Upgrade for v5::Init {
    type Next = v6::Init;
    fn upgrade(self) -> Result<v6::Init, verso::ConvertError> {
        // DECIDE: `Init` changed: field `schedules` added.
        // DECIDE: `schedules` has no counterpart in v5: fill it in (from another field, or a default).
        Ok(v6::Init {
            connections: ::verso::Upgrade::upgrade(self.connections)
                .map_err(|e| e.in_field("connections"))?,
            state: self.state,
            is_state_enabled: self.is_state_enabled,
            rpcs: self.rpcs,
            is_database_enabled: self.is_database_enabled,
            queue_size: self.queue_size,
            workflow_history: self.workflow_history,
            is_workflow_enabled: self.is_workflow_enabled,
            tab_config: ::verso::Upgrade::upgrade(self.tab_config)
                .map_err(|e| e.in_field("tabConfig"))?,
            schedules: Err(
                verso::ConvertError::new(
                    "Init v5 → v6: decide how to fill `schedules`",
                ),
            )?,
        })
    }
}
impl verso::Downgrade for v6::Init {
    type Prev = v5::Init;
    fn downgrade(self) -> Result<v5::Init, verso::ConvertError> {
        // DECIDE: `Init` changed: field `schedules` added.
        // DECIDE: `schedules` has no counterpart in v5: use `self.schedules` above, or drop it; then delete the next line.
        let () = Err(
            verso::ConvertError::new(
                "Init v6 → v5: decide what becomes of `schedules`, which v5 has no field for",
            ),
        )?;
        Ok(v5::Init {
            connections: ::verso::Downgrade::downgrade(self.connections)
                .map_err(|e| e.in_field("connections"))?,
            state: self.state,
            is_state_enabled: self.is_state_enabled,
            rpcs: self.rpcs,
            is_database_enabled: self.is_database_enabled,
            queue_size: self.queue_size,
            workflow_history: self.workflow_history,
            is_workflow_enabled: self.is_workflow_enabled,
            tab_config: ::verso::Downgrade::downgrade(self.tab_config)
                .map_err(|e| e.in_field("tabConfig"))?,
        })
    }
}
impl verso::Downgrade for v6::ToClientBody {
    type Prev = v5::ToClientBody;
    fn downgrade(self) -> Result<v5::ToClientBody, verso::ConvertError> {
        // DECIDE: `ToClientBody` changed: member `SchedulesUpdated` added, member `SchedulesResponse` added, member `ScheduleHistoryResponse` added, member `ScheduleDeleteResponse` added.
        // DECIDE: member `SchedulesUpdated` does not exist in v5: convert it to another member, or keep the error.
        // DECIDE: member `SchedulesResponse` does not exist in v5: convert it to another member, or keep the error.
        // DECIDE: member `ScheduleHistoryResponse` does not exist in v5: convert it to another member, or keep the error.
        // DECIDE: member `ScheduleDeleteResponse` does not exist in v5: convert it to another member, or keep the error.
        Ok(
            match self {
                v6::ToClientBody::StateResponse(value) => {
                    v5::ToClientBody::StateResponse(
                        ::verso::Downgrade::downgrade(value)?,
                    )
                }
                v6::ToClientBody::ConnectionsResponse(value) => {
                    v5::ToClientBody::ConnectionsResponse(
                        ::verso::Downgrade::downgrade(value)?,
                    )
                }
                v6::ToClientBody::ActionResponse(value) => {
                    v5::ToClientBody::ActionResponse(
                        ::verso::Downgrade::downgrade(value)?,
                    )
                }
                v6::ToClientBody::ConnectionsUpdated(value) => {
                    v5::ToClientBody::ConnectionsUpdated(
                        ::verso::Downgrade::downgrade(value)?,
                    )
                }
                v6::ToClientBody::QueueUpdated(value) => {
                    v5::ToClientBody::QueueUpdated(::verso::Downgrade::downgrade(value)?)
                }
                v6::ToClientBody::StateUpdated(value) => {
                    v5::ToClientBody::StateUpdated(::verso::Downgrade::downgrade(value)?)
                }
                v6::ToClientBody::WorkflowHistoryUpdated(value) => {
                    v5::ToClientBody::WorkflowHistoryUpdated(
                        ::verso::Downgrade::downgrade(value)?,
                    )
                }
                v6::ToClientBody::SchedulesUpdated(_value) => {
                    return Err(
                        verso::ConvertError::new(
                            "ToClientBody v6 → v5: member `SchedulesUpdated` does not exist in v5",
                        ),
                    );
                }
                v6::ToClientBody::RpcsListResponse(value) => {
                    v5::ToClientBody::RpcsListResponse(
                        ::verso::Downgrade::downgrade(value)?,
                    )
                }
                v6::ToClientBody::TraceQueryResponse(value) => {
                    v5::ToClientBody::TraceQueryResponse(
                        ::verso::Downgrade::downgrade(value)?,
                    )
                }
                v6::ToClientBody::QueueResponse(value) => {
                    v5::ToClientBody::QueueResponse(
                        ::verso::Downgrade::downgrade(value)?,
                    )
                }
                v6::ToClientBody::WorkflowHistoryResponse(value) => {
                    v5::ToClientBody::WorkflowHistoryResponse(
                        ::verso::Downgrade::downgrade(value)?,
                    )
                }
                v6::ToClientBody::WorkflowReplayResponse(value) => {
                    v5::ToClientBody::WorkflowReplayResponse(
                        ::verso::Downgrade::downgrade(value)?,
                    )
                }
                v6::ToClientBody::SchedulesResponse(_value) => {
                    return Err(
                        verso::ConvertError::new(
                            "ToClientBody v6 → v5: member `SchedulesResponse` does not exist in v5",
                        ),
                    );
                }
                v6::ToClientBody::ScheduleHistoryResponse(_value) => {
                    return Err(
                        verso::ConvertError::new(
                            "ToClientBody v6 → v5: member `ScheduleHistoryResponse` does not exist in v5",
                        ),
                    );
                }
                v6::ToClientBody::ScheduleDeleteResponse(_value) => {
                    return Err(
                        verso::ConvertError::new(
                            "ToClientBody v6 → v5: member `ScheduleDeleteResponse` does not exist in v5",
                        ),
                    );
                }
                v6::ToClientBody::Error(value) => {
                    v5::ToClientBody::Error(::verso::Downgrade::downgrade(value)?)
                }
                v6::ToClientBody::Init(value) => {
                    v5::ToClientBody::Init(::verso::Downgrade::downgrade(value)?)
                }
                v6::ToClientBody::DatabaseSchemaResponse(value) => {
                    v5::ToClientBody::DatabaseSchemaResponse(
                        ::verso::Downgrade::downgrade(value)?,
                    )
                }
                v6::ToClientBody::DatabaseTableRowsResponse(value) => {
                    v5::ToClientBody::DatabaseTableRowsResponse(
                        ::verso::Downgrade::downgrade(value)?,
                    )
                }
            },
        )
    }
}
impl verso::Downgrade for v6::ToServerBody {
    type Prev = v5::ToServerBody;
    fn downgrade(self) -> Result<v5::ToServerBody, verso::ConvertError> {
        // DECIDE: `ToServerBody` changed: member `SchedulesRequest` added, member `ScheduleHistoryRequest` added, member `ScheduleDeleteRequest` added.
        // DECIDE: member `SchedulesRequest` does not exist in v5: convert it to another member, or keep the error.
        // DECIDE: member `ScheduleHistoryRequest` does not exist in v5: convert it to another member, or keep the error.
        // DECIDE: member `ScheduleDeleteRequest` does not exist in v5: convert it to another member, or keep the error.
        Ok(
            match self {
                v6::ToServerBody::PatchStateRequest(value) => {
                    v5::ToServerBody::PatchStateRequest(
                        ::verso::Downgrade::downgrade(value)?,
                    )
                }
                v6::ToServerBody::StateRequest(value) => {
                    v5::ToServerBody::StateRequest(::verso::Downgrade::downgrade(value)?)
                }
                v6::ToServerBody::ConnectionsRequest(value) => {
                    v5::ToServerBody::ConnectionsRequest(
                        ::verso::Downgrade::downgrade(value)?,
                    )
                }
                v6::ToServerBody::ActionRequest(value) => {
                    v5::ToServerBody::ActionRequest(
                        ::verso::Downgrade::downgrade(value)?,
                    )
                }
                v6::ToServerBody::RpcsListRequest(value) => {
                    v5::ToServerBody::RpcsListRequest(
                        ::verso::Downgrade::downgrade(value)?,
                    )
                }
                v6::ToServerBody::TraceQueryRequest(value) => {
                    v5::ToServerBody::TraceQueryRequest(
                        ::verso::Downgrade::downgrade(value)?,
                    )
                }
                v6::ToServerBody::QueueRequest(value) => {
                    v5::ToServerBody::QueueRequest(::verso::Downgrade::downgrade(value)?)
                }
                v6::ToServerBody::WorkflowHistoryRequest(value) => {
                    v5::ToServerBody::WorkflowHistoryRequest(
                        ::verso::Downgrade::downgrade(value)?,
                    )
                }
                v6::ToServerBody::WorkflowReplayRequest(value) => {
                    v5::ToServerBody::WorkflowReplayRequest(
                        ::verso::Downgrade::downgrade(value)?,
                    )
                }
                v6::ToServerBody::DatabaseSchemaRequest(value) => {
                    v5::ToServerBody::DatabaseSchemaRequest(
                        ::verso::Downgrade::downgrade(value)?,
                    )
                }
                v6::ToServerBody::DatabaseTableRowsRequest(value) => {
                    v5::ToServerBody::DatabaseTableRowsRequest(
                        ::verso::Downgrade::downgrade(value)?,
                    )
                }
                v6::ToServerBody::SchedulesRequest(_value) => {
                    return Err(
                        verso::ConvertError::new(
                            "ToServerBody v6 → v5: member `SchedulesRequest` does not exist in v5",
                        ),
                    );
                }
                v6::ToServerBody::ScheduleHistoryRequest(_value) => {
                    return Err(
                        verso::ConvertError::new(
                            "ToServerBody v6 → v5: member `ScheduleHistoryRequest` does not exist in v5",
                        ),
                    );
                }
                v6::ToServerBody::ScheduleDeleteRequest(_value) => {
                    return Err(
                        verso::ConvertError::new(
                            "ToServerBody v6 → v5: member `ScheduleDeleteRequest` does not exist in v5",
                        ),
                    );
                }
            },
        )
    }
}
