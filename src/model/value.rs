//! Reading and writing the numbers and dates officers type into the form.
//!
//! Vietnamese writes `1.200,5` where English writes `1,200.5`, and officers
//! paste figures from spreadsheets, PDFs and chat messages that use either
//! convention, full-width digits or non-breaking spaces. A misread separator
//! silently turns 1,2 % into 120 % or 1.200 people into 1,2 people, so this
//! module never guesses: text that can be read two ways is rejected with a
//! short Vietnamese message saying what to type instead. It also renders
//! numbers and dates the way official Vietnamese documents print them.

use chrono::{Datelike, NaiveDate};
use unicode_normalization::UnicodeNormalization;

/// Largest whole number an `f64` holds exactly (2^53 − 1); larger input is
/// rejected so that every accepted value is stored without rounding.
const MAX_SAFE_INTEGER: u64 = 9_007_199_254_740_991;

/// Which numeric kind a cell holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberKind {
    /// A whole, non-negative count (people, files, procedures …).
    Count,
    /// Any decimal number, possibly negative.
    Decimal,
    /// A percentage from 0 to 100 inclusive; a trailing `%` is allowed.
    Percent,
}

/// Why the text typed into a numeric cell was not accepted.
///
/// The `Display` text is a short Vietnamese message meant to be shown to the
/// officer next to the cell.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum NumberError {
    /// Characters other than digits and separators, or separators in places
    /// that make no sense (`12abc`, `12 34`, `-`, `1..2`).
    #[error("không phải là số (ví dụ cách gõ đúng: 1.200 hoặc 95,5)")]
    NotANumber,
    /// A count with a non-zero fractional part.
    #[error("số đếm phải là số nguyên (không có phần thập phân)")]
    NotWhole,
    /// A count with a minus sign.
    #[error("số đếm không được âm")]
    Negative,
    /// A percentage below 0 or above 100.
    #[error("tỷ lệ phải từ 0 đến 100")]
    PercentOutOfRange,
    /// A lone `.` that could be a thousands separator or a decimal point.
    #[error("“{text}” có thể hiểu hai cách; gõ {whole} hoặc {decimal}")]
    Ambiguous {
        /// What the officer typed (normalised, trimmed).
        text: String,
        /// The reading with `.` as thousands separator, in plain digits.
        whole: String,
        /// The reading with `.` as decimal point, written the Vietnamese way.
        decimal: String,
    },
    /// English decimal point (`1.5`, `1,200.5`) where a comma is expected.
    #[error("dấu phần thập phân là dấu phẩy: gõ {suggestion}")]
    DecimalPoint {
        /// The same number written the Vietnamese way.
        suggestion: String,
    },
    /// English thousands commas (`1,200,000`).
    #[error("dấu tách hàng nghìn là dấu chấm: gõ {suggestion}")]
    CommaThousands {
        /// The same number written the Vietnamese way.
        suggestion: String,
    },
    /// A separator with digits on one side only (`5,`, `,5`).
    #[error("thiếu chữ số ở một bên dấu phẩy: gõ {suggestion}")]
    IncompleteDecimal {
        /// The complete number the officer probably meant.
        suggestion: String,
    },
    /// A `%` sign in a cell that is not a percentage.
    #[error("dấu % chỉ dùng cho tỷ lệ; hãy xoá dấu %")]
    PercentSignNotAllowed,
    /// The whole part exceeds 9.007.199.254.740.991 (2^53 − 1).
    #[error("số quá lớn")]
    TooLarge,
}

