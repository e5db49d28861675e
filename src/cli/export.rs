//! `phuluc export`: a report's appendix as PDF, Word or Excel (by the extension of `-o`),
//! or with `--blank` the blank form of a template, to print and fill in by hand.

use std::path::Path;
use std::process::ExitCode;

use super::{EXIT_FINDINGS, EXIT_OK, EXIT_UNREADABLE};
use crate::export_file::{self, Format};
use crate::model::Level;
use crate::rules;
use crate::store::load_report;
use crate::store::templates::TemplateStore;

/// The unit's level as `--level` takes it: `xa`, `huyen` or `tinh` (with or without
/// diacritics, with or without "cấp"). Whether the form has it is checked with the form.
pub(super) fn parse_level(text: &str) -> Result<Level, String> {
    let folded = crate::model::template::fold_for_search(text.trim());
    let code = folded.strip_prefix("cap ").unwrap_or(&folded).trim();
    Level::from_code(code).ok_or_else(|| {
        format!("cấp “{text}” không có; --level nhận xa (cấp xã), huyen (cấp huyện) hoặc tinh (cấp tỉnh)")
    })
}

/// The export format an output file's extension asks for; the message says what is wrong.
pub(super) fn output_format(output: &Path) -> Result<Format, String> {
    Format::from_path(output).ok_or_else(|| {
        format!(
            "không biết xuất ra dạng nào: tên tệp “{}” phải kết thúc bằng .pdf, .docx hoặc .xlsx",
            output.display()
        )
    })
}

/// Export the report `file` to `output`; a report with errors only with `draft`.
pub(super) fn report(file: &Path, output: &Path, draft: bool, landscape: bool) -> ExitCode {
    let format = match output_format(output) {
        Ok(format) => format,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(EXIT_UNREADABLE);
        }
    };
    let (report, template) = match load_report(file, &TemplateStore::in_data_folder()) {
        Ok(loaded) => loaded,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(EXIT_UNREADABLE);
        }
    };
    let findings = rules::evaluate(&template, &report);
    let errors = rules::counts(&findings).errors;
    if errors > 0 && !draft {
        eprintln!(
            "“{}” còn {errors} lỗi; sửa lỗi (xem: phuluc check) hoặc thêm --draft để xuất bản nháp",
            file.display()
        );
        return ExitCode::from(EXIT_FINDINGS);
    }
    let layout = export_file::Layout {
        draft: errors > 0,
        landscape,
    };
    match export_file::write(&template, &report, layout, format, output) {
        Ok(()) => ExitCode::from(EXIT_OK),
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(EXIT_UNREADABLE)
        }
    }
}

/// Write the blank form of `template` (a file or `ID:VERSION`; the built-in form when
/// none) for a unit of `level` to `output`.
pub(super) fn blank(
    template: Option<&str>,
    level: Option<Level>,
    landscape: bool,
    output: &Path,
) -> ExitCode {
    let format = match output_format(output) {
        Ok(format) => format,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(EXIT_UNREADABLE);
        }
    };
    let store = TemplateStore::in_data_folder();
    let template = match template {
        Some(named) => super::convert::target_template(named, &store, "--template"),
        None => store
            .default_template()
            .cloned()
            .ok_or_else(|| "chương trình không có mẫu biểu dựng sẵn".to_owned()),
    };
    let template = match template {
        Ok(template) => template,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(EXIT_UNREADABLE);
        }
    };
    if let Some(level) = level
        && !template.offers(level)
    {
        let offered: Vec<String> = template
            .levels()
            .iter()
            .map(|l| format!("{} ({})", l.code.code(), l.label))
            .collect();
        eprintln!(
            "mẫu biểu “{}” không có {}; --level nhận {}",
            template.name,
            level.label().to_lowercase(),
            offered.join(", ")
        );
        return ExitCode::from(EXIT_UNREADABLE);
    }
    match export_file::write_blank(&template, level, landscape, format, output) {
        Ok(()) => ExitCode::from(EXIT_OK),
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(EXIT_UNREADABLE)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_are_read_with_or_without_diacritics() {
        assert_eq!(parse_level("xa"), Ok(Level::Xa));
        assert_eq!(parse_level("Xã"), Ok(Level::Xa));
        assert_eq!(parse_level("huyen"), Ok(Level::Huyen));
        assert_eq!(parse_level("cấp huyện"), Ok(Level::Huyen));
        assert_eq!(parse_level("Cấp tỉnh"), Ok(Level::Tinh));
        assert!(parse_level("trung uong").is_err_and(|e| e.contains("--level")));
    }
}
