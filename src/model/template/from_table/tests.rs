use unicode_normalization::UnicodeNormalization;

use super::*;
use crate::model::template::{Choice, Level, Row};

fn builtin() -> Template {
    Template::builtin().expect("built-in template")
}

fn cells(row: &[&str]) -> Vec<String> {
    row.iter().map(|s| (*s).to_owned()).collect()
}

/// The 2021 form printed as a blank table: title lines, a two-level header, the caption.
fn blank_2021() -> Vec<Vec<String>> {
    let mut rows = vec![
        cells(&["PHỤ LỤC 2, BẢNG 2", "", "", "", ""]),
        cells(&[
            "THỐNG KÊ SỐ LIỆU VÀ KẾT QUẢ THỰC HIỆN CÔNG TÁC CẢI CÁCH HÀNH CHÍNH NĂM 2021",
            "",
            "",
            "",
            "",
        ]),
        cells(&[
            "Stt",
            "Chỉ tiêu thống kê",
            "Kết quả thống kê",
            "",
            "Ghi chú",
        ]),
        cells(&["", "", "Đơn vị tính", "Nội dung", ""]),
        cells(&["", "Báo cáo CCHC năm 2021", "", "", ""]),
    ];
    for row in builtin().rows() {
        rows.push(vec![
            row.id.stt().to_owned(),
            row.printed_label(),
            row.unit.clone(),
            String::new(),
            String::new(),
        ]);
    }
    rows
}

fn guess(rows: Vec<Vec<String>>) -> Guess {
    guess_template(&Grid::new(rows), &Options::default()).expect("a template")
}

fn row<'a>(g: &'a Guess, id: &str) -> &'a RowGuess {
    g.rows
        .iter()
        .find(|r| r.id.as_str() == id)
        .unwrap_or_else(|| panic!("{id} missing"))
}

/// The ids of the rows whose label, unit or kind differ from the built-in form's.
fn differences(made: &Template) -> Vec<String> {
    let want = builtin();
    assert_eq!(
        made.rows()
            .iter()
            .map(|r| r.id.as_str())
            .collect::<Vec<_>>(),
        want.rows()
            .iter()
            .map(|r| r.id.as_str())
            .collect::<Vec<_>>()
    );
    let same = |a: &Row, b: &Row| {
        a.label == b.label && a.unit == b.unit && a.kind == b.kind && a.sub == b.sub
    };
    made.rows()
        .iter()
        .zip(want.rows())
        .filter(|(a, b)| !same(a, b))
        .map(|(a, _)| a.id.to_string())
        .collect()
}

#[test]
fn the_blank_2021_form_comes_back_but_for_what_only_values_show() {
    let g = guess(blank_2021());
    // I.2, I.3 and VII.6.1 hold a plan or decision, I.3.4 a sentence: only a filled table
    // says so. III.7 is a count in the template with no unit in the form: nothing says so.
    assert_eq!(
        differences(&g.template),
        ["I.2", "I.3", "I.3.4", "III.7", "VII.6.1"]
    );
    assert_eq!(g.template.rows().len(), 182);
    assert_eq!(g.raw.heading, "PHỤ LỤC 2, BẢNG 2");
    assert_eq!(
        g.raw.title,
        "THỐNG KÊ SỐ LIỆU VÀ KẾT QUẢ THỰC HIỆN CÔNG TÁC CẢI CÁCH HÀNH CHÍNH NĂM {year}"
    );
    assert_eq!(g.raw.caption, "Báo cáo CCHC năm {year}");
    assert_eq!(g.raw.version, "2021-1", "never the built-in form's version");
    assert_eq!(g.raw.id, DEFAULT_TEMPLATE_ID);
    // What needs review is said, row by row.
    let review: Vec<&str> = g
        .rows
        .iter()
        .filter(|r| r.needs_review())
        .map(|r| r.id.as_str())
        .collect();
    assert_eq!(review, ["I.8", "III.1"]);
    let json = g.to_json().expect("json");
    let again = Template::from_json(&json).expect("the written template reads back");
    assert_eq!(differences(&again), differences(&g.template));
}

