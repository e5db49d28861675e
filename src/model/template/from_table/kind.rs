//! The kind of each row, guessed from its Đơn vị tính ("%", "Có = 1 Không = 0", "Hồ sơ" …),
//! its label ("Kế hoạch …") and, in a filled table, its value ("Kế hoạch số 03/KH-UBND …").
//! Every guess that is not certain carries a note for the officer.

use super::header::fold;
use super::layout::{Slot, names_document};
use super::{Note, RowGuess};
use crate::model::ids::Depth;
use crate::model::report::DocumentParts;
use crate::model::template::{Choice, Kind};
use crate::model::value::{NumberKind, parse_number};

/// Units that count things, folded (no diacritics, lower case). A unit of several parts
/// ("Cơ quan, đơn vị", "Tin, bài") counts when every part does.
const COUNTING: &[&str] = &[
    "ho so",
    "thu tuc",
    "tthc",
    "van ban",
    "vb",
    "vbqppl",
    "nguoi",
    "co quan",
    "don vi",
    "nhiem vu",
    "van de",
    "cuoc",
    "luot",
    "tin",
    "bai",
    "tin bai",
    "y kien",
    "so luong",
    "phieu",
    "cai",
    "chiec",
    "lan",
    "dot",
    "buoi",
    "lop",
    "hoi nghi",
    "ke hoach",
    "quyet dinh",
    "xa",
    "phuong",
    "thi tran",
    "dac khu",
    "to chuc",
    "doanh nghiep",
    "ho",
    "ho gia dinh",
    "dich vu",
    "dvc",
    "dvctt",
    "quy trinh",
    "cong trinh",
    "du an",
    "de an",
    "mo hinh",
    "sang kien",
    "bo",
    "trang",
    "tai khoan",
    "giao dich",
    "chu ky so",
    "chung thu",
    "vu",
    "viec",
    "vu viec",
    "thanh vien",
    "can bo",
    "cong chuc",
    "vien chuc",
    "phong",
    "ban",
    "nganh",
    "linh vuc",
    "dau moi",
    "phong ban",
    "thon",
    "ap",
    "khom",
    "to",
    "to dan pho",
    "cuoc hop",
    "ky",
    "thong bao",
    "cong van",
    "bao cao",
    "phong su",
    "video",
    "clip",
    "bo phan",
    "he thong",
    "so",
    "ngay",
    "thang",
    "nam",
    "cap",
    "diem",
];

/// Units of amounts that need not be whole (money, area, weight), folded.
const AMOUNTS: &[&str] = &[
    "dong",
    "nghin dong",
    "ngan dong",
    "trieu dong",
    "ty dong",
    "trieu",
    "ty",
    "usd",
    "ha",
    "m2",
    "m",
    "km",
    "km2",
    "tan",
    "kg",
    "lit",
    "gio",
];

/// What a unit says.
#[derive(Debug, Clone, PartialEq)]
enum Unit {
    Empty,
    Percent,
    Coded(Vec<Choice>),
    YesNoWords,
    Amount,
    Counting,
    Unknown,
}

/// What a filled table's value says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Evidence {
    /// Nothing to go by (empty, "x", "-", a word or two).
    Nothing,
    /// "Kế hoạch số 03/KH-UBND ngày …".
    Document,
    /// A number, maybe with an explanation after it ("269 (3 thủ tục …)").
    Number { percent: bool, fraction: bool },
    /// A sentence.
    Sentence,
}

/// Fill in the kind of every slot; rows with rows under them may be headings.
pub(super) fn decide(slots: Vec<Slot>) -> Vec<RowGuess> {
    let has_rows_under: Vec<bool> = (0..slots.len())
        .map(|at| {
            let next = slots.get(at + 1).map(|s| &s.row);
            let row = &slots[at].row;
            match (row.id.depth(), next) {
                (Depth::Group, Some(n)) => n.id.depth() == Depth::Item,
                (Depth::Item, Some(n)) => !row.sub && n.sub,
                _ => false,
            }
        })
        .collect();
    slots
        .into_iter()
        .zip(has_rows_under)
        .map(|(slot, under)| guess(slot, under))
        .collect()
}

