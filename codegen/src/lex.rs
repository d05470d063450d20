//! Lexer: schema text → tokens with byte spans (logos), plus the comments
//! (kept aside so the parser never sees them, but documentation can be
//! attached to declarations afterwards) and the `#import` lines (vbare
//! 0.2's directive, which looks like a comment but is not documentation).

use std::fmt;

use logos::Logos;

use crate::diagnostic::Diagnostic;
use crate::span::Span;

/// One token of the BARE schema language.
///
/// Names, keywords and numbers are all [`Token::Word`]: BARE lets keywords
/// be field names (`type: str`) and bare-ts reports `0x4` or `8u` as one
/// malformed word, so the parser decides what a word means from where it
/// stands.
#[derive(Logos, Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[logos(skip r"[ \t\r\n\f]+")]
pub(crate) enum Token<'src> {
    /// A run of ASCII letters, digits and underscores.
    #[regex(r"[A-Za-z0-9_]+")]
    Word(&'src str),
    /// `{`
    #[token("{")]
    LBrace,
    /// `}`
    #[token("}")]
    RBrace,
    /// `[`
    #[token("[")]
    LBracket,
    /// `]`
    #[token("]")]
    RBracket,
    /// `<`
    #[token("<")]
    LAngle,
    /// `>`
    #[token(">")]
    RAngle,
    /// `(`
    #[token("(")]
    LParen,
    /// `)`
    #[token(")")]
    RParen,
    /// `|`
    #[token("|")]
    Pipe,
    /// `=`
    #[token("=")]
    Equals,
    /// `:`
    #[token(":")]
    Colon,
    /// `,` — not part of BARE, lexed so errors can say so precisely.
    #[token(",")]
    Comma,
    /// `;` — not part of BARE, lexed so errors can say so precisely.
    #[token(";")]
    Semicolon,
    /// A `#` comment up to the end of the line (removed before parsing).
    #[regex(r"#[^\n]*", allow_greedy = true)]
    Comment,
    /// A character that cannot start any token.
    Invalid,
}

impl fmt::Display for Token<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Token::Word(w) => write!(f, "`{w}`"),
            Token::LBrace => f.write_str("`{`"),
            Token::RBrace => f.write_str("`}`"),
            Token::LBracket => f.write_str("`[`"),
            Token::RBracket => f.write_str("`]`"),
            Token::LAngle => f.write_str("`<`"),
            Token::RAngle => f.write_str("`>`"),
            Token::LParen => f.write_str("`(`"),
            Token::RParen => f.write_str("`)`"),
            Token::Pipe => f.write_str("`|`"),
            Token::Equals => f.write_str("`=`"),
            Token::Colon => f.write_str("`:`"),
            Token::Comma => f.write_str("`,`"),
            Token::Semicolon => f.write_str("`;`"),
            Token::Comment => f.write_str("a comment"),
            Token::Invalid => f.write_str("an invalid character"),
        }
    }
}

/// A `#` comment: its span and its text without the `#`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Comment {
    /// The whole comment, `#` included.
    pub(crate) span: Span,
    /// The text after `#`, with one leading space removed.
    pub(crate) text: String,
}

/// An `#import` line as written: the directive's span and what follows
/// `#import` (the parser reads the path out of it, or says why not).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Directive {
    /// The whole line, `#import` included, trailing blanks excluded.
    pub(crate) span: Span,
    /// Where the text after `#import` starts.
    pub(crate) rest_start: usize,
}

/// The result of lexing one schema file.
#[derive(Clone, Debug, Default)]
pub(crate) struct Lexed<'src> {
    /// Tokens in source order, comments excluded.
    pub(crate) tokens: Vec<(Token<'src>, Span)>,
    /// Comments in source order.
    pub(crate) comments: Vec<Comment>,
    /// `#import` lines in source order.
    pub(crate) imports: Vec<Directive>,
}

/// Whether a `#` comment is an `#import` directive: `#import` followed by
/// a blank, a quote or the end of the line (vbare's rule, so `#imports`
/// and `# import` stay comments).
fn is_import(comment: &str) -> bool {
    comment
        .strip_prefix("#import")
        .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t', '"', '\r']))
}

/// Splits `source` into tokens and comments. Never fails: characters that
/// start no token become [`Token::Invalid`] so the parser reports them in
/// context.
pub(crate) fn lex(source: &str) -> Lexed<'_> {
    let mut lexed = Lexed::default();
    let mut lexer = Token::lexer(source);
    while let Some(result) = lexer.next() {
        let span = lexer.span();
        match result {
            Ok(Token::Comment) if is_import(&source[span.clone()]) => {
                let end = span.start + source[span.clone()].trim_end().len();
                lexed.imports.push(Directive {
                    span: Span::new(span.start, end),
                    rest_start: span.start + "#import".len(),
                });
            }
            Ok(Token::Comment) => {
                let text = &source[span.start + 1..span.end];
                let text = text.strip_prefix(' ').unwrap_or(text).trim_end();
                lexed.comments.push(Comment {
                    span: span.into(),
                    text: text.to_owned(),
                });
            }
            Ok(token) => lexed.tokens.push((token, span.into())),
            Err(()) => {
                // Cover the whole character, so a caret never splits UTF-8.
                let mut end = span.end.max(span.start + 1);
                while !source.is_char_boundary(end) {
                    end += 1;
                }
                lexed
                    .tokens
                    .push((Token::Invalid, Span::new(span.start, end)));
                if end > span.end {
                    lexer.bump(end - span.end);
                }
            }
        }
    }
    lexed
}

