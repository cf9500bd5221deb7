//! The rules an update must pass, in order: compare-and-set, mode, the change itself, the
//! schema, the size. The processor decides with them; `update` and `import` ask them about
//! the very comment they are about to post, so that what they promise before posting is the
//! processor's decision by construction. (The author's access is the processor's alone: it
//! needs the posted comment's author.)

use serde_json::Value;

use super::modes::{self, ApplyError, UpdateMode};
use super::object::StoredObject;
use super::wire::{self, CommentPayload, UpdateRequest, MAX_BODY_BYTES};
use super::{check_size, ObjectId, Store};
use crate::error::{Error, ErrorKind, Result};

/// Why an update was rejected, which decides the exit code of `update --apply`/`--wait`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RejectKind {
    /// The author is not allowed by the access policy.
    Unauthorized,
    /// `if_version` did not match, or a json-patch `test` failed.
    Conflict,
    /// Unknown mode, malformed change, schema violation, too large.
    Invalid,
}

impl RejectKind {
    pub fn error_kind(self) -> ErrorKind {
        match self {
            RejectKind::Unauthorized => ErrorKind::Auth,
            RejectKind::Conflict => ErrorKind::Conflict,
            RejectKind::Invalid => ErrorKind::Rejected,
        }
    }
}

/// An update the rules refuse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejection {
    pub kind: RejectKind,
    /// Why, said of the comment (what `process` reports).
    pub reason: String,
    /// The same refusal said to the writer before anything is posted: from their side (the
    /// version they expected), with the schema file and further violations.
    before_posting: Error,
}

impl Rejection {
    pub fn new(kind: RejectKind, reason: impl Into<String>) -> Rejection {
        let reason = reason.into();
        Rejection {
            kind,
            before_posting: Error::new(kind.error_kind(), reason.clone()),
            reason,
        }
    }

    fn worded_for_the_writer(mut self, before_posting: Error) -> Rejection {
        self.before_posting = before_posting;
        self
    }

    /// The error `update` refuses with, nothing posted.
    pub fn into_error(self) -> Error {
        self.before_posting
    }
}

/// What the rules make of one update: the next state, or a rejection.
#[derive(Debug)]
pub(super) enum Ruling {
    Next(Value),
    Rejected(Rejection),
}

impl Store {
    /// Applies the rules in order to `request` against the object's state at `version`.
    /// Fails (and a processing run stops, writing nothing) only when the rules themselves
    /// cannot be applied, e.g. a schema file that is unreadable or invalid: that is the
    /// configuration's fault, not the update's.
    pub(super) fn rule_on(
        &self,
        id: &ObjectId,
        data: &Value,
        version: u64,
        request: &UpdateRequest,
    ) -> Result<Ruling> {
        if let Some(raw) = &request.if_version {
            let Some(expected) = raw.as_u64() else {
                return Ok(Ruling::Rejected(Rejection::new(
                    RejectKind::Invalid,
                    format!("_meta.if_version {raw} is not a version number"),
                )));
            };
            if expected != version {
                let stale = Rejection::new(
                    RejectKind::Conflict,
                    format!("expected version {expected}, but the object is at version {version}"),
                )
                .worded_for_the_writer(
                    Error::conflict(format!(
                        "object {:?} is at version {version}, not {expected}",
                        id.as_str()
                    ))
                    .with_hint("`gh-store get` shows the current version"),
                );
                return Ok(Ruling::Rejected(stale));
            }
        }
        let mode: UpdateMode = match request.mode.parse() {
            Ok(mode) => mode,
            Err(why) => return Ok(Ruling::Rejected(Rejection::new(RejectKind::Invalid, why))),
        };
        let next = match modes::apply(mode, data, &request.data) {
            Ok(next) => next,
            Err(ApplyError::Conflict(why)) => {
                return Ok(Ruling::Rejected(Rejection::new(RejectKind::Conflict, why)))
            }
            Err(ApplyError::Invalid(why)) => {
                return Ok(Ruling::Rejected(Rejection::new(RejectKind::Invalid, why)))
            }
        };
        match self.options.schemas.validate(id.as_str(), &next) {
            Ok(()) => {}
            Err(e) if e.kind == ErrorKind::Rejected => {
                let violation =
                    Rejection::new(RejectKind::Invalid, format!("schema: {}", e.message))
                        .worded_for_the_writer(e);
                return Ok(Ruling::Rejected(violation));
            }
            Err(e) => return Err(e),
        }
        let body = wire::encode_body(&next);
        if let Err(too_large) = check_size(&body, "the updated object") {
            let size = body.len();
            let too_large = Rejection::new(
                RejectKind::Invalid,
                format!("the object would be {size} bytes (at most {MAX_BODY_BYTES})"),
            )
            .worded_for_the_writer(too_large);
            return Ok(Ruling::Rejected(too_large));
        }
        Ok(Ruling::Next(next))
    }

