//! One row of the template editor: Mã | Chỉ tiêu | Đơn vị tính | Loại giá trị |
//! Cấp, bắt buộc | Kiểm tra | the buttons that move, add and delete. Every field is named
//! for screen readers and tests by what it is and the row's id ("Tên chỉ tiêu I.1.4").

use egui::{ComboBox, RichText, TextEdit, TextWrapMode, WidgetText};

use super::{Field, Op};
use crate::gui::theme;
use crate::model::check::Severity;
use crate::model::template::edit::{
    DraftRow, Lint, aggregate_options, aggregate_wording, combines_as_mean, set_kind,
};
use crate::model::template::from_table::NoteLevel;
use crate::model::{Choice, Depth, Level, LevelChoice};

/// Column titles.
pub(super) const TITLES: [&str; 7] = [
    "Mã",
    "Chỉ tiêu thống kê",
    "Đơn vị tính",
    "Loại giá trị",
    "Cấp áp dụng, bắt buộc",
    "Kiểm tra (khi nhập báo cáo)",
    "",
];

/// The kinds a row can have, as the combo box lists them.
const KINDS: [(Option<&str>, &str); 8] = [
    (None, "Dòng tiêu đề"),
    (Some("count"), "Số đếm"),
    (Some("decimal"), "Số thập phân"),
    (Some("percent"), "Tỷ lệ %"),
    (Some("yes_no"), "Có/Không"),
    (Some("choice"), "Lựa chọn theo mã"),
    (Some("document"), "Văn bản (số, ngày)"),
    (Some("text"), "Nội dung chữ"),
];

/// What a row's "levels" can be: inherited, one of the form's levels, or all of them.
fn level_options(levels: &[LevelChoice]) -> Vec<(Option<Vec<Level>>, String)> {
    let mut options = vec![(None, "Theo hàng trên".to_owned())];
    for level in levels {
        options.push((
            Some(vec![level.code]),
            format!("Chỉ {}", level.label.to_lowercase()),
        ));
    }
    if levels.len() > 1 {
        let all = levels.iter().map(|l| l.code).collect();
        options.push((Some(all), "Mọi cấp của mẫu".to_owned()));
    }
    options
}

const REQUIRED: [(Option<Severity>, &str); 3] = [
    (None, "Không bắt buộc"),
    (Some(Severity::Warning), "Bắt buộc (cảnh báo)"),
    (Some(Severity::Error), "Bắt buộc (lỗi)"),
];

/// A drop-down of `(value, wording)` choices showing `shown`, `current` ticked, its list
/// `height` tall at most (`None`: egui's usual height): the value clicked, if one was, and
/// the drop-down's response (to name it and explain it).
fn pick<T: PartialEq>(
    ui: &mut egui::Ui,
    id: egui::Id,
    shown: impl Into<WidgetText>,
    width: f32,
    height: Option<f32>,
    choices: impl IntoIterator<Item = (T, impl Into<WidgetText>)>,
    current: &T,
) -> (Option<T>, egui::Response) {
    let mut picked = None;
    let mut combo = ComboBox::from_id_salt(id).selected_text(shown).width(width);
    if let Some(height) = height {
        combo = combo.height(height);
    }
    let response = combo
        .show_ui(ui, |ui| {
            for (value, label) in choices {
                if ui.selectable_label(value == *current, label).clicked() {
                    picked = Some(value);
                }
            }
        })
        .response;
    (picked, response)
}

/// Room around a row's contents.
const PAD: f32 = 8.0;
/// Room a text field adds around its text.
const FIELD_MARGIN: f32 = 10.0;
/// Vertical room between two widgets of a cell.
const GAP: f32 = 4.0;
/// Indent of a row under a group, and once more for a "- " row.
const INDENT: f32 = 12.0;

/// Column widths: the label takes what the others leave.
pub(super) struct Widths {
    id: f32,
    label: f32,
    unit: f32,
    kind: f32,
    level: f32,
    checks: f32,
    buttons: f32,
}

