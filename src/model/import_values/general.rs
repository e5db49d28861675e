//! The general information a filled appendix prints around its table: the unit at the top
//! left ("ỦY BAN NHÂN DÂN THỊ XÃ NGÃ NĂM", "Tỉnh Sóc Trăng"), the year in the title ("… NĂM
//! 2021"), the report it goes with ("(Kèm theo Báo cáo số 411/BC-UBND ngày 16 tháng 12 năm
//! 2021 của UBND thị xã Ngã Năm)") and the signature block under it ("NGƯỜI LẬP BIỂU", "TM.
//! ỦY BAN NHÂN DÂN", "CHỦ TỊCH", the names). Only what is there is taken; nothing is made up.

use super::document::read_document;
use crate::model::report::{GeneralField, GeneralInfo};
use crate::model::template::Level;
use crate::model::template::from_table::header::fold;
use crate::model::value;

/// Kinds of unit, folded, and their level: what follows "Ủy ban nhân dân".
const UNIT_KINDS: [(&str, Level); 8] = [
    ("thi xa", Level::Huyen),
    ("thi tran", Level::Xa),
    ("thanh pho", Level::Huyen),
    ("dac khu", Level::Xa),
    ("xa", Level::Xa),
    ("phuong", Level::Xa),
    ("huyen", Level::Huyen),
    ("quan", Level::Huyen),
];

/// The symbol of the yearly report, which the appendix's "Kèm theo" line prints after the
/// number (`GeneralInfo::attachment_line`).
const REPORT_SYMBOL: &str = "bc ubnd";

/// The name of the unit's level among the general information read.
pub const LEVEL_FIELD: &str = "Cấp";

/// One piece of general information read, for the summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneralRead {
    /// Which field, in Vietnamese ("Tên đơn vị").
    pub field: &'static str,
    /// What it was set to.
    pub value: String,
}

/// What was read into the general information.
#[derive(Debug, Default)]
pub(super) struct Reader {
    pub info: GeneralInfo,
    pub read: Vec<GeneralRead>,
}

impl Reader {
    fn set(&mut self, field: GeneralField, name: &'static str, text: &str) {
        let text = text.trim();
        if text.is_empty() || !self.info.field(field).is_empty() {
            return;
        }
        self.info.set(field, text);
        self.read.push(GeneralRead {
            field: name,
            value: text.to_owned(),
        });
    }

    fn set_level(&mut self, level: Level) {
        if self.info.level.is_none() {
            self.info.level = Some(level);
            self.read.push(GeneralRead {
                field: LEVEL_FIELD,
                value: level.label().to_owned(),
            });
        }
    }

    /// The unit, its level and province from the lines above the table (the letterhead
    /// first, then the "Kèm theo …" line for what the letterhead does not say).
    pub fn above(&mut self, lines: &[String], year: Option<i32>) {
        let lines: Vec<&str> = lines
            .iter()
            .flat_map(|l| l.split('\n'))
            .map(str::trim)
            .collect();
        let mut province_committee = None;
        for (at, line) in lines.iter().enumerate() {
            let f = fold(line);
            if f.contains("kem theo") {
                continue;
            }
            let words: Vec<&str> = line.split_whitespace().collect();
            let prefix = if f.starts_with("uy ban nhan dan") {
                4
            } else if f.starts_with("ubnd") {
                1
            } else {
                if f.starts_with("tinh ") && words.len() <= 6 {
                    self.set(GeneralField::Province, "Tỉnh", &name_case(&words));
                }
                continue;
            };
            let mut rest: Vec<&str> = words[prefix.min(words.len())..].to_vec();
            if rest.is_empty() {
                // "ỦY BAN NHÂN DÂN" on a line, the unit's name on the next.
                rest = lines
                    .get(at + 1)
                    .map(|l| l.split_whitespace().collect())
                    .unwrap_or_default();
            }
            let rest_folded = fold(&rest.join(" "));
            if rest_folded.starts_with("tinh ") {
                self.set(GeneralField::Province, "Tỉnh", &name_case(&rest));
                province_committee.get_or_insert_with(|| name_case(&rest));
            } else if !rest.is_empty() {
                self.unit(&rest);
            }
        }
        // "ỦY BAN NHÂN DÂN TỈNH …" alone, with no unit under it: the province reports.
        if let Some(province) = province_committee
            && self.info.unit_name.is_empty()
        {
            self.set(
                GeneralField::UnitName,
                "Tên đơn vị",
                &format!("Ủy ban nhân dân {}", province.replacen("Tỉnh", "tỉnh", 1)),
            );
            self.set_level(Level::Tinh);
        }
        if let Some(line) = lines.iter().find(|l| fold(l).contains("kem theo")) {
            self.attachment(line);
        }
        if let Some(year) = year {
            self.set(GeneralField::Year, "Năm", &year.to_string());
        }
    }

