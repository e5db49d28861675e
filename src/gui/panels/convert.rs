//! Tệp → Chuyển sang mẫu khác…: the open report (last year's, or one made on an older
//! form) moved onto another template. First the officer picks the template (one the
//! program knows, or a template file); then the summary of the move
//! (`model::migrate::move_report`) shows in four groups: what moved by id, what moved by
//! label under a new id, what did not move and why (each with a "Chép" button that puts
//! its value and note on the clipboard), and the new form's required rows left empty.
//! "Mở báo cáo mới" opens the moved report as a new, unsaved report; "Huỷ" leaves
//! everything as it was.

use egui::RichText;

use crate::gui::command::{Action, Command};
use crate::gui::theme;
use crate::model::Template;
use crate::model::migrate::{Group, Line, Moved};
use crate::store::templates::TemplateStore;

/// The groups of the summary, in the order shown.
const GROUPS: [Group; 4] = [
    Group::NotMoved,
    Group::ByLabel,
    Group::RequiredEmpty,
    Group::ById,
];
/// A group with more lines than this starts folded (the rows that moved by id are most
/// of the form: the officer looks at the others first).
const FOLDED_OVER: usize = 12;

/// The list of lines is at least this tall when it scrolls (a few lines, not a sliver).
const MIN_LIST_HEIGHT: f32 = 360.0;

/// A template the officer can move the report onto.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    /// Its id.
    pub id: String,
    /// Its version.
    pub version: String,
    /// Its name.
    pub name: String,
}

/// The move worked out, waiting for the officer's answer.
#[derive(Debug, Clone)]
pub struct Summary {
    /// The report on the new template and what happened to each entry.
    pub moved: Moved,
    /// The new template.
    pub to: Template,
}

/// Where the dialog is.
#[derive(Debug, Clone)]
enum Step {
    /// Choosing the template; why the last choice could not be used.
    Choose {
        from: String,
        choices: Vec<Choice>,
        problem: Option<String>,
    },
    /// The summary of the move.
    Summary(Box<Summary>),
}

/// The dialog; closed when `step` is `None`.
#[derive(Debug, Default)]
pub struct ConvertDialog {
    step: Option<Step>,
    /// Its size when last drawn ([`super::dialog`]).
    size: egui::Vec2,
}

impl ConvertDialog {
    /// Whether it is shown.
    pub fn is_open(&self) -> bool {
        self.step.is_some()
    }

    /// Show it at its first step: the templates the program knows, the report's own left
    /// out.
    pub fn open(&mut self, store: &TemplateStore, current: &Template) {
        let choices = store
            .list()
            .into_iter()
            .filter(|t| !t.is_same_form(current))
            .map(|t| Choice {
                id: t.id,
                version: t.version,
                name: t.name,
            })
            .collect();
        self.step = Some(Step::Choose {
            from: format!("“{}”, phiên bản {}", current.name, current.version),
            choices,
            problem: None,
        });
    }

    /// Close it; nothing changes.
    pub fn close(&mut self) {
        self.step = None;
    }

    /// The chosen template could not be used: say why at the first step.
    pub fn refuse(&mut self, why: String) {
        if let Some(Step::Choose { problem, .. }) = &mut self.step {
            *problem = Some(why);
        }
    }

    /// Show the summary of a move.
    pub fn summarise(&mut self, moved: Moved, to: Template) {
        self.step = Some(Step::Summary(Box::new(Summary { moved, to })));
    }

    /// The summary shown, if any.
    pub fn summary(&self) -> Option<&Summary> {
        match &self.step {
            Some(Step::Summary(summary)) => Some(summary),
            _ => None,
        }
    }

    /// The move the officer accepted; the dialog closes.
    pub fn take_summary(&mut self) -> Option<Summary> {
        match self.step.take() {
            Some(Step::Summary(summary)) => Some(*summary),
            other => {
                self.step = other;
                None
            }
        }
    }

    /// Draw it when shown; its buttons become commands ("Huỷ" closes it here).
    pub fn show(&mut self, ctx: &egui::Context, out: &mut Vec<Command>) {
        let Some(step) = &self.step else {
            return;
        };
        let accept = match step {
            Step::Choose { .. } => Action::PickConvertTemplate,
            Step::Summary(_) => Action::OpenConverted,
        };
        let close = super::dialog(
            ctx,
            "convert-report",
            720.0,
            &mut self.size,
            &[accept],
            out,
            |ui, max_height, out| match step {
                Step::Choose {
                    from,
                    choices,
                    problem,
                } => choose(ui, from, choices, problem.as_deref(), out),
                Step::Summary(summary) => summary_view(ui, summary, max_height, out),
            },
        );
        if close {
            self.step = None;
        }
    }
}