impl Widths {
    /// The widths for a table `width` wide.
    pub(super) fn for_width(ui: &egui::Ui, width: f32) -> Widths {
        let mut w = Widths {
            id: 74.0,
            label: 0.0,
            unit: 120.0,
            kind: 156.0,
            level: 182.0,
            checks: 384.0,
            buttons: 66.0,
        };
        let spacing = ui.spacing().item_spacing.x * 7.0 + 16.0;
        let fixed = w.id + w.unit + w.kind + w.level + w.checks + w.buttons + spacing;
        w.label = (width - fixed).max(260.0);
        w
    }

    /// In table order.
    pub(super) fn columns(&self) -> [f32; 7] {
        [
            self.id,
            self.label,
            self.unit,
            self.kind,
            self.level,
            self.checks,
            self.buttons,
        ]
    }
}

/// The height of one line of widgets.
pub(super) fn line_height(ui: &egui::Ui) -> f32 {
    ui.text_style_height(&egui::TextStyle::Body) + 8.0
}

fn text_height(ui: &egui::Ui, text: &str, width: f32, style: egui::TextStyle) -> f32 {
    if text.is_empty() {
        return 0.0;
    }
    WidgetText::from(text)
        .into_galley(ui, Some(TextWrapMode::Wrap), width, style)
        .size()
        .y
}

/// How tall a row is drawn: its tallest cell.
pub(super) fn height(ui: &egui::Ui, w: &Widths, row: &DraftRow, lint: &Lint, at: usize) -> f32 {
    let line = line_height(ui);
    let body = egui::TextStyle::Body;
    let label_w = w.label - indent(row) - FIELD_MARGIN;
    let mut label = text_height(ui, &row.raw.label, label_w, body.clone()).max(line - FIELD_MARGIN)
        + FIELD_MARGIN;
    for note in &row.notes {
        label += GAP + text_height(ui, &format!("⚠ {}", note.text), label_w, body.clone());
    }
    if row.needs_review() {
        label += GAP + line;
    }
    if let Some(message) = row_problem(lint, at) {
        label += GAP + text_height(ui, &format!("⚠ {message}"), label_w, body.clone());
    }
    let (unit_text, caption) = if row.depth == Depth::Section {
        (row.raw.short.as_deref().unwrap_or_default(), line)
    } else {
        (row.raw.unit.as_deref().unwrap_or_default(), 0.0)
    };
    let unit = caption
        + text_height(ui, unit_text, w.unit - FIELD_MARGIN, body.clone()).max(line - FIELD_MARGIN)
        + FIELD_MARGIN;
    let mut kind = if row.raw.options.is_some() {
        2.0 * line + GAP
    } else {
        line
    };
    if aggregate_options(row.raw.kind.as_deref()).len() > 1 {
        kind += line + GAP;
        if combines_as_mean(&row.raw) {
            kind += line + GAP;
        }
    }
    let checks_lint = lint.checks.get(at).map_or(&[][..], Vec::as_slice);
    let mut checks = 0.0;
    if row.depth != Depth::Section || !row.raw.checks.is_empty() {
        checks = if row.depth == Depth::Section {
            0.0
        } else {
            line
        };
        for (n, _) in row.raw.checks.iter().enumerate() {
            checks += line + GAP;
            let problems = checks_lint.get(n).cloned().unwrap_or_default();
            for text in [problems.test, problems.when].into_iter().flatten() {
                checks += GAP + text_height(ui, &format!("⚠ {text}"), w.checks, body.clone());
            }
        }
    }
    let fixed = 2.0 * line + GAP;
    label.max(unit).max(kind).max(checks).max(fixed) + PAD
}

/// The problem that stops saving, when it is at this row and not one its checks show
/// already.
fn row_problem(lint: &Lint, at: usize) -> Option<&str> {
    let shown_at_checks = lint
        .checks
        .get(at)
        .is_some_and(|c| c.iter().any(|c| c.test.is_some() || c.when.is_some()));
    match &lint.invalid {
        Some((Some(bad), message)) if *bad == at && !shown_at_checks => Some(message),
        _ => None,
    }
}

