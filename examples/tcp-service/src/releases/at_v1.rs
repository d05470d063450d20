//! The client release built at version 1: `v1.bare` only (`v1`, `latest` = `v1`,
//! `RequestVersioned` and `ResponseVersioned` supporting version 1).

verso::include_family!("notes@v1");
