//! Report and template files on disk.
//!
//! - [`report_file`]: the report JSON format (documented in `docs/report-format.md`),
//!   reading every released version and writing the newest.
//! - [`atomic`]: saving without ever leaving a half-written file, keeping the previous
//!   version as a backup.
//! - [`templates`]: finding the template a report was made for (built in, or one the
//!   user opened and the program keeps a copy of).
//! - [`recovery`]: copies of unsaved work, written a few seconds after typing stops.
//! - [`lock`]: one writer per report file (a lock file beside it).
//!
//! Nothing here draws anything; every error names the file and says what to do.

pub mod atomic;
pub mod lock;
pub mod recovery;
pub mod report_file;
pub mod templates;

use std::path::{Path, PathBuf};

pub use report_file::{EncodeError, LoadError, load_report, report_to_json, save_report};

/// A file as the officer knows it in a message: its name ("Ngã Năm 2021.phuluc.json"),
/// or the whole path when it has none.
pub fn shown_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// The file beside the program that makes it portable (the Windows zip carries it): its
/// data then lives beside it, on the USB stick, and nothing is kept on the PC.
pub const PORTABLE_MARKER: &str = "phuluc-portable.txt";

/// The program's data folder, the one place that knows where it is: kept templates
/// (`templates/`), recovery copies (`recovery/`) and, for a portable copy, the window's
/// preferences live in it. `~/.local/share/phuluc` on Linux (`$XDG_DATA_HOME/phuluc`),
/// `%APPDATA%\phuluc\phuluc\data` on Windows, `phuluc-data` beside a portable program;
/// `None` when the system gives no home folder.
pub fn data_dir() -> Option<PathBuf> {
    portable_dir().or_else(|| {
        directories::ProjectDirs::from("vn", "phuluc", "phuluc").map(|d| d.data_dir().to_path_buf())
    })
}

/// `phuluc-data` beside the program when [`PORTABLE_MARKER`] is there too.
pub fn portable_dir() -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    let folder = exe.parent()?;
    folder
        .join(PORTABLE_MARKER)
        .is_file()
        .then(|| folder.join("phuluc-data"))
}
