//! What a listing yields: objects, and the objects whose body gh-store cannot read (not
//! JSON, or nested deeper than it reads), named rather than left out, so that a listing or
//! a backup never omits an object silently.

use serde_json::{json, Value};

use super::object::{version_of, ObjectState, StoredObject};
use super::object_id::ObjectId;
use super::wire::Checkpoint;
use crate::error::Error;
use crate::timestamp::Timestamp;
use crate::tracker::Issue;

/// One object of a listing.
#[derive(Debug, Clone, PartialEq)]
pub enum Listed {
    Object(StoredObject),
    Unreadable(Unreadable),
}

impl Listed {
    pub fn object_id(&self) -> &ObjectId {
        match self {
            Listed::Object(object) => &object.object_id,
            Listed::Unreadable(unreadable) => &unreadable.object_id,
        }
    }

    /// The object, or the error that names the object that could not be read.
    pub fn into_object(self) -> crate::Result<StoredObject> {
        match self {
            Listed::Object(object) => Ok(object),
            Listed::Unreadable(unreadable) => Err(unreadable.error()),
        }
    }
}

/// An object whose issue body gh-store cannot read, with what it can say about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Unreadable {
    pub object_id: ObjectId,
    pub issue_number: u64,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    pub version: u64,
    pub state: ObjectState,
    /// The body as it is on the issue.
    pub raw_body: String,
    /// Why it cannot be read: `its body is not JSON (…)`.
    pub reason: String,
}

impl Unreadable {
    pub(super) fn new(issue: &Issue, object_id: ObjectId, reason: String) -> Unreadable {
        Unreadable {
            object_id,
            issue_number: issue.number,
            created_at: issue.created_at,
            updated_at: issue.updated_at,
            version: version_of(issue, Checkpoint::from_title(&issue.title)),
            state: ObjectState::of(issue),
            raw_body: issue.body.clone().unwrap_or_default(),
            reason,
        }
    }

    /// `object "x" (issue #3) cannot be read: its body is not JSON (…)`.
    pub fn error(&self) -> Error {
        unreadable_error(std::slice::from_ref(self))
    }

    /// What `list --keep-going` prints: `get`'s shape with `raw_body` (the body as text) and
    /// `unreadable` (why) instead of `data`.
    pub fn envelope(&self) -> Value {
        json!({
            "object_id": self.object_id.as_str(),
            "created_at": self.created_at,
            "updated_at": self.updated_at,
            "version": self.version,
            "raw_body": self.raw_body,
            "unreadable": self.reason,
        })
    }

    /// A snapshot's entry under `--keep-going`: `{raw_body, meta}` with `meta.unreadable`.
    pub fn snapshot_entry(&self) -> Value {
        let mut meta = json!({
            "issue_number": self.issue_number,
            "object_id": self.object_id.as_str(),
            "created_at": self.created_at,
            "updated_at": self.updated_at,
            "version": self.version,
            "unreadable": self.reason,
        });
        if self.state == ObjectState::Pending {
            meta["pending"] = Value::Bool(true);
        }
        json!({"raw_body": self.raw_body, "meta": meta})
    }
}

/// The error for objects a listing or snapshot could not read (exit 1), each named with
/// its issue; the reasons follow as causes.
pub fn unreadable_error(objects: &[Unreadable]) -> Error {
    let named: Vec<String> = objects
        .iter()
        .map(|o| format!("{:?} (issue #{})", o.object_id.as_str(), o.issue_number))
        .collect();
    let error = match objects {
        [one] => Error::failure(format!(
            "object {} cannot be read: {}",
            named[0], one.reason
        )),
        _ => {
            let mut error = Error::failure(format!(
                "{} objects cannot be read: {}",
                objects.len(),
                named.join(", ")
            ));
            for (name, object) in named.iter().zip(objects) {
                error = error.with_cause(format!("{name}: {}", object.reason));
            }
            error
        }
    };
    error.with_hint(
        "--keep-going includes them with their body as text (`raw_body` instead of `data`); \
         to repair one, fix its issue body",
    )
}
