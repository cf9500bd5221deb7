//! update --wait.

use std::process::Stdio;
use std::time::{Duration, Instant};

use gh_store::tracker::{IssueState, ReactionContent, Tracker};
use serde_json::json;

use super::python_objects::{python_initial_state, python_object, set_state};
use super::{create, envelope, get, issue_of, queue, write, PORT_SCHEMA};
use crate::harness::{finish, spawn, statuses, Sandbox};

/// Runs `process` once `update --wait` has posted its comment.
fn process_when_posted(s: &Sandbox, number: u64, before: usize, extra: &[&str]) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while s.remote().comments_on(number).len() <= before {
        assert!(Instant::now() < deadline, "the update was never posted");
        std::thread::sleep(Duration::from_millis(50));
    }
    let mut args = extra.to_vec();
    args.extend(["process", "--issue"]);
    let number = number.to_string();
    args.push(&number);
    s.run(&args).success();
}

#[test]
fn update_wait_reports_applied() {
    let s = Sandbox::github();
    let number = create(&s, "w", r#"{"v": 1}"#);
    let waiter = spawn(&s, &["update", "w", "--wait=20s", r#"{"v": 2}"#]);
    process_when_posted(&s, number, 1, &[]);
    let run = finish(waiter).success();
    let object = run.json();
    assert_eq!(object["version"], 2);
    assert_eq!(object["data"], json!({"v": 2}));
}

#[test]
fn update_wait_reports_rejections_with_their_exit_code() {
    let s = Sandbox::github();
    let number = create(&s, "w", r#"{"port": 1}"#);
    // Lost compare-and-set: exit 6.
    queue(&s, "w", &[], r#"{"port": 2}"#);
    let waiter = spawn(
        &s,
        &[
            "update",
            "w",
            "--wait=20s",
            "--if-version",
            "1",
            r#"{"port": 3}"#,
        ],
    );
    process_when_posted(&s, number, 2, &[]);
    finish(waiter).code(6).error_mentions("conflict");

    // Broke the schema the processor enforces: exit 5.
    write(&s, "port.json", PORT_SCHEMA);
    let waiter = spawn(&s, &["update", "w", "--wait=20s", r#"{"port": "x"}"#]);
    process_when_posted(&s, number, 3, &["--schema", "port.json"]);
    finish(waiter).code(5).error_mentions("rejected");
    assert_eq!(get(&s, "w")["data"], json!({"port": 2}));
}

#[test]
fn update_wait_times_out_with_exit_7() {
    let s = Sandbox::github();
    let number = create(&s, "w", r#"{"v": 1}"#);
    let started = Instant::now();
    s.remote().server.reset_stats();
    s.run(&["update", "w", "--wait=1s", r#"{"v": 2}"#])
        .code(7)
        .error_mentions("still pending");
    assert!(started.elapsed() < Duration::from_secs(5));
    // Polling revalidates the issue with its ETag: unchanged answers are 304s.
    let stats = s.remote().server.stats();
    assert!(stats.not_modified >= 1, "{stats:?}");
    // Still queued: the processor applies it later.
    assert_eq!(statuses(&s, "w"), ["initial", "pending"]);
    assert_eq!(issue_of(&s, "w").state, IssueState::Open);
    s.run(&["process", "--issue", &number.to_string()])
        .success();
    assert_eq!(get(&s, "w")["data"], json!({"v": 2}));
}

#[test]
fn a_strangers_thumbs_down_does_not_make_an_applied_update_rejected() {
    let s = Sandbox::github();
    let number = create(&s, "d", r#"{"v": 1}"#);
    let applied = queue(&s, "d", &[], r#"{"v": 2}"#);
    // A real rejection beside it: the version moved before its turn.
    queue(&s, "d", &["--if-version", "1"], r#"{"v": 3}"#);
    s.run(&["process", "d"]).success();
    assert_eq!(statuses(&s, "d"), ["initial", "applied", "rejected"]);

    s.remote()
        .tracker_as("carol")
        .add_reaction(applied, ReactionContent::MinusOne)
        .unwrap();
    assert_eq!(statuses(&s, "d"), ["initial", "applied", "rejected"]);
    let revisions = s.run(&["history", "d", "--diff"]).success().json();
    assert_eq!(revisions.as_array().unwrap().len(), 2, "{revisions}");

    // `update --wait` reads the marks the same way.
    let waiter = spawn(&s, &["update", "d", "--wait=20s", r#"{"v": 4}"#]);
    let deadline = Instant::now() + Duration::from_secs(10);
    let posted = loop {
        if let Some(c) = s.remote().comments_on(number).into_iter().nth(3) {
            break c.id;
        }
        assert!(Instant::now() < deadline, "the update was never posted");
        std::thread::sleep(Duration::from_millis(50));
    };
    s.remote()
        .tracker_as("carol")
        .add_reaction(posted, ReactionContent::MinusOne)
        .unwrap();
    s.run(&["process", "--issue", &number.to_string()])
        .success();
    let object = finish(waiter).success().json();
    assert_eq!(object["data"], json!({"v": 4}));
    assert_eq!(object["version"], 3);
}

#[test]
fn update_wait_by_an_unauthorised_author_exits_4() {
    let s = Sandbox::github();
    let number = create(&s, "w", r#"{"v": 1}"#);
    // Already pending (open): carol's update needs no reopen, which she may not do.
    set_state(
        &s.remote().tracker_as("alice"),
        number,
        IssueState::Open,
        None,
    );
    // carol may comment (the repository is public) but the policy does not admit her.
    let waiter = s
        .command(&["update", "w", "--wait=20s", r#"{"v": 2}"#])
        .env("GH_TOKEN", "carol-token")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    process_when_posted(&s, number, 1, &[]);
    finish(waiter)
        .code(4)
        .error_mentions("carol (NONE) is not allowed");
    assert_eq!(get(&s, "w")["data"], json!({"v": 1}));
}

#[test]
fn python_object_version_is_counted_as_the_processor_counts_it() {
    let s = Sandbox::github();
    let (alice, number) = python_object(&s, "pv", &json!({"a": 2}));
    python_initial_state(&alice, number, json!({"a": 1}));
    let done = alice
        .create_comment(number, &envelope(json!({"a": 2}), "append", number, None))
        .unwrap();
    alice
        .add_reaction(done.id, ReactionContent::PlusOne)
        .unwrap();
    // Remarks are not versions.
    alice.create_comment(number, "LGTM").unwrap();
    alice.create_comment(number, "Thanks!").unwrap();
    set_state(&alice, number, IssueState::Closed, None);

    assert_eq!(get(&s, "pv")["version"], 2);
    let object = s
        .run(&[
            "update",
            "pv",
            "--apply",
            "--if-version",
            "2",
            r#"{"b": 1}"#,
        ])
        .success()
        .json();
    assert_eq!(object["version"], 3);
    assert_eq!(object["data"], json!({"a": 2, "b": 1}));
    assert_eq!(get(&s, "pv")["version"], 3);
}
