//! The printed appendix (PDF) and the Excel workbook of the real example, read back
//! the way an officer or a district office would read them.

use std::path::{Path, PathBuf};
use std::process::Command;

use calamine::{Data, Reader, Xlsx, open_workbook};
use phuluc::export::Sheet;
use phuluc::export_file::{Format, Layout, write};
use phuluc::store::load_report;
use phuluc::store::templates::TemplateStore;

use crate::poppler::{pages, poppler, word_boxes};

fn example() -> (phuluc::model::Report, phuluc::model::Template) {
    load_report(
        &crate::root().join("assets/examples/nga-nam-2021.phuluc.json"),
        &TemplateStore::builtin_only(),
    )
    .expect("example")
}

fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Text without any white space: a label wrapped inside its cell (typst may break a
/// line after "/" or "." in a web address) still reads as the same characters in order.
fn letters(text: &str) -> String {
    text.split_whitespace().collect()
}

fn export(format: Format, draft: bool) -> (tempfile::TempDir, PathBuf) {
    export_laid_out(
        format,
        Layout {
            draft,
            landscape: false,
        },
    )
}

fn export_laid_out(format: Format, layout: Layout) -> (tempfile::TempDir, PathBuf) {
    let (report, template) = example();
    let dir = crate::temp();
    let path = dir.path().join(match format {
        Format::Pdf => "phụ lục.pdf",
        Format::Xlsx => "phụ lục.xlsx",
        Format::Docx => "phụ lục.docx",
    });
    write(&template, &report, layout, format, &path).expect("exports");
    (dir, path)
}

#[test]
fn the_pdf_holds_every_label_and_value_in_vietnamese_format() {
    let (report, template) = example();
    let sheet = Sheet::new(&template, &report, false);
    let (_dir, pdf) = export(Format::Pdf, false);
    let raw = poppler("pdftotext", &["-raw", "-enc", "UTF-8"], &pdf);
    assert!(
        !raw.contains('\u{fffd}'),
        "a glyph could not be mapped back to text"
    );
    let text = squash(&raw);
    let all = letters(&raw);
    for needle in [
        "PHỤ LỤC 2, BẢNG 2",
        "THỐNG KÊ SỐ LIỆU VÀ KẾT QUẢ THỰC HIỆN CÔNG TÁC CẢI CÁCH HÀNH CHÍNH NĂM 2021",
        "(Kèm theo Báo cáo số 411/BC-UBND ngày 16 tháng 12 năm 2021 của UBND thị xã Ngã Năm)",
        "ỦY BAN NHÂN DÂN THỊ XÃ NGÃ NĂM",
        "Tỉnh Sóc Trăng",
        "Báo cáo CCHC năm 2021",
        "Kim Thái Phong",
    ] {
        assert!(text.contains(needle), "missing {needle:?}");
    }
    assert_every_row_printed(&sheet, &all);
    for value in [
        "5.068",
        "48.716",
        "95,83",
        "16.231",
        "99,5",
        "0,37",
        "1.003",
        "Kế hoạch số 03/KH-UBND ngày 15/01/2021",
    ] {
        assert!(text.contains(value), "{value}");
    }
    assert!(!text.replace(' ', "").contains("BẢNNHÁP"));
}

#[test]
fn the_pdf_is_a4_with_embedded_fonts_and_the_header_on_every_page() {
    let (_dir, pdf) = export(Format::Pdf, false);
    let info = poppler("pdfinfo", &[], &pdf);
    assert!(
        info.contains("Page size:       595.276 x 841.89 pts (A4)"),
        "{info}"
    );
    let pages = pages(&pdf);
    // The office's Word table of the example took 8 pages; the printed appendix may not
    // take more (it took 10 before the columns were fitted to the content).
    assert!((2..=8).contains(&pages), "{pages} pages");
    assert_pages_filled(&pdf, 841.89);
    let fonts = poppler("pdffonts", &[], &pdf);
    let font_lines: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!font_lines.is_empty());
    for line in &font_lines {
        assert!(line.contains("LiberationSerif"), "unexpected font: {line}");
        let cols: Vec<&str> = line.split_whitespace().collect();
        // name type encoding emb sub uni object ID: "emb" is the 4th column from the right side group
        assert_eq!(cols[cols.len() - 5], "yes", "font not embedded: {line}");
    }
    for page in 1..=pages {
        let p = page.to_string();
        let text = squash(&poppler(
            "pdftotext",
            &["-raw", "-f", &p, "-l", &p, "-enc", "UTF-8"],
            &pdf,
        ));
        // The two header rows, in the order the PDF draws them.
        let header = letters("Kết quả thống kê Stt Chỉ tiêu thống kê Ghi chú Đơn vị tính Nội dung");
        assert!(
            letters(&text).contains(&header),
            "page {page} has no header: {}",
            &text[..300.min(text.len())]
        );
        if page > 1 {
            assert!(
                text.starts_with(&p),
                "page {page} should start with its number"
            );
        }
    }
}

