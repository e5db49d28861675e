//! Tệp → Nhập từ Word/Excel… as an officer uses it: last year's appendix (the real
//! source, as pasted from Word) read, the dry run looked at, then opened as a new,
//! unsaved report with its values; or the dry run cancelled and nothing changed.

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use phuluc::gui::PhulucApp;
use phuluc::gui::app::Settings;
use phuluc::gui::command::Command;
use phuluc::model::IndicatorId;
use phuluc::store::templates::TemplateStore;

fn id(s: &str) -> IndicatorId {
    IndicatorId::parse(s).expect("id")
}

/// A window on a new report, the source table read as if picked in Tệp → Nhập từ
/// Word/Excel….
fn window_with_dry_run() -> Harness<'static, PhulucApp> {
    let app = PhulucApp::new(TemplateStore::builtin_only(), Settings::default()).expect("app");
    let mut h = crate::ui::harness_sized(app, 1600.0);
    h.run();
    let source = crate::fixture("source-appendix-2021.txt");
    h.state_mut().send(Command::ImportFrom(source));
    h.run();
    h
}

#[test]
fn a_filled_appendix_is_read_shown_and_opened_as_a_new_unsaved_report() {
    let mut h = window_with_dry_run();
    // The dry run: where from, which form, what was read, what to look at.
    assert!(
        h.query_by_label("Nhập “source-appendix-2021.txt”")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("mẫu khớp nhiều hàng nhất: 182 hàng")
            .is_some()
    );
    assert!(
        h.query_by_label("Hàng khớp với chỉ tiêu của mẫu: 182 trên 182 dòng của bảng")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("Giá trị đọc được: 139;")
            .is_some()
    );
    assert!(h.query_by_label("Ô cần xem lại: 2").is_some());
    assert!(h.query_by_label_contains("V.1.1").is_some());
    // Nothing changed yet.
    assert_eq!(h.state().doc().report.number(&id("III.6.1")), None);
    assert!(!h.state().doc().is_dirty());

    h.get_by_label("Mở báo cáo đã nhập").click();
    h.run();
    assert!(h.query_by_label("Mở báo cáo đã nhập").is_none(), "closed");
    let doc = h.state().doc();
    assert_eq!(doc.report.number(&id("III.6.1")), Some(5068.0));
    assert_eq!(doc.report.general.year(), Some(2021));
    assert!(doc.path.is_none(), "a new report, not saved anywhere");
    assert!(doc.is_dirty(), "closing it asks first");
    assert!(
        h.state().window_title().starts_with('*'),
        "{}",
        h.state().window_title()
    );
}

#[test]
fn cancelling_the_dry_run_changes_nothing() {
    let mut h = window_with_dry_run();
    h.get_by_label("Huỷ").click();
    h.run();
    assert!(h.query_by_label("Mở báo cáo đã nhập").is_none());
    assert_eq!(h.state().doc().report.number(&id("III.6.1")), None);
    assert!(!h.state().doc().is_dirty());
}

#[test]
fn a_file_that_is_no_table_is_said_so_and_nothing_changes() {
    let dir = crate::temp();
    let broken = dir.path().join("hong.docx");
    std::fs::write(&broken, b"not a zip").expect("write");
    let app = PhulucApp::new(TemplateStore::builtin_only(), Settings::default()).expect("app");
    let mut h = crate::ui::harness_sized(app, 1600.0);
    h.run();
    h.state_mut().send(Command::ImportFrom(broken));
    h.run();
    assert!(h.query_by_label("Không nhập được bảng").is_some());
    assert!(
        h.query_by_label_contains("không phải tệp Word .docx")
            .is_some()
    );
    assert!(h.query_by_label("Mở báo cáo đã nhập").is_none());
    assert!(!h.state().doc().is_dirty());
}

#[test]
fn last_years_word_table_starts_this_years_report_in_one_step() {
    let mut h = window_with_dry_run();
    h.get_by_label("Lập báo cáo năm sau từ bảng này").click();
    h.run();
    assert!(
        h.query_by_label("Lập báo cáo năm sau từ bảng này")
            .is_none(),
        "closed"
    );
    let doc = h.state().doc();
    assert_eq!(doc.report.general.year(), Some(2022));
    assert!(doc.report.general.report_number.is_empty());
    assert_eq!(
        doc.report.number(&id("III.6.1")),
        None,
        "this year starts empty"
    );
    let last = doc
        .report
        .previous
        .as_ref()
        .expect("the table's values as last year's");
    assert_eq!(last.year, Some(2021));
    assert_eq!(last.number(&id("III.6.1")), Some(5068.0));
    assert_eq!(last.source, "source-appendix-2021.txt");
    assert!(doc.path.is_none() && doc.is_dirty());
    h.get_by_label_contains("III. Thủ tục hành chính").click();
    h.run();
    assert!(h.query_by_label("Năm trước").is_some());
    assert!(h.query_by_label("5.068").is_some());
}
