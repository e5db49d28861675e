//! A roll-up as others read it: JSON for scripts, a report of combined values for the
//! printed appendix, an Excel workbook with one column per unit and a status sheet.

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, XlsxError};
use serde_json::{Value as Json, json};

use super::{Combined, Rollup};
use crate::model::report::{Entry, display_cell};
use crate::model::value::format_number;
use crate::model::{Cell, Level, Report, Value};

/// A number for JSON: whole numbers without ".0", others to 2 decimals.
fn number(x: f64) -> Json {
    if x.fract() == 0.0 && x.abs() < 9e15 {
        json!(x as i64)
    } else {
        json!((x * 100.0).round() / 100.0)
    }
}

/// One row's combined value as JSON (`{"total": 48716, "reporting": 40}`, …).
fn row_json(c: &Combined) -> Json {
    match c {
        Combined::Total { total, reporting } => {
            json!({"total": number(*total), "reporting": reporting})
        }
        Combined::Mean { mean, reporting } => {
            json!({"mean": mean.map(number), "reporting": reporting})
        }
        Combined::YesNo { yes, no, reporting } => {
            json!({"yes": yes, "no": no, "reporting": reporting})
        }
        Combined::Codes { codes, reporting } => {
            let codes: serde_json::Map<String, Json> = codes
                .iter()
                .map(|(k, v)| (k.to_string(), json!(v)))
                .collect();
            json!({"codes": codes, "reporting": reporting})
        }
        Combined::Filled { filled, reporting } => {
            json!({"filled": filled, "reporting": reporting})
        }
    }
}

/// The roll-up as JSON text (pretty): template, year, units, files left out, rows. The
/// keys come in alphabetical order. Written straight from the roll-up, not through a
/// JSON tree: a province has thousands of units.
pub fn to_json_text(rollup: &Rollup) -> Result<String, serde_json::Error> {
    #[derive(serde::Serialize)]
    struct Output<'a> {
        left_out: Vec<LeftOutput<'a>>,
        rows: serde_json::Map<String, Json>,
        template: TemplateOutput<'a>,
        units: Vec<UnitOutput<'a>>,
        year: Option<i32>,
    }
    #[derive(serde::Serialize)]
    struct TemplateOutput<'a> {
        id: &'a str,
        version: &'a str,
    }
    #[derive(serde::Serialize)]
    struct LeftOutput<'a> {
        file: std::borrow::Cow<'a, str>,
        reason: &'a str,
    }
    #[derive(serde::Serialize)]
    struct UnitOutput<'a> {
        errors: usize,
        file: std::borrow::Cow<'a, str>,
        level: Option<&'static str>,
        missing: Vec<&'a str>,
        unit_name: &'a str,
        warnings: usize,
        year: Option<i32>,
    }
    let output = Output {
        left_out: rollup
            .left_out
            .iter()
            .map(|l| LeftOutput {
                file: l.file.to_string_lossy(),
                reason: &l.reason,
            })
            .collect(),
        rows: rollup
            .rows
            .iter()
            .map(|(id, c)| (id.to_string(), row_json(c)))
            .collect(),
        template: TemplateOutput {
            id: &rollup.template.id,
            version: &rollup.template.version,
        },
        units: rollup
            .units
            .iter()
            .map(|u| UnitOutput {
                errors: u.errors,
                file: u.file.to_string_lossy(),
                level: u.level.map(Level::code),
                missing: u.missing.iter().map(|id| id.as_str()).collect(),
                unit_name: &u.unit_name,
                warnings: u.warnings,
                year: u.year,
            })
            .collect(),
        year: rollup.year,
    };
    serde_json::to_string_pretty(&output)
}

