//! The open report with everything derived from it: its template, its file,
//! its undo history and its findings. The session holds one; the window draws it.

use std::collections::HashMap;
use std::path::PathBuf;

use crate::model::report::{DocumentParts, EditError, Part, display_cell};
use crate::model::{Cell, History, IndicatorId, Kind, Report, Template, Value};
use crate::rules::{self, Counts, Finding, Severity};

/// Which editable part of a row a widget edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Slot {
    /// The value cell (numbers, codes, text).
    Value,
    /// Document: its type.
    DocType,
    /// Document: number and symbol.
    DocNumber,
    /// Document: date.
    DocDate,
    /// Ghi chú.
    Note,
}

/// A cell of the table: a row and one of its parts.
pub type CellRef = (IndicatorId, Slot);

/// Which way the cursor moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Tab, Enter.
    Next,
    /// Shift+Tab, Shift+Enter.
    Previous,
}

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
    marks: HashMap<IndicatorId, Mark>,
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
        self.marks.get(id)
    }

    /// Findings in one section (`None` for the general information).
    pub fn counts_in(&self, section: Option<&str>) -> Counts {
        let in_scope = |f: &&Finding| match section {
            None => f.is_general(),
            Some(s) => f.indicators.iter().any(|id| id.section() == s),
        };
        rules::counts(self.findings.iter().filter(in_scope))
    }

    /// What a cell shows when it does not have the cursor.
    pub fn cell_text(&self, cell: &CellRef) -> String {
        let entry_cell = self.report.cell(&cell.0);
        match cell.1 {
            Slot::Note => self
                .report
                .entry(&cell.0)
                .map(|e| e.note.clone())
                .unwrap_or_default(),
            Slot::Value => match entry_cell {
                Cell::Value(Value::Code(c)) => c.to_string(),
                other => display_cell(other),
            },
            Slot::DocType | Slot::DocNumber | Slot::DocDate => {
                let mut parts = DocumentParts::split(&display_cell(entry_cell));
                std::mem::take(document_part(&mut parts, cell.1))
            }
        }
    }

    /// Put what was typed into a cell, as one undo step per typing session `key`.
    pub fn edit(&mut self, cell: &CellRef, text: &str, key: Option<u64>) -> Result<(), EditError> {
        let template = &self.template;
        let report = &mut self.report;
        let change = match cell.1 {
            Slot::Note => report.set_note(template, &cell.0, text)?,
            Slot::Value => report.set_text(template, &cell.0, text)?,
            Slot::DocType | Slot::DocNumber | Slot::DocDate => {
                let mut parts = DocumentParts::split(&display_cell(report.cell(&cell.0)));
                *document_part(&mut parts, cell.1) = text.to_owned();
                report.set_text(template, &cell.0, &parts.join())?
            }
        };
        if let Some(change) = change {
            self.history.record(change, key);
            self.recheck();
        }
        Ok(())
    }

    /// Undo (or redo) the last cell edit; the cell it touched, for the cursor.
    pub fn undo(&mut self, redo: bool) -> Option<CellRef> {
        let change = if redo {
            self.history.redo(&mut self.report)
        } else {
            self.history.undo(&mut self.report)
        }?;
        self.recheck();
        let slot = match change.part {
            Part::Note => Slot::Note,
            Part::Value => self.first_slot(&change.id),
        };
        Some((change.id, slot))
    }

    /// The first cell the cursor goes to in a row.
    pub fn first_slot(&self, id: &IndicatorId) -> Slot {
        match self.template.row(id) {
            Some(row) if row.kind.is_some() && row.applies_to(self.report.general.level) => {
                if row.kind == Some(Kind::Document) {
                    Slot::DocType
                } else {
                    Slot::Value
                }
            }
            _ => Slot::Note,
        }
    }

    /// The value cells in form order, as Tab visits them.
    pub fn tab_order(&self) -> Vec<CellRef> {
        let mut order = Vec::new();
        for row in self.template.value_rows(self.report.general.level) {
            if row.kind == Some(Kind::Document) {
                for slot in [Slot::DocType, Slot::DocNumber, Slot::DocDate] {
                    order.push((row.id.clone(), slot));
                }
            } else {
                order.push((row.id.clone(), Slot::Value));
            }
        }
        order
    }

    /// The value cell after (or before) `from` in form order.
    pub fn neighbour(&self, from: &CellRef, direction: Direction) -> Option<CellRef> {
        let order = self.tab_order();
        if let Some(here) = order.iter().position(|c| c == from) {
            let to = match direction {
                Direction::Next => here + 1,
                Direction::Previous => here.checked_sub(1)?,
            };
            return order.get(to).cloned();
        }
        // From a note or a heading row: the nearest value cell after (or before) it.
        let pos = self.template.position(&from.0)?;
        let after = |c: &CellRef| self.template.position(&c.0).is_some_and(|p| p > pos);
        match direction {
            Direction::Next => order.iter().find(|c| after(c)).cloned(),
            Direction::Previous => order
                .iter()
                .rev()
                .find(|c| !after(c) && c.0 != from.0)
                .cloned(),
        }
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

/// The part of a document reference a slot edits.
fn document_part(parts: &mut DocumentParts, slot: Slot) -> &mut String {
    match slot {
        Slot::DocType => &mut parts.doc_type,
        Slot::DocNumber => &mut parts.number,
        _ => &mut parts.date,
    }
}
