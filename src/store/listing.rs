//! What a listing yields: objects, and the objects whose body gh-store cannot read (not
//! JSON, or nested deeper than it reads), named rather than left out, so that a listing or
//! a backup never omits an object silently.

use serde_json::{json, Value};

use super::object::StoredObject;
use super::object_id::ObjectId;
use crate::error::Error;
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
            Listed::Unreadable(unreadable) => &unreadable.object.object_id,
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
    /// Everything the issue says but the data, which is `null`: the body is `raw_body`.
    pub object: StoredObject,
    /// The body as it is on the issue.
    pub raw_body: String,
    /// Why it cannot be read: `its body is not JSON (…)`.
    pub reason: String,
}

impl Unreadable {
    pub(super) fn new(issue: &Issue, object_id: ObjectId, reason: String) -> Unreadable {
        Unreadable {
            object: StoredObject::with_data(issue, object_id, Value::Null),
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
        let mut envelope = self.object.envelope();
        if let Some(fields) = envelope.as_object_mut() {
            fields.shift_remove("data");
            fields.insert("raw_body".into(), json!(self.raw_body));
            fields.insert("unreadable".into(), json!(self.reason));
        }
        envelope
    }

    /// A snapshot's entry under `--keep-going`: `{raw_body, meta}` with `meta.unreadable`.
    pub fn snapshot_entry(&self) -> Value {
        let mut meta = self.object.meta();
        meta["unreadable"] = json!(self.reason);
        json!({"raw_body": self.raw_body, "meta": meta})
    }
}

/// The error for objects a listing or snapshot could not read (exit 1), each named with
/// its issue; the reasons follow as causes.
pub fn unreadable_error(objects: &[Unreadable]) -> Error {
    let named: Vec<String> = objects
        .iter()
        .map(|o| {
            let object = &o.object;
            format!(
                "{:?} (issue #{})",
                object.object_id.as_str(),
                object.issue_number
            )
        })
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
