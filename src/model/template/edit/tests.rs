use super::*;
use crate::model::template::BUILTIN_2021;

fn builtin() -> Draft {
    Draft::from_raw(serde_json::from_str(BUILTIN_2021).expect("raw built-in"))
}

fn at(d: &Draft, id: &str) -> usize {
    d.rows
        .iter()
        .position(|r| r.raw.id == id)
        .unwrap_or_else(|| panic!("{id} missing"))
}

fn row<'a>(d: &'a Draft, id: &str) -> &'a RawRow {
    &d.rows[at(d, id)].raw
}

fn tests_of(d: &Draft, id: &str) -> Vec<String> {
    row(d, id).checks.iter().map(|c| c.test.clone()).collect()
}

fn ids(d: &Draft) -> Vec<String> {
    d.rows.iter().map(|r| r.raw.id.clone()).collect()
}

#[test]
fn roman_numerals() {
    let got: Vec<String> = [1, 2, 3, 4, 5, 9, 14, 19, 20, 21, 40]
        .into_iter()
        .map(roman)
        .collect();
    assert_eq!(
        got,
        [
            "I", "II", "III", "IV", "V", "IX", "XIV", "XIX", "XX", "XXI", "XL"
        ]
    );
}

#[test]
fn ids_in_a_text_are_replaced_all_at_once() {
    let map: HashMap<String, String> = [("I.1.2", "I.1.3"), ("I.1.3", "I.1.2"), ("II", "III")]
        .into_iter()
        .map(|(a, b)| (a.to_owned(), b.to_owned()))
        .collect();
    assert_eq!(
        rewrite_ids("I.1.2+I.1.3 <= I.1.1 + II", &map),
        "I.1.3+I.1.2 <= I.1.1 + III"
    );
    assert_eq!(rewrite_ids("I.1.2<=I.1.3", &map), "I.1.3<=I.1.2");
    // Not ids, or ids only in part: untouched.
    assert_eq!(
        rewrite_ids("I.1.20 <= general.communes - 0,5", &map),
        "I.1.20 <= general.communes - 0,5"
    );
    assert_eq!(
        rewrite_ids("III.4=0=>III.4.x=0", &map),
        "III.4=0=>III.4.x=0"
    );
}

#[test]
fn the_built_in_form_comes_back_unchanged() {
    let d = builtin();
    let raw: RawTemplate = serde_json::from_str(BUILTIN_2021).expect("raw");
    let want = serde_json::to_value(raw).expect("value");
    let got = serde_json::to_value(d.to_raw()).expect("value");
    assert!(got == want, "the draft writes another form");
    assert!(d.lint().is_valid());
}

#[test]
fn a_row_added_to_a_group_takes_the_next_number_and_moves_nothing() {
    let mut d = builtin();
    let before = ids(&d);
    let (new, renumbered) = d.add_child(at(&d, "I.1")).expect("added");
    assert_eq!(d.rows[new].raw.id, "I.1.4");
    assert_eq!(d.rows[new - 1].raw.id, "I.1.3");
    assert_eq!(d.rows[new + 1].raw.id, "I.2");
    assert_eq!(renumbered, Renumbered::default());
    assert_eq!(renumbered.describe(), "");
    assert_eq!(d.rows.len(), before.len() + 1);
    // Empty label: the reader says so, at the new row.
    let lint = d.lint();
    let (row, message) = lint.invalid.expect("invalid");
    assert_eq!(row, Some(new));
    assert!(
        message.contains("(I.1.4)") && message.contains("label"),
        "{message}"
    );
}

#[test]
fn a_row_inserted_in_the_middle_renumbers_those_below_and_their_checks() {
    let mut d = builtin();
    assert_eq!(tests_of(&d, "I.1.2"), ["I.1.2 <= I.1.1"]);
    let (new, renumbered) = d.add_after(at(&d, "I.1.1")).expect("added");
    assert_eq!(d.rows[new].raw.id, "I.1.2");
    assert_eq!(
        renumbered.changed,
        [
            ("I.1.2".to_owned(), "I.1.3".to_owned()),
            ("I.1.3".to_owned(), "I.1.4".to_owned())
        ]
    );
    assert_eq!(renumbered.checks, 1);
    // The check moved with its row and names the row's new id; its id too.
    assert_eq!(tests_of(&d, "I.1.3"), ["I.1.3 <= I.1.1"]);
    assert_eq!(row(&d, "I.1.3").checks[0].id, "I.1.3<=I.1.1");
    assert_eq!(row(&d, "I.1.3").label, "Số nhiệm vụ đã hoàn thành");
    let said = renumbered.describe();
    assert!(
        said.contains("đánh lại mã 2 hàng (I.1.2 thành I.1.3, I.1.3 thành I.1.4)")
            && said.contains("1 kiểm tra"),
        "{said}"
    );
}

