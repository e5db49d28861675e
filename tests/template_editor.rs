//! The template editor as an officer uses it: a row and its checks added to the form in
//! use and saved as a new version; a template made from a pasted table, reviewed row by row.

use std::path::Path;

use egui::{Event, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use phuluc::gui::PhulucApp;
use phuluc::gui::app::Settings;
use phuluc::model::{Combine, IndicatorId, Kind, Level, Template};
use phuluc::store::templates::TemplateStore;

/// A window whose kept templates go to `dir`.
fn window(dir: &Path) -> Harness<'static, PhulucApp> {
    let app = PhulucApp::new(
        TemplateStore::new(Some(dir.to_path_buf())),
        Settings::default(),
    )
    .expect("app");
    let mut h = crate::ui::harness_sized(app, 2400.0);
    h.run();
    h
}

/// Tệp → … → `path`, clicking each menu entry in turn (an entry's name ends with its
/// shortcut, or a space when it has none).
fn menu(h: &mut Harness<'static, PhulucApp>, path: &[&str]) {
    for entry in path {
        h.get_by(|n| n.label().is_some_and(|l| l.trim_end() == *entry))
            .click();
        h.run();
    }
}

fn click(h: &mut Harness<'static, PhulucApp>, label: &str) {
    h.get_by_label(label).click();
    h.run();
}

fn type_into(h: &mut Harness<'static, PhulucApp>, label: &str, text: &str) {
    h.get_by_label(label).click();
    h.run();
    h.get_by_label(label).type_text(text);
    h.run();
}

/// The problem shown under a check, found by what it names for screen readers ("kiểm tra
/// 2 của I.1.4"): the row and the check it is at.
fn problem_at(h: &Harness<'static, PhulucApp>, at: &str) -> Option<String> {
    let name = format!("Lỗi ở {at}: ");
    h.query_by(|n| n.label().is_some_and(|l| l.starts_with(&name)))
        .and_then(|n| n.accesskit_node().value())
}

fn id(s: &str) -> IndicatorId {
    IndicatorId::parse(s).expect("id")
}

/// The editor on the built-in form, showing section I.
fn editor_on_section_i(dir: &Path) -> Harness<'static, PhulucApp> {
    let mut h = window(dir);
    menu(&mut h, &["Tệp", "Mẫu biểu", "Sửa mẫu đang dùng…"]);
    assert!(h.state().template_editor.is_some());
    h.get_by_label_contains("I. Chỉ đạo điều hành (").click();
    h.run();
    h
}

