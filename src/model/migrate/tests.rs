//! A report moved onto the same form, and onto a form edited the way provinces edit it.

use serde_json::{Value as Json, json};

use super::*;
use crate::model::template::BUILTIN_2021;

fn id(s: &str) -> IndicatorId {
    IndicatorId::parse(s).expect("id")
}

fn builtin() -> Template {
    Template::builtin().expect("built-in template")
}

/// The real 2021 example of thị xã Ngã Năm, as the program reads it.
fn example() -> Report {
    let (report, _) = crate::store::report_file::report_from_bytes(
        std::path::Path::new("nga-nam-2021.phuluc.json"),
        crate::session::EXAMPLE_2021.as_bytes(),
        &crate::store::templates::TemplateStore::builtin_only(),
    )
    .expect("the example loads");
    report
}

/// The id `old` after moving whole groups: `III.5` → `III.4` also moves `III.5.2`.
fn moved_id(old: &str, moves: &[(&str, &str)]) -> String {
    for (from, to) in moves {
        if old == *from {
            return (*to).to_owned();
        }
        if let Some(rest) = old.strip_prefix(&format!("{from}.")) {
            return format!("{to}.{rest}");
        }
    }
    old.to_owned()
}

/// Every id in a check's text moved (each once, so `III.5 → III.4, III.6 → III.5` does
/// not chain).
fn moved_text(text: &str, moves: &[(&str, &str)]) -> String {
    let mut out = String::new();
    let mut rest = text;
    let mut boundary = true;
    while let Some(c) = rest.chars().next() {
        if boundary && let Some(len) = id_len(rest) {
            out.push_str(&moved_id(&rest[..len], moves));
            rest = &rest[len..];
            boundary = false;
            continue;
        }
        out.push(c);
        boundary = !(c.is_alphanumeric() || c == '.');
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// The built-in form as version `2025`, its rows edited by `edit`.
fn edited(edit: impl FnOnce(&mut Vec<Json>)) -> Template {
    let mut raw: Json = serde_json::from_str(BUILTIN_2021).expect("json");
    raw["version"] = json!("2025");
    let rows = raw["rows"].as_array_mut().expect("rows");
    edit(rows);
    Template::from_json(&raw.to_string()).expect("the edited form is valid")
}

fn row_mut<'a>(rows: &'a mut [Json], id: &str) -> &'a mut Json {
    rows.iter_mut()
        .find(|r| r["id"] == id)
        .unwrap_or_else(|| panic!("{id} in the form"))
}

/// The province's 2025 edition: group III.4 dropped and III.5–III.7 renumbered III.4–III.6;
/// I.3.2 reworded; II.1 a yes/no instead of a count; I.7 worded Có/Không instead of
/// Tốt/Có vi phạm; III.1 text instead of a document; a new required row I.9.
fn form_2025() -> Template {
    let moves = [("III.5", "III.4"), ("III.6", "III.5"), ("III.7", "III.6")];
    edited(|rows| {
        rows.retain(|r| {
            let id = r["id"].as_str().unwrap_or_default();
            id != "III.4" && !id.starts_with("III.4.")
        });
        for row in rows.iter_mut() {
            let old = row["id"].as_str().unwrap_or_default().to_owned();
            row["id"] = json!(moved_id(&old, &moves));
            if let Some(weight) = row.get("weight").and_then(Json::as_str) {
                row["weight"] = json!(moved_id(weight, &moves));
            }
            if let Some(checks) = row.get_mut("checks").and_then(Json::as_array_mut) {
                for check in checks {
                    for field in ["id", "test", "when"] {
                        if let Some(text) = check.get(field).and_then(Json::as_str) {
                            check[field] = json!(moved_text(text, &moves));
                        }
                    }
                }
            }
        }
        row_mut(rows, "I.3.2")["label"] = json!(
            "Số lượng tin, bài viết, phóng sự đã gửi và được duyệt đăng trên Chuyên trang CCHC của tỉnh"
        );
        let ii1 = row_mut(rows, "II.1");
        ii1["kind"] = json!("yes_no");
        ii1["options"] = json!([{"code": 1, "label": "Có"}, {"code": 0, "label": "Không"}]);
        if let Some(o) = ii1.as_object_mut() {
            o.remove("unit");
        }
        row_mut(rows, "I.7")["options"] =
            json!([{"code": 1, "label": "Có"}, {"code": 0, "label": "Không"}]);
        let iii1 = row_mut(rows, "III.1");
        iii1["kind"] = json!("text");
        if let Some(o) = iii1.as_object_mut() {
            o.remove("unit");
        }
        let after_i7 = rows
            .iter()
            .position(|r| r["id"] == "II")
            .expect("section II");
        rows.insert(
            after_i7,
            json!({"id": "I.9", "label": "Tổ chức lấy ý kiến người dân về chất lượng dịch vụ hành chính công",
                   "kind": "yes_no", "required": "warning",
                   "options": [{"code": 1, "label": "Có"}, {"code": 0, "label": "Không"}]}),
        );
    })
}