/// The deepest nesting of types a schema may use.
///
/// Real schemas nest a handful of levels; the limit keeps parsing, checking
/// and code generation away from stack overflows on hostile input such as
/// ten thousand nested `list<…>`.
pub(crate) const MAX_NESTING: usize = 64;

/// Rejects token streams whose types nest deeper than [`MAX_NESTING`], before
/// the (recursive) parser sees them.
///
/// The measure over-approximates how deep the parser will recurse: every
/// open `{`, `<` or `(` counts, and so does every legacy prefix form (`[]T`,
/// `[N]T`, `map[K]V`) that is still "open" — until the next field, union
/// member or definition starts, since nothing marks where those forms end.
/// Scanning stops at the first token no rule accepts, where parsing will
/// stop too. Returns the deepest nesting seen, by the same measure.
pub(crate) fn check_nesting(tokens: &[(Token<'_>, Span)]) -> Result<usize, Box<Diagnostic>> {
    // One frame per open bracket, each counting the legacy prefixes seen in it.
    let mut frames: Vec<usize> = vec![0];
    let mut legacy_total = 0usize;
    let mut deepest = 0;
    for (i, &(token, span)) in tokens.iter().enumerate() {
        match token {
            // No rule accepts these, so the parser stops here at the latest:
            // what follows cannot make it recurse deeper.
            Token::Invalid | Token::Comma | Token::Semicolon => return Ok(deepest),
            Token::LBrace | Token::LAngle | Token::LParen => frames.push(0),
            Token::RBrace | Token::RAngle | Token::RParen if frames.len() > 1 => {
                legacy_total -= frames.pop().unwrap_or(0);
            }
            Token::LBracket => {
                let suffix =
                    i > 0 && matches!(tokens[i - 1].0, Token::RAngle | Token::Word("data"));
                if !suffix {
                    if let Some(top) = frames.last_mut() {
                        *top += 1;
                    }
                    legacy_total += 1;
                }
            }
            Token::Colon | Token::Pipe => {
                legacy_total -= frames.last_mut().map(std::mem::take).unwrap_or(0);
            }
            Token::Word("type" | "enum" | "struct" | "union") if frames.len() == 1 => {
                legacy_total -= frames.last_mut().map(std::mem::take).unwrap_or(0);
            }
            _ => {}
        }
        deepest = deepest.max(frames.len() - 1 + legacy_total);
        if deepest > MAX_NESTING {
            return Err(Box::new(
                Diagnostic::error(
                    format!("types are nested more than {MAX_NESTING} levels deep"),
                    span,
                )
                .with_code("nesting-too-deep")
                .with_label("this type is nested too deeply")
                .with_help("name some of the inner types with `type Name …` declarations"),
            ));
        }
    }
    Ok(deepest)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(src: &str) -> Vec<Token<'_>> {
        lex(src).tokens.into_iter().map(|(t, _)| t).collect()
    }

    #[test]
    fn words_cover_names_keywords_and_malformed_numbers() {
        assert_eq!(
            kinds("type A data[0x4] 8u"),
            vec![
                Token::Word("type"),
                Token::Word("A"),
                Token::Word("data"),
                Token::LBracket,
                Token::Word("0x4"),
                Token::RBracket,
                Token::Word("8u"),
            ]
        );
    }

    #[test]
    fn comments_are_set_aside_with_spans() {
        let lexed = lex("# hello\ntype A u8 #trailing\n");
        assert_eq!(lexed.tokens.len(), 3);
        assert_eq!(lexed.comments.len(), 2);
        assert_eq!(lexed.comments[0].text, "hello");
        assert_eq!(lexed.comments[0].span, Span::new(0, 7));
        assert_eq!(lexed.comments[1].text, "trailing");
    }

    #[test]
    fn import_lines_are_directives_not_comments() {
        let src = "#import \"common.v1.bare\"  \n#imports are comments\n# import too\ntype A u8\n";
        let lexed = lex(src);
        assert_eq!(lexed.imports.len(), 1);
        let line = &lexed.imports[0];
        assert_eq!(&src[line.span.range()], "#import \"common.v1.bare\"");
        assert_eq!(&src[line.rest_start..line.span.end], " \"common.v1.bare\"");
        assert_eq!(lexed.comments.len(), 2);
        assert!(is_import("#import"));
        assert!(!is_import("#important"));
    }

    #[test]
    fn invalid_characters_cover_whole_utf8_sequences() {
        let lexed = lex("type é");
        assert_eq!(lexed.tokens[1], (Token::Invalid, Span::new(5, 7)));
    }

    #[test]
    fn nesting_limit_counts_brackets_and_legacy_prefixes() {
        let deep = format!("type A {}u8{}", "list<".repeat(70), ">".repeat(70));
        assert!(check_nesting(&lex(&deep).tokens).is_err());
        let legacy = format!("type A {}u8", "[]".repeat(70));
        assert!(check_nesting(&lex(&legacy).tokens).is_err());
        let maps = format!("type A {}u8", "map[str]".repeat(70));
        assert!(check_nesting(&lex(&maps).tokens).is_err());
        // Many sibling fields using legacy lists are not nesting.
        let wide: String = (0..200).map(|i| format!("f{i}: []u8\n")).collect();
        let wide = format!("type A {{\n{wide}}}");
        assert!(check_nesting(&lex(&wide).tokens).is_ok());
        let shallow = format!("type A {}u8{}", "list<".repeat(60), ">".repeat(60));
        assert!(check_nesting(&lex(&shallow).tokens).is_ok());
    }
}
