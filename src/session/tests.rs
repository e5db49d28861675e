//! The session's policy, driven without a window.

use std::path::{Path, PathBuf};

use super::*;
use crate::model::IndicatorId;
use crate::store::lock::lock_path;

fn id(s: &str) -> IndicatorId {
    IndicatorId::parse(s).expect("id")
}

fn stamp() -> String {
    "28/11/2026 08:15".to_owned()
}

fn session() -> Session {
    Session::new(TemplateStore::builtin_only())
        .expect("session")
        .with_clock(stamp)
}

fn with_recovery(dir: &Path, run: &str) -> (Session, RecoveryStore) {
    let store = RecoveryStore::new(dir.join("recovery"));
    (
        session().with_recovery(store.clone(), run.to_owned()),
        store,
    )
}

/// The real example as a report file in `dir`.
fn example_file(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, EXAMPLE_2021).expect("write example");
    path
}

fn other_pc_holds(path: &Path) -> LockOwner {
    let other = LockOwner {
        user: "thuy".into(),
        host: "MAY-VAN-PHONG".into(),
        pid: 4242,
        since: "28/11/2026 07:45".into(),
    };
    std::fs::write(
        lock_path(path),
        serde_json::to_string(&other).expect("json"),
    )
    .expect("lock");
    other
}

fn type_into(s: &mut Session, cell: &str, text: &str) {
    s.edit(&(id(cell), Slot::Value), text, None).expect("edit");
}

#[test]
fn a_report_someone_else_holds_is_not_opened_until_the_officer_chooses() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = example_file(dir.path(), "xã Long Bình.phuluc.json");
    let other = other_pc_holds(&path);
    let mut s = session();
    let answer = s.open(&path, OpenMode::Ask).expect("readable");
    let Opened::Held { path: held, who } = answer else {
        panic!("opened a report another PC holds");
    };
    assert_eq!(held, path);
    assert!(
        who.contains("đang được thuy mở trên máy MAY-VAN-PHONG từ 28/11/2026 07:45"),
        "{who}"
    );
    assert!(
        s.doc().path.is_none(),
        "nothing is opened before the answer"
    );

    // Read-only: the report is there, edits do nothing, the other PC keeps its lock.
    assert_eq!(
        s.open(&path, OpenMode::ReadOnly).expect("opens"),
        Opened::Opened
    );
    assert!(s.is_read_only());
    type_into(&mut s, "I.1.1", "99");
    assert_eq!(s.doc().report.number(&id("I.1.1")), Some(28.0));
    assert_eq!(
        s.save_path(false),
        None,
        "a read-only report is saved as another file"
    );
    let lock: LockOwner =
        serde_json::from_str(&std::fs::read_to_string(lock_path(&path)).expect("lock"))
            .expect("json");
    assert_eq!(lock, other);

    // Taking over: the lock is ours, editing works.
    assert_eq!(
        s.open(&path, OpenMode::TakeOver).expect("opens"),
        Opened::Opened
    );
    assert!(!s.is_read_only());
    let lock: LockOwner =
        serde_json::from_str(&std::fs::read_to_string(lock_path(&path)).expect("lock"))
            .expect("json");
    assert_eq!(lock.pid, std::process::id());
    assert_eq!(lock.since, "28/11/2026 08:15");
}

#[test]
fn the_autosave_writes_after_the_delay_and_not_before() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut s, store) = with_recovery(dir.path(), "lan-1");
    assert_eq!(
        s.autosave_tick(0.0),
        Autosave::default(),
        "nothing to keep yet"
    );
    type_into(&mut s, "I.1.1", "28");
    let tick = s.autosave_tick(10.0);
    assert_eq!(tick.wait, Some(AUTOSAVE_DELAY_S));
    // Still typing: each change starts the wait again.
    type_into(&mut s, "I.1.1", "280");
    let tick = s.autosave_tick(11.0);
    assert_eq!(tick.wait, Some(AUTOSAVE_DELAY_S));
    assert!(store.list().is_empty());
    let tick = s.autosave_tick(11.0 + AUTOSAVE_DELAY_S - 0.01);
    assert!(tick.wait.is_some_and(|w| w > 0.0));
    assert!(store.list().is_empty(), "not before the delay");
    let tick = s.autosave_tick(11.0 + AUTOSAVE_DELAY_S);
    assert_eq!(tick, Autosave::default());
    let copies = store.list();
    assert_eq!(copies.len(), 1);
    assert_eq!(copies[0].saved_at, "28/11/2026 08:15");
    assert_eq!(copies[0].original, None);
}

