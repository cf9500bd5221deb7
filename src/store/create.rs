//! Creating an object: exactly one writer wins an id, and a rerun finishes an interrupted
//! create instead of refusing it.

use serde_json::Value;

use super::object::StoredObject;
use super::object_id::{self, ObjectId};
use super::wire::{self, Checkpoint, CommentPayload, Envelope, LABEL_OBJECT, LABEL_SYSTEM};
use super::{check_size, lacks_labels, require_object, Store};
use crate::error::{Error, ErrorKind, Result, Written};
use crate::tracker::{Comment, Issue, IssuePatch, IssueState, NewIssue, StateReason, TrackerError};

impl Store {
    /// Creates an object: one existence check, then the issue, the `initial_state` comment,
    /// its 👍 and 🚀, the closing PATCH that writes the first checkpoint, and (in the same
    /// round trip) a look for an older issue of the same id, which a racing creator made.
    pub fn create(&self, id: &ObjectId, data: Value) -> Result<StoredObject> {
        self.create_labeled(id, data, &[])
    }

    /// [`Store::create`] with extra labels (checked by [`super::extra_labels`]) on the issue,
    /// in the same request.
    pub fn create_labeled(
        &self,
        id: &ObjectId,
        data: Value,
        extra: &[String],
    ) -> Result<StoredObject> {
        self.check_new(id, &data)?;
        let body = wire::encode_body(&data);

        let not_created = |e: TrackerError| {
            let error = Error::from(e.clone());
            if e.may_have_written() {
                error
                    .context(format!("object {:?} may have been created", id.as_str()))
                    .with_hint(
                        "rerun the same command: it finishes the object if its issue was made, \
                         and creates it otherwise",
                    )
                    .with_written(Written::Maybe)
            } else {
                error
                    .context(format!("object {:?} was not created", id.as_str()))
                    .with_written(Written::Nothing)
            }
        };
        // Where the tracker knows, refused before anything is written: GitHub only tells by
        // dropping the labels of the issue it creates, which must then be closed again.
        if self.tracker.push_access().map_err(not_created)? == Some(false) {
            return Err(self
                .no_push_access(
                    format!("cannot create {:?}", id.as_str()),
                    "nothing was written".into(),
                )
                .with_written(Written::Nothing));
        }
        if let Some(unfinished) = self.check_can_create(id, &data).map_err(|e| match e.kind {
            // The object's own answers: it exists, or its id clashes.
            ErrorKind::Conflict => e,
            _ => e
                .context(format!("object {:?} was not created", id.as_str()))
                .with_written(Written::Nothing),
        })? {
            // A rerun finishes the interrupted create, labels included.
            let object = self.finish_create(id, unfinished, data, None)?;
            self.add_labels(id, object.issue_number, extra)?;
            return Ok(object);
        }
        let mut labels = vec![LABEL_SYSTEM.into(), LABEL_OBJECT.into(), id.label()];
        labels.extend(extra.iter().cloned());
        let issue = self
            .tracker
            .create_issue(&NewIssue {
                title: id.title(),
                body: Some(body),
                labels: labels.clone(),
            })
            .map_err(not_created)?;
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
        self.finish_create(id, issue, data, Some(Vec::new()))
    }

    /// What a create checks before any request: a JSON object, its schema, and GitHub's size
    /// limit for the body and for the initial-state comment.
    pub(super) fn check_new(&self, id: &ObjectId, data: &Value) -> Result<()> {
        require_object(data, "object data")?;
        self.options.schemas.validate(id.as_str(), data)?;
        check_size(&wire::encode_body(data), "the object")?;
        // The initial comment repeats the data: it must fit as well, or the object would be
        // half-created (a bug of the Python client).
        let probe = Envelope::initial_state(data.clone(), u64::MAX).encode();
        check_size(&probe, "the object's initial-state comment")
    }

    /// Labels are unique case-insensitively on GitHub, so `Foo` would silently attach to the
    /// label of an existing `foo`. One label lookup answers both "exists?" and "clashes?".
    /// An existing issue that is an interrupted create of this very data is returned, to be
    /// finished.
    fn check_can_create(&self, id: &ObjectId, data: &Value) -> Result<Option<Issue>> {
        let Some(label) = self.tracker.get_label(&id.label())? else {
            return Ok(None);
        };
        if label.name != id.label() {
            let existing = label.name.trim_start_matches(object_id::UID_PREFIX);
            return Err(Error::conflict(format!(
                "object id {:?} clashes with the existing id {existing:?}",
                id.as_str()
            ))
            .with_hint("GitHub label names are case-insensitive: pick an id that differs by more than case"));
        }
        let Some(existing) = self.find_issue(id)? else {
            return Ok(None);
        };
        if self.is_unfinished_create(&existing, data)? {
            return Ok(Some(existing));
        }
        Err(Error::conflict(format!(
            "object {:?} already exists (issue #{})",
            id.as_str(),
            existing.number
        ))
        .with_hint("use `gh-store update` to change it"))
    }

