//! A filled-in appendix: general information plus one entry per indicator.
//!
//! Everything a user types is kept. Text that reads as the cell's kind becomes
//! a typed [`Value`]; text that does not is kept exactly as typed in
//! [`Cell::Invalid`] so it stays visible and can be fixed later. Every edit
//! goes through [`Report::set_text`], [`Report::set_cell`] or
//! [`Report::set_note`], which return a [`Change`] that the undo history keeps.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::ids::IndicatorId;
use super::template::{Kind, Template};
use super::value::{self, NumberKind};

pub use super::general::{GeneralField, GeneralInfo};

/// A document cited as evidence: "Kế hoạch số 03/KH-UBND ngày 15/01/2021".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentRef {
    /// Kế hoạch, Quyết định, Công văn …
    pub doc_type: String,
    /// Number and symbol, "03/KH-UBND".
    pub number: String,
    /// Date of issue.
    pub date: NaiveDate,
}

impl DocumentRef {
    /// "Kế hoạch số 03/KH-UBND ngày 15/01/2021".
    pub fn display(&self) -> String {
        format!(
            "{} số {} ngày {}",
            self.doc_type,
            self.number,
            value::format_date(self.date)
        )
    }
}

/// The three parts of a document reference as typed, before they are checked.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DocumentParts {
    /// Type as typed.
    pub doc_type: String,
    /// Number/symbol as typed.
    pub number: String,
    /// Date as typed.
    pub date: String,
}

impl DocumentParts {
    /// Split "Kế hoạch số 03/KH-UBND ngày 15/01/2021" into its parts without checking them.
    pub fn split(text: &str) -> DocumentParts {
        let text = text.trim();
        let (head, date) = match text.rfind(" ngày ") {
            Some(at) => (&text[..at], text[at + " ngày ".len()..].trim()),
            None => match text.strip_prefix("ngày ") {
                Some(date) => ("", date.trim()),
                None => (text, ""),
            },
        };
        let (doc_type, number) = match head.find(" số ") {
            Some(at) => (&head[..at], head[at + " số ".len()..].trim()),
            None => match head.strip_prefix("số ") {
                Some(number) => ("", number.trim()),
                None => (head, ""),
            },
        };
        DocumentParts {
            doc_type: doc_type.trim().to_owned(),
            number: number.to_owned(),
            date: date.to_owned(),
        }
    }

    /// Join the parts the way the form prints them; empty when every part is empty.
    pub fn join(&self) -> String {
        let mut out = self.doc_type.trim().to_owned();
        if !self.number.trim().is_empty() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str("số ");
            out.push_str(self.number.trim());
        }
        if !self.date.trim().is_empty() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str("ngày ");
            out.push_str(self.date.trim());
        }
        out
    }

    /// Check the parts.
    pub fn parse(&self) -> Result<DocumentRef, String> {
        let mut missing = Vec::new();
        if self.doc_type.trim().is_empty() {
            missing.push("loại văn bản");
        }
        if self.number.trim().is_empty() {
            missing.push("số/ký hiệu");
        }
        if self.date.trim().is_empty() {
            missing.push("ngày ban hành");
        }
        if !missing.is_empty() {
            return Err(format!(
                "văn bản còn thiếu {}; ví dụ: Kế hoạch số 03/KH-UBND ngày 15/01/2021",
                missing.join(", ")
            ));
        }
        let date = value::parse_date(&self.date)
            .map_err(|e| format!("ngày ban hành: {e}"))?
            .ok_or_else(|| "văn bản còn thiếu ngày ban hành".to_owned())?;
        Ok(DocumentRef {
            doc_type: self.doc_type.trim().to_owned(),
            number: self.number.trim().to_owned(),
            date,
        })
    }
}

/// A value that reads as its row's kind.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Count, decimal or percent.
    Number(f64),
    /// Code of a yes/no or choice row.
    Code(u32),
    /// Document reference.
    Document(DocumentRef),
    /// Free text.
    Text(String),
}

