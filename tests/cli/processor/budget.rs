//! Request budget.

use gh_store::tracker::Tracker;

use super::{create, queue};
use crate::harness::Sandbox;

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
    let alice = s.remote().tracker_as("alice");
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
