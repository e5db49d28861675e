//! The open report as a service: what the officer works on, whose file it is, who else
//! may hold it, and what is kept safe on disk while they type.
//!
//! A [`Session`] owns the [`Document`] (template, report, undo, findings), the lock of
//! its file, read-only mode, the autosave timer and the recovery copies left by an
//! earlier run. It decides the policy (open with a lock or ask, save with a backup and
//! take the lock of the new name, write a recovery copy once typing pauses, restore a
//! copy under its file's lock) and reports what happened as values: [`Opened`],
//! [`Failure`], [`Autosave`], [`Offer`]. It knows nothing of egui; the window asks it
//! and draws the answers, and the unit tests below drive it directly.

mod clipboard;
pub mod document;
mod offers;

use std::collections::VecDeque;
use std::path::{Path, PathBuf};

use crate::export_file::Format;
use crate::model::report::{EditError, GeneralField};
use crate::model::{Level, Report, Template};
use crate::store::atomic::SaveError;
use crate::store::lock::{self, FileLock, LockOwner};
use crate::store::recovery::{RecoveryCopy, RecoveryStore};
use crate::store::report_file::{REPORT_EXTENSION, report_from_bytes};
use crate::store::templates::TemplateStore;
use crate::store::{load_report, save_report};

pub use clipboard::{NOT_APPLICABLE, PasteError, Pasted, clipboard_rows, is_several_cells};
pub use document::{CellRef, Direction, Document, Mark, Slot};
pub use offers::Offer;

/// Seconds after typing stops before unsaved changes go to the recovery copy: long
/// enough not to write on every keystroke, short enough that a power cut loses at
/// most a few seconds of typing.
pub const AUTOSAVE_DELAY_S: f64 = 2.0;
/// The real 2021 appendix of Ngã Năm, shipped with the program.
pub const EXAMPLE_2021: &str = include_str!("../../assets/examples/nga-nam-2021.phuluc.json");

/// How a report file is opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenMode {
    /// Take the lock; when someone else holds it, open nothing and say who.
    Ask,
    /// Without a lock; no editing.
    ReadOnly,
    /// Take the lock from whoever holds it (the officer is sure they have closed it).
    TakeOver,
}

/// What came of asking to open a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Opened {
    /// It is the open report now.
    Opened,
    /// Someone else holds it; nothing was opened. `who` says who, where and since when.
    Held {
        /// The report.
        path: PathBuf,
        /// "“a.phuluc.json” đang được thuy mở trên máy MAY-A từ 27/11/2026 07:45".
        who: String,
    },
}

/// Something the officer must be told: a title, what happened and what to do. Nothing
/// typed was lost.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{title}: {text}")]
pub struct Failure {
    /// "Chưa lưu được".
    pub title: &'static str,
    /// What went wrong and what to do.
    pub text: String,
}

impl Failure {
    fn new(title: &'static str, text: impl Into<String>) -> Failure {
        Failure {
            title,
            text: text.into(),
        }
    }
}

/// What an autosave tick did.
#[derive(Debug, Default, PartialEq)]
pub struct Autosave {
    /// Seconds until the next copy is due, when one is.
    pub wait: Option<f64>,
    /// The copy could not be written (the report is still in the window).
    pub failure: Option<Failure>,
}

/// The open report and everything kept about it.
pub struct Session {
    templates: TemplateStore,
    doc: Document,
    lock: Option<FileLock>,
    read_only: bool,
    recovery: Option<RecoveryStore>,
    /// Names this run's copy of a report never saved.
    run: String,
    offers: VecDeque<RecoveryCopy>,
    /// The key of the recovery copy this session wrote last: the only copy it may
    /// remove (another window's, or an earlier run's not yet answered, is not its own).
    written: Option<String>,
    autosave_base: Report,
    autosave_due: Option<f64>,
    clock: fn() -> String,
    /// The file of the report the open one was moved from (Tệp → Chuyển sang mẫu
    /// khác…): never written over by this report.
    moved_from: Option<PathBuf>,
}

/// Now, as the lock file and the recovery copy record it ("28/11/2026 08:15").
fn local_stamp() -> String {
    chrono::Local::now().format("%d/%m/%Y %H:%M").to_string()
}

impl Session {
    /// A new, empty report from the default template.
    pub fn new(templates: TemplateStore) -> Result<Session, Failure> {
        let template = templates.default_template().cloned().ok_or_else(|| {
            Failure::new(
                "Không mở được chương trình",
                "mẫu biểu có sẵn trong chương trình bị hỏng; hãy cài lại chương trình",
            )
        })?;
        let report = Report::new(&template);
        Ok(Session {
            templates,
            autosave_base: report.clone(),
            doc: Document::new(template, report, None),
            lock: None,
            read_only: false,
            recovery: None,
            run: String::new(),
            offers: VecDeque::new(),
            written: None,
            autosave_due: None,
            clock: local_stamp,
            moved_from: None,
        })
    }