/// What a combined value shows in a table cell: "48.716", "99,2", "Có: 20 · Không: 20".
pub fn display(c: &Combined) -> String {
    match c {
        Combined::Total { total, .. } => format_number(*total),
        Combined::Mean { mean, .. } => mean.map(|m| format_number(round2(m))).unwrap_or_default(),
        Combined::YesNo { yes, no, .. } => format!("Có: {yes} · Không: {no}"),
        Combined::Codes { codes, .. } => codes
            .iter()
            .map(|(code, n)| format!("mã {code}: {n}"))
            .collect::<Vec<_>>()
            .join(" · "),
        Combined::Filled { filled, reporting } => format!("{filled}/{reporting} đơn vị có"),
    }
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// The combined column as a report of the template, so that it prints in the official
/// layout like any appendix: sums and means as values; answers, codes and counts of
/// units in Ghi chú, with how many units reported.
pub fn as_report(rollup: &Rollup, unit_name: &str) -> Report {
    let template = &rollup.template;
    let mut report = Report::new(template);
    if let Some(first) = rollup.units.first() {
        report.general = first.general.clone();
        report.general.report_number.clear();
        report.general.report_date.clear();
        report.general.prepared_by.clear();
        report.general.contact.clear();
        report.general.signer.clear();
    }
    report.general.unit_name = unit_name.to_owned();
    report.general.communes = rollup.units.len().to_string();
    let units = rollup.units.len();
    for (id, c) in &rollup.rows {
        // Say how many reported only when some did not.
        let partial = |reporting: usize| {
            if reporting < units {
                format!("{reporting}/{units} đơn vị báo cáo")
            } else {
                String::new()
            }
        };
        let (cell, note) = match c {
            Combined::Total { total, reporting } => {
                (Cell::Value(Value::Number(*total)), partial(*reporting))
            }
            Combined::Mean { mean, reporting } => (
                mean.map_or(Cell::Empty, |m| Cell::Value(Value::Number(round2(m)))),
                partial(*reporting),
            ),
            other => (Cell::Empty, display(other)),
        };
        if c.reporting() == 0 && matches!(cell, Cell::Empty) {
            continue;
        }
        report.put(id.clone(), Entry { cell, note });
    }
    report
}

/// At most this many unit columns fit beside the combined value on a landscape A4 page
/// (17 mm each, numbers at 10 pt).
pub const MAX_PRINTED_UNITS: usize = 8;

/// `Err` saying what to do when `n` unit columns do not fit on the page.
pub fn columns_fit(n: usize) -> Result<(), String> {
    if n > MAX_PRINTED_UNITS {
        return Err(format!(
            "Khổ A4 ngang chỉ in được {MAX_PRINTED_UNITS} cột đơn vị, đang hiện {n}. \
             Hãy lọc bớt đơn vị theo tên, hoặc bỏ chọn “Hiện cột từng đơn vị” để in cột tổng hợp."
        ));
    }
    Ok(())
}

/// The printed roll-up: the combined column in the official layout, as an appendix of
/// `unit_name`; with `columns` (indexes into the units, in the order to print), also a
/// column per unit on a landscape page. `Err` says why the columns do not fit.
pub fn sheet(
    rollup: &Rollup,
    unit_name: &str,
    columns: &[usize],
) -> Result<crate::export::Sheet, String> {
    columns_fit(columns.len())?;
    let report = as_report(rollup, unit_name);
    let mut sheet = crate::export::Sheet::new(&rollup.template, &report, false);
    if columns.is_empty() {
        return Ok(sheet);
    }
    let units: Vec<&super::Unit> = columns
        .iter()
        .filter_map(|&i| rollup.units.get(i))
        .collect();
    sheet.columns = units.iter().map(|u| u.unit_name.clone()).collect();
    for row in &mut sheet.rows {
        let Some(form_row) = rollup.template.row_by_text(&row.id) else {
            continue;
        };
        if form_row.kind.is_none() {
            row.columns = vec![String::new(); units.len()];
            continue;
        }
        // No Ghi chú on the wide page: answers and codes counted show as the value.
        if row.value.is_empty() && !row.note.is_empty() {
            row.value = std::mem::take(&mut row.note);
            row.kind = "text";
        }
        row.columns = units
            .iter()
            .map(|u| {
                if form_row.applies_to(u.level) {
                    brief(&u.cell(&rollup.template, &form_row.id))
                } else {
                    "x".to_owned()
                }
            })
            .collect();
    }
    Ok(sheet)
}

/// A unit's value in a 17 mm column: a document by its number and date, a text cut
/// to its first words; numbers and codes as everywhere.
fn brief(cell: &Cell) -> String {
    const LONGEST: usize = 40;
    match cell {
        Cell::Value(Value::Document(d)) => {
            format!("{} {}", d.number, crate::model::value::format_date(d.date))
        }
        other => {
            let text = display_cell(other);
            match text.char_indices().nth(LONGEST) {
                Some((cut, _)) => format!("{}…", text[..cut].trim_end()),
                None => text,
            }
        }
    }
}

/// Write the roll-up to `path` (atomically): the workbook with a column per unit, or the
/// printed roll-up ([`sheet`]).
pub fn write(
    rollup: &Rollup,
    path: &std::path::Path,
    format: crate::export_file::Format,
    unit_name: &str,
    columns: &[usize],
) -> Result<(), String> {
    let bytes = match format {
        crate::export_file::Format::Xlsx => {
            workbook(rollup).map_err(|e| format!("không tạo được tệp Excel: {e}"))?
        }
        crate::export_file::Format::Pdf => {
            let sheet = sheet(rollup, unit_name, columns)?;
            crate::export::pdf::appendix_pdf(&sheet).map_err(|e| e.to_string())?
        }
        crate::export_file::Format::Docx => {
            let sheet = sheet(rollup, unit_name, columns)?;
            crate::export::docx::appendix_docx(&sheet).map_err(|e| e.to_string())?
        }
    };
    crate::store::atomic::replace_atomic(path, &bytes).map_err(|e| e.to_string())
}

/// The roll-up as an Excel workbook: "Tổng hợp" (each row, the combined value, how many
/// units reported, then one column per unit, numbers as numbers) and "Tình trạng"
/// (each unit's file, year, errors, warnings, rows left empty; each file left out).
pub fn workbook(rollup: &Rollup) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let base = Format::new()
        .set_font_name("Times New Roman")
        .set_font_size(12)
        .set_text_wrap()
        .set_align(FormatAlign::VerticalCenter)
        .set_border(FormatBorder::Thin);
    let header = base.clone().set_bold().set_align(FormatAlign::Center);
    let whole = base.clone().set_num_format("#,##0");
    let decimal = base.clone().set_num_format("#,##0.00");
    combined_sheet(&mut book, rollup, [&base, &header, &whole, &decimal])?;
    status_sheet(&mut book, rollup, &base, &header)?;
    book.save_to_buffer()
}

