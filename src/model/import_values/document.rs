//! A document cited the way offices write it: "Kế hoạch số 03/KH-UBND ngày 15/01/2021",
//! also "… ngày 03/3/2021", "… 15-01-2021", "… ngày 15 tháng 01 năm 2021", "Số: 03/KH-UBND",
//! the number split from its symbol ("411 /BC-UBND"), the type left out ("Số 03/KH-UBND …":
//! the type is then read from the symbol, KH is a Kế hoạch) and words around it ("… của UBND
//! thị xã"), which are given back to go into Ghi chú.

use chrono::NaiveDate;

use crate::model::report::DocumentRef;
use crate::model::template::from_table::DOCUMENT_TYPES;
use crate::model::template::from_table::header::fold;
use crate::model::value;

/// Kinds of document a filled table cites beyond those a blank table names
/// ([`DOCUMENT_TYPES`]), folded.
const MORE_TYPES: &[&str] = &[
    "ket luan",
    "cong dien",
    "de an",
    "phuong an",
    "quy che",
    "quy dinh",
];

/// The type a symbol's code names ("03/KH-UBND": KH), by Nghị định 30/2020/NĐ-CP, Phụ lục III.
const CODES: &[(&str, &str)] = &[
    ("KH", "Kế hoạch"),
    ("QĐ", "Quyết định"),
    ("QD", "Quyết định"),
    ("CT", "Chỉ thị"),
    ("TB", "Thông báo"),
    ("BC", "Báo cáo"),
    ("HD", "Hướng dẫn"),
    ("NQ", "Nghị quyết"),
    ("CTr", "Chương trình"),
    ("TTr", "Tờ trình"),
    ("KL", "Kết luận"),
    ("CĐ", "Công điện"),
    ("ĐA", "Đề án"),
    ("PA", "Phương án"),
];

/// Punctuation around a word that is not part of it.
const AROUND: &[char] = &[
    ',', ';', ':', '.', '(', ')', '[', ']', '"', '“', '”', '-', '–',
];

/// A document found in a cell, and what else the cell said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Found {
    /// The document.
    pub doc: DocumentRef,
    /// The words of the cell that are not the document ("của UBND thị xã"), for Ghi chú.
    pub rest: String,
    /// The type was not written: read from this code of the symbol ("KH").
    pub type_from_code: Option<String>,
}

/// The document a cell cites, when it names a number/symbol and a date.
pub(crate) fn read_document(text: &str) -> Option<Found> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let folded: Vec<String> = words.iter().map(|w| fold(w)).collect();
    let mut used = vec![false; words.len()];
    let (date_from, date_to, date) = find_date(&words, &folded)?;
    used[date_from..=date_to].fill(true);
    let (number_from, number_to, number) = find_number(&words, &folded, &used)?;
    used[number_from..=number_to].fill(true);
    let type_from = words[..number_from]
        .iter()
        .enumerate()
        .position(|(at, _)| !used[at] && starts_type(&folded[at..number_from]))
        .filter(|&at| used[at..number_from].iter().all(|u| !u));
    let mut doc_type = type_from.map_or_else(String::new, |at| {
        used[at..number_from].fill(true);
        words[at..number_from]
            .join(" ")
            .trim_matches(AROUND)
            .to_owned()
    });
    let mut type_from_code = None;
    if doc_type.is_empty() {
        let (code, named) = type_of_symbol(&number);
        doc_type = named.to_owned();
        type_from_code = Some(code);
    }
    let rest: Vec<&str> = words
        .iter()
        .zip(&used)
        .filter(|(_, used)| !**used)
        .map(|(w, _)| *w)
        .collect();
    Some(Found {
        doc: DocumentRef {
            doc_type: capitalised(&doc_type),
            number,
            date,
        },
        rest: rest.join(" ").trim_matches(AROUND).trim().to_owned(),
        type_from_code,
    })
}

