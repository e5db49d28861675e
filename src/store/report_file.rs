//! The report file: JSON, one object per report (see `docs/report-format.md`).
//!
//! ```json
//! { "format": "phuluc-report", "format_version": 2,
//!   "template": { "id": "cchc-pl2-bang2", "version": "2021" },
//!   "general": { "unit_name": "…", "level": "xa", "year": 2025, … },
//!   "values": { "III.6.1": { "value": 5068 }, "I.1": { "value": { "type": "Kế hoạch",
//!               "number": "03/KH-UBND", "date": "2021-01-15" } },
//!               "II.1": { "invalid": "9 văn bản", "note": "…" } } }
//! ```
//!
//! Reading never drops what a user typed: a value that does not fit its row
//! becomes an invalid entry kept as text, and an entry for an id the template
//! does not know is kept aside and written back unchanged.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use serde_json::{Map, Value as Json, json};

use crate::model::report::{DocumentParts, DocumentRef, GeneralInfo, read_cell};
use crate::model::value::{self, NumberKind};
use crate::model::{Cell, Entry, IndicatorId, Kind, Level, PreviousYear, Report, Template, Value};

use super::atomic::{SaveError, save_atomic};
use super::templates::TemplateStore;

mod stream;

/// The `format` field of every report file.
pub const REPORT_FORMAT: &str = "phuluc-report";
/// The version this program writes. Every older version keeps loading.
///
/// - 1: template, general information, values (with notes and invalid entries).
/// - 2: adds `acknowledged`, the warnings the officer explained.
/// - 3: adds `previous`, last year's entries of a report started from last year's.
pub const REPORT_FORMAT_VERSION: u64 = 3;
/// The usual file name ending of a report.
pub const REPORT_EXTENSION: &str = "phuluc.json";
/// No real report comes near this; a bigger file is not one of ours and is refused
/// before it is read into memory.
pub const MAX_REPORT_BYTES: u64 = 20 * 1024 * 1024;
/// The longest text a cell or note may hold (a long note is a few hundred characters);
/// megabytes in one cell would make the window crawl, so such a file is refused.
pub const MAX_CELL_CHARS: usize = 20_000;

/// Why a report file cannot be opened. The file is left as it is.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file could not be read.
    #[error("không mở được “{}”: {reason}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// What went wrong, in Vietnamese.
        reason: String,
    },
    /// Not JSON, or not UTF-8.
    #[error("“{}” không phải tệp báo cáo phuluc: nội dung bị hỏng hoặc không phải JSON ({detail}); hãy mở bản sao lưu “.bak” bên cạnh nếu có", path.display())]
    Corrupt {
        /// The file.
        path: PathBuf,
        /// Where and what.
        detail: String,
    },
    /// JSON, but another kind of file.
    #[error("“{}” không phải tệp báo cáo phuluc (không có \"format\": \"phuluc-report\"); hãy chọn đúng tệp báo cáo", path.display())]
    Foreign {
        /// The file.
        path: PathBuf,
    },
    /// Written by a newer version of the program.
    #[error("“{}” được lưu bằng phiên bản phuluc mới hơn (định dạng {found}, chương trình này đọc đến {supported}); hãy cập nhật chương trình", path.display())]
    TooNew {
        /// The file.
        path: PathBuf,
        /// Its version.
        found: u64,
        /// Ours.
        supported: u64,
    },
    /// Made for a template this program does not have.
    #[error("“{}” được lập theo mẫu biểu “{id}” phiên bản “{version}” mà chương trình chưa có; hãy mở tệp mẫu biểu đó (Tệp → Mở mẫu biểu…) rồi mở lại báo cáo", path.display())]
    UnknownTemplate {
        /// The file.
        path: PathBuf,
        /// Template id in the file.
        id: String,
        /// Template version in the file.
        version: String,
    },
    /// A field has the wrong shape.
    #[error("“{}” có trường “{field}” không đúng dạng: {detail}", path.display())]
    Shape {
        /// The file.
        path: PathBuf,
        /// Which field.
        field: String,
        /// What is wrong.
        detail: String,
    },
}

