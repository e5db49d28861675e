//! The form as data: sections, rows, labels, units, value kinds and levels.
//!
//! The province reissues the appendix and the two-level local government of
//! July 2025 changes which rows apply to whom, so the form is never code: a
//! template file is read into [`RawTemplate`] (plain serde) and then checked
//! once into a [`Template`] whose invariants the rest of the program trusts.
//! Errors name the row (its position and id) so whoever edits a template can
//! fix it without reading Rust.

use serde::{Deserialize, Serialize};

pub mod edit;
pub mod from_table;
mod read;

use super::check::{Check, Severity};
use super::ids::{Depth, IdMap, IndicatorId};

pub use read::{RawRow, RawTemplate, TemplateError};

/// The `format` field every template file carries.
pub const TEMPLATE_FORMAT: &str = "phuluc-template";
/// The newest template format this program reads.
pub const TEMPLATE_FORMAT_VERSION: u32 = 1;

/// The 2021 form, built into the program.
pub const BUILTIN_2021: &str = include_str!("../../../assets/templates/cchc-2021.json");

/// Administrative level of the reporting unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// Commune, ward or special zone (cấp xã).
    Xa,
    /// District (cấp huyện), abolished on 1 July 2025 but still in older forms.
    Huyen,
    /// Province or centrally-run city (cấp tỉnh): with two-level local government (since
    /// 1 July 2025) the level above the communes.
    Tinh,
}

impl Level {
    /// Every administrative level the program knows, smallest first. Which of them a form
    /// offers is the template's ([`Template::levels`]).
    pub const ALL: [Level; 3] = [Level::Xa, Level::Huyen, Level::Tinh];

    /// Vietnamese name as a user sees it, when the template gives none.
    pub fn label(self) -> &'static str {
        match self {
            Level::Xa => "Cấp xã",
            Level::Huyen => "Cấp huyện",
            Level::Tinh => "Cấp tỉnh",
        }
    }

    /// The code a file writes: `xa`, `huyen`, `tinh`.
    pub fn code(self) -> &'static str {
        match self {
            Level::Xa => "xa",
            Level::Huyen => "huyen",
            Level::Tinh => "tinh",
        }
    }

    /// The level of a code as a file or the command line writes it.
    pub fn from_code(code: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|l| l.code() == code.trim())
    }
}

/// A level a form offers, with the form's own name for it ("Cấp xã (xã, phường, đặc
/// khu)").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LevelChoice {
    /// The level.
    pub code: Level,
    /// Its name on this form.
    pub label: String,
}

impl LevelChoice {
    /// The levels of a form that says nothing about them: the 2021 form's, district and
    /// commune.
    pub fn before_2025() -> Vec<LevelChoice> {
        [Level::Xa, Level::Huyen].map(LevelChoice::named).to_vec()
    }

    /// The levels of a form of two-level local government (from 1 July 2025): commune
    /// (xã, phường, đặc khu) and province.
    pub fn two_level() -> Vec<LevelChoice> {
        vec![
            LevelChoice {
                code: Level::Xa,
                label: "Cấp xã (xã, phường, đặc khu)".to_owned(),
            },
            LevelChoice::named(Level::Tinh),
        ]
    }

    /// A level under its usual name.
    pub fn named(code: Level) -> LevelChoice {
        LevelChoice {
            code,
            label: code.label().to_owned(),
        }
    }
}

/// One coded answer of a yes/no or choice row: `Có = 1`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    /// The code stored in the report and printed in the Nội dung column.
    pub code: u32,
    /// The form's own wording for it ("Có", "Tốt", "Đã thực hiện", "Phát phiếu").
    pub label: String,
}

/// How the units' values of a row combine in a roll-up (the province's table).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Combine {
    /// Added up (counts, amounts).
    Sum,
    /// The mean of the units that reported it, or, with `weight`, the mean weighted by
    /// that row's value in each unit (a rate of dossiers weighted by dossiers received).
    Mean {
        /// The count row that weighs each unit's value.
        weight: Option<IndicatorId>,
    },
    /// How many units gave each code (Có/Không, a choice).
    Codes,
    /// How many units filled it (documents, text).
    Filled,
}

impl Combine {
    /// What a row of this kind does when its template says nothing.
    pub fn default_for(kind: &Kind) -> Combine {
        match kind {
            Kind::Count | Kind::Decimal => Combine::Sum,
            Kind::Percent => Combine::Mean { weight: None },
            Kind::YesNo(_) | Kind::Choice(_) => Combine::Codes,
            Kind::Document | Kind::Text => Combine::Filled,
        }
    }
}

