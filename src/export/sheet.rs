//! The appendix as it is printed and exported: one list of rows with every value
//! already turned into the text the paper shows, so the PDF and the Excel file can
//! never disagree with each other or with the window.

use serde::Serialize;

use crate::model::report::display_value;
use crate::model::template::NotApplicablePrint;
use crate::model::{Cell, Depth, Level, Report, Template, Value};

/// The least height of a row filled in by hand on the blank form, in millimetres: two
/// lines of handwriting (about 4 mm a line) with room above and below. The PDF, the
/// Word file and the workbook all use it.
pub const WRITE_IN_MM: f64 = 9.5;

/// A blank to be filled in by hand on the blank form.
const DOTS: &str = "…………………………";

/// One printed row.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SheetRow {
    /// Indicator id (not printed; for tests and Excel).
    pub id: String,
    /// Stt column: Roman numeral, group number or nothing.
    pub stt: String,
    /// Label as printed ("- " rows keep their dash).
    pub label: String,
    /// Đơn vị tính.
    pub unit: String,
    /// Nội dung as printed: numbers the Vietnamese way, codes as digits, documents in full.
    pub value: String,
    /// `number` (numbers and codes), `text`, or `empty`.
    pub kind: &'static str,
    /// The number behind `value`, for Excel.
    #[serde(skip)]
    pub number: Option<f64>,
    /// Ghi chú.
    pub note: String,
    /// 0 section, 1 group, 2 row under a group.
    pub depth: u8,
    /// A "- " row.
    pub sub: bool,
    /// Does not apply to the unit's level (printed as "x").
    pub na: bool,
    /// The values of [`Sheet::columns`], as printed.
    pub columns: Vec<String>,
    /// An empty value cell to be filled in by hand (the blank form): printed at least
    /// [`WRITE_IN_MM`] tall.
    pub write_in: bool,
}

/// Everything the printed appendix shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sheet {
    /// "Ủy ban nhân dân xã …".
    pub unit_name: String,
    /// "Tỉnh …".
    pub province: String,
    /// "PHỤ LỤC 2, BẢNG 2".
    pub heading: String,
    /// The title with the year.
    pub title: String,
    /// "(Kèm theo Báo cáo số … của …)".
    pub attachment: String,
    /// "Báo cáo CCHC năm 2021".
    pub caption: String,
    /// Printed with a BẢN NHÁP mark.
    pub draft: bool,
    /// Printed on landscape A4 ("Khổ ngang"), for offices that prefer it: the same table
    /// with wider columns, so long labels and notes take fewer lines.
    pub landscape: bool,
    /// The blank form ([`Sheet::blank`]): nothing filled in, rows that take a value tall
    /// enough to write in by hand.
    pub blank: bool,
    /// "cấp xã" for the note under the table.
    pub level_name: String,
    /// Rows in form order.
    pub rows: Vec<SheetRow>,
    /// Headers of columns printed after the value (one per unit of a roll-up); with any,
    /// the page turns to landscape and Ghi chú is left out.
    pub columns: Vec<String>,
    /// Người lập biểu.
    pub prepared_by: String,
    /// Their title.
    pub prepared_title: String,
    /// Their contact.
    pub contact: String,
    /// "TM. ỦY BAN NHÂN DÂN".
    pub signer_authority: String,
    /// "CHỦ TỊCH".
    pub signer_title: String,
    /// Who signs.
    pub signer: String,
}

impl Sheet {
    /// Lay out a report for paper.
    pub fn new(template: &Template, report: &Report, draft: bool) -> Sheet {
        Sheet::laid_out(template, report, draft, false)
    }

