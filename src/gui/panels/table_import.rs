//! Tệp → Mẫu biểu mới từ bảng…: where the province's blank Bảng 2 comes in, as a file
//! (Word, Excel, CSV, tab-separated text, HTML) or as a table copied from Word or Excel
//! and pasted here (the button, or Ctrl+V). What the table becomes is
//! `model::template::from_table`'s work; the window then opens it in the template editor.
//!
//! egui hands over pasted text only (not the clipboard's HTML flavour), so a pasted table
//! is read from its tab-separated text, which Word and Excel both put on the clipboard.

use egui::{Event, Modal, RichText};

use crate::gui::command::{Action, Command};
use crate::gui::theme;

/// The dialog and what went wrong with the last table given to it.
#[derive(Debug, Default)]
pub struct TableImport {
    /// Whether it is shown.
    pub open: bool,
    /// Why the last table could not be read, shown until another is given.
    pub problem: Option<String>,
}

impl TableImport {
    /// Show it, with nothing said yet.
    pub fn open(&mut self) {
        *self = TableImport {
            open: true,
            problem: None,
        };
    }

    /// The text pasted this frame while the dialog is shown, taken out of the frame's
    /// input so that no text field under the dialog receives it too.
    pub fn take_paste(&self, ctx: &egui::Context) -> Option<String> {
        if !self.open {
            return None;
        }
        ctx.input_mut(|i| {
            let mut pasted = None;
            i.events.retain(|e| match e {
                Event::Paste(text) => {
                    pasted = Some(text.clone());
                    false
                }
                _ => true,
            });
            pasted
        })
    }

    /// Draw it when shown; its buttons become commands.
    pub fn show(&mut self, ctx: &egui::Context, out: &mut Vec<Command>) {
        if !self.open {
            return;
        }
        let response = Modal::new(egui::Id::unique("table-import")).show(ctx, |ui| {
            ui.set_max_width(560.0);
            ui.heading("Mẫu biểu mới từ bảng");
            ui.add_space(6.0);
            ui.label(
                "Dựng mẫu biểu từ Bảng 2 trống mà tỉnh gửi: chọn tệp Word (.docx), Excel (.xlsx), \
                 .csv, .tsv, .txt hoặc .html; hoặc mở bảng trong Word/Excel, chọn cả bảng (kể cả \
                 dòng tiêu đề Stt, Chỉ tiêu…), bấm Ctrl+C rồi bấm “Dán bảng” (hoặc Ctrl+V) ở đây.",
            );
            ui.add_space(4.0);
            ui.label(
                RichText::new(
                    "Chương trình đoán mã, loại giá trị của từng hàng và mở mẫu trong trình sửa mẫu \
                     để kiểm tra trước khi lưu; số liệu đã điền trong bảng không được chép vào mẫu.",
                )
                .color(theme::MUTED),
            );
            if let Some(problem) = &self.problem {
                ui.add_space(6.0);
                ui.label(RichText::new(format!("⚠ {problem}")).color(theme::ERROR));
            }
            ui.add_space(10.0);
            ui.horizontal(|ui| {
                for action in [Action::PickTableFile, Action::PasteTable] {
                    if ui.button(action.label()).clicked() {
                        out.push(action.into());
                    }
                }
                if ui.button("Đóng").clicked() {
                    self.open = false;
                }
            });
        });
        if response.should_close() {
            self.open = false;
        }
    }
}
