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

/// Column widths (Excel's unit: the width of a digit in the default font). Portrait: wide
/// enough to read on screen, printed fit to the page's width (about three quarters of
/// its size). At the PDF's own widths the sheet printed in 12 pt letters, but a
/// spreadsheet cannot break a row across pages: the tall rows of long notes then left
/// half pages empty (8 pages against 5).
const PORTRAIT: [f64; 5] = [6.0, 52.0, 14.0, 24.0, 20.0];
/// On landscape A4 ("Khổ ngang"), the PDF's widths (10, 90, 22, 60 and 70 mm of 252 mm):
/// the sheet prints at its own size.
const LANDSCAPE: [f64; 5] = [5.0, 47.5, 11.0, 31.5, 37.0];

/// The left and right margins of the printed page (ND 30), in millimetres.
const LEFT_MM: f64 = 30.0;
const RIGHT_MM: f64 = 15.0;
/// Its top and bottom margins.
const TOP_MM: f64 = 20.0;
const BOTTOM_MM: f64 = 20.0;

/// The width between the margins of the printed page, in millimetres.
fn text_width_mm(landscape: bool) -> f64 {
    let page = if landscape { 297.0 } else { 210.0 };
    page - LEFT_MM - RIGHT_MM
}

/// A column `w` wide in millimetres on paper: w × 7 + 5 pixels at 96 dpi (7 pixels: a
/// digit of Calibri 11, the workbook's default font).
fn column_mm(w: f64) -> f64 {
    (w * 7.0 + 5.0) * 25.4 / 96.0
}

/// The share of its size the sheet keeps on paper: it is printed fit to the width of
/// the page, so a table wider than the page would be scaled down.
fn print_scale(widths: &[f64; 5], landscape: bool) -> f64 {
    let table_mm: f64 = widths.iter().copied().map(column_mm).sum();
    (text_width_mm(landscape) / table_mm).min(1.0)
}

/// How many lines `text` takes when wrapped at word boundaries into a column `width`
/// wide in Times New Roman of `points` size. Excel and LibreOffice do not grow a row to
/// fit wrapped text written by a program, so the workbook sets each row's height itself.
fn wrapped_lines(text: &str, width: f64, points: f64) -> usize {
    // About one letter of Times New Roman 12 to a unit of width (Excel's digit of
    // Calibri 11; LibreOffice fits a little more): a row a line too tall reads well
    // everywhere, a line too short overlaps. One unit is the cell's padding.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let per_line = (((width - 1.0) * 1.05 * 12.0 / points).floor() as usize).max(1);
    text.split('\n')
        .map(|paragraph| {
            let mut lines = 1;
            let mut used = 0;
            for word in paragraph.split_whitespace() {
                let len = word.chars().count();
                let needed = if used == 0 { len } else { used + 1 + len };
                if needed <= per_line {
                    used = needed;
                } else {
                    // A word longer than the line is broken over as many lines as it takes.
                    lines += usize::from(used > 0) + (len.saturating_sub(1)) / per_line;
                    used = (len - 1) % per_line + 1;
                }
            }
            lines
        })
        .sum()
}

/// A row's height in points for cells of `(text, column width, font size)`: the tallest
/// cell's lines at 1,3 times the font size, plus the cell's padding.
fn row_height(cells: &[(&str, f64, f64)]) -> f64 {
    cells
        .iter()
        .map(|&(text, width, points)| {
            #[allow(clippy::cast_precision_loss)]
            let lines = wrapped_lines(text, width, points) as f64;
            lines * points * 1.3 + 3.0
        })
        .fold(16.0, f64::max)
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
    let widths = if sheet.landscape { LANDSCAPE } else { PORTRAIT };
    for (col, width) in (0u16..).zip(widths) {
        ws.set_column_width(col, width)?;
    }
    let row = write_heading(ws, sheet, &f, &widths)?;
    let row = write_table_header(ws, sheet, &f, row + 1)?;
    let row = write_rows(ws, sheet, &f, &widths, row)?;
    write_end(ws, sheet, &f, &widths, row)?;
    set_page(ws, sheet.landscape);
    Ok(workbook.save_to_buffer()?)
}

