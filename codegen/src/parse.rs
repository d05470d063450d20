//! Parser: tokens → syntax tree (chumsky), then documentation comments are
//! attached to the nodes they sit above.
//!
//! The grammar is deliberately a little wider than BARE: every legacy form is
//! parsed and recorded on the node (the checker accepts it with a warning or
//! rejects it, depending on the options), and names of any shape are
//! accepted (the checker enforces PascalCase and friends). That keeps syntax
//! errors for text that has no meaning at all, and gives every other mistake
//! a precise, explained diagnostic.

use chumsky::input::{Input as _, ValueInput};
use chumsky::prelude::*;

use crate::ast::{
    Decl, EnumValue, Field, Ident, Import, Legacy, LegacyForm, Number, Primitive, Schema, TypeExpr,
    TypeKind, UnionMember, is_type_keyword,
};
use crate::diagnostic::{Diagnostic, closest};
use crate::docs;
use crate::lex::{self, Token};
use crate::span::Span;
use crate::stack;

type Extra<'t, 's> = extra::Err<Rich<'t, Token<'s>>>;

/// Parses one schema file. Returns the syntax tree, or the syntax errors.
///
/// Never panics and never recurses without bound, whatever the input:
/// nesting is limited to [`lex::MAX_NESTING`] before parsing starts.
pub(crate) fn parse(source: &str) -> Result<Schema, Vec<Diagnostic>> {
    let lexed = lex::lex(source);
    let depth = lex::check_nesting(&lexed.tokens).map_err(|d| vec![*d])?;
    // Deeply nested input gets a stack to match (see `stack`).
    stack::for_depth(depth, || parse_lexed(source, &lexed))
}

