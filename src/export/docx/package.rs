//! The parts around the document body and the zip that holds them: content types,
//! relationships, styles (Times New Roman, Vietnamese), settings, the page headers (the
//! page number from page 2, centred) and the document properties.

use std::io::{self, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use super::xml::{self, Font, R_NS, W_NS, Xml, element, empty, val};
use crate::export::sheet::Sheet;

/// Relationship ids of the two headers, used by the section properties.
pub(super) const HEADER_DEFAULT: &str = "rIdHeaderDefault";
/// The first page's header (no page number on page 1).
pub(super) const HEADER_FIRST: &str = "rIdHeaderFirst";

/// The page number at 13 pt, as the PDF's.
const PAGE_NUMBER: Font = Font::size(26);

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/><Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/><Override PartName="/word/header2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>"#;

const PACKAGE_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>"#;

const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/><Relationship Id="rIdHeaderDefault" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/><Relationship Id="rIdHeaderFirst" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header2.xml"/></Relationships>"#;

/// Times New Roman 12 pt in Vietnamese for everything, single line spacing, no space
/// after paragraphs (Word's own default adds 8 pt after each, which would double the
/// height of every row of the table).
const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="Times New Roman" w:cs="Times New Roman"/><w:sz w:val="24"/><w:szCs w:val="24"/><w:lang w:val="vi-VN" w:eastAsia="en-US" w:bidi="ar-SA"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style><w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style><w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="30" w:type="dxa"/><w:left w:w="60" w:type="dxa"/><w:bottom w:w="30" w:type="dxa"/><w:right w:w="60" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style><w:style w:type="paragraph" w:styleId="Header"><w:name w:val="header"/><w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/></w:style></w:styles>"#;

/// Word 2013+ layout (not compatibility mode).
const SETTINGS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:zoom w:percent="100"/><w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>"#;

const APP: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>phuluc</Application></Properties>"#;

/// A page header: with `page_number`, the number centred (a PAGE field); on a draft,
/// "BẢN NHÁP" at the right margin. `text_width` in twips places the tab stops.
fn header(page_number: bool, draft: bool, text_width: i64) -> io::Result<Vec<u8>> {
    let mut w = xml::part()?;
    element(
        &mut w,
        "w:hdr",
        &[("xmlns:w", W_NS), ("xmlns:r", R_NS)],
        |w| {
            element(w, "w:p", &[], |w| {
                element(w, "w:pPr", &[], |w| {
                    val(w, "w:pStyle", "Header")?;
                    element(w, "w:tabs", &[], |w| {
                        for (kind, at) in [("center", text_width / 2), ("right", text_width)] {
                            empty(w, "w:tab", &[("w:val", kind), ("w:pos", &at.to_string())])?;
                        }
                        Ok(())
                    })?;
                    xml::run_props(w, PAGE_NUMBER)
                })?;
                header_runs(w, page_number, draft)
            })
        },
    )?;
    Ok(w.into_inner())
}

/// The runs of a header's paragraph: tab, the page number, tab, the draft mark.
fn header_runs(w: &mut Xml, page_number: bool, draft: bool) -> io::Result<()> {
    if !page_number && !draft {
        return Ok(());
    }
    xml::run(w, "\t", PAGE_NUMBER)?;
    if page_number {
        element(w, "w:fldSimple", &[("w:instr", " PAGE ")], |w| {
            xml::run(w, "2", PAGE_NUMBER)
        })?;
    }
    if draft {
        xml::run(w, "\tBẢN NHÁP", PAGE_NUMBER.bold().red())?;
    }
    Ok(())
}

/// The document's properties: its title, language and the program that made it (no
/// dates: the same report makes the same file).
fn core(sheet: &Sheet) -> io::Result<Vec<u8>> {
    let mut w = xml::part()?;
    element(
        &mut w,
        "cp:coreProperties",
        &[
            (
                "xmlns:cp",
                "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
            ),
            ("xmlns:dc", "http://purl.org/dc/elements/1.1/"),
            ("xmlns:dcterms", "http://purl.org/dc/terms/"),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
        ],
        |w| {
            xml::text_element(
                w,
                "dc:title",
                &format!("{} – {}", sheet.heading, sheet.title),
            )?;
            xml::text_element(w, "dc:creator", "phuluc")?;
            xml::text_element(w, "dc:language", "vi-VN")
        },
    )?;
    Ok(w.into_inner())
}

/// The .docx: every part zipped (deflate), `document` being word/document.xml.
pub(super) fn zip(
    sheet: &Sheet,
    document: &[u8],
    text_width: i64,
) -> zip::result::ZipResult<Vec<u8>> {
    let parts: [(&str, Vec<u8>); 10] = [
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes().to_vec()),
        ("_rels/.rels", PACKAGE_RELS.as_bytes().to_vec()),
        ("docProps/core.xml", core(sheet)?),
        ("docProps/app.xml", APP.as_bytes().to_vec()),
        ("word/document.xml", document.to_vec()),
        (
            "word/_rels/document.xml.rels",
            DOCUMENT_RELS.as_bytes().to_vec(),
        ),
        ("word/styles.xml", STYLES.as_bytes().to_vec()),
        ("word/settings.xml", SETTINGS.as_bytes().to_vec()),
        ("word/header1.xml", header(true, sheet.draft, text_width)?),
        ("word/header2.xml", header(false, sheet.draft, text_width)?),
    ];
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    let mut zip = ZipWriter::new(io::Cursor::new(Vec::new()));
    for (name, bytes) in parts {
        zip.start_file(name, options)?;
        zip.write_all(&bytes)?;
    }
    Ok(zip.finish()?.into_inner())
}
