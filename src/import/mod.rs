//! Reading the province's blank Bảng 2 from the files it comes in: a Word table (.docx),
//! an Excel sheet (.xlsx), CSV or tab-separated text (a table pasted from Word or Excel
//! reaches the clipboard as tab-separated text, and as HTML beside it).
//!
//! Every reader gives the same thing: a [`Grid`] of cell text with merged cells expanded,
//! cleaned once (NFC, non-breaking spaces made plain, lines trimmed), and the text printed
//! above and below the table when the file has any (a letterhead or signature block laid
//! out as a small table counts as text). A file with several tables gives the one that
//! looks most like Bảng 2 (its header names Stt, Chỉ tiêu, Đơn vị tính, Nội dung …). What
//! the rows mean is `model::template::from_table`'s business (a blank form) and
//! `model::import_values`' (a filled one), not this module's.
//!
//! Files are not trusted: a file that is not what its name says, a zip of gigabytes, a
//! table of a million columns end in an [`ImportError`] that says what is wrong and what
//! to do, never in a crash or a hang.

mod delimited;
mod docx;
mod html;
mod spans;
mod xlsx;

use std::path::{Path, PathBuf};

pub use crate::model::template::from_table::{Grid, Placed};

/// A blank form is a few hundred KB; a file a hundred times larger is not one.
const MAX_FILE_BYTES: u64 = 50 * 1024 * 1024;
/// At most this many rows are read from a table (the 2021 form has 182).
const MAX_ROWS: usize = 20_000;
/// At most this many columns are read from a table (the form has five).
const MAX_COLUMNS: usize = 256;
/// At most this many lines of text are kept above and below a table.
const MAX_LINES_AROUND: usize = 30;
/// A table of at most this many rows without the form's header is a letterhead (unit and
/// motto side by side) or a signature block laid out as a table: its text counts as lines
/// around the form's table.
const MAX_LAYOUT_ROWS: usize = 10;

/// Why no table could be read.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file could not be read at all.
    #[error("không đọc được tệp “{}”: {reason}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// What the system said.
        reason: String,
    },
    /// Too large to be a form.
    #[error(
        "tệp “{}” quá lớn ({megabytes} MB) để là một bảng biểu mẫu; hãy kiểm tra đã chọn đúng tệp",
        path.display()
    )]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size.
        megabytes: u64,
    },
    /// The name says one kind of file, the content is not it.
    #[error("tệp “{}” {problem}; {advice}", path.display())]
    NotWhatItSays {
        /// The file.
        path: PathBuf,
        /// What is wrong, in Vietnamese.
        problem: String,
        /// What to do.
        advice: String,
    },
    /// A kind of file this program does not read.
    #[error(
        "không đọc được tệp “{}”: chỉ đọc được bảng trong tệp Word (.docx), Excel (.xlsx), .csv, .tsv hoặc .txt (chữ cách nhau bằng dấu Tab), .html",
        path.display()
    )]
    UnknownKind {
        /// The file.
        path: PathBuf,
    },
    /// Pasted text or HTML with no table in it.
    #[error(
        "nội dung dán vào không có bảng nào; hãy chọn cả bảng trong Word hoặc Excel (kể cả dòng tiêu đề Stt, Chỉ tiêu…), sao chép rồi dán lại"
    )]
    NoTableInClipboard,
    /// Read, but no table in it.
    #[error(
        "tệp “{}” không có bảng nào; hãy mở tệp kiểm tra Bảng 2 là một bảng thật (không phải hình ảnh hay chữ căn bằng dấu cách), rồi thử lại",
        path.display()
    )]
    NoTable {
        /// The file.
        path: PathBuf,
    },
}

/// What a file holds, from its name and its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Docx,
    Xlsx,
    Delimited,
    Html,
}

