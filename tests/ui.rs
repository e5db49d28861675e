//! The window, driven through its accessibility tree as a user (or a screen reader) would.

use egui::{Key, Modifiers, OutputCommand};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use phuluc::gui::PhulucApp;
use phuluc::gui::app::Settings;
use phuluc::model::{Cell, IndicatorId};
use phuluc::session::AUTOSAVE_DELAY_S;
use phuluc::store::templates::TemplateStore;

const III_6_1: &str = "III.6.1 Số hồ sơ TTHC do UBND cấp huyện tiếp nhận";
const I_1_1: &str = "I.1.1 Số nhiệm vụ đề ra trong kế hoạch";

fn id(s: &str) -> IndicatorId {
    IndicatorId::parse(s).expect("id")
}

/// The window at the size of a common office screen.
fn harness(app: PhulucApp) -> Harness<'static, PhulucApp> {
    harness_sized(app, 768.0)
}

/// Another PC has the report open now: user "thuy" on "MAY-VAN-PHONG" since 07:45.
pub fn another_pc_holds(path: &std::path::Path) -> phuluc::store::lock::LockOwner {
    let other = phuluc::store::lock::LockOwner {
        user: "thuy".into(),
        host: "MAY-VAN-PHONG".into(),
        pid: 4242,
        since: "27/11/2026 07:45".into(),
    };
    std::fs::write(
        phuluc::store::lock::lock_path(path),
        serde_json::to_string(&other).expect("json"),
    )
    .expect("lock");
    other
}

/// The text the window put on the clipboard in the next few frames.
pub fn copied(h: &mut Harness<'static, PhulucApp>) -> Option<String> {
    for _ in 0..4 {
        h.step();
        let text = h
            .output()
            .platform_output
            .commands
            .iter()
            .find_map(|c| match c {
                OutputCommand::CopyText(text) => Some(text.clone()),
                _ => None,
            });
        if text.is_some() {
            h.run();
            return text;
        }
    }
    None
}

/// A window tall enough to show a whole section without scrolling. It never reads the
/// system clipboard's HTML: a table pasted in a test is the test's own (a test that
/// pastes HTML sets `clipboard_html` on the harness's state).
pub fn harness_sized(mut app: PhulucApp, height: f32) -> Harness<'static, PhulucApp> {
    app.clipboard_html = || None;
    Harness::builder()
        .with_size([1366.0, height])
        .with_max_steps(24)
        .with_context_setup(phuluc::gui::theme::install)
        .build_ui_state(|ui, app: &mut PhulucApp| app.show(ui), app)
}

fn new_app() -> PhulucApp {
    PhulucApp::new(TemplateStore::builtin_only(), Settings::default()).expect("app")
}

/// Step the window until `seconds` of its clock have passed (the autosave waits on it).
pub fn wait_seconds(h: &mut Harness<'static, PhulucApp>, seconds: f64) {
    let now = |h: &Harness<'static, PhulucApp>| h.ctx.input(|i| i.time);
    let until = now(h) + seconds;
    while now(h) < until {
        h.step();
    }
    h.run();
}

fn open_tab(h: &mut Harness<'static, PhulucApp>, label: &str) {
    h.get_by_label_contains(label).click();
    h.run();
}

#[test]
fn typing_a_vietnamese_number_stores_it_and_shows_it_formatted() {
    let mut h = harness_sized(new_app(), 2400.0);
    open_tab(&mut h, "III. Thủ tục hành chính");
    h.get_by_label(III_6_1).click();
    h.run();
    h.get_by_label(III_6_1).type_text("1.200");
    h.run();
    assert_eq!(h.state().doc().report.number(&id("III.6.1")), Some(1200.0));
    // Leave the cell: it shows the value the Vietnamese way.
    h.key_press(Key::Tab);
    h.run();
    assert_eq!(h.get_by_label(III_6_1).value().as_deref(), Some("1.200"));
    // Tab went on to the next value cell in form order.
    assert!(
        h.get_by_label("III.6.2 Số hồ sơ TTHC do UBND cấp huyện giải quyết và trả kết quả")
            .is_focused()
    );
    h.get_by_label("III.6.2 Số hồ sơ TTHC do UBND cấp huyện giải quyết và trả kết quả")
        .type_text("5 068");
    h.run();
    assert_eq!(h.state().doc().report.number(&id("III.6.2")), Some(5068.0));
}