/// The entry of `line` in the old report: where it came from.
fn source_of(line: &Line) -> Option<String> {
    match line {
        Line::ById { id, .. } => Some(id.to_string()),
        Line::ByLabel { from, .. } => Some(from.to_string()),
        Line::NotMoved { id, .. } => Some(id.clone()),
        _ => None,
    }
}

/// The example, with a note on III.6.6, moved onto the 2025 form: the report, the form
/// and the move.
fn example_onto_2025() -> (Report, Template, Moved) {
    let (from, to) = (builtin(), form_2025());
    let mut report = example();
    report
        .set_note(&from, &id("III.6.6"), "gồm hồ sơ liên thông")
        .expect("a note");
    let moved = move_report(&report, &from, &to);
    (report, to, moved)
}

#[test]
fn onto_the_same_form_everything_moves_as_it_is() {
    let t = builtin();
    let mut report = example();
    report.acknowledged.insert(
        "III.7.1<=III.2.3@III.7.1,III.2.3".into(),
        "đã rà soát".into(),
    );
    report.unknown.insert("VIII.2".into(), json!({"value": 3}));
    // A value on a heading row: the same row in the same form reads it the same way.
    report.unknown.insert("III.6".into(), json!({"value": 4}));
    let moved = move_report(&report, &t, &t);
    let entries = report.entries().count();
    assert_eq!(moved.lines(Group::ById).count(), entries + 1);
    assert_eq!(moved.lines(Group::ByLabel).count(), 0);
    // Only what was already kept aside is "not moved", under its own key.
    let not_moved: Vec<String> = moved
        .lines(Group::NotMoved)
        .map(ToString::to_string)
        .collect();
    assert_eq!(not_moved.len(), 2, "{not_moved:?}");
    assert!(
        not_moved[0].contains("giữ trong tệp với mã “III.6”")
            && not_moved[1].contains("giữ trong tệp với mã “VIII.2”"),
        "{not_moved:?}"
    );
    assert_eq!(moved.report, report);
    assert_eq!(moved.lines(Group::RequiredEmpty).count(), 0);

    let clean = example();
    let moved = move_report(&clean, &t, &t);
    assert!(moved.is_complete());
    assert_eq!(moved.report, clean);
}