#[test]
fn an_autosave_that_cannot_be_written_says_so() {
    let dir = tempfile::tempdir().expect("tempdir");
    let blocked = dir.path().join("recovery");
    std::fs::write(&blocked, b"").expect("a file where the folder should be");
    let mut s = session().with_recovery(RecoveryStore::new(blocked), "lan-1".into());
    type_into(&mut s, "I.1.1", "28");
    s.autosave_tick(0.0);
    let failure = s.autosave_tick(AUTOSAVE_DELAY_S).failure.expect("fails");
    assert_eq!(failure.title, "Chưa tự động lưu được");
    assert!(failure.text.contains("Ctrl+S"), "{}", failure.text);
    assert_eq!(s.doc().report.number(&id("I.1.1")), Some(28.0));
}

#[test]
fn saving_removes_the_recovery_copy_and_keeps_a_backup() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = example_file(dir.path(), "a.phuluc.json");
    let (mut s, store) = with_recovery(dir.path(), "lan-1");
    assert_eq!(s.open(&path, OpenMode::Ask).expect("opens"), Opened::Opened);
    type_into(&mut s, "I.1.1", "27");
    s.autosave_tick(0.0);
    s.autosave_tick(AUTOSAVE_DELAY_S);
    assert_eq!(store.list().len(), 1);
    assert_eq!(store.list()[0].original.as_deref(), Some(path.as_path()));
    let target = s.save_path(false).expect("its own file");
    s.save_to(&target).expect("saves");
    assert!(store.list().is_empty());
    assert!(!s.doc().is_dirty());
    let (back, _) = load_report(&path, s.templates()).expect("reads");
    assert_eq!(back.number(&id("I.1.1")), Some(27.0));
    assert!(crate::store::atomic::backup_path(&path).exists());
}

#[test]
fn saving_under_a_name_someone_else_holds_is_refused_and_loses_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = example_file(dir.path(), "b.phuluc.json");
    other_pc_holds(&path);
    let mut s = session();
    type_into(&mut s, "I.1.1", "5");
    let failure = s.save_to(&path).expect_err("held");
    assert!(failure.text.contains("MAY-VAN-PHONG"), "{}", failure.text);
    assert!(s.doc().is_dirty());
    assert_eq!(std::fs::read_to_string(&path).expect("read"), EXAMPLE_2021);
}

#[test]
fn restoring_a_copy_takes_its_files_lock() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = example_file(dir.path(), "c.phuluc.json");
    {
        let (mut s, _) = with_recovery(dir.path(), "lan-1");
        s.open(&path, OpenMode::Ask).expect("opens");
        type_into(&mut s, "I.1.1", "27");
        s.autosave_tick(0.0);
        s.autosave_tick(AUTOSAVE_DELAY_S);
        // Killed: no drop, the lock file stays, naming a process that is gone.
        std::mem::forget(s);
    }
    let crashed = LockOwner {
        pid: 4_999_999,
        ..LockOwner::me("28/11/2026 08:00".into())
    };
    std::fs::write(
        lock_path(&path),
        serde_json::to_string(&crashed).expect("json"),
    )
    .expect("lock");
    let (mut s, store) = with_recovery(dir.path(), "lan-2");
    let offer = s.offer().expect("offered");
    assert_eq!(offer.name, "c.phuluc.json");
    assert_eq!(offer.summary, "1 chỉ tiêu khác với tệp đã lưu (I.1.1)");
    let told = s.restore_offer().expect("restores").expect("offered");
    if cfg!(target_os = "linux") {
        assert!(told.is_empty(), "{told:?}");
        assert!(!s.is_read_only());
        let lock: LockOwner =
            serde_json::from_str(&std::fs::read_to_string(lock_path(&path)).expect("lock"))
                .expect("json");
        assert_eq!(lock.pid, std::process::id());
    }
    assert_eq!(s.doc().report.number(&id("I.1.1")), Some(27.0));
    assert!(s.doc().is_dirty(), "restored work is unsaved");
    assert_eq!(
        store.list().len(),
        1,
        "the copy stays until the report is saved"
    );
    assert!(s.offer().is_none());
}

#[test]
fn a_restored_report_another_pc_holds_stays_read_only_and_says_why() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = example_file(dir.path(), "d.phuluc.json");
    let store = RecoveryStore::new(dir.path().join("recovery"));
    let mut typed = crate::model::Report::new(&crate::model::Template::builtin().expect("t"));
    typed.general.unit_name = "Ủy ban nhân dân xã Vĩnh Quới".into();
    store
        .write(
            &RecoveryStore::key(Some(&path), "lan-1"),
            Some(&path),
            "28/11/2026 07:00",
            &typed,
        )
        .expect("copy");
    other_pc_holds(&path);
    let mut s = session().with_recovery(store, "lan-2".into());
    let told = s.restore_offer().expect("restores").expect("offered");
    assert_eq!(told.len(), 1);
    assert_eq!(told[0].title, "Báo cáo đang được mở ở nơi khác");
    assert!(told[0].text.contains("Lưu thành…"), "{}", told[0].text);
    assert!(s.is_read_only());
    assert_eq!(
        s.doc().report.general.unit_name,
        "Ủy ban nhân dân xã Vĩnh Quới"
    );
}

