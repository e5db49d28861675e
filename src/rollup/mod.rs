//! Roll-up: every commune's report of one template combined into one table for the
//! province, exactly, by indicator id (no layout to match, as Excel's Consolidate needs).
//!
//! [`gather`] reads the inputs ([`load`]) and decides which units take part: a file is
//! left out, with its reason, when it cannot be read, is of another template, year or
//! level than most, or repeats a unit already present. [`combine`] then combines each
//! row the way its template says ([`Combine`]): sums, means (weighted by a count row
//! where the template names one), counts of codes, counts of units that filled a row.
//! Nothing here draws or writes; the command line and the window both call it.

pub mod load;
pub mod output;

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::model::{
    Cell, Combine, GeneralInfo, IndicatorId, Kind, Level, Report, Row, Template, Value,
};
use crate::rules;

pub use load::{Input, NothingToCombine, Progress, gather, gather_with};

/// One unit's report taking part in a roll-up: what the roll-up shows of it, not the
/// whole report (ten thousand reports must fit in an ordinary PC's memory).
#[derive(Debug, Clone)]
pub struct Unit {
    /// Its file.
    pub file: PathBuf,
    /// "Ủy ban nhân dân xã An Hòa", as the report says.
    pub unit_name: String,
    /// Its level.
    pub level: Option<Level>,
    /// Its year.
    pub year: Option<i32>,
    /// Its general information (unit, year, people).
    pub general: GeneralInfo,
    /// Errors its own checks find.
    pub errors: usize,
    /// Warnings not explained.
    pub warnings: usize,
    /// Required rows it left empty.
    pub missing: Vec<IndicatorId>,
    /// What it gives for each row of the template, in form order: what combining reads,
    /// thousands of times over, without searching the report.
    slots: Vec<Slot>,
}

/// A unit's value of one row, as combining sees it.
#[derive(Debug, Clone, PartialEq)]
enum Slot {
    /// Nothing, or the row does not apply to the unit.
    Empty,
    /// A number.
    Number(f64),
    /// The code of an answer.
    Code(u32),
    /// A document, a text, or what could not be read as the row's kind.
    Other(Box<Cell>),
}

impl Unit {
    /// A unit from its report, checked against the template.
    pub fn new(file: PathBuf, template: &Template, report: Report) -> Unit {
        let findings = rules::evaluate(template, &report);
        let counts = rules::counts(&findings);
        let level = report.general.level;
        let missing = template
            .value_rows(level)
            .filter(|r| r.required.is_some() && report.cell(&r.id).is_empty())
            .map(|r| r.id.clone())
            .collect();
        // Laid out from the report's entries (a few dozen), not by searching it per row.
        let rows = template.rows();
        let mut slots = vec![Slot::Empty; rows.len()];
        for (id, entry) in report.entries() {
            let Some(at) = template.position(id) else {
                continue;
            };
            if !rows[at].applies_to(level) {
                continue;
            }
            slots[at] = match &entry.cell {
                Cell::Empty => Slot::Empty,
                Cell::Value(Value::Number(n)) => Slot::Number(*n),
                Cell::Value(Value::Code(c)) => Slot::Code(*c),
                other => Slot::Other(Box::new(other.clone())),
            };
        }
        Unit {
            file,
            unit_name: report.general.unit_name.trim().to_owned(),
            level: report.general.level,
            year: report.general.year(),
            errors: counts.errors,
            warnings: counts.warnings,
            missing,
            slots,
            general: report.general,
        }
    }

    /// The number it gives for a row, when the row applies to it and holds one.
    pub fn number(&self, template: &Template, id: &IndicatorId) -> Option<f64> {
        self.number_at(template.position(id)?)
    }

    /// What it gives for a row (empty when the row does not apply to it).
    pub fn cell(&self, template: &Template, id: &IndicatorId) -> Cell {
        match template.position(id).and_then(|at| self.slots.get(at)) {
            None | Some(Slot::Empty) => Cell::Empty,
            Some(Slot::Number(n)) => Cell::Value(Value::Number(*n)),
            Some(Slot::Code(c)) => Cell::Value(Value::Code(*c)),
            Some(Slot::Other(cell)) => (**cell).clone(),
        }
    }

    /// [`Unit::number`] of the row at `at` in form order.
    fn number_at(&self, at: usize) -> Option<f64> {
        match self.slots.get(at) {
            Some(Slot::Number(n)) => Some(*n),
            Some(Slot::Code(c)) => Some(f64::from(*c)),
            _ => None,
        }
    }