/// The first date of the words: written out ("ngày 16 tháng 12 năm 2021") or as
/// day/month/year ("15/01/2021", "03/3/2021", "15-01-2021"), with the "ngày" before it;
/// its first and last word.
fn find_date(words: &[&str], folded: &[String]) -> Option<(usize, usize, NaiveDate)> {
    let short = words.iter().enumerate().find_map(|(at, w)| {
        let bare = w.trim_matches(AROUND);
        let date = value::parse_date(bare).ok().flatten()?;
        let from = if at > 0 && folded[at - 1] == "ngay" {
            at - 1
        } else {
            at
        };
        Some((from, at, date))
    });
    match (long_date(words, folded), short) {
        (Some(long), Some(short)) if short.0 < long.0 => Some(short),
        (Some(long), _) => Some(long),
        (None, short) => short,
    }
}

/// "[ngày] D tháng M năm Y": its first and last word, and the date.
fn long_date(words: &[&str], folded: &[String]) -> Option<(usize, usize, NaiveDate)> {
    let number = |w: &str| -> Option<u32> {
        let bare = w.trim_matches(AROUND);
        (!bare.is_empty() && bare.bytes().all(|b| b.is_ascii_digit()))
            .then(|| bare.parse().ok())
            .flatten()
    };
    (1..words.len().saturating_sub(3)).find_map(|at| {
        if folded[at] != "thang" || folded[at + 2] != "nam" {
            return None;
        }
        let day = number(words[at - 1])?;
        let month = number(words[at + 1])?;
        let year = i32::try_from(number(words[at + 3])?).ok()?;
        if !(1900..=2100).contains(&year) {
            return None;
        }
        let date = NaiveDate::from_ymd_opt(year, month, day)?;
        let from = if at >= 2 && folded[at - 2] == "ngay" {
            at - 2
        } else {
            at - 1
        };
        Some((from, at + 3, date))
    })
}

/// The number/symbol: a word like "03/KH-UBND" (digits, "/", letters), or "411 /BC-UBND"
/// in two words, or digits after "số"; with the "số" before it. Words already `used` (the
/// date) are not looked at.
fn find_number(words: &[&str], folded: &[String], used: &[bool]) -> Option<(usize, usize, String)> {
    let with_so = |at: usize| {
        if at > 0 && !used[at - 1] && folded[at - 1] == "so" {
            at - 1
        } else {
            at
        }
    };
    for at in 0..words.len() {
        if used[at] {
            continue;
        }
        let bare = words[at].trim_end_matches(AROUND);
        if is_symbol(bare) {
            return Some((with_so(at), at, bare.to_owned()));
        }
        let digits = !bare.is_empty() && bare.bytes().all(|b| b.is_ascii_digit());
        if digits
            && let Some(next) = words.get(at + 1).filter(|_| !used[at + 1])
            && next.starts_with('/')
            && is_symbol(&format!("{bare}{}", next.trim_end_matches(AROUND)))
        {
            let joined = format!("{bare}{}", next.trim_end_matches(AROUND));
            return Some((with_so(at), at + 1, joined));
        }
        if digits && with_so(at) < at {
            return Some((at - 1, at, bare.to_owned()));
        }
    }
    None
}

/// "03/KH-UBND", "3971/QĐ-UBND", "123/UBND-VP": digits, a slash, then an upper-case letter.
fn is_symbol(word: &str) -> bool {
    let Some((number, symbol)) = word.split_once('/') else {
        return false;
    };
    !number.is_empty()
        && number.chars().all(|c| c.is_ascii_digit() || c == '.')
        && number.starts_with(|c: char| c.is_ascii_digit())
        && symbol.starts_with(char::is_uppercase)
}

/// Whether the folded words start with a kind of document.
fn starts_type(folded: &[String]) -> bool {
    let joined = folded.join(" ");
    DOCUMENT_TYPES
        .iter()
        .chain(MORE_TYPES)
        .any(|t| joined == *t || joined.starts_with(&format!("{t} ")))
}

