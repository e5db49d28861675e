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

pub use report_file::{EncodeError, LoadError, load_report, report_to_json, save_report};