    /// The unit from the words after "Ủy ban nhân dân" ("THỊ XÃ NGÃ NĂM"), and its level.
    fn unit(&mut self, rest: &[&str]) {
        let name = format!("Ủy ban nhân dân {}", name_case(rest));
        let folded = fold(&rest.join(" "));
        self.set(GeneralField::UnitName, "Tên đơn vị", &name);
        if let Some((_, level)) = UNIT_KINDS
            .iter()
            .find(|(kind, _)| folded == *kind || folded.starts_with(&format!("{kind} ")))
        {
            self.set_level(*level);
        }
    }

    /// "(Kèm theo Báo cáo số 411/BC-UBND ngày 16 tháng 12 năm 2021 của UBND thị xã Ngã
    /// Năm)": the report's number and date, and the unit when nothing above named it.
    fn attachment(&mut self, line: &str) {
        let words: Vec<&str> = line.split_whitespace().collect();
        let Some(at) = (0..words.len().saturating_sub(1))
            .find(|&at| fold(words[at]) == "kem" && fold(words[at + 1]) == "theo")
        else {
            return;
        };
        let text = words[at + 2..].join(" ");
        let text = text.trim_end_matches([')', ' ', '.']);
        let Some(found) = read_document(text) else {
            return;
        };
        let number = match found.doc.number.rsplit_once('/') {
            Some((n, symbol)) if fold(symbol) == REPORT_SYMBOL => n.trim().to_owned(),
            _ => found.doc.number.clone(),
        };
        self.set(GeneralField::ReportNumber, "Số báo cáo", &number);
        self.set(
            GeneralField::ReportDate,
            "Ngày báo cáo",
            &value::format_date(found.doc.date),
        );
        let issuer: Vec<&str> = found.rest.split_whitespace().collect();
        let issuer = match issuer.split_first() {
            Some((first, rest)) if fold(first) == "cua" => rest,
            _ => &issuer[..],
        };
        let f = fold(&issuer.join(" "));
        if f.starts_with("ubnd ") {
            self.unit(&issuer[1..]);
        } else if f.starts_with("uy ban nhan dan ") && issuer.len() > 4 {
            self.unit(&issuer[4..]);
        }
    }

    /// The signature block under the table: who prepared it (under "NGƯỜI LẬP BIỂU"), who
    /// signs, with what authority ("TM. ỦY BAN NHÂN DÂN") and title ("CHỦ TỊCH").
    pub fn below(&mut self, lines: &[String]) {
        #[derive(PartialEq)]
        enum Next {
            Nothing,
            Preparer,
            PreparerTitle,
            Signer,
        }
        let mut next = Next::Nothing;
        for line in lines.iter().flat_map(|l| l.split('\n')).map(str::trim) {
            let f = fold(line);
            if f.is_empty() || line.starts_with('(') {
                continue;
            }
            if f.starts_with("nguoi lap") {
                // "Người lập biểu: Nguyễn Tấn Kiệt" on one line, as phuluc prints it.
                match line.split_once(':').map(|(_, name)| name.trim()) {
                    Some(name) if is_name(name) => {
                        self.set(GeneralField::PreparedBy, "Người lập biểu", name);
                        next = Next::PreparerTitle;
                    }
                    _ => next = Next::Preparer,
                }
            } else if ["tm ", "kt ", "tl ", "q "].iter().any(|p| f.starts_with(p)) {
                self.set(GeneralField::SignerAuthority, "Thẩm quyền ký", line);
                next = Next::Signer;
            } else if f == "chu tich" || f == "pho chu tich" {
                self.set(GeneralField::SignerTitle, "Chức vụ người ký", line);
                next = Next::Signer;
            } else if let Some(contact) = contact(line, &f) {
                self.set(GeneralField::Contact, "Liên hệ", contact);
            } else if is_name(line) && next == Next::Preparer {
                self.set(GeneralField::PreparedBy, "Người lập biểu", line);
                next = Next::PreparerTitle;
            } else if is_name(line) && next == Next::Signer {
                self.set(GeneralField::Signer, "Người ký", line);
                next = Next::Nothing;
            } else if next == Next::PreparerTitle {
                self.set(GeneralField::PreparedTitle, "Chức vụ người lập", line);
                next = Next::Nothing;
            }
        }
    }
}

