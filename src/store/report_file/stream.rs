//! Reading a report file in one pass. The values go straight into their parts (value,
//! invalid text, note) without a JSON tree per file, when the file names its template
//! before its values (as phuluc writes it: keys in alphabetical order, `template`
//! before `values`). Otherwise the values are read as JSON and turned into entries
//! afterwards, as before: the result is the same, only slower. A roll-up reads
//! thousands of files, so this is where its time goes.
//!
//! Every key given twice in one object is refused, as [`strict_json::parse`] does.
//!
//! [`strict_json::parse`]: crate::model::strict_json::parse

use std::borrow::Cow;
use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value as Json};

use crate::model::Template;
use crate::model::strict_json::{Build, repeated};
use crate::store::templates::TemplateStore;

/// A report file's JSON, read once.
pub(super) struct Parsed {
    /// Every top-level field but `values`.
    pub root: Map<String, Json>,
    /// The `values` field.
    pub values: Values,
}

/// The `values` field of a file.
pub(super) enum Values {
    /// Not in the file.
    Absent,
    /// Read as JSON: the template was not known before it, or it is not an object.
    Json(Json),
    /// Read for the template at this index of the known templates.
    Read {
        /// Index of the template.
        at: usize,
        /// The entries in file order.
        items: Vec<Item>,
    },
}

/// One entry of `values`, read for a known template.
pub(super) enum Item {
    /// An object of the entry's own keys, for the row at this index of the template.
    Row {
        /// The row's position.
        at: usize,
        /// The key as written, when it is not exactly the row's id (spaces around it).
        key: Option<String>,
        /// The entry's parts.
        parts: Parts,
    },
    /// Anything else, kept as written: an id the template lacks, or an entry of another
    /// shape.
    Raw {
        /// The key as written.
        key: String,
        /// The entry.
        raw: Json,
    },
}

/// The fields of an entry of our shape, each as written.
#[derive(Default)]
pub(super) struct Parts {
    pub value: Option<Json>,
    pub invalid: Option<Json>,
    pub note: Option<Json>,
}

impl Parts {
    /// The entry as a JSON object again (kept aside when it does not fit its row).
    pub fn into_object(self) -> Map<String, Json> {
        let mut o = Map::new();
        for (key, part) in [
            ("value", self.value),
            ("invalid", self.invalid),
            ("note", self.note),
        ] {
            if let Some(part) = part {
                o.insert(key.to_owned(), part);
            }
        }
        o
    }
}

/// Read a report file's text. `Ok(None)` when it is JSON but not an object.
/// `skip_previous`: last year's values are skipped unread (their key is kept, as null).
pub(super) fn read(
    text: &str,
    templates: &TemplateStore,
    known: &mut Vec<Template>,
    skip_previous: bool,
) -> Result<Option<Parsed>, serde_json::Error> {
    let mut de = serde_json::Deserializer::from_str(text);
    let parsed = RootSeed {
        templates,
        known,
        skip_previous,
    }
    .deserialize(&mut de)?;
    de.end()?;
    Ok(parsed)
}

/// The template id and version a file's top level names, if it names them.
pub(super) fn named_template(root: &Map<String, Json>) -> Option<(&str, &str)> {
    let named = root.get("template")?.as_object()?;
    Some((named.get("id")?.as_str()?, named.get("version")?.as_str()?))
}

/// The index in `known` of the template this id and version name, looking it up in
/// `templates` (and adding it to `known`) the first time.
pub(super) fn known_template(
    id: &str,
    version: &str,
    templates: &TemplateStore,
    known: &mut Vec<Template>,
) -> Option<usize> {
    if let Some(at) = known
        .iter()
        .position(|t| t.id == id && t.version == version)
    {
        return Some(at);
    }
    known.push(templates.find(id, version)?);
    Some(known.len() - 1)
}

/// A key, borrowed from the text when it has no escapes.
struct Key;

impl<'de> DeserializeSeed<'de> for Key {
    type Value = Cow<'de, str>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_str(Key)
    }
}

impl<'de> Visitor<'de> for Key {
    type Value = Cow<'de, str>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a key")
    }
    fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(s))
    }
    fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(s.to_owned()))
    }
    fn visit_string<E: serde::de::Error>(self, s: String) -> Result<Self::Value, E> {
        Ok(Cow::Owned(s))
    }
}

