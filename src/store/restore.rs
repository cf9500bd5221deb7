//! Bringing an archived object back, and what `delete` would archive (its `--dry-run`).

use super::object_id::ObjectId;
use super::wire::{LABEL_ARCHIVED, LABEL_OBJECT, LABEL_SYSTEM};
use super::{lacks_labels, Store, StoredObject};
use crate::error::{Error, Result, Written};
use crate::tracker::{paginate, Direction, IssuePatch, IssueQuery, IssueSort, StateFilter};

/// What `restore` did.
#[derive(Debug)]
pub struct Restored {
    pub object: StoredObject,
    pub issue_number: u64,
    /// Older archived issues of the same id, left archived.
    pub older: Vec<u64>,
}

impl Store {
    /// The issues `delete` would archive: the lookup alone, nothing written.
    pub fn issues_to_archive(&self, id: &ObjectId) -> Result<Vec<u64>> {
        let issues = self.find_issues(id)?;
        if issues.is_empty() {
            return Err(self.not_found(id));
        }
        Ok(issues.iter().map(|issue| issue.number).collect())
    }

    /// Gives an archived object its live labels back (its issue stays closed: stable). When
    /// the id was archived more than once, the newest issue comes back, as the last state
    /// anyone saw. Refused while a live object has the id.
    pub fn restore(&self, id: &ObjectId) -> Result<Restored> {
        let not_restored =
            |e: Error| e.context(format!("object {:?} was not restored", id.as_str()));
        if let Some(live) = self.find_issue(id).map_err(not_restored)? {
            return Err(Error::conflict(format!(
                "object {:?} exists (issue #{}): only an archived object can be restored",
                id.as_str(),
                live.number
            )));
        }
        let query = IssueQuery {
            labels: vec![LABEL_ARCHIVED.into(), id.label()],
            state: StateFilter::All,
            sort: IssueSort::Created,
            direction: Direction::Desc,
            ..IssueQuery::default()
        };
        let uid = id.label();
        let mut archived = Vec::new();
        for issue in paginate(|page| self.tracker.list_issues(&query, page)) {
            let issue = issue.map_err(|e| not_restored(e.into()))?;
            if !issue.is_pull_request && issue.has_label(&uid) {
                archived.push(issue);
            }
        }
        archived.sort_by_key(|issue| std::cmp::Reverse(issue.number));
        let Some(newest) = archived.first() else {
            return Err(Error::not_found(format!(
                "object {:?} has no archived issue to restore",
                id.as_str()
            ))
            .with_hint("`gh-store list --archived` shows the archived objects"));
        };
        let labels = vec![LABEL_SYSTEM.into(), LABEL_OBJECT.into(), id.label()];
        let patch = IssuePatch {
            labels: Some(labels.clone()),
            ..IssuePatch::default()
        };
        let issue = match self.tracker.update_issue(newest.number, &patch, None) {
            Ok(issue) => issue,
            Err(e) => {
                let written = match e.may_have_written() {
                    true => Written::Maybe,
                    false => Written::Nothing,
                };
                return Err(not_restored(Error::from(e))
                    .with_written(written)
                    .with_hint("rerun the same command: restoring twice is harmless"));
            }
        };
        if lacks_labels(&issue, &labels) {
            return Err(self.no_push_access(
                format!("cannot restore {:?}", id.as_str()),
                format!("the labels of issue #{} were left unchanged", issue.number),
            ));
        }
        let object = StoredObject::from_issue(&issue).map_err(|why| {
            Error::failure(format!(
                "object {:?} was restored (issue #{}) but cannot be read: {why}",
                id.as_str(),
                issue.number
            ))
        })?;
        Ok(Restored {
            object,
            issue_number: issue.number,
            older: archived[1..].iter().map(|issue| issue.number).collect(),
        })
    }
}
