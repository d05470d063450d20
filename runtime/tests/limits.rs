//! Hostile inputs: huge counts, deep nesting, trailing bytes, and limits
//! set per call.

mod common;

use common::{Node, Tree, hex};
use verso::DecodeErrorKind::{self, *};
use verso::containers::decode_list_with;
use verso::write::write_uint;
use verso::{
    Decode, DecodeError, Encode, Limits, Reader, Uint, from_slice, from_slice_with, to_vec,
};

fn kind<T>(result: Result<T, DecodeError>) -> DecodeErrorKind {
    match result {
        Ok(_) => panic!("expected an error"),
        Err(e) => e.kind().clone(),
    }
}

#[test]
fn list_claiming_2_pow_60_elements_fails_before_allocating() {
    let mut input = Vec::new();
    write_uint(&mut input, 1 << 60);
    let prefix = input.len();
    input.extend_from_slice(&[1, 2, 3]);
    let expected = LengthTooLarge {
        claimed: 1 << 60,
        remaining: 3,
    };

    // Vec<u64> would need 8 EiB: any up-front allocation would abort the
    // process, so getting the error back at all shows none was attempted.
    let err = from_slice::<Vec<u64>>(&input).unwrap_err();
    assert_eq!((err.kind(), err.offset()), (&expected, 0));

    let mut reader = Reader::new(&input);
    let err = decode_list_with(&mut reader, |r| r.read_uint()).unwrap_err();
    assert_eq!(err.kind(), &expected);
    // Nothing past the count was consumed.
    assert_eq!(reader.position(), prefix);

    assert_eq!(kind(from_slice::<Vec<String>>(&input)), expected);
    assert_eq!(kind(from_slice::<String>(&input)), expected);
    assert_eq!(kind(from_slice::<Vec<u8>>(&input)), expected);
    assert_eq!(
        kind(from_slice::<std::collections::BTreeMap<u8, u8>>(&input)),
        expected
    );
}

#[test]
fn count_of_u64_max_fails_cleanly() {
    let input = hex("ff ff ff ff ff ff ff ff ff 01 00");
    assert_eq!(
        kind(from_slice::<Vec<Vec<u8>>>(&input)),
        LengthTooLarge {
            claimed: u64::MAX,
            remaining: 1
        }
    );
}

#[test]
fn hundred_thousand_levels_hit_the_depth_limit() {
    let input = Node::chain_bytes(100_000);
    let err = from_slice::<Node>(&input).unwrap_err();
    assert_eq!(err.kind(), &DepthLimitExceeded(128));
    // The 129th node starts at byte 128.
    assert_eq!(err.offset(), 128);
    assert!(err.to_string().starts_with("Node.next.next"), "{err}");
}

#[test]
fn hundred_thousand_levels_of_lists_hit_the_depth_limit() {
    // Tree { label: 0, children: [Tree { label: 0, children: [ … ] }] }
    let mut input = Vec::new();
    for _ in 0..100_000 {
        input.extend_from_slice(&[0x00, 0x01]);
    }
    input.extend_from_slice(&[0x00, 0x00]);
    let err = from_slice::<Tree>(&input).unwrap_err();
    assert_eq!(err.kind(), &DepthLimitExceeded(128));
    assert!(
        err.to_string().starts_with("Tree.children[0].children[0]"),
        "{err}"
    );
}

#[test]
fn depth_limit_is_exact() {
    for (levels, ok) in [(1, true), (127, true), (128, true), (129, false)] {
        let input = Node::chain_bytes(levels);
        let result = from_slice::<Node>(&input);
        assert_eq!(result.is_ok(), ok, "{levels} levels: {result:?}");
        if let Ok(node) = result {
            assert_eq!(node, Node::chain(levels));
            assert_eq!(to_vec(&node), input);
        }
    }
}

#[test]
fn custom_depth_limit() {
    let limits = Limits::default().with_max_depth(10);
    assert!(from_slice_with::<Node>(&Node::chain_bytes(10), limits).is_ok());
    assert_eq!(
        kind(from_slice_with::<Node>(&Node::chain_bytes(11), limits)),
        DepthLimitExceeded(10)
    );

    // Raising it lets deeper (trusted) input through.
    let limits = Limits::default().with_max_depth(1000);
    let node = from_slice_with::<Node>(&Node::chain_bytes(1000), limits).unwrap();
    assert_eq!(node.encoded_len(), 1000);
    assert_eq!(
        kind(from_slice_with::<Node>(&Node::chain_bytes(1001), limits)),
        DepthLimitExceeded(1000)
    );

    // Zero forbids even one level of a recursive type…
    let limits = Limits::default().with_max_depth(0);
    assert_eq!(
        kind(from_slice_with::<Node>(&[0x00], limits)),
        DepthLimitExceeded(0)
    );
    // …but types that do not nest are not affected.
    assert_eq!(
        from_slice_with::<Vec<String>>(&[0x00], limits).unwrap(),
        Vec::<String>::new()
    );
}

#[test]
fn depth_is_restored_between_siblings() {
    // A list of 200 chains of 100 nodes: deep 100 at most, never 128.
    let mut input = Vec::new();
    write_uint(&mut input, 200);
    for _ in 0..200 {
        input.extend_from_slice(&Node::chain_bytes(100));
    }
    let nodes: Vec<Node> = from_slice(&input).unwrap();
    assert_eq!(nodes.len(), 200);
}

#[test]
fn trailing_bytes_after_a_message() {
    let input = hex("ac 02 00");
    let err = from_slice::<Uint>(&input).unwrap_err();
    assert_eq!((err.kind(), err.offset()), (&TrailingBytes(1), 2));
    // A Reader on its own stops where the value ends.
    let mut reader = Reader::new(&input);
    assert_eq!(Uint::decode(&mut reader).unwrap(), Uint(300));
    assert_eq!(reader.remaining(), 1);
}

#[test]
fn collection_length_limit() {
    let limits = Limits::default().with_max_collection_len(3);
    assert_eq!(
        from_slice_with::<Vec<u8>>(&hex("03 01 02 03"), limits).unwrap(),
        [1, 2, 3]
    );
    assert_eq!(
        kind(from_slice_with::<Vec<u8>>(&hex("04 01 02 03 04"), limits)),
        LengthLimitExceeded {
            claimed: 4,
            limit: 3
        }
    );
    assert_eq!(
        kind(from_slice_with::<String>(&hex("04 61 62 63 64"), limits)),
        LengthLimitExceeded {
            claimed: 4,
            limit: 3
        }
    );
    let mut reader = Reader::with_limits(&[0x04, 1, 2, 3, 4], limits);
    assert_eq!(
        kind(reader.read_data()),
        LengthLimitExceeded {
            claimed: 4,
            limit: 3
        }
    );
}

#[test]
fn message_length_limit() {
    let limits = Limits::default().with_max_message_len(4);
    assert_eq!(from_slice_with::<u32>(&[1, 0, 0, 0], limits).unwrap(), 1);
    let err = from_slice_with::<u64>(&[0; 8], limits).unwrap_err();
    assert_eq!(
        (err.kind(), err.offset()),
        (&MessageTooLarge { len: 8, limit: 4 }, 0)
    );
}

#[test]
fn limits_travel_with_the_reader() {
    let limits = Limits::default().with_max_depth(5);
    let reader = Reader::with_limits(&[], limits);
    assert_eq!(reader.limits(), &limits);
    assert_eq!(Reader::new(&[]).limits(), &Limits::default());
}