#[test]
fn a_copy_set_aside_is_kept_and_one_that_cannot_be_moved_stays() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut s, store) = with_recovery(dir.path(), "lan-1");
    type_into(&mut s, "I.1.1", "28");
    s.autosave_tick(0.0);
    s.autosave_tick(AUTOSAVE_DELAY_S);
    drop(s);
    // `aside` is a file: the copy cannot be moved there.
    std::fs::write(store.dir().join("aside"), b"").expect("block");
    let (mut s, _) = with_recovery(dir.path(), "lan-2");
    let failure = s.set_aside_offer().expect_err("cannot move");
    assert_eq!(failure.title, "Không để riêng được bản tự lưu");
    assert_eq!(store.list().len(), 1, "the copy is still there");
    assert!(s.offer().is_none(), "not asked twice in one run");
    // Next run, with room for it: set aside, kept in `aside/`.
    std::fs::remove_file(store.dir().join("aside")).expect("unblock");
    let (mut s, _) = with_recovery(dir.path(), "lan-3");
    s.set_aside_offer().expect("moved");
    assert!(store.list().is_empty());
    let aside: Vec<_> = std::fs::read_dir(store.dir().join("aside"))
        .expect("aside")
        .collect();
    assert_eq!(aside.len(), 1);
    assert_eq!(s.doc().report.entry(&id("I.1.1")), None);
}

#[test]
fn not_saving_forgets_the_copy_and_lets_the_next_step_go_on() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut s, store) = with_recovery(dir.path(), "lan-1");
    type_into(&mut s, "I.1.1", "28");
    s.autosave_tick(0.0);
    s.autosave_tick(AUTOSAVE_DELAY_S);
    assert_eq!(store.list().len(), 1);
    s.discard_changes();
    assert!(store.list().is_empty());
    assert!(!s.doc().is_dirty());
}

#[test]
fn opening_the_open_file_again_keeps_its_lock() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = example_file(dir.path(), "e.phuluc.json");
    let mut s = session();
    s.open(&path, OpenMode::Ask).expect("opens");
    assert!(lock_path(&path).exists());
    // "Mở gần đây" on the same file, within the same minute.
    assert_eq!(s.open(&path, OpenMode::Ask).expect("opens"), Opened::Opened);
    assert!(lock_path(&path).exists(), "the report is still held");
    drop(s);
    assert!(!lock_path(&path).exists(), "and released on closing");
}

#[test]
fn a_save_refused_under_a_new_name_keeps_the_old_files_lock() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mine = example_file(dir.path(), "f.phuluc.json");
    let theirs = example_file(dir.path(), "g.phuluc.json");
    other_pc_holds(&theirs);
    let mut s = session();
    s.open(&mine, OpenMode::Ask).expect("opens");
    s.save_to(&theirs).expect_err("held by another PC");
    let lock: LockOwner =
        serde_json::from_str(&std::fs::read_to_string(lock_path(&mine)).expect("lock"))
            .expect("json");
    assert_eq!(lock.pid, std::process::id(), "f is still ours");
    assert_eq!(s.doc().path.as_deref(), Some(mine.as_path()));
}

#[test]
fn a_read_only_window_never_removes_the_copy_of_the_window_that_holds_the_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = example_file(dir.path(), "h.phuluc.json");
    let store = RecoveryStore::new(dir.path().join("recovery"));
    // The window that holds h has unsaved work in its copy.
    let mut typed = crate::model::Report::new(&crate::model::Template::builtin().expect("t"));
    typed.general.unit_name = "Ủy ban nhân dân xã Tân Long".into();
    let key = RecoveryStore::key(Some(&path), "cua-so-kia");
    store
        .write(&key, Some(&path), "28/11/2026 08:00", &typed)
        .expect("copy");
    other_pc_holds(&path);
    // A second window opens h read-only, looks, does not save, closes.
    let mut s = Session::new(TemplateStore::builtin_only())
        .expect("session")
        .with_recovery(store.clone(), "cua-so-nay".into());
    s.open(&path, OpenMode::ReadOnly).expect("opens");
    s.autosave_tick(0.0);
    s.autosave_tick(AUTOSAVE_DELAY_S * 2.0);
    s.discard_changes();
    s.close();
    assert!(
        store.path_of(&key).exists(),
        "the other window's copy is still there"
    );
}

