//! Integration tests, one binary (see each module's first line for its purpose).

mod cli;
mod convert_window;
mod docx;
mod export;
mod files;
mod form_files;
mod fuzz;
mod import;
mod import_window;
mod last_year;
mod levels;
mod messages;
mod migrate;
mod paste;
mod poppler;
mod rollup;
mod rules;
mod source;
mod template;
mod template_editor;
mod ui;

use std::path::{Path, PathBuf};

/// Assert that a run of the program ended with exit status `code`, showing what it said
/// on standard error when it did not.
pub fn assert_exit(out: &std::process::Output, code: i32) {
    assert_eq!(
        out.status.code(),
        Some(code),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

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

/// The program as built for these tests.
pub fn phuluc() -> std::process::Command {
    std::process::Command::new(env!("CARGO_BIN_EXE_phuluc"))
}

/// The program, with its data folder (kept templates) inside `home`, never the user's.
pub fn phuluc_at_home(home: &Path) -> std::process::Command {
    let mut command = phuluc();
    command
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("APPDATA", home.join("appdata"));
    command
}

/// The built-in 2021 form as the province might reissue it in 2025: II.1 asked as Có/Không
/// and group III.7 renumbered III.8 (its checks with it).
pub fn form_2025_json() -> serde_json::Value {
    use serde_json::{Value as Json, json};
    let mut raw: Json =
        serde_json::from_str(phuluc::model::template::BUILTIN_2021).expect("the built-in form");
    raw["version"] = json!("2025");
    for row in raw["rows"].as_array_mut().expect("rows") {
        let id = row["id"].as_str().unwrap_or_default().to_owned();
        if id == "II.1" {
            row["kind"] = json!("yes_no");
            row["options"] = json!([{"code": 1, "label": "Có"}, {"code": 0, "label": "Không"}]);
            row.as_object_mut().expect("row").remove("unit");
        }
        if id == "III.7" || id.starts_with("III.7.") {
            row["id"] = json!(id.replacen("III.7", "III.8", 1));
            for check in row
                .get_mut("checks")
                .and_then(Json::as_array_mut)
                .into_iter()
                .flatten()
            {
                for field in ["id", "test"] {
                    let moved = check[field]
                        .as_str()
                        .unwrap_or_default()
                        .replace("III.7.", "III.8.");
                    check[field] = json!(moved);
                }
            }
        }
    }
    raw
}