/// Why the text typed into a date cell was not accepted.
///
/// The `Display` text is a short Vietnamese message for the officer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    /// Not three numbers separated by `/`, `-` or `.`.
    #[error("ngày phải viết dạng ngày/tháng/năm, ví dụ 15/01/2021")]
    Format,
    /// The year is not written with exactly four digits (`15/01/21`).
    #[error("năm phải có 4 chữ số, ví dụ 15/01/2021")]
    YearDigits,
    /// The year is outside 1900..=2100.
    #[error("năm {year} không hợp lệ; năm phải từ 1900 đến 2100")]
    YearOutOfRange {
        /// The year as typed.
        year: u32,
    },
    /// The month is outside 1..=12.
    #[error("không có tháng {month}; tháng phải từ 1 đến 12")]
    MonthOutOfRange {
        /// The month as typed.
        month: u32,
    },
    /// The day does not exist in that month (`31/02/2021`, `00/01/2021`).
    #[error("không có ngày {day:02}/{month:02}/{year}")]
    NoSuchDay {
        /// The day as typed.
        day: u32,
        /// The month as typed.
        month: u32,
        /// The year as typed.
        year: u32,
    },
}

/// Maps full-width digits and punctuation and the Unicode minus sign to
/// ASCII, then trims all Unicode whitespace (including NBSP, U+202F, U+2009).
fn normalise(text: &str) -> String {
    let mapped: String = text
        .chars()
        .map(|c| match c {
            '\u{FF10}'..='\u{FF19}' => char::from_digit(u32::from(c) - 0xFF10, 10).unwrap_or(c),
            '\u{FF0E}' => '.',
            '\u{FF0C}' => ',',
            '\u{FF05}' => '%',
            '\u{FF0B}' => '+',
            '\u{FF0D}' | '\u{2212}' => '-',
            '\u{FF0F}' => '/',
            c => c,
        })
        .collect();
    mapped.trim().to_string()
}

/// A number split into digit groups and the separators between them; every
/// whitespace run is recorded as a single `' '`.
struct Tokens {
    groups: Vec<String>,
    seps: Vec<char>,
}

impl Tokens {
    /// The text written back with `.` and `,` swapped (English ↔ Vietnamese).
    fn swapped(&self, sign: &str) -> String {
        let mut out = String::from(sign);
        for (i, group) in self.groups.iter().enumerate() {
            if i > 0 {
                out.push(match self.seps[i - 1] {
                    '.' => ',',
                    ',' => '.',
                    other => other,
                });
            }
            out.push_str(group);
        }
        out
    }
}

/// Splits `body` (no sign, no `%`, already trimmed) into digit groups.
fn tokenize(body: &str, sign: &str) -> Result<Tokens, NumberError> {
    let mut groups: Vec<String> = Vec::new();
    let mut seps: Vec<char> = Vec::new();
    let mut current = String::new();
    let mut pending: Option<char> = None;
    let mut leading_sep: Option<char> = None;
    for c in body.chars() {
        if c.is_ascii_digit() {
            if let Some(sep) = pending.take() {
                if groups.is_empty() && current.is_empty() {
                    leading_sep = Some(sep);
                } else {
                    groups.push(std::mem::take(&mut current));
                    seps.push(sep);
                }
            }
            current.push(c);
        } else if c == '.' || c == ',' || c.is_whitespace() {
            let sep = if c.is_whitespace() { ' ' } else { c };
            match pending {
                None => pending = Some(sep),
                Some(' ') if sep == ' ' => {}
                Some(_) => return Err(NumberError::NotANumber),
            }
        } else {
            return Err(NumberError::NotANumber);
        }
    }
    let trailing_sep = pending;
    if current.is_empty() {
        // Nothing but separators.
        return Err(NumberError::NotANumber);
    }
    match (leading_sep, trailing_sep) {
        (None, None) => {
            groups.push(current);
            Ok(Tokens { groups, seps })
        }
        (Some(sep), None) if groups.is_empty() && sep != ' ' => {
            Err(NumberError::IncompleteDecimal {
                suggestion: format!("{sign}0,{current}"),
            })
        }
        (None, Some(sep)) if groups.is_empty() && sep != ' ' => {
            Err(NumberError::IncompleteDecimal {
                suggestion: format!("{sign}{current}"),
            })
        }
        _ => Err(NumberError::NotANumber),
    }
}

/// True when `groups` read as correctly grouped thousands: at least two
/// groups, the first of 1–3 digits not starting with `0`, the rest exactly 3.
fn thousands_grouped(groups: &[String]) -> bool {
    match groups.split_first() {
        Some((first, rest)) if !rest.is_empty() => {
            (1..=3).contains(&first.len())
                && !first.starts_with('0')
                && rest.iter().all(|g| g.len() == 3)
        }
        _ => false,
    }
}

