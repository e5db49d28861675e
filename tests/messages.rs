//! No message is lost: questions wait in a queue, outcomes are notices that never
//! replace a question.

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use phuluc::gui::PhulucApp;
use phuluc::gui::app::Settings;
use phuluc::model::{IndicatorId, Report, Template};
use phuluc::store::recovery::RecoveryStore;
use phuluc::store::templates::TemplateStore;

const I_1_1: &str = "I.1.1 Số nhiệm vụ đề ra trong kế hoạch";
const RECOVER: &str = "Khôi phục dữ liệu chưa lưu?";

fn id(s: &str) -> IndicatorId {
    IndicatorId::parse(s).expect("id")
}

fn harness(app: PhulucApp) -> Harness<'static, PhulucApp> {
    crate::ui::harness_sized(app, 900.0)
}

fn app_with(recovery: RecoveryStore, session: &str) -> PhulucApp {
    PhulucApp::new(TemplateStore::builtin_only(), Settings::default())
        .expect("app")
        .with_recovery(recovery, session.to_owned())
}

/// A report with I.1.1 = `value`.
fn report(value: &str) -> Report {
    let t = Template::builtin().expect("template");
    let mut r = Report::new(&t);
    r.set_text(&t, &id("I.1.1"), value).expect("set");
    r
}

/// Two recovery copies, written one after the other so the first is offered first:
/// one of the report `file` (when given), one of a report never saved.
fn two_copies(store: &RecoveryStore, file: Option<&std::path::Path>) {
    let first = RecoveryStore::key(file, "lan-truoc-1");
    store
        .write(&first, file, "27/11/2026 16:00", &report("27"))
        .expect("first copy");
    // Later by a whole second, whatever the file system's clock resolution.
    let later = std::time::SystemTime::now() + std::time::Duration::from_secs(1);
    let second = RecoveryStore::key(None, "lan-truoc-2");
    store
        .write(&second, None, "27/11/2026 16:05", &report("31"))
        .expect("second copy");
    std::fs::File::options()
        .write(true)
        .open(store.path_of(&second))
        .and_then(|f| f.set_modified(later))
        .expect("touch");
}

#[test]
fn the_lock_message_of_a_restored_report_is_not_replaced_by_the_next_offer() {
    let dir = crate::temp();
    let path = dir.path().join("xã Vĩnh Quới.phuluc.json");
    std::fs::copy(crate::fixture("report-v2.phuluc.json"), &path).expect("copy");
    crate::ui::another_pc_holds(&path);
    let recovery = RecoveryStore::new(dir.path().join("recovery"));
    two_copies(&recovery, Some(&path));

    let mut h = harness(app_with(recovery, "lan-nay"));
    h.run();
    assert!(
        h.query_by_label_contains("xã Vĩnh Quới.phuluc.json")
            .is_some()
    );
    h.get_by_label("Khôi phục").click();
    h.run();
    assert_eq!(h.state().doc().report.number(&id("I.1.1")), Some(27.0));
    // The officer is told why the restored work is read-only…
    assert!(
        h.query_by_label_contains("đang được thuy mở trên máy MAY-VAN-PHONG")
            .is_some(),
        "the lock message was lost"
    );
    // … and the second copy is still offered once that message is read.
    h.get_by_label("Đóng").click();
    h.run();
    assert!(
        h.query_by_label(RECOVER).is_some(),
        "the second offer was lost"
    );
    assert!(
        h.query_by_label_contains("Báo cáo mới (chưa lưu lần nào)")
            .is_some()
    );
}

#[test]
fn a_copy_that_cannot_be_set_aside_is_reported_before_the_next_offer() {
    let dir = crate::temp();
    let recovery = RecoveryStore::new(dir.path().join("recovery"));
    two_copies(&recovery, None);
    // `aside` is a file, so no folder of that name can be made.
    std::fs::write(recovery.dir().join("aside"), b"").expect("block aside");

    let mut h = harness(app_with(recovery.clone(), "lan-nay"));
    h.run();
    h.get_by_label("Không, để riêng bản này").click();
    h.run();
    assert!(
        h.query_by_label_contains("Không để riêng được bản tự lưu")
            .is_some(),
        "the failure to set the copy aside was not shown"
    );
    // Nothing was deleted: both copies are still there.
    assert_eq!(recovery.list().len(), 2);
    // The second copy is offered after the message.
    h.get_by_label("Đóng").click();
    h.run();
    assert!(
        h.query_by_label(RECOVER).is_some(),
        "the second offer was lost"
    );
}

#[test]
fn an_autosave_failure_does_not_replace_the_save_changes_question() {
    let dir = crate::temp();
    // The recovery folder's place is taken by a file: every autosave fails.
    let blocked = dir.path().join("recovery");
    std::fs::write(&blocked, b"").expect("block");
    let mut h = harness(app_with(RecoveryStore::new(blocked), "lan-nay"));
    h.get_by_label_contains("I. Chỉ đạo điều hành").click();
    h.run();
    h.get_by_label(I_1_1).click();
    h.run();
    h.get_by_label(I_1_1).type_text("28");
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run();
    assert!(h.query_by_label("Lưu thay đổi?").is_some());
    // Typing stopped; the autosave falls due while the question is open, and fails.
    crate::ui::wait_seconds(&mut h, phuluc::session::AUTOSAVE_DELAY_S + 0.5);
    assert!(
        h.query_by_label_contains("Chưa tự động lưu được").is_some(),
        "the autosave failure is shown"
    );
    assert!(
        h.query_by_label("Lưu thay đổi?").is_some(),
        "the question is still open"
    );
    // The answer still leads to the new report the officer asked for.
    h.get_by_label("Không lưu").click();
    h.run();
    assert!(h.state().doc().report.entry(&id("I.1.1")).is_none());
    assert!(!h.state().doc().is_dirty());
}