/// The code of a symbol and the type it names; a symbol without a type code
/// ("123/UBND-VP") is a Công văn.
fn type_of_symbol(number: &str) -> (String, &'static str) {
    let code = number
        .split_once('/')
        .map_or("", |(_, symbol)| symbol.split('-').next().unwrap_or(""));
    let named = CODES
        .iter()
        .find(|(c, _)| *c == code)
        .map_or("Công văn", |(_, named)| named);
    (code.to_owned(), named)
}

/// The text with its first letter upper case ("kế hoạch" → "Kế hoạch").
pub(crate) fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    fn read(text: &str) -> (String, String, NaiveDate, String, Option<String>) {
        let found = read_document(text).unwrap_or_else(|| panic!("a document: {text}"));
        (
            found.doc.doc_type,
            found.doc.number,
            found.doc.date,
            found.rest,
            found.type_from_code,
        )
    }

    #[test]
    fn documents_as_offices_write_them() {
        let plan = |d: NaiveDate, rest: &str| {
            (
                "Kế hoạch".to_owned(),
                "03/KH-UBND".to_owned(),
                d,
                rest.to_owned(),
                None,
            )
        };
        let jan15 = date(2021, 1, 15);
        assert_eq!(
            read("Kế hoạch số 03/KH-UBND ngày 15/01/2021"),
            plan(jan15, "")
        );
        assert_eq!(
            read("Kế hoạch số 03/KH-UBND ngày 15-01-2021"),
            plan(jan15, "")
        );
        assert_eq!(
            read("Kế hoạch số 03/KH-UBND ngày 15 tháng 01 năm 2021"),
            plan(jan15, "")
        );
        assert_eq!(
            read("Kế hoạch số: 03/KH-UBND, ngày 15/01/2021."),
            plan(jan15, "")
        );
        assert_eq!(
            read("kế hoạch 03/KH-UBND ngày 15/01/2021 của UBND thị xã"),
            plan(jan15, "của UBND thị xã")
        );
        assert_eq!(
            read("Kế hoạch số 20/KH-UBND ngày 03/3/2021").2,
            date(2021, 3, 3)
        );
        assert_eq!(
            read("Quyết định số 3971/QĐ-UBND ngày 19/10/2021").0,
            "Quyết định"
        );
        assert_eq!(
            read("Đã ban hành Kế hoạch số 03/KH-UBND ngày 15/01/2021"),
            plan(jan15, "Đã ban hành")
        );
    }

    #[test]
    fn a_missing_type_is_read_from_the_symbol() {
        let (doc_type, number, _, _, code) = read("Số 03/KH-UBND ngày 15/01/2021");
        assert_eq!(
            (doc_type.as_str(), number.as_str()),
            ("Kế hoạch", "03/KH-UBND")
        );
        assert_eq!(code.as_deref(), Some("KH"));
        assert_eq!(read("123/UBND-VP ngày 02/02/2021").0, "Công văn");
    }

    #[test]
    fn the_number_may_be_split_from_its_symbol() {
        let (doc_type, number, d, rest, _) =
            read("Báo cáo số 411 /BC-UBND ngày 16 tháng 12 năm 2021 của UBND thị xã Nghã Năm");
        assert_eq!(doc_type, "Báo cáo");
        assert_eq!(number, "411/BC-UBND");
        assert_eq!(d, date(2021, 12, 16));
        assert_eq!(rest, "của UBND thị xã Nghã Năm");
    }

    #[test]
    fn without_a_number_or_a_date_there_is_no_document() {
        assert_eq!(read_document("Kế hoạch số 03/KH-UBND"), None);
        assert_eq!(read_document("Kế hoạch ngày 15/01/2021"), None);
        assert_eq!(read_document("Đang thực hiện"), None);
        assert_eq!(
            read_document("Kế hoạch số 03/KH-UBND ngày 31/02/2021"),
            None
        );
        assert_eq!(
            read_document("Báo cáo số …/BC-UBND ngày … tháng … năm … của …"),
            None
        );
        assert_eq!(
            read_document("Kế hoạch số 03/KH-UBND ngày 31 tháng 2 năm 2021"),
            None
        );
    }
}
