//! The processor, proved over HTTP against `serve`: update modes, compare-and-set, JSON
//! Schemas, the access policy, objects written by the Python tool, racing processors, a crash
//! at every request, the request budget, and `update --wait`.
//!
//! Updates that the CLI would refuse are posted "by hand" through the server's database, as a
//! GitHub user (or another client) would through the web UI or the API.

use std::process::Stdio;
use std::time::{Duration, Instant};

use gh_store::serve::{BlackoutFailure, Fault, FaultAction, ServeOptions, Trigger};
use gh_store::tracker::local::LocalTracker;
use gh_store::tracker::{
    Comment, Issue, IssuePatch, IssueQuery, IssueState, NewIssue, ReactionContent, StateFilter,
    Tracker,
};
use serde_json::{json, Value};

use crate::harness::{finish, spawn, statuses, Run, Sandbox};

const REACTIONS: &str = "/repos/{owner}/{repo}/issues/comments/{comment_id}/reactions";
const ISSUE: &str = "/repos/{owner}/{repo}/issues/{issue_number}";
const ISSUES: &str = "/repos/{owner}/{repo}/issues";
const COMMENTS: &str = "/repos/{owner}/{repo}/issues/{issue_number}/comments";
const CONTENTS: &str = "/repos/{owner}/{repo}/contents/{path}";

// ---------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------

/// The server's repository as `login` sees it (the web UI, or another client).
fn tracker(s: &Sandbox, login: &str) -> LocalTracker {
    let remote = s.remote();
    remote.db.tracker(remote.repo_id, login).unwrap()
}

/// The issue of a live object.
fn issue_of(s: &Sandbox, id: &str) -> Issue {
    let query = IssueQuery {
        labels: vec![format!("UID:{id}")],
        state: StateFilter::All,
        ..IssueQuery::default()
    };
    let page = tracker(s, "alice").list_issues(&query, None).unwrap();
    let mut issues: Vec<Issue> = page
        .items
        .into_iter()
        .filter(|i| !i.has_label("archived"))
        .collect();
    assert_eq!(issues.len(), 1, "one issue for {id}");
    issues.remove(0)
}

fn comments(s: &Sandbox, number: u64) -> Vec<Comment> {
    tracker(s, "alice")
        .list_comments(number, None, None)
        .unwrap()
        .items
}

fn comment(s: &Sandbox, number: u64, id: u64) -> Comment {
    comments(s, number)
        .into_iter()
        .find(|c| c.id == id)
        .expect("the comment exists")
}

/// An update envelope as any client would write it.
fn envelope(data: Value, mode: &str, number: u64, if_version: Option<u64>) -> String {
    let mut meta = json!({
        "client_version": "0.11.3",
        "timestamp": "2025-04-14T04:20:01.654321+00:00",
        "update_mode": mode,
        "issue_number": number,
    });
    if let Some(v) = if_version {
        meta["if_version"] = json!(v);
    }
    serde_json::to_string_pretty(&json!({"_data": data, "_meta": meta})).unwrap()
}

/// Posts a comment as `login` and reopens the issue (as alice, who may), as a writer that
/// bypasses the CLI's checks would.
fn post_raw(s: &Sandbox, login: &str, number: u64, body: &str) -> u64 {
    let id = tracker(s, login).create_comment(number, body).unwrap().id;
    reopen(s, number);
    id
}

fn reopen(s: &Sandbox, number: u64) {
    tracker(s, "alice")
        .update_issue(
            number,
            &IssuePatch {
                state: Some(IssueState::Open),
                ..IssuePatch::default()
            },
            None,
        )
        .unwrap();
}

/// Queues an update through the CLI; returns the comment id.
fn queue(s: &Sandbox, id: &str, extra: &[&str], change: &str) -> u64 {
    let mut args = vec!["update", id, "--queue"];
    args.extend_from_slice(extra);
    args.push(change);
    let receipt = s.run(&args).success().json();
    assert_eq!(receipt["status"], "pending", "{receipt}");
    receipt["comment_id"].as_u64().unwrap()
}

fn get(s: &Sandbox, id: &str) -> Value {
    s.run(&["get", id]).success().json()
}

/// `process` output: one summary line.
fn process(s: &Sandbox, id: &str) -> (Value, Run) {
    let run = s.run(&["process", id]).success();
    let lines = run.lines();
    assert_eq!(lines.len(), 1, "{}", run.stdout);
    (lines[0].clone(), run)
}

fn create(s: &Sandbox, id: &str, data: &str) -> u64 {
    s.run(&["create", id, data]).success();
    issue_of(s, id).number
}

fn write(s: &Sandbox, path: &str, text: &str) {
    let path = s.path().join(path);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

const PORT_SCHEMA: &str = r#"{
  "type": "object",
  "properties": {"port": {"type": "integer"}},
  "required": ["port"]
}"#;

// ---------------------------------------------------------------------------------------
// 1. Update modes
// ---------------------------------------------------------------------------------------

