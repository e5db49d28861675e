//! The Word file and the blank form, read back: the .docx unzipped and its table read
//! cell by cell, the Word file printed by LibreOffice, the blank form in every format.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use calamine::{Data, Reader, Xlsx, open_workbook};
use phuluc::export::Sheet;
use phuluc::export::sheet::WRITE_IN_MM;
use phuluc::export_file::{Format, Layout, write, write_blank};
use phuluc::model::{IndicatorId, Level, Report, Template};
use phuluc::store::load_report;
use phuluc::store::templates::TemplateStore;
use quick_xml::Reader as XmlReader;
use quick_xml::events::{BytesStart, Event};

use crate::poppler::{pages, poppler, word_boxes};

fn example() -> (Report, Template) {
    load_report(
        &crate::root().join("assets/examples/nga-nam-2021.phuluc.json"),
        &TemplateStore::builtin_only(),
    )
    .expect("example")
}

fn export(format: Format) -> (tempfile::TempDir, PathBuf) {
    let (report, template) = example();
    let dir = crate::temp();
    let path = dir.path().join(format!("phụ lục.{}", format.extension()));
    write(&template, &report, Layout::default(), format, &path).expect("exports");
    (dir, path)
}

fn export_blank(format: Format, level: Option<Level>) -> (tempfile::TempDir, PathBuf) {
    let dir = crate::temp();
    let path = dir.path().join(format!("mẫu trắng.{}", format.extension()));
    let template = Template::builtin().expect("template");
    write_blank(&template, level, false, format, &path).expect("exports");
    (dir, path)
}

/// One part of a .docx, as text.
fn part(docx: &Path, name: &str) -> String {
    let file = std::fs::File::open(docx).expect("opens");
    let mut zip = zip::ZipArchive::new(file).expect("a zip");
    let mut text = String::new();
    zip.by_name(name)
        .unwrap_or_else(|e| panic!("{name}: {e}"))
        .read_to_string(&mut text)
        .expect("utf-8");
    text
}

/// A cell of a Word table as read back.
#[derive(Debug, Default, Clone)]
struct WordCell {
    text: String,
    span: usize,
    /// `Some("restart")`, `Some("")` (continues the cell above) or `None`.
    merge: Option<String>,
}

/// A row of a Word table as read back.
#[derive(Debug, Default)]
struct WordRow {
    header: bool,
    cant_split: bool,
    /// `w:trHeight`, twips.
    least: Option<i64>,
    cells: Vec<WordCell>,
}

/// What a document.xml holds: its tables (not nested) and the text of the paragraphs
/// outside them.
#[derive(Debug, Default)]
struct WordDocument {
    tables: Vec<Vec<WordRow>>,
    paragraphs: Vec<String>,
}

fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.try_get_attribute(name).expect("attribute").map(|a| {
        a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .expect("value")
            .into_owned()
    })
}

