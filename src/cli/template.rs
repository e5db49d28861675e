//! `phuluc template from-table`: a template made from the province's blank table, printed
//! row by row (id, label, kind guessed, what could not be decided) for the officer to
//! review; `phuluc template check`: whether a template file can be used, and if not, which
//! row is wrong and how.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Subcommand;

use super::{EXIT_FINDINGS, EXIT_OK, EXIT_UNREADABLE};
use crate::model::ids::Depth;
use crate::model::template::from_table::{Guess, NoteLevel, Options, guess_template};
use crate::model::template::{Template, TemplateError};

/// A template file is about 60 KB; one a hundred times larger is not a template.
const MAX_TEMPLATE_BYTES: u64 = 5 * 1024 * 1024;
/// Labels are cut to this many characters in the list.
const LABEL_WIDTH: usize = 60;

/// The `template` subcommands.
#[derive(Debug, Subcommand)]
pub enum TemplateCommand {
    /// Dựng mẫu biểu từ Bảng 2 trống của tỉnh (Word .docx, Excel .xlsx, .csv, .tsv), in từng
    /// hàng: mã, tên, loại đoán được và điều cần xem lại.
    /// Mã thoát: 0 mọi hàng đã rõ, 1 có hàng cần xem lại (tệp mẫu vẫn được ghi), 2 không đọc được bảng.
    /// (Make a template from the province's blank table; exit 0 all decided, 1 some rows need
    /// review — the file is still written —, 2 the table cannot be read.)
    FromTable {
        /// Bảng trống: .docx, .xlsx, .csv, .tsv, .txt hoặc .html (the blank table)
        #[arg(value_name = "BẢNG")]
        input: PathBuf,
        /// Tệp mẫu biểu sẽ ghi, .json (the template file to write)
        #[arg(short, long, value_name = "MẪU")]
        output: PathBuf,
        /// Tên mẫu biểu khi chọn mẫu (the template's name)
        #[arg(long, value_name = "TÊN")]
        name: Option<String>,
        /// Năm của mẫu; mặc định lấy từ tiêu đề bảng (the form's year; default: from the title)
        #[arg(long, value_name = "NĂM")]
        year: Option<i32>,
        /// Mã mẫu biểu (the template id; default cchc-pl2-bang2)
        #[arg(long, value_name = "MÃ")]
        id: Option<String>,
        /// Phiên bản mẫu biểu; mặc định là năm (the template version; default: the year)
        #[arg(long, value_name = "PHIÊN_BẢN")]
        version: Option<String>,
    },
    /// Kiểm tra tệp mẫu biểu. Mã thoát: 0 hợp lệ, 1 không hợp lệ (in hàng và lỗi), 2 không đọc được.
    /// (Check a template file; exit 0 valid, 1 invalid — the row and the problem are printed —,
    /// 2 unreadable.)
    Check {
        /// Tệp mẫu biểu .json (the template file)
        #[arg(value_name = "MẪU")]
        file: PathBuf,
    },
}

/// Run a `template` subcommand.
pub fn run(command: TemplateCommand) -> ExitCode {
    match command {
        TemplateCommand::FromTable {
            input,
            output,
            name,
            year,
            id,
            version,
        } => from_table(
            &input,
            &output,
            &Options {
                name,
                year,
                id,
                version,
            },
        ),
        TemplateCommand::Check { file } => check(&file),
    }
}

fn from_table(input: &Path, output: &Path, options: &Options) -> ExitCode {
    let same_file = std::fs::canonicalize(input)
        .ok()
        .zip(std::fs::canonicalize(output).ok())
        .is_some_and(|(a, b)| a == b);
    if same_file {
        eprintln!(
            "tệp mẫu biểu “{}” trùng với bảng đọc vào; hãy chọn tên khác cho -o",
            output.display()
        );
        return ExitCode::from(EXIT_UNREADABLE);
    }
    let grid = match crate::import::read_table(input) {
        Ok(grid) => grid,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(EXIT_UNREADABLE);
        }
    };
    let guess = match guess_template(&grid, options) {
        Ok(guess) => guess,
        Err(e) => {
            eprintln!("“{}”: {e}", input.display());
            return ExitCode::from(EXIT_UNREADABLE);
        }
    };
    let written = guess
        .to_json()
        .map_err(|e| format!("không tạo được nội dung tệp mẫu biểu: {e}"))
        .and_then(|text| {
            crate::store::atomic::replace_atomic(output, text.as_bytes()).map_err(|e| e.to_string())
        });
    if let Err(message) = written {
        eprintln!("{message}");
        return ExitCode::from(EXIT_UNREADABLE);
    }
    match print_guess(&guess, output) {
        // Piped into `head`: the file is written, the reader has what it wanted.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        Err(e) => {
            eprintln!("không in được kết quả: {e}");
            return ExitCode::from(EXIT_UNREADABLE);
        }
        Ok(()) => {}
    }
    ExitCode::from(if guess.is_decided() {
        EXIT_OK
    } else {
        EXIT_FINDINGS
    })
}

