//! A template being edited: rows added, deleted, moved, their fields changed, and ids
//! renumbered by the form's scheme (a Roman numeral for a section, the group's number, the
//! k-th row under the group), with the ids inside checks and weights following the rows
//! they name.
//!
//! The window's template editor draws a [`Draft`] and changes it through the methods here;
//! nothing in this module knows egui, files or the clock. A draft is made from a template
//! file's raw form ([`Draft::from_raw`]) or from a table's guess ([`Draft::from_guess`],
//! keeping the guess's notes at their rows), and becomes a template file again with
//! [`Draft::to_json`]; whether it can be used is [`Draft::lint`]'s answer, the same checks
//! the template reader makes.

use std::collections::{HashMap, HashSet};

use super::from_table::{Guess, Note, NoteLevel};
use super::{
    Choice, LevelChoice, RawRow, RawTemplate, TEMPLATE_FORMAT, TEMPLATE_FORMAT_VERSION, Template,
    TemplateError,
};
use crate::model::check::{RawCheck, parse_comparison};
use crate::model::ids::Depth;
use crate::model::template::Level;

/// Row kinds whose values a check can compare.
const NUMERIC_KINDS: [&str; 5] = ["count", "decimal", "percent", "yes_no", "choice"];

/// A template being edited.
#[derive(Debug, Clone)]
pub struct Draft {
    /// Everything of the template file but its rows (its `rows` stay empty here): id,
    /// version it will be saved as, name, printed titles, levels, limits.
    pub head: RawTemplate,
    /// The rows in form order.
    pub rows: Vec<DraftRow>,
    /// Remarks about the table as a whole, when the draft was guessed from one.
    pub notes: Vec<Note>,
    next_key: u64,
}

/// One row of a draft.
#[derive(Debug, Clone)]
pub struct DraftRow {
    /// Stays the same while the row's id changes (for the window's widgets).
    pub key: u64,
    /// Section, group or item; the id follows from it and the row's place.
    pub depth: Depth,
    /// The row as the template file writes it. A check whose `id` is empty gets one made
    /// from its test when the file is written.
    pub raw: RawRow,
    /// What the table's guess said about the row.
    pub notes: Vec<Note>,
    /// The officer has looked at the notes that asked for review.
    pub reviewed: bool,
}

impl DraftRow {
    /// Whether the guess asked for a look that has not been given yet.
    pub fn needs_review(&self) -> bool {
        !self.reviewed && self.notes.iter().any(|n| n.level == NoteLevel::Review)
    }
}

/// What a change of rows did to ids.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Renumbered {
    /// Rows whose id changed: old, new.
    pub changed: Vec<(String, String)>,
    /// Checks whose test, condition or id now names the new ids.
    pub checks: usize,
    /// Rows whose `weight` now names the new id.
    pub weights: usize,
}

impl Renumbered {
    /// What happened, in Vietnamese, for the officer; empty when no id changed.
    pub fn describe(&self) -> String {
        if self.changed.is_empty() {
            return String::new();
        }
        const SHOWN: usize = 4;
        let mut pairs: Vec<String> = self
            .changed
            .iter()
            .take(SHOWN)
            .map(|(old, new)| format!("{old} thành {new}"))
            .collect();
        if self.changed.len() > SHOWN {
            pairs.push("…".to_owned());
        }
        let mut text = format!(
            "đánh lại mã {} hàng ({})",
            self.changed.len(),
            pairs.join(", ")
        );
        if self.checks > 0 || self.weights > 0 {
            let mut followed = Vec::new();
            if self.checks > 0 {
                followed.push(format!("{} kiểm tra", self.checks));
            }
            if self.weights > 0 {
                followed.push(format!("{} trọng số", self.weights));
            }
            text.push_str(&format!(
                "; đã sửa theo mã mới trong {}",
                followed.join(" và ")
            ));
        }
        text
    }
}

/// What is wrong with one check as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckLint {
    /// The test cannot be read, or names a row that is missing or not a number.
    pub test: Option<String>,
    /// The same, for the condition.
    pub when: Option<String>,
}