fn indent(row: &DraftRow) -> f32 {
    match (row.depth, row.raw.sub) {
        (Depth::Item, true) => INDENT * 2.0,
        (Depth::Item, false) => INDENT,
        _ => 0.0,
    }
}

/// A row being drawn, with what it may change.
pub(super) struct RowView<'a> {
    /// Its index in the draft.
    pub at: usize,
    /// Whether it can move up, down.
    pub can_up: bool,
    pub can_down: bool,
    /// The row.
    pub row: &'a mut DraftRow,
    /// The draft's problems.
    pub lint: &'a Lint,
    /// The levels the form offers.
    pub levels: &'a [LevelChoice],
    /// The count rows above this one, by id and label: what may weigh its mean.
    pub weights: &'a [(String, String)],
    /// The widget to put the cursor in.
    pub focus: &'a mut Option<(u64, Field)>,
    /// Changes of rows, made after drawing.
    pub ops: &'a mut Vec<Op>,
    /// Set when a field changed.
    pub edited: &'a mut bool,
}

impl RowView<'_> {
    /// Draw the row's cells.
    pub(super) fn show(mut self, table_row: &mut egui_extras::TableRow<'_, '_>) {
        let depth = self.row.depth;
        let paint = |ui: &mut egui::Ui| theme::paint_row(ui, depth);
        table_row.col(|ui| {
            paint(ui);
            self.id_cell(ui);
        });
        table_row.col(|ui| {
            paint(ui);
            self.label_cell(ui);
        });
        table_row.col(|ui| {
            paint(ui);
            self.unit_cell(ui);
        });
        table_row.col(|ui| {
            paint(ui);
            self.kind_cell(ui);
        });
        table_row.col(|ui| {
            paint(ui);
            self.level_cell(ui);
        });
        table_row.col(|ui| {
            paint(ui);
            self.checks_cell(ui);
        });
        table_row.col(|ui| {
            paint(ui);
            self.buttons_cell(ui);
        });
    }

    pub(super) fn id(&self) -> String {
        self.row.raw.id.clone()
    }

    fn widget_id(&self, what: &str) -> egui::Id {
        egui::Id::unique(("template-row", self.row.key, what))
    }

    pub(super) fn take_focus(&mut self, field: Field, response: &egui::Response) {
        if *self.focus == Some((self.row.key, field)) {
            response.request_focus();
            response.scroll_to_me(None);
            *self.focus = None;
        }
    }

    /// The id, a "- " row's mark, and whether the guess asks for a look.
    fn id_cell(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            ui.label(theme::bold(self.id()));
            if self.row.needs_review() {
                let notes: Vec<&str> = self.row.notes.iter().map(|n| n.text.as_str()).collect();
                ui.label(RichText::new("⚠").color(theme::WARNING))
                    .on_hover_text(notes.join("\n"));
            }
        });
        if self.row.depth == Depth::Item {
            let name = format!("Dòng gạch đầu dòng {}", self.id());
            *self.edited |= ui
                .checkbox(&mut self.row.raw.sub, "“-”")
                .on_hover_text("In “- ” trước tên và thụt vào (hàng con của hàng trên)")
                .accessible_name(name)
                .changed();
        }
    }

    /// The label, what the guess said about the row, and a problem that stops saving.
    fn label_cell(&mut self, ui: &mut egui::Ui) {
        let id = self.id();
        ui.horizontal(|ui| {
            ui.add_space(indent(self.row));
            let text = if self.row.depth == Depth::Item {
                None
            } else {
                let size = egui::TextStyle::Body.resolve(ui.style()).size;
                Some(egui::FontId::new(
                    size,
                    egui::FontFamily::Name(theme::BOLD.into()),
                ))
            };
            let widget = self.widget_id("label");
            let review = self.row.needs_review();
            let mut edit = TextEdit::multiline(&mut self.row.raw.label)
                .id(widget)
                .desired_rows(1)
                .desired_width(ui.available_width() - 4.0)
                .hint_text("tên chỉ tiêu")
                .return_key(egui::KeyboardShortcut::new(
                    egui::Modifiers::SHIFT,
                    egui::Key::Enter,
                ));
            if let Some(font) = text {
                edit = edit.font(font);
            }
            // Marked as the report marks a cell with a warning, until the officer has looked.
            if review {
                edit = edit.background_color(theme::WARNING_BG);
            }
            let response = ui.add(edit).accessible_name(format!("Tên chỉ tiêu {id}"));
            *self.edited |= response.changed();
            self.take_focus(Field::Label, &response);
        });
        for note in &self.row.notes {
            let (icon, color) = match (note.level, self.row.reviewed) {
                (NoteLevel::Review, false) => ("⚠", theme::WARNING),
                (NoteLevel::Review, true) => ("✓", theme::MUTED),
                (NoteLevel::Info, _) => ("·", theme::MUTED),
            };
            ui.add(
                egui::Label::new(RichText::new(format!("{icon} {}", note.text)).color(color))
                    .wrap(),
            );
        }
        if self.row.needs_review()
            && ui
                .small_button("Đã xem")
                .on_hover_text("Đã kiểm tra hàng này; bỏ dấu ⚠")
                .accessible_name(format!("Đã xem hàng {id}"))
                .clicked()
        {
            self.ops.push(Op::Reviewed(self.at));
        }
        if let Some(message) = row_problem(self.lint, self.at) {
            ui.add(
                egui::Label::new(RichText::new(format!("⚠ {message}")).color(theme::ERROR)).wrap(),
            );
        }
    }

    /// Đơn vị tính; a section's tab name instead.
    fn unit_cell(&mut self, ui: &mut egui::Ui) {
        let id = self.id();
        let (slot, name, hint) = if self.row.depth == Depth::Section {
            ui.label(RichText::new("Tên tab:").color(theme::MUTED));
            (
                &mut self.row.raw.short,
                format!("Tên tab {id}"),
                "tên tab".to_owned(),
            )
        } else {
            let derived = self.row.raw.options.as_ref().map(|o| {
                o.iter()
                    .map(|c| format!("{} = {}", c.label, c.code))
                    .collect::<Vec<_>>()
                    .join(" ")
            });
            (
                &mut self.row.raw.unit,
                format!("Đơn vị tính {id}"),
                derived.unwrap_or_default(),
            )
        };
        let mut text = slot.clone().unwrap_or_default();
        let response = ui
            .add(
                TextEdit::multiline(&mut text)
                    .id(egui::Id::unique(("template-row", name.as_str())))
                    .desired_rows(1)
                    .desired_width(ui.available_width() - 4.0)
                    .hint_text(hint),
            )
            .accessible_name(name);
        if response.changed() {
            *slot = (!text.trim().is_empty()).then_some(text);
            *self.edited = true;
        }
    }

    /// The kind, and the codes of a yes/no or choice row.
    fn kind_cell(&mut self, ui: &mut egui::Ui) {
        let id = self.id();
        if self.row.depth == Depth::Section {
            ui.label(RichText::new("Mục lớn (tab)").color(theme::MUTED));
            return;
        }
        let current = self.row.raw.kind.clone();
        let shown = KINDS
            .iter()
            .find(|(k, _)| k.map(str::to_owned) == current)
            .map_or_else(
                || current.clone().unwrap_or_default(),
                |(_, l)| (*l).to_owned(),
            );
        let (chosen, response) = pick(
            ui,
            self.widget_id("kind"),
            shown,
            ui.available_width() - 8.0,
            Some(f32::INFINITY),
            KINDS.map(|(kind, label)| (kind.map(str::to_owned), label)),
            &current,
        );
        response.accessible_name(format!("Loại giá trị {id}"));
        if let Some(kind) = chosen.filter(|k| *k != current) {
            set_kind(&mut self.row.raw, kind.as_deref());
            *self.edited = true;
        }
        if self.row.raw.options.is_some() {
            self.options(ui, &id);
        }
        self.combine(ui, &id);
    }

    /// How the row combines when the province rolls up the units' reports, and for a
    /// mean the count row that weighs it (the rate of dossiers by the dossiers received).
    fn combine(&mut self, ui: &mut egui::Ui, id: &str) {
        let options = aggregate_options(self.row.raw.kind.as_deref());
        if options.len() < 2 {
            return;
        }
        let width = ui.available_width() - 8.0;
        let (aggregate_id, weight_id) = (self.widget_id("aggregate"), self.widget_id("weight"));
        let raw = &mut self.row.raw;
        let current = raw.aggregate.clone();
        let shown = aggregate_wording(raw.kind.as_deref(), current.as_deref());
        let (chosen, response) = pick(
            ui,
            aggregate_id,
            shown,
            width,
            None,
            options
                .iter()
                .map(|(a, label)| (a.map(str::to_owned), *label)),
            &current,
        );
        response
            .on_hover_text("Tổng hợp: cách gộp số liệu của các đơn vị khi tỉnh tổng hợp báo cáo")
            .accessible_name(format!("Tổng hợp {id}"));
        if let Some(value) = chosen.filter(|v| *v != current) {
            raw.aggregate = value;
            if !combines_as_mean(raw) {
                raw.weight = None;
            }
            *self.edited = true;
        }
        if !combines_as_mean(raw) {
            return;
        }
        let weight = raw.weight.clone();
        let shown = weight
            .as_deref()
            .map_or_else(|| "Không trọng số".to_owned(), |w| format!("Trọng số: {w}"));
        let choices =
            std::iter::once((None, "Không trọng số".to_owned())).chain(self.weights.iter().map(
                |(candidate, label)| (Some(candidate.clone()), format!("{candidate} {label}")),
            ));
        let (picked, response) = pick(ui, weight_id, shown, width, Some(320.0), choices, &weight);
        response
            .on_hover_text(
                "Trung bình có trọng số: giá trị của mỗi đơn vị tính theo số ở hàng này (ví dụ tỷ lệ hồ sơ đúng hạn theo số hồ sơ tiếp nhận)",
            )
            .accessible_name(format!("Trọng số {id}"));
        if let Some(value) = picked.filter(|v| *v != weight) {
            self.row.raw.weight = value;
            *self.edited = true;
        }
    }

    /// The codes and their wording, in a pop-up.
    fn options(&mut self, ui: &mut egui::Ui, id: &str) {
        let yes_no = self.row.raw.kind.as_deref() == Some("yes_no");
        let Some(options) = &mut self.row.raw.options else {
            return;
        };
        let summary: Vec<String> = options
            .iter()
            .map(|c| format!("{} = {}", c.label, c.code))
            .collect();
        let mut edited = false;
        ui.menu_button(format!("{} ✎", summary.join(", ")), |ui| {
            let mut gone = None;
            egui::Grid::new(("template-options", id)).show(ui, |ui| {
                ui.label(theme::bold("Mã"));
                ui.label(theme::bold("Cách ghi trong mẫu"));
                ui.end_row();
                for (n, choice) in options.iter_mut().enumerate() {
                    let place = n + 1;
                    if yes_no {
                        ui.label(choice.code.to_string());
                    } else {
                        edited |= ui
                            .add(egui::DragValue::new(&mut choice.code).range(0..=999))
                            .accessible_name(format!("Mã thứ {place} của {id}"))
                            .changed();
                    }
                    edited |= ui
                        .add(TextEdit::singleline(&mut choice.label).desired_width(180.0))
                        .accessible_name(format!("Cách ghi mã thứ {place} của {id}"))
                        .changed();
                    if !yes_no && ui.small_button("×").on_hover_text("Xoá mã này").clicked() {
                        gone = Some(n);
                    }
                    ui.end_row();
                }
            });
            if let Some(n) = gone {
                options.remove(n);
                edited = true;
            }
            if !yes_no && ui.button("+ Thêm mã").clicked() {
                let code = options.iter().map(|c| c.code + 1).max().unwrap_or(1);
                options.push(Choice {
                    code,
                    label: String::new(),
                });
                edited = true;
            }
        })
        .response
        .on_hover_text("Các mã và cách ghi; bấm để sửa")
        .accessible_name(format!("Các mã của {id}"));
        *self.edited |= edited;
    }

    /// Levels the row applies to, and whether it must be filled.
    fn level_cell(&mut self, ui: &mut egui::Ui) {
        let id = self.id();
        let width = ui.available_width() - 8.0;
        let (levels_id, required_id) = (self.widget_id("levels"), self.widget_id("required"));
        let raw = &mut self.row.raw;
        let current = raw.levels.clone();
        // A section has nothing above it: "as above" is every level.
        let mut options = level_options(self.levels);
        if self.row.depth == Depth::Section {
            options[0].1 = "Mọi cấp".to_owned();
        }
        // A row of a template written by hand may name levels in another order or a set
        // the list does not have: shown as the levels it names.
        let shown = options
            .iter()
            .find(|(l, _)| *l == current)
            .map(|(_, label)| label.clone())
            .or_else(|| {
                current.as_ref().map(|own| {
                    own.iter()
                        .map(|l| l.label().to_lowercase())
                        .collect::<Vec<_>>()
                        .join(", ")
                })
            })
            .unwrap_or_default();
        let (levels, response) = pick(ui, levels_id, shown, width, None, options, &current);
        response
            .on_hover_text(
                "Cấp đơn vị phải nhập hàng này; “Theo hàng trên”: như nhóm hoặc mục chứa nó",
            )
            .accessible_name(format!("Cấp áp dụng {id}"));
        if let Some(value) = levels {
            raw.levels = value;
            *self.edited = true;
        }
        if self.row.depth == Depth::Section {
            return;
        }
        let has_value = raw.kind.is_some();
        let shown = REQUIRED
            .iter()
            .find(|(r, _)| *r == raw.required)
            .map_or("", |(_, label)| *label);
        let current = raw.required;
        let required = ui
            .add_enabled_ui(has_value, |ui| {
                let (required, response) =
                    pick(ui, required_id, shown, width, None, REQUIRED, &current);
                response
                    .on_hover_text("Báo lỗi hoặc cảnh báo khi để trống hàng này")
                    .accessible_name(format!("Bắt buộc nhập {id}"));
                required
            })
            .inner;
        if let Some(value) = required {
            raw.required = value;
            *self.edited = true;
        }
    }

    /// ▲ ▼ on one line, add and delete on the next.
    fn buttons_cell(&mut self, ui: &mut egui::Ui) {
        let id = self.id();
        let at = self.at;
        ui.horizontal(|ui| {
            for (up, icon, words) in [(true, "▲", "lên"), (false, "▼", "xuống")] {
                let enabled = if up { self.can_up } else { self.can_down };
                if ui
                    .add_enabled(enabled, egui::Button::new(icon).small())
                    .on_hover_text(format!("Chuyển hàng {id} {words} (mã được đánh lại)"))
                    .accessible_name(format!("Chuyển {id} {words}"))
                    .clicked()
                {
                    self.ops.push(Op::Move(at, up));
                }
            }
        });
        ui.horizontal(|ui| {
            let depth = self.row.depth;
            ui.menu_button("+", |ui| {
                let (child, sibling) = match depth {
                    Depth::Section => (
                        Some(format!("Thêm nhóm vào mục {id}")),
                        format!("Thêm mục lớn sau mục {id}"),
                    ),
                    Depth::Group => (
                        Some(format!("Thêm chỉ tiêu vào nhóm {id}")),
                        format!("Thêm nhóm sau nhóm {id}"),
                    ),
                    Depth::Item => (None, format!("Thêm chỉ tiêu sau {id}")),
                };
                if let Some(child) = child
                    && ui.button(child).clicked()
                {
                    self.ops.push(Op::AddChild(at));
                }
                if ui.button(sibling).clicked() {
                    self.ops.push(Op::AddAfter(at));
                }
            })
            .response
            .on_hover_text("Thêm hàng")
            .accessible_name(format!("Thêm hàng ở {id}"));
            let under = match depth {
                Depth::Item => String::new(),
                _ => " và các hàng bên dưới".to_owned(),
            };
            if ui
                .small_button("×")
                .on_hover_text(format!("Xoá hàng {id}{under}"))
                .accessible_name(format!("Xoá hàng {id}"))
                .clicked()
            {
                self.ops.push(Op::Delete(at));
            }
        });
    }
}
