//! A template guessed from the province's blank table (issue 11).
//!
//! Each year the province sends its communes a blank Bảng 2 as a Word or Excel table;
//! turning it into a template used to need a programmer. Here a [`Grid`] (the table's
//! cells, however it was read: `crate::import` does the files) becomes a template of the
//! format of `assets/templates/cchc-2021.json`: ids from the Stt column by the scheme of the
//! 2021 form, kinds from the Đơn vị tính column, and a note for every row whose kind was a
//! guess, so that the officer reviews what the program could not decide. Values of a
//! filled table may inform a guess but never go into the template.
//!
//! Pure: no files, no clock; the command line and the window share it.

pub(crate) mod header;
mod kind;
pub(crate) use kind::DOCUMENT_TYPES;
pub(crate) mod layout;
#[cfg(test)]
mod tests;

use unicode_normalization::UnicodeNormalization;

use super::{
    Kind, RawRow, RawTemplate, TEMPLATE_FORMAT, TEMPLATE_FORMAT_VERSION, Template, TemplateError,
};
use crate::model::ids::{Depth, IndicatorId};

/// The id a template made from a table gets unless told otherwise: the form's family, the
/// same as the built-in 2021 form, so that every year's Bảng 2 is one form in versions.
pub const DEFAULT_TEMPLATE_ID: &str = "cchc-pl2-bang2";

/// A table as read from a file or the clipboard: rows of cell text, every row as wide as
/// the widest, merged cells repeated into every position they cover (so a two-level header
/// reads "Kết quả thống kê" above both "Đơn vị tính" and "Nội dung"). Text is cleaned once
/// here: Unicode NFC, non-breaking and other odd spaces made plain, each line trimmed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Grid {
    above: Vec<String>,
    below: Vec<String>,
    rows: Vec<Vec<String>>,
    from_left: Vec<Vec<bool>>,
}

/// One cell placed in a [`Grid`]: its text, and whether it only repeats the cell on its
/// left (a horizontal merge: a section row whose label spans the unit and value columns
/// must not read as having a unit).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Placed {
    /// The cell's text (for a merged cell, the text of the merge).
    pub text: String,
    /// The cell is covered by a merge that starts further left.
    pub from_left: bool,
}

impl Grid {
    /// A table without merged cells (CSV, tab-separated text).
    pub fn new(rows: Vec<Vec<String>>) -> Grid {
        Grid::with_merges(
            rows.into_iter()
                .map(|row| {
                    row.into_iter()
                        .map(|text| Placed {
                            text,
                            from_left: false,
                        })
                        .collect()
                })
                .collect(),
        )
    }

    /// A table whose merged cells have been expanded (Word, Excel, HTML).
    pub fn with_merges(rows: Vec<Vec<Placed>>) -> Grid {
        let width = rows.iter().map(Vec::len).max().unwrap_or(0);
        let mut texts = Vec::with_capacity(rows.len());
        let mut from_left = Vec::with_capacity(rows.len());
        for row in rows {
            let mut t: Vec<String> = Vec::with_capacity(width);
            let mut f: Vec<bool> = Vec::with_capacity(width);
            for cell in row {
                t.push(clean_cell(&cell.text));
                f.push(cell.from_left);
            }
            t.resize(width, String::new());
            f.resize(width, false);
            texts.push(t);
            from_left.push(f);
        }
        Grid {
            above: Vec::new(),
            below: Vec::new(),
            rows: texts,
            from_left,
        }
    }

    /// The same table with the lines of text printed above it (a Word document's title
    /// paragraphs), from which the template's heading, title and year are taken.
    pub fn with_lines_above(mut self, lines: Vec<String>) -> Grid {
        self.above = lines
            .iter()
            .map(|l| clean_cell(l))
            .filter(|l| !l.is_empty())
            .collect();
        self
    }

    /// The same table with the lines of text printed under it (a Word document's signature
    /// block), from which a filled table's signer is taken.
    pub fn with_lines_below(mut self, lines: Vec<String>) -> Grid {
        self.below = lines
            .iter()
            .map(|l| clean_cell(l))
            .filter(|l| !l.is_empty())
            .collect();
        self
    }

    /// Number of rows.
    pub fn height(&self) -> usize {
        self.rows.len()
    }

    /// Number of columns.
    pub fn width(&self) -> usize {
        self.rows.first().map_or(0, Vec::len)
    }

    /// The text at a position, merged copies included; empty outside the table.
    pub fn cell(&self, row: usize, col: usize) -> &str {
        self.rows
            .get(row)
            .and_then(|r| r.get(col))
            .map_or("", String::as_str)
    }

