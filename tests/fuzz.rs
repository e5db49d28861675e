//! Property tests (proptest, run by `cargo test`): the number parser and the loaders
//! never panic, whatever they are given, and numbers survive format → parse.

use std::path::Path;

use phuluc::model::Template;
use phuluc::model::value::{NumberKind, format_number, parse_date, parse_number};
use phuluc::store::report_file::report_from_bytes;
use phuluc::store::templates::TemplateStore;
use proptest::prelude::*;

const EXAMPLE: &str = include_str!("../assets/examples/nga-nam-2021.phuluc.json");

fn kinds() -> impl Strategy<Value = NumberKind> {
    prop_oneof![
        Just(NumberKind::Count),
        Just(NumberKind::Decimal),
        Just(NumberKind::Percent)
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn the_number_parser_never_panics(text in "\\PC{0,24}", kind in kinds()) {
        let _ = parse_number(&text, kind);
        let _ = parse_date(&text);
    }

    #[test]
    fn number_like_text_never_panics(text in "[-+ 0-9.,%\u{a0}０-９．，]{0,20}", kind in kinds()) {
        if let Ok(Some(v)) = parse_number(&text, kind) {
            // Whatever was accepted reads back the same once shown the Vietnamese way.
            prop_assert_eq!(parse_number(&format_number(v), kind), Ok(Some(v)));
        }
    }

    #[test]
    fn format_then_parse_is_the_identity(whole in 0u64..10_000_000_000, cents in 0u32..100) {
        let v: f64 = format!("{whole}.{cents:02}").parse().expect("number");
        prop_assert_eq!(parse_number(&format_number(v), NumberKind::Decimal), Ok(Some(v)));
        let count = whole as f64;
        prop_assert_eq!(parse_number(&format_number(count), NumberKind::Count), Ok(Some(count)));
    }

    #[test]
    fn percentages_round_trip(hundredths in 0u32..=10_000) {
        let v = f64::from(hundredths) / 100.0;
        prop_assert_eq!(parse_number(&format_number(v), NumberKind::Percent), Ok(Some(v)));
    }

    #[test]
    fn holds_exactly_is_the_round_trip_through_the_display(
        v in prop_oneof![
            any::<f64>(),
            (-1_000_000i64..10_000_000_000_000_000).prop_map(|n| n as f64),
            (-100_000i64..100_000_000).prop_map(|n| n as f64 / 100.0),
        ],
    ) {
        for kind in [NumberKind::Count, NumberKind::Decimal, NumberKind::Percent] {
            let round_trip = matches!(parse_number(&format_number(v), kind), Ok(Some(p)) if p == v);
            prop_assert_eq!(phuluc::model::value::holds_exactly(v, kind), round_trip, "{} {:?}", v, kind);
        }
    }

}

proptest! {
    // Loading a whole report takes about a millisecond in a debug build: fewer cases.
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn arbitrary_bytes_never_crash_the_loaders(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let store = TemplateStore::builtin_only();
        let _ = report_from_bytes(Path::new("x"), &bytes, &store);
        if let Ok(text) = std::str::from_utf8(&bytes) {
            let _ = Template::from_json(text);
        }
    }

    #[test]
    fn a_mangled_report_never_crashes_the_loader(cut in 0usize..EXAMPLE.len(), at in 0usize..EXAMPLE.len(), junk in "[\\[\\]{}\":,0-9a-zđ ]{0,8}") {
        // What a bad USB stick or e-mail client does: bytes cut off, bytes inserted.
        let mut text = EXAMPLE[..EXAMPLE.floor_char_boundary(cut)].to_owned();
        let at = text.floor_char_boundary(at.min(text.len()));
        text.insert_str(at, &junk);
        let _ = report_from_bytes(Path::new("x"), text.as_bytes(), &TemplateStore::builtin_only());
    }
}