/// What a row's Nội dung cell holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// A whole number ≥ 0 (dossiers, tasks, people).
    Count,
    /// A number with decimals.
    Decimal,
    /// A percentage, 0–100, decimals allowed.
    Percent,
    /// Two codes, 1 and 0, with the form's wording.
    YesNo(Vec<Choice>),
    /// Several codes with the form's wording.
    Choice(Vec<Choice>),
    /// A document as evidence: type, number/symbol, date.
    Document,
    /// A sentence.
    Text,
}

impl Kind {
    /// The coded answers, for yes/no and choice rows.
    pub fn choices(&self) -> Option<&[Choice]> {
        match self {
            Kind::YesNo(c) | Kind::Choice(c) => Some(c),
            _ => None,
        }
    }

    /// A short Vietnamese name of the kind, for messages and tooltips.
    pub fn describe(&self) -> &'static str {
        match self {
            Kind::Count => "số đếm (số nguyên ≥ 0)",
            Kind::Decimal => "số",
            Kind::Percent => "tỷ lệ % (0–100)",
            Kind::YesNo(_) => "có/không (1 hoặc 0)",
            Kind::Choice(_) => "lựa chọn theo mã",
            Kind::Document => "văn bản (loại, số/ký hiệu, ngày)",
            Kind::Text => "nội dung chữ",
        }
    }
}

/// How the printed appendix shows rows that do not apply to the unit's level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NotApplicablePrint {
    /// Print the row with "x" in Nội dung (the form stays complete).
    #[default]
    Mark,
    /// Leave the row out.
    Omit,
}

/// How far a number may move from last year's before the year-over-year check warns, as
/// DHIS2's min–max: a count or decimal row when it changes by more than `percent` per cent
/// of last year's value *and* by more than `units`; a percent row when it moves by more
/// than `points` percentage points. Template data: a province may tighten or loosen it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct YearOverYear {
    /// Change of a count, in per cent of last year's value.
    pub percent: f64,
    /// Change of a count, in its own units.
    pub units: f64,
    /// Change of a percent row, in percentage points.
    pub points: f64,
}

impl Default for YearOverYear {
    /// More than ±50 % and more than 20 units; more than 20 points.
    fn default() -> YearOverYear {
        YearOverYear {
            percent: 50.0,
            units: 20.0,
            points: 20.0,
        }
    }
}

impl YearOverYear {
    /// Whether the template's figures can be used: none negative or not a number.
    pub fn problem(&self) -> Option<String> {
        [
            ("percent", self.percent),
            ("units", self.units),
            ("points", self.points),
        ]
        .into_iter()
        .find(|(_, v)| !v.is_finite() || *v < 0.0)
        .map(|(name, v)| {
            format!("ngưỡng so với năm trước \"year_over_year.{name}\" phải là số không âm, không phải {v}")
        })
    }
}

/// A checked row.
#[derive(Debug, Clone)]
pub struct Row {
    /// Its id.
    pub id: IndicatorId,
    /// Label as printed (without the "- " of a sub-row).
    pub label: String,
    /// A "- " row, indented under the row above.
    pub sub: bool,
    /// Short name for a tab (sections), else the label.
    pub short: String,
    /// What the value cell holds; `None` for a heading row without a value.
    pub kind: Option<Kind>,
    /// Đơn vị tính as printed.
    pub unit: String,
    /// Levels the row applies to (already narrowed by the rows above it).
    pub levels: Vec<Level>,
    /// Label folded to lower-case ASCII without diacritics, for search.
    pub search_key: String,
    /// Whether (and how strongly) the row must be filled.
    pub required: Option<Severity>,
    /// How units' values combine in a roll-up; `None` for a heading row.
    pub combine: Option<Combine>,
}

impl Row {
    /// Section, group or item.
    pub fn depth(&self) -> Depth {
        self.id.depth()
    }

    /// Whether the row applies to a unit of this level; with no level chosen every row applies.
    pub fn applies_to(&self, level: Option<Level>) -> bool {
        level.is_none_or(|l| self.levels.contains(&l))
    }

    /// Label with the "- " of a sub-row, as the source prints it.
    pub fn printed_label(&self) -> String {
        if self.sub {
            format!("- {}", self.label)
        } else {
            self.label.clone()
        }
    }
}

