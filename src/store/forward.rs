//! Updates posted on an alias's own issue. The Python `CanonicalStore.update_object` and the
//! TypeScript `updateObject` of an alias comment on the alias's issue (and the Python
//! virtual merge counts them toward the canonical object); gh-store's processor forwards
//! them to the canonical object instead of folding them into the alias's unread body, so
//! that every client reads them in one place.

use std::collections::HashSet;

use serde_json::{json, Value};

use super::alias::alias_target;
use super::object_id::ObjectId;
use super::policy::Verdict;
use super::process::{legacy_version, ProcessReport};
use super::wire::{self, Checkpoint, CommentPayload, Envelope};
use super::Store;
use crate::error::{Error, Result};
use crate::tracker::{
    paginate, Comment, Issue, IssueGuard, IssuePatch, IssueState, ReactionContent, TrackerError,
};

impl Store {
    /// Processes an alias's issue: its unconsumed updates are posted again on the canonical
    /// object (under a key that makes a rerun a no-op), marked processed here, the alias's
    /// issue closed with a checkpoint that consumes them (its body untouched), and then the
    /// canonical object is processed. An update whose author the policy refuses is
    /// rejected here, not forwarded under the processor's name.
    pub(super) fn process_alias(&self, alias: Issue) -> Result<ProcessReport> {
        let alias_id = ObjectId::from_labels(alias.label_names())
            .ok_or_else(|| Error::failure(format!("issue #{} has no UID: label", alias.number)))?;
        let target = alias_target(&alias).unwrap_or_default().to_string();
        let target = ObjectId::parse(&target)?;
        let Some((canonical_id, canonical)) = self.find_canonical_issue(&target)? else {
            return Err(Error::not_found(format!(
                "{:?} is an alias of {:?}, which does not exist",
                alias_id.as_str(),
                target.as_str()
            )));
        };
        let comments: Vec<Comment> = self.comments_of(alias.number)?;
        let previous = Checkpoint::from_title(&alias.title);
        let marks = self.options.marks;
        let waiting: Vec<&Comment> = comments
            .iter()
            .filter(|c| match previous {
                Some(checkpoint) => c.id > checkpoint.last_comment_id,
                None => !marks.is_processed(c),
            })
            .filter(|c| matches!(CommentPayload::parse(&c.body), CommentPayload::Update(_)))
            .collect();

        if !waiting.is_empty() {
            let checker = self.access_checker();
            let posted: HashSet<String> =
                paginate(|page| self.tracker.list_comments(canonical.number, None, page))
                    .filter_map(|c| c.ok())
                    .filter_map(|c| match CommentPayload::parse(&c.body) {
                        CommentPayload::Update(update) => update.key,
                        _ => None,
                    })
                    .collect();
            let mut forwarded = 0;
            for comment in &waiting {
                match checker.check(comment.author_login(), comment.author_association)? {
                    Verdict::Denied(why) => {
                        self.warn(&format!(
                            "update {} on alias {:?} rejected: {why}",
                            comment.id,
                            alias_id.as_str()
                        ));
                        self.tracker
                            .add_reaction(comment.id, ReactionContent::MinusOne)?;
                    }
                    Verdict::Allowed => {
                        let (body, key) = forwarded_body(comment, alias.number, canonical.number);
                        if !posted.contains(&key) {
                            self.tracker.create_comment(canonical.number, &body)?;
                        }
                        self.tracker.add_reaction(comment.id, marks.processed)?;
                        forwarded += 1;
                    }
                }
            }
            self.note(&format!(
                "{:?} is an alias of {:?}: {forwarded} update(s) on its issue #{} forwarded",
                alias_id.as_str(),
                canonical_id.as_str(),
                alias.number
            ));
        } else {
            self.note(&format!(
                "{:?} is an alias of {:?}; using {:?}",
                alias_id.as_str(),
                canonical_id.as_str(),
                canonical_id.as_str()
            ));
        }
        if alias.state == IssueState::Open || !waiting.is_empty() {
            self.close_alias(&alias, previous, &comments)?;
        }
        // The canonical issue as it is now: the forwarded comments are on it.
        let canonical = self.tracker.get_issue(canonical.number)?;
        self.process_loaded(canonical)
    }

    /// Closes an alias's issue with a checkpoint that consumes every comment on it; its body
    /// (what the alias held before it became one) stays as it is.
    fn close_alias(
        &self,
        alias: &Issue,
        previous: Option<Checkpoint>,
        comments: &[Comment],
    ) -> Result<()> {
        let id = ObjectId::from_labels(alias.label_names()).expect("checked by the caller");
        let body = wire::decode_body(alias.body.as_deref()).ok();
        let checkpoint = Checkpoint {
            version: previous.map_or_else(
                || legacy_version(comments, &self.options.marks),
                |c| c.version,
            ),
            last_comment_id: comments
                .iter()
                .map(|c| c.id)
                .max()
                .unwrap_or_default()
                .max(previous.map_or(0, |c| c.last_comment_id)),
            consumed_comments: Some(comments.len() as u64),
            body: body.as_ref().map(wire::fingerprint),
        };
        let patch = IssuePatch {
            title: Some(checkpoint.title(&id.title())),
            state: Some(IssueState::Closed),
            ..IssuePatch::default()
        };
        let guard = IssueGuard {
            title: alias.title.clone(),
        };
        match self
            .tracker
            .update_issue(alias.number, &patch, Some(&guard))
        {
            // Another processor got there first; its forwarding used the same keys.
            Ok(_) | Err(TrackerError::GuardFailed) => Ok(()),
            Err(e) => Err(e.into()),
        }
    }
}

/// The comment to post on the canonical issue: the original envelope (timestamp, mode and
/// all) pointed at the canonical issue, with its key, or one naming the original comment.
fn forwarded_body(comment: &Comment, alias_number: u64, canonical_number: u64) -> (String, String) {
    let fallback_key = format!("alias-{alias_number}-comment-{}", comment.id);
    let parsed = crate::json::parse_enclosing(&comment.body.replace("\r\n", "\n"), 1).ok();
    if let Some(Value::Object(mut envelope)) = parsed {
        if let Some(Value::Object(meta)) = envelope.get_mut("_meta") {
            let key = match meta.get("idempotency_key") {
                Some(Value::String(key)) => key.clone(),
                _ => fallback_key,
            };
            meta.insert("issue_number".into(), json!(canonical_number));
            meta.insert("idempotency_key".into(), json!(key));
            let body = serde_json::to_string_pretty(&envelope).expect("JSON serialises");
            return (body, key);
        }
    }
    // A pre-envelope update (the whole comment is the change).
    let data = match CommentPayload::parse(&comment.body) {
        CommentPayload::Update(update) => update.data,
        _ => Value::Null,
    };
    let mut envelope = Envelope::update(data, "append", canonical_number, None);
    envelope.meta.idempotency_key = Some(fallback_key.clone());
    (envelope.encode(), fallback_key)
}
