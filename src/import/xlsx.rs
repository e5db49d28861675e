//! Tables of an Excel workbook (.xlsx), one per sheet, read with calamine. A merged region
//! keeps its text in its top-left cell only; here it is repeated over the region, the
//! copies to the right marked, like Word's merged cells.

use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};

use super::{Grid, ImportError, MAX_COLUMNS, MAX_ROWS, Placed};
use crate::model::value::format_number;

/// Every sheet of the workbook as a table.
pub(super) fn tables(path: &Path, bytes: Vec<u8>) -> Result<Vec<Grid>, ImportError> {
    let wrong = |detail: String| {
        ImportError::NotWhatItSays {
        path: path.to_path_buf(),
        problem: format!("không đọc được như tệp Excel .xlsx ({detail})"),
        advice: "hãy mở tệp bằng Excel, chọn Lưu thành… (Save As) dạng Excel Workbook (.xlsx) rồi thử lại"
            .to_owned(),
    }
    };
    let mut book: Xlsx<Cursor<Vec<u8>>> = open_workbook_from_rs(Cursor::new(bytes))
        .map_err(|e: calamine::XlsxError| wrong(e.to_string()))?;
    let mut grids = Vec::new();
    for name in book.sheet_names() {
        let range = book
            .worksheet_range(&name)
            .map_err(|e| wrong(format!("trang “{name}”: {e}")))?;
        let Some((end_row, end_col)) = range.end() else {
            continue;
        };
        let height = usize::try_from(end_row).map_or(MAX_ROWS, |r| (r + 1).min(MAX_ROWS));
        let width = usize::try_from(end_col).map_or(MAX_COLUMNS, |c| (c + 1).min(MAX_COLUMNS));
        let mut rows: Vec<Vec<Placed>> = vec![vec![Placed::default(); width]; height];
        for (r, row) in rows.iter_mut().enumerate() {
            for (c, slot) in row.iter_mut().enumerate() {
                let at = (
                    u32::try_from(r).unwrap_or(u32::MAX),
                    u32::try_from(c).unwrap_or(u32::MAX),
                );
                if let Some(value) = range.get_value(at) {
                    slot.text = text(value);
                }
            }
        }
        // A sheet whose merges cannot be read is still read, without them.
        for region in book.merge_cells_by_sheet_name(&name).unwrap_or_default() {
            let (top, left) = (region.start.0 as usize, region.start.1 as usize);
            let (bottom, right) = (region.end.0 as usize, region.end.1 as usize);
            let Some(text) = rows
                .get(top)
                .and_then(|r| r.get(left))
                .map(|p| p.text.clone())
            else {
                continue;
            };
            for (r, row) in rows.iter_mut().enumerate().take(bottom + 1).skip(top) {
                for (c, slot) in row.iter_mut().enumerate().take(right + 1).skip(left) {
                    if (r, c) != (top, left) {
                        *slot = Placed {
                            text: text.clone(),
                            from_left: c > left,
                        };
                    }
                }
            }
        }
        grids.push(Grid::with_merges(rows));
    }
    Ok(grids)
}

/// A cell's text; numbers the Vietnamese way (`1.200`, `95,83`), as the form prints them.
fn text(value: &Data) -> String {
    match value {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Float(f) => format_number(*f),
        Data::Int(i) => i.to_string(),
        other => other.to_string(),
    }
}
