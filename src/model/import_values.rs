//! A filled appendix brought in (issue 12): last year's Bảng 2 as the office keeps it, a
//! Word table or an Excel sheet, read into a report so that nobody types 150 numbers again.
//!
//! The table is read as `from_table` reads a blank one (the header found whatever its
//! spelling, header copies at page breaks skipped, ids from the Stt column); each of its
//! rows is then matched to a row of the template by its place and its label together
//! (`rows`), and its Nội dung read as an officer writes it (`cells`: "5.068", "100%",
//! "269 (3 thủ tục …)", "Kế hoạch số 03/KH-UBND ngày 15/01/2021"). Ghi chú becomes the
//! note. The general information is taken from around the table when it is there
//! (`general`): the unit at the top left, the year in the title, the "Kèm theo Báo cáo số …"
//! line, the signature block.
//!
//! Nothing read is dropped: a row that matches no indicator, or a value a heading row
//! cannot hold, is kept in the report's [`Report::unknown`] entries under
//! `nhap:dòng N` (so the report file keeps it and `phuluc check` lists it), and every
//! such row, every doubtful cell and what was moved into Ghi chú is in the [`Summary`],
//! which the window shows before it makes the report (a dry run) and the command line
//! prints. Pure: no files, no clock.

mod cells;
mod document;
mod general;
mod rows;
mod summary;
#[cfg(test)]
mod tests;

use serde_json::{Map, Value as Json};

use super::ids::{Depth, IndicatorId};
use super::report::{Cell, Entry, Report};
use super::template::from_table::header::{self, Header, fold};
use super::template::from_table::layout::{self, Line, Slot};
use super::template::from_table::{Grid, Note};
use super::template::{Level, Template};

pub use general::GeneralRead;
pub use rows::MatchHow;
pub use summary::{CellRemark, Matched, Summary, Unplaced};

/// What the key of a row kept aside starts with: `nhap:dòng 57` is row 57 of the table.
pub const UNPLACED_PREFIX: &str = "nhap:";

/// A report made from a filled table, and what was done.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The report, on the template it was read with; not saved anywhere.
    pub report: Report,
    /// What was read, what to look at, what could not be placed.
    pub summary: Summary,
}

/// Why a table gave no report.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportValuesError {
    /// No header row.
    #[error(
        "không thấy dòng tiêu đề của Bảng 2 (các cột Stt, Chỉ tiêu, Đơn vị tính, Nội dung); hãy kiểm tra đây đúng là bảng Phụ lục 2, Bảng 2 đã điền số liệu"
    )]
    NoHeader,
    /// A header, but no row of the table is a row of the template.
    #[error(
        "không hàng nào của bảng khớp với chỉ tiêu của mẫu “{template}”; hãy kiểm tra đây đúng là Bảng 2 đã điền, hoặc chọn mẫu biểu khác"
    )]
    NothingMatched {
        /// The template's name.
        template: String,
    },
    /// A header, but no row of the table is a row of any template the program has.
    #[error(
        "không hàng nào của bảng khớp với chỉ tiêu của mẫu biểu nào chương trình có; hãy kiểm tra đây đúng là Phụ lục 2, Bảng 2 đã điền, hoặc chọn mẫu biểu của bảng"
    )]
    NoTemplateMatches,
}

