//! An object's history: one entry per comment on its issue, with what became of it.

use std::collections::hash_map::Entry;
use std::collections::{BTreeSet, HashMap};

use serde::Serialize;
use serde_json::Value;

use super::modes::{self, UpdateMode};
use super::object::StoredObject;
use super::wire::{self, Checkpoint, CommentPayload};
use super::{Marks, ObjectId, Store};
use crate::error::{Error, Result};
use crate::timestamp::Timestamp;
use crate::tracker::{Comment, Issue};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum HistoryStatus {
    /// The object's first state.
    Initial,
    /// Folded into the object.
    Applied,
    /// Consumed by the processor without effect (marked 👎).
    Rejected,
    /// A rerun's copy of an earlier update (same author, same idempotency key): consumed
    /// without effect.
    Duplicate,
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
        let comments: Vec<Comment> = self.comments_of(issue.number)?;
        let rejected = rejected_updates(&issue, &comments);
        let duplicates = duplicate_updates(&comments);
        // Another processor has folded updates into the body since the checkpoint: those it
        // marked are applied (gh-store's next run adopts them).
        let adopted = checkpoint.is_some_and(|cp| {
            wire::decode_body(issue.body.as_deref()).is_ok_and(|data| !cp.wrote(&data))
        });
        Ok(comments
            .iter()
            .map(|comment| {
                let mut entry = entry(comment, checkpoint, adopted, &rejected, &self.options.marks);
                if duplicates.contains_key(&comment.id) && entry.status == HistoryStatus::Applied {
                    entry.status = HistoryStatus::Duplicate;
                }
                entry
            })
            .collect())
    }
}

/// Updates that repeat an earlier one's author and idempotency key (a rerun's copy), each
/// with the comment it repeats: the processor consumes them without effect.
pub(super) fn duplicate_updates(comments: &[Comment]) -> HashMap<u64, u64> {
    let mut first: HashMap<(Option<&str>, String), u64> = HashMap::new();
    let mut duplicates = HashMap::new();
    for comment in comments {
        let CommentPayload::Update(update) = CommentPayload::parse(&comment.body) else {
            continue;
        };
        let Some(key) = update.key else {
            continue;
        };
        match first.entry((comment.author_login(), key)) {
            Entry::Occupied(earlier) => {
                duplicates.insert(comment.id, *earlier.get());
            }
            Entry::Vacant(slot) => {
                slot.insert(comment.id);
            }
        }
    }
    duplicates
}

/// The consumed updates that the processor rejected, by comment id.
///
/// It marks every rejection 👎 before the write that consumes it, so no rejected update
/// lacks one; but anyone can add a 👎 to any comment. The checkpoint's version says how many
/// consumed updates were applied, so when the 👎s outnumber the rejections it leaves room
/// for, the choice of applied updates whose replay gives the current body wins. No request:
/// reactions' authors would cost one per comment.
pub(super) fn rejected_updates(issue: &Issue, comments: &[Comment]) -> BTreeSet<u64> {
    let Some(checkpoint) = Checkpoint::from_title(&issue.title) else {
        return BTreeSet::new();
    };
    let mut initial = None;
    let mut consumed = Vec::new();
    let duplicates = duplicate_updates(comments);
    for comment in comments.iter().filter(|c| !duplicates.contains_key(&c.id)) {
        match CommentPayload::parse(&comment.body) {
            CommentPayload::InitialState { data } if initial.is_none() => initial = Some(data),
            CommentPayload::Update(update) if comment.id <= checkpoint.last_comment_id => {
                consumed.push((comment, update));
            }
            _ => {}
        }
    }
    let marked: Vec<u64> = consumed
        .iter()
        .filter(|(c, _)| c.reactions.minus_one > 0)
        .map(|(c, _)| c.id)
        .collect();
    let applied = usize::try_from(checkpoint.version.saturating_sub(1)).unwrap_or(usize::MAX);
    let rejections = consumed.len().saturating_sub(applied);
    let all_marked = || marked.iter().copied().collect();
    if marked.len() <= rejections {
        return all_marked();
    }
    let (Some(initial), Ok(current)) = (initial, wire::decode_body(issue.body.as_deref())) else {
        return all_marked();
    };
    let replays_to_current = |rejected: &BTreeSet<u64>| {
        let mut state = initial.clone();
        for (comment, update) in &consumed {
            if rejected.contains(&comment.id) {
                continue;
            }
            let Ok(mode) = update.mode.parse::<UpdateMode>() else {
                return false;
            };
            match modes::apply(mode, &state, &update.data) {
                Ok(next) => state = next,
                Err(_) => return false,
            }
        }
        state == current
    };
    combinations(marked.len(), rejections)
        .take(MAX_REPLAYS)
        .map(|chosen| chosen.iter().map(|&i| marked[i]).collect::<BTreeSet<u64>>())
        .find(|rejected| replays_to_current(rejected))
        .unwrap_or_else(all_marked)
}

/// Replays tried before falling back to every 👎 (a handful of stray 👎s needs a few).
const MAX_REPLAYS: usize = 256;

/// The `k`-element subsets of `0..n` as sorted index lists, in lexicographic order.
fn combinations(n: usize, k: usize) -> impl Iterator<Item = Vec<usize>> {
    let mut next = (k <= n).then(|| (0..k).collect::<Vec<usize>>());
    std::iter::from_fn(move || {
        let current = next.take()?;
        // Advance the rightmost index that can still move, and reset the ones after it.
        let mut following = current.clone();
        if let Some(i) = (0..k).rev().find(|&i| following[i] < n - k + i) {
            following[i] += 1;
            for j in i + 1..k {
                following[j] = following[j - 1] + 1;
            }
            next = Some(following);
        }
        Some(current)
    })
}

fn entry(
    comment: &Comment,
    checkpoint: Option<Checkpoint>,
    adopted: bool,
    rejected: &BTreeSet<u64>,
    marks: &Marks,
) -> HistoryEntry {
    let (status, mode, data) = match CommentPayload::parse(&comment.body) {
        CommentPayload::InitialState { data } => (HistoryStatus::Initial, None, Some(data)),
        CommentPayload::Ignored { .. } => (HistoryStatus::Ignored, None, None),
        CommentPayload::Update(update) => {
            let status = match checkpoint {
                Some(cp) if comment.id > cp.last_comment_id => {
                    if adopted && marks.is_processed(comment) {
                        HistoryStatus::Applied
                    } else {
                        HistoryStatus::Pending
                    }
                }
                Some(_) if rejected.contains(&comment.id) => HistoryStatus::Rejected,
                Some(_) => HistoryStatus::Applied,
                // Not yet processed by gh-store: the Python client's 👍 is all there is.
                None if marks.is_processed(comment) => HistoryStatus::Applied,
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
                // From nothing to the initial state: RFC 6902's whole-document add, so that
                // the patches alone rebuild every version.
                None => serde_json::json!([{"op": "add", "path": "", "value": next}]),
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

#[cfg(test)]
mod tests {
    use super::combinations;

    #[test]
    fn combinations_in_lexicographic_order() {
        let all: Vec<Vec<usize>> = combinations(4, 2).collect();
        assert_eq!(
            all,
            [[0, 1], [0, 2], [0, 3], [1, 2], [1, 3], [2, 3]].map(Vec::from)
        );
        assert_eq!(
            combinations(3, 0).collect::<Vec<_>>(),
            [Vec::<usize>::new()]
        );
        assert_eq!(combinations(2, 3).count(), 0);
        assert_eq!(combinations(3, 3).count(), 1);
    }
}
