//! Moving a report onto another template: last year's report, or one made on an older
//! version of the form, carried onto the form the province sends this year.
//!
//! The province renumbers, rewords, adds and drops rows from one year to the next, so a
//! value goes where its row went: to the row of the same id when that row still means
//! the same (`pairs`: same label, or a light rewording), else to the row with its
//! label (renumbered), else nowhere. It moves only when the new row can hold it as it
//! is: same kind; a count into a decimal row and a whole number back; a code when the
//! code means the same in both forms; a document into a text row as its display text.
//! Notes move with their values, the general information as it is, and warnings the
//! officer explained move when every row their key names moved (the key rewritten).
//!
//! Nothing is dropped: a value that does not move is kept in the new report's
//! [`Report::unknown`] (so the report file keeps it and `phuluc check` lists it), and
//! every outcome is a [`Line`] of the summary, with the reason in Vietnamese when
//! something did not move. Pure: no files, no clock.

mod pairs;
#[cfg(test)]
mod tests;

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::mem::discriminant;

use serde_json::{Value as Json, json};

use super::check::{Check, Comparison, Expr, Operand};
use super::ids::IndicatorId;
use super::previous::PreviousYear;
use super::report::{Cell, Entry, Report, Value, display_cell, display_value, read_cell};
use super::template::{Kind, Template};
use super::value::{self, NumberKind};

pub use pairs::{REWORDED_MIN_SHARE, label_key, word_share};

/// A report moved onto another template, and what happened to each of its entries.
#[derive(Debug, Clone)]
pub struct Moved {
    /// The report on the new template (`template_id`/`template_version` name it).
    pub report: Report,
    /// What moved, how, what did not and why, and the new form's required rows left
    /// empty: entries in the old form's order, then what was already kept aside, then
    /// the explained warnings, then the required rows.
    pub summary: Vec<Line>,
}

impl Moved {
    /// Whether everything moved (required rows left empty do not count: they were
    /// empty in the old report too, or their row is new).
    pub fn is_complete(&self) -> bool {
        self.summary.iter().all(|l| l.group() != Group::NotMoved)
    }

    /// The lines of one group, in order.
    pub fn lines(&self, group: Group) -> impl Iterator<Item = &Line> {
        self.summary.iter().filter(move |l| l.group() == group)
    }
}

/// The groups a summary is shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Group {
    /// Moved to the row of the same id.
    ById,
    /// Moved to a row of another id with the same label.
    ByLabel,
    /// Not moved: kept aside in the new report, with the reason.
    NotMoved,
    /// A required row of the new form that is empty.
    RequiredEmpty,
}

impl Group {
    /// The heading of the group, in Vietnamese.
    pub fn title(self) -> &'static str {
        match self {
            Group::ById => "Chuyển theo mã chỉ tiêu",
            Group::ByLabel => "Chuyển theo tên chỉ tiêu, sang mã mới",
            Group::NotMoved => "Không chuyển được, vẫn giữ trong tệp",
            Group::RequiredEmpty => "Chỉ tiêu bắt buộc của mẫu mới chưa có giá trị",
        }
    }
}

