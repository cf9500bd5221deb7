//! The processor: folds new update comments into the body, exactly once.
//!
//! GitHub offers one atomic write per request, so body, checkpoint (in the title) and
//! `closed` go out in one PATCH, guarded by the title read at the start. Rejected updates get
//! 👎 (and 😕 for a conflict) before it; every consumed update gets 👍 after it, as marks for
//! humans and for the Python client: losing them in a crash loses nothing, because the
//! checkpoint already says what was consumed.

use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::{json, Value};

use super::alias::alias_target;
use super::history::duplicate_updates;
use super::object::{self, StoredObject};
use super::policy::{AccessChecker, Verdict};
use super::rules::{RejectKind, Rejection, Ruling};
use super::wire::{self, Checkpoint, CommentPayload, Envelope, LABEL_ARCHIVED, LABEL_OBJECT};
use super::{Marks, ObjectId, Store};
use crate::error::{Error, ErrorKind, Result};
use crate::tracker::{
    Comment, Issue, IssueGuard, IssuePatch, IssueState, ReactionContent, TrackerError,
};

/// Reactions posted at once after a processing run.
const MARK_CONCURRENCY: usize = 4;

/// Rounds of "comments arrived while we worked" or "another processor moved first" before
/// giving up; each round makes progress, so this only bounds pathological churn.
const MAX_ROUNDS: usize = 10;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Applied,
    Rejected(Rejection),
    /// A rerun's copy of an earlier update (same author, same `idempotency_key`): consumed
    /// without effect; the earlier one's outcome stands.
    Duplicate {
        of: u64,
    },
}

/// What the processor decided for one update comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub comment_id: u64,
    pub author: Option<String>,
    pub outcome: Outcome,
}

/// The result of processing one object.
#[derive(Debug, Clone, PartialEq)]
pub struct ProcessReport {
    /// The object after processing.
    pub object: StoredObject,
    pub decisions: Vec<Decision>,
    /// Whether the issue was written (false when there was nothing to do).
    pub wrote: bool,
}

impl ProcessReport {
    pub fn applied(&self) -> usize {
        self.decisions
            .iter()
            .filter(|d| d.outcome == Outcome::Applied)
            .count()
    }

    pub fn rejected(&self) -> usize {
        self.decisions
            .iter()
            .filter(|d| matches!(d.outcome, Outcome::Rejected(_)))
            .count()
    }

    pub fn duplicates(&self) -> usize {
        self.decisions
            .iter()
            .filter(|d| matches!(d.outcome, Outcome::Duplicate { .. }))
            .count()
    }

    pub fn decision_for(&self, comment_id: u64) -> Option<&Outcome> {
        self.decisions
            .iter()
            .find(|d| d.comment_id == comment_id)
            .map(|d| &d.outcome)
    }

    /// The one JSON line `process` prints per object (`duplicates` only when there were).
    pub fn summary(&self) -> Value {
        let mut summary = json!({
            "object_id": self.object.object_id.as_str(),
            "issue_number": self.object.issue_number,
            "applied": self.applied(),
            "rejected": self.rejected(),
            "version": self.object.version,
        });
        if self.duplicates() > 0 {
            summary["duplicates"] = json!(self.duplicates());
        }
        summary
    }
}

/// The fold of one round, before anything is written.
struct Fold {
    data: Value,
    checkpoint: Checkpoint,
    decisions: Vec<Decision>,
    /// Anything after the checkpoint (even comments that are not updates).
    consumed_any: bool,
}

/// The version of an object no gh-store processor has checkpointed yet (one written by the
/// Python client): its initial state plus the updates the Python processor marked 👍.
pub(super) fn legacy_version(comments: &[Comment], marks: &Marks) -> u64 {
    1 + marked_updates(comments.iter(), marks)
}

/// How many of `comments` are updates marked 👍 (by a processor, or so its client reads it).
fn marked_updates<'a>(comments: impl Iterator<Item = &'a Comment>, marks: &Marks) -> u64 {
    comments
        .filter(|c| marks.is_processed(c))
        .filter(|c| matches!(CommentPayload::parse(&c.body), CommentPayload::Update(_)))
        .count() as u64
}

impl Store {
    /// Processes the object in issue `number` (what the Actions workflow calls).
    pub fn process_issue(&self, number: u64) -> Result<ProcessReport> {
        let issue = self.tracker.get_issue(number)?;
        self.process_loaded(issue)
    }