impl Value {
    /// A value as the report file writes it: whole numbers without a decimal point, codes
    /// as numbers, a document as `{type, number, date}` with an ISO date, text as a string.
    pub fn to_json(&self) -> serde_json::Value {
        match self {
            Value::Number(n) if n.fract() == 0.0 && n.abs() < 9.0e15 => {
                #[allow(clippy::cast_possible_truncation)] // whole and well inside i64
                let whole = *n as i64;
                serde_json::Value::from(whole)
            }
            Value::Number(n) => serde_json::Value::from(*n),
            Value::Code(c) => serde_json::Value::from(*c),
            Value::Document(d) => serde_json::json!({
                "type": d.doc_type,
                "number": d.number,
                "date": d.date.format("%Y-%m-%d").to_string(),
            }),
            Value::Text(t) => serde_json::Value::from(t.as_str()),
        }
    }
}

/// What a value cell holds.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Cell {
    /// Not reported (never the same as zero).
    #[default]
    Empty,
    /// A value of the row's kind.
    Value(Value),
    /// Text that could not be read as the row's kind, kept exactly as typed.
    Invalid(String),
}

impl Cell {
    /// Whether nothing is entered.
    pub fn is_empty(&self) -> bool {
        matches!(self, Cell::Empty)
    }

    /// The number it holds, if it holds one (a code counts as its number).
    pub fn number(&self) -> Option<f64> {
        match self {
            Cell::Value(Value::Number(n)) => Some(*n),
            Cell::Value(Value::Code(c)) => Some(f64::from(*c)),
            _ => None,
        }
    }
}

/// One indicator's entry: its value cell and its Ghi chú.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Entry {
    /// Nội dung.
    pub cell: Cell,
    /// Ghi chú.
    pub note: String,
}

impl Entry {
    /// The entry as the report file writes it: `{"value": …}` or `{"invalid": "…"}`, and
    /// `"note"` when there is one (see docs/report-format.md).
    pub fn to_json(&self) -> serde_json::Value {
        let mut o = serde_json::Map::new();
        match &self.cell {
            Cell::Empty => {}
            Cell::Value(v) => {
                o.insert("value".to_owned(), v.to_json());
            }
            Cell::Invalid(text) => {
                o.insert("invalid".to_owned(), serde_json::Value::from(text.as_str()));
            }
        }
        if !self.note.is_empty() {
            o.insert(
                "note".to_owned(),
                serde_json::Value::from(self.note.as_str()),
            );
        }
        serde_json::Value::Object(o)
    }

    /// Whether the entry holds nothing at all.
    pub fn is_blank(&self) -> bool {
        self.cell.is_empty() && self.note.is_empty()
    }
}

/// Which part of an entry an edit touched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// Nội dung.
    Value,
    /// Ghi chú.
    Note,
}

/// One edit, with enough to undo and redo it.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// The indicator.
    pub id: IndicatorId,
    /// Which part changed.
    pub part: Part,
    /// The entry before.
    pub before: Entry,
    /// The entry after.
    pub after: Entry,
}

/// Why an edit was refused (the row cannot hold it); nothing is changed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    /// No such row in the template.
    #[error("mẫu biểu không có chỉ tiêu {0}")]
    UnknownId(String),
    /// A heading row.
    #[error("chỉ tiêu {0} là dòng tiêu đề, không nhận giá trị")]
    NoValue(String),
    /// Not for this level.
    #[error("chỉ tiêu {0} không áp dụng cho {1}")]
    NotApplicable(String, String),
}

/// A report: general information and entries keyed by indicator id.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Report {
    /// Id of the template it was made for.
    pub template_id: String,
    /// Version of that template.
    pub template_version: String,
    /// General information.
    pub general: GeneralInfo,
    entries: BTreeMap<IndicatorId, Entry>,
    /// Entries whose id the template does not know (or a heading row): kept and saved back
    /// untouched so nothing typed is ever lost, and reported by the check.
    pub unknown: BTreeMap<String, serde_json::Value>,
    /// Warnings the officer confirmed, by finding key (`rule@ids`), with their explanation.
    pub acknowledged: BTreeMap<String, String>,
    /// Last year's entries, when the report was started from last year's report.
    pub previous: Option<super::previous::PreviousYear>,
}

impl Report {
    /// A new, empty report for a template.
    pub fn new(template: &Template) -> Report {
        Report {
            template_id: template.id.clone(),
            template_version: template.version.clone(),
            ..Report::default()
        }
    }

    /// The entry of an indicator (blank when nothing was entered).
    pub fn entry(&self, id: &IndicatorId) -> Option<&Entry> {
        self.entries.get(id)
    }

    /// The value cell of an indicator.
    pub fn cell(&self, id: &IndicatorId) -> &Cell {
        static EMPTY: Cell = Cell::Empty;
        self.entries.get(id).map_or(&EMPTY, |e| &e.cell)
    }

