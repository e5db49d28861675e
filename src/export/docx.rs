//! The appendix as a Word document (.docx) for offices that attach it to the report
//! they write in Word: the same [`Sheet`] as the PDF and the workbook, so the three never
//! disagree, laid out as the PDF is (Nghị định 30/2020/NĐ-CP): A4 portrait with margins
//! of 20 mm top and bottom, 30 mm left, 15 mm right; Times New Roman; the unit at the top
//! left, the heading, the title and the "(Kèm theo …)" line centred; a real Word table
//! whose two header rows repeat on every page; the signature block; page numbers from
//! page 2, centred at the top (a header with a PAGE field and a different first page).
//!
//! A .docx is a zip of a few XML parts; they are written here with quick-xml (every
//! text escaped) and zipped with deflate, with no Word library in between.

mod package;
mod table;
mod xml;

use std::io;

use self::xml::{Font, Para, R_NS, W_NS, Xml, element, empty, paragraph, twips};
use super::sheet::Sheet;
#[cfg(test)]
use super::sheet::WRITE_IN_MM;

/// Why the Word file could not be made. It holds nothing from the report that could
/// fail, so this is a fault of the program; the message says so.
#[derive(Debug, thiserror::Error)]
pub enum WordError {
    /// Writing the XML failed.
    #[error("không tạo được tệp Word (lỗi của chương trình, xin báo cho người hỗ trợ): {0}")]
    Xml(#[from] io::Error),
    /// Zipping the parts failed.
    #[error("không tạo được tệp Word (lỗi của chương trình, xin báo cho người hỗ trợ): {0}")]
    Zip(#[from] zip::result::ZipError),
}

/// The page, in twips.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Page {
    width: i64,
    height: i64,
    landscape: bool,
}

impl Page {
    /// A4 portrait, or landscape when asked for or for a roll-up with a column per unit
    /// (as the PDF).
    fn for_sheet(sheet: &Sheet) -> Page {
        let (short, long) = (twips(210.0), twips(297.0));
        if sheet.columns.is_empty() && !sheet.landscape {
            Page {
                width: short,
                height: long,
                landscape: false,
            }
        } else {
            Page {
                width: long,
                height: short,
                landscape: true,
            }
        }
    }

    /// ND 30: top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm.
    const TOP: f64 = 20.0;
    const BOTTOM: f64 = 20.0;
    const LEFT: f64 = 30.0;
    const RIGHT: f64 = 15.0;
    /// The page number's line starts 8 mm from the top edge, inside the top margin.
    const HEADER: f64 = 8.0;