/// Everything wrong with a draft, for showing at the rows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Lint {
    /// Per row (in draft order), per check.
    pub checks: Vec<Vec<CheckLint>>,
    /// The first problem that keeps the template from being used, as the template reader
    /// says it, and the row (draft index) it is at when it is about a row.
    pub invalid: Option<(Option<usize>, String)>,
}

impl Lint {
    /// Whether the draft can be saved as it is.
    pub fn is_valid(&self) -> bool {
        self.invalid.is_none()
    }
}

/// The rows below the one at `at` (a section's groups and their rows, a group's rows)
/// reach up to, not including, the returned index.
fn block_end(rows: &[DraftRow], at: usize) -> usize {
    let depth = level(rows[at].depth);
    rows[at + 1..]
        .iter()
        .position(|r| level(r.depth) <= depth)
        .map_or(rows.len(), |p| at + 1 + p)
}

/// 0 for a section, 1 for a group, 2 for a row under a group.
fn level(depth: Depth) -> u8 {
    match depth {
        Depth::Section => 0,
        Depth::Group => 1,
        Depth::Item => 2,
    }
}

/// The depth one below (a section's group, a group's row).
fn child(depth: Depth) -> Option<Depth> {
    match depth {
        Depth::Section => Some(Depth::Group),
        Depth::Group => Some(Depth::Item),
        Depth::Item => None,
    }
}

/// `n` (from 1) as a Roman numeral: 4 → IV.
pub fn roman(mut n: usize) -> String {
    const DIGITS: [(usize, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, digits) in DIGITS {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

/// Replace every indicator id in `text` that `map` names by its new id, all at once (so
/// that two rows that swapped places swap in the text too). An id is a whole run of
/// letters, digits and dots: `III.6.2<=III.6.1`, `I.4.2 + I.4.3`.
pub fn rewrite_ids(text: &str, map: &HashMap<String, String>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut start: Option<usize> = None;
    let flush = |out: &mut String, token: &str| match map.get(token) {
        Some(new) => out.push_str(new),
        None => out.push_str(token),
    };
    for (at, c) in text.char_indices() {
        let in_token = c.is_ascii_alphanumeric() || c == '.' || c == '_';
        match (in_token, start) {
            (true, None) => start = Some(at),
            (false, Some(from)) => {
                flush(&mut out, &text[from..at]);
                start = None;
                out.push(c);
            }
            (false, None) => out.push(c),
            (true, Some(_)) => {}
        }
    }
    if let Some(from) = start {
        flush(&mut out, &text[from..]);
    }
    out
}

/// The ids a text names, as [`rewrite_ids`] sees them.
fn named_ids(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '_'))
        .filter(|t| !t.is_empty())
}

/// A check's id made from its test: `I.1.4 <= I.1.1` → `I.1.4<=I.1.1`.
fn id_from_test(test: &str) -> String {
    test.chars().filter(|c| !c.is_whitespace()).collect()
}

/// How a row of this kind may combine in a province's roll-up, as the template editor
/// offers it: `(aggregate, wording)`, the kind's default (`None`) first.
pub fn aggregate_options(kind: Option<&str>) -> &'static [(Option<&'static str>, &'static str)] {
    match kind {
        Some("count" | "decimal") => &[(None, "Cộng dồn"), (Some("mean"), "Trung bình")],
        Some("percent") => &[(None, "Trung bình"), (Some("sum"), "Cộng dồn")],
        Some("yes_no" | "choice") => &[
            (None, "Đếm theo mã"),
            (Some("filled"), "Đếm số đơn vị điền"),
        ],
        Some(_) => &[(None, "Đếm số đơn vị điền")],
        None => &[],
    }
}

/// Whether a row combines as a mean (so that a weight may be given).
pub fn combines_as_mean(raw: &RawRow) -> bool {
    match raw.aggregate.as_deref() {
        Some(aggregate) => aggregate == "mean",
        None => raw.kind.as_deref() == Some("percent"),
    }
}