fn guess(slot: Slot, rows_under: bool) -> RowGuess {
    let Slot {
        mut row,
        unit,
        value,
        ..
    } = slot;
    if row.id.depth() == Depth::Section {
        if !unit.is_empty() || !value.is_empty() {
            row.notes.push(Note::info(
                "mục lớn không nhận giá trị: bỏ qua đơn vị tính và nội dung của hàng này",
            ));
        }
        return row;
    }
    let (kind, note) = kind_of(&row.label, &unit, &value, rows_under);
    row.kind = kind;
    row.notes.extend(note);
    row.unit = unit;
    row
}

/// The kind, and what to say about it.
fn kind_of(label: &str, unit: &str, value: &str, rows_under: bool) -> (Option<Kind>, Option<Note>) {
    let evidence = read_value(value);
    let short = shorten(value);
    if evidence == Evidence::Document {
        let note = if unit.is_empty() || matches!(read_unit(unit), Unit::Counting) {
            format!("nội dung đã điền là một văn bản (“{short}”): là văn bản")
        } else {
            format!(
                "nội dung đã điền là một văn bản (“{short}”): là văn bản, dù đơn vị tính ghi “{unit}”"
            )
        };
        return (Some(Kind::Document), Some(Note::info(note)));
    }
    let sentence = evidence == Evidence::Sentence;
    match read_unit(unit) {
        Unit::Percent => (
            Some(Kind::Percent),
            sentence.then(|| Note::info(format!("nội dung đã điền “{short}” không phải là số"))),
        ),
        Unit::Coded(_) if names_document(label) && evidence == Evidence::Nothing => (
            Some(Kind::Document),
            Some(Note::review(format!(
                "tên chỉ tiêu là một kế hoạch/quyết định nhưng đơn vị tính là “{unit}”: đoán là văn bản; nếu chỉ cần trả lời có/không thì sửa thành yes_no, xin kiểm tra"
            ))),
        ),
        Unit::Coded(options) => coded(options, evidence, &short),
        Unit::YesNoWords => (
            Some(Kind::YesNo(vec![choice(1, "Có"), choice(0, "Không")])),
            Some(Note::info(format!(
                "đơn vị tính “{unit}” không ghi mã: dùng Có = 1, Không = 0"
            ))),
        ),
        Unit::Amount => (Some(Kind::Decimal), None),
        Unit::Counting | Unit::Unknown if sentence => (
            Some(Kind::Text),
            Some(Note::review(format!(
                "đơn vị tính “{unit}” là số đếm nhưng nội dung đã điền là chữ (“{short}”): đoán là nội dung chữ, xin kiểm tra"
            ))),
        ),
        Unit::Counting | Unit::Unknown
            if matches!(evidence, Evidence::Number { fraction: true, .. }) =>
        {
            (
                Some(Kind::Decimal),
                Some(Note::review(format!(
                    "nội dung đã điền (“{short}”) có phần thập phân: đoán là số (không phải số đếm), xin kiểm tra"
                ))),
            )
        }
        Unit::Counting => (Some(Kind::Count), None),
        Unit::Unknown => (
            Some(Kind::Count),
            Some(Note::review(format!(
                "không nhận ra đơn vị tính “{unit}”: đoán là số đếm, xin kiểm tra"
            ))),
        ),
        Unit::Empty => without_unit(label, evidence, &short, rows_under),
    }
}

