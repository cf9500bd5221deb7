//! A stored object as read from its issue.

use serde::Serialize;
use serde_json::{json, Value};

use super::alias::merged_into;
use super::object_id::ObjectId;
use super::wire::{self, Checkpoint, LABEL_ARCHIVED, LABEL_DEPRECATED, LABEL_OBJECT};
use crate::timestamp::Timestamp;
use crate::tracker::{Issue, IssueState};

/// Whether an object has updates waiting for the processor: its issue is open, or it holds
/// comments its checkpoint has not consumed (left on a closed issue by a failed reopen or
/// undone by a stale write).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ObjectState {
    /// Closed issue: the body is up to date.
    Stable,
    /// Updates are waiting.
    Pending,
}

impl ObjectState {
    pub fn as_str(self) -> &'static str {
        match self {
            ObjectState::Stable => "stable",
            ObjectState::Pending => "pending",
        }
    }
}

/// An object: its id, its issue, its current data and version.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredObject {
    pub object_id: ObjectId,
    pub issue_number: u64,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    /// 1 + applied updates (from the checkpoint; estimated from the comment count for
    /// objects no gh-store processor has touched yet).
    pub version: u64,
    pub state: ObjectState,
    pub data: Value,
    pub checkpoint: Option<Checkpoint>,
    /// Size of the issue body in bytes.
    pub size: usize,
    /// For a deprecated duplicate (listed with `--archived`): the id it was merged into.
    pub merged_into: Option<String>,
}

/// Whether an object issue has updates waiting for the processor (see [`ObjectState`]).
pub fn is_pending(issue: &Issue) -> bool {
    issue.state == IssueState::Open
        || Checkpoint::from_title(&issue.title).is_some_and(|c| c.has_unconsumed(issue.comments))
}

/// Why an issue is not a readable object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotAnObject {
    PullRequest,
    NoUidLabel,
    Archived,
    NotStored,
    BadBody(String),
}

impl std::fmt::Display for NotAnObject {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NotAnObject::PullRequest => f.write_str("it is a pull request"),
            NotAnObject::NoUidLabel => f.write_str("it has no UID: label"),
            NotAnObject::Archived => f.write_str("it is archived"),
            NotAnObject::NotStored => f.write_str("it has no stored-object label"),
            NotAnObject::BadBody(why) => write!(f, "its body is not JSON ({why})"),
        }
    }
}

impl StoredObject {
    /// Reads an object from a live object issue.
    pub fn from_issue(issue: &Issue) -> Result<StoredObject, NotAnObject> {
        let object_id = Self::identify(issue)?;
        if issue.has_label(LABEL_ARCHIVED) {
            return Err(NotAnObject::Archived);
        }
        if !issue.has_label(LABEL_OBJECT) {
            return Err(NotAnObject::NotStored);
        }
        Self::read(issue, object_id)
    }

    /// Reads an archived object or a deprecated duplicate (for `list --archived`).
    pub fn from_archived_issue(issue: &Issue) -> Result<StoredObject, NotAnObject> {
        let object_id = Self::identify(issue)?;
        if !issue.has_label(LABEL_ARCHIVED) && !issue.has_label(LABEL_DEPRECATED) {
            return Err(NotAnObject::NotStored);
        }
        Self::read(issue, object_id)
    }

    fn identify(issue: &Issue) -> Result<ObjectId, NotAnObject> {
        if issue.is_pull_request {
            return Err(NotAnObject::PullRequest);
        }
        ObjectId::from_labels(issue.label_names()).ok_or(NotAnObject::NoUidLabel)
    }

    fn read(issue: &Issue, object_id: ObjectId) -> Result<StoredObject, NotAnObject> {
        let data = wire::decode_body(issue.body.as_deref())
            .map_err(|e| NotAnObject::BadBody(e.to_string()))?;
        Ok(StoredObject::with_data(issue, object_id, data))
    }

    /// The object an issue holds, with `data` as given (what a listing says of an object
    /// whose body cannot be read, with `null`).
    pub(super) fn with_data(issue: &Issue, object_id: ObjectId, data: Value) -> StoredObject {
        let checkpoint = Checkpoint::from_title(&issue.title);
        StoredObject {
            object_id,
            issue_number: issue.number,
            created_at: issue.created_at,
            updated_at: issue.updated_at,
            version: checkpoint.map_or(issue.comments.max(1), |c| c.version),
            state: if is_pending(issue) {
                ObjectState::Pending
            } else {
                ObjectState::Stable
            },
            data,
            checkpoint,
            size: issue.body.as_deref().map_or(0, str::len),
            merged_into: merged_into(issue).map(String::from),
        }
    }

    /// What `get` prints: `{object_id, created_at, updated_at, version, data}`, the Python
    /// CLI's shape.
    pub fn envelope(&self) -> Value {
        let mut envelope = json!({
            "object_id": self.object_id.as_str(),
            "created_at": self.created_at,
            "updated_at": self.updated_at,
            "version": self.version,
            "data": self.data,
        });
        if let Some(target) = &self.merged_into {
            envelope["merged_into"] = json!(target);
        }
        envelope
    }

    /// The snapshot file's `meta` for this object.
    pub fn meta(&self) -> Value {
        let mut meta = json!({
            "issue_number": self.issue_number,
            "object_id": self.object_id.as_str(),
            "created_at": self.created_at,
            "updated_at": self.updated_at,
            "version": self.version,
        });
        if self.state == ObjectState::Pending {
            meta["pending"] = Value::Bool(true);
        }
        meta
    }
}
