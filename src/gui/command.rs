//! Everything a user can ask of the window.
//!
//! [`Action`]s are the requests without data (menu items, shortcuts, dialog buttons):
//! each knows its Vietnamese label and shortcut, and the menus and the shortcut list are
//! made from them, so they can never disagree. [`Command`]s are what the app applies
//! after drawing: an action, or a request that carries data (a cell and its text).

use egui::{Key, KeyboardShortcut, Modifiers};

use crate::model::report::GeneralField;
use crate::model::{IndicatorId, Level};
use crate::session::{CellRef, Direction};

/// A request without data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// Start a new, empty report (asks about unsaved changes).
    New,
    /// Open a report file chosen in a dialog.
    Open,
    /// Open the real 2021 example of Ngã Năm.
    OpenExample,
    /// Start a new report from a template file chosen in a dialog.
    OpenTemplate,
    /// Combine report files chosen in a dialog (the province's roll-up).
    RollupFiles,
    /// Combine every report in a folder chosen in a dialog.
    RollupFolder,
    /// Save to the current file (asks for one when there is none).
    Save,
    /// Save to a file chosen in a dialog.
    SaveAs,
    /// Show the pages as they will print.
    Preview,
    /// Write the appendix as PDF and open it for printing (asks first when it has errors).
    Print,
    /// Same, the officer having agreed to a draft.
    PrintDraft,
    /// Export the appendix to Excel.
    ExportExcel,
    /// Export the appendix to Word, to attach to a report written in Word.
    ExportWord,
    /// Write the blank form as PDF, to print and fill in by hand.
    PrintBlank,
    /// Print, preview and export on landscape A4, or back to portrait.
    ToggleLandscape,
    /// Close the window (asks about unsaved changes).
    Quit,
    /// Undo the last cell edit.
    Undo,
    /// Redo.
    Redo,
    /// Show the find box.
    Find,
    /// Show or hide the problems panel.
    ToggleProblems,
    /// Close the print preview.
    ClosePreview,
    /// Restore the recovery copy being offered.
    RestoreRecovery,
    /// Keep the recovery copy being offered aside without restoring it.
    SetAsideRecovery,
    /// Make a template from the province's blank table: a file, or a table pasted.
    TemplateFromTable,
    /// In that dialog: pick the table's file.
    PickTableFile,
    /// In that dialog: read the table copied from Word or Excel (as Ctrl+V does).
    PasteTable,
    /// Open the template editor on the template of the open report.
    EditTemplate,
    /// Save the template being edited as a new version.
    SaveTemplate,
    /// Close the template editor (asks first when it has unsaved changes).
    CloseTemplateEditor,
    /// Close the template editor, its unsaved changes dropped.
    DiscardTemplate,
    /// Move the open report onto another template: pick it, see what moves.
    ConvertReport,
    /// In that dialog: pick the template's file.
    PickConvertTemplate,
    /// In that dialog: open the moved report as a new, unsaved report (asks about the
    /// open report's unsaved changes first).
    OpenConverted,
    /// Read a filled appendix (Word, Excel, …) into a new report: pick the file, see the
    /// dry run.
    ImportFilled,
    /// In that dialog: open what was read as a new, unsaved report (asks about the open
    /// report's unsaved changes first).
    OpenImported,
    /// In that dialog: open the next year's report, what was read as last year's values
    /// (asks about the open report's unsaved changes first).
    OpenImportedAsLastYear,
    /// Copy the value of the cell with the cursor, as shown.
    CopyCell,
    /// Paste from the clipboard: several lines go down the column from the cell.
    PasteCells,
    /// Copy the tab shown as a table (tab-separated text for Excel and Word).
    CopyTable,
    /// Start this year's report from last year's: pick last year's report file.
    NewFromLastYear,
    /// Show last year's values beside the open report's: pick last year's report file.
    AttachLastYear,
}

impl Action {
    /// Every action.
    pub const ALL: [Action; 41] = [
        Action::New,
        Action::NewFromLastYear,
        Action::AttachLastYear,
        Action::Open,
        Action::OpenExample,
        Action::OpenTemplate,
        Action::RollupFiles,
        Action::RollupFolder,
        Action::Save,
        Action::SaveAs,
        Action::Preview,
        Action::Print,
        Action::PrintDraft,
        Action::ExportExcel,
        Action::ExportWord,
        Action::PrintBlank,
        Action::ToggleLandscape,
        Action::Quit,
        Action::Undo,
        Action::Redo,
        Action::Find,
        Action::ToggleProblems,
        Action::ClosePreview,
        Action::RestoreRecovery,
        Action::SetAsideRecovery,
        Action::TemplateFromTable,
        Action::PickTableFile,
        Action::PasteTable,
        Action::EditTemplate,
        Action::SaveTemplate,
        Action::CloseTemplateEditor,
        Action::DiscardTemplate,
        Action::ConvertReport,
        Action::PickConvertTemplate,
        Action::OpenConverted,
        Action::ImportFilled,
        Action::OpenImported,
        Action::OpenImportedAsLastYear,
        Action::CopyCell,
        Action::PasteCells,
        Action::CopyTable,
    ];