/// True when `groups` form a valid integer part: one group of any length or
/// correctly grouped thousands.
fn integer_part_ok(groups: &[String]) -> bool {
    groups.len() == 1 || thousands_grouped(groups)
}

/// Plain ASCII digits with leading zeros removed (at least `"0"`).
fn strip_leading_zeros(digits: &str) -> &str {
    let stripped = digits.trim_start_matches('0');
    if stripped.is_empty() { "0" } else { stripped }
}

/// The exact `f64` for `int.frac`, via Rust's decimal parser.
fn to_f64(negative: bool, int: &str, frac: &str) -> Result<f64, NumberError> {
    let sign = if negative { "-" } else { "" };
    let frac = if frac.is_empty() { "0" } else { frac };
    format!("{sign}{int}.{frac}")
        .parse::<f64>()
        .map_err(|_| NumberError::NotANumber)
}

/// Decides how the separators are read; returns the integer and fractional
/// digit strings, or the error explaining why the text is not accepted.
fn interpret(
    tokens: &Tokens,
    kind: NumberKind,
    negative: bool,
    text: &str,
) -> Result<(String, String), NumberError> {
    let sign = if negative { "-" } else { "" };
    let Tokens { groups, seps } = tokens;
    let count = |c: char| seps.iter().filter(|&&s| s == c).count();
    let (dots, commas, spaces) = (count('.'), count(','), count(' '));
    let Some(&last) = seps.last() else {
        return Ok((groups.concat(), String::new()));
    };
    let (int_groups, frac_group) = groups.split_at(groups.len() - 1);
    let frac = frac_group.concat();
    let before_last = &seps[..seps.len() - 1];
    let all_before_are = |c: char| before_last.iter().all(|&s| s == c);

    if dots == 0 && commas == 0 {
        // Spaces only: they must split thousands.
        return if thousands_grouped(groups) {
            Ok((groups.concat(), String::new()))
        } else {
            Err(NumberError::NotANumber)
        };
    }
    if commas == 1 && last == ',' {
        // Vietnamese decimal comma, thousands by dots or by spaces.
        let same_kind = all_before_are('.') || all_before_are(' ');
        return if same_kind && integer_part_ok(int_groups) {
            Ok((int_groups.concat(), frac))
        } else {
            Err(NumberError::NotANumber)
        };
    }
    if commas >= 1 && dots == 1 && spaces == 0 && last == '.' && all_before_are(',') {
        // English "1,200.5".
        return if thousands_grouped(int_groups) {
            Err(NumberError::DecimalPoint {
                suggestion: tokens.swapped(sign),
            })
        } else {
            Err(NumberError::NotANumber)
        };
    }
    if commas >= 2 && dots == 0 && spaces == 0 {
        // English "1,200,000".
        return if thousands_grouped(groups) {
            Err(NumberError::CommaThousands {
                suggestion: tokens.swapped(sign),
            })
        } else {
            Err(NumberError::NotANumber)
        };
    }
    if commas > 0 {
        return Err(NumberError::NotANumber);
    }

    // Only dots, possibly with spaces.
    if spaces == 0 && thousands_grouped(groups) {
        let whole = groups.concat();
        if kind == NumberKind::Percent && dots == 1 {
            // "1.200 %": 1200 is impossible and 1,2 a guess; ask.
            let decimal = to_f64(negative, strip_leading_zeros(&int_groups.concat()), &frac)?;
            return Err(NumberError::Ambiguous {
                text: text.to_string(),
                whole: format!("{sign}{}", strip_leading_zeros(&whole)),
                decimal: format_number(decimal),
            });
        }
        return Ok((whole, String::new()));
    }
    let decimal_point_shape = dots == 1 && last == '.' && all_before_are(' ');
    if !decimal_point_shape || !integer_part_ok(int_groups) {
        return Err(NumberError::NotANumber);
    }
    match kind {
        NumberKind::Percent => Ok((int_groups.concat(), frac)),
        NumberKind::Count if spaces == 0 => {
            let decimal = to_f64(negative, strip_leading_zeros(&int_groups.concat()), &frac)?;
            Err(NumberError::Ambiguous {
                text: text.to_string(),
                whole: format!("{sign}{}", strip_leading_zeros(&groups.concat())),
                decimal: format_number(decimal),
            })
        }
        NumberKind::Count | NumberKind::Decimal => Err(NumberError::DecimalPoint {
            suggestion: tokens.swapped(sign),
        }),
    }
}

