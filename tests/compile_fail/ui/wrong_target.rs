// `Point` and `Line` changed shape from v1 to v2 (see families/wrong_target).
// Both converters are written, but the `Upgrade`s name the wrong `Next`:
// `v1::Point` (the same version) and `v2::Point` (another type of the next
// version), so the generated converter of `Path` gets the wrong types.

// In a library the family's items are public API; in this test binary they
// are not, and unused-item warnings would only add noise.
#[allow(unused)]
mod family {
    include!("generated/wrong_target.rs");

    impl ::verso::Upgrade for v1::Point {
        type Next = v1::Point;
        fn upgrade(self) -> Result<v1::Point, ::verso::ConvertError> {
            Ok(self)
        }
    }

    impl ::verso::Downgrade for v2::Point {
        type Prev = v1::Point;
        fn downgrade(self) -> Result<v1::Point, ::verso::ConvertError> {
            Ok(v1::Point { x: self.x, y: self.y })
        }
    }

    impl ::verso::Upgrade for v1::Line {
        type Next = v2::Point;
        fn upgrade(self) -> Result<v2::Point, ::verso::ConvertError> {
            Ok(v2::Point { x: self.from.x, y: self.from.y, z: 0 })
        }
    }

    impl ::verso::Downgrade for v2::Line {
        type Prev = v1::Line;
        fn downgrade(self) -> Result<v1::Line, ::verso::ConvertError> {
            Ok(v1::Line {
                from: ::verso::Downgrade::downgrade(self.from)?,
                to: ::verso::Downgrade::downgrade(self.to)?,
            })
        }
    }
}

fn main() {}
