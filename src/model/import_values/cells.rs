//! One Nội dung cell read as an officer wrote it, into the kind of its row.
//!
//! A number is read the Vietnamese way ("5.068", "5 068", "48716", "95,83", "100%"); an
//! explanation glued to it ("269 (3 thủ tục …)") goes to Ghi chú. A document is read with
//! its type, number and date however the date is written. A sentence where a number or a
//! Có/Không code belongs goes to Ghi chú and the value stays empty, for the officer to
//! decide. Anything else that does not read is kept as written (an invalid cell, shown
//! and flagged in the window), never dropped and never guessed.

use super::document::{capitalised, read_document};
use crate::model::report::{Cell, DocumentParts, Value, parse_text};
use crate::model::template::Kind;
use crate::model::template::from_table::header::fold;
use crate::model::value::{NumberKind, format_number, parse_number};

/// What a cell gave.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Read {
    /// The value cell.
    pub cell: Cell,
    /// Text taken out of the cell, to go into Ghi chú.
    pub to_note: String,
    /// Said for the record: what was taken out and why.
    pub remark: Option<String>,
    /// What the officer should look at, and why.
    pub doubt: Option<String>,
}

impl Read {
    fn value(value: Value) -> Read {
        Read {
            cell: Cell::Value(value),
            ..Read::default()
        }
    }

    /// Kept as written and flagged: it does not read as the row's kind.
    fn invalid(text: &str, reason: String) -> Read {
        Read {
            cell: Cell::Invalid(text.to_owned()),
            doubt: Some(format!("giữ nguyên như đã ghi để sửa: {reason}")),
            ..Read::default()
        }
    }

    /// Words where a value belongs: into Ghi chú, the value left empty.
    fn sentence(text: &str, what: &str) -> Read {
        Read {
            to_note: text.to_owned(),
            doubt: Some(format!(
                "ô {what} ghi chữ: đã chuyển sang Ghi chú, chưa có giá trị; hãy nhập giá trị"
            )),
            ..Read::default()
        }
    }
}

/// Read `text`, a Nội dung cell, as a value of a row of this kind and unit.
pub(crate) fn read(kind: &Kind, unit: &str, text: &str) -> Read {
    let text = text.trim();
    if text.is_empty() {
        return Read::default();
    }
    match kind {
        Kind::Count => number(text, NumberKind::Count, unit),
        Kind::Decimal => number(text, NumberKind::Decimal, unit),
        Kind::Percent => number(text, NumberKind::Percent, unit),
        Kind::YesNo(_) | Kind::Choice(_) => coded(kind, text),
        Kind::Document => document(text),
        Kind::Text => Read::value(Value::Text(text.to_owned())),
    }
}

/// A number, maybe with words after it.
fn number(text: &str, kind: NumberKind, unit: &str) -> Read {
    if let Ok(Some(n)) = parse_number(text, kind) {
        return Read::value(Value::Number(n));
    }
    let (lead, rest) = split_lead(text);
    if !rest.is_empty()
        && let Ok(Some(n)) = parse_number(lead, kind)
    {
        let mut read = Read::value(Value::Number(n));
        if !unit.is_empty() && fold(rest) == fold(unit) {
            read.remark = Some(format!(
                "bỏ “{rest}” viết sau số: đó là đơn vị tính của hàng"
            ));
        } else {
            glued(&mut read, rest, &format_number(n));
        }
        return read;
    }
    if has_words(text) && !text.starts_with(|c: char| c.is_ascii_digit()) {
        return Read::sentence(text, "số");
    }
    let reason = match parse_number(text, kind) {
        Err(e) => e.to_string(),
        Ok(_) => "không phải là số".to_owned(),
    };
    Read::invalid(text, reason)
}

