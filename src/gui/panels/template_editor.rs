//! The template editor (Tệp → Mẫu biểu → Sửa mẫu đang dùng…, or a template just made from
//! the province's table): the form's rows in a table, each with its label, unit, kind and
//! codes, levels, whether it must be filled, and its checks, read as they are typed with
//! any problem shown red at the row, as report cells show theirs. Rows are added, deleted
//! and moved with their ids renumbered by the form's scheme (`model::template::edit`);
//! what the table's guess said about a row stays at the row until the officer has looked.
//!
//! The editor owns its draft and draws itself; saving (always as a new version) and
//! closing are [`Action`]s the window carries out.
//!
//! - here: the state, the bar above the table, the section tabs and the table;
//! - `row`: the cells of one row; `checks`: its checks.

mod checks;
mod row;

use egui::{Align, Layout, RichText};
use egui_extras::{Column, TableBuilder};

use crate::gui::command::{Action, Command};
use crate::gui::theme;
use crate::model::template::YearOverYear;
use crate::model::template::edit::{Draft, Lint, combines_as_mean};
use crate::model::template::from_table::NoteLevel;
use crate::model::{Depth, LevelChoice};

/// How many changes of rows "Hoàn tác" can take back.
const MAX_UNDO: usize = 50;

/// Which widget of a row gets the cursor next.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Field {
    /// The label.
    Label,
    /// The test of the row's n-th check.
    Check(usize),
}

/// A change of rows asked for while the table was drawn, made once it is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    /// A row one level below this one, after those already there.
    AddChild(usize),
    /// A row of the same level after this one and the rows under it.
    AddAfter(usize),
    /// A section at the end.
    AddSection,
    /// This row and the rows under it.
    Delete(usize),
    /// Up (`true`) or down.
    Move(usize, bool),
    /// An empty check on this row.
    AddCheck(usize),
    /// This row's n-th check.
    DeleteCheck(usize, usize),
    /// The officer has looked at what the guess said about this row.
    Reviewed(usize),
}

/// The last thing done or refused, said above the table.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Said {
    problem: bool,
    text: String,
}

/// The template editor.
pub struct TemplateEditor {
    /// The template being edited.
    pub draft: Draft,
    /// Where it came from: "mẫu đang dùng …", "bảng “…”".
    origin: String,
    /// The template file's text when opened or last saved.
    baseline: String,
    /// The section shown (its row's key); `None`: every row.
    section: Option<u64>,
    undo: Vec<Draft>,
    focus: Option<(u64, Field)>,
    scroll_to: Option<u64>,
    lint: Option<Lint>,
    said: Option<Said>,
    show_titles: bool,
}

impl TemplateEditor {
    /// An editor on `draft`; `origin` says where it came from.
    pub fn new(draft: Draft, origin: String) -> TemplateEditor {
        let baseline = draft.to_json().unwrap_or_default();
        TemplateEditor {
            draft,
            origin,
            baseline,
            section: None,
            undo: Vec::new(),
            focus: None,
            scroll_to: None,
            lint: None,
            said: None,
            show_titles: false,
        }
    }

    /// Whether there are changes not saved as a template.
    pub fn is_dirty(&self) -> bool {
        self.draft.to_json().ok().as_deref() != Some(self.baseline.as_str())
    }

    /// Say something above the table (a problem in red).
    pub fn say(&mut self, problem: bool, text: impl Into<String>) {
        self.said = Some(Said {
            problem,
            text: text.into(),
        });
    }

    /// The draft was saved; the next save will be `next_version`.
    pub fn saved(&mut self, version: &str, next_version: String) {
        self.say(
            false,
            format!("Đã lưu phiên bản “{version}”; lần lưu sau sẽ là phiên bản “{next_version}”"),
        );
        self.draft.head.version = next_version;
        self.baseline = self.draft.to_json().unwrap_or_default();
        self.lint = None;
    }

    /// Saving was refused: say why, and show the row it is about.
    pub fn refused(&mut self, text: String) {
        if let Some((Some(at), _)) = self.current_lint().invalid.clone()
            && let Some(row) = self.draft.rows.get(at)
        {
            self.scroll_to = Some(row.key);
            self.section = None;
        }
        self.say(true, text);
    }

