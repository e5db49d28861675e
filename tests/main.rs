//! Integration tests, one binary (see each module's first line for its purpose).

mod cli;
mod export;
mod files;
mod fuzz;
mod messages;
mod migrate;
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
