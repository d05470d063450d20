//! Why two versions of a type differ, and which way each difference blocks.

use std::fmt;

/// Which way a conversion goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Direction {
    /// Older to newer: `impl Upgrade for vK::T`.
    Up,
    /// Newer to older: `impl Downgrade for vK+1::T`.
    Down,
}

impl Direction {
    /// Both directions, up first.
    pub const BOTH: [Direction; 2] = [Direction::Up, Direction::Down];

    /// `upgrade` or `downgrade`.
    pub fn verb(self) -> &'static str {
        match self {
            Direction::Up => "upgrade",
            Direction::Down => "downgrade",
        }
    }

    /// `Upgrade` or `Downgrade`: the trait a conversion implements.
    pub fn trait_name(self) -> &'static str {
        match self {
            Direction::Up => "Upgrade",
            Direction::Down => "Downgrade",
        }
    }
}

/// Which directions the values of a changed type still convert in with
/// nothing to decide. `u8` → `u16` upgrades every value and downgrades
/// only some; `optional<T>` → `T` the reverse.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lossless {
    /// Neither: every conversion is a decision.
    Neither,
    /// Only older → newer (a widening).
    Up,
    /// Only newer → older (a narrowing).
    Down,
    /// Both: the values are the same (`u64` ↔ `uint`), or only the types
    /// they refer to changed.
    Both,
}

impl Lossless {
    /// The lossless way of exactly `direction`.
    pub fn only(direction: Direction) -> Lossless {
        match direction {
            Direction::Up => Lossless::Up,
            Direction::Down => Lossless::Down,
        }
    }

    /// Whether converting in `direction` keeps every value.
    pub fn allows(self, direction: Direction) -> bool {
        match self {
            Lossless::Neither => false,
            Lossless::Up => direction == Direction::Up,
            Lossless::Down => direction == Direction::Down,
            Lossless::Both => true,
        }
    }

    /// Lossless where both `self` and `other` are (a container and what it
    /// holds, a map's keys and values).
    pub fn and(self, other: Lossless) -> Lossless {
        let up = self.allows(Direction::Up) && other.allows(Direction::Up);
        let down = self.allows(Direction::Down) && other.allows(Direction::Down);
        match (up, down) {
            (true, true) => Lossless::Both,
            (true, false) => Lossless::Up,
            (false, true) => Lossless::Down,
            (false, false) => Lossless::Neither,
        }
    }

    /// Lossless in `direction`, when `self` is, and in no other.
    pub fn restrict(self, direction: Direction) -> Lossless {
        self.and(Lossless::only(direction))
    }

    /// ` (upgrades every value)` and the like, for messages: empty when
    /// no direction is.
    fn note(self) -> &'static str {
        match self {
            Lossless::Neither => "",
            Lossless::Up => " (upgrades every value)",
            Lossless::Down => " (downgrades every value)",
            Lossless::Both => " (same values)",
        }
    }
}

/// Why a part's name differs between versions while it stays the same part.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum RenameKind {
    /// Declared in the manifest (`[renamed.vK] "Type.new" = "old"`).
    Declared,
    /// Only the spelling changed (`request_lifespan` → `requestLifespan`):
    /// same Rust name and type (in any place, as fields match in any order).
    SameRustName,
}

