//! Objects on top of an issue tracker: create, get, update, list, history, delete, process.
//!
//! The store speaks only to the [`Tracker`] trait, so every behaviour is the same on GitHub
//! and on the local store.
//!
//! ```
//! use gh_store::store::{ObjectId, Store, StoreOptions, UpdateOptions};
//! use gh_store::tracker::{local::LocalDb, AccountKind};
//! use serde_json::json;
//!
//! # fn main() -> gh_store::Result<()> {
//! let db = LocalDb::open_in_memory()?;
//! let repo = db.ensure_repository("alice/data", AccountKind::User, false)?;
//! let store = Store::new(Box::new(db.tracker(repo.id, "alice")?), StoreOptions::default());
//!
//! let id = ObjectId::parse("cfg")?;
//! store.create(&id, json!({"port": 8080}))?;
//! store.update(&id, json!({"debug": true}), &UpdateOptions { apply: true, ..Default::default() })?;
//! let object = store.get(&id)?;
//! assert_eq!(object.version, 2);
//! assert_eq!(object.data, json!({"port": 8080, "debug": true}));
//! # Ok(())
//! # }
//! ```

mod history;
mod listing;
mod modes;
mod object;
mod object_id;
mod output_file;
pub mod policy;
mod process;
pub mod schema;
mod snapshot;
mod wait;
mod watch;
pub mod wire;

pub use history::{HistoryEntry, HistoryStatus, Revision};
pub use listing::{unreadable_error, Listed, Unreadable};
pub use modes::{apply as apply_change, ApplyError, UpdateMode};
pub use object::{NotAnObject, ObjectState, StoredObject};
pub use object_id::{ObjectId, MAX_ID_CHARS};
pub use output_file::write_output_file;
pub use policy::AccessPolicy;
pub use process::{Decision, Outcome, ProcessReport, RejectKind};
pub use schema::SchemaSet;
pub use snapshot::RefreshSummary;
pub use watch::{WatchEvent, WatchEventKind, Watcher};

use std::collections::HashSet;
use std::sync::Arc;

use serde_json::Value;

use crate::error::{Error, ErrorKind, Result};
use crate::timestamp::Timestamp;
use crate::tracker::{
    paginate, Comment, Direction, Issue, IssuePatch, IssueQuery, IssueSort, IssueState, NewIssue,
    ReactionContent, StateFilter, StateReason, Tracker, TrackerError,
};
use wire::{Checkpoint, Envelope, LABEL_ARCHIVED, LABEL_OBJECT, LABEL_SYSTEM, MAX_BODY_BYTES};

/// Receives warnings (duplicate objects, skipped issues) as one-line messages.
pub type WarningSink = Arc<dyn Fn(&str) + Send + Sync>;

/// How a [`Store`] checks and reports.
pub struct StoreOptions {
    /// Who may create objects and post updates.
    pub policy: AccessPolicy,
    /// JSON Schemas by object-id pattern.
    pub schemas: SchemaSet,
    /// Where warnings go; stderr by default.
    pub on_warning: WarningSink,
}

impl Default for StoreOptions {
    fn default() -> Self {
        StoreOptions {
            policy: AccessPolicy::default(),
            schemas: SchemaSet::new(),
            on_warning: Arc::new(|message| eprintln!("warning: {message}")),
        }
    }
}

/// How to post an update.
#[derive(Debug, Clone, Default)]
pub struct UpdateOptions {
    pub mode: UpdateMode,
    /// Compare-and-set: apply only if the object is still at this version.
    pub if_version: Option<u64>,
    /// Process at once instead of leaving the update to the processor (and without
    /// reopening the issue).
    pub apply: bool,
}

/// What became of an update.
#[derive(Debug, Clone, PartialEq)]
pub enum UpdateOutcome {
    /// Applied (with `apply`): the object as it now is.
    Applied(StoredObject),
    /// Posted and waiting for the processor.
    Pending {
        object_id: ObjectId,
        issue_number: u64,
        comment_id: u64,
    },
}

/// Which objects `list` returns; the default is every live object.
#[derive(Debug, Clone)]
pub struct ListFilter {
    /// `Open` = pending, `Closed` = stable, `All`.
    pub state: StateFilter,
    /// Only objects updated at or after this time.
    pub since: Option<Timestamp>,
    /// Extra labels every object must carry.
    pub labels: Vec<String>,
    /// List archived (deleted) objects instead of live ones.
    pub archived: bool,
    pub limit: Option<usize>,
}

