//! The open report with everything derived from it: its template, its file,
//! its undo history and its findings. The window holds one.

use std::collections::HashMap;
use std::path::PathBuf;

use crate::model::{History, IndicatorId, Report, Template};
use crate::rules::{self, Counts, Finding, Severity};

/// What a cell shows about the findings that name it.
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    /// The worst severity among them.
    pub severity: Severity,
    /// Whether every one of them is an explained warning.
    pub explained: bool,
    /// Their messages.
    pub messages: Vec<String>,
}

/// The report being edited.
pub struct Document {
    /// Its template.
    pub template: Template,
    /// The report.
    pub report: Report,
    /// The file it was read from or saved to; `None` for a new report.
    pub path: Option<PathBuf>,
    /// The report as last saved or opened, to tell whether there are unsaved changes.
    saved: Report,
    /// Undo and redo.
    pub history: History,
    /// Findings of the last check, in form order.
    pub findings: Vec<Finding>,
    /// Worst open severity and messages per indicator.
    marks: HashMap<String, Mark>,
}

impl Document {
    /// A document for a report, as read from `path` (or new).
    pub fn new(template: Template, report: Report, path: Option<PathBuf>) -> Document {
        let mut doc = Document {
            saved: report.clone(),
            template,
            report,
            path,
            history: History::default(),
            findings: Vec::new(),
            marks: HashMap::new(),
        };
        doc.recheck();
        doc
    }

    /// A report restored from a recovery copy: `saved` is what the file holds (or an
    /// empty report for one never saved), `current` what was typed; it counts as unsaved.
    pub fn recovered(
        template: Template,
        saved: Report,
        current: Report,
        path: Option<PathBuf>,
    ) -> Document {
        let mut doc = Document::new(template, saved, path);
        doc.report = current;
        doc.recheck();
        doc
    }

    /// Whether there are changes not saved to a file. A new report that was never
    /// touched has none.
    pub fn is_dirty(&self) -> bool {
        self.report != self.saved
    }

    /// The report was just written to `path`.
    pub fn mark_saved(&mut self, path: PathBuf) {
        self.saved = self.report.clone();
        self.path = Some(path);
    }

    /// Check the whole report again (after every edit; it takes microseconds).
    pub fn recheck(&mut self) {
        self.findings = rules::evaluate(&self.template, &self.report);
        self.marks.clear();
        for f in &self.findings {
            for id in &f.indicators {
                let mark = self.marks.entry(id.clone()).or_insert(Mark {
                    severity: f.severity,
                    explained: true,
                    messages: Vec::new(),
                });
                mark.severity = mark.severity.max(f.severity);
                mark.explained &= !f.is_open();
                match &f.explained {
                    Some(note) => mark
                        .messages
                        .push(format!("{} (đã giải trình: {note})", f.message)),
                    None => mark.messages.push(f.message.clone()),
                }
            }
        }
    }

    /// The worst finding on a row and its messages.
    pub fn mark(&self, id: &IndicatorId) -> Option<&Mark> {
        self.marks.get(id.as_str())
    }

    /// Findings in one section (`None` for the general information).
    pub fn counts_in(&self, section: Option<&str>) -> Counts {
        let in_scope = |f: &&Finding| match section {
            None => f.indicators.is_empty(),
            Some(s) => f
                .indicators
                .iter()
                .any(|id| id.split('.').next() == Some(s)),
        };
        rules::counts(self.findings.iter().filter(in_scope))
    }

    /// File name for the title bar.
    pub fn display_name(&self) -> String {
        self.path
            .as_ref()
            .and_then(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "Báo cáo mới".to_owned())
    }
}
