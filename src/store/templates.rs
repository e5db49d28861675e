//! Where templates come from: the forms built into the program, and copies of
//! template files the user opened or made in the template editor, kept in the program's
//! data folder so that reports made from them open again later without asking for the
//! file.
//!
//! A kept template is never overwritten: reports point at a template by id and version,
//! so a changed form is saved as a new version ([`TemplateStore::save`]) and the reports
//! made with the old one still open with the rows they were made for.

use std::path::{Path, PathBuf};

use crate::model::template::{BUILTIN_2021, RawTemplate, Template, TemplateError};

use super::atomic::{SaveError, replace_atomic, save_atomic};

/// The text of every built-in form, in the order of [`TemplateStore`]'s list.
const BUILTIN_SOURCES: [&str; 1] = [BUILTIN_2021];
/// The 2021 form is about 60 KB; a file a hundred times larger is not a template.
const MAX_TEMPLATE_BYTES: u64 = 5 * 1024 * 1024;

/// Why a template file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum TemplateFileError {
    /// Could not read it.
    #[error("không đọc được tệp mẫu biểu “{}”: {reason}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// Read, but wrong.
    #[error("tệp mẫu biểu “{}” có lỗi: {source}", path.display())]
    Invalid {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        source: TemplateError,
    },
    /// Could not keep a copy.
    #[error("{0}")]
    Save(#[from] SaveError),
    /// A template made in the window does not pass the checks of the template reader.
    #[error("mẫu biểu chưa dùng được, chưa ghi gì: {0}")]
    NotValid(TemplateError),
    /// That id and version exist already (built in, or kept): saving would change the
    /// form of the reports made with it.
    #[error(
        "đã có mẫu biểu “{id}” phiên bản “{version}”; hãy đặt phiên bản khác (mẫu đã có và các báo cáo làm theo mẫu đó được giữ nguyên)"
    )]
    Taken {
        /// The template's id.
        id: String,
        /// Its version.
        version: String,
    },
    /// No data folder to keep templates in (no home folder).
    #[error(
        "không tìm thấy thư mục dữ liệu của chương trình để lưu mẫu biểu; hãy kiểm tra tài khoản người dùng của máy có thư mục riêng"
    )]
    NoFolder,
}

/// The templates this program knows.
#[derive(Debug, Clone)]
pub struct TemplateStore {
    builtin: Vec<Template>,
    user_dir: Option<PathBuf>,
}

impl TemplateStore {
    /// The built-in forms, plus those kept in `user_dir`.
    pub fn new(user_dir: Option<PathBuf>) -> TemplateStore {
        TemplateStore {
            builtin: Template::builtin().into_iter().collect(),
            user_dir,
        }
    }

    /// The built-in forms, plus those kept in the program's data folder
    /// ([`super::data_dir`], `templates/`): what the window and the command line use.
    pub fn in_data_folder() -> TemplateStore {
        TemplateStore::new(super::data_dir().map(|d| d.join("templates")))
    }

    /// Only the built-in forms (tests, and when no data folder can be found).
    pub fn builtin_only() -> TemplateStore {
        TemplateStore::new(None)
    }

    /// The form a new report starts from.
    pub fn default_template(&self) -> Option<&Template> {
        self.builtin.first()
    }

    /// The template with this id and version.
    pub fn find(&self, id: &str, version: &str) -> Option<Template> {
        if let Some(t) = self
            .builtin
            .iter()
            .find(|t| t.id == id && t.version == version)
        {
            return Some(t.clone());
        }
        let dir = self.user_dir.as_ref()?;
        let text = std::fs::read_to_string(dir.join(kept_name(id, version))).ok()?;
        Template::from_json(&text)
            .ok()
            .filter(|t| t.id == id && t.version == version)
    }

    /// Read a template file the user chose, and keep a copy for later.
    pub fn import(&self, path: &Path) -> Result<Template, TemplateFileError> {
        let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
        if size > MAX_TEMPLATE_BYTES {
            return Err(TemplateFileError::Io {
                path: path.to_path_buf(),
                reason: format!(
                    "tệp quá lớn ({} MB) để là một mẫu biểu",
                    size / (1024 * 1024)
                ),
            });
        }
        let text = std::fs::read(path).map_err(|e| TemplateFileError::Io {
            path: path.to_path_buf(),
            reason: e.to_string(),
        })?;
        let text = text.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&text);
        let text = std::str::from_utf8(text).map_err(|_| TemplateFileError::Io {
            path: path.to_path_buf(),
            reason: "không phải văn bản UTF-8".to_owned(),
        })?;
        let template = Template::from_json(text).map_err(|source| TemplateFileError::Invalid {
            path: path.to_path_buf(),
            source,
        })?;
        if let Some(dir) = &self.user_dir
            && self.builtin.iter().all(|t| !t.is_same_form(&template))
        {
            std::fs::create_dir_all(dir).map_err(|e| TemplateFileError::Io {
                path: dir.clone(),
                reason: e.to_string(),
            })?;
            save_atomic(
                &dir.join(kept_name(&template.id, &template.version)),
                text.as_bytes(),
            )?;
        }
        Ok(template)
    }
}