    /// Keep recovery copies in `store`; `run` names this run's copy of a report never
    /// saved. Copies left by an earlier run become offers ([`Session::offer`]).
    pub fn with_recovery(mut self, store: RecoveryStore, run: String) -> Session {
        self.offers = store.list().into();
        self.recovery = Some(store);
        self.run = run;
        self
    }

    /// Use another clock for the times written into locks and copies (tests).
    pub fn with_clock(mut self, clock: fn() -> String) -> Session {
        self.clock = clock;
        self
    }

    /// The open report.
    pub fn doc(&self) -> &Document {
        &self.doc
    }

    /// The open report, to change directly, bypassing read-only mode (tests).
    pub fn doc_mut(&mut self) -> &mut Document {
        &mut self.doc
    }

    /// Whether the report was opened read-only (someone else holds its file).
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// The templates this program knows.
    pub fn templates(&self) -> &TemplateStore {
        &self.templates
    }

    fn me(&self) -> LockOwner {
        LockOwner::me((self.clock)())
    }

    fn replace(&mut self, doc: Document) {
        self.doc = doc;
        self.lock = None;
        self.read_only = false;
        self.moved_from = None;
    }

    /// A new, empty report of the same template.
    pub fn new_report(&mut self) {
        let template = self.doc.template.clone();
        let report = Report::new(&template);
        self.replace(Document::new(template, report, None));
    }

    /// The real 2021 example, as a report never saved.
    pub fn open_example(&mut self) -> Result<(), Failure> {
        let (report, template) = report_from_bytes(
            Path::new("nga-nam-2021.phuluc.json"),
            EXAMPLE_2021.as_bytes(),
            &self.templates,
        )
        .map_err(|e| Failure::new("Không mở được ví dụ", e.to_string()))?;
        self.replace(Document::new(template, report, None));
        Ok(())
    }

    /// A new report from a template file the officer chose (a copy is kept).
    pub fn new_from_template(&mut self, path: &Path) -> Result<(), Failure> {
        let template = self
            .templates
            .import(path)
            .map_err(|e| Failure::new("Không dùng được mẫu biểu", e.to_string()))?;
        let report = Report::new(&template);
        self.replace(Document::new(template, report, None));
        Ok(())
    }

    /// A new report from a template the program knows (built in or kept), by id and
    /// version: the one just saved in the template editor.
    pub fn new_from_kept(&mut self, id: &str, version: &str) -> Result<(), Failure> {
        let template = self.templates.find(id, version).ok_or_else(|| {
            Failure::new(
                "Không dùng được mẫu biểu",
                format!(
                    "không tìm thấy mẫu biểu “{id}” phiên bản “{version}” trong thư mục mẫu biểu của chương trình"
                ),
            )
        })?;
        let report = Report::new(&template);
        self.replace(Document::new(template, report, None));
        Ok(())
    }

    /// A new report for the year after the report in `path` (`Report::next_year`): same
    /// unit and template, last year's values beside the empty cells. Never saved, like
    /// [`Session::open_moved`]; the file read is left as it is.
    pub fn new_from_last_year(&mut self, path: &Path) -> Result<(), Failure> {
        let (last, template) = load_report(path, &self.templates)
            .map_err(|e| Failure::new("Không mở được báo cáo năm trước", e.to_string()))?;
        let source = crate::store::shown_name(path);
        self.open_moved(template, last.next_year(&source), None)
    }

    /// Put last year's values (the report in `path`) beside the open report's, for a report
    /// not started from last year's: moved onto this report's template first when it was
    /// made on another. The open report changes (unsaved); the file read is left as it is.
    /// Returns how many of last year's entries are kept.
    pub fn attach_last_year(&mut self, path: &Path) -> Result<usize, Failure> {
        const CANNOT: &str = "Không gắn được số liệu năm trước";
        if self.read_only {
            return Err(Failure::new(
                CANNOT,
                "báo cáo đang mở chỉ để xem; hãy mở lại để sửa".to_owned(),
            ));
        }
        let (last, its_template) =
            load_report(path, &self.templates).map_err(|e| Failure::new(CANNOT, e.to_string()))?;
        let file = crate::store::shown_name(path);
        if let (Some(then), Some(now)) = (last.general.year(), self.doc.report.general.year())
            && then >= now
        {
            return Err(Failure::new(
                CANNOT,
                format!(
                    "“{file}” là báo cáo năm {then}, không phải của năm trước năm {now}; hãy chọn báo cáo của năm {}",
                    now - 1
                ),
            ));
        }
        let template = &self.doc.template;
        let last = if its_template.is_same_form(template) {
            last
        } else {
            crate::model::migrate::move_report(&last, &its_template, template).report
        };
        let previous = crate::model::PreviousYear::of(&last, &file);
        let kept = previous.entries.len();
        self.doc.report.previous = Some(previous);
        self.doc.recheck();
        Ok(kept)
    }

