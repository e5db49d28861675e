//! Finding the header of Bảng 2 in a table (one or two levels, words with or without
//! diacritics, columns in any order) and the heading, title and year printed above it.

use super::{Grid, Note};
use crate::model::template::fold_for_search;

/// The standard heading, used when the table has none above it.
const STANDARD_HEADING: &str = "PHỤ LỤC 2, BẢNG 2";
/// The standard title, used when the table has none above it.
const STANDARD_TITLE: &str =
    "THỐNG KÊ SỐ LIỆU VÀ KẾT QUẢ THỰC HIỆN CÔNG TÁC CẢI CÁCH HÀNH CHÍNH NĂM {year}";
/// The header is looked for in this many first rows: title lines, a unit's name and a guide
/// take a dozen; a sheet that has no header near its top is not the form.
const HEADER_SEARCH_ROWS: usize = 200;
/// Years a form can be for; a four-digit number outside is not a year.
const YEARS: std::ops::RangeInclusive<i32> = 1990..=2100;

/// What a header column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Stt,
    Label,
    Unit,
    Value,
    Note,
}

/// The header of the form's table: where it is and which columns hold what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Header {
    /// Its first row.
    pub top: usize,
    /// The first row after it.
    pub end: usize,
    /// Columns of the Stt.
    pub stt: Vec<usize>,
    /// Columns of the label (Chỉ tiêu).
    pub label: Vec<usize>,
    /// Columns of Đơn vị tính.
    pub unit: Vec<usize>,
    /// Columns of Nội dung (the value of a filled table).
    pub value: Vec<usize>,
    /// Columns of Ghi chú.
    pub note: Vec<usize>,
}

impl Header {
    /// How many of the five columns were recognised.
    pub fn score(&self) -> usize {
        [&self.stt, &self.label, &self.unit, &self.value, &self.note]
            .iter()
            .filter(|c| !c.is_empty())
            .count()
    }

    /// The Stt column's header as printed, for messages.
    pub fn stt_name(&self, grid: &Grid) -> String {
        self.stt
            .first()
            .map_or_else(|| "Stt".to_owned(), |&c| grid.cell(self.top, c).to_owned())
    }

    /// Whether a body row repeats the header (tables printed over several pages repeat it
    /// at each page break, and a paste keeps the copies).
    pub fn is_repeated(&self, grid: &Grid, row: usize) -> bool {
        let mut filled = 0;
        for col in 0..grid.width() {
            let own = fold(grid.own(row, col));
            if own.is_empty() {
                continue;
            }
            filled += 1;
            let same = (self.top..self.end).any(|h| fold(grid.cell(h, col)) == own);
            if !same {
                return false;
            }
        }
        filled >= 2
    }
}

