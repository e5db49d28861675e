//! Undo and redo of cell edits.
//!
//! Typing "1.200" into a cell is one edit for the user, not five, so changes
//! that carry the same non-`None` merge key and touch the same part of the
//! same indicator in a row are merged into one step (the key is the editing
//! session of one focused cell in the window).

use super::report::{Change, Report};

/// How many steps are kept; a year's form has ~150 cells, so this is far more
/// than a session of typing needs while bounding memory.
pub const MAX_STEPS: usize = 1000;

/// A change and the editing session that made it.
#[derive(Debug, Clone)]
struct Step {
    change: Change,
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
            && last.change.id == change.id
            && last.change.part == change.part
        {
            last.change.after = change.after;
            return;
        }
        self.undo.push(Step { change, merge_key });
        if self.undo.len() > MAX_STEPS {
            self.undo.remove(0);
        }
    }

    /// Undo the last step; returns the change undone.
    pub fn undo(&mut self, report: &mut Report) -> Option<Change> {
        shift(&mut self.undo, &mut self.redo, report, Report::revert)
    }

    /// Redo the last undone step; returns the change redone.
    pub fn redo(&mut self, report: &mut Report) -> Option<Change> {
        shift(&mut self.redo, &mut self.undo, report, Report::reapply)
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

/// Move the newest step from one stack to the other, applying it to the report. A moved
/// step never merges with later typing.
fn shift(
    from: &mut Vec<Step>,
    to: &mut Vec<Step>,
    report: &mut Report,
    apply: fn(&mut Report, &Change),
) -> Option<Change> {
    let step = from.pop()?;
    apply(report, &step.change);
    let change = step.change.clone();
    to.push(Step {
        merge_key: None,
        ..step
    });
    Some(change)
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
}
