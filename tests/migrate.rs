//! `phuluc convert`: last year's report moved onto the new form, as an officer runs it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use phuluc::model::Report;
use phuluc::store::report_file::report_from_bytes;
use phuluc::store::templates::TemplateStore;
use serde_json::json;

use crate::phuluc_at_home as phuluc;

fn example() -> PathBuf {
    crate::root().join("assets/examples/nga-nam-2021.phuluc.json")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn run(command: &mut Command) -> Output {
    command.output().expect("the program runs")
}

/// The 2021 form as version 2025 where II.1 became a yes/no row and III.7 was renumbered
/// III.8 (its rows III.8.1 …), written to `dir/mau-2025.json`.
fn form_2025(dir: &Path) -> PathBuf {
    let raw = crate::form_2025_json();
    let path = dir.join("mau-2025.json");
    std::fs::write(&path, raw.to_string()).expect("write the form");
    path
}

/// A report file read back as the program reads it, with a store that knows `form`.
fn open(path: &Path, form: Option<&Path>, store_dir: &Path) -> Report {
    let store = TemplateStore::new(Some(store_dir.to_path_buf()));
    if let Some(form) = form {
        store.import(form).expect("the form is kept");
    }
    let bytes = std::fs::read(path).expect("the new file");
    report_from_bytes(path, &bytes, &store)
        .expect("the new file opens")
        .0
}

#[test]
fn onto_the_same_form_everything_moves_and_the_status_is_0() {
    let dir = crate::temp();
    let out = dir.path().join("moi.phuluc.json");
    let result = run(phuluc(dir.path())
        .arg("convert")
        .arg(example())
        .args(["--to", "cchc-pl2-bang2:2021", "-o"])
        .arg(&out));
    let stdout = text(&result.stdout);
    assert_eq!(
        result.status.code(),
        Some(0),
        "{stdout}{}",
        text(&result.stderr)
    );
    assert!(stdout.contains("Mọi giá trị đã được chuyển."), "{stdout}");
    assert!(!stdout.contains("Không chuyển được"), "{stdout}");
    let before = open(&example(), None, &dir.path().join("store"));
    let after = open(&out, None, &dir.path().join("store"));
    assert_eq!(after, before);
}

#[test]
fn onto_a_new_form_what_did_not_move_is_still_in_the_file_and_the_status_is_1() {
    let dir = crate::temp();
    let form = form_2025(dir.path());
    let out = dir.path().join("xa-2025.phuluc.json");
    let result = run(phuluc(dir.path())
        .arg("convert")
        .arg(example())
        .arg("--to")
        .arg(&form)
        .arg("-o")
        .arg(&out));
    let stdout = text(&result.stdout);
    assert_eq!(
        result.status.code(),
        Some(1),
        "{stdout}{}",
        text(&result.stderr)
    );
    for expected in [
        "sang mẫu “Phụ lục 2, Bảng 2",
        "(cchc-pl2-bang2 2025)",
        "Chuyển theo mã chỉ tiêu: ",
        "  III.7.1 → III.8.1 Số TTHC được tích hợp lên Cổng DVC",
        "  II.1 Số VBQPPL đã ban hành: “9” — kiểu khác: số đếm → có/không; giữ trong tệp với mã “II.1 (mẫu 2021)”",
        "1 mục không chuyển được",
    ] {
        assert!(stdout.contains(expected), "{expected} in {stdout}");
    }

    let report = open(&out, Some(&form), &dir.path().join("store"));
    assert_eq!(report.template_version, "2025");
    let id = |s: &str| phuluc::model::IndicatorId::parse(s).expect("id");
    assert_eq!(report.number(&id("III.8.1")), Some(241.0));
    assert!(report.cell(&id("II.1")).is_empty());
    assert_eq!(
        report.unknown["II.1 (mẫu 2021)"],
        json!({"value": 9, "label": "Số VBQPPL đã ban hành"})
    );
    assert_eq!(report.general.unit_name, "Ủy ban nhân dân thị xã Ngã Năm");

    // The program kept the form, so its own check opens the new report and lists what
    // was kept aside.
    let check = run(phuluc(dir.path()).arg("check").arg(&out));
    let listed = text(&check.stdout);
    assert_eq!(
        check.status.code(),
        Some(0),
        "{listed}{}",
        text(&check.stderr)
    );
    assert!(
        listed
            .contains("warning\tII.1 (mẫu 2021)\tmẫu biểu 2025 không có chỉ tiêu II.1 (mẫu 2021)"),
        "{listed}"
    );
}

#[test]
fn unreadable_inputs_and_files_in_the_way_give_status_2() {
    let dir = crate::temp();
    let form = form_2025(dir.path());
    let out = dir.path().join("ra.phuluc.json");
    let convert = |input: &Path, to: &str, out: &Path, force: bool| {
        let mut command = phuluc(dir.path());
        command
            .arg("convert")
            .arg(input)
            .args(["--to", to, "-o"])
            .arg(out);
        if force {
            command.arg("--force");
        }
        let result = run(&mut command);
        (result.status.code(), text(&result.stderr))
    };
    let form = form.to_string_lossy().into_owned();

    let (code, err) = convert(&dir.path().join("khong-co.phuluc.json"), &form, &out, false);
    assert_eq!(code, Some(2));
    assert!(err.contains("không tìm thấy tệp"), "{err}");
    let broken = dir.path().join("hong.phuluc.json");
    std::fs::write(&broken, "{\"format\": \"phuluc-report\", ").expect("write");
    assert_eq!(convert(&broken, &form, &out, false).0, Some(2));
    let (code, err) = convert(&example(), "cchc-pl2-bang2:2099", &out, false);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("chưa có mẫu biểu mã “cchc-pl2-bang2” phiên bản “2099”"),
        "{err}"
    );
    let (code, err) = convert(&example(), "mau-khac.json", &out, false);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("không tìm thấy tệp mẫu biểu “mau-khac.json”"),
        "{err}"
    );
    assert!(
        !out.exists(),
        "nothing written when an input cannot be read"
    );

    // An existing file is not overwritten without --force; the report being moved neither.
    std::fs::write(&out, "giữ nguyên").expect("write");
    let (code, err) = convert(&example(), &form, &out, false);
    assert_eq!(code, Some(2));
    assert!(err.contains("đã có") && err.contains("--force"), "{err}");
    assert_eq!(std::fs::read_to_string(&out).expect("read"), "giữ nguyên");
    let copy = dir.path().join("cu.phuluc.json");
    std::fs::copy(example(), &copy).expect("copy");
    let (code, err) = convert(&copy, &form, &copy, false);
    assert_eq!(code, Some(2));
    assert!(err.contains("chính báo cáo đang đọc"), "{err}");
    assert_eq!(
        std::fs::read(&copy).expect("read"),
        std::fs::read(example()).expect("read")
    );

    // With --force it is written, and what it replaced is kept beside it.
    assert_eq!(convert(&example(), &form, &out, true).0, Some(1));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("ra.phuluc.json.bak")).expect("backup"),
        "giữ nguyên"
    );
    let report = open(&out, Some(Path::new(&form)), &dir.path().join("store"));
    assert_eq!(report.template_version, "2025");
}
