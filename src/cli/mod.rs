//! The command line of the same `phuluc` binary: `check` reads reports in bulk (a
//! district officer checks every commune's file at once), `export` writes the appendix
//! as PDF, Word or Excel, or the blank form, without opening the window (`cli/export.rs`),
//! `rollup` combines many units' reports
//! into one table for the province (`cli/rollup.rs`), `template` makes a template from the
//! province's blank table and checks template files (`cli/template.rs`), `convert` moves a
//! report onto another template (`cli/convert.rs`), `import` reads a filled appendix (last
//! year's Word or Excel table) into a new report (`cli/import.rs`), `next-year` starts
//! this year's report from last year's file (`cli/next_year.rs`).
//!
//! `check` output is meant for both people and scripts: one finding per line as
//! `severity<TAB>indicator<TAB>message`, or a JSON array with `--json`.
//! Exit status: 0 no errors, 1 at least one error (for `export`: a report with errors
//! and no `--draft`), 2 a file could not be read or written.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod convert;
mod export;
mod import;
mod next_year;
mod rollup;
mod template;

pub use template::TemplateCommand;

use export::output_format;

use crate::rules::{self, Severity};
use crate::store::load_report;
use crate::store::templates::TemplateStore;

/// Exit status when every file was read and none has an error.
pub const EXIT_OK: u8 = 0;
/// Exit status when a report has at least one error.
pub const EXIT_FINDINGS: u8 = 1;
/// Exit status when a file could not be read.
pub const EXIT_UNREADABLE: u8 = 2;