/// Parse what a user typed into a numeric cell. `Ok(None)` for
/// empty/whitespace-only text.
///
/// Accepts Vietnamese notation (`1.200,5`), space-grouped thousands
/// (`1 200`), full-width digits and, for [`NumberKind::Percent`], a trailing
/// `%` and a lone English decimal point (`95.83`). Anything that could be
/// read two ways is rejected rather than guessed. A [`NumberKind::Count`]
/// is returned as an exact whole `f64`; every kind is limited to a whole part
/// of at most 9.007.199.254.740.991 (2^53 − 1).
pub fn parse_number(text: &str, kind: NumberKind) -> Result<Option<f64>, NumberError> {
    let norm = normalise(text);
    if norm.is_empty() {
        return Ok(None);
    }
    let body = match norm.strip_suffix('%') {
        Some(rest) => {
            if kind != NumberKind::Percent {
                return Err(NumberError::PercentSignNotAllowed);
            }
            rest.trim_end()
        }
        None => norm.as_str(),
    };
    if body.contains('%') {
        return Err(if kind == NumberKind::Percent {
            NumberError::NotANumber
        } else {
            NumberError::PercentSignNotAllowed
        });
    }
    let (negative, body) = if let Some(rest) = body.strip_prefix('-') {
        (true, rest.trim_start())
    } else if let Some(rest) = body.strip_prefix('+') {
        (false, rest.trim_start())
    } else {
        (false, body)
    };
    if body.is_empty() {
        return Err(NumberError::NotANumber);
    }
    let sign = if negative { "-" } else { "" };
    let tokens = tokenize(body, sign)?;
    let (int, frac) = interpret(&tokens, kind, negative, &norm)?;

    let int = strip_leading_zeros(&int);
    let too_large = !matches!(int.parse::<u64>(), Ok(n) if n <= MAX_SAFE_INTEGER);
    if too_large {
        return Err(NumberError::TooLarge);
    }
    let value = to_f64(negative, int, &frac)?;
    let is_zero = value == 0.0;
    match kind {
        NumberKind::Count => {
            if frac.bytes().any(|b| b != b'0') {
                return Err(NumberError::NotWhole);
            }
            if negative && !is_zero {
                return Err(NumberError::Negative);
            }
        }
        NumberKind::Percent => {
            if (negative && !is_zero) || value > 100.0 {
                return Err(NumberError::PercentOutOfRange);
            }
        }
        NumberKind::Decimal => {}
    }
    // Never hand out −0.
    Ok(Some(if is_zero { 0.0 } else { value }))
}

/// Vietnamese display: thousands `.`, decimals `,`: 48716 → `48.716`,
/// 95.83 → `95,83`, 1200.5 → `1.200,5`, -3.0 → `-3`.
///
/// Uses the shortest digits that read back to the same `f64`, never exponent
/// notation and never a trailing `,0`. Negative zero prints as `0`;
/// non-finite values print as Rust does (`NaN`, `inf`, `-inf`).
pub fn format_number(value: f64) -> String {
    if !value.is_finite() {
        return value.to_string();
    }
    if value == 0.0 {
        return "0".to_string();
    }
    // `Display` for f64 gives the shortest round-trip digits in plain notation.
    let plain = format!("{}", value.abs());
    let (int, frac) = plain.split_once('.').unwrap_or((plain.as_str(), ""));
    let mut out = String::with_capacity(plain.len() + plain.len() / 3 + 2);
    if value < 0.0 {
        out.push('-');
    }
    let len = int.len();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (len - i) % 3 == 0 {
            out.push('.');
        }
        out.push(c);
    }
    if !frac.is_empty() && frac.bytes().any(|b| b != b'0') {
        out.push(',');
        out.push_str(frac);
    }
    out
}

