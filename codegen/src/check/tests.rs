//! Checker tests beyond the conformance corpus: the IR it builds, rules the
//! corpus does not cover, and that one run reports every error.

use crate::ast::Primitive;
use crate::check::{Options, check};
use crate::ir::TypeKind;

fn errors(src: &str, options: &Options) -> Vec<String> {
    check(src, options)
        .diagnostics
        .into_iter()
        .filter(|d| d.is_error())
        .map(|d| format!("{}@{}", d.message, d.primary.span.start))
        .collect()
}

#[test]
fn ir_has_implied_values_tags_and_resolved_references() {
    let src = "type E enum { A B = 5 C }\ntype U union { u8 | E = 3 | void }\ntype S struct { e: E u: optional<U> }";
    let schema = check(src, &Options::strict()).schema.expect("valid");
    let e = schema.lookup("E").unwrap();
    let TypeKind::Enum(values) = &schema.get(e).ty.kind else {
        panic!("not an enum");
    };
    assert_eq!(
        values.iter().map(|v| v.value).collect::<Vec<_>>(),
        [0, 5, 6]
    );
    let u = schema.lookup("U").unwrap();
    let TypeKind::Union(members) = &schema.get(u).ty.kind else {
        panic!("not a union");
    };
    assert_eq!(members.iter().map(|m| m.tag).collect::<Vec<_>>(), [0, 3, 4]);
    assert_eq!(members[1].ty.kind, TypeKind::Ref(e));
    assert_eq!(members[2].ty.kind, TypeKind::Primitive(Primitive::Void));
    let s = schema.lookup("S").unwrap();
    let TypeKind::Struct(fields) = &schema.get(s).ty.kind else {
        panic!("not a struct");
    };
    assert_eq!(fields[0].ty.kind, TypeKind::Ref(e));
    let TypeKind::Optional(inner) = &fields[1].ty.kind else {
        panic!("not optional");
    };
    assert_eq!(inner.kind, TypeKind::Ref(u));
}

#[test]
fn one_run_reports_every_error() {
    let src = "\
type lower u8
type A struct { a: Missing  a: u8  B: u8 }
type E enum { X = 2 Y = 1 }
type M map<f32><str>
type D data[0]
";
    let found = errors(src, &Options::strict());
    assert_eq!(found.len(), 7, "{found:#?}");
}

#[test]
fn void_is_only_a_definition_or_a_union_member() {
    let ok = "type Nothing void\ntype U union { u8 | void | Nothing }";
    assert!(errors(ok, &Options::strict()).is_empty());
    for bad in [
        "type S struct { a: void }",
        "type L list<void>",
        "type O optional<void>",
        "type M map<str><void>",
        "type N void\ntype S struct { a: N }",
        "type N void\ntype K map<N><str>",
    ] {
        let found = errors(bad, &Options::strict());
        assert_eq!(found.len(), 1, "{bad}: {found:?}");
        assert!(found[0].contains("`void` cannot be"), "{bad}: {found:?}");
    }
}

#[test]
fn map_keys_follow_aliases() {
    for ok in [
        "type K str\ntype M map<K><u8>",
        "type K enum { A }\ntype M map<K><u8>",
        "type M map<data[4]><u8>",
        "type M map<data><u8>",
        "type M map<bool><u8>",
    ] {
        assert!(errors(ok, &Options::strict()).is_empty(), "{ok}");
    }
    for bad in [
        "type M map<f64><u8>",
        "type K f32\ntype M map<K><u8>",
        "type M map<list<u8>><u8>",
        "type M map<optional<u8>><u8>",
        "type S struct { a: u8 }\ntype M map<S><u8>",
    ] {
        let found = errors(bad, &Options::strict());
        assert_eq!(found.len(), 1, "{bad}: {found:?}");
        assert!(found[0].contains("cannot be a map key"), "{bad}: {found:?}");
    }
}

#[test]
fn recursion_is_fine_when_it_can_end() {
    let legacy = Options::default();
    for ok in [
        "type Tree struct { children: list<Tree> }",
        "type Node struct { next: optional<Node> }",
        "type Json union { str | map<str><Json> | list<Json> }",
        "type A union { B | u8 }\ntype B struct { a: A }",
    ] {
        assert!(
            errors(ok, &legacy).is_empty(),
            "{ok}: {:?}",
            errors(ok, &legacy)
        );
    }
    for bad in [
        "type A struct { a: A }",
        "type A list<A>[2]",
        "type A B\ntype B A",
        "type A union { B }\ntype B struct { a: A }",
    ] {
        let found = errors(bad, &legacy);
        assert_eq!(found.len(), 1, "{bad}: {found:?}");
        assert!(found[0].contains("can never be finite"), "{bad}: {found:?}");
    }
}