fn combined_sheet(
    book: &mut Workbook,
    rollup: &Rollup,
    [base, header, whole, decimal]: [&Format; 4],
) -> Result<(), XlsxError> {
    let template = &rollup.template;
    let sheet = book.add_worksheet().set_name("Tổng hợp")?;
    let titles = [
        "Stt",
        "Chỉ tiêu thống kê",
        "Đơn vị tính",
        "Tổng hợp",
        "Số đơn vị báo cáo",
    ];
    for (col, title) in titles.iter().enumerate() {
        sheet.write_with_format(0, col as u16, *title, header)?;
    }
    for (i, unit) in rollup.units.iter().enumerate() {
        let col = (titles.len() + i) as u16;
        sheet.write_with_format(0, col, unit.unit_name.as_str(), header)?;
        sheet.set_column_width(col, 16)?;
    }
    sheet.set_column_width(0, 6)?;
    sheet.set_column_width(1, 60)?;
    sheet.set_column_width(2, 14)?;
    sheet.set_column_width(3, 16)?;
    sheet.set_column_width(4, 10)?;
    sheet.set_freeze_panes(1, 5)?;
    let number_cell = |x: f64| if x.fract() == 0.0 { whole } else { decimal };
    for (r, row) in template.rows().iter().enumerate() {
        let r = (r + 1) as u32;
        sheet.write_with_format(r, 0, row.id.stt(), base)?;
        sheet.write_with_format(r, 1, row.printed_label(), base)?;
        sheet.write_with_format(r, 2, row.unit.as_str(), base)?;
        let combined = rollup
            .rows
            .iter()
            .find(|(id, _)| *id == row.id)
            .map(|(_, c)| c);
        match combined {
            Some(Combined::Total { total, .. }) => {
                sheet.write_number_with_format(r, 3, *total, number_cell(*total))?;
            }
            Some(Combined::Mean { mean: Some(m), .. }) => {
                sheet.write_number_with_format(r, 3, round2(*m), number_cell(round2(*m)))?;
            }
            Some(other) => {
                sheet.write_with_format(r, 3, display(other), base)?;
            }
            None => {
                sheet.write_blank(r, 3, base)?;
            }
        }
        match combined {
            Some(c) => sheet.write_number_with_format(r, 4, c.reporting() as f64, whole)?,
            None => sheet.write_blank(r, 4, base)?,
        };
        for (i, unit) in rollup.units.iter().enumerate() {
            let col = (titles.len() + i) as u16;
            match &unit.cell(template, &row.id) {
                Cell::Value(Value::Number(x)) => {
                    sheet.write_number_with_format(r, col, *x, number_cell(*x))?;
                }
                Cell::Value(Value::Code(c)) => {
                    sheet.write_number_with_format(r, col, f64::from(*c), whole)?;
                }
                Cell::Empty => {
                    sheet.write_blank(r, col, base)?;
                }
                other => {
                    sheet.write_with_format(r, col, display_cell(other), base)?;
                }
            }
        }
    }
    Ok(())
}