/// Read document.xml the way a Word table reader would: `w:tbl` > `w:tr` > `w:tc` >
/// `w:p` > `w:r` > `w:t`, with `w:br` as a line break and paragraphs joined by one.
fn read_document(xml: &str) -> WordDocument {
    let mut reader = XmlReader::from_str(xml);
    let mut doc = WordDocument::default();
    let mut paragraph = String::new();
    let mut in_text = false;
    let mut in_table = false;
    loop {
        let event = reader.read_event().expect("well-formed XML");
        match &event {
            Event::Start(e) | Event::Empty(e) => {
                let empty = matches!(event, Event::Empty(_));
                match e.name().as_ref() {
                    "w:tbl" => {
                        doc.tables.push(Vec::new());
                        in_table = true;
                    }
                    "w:tr" => doc
                        .tables
                        .last_mut()
                        .expect("table")
                        .push(WordRow::default()),
                    "w:tc" => row(&mut doc).cells.push(WordCell {
                        span: 1,
                        ..WordCell::default()
                    }),
                    "w:tblHeader" => row(&mut doc).header = true,
                    "w:cantSplit" => row(&mut doc).cant_split = true,
                    "w:trHeight" => {
                        row(&mut doc).least = attr(e, "w:val").and_then(|v| v.parse().ok());
                    }
                    "w:gridSpan" if in_table => {
                        cell(&mut doc).span = attr(e, "w:val").expect("span").parse().expect("n");
                    }
                    "w:vMerge" => {
                        cell(&mut doc).merge = Some(attr(e, "w:val").unwrap_or_default());
                    }
                    "w:t" if !empty => in_text = true,
                    "w:br" => paragraph.push('\n'),
                    // A tab in a run; those in a paragraph's tab stops have a position.
                    "w:tab" if attr(e, "w:pos").is_none() => paragraph.push('\t'),
                    _ => {}
                }
            }
            Event::Text(t) if in_text => paragraph.push_str(&t.xml10_content()),
            Event::GeneralRef(r) if in_text => {
                let c = match r.resolve_char_ref().expect("reference") {
                    Some(c) => c.to_string(),
                    None => quick_xml::escape::resolve_xml_entity(r)
                        .expect("a predefined entity")
                        .to_owned(),
                };
                paragraph.push_str(&c);
            }
            Event::End(e) => match e.name().as_ref() {
                "w:t" => in_text = false,
                "w:tbl" => in_table = false,
                "w:p" => {
                    let text = std::mem::take(&mut paragraph);
                    if in_table {
                        let c = cell(&mut doc);
                        if !c.text.is_empty() || !text.is_empty() {
                            if !c.text.is_empty() {
                                c.text.push('\n');
                            }
                            c.text.push_str(&text);
                        }
                    } else {
                        doc.paragraphs.push(text);
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    doc
}

fn row(doc: &mut WordDocument) -> &mut WordRow {
    doc.tables
        .last_mut()
        .and_then(|t| t.last_mut())
        .expect("a row")
}

fn cell(doc: &mut WordDocument) -> &mut WordCell {
    row(doc).cells.last_mut().expect("a cell")
}

fn texts(row: &WordRow) -> Vec<&str> {
    row.cells.iter().map(|c| c.text.as_str()).collect()
}

/// The two header rows: repeated on every page, "Kết quả thống kê" over two columns,
/// Stt, the label and Ghi chú merged down.
fn assert_header(table: &[WordRow]) {
    assert_eq!(
        texts(&table[0]),
        ["Stt", "Chỉ tiêu thống kê", "Kết quả thống kê", "Ghi chú"]
    );
    assert_eq!(table[0].cells[2].span, 2);
    assert_eq!(texts(&table[1]), ["", "", "Đơn vị tính", "Nội dung", ""]);
    for i in [0, 1, 3] {
        assert_eq!(table[0].cells[i].merge.as_deref(), Some("restart"), "{i}");
    }
    for i in [0, 1, 4] {
        assert_eq!(table[1].cells[i].merge.as_deref(), Some(""), "{i}");
    }
    assert!(table[0].header && table[1].header);
    assert!(
        table[2..].iter().all(|r| !r.header),
        "only the two header rows repeat"
    );
}

#[test]
fn the_word_table_holds_every_label_and_value_as_printed() {
    let (report, template) = example();
    let sheet = Sheet::new(&template, &report, false);
    let (_dir, docx) = export(Format::Docx);
    let doc = read_document(&part(&docx, "word/document.xml"));
    assert_eq!(doc.tables.len(), 2, "the appendix and the signature block");
    let table = &doc.tables[0];
    assert_header(table);
    assert_eq!(texts(&table[2]), ["", "Báo cáo CCHC năm 2021", "", "", ""]);
    let body = &table[3..];
    assert_eq!(body.len(), sheet.rows.len());
    for (row, word) in sheet.rows.iter().zip(body) {
        let value = if row.na { "x" } else { row.value.as_str() };
        assert_eq!(
            texts(word),
            [
                row.stt.as_str(),
                row.label.as_str(),
                row.unit.as_str(),
                value,
                row.note.as_str()
            ],
            "{}",
            row.id
        );
    }
    for value in ["5.068", "48.716", "95,83", "0,37", "1.003"] {
        assert!(body.iter().any(|r| r.cells[3].text == value), "{value}");
    }
    // Rows stay whole on a page, but for the few with a very long note.
    let whole = body.iter().filter(|r| r.cant_split).count();
    assert!(whole > body.len() - 5 && whole < body.len(), "{whole}");
    let outside = doc.paragraphs.join("\n");
    for needle in [
        "ỦY BAN NHÂN DÂN THỊ XÃ NGÃ NĂM",
        "Tỉnh Sóc Trăng",
        "PHỤ LỤC 2, BẢNG 2",
        "THỐNG KÊ SỐ LIỆU VÀ KẾT QUẢ THỰC HIỆN CÔNG TÁC CẢI CÁCH HÀNH CHÍNH NĂM 2021",
        "(Kèm theo Báo cáo số 411/BC-UBND ngày 16 tháng 12 năm 2021 của UBND thị xã Ngã Năm)",
    ] {
        assert!(outside.contains(needle), "missing {needle:?}");
    }
    assert!(!outside.contains("BẢN NHÁP"));
    let signature = texts(&doc.tables[1][0]).join("\n");
    assert!(signature.contains("Người lập biểu:"), "{signature}");
    assert!(signature.contains("Kim Thái Phong"), "{signature}");
    assert!(signature.contains("CHỦ TỊCH"), "{signature}");
}

#[test]
fn the_word_page_is_a4_portrait_with_the_decree_margins_and_numbers_from_page_2() {
    let (_dir, docx) = export(Format::Docx);
    let xml = part(&docx, "word/document.xml");
    let sect = &xml[xml.find("<w:sectPr>").expect("section")..];
    // 210 × 297 mm; 20 mm top and bottom, 30 mm left, 15 mm right (1 mm = 56,7 twips).
    assert!(
        sect.contains(r#"<w:pgSz w:w="11906" w:h="16838"/>"#),
        "{sect}"
    );
    for margin in [
        r#"w:top="1134""#,
        r#"w:bottom="1134""#,
        r#"w:left="1701""#,
        r#"w:right="850""#,
    ] {
        assert!(sect.contains(margin), "{margin}: {sect}");
    }
    assert!(
        sect.contains("<w:titlePg/>"),
        "page 1 has a header of its own"
    );
    let rels = part(&docx, "word/_rels/document.xml.rels");
    for (kind, target, numbered) in [
        ("default", "header1.xml", true),
        ("first", "header2.xml", false),
    ] {
        let id = sect
            .split("<w:headerReference ")
            .find(|h| h.contains(&format!("w:type=\"{kind}\"")))
            .and_then(|h| h.split("r:id=\"").nth(1))
            .and_then(|h| h.split('"').next())
            .expect("header reference");
        assert!(rels.contains(&format!("Id=\"{id}\"")) && rels.contains(target));
        let header = part(&docx, &format!("word/{target}"));
        assert_eq!(header.contains("PAGE"), numbered, "{target}: {header}");
    }
    let styles = part(&docx, "word/styles.xml");
    assert!(styles.contains(r#"w:ascii="Times New Roman""#));
    assert!(styles.contains(r#"w:val="vi-VN""#));
}

#[test]
fn text_from_the_report_is_escaped() {
    let (mut report, template) = example();
    let id = IndicatorId::parse("I.3.4").expect("id");
    report
        .set_text(&template, &id, "Trên <Đài> & \"web\" \u{1}\r\nhai dòng")
        .expect("sets");
    report
        .set_note(&template, &id, "ghi chú </w:t></w:r> <b>")
        .expect("sets");
    let dir = crate::temp();
    let path = dir.path().join("a.docx");
    let draft = Layout {
        draft: true,
        landscape: false,
    };
    write(&template, &report, draft, Format::Docx, &path).expect("exports");
    let doc = read_document(&part(&path, "word/document.xml"));
    let sheet = Sheet::new(&template, &report, true);
    let at = sheet
        .rows
        .iter()
        .position(|r| r.id == "I.3.4")
        .expect("row");
    let word = &doc.tables[0][3 + at];
    assert_eq!(word.cells[3].text, "Trên <Đài> & \"web\" \nhai dòng");
    assert_eq!(word.cells[4].text, "ghi chú </w:t></w:r> <b>");
    // A draft says so under the title and on every page.
    assert!(doc.paragraphs.iter().any(|p| p.contains("BẢN NHÁP")));
    assert!(part(&path, "word/header1.xml").contains("BẢN NHÁP"));
}

/// LibreOffice (soffice), or `None` with a message when it is not installed.
fn soffice() -> Option<()> {
    match Command::new("soffice").arg("--version").output() {
        Ok(out) if out.status.success() => Some(()),
        _ => {
            eprintln!("LibreOffice (soffice --version) does not run: the print check is skipped");
            None
        }
    }
}

/// Convert `file` to PDF with LibreOffice headless, in a profile of its own. It is shown
/// the program's own Liberation Serif (Times New Roman's metrics, with Vietnamese) first:
/// the Liberation Serif 1.x of some distributions has no Vietnamese letters, and the
/// wider fallback font would lay out a different document from the one Word shows.
fn to_pdf(file: &Path, dir: &Path) -> PathBuf {
    let fonts = dir.join("fonts.conf");
    std::fs::write(
        &fonts,
        format!(
            r#"<?xml version="1.0"?><fontconfig><dir>{}</dir><include ignore_missing="yes">/etc/fonts/fonts.conf</include><cachedir>{}</cachedir></fontconfig>"#,
            crate::root().join("assets/fonts").display(),
            dir.join("fontcache").display()
        ),
    )
    .expect("fonts.conf");
    let profile = format!("-env:UserInstallation=file://{}/lo", dir.display());
    let out = Command::new("soffice")
        .env("FONTCONFIG_FILE", &fonts)
        .args([&profile, "--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir)
        .arg(file)
        .output()
        .expect("soffice runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pdf = dir.join(file.with_extension("pdf").file_name().expect("name"));
    assert!(pdf.is_file(), "{}", String::from_utf8_lossy(&out.stdout));
    pdf
}

/// Letters without diacritics, spaces or case: LibreOffice's PDF text sets some accented
/// letters apart from their words, and typst's may break a line inside a web address.
fn letters(text: &str) -> String {
    phuluc::model::template::fold_for_search(text)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

#[test]
fn libreoffice_prints_the_word_file_on_a4_with_every_label() {
    if soffice().is_none() {
        return;
    }
    let (report, template) = example();
    let sheet = Sheet::new(&template, &report, false);
    let (dir, docx) = export(Format::Docx);
    let pdf = to_pdf(&docx, dir.path());
    let info = poppler("pdfinfo", &[], &pdf);
    assert!(info.contains("x 841.89 pts (A4)"), "{info}");
    let n = pages(&pdf);
    assert!((2..=10).contains(&n), "{n} pages");
    let all = letters(&poppler("pdftotext", &["-raw", "-enc", "UTF-8"], &pdf));
    for row in &sheet.rows {
        assert!(
            all.contains(&letters(&row.label)),
            "{}: {}",
            row.id,
            row.label
        );
        assert!(
            all.contains(&letters(&row.value)),
            "{}: {}",
            row.id,
            row.value
        );
    }
    for needle in ["Kết quả thống kê", "Người lập biểu", "Kim Thái Phong"] {
        assert!(all.contains(&letters(needle)), "{needle}");
    }
    // The number from page 2 at the top, none on page 1; the header rows on every page.
    for page in 1..=n {
        let p = page.to_string();
        let text = poppler(
            "pdftotext",
            &["-raw", "-f", &p, "-l", &p, "-enc", "UTF-8"],
            &pdf,
        );
        let first = text.split_whitespace().next().unwrap_or_default();
        assert_eq!(first == p, page > 1, "page {page} begins with {first:?}");
        assert!(
            letters(&text).contains(&letters("Chỉ tiêu thống kê")),
            "page {page} has no header"
        );
    }
}

/// Texts of the example that the blank form must not hold: every value and note of four
/// letters or more (shorter ones, "1", "28", turn up where page numbers and Stt meet the
/// text next to them), but those that are also part of the form's own words.
fn example_values_not_in(blank: &Sheet) -> Vec<String> {
    let (report, template) = example();
    let filled = Sheet::new(&template, &report, false);
    let form: String = blank
        .rows
        .iter()
        .flat_map(|r| [r.stt.as_str(), r.label.as_str(), r.unit.as_str()])
        .chain([blank.title.as_str(), blank.attachment.as_str()])
        .map(letters)
        .collect::<Vec<_>>()
        .join("|");
    let values: Vec<String> = filled
        .rows
        .iter()
        .flat_map(|r| [letters(&r.value), letters(&r.note)])
        .filter(|v| v.chars().count() >= 4 && !form.contains(v.as_str()))
        .collect();
    assert!(values.len() > 15, "{} values to look for", values.len());
    values
}

#[test]
fn the_blank_form_has_every_label_and_no_value_in_pdf_word_and_excel() {
    let blank = Sheet::blank(&Template::builtin().expect("template"), Some(Level::Xa));
    let values = example_values_not_in(&blank);
    let check = |format: Format, text: &str| {
        let all = letters(text);
        for row in &blank.rows {
            assert!(all.contains(&letters(&row.label)), "{format:?} {}", row.id);
            assert!(all.contains(&letters(&row.unit)), "{format:?} {}", row.id);
        }
        for v in &values {
            assert!(!all.contains(v.as_str()), "{format:?} holds {v}");
        }
    };
    let (_d, pdf) = export_blank(Format::Pdf, Some(Level::Xa));
    let text = poppler("pdftotext", &["-raw", "-enc", "UTF-8"], &pdf);
    check(Format::Pdf, &text);
    assert!(text.contains("ỦY BAN NHÂN DÂN ……"), "{}", &text[..300]);
    assert!(text.contains("“x” là chỉ tiêu không áp dụng cho cấp xã"));

    let (_d, docx) = export_blank(Format::Docx, Some(Level::Xa));
    let doc = read_document(&part(&docx, "word/document.xml"));
    let table = &doc.tables[0];
    assert_header(table);
    for (row, word) in blank.rows.iter().zip(&table[3..]) {
        let value = if row.na { "x" } else { "" };
        assert_eq!(texts(word)[3..], [value, ""], "{}", row.id);
        assert_eq!(word.least.is_some(), row.write_in, "{}", row.id);
    }
    let outside = doc.paragraphs.join("\n");
    assert!(
        outside.contains("(Kèm theo Báo cáo số …/BC-UBND ngày … tháng … năm … của …)"),
        "{outside}"
    );
    check(Format::Docx, &(outside + &part(&docx, "word/document.xml")));

    let (_d, xlsx) = export_blank(Format::Xlsx, Some(Level::Xa));
    let mut book: Xlsx<_> = open_workbook(&xlsx).expect("opens");
    let range = book.worksheet_range("Phụ lục 2 Bảng 2").expect("sheet");
    let cells: Vec<String> = range.rows().flatten().map(Data::to_string).collect();
    check(Format::Xlsx, &cells.join("\n"));
    let body = range
        .rows()
        .skip_while(|r| {
            r.get(1)
                .is_none_or(|c| !matches!(c, Data::String(s) if s == "Chỉ tiêu thống kê"))
        })
        .skip(3);
    for (row, line) in blank.rows.iter().zip(body) {
        assert_eq!(line[1].to_string(), row.label);
        let value = if row.na { "x" } else { "" };
        assert_eq!(line[3].to_string(), value, "{}", row.id);
        assert_eq!(line[4].to_string(), "", "{}", row.id);
    }
}

/// The top of each line of text of a PDF whose words make `text`, page by page, as
/// `pdftotext -bbox-layout` gives them: (page, yMin, the line's text).
fn lines(pdf: &Path) -> Vec<(usize, f64, String)> {
    let html = poppler("pdftotext", &["-bbox-layout", "-enc", "UTF-8"], pdf);
    let mut out = Vec::new();
    let mut page = 0;
    let mut current: Option<(f64, Vec<String>)> = None;
    for line in html.lines().map(str::trim) {
        if line.starts_with("<page ") {
            page += 1;
        } else if let Some(rest) = line.strip_prefix("<line ") {
            let y = rest
                .split("yMin=\"")
                .nth(1)
                .and_then(|s| s.split('"').next())
                .and_then(|s| s.parse().ok())
                .expect("yMin");
            current = Some((y, Vec::new()));
        } else if let Some(rest) = line.strip_prefix("<word ") {
            let word = rest.split('>').nth(1).and_then(|s| s.split('<').next());
            if let (Some((_, words)), Some(word)) = (current.as_mut(), word) {
                words.push(word.replace("&amp;", "&"));
            }
        } else if line == "</line>"
            && let Some((y, words)) = current.take()
        {
            out.push((page, y, words.join(" ")));
        }
    }
    out
}

/// The distances in points between the tops of consecutive rows to write in whose label
/// is a line of its own on the same page.
fn write_in_pitches(sheet: &Sheet, pdf: &Path) -> Vec<f64> {
    let lines = lines(pdf);
    let find = |label: &str| {
        let label = letters(label);
        let mut found = lines.iter().filter(|(_, _, text)| letters(text) == label);
        match (found.next(), found.next()) {
            (Some(&(page, y, _)), None) => Some((page, y)),
            _ => None,
        }
    };
    sheet
        .rows
        .windows(2)
        .filter(|pair| pair[0].write_in && pair[1].write_in)
        .filter_map(|pair| Some((find(&pair[0].label)?, find(&pair[1].label)?)))
        .filter(|((p0, _), (p1, _))| p0 == p1)
        .map(|((_, y0), (_, y1))| y1 - y0)
        .collect()
}

#[test]
fn the_blank_forms_rows_are_tall_enough_to_write_in() {
    let template = Template::builtin().expect("template");
    let blank = Sheet::blank(&template, None);
    assert!(blank.rows.iter().filter(|r| r.write_in).count() > 130);
    let (_d, pdf) = export_blank(Format::Pdf, None);
    let pitches = write_in_pitches(&blank, &pdf);
    assert!(pitches.len() >= 8, "{} rows measured", pitches.len());
    let least = WRITE_IN_MM * 72.0 / 25.4;
    for pitch in &pitches {
        assert!(
            *pitch >= least - 0.5,
            "a row {pitch:.1} pt tall: {pitches:?}"
        );
    }
    // The same rows of the filled appendix are tighter: the measure can tell.
    let (report, template) = example();
    let filled = Sheet {
        rows: Sheet::new(&template, &report, false)
            .rows
            .into_iter()
            .map(|r| phuluc::export::sheet::SheetRow {
                write_in: r.depth == 2,
                ..r
            })
            .collect(),
        ..Sheet::new(&template, &report, false)
    };
    let (_d, filled_pdf) = export(Format::Pdf);
    let tight = write_in_pitches(&filled, &filled_pdf);
    assert!(tight.iter().any(|p| *p < least - 5.0), "{tight:?}");
    assert!(
        pages(&pdf) > 4,
        "the blank form takes more paper than its rows alone would"
    );
}

#[test]
fn libreoffice_prints_the_blank_word_file_and_workbook_with_tall_rows() {
    if soffice().is_none() {
        return;
    }
    let blank = Sheet::blank(&Template::builtin().expect("template"), Some(Level::Xa));
    let least = WRITE_IN_MM * 72.0 / 25.4;
    // The workbook prints fit to the width of the page: LibreOffice scales it by as much
    // as the words of its header shrink from the Word file's (both Times 12 pt bold).
    let mut header_height = None;
    for format in [Format::Docx, Format::Xlsx] {
        let (dir, file) = export_blank(format, Some(Level::Xa));
        let pdf = to_pdf(&file, dir.path());
        let all = letters(&poppler("pdftotext", &["-raw", "-enc", "UTF-8"], &pdf));
        for row in &blank.rows {
            assert!(all.contains(&letters(&row.label)), "{format:?} {}", row.id);
        }
        let stt = word_boxes(&pdf)
            .into_iter()
            .find(|(_, _, w)| w == "Stt")
            .map(|(_, b, _)| b[3] - b[1])
            .expect("the header's Stt");
        let scale = stt / *header_height.get_or_insert(stt);
        let pitches = write_in_pitches(&blank, &pdf);
        assert!(
            pitches.len() >= 8,
            "{format:?}: {} rows measured",
            pitches.len()
        );
        for pitch in &pitches {
            assert!(
                *pitch >= least * scale - 0.5,
                "{format:?}: a row {pitch:.1} pt tall, printed at {scale:.2}"
            );
        }
    }
}

#[test]
fn the_blank_pdf_has_nothing_but_x_in_its_value_column() {
    let (_d, pdf) = export_blank(Format::Pdf, Some(Level::Xa));
    let words = word_boxes(&pdf);
    let pages = words.last().map(|w| w.0).unwrap_or_default();
    let mut seen_x = 0;
    for page in 1..=pages {
        let on_page: Vec<_> = words.iter().filter(|w| w.0 == page).collect();
        let find = |text: &str, left: bool| {
            on_page
                .iter()
                .filter(|w| w.2 == text)
                .min_by(|a, b| {
                    let key = |w: &&&(usize, [f64; 4], String)| if left { w.1[0] } else { w.1[1] };
                    key(a).total_cmp(&key(b))
                })
                .map(|w| w.1)
        };
        let (noi, dung) = (
            find("Nội", false).expect("Nội"),
            find("dung", false).expect("dung"),
        );
        let centre = (noi[0] + dung[2]) / 2.0;
        // The column is 30 mm wide: a value printed in it is within 12 mm of its centre;
        // the unit and Ghi chú stay outside.
        let half = 12.0 * 72.0 / 25.4;
        // The table's body starts under the header; it ends where the note on "x" starts
        // at the left margin (its line and the signature run across every column).
        let top = dung[3];
        let bottom = on_page
            .iter()
            .filter(|w| w.2 == "Ghi" && w.1[0] < 120.0)
            .map(|w| w.1[1])
            .fold(f64::INFINITY, f64::min);
        for (_, b, word) in &on_page {
            let inside =
                b[0] > centre - half && b[2] < centre + half && b[1] > top && b[3] < bottom;
            if inside {
                assert_eq!(
                    word, "x",
                    "page {page}: “{word}” in the value column at {b:?}"
                );
                seen_x += 1;
            }
        }
    }
    // Rows of the district level are marked, so the check looked at the right column.
    assert!(seen_x > 20, "{seen_x} x seen");
}

#[test]
fn the_command_line_writes_word_and_the_blank_form() {
    let dir = crate::temp();
    let docx = dir.path().join("phụ lục.docx");
    let out = crate::phuluc()
        .arg("export")
        .arg(crate::root().join("assets/examples/nga-nam-2021.phuluc.json"))
        .arg("-o")
        .arg(&docx)
        .output()
        .expect("runs");
    crate::assert_exit(&out, 0);
    assert!(part(&docx, "word/document.xml").contains("Kim Thái Phong"));

    let blank = dir.path().join("mẫu.docx");
    let out = crate::phuluc()
        .env("XDG_DATA_HOME", dir.path())
        .args([
            "export",
            "--blank",
            "--level",
            "huyen",
            "--template",
            "cchc-pl2-bang2:2021",
            "-o",
        ])
        .arg(&blank)
        .output()
        .expect("runs");
    crate::assert_exit(&out, 0);
    let doc = read_document(&part(&blank, "word/document.xml"));
    assert!(
        doc.tables[0][3..]
            .iter()
            .all(|r| r.cells[3].text.is_empty())
    );
    assert!(
        doc.paragraphs
            .iter()
            .any(|p| p.starts_with("ỦY BAN NHÂN DÂN …"))
    );

    for (args, message) in [
        (
            &["export", "--blank", "--level", "tinh", "-o", "a.pdf"][..],
            "--level",
        ),
        (&["export", "--blank", "-o", "a.doc"][..], ".docx"),
        (
            &[
                "export",
                "--blank",
                "--template",
                "khong-co:1",
                "-o",
                "a.pdf",
            ][..],
            "--template",
        ),
        (&["export", "-o", "a.pdf"][..], "<TỆP>"),
        (
            &["export", "--level", "xa", "x.phuluc.json", "-o", "a.pdf"][..],
            "--level",
        ),
    ] {
        let out = crate::phuluc()
            .current_dir(dir.path())
            .env("XDG_DATA_HOME", dir.path())
            .args(args)
            .output()
            .expect("runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(message), "{args:?}: {stderr}");
    }
    assert!(!dir.path().join("a.pdf").exists());
}