impl Default for ListFilter {
    fn default() -> Self {
        ListFilter {
            state: StateFilter::All,
            since: None,
            labels: Vec::new(),
            archived: false,
            limit: None,
        }
    }
}

/// JSON objects kept in issues.
pub struct Store {
    tracker: Box<dyn Tracker>,
    options: StoreOptions,
    /// Access look-ups, cached for the store's lifetime (one CLI run).
    access: policy::AccessCache,
}

impl Store {
    pub fn new(tracker: Box<dyn Tracker>, options: StoreOptions) -> Store {
        Store {
            tracker,
            options,
            access: policy::AccessCache::default(),
        }
    }

    pub fn tracker(&self) -> &dyn Tracker {
        self.tracker.as_ref()
    }

    pub fn options(&self) -> &StoreOptions {
        &self.options
    }

    fn warn(&self, message: &str) {
        (self.options.on_warning)(message)
    }

    /// Creates an object: one existence check, then the issue, the `initial_state` comment,
    /// its 👍 and 🚀, and the closing PATCH that writes the first checkpoint.
    pub fn create(&self, id: &ObjectId, data: Value) -> Result<StoredObject> {
        require_object(&data, "object data")?;
        self.options.schemas.validate(id.as_str(), &data)?;
        let body = wire::encode_body(&data);
        check_size(&body, "the object")?;
        // The initial comment repeats the data: it must fit as well, or the object would be
        // half-created (a bug of the Python client).
        let probe = Envelope::initial_state(data.clone(), u64::MAX).encode();
        check_size(&probe, "the object's initial-state comment")?;

        self.check_can_create(id)?;
        let labels = vec![LABEL_SYSTEM.into(), LABEL_OBJECT.into(), id.label()];
        let issue = self.tracker.create_issue(&NewIssue {
            title: id.title(),
            body: Some(body),
            labels: labels.clone(),
        })?;
        if lacks_labels(&issue, &labels) {
            // Nobody finds an issue by labels it does not carry: close it rather than leave
            // a loose end (its author may). Best effort: the refusal is what matters.
            let close = IssuePatch {
                state: Some(IssueState::Closed),
                state_reason: Some(StateReason::NotPlanned),
                ..IssuePatch::default()
            };
            let _ = self.tracker.update_issue(issue.number, &close, None);
            return Err(self.no_push_access(
                format!("cannot create {:?}", id.as_str()),
                format!(
                    "issue #{} was created without its labels, and closed again",
                    issue.number
                ),
            ));
        }
        let comment = self.tracker.create_comment(
            issue.number,
            &Envelope::initial_state(data, issue.number).encode(),
        )?;
        let checkpoint = Checkpoint {
            version: 1,
            last_comment_id: comment.id,
        };
        let close = IssuePatch {
            title: Some(checkpoint.title(&id.title())),
            state: Some(IssueState::Closed),
            ..IssuePatch::default()
        };
        // The two marks and the closing PATCH do not depend on each other: send them at
        // once, which saves two round trips of GitHub's 100-300 ms.
        let (plus_one, rocket, closed) = std::thread::scope(|scope| {
            let plus_one = scope.spawn(|| {
                self.tracker
                    .add_reaction(comment.id, ReactionContent::PlusOne)
            });
            let rocket = scope.spawn(|| {
                self.tracker
                    .add_reaction(comment.id, ReactionContent::Rocket)
            });
            let closed = self.tracker.update_issue(issue.number, &close, None);
            (plus_one.join(), rocket.join(), closed)
        });
        let issue = closed?;
        plus_one.expect("a marking thread panicked")?;
        rocket.expect("a marking thread panicked")?;
        StoredObject::from_issue(&issue)
            .map_err(|why| Error::failure(format!("issue #{} was written but {why}", issue.number)))
    }

    /// Labels are unique case-insensitively on GitHub, so `Foo` would silently attach to the
    /// label of an existing `foo`. One label lookup answers both "exists?" and "clashes?".
    fn check_can_create(&self, id: &ObjectId) -> Result<()> {
        let Some(label) = self.tracker.get_label(&id.label())? else {
            return Ok(());
        };
        if label.name != id.label() {
            let existing = label.name.trim_start_matches(object_id::UID_PREFIX);
            return Err(Error::conflict(format!(
                "object id {:?} clashes with the existing id {existing:?}",
                id.as_str()
            ))
            .with_hint("GitHub label names are case-insensitive: pick an id that differs by more than case"));
        }
        if let Some(existing) = self.find_issue(id)? {
            return Err(Error::conflict(format!(
                "object {:?} already exists (issue #{})",
                id.as_str(),
                existing.number
            ))
            .with_hint("use `gh-store update` to change it"));
        }
        Ok(())
    }