#[test]
fn a_filled_table_tells_documents_and_sentences() {
    let mut rows = blank_2021();
    let fill = |rows: &mut Vec<Vec<String>>, label: &str, value: &str| {
        let at = rows
            .iter()
            .position(|r| r[1] == label)
            .unwrap_or_else(|| panic!("{label}"));
        rows[at][3] = value.to_owned();
    };
    fill(
        &mut rows,
        "Kiểm tra CCHC",
        "Kế hoạch số 20/KH-UBND ngày 03/3/2021",
    );
    fill(
        &mut rows,
        "Tuyên truyền CCHC",
        "Kế hoạch số 16/KH-UBND ngày 23/02/2021",
    );
    fill(
        &mut rows,
        "Có thực hiện tuyên truyền CCHC thường xuyên thông qua phương tiện truyền thông (báo, đài, website, zalo, ...)",
        "Hàng tuần trên Đài Truyền thanh thị xã, đăng tải tin bài CCHC",
    );
    fill(
        &mut rows,
        "Số lượng đơn vị thuộc, trực thuộc thực hiện công bố, công bố lại ISO",
        "Quyết định số 3971/QĐ-UBND ngày 19/10/2021",
    );
    fill(&mut rows, "Số nhiệm vụ đề ra trong kế hoạch", "28");
    let g = guess(rows);
    assert_eq!(differences(&g.template), ["III.7"]);
    assert!(
        row(&g, "I.3.4").needs_review(),
        "a counting unit with a sentence"
    );
    assert!(!row(&g, "VII.6.1").needs_review());
    let json = g.to_json().expect("json");
    assert!(!json.contains("20/KH-UBND") && !json.contains("Đài Truyền thanh"));
    assert!(
        !json.contains("\"28\""),
        "values never go into the template"
    );
}

#[test]
fn headers_without_diacritics_in_another_order_with_tt() {
    let rows = vec![
        cells(&["TT", "Noi dung", "Chi tieu thong ke", "DVT"]),
        cells(&["I", "", "Cai cach the che", ""]),
        cells(&["1", "", "So van ban da ban hanh", "Van ban"]),
        cells(&["", "", "Ty le dung han", "%"]),
        cells(&["", "", "Co lay y kien", "Co = 1 Khong = 0"]),
    ];
    let options = Options {
        year: Some(2025),
        ..Options::default()
    };
    let g = guess_template(&Grid::new(rows), &options).expect("template");
    let kinds: Vec<(String, Option<Kind>)> = g
        .rows
        .iter()
        .map(|r| (r.id.to_string(), r.kind.clone()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("I".to_owned(), None),
            ("I.1".to_owned(), Some(Kind::Count)),
            ("I.1.1".to_owned(), Some(Kind::Percent)),
            (
                "I.1.2".to_owned(),
                Some(Kind::YesNo(vec![
                    Choice {
                        code: 1,
                        label: "Co".to_owned()
                    },
                    Choice {
                        code: 0,
                        label: "Khong".to_owned()
                    }
                ]))
            ),
        ]
    );
    assert!(g.is_decided(), "{:?}", g.rows);
}

#[test]
fn decomposed_text_becomes_nfc() {
    let nfd = |rows: Vec<Vec<String>>| -> Vec<Vec<String>> {
        rows.into_iter()
            .map(|r| r.into_iter().map(|c| c.nfd().collect()).collect())
            .collect()
    };
    let rows = blank_2021();
    assert_ne!(nfd(rows.clone()), rows, "the fixture really is decomposed");
    let g = guess(nfd(rows));
    assert_eq!(
        differences(&g.template),
        ["I.2", "I.3", "I.3.4", "III.7", "VII.6.1"]
    );
    assert_eq!(row(&g, "III.6.1").unit, "Hồ sơ");
}

