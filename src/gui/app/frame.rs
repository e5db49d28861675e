//! The frame around the table: menu bar, tab bar, status bar, keyboard shortcuts.
//! Menus and shortcuts are made from [`Action`]s, so a label or a key is said once.

use super::{PhulucApp, Tab};
use crate::gui::command::{Action, Command};
use crate::gui::theme;

/// An entry of a menu.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Item {
    /// An action, with its label and shortcut.
    Do(Action),
    /// The recently used files.
    Recent,
    /// A line between groups.
    Separator,
    /// A submenu with its title and entries.
    Sub(&'static str, &'static [Item]),
}

/// The menus, in order, with their entries.
const MENUS: [(&str, &[Item]); 3] = [
    (
        "Tệp",
        &[
            Item::Do(Action::New),
            Item::Do(Action::NewFromLastYear),
            Item::Do(Action::Open),
            Item::Do(Action::AttachLastYear),
            Item::Do(Action::OpenExample),
            Item::Do(Action::OpenTemplate),
            Item::Do(Action::ConvertReport),
            Item::Do(Action::ImportFilled),
            Item::Do(Action::TemplateFromTable),
            Item::Sub(
                "Mẫu biểu",
                &[
                    Item::Do(Action::EditTemplate),
                    Item::Do(Action::SaveTemplate),
                    Item::Do(Action::CloseTemplateEditor),
                ],
            ),
            Item::Recent,
            Item::Separator,
            Item::Do(Action::RollupFiles),
            Item::Do(Action::RollupFolder),
            Item::Separator,
            Item::Do(Action::Save),
            Item::Do(Action::SaveAs),
            Item::Separator,
            Item::Do(Action::Preview),
            Item::Do(Action::Print),
            Item::Do(Action::ExportExcel),
            Item::Do(Action::ExportWord),
            Item::Do(Action::PrintBlank),
            Item::Do(Action::ToggleLandscape),
            Item::Separator,
            Item::Do(Action::Quit),
        ],
    ),
    (
        "Sửa",
        &[
            Item::Do(Action::Undo),
            Item::Do(Action::Redo),
            Item::Separator,
            Item::Do(Action::CopyCell),
            Item::Do(Action::PasteCells),
            Item::Do(Action::CopyTable),
            Item::Separator,
            Item::Do(Action::Find),
        ],
    ),
    ("Xem", &[Item::Do(Action::ToggleProblems)]),
];

impl PhulucApp {
    /// Turn the shortcuts pressed this frame into commands.
    pub(super) fn read_shortcuts(&mut self, ctx: &egui::Context) {
        for (action, shortcut) in Action::shortcuts() {
            // Copy and paste come as events of their own, read in `clipboard.rs`.
            if matches!(action, Action::CopyCell | Action::PasteCells) {
                continue;
            }
            // The summary of a move shows the report as it is: keys that would change
            // it, or show what it hides, wait until the dialog is closed.
            if (self.convert.is_open() || self.import.is_open())
                && matches!(
                    action,
                    Action::Undo | Action::Redo | Action::Find | Action::ToggleProblems
                )
            {
                continue;
            }
            // On the general-information tab Ctrl+Z/Ctrl+Y stay with the text field being
            // typed in (its own undo); the cell history is for the indicator tables.
            if self.tab == Tab::General && matches!(action, Action::Undo | Action::Redo) {
                continue;
            }
            // The template editor hides the report: keys about the report's cells, its
            // problems and its print are left to the editor's text fields.
            if self.template_editor.is_some()
                && matches!(
                    action,
                    Action::Undo
                        | Action::Redo
                        | Action::Find
                        | Action::ToggleProblems
                        | Action::Print
                )
            {
                continue;
            }
            if ctx.input_mut(|i| i.consume_shortcut(&shortcut)) {
                self.pending.push(action.into());
            }
        }
    }

    pub(super) fn menu_bar(&mut self, ui: &mut egui::Ui) {
        egui::MenuBar::new().ui(ui, |ui| {
            for (title, items) in MENUS {
                ui.menu_button(title, |ui| self.menu_items(ui, items));
            }
        });
    }

    fn menu_items(&mut self, ui: &mut egui::Ui, items: &[Item]) {
        for item in items {
            match *item {
                Item::Do(action) => self.menu_item(ui, action),
                Item::Recent => self.recent_menu(ui),
                Item::Separator => {
                    ui.separator();
                }
                Item::Sub(title, items) => {
                    ui.menu_button(title, |ui| self.menu_items(ui, items));
                }
            }
        }
    }

