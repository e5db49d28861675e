//! The form as data: sections, rows, labels, units, value kinds and levels.
//!
//! The province reissues the appendix and the two-level local government of
//! July 2025 changes which rows apply to whom, so the form is never code: a
//! template file is read into [`RawTemplate`] (plain serde) and then checked
//! once into a [`Template`] whose invariants the rest of the program trusts.
//! Errors name the row (its position and id) so whoever edits a template can
//! fix it without reading Rust.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::check::{Check, RawCheck, Severity, parse_comparison};
use super::ids::{Depth, IndicatorId};

/// The `format` field every template file carries.
pub const TEMPLATE_FORMAT: &str = "phuluc-template";
/// The newest template format this program reads.
pub const TEMPLATE_FORMAT_VERSION: u32 = 1;

/// The 2021 form, built into the program.
pub const BUILTIN_2021: &str = include_str!("../../assets/templates/cchc-2021.json");

/// Administrative level of the reporting unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// Commune, ward or special zone (cấp xã).
    Xa,
    /// District (cấp huyện), abolished on 1 July 2025 but still in older forms.
    Huyen,
}

impl Level {
    /// Every level, in the order a menu shows them.
    pub const ALL: [Level; 2] = [Level::Xa, Level::Huyen];

    /// Vietnamese name as a user sees it.
    pub fn label(self) -> &'static str {
        match self {
            Level::Xa => "Cấp xã",
            Level::Huyen => "Cấp huyện",
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

/// A template file as written, before any check.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct RawTemplate {
    /// Must be [`TEMPLATE_FORMAT`].
    pub format: String,
    /// Template file format version.
    pub format_version: u32,
    /// Stable id of the form (reports refer to it).
    pub id: String,
    /// Edition of the form, e.g. the year it was issued for.
    pub version: String,
    /// Name shown to the user when choosing a form.
    pub name: String,
    /// The "Phụ lục" line of the printed heading.
    pub heading: String,
    /// The title, `{year}` replaced by the report year.
    pub title: String,
    /// The caption row under the table header, `{year}` replaced.
    #[serde(default)]
    pub caption: String,
    /// How rows that do not apply to the unit's level are printed.
    #[serde(default)]
    pub print_not_applicable: NotApplicablePrint,
    /// Every row in form order.
    pub rows: Vec<RawRow>,
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

/// One row as written in a template file.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawRow {
    /// Dotted id, `III.6.10`.
    pub id: String,
    /// Label as printed, without a leading "- ".
    pub label: String,
    /// Printed with a leading "- " and indented under the row above.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub sub: bool,
    /// A short name for a section's tab ("Thủ tục hành chính").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short: Option<String>,
    /// count, decimal, percent, yes_no, choice, document, text; absent for a heading row.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Đơn vị tính as printed (yes/no and choice rows derive it from their options).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// Coded answers of a yes_no or choice row, in printed order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub options: Option<Vec<Choice>>,
    /// Levels the row applies to; absent means its parent's (the group's for a row, the
    /// section's for a group; all, for sections).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub levels: Option<Vec<Level>>,
    /// The row must be filled: `error` or `warning` when it is empty.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required: Option<Severity>,
    /// Consistency checks about this row (see `model::check`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub checks: Vec<RawCheck>,
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
    rows: Vec<Row>,
    index: HashMap<IndicatorId, usize>,
    checks: Vec<Check>,
}

/// Why a template cannot be used.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum TemplateError {
    /// Not JSON, or JSON of the wrong shape.
    #[error("tệp mẫu biểu không đúng cấu trúc (dòng {line}, cột {column}): {detail}")]
    Json {
        /// Line of the problem.
        line: usize,
        /// Column of the problem.
        column: usize,
        /// serde's description.
        detail: String,
    },
    /// Another kind of file.
    #[error("đây không phải tệp mẫu biểu của phuluc (trường \"format\" là \"{0}\")")]
    NotATemplate(String),
    /// Written by a newer program.
    #[error(
        "mẫu biểu dùng định dạng phiên bản {found}, mới hơn phiên bản {supported} mà chương trình này đọc được; hãy cập nhật chương trình"
    )]
    TooNew {
        /// Version in the file.
        found: u32,
        /// Newest version we read.
        supported: u32,
    },
    /// The template has no rows or no name.
    #[error("mẫu biểu thiếu {0}")]
    Missing(&'static str),
    /// One row is wrong.
    #[error("hàng thứ {position} ({id}): {problem}")]
    Row {
        /// 1-based position in the rows list.
        position: usize,
        /// The id as written.
        id: String,
        /// What is wrong, in Vietnamese.
        problem: String,
    },
}

