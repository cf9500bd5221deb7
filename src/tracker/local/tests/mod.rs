//! Tests of the local tracker against GitHub's observable behaviour.

mod comments;
mod issues;
mod labels;
mod listing;
mod repos;
mod storage;

use crate::tracker::local::DefaultLabels;
use std::fmt::Debug;
use std::sync::Arc;

use super::{LocalDb, LocalTracker, PageNumber};
use crate::tracker::{AccountKind, NewIssue, TrackerError, TrackerResult};

/// An in-memory database with `octo/store` (default labels) and a tracker acting as its owner.
fn setup() -> (Arc<LocalDb>, LocalTracker) {
    let db = LocalDb::open_in_memory().unwrap();
    let repo = db
        .ensure_repository("octo/store", AccountKind::User, DefaultLabels::GitHubs)
        .unwrap();
    let tracker = db.tracker(repo.id, "octo").unwrap();
    (db, tracker)
}

fn new_issue(title: &str, labels: &[&str]) -> NewIssue {
    NewIssue {
        title: title.into(),
        body: Some(format!("body of {title}")),
        labels: labels.iter().map(|l| l.to_string()).collect(),
    }
}

fn names(labels: &[&str]) -> Vec<String> {
    labels.iter().map(|l| l.to_string()).collect()
}

/// The message of a `TrackerError::Invalid`, failing on anything else.
fn invalid_message<T: Debug>(result: TrackerResult<T>) -> String {
    match result {
        Err(TrackerError::Invalid { message }) => message,
        other => panic!("expected Invalid, got {other:?}"),
    }
}

/// Raw SQL, to set up states the API cannot reach quickly (old timestamps, bulk data).
fn execute(db: &LocalDb, sql: &str) {
    db.connection().execute_batch(sql).unwrap();
}

/// Moves every timestamp of the database one hour back, so that a bump shows.
fn rewind_clock(db: &LocalDb) {
    execute(
        db,
        "UPDATE issues SET created_at = created_at - 3600, updated_at = updated_at - 3600;
         UPDATE comments SET created_at = created_at - 3600, updated_at = updated_at - 3600;",
    );
}
