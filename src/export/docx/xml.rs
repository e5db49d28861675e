//! Writing WordprocessingML with quick-xml: elements, runs of text in a font, and
//! paragraphs. Every piece of text goes through [`run`], which escapes it (quick-xml),
//! drops the characters XML 1.0 cannot hold (a stray control character from a pasted
//! note would make Word refuse the whole file) and turns line breaks and tabs into
//! Word's own `w:br` and `w:tab`.

use std::io;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};

/// A part being written.
pub(super) type Xml = Writer<Vec<u8>>;

/// The WordprocessingML namespace (`w:`).
pub(super) const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
/// The relationships namespace (`r:`), for the header references.
pub(super) const R_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// Twentieths of a point (Word's "dxa") in a millimetre.
const TWIPS_PER_MM: f64 = 1440.0 / 25.4;

/// Millimetres in twips, Word's unit of page and table geometry.
pub(super) fn twips(mm: f64) -> i64 {
    #[allow(clippy::cast_possible_truncation)]
    let t = (mm * TWIPS_PER_MM).round() as i64;
    t
}

/// A new part, opened by the XML declaration Word writes.
pub(super) fn part() -> io::Result<Xml> {
    let mut w = Writer::new(Vec::new());
    w.write_event(Event::Decl(BytesDecl::new(
        "1.0",
        Some("UTF-8"),
        Some("yes"),
    )))?;
    Ok(w)
}

/// `<name attrs…/>`.
pub(super) fn empty(w: &mut Xml, name: &str, attrs: &[(&str, &str)]) -> io::Result<()> {
    w.create_element(name)
        .with_attributes(attrs.iter().copied())
        .write_empty()?;
    Ok(())
}

/// `<name w:val="value"/>`.
pub(super) fn val(w: &mut Xml, name: &str, value: impl std::fmt::Display) -> io::Result<()> {
    empty(w, name, &[("w:val", &value.to_string())])
}

/// `<name attrs…>` what `inner` writes `</name>`.
pub(super) fn element(
    w: &mut Xml,
    name: &str,
    attrs: &[(&str, &str)],
    inner: impl FnOnce(&mut Xml) -> io::Result<()>,
) -> io::Result<()> {
    w.create_element(name)
        .with_attributes(attrs.iter().copied())
        .write_inner_content(inner)?;
    Ok(())
}

/// `<name>text</name>`, the text escaped.
pub(super) fn text_element(w: &mut Xml, name: &str, text: &str) -> io::Result<()> {
    w.create_element(name)
        .write_text_content(BytesText::new(&clean(text)))?;
    Ok(())
}

/// A size and a style of Times New Roman (the font every part of the document is in).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Font {
    /// Size in half points, as Word counts it (24 is 12 pt).
    pub half_points: u32,
    /// Bold.
    pub bold: bool,
    /// Italic.
    pub italic: bool,
    /// Dark red (the draft mark).
    pub red: bool,
}

impl Font {
    /// Regular text of this size in half points.
    pub const fn size(half_points: u32) -> Font {
        Font {
            half_points,
            bold: false,
            italic: false,
            red: false,
        }
    }

    /// The same in bold.
    pub const fn bold(self) -> Font {
        Font { bold: true, ..self }
    }

    /// The same in bold when `strong`.
    pub const fn bold_if(self, strong: bool) -> Font {
        Font {
            bold: strong,
            ..self
        }
    }

    /// The same in italic.
    pub const fn italic(self) -> Font {
        Font {
            italic: true,
            ..self
        }
    }

    /// The same in dark red.
    pub const fn red(self) -> Font {
        Font { red: true, ..self }
    }
}

/// The run properties of `font` (`w:rPr`), in the order the schema wants them.
pub(super) fn run_props(w: &mut Xml, font: Font) -> io::Result<()> {
    element(w, "w:rPr", &[], |w| {
        if font.bold {
            empty(w, "w:b", &[])?;
            empty(w, "w:bCs", &[])?;
        }
        if font.italic {
            empty(w, "w:i", &[])?;
            empty(w, "w:iCs", &[])?;
        }
        if font.red {
            val(w, "w:color", "C00000")?;
        }
        val(w, "w:sz", font.half_points)?;
        val(w, "w:szCs", font.half_points)
    })
}

/// Text as XML 1.0 can hold it: line ends as `\n`, characters XML forbids (C0 controls
/// other than tab and line feed, U+FFFE, U+FFFF) left out.
pub(super) fn clean(text: &str) -> String {
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .filter(|&c| matches!(c, '\t' | '\n') || (c >= ' ' && c != '\u{fffe}' && c != '\u{ffff}'))
        .collect()
}

/// A run of `text` in `font`: line breaks become `w:br`, tabs `w:tab`.
pub(super) fn run(w: &mut Xml, text: &str, font: Font) -> io::Result<()> {
    let text = clean(text);
    element(w, "w:r", &[], |w| {
        run_props(w, font)?;
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                empty(w, "w:br", &[])?;
            }
            for (j, piece) in line.split('\t').enumerate() {
                if j > 0 {
                    empty(w, "w:tab", &[])?;
                }
                if !piece.is_empty() {
                    w.create_element("w:t")
                        .with_attribute(("xml:space", "preserve"))
                        .write_text_content(BytesText::new(piece))?;
                }
            }
        }
        Ok(())
    })
}

