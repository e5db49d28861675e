//! Merged cells expanded: a Word or HTML table describes a merge once (a cell spanning two
//! columns, or continuing the cell above); the [`Grid`] wants every position filled, the
//! copies to the right marked, so that rows line up with the header's columns.

use super::{Grid, MAX_COLUMNS, MAX_ROWS, Placed};

/// The longest vertical merge followed (HTML allows 65534; no form row spans more).
const MAX_ROWSPAN: usize = 1000;

/// A cell as the file describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct SpanCell {
    /// Its text (empty for a cell that continues the one above).
    pub text: String,
    /// Columns it covers.
    pub colspan: usize,
    /// Rows it covers (HTML `rowspan`).
    pub rowspan: usize,
    /// It continues the cell above (Word's `w:vMerge` without `restart`).
    pub continues_above: bool,
}

impl SpanCell {
    /// A plain cell.
    pub fn new(text: String) -> SpanCell {
        SpanCell {
            text,
            colspan: 1,
            rowspan: 1,
            continues_above: false,
        }
    }
}

/// Place the cells: each at the first free column of its row (positions taken by a cell
/// above that spans down are skipped), repeated over every position it covers.
pub(super) fn expand(rows: Vec<Vec<SpanCell>>, lines_above: Vec<String>) -> Grid {
    let height = rows.len().min(MAX_ROWS);
    let mut out: Vec<Vec<Option<Placed>>> = vec![Vec::new(); height];
    for (r, row) in rows.into_iter().take(height).enumerate() {
        let mut c = 0;
        for cell in row {
            while out[r].get(c).is_some_and(Option::is_some) {
                c += 1;
            }
            if c >= MAX_COLUMNS {
                break;
            }
            let colspan = cell.colspan.clamp(1, MAX_COLUMNS - c);
            let rowspan = cell.rowspan.clamp(1, MAX_ROWSPAN).min(height - r);
            let text = if cell.continues_above && r > 0 {
                out[r - 1]
                    .get(c)
                    .and_then(Option::as_ref)
                    .map(|p| p.text.clone())
                    .unwrap_or_default()
            } else {
                cell.text
            };
            for line in &mut out[r..r + rowspan] {
                if line.len() < c + colspan {
                    line.resize(c + colspan, None);
                }
                for (dc, slot) in line[c..c + colspan].iter_mut().enumerate() {
                    *slot = Some(Placed {
                        text: text.clone(),
                        from_left: dc > 0,
                    });
                }
            }
            c += colspan;
        }
    }
    let rows = out
        .into_iter()
        .map(|row| row.into_iter().map(Option::unwrap_or_default).collect())
        .collect();
    Grid::with_merges(rows).with_lines_above(lines_above)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(text: &str, colspan: usize, rowspan: usize) -> SpanCell {
        SpanCell {
            text: text.to_owned(),
            colspan,
            rowspan,
            continues_above: false,
        }
    }

    #[test]
    fn merges_fill_every_position_they_cover() {
        let grid = expand(
            vec![
                vec![
                    span("Stt", 1, 2),
                    span("Kết quả", 2, 1),
                    span("Ghi chú", 1, 2),
                ],
                vec![span("Đơn vị tính", 1, 1), span("Nội dung", 1, 1)],
                vec![
                    span("1", 1, 1),
                    SpanCell {
                        continues_above: true,
                        ..span("", 1, 1)
                    },
                ],
            ],
            Vec::new(),
        );
        let rows: Vec<Vec<&str>> = (0..grid.height())
            .map(|r| (0..grid.width()).map(|c| grid.cell(r, c)).collect())
            .collect();
        assert_eq!(
            rows,
            [
                vec!["Stt", "Kết quả", "Kết quả", "Ghi chú"],
                vec!["Stt", "Đơn vị tính", "Nội dung", "Ghi chú"],
                vec!["1", "Đơn vị tính", "", ""],
            ]
        );
        assert_eq!((grid.own(0, 2), grid.own(1, 0)), ("", "Stt"));
    }

    #[test]
    fn absurd_spans_are_cut_to_the_table() {
        let grid = expand(vec![vec![span("a", usize::MAX, usize::MAX)]], Vec::new());
        assert_eq!((grid.height(), grid.width()), (1, MAX_COLUMNS));
    }
}
