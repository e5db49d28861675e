//! The appendix as a PDF, typeset by typst from `assets/print/appendix.typ`.
//!
//! The layout is a typst file built into the program; the report reaches it as
//! JSON in `sys.inputs`, and the only fonts it can see are the Liberation Serif
//! files in `assets/fonts` (metric-compatible with Times New Roman, full Vietnamese),
//! embedded into the PDF. The typesetting world answers no file request but its own
//! layout files: a report cannot make the printer read anything from disk.
//!
//! The page numbers are typeset apart (`assets/print/numbers.typ`) and laid over the
//! pages: asked for in the appendix's page header, they make typst lay the whole table
//! out twice (it has to learn which page it is on, then check).
//!
//! With a second core, the second part of the table is laid out ahead: a copy of the
//! appendix whose first rows are one empty cell (`assets/print/part.typ`) is typeset beside
//! the appendix. Every cell of the second part is then the same cell at the same place of
//! the same table, and typst's layout cache (comemo, shared by all threads) hands the
//! appendix the copy's layout of it, checked against everything that layout read. The
//! pages are the ones typst makes alone (the PDF is the same to the byte); the example's
//! are typeset in about 65 ms instead of 95.

use std::panic::AssertUnwindSafe;
use std::sync::LazyLock;

use serde::Deserialize;
use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::ecow::EcoVec;
use typst::foundations::{Array, Bytes, Datetime, Dict, Duration, IntoValue, Value};
use typst::layout::Point;
use typst::model::Document;
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::{Page, PagedDocument};

use super::sheet::Sheet;
use super::table_cells;

/// The layout files, by their path in the typesetting world.
const LAYOUTS: [(&str, &str); 4] = [
    (
        "/appendix.typ",
        include_str!("../../assets/print/appendix.typ"),
    ),
    (
        "/numbers.typ",
        include_str!("../../assets/print/numbers.typ"),
    ),
    ("/page.typ", include_str!("../../assets/print/page.typ")),
    ("/part.typ", include_str!("../../assets/print/part.typ")),
];

/// Tables of fewer rows are typeset on one core: a second typesetting would cost more
/// than it saves.
const AHEAD_MIN_ROWS: usize = 40;
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
    /// The layout files, the first being the one typeset.
    sources: Vec<Source>,
}

