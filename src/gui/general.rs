//! The "Thông tin chung" tab: who reports, for which year, signed by whom.

use super::command::{Command, GeneralKey};
use super::theme;
use crate::model::report::GeneralField;
use crate::model::value::nfc;
use crate::model::{GeneralInfo, Level};

/// Every field with its label and a hint of what to type.
const FIELDS: [(GeneralKey, &str, &str); 12] = [
    (
        GeneralKey::UnitName,
        "Tên đơn vị báo cáo",
        "Ủy ban nhân dân xã …",
    ),
    (GeneralKey::Province, "Tỉnh, thành phố", "Tỉnh …"),
    (GeneralKey::Year, "Năm báo cáo", "2025"),
    (GeneralKey::ReportNumber, "Số báo cáo", "411"),
    (GeneralKey::ReportDate, "Ngày báo cáo", "16/12/2025"),
    (
        GeneralKey::Communes,
        "Số đơn vị cấp xã trực thuộc",
        "chỉ điền nếu là cấp huyện",
    ),
    (GeneralKey::PreparedBy, "Người lập biểu", "Họ và tên"),
    (
        GeneralKey::PreparedTitle,
        "Chức vụ người lập",
        "Công chức Văn phòng – Thống kê",
    ),
    (GeneralKey::Contact, "Điện thoại, email", "0912 345 678"),
    (GeneralKey::Signer, "Người ký", "Họ và tên"),
    (
        GeneralKey::SignerAuthority,
        "Thẩm quyền ký",
        "TM. ỦY BAN NHÂN DÂN",
    ),
    (GeneralKey::SignerTitle, "Chức vụ người ký", "CHỦ TỊCH"),
];

fn field_mut(g: &mut GeneralInfo, key: GeneralKey) -> &mut String {
    match key {
        GeneralKey::UnitName => &mut g.unit_name,
        GeneralKey::Province => &mut g.province,
        GeneralKey::Year => &mut g.year,
        GeneralKey::ReportNumber => &mut g.report_number,
        GeneralKey::ReportDate => &mut g.report_date,
        GeneralKey::Communes => &mut g.communes,
        GeneralKey::PreparedBy => &mut g.prepared_by,
        GeneralKey::PreparedTitle => &mut g.prepared_title,
        GeneralKey::Contact => &mut g.contact,
        GeneralKey::Signer => &mut g.signer,
        GeneralKey::SignerAuthority => &mut g.signer_authority,
        GeneralKey::SignerTitle => &mut g.signer_title,
    }
}

fn checked(key: GeneralKey) -> Option<GeneralField> {
    match key {
        GeneralKey::Year => Some(GeneralField::Year),
        GeneralKey::ReportDate => Some(GeneralField::ReportDate),
        GeneralKey::Communes => Some(GeneralField::Communes),
        _ => None,
    }
}

/// Store what was typed into a field (NFC, as typed otherwise).
pub fn set(g: &mut GeneralInfo, key: GeneralKey, text: &str) {
    *field_mut(g, key) = nfc(text);
}

/// Draw the tab.
pub fn show(ui: &mut egui::Ui, general: &GeneralInfo, out: &mut Vec<Command>) {
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
                let current = general.level.map_or("— chọn cấp —", Level::label);
                egui::ComboBox::from_id_salt("level")
                    .selected_text(current)
                    .width(220.0)
                    .show_ui(ui, |ui| {
                        for level in Level::ALL {
                            if ui
                                .selectable_label(general.level == Some(level), level.label())
                                .clicked()
                            {
                                out.push(Command::SetLevel(Some(level)));
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
                for (key, name, hint) in FIELDS {
                    let label = ui.label(name);
                    let mut g = general.clone();
                    let text = field_mut(&mut g, key);
                    let problem = checked(key).and_then(|f| general.check(f).err());
                    let mut edit = egui::TextEdit::singleline(text)
                        .hint_text(hint)
                        .desired_width(420.0)
                        .id(egui::Id::unique(("general", key)));
                    if problem.is_some() {
                        edit = edit.background_color(theme::ERROR_BG);
                    }
                    let height = ui.spacing().interact_size.y;
                    let response = ui.add_sized([420.0, height], edit).labelled_by(label.id);
                    if response.changed() {
                        out.push(Command::SetGeneral(key, text.clone()));
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