#[test]
fn text_that_is_not_a_count_is_kept_and_flagged() {
    let mut h = harness(new_app());
    open_tab(&mut h, "I. Chỉ đạo điều hành");
    h.get_by_label(I_1_1).click();
    h.run();
    h.get_by_label(I_1_1).type_text("abc");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(
        h.state().doc().report.cell(&id("I.1.1")),
        &Cell::Invalid("abc".to_owned())
    );
    let cell = h.get_by_label(I_1_1);
    assert_eq!(cell.value().as_deref(), Some("abc"));
    let description = cell.accesskit_node().description().unwrap_or_default();
    assert!(
        description.contains("không phải là số") || description.contains("không đọc được"),
        "{description}"
    );
    // The tab shows one problem.
    assert!(
        h.query_by_label_contains("I. Chỉ đạo điều hành ⚠1")
            .is_some()
    );
    // Undo brings the empty cell back and clears the mark.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(h.state().doc().report.cell(&id("I.1.1")).is_empty());
    assert!(h.query_by_label_contains("⚠").is_none());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run();
    assert_eq!(
        h.state().doc().report.cell(&id("I.1.1")),
        &Cell::Invalid("abc".to_owned())
    );
}

#[test]
fn ctrl_s_writes_the_file_and_clears_the_unsaved_mark() {
    let dir = crate::temp();
    let path = dir.path().join("Ngã Năm 2021.phuluc.json");
    std::fs::copy(crate::fixture("report-v1.phuluc.json"), &path).expect("copy");
    let mut app = new_app();
    app.open_path(&path);
    let mut h = harness(app);
    h.run();
    assert!(!h.state().window_title().contains('*'));
    assert!(h.query_by_label("Đã lưu").is_some());
    open_tab(&mut h, "I. Chỉ đạo điều hành");
    h.get_by_label(I_1_1).click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label(I_1_1).type_text("30");
    h.run();
    assert_eq!(h.state().doc().report.number(&id("I.1.1")), Some(30.0));
    assert!(
        h.state()
            .window_title()
            .starts_with("*Ngã Năm 2021.phuluc.json"),
        "{}",
        h.state().window_title()
    );
    assert!(h.query_by_label("• Chưa lưu").is_some());
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(!h.state().window_title().contains('*'));
    assert!(h.query_by_label("Đã lưu").is_some());
    let saved = std::fs::read_to_string(&path).expect("read");
    let json: serde_json::Value = serde_json::from_str(&saved).expect("json");
    assert_eq!(json["values"]["I.1.1"]["value"], 30);
}

#[test]
fn ctrl_f_finds_an_indicator_by_words_without_diacritics() {
    let mut h = harness(new_app());
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    h.get_by_label("Mã hoặc tên chỉ tiêu cần tìm")
        .type_text("ho so xa tiep nhan");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    // The cell is scrolled into view in its tab and has the cursor.
    let cell = h.get_by_label("III.6.6 Số hồ sơ TTHC do UBND cấp xã tiếp nhận");
    assert!(cell.is_focused());
}

#[test]
fn rows_of_another_level_cannot_be_filled() {
    let mut app = new_app();
    app.session.doc_mut().report.general.level = Some(phuluc::model::Level::Xa);
    let mut h = harness_sized(app, 2400.0);
    open_tab(&mut h, "III. Thủ tục hành chính");
    assert!(h.query_by_label(III_6_1).is_none());
    assert!(
        !h.get_all_by_label("Không áp dụng")
            .collect::<Vec<_>>()
            .is_empty()
    );
    assert!(
        h.query_by_label("III.6.6 Số hồ sơ TTHC do UBND cấp xã tiếp nhận")
            .is_some()
    );
}

#[test]
fn a_new_report_over_unsaved_changes_asks_first() {
    let mut h = harness(new_app());
    open_tab(&mut h, "I. Chỉ đạo điều hành");
    h.get_by_label(I_1_1).click();
    h.run();
    h.get_by_label(I_1_1).type_text("28");
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run();
    // Nothing is lost yet: the question is asked.
    assert!(h.query_by_label("Lưu thay đổi?").is_some());
    assert_eq!(h.state().doc().report.number(&id("I.1.1")), Some(28.0));
    h.get_by_label("Huỷ").click();
    h.run();
    assert!(h.query_by_label("Lưu thay đổi?").is_none());
    assert_eq!(h.state().doc().report.number(&id("I.1.1")), Some(28.0));
    // Asked again, the officer chooses not to save: a new, empty report.
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run();
    h.get_by_label("Không lưu").click();
    h.run();
    assert!(h.state().doc().report.entry(&id("I.1.1")).is_none());
    assert!(!h.state().doc().is_dirty());
}