#[test]
fn onto_an_edited_form_every_value_is_accounted_for() {
    let (report, to, moved) = example_onto_2025();

    // Each entry of the old report is in exactly one line.
    let mut sources: Vec<String> = moved.summary.iter().filter_map(source_of).collect();
    sources.sort();
    let mut entries: Vec<String> = report.entries().map(|(id, _)| id.to_string()).collect();
    entries.sort();
    assert_eq!(sources, entries);
    assert!(!moved.is_complete());

    // Moved by id and by label: the value and the note are in the new row.
    for line in &moved.summary {
        let (old, new) = match line {
            Line::ById { id, .. } => (id.clone(), id.clone()),
            Line::ByLabel { from, to, .. } => (from.clone(), to.clone()),
            _ => continue,
        };
        let before = report.entry(&old).expect("old entry");
        let after = moved.report.entry(&new).expect("new entry");
        assert_eq!(after.note, before.note, "{line}");
        if old.as_str() != "III.1" {
            assert_eq!(after.cell, before.cell, "{line}");
        }
    }
    // Not moved: kept under a key the new form cannot read as one of its rows.
    for line in moved.lines(Group::NotMoved) {
        let Line::NotMoved { id, kept_as, .. } = line else {
            continue;
        };
        assert!(to.row_by_text(kept_as).is_none(), "{line}");
        let kept = &moved.report.unknown[kept_as];
        let before = report
            .entry(&IndicatorId::parse(id).expect("id"))
            .expect("entry");
        assert_eq!(
            kept.get("note").and_then(Json::as_str).unwrap_or_default(),
            before.note
        );
    }
}

#[test]
fn renumbered_rows_move_by_label_with_their_notes() {
    let (_, _, moved) = example_onto_2025();
    let by_label: Vec<(String, String)> = moved
        .lines(Group::ByLabel)
        .filter_map(|l| match l {
            Line::ByLabel { from, to, .. } => Some((from.to_string(), to.to_string())),
            _ => None,
        })
        .collect();
    for (old, new) in [
        ("III.5.1", "III.4.1"),
        ("III.6.1", "III.5.1"),
        ("III.6.10", "III.5.10"),
        ("III.7.3", "III.6.3"),
    ] {
        assert!(
            by_label.contains(&(old.to_owned(), new.to_owned())),
            "{old} → {new} in {by_label:?}"
        );
    }
    let new = moved.report.entry(&id("III.5.6")).expect("III.6.6 moved");
    assert_eq!(new.cell, Cell::Value(Value::Number(48716.0)));
    assert_eq!(new.note, "gồm hồ sơ liên thông");
    // Nothing of III.6 is left under an id that now means another row.
    assert_eq!(moved.report.number(&id("III.6.1")), Some(241.0));
    assert_eq!(
        moved.report.number(&id("III.5.9")),
        Some(95.83),
        "the rate moved"
    );
}

#[test]
fn a_dropped_group_is_kept_aside_with_the_reason() {
    let (from, to) = (builtin(), form_2025());
    let moved = move_report(&example(), &from, &to);
    let line = |old: &str| {
        moved
            .lines(Group::NotMoved)
            .find(|l| matches!(l, Line::NotMoved { id, .. } if id == old))
            .unwrap_or_else(|| panic!("{old} not moved"))
            .clone()
    };
    let Line::NotMoved {
        reason, kept_as, ..
    } = line("III.4.1")
    else {
        unreachable!()
    };
    assert!(
        reason.contains("hàng III.4.1 của mẫu mới là “Số TTHC liên thông cùng cấp”"),
        "{reason}"
    );
    assert_eq!(kept_as, "III.4.1 (mẫu 2021)");
    assert_eq!(
        moved.report.unknown[&kept_as],
        json!({"value": 1, "label": "Số lượng ý kiến đã tiếp nhận"})
    );
    let Line::NotMoved { kept_as, .. } = line("III.4") else {
        unreachable!()
    };
    assert_eq!(
        moved.report.unknown[&kept_as]["value"],
        json!(1),
        "the yes/no code as the file writes it"
    );
    // The row that now has that id got the value of its own old row.
    assert_eq!(moved.report.number(&id("III.4.1")), Some(2.0));
}