/// One outcome of a move.
#[derive(Debug, Clone, PartialEq)]
pub enum Line {
    /// An entry moved to the row of the same id.
    ById {
        /// The id, in both forms.
        id: IndicatorId,
        /// The label in the new form.
        label: String,
        /// The old label, when the new form rewords it.
        old_label: Option<String>,
        /// What changed on the way ("số đếm → số", the display text of a document …).
        remark: Option<String>,
    },
    /// An entry moved to a row of another id with the same label (renumbered).
    ByLabel {
        /// The id in the old form.
        from: IndicatorId,
        /// The id in the new form.
        to: IndicatorId,
        /// The label.
        label: String,
        /// What changed on the way.
        remark: Option<String>,
    },
    /// An entry that did not move; it is kept in the new report's `unknown` entries.
    NotMoved {
        /// Its id (or key) in the old report.
        id: String,
        /// The old row's label (empty when the old form had no such row).
        label: String,
        /// The value as it showed (empty for a note alone).
        shown: String,
        /// Its note (Ghi chú), kept with it.
        note: String,
        /// Why it did not move.
        reason: String,
        /// The key it is kept under in the new report's file.
        kept_as: String,
    },
    /// An explained warning whose key was carried (rewritten when its rows moved).
    Explanation {
        /// The key in the old report.
        from: String,
        /// The key in the new report.
        to: String,
    },
    /// An explained warning that could not be carried; kept under another key.
    ExplanationNotMoved {
        /// The key in the old report.
        key: String,
        /// The officer's explanation.
        note: String,
        /// Why it did not move.
        reason: String,
        /// The key it is kept under in the new report (matching no warning).
        kept_as: String,
    },
    /// The unit's level, which the new form does not offer: left for the officer to
    /// choose again.
    LevelCleared {
        /// The level's name.
        level: String,
        /// The levels the new form offers, by name.
        offered: String,
    },
    /// Last year's entries that have no row in the new form: kept aside in the file,
    /// no more beside this year's values.
    LastYearAside {
        /// How many.
        count: usize,
        /// Their ids.
        ids: String,
    },
    /// A required row of the new form that is empty.
    RequiredEmpty {
        /// The row.
        id: IndicatorId,
        /// Its label.
        label: String,
    },
}

impl Line {
    /// The group it is shown in.
    pub fn group(&self) -> Group {
        match self {
            Line::ById { .. } => Group::ById,
            Line::Explanation { from, to } if from == to => Group::ById,
            Line::ByLabel { .. } | Line::Explanation { .. } => Group::ByLabel,
            Line::NotMoved { .. }
            | Line::ExplanationNotMoved { .. }
            | Line::LevelCleared { .. }
            | Line::LastYearAside { .. } => Group::NotMoved,
            Line::RequiredEmpty { .. } => Group::RequiredEmpty,
        }
    }
}

impl fmt::Display for Line {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let remark = |r: &Option<String>| r.as_ref().map_or(String::new(), |r| format!(" ({r})"));
        match self {
            Line::ById {
                id,
                label,
                old_label,
                remark: r,
            } => {
                write!(f, "{id} {label}")?;
                if let Some(old) = old_label {
                    write!(f, " (tên cũ: “{old}”)")?;
                }
                f.write_str(&remark(r))
            }
            Line::ByLabel {
                from,
                to,
                label,
                remark: r,
            } => write!(f, "{from} → {to} {label}{}", remark(r)),
            Line::NotMoved {
                id,
                label,
                shown,
                note,
                reason,
                kept_as,
            } => {
                write!(f, "{id}")?;
                if !label.is_empty() {
                    write!(f, " {label}")?;
                }
                let mut what = Vec::new();
                if !shown.is_empty() {
                    what.push(format!("“{shown}”"));
                }
                if !note.is_empty() {
                    what.push(format!("ghi chú “{note}”"));
                }
                write!(
                    f,
                    ": {} — {reason}; giữ trong tệp với mã “{kept_as}”",
                    what.join(", ")
                )
            }
            Line::Explanation { from, to } if from == to => {
                write!(f, "giải trình cảnh báo “{from}”")
            }
            Line::Explanation { from, to } => write!(f, "giải trình cảnh báo “{from}” → “{to}”"),
            Line::ExplanationNotMoved {
                key,
                note,
                reason,
                kept_as,
            } => write!(
                f,
                "giải trình cảnh báo “{key}”: “{note}” — {reason}; giữ trong tệp với khoá “{kept_as}”"
            ),
            Line::LevelCleared { level, offered } => write!(
                f,
                "cấp của đơn vị “{level}”: mẫu mới không có cấp này (mẫu dành cho {offered}); hãy chọn lại cấp ở tab Thông tin chung"
            ),
            Line::LastYearAside { count, ids } => write!(
                f,
                "{count} giá trị năm trước ({ids}) không có hàng trong mẫu mới: giữ riêng trong tệp, không hiện ở cột Năm trước"
            ),
            Line::RequiredEmpty { id, label } => write!(f, "{id} {label}"),
        }
    }
}

