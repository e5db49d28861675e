//! Carrying out the template commands: a template made from the province's table (a file
//! or a pasted table), the editor opened on the template in use, saved as a new version,
//! closed, and a new report started from the template just saved.

use super::PhulucApp;
use crate::gui::command::{Action, Command};
use crate::gui::files;
use crate::gui::notices::Tone;
use crate::gui::panels::TemplateEditor;
use crate::gui::questions::Question;
use crate::import::{Grid, ImportError};
use crate::model::template::edit::Draft;
use crate::model::template::from_table::{Options, guess_template};

impl PhulucApp {
    /// A template action, or one the template editor changes while it is shown (Save
    /// saves what is shown: the template; Quit asks about its changes first); `false` when
    /// the action is the report's.
    pub(super) fn apply_template_action(&mut self, ctx: &egui::Context, action: Action) -> bool {
        let editing = self.template_editor.is_some();
        let unsaved = self
            .template_editor
            .as_ref()
            .is_some_and(TemplateEditor::is_dirty);
        match action {
            Action::Save | Action::SaveAs if editing => self.save_template(),
            Action::Quit if unsaved && !self.allow_close => {
                self.questions.push(Question::TemplateUnsaved);
            }
            Action::TemplateFromTable => {
                if self.editor_busy() {
                    return true;
                }
                // A text field under the dialog must not take the pasted table too.
                ctx.memory_mut(egui::Memory::stop_text_input);
                self.edit = None;
                self.table_import.open();
            }
            Action::PickTableFile => {
                if let Some(path) = files::pick_table(
                    "Chọn Bảng 2 trống của tỉnh",
                    self.settings.last_folder.as_deref(),
                ) {
                    self.pending.push(Command::TableFromFile(path));
                }
            }
            Action::PasteTable => ctx.send_viewport_cmd(egui::ViewportCommand::RequestPaste),
            Action::EditTemplate => self.edit_template(),
            Action::SaveTemplate => self.save_template(),
            Action::CloseTemplateEditor => {
                if self
                    .template_editor
                    .as_ref()
                    .is_some_and(TemplateEditor::is_dirty)
                {
                    self.questions.push(Question::TemplateUnsaved);
                } else {
                    self.template_editor = None;
                }
            }
            Action::DiscardTemplate => self.template_editor = None,
            _ => return false,
        }
        true
    }

    /// A template command (others are not for here and do nothing).
    pub(super) fn apply_template_command(&mut self, command: Command) {
        match command {
            Command::TableFromClipboard { text, html } => {
                let grid = crate::import::from_clipboard(html.as_deref(), &text);
                self.open_table(grid, "Dựng từ bảng dán từ Word/Excel".to_owned());
            }
            Command::TableFromFile(path) => {
                let grid = crate::import::read_table(&path);
                let name = crate::store::shown_name(&path);
                self.open_table(grid, format!("Dựng từ bảng “{name}”"));
                self.settings.picked(&path);
            }
            Command::NewFromKept { id, version } => {
                match self.session.new_from_kept(&id, &version) {
                    Ok(()) => {
                        self.template_editor = None;
                        self.report_replaced();
                        self.notices.push(
                            Tone::Done,
                            format!("Báo cáo mới theo mẫu “{}”", self.doc().template.name),
                        );
                    }
                    Err(failure) => self.tell(failure),
                }
            }
            _ => {}
        }
    }

    /// Whether the editor holds unsaved changes that opening another template would lose
    /// (the officer is told so).
    fn editor_busy(&mut self) -> bool {
        let busy = self
            .template_editor
            .as_ref()
            .is_some_and(TemplateEditor::is_dirty);
        if busy {
            self.notices.push(
                Tone::Problem,
                "Mẫu biểu đang sửa chưa lưu; hãy lưu (“Lưu thành mẫu mới”) hoặc đóng trình sửa mẫu trước",
            );
        }
        busy
    }

