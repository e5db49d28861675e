//! The roll-up view (Tệp → Tổng hợp nhiều báo cáo…): the form's rows with the combined
//! value and how many units reported it, optionally a column per unit; a click on a
//! combined value lists every unit's value with those far from the others marked; the
//! status of every unit and every file left out.

use egui::{Align, Layout, RichText};
use egui_extras::{Column, TableBuilder};

use crate::gui::command::Command;
use crate::gui::theme;
use crate::model::report::display_cell;
use crate::model::{Depth, IndicatorId};
use crate::rollup::{Rollup, outliers, output};

/// Widths of the fixed columns.
const STT_W: f32 = 40.0;
const UNIT_W: f32 = 110.0;
const VALUE_W: f32 = 150.0;
const COUNT_W: f32 = 70.0;
const UNIT_COL_W: f32 = 120.0;

/// What the view asks of the window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ask {
    /// Write the roll-up as Excel.
    Excel,
    /// Print the combined column as PDF.
    Pdf,
    /// Close the view, back to the report.
    Close,
}

/// The roll-up and how it is shown.
pub struct RollupView {
    /// The roll-up.
    pub rollup: Rollup,
    /// The row whose units' values are listed.
    pub selected: Option<IndicatorId>,
    /// Show a column per unit.
    pub unit_columns: bool,
    /// Only units whose name contains this (without diacritics).
    pub filter: String,
    /// Unit columns sorted by name (else in file order).
    pub sorted: bool,
    /// The name printed as the combining unit on the PDF.
    pub unit_name: String,
}

impl RollupView {
    /// A view of a roll-up.
    pub fn new(rollup: Rollup) -> RollupView {
        RollupView {
            rollup,
            selected: None,
            unit_columns: false,
            filter: String::new(),
            sorted: false,
            unit_name: String::new(),
        }
    }

    /// The unit columns a PDF prints: those shown, when they are.
    pub fn printed_columns(&self) -> Vec<usize> {
        if self.unit_columns {
            self.unit_order()
        } else {
            Vec::new()
        }
    }

    /// The units shown as columns, by index, filtered and sorted as asked.
    fn unit_order(&self) -> Vec<usize> {
        let wanted = crate::model::template::fold_for_search(&self.filter);
        let wanted = wanted.trim();
        let mut order: Vec<usize> = (0..self.rollup.units.len())
            .filter(|&i| {
                wanted.is_empty()
                    || crate::model::template::fold_for_search(&self.rollup.units[i].unit_name)
                        .contains(wanted)
            })
            .collect();
        if self.sorted {
            order.sort_by_key(|&i| {
                crate::model::template::fold_for_search(&self.rollup.units[i].unit_name)
            });
        }
        order
    }

    /// Draw the view in the central area; what the officer asked, if anything.
    pub fn show(&mut self, ui: &mut egui::Ui, _out: &mut Vec<Command>) -> Option<Ask> {
        let mut ask = None;
        egui::Panel::top("rollup-bar").show(ui, |ui| ask = self.bar(ui));
        egui::Panel::right("rollup-side")
            .default_size(380.0)
            .resizable(true)
            .show(ui, |ui| {
                egui::ScrollArea::vertical().show(ui, |ui| {
                    self.details(ui);
                    ui.separator();
                    self.status(ui);
                });
            });
        egui::CentralPanel::default().show(ui, |ui| {
            egui::ScrollArea::horizontal().show(ui, |ui| self.table(ui));
        });
        ask
    }