/// Words folded to lower-case ASCII without diacritics, without dots ("Đ.V.T" → "dvt"),
/// one space between words.
pub(crate) fn fold(text: &str) -> String {
    fold_for_search(&text.replace('.', ""))
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether the folded `text` contains the folded words `phrase`, whole words only.
pub(crate) fn has_words(text: &str, phrase: &str) -> bool {
    format!(" {text} ").contains(&format!(" {phrase} "))
}

/// What a header cell names, if anything.
fn role(text: &str) -> Option<Role> {
    let f = fold(text);
    if f.is_empty() {
        return None;
    }
    if ["stt", "tt", "so tt", "so thu tu", "thu tu", "s tt"].contains(&f.as_str()) {
        return Some(Role::Stt);
    }
    let has = |w: &str| has_words(&f, w);
    if has("chi tieu") {
        Some(Role::Label)
    } else if has("ghi chu") {
        Some(Role::Note)
    } else if has("don vi tinh") || has("dvt") || f == "don vi" {
        Some(Role::Unit)
    } else if has("noi dung") || has("ket qua") || has("so lieu") || has("gia tri") {
        Some(Role::Value)
    } else {
        None
    }
}

/// The header of the table: the first row naming at least Stt, Chỉ tiêu and Đơn vị tính or
/// Nội dung, with the row under it when that row carries the second level ("Đơn vị tính",
/// "Nội dung" under a merged "Kết quả thống kê").
pub(crate) fn find(grid: &Grid) -> Option<Header> {
    (0..grid.height().min(HEADER_SEARCH_ROWS)).find_map(|top| {
        let one = columns(grid, top, top + 1)?;
        let two = (top + 1 < grid.height() && continues(grid, top + 1))
            .then(|| columns(grid, top, top + 2))
            .flatten();
        Some(two.unwrap_or(one))
    })
}

/// Whether `row` is the second level of a header: every cell it holds itself (not a copy
/// of a merged cell above) names a column, and one of them is Đơn vị tính or Nội dung.
fn continues(grid: &Grid, row: usize) -> bool {
    let mut second_level = false;
    for col in 0..grid.width() {
        let text = grid.own(row, col);
        if text.is_empty() || text == grid.cell(row - 1, col) {
            continue;
        }
        match role(text) {
            Some(Role::Unit | Role::Value) => second_level = true,
            Some(_) => {}
            None => return false,
        }
    }
    second_level
}

/// The columns a header spanning rows `top..end` names, when it names enough of them.
fn columns(grid: &Grid, top: usize, end: usize) -> Option<Header> {
    let mut header = Header {
        top,
        end,
        stt: Vec::new(),
        label: Vec::new(),
        unit: Vec::new(),
        value: Vec::new(),
        note: Vec::new(),
    };
    let mut texts = Vec::with_capacity(grid.width());
    for col in 0..grid.width() {
        let mut text = String::new();
        for row in top..end {
            let cell = grid.cell(row, col);
            if !cell.is_empty() && !text.ends_with(cell) {
                text.push(' ');
                text.push_str(cell);
            }
        }
        texts.push(text);
    }
    for (col, text) in texts.iter().enumerate() {
        match role(text) {
            Some(Role::Stt) => header.stt.push(col),
            Some(Role::Label) => header.label.push(col),
            Some(Role::Unit) => header.unit.push(col),
            Some(Role::Value) => header.value.push(col),
            Some(Role::Note) => header.note.push(col),
            None => {}
        }
    }
    // "Nội dung" for the label and "Kết quả" or "Số liệu" for the value.
    if header.label.is_empty() && header.value.len() >= 2 {
        let plain = |c: &usize| {
            let f = fold(&texts[*c]);
            !["ket qua", "so lieu", "gia tri"]
                .iter()
                .any(|w| has_words(&f, w))
        };
        if let Some(at) = header.value.iter().position(plain) {
            header.label.push(header.value.remove(at));
        }
    }
    let enough = !header.stt.is_empty()
        && !header.label.is_empty()
        && (!header.unit.is_empty() || !header.value.is_empty());
    enough.then_some(header)
}

/// The heading, title and caption of the template, with `{year}` where the year was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Titles {
    /// "PHỤ LỤC 2, BẢNG 2".
    pub heading: String,
    /// "THỐNG KÊ … NĂM {year}".
    pub title: String,
    /// "Báo cáo CCHC năm {year}", or empty.
    pub caption: String,
    /// The form's year.
    pub year: Option<i32>,
}

/// The heading ("PHỤ LỤC …"), the title (the upper-case lines with "THỐNG KÊ") and the year,
/// from the lines above the table or above its header; the standard wording when there are none.
pub(crate) fn titles(
    grid: &Grid,
    header: &Header,
    caption: &str,
    given_year: Option<i32>,
    notes: &mut Vec<Note>,
) -> Titles {
    let lines = lines_above(grid, header);
    let lines: Vec<&str> = lines.iter().flat_map(|l| l.split('\n')).collect();
    let heading_at = lines.iter().position(|l| fold(l).starts_with("phu luc"));
    let heading = match heading_at {
        Some(at) => lines[at].to_owned(),
        None => {
            notes.push(Note::info(format!(
                "không thấy dòng “Phụ lục …” phía trên bảng: dùng “{STANDARD_HEADING}”"
            )));
            STANDARD_HEADING.to_owned()
        }
    };
    let after = heading_at.map_or(0, |at| at + 1);
    let title = title_lines(&lines[after.min(lines.len())..]);
    let found_year = title
        .as_deref()
        .and_then(last_year)
        .or_else(|| last_year(caption));
    let year = given_year.or(found_year);
    if let (Some(given), Some(found)) = (given_year, found_year)
        && given != found
    {
        notes.push(Note::info(format!(
            "năm trong tiêu đề của bảng là {found}; mẫu dùng năm {given} như đã chỉ định"
        )));
    }
    let title = match title {
        Some(title) => with_year_slot(&title, found_year),
        None => {
            notes.push(Note::info(format!(
                "không thấy tiêu đề “THỐNG KÊ …” phía trên bảng: dùng “{STANDARD_TITLE}”"
            )));
            STANDARD_TITLE.to_owned()
        }
    };
    Titles {
        heading,
        title,
        caption: with_year_slot(caption, found_year),
        year,
    }
}

