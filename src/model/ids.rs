//! Indicator ids: the dotted numbers that name every row of the form.
//!
//! A section is a Roman numeral (`III`), a group adds its number (`III.6`) and a
//! row under a group adds its position (`III.6.10`). Ids are what reports,
//! rules and the command line use to talk about a row, so they are parsed once
//! and then trusted everywhere.

use std::fmt;

/// A validated indicator id such as `I`, `III.6` or `III.6.10`.
///
/// Ordered as its text is (byte by byte), compared inline: ids are a few bytes long and
/// reports are maps by id, searched thousands of times in a roll-up, where a call to
/// `memcmp` per comparison was a tenth of the time.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct IndicatorId(String);

impl Ord for IndicatorId {
    #[inline]
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        let (a, b) = (self.0.as_bytes(), other.0.as_bytes());
        for (x, y) in a.iter().zip(b) {
            if x != y {
                return x.cmp(y);
            }
        }
        a.len().cmp(&b.len())
    }
}

impl PartialOrd for IndicatorId {
    #[inline]
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// A map by indicator id with a hasher for short keys (FNV-1a) rather than the default
/// SipHash, which guards against hostile keys that a template's few hundred ids are not.
pub type IdMap<V> = std::collections::HashMap<IndicatorId, V, IdHash>;

/// The hasher of [`IdMap`].
pub type IdHash = std::hash::BuildHasherDefault<Fnv>;

/// FNV-1a, 64 bits.
#[derive(Debug, Clone, Copy)]
pub struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
}

/// How deep a row sits in the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Depth {
    /// A reform area, `I` … `VII`.
    Section,
    /// A numbered group inside a section, `III.6`.
    Group,
    /// An unnumbered row under a group, `III.6.1`.
    Item,
}

const ROMAN: [&str; 20] = [
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV",
    "XVI", "XVII", "XVIII", "XIX", "XX",
];

impl IndicatorId {
    /// Parse an id; `None` when it is not of the form `ROMAN[.n[.m]]`.
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        let mut parts = text.split('.');
        let section = parts.next()?;
        if !ROMAN.contains(&section) {
            return None;
        }
        let mut count = 0;
        for part in parts {
            count += 1;
            let ok = count <= 2
                && !part.is_empty()
                && part.len() <= 3
                && part.bytes().all(|b| b.is_ascii_digit())
                && !part.starts_with('0');
            if !ok {
                return None;
            }
        }
        Some(Self(text.to_owned()))
    }

    /// The id as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Section, group or item.
    pub fn depth(&self) -> Depth {
        match self.0.matches('.').count() {
            0 => Depth::Section,
            1 => Depth::Group,
            _ => Depth::Item,
        }
    }

    /// The id of the row this one sits under (`III.6` for `III.6.10`).
    pub fn parent(&self) -> Option<IndicatorId> {
        self.0.rfind('.').map(|at| Self(self.0[..at].to_owned()))
    }

    /// The section part (`III` for `III.6.10`).
    pub fn section(&self) -> &str {
        self.0.split('.').next().unwrap_or(&self.0)
    }

    /// What the Stt column shows: the Roman numeral for a section, the group
    /// number for a group, nothing for a row under a group.
    pub fn stt(&self) -> &str {
        match self.depth() {
            Depth::Section => &self.0,
            Depth::Group => self.0.rsplit('.').next().unwrap_or(""),
            Depth::Item => "",
        }
    }
}

impl serde::Serialize for IndicatorId {
    /// As written (`"III.6.10"`), as the report file and `phuluc check --json` show ids.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

/// Look an id up by its text (in a map keyed by ids) without parsing it first; equal,
/// ordered and hashed exactly as the text is.
impl std::borrow::Borrow<str> for IndicatorId {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl PartialEq<&str> for IndicatorId {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl fmt::Display for IndicatorId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_three_depths() {
        let cases = [
            ("I", Some(Depth::Section)),
            ("VII", Some(Depth::Section)),
            ("III.6", Some(Depth::Group)),
            ("III.6.10", Some(Depth::Item)),
            (" II.1 ", Some(Depth::Group)),
            ("", None),
            ("IIII", None),
            ("iii.6", None),
            ("III.", None),
            ("III.06", None),
            ("III.6.1.2", None),
            ("III.a", None),
            ("3.6", None),
        ];
        for (text, depth) in cases {
            assert_eq!(
                IndicatorId::parse(text).map(|id| id.depth()),
                depth,
                "{text:?}"
            );
        }
    }

    #[test]
    fn parent_section_and_stt() {
        let id = IndicatorId::parse("III.6.10").expect("valid");
        assert_eq!(id.parent().map(|p| p.to_string()), Some("III.6".to_owned()));
        assert_eq!(id.section(), "III");
        assert_eq!(id.stt(), "");
        let group = IndicatorId::parse("III.6").expect("valid");
        assert_eq!(group.stt(), "6");
        assert_eq!(
            group.parent().map(|p| p.to_string()),
            Some("III".to_owned())
        );
        let section = IndicatorId::parse("VII").expect("valid");
        assert_eq!(section.stt(), "VII");
        assert_eq!(section.parent(), None);
    }
}
