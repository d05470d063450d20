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
    },
    /// Fields were reordered (converts, but not identical).
    FieldsReordered,
    /// An enum value exists only in the newer version.
    ValueAdded(String),
    /// An enum value exists only in the older version.
    ValueRemoved(String),
    /// An enum value's number changed (converts by name).
    ValueRenumbered(String),
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
    /// removed; renumbering, retagging, reordering and changes inside
    /// referenced types decide nothing.
    pub fn blocks(&self, direction: Direction) -> bool {
        match self {
            Reason::ValueAdded(_) | Reason::MemberAdded(_) => direction == Direction::Down,
            Reason::ValueRemoved(_) | Reason::MemberRemoved(_) => direction == Direction::Up,
            Reason::FieldsReordered
            | Reason::ValueRenumbered(_)
            | Reason::MemberRetagged(_)
            | Reason::ReferenceChanged(_) => false,
            Reason::KindChanged { .. }
            | Reason::FieldAdded(_)
            | Reason::FieldRemoved(_)
            | Reason::FieldRetyped { .. }
            | Reason::FieldTypeChanged { .. }
            | Reason::MemberRetyped(_)
            | Reason::Retyped { .. } => true,
        }
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::KindChanged { from, to } => write!(f, "was {from}, now {to}"),
            Reason::FieldAdded(n) => write!(f, "field `{n}` added"),
            Reason::FieldRemoved(n) => write!(f, "field `{n}` removed"),
            Reason::FieldRetyped { field, from, to } => {
                write!(f, "field `{field}` retyped {from} → {to}")
            }
            Reason::FieldTypeChanged {
                field,
                type_name,
                change,
            } => write!(
                f,
                "field `{field}`: its type `{type_name}` changed ({change})"
            ),
            Reason::FieldsReordered => write!(f, "fields reordered"),
            Reason::ValueAdded(n) => write!(f, "value {n} added"),
            Reason::ValueRemoved(n) => write!(f, "value {n} removed"),
            Reason::ValueRenumbered(n) => write!(f, "value {n} renumbered"),
            Reason::MemberAdded(n) => write!(f, "member `{n}` added"),
            Reason::MemberRemoved(n) => write!(f, "member `{n}` removed"),
            Reason::MemberRetagged(n) => write!(f, "member `{n}` retagged"),
            Reason::MemberRetyped(n) => write!(f, "member `{n}` changed shape"),
            Reason::Retyped { from, to } => write!(f, "retyped {from} → {to}"),
            Reason::ReferenceChanged(n) => write!(f, "refers to `{n}`, which changed"),
        }
    }
}