#[test]
fn a_different_form_gives_its_own_rows() {
    let rows = vec![
        cells(&["Stt", "Chỉ tiêu", "Đơn vị tính", "Nội dung", "Ghi chú"]),
        cells(&["I", "Công tác chỉ đạo điều hành", "", "", ""]),
        cells(&["1", "Kế hoạch cải cách hành chính năm", "", "", ""]),
        cells(&["", "Số nhiệm vụ đề ra", "Nhiệm vụ", "", ""]),
        cells(&["2", "Tổ chức đối thoại", "Có = 1\nKhông = 0", "", ""]),
        cells(&["II", "Chuyển đổi số", "", "", ""]),
        cells(&["1", "Số hồ sơ trực tuyến toàn trình", "Hồ sơ", "", ""]),
        cells(&["", "- Trong đó cấp xã", "Hồ sơ", "", ""]),
        cells(&[
            "",
            "Mức độ hài lòng",
            "Rất tốt = 2 Tốt = 1 Chưa tốt = 0",
            "",
            "",
        ]),
        cells(&["", "Kinh phí chi cho chuyển đổi số", "Triệu đồng", "", ""]),
        cells(&["", "Số con vịt", "Con vịt", "", ""]),
        cells(&["", "", "", "", ""]),
        cells(&["", "", "", "", ""]),
    ];
    let g = guess(rows);
    let got: Vec<(String, String, bool, Option<&str>)> = g
        .raw
        .rows
        .iter()
        .map(|r| (r.id.clone(), r.label.clone(), r.sub, r.kind.as_deref()))
        .collect();
    let want = [
        ("I", "Công tác chỉ đạo điều hành", false, None),
        (
            "I.1",
            "Kế hoạch cải cách hành chính năm",
            false,
            Some("document"),
        ),
        ("I.1.1", "Số nhiệm vụ đề ra", false, Some("count")),
        ("I.2", "Tổ chức đối thoại", false, Some("yes_no")),
        ("II", "Chuyển đổi số", false, None),
        (
            "II.1",
            "Số hồ sơ trực tuyến toàn trình",
            false,
            Some("count"),
        ),
        ("II.1.1", "Trong đó cấp xã", true, Some("count")),
        ("II.1.2", "Mức độ hài lòng", false, Some("choice")),
        (
            "II.1.3",
            "Kinh phí chi cho chuyển đổi số",
            false,
            Some("decimal"),
        ),
        ("II.1.4", "Số con vịt", false, Some("count")),
    ];
    let want: Vec<(String, String, bool, Option<&str>)> = want
        .iter()
        .map(|(id, label, sub, kind)| ((*id).to_owned(), (*label).to_owned(), *sub, *kind))
        .collect();
    assert_eq!(got, want);
    let duck = row(&g, "II.1.4");
    assert!(duck.needs_review());
    assert!(
        duck.notes[0].text.contains("đoán là số đếm, xin kiểm tra"),
        "{:?}",
        duck.notes
    );
    assert_eq!(row(&g, "I.2").unit, "Có = 1 Không = 0");
    // No title above the table: the standard one, said in a note; no year: review.
    assert_eq!(g.raw.heading, "PHỤ LỤC 2, BẢNG 2");
    assert!(g.raw.title.ends_with("NĂM {year}"));
    assert!(!g.is_decided());
    assert_eq!(g.review_count(), 2, "{:?} {:?}", g.notes, g.rows);
}

#[test]
fn options_name_the_template() {
    let rows = vec![
        cells(&["Stt", "Chỉ tiêu", "Đơn vị tính"]),
        cells(&["I", "A", ""]),
        cells(&["1", "B", "Hồ sơ"]),
    ];
    let options = Options {
        name: Some("Mẫu của tỉnh".to_owned()),
        year: Some(2026),
        id: Some("tinh-x".to_owned()),
        version: None,
    };
    let g = guess_template(&Grid::new(rows.clone()), &options).expect("template");
    assert_eq!(
        (
            g.raw.name.as_str(),
            g.raw.id.as_str(),
            g.raw.version.as_str()
        ),
        ("Mẫu của tỉnh", "tinh-x", "2026")
    );
    assert!(g.is_decided(), "{:?}", g.notes);
    let builtin_version = Options {
        version: Some("2021".to_owned()),
        ..Options::default()
    };
    let g = guess_template(&Grid::new(rows), &builtin_version).expect("template");
    assert_eq!(g.raw.version, "2021", "as told");
    assert!(
        g.notes
            .iter()
            .any(|n| n.level == NoteLevel::Review && n.text.contains("mẫu có sẵn")),
        "{:?}",
        g.notes
    );
}

#[test]
fn repeated_headers_column_numbers_and_merged_section_rows_are_not_rows() {
    let p = |text: &str, from_left: bool| Placed {
        text: text.to_owned(),
        from_left,
    };
    let rows = vec![
        vec![
            p("Stt", false),
            p("Chỉ tiêu", false),
            p("Kết quả thống kê", false),
            p("Kết quả thống kê", true),
        ],
        vec![
            p("Stt", false),
            p("Chỉ tiêu", false),
            p("Đơn vị tính", false),
            p("Nội dung", false),
        ],
        vec![
            p("(1)", false),
            p("(2)", false),
            p("(3)", false),
            p("(4)", false),
        ],
        vec![
            p("I", false),
            p("Cải cách thể chế", false),
            p("Cải cách thể chế", true),
            p("Cải cách thể chế", true),
        ],
        vec![
            p("1", false),
            p("Số văn bản", false),
            p("Văn bản", false),
            p("", false),
        ],
        vec![
            p("Stt", false),
            p("Chỉ tiêu", false),
            p("Kết quả thống kê", false),
            p("Kết quả thống kê", true),
        ],
        vec![
            p("Stt", false),
            p("Chỉ tiêu", false),
            p("Đơn vị tính", false),
            p("Nội dung", false),
        ],
        vec![
            p("", false),
            p("Số văn bản đúng hạn", false),
            p("Văn bản", false),
            p("", false),
        ],
    ];
    let g = guess_template(&Grid::with_merges(rows), &Options::default()).expect("template");
    let ids: Vec<&str> = g.rows.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["I", "I.1", "I.1.1"]);
    assert!(
        row(&g, "I").notes.is_empty(),
        "a merged label is not a unit"
    );
    assert!(
        g.notes
            .iter()
            .any(|n| n.text.contains("bỏ qua 2 dòng tiêu đề")),
        "{:?}",
        g.notes
    );
}

