//! Checks a report against its template and says what is wrong, where.
//!
//! [`evaluate`] is pure: the same template and report always give the same
//! findings, in form order, so the window, the command line and the printer
//! agree. It covers single cells (text that is not of the row's kind, values
//! in rows that do not apply to the unit's level, document dates outside the
//! report year), required rows, the consistency checks the template declares
//! between cells (`model::check`), the general information and entries the
//! template does not know. It runs on every keystroke, so it allocates little
//! and never touches the disk (see `benches/check.rs`).

use serde::Serialize;

mod year_over_year;

pub use year_over_year::RULE_YEAR_OVER_YEAR;

use crate::model::check::{Check, Expr, Missing, Operand};
use crate::model::report::{GeneralField, cell_problem, display_cell};
use crate::model::value::format_number;
use crate::model::{Cell, IndicatorId, Kind, Report, Row, Template, Value};

pub use crate::model::check::Severity;

/// One problem found in a report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// How bad it is.
    pub severity: Severity,
    /// Which rule found it.
    pub rule: String,
    /// The indicators it concerns (empty for the general information, and for an entry
    /// of the file whose key is not an indicator id at all).
    pub indicators: Vec<IndicatorId>,
    /// What is wrong, in Vietnamese, with the values entered.
    pub message: String,
    /// An entry of the file whose key is not an indicator id at all (`"abc"`), as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entry: Option<String>,
    /// For a warning the officer has confirmed: their explanation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explained: Option<String>,
}

impl Finding {
    /// What identifies this finding across edits: its rule and the indicators it names.
    /// Acknowledgements of warnings are kept in the report under this key.
    pub fn key(&self) -> String {
        match &self.entry {
            Some(key) => format!("{}@{key}", self.rule),
            None => format!("{}@{}", self.rule, self.ids_text(",")),
        }
    }

    /// The ids it names, joined by `separator` ("III.6.1, III.6.2"); the entry's key as
    /// written for an entry that is not an id.
    pub fn ids_text(&self, separator: &str) -> String {
        let ids: Vec<&str> = self.indicators.iter().map(IndicatorId::as_str).collect();
        match &self.entry {
            Some(key) if ids.is_empty() => key.clone(),
            _ => ids.join(separator),
        }
    }

    /// Whether it is about the general information (no indicator, no entry of the file).
    pub fn is_general(&self) -> bool {
        self.indicators.is_empty() && self.entry.is_none()
    }

    /// The section it belongs to (`"III"`), `None` for the general information.
    pub fn section(&self) -> Option<&str> {
        self.indicators.first().map(IndicatorId::section)
    }

    /// Whether it still needs attention (an error, or a warning not yet explained).
    pub fn is_open(&self) -> bool {
        self.severity == Severity::Error || self.explained.is_none()
    }
}

/// Rule id: a cell holds text that is not of its row's kind.
pub const RULE_UNREADABLE: &str = "o.khong-doc-duoc";
/// Rule id: a value sits in a row that does not apply to the unit's level.
pub const RULE_NOT_APPLICABLE: &str = "o.khong-ap-dung";
/// Rule id: an entry names an indicator the template does not have.
pub const RULE_UNKNOWN: &str = "bao-cao.chi-tieu-la";
/// Rule id: a general-information field cannot be read.
pub const RULE_GENERAL: &str = "thong-tin-chung";
/// Rule id: a document's date is outside the report year (or the December before),
/// or after the report itself.
pub const RULE_DOCUMENT_DATE: &str = "o.ngay-van-ban";
/// Rule id suffix of a required row left empty: `I.1.bat-buoc`.
pub const RULE_REQUIRED_SUFFIX: &str = "bat-buoc";

fn finding(
    severity: Severity,
    rule: &str,
    indicators: Vec<IndicatorId>,
    message: String,
) -> Finding {
    Finding {
        severity,
        rule: rule.to_owned(),
        indicators,
        message,
        entry: None,
        explained: None,
    }
}

