//! The window's state and the one place where commands change it.
//!
//! Drawing (in `table`, `general`, `dialogs`) only reads the document and
//! pushes [`Command`]s; [`PhulucApp::apply`] carries them out after the frame
//! is drawn. Reports are never kept in eframe's own storage (it is not written
//! atomically): only window preferences such as recent files live there.

use std::path::{Path, PathBuf};

use egui::ViewportCommand;
use serde::{Deserialize, Serialize};

use super::command::{CellRef, Command, Direction, Slot};
use super::document::Document;
use super::{dialogs, findings, general, table, theme};
use crate::model::report::{DocumentParts, GeneralInfo, display_cell};
use crate::model::{Cell, Kind, Level, Report, Template, Value};
use crate::store::load_report;
use crate::store::lock::{self, FileLock, LockOwner};
use crate::store::recovery::{RecoveryCopy, RecoveryStore};
use crate::store::report_file::{REPORT_EXTENSION, report_from_bytes};
use crate::store::templates::TemplateStore;

/// Seconds after typing stops before unsaved changes go to the recovery copy: long
/// enough not to write on every keystroke, short enough that a power cut loses at
/// most a few seconds of typing.
pub const AUTOSAVE_DELAY_S: f64 = 2.0;
/// How many recent files the File menu lists.
const MAX_RECENT: usize = 8;
/// The real 2021 appendix of Ngã Năm, shipped with the program.
pub const EXAMPLE_2021: &str = include_str!("../../assets/examples/nga-nam-2021.phuluc.json");
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

/// What to do once the unsaved-changes question is answered.
#[derive(Debug, Clone, PartialEq)]
pub enum Pending {
    /// A command that replaces the report or closes the window.
    Then(Box<Command>),
}

/// A modal question or message.
#[derive(Debug, Clone, PartialEq)]
pub enum Dialog {
    /// A message to read.
    Message {
        /// Title.
        title: String,
        /// Text.
        text: String,
    },
    /// "Save changes?" before `Pending`.
    Unsaved(Pending),
    /// "The report has N errors: print a draft?"
    ConfirmDraft(usize),
    /// "Someone else has this report open."
    Locked {
        /// The report.
        path: PathBuf,
        /// Who, where, since when.
        text: String,
    },
    /// "Restore the unsaved work found from the last run?"
    Recover {
        /// The report's file name.
        name: String,
        /// When the copy was written.
        saved_at: String,
        /// What differs from the saved file.
        summary: String,
    },
}

/// The find box.
#[derive(Debug, Clone, Default)]
pub struct FindState {
    /// What is typed.
    pub query: String,
    /// Highlighted result.
    pub selected: usize,
    /// Focus the box on the next frame.
    pub focus: bool,
}

/// The application.
pub struct PhulucApp {
    store: TemplateStore,
    /// The open report.
    pub doc: Document,
    /// Shown tab.
    pub tab: Tab,
    /// Cell being typed into.
    pub edit: Option<EditBuffer>,
    /// Cell that should get the cursor when next drawn.
    pub focus_request: Option<CellRef>,
    /// The find box, when open.
    pub find: Option<FindState>,
    /// The modal dialog, when one is open.
    pub dialog: Option<Dialog>,
    /// Preferences.
    pub settings: Settings,
    /// Whether the problems panel is shown.
    pub show_problems: bool,
    /// A warning being explained in the problems panel.
    pub draft: Option<findings::Draft>,
    /// The print preview, when open.
    pub preview: Option<super::print::Preview>,
    recovery: Option<RecoveryStore>,
    /// The lock of the open report file.
    lock: Option<FileLock>,
    /// The report was opened read-only (someone else holds it).
    pub read_only: bool,
    /// Copies from earlier runs still to be offered.
    offers: Vec<RecoveryCopy>,
    session: String,
    autosave_base: Report,
    autosave_due: Option<f64>,
    pending: Vec<Command>,
    next_key: u64,
    allow_close: bool,
    title: String,
}

impl PhulucApp {
    /// A window on a new, empty report from the default template.
    pub fn new(store: TemplateStore, settings: Settings) -> Result<PhulucApp, String> {
        let template = store
            .default_template()
            .cloned()
            .ok_or_else(|| "mẫu biểu có sẵn trong chương trình bị hỏng".to_owned())?;
        let report = Report::new(&template);
        Ok(PhulucApp {
            store,
            doc: Document::new(template, report, None),
            tab: Tab::General,
            edit: None,
            focus_request: None,
            find: None,
            dialog: None,
            settings,
            show_problems: false,
            draft: None,
            preview: None,
            recovery: None,
            lock: None,
            read_only: false,
            offers: Vec::new(),
            session: String::new(),
            autosave_base: Report::default(),
            autosave_due: None,
            pending: Vec::new(),
            next_key: 1,
            allow_close: false,
            title: String::new(),
        })
    }

