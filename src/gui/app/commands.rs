//! Carrying out commands: the one place where the window changes anything. File work
//! is the session's; here the window picks files, asks questions and shows answers.

use std::path::Path;

use egui::ViewportCommand;

use super::{PhulucApp, Tab};
use crate::export::Sheet;
use crate::export_file::Format;
use crate::gui::command::{Action, Command};
use crate::gui::files;
use crate::gui::notices::Tone;
use crate::gui::panels::rollup::Ask;
use crate::gui::panels::{Combining, Preview, RollupView};
use crate::gui::questions::{Answer, Question};
use crate::rollup::{NothingToCombine, Rollup};
use crate::session::{CellRef, Failure, OpenMode, Opened};

impl PhulucApp {
    /// Carry out one command.
    pub fn apply(&mut self, ctx: &egui::Context, command: Command) {
        if command.leaves_report() && self.doc().is_dirty() && !self.allow_close {
            self.questions.push(Question::Unsaved(Box::new(command)));
            return;
        }
        match command {
            Command::Action(action) => self.apply_action(ctx, action),
            Command::OpenPath(path) => self.apply_open(&path, OpenMode::Ask),
            Command::OpenReadOnly(path) => self.apply_open(&path, OpenMode::ReadOnly),
            Command::OpenTakeOver(path) => self.apply_open(&path, OpenMode::TakeOver),
            Command::Rollup(inputs) => self.combine(&inputs),
            Command::Edit(cell, text) => {
                let key = self.edit.as_ref().filter(|b| b.cell == cell).map(|b| b.key);
                if let Err(failure) = self.session.edit(&cell, &text, key) {
                    self.tell(failure);
                }
            }
            Command::Move(from, direction) => {
                if let Some(to) = self.doc().neighbour(&from, direction) {
                    self.go_to(to);
                }
            }
            Command::GoTo(id) => {
                let slot = self.doc().first_slot(&id);
                self.go_to((id, slot));
            }
            Command::SetGeneral(field, text) => self.session.set_general(field, &text),
            Command::SetLevel(level) => self.session.set_level(level),
            Command::Acknowledge(key, note) => self.session.acknowledge(&key, &note),
            command @ (Command::TableFromClipboard { .. }
            | Command::TableFromFile(_)
            | Command::NewFromKept { .. }) => self.apply_template_command(command),
            command @ Command::ConvertTo { .. } => self.apply_convert_command(command),
            Command::ImportFrom(path) => self.import_from(&path),
            Command::NextYearFrom(path) => self.new_from_last_year(&path),
            Command::AttachLastYearFrom(path) => self.attach_last_year(&path),
            Command::Paste(cell, text) => self.paste(cell, &text),
            Command::CopyText { text, what } => self.copy_text(ctx, text, &what),
        }
    }

