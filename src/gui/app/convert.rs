//! Carrying out Tệp → Chuyển sang mẫu khác…: the dialog opened on the templates the
//! program knows, the move worked out for the one picked (`model::migrate`), and the
//! moved report opened as a new, unsaved report once the officer accepts it (the open
//! report's unsaved changes asked about first, as for any command that leaves it).

use super::PhulucApp;
use crate::gui::command::{Action, Command};
use crate::gui::files;
use crate::gui::notices::Tone;
use crate::model::Template;
use crate::model::migrate::move_report;

impl PhulucApp {
    /// A convert action; `false` when the action is not one.
    pub(super) fn apply_convert_action(&mut self, ctx: &egui::Context, action: Action) -> bool {
        match action {
            Action::ConvertReport => {
                // A text field under the dialog must not keep the cursor.
                ctx.memory_mut(egui::Memory::stop_text_input);
                self.edit = None;
                let template = &self.session.doc().template;
                self.convert.open(self.session.templates(), template);
            }
            Action::PickConvertTemplate => {
                if let Some(path) = files::pick_template(self.settings.last_folder.as_deref()) {
                    // Kept by the program, so that the new report opens again later.
                    match self.session.templates().import(&path) {
                        Ok(to) => self.convert_to(to),
                        Err(e) => self.convert.refuse(e.to_string()),
                    }
                }
            }
            Action::OpenConverted => self.open_converted(),
            _ => return false,
        }
        true
    }

    /// [`Command::ConvertTo`]: the move onto a template the program keeps.
    pub(super) fn apply_convert_command(&mut self, command: Command) {
        if let Command::ConvertTo { id, version } = command {
            match self.session.templates().find(&id, &version) {
                Some(to) => self.convert_to(to),
                None => self.convert.refuse(format!(
                    "không tìm thấy mẫu biểu “{id}” phiên bản “{version}” trong thư mục mẫu biểu của chương trình"
                )),
            }
        }
    }

    /// Work out the move of the open report onto `to` and show its summary.
    fn convert_to(&mut self, to: Template) {
        let doc = self.session.doc();
        if to.is_same_form(&doc.template) {
            self.convert.refuse(format!(
                "“{}”, phiên bản {} là mẫu của chính báo cáo đang mở; hãy chọn mẫu khác",
                to.name, to.version
            ));
            return;
        }
        let moved = move_report(&doc.report, &doc.template, &to);
        self.convert.summarise(moved, to);
    }

    /// The moved report as a new, unsaved report; the old file is left as it is.
    fn open_converted(&mut self) {
        let Some(summary) = self.convert.take_summary() else {
            return;
        };
        let from = self.session.doc().path.clone();
        let name = summary.to.name.clone();
        match self
            .session
            .open_moved(summary.to, summary.moved.report, from)
        {
            Ok(()) => {
                self.report_replaced();
                self.notices.push(
                    Tone::Done,
                    format!(
                        "Đã mở báo cáo theo mẫu “{name}”, chưa lưu: hãy lưu với tên mới ({}); báo cáo cũ được giữ nguyên",
                        Action::SaveAs.label()
                    ),
                );
            }
            Err(failure) => self.tell(failure),
        }
    }
}
