//! The appendix as a PDF, typeset by typst from `assets/print/appendix.typ`.
//!
//! The layout is a typst file built into the program; the report reaches it as
//! JSON in `sys.inputs`, and the only fonts it can see are the Liberation Serif
//! files in `assets/fonts` (metric-compatible with Times New Roman, full Vietnamese),
//! embedded into the PDF. The typesetting world answers no file request: a report
//! cannot make the printer read anything from disk.

use std::sync::LazyLock;

use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Dict, Duration, IntoValue};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;

use super::sheet::Sheet;

const LAYOUT: &str = include_str!("../../assets/print/appendix.typ");
const FONTS: [&[u8]; 4] = [
    include_bytes!("../../assets/fonts/LiberationSerif-Regular.ttf"),
    include_bytes!("../../assets/fonts/LiberationSerif-Bold.ttf"),
    include_bytes!("../../assets/fonts/LiberationSerif-Italic.ttf"),
    include_bytes!("../../assets/fonts/LiberationSerif-BoldItalic.ttf"),
];

/// Why the appendix could not be typeset. This is a fault of the program (the layout
/// and the fonts are built in), never of the report; the message says so.
#[derive(Debug, thiserror::Error)]
pub enum PrintError {
    /// typst refused the layout.
    #[error("không dàn trang được phụ lục (lỗi của chương trình, xin báo cho người hỗ trợ): {0}")]
    Layout(String),
}

/// The parsed fonts, loaded once per run.
static FONT_SET: LazyLock<(LazyHash<FontBook>, Vec<Font>)> = LazyLock::new(|| {
    let fonts: Vec<Font> = FONTS
        .iter()
        .flat_map(|data| Font::iter(Bytes::new(*data)))
        .collect();
    (LazyHash::new(FontBook::from_fonts(&fonts)), fonts)
});

struct PrintWorld {
    library: LazyHash<Library>,
    main: Source,
}

impl PrintWorld {
    fn new(sheet: &Sheet) -> PrintWorld {
        let json = serde_json::to_string(sheet).unwrap_or_else(|_| "{}".to_owned());
        let mut inputs = Dict::new();
        inputs.insert("data".into(), json.into_value());
        inputs.insert("write_in_mm".into(), super::sheet::WRITE_IN_MM.into_value());
        let library = Library::builder().with_inputs(inputs).build();
        let path =
            VirtualPath::new("/appendix.typ").map(|v| RootedPath::new(VirtualRoot::Project, v));
        let id = match path {
            Ok(path) => path.intern(),
            Err(_) => Source::detached("").id(),
        };
        PrintWorld {
            library: LazyHash::new(library),
            main: Source::new(id, LAYOUT.to_owned()),
        }
    }
}

impl World for PrintWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &FONT_SET.0
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn file(&self, _id: FileId) -> FileResult<Bytes> {
        Err(FileError::AccessDenied)
    }

    fn font(&self, index: usize) -> Option<Font> {
        FONT_SET.1.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        None
    }
}

fn describe(diagnostics: &[SourceDiagnostic]) -> String {
    diagnostics
        .iter()
        .map(|d| d.message.to_string())
        .collect::<Vec<_>>()
        .join("; ")
}

/// Typeset the appendix.
pub fn typeset(sheet: &Sheet) -> Result<PagedDocument, PrintError> {
    let world = PrintWorld::new(sheet);
    typst::compile::<PagedDocument>(&world)
        .output
        .map_err(|e| PrintError::Layout(describe(&e)))
}

/// The appendix as PDF bytes (fonts embedded).
pub fn appendix_pdf(sheet: &Sheet) -> Result<Vec<u8>, PrintError> {
    let document = typeset(sheet)?;
    typst_pdf::pdf(&document, &typst_pdf::PdfOptions::default())
        .map_err(|e| PrintError::Layout(describe(&e)))
}

/// One page drawn for the preview: RGBA pixels, row by row.
#[derive(Debug, Clone)]
pub struct PageImage {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// Premultiplied RGBA, as tiny-skia draws it.
    pub rgba: Vec<u8>,
}

/// Draw every page at `pixels_per_point` (1 pt = 1/72 inch).
pub fn render_pages(document: &PagedDocument, pixels_per_point: f32) -> Vec<PageImage> {
    let options = typst_render::RenderOptions {
        pixel_per_pt: f64::from(pixels_per_point).into(),
        ..Default::default()
    };
    document
        .pages()
        .iter()
        .map(|page| {
            let pixmap = typst_render::render(page, &options);
            PageImage {
                width: pixmap.width(),
                height: pixmap.height(),
                rgba: pixmap.take(),
            }
        })
        .collect()
}
