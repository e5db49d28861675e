//! The appendix as an Excel workbook for district offices that consolidate in Excel:
//! the same rows and texts as the PDF, numbers stored as numbers, the two header rows
//! frozen and repeated on every printed page, A4 with the same margins.

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, XlsxError};

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

/// The workbook as bytes.
pub fn appendix_xlsx(sheet: &Sheet) -> Result<Vec<u8>, ExcelError> {
    let mut workbook = Workbook::new();
    let ws = workbook.add_worksheet();
    ws.set_name("Phụ lục 2 Bảng 2")?;
    let font = "Times New Roman";
    let base = Format::new()
        .set_font_name(font)
        .set_font_size(12)
        .set_text_wrap()
        .set_align(FormatAlign::VerticalCenter);
    let cell = base.clone().set_border(FormatBorder::Thin);
    let bold = cell.clone().set_bold();
    let header = bold.clone().set_align(FormatAlign::Center);
    let centered = cell.clone().set_align(FormatAlign::Center);
    let title = base
        .clone()
        .set_bold()
        .set_font_size(14)
        .set_align(FormatAlign::Center);
    let italic = base.clone().set_italic().set_align(FormatAlign::Center);

    for (col, width) in [(0u16, 6.0), (1, 52.0), (2, 14.0), (3, 24.0), (4, 20.0)] {
        ws.set_column_width(col, width)?;
    }
    let mut row = 0u32;
    if !sheet.unit_name.is_empty() {
        ws.write_string_with_format(row, 0, &sheet.unit_name, &base.clone().set_bold())?;
        row += 1;
    }
    if !sheet.province.is_empty() {
        ws.write_string_with_format(row, 0, &sheet.province, &base)?;
        row += 1;
    }
    for (text, format) in [
        (&sheet.heading, &title),
        (&sheet.title, &title),
        (&sheet.attachment, &italic),
    ] {
        ws.merge_range(row, 0, row, 4, text, format)?;
        ws.set_row_height(row, if text.len() > 90 { 36 } else { 20 })?;
        row += 1;
    }
    if sheet.draft {
        let draft = title.clone().set_font_color(rust_xlsxwriter::Color::Red);
        ws.merge_range(row, 0, row, 4, "BẢN NHÁP – báo cáo còn lỗi", &draft)?;
        row += 1;
    }
    row += 1;
    let top = row;
    ws.merge_range(top, 0, top + 1, 0, "Stt", &header)?;
    ws.merge_range(top, 1, top + 1, 1, "Chỉ tiêu thống kê", &header)?;
    ws.merge_range(top, 2, top, 3, "Kết quả thống kê", &header)?;
    ws.write_string_with_format(top + 1, 2, "Đơn vị tính", &header)?;
    ws.write_string_with_format(top + 1, 3, "Nội dung", &header)?;
    ws.merge_range(top, 4, top + 1, 4, "Ghi chú", &header)?;
    row = top + 2;
    ws.set_freeze_panes(row, 0)?;
    ws.set_repeat_rows(top, top + 1)?;
    if !sheet.caption.is_empty() {
        ws.write_blank(row, 0, &cell)?;
        ws.write_string_with_format(row, 1, &sheet.caption, &bold)?;
        for col in 2..=4 {
            ws.write_blank(row, col, &cell)?;
        }
        row += 1;
    }
    for r in &sheet.rows {
        let text_format = if r.depth < 2 { &bold } else { &cell };
        let label_format = text_format.clone().set_indent(match (r.depth, r.sub) {
            (2, true) => 2,
            (2, false) => 1,
            _ => 0,
        });
        ws.write_string_with_format(row, 0, &r.stt, &centered.clone().set_bold())?;
        ws.write_string_with_format(row, 1, &r.label, &label_format)?;
        ws.write_string_with_format(row, 2, &r.unit, &cell)?;
        match (r.na, r.number) {
            (true, _) => {
                ws.write_string_with_format(row, 3, "x", &centered.clone().set_italic())?;
            }
            (false, Some(n)) => {
                let format = centered.clone().set_num_format(number_format(&r.value));
                ws.write_number_with_format(row, 3, n, &format)?;
            }
            (false, None) => {
                ws.write_string_with_format(row, 3, &r.value, &cell)?;
            }
        }
        ws.write_string_with_format(row, 4, &r.note, &cell)?;
        row += 1;
    }
    if sheet.rows.iter().any(|r| r.na) {
        row += 1;
        let note = format!(
            "Ghi chú: “x” là chỉ tiêu không áp dụng cho {}.",
            sheet.level_name
        );
        ws.write_string_with_format(row, 1, &note, &base.clone().set_italic())?;
    }
    if !sheet.signer.is_empty() {
        row += 2;
        for line in [&sheet.signer_authority, &sheet.signer_title] {
            ws.merge_range(
                row,
                3,
                row,
                4,
                &line.to_uppercase(),
                &base.clone().set_bold().set_align(FormatAlign::Center),
            )?;
            row += 1;
        }
        row += 3;
        ws.merge_range(
            row,
            3,
            row,
            4,
            &sheet.signer,
            &base.clone().set_bold().set_align(FormatAlign::Center),
        )?;
    }
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
    Ok(workbook.save_to_buffer()?)
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
