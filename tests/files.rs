//! Report files: round trip, old versions, refusals that leave the file untouched, atomic save.

use phuluc::model::IndicatorId;
use phuluc::store::atomic::{backup_path, save_atomic};
use phuluc::store::templates::TemplateStore;
use phuluc::store::{load_report, report_to_json};

#[test]
fn every_released_format_version_still_loads() {
    // One fixture per released report format version; add the next one here when
    // the format changes.
    const RELEASED: &[&str] = &["report-v1.phuluc.json", "report-v2.phuluc.json"];
    for fixture in RELEASED {
        let (report, template) =
            load_report(&crate::fixture(fixture), &TemplateStore::builtin_only())
                .unwrap_or_else(|e| panic!("{fixture}: {e}"));
        assert_eq!(template.version, "2021");
        assert_eq!(
            report.number(&IndicatorId::parse("III.6.1").expect("id")),
            Some(5068.0)
        );
    }
}

#[test]
fn round_trip_is_lossless() {
    let store = TemplateStore::builtin_only();
    let (report, _) = load_report(&crate::fixture("report-v1.phuluc.json"), &store).expect("loads");
    let dir = crate::temp();
    let path = dir.path().join("Báo cáo 2021.phuluc.json");
    save_atomic(&path, report_to_json(&report).as_bytes()).expect("saves");
    let (again, _) = load_report(&path, &store).expect("reloads");
    assert_eq!(again, report);
    // and the text is stable: saving what was loaded gives the same bytes
    assert_eq!(
        report_to_json(&again),
        std::fs::read_to_string(&path).expect("read")
    );
    save_atomic(&path, report_to_json(&again).as_bytes()).expect("saves again");
    assert!(backup_path(&path).exists());
}

#[test]
fn refused_files_are_left_byte_identical() {
    let store = TemplateStore::builtin_only();
    let dir = crate::temp();
    let cases: [(&str, &[u8]); 5] = [
        ("corrupt.phuluc.json", b"{\"format\": \"phuluc-report\", \"values\": {"),
        ("foreign.json", b"{\"name\": \"package\", \"version\": \"1.0.0\"}"),
        ("newer.phuluc.json", b"{\"format\": \"phuluc-report\", \"format_version\": 7, \"values\": {}}"),
        ("other-template.phuluc.json", b"{\"format\": \"phuluc-report\", \"format_version\": 1, \"template\": {\"id\": \"mau-khac\", \"version\": \"2030\"}}"),
        ("binary.phuluc.json", b"\x00\x01\x02\xff"),
    ];
    for (name, bytes) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).expect("write");
        let err = load_report(&path, &store).expect_err(name);
        assert!(err.to_string().contains(name), "{err}");
        assert_eq!(
            std::fs::read(&path).expect("read"),
            bytes,
            "{name} was changed"
        );
        assert!(!backup_path(&path).exists());
    }
}
