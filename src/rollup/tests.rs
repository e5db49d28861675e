//! Roll-up on hand-made units: what combines how, and every reason a file is left out.

use std::path::{Path, PathBuf};

use super::*;
use crate::model::Template;
use crate::session::EXAMPLE_2021;
use crate::store::report_file::report_from_bytes;
use crate::store::templates::TemplateStore;

fn id(s: &str) -> IndicatorId {
    IndicatorId::parse(s).expect("id")
}

/// The real example as a report of unit `name`.
fn example(name: &str) -> (Report, Template) {
    let (mut report, template) = report_from_bytes(
        Path::new("vi-du.phuluc.json"),
        EXAMPLE_2021.as_bytes(),
        &TemplateStore::builtin_only(),
    )
    .expect("example");
    report.general.unit_name = name.to_owned();
    (report, template)
}

fn set(report: &mut Report, template: &Template, cell: &str, text: &str) {
    report.set_text(template, &id(cell), text).expect("set");
}

fn write(dir: &Path, file: &str, report: &Report) -> PathBuf {
    let path = dir.join(file);
    let text = crate::store::report_to_json(report).expect("json");
    std::fs::write(&path, text).expect("write");
    path
}

/// Three units of the example with their own dossiers, rates, answers and plans.
fn three_units(dir: &Path) -> Template {
    let rows = [
        ("a.phuluc.json", "UBND huyện A", "100", "90", "1", "1"),
        ("b.phuluc.json", "UBND huyện B", "300", "100", "0", "2"),
        ("c.phuluc.json", "UBND huyện C", "600", "80", "1", "2"),
    ];
    let mut template = None;
    for (file, name, received, rate, dialogue, survey) in rows {
        let (mut r, t) = example(name);
        set(&mut r, &t, "III.6.6", received);
        set(&mut r, &t, "III.6.7", received);
        set(&mut r, &t, "III.6.8", rate);
        set(&mut r, &t, "I.6", dialogue);
        set(&mut r, &t, "I.5.2", survey);
        if name.ends_with('C') {
            set(&mut r, &t, "I.1", "");
        }
        write(dir, file, &r);
        template = Some(t);
    }
    template.expect("template")
}

fn gather_dir(dir: &Path) -> Rollup {
    gather(&[dir.to_path_buf()], &TemplateStore::builtin_only(), None).expect("combines")
}

#[test]
fn counts_sum_rates_weigh_by_their_count_and_answers_are_counted() {
    let dir = tempfile::tempdir().expect("tempdir");
    three_units(dir.path());
    let rollup = gather_dir(dir.path());
    assert_eq!(rollup.units.len(), 3);
    assert!(rollup.left_out.is_empty(), "{:?}", rollup.left_out);
    assert_eq!(
        rollup.row(&id("III.6.6")),
        Some(&Combined::Total {
            total: 1000.0,
            reporting: 3
        })
    );
    // (90·100 + 100·300 + 80·600) / 1000 = 87, not the plain mean 90.
    let Some(Combined::Mean {
        mean: Some(mean),
        reporting: 3,
    }) = rollup.row(&id("III.6.8"))
    else {
        panic!("{:?}", rollup.row(&id("III.6.8")));
    };
    assert!((mean - 87.0).abs() < 1e-9, "{mean}");
    assert_eq!(
        rollup.row(&id("I.6")),
        Some(&Combined::YesNo {
            yes: 2,
            no: 1,
            reporting: 3
        })
    );
    assert_eq!(
        rollup.row(&id("I.5.2")),
        Some(&Combined::Codes {
            codes: [(1, 1), (2, 2)].into_iter().collect(),
            reporting: 3
        })
    );
    assert_eq!(
        rollup.row(&id("I.1")),
        Some(&Combined::Filled {
            filled: 2,
            reporting: 3
        })
    );
    // A rate without a weight row is the plain mean of the units that gave it.
    let Some(Combined::Mean { reporting: 3, .. }) = rollup.row(&id("III.6.9")) else {
        panic!("{:?}", rollup.row(&id("III.6.9")));
    };
    assert_eq!(rollup.year, Some(2021));
    assert!(
        rollup.units.iter().all(|u| u.errors == 0),
        "{:?}",
        rollup.units.iter().map(|u| u.errors).collect::<Vec<_>>()
    );
    assert!(rollup.is_clean());
}