/// Set a row's kind (`None`: a heading without a value), keeping what still fits: a
/// yes/no row gets the options Có = 1, Không = 0 unless it has codes 1 and 0 already, a
/// choice keeps the options it had, other kinds have none; a row that becomes coded
/// prints its codes as its unit ("Tin, bài" would say nothing of them); a heading is not
/// required.
pub fn set_kind(raw: &mut RawRow, kind: Option<&str>) {
    let coded = |k: Option<&str>| matches!(k, Some("yes_no" | "choice"));
    if coded(kind) && !coded(raw.kind.as_deref()) {
        raw.unit = None;
    }
    raw.kind = kind.map(str::to_owned);
    match kind {
        Some("yes_no") => {
            let mut codes: Vec<u32> = raw.options.iter().flatten().map(|o| o.code).collect();
            codes.sort_unstable();
            if codes != [0, 1] {
                raw.options = Some(vec![
                    Choice {
                        code: 1,
                        label: "Có".to_owned(),
                    },
                    Choice {
                        code: 0,
                        label: "Không".to_owned(),
                    },
                ]);
            }
        }
        Some("choice") => {
            if raw.options.as_ref().is_none_or(Vec::is_empty) {
                raw.options = Some(
                    (1..=2)
                        .map(|code| Choice {
                            code,
                            label: String::new(),
                        })
                        .collect(),
                );
            }
        }
        _ => raw.options = None,
    }
    if kind.is_none() {
        raw.required = None;
    }
    // How it combines in a roll-up: kept only when the new kind takes it, and a weight
    // only while the row still averages.
    let accepted = aggregate_options(kind)
        .iter()
        .any(|(a, _)| a.is_some() && *a == raw.aggregate.as_deref());
    if !accepted {
        raw.aggregate = None;
    }
    if !combines_as_mean(raw) {
        raw.weight = None;
    }
}

/// How a row's `aggregate` reads in the editor ("Trung bình"), whatever the file wrote:
/// the wording of the kind's list, else of the aggregate itself.
pub fn aggregate_wording(kind: Option<&str>, aggregate: Option<&str>) -> &'static str {
    if let Some((_, wording)) = aggregate_options(kind)
        .iter()
        .find(|(a, _)| *a == aggregate)
    {
        return wording;
    }
    match aggregate {
        Some("sum") => "Cộng dồn",
        Some("mean") => "Trung bình",
        Some("codes") => "Đếm theo mã",
        Some("filled") => "Đếm số đơn vị điền",
        _ => aggregate_options(kind).first().map_or("", |(_, w)| w),
    }
}

/// A row with nothing in it yet.
fn empty_row() -> RawRow {
    RawRow {
        id: String::new(),
        label: String::new(),
        sub: false,
        short: None,
        kind: None,
        unit: None,
        options: None,
        levels: None,
        required: None,
        aggregate: None,
        weight: None,
        checks: Vec::new(),
    }
}

impl Draft {
    /// A draft of a template file's rows.
    pub fn from_raw(mut raw: RawTemplate) -> Draft {
        let rows = std::mem::take(&mut raw.rows);
        let mut draft = Draft {
            head: raw,
            rows: Vec::with_capacity(rows.len()),
            notes: Vec::new(),
            next_key: 0,
        };
        for row in rows {
            let depth = match row.id.matches('.').count() {
                0 => Depth::Section,
                1 => Depth::Group,
                _ => Depth::Item,
            };
            draft.push(depth, row, Vec::new());
        }
        draft
    }

    /// A draft of a template guessed from a table, each row with what was guessed about it.
    pub fn from_guess(guess: &Guess) -> Draft {
        let mut draft = Draft::from_raw(guess.raw.clone());
        for (row, guessed) in draft.rows.iter_mut().zip(&guess.rows) {
            row.notes.clone_from(&guessed.notes);
        }
        draft.notes.clone_from(&guess.notes);
        draft
    }

    fn push(&mut self, depth: Depth, raw: RawRow, notes: Vec<Note>) {
        self.next_key += 1;
        self.rows.push(DraftRow {
            key: self.next_key,
            depth,
            raw,
            notes,
            reviewed: false,
        });
    }

    fn new_row(&mut self, depth: Depth) -> DraftRow {
        self.next_key += 1;
        DraftRow {
            key: self.next_key,
            depth,
            raw: empty_row(),
            notes: Vec::new(),
            reviewed: false,
        }
    }

