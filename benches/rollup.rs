//! How long a province's roll-up takes: all 3.321 communes of Vietnam, and 10.000 files,
//! generated from the real example (each its own unit name and numbers), read from disk
//! and combined. The aim: under 200 ms and 600 ms (a plain Python script that only reads
//! and sums the same 3.321 files takes about 450 ms here).
//!
//! `cargo bench --bench rollup`. The whole process (start, read, combine, print JSON) is
//! measured with `hyperfine 'phuluc rollup --json DIR'` on the folder this leaves in
//! `target/bench-rollup-3321` (see README).

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{Criterion, criterion_group, criterion_main};
use phuluc::model::{Entry, IndicatorId, Level};
use phuluc::rollup;
use phuluc::store::report_file::{report_from_bytes, report_to_json};
use phuluc::store::templates::TemplateStore;

/// The program's allocator (src/main.rs), so that the figures are the program's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const EXAMPLE: &str = include_str!("../assets/examples/nga-nam-2021.phuluc.json");

/// `count` commune files in `dir` (made once; kept for hyperfine): the real example as
/// a commune would file it (commune level, the district-only rows left empty, as the
/// window asks), each with its own name and dossier counts.
fn communes(dir: &Path, count: usize) -> PathBuf {
    let marker = dir.join(format!(".done-{count}"));
    if marker.exists() {
        return dir.to_path_buf();
    }
    std::fs::create_dir_all(dir).expect("folder");
    let (mut report, template) = report_from_bytes(
        Path::new("vi-du"),
        EXAMPLE.as_bytes(),
        &TemplateStore::builtin_only(),
    )
    .expect("example");
    report.general.level = Some(Level::Xa);
    let district_only: Vec<_> = template
        .rows()
        .iter()
        .filter(|r| r.kind.is_some() && !r.applies_to(Some(Level::Xa)))
        .map(|r| r.id.clone())
        .collect();
    for id in district_only {
        report.put(id, Entry::default());
    }
    let id = |s: &str| IndicatorId::parse(s).expect("id");
    for i in 0..count {
        report.general.unit_name = format!("Ủy ban nhân dân xã số {i}");
        // Dossiers received and solved on time (all of them, as in the example).
        let received = (200 + i % 700).to_string();
        report
            .set_text(&template, &id("III.6.6"), &received)
            .expect("set");
        report
            .set_text(&template, &id("III.6.7"), &received)
            .expect("set");
        let text = report_to_json(&report).expect("json");
        // A hundred communes a province, in a folder each.
        let province = dir.join(format!("tinh-{:02}", i / 100));
        std::fs::create_dir_all(&province).expect("province folder");
        std::fs::write(province.join(format!("xa-{i:05}.phuluc.json")), text).expect("write");
    }
    std::fs::write(&marker, "").expect("marker");
    dir.to_path_buf()
}

fn target() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("target")
}

fn combine(c: &mut Criterion) {
    let store = TemplateStore::builtin_only();
    let mut group = c.benchmark_group("rollup");
    group.sample_size(10);
    for count in [3_321, 10_000] {
        let dir = communes(&target().join(format!("bench-rollup-{count}")), count);
        let result = rollup::gather(std::slice::from_ref(&dir), &store, None).expect("combines");
        assert_eq!(result.units.len(), count, "{:?}", result.left_out.first());
        group.bench_function(format!("{count} communes from disk"), |b| {
            b.iter(|| rollup::gather(black_box(std::slice::from_ref(&dir)), &store, None))
        });
    }
    group.finish();
}

criterion_group!(benches, combine);
criterion_main!(benches);
