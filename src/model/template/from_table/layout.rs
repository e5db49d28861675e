//! The body of the table: its rows read through the header's columns, then given ids by
//! the scheme of the 2021 form (a Roman numeral is a section, a number a group, a row
//! without a number the k-th row of its group, "- " rows are sub rows).

use super::header::{Header, fold};
use super::{Grid, Note, RowGuess};
use crate::model::ids::{Depth, IndicatorId};

/// One row of the body as the table prints it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Line {
    /// 1-based row of the table.
    pub table_row: usize,
    /// The Stt cell.
    pub stt: String,
    /// The label, on one line.
    pub label: String,
    /// Đơn vị tính, on one line.
    pub unit: String,
    /// Nội dung (a filled table's value), on one line.
    pub value: String,
    /// Ghi chú (a filled table's note), on one line.
    pub note: String,
}

/// The body of the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Body {
    /// Rows with something in them, header copies left out.
    pub lines: Vec<Line>,
    /// The caption row between the header and the first section ("Báo cáo CCHC năm 2021").
    pub caption: String,
}

/// A row with its id, and the cells the kind is guessed from.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Slot {
    /// The row so far (no kind yet).
    pub row: RowGuess,
    /// Đơn vị tính as printed.
    pub unit: String,
    /// Nội dung of a filled table.
    pub value: String,
    /// Ghi chú of a filled table.
    pub note: String,
}

/// The text of `row` in `cols`, merged copies from the left left out, on one line.
fn text_at(grid: &Grid, row: usize, cols: &[usize]) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for &col in cols {
        let own = grid.own(row, col);
        if !own.is_empty() {
            parts.push(own);
        }
    }
    parts
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether a row only numbers the columns ("1 2 3 4 5", "(1) (2) (3)", "A B 1 2"), as
/// many Vietnamese forms print under the header.
fn numbers_columns(grid: &Grid, row: usize) -> bool {
    let cells: Vec<&str> = (0..grid.width())
        .map(|c| grid.own(row, c))
        .filter(|c| !c.is_empty())
        .collect();
    cells.len() >= 3
        && cells.iter().all(|c| {
            let t = c.trim_matches(|ch| ch == '(' || ch == ')' || ch == '[' || ch == ']');
            !t.is_empty()
                && t.chars().count() <= 2
                && t.chars().all(|ch| ch.is_ascii_alphanumeric())
        })
}

/// Read the body under the header: rows with something in them, without the header
/// copies and column numbers, and the caption row.
pub(crate) fn read_body(grid: &Grid, header: &Header, notes: &mut Vec<Note>) -> Body {
    let mut lines = Vec::new();
    let mut repeated = 0;
    let mut caption = String::new();
    let mut in_sections = false;
    for row in header.end..grid.height() {
        let line = Line {
            table_row: row + 1,
            stt: text_at(grid, row, &header.stt),
            label: text_at(grid, row, &header.label),
            unit: text_at(grid, row, &header.unit),
            value: text_at(grid, row, &header.value),
            note: text_at(grid, row, &header.note),
        };
        if line.stt.is_empty()
            && line.label.is_empty()
            && line.unit.is_empty()
            && line.value.is_empty()
            && line.note.is_empty()
        {
            continue;
        }
        if header.is_repeated(grid, row) {
            repeated += 1;
            continue;
        }
        if numbers_columns(grid, row) {
            continue;
        }
        if matches!(parse_stt(&line.stt), Stt::Section(_)) {
            in_sections = true;
        }
        let caption_like = !in_sections
            && caption.is_empty()
            && line.stt.is_empty()
            && line.unit.is_empty()
            && !line.label.is_empty();
        if caption_like {
            caption.clone_from(&line.label);
            continue;
        }
        lines.push(line);
    }
    if repeated > 0 {
        notes.push(Note::info(format!(
            "bỏ qua {repeated} dòng tiêu đề bảng lặp lại (ở đầu mỗi trang)"
        )));
    }
    Body { lines, caption }
}

/// What the Stt column says about a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stt {
    /// Nothing: the k-th row of its group.
    Empty,
    /// A Roman numeral: a section.
    Section(u32),
    /// A number: a group.
    Group(u32),
    /// "1.2", "a", "b)": a row of its group, numbered explicitly.
    Item,
    /// "-", "+": a sub row.
    Dash,
    /// Anything else.
    Other,
}

