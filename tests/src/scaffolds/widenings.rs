//! `verso scaffold` of `schemas/evolution/widenings`, unedited (kept up to date by
//! `tests/tests/evolution.rs`).

// Converters to write by hand, scaffolded by `verso scaffold`. Every
// `DECIDE:` marks a choice; until it is made, that conversion returns a
// `ConvertError` at run time.

use crate::evolution::widenings::{v1, v2};
impl verso::Downgrade for v2::Point {
    type Prev = v1::Point;
    fn downgrade(self) -> Result<v1::Point, verso::ConvertError> {
        // DECIDE: `Point` changed: field `x` retyped f32 → f64 (upgrades every value), field `y` retyped f32 → f64 (upgrades every value).
        // DECIDE: `x`: f64 → f32 refuses a value that does not fit; keep it, or convert `self.x` another way.
        // DECIDE: `y`: f64 → f32 refuses a value that does not fit; keep it, or convert `self.y` another way.
        Ok(v1::Point {
            x: ::verso::exact_f32(self.x).map_err(|e| e.in_field("x"))?,
            y: ::verso::exact_f32(self.y).map_err(|e| e.in_field("y"))?,
        })
    }
}
impl verso::Downgrade for v2::Reading {
    type Prev = v1::Reading;
    fn downgrade(self) -> Result<v1::Reading, verso::ConvertError> {
        // DECIDE: `Reading` changed: field `id`: its type `Id` changed (data[16] → data) (upgrades every value), field `count` retyped u8 → u16 (upgrades every value), field `total` retyped u32 → i64 (upgrades every value), field `offset` retyped i16 → int (upgrades every value), field `value` retyped f32 → f64 (upgrades every value), field `note` retyped str → optional<str> (upgrades every value), field `blob` retyped data → optional<data> (upgrades every value), field `samples` retyped list<u8>[4] → list<u16> (upgrades every value), field `point` retyped Point → optional<Point> (upgrades every value), field `tags` retyped map<str><u16> → map<str><u32> (upgrades every value).
        // DECIDE: `id`: data → data[16] refuses a value that does not fit; keep it, or convert `self.id` another way.
        // DECIDE: `count`: u16 → u8 refuses a value that does not fit; keep it, or convert `self.count` another way.
        // DECIDE: `total`: i64 → u32 refuses a value that does not fit; keep it, or convert `self.total` another way.
        // DECIDE: `offset`: int → i16 refuses a value that does not fit; keep it, or convert `self.offset` another way.
        // DECIDE: `value`: f64 → f32 refuses a value that does not fit; keep it, or convert `self.value` another way.
        // DECIDE: `note`: optional<str> → str refuses a value that does not fit; keep it, or convert `self.note` another way.
        // DECIDE: `blob`: optional<data> → data refuses a value that does not fit; keep it, or convert `self.blob` another way.
        // DECIDE: `samples`: list<u16> → list<u8>[4] refuses a value that does not fit; keep it, or convert `self.samples` another way.
        // DECIDE: `point`: optional<Point> → Point refuses a value that does not fit; keep it, or convert `self.point` another way.
        // DECIDE: `tags`: map<str><u32> → map<str><u16> refuses a value that does not fit; keep it, or convert `self.tags` another way.
        Ok(v1::Reading {
            id: <[u8; 16]>::try_from(&self.id[..])
                .map_err(|_| ::verso::ConvertError::new("must hold exactly 16 bytes"))
                .map_err(|e| e.in_field("id"))?,
            count: u8::try_from(self.count)
                .map_err(|_| ::verso::ConvertError::new("does not fit in u8"))
                .map_err(|e| e.in_field("count"))?,
            total: u32::try_from(self.total)
                .map_err(|_| ::verso::ConvertError::new("does not fit in u32"))
                .map_err(|e| e.in_field("total"))?,
            offset: i16::try_from(self.offset)
                .map_err(|_| ::verso::ConvertError::new("does not fit in i16"))
                .map_err(|e| e.in_field("offset"))?,
            value: ::verso::exact_f32(self.value).map_err(|e| e.in_field("value"))?,
            note: self
                .note
                .ok_or(::verso::ConvertError::new("is absent (None)"))
                .map_err(|e| e.in_field("note"))?,
            blob: self
                .blob
                .ok_or(::verso::ConvertError::new("is absent (None)"))
                .map_err(|e| e.in_field("blob"))?,
            samples: ::verso::convert_list(
                    self.samples,
                    |value| {
                        u8::try_from(value)
                            .map_err(|_| ::verso::ConvertError::new(
                                "does not fit in u8",
                            ))
                    },
                )
                .and_then(|list| {
                    <[_; 4]>::try_from(list)
                        .map_err(|_| ::verso::ConvertError::new(
                            "must hold exactly 4 items",
                        ))
                })
                .map_err(|e| e.in_field("samples"))?,
            point: self
                .point
                .ok_or(::verso::ConvertError::new("is absent (None)"))
                .and_then(::verso::Downgrade::downgrade)
                .map_err(|e| e.in_field("point"))?,
            tags: ::verso::convert_map_values(
                    self.tags,
                    |value| {
                        u16::try_from(value)
                            .map_err(|_| ::verso::ConvertError::new(
                                "does not fit in u16",
                            ))
                    },
                )
                .map_err(|e| e.in_field("tags"))?,
            request_lifespan: self.request_lifespan,
            kind: ::verso::Downgrade::downgrade(self.kind)
                .map_err(|e| e.in_field("kind"))?,
            label: self.title,
        })
    }
}
