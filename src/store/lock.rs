//! One writer per report file, the way LibreOffice does it: a small lock file beside
//! the report (`.~lock.<name>#`) says who has it open, on which PC, since when. A
//! second window or PC is told so and may open the report read-only. A lock left by
//! a crash on this PC (its process is gone) is taken over without asking.

use std::fs::OpenOptions;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// Who holds a report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LockOwner {
    /// User name.
    pub user: String,
    /// Computer name.
    pub host: String,
    /// Process id.
    pub pid: u32,
    /// Since when, as the window wrote it ("dd/mm/yyyy hh:mm").
    pub since: String,
}

impl LockOwner {
    /// This process, now (`since` is passed in: the store knows no clock).
    pub fn me(since: String) -> LockOwner {
        let var = |names: &[&str]| {
            names
                .iter()
                .find_map(|n| std::env::var(n).ok().filter(|v| !v.is_empty()))
        };
        let host = var(&["COMPUTERNAME", "HOSTNAME"])
            .or_else(|| {
                std::fs::read_to_string("/etc/hostname")
                    .ok()
                    .map(|h| h.trim().to_owned())
            })
            .unwrap_or_else(|| "máy không tên".to_owned());
        LockOwner {
            user: var(&["USERNAME", "USER", "LOGNAME"]).unwrap_or_else(|| "không rõ".to_owned()),
            host,
            pid: std::process::id(),
            since,
        }
    }
}

/// The report is held by someone else.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("“{file}” đang được {} mở trên máy {} từ {}", owner.user, owner.host, owner.since)]
pub struct Held {
    /// The report.
    pub file: String,
    /// Who holds it.
    pub owner: LockOwner,
}

/// A held lock; dropping it releases the report (unless someone took it over since).
#[derive(Debug)]
pub struct FileLock {
    path: PathBuf,
    text: String,
}