    /// Whether `issue` is a create of `data` that stopped before its end: its body is the
    /// data, nothing has updated it, and its checkpoint or its first state's marks are
    /// missing. Costs one listing of its comments, only when the body matches.
    fn is_unfinished_create(&self, issue: &Issue, data: &Value) -> Result<bool> {
        if wire::decode_body(issue.body.as_deref()).ok().as_ref() != Some(data) {
            return Ok(false);
        }
        let checkpoint = Checkpoint::from_title(&issue.title);
        if checkpoint.is_some_and(|c| c.version != 1) {
            return Ok(false);
        }
        let comments = self.comments_of(issue.number)?;
        let updated = comments
            .iter()
            .any(|c| matches!(CommentPayload::parse(&c.body), CommentPayload::Update(_)));
        if updated {
            return Ok(false);
        }
        let marks = self.options.marks;
        let marked = comments.iter().any(|c| {
            matches!(
                CommentPayload::parse(&c.body),
                CommentPayload::InitialState { .. }
            ) && marks.is_processed(c)
                && c.reactions.count(marks.initial_state) > 0
        });
        Ok(checkpoint.is_none() || issue.state == IssueState::Open || !marked)
    }

    /// Writes what a create still lacks: the `initial_state` comment, its marks, the closing
    /// PATCH with the first checkpoint. `comments` is what the issue holds (`None`: list
    /// them). The younger of two racing creators withdraws its issue and fails (exit 6).
    fn finish_create(
        &self,
        id: &ObjectId,
        issue: Issue,
        data: Value,
        comments: Option<Vec<Comment>>,
    ) -> Result<StoredObject> {
        let number = issue.number;
        let body_fingerprint = wire::fingerprint(&data);
        let unfinished = |e: Error| {
            let hint = "rerun the same command to finish it (it says \"already exists\" if the \
                        object was complete after all)";
            e.context(format!(
                "object {:?} was created (issue #{number}) but not finished",
                id.as_str()
            ))
            .with_hint(hint)
            .with_written(Written::Partly)
        };
        let comments = match comments {
            Some(comments) => comments,
            None => self.comments_of(number).map_err(unfinished)?,
        };
        let initial = match comments.iter().find(|c| {
            matches!(
                CommentPayload::parse(&c.body),
                CommentPayload::InitialState { .. }
            )
        }) {
            Some(initial) => initial.clone(),
            None => self
                .tracker
                .create_comment(number, &Envelope::initial_state(data, number).encode())
                .map_err(|e| unfinished(e.into()))?,
        };
        let count = comments.len() as u64 + u64::from(!comments.iter().any(|c| c.id == initial.id));
        let last = comments.iter().map(|c| c.id).fold(initial.id, u64::max);
        let checkpoint = Checkpoint {
            version: 1,
            last_comment_id: last,
            consumed_comments: Some(count),
            body: Some(body_fingerprint),
        };
        let close = IssuePatch {
            title: Some(checkpoint.title(&id.title())),
            state: Some(IssueState::Closed),
            ..IssuePatch::default()
        };
        // The marks, the closing PATCH and the look for an older issue do not depend on each
        // other: send them at once, which saves three round trips of GitHub's 100-300 ms.
        let marks = self.options.marks;
        let mark = |content| {
            (initial.reactions.count(content) == 0)
                .then(|| self.tracker.add_reaction(initial.id, content))
        };
        let (processed, initial_state, older, closed) = std::thread::scope(|scope| {
            let processed = scope.spawn(|| mark(marks.processed));
            let initial_state = scope.spawn(|| mark(marks.initial_state));
            let older = scope.spawn(|| self.find_issues(id));
            let closed = self.tracker.update_issue(number, &close, None);
            (
                processed.join().expect("a marking thread panicked"),
                initial_state.join().expect("a marking thread panicked"),
                older.join().expect("a lookup thread panicked"),
                closed,
            )
        });
        let older = older.map_err(unfinished)?;
        if let Some(winner) = older.iter().find(|other| other.number < number) {
            return Err(self.withdraw_create(id, number, winner.number));
        }
        let issue = closed.map_err(|e| unfinished(e.into()))?;
        for mark in [processed, initial_state].into_iter().flatten() {
            mark.map_err(|e| unfinished(e.into()))?;
        }
        StoredObject::from_issue(&issue)
            .map_err(|why| Error::failure(format!("issue #{number} was written but {why}")))
    }

    /// The younger of two racing creators: archives its issue (as `delete` and the Python
    /// client archive) so that the id keeps one object, and says who won.
    fn withdraw_create(&self, id: &ObjectId, number: u64, winner: u64) -> Error {
        let fate = match self.archive_issue(id, number) {
            Ok(_) => format!("this create's issue #{number} was withdrawn (archived)"),
            Err(e) => format!(
                "this create's issue #{number} could not be withdrawn ({e}); the older issue \
                 is the object"
            ),
        };
        Error::conflict(format!(
            "object {:?} was created at the same time by another writer (issue #{winner}); {fate}",
            id.as_str()
        ))
        .with_hint("`gh-store get` shows the object that won; `gh-store update` changes it")
    }
}
