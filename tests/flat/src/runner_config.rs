//! The steps of `pegboard.namespace.runner_config` verso cannot generate,
//! as `verso scaffold` printed them, with every `DECIDE:` point decided as
//! rivet's hand-written converters decide it.
//!
//! Where rivet drops what an older version cannot hold (v4 → v3 of
//! `Serverless`, v6 → v5 of `Serverless` and `Normal`), the stub's
//! `DECIDE:` was decided by deleting its error line. v4 ↔ v5 of
//! `RunnerConfig` is generated: its one field was only respelled
//! (`drain_on_version_upgrade` → `drainOnVersionUpgrade`, same Rust name).

use crate::pegboard_namespace_runner_config::{v1, v2, v3, v4, v5, v6};

/// The stop window rivet gives runners stored before v5 had a grace
/// period of their own: 30 minutes, in seconds.
pub const DEFAULT_DRAIN_GRACE_PERIOD: u32 = 30 * 60;

impl verso::Upgrade for v1::Data {
    type Next = v2::RunnerConfig;
    fn upgrade(self) -> Result<v2::RunnerConfig, verso::ConvertError> {
        // v1 knew serverless runners only, and no metadata.
        let v1::Data::Serverless(serverless) = self;
        Ok(v2::RunnerConfig {
            kind: v2::RunnerConfigKind::Serverless(verso::Upgrade::upgrade(serverless)?),
            metadata: None,
        })
    }
}
impl verso::Downgrade for v2::RunnerConfig {
    type Prev = v1::Data;
    fn downgrade(self) -> Result<v1::Data, verso::ConvertError> {
        // The metadata is dropped; a normal runner has no v1 form.
        match self.kind {
            v2::RunnerConfigKind::Serverless(serverless) => Ok(v1::Data::Serverless(
                verso::Downgrade::downgrade(serverless)?,
            )),
            v2::RunnerConfigKind::Normal => Err(verso::ConvertError::new(
                "v1 stores serverless runner configs only; a normal one has no v1 form",
            )),
        }
    }
}
impl verso::Upgrade for v2::RunnerConfig {
    type Next = v3::RunnerConfig;
    fn upgrade(self) -> Result<v3::RunnerConfig, verso::ConvertError> {
        Ok(v3::RunnerConfig {
            kind: ::verso::Upgrade::upgrade(self.kind).map_err(|e| e.in_field("kind"))?,
            metadata: self.metadata,
            drain_on_version_upgrade: false,
        })
    }
}
impl verso::Downgrade for v3::RunnerConfig {
    type Prev = v2::RunnerConfig;
    fn downgrade(self) -> Result<v2::RunnerConfig, verso::ConvertError> {
        Ok(v2::RunnerConfig {
            kind: ::verso::Downgrade::downgrade(self.kind).map_err(|e| e.in_field("kind"))?,
            metadata: self.metadata,
        })
    }
}
impl verso::Upgrade for v3::Serverless {
    type Next = v4::Serverless;
    fn upgrade(self) -> Result<v4::Serverless, verso::ConvertError> {
        Ok(v4::Serverless {
            url: self.url,
            headers: self.headers,
            request_lifespan: self.request_lifespan,
            slots_per_runner: self.slots_per_runner,
            min_runners: self.min_runners,
            max_runners: self.max_runners,
            runners_margin: self.runners_margin,
            metadata_poll_interval: None,
        })
    }
}
impl verso::Downgrade for v4::Serverless {
    type Prev = v3::Serverless;
    fn downgrade(self) -> Result<v3::Serverless, verso::ConvertError> {
        Ok(v3::Serverless {
            url: self.url,
            headers: self.headers,
            request_lifespan: self.request_lifespan,
            slots_per_runner: self.slots_per_runner,
            min_runners: self.min_runners,
            max_runners: self.max_runners,
            runners_margin: self.runners_margin,
        })
    }
}
impl verso::Upgrade for v4::Serverless {
    type Next = v5::Serverless;
    fn upgrade(self) -> Result<v5::Serverless, verso::ConvertError> {
        // v5 respells the fields in camelCase (same fields), and adds two:
        // at most as many actors as runners, and the default grace period.
        Ok(v5::Serverless {
            url: self.url,
            headers: self.headers,
            request_lifespan: self.request_lifespan,
            max_concurrent_actors: u64::from(self.max_runners),
            drain_grace_period: DEFAULT_DRAIN_GRACE_PERIOD,
            slots_per_runner: self.slots_per_runner,
            min_runners: self.min_runners,
            max_runners: self.max_runners,
            runners_margin: self.runners_margin,
            metadata_poll_interval: self.metadata_poll_interval,
        })
    }
}
impl verso::Downgrade for v5::Serverless {
    type Prev = v4::Serverless;
    fn downgrade(self) -> Result<v4::Serverless, verso::ConvertError> {
        // `maxConcurrentActors` and `drainGracePeriod` are dropped.
        Ok(v4::Serverless {
            url: self.url,
            headers: self.headers,
            request_lifespan: self.request_lifespan,
            slots_per_runner: self.slots_per_runner,
            min_runners: self.min_runners,
            max_runners: self.max_runners,
            runners_margin: self.runners_margin,
            metadata_poll_interval: self.metadata_poll_interval,
        })
    }
}
impl verso::Upgrade for v5::Normal {
    type Next = v6::Normal;
    fn upgrade(self) -> Result<v6::Normal, verso::ConvertError> {
        // Eviction off; `drainOnVersionUpgrade` lived in the enclosing
        // `RunnerConfig` until v5, which sets it (see below).
        Ok(v6::Normal {
            drain_on_version_upgrade: false,
            actor_eviction_delay: 0,
            actor_eviction_period: 0,
            actor_eviction_rate: 1.0,
        })
    }
}
impl verso::Downgrade for v6::Normal {
    type Prev = v5::Normal;
    fn downgrade(self) -> Result<v5::Normal, verso::ConvertError> {
        Ok(v5::Normal)
    }
}
impl verso::Upgrade for v5::RunnerConfig {
    type Next = v6::RunnerConfig;
    fn upgrade(self) -> Result<v6::RunnerConfig, verso::ConvertError> {
        // v6 moved `drainOnVersionUpgrade` into the runner kind.
        let mut kind = ::verso::Upgrade::upgrade(self.kind).map_err(|e| e.in_field("kind"))?;
        match &mut kind {
            v6::RunnerConfigKind::Serverless(s) => {
                s.drain_on_version_upgrade = self.drain_on_version_upgrade;
            }
            v6::RunnerConfigKind::Normal(n) => {
                n.drain_on_version_upgrade = self.drain_on_version_upgrade;
            }
        }
        Ok(v6::RunnerConfig {
            kind,
            metadata: self.metadata,
        })
    }
}
impl verso::Downgrade for v6::RunnerConfig {
    type Prev = v5::RunnerConfig;
    fn downgrade(self) -> Result<v5::RunnerConfig, verso::ConvertError> {
        // Back out of the runner kind, whichever it is.
        let drain_on_version_upgrade = match &self.kind {
            v6::RunnerConfigKind::Serverless(s) => s.drain_on_version_upgrade,
            v6::RunnerConfigKind::Normal(n) => n.drain_on_version_upgrade,
        };
        Ok(v5::RunnerConfig {
            kind: ::verso::Downgrade::downgrade(self.kind).map_err(|e| e.in_field("kind"))?,
            metadata: self.metadata,
            drain_on_version_upgrade,
        })
    }
}
impl verso::Upgrade for v5::Serverless {
    type Next = v6::Serverless;
    fn upgrade(self) -> Result<v6::Serverless, verso::ConvertError> {
        // Eviction off; `drainOnVersionUpgrade` is set by `RunnerConfig`.
        Ok(v6::Serverless {
            url: self.url,
            headers: self.headers,
            request_lifespan: self.request_lifespan,
            max_concurrent_actors: self.max_concurrent_actors,
            drain_grace_period: self.drain_grace_period,
            slots_per_runner: self.slots_per_runner,
            min_runners: self.min_runners,
            max_runners: self.max_runners,
            runners_margin: self.runners_margin,
            metadata_poll_interval: self.metadata_poll_interval,
            drain_on_version_upgrade: false,
            actor_eviction_delay: 0,
            actor_eviction_period: 0,
            actor_eviction_rate: 1.0,
        })
    }
}
impl verso::Downgrade for v6::Serverless {
    type Prev = v5::Serverless;
    fn downgrade(self) -> Result<v5::Serverless, verso::ConvertError> {
        Ok(v5::Serverless {
            url: self.url,
            headers: self.headers,
            request_lifespan: self.request_lifespan,
            max_concurrent_actors: self.max_concurrent_actors,
            drain_grace_period: self.drain_grace_period,
            slots_per_runner: self.slots_per_runner,
            min_runners: self.min_runners,
            max_runners: self.max_runners,
            runners_margin: self.runners_margin,
            metadata_poll_interval: self.metadata_poll_interval,
        })
    }
}
