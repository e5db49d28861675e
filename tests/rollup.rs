//! `phuluc rollup` as a province officer runs it on a folder of communes' files.

use std::path::Path;

use calamine::{Data, Reader, Xlsx, open_workbook};

use crate::phuluc;

/// A folder of units made from the example: `names` with `III.6.6` each, in subfolders.
fn folder(dir: &Path, units: &[(&str, &str, u32)]) {
    let example =
        std::fs::read_to_string(crate::root().join("assets/examples/nga-nam-2021.phuluc.json"))
            .expect("example");
    for (file, name, received) in units {
        let text = example
            .replace("Ủy ban nhân dân thị xã Ngã Năm", name)
            .replace("\"value\": 48716", &format!("\"value\": {received}"))
            .replace("\"value\": 48707", &format!("\"value\": {received}"));
        let path = dir.join(file);
        std::fs::create_dir_all(path.parent().expect("folder")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }
}

#[test]
fn a_folder_is_combined_as_json_with_the_shape_scripts_rely_on() {
    let dir = crate::temp();
    folder(
        dir.path(),
        &[
            ("huyen-a/a.phuluc.json", "UBND huyện A", 100),
            ("huyen-b/b.phuluc.json", "UBND huyện B", 300),
            ("c.phuluc.json", "UBND huyện C", 600),
        ],
    );
    std::fs::write(dir.path().join("ghi-chu.txt"), "không phải báo cáo").expect("write");
    let out = phuluc()
        .args(["rollup", "--json"])
        .arg(dir.path())
        .output()
        .expect("runs");
    crate::assert_exit(&out, 0);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(json["template"]["id"], "cchc-pl2-bang2");
    assert_eq!(json["year"], 2021);
    assert_eq!(json["units"].as_array().map(Vec::len), Some(3));
    assert_eq!(json["units"][0]["unit_name"], "UBND huyện C");
    assert_eq!(json["units"][0]["level"], "huyen");
    assert_eq!(json["units"][0]["errors"], 0);
    assert_eq!(json["left_out"], serde_json::json!([]));
    assert_eq!(
        json["rows"]["III.6.6"],
        serde_json::json!({"total": 1000, "reporting": 3})
    );
    assert_eq!(json["rows"]["III.6.8"]["reporting"], 3);
    assert_eq!(
        json["rows"]["I.6"],
        serde_json::json!({"yes": 0, "no": 3, "reporting": 3})
    );
    assert_eq!(
        json["rows"]["I.5.2"],
        serde_json::json!({"codes": {"1": 3}, "reporting": 3})
    );
    assert_eq!(
        json["rows"]["I.1"],
        serde_json::json!({"filled": 3, "reporting": 3})
    );
}

#[test]
fn a_file_left_out_gives_status_1_and_nothing_readable_status_2() {
    let dir = crate::temp();
    folder(
        dir.path(),
        &[
            ("a.phuluc.json", "UBND huyện A", 100),
            ("b.phuluc.json", "UBND huyện A", 300),
        ],
    );
    let out = phuluc()
        .arg("rollup")
        .arg(dir.path())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("b.phuluc.json") && stderr.contains("trùng đơn vị"),
        "{stderr}"
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.starts_with("Tổng hợp 1 đơn vị, năm 2021"),
        "{stdout}"
    );
    assert!(stdout.contains("III.6.6\t100\t1"), "{stdout}");

    let empty = crate::temp();
    let out = phuluc()
        .arg("rollup")
        .arg(empty.path())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("không tìm thấy tệp .phuluc.json"));
}

