//! Atomic save: write a temporary file in the same folder, flush it to disk, keep
//! the old file as a backup, then rename the new one over the old.
//!
//! A rename within one folder is atomic on Windows (NTFS) and Linux, so the report
//! on disk is always either the old or the new complete version, whatever happens
//! to the power. On Windows an antivirus, an indexer or a sync client sometimes
//! holds the file for a moment, so a refused rename is retried with back-off.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::thread;
use std::time::Duration;

/// Waits between rename attempts: about 1,5 s in all, long enough for a virus
/// scanner to let go of a small file, short enough that the user is not left waiting.
const RENAME_BACKOFF_MS: [u64; 6] = [20, 50, 100, 200, 400, 800];

/// Why a save failed. The data is still in memory; nothing on disk was damaged.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// The folder does not exist.
    #[error(
        "không lưu được “{path}”: thư mục không tồn tại; hãy chọn “Lưu thành…” và chọn thư mục khác"
    )]
    NoFolder {
        /// Target file.
        path: PathBuf,
    },
    /// No permission.
    #[error(
        "không lưu được “{path}”: không có quyền ghi vào thư mục này (tệp chỉ đọc hoặc thư mục được bảo vệ); hãy chọn “Lưu thành…” và chọn thư mục khác"
    )]
    Denied {
        /// Target file.
        path: PathBuf,
    },
    /// Disk full.
    #[error("không lưu được “{path}”: ổ đĩa đã đầy; hãy giải phóng dung lượng rồi lưu lại")]
    DiskFull {
        /// Target file.
        path: PathBuf,
    },
    /// The old file stays locked by another program.
    #[error(
        "không lưu được “{path}”: tệp đang bị chương trình khác giữ (phần mềm diệt virus, đồng bộ…); hãy đợi một chút rồi lưu lại"
    )]
    Busy {
        /// Target file.
        path: PathBuf,
    },
    /// The report could not be turned into the file's text; nothing was written.
    #[error(
        "không lưu được “{path}”: {source}; tệp trên đĩa chưa bị thay đổi và dữ liệu vẫn còn nguyên trong cửa sổ; hãy báo lỗi này cho người hỗ trợ phần mềm"
    )]
    Encode {
        /// Target file.
        path: PathBuf,
        /// What could not be encoded.
        source: super::report_file::EncodeError,
    },
    /// Anything else.
    #[error("không lưu được “{path}”: {source}")]
    Other {
        /// Target file.
        path: PathBuf,
        /// What the system said.
        source: io::Error,
    },
}

impl SaveError {
    fn from_io(path: &Path, e: io::Error) -> SaveError {
        let path = path.to_path_buf();
        match e.kind() {
            io::ErrorKind::NotFound => SaveError::NoFolder { path },
            io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem => {
                SaveError::Denied { path }
            }
            io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded => {
                SaveError::DiskFull { path }
            }
            _ => SaveError::Other { path, source: e },
        }
    }
}

/// The backup kept beside a report: `bao-cao.phuluc.json` → `bao-cao.phuluc.json.bak`.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".bak");
    path.with_file_name(name)
}

/// Write `bytes` to `path` atomically, keeping the previous file as [`backup_path`].
pub fn save_atomic(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    write_atomic(path, bytes, true)
}

/// Write `bytes` to `path` atomically without a backup (exports, which can be made again).
pub fn replace_atomic(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    write_atomic(path, bytes, false)
}

fn write_atomic(path: &Path, bytes: &[u8], keep_backup: bool) -> Result<(), SaveError> {
    let fail = |e| SaveError::from_io(path, e);
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !folder.is_dir() {
        return Err(SaveError::NoFolder {
            path: path.to_path_buf(),
        });
    }
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    remove_leftovers(&folder, &name);
    let temp = folder.join(format!(".{name}.{}.tmp", std::process::id()));
    let written = (|| {
        let mut file = File::create(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()
    })();
    if let Err(e) = written {
        let _ = fs::remove_file(&temp);
        return Err(fail(e));
    }
    if keep_backup
        && path.exists()
        && let Err(e) = copy_synced(path, &backup_path(path))
    {
        let _ = fs::remove_file(&temp);
        return Err(fail(e));
    }
    let mut attempt = 0;
    loop {
        match fs::rename(&temp, path) {
            Ok(()) => break,
            Err(e)
                if e.kind() == io::ErrorKind::PermissionDenied
                    && attempt < RENAME_BACKOFF_MS.len() =>
            {
                thread::sleep(Duration::from_millis(RENAME_BACKOFF_MS[attempt]));
                attempt += 1;
            }
            Err(e) => {
                let _ = fs::remove_file(&temp);
                return Err(if e.kind() == io::ErrorKind::PermissionDenied {
                    SaveError::Busy {
                        path: path.to_path_buf(),
                    }
                } else {
                    fail(e)
                });
            }
        }
    }
    sync_folder(&folder);
    Ok(())
}

/// Remove temporary files that a save of this same file left when its program was
/// killed (`.<name>.<pid>.tmp`); they are never the report itself.
fn remove_leftovers(folder: &Path, name: &str) {
    let prefix = format!(".{name}.");
    let Ok(entries) = fs::read_dir(folder) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let file = entry.file_name();
        let file = file.to_string_lossy();
        let ours = file
            .strip_prefix(&prefix)
            .and_then(|rest| rest.strip_suffix(".tmp"));
        if ours.is_some_and(|pid| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit())) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

fn copy_synced(from: &Path, to: &Path) -> io::Result<()> {
    let bytes = fs::read(from)?;
    let mut file = File::create(to)?;
    file.write_all(&bytes)?;
    file.sync_all()
}

/// Make the rename itself durable (Linux needs the folder flushed; Windows cannot open folders).
fn sync_folder(folder: &Path) {
    #[cfg(unix)]
    if let Ok(dir) = File::open(folder) {
        let _ = dir.sync_all();
    }
    #[cfg(not(unix))]
    let _ = folder;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saves_and_keeps_a_backup() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("Báo cáo xã An Hòa.phuluc.json");
        save_atomic(&path, b"first").expect("save");
        assert_eq!(fs::read(&path).expect("read"), b"first");
        assert!(!backup_path(&path).exists());
        save_atomic(&path, b"second").expect("save");
        assert_eq!(fs::read(&path).expect("read"), b"second");
        assert_eq!(fs::read(backup_path(&path)).expect("backup"), b"first");
        let leftovers: Vec<_> = fs::read_dir(dir.path())
            .expect("list")
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty());
    }

    #[test]
    fn a_temporary_file_left_by_a_killed_save_is_cleaned_up() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("a.phuluc.json");
        let leftover = dir.path().join(".a.phuluc.json.4242.tmp");
        let unrelated = dir.path().join(".b.phuluc.json.4242.tmp");
        fs::write(&leftover, b"half").expect("write");
        fs::write(&unrelated, b"other").expect("write");
        save_atomic(&path, b"whole").expect("save");
        assert!(!leftover.exists());
        assert!(
            unrelated.exists(),
            "another file's temporary file is not ours to remove"
        );
    }

    #[test]
    fn missing_folder_is_a_clear_error() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("không có").join("a.phuluc.json");
        let err = save_atomic(&path, b"x").expect_err("no folder");
        assert!(matches!(err, SaveError::NoFolder { .. }));
        assert!(err.to_string().contains("thư mục không tồn tại"), "{err}");
    }
}