    /// Asks the rules about an update comment before it is posted, against the current
    /// state, so that an update the processor would reject is refused here (nothing posted).
    pub(super) fn check_update(
        &self,
        id: &ObjectId,
        object: &StoredObject,
        comment: &str,
    ) -> Result<()> {
        // Read back as the processor will read it, so that the two cannot disagree.
        let CommentPayload::Update(request) = CommentPayload::parse(comment) else {
            return Err(Error::failure(format!(
                "the update comment for {:?} does not read as an update",
                id.as_str()
            )));
        };
        match self.rule_on(id, &object.data, object.version, &request)? {
            Ruling::Next(_) => Ok(()),
            Ruling::Rejected(rejection) => Err(rejection.into_error()),
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::store::{StoreOptions, UpdateOptions};
    use crate::tracker::{
        local::{DefaultLabels, LocalDb},
        AccountKind,
    };

    fn store() -> Store {
        let db = LocalDb::open_in_memory().unwrap();
        let repo = db
            .ensure_repository("alice/data", AccountKind::User, DefaultLabels::Without)
            .unwrap();
        Store::new(
            Box::new(db.tracker(repo.id, "alice").unwrap()),
            StoreOptions::default(),
        )
    }

    #[test]
    fn a_stale_version_is_one_rejection_worded_for_comment_and_writer() {
        let store = store();
        let id = ObjectId::parse("cfg").unwrap();
        store.create(&id, json!({"n": 1})).unwrap();
        let stale = UpdateOptions {
            if_version: Some(7),
            ..UpdateOptions::default()
        };
        let refused = store.update(&id, json!({"n": 2}), &stale).unwrap_err();
        assert_eq!(refused.kind, ErrorKind::Conflict);
        assert_eq!(refused.message, r#"object "cfg" is at version 1, not 7"#);

        let request = UpdateRequest {
            data: json!({"n": 2}),
            mode: "append".into(),
            if_version: Some(json!(7)),
            key: None,
            legacy: false,
        };
        let Ruling::Rejected(rejection) = store.rule_on(&id, &json!({}), 1, &request).unwrap()
        else {
            panic!("a stale version is rejected");
        };
        assert_eq!(rejection.kind, RejectKind::Conflict);
        assert_eq!(
            rejection.reason,
            "expected version 7, but the object is at version 1"
        );
    }

    #[test]
    fn an_acceptable_update_yields_the_next_state() {
        let store = store();
        let request = UpdateRequest {
            data: json!({"b": 2}),
            mode: "merge-patch".into(),
            if_version: Some(json!(3)),
            key: None,
            legacy: false,
        };
        let id = ObjectId::parse("cfg").unwrap();
        let ruling = store.rule_on(&id, &json!({"a": 1}), 3, &request).unwrap();
        assert!(matches!(ruling, Ruling::Next(next) if next == json!({"a": 1, "b": 2})));
    }
}
