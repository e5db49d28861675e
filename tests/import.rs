//! `phuluc import` and `model::import_values`: last year's filled appendix (Word, Excel,
//! the real pasted source) read back into a report, value by value, with its exit codes.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use phuluc::import::read_table;
use phuluc::model::import_values::{Imported, import_values};
use phuluc::model::{Cell, Entry, IndicatorId, Level, Report, Template};
use phuluc::store::load_report;
use phuluc::store::report_file::report_from_bytes;
use phuluc::store::templates::TemplateStore;

use crate::form_files::{
    escape, form_rows, form_table_xml, html_of, w_cell, w_paragraph, write_xlsx, zip_docx,
};

use crate::phuluc_at_home as phuluc;

fn run(command: &mut Command) -> Output {
    command.output().expect("the program runs")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn builtin() -> Template {
    Template::builtin().expect("built-in template")
}

/// The Ngã Năm example, as the repository ships it.
fn example() -> Report {
    let bytes = std::fs::read(crate::root().join("assets/examples/nga-nam-2021.phuluc.json"))
        .expect("example");
    report_from_bytes(Path::new("example"), &bytes, &TemplateStore::builtin_only())
        .expect("the example loads")
        .0
}

fn import_file(path: &Path) -> Imported {
    let grid = read_table(path).expect("the table reads");
    import_values(&grid, &builtin()).expect("imports")
}

/// Every value, document and note of the example is in `got`, cell by cell, and nothing
/// else; every row of the table found its indicator.
fn assert_same_entries(imported: &Imported) {
    let want = example();
    let got = &imported.report;
    let mut compared = 0;
    for row in builtin().rows() {
        assert_eq!(got.entry(&row.id), want.entry(&row.id), "{}", row.id);
        compared += usize::from(want.entry(&row.id).is_some());
    }
    assert_eq!(compared, 141);
    assert_eq!(got.entries().count(), 141);
    assert!(got.unknown.is_empty(), "{:?}", got.unknown);
    let s = &imported.summary;
    assert_eq!((s.rows_matched(), s.file_rows), (182, 182));
    assert!(s.unplaced.is_empty(), "{:?}", s.unplaced);
    assert!(s.doubtful.is_empty(), "{:?}", s.doubtful);
}

/// The example's general information, without what a printed appendix does not show.
fn example_general_without(fields: &[&str]) -> phuluc::model::GeneralInfo {
    let mut g = example().general;
    for field in fields {
        match *field {
            "communes" => g.communes.clear(),
            "prepared" => {
                g.prepared_by.clear();
                g.prepared_title.clear();
                g.contact.clear();
            }
            other => panic!("no field {other}"),
        }
    }
    g
}

/// A Word document as an office keeps its appendix: the unit at the top left in a
/// letterhead table beside the motto, the heading, title and "Kèm theo" line, the form's
/// table filled with the example, the signature block as a table under it.
fn write_filled_docx(path: &Path) {
    let mut body = String::new();
    body.push_str("<w:tbl>");
    body.push_str(&format!(
        "<w:tr>{}{}</w:tr>",
        w_cell("", &["ỦY BAN NHÂN DÂN".into(), "THỊ XÃ NGÃ NĂM".into()]),
        w_cell("", &["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM".into()])
    ));
    body.push_str(&format!(
        "<w:tr>{}{}</w:tr>",
        w_cell("", &["TỈNH SÓC TRĂNG".into()]),
        w_cell("", &["Độc lập - Tự do - Hạnh phúc".into()])
    ));
    body.push_str("</w:tbl>");
    for line in [
        "PHỤ LỤC 2, BẢNG 2",
        "THỐNG KÊ SỐ LIỆU VÀ KẾT QUẢ THỰC HIỆN CÔNG TÁC CẢI CÁCH HÀNH CHÍNH NĂM 2021",
        "(Kèm theo Báo cáo số 411/BC-UBND ngày 16 tháng 12 năm 2021 của UBND thị xã Ngã Năm)",
    ] {
        body.push_str(&w_paragraph(&escape(line)));
    }
    body.push_str(&form_table_xml(&form_rows(true)));
    let cell = |lines: &[&str]| {
        w_cell(
            "",
            &lines.iter().map(|l| escape(l)).collect::<Vec<String>>(),
        )
    };
    body.push_str(&format!(
        "<w:tbl><w:tr>{}{}</w:tr></w:tbl>",
        cell(&[
            "NGƯỜI LẬP BIỂU",
            "(Ký, ghi rõ họ tên)",
            "Nguyễn Tấn Kiệt",
            "Phó Trưởng phòng Nội vụ",
            "Điện thoại: 0937461368",
        ]),
        cell(&[
            "TM. ỦY BAN NHÂN DÂN",
            "CHỦ TỊCH",
            "(Ký tên, đóng dấu)",
            "Kim Thái Phong",
        ])
    ));
    zip_docx(path, &body);
}

#[test]
fn the_example_comes_back_from_a_word_table() {
    let dir = crate::temp();
    let path = dir.path().join("phu-luc-2021.docx");
    write_filled_docx(&path);
    let imported = import_file(&path);
    assert_same_entries(&imported);
    assert_eq!(
        imported.report.general,
        example_general_without(&["communes"])
    );
    assert_eq!(
        imported.report.template_version, "2021",
        "made on the template it was read with"
    );
}

#[test]
fn the_example_comes_back_from_an_excel_sheet() {
    let dir = crate::temp();
    let path = dir.path().join("phu-luc-2021.xlsx");
    write_xlsx(&path, &form_rows(true));
    let imported = import_file(&path);
    assert_same_entries(&imported);
    assert_eq!(imported.report.general.year(), Some(2021));
}

#[test]
fn the_example_comes_back_from_the_excel_file_the_program_exports() {
    let dir = crate::temp();
    let path = dir.path().join("xuat.xlsx");
    phuluc::export_file::write(
        &builtin(),
        &example(),
        phuluc::export_file::Layout::default(),
        phuluc::export_file::Format::Xlsx,
        &path,
    )
    .expect("exports");
    let imported = import_file(&path);
    assert_same_entries(&imported);
    // The workbook prints who prepared it under the table, as the PDF does.
    assert_eq!(
        imported.report.general,
        example_general_without(&["communes"])
    );
}

#[test]
fn a_communes_export_comes_back_without_what_does_not_apply_to_it() {
    let mut commune = example();
    commune.general.level = Some(Level::Xa);
    commune.general.unit_name = "Ủy ban nhân dân xã An Hòa".to_owned();
    let dir = crate::temp();
    let path = dir.path().join("xa.xlsx");
    phuluc::export_file::write(
        &builtin(),
        &commune,
        phuluc::export_file::Layout::default(),
        phuluc::export_file::Format::Xlsx,
        &path,
    )
    .expect("exports");
    let imported = import_file(&path);
    let mut crossed = 0;
    for row in builtin().rows() {
        // Rows for districts only are printed "x" (their notes still printed).
        let applies = row.applies_to(Some(Level::Xa));
        crossed += usize::from(!applies && row.kind.is_some());
        let want = commune
            .entry(&row.id)
            .map(|e| Entry {
                cell: if applies { e.cell.clone() } else { Cell::Empty },
                note: e.note.clone(),
            })
            .filter(|e| !e.is_blank());
        assert_eq!(imported.report.entry(&row.id), want.as_ref(), "{}", row.id);
    }
    assert!(crossed > 30, "{crossed}");
    let s = &imported.summary;
    assert!(s.doubtful.is_empty() && s.unplaced.is_empty(), "{s:?}");
    assert_eq!(imported.report.general.level, Some(Level::Xa));
    assert_eq!(
        imported.report.general.unit_name,
        "Ủy ban nhân dân xã An Hòa"
    );
}

#[test]
fn the_example_comes_back_from_a_table_copied_as_html() {
    let dir = crate::temp();
    let path = dir.path().join("phu-luc.html");
    std::fs::write(&path, html_of(&form_rows(true))).expect("write");
    assert_same_entries(&import_file(&path));
}

#[test]
fn the_real_source_imports_with_its_values() {
    let imported = import_file(&crate::fixture("source-appendix-2021.txt"));
    // The example was typed from this source: every value and note is the same,
    // explanations glued to numbers now in Ghi chú, sentences in Có/Không cells too.
    let want = example();
    for row in builtin().rows() {
        assert_eq!(
            imported.report.entry(&row.id),
            want.entry(&row.id),
            "{}",
            row.id
        );
    }
    let s = &imported.summary;
    let ids = |list: &[phuluc::model::import_values::CellRemark]| -> Vec<String> {
        list.iter().map(|c| c.id.to_string()).collect()
    };
    assert_eq!(ids(&s.moved), ["I.3.2", "I.3.3", "III.2.4", "IV.1.2"]);
    assert_eq!(ids(&s.doubtful), ["V.1.1", "V.1.2"]);
    assert_eq!((s.rows_matched(), s.file_rows, s.values), (182, 182, 139));
    assert!(s.unplaced.is_empty(), "{:?}", s.unplaced);
    let g = &imported.report.general;
    assert_eq!(
        g.unit_name, "Ủy ban nhân dân thị xã Nghã Năm",
        "as the source writes it"
    );
    assert_eq!(g.province, "Tỉnh Sóc Trăng");
    assert_eq!(g.level, Some(Level::Huyen));
    assert_eq!(g.year(), Some(2021));
    assert_eq!(
        (g.report_number.as_str(), g.report_date.as_str()),
        ("411", "16/12/2021")
    );
}

/// A commune's filled table with a row the form does not have, and a value in a heading row.
fn commune_table(dir: &Path) -> PathBuf {
    let path = dir.join("xa-an-hoa.tsv");
    std::fs::write(
        &path,
        "ỦY BAN NHÂN DÂN XÃ AN HÒA\n\
         THỐNG KÊ SỐ LIỆU VÀ KẾT QUẢ THỰC HIỆN CÔNG TÁC CẢI CÁCH HÀNH CHÍNH NĂM 2024\n\
         Stt\tChỉ tiêu thống kê\tĐơn vị tính\tNội dung\tGhi chú\n\
         I\tCông tác chỉ đạo điều hành CCHC\t\t\t\n\
         1\tKế hoạch CCHC\t\tKế hoạch số 05/KH-UBND ngày 10-01-2024\t\n\
         \tSố nhiệm vụ đề ra trong kế hoạch\tNhiệm vụ\t1.200\t\n\
         \tSố nhiệm vụ đã hoàn thành\tNhiệm vụ\t26\tcòn lại chuyển năm sau\n\
         \tSố cán bộ được khen thưởng\tNgười\t7\ttheo Quyết định 12\n\
         4\tThực hiện nhiệm vụ UBND tỉnh giao\t\t9\t\n",
    )
    .expect("write");
    path
}

#[test]
fn lines_that_match_no_indicator_are_kept_in_the_file_and_listed_by_check() {
    let home = crate::temp();
    let dir = crate::temp();
    let input = commune_table(dir.path());
    let output = dir.path().join("an-hoa-2024.phuluc.json");
    let out = run(phuluc(home.path())
        .arg("import")
        .arg(&input)
        .arg("-o")
        .arg(&output));
    let said = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{said}");
    assert!(
        said.contains("Hàng khớp với chỉ tiêu của mẫu: 5 trên 6 dòng"),
        "{said}"
    );
    assert!(
        said.contains("dòng 8 “Số cán bộ được khen thưởng”"),
        "{said}"
    );
    assert!(
        said.contains("giữ trong báo cáo với mã “nhap:dòng 8”"),
        "{said}"
    );
    assert!(said.contains("dòng 9 (Stt 4)"), "{said}");
    let (report, _) = load_report(&output, &TemplateStore::builtin_only()).expect("loads");
    let keys: Vec<&String> = report.unknown.keys().collect();
    assert_eq!(keys, ["nhap:dòng 8", "nhap:dòng 9"]);
    assert_eq!(
        report.unknown["nhap:dòng 8"]["value"], "7",
        "the value as written"
    );
    assert_eq!(report.unknown["nhap:dòng 8"]["note"], "theo Quyết định 12");
    assert_eq!(report.general.level, Some(Level::Xa));
    assert_eq!(report.general.year(), Some(2024));
    let id = |s: &str| IndicatorId::parse(s).expect("id");
    assert_eq!(report.number(&id("I.1.1")), Some(1200.0));
    assert_eq!(
        report.entry(&id("I.1.2")).map(|e| e.note.as_str()),
        Some("còn lại chuyển năm sau")
    );
    let check = run(phuluc(home.path()).arg("check").arg(&output));
    let listed = String::from_utf8_lossy(&check.stdout);
    assert!(listed.contains("nhap:dòng 8"), "{listed}");
    assert!(listed.contains("nhap:dòng 9"), "{listed}");
}

#[test]
fn exit_codes_force_and_dry_run() {
    let home = crate::temp();
    let dir = crate::temp();
    let source = crate::fixture("source-appendix-2021.txt");
    let output = dir.path().join("nga-nam.phuluc.json");
    // A dry run reads and says, and writes nothing.
    let out = run(phuluc(home.path())
        .arg("import")
        .arg(&source)
        .arg("-o")
        .arg(&output)
        .arg("--dry-run"));
    let said = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{said}");
    assert!(said.contains("chạy thử, không ghi tệp nào"), "{said}");
    assert!(
        said.contains("Hàng khớp với chỉ tiêu của mẫu: 182 trên 182"),
        "{said}"
    );
    assert!(!output.exists());
    assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 0);
    // Written, with the template named by id and version.
    let out = run(phuluc(home.path())
        .arg("import")
        .arg(&source)
        .args(["--template", "cchc-pl2-bang2:2021", "-o"])
        .arg(&output));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let written = std::fs::read(&output).expect("written");
    assert!(load_report(&output, &TemplateStore::builtin_only()).is_ok());
    // Not over an existing file without --force.
    let out = run(phuluc(home.path())
        .arg("import")
        .arg(&source)
        .arg("-o")
        .arg(&output));
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("đã có"), "{}", stderr(&out));
    assert_eq!(std::fs::read(&output).expect("kept"), written);
    let out = run(phuluc(home.path())
        .arg("import")
        .arg(&source)
        .arg("-o")
        .arg(&output)
        .arg("--force"));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // Never over the table being read.
    let copy = dir.path().join("bang.tsv");
    std::fs::copy(&source, &copy).expect("copy");
    let out = run(phuluc(home.path())
        .arg("import")
        .arg(&copy)
        .arg("-o")
        .arg(&copy)
        .arg("--force"));
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        std::fs::read(&copy).expect("kept"),
        std::fs::read(&source).expect("source")
    );
}