/// "Điện thoại: 0937 461 368", "ĐT: …", "Email: …": what follows the colon.
fn contact<'a>(line: &'a str, folded: &str) -> Option<&'a str> {
    let named = [
        "dien thoai",
        "dt",
        "sdt",
        "so dien thoai",
        "email",
        "e mail",
    ]
    .iter()
    .any(|w| folded.starts_with(&format!("{w} ")) || folded == *w);
    if !named {
        return None;
    }
    line.split_once(':').map(|(_, v)| v.trim())
}

/// Whether a line is a person's name: two to six words, each starting with a capital, or
/// all in capitals.
fn is_name(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    (2..=6).contains(&words.len())
        && words
            .iter()
            .all(|w| w.chars().all(char::is_alphabetic) && w.starts_with(char::is_uppercase))
}

/// A name as a heading prints it in capitals ("THỊ XÃ NGÃ NĂM") in the case of the general
/// information ("thị xã Ngã Năm"); a name already in mixed case is kept as written. "Tỉnh"
/// first stays capitalised.
fn name_case(words: &[&str]) -> String {
    let text = words.join(" ");
    if text.chars().any(char::is_lowercase) {
        return text;
    }
    let folded = fold(&text);
    let kind_words = std::iter::once("tinh")
        .chain(UNIT_KINDS.iter().map(|(k, _)| *k))
        .find(|k| folded == *k || folded.starts_with(&format!("{k} ")))
        .map_or(0, |k| k.split(' ').count());
    words
        .iter()
        .enumerate()
        .map(|(at, w)| {
            let lower = w.to_lowercase();
            if at < kind_words && !(at == 0 && folded.starts_with("tinh")) {
                lower
            } else {
                super::document::capitalised(&lower)
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &[&str]) -> Vec<String> {
        text.iter().map(|l| (*l).to_owned()).collect()
    }

    #[test]
    fn the_unit_block_and_the_attachment_line() {
        let mut r = Reader::default();
        r.above(
            &lines(&[
                "ỦY BAN NHÂN DÂN THỊ XÃ NGÃ NĂM",
                "TỈNH SÓC TRĂNG",
                "PHỤ LỤC 2, BẢNG 2",
                "(Kèm theo Báo cáo số 411 /BC-UBND ngày 16 tháng 12 năm 2021 của UBND thị xã Nghã Năm)",
            ]),
            Some(2021),
        );
        let g = &r.info;
        assert_eq!(g.unit_name, "Ủy ban nhân dân thị xã Ngã Năm");
        assert_eq!(g.level, Some(Level::Huyen));
        assert_eq!(g.province, "Tỉnh Sóc Trăng");
        assert_eq!(
            (g.report_number.as_str(), g.report_date.as_str()),
            ("411", "16/12/2021")
        );
        assert_eq!(g.year, "2021");
        let fields: Vec<&str> = r.read.iter().map(|f| f.field).collect();
        assert_eq!(
            fields,
            [
                "Tên đơn vị",
                "Cấp",
                "Tỉnh",
                "Số báo cáo",
                "Ngày báo cáo",
                "Năm"
            ]
        );
    }

    #[test]
    fn the_unit_from_the_attachment_line_when_nothing_else_names_it() {
        let mut r = Reader::default();
        r.above(
            &lines(&["(Kèm theo Báo cáo số 25/BC-UBND ngày 05/01/2026 của UBND xã An Hòa)"]),
            None,
        );
        assert_eq!(r.info.unit_name, "Ủy ban nhân dân xã An Hòa");
        assert_eq!(r.info.level, Some(Level::Xa));
        assert_eq!(r.info.report_date, "05/01/2026");
        assert_eq!(r.info.year, "");
        // A blank form's line says nothing.
        let mut r = Reader::default();
        r.above(
            &lines(&["(Kèm theo Báo cáo số …/BC-UBND ngày … tháng … năm … của …)"]),
            None,
        );
        assert!(r.read.is_empty(), "{:?}", r.read);
    }

    #[test]
    fn a_two_line_letterhead() {
        let mut r = Reader::default();
        r.above(
            &lines(&["UBND TỈNH CẦN THƠ", "ỦY BAN NHÂN DÂN", "PHƯỜNG AN HÒA"]),
            None,
        );
        assert_eq!(r.info.province, "Tỉnh Cần Thơ");
        assert_eq!(r.info.unit_name, "Ủy ban nhân dân phường An Hòa");
        assert_eq!(r.info.level, Some(Level::Xa));
    }

    #[test]
    fn the_signature_block() {
        let mut r = Reader::default();
        r.below(&lines(&[
            "NGƯỜI LẬP BIỂU",
            "(Ký, ghi rõ họ tên)",
            "Nguyễn Tấn Kiệt",
            "Phó Trưởng phòng Nội vụ",
            "Điện thoại: 0937461368",
            "TM. ỦY BAN NHÂN DÂN",
            "CHỦ TỊCH",
            "Kim Thái Phong",
        ]));
        let g = &r.info;
        assert_eq!(g.prepared_by, "Nguyễn Tấn Kiệt");
        assert_eq!(g.prepared_title, "Phó Trưởng phòng Nội vụ");
        assert_eq!(g.contact, "0937461368");
        assert_eq!(g.signer_authority, "TM. ỦY BAN NHÂN DÂN");
        assert_eq!(g.signer_title, "CHỦ TỊCH");
        assert_eq!(g.signer, "Kim Thái Phong");
    }
    #[test]
    fn a_province_committee_alone_is_the_unit_of_the_province_level() {
        let mut r = Reader::default();
        r.above(&lines(&["ỦY BAN NHÂN DÂN TỈNH SÓC TRĂNG"]), None);
        assert_eq!(r.info.unit_name, "Ủy ban nhân dân tỉnh Sóc Trăng");
        assert_eq!(r.info.province, "Tỉnh Sóc Trăng");
        assert_eq!(r.info.level, Some(Level::Tinh));
        // Above a commune's committee it is only the province.
        let mut r = Reader::default();
        r.above(
            &lines(&["UBND TỈNH SÓC TRĂNG", "UBND PHƯỜNG NGÃ NĂM"]),
            None,
        );
        assert_eq!(r.info.unit_name, "Ủy ban nhân dân phường Ngã Năm");
        assert_eq!(r.info.level, Some(Level::Xa));
    }

    #[test]
    fn the_signature_block_as_phuluc_prints_it() {
        let mut r = Reader::default();
        r.below(&lines(&[
            "Người lập biểu: Nguyễn Tấn Kiệt",
            "TM. ỦY BAN NHÂN DÂN",
            "Phó Trưởng phòng Nội vụ",
            "CHỦ TỊCH",
            "Điện thoại, email: 0937461368",
            "Kim Thái Phong",
        ]));
        let g = &r.info;
        assert_eq!(g.prepared_by, "Nguyễn Tấn Kiệt");
        assert_eq!(g.contact, "0937461368");
        assert_eq!(g.signer, "Kim Thái Phong");
    }
}
