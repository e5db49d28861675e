//! Which row of the template each row of a filled table is: by its place (the id its Stt
//! gives it, `from_table`'s numbering) and its label together, never by the place alone.
//!
//! Labels are compared as `migrate` compares them (no case, no diacritics, no punctuation:
//! the source's "Công dịch vụ công" is the template's "Cổng dịch vụ công"). Three passes, so
//! that a row that kept its place and label always wins over a guess:
//!
//! 1. the same id and the same label;
//! 2. the same label at another place (a row added or left out above it, a group
//!    renumbered): among rows sharing a label ("Số vấn đề phát hiện qua kiểm tra" is in
//!    I.2 and IV.6) the one under a group of the same label, then the one nearest to where
//!    the rows matched before it leave off;
//! 3. the same id and a lightly reworded label ([`REWORDED_MIN_SHARE`] of its words).

use std::collections::{HashMap, HashSet};

use crate::model::ids::IndicatorId;
use crate::model::migrate::{REWORDED_MIN_SHARE, label_key, word_share};
use crate::model::template::Template;
use crate::model::template::from_table::layout::Slot;

/// How a row of the table found its row of the template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MatchHow {
    /// Its place and its label.
    Same,
    /// Its place, and a label worded a little differently.
    Reworded {
        /// The label as the table writes it.
        label: String,
    },
    /// Its label, at another place than its Stt gives.
    Moved {
        /// The id its Stt gives it.
        stt_id: IndicatorId,
    },
}

/// The template's row of every slot, in order, or why it has none.
pub(super) fn match_rows(
    slots: &[Slot],
    template: &Template,
) -> Vec<Result<(IndicatorId, MatchHow), String>> {
    let keys: Vec<String> = slots.iter().map(|s| label_key(&s.row.label)).collect();
    let mut found: Vec<Option<(IndicatorId, MatchHow)>> = vec![None; slots.len()];
    let mut taken: HashMap<IndicatorId, usize> = HashMap::new();
    // 1. Same place, same label.
    for (at, slot) in slots.iter().enumerate() {
        if let Some(row) = template.row(&slot.row.id)
            && label_key(&row.label) == keys[at]
            && !taken.contains_key(&row.id)
        {
            taken.insert(row.id.clone(), at);
            found[at] = Some((row.id.clone(), MatchHow::Same));
        }
    }
    // 2. Same label, another place.
    let file_labels: HashMap<&IndicatorId, &str> = slots
        .iter()
        .zip(&keys)
        .map(|(s, k)| (&s.row.id, k.as_str()))
        .collect();
    for at in 0..slots.len() {
        if found[at].is_some() {
            continue;
        }
        let expected = found[..at]
            .iter()
            .rev()
            .flatten()
            .find_map(|(id, _)| template.position(id))
            .map_or(0, |p| p + 1);
        let parent_key = slots[at]
            .row
            .id
            .parent()
            .and_then(|p| file_labels.get(&p).copied());
        let taken_ids: HashSet<&IndicatorId> = taken.keys().collect();
        if let Some(id) = by_label(template, &keys[at], parent_key, expected, &taken_ids) {
            taken.insert(id.clone(), at);
            found[at] = Some((
                id,
                MatchHow::Moved {
                    stt_id: slots[at].row.id.clone(),
                },
            ));
        }
    }
    // 3. Same place, label reworded.
    for (at, slot) in slots.iter().enumerate() {
        if found[at].is_some() {
            continue;
        }
        if let Some(row) = template.row(&slot.row.id)
            && !taken.contains_key(&row.id)
            && word_share(&label_key(&row.label), &keys[at]) >= REWORDED_MIN_SHARE
        {
            taken.insert(row.id.clone(), at);
            found[at] = Some((
                row.id.clone(),
                MatchHow::Reworded {
                    label: slot.row.label.clone(),
                },
            ));
        }
    }
    found
        .into_iter()
        .enumerate()
        .map(|(at, f)| f.ok_or_else(|| why_not(&slots[at], template, &taken, slots)))
        .collect()
}

/// The free row of the template with this label: the only one, or the one under a group
/// of the same label, then the one nearest `expected` (a position in the template).
fn by_label(
    template: &Template,
    key: &str,
    parent_key: Option<&str>,
    expected: usize,
    taken: &HashSet<&IndicatorId>,
) -> Option<IndicatorId> {
    let mut candidates: Vec<(usize, &IndicatorId)> = template
        .rows()
        .iter()
        .enumerate()
        .filter(|(_, r)| !taken.contains(&r.id) && label_key(&r.label) == key)
        .map(|(at, r)| (at, &r.id))
        .collect();
    if candidates.len() > 1
        && let Some(parent_key) = parent_key
    {
        let same_group: Vec<(usize, &IndicatorId)> = candidates
            .iter()
            .copied()
            .filter(|(_, id)| {
                id.parent()
                    .and_then(|p| template.row(&p))
                    .is_some_and(|p| label_key(&p.label) == parent_key)
            })
            .collect();
        if !same_group.is_empty() {
            candidates = same_group;
        }
    }
    candidates.sort_by_key(|(at, _)| at.abs_diff(expected));
    match candidates.as_slice() {
        [] => None,
        [(_, only)] => Some((*only).clone()),
        [(a, first), (b, _), ..] if a.abs_diff(expected) < b.abs_diff(expected) => {
            Some((*first).clone())
        }
        _ => None,
    }
}

/// Why a row of the table has no row in the template, in Vietnamese.
fn why_not(
    slot: &Slot,
    template: &Template,
    taken: &HashMap<IndicatorId, usize>,
    slots: &[Slot],
) -> String {
    let key = label_key(&slot.row.label);
    let same_label: Vec<&IndicatorId> = template
        .rows()
        .iter()
        .filter(|r| label_key(&r.label) == key)
        .map(|r| &r.id)
        .collect();
    if let [id, ..] = same_label.as_slice()
        && same_label.iter().all(|id| taken.contains_key(*id))
    {
        let rows: Vec<String> = same_label
            .iter()
            .filter_map(|id| taken.get(*id))
            .map(|&at| slots[at].row.table_row.to_string())
            .collect();
        return format!(
            "chỉ tiêu {id} cùng tên đã lấy giá trị ở dòng {} của bảng",
            rows.join(", ")
        );
    }
    if same_label.len() > 1 {
        let ids: Vec<&str> = same_label.iter().map(|id| id.as_str()).collect();
        return format!(
            "nhiều chỉ tiêu cùng tên ({}), không rõ là chỉ tiêu nào",
            ids.join(", ")
        );
    }
    match template.row(&slot.row.id) {
        Some(row) => format!(
            "số thứ tự ứng với chỉ tiêu {} “{}” của mẫu, nhưng tên khác; mẫu không có chỉ tiêu nào tên này",
            row.id, row.label
        ),
        None => "mẫu không có chỉ tiêu nào tên này".to_owned(),
    }
}