impl Template {
    /// Read and check a template file's text.
    pub fn from_json(text: &str) -> Result<Template, TemplateError> {
        let probe: serde_json::Value = serde_json::from_str(text).map_err(json_error)?;
        super::strict_json::reject_duplicate_keys(text).map_err(json_error)?;
        let format = probe.get("format").and_then(|f| f.as_str()).unwrap_or("");
        if format != TEMPLATE_FORMAT {
            return Err(TemplateError::NotATemplate(format.to_owned()));
        }
        if let Some(found) = probe.get("format_version").and_then(|v| v.as_u64())
            && found > u64::from(TEMPLATE_FORMAT_VERSION)
        {
            return Err(TemplateError::TooNew {
                found: u32::try_from(found).unwrap_or(u32::MAX),
                supported: TEMPLATE_FORMAT_VERSION,
            });
        }
        let raw: RawTemplate = serde_json::from_str(text).map_err(json_error)?;
        Template::from_raw(raw)
    }

    /// The 2021 form built into the program.
    pub fn builtin() -> Result<Template, TemplateError> {
        Template::from_json(BUILTIN_2021)
    }

    /// Check a raw template.
    pub fn from_raw(raw: RawTemplate) -> Result<Template, TemplateError> {
        if raw.id.trim().is_empty() {
            return Err(TemplateError::Missing("mã mẫu biểu (\"id\")"));
        }
        if raw.rows.is_empty() {
            return Err(TemplateError::Missing("danh sách hàng (\"rows\")"));
        }
        let mut rows: Vec<Row> = Vec::with_capacity(raw.rows.len());
        let mut pending_checks = Vec::new();
        let mut index: HashMap<IndicatorId, usize> = HashMap::with_capacity(raw.rows.len());
        for (at, raw_row) in raw.rows.into_iter().enumerate() {
            let row = check_row(&raw_row, &rows, &index).map_err(|problem| TemplateError::Row {
                position: at + 1,
                id: raw_row.id.clone(),
                problem,
            })?;
            for raw in raw_row.checks {
                pending_checks.push((at, raw_row.id.clone(), raw));
            }
            index.insert(row.id.clone(), rows.len());
            rows.push(row);
        }
        let checks = check_checks(&rows, &index, pending_checks)?;
        Ok(Template {
            checks,
            id: raw.id,
            version: raw.version,
            name: raw.name,
            heading: raw.heading,
            title: raw.title,
            caption: raw.caption,
            print_not_applicable: raw.print_not_applicable,
            rows,
            index,
        })
    }

