//! Checks a report against its template and says what is wrong, where.
//!
//! [`evaluate`] is pure: the same template and report always give the same
//! findings, in form order, so the window, the command line and the printer
//! agree. This first set of checks covers single cells (text that is not of
//! the row's kind, values in rows that do not apply to the unit's level),
//! the general information and entries the template does not know; rules
//! between cells build on the same [`Finding`].

use serde::Serialize;

use crate::model::report::{GeneralField, cell_problem, display_cell};
use crate::model::{Cell, IndicatorId, Report, Template};

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Probably wrong; the officer confirms.
    Warning,
    /// The report is wrong.
    Error,
}

impl Severity {
    /// Vietnamese name.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Warning => "Cảnh báo",
            Severity::Error => "Lỗi",
        }
    }
}

/// One problem found in a report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// How bad it is.
    pub severity: Severity,
    /// Which rule found it.
    pub rule: String,
    /// The indicators it concerns (empty for the general information).
    pub indicators: Vec<String>,
    /// What is wrong, in Vietnamese, with the values entered.
    pub message: String,
}

/// Rule id: a cell holds text that is not of its row's kind.
pub const RULE_UNREADABLE: &str = "o.khong-doc-duoc";
/// Rule id: a value sits in a row that does not apply to the unit's level.
pub const RULE_NOT_APPLICABLE: &str = "o.khong-ap-dung";
/// Rule id: an entry names an indicator the template does not have.
pub const RULE_UNKNOWN: &str = "bao-cao.chi-tieu-la";
/// Rule id: a general-information field cannot be read.
pub const RULE_GENERAL: &str = "thong-tin-chung";

/// Check a report; findings in form order (general information first).
pub fn evaluate(template: &Template, report: &Report) -> Vec<Finding> {
    let mut out = Vec::new();
    for field in [
        GeneralField::Year,
        GeneralField::ReportDate,
        GeneralField::Communes,
    ] {
        if let Err(message) = report.general.check(field) {
            out.push(Finding {
                severity: Severity::Error,
                rule: RULE_GENERAL.to_owned(),
                indicators: Vec::new(),
                message,
            });
        }
    }
    let level = report.general.level;
    for row in template.rows() {
        let Some(kind) = &row.kind else { continue };
        let cell = report.cell(&row.id);
        if let Some(reason) = cell_problem(kind, cell) {
            out.push(Finding {
                severity: Severity::Error,
                rule: RULE_UNREADABLE.to_owned(),
                indicators: vec![row.id.to_string()],
                message: format!(
                    "{} {}: “{}” không đọc được — {}",
                    row.id,
                    short_label(&row.label),
                    display_cell(cell),
                    reason
                ),
            });
        }
        if !matches!(cell, Cell::Empty)
            && let Some(level) = level
            && !row.applies_to(Some(level))
        {
            out.push(Finding {
                severity: Severity::Warning,
                rule: RULE_NOT_APPLICABLE.to_owned(),
                indicators: vec![row.id.to_string()],
                message: format!(
                    "{} {} không áp dụng cho {} nhưng có giá trị “{}”; xoá giá trị hoặc kiểm tra lại cấp của đơn vị",
                    row.id,
                    short_label(&row.label),
                    level.label().to_lowercase(),
                    display_cell(cell)
                ),
            });
        }
    }
    for id in report.unknown.keys() {
        let known_heading = IndicatorId::parse(id)
            .and_then(|i| template.row(&i))
            .is_some();
        out.push(Finding {
            severity: Severity::Warning,
            rule: RULE_UNKNOWN.to_owned(),
            indicators: vec![id.clone()],
            message: if known_heading {
                format!(
                    "{id} là dòng tiêu đề, không nhận giá trị; nội dung trong tệp được giữ nguyên"
                )
            } else {
                format!(
                    "mẫu biểu {} không có chỉ tiêu {id}; nội dung trong tệp được giữ nguyên",
                    template.version
                )
            },
        });
    }
    out
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

/// Counts of errors and warnings.
pub fn counts(findings: &[Finding]) -> (usize, usize) {
    let errors = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    (errors, findings.len() - errors)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Level;

    fn id(s: &str) -> IndicatorId {
        IndicatorId::parse(s).expect("id")
    }

    #[test]
    fn an_unreadable_cell_is_one_error_naming_it() {
        let t = Template::builtin().expect("template");
        let mut r = Report::new(&t);
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
        let mut r = Report::new(&t);
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
        let mut r = Report::new(&t);
        r.general.year = "hai nghìn".into();
        r.unknown
            .insert("VIII.1".into(), serde_json::json!({"value": 3}));
        let findings = evaluate(&t, &r);
        assert_eq!(counts(&findings), (1, 1));
        assert_eq!(findings[1].indicators, ["VIII.1"]);
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