    /// Keep recovery copies in `store`; `session` names this run's copy of a report
    /// never saved. Copies left by an earlier run are offered for restoring.
    pub fn with_recovery(mut self, store: RecoveryStore, session: String) -> PhulucApp {
        self.offers = store.list();
        self.recovery = Some(store);
        self.session = session;
        self.autosave_base = self.doc.report.clone();
        self.offer_next();
        self
    }

    fn recovery_key(&self) -> String {
        RecoveryStore::key(self.doc.path.as_deref(), &self.session)
    }

    /// Write the recovery copy once typing has paused for [`AUTOSAVE_DELAY_S`];
    /// `now` is egui's clock in seconds. Returns how long until the next write is due.
    pub fn autosave_tick(&mut self, now: f64) -> Option<f64> {
        if self.doc.report != self.autosave_base {
            self.autosave_base = self.doc.report.clone();
            self.autosave_due = Some(now + AUTOSAVE_DELAY_S);
        }
        let due = self.autosave_due?;
        if now < due {
            return Some(due - now);
        }
        self.autosave_due = None;
        let Some(store) = &self.recovery else {
            return None;
        };
        let key = self.recovery_key();
        if self.doc.is_dirty() {
            let stamp = chrono::Local::now().format("%d/%m/%Y %H:%M").to_string();
            if let Err(e) = store.write(&key, self.doc.path.as_deref(), &stamp, &self.doc.report) {
                self.message(
                    "Chưa tự động lưu được",
                    format!("{e}\nDữ liệu vẫn còn trong cửa sổ; hãy lưu báo cáo (Ctrl+S)."),
                );
            }
        } else {
            store.remove(&key);
        }
        None
    }

    fn forget_recovery(&self) {
        if let Some(store) = &self.recovery {
            store.remove(&self.recovery_key());
            store.remove(&RecoveryStore::key(None, &self.session));
        }
    }

    fn offer_next(&mut self) {
        let Some(copy) = self.offers.first() else {
            return;
        };
        let name = copy
            .original
            .as_ref()
            .and_then(|p| p.file_name())
            .map_or_else(
                || "Báo cáo mới (chưa lưu lần nào)".to_owned(),
                |n| n.to_string_lossy().into_owned(),
            );
        let summary = match self.recovered_pair(copy) {
            Ok((_, saved, current)) => describe_changes(&saved, &current, copy.original.is_some()),
            Err(e) => format!("không đọc được bản này ({e})"),
        };
        self.dialog = Some(Dialog::Recover {
            name,
            saved_at: copy.saved_at.clone(),
            summary,
        });
    }

    /// The template, the report as saved in its file (or empty) and the recovered report.
    fn recovered_pair(&self, copy: &RecoveryCopy) -> Result<(Template, Report, Report), String> {
        let (current, template) =
            report_from_bytes(&copy.file, &copy.report, &self.store).map_err(|e| e.to_string())?;
        let saved = copy
            .original
            .as_ref()
            .and_then(|p| load_report(p, &self.store).ok())
            .map_or_else(|| Report::new(&template), |(r, _)| r);
        Ok((template, saved, current))
    }

    /// Start from eframe: fonts, saved preferences.
    pub fn from_creation_context(cc: &eframe::CreationContext<'_>) -> Result<PhulucApp, String> {
        theme::install(&cc.egui_ctx);
        let settings = cc
            .storage
            .and_then(|s| eframe::get_value(s, SETTINGS_KEY))
            .unwrap_or_default();
        let app = PhulucApp::new(TemplateStore::in_data_folder(), settings)?;
        let session = format!(
            "{}-{}",
            chrono::Local::now().format("%Y%m%d-%H%M%S"),
            std::process::id()
        );
        Ok(match RecoveryStore::default_dir() {
            Some(dir) => app.with_recovery(RecoveryStore::new(dir), session),
            None => app,
        })
    }

    /// Open a report file (the command line `phuluc FILE`, the File menu, tests). When
    /// someone else has it open, the officer is asked first and nothing is opened yet.
    pub fn open_path(&mut self, path: &Path) -> Result<(), String> {
        self.open_with(path, OpenMode::Ask)
    }