#[test]
fn a_row_and_its_check_added_to_the_form_are_saved_as_a_new_version() {
    let dir = crate::temp();
    let mut h = editor_on_section_i(dir.path());
    assert!(
        h.query_by_label_contains("phiên bản mới “2021-1”")
            .is_some(),
        "the built-in version is taken: the editor says which version it will save"
    );

    // A row at the end of group I.1: it is I.1.4 and has the cursor.
    click(&mut h, "Thêm hàng ở I.1");
    click(&mut h, "Thêm chỉ tiêu vào nhóm I.1");
    assert!(h.get_by_label("Tên chỉ tiêu I.1.4").is_focused());
    h.get_by_label("Tên chỉ tiêu I.1.4")
        .type_text("Số sáng kiến cải cách hành chính được công nhận");
    h.run();
    type_into(&mut h, "Đơn vị tính I.1.4", "Sáng kiến");
    click(&mut h, "Loại giá trị I.1.4");
    click(&mut h, "Số đếm");
    assert_eq!(
        h.get_by_label("Loại giá trị I.1.4").value().as_deref(),
        Some("Số đếm")
    );

    // A check that reads: no problem at the row.
    click(&mut h, "Thêm kiểm tra cho I.1.4");
    assert!(h.get_by_label("Kiểm tra 1 ở I.1.4").is_focused());
    h.get_by_label("Kiểm tra 1 ở I.1.4")
        .type_text("I.1.4 <= I.1.1");
    h.run();
    assert_eq!(problem_at(&h, "kiểm tra 1 của I.1.4"), None);
    assert!(h.query_by_label_contains("⚠").is_none());
    assert!(
        h.query_by_label_contains("✓ Mẫu biểu dùng được: 183 hàng, 45 kiểm tra")
            .is_some()
    );

    // A broken one: the problem shows at its row as it is typed, and saving is refused.
    click(&mut h, "Thêm kiểm tra cho I.1.4");
    h.get_by_label("Kiểm tra 2 ở I.1.4")
        .type_text("I.1.4 <= abc");
    h.run();
    assert_eq!(
        problem_at(&h, "kiểm tra 2 của I.1.4").as_deref(),
        Some("⚠ “abc” không phải mã chỉ tiêu, số hay general.communes")
    );
    assert_eq!(problem_at(&h, "kiểm tra 1 của I.1.4"), None);
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(h.query_by_label("Chưa lưu được mẫu biểu").is_some());
    assert_eq!(
        std::fs::read_dir(dir.path())
            .map(Iterator::count)
            .unwrap_or(0),
        0
    );
    h.key_press(Key::Enter);
    h.run();
    click(&mut h, "Xoá kiểm tra 2 ở I.1.4");
    assert_eq!(problem_at(&h, "kiểm tra 2 của I.1.4"), None);
    assert!(h.query_by_label_contains("“abc”").is_none());

    click(&mut h, "Lưu thành mẫu mới");
    assert!(h.query_by_label("Đã lưu mẫu biểu").is_some());
    let saved = dir.path().join("cchc-pl2-bang2@2021-1.json");
    let text = std::fs::read_to_string(&saved).expect("the new version's file");
    let t = Template::from_json(&text).expect("a template the program reads");
    assert_eq!(t.version, "2021-1");
    let row = t.row(&id("I.1.4")).expect("the new row");
    assert_eq!(row.label, "Số sáng kiến cải cách hành chính được công nhận");
    assert_eq!(row.unit, "Sáng kiến");
    assert_eq!(row.kind, Some(Kind::Count));
    let check = t
        .checks()
        .iter()
        .find(|c| c.id == "I.1.4<=I.1.1")
        .expect("the new check");
    assert_eq!(check.test.to_string(), "I.1.4 ≤ I.1.1");
    assert_eq!(t.checks().len(), 45);
    // The next save would be another version; the built-in form is untouched.
    assert_eq!(
        h.state()
            .template_editor
            .as_ref()
            .map(|e| e.draft.head.version.clone()),
        Some("2021-2".to_owned())
    );
    assert_eq!(Template::builtin().expect("built in").rows().len(), 182);

    // A new report on the template just saved.
    click(&mut h, "Lập báo cáo mới theo mẫu này");
    assert!(h.state().template_editor.is_none());
    let doc = h.state().doc();
    assert_eq!(doc.template.version, "2021-1");
    assert!(doc.template.row(&id("I.1.4")).is_some());
    h.get_by_label_contains("I. Chỉ đạo điều hành").click();
    h.run();
    assert!(
        h.query_by_label("I.1.4 Số sáng kiến cải cách hành chính được công nhận")
            .is_some()
    );
}

#[test]
fn moving_a_row_renumbers_it_and_its_check_and_says_so() {
    let dir = crate::temp();
    let mut h = editor_on_section_i(dir.path());
    assert_eq!(
        h.get_by_label("Kiểm tra 1 ở I.1.2").value().as_deref(),
        Some("I.1.2 <= I.1.1")
    );
    click(&mut h, "Chuyển I.1.2 xuống");
    assert_eq!(
        h.get_by_label("Tên chỉ tiêu I.1.3").value().as_deref(),
        Some("Số nhiệm vụ đã hoàn thành")
    );
    assert_eq!(
        h.get_by_label("Kiểm tra 1 ở I.1.3").value().as_deref(),
        Some("I.1.3 <= I.1.1")
    );
    assert!(
        h.query_by_label_contains(
            "Đã chuyển hàng I.1.2 thành I.1.3; đánh lại mã 2 hàng (I.1.3 thành I.1.2, I.1.2 thành I.1.3); đã sửa theo mã mới trong 1 kiểm tra"
        )
        .is_some()
    );
    // A row a check names cannot go: the officer is told which check.
    click(&mut h, "Xoá hàng I.1.1");
    assert!(
        h.query_by_label_contains("chưa xoá được I.1.1: kiểm tra “I.1.3 <= I.1.1” ở hàng I.1.3")
            .is_some()
    );
    assert!(h.query_by_label("Tên chỉ tiêu I.1.1").is_some());
    // "Hoàn tác" takes the move back.
    click(&mut h, "Hoàn tác");
    assert_eq!(
        h.get_by_label("Tên chỉ tiêu I.1.2").value().as_deref(),
        Some("Số nhiệm vụ đã hoàn thành")
    );
    // Closing with changes asks first.
    type_into(&mut h, "Tên mẫu", " (sửa)");
    click(&mut h, "Đóng");
    assert!(h.query_by_label("Bỏ thay đổi của mẫu biểu?").is_some());
    click(&mut h, "Bỏ thay đổi và đóng");
    assert!(h.state().template_editor.is_none());
    assert_eq!(
        std::fs::read_dir(dir.path())
            .map(Iterator::count)
            .unwrap_or(0),
        0
    );
}

