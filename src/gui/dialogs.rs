//! Native file dialogs (rfd), modal questions and the find box.

use std::path::{Path, PathBuf};

use egui::{Key, Modal};

use super::app::{Dialog, FindState, Pending};
use crate::model::{IndicatorId, Template};

/// A native file dialog with a title, opening in `folder` when it exists.
fn file_dialog(title: &str, folder: Option<&Path>) -> rfd::FileDialog {
    let dialog = rfd::FileDialog::new().set_title(title);
    match folder.filter(|f| f.is_dir()) {
        Some(folder) => dialog.set_directory(folder),
        None => dialog,
    }
}

/// Pick a report to open.
pub fn pick_report(folder: Option<&Path>) -> Option<PathBuf> {
    file_dialog("Mở báo cáo", folder)
        .add_filter("Báo cáo phụ lục (*.phuluc.json, *.json)", &["json"])
        .add_filter("Mọi tệp", &["*"])
        .pick_file()
}

/// Pick a template file.
pub fn pick_template(folder: Option<&Path>) -> Option<PathBuf> {
    file_dialog("Chọn tệp mẫu biểu", folder)
        .add_filter("Mẫu biểu (*.json)", &["json"])
        .pick_file()
}

/// Pick where to save.
pub fn pick_save(folder: Option<&Path>, name: &str) -> Option<PathBuf> {
    file_dialog("Lưu báo cáo", folder)
        .set_file_name(name)
        .add_filter("Báo cáo phụ lục (*.phuluc.json)", &["json"])
        .save_file()
}

/// Pick where to write an export.
pub fn pick_export(folder: Option<&Path>, name: &str, extension: &str) -> Option<PathBuf> {
    let filter = if extension == "pdf" {
        "PDF (*.pdf)"
    } else {
        "Excel (*.xlsx)"
    };
    file_dialog("Xuất phụ lục", folder)
        .set_file_name(name)
        .add_filter(filter, &[extension])
        .save_file()
}

/// What the user answered in a modal dialog.
#[derive(Debug)]
pub enum Answer {
    /// Still open.
    Open,
    /// Closed (OK, Cancel, Escape).
    Close,
    /// Save, then go on.
    Save(Pending),
    /// Do not save, go on.
    Discard(Pending),
    /// Carry out this command.
    Then(super::command::Command),
}

/// Show a modal dialog.
pub fn modal(ctx: &egui::Context, dialog: &Dialog) -> Answer {
    let mut answer = Answer::Open;
    let response = Modal::new(egui::Id::unique("dialog")).show(ctx, |ui| {
        ui.set_max_width(520.0);
        match dialog {
            Dialog::Message { title, text } => {
                ui.heading(title);
                ui.add_space(6.0);
                ui.label(text);
                ui.add_space(10.0);
                if ui.button("Đóng").clicked() || ui.input(|i| i.key_pressed(Key::Enter)) {
                    answer = Answer::Close;
                }
            }
            Dialog::Recover { name, saved_at, summary } => {
                ui.heading("Khôi phục dữ liệu chưa lưu?");
                ui.add_space(6.0);
                ui.label(format!(
                    "Lần trước chương trình đã đóng khi còn dữ liệu chưa lưu. Có bản tự động lưu của “{name}” lúc {saved_at}: {summary}."
                ));
                ui.add_space(10.0);
                ui.horizontal(|ui| {
                    if ui.button("Khôi phục").clicked() {
                        answer = Answer::Then(super::command::Command::RestoreRecovery);
                    }
                    if ui.button("Không, để riêng bản này").clicked() {
                        answer = Answer::Then(super::command::Command::SetAsideRecovery);
                    }
                });
            }
            Dialog::Locked { path, text } => {
                ui.heading("Báo cáo đang được mở ở nơi khác");
                ui.add_space(6.0);
                ui.label(format!(
                    "{text}. Hai người cùng sửa một tệp sẽ ghi đè lên nhau. Có thể mở chỉ đọc để xem, hoặc — nếu chắc chắn nơi kia đã đóng — mở để sửa."
                ));
                ui.add_space(10.0);
                ui.horizontal(|ui| {
                    if ui.button("Mở chỉ đọc").clicked() {
                        answer = Answer::Then(super::command::Command::OpenReadOnly(path.clone()));
                    }
                    if ui.button("Vẫn mở để sửa").clicked() {
                        answer = Answer::Then(super::command::Command::OpenTakeOver(path.clone()));
                    }
                    if ui.button("Huỷ").clicked() {
                        answer = Answer::Close;
                    }
                });
            }
            Dialog::ConfirmDraft(errors) => {
                ui.heading("Báo cáo còn lỗi");
                ui.add_space(6.0);
                ui.label(format!(
                    "Báo cáo còn {errors} lỗi. Có thể in bản nháp để rà soát: mỗi trang sẽ có dấu “BẢN NHÁP”. Bản chính thức chỉ in được khi đã hết lỗi."
                ));
                ui.add_space(10.0);
                ui.horizontal(|ui| {
                    if ui.button("In bản nháp").clicked() {
                        answer = Answer::Then(super::command::Command::PrintDraft);
                    }
                    if ui.button("Xem danh sách lỗi").clicked() {
                        answer = Answer::Then(super::command::Command::ToggleProblems);
                    }
                    if ui.button("Huỷ").clicked() {
                        answer = Answer::Close;
                    }
                });
            }
            Dialog::Unsaved(pending) => {
                ui.heading("Lưu thay đổi?");
                ui.add_space(6.0);
                ui.label("Báo cáo có thay đổi chưa lưu. Lưu trước khi tiếp tục?");
                ui.add_space(10.0);
                ui.horizontal(|ui| {
                    if ui.button("Lưu").clicked() {
                        answer = Answer::Save(pending.clone());
                    }
                    if ui.button("Không lưu").clicked() {
                        answer = Answer::Discard(pending.clone());
                    }
                    if ui.button("Huỷ").clicked() {
                        answer = Answer::Close;
                    }
                });
            }
        }
    });
    if response.should_close() && matches!(answer, Answer::Open) {
        answer = Answer::Close;
    }
    answer
}

