//! Paste and copy like in Excel: a column copied from a spreadsheet pasted down the table
//! as one undo step, two columns into Nội dung and Ghi chú, what did not fit said; a cell
//! and a whole tab copied as the text Excel and Word paste back.

use egui::{Event, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{AccessKitNode, NodeT as _, Queryable as _};
use phuluc::gui::PhulucApp;
use phuluc::gui::app::Settings;
use phuluc::model::{Cell, IndicatorId, Level, Value};
use phuluc::session::clipboard_rows;
use phuluc::store::templates::TemplateStore;

fn id(s: &str) -> IndicatorId {
    IndicatorId::parse(s).expect("id")
}

/// A window tall enough to show a whole tab, on a new report (of the unit's `level`).
fn window(level: Option<Level>) -> Harness<'static, PhulucApp> {
    let mut app = PhulucApp::new(TemplateStore::builtin_only(), Settings::default()).expect("app");
    app.session.doc_mut().report.general.level = level;
    let mut h = crate::ui::harness_sized(app, 2400.0);
    h.run();
    h
}

fn open_tab(h: &mut Harness<'static, PhulucApp>, label: &str) {
    h.get_by_label_contains(label).click();
    h.run();
}

/// The label of the value cell of a row: its id, a space, its label.
fn value_cell(id: &str) -> impl Fn(&AccessKitNode<'_>) -> bool + use<> {
    let start = format!("{id} ");
    move |n| n.label().is_some_and(|l| l.starts_with(&start))
}

/// Put the cursor into a row's value cell.
fn click_cell(h: &mut Harness<'static, PhulucApp>, id: &str) {
    h.get_by(value_cell(id)).click();
    h.run();
    assert!(h.get_by(value_cell(id)).is_focused(), "{id} has the cursor");
}

fn shown(h: &Harness<'static, PhulucApp>, id: &str) -> Option<String> {
    h.get_by(value_cell(id)).value()
}

/// Sửa → `entry` (an entry's name is followed by a space and its shortcut, if any).
fn edit_menu(h: &mut Harness<'static, PhulucApp>, entry: &str) {
    h.get_by_label("Sửa").click();
    h.run();
    let start = format!("{entry} ");
    h.get_by(|n| n.label().is_some_and(|l| l.starts_with(&start)))
        .click();
}

#[test]
fn a_column_pasted_from_excel_goes_down_the_rows_skipping_headings_and_undoes_at_once() {
    let mut h = window(None);
    open_tab(&mut h, "I. Chỉ đạo điều hành");
    click_cell(&mut h, "I.3.3");
    // Five cells of an Excel column: a count, a text, a yes/no, then (past the heading
    // I.4) two counts written the Vietnamese way.
    h.event(Event::Paste(
        "15\r\nhằng tháng\r\nCó\r\n1.200\r\n5 068\r\n".to_owned(),
    ));
    h.run();
    let report = &h.state().doc().report;
    assert_eq!(report.number(&id("I.3.3")), Some(15.0));
    assert_eq!(
        report.cell(&id("I.3.4")),
        &Cell::Value(Value::Text("hằng tháng".to_owned()))
    );
    assert_eq!(report.cell(&id("I.3.5")), &Cell::Value(Value::Code(1)));
    assert!(
        report.entry(&id("I.4")).is_none(),
        "a heading takes no value"
    );
    assert_eq!(report.number(&id("I.4.1")), Some(1200.0));
    assert_eq!(report.number(&id("I.4.2")), Some(5068.0));
    assert!(report.entry(&id("I.4.3")).is_none());
    assert!(h.query_by_label("Đã dán 5 ô").is_some());
    // The cell with the cursor shows what was pasted, not the whole clipboard.
    assert_eq!(shown(&h, "I.3.3").as_deref(), Some("15"));
    assert_eq!(shown(&h, "I.4.1").as_deref(), Some("1.200"));
    assert!(h.get_by(value_cell("I.3.3")).is_focused());

    // One Ctrl+Z takes the whole paste back.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().doc().report.entries().count(), 0);
    assert!(!h.state().doc().history.can_undo());
    assert_eq!(shown(&h, "I.4.2").as_deref(), Some(""));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run();
    assert_eq!(h.state().doc().report.number(&id("I.4.2")), Some(5068.0));
}