#[test]
fn rows_swap_places_and_the_checks_follow_them() {
    let mut d = builtin();
    let (new, renumbered) = d.move_row(at(&d, "I.1.2"), false).expect("moved");
    assert_eq!(d.rows[new].raw.label, "Số nhiệm vụ đã hoàn thành");
    assert_eq!(d.rows[new].raw.id, "I.1.3");
    assert_eq!(
        row(&d, "I.1.2").label,
        "Số văn bản chỉ đạo CCHC đã ban hành"
    );
    assert_eq!(tests_of(&d, "I.1.3"), ["I.1.3 <= I.1.1"]);
    assert_eq!(renumbered.changed.len(), 2);
    assert!(d.lint().is_valid());
    // And back: the same form as before.
    d.move_row(new, true).expect("back");
    assert_eq!(
        d.to_json().expect("json"),
        builtin().to_json().expect("json")
    );
}

#[test]
fn a_row_moves_into_the_neighbouring_group_at_its_edge() {
    let mut d = builtin();
    let first_of_i2 = at(&d, "I.2.1");
    let label = d.rows[first_of_i2].raw.label.clone();
    let (new, _) = d.move_row(first_of_i2, true).expect("moved");
    assert_eq!(d.rows[new].raw.id, "I.1.4", "last row of the group above");
    assert_eq!(d.rows[new].raw.label, label);
    assert_eq!(d.rows[new + 1].raw.id, "I.2");
    // The first row of the form's first group has nowhere to go up.
    assert!(!d.can_move(at(&d, "I.1.1"), true));
    assert!(d.can_move(at(&d, "I.1.1"), false));
    // The last section cannot go down, the first not up.
    assert!(!d.can_move(at(&d, "VII"), false));
    assert!(!d.can_move(at(&d, "I"), true));
}

#[test]
fn a_group_moves_with_its_rows_and_weights_follow() {
    let mut d = builtin();
    assert_eq!(row(&d, "I.5.3").weight.as_deref(), Some("I.5.1"));
    let rows_in_i5 = d
        .rows
        .iter()
        .filter(|r| r.raw.id.starts_with("I.5."))
        .count();
    let (new, renumbered) = d.move_row(at(&d, "I.5"), true).expect("moved");
    assert_eq!(d.rows[new].raw.id, "I.4");
    let moved = d
        .rows
        .iter()
        .filter(|r| r.raw.id.starts_with("I.4."))
        .count();
    assert_eq!(moved, rows_in_i5);
    assert_eq!(row(&d, "I.4.3").weight.as_deref(), Some("I.4.1"));
    assert_eq!(renumbered.weights, 1);
    assert!(renumbered.describe().contains("1 trọng số"));
    assert!(d.lint().is_valid(), "{:?}", d.lint().invalid);
    // The first group of a section goes up into the section above, as its last group.
    let label = row(&d, "II.1").label.clone();
    let (new, _) = d.move_row(at(&d, "II.1"), true).expect("moved");
    assert_eq!(d.rows[new].raw.id, "I.9");
    assert_eq!(d.rows[new].raw.label, label);
    assert_eq!(ids(&d)[new + 1..new + 4], ["I.9.1", "I.9.2", "II"]);
    assert!(d.lint().is_valid(), "{:?}", d.lint().invalid);
}

#[test]
fn a_section_moves_as_a_whole() {
    let mut d = builtin();
    let count_iii = d
        .rows
        .iter()
        .filter(|r| r.raw.id.starts_with("III"))
        .count();
    let label = row(&d, "III").label.clone();
    let (new, renumbered) = d.move_row(at(&d, "III"), true).expect("moved");
    assert_eq!(d.rows[new].raw.id, "II");
    assert_eq!(d.rows[new].raw.label, label);
    assert_eq!(
        d.rows[new..]
            .iter()
            .take_while(|r| r.raw.id == "II" || r.raw.id.starts_with("II."))
            .count(),
        count_iii
    );
    assert!(renumbered.checks > 0);
    assert!(d.lint().is_valid(), "{:?}", d.lint().invalid);
    assert_eq!(row(&d, "II.2.3").checks[0].test, "II.2.3 = II.2.4 + II.2.5");
}

