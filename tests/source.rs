//! The built-in template and the shipped example against the text of the real 2021 appendix.

use phuluc::model::report::{display_cell, read_cell};
use phuluc::model::{Cell, Depth, IndicatorId, Kind, Template};
use phuluc::store::report_file::report_from_bytes;
use phuluc::store::templates::TemplateStore;

/// Typos of the source (`tests/fixtures/source-appendix-2021.txt`) that the template corrects.
const LABEL_FIXES: [(&str, &str, &str); 2] = [
    (
        "III.7",
        "Vận hành Công dịch vụ công",
        "Vận hành Cổng dịch vụ công",
    ),
    (
        "VII.1",
        "Tham gia Hệ thống hợp trực tuyến của tỉnh",
        "Tham gia Hệ thống họp trực tuyến của tỉnh",
    ),
];

/// Units left blank in the source where the rows around them make the unit plain.
const UNIT_FIXES: [(&str, &str); 6] = [
    ("II.3", "Văn bản"),
    ("II.3.1", "Văn bản"),
    ("III.6.2", "Hồ sơ"),
    ("V.6.5", "Người"),
    ("V.6.6", "Người"),
    ("VI.3", "Cơ quan, đơn vị"),
];

/// Values with an explanation glued on in the source: (id, value, note).
const GLUED: [(&str, &str, &str); 4] = [
    ("I.3.2", "3", "Bài Quý I đăng ngày 18/02/2021"),
    ("I.3.3", "12", "Tháng 01 đăng ngày 25/01/2021"),
    ("III.2.4", "269", "3 thủ tục thuộc Lĩnh vực Lâm nghiệp"),
    ("IV.1.2", "5", "Kể cả Ban quản lý dự án"),
];

/// Sentences typed into Có/Không cells: the value is unknown, the sentence is a note.
const SENTENCES_IN_CODED_CELLS: [&str; 2] = ["V.1.1", "V.1.2"];

struct SourceRow {
    id: String,
    label: String,
    unit: String,
    value: String,
}

/// The rows of the appendix as the source prints them, with their ids worked out
/// the way `docs/template-format.md` describes (Roman section, group number, position
/// under the group).
fn source_rows() -> Vec<SourceRow> {
    let text =
        std::fs::read_to_string(crate::fixture("source-appendix-2021.txt")).expect("fixture");
    let mut rows = Vec::new();
    let (mut section, mut group, mut item) = (String::new(), 0, 0);
    for line in text.lines() {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 2 || f[1] == "Chỉ tiêu thống kê" || f.get(2) == Some(&"Đơn vị tính")
        {
            continue;
        }
        if f[1].starts_with("Báo cáo CCHC năm") {
            continue;
        }
        let stt = f[0].trim();
        let id = if ["I", "II", "III", "IV", "V", "VI", "VII"].contains(&stt) {
            section = stt.to_owned();
            group = 0;
            section.clone()
        } else if let Ok(n) = stt.parse::<u32>() {
            group = n;
            item = 0;
            format!("{section}.{group}")
        } else {
            item += 1;
            format!("{section}.{group}.{item}")
        };
        let field = |i: usize| f.get(i).map(|s| s.trim().to_owned()).unwrap_or_default();
        rows.push(SourceRow {
            id,
            label: field(1),
            unit: field(2),
            value: field(3),
        });
    }
    rows
}

#[test]
fn template_has_every_row_of_the_source_in_order() {
    let template = Template::builtin().expect("template");
    let source = source_rows();
    assert_eq!(source.len(), 182);
    assert_eq!(template.rows().len(), source.len());
    let depth = |d: Depth| template.rows().iter().filter(|r| r.depth() == d).count();
    assert_eq!(
        (
            depth(Depth::Section),
            depth(Depth::Group),
            depth(Depth::Item)
        ),
        (7, 40, 135)
    );
    for (row, src) in template.rows().iter().zip(&source) {
        assert_eq!(row.id.as_str(), src.id);
        let expected_label = LABEL_FIXES
            .iter()
            .find(|(id, typo, _)| *id == src.id && *typo == src.label)
            .map_or(src.label.as_str(), |(_, _, fixed)| fixed);
        assert_eq!(row.printed_label(), expected_label, "label of {}", src.id);
        let expected_unit = UNIT_FIXES
            .iter()
            .find(|(id, _)| *id == src.id)
            .map_or(src.unit.as_str(), |(_, unit)| unit);
        assert_eq!(row.unit, expected_unit, "unit of {}", src.id);
    }
}

#[test]
fn example_holds_every_value_of_the_source() {
    let bytes = std::fs::read(crate::root().join("assets/examples/nga-nam-2021.phuluc.json"))
        .expect("example");
    let (report, template) = report_from_bytes(
        std::path::Path::new("example"),
        &bytes,
        &TemplateStore::builtin_only(),
    )
    .expect("loads");
    assert!(report.unknown.is_empty());
    let mut compared = 0;
    for src in source_rows() {
        let id = IndicatorId::parse(&src.id).expect("id");
        let row = template.row(&id).expect("row");
        let cell = report.cell(&id);
        let note = report
            .entry(&id)
            .map(|e| e.note.clone())
            .unwrap_or_default();
        if src.value.is_empty() {
            assert!(
                cell.is_empty(),
                "{} should be empty (not reported), is {cell:?}",
                src.id
            );
            continue;
        }
        compared += 1;
        let kind = row
            .kind
            .as_ref()
            .unwrap_or_else(|| panic!("{} has a value but no kind", src.id));
        if let Some((_, value, note_start)) = GLUED.iter().find(|(id, ..)| *id == src.id) {
            assert_eq!(display_cell(cell), *value, "{}", src.id);
            assert!(src.value.starts_with(&format!("{value} (")), "{}", src.id);
            assert!(note.starts_with(note_start), "note of {}: {note}", src.id);
            continue;
        }
        if SENTENCES_IN_CODED_CELLS.contains(&src.id.as_str()) {
            assert!(matches!(kind, Kind::YesNo(_)));
            assert!(cell.is_empty(), "{}", src.id);
            assert_eq!(note, src.value, "{}", src.id);
            continue;
        }
        let expected = read_cell(kind, &src.value);
        assert!(
            matches!(expected, Cell::Value(_)),
            "{}: source value {:?} must read as {kind:?}",
            src.id,
            src.value
        );
        assert_eq!(cell, &expected, "{}", src.id);
    }
    assert_eq!(compared, 141);
    assert_eq!(
        display_cell(report.cell(&IndicatorId::parse("III.6.6").expect("id"))),
        "48.716"
    );
    assert_eq!(
        display_cell(report.cell(&IndicatorId::parse("III.6.9").expect("id"))),
        "95,83"
    );
    assert_eq!(
        display_cell(report.cell(&IndicatorId::parse("IV.3.1").expect("id"))),
        "1.003"
    );
    let general = &report.general;
    assert_eq!(general.unit_name, "Ủy ban nhân dân thị xã Ngã Năm");
    assert_eq!(general.report_number, "411");
    assert_eq!(general.report_date, "16/12/2021");
    assert_eq!(general.communes(), Some(8));
}
