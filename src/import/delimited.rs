//! CSV (comma or semicolon: Excel in a Vietnamese locale writes semicolons) and
//! tab-separated text (.tsv, and what Word or Excel put on the clipboard). Quoted fields may
//! hold separators, doubled quotes and line breaks, as Excel writes them.

use super::{Grid, MAX_COLUMNS, MAX_ROWS};

/// The rows of delimited text, the separator chosen by what makes the most rows of the
/// same width.
pub(super) fn table(text: &str) -> Grid {
    let best = ['\t', ';', ',']
        .into_iter()
        .map(|sep| split(text, sep))
        .max_by_key(|rows| consistency(rows))
        .unwrap_or_default();
    Grid::new(best)
}

/// How well a separator splits the text: the number of rows with the most common width of
/// two or more fields (then, on a tie, the width itself).
fn consistency(rows: &[Vec<String>]) -> (usize, usize) {
    let mut counts: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
    for row in rows {
        let filled = row
            .iter()
            .rposition(|c| !c.trim().is_empty())
            .map_or(0, |at| at + 1);
        if filled >= 2 {
            *counts.entry(row.len()).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .map(|(width, n)| (n, width))
        .max()
        .unwrap_or((0, 0))
}

/// Split text into rows of fields at `sep`, honouring quotes.
fn split(text: &str, sep: char) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    let mut at_field_start = true;
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    field.push('"');
                    chars.next();
                } else {
                    quoted = false;
                }
            } else {
                field.push(c);
            }
            continue;
        }
        match c {
            '"' if at_field_start => {
                quoted = true;
                at_field_start = false;
            }
            c if c == sep => {
                if row.len() < MAX_COLUMNS {
                    row.push(std::mem::take(&mut field));
                } else {
                    field.clear();
                }
                at_field_start = true;
            }
            '\r' | '\n' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                if row.len() < MAX_COLUMNS {
                    row.push(std::mem::take(&mut field));
                }
                field.clear();
                rows.push(std::mem::take(&mut row));
                if rows.len() >= MAX_ROWS {
                    return rows;
                }
                at_field_start = true;
            }
            c => {
                field.push(c);
                at_field_start = false;
            }
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(grid: &Grid) -> Vec<Vec<&str>> {
        (0..grid.height())
            .map(|r| (0..grid.width()).map(|c| grid.cell(r, c)).collect())
            .collect()
    }

    #[test]
    fn excel_quoting_and_separators() {
        let csv = "Stt;Chỉ tiêu;Đơn vị tính\r\nI;\"Cải cách; thể chế\";\r\n1;\"Số \"\"văn bản\"\"\";\"Cơ quan,\nđơn vị\"\r\n";
        assert_eq!(
            rows(&table(csv)),
            [
                vec!["Stt", "Chỉ tiêu", "Đơn vị tính"],
                vec!["I", "Cải cách; thể chế", ""],
                vec!["1", "Số \"văn bản\"", "Cơ quan,\nđơn vị"],
            ]
        );
        let commas = "Stt,Chỉ tiêu,Đơn vị tính\n1,\"Cơ quan, đơn vị\",Người\n";
        assert_eq!(rows(&table(commas))[1], ["1", "Cơ quan, đơn vị", "Người"]);
        let tabs = "Stt\tChỉ tiêu, thống kê\tĐơn vị tính\n\tSố hồ sơ\tHồ sơ";
        assert_eq!(rows(&table(tabs))[1], ["", "Số hồ sơ", "Hồ sơ"]);
    }
}