#[test]
fn a_value_that_breaks_a_rule_marks_both_cells_and_the_tab_until_fixed() {
    let dir = crate::temp();
    let path = dir.path().join("example.phuluc.json");
    std::fs::copy(
        crate::root().join("assets/examples/nga-nam-2021.phuluc.json"),
        &path,
    )
    .expect("copy");
    let mut app = new_app();
    app.open_path(&path);
    let mut h = harness_sized(app, 2400.0);
    open_tab(&mut h, "III. Thủ tục hành chính");
    assert!(
        h.query_by_label_contains("III. Thủ tục hành chính ⚠")
            .is_none()
    );
    let resolved = "III.6.2 Số hồ sơ TTHC do UBND cấp huyện giải quyết và trả kết quả";
    h.get_by_label(resolved).click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label(resolved).type_text("5.100");
    h.run();
    let description = |h: &Harness<'static, PhulucApp>, label: &str| {
        h.get_by_label(label)
            .accesskit_node()
            .description()
            .unwrap_or_default()
    };
    let expected =
        "III.6.2 Số hồ sơ TTHC do UBND cấp huyện giải quyết và trả kết quả (5.100) lớn hơn III.6.1";
    assert!(
        description(&h, resolved).contains(expected),
        "{}",
        description(&h, resolved)
    );
    // The other cell the rule names is marked too.
    assert!(
        description(&h, III_6_1).contains(expected),
        "{}",
        description(&h, III_6_1)
    );
    assert!(
        h.query_by_label_contains("III. Thủ tục hành chính ⚠1")
            .is_some()
    );
    assert!(h.query_by_label_contains("Lỗi: 1").is_some());
    // Fix it: both marks and the count clear.
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label(resolved).type_text("4.880");
    h.run();
    assert!(!description(&h, resolved).contains("lớn hơn"));
    assert!(!description(&h, III_6_1).contains("lớn hơn"));
    assert!(
        h.query_by_label_contains("III. Thủ tục hành chính ⚠")
            .is_none()
    );
    assert!(h.query_by_label_contains("Lỗi: 0").is_some());
}

#[test]
fn a_warning_is_explained_from_the_problems_panel() {
    let mut app = new_app();
    app.session.doc_mut().report.general.year = "2021".into();
    let mut h = harness(app);
    h.key_press(Key::F8);
    h.run();
    // The new report's only finding: the required plan I.1 is empty (a warning).
    assert!(h.query_by_label_contains("Cảnh báo: 1").is_some());
    h.get_by_label("Giải trình…").click();
    h.run();
    h.get_by_label("Giải trình cho I.1").click();
    h.run();
    h.get_by_label("Giải trình cho I.1")
        .type_text("Kế hoạch chung với UBND huyện");
    h.run();
    h.get_by_label("Xác nhận").click();
    h.run();
    assert!(
        h.query_by_label_contains("Cảnh báo: 0 · Đã giải trình: 1")
            .is_some()
    );
    let key = format!("I.1.{}@I.1", phuluc::rules::RULE_REQUIRED_SUFFIX);
    assert_eq!(
        h.state()
            .doc()
            .report
            .acknowledged
            .get(&key)
            .map(String::as_str),
        Some("Kế hoạch chung với UBND huyện")
    );
    assert!(h.state().doc().is_dirty());
}

#[test]
fn printing_a_report_with_errors_asks_for_a_draft_and_the_preview_shows_pages() {
    let mut app = new_app();
    app.open_path(&crate::root().join("assets/examples/nga-nam-2021.phuluc.json"));
    app.session.doc_mut().report.general.year = "năm nay".into();
    app.session.doc_mut().recheck();
    let mut h = harness(app);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::P);
    h.run();
    assert!(h.query_by_label("Báo cáo còn lỗi").is_some());
    h.get_by_label("Huỷ").click();
    h.run();
    assert!(h.query_by_label("Báo cáo còn lỗi").is_none());
    h.state_mut().send(phuluc::gui::command::Action::Preview);
    h.run();
    assert!(
        h.query_by_label("Trang 1 / 5").is_some()
            || h.query_by_label_contains("Trang 1 /").is_some()
    );
    assert!(h.query_by_label("BẢN NHÁP: báo cáo còn lỗi").is_some());
    h.get_by_label("Đóng").click();
    h.run();
    assert!(h.state().preview.is_none());
}

