//! Faults that persist, people who retry, writers and processors that race: every update
//! applied exactly once, one object per id, and each failed writer told what it left.
//!
//! Races are forced with serve's gates (a request held until the test opens it), never with
//! sleeps that hope for an interleaving.

use std::process::Child;
use std::time::Duration;

use gh_store::serve::{BlackoutFailure, Fault, FaultAction, Trigger};
use gh_store::tracker::{Issue, IssueState, Tracker};
use serde_json::{json, Value};

use crate::harness::{finish, spawn, statuses, Run, Sandbox};

const ISSUE: &str = "/repos/{owner}/{repo}/issues/{issue_number}";
const ISSUES: &str = "/repos/{owner}/{repo}/issues";
const COMMENTS: &str = "/repos/{owner}/{repo}/issues/{issue_number}/comments";
const ADD_ONCE: &str = r#"[{"op": "add", "path": "/log/-", "value": "once"}]"#;
/// How long a test waits for requests to reach a gate before it fails.
const GATE_WAIT: Duration = Duration::from_secs(30);

/// The live (not archived) issues of an id.
fn live_issues(s: &Sandbox, id: &str) -> Vec<Issue> {
    s.remote()
        .issues_of(id)
        .into_iter()
        .filter(|issue| !issue.has_label("archived"))
        .collect()
}

fn data(s: &Sandbox, id: &str) -> Value {
    s.run(&["get", id]).success().json()["data"].clone()
}

fn pending_ids(s: &Sandbox) -> Vec<String> {
    s.run(&["list", "--state", "pending", "--ndjson"])
        .success()
        .lines()
        .iter()
        .map(|o| o["object_id"].as_str().unwrap().to_string())
        .collect()
}

/// Holds the next PATCH of an issue at `gate`.
fn hold_next_patch(s: &Sandbox, gate: &str) {
    s.remote().server.inject(
        Fault::new(FaultAction::Hold { gate: gate.into() })
            .on("PATCH", ISSUE)
            .when(Trigger::Nth(1)),
    );
}

fn wait_at_gate(s: &Sandbox, gate: &str, count: u32) {
    let held = s.remote().server.wait_until_held(gate, count, GATE_WAIT);
    assert_eq!(held, count, "requests held at gate {gate}");
}

/// Runs `case` `times` times, a few at a time, each on its own server.
fn repeat(times: usize, case: fn(usize)) {
    for batch in (0..times).collect::<Vec<_>>().chunks(4) {
        let handles: Vec<_> = batch
            .iter()
            .map(|&round| std::thread::spawn(move || case(round)))
            .collect();
        for handle in handles {
            handle.join().unwrap();
        }
    }
}

// ---------------------------------------------------------------------------------------
// 1. A slow processor's stale write
// ---------------------------------------------------------------------------------------

