//! Report files: round trip, old versions, refusals that leave the file untouched, atomic save.

use std::io::Write;

use phuluc::model::IndicatorId;
use phuluc::store::atomic::{backup_path, save_atomic};
use phuluc::store::templates::TemplateStore;
use phuluc::store::{load_report, report_to_json, save_report};

/// Set to a report's path, [`save_loop_child`] saves that report over and over.
const SAVE_LOOP_VAR: &str = "PHULUC_SAVE_LOOP";
/// The line [`save_loop_child`] prints after each completed save.
const SAVED_LINE: &str = "phuluc-save-loop: saved";

#[test]
fn every_released_format_version_still_loads() {
    // One fixture per released report format version; add the next one here when
    // the format changes.
    const RELEASED: &[&str] = &[
        "report-v1.phuluc.json",
        "report-v2.phuluc.json",
        "report-v3.phuluc.json",
    ];
    let iii_6_1 = IndicatorId::parse("III.6.1").expect("id");
    for fixture in RELEASED {
        let (report, template) =
            load_report(&crate::fixture(fixture), &TemplateStore::builtin_only())
                .unwrap_or_else(|e| panic!("{fixture}: {e}"));
        assert_eq!(template.version, "2021");
        // Version 3's file is 2022's report started from 2021's: 2021 is last year there.
        let number = match &report.previous {
            Some(last) => last.number(&iii_6_1),
            None => report.number(&iii_6_1),
        };
        assert_eq!(number, Some(5068.0), "{fixture}");
    }
    let (v3, _) = load_report(
        &crate::fixture("report-v3.phuluc.json"),
        &TemplateStore::builtin_only(),
    )
    .expect("v3");
    assert_eq!(v3.general.year(), Some(2022));
    assert_eq!(v3.previous.map(|p| p.year), Some(Some(2021)));
}

#[test]
fn round_trip_is_lossless() {
    round_trip("report-v1.phuluc.json");
    round_trip("report-v3.phuluc.json");
}

fn round_trip(fixture: &str) {
    let store = TemplateStore::builtin_only();
    let (report, _) = load_report(&crate::fixture(fixture), &store).expect("loads");
    let dir = crate::temp();
    let path = dir.path().join("Báo cáo 2021.phuluc.json");
    save_report(&path, &report).expect("saves");
    let (again, _) = load_report(&path, &store).expect("reloads");
    assert_eq!(again, report);
    // and the text is stable: saving what was loaded gives the same bytes
    assert_eq!(
        report_to_json(&again).expect("encodes"),
        std::fs::read_to_string(&path).expect("read")
    );
    save_report(&path, &again).expect("saves again");
    assert!(backup_path(&path).exists());
}

#[test]
fn refused_files_are_left_byte_identical() {
    let store = TemplateStore::builtin_only();
    let dir = crate::temp();
    let cases: [(&str, &[u8]); 5] = [
        ("corrupt.phuluc.json", b"{\"format\": \"phuluc-report\", \"values\": {"),
        ("foreign.json", b"{\"name\": \"package\", \"version\": \"1.0.0\"}"),
        ("newer.phuluc.json", b"{\"format\": \"phuluc-report\", \"format_version\": 7, \"values\": {}}"),
        ("other-template.phuluc.json", b"{\"format\": \"phuluc-report\", \"format_version\": 1, \"template\": {\"id\": \"mau-khac\", \"version\": \"2030\"}}"),
        ("binary.phuluc.json", b"\x00\x01\x02\xff"),
    ];
    for (name, bytes) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).expect("write");
        let err = load_report(&path, &store).expect_err(name);
        assert!(err.to_string().contains(name), "{err}");
        assert_eq!(
            std::fs::read(&path).expect("read"),
            bytes,
            "{name} was changed"
        );
        assert!(!backup_path(&path).exists());
    }
}

/// Kill a process that saves the same report over and over, many times, at odd moments:
/// the file on disk is always one complete version or the other, never a torn one.
///
/// The process is this test binary again, running only [`save_loop_child`]. Each round
/// waits until the child has completed a save before killing it, so a slow start-up
/// cannot make every kill land before the first save.
#[test]
fn a_kill_in_the_middle_of_saving_never_leaves_a_broken_file() {
    const MIN_ROUNDS: u64 = 30;
    const MAX_ROUNDS: u64 = 300;
    let dir = crate::temp();
    let path = dir.path().join("Báo cáo đang lưu.phuluc.json");
    std::fs::copy(crate::fixture("report-v2.phuluc.json"), &path).expect("copy");
    let store = TemplateStore::builtin_only();
    let id = IndicatorId::parse("I.1.1").expect("id");
    let mut seen = std::collections::BTreeSet::new();
    let mut round = 0;
    while round < MIN_ROUNDS || seen.len() < 2 {
        assert!(
            round < MAX_ROUNDS,
            "after {round} rounds only {seen:?} was ever on disk"
        );
        // Odd, changing delays after a completed save, so the kill lands at different
        // points of the next saves.
        let delay = std::time::Duration::from_micros(300 + (round * 7919) % 25_000);
        kill_while_saving(&path, delay, round);
        let (report, _) = load_report(&path, &store)
            .unwrap_or_else(|e| panic!("round {round}: the file is broken after a kill: {e}"));
        let value = report.number(&id).expect("I.1.1 present");
        assert!(value == 28.0 || value == 29.0, "round {round}: {value}");
        seen.insert(value as u32);
        // The rest of the report is intact.
        assert_eq!(
            report.number(&IndicatorId::parse("III.6.6").expect("id")),
            Some(48716.0)
        );
        round += 1;
    }
}

