//! The appendix's table as a real Word table: fixed column widths from the PDF's layout,
//! thin black borders, the two header rows marked `w:tblHeader` (Word and LibreOffice
//! repeat them at the top of every page), "Kết quả thống kê" spanning the unit and value
//! columns (`w:gridSpan`) over the cells that Stt, the label and Ghi chú stretch down
//! across (`w:vMerge`), and rows that do not break across a page unless they are very
//! tall (as the PDF, so no page ends in an empty band).

use std::io;

use super::xml::{Font, Para, Xml, element, empty, paragraph, twips, val};
use crate::export::sheet::{Sheet, SheetRow, WRITE_IN_MM};

/// Labels, values and the header at 12 pt, as the PDF (one step under the 13–14 pt body).
const CELL: Font = Font::size(24);
/// Đơn vị tính at 10,5 pt.
const UNIT: Font = Font::size(21);
/// A value written as text (a document, a sentence) at 11 pt.
const TEXT_VALUE: Font = Font::size(22);
/// Ghi chú at 10 pt: notes are long and secondary.
const NOTE: Font = Font::size(20);
/// The wide roll-up table at 10 pt.
const WIDE: Font = Font::size(20);
/// Unit names over their columns at 9 pt.
const WIDE_HEAD: Font = Font::size(18);

/// A value or a note longer than this (in characters) may break across a page, as the
/// PDF allows: moving so tall a row whole would leave a band at the bottom of the page.
const BREAKABLE_CHARS: usize = 150;

/// Cell padding: 3 pt left and right, 1,5 pt above and below (the PDF's inset).
const PAD_X: &str = "60";
const PAD_Y: &str = "20";

/// How a cell takes part in a vertical merge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Merge {
    /// Not merged.
    No,
    /// The top cell of a merge.
    Restart,
    /// A cell the one above stretches over.
    Continue,
}

/// One cell: its width (twips), how many grid columns it spans, its merge, and its one
/// paragraph.
struct Cell<'a> {
    width: i64,
    span: usize,
    merge: Merge,
    para: Para,
    runs: Vec<(&'a str, Font)>,
}

impl<'a> Cell<'a> {
    fn new(width: i64, text: &'a str, font: Font) -> Cell<'a> {
        Cell {
            width,
            span: 1,
            merge: Merge::No,
            para: Para::new(font),
            runs: vec![(text, font)],
        }
    }

    fn centered(mut self) -> Cell<'a> {
        self.para = self.para.centered();
        self
    }

    fn merge(mut self, merge: Merge) -> Cell<'a> {
        self.merge = merge;
        self
    }

    fn span(mut self, span: usize, width: i64) -> Cell<'a> {
        self.span = span;
        self.width = width;
        self
    }
}

/// How a row behaves at a page break.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct RowProps {
    /// Repeated at the top of every page.
    header: bool,
    /// May break across a page.
    breakable: bool,
    /// The least height, twips.
    least: Option<i64>,
}

fn cell(w: &mut Xml, cell: &Cell) -> io::Result<()> {
    element(w, "w:tc", &[], |w| {
        element(w, "w:tcPr", &[], |w| {
            empty(
                w,
                "w:tcW",
                &[("w:w", &cell.width.to_string()), ("w:type", "dxa")],
            )?;
            if cell.span > 1 {
                val(w, "w:gridSpan", cell.span)?;
            }
            match cell.merge {
                Merge::No => {}
                Merge::Restart => val(w, "w:vMerge", "restart")?,
                Merge::Continue => empty(w, "w:vMerge", &[])?,
            }
            val(w, "w:vAlign", "center")
        })?;
        paragraph(w, &cell.para, &cell.runs)
    })
}

fn row(w: &mut Xml, props: RowProps, cells: &[Cell]) -> io::Result<()> {
    element(w, "w:tr", &[], |w| {
        element(w, "w:trPr", &[], |w| {
            if !props.breakable {
                empty(w, "w:cantSplit", &[])?;
            }
            if let Some(least) = props.least {
                empty(
                    w,
                    "w:trHeight",
                    &[("w:val", &least.to_string()), ("w:hRule", "atLeast")],
                )?;
            }
            if props.header {
                empty(w, "w:tblHeader", &[])?;
            }
            Ok(())
        })?;
        cells.iter().try_for_each(|c| cell(w, c))
    })
}

