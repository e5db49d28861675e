use super::*;
use crate::model::Value;
use crate::model::template::BUILTIN_2021;

fn builtin() -> Template {
    Template::builtin().expect("built-in template")
}

fn id(text: &str) -> IndicatorId {
    IndicatorId::parse(text).expect("id")
}

const HEADER: &str = "Stt\tChỉ tiêu thống kê\tĐơn vị tính\tNội dung\tGhi chú";

/// A table of tab-separated rows (Stt, label, unit, value, note), under the header.
fn table(above: &[&str], rows: &[&str]) -> Grid {
    let mut all: Vec<Vec<String>> = above.iter().map(|l| vec![(*l).to_owned()]).collect();
    all.extend(
        std::iter::once(HEADER)
            .chain(rows.iter().copied())
            .map(|r| r.split('\t').map(str::to_owned).collect()),
    );
    Grid::new(all)
}

/// Section I as the form prints it, with these rows under group 1.
fn section_one(items: &[&str]) -> Vec<String> {
    let mut rows = vec![
        "I\tCông tác chỉ đạo điều hành CCHC\t\t\t".to_owned(),
        "1\tKế hoạch CCHC\t\tKế hoạch số 03/KH-UBND ngày 15/01/2021\t".to_owned(),
    ];
    rows.extend(items.iter().map(|r| format!("\t{r}")));
    rows
}

fn import(above: &[&str], rows: &[String]) -> Imported {
    let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
    import_values(&table(above, &rows), &builtin()).expect("imports")
}

fn number(report: &Report, at: &str) -> Option<f64> {
    report.number(&id(at))
}

#[test]
fn rows_match_by_place_and_label_together() {
    let imported = import(
        &[],
        &section_one(&[
            "Số nhiệm vụ đề ra trong kế hoạch\tNhiệm vụ\t28\t",
            "Số nhiệm vụ đã hoàn thành\tNhiệm vụ\t26\tcòn 2 nhiệm vụ",
            "Số văn bản chỉ đạo CCHC đã ban hành\tVăn bản\t23\t",
        ]),
    );
    let r = &imported.report;
    assert_eq!(
        (number(r, "I.1.1"), number(r, "I.1.2"), number(r, "I.1.3")),
        (Some(28.0), Some(26.0), Some(23.0))
    );
    assert_eq!(
        r.entry(&id("I.1.2")).map(|e| e.note.as_str()),
        Some("còn 2 nhiệm vụ")
    );
    let s = &imported.summary;
    assert_eq!((s.rows_matched(), s.file_rows), (5, 5));
    assert_eq!((s.values, s.notes), (4, 1));
    assert!(s.unplaced.is_empty() && s.doubtful.is_empty(), "{s:?}");
    assert!(s.matched.iter().all(|m| m.how == MatchHow::Same));
}

#[test]
fn never_by_place_alone() {
    // The second row of group I.1 says something the template does not have: its place is
    // I.1.2, but its label is not I.1.2's.
    let imported = import(
        &[],
        &section_one(&[
            "Số nhiệm vụ đề ra trong kế hoạch\tNhiệm vụ\t28\t",
            "Số cán bộ được khen thưởng\tNgười\t7\t",
        ]),
    );
    assert_eq!(imported.report.entry(&id("I.1.2")), None);
    let s = &imported.summary;
    assert_eq!(s.unplaced.len(), 1);
    let u = &s.unplaced[0];
    assert_eq!((u.table_row, u.value.as_str()), (5, "7"));
    assert!(u.reason.contains("I.1.2"), "{}", u.reason);
    let key = u.kept_as.clone().expect("kept");
    assert_eq!(key, "nhap:dòng 5");
    assert_eq!(
        imported.report.unknown.get(&key),
        Some(&serde_json::json!({
            "label": "Số cán bộ được khen thưởng", "unit": "Người", "value": "7",
            "reason": u.reason,
        }))
    );
}