    fn bar(&mut self, ui: &mut egui::Ui) -> Option<Ask> {
        let mut ask = None;
        let r = &self.rollup;
        ui.horizontal_wrapped(|ui| {
            let year = r.year.map_or_else(|| "?".to_owned(), |y| y.to_string());
            ui.label(theme::bold(format!(
                "Tổng hợp {} đơn vị · năm {year} · {}",
                r.units.len(),
                r.template.name
            )));
            if !r.left_out.is_empty() {
                ui.label(
                    RichText::new(format!("⚠ {} tệp không đưa vào", r.left_out.len()))
                        .color(theme::WARNING),
                );
            }
        });
        ui.horizontal_wrapped(|ui| {
            ui.checkbox(&mut self.unit_columns, "Hiện cột từng đơn vị");
            if self.unit_columns {
                ui.add(
                    egui::TextEdit::singleline(&mut self.filter)
                        .hint_text("Lọc theo tên đơn vị")
                        .desired_width(180.0),
                )
                .accessible_name("Lọc đơn vị theo tên");
                ui.checkbox(&mut self.sorted, "Xếp theo tên");
            }
            ui.separator();
            ui.add(
                egui::TextEdit::singleline(&mut self.unit_name)
                    .hint_text("Ủy ban nhân dân tỉnh …")
                    .desired_width(220.0),
            )
            .accessible_name("Đơn vị tổng hợp (in trên bản PDF)");
            if ui.button("Xuất Excel…").clicked() {
                ask = Some(Ask::Excel);
            }
            let printed = self.printed_columns().len();
            let (label, hint) = if printed == 0 {
                (
                    "In PDF…".to_owned(),
                    "In cột tổng hợp theo mẫu, khổ A4 dọc".to_owned(),
                )
            } else if printed <= output::MAX_PRINTED_UNITS {
                (
                    format!("In PDF ({printed} cột đơn vị)…"),
                    "In cột tổng hợp và các cột đơn vị đang hiện, khổ A4 ngang".to_owned(),
                )
            } else {
                (
                    "In PDF…".to_owned(),
                    format!(
                        "Khổ A4 ngang in được tối đa {} cột đơn vị; hãy lọc bớt",
                        output::MAX_PRINTED_UNITS
                    ),
                )
            };
            if ui.button(label).on_hover_text(hint).clicked() {
                ask = Some(Ask::Pdf);
            }
            if ui.button("Đóng tổng hợp").clicked() {
                ask = Some(Ask::Close);
            }
        });
        ask
    }

    fn table(&mut self, ui: &mut egui::Ui) {
        let units = if self.unit_columns {
            self.unit_order()
        } else {
            Vec::new()
        };
        let label_w = 360.0;
        let line_h = ui.text_style_height(&egui::TextStyle::Body) + 10.0;
        let mut table = TableBuilder::new(ui)
            .id_salt("rollup-table")
            .striped(true)
            .cell_layout(Layout::left_to_right(Align::Center))
            .column(Column::exact(STT_W))
            .column(Column::exact(label_w))
            .column(Column::exact(UNIT_W))
            .column(Column::exact(VALUE_W))
            .column(Column::exact(COUNT_W));
        for _ in &units {
            table = table.column(Column::exact(UNIT_COL_W));
        }
        let rows: Vec<&crate::model::Row> = self.rollup.template.rows().iter().collect();
        table
            .header(line_h * 1.6, |mut header| {
                for title in [
                    "Stt",
                    "Chỉ tiêu thống kê",
                    "Đơn vị tính",
                    "Tổng hợp",
                    "Số ĐV",
                ] {
                    header.col(|ui| {
                        ui.label(theme::bold(title));
                    });
                }
                for &i in &units {
                    header.col(|ui| {
                        ui.add(
                            egui::Label::new(theme::bold(&self.rollup.units[i].unit_name)).wrap(),
                        );
                    });
                }
            })
            .body(|body| {
                body.rows(line_h * 1.6, rows.len(), |mut table_row| {
                    let row = rows[table_row.index()];
                    table_row.col(|ui| {
                        ui.label(theme::bold(row.id.stt()));
                    });
                    table_row.col(|ui| {
                        let text = if row.depth() == Depth::Item {
                            RichText::new(row.printed_label())
                        } else {
                            theme::bold(row.printed_label())
                        };
                        ui.add(egui::Label::new(text).truncate())
                            .on_hover_text(row.printed_label());
                    });
                    table_row.col(|ui| {
                        ui.add(egui::Label::new(&row.unit).truncate());
                    });
                    let combined = self.rollup.row(&row.id).cloned();
                    table_row.col(|ui| {
                        if let Some(c) = &combined {
                            let selected = self.selected.as_ref() == Some(&row.id);
                            let shown = output::display(c);
                            let response = ui
                                .selectable_label(selected, &shown)
                                .accessible_name(format!("Tổng hợp {}: {shown}", row.id))
                                .on_hover_text("Bấm để xem giá trị của từng đơn vị");
                            if response.clicked() {
                                self.selected = Some(row.id.clone());
                            }
                        }
                    });
                    table_row.col(|ui| {
                        if let Some(c) = &combined {
                            ui.label(c.reporting().to_string());
                        }
                    });
                    for &i in &units {
                        table_row.col(|ui| {
                            let unit = &self.rollup.units[i];
                            if row.kind.is_some() {
                                ui.label(display_cell(&unit.cell(&self.rollup.template, &row.id)));
                            }
                        });
                    }
                });
            });
    }

