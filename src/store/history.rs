//! An object's history: one entry per comment on its issue, with what became of it.

use serde::Serialize;
use serde_json::Value;

use super::modes::{self, UpdateMode};
use super::object::StoredObject;
use super::wire::{Checkpoint, CommentPayload};
use super::{ObjectId, Store};
use crate::error::{Error, Result};
use crate::timestamp::Timestamp;
use crate::tracker::{paginate, Comment, TrackerError};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum HistoryStatus {
    /// The object's first state.
    Initial,
    /// Folded into the object.
    Applied,
    /// Consumed by the processor without effect (marked 👎).
    Rejected,
    /// Waiting for the processor.
    Pending,
    /// Not an update (a human comment, a malformed envelope).
    Ignored,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HistoryEntry {
    pub comment_id: u64,
    pub created_at: Timestamp,
    pub author: Option<String>,
    pub status: HistoryStatus,
    /// The update mode (`append`, `merge-patch`, …) of updates.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mode: Option<String>,
    /// The initial state or the change; absent for ignored comments.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data: Option<Value>,
}

impl Store {
    /// One lookup, then the comments in pages of 100.
    pub fn history(&self, id: &ObjectId) -> Result<Vec<HistoryEntry>> {
        let (issue, _) = self.find_object(id)?;
        let checkpoint = Checkpoint::from_title(&issue.title);
        let comments: Vec<Comment> =
            paginate(|page| self.tracker.list_comments(issue.number, None, page))
                .collect::<std::result::Result<_, TrackerError>>()?;
        Ok(comments
            .iter()
            .map(|comment| entry(comment, checkpoint))
            .collect())
    }
}

fn entry(comment: &Comment, checkpoint: Option<Checkpoint>) -> HistoryEntry {
    let (status, mode, data) = match CommentPayload::parse(&comment.body) {
        CommentPayload::InitialState { data } => (HistoryStatus::Initial, None, Some(data)),
        CommentPayload::Ignored { .. } => (HistoryStatus::Ignored, None, None),
        CommentPayload::Update(update) => {
            let status = match checkpoint {
                Some(cp) if comment.id > cp.last_comment_id => HistoryStatus::Pending,
                Some(_) if comment.reactions.minus_one > 0 => HistoryStatus::Rejected,
                Some(_) => HistoryStatus::Applied,
                // Not yet processed by gh-store: the Python client's 👍 is all there is.
                None if comment.reactions.plus_one > 0 => HistoryStatus::Applied,
                None => HistoryStatus::Pending,
            };
            (status, Some(update.mode), Some(update.data))
        }
    };
    HistoryEntry {
        comment_id: comment.id,
        created_at: comment.created_at,
        author: comment.author_login().map(str::to_string),
        status,
        mode,
        data,
    }
}

/// The object as it was after one applied update (or at creation, version 1).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Revision {
    pub version: u64,
    pub comment_id: u64,
    pub created_at: Timestamp,
    pub author: Option<String>,
    /// The JSON Patch (RFC 6902) from the previous revision to this one.
    pub patch: Value,
    /// The whole state after this revision.
    #[serde(skip)]
    pub data: Value,
}

impl Store {
    /// Rebuilds every version from the initial state and the applied updates.
    pub fn revisions(&self, id: &ObjectId) -> Result<Vec<Revision>> {
        let history = self.history(id)?;
        let mut revisions: Vec<Revision> = Vec::new();
        for entry in history {
            let data = entry.data.clone().unwrap_or(Value::Null);
            let next = match (entry.status, revisions.last()) {
                (HistoryStatus::Initial, None) => data,
                (HistoryStatus::Applied, Some(previous)) => {
                    let mode: UpdateMode = entry
                        .mode
                        .as_deref()
                        .unwrap_or("append")
                        .parse()
                        .map_err(Error::failure)?;
                    modes::apply(mode, &previous.data, &data).map_err(|e| {
                        Error::failure(format!(
                            "comment {} no longer applies while replaying: {e}",
                            entry.comment_id
                        ))
                    })?
                }
                _ => continue,
            };
            let patch = match revisions.last() {
                Some(previous) => serde_json::to_value(json_patch::diff(&previous.data, &next))
                    .unwrap_or(Value::Null),
                None => Value::Array(Vec::new()),
            };
            revisions.push(Revision {
                version: revisions.len() as u64 + 1,
                comment_id: entry.comment_id,
                created_at: entry.created_at,
                author: entry.author,
                patch,
                data: next,
            });
        }
        if revisions.is_empty() {
            return Err(Error::failure(format!(
                "object {:?} has no initial-state comment to rebuild its history from",
                id.as_str()
            )));
        }
        Ok(revisions)
    }

    /// The object as it was at `version`.
    pub fn get_at(&self, id: &ObjectId, version: u64) -> Result<StoredObject> {
        let mut object = self.get(id)?;
        let revisions = self.revisions(id)?;
        let Some(revision) = version
            .checked_sub(1)
            .and_then(|i| revisions.get(i as usize))
        else {
            return Err(Error::not_found(format!(
                "object {:?} has no version {version} (versions 1 to {})",
                id.as_str(),
                revisions.len()
            )));
        };
        object.version = revision.version;
        object.updated_at = revision.created_at;
        object.data = revision.data.clone();
        Ok(object)
    }
}