    /// The text a cell holds itself: empty when it only continues the cell on its left.
    pub fn own(&self, row: usize, col: usize) -> &str {
        let copied = self
            .from_left
            .get(row)
            .and_then(|r| r.get(col))
            .copied()
            .unwrap_or(false);
        if copied { "" } else { self.cell(row, col) }
    }

    /// Every row's cells.
    pub fn rows(&self) -> &[Vec<String>] {
        &self.rows
    }

    /// The lines of text above the table, if the file had any outside it.
    pub fn lines_above(&self) -> &[String] {
        &self.above
    }

    /// The lines of text under the table, if the file had any outside it.
    pub fn lines_below(&self) -> &[String] {
        &self.below
    }

    /// Whether every cell is empty.
    pub fn is_blank(&self) -> bool {
        self.rows.iter().flatten().all(String::is_empty)
    }

    /// How much the table looks like Bảng 2: the number of its header's columns that were
    /// recognised (Stt, Chỉ tiêu, Đơn vị tính, Nội dung, Ghi chú), 0 when it has no header
    /// with at least Stt, Chỉ tiêu and Đơn vị tính or Nội dung. A file with several tables
    /// uses the one that scores best.
    pub fn form_score(&self) -> usize {
        header::find(self).map_or(0, |h| h.score())
    }
}

/// Clean a cell's text: NFC, non-breaking and other odd spaces become plain spaces,
/// invisible characters go, every line is trimmed with its runs of spaces made one, empty
/// lines are dropped, lines are joined by `\n`.
pub fn clean_cell(text: &str) -> String {
    let mapped: String = text
        .chars()
        .filter_map(|c| match c {
            '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' | '\t' => {
                Some(' ')
            }
            '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' => None,
            '\r' | '\u{000B}' | '\u{000C}' | '\u{2028}' | '\u{2029}' | '\u{0085}' => Some('\n'),
            c if c.is_control() && c != '\n' => None,
            c => Some(c),
        })
        .collect();
    let nfc: String = mapped.nfc().collect();
    let lines: Vec<String> = nfc
        .split('\n')
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect();
    lines.join("\n")
}

/// What the caller may fix instead of letting the table decide.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// Name shown when choosing a form; default: from the heading and the year.
    pub name: Option<String>,
    /// The year of the form; default: the year in the title or caption.
    pub year: Option<i32>,
    /// The template's id; default [`DEFAULT_TEMPLATE_ID`].
    pub id: Option<String>,
    /// The template's version; default: the year.
    pub version: Option<String>,
}

/// How much a note matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteLevel {
    /// Said for the record: how something was decided.
    Info,
    /// Could not be decided: the officer should look at it.
    Review,
}

/// A remark about a row or about the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// Info or review.
    pub level: NoteLevel,
    /// Vietnamese.
    pub text: String,
}

impl Note {
    fn info(text: impl Into<String>) -> Note {
        Note {
            level: NoteLevel::Info,
            text: text.into(),
        }
    }

    fn review(text: impl Into<String>) -> Note {
        Note {
            level: NoteLevel::Review,
            text: text.into(),
        }
    }
}

/// What was made of one row of the table.
#[derive(Debug, Clone, PartialEq)]
pub struct RowGuess {
    /// Its id in the template.
    pub id: IndicatorId,
    /// Label as printed, without a leading "- ".
    pub label: String,
    /// A "- " row.
    pub sub: bool,
    /// The kind guessed; `None` for a section or heading row.
    pub kind: Option<Kind>,
    /// Đơn vị tính as the template will print it.
    pub unit: String,
    /// 1-based row of the table it came from.
    pub table_row: usize,
    /// What was guessed and what could not be decided.
    pub notes: Vec<Note>,
}

impl RowGuess {
    /// Whether the officer should look at this row.
    pub fn needs_review(&self) -> bool {
        self.notes.iter().any(|n| n.level == NoteLevel::Review)
    }

    /// Label with the "- " of a sub row, as the table prints it.
    pub fn printed_label(&self) -> String {
        if self.sub {
            format!("- {}", self.label)
        } else {
            self.label.clone()
        }
    }

