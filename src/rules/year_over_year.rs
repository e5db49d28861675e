//! The year-over-year check, as DHIS2's min–max: a number that moved much further from
//! last year's than the template allows ([`YearOverYear`]) is worth a second look. A
//! warning, explained like any other; it only speaks when the report was started from
//! last year's ([`PreviousYear`]) and both years hold a number.

use super::{Finding, Severity, finding, short_label};
use crate::model::template::YearOverYear;
use crate::model::value::format_number;
use crate::model::{Cell, IndicatorId, Kind, PreviousYear, Report, Row, Template};

/// Rule id of the year-over-year check.
pub const RULE_YEAR_OVER_YEAR: &str = "o.so-voi-nam-truoc";

/// The warning for one row, if its number moved further than `limits` allow.
pub(super) fn check(
    limits: YearOverYear,
    previous: &PreviousYear,
    row: &Row,
    cell: &Cell,
) -> Option<Finding> {
    let (Some(kind @ (Kind::Count | Kind::Decimal | Kind::Percent)), Some(now)) =
        (&row.kind, cell.number())
    else {
        return None;
    };
    let before = previous.number(&row.id)?;
    let change = now - before;
    let percent_row = *kind == Kind::Percent;
    let beyond = if percent_row {
        change.abs() > limits.points
    } else {
        // Compared without dividing, so that the edge of the limit is inside it exactly
        // (100 → 107 is 7 %, not 7,000000000000001 %).
        change.abs() > limits.units && change.abs() * 100.0 > limits.percent * before.abs()
    };
    // This runs for every row on every keystroke: words only for a warning.
    if !beyond {
        return None;
    }
    let word = if change > 0.0 { "tăng" } else { "giảm" };
    let year = previous.in_sentence();
    let head = format!("{} {}", row.id, short_label(&row.label));
    let message = if percent_row {
        format!(
            "{head}: {} % so với {} % của {year}, {word} {} điểm phần trăm (mẫu biểu cho phép {} điểm); kiểm tra lại số liệu hoặc giải trình",
            format_number(now),
            format_number(before),
            format_number(change.abs()),
            format_number(limits.points),
        )
    } else {
        let by = if before == 0.0 {
            format_number(change.abs())
        } else {
            // One decimal: +50,4 % must not read "50 %" next to a limit of 50 %.
            let percent = change.abs() / before.abs() * 100.0;
            format!(
                "{} ({} %)",
                format_number(change.abs()),
                format_number((percent * 10.0).round() / 10.0)
            )
        };
        format!(
            "{head}: {} so với {} của {year}, {word} {by} (mẫu biểu cho phép ±{} % hoặc {} đơn vị); kiểm tra lại số liệu hoặc giải trình",
            format_number(now),
            format_number(before),
            format_number(limits.percent),
            format_number(limits.units),
        )
    };
    Some(finding(
        Severity::Warning,
        RULE_YEAR_OVER_YEAR,
        vec![row.id.clone()],
        message,
    ))
}