    /// The number held by an indicator, if it holds one.
    pub fn number(&self, id: &IndicatorId) -> Option<f64> {
        self.cell(id).number()
    }

    /// Every non-blank entry, by id.
    pub fn entries(&self) -> impl Iterator<Item = (&IndicatorId, &Entry)> {
        self.entries.iter()
    }

    /// Every entry, taken out of the report (which is left without values).
    pub fn take_entries(&mut self) -> BTreeMap<IndicatorId, Entry> {
        std::mem::take(&mut self.entries)
    }

    /// [`Report::put`] of many entries at once, as a file is read: built in one pass
    /// rather than searched for each (a later entry of the same id wins, as with `put`).
    pub fn put_all(&mut self, entries: Vec<(IndicatorId, Entry)>) {
        if self.entries.is_empty() {
            self.entries = entries.into_iter().collect();
            self.entries.retain(|_, e| !e.is_blank());
        } else {
            for (id, entry) in entries {
                self.put(id, entry);
            }
        }
    }

    /// Put an entry in place as it is (loading, undo, redo).
    pub fn put(&mut self, id: IndicatorId, entry: Entry) {
        if entry.is_blank() {
            self.entries.remove(&id);
        } else {
            self.entries.insert(id, entry);
        }
    }

    fn editable_kind<'t>(
        &self,
        template: &'t Template,
        id: &IndicatorId,
    ) -> Result<&'t Kind, EditError> {
        let row = template
            .row(id)
            .ok_or_else(|| EditError::UnknownId(id.to_string()))?;
        let kind = row
            .kind
            .as_ref()
            .ok_or_else(|| EditError::NoValue(id.to_string()))?;
        if let Some(level) = self.general.level
            && !row.applies_to(Some(level))
        {
            return Err(EditError::NotApplicable(
                id.to_string(),
                template.level_label(level).to_lowercase(),
            ));
        }
        Ok(kind)
    }

    /// Set a value cell from what the user typed. `None` when nothing changed.
    pub fn set_text(
        &mut self,
        template: &Template,
        id: &IndicatorId,
        text: &str,
    ) -> Result<Option<Change>, EditError> {
        let kind = self.editable_kind(template, id)?;
        let cell = read_cell(kind, text);
        Ok(self.apply(id, Part::Value, |e| e.cell = cell))
    }

    /// Set a value cell directly (a choice picked from a list).
    pub fn set_cell(
        &mut self,
        template: &Template,
        id: &IndicatorId,
        cell: Cell,
    ) -> Result<Option<Change>, EditError> {
        self.editable_kind(template, id)?;
        Ok(self.apply(id, Part::Value, |e| e.cell = cell))
    }

    /// Set the Ghi chú of an indicator (any row of the template may carry one).
    pub fn set_note(
        &mut self,
        template: &Template,
        id: &IndicatorId,
        note: &str,
    ) -> Result<Option<Change>, EditError> {
        if template.row(id).is_none() {
            return Err(EditError::UnknownId(id.to_string()));
        }
        let note = value::nfc(note);
        Ok(self.apply(id, Part::Note, |e| e.note = note))
    }

    fn apply(
        &mut self,
        id: &IndicatorId,
        part: Part,
        edit: impl FnOnce(&mut Entry),
    ) -> Option<Change> {
        let before = self.entries.get(id).cloned().unwrap_or_default();
        let mut after = before.clone();
        edit(&mut after);
        if after == before {
            return None;
        }
        self.put(id.clone(), after.clone());
        Some(Change {
            id: id.clone(),
            part,
            before,
            after,
        })
    }

    /// Undo a change.
    pub fn revert(&mut self, change: &Change) {
        self.put(change.id.clone(), change.before.clone());
    }

    /// Redo a change.
    pub fn reapply(&mut self, change: &Change) {
        self.put(change.id.clone(), change.after.clone());
    }

    /// How many value rows that apply to the unit's level hold a value, of how many.
    pub fn filled(&self, template: &Template) -> (usize, usize) {
        let rows: Vec<_> = template.value_rows(self.general.level).collect();
        let filled = rows.iter().filter(|r| !self.cell(&r.id).is_empty()).count();
        (filled, rows.len())
    }
}

