//! Posting an update: checked against the current state before it is posted, and, when
//! something fails, a message that says whether it was posted and what a safe rerun does.

use serde_json::Value;

use super::modes;
use super::process::Outcome;
use super::wire::{Checkpoint, CommentPayload, Envelope};
use super::{check_size, reopen, ObjectId, Store, UpdateOptions, UpdateOutcome};
use crate::error::{Error, Result, Written};
use crate::tracker::{Comment, Issue, IssueState, TrackerError};

impl Store {
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
        let (issue, object) = self.find_versioned_object(id).map_err(not_posted(id))?;
        // An alias's update goes to its canonical object, under that object's rules.
        let id = &object.object_id.clone();
        let earlier = match (&options.key, options.rerun) {
            (Some(key), true) => self.find_keyed(&issue, key).map_err(not_posted(id))?,
            _ => None,
        };
        let comment_id = match earlier {
            // The earlier run posted it: do not post it twice, finish what it left.
            Some(comment) => comment.id,
            None => {
                let mut envelope = Envelope::update(
                    change,
                    options.mode.as_str(),
                    issue.number,
                    options.if_version,
                );
                envelope.meta.idempotency_key = options.key.clone();
                let envelope = envelope.encode();
                self.check_update(id, &object, &envelope)?;
                check_size(&envelope, "the update comment")?;
                self.tracker
                    .create_comment(issue.number, &envelope)
                    .map_err(|e| post_failed(id, e))?
                    .id
            }
        };
        if options.apply {
            return self.apply_posted(id, issue, comment_id);
        }
        let consumed =
            Checkpoint::from_title(&issue.title).is_some_and(|c| c.last_comment_id >= comment_id);
        // An open issue is queued already: reopening it would only need a permission that
        // someone who may comment may lack.
        if issue.state == IssueState::Closed && !consumed {
            match self.tracker.update_issue(issue.number, &reopen(), None) {
                Err(TrackerError::Forbidden { message }) => {
                    return Err(self.withdraw(id, issue.number, comment_id, &message));
                }
                Err(e) => return Err(not_queued(id, issue.number, comment_id, e.into())),
                Ok(_) => {}
            }
        }
        Ok(UpdateOutcome::Pending {
            object_id: id.clone(),
            issue_number: issue.number,
            comment_id,
        })
    }

    /// The comment an earlier run posted with this key, if it did.
    fn find_keyed(&self, issue: &Issue, key: &str) -> Result<Option<Comment>> {
        Ok(self
            .comments_of(issue.number)?
            .into_iter()
            .find(|comment| match CommentPayload::parse(&comment.body) {
                CommentPayload::Update(request) => request.key.as_deref() == Some(key),
                _ => false,
            }))
    }

    /// `update --apply` after posting: process the issue at once and say what became of
    /// this update.
    fn apply_posted(&self, id: &ObjectId, issue: Issue, comment_id: u64) -> Result<UpdateOutcome> {
        let number = issue.number;
        let report = match self.process_loaded(issue) {
            Ok(report) => report,
            Err(error) => {
                // Posted but not processed: queue it like any update (reopen). Even if that
                // fails it is not stranded: the comment count shows it to every sweep.
                // Unless this user may not reopen the issue: then it could never be applied.
                return Err(match self.tracker.update_issue(number, &reopen(), None) {
                    Err(TrackerError::Forbidden { message }) => {
                        self.withdraw(id, number, comment_id, &message)
                    }
                    Err(_) => not_queued(id, number, comment_id, error),
                    Ok(_) => error
                        .context(format!(
                            "the update of {:?} was posted (comment {comment_id}) and queued, but \
                             not applied",
                            id.as_str()
                        ))
                        .with_hint(format!(
                            "the processing workflow applies it, or `gh-store process {}` now; \
                             do not post it again",
                            id.as_str()
                        ))
                        .with_written(Written::Partly),
                });
            }
        };
        let earlier = match report.decision_for(comment_id) {
            Some(Outcome::Rejected(rejection)) => {
                return Err(Error::new(
                    rejection.kind.error_kind(),
                    format!("update rejected: {}", rejection.reason),
                ))
            }
            Some(Outcome::Applied) => return Ok(UpdateOutcome::Applied(report.object)),
            Some(Outcome::Duplicate { of }) => *of,
            // Another processor consumed it first: its marks say how.
            None => comment_id,
        };
        match self.rejection(&self.tracker.get_issue(number)?, earlier)? {
            Some(rejected) => Err(rejected),
            None => Ok(UpdateOutcome::Applied(report.object)),
        }
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
}

/// A failure before the update was posted: nothing written.
fn not_posted(id: &ObjectId) -> impl Fn(Error) -> Error + '_ {
    move |error| {
        if error.kind == crate::ErrorKind::NotFound {
            return error;
        }
        error
            .context(format!("the update of {:?} was not posted", id.as_str()))
            .with_written(Written::Nothing)
    }
}

/// The comment POST failed: it may have been posted when the answer was lost.
fn post_failed(id: &ObjectId, e: TrackerError) -> Error {
    let maybe = e.may_have_written();
    let error = Error::from(e);
    if maybe {
        error
            .context(format!(
                "the update of {:?} may have been posted",
                id.as_str()
            ))
            .with_hint(
                "rerun the same command: it finds the update if it was posted and does not \
                 post it again (the same idempotency key), so it is applied once",
            )
            .with_written(Written::Maybe)
    } else {
        error
            .context(format!("the update of {:?} was not posted", id.as_str()))
            .with_written(Written::Nothing)
    }
}

/// Posted, but the issue could not be reopened: not stranded (its comment count shows it to
/// every sweep), and a rerun does not post it again.
fn not_queued(id: &ObjectId, number: u64, comment_id: u64, error: Error) -> Error {
    error
        .context(format!(
            "the update of {:?} was posted (comment {comment_id}) but issue #{number} could not \
             be reopened",
            id.as_str()
        ))
        .with_hint(format!(
            "the next `gh-store process --all` (the workflow's sweep) applies it, or \
             `gh-store process {}` now; rerunning this command is safe: it does not post it again",
            id.as_str()
        ))
        .with_written(Written::Partly)
}