/// phuluc — Phụ lục 2, Bảng 2: thống kê số liệu cải cách hành chính.
///
/// Chạy không có tham số để mở cửa sổ nhập liệu. Các lệnh dưới đây dùng cho dòng lệnh.
/// (Run with no arguments to open the data-entry window. The commands below are for the command line.)
#[derive(Debug, Parser)]
#[command(name = "phuluc", version, about, long_about = None)]
pub struct Cli {
    /// Lệnh (command)
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Kiểm tra tệp báo cáo và in từng vấn đề: mức độ<TAB>mã chỉ tiêu<TAB>nội dung.
    /// Mã thoát: 0 không có lỗi, 1 có lỗi, 2 không đọc được tệp.
    /// (Check report files; print each problem as severity<TAB>indicator<TAB>message.
    /// Exit status: 0 no error, 1 errors found, 2 a file could not be read.)
    Check {
        /// In dạng JSON: [{"severity", "rule", "indicators", "message"}] (print a JSON array)
        #[arg(long)]
        json: bool,
        /// Tệp báo cáo (.phuluc.json); có thể nhiều tệp (report files; several allowed)
        #[arg(required = true, value_name = "TỆP")]
        files: Vec<PathBuf>,
    },
    /// Xuất phụ lục ra PDF (A4, theo Nghị định 30/2020/NĐ-CP), Word hoặc Excel, theo đuôi
    /// tệp -o. Báo cáo còn lỗi chỉ xuất được với --draft (in dấu BẢN NHÁP). Với --blank:
    /// mẫu trắng để in và điền tay, không cần tệp báo cáo.
    /// (Export the appendix to PDF, Word or Excel, by the extension of -o; a report with
    /// errors exports only with --draft, marked as a draft; --blank writes the blank form
    /// to fill in by hand. Needs no display.)
    Export {
        /// Tệp báo cáo (the report file; none with --blank)
        #[arg(
            value_name = "TỆP",
            required_unless_present = "blank",
            conflicts_with = "blank"
        )]
        file: Option<PathBuf>,
        /// Tệp kết quả, .pdf, .docx hoặc .xlsx (output file, .pdf, .docx or .xlsx)
        #[arg(short, long, value_name = "RA")]
        output: PathBuf,
        /// Cho phép xuất bản nháp khi báo cáo còn lỗi (allow a draft when the report has errors)
        #[arg(long, conflicts_with = "blank")]
        draft: bool,
        /// In khổ ngang: A4 nằm ngang, cột rộng hơn (landscape A4, wider columns)
        #[arg(long)]
        landscape: bool,
        /// Mẫu trắng: mọi chỉ tiêu, ô Nội dung để trống đủ cao để viết tay
        /// (the blank form: every row, empty value cells tall enough to write in)
        #[arg(long)]
        blank: bool,
        /// Mẫu biểu của mẫu trắng: tệp .json hoặc MÃ:PHIÊN_BẢN; mặc định mẫu có sẵn
        /// (the blank form's template: a file or ID:VERSION; default: the built-in one)
        #[arg(long, value_name = "MẪU", requires = "blank", conflicts_with = "file")]
        template: Option<String>,
        /// Cấp của đơn vị điền mẫu trắng, một cấp của mẫu: xa, huyen hoặc tinh; chỉ tiêu không
        /// áp dụng in "x" (the level of the unit that fills the blank form, one the form
        /// has — xa, huyen or tinh: rows of other levels print "x"; default: every row)
        #[arg(
            long,
            value_name = "CẤP",
            requires = "blank",
            conflicts_with = "file",
            value_parser = export::parse_level
        )]
        level: Option<crate::model::Level>,
    },
    /// Tổng hợp báo cáo của nhiều đơn vị (tệp hoặc thư mục, tìm *.phuluc.json trong thư mục con)
    /// thành một bảng; -o ghi ra .xlsx (mỗi đơn vị một cột, kèm trang Tình trạng) hoặc .pdf.
    /// Mã thoát: 0 dùng được mọi tệp và không đơn vị nào có lỗi, 1 có tệp bị loại hoặc đơn vị
    /// có lỗi, 2 không đọc được tệp nào.
    /// (Combine many units' reports — files or folders — into one table; exit 0 all used and
    /// no errors, 1 something left out or a unit in error, 2 nothing readable.)
    Rollup {
        /// In kết quả dạng JSON (print the result as JSON)
        #[arg(long)]
        json: bool,
        /// Năm cần tổng hợp; mặc định là năm của đa số tệp (the year; default: most files' year)
        #[arg(long, value_name = "NĂM")]
        year: Option<i32>,
        /// Tệp kết quả .xlsx hoặc .pdf (output file, .xlsx or .pdf)
        #[arg(short, long, value_name = "RA")]
        output: Option<PathBuf>,
        /// Tên đơn vị tổng hợp in trên bản PDF (the combining unit's name on the PDF)
        #[arg(long, value_name = "TÊN", default_value = "")]
        unit: String,
        /// Tệp báo cáo hoặc thư mục (report files or folders)
        #[arg(required = true, value_name = "VÀO")]
        inputs: Vec<PathBuf>,
    },
    /// Chuyển báo cáo sang mẫu biểu khác (mẫu năm mới): giá trị theo mã chỉ tiêu, rồi theo
    /// tên chỉ tiêu; in những gì đã chuyển, chuyển sang mã mới, không chuyển được và lý do.
    /// Mục không chuyển được vẫn được giữ trong tệp mới.
    /// Mã thoát: 0 chuyển hết, 1 có mục không chuyển được (tệp vẫn được ghi), 2 không đọc được tệp.
    /// (Move a report onto another template; exit 0 everything moved, 1 something did not
    /// move — the file is still written and keeps it —, 2 an input cannot be read.)
    Convert {
        /// Tệp báo cáo cần chuyển (the report to move)
        #[arg(value_name = "TỆP")]
        file: PathBuf,
        /// Mẫu biểu mới: tệp .json hoặc MÃ:PHIÊN_BẢN, ví dụ cchc-pl2-bang2:2021
        /// (the new template: a file, or ID:VERSION of one the program has)
        #[arg(long, value_name = "MẪU")]
        to: String,
        /// Tệp báo cáo mới sẽ ghi (the new report file)
        #[arg(short, long, value_name = "RA")]
        output: PathBuf,
        /// Cho phép ghi đè tệp đã có, kể cả báo cáo cũ; bản cũ giữ ở .bak
        /// (allow overwriting an existing file, the input included; the old one is kept as .bak)
        #[arg(long)]
        force: bool,
    },
    /// Nhập Phụ lục 2, Bảng 2 đã điền (Word .docx, Excel .xlsx, .csv, .tsv, .txt, .html)
    /// thành tệp báo cáo mới: hàng khớp theo số thứ tự và tên chỉ tiêu, số đọc kiểu Việt Nam,
    /// văn bản thành loại/số/ngày, Ghi chú giữ nguyên. In tóm tắt ra stderr: hàng khớp, giá trị
    /// đọc được, ô cần xem lại, dòng không khớp chỉ tiêu nào (vẫn giữ trong tệp).
    /// Mã thoát: 0 đã ghi (hoặc đã chạy thử), 2 không đọc được bảng hoặc không ghi được tệp.
    /// (Read a filled appendix into a new report; summary on stderr; exit 0 written,
    /// 2 the table cannot be read or the file cannot be written.)
    Import {
        /// Bảng đã điền (the filled table)
        #[arg(value_name = "TỆP")]
        file: PathBuf,
        /// Tệp báo cáo sẽ ghi (the report file to write)
        #[arg(short, long, value_name = "RA", required_unless_present = "dry_run")]
        output: Option<PathBuf>,
        /// Mẫu biểu: tệp .json hoặc MÃ:PHIÊN_BẢN; mặc định là mẫu khớp nhiều hàng nhất
        /// (the template: a file or ID:VERSION; default: the one matching most rows)
        #[arg(long, value_name = "MẪU")]
        template: Option<String>,
        /// Chạy thử: chỉ in tóm tắt, không ghi tệp nào (dry run: print the summary only)
        #[arg(long)]
        dry_run: bool,
        /// Cho phép ghi đè tệp đã có; bản cũ giữ ở .bak
        /// (allow overwriting an existing file; the old one is kept as .bak)
        #[arg(long)]
        force: bool,
    },
    /// Lập báo cáo năm sau từ báo cáo năm trước: cùng đơn vị và mẫu biểu, năm + 1, số và
    /// ngày báo cáo để trống, chưa có giá trị; giá trị năm trước giữ trong tệp để so sánh
    /// (cột Năm trước, cảnh báo thay đổi bất thường). Mã thoát: 0 đã ghi, 2 không đọc hoặc
    /// không ghi được tệp.
    /// (Start next year's report from last year's; exit 0 written, 2 a file cannot be
    /// read or written.)
    NextYear {
        /// Báo cáo năm trước (last year's report)
        #[arg(value_name = "TỆP")]
        file: PathBuf,
        /// Tệp báo cáo mới sẽ ghi (the new report file)
        #[arg(short, long, value_name = "RA")]
        output: PathBuf,
        /// Cho phép ghi đè tệp đã có; bản cũ giữ ở .bak
        /// (allow overwriting an existing file; the old one is kept as .bak)
        #[arg(long)]
        force: bool,
    },
    /// Mẫu biểu: dựng từ Bảng 2 trống của tỉnh (from-table), kiểm tra tệp mẫu (check).
    /// (Templates: make one from the province's blank table, check a template file.)
    Template {
        /// Lệnh mẫu biểu (template command)
        #[command(subcommand)]
        command: TemplateCommand,
    },
}

