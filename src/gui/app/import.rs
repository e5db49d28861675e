//! Bringing last year's numbers in. Tệp → Nhập từ Word/Excel…: the filled appendix
//! picked, read with the template that matches most of its rows
//! (`model::import_values`), the dry run shown, and the report read opened as a new,
//! unsaved report once the officer accepts it (the open report's unsaved changes asked
//! about first, as for any command that leaves it). Tệp → Báo cáo mới từ báo cáo năm
//! trước…: this year's report started from last year's file, last year's values beside
//! the empty cells.

use std::path::Path;

use super::PhulucApp;
use crate::gui::command::{Action, Command};
use crate::gui::files;
use crate::gui::notices::Tone;
use crate::gui::panels::import_report::Read;
use crate::model::PreviousYear;
use crate::model::import_values::{best_template, import_values};

impl PhulucApp {
    /// An import action; `false` when the action is not one.
    pub(super) fn apply_import_action(&mut self, ctx: &egui::Context, action: Action) -> bool {
        match action {
            Action::ImportFilled => {
                // A text field under the dialog must not keep the cursor.
                ctx.memory_mut(egui::Memory::stop_text_input);
                self.edit = None;
                if let Some(path) = files::pick_table(
                    "Chọn phụ lục đã điền (Word, Excel…)",
                    self.settings.last_folder.as_deref(),
                ) {
                    self.pending.push(Command::ImportFrom(path));
                }
            }
            Action::NewFromLastYear => {
                if let Some(path) = files::pick_report(
                    "Chọn báo cáo năm trước",
                    self.settings.last_folder.as_deref(),
                ) {
                    self.pending.push(Command::NextYearFrom(path));
                }
            }
            Action::AttachLastYear => {
                if let Some(path) = files::pick_report(
                    "Chọn báo cáo năm trước để so sánh",
                    self.settings.last_folder.as_deref(),
                ) {
                    self.pending.push(Command::AttachLastYearFrom(path));
                }
            }
            Action::OpenImported => self.open_imported(false),
            Action::OpenImportedAsLastYear => self.open_imported(true),
            _ => return false,
        }
        true
    }

    /// [`Command::ImportFrom`]: read the table and show what was read; a table that
    /// cannot be read is said so, and nothing changes.
    pub(super) fn import_from(&mut self, path: &Path) {
        let file_name = crate::store::shown_name(path);
        const CANNOT: &str = "Không nhập được bảng";
        let grid = match crate::import::read_table(path) {
            Ok(grid) => grid,
            Err(e) => return self.tell_message(CANNOT, e.to_string()),
        };
        let known = self.session.templates().list();
        let (template, matched) = match best_template(&grid, &known) {
            Ok((best, matched)) => (best.clone(), matched),
            Err(e) => return self.tell_message(CANNOT, format!("“{file_name}”: {e}")),
        };
        let imported = match import_values(&grid, &template) {
            Ok(imported) => imported,
            Err(e) => return self.tell_message(CANNOT, format!("“{file_name}”: {e}")),
        };
        self.settings.picked(path);
        self.import.show_read(Read {
            file_name,
            template,
            chosen_by: Some(matched),
            imported,
        });
    }

    /// [`Command::NextYearFrom`]: this year's report from last year's report file, as a
    /// new, unsaved report.
    pub(super) fn new_from_last_year(&mut self, path: &Path) {
        match self.session.new_from_last_year(path) {
            Ok(()) => {
                self.settings.picked(path);
                self.next_year_opened();
            }
            Err(failure) => self.tell(failure),
        }
    }

    /// [`Command::AttachLastYearFrom`]: last year's values beside this report's.
    pub(super) fn attach_last_year(&mut self, path: &Path) {
        match self.session.attach_last_year(path) {
            Ok(shown) => {
                let last = self.last_year_in_sentence();
                self.notices.push(
                    Tone::Done,
                    format!(
                        "Đã gắn {shown} giá trị của báo cáo {last}: xem ở cột “Năm trước”; số liệu thay đổi bất thường được cảnh báo. Lưu báo cáo để giữ lại"
                    ),
                );
            }
            Err(failure) => self.tell(failure),
        }
    }

    /// The open report's last year, in a sentence: "năm 2021".
    fn last_year_in_sentence(&self) -> String {
        self.doc()
            .report
            .previous
            .as_ref()
            .map_or_else(|| "năm trước".to_owned(), PreviousYear::in_sentence)
    }

    /// The next year's report is open: say what was carried and what is left to do.
    fn next_year_opened(&mut self) {
        self.report_replaced();
        let last = self.last_year_in_sentence();
        let this = self.doc().report.general.year().map_or_else(
            || "năm mới (hãy nhập năm báo cáo ở tab Thông tin chung)".to_owned(),
            |y| format!("năm {y}"),
        );
        self.notices.push(
            Tone::Done,
            format!(
                "Đã lập báo cáo {this} từ báo cáo {last}, chưa lưu: số liệu {last} hiện ở cột “Năm trước” bên cạnh ô Nội dung; số và ngày báo cáo để trống. Nhập số liệu năm nay rồi lưu với tên mới ({})",
                Action::SaveAs.label()
            ),
        );
    }

    /// What was read as a new, unsaved report, or (`as_last_year`) as last year's values
    /// of the next year's report; the file read is left as it is.
    fn open_imported(&mut self, as_last_year: bool) {
        let Some(read) = self.import.take() else {
            return;
        };
        let file_name = read.file_name;
        let report = if as_last_year {
            read.imported.report.next_year(&file_name)
        } else {
            read.imported.report
        };
        if let Err(failure) = self.session.open_moved(read.template, report, None) {
            return self.tell(failure);
        }
        if as_last_year {
            return self.next_year_opened();
        }
        self.report_replaced();
        self.notices.push(
            Tone::Done,
            format!(
                "Đã mở báo cáo nhập từ “{file_name}”, chưa lưu: hãy xem lại các ô được nêu rồi lưu với tên mới ({})",
                Action::SaveAs.label()
            ),
        );
    }
}