    /// Every row in form order.
    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    /// The row with this id.
    pub fn row(&self, id: &IndicatorId) -> Option<&Row> {
        self.index.get(id).map(|&at| &self.rows[at])
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

/// Check one row against the rows before it (`rows`, found by id in `index`); `Err` says
/// what is wrong with it.
fn check_row(
    raw_row: &RawRow,
    rows: &[Row],
    index: &HashMap<IndicatorId, usize>,
) -> Result<Row, String> {
    let id = IndicatorId::parse(&raw_row.id)
        .ok_or_else(|| "mã hàng phải có dạng I, III.6 hoặc III.6.10".to_owned())?;
    if index.contains_key(&id) {
        return Err("mã hàng bị trùng".to_owned());
    }
    let parent_levels = parent_levels(&id, rows, index)?;
    let label = super::value::nfc(raw_row.label.trim());
    if label.is_empty() {
        return Err("thiếu tên chỉ tiêu (\"label\")".to_owned());
    }
    if raw_row.sub && id.depth() != Depth::Item {
        return Err("chỉ hàng con (I.1.1) mới được đánh dấu \"sub\"".to_owned());
    }
    let kind = parse_kind(raw_row)?;
    if kind.is_some() && id.depth() == Depth::Section {
        return Err("hàng mục lớn (I, II, …) không nhận giá trị".to_owned());
    }
    let unit = match (&kind, &raw_row.unit) {
        (_, Some(unit)) => super::value::nfc(unit.trim()),
        (Some(k), None) => k
            .choices()
            .map(|c| {
                c.iter()
                    .map(|c| format!("{} = {}", c.label, c.code))
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .unwrap_or_default(),
        (None, None) => String::new(),
    };
    let levels = match &raw_row.levels {
        None => parent_levels,
        Some(own) if own.is_empty() => {
            return Err("\"levels\" không được rỗng".to_owned());
        }
        Some(own) => {
            if let Some(extra) = own.iter().find(|l| !parent_levels.contains(l)) {
                return Err(format!(
                    "\"levels\" có {} mà nhóm bên trên không áp dụng",
                    extra.label()
                ));
            }
            own.clone()
        }
    };
    if raw_row.required.is_some() && kind.is_none() {
        return Err("dòng tiêu đề không thể bắt buộc nhập (\"required\")".to_owned());
    }
    Ok(Row {
        required: raw_row.required,
        search_key: fold_for_search(&format!("{id} {label}")),
        id,
        short: raw_row
            .short
            .as_deref()
            .map(|s| super::value::nfc(s.trim()))
            .unwrap_or_else(|| label.clone()),
        label,
        sub: raw_row.sub,
        kind,
        unit,
        levels,
    })
}

/// The levels a row inherits: its parent's (the group's for a row, the section's for a
/// group), all for a section. The parent must be the latest row of its depth.
fn parent_levels(
    id: &IndicatorId,
    rows: &[Row],
    index: &HashMap<IndicatorId, usize>,
) -> Result<Vec<Level>, String> {
    let Some(parent) = id.parent() else {
        return Ok(Level::ALL.to_vec());
    };
    let Some(&p) = index.get(&parent) else {
        return Err(format!("hàng {parent} phải đứng trước hàng này"));
    };
    let last_parent = rows
        .iter()
        .rev()
        .find(|r| r.depth() == parent.depth())
        .map(|r| &r.id);
    if last_parent != Some(&parent) {
        return Err(format!(
            "hàng này phải nằm ngay trong nhóm {parent}, không sau nhóm khác"
        ));
    }
    Ok(rows[p].levels.clone())
}

/// Parse the checks of every row, now that every row is known.
fn check_checks(
    rows: &[Row],
    index: &HashMap<IndicatorId, usize>,
    pending: Vec<(usize, String, RawCheck)>,
) -> Result<Vec<Check>, TemplateError> {
    let mut checks: Vec<Check> = Vec::with_capacity(pending.len());
    for (at, row_id, raw) in pending {
        let fail = |problem: String| TemplateError::Row {
            position: at + 1,
            id: row_id.clone(),
            problem: format!("kiểm tra “{}”: {problem}", raw.id),
        };
        if raw.id.trim().is_empty() {
            return Err(fail("thiếu mã kiểm tra (\"id\")".to_owned()));
        }
        if checks.iter().any(|c| c.id == raw.id) {
            return Err(fail("mã kiểm tra bị trùng".to_owned()));
        }
        let test = parse_comparison(&raw.test).map_err(&fail)?;
        let when = raw
            .when
            .as_deref()
            .map(parse_comparison)
            .transpose()
            .map_err(&fail)?;
        let check = Check {
            id: raw.id.clone(),
            severity: raw.severity,
            test,
            when,
            missing: raw.missing,
            message: raw.message.clone(),
        };
        for id in check.indicators() {
            let row = index
                .get(&id)
                .map(|&i| &rows[i])
                .ok_or_else(|| fail(format!("mẫu biểu không có chỉ tiêu {id}")))?;
            let numeric = matches!(
                row.kind,
                Some(
                    Kind::Count | Kind::Decimal | Kind::Percent | Kind::YesNo(_) | Kind::Choice(_)
                )
            );
            if !numeric {
                return Err(fail(format!(
                    "chỉ tiêu {id} không phải là số nên không so sánh được"
                )));
            }
        }
        checks.push(check);
    }
    Ok(checks)
}

fn fill_year(text: &str, year: Option<i32>) -> String {
    let year = year
        .map(|y| y.to_string())
        .unwrap_or_else(|| "…".to_owned());
    text.replace("{year}", &year)
}

fn parse_kind(row: &RawRow) -> Result<Option<Kind>, String> {
    let options = || -> Result<Vec<Choice>, String> {
        let options = row
            .options
            .clone()
            .ok_or_else(|| "hàng có/không hoặc lựa chọn cần \"options\"".to_owned())?;
        let mut seen = Vec::new();
        for option in &options {
            if option.label.trim().is_empty() {
                return Err(format!("lựa chọn mã {} thiếu tên", option.code));
            }
            if seen.contains(&option.code) {
                return Err(format!("mã lựa chọn {} bị trùng", option.code));
            }
            seen.push(option.code);
        }
        Ok(options)
    };
    let kind = match row.kind.as_deref() {
        None => None,
        Some("count") => Some(Kind::Count),
        Some("decimal") => Some(Kind::Decimal),
        Some("percent") => Some(Kind::Percent),
        Some("document") => Some(Kind::Document),
        Some("text") => Some(Kind::Text),
        Some("yes_no") => {
            let options = options()?;
            let mut codes: Vec<u32> = options.iter().map(|o| o.code).collect();
            codes.sort_unstable();
            if codes != [0, 1] {
                return Err("hàng có/không phải có đúng hai mã 1 và 0".to_owned());
            }
            Some(Kind::YesNo(options))
        }
        Some("choice") => {
            let options = options()?;
            if options.len() < 2 {
                return Err("hàng lựa chọn cần ít nhất hai mã".to_owned());
            }
            Some(Kind::Choice(options))
        }
        Some(other) => {
            return Err(format!(
                "loại giá trị \"{other}\" không có; dùng count, decimal, percent, yes_no, choice, document hoặc text"
            ));
        }
    };
    if row.options.is_some() && kind.as_ref().and_then(Kind::choices).is_none() {
        return Err("chỉ hàng yes_no hoặc choice mới có \"options\"".to_owned());
    }
    Ok(kind)
}

fn json_error(e: serde_json::Error) -> TemplateError {
    TemplateError::Json {
        line: e.line(),
        column: e.column(),
        detail: e.to_string(),
    }
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
        assert!(err.to_string().contains("Cấp xã"), "{err}");
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