/// The findings of one row's own cell: unreadable, filled at another level, required
/// but empty, a document dated outside the report year.
fn cell_findings(
    template: &Template,
    report: &Report,
    dates: Dates,
    row: &Row,
    cell: &Cell,
    out: &mut Vec<Finding>,
) {
    let level = report.general.level;
    let Some(kind) = &row.kind else { return };
    if let Some(reason) = cell_problem(kind, cell) {
        out.push(finding(
            Severity::Error,
            RULE_UNREADABLE,
            vec![row.id.clone()],
            format!(
                "{} {}: “{}” không đọc được — {}",
                row.id,
                short_label(&row.label),
                display_cell(cell),
                reason
            ),
        ));
    }
    if !matches!(cell, Cell::Empty)
        && let Some(level) = level
        && !row.applies_to(Some(level))
    {
        out.push(finding(
            Severity::Warning,
            RULE_NOT_APPLICABLE,
            vec![row.id.clone()],
            format!(
                "{} {} không áp dụng cho {} nhưng có giá trị “{}”; xoá giá trị hoặc kiểm tra lại cấp của đơn vị",
                row.id,
                short_label(&row.label),
                template.level_label(level).to_lowercase(),
                display_cell(cell)
            ),
        ));
    }
    if !row.applies_to(level) {
        return;
    }
    if let (Some(severity), Cell::Empty) = (row.required, cell) {
        out.push(finding(
            severity,
            &format!("{}.{RULE_REQUIRED_SUFFIX}", row.id),
            vec![row.id.clone()],
            format!(
                "{} {} chưa được nhập; đây là chỉ tiêu bắt buộc",
                row.id,
                short_label(&row.label)
            ),
        ));
    }
    if let (Kind::Document, Cell::Value(Value::Document(doc))) = (kind, cell)
        && let Some(message) = document_date_problem(dates, doc.date)
    {
        out.push(finding(
            Severity::Warning,
            RULE_DOCUMENT_DATE,
            vec![row.id.clone()],
            format!("{} {}: {message}", row.id, short_label(&row.label)),
        ));
    }
}

/// Check a report; findings in form order (general information first).
pub fn evaluate(template: &Template, report: &Report) -> Vec<Finding> {
    let mut out = Vec::new();
    for field in GeneralField::ALL {
        if let Err(message) = report.general.check(field) {
            out.push(finding(Severity::Error, RULE_GENERAL, Vec::new(), message));
        }
    }
    if let Some(level) = report.general.level
        && !template.offers(level)
    {
        out.push(finding(
            Severity::Error,
            RULE_GENERAL,
            Vec::new(),
            format!(
                "cấp của đơn vị là {} nhưng mẫu biểu “{}” chỉ dành cho {}; chọn lại cấp ở tab Thông tin chung",
                level.label().to_lowercase(),
                template.name,
                template.levels_in_sentence()
            ),
        ));
    }
    // Read once, not once per document row.
    let dates = Dates {
        report_date: report.general.report_date(),
        year: report.general.year(),
    };
    // Each row's cell by position, laid out from the report's entries: the checks then look
    // a value up by position rather than searching the report.
    let rows = template.rows();
    let mut cells: Vec<&Cell> = vec![&Cell::Empty; rows.len()];
    for (id, entry) in report.entries() {
        if let Some(at) = template.position(id) {
            cells[at] = &entry.cell;
        }
    }
    let level = report.general.level;
    for (row, cell) in rows.iter().zip(&cells) {
        cell_findings(template, report, dates, row, cell, &mut out);
        if let Some(previous) = &report.previous
            && row.applies_to(level)
            && let Some(f) = year_over_year::check(template.year_over_year, previous, row, cell)
        {
            out.push(f);
        }
    }
    let number = |id: &IndicatorId| {
        let at = template.position(id)?;
        if rows[at].applies_to(level) {
            cells[at].number()
        } else {
            None
        }
    };
    for check in template.checks() {
        if let Some(f) = check_with(template, report, check, &number) {
            out.push(f);
        }
    }
    for (id, raw) in &report.unknown {
        let known_heading = IndicatorId::parse(id)
            .and_then(|i| template.row(&i))
            .is_some();
        let parsed = IndicatorId::parse(id);
        let entry = parsed.is_none().then(|| id.clone());
        let mut f = finding(
            Severity::Warning,
            RULE_UNKNOWN,
            parsed.into_iter().collect(),
            if let Some(line) = id.strip_prefix(crate::model::import_values::UNPLACED_PREFIX) {
                unplaced_message(line, raw)
            } else if known_heading {
                format!(
                    "{id} là dòng tiêu đề, không nhận giá trị; nội dung trong tệp được giữ nguyên"
                )
            } else {
                format!(
                    "mẫu biểu {} không có chỉ tiêu {id}; nội dung trong tệp được giữ nguyên",
                    template.version
                )
            },
        );
        f.entry = entry;
        out.push(f);
    }
    year_over_year::name_last_year(template, report, &mut out);
    for f in &mut out {
        if f.severity == Severity::Warning {
            f.explained = report
                .acknowledged
                .get(&f.key())
                .filter(|note| !note.trim().is_empty())
                .cloned();
        }
    }
    out
}