    /// The index of the row with this key.
    pub fn index_of(&self, key: u64) -> Option<usize> {
        self.rows.iter().position(|r| r.key == key)
    }

    /// The template file as it will be written (checks without an id get one from their
    /// test, made unique).
    pub fn to_raw(&self) -> RawTemplate {
        let mut taken: HashSet<String> = self
            .rows
            .iter()
            .flat_map(|r| &r.raw.checks)
            .map(|c| c.id.clone())
            .filter(|id| !id.trim().is_empty())
            .collect();
        let rows = self
            .rows
            .iter()
            .map(|row| {
                let mut raw = row.raw.clone();
                for check in &mut raw.checks {
                    if check.id.trim().is_empty() {
                        let base = id_from_test(&check.test);
                        let mut id = base.clone();
                        let mut n = 2;
                        while taken.contains(&id) {
                            id = format!("{base}-{n}");
                            n += 1;
                        }
                        taken.insert(id.clone());
                        check.id = id;
                    }
                }
                raw
            })
            .collect();
        RawTemplate {
            format: TEMPLATE_FORMAT.to_owned(),
            format_version: TEMPLATE_FORMAT_VERSION,
            rows,
            ..self.head.clone()
        }
    }

    /// The template file's text.
    pub fn to_json(&self) -> Result<String, serde_json::Error> {
        serde_json::to_string_pretty(&self.to_raw()).map(|mut text| {
            text.push('\n');
            text
        })
    }

    /// Check the draft as the template reader would, and every check's test and condition
    /// on its own, so that each problem can be shown at its row.
    pub fn lint(&self) -> Lint {
        let kinds: HashMap<&str, Option<&str>> = self
            .rows
            .iter()
            .map(|r| (r.raw.id.as_str(), r.raw.kind.as_deref()))
            .collect();
        let side = |text: &str| -> Option<String> {
            let comparison = match parse_comparison(text) {
                Ok(c) => c,
                Err(e) => return Some(e),
            };
            let sides = [&comparison.left, &comparison.right];
            for id in sides.into_iter().flat_map(|e| e.indicators()) {
                match kinds.get(id.as_str()) {
                    None => return Some(format!("mẫu biểu không có chỉ tiêu {id}")),
                    Some(kind) if !kind.is_some_and(|k| NUMERIC_KINDS.contains(&k)) => {
                        return Some(format!(
                            "chỉ tiêu {id} không phải là số nên không so sánh được"
                        ));
                    }
                    Some(_) => {}
                }
            }
            None
        };
        let checks = self
            .rows
            .iter()
            .map(|row| {
                row.raw
                    .checks
                    .iter()
                    .map(|c| CheckLint {
                        test: if c.test.trim().is_empty() {
                            Some("chưa ghi phép kiểm tra (ví dụ I.1.2 <= I.1.1)".to_owned())
                        } else {
                            side(&c.test)
                        },
                        when: c
                            .when
                            .as_deref()
                            .filter(|w| !w.trim().is_empty())
                            .and_then(side),
                    })
                    .collect()
            })
            .collect();
        let invalid = Template::from_raw(self.to_raw()).err().map(|e| {
            let at = match &e {
                TemplateError::Row { position, .. } => position.checked_sub(1),
                _ => None,
            };
            (at, e.to_string())
        });
        Lint { checks, invalid }
    }

