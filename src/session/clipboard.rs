//! Paste and copy like in Excel: a column (or two) copied from a spreadsheet pasted down
//! the Nội dung (and Ghi chú) column of a tab as one undo step; a cell, or a whole tab,
//! copied as the text Excel and Word paste back.
//!
//! The clipboard's text is what Excel and Word put there: a line per row, cells separated
//! by tabs, a cell that holds a tab, a line break or a quote written in quotes (a quote
//! doubled). Each pasted value is read as typing reads it ([`Report::set_text`]: "1.200",
//! "95,83", "Có" …); what cannot be read is kept as pasted and flagged, as typing keeps
//! it. Heading rows take no value and are passed over; rows that do not apply to the
//! unit's level are locked, passed over too, and the outcome says which.
//!
//! [`Report::set_text`]: crate::model::Report::set_text

use super::document::{CellRef, Document, Slot};
use crate::model::report::{Change, EditError, display_cell};
use crate::model::{Cell, IndicatorId};

/// What the table shows in the Nội dung cell of a row that does not apply to the unit.
pub const NOT_APPLICABLE: &str = "Không áp dụng";

/// The column headings of a copied tab, as the table shows them.
const HEADINGS: [&str; 5] = [
    "Stt",
    "Chỉ tiêu thống kê",
    "Đơn vị tính",
    "Nội dung",
    "Ghi chú",
];

/// Ids named in a message at most; more are counted.
const NAMED: usize = 6;

/// Why nothing was pasted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PasteError {
    /// The report is open read-only.
    #[error("báo cáo đang mở chỉ đọc; không dán được")]
    ReadOnly,
    /// More columns than the table takes from that cell.
    #[error(
        "bảng đã chép có {found} cột; ô này chỉ nhận {allowed}. Hãy chọn riêng các cột đó trong Excel, chép (Ctrl+C) rồi dán lại"
    )]
    Columns {
        /// Columns on the clipboard.
        found: usize,
        /// What the cell takes, in words.
        allowed: &'static str,
    },
    /// The cell is not one a value can be pasted into (a heading, a locked row).
    #[error("ô {0} không nhận giá trị dán vào")]
    NotACell(String),
}

/// What a paste did, for the officer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pasted {
    /// The section pasted into.
    pub section: String,
    /// Rows that received a pasted line.
    pub rows: usize,
    /// Which column the first pasted column went into: [`Slot::Value`] or [`Slot::Note`].
    pub column: Slot,
    /// Whether a second column went into Ghi chú.
    pub notes: bool,
    /// Cells whose pasted text could not be read as their kind (kept, flagged).
    pub unreadable: Vec<IndicatorId>,
    /// Rows passed over because they do not apply to the unit's level.
    pub locked: Vec<IndicatorId>,
    /// The level they do not apply to, by the form's name for it ("cấp xã").
    pub level: Option<String>,
    /// Pasted lines left over when the tab had no more rows.
    pub left_over: usize,
}

impl Pasted {
    /// Whether every line found a cell and every value was read.
    pub fn is_clean(&self) -> bool {
        self.left_over == 0 && self.unreadable.is_empty()
    }

    /// "Đã dán 12 ô; 3 dòng còn lại không có ô để dán (…)", and what was passed over or
    /// could not be read.
    pub fn message(&self) -> String {
        let mut text = match (self.column, self.notes) {
            (Slot::Note, _) => format!("Đã dán {} ô Ghi chú", self.rows),
            (_, true) => format!("Đã dán {} dòng vào Nội dung và Ghi chú", self.rows),
            _ => format!("Đã dán {} ô", self.rows),
        };
        if self.left_over > 0 {
            text.push_str(&format!(
                "; {} dòng còn lại không có ô để dán (đã đến hàng cuối của tab {})",
                self.left_over, self.section
            ));
        }
        if !self.locked.is_empty() {
            let level = self
                .level
                .as_ref()
                .map_or_else(String::new, |l| format!(" cho {l}"));
            text.push_str(&format!(
                "; bỏ qua {} chỉ tiêu không áp dụng{level} ({})",
                self.locked.len(),
                named(&self.locked)
            ));
        }
        if !self.unreadable.is_empty() {
            text.push_str(&format!(
                "; {} ô chưa đọc được, giữ nguyên như đã dán và tô đỏ ({})",
                self.unreadable.len(),
                named(&self.unreadable)
            ));
        }
        text
    }
}

