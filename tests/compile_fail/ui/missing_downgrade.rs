// The root `Settings` changed shape from v1 to v2 (see
// families/missing_downgrade). Only its `Upgrade` is written; the
// `Downgrade` that `SettingsVersioned` needs to encode for v1 readers is
// missing.

// In a library the family's items are public API; in this test binary they
// are not, and unused-item warnings would only add noise.
#[allow(unused)]
mod family {
    include!("generated/missing_downgrade.rs");

    impl ::verso::Upgrade for v1::Settings {
        type Next = v2::Settings;
        fn upgrade(self) -> Result<v2::Settings, ::verso::ConvertError> {
            Ok(v2::Settings {
                volume_percent: self.volume.min(100),
                muted: self.volume == 0,
            })
        }
    }
}

fn main() {}