#[test]
fn a_row_left_out_moves_the_places_but_labels_find_their_rows() {
    // I.1.2 is missing: the file's second row is I.1.3 by its label.
    let imported = import(
        &[],
        &section_one(&[
            "Số nhiệm vụ đề ra trong kế hoạch\tNhiệm vụ\t28\t",
            "Số văn bản chỉ đạo CCHC đã ban hành\tVăn bản\t23\t",
        ]),
    );
    let r = &imported.report;
    assert_eq!((number(r, "I.1.2"), number(r, "I.1.3")), (None, Some(23.0)));
    let moved: Vec<String> = imported
        .summary
        .not_plain()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        moved,
        ["dòng 5 → I.1.3 (theo tên chỉ tiêu; số thứ tự trong bảng ứng với I.1.2)"]
    );
}

#[test]
fn rows_sharing_a_label_are_told_apart_by_their_group_and_place() {
    // "Số vấn đề phát hiện qua kiểm tra" is I.2.4 and IV.6.2; "Số VBQPPL phát hiện trái
    // pháp luật" is II.2.2 and II.2.5. With rows left out above them, each still finds
    // its own.
    let rows: Vec<String> = [
        "I\tCông tác chỉ đạo điều hành CCHC\t\t\t",
        "1\tKế hoạch CCHC\t\t\t",
        "2\tKiểm tra CCHC\t\t\t",
        "\tSố vấn đề phát hiện qua kiểm tra\tVấn đề\t17\t",
        "II\tCải cách thể chế\t\t\t",
        "1\tSố VBQPPL đã ban hành\tVăn bản\t9\t",
        "2\tKiểm tra và tự kiểm tra, xử lý VBQPPL\t\t\t",
        "\tSố VBQPPL tự kiểm tra theo thẩm quyền\tVăn bản\t9\t",
        "\tSố VBQPPL phát hiện trái pháp luật\tVăn bản\t4\t",
        "\tSố VBQPPL kiểm tra theo thẩm quyền\tVăn bản\t3\t",
        "\tSố VBQPPL phát hiện trái pháp luật\tVăn bản\t1\t",
        "IV\tCải cách tổ chức bộ máy hành chính nhà nước\t\t\t",
        "6\tKiểm tra việc thực hiện nhiệm vụ phân cấp quản lý nhà nước\t\t\t",
        "\tSố vấn đề phát hiện qua kiểm tra\tVấn đề\t12\t",
    ]
    .map(str::to_owned)
    .to_vec();
    let imported = import(&[], &rows);
    let r = &imported.report;
    assert_eq!(number(r, "I.2.4"), Some(17.0));
    assert_eq!(
        (number(r, "II.2.2"), number(r, "II.2.5")),
        (Some(4.0), Some(1.0))
    );
    assert_eq!(number(r, "IV.6.2"), Some(12.0));
    assert!(
        imported.summary.unplaced.is_empty(),
        "{:?}",
        imported.summary.unplaced
    );
}

#[test]
fn typos_and_light_rewording_still_match() {
    let rows: Vec<String> = [
        "III\tCải cách thủ tục hành chính\t\t\t",
        "1\tKế hoạch rà soát TTHC\tCó = 1 Không = 0\t\t",
        "7\tVận hành Công dịch vụ công\t\t\t",
        "\tSố TTHC được tích hợp lên Cổng DVC\tThủ tục\t241\t",
        "\tSố TTHC cung cấp dịch vụ mức độ 3, 4 trên Cổng DVC\tThủ tục\t240\t",
        "VII\tXây dựng và phát triển Chính phủ điện tử, Chính phủ số\t\t\t",
        "1\tTham gia Hệ thống hợp trực tuyến của tỉnh\t\t\t",
        "\tLiên thông từ UBND tỉnh đến UBND cấp huyện\tCó = 1 Không = 0\t1\t",
    ]
    .map(str::to_owned)
    .to_vec();
    let imported = import(&[], &rows);
    let r = &imported.report;
    assert_eq!(number(r, "III.7.1"), Some(241.0));
    assert_eq!(number(r, "III.7.2"), Some(240.0));
    assert_eq!(r.cell(&id("VII.1.1")), &Cell::Value(Value::Code(1)));
    let s = &imported.summary;
    assert!(s.unplaced.is_empty(), "{:?}", s.unplaced);
    let matched = |at: &str| {
        s.matched
            .iter()
            .find(|m| m.id == id(at))
            .map(|m| m.how.clone())
    };
    assert_eq!(matched("III.7"), Some(MatchHow::Same), "Công/Cổng");
    assert_eq!(matched("VII.1"), Some(MatchHow::Same), "hợp/họp");
    assert!(matches!(
        matched("III.7.2"),
        Some(MatchHow::Reworded { .. })
    ));
}

