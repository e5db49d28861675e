//! The 2021 form written as the files an office keeps: a Word table, an Excel sheet, the
//! HTML a copy from Word puts on the clipboard; blank, or filled with the Ngã Năm example's
//! values and notes printed the way the form prints them ("48.716", "Kế hoạch số 03/KH-UBND
//! ngày 15/01/2021", notes in Ghi chú). Shared by `template` (templates from tables) and
//! `import` (filled tables into reports).

use std::io::Write;
use std::path::Path;

use phuluc::model::report::display_cell;
use phuluc::model::{Cell, IndicatorId, Kind, Value};
use phuluc::store::report_file::report_from_bytes;
use phuluc::store::templates::TemplateStore;

/// One row of the form as a table prints it.
#[derive(Debug, Clone)]
pub struct FormRow {
    /// The id the row should get.
    pub id: String,
    pub label: String,
    pub sub: bool,
    pub unit: String,
    /// The coded answers, when the unit lists them ("Có = 1", "Không = 0").
    pub options: Vec<String>,
    /// Nội dung as printed.
    pub value: String,
    /// Nội dung as a number, when it is one.
    pub number: Option<f64>,
    /// Ghi chú as printed.
    pub note: String,
}

impl FormRow {
    pub fn stt(&self) -> String {
        IndicatorId::parse(&self.id)
            .map(|id| id.stt().to_owned())
            .unwrap_or_default()
    }

    pub fn printed_label(&self) -> String {
        if self.sub {
            format!("- {}", self.label)
        } else {
            self.label.clone()
        }
    }

    pub fn is_section(&self) -> bool {
        !self.id.contains('.')
    }
}

/// The 2021 form as its table prints it; with the values and notes of the Ngã Năm example
/// when `filled`.
pub fn form_rows(filled: bool) -> Vec<FormRow> {
    let bytes = std::fs::read(crate::root().join("assets/examples/nga-nam-2021.phuluc.json"))
        .expect("example");
    let (report, template) =
        report_from_bytes(Path::new("example"), &bytes, &TemplateStore::builtin_only())
            .expect("the example loads");
    template
        .rows()
        .iter()
        .map(|row| {
            let cell = report.cell(&row.id);
            let number = match cell {
                Cell::Value(Value::Number(n)) if filled => Some(*n),
                _ => None,
            };
            FormRow {
                id: row.id.to_string(),
                label: row.label.clone(),
                sub: row.sub,
                unit: row.unit.clone(),
                options: row
                    .kind
                    .as_ref()
                    .and_then(Kind::choices)
                    .map(|c| {
                        c.iter()
                            .map(|c| format!("{} = {}", c.label, c.code))
                            .collect()
                    })
                    .unwrap_or_default(),
                value: if filled {
                    display_cell(cell)
                } else {
                    String::new()
                },
                number,
                note: if filled {
                    report
                        .entry(&row.id)
                        .map(|e| e.note.clone())
                        .unwrap_or_default()
                } else {
                    String::new()
                },
            }
        })
        .collect()
}

pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

// ---------------------------------------------------------------- Word

const W_TEXT: &str = "<w:t xml:space=\"preserve\">";

pub fn w_paragraph(runs: &str) -> String {
    format!(
        "<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:r><w:rPr><w:b/></w:rPr>{W_TEXT}{runs}</w:t></w:r></w:p>"
    )
}

pub fn w_cell(props: &str, paragraphs: &[String]) -> String {
    let body: String = if paragraphs.is_empty() {
        "<w:p/>".to_owned()
    } else {
        paragraphs.iter().map(|p| w_paragraph(p)).collect()
    };
    format!("<w:tc><w:tcPr><w:tcW w:w=\"1200\" w:type=\"dxa\"/>{props}</w:tcPr>{body}</w:tc>")
}

/// A long label as Word wraps it by hand: two paragraphs.
pub fn w_label(label: &str) -> Vec<String> {
    let chars: Vec<char> = label.chars().collect();
    if chars.len() <= 60 {
        return vec![escape(label)];
    }
    let half = chars.len() / 2;
    let cut = chars[..half]
        .iter()
        .rposition(|c| *c == ' ')
        .unwrap_or(half);
    let first: String = chars[..cut].iter().collect();
    let second: String = chars[cut + 1..].iter().collect();
    vec![escape(&first), escape(&second)]
}

/// A unit as Word files have them: codes on separate lines, a tab, non-breaking spaces.
pub fn w_unit(row: &FormRow) -> String {
    if !row.options.is_empty() {
        let options: Vec<String> = row.options.iter().map(|o| escape(o)).collect();
        return options.join(&format!("</w:t><w:br/>{W_TEXT}"));
    }
    if let Some((yes, no)) = row.unit.split_once(" Không") {
        return format!("{}</w:t><w:tab/>{W_TEXT}Không{}", escape(yes), escape(no));
    }
    escape(&row.unit).replace(' ', "\u{a0}")
}