/// A row whose unit lists codes: yes/no when they are exactly 1 and 0.
fn coded(options: Vec<Choice>, evidence: Evidence, short: &str) -> (Option<Kind>, Option<Note>) {
    let mut codes: Vec<u32> = options.iter().map(|o| o.code).collect();
    codes.sort_unstable();
    let kind = if codes == [0, 1] {
        Kind::YesNo(options)
    } else {
        Kind::Choice(options)
    };
    let note = (evidence == Evidence::Sentence).then(|| {
        Note::info(format!(
            "nội dung đã điền “{short}” không phải là mã của đơn vị tính (giữ loại theo đơn vị tính)"
        ))
    });
    (Some(kind), note)
}

/// A row with no unit: its value, its label, or the rows under it decide.
fn without_unit(
    label: &str,
    evidence: Evidence,
    short: &str,
    rows_under: bool,
) -> (Option<Kind>, Option<Note>) {
    match evidence {
        Evidence::Number { percent: true, .. } => (
            Some(Kind::Percent),
            Some(Note::review(format!(
                "không có đơn vị tính; nội dung đã điền là tỷ lệ (“{short}”): đoán là tỷ lệ %, xin kiểm tra"
            ))),
        ),
        Evidence::Number { fraction: true, .. } => (
            Some(Kind::Decimal),
            Some(Note::review(format!(
                "không có đơn vị tính; nội dung đã điền là số (“{short}”): đoán là số, xin kiểm tra"
            ))),
        ),
        Evidence::Number { .. } => (
            Some(Kind::Count),
            Some(Note::review(format!(
                "không có đơn vị tính; nội dung đã điền là số (“{short}”): đoán là số đếm, xin kiểm tra"
            ))),
        ),
        Evidence::Sentence => (
            Some(Kind::Text),
            Some(Note::info(format!(
                "nội dung đã điền là chữ (“{short}”): là nội dung chữ"
            ))),
        ),
        Evidence::Document | Evidence::Nothing if names_document(label) => (
            Some(Kind::Document),
            Some(Note::info(
                "tên chỉ tiêu là một kế hoạch/quyết định: là văn bản",
            )),
        ),
        Evidence::Document | Evidence::Nothing if rows_under => (None, None),
        Evidence::Document | Evidence::Nothing => (
            Some(Kind::Text),
            Some(Note::review(
                "không có đơn vị tính, không có hàng con và chưa có nội dung: đoán là nội dung chữ, xin kiểm tra",
            )),
        ),
    }
}

fn choice(code: u32, label: &str) -> Choice {
    Choice {
        code,
        label: label.to_owned(),
    }
}

/// A value shortened for a note.
fn shorten(value: &str) -> String {
    const MAX: usize = 40;
    if value.chars().count() <= MAX {
        value.to_owned()
    } else {
        let mut short: String = value.chars().take(MAX).collect();
        short.push('…');
        short
    }
}