    /// A table read (or not): its template guessed and opened in the editor; what went
    /// wrong is said in the dialog, which stays open for another try.
    fn open_table(&mut self, grid: Result<Grid, ImportError>, origin: String) {
        if self.editor_busy() {
            return;
        }
        let guess = grid
            .map_err(|e| e.to_string())
            .and_then(|grid| guess_template(&grid, &Options::default()).map_err(|e| e.to_string()));
        match guess {
            Ok(guess) => {
                self.table_import.open = false;
                let review = guess.review_count();
                self.start_editor(Draft::from_guess(&guess), origin);
                if review > 0 {
                    self.notices.push(
                        Tone::Done,
                        format!(
                            "Đã dựng mẫu biểu: {review} điểm chương trình đoán chưa chắc, đánh dấu ⚠ ở hàng; xin kiểm tra trước khi lưu"
                        ),
                    );
                }
            }
            Err(problem) => {
                self.table_import.open = true;
                self.table_import.problem = Some(problem);
            }
        }
    }

    /// The editor on the template of the open report, from its file as written.
    fn edit_template(&mut self) {
        if self.editor_busy() {
            return;
        }
        let template = &self.doc().template;
        let (id, version, name) = (
            template.id.clone(),
            template.version.clone(),
            template.name.clone(),
        );
        match self.session.templates().source(&id, &version) {
            Some(raw) => {
                let origin = format!("Sửa từ mẫu đang dùng: “{name}”, phiên bản {version}");
                self.start_editor(Draft::from_raw(raw), origin);
            }
            None => self.tell_message(
                "Không sửa được mẫu biểu",
                format!(
                    "Không tìm thấy tệp của mẫu “{name}” (mã {id}, phiên bản {version}) trong thư mục mẫu biểu của chương trình; hãy mở lại tệp mẫu bằng “{}” rồi sửa.",
                    Action::OpenTemplate.label()
                ),
            ),
        }
    }

    /// Open the editor on a draft, its version moved on to one not taken yet.
    fn start_editor(&mut self, mut draft: Draft, origin: String) {
        let store = self.session.templates();
        let free = store.free_version(&draft.head.id, &draft.head.version);
        let moved = (free != draft.head.version).then(|| draft.head.version.clone());
        draft.head.version = free;
        let mut editor = TemplateEditor::new(draft, origin);
        if let Some(old) = moved {
            let new = &editor.draft.head.version;
            editor.say(
                false,
                format!("Phiên bản “{old}” đã có; mẫu sửa sẽ được lưu thành phiên bản mới “{new}”"),
            );
        }
        self.template_editor = Some(editor);
    }

    /// Save the draft as a new version; then offer a report on it.
    fn save_template(&mut self) {
        let Some(editor) = &mut self.template_editor else {
            return;
        };
        let text = match editor.draft.to_json() {
            Ok(text) => text,
            Err(e) => {
                let text = format!("không tạo được nội dung tệp mẫu biểu: {e}");
                editor.refused(text.clone());
                self.tell_message("Chưa lưu được mẫu biểu", text);
                return;
            }
        };
        let store = self.session.templates();
        match store.save(&text) {
            Ok((template, path)) => {
                let next = store.free_version(&template.id, &template.version);
                editor.saved(&template.version, next);
                self.questions.push(Question::TemplateSaved {
                    name: template.name,
                    id: template.id,
                    version: template.version,
                    path,
                });
            }
            Err(e) => {
                let text = e.to_string();
                editor.refused(text.clone());
                self.tell_message("Chưa lưu được mẫu biểu", text);
            }
        }
    }

    /// Draw the editor in place of the report.
    pub(super) fn draw_template_editor(&mut self, ui: &mut egui::Ui) {
        if let Some(editor) = &mut self.template_editor {
            egui::CentralPanel::default().show(ui, |ui| editor.show(ui, &mut self.pending));
        }
    }

    /// A report replaced while the editor is open: a clean editor closes to show it, one
    /// with unsaved changes stays and says the report is under it.
    pub(super) fn editor_after_report_replaced(&mut self) {
        match &self.template_editor {
            Some(editor) if editor.is_dirty() => self.notices.push(
                Tone::Problem,
                "Báo cáo đã mở phía sau trình sửa mẫu; lưu hoặc đóng mẫu biểu đang sửa để xem báo cáo",
            ),
            Some(_) => self.template_editor = None,
            None => {}
        }
    }
}