/// A line of an imported table that matched no row, as the officer will recognise it:
/// "dòng 57 của bảng đã nhập (“Số cán bộ được khen thưởng”: 7) không khớp chỉ tiêu nào".
fn unplaced_message(line: &str, raw: &serde_json::Value) -> String {
    let field = |k: &str| {
        raw.get(k)
            .and_then(serde_json::Value::as_str)
            .unwrap_or("")
            .trim()
    };
    let (label, value) = (field("label"), field("value"));
    let what = match (label.is_empty(), value.is_empty()) {
        (false, false) => format!(" (“{}”: {value})", short_label(label)),
        (false, true) => format!(" (“{}”)", short_label(label)),
        (true, false) => format!(" ({value})"),
        (true, true) => String::new(),
    };
    format!(
        "{line} của bảng đã nhập{what} không khớp chỉ tiêu nào của mẫu; nội dung được giữ nguyên trong tệp"
    )
}

/// The report's date and year, as its general information gives them.
#[derive(Clone, Copy)]
struct Dates {
    report_date: Option<chrono::NaiveDate>,
    year: Option<i32>,
}

/// Why a document date looks wrong for this report, if it does.
fn document_date_problem(dates: Dates, date: chrono::NaiveDate) -> Option<String> {
    use chrono::Datelike;
    let shown = crate::model::value::format_date(date);
    if let Some(report_date) = dates.report_date
        && date > report_date
    {
        return Some(format!(
            "ngày ban hành {shown} sau ngày báo cáo {}",
            crate::model::value::format_date(report_date)
        ));
    }
    let year = dates.year?;
    let in_year = date.year() == year;
    let december_before = date.year() == year - 1 && date.month() == 12;
    (!in_year && !december_before).then(|| {
        format!("ngày ban hành {shown} không thuộc năm báo cáo {year} (hoặc tháng 12 năm trước); kiểm tra lại ngày")
    })
}

/// The value of one side of a check, and how to show it.
struct Side {
    /// Sum of the values present.
    sum: f64,
    /// Values of the terms (None: empty).
    values: Vec<Option<f64>>,
}

/// The number of an indicator as the checks see it: none when its row does not apply to
/// the report's level.
type NumberOf<'a> = dyn Fn(&IndicatorId) -> Option<f64> + 'a;

fn operand_value(report: &Report, operand: &Operand, number: &NumberOf<'_>) -> Option<f64> {
    match operand {
        Operand::Number(n) => Some(*n),
        Operand::Communes => report.general.communes().map(f64::from),
        Operand::Indicator(id) => number(id),
    }
}

fn side(report: &Report, expr: &Expr, number: &NumberOf<'_>) -> Side {
    let values: Vec<Option<f64>> = expr
        .terms
        .iter()
        .map(|t| operand_value(report, &t.operand, number))
        .collect();
    let sum = expr
        .terms
        .iter()
        .zip(&values)
        .map(|(t, v)| {
            let v = v.unwrap_or(0.0);
            if t.negative { -v } else { v }
        })
        .sum();
    Side { sum, values }
}

