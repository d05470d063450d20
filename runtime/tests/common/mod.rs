//! Test types written by hand the way generated code would write them, from
//! the schema of the BARE notes' golden vectors:
//!
//! ```bare
//! type Color enum { RED  GREEN = 5  BLUE }
//! type Pair struct { a: u8  b: str }
//! type Person struct { name: str  age: uint  email: optional<str>  color: Color }
//! type Message union { Pair = 1 | Person = 2 }
//! type Versioned struct { version: u16  body: Person }
//! type U8OrStr union { u8 | str = 3 }
//! type U8OrVoid union { u8 | void }
//! type Node struct { next: optional<Node> }          # recursive, legacy mode
//! type Tree struct { label: uint  children: list<Tree> }
//! ```
#![allow(dead_code)]

use verso::containers::{
    decode_list_with, decode_option_with, encode_list_with, encode_option_with, list_len_with,
    option_len_with,
};
use verso::write::{
    str_len, uint_len, union_tag_len, write_str, write_u8, write_u16, write_uint, write_union_tag,
};
use verso::{Decode, DecodeError, Encode, Reader};

/// Parses hex such as `"02 68 69"` (whitespace ignored).
pub(crate) fn hex(text: &str) -> Vec<u8> {
    let digits: Vec<u8> = text.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    assert!(
        digits.len() % 2 == 0,
        "odd number of hex digits in {text:?}"
    );
    digits
        .chunks(2)
        .map(|pair| {
            let pair = std::str::from_utf8(pair).expect("ascii");
            u8::from_str_radix(pair, 16).expect("hex digit")
        })
        .collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Color {
    Red,
    Green,
    Blue,
}

impl Color {
    fn value(self) -> u64 {
        match self {
            Color::Red => 0,
            Color::Green => 5,
            Color::Blue => 6,
        }
    }
}

impl Encode for Color {
    fn encode(&self, out: &mut Vec<u8>) {
        verso::write::write_enum_value(out, self.value());
    }
    fn encoded_len(&self) -> usize {
        verso::write::enum_value_len(self.value())
    }
}

impl Decode for Color {
    fn decode(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        reader
            .read_enum(|value| match value {
                0 => Some(Color::Red),
                5 => Some(Color::Green),
                6 => Some(Color::Blue),
                _ => None,
            })
            .map_err(|e| e.in_type("Color"))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Pair {
    pub(crate) a: u8,
    pub(crate) b: String,
}

impl Encode for Pair {
    fn encode(&self, out: &mut Vec<u8>) {
        write_u8(out, self.a);
        write_str(out, &self.b);
    }
    fn encoded_len(&self) -> usize {
        1 + str_len(&self.b)
    }
}

impl Decode for Pair {
    fn decode(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        let fields = |r: &mut Reader<'_>| -> Result<Self, DecodeError> {
            Ok(Pair {
                a: r.read_u8().map_err(|e| e.in_field("a"))?,
                b: r.read_string().map_err(|e| e.in_field("b"))?,
            })
        };
        fields(reader).map_err(|e| e.in_type("Pair"))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Person {
    pub(crate) name: String,
    pub(crate) age: u64,
    pub(crate) email: Option<String>,
    pub(crate) color: Color,
}

impl Encode for Person {
    fn encode(&self, out: &mut Vec<u8>) {
        write_str(out, &self.name);
        write_uint(out, self.age);
        encode_option_with(out, &self.email, |out, x| write_str(out, x));
        self.color.encode(out);
    }
    fn encoded_len(&self) -> usize {
        str_len(&self.name)
            + uint_len(self.age)
            + option_len_with(&self.email, |x| str_len(x))
            + self.color.encoded_len()
    }
}

impl Decode for Person {
    fn decode(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        let fields = |r: &mut Reader<'_>| -> Result<Self, DecodeError> {
            Ok(Person {
                name: r.read_string().map_err(|e| e.in_field("name"))?,
                age: r.read_uint().map_err(|e| e.in_field("age"))?,
                email: decode_option_with(r, Reader::read_string)
                    .map_err(|e| e.in_field("email"))?,
                color: Color::decode(r).map_err(|e| e.in_field("color"))?,
            })
        };
        fields(reader).map_err(|e| e.in_type("Person"))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Message {
    Pair(Pair),
    Person(Person),
}

impl Encode for Message {
    fn encode(&self, out: &mut Vec<u8>) {
        match self {
            Message::Pair(v) => {
                write_union_tag(out, 1);
                v.encode(out);
            }
            Message::Person(v) => {
                write_union_tag(out, 2);
                v.encode(out);
            }
        }
    }
    fn encoded_len(&self) -> usize {
        match self {
            Message::Pair(v) => union_tag_len(1) + v.encoded_len(),
            Message::Person(v) => union_tag_len(2) + v.encoded_len(),
        }
    }
}

impl Decode for Message {
    fn decode(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        let at = reader.position();
        let member = match reader.read_union_tag() {
            Ok(1) => Pair::decode(reader)
                .map(Message::Pair)
                .map_err(|e| e.in_variant("Pair")),
            Ok(2) => Person::decode(reader)
                .map(Message::Person)
                .map_err(|e| e.in_variant("Person")),
            Ok(tag) => Err(DecodeError::unknown_union_tag(tag, at)),
            Err(e) => Err(e),
        };
        member.map_err(|e| e.in_type("Message"))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Versioned {
    pub(crate) version: u16,
    pub(crate) body: Person,
}

impl Encode for Versioned {
    fn encode(&self, out: &mut Vec<u8>) {
        write_u16(out, self.version);
        self.body.encode(out);
    }
    fn encoded_len(&self) -> usize {
        2 + self.body.encoded_len()
    }
}

impl Decode for Versioned {
    fn decode(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        let fields = |r: &mut Reader<'_>| -> Result<Self, DecodeError> {
            Ok(Versioned {
                version: r.read_u16().map_err(|e| e.in_field("version"))?,
                body: Person::decode(r).map_err(|e| e.in_field("body"))?,
            })
        };
        fields(reader).map_err(|e| e.in_type("Versioned"))
    }
}

/// `union { u8 | str = 3 }`
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum U8OrStr {
    U8(u8),
    Str(String),
}

impl Encode for U8OrStr {
    fn encode(&self, out: &mut Vec<u8>) {
        match self {
            U8OrStr::U8(v) => {
                write_union_tag(out, 0);
                write_u8(out, *v);
            }
            U8OrStr::Str(v) => {
                write_union_tag(out, 3);
                write_str(out, v);
            }
        }
    }
    fn encoded_len(&self) -> usize {
        match self {
            U8OrStr::U8(_) => union_tag_len(0) + 1,
            U8OrStr::Str(v) => union_tag_len(3) + str_len(v),
        }
    }
}

impl Decode for U8OrStr {
    fn decode(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        let at = reader.position();
        match reader.read_union_tag()? {
            0 => reader
                .read_u8()
                .map(U8OrStr::U8)
                .map_err(|e| e.in_variant("U8")),
            3 => reader
                .read_string()
                .map(U8OrStr::Str)
                .map_err(|e| e.in_variant("Str")),
            tag => Err(DecodeError::unknown_union_tag(tag, at)),
        }
    }
}

/// `union { u8 | void }`
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum U8OrVoid {
    U8(u8),
    Void,
}

impl Encode for U8OrVoid {
    fn encode(&self, out: &mut Vec<u8>) {
        match self {
            U8OrVoid::U8(v) => {
                write_union_tag(out, 0);
                write_u8(out, *v);
            }
            U8OrVoid::Void => write_union_tag(out, 1),
        }
    }
    fn encoded_len(&self) -> usize {
        match self {
            U8OrVoid::U8(_) => 2,
            U8OrVoid::Void => 1,
        }
    }
}

impl Decode for U8OrVoid {
    fn decode(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        let at = reader.position();
        match reader.read_union_tag()? {
            0 => reader
                .read_u8()
                .map(U8OrVoid::U8)
                .map_err(|e| e.in_variant("U8")),
            1 => Ok(U8OrVoid::Void),
            tag => Err(DecodeError::unknown_union_tag(tag, at)),
        }
    }
}

/// A recursive type through `optional`: one byte per level.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Node {
    pub(crate) next: Option<Box<Node>>,
}

impl Node {
    /// A chain of `levels` nodes (at least 1).
    pub(crate) fn chain(levels: usize) -> Node {
        let mut node = Node { next: None };
        for _ in 1..levels {
            node = Node {
                next: Some(Box::new(node)),
            };
        }
        node
    }

    /// The encoding of a chain of `levels` nodes.
    pub(crate) fn chain_bytes(levels: usize) -> Vec<u8> {
        let mut bytes = vec![0x01; levels - 1];
        bytes.push(0x00);
        bytes
    }
}

impl Drop for Node {
    // Unlinks iteratively so that dropping a long chain cannot overflow the
    // stack in tests that build one.
    fn drop(&mut self) {
        let mut next = self.next.take();
        while let Some(mut node) = next {
            next = node.next.take();
        }
    }
}

impl Encode for Node {
    fn encode(&self, out: &mut Vec<u8>) {
        // Iterative for the same reason as Drop.
        let mut node = self;
        while let Some(next) = &node.next {
            out.push(0x01);
            node = next;
        }
        out.push(0x00);
    }
    fn encoded_len(&self) -> usize {
        let mut len = 1;
        let mut node = self;
        while let Some(next) = &node.next {
            len += 1;
            node = next;
        }
        len
    }
}

impl Decode for Node {
    fn decode(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        reader.enter()?;
        let next = decode_option_with(reader, |r| Node::decode(r).map(Box::new))
            .map_err(|e| e.in_field("next").in_type("Node"))?;
        reader.leave();
        Ok(Node { next })
    }
}

/// A recursive type through `list`, needing no `Box`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Tree {
    pub(crate) label: u64,
    pub(crate) children: Vec<Tree>,
}

impl Encode for Tree {
    fn encode(&self, out: &mut Vec<u8>) {
        write_uint(out, self.label);
        encode_list_with(out, &self.children, |out, child| child.encode(out));
    }
    fn encoded_len(&self) -> usize {
        uint_len(self.label) + list_len_with(&self.children, Tree::encoded_len)
    }
}

impl Decode for Tree {
    fn decode(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        reader.nested(|r| {
            let fields = |r: &mut Reader<'_>| -> Result<Self, DecodeError> {
                Ok(Tree {
                    label: r.read_uint().map_err(|e| e.in_field("label"))?,
                    children: decode_list_with(r, Tree::decode)
                        .map_err(|e| e.in_field("children"))?,
                })
            };
            fields(r).map_err(|e| e.in_type("Tree"))
        })
    }
}
