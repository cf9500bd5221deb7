//! Aliases and deprecated duplicates, as the Python and TypeScript clients write them: an
//! alias is an object issue that also carries `ALIAS-TO:<target>`; a duplicate the Python
//! `canonicalize` tool resolved has lost `stored-object` and carries `deprecated-object`,
//! `MERGED-INTO:<id>` and `DEPRECATED-BY:<issue>`.

use std::collections::BTreeMap;

use serde_json::{json, Value};

use super::object_id::ObjectId;
use super::wire::{
    LABEL_DEPRECATED, LABEL_OBJECT, LABEL_SYSTEM, PREFIX_ALIAS_TO, PREFIX_DEPRECATED_BY,
    PREFIX_MERGED_INTO,
};
use super::Store;
use crate::error::{Error, Result, Written};
use crate::tracker::{Issue, IssuePatch};

/// Hops followed from an alias to its canonical object (the other clients stop at 5 too).
pub const MAX_ALIAS_DEPTH: usize = 5;

/// The target an alias issue points at, if it is one.
pub fn alias_target(issue: &Issue) -> Option<&str> {
    issue
        .label_names()
        .find_map(|name| name.strip_prefix(PREFIX_ALIAS_TO))
}

/// The id a deprecated duplicate was merged into, if it is one.
pub fn merged_into(issue: &Issue) -> Option<&str> {
    if !issue.has_label(LABEL_DEPRECATED) {
        return None;
    }
    issue
        .label_names()
        .find_map(|name| name.strip_prefix(PREFIX_MERGED_INTO))
}

/// One alias, as `list --aliases` prints it.
#[derive(Debug, Clone, PartialEq)]
pub struct Alias {
    pub alias: ObjectId,
    pub target: String,
    pub issue_number: u64,
}

impl Alias {
    pub fn envelope(&self) -> Value {
        json!({
            "alias": self.alias.as_str(),
            "target": self.target,
            "issue_number": self.issue_number,
        })
    }
}

/// What `dedupe` did for one id.
#[derive(Debug, Clone, PartialEq)]
pub struct Deduplicated {
    pub object_id: ObjectId,
    pub canonical_issue: u64,
    pub deprecated: Vec<u64>,
}

impl Deduplicated {
    pub fn envelope(&self) -> Value {
        json!({
            "object_id": self.object_id.as_str(),
            "canonical_issue": self.canonical_issue,
            "deprecated": self.deprecated,
        })
    }
}

impl Store {
    /// The issue of an object, following aliases to the canonical one (a note says so).
    /// A chain longer than [`MAX_ALIAS_DEPTH`], a cycle, or a target that does not exist
    /// is an error: acting on the alias's own issue instead would fork the object.
    pub(super) fn find_canonical_issue(&self, id: &ObjectId) -> Result<Option<(ObjectId, Issue)>> {
        let Some(mut issue) = self.find_issue(id)? else {
            return Ok(None);
        };
        let mut chain = vec![id.clone()];
        while let Some(target) = alias_target(&issue) {
            let target = ObjectId::parse(target).map_err(|e| {
                Error::failure(format!(
                    "alias {:?} (issue #{}) points at an invalid id: {}",
                    chain.last().map_or("", |id| id.as_str()),
                    issue.number,
                    e.message
                ))
            })?;
            let path = || {
                let names: Vec<&str> = chain.iter().map(ObjectId::as_str).collect();
                format!("{} -> {}", names.join(" -> "), target.as_str())
            };
            if chain.contains(&target) {
                return Err(Error::failure(format!("aliases form a cycle: {}", path()))
                    .with_hint("`gh-store alias --remove ID` breaks it"));
            }
            if chain.len() > MAX_ALIAS_DEPTH {
                return Err(Error::failure(format!(
                    "alias chain longer than {MAX_ALIAS_DEPTH}: {}",
                    path()
                )));
            }
            issue = self.find_issue(&target)?.ok_or_else(|| {
                Error::not_found(format!(
                    "{:?} is an alias of {:?}, which does not exist",
                    chain.last().map_or("", |id| id.as_str()),
                    target.as_str()
                ))
                .with_hint(
                    "`gh-store alias --remove ID` makes the alias an object of its own again",
                )
            })?;
            chain.push(target);
        }
        let canonical = chain.pop().expect("the chain starts with the id");
        if !chain.is_empty() {
            self.note(&format!(
                "{:?} is an alias of {:?}; using {:?}",
                id.as_str(),
                canonical.as_str(),
                canonical.as_str()
            ));
        }
        Ok(Some((canonical, issue)))
    }