/// Move `report`, made on `from`, onto `to`. See the module documentation for what
/// moves where; nothing is dropped.
pub fn move_report(report: &Report, from: &Template, to: &Template) -> Moved {
    let mut out = Report::new(to);
    out.general = report.general.clone();
    let mut level_line = None;
    if let Some(level) = out.general.level
        && !to.offers(level)
    {
        out.general.level = None;
        level_line = Some(Line::LevelCleared {
            level: from.level_label(level).to_owned(),
            offered: to.levels_in_sentence(),
        });
    }
    let mut mover = Mover {
        report,
        from,
        to,
        pairs: pairs::pair(from, to),
        aside: Aside::new(from, to),
        out,
        summary: Vec::new(),
        moved_ids: HashMap::new(),
        renamed: HashMap::new(),
    };
    // What was already kept aside keeps its key when it can: reserve those first.
    let kept_lines = mover.keep_what_was_aside();
    mover.move_entries();
    mover.summary.extend(kept_lines);
    mover.move_explanations();
    mover.summary.extend(level_line);
    mover.list_required_empty();
    let mut out = mover.out;
    out.previous = report
        .previous
        .as_ref()
        .map(|last| move_last_year(last, from, to));
    if let (Some(before), Some(after)) = (&report.previous, &out.previous) {
        let aside: Vec<&str> = after
            .unknown
            .keys()
            .filter(|k| !before.unknown.contains_key(*k))
            .map(String::as_str)
            .collect();
        if !aside.is_empty() {
            mover.summary.push(Line::LastYearAside {
                count: aside.len(),
                ids: aside.join(", "),
            });
        }
    }
    Moved {
        report: out,
        summary: mover.summary,
    }
}

/// Last year's entries moved the same way (by id, then by label), so that the "Năm
/// trước" column and the year-over-year check follow the report onto the new form.
fn move_last_year(last: &PreviousYear, from: &Template, to: &Template) -> PreviousYear {
    let mut report = Report::new(from);
    report.put_all(last.entries.clone().into_iter().collect());
    report.unknown.clone_from(&last.unknown);
    let mut moved = move_report(&report, from, to).report;
    PreviousYear {
        year: last.year,
        source: last.source.clone(),
        entries: moved.take_entries(),
        unknown: moved.unknown,
    }
}

/// One move in progress.
struct Mover<'a> {
    report: &'a Report,
    from: &'a Template,
    to: &'a Template,
    pairs: pairs::Pairs,
    aside: Aside<'a>,
    /// The new report.
    out: Report,
    summary: Vec<Line>,
    /// Old row → new row, for rows that moved with their entry or were empty: what the
    /// keys of explained warnings are rewritten with.
    moved_ids: HashMap<IndicatorId, IndicatorId>,
    /// Old key → new key of entries the old report had already kept aside.
    renamed: HashMap<String, String>,
}