/// Parse a Vietnamese date: `15/01/2021`, `03/3/2021`, `3/3/2021`, also with
/// `-` or `.` as separators and surrounding spaces. The year must have four
/// digits and lie in 1900..=2100. `Ok(None)` for empty text.
pub fn parse_date(text: &str) -> Result<Option<NaiveDate>, DateError> {
    let norm = normalise(text);
    if norm.is_empty() {
        return Ok(None);
    }
    let Some(sep) = norm.chars().find(|c| matches!(c, '/' | '-' | '.')) else {
        return Err(DateError::Format);
    };
    let parts: Vec<&str> = norm.split(sep).map(str::trim).collect();
    let [day, month, year] = parts.as_slice() else {
        return Err(DateError::Format);
    };
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !all_digits(day) || !all_digits(month) || !all_digits(year) {
        return Err(DateError::Format);
    }
    if day.len() > 2 || month.len() > 2 {
        return Err(DateError::Format);
    }
    if year.len() != 4 {
        return Err(DateError::YearDigits);
    }
    let number = |s: &str| s.parse::<u32>().map_err(|_| DateError::Format);
    let (day, month, year) = (number(day)?, number(month)?, number(year)?);
    if !(1900..=2100).contains(&year) {
        return Err(DateError::YearOutOfRange { year });
    }
    if !(1..=12).contains(&month) {
        return Err(DateError::MonthOutOfRange { month });
    }
    let year_i32 = i32::try_from(year).map_err(|_| DateError::YearOutOfRange { year })?;
    NaiveDate::from_ymd_opt(year_i32, month, day)
        .map(Some)
        .ok_or(DateError::NoSuchDay { day, month, year })
}

/// `15/01/2021`: day and month always with two digits.
pub fn format_date(date: NaiveDate) -> String {
    format!("{:02}/{:02}/{}", date.day(), date.month(), date.year())
}

/// `ngày 16 tháng 12 năm 2021`, as official documents write it
/// (Nghị định 30/2020/NĐ-CP): days 1–9 and months 1–2 get a leading zero
/// (`ngày 05 tháng 02 năm 2021`), other months do not
/// (`ngày 15 tháng 3 năm 2021`).
pub fn format_date_long(date: NaiveDate) -> String {
    let month = date.month();
    let month = if month <= 2 {
        format!("{month:02}")
    } else {
        month.to_string()
    };
    format!("ngày {:02} tháng {month} năm {}", date.day(), date.year())
}

/// Unicode NFC of a user's text (input from some keyboards and pasted text is
/// NFD). Does not trim.
pub fn nfc(text: &str) -> String {
    // Most text is already composed (and all of it when typed with Unikey): copy it.
    if unicode_normalization::is_nfc_quick(text.chars()) == unicode_normalization::IsNormalized::Yes
    {
        return text.to_owned();
    }
    text.nfc().collect()
}

