//! A crash at every request.

use gh_store::serve::{BlackoutFailure, Fault, FaultAction, Trigger};
use serde_json::{json, Value};

use super::{create, get, queue};
use crate::harness::{statuses, Sandbox};

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
