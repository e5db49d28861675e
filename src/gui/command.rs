//! Everything a user can ask of the window, as one enum.
//!
//! Menus, keyboard shortcuts and buttons all produce a [`Command`]; the app
//! applies them after drawing. The enum also knows its label and shortcut so
//! that menus and shortcuts can never disagree.

use egui::{Key, KeyboardShortcut, Modifiers};

use crate::model::{IndicatorId, Level};

/// A text field of the general information.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GeneralKey {
    /// Tên đơn vị.
    UnitName,
    /// Tỉnh, thành phố.
    Province,
    /// Năm báo cáo.
    Year,
    /// Số báo cáo.
    ReportNumber,
    /// Ngày báo cáo.
    ReportDate,
    /// Số đơn vị cấp xã trực thuộc.
    Communes,
    /// Người lập biểu.
    PreparedBy,
    /// Chức vụ người lập.
    PreparedTitle,
    /// Điện thoại, email.
    Contact,
    /// Người ký.
    Signer,
    /// Thẩm quyền ký.
    SignerAuthority,
    /// Chức vụ người ký.
    SignerTitle,
}

/// Which editable part of a row a widget edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Slot {
    /// The value cell (numbers, codes, text).
    Value,
    /// Document: its type.
    DocType,
    /// Document: number and symbol.
    DocNumber,
    /// Document: date.
    DocDate,
    /// Ghi chú.
    Note,
}

/// A cell of the table: a row and one of its parts.
pub type CellRef = (IndicatorId, Slot);

/// Which way the cursor moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Tab, Enter.
    Next,
    /// Shift+Tab, Shift+Enter.
    Previous,
}

/// A user's request.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Start a new, empty report (asks about unsaved changes).
    New,
    /// Open a report file chosen in a dialog.
    Open,
    /// Open this report file.
    OpenPath(std::path::PathBuf),
    /// Open this report read-only (someone else has it open).
    OpenReadOnly(std::path::PathBuf),
    /// Open this report for editing, taking the lock over from whoever holds it.
    OpenTakeOver(std::path::PathBuf),
    /// Open the real 2021 example of Ngã Năm.
    OpenExample,
    /// Start a new report from a template file chosen in a dialog.
    OpenTemplate,
    /// Save to the current file (asks for one when there is none).
    Save,
    /// Save to a file chosen in a dialog.
    SaveAs,
    /// Undo the last cell edit.
    Undo,
    /// Redo.
    Redo,
    /// Show the find box.
    Find,
    /// Close the window (asks about unsaved changes).
    Quit,
    /// The user typed into a cell.
    Edit(CellRef, String),
    /// Move the cursor from a cell to the next or previous value cell.
    Move(CellRef, Direction),
    /// Put the cursor into a row's first cell, switching tab.
    GoTo(IndicatorId),
    /// The user typed into a general-information field.
    SetGeneral(GeneralKey, String),
    /// The user chose the unit's level.
    SetLevel(Option<Level>),
    /// Show or hide the problems panel.
    ToggleProblems,
    /// Explain a warning (by finding key) with a note; an empty note withdraws it.
    Acknowledge(String, String),
    /// Write the appendix as PDF and open it for printing (asks first when it has errors).
    Print,
    /// Same, the officer having agreed to a draft.
    PrintDraft,
    /// Show the pages as they will print.
    Preview,
    /// Close the preview.
    ClosePreview,
    /// Export the appendix to Excel.
    ExportExcel,
    /// Restore the first recovery copy offered at start.
    RestoreRecovery,
    /// Keep the first recovery copy aside without restoring it.
    SetAsideRecovery,
}

impl Command {
    /// Menu label.
    pub fn label(&self) -> &'static str {
        match self {
            Command::New => "Báo cáo mới",
            Command::Open => "Mở báo cáo…",
            Command::OpenPath(_) => "Mở",
            Command::OpenReadOnly(_) => "Mở chỉ đọc",
            Command::OpenTakeOver(_) => "Vẫn mở để sửa",
            Command::OpenExample => "Mở ví dụ: Ngã Năm 2021",
            Command::OpenTemplate => "Lập báo cáo theo mẫu biểu khác…",
            Command::Save => "Lưu",
            Command::SaveAs => "Lưu thành…",
            Command::Undo => "Hoàn tác",
            Command::Redo => "Làm lại",
            Command::Find => "Tìm chỉ tiêu…",
            Command::ToggleProblems => "Danh sách vấn đề",
            Command::Print | Command::PrintDraft => "In / Xuất PDF…",
            Command::Preview => "Xem trước bản in",
            Command::ExportExcel => "Xuất Excel…",
            Command::ClosePreview => "Đóng xem trước",
            Command::RestoreRecovery => "Khôi phục",
            Command::SetAsideRecovery => "Không, để riêng bản này",
            Command::Quit => "Thoát",
            Command::Edit(..)
            | Command::Move(..)
            | Command::GoTo(_)
            | Command::SetGeneral(..)
            | Command::SetLevel(_)
            | Command::Acknowledge(..) => "",
        }
    }

    /// Keyboard shortcut, if any.
    pub fn shortcut(&self) -> Option<KeyboardShortcut> {
        let ctrl = |key| Some(KeyboardShortcut::new(Modifiers::COMMAND, key));
        match self {
            Command::New => ctrl(Key::N),
            Command::Open => ctrl(Key::O),
            Command::Save => ctrl(Key::S),
            Command::SaveAs => Some(KeyboardShortcut::new(
                Modifiers::COMMAND | Modifiers::SHIFT,
                Key::S,
            )),
            Command::Undo => ctrl(Key::Z),
            Command::Redo => ctrl(Key::Y),
            Command::Find => ctrl(Key::F),
            Command::Quit => ctrl(Key::Q),
            Command::ToggleProblems => Some(KeyboardShortcut::new(Modifiers::NONE, Key::F8)),
            Command::Print => ctrl(Key::P),
            _ => None,
        }
    }

    /// The commands that have a shortcut, most specific first (Ctrl+Shift+S before Ctrl+S).
    pub fn with_shortcuts() -> [Command; 10] {
        [
            Command::ToggleProblems,
            Command::Print,
            Command::SaveAs,
            Command::Save,
            Command::New,
            Command::Open,
            Command::Undo,
            Command::Redo,
            Command::Find,
            Command::Quit,
        ]
    }
}