    /// Lay out a report; `blank`: rows that take a value are to be written in by hand.
    fn laid_out(template: &Template, report: &Report, draft: bool, blank: bool) -> Sheet {
        let g = &report.general;
        let year = g.year();
        let omit = template.print_not_applicable == NotApplicablePrint::Omit;
        let rows = template
            .rows()
            .iter()
            .filter(|row| !omit || row.applies_to(g.level))
            .map(|row| {
                let na = row.kind.is_some() && !row.applies_to(g.level);
                let cell = report.cell(&row.id);
                let (value, kind, number) = match (na, cell) {
                    (true, _) | (false, Cell::Empty) => (String::new(), "empty", None),
                    (false, Cell::Value(v @ (Value::Number(_) | Value::Code(_)))) => {
                        (display_value(v), "number", report.number(&row.id))
                    }
                    (false, Cell::Value(v)) => (display_value(v), "text", None),
                    (false, Cell::Invalid(text)) => (text.clone(), "text", None),
                };
                SheetRow {
                    id: row.id.to_string(),
                    stt: row.id.stt().to_owned(),
                    label: row.printed_label(),
                    unit: row.unit.clone(),
                    value,
                    kind,
                    number,
                    note: report
                        .entry(&row.id)
                        .map(|e| e.note.clone())
                        .unwrap_or_default(),
                    depth: match row.depth() {
                        Depth::Section => 0,
                        Depth::Group => 1,
                        Depth::Item => 2,
                    },
                    sub: row.sub,
                    na,
                    columns: Vec::new(),
                    write_in: blank && !na && row.kind.is_some(),
                }
            })
            .collect();
        Sheet {
            unit_name: g.unit_name.trim().to_owned(),
            province: g.province.trim().to_owned(),
            heading: template.heading.clone(),
            title: template.title_for(year),
            attachment: g.attachment_line(),
            caption: template.caption_for(year),
            draft,
            landscape: false,
            blank,
            level_name: g
                .level
                .map(|l| template.level_label(l).to_lowercase())
                .unwrap_or_default(),
            rows,
            columns: Vec::new(),
            prepared_by: g.prepared_by.trim().to_owned(),
            prepared_title: g.prepared_title.trim().to_owned(),
            contact: g.contact.trim().to_owned(),
            signer_authority: g.signer_authority.trim().to_owned(),
            signer_title: g.signer_title.trim().to_owned(),
            signer: g.signer.trim().to_owned(),
        }
    }

    /// The same sheet on landscape A4 (`true`) or portrait.
    #[must_use]
    pub fn landscape(mut self, landscape: bool) -> Sheet {
        self.landscape = landscape;
        self
    }

    /// The blank form of `template` for a unit of `level`, to be filled in by hand: every
    /// label and unit, empty value cells at least [`WRITE_IN_MM`] tall, rows that do not
    /// apply to `level` marked "x" (or left out when the template says so), dotted blanks
    /// for the unit, the year, the report's number and date and the signer. With no level,
    /// every row is left to fill in.
    pub fn blank(template: &Template, level: Option<Level>) -> Sheet {
        let mut report = Report::new(template);
        report.general.level = level;
        let mut sheet = Sheet::laid_out(template, &report, false, true);
        sheet.unit_name = format!("Ủy ban nhân dân {DOTS}");
        sheet.province = format!("Tỉnh {DOTS}");
        sheet.prepared_by = DOTS.to_owned();
        sheet.contact = DOTS.to_owned();
        sheet.signer_authority = "TM. Ủy ban nhân dân".to_owned();
        sheet.signer_title = "Chủ tịch".to_owned();
        sheet.signer = DOTS.to_owned();
        sheet
    }