#[test]
fn numbering_that_goes_wrong_is_said() {
    let rows = vec![
        cells(&["Stt", "Chỉ tiêu", "Đơn vị tính"]),
        cells(&["", "Dòng ghi chú trên mục I", ""]),
        cells(&["1", "Hàng lạc trên mục I", "Hồ sơ"]),
        cells(&["I", "A", ""]),
        cells(&["", "Không số ngay dưới mục", "Hồ sơ"]),
        cells(&["1", "B", "Hồ sơ"]),
        cells(&["4", "C", "Hồ sơ"]),
        cells(&["I", "D", ""]),
    ];
    let g = guess(rows);
    let ids: Vec<&str> = g.rows.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["I", "I.1", "I.2", "I.4", "II"]);
    assert!(row(&g, "I.1").needs_review());
    assert!(row(&g, "I.2").needs_review(), "1 after an implied group 1");
    assert!(!row(&g, "I.4").needs_review(), "a gap is kept as printed");
    assert!(row(&g, "I.4").notes[0].text.contains("nhảy từ 2 lên 4"));
    assert!(row(&g, "II").needs_review());
    assert_eq!(g.raw.caption, "Dòng ghi chú trên mục I");
    assert!(
        g.notes
            .iter()
            .any(|n| n.level == NoteLevel::Review && n.text.contains("hàng 3")),
        "{:?}",
        g.notes
    );
}

#[test]
fn tables_that_are_not_the_form_are_refused() {
    let err = guess_template(
        &Grid::new(vec![
            cells(&["Họ tên", "Ngày sinh"]),
            cells(&["A", "1/1/1990"]),
        ]),
        &Options::default(),
    )
    .expect_err("no header");
    assert_eq!(err, FromTableError::NoHeader);
    let err = guess_template(
        &Grid::new(vec![
            cells(&["Stt", "Chỉ tiêu", "Đơn vị tính"]),
            cells(&["1", "A", "Hồ sơ"]),
        ]),
        &Options::default(),
    )
    .expect_err("no section");
    assert!(err.to_string().contains("cột Stt"), "{err}");
    assert_eq!(Grid::new(vec![cells(&["a"])]).form_score(), 0);
    assert_eq!(Grid::new(blank_2021()).form_score(), 5);
}

#[test]
fn cells_are_cleaned_once() {
    assert_eq!(
        clean_cell("  Hồ\u{a0}sơ \r\n\r\n Thủ  tục\u{200b} "),
        "Hồ sơ\nThủ tục"
    );
    let nfd: String = "Người".nfd().collect();
    assert_eq!(clean_cell(&nfd), "Người");
    let g = Grid::new(vec![cells(&["a", "b"]), cells(&["c"])]);
    assert_eq!((g.height(), g.width(), g.cell(1, 1)), (2, 2, ""));
}

#[test]
fn a_form_of_2025_is_filled_by_communes_and_provinces_an_older_one_by_districts_too() {
    let rows = |label: &str| {
        vec![
            cells(&["Stt", "Chỉ tiêu", "Đơn vị tính"]),
            cells(&["I", "Cải cách thủ tục hành chính", ""]),
            cells(&["1", label, "Hồ sơ"]),
        ]
    };
    let with_year = |year| Options {
        year: Some(year),
        ..Options::default()
    };
    let codes = |g: &Guess| -> Vec<Level> { g.template.levels().iter().map(|l| l.code).collect() };
    let g =
        guess_template(&Grid::new(rows("Số hồ sơ tiếp nhận")), &with_year(2025)).expect("template");
    assert_eq!(codes(&g), [Level::Xa, Level::Tinh]);
    assert_eq!(
        g.template.level_label(Level::Xa),
        "Cấp xã (xã, phường, đặc khu)"
    );
    assert!(
        g.notes
            .iter()
            .any(|n| n.text.contains("chính quyền địa phương hai cấp")),
        "{:?}",
        g.notes
    );
    // Written to the template file, and read back the same.
    let again = Template::from_json(&g.to_json().expect("json")).expect("reads");
    assert_eq!(again.levels(), g.template.levels());

    let g =
        guess_template(&Grid::new(rows("Số hồ sơ tiếp nhận")), &with_year(2021)).expect("template");
    assert_eq!(codes(&g), [Level::Xa, Level::Huyen]);
    assert!(g.raw.levels.is_none(), "the default is not written out");
    // A row of the district level: a form of before July 2025, whatever its year says.
    let g = guess_template(
        &Grid::new(rows("Số hồ sơ UBND cấp huyện tiếp nhận")),
        &with_year(2025),
    )
    .expect("template");
    assert_eq!(codes(&g), [Level::Xa, Level::Huyen]);
}
