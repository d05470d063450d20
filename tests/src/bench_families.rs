//! The converters of `tests/schemas/bench_chain` that verso cannot generate:
//! each version adds one value to the leaf enum `Level`, so every step
//! `vK → vK+1` has its `Upgrade for vK::Level` generated (every old value
//! still exists) and needs a hand-written `Downgrade for vK+1::Level` (what
//! does an old reader see for the new value?). `Record` and `Log` are
//! converted by generated code around them. Used by the `versioned`
//! benchmark to price one step of the upgrade chain.

use verso::{ConvertError, Downgrade};

use crate::bench_chain::{v1, v2, v3, v4, v5, v6, v7, v8, v9, v10};

/// One step: the value `$added` that `$new` introduced cannot be
/// downgraded; the others keep their names.
macro_rules! level_step {
    ($old:ident => $new:ident, [$($same:ident),+], added $added:ident) => {
        impl Downgrade for $new::Level {
            type Prev = $old::Level;
            fn downgrade(self) -> Result<$old::Level, ConvertError> {
                match self {
                    $($new::Level::$same => Ok($old::Level::$same),)+
                    $new::Level::$added => Err(ConvertError::new(concat!(
                        "level ",
                        stringify!($added),
                        " does not exist in ",
                        stringify!($old)
                    ))),
                }
            }
        }
    };
}

level_step!(v1 => v2, [Debug, Info], added Notice);
level_step!(v2 => v3, [Debug, Info, Notice], added Warning);
level_step!(v3 => v4, [Debug, Info, Notice, Warning], added Error);
level_step!(v4 => v5, [Debug, Info, Notice, Warning, Error], added Critical);
level_step!(v5 => v6, [Debug, Info, Notice, Warning, Error, Critical], added Alert);
level_step!(
    v6 => v7,
    [Debug, Info, Notice, Warning, Error, Critical, Alert],
    added Emergency
);
level_step!(
    v7 => v8,
    [Debug, Info, Notice, Warning, Error, Critical, Alert, Emergency],
    added Fatal
);
level_step!(
    v8 => v9,
    [Debug, Info, Notice, Warning, Error, Critical, Alert, Emergency, Fatal],
    added Audit
);
level_step!(
    v9 => v10,
    [Debug, Info, Notice, Warning, Error, Critical, Alert, Emergency, Fatal, Audit],
    added Security
);