/// A .docx of the form: the unit/motto table at the top, title paragraphs, then the form's
/// table with a two-level header (vMerge, gridSpan), the caption and section rows spanning
/// the columns, numbered groups written "1.".
pub fn write_docx(path: &Path, rows: &[FormRow]) {
    let mut body = String::new();
    let motto = [
        (
            "ỦY BAN NHÂN DÂN THỊ XÃ NGÃ NĂM",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        ),
        ("Số: 411/BC-UBND", "Độc lập - Tự do - Hạnh phúc"),
    ];
    body.push_str(
        "<w:tbl><w:tblGrid><w:gridCol w:w=\"4000\"/><w:gridCol w:w=\"5000\"/></w:tblGrid>",
    );
    for (left, right) in motto {
        body.push_str(&format!(
            "<w:tr>{}{}</w:tr>",
            w_cell("", &[escape(left)]),
            w_cell("", &[escape(right)])
        ));
    }
    body.push_str("</w:tbl>");
    for line in [
        "PHỤ LỤC 2, BẢNG 2",
        "THỐNG KÊ SỐ LIỆU VÀ KẾT QUẢ THỰC HIỆN CÔNG TÁC CẢI CÁCH HÀNH CHÍNH NĂM 2021",
        "(Kèm theo Báo cáo số 411/BC-UBND ngày 16 tháng 12 năm 2021 của UBND thị xã Ngã Năm)",
    ] {
        body.push_str(&w_paragraph(&escape(line)));
    }
    body.push_str(&form_table_xml(rows));
    body.push_str(&w_paragraph("NGƯỜI LẬP BIỂU"));
    zip_docx(path, &body);
}

/// The form's table in WordprocessingML.
pub fn form_table_xml(rows: &[FormRow]) -> String {
    let mut body = String::new();
    body.push_str("<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/></w:tblPr><w:tblGrid>");
    body.push_str(&"<w:gridCol w:w=\"1200\"/>".repeat(5));
    body.push_str("</w:tblGrid>");
    let restart = "<w:vMerge w:val=\"restart\"/>";
    let text = |s: &str| vec![escape(s)];
    body.push_str(&format!(
        "<w:tr><w:trPr><w:tblHeader/></w:trPr>{}{}{}{}</w:tr>",
        w_cell(restart, &text("Stt")),
        w_cell(restart, &text("Chỉ tiêu thống kê")),
        w_cell("<w:gridSpan w:val=\"2\"/>", &text("Kết quả thống kê")),
        w_cell(restart, &text("Ghi chú")),
    ));
    body.push_str(&format!(
        "<w:tr>{}{}{}{}{}</w:tr>",
        w_cell("<w:vMerge/>", &[]),
        w_cell("<w:vMerge/>", &[]),
        w_cell("", &["Đơn vị".to_owned(), "tính".to_owned()]),
        w_cell("", &text("Nội dung")),
        w_cell("<w:vMerge/>", &[]),
    ));
    let span4 = "<w:gridSpan w:val=\"4\"/>";
    body.push_str(&format!(
        "<w:tr>{}{}</w:tr>",
        w_cell("", &[]),
        w_cell(span4, &text("Báo cáo CCHC năm 2021"))
    ));
    for row in rows {
        let stt = row.stt();
        if row.is_section() {
            body.push_str(&format!(
                "<w:tr>{}{}</w:tr>",
                w_cell("", &text(&stt)),
                w_cell(span4, &w_label(&row.label))
            ));
            continue;
        }
        let stt = if stt.is_empty() {
            stt
        } else {
            format!("{stt}.")
        };
        let note = if row.note.is_empty() {
            Vec::new()
        } else {
            text(&row.note)
        };
        body.push_str(&format!(
            "<w:tr>{}{}{}{}{}</w:tr>",
            w_cell("", &text(&stt)),
            w_cell("", &w_label(&row.printed_label())),
            w_cell("", &[w_unit(row)]),
            w_cell("", &text(&row.value)),
            w_cell("", &note),
        ));
    }
    body.push_str("</w:tbl><w:p/>");
    body
}

/// Pack a document body as a .docx (the parts Word needs to open it).
pub fn zip_docx(path: &Path, body: &str) {
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
         <w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" \
         xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">\
         <w:body>{body}<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/></w:sectPr></w:body></w:document>"
    );
    let file = std::fs::File::create(path).expect("create .docx");
    let mut zip = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default();
    let parts = [
        (
            "[Content_Types].xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
             <Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
             <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
             <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
             <Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>\
             </Types>"
                .to_owned(),
        ),
        (
            "_rels/.rels",
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
             <Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
             <Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>\
             </Relationships>"
                .to_owned(),
        ),
        ("word/document.xml", document),
    ];
    for (name, text) in parts {
        zip.start_file(name, options).expect("zip entry");
        zip.write_all(text.as_bytes()).expect("zip write");
    }
    zip.finish().expect("zip finish");
}

// ---------------------------------------------------------------- Excel