    fn recent_menu(&mut self, ui: &mut egui::Ui) {
        ui.menu_button("Mở gần đây", |ui| {
            if self.settings.recent.is_empty() {
                ui.label("(chưa có)");
            }
            for path in &self.settings.recent {
                if ui.button(path.display().to_string()).clicked() {
                    self.pending.push(Command::OpenPath(path.clone()));
                }
            }
        });
    }

    fn menu_item(&mut self, ui: &mut egui::Ui, action: Action) {
        let history = &self.doc().history;
        let enabled = match action {
            Action::Undo => history.can_undo(),
            Action::Redo => history.can_redo(),
            Action::SaveTemplate | Action::CloseTemplateEditor => self.template_editor.is_some(),
            Action::ConvertReport | Action::ImportFilled => {
                self.template_editor.is_none() && self.rollup.is_none()
            }
            Action::CopyCell | Action::PasteCells => self.clipboard_cell().is_some(),
            Action::CopyTable => {
                matches!(self.tab, Tab::Section(_))
                    && self.template_editor.is_none()
                    && self.rollup.is_none()
            }
            _ => true,
        };
        // A setting, shown as one: ticked when on.
        if action == Action::ToggleLandscape {
            let mut on = self.settings.landscape;
            if ui.checkbox(&mut on, action.label()).clicked() {
                self.pending.push(action.into());
                // As a ticked menu entry of a desktop program does: the menu closes.
                ui.close();
            }
            return;
        }
        let shortcut = action
            .shortcut()
            .map(|s| ui.ctx().format_shortcut(&s))
            .unwrap_or_default();
        let button = egui::Button::new(action.label()).shortcut_text(shortcut);
        if ui.add_enabled(enabled, button).clicked() {
            self.pending.push(action.into());
        }
    }

    pub(super) fn tab_bar(&mut self, ui: &mut egui::Ui) {
        ui.horizontal_wrapped(|ui| {
            let label = tab_label("Thông tin chung", self.doc().counts_in(None));
            if ui
                .selectable_label(self.tab == Tab::General, label)
                .clicked()
            {
                self.tab = Tab::General;
            }
            let doc = self.session.doc();
            for row in doc.template.sections() {
                let id = row.id.as_str();
                let label = tab_label(&format!("{id}. {}", row.short), doc.counts_in(Some(id)));
                let selected = self.tab == Tab::Section(id.to_owned());
                if ui
                    .selectable_label(selected, label)
                    .on_hover_text(format!("{id}. {}", row.label))
                    .clicked()
                {
                    self.tab = Tab::Section(id.to_owned());
                }
            }
        });
    }

    pub(super) fn status_bar(&mut self, ui: &mut egui::Ui) {
        let doc = self.session.doc();
        ui.horizontal(|ui| {
            let saved = if doc.is_dirty() {
                egui::RichText::new("• Chưa lưu").color(theme::WARNING)
            } else {
                egui::RichText::new("Đã lưu")
            };
            ui.label(saved);
            ui.separator();
            let counts = crate::rules::counts(&doc.findings);
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
                    self.problems.open,
                    egui::RichText::new(problems).color(color),
                )
                .on_hover_text("Bấm để mở hoặc đóng danh sách vấn đề (F8)")
                .clicked()
            {
                self.pending.push(Action::ToggleProblems.into());
            }
            ui.separator();
            let (filled, total) = doc.report.filled(&doc.template);
            ui.label(format!("Đã nhập {filled}/{total} chỉ tiêu"));
            ui.separator();
            let level = doc
                .report
                .general
                .level
                .map_or("chưa chọn cấp", |l| doc.template.level_label(l));
            ui.label(format!("{} · {}", doc.template.name, level));
        });
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Every action of these entries and their submenus, in order.
    fn actions(items: &[Item], out: &mut Vec<Action>) {
        for item in items {
            match item {
                Item::Do(action) => out.push(*action),
                Item::Sub(_, items) => actions(items, out),
                Item::Recent | Item::Separator => {}
            }
        }
    }

    #[test]
    fn every_action_in_a_menu_is_there_once() {
        let mut seen: Vec<Action> = Vec::new();
        for (_, items) in MENUS {
            let mut found = Vec::new();
            actions(items, &mut found);
            for action in found {
                assert!(!seen.contains(&action), "{action:?} twice in the menus");
                seen.push(action);
            }
        }
        // The template actions the officer starts from are in the File menu.
        for action in [
            Action::TemplateFromTable,
            Action::EditTemplate,
            Action::SaveTemplate,
            Action::ConvertReport,
            Action::ImportFilled,
            Action::CopyTable,
        ] {
            assert!(seen.contains(&action), "{action:?} is in no menu");
        }
        // Every action with a shortcut can also be found in a menu.
        for (action, _) in Action::shortcuts() {
            assert!(
                seen.contains(&action),
                "{action:?} has a key but no menu entry"
            );
        }
    }
}