/// Unit, province, heading, title, attachment line and the draft mark; returns the next row.
fn write_heading(
    ws: &mut Worksheet,
    sheet: &Sheet,
    f: &Formats,
    widths: &[f64; 5],
) -> Result<u32, XlsxError> {
    let mut row = 0u32;
    // The unit top left over the first two columns, centred, as the printed page has it
    // (alone in the narrow Stt column it was squeezed into a tall sliver).
    let unit_block = f.base.clone().set_align(FormatAlign::Center);
    for (text, format) in [
        (
            &sheet.unit_name.to_uppercase(),
            unit_block.clone().set_bold(),
        ),
        (&sheet.province, unit_block),
    ] {
        if !text.is_empty() {
            ws.merge_range(row, 0, row, 1, text, &format)?;
            ws.set_row_height(row, row_height(&[(text, widths[0] + widths[1], 12.0)]))?;
            row += 1;
        }
    }
    let table_width: f64 = widths.iter().sum();
    for (text, format, points) in [
        (&sheet.heading, &f.title, 14.0),
        (&sheet.title, &f.title, 14.0),
        (&sheet.attachment, &f.italic, 12.0),
    ] {
        ws.merge_range(row, 0, row, 4, text, format)?;
        ws.set_row_height(row, row_height(&[(text, table_width, points)]))?;
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
    widths: &[f64; 5],
    mut row: u32,
) -> Result<u32, XlsxError> {
    // A cell of the blank form is written in by hand: as tall on paper as on the PDF once
    // the page is scaled to fit.
    let write_in = super::sheet::WRITE_IN_MM * 72.0 / 25.4 / print_scale(widths, sheet.landscape);
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
        let value = if r.number.is_some() {
            ""
        } else {
            r.value.as_str()
        };
        let fitted = row_height(&[
            (&r.stt, widths[0], 12.0),
            // The indent of a row under a group takes two or four characters.
            (&format!("    {}", r.label), widths[1], 12.0),
            (&r.unit, widths[2], 12.0),
            (value, widths[3], 12.0),
            (&r.note, widths[4], 12.0),
        ]);
        let least = if r.write_in { write_in } else { 0.0 };
        ws.set_row_height(row, fitted.max(least))?;
        row += 1;
    }
    Ok(row)
}

/// Under the table from `row`: the note on "x" rows, and the signature block.
fn write_end(
    ws: &mut Worksheet,
    sheet: &Sheet,
    f: &Formats,
    widths: &[f64; 5],
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
    if sheet.prepared_by.is_empty() && sheet.signer.is_empty() {
        return Ok(());
    }
    // As on the printed page: who prepared it on the left, who signs on the right.
    row += 2;
    if !sheet.prepared_by.is_empty() {
        let bold = f.base.clone().set_bold();
        let mut left = row;
        ws.write_rich_string_with_format(
            left,
            1,
            &[(&bold, "Người lập biểu: "), (&f.base, &sheet.prepared_by)],
            &f.base,
        )?;
        let first = format!("Người lập biểu: {}", sheet.prepared_by);
        ws.set_row_height(left, row_height(&[(&first, widths[1], 12.0)]))?;
        left += 1;
        for line in [
            sheet.prepared_title.clone(),
            if sheet.contact.is_empty() {
                String::new()
            } else {
                format!("Điện thoại, email: {}", sheet.contact)
            },
        ] {
            if !line.is_empty() {
                ws.write_string_with_format(left, 1, &line, &f.base)?;
                ws.set_row_height(left, row_height(&[(&line, widths[1], 12.0)]))?;
                left += 1;
            }
        }
    }
    let signature = f.base.clone().set_bold().set_align(FormatAlign::Center);
    for line in [&sheet.signer_authority, &sheet.signer_title] {
        if !line.is_empty() {
            ws.merge_range(row, 3, row, 4, &line.to_uppercase(), &signature)?;
        }
        row += 1;
    }
    if !sheet.signer.is_empty() {
        row += 3;
        ws.merge_range(row, 3, row, 4, &sheet.signer, &signature)?;
    }
    Ok(())
}

/// A4 (landscape when asked for) with the margins of the printed appendix, one page wide,
/// page numbers.
fn set_page(ws: &mut Worksheet, landscape: bool) {
    ws.set_paper_size(9); // A4
    if landscape {
        ws.set_landscape();
    } else {
        ws.set_portrait();
    }
    ws.set_margins(
        inches(LEFT_MM),
        inches(RIGHT_MM),
        inches(TOP_MM),
        inches(BOTTOM_MM),
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
    fn wrapped_text_is_counted_in_lines_as_a_spreadsheet_wraps_it() {
        assert_eq!(wrapped_lines("", 20.0, 12.0), 1);
        assert_eq!(wrapped_lines("Nhiệm vụ", 20.0, 12.0), 1);
        // 19 characters a line at width 20: three words of 8 take two lines.
        assert_eq!(wrapped_lines("aaaaaaaa bbbbbbbb cccccccc", 20.0, 12.0), 2);
        assert_eq!(wrapped_lines("một\nhai\nba", 20.0, 12.0), 3);
        // A word longer than the line is broken.
        assert_eq!(wrapped_lines(&"x".repeat(40), 20.0, 12.0), 3);
        // Bigger letters, fewer a line: 53 characters at 12 pt, 45 at 14 pt.
        let words = "a ".repeat(200);
        assert_eq!(wrapped_lines(&words, 52.0, 12.0), 8);
        assert_eq!(wrapped_lines(&words, 52.0, 14.0), 9);
        // The tallest cell sets the row.
        let note = "Tháng 01 đăng ngày 25/01/2021; tháng 02 đăng ngày 22/02/2021; tháng 3 đăng ngày 04/3/2021";
        assert!(row_height(&[("Tin, bài", 14.0, 12.0), (note, 20.0, 12.0)]) > 5.0 * 15.0);
        assert!((row_height(&[("Văn bản", 14.0, 12.0)]) - 18.6).abs() < 0.01);
    }

    #[test]
    fn number_formats_keep_the_decimals_shown() {
        assert_eq!(number_format("48.716"), "#,##0");
        assert_eq!(number_format("95,83"), "#,##0.00");
        assert_eq!(number_format("99,5"), "#,##0.0");
    }
}