/// A report could not be turned into the JSON text of its file. Nothing was written.
///
/// [`report_to_json`] builds a `serde_json::Value` of strings, whole numbers, finite
/// floats and string-keyed maps, which serde_json always turns into text: this cannot
/// happen with today's report. It is an error rather than an empty file in case a
/// later field can fail (a map with non-string keys, say).
#[derive(Debug, thiserror::Error)]
#[error("không chuyển được báo cáo thành JSON: {0}")]
pub struct EncodeError(#[from] pub serde_json::Error);

/// Read a report file and the template it was made for.
pub fn load_report(
    path: &Path,
    templates: &TemplateStore,
) -> Result<(Report, Template), LoadError> {
    let bytes = read_limited(path)?;
    report_from_bytes(path, &bytes, templates)
}

/// The bytes of a report file, refusing a file too large to be one before reading it.
pub fn read_limited(path: &Path) -> Result<Vec<u8>, LoadError> {
    let io = |e: std::io::Error| LoadError::Io {
        path: path.to_path_buf(),
        reason: match e.kind() {
            std::io::ErrorKind::NotFound => {
                "không tìm thấy tệp (có thể đã bị xoá hoặc đổi tên)".to_owned()
            }
            std::io::ErrorKind::PermissionDenied => "không có quyền đọc tệp".to_owned(),
            _ => e.to_string(),
        },
    };
    let folder = || LoadError::Io {
        path: path.to_path_buf(),
        reason: "đây là thư mục, không phải tệp".to_owned(),
    };
    // One open, one fstat, one read: a roll-up reads thousands of these. (Windows
    // refuses to open a folder; Linux opens it and says what it is.)
    let mut file =
        std::fs::File::open(path).map_err(|e| if path.is_dir() { folder() } else { io(e) })?;
    let meta = file.metadata().map_err(io)?;
    if meta.is_dir() {
        return Err(folder());
    }
    if meta.len() > MAX_REPORT_BYTES {
        return Err(LoadError::Corrupt {
            path: path.to_path_buf(),
            detail: format!("tệp quá lớn ({} MB)", meta.len() / (1024 * 1024)),
        });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0) + 1);
    std::io::Read::read_to_end(&mut file, &mut bytes).map_err(io)?;
    Ok(bytes)
}

/// Parse a report from the bytes of a file (named `path` in messages).
pub fn report_from_bytes(
    path: &Path,
    bytes: &[u8],
    templates: &TemplateStore,
) -> Result<(Report, Template), LoadError> {
    let mut known = Vec::new();
    let (report, at) =
        report_from_bytes_cached(path, bytes, templates, &mut known, Reading::Whole)?;
    Ok((report, known.swap_remove(at)))
}

/// How much of a report file to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// Everything.
    Whole,
    /// This year's report without last year's values (`previous`), which a roll-up never
    /// uses: skipped unread, as reading them doubled the time of a roll-up.
    ThisYear,
}

/// Parse a report whose template is one of `known`, or is found in `templates` and then
/// added to `known`: for reading many reports of the same few templates (a roll-up)
/// without copying or re-reading a template per file. Returns the template's index.
pub fn report_from_bytes_cached(
    path: &Path,
    bytes: &[u8],
    templates: &TemplateStore,
    known: &mut Vec<Template>,
    reading: Reading,
) -> Result<(Report, usize), LoadError> {
    let stream::Parsed { root, values } = parse_text(path, bytes, templates, known, reading)?;
    if root.get("format").and_then(Json::as_str) != Some(REPORT_FORMAT) {
        return Err(LoadError::Foreign {
            path: path.to_path_buf(),
        });
    }
    let (id, version) = template_ref(path, &root)?;
    let at = match &values {
        stream::Values::Read { at, .. } => *at,
        _ => stream::known_template(id, version, templates, known).ok_or_else(|| {
            LoadError::UnknownTemplate {
                path: path.to_path_buf(),
                id: id.to_owned(),
                version: version.to_owned(),
            }
        })?,
    };
    let report = read_body(path, &root, values, &known[at])?;
    Ok((report, at))
}

/// Everything after the header: general information, explanations, values.
fn read_body(
    path: &Path,
    root: &Map<String, Json>,
    values: stream::Values,
    template: &Template,
) -> Result<Report, LoadError> {
    let mut report = Report::new(template);
    if let Some(general) = root.get("general") {
        let general = general
            .as_object()
            .ok_or_else(|| shape(path, "general", "phải là một đối tượng"))?;
        report.general =
            read_general(general).map_err(|(field, detail)| shape(path, &field, &detail))?;
    }
    if let Some(acknowledged) = root.get("acknowledged") {
        read_acknowledged(acknowledged, &mut report)
            .map_err(|detail| shape(path, "acknowledged", detail))?;
    }
    // Null: skipped unread ([`Reading::ThisYear`]).
    if let Some(previous) = root.get("previous").filter(|p| !p.is_null()) {
        report.previous = Some(read_previous(path, previous, template)?);
    }
    match values {
        stream::Values::Absent => {}
        stream::Values::Json(values) => {
            read_values(path, "values", &values, template, &mut report)?;
        }
        stream::Values::Read { items, .. } => read_items(path, items, template, &mut report)?,
    }
    Ok(report)
}

/// A field of the file has the wrong shape.
fn shape(path: &Path, field: &str, detail: &str) -> LoadError {
    LoadError::Shape {
        path: path.to_path_buf(),
        field: field.to_owned(),
        detail: detail.to_owned(),
    }
}