/// One difference between two versions of a type.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Reason {
    /// The type is a different kind of type (`struct` → `void`, …).
    KindChanged {
        /// What it was (`a struct`).
        from: &'static str,
        /// What it is.
        to: &'static str,
    },
    /// A field exists only in the newer version.
    FieldAdded(String),
    /// A field exists only in the older version.
    FieldRemoved(String),
    /// A field's type changed shape.
    FieldRetyped {
        /// The field.
        field: String,
        /// The old type, as written.
        from: String,
        /// The new type, as written.
        to: String,
        /// The directions that keep every value (a widening is generated
        /// that way).
        lossless: Lossless,
    },
    /// A field kept its place and values under another name.
    FieldRenamed {
        /// Its name in the newer version.
        field: String,
        /// Its name in the older version.
        from: String,
        /// How the two are known to be one field.
        kind: RenameKind,
    },
    /// A field kept its type's name, but that type (an alias) changed
    /// shape, so the field's values no longer convert.
    FieldTypeChanged {
        /// The field.
        field: String,
        /// The type's name.
        type_name: String,
        /// What happened to the type (`retyped data[16] → data[20]`).
        change: String,
        /// The directions that keep every value.
        lossless: Lossless,
    },
    /// Fields were reordered (converts, but not identical).
    FieldsReordered,
    /// An enum value exists only in the newer version.
    ValueAdded(String),
    /// An enum value exists only in the older version.
    ValueRemoved(String),
    /// An enum value's number changed (converts by name).
    ValueRenumbered(String),
    /// An enum value or union member kept its place under another name,
    /// declared in the manifest.
    PartRenamed {
        /// Its name in the newer version.
        name: String,
        /// Its name in the older version.
        from: String,
    },
    /// A union member exists only in the newer version.
    MemberAdded(String),
    /// A union member exists only in the older version.
    MemberRemoved(String),
    /// A union member's tag changed (converts by member).
    MemberRetagged(String),
    /// A union member is there in both versions, but its values do not
    /// convert.
    MemberRetyped(String),
    /// The aliased type changed shape.
    Retyped {
        /// The old type.
        from: String,
        /// The new type.
        to: String,
        /// The directions that keep every value.
        lossless: Lossless,
    },
    /// A type it refers to changed (converts through that type's
    /// conversions).
    ReferenceChanged(String),
}

impl Reason {
    /// Whether this difference leaves a decision in `direction`, so that
    /// direction's conversion must be written by hand. A value or member
    /// added has nothing to decide going up (every old value has a new
    /// counterpart) but leaves one going down, and the reverse for one
    /// removed; a widening leaves one only against its lossless
    /// direction; renames, renumbering, retagging, reordering and changes
    /// inside referenced types decide nothing.
    pub fn blocks(&self, direction: Direction) -> bool {
        match self {
            Reason::FieldRetyped { lossless, .. }
            | Reason::FieldTypeChanged { lossless, .. }
            | Reason::Retyped { lossless, .. } => !lossless.allows(direction),
            Reason::ValueAdded(_) | Reason::MemberAdded(_) => direction == Direction::Down,
            Reason::ValueRemoved(_) | Reason::MemberRemoved(_) => direction == Direction::Up,
            Reason::FieldsReordered
            | Reason::FieldRenamed { .. }
            | Reason::PartRenamed { .. }
            | Reason::ValueRenumbered(_)
            | Reason::MemberRetagged(_)
            | Reason::ReferenceChanged(_) => false,
            Reason::KindChanged { .. }
            | Reason::FieldAdded(_)
            | Reason::FieldRemoved(_)
            | Reason::MemberRetyped(_) => true,
        }
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::KindChanged { from, to } => write!(f, "was {from}, now {to}"),
            Reason::FieldAdded(n) => write!(f, "field `{n}` added"),
            Reason::FieldRemoved(n) => write!(f, "field `{n}` removed"),
            Reason::FieldRetyped {
                field,
                from,
                to,
                lossless,
            } => write!(
                f,
                "field `{field}` retyped {from} → {to}{}",
                lossless.note()
            ),
            Reason::FieldRenamed { field, from, kind } => match kind {
                RenameKind::Declared => write!(f, "field `{field}`: renamed from `{from}`"),
                RenameKind::SameRustName => {
                    write!(f, "field `{field}`: renamed from `{from}` (same Rust name)")
                }
            },
            Reason::FieldTypeChanged {
                field,
                type_name,
                change,
                lossless,
            } => write!(
                f,
                "field `{field}`: its type `{type_name}` changed ({change}){}",
                lossless.note()
            ),
            Reason::PartRenamed { name, from } => write!(f, "`{name}`: renamed from `{from}`"),
            Reason::FieldsReordered => write!(f, "fields reordered"),
            Reason::ValueAdded(n) => write!(f, "value {n} added"),
            Reason::ValueRemoved(n) => write!(f, "value {n} removed"),
            Reason::ValueRenumbered(n) => write!(f, "value {n} renumbered"),
            Reason::MemberAdded(n) => write!(f, "member `{n}` added"),
            Reason::MemberRemoved(n) => write!(f, "member `{n}` removed"),
            Reason::MemberRetagged(n) => write!(f, "member `{n}` retagged"),
            Reason::MemberRetyped(n) => write!(f, "member `{n}` changed shape"),
            Reason::Retyped { from, to, lossless } => {
                write!(f, "retyped {from} → {to}{}", lossless.note())
            }
            Reason::ReferenceChanged(n) => write!(f, "refers to `{n}`, which changed"),
        }
    }
}