#[test]
fn a_table_pasted_from_word_opens_in_the_editor_with_its_review_notes_at_their_rows() {
    let dir = crate::temp();
    let mut h = window(dir.path());
    menu(&mut h, &["Tệp", "Mẫu biểu mới từ bảng…"]);
    assert!(h.query_by_label("Dán bảng từ Word/Excel").is_some());
    // Text that is no table: said in the dialog, which stays open.
    h.event(Event::Paste("Kính gửi: Sở Nội vụ".to_owned()));
    h.run();
    assert!(
        h.query_by_label_contains("không thấy dòng tiêu đề của Bảng 2")
            .is_some()
    );
    assert!(h.state().template_editor.is_none());

    let pasted =
        std::fs::read_to_string(crate::fixture("source-appendix-2021.txt")).expect("fixture");
    h.event(Event::Paste(pasted));
    h.run();
    h.get_by_label_contains("I. Công tác chỉ đạo điều hành CCHC (")
        .click();
    h.run();
    let editor = h.state().template_editor.as_ref().expect("the editor");
    assert_eq!(editor.draft.rows.len(), 182);
    assert_eq!(editor.review_count(), 8);
    assert!(!h.state().table_import.open);
    assert!(
        h.query_by_label_contains("Còn 8 hàng chương trình đoán chưa chắc")
            .is_some()
    );
    // At its row: what was guessed and why it needs a look.
    assert_eq!(
        h.get_by_label("Loại giá trị I.3.4").value().as_deref(),
        Some("Nội dung chữ")
    );
    assert!(
        h.query_by_label_contains(
            "⚠ đơn vị tính “Tin, bài” là số đếm nhưng nội dung đã điền là chữ"
        )
        .is_some()
    );
    // The officer decides I.3.4 is a yes/no row, and says they have looked.
    click(&mut h, "Loại giá trị I.3.4");
    click(&mut h, "Có/Không");
    assert_eq!(
        h.get_by_label("Đơn vị tính I.3.4").value().as_deref(),
        Some(""),
        "“Tin, bài” said nothing of the codes, which are the unit now"
    );
    click(&mut h, "Các mã của I.3.4");
    assert_eq!(
        h.get_by_label("Cách ghi mã thứ 1 của I.3.4")
            .value()
            .as_deref(),
        Some("Có")
    );
    assert_eq!(
        h.get_by_label("Cách ghi mã thứ 2 của I.3.4")
            .value()
            .as_deref(),
        Some("Không")
    );
    h.key_press(Key::Escape);
    h.run();
    click(&mut h, "Đã xem hàng I.3.4");
    assert_eq!(
        h.state().template_editor.as_ref().map(|e| e.review_count()),
        Some(7)
    );
    assert!(h.query_by_label("Đã xem hàng I.3.4").is_none());
    // On to the next row to review: I.8, a row with nothing to tell its kind by.
    click(&mut h, "Đến hàng tiếp theo");
    assert!(
        h.query_by_label_contains("⚠ không có đơn vị tính, không có hàng con và chưa có nội dung")
            .is_some()
    );
    assert!(h.query_by_label("Đã xem hàng I.8").is_some());
    // The values of the filled table did not go into the template.
    let text = h
        .state()
        .template_editor
        .as_ref()
        .and_then(|e| e.draft.to_json().ok())
        .expect("json");
    assert!(!text.contains("03/KH-UBND"), "values are not template data");
    click(&mut h, "Lưu thành mẫu mới");
    let t = Template::from_json(
        &std::fs::read_to_string(dir.path().join("cchc-pl2-bang2@2021-1.json")).expect("saved"),
    )
    .expect("template");
    assert!(matches!(
        t.row(&id("I.3.4")).and_then(|r| r.kind.clone()),
        Some(Kind::YesNo(_))
    ));
}

/// A form of before July 2025 moved to two-level government in the editor: the rows of
/// the district take their group's levels, the saved form offers Cấp xã and Cấp tỉnh,
/// and a report on it offers them in its general-information tab.
#[test]
fn the_form_is_moved_to_two_level_government_in_the_editor() {
    let dir = crate::temp();
    let mut h = window(dir.path());
    menu(&mut h, &["Tệp", "Mẫu biểu", "Sửa mẫu đang dùng…"]);
    click(&mut h, "Đơn vị điền:");
    click(&mut h, "Cấp xã, cấp tỉnh (chính quyền hai cấp)");
    // The 33 rows of the district's are the province's now, named for a look.
    assert!(
        h.query_by_label_contains(
            "33 hàng đổi giữa cấp huyện và cấp tỉnh theo mẫu mới, hãy xem lại: I.2.3, III.2.4, III.6.1,"
        )
        .is_some()
    );
    click(&mut h, "Lưu thành mẫu mới");
    let saved = dir.path().join("cchc-pl2-bang2@2021-1.json");
    let t = Template::from_json(&std::fs::read_to_string(&saved).expect("saved"))
        .expect("a template the program reads");
    let codes: Vec<Level> = t.levels().iter().map(|l| l.code).collect();
    assert_eq!(codes, [Level::Xa, Level::Tinh]);

    click(&mut h, "Lập báo cáo mới theo mẫu này");
    click(&mut h, "Cấp của đơn vị");
    assert!(h.query_by_label("Cấp xã (xã, phường, đặc khu)").is_some());
    assert!(h.query_by_label("Cấp tỉnh").is_some());
    assert!(h.query_by_label("Cấp huyện").is_none());
}

