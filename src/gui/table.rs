//! One reform area as an editable table: Stt | Chỉ tiêu thống kê | Đơn vị tính | Nội dung | Ghi chú,
//! and a grey "Năm trước" column before Nội dung when the report was started from last
//! year's.
//!
//! The header stays put while the rows scroll; rows are as tall as their
//! wrapped label; every editor is named for screen readers and tests by the
//! row's id and label.

use egui::{Align, Key, Layout, RichText, TextEdit, TextWrapMode, WidgetText};
use egui_extras::{Column, TableBuilder};

use super::app::EditBuffer;
use super::command::Command;
use super::theme;
use crate::model::{Choice, Depth, Kind, Level, PreviousYear, Row};
use crate::rules::Severity;
use crate::session::{CellRef, Direction, Document, Slot};

const STT_W: f32 = 44.0;
const UNIT_W: f32 = 130.0;
const VALUE_W: f32 = 260.0;
const NOTE_W: f32 = 230.0;
const PREVIOUS_W: f32 = 120.0;
/// Room around the text of a row.
const ROW_PAD: f32 = 8.0;
/// Indent per level of a row under a group, and for a "- " row.
const INDENT: f32 = 14.0;

/// Borrowed state the table draws from and writes commands to.
pub struct TableView<'a> {
    /// No editing (the report is opened read-only).
    pub read_only: bool,
    /// The report.
    pub doc: &'a Document,
    /// Cell being typed into.
    pub edit: &'a mut Option<EditBuffer>,
    /// Cell to put the cursor in.
    pub focus_request: &'a mut Option<CellRef>,
    /// The cell that last had the cursor (set here when one gets it).
    pub selected: &'a mut Option<CellRef>,
    /// Commands for after the frame.
    pub out: &'a mut Vec<Command>,
    /// Counter for typing sessions.
    pub next_key: &'a mut u64,
}