/// The rows (`id<TAB>label<TAB>kind<TAB>notes`, "⚠" before what needs review), the notes
/// about the whole table, then a summary.
fn print_guess(guess: &Guess, output: &Path) -> std::io::Result<()> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for row in &guess.rows {
        let notes: Vec<String> = row.notes.iter().map(note_text).collect();
        writeln!(
            out,
            "{}\t{}\t{}\t{}",
            row.id,
            shorten(&row.printed_label()),
            row.kind_text(),
            notes.join("; ")
        )?;
    }
    for note in &guess.notes {
        writeln!(out, "{}", note_text(note))?;
    }
    let rows = guess.template.rows();
    let count = |d: Depth| rows.iter().filter(|r| r.depth() == d).count();
    writeln!(
        out,
        "Đã ghi mẫu biểu “{}” (mã {}, phiên bản {}) vào “{}”: {} hàng ({} mục lớn, {} nhóm, {} hàng con), {} hàng nhận giá trị.",
        guess.template.name,
        guess.template.id,
        guess.template.version,
        output.display(),
        rows.len(),
        count(Depth::Section),
        count(Depth::Group),
        count(Depth::Item),
        guess.template.value_rows(None).count(),
    )?;
    let review: Vec<String> = guess
        .rows
        .iter()
        .filter(|r| r.needs_review())
        .map(|r| r.id.to_string())
        .collect();
    if guess.is_decided() {
        writeln!(out, "Mọi hàng đã rõ loại.")?;
    } else {
        let rows_part = if review.is_empty() {
            String::new()
        } else {
            format!(" (hàng {})", review.join(", "))
        };
        writeln!(
            out,
            "Cần xem lại {} điểm, đánh dấu ⚠{rows_part}; sửa trong tệp mẫu biểu rồi kiểm tra bằng: phuluc template check “{}”",
            guess.review_count(),
            output.display()
        )?;
    }
    Ok(())
}

fn note_text(note: &crate::model::template::from_table::Note) -> String {
    match note.level {
        NoteLevel::Review => format!("⚠ {}", note.text),
        NoteLevel::Info => note.text.clone(),
    }
}

/// A label cut to [`LABEL_WIDTH`] characters.
fn shorten(label: &str) -> String {
    if label.chars().count() <= LABEL_WIDTH {
        label.to_owned()
    } else {
        let mut short: String = label.chars().take(LABEL_WIDTH - 1).collect();
        short.push('…');
        short
    }
}

fn check(file: &Path) -> ExitCode {
    let text = match read_text(file) {
        Ok(text) => text,
        Err(reason) => {
            eprintln!("không đọc được tệp mẫu biểu “{}”: {reason}", file.display());
            return ExitCode::from(EXIT_UNREADABLE);
        }
    };
    match Template::from_json(&text) {
        Ok(template) => {
            let rows = template.rows();
            let _ = writeln!(
                std::io::stdout(),
                "Mẫu biểu hợp lệ: “{}” (mã {}, phiên bản {}): {} hàng, {} hàng nhận giá trị, {} kiểm tra.",
                template.name,
                template.id,
                template.version,
                rows.len(),
                template.value_rows(None).count(),
                template.checks().len()
            );
            ExitCode::from(EXIT_OK)
        }
        Err(e @ (TemplateError::NotATemplate(_) | TemplateError::TooNew { .. })) => {
            eprintln!("không đọc được tệp mẫu biểu “{}”: {e}", file.display());
            ExitCode::from(EXIT_UNREADABLE)
        }
        Err(e) => {
            let _ = writeln!(
                std::io::stdout(),
                "Mẫu biểu “{}” không hợp lệ: {e}",
                file.display()
            );
            ExitCode::from(EXIT_FINDINGS)
        }
    }
}

/// A template file's text; the reason, in Vietnamese, when it cannot be had.
fn read_text(file: &Path) -> Result<String, String> {
    let size = std::fs::metadata(file)
        .map_err(|e| crate::import::io_reason(&e))?
        .len();
    if size > MAX_TEMPLATE_BYTES {
        return Err(format!(
            "tệp quá lớn ({} MB) để là một mẫu biểu",
            size / (1024 * 1024)
        ));
    }
    let bytes = std::fs::read(file).map_err(|e| crate::import::io_reason(&e))?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    String::from_utf8(bytes.to_vec()).map_err(|_| "không phải văn bản UTF-8".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_labels_are_cut() {
        assert_eq!(shorten("Kế hoạch CCHC"), "Kế hoạch CCHC");
        let long = "Số lượng tin, bài viết, phóng sự gửi và duyệt đăng tại Chuyên trang CCHC tỉnh";
        let short = shorten(long);
        assert_eq!(short.chars().count(), LABEL_WIDTH);
        assert!(short.ends_with('…') && long.starts_with(short.trim_end_matches('…')));
    }
}
