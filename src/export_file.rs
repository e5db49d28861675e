//! Writing an exported appendix to disk: typeset or build it, then save it the same
//! safe way as a report (temporary file, flush, rename), so a PDF that is open in a
//! viewer or a half-written workbook never replaces a good one.

use std::path::Path;

use crate::export::{Sheet, docx, pdf, xlsx};
use crate::model::{Level, Report, Template};
use crate::store::atomic::{SaveError, replace_atomic};

/// What to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// The printed appendix.
    Pdf,
    /// The Excel workbook.
    Xlsx,
    /// The Word document.
    Docx,
}

impl Format {
    /// Every format, in the order a menu or a message lists them.
    pub const ALL: [Format; 3] = [Format::Pdf, Format::Docx, Format::Xlsx];

    /// The file extension, without the dot: "pdf", "xlsx", "docx".
    pub fn extension(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Xlsx => "xlsx",
            Format::Docx => "docx",
        }
    }

    /// The format a file name's extension asks for (any case), if one.
    pub fn from_path(path: &Path) -> Option<Format> {
        let extension = path.extension()?.to_string_lossy().to_lowercase();
        Format::ALL.into_iter().find(|f| f.extension() == extension)
    }
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
    /// Building the Word document failed.
    #[error(transparent)]
    Word(#[from] docx::WordError),
    /// Writing the file failed.
    #[error(transparent)]
    Save(#[from] SaveError),
}

/// How a report is put on paper.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Layout {
    /// With the BẢN NHÁP mark (the report still has errors).
    pub draft: bool,
    /// On landscape A4 ("Khổ ngang").
    pub landscape: bool,
}

/// Export a report to `path`, laid out as `layout` says.
pub fn write(
    template: &Template,
    report: &Report,
    layout: Layout,
    format: Format,
    path: &Path,
) -> Result<(), ExportError> {
    let sheet = Sheet::new(template, report, layout.draft).landscape(layout.landscape);
    write_sheet(&sheet, format, path)
}

/// Write the blank form of `template` for a unit of `level` to `path`, to be printed
/// and filled in by hand ([`Sheet::blank`]); with no level every row is to be filled.
pub fn write_blank(
    template: &Template,
    level: Option<Level>,
    landscape: bool,
    format: Format,
    path: &Path,
) -> Result<(), ExportError> {
    write_sheet(
        &Sheet::blank(template, level).landscape(landscape),
        format,
        path,
    )
}

/// Write a laid-out appendix to `path` in `format`.
pub fn write_sheet(sheet: &Sheet, format: Format, path: &Path) -> Result<(), ExportError> {
    let bytes = match format {
        Format::Pdf => pdf::appendix_pdf(sheet)?,
        Format::Xlsx => xlsx::appendix_xlsx(sheet)?,
        Format::Docx => docx::appendix_docx(sheet)?,
    };
    replace_atomic(path, &bytes)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_extension_names_the_format() {
        assert_eq!(Format::from_path(Path::new("a.pdf")), Some(Format::Pdf));
        assert_eq!(
            Format::from_path(Path::new("Phụ lục.DOCX")),
            Some(Format::Docx)
        );
        assert_eq!(Format::from_path(Path::new("a.b.xlsx")), Some(Format::Xlsx));
        assert_eq!(Format::from_path(Path::new("a.doc")), None);
        assert_eq!(Format::from_path(Path::new("docx")), None);
        for f in Format::ALL {
            let name = format!("x.{}", f.extension());
            assert_eq!(Format::from_path(Path::new(&name)), Some(f));
        }
    }
}
