//! The consistency checks of the 2021 template, one by one, and how each kind of rule treats empty cells.

use phuluc::model::check::{Missing, Operand};
use phuluc::model::{Cell, IndicatorId, Kind, Report, Template};
use phuluc::rules::{self, Counts, Severity};
use phuluc::store::load_report;
use phuluc::store::templates::TemplateStore;

fn id(s: &str) -> IndicatorId {
    IndicatorId::parse(s).expect("id")
}

fn template() -> Template {
    Template::builtin().expect("template")
}

/// A report with nothing but what every check needs around it: the year, the number
/// of communes and the required rows. It has no finding at all.
fn base(t: &Template) -> Report {
    let mut r = Report::new(t);
    r.general.year = "2021".into();
    r.general.communes = "8".into();
    r.set_text(t, &id("I.1"), "Kế hoạch số 03/KH-UBND ngày 15/01/2021")
        .expect("I.1");
    assert!(
        rules::evaluate(t, &r).is_empty(),
        "{:?}",
        rules::evaluate(t, &r)
    );
    r
}

fn set(t: &Template, r: &mut Report, which: &str, text: &str) {
    r.set_text(t, &id(which), text)
        .unwrap_or_else(|e| panic!("{which}: {e}"));
}

#[test]
fn every_check_of_the_2021_template_fires_alone_and_clears_when_fixed() {
    let t = template();
    let mut plain = 0;
    for check in t.checks().iter().filter(|c| c.when.is_none()) {
        plain += 1;
        let mut r = base(&t);
        // Values that break the check: the side that must be smaller gets 10s, the other 1s.
        let (left, right) = match check.test.op {
            phuluc::model::check::Op::Le
            | phuluc::model::check::Op::Lt
            | phuluc::model::check::Op::Eq => ("10", "1"),
            _ => ("1", "10"),
        };
        for (expr, text) in [(&check.test.left, left), (&check.test.right, right)] {
            for term in &expr.terms {
                if let Operand::Indicator(i) = &term.operand {
                    let kind = t.row(i).and_then(|r| r.kind.clone());
                    assert!(
                        matches!(kind, Some(Kind::Count | Kind::Decimal | Kind::Percent)),
                        "{}: {i}",
                        check.id
                    );
                    set(&t, &mut r, i.as_str(), text);
                }
            }
        }
        let findings = rules::evaluate(&t, &r);
        assert_eq!(findings.len(), 1, "{}: {findings:#?}", check.id);
        let f = &findings[0];
        assert_eq!(f.rule, check.id);
        assert_eq!(f.severity, check.severity);
        let expected = check.indicators();
        assert_eq!(f.indicators, expected, "{}", check.id);
        for i in &expected {
            assert!(
                f.message.contains(i.as_str()),
                "{}: {}",
                check.id,
                f.message
            );
        }
        // Fixed: every value 0.
        for i in check.indicators() {
            set(&t, &mut r, i.as_str(), "0");
        }
        let left = rules::evaluate(&t, &r);
        assert!(left.is_empty(), "{} still fires: {left:#?}", check.id);
    }
    assert!(plain >= 40, "only {plain} checks");
}

#[test]
fn the_yes_no_gate_fires_only_when_the_answer_is_no() {
    let t = template();
    let gate = t
        .checks()
        .iter()
        .find(|c| c.when.is_some())
        .expect("the III.4 gate");
    assert_eq!(t.checks().iter().filter(|c| c.when.is_some()).count(), 1);
    let mut r = base(&t);
    set(&t, &mut r, "III.4.1", "3");
    // III.4 empty: the condition cannot be decided, nothing fires.
    assert!(rules::evaluate(&t, &r).is_empty());
    set(&t, &mut r, "III.4", "1");
    assert!(rules::evaluate(&t, &r).is_empty());
    set(&t, &mut r, "III.4", "0");
    let findings = rules::evaluate(&t, &r);
    assert_eq!(findings.len(), 1, "{findings:#?}");
    assert_eq!(findings[0].rule, gate.id);
    assert_eq!(findings[0].severity, Severity::Warning);
    assert_eq!(findings[0].indicators, ["III.4.1", "III.4.2", "III.4"]);
    assert!(
        findings[0]
            .message
            .starts_with("Khi III.4 = 0: III.4.1 + III.4.2 (3 + trống = 3) khác 0"),
        "{}",
        findings[0].message
    );
    // Empty or 0 below a "no" is what the form expects.
    set(&t, &mut r, "III.4.1", "0");
    assert!(rules::evaluate(&t, &r).is_empty());
    set(&t, &mut r, "III.4.1", "");
    assert!(rules::evaluate(&t, &r).is_empty());
}