impl Mover<'_> {
    /// Entries the old report kept aside stay aside (under a new key only when the new
    /// form would read the old one as one of its rows). Their lines, to come after the
    /// entries'.
    fn keep_what_was_aside(&mut self) -> Vec<Line> {
        let mut lines = Vec::new();
        for (key, raw) in &self.report.unknown {
            let as_before = IndicatorId::parse(key).is_some_and(|old| {
                let (Some(a), Ok((new, _))) = (self.from.row(&old), self.pairs.get(&old)) else {
                    return false;
                };
                *new == old && self.to.row(new).is_some_and(|b| b.kind == a.kind)
            });
            let kept_as = self.aside.key_for(key, as_before);
            let text = |field: &str| {
                raw.get(field)
                    .and_then(Json::as_str)
                    .unwrap_or_default()
                    .to_owned()
            };
            lines.push(Line::NotMoved {
                id: key.clone(),
                label: text("label"),
                shown: raw_shown(raw),
                note: text("note"),
                reason: "báo cáo cũ đã để riêng mục này vì mẫu cũ không nhận nó".to_owned(),
                kept_as: kept_as.clone(),
            });
            self.out.unknown.insert(kept_as.clone(), raw.clone());
            self.renamed.insert(key.clone(), kept_as);
        }
        lines
    }

    /// Every entry, in the old form's order: into its new row, or kept aside.
    fn move_entries(&mut self) {
        for row in self.from.rows() {
            if self.report.entry(&row.id).is_none()
                && let Ok((new, _)) = self.pairs.get(&row.id)
            {
                self.moved_ids.insert(row.id.clone(), new.clone());
            }
        }
        let from = self.from;
        let mut ordered: Vec<(&IndicatorId, &Entry)> = self.report.entries().collect();
        ordered.sort_by(|a, b| {
            let at = |id: &IndicatorId| from.position(id).unwrap_or(usize::MAX);
            at(a.0).cmp(&at(b.0)).then_with(|| a.0.cmp(b.0))
        });
        let mut entries = Vec::new();
        for (id, entry) in ordered {
            let label = from.row(id).map(|r| r.label.clone()).unwrap_or_default();
            match self.move_entry(id, entry) {
                Ok((new_id, how, cell, remark)) => {
                    let new_label = self
                        .to
                        .row(&new_id)
                        .map(|r| r.label.clone())
                        .unwrap_or_default();
                    self.moved_ids.insert(id.clone(), new_id.clone());
                    self.summary.push(match how {
                        pairs::How::SameId | pairs::How::Reworded => Line::ById {
                            id: new_id.clone(),
                            label: new_label,
                            old_label: (how == pairs::How::Reworded).then_some(label),
                            remark,
                        },
                        pairs::How::SameLabel => Line::ByLabel {
                            from: id.clone(),
                            to: new_id.clone(),
                            label: new_label,
                            remark,
                        },
                    });
                    let note = entry.note.clone();
                    entries.push((new_id, Entry { cell, note }));
                }
                Err(reason) => {
                    let kept_as = self.aside.key_for(id.as_str(), false);
                    let old_label = from.row(id).map(|_| label.as_str());
                    self.out
                        .unknown
                        .insert(kept_as.clone(), entry_json(entry, old_label));
                    self.summary.push(Line::NotMoved {
                        id: id.to_string(),
                        label,
                        shown: display_cell(&entry.cell),
                        note: entry.note.clone(),
                        reason,
                        kept_as,
                    });
                }
            }
        }
        self.out.put_all(entries);
    }

    /// Where one entry goes and as what; `Err` says why it cannot go.
    fn move_entry(
        &self,
        id: &IndicatorId,
        entry: &Entry,
    ) -> Result<(IndicatorId, pairs::How, Cell, Option<String>), String> {
        let old_row = self
            .from
            .row(id)
            .ok_or_else(|| "mẫu cũ không có hàng này".to_owned())?;
        let (new_id, how) = self
            .pairs
            .get(id)
            .map_err(|missing| missing.reason(id.as_str()))?;
        let new_row = self
            .to
            .row(new_id)
            .ok_or_else(|| pairs::Missing::NoRow.reason(new_id.as_str()))?;
        let (cell, mut remark) = carry(&entry.cell, old_row.kind.as_ref(), new_row.kind.as_ref())?;
        if let Some(level) = self.report.general.level
            && !cell.is_empty()
            && !new_row.applies_to(Some(level))
        {
            let note = format!(
                "mẫu mới không áp dụng hàng này cho {}",
                self.to.level_label(level).to_lowercase()
            );
            remark = Some(remark.map_or(note.clone(), |r| format!("{r}; {note}")));
        }
        Ok((new_id.clone(), how.clone(), cell, remark))
    }

    /// Explained warnings whose rows all moved, under their rewritten key; the others
    /// under a key that matches no warning.
    fn move_explanations(&mut self) {
        let keys = Keys {
            from: self.from,
            to: self.to,
            moved: &self.moved_ids,
            renamed: &self.renamed,
        };
        for (key, note) in &self.report.acknowledged {
            match keys.rewrite(key) {
                Ok(new) if !self.out.acknowledged.contains_key(&new) => {
                    self.out.acknowledged.insert(new.clone(), note.clone());
                    self.summary.push(Line::Explanation {
                        from: key.clone(),
                        to: new,
                    });
                }
                outcome => {
                    let reason = outcome.err().unwrap_or_else(|| {
                        "một giải trình khác đã chuyển vào cùng cảnh báo này".to_owned()
                    });
                    let kept_as = self.aside.explanation_key(key, &self.out.acknowledged);
                    self.out.acknowledged.insert(kept_as.clone(), note.clone());
                    self.summary.push(Line::ExplanationNotMoved {
                        key: key.clone(),
                        note: note.clone(),
                        reason,
                        kept_as,
                    });
                }
            }
        }
    }

    /// The new form's required rows that are empty in the new report.
    fn list_required_empty(&mut self) {
        for row in self.to.value_rows(self.out.general.level) {
            if row.required.is_some() && self.out.cell(&row.id).is_empty() {
                self.summary.push(Line::RequiredEmpty {
                    id: row.id.clone(),
                    label: row.label.clone(),
                });
            }
        }
    }
}

