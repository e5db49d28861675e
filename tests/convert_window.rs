//! Tệp → Chuyển sang mẫu khác… as an officer uses it: last year's report moved onto this
//! year's form (a template made by editing the built-in one), the summary read, a value
//! that did not move copied, the new report opened unsaved, the old file untouched.

use std::path::{Path, PathBuf};

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use phuluc::gui::PhulucApp;
use phuluc::gui::app::Settings;
use phuluc::model::IndicatorId;
use phuluc::store::templates::TemplateStore;
use serde_json::{Value as Json, json};

const FORM_NAME: &str = "Phụ lục 2, Bảng 2 – mẫu năm 2025";
const I_1_1: &str = "I.1.1 Số nhiệm vụ đề ra trong kế hoạch";

fn id(s: &str) -> IndicatorId {
    IndicatorId::parse(s).expect("id")
}

/// The built-in form edited as the province does from one year to the next, kept by the
/// program in `templates`: version 2025, II.1 now a yes/no row, III.7 renumbered III.8.
fn keep_form_2025(templates: &Path) {
    let mut raw = crate::form_2025_json();
    raw["name"] = json!(FORM_NAME);
    TemplateStore::new(Some(templates.to_path_buf()))
        .save(&raw.to_string())
        .expect("the form is kept");
}

/// The example of Ngã Năm 2021 as a report file in `dir`, open in a window whose kept
/// templates are in `dir/templates` (with the 2025 form).
fn window_on_example(dir: &Path) -> (Harness<'static, PhulucApp>, PathBuf) {
    let templates = dir.join("templates");
    keep_form_2025(&templates);
    let path = dir.join("nga-nam-2021.phuluc.json");
    std::fs::copy(
        crate::root().join("assets/examples/nga-nam-2021.phuluc.json"),
        &path,
    )
    .expect("copy");
    let mut app =
        PhulucApp::new(TemplateStore::new(Some(templates)), Settings::default()).expect("app");
    app.open_path(&path);
    let mut h = crate::ui::harness_sized(app, 2400.0);
    h.run();
    assert_eq!(h.state().doc().path.as_deref(), Some(path.as_path()));
    (h, path)
}

fn click(h: &mut Harness<'static, PhulucApp>, label: &str) {
    h.get_by_label(label).click();
    h.run();
}

/// A button of the question shown over the dialog (both have a "Huỷ"): the one nearest
/// below the question's heading.
fn click_in_question(h: &mut Harness<'static, PhulucApp>, label: &str) {
    let heading = h.get_by_label("Lưu thay đổi?").rect();
    let button = h
        .get_all_by_label(label)
        .filter(|b| b.rect().top() > heading.bottom())
        .min_by(|a, b| a.rect().top().total_cmp(&b.rect().top()))
        .expect("the question's button");
    button.click();
    h.run();
}

/// Tệp → Chuyển sang mẫu khác…, then the 2025 form.
fn convert_to_2025(h: &mut Harness<'static, PhulucApp>) {
    click(h, "Tệp");
    h.get_by(|n| {
        n.label()
            .is_some_and(|l| l.trim_end() == "Chuyển sang mẫu khác…")
    })
    .click();
    h.run();
    assert!(h.query_by_label("Chuyển sang mẫu khác").is_some());
    // The report's own form is not offered; the one kept by the program is.
    assert!(h.query_by_label_contains("— phiên bản 2021").is_none());
    click(h, &format!("{FORM_NAME} — phiên bản 2025"));
    assert!(
        h.query_by_label(&format!("Chuyển sang mẫu “{FORM_NAME}”, phiên bản 2025"))
            .is_some()
    );
}

