//! Last year beside this year, as an officer uses it: this year's report started from
//! last year's file (the window's Tệp → Báo cáo mới từ báo cáo năm trước… and
//! `phuluc next-year`), last year's values in a grey "Năm trước" column, and a number
//! that moved too far warned about, with last year's figure in the message.

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use phuluc::gui::PhulucApp;
use phuluc::gui::app::Settings;
use phuluc::gui::command::Command;
use phuluc::model::IndicatorId;
use phuluc::rules::RULE_YEAR_OVER_YEAR;
use phuluc::store::load_report;
use phuluc::store::templates::TemplateStore;

const III_6_1: &str = "III.6.1 Số hồ sơ TTHC do UBND cấp huyện tiếp nhận";

fn id(s: &str) -> IndicatorId {
    IndicatorId::parse(s).expect("id")
}

/// Last year's report (the real 2021 example) in a folder of its own.
fn last_years_file(dir: &std::path::Path) -> std::path::PathBuf {
    let path = dir.join("Ngã Năm 2021.phuluc.json");
    std::fs::copy(crate::fixture("report-v2.phuluc.json"), &path).expect("copy");
    path
}

#[test]
fn this_years_report_starts_from_last_years_and_shows_it_beside_each_cell() {
    let dir = crate::temp();
    let last = last_years_file(dir.path());
    let before = std::fs::read(&last).expect("read");
    let app = PhulucApp::new(TemplateStore::builtin_only(), Settings::default()).expect("app");
    let mut h = crate::ui::harness_sized(app, 2400.0);
    h.run();
    h.state_mut().send(Command::NextYearFrom(last.clone()));
    h.run();

    let doc = h.state().doc();
    assert_eq!(doc.report.general.year(), Some(2022));
    assert_eq!(
        doc.report.general.unit_name,
        "Ủy ban nhân dân thị xã Ngã Năm"
    );
    assert!(doc.report.general.report_number.is_empty());
    assert!(doc.report.general.report_date.is_empty());
    assert_eq!(
        doc.report.number(&id("III.6.1")),
        None,
        "this year starts empty"
    );
    assert!(
        doc.path.is_none() && doc.is_dirty(),
        "a new, unsaved report"
    );
    assert!(
        h.query_by_label_contains("Đã lập báo cáo năm 2022 từ báo cáo năm 2021")
            .is_some()
    );
    assert_eq!(
        std::fs::read(&last).expect("read"),
        before,
        "last year's file untouched"
    );

    h.get_by_label_contains("III. Thủ tục hành chính").click();
    h.run();
    assert!(
        h.query_by_label("Năm trước").is_some(),
        "the column's title"
    );
    assert!(h.query_by_label("5.068").is_some(), "III.6.1 of 2021");
    assert!(h.query_by_label("4.880").is_some(), "III.6.2 of 2021");

    // 9.000 dossiers after 5.068: +77,6 %, far beyond ±50 % and 20.
    h.get_by_label(III_6_1).click();
    h.run();
    assert!(
        h.query_by_label_contains("Cảnh báo: 1 ").is_some(),
        "I.1 only"
    );
    let description = retype(&mut h, III_6_1, "9.000");
    assert!(
        description.contains("9.000 so với 5.068 của năm 2021, tăng 3.932 (77,6 %)"),
        "{description}"
    );
    assert!(h.query_by_label_contains("Cảnh báo: 2 ").is_some());
    let warned = phuluc::rules::evaluate(&h.state().doc().template, &h.state().doc().report)
        .into_iter()
        .any(|f| f.rule == RULE_YEAR_OVER_YEAR && f.indicators == vec![id("III.6.1")]);
    assert!(warned);

    // A figure close to last year's is not warned about.
    let description = retype(&mut h, III_6_1, "5.200");
    assert!(!description.contains("so với"), "{description}");
    assert!(h.query_by_label_contains("Cảnh báo: 1 ").is_some());

    // Saved and opened again, last year's values are still beside this year's.
    let this_year = dir.path().join("Ngã Năm 2022.phuluc.json");
    h.state_mut().session.save_to(&this_year).expect("saves");
    let (back, _) =
        load_report(&this_year, &TemplateStore::builtin_only()).expect("the new file loads");
    assert_eq!(back.number(&id("III.6.1")), Some(5200.0));
    let previous = back.previous.expect("last year kept in the file");
    assert_eq!(previous.number(&id("III.6.1")), Some(5068.0));
    assert_eq!(previous.year, Some(2021));
    assert_eq!(previous.source, "Ngã Năm 2021.phuluc.json");
}

/// Replace what the cell with the cursor holds by `text`; what the cell then says about
/// itself (its problems).
fn retype(h: &mut Harness<'static, PhulucApp>, label: &str, text: &str) -> String {
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label(label).type_text(text);
    h.run();
    h.get_by_label(label)
        .accesskit_node()
        .description()
        .unwrap_or_default()
}