/// A short Vietnamese name of a row's kind, for "kiểu khác: có/không → số đếm".
fn kind_name(kind: Option<&Kind>) -> &'static str {
    match kind {
        None => "dòng tiêu đề (không nhận giá trị)",
        Some(Kind::Count) => "số đếm",
        Some(Kind::Decimal) => "số",
        Some(Kind::Percent) => "tỷ lệ %",
        Some(Kind::YesNo(_)) => "có/không",
        Some(Kind::Choice(_)) => "lựa chọn",
        Some(Kind::Document) => "văn bản",
        Some(Kind::Text) => "chữ",
    }
}

fn kind_change(old: Option<&Kind>, new: Option<&Kind>) -> String {
    format!("kiểu khác: {} → {}", kind_name(old), kind_name(new))
}

/// The cell in the new row, and what changed on the way; `Err` says why it cannot go.
fn carry(
    cell: &Cell,
    old: Option<&Kind>,
    new: Option<&Kind>,
) -> Result<(Cell, Option<String>), String> {
    let (Some(old_kind), Some(new_kind)) = (old, new) else {
        return if cell.is_empty() {
            Ok((Cell::Empty, None))
        } else {
            Err(kind_change(old, new))
        };
    };
    let same = discriminant(old_kind) == discriminant(new_kind);
    let numbers = |k: &Kind| matches!(k, Kind::Count | Kind::Decimal);
    let changed = || (!same).then(|| kind_change(old, new).replace("kiểu khác: ", ""));
    match cell {
        Cell::Empty => Ok((Cell::Empty, None)),
        Cell::Invalid(text) => {
            let coded_alike = matches!(
                (old_kind.choices(), new_kind.choices()),
                (Some(a), Some(b)) if same_choices(a, b)
            );
            if same && !matches!(new_kind, Kind::YesNo(_) | Kind::Choice(_))
                || coded_alike
                || numbers(old_kind) && numbers(new_kind)
            {
                Ok((cell.clone(), changed()))
            } else if matches!((old_kind, new_kind), (Kind::Document, Kind::Text)) {
                Ok((
                    read_cell(new_kind, text),
                    Some("lấy chữ của văn bản".to_owned()),
                ))
            } else {
                Err(kind_change(old, new))
            }
        }
        Cell::Value(value) => carry_value(value, old_kind, new_kind)
            .map(|(value, remark)| (Cell::Value(value), remark.or_else(changed))),
    }
}

/// A value in the new kind; `Err` says why it cannot go.
fn carry_value(value: &Value, old: &Kind, new: &Kind) -> Result<(Value, Option<String>), String> {
    let refuse = || Err(kind_change(Some(old), Some(new)));
    match (value, old, new) {
        (Value::Number(_), Kind::Count, Kind::Count | Kind::Decimal)
        | (Value::Number(_), Kind::Decimal, Kind::Decimal)
        | (Value::Number(_), Kind::Percent, Kind::Percent)
        | (Value::Document(_), Kind::Document, Kind::Document)
        | (Value::Text(_), Kind::Text, Kind::Text) => Ok((value.clone(), None)),
        (Value::Number(n), Kind::Decimal, Kind::Count) => {
            if value::holds_exactly(*n, NumberKind::Count) {
                Ok((value.clone(), None))
            } else {
                Err(format!(
                    "{}, mà {} không phải số nguyên ≥ 0",
                    kind_change(Some(old), Some(new)),
                    value::format_number(*n)
                ))
            }
        }
        (Value::Code(code), _, Kind::YesNo(_) | Kind::Choice(_)) => {
            let label_in = |k: &Kind| {
                k.choices()
                    .and_then(|c| c.iter().find(|c| c.code == *code))
                    .map(|c| c.label.clone())
            };
            match (label_in(old), label_in(new)) {
                (Some(a), Some(b)) if label_key(&a) == label_key(&b) => Ok((value.clone(), None)),
                (Some(a), Some(b)) => Err(format!(
                    "mã {code} là “{a}” trong mẫu cũ nhưng là “{b}” trong mẫu mới"
                )),
                (Some(a), None) => Err(format!("mẫu mới không có mã {code} (“{a}”)")),
                (None, _) => refuse(),
            }
        }
        (Value::Document(doc), Kind::Document, Kind::Text) => Ok((
            Value::Text(doc.display()),
            Some("lấy chữ của văn bản".to_owned()),
        )),
        _ => refuse(),
    }
}