#[test]
fn a_reworded_row_keeps_its_id_and_a_changed_kind_does_not_move() {
    let (from, to) = (builtin(), form_2025());
    let moved = move_report(&example(), &from, &to);
    let reworded = moved
        .lines(Group::ById)
        .find(|l| matches!(l, Line::ById { id, .. } if id.as_str() == "I.3.2"))
        .expect("I.3.2 moved by id");
    let Line::ById { old_label, .. } = reworded else {
        unreachable!()
    };
    assert!(
        old_label
            .as_deref()
            .is_some_and(|l| l.starts_with("Số lượng tin, bài viết, phóng sự gửi")),
        "{reworded}"
    );
    let i32 = moved.report.entry(&id("I.3.2")).expect("I.3.2");
    assert!(i32.note.starts_with("Bài Quý I"), "the note came along");

    let text: Vec<String> = moved
        .lines(Group::NotMoved)
        .map(ToString::to_string)
        .collect();
    let find = |start: &str| {
        text.iter()
            .find(|t| t.starts_with(start))
            .unwrap_or_else(|| panic!("{start} in {text:#?}"))
            .clone()
    };
    assert!(
        find("II.1 ")
            .contains("“9” — kiểu khác: số đếm → có/không; giữ trong tệp với mã “II.1 (mẫu 2021)”"),
        "{text:#?}"
    );
    assert!(
        find("I.7 ").contains("mã 1 là “Tốt” trong mẫu cũ nhưng là “Có” trong mẫu mới"),
        "{text:#?}"
    );
    assert!(moved.report.cell(&id("II.1")).is_empty());
    assert!(moved.report.cell(&id("I.7")).is_empty());
}

#[test]
fn a_document_becomes_text_and_the_summary_says_so() {
    let (from, to) = (builtin(), form_2025());
    let moved = move_report(&example(), &from, &to);
    assert_eq!(
        moved.report.cell(&id("III.1")),
        &Cell::Value(Value::Text(
            "Kế hoạch số 07/KH-UBND ngày 19/01/2021".to_owned()
        ))
    );
    let line = moved
        .lines(Group::ById)
        .find(|l| matches!(l, Line::ById { id, .. } if id.as_str() == "III.1"))
        .expect("III.1");
    assert!(line.to_string().contains("lấy chữ của văn bản"), "{line}");
}

#[test]
fn a_new_required_row_is_listed_and_general_information_moves() {
    let (from, to) = (builtin(), form_2025());
    let report = example();
    let moved = move_report(&report, &from, &to);
    let required: Vec<String> = moved
        .lines(Group::RequiredEmpty)
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        required,
        ["I.9 Tổ chức lấy ý kiến người dân về chất lượng dịch vụ hành chính công"]
    );
    assert_eq!(moved.report.general, report.general);
    assert_eq!(moved.report.template_id, "cchc-pl2-bang2");
    assert_eq!(moved.report.template_version, "2025");
}