/// The text above the header: the lines printed above the table, then each row of the
/// table above its header with its cells joined.
pub(crate) fn lines_above(grid: &Grid, header: &Header) -> Vec<String> {
    let mut lines: Vec<String> = grid.lines_above().to_vec();
    for row in 0..header.top {
        let mut parts: Vec<&str> = Vec::new();
        for col in 0..grid.width() {
            let own = grid.own(row, col);
            if !own.is_empty() && !parts.contains(&own) {
                parts.push(own);
            }
        }
        lines.push(parts.join(" "));
    }
    lines
}

/// The title: the first upper-case line with "THỐNG KÊ" and the upper-case lines after it
/// (a long title breaks over two lines); else the first line that starts with "Thống kê".
fn title_lines(lines: &[&str]) -> Option<String> {
    let upper = |l: &str| {
        let letters: Vec<char> = l.chars().filter(|c| c.is_alphabetic()).collect();
        letters.len() >= 3 && letters.iter().all(|c| !c.is_lowercase())
    };
    if let Some(start) = lines
        .iter()
        .position(|l| upper(l) && has_words(&fold(l), "thong ke"))
    {
        let parts: Vec<&str> = lines[start..]
            .iter()
            .take_while(|l| upper(l))
            .copied()
            .collect();
        return Some(parts.join(" "));
    }
    lines
        .iter()
        .find(|l| fold(l).starts_with("thong ke"))
        .map(|l| (*l).to_owned())
}

/// The last four-digit number in `text` that can be a form's year.
fn last_year(text: &str) -> Option<i32> {
    text.split(|c: char| !c.is_ascii_digit())
        .filter(|w| w.len() == 4)
        .filter_map(|w| w.parse::<i32>().ok())
        .rfind(|y| YEARS.contains(y))
}

/// `text` with its last mention of `year` made the `{year}` slot.
fn with_year_slot(text: &str, year: Option<i32>) -> String {
    let Some(year) = year else {
        return text.to_owned();
    };
    let digits = year.to_string();
    let mut at = None;
    let mut from = 0;
    while let Some(found) = text[from..].find(&digits) {
        let start = from + found;
        let end = start + digits.len();
        let alone = !text[..start].ends_with(|c: char| c.is_ascii_digit())
            && !text[end..].starts_with(|c: char| c.is_ascii_digit());
        if alone {
            at = Some(start);
        }
        from = end;
    }
    match at {
        Some(start) => format!(
            "{}{{year}}{}",
            &text[..start],
            &text[start + digits.len()..]
        ),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_words_fold_whatever_the_spelling() {
        assert_eq!(role("STT"), Some(Role::Stt));
        assert_eq!(role("TT"), Some(Role::Stt));
        assert_eq!(role("Số TT"), Some(Role::Stt));
        assert_eq!(role("Chỉ tiêu thống kê"), Some(Role::Label));
        assert_eq!(role("chi tieu thong ke"), Some(Role::Label));
        assert_eq!(role("Đơn vị\ntính"), Some(Role::Unit));
        assert_eq!(role("ĐVT"), Some(Role::Unit));
        assert_eq!(role("Đ.V.T"), Some(Role::Unit));
        assert_eq!(role("Kết quả thống kê Nội dung"), Some(Role::Value));
        assert_eq!(role("Kết quả thống kê Đơn vị tính"), Some(Role::Unit));
        assert_eq!(role("Ghi chú"), Some(Role::Note));
        assert_eq!(role("Số hồ sơ"), None);
    }

    #[test]
    fn the_year_becomes_a_slot() {
        assert_eq!(
            with_year_slot("CẢI CÁCH HÀNH CHÍNH NĂM 2021", Some(2021)),
            "CẢI CÁCH HÀNH CHÍNH NĂM {year}"
        );
        assert_eq!(
            with_year_slot("số 12021 năm 2021", Some(2021)),
            "số 12021 năm {year}"
        );
        assert_eq!(with_year_slot("không có năm", Some(2021)), "không có năm");
        assert_eq!(last_year("Báo cáo CCHC năm 2025"), Some(2025));
        assert_eq!(last_year("số 411/BC-UBND"), None);
        assert_eq!(last_year("ngày 16/12/2021"), Some(2021));
    }

    #[test]
    fn a_title_may_break_over_lines() {
        let lines = [
            "PHỤ LỤC 2, BẢNG 2",
            "THỐNG KÊ SỐ LIỆU VÀ KẾT QUẢ",
            "THỰC HIỆN CCHC NĂM 2025",
            "Ủy ban nhân dân xã A",
        ];
        assert_eq!(
            title_lines(&lines[1..]).as_deref(),
            Some("THỐNG KÊ SỐ LIỆU VÀ KẾT QUẢ THỰC HIỆN CCHC NĂM 2025")
        );
        assert_eq!(title_lines(&["Ủy ban nhân dân"]), None);
    }
}
