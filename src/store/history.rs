//! An object's history: one entry per comment on its issue, with what became of it.

use serde::Serialize;
use serde_json::Value;

use super::wire::{Checkpoint, CommentPayload};
use super::{ObjectId, Store};
use crate::error::Result;
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