#[test]
fn a_file_that_is_not_a_report_is_said_so_and_nothing_changes() {
    let dir = crate::temp();
    let path = dir.path().join("bang.phuluc.json");
    std::fs::write(&path, "{\"name\": \"khác\"}").expect("write");
    let app = PhulucApp::new(TemplateStore::builtin_only(), Settings::default()).expect("app");
    let mut h: Harness<'static, PhulucApp> = crate::ui::harness_sized(app, 900.0);
    h.run();
    h.state_mut().send(Command::NextYearFrom(path));
    h.run();
    assert!(
        h.query_by_label_contains("Không mở được báo cáo năm trước")
            .is_some()
    );
    assert!(h.state().doc().report.previous.is_none());
    assert!(!h.state().doc().is_dirty());
}

/// `phuluc next-year LAST -o NEXT`.
fn next_year(last: &std::path::Path, next: &std::path::Path) -> std::process::Output {
    crate::phuluc()
        .arg("next-year")
        .arg(last)
        .arg("-o")
        .arg(next)
        .output()
        .expect("runs")
}

#[test]
fn the_command_line_writes_next_years_file_and_refuses_to_overwrite() {
    let dir = crate::temp();
    let last = last_years_file(dir.path());
    let next = dir.path().join("Ngã Năm 2022.phuluc.json");
    let out = next_year(&last, &next);
    crate::assert_exit(&out, 0);
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("báo cáo năm 2022 của Ủy ban nhân dân thị xã Ngã Năm, 139 giá trị"),
        "{said}"
    );
    let (report, _) = load_report(&next, &TemplateStore::builtin_only()).expect("loads");
    assert_eq!(report.general.year(), Some(2022));
    assert_eq!(report.entries().count(), 0);
    let previous = report.previous.expect("kept");
    assert_eq!(
        previous.entries.len(),
        139 + 2,
        "139 values and 2 notes alone"
    );

    // Checking it names last year's figure at each required row still empty.
    let out = crate::phuluc()
        .arg("check")
        .arg(&next)
        .output()
        .expect("runs");
    let lines = String::from_utf8_lossy(&out.stdout);
    assert!(
        lines.contains("I.1 Kế hoạch CCHC chưa được nhập; đây là chỉ tiêu bắt buộc (năm 2021: Kế hoạch số 03/KH-UBND ngày 15/01/2021)"),
        "{lines}"
    );

    let written = std::fs::read(&next).expect("read");
    let again = next_year(&last, &next);
    crate::assert_exit(&again, 2);
    assert!(String::from_utf8_lossy(&again.stderr).contains("đã có"));
    assert_eq!(
        std::fs::read(&next).expect("read"),
        written,
        "left as it was"
    );

    let missing = next_year(
        &dir.path().join("khong-co.phuluc.json"),
        &dir.path().join("x.phuluc.json"),
    );
    crate::assert_exit(&missing, 2);
}

/// A report begun without last year's (a new one, or one typed before): Tệp → So sánh
/// với báo cáo năm trước… puts last year's values beside it; a report of the same year
/// is refused.
#[test]
fn last_years_values_are_put_beside_a_report_begun_without_them() {
    let dir = crate::temp();
    let last = last_years_file(dir.path());
    let app = PhulucApp::new(TemplateStore::builtin_only(), Settings::default()).expect("app");
    let mut h = crate::ui::harness_sized(app, 2400.0);
    h.run();
    h.state_mut().send(Command::SetGeneral(
        phuluc::model::report::GeneralField::Year,
        "2021".to_owned(),
    ));
    h.run();
    h.state_mut()
        .send(Command::AttachLastYearFrom(last.clone()));
    h.run();
    assert!(
        h.query_by_label_contains("là báo cáo năm 2021, không phải của năm trước năm 2021")
            .is_some()
    );
    assert!(h.state().doc().report.previous.is_none());
    h.get_by_label("Đóng").click();
    h.run();

    h.state_mut().send(Command::SetGeneral(
        phuluc::model::report::GeneralField::Year,
        "2022".to_owned(),
    ));
    h.state_mut().send(Command::AttachLastYearFrom(last));
    h.run();
    assert!(
        h.query_by_label_contains("Đã gắn 141 giá trị của báo cáo năm 2021")
            .is_some()
    );
    let previous = h.state().doc().report.previous.as_ref().expect("attached");
    assert_eq!(previous.number(&id("III.6.1")), Some(5068.0));
    assert!(h.state().doc().is_dirty());
    h.get_by_label_contains("III. Thủ tục hành chính").click();
    h.run();
    assert!(h.query_by_label("5.068").is_some());
}