#[test]
fn unsaved_work_comes_back_after_a_crash_and_a_refused_copy_is_kept_aside() {
    use phuluc::store::recovery::RecoveryStore;
    let dir = crate::temp();
    let recovery = RecoveryStore::new(dir.path().join("recovery"));
    let mut h = harness(new_app().with_recovery(recovery.clone(), "lan-1".into()));
    open_tab(&mut h, "I. Chỉ đạo điều hành");
    h.get_by_label(I_1_1).click();
    h.run();
    h.get_by_label(I_1_1).type_text("28");
    h.run();
    assert!(recovery.list().is_empty(), "not while typing");
    // Typing stops; once the autosave delay has passed the copy is on disk.
    wait_seconds(&mut h, AUTOSAVE_DELAY_S + 0.5);
    assert_eq!(recovery.list().len(), 1);
    // The program is killed: nothing else runs. Next start:
    drop(h);
    let mut h = harness(new_app().with_recovery(recovery.clone(), "lan-2".into()));
    h.run();
    assert!(h.query_by_label("Khôi phục dữ liệu chưa lưu?").is_some());
    assert!(
        h.query_by_label_contains("Báo cáo mới (chưa lưu lần nào)")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("1 chỉ tiêu đã nhập (I.1.1)")
            .is_some()
    );
    h.get_by_label("Khôi phục").click();
    h.run();
    assert_eq!(h.state().doc().report.number(&id("I.1.1")), Some(28.0));
    assert!(
        h.state().doc().is_dirty(),
        "restored work is unsaved until the officer saves it"
    );
    assert_eq!(
        recovery.list().len(),
        1,
        "the copy stays until the report is saved"
    );
    drop(h);
    // Third start: the officer declines; the copy is kept aside, not deleted.
    let mut h = harness(new_app().with_recovery(recovery.clone(), "lan-3".into()));
    h.run();
    h.get_by_label("Không, để riêng bản này").click();
    h.run();
    assert!(h.state().doc().report.entry(&id("I.1.1")).is_none());
    assert!(recovery.list().is_empty());
    let aside: Vec<_> = std::fs::read_dir(recovery.dir().join("aside"))
        .expect("aside")
        .collect();
    assert_eq!(aside.len(), 1);
}

#[test]
fn saving_removes_the_recovery_copy() {
    use phuluc::store::recovery::RecoveryStore;
    let dir = crate::temp();
    let path = dir.path().join("a.phuluc.json");
    std::fs::copy(crate::fixture("report-v2.phuluc.json"), &path).expect("copy");
    let recovery = RecoveryStore::new(dir.path().join("recovery"));
    let mut app = new_app().with_recovery(recovery.clone(), "s".into());
    app.open_path(&path);
    let mut h = harness(app);
    open_tab(&mut h, "I. Chỉ đạo điều hành");
    h.get_by_label(I_1_1).click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label(I_1_1).type_text("27");
    h.run();
    wait_seconds(&mut h, AUTOSAVE_DELAY_S + 0.5);
    assert_eq!(recovery.list().len(), 1);
    assert_eq!(recovery.list()[0].original.as_deref(), Some(path.as_path()));
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(recovery.list().is_empty());
}

#[test]
fn a_report_open_on_another_pc_opens_read_only_or_is_taken_over() {
    use phuluc::store::lock::{LockOwner, lock_path};
    let dir = crate::temp();
    let path = dir.path().join("xã Long Bình.phuluc.json");
    std::fs::copy(crate::fixture("report-v2.phuluc.json"), &path).expect("copy");
    let other = another_pc_holds(&path);
    let mut app = new_app();
    app.open_path(&path);
    let mut h = harness_sized(app, 1600.0);
    h.run();
    assert!(
        h.query_by_label("Báo cáo đang được mở ở nơi khác")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("đang được thuy mở trên máy MAY-VAN-PHONG từ 27/11/2026 07:45")
            .is_some()
    );
    assert!(
        h.state().doc().path.is_none(),
        "nothing is opened before the answer"
    );
    h.get_by_label("Mở chỉ đọc").click();
    h.run();
    assert!(h.state().session.is_read_only());
    assert!(h.state().window_title().contains("(chỉ đọc)"));
    assert_eq!(h.state().doc().path.as_deref(), Some(path.as_path()));
    // Typing changes nothing.
    open_tab(&mut h, "I. Chỉ đạo điều hành");
    h.get_by_label(I_1_1).click();
    h.run();
    h.get_by_label(I_1_1).type_text("99");
    h.run();
    assert_eq!(h.state().doc().report.number(&id("I.1.1")), Some(28.0));
    assert!(!h.state().doc().is_dirty());
    // The other PC's lock is untouched.
    let lock: LockOwner =
        serde_json::from_str(&std::fs::read_to_string(lock_path(&path)).expect("lock"))
            .expect("json");
    assert_eq!(lock, other);
    drop(h);

    // Sure that the other PC has closed it: take the report over.
    let mut app = new_app();
    app.open_path(&path);
    let mut h = harness(app);
    h.run();
    h.get_by_label("Vẫn mở để sửa").click();
    h.run();
    assert!(!h.state().session.is_read_only());
    let lock: LockOwner =
        serde_json::from_str(&std::fs::read_to_string(lock_path(&path)).expect("lock"))
            .expect("json");
    assert_eq!(lock.pid, std::process::id());
    drop(h);
    assert!(!lock_path(&path).exists(), "closing the report releases it");
}