    fn apply_action(&mut self, ctx: &egui::Context, action: Action) {
        if self.apply_template_action(ctx, action)
            || self.apply_convert_action(ctx, action)
            || self.apply_import_action(ctx, action)
            || self.apply_clipboard_action(ctx, action)
            || self.apply_print_action(ctx, action)
        {
            return;
        }
        match action {
            Action::New => {
                self.session.new_report();
                self.report_replaced();
            }
            Action::Open => {
                if let Some(path) =
                    files::pick_report("Mở báo cáo", self.settings.last_folder.as_deref())
                {
                    self.pending.push(Command::OpenPath(path));
                }
            }
            Action::OpenExample => {
                let result = self.session.open_example();
                self.after_replacing(result);
            }
            Action::OpenTemplate => {
                if let Some(path) = files::pick_template(self.settings.last_folder.as_deref()) {
                    let result = self.session.new_from_template(&path);
                    self.after_replacing(result);
                }
            }
            Action::RollupFiles => {
                if let Some(files) = files::pick_reports(self.settings.last_folder.as_deref()) {
                    self.combine(&files);
                }
            }
            Action::RollupFolder => {
                if let Some(folder) = files::pick_folder(self.settings.last_folder.as_deref()) {
                    self.combine(&[folder]);
                }
            }
            Action::Save => {
                self.save(false);
            }
            Action::SaveAs => {
                self.save(true);
            }
            Action::Undo | Action::Redo => {
                if let Some(cell) = self.session.undo(action == Action::Redo) {
                    self.edit = None;
                    self.go_to(cell);
                }
            }
            Action::Find => self.find.open(),
            Action::Quit => {
                self.session.close();
                self.allow_close = true;
                ctx.send_viewport_cmd(ViewportCommand::Close);
            }
            Action::ToggleProblems => self.problems.open = !self.problems.open,
            Action::RestoreRecovery => self.restore_offer(),
            Action::SetAsideRecovery => self.set_aside_offer(),
            // Carried out by `apply_template_action`.
            Action::TemplateFromTable
            | Action::PickTableFile
            | Action::PasteTable
            | Action::EditTemplate
            | Action::SaveTemplate
            | Action::CloseTemplateEditor
            | Action::DiscardTemplate
            // Carried out by `apply_convert_action`, `apply_import_action` and
            // `apply_clipboard_action`.
            | Action::ConvertReport
            | Action::PickConvertTemplate
            | Action::OpenConverted
            | Action::ImportFilled
            | Action::OpenImported
            | Action::OpenImportedAsLastYear
            | Action::NewFromLastYear
            | Action::AttachLastYear
            | Action::CopyCell
            | Action::PasteCells
            | Action::CopyTable
            // Carried out by `apply_print_action`.
            | Action::ToggleLandscape
            | Action::Print
            | Action::PrintDraft
            | Action::ExportExcel
            | Action::ExportWord
            | Action::PrintBlank
            | Action::Preview
            | Action::ClosePreview => {}
        }
    }

    /// A print or export action; `false` when the action is not one.
    fn apply_print_action(&mut self, ctx: &egui::Context, action: Action) -> bool {
        match action {
            Action::ToggleLandscape => {
                self.settings.landscape = !self.settings.landscape;
                // The preview shows the pages as they will print.
                if self.preview.is_some() {
                    self.preview(ctx);
                }
            }
            Action::Print => {
                let errors = self.open_errors();
                if errors > 0 {
                    self.questions.push(Question::ConfirmDraft(errors));
                } else {
                    self.export(Format::Pdf, false);
                }
            }
            Action::PrintDraft => self.export(Format::Pdf, true),
            Action::ExportExcel => self.export(Format::Xlsx, self.open_errors() > 0),
            Action::ExportWord => self.export(Format::Docx, self.open_errors() > 0),
            Action::PrintBlank => self.print_blank(),
            Action::Preview => self.preview(ctx),
            Action::ClosePreview => self.preview = None,
            _ => return false,
        }
        true
    }

    /// The pages as they will print, in a window.
    fn preview(&mut self, ctx: &egui::Context) {
        let sheet = Sheet::new(
            &self.doc().template,
            &self.doc().report,
            self.open_errors() > 0,
        )
        .landscape(self.settings.landscape);
        match Preview::new(ctx, &sheet) {
            Ok(preview) => self.preview = Some(preview),
            Err(e) => self.tell_message("Không xem trước được", e),
        }
    }

    /// Restore the recovery copy offered; then offer the next one.
    fn restore_offer(&mut self) {
        match self.session.restore_offer() {
            Ok(Some(told)) => {
                self.report_replaced();
                for failure in told {
                    self.tell(failure);
                }
            }
            Ok(None) => {}
            Err(failure) => self.tell(failure),
        }
        self.ask_next_offer();
    }

    /// The officer answered a question.
    pub(super) fn answer(&mut self, question: Question, answer: Answer) {
        match answer {
            Answer::Then(command) => self.pending.push(command),
            Answer::Close => match question {
                // Closed without a choice: keep the copy aside, where nothing can
                // overwrite it, and say where.
                Question::Recover(_) => self.set_aside_offer(),
                // "Save first?" was cancelled before a restore: offer the copy again.
                Question::Unsaved(next) if *next == Action::RestoreRecovery.into() => {
                    self.ask_next_offer();
                }
                _ => {}
            },
            Answer::Save(next) => {
                if self.save(false) {
                    self.pending.push(next);
                }
            }
            Answer::Discard(next) => {
                self.session.discard_changes();
                self.pending.push(next);
            }
        }
    }