    /// Rows whose review notes are still to be looked at.
    pub fn review_count(&self) -> usize {
        self.draft.rows.iter().filter(|r| r.needs_review()).count()
    }

    fn current_lint(&mut self) -> &Lint {
        self.lint.get_or_insert_with(|| self.draft.lint())
    }

    /// Draw the editor in the central area.
    pub fn show(&mut self, ui: &mut egui::Ui, out: &mut Vec<Command>) {
        let mut ops = Vec::new();
        egui::Panel::top("template-editor-bar").show(ui, |ui| {
            self.bar(ui, out);
            self.status(ui);
            self.tabs(ui, &mut ops);
        });
        egui::CentralPanel::default().show(ui, |ui| {
            egui::ScrollArea::horizontal().show(ui, |ui| self.table(ui, &mut ops));
        });
        for op in ops {
            self.apply(op);
        }
    }

    /// Title, the template's name, id and version, save and close.
    fn bar(&mut self, ui: &mut egui::Ui, out: &mut Vec<Command>) {
        let mut edited = false;
        ui.horizontal_wrapped(|ui| {
            ui.label(theme::bold("Sửa mẫu biểu").size(16.0));
            ui.label(RichText::new(&self.origin).color(theme::MUTED));
        });
        ui.horizontal_wrapped(|ui| {
            let mut field = |ui: &mut egui::Ui, label: &str, text: &mut String, width: f32| {
                ui.label(label);
                edited |= ui
                    .add(egui::TextEdit::singleline(text).desired_width(width))
                    .accessible_name(label.trim_end_matches(':'))
                    .changed();
            };
            field(ui, "Tên mẫu:", &mut self.draft.head.name, 360.0);
            field(ui, "Mã mẫu:", &mut self.draft.head.id, 130.0);
            field(ui, "Phiên bản:", &mut self.draft.head.version, 80.0);
            self.levels_choice(ui);
            ui.toggle_value(&mut self.show_titles, "Tiêu đề in ▾")
                .on_hover_text("Dòng “Phụ lục”, tên bảng và dòng ghi chú năm in trên phụ lục; ngưỡng cảnh báo so với năm trước");
            ui.separator();
            if ui
                .button(theme::bold(Action::SaveTemplate.label()))
                .on_hover_text(
                    "Lưu thành phiên bản mới trong thư mục mẫu biểu của chương trình (Ctrl+S); mẫu cũ và các báo cáo làm theo mẫu cũ được giữ nguyên",
                )
                .clicked()
            {
                out.push(Action::SaveTemplate.into());
            }
            let back = ui
                .add_enabled(!self.undo.is_empty(), egui::Button::new("Hoàn tác"))
                .on_hover_text("Bỏ lần thêm, xoá, chuyển hàng hoặc thêm, xoá kiểm tra vừa rồi");
            if back.clicked()
                && let Some(previous) = self.undo.pop()
            {
                self.draft = previous;
                self.lint = None;
                self.say(false, "Đã hoàn tác");
            }
            if ui.button("Đóng").clicked() {
                out.push(Action::CloseTemplateEditor.into());
            }
        });
        if self.show_titles {
            egui::Grid::new("template-titles")
                .num_columns(2)
                .show(ui, |ui| {
                    let d = &mut self.draft.head;
                    for (label, text) in [
                        ("Dòng phụ lục:", &mut d.heading),
                        ("Tên bảng ({year} là năm):", &mut d.title),
                        ("Dòng ghi chú ({year} là năm):", &mut d.caption),
                    ] {
                        ui.label(label);
                        edited |= ui
                            .add(egui::TextEdit::singleline(text).desired_width(760.0))
                            .accessible_name(label.trim_end_matches(':'))
                            .changed();
                        ui.end_row();
                    }
                    ui.label("Cảnh báo so với năm trước:");
                    edited |= year_over_year(ui, &mut d.year_over_year);
                    ui.end_row();
                });
        }
        if edited {
            self.lint = None;
        }
    }

