//! Reading several objects at once (`get ID...`): a lookup per id, or pages of the listing
//! when they find the ids in fewer requests.

use std::collections::{HashMap, HashSet};

use super::alias::alias_target;
use super::object::StoredObject;
use super::wire::LABEL_OBJECT;
use super::{ObjectId, Store};
use crate::error::Result;
use crate::tracker::{Direction, IssueQuery, IssueSort, PageToken, StateFilter};

impl Store {
    /// The objects of `ids`, in the order given; a missing one is its not-found error, in
    /// its place, and the others follow.
    ///
    /// Without knowing the store's size up front, pages of the listing (100 objects each)
    /// are read while they number fewer than half the ids still to find; what the listing
    /// did not settle (aliases, objects never processed by gh-store, ids beyond the pages
    /// read) is looked up one by one. That costs at most about 1.5 times the better of the
    /// two plans, and one request per id when only one is asked for.
    pub fn get_many<'a>(
        &'a self,
        ids: &'a [ObjectId],
    ) -> Result<impl Iterator<Item = Result<StoredObject>> + 'a> {
        let listed = self.list_wanted(ids)?;
        Ok(ids.iter().map(move |id| match listed.get(id.as_str()) {
            Some(object) => Ok(object.clone()),
            None => self.get(id),
        }))
    }

    /// The wanted objects found by reading pages of the listing, oldest issue first (so
    /// that a duplicate resolves to the oldest, as a lookup does).
    fn list_wanted(&self, ids: &[ObjectId]) -> Result<HashMap<String, StoredObject>> {
        let wanted: HashSet<&str> = ids.iter().map(ObjectId::as_str).collect();
        let mut found: HashMap<String, StoredObject> = HashMap::new();
        if wanted.len() < 2 {
            return Ok(found);
        }
        let query = IssueQuery {
            labels: vec![LABEL_OBJECT.into()],
            state: StateFilter::All,
            sort: IssueSort::Created,
            direction: Direction::Asc,
            per_page: 100,
            ..IssueQuery::default()
        };
        let mut token: Option<PageToken> = None;
        let mut pages = 0;
        while 2 * pages < wanted.len() - found.len() {
            let page = self.tracker.list_issues(&query, token.as_ref())?;
            pages += 1;
            for issue in &page.items {
                // Aliases are followed, and legacy versions counted, by the lookup.
                if alias_target(issue).is_some() {
                    continue;
                }
                let Ok(object) = StoredObject::from_issue(issue) else {
                    continue;
                };
                let id = object.object_id.as_str();
                if !wanted.contains(id) || object.checkpoint.is_none() {
                    continue;
                }
                if let Some(first) = found.get(id) {
                    self.warn(&format!(
                        "object {id:?} has another issue, #{}; using the oldest, #{}",
                        issue.number, first.issue_number
                    ));
                    continue;
                }
                found.insert(id.to_string(), object);
            }
            match page.next {
                Some(next) => token = Some(next),
                None => break,
            }
        }
        Ok(found)
    }
}