#[test]
fn long_alias_chains_and_huge_unions_stay_linear() {
    // 50,000 forward aliases ending in u8: resolving must not be quadratic
    // or recursive.
    let n = 50_000;
    let mut src: String = (0..n).map(|i| format!("type A{i} A{}\n", i + 1)).collect();
    src.push_str(&format!("type A{n} u8\n"));
    src.push_str(
        "type M map<A0><A0>
type S struct { a: A0 b: list<A0> }
",
    );
    let checked = check(&src, &Options::default());
    assert!(!checked.has_errors(), "{:?}", checked.diagnostics.first());

    let members: String = (0..20_000)
        .map(|i| format!("| list<u8>[{}] ", i + 1))
        .collect();
    let src = format!("type U union {{ {members} }}");
    assert!(!check(&src, &Options::default()).has_errors());
}

#[test]
fn numbers_out_of_range() {
    let found = errors(
        "type E enum { A = 99999999999999999999 }",
        &Options::strict(),
    );
    assert!(found[0].contains("does not fit in 64 bits"), "{found:?}");
    let found = errors("type E enum { A = 9007199254740991 B }", &Options::strict());
    assert!(found[0].contains("larger than 2^53-1"), "{found:?}");
    let found = errors("type D data[4294967295]", &Options::strict());
    assert!(
        found.is_empty(),
        "u32::MAX is the largest fixed length: {found:?}"
    );
    let found = errors("type D list<u8>[4294967296]", &Options::strict());
    assert!(found[0].contains("at most 4294967295"), "{found:?}");
}

#[test]
fn pedantic_suggests_the_implied_value() {
    let checked = check(
        "type E enum { A = 3 B }",
        &Options {
            legacy: false,
            pedantic: true,
        },
    );
    let help = checked.diagnostics[0].help.clone().unwrap_or_default();
    assert!(help.contains("`B = 4`"), "{help}");
}

#[test]
fn undefined_names_suggest_a_close_definition() {
    let checked = check(
        "type Name str\ntype P struct { n: Nmae }",
        &Options::strict(),
    );
    let help = checked.diagnostics[0].help.clone().unwrap_or_default();
    assert!(help.contains("`Name`"), "{help}");
    let checked = check(
        "type Name str\ntype P struct { n: Completely }",
        &Options::strict(),
    );
    let help = checked.diagnostics[0].help.clone().unwrap_or_default();
    assert!(help.contains("define it"), "{help}");
}

/// The help of the only diagnostic of `src`, an undefined name.
fn undefined_help(src: &str) -> String {
    let checked = check(src, &Options::default());
    assert_eq!(
        checked.diagnostics.len(),
        1,
        "{src}: {:#?}",
        checked.diagnostics
    );
    assert_eq!(checked.diagnostics[0].code, "undefined-type", "{src}");
    checked.diagnostics[0].help.clone().unwrap_or_default()
}

#[test]
fn undefined_names_close_to_a_primitive_suggest_it() {
    for (src, primitive) in [
        ("type S struct { a: f46 }", "f64"),
        ("type S struct { a: strr }", "str"),
        ("type S struct { a: unit }", "uint"),
        ("type S struct { a: dta }", "data"),
    ] {
        assert_eq!(
            undefined_help(src),
            format!("did you mean the primitive type `{primitive}`?"),
            "{src}"
        );
    }
    // A defined type closer than any primitive wins.
    let help = undefined_help(
        "type Bool bool
type S struct { a: Boool }",
    );
    assert_eq!(help, "a type with a similar name exists: `Bool`");
}

#[test]
fn undefined_names_suggest_only_definitions_that_are_legal() {
    // `type Thing …` is a legal definition.
    assert_eq!(
        undefined_help("type S struct { a: Thing }"),
        "define it with `type Thing …`"
    );
    // `type thing …` and `type 42 …` would be errors of their own.
    for (src, wanted, name) in [
        ("type S struct { a: thing }", "thing", "Thing"),
        ("type S struct { a: my_type }", "my_type", "MyType"),
        ("type S struct { a: 42 }", "42", "T42"),
    ] {
        let help = undefined_help(src);
        assert_eq!(
            help,
            format!(
                "no primitive is called `{wanted}`, and type names are PascalCase: to use a \
                 type of your own, define it as `type {name} …` and write `{name}` here"
            ),
            "{src}"
        );
        let defined = src.replace(wanted, name) + &format!("\ntype {name} u8");
        assert!(
            errors(&defined, &Options::default()).is_empty(),
            "{defined}"
        );
    }
    // Far from every primitive: no suggestion of one (`foo` is not `bool`).
    assert!(!undefined_help("type S struct { a: foo }").contains("bool"));
}

#[test]
fn self_reference_without_legacy_explains_recursion() {
    let checked = check("type Tree struct { kids: list<Tree> }", &Options::strict());
    assert!(checked.diagnostics[0].message.contains("refers to itself"));
    assert!(
        check("type Tree struct { kids: list<Tree> }", &Options::default())
            .diagnostics
            .is_empty()
    );
}