    /// Combine report files and folders into the roll-up view: read in the background,
    /// with a progress window ([`PhulucApp::combined`] shows the outcome).
    fn combine(&mut self, inputs: &[std::path::PathBuf]) {
        if self.combining.is_none() {
            self.combining = Some(Combining::start(
                inputs.to_vec(),
                self.session.templates().clone(),
            ));
        }
    }

    /// A roll-up read: its view, and how many files were left out.
    pub(super) fn combined(&mut self, outcome: Result<Rollup, NothingToCombine>) {
        match outcome {
            Ok(rollup) => {
                if !rollup.left_out.is_empty() {
                    self.notices.push(
                        Tone::Problem,
                        format!(
                            "{} tệp không được đưa vào tổng hợp; xem lý do ở mục Tình trạng",
                            rollup.left_out.len()
                        ),
                    );
                }
                self.rollup = Some(RollupView::new(rollup));
            }
            Err(NothingToCombine::Stopped) => {
                self.notices.push(Tone::Done, "Đã dừng tổng hợp".to_owned());
            }
            Err(e) => self.tell_message("Không tổng hợp được", e.to_string()),
        }
    }

    /// Write the roll-up where the officer says, or close the view.
    pub(super) fn rollup_asks(&mut self, ask: Ask) {
        let Some(view) = &self.rollup else {
            return;
        };
        let (format, extension) = match ask {
            Ask::Close => {
                self.rollup = None;
                return;
            }
            Ask::Excel => (Format::Xlsx, "xlsx"),
            Ask::Pdf => (Format::Pdf, "pdf"),
        };
        let columns = view.printed_columns();
        // Say that the columns do not fit before asking where to write.
        if format == Format::Pdf
            && let Err(e) = crate::rollup::output::columns_fit(columns.len())
        {
            self.tell_message("Chưa in được", e);
            return;
        }
        let year = view
            .rollup
            .year
            .map_or_else(String::new, |y| format!("-{y}"));
        let name = format!("tong-hop-cchc{year}.{extension}");
        let folder = self
            .settings
            .last_folder
            .clone()
            .or_else(super::default_folder);
        let Some(path) = files::pick_export(folder.as_deref(), &name, extension) else {
            return;
        };
        match crate::rollup::output::write(&view.rollup, &path, format, &view.unit_name, &columns) {
            Ok(()) => {
                self.notices
                    .push(Tone::Done, format!("Đã xuất: “{}”", path.display()));
                if format == Format::Pdf
                    && let Err(e) = open::that_detached(&path)
                {
                    self.tell_message(
                        "Đã xuất nhưng chưa mở được",
                        format!(
                            "Đã ghi “{}” nhưng máy chưa mở được tệp ({e}).",
                            path.display()
                        ),
                    );
                }
            }
            Err(e) => self.tell_message("Chưa xuất được", e),
        }
    }

    /// Keep the offered recovery copy in `aside/` and offer the next one.
    fn set_aside_offer(&mut self) {
        match self.session.set_aside_offer() {
            Ok(()) => self.notices.push(
                Tone::Done,
                "Đã để riêng bản tự lưu (thư mục “aside” của dữ liệu chương trình)",
            ),
            Err(failure) => self.tell(failure),
        }
        self.ask_next_offer();
    }

    /// Open a report file the way `mode` says; ask when someone else holds it.
    pub(super) fn apply_open(&mut self, path: &Path, mode: OpenMode) {
        match self.session.open(path, mode) {
            Ok(Opened::Opened) => {
                self.report_replaced();
                self.remember(path);
            }
            Ok(Opened::Held { path, who }) => self.questions.push(Question::Locked { path, who }),
            Err(failure) => {
                self.settings.recent.retain(|p| p != path);
                self.tell(failure);
            }
        }
    }

    /// After the session replaced the report (or could not).
    fn after_replacing(&mut self, result: Result<(), Failure>) {
        match result {
            Ok(()) => self.report_replaced(),
            Err(failure) => self.tell(failure),
        }
    }

    /// The report in the window is another one now: forget what belonged to the old one.
    pub(super) fn report_replaced(&mut self) {
        self.editor_after_report_replaced();
        self.convert.close();
        self.import.close();
        self.edit = None;
        self.focus_request = None;
        self.selected = None;
        self.paste_target = None;
        self.allow_close = false;
        if let Tab::Section(s) = &self.tab
            && !self.doc().template.sections().any(|r| r.id.as_str() == s)
        {
            self.tab = Tab::General;
        }
    }