fn status_sheet(
    book: &mut Workbook,
    rollup: &Rollup,
    base: &Format,
    header: &Format,
) -> Result<(), XlsxError> {
    let sheet = book.add_worksheet().set_name("Tình trạng")?;
    let titles = [
        "Tệp",
        "Đơn vị",
        "Năm",
        "Cấp",
        "Lỗi",
        "Cảnh báo",
        "Chỉ tiêu bắt buộc chưa nhập",
    ];
    for (col, title) in titles.iter().enumerate() {
        sheet.write_with_format(0, col as u16, *title, header)?;
    }
    for (col, width) in [40, 36, 8, 10, 8, 10, 40].into_iter().enumerate() {
        sheet.set_column_width(col as u16, width)?;
    }
    let mut r = 1u32;
    for unit in &rollup.units {
        sheet.write_with_format(r, 0, unit.file.display().to_string(), base)?;
        sheet.write_with_format(r, 1, unit.unit_name.as_str(), base)?;
        match unit.year {
            Some(y) => sheet.write_number_with_format(r, 2, f64::from(y), base)?,
            None => sheet.write_blank(r, 2, base)?,
        };
        let level = unit.level.map_or("", |l| rollup.template.level_label(l));
        sheet.write_with_format(r, 3, level, base)?;
        sheet.write_number_with_format(r, 4, unit.errors as f64, base)?;
        sheet.write_number_with_format(r, 5, unit.warnings as f64, base)?;
        let missing: Vec<&str> = unit.missing.iter().map(|id| id.as_str()).collect();
        sheet.write_with_format(r, 6, missing.join(", "), base)?;
        r += 1;
    }
    if !rollup.left_out.is_empty() {
        r += 1;
        sheet.write_with_format(r, 0, "Tệp không đưa vào tổng hợp", header)?;
        sheet.write_with_format(r, 1, "Lý do", header)?;
        for l in &rollup.left_out {
            r += 1;
            sheet.write_with_format(r, 0, l.file.display().to_string(), base)?;
            sheet.write_with_format(r, 1, l.reason.as_str(), base)?;
        }
    }
    Ok(())
}
