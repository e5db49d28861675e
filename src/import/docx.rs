//! Tables of a Word document (.docx: a zip of XML; the body is `word/document.xml`).
//!
//! WordprocessingML puts a table in `w:tbl`, rows in `w:tr`, cells in `w:tc`, text in
//! `w:t` inside runs (`w:r`) of paragraphs (`w:p`). A cell spanning columns says
//! `w:gridSpan w:val="n"`; a vertical merge starts with `w:vMerge w:val="restart"` and every
//! cell below it that continues it has a bare `w:vMerge`. Paragraphs within a cell are
//! joined by a line break, as are `w:br` and `w:cr`; a `w:tab` in a run is a space. Deleted
//! text of tracked changes (`w:delText`), field codes (`w:instrText`), text boxes and the
//! fallback copies of drawings are not part of the table's text.

use std::io::Read;
use std::path::Path;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::spans::{SpanCell, expand};
use super::{Grid, ImportError, Piece, with_lines_around};

/// The body of a document is a few MB at most; a zip entry claiming more is refused.
const MAX_XML_BYTES: u64 = 64 * 1024 * 1024;

/// Every table of the document, in order (nested tables too, each on its own).
pub(super) fn tables(path: &Path, bytes: &[u8]) -> Result<Vec<Grid>, ImportError> {
    let wrong = |problem: String| ImportError::NotWhatItSays {
        path: path.to_path_buf(),
        problem,
        advice:
            "hãy mở tệp bằng Word, chọn Lưu thành… (Save As) dạng Word Document (.docx) rồi thử lại"
                .to_owned(),
    };
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| {
        wrong(format!(
            "không phải tệp Word .docx (không mở được như tệp nén .docx: {e})"
        ))
    })?;
    let name = if zip.index_for_name("word/document.xml").is_some() {
        "word/document.xml".to_owned()
    } else {
        zip.file_names()
            .flatten()
            .find(|n| n.starts_with("word/") && n.ends_with(".xml") && n.contains("document"))
            .map(|n| n.into_owned())
            .ok_or_else(|| {
                wrong("không phải tệp Word .docx (trong tệp nén không có phần nội dung word/document.xml)".to_owned())
            })?
    };
    let mut entry = zip
        .by_name(&name)
        .map_err(|e| wrong(format!("có phần nội dung không đọc được ({e})")))?;
    if entry.size() > MAX_XML_BYTES {
        return Err(wrong(format!(
            "có phần nội dung quá lớn ({} MB)",
            entry.size() / (1024 * 1024)
        )));
    }
    let mut xml = String::new();
    entry
        .by_ref()
        .take(MAX_XML_BYTES)
        .read_to_string(&mut xml)
        .map_err(|e| wrong(format!("có phần nội dung không đọc được ({e})")))?;
    parse(&xml).map_err(|e| wrong(format!("có phần nội dung XML bị hỏng ({e})")))
}

/// A table being read.
#[derive(Default)]
struct Table {
    rows: Vec<Vec<SpanCell>>,
    row: Vec<SpanCell>,
    cell: Option<SpanCell>,
    paragraphs: Vec<String>,
}

/// Where the reader is.
#[derive(Default)]
struct State {
    open: Vec<Table>,
    done: Vec<Grid>,
    /// The paragraphs and tables of the body, in order.
    pieces: Vec<Piece>,
    paragraph: String,
    in_text: bool,
    in_run: usize,
    skipping: usize,
}

