use crate::tracker::local::DefaultLabels;
use std::thread;

use super::*;
use crate::tracker::{IssuePatch, IssueQuery, ReactionContent, StateFilter, Tracker};

fn storage_message<T: Debug>(result: TrackerResult<T>) -> String {
    match result {
        Err(TrackerError::Storage { message }) => message,
        other => panic!("expected Storage, got {other:?}"),
    }
}

#[test]
fn a_missing_directory_is_named_and_not_created() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("missing").join("store.db");
    let message = storage_message(LocalDb::open(&path));
    assert!(message.contains(&path.display().to_string()), "{message}");
    assert!(message.contains("does not exist"), "{message}");
    assert!(!dir.path().join("missing").exists());
}

#[test]
fn a_file_that_is_not_a_database_is_refused_with_its_path() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.txt");
    std::fs::write(&path, "not a database\n".repeat(300)).unwrap();
    let message = storage_message(LocalDb::open(&path));
    assert!(message.contains(&path.display().to_string()), "{message}");
    assert!(message.contains("not a database"), "{message}");

    let message = storage_message(LocalDb::open(dir.path()));
    assert!(
        message.contains(&dir.path().display().to_string()),
        "{message}"
    );
}

#[test]
fn a_new_file_is_created_in_wal_mode_and_keeps_its_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.db");
    let repo_id = {
        let db = LocalDb::open(&path).unwrap();
        let repo = db
            .ensure_repository("octo/store", AccountKind::User, DefaultLabels::Without)
            .unwrap();
        let tracker = db.tracker(repo.id, "octo").unwrap();
        tracker.create_issue(&new_issue("kept", &["x"])).unwrap();
        assert_eq!(
            tracker.describe(),
            format!("octo/store in local store {}", path.display())
        );
        repo.id
    };
    let db = LocalDb::open(&path).unwrap();
    let conn = db.connection();
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |row| row.get(0))
        .unwrap();
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |row| row.get(0))
        .unwrap();
    let foreign_keys: bool = conn
        .query_row("PRAGMA foreign_keys", [], |row| row.get(0))
        .unwrap();
    drop(conn);
    assert_eq!((mode.as_str(), version, foreign_keys), ("wal", 1, true));
    let issue = db.tracker(repo_id, "octo").unwrap().get_issue(1).unwrap();
    assert_eq!(issue.title, "kept");
}

#[test]
fn a_newer_schema_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.db");
    drop(LocalDb::open(&path).unwrap());
    execute(&LocalDb::open(&path).unwrap(), "PRAGMA user_version = 99");
    let message = storage_message(LocalDb::open(&path));
    assert!(message.contains("newer gh-store"), "{message}");
}

#[test]
fn two_handles_on_one_file_write_concurrently_without_losing_anything() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.db");
    let handles: Vec<_> = ["alice", "bob"]
        .into_iter()
        .map(|login| {
            let path = path.clone();
            thread::spawn(move || {
                // Its own connection, as a second gh-store process would have.
                let db = LocalDb::open(&path).unwrap();
                let repo = db
                    .ensure_repository("octo/store", AccountKind::User, DefaultLabels::Without)
                    .unwrap();
                let tracker = db.tracker(repo.id, login).unwrap();
                for round in 0..20 {
                    let issue = tracker
                        .create_issue(&new_issue(&format!("{login} {round}"), &[login]))
                        .unwrap();
                    tracker
                        .create_comment(1, &format!("{login} {round}"))
                        .unwrap();
                    let patch = IssuePatch {
                        body: Some(Some(format!("edited by {login}"))),
                        ..IssuePatch::default()
                    };
                    tracker.update_issue(issue.number, &patch, None).unwrap();
                }
                repo.id
            })
        })
        .collect();
    let repo_ids: Vec<u64> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    assert_eq!(repo_ids[0], repo_ids[1]);

    let db = LocalDb::open(&path).unwrap();
    let tracker = db.tracker(repo_ids[0], "octo").unwrap();
    let query = IssueQuery {
        state: StateFilter::All,
        ..IssueQuery::default()
    };
    let page = tracker
        .list_issues_numbered(
            &query,
            PageNumber {
                page: 1,
                per_page: 100,
            },
        )
        .unwrap();
    let mut numbers: Vec<u64> = page.items.iter().map(|i| i.number).collect();
    numbers.sort_unstable();
    assert_eq!(numbers, (1..=40).collect::<Vec<_>>());
    assert!(page
        .items
        .iter()
        .all(|i| i.body.as_deref().unwrap().starts_with("edited by")));
    assert_eq!(tracker.get_issue(1).unwrap().comments, 40);
    let comments = tracker.list_comments(1, None, None).unwrap().items;
    assert_eq!(comments.len(), 40);
}

#[test]
fn reading_goes_on_while_another_process_holds_the_write_lock() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.db");
    let db = LocalDb::open(&path).unwrap();
    let repo = db
        .ensure_repository("octo/store", AccountKind::User, DefaultLabels::Without)
        .unwrap();
    db.tracker(repo.id, "octo")
        .unwrap()
        .create_issue(&new_issue("obj", &[]))
        .unwrap();

    let writer = rusqlite::Connection::open(&path).unwrap();
    writer.execute_batch("BEGIN IMMEDIATE").unwrap();
    let started = std::time::Instant::now();
    let reader = LocalDb::open(&path).unwrap();
    let tracker = reader.tracker(repo.id, "octo").unwrap();
    assert_eq!(tracker.get_issue(1).unwrap().title, "obj");
    assert!(started.elapsed() < std::time::Duration::from_secs(2));
    writer.execute_batch("ROLLBACK").unwrap();
}

#[test]
fn ids_are_past_two_to_the_32_and_user_ids_are_smaller() {
    let (_db, tracker) = setup();
    let issue = tracker
        .create_issue(&new_issue("big ids", &["fresh"]))
        .unwrap();
    let comment = tracker.create_comment(issue.number, "hello").unwrap();
    let reaction = tracker
        .add_reaction(comment.id, ReactionContent::PlusOne)
        .unwrap();
    let two_to_the_32 = 1u64 << 32;
    assert!(issue.id > two_to_the_32);
    assert!(issue.labels[0].id > two_to_the_32);
    assert!(comment.id > two_to_the_32);
    assert!(reaction.reaction.id > two_to_the_32);
    let user_id = issue.user.unwrap().id;
    assert!((10_000_000..two_to_the_32).contains(&user_id), "{user_id}");
}
