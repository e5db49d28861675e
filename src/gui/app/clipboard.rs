//! Copy and paste on the indicator tables, like in Excel.
//!
//! The system turns Ctrl+C and Ctrl+V into copy and paste events (egui never sees them
//! as keys), so they are read here from the frame's events before the table is drawn:
//! - Ctrl+V with several lines (or cells side by side) while a value cell has the cursor:
//!   the event is taken out of the frame, so the cell does not get it too, and becomes a
//!   [`Command::Paste`] down the column (`session::clipboard`). One line is left to the
//!   cell, which pastes it at the cursor as any text field does.
//! - Ctrl+C while a cell has the cursor and no text in it is selected: the cell's value
//!   as shown. With text selected the cell copies the selection itself.
//!
//! Sửa → Sao chép ô / Dán / Sao chép cả bảng do the same for the cell that last had
//! the cursor, or the whole tab.

use egui::{Event, TextEdit};

use super::{PhulucApp, Tab};
use crate::gui::command::{Action, Command};
use crate::gui::notices::Tone;
use crate::gui::table;
use crate::session::{CellRef, clipboard_rows, is_several_cells};

/// Seconds a paste asked for from the menu waits for the clipboard's text.
const MENU_PASTE_WAIT_S: f64 = 2.0;

impl PhulucApp {
    /// The cell copy and paste are about: the one with the cursor, else the one that last
    /// had it, in the tab shown.
    pub(super) fn clipboard_cell(&self) -> Option<CellRef> {
        let Tab::Section(section) = &self.tab else {
            return None;
        };
        self.edit
            .as_ref()
            .map(|b| b.cell.clone())
            .or_else(|| self.selected.clone())
            .filter(|c| c.0.section() == section)
    }

    /// Whether something covers the table (a dialog, a question, another view), so
    /// that copy and paste are not the table's.
    fn table_covered(&self) -> bool {
        self.template_editor.is_some()
            || self.rollup.is_some()
            || self.preview.is_some()
            || self.table_import.open
            || self.convert.is_open()
            || self.import.is_open()
            || !self.questions.is_empty()
    }

    /// The cell whose text field has the keyboard now, if one has.
    fn editing_cell(&self, ctx: &egui::Context) -> Option<CellRef> {
        let focused = ctx.memory(egui::Memory::focused)?;
        self.clipboard_cell()
            .filter(|cell| self.edit.is_some() && table::cell_id(cell) == focused)
    }

    /// Take this frame's copy and paste events that are the table's (see the module
    /// documentation).
    pub(super) fn read_clipboard(&mut self, ctx: &egui::Context) {
        if self.table_covered() {
            return;
        }
        let now = ctx.input(|i| i.time);
        let asked_from_menu = self
            .paste_target
            .take()
            .filter(|(_, at)| now - at < MENU_PASTE_WAIT_S);
        let editing = self.editing_cell(ctx);
        if let Some(cell) = &editing {
            self.read_copy(ctx, cell);
        }
        let Some(text) = ctx.input(|i| {
            i.events.iter().find_map(|e| match e {
                Event::Paste(text) => Some(text.clone()),
                _ => None,
            })
        }) else {
            // Still waiting for the text the menu asked for.
            self.paste_target = asked_from_menu;
            return;
        };
        let Some(cell) = asked_from_menu.map(|(cell, _)| cell).or(editing.clone()) else {
            return;
        };
        if is_several_cells(&text) {
            take_paste(ctx, None);
            self.pending.push(Command::Paste(cell, text));
            return;
        }
        // One cell: Excel ends it with a line break (and quotes a cell holding one),
        // which is not part of the value.
        let one = if text.contains(['\r', '\n']) {
            clipboard_rows(&text)
                .into_iter()
                .next()
                .and_then(|row| row.into_iter().next())
                .unwrap_or_default()
        } else {
            text.clone()
        };
        if editing.is_some() {
            if one != text {
                take_paste(ctx, Some(one));
            }
        } else {
            take_paste(ctx, None);
            self.focus_request = Some(cell.clone());
            self.pending.push(Command::Edit(cell, one));
        }
    }

