//! Autosave and recovery: the copy written a moment after typing stops, and the
//! copies of an earlier run offered back at start (restore, or set aside, never delete).

use super::{AUTOSAVE_DELAY_S, Autosave, Document, Failure, Session};
use crate::model::{Report, Template};
use crate::store::load_report;
use crate::store::lock;
use crate::store::recovery::{RecoveryCopy, RecoveryStore};
use crate::store::report_file::report_from_bytes;

/// A recovery copy offered for restoring, described for the officer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Offer {
    /// The report's file name, or "Báo cáo mới (chưa lưu lần nào)".
    pub name: String,
    /// When the copy was written.
    pub saved_at: String,
    /// What differs from the saved file: "2 chỉ tiêu khác với tệp đã lưu (I.1.1, III.6.1)".
    pub summary: String,
}

impl Session {
    fn recovery_key(&self) -> String {
        RecoveryStore::key(self.doc.path.as_deref(), &self.run)
    }

    /// Write the recovery copy once typing has paused for [`AUTOSAVE_DELAY_S`]; `now` is
    /// the window's clock in seconds. A report with nothing unsaved has its copy removed.
    pub fn autosave_tick(&mut self, now: f64) -> Autosave {
        if self.doc.report != self.autosave_base {
            self.autosave_base = self.doc.report.clone();
            self.autosave_due = Some(now + AUTOSAVE_DELAY_S);
        }
        let Some(due) = self.autosave_due else {
            return Autosave::default();
        };
        if now < due {
            return Autosave {
                wait: Some(due - now),
                failure: None,
            };
        }
        self.autosave_due = None;
        Autosave {
            wait: None,
            failure: self.write_recovery().err(),
        }
    }

    /// Write (or, with nothing unsaved, remove) this report's recovery copy now.
    fn write_recovery(&mut self) -> Result<(), Failure> {
        if self.recovery.is_none() {
            return Ok(());
        }
        if !self.doc.is_dirty() {
            self.forget_recovery();
            return Ok(());
        }
        let key = self.recovery_key();
        if self.written.as_ref().is_some_and(|w| *w != key) {
            // Saved under another name since: the copy under the old name is stale.
            self.forget_recovery();
        }
        let Some(store) = &self.recovery else {
            return Ok(());
        };
        store
            .write(
                &key,
                self.doc.path.as_deref(),
                &(self.clock)(),
                &self.doc.report,
            )
            .map_err(|e| {
                Failure::new(
                    "Chưa tự động lưu được",
                    format!("{e}\nDữ liệu vẫn còn trong cửa sổ; hãy lưu báo cáo (Ctrl+S)."),
                )
            })?;
        self.written = Some(key);
        Ok(())
    }

    /// Remove the recovery copy this session wrote, if any (never another's).
    pub(super) fn forget_recovery(&mut self) {
        if let (Some(store), Some(key)) = (&self.recovery, self.written.take()) {
            store.remove(&key);
        }
    }

    /// The first copy left by an earlier run, described; `None` when none is left.
    pub fn offer(&self) -> Option<Offer> {
        let copy = self.offers.front()?;
        let name = copy
            .original
            .as_ref()
            .and_then(|p| p.file_name())
            .map_or_else(
                || "Báo cáo mới (chưa lưu lần nào)".to_owned(),
                |n| n.to_string_lossy().into_owned(),
            );
        let summary = match self.recovered_pair(copy) {
            Ok((_, saved, current)) => describe_changes(&saved, &current, copy.original.is_some()),
            Err(e) => format!("không đọc được bản này ({})", e.text),
        };
        Some(Offer {
            name,
            saved_at: copy.saved_at.clone(),
            summary,
        })
    }

