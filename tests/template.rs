//! Templates made from the province's blank table (Word, Excel, CSV, pasted text or HTML),
//! and `phuluc template from-table` / `phuluc template check` with their exit codes.

use std::path::Path;

use phuluc::import;
use phuluc::model::template::from_table::{Guess, Options, guess_template};
use phuluc::model::{IndicatorId, Kind, Template};
use unicode_normalization::UnicodeNormalization;

use crate::form_files::{FormRow, form_rows, html_of, write_docx, write_xlsx};

use crate::phuluc;

/// III.7 "Vận hành Cổng dịch vụ công" is a count in the built-in template, but in the form
/// its row has rows under it and neither a unit nor a value: no table can say it takes a number.
const NOT_IN_THE_TABLE: [&str; 1] = ["III.7"];

/// Rows whose kind only a filled table shows: I.2 and I.3 hold a plan, VII.6.1 a decision
/// (its unit says Có/Không), I.3.4 a sentence (its unit says "Tin, bài").
const ONLY_VALUES_SHOW: [&str; 4] = ["I.2", "I.3", "I.3.4", "VII.6.1"];

fn builtin() -> Template {
    Template::builtin().expect("built-in template")
}

/// The ids of the rows whose label, unit, kind or dash differ between two templates with
/// the same ids.
fn differing(made: &Template, want: &Template) -> Vec<String> {
    let ids = |t: &Template| -> Vec<String> { t.rows().iter().map(|r| r.id.to_string()).collect() };
    assert_eq!(ids(made), ids(want), "the same ids in the same order");
    made.rows()
        .iter()
        .zip(want.rows())
        .filter(|(a, b)| {
            a.label != b.label || a.unit != b.unit || a.kind != b.kind || a.sub != b.sub
        })
        .map(|(a, _)| a.id.to_string())
        .collect()
}

fn guess(grid: &import::Grid) -> Guess {
    let g = guess_template(grid, &Options::default()).expect("a template");
    let json = g.to_json().expect("json");
    let again = Template::from_json(&json).expect("the written template passes the checks");
    assert_eq!(again.rows().len(), g.template.rows().len());
    g
}

// ---------------------------------------------------------------- the 2021 form comes back

#[test]
fn the_2021_form_comes_back_from_a_word_table() {
    let dir = crate::temp();
    let path = dir.path().join("bang-2.docx");
    write_docx(&path, &form_rows(true));
    let grid = import::read_table(&path).expect("reads the .docx");
    let heading = grid
        .lines_above()
        .iter()
        .position(|l| l == "PHỤ LỤC 2, BẢNG 2")
        .expect("the heading above the form's table");
    assert_eq!(
        grid.lines_above()[heading + 1],
        "THỐNG KÊ SỐ LIỆU VÀ KẾT QUẢ THỰC HIỆN CÔNG TÁC CẢI CÁCH HÀNH CHÍNH NĂM 2021",
        "the form's table, not the motto's above it"
    );
    assert_eq!(
        grid.lines_above()[..2],
        ["ỦY BAN NHÂN DÂN THỊ XÃ NGÃ NĂM", "Số: 411/BC-UBND"],
        "the letterhead table's text above it, a column at a time"
    );
    assert_eq!(
        grid.cell(1, 2),
        "Đơn vị\ntính",
        "paragraphs of a cell on lines"
    );
    let g = guess(&grid);
    assert_eq!(differing(&g.template, &builtin()), NOT_IN_THE_TABLE);
    assert_eq!(g.template.heading, "PHỤ LỤC 2, BẢNG 2");
    assert_eq!(
        g.template.title,
        "THỐNG KÊ SỐ LIỆU VÀ KẾT QUẢ THỰC HIỆN CÔNG TÁC CẢI CÁCH HÀNH CHÍNH NĂM {year}"
    );
    assert_eq!(g.template.caption, "Báo cáo CCHC năm {year}");
    assert_eq!(
        g.template.version, "2021-1",
        "not the built-in form's version"
    );
    let json = g.to_json().expect("json");
    assert!(
        !json.contains("03/KH-UBND") && !json.contains("48716") && !json.contains("48.716"),
        "values never go into the template"
    );
}