/// "III.6.1, III.6.2, …".
fn named(ids: &[IndicatorId]) -> String {
    let mut list: Vec<&str> = ids.iter().take(NAMED).map(IndicatorId::as_str).collect();
    if ids.len() > NAMED {
        list.push("…");
    }
    list.join(", ")
}

/// The rows of the clipboard's text, each a list of cells (Excel's tab-separated text;
/// a line break at the very end ends the last row, it does not start another).
pub fn clipboard_rows(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut rest = text;
    loop {
        let (cell, after) = read_cell(rest);
        row.push(cell);
        let mut chars = after.chars();
        match chars.next() {
            Some('\t') => rest = chars.as_str(),
            Some('\r' | '\n') => {
                rows.push(std::mem::take(&mut row));
                rest = after.strip_prefix("\r\n").unwrap_or(chars.as_str());
                if rest.is_empty() {
                    break;
                }
            }
            _ => {
                rows.push(row);
                break;
            }
        }
    }
    rows
}

/// Whether pasted text is more than one cell: several lines, or cells side by side.
pub fn is_several_cells(text: &str) -> bool {
    let rows = clipboard_rows(text);
    rows.len() > 1 || rows.first().is_some_and(|r| r.len() > 1)
}

/// One cell at the start of `text`, and what follows it (starting at its tab or line
/// break). A cell in quotes is read as Excel writes it; a quote that does not close the
/// cell is read as typed.
fn read_cell(text: &str) -> (String, &str) {
    if let Some(quoted) = text.strip_prefix('"') {
        let mut cell = String::new();
        let mut chars = quoted.char_indices().peekable();
        while let Some((at, c)) = chars.next() {
            if c != '"' {
                cell.push(c);
                continue;
            }
            if chars.peek().is_some_and(|&(_, next)| next == '"') {
                cell.push('"');
                chars.next();
                continue;
            }
            let after = &quoted[at + 1..];
            if after.is_empty() || after.starts_with(['\t', '\r', '\n']) {
                return (cell, after);
            }
            break;
        }
    }
    let end = text.find(['\t', '\r', '\n']).unwrap_or(text.len());
    (text[..end].to_owned(), &text[end..])
}

/// How many columns the rows fill (a column empty in every row at the right end does not
/// count), at least one.
fn filled_columns(rows: &[Vec<String>]) -> usize {
    rows.iter()
        .filter_map(|r| r.iter().rposition(|c| !c.trim().is_empty()))
        .max()
        .map_or(1, |last| last + 1)
}