#[test]
fn a_row_that_checks_name_cannot_be_deleted_until_they_are_changed() {
    let mut d = builtin();
    let err = d
        .delete(at(&d, "I.1.1"))
        .expect_err("named by I.1.2's check");
    assert!(
        err.contains("I.1.1") && err.contains("I.1.2 <= I.1.1") && err.contains("hàng I.1.2"),
        "{err}"
    );
    let err = d.delete(at(&d, "I.5.1")).expect_err("the weight of I.5.3");
    assert!(err.contains("trọng số"), "{err}");
    // A group and the checks inside it go together.
    let before = d.rows.len();
    let renumbered = d.delete(at(&d, "I.1")).expect("deleted");
    assert_eq!(d.rows.len(), before - 4);
    assert_eq!(row(&d, "I.1").label, "Kiểm tra CCHC");
    assert!(
        renumbered
            .changed
            .contains(&("I.2".to_owned(), "I.1".to_owned()))
    );
    assert!(d.lint().is_valid(), "{:?}", d.lint().invalid);
}

#[test]
fn checks_are_read_as_they_are_typed() {
    let mut d = builtin();
    let (new, _) = d.add_child(at(&d, "I.1")).expect("added");
    d.rows[new].raw.label = "Số sáng kiến".to_owned();
    let c = d.add_check(new).expect("check");
    let lint = |d: &Draft| d.lint().checks[new][c].clone();
    assert_eq!(
        lint(&d).test.as_deref(),
        Some("chưa ghi phép kiểm tra (ví dụ I.1.2 <= I.1.1)")
    );
    d.rows[new].raw.checks[c].test = "I.1.4 <= I.1.1".to_owned();
    // A heading row has no value to compare.
    assert!(
        lint(&d)
            .test
            .is_some_and(|e| e.contains("I.1.4 không phải là số"))
    );
    set_kind(&mut d.rows[new].raw, Some("count"));
    assert_eq!(lint(&d), CheckLint::default());
    assert!(d.lint().is_valid(), "{:?}", d.lint().invalid);
    d.rows[new].raw.checks[c].test = "I.1.4 <= abc".to_owned();
    assert!(lint(&d).test.is_some_and(|e| e.contains("“abc”")));
    d.rows[new].raw.checks[c].test = "I.1.4 <= I.1.9".to_owned();
    assert!(
        lint(&d)
            .test
            .is_some_and(|e| e.contains("không có chỉ tiêu I.1.9"))
    );
    d.rows[new].raw.checks[c].test = "I.1.4 <= I.1.1".to_owned();
    d.rows[new].raw.checks[c].when = Some("I.1 = 0".to_owned());
    assert!(
        lint(&d)
            .when
            .is_some_and(|e| e.contains("I.1 không phải là số"))
    );
    d.rows[new].raw.checks[c].when = Some(String::new());
    assert_eq!(lint(&d), CheckLint::default());
    // The written check gets an id from its test.
    let raw = d.to_raw();
    assert_eq!(raw.rows[new].checks[0].id, "I.1.4<=I.1.1");
}

#[test]
fn checks_written_alike_get_different_ids() {
    let mut d = builtin();
    let at = at(&d, "I.1.3");
    for _ in 0..2 {
        let c = d.add_check(at).expect("check");
        d.rows[at].raw.checks[c].test = "I.1.3 <= I.1.1".to_owned();
    }
    let raw = d.to_raw();
    let got: Vec<&str> = raw.rows[at].checks.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(got, ["I.1.3<=I.1.1", "I.1.3<=I.1.1-2"]);
    assert!(Template::from_raw(raw).is_ok());
}

#[test]
fn a_kind_change_keeps_what_fits() {
    let mut raw = empty_row();
    raw.unit = Some("Tin, bài".to_owned());
    set_kind(&mut raw, Some("yes_no"));
    assert_eq!(raw.unit, None, "the codes are the unit now");
    let codes: Vec<u32> = raw.options.iter().flatten().map(|o| o.code).collect();
    assert_eq!(codes, [1, 0]);
    set_kind(&mut raw, Some("choice"));
    assert_eq!(raw.options.as_ref().map(Vec::len), Some(2), "kept");
    set_kind(&mut raw, Some("count"));
    assert_eq!(raw.options, None);
    raw.required = Some(crate::model::check::Severity::Warning);
    set_kind(&mut raw, None);
    assert_eq!(raw.required, None, "a heading cannot be required");
    set_kind(&mut raw, Some("choice"));
    let codes: Vec<u32> = raw.options.iter().flatten().map(|o| o.code).collect();
    assert_eq!(codes, [1, 2]);
}

