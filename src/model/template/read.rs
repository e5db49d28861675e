//! Reading a template file: the raw form as written (plain serde), checked once into a
//! [`Template`]; every error names the row (its position and id).

use serde::{Deserialize, Serialize};

use super::{
    BUILTIN_2021, Choice, Combine, Kind, Level, LevelChoice, NotApplicablePrint, Row,
    TEMPLATE_FORMAT, TEMPLATE_FORMAT_VERSION, Template, YearOverYear, fold_for_search,
};
use crate::model::check::{Check, RawCheck, Severity, parse_comparison};
use crate::model::ids::{Depth, IdHash, IdMap, IndicatorId};

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
    /// When the year-over-year check warns; absent means the defaults (±50 % and 20
    /// units, 20 points).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year_over_year: Option<YearOverYear>,
    /// The levels of government that fill the form, with its names for them; absent
    /// means the 2021 form's: commune and district.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub levels: Option<Vec<LevelChoice>>,
    /// Every row in form order.
    pub rows: Vec<RawRow>,
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
    /// How units combine in a roll-up: `sum`, `mean`, `codes` or `filled`; absent means
    /// the kind's default (sum for numbers, mean for percents, codes for yes/no and
    /// choices, filled for documents and text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aggregate: Option<String>,
    /// For a `mean`: the count row that weighs each unit's value (`"III.6.6"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<String>,
    /// Consistency checks about this row (see `model::check`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub checks: Vec<RawCheck>,
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
    /// A field of the template as a whole is wrong.
    #[error("mẫu biểu: {0}")]
    Header(String),
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
        // One pass that also refuses a key given twice (serde_json keeps the last silently).
        let probe = crate::model::strict_json::parse(text).map_err(json_error)?;
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
        let year_over_year = raw.year_over_year.unwrap_or_default();
        if let Some(problem) = year_over_year.problem() {
            return Err(TemplateError::Header(problem));
        }
        let levels = raw.levels.unwrap_or_else(LevelChoice::before_2025);
        check_levels(&levels).map_err(TemplateError::Header)?;
        let all: Vec<Level> = levels.iter().map(|l| l.code).collect();
        let mut rows: Vec<Row> = Vec::with_capacity(raw.rows.len());
        let mut pending_checks = Vec::new();
        let mut index: IdMap<usize> =
            IdMap::with_capacity_and_hasher(raw.rows.len(), IdHash::default());
        for (at, raw_row) in raw.rows.into_iter().enumerate() {
            let row =
                check_row(&raw_row, &rows, &index, &all).map_err(|problem| TemplateError::Row {
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
            year_over_year,
            levels,
            rows,
            index,
        })
    }
}

/// Check one row against the rows before it (`rows`, found by id in `index`); `Err` says
/// what is wrong with it.
fn check_row(
    raw_row: &RawRow,
    rows: &[Row],
    index: &IdMap<usize>,
    all: &[Level],
) -> Result<Row, String> {
    let id = IndicatorId::parse(&raw_row.id)
        .ok_or_else(|| "mã hàng phải có dạng I, III.6 hoặc III.6.10".to_owned())?;
    if index.contains_key(&id) {
        return Err("mã hàng bị trùng".to_owned());
    }
    let parent_levels = parent_levels(&id, rows, index, all)?;
    let label = crate::model::value::nfc(raw_row.label.trim());
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
        (_, Some(unit)) => crate::model::value::nfc(unit.trim()),
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
                let above = if id.parent().is_some() {
                    "nhóm bên trên không áp dụng"
                } else {
                    "mẫu biểu không có (xem \"levels\" của mẫu)"
                };
                return Err(format!(
                    "\"levels\" có {} mà {above}",
                    extra.label().to_lowercase()
                ));
            }
            own.clone()
        }
    };
    if raw_row.required.is_some() && kind.is_none() {
        return Err("dòng tiêu đề không thể bắt buộc nhập (\"required\")".to_owned());
    }
    let combine = parse_combine(raw_row, kind.as_ref(), rows, index)?;
    Ok(Row {
        combine,
        required: raw_row.required,
        search_key: fold_for_search(&format!("{id} {label}")),
        id,
        short: raw_row
            .short
            .as_deref()
            .map(|s| crate::model::value::nfc(s.trim()))
            .unwrap_or_else(|| label.clone()),
        label,
        sub: raw_row.sub,
        kind,
        unit,
        levels,
    })
}