    fn open_with(&mut self, path: &Path, mode: OpenMode) -> Result<(), String> {
        let (report, template) = load_report(path, &self.store).map_err(|e| e.to_string())?;
        let lock = match mode {
            OpenMode::ReadOnly => None,
            OpenMode::Ask | OpenMode::TakeOver => {
                match lock::acquire(path, &me_now(), mode == OpenMode::TakeOver) {
                    Ok(lock) => lock,
                    Err(held) => {
                        self.dialog = Some(Dialog::Locked {
                            path: path.to_path_buf(),
                            text: held.to_string(),
                        });
                        return Ok(());
                    }
                }
            }
        };
        self.replace(Document::new(template, report, Some(path.to_path_buf())));
        self.lock = lock;
        self.read_only = mode == OpenMode::ReadOnly;
        self.remember(path);
        Ok(())
    }

    /// Queue a command, as a menu or button does.
    pub fn send(&mut self, command: Command) {
        self.pending.push(command);
    }

    /// The window title: file name, an unsaved mark, the program.
    pub fn window_title(&self) -> String {
        let mark = if self.doc.is_dirty() { "*" } else { "" };
        let read_only = if self.read_only {
            " (chỉ đọc)"
        } else {
            ""
        };
        format!(
            "{mark}{}{read_only} – Phụ lục CCHC",
            self.doc.display_name()
        )
    }

