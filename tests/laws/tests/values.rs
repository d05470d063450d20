//! The generated `Arbitrary` impls: values valid for their schema and
//! small, recursion bounded by `verso::testing::DEPTH` yet reaching it.

use verso::testing::proptest::prelude::{Strategy, any};
use verso::testing::proptest::strategy::ValueTree;
use verso::testing::proptest::test_runner::TestRunner;
use verso::testing::{DEPTH, MAX_LEN};
use verso_tests_laws::features::v1::{Add, Containers, Expr, Node, Tree};

/// `count` values of `T` from its `Arbitrary` impl, with a fixed seed.
fn values<T: verso::testing::proptest::arbitrary::Arbitrary>(count: usize) -> Vec<T> {
    let mut runner = TestRunner::deterministic();
    let strategy = any::<T>();
    (0..count)
        .map(|_| strategy.new_tree(&mut runner).expect("a value").current())
        .collect()
}

fn tree_depth(tree: &Tree) -> u32 {
    1 + tree.children.iter().map(tree_depth).max().unwrap_or(0)
}

fn node_depth(node: &Node) -> u32 {
    1 + node.next.as_deref().map_or(0, node_depth)
}

fn expr_depth(expr: &Expr) -> u32 {
    match expr {
        Expr::Literal(_) => 1,
        Expr::Add(add) => {
            let Add { left, right } = add;
            1 + expr_depth(left).max(expr_depth(right))
        }
    }
}

#[test]
fn recursion_through_a_list_an_optional_and_a_union_ends_at_the_budget() {
    // Every reference to a recursive type spends one level of the budget,
    // and a spent budget ends the value: a tree or a list of nodes has at
    // most DEPTH + 1 levels; an expression spends two per level (`Expr` to
    // `Add`, `Add` to `Expr`), its last `Add` ending in literals.
    let trees: Vec<u32> = values::<Tree>(200).iter().map(tree_depth).collect();
    let nodes: Vec<u32> = values::<Node>(200).iter().map(node_depth).collect();
    let exprs: Vec<u32> = values::<Expr>(200).iter().map(expr_depth).collect();
    for (depths, most) in [(&trees, DEPTH + 1), (&nodes, DEPTH + 1), (&exprs, DEPTH)] {
        assert!(depths.iter().all(|&d| d <= most), "{depths:?}");
        // Random, not always the smallest value: the budget is reached.
        assert!(depths.contains(&most), "{depths:?}");
        assert!(depths.contains(&1), "{depths:?}");
    }
}

#[test]
fn containers_are_small_and_fixed_lengths_exact() {
    for value in values::<Containers>(100) {
        // Exact by type (`[[u8; 3]; 2]`, `[u16; 40]`); bounded by the helpers.
        assert_eq!(value.grid.len(), 2);
        assert_eq!(value.big_list.len(), 40);
        assert!(value.by_name.len() <= MAX_LEN);
        assert!(value.nested.values().all(|inner| inner.len() <= MAX_LEN));
        // Valid for its schema: it decodes back from its own bytes.
        let bytes = verso::to_vec(&value);
        let back: Containers = verso::from_slice(&bytes).expect("a valid value");
        assert_eq!(verso::to_vec(&back), bytes);
    }
}