/// The column widths in twips: the PDF's, the label taking what the others leave of
/// `text_width`. A roll-up printed with a column per unit has Stt, label, unit, the
/// combined value, then 17 mm a unit.
fn grid(sheet: &Sheet, text_width: i64) -> Vec<i64> {
    let mut widths: Vec<i64> = if sheet.columns.is_empty() {
        vec![twips(9.0), 0, twips(18.0), twips(30.0), twips(38.0)]
    } else {
        let mut w = vec![twips(9.0), 0, twips(18.0), twips(24.0)];
        w.extend(std::iter::repeat_n(twips(17.0), sheet.columns.len()));
        w
    };
    let others: i64 = widths.iter().sum();
    widths[1] = (text_width - others).max(twips(30.0));
    widths
}

/// The table's properties and grid.
fn table_props(w: &mut Xml, widths: &[i64]) -> io::Result<()> {
    let total: i64 = widths.iter().sum();
    element(w, "w:tblPr", &[], |w| {
        empty(
            w,
            "w:tblW",
            &[("w:w", &total.to_string()), ("w:type", "dxa")],
        )?;
        element(w, "w:tblBorders", &[], |w| {
            for side in [
                "w:top",
                "w:left",
                "w:bottom",
                "w:right",
                "w:insideH",
                "w:insideV",
            ] {
                empty(
                    w,
                    side,
                    &[
                        ("w:val", "single"),
                        ("w:sz", "4"),
                        ("w:space", "0"),
                        ("w:color", "000000"),
                    ],
                )?;
            }
            Ok(())
        })?;
        empty(w, "w:tblLayout", &[("w:type", "fixed")])?;
        element(w, "w:tblCellMar", &[], |w| {
            for (side, width) in [
                ("w:top", PAD_Y),
                ("w:left", PAD_X),
                ("w:bottom", PAD_Y),
                ("w:right", PAD_X),
            ] {
                empty(w, side, &[("w:w", width), ("w:type", "dxa")])?;
            }
            Ok(())
        })
    })?;
    element(w, "w:tblGrid", &[], |w| {
        for width in widths {
            empty(w, "w:gridCol", &[("w:w", &width.to_string())])?;
        }
        Ok(())
    })
}

/// The table of the appendix.
pub(super) fn appendix_table(w: &mut Xml, sheet: &Sheet, text_width: i64) -> io::Result<()> {
    let widths = grid(sheet, text_width);
    element(w, "w:tbl", &[], |w| {
        table_props(w, &widths)?;
        if sheet.columns.is_empty() {
            header(w, &widths)?;
        } else {
            wide_header(w, sheet, &widths)?;
        }
        caption(w, sheet, &widths)?;
        for r in &sheet.rows {
            if sheet.columns.is_empty() {
                body_row(w, r, &widths)?;
            } else {
                wide_row(w, r, &widths)?;
            }
        }
        Ok(())
    })
}

/// The two header rows of the appendix.
fn header(w: &mut Xml, widths: &[i64]) -> io::Result<()> {
    let head = CELL.bold();
    let props = RowProps {
        header: true,
        ..RowProps::default()
    };
    let c = |i: usize, text| Cell::new(widths[i], text, head).centered();
    row(
        w,
        props,
        &[
            c(0, "Stt").merge(Merge::Restart),
            c(1, "Chỉ tiêu thống kê").merge(Merge::Restart),
            c(2, "Kết quả thống kê").span(2, widths[2] + widths[3]),
            c(4, "Ghi chú").merge(Merge::Restart),
        ],
    )?;
    row(
        w,
        props,
        &[
            c(0, "").merge(Merge::Continue),
            c(1, "").merge(Merge::Continue),
            c(2, "Đơn vị tính"),
            c(3, "Nội dung"),
            c(4, "").merge(Merge::Continue),
        ],
    )
}

