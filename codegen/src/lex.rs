//! Lexer: schema text → tokens with byte spans, plus the comments (kept
//! aside so the parser never sees them, but documentation can be attached
//! to declarations afterwards).
//!
//! The token language is a handful of single characters, one kind of word
//! and line comments, so it is scanned by hand: a lexer generator would
//! cost every user's build script a regex engine and a second `syn`.

use std::fmt;

use crate::diagnostic::Diagnostic;
use crate::span::Span;

/// One token of the BARE schema language.
///
/// Names, keywords and numbers are all [`Token::Word`]: BARE lets keywords
/// be field names (`type: str`) and bare-ts reports `0x4` or `8u` as one
/// malformed word, so the parser decides what a word means from where it
/// stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Token<'src> {
    /// A run of ASCII letters, digits and underscores.
    Word(&'src str),
    /// `{`
    LBrace,
    /// `}`
    RBrace,
    /// `[`
    LBracket,
    /// `]`
    RBracket,
    /// `<`
    LAngle,
    /// `>`
    RAngle,
    /// `(`
    LParen,
    /// `)`
    RParen,
    /// `|`
    Pipe,
    /// `=`
    Equals,
    /// `:`
    Colon,
    /// `,` — not part of BARE, lexed so errors can say so precisely.
    Comma,
    /// `;` — not part of BARE, lexed so errors can say so precisely.
    Semicolon,
    /// A `#` comment up to the end of the line (removed before parsing).
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
pub struct Comment {
    /// The whole comment, `#` included.
    pub span: Span,
    /// The text after `#`, with one leading space removed.
    pub text: String,
}

/// The result of lexing one schema file.
#[derive(Clone, Debug, Default)]
pub struct Lexed<'src> {
    /// Tokens in source order, comments excluded.
    pub tokens: Vec<(Token<'src>, Span)>,
    /// Comments in source order.
    pub comments: Vec<Comment>,
}

/// Splits `source` into tokens and comments. Never fails: characters that
/// start no token become [`Token::Invalid`] so the parser reports them in
/// context.
///
/// Spaces, tabs, carriage returns, line feeds and form feeds separate
/// tokens; a word is the longest run of ASCII letters, digits and
/// underscores; a comment runs from `#` to the end of its line.
pub fn lex(source: &str) -> Lexed<'_> {
    let mut lexed = Lexed::default();
    let bytes = source.as_bytes();
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        let start = at;
        let token = match byte {
            b' ' | b'\t' | b'\r' | b'\n' | b'\x0c' => {
                at += 1;
                continue;
            }
            b'#' => {
                at = source[start..]
                    .find('\n')
                    .map_or(source.len(), |n| start + n);
                let text = &source[start + 1..at];
                let text = text.strip_prefix(' ').unwrap_or(text).trim_end();
                lexed.comments.push(Comment {
                    span: Span::new(start, at),
                    text: text.to_owned(),
                });
                continue;
            }
            _ if is_word_byte(byte) => {
                at = bytes[start..]
                    .iter()
                    .position(|&b| !is_word_byte(b))
                    .map_or(source.len(), |n| start + n);
                Token::Word(&source[start..at])
            }
            _ => {
                // Cover the whole character, so a caret never splits UTF-8.
                let width = source[start..].chars().next().map_or(1, char::len_utf8);
                at = start + width;
                match byte {
                    b'{' => Token::LBrace,
                    b'}' => Token::RBrace,
                    b'[' => Token::LBracket,
                    b']' => Token::RBracket,
                    b'<' => Token::LAngle,
                    b'>' => Token::RAngle,
                    b'(' => Token::LParen,
                    b')' => Token::RParen,
                    b'|' => Token::Pipe,
                    b'=' => Token::Equals,
                    b':' => Token::Colon,
                    b',' => Token::Comma,
                    b';' => Token::Semicolon,
                    _ => Token::Invalid,
                }
            }
        };
        lexed.tokens.push((token, Span::new(start, at)));
    }
    lexed
}

/// Whether `byte` belongs in a [`Token::Word`].
fn is_word_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'_'
}