/// Whether two lists of coded answers have the same codes with the same wording.
fn same_choices(a: &[super::template::Choice], b: &[super::template::Choice]) -> bool {
    a.len() == b.len()
        && a.iter().all(|x| {
            b.iter()
                .any(|y| y.code == x.code && label_key(&y.label) == label_key(&x.label))
        })
}

/// An entry as the report file writes it (`docs/report-format.md`), with the old row's
/// label so that whoever reads the file knows what it was.
fn entry_json(entry: &Entry, label: Option<&str>) -> Json {
    let mut json = entry.to_json();
    if let (Some(label), Json::Object(o)) = (label, &mut json) {
        o.insert("label".to_owned(), json!(label));
    }
    json
}

/// How an entry kept aside as it was read shows: its value or text as typed.
fn raw_shown(raw: &Json) -> String {
    match raw.get("value").or_else(|| raw.get("invalid")) {
        Some(Json::String(s)) => s.clone(),
        Some(Json::Number(n)) => n
            .as_f64()
            .map_or_else(|| n.to_string(), |n| display_value(&Value::Number(n))),
        Some(other) => other.to_string(),
        None if raw.get("note").is_some() => String::new(),
        None => raw.to_string(),
    }
}

/// The keys entries and explanations are kept under in the new report.
struct Aside<'t> {
    to: &'t Template,
    /// "(mẫu 2021)": what tells a kept key from the new form's ids.
    suffix: String,
    used: HashSet<String>,
}

impl<'t> Aside<'t> {
    fn new(from: &Template, to: &'t Template) -> Aside<'t> {
        let suffix = if from.version == to.version {
            format!("(mẫu {} {})", from.id, from.version)
        } else {
            format!("(mẫu {})", from.version)
        };
        Aside {
            to,
            suffix,
            used: HashSet::new(),
        }
    }

    /// The key of an entry kept aside: its old key, unless the new form has a row of
    /// that id (reading the file back would put the value into that row), in which case
    /// "III.7 (mẫu 2021)". `as_before`: the new form's row of that id is the old one,
    /// of the same kind, so the file reads back as it did (what was aside stays aside).
    fn key_for(&mut self, old: &str, as_before: bool) -> String {
        let free = |key: &str, used: &HashSet<String>, as_before: bool| {
            !used.contains(key) && (as_before || self.to.row_by_text(key).is_none())
        };
        let key = if free(old, &self.used, as_before) {
            old.to_owned()
        } else {
            let base = format!("{old} {}", self.suffix);
            let mut key = base.clone();
            let mut n = 2;
            while !free(&key, &self.used, false) {
                key = format!("{base} {n}");
                n += 1;
            }
            key
        };
        self.used.insert(key.clone());
        key
    }

    /// The key of an explanation that did not move: one that matches no warning.
    fn explanation_key(
        &self,
        old: &str,
        taken: &std::collections::BTreeMap<String, String>,
    ) -> String {
        let base = format!("{old} {}", self.suffix);
        let mut key = base.clone();
        let mut n = 2;
        while taken.contains_key(&key) {
            key = format!("{base} {n}");
            n += 1;
        }
        key
    }
}

/// Rewriting the keys of explained warnings (`rule@id,id`, see `rules::Finding::key`).
struct Keys<'a> {
    from: &'a Template,
    to: &'a Template,
    /// Old row → new row, for rows that moved (with their entry or empty).
    moved: &'a HashMap<IndicatorId, IndicatorId>,
    /// Old key → new key of entries that were already kept aside.
    renamed: &'a HashMap<String, String>,
}