#[test]
fn a_message_names_both_sides_with_the_values_typed() {
    let t = template();
    let mut r = base(&t);
    set(&t, &mut r, "III.6.1", "5.068");
    set(&t, &mut r, "III.6.2", "5.100");
    let findings = rules::evaluate(&t, &r);
    assert_eq!(
        findings[0].message,
        "III.6.2 Số hồ sơ TTHC do UBND cấp huyện giải quyết và trả kết quả (5.100) lớn hơn \
         III.6.1 Số hồ sơ TTHC do UBND cấp huyện tiếp nhận (5.068)"
    );
    set(&t, &mut r, "III.6.2", "");
    set(&t, &mut r, "III.2.3", "405");
    set(&t, &mut r, "III.2.4", "269");
    set(&t, &mut r, "III.2.5", "130");
    let findings = rules::evaluate(&t, &r);
    assert_eq!(
        findings[0].message,
        "III.2.3 Tổng số TTHC đang có hiệu lực (405) khác III.2.4 + III.2.5 (269 + 130 = 399)"
    );
}

#[test]
fn comparisons_skip_when_a_value_is_missing() {
    let t = template();
    let mut r = base(&t);
    set(&t, &mut r, "III.6.2", "5.100");
    assert!(
        rules::evaluate(&t, &r).is_empty(),
        "III.6.1 empty: not reported, no comparison"
    );
    // A sum with one part missing is skipped too (skip_if_any is the default).
    set(&t, &mut r, "III.2.3", "405");
    set(&t, &mut r, "III.2.4", "269");
    assert!(rules::evaluate(&t, &r).is_empty());
    // An unreadable value counts as missing for the comparison (it has its own error).
    set(&t, &mut r, "III.6.1", "năm nghìn");
    let findings = rules::evaluate(&t, &r);
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0].rule, rules::RULE_UNREADABLE);
}

#[test]
fn checks_against_the_general_information_skip_when_it_is_empty() {
    let t = template();
    let mut r = base(&t);
    set(&t, &mut r, "VII.3.2", "9");
    let findings = rules::evaluate(&t, &r);
    assert_eq!(findings.len(), 1);
    assert!(
        findings[0]
            .message
            .contains("số đơn vị cấp xã trực thuộc (8)"),
        "{}",
        findings[0].message
    );
    r.general.communes = String::new();
    assert!(rules::evaluate(&t, &r).is_empty());
}

#[test]
fn rows_of_another_level_take_no_part_in_checks() {
    let t = template();
    let mut r = base(&t);
    set(&t, &mut r, "III.6.1", "10");
    set(&t, &mut r, "III.6.2", "20");
    assert_eq!(rules::evaluate(&t, &r).len(), 1);
    r.general.level = Some(phuluc::model::Level::Xa);
    let findings = rules::evaluate(&t, &r);
    assert!(
        findings
            .iter()
            .all(|f| f.rule == rules::RULE_NOT_APPLICABLE),
        "{findings:#?}"
    );
}

#[test]
fn required_rows_and_document_dates() {
    let t = template();
    let mut r = base(&t);
    set(&t, &mut r, "I.1", "");
    let findings = rules::evaluate(&t, &r);
    assert_eq!(findings.len(), 1);
    assert_eq!(
        findings[0].rule,
        format!("I.1.{}", rules::RULE_REQUIRED_SUFFIX)
    );
    assert_eq!(findings[0].severity, Severity::Warning);
    set(&t, &mut r, "I.1", "Kế hoạch số 82/KH-UBND ngày 25/12/2020");
    assert!(
        rules::evaluate(&t, &r).is_empty(),
        "the December before counts"
    );
    set(&t, &mut r, "I.1", "Kế hoạch số 82/KH-UBND ngày 25/11/2020");
    let findings = rules::evaluate(&t, &r);
    assert_eq!(findings[0].rule, rules::RULE_DOCUMENT_DATE);
    assert!(
        findings[0].message.contains("25/11/2020") && findings[0].message.contains("2021"),
        "{}",
        findings[0].message
    );
    set(&t, &mut r, "I.1", "Kế hoạch số 82/KH-UBND ngày 20/12/2021");
    r.general.report_date = "16/12/2021".into();
    let findings = rules::evaluate(&t, &r);
    assert!(
        findings[0].message.contains("sau ngày báo cáo 16/12/2021"),
        "{}",
        findings[0].message
    );
}