fn read_unit(unit: &str) -> Unit {
    if unit.is_empty() {
        return Unit::Empty;
    }
    let f = fold(unit);
    if unit.contains('%') || ["ty le", "phan tram", "ty le phan tram"].contains(&f.as_str()) {
        return Unit::Percent;
    }
    if let Some(options) = parse_codes(unit) {
        return Unit::Coded(options);
    }
    if ["co khong", "co hoac khong", "co hay khong"].contains(&f.as_str()) {
        return Unit::YesNoWords;
    }
    let parts: Vec<String> = unit
        .split([',', '/', ';', '+', '(', ')'])
        .flat_map(|p| {
            let f = fold(p);
            f.split(" va ")
                .flat_map(|q| q.split(" hoac "))
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .map(|p| p.trim().to_owned())
        .filter(|p| !p.is_empty())
        .collect();
    if parts.is_empty() {
        Unit::Unknown
    } else if parts.iter().all(|p| AMOUNTS.contains(&p.as_str())) {
        Unit::Amount
    } else if parts.iter().all(|p| COUNTING.contains(&p.as_str())) {
        Unit::Counting
    } else {
        Unit::Unknown
    }
}

/// The codes of "Có = 1 Không = 0", "Trực tuyến = 0 Phát phiếu = 1 Kết hợp = 2" (any
/// spacing, line breaks, separators) or "1 = Có; 0 = Không": two or more labelled codes.
pub(super) fn parse_codes(unit: &str) -> Option<Vec<Choice>> {
    let pieces: Vec<&str> = unit.split(['=', '＝']).collect();
    if pieces.len() < 3 {
        return None;
    }
    let separators: &[char] = &[',', ';', '/', '|', '-', '–', '(', ')', ':', '.'];
    let clean = |s: &str| s.trim().trim_matches(separators).trim().to_owned();
    let leading_code = |s: &str| -> Option<(u32, String)> {
        let s = s.trim_start();
        let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
        let code = digits.parse::<u32>().ok()?;
        Some((code, clean(&s[digits.len()..])))
    };
    let trailing_code = |s: &str| -> Option<(String, u32)> {
        let s = s.trim_end();
        let digits = s.len() - s.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        let code = s[s.len() - digits..].parse::<u32>().ok()?;
        Some((clean(&s[..s.len() - digits]), code))
    };
    let mut options = Vec::new();
    let last = pieces.len() - 1;
    if let Some((first_code, _)) = leading_code(pieces[0]).filter(|(_, rest)| rest.is_empty()) {
        // "1 = Có; 0 = Không"
        let mut code = first_code;
        for piece in &pieces[1..last] {
            let (label, next) = trailing_code(piece)?;
            options.push(choice(code, &label));
            code = next;
        }
        options.push(choice(code, &clean(pieces[last])));
    } else {
        // "Có = 1 Không = 0"
        let mut label = clean(pieces[0]);
        for piece in &pieces[1..last] {
            let (code, next) = leading_code(piece)?;
            options.push(choice(code, &label));
            label = next;
        }
        let (code, rest) = leading_code(pieces[last])?;
        if !rest.is_empty() {
            return None;
        }
        options.push(choice(code, &label));
    }
    let mut seen: Vec<u32> = Vec::new();
    for o in &options {
        if o.label.is_empty() || seen.contains(&o.code) {
            return None;
        }
        seen.push(o.code);
    }
    Some(options)
}

/// What a filled table's value tells.
fn read_value(value: &str) -> Evidence {
    let value = value.trim();
    if value.is_empty() {
        return Evidence::Nothing;
    }
    if is_document(value) {
        return Evidence::Document;
    }
    let lead: String = value
        .chars()
        .take_while(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | ' ' | '%'))
        .collect();
    let lead = lead.trim();
    if lead.starts_with(|c: char| c.is_ascii_digit()) {
        let percent = lead.ends_with('%');
        let whole = parse_number(lead, NumberKind::Count).is_ok_and(|n| n.is_some());
        return Evidence::Number {
            percent,
            fraction: !percent && !whole,
        };
    }
    if value.split_whitespace().count() >= 4 {
        Evidence::Sentence
    } else {
        Evidence::Nothing
    }
}

/// Kinds of document, folded, as they start a citation ("Kế hoạch số …"); the importer
/// of filled tables reads a few more.
pub(crate) const DOCUMENT_TYPES: &[&str] = &[
    "ke hoach",
    "quyet dinh",
    "cong van",
    "chi thi",
    "thong bao",
    "bao cao",
    "nghi quyet",
    "chuong trinh",
    "huong dan",
    "to trinh",
    "van ban",
    "thong tu",
    "nghi dinh",
];

/// "Kế hoạch số 03/KH-UBND ngày 15/01/2021", "Quyết định số 3971/QĐ-UBND …", "Số 20/KH-UBND".
fn is_document(value: &str) -> bool {
    let parts = DocumentParts::split(value);
    let known_type = {
        let f = fold(&parts.doc_type);
        DOCUMENT_TYPES
            .iter()
            .chain(&["kh", "qd"])
            .any(|t| f == *t || f.starts_with(&format!("{t} ")))
    };
    (known_type && !parts.number.is_empty()) || has_symbol(value)
}

/// Whether the text holds a document symbol: digits, "/", capitals ("03/KH-UBND").
fn has_symbol(value: &str) -> bool {
    let chars: Vec<char> = value.chars().collect();
    chars
        .windows(3)
        .any(|w| w[0].is_ascii_digit() && w[1] == '/' && w[2].is_uppercase())
        && value.contains('-')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(unit: &str) -> Option<Vec<(u32, String)>> {
        parse_codes(unit).map(|o| o.into_iter().map(|c| (c.code, c.label)).collect())
    }

    #[test]
    fn codes_are_read_however_they_are_spaced() {
        let yes_no = Some(vec![(1, "Có".to_owned()), (0, "Không".to_owned())]);
        assert_eq!(codes("Có = 1 Không = 0"), yes_no);
        assert_eq!(codes("Có=1; Không=0"), yes_no);
        assert_eq!(codes("Có = 1\nKhông = 0"), yes_no);
        assert_eq!(codes("1 = Có, 0 = Không"), yes_no);
        assert_eq!(
            codes("Trực tuyến = 0 Phát phiếu = 1 Kết hợp = 2"),
            Some(vec![
                (0, "Trực tuyến".to_owned()),
                (1, "Phát phiếu".to_owned()),
                (2, "Kết hợp".to_owned())
            ])
        );
        assert_eq!(codes("Có = 1"), None);
        assert_eq!(codes("Có = 1 Không = 1"), None);
        assert_eq!(codes("= 1 Không = 0"), None);
        assert_eq!(codes("Hồ sơ"), None);
    }

    #[test]
    fn units_say_what_a_row_counts() {
        assert_eq!(read_unit("%"), Unit::Percent);
        assert_eq!(read_unit("Tỷ lệ"), Unit::Percent);
        assert_eq!(read_unit("Hồ sơ"), Unit::Counting);
        assert_eq!(read_unit("Cơ quan, đơn vị"), Unit::Counting);
        assert_eq!(read_unit("Tin, bài"), Unit::Counting);
        assert_eq!(read_unit("TTHC"), Unit::Counting);
        assert_eq!(read_unit("Người"), Unit::Counting);
        assert_eq!(read_unit("nguoi"), Unit::Counting);
        assert_eq!(read_unit("Triệu đồng"), Unit::Amount);
        assert_eq!(read_unit("Có/Không"), Unit::YesNoWords);
        assert_eq!(read_unit("Con vịt"), Unit::Unknown);
        assert_eq!(read_unit(""), Unit::Empty);
    }

    #[test]
    fn values_inform_the_guess() {
        assert_eq!(
            read_value("Kế hoạch số 03/KH-UBND ngày 15/01/2021"),
            Evidence::Document
        );
        assert_eq!(
            read_value("Quyết định số 3971/QĐ-UBND ngày 19/10/2021"),
            Evidence::Document
        );
        assert_eq!(read_value("Số 20/KH-UBND"), Evidence::Document);
        assert_eq!(
            read_value("269 (3 thủ tục thuộc Lĩnh vực Lâm nghiệp)"),
            Evidence::Number {
                percent: false,
                fraction: false
            }
        );
        assert_eq!(
            read_value("95,83"),
            Evidence::Number {
                percent: false,
                fraction: true
            }
        );
        assert_eq!(
            read_value("1.200"),
            Evidence::Number {
                percent: false,
                fraction: false
            }
        );
        assert_eq!(
            read_value("Hàng tuần trên Đài Truyền thanh thị xã"),
            Evidence::Sentence
        );
        assert_eq!(read_value("x"), Evidence::Nothing);
        assert_eq!(read_value("ngày 15/01/2021"), Evidence::Nothing);
    }
}