impl TemplateStore {
    /// Whether a template of this id and version exists, built in or kept: saving one
    /// under the same id and version would overwrite it.
    pub fn is_taken(&self, id: &str, version: &str) -> bool {
        self.builtin
            .iter()
            .any(|t| t.id == id && t.version == version)
            || self
                .user_dir
                .as_ref()
                .is_some_and(|dir| dir.join(kept_name(id, version)).exists())
    }

    /// `version` when it is free, else the first free one of `2021-1`, `2021-2` … (from
    /// the version without its own `-n`).
    pub fn free_version(&self, id: &str, version: &str) -> String {
        if !self.is_taken(id, version) {
            return version.to_owned();
        }
        let base = match version.rsplit_once('-') {
            Some((base, n)) if !base.is_empty() && n.parse::<u32>().is_ok() => base,
            _ => version,
        };
        (1..)
            .map(|n| format!("{base}-{n}"))
            .find(|v| !self.is_taken(id, v))
            .unwrap_or_else(|| version.to_owned())
    }

    /// Every template this program knows: the built-in forms first, then those kept in
    /// the data folder (by name, then version). A kept file that cannot be read, or whose
    /// name is not that of the template it holds, is not listed ([`TemplateStore::find`]
    /// would not find it either).
    pub fn list(&self) -> Vec<Template> {
        let mut kept: Vec<Template> = self
            .user_dir
            .as_ref()
            .and_then(|dir| std::fs::read_dir(dir).ok())
            .into_iter()
            .flatten()
            .filter_map(|entry| {
                let entry = entry.ok()?;
                let name = entry.file_name().to_string_lossy().into_owned();
                let small = entry
                    .metadata()
                    .is_ok_and(|m| m.is_file() && m.len() <= MAX_TEMPLATE_BYTES);
                if !name.ends_with(".json") || !small {
                    return None;
                }
                let text = std::fs::read_to_string(entry.path()).ok()?;
                let template = Template::from_json(&text).ok()?;
                (kept_name(&template.id, &template.version) == name).then_some(template)
            })
            .filter(|t| {
                self.builtin
                    .iter()
                    .all(|b| b.id != t.id || b.version != t.version)
            })
            .collect();
        kept.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.version.cmp(&b.version)));
        let mut all = self.builtin.clone();
        all.extend(kept);
        all
    }

    /// The template file as written, for editing: a built-in form's text, or the copy
    /// kept in the data folder. `None` when neither has it.
    pub fn source(&self, id: &str, version: &str) -> Option<RawTemplate> {
        let matches = |raw: &RawTemplate| raw.id == id && raw.version == version;
        if let Some(raw) = BUILTIN_SOURCES
            .iter()
            .filter_map(|text| serde_json::from_str::<RawTemplate>(text).ok())
            .find(matches)
        {
            return Some(raw);
        }
        let dir = self.user_dir.as_ref()?;
        let text = std::fs::read_to_string(dir.join(kept_name(id, version))).ok()?;
        serde_json::from_str::<RawTemplate>(&text)
            .ok()
            .filter(matches)
    }

    /// Keep a template made in the window as a new version in the data folder, after the
    /// checks of the template reader. Never overwrites: an id and version that exist
    /// (built in, kept, used by reports) are refused. The template and its file.
    pub fn save(&self, text: &str) -> Result<(Template, PathBuf), TemplateFileError> {
        let template = Template::from_json(text).map_err(TemplateFileError::NotValid)?;
        let dir = self.user_dir.as_ref().ok_or(TemplateFileError::NoFolder)?;
        if self.is_taken(&template.id, &template.version) {
            return Err(TemplateFileError::Taken {
                id: template.id,
                version: template.version,
            });
        }
        std::fs::create_dir_all(dir).map_err(|e| TemplateFileError::Io {
            path: dir.clone(),
            reason: e.to_string(),
        })?;
        let path = dir.join(kept_name(&template.id, &template.version));
        replace_atomic(&path, text.as_bytes())?;
        Ok((template, path))
    }
}

