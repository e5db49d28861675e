//! Reading a roll-up's inputs: files and folders (searched for `*.phuluc.json`), read in
//! parallel; a broken file never stops the others. Then who takes part: the template,
//! year and level of most files; each unit once.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use super::{LeftOut, Rollup, Unit};
use crate::model::{GeneralInfo, Level, Template};
use crate::store::report_file::{REPORT_EXTENSION, Reading, report_from_bytes_cached};
use crate::store::templates::TemplateStore;

/// What the officer gave: a report file or a folder of them.
pub type Input = PathBuf;

/// One file read: its unit (already checked against its own template, on the reader's
/// core), the index of that template in the reader's list and the key that finds the same
/// unit twice ([`same_unit_key`]).
type Read = (PathBuf, Result<(Unit, usize, String), String>);

/// Why nothing could be combined.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NothingToCombine {
    /// Not one report could be read; why.
    #[error("không có báo cáo nào để tổng hợp: {0}")]
    Nothing(String),
    /// The officer stopped it.
    #[error("đã dừng tổng hợp theo yêu cầu")]
    Stopped,
}

/// How far a roll-up has read, shared between the readers and whoever shows a progress
/// bar; it can also ask the readers to stop.
#[derive(Debug, Default)]
pub struct Progress {
    files: AtomicUsize,
    read: AtomicUsize,
    stop: AtomicBool,
}

impl Progress {
    /// Files read so far and files found (0 until the folders have been searched).
    pub fn read_of(&self) -> (usize, usize) {
        (
            self.read.load(Ordering::Relaxed),
            self.files.load(Ordering::Relaxed),
        )
    }

    /// Ask the readers to stop; the roll-up then ends with [`NothingToCombine::Stopped`].
    pub fn stop(&self) {
        self.stop.store(true, Ordering::Relaxed);
    }

    fn stopped(&self) -> bool {
        self.stop.load(Ordering::Relaxed)
    }
}

/// Read every input and combine the units that belong together. `year`, when given,
/// is the year to combine (else the year of most files). `Err` when not one report
/// could be read; every file left out is in the roll-up with its reason.
pub fn gather(
    inputs: &[Input],
    templates: &TemplateStore,
    year: Option<i32>,
) -> Result<Rollup, NothingToCombine> {
    gather_with(inputs, templates, year, &Progress::default())
}

/// [`gather`], telling `progress` how far it has come and stopping when asked.
pub fn gather_with(
    inputs: &[Input],
    templates: &TemplateStore,
    year: Option<i32>,
    progress: &Progress,
) -> Result<Rollup, NothingToCombine> {
    let (files, mut left_out) = expand(inputs);
    progress.files.store(files.len(), Ordering::Relaxed);
    let (read, known) = read_all(&files, templates, progress);
    if progress.stopped() {
        return Err(NothingToCombine::Stopped);
    }
    let mut read_units = Vec::new();
    for (file, result) in read {
        match result {
            Ok(read) => read_units.push(read),
            Err(reason) => left_out.push(LeftOut { file, reason }),
        }
    }
    let Some(template_at) = most(read_units.iter().map(|(_, at, _)| *at)) else {
        let why = if files.is_empty() {
            "không tìm thấy tệp .phuluc.json nào".to_owned()
        } else {
            "không đọc được tệp nào".to_owned()
        };
        return Err(NothingToCombine::Nothing(why));
    };
    let template = known[template_at].clone();
    let year = year.or_else(|| most(read_units.iter().filter_map(|(u, _, _)| u.year)));
    let level = most(read_units.iter().filter_map(|(u, _, _)| u.level));
    let mut units: Vec<Unit> = Vec::new();
    // Each unit once: (name without diacritics, year) → the unit that came first.
    let mut seen: HashMap<(String, Option<i32>), usize> = HashMap::new();
    for (unit, at, name_key) in read_units {
        let key = (name_key, unit.year);
        let first = seen.get(&key).map(|&i| &units[i]);
        match leave_out(&unit.general, &known[at], &template, year, level, first) {
            Some(reason) => left_out.push(LeftOut {
                file: unit.file,
                reason,
            }),
            None => {
                seen.insert(key, units.len());
                units.push(unit);
            }
        }
    }
    left_out.sort_by(|a, b| a.file.cmp(&b.file));
    Ok(Rollup::new(template, year, units, left_out))
}

/// Why a readable report does not take part, if it does not; `same_unit` is a unit of
/// the same name and year already taking part.
fn leave_out(
    general: &GeneralInfo,
    its_template: &Template,
    template: &Template,
    year: Option<i32>,
    level: Option<Level>,
    same_unit: Option<&Unit>,
) -> Option<String> {
    if !its_template.is_same_form(template) {
        return Some(format!(
            "lập theo mẫu biểu khác (“{}” phiên bản {}, các báo cáo khác theo “{}” phiên bản {})",
            its_template.name, its_template.version, template.name, template.version
        ));
    }
    let its_year = general.year();
    if year.is_some() && its_year != year {
        let said = its_year.map_or_else(|| "chưa ghi năm".to_owned(), |y| format!("năm {y}"));
        return Some(format!(
            "báo cáo {said}, không phải năm {}",
            year.map_or_else(String::new, |y| y.to_string())
        ));
    }
    if level.is_some() && general.level != level {
        let name = |l: Level| template.level_label(l).to_lowercase();
        let its = general
            .level
            .map_or_else(|| "chưa chọn cấp".to_owned(), name);
        return Some(format!(
            "báo cáo của {its}, các báo cáo khác của {}",
            level.map_or_else(String::new, name)
        ));
    }
    if let Some(first) = same_unit {
        return Some(format!(
            "trùng đơn vị “{}” năm {} với tệp “{}” (giữ tệp đứng trước)",
            general.unit_name.trim(),
            its_year.map_or_else(|| "?".to_owned(), |y| y.to_string()),
            first.file.display()
        ));
    }
    None
}