impl PrintWorld {
    /// A world that typesets the layout file `main` (one of [`LAYOUTS`]) with `inputs`;
    /// the table's rows before `skip` are left empty (`part.typ`).
    fn new(main: &str, inputs: Dict, skip: usize) -> PrintWorld {
        let library = Library::builder().with_inputs(inputs).build();
        let mut sources: Vec<Source> = LAYOUTS
            .iter()
            .filter_map(|(path, text)| {
                let text = if *path == "/part.typ" && skip > 0 {
                    format!("#let skip = {skip}\n")
                } else {
                    (*text).to_owned()
                };
                let path = VirtualPath::new(*path).ok()?;
                let id = RootedPath::new(VirtualRoot::Project, path).intern();
                Some(Source::new(id, text))
            })
            .collect();
        let first = LAYOUTS.iter().position(|(path, _)| *path == main);
        match first {
            Some(i) if i < sources.len() => sources.swap(0, i),
            // The paths above are constants; this leaves an empty document, never a panic.
            _ => sources.insert(0, Source::detached("")),
        }
        PrintWorld {
            library: LazyHash::new(library),
            sources,
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
        self.sources[0].id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        self.sources
            .iter()
            .find(|source| source.id() == id)
            .cloned()
            .ok_or(FileError::AccessDenied)
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

/// Typeset the layout file `main` with `inputs`, the table's rows before `skip` merged into
/// one empty cell.
fn compile(main: &str, inputs: Dict, skip: usize) -> Result<PagedDocument, PrintError> {
    let world = PrintWorld::new(main, inputs, skip);
    typst::compile::<PagedDocument>(&world)
        .output
        .map_err(|e| PrintError::Layout(describe(&e)))
}

/// Typeset the appendix, its pages numbered from page 2.
pub fn typeset(sheet: &Sheet) -> Result<PagedDocument, PrintError> {
    // typst keeps every layout it makes, for the next typesetting to take what has not
    // changed. A window open all day kept every version of the report it printed or
    // previewed (14 MB more for each: 456 MB after 30 previews of the example being edited);
    // forgetting what the last three typesettings did not use, it stays near 80 MB.
    typst::comemo::evict(3);
    typeset_ahead(inputs(sheet), ahead_from(sheet))
}

/// What the layout reads in `sys.inputs`: the sheet as typst values (`data`, the fields of
/// [`Sheet`] by their serde names) and what [`table_cells`] makes: the appendix table's
/// cells (`cells`, five a row) or a roll-up's combined values (`values`, one a row).
fn inputs(sheet: &Sheet) -> Dict {
    // serde's tree straight into typst's values: no JSON text written and parsed again.
    let data = serde_json::to_value(sheet)
        .ok()
        .and_then(|tree| Value::deserialize(tree).ok())
        .unwrap_or_default();
    let mut inputs = Dict::new();
    inputs.insert("data".into(), data);
    let (name, content) = if sheet.columns.is_empty() {
        ("cells", table_cells::cells(sheet))
    } else {
        ("values", table_cells::combined_values(sheet))
    };
    let content: Array = content.into_iter().map(IntoValue::into_value).collect();
    inputs.insert(name.into(), content.into_value());
    inputs
}

/// Typeset the appendix with `inputs`, its table from row `ahead` on laid out ahead on
/// another thread.
fn typeset_ahead(inputs: Dict, ahead: Option<usize>) -> Result<PagedDocument, PrintError> {
    std::thread::scope(|scope| {
        if let Some(skip) = ahead {
            let inputs = inputs.clone();
            // Only its layouts are wanted, left in typst's cache: its result, a failure to
            // start it or even a panic in it only leave the appendix its usual time.
            let _ = std::thread::Builder::new()
                .name("phuluc-print-ahead".to_owned())
                .spawn_scoped(scope, move || {
                    let ahead = AssertUnwindSafe(|| compile("/appendix.typ", inputs, skip));
                    let _ = std::panic::catch_unwind(ahead);
                });
        }
        number_pages(compile("/appendix.typ", inputs, 0)?)
    })
}

/// Where the second part of the table starts, to lay it out ahead on a second core: the
/// row with 45 % of the work before it, counted in cells and letters (the copy spends
/// nothing on its empty first part, the appendix a little on taking the copy's layouts:
/// measured best between 40 and 50 %). `None` on one core or for a short table.
fn ahead_from(sheet: &Sheet) -> Option<usize> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    if cores < 2 || sheet.rows.len() < AHEAD_MIN_ROWS {
        return None;
    }
    // A cell costs typst about as much as sixty letters of text in it.
    let work: Vec<usize> = sheet
        .rows
        .iter()
        .map(|r| {
            let cells = table_cells::PER_ROW + r.columns.len();
            let letters = r.label.len() + r.unit.len() + r.value.len() + r.note.len();
            cells * 60 + letters + r.columns.iter().map(String::len).sum::<usize>()
        })
        .collect();
    let before = work.iter().sum::<usize>() * 45 / 100;
    let mut done = 0;
    work.iter()
        .position(|w| {
            done += w;
            done >= before
        })
        .filter(|&row| row > 0)
}

/// Lay the page numbers (typeset by `numbers.typ` on pages of the same size, with the
/// same margins) over pages 2, 3, … of `document`.
fn number_pages(document: PagedDocument) -> Result<PagedDocument, PrintError> {
    let pages = document.pages();
    let Some(first) = pages.first() else {
        return Ok(document);
    };
    if pages.len() < 2 {
        return Ok(document);
    }
    let size = first.frame.size();
    let mut inputs = Dict::new();
    inputs.insert("pages".into(), (pages.len() as i64).into_value());
    inputs.insert("width".into(), size.x.to_pt().into_value());
    inputs.insert("height".into(), size.y.to_pt().into_value());
    let numbers = compile("/numbers.typ", inputs, 0)?;
    let mut numbered: EcoVec<Page> = EcoVec::with_capacity(pages.len());
    numbered.push(first.clone());
    for (page, number) in pages[1..].iter().zip(numbers.pages()) {
        let mut page = page.clone();
        page.frame
            .prepend_frame(Point::zero(), number.frame.clone());
        numbered.push(page);
    }
    Ok(PagedDocument::new(numbered, document.info().clone()))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Template;
    use typst::layout::{Frame, FrameItem};

    /// Every piece of text of a frame with its distance from the top of the page, in pt.
    fn texts(frame: &Frame, top: f64, out: &mut Vec<(f64, String)>) {
        for (pos, item) in frame.items() {
            match item {
                FrameItem::Text(text) => out.push((top + pos.y.to_pt(), text.text.to_string())),
                FrameItem::Group(group) => texts(&group.frame, top + pos.y.to_pt(), out),
                _ => {}
            }
        }
    }

    /// A document number and symbol is never cut at its "/" or "-" at the end of a line of
    /// the value column: wherever the words before it put it, it stays whole.
    #[test]
    fn a_document_number_stays_on_one_line() {
        let template = Template::builtin().expect("the built-in form");
        let mut sheet = Sheet::blank(&template, None);
        let before = [
            "Số",
            "QĐ số",
            "Theo",
            "Kế hoạch",
            "Kế hoạch số",
            "Quyết định",
            "Quyết định số",
            "Công văn số",
            "Văn bản số",
            "Ban hành theo",
            "Thông báo số",
            "Báo cáo số",
            "Chỉ thị số",
            "Nghị quyết số",
            "Đã ban hành Kế hoạch số",
            "Tờ trình số",
        ];
        let numbers: Vec<String> = (0..before.len())
            .map(|i| format!("{}/QĐ-UBND", 3971 + i))
            .collect();
        let rows = sheet.rows.iter_mut().filter(|r| !r.na && r.depth == 2);
        for ((row, words), number) in rows.zip(before).zip(&numbers) {
            row.value = format!("{words} {number} ngày 29/12/2020");
            row.kind = "text";
            row.write_in = false;
        }
        let document = typeset(&sheet).expect("typesets");
        let mut all = vec![];
        for page in document.pages() {
            texts(&page.frame, 0.0, &mut all);
        }
        for number in &numbers {
            assert!(
                all.iter().any(|(_, text)| text.contains(number.as_str())),
                "{number} is cut across lines"
            );
        }
    }

    /// The table laid out ahead changes nothing on the pages: the document typst makes is
    /// the same, to its hash (every page, every item, every position), wherever the second
    /// part starts: the example, a draft, landscape, a roll-up's wide table, the blank form.
    #[test]
    fn laying_the_table_out_ahead_gives_the_same_pages() {
        let store = crate::store::templates::TemplateStore::builtin_only();
        let (report, template) = crate::store::report_file::report_from_bytes(
            std::path::Path::new("example"),
            include_bytes!("../../assets/examples/nga-nam-2021.phuluc.json"),
            &store,
        )
        .expect("the example loads");
        let mut landscape = Sheet::new(&template, &report, false);
        landscape.landscape = true;
        // A roll-up's table, with a column per unit.
        let mut wide = Sheet::new(&template, &report, false);
        wide.columns = vec!["Xã A".to_owned(), "Xã B".to_owned()];
        for row in &mut wide.rows {
            row.columns = vec![row.value.clone(), row.value.clone()];
        }
        for sheet in [
            Sheet::new(&template, &report, false),
            Sheet::new(&template, &report, true),
            landscape,
            wide,
            Sheet::blank(&template, None),
        ] {
            typst::comemo::evict(0);
            let alone = typeset_ahead(inputs(&sheet), None).expect("typesets");
            let half = ahead_from(&sheet).unwrap_or(sheet.rows.len() / 2);
            for from in [1, half, sheet.rows.len() - 1] {
                typst::comemo::evict(0);
                let ahead = typeset_ahead(inputs(&sheet), Some(from)).expect("typesets");
                assert_eq!(ahead.pages().len(), alone.pages().len());
                assert_eq!(
                    typst::utils::hash128(&ahead),
                    typst::utils::hash128(&alone),
                    "the pages differ with the table laid out ahead from row {from}"
                );
            }
        }
    }

    #[test]
    fn pages_are_numbered_from_page_2_in_the_top_margin_and_nowhere_else() {
        let template = Template::builtin().expect("the built-in form");
        let document = typeset(&Sheet::blank(&template, None)).expect("typesets");
        let pages = document.pages();
        assert!(pages.len() > 2, "{} pages", pages.len());
        // The top margin is 20 mm.
        let margin = 20.0 / 25.4 * 72.0;
        for (i, page) in pages.iter().enumerate() {
            let mut all = vec![];
            texts(&page.frame, 0.0, &mut all);
            let in_margin: Vec<&str> = all
                .iter()
                .filter(|(y, _)| *y < margin)
                .map(|(_, text)| text.as_str())
                .collect();
            if i == 0 {
                assert!(
                    in_margin.is_empty(),
                    "page 1 has {in_margin:?} in its margin"
                );
            } else {
                assert_eq!(in_margin, [(i + 1).to_string()], "page {}", i + 1);
            }
        }
    }
}