/// [`parse`] after the nesting check.
fn parse_lexed(source: &str, lexed: &lex::Lexed<'_>) -> Result<Schema, Vec<Diagnostic>> {
    let eoi = SimpleSpan::from(source.len()..source.len());
    let tokens: Vec<(Token<'_>, SimpleSpan)> = lexed
        .tokens
        .iter()
        .map(|&(t, s)| (t, SimpleSpan::from(s.range())))
        .collect();
    let input = tokens.as_slice().map(eoi, |(t, s)| (t, s));
    let (decls, errors) = schema().parse(input).into_output_errors();
    if !errors.is_empty() {
        return Err(errors
            .into_iter()
            .map(|e| syntax_error(e, source))
            .collect());
    }
    let first_token = lexed.tokens.first().map(|(_, span)| span.start);
    let (imports, problems) = imports(source, &lexed.imports, first_token);
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut schema = Schema {
        imports,
        decls: decls.unwrap_or_default(),
    };
    docs::attach(&mut schema, &lexed.comments, source);
    Ok(schema)
}

/// Reads the path out of each `#import` line: `#import "PATH"`, blanks
/// around, nothing else on the line, and every import before the first
/// definition (what vbare 0.2 accepts).
fn imports(
    source: &str,
    lines: &[lex::Directive],
    first_token: Option<usize>,
) -> (Vec<Import>, Vec<Diagnostic>) {
    let mut imports = Vec::with_capacity(lines.len());
    let mut problems = Vec::new();
    for line in lines {
        if let Some(first) = first_token.filter(|&first| first < line.span.start) {
            problems.push(
                Diagnostic::error("`#import` after the first definition", line.span)
                    .with_code("import-after-type")
                    .with_label("imports must come first")
                    .with_secondary(Span::new(first, first), "the first definition starts here")
                    .with_help("move every `#import` line above the first `type`"),
            );
            continue;
        }
        let rest = &source[line.rest_start..line.span.end];
        let trimmed = rest.trim_start_matches([' ', '\t']);
        let open = line.rest_start + (rest.len() - trimmed.len());
        let path = trimmed
            .strip_prefix('"')
            .and_then(|inner| inner.split_once('"'))
            .filter(|(path, after)| !path.is_empty() && after.trim().is_empty());
        match path {
            Some((path, _)) if trimmed.len() < rest.len() => imports.push(Import {
                path: path.to_owned(),
                span: line.span,
                path_span: Span::new(open + 1, open + 1 + path.len()),
            }),
            _ => problems.push(
                Diagnostic::error("malformed `#import` line", line.span)
                    .with_code("malformed-import")
                    .with_label("expected `#import \"PATH\"`")
                    .with_help(
                        "write the path of another schema file in double quotes, relative to \
                         the schema root: `#import \"common.v1.bare\"` (a `#` comment must not \
                         start with `#import`)",
                    ),
            ),
        }
    }
    (imports, problems)
}

/// Turns chumsky's error into a diagnostic that names what was found, what
/// was expected, and for the usual slips (commas, `=` after a type name) how
/// BARE writes it instead.
fn syntax_error(error: Rich<'_, Token<'_>>, source: &str) -> Diagnostic {
    let span = Span::from(*error.span());
    let found = error.found().copied();
    let mut expected: Vec<String> = error
        .expected()
        .filter_map(|p| match p {
            chumsky::error::RichPattern::Token(t) => Some(t.to_string()),
            chumsky::error::RichPattern::Label(l) => Some(l.to_string()),
            chumsky::error::RichPattern::Identifier(i) => Some(format!("`{i}`")),
            chumsky::error::RichPattern::EndOfInput => Some("end of input".to_owned()),
            _ => None,
        })
        .collect();
    expected.sort();
    expected.dedup();
    let found_text = match found {
        Some(t) => t.to_string(),
        None => "end of input".to_owned(),
    };
    let message = match found {
        Some(Token::Comma | Token::Semicolon) => {
            format!("BARE does not separate members with {found_text}")
        }
        Some(Token::Invalid) => {
            let c = source
                .get(span.range())
                .and_then(|s| s.chars().next())
                .unwrap_or('?');
            if c.is_control() || c.is_whitespace() {
                format!("unexpected character {:?}", c)
            } else {
                format!("unexpected character `{c}`")
            }
        }
        _ => match expected.as_slice() {
            [] => format!("unexpected {found_text}"),
            [one] => format!("expected {one}, found {found_text}"),
            many => format!("expected {}, found {found_text}", or_list(many)),
        },
    };
    // After a field name, the word is that name, not a misspelt type.
    let after_field_name = expected.iter().any(|e| e == "`:`");
    let slip = found
        .filter(|_| !after_field_name)
        .and_then(|found| misspelt_keyword(source, span, found));
    if let Some(slip) = slip {
        return slip;
    }
    let label = match expected.as_slice() {
        [] => "unexpected here".to_owned(),
        many => format!("expected {}", or_list(many)),
    };
    let diagnostic = Diagnostic::error(message, span)
        .with_code("syntax")
        .with_label(label);
    match found {
        Some(Token::Invalid) => diagnostic.with_help(
            "names are ASCII letters, digits and `_`; punctuation is one of `{ } [ ] < > ( ) | = :`; \
             comments start with `#`",
        ),
        Some(Token::Word(_)) if expected.iter().any(|e| e == "`:`") && after_definition_keyword(source, span) => {
            diagnostic.with_help("is a `}` missing before this definition?")
        }
        Some(Token::Comma | Token::Semicolon) => diagnostic.with_help(
            "remove it: struct fields, enum values and union members are separated by \
             whitespace (and `|` in unions); maps are written `map<K><V>`",
        ),
        Some(Token::Equals) if expected.iter().any(|e| e == "a type") => diagnostic
            .with_help("write the type right after the name, without `=`: `type Name u8`"),
        Some(Token::Pipe) if expected.iter().any(|e| e.contains("definition")) => {
            diagnostic.with_help("a union is written `union { A | B }`")
        }
        Some(Token::Word(w)) if expected.iter().any(|e| e == "a decimal number") => diagnostic
            .with_help(format!(
                "`{w}` is not a decimal number; BARE lengths, values and tags are written in decimal"
            )),
        _ => diagnostic,
    }
}

/// A misspelt type keyword: the word right before `found` is no keyword
/// but close to one that `found` follows (`optinal<u16>`, `strct {`,
/// `dta[16]`), so it was read as a type name and `found` came unexpected.
/// The error is then about the word, with the keyword it is a slip for.
fn misspelt_keyword(source: &str, span: Span, found: Token<'_>) -> Option<Diagnostic> {
    let keywords: &[&str] = match found {
        Token::LAngle => &["optional", "list", "map", "data"],
        Token::LBrace => &["struct", "enum", "union"],
        Token::LBracket => &["data"],
        _ => return None,
    };
    let word = word_before(source, span)?;
    let text = &source[word.range()];
    if is_type_keyword(text) {
        return None;
    }
    let keyword = closest(text, keywords.iter().copied())?;
    Some(
        Diagnostic::error(format!("unknown type keyword `{text}`"), word)
            .with_code("syntax")
            .with_label(format!("not a type keyword, but followed by {found}"))
            .with_help(format!("did you mean `{keyword}`?")),
    )
}

/// The span of the word that ends right before `span` (spaces between
/// allowed), if there is one.
fn word_before(source: &str, span: Span) -> Option<Span> {
    let before = source.get(..span.start)?.trim_end();
    let is_word = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let start = before.trim_end_matches(is_word).len();
    (start < before.len()).then(|| Span::new(start, before.len()))
}

/// Whether the word before `span` is a definition keyword: then a "field"
/// `type Name` is more likely a definition after a missing `}`.
fn after_definition_keyword(source: &str, span: Span) -> bool {
    let before = source[..span.start.min(source.len())].trim_end();
    ["type", "enum", "struct", "union"].iter().any(|k| {
        before
            .strip_suffix(k)
            .is_some_and(|rest| rest.is_empty() || rest.ends_with(char::is_whitespace))
    })
}

fn or_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// A specific keyword, returning its span.
fn keyword<'t, 's: 't, I>(word: &'static str) -> impl Parser<'t, I, Span, Extra<'t, 's>> + Clone
where
    I: ValueInput<'t, Token = Token<'s>, Span = SimpleSpan>,
{
    any()
        .filter(move |t: &Token<'s>| *t == Token::Word(word))
        .map_with(|_, e| sp(e.span()))
        .labelled(match word {
            "type" => "`type`",
            "enum" => "`enum`",
            "struct" => "`struct`",
            "union" => "`union`",
            _ => "a keyword",
        })
}

/// Any word as a name (the checker validates its shape).
fn name<'t, 's: 't, I>() -> impl Parser<'t, I, Ident, Extra<'t, 's>> + Clone
where
    I: ValueInput<'t, Token = Token<'s>, Span = SimpleSpan>,
{
    select! { Token::Word(w) => w }
        .map_with(|w, e| Ident {
            text: w.to_owned(),
            span: sp(e.span()),
        })
        .labelled("a name")
}

/// A decimal number (a word made of digits only).
fn number<'t, 's: 't, I>() -> impl Parser<'t, I, Number, Extra<'t, 's>> + Clone
where
    I: ValueInput<'t, Token = Token<'s>, Span = SimpleSpan>,
{
    select! { Token::Word(w) if w.bytes().all(|b| b.is_ascii_digit()) => w }
        .map_with(|w, e| Number {
            value: w.parse().ok(),
            span: sp(e.span()),
        })
        .labelled("a decimal number")
}

/// The span of the next token (or of the end of input), without consuming it.
fn next_span<'t, 's: 't, I>() -> impl Parser<'t, I, Span, Extra<'t, 's>> + Clone
where
    I: ValueInput<'t, Token = Token<'s>, Span = SimpleSpan>,
{
    any()
        .map_with(|_, e| sp(e.span()))
        .rewind()
        .or(end().map_with(|_, e| sp(e.span())))
}

fn sp(span: SimpleSpan) -> Span {
    Span::new(span.start, span.end)
}

fn legacy(form: LegacyForm, span: Span) -> Option<Legacy> {
    Some(Legacy { form, span })
}

fn schema<'t, 's: 't, I>() -> impl Parser<'t, I, Vec<Decl>, Extra<'t, 's>>
where
    I: ValueInput<'t, Token = Token<'s>, Span = SimpleSpan>,
{
    let ty = type_expr();

    let type_decl = keyword("type")
        .then(name())
        .then(ty.clone())
        .map(|((keyword, name), ty)| Decl {
            docs: Vec::new(),
            keyword,
            name,
            ty,
            legacy: None,
        });
    // `enum Name {…}`, `struct Name {…}`, `union Name {…}`: the old
    // definition forms.
    let enum_decl = old_definition(
        "enum",
        LegacyForm::EnumDecl,
        enum_values().map(|(values, body)| (TypeKind::Enum { values, body }, body)),
    );
    let struct_decl = old_definition(
        "struct",
        LegacyForm::StructDecl,
        struct_body(ty.clone()).map(|(fields, body)| (TypeKind::Struct { fields, body }, body)),
    );
    let union_decl = old_definition(
        "union",
        LegacyForm::UnionDecl,
        union_members(ty, Token::LBrace, Token::RBrace)
            .map(|(members, body)| (TypeKind::Union { members, body }, body)),
    );

    // Where a definition seems to start: a definition keyword and a name
    // (`type: str` is a field, not a definition).
    let starts_definition = select! { Token::Word("type" | "enum" | "struct" | "union") => () }
        .then(select! { Token::Word(_) => () })
        .rewind();
    // After a syntax error, skip to the next definition and go on, so one
    // run reports the syntax errors of every broken definition.
    let skip_broken = any()
        .then(any().and_is(starts_definition.not()).repeated())
        .to(None);

    choice((type_decl, enum_decl, struct_decl, union_decl))
        .map(Some)
        .labelled("a definition (`type Name …`)")
        .recover_with(via_parser(skip_broken))
        .repeated()
        .collect::<Vec<_>>()
        .map(|decls| decls.into_iter().flatten().collect())
        .then_ignore(end())
}

/// An old-style definition `kw Name { … }`. The legacy span is the body,
/// where bare-ts notices the form.
fn old_definition<'t, 's: 't, I, P>(
    kw: &'static str,
    form: LegacyForm,
    body: P,
) -> impl Parser<'t, I, Decl, Extra<'t, 's>> + Clone
where
    I: ValueInput<'t, Token = Token<'s>, Span = SimpleSpan>,
    P: Parser<'t, I, (TypeKind, Span), Extra<'t, 's>> + Clone,
{
    keyword(kw)
        .then(name())
        .then(body)
        .map(move |((keyword, name), (kind, body))| Decl {
            docs: Vec::new(),
            keyword,
            name,
            ty: TypeExpr {
                kind,
                span: body,
                legacy: None,
            },
            legacy: legacy(form, body),
        })
}