#[test]
fn the_2021_form_comes_back_from_an_excel_sheet() {
    let dir = crate::temp();
    let path = dir.path().join("bang-2.xlsx");
    write_xlsx(&path, &form_rows(true));
    let grid = import::read_table(&path).expect("reads the .xlsx");
    let header = (0..grid.height())
        .find(|&r| grid.cell(r, 0) == "Stt")
        .expect("the form's sheet, not the guide");
    assert_eq!(
        grid.cell(header, 3),
        "Kết quả thống kê",
        "merged to the right"
    );
    assert_eq!(grid.own(header, 3), "", "a copy, marked as one");
    assert_eq!(grid.cell(header + 1, 0), "Stt", "merged down");
    assert_eq!(grid.cell(header + 3, 4), "Công tác chỉ đạo điều hành CCHC");
    assert_eq!(
        grid.own(header + 3, 4),
        "",
        "a section's label is not its note"
    );
    let g = guess(&grid);
    assert_eq!(differing(&g.template, &builtin()), NOT_IN_THE_TABLE);
    assert_eq!(g.template.caption, "Báo cáo CCHC năm {year}");
    assert!(
        g.template.title.ends_with("NĂM {year}"),
        "{}",
        g.template.title
    );
}

#[test]
fn a_blank_word_table_leaves_for_review_what_only_values_show() {
    let dir = crate::temp();
    let path = dir.path().join("bang-2-trong.docx");
    write_docx(&path, &form_rows(false));
    let g = guess(&import::read_table(&path).expect("reads"));
    let mut expected: Vec<&str> = ONLY_VALUES_SHOW
        .iter()
        .chain(&NOT_IN_THE_TABLE)
        .copied()
        .collect();
    expected.sort_by_key(|id| {
        builtin()
            .position(&IndicatorId::parse(id).expect("id"))
            .expect("row")
    });
    assert_eq!(differing(&g.template, &builtin()), expected);
}

// ---------------------------------------------------------------- a form that differs

#[test]
fn a_form_that_differs_gives_its_own_rows() {
    let mut rows: Vec<FormRow> = Vec::new();
    for row in form_rows(true) {
        let id = row.id.clone();
        // Group I.4 dropped: the groups after it move up one.
        if id == "I.4" || id.starts_with("I.4.") {
            continue;
        }
        let mut row = row;
        let parts: Vec<&str> = id.split('.').collect();
        if parts[0] == "I" && parts.len() > 1 {
            let group: u32 = parts[1].parse().expect("group");
            if group > 4 {
                let mut renumbered = vec!["I".to_owned(), (group - 1).to_string()];
                renumbered.extend(parts[2..].iter().map(|p| (*p).to_owned()));
                row.id = renumbered.join(".");
            }
        }
        // A label reworded.
        if id == "III.6.6" {
            row.label = "Tổng số hồ sơ TTHC cấp xã đã tiếp nhận trong năm".to_owned();
        }
        let last_of_iii = id == "III.7.3";
        rows.push(row);
        // A group added at the end of section III.
        if last_of_iii {
            let new = |id: &str, label: &str, unit: &str| FormRow {
                id: id.to_owned(),
                label: label.to_owned(),
                sub: false,
                unit: unit.to_owned(),
                options: Vec::new(),
                value: String::new(),
                number: None,
                note: String::new(),
            };
            rows.push(new("III.8", "Dịch vụ công trực tuyến toàn trình", ""));
            rows.push(new(
                "III.8.1",
                "Số hồ sơ nộp trực tuyến toàn trình",
                "Hồ sơ",
            ));
            rows.push(new("III.8.2", "Tỷ lệ hồ sơ trực tuyến toàn trình", "%"));
        }
    }
    let dir = crate::temp();
    let path = dir.path().join("mau-moi.docx");
    write_docx(&path, &rows);
    let g = guess(&import::read_table(&path).expect("reads"));
    let got: Vec<(String, String)> = g
        .template
        .rows()
        .iter()
        .map(|r| (r.id.to_string(), r.label.clone()))
        .collect();
    let want: Vec<(String, String)> = rows
        .iter()
        .map(|r| (r.id.clone(), r.label.clone()))
        .collect();
    assert_eq!(got, want);
    let old = builtin();
    let kind_of = |id: &str| {
        g.template
            .row(&IndicatorId::parse(id).expect("id"))
            .map(|r| r.kind.clone())
            .expect("row")
    };
    let old_kind = |id: &str| {
        old.row(&IndicatorId::parse(id).expect("id"))
            .map(|r| r.kind.clone())
            .expect("row")
    };
    assert_eq!(kind_of("I.4"), old_kind("I.5"), "I.5 became I.4");
    assert_eq!(kind_of("I.4.2"), old_kind("I.5.2"), "a choice moved up");
    assert_eq!(kind_of("I.7"), old_kind("I.8"));
    assert_eq!(
        g.template
            .row(&IndicatorId::parse("I.8").expect("id"))
            .map(|r| r.id.to_string()),
        None
    );
    assert_eq!(kind_of("III.6.6"), Some(Kind::Count));
    assert_eq!(kind_of("III.8"), None, "a heading");
    assert_eq!(kind_of("III.8.1"), Some(Kind::Count));
    assert_eq!(kind_of("III.8.2"), Some(Kind::Percent));
    assert_eq!(kind_of("IV.1.1"), old_kind("IV.1.1"));
}