    /// Draw the whole window and carry out what the user asked for.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        for command in Command::with_shortcuts() {
            // On the general-information tab Ctrl+Z/Ctrl+Y stay with the text field being
            // typed in (its own undo); the cell history is for the indicator tables.
            if self.tab == Tab::General && matches!(command, Command::Undo | Command::Redo) {
                continue;
            }
            if let Some(shortcut) = command.shortcut()
                && ctx.input_mut(|i| i.consume_shortcut(&shortcut))
            {
                self.pending.push(command);
            }
        }
        if ctx.input(|i| i.viewport().close_requested()) && !self.allow_close && self.doc.is_dirty()
        {
            ctx.send_viewport_cmd(ViewportCommand::CancelClose);
            self.dialog = Some(Dialog::Unsaved(Pending::Then(Box::new(Command::Quit))));
        }

        egui::Panel::top("menu").show(ui, |ui| self.menu_bar(ui));
        egui::Panel::bottom("status").show(ui, |ui| self.status_bar(ui));
        egui::Panel::top("tabs").show(ui, |ui| self.tab_bar(ui));
        if self.show_problems {
            egui::Panel::right("problems")
                .default_size(380.0)
                .resizable(true)
                .show(ui, |ui| {
                    findings::show(ui, &self.doc, &mut self.draft, &mut self.pending)
                });
        }
        egui::CentralPanel::default().show(ui, |ui| match self.tab.clone() {
            Tab::General => {
                let read_only = self.read_only;
                ui.add_enabled_ui(!read_only, |ui| {
                    general::show(ui, &self.doc.report.general, &mut self.pending)
                });
            }
            Tab::Section(section) => {
                let mut view = table::TableView {
                    read_only: self.read_only,
                    doc: &self.doc,
                    edit: &mut self.edit,
                    focus_request: &mut self.focus_request,
                    out: &mut self.pending,
                    next_key: &mut self.next_key,
                };
                view.show(ui, &section);
            }
        });
        if let Some(find) = &mut self.find {
            let (close, goto) = dialogs::find_box(&ctx, find, &self.doc.template);
            if close {
                self.find = None;
            }
            if let Some(id) = goto {
                self.find = None;
                self.pending.push(Command::GoTo(id));
            }
        }
        if let Some(preview) = &self.preview {
            super::print::show_preview(&ctx, preview, &mut self.pending);
        }
        if let Some(dialog) = self.dialog.clone() {
            match dialogs::modal(&ctx, &dialog) {
                dialogs::Answer::Open => {}
                dialogs::Answer::Then(command) => {
                    self.dialog = None;
                    self.pending.push(command);
                }
                dialogs::Answer::Close => self.dialog = None,
                dialogs::Answer::Save(Pending::Then(next)) => {
                    self.dialog = None;
                    if self.save(false) {
                        self.pending.push(*next);
                    }
                }
                dialogs::Answer::Discard(Pending::Then(next)) => {
                    self.dialog = None;
                    self.forget_recovery();
                    self.doc = Document::new(
                        self.doc.template.clone(),
                        self.doc.report.clone(),
                        self.doc.path.clone(),
                    );
                    self.pending.push(*next);
                }
            }
        }

        let commands = std::mem::take(&mut self.pending);
        if !commands.is_empty() || self.focus_request.is_some() {
            // A command may move the cursor or switch tab: draw again right away
            // rather than waiting for the next key.
            ctx.request_repaint();
        }
        for command in commands {
            self.apply(&ctx, command);
        }
        let now = ctx.input(|i| i.time);
        if let Some(wait) = self.autosave_tick(now) {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(wait));
        }
        let title = self.window_title();
        if title != self.title {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }

    fn menu_bar(&mut self, ui: &mut egui::Ui) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("Tệp", |ui| {
                for command in [
                    Command::New,
                    Command::Open,
                    Command::OpenExample,
                    Command::OpenTemplate,
                ] {
                    self.menu_item(ui, command);
                }
                ui.menu_button("Mở gần đây", |ui| {
                    if self.settings.recent.is_empty() {
                        ui.label("(chưa có)");
                    }
                    for path in self.settings.recent.clone() {
                        if ui.button(path.display().to_string()).clicked() {
                            self.pending.push(Command::OpenPath(path));
                        }
                    }
                });
                ui.separator();
                self.menu_item(ui, Command::Save);
                self.menu_item(ui, Command::SaveAs);
                ui.separator();
                self.menu_item(ui, Command::Preview);
                self.menu_item(ui, Command::Print);
                self.menu_item(ui, Command::ExportExcel);
                ui.separator();
                self.menu_item(ui, Command::Quit);
            });
            ui.menu_button("Sửa", |ui| {
                self.menu_item(ui, Command::Undo);
                self.menu_item(ui, Command::Redo);
                ui.separator();
                self.menu_item(ui, Command::Find);
            });
            ui.menu_button("Xem", |ui| {
                self.menu_item(ui, Command::ToggleProblems);
            });
        });
    }

    fn menu_item(&mut self, ui: &mut egui::Ui, command: Command) {
        let enabled = match command {
            Command::Undo => self.doc.history.can_undo(),
            Command::Redo => self.doc.history.can_redo(),
            _ => true,
        };
        let shortcut = command
            .shortcut()
            .map(|s| ui.ctx().format_shortcut(&s))
            .unwrap_or_default();
        let button = egui::Button::new(command.label()).shortcut_text(shortcut);
        if ui.add_enabled(enabled, button).clicked() {
            self.pending.push(command);
        }
    }

    fn tab_bar(&mut self, ui: &mut egui::Ui) {
        ui.horizontal_wrapped(|ui| {
            let label = tab_label("Thông tin chung", self.doc.counts_in(None));
            if ui
                .selectable_label(self.tab == Tab::General, label)
                .clicked()
            {
                self.tab = Tab::General;
            }
            let sections: Vec<(String, String, String)> = self
                .doc
                .template
                .sections()
                .map(|r| (r.id.to_string(), r.short.clone(), r.label.clone()))
                .collect();
            for (id, short, full) in sections {
                let label = tab_label(&format!("{id}. {short}"), self.doc.counts_in(Some(&id)));
                let selected = self.tab == Tab::Section(id.clone());
                if ui
                    .selectable_label(selected, label)
                    .on_hover_text(format!("{id}. {full}"))
                    .clicked()
                {
                    self.tab = Tab::Section(id);
                }
            }
        });
    }

    fn status_bar(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            let saved = if self.doc.is_dirty() {
                egui::RichText::new("• Chưa lưu").color(theme::WARNING)
            } else {
                egui::RichText::new("Đã lưu")
            };
            ui.label(saved);
            ui.separator();
            let counts = crate::rules::counts(&self.doc.findings);
            let problems = format!(
                "Lỗi: {} · Cảnh báo: {} · Đã giải trình: {}",
                counts.errors, counts.warnings, counts.explained
            );
            let color = if counts.errors > 0 {
                theme::ERROR
            } else if counts.warnings > 0 {
                theme::WARNING
            } else {
                ui.visuals().text_color()
            };
            if ui
                .selectable_label(
                    self.show_problems,
                    egui::RichText::new(problems).color(color),
                )
                .on_hover_text("Bấm để mở hoặc đóng danh sách vấn đề (F8)")
                .clicked()
            {
                self.pending.push(Command::ToggleProblems);
            }
            ui.separator();
            let (filled, total) = self.doc.report.filled(&self.doc.template);
            ui.label(format!("Đã nhập {filled}/{total} chỉ tiêu"));
            ui.separator();
            let level = self
                .doc
                .report
                .general
                .level
                .map_or("chưa chọn cấp", Level::label);
            ui.label(format!("{} · {}", self.doc.template.name, level));
        });
    }

    /// Carry out one command.
    pub fn apply(&mut self, ctx: &egui::Context, command: Command) {
        let command_mode = match &command {
            Command::OpenReadOnly(_) => Some(OpenMode::ReadOnly),
            Command::OpenTakeOver(_) => Some(OpenMode::TakeOver),
            _ => None,
        };
        let edits = matches!(
            command,
            Command::Edit(..)
                | Command::SetGeneral(..)
                | Command::SetLevel(_)
                | Command::Acknowledge(..)
                | Command::Undo
                | Command::Redo
        );
        if self.read_only && edits {
            return;
        }
        match command {
            Command::New
            | Command::Open
            | Command::OpenPath(_)
            | Command::OpenExample
            | Command::OpenTemplate
            | Command::Quit
                if self.doc.is_dirty() && !self.allow_close =>
            {
                self.dialog = Some(Dialog::Unsaved(Pending::Then(Box::new(command))));
            }
            Command::New => {
                let template = self.doc.template.clone();
                let report = Report::new(&template);
                self.replace(Document::new(template, report, None));
            }
            Command::Open => {
                if let Some(path) = dialogs::pick_report(self.settings.last_folder.as_deref()) {
                    self.pending.push(Command::OpenPath(path));
                }
            }
            Command::OpenPath(path) | Command::OpenReadOnly(path) | Command::OpenTakeOver(path) => {
                let mode = match command_mode {
                    Some(mode) => mode,
                    None => OpenMode::Ask,
                };
                if let Err(message) = self.open_with(&path, mode) {
                    self.settings.recent.retain(|p| p != &path);
                    self.message("Không mở được báo cáo", message);
                }
            }
            Command::OpenExample => {
                let loaded = report_from_bytes(
                    Path::new("nga-nam-2021.phuluc.json"),
                    EXAMPLE_2021.as_bytes(),
                    &self.store,
                );
                match loaded {
                    Ok((report, template)) => self.replace(Document::new(template, report, None)),
                    Err(e) => self.message("Không mở được ví dụ", e.to_string()),
                }
            }
            Command::OpenTemplate => {
                if let Some(path) = dialogs::pick_template(self.settings.last_folder.as_deref()) {
                    match self.store.import(&path) {
                        Ok(template) => {
                            let report = Report::new(&template);
                            self.replace(Document::new(template, report, None));
                        }
                        Err(e) => self.message("Không dùng được mẫu biểu", e.to_string()),
                    }
                }
            }
            Command::Save => {
                self.save(false);
            }
            Command::SaveAs => {
                self.save(true);
            }
            Command::Undo | Command::Redo => {
                let change = if command == Command::Undo {
                    self.doc.history.undo(&mut self.doc.report)
                } else {
                    self.doc.history.redo(&mut self.doc.report)
                };
                if let Some(change) = change {
                    self.doc.recheck();
                    let slot = match change.part {
                        crate::model::report::Part::Note => Slot::Note,
                        crate::model::report::Part::Value => self.first_slot(&change.id),
                    };
                    self.edit = None;
                    self.go_to((change.id, slot));
                }
            }
            Command::Find => {
                self.find = Some(FindState {
                    focus: true,
                    ..FindState::default()
                });
            }
            Command::Quit => {
                if !self.doc.is_dirty() {
                    self.forget_recovery();
                }
                self.allow_close = true;
                ctx.send_viewport_cmd(ViewportCommand::Close);
            }
            Command::Edit(cell, text) => self.edit_cell(cell, &text),
            Command::Move(from, direction) => {
                if let Some(to) = self.neighbour(&from, direction) {
                    self.go_to(to);
                }
            }
            Command::GoTo(id) => {
                let slot = self.first_slot(&id);
                self.go_to((id, slot));
            }
            Command::SetGeneral(field, text) => {
                general::set(&mut self.doc.report.general, field, &text);
                self.doc.recheck();
            }
            Command::ToggleProblems => self.show_problems = !self.show_problems,
            Command::Acknowledge(key, note) => {
                let note = crate::model::value::nfc(note.trim());
                if note.is_empty() {
                    self.doc.report.acknowledged.remove(&key);
                } else {
                    self.doc.report.acknowledged.insert(key, note);
                }
                self.doc.recheck();
            }
            Command::Print => {
                let errors = crate::rules::counts(&self.doc.findings).errors;
                if errors > 0 {
                    self.dialog = Some(Dialog::ConfirmDraft(errors));
                } else {
                    self.export(crate::export_file::Format::Pdf, false);
                }
            }
            Command::PrintDraft => self.export(crate::export_file::Format::Pdf, true),
            Command::ExportExcel => {
                let errors = crate::rules::counts(&self.doc.findings).errors;
                self.export(crate::export_file::Format::Xlsx, errors > 0);
            }
            Command::Preview => {
                let draft = crate::rules::counts(&self.doc.findings).errors > 0;
                let sheet = crate::export::Sheet::new(&self.doc.template, &self.doc.report, draft);
                match super::print::make_preview(ctx, &sheet) {
                    Ok(preview) => self.preview = Some(preview),
                    Err(e) => self.message("Không xem trước được", e),
                }
            }
            Command::ClosePreview => self.preview = None,
            Command::RestoreRecovery => {
                if !self.offers.is_empty() {
                    let copy = self.offers.remove(0);
                    match self.recovered_pair(&copy) {
                        Ok((template, saved, current)) => {
                            self.replace(Document::recovered(
                                template,
                                saved,
                                current,
                                copy.original.clone(),
                            ));
                            // The restored report belongs to its file again: hold it as
                            // opening it would; if someone else has it open now, keep the
                            // work but let it be saved only under another name.
                            if let Some(path) = &copy.original {
                                match lock::acquire(path, &me_now(), false) {
                                    Ok(lock) => self.lock = lock,
                                    Err(held) => {
                                        self.read_only = true;
                                        self.message(
                                            "Báo cáo đang được mở ở nơi khác",
                                            format!("{held}. Dữ liệu khôi phục vẫn còn trong cửa sổ; hãy lưu với tên khác (Lưu thành…)."),
                                        );
                                    }
                                }
                            }
                            // Keep the copy under this run's name until the report is saved.
                            self.autosave_due = Some(f64::NEG_INFINITY);
                            self.autosave_base = self.doc.report.clone();
                            self.autosave_tick(0.0);
                            let current_copy = self
                                .recovery
                                .as_ref()
                                .map(|s| s.path_of(&self.recovery_key()));
                            if current_copy.as_ref() != Some(&copy.file) {
                                let _ = std::fs::remove_file(&copy.file);
                            }
                        }
                        Err(e) => self.message("Không khôi phục được", e),
                    }
                }
                self.offer_next();
            }
            Command::SetAsideRecovery => {
                if !self.offers.is_empty() {
                    let copy = self.offers.remove(0);
                    if let Some(store) = &self.recovery
                        && let Err(e) = store.set_aside(&copy)
                    {
                        self.message("Không để riêng được bản tự lưu", e.to_string());
                    }
                }
                self.offer_next();
            }
            Command::SetLevel(level) => {
                self.doc.report.general.level = level;
                self.doc.recheck();
            }
        }
    }

    fn message(&mut self, title: &str, text: String) {
        self.dialog = Some(Dialog::Message {
            title: title.to_owned(),
            text,
        });
    }

    fn replace(&mut self, doc: Document) {
        self.doc = doc;
        self.lock = None;
        self.read_only = false;
        self.edit = None;
        self.focus_request = None;
        self.allow_close = false;
        if let Tab::Section(s) = &self.tab
            && !self.doc.template.sections().any(|r| r.id.as_str() == s)
        {
            self.tab = Tab::General;
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
        self.doc
            .path
            .as_ref()
            .and_then(|p| p.parent().map(Path::to_path_buf))
            .or_else(|| self.settings.last_folder.clone())
            .or_else(default_folder)
    }

    /// Save; `true` when the report is now on disk.
    fn save(&mut self, choose: bool) -> bool {
        // A report opened read-only is saved under another name.
        let choose = choose || self.read_only;
        let path = match (&self.doc.path, choose) {
            (Some(path), false) => path.clone(),
            _ => {
                let suggested = suggested_name(&self.doc.report.general);
                let folder = self.dialog_folder();
                match dialogs::pick_save(folder.as_deref(), &suggested) {
                    Some(path) => path,
                    None => return false,
                }
            }
        };
        if self.doc.path.as_ref() != Some(&path) || self.read_only {
            match lock::acquire(&path, &me_now(), false) {
                Ok(lock) => self.lock = lock,
                Err(held) => {
                    self.message(
                        "Chưa lưu được",
                        format!(
                            "{held}; hãy lưu với tên khác. Dữ liệu vẫn còn nguyên trong cửa sổ."
                        ),
                    );
                    return false;
                }
            }
        }
        match crate::store::save_report(&path, &self.doc.report) {
            Ok(()) => {
                self.read_only = false;
                // Copies are named after the file: drop the one under the old name (or
                // the untitled one), then any under the new name.
                self.forget_recovery();
                self.doc.mark_saved(path.clone());
                self.forget_recovery();
                self.remember(&path);
                true
            }
            Err(e) => {
                self.message(
                    "Chưa lưu được",
                    format!("{e}\nDữ liệu vẫn còn nguyên trong cửa sổ."),
                );
                false
            }
        }
    }

    /// Write the appendix next to the report (the officer confirms the place), then open a
    /// PDF in the system's viewer for printing.
    fn export(&mut self, format: crate::export_file::Format, draft: bool) {
        use crate::export_file::Format;
        let extension = match format {
            Format::Pdf => "pdf",
            Format::Xlsx => "xlsx",
        };
        let stem = self
            .doc
            .path
            .as_ref()
            .and_then(|p| p.file_name())
            .map(|n| {
                n.to_string_lossy()
                    .trim_end_matches(".json")
                    .trim_end_matches(".phuluc")
                    .to_owned()
            })
            .unwrap_or_else(|| crate::export::Sheet::file_stem(&self.doc.report));
        let folder = self.dialog_folder();
        let Some(path) =
            dialogs::pick_export(folder.as_deref(), &format!("{stem}.{extension}"), extension)
        else {
            return;
        };
        match crate::export_file::write(&self.doc.template, &self.doc.report, draft, format, &path)
        {
            Ok(()) => {
                if let Err(e) = open::that_detached(&path) {
                    self.message(
                        "Đã xuất nhưng chưa mở được",
                        format!("Đã ghi “{}” nhưng máy chưa mở được tệp ({e}). Hãy mở tệp bằng tay để in.", path.display()),
                    );
                }
            }
            Err(e) => self.message("Chưa xuất được", e.to_string()),
        }
    }

    fn go_to(&mut self, cell: CellRef) {
        self.tab = Tab::Section(cell.0.section().to_owned());
        self.focus_request = Some(cell);
    }

    /// The first cell the cursor goes to in a row.
    fn first_slot(&self, id: &crate::model::IndicatorId) -> Slot {
        let row = self.doc.template.row(id);
        match row {
            Some(row) if row.kind.is_some() && row.applies_to(self.doc.report.general.level) => {
                if row.kind == Some(Kind::Document) {
                    Slot::DocType
                } else {
                    Slot::Value
                }
            }
            _ => Slot::Note,
        }
    }

    /// The value cells in form order, as Tab visits them.
    pub fn tab_order(&self) -> Vec<CellRef> {
        let mut order = Vec::new();
        for row in self.doc.template.value_rows(self.doc.report.general.level) {
            if row.kind == Some(Kind::Document) {
                for slot in [Slot::DocType, Slot::DocNumber, Slot::DocDate] {
                    order.push((row.id.clone(), slot));
                }
            } else {
                order.push((row.id.clone(), Slot::Value));
            }
        }
        order
    }

    fn neighbour(&self, from: &CellRef, direction: Direction) -> Option<CellRef> {
        let order = self.tab_order();
        if let Some(here) = order.iter().position(|c| c == from) {
            let to = match direction {
                Direction::Next => here + 1,
                Direction::Previous => here.checked_sub(1)?,
            };
            return order.get(to).cloned();
        }
        // From a note or a heading row: the nearest value cell after (or before) it.
        let pos = self.doc.template.position(&from.0)?;
        let after = |c: &CellRef| self.doc.template.position(&c.0).is_some_and(|p| p > pos);
        match direction {
            Direction::Next => order.iter().find(|c| after(c)).cloned(),
            Direction::Previous => order
                .iter()
                .rev()
                .find(|c| !after(c) && c.0 != from.0)
                .cloned(),
        }
    }

    /// What a cell shows when it does not have the cursor.
    pub fn cell_text(doc: &Document, cell: &CellRef) -> String {
        let entry_cell = doc.report.cell(&cell.0);
        match cell.1 {
            Slot::Note => doc
                .report
                .entry(&cell.0)
                .map(|e| e.note.clone())
                .unwrap_or_default(),
            Slot::Value => match entry_cell {
                Cell::Value(Value::Code(c)) => c.to_string(),
                other => display_cell(other),
            },
            Slot::DocType | Slot::DocNumber | Slot::DocDate => {
                let parts = DocumentParts::split(&display_cell(entry_cell));
                match cell.1 {
                    Slot::DocType => parts.doc_type,
                    Slot::DocNumber => parts.number,
                    _ => parts.date,
                }
            }
        }
    }

    fn edit_cell(&mut self, cell: CellRef, text: &str) {
        let template = &self.doc.template;
        let report = &mut self.doc.report;
        let result = match cell.1 {
            Slot::Note => report.set_note(template, &cell.0, text),
            Slot::Value => report.set_text(template, &cell.0, text),
            Slot::DocType | Slot::DocNumber | Slot::DocDate => {
                let mut parts = DocumentParts::split(&display_cell(report.cell(&cell.0)));
                let part = match cell.1 {
                    Slot::DocType => &mut parts.doc_type,
                    Slot::DocNumber => &mut parts.number,
                    _ => &mut parts.date,
                };
                *part = text.to_owned();
                report.set_text(template, &cell.0, &parts.join())
            }
        };
        match result {
            Ok(Some(change)) => {
                let key = self.edit.as_ref().filter(|b| b.cell == cell).map(|b| b.key);
                self.doc.history.record(change, key);
                self.doc.recheck();
            }
            Ok(None) => {}
            Err(e) => self.message("Không nhập được", e.to_string()),
        }
    }
}

