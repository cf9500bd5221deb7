//! Following the store: one list request per poll, whatever the number of watched objects.
//!
//! Every poll asks for issues updated since a fixed point, sorted by update time. The point
//! only moves when something changed, so an idle store answers the very same URL each time
//! and the tracker's ETag turns the poll into a 304, which costs nothing against GitHub's
//! rate limit.

use std::collections::HashMap;

use serde::Serialize;
use serde_json::{json, Value};

use super::object::{NotAnObject, ObjectState, StoredObject};
use super::{ListFilter, ObjectId, Store};
use crate::error::Result;
use crate::timestamp::Timestamp;
use crate::tracker::{paginate, Direction, Issue, IssueQuery, IssueSort, IssueState, StateFilter};

/// `since` boundaries are of unknown inclusiveness on GitHub: look one second back and
/// de-duplicate.
const OVERLAP_SECONDS: i64 = 1;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum WatchEventKind {
    /// The state at start-up (`--initial`).
    Initial,
    Created,
    Updated,
    /// Updates are waiting for the processor.
    Pending,
    /// Archived.
    Deleted,
}

#[derive(Debug, Clone, PartialEq)]
pub struct WatchEvent {
    pub kind: WatchEventKind,
    pub object: StoredObject,
    /// The issue, for callers that act on it (`watch --process`).
    pub issue: Option<Issue>,
}

impl WatchEvent {
    /// `{event, object_id, version, updated_at, data}`.
    pub fn to_json(&self) -> Value {
        json!({
            "event": self.kind,
            "object_id": self.object.object_id.as_str(),
            "version": self.object.version,
            "updated_at": self.object.updated_at,
            "data": self.object.data,
        })
    }
}

/// What was last reported for an issue: a change of any of these is an event.
#[derive(Debug, Clone, PartialEq)]
struct Seen {
    state: ObjectState,
    version: u64,
    data: Value,
    archived: bool,
}

pub struct Watcher<'a> {
    store: &'a Store,
    /// Sorted, without duplicates; empty watches every object.
    ids: Vec<ObjectId>,
    started: Timestamp,
    since: Timestamp,
    seen: HashMap<u64, Seen>,
    /// The first poll only records what exists: "from now on" starts with its answer.
    baseline: bool,
    /// Whether the first poll also reports the objects already pending.
    pending_backlog: bool,
}

impl<'a> Watcher<'a> {
    /// Watches `ids`, or every object when empty, from now on.
    pub fn new(store: &'a Store, ids: &[ObjectId]) -> Watcher<'a> {
        let started = Timestamp::now();
        let mut ids = ids.to_vec();
        ids.sort();
        ids.dedup();
        Watcher {
            store,
            ids,
            started,
            since: Timestamp(started.0 - OVERLAP_SECONDS),
            seen: HashMap::new(),
            baseline: true,
            pending_backlog: false,
        }
    }

    /// Makes the first poll report the watched objects that are already pending as
    /// `pending` events, so that a processor following the store (`watch --process`) does
    /// not leave them waiting for a change that may never come.
    pub fn with_pending_backlog(mut self) -> Watcher<'a> {
        self.pending_backlog = true;
        self
    }

    fn watched(&self, object: &StoredObject) -> bool {
        self.ids.is_empty() || self.ids.contains(&object.object_id)
    }

    /// The current state of the watched objects, oldest first: the whole listing when
    /// every object is watched, else one lookup by `UID:` label per id (a few objects do
    /// not page through the store).
    pub fn initial(&mut self) -> Result<Vec<WatchEvent>> {
        let mut objects = Vec::new();
        if self.ids.is_empty() {
            for object in self.store.list(&ListFilter::default()) {
                objects.push(object?);
            }
        } else {
            for id in &self.ids {
                let Some(issue) = self.store.find_issue(id)? else {
                    continue;
                };
                match StoredObject::from_issue(&issue) {
                    Ok(object) => objects.push(object),
                    Err(why) => self
                        .store
                        .warn(&format!("skipping issue #{}: {why}", issue.number)),
                }
            }
            objects.sort_by_key(|object| object.issue_number);
        }
        let mut events = Vec::new();
        for object in objects {
            self.seen.insert(object.issue_number, seen(&object, false));
            events.push(WatchEvent {
                kind: WatchEventKind::Initial,
                object,
                issue: None,
            });
        }
        Ok(events)
    }

    /// One poll: the events since the last one, oldest first.
    pub fn poll(&mut self) -> Result<Vec<WatchEvent>> {
        let query = IssueQuery {
            labels: Vec::new(),
            state: StateFilter::All,
            since: Some(self.since),
            sort: IssueSort::Updated,
            direction: Direction::Asc,
            ..IssueQuery::default()
        };
        let mut events = Vec::new();
        let mut latest = self.since;
        for issue in paginate(|page| self.store.tracker.list_issues(&query, page)) {
            let issue = issue?;
            latest = latest.max(issue.updated_at);
            // Open without a single comment: a create in progress (its initial-state comment
            // and closing PATCH follow within a few requests). Report it once it is whole.
            if issue.state == IssueState::Open && issue.comments == 0 {
                continue;
            }
            let (object, archived) = match StoredObject::from_issue(&issue) {
                Ok(object) => (object, false),
                Err(NotAnObject::Archived) => match StoredObject::from_archived_issue(&issue) {
                    Ok(object) => (object, true),
                    Err(_) => continue,
                },
                Err(_) => continue,
            };
            if !self.watched(&object) {
                continue;
            }
            let now = seen(&object, archived);
            let before = self.seen.insert(issue.number, now.clone());
            if self.baseline || before.as_ref() == Some(&now) {
                continue;
            }
            let kind = if archived {
                if before.as_ref().is_some_and(|b| b.archived) {
                    continue;
                }
                WatchEventKind::Deleted
            } else if before.is_none() && object.created_at >= self.started {
                WatchEventKind::Created
            } else if object.state == ObjectState::Pending {
                WatchEventKind::Pending
            } else {
                WatchEventKind::Updated
            };
            events.push(WatchEvent {
                kind,
                object,
                issue: Some(issue),
            });
        }
        if self.baseline && self.pending_backlog {
            events.extend(self.pending_now()?);
        }
        self.baseline = false;
        // Move the window only when something newer arrived, so that idle polls repeat the
        // same request (and get a 304).
        let next = Timestamp(latest.0 - OVERLAP_SECONDS);
        if next > self.since {
            self.since = next;
        }
        Ok(events)
    }

    /// The watched objects pending right now, as `pending` events.
    fn pending_now(&mut self) -> Result<Vec<WatchEvent>> {
        let mut events = Vec::new();
        for issue in self.store.pending_issues() {
            let issue = issue?;
            // Without a comment: a create in progress, as in `poll`.
            if issue.comments == 0 {
                continue;
            }
            let Ok(object) = StoredObject::from_issue(&issue) else {
                continue;
            };
            if !self.watched(&object) {
                continue;
            }
            self.seen.insert(issue.number, seen(&object, false));
            events.push(WatchEvent {
                kind: WatchEventKind::Pending,
                object,
                issue: Some(issue),
            });
        }
        Ok(events)
    }
}

fn seen(object: &StoredObject, archived: bool) -> Seen {
    Seen {
        state: object.state,
        version: object.version,
        data: object.data.clone(),
        archived,
    }
}