    /// The live issue of an object: one request. Duplicates resolve to the oldest issue.
    fn find_issue(&self, id: &ObjectId) -> Result<Option<Issue>> {
        let found = self.find_issues(id)?;
        if found.len() > 1 {
            self.warn(&format!(
                "object {:?} has {} issues ({}); using the oldest, #{}",
                id.as_str(),
                found.len(),
                issue_numbers(&found),
                found[0].number
            ));
        }
        Ok(found.into_iter().next())
    }

    /// Every live issue of an object, oldest first: more than one when two creates raced.
    fn find_issues(&self, id: &ObjectId) -> Result<Vec<Issue>> {
        let query = IssueQuery {
            labels: vec![LABEL_OBJECT.into(), id.label()],
            state: StateFilter::All,
            sort: IssueSort::Created,
            direction: Direction::Asc,
            ..IssueQuery::default()
        };
        let uid = id.label();
        let mut found: Vec<Issue> = Vec::new();
        for issue in paginate(|page| self.tracker.list_issues(&query, page)) {
            let issue = issue?;
            // Filters may match case-insensitively; the id itself is case-sensitive.
            if !issue.is_pull_request && issue.has_label(&uid) && !issue.has_label(LABEL_ARCHIVED) {
                found.push(issue);
            }
        }
        found.sort_by_key(|issue| issue.number);
        Ok(found)
    }

    fn find_object(&self, id: &ObjectId) -> Result<(Issue, StoredObject)> {
        let Some(issue) = self.find_issue(id)? else {
            return Err(self.not_found(id));
        };
        let object = StoredObject::from_issue(&issue).map_err(|why| {
            Error::failure(format!(
                "object {:?} (issue #{}) cannot be read: {why}",
                id.as_str(),
                issue.number
            ))
        })?;
        Ok((issue, object))
    }

    fn not_found(&self, id: &ObjectId) -> Error {
        // Only on the error path: one more request to say whether it was deleted.
        let archived = IssueQuery {
            labels: vec![LABEL_ARCHIVED.into(), id.label()],
            state: StateFilter::All,
            per_page: 1,
            ..IssueQuery::default()
        };
        let was_deleted = self
            .tracker
            .list_issues(&archived, None)
            .map(|page| page.items.iter().any(|i| i.has_label(&id.label())))
            .unwrap_or(false);
        if was_deleted {
            Error::not_found(format!("object {:?} was deleted (archived)", id.as_str()))
        } else {
            Error::not_found(format!("object {:?} not found", id.as_str()))
                .with_hint("`gh-store list` shows the objects that exist")
        }
    }

    /// `find_object` with the version `--if-version` and the processor go by. An object
    /// written by the Python client and never checkpointed by gh-store has no version on its
    /// issue; it is counted from its comments, as the processor will (extra requests, for
    /// such objects only).
    fn find_versioned_object(&self, id: &ObjectId) -> Result<(Issue, StoredObject)> {
        let (issue, mut object) = self.find_object(id)?;
        if object.checkpoint.is_none() {
            let comments: Vec<Comment> =
                paginate(|page| self.tracker.list_comments(issue.number, None, page))
                    .collect::<std::result::Result<_, TrackerError>>()?;
            object.version = process::legacy_version(&comments);
        }
        Ok((issue, object))
    }

    /// Reads an object: one request (more for an object gh-store has never processed).
    pub fn get(&self, id: &ObjectId) -> Result<StoredObject> {
        Ok(self.find_versioned_object(id)?.1)
    }

