//! The problems panel: every finding, grouped by section; a click puts the
//! cursor in the cell; a warning can be explained with a note.

use egui::RichText;

use crate::gui::command::{Action, Command};
use crate::gui::theme;
use crate::model::IndicatorId;
use crate::rules::{Finding, Severity};
use crate::session::Document;

/// A warning being explained: its key and the note typed so far.
#[derive(Debug, Clone, Default, PartialEq)]
struct Draft {
    /// Finding key.
    key: String,
    /// Explanation.
    note: String,
}

/// The problems panel (F8).
#[derive(Debug, Default)]
pub struct ProblemsPanel {
    /// Whether it is shown.
    pub open: bool,
    /// A warning being explained.
    draft: Option<Draft>,
}

impl ProblemsPanel {
    /// Draw it at the right of the window when open.
    pub fn show(&mut self, ui: &mut egui::Ui, doc: &Document, out: &mut Vec<Command>) {
        if !self.open {
            return;
        }
        egui::Panel::right("problems")
            .default_size(380.0)
            .resizable(true)
            .show(ui, |ui| contents(ui, doc, &mut self.draft, out));
    }
}

/// The panel's contents.
fn contents(ui: &mut egui::Ui, doc: &Document, draft: &mut Option<Draft>, out: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        ui.label(theme::bold("Danh sách vấn đề").size(16.0));
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui
                .button("Đóng")
                .on_hover_text("Đóng danh sách (F8)")
                .clicked()
            {
                out.push(Action::ToggleProblems.into());
            }
        });
    });
    if doc.findings.is_empty() {
        ui.label("Không có vấn đề nào. ✓");
        return;
    }
    ui.label(
        RichText::new(
            "Bấm vào một vấn đề để đến ô đó. Cảnh báo đúng thực tế thì ghi giải trình để xác nhận.",
        )
        .color(theme::MUTED),
    );
    ui.separator();
    egui::ScrollArea::vertical().show(ui, |ui| {
        let mut groups: Vec<(String, Vec<&Finding>)> = Vec::new();
        for f in &doc.findings {
            let section = f
                .section()
                .and_then(IndicatorId::parse)
                .and_then(|section| doc.template.row(&section));
            let group = match section {
                Some(r) => format!("{}. {}", r.id, r.label),
                None if f.is_general() => "Thông tin chung".to_owned(),
                None => "Nội dung không thuộc mẫu biểu".to_owned(),
            };
            match groups.iter_mut().find(|(g, _)| *g == group) {
                Some((_, list)) => list.push(f),
                None => groups.push((group, vec![f])),
            }
        }
        for (group, list) in groups {
            ui.add_space(4.0);
            ui.label(theme::bold(group));
            for f in list {
                finding_row(ui, f, draft, out);
            }
        }
    });
}

fn finding_row(ui: &mut egui::Ui, f: &Finding, draft: &mut Option<Draft>, out: &mut Vec<Command>) {
    let (icon, color) = match (f.severity, &f.explained) {
        (Severity::Error, _) => ("⚠ Lỗi", theme::ERROR),
        (Severity::Warning, None) => ("△ Cảnh báo", theme::WARNING),
        (Severity::Warning, Some(_)) => ("✓ Đã giải trình", theme::MUTED),
    };
    let key = f.key();
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(icon).color(color));
        let text = egui::Label::new(&f.message)
            .wrap()
            .sense(egui::Sense::click());
        let response = ui.add(text).on_hover_text("Bấm để đến ô này");
        if response.clicked()
            && let Some(id) = f.indicators.first()
        {
            out.push(Command::GoTo(id.clone()));
        }
    });
    if f.severity != Severity::Warning {
        return;
    }
    if let Some(note) = &f.explained {
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(format!("Giải trình: {note}")).italics());
            if ui.small_button("Bỏ giải trình").clicked() {
                out.push(Command::Acknowledge(key.clone(), String::new()));
            }
        });
        return;
    }
    match draft.as_mut() {
        Some(d) if d.key == key => {
            let (mut submit, mut cancel) = (false, false);
            ui.horizontal(|ui| {
                let response = ui
                    .add(
                        egui::TextEdit::singleline(&mut d.note)
                            .hint_text("Vì sao số liệu này đúng")
                            .desired_width(240.0),
                    )
                    .accessible_name(format!("Giải trình cho {}", f.ids_text(", ")));
                let enter = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                submit = (ui.button("Xác nhận").clicked() || enter) && !d.note.trim().is_empty();
                cancel = ui.button("Huỷ").clicked();
            });
            if submit {
                out.push(Command::Acknowledge(key.clone(), d.note.clone()));
            }
            if submit || cancel {
                *draft = None;
            }
        }
        _ => {
            if ui
                .small_button("Giải trình…")
                .on_hover_text("Xác nhận cảnh báo này bằng một lời giải trình")
                .clicked()
            {
                *draft = Some(Draft {
                    key,
                    note: String::new(),
                });
            }
        }
    }
}
