//! Pagination past 100 and the request budget of each operation, counted at the server.

use gh_store::serve::Stats;
use gh_store::store::{ObjectId, UpdateOptions};
use serde_json::json;

use super::{core_remaining, only_issue, seed, ISSUES};
use crate::harness::Sandbox;

#[test]
fn listings_and_histories_page_past_100_within_budget() {
    let s = Sandbox::github();
    let mut seeded = 0;
    for n in [10usize, 100, 250] {
        seed(&s, (seeded..n).map(|i| format!("o{i:03}")));
        seeded = n;
        let (run, stats) = s.run_counted(&["list", "--ndjson"]);
        let listed: Vec<String> = run
            .success()
            .lines()
            .iter()
            .map(|o| o["object_id"].as_str().unwrap().to_string())
            .collect();
        let expected: Vec<String> = (0..n).map(|i| format!("o{i:03}")).collect();
        assert_eq!(listed, expected, "all {n}, oldest first");
        let pages = n.div_ceil(100) as u64;
        assert_eq!(
            (stats.total, stats.route("GET", ISSUES)),
            (pages, pages),
            "list of {n}"
        );
        budget_row(&format!("list, N = {n}"), &stats);
    }
    let (run, stats) = s.run_counted(&["list"]);
    assert_eq!(run.success().json().as_array().unwrap().len(), 250);
    assert_eq!(stats.total, 3, "the JSON array streams the same pages");

    // 149 queued updates: 150 comments with the initial state.
    let store = s.remote().store_as("alice");
    let id = ObjectId::parse("o005").unwrap();
    for i in 0..149 {
        store
            .update(
                &id,
                json!({ format!("k{i}"): i }),
                &UpdateOptions::default(),
            )
            .unwrap();
    }
    let (run, stats) = s.run_counted(&["history", "o005", "--ndjson"]);
    let history = run.success().lines();
    assert_eq!(history.len(), 150);
    assert_eq!(history[149]["data"], json!({"k148": 148}));
    assert_eq!(stats.total, 1 + 2, "one lookup and two pages of comments");
    budget_row("history, C = 150", &stats);

    let (run, stats) = s.run_counted(&["process", "o005"]);
    assert_eq!(run.success().lines()[0]["applied"], 149);
    assert!(stats.total <= 4 + 149 + 1, "{stats:?}");
    budget_row("process, U = 149, C = 150", &stats);
    assert_eq!(s.run(&["get", "o005"]).success().json()["version"], 150);
}

/// One row of the measured budget (shown with `--nocapture`).
fn budget_row(operation: &str, stats: &Stats) {
    eprintln!(
        "budget | {operation:<28} | {:>3} requests | {:>3} answered 304 |",
        stats.total, stats.not_modified
    );
}

#[test]
fn each_operation_stays_within_its_request_budget() {
    let s = Sandbox::github();
    let (run, stats) = s.run_counted(&["create", "a", r#"{"n": 0}"#]);
    run.success();
    assert!(stats.total <= 7, "create: {stats:?}");
    budget_row("create", &stats);

    let (run, stats) = s.run_counted(&["get", "a"]);
    run.success();
    assert_eq!(stats.total, 1, "get");
    budget_row("get", &stats);

    let (run, stats) = s.run_counted(&["update", "a", "--queue", r#"{"n": 1}"#]);
    run.success();
    assert!(stats.total <= 3, "update of a stable object: {stats:?}");
    budget_row("update --queue (stable)", &stats);
    let (run, stats) = s.run_counted(&["update", "a", "--queue", r#"{"m": 2}"#]);
    run.success();
    assert_eq!(stats.total, 2, "update of an open object: {stats:?}");
    budget_row("update --queue (already open)", &stats);

    let (run, stats) = s.run_counted(&["process", "a"]);
    assert_eq!(run.success().lines()[0]["applied"], 2);
    assert!(stats.total <= 4 + 2, "process, U = 2: {stats:?}");
    budget_row("process <id>, U = 2", &stats);

    s.run(&["update", "a", r#"{"k": 3}"#]).success();
    let number = only_issue(&s, "a").number.to_string();
    let (run, stats) = s.run_counted(&["process", "--issue", &number]);
    run.success();
    assert!(stats.total <= 4 + 1, "process --issue, U = 1: {stats:?}");
    budget_row("process --issue, U = 1", &stats);

    let (run, stats) = s.run_counted(&["update", "a", "--apply", r#"{"z": 4}"#]);
    run.success();
    budget_row("update --apply", &stats);

    let (run, stats) = s.run_counted(&["history", "a"]);
    assert_eq!(run.success().json().as_array().unwrap().len(), 5);
    assert_eq!(stats.total, 2, "history, C = 5");
    budget_row("history, C = 5", &stats);

    let (run, stats) = s.run_counted(&["snapshot", "-o", "-"]);
    run.success();
    budget_row("snapshot", &stats);

    let (run, stats) = s.run_counted(&["delete", "a"]);
    run.success();
    assert_eq!(stats.total, 2, "delete");
    budget_row("delete", &stats);

    // Idle polls are answered 304 and cost nothing against the rate limit.
    let remaining = core_remaining(&s);
    let (run, stats) = s.run_counted(&["watch", "--interval", "100ms", "--timeout", "1s"]);
    run.success();
    assert!(stats.not_modified >= 3, "{stats:?}");
    assert_eq!(
        stats.total - stats.not_modified,
        1,
        "only the first poll is a 200"
    );
    assert_eq!(core_remaining(&s), remaining - 1, "304s are free");
    budget_row("watch, idle 1 s at 100 ms", &stats);
}