/// Run the command line with these arguments, the program's name first (as
/// `std::env::args_os` gives them).
pub fn run<I, T>(args: I) -> ExitCode
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() {
                EXIT_UNREADABLE
            } else {
                EXIT_OK
            });
        }
    };
    match cli.command {
        Command::Check { json, files } => check(&files, json),
        Command::Export {
            file,
            output,
            draft,
            landscape,
            blank,
            template,
            level,
        } => match file {
            Some(file) if !blank => export::report(&file, &output, draft, landscape),
            _ => export::blank(template.as_deref(), level, landscape, &output),
        },
        Command::Rollup {
            json,
            year,
            output,
            unit,
            inputs,
        } => rollup::run(&inputs, year, json, output.as_deref(), &unit),
        Command::Template { command } => template::run(command),
        Command::Convert {
            file,
            to,
            output,
            force,
        } => convert::run(&file, &to, &output, force),
        Command::NextYear {
            file,
            output,
            force,
        } => next_year::run(&file, &output, force),
        Command::Import {
            file,
            output,
            template,
            dry_run,
            force,
        } => import::run(import::Options {
            input: &file,
            output: output.as_deref(),
            template: template.as_deref(),
            dry_run,
            force,
        }),
    }
}

fn check(files: &[PathBuf], json: bool) -> ExitCode {
    let store = TemplateStore::in_data_folder();
    let many = files.len() > 1;
    let mut status = EXIT_OK;
    let mut all = Vec::new();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for file in files {
        let (report, template) = match load_report(file, &store) {
            Ok(loaded) => loaded,
            Err(e) => {
                eprintln!("{e}");
                status = EXIT_UNREADABLE;
                continue;
            }
        };
        let findings = rules::evaluate(&template, &report);
        if findings.iter().any(|f| f.severity == Severity::Error) && status == EXIT_OK {
            status = EXIT_FINDINGS;
        }
        if json {
            for f in &findings {
                match finding_json(f, many.then_some(file.as_path())) {
                    Ok(v) => all.push(v),
                    Err(e) => {
                        eprintln!(
                            "không chuyển được kết quả kiểm tra “{}” thành JSON: {e}; hãy chạy lại không có --json",
                            file.display()
                        );
                        status = EXIT_UNREADABLE;
                    }
                }
            }
        } else {
            for f in &findings {
                if writeln!(out, "{}", finding_line(f, many.then_some(file.as_path()))).is_err() {
                    return ExitCode::from(status);
                }
            }
        }
    }
    if json {
        // Never "[]" in place of findings that could not be written: that would read as "no problem".
        match serde_json::to_string_pretty(&all) {
            Ok(text) => {
                let _ = writeln!(out, "{text}");
            }
            Err(e) => {
                eprintln!(
                    "không chuyển được kết quả kiểm tra thành JSON: {e}; hãy chạy lại không có --json"
                );
                return ExitCode::from(EXIT_UNREADABLE);
            }
        }
    }
    ExitCode::from(status)
}

/// One finding as a JSON object, with the report's `file` when several are checked.
fn finding_json(f: &rules::Finding, file: Option<&Path>) -> serde_json::Result<serde_json::Value> {
    let mut v = serde_json::to_value(f)?;
    if let (Some(file), Some(o)) = (file, v.as_object_mut()) {
        o.insert(
            "file".to_owned(),
            serde_json::json!(file.display().to_string()),
        );
    }
    Ok(v)
}

/// One finding as a line: `[file<TAB>]severity<TAB>indicators<TAB>message`.
fn finding_line(f: &rules::Finding, file: Option<&Path>) -> String {
    let severity = match f.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let ids = if f.is_general() {
        "-".to_owned()
    } else {
        f.ids_text(",")
    };
    let message = match &f.explained {
        Some(note) => format!("{} (đã giải trình: {note})", f.message),
        None => f.message.clone(),
    };
    match file {
        Some(file) => format!("{}\t{severity}\t{ids}\t{message}", file.display()),
        None => format!("{severity}\t{ids}\t{message}"),
    }
}