    /// A report moved onto another template (`model::migrate::move_report`) as a new
    /// report never saved: no file, no lock, everything in it unsaved, so that closing
    /// asks first, Save asks for a name and the autosave keeps a copy as it does for any
    /// new report. `moved_from` is the old report's file (`None` when it had none): Save
    /// never writes over it.
    pub fn open_moved(
        &mut self,
        template: Template,
        report: Report,
        moved_from: Option<PathBuf>,
    ) -> Result<(), Failure> {
        if report.template_id != template.id || report.template_version != template.version {
            return Err(Failure::new(
                "Không mở được báo cáo mới",
                format!(
                    "báo cáo đã chuyển sang mẫu “{}” phiên bản “{}”, không phải mẫu “{}” phiên bản “{}”",
                    report.template_id, report.template_version, template.id, template.version
                ),
            ));
        }
        // Compared with an empty report of its template, as a new report restored from
        // a recovery copy is: whatever moved counts as unsaved.
        let empty = Report::new(&template);
        self.replace(Document::recovered(template, empty, report, None));
        self.moved_from = moved_from;
        Ok(())
    }

    /// Open a report file. With [`OpenMode::Ask`], a report someone else holds is not
    /// opened: the answer says who has it, and the officer chooses.
    pub fn open(&mut self, path: &Path, mode: OpenMode) -> Result<Opened, Failure> {
        let (report, template) = load_report(path, &self.templates)
            .map_err(|e| Failure::new("Không mở được báo cáo", e.to_string()))?;
        let reopening = self.doc.path.as_deref() == Some(path) && self.lock.is_some();
        let lock = match mode {
            OpenMode::ReadOnly => None,
            // The file is ours already: acquiring again would write the same lock that
            // dropping the old one then deletes.
            _ if reopening => self.lock.take(),
            OpenMode::Ask | OpenMode::TakeOver => {
                match lock::acquire(path, &self.me(), mode == OpenMode::TakeOver) {
                    Ok(lock) => lock,
                    Err(held) => {
                        return Ok(Opened::Held {
                            path: path.to_path_buf(),
                            who: held.to_string(),
                        });
                    }
                }
            }
        };
        self.replace(Document::new(template, report, Some(path.to_path_buf())));
        self.lock = lock;
        self.read_only = mode == OpenMode::ReadOnly;
        Ok(Opened::Opened)
    }

    /// Where Save writes without asking: the report's file, unless the officer asked
    /// for another name or the report is read-only. `None`: ask for a file.
    pub fn save_path(&self, choose: bool) -> Option<PathBuf> {
        if choose || self.read_only {
            None
        } else {
            self.doc.path.clone()
        }
    }

    /// The file name a save dialog proposes: "bao-cao-cchc-2025.phuluc.json"; for a report
    /// moved onto another template, the old file's name and the new template's version
    /// ("nga-nam-2021-mau-2025.phuluc.json"), never the old file's own name.
    pub fn suggested_name(&self) -> String {
        if let Some(old) = &self.moved_from {
            let stem = old
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let stem = stem
                .trim_end_matches(".json")
                .trim_end_matches(".phuluc")
                .to_owned();
            let version: String = self
                .doc
                .template
                .version
                .chars()
                .map(|c| {
                    if c.is_alphanumeric() || c == '-' {
                        c
                    } else {
                        '_'
                    }
                })
                .collect();
            return format!("{stem}-mau-{version}.{REPORT_EXTENSION}");
        }
        match self.doc.report.general.year() {
            Some(y) => format!("bao-cao-cchc-{y}.{REPORT_EXTENSION}"),
            None => format!("bao-cao-cchc.{REPORT_EXTENSION}"),
        }
    }