    /// The template, the report as saved in its file (or empty) and the recovered report.
    fn recovered_pair(&self, copy: &RecoveryCopy) -> Result<(Template, Report, Report), Failure> {
        let (current, template) = report_from_bytes(&copy.file, &copy.report, &self.templates)
            .map_err(|e| Failure::new("Không khôi phục được", e.to_string()))?;
        let saved = copy
            .original
            .as_ref()
            .and_then(|p| load_report(p, &self.templates).ok())
            .map_or_else(|| Report::new(&template), |(r, _)| r);
        Ok((template, saved, current))
    }

    /// Restore the first offered copy as unsaved work. Its file is locked again as
    /// opening it would; when someone else holds it now, the work stays in the window
    /// read-only and the answer says so (it can be saved under another name). The answer
    /// lists what the officer should be told (`None`: no copy was offered); `Err` when the
    /// copy cannot be read.
    pub fn restore_offer(&mut self) -> Result<Option<Vec<Failure>>, Failure> {
        let Some(copy) = self.offers.pop_front() else {
            return Ok(None);
        };
        let (template, saved, current) = self.recovered_pair(&copy)?;
        self.replace(Document::recovered(
            template,
            saved,
            current,
            copy.original.clone(),
        ));
        let mut told = Vec::new();
        if let Some(path) = &copy.original {
            match lock::acquire(path, &self.me(), false) {
                Ok(lock) => self.lock = lock,
                Err(who) => {
                    self.read_only = true;
                    told.push(Failure::new(
                        "Báo cáo đang được mở ở nơi khác",
                        format!(
                            "{who}. Dữ liệu khôi phục vẫn còn trong cửa sổ; hãy lưu với tên khác (Lưu thành…)."
                        ),
                    ));
                }
            }
        }
        // Keep the work under this run's name until the report is saved; the old copy
        // goes only once the new one is on disk.
        self.autosave_base = self.doc.report.clone();
        self.autosave_due = None;
        match self.write_recovery() {
            Ok(()) => {
                if let Some(store) = &self.recovery
                    && store.path_of(&self.recovery_key()) != copy.file
                {
                    store.remove_copy(&copy);
                }
            }
            Err(failure) => told.push(failure),
        }
        Ok(Some(told))
    }

    /// Keep the first offered copy in `aside/` without restoring it. When it cannot be
    /// moved it stays where it is (and is offered again next time).
    pub fn set_aside_offer(&mut self) -> Result<(), Failure> {
        let Some(copy) = self.offers.pop_front() else {
            return Ok(());
        };
        let Some(store) = &self.recovery else {
            return Ok(());
        };
        store.set_aside(&copy).map(|_| ()).map_err(|e| {
            Failure::new(
                "Không để riêng được bản tự lưu",
                format!(
                    "{e}. Bản tự lưu vẫn nằm trong “{}” và sẽ được hỏi lại lần sau.",
                    store.dir().display()
                ),
            )
        })
    }
}

/// "7 chỉ tiêu khác với tệp đã lưu (III.6.1, III.6.2, III.6.6, III.6.7, III.6.8, …)".
pub(super) fn describe_changes(saved: &Report, current: &Report, has_file: bool) -> String {
    /// Enough ids for the officer to recognise the work.
    const SHOWN: usize = 5;
    let mut ids: Vec<String> = current
        .entries()
        .filter(|(id, e)| saved.entry(id) != Some(*e))
        .map(|(id, _)| id.to_string())
        .collect();
    ids.extend(
        saved
            .entries()
            .filter(|(id, _)| current.entry(id).is_none())
            .map(|(id, _)| id.to_string()),
    );
    let general = if saved.general != current.general {
        " và thông tin chung"
    } else {
        ""
    };
    if ids.is_empty() {
        return format!("không khác tệp đã lưu{general}");
    }
    let mut list = ids
        .iter()
        .take(SHOWN)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if ids.len() > SHOWN {
        list.push_str(", …");
    }
    if has_file {
        format!(
            "{} chỉ tiêu khác với tệp đã lưu{general} ({list})",
            ids.len()
        )
    } else {
        format!("{} chỉ tiêu đã nhập{general} ({list})", ids.len())
    }
}