#[test]
#[cfg(target_os = "linux")]
fn a_restored_report_holds_its_file_again() {
    use phuluc::store::lock::{LockOwner, lock_path};
    use phuluc::store::recovery::RecoveryStore;
    let dir = crate::temp();
    let path = dir.path().join("b.phuluc.json");
    std::fs::copy(crate::fixture("report-v2.phuluc.json"), &path).expect("copy");
    let recovery = RecoveryStore::new(dir.path().join("recovery"));
    let mut app = new_app().with_recovery(recovery.clone(), "s1".into());
    app.open_path(&path);
    let mut h = harness(app);
    open_tab(&mut h, "I. Chỉ đạo điều hành");
    h.get_by_label(I_1_1).click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label(I_1_1).type_text("27");
    h.run();
    wait_seconds(&mut h, AUTOSAVE_DELAY_S + 0.5);
    // Killed: the lock file stays behind, naming a process of this PC that is gone.
    std::mem::forget(h);
    let crashed = LockOwner {
        pid: 4_999_999,
        ..LockOwner::me("27/11/2026 08:00".into())
    };
    std::fs::write(
        lock_path(&path),
        serde_json::to_string(&crashed).expect("json"),
    )
    .expect("lock");
    let mut h = harness(new_app().with_recovery(recovery.clone(), "s2".into()));
    h.run();
    h.get_by_label("Khôi phục").click();
    h.run();
    assert_eq!(h.state().doc().report.number(&id("I.1.1")), Some(27.0));
    assert!(!h.state().session.is_read_only());
    let lock: LockOwner =
        serde_json::from_str(&std::fs::read_to_string(lock_path(&path)).expect("lock"))
            .expect("json");
    assert_eq!(lock.pid, std::process::id());
}

/// Tệp → In khổ ngang: a setting, ticked in the menu, kept between runs; the preview
/// shows landscape pages, and its own "Khổ ngang" box turns them back.
#[test]
fn khổ_ngang_is_a_setting_the_preview_follows() {
    let mut h = harness(new_app());
    h.state_mut()
        .send(phuluc::gui::command::Action::OpenExample);
    h.run();
    h.get_by_label("Tệp").click();
    h.run();
    h.get_by(|n| n.label().is_some_and(|l| l.trim_end() == "In khổ ngang"))
        .click();
    h.run();
    assert!(h.state().settings.landscape);
    assert!(
        h.query_by(|n| n.label().is_some_and(|l| l.trim_end() == "In khổ ngang"))
            .is_none(),
        "the menu closed"
    );
    h.state_mut().send(phuluc::gui::command::Action::Preview);
    h.run();
    let first_page = |h: &Harness<'static, PhulucApp>| {
        let preview = h.state().preview.as_ref().expect("the preview is open");
        preview.pages[0].1
    };
    let [width, height] = first_page(&h);
    assert!(width > height, "landscape page {width}×{height}");
    assert!(h.query_by_label_contains("trang, A4 ngang").is_some());

    h.get_by_label("Khổ ngang").click();
    h.run();
    assert!(!h.state().settings.landscape);
    let [width, height] = first_page(&h);
    assert!(width < height, "portrait page {width}×{height}");
    assert!(h.query_by_label("8 trang, A4 dọc").is_some());
    let kept = serde_json::to_string(&h.state().settings).expect("settings");
    assert!(kept.contains("\"landscape\":false"), "{kept}");
}
