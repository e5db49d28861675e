//! `phuluc convert`: a report (last year's, or one made on an older form) moved onto
//! another template and written to a new file, with a summary of what moved, what moved
//! under a new id, and what did not and why (`model::migrate`). What did not move is
//! still in the new file, kept aside.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use super::{EXIT_FINDINGS, EXIT_OK, EXIT_UNREADABLE};
use crate::model::migrate::{Group, Line, Moved, move_report};
use crate::model::{Report, Template};
use crate::store::atomic::{replace_atomic, save_atomic};
use crate::store::templates::TemplateStore;
use crate::store::{load_report, report_to_json};

/// Ids moved as they were are listed on lines about this wide.
const LIST_WIDTH: usize = 96;

/// Move the report `input` onto the template `target` (a template file, or `ID:VERSION`
/// of one the program knows) and write it to `output`.
pub fn run(input: &Path, target: &str, output: &Path, force: bool) -> ExitCode {
    if let Err(message) = check_output(input, output, force) {
        eprintln!("{message}");
        return ExitCode::from(EXIT_UNREADABLE);
    }
    let store = TemplateStore::in_data_folder();
    let (report, from) = match load_report(input, &store) {
        Ok(loaded) => loaded,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(EXIT_UNREADABLE);
        }
    };
    let to = match target_template(target, &store, "--to") {
        Ok(to) => to,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(EXIT_UNREADABLE);
        }
    };
    let moved = move_report(&report, &from, &to);
    if let Err(message) = write_report(output, &moved.report) {
        eprintln!("{message}");
        return ExitCode::from(EXIT_UNREADABLE);
    }
    match print_summary(&moved, (input, &from), (output, &to)) {
        // Piped into `head`: the file is written, the reader has what it wanted.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        Err(e) => {
            eprintln!("không in được kết quả: {e}");
            return ExitCode::from(EXIT_UNREADABLE);
        }
        Ok(()) => {}
    }
    ExitCode::from(if moved.is_complete() {
        EXIT_OK
    } else {
        EXIT_FINDINGS
    })
}

/// Refuse to write over the report being moved, or over any existing file, without `--force`.
pub(super) fn check_output(input: &Path, output: &Path, force: bool) -> Result<(), String> {
    if force || !output.exists() {
        return Ok(());
    }
    let same = std::fs::canonicalize(input)
        .ok()
        .zip(std::fs::canonicalize(output).ok())
        .is_some_and(|(a, b)| a == b);
    Err(if same {
        format!(
            "“{}” là chính báo cáo đang đọc; hãy chọn tên khác cho -o để giữ nguyên báo cáo cũ (hoặc thêm --force để ghi đè, bản cũ được giữ ở tệp .bak bên cạnh)",
            output.display()
        )
    } else {
        format!(
            "tệp “{}” đã có; hãy chọn tên khác cho -o (hoặc thêm --force để ghi đè, bản cũ được giữ ở tệp .bak bên cạnh)",
            output.display()
        )
    })
}

/// Write a new report file atomically; overwriting (only with --force) keeps the file it
/// replaces as a backup.
pub(super) fn write_report(output: &Path, report: &Report) -> Result<(), String> {
    let text = report_to_json(report)
        .map_err(|e| format!("không ghi được “{}”: {e}", output.display()))?;
    let write = if output.exists() {
        save_atomic
    } else {
        replace_atomic
    };
    write(output, text.as_bytes()).map_err(|e| e.to_string())
}

/// The template an option (`flag`: `--to`, `--template`) names: a template file (kept by
/// the program, so that the new report opens again later), or `ID:VERSION` of a template
/// the program has.
pub(super) fn target_template(
    target: &str,
    store: &TemplateStore,
    flag: &str,
) -> Result<Template, String> {
    let path = Path::new(target);
    if path.is_file() {
        return store.import(path).map_err(|e| e.to_string());
    }
    let looks_like_file =
        target.to_lowercase().ends_with(".json") || target.contains('/') || target.contains('\\');
    match target.rsplit_once(':') {
        Some((id, version)) if !looks_like_file && !id.is_empty() && !version.is_empty() => {
            store.find(id, version).ok_or_else(|| {
                format!(
                    "chương trình chưa có mẫu biểu mã “{id}” phiên bản “{version}”; hãy chỉ đường dẫn tệp mẫu biểu (.json) cho {flag}"
                )
            })
        }
        _ => Err(format!(
            "không tìm thấy tệp mẫu biểu “{target}”; {flag} nhận đường dẫn tệp mẫu biểu (.json) hoặc MÃ:PHIÊN_BẢN của mẫu chương trình đã có, ví dụ cchc-pl2-bang2:2021"
        )),
    }
}

/// What was done, grouped: moved by id, moved under a new id, not moved (with reasons),
/// required rows of the new form left empty; then a one-line verdict.
fn print_summary(
    moved: &Moved,
    (input, from): (&Path, &Template),
    (output, to): (&Path, &Template),
) -> std::io::Result<()> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    writeln!(
        out,
        "Chuyển “{}” (mẫu {} {}) sang mẫu “{}” ({} {}); đã ghi “{}”.",
        input.display(),
        from.id,
        from.version,
        to.name,
        to.id,
        to.version,
        output.display()
    )?;
    for group in [
        Group::ById,
        Group::ByLabel,
        Group::NotMoved,
        Group::RequiredEmpty,
    ] {
        let lines: Vec<&Line> = moved.lines(group).collect();
        if lines.is_empty() {
            continue;
        }
        writeln!(out, "{}: {}", group.title(), lines.len())?;
        // Rows moved as they were are many: their ids only, a few to a line.
        let (plain, told): (Vec<&Line>, Vec<&Line>) = lines.into_iter().partition(|l| {
            matches!(
                l,
                Line::ById {
                    old_label: None,
                    remark: None,
                    ..
                }
            )
        });
        let mut list = String::new();
        for line in plain {
            if let Line::ById { id, .. } = line {
                if !list.is_empty() && list.len() + id.as_str().len() + 2 > LIST_WIDTH {
                    writeln!(out, "  {list}")?;
                    list.clear();
                }
                if !list.is_empty() {
                    list.push_str(", ");
                }
                list.push_str(id.as_str());
            }
        }
        if !list.is_empty() {
            writeln!(out, "  {list}")?;
        }
        for line in told {
            writeln!(out, "  {line}")?;
        }
    }
    if moved.is_complete() {
        writeln!(out, "Mọi giá trị đã được chuyển.")?;
    } else {
        writeln!(
            out,
            "{} mục không chuyển được; chúng vẫn nằm trong tệp mới (phuluc check liệt kê chúng), hãy nhập lại vào hàng phù hợp của mẫu mới nếu cần.",
            moved.lines(Group::NotMoved).count()
        )?;
    }
    Ok(())
}