    /// Ctrl+C in a cell with nothing selected: its value as shown.
    fn read_copy(&mut self, ctx: &egui::Context, cell: &CellRef) {
        let shortcut = Action::CopyCell.shortcut();
        let asked = ctx.input_mut(|i| {
            let event = i.events.iter().any(|e| matches!(e, Event::Copy));
            let key = shortcut.is_some_and(|s| i.consume_shortcut(&s));
            event || key
        });
        let selection = TextEdit::load_state(ctx, table::cell_id(cell))
            .and_then(|state| state.cursor.char_range())
            .is_some_and(|range| !range.is_empty());
        if asked && !selection {
            ctx.input_mut(|i| i.events.retain(|e| !matches!(e, Event::Copy)));
            self.pending.push(Action::CopyCell.into());
        }
    }

    /// Carry out a copy or paste action; `false` when the action is not one.
    pub(super) fn apply_clipboard_action(&mut self, ctx: &egui::Context, action: Action) -> bool {
        match action {
            Action::CopyCell => match self.clipboard_cell() {
                Some(cell) => {
                    let text = self.doc().shown(&cell);
                    self.notices.push(
                        Tone::Done,
                        format!("Đã chép ô {}: “{text}”", cell_name(&cell)),
                    );
                    ctx.copy_text(text);
                }
                None => self.no_cell(),
            },
            Action::PasteCells => match self.clipboard_cell() {
                Some(cell) => {
                    self.paste_target = Some((cell, ctx.input(|i| i.time)));
                    ctx.send_viewport_cmd(egui::ViewportCommand::RequestPaste);
                }
                None => self.no_cell(),
            },
            Action::CopyTable => match &self.tab {
                Tab::Section(section) => {
                    let text = self.doc().section_text(section);
                    let rows = text.lines().count().saturating_sub(1);
                    ctx.copy_text(text);
                    self.notices.push(
                        Tone::Done,
                        format!(
                            "Đã chép bảng {section} ({rows} hàng); dán vào Excel hoặc Word (Ctrl+V)"
                        ),
                    );
                }
                Tab::General => self.notices.push(
                    Tone::Problem,
                    "Hãy mở một tab chỉ tiêu (I, II, …) rồi chép cả bảng",
                ),
            },
            _ => return false,
        }
        true
    }

    /// A paste down the column from `cell`: what it did, in passing.
    pub(super) fn paste(&mut self, cell: CellRef, text: &str) {
        match self.session.paste(&cell, text) {
            Ok(pasted) => {
                // The cell's text was typed before the paste: show what is there now.
                self.edit = None;
                self.focus_request = Some(cell);
                // Lines left over are seen nowhere else: that stays until closed. What
                // could not be read is flagged red at its cell, as typing flags it.
                let tone = if pasted.left_over > 0 {
                    Tone::Problem
                } else {
                    Tone::Done
                };
                self.notices.push(tone, pasted.message());
            }
            Err(e) => self
                .notices
                .push(Tone::Problem, format!("Chưa dán được: {e}")),
        }
    }

    /// Put text on the clipboard ("Chép" in the summary of a move).
    pub(super) fn copy_text(&mut self, ctx: &egui::Context, text: String, what: &str) {
        ctx.copy_text(text);
        self.notices.push(
            Tone::Done,
            format!("Đã chép {what}; dán vào ô cần điền bằng Ctrl+V"),
        );
    }

    fn no_cell(&mut self) {
        self.notices.push(
            Tone::Problem,
            "Hãy bấm vào một ô của bảng chỉ tiêu trước khi sao chép hoặc dán",
        );
    }
}

/// "III.6.1" for its value, "Ghi chú III.6.1" for its note.
fn cell_name(cell: &CellRef) -> String {
    match cell.1 {
        crate::session::Slot::Note => format!("Ghi chú {}", cell.0),
        _ => cell.0.to_string(),
    }
}

/// Take the paste event out of the frame (`None`), or change its text (`Some`).
fn take_paste(ctx: &egui::Context, replace: Option<String>) {
    ctx.input_mut(|i| match replace {
        None => i.events.retain(|e| !matches!(e, Event::Paste(_))),
        Some(text) => {
            for event in &mut i.events {
                if let Event::Paste(pasted) = event {
                    pasted.clone_from(&text);
                }
            }
        }
    });
}