/// A Có/Không or choice code, by its digit or its wording, maybe with words after it.
fn coded(kind: &Kind, text: &str) -> Read {
    if let Ok(value) = parse_text(kind, text) {
        return Read::value(value);
    }
    let head = text.split(['(', ':', ';', ',']).next().unwrap_or("").trim();
    let rest = text[head.len()..].trim();
    if !head.is_empty()
        && !rest.is_empty()
        && let Ok(value) = parse_text(kind, head)
    {
        let mut read = Read::value(value);
        glued(&mut read, rest, head);
        return read;
    }
    let options = kind
        .choices()
        .map(|c| {
            c.iter()
                .map(|c| format!("{} = {}", c.label, c.code))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_default();
    if has_words(text) {
        return Read::sentence(text, &format!("“{options}”"));
    }
    let reason = parse_text(kind, text)
        .err()
        .unwrap_or_else(|| format!("chỉ nhận {options}"));
    Read::invalid(text, reason)
}

/// A document; the words around it go to Ghi chú.
fn document(text: &str) -> Read {
    let Some(found) = read_document(text) else {
        let reason = DocumentParts::split(text)
            .parse()
            .err()
            .unwrap_or_else(|| "không đọc được thành văn bản (loại, số/ký hiệu, ngày)".into());
        return Read::invalid(text, reason);
    };
    let shown = found.doc.display();
    let mut read = Read::value(Value::Document(found.doc));
    if !found.rest.is_empty() {
        glued(&mut read, &found.rest, &shown);
    }
    if let Some(code) = found.type_from_code {
        let named = match &read.cell {
            Cell::Value(Value::Document(d)) => d.doc_type.clone(),
            _ => String::new(),
        };
        let said = if code.is_empty() || named == "Công văn" {
            format!("không ghi loại văn bản; đoán là {named} (ký hiệu không có mã loại)")
        } else {
            format!("không ghi loại văn bản; đoán là {named} theo ký hiệu “{code}”")
        };
        read.doubt = Some(match read.doubt.take() {
            Some(before) => format!("{before}; {said}"),
            None => said,
        });
    }
    read
}

/// Words glued to a value go to Ghi chú: said for the record when they were in
/// parentheses (an explanation), to be looked at otherwise.
fn glued(read: &mut Read, rest: &str, value: &str) {
    let inner = rest
        .strip_prefix('(')
        .and_then(|r| r.strip_suffix(')'))
        .filter(|inner| !inner.contains(')'));
    match inner {
        Some(inner) => {
            read.to_note = capitalised(inner.trim());
            read.remark = Some(format!(
                "giá trị {value}; phần trong ngoặc đã chuyển sang Ghi chú"
            ));
        }
        None => {
            read.to_note = capitalised(rest.trim_start_matches([',', ';', ':', '-']).trim());
            read.doubt = Some(format!(
                "đọc giá trị {value}; phần chữ sau đó đã chuyển sang Ghi chú, hãy kiểm tra"
            ));
        }
    }
}

/// The number a cell starts with and the rest: "269 (3 thủ tục …)" → ("269", "(3 thủ tục …)").
fn split_lead(text: &str) -> (&str, &str) {
    let end = text
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || matches!(c, '.' | ',' | ' ' | '%')))
        .map_or(text.len(), |(at, _)| at);
    let lead = text[..end].trim_end_matches([' ', ',', '.']);
    (lead.trim(), text[lead.len()..].trim())
}