    /// A failure the officer must read (queued after any question already asked).
    pub(super) fn tell(&mut self, failure: Failure) {
        self.questions.push(Question::failure(failure));
    }

    pub(super) fn tell_message(&mut self, title: &str, text: String) {
        self.questions.push(Question::Message {
            title: title.to_owned(),
            text,
        });
    }

    /// Errors still open in the report (a print then needs the officer's consent).
    fn open_errors(&self) -> usize {
        crate::rules::counts(&self.doc().findings).errors
    }

    /// Save; `true` when the report is now on disk.
    fn save(&mut self, choose: bool) -> bool {
        let path = match self.session.save_path(choose) {
            Some(path) => path,
            None => {
                let suggested = self.session.suggested_name();
                let folder = self.dialog_folder();
                match files::pick_save(folder.as_deref(), &suggested) {
                    Some(path) => path,
                    None => return false,
                }
            }
        };
        match self.session.save_to(&path) {
            Ok(()) => {
                self.remember(&path);
                self.notices.push(
                    Tone::Done,
                    format!("Đã lưu “{}”", self.doc().display_name()),
                );
                true
            }
            Err(failure) => {
                self.tell(failure);
                false
            }
        }
    }

    /// The blank form of the report's template, for its level, as PDF where the officer
    /// says, opened for printing.
    fn print_blank(&mut self) {
        let template = &self.doc().template;
        let name = format!("{}.pdf", Sheet::blank_file_stem(template));
        let folder = self.dialog_folder();
        let Some(path) = files::pick_export(folder.as_deref(), &name, "pdf") else {
            return;
        };
        // A level the form does not have would mark every row "x": the whole form then.
        let doc = self.doc();
        let level = doc.report.general.level.filter(|l| doc.template.offers(*l));
        let landscape = self.settings.landscape;
        if let Err(e) = crate::export_file::write_blank(
            &self.doc().template,
            level,
            landscape,
            Format::Pdf,
            &path,
        ) {
            self.tell_message("Chưa in được mẫu trắng", e.to_string());
            return;
        }
        self.opened_export(&path, "Đã ghi mẫu trắng");
    }

    /// Write the appendix where the officer confirms (next to the report), then open a
    /// PDF in the system's viewer for printing.
    fn export(&mut self, format: Format, draft: bool) {
        let extension = match format {
            Format::Pdf => "pdf",
            Format::Xlsx => "xlsx",
            Format::Docx => "docx",
        };
        let stem = self
            .doc()
            .path
            .as_ref()
            .and_then(|p| p.file_name())
            .map(|n| {
                n.to_string_lossy()
                    .trim_end_matches(".json")
                    .trim_end_matches(".phuluc")
                    .to_owned()
            })
            .unwrap_or_else(|| Sheet::file_stem(&self.doc().report));
        let folder = self.dialog_folder();
        let Some(path) =
            files::pick_export(folder.as_deref(), &format!("{stem}.{extension}"), extension)
        else {
            return;
        };
        let layout = crate::export_file::Layout {
            draft,
            landscape: self.settings.landscape,
        };
        if let Err(failure) = self.session.export_to(&path, format, layout) {
            self.tell(failure);
            return;
        }
        let written = match format {
            Format::Pdf => "Đã xuất PDF",
            Format::Xlsx => "Đã xuất Excel",
            Format::Docx => "Đã xuất Word",
        };
        self.opened_export(&path, written);
    }

    /// Say that `path` was written and open it in the system's program for printing.
    fn opened_export(&mut self, path: &Path, written: &str) {
        self.notices
            .push(Tone::Done, format!("{written}: “{}”", path.display()));
        if let Err(e) = open::that_detached(path) {
            self.tell_message(
                "Đã xuất nhưng chưa mở được",
                format!(
                    "Đã ghi “{}” nhưng máy chưa mở được tệp ({e}). Hãy mở tệp bằng tay để in.",
                    path.display()
                ),
            );
        }
    }

    fn go_to(&mut self, cell: CellRef) {
        self.tab = Tab::Section(cell.0.section().to_owned());
        self.focus_request = Some(cell);
    }
}