    /// The width between the margins.
    fn text_width(self) -> i64 {
        self.width - twips(Page::LEFT) - twips(Page::RIGHT)
    }
}

/// The heading at 14 pt, the attachment line and the signer's block at 13 pt, the unit
/// block and the left of the signature at 12 pt, the note on "x" at 11 pt (as the PDF).
const HEADING: Font = Font::size(28);
const BODY: Font = Font::size(26);
const SMALL: Font = Font::size(24);
const NOTE: Font = Font::size(22);
/// An empty paragraph that only draws a rule or makes a little space.
const TINY: Font = Font::size(4);

/// The appendix as .docx bytes.
pub fn appendix_docx(sheet: &Sheet) -> Result<Vec<u8>, WordError> {
    let page = Page::for_sheet(sheet);
    let document = document(sheet, page)?;
    Ok(package::zip(sheet, &document, page.text_width())?)
}

/// word/document.xml.
fn document(sheet: &Sheet, page: Page) -> io::Result<Vec<u8>> {
    let mut w = xml::part()?;
    element(
        &mut w,
        "w:document",
        &[("xmlns:w", W_NS), ("xmlns:r", R_NS)],
        |w| {
            element(w, "w:body", &[], |w| {
                unit_block(w, sheet, page)?;
                heading(w, sheet, page)?;
                table::appendix_table(w, sheet, page.text_width())?;
                under_table(w, sheet)?;
                signature(w, sheet, page)?;
                // Word ends a body with a paragraph; a tiny one cannot spill onto a new page.
                paragraph(w, &Para::new(TINY), &[])?;
                section(w, page)
            })
        },
    )?;
    Ok(w.into_inner())
}

/// A short rule under a block: an empty paragraph with a bottom border, `width` wide
/// and centred in `[left, left + block]`, all in twips from the left margin.
fn rule(w: &mut Xml, left: i64, block: i64, width: i64, text_width: i64) -> io::Result<()> {
    let start = left + (block - width) / 2;
    // 3 pt above: clear of the tails of the line over it.
    let mut para = Para::new(TINY)
        .indent(start, text_width - start - width)
        .before(60);
    para.rule = true;
    paragraph(w, &para, &[])
}

/// The unit, top left, as the source prints it: its name in capitals, bold, the province
/// under it, a short rule; centred in a block 85 mm wide (the PDF's).
fn unit_block(w: &mut Xml, sheet: &Sheet, page: Page) -> io::Result<()> {
    if sheet.unit_name.is_empty() && sheet.province.is_empty() {
        return Ok(());
    }
    let block = twips(85.0);
    let para = Para::new(SMALL)
        .centered()
        .indent(0, page.text_width() - block);
    let name = sheet.unit_name.to_uppercase();
    for (text, font) in [(name.as_str(), SMALL.bold()), (&sheet.province, SMALL)] {
        if !text.is_empty() {
            paragraph(w, &para, &[(text, font)])?;
        }
    }
    rule(w, 0, block, block * 3 / 10, page.text_width())
}

/// "PHỤ LỤC 2, BẢNG 2", the title, "(Kèm theo Báo cáo số …)", the draft mark, a short
/// rule, all centred.
fn heading(w: &mut Xml, sheet: &Sheet, page: Page) -> io::Result<()> {
    let para = Para::new(HEADING).centered();
    // 4 pt above, as the PDF.
    paragraph(w, &para.before(80), &[(&sheet.heading, HEADING.bold())])?;
    paragraph(w, &para, &[(&sheet.title, HEADING.bold())])?;
    paragraph(w, &para, &[(&sheet.attachment, BODY.italic())])?;
    if sheet.draft {
        paragraph(
            w,
            &para.before(60),
            &[("BẢN NHÁP – báo cáo còn lỗi", HEADING.bold().red())],
        )?;
    }
    let width = page.text_width();
    rule(w, 0, width, width / 4, width)?;
    // 4 pt under the rule before the table, as the PDF.
    paragraph(w, &Para::new(TINY).after(80), &[])
}

/// The note on "x" rows under the table, or a little space before the signature (two
/// tables in a row would be joined into one by Word).
fn under_table(w: &mut Xml, sheet: &Sheet) -> io::Result<()> {
    if sheet.rows.iter().any(|r| r.na) {
        let note = format!(
            "Ghi chú: “x” là chỉ tiêu không áp dụng cho {}.",
            sheet.level_name
        );
        paragraph(w, &Para::new(NOTE).before(60), &[(&note, NOTE.italic())])
    } else {
        paragraph(w, &Para::new(TINY), &[])
    }
}

/// The signature block: the preparer on the left (bold "Người lập biểu:", their title
/// and contact), the signing authority, title and signer on the right, centred, with
/// room to sign; a borderless table of two halves whose row does not break.
fn signature(w: &mut Xml, sheet: &Sheet, page: Page) -> io::Result<()> {
    if sheet.prepared_by.is_empty() && sheet.signer.is_empty() {
        return Ok(());
    }
    let half = page.text_width() / 2;
    let half_text = half.to_string();
    element(w, "w:tbl", &[], |w| {
        element(w, "w:tblPr", &[], |w| {
            empty(
                w,
                "w:tblW",
                &[("w:w", &page.text_width().to_string()), ("w:type", "dxa")],
            )?;
            empty(w, "w:tblLayout", &[("w:type", "fixed")])
        })?;
        element(w, "w:tblGrid", &[], |w| {
            empty(w, "w:gridCol", &[("w:w", &half_text)])?;
            empty(w, "w:gridCol", &[("w:w", &half_text)])
        })?;
        element(w, "w:tr", &[], |w| {
            element(w, "w:trPr", &[], |w| empty(w, "w:cantSplit", &[]))?;
            signature_cell(w, &half_text, |w| preparer(w, sheet))?;
            signature_cell(w, &half_text, |w| signer(w, sheet))
        })
    })
}

fn signature_cell(
    w: &mut Xml,
    width: &str,
    inner: impl FnOnce(&mut Xml) -> io::Result<()>,
) -> io::Result<()> {
    element(w, "w:tc", &[], |w| {
        element(w, "w:tcPr", &[], |w| {
            empty(w, "w:tcW", &[("w:w", width), ("w:type", "dxa")])
        })?;
        inner(w)
    })
}

/// The left half: "Người lập biểu: …", their title, "Điện thoại, email: …".
fn preparer(w: &mut Xml, sheet: &Sheet) -> io::Result<()> {
    let para = Para::new(SMALL).before(200);
    if sheet.prepared_by.is_empty() {
        return paragraph(w, &para, &[]);
    }
    paragraph(
        w,
        &para,
        &[
            ("Người lập biểu: ", SMALL.bold()),
            (&sheet.prepared_by, SMALL),
        ],
    )?;
    let para = Para::new(SMALL);
    if !sheet.prepared_title.is_empty() {
        paragraph(w, &para, &[(&sheet.prepared_title, SMALL)])?;
    }
    if !sheet.contact.is_empty() {
        paragraph(
            w,
            &para,
            &[("Điện thoại, email: ", SMALL), (&sheet.contact, SMALL)],
        )?;
    }
    Ok(())
}

/// The right half: "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", 22 mm to sign in, the signer.
fn signer(w: &mut Xml, sheet: &Sheet) -> io::Result<()> {
    let para = Para::new(BODY).centered();
    let authority = sheet.signer_authority.to_uppercase();
    let title = sheet.signer_title.to_uppercase();
    let mut first = true;
    for text in [&authority, &title] {
        if !text.is_empty() {
            let p = if first { para.before(200) } else { para };
            paragraph(w, &p, &[(text, BODY.bold())])?;
            first = false;
        }
    }
    paragraph(
        w,
        &para.before(twips(22.0)),
        &[(&sheet.signer, BODY.bold())],
    )
}

/// The section: the page, the margins, the headers (page 1 has its own, without a
/// number), numbering from 1.
fn section(w: &mut Xml, page: Page) -> io::Result<()> {
    element(w, "w:sectPr", &[], |w| {
        empty(
            w,
            "w:headerReference",
            &[("w:type", "default"), ("r:id", package::HEADER_DEFAULT)],
        )?;
        empty(
            w,
            "w:headerReference",
            &[("w:type", "first"), ("r:id", package::HEADER_FIRST)],
        )?;
        let (width, height) = (page.width.to_string(), page.height.to_string());
        let mut size = vec![("w:w", width.as_str()), ("w:h", height.as_str())];
        if page.landscape {
            size.push(("w:orient", "landscape"));
        }
        empty(w, "w:pgSz", &size)?;
        let margin = |mm| twips(mm).to_string();
        empty(
            w,
            "w:pgMar",
            &[
                ("w:top", &margin(Page::TOP)),
                ("w:right", &margin(Page::RIGHT)),
                ("w:bottom", &margin(Page::BOTTOM)),
                ("w:left", &margin(Page::LEFT)),
                ("w:header", &margin(Page::HEADER)),
                ("w:footer", &margin(Page::HEADER)),
                ("w:gutter", "0"),
            ],
        )?;
        empty(w, "w:pgNumType", &[("w:start", "1")])?;
        empty(w, "w:titlePg", &[])
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Report, Template};

    fn document_text(sheet: &Sheet) -> String {
        String::from_utf8(document(sheet, Page::for_sheet(sheet)).expect("writes")).expect("utf-8")
    }

    #[test]
    fn a_roll_up_with_a_column_per_unit_turns_the_page() {
        let t = Template::builtin().expect("template");
        let mut sheet = Sheet::new(&t, &Report::new(&t), false);
        sheet.columns = vec!["Xã An Hòa".to_owned(), "Phường 2".to_owned()];
        for row in &mut sheet.rows {
            row.columns = vec!["1.200".to_owned(), "x".to_owned()];
        }
        let xml = document_text(&sheet);
        assert!(xml.contains(r#"<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>"#));
        let grid = &xml[xml.find("<w:tblGrid>").expect("grid")..];
        let grid = &grid[..grid.find("</w:tblGrid>").expect("end")];
        assert_eq!(grid.matches("<w:gridCol ").count(), 6);
        // The columns fill the 252 mm between the margins.
        let total: i64 = grid
            .split("w:w=\"")
            .skip(1)
            .filter_map(|s| s.split('"').next()?.parse::<i64>().ok())
            .sum();
        assert_eq!(total, twips(297.0) - twips(30.0) - twips(15.0));
        assert!(xml.contains("Từng đơn vị") && xml.contains("Phường 2"));
        assert!(xml.contains(r#"<w:gridSpan w:val="2"/>"#));
        assert_eq!(xml.matches("1.200").count(), sheet.rows.len());
    }

    #[test]
    fn the_blank_form_has_tall_rows_to_write_in_and_dotted_blanks() {
        let t = Template::builtin().expect("template");
        let sheet = Sheet::blank(&t, Some(crate::model::Level::Xa));
        let xml = document_text(&sheet);
        let tall = format!(
            r#"<w:trHeight w:val="{}" w:hRule="atLeast"/>"#,
            twips(WRITE_IN_MM)
        );
        let write_in = sheet.rows.iter().filter(|r| r.write_in).count();
        assert_eq!(
            write_in,
            t.value_rows(Some(crate::model::Level::Xa)).count()
        );
        assert_eq!(xml.matches(&tall).count(), write_in);
        assert!(xml.contains("ỦY BAN NHÂN DÂN …"));
        assert!(xml.contains("TM. ỦY BAN NHÂN DÂN"));
        assert!(xml.contains("(Kèm theo Báo cáo số …/BC-UBND ngày … tháng … năm … của …)"));
    }
}