#[test]
fn each_mode_applies_by_its_rules() {
    let s = Sandbox::github();
    create(
        &s,
        "m",
        r#"{"a": {"x": 1, "y": 2}, "keep": 1, "tags": ["t"], "n": 1}"#,
    );

    // append: the Python deep merge, null is stored.
    queue(&s, "m", &[], r#"{"a": {"y": 3}, "keep": null}"#);
    let (summary, _) = process(&s, "m");
    assert_eq!(
        (summary["applied"].clone(), summary["version"].clone()),
        (json!(1), json!(2))
    );
    let data = get(&s, "m")["data"].clone();
    assert_eq!(data["a"], json!({"x": 1, "y": 3}));
    assert!(data.as_object().unwrap().contains_key("keep"), "{data}");
    assert_eq!(data["keep"], Value::Null);

    // merge-patch: null deletes (nested too).
    queue(
        &s,
        "m",
        &["--mode", "merge-patch"],
        r#"{"keep": null, "a": {"x": null}}"#,
    );
    // json-patch: add to an array, remove, replace.
    queue(
        &s,
        "m",
        &["--mode", "json-patch"],
        r#"[{"op": "add", "path": "/tags/-", "value": "u"},
            {"op": "remove", "path": "/n"},
            {"op": "replace", "path": "/a/y", "value": 4}]"#,
    );
    // A json-patch whose `test` holds now (so the CLI posts it) but no longer holds when its
    // turn comes, because the update before it changed /a/y: a conflict.
    queue(
        &s,
        "m",
        &["--mode", "json-patch"],
        r#"[{"op": "test", "path": "/a/y", "value": 3}, {"op": "remove", "path": "/tags"}]"#,
    );
    let (summary, run) = process(&s, "m");
    assert_eq!(summary["applied"], 2, "{summary}");
    assert_eq!(summary["rejected"], 1, "{summary}");
    assert_eq!(summary["version"], 4);
    assert!(
        run.stderr.contains("json-patch test failed at /a/y"),
        "{}",
        run.stderr
    );
    let object = get(&s, "m");
    assert_eq!(object["version"], 4);
    assert_eq!(object["data"], json!({"a": {"y": 4}, "tags": ["t", "u"]}));

    // The CLI checks a json-patch `test` against the current state before posting: exit 6.
    s.remote().server.reset_stats();
    s.run(&[
        "update",
        "m",
        "--mode",
        "json-patch",
        r#"[{"op": "test", "path": "/a/y", "value": 99}]"#,
    ])
    .code(6)
    .error_mentions("/a/y");
    assert_eq!(s.remote().server.stats().route("POST", COMMENTS), 0);

    // replace: the whole document.
    queue(&s, "m", &["--mode", "replace"], r#"{"fresh": true}"#);
    let (summary, _) = process(&s, "m");
    assert_eq!(summary["version"], 5);
    assert_eq!(get(&s, "m")["data"], json!({"fresh": true}));

    assert_eq!(
        statuses(&s, "m"),
        ["initial", "applied", "applied", "applied", "rejected", "applied"]
    );
}

#[test]
fn unknown_mode_is_rejected_consumed_and_logged() {
    let s = Sandbox::github();
    let number = create(&s, "u", r#"{"a": 1}"#);
    let deep = post_raw(
        &s,
        "alice",
        number,
        &envelope(json!({"a": 2}), "deep", number, None),
    );
    let (summary, run) = process(&s, "u");
    assert_eq!(summary["applied"], 0);
    assert_eq!(summary["rejected"], 1);
    assert_eq!(summary["version"], 1);
    assert!(
        run.stderr
            .contains(&format!("rejected comment {deep} by alice"))
            && run.stderr.contains(r#"unknown update mode "deep""#),
        "{}",
        run.stderr
    );
    let object = get(&s, "u");
    assert_eq!(object["data"], json!({"a": 1}));
    let marks = comment(&s, number, deep).reactions;
    assert_eq!(
        (marks.plus_one, marks.minus_one),
        (1, 1),
        "consumed: 👍 and 👎"
    );
    assert_eq!(statuses(&s, "u"), ["initial", "rejected"]);
    let history = s.run(&["history", "u"]).success().json();
    assert_eq!(history[1]["mode"], "deep");
    assert_eq!(issue_of(&s, "u").state, IssueState::Closed);

    // Consumed, so never looked at again.
    s.remote().server.reset_stats();
    let (again, run) = process(&s, "u");
    assert_eq!(
        (again["applied"].clone(), again["rejected"].clone()),
        (json!(0), json!(0))
    );
    assert_eq!(run.stderr, "");
    let stats = s.remote().server.stats();
    assert_eq!(stats.route("POST", REACTIONS), 0, "{stats:?}");
    assert_eq!(stats.route("PATCH", ISSUE), 0, "{stats:?}");
}

#[test]
fn malformed_updates_are_rejected_never_stuck() {
    let s = Sandbox::github();
    let big = "x".repeat(40_000);
    let number = create(
        &s,
        "p",
        &json!({"a": 1, "list": [1], "big": big}).to_string(),
    );
    let raw = |body: &str| post_raw(&s, "alice", number, body);
    let bad = [
        // append needs an object (a poison pill for the Python processor)
        raw(&envelope(json!([1, 2]), "append", number, None)),
        // a legacy raw-JSON update that is not an object
        raw("42"),
        // replace with a non-object
        raw(&envelope(json!("text"), "replace", number, None)),
        // not an RFC 6902 document, and a patch that does not apply
        raw(&envelope(json!({"op": "add"}), "json-patch", number, None)),
        raw(&envelope(
            json!([{"op": "remove", "path": "/missing"}]),
            "json-patch",
            number,
            None,
        )),
        // the object would grow larger than GitHub keeps
        raw(&envelope(json!({"more": big}), "append", number, None)),
        // a condition that cannot be read is not ignored
        raw(&envelope(json!({"a": 9}), "append", number, None).replace(
            "\"issue_number\"",
            "\"if_version\": \"1\",\n    \"issue_number\"",
        )),
    ];
    let good = raw(&envelope(json!({"a": 2}), "append", number, None));
    let (summary, run) = process(&s, "p");
    assert_eq!(summary["applied"], 1, "{}", run.stderr);
    assert_eq!(summary["rejected"], bad.len(), "{}", run.stderr);
    assert_eq!(run.stderr.lines().count(), bad.len(), "{}", run.stderr);
    assert!(run.stderr.contains("65536"), "{}", run.stderr);
    assert!(run.stderr.contains("if_version"), "{}", run.stderr);
    assert_eq!(
        get(&s, "p")["data"],
        json!({"a": 2, "list": [1], "big": big})
    );
    for id in bad {
        let marks = comment(&s, number, id).reactions;
        assert_eq!((marks.plus_one, marks.minus_one), (1, 1), "comment {id}");
    }
    assert_eq!(comment(&s, number, good).reactions.minus_one, 0);
    assert_eq!(issue_of(&s, "p").state, IssueState::Closed);
}

// ---------------------------------------------------------------------------------------
// 2. Compare-and-set
// ---------------------------------------------------------------------------------------

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

    let before = comments(&s, number).len();
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
    assert_eq!(comments(&s, number).len(), before);
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

// ---------------------------------------------------------------------------------------
// 3. JSON Schema
// ---------------------------------------------------------------------------------------

#[test]
fn schema_is_checked_at_create_update_and_process() {
    let s = Sandbox::github();
    write(&s, "port.json", PORT_SCHEMA);

    s.remote().server.reset_stats();
    let run = s
        .run(&["--schema", "port.json", "create", "svc", r#"{"port": "x"}"#])
        .code(5);
    assert_eq!(
        run.stderr.lines().next().unwrap(),
        r#"error: /port: "x" is not of type "integer""#
    );
    let stats = s.remote().server.stats();
    assert_eq!(stats.route("POST", ISSUES), 0, "nothing written: {stats:?}");
    s.run(&["get", "svc"]).code(3);

    let number = {
        s.run(&["--schema", "port.json", "create", "svc", r#"{"port": 80}"#])
            .success();
        issue_of(&s, "svc").number
    };
    let before = comments(&s, number).len();
    s.remote().server.reset_stats();
    s.run(&["--schema", "port.json", "update", "svc", r#"{"port": "x"}"#])
        .code(5)
        .error_mentions(r#"/port: "x" is not of type "integer""#);
    // The change is applied to the current state before validation: deleting a required key
    // is caught too.
    s.run(&[
        "--schema",
        "port.json",
        "update",
        "svc",
        "--mode",
        "merge-patch",
        r#"{"port": null}"#,
    ])
    .code(5)
    .error_mentions("port");
    assert_eq!(s.remote().server.stats().route("POST", COMMENTS), 0);
    assert_eq!(comments(&s, number).len(), before, "nothing posted");

    // An update that bypasses the CLI and breaks the schema is rejected by the processor.
    let bad = post_raw(
        &s,
        "alice",
        number,
        &envelope(json!({"port": "y"}), "append", number, None),
    );
    let good = post_raw(
        &s,
        "alice",
        number,
        &envelope(json!({"port": 81}), "append", number, None),
    );
    let run = s
        .run(&["--schema", "port.json", "process", "svc"])
        .success();
    let summary = &run.lines()[0];
    assert_eq!(
        (summary["applied"].clone(), summary["rejected"].clone()),
        (json!(1), json!(1))
    );
    assert!(
        run.stderr.contains(&format!("rejected comment {bad}"))
            && run
                .stderr
                .contains(r#"/port: "y" is not of type "integer""#),
        "{}",
        run.stderr
    );
    assert_eq!(get(&s, "svc")["data"], json!({"port": 81}), "still valid");
    assert_eq!(comment(&s, number, good).reactions.minus_one, 0);
    assert_eq!(statuses(&s, "svc"), ["initial", "rejected", "applied"]);
}

#[test]
fn schema_from_config_with_relative_path_and_ref() {
    let s = Sandbox::github();
    write(
        &s,
        ".gh-store.yml",
        "schemas:\n  \"cfg-*\": schemas/cfg.json\n",
    );
    write(
        &s,
        "schemas/cfg.json",
        r#"{"type": "object", "properties": {"port": {"$ref": "defs.json#/$defs/port"}}}"#,
    );
    write(
        &s,
        "schemas/defs.json",
        r#"{"$defs": {"port": {"type": "integer", "minimum": 1}}}"#,
    );
    // Run from a subdirectory: the config is found upward, its paths are relative to it.
    std::fs::create_dir_all(s.path().join("deep/er")).unwrap();
    let in_subdir = |args: &[&str]| {
        let mut command = s.command(args);
        command.current_dir(s.path().join("deep/er"));
        crate::harness::run_command(command, "")
    };
    in_subdir(&["create", "cfg-a", r#"{"port": 0}"#])
        .code(5)
        .error_mentions("/port: 0 is less than the minimum of 1");
    in_subdir(&["create", "cfg-a", r#"{"port": 8080}"#]).success();
    in_subdir(&["update", "cfg-a", r#"{"port": "x"}"#])
        .code(5)
        .error_mentions(r#"/port: "x" is not of type "integer""#);
    // Other ids have no schema.
    in_subdir(&["create", "other", r#"{"port": "x"}"#]).success();

    let number = issue_of(&s, "cfg-a").number;
    post_raw(
        &s,
        "alice",
        number,
        &envelope(json!({"port": -1}), "append", number, None),
    );
    let run = in_subdir(&["process", "cfg-a"]).success();
    assert_eq!(run.lines()[0]["rejected"], 1);
    assert_eq!(get(&s, "cfg-a")["data"], json!({"port": 8080}));
}

#[test]
fn invalid_schema_is_a_usage_error_naming_its_file() {
    let s = Sandbox::github();
    write(&s, "bad.json", r#"{"type": "nonsense"}"#);
    write(
        &s,
        "remote.json",
        r#"{"$ref": "https://example.com/schema.json"}"#,
    );
    s.remote().server.reset_stats();
    s.run(&["--schema", "bad.json", "create", "o", "{}"])
        .code(2)
        .error_mentions("bad.json");
    s.run(&["--schema", "remote.json", "create", "o", "{}"])
        .code(2)
        .error_mentions("remote.json");
    s.run(&["--schema", "missing.json", "create", "o", "{}"])
        .code(2)
        .error_mentions("missing.json");
    assert_eq!(s.remote().server.stats().route("POST", ISSUES), 0);

    // The processor must not reject good updates because the schema is broken: it stops
    // (exit 2) and leaves them pending.
    let number = create(&s, "o", r#"{"a": 1}"#);
    let pending = queue(&s, "o", &[], r#"{"a": 2}"#);
    s.remote().server.reset_stats();
    s.run(&["--schema", "bad.json", "process", "o"])
        .code(2)
        .error_mentions("bad.json");
    let stats = s.remote().server.stats();
    assert_eq!(stats.route("POST", REACTIONS), 0, "{stats:?}");
    assert_eq!(stats.route("PATCH", ISSUE), 0, "{stats:?}");
    assert_eq!(comment(&s, number, pending).reactions.total_count, 0);
    assert_eq!(statuses(&s, "o"), ["initial", "pending"]);
    process(&s, "o");
    assert_eq!(get(&s, "o")["data"], json!({"a": 2}));
}

// ---------------------------------------------------------------------------------------
// 4. Access policy
// ---------------------------------------------------------------------------------------

#[test]
fn unauthorised_update_is_consumed_once_and_not_rescanned() {
    let s = Sandbox::github();
    let number = create(&s, "acl", r#"{"v": 1}"#);
    let carols = post_raw(
        &s,
        "carol",
        number,
        &envelope(json!({"v": 666}), "append", number, None),
    );
    let (summary, run) = process(&s, "acl");
    assert_eq!(
        (summary["applied"].clone(), summary["rejected"].clone()),
        (json!(0), json!(1))
    );
    assert!(
        run.stderr
            .contains(&format!("rejected comment {carols} by carol"))
            && run.stderr.contains("carol (NONE) is not allowed"),
        "{}",
        run.stderr
    );
    assert_eq!(get(&s, "acl")["data"], json!({"v": 1}));
    let marks = comment(&s, number, carols).reactions;
    assert_eq!((marks.plus_one, marks.minus_one), (1, 1));
    assert_eq!(statuses(&s, "acl"), ["initial", "rejected"]);

    s.remote().server.reset_stats();
    process(&s, "acl");
    s.run(&["process", "--all"]).success();
    let stats = s.remote().server.stats();
    assert_eq!(
        stats.route("POST", REACTIONS),
        0,
        "not rescanned: {stats:?}"
    );
    assert_eq!(
        stats.route("GET", CONTENTS),
        0,
        "no CODEOWNERS look-up: {stats:?}"
    );
    assert_eq!(stats.route("PATCH", ISSUE), 0, "{stats:?}");
}

#[test]
fn a_strangers_thumbs_up_does_not_suppress_an_update() {
    let s = Sandbox::github();
    let number = create(&s, "t", r#"{"v": 1}"#);
    let pending = queue(&s, "t", &[], r#"{"v": 2}"#);
    tracker(&s, "carol")
        .add_reaction(pending, ReactionContent::PlusOne)
        .unwrap();
    let (summary, _) = process(&s, "t");
    assert_eq!(summary["applied"], 1);
    assert_eq!(get(&s, "t")["data"], json!({"v": 2}));
    assert_eq!(comment(&s, number, pending).reactions.plus_one, 2);
}

#[test]
fn codeowners_allow_list_and_associations() {
    let s = Sandbox::github();
    let a = create(&s, "a", r#"{"v": 0}"#);
    let b = create(&s, "b", r#"{"v": 0}"#);
    let post = |login: &str, number: u64, v: u64| {
        post_raw(
            &s,
            login,
            number,
            &envelope(json!({ login: v }), "append", number, None),
        )
    };

    // CODEOWNERS lists carol: her updates pass. Fetched once per run, even over two objects.
    s.remote()
        .db
        .put_file(
            s.remote().repo_id,
            ".github/CODEOWNERS",
            b"# owners\n* @alice @carol\n",
        )
        .unwrap();
    post("carol", a, 1);
    post("carol", a, 2);
    post("carol", b, 1);
    s.remote().server.reset_stats();
    let run = s.run(&["process", "--all"]).success();
    let lines = run.lines();
    assert_eq!(lines.len(), 2, "{}", run.stdout);
    assert!(lines.iter().all(|l| l["rejected"] == 0), "{}", run.stdout);
    assert_eq!(get(&s, "a")["data"], json!({"v": 0, "carol": 2}));
    assert_eq!(get(&s, "b")["data"], json!({"v": 0, "carol": 1}));
    let stats = s.remote().server.stats();
    assert_eq!(
        stats.route("GET", CONTENTS),
        1,
        "CODEOWNERS once per run: {stats:?}"
    );

    // Carol removed from CODEOWNERS: her next updates are rejected.
    s.remote()
        .db
        .put_file(s.remote().repo_id, ".github/CODEOWNERS", b"* @alice\n")
        .unwrap();
    post("carol", a, 3);
    post("carol", b, 3);
    s.remote().server.reset_stats();
    let run = s.run(&["process", "--all"]).success();
    assert!(
        run.lines().iter().all(|l| l["rejected"] == 1),
        "{}",
        run.stdout
    );
    assert_eq!(s.remote().server.stats().route("GET", CONTENTS), 1);

    // An explicit allow list, CODEOWNERS off: no look-up at all.
    write(
        &s,
        ".gh-store.yml",
        "access:\n  codeowners: false\n  allow: [carol]\n",
    );
    post("carol", a, 4);
    s.remote().server.reset_stats();
    let (summary, _) = process(&s, "a");
    assert_eq!(summary["applied"], 1);
    assert_eq!(s.remote().server.stats().route("GET", CONTENTS), 0);

    // Only the owner: bob, a collaborator, no longer passes.
    write(
        &s,
        ".gh-store.yml",
        "access:\n  associations: [OWNER]\n  codeowners: false\n",
    );
    let bobs = post("bob", a, 1);
    let alices = post("alice", a, 5);
    let (summary, run) = process(&s, "a");
    assert_eq!(
        (summary["applied"].clone(), summary["rejected"].clone()),
        (json!(1), json!(1))
    );
    assert!(
        run.stderr.contains("bob (COLLABORATOR) is not allowed"),
        "{}",
        run.stderr
    );
    assert_eq!(comment(&s, a, bobs).reactions.minus_one, 1);
    assert_eq!(comment(&s, a, alices).reactions.minus_one, 0);
    assert_eq!(
        get(&s, "a")["data"],
        json!({"v": 0, "carol": 4, "alice": 5})
    );
}

#[test]
fn without_codeowners_each_path_is_tried_once_per_run() {
    let s = Sandbox::github();
    let a = create(&s, "a", "{}");
    let b = create(&s, "b", "{}");
    for number in [a, a, b] {
        post_raw(
            &s,
            "carol",
            number,
            &envelope(json!({"by": "carol"}), "append", number, None),
        );
    }
    s.remote().server.reset_stats();
    let run = s.run(&["process", "--all"]).success();
    let rejected: Vec<Value> = run.lines().iter().map(|l| l["rejected"].clone()).collect();
    assert_eq!(rejected, [json!(2), json!(1)]);
    let stats = s.remote().server.stats();
    assert_eq!(stats.route("GET", CONTENTS), 3, "{stats:?}");
}

#[test]
fn codeowners_teams_are_expanded() {
    let s = Sandbox::github();
    let number = create(&s, "team", "{}");
    let remote = s.remote();
    remote
        .db
        .add_team_member("acme", "writers", "carol")
        .unwrap();
    remote
        .db
        .put_file(remote.repo_id, "docs/CODEOWNERS", b"/data/ @acme/writers\n")
        .unwrap();
    post_raw(
        &s,
        "carol",
        number,
        &envelope(json!({"by": "carol"}), "append", number, None),
    );
    s.remote().server.reset_stats();
    let (summary, run) = process(&s, "team");
    assert_eq!(summary["applied"], 1, "{}", run.stderr);
    let stats = s.remote().server.stats();
    assert_eq!(
        stats.route("GET", CONTENTS),
        3,
        "GitHub's order, docs/ last: {stats:?}"
    );
}

#[test]
fn object_created_by_an_unauthorised_user_is_not_processed() {
    let s = Sandbox::github();
    // bob may write to the repository (a collaborator) but the policy admits only the owner.
    write(
        &s,
        ".gh-store.yml",
        "access:\n  associations: [OWNER]\n  codeowners: false\n",
    );
    s.run_as("bob", &["create", "evil", r#"{"v": 1}"#])
        .success();
    let number = issue_of(&s, "evil").number;
    let pending = post_raw(
        &s,
        "alice",
        number,
        &envelope(json!({"v": 2}), "append", number, None),
    );
    s.remote().server.reset_stats();
    s.run(&["process", "evil"])
        .code(4)
        .error_mentions("not created by an allowed author");
    s.run(&["process", "--issue", &number.to_string()]).code(4);
    let stats = s.remote().server.stats();
    assert_eq!(stats.route("POST", REACTIONS), 0, "{stats:?}");
    assert_eq!(stats.route("PATCH", ISSUE), 0, "{stats:?}");
    assert_eq!(comment(&s, number, pending).reactions.total_count, 0);
    let object = get(&s, "evil");
    assert_eq!(
        (object["version"].clone(), object["data"].clone()),
        (json!(1), json!({"v": 1}))
    );

    // `process --all` skips it with a warning, not a failure (a scheduled sweep would fail
    // every time), and still processes the other objects.
    create(&s, "good", r#"{"v": 1}"#);
    queue(&s, "good", &[], r#"{"v": 2}"#);
    let run = s.run(&["process", "--all"]).success();
    assert!(
        run.stderr.contains(&format!(
            "issue #{number}: skipped, not created by an allowed author"
        )),
        "{}",
        run.stderr
    );
    let lines = run.lines();
    assert_eq!(lines.len(), 1, "{}", run.stdout);
    assert_eq!(lines[0]["object_id"], "good");
    assert_eq!(lines[0]["applied"], 1);
    assert_eq!(get(&s, "good")["data"], json!({"v": 2}));
}

// ---------------------------------------------------------------------------------------
// 5. Objects written by the Python tool
// ---------------------------------------------------------------------------------------

/// `json.dumps(data, indent=2)`.
fn python_body(data: &Value) -> String {
    serde_json::to_string_pretty(data).unwrap()
}

/// An object as gh-store 0.11.3 leaves it: no checkpoint in the title.
fn python_object(s: &Sandbox, id: &str, data: &Value) -> (LocalTracker, u64) {
    let alice = tracker(s, "alice");
    let issue = alice
        .create_issue(&NewIssue {
            title: format!("Stored Object: {id}"),
            body: Some(python_body(data)),
            labels: vec![
                "gh-store".into(),
                "stored-object".into(),
                format!("UID:{id}"),
            ],
        })
        .unwrap();
    (alice, issue.number)
}

/// The Python client's `initial_state` comment, marked 👍 as its processor leaves it.
fn python_initial_state(t: &LocalTracker, number: u64, data: Value) -> Comment {
    let initial = t
        .create_comment(
            number,
            &serde_json::to_string_pretty(&json!({
                "_data": data,
                "_meta": {"client_version": "0.11.3", "timestamp": "2025-04-14T04:18:36.123456+00:00",
                          "update_mode": "append", "issue_number": number},
                "type": "initial_state"
            }))
            .unwrap(),
        )
        .unwrap();
    t.add_reaction(initial.id, ReactionContent::PlusOne)
        .unwrap();
    initial
}

fn set_state(t: &LocalTracker, number: u64, state: IssueState, body: Option<&Value>) {
    t.update_issue(
        number,
        &IssuePatch {
            state: Some(state),
            body: body.map(|data| Some(python_body(data))),
            ..IssuePatch::default()
        },
        None,
    )
    .unwrap();
}

#[test]
fn python_object_is_processed_from_its_marks_then_checkpointed() {
    let s = Sandbox::github();
    let (alice, number) = python_object(&s, "py", &json!({"name": "x", "count": 1}));
    let initial = python_initial_state(&alice, number, json!({"name": "x", "count": 1}));
    alice
        .add_reaction(initial.id, ReactionContent::Rocket)
        .unwrap();
    set_state(&alice, number, IssueState::Closed, None);
    // An update the Python processor already applied (body updated, 👍).
    let done = alice
        .create_comment(
            number,
            &envelope(json!({"count": 2}), "append", number, None),
        )
        .unwrap();
    alice
        .add_reaction(done.id, ReactionContent::PlusOne)
        .unwrap();
    set_state(
        &alice,
        number,
        IssueState::Closed,
        Some(&json!({"name": "x", "count": 2})),
    );
    // A pending one, TS style (`Z` milliseconds timestamp); the issue reopened.
    let pending = alice
        .create_comment(
            number,
            &serde_json::to_string_pretty(&json!({
                "_data": {"count": 3, "extra": [1]},
                "_meta": {"client_version": "0.11.1", "timestamp": "2025-04-14T04:20:01.654Z",
                          "update_mode": "append", "issue_number": number}
            }))
            .unwrap(),
        )
        .unwrap();
    set_state(&alice, number, IssueState::Open, None);
    assert_eq!(statuses(&s, "py"), ["initial", "applied", "pending"]);

    let (summary, _) = process(&s, "py");
    assert_eq!(
        (summary["applied"].clone(), summary["version"].clone()),
        (json!(1), json!(3))
    );
    let object = get(&s, "py");
    assert_eq!(object["version"], 3);
    assert_eq!(
        object["data"],
        json!({"name": "x", "count": 3, "extra": [1]})
    );
    let issue = issue_of(&s, "py");
    // Version 3, consumed through the last comment, the three comments counted, and the
    // fingerprint of the body written.
    let expected = format!("Stored Object: py [v3@{}#3~", pending.id);
    assert!(issue.title.starts_with(&expected), "{}", issue.title);
    assert_eq!(issue.state, IssueState::Closed);
    assert_eq!(comment(&s, number, pending.id).reactions.plus_one, 1);
    assert_eq!(
        comment(&s, number, done.id).reactions.plus_one,
        1,
        "not re-marked"
    );
    assert_eq!(statuses(&s, "py"), ["initial", "applied", "applied"]);

    // From now on the checkpoint decides; a second run does nothing.
    let (again, _) = process(&s, "py");
    assert_eq!(
        (again["applied"].clone(), again["version"].clone()),
        (json!(0), json!(3))
    );
    queue(&s, "py", &[], r#"{"count": 4}"#);
    let (next, _) = process(&s, "py");
    assert_eq!(next["version"], 4);
    assert_eq!(get(&s, "py")["data"]["count"], 4);
}

#[test]
fn legacy_comment_forms_are_read() {
    let s = Sandbox::github();
    let (alice, number) = python_object(&s, "old", &json!({"a": 1}));
    // The 0.4–0.5 initial state, recognised by its shape even without a 👍.
    alice
        .create_comment(
            number,
            r#"{"type": "initial_state", "data": {"a": 1}, "timestamp": "2024-01-01T00:00:00"}"#,
        )
        .unwrap();
    // A raw-JSON update already applied, and one pending.
    let done = alice.create_comment(number, r#"{"b": 2}"#).unwrap();
    alice
        .add_reaction(done.id, ReactionContent::PlusOne)
        .unwrap();
    alice.create_comment(number, "Looks good to me!").unwrap();
    let raw = alice
        .create_comment(number, "{\r\n  \"c\": {\"d\": 3}\r\n}")
        .unwrap();
    set_state(
        &alice,
        number,
        IssueState::Open,
        Some(&json!({"a": 1, "b": 2})),
    );

    let (summary, _) = process(&s, "old");
    assert_eq!(
        (summary["applied"].clone(), summary["rejected"].clone()),
        (json!(1), json!(0))
    );
    assert_eq!(summary["version"], 3);
    assert_eq!(
        get(&s, "old")["data"],
        json!({"a": 1, "b": 2, "c": {"d": 3}})
    );
    let title = issue_of(&s, "old").title;
    let expected = format!("Stored Object: old [v3@{}#4~", raw.id);
    assert!(title.starts_with(&expected), "{title}");
    assert_eq!(
        statuses(&s, "old"),
        ["initial", "applied", "ignored", "applied"]
    );
}

// ---------------------------------------------------------------------------------------
// 6. Racing processors
// ---------------------------------------------------------------------------------------

fn add_to_log(value: usize) -> String {
    format!(r#"[{{"op": "add", "path": "/log/-", "value": {value}}}]"#)
}

fn racing_processors(s: &Sandbox, rounds: usize, per_round: usize, writer_during: bool) {
    let number = create(s, "race", r#"{"log": []}"#).to_string();
    let mut next = 0;
    for _ in 0..rounds {
        for _ in 0..per_round {
            queue(s, "race", &["--mode", "json-patch"], &add_to_log(next));
            next += 1;
        }
        let first = spawn(s, &["process", "--issue", &number]);
        let second = spawn(s, &["process", "--issue", &number]);
        let late = writer_during.then(|| {
            let child = spawn(
                s,
                &[
                    "update",
                    "race",
                    "--queue",
                    "--mode",
                    "json-patch",
                    &add_to_log(next),
                ],
            );
            next += 1;
            child
        });
        for run in [finish(first), finish(second)] {
            assert_eq!(run.code, 0, "{}", run.stderr);
        }
        if let Some(child) = late {
            assert_eq!(finish(child).code, 0);
        }
    }
    s.run(&["process", "--issue", &number]).success();
    let object = get(s, "race");
    let expected: Vec<usize> = (0..next).collect();
    assert_eq!(
        object["data"]["log"],
        json!(expected),
        "each update once, in order"
    );
    assert_eq!(object["version"], 1 + next as u64);
    assert!(statuses(s, "race").iter().skip(1).all(|st| st == "applied"));
}

#[test]
fn two_processors_at_once_neither_lose_nor_double_apply() {
    racing_processors(&Sandbox::github(), 8, 3, false);
}

#[test]
fn two_slow_processors_overlapping_with_a_writer() {
    let s = Sandbox::github_with(ServeOptions {
        latency: Duration::from_millis(15),
        ..ServeOptions::default()
    });
    racing_processors(&s, 5, 2, true);
}

#[test]
fn two_processors_on_the_local_store() {
    // The local tracker checks the guard inside its write transaction instead.
    let s = Sandbox::local();
    s.run(&["create", "race", r#"{"log": []}"#]).success();
    let mut next = 0;
    for _ in 0..6 {
        for _ in 0..3 {
            queue(&s, "race", &["--mode", "json-patch"], &add_to_log(next));
            next += 1;
        }
        let first = spawn(&s, &["process", "race"]);
        let second = spawn(&s, &["process", "race"]);
        for run in [finish(first), finish(second)] {
            assert_eq!(run.code, 0, "{}", run.stderr);
        }
    }
    let object = get(&s, "race");
    let expected: Vec<usize> = (0..next).collect();
    assert_eq!(object["data"]["log"], json!(expected));
    assert_eq!(object["version"], 1 + next as u64);
}

/// Waits until the server has received a request a fault acts on.
fn until_fault_fires(s: &Sandbox) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while s.remote().server.stats().faults_injected == 0 {
        assert!(Instant::now() < deadline, "the request never came");
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn comments_that_arrive_during_a_run_are_processed_in_another_round() {
    let s = Sandbox::github();
    let number = create(&s, "rounds", r#"{"log": []}"#);
    queue(&s, "rounds", &["--mode", "json-patch"], &add_to_log(0));
    // Hold the processor's PATCH; meanwhile an update arrives and reopens the issue, which
    // the PATCH then closes again.
    s.remote().server.inject(
        Fault::new(FaultAction::Delay { millis: 600 })
            .on("PATCH", ISSUE)
            .when(Trigger::Nth(1)),
    );
    let processor = spawn(&s, &["process", "--issue", &number.to_string()]);
    until_fault_fires(&s);
    post_raw(
        &s,
        "alice",
        number,
        &envelope(
            json!([{"op": "add", "path": "/log/-", "value": 1}]),
            "json-patch",
            number,
            None,
        ),
    );
    let run = finish(processor).success();
    let summary = &run.lines()[0];
    assert_eq!(summary["applied"], 2, "both, in two rounds: {summary}");
    assert_eq!(summary["version"], 3);
    let issue = issue_of(&s, "rounds");
    assert_eq!(issue.state, IssueState::Closed);
    assert_eq!(get(&s, "rounds")["data"]["log"], json!([0, 1]));
    assert_eq!(statuses(&s, "rounds"), ["initial", "applied", "applied"]);
}

#[test]
fn a_processor_whose_checkpoint_moved_starts_over() {
    let s = Sandbox::github();
    let number = create(&s, "guard", r#"{"log": []}"#).to_string();
    for n in 0..3 {
        queue(&s, "guard", &["--mode", "json-patch"], &add_to_log(n));
    }
    // The slow processor reads the issue and lists the comments (held), the fast one does
    // everything meanwhile; the slow one's guard then finds the checkpoint moved.
    s.remote().server.inject(
        Fault::new(FaultAction::Delay { millis: 600 })
            .on("GET", COMMENTS)
            .when(Trigger::Nth(1)),
    );
    let slow = spawn(&s, &["process", "--issue", &number]);
    until_fault_fires(&s);
    let fast = s.run(&["process", "--issue", &number]).success().lines();
    assert_eq!(fast[0]["applied"], 3);
    let slow = finish(slow).success().lines();
    assert_eq!(slow[0]["applied"], 0, "started over and found nothing new");
    assert_eq!(slow[0]["version"], 4);
    let object = get(&s, "guard");
    assert_eq!(object["data"]["log"], json!([0, 1, 2]));
    assert_eq!(object["version"], 4);
}

// ---------------------------------------------------------------------------------------
// 7. A crash at every request
// ---------------------------------------------------------------------------------------

/// An object with queued updates of every kind, a json-patch `add` to an array among them,
/// and one that will be rejected (a stale --if-version).
fn crash_setup(s: &Sandbox) -> String {
    let number = create(s, "crash", r#"{"tags": ["a"], "n": 0}"#);
    queue(s, "crash", &[], r#"{"n": 1}"#);
    queue(
        s,
        "crash",
        &["--mode", "json-patch"],
        r#"[{"op": "add", "path": "/tags/-", "value": "b"}]"#,
    );
    queue(s, "crash", &["--if-version", "1"], r#"{"stale": true}"#);
    queue(
        s,
        "crash",
        &["--mode", "merge-patch"],
        r#"{"n": null, "m": 2}"#,
    );
    number.to_string()
}

fn crash_outcome(s: &Sandbox) -> (Value, Value, Vec<String>) {
    let object = get(s, "crash");
    (
        object["data"].clone(),
        object["version"].clone(),
        statuses(s, "crash"),
    )
}

#[derive(Debug, Clone, Copy)]
enum Crash {
    /// Request k fails (5xx), and every later one: nothing from k on is written.
    Blackout(BlackoutFailure),
    /// Request k is handled (a write commits) but its answer is lost, and the process dies.
    CommitThenDie,
}

#[test]
fn a_crash_at_any_request_loses_nothing_and_applies_nothing_twice() {
    let clean = Sandbox::github();
    let number = crash_setup(&clean);
    clean.remote().server.reset_stats();
    clean.run(&["process", "--issue", &number]).success();
    let requests = clean.remote().server.stats().total as u32;
    let expected = crash_outcome(&clean);
    assert_eq!(
        expected,
        (
            json!({"tags": ["a", "b"], "m": 2}),
            json!(4),
            ["initial", "applied", "applied", "rejected", "applied"]
                .map(String::from)
                .to_vec()
        )
    );
    // GET issue, GET comments, 👎 and 😕 on the conflict, the guard's GET, PATCH, 4 × 👍.
    assert_eq!(requests, 10, "{:?}", clean.remote().server.stats());

    let mut cases = Vec::new();
    for k in 1..=requests {
        for crash in [
            Crash::Blackout(BlackoutFailure::ServerError),
            Crash::Blackout(BlackoutFailure::DropConnection),
            Crash::CommitThenDie,
        ] {
            cases.push((k, crash));
        }
    }
    // The client retries failed requests for ~3.5 s before giving up: run the cases side by
    // side, a few at a time, each on its own server.
    for batch in cases.chunks(12) {
        let handles: Vec<_> = batch
            .iter()
            .map(|&(k, crash)| {
                let expected = expected.clone();
                std::thread::spawn(move || {
                    let s = Sandbox::github();
                    let number = crash_setup(&s);
                    let server = &s.remote().server;
                    server.reset_stats();
                    match crash {
                        Crash::Blackout(failure) => server.inject(
                            Fault::new(FaultAction::Blackout { failure }).when(Trigger::Nth(k)),
                        ),
                        Crash::CommitThenDie => {
                            server.inject(
                                Fault::new(FaultAction::CommitThenDrop).when(Trigger::Nth(k)),
                            );
                            server.inject(
                                Fault::new(FaultAction::Blackout {
                                    failure: BlackoutFailure::ServerError,
                                })
                                .when(Trigger::Nth(k + 1)),
                            );
                        }
                    }
                    let crashed = s.run(&["process", "--issue", &number]);
                    assert_ne!(crashed.code, 0, "k={k} {crash:?}: the run must fail");
                    assert!(server.stats().faults_injected > 0);
                    server.clear_faults();
                    s.run(&["process", "--issue", &number]).success();
                    assert_eq!(crash_outcome(&s), expected, "k={k} {crash:?}");
                    // A third run finds nothing to do and writes nothing.
                    server.reset_stats();
                    let again = s.run(&["process", "--issue", &number]).success().lines();
                    assert_eq!(again[0]["applied"], 0, "k={k} {crash:?}");
                    let stats = server.stats();
                    assert_eq!(stats.total, 2, "k={k} {crash:?}: {stats:?}");
                })
            })
            .collect();
        for handle in handles {
            handle.join().unwrap();
        }
    }
}

// ---------------------------------------------------------------------------------------
// 8. Request budget
// ---------------------------------------------------------------------------------------

#[test]
fn processing_costs_at_most_four_plus_one_per_update() {
    let mut measured = Vec::new();
    for updates in [1usize, 5, 20] {
        let s = Sandbox::github();
        let number = create(&s, "budget", r#"{"n": 0}"#).to_string();
        for n in 1..=updates {
            queue(&s, "budget", &[], &format!(r#"{{"n": {n}}}"#));
        }
        s.remote().server.reset_stats();
        let run = s.run(&["process", "--issue", &number]).success();
        assert_eq!(run.lines()[0]["applied"], updates);
        let used = s.remote().server.stats().total;
        assert!(used <= 4 + updates as u64, "U={updates}: {used} requests");
        // By id: one issue search instead of the GET, same count.
        for n in 1..=updates {
            queue(&s, "budget", &[], &format!(r#"{{"n": {n}}}"#));
        }
        s.remote().server.reset_stats();
        s.run(&["process", "budget"]).success();
        let by_id = s.remote().server.stats().total;
        assert!(by_id <= 4 + updates as u64, "U={updates}: {by_id} requests");
        // Nothing to do: two reads.
        s.remote().server.reset_stats();
        s.run(&["process", "--issue", &number]).success();
        assert_eq!(s.remote().server.stats().total, 2);
        measured.push((updates, used, by_id));
    }
    eprintln!("process request counts (U, --issue, by id): {measured:?}");

    // Over 100 comments: one more page.
    let s = Sandbox::github();
    let number = create(&s, "long", r#"{"n": 0}"#);
    let alice = tracker(&s, "alice");
    for i in 0..110 {
        alice.create_comment(number, &format!("note {i}")).unwrap();
    }
    for n in 1..=5 {
        queue(&s, "long", &[], &format!(r#"{{"n": {n}}}"#));
    }
    s.remote().server.reset_stats();
    s.run(&["process", "long"]).success();
    let used = s.remote().server.stats().total;
    assert!(used <= 4 + 5 + 1, "116 comments: {used} requests");
    eprintln!("process request count, U=5 and 116 comments: {used}");
}

// ---------------------------------------------------------------------------------------
// 9. update --wait
// ---------------------------------------------------------------------------------------

/// Runs `process` once `update --wait` has posted its comment.
fn process_when_posted(s: &Sandbox, number: u64, before: usize, extra: &[&str]) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while comments(s, number).len() <= before {
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

    tracker(&s, "carol")
        .add_reaction(applied, ReactionContent::MinusOne)
        .unwrap();
    assert_eq!(statuses(&s, "d"), ["initial", "applied", "rejected"]);
    let revisions = s.run(&["history", "d", "--diff"]).success().json();
    assert_eq!(revisions.as_array().unwrap().len(), 2, "{revisions}");

    // `update --wait` reads the marks the same way.
    let waiter = spawn(&s, &["update", "d", "--wait=20s", r#"{"v": 4}"#]);
    let deadline = Instant::now() + Duration::from_secs(10);
    let posted = loop {
        if let Some(c) = comments(&s, number).into_iter().nth(3) {
            break c.id;
        }
        assert!(Instant::now() < deadline, "the update was never posted");
        std::thread::sleep(Duration::from_millis(50));
    };
    tracker(&s, "carol")
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
    set_state(&tracker(&s, "alice"), number, IssueState::Open, None);
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