    /// Processes an object by id (an alias: its own issue's updates are forwarded, then its
    /// canonical object is processed).
    pub fn process_object(&self, id: &ObjectId) -> Result<ProcessReport> {
        let Some(issue) = self.find_issue(id)? else {
            return Err(self.not_found(id));
        };
        self.process_loaded(issue)
    }

    /// Every object with updates waiting, page by page: open issues, and closed ones with
    /// comments their checkpoint has not consumed (a failed reopen, a stale write), which
    /// the listing's comment counts show at no extra request.
    pub(super) fn pending_issues(&self) -> impl Iterator<Item = Result<Issue>> + '_ {
        self.object_issues()
            .filter(|issue| issue.as_ref().map_or(true, object::is_pending))
    }

    /// Why the access policy refuses the creator of an object's issue, if it does: such an
    /// object is not processed at all.
    pub(super) fn creator_refusal(&self, issue: &Issue) -> Result<Option<String>> {
        let checker = self.access_checker();
        Ok(
            match checker.check(issue.author_login(), issue.author_association)? {
                Verdict::Denied(why) => Some(why),
                Verdict::Allowed => None,
            },
        )
    }

    /// Processes an issue already read (saves the GET).
    ///
    /// Long on purpose: read, fold, write the checkpoint, mark, close, re-read on a race, in
    /// the one order that makes processing exactly-once; each step says why it is there.
    pub fn process_loaded(&self, issue: Issue) -> Result<ProcessReport> {
        if alias_target(&issue).is_some() {
            return self.process_alias(issue);
        }
        let checker = self.access_checker();
        let mut issue = issue;
        let mut decisions = Vec::new();
        let mut wrote = false;
        for _ in 0..MAX_ROUNDS {
            let id = live_object_id(&issue)?;
            if let Some(why) = self.creator_refusal(&issue)? {
                return Err(Error::new(
                    ErrorKind::Auth,
                    format!(
                        "issue #{} was not created by an allowed author: {why}",
                        issue.number
                    ),
                )
                .with_hint("objects must be created by someone the access policy allows"));
            }
            let mut comments: Vec<Comment> = self.comments_of(issue.number)?;
            let previous = Checkpoint::from_title(&issue.title);
            if previous.is_none() && !has_initial_state(&comments) {
                // A create interrupted before its `initial_state` comment: write it, or
                // every client's history would lack the object's first state.
                comments.insert(0, self.write_initial_state(&issue)?);
            }
            let fold = self.fold(&id, &issue, previous, &comments, &checker)?;

            if !fold.consumed_any && issue.state == IssueState::Closed && previous.is_some() {
                self.repair_marks(previous, &comments, &[])?;
                let object = read_back(&issue)?;
                return Ok(ProcessReport {
                    object,
                    decisions,
                    wrote,
                });
            }
            // 👎 before the PATCH: a rerun after a crash reaches the same decision, and
            // history can tell a rejected update from an applied one even if the 👍 never
            // came.
            // A conflict also gets 😕, so that `update --wait` can exit 6 rather than 5 (the
            // reason itself has nowhere to go; other clients ignore reactions but 👍).
            for decision in &fold.decisions {
                if let Outcome::Rejected(rejection) = &decision.outcome {
                    self.tracker
                        .add_reaction(decision.comment_id, ReactionContent::MinusOne)?;
                    if rejection.kind == RejectKind::Conflict {
                        self.tracker
                            .add_reaction(decision.comment_id, ReactionContent::Confused)?;
                    }
                }
            }
            let body = wire::encode_body(&fold.data);
            let patch = IssuePatch {
                title: Some(fold.checkpoint.title(&id.title())),
                body: Some(Some(body)),
                state: Some(IssueState::Closed),
                ..IssuePatch::default()
            };
            let guard = IssueGuard {
                title: issue.title.clone(),
            };
            let written = match self
                .tracker
                .update_issue(issue.number, &patch, Some(&guard))
            {
                Ok(written) => written,
                Err(TrackerError::GuardFailed) => {
                    // Another processor moved the checkpoint: start over from its state.
                    issue = self.tracker.get_issue(issue.number)?;
                    continue;
                }
                Err(e) => return Err(e.into()),
            };
            wrote = true;
            let kept = wire::decode_body(written.body.as_deref()).ok();
            if kept.as_ref() != Some(&fold.data) {
                return Err(Error::failure(format!(
                    "issue #{} did not keep the new body (GitHub answered with another one)",
                    issue.number
                )));
            }
            let marked: Vec<u64> = fold.decisions.iter().map(|d| d.comment_id).collect();
            let first = self.mark(&marked, self.options.marks.processed)?;
            self.repair_marks(previous, &comments, &marked)?;
            // Processors racing past the guard (GitHub's is a read before the write) write
            // the same fold; the one whose 👍 came first reports each decision, so that the
            // runs' reports add up to what was applied.
            decisions.extend(
                fold.decisions
                    .into_iter()
                    .filter(|d| first.contains(&d.comment_id)),
            );
            if written.comments > comments.len() as u64 {
                // Comments arrived while we worked: their writer may have reopened the issue
                // before our PATCH closed it, so go round again rather than strand them.
                issue = written;
                continue;
            }
            let object = read_back(&written)?;
            return Ok(ProcessReport {
                object,
                decisions,
                wrote,
            });
        }
        Err(Error::conflict(format!(
            "issue #{} kept changing while it was processed; run `gh-store process` again",
            issue.number
        )))
    }

    /// The object's next state from its comments: the base (ours, or one another processor
    /// folded), then each unconsumed update in order through the rules. Kept whole: the
    /// Python client's marks and the adoption of its body are one reading of the comments.
    fn fold(
        &self,
        id: &ObjectId,
        issue: &Issue,
        previous: Option<Checkpoint>,
        comments: &[Comment],
        checker: &AccessChecker<'_>,
    ) -> Result<Fold> {
        let marks = &self.options.marks;
        let mut data = wire::decode_body(issue.body.as_deref()).map_err(|e| {
            Error::failure(format!(
                "issue #{} body is not valid JSON, so it cannot be updated: {e}",
                issue.number
            ))
        })?;
        // Another processor folded updates after our checkpoint into the body (the Python one
        // marks what it applied 👍 and leaves the title alone): its body is the base, and
        // the updates it marked are consumed, applied by it.
        let adopted = previous.is_some_and(|checkpoint| !checkpoint.wrote(&data));
        let is_new = |comment: &Comment| match previous {
            Some(checkpoint) if comment.id > checkpoint.last_comment_id => {
                !(adopted && marks.is_processed(comment))
            }
            Some(_) => false,
            // Never processed by gh-store: trust the Python client's 👍 marks.
            None => !marks.is_processed(comment),
        };
        let mut version = match previous {
            Some(checkpoint) if adopted => {
                let after = comments
                    .iter()
                    .filter(|c| c.id > checkpoint.last_comment_id);
                checkpoint.version + marked_updates(after, marks)
            }
            Some(checkpoint) => checkpoint.version,
            None => legacy_version(comments, marks),
        };
        let mut decisions = Vec::new();
        let mut consumed_any = false;
        let duplicates = duplicate_updates(comments);
        let after_checkpoint =
            |comment: &Comment| previous.is_none_or(|cp| comment.id > cp.last_comment_id);
        for comment in comments {
            let new = is_new(comment);
            consumed_any |= new || after_checkpoint(comment);
            if !new {
                continue;
            }
            let CommentPayload::Update(request) = CommentPayload::parse(&comment.body) else {
                continue;
            };
            if let Some(&of) = duplicates.get(&comment.id) {
                decisions.push(Decision {
                    comment_id: comment.id,
                    author: comment.author_login().map(str::to_string),
                    outcome: Outcome::Duplicate { of },
                });
                continue;
            }
            let ruling = match checker.check(comment.author_login(), comment.author_association)? {
                Verdict::Denied(why) => {
                    Ruling::Rejected(Rejection::new(RejectKind::Unauthorized, why))
                }
                Verdict::Allowed => self.rule_on(id, &data, version, &request)?,
            };
            let outcome = match ruling {
                Ruling::Next(next) => {
                    data = next;
                    version += 1;
                    Outcome::Applied
                }
                Ruling::Rejected(rejection) => Outcome::Rejected(rejection),
            };
            decisions.push(Decision {
                comment_id: comment.id,
                author: comment.author_login().map(str::to_string),
                outcome,
            });
        }
        let last_seen = comments.iter().map(|c| c.id).max().unwrap_or(0);
        let last_comment_id = previous.map_or(0, |c| c.last_comment_id).max(last_seen);
        let body = Some(wire::fingerprint(&data));
        Ok(Fold {
            data,
            checkpoint: Checkpoint {
                version,
                last_comment_id,
                consumed_comments: Some(comments.len() as u64),
                body,
            },
            decisions,
            consumed_any,
        })
    }

    /// After a crash between the PATCH and the marks, consumed updates lack their 👍: add it
    /// (the rollup shows it for free), so that the Python client does not re-apply them.
    fn repair_marks(
        &self,
        checkpoint: Option<Checkpoint>,
        comments: &[Comment],
        already: &[u64],
    ) -> Result<()> {
        let Some(checkpoint) = checkpoint else {
            return Ok(());
        };
        let unmarked: Vec<u64> = comments
            .iter()
            .filter(|comment| {
                comment.id <= checkpoint.last_comment_id
                    && !self.options.marks.is_processed(comment)
                    && !already.contains(&comment.id)
                    && matches!(
                        CommentPayload::parse(&comment.body),
                        CommentPayload::Update(_)
                    )
            })
            .map(|comment| comment.id)
            .collect();
        self.mark(&unmarked, self.options.marks.processed).map(drop)
    }

    /// Adds a reaction to each comment, a few at a time: the marks are independent and
    /// idempotent, and with GitHub's 100-300 ms per request, marking 50 updates one by one
    /// would take longer than everything else the processor does. A secondary rate limit
    /// makes the tracker wait and space its writes, whichever thread meets it. Returns the
    /// comments this run gave the reaction first.
    fn mark(&self, comment_ids: &[u64], content: ReactionContent) -> Result<Vec<u64>> {
        let next = AtomicUsize::new(0);
        let workers = MARK_CONCURRENCY.min(comment_ids.len());
        std::thread::scope(|scope| {
            let handles: Vec<_> = (0..workers)
                .map(|_| {
                    scope.spawn(|| -> Result<Vec<u64>> {
                        let mut first = Vec::new();
                        while let Some(&id) = comment_ids.get(next.fetch_add(1, Ordering::Relaxed))
                        {
                            if self.tracker.add_reaction(id, content)?.created {
                                first.push(id);
                            }
                        }
                        Ok(first)
                    })
                })
                .collect();
            let mut first = Vec::new();
            for handle in handles {
                first.extend(handle.join().expect("a marking thread panicked")?);
            }
            Ok(first)
        })
    }

    /// Posts the `initial_state` comment of an object whose create was interrupted before
    /// it, with the body as it is (what the creator wrote).
    pub(super) fn write_initial_state(&self, issue: &Issue) -> Result<Comment> {
        let data = wire::decode_body(issue.body.as_deref()).map_err(|e| {
            Error::failure(format!(
                "issue #{} body is not valid JSON, so it cannot be updated: {e}",
                issue.number
            ))
        })?;
        let comment = self.tracker.create_comment(
            issue.number,
            &Envelope::initial_state(data, issue.number).encode(),
        )?;
        let marks = self.options.marks;
        self.tracker.add_reaction(comment.id, marks.processed)?;
        self.tracker.add_reaction(comment.id, marks.initial_state)?;
        Ok(comment)
    }
}

/// The object id of a live object issue, or why the issue cannot be processed.
fn live_object_id(issue: &Issue) -> Result<ObjectId> {
    let not_object = |why: &str| {
        Error::not_found(format!(
            "issue #{} is not a live gh-store object: {why}",
            issue.number
        ))
    };
    if issue.is_pull_request {
        return Err(not_object("it is a pull request"));
    }
    if issue.has_label(LABEL_ARCHIVED) {
        return Err(not_object("it is archived"));
    }
    if !issue.has_label(LABEL_OBJECT) {
        return Err(not_object("it has no stored-object label"));
    }
    ObjectId::from_labels(issue.label_names()).ok_or_else(|| not_object("it has no UID: label"))
}

/// Whether an object's comments include its first state (every finished create writes it).
fn has_initial_state(comments: &[Comment]) -> bool {
    comments.iter().any(|c| {
        matches!(
            CommentPayload::parse(&c.body),
            CommentPayload::InitialState { .. }
        )
    })
}

fn read_back(issue: &Issue) -> Result<StoredObject> {
    StoredObject::from_issue(issue)
        .map_err(|why| Error::failure(format!("issue #{}: {why}", issue.number)))
}