/// Add last year's figures of the indicators a finding names to its message ("… (năm
/// 2021: 5.068)"), so the officer sees them where the problem is said. The
/// year-over-year warning already names them.
pub(super) fn name_last_year(template: &Template, report: &Report, findings: &mut [Finding]) {
    let Some(previous) = &report.previous else {
        return;
    };
    let year = previous.in_sentence();
    for f in findings {
        if f.rule == RULE_YEAR_OVER_YEAR {
            continue;
        }
        let shown: Vec<(&IndicatorId, String)> = f
            .indicators
            .iter()
            .filter_map(|id| {
                let text = previous.shown(template.row(id)?);
                (!text.is_empty()).then_some((id, text))
            })
            .collect();
        match shown.as_slice() {
            [] => {}
            [(_, text)] if f.indicators.len() == 1 => {
                f.message.push_str(&format!(" ({year}: {text})"));
            }
            many => {
                let list: Vec<String> = many.iter().map(|(id, t)| format!("{id} = {t}")).collect();
                f.message
                    .push_str(&format!(" ({year}: {})", list.join("; ")));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::evaluate;

    fn id(s: &str) -> IndicatorId {
        IndicatorId::parse(s).expect("id")
    }

    /// A report of 2022 started from a 2021 one whose `before` values are given.
    fn started_from(template: &Template, before: &[(&str, &str)]) -> Report {
        let mut last = Report::new(template);
        last.general.year = "2021".to_owned();
        for (at, text) in before {
            last.set_text(template, &id(at), text).expect("value");
        }
        last.next_year("2021.phuluc.json")
    }

    fn set(template: &Template, report: &mut Report, at: &str, text: &str) {
        report.set_text(template, &id(at), text).expect("set");
    }

    fn yoy(template: &Template, report: &Report) -> Vec<Finding> {
        evaluate(template, report)
            .into_iter()
            .filter(|f| f.rule == RULE_YEAR_OVER_YEAR)
            .collect()
    }

    fn percent_row(template: &Template) -> IndicatorId {
        template
            .rows()
            .iter()
            .find(|r| r.kind == Some(Kind::Percent))
            .expect("a percent row")
            .id
            .clone()
    }

    #[test]
    fn a_count_warns_only_past_both_the_share_and_the_units() {
        let template = Template::builtin().expect("template");
        let mut report = started_from(&template, &[("III.6.1", "5.068"), ("III.6.2", "30")]);
        // +49 %: inside the share.
        set(&template, &mut report, "III.6.1", "7.551");
        // +60 % but only 18 units.
        set(&template, &mut report, "III.6.2", "48");
        assert!(
            yoy(&template, &report).is_empty(),
            "{:?}",
            yoy(&template, &report)
        );

        set(&template, &mut report, "III.6.1", "9.000");
        set(&template, &mut report, "III.6.2", "9");
        let found = yoy(&template, &report);
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0].indicators, vec![id("III.6.1")]);
        assert_eq!(found[0].severity, Severity::Warning);
        assert!(
            found[0]
                .message
                .contains("9.000 so với 5.068 của năm 2021, tăng 3.932 (77,6 %)"),
            "{}",
            found[0].message
        );
        assert!(found[0].message.contains("±50 % hoặc 20 đơn vị"));
        assert!(
            found[1]
                .message
                .contains("9 so với 30 của năm 2021, giảm 21 (70 %)"),
            "{}",
            found[1].message
        );
    }

    #[test]
    fn the_edge_of_a_limit_is_inside_it() {
        let template = Template::builtin().expect("template");
        let mut report = started_from(&template, &[("III.6.1", "100")]);
        set(&template, &mut report, "III.6.1", "150");
        assert!(yoy(&template, &report).is_empty());
        set(&template, &mut report, "III.6.1", "151");
        assert_eq!(yoy(&template, &report).len(), 1);
    }

    #[test]
    fn from_zero_only_the_units_count() {
        let template = Template::builtin().expect("template");
        let mut report = started_from(&template, &[("III.6.1", "0")]);
        set(&template, &mut report, "III.6.1", "20");
        assert!(yoy(&template, &report).is_empty());
        set(&template, &mut report, "III.6.1", "21");
        let found = yoy(&template, &report);
        assert!(
            found[0]
                .message
                .contains("21 so với 0 của năm 2021, tăng 21 ("),
            "{}",
            found[0].message
        );
    }

    #[test]
    fn a_percent_warns_past_its_points() {
        let template = Template::builtin().expect("template");
        let row = percent_row(&template);
        let mut report = started_from(&template, &[(row.as_str(), "95,83")]);
        set(&template, &mut report, row.as_str(), "75,83");
        assert!(yoy(&template, &report).is_empty());
        set(&template, &mut report, row.as_str(), "75");
        let found = yoy(&template, &report);
        assert_eq!(found.len(), 1);
        assert!(
            found[0]
                .message
                .contains("75 % so với 95,83 % của năm 2021, giảm 20,83 điểm phần trăm"),
            "{}",
            found[0].message
        );
    }

    #[test]
    fn nothing_without_last_year_or_without_this_years_number() {
        let template = Template::builtin().expect("template");
        let mut report = Report::new(&template);
        set(&template, &mut report, "III.6.1", "9.000");
        assert!(yoy(&template, &report).is_empty());
        let report = started_from(&template, &[("III.6.1", "5.068")]);
        assert!(yoy(&template, &report).is_empty());
    }

    #[test]
    fn the_template_sets_the_limits() {
        let text = crate::model::template::BUILTIN_2021.replacen(
            "\"rows\"",
            "\"year_over_year\": {\"percent\": 10, \"units\": 5, \"points\": 1},\n  \"rows\"",
            1,
        );
        let template = Template::from_json(&text).expect("template with limits");
        assert_eq!(template.year_over_year.units, 5.0);
        let mut report = started_from(&template, &[("III.6.1", "100")]);
        set(&template, &mut report, "III.6.1", "111");
        let found = yoy(&template, &report);
        assert_eq!(found.len(), 1);
        assert!(
            found[0].message.contains("±10 % hoặc 5 đơn vị"),
            "{}",
            found[0].message
        );

        // The edge of a limit is inside it, to the last digit: 100 → 107 at 7 %.
        let seven = crate::model::template::BUILTIN_2021.replacen(
            "\"rows\"",
            "\"year_over_year\": {\"percent\": 7, \"units\": 0},\n  \"rows\"",
            1,
        );
        let template = Template::from_json(&seven).expect("a partial year_over_year");
        assert_eq!(template.year_over_year.points, 20.0, "the default");
        let mut report = started_from(&template, &[("III.6.1", "100")]);
        set(&template, &mut report, "III.6.1", "107");
        assert!(
            yoy(&template, &report).is_empty(),
            "{:?}",
            yoy(&template, &report)
        );
        set(&template, &mut report, "III.6.1", "108");
        assert_eq!(yoy(&template, &report).len(), 1);

        let wrong = text.replace("\"points\": 1", "\"points\": -1");
        let err = Template::from_json(&wrong).expect_err("negative limit");
        assert!(err.to_string().contains("year_over_year.points"), "{err}");
    }

    #[test]
    fn an_explained_warning_stays_explained_and_other_messages_name_last_year() {
        let template = Template::builtin().expect("template");
        let mut report = started_from(&template, &[("III.6.1", "5.068"), ("III.6.2", "4.999")]);
        set(&template, &mut report, "III.6.1", "9.000");
        set(&template, &mut report, "III.6.2", "9.500");
        let all = evaluate(&template, &report);
        let warning = all
            .iter()
            .find(|f| f.rule == RULE_YEAR_OVER_YEAR && f.indicators == vec![id("III.6.1")])
            .expect("warned");
        report
            .acknowledged
            .insert(warning.key(), "Năm nay sáp nhập thêm hai xã".to_owned());
        let all = evaluate(&template, &report);
        let warning = all
            .iter()
            .find(|f| f.key() == warning.key())
            .expect("still found");
        assert_eq!(
            warning.explained.as_deref(),
            Some("Năm nay sáp nhập thêm hai xã")
        );
        // III.6.2 > III.6.1 breaks a check of the form; its message names last year's.
        let broken = all
            .iter()
            .find(|f| {
                f.rule != RULE_YEAR_OVER_YEAR
                    && f.indicators.contains(&id("III.6.1"))
                    && f.indicators.contains(&id("III.6.2"))
            })
            .expect("the form's check");
        assert!(
            broken
                .message
                .ends_with("(9.000) (năm 2021: III.6.2 = 4.999; III.6.1 = 5.068)"),
            "{}",
            broken.message
        );
    }
}
