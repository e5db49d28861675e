//! A JSON check that serde_json does not do: the same key twice in one object.
//!
//! serde_json quietly keeps the last of two equal keys, so a file edited by hand or
//! mangled by a tool could lose a value without a word. Report and template files
//! are read through [`parse`] (templates) or its seed [`Build`] (reports), which name the
//! key and its line.

use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

/// The text as a JSON value, read once, refusing a key that appears twice in one object
/// (an error of category `Data`, with the line of the second key; a malformed text gives
/// `Syntax` or `Eof` errors as `serde_json::from_str` does).
pub fn parse(text: &str) -> Result<Value, serde_json::Error> {
    let mut de = serde_json::Deserializer::from_str(text);
    let value = Build.deserialize(&mut de)?;
    de.end()?;
    Ok(value)
}

/// Builds a [`Value`] as serde_json's own does, refusing repeated keys (the seed and
/// visitor of [`parse`], for readers that build part of a file themselves).
pub struct Build;

impl<'de> DeserializeSeed<'de> for Build {
    type Value = Value;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(Build)
    }
}

impl<'de> Visitor<'de> for Build {
    type Value = Value;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("JSON")
    }
    fn visit_bool<E>(self, b: bool) -> Result<Value, E> {
        Ok(Value::Bool(b))
    }
    fn visit_i64<E>(self, n: i64) -> Result<Value, E> {
        Ok(Value::Number(n.into()))
    }
    fn visit_u64<E>(self, n: u64) -> Result<Value, E> {
        Ok(Value::Number(n.into()))
    }
    fn visit_f64<E>(self, n: f64) -> Result<Value, E> {
        Ok(Number::from_f64(n).map_or(Value::Null, Value::Number))
    }
    fn visit_str<E>(self, s: &str) -> Result<Value, E> {
        Ok(Value::String(s.to_owned()))
    }
    fn visit_string<E>(self, s: String) -> Result<Value, E> {
        Ok(Value::String(s))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(item) = seq.next_element_seed(Build)? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut object = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if object.contains_key(&key) {
                return Err(repeated(&key));
            }
            let value = map.next_value_seed(Build)?;
            object.insert(key, value);
        }
        Ok(Value::Object(object))
    }
}

/// The error of a key given twice in one object (category `Data`; serde_json adds the line).
pub fn repeated<E: serde::de::Error>(key: &str) -> E {
    E::custom(format!("khoá “{key}” xuất hiện hai lần"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_repeated_key_at_any_depth() {
        assert!(parse(r#"{"a": 1, "b": [{"c": 1}], "d": {"e": null}}"#).is_ok());
        let err = parse("{\n\"values\": {\"I.1.1\": {\"value\": 1},\n \"I.1.1\": {\"value\": 2}}}")
            .expect_err("duplicate");
        assert!(
            err.to_string().contains("“I.1.1” xuất hiện hai lần"),
            "{err}"
        );
        assert_eq!(err.line(), 3);
        assert!(parse("{} x").is_err());
        let deep = "[".repeat(10_000);
        assert!(parse(&deep).is_err(), "recursion limit, no stack overflow");
    }

    #[test]
    fn parse_reads_what_serde_json_reads_and_refuses_a_repeated_key() {
        let text = r#"{"a": 1, "b": [{"c": -2.5, "d": "Hồ sơ \"x\""}, true, null], "e": 18446744073709551615}"#;
        let ours = parse(text).expect("parses");
        let theirs: Value = serde_json::from_str(text).expect("parses");
        assert_eq!(ours, theirs);
        let err = parse("{\n\"a\": {\"x\": 1,\n \"x\": 2}}").expect_err("duplicate");
        assert_eq!(err.classify(), serde_json::error::Category::Data);
        assert_eq!(err.line(), 3);
        assert!(err.to_string().contains("“x” xuất hiện hai lần"), "{err}");
        let broken = parse("{\"a\": ").expect_err("broken");
        assert_eq!(broken.classify(), serde_json::error::Category::Eof);
        assert!(parse("{} x").is_err());
        assert!(parse(&"[".repeat(10_000)).is_err(), "no stack overflow");
    }
}