    /// Give every row the id its place says, and make the ids in checks and weights
    /// follow the rows they named.
    fn renumber(&mut self) -> Renumbered {
        let (mut section, mut group, mut item) = (0, 0, 0);
        let mut map: HashMap<String, String> = HashMap::new();
        let mut changed = Vec::new();
        for row in &mut self.rows {
            let new = match row.depth {
                Depth::Section => {
                    section += 1;
                    group = 0;
                    roman(section)
                }
                Depth::Group => {
                    group += 1;
                    item = 0;
                    format!("{}.{group}", roman(section.max(1)))
                }
                Depth::Item => {
                    item += 1;
                    format!("{}.{group}.{item}", roman(section.max(1)))
                }
            };
            if row.raw.id != new {
                // A new row has no id yet: nothing named it.
                if !row.raw.id.is_empty() {
                    map.insert(row.raw.id.clone(), new.clone());
                    changed.push((row.raw.id.clone(), new.clone()));
                }
                row.raw.id = new;
            }
        }
        let mut report = Renumbered {
            changed,
            ..Renumbered::default()
        };
        if map.is_empty() {
            return report;
        }
        for row in &mut self.rows {
            for check in &mut row.raw.checks {
                let before = (check.test.clone(), check.when.clone(), check.id.clone());
                check.test = rewrite_ids(&check.test, &map);
                check.when = check.when.as_deref().map(|w| rewrite_ids(w, &map));
                check.id = rewrite_ids(&check.id, &map);
                if before != (check.test.clone(), check.when.clone(), check.id.clone()) {
                    report.checks += 1;
                }
            }
            if let Some(weight) = &mut row.raw.weight {
                let new = rewrite_ids(weight, &map);
                if new != *weight {
                    *weight = new;
                    report.weights += 1;
                }
            }
        }
        report
    }

    /// Add a row one level below the row at `at` (a group in a section, a row in a
    /// group), after the rows already there. `None` for a row under a group, which has
    /// nothing below it. The new row's index and what was renumbered.
    pub fn add_child(&mut self, at: usize) -> Option<(usize, Renumbered)> {
        let depth = child(self.rows.get(at)?.depth)?;
        let end = block_end(&self.rows, at);
        Some(self.insert(end, depth))
    }

    /// Add a row of the same level after the row at `at` and the rows under it.
    pub fn add_after(&mut self, at: usize) -> Option<(usize, Renumbered)> {
        let depth = self.rows.get(at)?.depth;
        let end = block_end(&self.rows, at);
        Some(self.insert(end, depth))
    }

    /// Add a section at the end of the form.
    pub fn add_section(&mut self) -> (usize, Renumbered) {
        self.insert(self.rows.len(), Depth::Section)
    }

    fn insert(&mut self, at: usize, depth: Depth) -> (usize, Renumbered) {
        let row = self.new_row(depth);
        self.rows.insert(at, row);
        (at, self.renumber())
    }

    /// Delete the row at `at` with the rows under it. Refused, saying why, while a check
    /// or a weight outside them names one of them: the name would pass to another row.
    pub fn delete(&mut self, at: usize) -> Result<Renumbered, String> {
        if at >= self.rows.len() {
            return Err("không có hàng này".to_owned());
        }
        let end = block_end(&self.rows, at);
        let gone: HashSet<&str> = self.rows[at..end]
            .iter()
            .map(|r| r.raw.id.as_str())
            .filter(|id| !id.is_empty())
            .collect();
        let mut users = Vec::new();
        for (i, row) in self.rows.iter().enumerate() {
            if (at..end).contains(&i) {
                continue;
            }
            for check in &row.raw.checks {
                let texts = [Some(check.test.as_str()), check.when.as_deref()];
                if let Some(id) = texts
                    .into_iter()
                    .flatten()
                    .flat_map(named_ids)
                    .find(|t| gone.contains(t))
                {
                    users.push(format!(
                        "kiểm tra “{}” ở hàng {} dùng {id}",
                        check.test, row.raw.id
                    ));
                }
            }
            if let Some(weight) = row.raw.weight.as_deref().filter(|w| gone.contains(w)) {
                users.push(format!("hàng {} lấy {weight} làm trọng số", row.raw.id));
            }
        }
        if !users.is_empty() {
            return Err(format!(
                "chưa xoá được {}: {}; hãy sửa hoặc xoá những chỗ đó trước",
                self.rows[at].raw.id,
                users.join("; ")
            ));
        }
        self.rows.drain(at..end);
        Ok(self.renumber())
    }

    /// Whether the row at `at` (with the rows under it) can move up or down.
    pub fn can_move(&self, at: usize, up: bool) -> bool {
        self.move_target(at, up).is_some()
    }

