//! Which row of the new template is which row of the old one.
//!
//! Rows are paired before any value is looked at, in three passes so that a row that
//! kept its label always wins over a guess:
//!
//! 1. the same id and the same label (compared without case, diacritics, punctuation or
//!    extra spaces): the same row;
//! 2. a row of the new template, not yet paired, whose label equals the old row's: the
//!    row was renumbered. A label that several rows share ("Số VBQPPL phát hiện trái
//!    pháp luật" under two groups) is told apart by the group's label, then by which
//!    occurrence it is under that group;
//! 3. the same id, not yet paired, with a label that keeps most of its words
//!    ([`REWORDED_MIN_SHARE`]): the row was reworded. A label changed completely is
//!    another row, never this one.

use std::collections::{HashMap, HashSet};

use crate::model::ids::IndicatorId;
use crate::model::template::{Row, Template, fold_for_search};

/// How much of its words a reworded label must keep (the Sørensen–Dice share of the
/// words of both labels) to still be the same row under the same id. "Số hồ sơ TTHC do
/// UBND cấp huyện tiếp nhận" reworded "Số hồ sơ thủ tục hành chính UBND cấp huyện đã
/// tiếp nhận" keeps 0,70; "Vận hành Cổng dịch vụ công" against "Số TTHC được công khai"
/// keeps 0,2. Renumbered rows that merely look alike are paired by pass 2 before this.
pub const REWORDED_MIN_SHARE: f64 = 0.6;

/// How an old row found its row in the new template.
#[derive(Debug, Clone, PartialEq)]
pub enum How {
    /// Same id, same label.
    SameId,
    /// Same id, label reworded (the old label is kept for the summary).
    Reworded,
    /// Another id, same label.
    SameLabel,
}

/// Why an old row has no row in the new template.
#[derive(Debug, Clone, PartialEq)]
pub enum Missing {
    /// No row of that id and none of that label.
    NoRow,
    /// The id is there, but as another row; no row has the old label.
    OtherMeaning {
        /// The label of the new template's row with that id.
        label: String,
    },
    /// Several rows share the label and nothing tells which new one this is.
    Ambiguous {
        /// The rows of the new template it could be.
        ids: Vec<IndicatorId>,
    },
}

impl Missing {
    /// Why, in Vietnamese, for the old row `id`.
    pub fn reason(&self, id: &str) -> String {
        match self {
            Missing::NoRow => format!("hàng {id} không có trong mẫu mới"),
            Missing::OtherMeaning { label } => format!(
                "hàng {id} của mẫu mới là “{label}”, nội dung khác, và mẫu mới không có hàng nào cùng tên"
            ),
            Missing::Ambiguous { ids } => {
                let ids: Vec<&str> = ids.iter().map(IndicatorId::as_str).collect();
                format!(
                    "có nhiều hàng cùng tên, không chắc hàng nào của mẫu mới là hàng {id} (có thể là {})",
                    ids.join(", ")
                )
            }
        }
    }
}

/// The pairing of every row of the old template.
#[derive(Debug, Default)]
pub struct Pairs {
    found: HashMap<IndicatorId, (IndicatorId, How)>,
    missing: HashMap<IndicatorId, Missing>,
}

impl Pairs {
    /// The new row of an old row, and how it was found.
    pub fn get(&self, old: &IndicatorId) -> Result<(&IndicatorId, &How), Missing> {
        match self.found.get(old) {
            Some((new, how)) => Ok((new, how)),
            None => Err(self.missing.get(old).cloned().unwrap_or(Missing::NoRow)),
        }
    }
}