#[test]
fn every_file_that_does_not_belong_is_left_out_with_its_reason() {
    let dir = tempfile::tempdir().expect("tempdir");
    let template = three_units(dir.path());
    let (mut other_year, _) = example("UBND huyện D");
    other_year.general.year = "2022".into();
    write(dir.path(), "d.phuluc.json", &other_year);
    let (twice, _) = example("UBND huyện A");
    write(dir.path(), "e-trung.phuluc.json", &twice);
    let (mut commune, _) = example("UBND xã F");
    commune.general.level = Some(Level::Xa);
    write(dir.path(), "f.phuluc.json", &commune);
    std::fs::write(dir.path().join("g-hong.phuluc.json"), "{ hỏng").expect("write");
    // Another version of the template, kept by the program.
    let store_dir = dir.path().join("mau");
    let json = crate::model::template::BUILTIN_2021.replacen(
        "\"version\": \"2021\"",
        "\"version\": \"2021-sua\"",
        1,
    );
    assert_ne!(json, crate::model::template::BUILTIN_2021);
    let mau = dir.path().join("mau-sua.json");
    std::fs::write(&mau, &json).expect("template");
    let store = TemplateStore::new(Some(store_dir));
    let other = store.import(&mau).expect("kept");
    let mut report = Report::new(&other);
    report.general = example("UBND huyện H").0.general;
    write(dir.path(), "h-mau-khac.phuluc.json", &report);
    let missing = dir.path().join("khong-co");

    let rollup =
        gather(&[dir.path().to_path_buf(), missing.clone()], &store, None).expect("combines");
    assert_eq!(rollup.template.version, template.version);
    assert_eq!(rollup.units.len(), 3, "{:?}", rollup.left_out);
    let reason = |file: &str| {
        rollup
            .left_out
            .iter()
            .find(|l| l.file.ends_with(file))
            .map(|l| l.reason.clone())
            .unwrap_or_else(|| panic!("{file} not left out: {:?}", rollup.left_out))
    };
    assert!(reason("d.phuluc.json").contains("năm 2022, không phải năm 2021"));
    assert!(reason("e-trung.phuluc.json").contains("trùng đơn vị “UBND huyện A”"));
    assert!(reason("e-trung.phuluc.json").contains("a.phuluc.json"));
    assert!(reason("f.phuluc.json").contains("cấp xã"));
    assert!(reason("g-hong.phuluc.json").contains("không phải JSON"));
    assert!(reason("h-mau-khac.phuluc.json").contains("mẫu biểu khác"));
    assert!(reason("khong-co").contains("không tìm thấy"));
    assert_eq!(rollup.left_out.len(), 6);
    assert!(!rollup.is_clean());
}

#[test]
fn a_unit_in_error_takes_part_and_shows_its_errors() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut r, t) = example("UBND huyện A");
    set(&mut r, &t, "III.6.2", "999999");
    write(dir.path(), "a.phuluc.json", &r);
    let (mut empty, t2) = example("UBND huyện B");
    set(&mut empty, &t2, "I.1", "");
    write(dir.path(), "b.phuluc.json", &empty);
    let rollup = gather_dir(dir.path());
    assert_eq!(rollup.units.len(), 2);
    assert!(rollup.units[0].errors >= 1);
    assert!(!rollup.is_clean());
    assert_eq!(rollup.units[1].errors, 0);
    assert_eq!(rollup.units[1].missing, vec![id("I.1")]);
}

#[test]
fn nothing_readable_is_an_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    assert!(gather_dir_err(dir.path()).contains("không tìm thấy tệp .phuluc.json"));
    std::fs::write(dir.path().join("x.phuluc.json"), "").expect("write");
    assert!(gather_dir_err(dir.path()).contains("không đọc được tệp nào"));
}

fn gather_dir_err(dir: &Path) -> String {
    gather(&[dir.to_path_buf()], &TemplateStore::builtin_only(), None)
        .expect_err("nothing")
        .to_string()
}

