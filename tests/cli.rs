//! `phuluc check` and `phuluc --help` as a user runs them.

use crate::phuluc;

#[test]
fn the_example_checks_clean() {
    let out = phuluc()
        .args(["check"])
        .arg(crate::root().join("assets/examples/nga-nam-2021.phuluc.json"))
        .output()
        .expect("runs");
    crate::assert_exit(&out, 0);
    assert_eq!(String::from_utf8_lossy(&out.stdout), "");
}

#[test]
fn problems_are_printed_with_tabs_and_as_json() {
    let dir = crate::temp();
    let path = dir.path().join("xã An Hòa.phuluc.json");
    let text = std::fs::read_to_string(crate::fixture("report-v1.phuluc.json"))
        .expect("fixture")
        .replace(
            "\"I.1.1\": {\n      \"value\": 28\n    }",
            "\"I.1.1\": {\n      \"invalid\": \"28 nhiệm vụ\"\n    }",
        );
    std::fs::write(&path, text).expect("write");
    let out = phuluc().arg("check").arg(&path).output().expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).expect("utf-8");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 1, "{stdout}");
    let fields: Vec<&str> = lines[0].split('\t').collect();
    assert_eq!(fields[..2], ["error", "I.1.1"]);
    assert!(fields[2].contains("“28 nhiệm vụ”"), "{}", fields[2]);

    let out = phuluc()
        .args(["check", "--json"])
        .arg(&path)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let first = &json[0];
    assert_eq!(first["severity"], "error");
    assert_eq!(first["rule"], phuluc::rules::RULE_UNREADABLE);
    assert_eq!(first["indicators"], serde_json::json!(["I.1.1"]));
    assert!(
        first["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("I.1.1 "))
    );
}

#[test]
fn unreadable_files_exit_2_with_a_vietnamese_message() {
    let dir = crate::temp();
    let path = dir.path().join("hỏng.phuluc.json");
    std::fs::write(&path, "{ \"format\": \"phuluc-report\", ").expect("write");
    let out = phuluc().arg("check").arg(&path).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("hỏng.phuluc.json") && stderr.contains("không phải tệp báo cáo phuluc"),
        "{stderr}"
    );
    let out = phuluc()
        .args(["check", "không-có.phuluc.json"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("không tìm thấy tệp"));
}

#[test]
fn several_files_name_the_file_on_each_line() {
    let dir = crate::temp();
    let bad = dir.path().join("b.phuluc.json");
    let text = std::fs::read_to_string(crate::fixture("report-v1.phuluc.json"))
        .expect("fixture")
        .replace("\"value\": 95.83", "\"value\": 195.83");
    std::fs::write(&bad, text).expect("write");
    let out = phuluc()
        .arg("check")
        .arg(crate::fixture("report-v1.phuluc.json"))
        .arg(&bad)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).expect("utf-8");
    assert!(
        stdout.starts_with(&format!("{}\terror\tIII.6.9\t", bad.display())),
        "{stdout}"
    );
}

#[test]
fn help_is_in_vietnamese_and_english() {
    let out = phuluc().arg("--help").output().expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(
        help.contains("Kiểm tra tệp báo cáo") && help.contains("Check report files"),
        "{help}"
    );
    let out = phuluc().args(["check", "--help"]).output().expect("runs");
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(
        help.contains("--json") && help.contains("print a JSON array"),
        "{help}"
    );
}

#[test]
fn export_writes_pdf_and_xlsx_and_refuses_errors_without_draft() {
    let dir = crate::temp();
    let example = crate::root().join("assets/examples/nga-nam-2021.phuluc.json");
    for name in ["phụ lục.pdf", "phụ lục.xlsx"] {
        let out_path = dir.path().join(name);
        let out = phuluc()
            .arg("export")
            .arg(&example)
            .arg("-o")
            .arg(&out_path)
            .output()
            .expect("runs");
        crate::assert_exit(&out, 0);
        let bytes = std::fs::read(&out_path).expect("written");
        let magic: &[u8] = if name.ends_with(".pdf") {
            b"%PDF"
        } else {
            b"PK"
        };
        assert!(bytes.starts_with(magic), "{name}");
    }
    // A report with an error: refused without --draft, nothing written.
    let bad = dir.path().join("bad.phuluc.json");
    let text = std::fs::read_to_string(&example)
        .expect("read")
        .replace("\"value\": 4880", "\"value\": 6000");
    std::fs::write(&bad, text).expect("write");
    let pdf = dir.path().join("bad.pdf");
    let out = phuluc()
        .arg("export")
        .arg(&bad)
        .arg("-o")
        .arg(&pdf)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--draft"));
    assert!(!pdf.exists());
    let out = phuluc()
        .arg("export")
        .arg(&bad)
        .arg("-o")
        .arg(&pdf)
        .arg("--draft")
        .output()
        .expect("runs");
    crate::assert_exit(&out, 0);
    assert!(pdf.exists());
    // Unreadable report, unknown extension: exit 2 with a message.
    let out = phuluc()
        .args(["export", "không-có.phuluc.json", "-o", "x.pdf"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let odt = dir.path().join("x.odt");
    let out = phuluc()
        .arg("export")
        .arg(&example)
        .arg("-o")
        .arg(&odt)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains(".pdf, .docx hoặc .xlsx"));
    assert!(!odt.exists());
}
