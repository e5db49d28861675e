//! The window's state and its frame loop.
//!
//! - `mod.rs` (here): [`PhulucApp`], its start, one frame ([`PhulucApp::show`]) and
//!   `eframe::App`.
//! - `commands.rs`: [`PhulucApp::apply`], the one place where commands change anything.
//! - `frame.rs`: the menu, tab and status bars and the keyboard shortcuts.
//! - `templates.rs`: a template made from a table, edited, saved as a new version.
//! - `convert.rs`: the open report moved onto another template.
//! - `import.rs`: a filled appendix (Word, Excel) read into a new report.
//! - `clipboard.rs`: copy and paste on the tables, like in Excel.
//!
//! Drawing only reads and pushes [`Command`]s; they are applied after the frame is
//! drawn (an answer to a question is carried out as soon as it is given). The report, its file, its lock and its recovery copies belong to the
//! [`Session`]; the window asks it and shows its answers. Reports are never kept in
//! eframe's own storage (it is not written atomically): only window preferences are.

mod clipboard;
mod commands;
mod convert;
mod frame;
mod import;
mod templates;

use std::path::{Path, PathBuf};

use egui::ViewportCommand;
use serde::{Deserialize, Serialize};

use super::command::{Action, Command};
use super::notices::{Notices, Tone};
use super::panels::{
    Combining, ConvertDialog, FindBox, ImportDialog, Preview, ProblemsPanel, RollupView,
    TableImport, TemplateEditor,
};
use super::questions::{Question, Questions};
use super::{general, table, theme};
use crate::session::{CellRef, Document, Session};
use crate::store::recovery::RecoveryStore;
use crate::store::templates::TemplateStore;

/// How many recent files the File menu lists.
const MAX_RECENT: usize = 8;
/// Key of the window preferences in eframe's storage.
const SETTINGS_KEY: &str = "phuluc-settings";

/// Window preferences kept between runs (never the report itself).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Recently opened or saved reports, newest first.
    pub recent: Vec<PathBuf>,
    /// Folder of the last file dialog.
    pub last_folder: Option<PathBuf>,
    /// Print, preview and export on landscape A4 ("Khổ ngang").
    pub landscape: bool,
}

impl Settings {
    /// The officer picked `path`: the next file dialog opens in its folder.
    pub fn picked(&mut self, path: &Path) {
        if let Some(folder) = path.parent() {
            self.last_folder = Some(folder.to_path_buf());
        }
    }
}

/// Which tab is shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tab {
    /// Thông tin chung.
    General,
    /// A section, by its id (`III`).
    Section(String),
}

/// The text of the cell being edited, kept while it has the cursor so that what
/// the user types is never reformatted under their fingers.
#[derive(Debug, Clone)]
pub struct EditBuffer {
    /// The cell.
    pub cell: CellRef,
    /// What is in it now.
    pub text: String,
    /// Typing session, so one cell's keystrokes undo as one step.
    pub key: u64,
}

/// The application.
pub struct PhulucApp {
    /// The open report, its file and what is kept safe of it.
    pub session: Session,
    /// Shown tab.
    pub tab: Tab,
    /// Cell being typed into.
    pub edit: Option<EditBuffer>,
    /// Cell that should get the cursor when next drawn.
    pub focus_request: Option<CellRef>,
    /// The cell that last had the cursor: what Sửa → Sao chép ô and Dán are about.
    pub selected: Option<CellRef>,
    /// A paste asked for from the menu, into this cell, since this time (window clock).
    paste_target: Option<(CellRef, f64)>,
    /// Reads the HTML flavour of the system clipboard when a table is pasted
    /// ([`crate::gui::files::clipboard_html`]); tests put their own clipboard here.
    pub clipboard_html: fn() -> Option<String>,
    /// The find box.
    pub find: FindBox,
    /// The problems panel.
    pub problems: ProblemsPanel,
    /// The print preview, when open.
    pub preview: Option<Preview>,
    /// The roll-up of many reports, when one is shown (instead of the report).
    pub rollup: Option<RollupView>,
    /// A roll-up being read, with its progress window.
    pub combining: Option<Combining>,
    /// The template editor, when open (instead of the report).
    pub template_editor: Option<TemplateEditor>,
    /// Tệp → Mẫu biểu mới từ bảng…: the dialog taking a file or a pasted table.
    pub table_import: TableImport,
    /// Tệp → Chuyển sang mẫu khác…: the template picked, the summary of the move.
    pub convert: ConvertDialog,
    /// Tệp → Nhập từ Word/Excel…: what was read from a filled appendix.
    pub import: ImportDialog,
    /// Questions waiting for an answer, the first one shown.
    pub questions: Questions,
    /// Outcomes said in passing.
    pub notices: Notices,
    /// Preferences.
    pub settings: Settings,
    pending: Vec<Command>,
    next_key: u64,
    allow_close: bool,
    title: String,
}