/// "Khổ ngang": the same appendix on landscape A4, every label and value still there, no
/// page ending early; Word and Excel turn too. Landscape has two thirds of portrait's text
/// height and most rows are one line at any width, so it takes more pages, not fewer: at
/// most portrait's times 257/170 (text heights in mm).
#[test]
fn khổ_ngang_prints_the_same_table_on_landscape_a4() {
    let landscape = Layout {
        draft: false,
        landscape: true,
    };
    let (_dir, pdf) = export_laid_out(Format::Pdf, landscape);
    let info = poppler("pdfinfo", &[], &pdf);
    assert!(
        info.contains("Page size:       841.89 x 595.276 pts (A4)"),
        "{info}"
    );
    let (_portrait_dir, portrait) = export(Format::Pdf, false);
    let most = (pages(&portrait) * 257).div_ceil(170);
    assert!(
        pages(&pdf) <= most,
        "landscape {} pages, portrait {}",
        pages(&pdf),
        pages(&portrait)
    );
    assert_pages_filled(&pdf, 595.276);
    let (report, template) = example();
    let raw = poppler("pdftotext", &["-raw", "-enc", "UTF-8"], &pdf);
    assert_every_row_printed(&Sheet::new(&template, &report, false), &letters(&raw));
    assert!(squash(&raw).contains("48.716"), "III.6.6 as printed");

    let (_docx_dir, docx) = export_laid_out(Format::Docx, landscape);
    let document = zip_part(&docx, "word/document.xml");
    assert!(
        document.contains(r#"w:orient="landscape""#),
        "Word page not turned"
    );
    let (_xlsx_dir, xlsx) = export_laid_out(Format::Xlsx, landscape);
    let sheet = zip_part(&xlsx, "xl/worksheets/sheet1.xml");
    assert!(
        sheet.contains(r#"orientation="landscape""#),
        "Excel page not turned"
    );
}

/// Every label, value and note of the sheet is in the PDF's text (`letters` of it).
fn assert_every_row_printed(sheet: &Sheet, all: &str) {
    for row in &sheet.rows {
        assert!(
            all.contains(&letters(&row.label)),
            "label of {} missing: {}",
            row.id,
            row.label
        );
        if !row.value.is_empty() {
            assert!(
                all.contains(&letters(&row.value)),
                "value of {} missing: {}",
                row.id,
                row.value
            );
        }
        if !row.note.is_empty() {
            assert!(
                all.contains(&letters(&row.note)),
                "note of {} missing",
                row.id
            );
        }
    }
}

/// Every page but the last is filled down to its bottom margin, give or take a row that
/// moved on whole: no empty band where a tall row could not start (the table lets very
/// tall rows break instead). `height` is the page's, in points.
fn assert_pages_filled(pdf: &Path, height: f64) {
    const MM: f64 = 72.0 / 25.4;
    let bottom_margin = 20.0 * MM;
    let words = word_boxes(pdf);
    let count = pages(pdf);
    for page in 1..count {
        let lowest = words
            .iter()
            .filter(|(p, _, _)| *p == page)
            .map(|(_, b, _)| b[3])
            .fold(0.0_f64, f64::max);
        let band = (height - bottom_margin - lowest) / MM;
        assert!(
            band < 20.0,
            "page {page} of {count} ends {band:.0} mm above its bottom margin"
        );
    }
}

/// One part of a zip package (.docx, .xlsx), as text.
fn zip_part(package: &Path, name: &str) -> String {
    let file = std::fs::File::open(package).expect("opens");
    let mut zip = zip::ZipArchive::new(file).expect("a zip");
    let mut text = String::new();
    std::io::Read::read_to_string(&mut zip.by_name(name).expect("the part"), &mut text)
        .expect("reads");
    text
}

#[test]
fn a_draft_carries_its_mark() {
    let (_dir, pdf) = export(Format::Pdf, true);
    // The mark is drawn rotated behind the table, so its letters come out one by one.
    let first_page = poppler(
        "pdftotext",
        &["-raw", "-f", "1", "-l", "1", "-enc", "UTF-8"],
        &pdf,
    );
    let letters: String = first_page.split_whitespace().collect();
    assert!(
        letters.starts_with("BẢNNHÁP"),
        "{}",
        &letters[..60.min(letters.len())]
    );
}

#[test]
fn the_workbook_holds_every_label_and_value() {
    let (report, template) = example();
    let sheet = Sheet::new(&template, &report, false);
    let (_dir, path) = export(Format::Xlsx, false);
    let mut workbook: Xlsx<_> = open_workbook(&path).expect("opens");
    let range = workbook.worksheet_range("Phụ lục 2 Bảng 2").expect("sheet");
    let rows: Vec<&[Data]> = range.rows().collect();
    let header = rows
        .iter()
        .position(|r| {
            r.get(1)
                .is_some_and(|c| matches!(c, Data::String(s) if s == "Chỉ tiêu thống kê"))
        })
        .expect("header row");
    assert_eq!(rows[header + 1][2].to_string(), "Đơn vị tính");
    let body = &rows[header + 3..];
    for (row, line) in sheet.rows.iter().zip(body) {
        assert_eq!(line[1].to_string(), row.label, "{}", row.id);
        assert_eq!(line[2].to_string(), row.unit, "{}", row.id);
        match row.number {
            Some(n) => assert_eq!(line[3], Data::Float(n), "{}", row.id),
            None => assert_eq!(line[3].to_string(), row.value, "{}", row.id),
        }
        assert_eq!(line[4].to_string(), row.note, "{}", row.id);
    }
    // Under the table, as on the printed page: who prepared it, left; who signs, right.
    let end: Vec<(usize, String)> = rows[header + 3 + sheet.rows.len()..]
        .iter()
        .flat_map(|r| r.iter().enumerate())
        .map(|(col, c)| (col, c.to_string()))
        .filter(|(_, c)| !c.is_empty())
        .collect();
    for (col, text) in [
        (1, "Người lập biểu: Nguyễn Tấn Kiệt"),
        (1, "Phó Trưởng phòng Nội vụ"),
        (1, "Điện thoại, email: 0937461368"),
        (3, "TM. ỦY BAN NHÂN DÂN"),
        (3, "CHỦ TỊCH"),
        (3, "Kim Thái Phong"),
    ] {
        assert!(
            end.contains(&(col, text.to_owned())),
            "{text:?} in column {col}: {end:?}"
        );
    }
}

#[test]
fn the_workbook_prints_from_libreoffice_without_text_running_into_other_text() {
    let Ok(version) = Command::new("soffice").arg("--version").output() else {
        eprintln!("LibreOffice (soffice) is not installed: the workbook's print check is skipped");
        return;
    };
    assert!(version.status.success());
    let (dir, xlsx) = export(Format::Xlsx, false);
    // A profile of its own: no clash with a LibreOffice the user has open.
    let profile = format!("-env:UserInstallation=file://{}/lo", dir.path().display());
    let out = Command::new("soffice")
        .args([&profile, "--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir.path())
        .arg(&xlsx)
        .output()
        .expect("soffice runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pdf = xlsx.with_extension("pdf");
    let words = word_boxes(&pdf);
    assert!(words.len() > 1000, "{} words", words.len());
    // Wrapped text in a row of default height spills over the rows below it: two words
    // then share the same place on the page. (Lines of one cell touch a little: the
    // boxes hold the accents above and the tails below.)
    for (i, (page, a, wa)) in words.iter().enumerate() {
        for (page_b, b, wb) in &words[i + 1..] {
            let across = a[2].min(b[2]) - a[0].max(b[0]);
            let down = a[3].min(b[3]) - a[1].max(b[1]);
            let lower = (a[3] - a[1]).min(b[3] - b[1]);
            let overlap = page == page_b && across > 1.0 && down > 0.5 * lower;
            assert!(!overlap, "page {page}: “{wa}” {a:?} runs into “{wb}” {b:?}");
        }
    }
    // The unit's name is on one line, not squeezed into the Stt column: its first and
    // last words side by side. (LibreOffice places some accented letters apart in its
    // PDF text, so the words are found by their unaccented letters.)
    let first_line = |word: &str| {
        words
            .iter()
            .find(|(page, _, w)| *page == 1 && w == word)
            .map(|(_, b, _)| *b)
            .unwrap_or_else(|| panic!("“{word}” on page 1"))
    };
    let (ban, nam) = (first_line("BAN"), first_line("NGÃ"));
    assert!(
        (ban[1] - nam[1]).abs() < 1.0 && nam[0] > ban[2],
        "{ban:?} {nam:?}"
    );
}