/// The bytes as a report file's JSON: UTF-8 (a BOM is allowed), not empty, well formed,
/// an object, no key twice.
fn parse_text(
    path: &Path,
    bytes: &[u8],
    templates: &TemplateStore,
    known: &mut Vec<Template>,
    reading: Reading,
) -> Result<stream::Parsed, LoadError> {
    let corrupt = |detail: String| LoadError::Corrupt {
        path: path.to_path_buf(),
        detail,
    };
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        corrupt(format!(
            "không phải văn bản UTF-8 (byte {})",
            e.valid_up_to()
        ))
    })?;
    if text.trim().is_empty() {
        return Err(corrupt("tệp rỗng".to_owned()));
    }
    let parsed =
        stream::read(text, templates, known, reading == Reading::ThisYear).map_err(|e| {
            if e.classify() == serde_json::error::Category::Data {
                // A key given twice: say which, and on which line.
                LoadError::Shape {
                    path: path.to_path_buf(),
                    field: format!("dòng {}", e.line()),
                    detail: e
                        .to_string()
                        .split(" at line")
                        .next()
                        .unwrap_or_default()
                        .to_owned(),
                }
            } else {
                corrupt(format!("dòng {}, cột {}", e.line(), e.column()))
            }
        })?;
    parsed.ok_or_else(|| LoadError::Foreign {
        path: path.to_path_buf(),
    })
}

/// The template the report names, after checking that this program reads its format version.
fn template_ref<'r>(
    path: &Path,
    root: &'r Map<String, Json>,
) -> Result<(&'r str, &'r str), LoadError> {
    let version = root
        .get("format_version")
        .and_then(Json::as_u64)
        .ok_or_else(|| shape(path, "format_version", "phải là số nguyên dương"))?;
    if version > REPORT_FORMAT_VERSION {
        return Err(LoadError::TooNew {
            path: path.to_path_buf(),
            found: version,
            supported: REPORT_FORMAT_VERSION,
        });
    }
    stream::named_template(root)
        .ok_or_else(|| shape(path, "template", "phải có \"id\" và \"version\""))
}

/// The explanations of confirmed warnings; `Err` says what is wrong with the field.
fn read_acknowledged(acknowledged: &Json, report: &mut Report) -> Result<(), &'static str> {
    let acknowledged = acknowledged
        .as_object()
        .ok_or("phải là một đối tượng {mã cảnh báo: giải trình}")?;
    for (key, note) in acknowledged {
        let note = note.as_str().ok_or("mỗi giải trình phải là chữ")?;
        report.acknowledged.insert(key.clone(), value::nfc(note));
    }
    Ok(())
}

/// Last year's entries: `{"year": 2021, "source": "…", "values": {…}}`, the values as in
/// `values` (one that does not fit the template is kept aside, as there).
fn read_previous(
    path: &Path,
    previous: &Json,
    template: &Template,
) -> Result<PreviousYear, LoadError> {
    let o = previous
        .as_object()
        .ok_or_else(|| shape(path, "previous", "phải là một đối tượng"))?;
    let year = match o.get("year") {
        None | Some(Json::Null) => None,
        Some(y) => Some(
            y.as_i64()
                .and_then(|y| i32::try_from(y).ok())
                .ok_or_else(|| shape(path, "previous.year", "phải là một năm"))?,
        ),
    };
    let source = match o.get("source") {
        None => String::new(),
        Some(s) => s
            .as_str()
            .ok_or_else(|| shape(path, "previous.source", "phải là chữ"))?
            .to_owned(),
    };
    let mut scratch = Report::new(template);
    if let Some(values) = o.get("values") {
        read_values(path, "previous.values", values, template, &mut scratch)?;
    }
    Ok(PreviousYear {
        year,
        source,
        entries: scratch.take_entries(),
        unknown: scratch.unknown,
    })
}

/// The entries by indicator id; one that does not fit the template is kept aside as unknown.
fn read_values(
    path: &Path,
    field: &str,
    values: &Json,
    template: &Template,
    report: &mut Report,
) -> Result<(), LoadError> {
    let values = values
        .as_object()
        .ok_or_else(|| shape(path, field, "phải là một đối tượng theo mã chỉ tiêu"))?;
    let mut entries = Vec::with_capacity(values.len());
    for (key, raw) in values {
        not_too_long(path, &format!("{field}.{key}"), [raw])?;
        let row = template.row_by_text(key);
        let entry = match (row, raw.as_object()) {
            (Some(row), Some(obj)) => read_entry(row.kind.as_ref(), obj),
            _ => None,
        };
        match (row, entry) {
            (Some(row), Some(entry)) => entries.push((row.id.clone(), entry)),
            _ => {
                report.unknown.insert(key.clone(), raw.clone());
            }
        }
    }
    report.put_all(entries);
    Ok(())
}

