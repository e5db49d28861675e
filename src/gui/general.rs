//! The "Thông tin chung" tab: who reports, for which year, signed by whom.

use super::command::Command;
use super::theme;
use crate::model::report::GeneralField;
use crate::model::{GeneralInfo, Template};

/// What the tab shows for a field: its label and a hint of what to type.
fn wording(field: GeneralField) -> (&'static str, &'static str) {
    match field {
        GeneralField::UnitName => ("Tên đơn vị báo cáo", "Ủy ban nhân dân xã …"),
        GeneralField::Province => ("Tỉnh, thành phố", "Tỉnh …"),
        GeneralField::Year => ("Năm báo cáo", "2025"),
        GeneralField::ReportNumber => ("Số báo cáo", "411"),
        GeneralField::ReportDate => ("Ngày báo cáo", "16/12/2025"),
        GeneralField::Communes => ("Số đơn vị cấp xã trực thuộc", "chỉ điền nếu trên cấp xã"),
        GeneralField::PreparedBy => ("Người lập biểu", "Họ và tên"),
        GeneralField::PreparedTitle => ("Chức vụ người lập", "Công chức Văn phòng – Thống kê"),
        GeneralField::Contact => ("Điện thoại, email", "0912 345 678"),
        GeneralField::Signer => ("Người ký", "Họ và tên"),
        GeneralField::SignerAuthority => ("Thẩm quyền ký", "TM. ỦY BAN NHÂN DÂN"),
        GeneralField::SignerTitle => ("Chức vụ người ký", "CHỦ TỊCH"),
    }
}

/// Draw the tab.
pub fn show(ui: &mut egui::Ui, template: &Template, general: &GeneralInfo, out: &mut Vec<Command>) {
    egui::ScrollArea::vertical().show(ui, |ui| {
        ui.add_space(6.0);
        ui.label(theme::bold("Thông tin chung của báo cáo").size(18.0));
        ui.label(
            "Các thông tin này in ở đầu phụ lục và quyết định chỉ tiêu nào áp dụng cho đơn vị.",
        );
        ui.add_space(8.0);
        egui::Grid::new("general")
            .num_columns(3)
            .spacing([12.0, 8.0])
            .show(ui, |ui| {
                let label = ui.label("Cấp của đơn vị");
                let current = general
                    .level
                    .map_or("— chọn cấp —", |l| template.level_label(l));
                egui::ComboBox::from_id_salt("level")
                    .selected_text(current)
                    .width(220.0)
                    .show_ui(ui, |ui| {
                        for level in template.levels() {
                            if ui
                                .selectable_label(general.level == Some(level.code), &level.label)
                                .clicked()
                            {
                                out.push(Command::SetLevel(Some(level.code)));
                            }
                        }
                    })
                    .response
                    .labelled_by(label.id);
                ui.label(
                    egui::RichText::new("Chỉ tiêu không áp dụng cho cấp này sẽ bị khoá.")
                        .color(theme::MUTED),
                );
                ui.end_row();
                for key in GeneralField::ALL {
                    let (name, hint) = wording(key);
                    let label = ui.label(name);
                    let mut text = general.field(key).to_owned();
                    let problem = general.check(key).err();
                    let mut edit = egui::TextEdit::singleline(&mut text)
                        .hint_text(hint)
                        .desired_width(420.0)
                        .id(egui::Id::unique(("general", key)));
                    if problem.is_some() {
                        edit = edit.background_color(theme::ERROR_BG);
                    }
                    let height = ui.spacing().interact_size.y;
                    let response = ui.add_sized([420.0, height], edit).labelled_by(label.id);
                    if response.changed() {
                        out.push(Command::SetGeneral(key, text));
                    }
                    match problem {
                        Some(p) => {
                            ui.label(egui::RichText::new(format!("⚠ {p}")).color(theme::ERROR));
                        }
                        None => {
                            ui.label("");
                        }
                    }
                    ui.end_row();
                }
            });
        ui.add_space(12.0);
        ui.label(theme::bold("Dòng in dưới tiêu đề phụ lục:"));
        ui.label(egui::RichText::new(general.attachment_line()).italics());
    });
}