#[test]
fn the_workbook_has_a_column_per_unit_and_a_status_sheet_and_the_pdf_prints() {
    let dir = crate::temp();
    let input = dir.path().join("vao");
    folder(
        &input,
        &[
            ("a.phuluc.json", "UBND huyện A", 100),
            ("b.phuluc.json", "UBND huyện B", 300),
        ],
    );
    let xlsx = dir.path().join("tong-hop.xlsx");
    let out = phuluc()
        .arg("rollup")
        .arg(&input)
        .arg("-o")
        .arg(&xlsx)
        .output()
        .expect("runs");
    crate::assert_exit(&out, 0);
    let mut book: Xlsx<_> = open_workbook(&xlsx).expect("opens");
    let sheet = book.worksheet_range("Tổng hợp").expect("sheet");
    let header: Vec<String> = sheet
        .rows()
        .next()
        .expect("header")
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        header,
        [
            "Stt",
            "Chỉ tiêu thống kê",
            "Đơn vị tính",
            "Tổng hợp",
            "Số đơn vị báo cáo",
            "UBND huyện A",
            "UBND huyện B"
        ]
    );
    let row = sheet
        .rows()
        .find(|r| {
            r[1].to_string()
                .starts_with("Số hồ sơ TTHC do UBND cấp xã tiếp nhận")
        })
        .expect("III.6.6");
    assert_eq!(row[3], Data::Float(400.0));
    assert_eq!(row[4], Data::Float(2.0));
    assert_eq!(row[5], Data::Float(100.0));
    assert_eq!(row[6], Data::Float(300.0));
    let status = book.worksheet_range("Tình trạng").expect("status");
    assert_eq!(status.rows().count(), 3);

    let pdf = dir.path().join("tong-hop.pdf");
    let out = phuluc()
        .arg("rollup")
        .arg(&input)
        .args(["-o"])
        .arg(&pdf)
        .args(["--unit", "Ủy ban nhân dân tỉnh Sóc Trăng"])
        .output()
        .expect("runs");
    crate::assert_exit(&out, 0);
    let text = crate::poppler::poppler("pdftotext", &[], &pdf);
    assert!(
        text.contains("ỦY BAN NHÂN DÂN TỈNH SÓC TRĂNG") || text.contains("UBND TỈNH SÓC TRĂNG"),
        "{text}"
    );
    assert!(text.contains("Có: 0 · Không: 2"), "{text}");
}

#[test]
fn the_window_combines_three_files_and_lists_each_units_value_of_a_total() {
    use egui_kittest::kittest::Queryable as _;
    let dir = crate::temp();
    folder(
        dir.path(),
        &[
            ("a.phuluc.json", "UBND huyện A", 100),
            ("b.phuluc.json", "UBND huyện B", 300),
            ("c.phuluc.json", "UBND huyện C", 6000),
        ],
    );
    let files: Vec<_> = ["a", "b", "c"]
        .iter()
        .map(|n| dir.path().join(format!("{n}.phuluc.json")))
        .collect();
    let app = phuluc::gui::PhulucApp::new(
        phuluc::store::templates::TemplateStore::builtin_only(),
        phuluc::gui::app::Settings::default(),
    )
    .expect("app");
    // Tall enough that the whole form is drawn (the table draws only what is visible).
    let mut h = crate::ui::harness_sized(app, 9000.0);
    h.state_mut()
        .send(phuluc::gui::command::Command::Rollup(files));
    // The files are read on another thread while a progress window shows.
    h.step();
    for _ in 0..500 {
        if h.state().combining.is_none() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
        h.step();
    }
    assert!(h.state().combining.is_none(), "the roll-up never finished");
    h.run();
    assert!(
        h.query_by_label_contains("Tổng hợp 3 đơn vị · năm 2021")
            .is_some()
    );
    let total = h.get_by_label("Tổng hợp III.6.6: 6.400");
    total.click();
    h.run();
    for (unit, value) in [
        ("UBND huyện A", "100"),
        ("UBND huyện B", "300"),
        ("⚠ UBND huyện C", "6.000"),
    ] {
        assert!(h.query_by_label(unit).is_some(), "{unit}");
        assert!(h.query_by_label(value).is_some(), "{unit}: {value}");
    }
    // C is far from the others and marked so; A and B are not.
    assert!(
        h.query_by_label_contains("1 đơn vị có giá trị khác xa")
            .is_some()
    );
    h.get_by_label("Đóng tổng hợp").click();
    h.run();
    assert!(h.state().rollup.is_none());
}
