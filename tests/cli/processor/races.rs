//! Racing processors.

use std::time::{Duration, Instant};

use gh_store::serve::{Fault, FaultAction, ServeOptions, Trigger};
use gh_store::tracker::IssueState;
use serde_json::json;

use super::{create, envelope, get, issue_of, post_raw, queue, COMMENTS, ISSUE};
use crate::harness::{finish, spawn, statuses, Sandbox};

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