/// A cell of Excel's tab-separated text: in quotes when it holds a tab, a line break or
/// starts with a quote.
fn tsv_cell(text: &str) -> String {
    if text.contains(['\t', '\n', '\r']) || text.starts_with('"') {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

impl Document {
    /// Paste clipboard rows down the tab from `from`: the first column into Nội dung (or,
    /// from a Ghi chú cell, into Ghi chú), a second into Ghi chú, one row per line in form
    /// order, heading rows and rows locked for the unit's level passed over. One undo step.
    pub fn paste(&mut self, from: &CellRef, rows: &[Vec<String>]) -> Result<Pasted, PasteError> {
        let column = if from.1 == Slot::Note {
            Slot::Note
        } else {
            Slot::Value
        };
        let columns = filled_columns(rows);
        let allowed = match column {
            Slot::Note => (1, "1 cột (Ghi chú)"),
            _ => (2, "1 cột (Nội dung) hoặc 2 cột (Nội dung, Ghi chú)"),
        };
        if columns > allowed.0 {
            return Err(PasteError::Columns {
                found: columns,
                allowed: allowed.1,
            });
        }
        let level = self.report.general.level;
        let section = from.0.section().to_owned();
        // The value rows from the cell on, and whether each applies to the unit.
        let targets: Vec<(IndicatorId, bool)> = self
            .template
            .section_rows(&section)
            .skip_while(|r| r.id != from.0)
            .filter(|r| r.kind.is_some())
            .map(|r| (r.id.clone(), r.applies_to(level)))
            .collect();
        if targets
            .first()
            .is_none_or(|(first, applies)| *first != from.0 || !applies)
        {
            return Err(PasteError::NotACell(from.0.to_string()));
        }
        let mut outcome = Pasted {
            section,
            rows: 0,
            column,
            notes: columns == 2,
            unreadable: Vec::new(),
            locked: Vec::new(),
            level: level.map(|l| self.template.level_label(l).to_lowercase()),
            left_over: 0,
        };
        let mut lines = rows.iter().peekable();
        let mut changes = Vec::new();
        for (id, applies) in targets {
            if lines.peek().is_none() {
                break;
            }
            if !applies {
                outcome.locked.push(id);
                continue;
            }
            let Some(line) = lines.next() else { break };
            // The rows were chosen to take a value: a refusal cannot happen, and would
            // leave that row as it was.
            if let Ok(written) = self.write_row(&id, column, outcome.notes, line) {
                changes.extend(written);
            }
            outcome.rows += 1;
            if column == Slot::Value && matches!(self.report.cell(&id), Cell::Invalid(_)) {
                outcome.unreadable.push(id);
            }
        }
        outcome.left_over = lines.count();
        self.history.record_all(changes);
        self.recheck();
        Ok(outcome)
    }

    /// One pasted line into a row: its first cell into `column`, its second into Ghi chú
    /// when `notes`. The changes made.
    fn write_row(
        &mut self,
        id: &IndicatorId,
        column: Slot,
        notes: bool,
        line: &[String],
    ) -> Result<Vec<Change>, EditError> {
        let cell = |i: usize| line.get(i).map_or("", String::as_str);
        let (template, report) = (&self.template, &mut self.report);
        let mut changes = Vec::new();
        if column == Slot::Note {
            changes.extend(report.set_note(template, id, cell(0))?);
        } else {
            changes.extend(report.set_text(template, id, cell(0))?);
            if notes {
                changes.extend(report.set_note(template, id, cell(1))?);
            }
        }
        Ok(changes)
    }

    /// A cell's value as the table shows it, for Ctrl+C: a number the Vietnamese way, a
    /// document whole (from any of its parts), text that could not be read as typed.
    pub fn shown(&self, cell: &CellRef) -> String {
        match cell.1 {
            Slot::Note => self
                .report
                .entry(&cell.0)
                .map(|e| e.note.clone())
                .unwrap_or_default(),
            _ => display_cell(self.report.cell(&cell.0)),
        }
    }

    /// A tab as Excel's tab-separated text, which Excel and Word paste as a table: the
    /// column headings, then Stt, label, unit, the value as shown and the note of every
    /// row ("Không áp dụng" where the row does not apply to the unit).
    pub fn section_text(&self, section: &str) -> String {
        let newline = if cfg!(windows) { "\r\n" } else { "\n" };
        let level = self.report.general.level;
        let mut out = HEADINGS.join("\t");
        out.push_str(newline);
        for row in self.template.section_rows(section) {
            let value = match &row.kind {
                None => String::new(),
                Some(_) if !row.applies_to(level) => NOT_APPLICABLE.to_owned(),
                Some(_) => display_cell(self.report.cell(&row.id)),
            };
            let note = self.shown(&(row.id.clone(), Slot::Note));
            let cells = [
                row.id.stt().to_owned(),
                row.printed_label(),
                row.unit.clone(),
                value,
                note,
            ];
            let cells: Vec<String> = cells.iter().map(|c| tsv_cell(c)).collect();
            out.push_str(&cells.join("\t"));
            out.push_str(newline);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Level, Report, Template};

    fn id(s: &str) -> IndicatorId {
        IndicatorId::parse(s).expect("id")
    }

    fn doc() -> Document {
        let template = Template::builtin().expect("template");
        let report = Report::new(&template);
        Document::new(template, report, None)
    }

    #[test]
    fn excel_text_is_read_as_rows_of_cells() {
        assert_eq!(clipboard_rows("5\r\n"), [["5"]]);
        assert_eq!(
            clipboard_rows("1.200\n95,83\n\n7"),
            [vec!["1.200"], vec!["95,83"], vec![""], vec!["7"]]
        );
        assert_eq!(
            clipboard_rows("28\tđạt\r\n26\t\r\n"),
            [vec!["28", "đạt"], vec!["26", ""]]
        );
        assert_eq!(
            clipboard_rows("\"hai\ndòng\"\t\"có \"\"ngoặc\"\"\"\n\"không đóng\n"),
            [vec!["hai\ndòng", "có \"ngoặc\""], vec!["\"không đóng"]]
        );
        assert!(is_several_cells("1\n2"));
        assert!(is_several_cells("1\tghi chú"));
        assert!(!is_several_cells("1.200"));
        assert!(!is_several_cells("1.200\r\n"));
    }

    #[test]
    fn a_column_goes_down_the_value_rows_skipping_headings_as_one_step() {
        let mut d = doc();
        // I.3.5 is a yes/no row, I.4 a heading, I.4.1 and I.4.2 counts.
        let rows = clipboard_rows("Có\r\n1.200\r\nabc\r\n");
        let pasted = d.paste(&(id("I.3.5"), Slot::Value), &rows).expect("pasted");
        assert_eq!(pasted.rows, 3);
        assert_eq!(
            d.report.cell(&id("I.3.5")),
            &Cell::Value(crate::model::Value::Code(1))
        );
        assert!(d.report.entry(&id("I.4")).is_none());
        assert_eq!(d.report.number(&id("I.4.1")), Some(1200.0));
        assert_eq!(pasted.unreadable, [id("I.4.2")]);
        assert_eq!(
            d.report.cell(&id("I.4.2")),
            &Cell::Invalid("abc".to_owned())
        );
        assert!(!pasted.is_clean());
        assert_eq!(
            pasted.message(),
            "Đã dán 3 ô; 1 ô chưa đọc được, giữ nguyên như đã dán và tô đỏ (I.4.2)"
        );
        // A document row takes the whole reference, read as typing reads it.
        let rows = clipboard_rows("2\nKế hoạch số 03/KH-UBND ngày 15/01/2021");
        let pasted = d.paste(&(id("I.1.3"), Slot::Value), &rows).expect("pasted");
        assert!(pasted.is_clean());
        assert_eq!(
            display_cell(d.report.cell(&id("I.2"))),
            "Kế hoạch số 03/KH-UBND ngày 15/01/2021"
        );
        d.undo(false);
        assert!(d.report.entry(&id("I.2")).is_none() && d.report.entry(&id("I.1.3")).is_none());
        assert_eq!(d.report.number(&id("I.4.1")), Some(1200.0));
        d.undo(false);
        assert_eq!(d.report.entries().count(), 0, "one undo takes a paste back");
    }

    #[test]
    fn two_columns_fill_notes_and_what_is_left_over_is_said() {
        let mut d = doc();
        let last = d
            .template
            .section_rows("VII")
            .filter(|r| r.kind.is_some())
            .last()
            .map(|r| r.id.clone())
            .expect("a value row");
        let rows = clipboard_rows("1\tđạt\n2\tthêm\n3\tthừa\n");
        let pasted = d
            .paste(&(last.clone(), Slot::Value), &rows)
            .expect("pasted");
        assert_eq!((pasted.rows, pasted.left_over), (1, 2));
        assert!(pasted.notes);
        assert_eq!(d.report.entry(&last).map(|e| e.note.as_str()), Some("đạt"));
        assert!(
            pasted.message().starts_with(
                "Đã dán 1 dòng vào Nội dung và Ghi chú; 2 dòng còn lại không có ô để dán"
            ),
            "{}",
            pasted.message()
        );
        let err = d
            .paste(&(last, Slot::Value), &clipboard_rows("1\t2\t3"))
            .expect_err("three columns");
        assert!(matches!(err, PasteError::Columns { found: 3, .. }), "{err}");
    }

    #[test]
    fn from_a_ghi_chú_cell_a_column_goes_down_the_notes() {
        let mut d = doc();
        let rows = clipboard_rows("đạt\nvượt\n");
        let pasted = d.paste(&(id("I.1.1"), Slot::Note), &rows).expect("pasted");
        assert_eq!(pasted.message(), "Đã dán 2 ô Ghi chú");
        let note = |s: &str| d.report.entry(&id(s)).map(|e| e.note.clone());
        assert_eq!(note("I.1.1").as_deref(), Some("đạt"));
        assert_eq!(note("I.1.2").as_deref(), Some("vượt"));
        assert!(
            d.report.cell(&id("I.1.1")).is_empty(),
            "values are left alone"
        );
        let err = d
            .paste(&(id("I.1.1"), Slot::Note), &clipboard_rows("1\tđạt"))
            .expect_err("two columns into notes");
        assert!(matches!(err, PasteError::Columns { found: 2, .. }), "{err}");
    }

    #[test]
    fn rows_locked_for_the_level_are_passed_over_and_named() {
        let mut d = doc();
        d.report.general.level = Some(Level::Xa);
        // III.6.1–III.6.5 are the district's; III.6.6 the commune's.
        let from = d
            .template
            .section_rows("III")
            .find(|r| r.kind.is_some() && r.applies_to(Some(Level::Xa)))
            .map(|r| r.id.clone())
            .expect("a commune row");
        let before = d.template.position(&from).expect("row");
        let rows = clipboard_rows(&"1\n".repeat(40));
        let pasted = d.paste(&(from, Slot::Value), &rows).expect("pasted");
        assert!(!pasted.locked.is_empty());
        for locked in &pasted.locked {
            assert!(d.report.entry(locked).is_none(), "{locked} stays locked");
            assert!(d.template.position(locked) > Some(before));
        }
        assert!(
            pasted.message().contains("không áp dụng cho cấp xã"),
            "{}",
            pasted.message()
        );
        let err = d
            .paste(&(pasted.locked[0].clone(), Slot::Value), &rows)
            .expect_err("locked");
        assert!(matches!(err, PasteError::NotACell(_)));
    }

    #[test]
    fn a_tab_is_copied_as_a_table_excel_reads_back() {
        let mut d = doc();
        d.edit(&(id("I.1.1"), Slot::Value), "1200", None)
            .expect("edit");
        d.edit(&(id("I.1.1"), Slot::Note), "gồm\t2 đợt", None)
            .expect("edit");
        let text = d.section_text("I");
        let rows = clipboard_rows(&text);
        assert_eq!(rows[0], HEADINGS);
        let row = rows
            .iter()
            .find(|r| r[1] == "Số nhiệm vụ đề ra trong kế hoạch")
            .expect("I.1.1");
        assert_eq!(row[3], "1.200");
        assert_eq!(row[4], "gồm\t2 đợt");
        assert_eq!(rows[1][0], "I");
        assert_eq!(rows.len(), d.template.section_rows("I").count() + 1);
        assert_eq!(d.shown(&(id("I.1.1"), Slot::Value)), "1.200");
    }
}
