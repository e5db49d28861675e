//! Integration tests, one binary (see each module's first line for its purpose).

mod cli;
mod convert_window;
mod docx;
mod export;
mod files;
mod form_files;
mod fuzz;
mod import;
mod messages;
mod migrate;
mod paste;
mod rollup;
mod rules;
mod source;
mod template;
mod template_editor;
mod ui;

use std::path::{Path, PathBuf};

/// The repository's root.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A fixture file's path.
pub fn fixture(name: &str) -> PathBuf {
    root().join("tests").join("fixtures").join(name)
}

/// A fresh temporary folder.
pub fn temp() -> tempfile::TempDir {
    tempfile::tempdir().expect("temporary folder")
}
