//! Consistency checks as data: what a template says must hold between cells.
//!
//! A check is written in the template on the row it is about, in a form a
//! province officer can read and edit (DHIS2's validation rules: left side,
//! operator, right side, importance, what to do when a value is missing):
//!
//! ```json
//! { "id": "III.6.2<=III.6.1", "severity": "error", "test": "III.6.2 <= III.6.1" }
//! { "id": "III.2.3=tong", "severity": "error", "test": "III.2.3 = III.2.4 + III.2.5" }
//! { "id": "I.2.3<=xa", "severity": "error", "test": "I.2.3 <= general.communes" }
//! { "id": "III.4.1-khi-III.4=0", "severity": "warning", "when": "III.4 = 0", "test": "III.4.1 = 0" }
//! ```
//!
//! A side is a sum of terms joined by `+` or `-`: indicator ids, numbers, or
//! `general.communes` (the number of commune-level units of the general
//! information). This module only parses and holds checks; `rules` evaluates them.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::ids::IndicatorId;
use super::value::{NumberKind, parse_number};

/// How bad a failed check is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Probably wrong; the officer confirms with a note.
    Warning,
    /// The report is wrong.
    Error,
}

impl Severity {
    /// Vietnamese name.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Warning => "Cảnh báo",
            Severity::Error => "Lỗi",
        }
    }
}

/// What a check does when a value it needs is empty (DHIS2's missing-value strategy).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Missing {
    /// Skip the check when any value is empty (the default: empty is "not reported").
    #[default]
    SkipIfAny,
    /// Skip only when every value is empty; count the empty ones as 0.
    SkipIfAll,
    /// Never skip; an empty value counts as 0.
    Never,
}

/// A comparison operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// `=`
    Eq,
    /// `!=` or `≠`
    Ne,
    /// `<`
    Lt,
    /// `<=` or `≤`
    Le,
    /// `>`
    Gt,
    /// `>=` or `≥`
    Ge,
}

impl Op {
    /// Whether `left op right` holds (with a tolerance for sums of decimals).
    pub fn holds(self, left: f64, right: f64) -> bool {
        /// Percentages are typed with two decimals; sums of them differ from the
        /// exact value by far less than this.
        const EPSILON: f64 = 1e-6;
        let eq = (left - right).abs() <= EPSILON * left.abs().max(right.abs()).max(1.0);
        match self {
            Op::Eq => eq,
            Op::Ne => !eq,
            Op::Lt => left < right && !eq,
            Op::Le => left < right || eq,
            Op::Gt => left > right && !eq,
            Op::Ge => left > right || eq,
        }
    }

    /// How a failure reads: "III.6.2 (5.100) *lớn hơn* III.6.1 (5.068)".
    pub fn failure_word(self) -> &'static str {
        match self {
            Op::Eq => "khác",
            Op::Ne => "bằng",
            Op::Lt => "không nhỏ hơn",
            Op::Le => "lớn hơn",
            Op::Gt => "không lớn hơn",
            Op::Ge => "nhỏ hơn",
        }
    }

    fn symbol(self) -> &'static str {
        match self {
            Op::Eq => "=",
            Op::Ne => "≠",
            Op::Lt => "<",
            Op::Le => "≤",
            Op::Gt => ">",
            Op::Ge => "≥",
        }
    }
}

/// A number a side of a check refers to.
#[derive(Debug, Clone, PartialEq)]
pub enum Operand {
    /// The value of an indicator.
    Indicator(IndicatorId),
    /// A constant.
    Number(f64),
    /// The number of commune-level units under the unit (general information).
    Communes,
}

/// One term of a sum, with its sign.
#[derive(Debug, Clone, PartialEq)]
pub struct Term {
    /// `-` before it.
    pub negative: bool,
    /// What it refers to.
    pub operand: Operand,
}

/// A sum of terms.
#[derive(Debug, Clone, PartialEq)]
pub struct Expr {
    /// The terms, in order.
    pub terms: Vec<Term>,
}

impl Expr {
    /// The indicators it refers to.
    pub fn indicators(&self) -> impl Iterator<Item = &IndicatorId> {
        self.terms.iter().filter_map(|t| match &t.operand {
            Operand::Indicator(id) => Some(id),
            _ => None,
        })
    }
}

impl fmt::Display for Expr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, term) in self.terms.iter().enumerate() {
            match (i, term.negative) {
                (0, true) => f.write_str("-")?,
                (0, false) => {}
                (_, true) => f.write_str(" - ")?,
                (_, false) => f.write_str(" + ")?,
            }
            match &term.operand {
                Operand::Indicator(id) => write!(f, "{id}")?,
                Operand::Number(n) => f.write_str(&super::value::format_number(*n))?,
                Operand::Communes => f.write_str("số đơn vị cấp xã")?,
            }
        }
        Ok(())
    }
}

/// `left op right`.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// Left side.
    pub left: Expr,
    /// Operator.
    pub op: Op,
    /// Right side.
    pub right: Expr,
}

impl fmt::Display for Comparison {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} {}", self.left, self.op.symbol(), self.right)
    }
}

/// A check as written in a template row.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawCheck {
    /// Unique id of the check in the template.
    pub id: String,
    /// `error` or `warning`.
    pub severity: Severity,
    /// What must hold, e.g. `III.6.2 <= III.6.1`.
    pub test: String,
    /// Only check when this holds, e.g. `III.4 = 0`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<String>,
    /// What to do with empty values.
    #[serde(default)]
    pub missing: Missing,
    /// A message replacing the generated one; `{left}`, `{right}` are replaced by the
    /// sides with their values.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