#[test]
fn cells_as_officers_write_them_and_notes() {
    let rows: Vec<String> = [
        "III\tCải cách thủ tục hành chính\t\t\t",
        "2\tThống kê TTHC\t\t\t",
        "\tSố TTHC được công bố mới\tThủ tục\t5 068\t",
        "\tSố TTHC đã được bãi bỏ, thay thế\tThủ tục\t48716\t",
        "\tTổng số TTHC đang có hiệu lực:\tThủ tục\t5.068\t",
        "\t- Số TTHC áp dụng tại UBND cấp huyện:\tThủ tục\t269 (3 thủ tục thuộc Lĩnh vực Lâm nghiệp)\tdo tỉnh giao",
        "6\tKết quả giải quyết TTHC\t\t\t",
        "\tSố hồ sơ TTHC do UBND cấp huyện tiếp nhận\tHồ sơ\t\t",
        "\tSố hồ sơ TTHC do UBND cấp huyện giải quyết và trả kết quả\tHồ sơ\t\t",
        "\tTỷ lệ hồ sơ TTHC do UBND cấp huyện tiếp nhận được giải quyết đúng hạn\t%\t100%\t",
        "V\tCải cách chế độ công vụ\t\t\t",
        "1\tVị trí việc làm của công chức, viên chức\t\t\t",
        "\tCơ quan, đơn vị đã được phê duyệt vị trí việc làm theo quy định\tCó = 1 Không = 0\tĐang thực hiện theo hướng dẫn của Sở Nội vụ\t",
    ]
    .map(str::to_owned)
    .to_vec();
    let imported = import(&[], &rows);
    let r = &imported.report;
    assert_eq!(number(r, "III.2.1"), Some(5068.0));
    assert_eq!(number(r, "III.2.2"), Some(48716.0));
    assert_eq!(number(r, "III.2.3"), Some(5068.0));
    assert_eq!(number(r, "III.2.4"), Some(269.0));
    assert_eq!(
        r.entry(&id("III.2.4")).map(|e| e.note.as_str()),
        Some("3 thủ tục thuộc Lĩnh vực Lâm nghiệp; do tỉnh giao")
    );
    assert_eq!(number(r, "III.6.3"), Some(100.0));
    let v11 = r.entry(&id("V.1.1")).expect("an entry");
    assert_eq!(
        (&v11.cell, v11.note.as_str()),
        (&Cell::Empty, "Đang thực hiện theo hướng dẫn của Sở Nội vụ")
    );
    let s = &imported.summary;
    let ids =
        |list: &[CellRemark]| -> Vec<String> { list.iter().map(|c| c.id.to_string()).collect() };
    assert_eq!(ids(&s.moved), ["III.2.4"]);
    assert_eq!(ids(&s.doubtful), ["V.1.1"]);
    assert!(
        s.doubtful[0]
            .to_string()
            .starts_with("V.1.1 (dòng 14) “Đang thực hiện")
    );
}

