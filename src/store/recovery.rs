//! Recovery copies: what the officer typed but has not saved, kept on disk a few
//! seconds after typing stops, so a power cut, a frozen PC or a killed program
//! loses at most those seconds (LibreOffice's and Excel's AutoRecover).
//!
//! Copies live in the program's data folder (`recovery/`), one per open report,
//! written atomically. An explicit save, or "Không lưu" when closing, removes the
//! copy; a copy the officer declines to restore is moved to `recovery/aside/`,
//! never deleted.

use std::path::{Path, PathBuf};

use serde_json::{Value as Json, json};

use super::atomic::{SaveError, replace_atomic};
use super::report_file::{EncodeError, report_to_value};
use crate::model::Report;

/// The `format` field of a recovery copy.
pub const RECOVERY_FORMAT: &str = "phuluc-recovery";

/// Where recovery copies are kept.
#[derive(Debug, Clone)]
pub struct RecoveryStore {
    dir: PathBuf,
}

/// A recovery copy found on disk.
#[derive(Debug, Clone)]
pub struct RecoveryCopy {
    /// The copy itself.
    pub file: PathBuf,
    /// The report file it belongs to; `None` for a report never saved.
    pub original: Option<PathBuf>,
    /// When it was written, as the window wrote it ("dd/mm/yyyy hh:mm").
    pub saved_at: String,
    /// The report, in the report file format.
    pub report: Vec<u8>,
}

impl RecoveryStore {
    /// Copies in `dir`.
    pub fn new(dir: PathBuf) -> RecoveryStore {
        RecoveryStore { dir }
    }

    /// The usual folder: the program's data folder ([`super::data_dir`]), `recovery/`.
    pub fn default_dir() -> Option<PathBuf> {
        super::data_dir().map(|d| d.join("recovery"))
    }

    /// The folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The name of the copy for a report: from its file's path, or from the window's
    /// session for a report never saved.
    pub fn key(original: Option<&Path>, session: &str) -> String {
        match original {
            Some(path) => {
                // FNV-1a of the path: stable across runs, no extra dependency.
                let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
                for byte in path.to_string_lossy().as_bytes() {
                    hash ^= u64::from(*byte);
                    hash = hash.wrapping_mul(0x0100_0000_01b3);
                }
                format!("tep-{hash:016x}")
            }
            None => format!("moi-{session}"),
        }
    }

    /// The file of the copy named `key`.
    pub fn path_of(&self, key: &str) -> PathBuf {
        self.dir.join(format!("{key}.json"))
    }

    /// Write (or replace) the copy. On an error the previous copy, if any, is left as it was.
    ///
    /// The copy is a JSON value of strings and the report's value, which serde_json always
    /// encodes (see [`EncodeError`]); an encoding failure would be [`SaveError::Encode`],
    /// never a copy holding `null` or nothing.
    pub fn write(
        &self,
        key: &str,
        original: Option<&Path>,
        saved_at: &str,
        report: &Report,
    ) -> Result<(), SaveError> {
        std::fs::create_dir_all(&self.dir).map_err(|_| SaveError::NoFolder {
            path: self.dir.clone(),
        })?;
        let path = self.path_of(key);
        let copy = json!({
            "format": RECOVERY_FORMAT,
            "format_version": 1,
            "original": original.map(|p| p.to_string_lossy().into_owned()),
            "saved_at": saved_at,
            "report": report_to_value(report),
        });
        let text = serde_json::to_string_pretty(&copy).map_err(|e| SaveError::Encode {
            path: path.clone(),
            source: EncodeError(e),
        })?;
        replace_atomic(&path, text.as_bytes())
    }

    /// Remove the copy (after a save, or when the officer chose not to keep the changes).
    pub fn remove(&self, key: &str) {
        let _ = std::fs::remove_file(self.path_of(key));
    }

    /// Remove a copy found by [`RecoveryStore::list`] (once its work lives on elsewhere).
    pub fn remove_copy(&self, copy: &RecoveryCopy) {
        let _ = std::fs::remove_file(&copy.file);
    }

    /// Every copy left by an earlier run, oldest first; unreadable files are skipped.
    pub fn list(&self) -> Vec<RecoveryCopy> {
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let mut copies: Vec<(std::time::SystemTime, RecoveryCopy)> = entries
            .filter_map(Result::ok)
            .filter(|e| e.path().extension().is_some_and(|x| x == "json"))
            .filter_map(|e| {
                let modified = e.metadata().and_then(|m| m.modified()).ok()?;
                let bytes = std::fs::read(e.path()).ok()?;
                let json: Json = serde_json::from_slice(&bytes).ok()?;
                if json.get("format").and_then(Json::as_str) != Some(RECOVERY_FORMAT) {
                    return None;
                }
                let copy = RecoveryCopy {
                    file: e.path(),
                    original: json
                        .get("original")
                        .and_then(Json::as_str)
                        .map(PathBuf::from),
                    saved_at: json
                        .get("saved_at")
                        .and_then(Json::as_str)
                        .unwrap_or("")
                        .to_owned(),
                    report: serde_json::to_vec(json.get("report")?).ok()?,
                };
                Some((modified, copy))
            })
            .collect();
        copies.sort_by_key(|(modified, _)| *modified);
        copies.into_iter().map(|(_, c)| c).collect()
    }

    /// Move a copy the officer did not restore to `aside/`, keeping it.
    pub fn set_aside(&self, copy: &RecoveryCopy) -> std::io::Result<PathBuf> {
        let aside = self.dir.join("aside");
        std::fs::create_dir_all(&aside)?;
        let name = copy
            .file
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let mut target = aside.join(&name);
        let mut n = 1;
        while target.exists() {
            target = aside.join(format!("{n}-{name}"));
            n += 1;
        }
        std::fs::rename(&copy.file, &target)?;
        Ok(target)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{IndicatorId, Template};

    #[test]
    fn a_copy_is_written_listed_set_aside_and_removed() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = RecoveryStore::new(dir.path().join("recovery"));
        let t = Template::builtin().expect("template");
        let mut r = Report::new(&t);
        r.set_text(&t, &IndicatorId::parse("I.1.1").expect("id"), "28")
            .expect("ok");
        let original = dir.path().join("xã An Hòa.phuluc.json");
        let key = RecoveryStore::key(Some(&original), "s1");
        assert_eq!(key, RecoveryStore::key(Some(&original), "another session"));
        store
            .write(&key, Some(&original), "27/11/2026 22:10", &r)
            .expect("writes");
        let untitled = RecoveryStore::key(None, "s1");
        store
            .write(&untitled, None, "27/11/2026 22:11", &r)
            .expect("writes");
        let copies = store.list();
        assert_eq!(copies.len(), 2);
        let mine = copies
            .iter()
            .find(|c| c.original.as_deref() == Some(original.as_path()))
            .expect("mine");
        assert_eq!(mine.saved_at, "27/11/2026 22:10");
        let (back, _) = crate::store::report_file::report_from_bytes(
            &mine.file,
            &mine.report,
            &crate::store::templates::TemplateStore::builtin_only(),
        )
        .expect("the copy is a report");
        assert_eq!(back, r);
        let aside = store.set_aside(mine).expect("aside");
        assert!(aside.exists());
        store.remove(&untitled);
        assert!(store.list().is_empty());
    }
}