impl PhulucApp {
    /// A window on a new, empty report from the default template.
    pub fn new(store: TemplateStore, settings: Settings) -> Result<PhulucApp, String> {
        let session = Session::new(store).map_err(|f| f.text)?;
        Ok(PhulucApp {
            session,
            tab: Tab::General,
            edit: None,
            focus_request: None,
            selected: None,
            paste_target: None,
            find: FindBox::default(),
            problems: ProblemsPanel::default(),
            preview: None,
            clipboard_html: crate::gui::files::clipboard_html,
            rollup: None,
            combining: None,
            template_editor: None,
            table_import: TableImport::default(),
            convert: ConvertDialog::default(),
            import: ImportDialog::default(),
            questions: Questions::default(),
            notices: Notices::default(),
            settings,
            pending: Vec::new(),
            next_key: 1,
            allow_close: false,
            title: String::new(),
        })
    }

    /// Keep recovery copies in `store`; `run` names this run's copy of a report never
    /// saved. Copies left by an earlier run are offered for restoring.
    pub fn with_recovery(mut self, store: RecoveryStore, run: String) -> PhulucApp {
        self.session = self.session.with_recovery(store, run);
        self.ask_next_offer();
        self
    }

    /// Start from eframe: fonts, saved preferences, the recovery folder.
    pub fn from_creation_context(cc: &eframe::CreationContext<'_>) -> Result<PhulucApp, String> {
        theme::install(&cc.egui_ctx);
        let settings = cc
            .storage
            .and_then(|s| eframe::get_value(s, SETTINGS_KEY))
            .unwrap_or_default();
        let app = PhulucApp::new(TemplateStore::in_data_folder(), settings)?;
        let run = format!(
            "{}-{}",
            chrono::Local::now().format("%Y%m%d-%H%M%S"),
            std::process::id()
        );
        Ok(match RecoveryStore::default_dir() {
            Some(dir) => app.with_recovery(RecoveryStore::new(dir), run),
            None => app,
        })
    }

    /// The open report.
    pub fn doc(&self) -> &Document {
        self.session.doc()
    }

    /// Open a report file (the command line `phuluc FILE`, the File menu, tests). When
    /// someone else has it open, the officer is asked first and nothing is opened yet;
    /// when it cannot be read, they are told why.
    pub fn open_path(&mut self, path: &Path) {
        self.apply_open(path, crate::session::OpenMode::Ask);
    }

    /// Queue a command, as a menu or button does.
    pub fn send(&mut self, command: impl Into<Command>) {
        self.pending.push(command.into());
    }

    /// The window title: file name, an unsaved mark, the program.
    pub fn window_title(&self) -> String {
        let mark = if self.doc().is_dirty() { "*" } else { "" };
        let read_only = if self.session.is_read_only() {
            " (chỉ đọc)"
        } else {
            ""
        };
        format!(
            "{mark}{}{read_only} – Phụ lục CCHC",
            self.doc().display_name()
        )
    }