/// A tab's name with its open problems: "III. Thủ tục hành chính ⚠2" (errors), "… ⚠1+3"
/// (errors + unexplained warnings), "… △3" (only warnings).
fn tab_label(name: &str, counts: crate::rules::Counts) -> String {
    match (counts.errors, counts.warnings) {
        (0, 0) => name.to_owned(),
        (e, 0) => format!("{name} ⚠{e}"),
        (0, w) => format!("{name} △{w}"),
        (e, w) => format!("{name} ⚠{e}+{w}"),
    }
}

/// How a report file is opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum OpenMode {
    /// Take the lock; ask when someone else holds it.
    Ask,
    /// Without a lock; no editing.
    ReadOnly,
    /// Take the lock from whoever holds it.
    TakeOver,
}

/// This window as the holder of a lock, now.
fn me_now() -> LockOwner {
    LockOwner::me(chrono::Local::now().format("%d/%m/%Y %H:%M").to_string())
}

/// "12 chỉ tiêu khác với tệp đã lưu: III.6.1, III.6.2, …".
fn describe_changes(saved: &Report, current: &Report, has_file: bool) -> String {
    /// Enough ids for the officer to recognise the work.
    const SHOWN: usize = 5;
    let mut ids: Vec<String> = current
        .entries()
        .filter(|(id, e)| saved.entry(id) != Some(*e))
        .map(|(id, _)| id.to_string())
        .collect();
    ids.extend(
        saved
            .entries()
            .filter(|(id, _)| current.entry(id).is_none())
            .map(|(id, _)| id.to_string()),
    );
    let general = if saved.general != current.general {
        " và thông tin chung"
    } else {
        ""
    };
    if ids.is_empty() {
        return format!("không khác tệp đã lưu{general}");
    }
    let mut list = ids
        .iter()
        .take(SHOWN)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if ids.len() > SHOWN {
        list.push_str(", …");
    }
    if has_file {
        format!(
            "{} chỉ tiêu khác với tệp đã lưu{general} ({list})",
            ids.len()
        )
    } else {
        format!("{} chỉ tiêu đã nhập{general} ({list})", ids.len())
    }
}

/// "bao-cao-cchc-2025.phuluc.json".
fn suggested_name(general: &GeneralInfo) -> String {
    match general.year() {
        Some(y) => format!("bao-cao-cchc-{y}.{REPORT_EXTENSION}"),
        None => format!("bao-cao-cchc.{REPORT_EXTENSION}"),
    }
}

/// The user's Documents folder, where a first report is saved.
pub fn default_folder() -> Option<PathBuf> {
    directories::UserDirs::new().and_then(|d| d.document_dir().map(Path::to_path_buf))
}

impl eframe::App for PhulucApp {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        // Runs even while the window is minimised, so a pending copy is still written.
        if let Some(wait) = self.autosave_tick(ctx.input(|i| i.time)) {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(wait));
        }
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, SETTINGS_KEY, &self.settings);
    }
}