/// How a paragraph is aligned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) enum Align {
    /// Left (Word's default).
    #[default]
    Left,
    /// Centred.
    Center,
}

/// A paragraph's properties.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Para {
    /// Alignment.
    pub align: Align,
    /// Left indent, twips.
    pub left: i64,
    /// Right indent, twips.
    pub right: i64,
    /// Space before, twips.
    pub before: i64,
    /// Space after, twips.
    pub after: i64,
    /// Kept on the page of the next paragraph.
    pub keep_next: bool,
    /// A line under the paragraph, as wide as the paragraph (the short rules under the
    /// unit and under the title are empty paragraphs with this and narrow indents).
    pub rule: bool,
    /// The font of the paragraph mark: an empty paragraph is as tall as this.
    pub mark: Font,
}

impl Para {
    /// Left-aligned, no indents or spacing, the mark in `mark`.
    pub const fn new(mark: Font) -> Para {
        Para {
            align: Align::Left,
            left: 0,
            right: 0,
            before: 0,
            after: 0,
            keep_next: false,
            rule: false,
            mark,
        }
    }

    /// The same, centred.
    pub const fn centered(self) -> Para {
        Para {
            align: Align::Center,
            ..self
        }
    }

    /// The same with this space before, twips.
    pub const fn before(self, before: i64) -> Para {
        Para { before, ..self }
    }

    /// The same with this space after, twips.
    pub const fn after(self, after: i64) -> Para {
        Para { after, ..self }
    }

    /// The same with these indents, twips.
    pub const fn indent(self, left: i64, right: i64) -> Para {
        Para {
            left,
            right,
            ..self
        }
    }
}

/// The paragraph properties (`w:pPr`), in the order the schema wants them.
fn para_props(w: &mut Xml, para: &Para) -> io::Result<()> {
    element(w, "w:pPr", &[], |w| {
        if para.keep_next {
            empty(w, "w:keepNext", &[])?;
        }
        if para.rule {
            element(w, "w:pBdr", &[], |w| {
                empty(
                    w,
                    "w:bottom",
                    &[
                        ("w:val", "single"),
                        ("w:sz", "6"),
                        ("w:space", "1"),
                        ("w:color", "000000"),
                    ],
                )
            })?;
        }
        if para.before != 0 || para.after != 0 {
            empty(
                w,
                "w:spacing",
                &[
                    ("w:before", &para.before.to_string()),
                    ("w:after", &para.after.to_string()),
                ],
            )?;
        }
        if para.left != 0 || para.right != 0 {
            empty(
                w,
                "w:ind",
                &[
                    ("w:left", &para.left.to_string()),
                    ("w:right", &para.right.to_string()),
                ],
            )?;
        }
        if para.align == Align::Center {
            val(w, "w:jc", "center")?;
        }
        run_props(w, para.mark)
    })
}

/// A paragraph of runs, each `(text, font)`; empty texts are left out.
pub(super) fn paragraph(w: &mut Xml, para: &Para, runs: &[(&str, Font)]) -> io::Result<()> {
    element(w, "w:p", &[], |w| {
        para_props(w, para)?;
        for &(text, font) in runs {
            if !text.is_empty() {
                run(w, text, font)?;
            }
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(f: impl FnOnce(&mut Xml) -> io::Result<()>) -> String {
        let mut w = Writer::new(Vec::new());
        f(&mut w).expect("writes");
        String::from_utf8(w.into_inner()).expect("utf-8")
    }

    #[test]
    fn text_is_escaped_and_kept_whole() {
        let xml = written(|w| run(w, "a < b & \"c\" ", Font::size(24)));
        assert!(xml.contains("a &lt; b &amp; &quot;c&quot; </w:t>"), "{xml}");
        assert!(xml.contains("xml:space=\"preserve\""));
    }

    #[test]
    fn breaks_tabs_and_forbidden_characters() {
        let xml = written(|w| run(w, "một\r\nhai\tba\u{1}\u{b}", Font::size(24).bold()));
        assert!(
            xml.contains("một</w:t><w:br/><w:t xml:space=\"preserve\">hai</w:t><w:tab/><w:t xml:space=\"preserve\">ba</w:t>"),
            "{xml}"
        );
        assert!(xml.contains("<w:b/>"));
        assert!(!xml.contains('\u{1}') && !xml.contains('\u{b}'));
    }

    #[test]
    fn millimetres_in_twips() {
        assert_eq!(twips(210.0), 11906);
        assert_eq!(twips(297.0), 16838);
        assert_eq!(twips(20.0), 1134);
        assert_eq!(twips(30.0), 1701);
        assert_eq!(twips(15.0), 850);
    }
}