#[test]
fn a_unit_far_from_the_others_stands_out() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (i, received) in ["1000", "1100", "950", "1050", "48716"].iter().enumerate() {
        let (mut r, t) = example(&format!("UBND huyện {i}"));
        set(&mut r, &t, "III.6.6", received);
        write(dir.path(), &format!("{i}.phuluc.json"), &r);
    }
    let rollup = gather_dir(dir.path());
    assert_eq!(
        outliers(&rollup.template, &rollup.units, &id("III.6.6")),
        vec![4]
    );
    assert!(outliers(&rollup.template, &rollup.units, &id("III.6.8")).is_empty());
}

#[test]
fn progress_counts_every_file_read_and_a_stop_ends_the_roll_up() {
    let dir = tempfile::tempdir().expect("tempdir");
    three_units(dir.path());
    std::fs::write(dir.path().join("hong.phuluc.json"), "{").expect("write");
    let store = TemplateStore::builtin_only();
    let progress = Progress::default();
    assert_eq!(progress.read_of(), (0, 0));
    let rollup =
        gather_with(&[dir.path().to_path_buf()], &store, None, &progress).expect("combines");
    assert_eq!(rollup.units.len(), 3);
    // The broken file counts as read too: the bar reaches its end.
    assert_eq!(progress.read_of(), (4, 4));

    let stopped = Progress::default();
    stopped.stop();
    assert_eq!(
        gather_with(&[dir.path().to_path_buf()], &store, None, &stopped).map(|r| r.units.len()),
        Err(NothingToCombine::Stopped)
    );
    assert_eq!(stopped.read_of(), (0, 4));
}

#[test]
fn unit_columns_print_on_a_landscape_page_when_they_fit() {
    let dir = tempfile::tempdir().expect("tempdir");
    three_units(dir.path());
    let rollup = gather_dir(dir.path());
    // C, then A: the order the view shows them in.
    let sheet = output::sheet(&rollup, "UBND tỉnh X", &[2, 0]).expect("fits");
    assert_eq!(sheet.columns, ["UBND huyện C", "UBND huyện A"]);
    let row = |id: &str| sheet.rows.iter().find(|r| r.id == id).expect("row");
    assert_eq!(row("III.6.6").value, "1.000");
    assert_eq!(row("III.6.6").columns, ["600", "100"]);
    assert_eq!(row("III.6").columns, ["", ""]);
    // An answer counted has no Ghi chú column to go to: it is the value.
    assert_eq!(row("I.6").value, "Có: 2 · Không: 1");
    let pages = crate::export::pdf::render_pages(
        &crate::export::pdf::typeset(&sheet).expect("typesets"),
        0.2,
    );
    assert!(pages.iter().all(|p| p.width > p.height), "landscape");

    let portrait = output::sheet(&rollup, "UBND tỉnh X", &[]).expect("prints");
    assert!(portrait.columns.is_empty());
    let pages = crate::export::pdf::render_pages(
        &crate::export::pdf::typeset(&portrait).expect("typesets"),
        0.2,
    );
    assert!(pages.iter().all(|p| p.width < p.height), "portrait");

    let too_many = vec![0; output::MAX_PRINTED_UNITS + 1];
    let refused = output::sheet(&rollup, "", &too_many).expect_err("does not fit");
    assert!(refused.contains("lọc bớt"), "{refused}");
}

#[test]
fn a_unit_column_shows_a_document_by_number_and_a_long_text_cut() {
    let dir = tempfile::tempdir().expect("tempdir");
    three_units(dir.path());
    let rollup = gather_dir(dir.path());
    let sheet = output::sheet(&rollup, "", &[0]).expect("fits");
    let row = |id: &str| sheet.rows.iter().find(|r| r.id == id).expect("row");
    // A's plan, as the example has it: number and date, no "Kế hoạch số … ngày".
    assert_eq!(row("I.1").columns, ["03/KH-UBND 15/01/2021"]);
    let long = rollup.units[0].cell(&rollup.template, &id("I.3.4"));
    let shown = crate::model::report::display_cell(&long);
    assert!(shown.chars().count() > 40, "{shown}");
    let cut = &row("I.3.4").columns[0];
    assert!(cut.ends_with('…') && cut.chars().count() <= 41, "{cut}");
    assert!(shown.starts_with(cut.trim_end_matches('…')), "{cut}");
}