#[test]
fn a_heading_row_with_a_value_keeps_it_aside() {
    let rows: Vec<String> = [
        "I\tCông tác chỉ đạo điều hành CCHC\t\t12\t",
        "4\tThực hiện nhiệm vụ UBND tỉnh giao\t\t\tdo Sở Nội vụ theo dõi",
        "\tTổng số nhiệm vụ được giao\tNhiệm vụ\t9\t",
    ]
    .map(str::to_owned)
    .to_vec();
    let imported = import(&[], &rows);
    let r = &imported.report;
    assert_eq!(number(r, "I.4.1"), Some(9.0));
    assert_eq!(
        r.entry(&id("I.4")).map(|e| e.note.as_str()),
        Some("do Sở Nội vụ theo dõi"),
        "a heading row may carry a note"
    );
    let keys: Vec<&String> = r.unknown.keys().collect();
    assert_eq!(keys, ["nhap:dòng 2"]);
    assert!(imported.summary.unplaced[0].reason.contains("dòng tiêu đề"));
}

#[test]
fn rows_above_section_one_and_rows_without_a_label_are_kept_aside() {
    let rows: Vec<String> = [
        "9\tSố liệu riêng của xã\tNgười\t4\t",
        "I\tCông tác chỉ đạo điều hành CCHC\t\t\t",
        "1\tKế hoạch CCHC\t\t\t",
        "\t\tNhiệm vụ\t31\t",
    ]
    .map(str::to_owned)
    .to_vec();
    let imported = import(&[], &rows);
    let keys: Vec<&String> = imported.report.unknown.keys().collect();
    assert_eq!(keys, ["nhap:dòng 2", "nhap:dòng 5"]);
    assert_eq!(imported.summary.file_rows, 4);
}

#[test]
fn general_information_around_the_table() {
    let above = [
        "ỦY BAN NHÂN DÂN THỊ XÃ NGÃ NĂM",
        "Tỉnh Sóc Trăng",
        "PHỤ LỤC 2, BẢNG 2",
        "THỐNG KÊ SỐ LIỆU VÀ KẾT QUẢ THỰC HIỆN CÔNG TÁC CẢI CÁCH HÀNH CHÍNH NĂM 2021",
        "(Kèm theo Báo cáo số 411/BC-UBND ngày 16 tháng 12 năm 2021 của UBND thị xã Ngã Năm)",
    ];
    let mut rows = section_one(&["Số nhiệm vụ đề ra trong kế hoạch\tNhiệm vụ\t28\t"]);
    rows.extend(
        [
            "\t\t\tTM. ỦY BAN NHÂN DÂN\t",
            "\t\t\tCHỦ TỊCH\t",
            "\t\t\tKim Thái Phong\t",
        ]
        .map(str::to_owned),
    );
    let imported = import(&above, &rows);
    let g = &imported.report.general;
    assert_eq!(g.unit_name, "Ủy ban nhân dân thị xã Ngã Năm");
    assert_eq!(g.level, Some(Level::Huyen));
    assert_eq!(g.province, "Tỉnh Sóc Trăng");
    assert_eq!(g.year(), Some(2021));
    assert_eq!(
        (g.report_number.as_str(), g.report_date.as_str()),
        ("411", "16/12/2021")
    );
    assert_eq!(
        (
            g.signer_authority.as_str(),
            g.signer_title.as_str(),
            g.signer.as_str()
        ),
        ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Kim Thái Phong")
    );
    // The signature block is not rows of the form.
    let s = &imported.summary;
    assert_eq!((s.file_rows, s.unplaced.len()), (3, 0), "{s:?}");
    assert_eq!(s.general.len(), 9);
}