fn parse_stt(text: &str) -> Stt {
    let t = text
        .trim()
        .trim_start_matches('(')
        .trim_end_matches(['.', ')', ':'])
        .trim();
    if t.is_empty() {
        return Stt::Empty;
    }
    if ["-", "–", "—", "−", "+", "•", "*"].contains(&t) {
        return Stt::Dash;
    }
    if let Some(n) = roman_value(t) {
        return Stt::Section(n);
    }
    if t.len() <= 3 && t.bytes().all(|b| b.is_ascii_digit()) {
        return match t.parse::<u32>() {
            Ok(n) if n > 0 => Stt::Group(n),
            _ => Stt::Other,
        };
    }
    let dotted = t.split('.').count() == 2
        && t.split('.')
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    let letter = t.chars().count() == 1 && t.chars().all(|c| c.is_lowercase());
    if dotted || letter {
        Stt::Item
    } else {
        Stt::Other
    }
}

/// The value of an upper-case Roman numeral that is a section id (`I` … `XX`).
fn roman_value(text: &str) -> Option<u32> {
    let id = IndicatorId::parse(text).filter(|id| id.depth() == Depth::Section)?;
    let digit = |c: char| match c {
        'I' => 1,
        'V' => 5,
        'X' => 10,
        _ => 0,
    };
    let digits: Vec<i64> = id.as_str().chars().map(digit).collect();
    let mut total: i64 = 0;
    for (at, d) in digits.iter().enumerate() {
        if digits.get(at + 1).is_some_and(|next| next > d) {
            total -= d;
        } else {
            total += d;
        }
    }
    u32::try_from(total).ok()
}

/// The Roman numeral of 1 … 39.
fn roman(n: u32) -> String {
    let tens = "X".repeat((n / 10) as usize);
    let ones = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"][(n % 10) as usize];
    format!("{tens}{ones}")
}

/// The label without a leading dash, and whether it had one ("- Số TTHC …").
fn strip_dash(label: &str) -> (String, bool) {
    for dash in ['-', '–', '—', '−', '+', '•'] {
        if let Some(rest) = label.strip_prefix(dash) {
            let rest = rest.trim_start();
            if rest.starts_with(|c: char| c.is_alphabetic()) {
                return (rest.to_owned(), true);
            }
        }
    }
    (label.to_owned(), false)
}

/// Where the numbering stands while the rows are read.
#[derive(Default)]
struct Numbering {
    section: Option<(u32, String)>,
    group: u32,
    item: u32,
    before_sections: Vec<usize>,
}

/// Give every line its id. Lines that cannot be placed (above the first section, without a
/// label) are left out with a note.
pub(crate) fn place(lines: Vec<Line>, notes: &mut Vec<Note>) -> Vec<Slot> {
    let mut at = Numbering::default();
    let mut slots = Vec::with_capacity(lines.len());
    for line in lines {
        let (label, dashed) = strip_dash(&line.label);
        if label.is_empty() {
            notes.push(Note::review(format!(
                "hàng {} của bảng có số thứ tự, đơn vị tính hoặc nội dung nhưng không có tên chỉ tiêu: bỏ qua",
                line.table_row
            )));
            continue;
        }
        let stt = parse_stt(&line.stt);
        let mut row_notes = Vec::new();
        let Some((id, sub)) = number(&mut at, stt, &line, dashed, &mut row_notes) else {
            continue;
        };
        let Some(id) = IndicatorId::parse(&id) else {
            notes.push(Note::review(format!(
                "hàng {} của bảng: không đặt được mã “{id}” (quá nhiều hàng trong một nhóm): bỏ qua",
                line.table_row
            )));
            continue;
        };
        slots.push(Slot {
            row: RowGuess {
                id,
                label,
                sub,
                kind: None,
                unit: String::new(),
                table_row: line.table_row,
                notes: row_notes,
            },
            unit: line.unit,
            value: line.value,
            note: line.note,
        });
    }
    if !at.before_sections.is_empty() {
        let rows: Vec<String> = at.before_sections.iter().map(ToString::to_string).collect();
        notes.push(Note::review(format!(
            "bỏ qua hàng {} của bảng: nằm trên mục lớn đầu tiên (số La Mã)",
            rows.join(", ")
        )));
    }
    slots
}