    /// Posts an update after checking it against the current state (compare-and-set,
    /// mode, schema, size). Without `apply` the issue is reopened for the processor: one
    /// lookup, one comment and (when the object was stable) one reopen.
    pub fn update(
        &self,
        id: &ObjectId,
        change: Value,
        options: &UpdateOptions,
    ) -> Result<UpdateOutcome> {
        // A change that can never apply is bad input, told before any request.
        modes::check_shape(options.mode, &change).map_err(Error::usage)?;
        let (issue, object) = self.find_versioned_object(id)?;
        if let Some(expected) = options.if_version {
            if expected != object.version {
                return Err(Error::conflict(format!(
                    "object {:?} is at version {}, not {expected}",
                    id.as_str(),
                    object.version
                ))
                .with_hint("`gh-store get` shows the current version"));
            }
        }
        let preview = modes::apply(options.mode, &object.data, &change).map_err(|e| match e {
            ApplyError::Conflict(m) => Error::conflict(m),
            ApplyError::Invalid(m) => Error::rejected(m),
        })?;
        self.options.schemas.validate(id.as_str(), &preview)?;
        check_size(&wire::encode_body(&preview), "the updated object")?;
        let envelope = Envelope::update(
            change,
            options.mode.as_str(),
            issue.number,
            options.if_version,
        )
        .encode();
        check_size(&envelope, "the update comment")?;

        let comment = self.tracker.create_comment(issue.number, &envelope)?;
        if options.apply {
            let number = issue.number;
            let report = match self.process_loaded(issue) {
                Ok(report) => report,
                Err(error) => {
                    // Posted but not processed: queue it like any update (reopen), or it
                    // would wait on a closed issue that no workflow run or `process --all`
                    // looks at. Best effort, unless this user may not reopen the issue.
                    return Err(match self.tracker.update_issue(number, &reopen(), None) {
                        Err(TrackerError::Forbidden { message }) => {
                            self.withdraw(id, number, comment.id, &message)
                        }
                        _ => error.with_hint(
                            "the update was posted and is queued: `gh-store process` applies it",
                        ),
                    });
                }
            };
            return match report.decision_for(comment.id) {
                Some(Outcome::Rejected { reason, kind }) => Err(Error::new(
                    kind.error_kind(),
                    format!("update rejected: {reason}"),
                )),
                Some(Outcome::Applied) => Ok(UpdateOutcome::Applied(report.object)),
                // Another processor consumed it first: its marks say how.
                None => match self.rejection(&self.tracker.get_issue(number)?, comment.id)? {
                    Some(rejected) => Err(rejected),
                    None => Ok(UpdateOutcome::Applied(report.object)),
                },
            };
        }
        // An open issue is queued already: reopening it would only need a permission that
        // someone who may comment may lack.
        if issue.state == IssueState::Closed {
            match self.tracker.update_issue(issue.number, &reopen(), None) {
                Err(TrackerError::Forbidden { message }) => {
                    return Err(self.withdraw(id, issue.number, comment.id, &message));
                }
                other => other?,
            };
        }
        Ok(UpdateOutcome::Pending {
            object_id: id.clone(),
            issue_number: issue.number,
            comment_id: comment.id,
        })
    }

    /// The refusal of an update whose issue this user may not reopen (GitHub's 403): it
    /// could never reach the processor, so its comment is deleted again (its author may).
    fn withdraw(&self, id: &ObjectId, number: u64, comment_id: u64, refusal: &str) -> Error {
        let fate = match self.tracker.delete_comment(comment_id) {
            Ok(()) => "the update was withdrawn".to_string(),
            Err(_) => format!("its comment {comment_id} waits for the next reopen"),
        };
        self.no_push_access(
            format!("cannot update {:?}", id.as_str()),
            format!("issue #{number} cannot be reopened for the processor: {refusal}; {fate}"),
        )
    }

    /// Archives an object (the Python client's label set, `closed`): two requests, and one
    /// more per duplicate issue, which are archived too (else the id would come back with a
    /// duplicate's data). Returns the numbers of the issues archived.
    pub fn delete(&self, id: &ObjectId) -> Result<Vec<u64>> {
        let issues = self.find_issues(id)?;
        if issues.is_empty() {
            return Err(self.not_found(id));
        }
        if issues.len() > 1 {
            self.warn(&format!(
                "object {:?} has {} issues ({}); archiving all of them",
                id.as_str(),
                issues.len(),
                issue_numbers(&issues)
            ));
        }
        let labels = vec![LABEL_ARCHIVED.into(), LABEL_SYSTEM.into(), id.label()];
        for issue in &issues {
            let patch = IssuePatch {
                state: Some(IssueState::Closed),
                labels: Some(labels.clone()),
                ..IssuePatch::default()
            };
            let archived = match self.tracker.update_issue(issue.number, &patch, None) {
                Err(TrackerError::Forbidden { message }) => {
                    return Err(
                        self.no_push_access(format!("cannot delete {:?}", id.as_str()), message)
                    );
                }
                other => other?,
            };
            // Its author may edit an issue, but only users with push access change labels.
            if lacks_labels(&archived, &labels) {
                if issue.state == IssueState::Open {
                    // Its pending updates must stay visible to the processor. Best effort:
                    // the refusal is what matters.
                    let _ = self.tracker.update_issue(issue.number, &reopen(), None);
                }
                return Err(self.no_push_access(
                    format!("cannot delete {:?}", id.as_str()),
                    format!("the labels of issue #{} were left unchanged", issue.number),
                ));
            }
        }
        Ok(issues.iter().map(|issue| issue.number).collect())
    }