/// Whether a number read from a file is one this kind can hold exactly as it would be
/// typed: `parse_number(&format_number(value), kind) == Ok(Some(value))`. Whole counts
/// (most numbers in a report) are decided without formatting.
pub fn holds_exactly(value: f64, kind: NumberKind) -> bool {
    #[allow(clippy::cast_precision_loss)]
    let max = MAX_SAFE_INTEGER as f64;
    if kind == NumberKind::Count && value.fract() == 0.0 && (0.0..=max).contains(&value) {
        return true;
    }
    // Hundredths (95,83): the nearest number to k/100, which the display shows with at most
    // two decimals and parsing gives back (the proptests in tests/fuzz.rs hold both).
    let upper = if kind == NumberKind::Percent {
        100.0
    } else {
        1e10
    };
    if kind != NumberKind::Count
        && (0.0..=upper).contains(&value)
        && (value * 100.0).round() / 100.0 == value
    {
        return true;
    }
    matches!(parse_number(&format_number(value), kind), Ok(Some(parsed)) if parsed == value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use NumberKind::{Count, Decimal, Percent};

    #[test]
    fn parses_accepted_numbers() {
        let cases: &[(&str, NumberKind, f64)] = &[
            ("1.200", Count, 1200.0),
            ("1200", Count, 1200.0),
            ("1 200", Count, 1200.0),
            ("1\u{a0}200", Count, 1200.0),
            ("1\u{202f}200", Count, 1200.0),
            ("1\u{2009}200\u{2009}000", Count, 1_200_000.0),
            ("5 068", Count, 5068.0),
            ("1 200 000", Count, 1_200_000.0),
            ("1.200.000", Count, 1_200_000.0),
            ("48.716", Count, 48716.0),
            ("  7 ", Count, 7.0),
            ("\t7\u{a0}", Count, 7.0),
            ("007", Count, 7.0),
            ("1,0", Count, 1.0),
            ("0", Count, 0.0),
            ("-0", Count, 0.0),
            ("+12", Count, 12.0),
            (
                "９００７１９９２５４７４０９９１",
                Count,
                9_007_199_254_740_991.0,
            ),
            ("\u{FF11}\u{FF12}\u{FF10}\u{FF10}", Count, 1200.0),
            ("\u{FF11}\u{FF0E}\u{FF12}\u{FF10}\u{FF10}", Count, 1200.0),
            ("95,83", Percent, 95.83),
            ("95.83", Percent, 95.83),
            ("0.37", Percent, 0.37),
            ("0,37", Percent, 0.37),
            ("0.100", Percent, 0.1),
            ("100%", Percent, 100.0),
            ("2,22 %", Percent, 2.22),
            ("2,22\u{a0}%", Percent, 2.22),
            ("５０\u{FF05}", Percent, 50.0),
            ("100", Percent, 100.0),
            ("0", Percent, 0.0),
            ("1.200,5", Decimal, 1200.5),
            ("1 200,5", Decimal, 1200.5),
            ("-3", Decimal, -3.0),
            ("\u{2212}3,5", Decimal, -3.5),
            ("\u{FF0D}3", Decimal, -3.0),
            ("- 3", Decimal, -3.0),
            ("0,000001", Decimal, 0.000001),
            ("1.200", Decimal, 1200.0),
        ];
        for &(text, kind, expected) in cases {
            assert_eq!(
                parse_number(text, kind),
                Ok(Some(expected)),
                "{text:?} as {kind:?}"
            );
        }
    }

    #[test]
    fn empty_text_is_no_value() {
        for kind in [Count, Decimal, Percent] {
            for text in ["", "   ", "\u{a0}\t", " \u{3000} "] {
                assert_eq!(parse_number(text, kind), Ok(None), "{text:?}");
            }
        }
    }

    #[test]
    fn rejects_numbers() {
        use NumberError as E;
        let ambiguous = |text: &str, whole: &str, decimal: &str| E::Ambiguous {
            text: text.to_string(),
            whole: whole.to_string(),
            decimal: decimal.to_string(),
        };
        let point = |s: &str| E::DecimalPoint {
            suggestion: s.to_string(),
        };
        let cases: Vec<(&str, NumberKind, NumberError)> = vec![
            ("1.200,5", Count, E::NotWhole),
            ("1,5", Count, E::NotWhole),
            ("-3", Count, E::Negative),
            ("-3", Percent, E::PercentOutOfRange),
            ("101", Percent, E::PercentOutOfRange),
            ("100,01", Percent, E::PercentOutOfRange),
            ("1.200.000", Percent, E::PercentOutOfRange),
            ("12abc", Count, E::NotANumber),
            ("abc", Decimal, E::NotANumber),
            ("1,2,3x", Decimal, E::NotANumber),
            ("12 34", Count, E::NotANumber),
            ("1..2", Decimal, E::NotANumber),
            (".", Decimal, E::NotANumber),
            (",", Decimal, E::NotANumber),
            ("-", Decimal, E::NotANumber),
            ("--3", Decimal, E::NotANumber),
            ("1e5", Decimal, E::NotANumber),
            ("%", Percent, E::NotANumber),
            ("50%%", Percent, E::NotANumber),
            ("1.20.5", Count, E::NotANumber),
            ("1.200 000", Count, E::NotANumber),
            ("1.20,5", Decimal, E::NotANumber),
            ("1.2000", Count, ambiguous("1.2000", "12000", "1,2")),
            ("1.20", Count, ambiguous("1.20", "120", "1,2")),
            ("1.5", Count, ambiguous("1.5", "15", "1,5")),
            ("1.200", Percent, ambiguous("1.200", "1200", "1,2")),
            ("1.5", Decimal, point("1,5")),
            ("95.83", Decimal, point("95,83")),
            ("-0.5", Decimal, point("-0,5")),
            ("1 200.5", Decimal, point("1 200,5")),
            ("1,200.5", Decimal, point("1.200,5")),
            ("1,200.5", Percent, point("1.200,5")),
            (
                "1,200,000",
                Count,
                E::CommaThousands {
                    suggestion: "1.200.000".to_string(),
                },
            ),
            (
                "5,",
                Decimal,
                E::IncompleteDecimal {
                    suggestion: "5".to_string(),
                },
            ),
            (
                ",5",
                Decimal,
                E::IncompleteDecimal {
                    suggestion: "0,5".to_string(),
                },
            ),
            ("100%", Count, E::PercentSignNotAllowed),
            ("1,5%", Decimal, E::PercentSignNotAllowed),
            ("9007199254740992", Count, E::TooLarge),
            ("9007199254740993", Count, E::TooLarge),
            ("12345678901234567890", Decimal, E::TooLarge),
        ];
        for (text, kind, expected) in cases {
            assert_eq!(
                parse_number(text, kind),
                Err(expected),
                "{text:?} as {kind:?}"
            );
        }
    }

    #[test]
    fn error_messages_are_vietnamese() {
        let msg = |text: &str, kind| match parse_number(text, kind) {
            Err(e) => e.to_string(),
            Ok(v) => format!("accepted {v:?}"),
        };
        assert_eq!(
            msg("1.20", Count),
            "“1.20” có thể hiểu hai cách; gõ 120 hoặc 1,2"
        );
        assert_eq!(
            msg("1.5", Decimal),
            "dấu phần thập phân là dấu phẩy: gõ 1,5"
        );
        assert_eq!(msg("-1", Count), "số đếm không được âm");
        assert_eq!(msg("101", Percent), "tỷ lệ phải từ 0 đến 100");
        assert!(msg("abc", Count).starts_with("không phải là số"));
        assert!(msg("5%", Count).starts_with("dấu % chỉ dùng cho tỷ lệ"));
    }

    #[test]
    fn exact_same_f64_as_literal() {
        assert_eq!(parse_number("95,83", Percent), Ok(Some(95.83)));
        assert_eq!(parse_number("0,1", Decimal), Ok(Some(0.1)));
        let parsed = parse_number("0,3", Decimal);
        assert_eq!(parsed, Ok(Some(0.3)));
        assert_ne!(parsed, Ok(Some(0.1 + 0.2)));
    }

    #[test]
    fn formats_numbers() {
        let cases: &[(f64, &str)] = &[
            (48716.0, "48.716"),
            (95.83, "95,83"),
            (1200.5, "1.200,5"),
            (0.37, "0,37"),
            (-3.0, "-3"),
            (1003.0, "1.003"),
            (100.0, "100"),
            (999.0, "999"),
            (0.0, "0"),
            (-0.0, "0"),
            (-1_234_567.25, "-1.234.567,25"),
            (0.000001, "0,000001"),
            (1e15, "1.000.000.000.000.000"),
            (9_007_199_254_740_991.0, "9.007.199.254.740.991"),
        ];
        for &(value, expected) in cases {
            assert_eq!(format_number(value), expected, "{value:?}");
        }
    }

    #[test]
    fn format_then_parse_round_trips() {
        let mut values = vec![
            0.0,
            1.0,
            -1.0,
            0.1,
            0.1 + 0.2,
            1.0 / 3.0,
            -2.0 / 3.0,
            std::f64::consts::PI,
            95.83,
            1200.5,
            48716.0,
            123_456.789,
            0.000001,
            1e-7,
            1e-12,
            5e-324,
            1e15,
            9_007_199_254_740_991.0,
            4_503_599_627_370_495.5,
            -1_234_567.25,
            1000.0,
            0.999_999_999_999_999,
        ];
        // Deterministic pseudo-random values across many magnitudes.
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        for i in 0..2000 {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            let mantissa = (state >> 11) as f64 / (1u64 << 53) as f64;
            let exponent = (i % 22) - 7;
            let sign = if state & 1 == 0 { 1.0 } else { -1.0 };
            values.push(sign * mantissa * 10f64.powi(exponent));
        }
        for v in values {
            let text = format_number(v);
            assert_eq!(
                parse_number(&text, Decimal),
                Ok(Some(v)),
                "{v:?} formatted as {text:?}"
            );
        }
    }

    #[test]
    fn parses_dates() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day);
        let cases: &[(&str, Option<NaiveDate>)] = &[
            ("15/01/2021", d(2021, 1, 15)),
            ("03/3/2021", d(2021, 3, 3)),
            ("3/3/2021", d(2021, 3, 3)),
            ("15-01-2021", d(2021, 1, 15)),
            ("15.01.2021", d(2021, 1, 15)),
            ("  15/01/2021\u{a0}", d(2021, 1, 15)),
            ("29/02/2024", d(2024, 2, 29)),
            ("", None),
            ("   ", None),
        ];
        for &(text, expected) in cases {
            assert_eq!(parse_date(text), Ok(expected), "{text:?}");
        }
    }

    #[test]
    fn rejects_dates() {
        use DateError as E;
        let cases: &[(&str, DateError)] = &[
            (
                "31/02/2021",
                E::NoSuchDay {
                    day: 31,
                    month: 2,
                    year: 2021,
                },
            ),
            (
                "29/02/2021",
                E::NoSuchDay {
                    day: 29,
                    month: 2,
                    year: 2021,
                },
            ),
            ("15/13/2021", E::MonthOutOfRange { month: 13 }),
            ("15/01/21", E::YearDigits),
            ("15/01/1850", E::YearOutOfRange { year: 1850 }),
            ("abc", E::Format),
            ("15/01", E::Format),
            ("15/01/2021/1", E::Format),
            ("15/01-2021", E::Format),
            ("2021-01-15", E::Format),
            ("1a/01/2021", E::Format),
        ];
        for (text, expected) in cases {
            assert_eq!(parse_date(text), Err(expected.clone()), "{text:?}");
        }
        assert_eq!(
            DateError::NoSuchDay {
                day: 31,
                month: 2,
                year: 2021
            }
            .to_string(),
            "không có ngày 31/02/2021"
        );
        assert_eq!(
            DateError::Format.to_string(),
            "ngày phải viết dạng ngày/tháng/năm, ví dụ 15/01/2021"
        );
    }

    #[test]
    fn formats_dates() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).expect("valid test date");
        assert_eq!(format_date(d(2021, 1, 15)), "15/01/2021");
        assert_eq!(format_date(d(2021, 3, 3)), "03/03/2021");
        assert_eq!(
            format_date_long(d(2021, 12, 16)),
            "ngày 16 tháng 12 năm 2021"
        );
        assert_eq!(format_date_long(d(2021, 2, 5)), "ngày 05 tháng 02 năm 2021");
        assert_eq!(format_date_long(d(2021, 3, 15)), "ngày 15 tháng 3 năm 2021");
        assert_eq!(format_date_long(d(2021, 1, 1)), "ngày 01 tháng 01 năm 2021");
        for date in [d(2021, 1, 15), d(1999, 12, 31), d(2024, 2, 29)] {
            assert_eq!(parse_date(&format_date(date)), Ok(Some(date)));
        }
    }

    #[test]
    fn nfc_composes() {
        assert_eq!(nfc("e\u{302}\u{301}"), "ế");
        assert_eq!(nfc(" Nguye\u{302}\u{303}n "), " Nguyễn ");
    }
}
