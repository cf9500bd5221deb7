//! Following the store: one list request per poll, whatever the number of watched objects.
//!
//! Every poll asks for issues updated since a fixed point, sorted by update time. The point
//! only moves when something changed, so an idle store answers the very same URL each time
//! and the tracker's ETag turns the poll into a 304, which costs nothing against GitHub's
//! rate limit. Should this machine's clock run ahead of the server's, the first answer's
//! `Date` sets the point back.

use std::cell::Cell;
use std::collections::HashMap;

use serde::Serialize;
use serde_json::{json, Value};

use super::object::{NotAnObject, ObjectState, StoredObject};
use super::{ListFilter, Listed, ObjectId, Store};
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
            for entry in self.store.list_entries(&ListFilter::default()) {
                match entry? {
                    Listed::Object(object) => objects.push(object),
                    // An event without data would mean nothing; say so and go on.
                    Listed::Unreadable(unreadable) => self.store.warn(&format!(
                        "skipping issue #{}: {}",
                        unreadable.object.issue_number, unreadable.reason
                    )),
                }
            }
        } else {
            for id in &self.ids {
                let Some((_, issue)) = self.store.find_canonical_issue(id)? else {
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
            read_ahead: true,
            ..IssueQuery::default()
        };
        let mut events = Vec::new();
        let mut latest = self.since;
        let server_time = Cell::new(None);
        let pages = paginate(|page| {
            let page = self.store.tracker.list_issues(&query, page)?;
            server_time.set(server_time.get().or(page.server_time));
            Ok(page)
        });
        for issue in pages {
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
        // Move the window only when something newer arrived, so that idle polls repeat the
        // same request (and get a 304).
        let next = Timestamp(latest.0 - OVERLAP_SECONDS);
        if next > self.since {
            self.since = next;
        }
        if self.baseline {
            if let Some(server_now) = server_time.get() {
                self.align_with_server(server_now);
            }
        }
        self.baseline = false;
        Ok(events)
    }

    /// The window started by this machine's clock, which may run ahead of the server's: a
    /// `since` past the server's "now" would skip the first changes, and `started` would
    /// call new objects old. Both move back to the server's time (the overlap second may
    /// then repeat a change made just before the start). A clock that is behind leaves them
    /// be: an earlier `since` loses nothing and keeps the request the same, for 304s.
    fn align_with_server(&mut self, server_now: Timestamp) {
        self.since = self.since.min(Timestamp(server_now.0 - OVERLAP_SECONDS));
        self.started = self.started.min(server_now);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::StoreOptions;
    use crate::tracker::local::{DefaultLabels, LocalDb, LocalTracker};
    use crate::tracker::{
        AccountKind, Comment, IssueGuard, IssuePatch, Label, NewIssue, Page, PageToken,
        ReactionContent, ReactionOutcome, Repository, Tracker, TrackerResult,
    };

    /// A server whose clock runs `behind` seconds behind this machine's, as seen through
    /// listings (the only requests a watch makes): its timestamps, its `since` filter and
    /// its `Date`.
    struct SlowClock {
        inner: LocalTracker,
        behind: i64,
    }

    impl Tracker for SlowClock {
        fn describe(&self) -> String {
            self.inner.describe()
        }
        fn repository(&self) -> TrackerResult<Repository> {
            self.inner.repository()
        }
        fn list_issues(
            &self,
            query: &IssueQuery,
            page: Option<&PageToken>,
        ) -> TrackerResult<Page<Issue>> {
            let query = IssueQuery {
                since: query.since.map(|t| Timestamp(t.0 + self.behind)),
                ..query.clone()
            };
            let mut page = self.inner.list_issues(&query, page)?;
            for issue in &mut page.items {
                issue.created_at.0 -= self.behind;
                issue.updated_at.0 -= self.behind;
            }
            page.server_time = Some(Timestamp(Timestamp::now().0 - self.behind));
            Ok(page)
        }
        fn get_issue(&self, number: u64) -> TrackerResult<Issue> {
            self.inner.get_issue(number)
        }
        fn create_issue(&self, issue: &NewIssue) -> TrackerResult<Issue> {
            self.inner.create_issue(issue)
        }
        fn update_issue(
            &self,
            number: u64,
            patch: &IssuePatch,
            guard: Option<&IssueGuard>,
        ) -> TrackerResult<Issue> {
            self.inner.update_issue(number, patch, guard)
        }
        fn get_label(&self, name: &str) -> TrackerResult<Option<Label>> {
            self.inner.get_label(name)
        }
        fn list_comments(
            &self,
            number: u64,
            since: Option<Timestamp>,
            page: Option<&PageToken>,
        ) -> TrackerResult<Page<Comment>> {
            self.inner.list_comments(number, since, page)
        }
        fn create_comment(&self, number: u64, body: &str) -> TrackerResult<Comment> {
            self.inner.create_comment(number, body)
        }
        fn add_labels(&self, number: u64, names: &[String]) -> TrackerResult<Vec<Label>> {
            self.inner.add_labels(number, names)
        }
        fn delete_comment(&self, comment_id: u64) -> TrackerResult<()> {
            self.inner.delete_comment(comment_id)
        }
        fn add_reaction(
            &self,
            comment_id: u64,
            content: ReactionContent,
        ) -> TrackerResult<ReactionOutcome> {
            self.inner.add_reaction(comment_id, content)
        }
        fn file_contents(&self, path: &str) -> TrackerResult<Option<Vec<u8>>> {
            self.inner.file_contents(path)
        }
        fn team_members(&self, org: &str, team_slug: &str) -> TrackerResult<Option<Vec<String>>> {
            self.inner.team_members(org, team_slug)
        }
    }

    #[test]
    fn a_clock_ahead_of_the_server_loses_no_change() {
        let db = LocalDb::open_in_memory().unwrap();
        let repo = db
            .ensure_repository("alice/data", AccountKind::User, DefaultLabels::Without)
            .unwrap();
        let tracker = |behind| SlowClock {
            inner: db.tracker(repo.id, "alice").unwrap(),
            behind,
        };
        let writer = Store::new(Box::new(tracker(0)), StoreOptions::default());
        let server = Store::new(Box::new(tracker(30)), StoreOptions::default());
        let mut watcher = Watcher::new(&server, &[]);
        assert_eq!(watcher.poll().unwrap(), [], "the baseline reports nothing");
        writer
            .create(&ObjectId::parse("cfg").unwrap(), json!({ "n": 1 }))
            .unwrap();
        let events = watcher.poll().unwrap();
        let seen: Vec<_> = events
            .iter()
            .map(|e| (e.kind, e.object.object_id.as_str()))
            .collect();
        assert_eq!(seen, [(WatchEventKind::Created, "cfg")], "reported, as new");
        assert_eq!(watcher.poll().unwrap(), [], "reported once");
    }
}