/// The blank form as Word puts it on the clipboard: an HTML table with the merged
/// "Kết quả thống kê" header, and plain text that lost the merge.
fn word_clipboard_html() -> Option<String> {
    Some(crate::form_files::html_of(&crate::form_files::form_rows(
        false,
    )))
}

#[test]
fn a_table_pasted_with_its_html_flavour_is_read_from_the_html() {
    let dir = crate::temp();
    let mut h = window(dir.path());
    h.state_mut().clipboard_html = word_clipboard_html;
    menu(&mut h, &["Tệp", "Mẫu biểu mới từ bảng…"]);
    // The plain text alone is no table; the HTML flavour is.
    h.event(Event::Paste("Stt\tChỉ tiêu".to_owned()));
    h.run();
    let editor = h.state().template_editor.as_ref().expect("the editor");
    assert_eq!(editor.draft.rows.len(), 182);
    assert!(
        h.query_by_label_contains("Dựng từ bảng dán từ Word/Excel")
            .is_some()
    );
}

/// How a rate combines in the province's roll-up is edited at its row: the mean weighed
/// by the dossiers received, or a plain mean; a count may be averaged instead of added.
#[test]
fn how_rows_combine_in_a_roll_up_is_edited_at_the_row() {
    let dir = crate::temp();
    let mut h = window(dir.path());
    menu(&mut h, &["Tệp", "Mẫu biểu", "Sửa mẫu đang dùng…"]);
    h.get_by_label_contains("III. Thủ tục hành chính (").click();
    h.run();
    assert_eq!(
        h.get_by_label("Tổng hợp III.6.3").value().as_deref(),
        Some("Trung bình")
    );
    assert_eq!(
        h.get_by_label("Trọng số III.6.3").value().as_deref(),
        Some("Trọng số: III.6.1")
    );
    click(&mut h, "Trọng số III.6.3");
    click(&mut h, "Không trọng số");
    click(&mut h, "Tổng hợp III.6.2");
    click(&mut h, "Trung bình");
    assert_eq!(
        h.get_by_label("Trọng số III.6.2").value().as_deref(),
        Some("Không trọng số"),
        "a count averaged may now be weighed"
    );
    click(&mut h, "Lưu thành mẫu mới");
    let saved = dir.path().join("cchc-pl2-bang2@2021-1.json");
    let t = Template::from_json(&std::fs::read_to_string(&saved).expect("saved"))
        .expect("a template the program reads");
    let combine = |s: &str| t.row(&id(s)).and_then(|r| r.combine.clone());
    assert_eq!(combine("III.6.3"), Some(Combine::Mean { weight: None }));
    assert_eq!(combine("III.6.2"), Some(Combine::Mean { weight: None }));
    assert_eq!(combine("III.6.1"), Some(Combine::Sum));
}

/// The limits of the year-over-year warning are the form's: set in the editor, saved
/// with the new version.
#[test]
fn the_year_over_year_limits_are_set_in_the_editor() {
    let dir = crate::temp();
    let mut h = window(dir.path());
    menu(&mut h, &["Tệp", "Mẫu biểu", "Sửa mẫu đang dùng…"]);
    click(&mut h, "Tiêu đề in ▾");
    assert_eq!(
        h.get_by_label("Ngưỡng phần trăm").value().as_deref(),
        Some("50 %")
    );
    click(&mut h, "Ngưỡng phần trăm");
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("Ngưỡng phần trăm").type_text("30");
    h.key_press(Key::Enter);
    h.run();
    click(&mut h, "Lưu thành mẫu mới");
    let saved = dir.path().join("cchc-pl2-bang2@2021-1.json");
    let t = Template::from_json(&std::fs::read_to_string(&saved).expect("saved"))
        .expect("a template the program reads");
    assert_eq!(t.year_over_year.percent, 30.0);
    assert_eq!(t.year_over_year.units, 20.0, "the others as they were");
}