#[test]
fn explained_warnings_follow_their_rows() {
    let (from, to) = (builtin(), form_2025());
    let mut report = example();
    for key in [
        "III.7.1<=III.2.3@III.7.1,III.2.3",
        "o.khong-ap-dung@III.6.6",
        "I.1.bat-buoc@I.1",
        "III.4=0=>III.4.x=0@III.4,III.4.1,III.4.2",
        "II.1.1<=II.1@II.1.1,II.1",
    ] {
        report
            .acknowledged
            .insert(key.to_owned(), format!("giải trình {key}"));
    }
    let moved = move_report(&report, &from, &to);
    let ack = &moved.report.acknowledged;
    assert_eq!(
        ack.get("III.6.1<=III.2.3@III.6.1,III.2.3")
            .map(String::as_str),
        Some("giải trình III.7.1<=III.2.3@III.7.1,III.2.3")
    );
    assert!(ack.contains_key("o.khong-ap-dung@III.5.6"), "{ack:?}");
    assert!(ack.contains_key("I.1.bat-buoc@I.1"), "{ack:?}");
    // Rows that did not move: the explanation is kept under a key no warning has.
    assert!(
        ack.contains_key("III.4=0=>III.4.x=0@III.4,III.4.1,III.4.2 (mẫu 2021)"),
        "{ack:?}"
    );
    assert!(
        ack.contains_key("II.1.1<=II.1@II.1.1,II.1 (mẫu 2021)"),
        "{ack:?}"
    );
    assert_eq!(ack.len(), 5);
    let reasons: Vec<String> = moved
        .summary
        .iter()
        .filter_map(|l| match l {
            Line::ExplanationNotMoved { reason, .. } => Some(reason.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(reasons.len(), 2, "{reasons:?}");
    assert!(
        reasons.iter().any(|r| r == "hàng II.1 không chuyển được"),
        "{reasons:?}"
    );
    // The rewritten key is the key the new form's check gives its warning.
    let warning = crate::rules::evaluate(&to, &{
        let mut r = moved.report.clone();
        r.set_text(&to, &id("III.6.1"), "500").expect("editable");
        r
    })
    .into_iter()
    .find(|f| f.rule == "III.6.1<=III.2.3")
    .expect("the warning");
    assert_eq!(
        warning.explained.as_deref(),
        Some("giải trình III.7.1<=III.2.3@III.7.1,III.2.3")
    );
}

#[test]
fn something_kept_aside_before_stays_aside() {
    let (from, to) = (builtin(), form_2025());
    let mut report = example();
    report.unknown.insert("VIII.2".into(), json!({"value": 3}));
    report
        .unknown
        .insert("III.6.1".into(), json!({"value": 1, "colour": "đỏ"}));
    let moved = move_report(&report, &from, &to);
    assert_eq!(moved.report.unknown["VIII.2"], json!({"value": 3}));
    // III.6.1 is a row of the new form: under its old key it would be read into that row.
    assert_eq!(
        moved.report.unknown["III.6.1 (mẫu 2021)"],
        json!({"value": 1, "colour": "đỏ"})
    );
}

#[test]
fn values_change_kind_only_when_nothing_is_lost() {
    let count = Some(&Kind::Count);
    let decimal = Some(&Kind::Decimal);
    let number = |n: f64| Cell::Value(Value::Number(n));
    assert_eq!(
        carry(&number(4.0), decimal, count),
        Ok((number(4.0), Some("số → số đếm".to_owned())))
    );
    assert_eq!(
        carry(&number(2.5), decimal, count),
        Err("kiểu khác: số → số đếm, mà 2,5 không phải số nguyên ≥ 0".to_owned())
    );
    assert_eq!(
        carry(&number(7.0), count, decimal),
        Ok((number(7.0), Some("số đếm → số".to_owned())))
    );
    assert_eq!(
        carry(&number(70.0), Some(&Kind::Percent), decimal),
        Err("kiểu khác: tỷ lệ % → số".to_owned())
    );
    let text = Cell::Value(Value::Text("Hàng tuần".to_owned()));
    assert_eq!(
        carry(&text, Some(&Kind::Text), Some(&Kind::Document)),
        Err("kiểu khác: chữ → văn bản".to_owned())
    );
    assert_eq!(
        carry(&number(1.0), count, None),
        Err("kiểu khác: số đếm → dòng tiêu đề (không nhận giá trị)".to_owned())
    );
    // Text that could not be read stays as typed, between kinds that read it alike.
    let typed = Cell::Invalid("9 văn bản".to_owned());
    assert_eq!(
        carry(&typed, count, decimal),
        Ok((typed.clone(), Some("số đếm → số".to_owned())))
    );
    assert!(carry(&typed, count, Some(&Kind::Percent)).is_err());
    // A note alone goes anywhere, a heading included.
    assert_eq!(carry(&Cell::Empty, count, None), Ok((Cell::Empty, None)));

    let yes_no = |yes: &str, no: &str| {
        Kind::YesNo(vec![
            crate::model::Choice {
                code: 1,
                label: yes.to_owned(),
            },
            crate::model::Choice {
                code: 0,
                label: no.to_owned(),
            },
        ])
    };
    let code = Cell::Value(Value::Code(0));
    assert_eq!(
        carry(
            &code,
            Some(&yes_no("Có", "Không")),
            Some(&yes_no("có", "KHÔNG"))
        ),
        Ok((code.clone(), None))
    );
    let choice = Kind::Choice(vec![
        crate::model::Choice {
            code: 1,
            label: "Có".to_owned(),
        },
        crate::model::Choice {
            code: 0,
            label: "Không".to_owned(),
        },
        crate::model::Choice {
            code: 2,
            label: "Một phần".to_owned(),
        },
    ]);
    assert_eq!(
        carry(&code, Some(&yes_no("Có", "Không")), Some(&choice)),
        Ok((code.clone(), Some("có/không → lựa chọn".to_owned())))
    );
    assert_eq!(
        carry(
            &Cell::Value(Value::Code(2)),
            Some(&choice),
            Some(&yes_no("Có", "Không"))
        ),
        Err("mẫu mới không có mã 2 (“Một phần”)".to_owned())
    );
}

#[test]
fn labels_compare_without_case_diacritics_or_punctuation() {
    assert_eq!(
        label_key("Số TTHC áp dụng tại UBND cấp huyện:"),
        "so tthc ap dung tai ubnd cap huyen"
    );
    assert_eq!(
        label_key("Tỷ lệ hồ sơ  đúng hạn."),
        label_key("TỶ LỆ HỒ SƠ ĐÚNG HẠN")
    );
    // NFD input (some keyboards, pasted text) compares as NFC.
    assert_eq!(label_key("Ho\u{302}\u{300} so\u{31b}"), "ho so");
    assert!(
        word_share(
            &label_key("Vận hành Cổng dịch vụ công"),
            &label_key("Số TTHC được công khai")
        ) < REWORDED_MIN_SHARE
    );
    assert!(
        word_share(
            &label_key("Số hồ sơ TTHC do UBND cấp huyện tiếp nhận"),
            &label_key("Số hồ sơ thủ tục hành chính UBND cấp huyện đã tiếp nhận")
        ) >= REWORDED_MIN_SHARE
    );
}

#[test]
fn rows_sharing_a_label_are_told_apart_by_their_group_and_place() {
    // II.2.2 and II.2.5 share a label under the same group, as do I.2.3 and IV.6.1 under
    // different groups. Renumber the whole of section II's group 2 and section IV's group 6.
    let from = builtin();
    let to = edited(|rows| {
        for row in rows.iter_mut() {
            let old = row["id"].as_str().unwrap_or_default().to_owned();
            let new = moved_id(&old, &[("II.2", "II.4"), ("IV.6", "IV.9")]);
            row["id"] = json!(new);
            if let Some(checks) = row.get_mut("checks").and_then(Json::as_array_mut) {
                for check in checks {
                    for field in ["id", "test"] {
                        if let Some(text) = check.get(field).and_then(Json::as_str) {
                            check[field] =
                                json!(moved_text(text, &[("II.2", "II.4"), ("IV.6", "IV.9")]));
                        }
                    }
                }
            }
        }
        // Keep the form order valid: II.4 after II.3, IV.9 after IV.7 or later.
        let at = |rows: &Vec<Json>, id: &str| rows.iter().position(|r| r["id"] == id).expect("row");
        for (group_id, before) in [("II.4", "III"), ("IV.9", "V")] {
            let in_group = |r: &Json| {
                r["id"]
                    .as_str()
                    .is_some_and(|i| i == group_id || i.starts_with(&format!("{group_id}.")))
            };
            let group: Vec<Json> = rows.iter().filter(|r| in_group(r)).cloned().collect();
            rows.retain(|r| !in_group(r));
            let end = at(rows, before);
            for (k, r) in group.into_iter().enumerate() {
                rows.insert(end + k, r);
            }
        }
    });
    let p = pairs::pair(&from, &to);
    let new = |old: &str| p.get(&id(old)).map(|(n, _)| n.to_string()).ok();
    assert_eq!(new("II.2.2").as_deref(), Some("II.4.2"));
    assert_eq!(new("II.2.5").as_deref(), Some("II.4.5"));
    assert_eq!(new("II.2.6").as_deref(), Some("II.4.6"));
    assert_eq!(new("I.2.3").as_deref(), Some("I.2.3"));
    assert_eq!(new("IV.6.1").as_deref(), Some("IV.9.1"));
    assert_eq!(new("IV.6.3").as_deref(), Some("IV.9.3"));
}

#[test]
fn ids_in_rule_names_are_found_whole() {
    assert_eq!(id_len("III.6.10<=III.6.1"), Some(8));
    assert_eq!(id_len("I.1.bat-buoc"), Some(3));
    assert_eq!(id_len("III.4.x=0"), Some(5));
    assert_eq!(id_len("IVa"), None);
    assert_eq!(id_len("o.khong"), None);
    let t = builtin();
    let mut moved = HashMap::new();
    moved.insert(id("I.1"), id("I.2"));
    let keys = Keys {
        from: &t,
        to: &t,
        moved: &moved,
        renamed: &HashMap::new(),
    };
    assert_eq!(
        keys.rewrite_ids("I.1.bat-buoc"),
        Ok("I.2.bat-buoc".to_owned())
    );
    assert_eq!(
        keys.rewrite_ids("I.1.1.bat-buoc"),
        Err("hàng I.1.1 không chuyển được".to_owned())
    );
    assert_eq!(
        keys.rewrite_ids("o.khong-doc-duoc"),
        Ok("o.khong-doc-duoc".to_owned())
    );
}

#[test]
fn last_years_values_move_with_the_report() {
    let next = example().next_year("Ngã Năm 2021.phuluc.json");
    let moved = move_report(&next, &builtin(), &form_2025());
    let last = moved.report.previous.as_ref().expect("last year moved too");
    assert_eq!(last.year, Some(2021));
    assert_eq!(last.source, "Ngã Năm 2021.phuluc.json");
    // III.6.1 of the 2021 form is III.5.1 of the 2025 one (group III.4 dropped).
    assert_eq!(last.number(&id("III.5.1")), Some(5068.0));
    // Group III.4 has no row on the new form: kept aside, not lost.
    assert!(
        last.unknown.keys().any(|k| k.starts_with("III.4")),
        "{:?}",
        last.unknown.keys().collect::<Vec<_>>()
    );
    assert!(
        moved.report.entries().next().is_none(),
        "this year still empty"
    );
}

#[test]
fn last_years_entries_without_a_row_are_listed() {
    let next = example().next_year("Ngã Năm 2021.phuluc.json");
    let moved = move_report(&next, &builtin(), &form_2025());
    let aside = moved
        .summary
        .iter()
        .find(|l| matches!(l, Line::LastYearAside { .. }))
        .expect("last year's entries set aside are listed");
    assert_eq!(aside.group(), Group::NotMoved);
    assert!(aside.to_string().contains("III.4.1"), "{aside}");
    assert!(!moved.is_complete());
}

#[test]
fn a_district_report_moved_onto_a_two_level_form_asks_for_the_level_again() {
    let mut raw: Json = serde_json::from_str(BUILTIN_2021).expect("json");
    raw["version"] = json!("2025");
    raw["levels"] =
        json!([{"code": "xa", "label": "Cấp xã"}, {"code": "tinh", "label": "Cấp tỉnh"}]);
    for row in raw["rows"].as_array_mut().expect("rows") {
        if let Some(o) = row.as_object_mut() {
            o.remove("levels");
        }
    }
    let to = Template::from_json(&raw.to_string()).expect("a two-level form");
    let report = example();
    assert_eq!(report.general.level, Some(crate::model::Level::Huyen));
    let moved = move_report(&report, &builtin(), &to);
    assert_eq!(moved.report.general.level, None);
    let line = moved
        .summary
        .iter()
        .find(|l| matches!(l, Line::LevelCleared { .. }))
        .expect("the level is named");
    assert!(
        line.to_string()
            .contains("“Cấp huyện”: mẫu mới không có cấp này (mẫu dành cho cấp xã, cấp tỉnh)"),
        "{line}"
    );
    assert!(!moved.is_complete());
}