/// Start [`save_loop_child`] on `path`, wait (at most 10 s) until it has completed one
/// save, wait `delay` more, then kill it.
fn kill_while_saving(path: &std::path::Path, delay: std::time::Duration, round: u64) {
    use std::io::BufRead;
    use std::process::{Command, Stdio};
    let mut child = Command::new(std::env::current_exe().expect("the test binary"))
        .args([
            "--exact",
            "files::save_loop_child",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(SAVE_LOOP_VAR, path)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("starts");
    let stdout = child.stdout.take().expect("piped");
    let (saved, saves) = std::sync::mpsc::channel();
    // Drains the pipe so the child never blocks on it; ends when the child is gone.
    let reader = std::thread::spawn(move || {
        for line in std::io::BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if line.starts_with(SAVED_LINE) {
                let _ = saved.send(());
            }
        }
    });
    let first = saves.recv_timeout(std::time::Duration::from_secs(10));
    if first.is_ok() {
        std::thread::sleep(delay);
    }
    child.kill().expect("kill");
    child.wait().expect("wait");
    reader.join().expect("reader");
    assert!(
        first.is_ok(),
        "round {round}: the saving process completed no save within 10 s ({first:?})"
    );
}

/// Not a test on its own: the process [`a_kill_in_the_middle_of_saving_never_leaves_a_broken_file`]
/// kills. Without [`SAVE_LOOP_VAR`] it returns at once. With it, it saves that report
/// until killed, I.1.1 alternating between 28 and 29 starting from the value not on
/// disk (so the first save changes the file), printing [`SAVED_LINE`] after each save.
#[test]
fn save_loop_child() {
    let Some(path) = std::env::var_os(SAVE_LOOP_VAR) else {
        return;
    };
    let path = std::path::PathBuf::from(path);
    let (mut report, template) =
        load_report(&path, &TemplateStore::builtin_only()).expect("the report loads");
    let id = IndicatorId::parse("I.1.1").expect("id");
    let first = if report.number(&id) == Some(28.0) {
        "29"
    } else {
        "28"
    };
    let second = if first == "28" { "29" } else { "28" };
    let mut out = std::io::stdout();
    loop {
        for value in [first, second] {
            report.set_text(&template, &id, value).expect("a count");
            save_report(&path, &report).expect("saves");
            writeln!(out, "{SAVED_LINE} {value}").expect("the test reads this");
        }
    }
}

/// Broken and hostile files: each gives a clear message naming the file, or loads with
/// nothing lost; none panics, hangs or is written to.
#[test]
fn hostile_files_give_clear_messages_and_stay_untouched() {
    let store = TemplateStore::builtin_only();
    let dir = crate::temp();
    let good = std::fs::read_to_string(crate::fixture("report-v2.phuluc.json")).expect("fixture");
    let head = r#""format": "phuluc-report", "format_version": 2, "template": {"id": "cchc-pl2-bang2", "version": "2021"}"#;
    let megabytes = "x".repeat(3_000_000);
    let refused: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty.phuluc.json", Vec::new(), "tệp rỗng"),
        ("truncated.phuluc.json", good.as_bytes()[..good.len() / 2].to_vec(), "không phải JSON"),
        ("latin1.phuluc.json", b"{\"format\": \"phuluc-report\", \"x\": \"Ng\xe3 N\xe3m\"}".to_vec(), "UTF-8"),
        ("shape.phuluc.json", format!("{{{head}, \"values\": [1, 2]}}").into_bytes(), "“values”"),
        ("general.phuluc.json", format!("{{{head}, \"general\": {{\"level\": \"trung_uong\"}}}}").into_bytes(), "\"xa\", \"huyen\" hoặc \"tinh\""),
        (
            "duplicate.phuluc.json",
            format!("{{{head}, \"values\": {{\"I.1.1\": {{\"value\": 28}}, \"I.1.1\": {{\"value\": 29}}}}}}").into_bytes(),
            "“I.1.1” xuất hiện hai lần",
        ),
        (
            "megabytes.phuluc.json",
            format!("{{{head}, \"values\": {{\"I.3.4\": {{\"value\": \"{megabytes}\"}}}}}}").into_bytes(),
            "dài hơn",
        ),
        ("nested.phuluc.json", format!("{{{head}, \"values\": {}", "[".repeat(100_000)).into_bytes(), "không phải JSON"),
    ];
    for (name, bytes, expected) in &refused {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).expect("write");
        let message = load_report(&path, &store).expect_err(name).to_string();
        assert!(
            message.contains(name) && message.contains(expected),
            "{name}: {message}"
        );
        assert_eq!(
            &std::fs::read(&path).expect("read"),
            bytes,
            "{name} was changed"
        );
    }
    // 100 MB: refused from its size, without reading it.
    let huge = dir.path().join("huge.phuluc.json");
    std::fs::File::create(&huge)
        .and_then(|f| f.set_len(100 * 1024 * 1024))
        .expect("sparse file");
    let message = load_report(&huge, &store).expect_err("huge").to_string();
    assert!(message.contains("quá lớn"), "{message}");

    // Loaded, nothing lost: a BOM; unknown ids and ids of another template; numbers too
    // large for their kind.
    let path = dir.path().join("odd.phuluc.json");
    let text = format!(
        "\u{feff}{{{head}, \"values\": {{\"VIII.1\": {{\"value\": 3}}, \"III.6.1\": {{\"value\": 1e300}}, \"I.1.1\": {{\"value\": 28}}}}}}"
    );
    std::fs::write(&path, &text).expect("write");
    let (report, template) = load_report(&path, &store).expect("loads");
    assert!(report.unknown.contains_key("VIII.1"));
    assert!(matches!(
        report.cell(&IndicatorId::parse("III.6.1").expect("id")),
        phuluc::model::Cell::Invalid(_)
    ));
    let findings = phuluc::rules::evaluate(&template, &report);
    assert!(findings.iter().any(|f| f.indicators == ["VIII.1"]));
    assert!(
        findings
            .iter()
            .any(|f| f.indicators == ["III.6.1"] && f.severity == phuluc::rules::Severity::Error)
    );
    // Written back, the unknown entry is still there.
    assert!(
        report_to_json(&report)
            .expect("encodes")
            .contains("\"VIII.1\"")
    );
}