    /// Menu or button label.
    pub fn label(self) -> &'static str {
        match self {
            Action::New => "Báo cáo mới",
            Action::Open => "Mở báo cáo…",
            Action::OpenExample => "Mở ví dụ: Ngã Năm 2021",
            Action::OpenTemplate => "Lập báo cáo theo mẫu biểu khác…",
            Action::RollupFiles => "Tổng hợp nhiều báo cáo…",
            Action::RollupFolder => "Tổng hợp cả thư mục…",
            Action::Save => "Lưu",
            Action::SaveAs => "Lưu thành…",
            Action::Preview => "Xem trước bản in",
            Action::Print => "In / Xuất PDF…",
            Action::PrintDraft => "In bản nháp",
            Action::ExportExcel => "Xuất Excel…",
            Action::ExportWord => "Xuất Word…",
            Action::PrintBlank => "In mẫu trắng…",
            Action::ToggleLandscape => "In khổ ngang",
            Action::Quit => "Thoát",
            Action::Undo => "Hoàn tác",
            Action::Redo => "Làm lại",
            Action::Find => "Tìm chỉ tiêu…",
            Action::ToggleProblems => "Danh sách vấn đề",
            Action::ClosePreview => "Đóng",
            Action::RestoreRecovery => "Khôi phục",
            Action::SetAsideRecovery => "Không, để riêng bản này",
            Action::TemplateFromTable => "Mẫu biểu mới từ bảng…",
            Action::PickTableFile => "Chọn tệp bảng…",
            Action::PasteTable => "Dán bảng từ Word/Excel",
            Action::EditTemplate => "Sửa mẫu đang dùng…",
            Action::SaveTemplate => "Lưu thành mẫu mới",
            Action::CloseTemplateEditor => "Đóng trình sửa mẫu",
            Action::DiscardTemplate => "Bỏ thay đổi và đóng",
            Action::ConvertReport => "Chuyển sang mẫu khác…",
            Action::PickConvertTemplate => "Chọn tệp mẫu biểu…",
            Action::OpenConverted => "Mở báo cáo mới",
            Action::ImportFilled => "Nhập từ Word/Excel…",
            Action::NewFromLastYear => "Báo cáo mới từ báo cáo năm trước…",
            Action::AttachLastYear => "So sánh với báo cáo năm trước…",
            Action::OpenImported => "Mở báo cáo đã nhập",
            Action::OpenImportedAsLastYear => "Lập báo cáo năm sau từ bảng này",
            Action::CopyCell => "Sao chép ô",
            Action::PasteCells => "Dán",
            Action::CopyTable => "Sao chép cả bảng",
        }
    }

    /// Keyboard shortcut, if any.
    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        let ctrl = |key| Some(KeyboardShortcut::new(Modifiers::COMMAND, key));
        match self {
            Action::New => ctrl(Key::N),
            Action::Open => ctrl(Key::O),
            Action::Save => ctrl(Key::S),
            Action::SaveAs => Some(KeyboardShortcut::new(
                Modifiers::COMMAND | Modifiers::SHIFT,
                Key::S,
            )),
            Action::Print => ctrl(Key::P),
            Action::Quit => ctrl(Key::Q),
            Action::Undo => ctrl(Key::Z),
            Action::Redo => ctrl(Key::Y),
            Action::Find => ctrl(Key::F),
            Action::ToggleProblems => Some(KeyboardShortcut::new(Modifiers::NONE, Key::F8)),
            // The window gets these as copy and paste events (see `app/clipboard.rs`);
            // they are listed for the menu and so that no other action takes them.
            Action::CopyCell => ctrl(Key::C),
            Action::PasteCells => ctrl(Key::V),
            _ => None,
        }
    }

    /// The actions that have a shortcut, with it, most modifiers first: egui matches
    /// Ctrl+S while Shift is also down, so Ctrl+Shift+S must be tried first.
    pub fn shortcuts() -> Vec<(Action, KeyboardShortcut)> {
        let mut list: Vec<(Action, KeyboardShortcut)> = Action::ALL
            .into_iter()
            .filter_map(|a| a.shortcut().map(|s| (a, s)))
            .collect();
        list.sort_by_key(|(_, s)| std::cmp::Reverse(modifier_count(s.modifiers)));
        list
    }

    /// Whether the action replaces the report or closes the window, so unsaved changes
    /// must be dealt with first.
    pub fn leaves_report(self) -> bool {
        matches!(
            self,
            Action::New
                | Action::NewFromLastYear
                | Action::Open
                | Action::OpenExample
                | Action::OpenTemplate
                | Action::OpenConverted
                | Action::OpenImported
                | Action::OpenImportedAsLastYear
                | Action::RestoreRecovery
                | Action::Quit
        )
    }
}

fn modifier_count(m: Modifiers) -> u8 {
    u8::from(m.ctrl || m.command || m.mac_cmd) + u8::from(m.shift) + u8::from(m.alt)
}

