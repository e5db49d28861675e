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

use std::path::PathBuf;

pub use report_file::{EncodeError, LoadError, load_report, report_to_json, save_report};

/// The program's data folder, the one place that knows where it is: kept templates
/// (`templates/`) and recovery copies (`recovery/`) live in it. `~/.local/share/phuluc`
/// on Linux (`$XDG_DATA_HOME/phuluc`), `%APPDATA%\phuluc\phuluc\data` on Windows;
/// `None` when the system gives no home folder.
pub fn data_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("vn", "phuluc", "phuluc").map(|d| d.data_dir().to_path_buf())
}