impl Keys<'_> {
    /// The key in the new report; `Err` says why there is none.
    fn rewrite(&self, key: &str) -> Result<String, String> {
        let (rule, ids) = key
            .split_once('@')
            .ok_or_else(|| "khoá không có dạng “quy tắc@mã chỉ tiêu”".to_owned())?;
        let mut new_ids = Vec::new();
        for part in ids.split(',').filter(|p| !p.is_empty()) {
            let new = if self.from.row_by_text(part).is_some() {
                self.moved
                    .get(part)
                    .map(ToString::to_string)
                    .ok_or_else(|| format!("hàng {part} không chuyển được"))?
            } else if let Some(kept) = self.renamed.get(part) {
                kept.clone()
            } else {
                return Err(format!("mẫu cũ không có hàng {part}"));
            };
            new_ids.push(new);
        }
        let rule = match self.from.checks().iter().find(|c| c.id == rule) {
            Some(check) => self
                .to
                .checks()
                .iter()
                .find(|d| self.same_check(check, d))
                .map(|d| d.id.clone())
                .ok_or_else(|| {
                    format!("mẫu mới không có kiểm tra “{}” ({})", check.id, check.test)
                })?,
            None => self.rewrite_ids(rule)?,
        };
        Ok(format!("{rule}@{}", new_ids.join(",")))
    }

    /// Whether the new form's check `new` tests what `old` tested, on the moved rows.
    fn same_check(&self, old: &Check, new: &Check) -> bool {
        self.same_comparison(&old.test, &new.test)
            && match (&old.when, &new.when) {
                (None, None) => true,
                (Some(a), Some(b)) => self.same_comparison(a, b),
                _ => false,
            }
    }

    fn same_comparison(&self, a: &Comparison, b: &Comparison) -> bool {
        a.op == b.op && self.same_expr(&a.left, &b.left) && self.same_expr(&a.right, &b.right)
    }

    fn same_expr(&self, a: &Expr, b: &Expr) -> bool {
        a.terms.len() == b.terms.len()
            && a.terms.iter().zip(&b.terms).all(|(x, y)| {
                x.negative == y.negative
                    && match (&x.operand, &y.operand) {
                        (Operand::Indicator(old), Operand::Indicator(new)) => {
                            self.moved.get(old) == Some(new)
                        }
                        (Operand::Number(m), Operand::Number(n)) => m == n,
                        (Operand::Communes, Operand::Communes) => true,
                        _ => false,
                    }
            })
    }

    /// A rule name with the old form's ids in it ("I.1.bat-buoc") rewritten to the new.
    fn rewrite_ids(&self, text: &str) -> Result<String, String> {
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        let mut boundary = true;
        while let Some(c) = rest.chars().next() {
            if boundary
                && let Some(len) = id_len(rest)
                && self.from.row_by_text(&rest[..len]).is_some()
            {
                let old = &rest[..len];
                let new = self
                    .moved
                    .get(old)
                    .ok_or_else(|| format!("hàng {old} không chuyển được"))?;
                out.push_str(new.as_str());
                rest = &rest[len..];
                boundary = false;
                continue;
            }
            out.push(c);
            boundary = !(c.is_alphanumeric() || c == '.');
            rest = &rest[c.len_utf8()..];
        }
        Ok(out)
    }
}

/// The length of the indicator id `text` starts with (`III.6.10` in "III.6.10<=…"),
/// when it starts with one that is not part of a longer word.
fn id_len(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut end = bytes
        .iter()
        .take_while(|b| matches!(b, b'I' | b'V' | b'X'))
        .count();
    if end == 0 {
        return None;
    }
    for _ in 0..2 {
        let digits = bytes
            .get(end + 1..)
            .map_or(0, |r| r.iter().take_while(|b| b.is_ascii_digit()).count());
        if bytes.get(end) == Some(&b'.') && digits > 0 {
            end += 1 + digits;
        } else {
            break;
        }
    }
    let next = text[end..].chars().next();
    let joined = next.is_some_and(|c| c.is_alphanumeric())
        || (next == Some('.') && bytes.get(end + 1).is_some_and(u8::is_ascii_digit));
    (!joined && IndicatorId::parse(&text[..end]).is_some()).then_some(end)
}