impl State {
    fn start(&mut self, e: &BytesStart, empty: bool) {
        let name = e.local_name();
        let name = name.as_ref();
        if self.skipping > 0 {
            if !empty {
                self.skipping += 1;
            }
            return;
        }
        match name {
            "delText" | "instrText" | "txbxContent" | "Fallback" | "pict" | "drawing" if !empty => {
                self.skipping = 1;
            }
            "tbl" if !empty => self.open.push(Table::default()),
            "tr" => {
                if let Some(t) = self.open.last_mut() {
                    t.row = Vec::new();
                }
            }
            "gridBefore" | "gridAfter" => {
                let n = val(e).and_then(|v| v.parse::<usize>().ok()).unwrap_or(0);
                if let Some(t) = self.open.last_mut()
                    && n > 0
                {
                    t.row.push(SpanCell {
                        colspan: n,
                        ..SpanCell::new(String::new())
                    });
                }
            }
            "tc" => {
                if let Some(t) = self.open.last_mut() {
                    t.cell = Some(SpanCell::new(String::new()));
                    t.paragraphs.clear();
                }
            }
            "gridSpan" => {
                let n = val(e).and_then(|v| v.parse::<usize>().ok()).unwrap_or(1);
                if let Some(cell) = self.open.last_mut().and_then(|t| t.cell.as_mut()) {
                    cell.colspan = n;
                }
            }
            "vMerge" => {
                let restart = val(e).is_some_and(|v| v == "restart");
                if let Some(cell) = self.open.last_mut().and_then(|t| t.cell.as_mut()) {
                    cell.continues_above = !restart;
                }
            }
            "r" if !empty => self.in_run += 1,
            "t" if !empty && self.in_run > 0 => self.in_text = true,
            "tab" if self.in_run > 0 => self.paragraph.push(' '),
            "br" | "cr" if self.in_run > 0 => self.paragraph.push('\n'),
            "noBreakHyphen" if self.in_run > 0 => self.paragraph.push('-'),
            "p" if empty => self.end_paragraph(),
            _ => {}
        }
    }

    fn end(&mut self, name: &str) {
        if self.skipping > 0 {
            self.skipping -= 1;
            return;
        }
        match name {
            "t" => self.in_text = false,
            "r" => self.in_run = self.in_run.saturating_sub(1),
            "p" => self.end_paragraph(),
            "tc" => {
                if let Some(t) = self.open.last_mut()
                    && let Some(mut cell) = t.cell.take()
                {
                    cell.text = t.paragraphs.join("\n");
                    t.paragraphs.clear();
                    t.row.push(cell);
                }
            }
            "tr" => {
                if let Some(t) = self.open.last_mut() {
                    let row = std::mem::take(&mut t.row);
                    t.rows.push(row);
                }
            }
            "tbl" => {
                if let Some(t) = self.open.pop() {
                    self.finish(t.rows);
                }
            }
            _ => {}
        }
    }

    fn text(&mut self, text: &str) {
        if self.in_text && self.skipping == 0 {
            self.paragraph.push_str(text);
        }
    }

    fn end_paragraph(&mut self) {
        let text = std::mem::take(&mut self.paragraph);
        match self.open.last_mut() {
            Some(t) if t.cell.is_some() => t.paragraphs.push(text),
            Some(_) => {}
            None => {
                if !text.trim().is_empty() {
                    self.pieces.push(Piece::Line(text));
                }
            }
        }
    }

    /// A table read to its end; a table of the body (not nested) takes its place among
    /// the paragraphs.
    fn finish(&mut self, rows: Vec<Vec<SpanCell>>) {
        self.done.push(expand(rows, Vec::new()));
        if self.open.is_empty() {
            self.pieces.push(Piece::Table(self.done.len() - 1));
        }
    }
}

/// The `w:val` of an element.
fn val(e: &BytesStart) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == "val")
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

