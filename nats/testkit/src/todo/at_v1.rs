//! The release that knows version 1 only.

verso::include_family!("todo@v1");
