//! The find box (Ctrl+F): an indicator by its id or by words of its label, typed
//! with or without diacritics.

use egui::Key;

use crate::model::{IndicatorId, Template};

/// Enough results to pick from without scrolling.
const MAX_RESULTS: usize = 12;

/// The find box and what is typed in it.
#[derive(Debug, Clone, Default)]
pub struct FindBox {
    /// Whether it is shown.
    pub open: bool,
    /// What is typed.
    pub query: String,
    /// Highlighted result.
    selected: usize,
    /// Focus the box on the next frame.
    focus: bool,
}

impl FindBox {
    /// Show it empty, with the cursor in it.
    pub fn open(&mut self) {
        *self = FindBox {
            open: true,
            focus: true,
            ..FindBox::default()
        };
    }

    /// Draw it; the indicator chosen, if any (the box then closes).
    pub fn show(&mut self, ctx: &egui::Context, template: &Template) -> Option<IndicatorId> {
        if !self.open {
            return None;
        }
        let hits: Vec<(IndicatorId, String)> = template
            .search(&self.query)
            .into_iter()
            .take(MAX_RESULTS)
            .map(|r| (r.id.clone(), r.printed_label()))
            .collect();
        let mut goto = None;
        egui::Window::new("Tìm chỉ tiêu")
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::CENTER_TOP, [0.0, 60.0])
            .default_width(560.0)
            .show(ctx, |ui| goto = self.contents(ui, &hits));
        if goto.is_some() {
            self.open = false;
        }
        goto
    }

    fn contents(
        &mut self,
        ui: &mut egui::Ui,
        hits: &[(IndicatorId, String)],
    ) -> Option<IndicatorId> {
        let mut goto = None;
        ui.label(
            "Gõ mã (III.6.2) hoặc vài chữ của tên chỉ tiêu, không cần dấu (ho so xa tiep nhan).",
        );
        let response = ui
            .add(
                egui::TextEdit::singleline(&mut self.query)
                    .desired_width(540.0)
                    .hint_text("Mã hoặc tên chỉ tiêu")
                    .id(egui::Id::unique("find-query")),
            )
            .accessible_name("Mã hoặc tên chỉ tiêu cần tìm");
        // Keep asking until the box really has the cursor (the first frame of a new
        // window may not accept it yet).
        if self.focus {
            response.request_focus();
            self.focus = !response.has_focus();
        }
        if response.changed() {
            self.selected = 0;
        }
        if ui.input(|i| i.key_pressed(Key::ArrowDown)) && self.selected + 1 < hits.len() {
            self.selected += 1;
        }
        if ui.input(|i| i.key_pressed(Key::ArrowUp)) {
            self.selected = self.selected.saturating_sub(1);
        }
        if ui.input(|i| i.key_pressed(Key::Escape)) {
            self.open = false;
        }
        if response.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
            goto = hits.get(self.selected).map(|(id, _)| id.clone());
        }
        if !self.query.trim().is_empty() && hits.is_empty() {
            ui.label("Không tìm thấy chỉ tiêu nào.");
        }
        for (i, (id, label)) in hits.iter().enumerate() {
            if ui
                .selectable_label(i == self.selected, format!("{id}  {label}"))
                .clicked()
            {
                goto = Some(id.clone());
            }
        }
        if ui.button("Đóng").clicked() {
            self.open = false;
        }
        goto
    }
}