/// Whether the text holds a word (two letters or more), not only digits and signs.
fn has_words(text: &str) -> bool {
    text.split(|c: char| !c.is_alphabetic())
        .any(|w| w.chars().count() >= 2)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::report::DocumentRef;
    use crate::model::template::Choice;

    fn yes_no() -> Kind {
        Kind::YesNo(vec![
            Choice {
                code: 1,
                label: "Có".into(),
            },
            Choice {
                code: 0,
                label: "Không".into(),
            },
        ])
    }

    fn number_of(read: &Read) -> Option<f64> {
        match read.cell {
            Cell::Value(Value::Number(n)) => Some(n),
            _ => None,
        }
    }

    #[test]
    fn numbers_as_officers_write_them() {
        for (text, kind, want) in [
            ("5.068", Kind::Count, 5068.0),
            ("5 068", Kind::Count, 5068.0),
            ("5\u{a0}068", Kind::Count, 5068.0),
            ("48716", Kind::Count, 48716.0),
            ("1.200", Kind::Count, 1200.0),
            ("100%", Kind::Percent, 100.0),
            ("95,83", Kind::Percent, 95.83),
            ("2,22 %", Kind::Percent, 2.22),
            ("0,37", Kind::Percent, 0.37),
        ] {
            let read = read(&kind, "", text);
            assert_eq!(number_of(&read), Some(want), "{text}");
            assert_eq!((read.to_note.as_str(), &read.doubt), ("", &None), "{text}");
        }
    }

    #[test]
    fn an_explanation_glued_to_a_number_goes_to_the_note() {
        let r = read(
            &Kind::Count,
            "Thủ tục",
            "269 (3 thủ tục thuộc Lĩnh vực Lâm nghiệp và 5 thủ tục …)",
        );
        assert_eq!(number_of(&r), Some(269.0));
        assert_eq!(
            r.to_note,
            "3 thủ tục thuộc Lĩnh vực Lâm nghiệp và 5 thủ tục …"
        );
        assert!(r.remark.is_some() && r.doubt.is_none(), "{r:?}");
        let r = read(
            &Kind::Count,
            "Cơ quan, đơn vị",
            "5 (kể cả Ban quản lý dự án)",
        );
        assert_eq!(r.to_note, "Kể cả Ban quản lý dự án");
        let r = read(
            &Kind::Count,
            "Tin, bài",
            "3 (Bài Quý I đăng ngày 18/02/2021; bài Quý II đăng ngày 14/4/2021)",
        );
        assert_eq!(number_of(&r), Some(3.0));
        assert_eq!(
            r.to_note,
            "Bài Quý I đăng ngày 18/02/2021; bài Quý II đăng ngày 14/4/2021"
        );
        // Not in parentheses: kept in the note, and looked at.
        let r = read(&Kind::Count, "Văn bản", "9 trong đó 2 văn bản sửa đổi");
        assert_eq!(number_of(&r), Some(9.0));
        assert_eq!(r.to_note, "Trong đó 2 văn bản sửa đổi");
        assert!(r.doubt.is_some());
        // The row's unit after the number is the unit, not a note.
        let r = read(&Kind::Count, "Văn bản", "9 văn bản");
        assert_eq!((number_of(&r), r.to_note.as_str()), (Some(9.0), ""));
    }

    #[test]
    fn text_in_a_yes_no_cell_goes_to_the_note_and_leaves_the_value_empty() {
        let r = read(&yes_no(), "", "Đang thực hiện theo hướng dẫn của Sở Nội vụ");
        assert_eq!(r.cell, Cell::Empty);
        assert_eq!(r.to_note, "Đang thực hiện theo hướng dẫn của Sở Nội vụ");
        let doubt = r.doubt.expect("marked for review");
        assert!(doubt.contains("Có = 1 Không = 0"), "{doubt}");
        assert_eq!(read(&yes_no(), "", "1").cell, Cell::Value(Value::Code(1)));
        assert_eq!(
            read(&yes_no(), "", "Không").cell,
            Cell::Value(Value::Code(0))
        );
        let r = read(&yes_no(), "", "1 (từ tháng 6)");
        assert_eq!(
            (r.cell, r.to_note.as_str()),
            (Cell::Value(Value::Code(1)), "Từ tháng 6")
        );
        // A code the row does not have is kept as written and flagged.
        let r = read(&yes_no(), "", "2");
        assert_eq!(r.cell, Cell::Invalid("2".into()));
        assert!(r.doubt.is_some());
    }

    #[test]
    fn a_sentence_in_a_number_cell_goes_to_the_note_and_bad_numbers_are_kept() {
        let r = read(&Kind::Count, "Hồ sơ", "Chưa thống kê");
        assert_eq!((r.cell, r.to_note.as_str()), (Cell::Empty, "Chưa thống kê"));
        let r = read(&Kind::Count, "Hồ sơ", "95,5");
        assert_eq!(r.cell, Cell::Invalid("95,5".into()));
        assert!(r.doubt.expect("why").contains("số nguyên"));
        let r = read(&Kind::Percent, "%", "150");
        assert_eq!(r.cell, Cell::Invalid("150".into()));
    }

    #[test]
    fn documents_become_type_number_and_date() {
        let r = read(
            &Kind::Document,
            "",
            "Kế hoạch số 03/KH-UBND ngày 15/01/2021",
        );
        let want = DocumentRef {
            doc_type: "Kế hoạch".into(),
            number: "03/KH-UBND".into(),
            date: chrono::NaiveDate::from_ymd_opt(2021, 1, 15).expect("date"),
        };
        assert_eq!(r.cell, Cell::Value(Value::Document(want.clone())));
        assert_eq!((r.to_note.as_str(), &r.doubt), ("", &None));
        let r = read(
            &Kind::Document,
            "",
            "Kế hoạch số 03/KH-UBND ngày 15 tháng 01 năm 2021 của UBND thị xã",
        );
        assert_eq!(r.cell, Cell::Value(Value::Document(want.clone())));
        assert_eq!(r.to_note, "Của UBND thị xã");
        let r = read(&Kind::Document, "", "Số 03/KH-UBND ngày 15/01/2021");
        assert_eq!(r.cell, Cell::Value(Value::Document(want)));
        assert!(r.doubt.expect("the type was a guess").contains("KH"));
        let r = read(&Kind::Document, "", "Kế hoạch số 03/KH-UBND");
        assert_eq!(r.cell, Cell::Invalid("Kế hoạch số 03/KH-UBND".into()));
        assert!(r.doubt.expect("why").contains("ngày ban hành"));
    }

    #[test]
    fn text_rows_take_the_text_whole() {
        let r = read(&Kind::Text, "", "Hàng tuần (trên Đài) 3 lần");
        assert_eq!(
            r.cell,
            Cell::Value(Value::Text("Hàng tuần (trên Đài) 3 lần".into()))
        );
    }
}