// ---------------------------------------------------------------- header variants

/// The form as CSV with semicolons, columns in another order, header words without
/// diacritics and "TT" for Stt, a column-number row under the header.
#[test]
fn header_words_without_diacritics_in_another_order() {
    let mut csv = String::from("PHU LUC 2, BANG 2\nTHONG KE SO LIEU NAM 2021\n\n");
    csv.push_str("TT;Don vi tinh;Chi tieu thong ke;Ghi chu;Noi dung\n(1);(2);(3);(4);(5)\n");
    let quote = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
    for row in form_rows(true) {
        let unit = if row.options.is_empty() {
            row.unit.clone()
        } else {
            row.options.join("\n")
        };
        csv.push_str(&format!(
            "{};{};{};;{}\r\n",
            row.stt(),
            quote(&unit),
            quote(&row.printed_label()),
            quote(&row.value)
        ));
    }
    csv.push_str(";;;;\n;;;;\n");
    let dir = crate::temp();
    let path = dir.path().join("bang.csv");
    std::fs::write(&path, format!("\u{feff}{csv}")).expect("write");
    let g = guess(&import::read_table(&path).expect("reads"));
    assert_eq!(differing(&g.template, &builtin()), NOT_IN_THE_TABLE);
    assert_eq!(g.template.version, "2021-1");
}

// ---------------------------------------------------------------- pasted tables

/// The source's own appendix, as a table copied from Word reaches the clipboard: tab
/// separated, the header repeated at every page break.
fn source_text() -> String {
    std::fs::read_to_string(crate::fixture("source-appendix-2021.txt")).expect("fixture")
}

#[test]
fn a_table_pasted_as_tab_separated_text() {
    let grid = import::from_clipboard(None, &source_text()).expect("reads");
    let g = guess(&grid);
    let want = builtin();
    let differ = differing(&g.template, &want);
    // The typos of the source (tests/source.rs: LABEL_FIXES) and its blank units
    // (UNIT_FIXES), as printed; III.7 is both a typo and NOT_IN_THE_TABLE.
    assert_eq!(
        differ,
        [
            "II.3", "II.3.1", "III.6.2", "III.7", "V.6.5", "V.6.6", "VI.3", "VII.1"
        ]
    );
    let row = |t: &Template, id: &str| {
        t.row(&IndicatorId::parse(id).expect("id"))
            .cloned()
            .expect("row")
    };
    for id in &differ {
        let (made, builtin_row) = (row(&g.template, id), row(&want, id));
        if *id != "III.7" {
            assert_eq!(made.kind, builtin_row.kind, "kind of {id}");
        }
    }
    assert_eq!(
        row(&g.template, "VII.1").label,
        "Tham gia Hệ thống hợp trực tuyến của tỉnh"
    );
    // Every row the table left unclear is named: blank units, and two guesses of kind.
    let review: Vec<String> = g
        .rows
        .iter()
        .filter(|r| r.needs_review())
        .map(|r| r.id.to_string())
        .collect();
    assert_eq!(
        review,
        [
            "I.3.4", "I.8", "II.3", "II.3.1", "III.6.2", "V.6.5", "V.6.6", "VI.3"
        ]
    );
    assert!(
        g.notes
            .iter()
            .any(|n| n.text.contains("bỏ qua 20 dòng tiêu đề")),
        "{:?}",
        g.notes
    );
}

#[test]
fn a_table_pasted_as_html_prefers_it_to_the_text() {
    let html = html_of(&form_rows(true));
    let grid = import::from_clipboard(Some(&html), "Stt\tkhông phải bảng").expect("reads");
    let g = guess(&grid);
    assert_eq!(differing(&g.template, &builtin()), NOT_IN_THE_TABLE);
    assert_eq!(g.template.heading, "PHỤ LỤC 2, BẢNG 2");
    // Without a table in the HTML the text is used.
    let grid = import::from_clipboard(Some("<p>chỉ có chữ</p>"), &source_text()).expect("text");
    assert_eq!(guess(&grid).template.rows().len(), 182);
}

#[test]
fn decomposed_vietnamese_reads_as_composed() {
    let nfc = source_text();
    let nfd: String = nfc.nfd().collect();
    assert_ne!(nfd, nfc, "the text really is decomposed");
    let a = guess(&import::from_clipboard(None, &nfc).expect("nfc"));
    let b = guess(&import::from_clipboard(None, &nfd).expect("nfd"));
    assert!(differing(&b.template, &a.template).is_empty());
    assert_eq!(b.raw.rows.len(), 182);
    assert!(
        b.to_json()
            .expect("json")
            .contains("Số hồ sơ TTHC do UBND cấp xã tiếp nhận")
    );
}