/// A checked template.
#[derive(Debug, Clone)]
pub struct Template {
    /// Stable id of the form.
    pub id: String,
    /// Edition of the form.
    pub version: String,
    /// Name shown to the user.
    pub name: String,
    /// The "Phụ lục" line.
    pub heading: String,
    /// Title with `{year}`.
    pub title: String,
    /// Caption with `{year}`.
    pub caption: String,
    /// How rows of another level are printed.
    pub print_not_applicable: NotApplicablePrint,
    /// When the year-over-year check warns.
    pub year_over_year: YearOverYear,
    levels: Vec<LevelChoice>,
    rows: Vec<Row>,
    index: IdMap<usize>,
    checks: Vec<Check>,
}

impl Template {
    /// Whether `other` is the same form: the same id and version (what a report names).
    pub fn is_same_form(&self, other: &Template) -> bool {
        self.id == other.id && self.version == other.version
    }

    /// The levels of government the form is filled by, in the order it lists them.
    pub fn levels(&self) -> &[LevelChoice] {
        &self.levels
    }

    /// The form's levels in a sentence: "cấp xã (xã, phường, đặc khu), cấp tỉnh".
    pub fn levels_in_sentence(&self) -> String {
        let names: Vec<&str> = self.levels.iter().map(|l| l.label.as_str()).collect();
        names.join(", ").to_lowercase()
    }

    /// Whether the form offers this level.
    pub fn offers(&self, level: Level) -> bool {
        self.levels.iter().any(|l| l.code == level)
    }

    /// The form's name for a level ("Cấp xã (xã, phường, đặc khu)"); the usual name when
    /// the form does not offer it.
    pub fn level_label(&self, level: Level) -> &str {
        self.levels
            .iter()
            .find(|l| l.code == level)
            .map_or(level.label(), |l| l.label.as_str())
    }

    /// Every row in form order.
    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    /// The row with this id.
    pub fn row(&self, id: &IndicatorId) -> Option<&Row> {
        self.index.get(id).map(|&at| &self.rows[at])
    }

    /// The row whose id is `text` (spaces around it ignored), as
    /// `IndicatorId::parse(text).and_then(|id| self.row(&id))` but without parsing.
    pub fn row_by_text(&self, text: &str) -> Option<&Row> {
        self.index.get(text.trim()).map(|&at| &self.rows[at])
    }

    /// Position of the row whose id is `text` (spaces around it ignored), without parsing.
    pub fn position_by_text(&self, text: &str) -> Option<usize> {
        self.index.get(text.trim()).copied()
    }

    /// Position of a row in form order.
    pub fn position(&self, id: &IndicatorId) -> Option<usize> {
        self.index.get(id).copied()
    }

    /// The section rows, in order.
    pub fn sections(&self) -> impl Iterator<Item = &Row> {
        self.rows.iter().filter(|r| r.depth() == Depth::Section)
    }

    /// The rows of one section (the section row first).
    pub fn section_rows(&self, section: &str) -> impl Iterator<Item = &Row> {
        self.rows.iter().filter(move |r| r.id.section() == section)
    }

    /// Rows whose value cell can be filled at this level, in form order.
    pub fn value_rows(&self, level: Option<Level>) -> impl Iterator<Item = &Row> {
        self.rows
            .iter()
            .filter(move |r| r.kind.is_some() && r.applies_to(level))
    }

    /// Consistency checks, in form order.
    pub fn checks(&self) -> &[Check] {
        &self.checks
    }

    /// Title with the year filled in.
    pub fn title_for(&self, year: Option<i32>) -> String {
        fill_year(&self.title, year)
    }

    /// Caption with the year filled in.
    pub fn caption_for(&self, year: Option<i32>) -> String {
        fill_year(&self.caption, year)
    }

    /// Find rows: an id ("III.6.2") first, then every word of the query in the label,
    /// compared without diacritics ("ho so xa tiep nhan"). Best matches first.
    pub fn search(&self, query: &str) -> Vec<&Row> {
        let query = query.trim();
        if query.is_empty() {
            return Vec::new();
        }
        if let Some(id) = IndicatorId::parse(&query.to_uppercase())
            && let Some(row) = self.row(&id)
        {
            return vec![row];
        }
        let words: Vec<String> = fold_for_search(query)
            .split_whitespace()
            .map(str::to_owned)
            .collect();
        let mut hits: Vec<(usize, &Row)> = self
            .rows
            .iter()
            .filter_map(|row| {
                let key_words: Vec<&str> = row.search_key.split_whitespace().collect();
                let all = words
                    .iter()
                    .all(|w| key_words.iter().any(|k| k.starts_with(w.as_str())));
                all.then(|| {
                    let exact = words
                        .iter()
                        .filter(|w| key_words.contains(&w.as_str()))
                        .count();
                    (exact, row)
                })
            })
            .collect();
        hits.sort_by_key(|h| std::cmp::Reverse(h.0));
        hits.into_iter().map(|(_, r)| r).collect()
    }
}

