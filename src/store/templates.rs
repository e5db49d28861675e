//! Where templates come from: the forms built into the program, and copies of
//! template files the user opened, kept in the program's data folder so that
//! reports made from them open again later without asking for the file.

use std::path::{Path, PathBuf};

use crate::model::template::{Template, TemplateError};

use super::atomic::{SaveError, save_atomic};

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
        /// The 2021 form is about 60 KB; a file a hundred times larger is not a template.
        const MAX_TEMPLATE_BYTES: u64 = 5 * 1024 * 1024;
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
            && self
                .builtin
                .iter()
                .all(|t| t.id != template.id || t.version != template.version)
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
}