    /// Who fills the form: communes and districts (forms until June 2025) or communes and
    /// provinces (two-level local government).
    fn levels_choice(&mut self, ui: &mut egui::Ui) {
        let presets = [
            ("Cấp xã, cấp huyện (đến 6/2025)", LevelChoice::before_2025()),
            (
                "Cấp xã, cấp tỉnh (chính quyền hai cấp)",
                LevelChoice::two_level(),
            ),
        ];
        let current = self.draft.levels();
        let shown = presets.iter().find(|(_, l)| *l == current).map_or_else(
            || {
                current
                    .iter()
                    .map(|l| l.label.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            },
            |(name, _)| (*name).to_owned(),
        );
        let label = ui.label("Đơn vị điền:");
        let mut picked = None;
        egui::ComboBox::from_id_salt("template-levels")
            .selected_text(shown)
            .width(280.0)
            .show_ui(ui, |ui| {
                for (name, levels) in &presets {
                    if ui.selectable_label(*levels == current, *name).clicked() {
                        picked = Some(levels.clone());
                    }
                }
            })
            .response
            .on_hover_text("Các cấp đơn vị điền mẫu này, hiện ở tab Thông tin chung của báo cáo")
            .labelled_by(label.id);
        let Some(levels) = picked.filter(|l| *l != current) else {
            return;
        };
        self.remember_for_undo();
        let changed = self.draft.set_levels(levels);
        self.lint = None;
        let text = if changed.is_empty() {
            "Đã đổi các cấp điền mẫu".to_owned()
        } else {
            format!(
                "Đã đổi các cấp điền mẫu; {} hàng đổi giữa cấp huyện và cấp tỉnh theo mẫu mới, hãy xem lại: {}",
                changed.len(),
                changed.join(", ")
            )
        };
        self.say(false, text);
    }

    /// Whether the template can be used, what the guess asks to review, the last outcome.
    fn status(&mut self, ui: &mut egui::Ui) {
        let invalid = self.current_lint().invalid.clone();
        let rows = self.draft.rows.len();
        let checks: usize = self.draft.rows.iter().map(|r| r.raw.checks.len()).sum();
        ui.horizontal_wrapped(|ui| match &invalid {
            None => {
                ui.label(
                    RichText::new(format!(
                        "✓ Mẫu biểu dùng được: {rows} hàng, {checks} kiểm tra"
                    ))
                    .color(theme::DONE),
                );
            }
            Some((at, message)) => {
                ui.label(RichText::new(format!("⚠ Chưa lưu được: {message}")).color(theme::ERROR));
                if let Some(key) = at.and_then(|at| self.draft.rows.get(at)).map(|r| r.key)
                    && ui.small_button("Đến hàng này").clicked()
                {
                    self.section = None;
                    self.scroll_to = Some(key);
                }
            }
        });
        let review = self.review_count();
        if review > 0 {
            ui.horizontal_wrapped(|ui| {
                ui.label(
                    RichText::new(format!(
                        "△ Còn {review} hàng chương trình đoán chưa chắc, xin kiểm tra (đánh dấu ⚠ ở hàng)"
                    ))
                    .color(theme::WARNING),
                );
                if ui.small_button("Đến hàng tiếp theo").clicked() {
                    self.next_review();
                }
            });
        }
        for note in &self.draft.notes {
            let (icon, color) = match note.level {
                NoteLevel::Review => ("⚠", theme::WARNING),
                NoteLevel::Info => ("·", theme::MUTED),
            };
            ui.label(RichText::new(format!("{icon} Bảng: {}", note.text)).color(color));
        }
        if let Some(said) = &self.said {
            let color = if said.problem {
                theme::ERROR
            } else {
                theme::DONE
            };
            ui.add(egui::Label::new(RichText::new(&said.text).color(color)).wrap());
        }
    }

    /// Show the next row whose guess is to be reviewed, after the one shown last.
    fn next_review(&mut self) {
        let from = self
            .scroll_to
            .and_then(|key| self.draft.index_of(key))
            .map_or(0, |at| at + 1);
        let rows = &self.draft.rows;
        let next = (from..rows.len())
            .chain(0..from)
            .find(|&i| rows[i].needs_review());
        if let Some(i) = next {
            self.section = None;
            self.scroll_to = Some(rows[i].key);
        }
    }

    /// The sections as the report's tabs will show them, with their rows counted; a click
    /// shows only that section.
    fn tabs(&mut self, ui: &mut egui::Ui, ops: &mut Vec<Op>) {
        let mut counts: Vec<(u64, String, usize)> = Vec::new();
        for row in &self.draft.rows {
            if row.depth == Depth::Section {
                let short = row.raw.short.as_deref().unwrap_or(&row.raw.label);
                counts.push((row.key, format!("{}. {short}", row.raw.id), 0));
            }
            if let Some(last) = counts.last_mut() {
                last.2 += 1;
            }
        }
        ui.horizontal_wrapped(|ui| {
            let all = format!("Tất cả ({} hàng)", self.draft.rows.len());
            if ui.selectable_label(self.section.is_none(), all).clicked() {
                self.section = None;
            }
            for (key, name, count) in counts {
                let label = format!("{name} ({count})");
                if ui
                    .selectable_label(self.section == Some(key), label)
                    .on_hover_text("Tab của mục lớn trong báo cáo, với số hàng của mục")
                    .clicked()
                {
                    self.section = Some(key);
                }
            }
            if ui.button("+ Thêm mục lớn").clicked() {
                ops.push(Op::AddSection);
            }
        });
    }

    /// The rows shown: every row, or those of the chosen section.
    fn visible(&self) -> Vec<usize> {
        let mut section = None;
        let mut shown = Vec::with_capacity(self.draft.rows.len());
        for (i, row) in self.draft.rows.iter().enumerate() {
            if row.depth == Depth::Section {
                section = Some(row.key);
            }
            if self.section.is_none() || self.section == section {
                shown.push(i);
            }
        }
        shown
    }

    fn table(&mut self, ui: &mut egui::Ui, ops: &mut Vec<Op>) {
        let visible = self.visible();
        let lint = self.current_lint().clone();
        let widths = row::Widths::for_width(ui, ui.available_width());
        let header_h = row::line_height(ui) + 6.0;
        let heights: Vec<f32> = visible
            .iter()
            .map(|&i| row::height(ui, &widths, &self.draft.rows[i], &lint, i))
            .collect();
        let target = self
            .scroll_to
            .take()
            .and_then(|key| visible.iter().position(|&i| self.draft.rows[i].key == key));
        let mut table = TableBuilder::new(ui)
            .id_salt("template-editor-table")
            .striped(false)
            .resizable(false)
            .cell_layout(Layout::top_down(Align::LEFT))
            .min_scrolled_height(0.0)
            .max_scroll_height(f32::INFINITY);
        for width in widths.columns() {
            table = table.column(Column::exact(width));
        }
        if let Some(at) = target {
            table = table.scroll_to_row(at, Some(Align::Center));
        }
        let mut edited = false;
        let levels = self.draft.levels();
        table
            .header(header_h, |mut header| {
                for title in row::TITLES {
                    header.col(|ui| theme::header_title(ui, title));
                }
            })
            .body(|body| {
                body.heterogeneous_rows(heights.into_iter(), |mut table_row| {
                    let at = visible[table_row.index()];
                    let weights = if combines_as_mean(&self.draft.rows[at].raw) {
                        self.draft.weight_candidates(at)
                    } else {
                        Vec::new()
                    };
                    let view = row::RowView {
                        at,
                        can_up: self.draft.can_move(at, true),
                        can_down: self.draft.can_move(at, false),
                        levels: &levels,
                        weights: &weights,
                        row: &mut self.draft.rows[at],
                        lint: &lint,
                        focus: &mut self.focus,
                        ops: &mut *ops,
                        edited: &mut edited,
                    };
                    view.show(&mut table_row);
                });
            });
        if edited {
            self.lint = None;
        }
    }

    /// Keep the draft as it is for "Hoàn tác" (the last [`MAX_UNDO`] steps).
    fn remember_for_undo(&mut self) {
        self.undo.push(self.draft.clone());
        if self.undo.len() > MAX_UNDO {
            self.undo.remove(0);
        }
    }

    /// Make a change of rows asked for while drawing, and say what it did.
    fn apply(&mut self, op: Op) {
        let structural = !matches!(op, Op::Reviewed(_));
        if structural {
            self.remember_for_undo();
        }
        self.lint = None;
        let id =
            |d: &Draft, at: usize| d.rows.get(at).map(|r| r.raw.id.clone()).unwrap_or_default();
        let with =
            |first: String, renumbered: &crate::model::template::edit::Renumbered| match renumbered
                .describe()
            {
                said if said.is_empty() => first,
                said => format!("{first}; {said}"),
            };
        match op {
            Op::AddChild(_) | Op::AddAfter(_) | Op::AddSection => {
                let added = match op {
                    Op::AddChild(at) => self.draft.add_child(at),
                    Op::AddAfter(at) => self.draft.add_after(at),
                    _ => Some(self.draft.add_section()),
                };
                if let Some((new, renumbered)) = added {
                    let key = self.draft.rows[new].key;
                    self.show_row(new);
                    self.focus = Some((key, Field::Label));
                    let text = format!("Đã thêm hàng {}", id(&self.draft, new));
                    self.say(false, with(text, &renumbered));
                }
            }
            Op::Delete(at) => {
                let name = id(&self.draft, at);
                match self.draft.delete(at) {
                    Ok(renumbered) => {
                        self.say(false, with(format!("Đã xoá hàng {name}"), &renumbered));
                    }
                    Err(why) => {
                        self.undo.pop();
                        self.say(true, why);
                    }
                }
            }
            Op::Move(at, up) => {
                let old = id(&self.draft, at);
                if let Some((new, renumbered)) = self.draft.move_row(at, up) {
                    self.show_row(new);
                    let text = format!("Đã chuyển hàng {old} thành {}", id(&self.draft, new));
                    self.say(false, with(text, &renumbered));
                } else {
                    self.undo.pop();
                }
            }
            Op::AddCheck(at) => {
                if let Some(n) = self.draft.add_check(at) {
                    let key = self.draft.rows[at].key;
                    self.focus = Some((key, Field::Check(n)));
                }
            }
            Op::DeleteCheck(at, n) => {
                if let Some(row) = self.draft.rows.get_mut(at)
                    && n < row.raw.checks.len()
                {
                    let gone = row.raw.checks.remove(n);
                    let text = format!("Đã xoá kiểm tra “{}” ở hàng {}", gone.test, row.raw.id);
                    self.say(false, text);
                }
            }
            Op::Reviewed(at) => {
                if let Some(row) = self.draft.rows.get_mut(at) {
                    row.reviewed = true;
                }
            }
        }
    }

    /// Scroll to a row, switching to its section's tab when another one is shown.
    fn show_row(&mut self, at: usize) {
        let Some(row) = self.draft.rows.get(at) else {
            return;
        };
        self.scroll_to = Some(row.key);
        if self.section.is_some() {
            self.section = self.draft.rows[..=at]
                .iter()
                .rev()
                .find(|r| r.depth == Depth::Section)
                .map(|r| r.key);
        }
    }
}

/// The limits of the year-over-year warning, as the template keeps them (`None`: the
/// defaults, written out only once changed). Whether anything changed.
fn year_over_year(ui: &mut egui::Ui, limits: &mut Option<YearOverYear>) -> bool {
    let mut now = limits.unwrap_or_default();
    let mut changed = false;
    ui.horizontal_wrapped(|ui| {
        let mut number = |ui: &mut egui::Ui, value: &mut f64, name: &str, suffix: &str| {
            changed |= ui
                .add(
                    egui::DragValue::new(value)
                        .range(0.0..=100_000.0)
                        .speed(1.0)
                        .suffix(suffix),
                )
                .accessible_name(name)
                .changed();
        };
        ui.label("số liệu tăng, giảm quá ±");
        number(ui, &mut now.percent, "Ngưỡng phần trăm", " %");
        ui.label("và quá");
        number(ui, &mut now.units, "Ngưỡng đơn vị", " đơn vị");
        ui.label("; tỷ lệ % thay đổi quá");
        number(ui, &mut now.points, "Ngưỡng điểm phần trăm", " điểm");
    });
    if changed {
        *limits = (now != YearOverYear::default()).then_some(now);
    }
    changed
}