/// Processor A reads the object and its closing PATCH is held; u2 is queued and processor
/// B folds it; then A's PATCH lands, carrying the state before u2.
fn stale_write_setup(s: &Sandbox) -> Child {
    s.run(&["create", "race", r#"{"log": []}"#]).success();
    s.run(&[
        "update",
        "race",
        "--mode",
        "json-patch",
        &ADD_ONCE.replace("once", "u1"),
    ])
    .success();
    hold_next_patch(s, "a");
    let a = spawn(s, &["process", "race"]);
    wait_at_gate(s, "a", 1);
    s.run(&[
        "update",
        "race",
        "--mode",
        "json-patch",
        &ADD_ONCE.replace("once", "u2"),
    ])
    .success();
    let b = s.run(&["process", "race"]).success().lines();
    assert_eq!(
        (b[0]["applied"].clone(), b[0]["version"].clone()),
        (json!(2), json!(3))
    );
    a
}

fn a_stale_processor_write_is_repaired_by_its_own_run(_: usize) {
    let s = Sandbox::github();
    let a = stale_write_setup(&s);
    s.remote().server.open_gate("a");
    let a = finish(a).success().lines();
    // B applied both; A's reports add nothing to that.
    assert_eq!(a[0]["applied"], 0, "{a:?}");
    assert_eq!(a[0]["version"], 3);
    let object = s.run(&["get", "race"]).success().json();
    assert_eq!(object["data"], json!({"log": ["u1", "u2"]}));
    assert_eq!(
        object["version"], 3,
        "no version goes backwards once A ends"
    );
    assert!(pending_ids(&s).is_empty());
}

#[test]
fn a_stale_processor_write_never_loses_an_update_20_times_in_a_row() {
    repeat(20, a_stale_processor_write_is_repaired_by_its_own_run);
}

#[test]
fn a_stale_write_whose_run_dies_leaves_the_object_pending_for_the_sweep() {
    let s = Sandbox::github();
    let a = stale_write_setup(&s);
    // A's stale PATCH commits, then A "dies": every later request fails.
    s.remote().server.inject(
        Fault::new(FaultAction::Blackout {
            failure: BlackoutFailure::ServerError,
        })
        .when(Trigger::Nth(2)),
    );
    s.remote().server.open_gate("a");
    let a = finish(a);
    assert_ne!(a.code, 0, "A dies after its stale write");
    s.remote().server.clear_faults();
    let issue = &live_issues(&s, "race")[0];
    assert_eq!(issue.state, IssueState::Closed, "the stale write closed it");
    assert_eq!(data(&s, "race"), json!({"log": ["u1"]}), "and undid u2");
    // Closed, but holding a comment its checkpoint has not consumed: pending, and swept.
    assert_eq!(pending_ids(&s), ["race"]);
    let swept = s.run(&["process", "--all"]).success().lines();
    assert_eq!(swept.len(), 1, "{swept:?}");
    assert_eq!(data(&s, "race"), json!({"log": ["u1", "u2"]}));
    assert_eq!(s.run(&["get", "race"]).success().json()["version"], 3);
    assert!(pending_ids(&s).is_empty());
}

#[test]
fn racing_processors_report_what_they_applied_once_between_them() {
    let s = Sandbox::github();
    s.run(&["create", "four", r#"{"log": []}"#]).success();
    for n in 1..=5 {
        s.run(&[
            "update",
            "four",
            "--mode",
            "json-patch",
            &ADD_ONCE.replace("once", &n.to_string()),
        ])
        .success();
    }
    // The four runs pass GitHub's guard (a read before the write) together.
    s.remote().server.inject(
        Fault::new(FaultAction::Hold { gate: "all".into() })
            .on("PATCH", ISSUE)
            .when(Trigger::Next(4)),
    );
    let runs: Vec<Child> = (0..4).map(|_| spawn(&s, &["process", "four"])).collect();
    wait_at_gate(&s, "all", 4);
    s.remote().server.open_gate("all");
    let applied: u64 = runs
        .into_iter()
        .map(|run| {
            finish(run).success().lines()[0]["applied"]
                .as_u64()
                .unwrap()
        })
        .sum();
    assert_eq!(
        applied, 5,
        "five updates, applied once between the four runs"
    );
    let object = s.run(&["get", "four"]).success().json();
    assert_eq!(object["data"]["log"], json!(["1", "2", "3", "4", "5"]));
    assert_eq!(object["version"], 6);
}

// ---------------------------------------------------------------------------------------
// 2. A queued update whose reopen fails, and its rerun
// ---------------------------------------------------------------------------------------

/// Every request to `method route` answered `status` until the faults are cleared.
fn fail_every(s: &Sandbox, status: u16, method: &str, route: &str) {
    let action = FaultAction::Status {
        status,
        format: Default::default(),
    };
    s.remote()
        .server
        .inject(Fault::new(action).on(method, route).when(Trigger::Every));
}

fn update_comments(s: &Sandbox, id: &str) -> usize {
    let number = live_issues(s, id)[0].number;
    s.remote()
        .comments_on(number)
        .iter()
        .filter(|c| c.body.contains("\"gh_store_mode\": \"json-patch\""))
        .count()
}

#[test]
fn an_update_whose_reopen_fails_is_swept_and_its_rerun_posts_nothing_twice() {
    let s = Sandbox::github();
    s.run(&["create", "jp1", r#"{"log": []}"#]).success();
    fail_every(&s, 500, "PATCH", ISSUE);
    let failed = s
        .run(&["update", "jp1", "--mode", "json-patch", ADD_ONCE])
        .code(1);
    let first = failed.stderr.lines().next().unwrap();
    assert!(
        first.contains("was posted (comment") && first.contains("could not be reopened"),
        "{}",
        failed.stderr
    );
    assert!(
        failed.stderr.contains("gh-store process --all"),
        "{}",
        failed.stderr
    );
    s.remote().server.clear_faults();
    // Not stranded: closed, yet pending.
    assert_eq!(pending_ids(&s), ["jp1"]);
    // The obvious retry finds the posted update instead of posting it again.
    s.run(&["update", "jp1", "--mode", "json-patch", ADD_ONCE])
        .success();
    assert_eq!(update_comments(&s, "jp1"), 1);
    s.run(&["process", "--all"]).success();
    assert_eq!(data(&s, "jp1"), json!({"log": ["once"]}));
    // Once it succeeded, the same command is a new update.
    s.run(&["update", "jp1", "--mode", "json-patch", ADD_ONCE])
        .success();
    s.run(&["process", "jp1"]).success();
    assert_eq!(data(&s, "jp1"), json!({"log": ["once", "once"]}));
}

#[test]
fn an_update_whose_answer_is_lost_says_it_may_be_posted_and_its_rerun_applies_once() {
    let s = Sandbox::github();
    s.run(&["create", "jp2", r#"{"log": []}"#]).success();
    let server = &s.remote().server;
    server.inject(
        Fault::new(FaultAction::CommitThenDrop)
            .on("POST", COMMENTS)
            .when(Trigger::Nth(1)),
    );
    // Every look for the lost write fails too.
    fail_every(&s, 502, "GET", COMMENTS);
    let failed = s.run(&["update", "jp2", "--mode", "json-patch", ADD_ONCE]);
    assert_ne!(failed.code, 0);
    assert!(
        failed
            .stderr
            .lines()
            .next()
            .unwrap()
            .contains("may have been posted"),
        "{}",
        failed.stderr
    );
    assert!(
        failed.stderr.contains("rerun the same command"),
        "{}",
        failed.stderr
    );
    server.clear_faults();
    s.run(&["update", "jp2", "--mode", "json-patch", ADD_ONCE])
        .success();
    assert_eq!(
        update_comments(&s, "jp2"),
        1,
        "the rerun found the lost write"
    );
    s.run(&["process", "--all"]).success();
    assert_eq!(data(&s, "jp2"), json!({"log": ["once"]}));
}

#[test]
fn update_apply_whose_processing_and_reopen_fail_says_so_and_its_rerun_applies_once() {
    let s = Sandbox::github();
    s.run(&["create", "jp3", r#"{"log": []}"#]).success();
    fail_every(&s, 500, "PATCH", ISSUE);
    let failed = s
        .run(&["update", "jp3", "--apply", "--mode", "json-patch", ADD_ONCE])
        .code(1);
    let first = failed.stderr.lines().next().unwrap();
    assert!(first.contains("was posted (comment"), "{}", failed.stderr);
    assert!(!failed.stderr.contains("and queued"), "{}", failed.stderr);
    s.remote().server.clear_faults();
    assert_eq!(pending_ids(&s), ["jp3"]);
    let applied = s
        .run(&["update", "jp3", "--apply", "--mode", "json-patch", ADD_ONCE])
        .success()
        .json();
    assert_eq!(applied["data"], json!({"log": ["once"]}));
    assert_eq!(update_comments(&s, "jp3"), 1);
    assert!(pending_ids(&s).is_empty());
}

#[test]
fn the_processor_applies_one_update_per_author_and_key() {
    let s = Sandbox::github();
    s.run(&["create", "keyed", r#"{"log": []}"#]).success();
    let number = live_issues(&s, "keyed")[0].number;
    let tracker = s.remote().db.tracker(s.remote().repo_id, "alice").unwrap();
    let keyed = |value: &str, key: &str| {
        json!({
            "_data": [{"op": "add", "path": "/log/-", "value": value}],
            "_meta": {"client_version": "0.1.0", "timestamp": "2026-01-01T00:00:00.000000+00:00",
                      "update_mode": "json-patch", "issue_number": number, "idempotency_key": key},
        })
        .to_string()
    };
    tracker.create_comment(number, &keyed("a", "k1")).unwrap();
    tracker.create_comment(number, &keyed("a", "k1")).unwrap();
    tracker.create_comment(number, &keyed("b", "k2")).unwrap();
    let summary = s.run(&["process", "keyed"]).success().lines();
    assert_eq!(
        (
            summary[0]["applied"].clone(),
            summary[0]["duplicates"].clone()
        ),
        (json!(2), json!(1))
    );
    assert_eq!(data(&s, "keyed"), json!({"log": ["a", "b"]}));
    assert_eq!(
        statuses(&s, "keyed"),
        ["initial", "applied", "duplicate", "applied"]
    );
    // Bob's update with alice's key is his own.
    let bob = s.remote().db.tracker(s.remote().repo_id, "bob").unwrap();
    bob.create_comment(number, &keyed("c", "k1")).unwrap();
    s.run(&["process", "keyed"]).success();
    assert_eq!(data(&s, "keyed"), json!({"log": ["a", "b", "c"]}));
}

// ---------------------------------------------------------------------------------------
// 3. Creators that race, and creates that were interrupted
// ---------------------------------------------------------------------------------------

fn ten_creators_one_winner(_: usize) {
    let s = Sandbox::github();
    // All ten have passed the existence check before any issue is made.
    s.remote().server.inject(
        Fault::new(FaultAction::Hold {
            gate: "exists".into(),
        })
        .on("POST", ISSUES)
        .when(Trigger::Next(10)),
    );
    let creators: Vec<Child> = (0..10)
        .map(|i| spawn(&s, &["create", "same", &format!(r#"{{"i": {i}}}"#)]))
        .collect();
    wait_at_gate(&s, "exists", 10);
    s.remote().server.open_gate("exists");
    let runs: Vec<Run> = creators.into_iter().map(finish).collect();
    let winners: Vec<&Run> = runs.iter().filter(|r| r.code == 0).collect();
    assert_eq!(winners.len(), 1, "{runs:#?}");
    for loser in runs.iter().filter(|r| r.code != 0) {
        assert_eq!(loser.code, 6, "{loser:?}");
        assert!(
            loser
                .stderr
                .contains("created at the same time by another writer")
                && loser.stderr.contains("withdrawn (archived)"),
            "{}",
            loser.stderr
        );
    }
    assert_eq!(live_issues(&s, "same").len(), 1, "one object for the id");
    let won: Value = serde_json::from_str(&winners[0].stdout).unwrap();
    let listed = s.run(&["list", "--ndjson"]).success().lines();
    assert_eq!(listed.len(), 1);
    assert_eq!(
        listed[0]["data"], won["data"],
        "the winner's data is the object's"
    );
}

#[test]
fn ten_racing_creators_of_one_id_have_one_winner_20_times_in_a_row() {
    repeat(20, ten_creators_one_winner);
}

#[test]
fn a_rerun_finishes_an_interrupted_create() {
    let s = Sandbox::github();
    // The issue is made, then everything fails.
    s.remote().server.inject(
        Fault::new(FaultAction::Blackout {
            failure: BlackoutFailure::ServerError,
        })
        .when(Trigger::Nth(3)),
    );
    let failed = s.run(&["create", "x", r#"{"n": 1}"#]).code(1);
    assert!(
        failed
            .stderr
            .lines()
            .next()
            .unwrap()
            .contains("was created (issue #1) but not finished"),
        "{}",
        failed.stderr
    );
    s.remote().server.clear_faults();
    assert_eq!(live_issues(&s, "x")[0].state, IssueState::Open);
    let finished = s.run(&["create", "x", r#"{"n": 1}"#]).success().json();
    assert_eq!(finished["data"], json!({"n": 1}));
    let history = s.run(&["history", "x"]).success().json();
    assert_eq!(history.as_array().unwrap().len(), 1);
    assert_eq!(history[0]["status"], "initial");
    assert_eq!(live_issues(&s, "x")[0].state, IssueState::Closed);
    // Finished, it is an object like any other.
    s.run(&["create", "x", r#"{"n": 1}"#])
        .code(6)
        .error_mentions("already exists");
    // Other data is not a rerun.
    s.remote().server.inject(
        Fault::new(FaultAction::Blackout {
            failure: BlackoutFailure::ServerError,
        })
        .when(Trigger::Nth(3)),
    );
    s.run(&["create", "y", r#"{"n": 1}"#]).code(1);
    s.remote().server.clear_faults();
    s.run(&["create", "y", r#"{"n": 2}"#])
        .code(6)
        .error_mentions("already exists");
}

// ---------------------------------------------------------------------------------------
// 4. Persistent faults: every request from the k-th on fails, then one rerun
// ---------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq)]
enum Command {
    Create,
    Update,
    UpdateApply,
    Delete,
}

impl Command {
    const ALL: [Command; 4] = [
        Command::Create,
        Command::Update,
        Command::UpdateApply,
        Command::Delete,
    ];

    fn args(self) -> Vec<&'static str> {
        match self {
            Command::Create => vec!["create", "m", r#"{"log": []}"#],
            Command::Update => vec!["update", "m", "--mode", "json-patch", ADD_ONCE],
            Command::UpdateApply => {
                vec!["update", "m", "--apply", "--mode", "json-patch", ADD_ONCE]
            }
            Command::Delete => vec!["delete", "m"],
        }
    }

    fn setup(self, s: &Sandbox) {
        if self != Command::Create {
            s.run(&["create", "m", r#"{"log": []}"#]).success();
        }
    }

    /// Whether a rerun's answer is right for what the first run left.
    fn rerun_ok(self, run: &Run) -> bool {
        match self {
            Command::Create => {
                run.code == 0 || (run.code == 6 && run.stderr.contains("already exists"))
            }
            Command::Delete => {
                run.code == 0 || (run.code == 3 && run.stderr.contains("was deleted"))
            }
            Command::Update | Command::UpdateApply => run.code == 0,
        }
    }

    /// After the rerun and a sweep: the change happened exactly once.
    fn check_done(self, s: &Sandbox, case: &str) {
        match self {
            Command::Create => {
                let live = live_issues(s, "m");
                assert_eq!(live.len(), 1, "{case}: one object");
                assert_eq!(live[0].state, IssueState::Closed, "{case}");
                assert_eq!(data(s, "m"), json!({"log": []}), "{case}");
                assert_eq!(statuses(s, "m"), ["initial"], "{case}: one initial state");
            }
            Command::Update | Command::UpdateApply => {
                assert_eq!(data(s, "m"), json!({"log": ["once"]}), "{case}");
                assert!(pending_ids(s).is_empty(), "{case}");
            }
            Command::Delete => {
                assert!(live_issues(s, "m").is_empty(), "{case}");
                s.run(&["get", "m"]).code(3);
            }
        }
    }
}

#[derive(Debug, Clone, Copy)]
enum Persistent {
    /// Request k and every later one fail.
    Blackout(BlackoutFailure),
    /// Request k commits but its answer is lost, and every later one fails.
    CommitThenBlackout,
}

/// What the repository holds, to tell whether "nothing was written" is true.
fn footprint(s: &Sandbox) -> Vec<(u64, String, String, usize)> {
    s.remote()
        .all_issues()
        .iter()
        .map(|issue| {
            (
                issue.number,
                issue.title.clone(),
                format!(
                    "{:?}{:?}",
                    issue.state,
                    issue.label_names().collect::<Vec<_>>()
                ),
                s.remote().comments_on(issue.number).len(),
            )
        })
        .collect()
}

/// What the first line of a failure says was written.
fn what_it_says(stderr: &str) -> &'static str {
    let first = stderr.lines().next().unwrap_or("");
    if first.contains("may have been") {
        "maybe"
    } else if first.contains("was not") {
        "nothing"
    } else if first.contains("was posted")
        || first.contains("but not finished")
        || first.contains("only partly")
    {
        "partly"
    } else {
        "unsaid"
    }
}

#[test]
fn persistent_faults_at_every_request_then_one_rerun_apply_each_change_once() {
    let mut cases = Vec::new();
    for command in Command::ALL {
        let clean = Sandbox::github();
        command.setup(&clean);
        clean.remote().server.reset_stats();
        clean.run(&command.args()).success();
        let requests = clean.remote().server.stats().total as u32;
        for k in 1..=requests {
            for fault in [
                Persistent::Blackout(BlackoutFailure::ServerError),
                Persistent::Blackout(BlackoutFailure::DropConnection),
                Persistent::CommitThenBlackout,
            ] {
                cases.push((command, k, fault));
            }
        }
    }
    let mut outcomes: Vec<(Command, &'static str)> = Vec::new();
    for batch in cases.chunks(12) {
        let handles: Vec<_> = batch
            .iter()
            .map(|&(command, k, fault)| {
                std::thread::spawn(move || {
                    let case = format!("{command:?} k={k} {fault:?}");
                    let s = Sandbox::github();
                    command.setup(&s);
                    let before = footprint(&s);
                    let server = &s.remote().server;
                    let blackout = |failure| FaultAction::Blackout { failure };
                    match fault {
                        Persistent::Blackout(failure) => {
                            server.inject(Fault::new(blackout(failure)).when(Trigger::Nth(k)))
                        }
                        Persistent::CommitThenBlackout => {
                            server.inject(
                                Fault::new(FaultAction::CommitThenDrop).when(Trigger::Nth(k)),
                            );
                            server.inject(
                                Fault::new(blackout(BlackoutFailure::ServerError))
                                    .when(Trigger::Nth(k + 1)),
                            );
                        }
                    }
                    let failed = s.run(&command.args());
                    assert_ne!(failed.code, 0, "{case}: the run must fail");
                    let said = what_it_says(&failed.stderr);
                    assert_ne!(said, "unsaid", "{case}: {}", failed.stderr);
                    server.clear_faults();
                    if said == "nothing" {
                        assert_eq!(footprint(&s), before, "{case}: {}", failed.stderr);
                    }
                    let rerun = s.run(&command.args());
                    assert!(command.rerun_ok(&rerun), "{case}: rerun {rerun:?}");
                    s.run(&["process", "--all"]).success();
                    command.check_done(&s, &case);
                    (command, said)
                })
            })
            .collect();
        for handle in handles {
            outcomes.push(handle.join().unwrap());
        }
    }
    // The matrix, for the closing note (`--nocapture`).
    for command in Command::ALL {
        let count = |said| outcomes.iter().filter(|o| **o == (command, said)).count();
        eprintln!(
            "fault matrix | {command:?}: {} cases | nothing {} | maybe {} | partly {} | all applied once",
            outcomes.iter().filter(|o| o.0 == command).count(),
            count("nothing"),
            count("maybe"),
            count("partly"),
        );
    }
}