/// The find box: returns (close, go to this indicator).
pub fn find_box(
    ctx: &egui::Context,
    find: &mut FindState,
    template: &Template,
) -> (bool, Option<IndicatorId>) {
    /// Enough results to pick from without scrolling.
    const MAX_RESULTS: usize = 12;
    let mut close = false;
    let mut goto = None;
    let hits: Vec<(IndicatorId, String)> = template
        .search(&find.query)
        .into_iter()
        .take(MAX_RESULTS)
        .map(|r| (r.id.clone(), r.printed_label()))
        .collect();
    egui::Window::new("Tìm chỉ tiêu")
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_TOP, [0.0, 60.0])
        .default_width(560.0)
        .show(ctx, |ui| {
            ui.label("Gõ mã (III.6.2) hoặc vài chữ của tên chỉ tiêu, không cần dấu (ho so xa tiep nhan).");
            let response = ui.add(
                egui::TextEdit::singleline(&mut find.query)
                    .desired_width(540.0)
                    .hint_text("Mã hoặc tên chỉ tiêu")
                    .id(egui::Id::unique("find-query")),
            )
            .accessible_name("Mã hoặc tên chỉ tiêu cần tìm");
            // Keep asking until the box really has the cursor (the first frame of a
            // new window may not accept it yet).
            if find.focus {
                response.request_focus();
                find.focus = !response.has_focus();
            }
            if response.changed() {
                find.selected = 0;
            }
            if ui.input(|i| i.key_pressed(Key::ArrowDown)) && find.selected + 1 < hits.len() {
                find.selected += 1;
            }
            if ui.input(|i| i.key_pressed(Key::ArrowUp)) {
                find.selected = find.selected.saturating_sub(1);
            }
            if ui.input(|i| i.key_pressed(Key::Escape)) {
                close = true;
            }
            if response.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
                goto = hits.get(find.selected).map(|(id, _)| id.clone());
            }
            if !find.query.trim().is_empty() && hits.is_empty() {
                ui.label("Không tìm thấy chỉ tiêu nào.");
            }
            for (i, (id, label)) in hits.iter().enumerate() {
                if ui
                    .selectable_label(i == find.selected, format!("{id}  {label}"))
                    .clicked()
                {
                    goto = Some(id.clone());
                }
            }
            if ui.button("Đóng").clicked() {
                close = true;
            }
        });
    (close, goto)
}
