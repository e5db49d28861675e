//! Native file dialogs (rfd): open, save, export, templates; and the one read of the
//! system clipboard that egui does not offer, its HTML flavour.

use std::path::{Path, PathBuf};

/// A native file dialog with a title, opening in `folder` when it exists.
fn file_dialog(title: &str, folder: Option<&Path>) -> rfd::FileDialog {
    let dialog = rfd::FileDialog::new().set_title(title);
    match folder.filter(|f| f.is_dir()) {
        Some(folder) => dialog.set_directory(folder),
        None => dialog,
    }
}

/// The HTML flavour of the system clipboard, when there is one: Word and Excel put a
/// table there with its merged cells, which the plain text loses. `None` when the
/// clipboard cannot be read or holds no HTML (a paste then uses the text).
pub fn clipboard_html() -> Option<String> {
    let mut clipboard = arboard::Clipboard::new().ok()?;
    clipboard.get().html().ok().filter(|h| !h.trim().is_empty())
}

/// Pick a report to open.
pub fn pick_report(title: &str, folder: Option<&Path>) -> Option<PathBuf> {
    file_dialog(title, folder)
        .add_filter("Báo cáo phụ lục (*.phuluc.json, *.json)", &["json"])
        .add_filter("Mọi tệp", &["*"])
        .pick_file()
}

/// Pick several reports to combine.
pub fn pick_reports(folder: Option<&Path>) -> Option<Vec<PathBuf>> {
    file_dialog("Chọn các báo cáo cần tổng hợp", folder)
        .add_filter("Báo cáo phụ lục (*.phuluc.json, *.json)", &["json"])
        .pick_files()
}

/// Pick a folder of reports to combine (its subfolders too).
pub fn pick_folder(folder: Option<&Path>) -> Option<PathBuf> {
    file_dialog("Chọn thư mục chứa các báo cáo cần tổng hợp", folder).pick_folder()
}

/// Pick a template file.
pub fn pick_template(folder: Option<&Path>) -> Option<PathBuf> {
    file_dialog("Chọn tệp mẫu biểu", folder)
        .add_filter("Mẫu biểu (*.json)", &["json"])
        .pick_file()
}

/// Pick the province's blank table to make a template of.
pub fn pick_table(title: &str, folder: Option<&Path>) -> Option<PathBuf> {
    file_dialog(title, folder)
        .add_filter(
            "Bảng (*.docx, *.xlsx, *.csv, *.tsv, *.txt, *.html)",
            &["docx", "xlsx", "csv", "tsv", "txt", "html", "htm"],
        )
        .add_filter("Mọi tệp", &["*"])
        .pick_file()
}

/// Pick where to save.
pub fn pick_save(folder: Option<&Path>, name: &str) -> Option<PathBuf> {
    file_dialog("Lưu báo cáo", folder)
        .set_file_name(name)
        .add_filter("Báo cáo phụ lục (*.phuluc.json)", &["json"])
        .save_file()
}

/// Pick where to write an export.
pub fn pick_export(folder: Option<&Path>, name: &str, extension: &str) -> Option<PathBuf> {
    let filter = match extension {
        "pdf" => "PDF (*.pdf)",
        "docx" => "Word (*.docx)",
        _ => "Excel (*.xlsx)",
    };
    file_dialog("Xuất phụ lục", folder)
        .set_file_name(name)
        .add_filter(filter, &[extension])
        .save_file()
}