    /// Save the report to `path` (atomically, the old file kept as `.bak`). A new name
    /// is locked first; the recovery copy is removed once the file is written.
    pub fn save_to(&mut self, path: &Path) -> Result<(), Failure> {
        const TITLE: &str = "Chưa lưu được";
        if self.is_moved_from(path) {
            return Err(Failure::new(
                TITLE,
                format!(
                    "“{}” là tệp của báo cáo theo mẫu cũ, được giữ nguyên; hãy lưu báo cáo mới với tên khác. Dữ liệu vẫn còn nguyên trong cửa sổ.",
                    path.display()
                ),
            ));
        }
        let mut new_lock = None;
        if self.doc.path.as_deref() != Some(path) || self.read_only {
            match lock::acquire(path, &self.me(), false) {
                Ok(lock) => new_lock = Some(lock),
                Err(held) => {
                    return Err(Failure::new(
                        TITLE,
                        format!(
                            "{held}; hãy lưu với tên khác. Dữ liệu vẫn còn nguyên trong cửa sổ."
                        ),
                    ));
                }
            }
        }
        save_report(path, &self.doc.report).map_err(|e| {
            let text = match e {
                // Its message already says the window keeps the data.
                SaveError::Encode { .. } => e.to_string(),
                _ => format!("{e}\nDữ liệu vẫn còn nguyên trong cửa sổ."),
            };
            Failure::new(TITLE, text)
        })?;
        // Only now that the file is written does the report belong to the new name.
        if let Some(lock) = new_lock {
            self.lock = lock;
        }
        self.read_only = false;
        self.forget_recovery();
        self.doc.mark_saved(path.to_path_buf());
        Ok(())
    }

    /// Whether `path` is the file of the report the open one was moved from.
    fn is_moved_from(&self, path: &Path) -> bool {
        let Some(old) = &self.moved_from else {
            return false;
        };
        old == path
            || std::fs::canonicalize(old)
                .ok()
                .zip(std::fs::canonicalize(path).ok())
                .is_some_and(|(a, b)| a == b)
    }

    /// Paste text copied from Excel or Word down the tab from `from` (one undo step; see
    /// [`Document::paste`]); nothing when the report is read-only.
    pub fn paste(&mut self, from: &CellRef, text: &str) -> Result<Pasted, PasteError> {
        if self.read_only {
            return Err(PasteError::ReadOnly);
        }
        self.doc.paste(from, &clipboard_rows(text))
    }

    /// Write the appendix as PDF, Word or Excel to `path`, laid out as `layout` says.
    pub fn export_to(
        &self,
        path: &Path,
        format: Format,
        layout: crate::export_file::Layout,
    ) -> Result<(), Failure> {
        crate::export_file::write(&self.doc.template, &self.doc.report, layout, format, path)
            .map_err(|e| Failure::new("Chưa xuất được", e.to_string()))
    }

    /// The officer chose not to keep the unsaved changes ("Không lưu"): the copy goes,
    /// and the report counts as saved so that what they asked for next can go on.
    pub fn discard_changes(&mut self) {
        self.forget_recovery();
        self.doc = Document::new(
            self.doc.template.clone(),
            self.doc.report.clone(),
            self.doc.path.clone(),
        );
    }

    /// The window closes: a report with nothing unsaved needs no recovery copy.
    pub fn close(&mut self) {
        if !self.doc.is_dirty() {
            self.forget_recovery();
        }
    }

    /// Put what was typed into a cell (nothing happens when read-only).
    pub fn edit(&mut self, cell: &CellRef, text: &str, key: Option<u64>) -> Result<(), Failure> {
        if self.read_only {
            return Ok(());
        }
        self.doc
            .edit(cell, text, key)
            .map_err(|e: EditError| Failure::new("Không nhập được", e.to_string()))
    }

    /// Undo or redo a cell edit; the cell it touched.
    pub fn undo(&mut self, redo: bool) -> Option<CellRef> {
        if self.read_only {
            return None;
        }
        self.doc.undo(redo)
    }

    /// Store what was typed into a general-information field.
    pub fn set_general(&mut self, field: GeneralField, text: &str) {
        if !self.read_only {
            self.doc.report.general.set(field, text);
            self.doc.recheck();
        }
    }

    /// The unit's level.
    pub fn set_level(&mut self, level: Option<Level>) {
        if !self.read_only {
            self.doc.report.general.level = level;
            self.doc.recheck();
        }
    }

    /// Explain a warning (by its finding key); an empty note withdraws the explanation.
    pub fn acknowledge(&mut self, key: &str, note: &str) {
        if self.read_only {
            return;
        }
        let note = crate::model::value::nfc(note.trim());
        if note.is_empty() {
            self.doc.report.acknowledged.remove(key);
        } else {
            self.doc.report.acknowledged.insert(key.to_owned(), note);
        }
        self.doc.recheck();
    }
}

#[cfg(test)]
mod tests;