/// Units whose names read the same without diacritics, case or punctuation are the same
/// unit (with the same year). Worked out by the readers, each on its core.
fn same_unit_key(unit: &Unit) -> String {
    crate::model::template::fold_for_search(unit.unit_name.trim())
}

/// The value most files share (the first in path order among equals).
fn most<T: Eq + std::hash::Hash + Copy>(values: impl Iterator<Item = T>) -> Option<T> {
    let mut counts: HashMap<T, (usize, usize)> = HashMap::new();
    for (order, v) in values.enumerate() {
        let entry = counts.entry(v).or_insert((0, order));
        entry.0 += 1;
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1.0.cmp(&b.1.0).then(b.1.1.cmp(&a.1.1)))
        .map(|(v, _)| v)
}

/// The report files of the inputs, in path order; inputs that are neither a file nor a
/// folder are left out with their reason.
pub fn expand(inputs: &[Input]) -> (Vec<PathBuf>, Vec<LeftOut>) {
    let mut files = Vec::new();
    let mut left_out = Vec::new();
    for input in inputs {
        if input.is_dir() {
            walk(input, &mut files);
        } else if input.is_file() {
            files.push(input.clone());
        } else {
            left_out.push(LeftOut {
                file: input.clone(),
                reason: "không tìm thấy tệp hoặc thư mục này".to_owned(),
            });
        }
    }
    files.sort();
    files.dedup();
    (files, left_out)
}

fn walk(folder: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            walk(&path, files);
        } else if kind.is_file()
            && path
                .file_name()
                .is_some_and(|n| n.to_string_lossy().ends_with(REPORT_EXTENSION))
        {
            files.push(path);
        }
    }
}

/// Files handed to a reader at a time: small, so that a core that finishes early takes
/// more and no core waits for another at the end.
const BATCH: usize = 32;

/// Read the files on every core. The templates found are listed once (`known`), the
/// reports point into that list. The result is in the order of `files`.
fn read_all(
    files: &[PathBuf],
    templates: &TemplateStore,
    progress: &Progress,
) -> (Vec<Read>, Vec<Template>) {
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .clamp(1, 16)
        .min(files.len().div_ceil(BATCH).max(1));
    let next = AtomicUsize::new(0);
    let parts: Vec<Batches> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| scope.spawn(|| read_batches(files, &next, templates, progress)))
            .collect();
        // A reader that failed loses nothing silently: its files are left out below.
        workers
            .into_iter()
            .filter_map(|worker| worker.join().ok())
            .collect()
    });
    // One list of templates; each part's indexes mapped into it.
    let mut known: Vec<Template> = Vec::new();
    let mut read: Vec<Option<Read>> = Vec::new();
    read.resize_with(files.len(), || None);
    for (part, part_known) in parts {
        let map: Vec<usize> = part_known
            .into_iter()
            .map(|t| match known.iter().position(|k| k.is_same_form(&t)) {
                Some(at) => at,
                None => {
                    known.push(t);
                    known.len() - 1
                }
            })
            .collect();
        for (i, (file, r)) in part {
            read[i] = Some((file, r.map(|(unit, at, key)| (unit, map[at], key))));
        }
    }
    let read = read
        .into_iter()
        .zip(files)
        .map(|(r, file)| {
            r.unwrap_or_else(|| {
                (
                    file.clone(),
                    Err("lỗi trong chương trình khi đọc tệp".to_owned()),
                )
            })
        })
        .collect();
    (read, known)
}

/// What one reader read: each file with its index in the list, and the templates it met.
type Batches = (Vec<(usize, Read)>, Vec<Template>);

/// One reader: takes the next [`BATCH`] of files until none is left or it is asked to
/// stop; each file read with its index in `files`.
fn read_batches(
    files: &[PathBuf],
    next: &AtomicUsize,
    templates: &TemplateStore,
    progress: &Progress,
) -> Batches {
    let mut known = Vec::new();
    let mut read = Vec::new();
    while !progress.stopped() {
        let start = next.fetch_add(BATCH, Ordering::Relaxed);
        if start >= files.len() {
            break;
        }
        for (i, file) in files.iter().enumerate().skip(start).take(BATCH) {
            let result = crate::store::report_file::read_limited(file)
                .and_then(|bytes| {
                    report_from_bytes_cached(file, &bytes, templates, &mut known, Reading::ThisYear)
                })
                .map(|(report, at)| {
                    let unit = Unit::new(file.clone(), &known[at], report);
                    let key = same_unit_key(&unit);
                    (unit, at, key)
                })
                .map_err(|e| e.to_string());
            progress.read.fetch_add(1, Ordering::Relaxed);
            read.push((i, (file.clone(), result)));
        }
    }
    (read, known)
}