impl TableView<'_> {
    /// Draw the table of a section.
    pub fn show(&mut self, ui: &mut egui::Ui, section: &str) {
        let rows: Vec<&Row> = self.doc.template.section_rows(section).collect();
        let level = self.doc.report.general.level;
        let spacing = ui.spacing().item_spacing.x;
        let previous = self.doc.report.previous.is_some();
        let previous_w = if previous { PREVIOUS_W + spacing } else { 0.0 };
        let label_w =
            (ui.available_width() - STT_W - UNIT_W - VALUE_W - NOTE_W - previous_w - spacing * 5.0)
                .max(220.0);
        let line_h = ui.text_style_height(&egui::TextStyle::Body) + 8.0;
        let heights: Vec<f32> = rows
            .iter()
            .map(|row| self.row_height(ui, row, label_w, line_h))
            .collect();
        let target_row = self
            .focus_request
            .as_ref()
            .and_then(|(id, _)| rows.iter().position(|r| &r.id == id));

        let mut table = TableBuilder::new(ui)
            .id_salt(("section", section))
            .striped(false)
            .resizable(false)
            .cell_layout(Layout::left_to_right(Align::Center))
            .column(Column::exact(STT_W))
            .column(Column::exact(label_w))
            .column(Column::exact(UNIT_W))
            .columns(Column::exact(PREVIOUS_W), usize::from(previous))
            .column(Column::exact(VALUE_W))
            .column(Column::exact(NOTE_W))
            .min_scrolled_height(0.0)
            .max_scroll_height(f32::INFINITY);
        if let Some(at) = target_row {
            table = table.scroll_to_row(at, Some(Align::Center));
        }
        table
            .header(line_h + 6.0, |mut header| {
                let titles = [
                    "Stt",
                    "Chỉ tiêu thống kê",
                    "Đơn vị tính",
                    PREVIOUS_TITLE,
                    "Nội dung",
                    "Ghi chú",
                ];
                for title in titles {
                    if title == PREVIOUS_TITLE {
                        if let Some(last) = &self.doc.report.previous {
                            header
                                .col(|ui| theme::header_title(ui, title))
                                .1
                                .on_hover_text(previous_hover(last));
                        }
                        continue;
                    }
                    header.col(|ui| theme::header_title(ui, title));
                }
            })
            .body(|body| {
                body.heterogeneous_rows(heights.into_iter(), |mut table_row| {
                    let row = rows[table_row.index()];
                    self.row(&mut table_row, row, level);
                });
            });
    }

    /// How tall a row is drawn: its tallest wrapped text, at least one line.
    fn row_height(&self, ui: &egui::Ui, row: &Row, label_w: f32, line_h: f32) -> f32 {
        let label = text_height(ui, &row.printed_label(), label_w - indent(row));
        let unit = text_height(ui, &row.unit, UNIT_W);
        let value = match &row.kind {
            Some(Kind::Document) => line_h * 2.0 + 4.0,
            Some(Kind::Text) => {
                let text = self.doc.cell_text(&(row.id.clone(), Slot::Value));
                text_height(ui, &text, VALUE_W - 12.0).max(line_h) + 6.0
            }
            _ => line_h,
        };
        let previous = self.doc.report.previous.as_ref().map_or(0.0, |last| {
            text_height(ui, &last.shown(row), PREVIOUS_W - 8.0)
        });
        label.max(unit).max(value).max(previous).max(line_h) + ROW_PAD
    }

    /// One row: Stt, label, unit, value, note.
    fn row(
        &mut self,
        table_row: &mut egui_extras::TableRow<'_, '_>,
        row: &Row,
        level: Option<Level>,
    ) {
        let applies = row.applies_to(level);
        let paint = |ui: &mut egui::Ui| theme::paint_row(ui, row.depth());
        table_row.col(|ui| {
            paint(ui);
            ui.label(theme::bold(row.id.stt()));
        });
        table_row.col(|ui| {
            paint(ui);
            ui.add_space(indent(row));
            let mut text = if row.depth() == Depth::Item {
                RichText::new(row.printed_label())
            } else {
                theme::bold(row.printed_label())
            };
            if !applies {
                text = text.color(theme::MUTED);
            }
            ui.add(egui::Label::new(text).wrap());
        });
        table_row.col(|ui| {
            paint(ui);
            ui.add(egui::Label::new(RichText::new(&row.unit)).wrap());
        });
        if let Some(last) = &self.doc.report.previous {
            table_row.col(|ui| {
                paint(ui);
                previous_cell(ui, row, last);
            });
        }
        table_row.col(|ui| {
            paint(ui);
            self.value_cell(ui, row, applies);
        });
        table_row.col(|ui| {
            paint(ui);
            let name = format!("Ghi chú {} {}", row.id, row.printed_label());
            self.editor(
                ui,
                (row.id.clone(), Slot::Note),
                &name,
                "",
                Align::LEFT,
                false,
                None,
            );
        });
    }

    fn value_cell(&mut self, ui: &mut egui::Ui, row: &Row, applies: bool) {
        let Some(kind) = &row.kind else { return };
        if !applies {
            ui.label(RichText::new("Không áp dụng").italics().color(theme::MUTED))
                .on_hover_text(
                    "Chỉ tiêu này không áp dụng cho cấp của đơn vị (xem tab Thông tin chung).",
                );
            return;
        }
        let mark = self.doc.mark(&row.id).cloned();
        if let Some(m) = &mark {
            let (icon, color) = match (m.severity, m.explained) {
                (_, true) => ("✓", theme::MUTED),
                (Severity::Error, _) => ("⚠", theme::ERROR),
                (Severity::Warning, _) => ("△", theme::WARNING),
            };
            ui.label(RichText::new(icon).color(color))
                .on_hover_text(m.messages.join("\n"));
        }
        let messages = mark.as_ref().map(|m| m.messages.join("\n"));
        // The cell's colour shows open problems only; an explained warning keeps its tooltip.
        let open = mark.as_ref().filter(|m| !m.explained).map(|m| m.severity);
        let name = format!("{} {}", row.id, row.printed_label());
        let problem = messages.as_deref().map(|m| (open, m));
        match kind {
            Kind::Count | Kind::Decimal | Kind::Percent => {
                let hint = if *kind == Kind::Percent {
                    "0–100"
                } else {
                    ""
                };
                self.editor(
                    ui,
                    (row.id.clone(), Slot::Value),
                    &name,
                    hint,
                    Align::RIGHT,
                    false,
                    problem,
                );
            }
            Kind::Text => {
                self.editor(
                    ui,
                    (row.id.clone(), Slot::Value),
                    &name,
                    "",
                    Align::LEFT,
                    true,
                    problem,
                );
            }
            Kind::YesNo(choices) | Kind::Choice(choices) => {
                self.choice_cell(ui, row, choices, &name, problem);
            }
            Kind::Document => self.document_cell(ui, row, &name, problem),
        }
    }

    /// A coded choice: the code typed, or picked from the form's own wording.
    fn choice_cell(
        &mut self,
        ui: &mut egui::Ui,
        row: &Row,
        choices: &[Choice],
        name: &str,
        problem: Option<(Option<Severity>, &str)>,
    ) {
        ui.scope(|ui| {
            ui.set_max_width(54.0);
            self.editor(
                ui,
                (row.id.clone(), Slot::Value),
                name,
                "mã",
                Align::RIGHT,
                false,
                problem,
            );
        });
        let current = self.doc.report.number(&row.id).map(|n| n as u32);
        let chosen = choices.iter().find(|c| Some(c.code) == current);
        let shown = chosen.map_or_else(String::new, |c| c.label.clone());
        ui.add_enabled_ui(!self.read_only, |ui| {
            ui.menu_button(format!("{shown} ▾"), |ui| {
                for choice in choices {
                    if ui
                        .button(format!("{} = {}", choice.label, choice.code))
                        .clicked()
                    {
                        self.out.push(Command::Edit(
                            (row.id.clone(), Slot::Value),
                            choice.code.to_string(),
                        ));
                    }
                }
                if ui.button("(để trống)").clicked() {
                    self.out
                        .push(Command::Edit((row.id.clone(), Slot::Value), String::new()));
                }
            })
            .response
            .on_hover_text(format!("Chọn: {}", row.unit))
        });
    }

    /// A document reference: type, number and date, each its own editor.
    fn document_cell(
        &mut self,
        ui: &mut egui::Ui,
        row: &Row,
        name: &str,
        problem: Option<(Option<Severity>, &str)>,
    ) {
        ui.vertical(|ui| {
            ui.horizontal(|ui| {
                ui.scope(|ui| {
                    ui.set_max_width(96.0);
                    self.editor(
                        ui,
                        (row.id.clone(), Slot::DocType),
                        &format!("{name} – loại văn bản"),
                        "Kế hoạch",
                        Align::LEFT,
                        false,
                        problem,
                    );
                });
                ui.label("số");
                self.editor(
                    ui,
                    (row.id.clone(), Slot::DocNumber),
                    &format!("{name} – số, ký hiệu"),
                    "03/KH-UBND",
                    Align::LEFT,
                    false,
                    problem,
                );
            });
            ui.horizontal(|ui| {
                ui.label("ngày");
                ui.scope(|ui| {
                    ui.set_max_width(110.0);
                    self.editor(
                        ui,
                        (row.id.clone(), Slot::DocDate),
                        &format!("{name} – ngày ban hành"),
                        "dd/mm/yyyy",
                        Align::LEFT,
                        false,
                        problem,
                    );
                });
            });
        });
    }

    /// One text editor bound to a cell.
    #[allow(clippy::too_many_arguments)]
    fn editor(
        &mut self,
        ui: &mut egui::Ui,
        cell: CellRef,
        name: &str,
        hint: &str,
        align: Align,
        multiline: bool,
        problem: Option<(Option<Severity>, &str)>,
    ) {
        let widget_id = cell_id(&cell);
        let mut text = match &*self.edit {
            Some(buffer) if buffer.cell == cell => buffer.text.clone(),
            _ => self.doc.cell_text(&cell),
        };
        let mut edit =
            if multiline {
                TextEdit::multiline(&mut text).desired_rows(1).return_key(
                    egui::KeyboardShortcut::new(egui::Modifiers::SHIFT, Key::Enter),
                )
            } else {
                TextEdit::singleline(&mut text)
            };
        edit = edit
            .interactive(!self.read_only)
            .id(widget_id)
            .lock_focus(true)
            .hint_text(hint)
            .align(egui::Align2([align, Align::Center]))
            .desired_width(ui.available_width() - 4.0);
        match problem {
            Some((Some(Severity::Error), _)) => edit = edit.background_color(theme::ERROR_BG),
            Some((Some(Severity::Warning), _)) => edit = edit.background_color(theme::WARNING_BG),
            _ => {}
        }
        let mut response = ui.add(edit).accessible_name(name);
        if let Some((_, messages)) = problem {
            response = response.on_hover_text(messages);
        }
        if self.focus_request.as_ref() == Some(&cell) {
            response.request_focus();
            response.scroll_to_me(None);
            *self.focus_request = None;
        }
        if response.gained_focus()
            || (response.has_focus() && self.edit.as_ref().is_none_or(|b| b.cell != cell))
        {
            *self.next_key += 1;
            *self.selected = Some(cell.clone());
            *self.edit = Some(EditBuffer {
                cell: cell.clone(),
                text: text.clone(),
                key: *self.next_key,
            });
        }
        if response.changed() {
            if let Some(buffer) = self.edit.as_mut().filter(|b| b.cell == cell) {
                buffer.text = text.clone();
            }
            self.out.push(Command::Edit(cell.clone(), text));
        }
        let (tab, enter, shift) = ui.input(|i| {
            (
                i.key_pressed(Key::Tab),
                i.key_pressed(Key::Enter),
                i.modifiers.shift,
            )
        });
        let direction = if shift {
            Direction::Previous
        } else {
            Direction::Next
        };
        if response.has_focus() && (tab || (enter && multiline && !shift)) {
            self.out.push(Command::Move(cell.clone(), direction));
        }
        if response.lost_focus() {
            if enter && !multiline {
                self.out.push(Command::Move(cell.clone(), direction));
            }
            if self.edit.as_ref().is_some_and(|b| b.cell == cell) {
                *self.edit = None;
            }
        }
    }
}

