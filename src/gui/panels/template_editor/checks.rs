//! The checks of a row in the template editor: each one's importance, test and condition,
//! read as they are typed (a problem shows red under the check, as report cells show
//! theirs), the rest of it in a pop-up, and a button for another.

use egui::{ComboBox, RichText, TextEdit};

use super::row::RowView;
use super::{Field, Op};
use crate::gui::theme;
use crate::model::Depth;
use crate::model::check::{Missing, RawCheck, Severity};
use crate::model::template::edit::CheckLint;

/// What a check does with empty values, as the pop-up offers it.
const MISSING: [(Missing, &str); 3] = [
    (Missing::SkipIfAny, "Bỏ qua khi thiếu một số liệu"),
    (Missing::SkipIfAll, "Bỏ qua khi thiếu tất cả (ô trống là 0)"),
    (Missing::Never, "Luôn kiểm tra (ô trống là 0)"),
];

/// Width of a check's condition.
const WHEN_W: f32 = 92.0;

impl RowView<'_> {
    /// Every check of the row, each read as it is typed, and a button for another.
    pub(super) fn checks_cell(&mut self, ui: &mut egui::Ui) {
        let id = self.id();
        let lint = self.lint.checks.get(self.at).cloned().unwrap_or_default();
        for n in 0..self.row.raw.checks.len() {
            let problems = lint.get(n).cloned().unwrap_or_default();
            self.check(ui, &id, n, &problems);
        }
        // A section has no value to check; a check written on it in the file is shown.
        if self.row.depth != Depth::Section
            && ui
                .small_button("+ Thêm kiểm tra")
                .on_hover_text("Một điều số liệu của hàng phải thoả, ví dụ I.1.2 <= I.1.1")
                .accessible_name(format!("Thêm kiểm tra cho {id}"))
                .clicked()
        {
            self.ops.push(Op::AddCheck(self.at));
        }
    }

    /// One check: its importance, test, condition, more, delete; its problems below.
    fn check(&mut self, ui: &mut egui::Ui, id: &str, n: usize, problems: &CheckLint) {
        let place = n + 1;
        let key = self.row.key;
        let mut edited = false;
        let mut delete = false;
        let mut focus_test = None;
        ui.horizontal(|ui| {
            let check: &mut RawCheck = &mut self.row.raw.checks[n];
            let shown = check.severity.label();
            ComboBox::from_id_salt(("template-check-severity", key, n))
                .selected_text(shown)
                .width(70.0)
                .show_ui(ui, |ui| {
                    for severity in [Severity::Error, Severity::Warning] {
                        edited |= ui
                            .selectable_value(&mut check.severity, severity, severity.label())
                            .changed();
                    }
                })
                .response
                .on_hover_text(
                    "Lỗi: báo cáo sai; cảnh báo: có thể sai, cán bộ giải trình để xác nhận",
                )
                .accessible_name(format!("Mức của kiểm tra {place} ở {id}"));
            // The test takes what the condition and the two buttons leave.
            let test_width = (ui.available_width() - WHEN_W - 88.0).max(110.0);
            let mut test = TextEdit::singleline(&mut check.test)
                .id(egui::Id::unique(("template-check-test", key, n)))
                .desired_width(test_width)
                .hint_text("I.1.2 <= I.1.1");
            if problems.test.is_some() {
                test = test.background_color(theme::ERROR_BG);
            }
            let response = ui
                .add(test)
                .accessible_name(format!("Kiểm tra {place} ở {id}"));
            edited |= response.changed();
            focus_test = Some(response);
            let mut text = check.when.clone().unwrap_or_default();
            let mut when = TextEdit::singleline(&mut text)
                .id(egui::Id::unique(("template-check-when", key, n)))
                .desired_width(WHEN_W)
                .hint_text("khi …");
            if problems.when.is_some() {
                when = when.background_color(theme::ERROR_BG);
            }
            let response = ui
                .add(when)
                .on_hover_text("Chỉ kiểm tra khi điều này đúng, ví dụ III.4 = 0")
                .accessible_name(format!("Điều kiện của kiểm tra {place} ở {id}"));
            if response.changed() {
                check.when = (!text.trim().is_empty()).then_some(text);
                edited = true;
            }
            edited |= more(ui, check, id, place);
            delete = ui
                .small_button("×")
                .on_hover_text("Xoá kiểm tra này")
                .accessible_name(format!("Xoá kiểm tra {place} ở {id}"))
                .clicked();
        });
        if let Some(response) = &focus_test {
            self.take_focus(Field::Check(n), response);
        }
        for (what, problem) in [("", &problems.test), ("điều kiện: ", &problems.when)] {
            if let Some(problem) = problem {
                ui.add(
                    egui::Label::new(
                        RichText::new(format!("⚠ {what}{problem}")).color(theme::ERROR),
                    )
                    .wrap(),
                )
                .accessible_name(format!("Lỗi ở kiểm tra {place} của {id}: {what}{problem}"));
            }
        }
        *self.edited |= edited;
        if delete {
            self.ops.push(Op::DeleteCheck(self.at, n));
        }
    }
}

/// The rest of a check, in a pop-up: its id, what to do with empty values, its message.
/// Whether anything changed.
fn more(ui: &mut egui::Ui, check: &mut RawCheck, id: &str, place: usize) -> bool {
    let mut edited = false;
    ui.menu_button("…", |ui| {
        ui.set_min_width(360.0);
        ui.label("Mã kiểm tra (in khi báo cáo sai):");
        edited |= ui
            .add(
                TextEdit::singleline(&mut check.id)
                    .hint_text("tự đặt theo phép kiểm tra")
                    .desired_width(340.0),
            )
            .accessible_name(format!("Mã của kiểm tra {place} ở {id}"))
            .changed();
        ui.label("Khi có ô trống:");
        for (value, label) in MISSING {
            edited |= ui.radio_value(&mut check.missing, value, label).changed();
        }
        ui.label("Lời nhắn riêng ({left}, {right} là hai vế với số liệu):");
        let mut message = check.message.clone().unwrap_or_default();
        if ui
            .add(
                TextEdit::multiline(&mut message)
                    .desired_rows(2)
                    .desired_width(340.0),
            )
            .accessible_name(format!("Lời nhắn của kiểm tra {place} ở {id}"))
            .changed()
        {
            check.message = (!message.trim().is_empty()).then_some(message);
            edited = true;
        }
    })
    .response
    .on_hover_text("Mã kiểm tra, cách xử lý ô trống, lời nhắn riêng")
    .accessible_name(format!("Thêm về kiểm tra {place} ở {id}"));
    edited
}
