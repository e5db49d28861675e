//! A JSON check that serde_json does not do: the same key twice in one object.
//!
//! serde_json quietly keeps the last of two equal keys, so a file edited by hand or
//! mangled by a tool could lose a value without a word. Report and template files
//! are read through [`reject_duplicate_keys`] first, which names the key and line.

use std::collections::HashSet;
use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, Error as _, MapAccess, SeqAccess, Visitor};

/// `Err` naming the first key that appears twice in one object (or any JSON error).
pub fn reject_duplicate_keys(text: &str) -> Result<(), serde_json::Error> {
    let mut de = serde_json::Deserializer::from_str(text);
    Walk.deserialize(&mut de)?;
    de.end()
}

struct Walk;

impl<'de> DeserializeSeed<'de> for Walk {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(Walk)
    }
}

impl<'de> Visitor<'de> for Walk {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("JSON")
    }
    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element_seed(Walk)?.is_some() {}
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut keys = HashSet::new();
        while let Some(key) = map.next_key::<String>()? {
            if !keys.insert(key.clone()) {
                return Err(A::Error::custom(format!("khoá “{key}” xuất hiện hai lần")));
            }
            map.next_value_seed(Walk)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_repeated_key_at_any_depth() {
        assert!(reject_duplicate_keys(r#"{"a": 1, "b": [{"c": 1}], "d": {"e": null}}"#).is_ok());
        let err = reject_duplicate_keys(
            "{\n\"values\": {\"I.1.1\": {\"value\": 1},\n \"I.1.1\": {\"value\": 2}}}",
        )
        .expect_err("duplicate");
        assert!(
            err.to_string().contains("“I.1.1” xuất hiện hai lần"),
            "{err}"
        );
        assert_eq!(err.line(), 3);
        assert!(reject_duplicate_keys("{} x").is_err());
        let deep = "[".repeat(10_000);
        assert!(
            reject_duplicate_keys(&deep).is_err(),
            "recursion limit, no stack overflow"
        );
    }
}