#[test]
fn sections_and_groups_are_added_where_they_belong() {
    let mut d = builtin();
    let (new, _) = d.add_section();
    assert_eq!(d.rows[new].raw.id, "VIII");
    let (group, _) = d.add_child(new).expect("group");
    assert_eq!(d.rows[group].raw.id, "VIII.1");
    let (item, _) = d.add_child(group).expect("row");
    assert!(d.add_child(item).is_none());
    let (after, renumbered) = d.add_after(at(&d, "I.1")).expect("group");
    assert_eq!(d.rows[after].raw.id, "I.2");
    assert_eq!(d.rows[after - 1].raw.id, "I.1.3");
    assert!(
        renumbered
            .changed
            .contains(&("I.2.1".to_owned(), "I.3.1".to_owned()))
    );
}

#[test]
fn moving_the_form_to_two_level_government_keeps_rows_valid_and_names_them() {
    let mut draft = builtin();
    assert_eq!(draft.levels(), LevelChoice::before_2025());
    let changed = draft.set_levels(LevelChoice::two_level());
    // The district's rows (I.2.3, III.6.1, …) are the province's now.
    assert!(changed.contains(&"III.6.1".to_owned()), "{changed:?}");
    assert!(draft.lint().invalid.is_none(), "{:?}", draft.lint().invalid);
    let template = Template::from_raw(draft.to_raw()).expect("valid");
    assert!(template.offers(Level::Tinh) && !template.offers(Level::Huyen));
    let row = template
        .row(&crate::model::IndicatorId::parse("III.6.1").expect("id"))
        .expect("row");
    assert!(row.applies_to(Some(Level::Tinh)) && !row.applies_to(Some(Level::Xa)));
    // And back: the file says nothing, as the 2021 form's does.
    draft.set_levels(LevelChoice::before_2025());
    assert!(draft.to_raw().levels.is_none());
}

#[test]
fn how_a_row_combines_is_offered_by_its_kind_and_a_weight_is_a_count_above_it() {
    assert_eq!(aggregate_options(Some("percent"))[0], (None, "Trung bình"));
    assert_eq!(aggregate_options(Some("text")).len(), 1);
    assert!(aggregate_options(None).is_empty());
    let draft = builtin();
    let at = draft
        .rows
        .iter()
        .position(|r| r.raw.id == "III.6.3")
        .expect("III.6.3");
    assert!(combines_as_mean(&draft.rows[at].raw), "a rate");
    let candidates = draft.weight_candidates(at);
    assert!(candidates.iter().any(|(id, _)| id == "III.6.1"));
    assert!(
        candidates
            .iter()
            .all(|(id, _)| id != "III.6.3" && id != "III.6.4")
    );
    // Every option the editor offers is one the template reader takes.
    for kind in [
        "count", "decimal", "percent", "yes_no", "choice", "document", "text",
    ] {
        for (aggregate, _) in aggregate_options(Some(kind)) {
            let mut d = builtin();
            let (new, _) = d.add_after(at).expect("a new row");
            let row = &mut d.rows[new].raw;
            row.label = "Chỉ tiêu mới".to_owned();
            set_kind(row, Some(kind));
            if kind == "choice" {
                row.options = Some(vec![
                    Choice {
                        code: 1,
                        label: "Tốt".to_owned(),
                    },
                    Choice {
                        code: 2,
                        label: "Khá".to_owned(),
                    },
                ]);
            }
            row.aggregate = aggregate.map(str::to_owned);
            assert!(
                Template::from_raw(d.to_raw()).is_ok(),
                "{kind} {aggregate:?}"
            );
        }
    }
}

#[test]
fn a_new_kind_drops_a_roll_up_it_does_not_take_and_the_weight_of_a_mean_no_more() {
    let mut draft = builtin();
    let at = draft
        .rows
        .iter()
        .position(|r| r.raw.id == "III.6.3")
        .expect("III.6.3");
    assert_eq!(draft.rows[at].raw.weight.as_deref(), Some("III.6.1"));
    // A weighed rate made a count: it adds up now, no weight.
    set_kind(&mut draft.rows[at].raw, Some("count"));
    assert_eq!(draft.rows[at].raw.weight, None);
    assert!(draft.lint().invalid.is_none(), "{:?}", draft.lint().invalid);
    // A count averaged made a yes/no: counted by code.
    let raw = &mut draft.rows[at].raw;
    raw.aggregate = Some("mean".to_owned());
    set_kind(raw, Some("yes_no"));
    assert_eq!(raw.aggregate, None);
    assert!(draft.lint().invalid.is_none(), "{:?}", draft.lint().invalid);
    // What a file wrote reads in words, even the kind's default written out.
    assert_eq!(
        aggregate_wording(Some("percent"), Some("mean")),
        "Trung bình"
    );
    assert_eq!(aggregate_wording(Some("count"), Some("sum")), "Cộng dồn");
    assert_eq!(aggregate_wording(Some("yes_no"), None), "Đếm theo mã");
}
