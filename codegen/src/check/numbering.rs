//! Enum values and union tags follow one rule: each is its explicit `= N`
//! or the one before plus one (the first is 0), all are `uint`s no larger
//! than 2^53−1, and they ascend strictly.

use crate::ast::Number;
use crate::diagnostic::Diagnostic;
use crate::span::Span;

/// Enum values and union tags above this are refused: JavaScript BARE
/// implementations (bare-ts) store them in doubles, and a schema should mean
/// the same to every implementation.
pub(super) const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;

/// Hands out the numbers of one enum or union, in source order.
pub(super) struct Numbering {
    /// "enum value" or "union tag", for messages.
    what: &'static str,
    /// The last number handed out: the next implied one is this plus one.
    previous: Option<u64>,
    /// The largest so far, so `A = 3 B = 2 C` reports C = 3 as a repeat.
    highest: Option<u64>,
}

impl Numbering {
    /// Numbering for enum values.
    pub(super) fn enum_values() -> Self {
        Self::new("enum value")
    }

    /// Numbering for union tags.
    pub(super) fn union_tags() -> Self {
        Self::new("union tag")
    }

    fn new(what: &'static str) -> Self {
        Numbering {
            what,
            previous: None,
            highest: None,
        }
    }

    /// The number the next member gets without an explicit `= N` (`None`
    /// past `u64::MAX`).
    pub(super) fn implied(&self) -> Option<u64> {
        self.previous.map_or(Some(0), |p| p.checked_add(1))
    }

    /// The number of the next member, `explicit` or implied. `subject` names
    /// it in messages (`` enum value `A` ``) and `at` is where range and
    /// order errors point. `None` when there is no number to give.
    pub(super) fn next(
        &mut self,
        explicit: Option<Number>,
        subject: &str,
        at: Span,
        out: &mut Vec<Diagnostic>,
    ) -> Option<u64> {
        let what = self.what;
        let number = match explicit {
            Some(Number { value: Some(v), .. }) => v,
            Some(Number { value: None, span }) => {
                out.push(
                    Diagnostic::error(format!("this {what} does not fit in 64 bits"), span)
                        .with_code("number-too-large")
                        .with_label("too large")
                        .with_help(format!("{what}s are `uint`s, at most {}", u64::MAX)),
                );
                return None;
            }
            None => {
                let Some(implied) = self.implied() else {
                    out.push(
                        Diagnostic::error(
                            format!("{subject} would be 2^64, past the largest `uint`"),
                            at,
                        )
                        .with_code("number-too-large")
                        .with_label("no number left"),
                    );
                    return None;
                };
                implied
            }
        };
        if number > MAX_SAFE_INTEGER {
            let mut diagnostic =
                Diagnostic::error(format!("{subject} is {number}, larger than 2^53-1"), at)
                    .with_code("non-portable-number")
                    .with_label("too large to be portable")
                    .with_help(format!(
                        "JavaScript BARE implementations cannot represent {what}s above \
                         {MAX_SAFE_INTEGER}; pick a smaller one"
                    ));
            if let Some(explicit) = explicit
                && explicit.span != at
            {
                diagnostic = diagnostic.with_secondary(explicit.span, format!("this {what}"));
            }
            out.push(diagnostic);
        }
        if let Some(highest) = self.highest
            && number <= highest
        {
            out.push(
                Diagnostic::error(
                    format!(
                        "{subject} is {number}, not greater than an earlier {what} ({highest})"
                    ),
                    at,
                )
                .with_code("number-order")
                .with_label("out of order")
                .with_help(format!("{what}s must be unique and in ascending order")),
            );
        }
        self.previous = Some(number);
        self.highest = self.highest.max(Some(number));
        Some(number)
    }
}