/// The id of a line and whether it is a sub row; `None` when it lies above the first section.
fn number(
    at: &mut Numbering,
    stt: Stt,
    line: &Line,
    dashed: bool,
    notes: &mut Vec<super::Note>,
) -> Option<(String, bool)> {
    if let Stt::Section(n) = stt {
        let n = match &at.section {
            Some((prev, prev_id)) if n <= *prev => {
                let next = prev + 1;
                notes.push(Note::review(format!(
                    "số La Mã “{}” không lớn hơn mục trước ({prev_id}): lấy {}",
                    line.stt,
                    roman(next)
                )));
                next
            }
            _ => n,
        };
        let id = roman(n);
        at.section = Some((n, id.clone()));
        at.group = 0;
        at.item = 0;
        return Some((id, false));
    }
    let Some((_, section)) = at.section.clone() else {
        at.before_sections.push(line.table_row);
        return None;
    };
    let new_group = |at: &mut Numbering, n: u32| {
        at.group = n;
        at.item = 0;
        Some((format!("{section}.{n}"), false))
    };
    match stt {
        Stt::Group(n) if n <= at.group => {
            let next = at.group + 1;
            notes.push(Note::review(format!(
                "số thứ tự “{}” không lớn hơn nhóm trước ({section}.{}): lấy {next}",
                line.stt, at.group
            )));
            new_group(at, next)
        }
        Stt::Group(n) => {
            if n > at.group + 1 {
                notes.push(Note::info(format!(
                    "số thứ tự nhảy từ {} lên {n}: giữ như bảng",
                    at.group
                )));
            }
            if dashed {
                notes.push(Note::info(
                    "hàng có số thứ tự nên là nhóm, dù tên bắt đầu bằng “-”",
                ));
            }
            new_group(at, n)
        }
        _ if at.group == 0 => {
            let next = at.group + 1;
            notes.push(Note::review(format!(
                "hàng không có số thứ tự nằm ngay dưới mục lớn {section}: đặt là nhóm {section}.{next}"
            )));
            new_group(at, next)
        }
        _ => {
            at.item += 1;
            if stt == Stt::Other {
                notes.push(Note::review(format!(
                    "không hiểu số thứ tự “{}”: coi là hàng thứ {} của nhóm {section}.{}",
                    line.stt, at.item, at.group
                )));
            }
            let sub = dashed || stt == Stt::Dash;
            Some((format!("{section}.{}.{}", at.group, at.item), sub))
        }
    }
}

/// Whether a folded label names a plan or a decision ("Kế hoạch …", "Quyết định …").
pub(super) fn names_document(label: &str) -> bool {
    let f = fold(label);
    f.starts_with("ke hoach") || f.starts_with("quyet dinh")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stt_reads_sections_groups_and_rows() {
        assert_eq!(parse_stt("I"), Stt::Section(1));
        assert_eq!(parse_stt("IV."), Stt::Section(4));
        assert_eq!(parse_stt("XIX"), Stt::Section(19));
        assert_eq!(parse_stt("1"), Stt::Group(1));
        assert_eq!(parse_stt("12."), Stt::Group(12));
        assert_eq!(parse_stt("3)"), Stt::Group(3));
        assert_eq!(parse_stt(""), Stt::Empty);
        assert_eq!(parse_stt("-"), Stt::Dash);
        assert_eq!(parse_stt("1.2"), Stt::Item);
        assert_eq!(parse_stt("b)"), Stt::Item);
        assert_eq!(parse_stt("IIII"), Stt::Other);
        assert_eq!(parse_stt("0"), Stt::Other);
        for n in 1..=20 {
            assert_eq!(roman_value(&roman(n)), Some(n), "{n}");
        }
    }

    #[test]
    fn dashes_mark_sub_rows() {
        assert_eq!(strip_dash("- Số TTHC"), ("Số TTHC".to_owned(), true));
        assert_eq!(strip_dash("–Số TTHC"), ("Số TTHC".to_owned(), true));
        assert_eq!(strip_dash("-5 độ"), ("-5 độ".to_owned(), false));
        assert_eq!(strip_dash("Số TTHC"), ("Số TTHC".to_owned(), false));
    }
}
