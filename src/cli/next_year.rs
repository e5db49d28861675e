//! `phuluc next-year`: this year's report started from last year's report file, as the
//! window's Tệp → Báo cáo mới từ báo cáo năm trước… does: same unit and template, the
//! year moved on, report number and date left empty, no values, last year's values kept
//! in the file for the "Năm trước" column and the year-over-year check. A province can
//! prepare every commune's file at once.

use std::path::Path;
use std::process::ExitCode;

use super::convert::{check_output, write_report};
use super::{EXIT_OK, EXIT_UNREADABLE};
use crate::store::load_report;
use crate::store::templates::TemplateStore;

/// Write the report for the year after `input` to `output`.
pub fn run(input: &Path, output: &Path, force: bool) -> ExitCode {
    if let Err(message) = check_output(input, output, force) {
        eprintln!("{message}");
        return ExitCode::from(EXIT_UNREADABLE);
    }
    let store = TemplateStore::in_data_folder();
    let (last, _) = match load_report(input, &store) {
        Ok(loaded) => loaded,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(EXIT_UNREADABLE);
        }
    };
    let source = crate::store::shown_name(input);
    let next = last.next_year(&source);
    if let Err(message) = write_report(output, &next) {
        eprintln!("{message}");
        return ExitCode::from(EXIT_UNREADABLE);
    }
    let values = last.entries().filter(|(_, e)| !e.cell.is_empty()).count();
    let unit = if next.general.unit_name.trim().is_empty() {
        "đơn vị (chưa có tên)".to_owned()
    } else {
        next.general.unit_name.trim().to_owned()
    };
    let year = match next.general.year() {
        Some(y) => format!("năm {y}"),
        None => {
            "năm mới (báo cáo năm trước không có năm đọc được; hãy nhập năm báo cáo)".to_owned()
        }
    };
    eprintln!(
        "Đã ghi “{}”: báo cáo {year} của {unit}, {values} giá trị của báo cáo “{source}” để so sánh (cột Năm trước); số và ngày báo cáo để trống.",
        output.display()
    );
    ExitCode::from(EXIT_OK)
}