    /// The kind in a few Vietnamese words, for the command line's list.
    pub fn kind_text(&self) -> String {
        match (&self.kind, self.id.depth()) {
            (None, Depth::Section) => "mục lớn".to_owned(),
            (None, _) => "dòng tiêu đề (không nhận giá trị)".to_owned(),
            (Some(Kind::YesNo(c) | Kind::Choice(c)), _) => {
                let name = if matches!(self.kind, Some(Kind::YesNo(_))) {
                    "có/không"
                } else {
                    "lựa chọn"
                };
                let codes: Vec<String> = c
                    .iter()
                    .map(|c| format!("{} = {}", c.label, c.code))
                    .collect();
                format!("{name}: {}", codes.join(", "))
            }
            (Some(Kind::Count), _) if self.unit.is_empty() => "số đếm".to_owned(),
            (Some(Kind::Count), _) => format!("số đếm ({})", self.unit),
            (Some(Kind::Decimal), _) if self.unit.is_empty() => "số".to_owned(),
            (Some(Kind::Decimal), _) => format!("số ({})", self.unit),
            (Some(Kind::Percent), _) => "tỷ lệ %".to_owned(),
            (Some(Kind::Document), _) => "văn bản (loại, số/ký hiệu, ngày)".to_owned(),
            (Some(Kind::Text), _) => "nội dung chữ".to_owned(),
        }
    }
}

/// A template guessed from a table, with what was guessed row by row.
#[derive(Debug, Clone)]
pub struct Guess {
    /// The template as it will be written.
    pub raw: RawTemplate,
    /// The same, checked (it passes [`Template::from_json`] of [`Guess::to_json`]).
    pub template: Template,
    /// One per row of the template, in order.
    pub rows: Vec<RowGuess>,
    /// Remarks about the table as a whole (title, year, rows left out).
    pub notes: Vec<Note>,
}

impl Guess {
    /// The template file's text.
    pub fn to_json(&self) -> Result<String, serde_json::Error> {
        serde_json::to_string_pretty(&self.raw).map(|mut text| {
            text.push('\n');
            text
        })
    }

    /// How many rows, and remarks about the table, the officer should look at.
    pub fn review_count(&self) -> usize {
        self.rows.iter().filter(|r| r.needs_review()).count()
            + self
                .notes
                .iter()
                .filter(|n| n.level == NoteLevel::Review)
                .count()
    }

    /// Whether everything was decided.
    pub fn is_decided(&self) -> bool {
        self.review_count() == 0
    }
}

/// Why no template could be made from a table.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum FromTableError {
    /// No header row was found.
    #[error(
        "không thấy dòng tiêu đề của Bảng 2 (các cột Stt, Chỉ tiêu, Đơn vị tính, Nội dung); hãy kiểm tra đây đúng là bảng Phụ lục 2, Bảng 2 và dòng tiêu đề của bảng có các chữ đó"
    )]
    NoHeader,
    /// A header but no section row under it.
    #[error(
        "bảng không có mục lớn nào (số La Mã I, II, III … ở cột {stt}); hãy ghi số La Mã cho các mục lớn rồi thử lại"
    )]
    NoSections {
        /// The Stt column's header as printed.
        stt: String,
    },
    /// The rows found do not make a valid template (a guess the checks refuse).
    #[error("mẫu biểu dựng từ bảng không hợp lệ: {0}")]
    Invalid(#[from] TemplateError),
}

/// Make a template of a table.
pub fn guess_template(grid: &Grid, options: &Options) -> Result<Guess, FromTableError> {
    let header = header::find(grid).ok_or(FromTableError::NoHeader)?;
    let mut notes = Vec::new();
    let body = layout::read_body(grid, &header, &mut notes);
    let titles = header::titles(grid, &header, &body.caption, options.year, &mut notes);
    let rows = layout::place(body.lines, &mut notes);
    if !rows.iter().any(|r| r.row.id.depth() == Depth::Section) {
        return Err(FromTableError::NoSections {
            stt: header.stt_name(grid),
        });
    }
    let rows = kind::decide(rows);
    let raw_rows: Vec<RawRow> = rows.iter().map(raw_row).collect();
    let id = options
        .id
        .clone()
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| DEFAULT_TEMPLATE_ID.to_owned());
    let version = version(options, titles.year, &id, &mut notes);
    let name = options
        .name
        .clone()
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| default_name(&titles.heading, titles.year));
    let levels = guess_levels(&raw_rows, titles.year, &mut notes);
    let raw = RawTemplate {
        format: TEMPLATE_FORMAT.to_owned(),
        format_version: TEMPLATE_FORMAT_VERSION,
        id,
        version,
        name,
        heading: titles.heading,
        title: titles.title,
        caption: titles.caption,
        print_not_applicable: super::NotApplicablePrint::default(),
        year_over_year: None,
        levels,
        rows: raw_rows,
    };
    let template = Template::from_raw(raw.clone())?;
    Ok(Guess {
        raw,
        template,
        rows,
        notes,
    })
}