fn describe(template: &Template, expr: &Expr, side: &Side) -> String {
    let shown = |v: Option<f64>| v.map_or_else(|| "trống".to_owned(), format_number);
    if let [term] = expr.terms.as_slice()
        && !term.negative
    {
        return match &term.operand {
            Operand::Number(n) => format_number(*n),
            Operand::Communes => format!("số đơn vị cấp xã trực thuộc ({})", shown(side.values[0])),
            Operand::Indicator(id) => {
                let label = template
                    .row(id)
                    .map(|r| short_label(&r.label))
                    .unwrap_or_default();
                format!("{id} {label} ({})", shown(side.values[0]))
            }
        };
    }
    let mut values = String::new();
    for (i, (term, value)) in expr.terms.iter().zip(&side.values).enumerate() {
        if i > 0 {
            values.push_str(if term.negative { " - " } else { " + " });
        } else if term.negative {
            values.push('-');
        }
        values.push_str(&shown(*value));
    }
    format!("{expr} ({values} = {})", format_number(side.sum))
}

/// Run one template check; `None` when it holds or is skipped.
pub fn run_check(template: &Template, report: &Report, check: &Check) -> Option<Finding> {
    let number = |id: &IndicatorId| {
        let applies = template
            .row(id)
            .is_some_and(|r| r.applies_to(report.general.level));
        if applies { report.number(id) } else { None }
    };
    check_with(template, report, check, &number)
}

/// [`run_check`] with the numbers of the indicators looked up by `number`.
fn check_with(
    template: &Template,
    report: &Report,
    check: &Check,
    number: &NumberOf<'_>,
) -> Option<Finding> {
    if let Some(when) = &check.when {
        let left = side(report, &when.left, number);
        let right = side(report, &when.right, number);
        let complete = left.values.iter().chain(&right.values).all(Option::is_some);
        if !complete || !when.op.holds(left.sum, right.sum) {
            return None;
        }
    }
    let left = side(report, &check.test.left, number);
    let right = side(report, &check.test.right, number);
    let mut present = left.values.iter().chain(&right.values).map(Option::is_some);
    let skip = match check.missing {
        Missing::SkipIfAny => !present.all(|p| p),
        Missing::SkipIfAll => !present.any(|p| p),
        Missing::Never => false,
    };
    if skip || check.test.op.holds(left.sum, right.sum) {
        return None;
    }
    let left_text = describe(template, &check.test.left, &left);
    let right_text = describe(template, &check.test.right, &right);
    let mut message = match &check.message {
        Some(custom) => custom
            .replace("{left}", &left_text)
            .replace("{right}", &right_text),
        None => format!("{left_text} {} {right_text}", check.test.op.failure_word()),
    };
    if let Some(when) = &check.when {
        message = format!("Khi {when}: {message}");
    }
    Some(finding(
        check.severity,
        &check.id,
        check.indicators(),
        message,
    ))
}

/// A label cut to a readable length for messages.
pub fn short_label(label: &str) -> String {
    const MAX_CHARS: usize = 60;
    let label = label.trim_end_matches([':', '.']);
    if label.chars().count() <= MAX_CHARS {
        return label.to_owned();
    }
    let cut: String = label.chars().take(MAX_CHARS).collect();
    match cut.rfind(' ') {
        Some(at) => format!("{}…", &cut[..at]),
        None => format!("{cut}…"),
    }
}

/// How many findings of each kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    /// Errors.
    pub errors: usize,
    /// Warnings not yet explained.
    pub warnings: usize,
    /// Warnings the officer explained.
    pub explained: usize,
}