    /// A write refused for want of push access to the repository: a 403, or a 2xx whose
    /// answer lacks the labels sent (GitHub drops them silently), as `sign` says.
    fn no_push_access(&self, action: String, sign: String) -> Error {
        Error::new(
            ErrorKind::Auth,
            format!(
                "{action}: no push access to {} ({sign})",
                self.tracker.describe()
            ),
        )
        .with_hint(
            "creating, deleting and processing objects, and queuing an update on a stable \
             one (which reopens its issue), need push access to the repository, which its \
             owner, members and collaborators have (on the local store, --as LOGIN acts as one)",
        )
    }

    /// Objects, oldest first, page by page; one whose body cannot be read is an error item
    /// naming it, and the listing goes on after it.
    pub fn list<'a>(
        &'a self,
        filter: &ListFilter,
    ) -> impl Iterator<Item = Result<StoredObject>> + 'a {
        self.list_entries(filter)
            .map(|entry| entry.and_then(Listed::into_object))
    }

    /// Objects, oldest first, page by page (constant memory but for the ids seen, which
    /// resolve duplicates to the oldest issue), with those whose body cannot be read.
    pub fn list_entries<'a>(
        &'a self,
        filter: &ListFilter,
    ) -> impl Iterator<Item = Result<Listed>> + 'a {
        let mut labels = vec![if filter.archived {
            LABEL_ARCHIVED.to_string()
        } else {
            LABEL_OBJECT.to_string()
        }];
        labels.extend(filter.labels.iter().cloned());
        let query = IssueQuery {
            labels,
            state: filter.state,
            since: filter.since,
            sort: IssueSort::Created,
            direction: Direction::Asc,
            per_page: filter.limit.map_or(100, |l| l.clamp(1, 100) as u32),
        };
        let archived = filter.archived;
        let mut seen: HashSet<String> = HashSet::new();
        let issues = paginate(move |page| self.tracker.list_issues(&query, page));
        issues
            .filter_map(move |issue| {
                let issue = match issue {
                    Ok(issue) => issue,
                    Err(e) => return Some(Err(e.into())),
                };
                let read = if archived {
                    StoredObject::from_archived_issue(&issue)
                } else {
                    StoredObject::from_issue(&issue)
                };
                let entry = match read {
                    Ok(object) => Listed::Object(object),
                    Err(NotAnObject::PullRequest | NotAnObject::Archived) => return None,
                    // Named, not skipped: a listing or a backup must not omit it silently.
                    Err(why @ NotAnObject::BadBody(_)) => {
                        let id = ObjectId::from_labels(issue.label_names())?;
                        Listed::Unreadable(Unreadable::new(&issue, id, why.to_string()))
                    }
                    // Not an object at all: no id to list it under.
                    Err(why) => {
                        self.warn(&format!("skipping issue #{}: {why}", issue.number));
                        return None;
                    }
                };
                if !seen.insert(entry.object_id().as_str().to_string()) {
                    self.warn(&format!(
                        "object {:?} has another issue, #{}; using the oldest",
                        entry.object_id().as_str(),
                        issue.number
                    ));
                    return None;
                }
                Some(Ok(entry))
            })
            .take(filter.limit.unwrap_or(usize::MAX))
    }
}

/// `#3, #7` for messages.
fn issue_numbers(issues: &[Issue]) -> String {
    let numbers: Vec<String> = issues.iter().map(|i| format!("#{}", i.number)).collect();
    numbers.join(", ")
}

/// Whether a write's answer lacks labels it sent. Label names match case-insensitively: an
/// existing label keeps its case.
fn lacks_labels(issue: &Issue, sent: &[String]) -> bool {
    sent.iter().any(|name| {
        !issue
            .label_names()
            .any(|have| have.to_lowercase() == name.to_lowercase())
    })
}

fn reopen() -> IssuePatch {
    IssuePatch {
        state: Some(IssueState::Open),
        ..IssuePatch::default()
    }
}

fn require_object(value: &Value, what: &str) -> Result<()> {
    if value.is_object() {
        Ok(())
    } else {
        Err(Error::usage(format!(
            "{what} must be a JSON object, not {}",
            modes::kind_of(value)
        )))
    }
}

fn check_size(text: &str, what: &str) -> Result<()> {
    if text.len() > MAX_BODY_BYTES {
        return Err(Error::new(
            ErrorKind::Rejected,
            format!(
                "{what} is {} bytes; GitHub allows at most {MAX_BODY_BYTES}",
                text.len()
            ),
        ));
    }
    Ok(())
}
