//! Undo and redo of cell edits.
//!
//! Typing "1.200" into a cell is one edit for the user, not five, so changes
//! that carry the same non-`None` merge key and touch the same part of the
//! same indicator in a row are merged into one step (the key is the editing
//! session of one focused cell in the window). A paste that fills many cells at
//! once is one step too ([`History::record_all`]): one undo takes it all back.

use super::report::{Change, Report};

/// How many steps are kept; a year's form has ~150 cells, so this is far more
/// than a session of typing needs while bounding memory.
pub const MAX_STEPS: usize = 1000;

/// The changes of one step (one or more, in the order they were made) and the editing
/// session that made them.
#[derive(Debug, Clone)]
struct Step {
    changes: Vec<Change>,
    merge_key: Option<u64>,
}

/// Undo and redo stacks.
#[derive(Debug, Clone, Default)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
}

impl History {
    /// Remember a change just applied to the report.
    pub fn record(&mut self, change: Change, merge_key: Option<u64>) {
        self.redo.clear();
        if let (Some(key), Some(last)) = (merge_key, self.undo.last_mut())
            && last.merge_key == Some(key)
            && let [only] = last.changes.as_mut_slice()
            && only.id == change.id
            && only.part == change.part
        {
            only.after = change.after;
            return;
        }
        self.push(Step {
            changes: vec![change],
            merge_key,
        });
    }

    /// Remember changes just applied together (a paste down a column) as one step, which
    /// never merges with typing. Nothing is remembered when the list is empty.
    pub fn record_all(&mut self, changes: Vec<Change>) {
        if changes.is_empty() {
            return;
        }
        self.redo.clear();
        self.push(Step {
            changes,
            merge_key: None,
        });
    }

    fn push(&mut self, step: Step) {
        self.undo.push(step);
        if self.undo.len() > MAX_STEPS {
            self.undo.remove(0);
        }
    }

    /// Undo the last step (its changes newest first); returns its first change.
    pub fn undo(&mut self, report: &mut Report) -> Option<Change> {
        let step = self.undo.pop()?;
        for change in step.changes.iter().rev() {
            report.revert(change);
        }
        moved(step, &mut self.redo)
    }

    /// Redo the last undone step (its changes in order); returns its first change.
    pub fn redo(&mut self, report: &mut Report) -> Option<Change> {
        let step = self.redo.pop()?;
        for change in &step.changes {
            report.reapply(change);
        }
        moved(step, &mut self.undo)
    }

    /// Whether there is something to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether there is something to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Forget everything (a new or another report).
    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }
}

/// Put a step just undone or redone on the other stack (where it never merges with later
/// typing); its first change, for the cursor (a step always has one).
fn moved(step: Step, to: &mut Vec<Step>) -> Option<Change> {
    let first = step.changes.first().cloned();
    to.push(Step {
        merge_key: None,
        ..step
    });
    first
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ids::IndicatorId;
    use crate::model::template::Template;

    #[test]
    fn typing_in_one_cell_is_one_step() {
        let t = Template::builtin().expect("template");
        let mut r = Report::new(&t);
        let mut h = History::default();
        let id = IndicatorId::parse("I.1.1").expect("id");
        for text in ["1", "1.", "1.2", "1.20", "1.200"] {
            if let Some(c) = r.set_text(&t, &id, text).expect("ok") {
                h.record(c, Some(7));
            }
        }
        let other = IndicatorId::parse("I.1.2").expect("id");
        let c = r.set_text(&t, &other, "5").expect("ok").expect("changed");
        h.record(c, Some(8));
        assert_eq!(r.number(&id), Some(1200.0));
        h.undo(&mut r);
        assert!(r.entry(&other).is_none());
        h.undo(&mut r);
        assert!(r.entry(&id).is_none());
        assert!(!h.can_undo());
        h.redo(&mut r);
        assert_eq!(r.number(&id), Some(1200.0));
        h.redo(&mut r);
        assert_eq!(r.number(&other), Some(5.0));
        assert!(!h.can_redo());
        // a new edit after undo drops the redo stack
        h.undo(&mut r);
        let c = r.set_text(&t, &id, "3").expect("ok").expect("changed");
        h.record(c, None);
        assert!(!h.can_redo());
    }

    #[test]
    fn changes_recorded_together_undo_and_redo_as_one_step() {
        let t = Template::builtin().expect("template");
        let mut r = Report::new(&t);
        let mut h = History::default();
        let typed = IndicatorId::parse("I.1.1").expect("id");
        let c = r.set_text(&t, &typed, "7").expect("ok").expect("changed");
        h.record(c, Some(1));
        let one = IndicatorId::parse("I.1.2").expect("id");
        let two = IndicatorId::parse("I.1.3").expect("id");
        let mut changes = Vec::new();
        for (id, text) in [(&typed, "28"), (&one, "26"), (&two, "2")] {
            changes.extend(r.set_text(&t, id, text).expect("ok"));
        }
        changes.extend(r.set_note(&t, &one, "đạt 93%").expect("ok"));
        h.record_all(changes);
        // Typing with the old key afterwards is a step of its own.
        let c = r.set_text(&t, &typed, "29").expect("ok").expect("changed");
        h.record(c, Some(1));
        h.undo(&mut r);
        assert_eq!(r.number(&typed), Some(28.0));
        let first = h.undo(&mut r).expect("the paste");
        assert_eq!(first.id, typed, "the cursor goes to the first cell");
        assert_eq!(r.number(&typed), Some(7.0));
        assert!(r.entry(&one).is_none() && r.entry(&two).is_none());
        h.redo(&mut r);
        assert_eq!(r.number(&two), Some(2.0));
        assert_eq!(r.entry(&one).map(|e| e.note.as_str()), Some("đạt 93%"));
        assert_eq!(r.number(&one), Some(26.0));
        h.record_all(Vec::new());
        assert!(h.can_redo(), "nothing recorded, nothing dropped");
    }
}