/// Read what a user typed as a cell of this kind. Text is stored NFC; nothing is dropped.
pub fn read_cell(kind: &Kind, text: &str) -> Cell {
    let text = value::nfc(text);
    if text.trim().is_empty() {
        return Cell::Empty;
    }
    match parse_text(kind, &text) {
        Ok(value) => Cell::Value(value),
        Err(_) => Cell::Invalid(text),
    }
}

/// Parse text as a value of this kind, or say in Vietnamese why it cannot be.
pub fn parse_text(kind: &Kind, text: &str) -> Result<Value, String> {
    let number = |k| match value::parse_number(text, k) {
        Ok(Some(n)) => Ok(Value::Number(n)),
        Ok(None) => Err("ô đang trống".to_owned()),
        Err(e) => Err(e.to_string()),
    };
    match kind {
        Kind::Count => number(NumberKind::Count),
        Kind::Decimal => number(NumberKind::Decimal),
        Kind::Percent => number(NumberKind::Percent),
        Kind::YesNo(choices) | Kind::Choice(choices) => {
            let wanted = text.trim();
            let folded = super::template::fold_for_search(wanted);
            choices
                .iter()
                .find(|c| {
                    c.code.to_string() == wanted
                        || super::template::fold_for_search(&c.label).trim() == folded.trim()
                })
                .map(|c| Value::Code(c.code))
                .ok_or_else(|| {
                    let allowed: Vec<String> = choices
                        .iter()
                        .map(|c| format!("{} = {}", c.label, c.code))
                        .collect();
                    format!(
                        "chỉ nhận {}; ghi giải thích vào cột Ghi chú",
                        allowed.join(", ")
                    )
                })
        }
        Kind::Document => DocumentParts::split(text).parse().map(Value::Document),
        Kind::Text => Ok(Value::Text(text.to_owned())),
    }
}

/// How a value shows in its cell and on paper: numbers the Vietnamese way, codes as digits.
pub fn display_value(value: &Value) -> String {
    match value {
        Value::Number(n) => value::format_number(*n),
        Value::Code(c) => c.to_string(),
        Value::Document(d) => d.display(),
        Value::Text(t) => t.clone(),
    }
}

/// How a cell shows: its value, or the invalid text as typed.
pub fn display_cell(cell: &Cell) -> String {
    match cell {
        Cell::Empty => String::new(),
        Cell::Value(v) => display_value(v),
        Cell::Invalid(text) => text.clone(),
    }
}