/// `{ fields }`, with the span of the braces.
fn struct_body<'t, 's: 't, I, P>(
    ty: P,
) -> impl Parser<'t, I, (Vec<Field>, Span), Extra<'t, 's>> + Clone
where
    I: ValueInput<'t, Token = Token<'s>, Span = SimpleSpan>,
    P: Parser<'t, I, TypeExpr, Extra<'t, 's>> + Clone,
{
    field(ty)
        .repeated()
        .collect::<Vec<_>>()
        .delimited_by(just(Token::LBrace), just(Token::RBrace))
        .map_with(|fields, e| (fields, sp(e.span())))
}

/// `name: type`
fn field<'t, 's: 't, I, P>(ty: P) -> impl Parser<'t, I, Field, Extra<'t, 's>> + Clone
where
    I: ValueInput<'t, Token = Token<'s>, Span = SimpleSpan>,
    P: Parser<'t, I, TypeExpr, Extra<'t, 's>> + Clone,
{
    name()
        .labelled("a field name")
        .then_ignore(just(Token::Colon))
        .then(ty)
        .map(|(name, ty)| Field {
            docs: Vec::new(),
            name,
            ty,
        })
}

/// `{ A B = 5 … }`, with the span of the braces.
fn enum_values<'t, 's: 't, I>() -> impl Parser<'t, I, (Vec<EnumValue>, Span), Extra<'t, 's>> + Clone
where
    I: ValueInput<'t, Token = Token<'s>, Span = SimpleSpan>,
{
    name()
        .labelled("an enum value")
        .then(just(Token::Equals).ignore_then(number()).or_not())
        .then(next_span())
        .map(|((name, value), next)| EnumValue {
            docs: Vec::new(),
            name,
            value,
            next,
        })
        .repeated()
        .collect::<Vec<_>>()
        .delimited_by(just(Token::LBrace), just(Token::RBrace))
        .map_with(|values, e| (values, sp(e.span())))
}