    /// Draw the whole window and carry out what the user asked for.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        if let Some(text) = self.table_import.take_paste(&ctx) {
            let html = (self.clipboard_html)();
            self.pending
                .push(Command::TableFromClipboard { text, html });
        }
        self.read_shortcuts(&ctx);
        self.read_clipboard(&ctx);
        self.read_dropped_files(&ctx);
        let closing = ctx.input(|i| i.viewport().close_requested()) && !self.allow_close;
        if closing
            && self
                .template_editor
                .as_ref()
                .is_some_and(TemplateEditor::is_dirty)
        {
            ctx.send_viewport_cmd(ViewportCommand::CancelClose);
            self.questions.push(Question::TemplateUnsaved);
        } else if closing && self.doc().is_dirty() {
            ctx.send_viewport_cmd(ViewportCommand::CancelClose);
            self.questions
                .push(Question::Unsaved(Box::new(Action::Quit.into())));
        }
        self.draw(ui, &ctx);
        let commands = std::mem::take(&mut self.pending);
        if !commands.is_empty() || self.focus_request.is_some() {
            // A command may move the cursor or switch tab: draw again right away
            // rather than waiting for the next key.
            ctx.request_repaint();
        }
        for command in commands {
            self.apply(&ctx, command);
        }
        self.autosave(&ctx);
        let title = self.window_title();
        if title != self.title {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }

    /// Bars, panels, the table or the general information, then what floats above.
    fn draw(&mut self, ui: &mut egui::Ui, ctx: &egui::Context) {
        let menu_bottom = egui::Panel::top("menu")
            .show(ui, |ui| self.menu_bar(ui))
            .response
            .rect
            .bottom();
        egui::Panel::bottom("status").show(ui, |ui| self.status_bar(ui));
        if self.template_editor.is_some() {
            self.draw_template_editor(ui);
        } else if self.rollup.is_some() {
            self.draw_rollup(ui);
        } else {
            self.draw_report(ui, ctx);
        }
        if let Some(preview) = &self.preview {
            preview.show(ctx, menu_bottom, &mut self.pending);
        }
        self.draw_combining(ctx);
        self.table_import.show(ctx, &mut self.pending);
        self.convert.show(ctx, &mut self.pending);
        self.import.show(ctx, &mut self.pending);
        // Closing the editor was asked twice, and the first answer closed it.
        if self.questions.current() == Some(&Question::TemplateUnsaved)
            && !self
                .template_editor
                .as_ref()
                .is_some_and(TemplateEditor::is_dirty)
        {
            self.questions.drop_current();
        }
        // "Lưu thay đổi?" asked twice (Ctrl+N, then the close button): once the first
        // answer has dealt with the changes, the second has nothing left to ask.
        if let Some(Question::Unsaved(next)) = self.questions.current()
            && !self.session.doc().is_dirty()
        {
            let next = (**next).clone();
            self.questions.drop_current();
            self.pending.push(next);
        }
        if let Some((question, answer)) = self.questions.show(ctx) {
            self.answer(question, answer);
        }
        self.notices.show(ctx);
    }

    /// The report: its tabs, the problems panel, the table or the general information.
    fn draw_report(&mut self, ui: &mut egui::Ui, ctx: &egui::Context) {
        egui::Panel::top("tabs").show(ui, |ui| self.tab_bar(ui));
        self.problems
            .show(ui, self.session.doc(), &mut self.pending);
        let read_only = self.session.is_read_only();
        egui::CentralPanel::default().show(ui, |ui| match self.tab.clone() {
            Tab::General => {
                ui.add_enabled_ui(!read_only, |ui| {
                    general::show(
                        ui,
                        &self.session.doc().template,
                        &self.session.doc().report.general,
                        &mut self.pending,
                    )
                });
            }
            Tab::Section(section) => {
                let mut view = table::TableView {
                    read_only,
                    doc: self.session.doc(),
                    edit: &mut self.edit,
                    focus_request: &mut self.focus_request,
                    selected: &mut self.selected,
                    out: &mut self.pending,
                    next_key: &mut self.next_key,
                };
                view.show(ui, &section);
            }
        });
        if let Some(id) = self.find.show(ctx, &self.session.doc().template) {
            self.pending.push(Command::GoTo(id));
        }
    }

    /// The roll-up view in place of the report; its buttons write files or close it.
    fn draw_rollup(&mut self, ui: &mut egui::Ui) {
        let Some(view) = &mut self.rollup else {
            return;
        };
        let mut ask = None;
        egui::CentralPanel::default().show(ui, |ui| ask = view.show(ui, &mut self.pending));
        if let Some(ask) = ask {
            self.rollup_asks(ask);
        }
    }

    /// The progress of a roll-up being read; its view once it is done.
    fn draw_combining(&mut self, ctx: &egui::Context) {
        let Some(combining) = &mut self.combining else {
            return;
        };
        match combining.finished() {
            None => combining.show(ctx),
            Some(outcome) => {
                self.combining = None;
                self.combined(outcome);
            }
        }
    }

    /// Files dropped on the window: one report opens, several (or a folder) combine.
    fn read_dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .collect()
        });
        match dropped.as_slice() {
            [] => {}
            [one] if one.extension().is_some() => self.pending.push(Command::OpenPath(one.clone())),
            _ => self.pending.push(Command::Rollup(dropped)),
        }
    }

    /// Write the recovery copy when it is due; a failure is said in passing.
    fn autosave(&mut self, ctx: &egui::Context) {
        let tick = self.session.autosave_tick(ctx.input(|i| i.time));
        if let Some(wait) = tick.wait {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(wait));
        }
        if let Some(failure) = tick.failure {
            self.notices.push(
                Tone::Problem,
                format!("{}: {}", failure.title, failure.text),
            );
        }
    }

    /// Offer the next recovery copy from an earlier run, after what is already asked.
    fn ask_next_offer(&mut self) {
        if let Some(offer) = self.session.offer() {
            self.questions.push(Question::Recover(offer));
        }
    }

    fn remember(&mut self, path: &Path) {
        self.settings.recent.retain(|p| p != path);
        self.settings.recent.insert(0, path.to_path_buf());
        self.settings.recent.truncate(MAX_RECENT);
        self.settings.last_folder = path.parent().map(Path::to_path_buf);
    }

    /// Where a save or export dialog opens: the report's folder, else the last one used,
    /// else Documents.
    fn dialog_folder(&self) -> Option<PathBuf> {
        self.doc()
            .path
            .as_ref()
            .and_then(|p| p.parent().map(Path::to_path_buf))
            .or_else(|| self.settings.last_folder.clone())
            .or_else(default_folder)
    }
}

/// The user's Documents folder, where a first report is saved.
pub fn default_folder() -> Option<PathBuf> {
    directories::UserDirs::new().and_then(|d| d.document_dir().map(Path::to_path_buf))
}

impl eframe::App for PhulucApp {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        // Runs even while the window is minimised, so a pending copy is still written.
        self.autosave(ctx);
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, SETTINGS_KEY, &self.settings);
    }
}