/// Why a cell cannot be read, if it cannot.
pub fn cell_problem(kind: &Kind, cell: &Cell) -> Option<String> {
    match cell {
        Cell::Invalid(text) => Some(match parse_text(kind, text) {
            Err(reason) => reason,
            Ok(_) => format!(
                "“{text}” chưa được xác nhận là {}; gõ lại để xác nhận",
                kind.describe()
            ),
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn template() -> Template {
        Template::builtin().expect("built-in template")
    }

    fn id(s: &str) -> IndicatorId {
        IndicatorId::parse(s).expect("id")
    }

    #[test]
    fn typed_text_becomes_values_or_is_kept() {
        let t = template();
        let mut r = Report::new(&t);
        r.set_text(&t, &id("III.6.1"), "1.200").expect("editable");
        assert_eq!(r.number(&id("III.6.1")), Some(1200.0));
        assert_eq!(display_cell(r.cell(&id("III.6.1"))), "1.200");
        r.set_text(&t, &id("III.6.1"), "abc").expect("editable");
        assert_eq!(r.cell(&id("III.6.1")), &Cell::Invalid("abc".to_owned()));
        let Some(Kind::Count) = t.row(&id("III.6.1")).and_then(|r| r.kind.clone()) else {
            panic!("count row")
        };
        assert!(cell_problem(&Kind::Count, r.cell(&id("III.6.1"))).is_some());
        r.set_text(&t, &id("III.6.9"), "95,83").expect("editable");
        assert_eq!(r.number(&id("III.6.9")), Some(95.83));
        r.set_text(&t, &id("I.6"), "Có").expect("editable");
        assert_eq!(r.cell(&id("I.6")), &Cell::Value(Value::Code(1)));
        r.set_text(&t, &id("I.6"), "2").expect("editable");
        assert!(matches!(r.cell(&id("I.6")), Cell::Invalid(_)));
        r.set_text(&t, &id("I.1"), "Kế hoạch số 03/KH-UBND ngày 15/01/2021")
            .expect("editable");
        assert_eq!(
            display_cell(r.cell(&id("I.1"))),
            "Kế hoạch số 03/KH-UBND ngày 15/01/2021"
        );
        r.set_text(&t, &id("I.1"), "Kế hoạch số 03/KH-UBND ngày 32/01/2021")
            .expect("editable");
        assert!(matches!(r.cell(&id("I.1")), Cell::Invalid(_)));
        r.set_text(&t, &id("I.1"), "  ").expect("editable");
        assert!(r.entry(&id("I.1")).is_none());
    }

    #[test]
    fn text_is_stored_nfc() {
        let t = template();
        let mut r = Report::new(&t);
        let nfd = "Ho\u{302}\u{300} so\u{31b}";
        r.set_text(&t, &id("I.3.4"), nfd).expect("editable");
        assert_eq!(
            r.cell(&id("I.3.4")),
            &Cell::Value(Value::Text("Hồ sơ".to_owned()))
        );
        r.set_note(&t, &id("I.3.4"), nfd).expect("note");
        assert_eq!(
            r.entry(&id("I.3.4")).map(|e| e.note.as_str()),
            Some("Hồ sơ")
        );
    }

    #[test]
    fn refuses_heading_unknown_and_other_level_rows() {
        let t = template();
        let mut r = Report::new(&t);
        assert!(matches!(
            r.set_text(&t, &id("III.6"), "1"),
            Err(EditError::NoValue(_))
        ));
        assert!(matches!(
            r.set_text(&t, &id("III.9"), "1"),
            Err(EditError::UnknownId(_))
        ));
        r.general.level = Some(crate::model::Level::Xa);
        assert!(matches!(
            r.set_text(&t, &id("III.6.1"), "1"),
            Err(EditError::NotApplicable(..))
        ));
        assert!(r.set_text(&t, &id("III.6.6"), "1").is_ok());
        assert_eq!(r.entries().count(), 1);
    }

    #[test]
    fn changes_undo_and_redo() {
        let t = template();
        let mut r = Report::new(&t);
        let change = r
            .set_text(&t, &id("I.1.1"), "28")
            .expect("ok")
            .expect("changed");
        assert!(r.set_text(&t, &id("I.1.1"), "28").expect("ok").is_none());
        r.revert(&change);
        assert!(r.entry(&id("I.1.1")).is_none());
        r.reapply(&change);
        assert_eq!(r.number(&id("I.1.1")), Some(28.0));
    }

    #[test]
    fn document_parts_split_and_join() {
        let p = DocumentParts::split("Quyết định số 3971/QĐ-UBND ngày 19/10/2021");
        assert_eq!(p.doc_type, "Quyết định");
        assert_eq!(p.number, "3971/QĐ-UBND");
        assert_eq!(p.date, "19/10/2021");
        assert_eq!(p.join(), "Quyết định số 3971/QĐ-UBND ngày 19/10/2021");
        let partial = DocumentParts {
            doc_type: "Kế hoạch".into(),
            ..Default::default()
        };
        assert_eq!(DocumentParts::split(&partial.join()), partial);
        let err = partial.parse().expect_err("incomplete");
        assert!(
            err.contains("số/ký hiệu") && err.contains("ngày ban hành"),
            "{err}"
        );
    }

    #[test]
    fn general_info_lines() {
        let g = GeneralInfo {
            unit_name: "Ủy ban nhân dân thị xã Ngã Năm".into(),
            report_number: "411".into(),
            report_date: "16/12/2021".into(),
            year: "2021".into(),
            communes: "8".into(),
            ..Default::default()
        };
        assert_eq!(
            g.attachment_line(),
            "(Kèm theo Báo cáo số 411/BC-UBND ngày 16 tháng 12 năm 2021 của UBND thị xã Ngã Năm)"
        );
        assert_eq!(g.year(), Some(2021));
        assert_eq!(g.communes(), Some(8));
        assert_eq!(
            GeneralInfo::default().attachment_line(),
            "(Kèm theo Báo cáo số …/BC-UBND ngày … tháng … năm … của …)"
        );
        let bad = GeneralInfo {
            year: "21".into(),
            communes: "tám".into(),
            ..Default::default()
        };
        assert!(bad.check(GeneralField::Year).is_err());
        assert!(bad.check(GeneralField::Communes).is_err());
        assert_eq!(bad.year(), None);
    }
}