/// The entries read for the template in one pass ([`stream`]), as [`read_values`] reads
/// them from JSON.
fn read_items(
    path: &Path,
    items: Vec<stream::Item>,
    template: &Template,
    report: &mut Report,
) -> Result<(), LoadError> {
    let rows = template.rows();
    let mut entries = Vec::with_capacity(items.len());
    for item in items {
        match item {
            stream::Item::Row { at, key, parts } => {
                let row = &rows[at];
                let key_text = || key.clone().unwrap_or_else(|| row.id.as_str().to_owned());
                let stream::Parts {
                    value,
                    invalid,
                    note,
                } = &parts;
                not_too_long(
                    path,
                    &format!("values.{}", key_text()),
                    [value, invalid, note].into_iter().flatten(),
                )?;
                match read_entry_parts(
                    row.kind.as_ref(),
                    value.as_ref(),
                    invalid.as_ref(),
                    note.as_ref(),
                ) {
                    Some(entry) => entries.push((row.id.clone(), entry)),
                    None => {
                        report
                            .unknown
                            .insert(key_text(), Json::Object(parts.into_object()));
                    }
                }
            }
            stream::Item::Raw { key, raw } => {
                not_too_long(path, &format!("values.{key}"), [&raw])?;
                report.unknown.insert(key, raw);
            }
        }
    }
    report.put_all(entries);
    Ok(())
}

/// Refuse an entry with a text longer than any cell holds: such a file is broken.
fn not_too_long<'j>(
    path: &Path,
    field: &str,
    parts: impl IntoIterator<Item = &'j Json>,
) -> Result<(), LoadError> {
    if parts.into_iter().any(|p| longest_text(p) > MAX_CELL_CHARS) {
        return Err(shape(
            path,
            field,
            &format!("nội dung dài hơn {MAX_CELL_CHARS} ký tự; tệp có thể đã bị hỏng"),
        ));
    }
    Ok(())
}

/// The longest string anywhere in a JSON value, in characters.
fn longest_text(v: &Json) -> usize {
    match v {
        Json::String(s) => s.chars().count(),
        Json::Array(a) => a.iter().map(longest_text).max().unwrap_or(0),
        Json::Object(o) => o
            .iter()
            .map(|(k, v)| k.chars().count().max(longest_text(v)))
            .max()
            .unwrap_or(0),
        _ => 0,
    }
}

fn read_general(o: &Map<String, Json>) -> Result<GeneralInfo, (String, String)> {
    let text = |k: &str| -> Result<String, (String, String)> {
        match o.get(k) {
            None | Some(Json::Null) => Ok(String::new()),
            Some(Json::String(s)) => Ok(s.clone()),
            Some(Json::Number(n)) => Ok(n.to_string()),
            Some(_) => Err((format!("general.{k}"), "phải là chữ".to_owned())),
        }
    };
    let level = match o.get("level") {
        None | Some(Json::Null) => None,
        Some(v) => Some(serde_json::from_value::<Level>(v.clone()).map_err(|_| {
            (
                "general.level".to_owned(),
                "phải là \"xa\", \"huyen\" hoặc \"tinh\"".to_owned(),
            )
        })?),
    };
    let report_date = text("report_date")?;
    let report_date = iso_date(&report_date).map_or(report_date, value::format_date);
    Ok(GeneralInfo {
        unit_name: text("unit_name")?,
        level,
        province: text("province")?,
        year: text("year")?,
        report_number: text("report_number")?,
        report_date,
        communes: text("communes")?,
        prepared_by: text("prepared_by")?,
        prepared_title: text("prepared_title")?,
        contact: text("contact")?,
        signer: text("signer")?,
        signer_authority: text("signer_authority")?,
        signer_title: text("signer_title")?,
    })
}