#[test]
fn what_cannot_be_read_is_kept_as_pasted_and_flagged() {
    let mut h = window(None);
    open_tab(&mut h, "I. Chỉ đạo điều hành");
    click_cell(&mut h, "I.1.1");
    h.event(Event::Paste("28\nhai mươi sáu\n".to_owned()));
    h.run();
    assert_eq!(
        h.state().doc().report.cell(&id("I.1.2")),
        &Cell::Invalid("hai mươi sáu".to_owned())
    );
    assert!(
        h.query_by_label("Đã dán 2 ô; 1 ô chưa đọc được, giữ nguyên như đã dán và tô đỏ (I.1.2)")
            .is_some()
    );
    let description = h
        .get_by(value_cell("I.1.2"))
        .accesskit_node()
        .description()
        .unwrap_or_default();
    assert!(!description.is_empty(), "the cell says why it is red");
}

#[test]
fn two_columns_fill_nội_dung_and_ghi_chú() {
    let mut h = window(None);
    open_tab(&mut h, "I. Chỉ đạo điều hành");
    click_cell(&mut h, "I.1.1");
    h.event(Event::Paste(
        "28\tgồm 3 nhiệm vụ chuyển tiếp\n26\t\n23\t\"ban hành\tđợt 2\"\n".to_owned(),
    ));
    h.run();
    let report = &h.state().doc().report;
    let note = |s: &str| {
        report
            .entry(&id(s))
            .map(|e| e.note.clone())
            .unwrap_or_default()
    };
    assert_eq!(report.number(&id("I.1.1")), Some(28.0));
    assert_eq!(note("I.1.1"), "gồm 3 nhiệm vụ chuyển tiếp");
    assert_eq!(report.number(&id("I.1.2")), Some(26.0));
    assert_eq!(note("I.1.2"), "");
    assert_eq!(
        note("I.1.3"),
        "ban hành\tđợt 2",
        "Excel quotes a cell with a tab"
    );
    assert!(
        h.query_by_label("Đã dán 3 dòng vào Nội dung và Ghi chú")
            .is_some()
    );
    assert_eq!(
        h.get_by_label_contains("Ghi chú I.1.1 ").value().as_deref(),
        Some("gồm 3 nhiệm vụ chuyển tiếp")
    );
    // Three columns are not the table's: nothing changes, the officer is told.
    click_cell(&mut h, "I.2.1");
    h.event(Event::Paste("1\t2\t3\n4\t5\t6\n".to_owned()));
    h.run();
    assert!(h.state().doc().report.entry(&id("I.2.1")).is_none());
    assert!(
        h.query_by_label_contains("Chưa dán được: bảng đã chép có 3 cột")
            .is_some()
    );
}

#[test]
fn a_paste_past_the_last_row_says_what_was_left_over() {
    let mut h = window(None);
    open_tab(&mut h, "VII. ");
    click_cell(&mut h, "VII.6.5");
    h.event(Event::Paste("1\n2\n3\n4\n5\n".to_owned()));
    h.run();
    assert_eq!(h.state().doc().report.number(&id("VII.6.6")), Some(2.0));
    assert!(
        h.query_by_label_contains("Đã dán 2 ô; 3 dòng còn lại không có ô để dán")
            .is_some()
    );
}

#[test]
fn rows_locked_for_the_units_level_are_passed_over_and_named() {
    let mut h = window(Some(Level::Xa));
    open_tab(&mut h, "VII. ");
    click_cell(&mut h, "VII.2.4");
    h.event(Event::Paste("120\n95,83\n80\n12\n".to_owned()));
    h.run();
    let report = &h.state().doc().report;
    assert_eq!(report.number(&id("VII.2.4")), Some(120.0));
    assert_eq!(report.number(&id("VII.2.5")), Some(95.83));
    assert_eq!(report.number(&id("VII.2.6")), Some(80.0));
    // VII.3.1 and VII.3.2 are the district's: locked, passed over.
    assert!(report.entry(&id("VII.3.1")).is_none());
    assert!(report.entry(&id("VII.3.2")).is_none());
    assert_eq!(report.number(&id("VII.4.1")), Some(12.0));
    assert!(
        h.query_by_label(
            "Đã dán 4 ô; bỏ qua 2 chỉ tiêu không áp dụng cho cấp xã (VII.3.1, VII.3.2)"
        )
        .is_some()
    );
}