    /// Makes `alias` (an existing object) an alias of `target`: the `ALIAS-TO:` label the
    /// other clients add, in one request. Returns the target's canonical id.
    pub fn alias(&self, alias: &ObjectId, target: &ObjectId) -> Result<ObjectId> {
        let not_made = |e: Error| {
            e.context(format!("alias {:?} was not made", alias.as_str()))
                .with_written(Written::Nothing)
        };
        let Some(issue) = self.find_issue(alias).map_err(not_made)? else {
            return Err(
                Error::not_found(format!("object {:?} not found", alias.as_str())).with_hint(
                    "an alias is an existing object that points at another (as the Python \
                     and TypeScript clients make them): create it first",
                ),
            );
        };
        if let Some(existing) = alias_target(&issue) {
            return Err(Error::conflict(format!(
                "{:?} is already an alias of {existing:?}",
                alias.as_str()
            ))
            .with_hint("`gh-store alias --remove ID` first"));
        }
        let Some((canonical, _)) = self.find_canonical_issue(target).map_err(not_made)? else {
            return Err(self.not_found(target));
        };
        if canonical == *alias {
            return Err(Error::usage(format!(
                "{:?} cannot be an alias of {:?}: that would make a cycle",
                alias.as_str(),
                target.as_str()
            )));
        }
        let mut labels: Vec<String> = issue.label_names().map(String::from).collect();
        labels.push(format!("{PREFIX_ALIAS_TO}{}", target.as_str()));
        self.relabel(&issue, labels)?;
        Ok(canonical)
    }

    /// Makes an alias an object of its own again (its own body, which it kept). Returns the
    /// id it pointed at.
    pub fn remove_alias(&self, alias: &ObjectId) -> Result<String> {
        let Some(issue) = self.find_issue(alias)? else {
            return Err(self.not_found(alias));
        };
        let Some(target) = alias_target(&issue).map(String::from) else {
            return Err(Error::usage(format!(
                "{:?} is not an alias",
                alias.as_str()
            )));
        };
        let labels = issue
            .label_names()
            .filter(|name| !name.starts_with(PREFIX_ALIAS_TO))
            .map(String::from)
            .collect();
        self.relabel(&issue, labels)?;
        Ok(target)
    }

    /// Every alias, oldest first: one listing of the objects.
    pub fn aliases(&self) -> impl Iterator<Item = Result<Alias>> + '_ {
        self.live_object_issues().filter_map(|issue| {
            let issue = match issue {
                Ok(issue) => issue,
                Err(e) => return Some(Err(e)),
            };
            let target = alias_target(&issue)?.to_string();
            let alias = ObjectId::from_labels(issue.label_names())?;
            Some(Ok(Alias {
                alias,
                target,
                issue_number: issue.number,
            }))
        })
    }

    /// Resolves duplicate issues of `id` (of every id, without one) as the Python
    /// `canonicalize` tool does: the oldest issue stays the object, each younger one is
    /// deprecated into it (labels only; bodies and comments are left as they are).
    pub fn dedupe(&self, id: Option<&ObjectId>) -> Result<Vec<Deduplicated>> {
        let groups: BTreeMap<String, Vec<Issue>> = match id {
            Some(id) => BTreeMap::from([(id.as_str().to_string(), self.find_issues(id)?)]),
            None => {
                let mut groups: BTreeMap<String, Vec<Issue>> = BTreeMap::new();
                for issue in self.live_object_issues() {
                    let issue = issue?;
                    if let Some(id) = ObjectId::from_labels(issue.label_names()) {
                        groups
                            .entry(id.as_str().to_string())
                            .or_default()
                            .push(issue);
                    }
                }
                groups
            }
        };
        let mut done = Vec::new();
        for (id, mut issues) in groups {
            if issues.len() < 2 {
                continue;
            }
            issues.sort_by_key(|issue| issue.number);
            let object_id = ObjectId::parse(&id)?;
            let canonical = issues[0].number;
            let mut deprecated = Vec::new();
            for issue in &issues[1..] {
                let mut labels: Vec<String> = issue
                    .label_names()
                    .filter(|name| *name != LABEL_OBJECT)
                    .map(String::from)
                    .collect();
                for label in [
                    LABEL_SYSTEM.to_string(),
                    LABEL_DEPRECATED.to_string(),
                    format!("{PREFIX_MERGED_INTO}{id}"),
                    format!("{PREFIX_DEPRECATED_BY}{canonical}"),
                ] {
                    if !labels.contains(&label) {
                        labels.push(label);
                    }
                }
                self.relabel(issue, labels).map_err(|e| {
                    e.context(format!(
                        "issue #{} of {id:?} was not deprecated (done: {:?})",
                        issue.number, deprecated
                    ))
                })?;
                deprecated.push(issue.number);
            }
            done.push(Deduplicated {
                object_id,
                canonical_issue: canonical,
                deprecated,
            });
        }
        Ok(done)
    }

    /// Every live object issue (aliases too), oldest first, page by page.
    fn live_object_issues(&self) -> impl Iterator<Item = Result<Issue>> + '_ {
        self.object_issues().filter(|issue| {
            issue
                .as_ref()
                .map_or(true, |i| !i.has_label(super::LABEL_ARCHIVED))
        })
    }

    /// Replaces an issue's labels, checking that they took: GitHub drops them silently for
    /// a user without push access.
    fn relabel(&self, issue: &Issue, labels: Vec<String>) -> Result<Issue> {
        let patch = IssuePatch {
            labels: Some(labels.clone()),
            ..IssuePatch::default()
        };
        let action = format!("cannot relabel issue #{}", issue.number);
        let updated = match self.tracker.update_issue(issue.number, &patch, None) {
            Err(crate::tracker::TrackerError::Forbidden { message }) => {
                return Err(self.no_push_access(action, message));
            }
            other => other?,
        };
        if super::lacks_labels(&updated, &labels) {
            return Err(self.no_push_access(
                action,
                format!("the labels of issue #{} were left unchanged", issue.number),
            ));
        }
        Ok(updated)
    }
}