/// The tables of `word/document.xml`.
pub(super) fn parse(xml: &str) -> Result<Vec<Grid>, quick_xml::Error> {
    let mut reader = Reader::from_str(xml);
    let mut state = State::default();
    loop {
        match reader.read_event()? {
            Event::Start(e) => state.start(&e, false),
            Event::Empty(e) => state.start(&e, true),
            Event::End(e) => state.end(e.local_name().as_ref()),
            Event::Text(t) => state.text(&t.xml10_content()),
            Event::CData(t) => state.text(&t.into_inner()),
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c.to_string()),
                    _ => quick_xml::escape::resolve_xml_entity(&r).map(str::to_owned),
                };
                if let Some(text) = resolved {
                    state.text(&text);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    // A table left open by a truncated file still counts for what it holds.
    while let Some(t) = state.open.pop() {
        let mut rows = t.rows;
        if !t.row.is_empty() {
            rows.push(t.row);
        }
        state.finish(rows);
    }
    Ok(with_lines_around(state.done, &state.pieces))
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    fn document(body: &str) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body>{body}</w:body></w:document>"#
        )
    }

    fn cell(props: &str, paragraphs: &[&str]) -> String {
        let ps: String = paragraphs
            .iter()
            .map(|p| format!("<w:p><w:r><w:t xml:space=\"preserve\">{p}</w:t></w:r></w:p>"))
            .collect();
        format!("<w:tc><w:tcPr>{props}</w:tcPr>{ps}</w:tc>")
    }

    #[test]
    fn merges_breaks_and_title_paragraphs() {
        let xml = document(&format!(
            "<w:p><w:r><w:t>PHỤ LỤC 2, BẢNG 2</w:t></w:r></w:p>\
             <w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"720\"/></w:tabs></w:pPr><w:r><w:t>THỐNG KÊ</w:t><w:tab/><w:t>NĂM 2025</w:t></w:r></w:p>\
             <w:tbl><w:tr>{}{}{}</w:tr><w:tr>{}{}{}{}</w:tr><w:tr>{}{}{}{}</w:tr></w:tbl>",
            cell("<w:vMerge w:val=\"restart\"/>", &["Stt"]),
            cell("<w:vMerge w:val=\"restart\"/>", &["Chỉ tiêu"]),
            cell("<w:gridSpan w:val=\"2\"/>", &["Kết quả thống kê"]),
            cell("<w:vMerge/>", &[""]),
            cell("<w:vMerge/>", &[]),
            cell("", &["Đơn vị", "tính"]),
            cell("", &["Nội dung"]),
            cell("", &["I"]),
            cell("", &["Cải&#160;cách &amp; đổi mới"]),
            "<w:tc><w:p><w:r><w:t>Có = 1</w:t><w:br/><w:t>Không = 0</w:t></w:r></w:p></w:tc>",
            "<w:tc><w:p><w:r><w:delText>xoá</w:delText><w:t>giữ</w:t></w:r></w:p></w:tc>",
        ));
        let tables = parse(&xml).expect("parses");
        assert_eq!(tables.len(), 1);
        let g = &tables[0];
        assert_eq!(g.lines_above(), ["PHỤ LỤC 2, BẢNG 2", "THỐNG KÊ NĂM 2025"]);
        let rows: Vec<Vec<&str>> = (0..g.height())
            .map(|r| (0..g.width()).map(|c| g.cell(r, c)).collect())
            .collect();
        assert_eq!(
            rows,
            [
                vec!["Stt", "Chỉ tiêu", "Kết quả thống kê", "Kết quả thống kê"],
                vec!["Stt", "Chỉ tiêu", "Đơn vị\ntính", "Nội dung"],
                vec!["I", "Cải cách & đổi mới", "Có = 1\nKhông = 0", "giữ"],
            ]
        );
        assert_eq!(g.own(0, 3), "");
    }

    #[test]
    fn text_around_the_form_letterhead_and_signature_tables_included() {
        let row = |cells: &[&[&str]]| -> String {
            let cells: String = cells.iter().map(|c| cell("", c)).collect();
            format!("<w:tr>{cells}</w:tr>")
        };
        let xml = document(&format!(
            "<w:tbl>{}{}</w:tbl>\
             <w:p><w:r><w:t>PHỤ LỤC 2, BẢNG 2</w:t></w:r></w:p>\
             <w:tbl>{}{}</w:tbl>\
             <w:tbl>{}</w:tbl>\
             <w:p><w:r><w:t>Nơi nhận</w:t></w:r></w:p>",
            row(&[
                &["ỦY BAN NHÂN DÂN", "XÃ AN HÒA"],
                &["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]
            ]),
            row(&[&["Số: 25/BC-UBND"], &["Độc lập - Tự do - Hạnh phúc"]]),
            row(&[&["Stt"], &["Chỉ tiêu"], &["Đơn vị tính"], &["Nội dung"]]),
            row(&[&["I"], &["Cải cách"], &[], &[]]),
            row(&[&["NGƯỜI LẬP BIỂU"], &["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]]),
        ));
        let tables = parse(&xml).expect("parses");
        assert_eq!(tables.len(), 3);
        let form = &tables[1];
        assert_eq!(
            form.lines_above(),
            [
                "ỦY BAN NHÂN DÂN",
                "XÃ AN HÒA",
                "Số: 25/BC-UBND",
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                "Độc lập - Tự do - Hạnh phúc",
                "PHỤ LỤC 2, BẢNG 2"
            ],
            "the letterhead a column at a time"
        );
        assert_eq!(
            form.lines_below(),
            [
                "NGƯỜI LẬP BIỂU",
                "TM. ỦY BAN NHÂN DÂN",
                "CHỦ TỊCH",
                "Nơi nhận"
            ]
        );
    }

    #[test]
    fn broken_xml_is_an_error_not_a_panic() {
        assert!(parse("<w:document><w:body><w:tbl><w:tr></w:tc>").is_err());
    }
}