/// Read the table that looks most like Bảng 2 from a .docx, .xlsx, .csv, .tsv, .txt or
/// .html file.
pub fn read_table(path: &Path) -> Result<Grid, ImportError> {
    let io = |e: std::io::Error| ImportError::Io {
        path: path.to_path_buf(),
        reason: io_reason(&e),
    };
    let size = std::fs::metadata(path).map_err(io)?.len();
    if size > MAX_FILE_BYTES {
        return Err(ImportError::TooLarge {
            path: path.to_path_buf(),
            megabytes: size / (1024 * 1024),
        });
    }
    let bytes = std::fs::read(path).map_err(io)?;
    read_bytes(path, bytes)
}

/// [`read_table`] of a file's bytes; `path` names it and its extension says what it claims to be.
pub fn read_bytes(path: &Path, bytes: Vec<u8>) -> Result<Grid, ImportError> {
    let tables = match format(path, &bytes)? {
        Format::Docx => docx::tables(path, &bytes)?,
        Format::Xlsx => xlsx::tables(path, bytes)?,
        Format::Delimited => vec![delimited::table(&text(path, &bytes)?)],
        Format::Html => html::tables(&text(path, &bytes)?),
    };
    best(tables).ok_or_else(|| ImportError::NoTable {
        path: path.to_path_buf(),
    })
}

/// The table of a clipboard: its HTML flavour when there is one with a table (Word and Excel
/// put merged cells there), else its plain text, tab-separated.
pub fn from_clipboard(html: Option<&str>, text: &str) -> Result<Grid, ImportError> {
    if let Some(grid) = html.and_then(|h| best(html::tables(h))) {
        return Ok(grid);
    }
    best(vec![delimited::table(text)]).ok_or(ImportError::NoTableInClipboard)
}

/// What a document holds at its top level, in order: a line of text, or a table (its
/// index in the list of tables read).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Piece {
    /// A paragraph outside any table.
    Line(String),
    /// A table, by its index among the tables read.
    Table(usize),
}

/// Give every top-level table of `pieces` the lines of text above and below it: the
/// paragraphs, and the text of letterhead-like tables ([`MAX_LAYOUT_ROWS`]), up to the
/// next table that is not one (at most [`MAX_LINES_AROUND`] each way). A filled form's
/// unit, title and "Kèm theo Báo cáo số …" line are above it; its signer below.
pub(super) fn with_lines_around(tables: Vec<Grid>, pieces: &[Piece]) -> Vec<Grid> {
    let layout: Vec<Option<Vec<String>>> = tables.iter().map(layout_lines).collect();
    let lines_of = |piece: &Piece| -> Option<Vec<String>> {
        match piece {
            Piece::Line(line) => Some(vec![line.clone()]),
            Piece::Table(t) => layout.get(*t).cloned().flatten(),
        }
    };
    let mut around: Vec<(Vec<String>, Vec<String>)> = vec![Default::default(); tables.len()];
    for (at, piece) in pieces.iter().enumerate() {
        let Piece::Table(t) = piece else { continue };
        let mut above: Vec<String> = Vec::new();
        for before in pieces[..at].iter().rev() {
            let Some(lines) = lines_of(before) else { break };
            above.extend(lines.into_iter().rev());
            if above.len() >= MAX_LINES_AROUND {
                break;
            }
        }
        above.truncate(MAX_LINES_AROUND);
        above.reverse();
        let mut below: Vec<String> = Vec::new();
        for after in &pieces[at + 1..] {
            let Some(lines) = lines_of(after) else { break };
            below.extend(lines);
            if below.len() >= MAX_LINES_AROUND {
                break;
            }
        }
        below.truncate(MAX_LINES_AROUND);
        if let Some(slot) = around.get_mut(*t) {
            *slot = (above, below);
        }
    }
    tables
        .into_iter()
        .zip(around)
        .map(|(grid, (above, below))| grid.with_lines_above(above).with_lines_below(below))
        .collect()
}

