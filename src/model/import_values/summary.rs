//! What an import did, for the officer to read before the report is made (the window's
//! dry run, the command line's stderr): rows matched, values read, cells to look at and
//! why, and the rows of the file that match no indicator (kept in the report).

use std::fmt;

use super::general::GeneralRead;
use super::rows::MatchHow;
use crate::model::ids::IndicatorId;

/// Text quoted in a line of the summary is cut to this many characters.
const QUOTE_CHARS: usize = 60;

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Summary {
    /// Rows of the table's body read (header copies, column numbers, the caption and the
    /// signature block left out).
    pub file_rows: usize,
    /// Rows of the table matched to a row of the template, in the table's order.
    pub matched: Vec<Matched>,
    /// Cells that gave a value of their row's kind.
    pub values: usize,
    /// Entries with a Ghi chú.
    pub notes: usize,
    /// Cells whose glued explanation went to Ghi chú, and similar things said for the record.
    pub moved: Vec<CellRemark>,
    /// Cells the officer should look at, with the reason.
    pub doubtful: Vec<CellRemark>,
    /// Rows of the table that match no indicator (or whose value a heading row cannot
    /// take); those that hold something are kept in the report's `unknown` entries.
    pub unplaced: Vec<Unplaced>,
    /// General information read from around the table.
    pub general: Vec<GeneralRead>,
}

impl Summary {
    /// Rows matched to a row of the template.
    pub fn rows_matched(&self) -> usize {
        self.matched.len()
    }

    /// Rows matched otherwise than by their place and exact label (to say how).
    pub fn not_plain(&self) -> impl Iterator<Item = &Matched> {
        self.matched.iter().filter(|m| m.how != MatchHow::Same)
    }

    /// Unplaced rows kept in the report (they held a value or a note).
    pub fn kept(&self) -> impl Iterator<Item = &Unplaced> {
        self.unplaced.iter().filter(|u| u.kept_as.is_some())
    }

    /// The summary as the officer reads it, a section at a time: its heading line, then
    /// its detail lines (the general information read, rows matched and how, values read,
    /// what went into Ghi chú, the cells to look at, the rows that match no indicator).
    /// The command line prints it; the window shows it before making the report.
    pub fn sections(&self) -> Vec<(String, Vec<String>)> {
        let mut sections = Vec::new();
        if !self.general.is_empty() {
            let fields: Vec<String> = self
                .general
                .iter()
                .map(|g| format!("{}: {}", g.field, g.value))
                .collect();
            sections.push((
                format!("Thông tin chung: {}", fields.join("; ")),
                Vec::new(),
            ));
        }
        sections.push((
            format!(
                "Hàng khớp với chỉ tiêu của mẫu: {} trên {} dòng của bảng",
                self.rows_matched(),
                self.file_rows
            ),
            self.not_plain().map(ToString::to_string).collect(),
        ));
        sections.push((
            format!("Giá trị đọc được: {}; ghi chú: {}", self.values, self.notes),
            Vec::new(),
        ));
        for (title, list) in [
            ("Đã tách sang Ghi chú", &self.moved),
            ("Ô cần xem lại", &self.doubtful),
        ] {
            if !list.is_empty() {
                sections.push((
                    format!("{title}: {}", list.len()),
                    list.iter().map(ToString::to_string).collect(),
                ));
            }
        }
        if !self.unplaced.is_empty() {
            sections.push((
                format!(
                    "Dòng của bảng không khớp chỉ tiêu nào: {} ({} dòng có nội dung được giữ trong báo cáo, phuluc check liệt kê chúng)",
                    self.unplaced.len(),
                    self.kept().count()
                ),
                self.unplaced.iter().map(ToString::to_string).collect(),
            ));
        }
        sections
    }
}

/// A row of the table and the indicator it was matched to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matched {
    /// 1-based row of the table (of the sheet, for Excel; of the text, for pasted text).
    pub table_row: usize,
    /// The indicator.
    pub id: IndicatorId,
    /// How.
    pub how: MatchHow,
}

impl fmt::Display for Matched {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "dòng {} → {}", self.table_row, self.id)?;
        match &self.how {
            MatchHow::Same => Ok(()),
            MatchHow::Reworded { label } => {
                write!(f, " (cùng vị trí; tên trong bảng: “{}”)", quote(label))
            }
            MatchHow::Moved { stt_id } => write!(
                f,
                " (theo tên chỉ tiêu; số thứ tự trong bảng ứng với {stt_id})"
            ),
        }
    }
}

/// Something about one cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellRemark {
    /// The indicator.
    pub id: IndicatorId,
    /// 1-based row of the table.
    pub table_row: usize,
    /// The cell as written.
    pub written: String,
    /// What happened or what to look at, in Vietnamese.
    pub text: String,
}

impl fmt::Display for CellRemark {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} (dòng {}) “{}”: {}",
            self.id,
            self.table_row,
            quote(&self.written),
            self.text
        )
    }
}

/// A row of the table that matches no indicator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unplaced {
    /// 1-based row of the table.
    pub table_row: usize,
    /// Stt as written.
    pub stt: String,
    /// Chỉ tiêu as written.
    pub label: String,
    /// Đơn vị tính as written.
    pub unit: String,
    /// Nội dung as written.
    pub value: String,
    /// Ghi chú as written.
    pub note: String,
    /// Why it was not placed.
    pub reason: String,
    /// The key it is kept under in the report's `unknown` entries; `None` when it held
    /// nothing but its label and unit.
    pub kept_as: Option<String>,
}

impl fmt::Display for Unplaced {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "dòng {}", self.table_row)?;
        if !self.stt.is_empty() {
            write!(f, " (Stt {})", self.stt)?;
        }
        if !self.label.is_empty() {
            write!(f, " “{}”", quote(&self.label))?;
        }
        let mut what = Vec::new();
        if !self.value.is_empty() {
            what.push(format!("nội dung “{}”", quote(&self.value)));
        }
        if !self.note.is_empty() {
            what.push(format!("ghi chú “{}”", quote(&self.note)));
        }
        if !what.is_empty() {
            write!(f, ", {}", what.join(", "))?;
        }
        write!(f, ": {}", self.reason)?;
        match &self.kept_as {
            Some(key) => write!(f, "; giữ trong báo cáo với mã “{key}”"),
            None => f.write_str("; không có giá trị, bỏ qua"),
        }
    }
}

/// Text cut for a line of the summary.
fn quote(text: &str) -> String {
    if text.chars().count() <= QUOTE_CHARS {
        text.to_owned()
    } else {
        let mut short: String = text.chars().take(QUOTE_CHARS).collect();
        short.push('…');
        short
    }
}