    /// Move the row at `at`, with the rows under it, one place up or down among rows of
    /// its level: past the first row of its group it becomes the last row of the group
    /// above, a group likewise between sections. Its new index and what was renumbered;
    /// `None` when it cannot go further.
    pub fn move_row(&mut self, at: usize, up: bool) -> Option<(usize, Renumbered)> {
        let target = self.move_target(at, up)?;
        let end = block_end(&self.rows, at);
        let block: Vec<DraftRow> = self.rows.drain(at..end).collect();
        let tail = self.rows.split_off(target);
        self.rows.extend(block);
        self.rows.extend(tail);
        Some((target, self.renumber()))
    }

    /// Where, among the rows without the moving ones, they go: the nearest place above or
    /// below where a row of their level may stand (after its parent or a sibling, and not
    /// between another row and the rows under it).
    fn move_target(&self, at: usize, up: bool) -> Option<usize> {
        let row = self.rows.get(at)?;
        let depth = level(row.depth);
        let end = block_end(&self.rows, at);
        let len = end - at;
        let rest_len = self.rows.len() - len;
        let rest = |k: usize| -> u8 {
            let i = if k < at { k } else { k + len };
            level(self.rows[i].depth)
        };
        let fits = |p: usize| -> bool {
            let prev = p.checked_sub(1).map(rest);
            let next = (p < rest_len).then(|| rest(p));
            let after_parent = depth == 0 || prev.is_some_and(|l| l + 1 >= depth);
            let splits_nothing = next.is_none_or(|l| l <= depth);
            after_parent && splits_nothing
        };
        if up {
            (0..at).rev().find(|&p| fits(p))
        } else {
            (at + 1..=rest_len).find(|&p| fits(p))
        }
    }

    /// Add an empty check to the row at `at`; its index among the row's checks.
    pub fn add_check(&mut self, at: usize) -> Option<usize> {
        let row = self.rows.get_mut(at)?;
        row.raw.checks.push(RawCheck {
            id: String::new(),
            severity: crate::model::check::Severity::Error,
            test: String::new(),
            when: None,
            missing: crate::model::check::Missing::default(),
            message: None,
        });
        Some(row.raw.checks.len() - 1)
    }

    /// The count and decimal rows above row `at`, by id and label: what may weigh its mean
    /// in a roll-up (III.6.3, a rate, weighed by III.6.1, the dossiers received).
    pub fn weight_candidates(&self, at: usize) -> Vec<(String, String)> {
        self.rows[..at.min(self.rows.len())]
            .iter()
            .filter(|r| matches!(r.raw.kind.as_deref(), Some("count" | "decimal")))
            .map(|r| (r.raw.id.clone(), r.raw.label.clone()))
            .collect()
    }

    /// The levels that fill the form as it will be used (the 2021 pair when the file says
    /// nothing).
    pub fn levels(&self) -> Vec<LevelChoice> {
        self.head
            .levels
            .clone()
            .unwrap_or_else(LevelChoice::before_2025)
    }

    /// Let other levels fill the form. A row of the level above the communes stays one of
    /// the level above them: the district's rows become the province's when the form
    /// moves to two-level government (and back). Another level the form drops is taken
    /// from the rows, and a row left with none takes its parent's. Returns the ids of the
    /// rows changed, for the officer to look at.
    pub fn set_levels(&mut self, levels: Vec<LevelChoice>) -> Vec<String> {
        let kept: Vec<Level> = levels.iter().map(|l| l.code).collect();
        let upper = |l: Level| match l {
            Level::Huyen if kept.contains(&Level::Tinh) => Some(Level::Tinh),
            Level::Tinh if kept.contains(&Level::Huyen) => Some(Level::Huyen),
            _ => None,
        };
        let mut changed = Vec::new();
        for row in &mut self.rows {
            let Some(own) = &row.raw.levels else { continue };
            let mut now: Vec<Level> = Vec::new();
            for level in own {
                let level = if kept.contains(level) {
                    Some(*level)
                } else {
                    upper(*level)
                };
                if let Some(level) = level
                    && !now.contains(&level)
                {
                    now.push(level);
                }
            }
            if now != *own {
                changed.push(row.raw.id.clone());
                row.raw.levels = (!now.is_empty()).then_some(now);
            }
        }
        self.head.levels = (levels != LevelChoice::before_2025()).then_some(levels);
        changed
    }
}

#[cfg(test)]
mod tests;