/// The title of the column of last year's values.
pub const PREVIOUS_TITLE: &str = "Năm trước";

/// What the "Năm trước" title says on hover: which year, from which file.
fn previous_hover(last: &PreviousYear) -> String {
    let from = if last.source.is_empty() {
        String::new()
    } else {
        format!(", từ “{}”", last.source)
    };
    format!(
        "Số liệu {}{from}, để so sánh; không in và không sửa được ở đây.",
        last.in_sentence()
    )
}

/// Last year's value of a row, grey, read-only; its Ghi chú on hover.
fn previous_cell(ui: &mut egui::Ui, row: &Row, last: &PreviousYear) {
    if row.kind.is_none() {
        return;
    }
    let shown = last.shown(row);
    if shown.is_empty() {
        return;
    }
    let numeric = matches!(row.kind, Some(Kind::Count | Kind::Decimal | Kind::Percent));
    let layout = if numeric {
        Layout::right_to_left(Align::Center)
    } else {
        Layout::left_to_right(Align::Center)
    };
    let note = last.note(&row.id);
    let hover = if note.is_empty() {
        format!("{} {}: {shown}", last.title(), row.id)
    } else {
        format!("{} {}: {shown}\nGhi chú: {note}", last.title(), row.id)
    };
    ui.with_layout(layout, |ui| {
        if numeric {
            ui.add_space(6.0);
        }
        ui.add(egui::Label::new(RichText::new(&shown).color(theme::MUTED)).wrap())
            .on_hover_text(hover);
    });
}

/// The id of a cell's text field: how the window tells which cell has the keyboard.
pub fn cell_id(cell: &CellRef) -> egui::Id {
    egui::Id::unique(("cell", cell.0.as_str(), cell.1))
}

fn indent(row: &Row) -> f32 {
    match (row.depth(), row.sub) {
        (Depth::Item, true) => INDENT * 2.0,
        (Depth::Item, false) => INDENT,
        _ => 0.0,
    }
}

fn text_height(ui: &egui::Ui, text: &str, width: f32) -> f32 {
    if text.is_empty() {
        return 0.0;
    }
    WidgetText::from(text)
        .into_galley(ui, Some(TextWrapMode::Wrap), width, egui::TextStyle::Body)
        .size()
        .y
}
