//! How long printing takes: the whole appendix of the example typeset and written as
//! PDF (the aim is under 200 ms on a 2-core office PC), every preview page drawn, the
//! Excel workbook and the Word document of the example, and the blank form.
//!
//! `cargo bench --bench print`.
//!
//! Typst remembers layouts it has done (comemo): typesetting the same sheet again in one
//! process takes a fraction of the first time. An officer prints once per run, so the PDF
//! benchmarks forget everything first (`comemo::evict(0)`, not timed) and measure the cold
//! work, as the first print of a session does it. The warm figure is measured too, for the preview
//! redrawn while the window is open.

use std::hint::black_box;
use std::path::Path;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use phuluc::export::{Sheet, docx, pdf, xlsx};
use phuluc::model::{Level, Template};
use phuluc::store::report_file::report_from_bytes;
use phuluc::store::templates::TemplateStore;

const EXAMPLE: &[u8] = include_bytes!("../assets/examples/nga-nam-2021.phuluc.json");

fn print(c: &mut Criterion) {
    let store = TemplateStore::builtin_only();
    let (report, template) =
        report_from_bytes(Path::new("example"), EXAMPLE, &store).expect("the example loads");
    let sheet = Sheet::new(&template, &report, false);
    let mut group = c.benchmark_group("print");
    group.sample_size(20);
    group.bench_function("PDF of the Ngã Năm 2021 example (cold)", |b| {
        b.iter_batched(
            || typst::comemo::evict(0),
            |()| pdf::appendix_pdf(black_box(&sheet)).expect("typesets"),
            BatchSize::PerIteration,
        )
    });
    group.bench_function("PDF of the Ngã Năm 2021 example (again, warm)", |b| {
        b.iter(|| pdf::appendix_pdf(black_box(&sheet)).expect("typesets"))
    });
    let document = pdf::typeset(&sheet).expect("typesets");
    group.bench_function("preview: draw every page at 1,5 px/pt", |b| {
        b.iter(|| pdf::render_pages(black_box(&document), 1.5))
    });
    group.bench_function("Excel workbook of the example", |b| {
        b.iter(|| xlsx::appendix_xlsx(black_box(&sheet)).expect("builds"))
    });
    group.bench_function("Word document of the example", |b| {
        b.iter(|| docx::appendix_docx(black_box(&sheet)).expect("builds"))
    });
    let template = Template::builtin().expect("the built-in form");
    group.bench_function("blank form: laid out and typeset as PDF (cold)", |b| {
        b.iter_batched(
            || typst::comemo::evict(0),
            |()| {
                let blank = Sheet::blank(black_box(&template), Some(Level::Xa));
                pdf::appendix_pdf(&blank).expect("typesets")
            },
            BatchSize::PerIteration,
        )
    });
    group.bench_function("blank form: laid out as a Word document", |b| {
        b.iter(|| {
            let blank = Sheet::blank(black_box(&template), Some(Level::Xa));
            docx::appendix_docx(&blank).expect("builds")
        })
    });
    group.finish();
}

criterion_group!(benches, print);
criterion_main!(benches);