fn kept_name(id: &str, version: &str) -> String {
    let safe = |s: &str| -> String {
        s.chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                    c
                } else {
                    '_'
                }
            })
            .collect()
    };
    format!("{}@{}.json", safe(id), safe(version))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn imported_templates_are_found_again() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = TemplateStore::new(Some(dir.path().join("templates")));
        let source = dir.path().join("mau-2026.json");
        let text = crate::model::template::BUILTIN_2021
            .replace("\"version\": \"2021\"", "\"version\": \"2026\"");
        std::fs::write(&source, text).expect("write");
        let t = store.import(&source).expect("imports");
        assert_eq!(t.version, "2026");
        std::fs::remove_file(&source).expect("remove");
        let again = TemplateStore::new(Some(dir.path().join("templates")));
        assert!(again.find("cchc-pl2-bang2", "2026").is_some());
        assert!(again.find("cchc-pl2-bang2", "2027").is_none());
    }

    #[test]
    fn a_template_made_in_the_window_is_kept_as_a_new_version_never_over_another() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = TemplateStore::new(Some(dir.path().join("templates")));
        // The built-in version is taken: saving it again is refused, nothing written.
        let err = store.save(BUILTIN_2021).expect_err("built in");
        assert!(matches!(err, TemplateFileError::Taken { .. }), "{err}");
        assert!(err.to_string().contains("phiên bản “2021”"), "{err}");
        assert!(!dir.path().join("templates").exists());
        assert_eq!(store.free_version("cchc-pl2-bang2", "2021"), "2021-1");
        let text = BUILTIN_2021.replace("\"version\": \"2021\"", "\"version\": \"2021-1\"");
        let (t, path) = store.save(&text).expect("saved");
        assert_eq!(t.version, "2021-1");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), text);
        assert!(store.find("cchc-pl2-bang2", "2021-1").is_some());
        assert_eq!(
            store
                .source("cchc-pl2-bang2", "2021-1")
                .map(|raw| raw.rows.len()),
            Some(182)
        );
        // Kept once: the same version again is refused and the file stays as it was.
        let changed = text.replace("Kế hoạch CCHC", "Kế hoạch CCHC năm");
        let err = store.save(&changed).expect_err("kept already");
        assert!(matches!(err, TemplateFileError::Taken { .. }), "{err}");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), text);
        assert_eq!(store.free_version("cchc-pl2-bang2", "2021"), "2021-2");
        assert_eq!(store.free_version("cchc-pl2-bang2", "2021-1"), "2021-2");
        assert_eq!(store.free_version("cchc-pl2-bang2", "2025"), "2025");
    }

    #[test]
    fn a_template_that_does_not_pass_the_checks_is_not_kept() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = TemplateStore::new(Some(dir.path().to_path_buf()));
        let text = BUILTIN_2021
            .replace("\"version\": \"2021\"", "\"version\": \"2026\"")
            .replace("\"id\": \"III.6.2\"", "\"id\": \"III.6.1\"");
        let err = store.save(&text).expect_err("duplicate id");
        assert!(
            err.to_string()
                .contains("chưa ghi gì: hàng thứ 65 (III.6.1): mã hàng bị trùng"),
            "{err}"
        );
        assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 0);
        let err = TemplateStore::builtin_only()
            .save(&BUILTIN_2021.replace("\"version\": \"2021\"", "\"version\": \"2026\""))
            .expect_err("nowhere to keep it");
        assert!(matches!(err, TemplateFileError::NoFolder), "{err}");
        assert!(
            TemplateStore::builtin_only()
                .source("cchc-pl2-bang2", "2021")
                .is_some()
        );
    }

    #[test]
    fn a_huge_file_is_not_read_as_a_template() {
        let dir = tempfile::tempdir().expect("tempdir");
        let source = dir.path().join("lớn.json");
        std::fs::File::create(&source)
            .and_then(|f| f.set_len(50 * 1024 * 1024))
            .expect("sparse file");
        let err = TemplateStore::builtin_only()
            .import(&source)
            .expect_err("huge");
        assert!(err.to_string().contains("quá lớn"), "{err}");
    }

    #[test]
    fn a_broken_template_names_file_and_row() {
        let dir = tempfile::tempdir().expect("tempdir");
        let source = dir.path().join("hỏng.json");
        let text = crate::model::template::BUILTIN_2021
            .replace("\"id\": \"III.6.2\"", "\"id\": \"III.6.1\"");
        std::fs::write(&source, text).expect("write");
        let err = TemplateStore::builtin_only()
            .import(&source)
            .expect_err("broken");
        let message = err.to_string();
        assert!(
            message.contains("hỏng.json") && message.contains("(III.6.1): mã hàng bị trùng"),
            "{message}"
        );
    }

    #[test]
    fn the_list_holds_the_built_in_forms_then_the_kept_ones() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = TemplateStore::new(Some(dir.path().to_path_buf()));
        assert_eq!(store.list().len(), 1, "no folder yet: the built-in form");
        for version in ["2026", "2025"] {
            let text = BUILTIN_2021.replace(
                "\"version\": \"2021\"",
                &format!("\"version\": \"{version}\""),
            );
            store.save(&text).expect("kept");
        }
        // Neither a broken file nor one under another template's name is listed.
        std::fs::write(dir.path().join("hỏng.json"), "{").expect("write");
        let other = BUILTIN_2021.replace("\"version\": \"2021\"", "\"version\": \"2030\"");
        std::fs::write(dir.path().join("cchc-pl2-bang2@2031.json"), other).expect("write");
        let listed: Vec<String> = store.list().into_iter().map(|t| t.version).collect();
        assert_eq!(listed, ["2021", "2025", "2026"]);
        assert!(store.find("cchc-pl2-bang2", "2030").is_none());
    }
}