impl Drop for FileLock {
    fn drop(&mut self) {
        let still_mine = std::fs::read_to_string(&self.path).is_ok_and(|t| t == self.text);
        if still_mine {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// `.~lock.bao-cao.phuluc.json#` beside `bao-cao.phuluc.json`.
pub fn lock_path(report: &Path) -> PathBuf {
    let name = report.file_name().unwrap_or_default().to_string_lossy();
    report.with_file_name(format!(".~lock.{name}#"))
}

/// Whether process `pid` of this PC still runs; `None` where this cannot be told.
#[cfg(target_os = "linux")]
fn process_alive(pid: u32) -> Option<bool> {
    Some(Path::new("/proc").join(pid.to_string()).exists())
}

/// Whether process `pid` of this PC still runs; `None` where this cannot be told.
#[cfg(windows)]
fn process_alive(pid: u32) -> Option<bool> {
    const PROCESS_QUERY_LIMITED_INFORMATION: u32 = 0x1000;
    const ERROR_INVALID_PARAMETER: i32 = 87;
    const STILL_ACTIVE: u32 = 259;
    #[link(name = "kernel32")]
    unsafe extern "system" {
        fn OpenProcess(access: u32, inherit: i32, pid: u32) -> *mut u8;
        fn GetExitCodeProcess(process: *mut u8, code: *mut u32) -> i32;
        fn CloseHandle(handle: *mut u8) -> i32;
    }
    // SAFETY: OpenProcess takes plain values; the handle it returns is used only while
    // open and closed once; `code` outlives the call that writes it.
    unsafe {
        let process = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, 0, pid);
        if process.is_null() {
            // No such process: "invalid parameter". Another user's process: access
            // denied, so it exists.
            let gone =
                std::io::Error::last_os_error().raw_os_error() == Some(ERROR_INVALID_PARAMETER);
            return Some(!gone);
        }
        let mut code = 0u32;
        let known = GetExitCodeProcess(process, &mut code) != 0;
        CloseHandle(process);
        known.then_some(code == STILL_ACTIVE)
    }
}

/// Whether process `pid` of this PC still runs; `None` where this cannot be told.
#[cfg(not(any(target_os = "linux", windows)))]
fn process_alive(_pid: u32) -> Option<bool> {
    None
}

/// Take the lock of `report` for `me`. With `take_over`, a lock held by someone else is
/// replaced (the officer chose to). A folder where no lock can be written (a read-only
/// share) gives no lock but no error: the report still opens.
///
/// The owner is four plain fields, which serde_json always encodes, so there is no test of
/// an encoding failure; were one ever to happen, no lock file is written (`Ok(None)`),
/// never an empty one.
pub fn acquire(report: &Path, me: &LockOwner, take_over: bool) -> Result<Option<FileLock>, Held> {
    let path = lock_path(report);
    // No lock (as on a read-only share) is better than an empty lock file that says nothing
    // about its owner.
    let Ok(text) = serde_json::to_string(me) else {
        return Ok(None);
    };
    let write_new = || {
        OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .and_then(|mut f| f.write_all(text.as_bytes()).and_then(|()| f.sync_all()))
    };
    match write_new() {
        Ok(()) => return Ok(Some(FileLock { path, text })),
        Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => return Ok(None),
        Err(_) => {}
    }
    let owner: Option<LockOwner> = std::fs::read(&path)
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok());
    let stale = match &owner {
        None => true,
        Some(o) => {
            // Ours already, or left by a process of this PC that is gone.
            o.host == me.host && (o.pid == me.pid || process_alive(o.pid) == Some(false))
        }
    };
    if let (Some(owner), false, false) = (owner, stale, take_over) {
        return Err(Held {
            file: report
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned(),
            owner,
        });
    }
    let _ = std::fs::remove_file(&path);
    match write_new() {
        Ok(()) => Ok(Some(FileLock { path, text })),
        Err(_) => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn owner(host: &str, pid: u32) -> LockOwner {
        LockOwner {
            user: "chuyenvien".into(),
            host: host.into(),
            pid,
            since: "27/11/2026 08:00".into(),
        }
    }

    #[test]
    fn a_second_opener_is_told_who_holds_the_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let report = dir.path().join("xã Tân Long.phuluc.json");
        let first = acquire(&report, &owner("MAY-A", std::process::id()), false).expect("free");
        assert!(first.is_some() && lock_path(&report).exists());
        let held = acquire(&report, &owner("MAY-B", 42), false).expect_err("held");
        assert_eq!(held.owner.host, "MAY-A");
        assert!(
            held.to_string()
                .contains("đang được chuyenvien mở trên máy MAY-A từ 27/11/2026 08:00")
        );
        // Taking over replaces the owner; the first holder closing does not free it.
        let second = acquire(&report, &owner("MAY-B", 42), true).expect("taken over");
        drop(first);
        assert!(lock_path(&report).exists(), "the new holder keeps the lock");
        let held = acquire(&report, &owner("MAY-C", 7), false).expect_err("held by B");
        assert_eq!(held.owner.host, "MAY-B");
        drop(second);
        assert!(!lock_path(&report).exists());
    }

    #[cfg(any(target_os = "linux", windows))]
    #[test]
    fn a_lock_left_by_a_crash_on_this_pc_is_taken_over() {
        let dir = tempfile::tempdir().expect("tempdir");
        let report = dir.path().join("a.phuluc.json");
        // A process id that cannot be running (beyond Linux's pid_max).
        let dead = owner("MAY-A", 4_999_999);
        std::fs::write(
            lock_path(&report),
            serde_json::to_string(&dead).expect("json"),
        )
        .expect("write");
        let lock = acquire(&report, &owner("MAY-A", std::process::id()), false).expect("stale");
        assert!(lock.is_some());
        let text = std::fs::read_to_string(lock_path(&report)).expect("read");
        assert!(text.contains(&std::process::id().to_string()));
    }
}