/// The text of a letterhead-like table, a column at a time (the unit's name and number
/// on the left, the motto on the right); `None` for a table that may be a form.
fn layout_lines(grid: &Grid) -> Option<Vec<String>> {
    if grid.height() > MAX_LAYOUT_ROWS || grid.form_score() > 0 {
        return None;
    }
    let mut lines = Vec::new();
    for col in 0..grid.width() {
        for row in 0..grid.height() {
            let text = grid.own(row, col);
            if text.is_empty() || (row > 0 && grid.cell(row - 1, col) == text) {
                continue;
            }
            lines.extend(text.split('\n').map(str::to_owned));
        }
    }
    Some(lines)
}

/// What the system said, in Vietnamese for the usual cases.
pub fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "không có tệp này (kiểm tra tên và thư mục)".to_owned(),
        std::io::ErrorKind::PermissionDenied => "không có quyền đọc tệp này".to_owned(),
        std::io::ErrorKind::IsADirectory => "đây là thư mục, không phải tệp".to_owned(),
        _ => e.to_string(),
    }
}

/// The table that looks most like Bảng 2; among equals the largest; none when every table is blank.
fn best(tables: Vec<Grid>) -> Option<Grid> {
    tables
        .into_iter()
        .filter(|g| !g.is_blank())
        .map(|g| ((g.form_score(), g.height() * g.width()), g))
        .reduce(|a, b| if b.0 > a.0 { b } else { a })
        .map(|(_, g)| g)
}

/// What the file is: by its content when that is plain (a zip, HTML), else by its name; an
/// error when the name promises what the content is not.
fn format(path: &Path, bytes: &[u8]) -> Result<Format, ImportError> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let wrong = |problem: &str, advice: &str| ImportError::NotWhatItSays {
        path: path.to_path_buf(),
        problem: problem.to_owned(),
        advice: advice.to_owned(),
    };
    let resave = "hãy mở tệp bằng Word hoặc Excel, chọn Lưu thành… (Save As) dạng .docx hoặc .xlsx rồi thử lại";
    if bytes.starts_with(b"PK\x03\x04") {
        return if zip_has(bytes, "xl/workbook.xml") {
            Ok(Format::Xlsx)
        } else {
            Ok(Format::Docx)
        };
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(wrong(
            "là tệp Word hoặc Excel kiểu cũ (.doc, .xls của Office 97–2003), chương trình không đọc được",
            resave,
        ));
    }
    if bytes.starts_with(b"{\\rtf") {
        return Err(wrong("là tệp RTF, chương trình không đọc được", resave));
    }
    if bytes.starts_with(b"%PDF") {
        return Err(wrong(
            "là tệp PDF, không đọc được bảng trong đó",
            "hãy dùng tệp Word hoặc Excel gốc của Bảng 2 (hoặc mở PDF, chép bảng rồi dán vào Excel, lưu .xlsx)",
        ));
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]).to_lowercase();
    let looks_html =
        head.contains("<table") || head.contains("<html") || head.contains("<!doctype html");
    match ext.as_str() {
        "docx" | "docm" | "xlsx" | "xlsm" if looks_html => Ok(Format::Html),
        "docx" | "docm" => Err(wrong(
            "không phải tệp Word .docx (không mở được như tệp nén .docx; có thể tệp bị hỏng, tải về chưa hết, hoặc chỉ đổi tên đuôi)",
            resave,
        )),
        "xlsx" | "xlsm" => Err(wrong(
            "không phải tệp Excel .xlsx (không mở được như tệp nén .xlsx; có thể tệp bị hỏng, tải về chưa hết, hoặc chỉ đổi tên đuôi)",
            resave,
        )),
        "doc" | "xls" if looks_html => Ok(Format::Html),
        "htm" | "html" => Ok(Format::Html),
        "csv" | "tsv" | "txt" | "tab" => Ok(Format::Delimited),
        _ => Err(ImportError::UnknownKind {
            path: path.to_path_buf(),
        }),
    }
}

/// Whether a zip holds an entry of this name.
fn zip_has(bytes: &[u8], name: &str) -> bool {
    zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map(|z| z.index_for_name(name).is_some())
        .unwrap_or(false)
}

