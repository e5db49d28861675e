//! Tệp → Nhập từ Word/Excel…: a filled appendix (last year's Word table, an Excel sheet,
//! a page saved as HTML, tab-separated text) read into a report, shown first as a dry
//! run: the template it matched, the general information read, rows matched, values
//! read, what went into Ghi chú, the cells to look at, the rows that match no indicator.
//! "Mở báo cáo đã nhập" opens it as a new, unsaved report; "Lập báo cáo năm sau từ bảng
//! này" opens the next year's report with these values as last year's; "Huỷ" leaves
//! everything as it was. The file read is never written to.

use egui::RichText;

use crate::gui::command::{Action, Command};
use crate::gui::theme;
use crate::model::Template;
use crate::model::import_values::Imported;

/// A section with more detail lines than this starts folded.
const FOLDED_OVER: usize = 12;

/// The list of sections is at least this tall when it scrolls.
const MIN_LIST_HEIGHT: f32 = 360.0;

/// What was read, waiting for the officer's answer.
#[derive(Debug, Clone)]
pub struct Read {
    /// The file's name, as the officer knows it.
    pub file_name: String,
    /// The template the table was read with.
    pub template: Template,
    /// How many rows of the table matched the template when the program chose it among
    /// those it knows.
    pub chosen_by: Option<usize>,
    /// The report read and the summary of the reading.
    pub imported: Imported,
}

/// The dialog; closed when nothing was read.
#[derive(Debug, Default)]
pub struct ImportDialog {
    read: Option<Box<Read>>,
    /// Its size when last drawn ([`super::dialog`]).
    size: egui::Vec2,
}

impl ImportDialog {
    /// Whether it is shown.
    pub fn is_open(&self) -> bool {
        self.read.is_some()
    }

    /// Show what was read.
    pub fn show_read(&mut self, read: Read) {
        self.read = Some(Box::new(read));
    }

    /// What is shown, if anything.
    pub fn read(&self) -> Option<&Read> {
        self.read.as_deref()
    }

    /// What the officer accepted; the dialog closes.
    pub fn take(&mut self) -> Option<Read> {
        self.read.take().map(|r| *r)
    }

    /// Close it; nothing changes.
    pub fn close(&mut self) {
        self.read = None;
    }

    /// Draw it when shown; "Mở báo cáo đã nhập" becomes a command, "Huỷ" closes it here.
    pub fn show(&mut self, ctx: &egui::Context, out: &mut Vec<Command>) {
        let Some(read) = &self.read else {
            return;
        };
        let close = super::dialog(
            ctx,
            "import-report",
            760.0,
            &mut self.size,
            &[Action::OpenImported, Action::OpenImportedAsLastYear],
            out,
            |ui, max_height, _| summary_view(ui, read, max_height),
        );
        if close {
            self.read = None;
        }
    }
}

/// The dry run: where the values came from and went, section by section.
fn summary_view(ui: &mut egui::Ui, read: &Read, max_height: f32) {
    ui.heading(format!("Nhập “{}”", read.file_name));
    ui.add_space(6.0);
    let how = match read.chosen_by {
        Some(rows) => format!(" (mẫu khớp nhiều hàng nhất: {rows} hàng)"),
        None => String::new(),
    };
    ui.label(format!(
        "Theo mẫu “{}”, phiên bản {}{how}.",
        read.template.name, read.template.version
    ));
    ui.label(
        RichText::new(
            "Chưa có gì được ghi. “Mở báo cáo đã nhập” mở một báo cáo mới, chưa lưu, với các giá trị \
             dưới đây: hãy xem lại các ô được nêu rồi lưu với tên mới. “Lập báo cáo năm sau từ bảng \
             này” mở báo cáo của năm sau, ô Nội dung để trống, các giá trị dưới đây ở cột “Năm \
             trước” để so sánh. Tệp đã nhập được giữ nguyên.",
        )
        .color(theme::MUTED),
    );
    ui.add_space(6.0);
    egui::ScrollArea::vertical()
        .max_height(max_height)
        .min_scrolled_height(max_height.min(MIN_LIST_HEIGHT))
        .auto_shrink([false, true])
        .show(ui, |ui| {
            for (heading, details) in read.imported.summary.sections() {
                if details.is_empty() {
                    ui.label(theme::bold(heading));
                    continue;
                }
                egui::CollapsingHeader::new(theme::bold(heading.clone()))
                    .id_salt(("import-section", heading))
                    .default_open(details.len() <= FOLDED_OVER)
                    .show(ui, |ui| {
                        for line in details {
                            ui.add(egui::Label::new(line).wrap());
                        }
                    });
            }
        });
}