/// Forwards every kind of JSON but an object to [`Build`], wrapping what it builds.
macro_rules! not_an_object {
    ($wrap:expr) => {
        fn visit_bool<E: serde::de::Error>(self, b: bool) -> Result<Self::Value, E> {
            Build.visit_bool(b).map($wrap)
        }
        fn visit_i64<E: serde::de::Error>(self, n: i64) -> Result<Self::Value, E> {
            Build.visit_i64(n).map($wrap)
        }
        fn visit_u64<E: serde::de::Error>(self, n: u64) -> Result<Self::Value, E> {
            Build.visit_u64(n).map($wrap)
        }
        fn visit_f64<E: serde::de::Error>(self, n: f64) -> Result<Self::Value, E> {
            Build.visit_f64(n).map($wrap)
        }
        fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Self::Value, E> {
            Build.visit_str(s).map($wrap)
        }
        fn visit_string<E: serde::de::Error>(self, s: String) -> Result<Self::Value, E> {
            Build.visit_string(s).map($wrap)
        }
        fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Build.visit_unit().map($wrap)
        }
        fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
            Build.visit_seq(seq).map($wrap)
        }
    };
}

struct RootSeed<'a> {
    templates: &'a TemplateStore,
    known: &'a mut Vec<Template>,
    skip_previous: bool,
}

impl<'de> DeserializeSeed<'de> for RootSeed<'_> {
    type Value = Option<Parsed>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for RootSeed<'_> {
    type Value = Option<Parsed>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("JSON")
    }
    not_an_object!(|_| None);
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut root = Map::new();
        let mut values = Values::Absent;
        while let Some(key) = map.next_key::<String>()? {
            if root.contains_key(&key) || (key == "values" && !matches!(values, Values::Absent)) {
                return Err(repeated(&key));
            }
            if key == "previous" && self.skip_previous {
                map.next_value::<serde::de::IgnoredAny>()?;
                root.insert(key, Json::Null);
                continue;
            }
            if key != "values" {
                let value = map.next_value_seed(Build)?;
                root.insert(key, value);
                continue;
            }
            let at = named_template(&root)
                .and_then(|(id, version)| known_template(id, version, self.templates, self.known));
            values = match at {
                Some(at) => map.next_value_seed(ValuesSeed {
                    template: &self.known[at],
                    at,
                })?,
                None => Values::Json(map.next_value_seed(Build)?),
            };
        }
        Ok(Some(Parsed { root, values }))
    }
}

struct ValuesSeed<'t> {
    template: &'t Template,
    at: usize,
}

impl<'de> DeserializeSeed<'de> for ValuesSeed<'_> {
    type Value = Values;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Values, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ValuesSeed<'_> {
    type Value = Values;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("JSON")
    }
    not_an_object!(Values::Json);
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Values, A::Error> {
        let rows = self.template.rows();
        let mut items = Vec::with_capacity(map.size_hint().unwrap_or(rows.len()));
        // Keys seen: those that are exactly a row's id by position, the others by text.
        let mut seen = vec![false; rows.len()];
        let mut other_keys: Vec<String> = Vec::new();
        while let Some(key) = map.next_key_seed(Key)? {
            let at = self.template.position_by_text(&key);
            let exact = at.filter(|&at| rows[at].id.as_str() == key);
            let again = match exact {
                Some(at) => std::mem::replace(&mut seen[at], true),
                None if other_keys.iter().any(|k| *k == key) => true,
                None => {
                    other_keys.push(key.to_string());
                    false
                }
            };
            if again {
                return Err(repeated(&key));
            }
            let item = match at {
                Some(at) => match map.next_value_seed(EntrySeed)? {
                    Ok(parts) => Item::Row {
                        at,
                        key: exact.is_none().then(|| key.into_owned()),
                        parts,
                    },
                    Err(raw) => Item::Raw {
                        key: key.into_owned(),
                        raw,
                    },
                },
                None => Item::Raw {
                    key: key.into_owned(),
                    raw: map.next_value_seed(Build)?,
                },
            };
            items.push(item);
        }
        Ok(Values::Read { at: self.at, items })
    }
}

/// One entry: its parts when it is an object of `value`, `invalid` and `note` only,
/// else the JSON as written.
struct EntrySeed;

impl<'de> DeserializeSeed<'de> for EntrySeed {
    type Value = Result<Parts, Json>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for EntrySeed {
    type Value = Result<Parts, Json>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("JSON")
    }
    not_an_object!(Err);
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut parts = Parts::default();
        while let Some(key) = map.next_key_seed(Key)? {
            let part = match &*key {
                "value" => &mut parts.value,
                "invalid" => &mut parts.invalid,
                "note" => &mut parts.note,
                _ => {
                    // Not ours: keep the whole entry as written.
                    let mut o = parts.into_object();
                    let mut key = key.into_owned();
                    loop {
                        if o.contains_key(&key) {
                            return Err(repeated(&key));
                        }
                        let value = map.next_value_seed(Build)?;
                        o.insert(key, value);
                        match map.next_key::<String>()? {
                            Some(next) => key = next,
                            None => return Ok(Err(Json::Object(o))),
                        }
                    }
                }
            };
            if part.is_some() {
                return Err(repeated(&key));
            }
            *part = Some(map.next_value_seed(Build)?);
        }
        Ok(Ok(parts))
    }
}