/// A request the app carries out after drawing.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// A request without data.
    Action(Action),
    /// Open this report file (asks about unsaved changes first).
    OpenPath(std::path::PathBuf),
    /// Open this report read-only (someone else has it open).
    OpenReadOnly(std::path::PathBuf),
    /// Open this report for editing, taking the lock over from whoever holds it.
    OpenTakeOver(std::path::PathBuf),
    /// Combine these report files and folders (chosen, or dropped on the window).
    Rollup(Vec<std::path::PathBuf>),
    /// The user typed into a cell.
    Edit(CellRef, String),
    /// Move the cursor from a cell to the next or previous value cell.
    Move(CellRef, Direction),
    /// Put the cursor into a row's first cell, switching tab.
    GoTo(IndicatorId),
    /// The user typed into a general-information field.
    SetGeneral(GeneralField, String),
    /// The user chose the unit's level.
    SetLevel(Option<Level>),
    /// Explain a warning (by finding key) with a note; an empty note withdraws it.
    Acknowledge(String, String),
    /// Make a template from a table pasted from Word or Excel.
    TableFromClipboard {
        /// The clipboard's plain text (tab-separated rows).
        text: String,
        /// Its HTML flavour, when the program that copied put one there (Word and Excel
        /// do: merged header cells survive there, not in the text).
        html: Option<String>,
    },
    /// Make a template from the table in this file.
    TableFromFile(std::path::PathBuf),
    /// Start a new report from a template the program keeps (asks about unsaved changes).
    NewFromKept {
        /// The template's id.
        id: String,
        /// Its version.
        version: String,
    },
    /// Read this filled appendix and show what was read (nothing changes yet).
    ImportFrom(std::path::PathBuf),
    /// Start the next year's report from this report file (asks about unsaved changes).
    NextYearFrom(std::path::PathBuf),
    /// Show the values of this report file (last year's) beside the open report's.
    AttachLastYearFrom(std::path::PathBuf),
    /// Move the open report onto a template the program keeps and show what moved.
    ConvertTo {
        /// The template's id.
        id: String,
        /// Its version.
        version: String,
    },
    /// Paste text copied from Excel or Word down the column from this cell.
    Paste(CellRef, String),
    /// Put this text on the clipboard; `what` says what it is, for the notice.
    CopyText {
        /// The text.
        text: String,
        /// "giá trị và ghi chú của III.7".
        what: String,
    },
}

impl From<Action> for Command {
    fn from(action: Action) -> Command {
        Command::Action(action)
    }
}

impl Command {
    /// Whether it replaces the report or closes the window.
    pub fn leaves_report(&self) -> bool {
        match self {
            Command::Action(a) => a.leaves_report(),
            Command::OpenPath(_)
            | Command::OpenReadOnly(_)
            | Command::OpenTakeOver(_)
            | Command::NextYearFrom(_)
            | Command::NewFromKept { .. } => true,
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_two_actions_share_a_shortcut() {
        let list = Action::shortcuts();
        for (i, (a, s)) in list.iter().enumerate() {
            for (b, t) in &list[i + 1..] {
                assert!(s != t, "{a:?} and {b:?} share a shortcut");
            }
        }
        assert_eq!(list.len(), 12);
    }

    #[test]
    fn every_action_has_a_label_and_is_listed_once() {
        let mut seen = std::collections::HashSet::new();
        for action in Action::ALL {
            assert!(!action.label().is_empty(), "{action:?}");
            assert!(seen.insert(action), "{action:?} listed twice");
        }
    }

    #[test]
    fn every_way_of_replacing_the_report_asks_about_unsaved_changes_first() {
        let path = std::path::PathBuf::from("a.phuluc.json");
        for command in [
            Command::OpenPath(path.clone()),
            Command::OpenReadOnly(path.clone()),
            Command::OpenTakeOver(path.clone()),
            Command::NextYearFrom(path),
            Command::NewFromKept {
                id: "cchc-pl2-bang2".to_owned(),
                version: "2021-1".to_owned(),
            },
            Action::New.into(),
            Action::NewFromLastYear.into(),
            Action::Open.into(),
            Action::OpenExample.into(),
            Action::OpenTemplate.into(),
            Action::OpenConverted.into(),
            Action::OpenImported.into(),
            Action::OpenImportedAsLastYear.into(),
            Action::RestoreRecovery.into(),
            Action::Quit.into(),
        ] {
            assert!(command.leaves_report(), "{command:?}");
        }
        assert!(!Command::from(Action::Save).leaves_report());
        // Choosing the template and seeing the summary leave the report as it is.
        assert!(!Command::from(Action::ConvertReport).leaves_report());
        // Reading the file and seeing what was read leave it as it is too.
        assert!(!Command::from(Action::ImportFilled).leaves_report());
        assert!(!Command::ImportFrom("a.docx".into()).leaves_report());
        assert!(
            !Command::ConvertTo {
                id: "cchc-pl2-bang2".to_owned(),
                version: "2021-1".to_owned(),
            }
            .leaves_report()
        );
    }

    #[test]
    fn ctrl_shift_s_is_tried_before_ctrl_s() {
        let list = Action::shortcuts();
        let at = |action| list.iter().position(|(a, _)| *a == action);
        assert!(at(Action::SaveAs) < at(Action::Save));
    }
}
