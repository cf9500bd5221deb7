//! Extra labels on an object's issue (`--label`, the Python client's `extra_labels`): the
//! user's own, for GitHub's issue views and `list --label`. The names gh-store and the other
//! clients give meaning to cannot be added this way.

use super::object_id::UID_PREFIX;
use super::wire::{
    LABEL_ARCHIVED, LABEL_DEPRECATED, LABEL_OBJECT, LABEL_SYSTEM, PREFIX_ALIAS_TO,
    PREFIX_DEPRECATED_BY, PREFIX_MERGED_INTO,
};
use super::{ObjectId, Store};
use crate::error::{Error, Result};

/// GitHub's limit on a label's name.
const MAX_LABEL_CHARS: usize = 50;

/// Checks names given with `--label`, before any request; repeats are dropped.
pub fn extra_labels(names: &[String]) -> Result<Vec<String>> {
    let mut labels: Vec<String> = Vec::new();
    for name in names {
        let why = if name.trim().is_empty() || name.trim() != name {
            Some("a label is not empty and has no surrounding spaces")
        } else if name.chars().count() > MAX_LABEL_CHARS {
            Some("GitHub allows at most 50 characters")
        } else if name.contains(',') {
            // GitHub's `labels=` filter is comma-separated: such a label can never be found.
            Some("a comma cannot be searched for")
        } else if is_reserved(name) {
            Some("gh-store and the other clients give it a meaning")
        } else {
            None
        };
        if let Some(why) = why {
            return Err(Error::usage(format!("invalid label {name:?}: {why}")));
        }
        if !labels.iter().any(|l| l.eq_ignore_ascii_case(name)) {
            labels.push(name.clone());
        }
    }
    Ok(labels)
}

/// The names and prefixes of the wire format, matched as GitHub matches labels: without case.
fn is_reserved(name: &str) -> bool {
    let lower = name.to_lowercase();
    [LABEL_SYSTEM, LABEL_OBJECT, LABEL_ARCHIVED, LABEL_DEPRECATED].contains(&lower.as_str())
        || [
            UID_PREFIX,
            PREFIX_ALIAS_TO,
            PREFIX_MERGED_INTO,
            PREFIX_DEPRECATED_BY,
        ]
        .iter()
        .any(|prefix| lower.starts_with(&prefix.to_lowercase()))
}

impl Store {
    /// Adds labels to the object's issue in one request (others' labels kept), skipping the
    /// request when it carries them all already.
    pub fn add_labels(&self, id: &ObjectId, issue_number: u64, labels: &[String]) -> Result<()> {
        if labels.is_empty() {
            return Ok(());
        }
        self.tracker
            .add_labels(issue_number, labels)
            .map(drop)
            .map_err(|e| {
                Error::from(e).context(format!(
                    "the labels of {:?} (issue #{issue_number}) were not added",
                    id.as_str()
                ))
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn the_formats_own_labels_and_unsearchable_ones_are_refused() {
        assert_eq!(
            extra_labels(&names(&["team:web", "Team:Web", "prod"])).unwrap(),
            names(&["team:web", "prod"])
        );
        for bad in [
            "",
            " x",
            "a,b",
            "gh-store",
            "Stored-Object",
            "uid:x",
            "ALIAS-TO:y",
            "archived",
        ] {
            assert!(extra_labels(&names(&[bad])).is_err(), "{bad:?}");
        }
        assert!(extra_labels(&names(&[&"x".repeat(51)])).is_err());
    }
}
