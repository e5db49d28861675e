//! The cells of the appendix's table (portrait and landscape), and a roll-up's combined
//! values, made as typst content here rather than by a loop in `assets/print/appendix.typ`: typst's script took about 7 ms
//! for the 180 rows of the example, on each of the two threads that typeset it, and this
//! takes a fraction of a millisecond. The layout file still decides the table (columns,
//! borders, insets, header) and everything around it; this says what is in each cell and
//! in which size and weight:
//! - labels and values at the table's 12 pt; units at 10,5 pt, notes at 10 pt, text values
//!   at 11 pt; sections and groups (depth 0 and 1) bold in Stt and label;
//! - rows under a group indented 1 em, "- " rows 2 em;
//! - numbers and "x" (not applicable) centred, text left;
//! - a document number and symbol ("03/KH-UBND") boxed, so that no line breaks inside it;
//! - on the blank form, an empty box as tall as handwriting needs in each value cell;
//! - a row with a value or note over 150 bytes may break across pages, no other row.

use typst::foundations::{Content, NativeElement, Smart};
use typst::layout::{
    Abs, AlignElem, Alignment, BlockElem, BoxElem, Em, HAlignment, Length, Rel, Sides, Sizing,
    VAlignment,
};
use typst::model::{EmphElem, TableCell};
use typst::text::{FontWeight, TextElem, TextSize};

use super::sheet::{Sheet, SheetRow, WRITE_IN_MM};

/// Cells per row: Stt, label, unit, value, note.
pub const PER_ROW: usize = 5;

/// Every row's five cells, in order.
pub fn cells(sheet: &Sheet) -> Vec<Content> {
    sheet.rows.iter().flat_map(row_cells).collect()
}

fn row_cells(row: &SheetRow) -> [Content; PER_ROW] {
    let strong = row.depth < 2;
    let tall = row.note.len() > 150 || row.value.len() > 150;
    let cell = |body: Content| TableCell::new(body).with_breakable(Smart::Custom(tall));
    let weighted = |text: &str| {
        let text = TextElem::packed(text);
        if strong {
            text.set(TextElem::weight, FontWeight::BOLD)
        } else {
            text
        }
    };
    let indent = match (row.depth, row.sub) {
        (2, true) => 2.0,
        (2, false) => 1.0,
        _ => 0.0,
    };
    let inset = |amount: Length| Some(Rel::from(amount));
    let label_inset = Sides::new(
        inset(Length {
            abs: Abs::pt(3.0),
            em: Em::new(indent),
        }),
        inset(Abs::pt(1.5).into()),
        inset(Abs::pt(3.0).into()),
        inset(Abs::pt(1.5).into()),
    );
    let centred = row.na || (row.kind == "number" && !row.write_in);
    [
        cell(weighted(&row.stt)).pack(),
        cell(weighted(&row.label))
            .with_inset(Smart::Custom(label_inset))
            .pack(),
        cell(sized(&row.unit, 10.5)).pack(),
        cell(value(row))
            .with_align(if centred {
                Smart::Custom(Alignment::Both(HAlignment::Center, VAlignment::Horizon))
            } else {
                Smart::Auto
            })
            .pack(),
        cell(sized(&row.note, 10.0)).pack(),
    ]
}

/// What a value cell holds: the write-in box of the blank form, "x" where the row does not
/// apply, a number as printed, or a text at 11 pt with its document numbers boxed.
fn value(row: &SheetRow) -> Content {
    if row.write_in {
        // The cell's inset (1,5 pt above and below) makes up the rest of the least height.
        let height = Abs::mm(WRITE_IN_MM) - Abs::pt(3.0);
        BlockElem::new()
            .with_height(Sizing::Rel(Rel::from(Length::from(height))))
            .pack()
    } else if row.na {
        EmphElem::new(TextElem::packed("x")).pack()
    } else if row.kind == "number" {
        TextElem::packed(row.value.as_str())
    } else {
        keep_numbers(&row.value).set(TextElem::size, size(11.0))
    }
}

/// A roll-up's combined value of each row, as its wide table prints it in "Tổng hợp":
/// numbers and "x" centred, texts as in the appendix's value cells.
pub fn combined_values(sheet: &Sheet) -> Vec<Content> {
    sheet
        .rows
        .iter()
        .map(|row| {
            if row.na || row.kind == "number" {
                AlignElem::new(value(row))
                    .with_alignment(Alignment::CENTER)
                    .pack()
            } else {
                value(row)
            }
        })
        .collect()
}

fn size(pt: f64) -> TextSize {
    TextSize(Abs::pt(pt).into())
}

/// `text` at `pt` points; nothing for an empty text.
fn sized(text: &str, pt: f64) -> Content {
    if text.is_empty() {
        Content::empty()
    } else {
        TextElem::packed(text).set(TextElem::size, size(pt))
    }
}

/// The value with each document number and symbol ("03/KH-UBND", "3971/QĐ-UBND") in a box
/// of its own, so that no line breaks inside it. Dates need no help: typst never breaks
/// between "/" and a digit.
fn keep_numbers(value: &str) -> Content {
    let mut pieces = vec![];
    let mut last = 0;
    for (start, end) in document_numbers(value) {
        if start > last {
            pieces.push(TextElem::packed(&value[last..start]));
        }
        let number = TextElem::packed(&value[start..end]);
        pieces.push(BoxElem::new().with_body(Some(number)).pack());
        last = end;
    }
    if last < value.len() || pieces.is_empty() {
        pieces.push(TextElem::packed(&value[last..]));
    }
    Content::sequence(pieces)
}

/// Where `[0-9]+/[^ ,;()0-9][^ ,;()]*` matches in `value`, leftmost first, as byte ranges.
fn document_numbers(value: &str) -> Vec<(usize, usize)> {
    let stops = |c: char| matches!(c, ' ' | ',' | ';' | '(' | ')');
    let bytes = value.as_bytes();
    let mut found = vec![];
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        // Digits, then "/", then a character that is neither a digit nor a stop.
        let rest = &value[i..];
        let mut chars = rest.char_indices();
        let symbol = matches!(
            (chars.next(), chars.next()),
            (Some((_, '/')), Some((_, c))) if !c.is_ascii_digit() && !stops(c)
        );
        if !symbol {
            continue;
        }
        let tail = rest[1..].find(stops).map_or(rest.len(), |end| end + 1);
        found.push((start, i + tail));
        i += tail;
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(value: &str) -> Vec<&str> {
        document_numbers(value)
            .into_iter()
            .map(|(start, end)| &value[start..end])
            .collect()
    }

    #[test]
    fn document_numbers_are_found_as_the_pattern_finds_them() {
        assert_eq!(
            matches("Kế hoạch số 03/KH-UBND ngày 15/01/2021"),
            ["03/KH-UBND"]
        );
        assert_eq!(
            matches("QĐ 3971/QĐ-UBND, 12/KH; (5/BC-UBND)"),
            ["3971/QĐ-UBND", "12/KH", "5/BC-UBND"]
        );
        // As Python's re.findall gives them for the same pattern.
        assert_eq!(
            matches("số12/QĐ/UB 3/4/KH 9//x 1/-a"),
            ["12/QĐ/UB", "4/KH", "9//x", "1/-a"]
        );
        // A date, a fraction, a number without a symbol: nothing to keep together.
        assert!(matches("ngày 29/12/2020, 1/2, 45/ và 7/ 8").is_empty());
        assert!(matches("").is_empty());
    }
}
