//! Rate limits and faults: no duplicate, no lost update, nothing applied twice.

use std::time::{Duration, Instant};

use gh_store::serve::{BodyFormat, FaultAction, ServeOptions};
use gh_store::tracker::IssueState;
use serde_json::json;

use super::{ids, inject, one_line_error, only_issue, status, COMMENTS, ISSUE, ISSUES};
use crate::harness::Sandbox;

#[test]
fn transient_failures_are_retried() {
    let s = Sandbox::github();
    s.run(&["create", "a", r#"{"n": 0}"#]).success();
    inject(&s, "GET", ISSUES, status(500, BodyFormat::Json));
    let (run, stats) = s.run_counted(&["get", "a"]);
    run.success();
    assert_eq!((stats.route("GET", ISSUES), stats.faults_injected), (2, 1));

    inject(&s, "GET", ISSUES, FaultAction::DropConnection);
    let (run, stats) = s.run_counted(&["get", "a"]);
    run.success();
    assert_eq!(stats.route("GET", ISSUES), 2);

    // A PATCH is idempotent: re-sent after a dropped answer, applied once.
    s.run(&["update", "a", r#"{"n": 1}"#]).success();
    inject(&s, "PATCH", ISSUE, FaultAction::CommitThenDrop);
    assert_eq!(s.run(&["process", "a"]).success().lines()[0]["applied"], 1);
    let object = s.run(&["get", "a"]).success().json();
    assert_eq!(
        (object["version"].clone(), object["data"].clone()),
        (json!(2), json!({"n": 1}))
    );
}

#[test]
fn creates_whose_answer_is_lost_happen_once() {
    let s = Sandbox::github();
    inject(&s, "POST", ISSUES, FaultAction::CommitThenDrop);
    let created = s.run(&["create", "a", r#"{"n": 0}"#]).success().json();
    assert_eq!(created["version"], 1);
    only_issue(&s, "a");

    inject(&s, "POST", COMMENTS, FaultAction::CommitThenDrop);
    s.run(&["create", "b", r#"{"n": 0}"#]).success();
    assert_eq!(s.remote().comments_on(only_issue(&s, "b").number).len(), 1);

    inject(&s, "POST", COMMENTS, FaultAction::CommitThenDrop);
    s.run(&["update", "a", r#"{"n": 1}"#]).success();
    let number = only_issue(&s, "a").number;
    assert_eq!(
        s.remote().comments_on(number).len(),
        2,
        "exactly one update comment"
    );
    s.run(&["process", "a"]).success();
    let object = s.run(&["get", "a"]).success().json();
    assert_eq!(
        (object["version"].clone(), object["data"].clone()),
        (json!(2), json!({"n": 1}))
    );
    assert_eq!(ids(&s.run(&["list"]).success().json()), ["a", "b"]);
}

#[test]
fn rate_limits_with_retry_after_are_waited_out() {
    let s = Sandbox::github();
    s.run(&["create", "a", r#"{"n": 0}"#]).success();
    for (status, format) in [
        (403, BodyFormat::Json),
        (429, BodyFormat::Json),
        (403, BodyFormat::Html),
    ] {
        inject(
            &s,
            "POST",
            COMMENTS,
            FaultAction::SecondaryRateLimit {
                status,
                retry_after: Some(1),
                format,
            },
        );
        let started = Instant::now();
        let (run, stats) = s.run_counted(&["update", "a", "--queue", r#"{"n": 1}"#]);
        run.success();
        assert!(
            started.elapsed() >= Duration::from_secs(1),
            "waited as asked"
        );
        assert_eq!((stats.rate_limited, stats.route("POST", COMMENTS)), (1, 2));
    }
    let number = only_issue(&s, "a").number;
    assert_eq!(
        s.remote().comments_on(number).len(),
        4,
        "three updates, each once"
    );
    s.run(&["process", "a"]).success();
    assert_eq!(s.run(&["get", "a"]).success().json()["version"], 4);
}

#[test]
fn rate_limits_beyond_max_wait_exit_7_at_once() {
    let s = Sandbox::github();
    s.run(&["create", "a", r#"{"n": 0}"#]).success();
    let cases = [
        FaultAction::SecondaryRateLimit {
            status: 403,
            retry_after: None,
            format: BodyFormat::Json,
        },
        FaultAction::SecondaryRateLimit {
            status: 403,
            retry_after: None,
            format: BodyFormat::Html,
        },
        FaultAction::PrimaryExhausted {
            status: 403,
            reset_after: 120,
        },
        FaultAction::PrimaryExhausted {
            status: 429,
            reset_after: 120,
        },
    ];
    for action in cases {
        inject(&s, "POST", COMMENTS, action.clone());
        let started = Instant::now();
        let run = s
            .run(&["--max-wait", "1s", "update", "a", r#"{"n": 1}"#])
            .code(7);
        assert!(
            started.elapsed() < Duration::from_secs(3),
            "{action:?} failed fast"
        );
        one_line_error(&run);
        assert!(run.stderr.contains("hint: retry after"), "{}", run.stderr);
    }
    assert_eq!(s.remote().comments_on(1).len(), 1, "no update posted");
    assert_eq!(only_issue(&s, "a").state, IssueState::Closed);
    assert_eq!(s.run(&["get", "a"]).success().json()["version"], 1);
}

/// The server's own budget running out (not an injected refusal): its reset is an hour away,
/// far beyond --max-wait, so the CLI stops at once and writes nothing more.
#[test]
fn a_spent_primary_budget_exits_7_and_writes_nothing() {
    let mut s = Sandbox::github_with(ServeOptions {
        rate_limit: 8,
        ..ServeOptions::default()
    });
    // Every request counted: a revalidated lookup (a free 304) would move the budget's end.
    s.extra_env.push(("GH_STORE_NO_CACHE".into(), "1".into()));
    s.run(&["create", "a", r#"{"n": 0}"#]).success(); // 6 requests
    s.run(&["get", "a"]).success(); // 7
    let started = Instant::now();
    // 8: the lookup; then the comment is refused.
    let run = s.run(&["update", "a", r#"{"n": 1}"#]).code(7);
    assert!(started.elapsed() < Duration::from_secs(3));
    one_line_error(&run);
    assert!(
        run.stderr.contains("API rate limit exceeded"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("hint: retry after"), "{}", run.stderr);
    // Another user's budget is their own.
    let history = s.run_as("bob", &["history", "a"]).success().json();
    assert_eq!(history.as_array().unwrap().len(), 1, "no update was posted");
    assert_eq!(only_issue(&s, "a").state, IssueState::Closed);
}