/// Count findings.
pub fn counts<'a>(findings: impl IntoIterator<Item = &'a Finding>) -> Counts {
    let mut c = Counts::default();
    for f in findings {
        match (f.severity, &f.explained) {
            (Severity::Error, _) => c.errors += 1,
            (Severity::Warning, None) => c.warnings += 1,
            (Severity::Warning, Some(_)) => c.explained += 1,
        }
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Level;

    fn id(s: &str) -> IndicatorId {
        IndicatorId::parse(s).expect("id")
    }

    /// An empty report but for the required plan, so it has no finding.
    fn clean(t: &Template) -> Report {
        let mut r = Report::new(t);
        r.set_text(t, &id("I.1"), "Kế hoạch số 03/KH-UBND ngày 15/01/2021")
            .expect("I.1");
        r
    }

    #[test]
    fn a_line_of_an_imported_table_kept_aside_is_named_by_its_line_and_label() {
        let t = Template::builtin().expect("template");
        let mut r = clean(&t);
        r.unknown.insert(
            "nhap:dòng 57".to_owned(),
            serde_json::json!({"label": "Số cán bộ được khen thưởng", "value": "7", "reason": "…"}),
        );
        let findings = evaluate(&t, &r);
        assert_eq!(findings.len(), 1, "{findings:?}");
        assert_eq!(
            findings[0].message,
            "dòng 57 của bảng đã nhập (“Số cán bộ được khen thưởng”: 7) không khớp chỉ tiêu nào \
             của mẫu; nội dung được giữ nguyên trong tệp"
        );
        assert_eq!(findings[0].entry.as_deref(), Some("nhap:dòng 57"));
    }

    #[test]
    fn an_unreadable_cell_is_one_error_naming_it() {
        let t = Template::builtin().expect("template");
        let mut r = clean(&t);
        assert!(evaluate(&t, &r).is_empty());
        r.set_text(&t, &id("III.6.1"), "12abc").expect("ok");
        let findings = evaluate(&t, &r);
        assert_eq!(findings.len(), 1, "{findings:?}");
        assert_eq!(findings[0].severity, Severity::Error);
        assert_eq!(findings[0].rule, RULE_UNREADABLE);
        assert_eq!(findings[0].indicators, ["III.6.1"]);
        assert!(
            findings[0]
                .message
                .starts_with("III.6.1 Số hồ sơ TTHC do UBND cấp huyện tiếp nhận: “12abc”"),
            "{}",
            findings[0].message
        );
        r.set_text(&t, &id("III.6.1"), "12").expect("ok");
        assert!(evaluate(&t, &r).is_empty());
    }

    #[test]
    fn values_in_rows_of_another_level_are_flagged() {
        let t = Template::builtin().expect("template");
        let mut r = clean(&t);
        r.set_text(&t, &id("III.6.1"), "5").expect("ok");
        r.general.level = Some(Level::Xa);
        let findings = evaluate(&t, &r);
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].rule, RULE_NOT_APPLICABLE);
        assert_eq!(findings[0].severity, Severity::Warning);
    }

    #[test]
    fn general_information_and_unknown_ids() {
        let t = Template::builtin().expect("template");
        let mut r = clean(&t);
        r.general.year = "hai nghìn".into();
        r.unknown
            .insert("VIII.1".into(), serde_json::json!({"value": 3}));
        let findings = evaluate(&t, &r);
        assert_eq!(
            counts(&findings),
            Counts {
                errors: 1,
                warnings: 1,
                explained: 0
            }
        );
        assert_eq!(findings[1].indicators, ["VIII.1"]);
        assert!(!findings[1].is_general());
    }

    #[test]
    fn an_entry_whose_key_is_no_id_is_named_by_its_key() {
        let t = Template::builtin().expect("template");
        let mut r = clean(&t);
        r.unknown
            .insert("III.6.1a".into(), serde_json::json!({"value": 3}));
        let findings = evaluate(&t, &r);
        assert_eq!(findings.len(), 1);
        let f = &findings[0];
        assert!(f.indicators.is_empty());
        assert!(!f.is_general(), "not about the general information");
        assert_eq!(f.ids_text(","), "III.6.1a");
        // The key an explanation is kept under, as before ids were typed.
        assert_eq!(f.key(), format!("{RULE_UNKNOWN}@III.6.1a"));
    }

    #[test]
    fn short_labels_cut_at_a_word() {
        assert_eq!(
            short_label("Tổng số TTHC đang có hiệu lực:"),
            "Tổng số TTHC đang có hiệu lực"
        );
        let long = "Có thực hiện tuyên truyền CCHC thường xuyên thông qua các cuộc họp, hội nghị, hội thi, hội diễn";
        let short = short_label(long);
        assert!(
            short.ends_with('…') && short.chars().count() <= 61,
            "{short}"
        );
    }
}