fn fill_year(text: &str, year: Option<i32>) -> String {
    let year = year
        .map(|y| y.to_string())
        .unwrap_or_else(|| "…".to_owned());
    text.replace("{year}", &year)
}

/// Lower-case ASCII without Vietnamese diacritics: "Hồ sơ" → "ho so", "Đất" → "dat".
pub fn fold_for_search(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    text.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .map(|c| match c {
            'đ' | 'Đ' => 'd',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .map(|c| {
            if c.is_alphanumeric() || c == '.' {
                c
            } else {
                ' '
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn builtin() -> Template {
        Template::builtin().expect("built-in template loads")
    }

    #[test]
    fn builtin_has_the_form_shape() {
        let t = builtin();
        assert_eq!(t.rows().len(), 182);
        let count = |d: Depth| t.rows().iter().filter(|r| r.depth() == d).count();
        assert_eq!(count(Depth::Section), 7);
        assert_eq!(count(Depth::Group), 40);
        assert_eq!(count(Depth::Item), 135);
        assert_eq!(t.rows()[0].id.as_str(), "I");
        assert_eq!(t.rows()[181].id.as_str(), "VII.6.6");
        let sections: Vec<_> = t.sections().map(|r| r.id.as_str()).collect();
        assert_eq!(sections, ["I", "II", "III", "IV", "V", "VI", "VII"]);
    }

    #[test]
    fn ids_and_kinds_match_the_design() {
        let t = builtin();
        let row = |id: &str| {
            t.row(&IndicatorId::parse(id).expect("id"))
                .unwrap_or_else(|| panic!("{id} missing"))
        };
        assert_eq!(
            row("III.6.1").label,
            "Số hồ sơ TTHC do UBND cấp huyện tiếp nhận"
        );
        assert_eq!(
            row("III.6.10").label,
            "Tỷ lệ hồ sơ TTHC về lĩnh vực xây dựng cấp xã được giải quyết đúng hạn."
        );
        assert_eq!(row("I.1.1").kind, Some(Kind::Count));
        assert_eq!(row("III.6.9").kind, Some(Kind::Percent));
        assert!(matches!(row("I.6").kind, Some(Kind::YesNo(_))));
        assert_eq!(row("I.6").unit, "Có = 1 Không = 0");
        assert_eq!(row("I.7").unit, "Tốt = 1 Có vi phạm = 0");
        assert!(matches!(row("I.5.2").kind, Some(Kind::Choice(ref c)) if c.len() == 3));
        assert_eq!(
            row("I.5.2").unit,
            "Trực tuyến = 0 Phát phiếu = 1 Kết hợp = 2"
        );
        assert_eq!(row("I.1").kind, Some(Kind::Document));
        assert_eq!(row("VII.6.1").kind, Some(Kind::Document));
        assert_eq!(row("I.3.4").kind, Some(Kind::Text));
        assert_eq!(row("II.1").kind, Some(Kind::Count));
        assert_eq!(row("VI.3").kind, Some(Kind::Count));
        assert_eq!(row("III.6").kind, None);
        assert!(row("III.2.4").sub && row("VII.2.5").sub && row("V.6.7").sub);
        assert_eq!(
            row("III.2.4").printed_label(),
            "- Số TTHC áp dụng tại UBND cấp huyện:"
        );
        assert_eq!(row("III.7").label, "Vận hành Cổng dịch vụ công");
        assert_eq!(
            row("VII.1").label,
            "Tham gia Hệ thống họp trực tuyến của tỉnh"
        );
    }

    #[test]
    fn levels_inherit_and_narrow() {
        let t = builtin();
        let row = |id: &str| t.row(&IndicatorId::parse(id).expect("id")).expect("row");
        assert!(row("III.6.6").applies_to(Some(Level::Xa)));
        assert!(!row("III.6.1").applies_to(Some(Level::Xa)));
        assert!(row("III.6.1").applies_to(Some(Level::Huyen)));
        // IV.7.x inherit the district-only group.
        assert!(!row("IV.7.3").applies_to(Some(Level::Xa)));
        assert!(row("IV.7.3").applies_to(None));
        assert!(t.value_rows(Some(Level::Xa)).count() < t.value_rows(Some(Level::Huyen)).count());
    }

    #[test]
    fn search_by_id_and_words_without_diacritics() {
        let t = builtin();
        let hits = t.search("III.6.2");
        assert_eq!(hits[0].id.as_str(), "III.6.2");
        let hits = t.search("iii.6.2");
        assert_eq!(hits[0].id.as_str(), "III.6.2");
        let hits: Vec<_> = t
            .search("ho so xa tiep nhan")
            .iter()
            .map(|r| r.id.to_string())
            .collect();
        assert!(hits.contains(&"III.6.6".to_owned()), "{hits:?}");
        assert!(!hits.contains(&"III.6.1".to_owned()), "{hits:?}");
        assert!(t.search("").is_empty());
        assert!(t.search("khong co chu nay").is_empty());
        assert_eq!(fold_for_search("Đất đai, Hồ sơ"), "dat dai  ho so");
    }

    fn with_rows(rows: serde_json::Value) -> Result<Template, TemplateError> {
        let json = serde_json::json!({
            "format": "phuluc-template", "format_version": 1, "id": "t", "version": "1",
            "name": "n", "heading": "h", "title": "t {year}", "rows": rows
        });
        Template::from_json(&json.to_string())
    }

    #[test]
    fn rows_combine_by_kind_unless_the_template_says_how() {
        let t = builtin();
        let combine = |s: &str| {
            t.row(&IndicatorId::parse(s).expect("id"))
                .and_then(|r| r.combine.clone())
        };
        assert_eq!(combine("III.6.6"), Some(Combine::Sum));
        assert_eq!(
            combine("III.6.8"),
            Some(Combine::Mean {
                weight: IndicatorId::parse("III.6.6")
            })
        );
        assert_eq!(combine("III.6.9"), Some(Combine::Mean { weight: None }));
        assert_eq!(combine("I.6"), Some(Combine::Codes));
        assert_eq!(combine("I.1"), Some(Combine::Filled));
        assert_eq!(combine("III.6"), None);
        let rows = |extra: serde_json::Value| {
            let mut rows = vec![
                serde_json::json!({"id": "I", "label": "A"}),
                serde_json::json!({"id": "I.1", "label": "B", "kind": "count"}),
                serde_json::json!({"id": "I.2", "label": "C", "kind": "yes_no",
                    "options": [{"code": 1, "label": "Có"}, {"code": 0, "label": "Không"}]}),
            ];
            rows.push(extra);
            with_rows(serde_json::Value::Array(rows))
        };
        let err = rows(
            serde_json::json!({"id": "I.3", "label": "D", "kind": "percent", "weight": "I.2"}),
        )
        .expect_err("weight of a yes/no row");
        assert!(err.to_string().contains("phải là hàng số lượng"), "{err}");
        let err = rows(
            serde_json::json!({"id": "I.3", "label": "D", "kind": "percent", "weight": "I.9"}),
        )
        .expect_err("weight of no row");
        assert!(err.to_string().contains("phía trên"), "{err}");
        let err = rows(
            serde_json::json!({"id": "I.3", "label": "D", "kind": "yes_no", "aggregate": "sum",
                "options": [{"code": 1, "label": "Có"}, {"code": 0, "label": "Không"}]}),
        )
        .expect_err("sum of answers");
        assert!(err.to_string().contains("\"sum\""), "{err}");
        let t = rows(serde_json::json!({"id": "I.3", "label": "D", "kind": "count", "aggregate": "mean", "weight": "I.1"}))
            .expect("a mean of counts weighted by another count");
        assert_eq!(
            t.row(&IndicatorId::parse("I.3").expect("id"))
                .and_then(|r| r.combine.clone()),
            Some(Combine::Mean {
                weight: IndicatorId::parse("I.1")
            })
        );
    }

    #[test]
    fn errors_name_the_row() {
        let err = with_rows(serde_json::json!([
            {"id": "I", "label": "A"},
            {"id": "I.1", "label": "B", "kind": "count"},
            {"id": "I.1", "label": "C", "kind": "count"}
        ]))
        .expect_err("duplicate");
        assert_eq!(err.to_string(), "hàng thứ 3 (I.1): mã hàng bị trùng");
        let err = with_rows(
            serde_json::json!([{"id": "I", "label": "A"}, {"id": "I.1.1", "label": "B"}]),
        )
        .expect_err("orphan");
        assert!(
            err.to_string()
                .starts_with("hàng thứ 2 (I.1.1): hàng I.1 phải đứng trước"),
            "{err}"
        );
        let err = with_rows(serde_json::json!([{"id": "I", "label": "A"}, {"id": "I.1", "label": "B", "kind": "money"}]))
            .expect_err("bad kind");
        assert!(err.to_string().contains("\"money\""), "{err}");
        let err = with_rows(serde_json::json!([{"id": "I", "label": "A"}, {"id": "I.1", "label": "B", "kind": "yes_no",
            "options": [{"code": 1, "label": "Có"}, {"code": 2, "label": "Không"}]}]))
            .expect_err("bad yes/no");
        assert!(err.to_string().contains("1 và 0"), "{err}");
        let err = with_rows(serde_json::json!([{"id": "1", "label": "A"}])).expect_err("bad id");
        assert!(err.to_string().starts_with("hàng thứ 1 (1):"), "{err}");
        let err = with_rows(serde_json::json!([{"id": "I", "label": "A"}, {"id": "I.1", "label": "B", "colour": 1}]))
            .expect_err("unknown field");
        assert!(matches!(err, TemplateError::Json { .. }), "{err}");
        let err = with_rows(serde_json::json!([
            {"id": "I", "label": "A"}, {"id": "I.1", "label": "B", "levels": ["huyen"]},
            {"id": "I.1.1", "label": "C", "levels": ["xa"]}
        ]))
        .expect_err("level wider than parent");
        assert!(err.to_string().contains("cấp xã mà nhóm bên trên"), "{err}");
        let err = with_rows(serde_json::json!([
            {"id": "I", "label": "A", "levels": ["tinh"]}, {"id": "I.1", "label": "B"}
        ]))
        .expect_err("a level the form does not have");
        assert!(
            err.to_string().contains("cấp tỉnh mà mẫu biểu không có"),
            "{err}"
        );
    }

    #[test]
    fn the_form_says_which_levels_fill_it() {
        let t = builtin();
        assert_eq!(
            t.levels(),
            LevelChoice::before_2025().as_slice(),
            "a form that says nothing: the 2021 one's"
        );
        assert!(t.offers(Level::Huyen) && !t.offers(Level::Tinh));
        let json = serde_json::json!({
            "format": "phuluc-template", "format_version": 1, "id": "t", "version": "2025",
            "name": "n", "heading": "h", "title": "t {year}",
            "levels": [{"code": "xa", "label": "Cấp xã (xã, phường, đặc khu)"},
                       {"code": "tinh", "label": "Cấp tỉnh"}],
            "rows": [{"id": "I", "label": "A"},
                     {"id": "I.1", "label": "B", "kind": "count", "levels": ["tinh"]}]
        });
        let t = Template::from_json(&json.to_string()).expect("two levels");
        assert!(t.offers(Level::Tinh) && !t.offers(Level::Huyen));
        assert_eq!(t.level_label(Level::Xa), "Cấp xã (xã, phường, đặc khu)");
        assert_eq!(t.level_label(Level::Huyen), "Cấp huyện", "the usual name");
        let i1 = t.row(&IndicatorId::parse("I.1").expect("id")).expect("row");
        assert!(i1.applies_to(Some(Level::Tinh)) && !i1.applies_to(Some(Level::Xa)));
        let section = t.row(&IndicatorId::parse("I").expect("id")).expect("row");
        assert_eq!(section.levels, [Level::Xa, Level::Tinh]);

        let mut twice = json.clone();
        twice["levels"] =
            serde_json::json!([{"code": "xa", "label": "A"}, {"code": "xa", "label": "B"}]);
        let err = Template::from_json(&twice.to_string()).expect_err("a level twice");
        assert!(err.to_string().contains("hai lần"), "{err}");
        let mut none = json;
        none["levels"] = serde_json::json!([]);
        let err = Template::from_json(&none.to_string()).expect_err("no level");
        assert!(err.to_string().contains("ít nhất một cấp"), "{err}");
    }

    #[test]
    fn refuses_foreign_and_newer_files() {
        assert!(matches!(
            Template::from_json("{}"),
            Err(TemplateError::NotATemplate(_))
        ));
        assert!(matches!(
            Template::from_json("not json"),
            Err(TemplateError::Json { .. })
        ));
        let newer = r#"{"format": "phuluc-template", "format_version": 99}"#;
        assert!(matches!(
            Template::from_json(newer),
            Err(TemplateError::TooNew { found: 99, .. })
        ));
    }
}