/// A text file's text: UTF-8 (with or without a byte-order mark) or UTF-16 with its mark
/// (Excel's "Unicode text").
fn text(path: &Path, bytes: &[u8]) -> Result<String, ImportError> {
    let utf16 = |bytes: &[u8], little: bool| -> String {
        let units: Vec<u16> = bytes
            .chunks_exact(2)
            .map(|p| {
                if little {
                    u16::from_le_bytes([p[0], p[1]])
                } else {
                    u16::from_be_bytes([p[0], p[1]])
                }
            })
            .collect();
        String::from_utf16_lossy(&units)
    };
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return Ok(utf16(rest, true));
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return Ok(utf16(rest, false));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    String::from_utf8(bytes.to_vec()).map_err(|_| ImportError::NotWhatItSays {
        path: path.to_path_buf(),
        problem: "không phải chữ mã UTF-8 (có thể là mã TCVN3/VNI hoặc ANSI cũ)".to_owned(),
        advice: "hãy mở bằng Excel, chọn Lưu thành… dạng “CSV UTF-8” hoặc lưu .xlsx rồi thử lại"
            .to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_that_are_not_what_they_say_are_refused_with_advice() {
        let err = read_bytes(Path::new("mau.docx"), b"hello".to_vec()).expect_err("not a zip");
        let message = err.to_string();
        assert!(
            message.contains("mau.docx")
                && message.contains("không phải tệp Word .docx")
                && message.contains("Lưu thành"),
            "{message}"
        );
        let err = read_bytes(Path::new("mau.doc"), vec![0xD0, 0xCF, 0x11, 0xE0, 0, 0])
            .expect_err("old Word");
        assert!(err.to_string().contains("kiểu cũ"), "{err}");
        let err = read_bytes(Path::new("mau.pdf"), b"%PDF-1.7".to_vec()).expect_err("pdf");
        assert!(err.to_string().contains("PDF"), "{err}");
        let err = read_bytes(Path::new("mau.odt"), b"x".to_vec()).expect_err("unknown");
        assert!(matches!(err, ImportError::UnknownKind { .. }), "{err}");
        let err = read_bytes(Path::new("mau.csv"), vec![b'a', 0xC3, b'b']).expect_err("not utf-8");
        assert!(err.to_string().contains("UTF-8"), "{err}");
        let err = read_bytes(Path::new("trong.csv"), b"\n\n".to_vec()).expect_err("empty");
        assert!(matches!(err, ImportError::NoTable { .. }), "{err}");
        let err = read_table(Path::new("/khong/co/tep-nay.docx")).expect_err("missing");
        assert!(err.to_string().contains("không có tệp này"), "{err}");
        let err = from_clipboard(Some("<p>chữ</p>"), " \n").expect_err("nothing pasted");
        assert!(matches!(err, ImportError::NoTableInClipboard), "{err}");
    }

    #[test]
    fn utf16_text_with_its_mark_is_read() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "Stt\tChỉ tiêu\tĐơn vị tính\r\nI\tA\t\r\n".encode_utf16() {
            bytes.extend(unit.to_le_bytes());
        }
        let grid = read_bytes(Path::new("dan.txt"), bytes).expect("reads");
        assert_eq!(grid.cell(0, 2), "Đơn vị tính");
        assert_eq!(grid.cell(1, 1), "A");
    }

    #[test]
    fn the_table_most_like_the_form_is_chosen() {
        let other = Grid::new(vec![vec!["Họ tên".into(), "Chức vụ".into()]; 40]);
        let form = Grid::new(vec![
            vec!["Stt".into(), "Chỉ tiêu".into(), "Đơn vị tính".into()],
            vec!["I".into(), "A".into(), String::new()],
        ]);
        let chosen = best(vec![other, form.clone(), Grid::default()]).expect("one");
        assert_eq!(chosen, form);
    }
}