/// A date as the file writes it, `2021-01-15` (what chrono's `%Y-%m-%d` reads; the
/// usual ten characters without going through chrono's format parser).
fn iso_date(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && digits(0..4)
        && digits(5..7)
        && digits(8..10)
    {
        let number = |r: std::ops::Range<usize>| text[r].parse::<u32>().ok();
        let year = i32::try_from(number(0..4)?).ok()?;
        return NaiveDate::from_ymd_opt(year, number(5..7)?, number(8..10)?);
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

/// Turn one JSON entry into an [`Entry`] for a row of this kind; `None` when the
/// entry is not of our shape at all (it is then kept aside as unknown).
fn read_entry(kind: Option<&Kind>, o: &Map<String, Json>) -> Option<Entry> {
    if o.keys()
        .any(|k| !matches!(k.as_str(), "value" | "invalid" | "note"))
    {
        return None;
    }
    read_entry_parts(kind, o.get("value"), o.get("invalid"), o.get("note"))
}

/// [`read_entry`] of an entry's fields.
fn read_entry_parts(
    kind: Option<&Kind>,
    value: Option<&Json>,
    invalid: Option<&Json>,
    note: Option<&Json>,
) -> Option<Entry> {
    let note = match note {
        None | Some(Json::Null) => String::new(),
        Some(Json::String(s)) => value::nfc(s),
        Some(_) => return None,
    };
    let cell = match (value, invalid) {
        (None, None) => Cell::Empty,
        (None, Some(Json::String(text))) => Cell::Invalid(text.clone()),
        (Some(v), None) => read_value(kind?, v),
        _ => return None,
    };
    if kind.is_none() && !cell.is_empty() {
        return None;
    }
    Some(Entry { cell, note })
}

fn read_value(kind: &Kind, v: &Json) -> Cell {
    let as_text = || match v {
        Json::String(s) => s.clone(),
        other => other.to_string(),
    };
    match (kind, v) {
        (_, Json::String(s)) if !matches!(kind, Kind::Text) => read_cell(kind, s),
        (Kind::Count | Kind::Decimal | Kind::Percent, Json::Number(n)) => {
            let Some(n) = n.as_f64() else {
                return Cell::Invalid(as_text());
            };
            let number_kind = match kind {
                Kind::Count => NumberKind::Count,
                Kind::Percent => NumberKind::Percent,
                _ => NumberKind::Decimal,
            };
            if value::holds_exactly(n, number_kind) {
                Cell::Value(Value::Number(n))
            } else {
                Cell::Invalid(value::format_number(n))
            }
        }
        (Kind::YesNo(choices) | Kind::Choice(choices), Json::Number(n)) => {
            match n.as_u64().and_then(|c| u32::try_from(c).ok()) {
                Some(code) if choices.iter().any(|c| c.code == code) => {
                    Cell::Value(Value::Code(code))
                }
                _ => Cell::Invalid(as_text()),
            }
        }
        (Kind::Document, Json::Object(d)) => {
            let part = |k: &str| d.get(k).and_then(Json::as_str).unwrap_or("");
            let (doc_type, number, date_text) = (part("type"), part("number"), part("date"));
            let date = iso_date(date_text);
            // The usual document, decided without writing its date out and reading it back:
            // what `DocumentParts::parse` gives for a whole document dated 1900–2100.
            if let Some(date) = date.filter(|d| (1900..=2100).contains(&d.year()))
                && !doc_type.trim().is_empty()
                && !number.trim().is_empty()
            {
                return Cell::Value(Value::Document(DocumentRef {
                    doc_type: doc_type.trim().to_owned(),
                    number: number.trim().to_owned(),
                    date,
                }));
            }
            let parts = DocumentParts {
                doc_type: doc_type.to_owned(),
                number: number.to_owned(),
                date: date.map_or_else(|| date_text.to_owned(), value::format_date),
            };
            match parts.parse() {
                Ok(doc) => Cell::Value(Value::Document(doc)),
                Err(_) => Cell::Invalid(parts.join()),
            }
        }
        (Kind::Text, Json::String(s)) => Cell::Value(Value::Text(value::nfc(s))),
        _ => Cell::Invalid(as_text()),
    }
}

/// The report as the JSON text written to disk (pretty).
///
/// See [`EncodeError`] for why this cannot fail today.
pub fn report_to_json(report: &Report) -> Result<String, EncodeError> {
    let mut text = serde_json::to_string_pretty(&report_to_value(report))?;
    text.push('\n');
    Ok(text)
}

/// Save `report` to `path` in the report file format, atomically, keeping the previous
/// version as a backup ([`save_atomic`]). On an error nothing on disk changed.
pub fn save_report(path: &Path, report: &Report) -> Result<(), SaveError> {
    let text = report_to_json(report).map_err(|source| SaveError::Encode {
        path: path.to_path_buf(),
        source,
    })?;
    save_atomic(path, text.as_bytes())
}

/// The oldest format version that holds everything in the report: a report without last
/// year's values is written as version 2, which the program of before `previous` opens.
fn format_version(report: &Report) -> u64 {
    if report.previous.is_some() {
        REPORT_FORMAT_VERSION
    } else {
        2
    }
}

/// The report as a JSON value, as written to disk (the oldest format version that holds
/// it, [`format_version`]).
pub(super) fn report_to_value(report: &Report) -> Json {
    let mut root = json!({
        "format": REPORT_FORMAT,
        "format_version": format_version(report),
        "template": {"id": report.template_id, "version": report.template_version},
        "general": general_to_json(&report.general),
        "values": values_to_json(report),
    });
    if let Some(o) = root.as_object_mut() {
        if !report.acknowledged.is_empty() {
            o.insert("acknowledged".to_owned(), json!(report.acknowledged));
        }
        if let Some(previous) = &report.previous {
            o.insert("previous".to_owned(), previous_to_json(previous));
        }
    }
    root
}

/// The general information; empty fields are left out.
fn general_to_json(g: &GeneralInfo) -> Map<String, Json> {
    let mut general = Map::new();
    let mut put = |k: &str, v: Json| {
        if !(v.is_null() || v.as_str() == Some("")) {
            general.insert(k.to_owned(), v);
        }
    };
    put("unit_name", json!(g.unit_name));
    put("level", g.level.map_or(Json::Null, |l| json!(l)));
    put("province", json!(g.province));
    put("year", g.year().map_or_else(|| json!(g.year), |y| json!(y)));
    put("report_number", json!(g.report_number));
    put(
        "report_date",
        g.report_date().map_or_else(
            || json!(g.report_date),
            |d| json!(d.format("%Y-%m-%d").to_string()),
        ),
    );
    put(
        "communes",
        g.communes().map_or_else(|| json!(g.communes), |c| json!(c)),
    );
    put("prepared_by", json!(g.prepared_by));
    put("prepared_title", json!(g.prepared_title));
    put("contact", json!(g.contact));
    put("signer", json!(g.signer));
    put("signer_authority", json!(g.signer_authority));
    put("signer_title", json!(g.signer_title));
    general
}

/// Every entry by indicator id, and the unknown ones as they were read.
fn values_to_json(report: &Report) -> Map<String, Json> {
    entries_to_json(report.entries(), &report.unknown)
}

/// Entries by indicator id, then the unknown ones as they were read.
fn entries_to_json<'e>(
    entries: impl Iterator<Item = (&'e IndicatorId, &'e Entry)>,
    unknown: &BTreeMap<String, Json>,
) -> Map<String, Json> {
    let mut values = Map::new();
    for (id, entry) in entries {
        values.insert(id.to_string(), entry.to_json());
    }
    for (id, raw) in unknown {
        values.entry(id.clone()).or_insert_with(|| raw.clone());
    }
    values
}

/// Last year's entries as [`read_previous`] reads them.
fn previous_to_json(previous: &PreviousYear) -> Json {
    let mut o = Map::new();
    if let Some(year) = previous.year {
        o.insert("year".to_owned(), json!(year));
    }
    if !previous.source.is_empty() {
        o.insert("source".to_owned(), json!(previous.source));
    }
    o.insert(
        "values".to_owned(),
        Json::Object(entries_to_json(previous.entries.iter(), &previous.unknown)),
    );
    Json::Object(o)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> TemplateStore {
        TemplateStore::builtin_only()
    }

    fn load(json: &str) -> Result<(Report, Template), LoadError> {
        report_from_bytes(Path::new("t.phuluc.json"), json.as_bytes(), &store())
    }

    const HEAD: &str = r#""format": "phuluc-report", "format_version": 1, "template": {"id": "cchc-pl2-bang2", "version": "2021"}"#;

    #[test]
    fn values_outside_their_kind_are_kept_as_invalid_text() {
        let json = format!(
            r#"{{{HEAD}, "values": {{
                "I.1.1": {{"value": 2.5}}, "III.6.9": {{"value": 150}}, "I.6": {{"value": 3}},
                "I.1.2": {{"value": "1.200"}}, "I.3.4": {{"value": "Hàng tuần"}},
                "I.1.3": {{"invalid": "abc", "note": "chưa rõ"}}, "VIII.2": {{"value": 1}},
                "III.6": {{"value": 4}}, "I.2.1": {{"value": 1, "colour": "red"}}
            }}}}"#
        );
        let (r, _) = load(&json).expect("loads");
        let id = |s: &str| IndicatorId::parse(s).expect("id");
        assert_eq!(r.cell(&id("I.1.1")), &Cell::Invalid("2,5".into()));
        assert_eq!(r.cell(&id("III.6.9")), &Cell::Invalid("150".into()));
        assert_eq!(r.cell(&id("I.6")), &Cell::Invalid("3".into()));
        assert_eq!(r.number(&id("I.1.2")), Some(1200.0));
        assert_eq!(
            r.cell(&id("I.3.4")),
            &Cell::Value(Value::Text("Hàng tuần".into()))
        );
        assert_eq!(
            r.entry(&id("I.1.3")).map(|e| e.note.as_str()),
            Some("chưa rõ")
        );
        let unknown: Vec<_> = r.unknown.keys().cloned().collect();
        assert_eq!(unknown, ["I.2.1", "III.6", "VIII.2"]);
        // Written back, nothing is lost.
        let again = report_to_json(&r).expect("encodes");
        let (r2, _) = load(&again).expect("reloads");
        assert_eq!(r2, r);
    }

    /// The values of a file that names its template first are read in one pass
    /// (`stream`); those of a file that gives its values first through JSON. Both must
    /// give the same report, including what is kept aside and what is refused.
    #[test]
    fn values_read_in_one_pass_are_read_as_through_json() {
        let values = r#""values": {
                "I.1.1": {"value": 2.5}, " I.1.2 ": {"value": "1.200", "note": "tháng 12"},
                "I.1": {"value": {"type": "Kế hoạch", "number": "03/KH-UBND", "date": "2021-01-15"}},
                "III.6.8": {"value": 95.83}, "I.1.3": {"invalid": "abc", "note": null},
                "I.6": {"value": null}, "I.5.2": 7, "VIII.2": {"value": 1},
                "III.6": {"value": 4}, "I.2.1": {"value": 1, "colour": "red"},
                "I.2.2": {"note": "x", "colour": "red", "value": "y"},
                "I.3.1": {"value": 1, "invalid": "1"}, "I.3.2": {"note": 5}, "I.3.3": {}
            }"#;
        let general = r#""general": {"unit_name": "Xã A", "year": 2021, "level": "xa"}"#;
        let (r, _) = load(&format!("{{{HEAD}, {general}, {values}}}")).expect("loads");
        let (through_json, _) = load(&format!("{{{values}, {general}, {HEAD}}}")).expect("loads");
        assert_eq!(r, through_json);
        let id = |s: &str| IndicatorId::parse(s).expect("id");
        assert_eq!(r.number(&id("I.1.2")), Some(1200.0));
        assert_eq!(
            r.entry(&id("I.1.2")).map(|e| e.note.as_str()),
            Some("tháng 12")
        );
        assert_eq!(r.number(&id("III.6.8")), Some(95.83));
        assert!(matches!(
            r.cell(&id("I.1")),
            Cell::Value(Value::Document(_))
        ));
        let unknown: Vec<_> = r.unknown.keys().cloned().collect();
        assert_eq!(
            unknown,
            [
                "I.2.1", "I.2.2", "I.3.1", "I.3.2", "I.5.2", "III.6", "VIII.2"
            ]
        );
        assert_eq!(
            r.unknown["I.2.2"],
            serde_json::json!({"note": "x", "colour": "red", "value": "y"})
        );
        // A key twice, in the values or in one entry, is refused in both orders.
        for values in [
            r#""values": {"I.1.1": {"value": 1}, "I.1.1": {"value": 2}}"#,
            r#""values": {"I.1.1": {"value": 1, "value": 2}}"#,
            r#""values": {"I.1.1": {"colour": 1, "colour": 2}}"#,
            r#""values": {"X": {"value": 1}, "X": {"value": 2}}"#,
        ] {
            for json in [
                format!("{{{HEAD}, {values}}}"),
                format!("{{{values}, {HEAD}}}"),
            ] {
                let err = load(&json).expect_err("refused").to_string();
                assert!(err.contains("xuất hiện hai lần"), "{json}: {err}");
            }
        }
        let long = "x".repeat(MAX_CELL_CHARS + 1);
        for values in [
            format!(r#""values": {{"I.1.1": {{"invalid": "{long}"}}}}"#),
            format!(r#""values": {{"I.2.1": {{"value": 1, "colour": "{long}"}}}}"#),
            format!(r#""values": {{"VIII.2": "{long}"}}"#),
        ] {
            let err = load(&format!("{{{HEAD}, {values}}}")).expect_err("refused");
            assert!(err.to_string().contains("ký tự"), "{err}");
        }
    }

    /// A document read without the round trip through its printed date is the one the
    /// round trip gives, inside and outside the years a date may have.
    #[test]
    fn documents_read_directly_are_those_the_round_trip_gives() {
        let kind = Kind::Document;
        for (doc_type, number, date) in [
            ("Kế hoạch", "03/KH-UBND", "2021-01-15"),
            (" Kế hoạch ", " 03/KH-UBND ", "1900-01-01"),
            ("Kế hoạch", "03/KH-UBND", "2100-12-31"),
            ("Kế hoạch", "03/KH-UBND", "1899-12-31"),
            ("Kế hoạch", "03/KH-UBND", "2101-01-01"),
            ("Kế hoạch", "03/KH-UBND", "2021-02-29"),
            ("Kế hoạch", "03/KH-UBND", "2021-1-5"),
            ("Kế hoạch", "03/KH-UBND", "15/01/2021"),
            ("", "03/KH-UBND", "2021-01-15"),
            ("Kế hoạch", " ", "2021-01-15"),
        ] {
            let json = serde_json::json!({"type": doc_type, "number": number, "date": date});
            let printed = NaiveDate::parse_from_str(date, "%Y-%m-%d")
                .map_or_else(|_| date.to_owned(), value::format_date);
            let parts = DocumentParts {
                doc_type: doc_type.to_owned(),
                number: number.to_owned(),
                date: printed,
            };
            let round_trip = match parts.parse() {
                Ok(doc) => Cell::Value(Value::Document(doc)),
                Err(_) => Cell::Invalid(parts.join()),
            };
            assert_eq!(read_value(&kind, &json), round_trip, "{json}");
        }
    }

    #[test]
    fn refusals_say_why() {
        let cases: [(&[u8], &str); 7] = [
            (b"", "tệp rỗng"),
            (b"{not json", "không phải JSON"),
            (b"\xff\xfe{}", "UTF-8"),
            (b"[1, 2]", "không phải tệp báo cáo phuluc"),
            (br#"{"format": "other"}"#, "không phải tệp báo cáo phuluc"),
            (br#"{"format": "phuluc-report", "format_version": 9}"#, "phiên bản phuluc mới hơn"),
            (
                br#"{"format": "phuluc-report", "format_version": 1, "template": {"id": "x", "version": "2030"}}"#,
                "mẫu biểu “x” phiên bản “2030”",
            ),
        ];
        for (bytes, expected) in cases {
            let err = report_from_bytes(Path::new("a.phuluc.json"), bytes, &store())
                .expect_err("refused");
            let message = err.to_string();
            assert!(message.contains(expected), "{message}");
            assert!(message.contains("a.phuluc.json"), "{message}");
        }
    }

    /// Encoding cannot fail with today's report (see [`EncodeError`]), so only the message
    /// the officer would see is tested.
    #[test]
    fn an_encoding_failure_names_the_file_and_says_the_data_is_kept() {
        use serde::ser::Error as _;
        let err = SaveError::Encode {
            path: PathBuf::from("xã An Hòa.phuluc.json"),
            source: EncodeError(serde_json::Error::custom("khoá không phải chữ")),
        };
        let message = err.to_string();
        for expected in [
            "“xã An Hòa.phuluc.json”",
            "không chuyển được báo cáo thành JSON: khoá không phải chữ",
            "dữ liệu vẫn còn nguyên trong cửa sổ",
        ] {
            assert!(message.contains(expected), "{message}");
        }
    }

    #[test]
    fn a_saved_report_loads_back_and_keeps_the_previous_version() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("Báo cáo.phuluc.json");
        let (mut r, t) = load(&format!("{{{HEAD}}}")).expect("loads");
        save_report(&path, &r).expect("saves");
        let id = IndicatorId::parse("I.1.1").expect("id");
        r.set_text(&t, &id, "28").expect("a count");
        save_report(&path, &r).expect("saves again");
        let (back, _) = load_report(&path, &store()).expect("reloads");
        assert_eq!(back, r);
        let backup = super::super::atomic::backup_path(&path);
        let (before, _) = load_report(&backup, &store()).expect("the backup loads");
        assert_eq!(before.number(&id), None);
    }

    #[test]
    fn a_report_is_written_in_the_oldest_version_that_holds_it() {
        let (r, _) = load(&format!("{{{HEAD}}}")).expect("loads");
        let text = report_to_json(&r).expect("encodes");
        assert!(text.contains("\"format_version\": 2"), "{text}");
        let next = r.next_year("a.phuluc.json");
        let text = report_to_json(&next).expect("encodes");
        assert!(text.contains("\"format_version\": 3"), "{text}");
        let (back, _) = load(&text).expect("reloads");
        assert_eq!(back, next);
    }

    #[test]
    fn a_broken_entry_of_last_year_is_named_where_it_is() {
        let long = "x".repeat(MAX_CELL_CHARS + 1);
        let json = format!(
            r#"{{{HEAD}, "previous": {{"year": 2021, "values": {{"I.3.4": {{"value": "{long}"}}}}}}}}"#
        );
        let err = load(&json).expect_err("too long").to_string();
        assert!(err.contains("previous.values.I.3.4"), "{err}");
        let err = load(&format!(r#"{{{HEAD}, "previous": {{"values": [1]}}}}"#))
            .expect_err("not an object")
            .to_string();
        assert!(err.contains("previous.values"), "{err}");
        let err = load(&format!(r#"{{{HEAD}, "previous": {{"year": "hai"}}}}"#))
            .expect_err("not a year")
            .to_string();
        assert!(err.contains("previous.year"), "{err}");
    }

    #[test]
    fn a_roll_up_reads_this_years_report_without_last_years() {
        let (mut r, t) = load(&format!("{{{HEAD}}}")).expect("loads");
        r.set_text(&t, &IndicatorId::parse("I.1.1").expect("id"), "28")
            .expect("a count");
        let next = r.next_year("a.phuluc.json");
        let mut this = next.clone();
        this.set_text(&t, &IndicatorId::parse("I.1.1").expect("id"), "30")
            .expect("a count");
        let text = report_to_json(&this).expect("encodes");
        let mut known = Vec::new();
        let (read, _) = report_from_bytes_cached(
            Path::new("x"),
            text.as_bytes(),
            &store(),
            &mut known,
            Reading::ThisYear,
        )
        .expect("reads");
        assert_eq!(read.previous, None);
        assert_eq!(
            read.number(&IndicatorId::parse("I.1.1").expect("id")),
            Some(30.0)
        );
        // Last year's values, even broken, do not keep a unit out of a roll-up.
        let broken = format!(r#"{{{HEAD}, "previous": {{"values": [1]}}}}"#);
        assert!(load(&broken).is_err());
        assert!(
            report_from_bytes_cached(
                Path::new("x"),
                broken.as_bytes(),
                &store(),
                &mut known,
                Reading::ThisYear
            )
            .is_ok()
        );
    }

    #[test]
    fn a_bom_is_accepted() {
        let json = format!("\u{feff}{{{HEAD}}}");
        assert!(load(&json).is_ok());
    }

    #[test]
    fn a_folder_or_a_missing_file_is_named_as_such_and_a_file_is_read_whole() {
        let dir = tempfile::tempdir().expect("tempdir");
        let err = read_limited(dir.path()).expect_err("a folder");
        assert!(err.to_string().contains("đây là thư mục"), "{err}");
        let err = read_limited(&dir.path().join("khong-co.phuluc.json")).expect_err("missing");
        assert!(err.to_string().contains("không tìm thấy tệp"), "{err}");
        let file = dir.path().join("a.phuluc.json");
        let text = "{\"a\": \"Hồ sơ\"}".repeat(1000);
        std::fs::write(&file, &text).expect("write");
        assert_eq!(read_limited(&file).expect("reads"), text.as_bytes());
    }
}