/// An .xlsx of the form: a guide sheet first, then the form with merged title rows, a
/// two-level merged header, groups numbered as numbers, values as numbers where they are.
pub fn write_xlsx(path: &Path, rows: &[FormRow]) {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    let f = Format::new().set_text_wrap();
    let guide = book.add_worksheet();
    guide.set_name("Hướng dẫn").expect("name");
    guide
        .write_string(0, 0, "Điền số liệu vào trang Bảng 2, không sửa cột Stt")
        .expect("write");
    guide.write_string(1, 0, "Hạn gửi: 15/12").expect("write");
    let sheet = book.add_worksheet();
    sheet.set_name("Bảng 2").expect("name");
    sheet
        .merge_range(0, 0, 0, 4, "PHỤ LỤC 2, BẢNG 2", &f)
        .expect("merge");
    sheet
        .merge_range(
            1,
            0,
            1,
            4,
            "THỐNG KÊ SỐ LIỆU VÀ KẾT QUẢ THỰC HIỆN CÔNG TÁC CẢI CÁCH HÀNH CHÍNH NĂM 2021",
            &f,
        )
        .expect("merge");
    sheet.merge_range(3, 0, 4, 0, "Stt", &f).expect("merge");
    sheet
        .merge_range(3, 1, 4, 1, "Chỉ tiêu thống kê", &f)
        .expect("merge");
    sheet
        .merge_range(3, 2, 3, 3, "Kết quả thống kê", &f)
        .expect("merge");
    sheet.merge_range(3, 4, 4, 4, "Ghi chú", &f).expect("merge");
    sheet.write_string(4, 2, "Đơn vị tính").expect("write");
    sheet.write_string(4, 3, "Nội dung").expect("write");
    sheet
        .merge_range(5, 1, 5, 4, "Báo cáo CCHC năm 2021", &f)
        .expect("merge");
    for (at, row) in rows.iter().enumerate() {
        let r = u32::try_from(at + 6).expect("row");
        let stt = row.stt();
        if row.is_section() {
            sheet.write_string(r, 0, &stt).expect("write");
            sheet
                .merge_range(r, 1, r, 4, &row.label, &f)
                .expect("merge");
            continue;
        }
        match stt.parse::<f64>() {
            Ok(n) => sheet.write_number(r, 0, n),
            Err(_) => sheet.write_string(r, 0, &stt),
        }
        .expect("write");
        sheet
            .write_string(r, 1, row.printed_label())
            .expect("write");
        let unit = if row.options.is_empty() {
            row.unit.clone()
        } else {
            row.options.join("\n")
        };
        sheet.write_string(r, 2, &unit).expect("write");
        match row.number {
            Some(n) => sheet.write_number(r, 3, n),
            None => sheet.write_string(r, 3, &row.value),
        }
        .expect("write");
        if !row.note.is_empty() {
            sheet.write_string(r, 4, &row.note).expect("write");
        }
    }
    book.save(path).expect("save .xlsx");
}

// ---------------------------------------------------------------- HTML

/// The HTML flavour of a table copied from Word: rowspan/colspan, entities, paragraphs.
pub fn html_of(rows: &[FormRow]) -> String {
    let mut html = String::from(
        "Version:0.9\r\nStartHTML:0000000105\r\nEndHTML:0000009999\r\n\
         <html xmlns:o=\"urn:schemas-microsoft-com:office:office\"><head><meta charset=utf-8>\
         <style>td {border:1px}</style></head><body lang=VI><!--StartFragment-->\
         <p class=MsoNormal align=center><b>PHỤ LỤC 2, BẢNG 2<o:p></o:p></b></p>\
         <p class=MsoNormal align=center><b>THỐNG KÊ SỐ LIỆU VÀ KẾT QUẢ THỰC HIỆN CÔNG TÁC CẢI CÁCH HÀNH CHÍNH NĂM 2021</b></p>\
         <table class=MsoTableGrid border=1 cellspacing=0>\
         <tr><td rowspan=2><p>Stt</p></td><td rowspan=2><p>Chỉ tiêu thống kê</p></td>\
         <td colspan=2><p>Kết quả thống kê</p></td><td rowspan=2><p>Ghi chú</p></td></tr>\
         <tr><td><p>Đơn vị tính</p></td><td><p>Nội dung</p></td></tr>\
         <tr><td></td><td colspan=4>Báo cáo CCHC năm 2021</td></tr>\n",
    );
    for row in rows {
        let stt = row.stt();
        if row.is_section() {
            html.push_str(&format!(
                "<tr><td><b>{stt}</b></td><td colspan=4><b>{}</b></td></tr>\n",
                escape(&row.label)
            ));
            continue;
        }
        let unit = if row.options.is_empty() {
            escape(&row.unit).replace(' ', "&nbsp;")
        } else {
            row.options
                .iter()
                .map(|o| escape(o))
                .collect::<Vec<_>>()
                .join("<br>")
        };
        html.push_str(&format!(
            "<tr><td>{stt}</td><td><p class=MsoNormal>{}</p></td><td>{unit}</td><td>{}</td><td>{}</td></tr>\n",
            escape(&row.printed_label()),
            escape(&row.value),
            escape(&row.note)
        ));
    }
    html.push_str("</table><!--EndFragment--></body></html>");
    html
}
