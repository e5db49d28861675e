//! Notices (toasts): outcomes said in passing at the bottom right, such as "Đã lưu" or
//! an autosave that failed. They never block and never replace a question; a problem
//! stays until it is closed, good news fades after a few seconds (rerun's
//! notifications, Excel's status messages).

use egui::{Align2, RichText};

use super::theme;

/// How long good news stays on screen, in seconds.
const FADE_AFTER_S: f64 = 4.0;
/// Notices kept at most (the oldest goes first); more would cover the table.
const MAX_SHOWN: usize = 4;

/// What a notice says about how things went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// Done as asked.
    Done,
    /// Something went wrong that needs no answer now (it stays until closed).
    Problem,
}

/// One notice.
#[derive(Debug, Clone, PartialEq)]
struct Notice {
    tone: Tone,
    text: String,
    /// When it goes by itself (window clock, seconds); `None`: when closed.
    until: Option<f64>,
}

/// The notices on screen.
#[derive(Debug, Default)]
pub struct Notices {
    list: Vec<Notice>,
    /// Notices added since the last frame, timed when next drawn (the clock lives there).
    new: Vec<(Tone, String)>,
}

impl Notices {
    /// Say something in passing.
    pub fn push(&mut self, tone: Tone, text: impl Into<String>) {
        self.new.push((tone, text.into()));
    }

    /// Draw the notices; drop those that have faded or were closed.
    pub fn show(&mut self, ctx: &egui::Context) {
        let now = ctx.input(|i| i.time);
        for (tone, text) in self.new.drain(..) {
            // The same problem again (an autosave failing every time) is shown once.
            if self.list.iter().any(|n| n.tone == tone && n.text == text) {
                continue;
            }
            let until = (tone == Tone::Done).then_some(now + FADE_AFTER_S);
            self.list.push(Notice { tone, text, until });
        }
        self.list.retain(|n| n.until.is_none_or(|t| t > now));
        // Too many: good news goes first, oldest first; a problem stays until closed.
        while self.list.len() > MAX_SHOWN {
            match self.list.iter().position(|n| n.tone == Tone::Done) {
                Some(i) => {
                    self.list.remove(i);
                }
                None => break,
            }
        }
        if self.list.is_empty() {
            return;
        }
        let mut closed = None;
        egui::Area::new(egui::Id::unique("notices"))
            .anchor(Align2::RIGHT_BOTTOM, [-12.0, -36.0])
            .order(egui::Order::Foreground)
            .show(ctx, |ui| {
                ui.set_max_width(420.0);
                for (i, notice) in self.list.iter().enumerate() {
                    if notice_frame(ui, notice) {
                        closed = Some(i);
                    }
                    ui.add_space(4.0);
                }
            });
        if let Some(i) = closed {
            self.list.remove(i);
        }
        if let Some(next) = self.list.iter().filter_map(|n| n.until).reduce(f64::min) {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64((next - now).max(0.0)));
        }
    }
}

/// One notice in its frame; `true` when its close button was clicked.
fn notice_frame(ui: &mut egui::Ui, notice: &Notice) -> bool {
    let (icon, color) = match notice.tone {
        Tone::Done => ("✓", theme::DONE),
        Tone::Problem => ("⚠", theme::ERROR),
    };
    let mut closed = false;
    egui::Frame::popup(ui.style()).show(ui, |ui| {
        ui.horizontal(|ui| {
            ui.label(RichText::new(icon).color(color));
            ui.add(egui::Label::new(&notice.text).wrap());
            if ui
                .small_button("×")
                .on_hover_text("Đóng thông báo")
                .clicked()
            {
                closed = true;
            }
        });
    });
    closed
}