    /// Whether it gives a value for the row at `at` (not text it could not read).
    fn filled_at(&self, at: usize) -> bool {
        match self.slots.get(at) {
            Some(Slot::Number(_) | Slot::Code(_)) => true,
            Some(Slot::Other(cell)) => matches!(**cell, Cell::Value(_)),
            _ => false,
        }
    }
}

/// A file that does not take part, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeftOut {
    /// The file.
    pub file: PathBuf,
    /// Why, in Vietnamese.
    pub reason: String,
}

/// A row's combined value.
#[derive(Debug, Clone, PartialEq)]
pub enum Combined {
    /// The sum of the units that gave a number.
    Total {
        /// The sum.
        total: f64,
        /// Units that gave a number.
        reporting: usize,
    },
    /// The (weighted) mean of the units that gave a number.
    Mean {
        /// The mean; `None` when no unit gave one.
        mean: Option<f64>,
        /// Units that gave a number.
        reporting: usize,
    },
    /// How many units answered Có and Không.
    YesNo {
        /// Có.
        yes: usize,
        /// Không.
        no: usize,
        /// Units that answered.
        reporting: usize,
    },
    /// How many units gave each code.
    Codes {
        /// Code → units.
        codes: BTreeMap<u32, usize>,
        /// Units that answered.
        reporting: usize,
    },
    /// How many units filled the row (a document, a text).
    Filled {
        /// Units that filled it.
        filled: usize,
        /// Units the row applies to.
        reporting: usize,
    },
}

impl Combined {
    /// Units counted in it.
    pub fn reporting(&self) -> usize {
        match self {
            Combined::Total { reporting, .. }
            | Combined::Mean { reporting, .. }
            | Combined::YesNo { reporting, .. }
            | Combined::Codes { reporting, .. }
            | Combined::Filled { reporting, .. } => *reporting,
        }
    }
}

/// A roll-up: the units, the files left out, each value row combined in form order.
#[derive(Debug, Clone)]
pub struct Rollup {
    /// The template of every unit.
    pub template: Template,
    /// The year of every unit, when it was known.
    pub year: Option<i32>,
    /// Units taking part, in path order.
    pub units: Vec<Unit>,
    /// Files left out, in path order.
    pub left_out: Vec<LeftOut>,
    /// Each value row and its combined value, in form order.
    pub rows: Vec<(IndicatorId, Combined)>,
}

impl Rollup {
    /// Combine `units` (already chosen) of `template`.
    pub fn new(
        template: Template,
        year: Option<i32>,
        units: Vec<Unit>,
        left_out: Vec<LeftOut>,
    ) -> Rollup {
        let rows = combine(&template, &units);
        Rollup {
            template,
            year,
            units,
            left_out,
            rows,
        }
    }

    /// The combined value of a row.
    pub fn row(&self, id: &IndicatorId) -> Option<&Combined> {
        self.rows.iter().find(|(r, _)| r == id).map(|(_, c)| c)
    }

    /// Whether every input took part and no unit has an error.
    pub fn is_clean(&self) -> bool {
        self.left_out.is_empty() && self.units.iter().all(|u| u.errors == 0)
    }
}

