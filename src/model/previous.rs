//! Last year beside this year: a report started from last year's keeps last year's
//! entries, read-only, so the window can show them in a grey "Năm trước" column, the
//! checks can say how far a number moved ([`crate::rules`], the year-over-year check),
//! and the messages can name last year's figure.
//!
//! Nothing of last year is ever printed or rolled up; it is kept in the report file
//! (`"previous"`) so that it survives the file being moved away from last year's.

use std::collections::BTreeMap;

use super::ids::IndicatorId;
use super::report::{Cell, Entry, Report, display_cell};
use super::template::{Kind, Row};

/// Last year's entries of a report started from last year's report.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PreviousYear {
    /// Last year's report year, when it read as one.
    pub year: Option<i32>,
    /// The file it was taken from, as the officer knows it ("Ngã Năm 2021.phuluc.json").
    pub source: String,
    /// Last year's entries (value and Ghi chú), by indicator id.
    pub entries: BTreeMap<IndicatorId, Entry>,
    /// Last year's entries the template does not know, kept as they were read.
    pub unknown: BTreeMap<String, serde_json::Value>,
}

impl PreviousYear {
    /// Last year's value cell of an indicator.
    pub fn cell(&self, id: &IndicatorId) -> &Cell {
        static EMPTY: Cell = Cell::Empty;
        self.entries.get(id).map_or(&EMPTY, |e| &e.cell)
    }

    /// Last year's number of an indicator, if it held one.
    pub fn number(&self, id: &IndicatorId) -> Option<f64> {
        self.cell(id).number()
    }

    /// Last year's Ghi chú of an indicator ("" when none).
    pub fn note(&self, id: &IndicatorId) -> &str {
        self.entries.get(id).map_or("", |e| e.note.as_str())
    }

    /// "Năm 2021", or "Năm trước" when last year's report had no readable year.
    pub fn title(&self) -> String {
        self.year
            .map_or_else(|| "Năm trước".to_owned(), |y| format!("Năm {y}"))
    }

    /// [`PreviousYear::title`] inside a sentence: "năm 2021", "năm trước".
    pub fn in_sentence(&self) -> String {
        self.title().to_lowercase()
    }

    /// Last year's value of a row as the officer reads it: numbers the Vietnamese way, a
    /// code with its wording ("1 (Có)"), a document in full; "" when there was none.
    pub fn shown(&self, row: &Row) -> String {
        let cell = self.cell(&row.id);
        let text = display_cell(cell);
        match (&row.kind, cell.number()) {
            (Some(Kind::YesNo(choices) | Kind::Choice(choices)), Some(n)) => choices
                .iter()
                .find(|c| f64::from(c.code) == n)
                .map_or(text, |c| format!("{} ({})", c.code, c.label)),
            _ => text,
        }
    }
}

impl PreviousYear {
    /// Last year's report `last`, read from `source`, as this year's report keeps it.
    pub fn of(last: &Report, source: &str) -> PreviousYear {
        PreviousYear {
            year: last.general.year(),
            source: source.to_owned(),
            entries: last
                .entries()
                .map(|(id, e)| (id.clone(), e.clone()))
                .collect(),
            unknown: last.unknown.clone(),
        }
    }
}

impl Report {
    /// A report for the year after this one, of the same unit and template: the general
    /// information carried (year + 1; report number and date left empty, as they are
    /// new), no values, no explanations, and this report's entries kept as last year's.
    /// `source` names the file this report was read from.
    pub fn next_year(&self, source: &str) -> Report {
        let mut general = self.general.clone();
        general.year = self
            .general
            .year()
            .map_or_else(String::new, |y| (y + 1).to_string());
        general.report_number.clear();
        general.report_date.clear();
        let mut next = Report::default();
        next.template_id.clone_from(&self.template_id);
        next.template_version.clone_from(&self.template_version);
        next.general = general;
        next.previous = Some(PreviousYear::of(self, source));
        next
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Template;
    use crate::model::report::GeneralField;

    fn id(s: &str) -> IndicatorId {
        IndicatorId::parse(s).expect("id")
    }

    fn last_year(template: &Template) -> Report {
        let mut r = Report::new(template);
        r.general.unit_name = "UBND thị xã Ngã Năm".to_owned();
        r.general.province = "Sóc Trăng".to_owned();
        r.general.year = "2021".to_owned();
        r.general.report_number = "411/BC-UBND".to_owned();
        r.general.report_date = "16/12/2021".to_owned();
        r.general.signer = "Nguyễn Văn A".to_owned();
        r.set_text(template, &id("III.6.1"), "5.068")
            .expect("III.6.1");
        r.set_note(template, &id("III.6.1"), "cả trực tuyến")
            .expect("note");
        r.set_text(
            template,
            &id("I.1"),
            "Kế hoạch số 03/KH-UBND ngày 15/01/2021",
        )
        .expect("I.1");
        r.acknowledged
            .insert("x@III.6.1".to_owned(), "đã giải trình".to_owned());
        r
    }

    #[test]
    fn next_year_carries_the_unit_and_keeps_last_years_values_aside() {
        let template = Template::builtin().expect("template");
        let before = last_year(&template);
        let next = before.next_year("Ngã Năm 2021.phuluc.json");
        assert_eq!(next.general.year, "2022");
        assert_eq!(next.general.unit_name, "UBND thị xã Ngã Năm");
        assert_eq!(next.general.province, "Sóc Trăng");
        assert_eq!(next.general.signer, "Nguyễn Văn A");
        assert!(next.general.report_number.is_empty());
        assert!(next.general.report_date.is_empty());
        assert!(next.general.check(GeneralField::Year).is_ok());
        assert_eq!(next.entries().count(), 0, "this year's values start empty");
        assert!(next.acknowledged.is_empty());
        let previous = next.previous.as_ref().expect("last year kept");
        assert_eq!(previous.year, Some(2021));
        assert_eq!(previous.title(), "Năm 2021");
        assert_eq!(previous.number(&id("III.6.1")), Some(5068.0));
        assert_eq!(previous.note(&id("III.6.1")), "cả trực tuyến");
        assert_eq!(previous.source, "Ngã Năm 2021.phuluc.json");
        let row = template.row(&id("I.1")).expect("row");
        assert_eq!(
            previous.shown(row),
            "Kế hoạch số 03/KH-UBND ngày 15/01/2021"
        );
        let row = template.row(&id("III.6.1")).expect("row");
        assert_eq!(previous.shown(row), "5.068");
    }

    #[test]
    fn a_code_shows_with_its_wording_and_a_missing_year_stays_empty() {
        let template = Template::builtin().expect("template");
        let yes_no = template
            .rows()
            .iter()
            .find(|r| matches!(r.kind, Some(Kind::YesNo(_))))
            .expect("a yes/no row");
        let mut before = Report::new(&template);
        before.set_text(&template, &yes_no.id, "1").expect("code");
        let next = before.next_year("a.json");
        assert!(next.general.year.is_empty());
        let previous = next.previous.expect("kept");
        assert_eq!(previous.title(), "Năm trước");
        assert_eq!(previous.shown(yes_no), "1 (Có)");
    }
}
