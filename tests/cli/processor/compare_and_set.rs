//! Compare-and-set.

use gh_store::serve::{Fault, FaultAction, Trigger};
use gh_store::tracker::IssueState;
use serde_json::json;

use super::{comment, create, get, issue_of, process, queue, COMMENTS, ISSUE};
use crate::harness::{statuses, Sandbox};

#[test]
fn if_version_succeeds_and_fails_fast_without_posting() {
    let s = Sandbox::github();
    let number = create(&s, "cas", r#"{"n": 0}"#);
    // `get` reports the version --if-version expects.
    let version = get(&s, "cas")["version"].as_u64().unwrap();
    assert_eq!(version, 1);
    let applied = s
        .run(&[
            "update",
            "cas",
            "--apply",
            "--if-version",
            "1",
            r#"{"n": 1}"#,
        ])
        .success()
        .json();
    assert_eq!(applied["version"], 2);
    assert_eq!(applied["data"], json!({"n": 1}));
    assert_eq!(get(&s, "cas")["version"], 2);

    let before = s.remote().comments_on(number).len();
    s.remote().server.reset_stats();
    s.run(&["update", "cas", "--if-version", "1", r#"{"n": 9}"#])
        .code(6)
        .error_mentions("version 2, not 1");
    let stats = s.remote().server.stats();
    assert_eq!(
        stats.route("POST", COMMENTS),
        0,
        "nothing posted: {stats:?}"
    );
    assert_eq!(stats.route("PATCH", ISSUE), 0, "not reopened: {stats:?}");
    assert_eq!(s.remote().comments_on(number).len(), before);
    assert_eq!(get(&s, "cas")["data"], json!({"n": 1}));

    // Queued with the right version, applied by the processor.
    queue(&s, "cas", &["--if-version", "2"], r#"{"n": 2}"#);
    let (summary, _) = process(&s, "cas");
    assert_eq!(
        (summary["applied"].clone(), summary["version"].clone()),
        (json!(1), json!(3))
    );
}

#[test]
fn queued_if_version_that_loses_the_race_is_a_conflict() {
    let s = Sandbox::github();
    let number = create(&s, "race", r#"{"owner": "nobody"}"#);
    // Two writers read version 1; the first posts without a condition, the second with
    // --if-version 1 (the CLI still sees version 1: the first is only queued).
    queue(&s, "race", &[], r#"{"owner": "first"}"#);
    let loser = queue(&s, "race", &["--if-version", "1"], r#"{"owner": "second"}"#);
    let (summary, run) = process(&s, "race");
    assert_eq!(summary["applied"], 1);
    assert_eq!(summary["rejected"], 1);
    assert!(
        run.stderr
            .contains("expected version 1, but the object is at version 2"),
        "{}",
        run.stderr
    );
    assert_eq!(get(&s, "race")["data"], json!({"owner": "first"}));
    assert_eq!(statuses(&s, "race"), ["initial", "applied", "rejected"]);
    let marks = comment(&s, number, loser).reactions;
    assert_eq!(marks.minus_one, 1);
    assert_eq!(marks.confused, 1, "conflicts are told apart by 😕");
}

#[test]
fn update_apply_processes_at_once_without_reopening() {
    let s = Sandbox::github();
    create(&s, "now", r#"{"v": 1}"#);
    s.remote().server.reset_stats();
    let object = s
        .run(&["update", "now", "--apply", r#"{"v": 2}"#])
        .success()
        .json();
    assert_eq!(
        (object["version"].clone(), object["data"].clone()),
        (json!(2), json!({"v": 2}))
    );
    let stats = s.remote().server.stats();
    assert_eq!(
        stats.route("PATCH", ISSUE),
        1,
        "only the processor's PATCH: {stats:?}"
    );
    assert!(stats.total <= 6, "{stats:?}");
    assert_eq!(issue_of(&s, "now").state, IssueState::Closed);
    // Rejected at once: the exit code says why.
    queue(&s, "now", &[], r#"{"v": 3}"#);
    s.run(&[
        "update",
        "now",
        "--apply",
        "--if-version",
        "2",
        r#"{"v": 4}"#,
    ])
    .code(6)
    .error_mentions("expected version 2");
}

#[test]
fn update_apply_that_fails_to_process_leaves_the_update_queued() {
    let s = Sandbox::github();
    create(&s, "later", r#"{"v": 1}"#);
    // Every try of the processor's PATCH fails (the client retries 3 times); GitHub recovers.
    s.remote().server.inject(
        Fault::new(FaultAction::Status {
            status: 502,
            format: gh_store::serve::BodyFormat::Html,
        })
        .on("PATCH", ISSUE)
        .when(Trigger::Next(4)),
    );
    let run = s.run(&["update", "later", "--apply", r#"{"v": 2}"#]);
    assert_ne!(run.code, 0, "{}", run.stderr);
    s.remote().server.clear_faults();
    // Posted, not applied: queued for the processor like any update (the issue is open), so
    // the workflow or `process --all` picks it up.
    assert_eq!(statuses(&s, "later"), ["initial", "pending"]);
    let run = s.run(&["process", "--all"]).success();
    assert_eq!(run.lines().len(), 1, "{}", run.stdout);
    assert_eq!(get(&s, "later")["data"], json!({"v": 2}));
}
