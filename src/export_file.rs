//! Writing an exported appendix to disk: typeset or build it, then save it the same
//! safe way as a report (temporary file, flush, rename), so a PDF that is open in a
//! viewer or a half-written workbook never replaces a good one.

use std::path::Path;

use crate::export::{Sheet, pdf, xlsx};
use crate::model::{Report, Template};
use crate::store::atomic::{SaveError, replace_atomic};

/// What to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// The printed appendix.
    Pdf,
    /// The Excel workbook.
    Xlsx,
}

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// Typesetting failed.
    #[error(transparent)]
    Print(#[from] pdf::PrintError),
    /// Building the workbook failed.
    #[error(transparent)]
    Excel(#[from] xlsx::ExcelError),
    /// Writing the file failed.
    #[error(transparent)]
    Save(#[from] SaveError),
}

/// Export a report to `path`; `draft` puts the BẢN NHÁP mark on it.
pub fn write(
    template: &Template,
    report: &Report,
    draft: bool,
    format: Format,
    path: &Path,
) -> Result<(), ExportError> {
    let sheet = Sheet::new(template, report, draft);
    let bytes = match format {
        Format::Pdf => pdf::appendix_pdf(&sheet)?,
        Format::Xlsx => xlsx::appendix_xlsx(&sheet)?,
    };
    replace_atomic(path, &bytes)?;
    Ok(())
}