/// The first step: the report's template, the others to pick from.
fn choose(
    ui: &mut egui::Ui,
    from: &str,
    choices: &[Choice],
    problem: Option<&str>,
    out: &mut Vec<Command>,
) {
    ui.heading("Chuyển sang mẫu khác");
    ui.add_space(6.0);
    ui.label(format!(
        "Báo cáo đang mở làm theo mẫu {from}. Chọn mẫu mới: giá trị được chuyển sang hàng cùng mã \
         chỉ tiêu, không có thì sang hàng cùng tên; giá trị không chuyển được vẫn được giữ trong \
         tệp và liệt kê để chép. Báo cáo đang mở được giữ nguyên."
    ));
    ui.add_space(8.0);
    if choices.is_empty() {
        ui.label(
            RichText::new("Chương trình chưa có mẫu biểu nào khác; hãy chọn tệp mẫu biểu.")
                .color(theme::MUTED),
        );
    }
    for choice in choices {
        let text = format!("{} — phiên bản {}", choice.name, choice.version);
        if ui.button(text).clicked() {
            out.push(Command::ConvertTo {
                id: choice.id.clone(),
                version: choice.version.clone(),
            });
        }
    }
    if let Some(problem) = problem {
        ui.add_space(6.0);
        ui.label(RichText::new(format!("⚠ {problem}")).color(theme::ERROR));
    }
}

/// The second step: what the move did, group by group.
fn summary_view(ui: &mut egui::Ui, summary: &Summary, max_height: f32, out: &mut Vec<Command>) {
    let Summary { moved, to } = summary;
    ui.heading(format!(
        "Chuyển sang mẫu “{}”, phiên bản {}",
        to.name, to.version
    ));
    ui.add_space(6.0);
    let verdict = if moved.is_complete() {
        "Mọi giá trị đều chuyển được.".to_owned()
    } else {
        let left = moved.lines(Group::NotMoved).count();
        format!(
            "{left} mục không chuyển được: vẫn được giữ trong tệp của báo cáo mới; bấm “Chép” để chép giá trị và ghi chú rồi dán vào ô phù hợp."
        )
    };
    ui.label(verdict);
    ui.label(
        RichText::new(
            "“Mở báo cáo mới” mở báo cáo theo mẫu mới, chưa lưu: hãy lưu với tên mới; tệp báo cáo cũ được giữ nguyên.",
        )
        .color(theme::MUTED),
    );
    ui.add_space(6.0);
    egui::ScrollArea::vertical()
        .max_height(max_height)
        .min_scrolled_height(max_height.min(MIN_LIST_HEIGHT))
        .auto_shrink([false, true])
        .show(ui, |ui| {
            for group in GROUPS {
                let lines: Vec<&Line> = moved.lines(group).collect();
                let title = format!("{} ({})", group.title(), lines.len());
                egui::CollapsingHeader::new(theme::bold(title))
                    .id_salt(("convert-group", group.title()))
                    .default_open(lines.len() <= FOLDED_OVER)
                    .show(ui, |ui| {
                        if lines.is_empty() {
                            ui.label(RichText::new("Không có.").color(theme::MUTED));
                        }
                        for line in lines {
                            line_row(ui, line, out);
                        }
                    });
            }
        });
}

/// One line of the summary; a line that did not move has its "Chép" button.
fn line_row(ui: &mut egui::Ui, line: &Line, out: &mut Vec<Command>) {
    let copy = match line {
        Line::NotMoved {
            id, shown, note, ..
        } => {
            // Value and note side by side, as two cells of Excel: pasted into a value
            // cell of the table they fill Nội dung and Ghi chú.
            let (text, what) = match (shown.is_empty(), note.is_empty()) {
                (_, true) => (shown.clone(), "giá trị"),
                (true, false) => (format!("\t{note}"), "ghi chú"),
                (false, false) => (format!("{shown}\t{note}"), "giá trị và ghi chú"),
            };
            Some((id.clone(), text, format!("{what} của {id}")))
        }
        Line::ExplanationNotMoved { key, note, .. } => Some((
            format!("giải trình {key}"),
            note.clone(),
            format!("giải trình “{key}”"),
        )),
        _ => None,
    };
    ui.horizontal(|ui| {
        if let Some((name, text, what)) = copy {
            let button = ui
                .small_button("Chép")
                .on_hover_text("Chép giá trị và ghi chú (dán vào ô bằng Ctrl+V)")
                .accessible_name(format!("Chép {name}"));
            if button.clicked() {
                out.push(Command::CopyText { text, what });
            }
        }
        ui.add(egui::Label::new(drawable(&line.to_string())).wrap());
    });
}

/// The text with its arrows ("III.7.1 → III.8.1") in the one the window's fonts draw:
/// Noto Sans has no "→", the symbols cut has "➔".
fn drawable(text: &str) -> String {
    text.replace('→', "➔")
}
