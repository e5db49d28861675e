//! `phuluc import`: a filled appendix (last year's Word table, an Excel sheet, CSV or
//! tab-separated text, a page saved as HTML) read into a new report file
//! (`model::import_values`), with a summary on stderr: rows matched, values read, cells
//! to look at and why, rows of the table that match no indicator (kept in the file).
//! `--dry-run` prints the same summary and writes nothing.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use super::convert::{target_template, write_report};
use super::{EXIT_OK, EXIT_UNREADABLE};
use crate::import::read_table;
use crate::model::Template;
use crate::model::import_values::{Imported, Summary, best_template, import_values};
use crate::store::templates::TemplateStore;

/// What the command was asked to do.
#[derive(Debug, Clone, Copy)]
pub struct Options<'a> {
    /// The filled table.
    pub input: &'a Path,
    /// The report file to write (`None` only with `dry_run`).
    pub output: Option<&'a Path>,
    /// `--template`: a template file or `ID:VERSION`; `None`: the best match.
    pub template: Option<&'a str>,
    /// Print the summary, write nothing.
    pub dry_run: bool,
    /// Overwrite an existing file (kept as `.bak`).
    pub force: bool,
}

/// Read the filled table and write the report; exit 0 written (or, with `--dry-run`,
/// read), 2 when the table cannot be read or the file cannot be written.
pub fn run(options: Options) -> ExitCode {
    match import(options) {
        Ok(()) => ExitCode::from(EXIT_OK),
        Err(message) => {
            eprintln!("{message}");
            ExitCode::from(EXIT_UNREADABLE)
        }
    }
}

fn import(options: Options) -> Result<(), String> {
    let output =
        match (options.output, options.dry_run) {
            (Some(output), _) => Some(output),
            (None, true) => None,
            (None, false) => return Err(
                "thiếu tệp báo cáo sẽ ghi: thêm -o TỆP.phuluc.json (hoặc --dry-run để chạy thử)"
                    .to_owned(),
            ),
        };
    if let Some(output) = output.filter(|_| !options.dry_run) {
        check_output(options.input, output, options.force)?;
    }
    let grid = read_table(options.input).map_err(|e| e.to_string())?;
    let (template, chosen) = match options.template {
        Some(target) => {
            // A dry run keeps no copy of the template file it reads.
            let store = if options.dry_run && Path::new(target).is_file() {
                TemplateStore::builtin_only()
            } else {
                TemplateStore::in_data_folder()
            };
            (target_template(target, &store, "--template")?, None)
        }
        None => {
            let known = TemplateStore::in_data_folder().list();
            let (best, matched) = best_template(&grid, &known)
                .map_err(|e| format!("“{}”: {e}", options.input.display()))?;
            (best.clone(), Some(matched))
        }
    };
    let imported = import_values(&grid, &template)
        .map_err(|e| format!("“{}”: {e}", options.input.display()))?;
    let written = match output.filter(|_| !options.dry_run) {
        Some(output) => {
            write_report(output, &imported.report)?;
            Some(output)
        }
        None => None,
    };
    let printed = print_summary(&imported, &template, chosen, options.input, written);
    match printed {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(format!("không in được kết quả: {e}"))
        }
        _ => Ok(()),
    }
}

/// Refuse to write over the table being read, or over an existing file without `--force`.
fn check_output(input: &Path, output: &Path, force: bool) -> Result<(), String> {
    let same = std::fs::canonicalize(input)
        .ok()
        .zip(std::fs::canonicalize(output).ok())
        .is_some_and(|(a, b)| a == b);
    if same {
        return Err(format!(
            "“{}” là tệp đang nhập; hãy chọn tên khác cho -o, ví dụ bao-cao.phuluc.json",
            output.display()
        ));
    }
    if output.exists() && !force {
        return Err(format!(
            "tệp “{}” đã có; hãy chọn tên khác cho -o (hoặc thêm --force để ghi đè, bản cũ được giữ ở tệp .bak bên cạnh)",
            output.display()
        ));
    }
    Ok(())
}

/// The summary on stderr: which template, the general information read, rows matched
/// (and how, when not by their place and label), values read, what went into Ghi chú,
/// the cells to look at, the rows that match no indicator.
fn print_summary(
    imported: &Imported,
    template: &Template,
    chosen: Option<usize>,
    input: &Path,
    written: Option<&Path>,
) -> std::io::Result<()> {
    let stderr = std::io::stderr();
    let mut out = stderr.lock();
    let s: &Summary = &imported.summary;
    let how_chosen = match chosen {
        Some(n) => format!(" (mẫu khớp nhiều hàng nhất: {n} hàng)"),
        None => String::new(),
    };
    write!(
        out,
        "Nhập “{}” theo mẫu “{}” ({} {}){how_chosen}",
        input.display(),
        template.name,
        template.id,
        template.version
    )?;
    match written {
        Some(path) => writeln!(out, "; đã ghi “{}”.", path.display())?,
        None => writeln!(out, "; chạy thử, không ghi tệp nào.")?,
    }
    for (heading, details) in s.sections() {
        writeln!(out, "{heading}")?;
        for detail in details {
            writeln!(out, "  {detail}")?;
        }
    }
    Ok(())
}