/// A label as compared: lower case, without diacritics, punctuation and extra spaces
/// ("Số TTHC áp dụng tại UBND cấp huyện:" → "so tthc ap dung tai ubnd cap huyen").
pub fn label_key(label: &str) -> String {
    fold_for_search(label)
        .replace('.', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The Sørensen–Dice share of words two compared labels have in common, 0 to 1.
pub fn word_share(a: &str, b: &str) -> f64 {
    let a: Vec<&str> = a.split_whitespace().collect();
    let mut b: Vec<&str> = b.split_whitespace().collect();
    let total = a.len() + b.len();
    if total == 0 {
        return 1.0;
    }
    let mut common = 0usize;
    for word in a {
        if let Some(at) = b.iter().position(|w| *w == word) {
            b.swap_remove(at);
            common += 1;
        }
    }
    #[allow(clippy::cast_precision_loss)] // labels have a few dozen words
    let share = (2 * common) as f64 / total as f64;
    share
}

/// What tells a row apart from others of the same label, from the loosest to the
/// tightest: its label; with its parent's label; with which occurrence of that pair it
/// is (first, second …).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Keys {
    label: String,
    parent: String,
    occurrence: usize,
}

fn keys_of(template: &Template) -> HashMap<IndicatorId, Keys> {
    let mut seen: HashMap<(String, String), usize> = HashMap::new();
    let mut out = HashMap::with_capacity(template.rows().len());
    for row in template.rows() {
        let label = label_key(&row.label);
        let parent = row
            .id
            .parent()
            .and_then(|p| template.row(&p))
            .map(|p| label_key(&p.label))
            .unwrap_or_default();
        let n = seen.entry((label.clone(), parent.clone())).or_insert(0);
        *n += 1;
        out.insert(
            row.id.clone(),
            Keys {
                label,
                parent,
                occurrence: *n,
            },
        );
    }
    out
}

/// Pair every row of `from` with a row of `to` where one is the same row.
pub fn pair(from: &Template, to: &Template) -> Pairs {
    let from_keys = keys_of(from);
    let to_keys = keys_of(to);
    let mut pairs = Pairs::default();
    let mut taken: HashSet<IndicatorId> = HashSet::new();
    let key = |keys: &HashMap<IndicatorId, Keys>, row: &Row| keys.get(&row.id).cloned();

    // 1. Same id, same label.
    for row in from.rows() {
        if let Some(new) = to.row(&row.id)
            && key(&from_keys, row).map(|k| k.label) == key(&to_keys, new).map(|k| k.label)
        {
            taken.insert(new.id.clone());
            pairs
                .found
                .insert(row.id.clone(), (new.id.clone(), How::SameId));
        }
    }
    // 2. Same label, another id.
    for row in from.rows() {
        if pairs.found.contains_key(&row.id) {
            continue;
        }
        let Some(keys) = key(&from_keys, row) else {
            continue;
        };
        match by_label(&keys, &from_keys, to, &to_keys, &taken) {
            Ok(Some(new)) => {
                taken.insert(new.clone());
                pairs.found.insert(row.id.clone(), (new, How::SameLabel));
            }
            Ok(None) => {}
            Err(ids) => {
                pairs
                    .missing
                    .insert(row.id.clone(), Missing::Ambiguous { ids });
            }
        }
    }
    // 3. Same id, label reworded.
    for row in from.rows() {
        if pairs.found.contains_key(&row.id) || pairs.missing.contains_key(&row.id) {
            continue;
        }
        let Some(new) = to.row(&row.id) else {
            continue;
        };
        let share = word_share(&label_key(&row.label), &label_key(&new.label));
        if !taken.contains(&new.id) && share >= REWORDED_MIN_SHARE {
            taken.insert(new.id.clone());
            pairs
                .found
                .insert(row.id.clone(), (new.id.clone(), How::Reworded));
        } else {
            pairs.missing.insert(
                row.id.clone(),
                Missing::OtherMeaning {
                    label: new.label.clone(),
                },
            );
        }
    }
    pairs
}

/// The free row of `to` with the same label as the old row of `keys`: `Ok(None)` when
/// there is none, `Err(ids)` when several remain that nothing tells apart.
fn by_label(
    keys: &Keys,
    from_keys: &HashMap<IndicatorId, Keys>,
    to: &Template,
    to_keys: &HashMap<IndicatorId, Keys>,
    taken: &HashSet<IndicatorId>,
) -> Result<Option<IndicatorId>, Vec<IndicatorId>> {
    type Same = fn(&Keys, &Keys) -> bool;
    let same_label: Same = |a, b| a.label == b.label;
    let same_group: Same = |a, b| a.label == b.label && a.parent == b.parent;
    let same_place: Same = |a, b| a == b;
    let mut last: Vec<IndicatorId> = Vec::new();
    for (level, same) in [same_label, same_group, same_place].into_iter().enumerate() {
        if level == 2 {
            // "The second of its label under its group" only means the same row when
            // both groups have as many rows of that label.
            let old = from_keys.values().filter(|k| same_group(k, keys)).count();
            let new = to_keys.values().filter(|k| same_group(k, keys)).count();
            if old != new {
                break;
            }
        }
        let in_from = from_keys.values().filter(|k| same(k, keys)).count();
        let mut free: Vec<IndicatorId> = to_keys
            .iter()
            .filter(|(id, k)| same(k, keys) && !taken.contains(*id))
            .map(|(id, _)| id.clone())
            .collect();
        if free.is_empty() {
            break;
        }
        if in_from == 1 && free.len() == 1 {
            return Ok(free.pop());
        }
        free.sort_by_key(|id| to.position(id));
        last = free;
    }
    if last.is_empty() { Ok(None) } else { Err(last) }
}