/// A full disk and a read-only disk (a USB stick switched to read-only, a share without
/// write rights): the save fails with a clear message, the old file stays whole and no
/// temporary file is left. Needs root to mount a small tmpfs (CI runs as root); elsewhere
/// it says it was skipped.
#[test]
fn a_full_or_read_only_disk_gives_a_clear_message_and_keeps_the_old_file() {
    use phuluc::store::atomic::SaveError;
    use std::process::Command;
    let root = Command::new("id")
        .arg("-u")
        .output()
        .map(|o| o.stdout == b"0\n")
        .unwrap_or(false);
    if !root {
        skipped("mounting a small tmpfs needs root");
        return;
    }
    struct Mounted(std::path::PathBuf);
    impl Drop for Mounted {
        fn drop(&mut self) {
            let _ = Command::new("umount").arg(&self.0).status();
        }
    }
    let dir = crate::temp();
    let usb = dir.path().join("USB của xã");
    std::fs::create_dir(&usb).expect("mkdir");
    let ok = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=16k", "tmpfs"])
        .arg(&usb)
        .stderr(std::process::Stdio::null())
        .status()
        .expect("mount runs");
    if !ok.success() {
        // A container without the right to mount: say so rather than pretend.
        skipped("this machine does not allow mounting a tmpfs");
        return;
    }
    let _mounted = Mounted(usb.clone());
    let path = usb.join("Báo cáo 2025.phuluc.json");
    let old = b"{\"old\": true}".to_vec();
    std::fs::write(&path, &old).expect("small old file");
    let big = vec![b' '; 64 * 1024];
    let err = save_atomic(&path, &big).expect_err("disk full");
    assert!(matches!(err, SaveError::DiskFull { .. }), "{err:?}");
    assert!(err.to_string().contains("ổ đĩa đã đầy"), "{err}");
    assert_eq!(
        std::fs::read(&path).expect("read"),
        old,
        "the old file is whole"
    );
    let leftovers: Vec<_> = std::fs::read_dir(&usb)
        .expect("list")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "temporary file left behind");

    let ok = Command::new("mount")
        .args(["-o", "remount,ro"])
        .arg(&usb)
        .status()
        .expect("remount");
    assert!(ok.success());
    let err = save_atomic(&path, b"{}").expect_err("read-only");
    assert!(matches!(err, SaveError::Denied { .. }), "{err:?}");
    assert!(err.to_string().contains("không có quyền ghi"), "{err}");
    assert_eq!(std::fs::read(&path).expect("read"), old);
}

/// Say that the disk test did not run, where `cargo test` shows it: libtest captures
/// `eprintln!` of a passing test, but not writes to the stderr handle itself.
fn skipped(why: &str) {
    let _ = writeln!(
        std::io::stderr(),
        "files::a_full_or_read_only_disk_gives_a_clear_message_and_keeps_the_old_file: \
         SKIPPED, {why}; it did not test anything here"
    );
}