/// A checked check.
#[derive(Debug, Clone, PartialEq)]
pub struct Check {
    /// Unique id.
    pub id: String,
    /// Error or warning.
    pub severity: Severity,
    /// What must hold.
    pub test: Comparison,
    /// When it applies.
    pub when: Option<Comparison>,
    /// Missing-value strategy.
    pub missing: Missing,
    /// Custom message.
    pub message: Option<String>,
}

impl Check {
    /// Every indicator the check reads, left side first, without repeats.
    pub fn indicators(&self) -> Vec<IndicatorId> {
        let mut out: Vec<IndicatorId> = Vec::new();
        let sides = [&self.test.left, &self.test.right];
        let when = self.when.iter().flat_map(|w| [&w.left, &w.right]);
        for expr in sides.into_iter().chain(when) {
            for id in expr.indicators() {
                if !out.contains(id) {
                    out.push(id.clone());
                }
            }
        }
        out
    }
}

/// Parse `III.6.2 <= III.6.1`.
pub fn parse_comparison(text: &str) -> Result<Comparison, String> {
    const OPS: [(&str, Op); 9] = [
        ("<=", Op::Le),
        (">=", Op::Ge),
        ("!=", Op::Ne),
        ("≤", Op::Le),
        ("≥", Op::Ge),
        ("≠", Op::Ne),
        ("=", Op::Eq),
        ("<", Op::Lt),
        (">", Op::Gt),
    ];
    let found = OPS
        .iter()
        .filter_map(|(s, op)| text.find(s).map(|at| (at, *s, *op)))
        .min_by_key(|(at, s, _)| (*at, std::cmp::Reverse(s.len())));
    let Some((at, symbol, op)) = found else {
        return Err(format!("“{text}” thiếu phép so sánh (=, <=, >=, <, >, !=)"));
    };
    let left = parse_expr(&text[..at])?;
    let right = parse_expr(&text[at + symbol.len()..])?;
    Ok(Comparison { left, op, right })
}

/// Parse `III.2.4 + III.2.5`, `0`, `general.communes`.
pub fn parse_expr(text: &str) -> Result<Expr, String> {
    let mut terms = Vec::new();
    let mut negative = false;
    let mut expect_operand = true;
    for token in text.split_whitespace().flat_map(split_signs) {
        match (token, expect_operand) {
            ("+", false) => {
                negative = false;
                expect_operand = true;
            }
            ("-", false) => {
                negative = true;
                expect_operand = true;
            }
            ("-", true) if terms.is_empty() && !negative => negative = true,
            (word, true) => {
                let operand = if word == "general.communes" {
                    Operand::Communes
                } else if let Some(id) = IndicatorId::parse(word) {
                    Operand::Indicator(id)
                } else if let Ok(Some(n)) = parse_number(word, NumberKind::Decimal) {
                    Operand::Number(n)
                } else {
                    return Err(format!(
                        "“{word}” không phải mã chỉ tiêu, số hay general.communes"
                    ));
                };
                terms.push(Term { negative, operand });
                expect_operand = false;
            }
            (word, false) => return Err(format!("thiếu + hoặc - trước “{word}”")),
        }
    }
    if expect_operand {
        return Err(format!("biểu thức “{}” chưa đủ", text.trim()));
    }
    Ok(Expr { terms })
}

/// "III.2.4+III.2.5" → ["III.2.4", "+", "III.2.5"].
fn split_signs(word: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (at, c) in word.char_indices() {
        if c == '+' || (c == '-' && !word[..at].ends_with(|p: char| p.is_ascii_alphabetic())) {
            if at > start {
                out.push(&word[start..at]);
            }
            out.push(&word[at..at + 1]);
            start = at + 1;
        }
    }
    if start < word.len() {
        out.push(&word[start..]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_comparisons_of_sums() {
        let c = parse_comparison("III.2.3 = III.2.4 + III.2.5").expect("parses");
        assert_eq!(c.op, Op::Eq);
        assert_eq!(c.left.terms.len(), 1);
        assert_eq!(c.right.terms.len(), 2);
        assert_eq!(c.to_string(), "III.2.3 = III.2.4 + III.2.5");
        let c = parse_comparison("I.4.2+I.4.3<=I.4.1").expect("parses");
        assert_eq!(c.op, Op::Le);
        assert_eq!(c.to_string(), "I.4.2 + I.4.3 ≤ I.4.1");
        let c = parse_comparison("I.2.3 ≤ general.communes").expect("parses");
        assert_eq!(c.right.terms[0].operand, Operand::Communes);
        let c = parse_comparison("III.4.1 - 2 >= 0,5").expect("parses");
        assert!(c.left.terms[1].negative);
        assert_eq!(c.right.terms[0].operand, Operand::Number(0.5));
    }

    #[test]
    fn refuses_what_it_cannot_read() {
        assert!(
            parse_comparison("III.6.2 III.6.1")
                .expect_err("no op")
                .contains("phép so sánh")
        );
        assert!(
            parse_comparison("III.6.2 <= ")
                .expect_err("empty")
                .contains("chưa đủ")
        );
        assert!(
            parse_comparison("III.6.2 <= abc")
                .expect_err("word")
                .contains("“abc”")
        );
        assert!(
            parse_comparison("III.6.2 III.6.3 <= 1")
                .expect_err("two")
                .contains("thiếu +")
        );
    }

    #[test]
    fn operators_hold_with_a_tolerance() {
        assert!(Op::Le.holds(5068.0, 5068.0));
        assert!(!Op::Le.holds(5100.0, 5068.0));
        assert!(Op::Eq.holds(0.1 + 0.2, 0.3));
        assert!(!Op::Lt.holds(0.1 + 0.2, 0.3));
        assert!(Op::Ge.holds(3.0, 2.0) && !Op::Gt.holds(2.0, 2.0) && Op::Ne.holds(1.0, 2.0));
    }
}