#[test]
fn last_years_report_moves_onto_this_years_form_as_a_new_unsaved_report() {
    let dir = crate::temp();
    let (mut h, path) = window_on_example(dir.path());
    // A change not saved yet: it moves with the report, and is asked about before the
    // old report leaves the window.
    h.get_by_label_contains("I. Chỉ đạo điều hành").click();
    h.run();
    h.get_by_label(I_1_1).click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label(I_1_1).type_text("30");
    h.run();
    assert!(h.state().doc().is_dirty());

    convert_to_2025(&mut h);
    // The four groups, each with its lines.
    for title in [
        "Không chuyển được, vẫn giữ trong tệp (1)",
        "Chuyển theo tên chỉ tiêu, sang mã mới (3)",
        "Chỉ tiêu bắt buộc của mẫu mới chưa có giá trị (0)",
    ] {
        assert!(h.query_by_label(title).is_some(), "{title}");
    }
    assert!(
        h.query_by_label_contains("Chuyển theo mã chỉ tiêu (")
            .is_some()
    );
    assert!(
        h.query_by_label(
            "II.1 Số VBQPPL đã ban hành: “9” — kiểu khác: số đếm ➔ có/không; giữ trong tệp với mã “II.1 (mẫu 2021)”"
        )
        .is_some()
    );
    assert!(
        h.query_by_label("III.7.1 ➔ III.8.1 Số TTHC được tích hợp lên Cổng DVC")
            .is_some()
    );
    // What did not move can be copied, to paste where it belongs.
    h.get_by_label("Chép II.1").click();
    assert_eq!(crate::ui::copied(&mut h).as_deref(), Some("9"));
    assert!(
        h.query_by_label_contains("Đã chép giá trị của II.1")
            .is_some()
    );

    // Opening the new report asks about the old one's change first; "Huỷ" goes back to
    // the summary with nothing changed.
    click(&mut h, "Mở báo cáo mới");
    assert!(h.query_by_label("Lưu thay đổi?").is_some());
    click_in_question(&mut h, "Huỷ");
    assert!(h.query_by_label("Lưu thay đổi?").is_none());
    assert_eq!(h.state().doc().path.as_deref(), Some(path.as_path()));
    assert!(
        h.state().convert.summary().is_some(),
        "the summary is still shown"
    );
    click(&mut h, "Mở báo cáo mới");
    click_in_question(&mut h, "Không lưu");

    let doc = h.state().doc();
    assert_eq!(doc.template.version, "2025");
    assert_eq!(doc.report.template_version, "2025");
    assert!(doc.path.is_none(), "a new report: Save asks for a name");
    assert!(doc.is_dirty(), "unsaved");
    assert_eq!(doc.report.number(&id("I.1.1")), Some(30.0));
    assert_eq!(doc.report.number(&id("III.8.1")), Some(241.0));
    assert!(doc.report.entry(&id("III.7.1")).is_none());
    assert!(doc.report.unknown.contains_key("II.1 (mẫu 2021)"));
    assert!(!h.state().convert.is_open());
    assert!(
        h.state().window_title().starts_with("*Báo cáo mới"),
        "{}",
        h.state().window_title()
    );
    assert!(h.query_by_label("• Chưa lưu").is_some());
    assert!(
        h.query_by_label_contains(&format!("Đã mở báo cáo theo mẫu “{FORM_NAME}”, chưa lưu"))
            .is_some()
    );
    // The old report's file is as it was.
    let old: Json =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("read")).expect("json");
    assert_eq!(old["values"]["I.1.1"]["value"], 28);
    assert_eq!(old["template"]["version"], "2021");
    assert_eq!(
        h.state().session.suggested_name(),
        "nga-nam-2021-mau-2025.phuluc.json"
    );
}

#[test]
fn huỷ_leaves_the_report_as_it_was() {
    let dir = crate::temp();
    let (mut h, path) = window_on_example(dir.path());
    convert_to_2025(&mut h);
    click(&mut h, "Huỷ");
    assert!(!h.state().convert.is_open());
    assert!(h.query_by_label("Mở báo cáo mới").is_none());
    let doc = h.state().doc();
    assert_eq!(doc.path.as_deref(), Some(path.as_path()));
    assert_eq!(doc.template.version, "2021");
    assert!(!doc.is_dirty());
    assert_eq!(doc.report.number(&id("III.7.1")), Some(241.0));
}