// ---------------------------------------------------------------- the command line

#[test]
fn from_table_exits_0_when_every_row_is_decided() {
    let dir = crate::temp();
    let out_path = dir.path().join("mau.json");
    let clean = dir.path().join("gon.tsv");
    std::fs::write(
        &clean,
        "PHỤ LỤC 2, BẢNG 2\nTHỐNG KÊ SỐ LIỆU CCHC NĂM 2026\nStt\tChỉ tiêu\tĐơn vị tính\tNội dung\n\
         I\tCông tác chỉ đạo\t\t\n1\tKế hoạch CCHC\t\t\n\tSố nhiệm vụ\tNhiệm vụ\t\n\
         2\tĐối thoại với người dân\tCó = 1 Không = 0\t\n",
    )
    .expect("write");
    let out = phuluc()
        .args(["template", "from-table"])
        .arg(&clean)
        .arg("-o")
        .arg(&out_path)
        .args(["--name", "Mẫu gọn"])
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("I.1\tKế hoạch CCHC\tvăn bản"), "{stdout}");
    assert!(
        stdout.contains("I.2\tĐối thoại với người dân\tcó/không: Có = 1, Không = 0"),
        "{stdout}"
    );
    assert!(stdout.contains("Mọi hàng đã rõ loại"), "{stdout}");
    let t =
        Template::from_json(&std::fs::read_to_string(&out_path).expect("written")).expect("valid");
    assert_eq!((t.name.as_str(), t.version.as_str()), ("Mẫu gọn", "2026"));
}

#[test]
fn from_table_exits_1_when_rows_need_review_and_still_writes_the_file() {
    let dir = crate::temp();
    let docx = dir.path().join("trong.docx");
    write_docx(&docx, &form_rows(false));
    let review_path = dir.path().join("mau-2021.json");
    let out = phuluc()
        .args(["template", "from-table"])
        .arg(&docx)
        .arg("-o")
        .arg(&review_path)
        .args(["--year", "2021"])
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout
            .lines()
            .any(|l| l.starts_with("I.8\t") && l.contains("⚠")),
        "{stdout}"
    );
    assert!(
        stdout
            .lines()
            .any(|l| l.starts_with("III.1\t") && l.contains("⚠")),
        "{stdout}"
    );
    assert!(stdout.contains("(hàng I.8, III.1)"), "{stdout}");
    let check = phuluc()
        .args(["template", "check"])
        .arg(&review_path)
        .output()
        .expect("runs");
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
}

#[test]
fn from_table_exits_2_when_the_table_cannot_be_read() {
    let dir = crate::temp();
    // Not a .docx: what is wrong and what to do, and nothing written.
    let broken = dir.path().join("hong.docx");
    std::fs::write(&broken, "đây là chữ, không phải Word").expect("write");
    let none = dir.path().join("khong-co.json");
    let out = phuluc()
        .args(["template", "from-table"])
        .arg(&broken)
        .arg("-o")
        .arg(&none)
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("không phải tệp Word .docx") && stderr.contains("Lưu thành"),
        "{stderr}"
    );
    assert!(!none.exists());

    // A workbook without the form.
    let other = dir.path().join("khac.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    book.add_worksheet()
        .write_string(0, 0, "Danh sách cán bộ")
        .expect("write");
    book.save(&other).expect("save");
    let out = phuluc()
        .args(["template", "from-table"])
        .arg(&other)
        .arg("-o")
        .arg(&none)
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("không thấy dòng tiêu đề"), "{stderr}");
    assert!(!none.exists());
}

#[test]
fn template_check_exit_codes() {
    let dir = crate::temp();
    let check = |path: &Path| {
        phuluc()
            .args(["template", "check"])
            .arg(path)
            .output()
            .expect("runs")
    };
    let out = check(&crate::root().join("assets/templates/cchc-2021.json"));
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("182 hàng"));

    let broken = dir.path().join("trung.json");
    let text =
        phuluc::model::template::BUILTIN_2021.replace("\"id\": \"III.6.2\"", "\"id\": \"III.6.1\"");
    std::fs::write(&broken, text).expect("write");
    let out = check(&broken);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("hàng thứ") && stdout.contains("(III.6.1): mã hàng bị trùng"),
        "{stdout}"
    );

    let syntax = dir.path().join("cu-phap.json");
    std::fs::write(&syntax, "{\"format\": \"phuluc-template\",").expect("write");
    assert_eq!(check(&syntax).status.code(), Some(1));

    let out = check(&dir.path().join("khong-co.json"));
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("khong-co.json"));
    let out = check(&crate::root().join("assets/examples/nga-nam-2021.phuluc.json"));
    assert_eq!(out.status.code(), Some(2), "a report is not a template");
}