#[test]
fn x_in_a_row_that_does_not_apply_is_nothing() {
    let rows: Vec<String> = [
        "I\tCông tác chỉ đạo điều hành CCHC\t\t\t",
        "2\tKiểm tra CCHC\t\t\t",
        "\tSố phòng ban đã kiểm tra\tCơ quan, đơn vị\tx\t",
        "\tSố đơn vị trực thuộc đã kiểm tra\tCơ quan, đơn vị\t0\t",
        "\tSố UBND cấp xã đã kiểm tra\tCơ quan, đơn vị\tx\t",
    ]
    .map(str::to_owned)
    .to_vec();
    let imported = import(&["ỦY BAN NHÂN DÂN XÃ AN HÒA"], &rows);
    let r = &imported.report;
    assert_eq!(r.general.level, Some(Level::Xa));
    assert_eq!(r.entry(&id("I.2.3")), None, "I.2.3 is for districts only");
    assert_eq!(r.entry(&id("I.2.1")), None);
    assert_eq!(number(r, "I.2.2"), Some(0.0));
    let doubtful: Vec<String> = imported
        .summary
        .doubtful
        .iter()
        .map(|d| d.id.to_string())
        .collect();
    assert_eq!(
        doubtful,
        ["I.2.1"],
        "an x where the row applies is looked at"
    );
}

#[test]
fn values_of_another_level_are_kept_and_said() {
    let rows: Vec<String> = [
        "I\tCông tác chỉ đạo điều hành CCHC\t\t\t",
        "2\tKiểm tra CCHC\t\t\t",
        "\tSố phòng ban đã kiểm tra\tCơ quan, đơn vị\t3\t",
        "\tSố đơn vị trực thuộc đã kiểm tra\tCơ quan, đơn vị\t0\t",
        "\tSố UBND cấp xã đã kiểm tra\tCơ quan, đơn vị\t4\t",
    ]
    .map(str::to_owned)
    .to_vec();
    let imported = import(&["ỦY BAN NHÂN DÂN XÃ AN HÒA"], &rows);
    assert_eq!(number(&imported.report, "I.2.3"), Some(4.0));
    let doubt = &imported.summary.doubtful[0];
    assert_eq!(doubt.id, id("I.2.3"));
    assert!(doubt.text.contains("không áp dụng cho cấp xã"), "{doubt}");
}

#[test]
fn a_table_that_is_not_the_form_is_refused() {
    let other = Grid::new(vec![vec!["Họ tên".into(), "Chức vụ".into()]; 3]);
    assert_eq!(
        import_values(&other, &builtin()).map(|_| ()),
        Err(ImportValuesError::NoHeader)
    );
    let unrelated = table(
        &[],
        &["I\tDanh sách cán bộ\t\t\t", "1\tNguyễn Văn A\tNgười\t1\t"],
    );
    let err = import_values(&unrelated, &builtin())
        .map(|_| ())
        .expect_err("nothing matches");
    assert!(
        matches!(err, ImportValuesError::NothingMatched { .. }),
        "{err}"
    );
    assert_eq!(rows_matched(&unrelated, &builtin()), 0);
    assert_eq!(
        best_template(&unrelated, &[builtin()]).map(|(_, n)| n),
        Err(ImportValuesError::NoTemplateMatches)
    );
    assert_eq!(
        best_template(&other, &[builtin()]).map(|(_, n)| n),
        Err(ImportValuesError::NoHeader)
    );
}

#[test]
fn the_template_that_matches_most_rows_is_chosen() {
    // A 2025 form where section I's labels were rewritten: the table of 2021 matches the
    // 2021 form better.
    let reworded = BUILTIN_2021
        .replace("\"version\": \"2021\"", "\"version\": \"2025\"")
        .replace(
            "Số nhiệm vụ đề ra trong kế hoạch",
            "Tổng số công việc cải cách được giao",
        )
        .replace("Số nhiệm vụ đã hoàn thành", "Công việc đã xong");
    let other = Template::from_json(&reworded).expect("a template");
    let grid = table(
        &[],
        &section_one(&[
            "Số nhiệm vụ đề ra trong kế hoạch\tNhiệm vụ\t28\t",
            "Số nhiệm vụ đã hoàn thành\tNhiệm vụ\t26\t",
        ])
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>(),
    );
    let templates = [other, builtin()];
    let (best, n) = best_template(&grid, &templates).expect("one matches");
    assert_eq!((best.version.as_str(), n), ("2021", 4));
    assert_eq!(rows_matched(&grid, &templates[0]), 2);
}