#[test]
fn missing_value_strategies_of_a_template_check() {
    let json = serde_json::json!({
        "format": "phuluc-template", "format_version": 1, "id": "t", "version": "1", "name": "n",
        "heading": "h", "title": "t", "rows": [
            {"id": "I", "label": "A"},
            {"id": "I.1", "label": "Tổng", "kind": "count", "checks": [
                {"id": "never", "severity": "error", "test": "I.1 >= I.1.1 + I.1.2", "missing": "never"},
                {"id": "all", "severity": "warning", "test": "I.1.1 + I.1.2 <= 5", "missing": "skip_if_all"}
            ]},
            {"id": "I.1.1", "label": "B", "kind": "count"},
            {"id": "I.1.2", "label": "C", "kind": "count"}
        ]
    });
    let t = Template::from_json(&json.to_string()).expect("template");
    assert_eq!(t.checks()[0].missing, Missing::Never);
    let mut r = Report::new(&t);
    assert!(
        rules::evaluate(&t, &r).is_empty(),
        "all empty: 0 >= 0, and skip_if_all skips"
    );
    set(&t, &mut r, "I.1.1", "6");
    let rules_fired: Vec<String> = rules::evaluate(&t, &r)
        .into_iter()
        .map(|f| f.rule)
        .collect();
    assert_eq!(
        rules_fired,
        ["never", "all"],
        "an empty total counts as 0; one part is enough for skip_if_all"
    );
    set(&t, &mut r, "I.1", "6");
    let rules_fired: Vec<String> = rules::evaluate(&t, &r)
        .into_iter()
        .map(|f| f.rule)
        .collect();
    assert_eq!(rules_fired, ["all"]);
}

#[test]
fn templates_with_broken_checks_are_refused_naming_the_row() {
    let make = |test: &str| {
        serde_json::json!({
            "format": "phuluc-template", "format_version": 1, "id": "t", "version": "1", "name": "n",
            "heading": "h", "title": "t", "rows": [
                {"id": "I", "label": "A"},
                {"id": "I.1", "label": "B", "kind": "count", "checks": [{"id": "k", "severity": "error", "test": test}]},
                {"id": "I.2", "label": "C", "kind": "text"}
            ]
        })
        .to_string()
    };
    let err = Template::from_json(&make("I.1 <= I.9"))
        .expect_err("unknown id")
        .to_string();
    assert_eq!(
        err,
        "hàng thứ 2 (I.1): kiểm tra “k”: mẫu biểu không có chỉ tiêu I.9"
    );
    let err = Template::from_json(&make("I.1 <= I.2"))
        .expect_err("text")
        .to_string();
    assert!(err.contains("I.2 không phải là số"), "{err}");
    let err = Template::from_json(&make("I.1 I.2"))
        .expect_err("no operator")
        .to_string();
    assert!(err.contains("thiếu phép so sánh"), "{err}");
}

#[test]
fn the_real_example_has_no_finding_and_explained_warnings_are_not_open() {
    let store = TemplateStore::builtin_only();
    let (report, template) = load_report(
        &crate::root().join("assets/examples/nga-nam-2021.phuluc.json"),
        &store,
    )
    .expect("example");
    assert!(
        rules::evaluate(&template, &report).is_empty(),
        "{:#?}",
        rules::evaluate(&template, &report)
    );
    let (report, template) =
        load_report(&crate::fixture("report-v2.phuluc.json"), &store).expect("v2");
    let findings = rules::evaluate(&template, &report);
    assert_eq!(
        rules::counts(&findings),
        Counts {
            errors: 0,
            warnings: 0,
            explained: 1
        }
    );
    assert!(!findings[0].is_open());
    assert!(matches!(report.cell(&id("VII.4.2")), Cell::Value(_)));
}
