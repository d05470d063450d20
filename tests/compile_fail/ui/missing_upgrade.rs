// `Shape` changed shape from v1 to v2 (see families/missing_upgrade). Only
// its `Downgrade` is written; the `Upgrade` that the generated converter of
// `Drawing` (and so the chain of `DrawingVersioned`) needs is missing.

// In a library the family's items are public API; in this test binary they
// are not, and unused-item warnings would only add noise.
#[allow(unused)]
mod family {
    include!("generated/missing_upgrade.rs");

    impl ::verso::Downgrade for v2::Shape {
        type Prev = v1::Shape;
        fn downgrade(self) -> Result<v1::Shape, ::verso::ConvertError> {
            Ok(v1::Shape {
                width: self.width,
                height: self.height,
            })
        }
    }
}

fn main() {}
