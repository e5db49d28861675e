//! `phuluc rollup`: many units' reports combined into one table, printed as a summary,
//! as JSON, or written to Excel or PDF.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{EXIT_FINDINGS, EXIT_OK, EXIT_UNREADABLE, output_format};
use crate::rollup::{self, Rollup, output};
use crate::store::templates::TemplateStore;

/// Combine `inputs`; write the result as `json`, to `out`, or as a summary.
pub fn run(
    inputs: &[PathBuf],
    year: Option<i32>,
    json: bool,
    out: Option<&Path>,
    unit: &str,
) -> ExitCode {
    let format = match out.map(output_format).transpose() {
        Ok(format) => format,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(EXIT_UNREADABLE);
        }
    };
    let rollup = match rollup::gather(inputs, &TemplateStore::in_data_folder(), year) {
        Ok(rollup) => rollup,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(EXIT_UNREADABLE);
        }
    };
    for l in &rollup.left_out {
        eprintln!("không tổng hợp “{}”: {}", l.file.display(), l.reason);
    }
    if let (Some(out), Some(format)) = (out, format)
        && let Err(message) = output::write(&rollup, out, format, unit, &[])
    {
        eprintln!("{message}");
        return ExitCode::from(EXIT_UNREADABLE);
    }
    let printed = if json {
        output::to_json_text(&rollup)
            .map_err(|e| e.to_string())
            .and_then(|text| writeln!(std::io::stdout(), "{text}").map_err(|e| e.to_string()))
    } else if out.is_none() {
        match summary(&rollup) {
            // Piped into `head`: the reader has what it wanted.
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
            other => other.map_err(|e| e.to_string()),
        }
    } else {
        Ok(())
    };
    if let Err(e) = printed {
        eprintln!("không in được kết quả: {e}");
        return ExitCode::from(EXIT_UNREADABLE);
    }
    let code = ExitCode::from(if rollup.is_clean() {
        EXIT_OK
    } else {
        EXIT_FINDINGS
    });
    // Thousands of reports are freed by the process's exit at once; freeing them one by
    // one first costs a tenth of the run.
    std::mem::forget(rollup);
    code
}

/// A readable summary: the units, then each row's combined value and how many reported.
fn summary(rollup: &Rollup) -> std::io::Result<()> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let year = rollup
        .year
        .map_or_else(|| "?".to_owned(), |y| y.to_string());
    writeln!(
        out,
        "Tổng hợp {} đơn vị, năm {year}, mẫu “{}”",
        rollup.units.len(),
        rollup.template.name
    )?;
    for u in &rollup.units {
        writeln!(
            out,
            "  {}\tlỗi: {}\tcảnh báo: {}\t{}",
            u.unit_name,
            u.errors,
            u.warnings,
            u.file.display()
        )?;
    }
    for (id, c) in &rollup.rows {
        writeln!(out, "{id}\t{}\t{}", output::display(c), c.reporting())?;
    }
    Ok(())
}