/// Combine each value row of the template over the units, in form order.
pub fn combine(template: &Template, units: &[Unit]) -> Vec<(IndicatorId, Combined)> {
    /// What is gathered for one row while going through the units.
    enum Gathered {
        Sum(f64, usize),
        Mean {
            weight_at: Option<usize>,
            pairs: Vec<(f64, Option<f64>)>,
        },
        Codes(BTreeMap<u32, usize>),
        Filled {
            filled: usize,
            reporting: usize,
        },
    }
    let mut rows: Vec<(usize, &Row, &Kind, &Combine, Gathered)> = template
        .rows()
        .iter()
        .enumerate()
        .filter_map(|(at, row)| {
            let combine = row.combine.as_ref()?;
            let kind = row.kind.as_ref()?;
            let gathered = match combine {
                Combine::Sum => Gathered::Sum(0.0, 0),
                Combine::Mean { weight } => Gathered::Mean {
                    weight_at: weight.as_ref().and_then(|w| template.position(w)),
                    pairs: Vec::new(),
                },
                Combine::Codes => Gathered::Codes(BTreeMap::new()),
                Combine::Filled => Gathered::Filled {
                    filled: 0,
                    reporting: 0,
                },
            };
            Some((at, row, kind, combine, gathered))
        })
        .collect();
    // Unit by unit, each unit's values read in one go (in unit order, so sums add up in the
    // same order whatever the layout).
    for u in units {
        for (at, row, _, _, gathered) in &mut rows {
            let at = *at;
            match gathered {
                Gathered::Sum(total, reporting) => {
                    if let Some(x) = u.number_at(at) {
                        *total += x;
                        *reporting += 1;
                    }
                }
                Gathered::Mean { weight_at, pairs } => {
                    if let Some(value) = u.number_at(at) {
                        pairs.push((value, weight_at.and_then(|w| u.number_at(w))));
                    }
                }
                Gathered::Codes(codes) => {
                    if let Some(code) = u.number_at(at) {
                        *codes.entry(code as u32).or_insert(0) += 1;
                    }
                }
                Gathered::Filled { filled, reporting } => {
                    if row.applies_to(u.level) {
                        *reporting += 1;
                        if u.filled_at(at) {
                            *filled += 1;
                        }
                    }
                }
            }
        }
    }
    rows.into_iter()
        .map(|(_, row, kind, combine, gathered)| {
            let combined = match gathered {
                Gathered::Sum(total, reporting) => Combined::Total { total, reporting },
                Gathered::Mean { pairs, .. } => Combined::Mean {
                    mean: mean(&pairs, matches!(combine, Combine::Mean { weight: Some(_) })),
                    reporting: pairs.len(),
                },
                Gathered::Codes(codes) => {
                    let reporting = codes.values().sum();
                    match kind {
                        Kind::YesNo(_) => Combined::YesNo {
                            yes: codes.get(&1).copied().unwrap_or(0),
                            no: codes.get(&0).copied().unwrap_or(0),
                            reporting,
                        },
                        _ => Combined::Codes { codes, reporting },
                    }
                }
                Gathered::Filled { filled, reporting } => Combined::Filled { filled, reporting },
            };
            (row.id.clone(), combined)
        })
        .collect()
}

/// The mean of the values; weighted by their weights when `weighted` and the units that
/// gave a value gave a positive weight in all (else the plain mean: a rate is still
/// worth reporting when the counts are missing).
fn mean(pairs: &[(f64, Option<f64>)], weighted: bool) -> Option<f64> {
    if pairs.is_empty() {
        return None;
    }
    let total_weight: f64 = pairs.iter().filter_map(|(_, w)| *w).sum();
    if weighted && total_weight > 0.0 && pairs.iter().all(|(_, w)| w.is_some()) {
        let sum: f64 = pairs.iter().map(|(v, w)| v * w.unwrap_or(0.0)).sum();
        return Some(sum / total_weight);
    }
    Some(pairs.iter().map(|(v, _)| v).sum::<f64>() / pairs.len() as f64)
}

/// The units whose value of a row lies far from the others: more than 3 robust standard
/// deviations (1,4826 × the median absolute deviation) from the median, as DHIS2's
/// outlier detection does. Indexes into `units`.
pub fn outliers(template: &Template, units: &[Unit], id: &IndicatorId) -> Vec<usize> {
    /// How many robust deviations count as far.
    const THRESHOLD: f64 = 3.0;
    let values: Vec<(usize, f64)> = units
        .iter()
        .enumerate()
        .filter_map(|(i, u)| u.number(template, id).map(|v| (i, v)))
        .collect();
    if values.len() < 3 {
        return Vec::new();
    }
    let median_of = |mut xs: Vec<f64>| {
        xs.sort_by(f64::total_cmp);
        let n = xs.len();
        if n % 2 == 1 {
            xs[n / 2]
        } else {
            (xs[n / 2 - 1] + xs[n / 2]) / 2.0
        }
    };
    let median = median_of(values.iter().map(|(_, v)| *v).collect());
    let mad = median_of(values.iter().map(|(_, v)| (v - median).abs()).collect());
    let scale = 1.4826 * mad;
    values
        .into_iter()
        .filter(|(_, v)| {
            if scale > 0.0 {
                (v - median).abs() / scale > THRESHOLD
            } else {
                // Most units agree exactly: any other value stands out.
                *v != median
            }
        })
        .map(|(i, _)| i)
        .collect()
}

#[cfg(test)]
mod tests;