/// The two header rows of a roll-up with a column per unit.
fn wide_header(w: &mut Xml, sheet: &Sheet, widths: &[i64]) -> io::Result<()> {
    let head = WIDE.bold();
    let props = RowProps {
        header: true,
        ..RowProps::default()
    };
    let c = |i: usize, text| Cell::new(widths[i], text, head).centered();
    let units: i64 = widths[4..].iter().sum();
    let mut first: Vec<Cell> = ["Stt", "Chỉ tiêu thống kê", "Đơn vị tính", "Tổng hợp"]
        .into_iter()
        .enumerate()
        .map(|(i, text)| c(i, text).merge(Merge::Restart))
        .collect();
    first.push(c(4, "Từng đơn vị").span(sheet.columns.len(), units));
    row(w, props, &first)?;
    let mut second: Vec<Cell> = (0..4).map(|i| c(i, "").merge(Merge::Continue)).collect();
    second.extend(
        sheet
            .columns
            .iter()
            .zip(&widths[4..])
            .map(|(name, &width)| Cell::new(width, name, WIDE_HEAD).centered()),
    );
    row(w, props, &second)
}

/// The caption row ("Báo cáo CCHC năm 2021") under the header, in bold in the label column.
fn caption(w: &mut Xml, sheet: &Sheet, widths: &[i64]) -> io::Result<()> {
    if sheet.caption.is_empty() {
        return Ok(());
    }
    let font = if sheet.columns.is_empty() { CELL } else { WIDE };
    let cells: Vec<Cell> = widths
        .iter()
        .enumerate()
        .map(|(i, &width)| {
            let text = if i == 1 { sheet.caption.as_str() } else { "" };
            Cell::new(width, text, font.bold())
        })
        .collect();
    row(w, RowProps::default(), &cells)
}

/// The label of a row: indented under its group (a "- " row further), bold for sections
/// and groups.
fn label_cell<'a>(r: &'a SheetRow, width: i64, font: Font) -> Cell<'a> {
    let strong = r.depth < 2;
    let indent = match (r.depth, r.sub) {
        (2, true) => 2 * i64::from(font.half_points) * 10,
        (2, false) => i64::from(font.half_points) * 10,
        _ => 0,
    };
    let mut cell = Cell::new(width, &r.label, font.bold_if(strong));
    cell.para = cell.para.indent(indent, 0);
    cell
}

/// The Nội dung cell: "x" for a row of another level, numbers centred, text smaller.
fn value_cell<'a>(r: &'a SheetRow, width: i64, number: Font, text: Font) -> Cell<'a> {
    if r.na {
        Cell::new(width, "x", number.italic()).centered()
    } else if r.kind == "number" {
        Cell::new(width, &r.value, number).centered()
    } else {
        Cell::new(width, &r.value, text)
    }
}

/// A row of the appendix.
fn body_row(w: &mut Xml, r: &SheetRow, widths: &[i64]) -> io::Result<()> {
    let strong = r.depth < 2;
    let props = RowProps {
        header: false,
        breakable: r.note.chars().count() > BREAKABLE_CHARS
            || r.value.chars().count() > BREAKABLE_CHARS,
        least: r.write_in.then(|| twips(WRITE_IN_MM)),
    };
    row(
        w,
        props,
        &[
            Cell::new(widths[0], &r.stt, CELL.bold_if(strong)).centered(),
            label_cell(r, widths[1], CELL),
            Cell::new(widths[2], &r.unit, UNIT),
            value_cell(r, widths[3], CELL, TEXT_VALUE),
            Cell::new(widths[4], &r.note, NOTE),
        ],
    )
}

/// A row of a roll-up with a column per unit: the combined value in bold.
fn wide_row(w: &mut Xml, r: &SheetRow, widths: &[i64]) -> io::Result<()> {
    let strong = r.depth < 2;
    let mut cells = vec![
        Cell::new(widths[0], &r.stt, WIDE.bold_if(strong)).centered(),
        label_cell(r, widths[1], WIDE),
        Cell::new(widths[2], &r.unit, WIDE),
        value_cell(r, widths[3], WIDE.bold(), WIDE.bold()),
    ];
    cells.extend(
        r.columns
            .iter()
            .zip(&widths[4..])
            .map(|(v, &width)| Cell::new(width, v, WIDE).centered()),
    );
    // A row of the template without values still has its cells.
    for &width in widths.iter().skip(cells.len()) {
        cells.push(Cell::new(width, "", WIDE));
    }
    row(w, RowProps::default(), &cells)
}