    /// A file name for the blank form: "mau-trang-phu-luc-cchc-2021".
    pub fn blank_file_stem(template: &Template) -> String {
        let version: String = template
            .version
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '.')
            .collect();
        if version.is_empty() {
            "mau-trang-phu-luc-cchc".to_owned()
        } else {
            format!("mau-trang-phu-luc-cchc-{version}")
        }
    }

    /// A file name for the printed appendix: "phu-luc-cchc-2021".
    pub fn file_stem(report: &Report) -> String {
        match report.general.year() {
            Some(y) => format!("phu-luc-cchc-{y}"),
            None => "phu-luc-cchc".to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{IndicatorId, Level};

    #[test]
    fn values_print_as_the_window_shows_them() {
        let t = Template::builtin().expect("template");
        let mut r = Report::new(&t);
        let id = |s: &str| IndicatorId::parse(s).expect("id");
        r.set_text(&t, &id("III.6.6"), "48716").expect("ok");
        r.set_text(&t, &id("III.6.9"), "95,83").expect("ok");
        r.set_text(&t, &id("I.6"), "Không").expect("ok");
        r.set_text(&t, &id("III.6.1"), "5.068").expect("ok");
        r.general.year = "2025".into();
        r.general.level = Some(Level::Xa);
        let sheet = Sheet::new(&t, &r, false);
        let row = |s: &str| sheet.rows.iter().find(|r| r.id == s).expect("row");
        assert_eq!(row("III.6.6").value, "48.716");
        assert_eq!(row("III.6.6").number, Some(48716.0));
        assert_eq!(row("III.6.9").value, "95,83");
        assert_eq!(row("I.6").value, "0");
        // District rows do not print their value at commune level.
        assert!(row("III.6.1").na && row("III.6.1").value.is_empty());
        assert_eq!(row("III").stt, "III");
        assert_eq!(row("III.6").stt, "6");
        assert_eq!(
            row("III.2.4").label,
            "- Số TTHC áp dụng tại UBND cấp huyện:"
        );
        assert!(sheet.title.ends_with("NĂM 2025"));
        assert_eq!(sheet.rows.len(), 182);
    }

    #[test]
    fn the_blank_form_leaves_every_value_to_write_in() {
        let t = Template::builtin().expect("template");
        let sheet = Sheet::blank(&t, Some(Level::Xa));
        assert!(sheet.blank && !sheet.draft);
        assert_eq!(sheet.rows.len(), t.rows().len());
        assert!(
            sheet
                .rows
                .iter()
                .all(|r| r.value.is_empty() && r.note.is_empty() && r.number.is_none())
        );
        for (row, form) in sheet.rows.iter().zip(t.rows()) {
            let takes_value = form.kind.is_some() && form.applies_to(Some(Level::Xa));
            assert_eq!(row.write_in, takes_value, "{}", row.id);
            assert_eq!(row.na, form.kind.is_some() && !takes_value, "{}", row.id);
        }
        let row = |s: &str| sheet.rows.iter().find(|r| r.id == s).expect("row");
        assert!(row("III.6.6").write_in && row("III.6.1").na && !row("III").write_in);
        assert!(sheet.title.ends_with("NĂM …"), "{}", sheet.title);
        assert_eq!(
            sheet.attachment,
            "(Kèm theo Báo cáo số …/BC-UBND ngày … tháng … năm … của …)"
        );
        assert!(sheet.unit_name.starts_with("Ủy ban nhân dân …"));
        assert!(sheet.signer.starts_with('…') && sheet.prepared_by.starts_with('…'));
        assert_eq!(sheet.level_name, "cấp xã");
        // With no level every row is to be filled in.
        let all = Sheet::blank(&t, None);
        assert!(all.rows.iter().all(|r| !r.na));
        assert_eq!(
            all.rows.iter().filter(|r| r.write_in).count(),
            t.value_rows(None).count()
        );
        assert_eq!(Sheet::blank_file_stem(&t), "mau-trang-phu-luc-cchc-2021");
    }

    #[test]
    fn a_template_may_leave_rows_of_another_level_out() {
        let json = crate::model::template::BUILTIN_2021.replacen(
            "\"caption\"",
            "\"print_not_applicable\": \"omit\",\n  \"caption\"",
            1,
        );
        let t = Template::from_json(&json).expect("template");
        let mut r = Report::new(&t);
        r.general.level = Some(Level::Xa);
        let sheet = Sheet::new(&t, &r, false);
        assert!(sheet.rows.iter().all(|row| !row.na));
        assert!(
            !sheet
                .rows
                .iter()
                .any(|row| row.id == "III.6.1" || row.id == "IV.7")
        );
        assert!(sheet.rows.iter().any(|row| row.id == "III.6.6"));
        assert_eq!(
            sheet.rows.len(),
            t.rows()
                .iter()
                .filter(|row| row.applies_to(Some(Level::Xa)))
                .count()
        );
    }
}