/// How a row combines in a roll-up: its `aggregate` and `weight`, checked against its kind.
/// A weight must be a count or decimal row above it.
fn parse_combine(
    raw_row: &RawRow,
    kind: Option<&Kind>,
    rows: &[Row],
    index: &IdMap<usize>,
) -> Result<Option<Combine>, String> {
    let Some(kind) = kind else {
        return match (&raw_row.aggregate, &raw_row.weight) {
            (None, None) => Ok(None),
            _ => Err(
                "dòng tiêu đề không có giá trị để tổng hợp (\"aggregate\", \"weight\")".to_owned(),
            ),
        };
    };
    let numeric = matches!(kind, Kind::Count | Kind::Decimal | Kind::Percent);
    let mut combine = match raw_row.aggregate.as_deref().map(str::trim) {
        None => Combine::default_for(kind),
        Some("sum") if numeric => Combine::Sum,
        Some("mean") if numeric => Combine::Mean { weight: None },
        Some("codes") if matches!(kind, Kind::YesNo(_) | Kind::Choice(_)) => Combine::Codes,
        Some("filled") => Combine::Filled,
        Some(other) => {
            return Err(format!(
                "\"aggregate\": \"{other}\" không dùng được cho {} (dùng sum, mean, codes hoặc filled tuỳ loại)",
                kind.describe()
            ));
        }
    };
    if let Some(weight) = &raw_row.weight {
        let Combine::Mean { weight: slot } = &mut combine else {
            return Err("\"weight\" chỉ dùng cho hàng tính trung bình (\"aggregate\": \"mean\", hoặc tỷ lệ %)".to_owned());
        };
        let id = IndicatorId::parse(weight)
            .ok_or_else(|| format!("\"weight\": “{weight}” không phải mã chỉ tiêu"))?;
        let row = index.get(&id).and_then(|&at| rows.get(at)).ok_or_else(|| {
            format!("\"weight\": chỉ tiêu {id} phải có trong mẫu, ở phía trên hàng này")
        })?;
        if !matches!(row.kind, Some(Kind::Count | Kind::Decimal)) {
            return Err(format!("\"weight\": {id} phải là hàng số lượng"));
        }
        *slot = Some(id);
    }
    Ok(Some(combine))
}

/// The template's own levels: at least one, none twice, each with a name.
fn check_levels(levels: &[LevelChoice]) -> Result<(), String> {
    if levels.is_empty() {
        return Err("\"levels\" phải có ít nhất một cấp (xa, huyen, tinh)".to_owned());
    }
    for (at, level) in levels.iter().enumerate() {
        if levels[..at].iter().any(|l| l.code == level.code) {
            return Err(format!("\"levels\" có cấp “{}” hai lần", level.code.code()));
        }
        if level.label.trim().is_empty() {
            return Err(format!(
                "\"levels\": cấp “{}” chưa có tên",
                level.code.code()
            ));
        }
    }
    Ok(())
}

/// The levels a row inherits: its parent's (the group's for a row, the section's for a
/// group), all for a section. The parent must be the latest row of its depth.
fn parent_levels(
    id: &IndicatorId,
    rows: &[Row],
    index: &IdMap<usize>,
    all: &[Level],
) -> Result<Vec<Level>, String> {
    let Some(parent) = id.parent() else {
        return Ok(all.to_vec());
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
    index: &IdMap<usize>,
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
