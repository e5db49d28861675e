//! Levels of government come from the form: the 2021 form is filled by communes and
//! districts, a form of two-level local government (from 1 July 2025) by communes (xã,
//! phường, đặc khu) and provinces. The window offers the form's levels, the check and
//! the command line refuse one the form does not have.

use egui_kittest::kittest::Queryable as _;
use phuluc::gui::PhulucApp;
use phuluc::gui::app::Settings;
use phuluc::gui::command::Command;
use phuluc::model::{Level, Report};
use phuluc::store::templates::TemplateStore;
use serde_json::json;

/// The built-in form as a province of two-level government might reissue it: its rows of
/// the district level now the province's.
fn two_level_form() -> serde_json::Value {
    let mut raw: serde_json::Value =
        serde_json::from_str(phuluc::model::template::BUILTIN_2021).expect("the built-in form");
    raw["version"] = json!("2025-hai-cap");
    raw["name"] = json!("Phụ lục 2, Bảng 2 – hai cấp");
    raw["levels"] = json!([
        {"code": "xa", "label": "Cấp xã (xã, phường, đặc khu)"},
        {"code": "tinh", "label": "Cấp tỉnh"}
    ]);
    for row in raw["rows"].as_array_mut().expect("rows") {
        if let Some(levels) = row.get_mut("levels").and_then(|l| l.as_array_mut()) {
            for level in levels {
                if level == "huyen" {
                    *level = json!("tinh");
                }
            }
        }
    }
    raw
}

#[test]
fn the_general_tab_offers_the_forms_levels_and_the_check_refuses_another() {
    let dir = crate::temp();
    let form = dir.path().join("mau-hai-cap.json");
    std::fs::write(&form, two_level_form().to_string()).expect("write");
    let store = TemplateStore::new(Some(dir.path().join("templates")));
    let mut app = PhulucApp::new(store, Settings::default()).expect("app");
    app.session
        .new_from_template(&form)
        .expect("the form is used");
    let mut h = crate::ui::harness_sized(app, 900.0);
    h.run();
    h.get_by_label("Cấp của đơn vị").click();
    h.run();
    assert!(h.query_by_label("Cấp xã (xã, phường, đặc khu)").is_some());
    assert!(h.query_by_label("Cấp tỉnh").is_some());
    assert!(h.query_by_label("Cấp huyện").is_none(), "no district level");
    h.get_by_label("Cấp tỉnh").click();
    h.run();
    assert_eq!(h.state().doc().report.general.level, Some(Level::Tinh));

    // A report of a district (last year's, say) on this form: an error that says what to do.
    h.state_mut().send(Command::SetLevel(Some(Level::Huyen)));
    h.run();
    let doc = h.state().doc();
    let findings = phuluc::rules::evaluate(&doc.template, &doc.report);
    let wrong = findings
        .iter()
        .find(|f| f.message.contains("cấp của đơn vị là cấp huyện"))
        .expect("the level is refused");
    assert!(
        wrong
            .message
            .contains("chỉ dành cho cấp xã (xã, phường, đặc khu), cấp tỉnh"),
        "{}",
        wrong.message
    );
    assert_eq!(wrong.severity, phuluc::rules::Severity::Error);
}

#[test]
fn the_blank_form_takes_only_a_level_the_form_has() {
    let dir = crate::temp();
    let form = dir.path().join("mau-hai-cap.json");
    std::fs::write(&form, two_level_form().to_string()).expect("write");
    let blank = |level: &str, out: &str| {
        crate::phuluc_at_home(dir.path())
            .args(["export", "--blank", "--template"])
            .arg(&form)
            .args(["--level", level, "-o"])
            .arg(dir.path().join(out))
            .output()
            .expect("runs")
    };
    let refused = blank("huyen", "huyen.pdf");
    crate::assert_exit(&refused, 2);
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(
        said.contains(
            "không có cấp huyện; --level nhận xa (Cấp xã (xã, phường, đặc khu)), tinh (Cấp tỉnh)"
        ),
        "{said}"
    );
    assert!(!dir.path().join("huyen.pdf").exists());
    let written = blank("tinh", "tinh.pdf");
    crate::assert_exit(&written, 0);
    assert!(crate::poppler::pages(&dir.path().join("tinh.pdf")) >= 2);
    // The province's rows are marked "x" on a commune's blank form, not on its own.
    let template = phuluc::model::Template::from_json(&two_level_form().to_string()).expect("form");
    let na = |level, id: &str| {
        phuluc::export::Sheet::blank(&template, Some(level))
            .rows
            .iter()
            .find(|r| r.id == id)
            .expect("row")
            .na
    };
    assert!(
        na(Level::Xa, "III.6.1"),
        "a province's row on a commune's form"
    );
    assert!(!na(Level::Tinh, "III.6.1"));
    assert!(!na(Level::Xa, "III.6.6"), "a row of every level");
}

#[test]
fn a_report_file_keeps_a_province_level() {
    let template: phuluc::model::Template =
        phuluc::model::Template::from_json(&two_level_form().to_string()).expect("form");
    let mut report = Report::new(&template);
    report.general.level = Some(Level::Tinh);
    let text = phuluc::store::report_to_json(&report).expect("json");
    assert!(text.contains("\"level\": \"tinh\""), "{text}");
}
