//! The appendix as an Excel workbook for district offices that consolidate in Excel:
//! the same rows and texts as the PDF, numbers stored as numbers, the two header rows
//! frozen and repeated on every printed page, A4 with the same margins.

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

use super::sheet::Sheet;

/// Why the workbook could not be made.
#[derive(Debug, thiserror::Error)]
#[error("không tạo được tệp Excel: {0}")]
pub struct ExcelError(#[from] XlsxError);

/// Millimetres to inches (Excel's page setup unit).
fn inches(mm: f64) -> f64 {
    mm / 25.4
}

/// Excel number format showing exactly the decimals the value has ("#,##0" or
/// "#,##0.00"); Excel shows the separators of the user's Windows locale, so a
/// Vietnamese PC shows 48.716 and 95,83.
fn number_format(text: &str) -> String {
    match text.split_once(',') {
        Some((_, decimals)) => format!("#,##0.{}", "0".repeat(decimals.len())),
        None => "#,##0".to_owned(),
    }
}

/// The cell formats of the workbook (Times New Roman 12, as the printed appendix).
struct Formats {
    /// Text outside the table.
    base: Format,
    /// A table cell.
    cell: Format,
    /// A table cell in bold (sections, groups, the caption).
    bold: Format,
    /// The table's header.
    header: Format,
    /// A centred table cell.
    centered: Format,
    /// The heading and the title.
    title: Format,
    /// The attachment line.
    italic: Format,
}

impl Formats {
    fn new() -> Formats {
        let base = Format::new()
            .set_font_name("Times New Roman")
            .set_font_size(12)
            .set_text_wrap()
            .set_align(FormatAlign::VerticalCenter);
        let cell = base.clone().set_border(FormatBorder::Thin);
        let bold = cell.clone().set_bold();
        Formats {
            header: bold.clone().set_align(FormatAlign::Center),
            centered: cell.clone().set_align(FormatAlign::Center),
            title: base
                .clone()
                .set_bold()
                .set_font_size(14)
                .set_align(FormatAlign::Center),
            italic: base.clone().set_italic().set_align(FormatAlign::Center),
            base,
            cell,
            bold,
        }
    }
}

/// The workbook as bytes.
pub fn appendix_xlsx(sheet: &Sheet) -> Result<Vec<u8>, ExcelError> {
    let mut workbook = Workbook::new();
    let ws = workbook.add_worksheet();
    ws.set_name("Phụ lục 2 Bảng 2")?;
    let f = Formats::new();
    for (col, width) in [(0u16, 6.0), (1, 52.0), (2, 14.0), (3, 24.0), (4, 20.0)] {
        ws.set_column_width(col, width)?;
    }
    let row = write_heading(ws, sheet, &f)?;
    let row = write_table_header(ws, sheet, &f, row + 1)?;
    let row = write_rows(ws, sheet, &f, row)?;
    write_end(ws, sheet, &f, row)?;
    set_page(ws);
    Ok(workbook.save_to_buffer()?)
}

/// Unit, province, heading, title, attachment line and the draft mark; returns the next row.
fn write_heading(ws: &mut Worksheet, sheet: &Sheet, f: &Formats) -> Result<u32, XlsxError> {
    let mut row = 0u32;
    if !sheet.unit_name.is_empty() {
        ws.write_string_with_format(row, 0, &sheet.unit_name, &f.base.clone().set_bold())?;
        row += 1;
    }
    if !sheet.province.is_empty() {
        ws.write_string_with_format(row, 0, &sheet.province, &f.base)?;
        row += 1;
    }
    for (text, format) in [
        (&sheet.heading, &f.title),
        (&sheet.title, &f.title),
        (&sheet.attachment, &f.italic),
    ] {
        ws.merge_range(row, 0, row, 4, text, format)?;
        ws.set_row_height(row, if text.len() > 90 { 36 } else { 20 })?;
        row += 1;
    }
    if sheet.draft {
        let draft = f.title.clone().set_font_color(rust_xlsxwriter::Color::Red);
        ws.merge_range(row, 0, row, 4, "BẢN NHÁP – báo cáo còn lỗi", &draft)?;
        row += 1;
    }
    Ok(row)
}

/// The two header rows from `top` (frozen, repeated on every printed page) and the
/// caption row; returns the next row.
fn write_table_header(
    ws: &mut Worksheet,
    sheet: &Sheet,
    f: &Formats,
    top: u32,
) -> Result<u32, XlsxError> {
    ws.merge_range(top, 0, top + 1, 0, "Stt", &f.header)?;
    ws.merge_range(top, 1, top + 1, 1, "Chỉ tiêu thống kê", &f.header)?;
    ws.merge_range(top, 2, top, 3, "Kết quả thống kê", &f.header)?;
    ws.write_string_with_format(top + 1, 2, "Đơn vị tính", &f.header)?;
    ws.write_string_with_format(top + 1, 3, "Nội dung", &f.header)?;
    ws.merge_range(top, 4, top + 1, 4, "Ghi chú", &f.header)?;
    let mut row = top + 2;
    ws.set_freeze_panes(row, 0)?;
    ws.set_repeat_rows(top, top + 1)?;
    if !sheet.caption.is_empty() {
        ws.write_blank(row, 0, &f.cell)?;
        ws.write_string_with_format(row, 1, &sheet.caption, &f.bold)?;
        for col in 2..=4 {
            ws.write_blank(row, col, &f.cell)?;
        }
        row += 1;
    }
    Ok(row)
}

/// The rows of the form from `row`, numbers as numbers; returns the next row.
fn write_rows(
    ws: &mut Worksheet,
    sheet: &Sheet,
    f: &Formats,
    mut row: u32,
) -> Result<u32, XlsxError> {
    for r in &sheet.rows {
        let text_format = if r.depth < 2 { &f.bold } else { &f.cell };
        let label_format = text_format.clone().set_indent(match (r.depth, r.sub) {
            (2, true) => 2,
            (2, false) => 1,
            _ => 0,
        });
        ws.write_string_with_format(row, 0, &r.stt, &f.centered.clone().set_bold())?;
        ws.write_string_with_format(row, 1, &r.label, &label_format)?;
        ws.write_string_with_format(row, 2, &r.unit, &f.cell)?;
        match (r.na, r.number) {
            (true, _) => {
                ws.write_string_with_format(row, 3, "x", &f.centered.clone().set_italic())?;
            }
            (false, Some(n)) => {
                let format = f.centered.clone().set_num_format(number_format(&r.value));
                ws.write_number_with_format(row, 3, n, &format)?;
            }
            (false, None) => {
                ws.write_string_with_format(row, 3, &r.value, &f.cell)?;
            }
        }
        ws.write_string_with_format(row, 4, &r.note, &f.cell)?;
        row += 1;
    }
    Ok(row)
}

/// Under the table from `row`: the note on "x" rows, and the signature block.
fn write_end(
    ws: &mut Worksheet,
    sheet: &Sheet,
    f: &Formats,
    mut row: u32,
) -> Result<(), XlsxError> {
    if sheet.rows.iter().any(|r| r.na) {
        row += 1;
        let note = format!(
            "Ghi chú: “x” là chỉ tiêu không áp dụng cho {}.",
            sheet.level_name
        );
        ws.write_string_with_format(row, 1, &note, &f.base.clone().set_italic())?;
    }
    if !sheet.signer.is_empty() {
        let signature = f.base.clone().set_bold().set_align(FormatAlign::Center);
        row += 2;
        for line in [&sheet.signer_authority, &sheet.signer_title] {
            ws.merge_range(row, 3, row, 4, &line.to_uppercase(), &signature)?;
            row += 1;
        }
        row += 3;
        ws.merge_range(row, 3, row, 4, &sheet.signer, &signature)?;
    }
    Ok(())
}

/// A4 portrait with the margins of the printed appendix, one page wide, page numbers.
fn set_page(ws: &mut Worksheet) {
    ws.set_paper_size(9); // A4
    ws.set_portrait();
    ws.set_margins(
        inches(30.0),
        inches(15.0),
        inches(20.0),
        inches(20.0),
        inches(8.0),
        inches(8.0),
    );
    ws.set_print_fit_to_pages(1, 0);
    ws.set_header("&C&P");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_formats_keep_the_decimals_shown() {
        assert_eq!(number_format("48.716"), "#,##0");
        assert_eq!(number_format("95,83"), "#,##0.00");
        assert_eq!(number_format("99,5"), "#,##0.0");
    }
}