/// `{ A | B = 3 }` or, for the legacy form, `( A | B )`; leading and
/// trailing `|` are allowed.
fn union_members<'t, 's: 't, I, P>(
    ty: P,
    open: Token<'s>,
    close: Token<'s>,
) -> impl Parser<'t, I, (Vec<UnionMember>, Span), Extra<'t, 's>> + Clone
where
    I: ValueInput<'t, Token = Token<'s>, Span = SimpleSpan>,
    P: Parser<'t, I, TypeExpr, Extra<'t, 's>> + Clone,
{
    ty.then(just(Token::Equals).ignore_then(number()).or_not())
        .then(next_span())
        .map(|((ty, tag), next)| UnionMember {
            docs: Vec::new(),
            ty,
            tag,
            next,
        })
        .separated_by(just(Token::Pipe))
        .allow_leading()
        .allow_trailing()
        .collect::<Vec<_>>()
        .delimited_by(just(open), just(close))
        .map_with(|members, e| (members, sp(e.span())))
}

/// Any type expression, current or legacy syntax.
fn type_expr<'t, 's: 't, I>() -> impl Parser<'t, I, TypeExpr, Extra<'t, 's>> + Clone
where
    I: ValueInput<'t, Token = Token<'s>, Span = SimpleSpan>,
{
    recursive(|ty| {
        let plain = |kind: TypeKind, span: Span| TypeExpr {
            kind,
            span,
            legacy: None,
        };
        let angled = ty
            .clone()
            .delimited_by(just(Token::LAngle), just(Token::RAngle));
        let length = number().delimited_by(just(Token::LBracket), just(Token::RBracket));

        // The guard guarantees `from_keyword` succeeds; the fallback is never used.
        let primitive = select! {
            Token::Word(w) if Primitive::from_keyword(w).is_some() =>
                Primitive::from_keyword(w).unwrap_or(Primitive::Void)
        }
        .map_with(move |p, e| plain(TypeKind::Primitive(p), sp(e.span())));
        let string = keyword("string").map(|span| TypeExpr {
            kind: TypeKind::Primitive(Primitive::Str),
            span,
            legacy: legacy(LegacyForm::String, span),
        });

        let data_angle = number()
            .delimited_by(just(Token::LAngle), just(Token::RAngle))
            .map_with(|n, e| (n, legacy(LegacyForm::DataAngle, sp(e.span()))));
        let data = keyword("data")
            .ignore_then(choice((length.clone().map(|n| (n, None)), data_angle)).or_not())
            .map_with(|len, e| {
                let (len, legacy) = match len {
                    Some((n, legacy)) => (Some(n), legacy),
                    None => (None, None),
                };
                TypeExpr {
                    kind: TypeKind::Data { len },
                    span: sp(e.span()),
                    legacy,
                }
            });

        let optional = keyword("optional")
            .ignore_then(angled.clone())
            .map_with(move |t, e| plain(TypeKind::Optional(Box::new(t)), sp(e.span())));

        let list = keyword("list")
            .ignore_then(angled.clone())
            .then(length.clone().or_not())
            .map_with(move |(elem, len), e| {
                plain(
                    TypeKind::List {
                        elem: Box::new(elem),
                        len,
                    },
                    sp(e.span()),
                )
            });

        let map_brackets = ty
            .clone()
            .delimited_by(just(Token::LBracket), just(Token::RBracket))
            .map_with(|key, e| (key, sp(e.span())))
            .then(ty.clone())
            .map(|((key, brackets), value)| {
                (key, value, legacy(LegacyForm::MapBrackets, brackets))
            });
        let map = keyword("map")
            .ignore_then(choice((
                angled
                    .clone()
                    .then(angled.clone())
                    .map(|(key, value)| (key, value, None)),
                map_brackets,
            )))
            .map_with(|(key, value, legacy), e| TypeExpr {
                kind: TypeKind::Map {
                    key: Box::new(key),
                    value: Box::new(value),
                },
                span: sp(e.span()),
                legacy,
            });

        let enum_ =
            keyword("enum")
                .ignore_then(enum_values())
                .map_with(move |(values, body), e| {
                    plain(TypeKind::Enum { values, body }, sp(e.span()))
                });

        let union = keyword("union")
            .ignore_then(union_members(ty.clone(), Token::LBrace, Token::RBrace))
            .map_with(move |(members, body), e| {
                plain(TypeKind::Union { members, body }, sp(e.span()))
            });
        let paren_union =
            union_members(ty.clone(), Token::LParen, Token::RParen).map(|(members, body)| {
                TypeExpr {
                    kind: TypeKind::Union { members, body },
                    span: body,
                    legacy: legacy(LegacyForm::ParenUnion, body),
                }
            });

        let fields = struct_body(ty.clone());
        let struct_ =
            keyword("struct")
                .ignore_then(fields.clone())
                .map_with(move |(fields, body), e| {
                    plain(TypeKind::Struct { fields, body }, sp(e.span()))
                });
        let bare_struct = fields.map(|(fields, body)| TypeExpr {
            kind: TypeKind::Struct { fields, body },
            span: body,
            legacy: legacy(LegacyForm::BareStruct, body),
        });

        // `[]T` and `[N]T`.
        let list_prefix = just(Token::LBracket)
            .ignore_then(number().or_not())
            .then_ignore(just(Token::RBracket))
            .map_with(|len, e| (len, sp(e.span())))
            .then(ty.clone())
            .map_with(|((len, brackets), elem), e| TypeExpr {
                kind: TypeKind::List {
                    elem: Box::new(elem),
                    len,
                },
                span: sp(e.span()),
                legacy: legacy(
                    if len.is_some() {
                        LegacyForm::FixedListPrefix
                    } else {
                        LegacyForm::ListPrefix
                    },
                    brackets,
                ),
            });

        let named = select! { Token::Word(w) if !is_type_keyword(w) => w }.map_with(move |w, e| {
            let span: Span = sp(e.span());
            plain(
                TypeKind::Named(Ident {
                    text: w.to_owned(),
                    span,
                }),
                span,
            )
        });

        choice((
            primitive,
            string,
            data,
            optional,
            list,
            map,
            enum_,
            union,
            struct_,
            paren_union,
            bare_struct,
            list_prefix,
            named,
        ))
        .labelled("a type")
        .boxed()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_ok(src: &str) -> Schema {
        match parse(src) {
            Ok(schema) => schema,
            Err(errors) => panic!("{src:?} failed to parse: {errors:?}"),
        }
    }

    fn text(src: &str, span: Span) -> &str {
        &src[span.range()]
    }

    #[test]
    fn every_node_has_the_span_of_its_text() {
        let src = "type Todo struct {\n  id: u64\n  tags: list<str>[4]\n  by: map<str><optional<Todo>>\n}";
        let schema = parse_ok(src);
        let decl = &schema.decls[0];
        assert_eq!(text(src, decl.keyword), "type");
        assert_eq!(text(src, decl.name.span), "Todo");
        assert_eq!(text(src, decl.header()), "type Todo");
        assert!(
            text(src, decl.ty.span).starts_with("struct {")
                && text(src, decl.ty.span).ends_with('}')
        );
        let TypeKind::Struct { fields, body } = &decl.ty.kind else {
            panic!("not a struct: {:?}", decl.ty.kind);
        };
        assert!(text(src, *body).starts_with('{'));
        assert_eq!(text(src, fields[0].name.span), "id");
        assert_eq!(text(src, fields[0].ty.span), "u64");
        assert_eq!(text(src, fields[1].ty.span), "list<str>[4]");
        let TypeKind::List { elem, len } = &fields[1].ty.kind else {
            panic!("not a list");
        };
        assert_eq!(text(src, elem.span), "str");
        assert_eq!(
            len.map(|n| (n.value, text(src, n.span))),
            Some((Some(4), "4"))
        );
        assert_eq!(text(src, fields[2].ty.span), "map<str><optional<Todo>>");
        let TypeKind::Map { key, value } = &fields[2].ty.kind else {
            panic!("not a map");
        };
        assert_eq!(text(src, key.span), "str");
        assert_eq!(text(src, value.span), "optional<Todo>");
        let TypeKind::Optional(inner) = &value.kind else {
            panic!("not optional");
        };
        assert_eq!(
            inner.kind,
            TypeKind::Named(Ident {
                text: "Todo".into(),
                span: inner.span
            })
        );
    }

    #[test]
    fn enum_values_and_union_members_keep_numbers_and_next_token() {
        let src = "type E enum { A B = 5 C }\ntype U union { | u8 = 1 | str | }";
        let schema = parse_ok(src);
        let TypeKind::Enum { values, .. } = &schema.decls[0].ty.kind else {
            panic!("not an enum");
        };
        let names: Vec<_> = values.iter().map(|v| v.name.text.as_str()).collect();
        assert_eq!(names, ["A", "B", "C"]);
        assert_eq!(values[1].value.map(|n| n.value), Some(Some(5)));
        assert_eq!(text(src, values[0].next), "B");
        assert_eq!(text(src, values[2].next), "}");
        let TypeKind::Union { members, .. } = &schema.decls[1].ty.kind else {
            panic!("not a union");
        };
        assert_eq!(members.len(), 2, "leading and trailing pipes are allowed");
        assert_eq!(members[0].tag.map(|n| n.value), Some(Some(1)));
        assert_eq!(text(src, members[0].next), "|");
        assert_eq!(text(src, members[1].ty.span), "str");
    }

    #[test]
    fn docs_attach_to_the_node_directly_below() {
        let src = "\
# The app.
# Second line.
type App struct {
  # Item count.
  count: uint # not a doc
  other: u8

  # separated by a blank line: not a doc of `kind`

  kind: enum {
    # First.
    A
    B
  }
  body: union {
    # Text.
    str
  }
}
";
        let schema = parse_ok(src);
        let decl = &schema.decls[0];
        assert_eq!(decl.docs, ["The app.", "Second line."]);
        let TypeKind::Struct { fields, .. } = &decl.ty.kind else {
            panic!("not a struct");
        };
        assert_eq!(fields[0].docs, ["Item count."]);
        assert!(
            fields[1].docs.is_empty(),
            "a trailing comment documents nothing"
        );
        assert!(
            fields[2].docs.is_empty(),
            "a blank line breaks the association"
        );
        let TypeKind::Enum { values, .. } = &fields[2].ty.kind else {
            panic!("not an enum");
        };
        assert_eq!(values[0].docs, ["First."]);
        assert!(values[1].docs.is_empty());
        let TypeKind::Union { members, .. } = &fields[3].ty.kind else {
            panic!("not a union");
        };
        assert_eq!(members[0].docs, ["Text."]);
    }

    #[test]
    fn docs_attach_to_union_members_written_with_a_leading_pipe() {
        let src = "type U union {\n    # First.\n    | u8\n    # Second.\n    | str = 3\n}";
        let schema = parse_ok(src);
        let TypeKind::Union { members, .. } = &schema.decls[0].ty.kind else {
            panic!("not a union");
        };
        assert_eq!(members[0].docs, ["First."]);
        assert_eq!(members[1].docs, ["Second."]);
    }

    #[test]
    fn legacy_forms_are_recorded_from_their_first_old_token() {
        let cases = [
            ("enum E { A }", LegacyForm::EnumDecl, "{ A }"),
            ("struct S { a: u8 }", LegacyForm::StructDecl, "{ a: u8 }"),
            (
                "union U { u8 | str }",
                LegacyForm::UnionDecl,
                "{ u8 | str }",
            ),
        ];
        for (src, form, at) in cases {
            let decl = &parse_ok(src).decls[0];
            let legacy = decl.legacy.expect("legacy decl");
            assert_eq!((legacy.form, text(src, legacy.span)), (form, at), "{src}");
        }
        let cases = [
            ("type A { a: u8 }", LegacyForm::BareStruct, "{ a: u8 }"),
            ("type A []u8", LegacyForm::ListPrefix, "[]"),
            ("type A [4]u8", LegacyForm::FixedListPrefix, "[4]"),
            ("type A map[str]u8", LegacyForm::MapBrackets, "[str]"),
            ("type A (u8 | str)", LegacyForm::ParenUnion, "(u8 | str)"),
            ("type A string", LegacyForm::String, "string"),
            ("type A data<16>", LegacyForm::DataAngle, "<16>"),
        ];
        for (src, form, at) in cases {
            let ty = &parse_ok(src).decls[0].ty;
            let legacy = ty.legacy.expect("legacy type");
            assert_eq!((legacy.form, text(src, legacy.span)), (form, at), "{src}");
        }
    }

    #[test]
    fn keywords_are_fine_as_field_names_but_not_as_type_references() {
        let schema = parse_ok("type A struct { type: str map: u8 list: bool }");
        let TypeKind::Struct { fields, .. } = &schema.decls[0].ty.kind else {
            panic!("not a struct");
        };
        assert_eq!(fields.len(), 3);
        let errors = parse("type A list").unwrap_err();
        assert_eq!(errors[0].primary.span, Span::empty(11));
        assert!(
            errors[0].message.contains("expected `<`"),
            "{}",
            errors[0].message
        );
    }

    #[test]
    fn syntax_errors_point_at_the_offending_token() {
        let cases = [
            ("type A u8,", 9, "BARE does not separate members with `,`"),
            ("type A = u8", 7, "expected a type, found `=`"),
            (
                "type A data[0x4]",
                12,
                "expected a decimal number, found `0x4`",
            ),
            ("type A struct { a u8 }", 18, "expected `:`, found `u8`"),
            ("type A @", 7, "unexpected character"),
            ("type A optional<u8", 18, "expected `>`, found end of input"),
        ];
        for (src, offset, message) in cases {
            let errors = parse(src).unwrap_err();
            assert_eq!(
                errors[0].primary.span.start, offset,
                "{src}: {:?}",
                errors[0]
            );
            assert!(
                errors[0].message.contains(message),
                "{src}: {}",
                errors[0].message
            );
        }
    }

    #[test]
    fn a_misspelt_type_keyword_is_named_with_the_keyword_it_is_a_slip_for() {
        let cases = [
            ("type S struct { a: optinal<u16> }", "optinal", "optional"),
            ("type L lsit<str>", "lsit", "list"),
            ("type M mpa<str><u8>", "mpa", "map"),
            ("type D dta[16]", "dta", "data"),
            ("type S strct { a: u8 }", "strct", "struct"),
            ("type E enm { A }", "enm", "enum"),
            ("type U unoin { u8 | str }", "unoin", "union"),
        ];
        for (src, word, keyword) in cases {
            let errors = parse(src).unwrap_err();
            assert_eq!(errors.len(), 1, "{src}: {errors:#?}");
            let error = &errors[0];
            assert_eq!(text(src, error.primary.span), word, "{src}");
            assert_eq!(error.message, format!("unknown type keyword `{word}`"));
            let help = format!("did you mean `{keyword}`?");
            assert_eq!(error.help.as_deref(), Some(help.as_str()), "{src}");
        }
        // Nothing close, or a field name before `{`: the plain syntax error.
        for src in [
            "type S struct { a: thing<u16> }",
            "type S struct { enm { A } }",
        ] {
            let errors = parse(src).unwrap_err();
            assert!(
                errors[0].message.starts_with("expected"),
                "{src}: {errors:#?}"
            );
            assert_eq!(errors[0].help, None, "{src}");
        }
    }

    #[test]
    fn syntax_errors_in_several_definitions_are_all_reported() {
        let src = "type A u8,\ntype B struct { a u8 }\ntype C list<str>\ntype D = u8\n";
        let errors = parse(src).unwrap_err();
        let starts: Vec<usize> = errors.iter().map(|e| e.primary.span.start).collect();
        assert_eq!(starts, [9, 29, 58], "{errors:#?}");
    }

    #[test]
    fn numbers_too_large_for_u64_are_kept_as_unknown() {
        let schema = parse_ok("type A data[99999999999999999999999]");
        let TypeKind::Data { len: Some(len) } = schema.decls[0].ty.kind else {
            panic!("not fixed data");
        };
        assert_eq!(len.value, None);
    }
}
