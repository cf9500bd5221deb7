//! Object ids and the labels and titles derived from them.

use std::fmt;

use crate::error::{Error, Result};

/// GitHub caps label names at 50 characters and the id travels in `UID:<id>`.
pub const MAX_ID_CHARS: usize = 50 - UID_PREFIX.len();
pub const UID_PREFIX: &str = "UID:";
pub const TITLE_PREFIX: &str = "Stored Object: ";

/// A validated object id: 1–46 characters, no comma (it would split GitHub's `labels=`
/// filter), no control characters, no surrounding whitespace (GitHub may trim it).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ObjectId(String);

impl ObjectId {
    /// Every id of a command line, all checked before anything is read or written.
    pub fn parse_all(texts: &[String]) -> Result<Vec<ObjectId>> {
        texts.iter().map(|text| ObjectId::parse(text)).collect()
    }

    pub fn parse(text: &str) -> Result<ObjectId> {
        let invalid = |why: &str| {
            Error::usage(format!("invalid object id {text:?}: {why}")).with_hint(
                "ids are 1-46 characters, without commas, control characters or surrounding spaces",
            )
        };
        let chars = text.chars().count();
        if chars == 0 {
            return Err(invalid("it is empty"));
        }
        if chars > MAX_ID_CHARS {
            return Err(invalid(&format!(
                "it is {chars} characters long (at most {MAX_ID_CHARS})"
            )));
        }
        if text.contains(',') {
            return Err(invalid("it contains a comma"));
        }
        if text.chars().any(char::is_control) {
            return Err(invalid("it contains a control character"));
        }
        if text.trim() != text {
            return Err(invalid("it starts or ends with whitespace"));
        }
        Ok(ObjectId(text.to_string()))
    }

    /// Reads the id from an issue's labels: the first `UID:` label, as both existing
    /// clients do.
    pub fn from_labels<'a>(mut labels: impl Iterator<Item = &'a str>) -> Option<ObjectId> {
        labels
            .find_map(|name| name.strip_prefix(UID_PREFIX))
            .map(|id| ObjectId(id.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The identity label, `UID:<id>`.
    pub fn label(&self) -> String {
        format!("{UID_PREFIX}{}", self.0)
    }

    /// The issue title without checkpoint, `Stored Object: <id>`.
    pub fn title(&self) -> String {
        format!("{TITLE_PREFIX}{}", self.0)
    }
}

impl fmt::Display for ObjectId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    #[test]
    fn accepts_ordinary_ids() {
        for ok in [
            "cfg",
            "a",
            "user:42",
            "déjà vu",
            "x".repeat(46).as_str(),
            "a/b c",
        ] {
            assert_eq!(ObjectId::parse(ok).unwrap().as_str(), ok);
        }
    }

    #[test]
    fn rejects_ids_github_cannot_hold() {
        for bad in [
            "",
            " x",
            "x ",
            "a,b",
            "a\nb",
            "tab\there",
            "x".repeat(47).as_str(),
        ] {
            let err = ObjectId::parse(bad).unwrap_err();
            assert_eq!(err.kind, ErrorKind::Usage, "{bad:?}");
        }
    }

    #[test]
    fn label_and_title() {
        let id = ObjectId::parse("cfg").unwrap();
        assert_eq!(id.label(), "UID:cfg");
        assert_eq!(id.title(), "Stored Object: cfg");
        let found = ObjectId::from_labels(["gh-store", "UID:cfg", "UID:other"].into_iter());
        assert_eq!(found, Some(id));
    }
}
