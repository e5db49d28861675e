//! How long a full check of a report takes. It runs on every keystroke in the
//! window, so it must stay far below one 60 Hz frame (16,7 ms); the aim is < 100 µs.
//!
//! `cargo bench --bench check` prints the time per check.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use phuluc::model::IndicatorId;
use phuluc::rules;
use phuluc::store::report_file::report_from_bytes;
use phuluc::store::templates::TemplateStore;

const EXAMPLE: &[u8] = include_bytes!("../assets/examples/nga-nam-2021.phuluc.json");

fn full_check(c: &mut Criterion) {
    let store = TemplateStore::builtin_only();
    let (report, template) =
        report_from_bytes(Path::new("example"), EXAMPLE, &store).expect("the example loads");
    c.bench_function("check the Ngã Năm 2021 example", |b| {
        b.iter(|| rules::evaluate(black_box(&template), black_box(&report)))
    });
    // The same report with a few problems, so messages are built too.
    let mut broken = report.clone();
    for (id, text) in [("III.6.2", "5.100"), ("I.1.1", "abc"), ("VII.3.2", "9")] {
        let id = IndicatorId::parse(id).expect("id");
        broken.set_text(&template, &id, text).expect("editable");
    }
    assert_eq!(rules::evaluate(&template, &broken).len(), 3);
    c.bench_function("check the example with 3 problems", |b| {
        b.iter(|| rules::evaluate(black_box(&template), black_box(&broken)))
    });
    c.bench_function("type one value and check", |b| {
        let id = IndicatorId::parse("III.6.6").expect("id");
        let mut r = report.clone();
        let mut n = 0u32;
        b.iter(|| {
            n = n.wrapping_add(1);
            let _ = r.set_text(&template, &id, &n.to_string());
            rules::evaluate(black_box(&template), black_box(&r))
        })
    });
}

criterion_group!(benches, full_check);
criterion_main!(benches);