#[test]
fn a_file_that_cannot_be_read_exits_2_and_writes_nothing() {
    let home = crate::temp();
    let dir = crate::temp();
    let output = dir.path().join("ra.phuluc.json");
    let broken = dir.path().join("hong.docx");
    std::fs::write(&broken, "đây là chữ, không phải Word").expect("write");
    let not_the_form = dir.path().join("danh-sach.csv");
    std::fs::write(&not_the_form, "Họ tên;Chức vụ\nNguyễn Văn A;Chủ tịch\n").expect("write");
    let other_table = dir.path().join("khac.tsv");
    std::fs::write(
        &other_table,
        "Stt\tChỉ tiêu\tĐơn vị tính\tNội dung\nI\tDanh sách cán bộ\t\t\n1\tNguyễn Văn A\tNgười\t1\n",
    )
    .expect("write");
    for (input, expected) in [
        (broken, "không phải tệp Word .docx"),
        (dir.path().join("khong-co.xlsx"), "không có tệp này"),
        (not_the_form, "không thấy dòng tiêu đề"),
        (other_table, "không hàng nào của bảng"),
    ] {
        let out = run(phuluc(home.path())
            .arg("import")
            .arg(&input)
            .arg("-o")
            .arg(&output));
        let said = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{}: {said}", input.display());
        assert!(said.contains(expected), "{}: {said}", input.display());
        assert!(!output.exists());
    }
    let out = run(phuluc(home.path())
        .arg("import")
        .arg(crate::fixture("source-appendix-2021.txt"))
        .args(["--template", "cchc-pl2-bang2:2099", "-o"])
        .arg(&output));
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--template"), "{}", stderr(&out));
    assert!(!output.exists());
}
