//! The converters of the `#import` regression pair
//! (`tests/schemas/imports`), as `verso scaffold` printed them with each
//! `DECIDE:` decided: `common`'s for `Position`, which gained an altitude in
//! v2, and `fleet`'s for `Ship`, which gained a home port in v2. `fleet`
//! writes none for `Position`: its step v2 → v3 converts the imported type
//! with `common`'s impls below. Written once, for both builds of the pair
//! ([`crate::imports`] and [`crate::imports_serde`]).

macro_rules! converters {
    ($($pair:ident)::+) => {
mod common {
    use crate::$($pair)::+::common::{v1, v2};

    impl verso::Upgrade for v1::Position {
        type Next = v2::Position;
        fn upgrade(self) -> Result<v2::Position, verso::ConvertError> {
            // v1 never recorded an altitude.
            Ok(v2::Position {
                lat: self.lat,
                lon: self.lon,
                altitude_m: None,
            })
        }
    }

    impl verso::Downgrade for v2::Position {
        type Prev = v1::Position;
        fn downgrade(self) -> Result<v1::Position, verso::ConvertError> {
            // v1 readers have no use for the altitude.
            Ok(v1::Position {
                lat: self.lat,
                lon: self.lon,
            })
        }
    }
}

mod fleet {
    use crate::$($pair)::+::fleet::{v1, v2};

    impl verso::Upgrade for v1::Ship {
        type Next = v2::Ship;
        fn upgrade(self) -> Result<v2::Ship, verso::ConvertError> {
            // v1 had no home port.
            Ok(v2::Ship {
                name: self.name,
                at: self.at,
                trail: self.trail,
                home: None,
            })
        }
    }

    impl verso::Downgrade for v2::Ship {
        type Prev = v1::Ship;
        fn downgrade(self) -> Result<v1::Ship, verso::ConvertError> {
            // A v1 reader does not know the home port; refuse to lose one.
            if self.home.is_some() {
                return Err(verso::ConvertError::new(
                    "Ship v2 → v1: v1 cannot carry the home port",
                ));
            }
            Ok(v1::Ship {
                name: self.name,
                at: self.at,
                trail: self.trail,
            })
        }
    }
}
    };
}

mod plain {
    converters!(imports);
}

mod with_serde {
    converters!(imports_serde);
}