    /// Every unit's value of the selected row, the far ones marked.
    fn details(&self, ui: &mut egui::Ui) {
        let Some(id) = &self.selected else {
            ui.label(
                RichText::new("Bấm vào một giá trị tổng hợp để xem giá trị của từng đơn vị.")
                    .color(theme::MUTED),
            );
            return;
        };
        let r = &self.rollup;
        let label = r
            .template
            .row(id)
            .map(|row| row.printed_label())
            .unwrap_or_default();
        ui.label(theme::bold(format!("{id} {label}")));
        let far = outliers(&r.template, &r.units, id);
        if !far.is_empty() {
            ui.label(
                RichText::new(format!(
                    "⚠ {} đơn vị có giá trị khác xa các đơn vị còn lại (so với trung vị)",
                    far.len()
                ))
                .color(theme::WARNING),
            );
        }
        egui::Grid::new("rollup-units")
            .striped(true)
            .show(ui, |ui| {
                for (i, unit) in r.units.iter().enumerate() {
                    let value = display_cell(&unit.cell(&self.rollup.template, id));
                    let shown = if value.is_empty() {
                        "—".to_owned()
                    } else {
                        value
                    };
                    if far.contains(&i) {
                        ui.label(
                            RichText::new(format!("⚠ {}", unit.unit_name)).color(theme::WARNING),
                        );
                        ui.label(RichText::new(shown).color(theme::WARNING))
                            .on_hover_text(
                                "Khác xa các đơn vị còn lại: hãy kiểm tra lại với đơn vị",
                            );
                    } else {
                        ui.label(&unit.unit_name);
                        ui.label(shown);
                    }
                    ui.end_row();
                }
            });
    }

    /// Tình trạng: each unit with its file, errors, warnings and required rows left
    /// empty; each file left out with its reason.
    fn status(&self, ui: &mut egui::Ui) {
        ui.label(theme::bold("Tình trạng"));
        for unit in &self.rollup.units {
            let color = if unit.errors > 0 {
                theme::ERROR
            } else if unit.warnings > 0 {
                theme::WARNING
            } else {
                ui.visuals().text_color()
            };
            ui.label(
                RichText::new(format!(
                    "{} — lỗi: {}, cảnh báo: {}",
                    unit.unit_name, unit.errors, unit.warnings
                ))
                .color(color),
            )
            .on_hover_text(unit.file.display().to_string());
            if !unit.missing.is_empty() {
                let ids: Vec<&str> = unit.missing.iter().map(IndicatorId::as_str).collect();
                ui.label(
                    RichText::new(format!(
                        "    chưa nhập chỉ tiêu bắt buộc: {}",
                        ids.join(", ")
                    ))
                    .color(theme::MUTED),
                );
            }
        }
        if !self.rollup.left_out.is_empty() {
            ui.add_space(6.0);
            ui.label(theme::bold("Tệp không đưa vào tổng hợp"));
            for l in &self.rollup.left_out {
                let name = crate::store::shown_name(&l.file);
                ui.label(RichText::new(format!("⚠ {name}: {}", l.reason)).color(theme::WARNING))
                    .on_hover_text(l.file.display().to_string());
            }
        }
    }
}
