//! Proof that verso's runtime and generated code need only `core` and
//! `alloc`: this crate is `#![no_std]` and depends on `verso` without its
//! default `std` feature. `.ci/run` builds it on its own (`cargo build -p
//! verso-tests-no-std`), so no other workspace member can turn `std` back
//! on through feature unification.

#![no_std]

extern crate alloc;

#[cfg(test)]
extern crate std;

use alloc::vec;

use verso::{ConvertError, Downgrade, Upgrade};

/// A device's stored settings: firmware 1 wrote v1, firmware 2 writes v2.
#[deny(warnings)]
pub mod config {
    verso::include_family!("config");
}

/// Every feature of the schema language.
#[deny(warnings)]
pub mod features {
    verso::include_family!("features");
}

/// The same, generated with `Config::bytes(true)`: `data` as `bytes::Bytes`,
/// `str` as `verso::Str`.
#[deny(warnings)]
pub mod features_bytes {
    include!(concat!(env!("OUT_DIR"), "/verso-bytes/features.rs"));
}

/// Ten versions whose converters are all generated.
#[deny(warnings)]
pub mod bench_identical {
    verso::include_family!("bench_identical");
}

use config::{v1, v2};

impl Upgrade for v1::Config {
    type Next = v2::Config;
    fn upgrade(self) -> Result<v2::Config, ConvertError> {
        // Firmware 1 had one brightness for the whole device: it becomes
        // the one channel firmware 2 starts with.
        Ok(v2::Config {
            name: self.name,
            channels: vec![v2::Channel {
                label: "main".into(),
                brightness: self.brightness,
            }],
            night_mode: None,
        })
    }
}

impl Downgrade for v2::Config {
    type Prev = v1::Config;
    fn downgrade(self) -> Result<v1::Config, ConvertError> {
        match self.channels.as_slice() {
            [only] if self.night_mode.is_none() => Ok(v1::Config {
                name: self.name,
                brightness: only.brightness,
            }),
            _ => Err(ConvertError::new(
                "firmware 1 stores one brightness and no night mode",
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec::Vec;
    use verso::Versioned;

    #[test]
    fn bytes_types_share_the_input_without_std() {
        use features_bytes::v1::{Color, Person};
        let person = Person {
            name: verso::Str::from("Ada"),
            age: 36,
            email: None,
            color: Color::Blue,
        };
        let input = verso::bytes::Bytes::from(verso::to_vec(&person));
        let decoded: Person = verso::from_bytes(input.clone()).unwrap();
        assert_eq!(decoded, person);
        assert!(input.as_ptr_range().contains(&decoded.name.as_ptr()));
    }

    #[test]
    fn old_flash_contents_read_as_the_latest() {
        let stored = verso::to_vec(&v1::Config {
            name: "lamp".into(),
            brightness: 80,
        });
        let latest = config::ConfigVersioned::decode(&stored, 1).unwrap();
        assert_eq!(latest.channels[0].brightness, 80);
        assert_eq!(config::ConfigVersioned::encode(latest, 1).unwrap(), stored);
    }

    #[test]
    fn a_downgrade_that_would_lose_data_is_refused() {
        let latest = v2::Config {
            name: "lamp".into(),
            channels: Vec::new(),
            night_mode: Some(1320),
        };
        let err = config::ConfigVersioned::encode_embedded(latest, 1).unwrap_err();
        assert!(matches!(err, verso::Error::Convert { from: 2, to: 1, .. }));
    }
}
