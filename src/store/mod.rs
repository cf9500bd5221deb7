//! Objects on top of an issue tracker: create, get, update, list, history, delete, process.
//!
//! The store speaks only to the [`Tracker`] trait, so every behaviour is the same on GitHub
//! and on the local store.
//!
//! ```
//! use gh_store::store::{ObjectId, Store, StoreOptions, UpdateOptions};
//! use gh_store::tracker::{local::{DefaultLabels, LocalDb}, AccountKind};
//! use serde_json::json;
//!
//! # fn main() -> gh_store::Result<()> {
//! let db = LocalDb::open_in_memory()?;
//! let repo = db.ensure_repository("alice/data", AccountKind::User, DefaultLabels::Without)?;
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

mod alias;
mod create;
mod forward;
mod history;
mod import;
mod labels;
mod listing;
mod many;
mod modes;
mod object;
mod object_id;
mod output_file;
pub mod policy;
mod process;
mod restore;
mod retries;
mod rules;
pub mod schema;
mod snapshot;
mod sweep;
mod update;
mod wait;
mod watch;
pub mod wire;

pub use alias::{Alias, Deduplicated, MAX_ALIAS_DEPTH};
pub use history::{HistoryEntry, HistoryStatus, Revision};
pub use import::{
    parse_import, BadEntry, Cost, ImportAction, ImportEntry, ImportInput, ImportOptions,
    ImportPlan, Imported, PlannedImport,
};
pub use labels::extra_labels;
pub use listing::{unreadable_error, Listed, Unreadable};
pub use modes::{apply as apply_change, ApplyError, UpdateMode};
pub use object::{NotAnObject, ObjectState, StoredObject};
pub use object_id::{ObjectId, MAX_ID_CHARS};
pub use output_file::write_output_file;
pub use policy::AccessPolicy;
pub use process::{Decision, Outcome, ProcessReport};
pub use restore::Restored;
pub use retries::{fingerprint, RetryBook};
pub use rules::{RejectKind, Rejection};
pub use schema::SchemaSet;
pub use snapshot::RefreshSummary;
pub use sweep::SweepOutcome;
pub use watch::{WatchEvent, WatchEventKind, Watcher};

use std::collections::HashSet;
use std::sync::Arc;

use serde_json::Value;

use crate::error::{Error, ErrorKind, Result, Written};
use crate::timestamp::Timestamp;
use crate::tracker::{
    paginate, Comment, Direction, Issue, IssuePatch, IssueQuery, IssueSort, IssueState,
    ReactionContent, StateFilter, Tracker, TrackerError,
};
use wire::{LABEL_ARCHIVED, LABEL_DEPRECATED, LABEL_OBJECT, LABEL_SYSTEM, MAX_BODY_BYTES};

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
    /// Where notes go (an alias followed); stderr by default.
    pub on_note: WarningSink,
    pub marks: Marks,
}

/// The reactions that mark a comment processed, and (with that one) an initial state: the
/// Python tool's `store.reactions`, which every processor of one repository must share.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Marks {
    pub processed: ReactionContent,
    pub initial_state: ReactionContent,
}

impl Default for Marks {
    fn default() -> Self {
        Marks {
            processed: ReactionContent::PlusOne,
            initial_state: ReactionContent::Rocket,
        }
    }
}

impl Marks {
    pub fn is_processed(&self, comment: &Comment) -> bool {
        comment.reactions.count(self.processed) > 0
    }
}