/// Read a filled table into a report on `template`.
pub fn import_values(grid: &Grid, template: &Template) -> Result<Imported, ImportValuesError> {
    let header = header::find(grid).ok_or(ImportValuesError::NoHeader)?;
    let body = read_rows(grid, &header);
    let mut reader = general::Reader::default();
    let year = header::titles(grid, &header, &body.caption, None, &mut Vec::new()).year;
    reader.above(&around_above(grid, &header), year);
    let mut below = grid.lines_below().to_vec();
    if let Some(from) = body.tail {
        below.splice(0..0, column_lines(grid, from..grid.height()));
    }
    reader.below(&below);
    // A unit's kind ("thị xã") names a level the form may not have (no district after
    // July 2025): then the officer chooses it.
    if let Some(level) = reader.info.level
        && !template.offers(level)
    {
        reader.read.retain(|r| r.field != general::LEVEL_FIELD);
        // Since July 2025 a "thành phố" left is a centrally-run city: the province level.
        let city =
            crate::model::template::fold_for_search(&reader.info.unit_name).contains("thanh pho");
        if level == Level::Huyen && city && template.offers(Level::Tinh) {
            reader.info.level = Some(Level::Tinh);
            reader.read.push(general::GeneralRead {
                field: general::LEVEL_FIELD,
                value: template.level_label(Level::Tinh).to_owned(),
            });
        } else {
            reader.info.level = None;
        }
    }
    // The level read, by the form's own name for it.
    if let Some(level) = reader.info.level {
        for read in &mut reader.read {
            if read.field == general::LEVEL_FIELD {
                template.level_label(level).clone_into(&mut read.value);
            }
        }
    }
    let matches = rows::match_rows(&body.slots, template);
    let mut build = Builder::new(template, reader.info.level);
    for (slot, found) in body.slots.iter().zip(matches) {
        let stt = body
            .lines
            .iter()
            .find(|l| l.table_row == slot.row.table_row)
            .map_or("", |l| l.stt.as_str());
        match found {
            Ok((id, how)) => build.matched(slot, stt, id, how),
            Err(reason) => build.unplaced(unplaced_slot(slot, stt, reason)),
        }
    }
    for line in &body.lines {
        if !body.slots.iter().any(|s| s.row.table_row == line.table_row) {
            build.unplaced(unplaced_line(line));
        }
    }
    if build.summary.matched.is_empty() {
        return Err(ImportValuesError::NothingMatched {
            template: template.name.clone(),
        });
    }
    let Builder {
        mut summary,
        entries,
        unknown,
        ..
    } = build;
    summary.file_rows = body.lines.len();
    summary.general = reader.read;
    summary.unplaced.sort_by_key(|u| u.table_row);
    summary.notes = entries.iter().filter(|(_, e)| !e.note.is_empty()).count();
    summary.values = entries
        .iter()
        .filter(|(_, e)| matches!(e.cell, Cell::Value(_)))
        .count();
    let mut report = Report::new(template);
    report.general = reader.info;
    report.put_all(entries);
    report.unknown = unknown.into_iter().collect();
    Ok(Imported { report, summary })
}

/// How many rows of the table match a row of the template: what chooses the template of
/// a table when none is given (0 when the table has no header).
pub fn rows_matched(grid: &Grid, template: &Template) -> usize {
    let Some(header) = header::find(grid) else {
        return 0;
    };
    let body = read_rows(grid, &header);
    rows::match_rows(&body.slots, template)
        .iter()
        .filter(|m| m.is_ok())
        .count()
}

/// The body of a filled table, read as `from_table` reads a blank one.
struct Body {
    /// Its rows (header copies, column numbers, the caption and what follows the form
    /// left out).
    lines: Vec<Line>,
    /// The rows numbered with their ids by Stt (rows above section I or without a label
    /// are not).
    slots: Vec<Slot>,
    /// The row of the grid where the signature block or the footnote under the form
    /// starts, when the table runs on into it.
    tail: Option<usize>,
    /// The caption row ("Báo cáo CCHC năm 2021").
    caption: String,
}

fn read_rows(grid: &Grid, header: &Header) -> Body {
    let mut ignored: Vec<Note> = Vec::new();
    let body = layout::read_body(grid, header, &mut ignored);
    let (lines, tail) = split_tail(body.lines);
    let slots = layout::place(lines.clone(), &mut ignored);
    Body {
        lines,
        slots,
        tail,
        caption: body.caption,
    }
}