/// The deepest nesting of types a schema may use.
///
/// Real schemas nest a handful of levels; the limit keeps parsing, checking
/// and code generation away from stack overflows on hostile input such as
/// ten thousand nested `list<…>`.
pub const MAX_NESTING: usize = 64;

/// Rejects token streams whose types nest deeper than [`MAX_NESTING`], before
/// the (recursive) parser sees them.
///
/// The measure over-approximates how deep the parser will recurse: every
/// open `{`, `<` or `(` counts, and so does every legacy prefix form (`[]T`,
/// `[N]T`, `map[K]V`) that is still "open" — until the next field, union
/// member or definition starts, since nothing marks where those forms end.
/// Scanning stops at the first token no rule accepts, where parsing will
/// stop too. Returns the deepest nesting seen, by the same measure.
pub fn check_nesting(tokens: &[(Token<'_>, Span)]) -> Result<usize, Box<Diagnostic>> {
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
    fn invalid_characters_cover_whole_utf8_sequences() {
        let lexed = lex("type é");
        assert_eq!(lexed.tokens[1], (Token::Invalid, Span::new(5, 7)));
    }

    #[test]
    fn every_punctuation_character_is_its_own_token() {
        assert_eq!(
            kinds("{}[]<>()|=:,;"),
            vec![
                Token::LBrace,
                Token::RBrace,
                Token::LBracket,
                Token::RBracket,
                Token::LAngle,
                Token::RAngle,
                Token::LParen,
                Token::RParen,
                Token::Pipe,
                Token::Equals,
                Token::Colon,
                Token::Comma,
                Token::Semicolon,
            ]
        );
    }

    #[test]
    fn a_comment_ends_at_its_line_and_keeps_no_carriage_return() {
        let lexed = lex("#a\r\nx#b");
        assert_eq!(lexed.comments[0].span, Span::new(0, 3));
        assert_eq!(lexed.comments[0].text, "a");
        assert_eq!(lexed.tokens, vec![(Token::Word("x"), Span::new(4, 5))]);
        // At the end of the text, without a line feed.
        assert_eq!(lexed.comments[1].span, Span::new(5, 7));
        assert_eq!(lexed.comments[1].text, "b");
    }

    #[test]
    fn only_ascii_separators_are_skipped() {
        // A vertical tab and a no-break space are not separators.
        let lexed = lex("a\x0bb\u{a0}c\x0c d");
        assert_eq!(
            lexed.tokens,
            vec![
                (Token::Word("a"), Span::new(0, 1)),
                (Token::Invalid, Span::new(1, 2)),
                (Token::Word("b"), Span::new(2, 3)),
                (Token::Invalid, Span::new(3, 5)),
                (Token::Word("c"), Span::new(5, 6)),
                (Token::Word("d"), Span::new(8, 9)),
            ]
        );
    }

    proptest::proptest! {
        /// Tokens and comments cover the text in order, on character
        /// boundaries, leaving out only separators; words are what they span.
        #[test]
        fn tokens_and_comments_tile_the_text(text in "[a-z_0-9 \t\r\n{}\\[\\]<>()|=:,;#é\u{a0}\x0b]{0,40}") {
            let lexed = lex(&text);
            let mut pieces: Vec<Span> = lexed.tokens.iter().map(|&(_, span)| span).collect();
            pieces.extend(lexed.comments.iter().map(|c| c.span));
            pieces.sort();
            let mut at = 0;
            for span in pieces {
                proptest::prop_assert!(span.start >= at && span.end > span.start);
                proptest::prop_assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
                proptest::prop_assert!(text[at..span.start].bytes().all(|b| b" \t\r\n\x0c".contains(&b)));
                at = span.end;
            }
            proptest::prop_assert!(text[at..].bytes().all(|b| b" \t\r\n\x0c".contains(&b)));
            for &(token, span) in &lexed.tokens {
                if let Token::Word(word) = token {
                    proptest::prop_assert_eq!(word, &text[span.range()]);
                }
            }
        }
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
        assert_eq!(check_nesting(&lex(&shallow).tokens).ok(), Some(60));
        let flat = "type A struct { a: list<u8> b: u8 }";
        assert_eq!(check_nesting(&lex(flat).tokens).ok(), Some(2));
    }
}