/// The levels of government that fill the form: a form that names the district level
/// ("UBND cấp huyện") is one of before July 2025, commune and district; a form of 2025
/// or later, or one that names the province level, is one of two-level local government,
/// commune and province. `None`: the former, which a template that says nothing means.
fn guess_levels(
    rows: &[RawRow],
    year: Option<i32>,
    notes: &mut Vec<Note>,
) -> Option<Vec<super::LevelChoice>> {
    let names = |words: &[&str]| {
        rows.iter().any(|r| {
            let label = super::fold_for_search(&r.label);
            words.iter().any(|w| label.contains(w))
        })
    };
    let district = names(&["cap huyen", "ubnd huyen", "quan huyen"]);
    let province = names(&["cap tinh", "ubnd tinh"]);
    let two_level = !district && (province || year.is_some_and(|y| y >= 2025));
    let levels = if two_level {
        super::LevelChoice::two_level()
    } else {
        super::LevelChoice::before_2025()
    };
    let listed: Vec<&str> = levels.iter().map(|l| l.label.as_str()).collect();
    let why = if district {
        "bảng có chỉ tiêu của cấp huyện"
    } else if two_level {
        "chính quyền địa phương hai cấp từ 01/7/2025"
    } else {
        "bảng không cho biết năm hay cấp; nếu là mẫu từ 2025 hãy sửa cấp trong trình sửa mẫu"
    };
    // Without a year the version's note already asks for a look.
    notes.push(Note::info(format!(
        "đơn vị điền mẫu: {} ({why})",
        listed.join(", ")
    )));
    two_level.then_some(levels)
}

/// The version: given, else the year; never the (id, version) of a built-in form, whose
/// reports would then open with the wrong rows.
fn version(options: &Options, year: Option<i32>, id: &str, notes: &mut Vec<Note>) -> String {
    let builtin = Template::builtin().ok();
    let taken = |v: &str| {
        builtin
            .as_ref()
            .is_some_and(|t| t.id == id && t.version == v)
    };
    if let Some(v) = options.version.as_ref().filter(|v| !v.trim().is_empty()) {
        let v = v.trim().to_owned();
        if taken(&v) {
            notes.push(Note::review(format!(
                "mã “{id}” phiên bản “{v}” là mẫu có sẵn của chương trình: báo cáo làm theo mẫu này sẽ mở bằng mẫu có sẵn; hãy chọn phiên bản khác"
            )));
        }
        return v;
    }
    let Some(year) = year else {
        notes.push(Note::review(
            "không thấy năm của mẫu trong tiêu đề; mẫu lấy phiên bản “1” (ghi năm bằng --year)",
        ));
        return "1".to_owned();
    };
    let mut version = year.to_string();
    let mut n = 1;
    while taken(&version) {
        version = format!("{year}-{n}");
        n += 1;
    }
    if version != year.to_string() {
        notes.push(Note::info(format!(
            "phiên bản “{year}” là mẫu có sẵn của chương trình; mẫu mới lấy phiên bản “{version}”"
        )));
    }
    version
}

/// "Phụ lục 2, bảng 2 – mẫu năm 2025" from the heading as printed (upper case).
fn default_name(heading: &str, year: Option<i32>) -> String {
    let lower = heading.to_lowercase();
    let mut chars = lower.chars();
    let sentence: String = chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default();
    match year {
        Some(year) => format!("{sentence} – mẫu năm {year}"),
        None => format!("{sentence} – mẫu mới"),
    }
}

/// A guessed row as the template file writes it.
fn raw_row(row: &RowGuess) -> RawRow {
    let (kind, options) = match &row.kind {
        None => (None, None),
        Some(Kind::Count) => (Some("count"), None),
        Some(Kind::Decimal) => (Some("decimal"), None),
        Some(Kind::Percent) => (Some("percent"), None),
        Some(Kind::Document) => (Some("document"), None),
        Some(Kind::Text) => (Some("text"), None),
        Some(Kind::YesNo(c)) => (Some("yes_no"), Some(c.clone())),
        Some(Kind::Choice(c)) => (Some("choice"), Some(c.clone())),
    };
    // A coded row's unit is derived from its options when it reads the same.
    let derived = options.as_ref().map(|c: &Vec<super::Choice>| {
        c.iter()
            .map(|c| format!("{} = {}", c.label, c.code))
            .collect::<Vec<_>>()
            .join(" ")
    });
    let unit = (!row.unit.is_empty() && derived.as_deref() != Some(row.unit.as_str()))
        .then(|| row.unit.clone());
    RawRow {
        id: row.id.to_string(),
        label: row.label.clone(),
        sub: row.sub,
        short: None,
        kind: kind.map(str::to_owned),
        unit,
        options,
        levels: None,
        required: None,
        aggregate: None,
        weight: None,
        checks: Vec::new(),
    }
}