impl Default for StoreOptions {
    fn default() -> Self {
        StoreOptions {
            policy: AccessPolicy::default(),
            schemas: SchemaSet::new(),
            on_warning: Arc::new(|message| eprintln!("warning: {message}")),
            on_note: Arc::new(|message| eprintln!("{message}")),
            marks: Marks::default(),
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
    /// Sent in `_meta.idempotency_key`: the processor applies one update per author and key.
    pub key: Option<String>,
    /// This is a rerun after a failure that may have posted the update with `key`: look for
    /// it first (one listing of the comments) and finish its queuing instead of posting it
    /// again.
    pub rerun: bool,
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
#[derive(Debug, Clone, Default)]
pub struct ListFilter {
    /// Only pending or only stable objects; every one when `None`. Decided per object from
    /// the listing (an object is pending when its issue is open or holds comments its
    /// checkpoint has not consumed), so both cost what listing every object costs.
    pub state: Option<ObjectState>,
    /// Only objects updated at or after this time.
    pub since: Option<Timestamp>,
    /// Extra labels every object must carry.
    pub labels: Vec<String>,
    /// List archived (deleted) objects instead of live ones.
    pub archived: bool,
    pub limit: Option<usize>,
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

    /// Who may write, by the store's policy; team and CODEOWNERS answers are kept for the
    /// store's life.
    fn access_checker(&self) -> policy::AccessChecker<'_> {
        policy::AccessChecker::new(&self.options.policy, self.tracker.as_ref(), &self.access)
    }

    /// Every issue labelled as an object (pull requests left out), oldest first, page by
    /// page, its pages fetched ahead: what `process --all` and the alias scans walk.
    fn object_issues(&self) -> impl Iterator<Item = Result<Issue>> + '_ {
        let query = IssueQuery {
            labels: vec![LABEL_OBJECT.into()],
            state: StateFilter::All,
            sort: IssueSort::Created,
            direction: Direction::Asc,
            read_ahead: true,
            ..IssueQuery::default()
        };
        paginate(move |page| self.tracker.list_issues(&query, page))
            .map(|issue| issue.map_err(Error::from))
            .filter(|issue| issue.as_ref().map_or(true, |i| !i.is_pull_request))
    }

    /// Every comment of an issue, oldest first (its pages fetched ahead).
    fn comments_of(&self, number: u64) -> Result<Vec<Comment>> {
        Ok(
            paginate(|page| self.tracker.list_comments(number, None, page))
                .collect::<std::result::Result<_, TrackerError>>()?,
        )
    }

    fn warn(&self, message: &str) {
        (self.options.on_warning)(message)
    }

    fn note(&self, message: &str) {
        (self.options.on_note)(message)
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

    /// An object's issue and what it holds, aliases followed.
    fn find_object(&self, id: &ObjectId) -> Result<(Issue, StoredObject)> {
        let Some((id, issue)) = self.find_canonical_issue(id)? else {
            return Err(self.not_found(id));
        };
        let id = &id;
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
            let comments: Vec<Comment> = self.comments_of(issue.number)?;
            object.version = process::legacy_version(&comments, &self.options.marks);
        }
        Ok((issue, object))
    }

    /// Reads an object: one request (more for an object gh-store has never processed).
    pub fn get(&self, id: &ObjectId) -> Result<StoredObject> {
        Ok(self.find_versioned_object(id)?.1)
    }

    /// Archives an object (the Python client's label set, `closed`): two requests, and one
    /// more per duplicate issue, which are archived too (else the id would come back with a
    /// duplicate's data). Returns the numbers of the issues archived.
    pub fn delete(&self, id: &ObjectId) -> Result<Vec<u64>> {
        let issues = self.find_issues(id).map_err(|e| {
            e.context(format!("object {:?} was not deleted", id.as_str()))
                .with_written(Written::Nothing)
        })?;
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
        let mut archived_so_far = Vec::new();
        for issue in &issues {
            let archived = match self.archive_issue(id, issue.number) {
                Err(TrackerError::Forbidden { message }) => {
                    return Err(
                        self.no_push_access(format!("cannot delete {:?}", id.as_str()), message)
                    );
                }
                Err(e) => return Err(delete_failed(id, issue.number, &archived_so_far, e)),
                Ok(archived) => archived,
            };
            // Its author may edit an issue, but only users with push access change labels.
            if lacks_labels(&archived, &archive_labels(id)) {
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
            archived_so_far.push(issue.number);
        }
        Ok(issues.iter().map(|issue| issue.number).collect())
    }

    /// Archives one issue of an object: closed, with the Python client's archived labels.
    fn archive_issue(
        &self,
        id: &ObjectId,
        number: u64,
    ) -> std::result::Result<Issue, TrackerError> {
        let patch = IssuePatch {
            state: Some(IssueState::Closed),
            labels: Some(archive_labels(id)),
            ..IssuePatch::default()
        };
        self.tracker.update_issue(number, &patch, None)
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
             owner, members and collaborators have",
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
        // Archived objects, then the duplicates the Python tool deprecated; or live objects.
        let kinds = if filter.archived {
            vec![LABEL_ARCHIVED, LABEL_DEPRECATED]
        } else {
            vec![LABEL_OBJECT]
        };
        let queries: Vec<IssueQuery> = kinds
            .into_iter()
            .map(|kind| {
                let mut labels = vec![kind.to_string()];
                labels.extend(filter.labels.iter().cloned());
                IssueQuery {
                    labels,
                    state: StateFilter::All,
                    since: filter.since,
                    sort: IssueSort::Created,
                    direction: Direction::Asc,
                    per_page: filter.limit.map_or(100, |l| l.clamp(1, 100) as u32),
                    // A limit stops the walk early: pages fetched ahead would be wasted.
                    read_ahead: filter.limit.is_none(),
                }
            })
            .collect();
        let archived = filter.archived;
        let wanted = filter.state;
        let mut seen: HashSet<String> = HashSet::new();
        let issues = queries
            .into_iter()
            .flat_map(move |query| paginate(move |page| self.tracker.list_issues(&query, page)));
        issues
            .filter_map(move |issue| {
                let issue = match issue {
                    Ok(issue) => issue,
                    Err(e) => return Some(Err(e.into())),
                };
                // An alias stands for its target: `list --aliases` shows it.
                if !archived && alias::alias_target(&issue).is_some() {
                    return None;
                }
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
                let state = match &entry {
                    Listed::Object(object) => object.state,
                    Listed::Unreadable(unreadable) => unreadable.object.state,
                };
                if wanted.is_some_and(|wanted| wanted != state) {
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

/// The labels of an archived object, in the Python client's set.
fn archive_labels(id: &ObjectId) -> Vec<String> {
    vec![LABEL_ARCHIVED.into(), LABEL_SYSTEM.into(), id.label()]
}

/// What a failed archive PATCH left: which issues are archived, and the safe next step.
fn delete_failed(id: &ObjectId, number: u64, archived: &[u64], e: TrackerError) -> Error {
    let maybe = e.may_have_written();
    let done = if archived.is_empty() {
        String::new()
    } else {
        let numbers: Vec<String> = archived.iter().map(|n| format!("#{n}")).collect();
        format!(" (issue {} archived)", numbers.join(", "))
    };
    let what = if maybe {
        format!(
            "object {:?} may have been deleted{done}: archiving issue #{number}",
            id.as_str()
        )
    } else if archived.is_empty() {
        format!("object {:?} was not deleted", id.as_str())
    } else {
        format!(
            "object {:?} was only partly deleted{done}: archiving issue #{number}",
            id.as_str()
        )
    };
    let written = match (maybe, archived.is_empty()) {
        (true, _) => Written::Maybe,
        (false, true) => Written::Nothing,
        (false, false) => Written::Partly,
    };
    Error::from(e)
        .context(what)
        .with_hint(format!(
            "rerun `gh-store delete {}`: it archives what is left, and says the object was \
             deleted (exit 3) when nothing is",
            id.as_str()
        ))
        .with_written(written)
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