#[test]
fn one_line_pastes_into_the_cell_as_any_text_field_does() {
    let mut h = window(None);
    open_tab(&mut h, "I. Chỉ đạo điều hành");
    click_cell(&mut h, "I.1.1");
    h.get_by(value_cell("I.1.1")).type_text("1");
    h.run();
    h.event(Event::Paste("200".to_owned()));
    h.run();
    assert_eq!(h.state().doc().report.number(&id("I.1.1")), Some(1200.0));
    assert!(h.state().doc().report.entry(&id("I.1.2")).is_none());
    // One cell copied from Excel ends with a line break, which is not pasted.
    click_cell(&mut h, "I.1.2");
    h.event(Event::Paste("26\r\n".to_owned()));
    h.run();
    assert_eq!(shown(&h, "I.1.2").as_deref(), Some("26"));
    assert!(h.state().doc().report.entry(&id("I.1.3")).is_none());
}

#[test]
fn ctrl_c_on_a_cell_copies_its_value_as_shown_and_a_selection_as_selected() {
    let mut h = window(None);
    open_tab(&mut h, "I. Chỉ đạo điều hành");
    click_cell(&mut h, "I.1.1");
    h.get_by(value_cell("I.1.1")).type_text("1200");
    h.run();
    h.event(Event::Copy);
    assert_eq!(crate::ui::copied(&mut h).as_deref(), Some("1.200"));
    assert!(h.query_by_label("Đã chép ô I.1.1: “1.200”").is_some());
    // Text selected in the cell: the cell copies the selection itself.
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run();
    h.event(Event::Copy);
    assert_eq!(crate::ui::copied(&mut h).as_deref(), Some("1200"));
}

#[test]
fn the_menu_pastes_into_the_cell_that_last_had_the_cursor() {
    let mut h = window(None);
    open_tab(&mut h, "I. Chỉ đạo điều hành");
    click_cell(&mut h, "I.2.1");
    edit_menu(&mut h, "Dán");
    // The system answers the request with the clipboard's text.
    h.event(Event::Paste("4\n3\n".to_owned()));
    h.run();
    let report = &h.state().doc().report;
    assert_eq!(report.number(&id("I.2.1")), Some(4.0));
    assert_eq!(report.number(&id("I.2.2")), Some(3.0));
}

#[test]
fn the_whole_tab_is_copied_as_a_table_excel_and_word_paste() {
    let mut app = PhulucApp::new(TemplateStore::builtin_only(), Settings::default()).expect("app");
    app.open_path(&crate::root().join("assets/examples/nga-nam-2021.phuluc.json"));
    let mut h = crate::ui::harness_sized(app, 2400.0);
    h.run();
    open_tab(&mut h, "I. Chỉ đạo điều hành");
    edit_menu(&mut h, "Sao chép cả bảng");
    let text = crate::ui::copied(&mut h).expect("the tab on the clipboard");
    let rows = clipboard_rows(&text);
    assert_eq!(
        rows[0],
        [
            "Stt",
            "Chỉ tiêu thống kê",
            "Đơn vị tính",
            "Nội dung",
            "Ghi chú"
        ]
    );
    assert_eq!(rows[1][0], "I");
    assert_eq!(rows[1][3], "", "a heading has no value");
    let row = |label: &str| {
        rows.iter()
            .find(|r| r[1] == label)
            .unwrap_or_else(|| panic!("{label} in {text}"))
    };
    assert_eq!(
        row("Kế hoạch CCHC")[3],
        "Kế hoạch số 03/KH-UBND ngày 15/01/2021"
    );
    assert_eq!(row("Số nhiệm vụ đề ra trong kế hoạch")[3], "28");
    let doc = h.state().doc();
    assert_eq!(rows.len(), doc.template.section_rows("I").count() + 1);
    assert!(
        rows.iter().all(|r| r.len() == 5),
        "five columns on every line"
    );
    assert!(h.query_by_label_contains("Đã chép bảng I (").is_some());
}