#[test]
fn a_new_report_starts_from_a_template_just_saved_and_is_saved_with_its_version() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = TemplateStore::new(Some(dir.path().join("templates")));
    let text = crate::model::template::BUILTIN_2021
        .replace("\"version\": \"2021\"", "\"version\": \"2021-1\"");
    store.save(&text).expect("kept");
    let mut s = Session::new(store).expect("session").with_clock(stamp);
    let err = s
        .new_from_kept("cchc-pl2-bang2", "2099")
        .expect_err("unknown");
    assert!(err.text.contains("phiên bản “2099”"), "{err}");
    s.new_from_kept("cchc-pl2-bang2", "2021-1")
        .expect("new report");
    assert_eq!(s.doc().template.version, "2021-1");
    assert!(s.doc().path.is_none() && !s.doc().is_dirty());
    type_into(&mut s, "I.1.1", "3");
    let path = dir.path().join("bao-cao.phuluc.json");
    s.save_to(&path).expect("saved");
    let saved = std::fs::read_to_string(&path).expect("read");
    assert!(saved.contains("\"2021-1\""), "{saved}");
}

#[test]
fn a_report_moved_onto_another_template_is_new_unsaved_and_never_saved_over_the_old_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let templates = TemplateStore::new(Some(dir.path().join("templates")));
    let text = crate::model::template::BUILTIN_2021
        .replace("\"version\": \"2021\"", "\"version\": \"2025\"")
        .replace(
            "Số nhiệm vụ đề ra trong kế hoạch",
            "Số nhiệm vụ CCHC đề ra trong kế hoạch",
        );
    let (to, _) = templates.save(&text).expect("kept");
    let path = example_file(dir.path(), "nga-nam-2021.phuluc.json");
    let recovery = RecoveryStore::new(dir.path().join("recovery"));
    let mut s = Session::new(templates)
        .expect("session")
        .with_clock(stamp)
        .with_recovery(recovery.clone(), "lan-1".into());
    assert_eq!(s.open(&path, OpenMode::Ask).expect("opens"), Opened::Opened);
    assert!(lock_path(&path).exists());
    let moved = crate::model::migrate::move_report(&s.doc().report, &s.doc().template, &to);
    let wrong = crate::model::Report::new(&s.doc().template);
    let err = s
        .open_moved(to.clone(), wrong, Some(path.clone()))
        .expect_err("a report of another template");
    assert!(err.text.contains("phiên bản “2021”"), "{err}");
    assert_eq!(
        s.doc().path.as_deref(),
        Some(path.as_path()),
        "nothing changed"
    );

    s.open_moved(to, moved.report, Some(path.clone()))
        .expect("opens");
    let doc = s.doc();
    assert_eq!(doc.template.version, "2025");
    assert_eq!(doc.report.template_version, "2025");
    assert_eq!(doc.report.number(&id("I.1.1")), Some(28.0));
    assert!(doc.path.is_none(), "a new report, never saved");
    assert!(doc.is_dirty(), "everything in it is unsaved");
    assert!(!doc.history.can_undo());
    assert!(!s.is_read_only());
    assert!(!lock_path(&path).exists(), "the old file is no longer held");
    assert_eq!(s.save_path(false), None, "Save asks for a name");
    assert_eq!(s.suggested_name(), "nga-nam-2021-mau-2025.phuluc.json");

    // The autosave keeps it as it keeps any report never saved.
    s.autosave_tick(0.0);
    s.autosave_tick(AUTOSAVE_DELAY_S);
    let copies = recovery.list();
    assert_eq!(copies.len(), 1);
    assert_eq!(copies[0].original, None);

    // Never over the old report's file, under any spelling of its name.
    let spelled = dir.path().join(".").join("nga-nam-2021.phuluc.json");
    let failure = s.save_to(&spelled).expect_err("the old file");
    assert!(failure.text.contains("mẫu cũ"), "{}", failure.text);
    assert_eq!(std::fs::read_to_string(&path).expect("read"), EXAMPLE_2021);
    assert!(s.doc().is_dirty());

    let new = dir.path().join(s.suggested_name());
    s.save_to(&new).expect("saved");
    assert!(!s.doc().is_dirty());
    assert!(recovery.list().is_empty(), "saved: the copy goes");
    let (back, template) = load_report(&new, s.templates()).expect("reads");
    assert_eq!(template.version, "2025");
    assert_eq!(back.number(&id("I.1.1")), Some(28.0));
    assert_eq!(std::fs::read_to_string(&path).expect("read"), EXAMPLE_2021);
}