/// The template the table matches best (most rows matched; the first of equals), with
/// the number of rows matched.
pub fn best_template<'t>(
    grid: &Grid,
    templates: &'t [Template],
) -> Result<(&'t Template, usize), ImportValuesError> {
    if header::find(grid).is_none() {
        return Err(ImportValuesError::NoHeader);
    }
    templates
        .iter()
        .map(|t| (t, rows_matched(grid, t)))
        .filter(|(_, n)| *n > 0)
        .reduce(|best, next| if next.1 > best.1 { next } else { best })
        .ok_or(ImportValuesError::NoTemplateMatches)
}

/// The report and summary being made.
struct Builder<'t> {
    template: &'t Template,
    level: Option<Level>,
    summary: Summary,
    entries: Vec<(IndicatorId, Entry)>,
    unknown: Vec<(String, Json)>,
}

impl<'t> Builder<'t> {
    fn new(template: &'t Template, level: Option<Level>) -> Builder<'t> {
        Builder {
            template,
            level,
            summary: Summary::default(),
            entries: Vec::new(),
            unknown: Vec::new(),
        }
    }

    /// A row of the table matched to the template's row `id`.
    fn matched(&mut self, slot: &Slot, stt: &str, id: IndicatorId, how: MatchHow) {
        self.summary.matched.push(Matched {
            table_row: slot.row.table_row,
            id: id.clone(),
            how,
        });
        let Some(row) = self.template.row(&id) else {
            return;
        };
        let applies = row.applies_to(self.level);
        let remark = |text: String| CellRemark {
            id: id.clone(),
            table_row: slot.row.table_row,
            written: slot.value.clone(),
            text,
        };
        let mut value = slot.value.as_str();
        if is_not_applicable_mark(value) {
            if applies {
                self.summary.doubtful.push(remark(
                    "ô ghi “x” (không áp dụng) nhưng chỉ tiêu áp dụng cho đơn vị: để trống"
                        .to_owned(),
                ));
            }
            value = "";
        }
        let Some(kind) = &row.kind else {
            if value.is_empty() {
                self.push(
                    id,
                    Entry {
                        cell: Cell::Empty,
                        note: slot.note.clone(),
                    },
                );
            } else {
                let reason = format!("{id} là dòng tiêu đề của mẫu, không nhận giá trị");
                self.unplaced(unplaced_slot(slot, stt, reason));
            }
            return;
        };
        let read = cells::read(kind, &row.unit, value);
        if let Some(text) = read.remark {
            self.summary.moved.push(remark(text));
        }
        let mut doubt = read.doubt;
        if !applies
            && !read.cell.is_empty()
            && let Some(level) = self.level
        {
            let said = format!(
                "chỉ tiêu không áp dụng cho {}; giá trị vẫn được giữ",
                self.template.level_label(level).to_lowercase()
            );
            doubt = Some(doubt.map_or(said.clone(), |d| format!("{d}; {said}")));
        }
        if let Some(text) = doubt {
            self.summary.doubtful.push(remark(text));
        }
        let note = [read.to_note.as_str(), slot.note.as_str()]
            .into_iter()
            .filter(|n| !n.is_empty())
            .collect::<Vec<_>>()
            .join("; ");
        self.push(
            id,
            Entry {
                cell: read.cell,
                note,
            },
        );
    }

    fn push(&mut self, id: IndicatorId, entry: Entry) {
        if !entry.is_blank() {
            self.entries.push((id, entry));
        }
    }

    /// A row that matches no indicator: kept aside when it holds something.
    fn unplaced(&mut self, mut row: Unplaced) {
        if !row.value.is_empty() || !row.note.is_empty() {
            let key = format!("{UNPLACED_PREFIX}dòng {}", row.table_row);
            self.unknown.push((key.clone(), unplaced_json(&row)));
            row.kept_as = Some(key);
        }
        self.summary.unplaced.push(row);
    }
}

/// "x" (or "X"): what a printed form writes in a row that does not apply to the unit.
fn is_not_applicable_mark(text: &str) -> bool {
    matches!(text.trim(), "x" | "X")
}

/// An unplaced row as the report file keeps it: what the table said, and why.
fn unplaced_json(row: &Unplaced) -> Json {
    let mut o = Map::new();
    for (key, text) in [
        ("stt", &row.stt),
        ("label", &row.label),
        ("unit", &row.unit),
        ("value", &row.value),
        ("note", &row.note),
        ("reason", &row.reason),
    ] {
        if !text.is_empty() {
            o.insert(key.to_owned(), Json::from(text.as_str()));
        }
    }
    Json::Object(o)
}

/// A row of the table, numbered, that has no row (or no place for its value) in the template.
fn unplaced_slot(slot: &Slot, stt: &str, reason: String) -> Unplaced {
    Unplaced {
        table_row: slot.row.table_row,
        stt: stt.to_owned(),
        label: slot.row.printed_label(),
        unit: slot.unit.clone(),
        value: slot.value.clone(),
        note: slot.note.clone(),
        reason,
        kept_as: None,
    }
}

/// A row the numbering could not place (above section I, or without a label).
fn unplaced_line(line: &Line) -> Unplaced {
    let reason = if line.label.is_empty() {
        "dòng không có tên chỉ tiêu".to_owned()
    } else {
        "dòng nằm trên mục lớn đầu tiên (số La Mã I) hoặc không đặt được mã chỉ tiêu".to_owned()
    };
    Unplaced {
        table_row: line.table_row,
        stt: line.stt.clone(),
        label: line.label.clone(),
        unit: line.unit.clone(),
        value: line.value.clone(),
        note: line.note.clone(),
        reason,
        kept_as: None,
    }
}

/// The rows of the table's body, and where the signature block or the printed footnote
/// under the form starts (a row of the grid), when the table runs on into it (a sheet).
fn split_tail(lines: Vec<Line>) -> (Vec<Line>, Option<usize>) {
    let mut in_sections = false;
    let mut at = None;
    for (i, line) in lines.iter().enumerate() {
        if IndicatorId::parse(line.stt.trim_end_matches('.'))
            .is_some_and(|id| id.depth() == Depth::Section)
        {
            in_sections = true;
        }
        if in_sections && line.stt.is_empty() && starts_tail(line) {
            at = Some(i);
            break;
        }
    }
    match at {
        Some(i) => {
            let from = lines[i].table_row - 1;
            let mut lines = lines;
            lines.truncate(i);
            (lines, Some(from))
        }
        None => (lines, None),
    }
}

/// Whether a row is the start of what follows the form: the signature block ("NGƯỜI LẬP
/// BIỂU", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nơi nhận") or the note a printed form puts
/// under the table ("Ghi chú: “x” là chỉ tiêu không áp dụng …").
fn starts_tail(line: &Line) -> bool {
    [&line.label, &line.unit, &line.value, &line.note]
        .iter()
        .map(|text| fold(text))
        .any(|f| {
            ["nguoi lap bieu", "tm ", "kt ", "noi nhan"]
                .iter()
                .any(|p| f.starts_with(p))
                || f == "chu tich"
                || f == "pho chu tich"
                || (f.starts_with("ghi chu") && f.contains("khong ap dung"))
        })
}

/// The text above the form's header: the lines above the table, then the rows above the
/// header a column at a time (a sheet's letterhead: the unit on the left, the motto on
/// the right).
fn around_above(grid: &Grid, header: &Header) -> Vec<String> {
    let mut lines = grid.lines_above().to_vec();
    lines.extend(column_lines(grid, 0..header.top));
    lines
}

/// The text of some rows of the grid, a column at a time, each cell once.
fn column_lines(grid: &Grid, rows: std::ops::Range<usize>) -> Vec<String> {
    let mut lines = Vec::new();
    for col in 0..grid.width() {
        for row in rows.clone() {
            let text = grid.own(row, col);
            if text.is_empty() || (row > rows.start && grid.cell(row - 1, col) == text) {
                continue;
            }
            lines.extend(text.split('\n').map(str::to_owned));
        }
    }
    lines
}
