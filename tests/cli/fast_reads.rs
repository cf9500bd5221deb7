//! Reads at the speed of the network: a long listing's pages fetched several at a time, and
//! answers kept on disk so that a repeated read is a 304 (free of the rate limit).

use std::time::Duration;

use gh_store::serve::{BodyFormat, Fault, FaultAction, ServeOptions, Trigger};
use gh_store::store::ObjectId;
use serde_json::{json, Value};

use crate::github_api::{seed, status, ISSUES};
use crate::harness::{finish, spawn, Sandbox};

const GATE: &str = "later-pages";

fn ids(count: usize) -> Vec<String> {
    (0..count).map(|i| format!("o{i:04}")).collect()
}

fn listed_ids(stdout: &str) -> Vec<String> {
    stdout
        .lines()
        .map(|line| {
            let object: Value = serde_json::from_str(line).unwrap();
            object["object_id"].as_str().unwrap().to_string()
        })
        .collect()
}

/// A server that answers every request 20 ms late.
fn slow_server() -> Sandbox {
    Sandbox::github_with(ServeOptions {
        latency: Duration::from_millis(20),
        ..ServeOptions::default()
    })
}

/// The first listing request passes; every later one waits at the gate until it opens.
fn hold_pages_after_the_first(s: &Sandbox) {
    let server = &s.remote().server;
    server.inject(
        Fault::new(FaultAction::Delay { millis: 0 })
            .on("GET", ISSUES)
            .when(Trigger::Next(1)),
    );
    server.inject(
        Fault::new(FaultAction::Hold {
            gate: GATE.to_string(),
        })
        .on("GET", ISSUES)
        .when(Trigger::Every),
    );
}

#[test]
fn later_pages_are_in_flight_together_and_come_out_complete_and_in_order() {
    let s = slow_server();
    seed(&s, ids(450));
    hold_pages_after_the_first(&s);
    let child = spawn(&s, &["--jobs", "3", "list", "--ndjson"]);
    let server = &s.remote().server;
    // Sequentially, page 3 is asked for only once page 2 has come: three held at once is
    // the proof that pages go concurrently, and no more than --jobs of them.
    let held = server.wait_until_held(GATE, 3, Duration::from_secs(20));
    assert_eq!(held, 3, "pages 2, 3 and 4 in flight together");
    assert_eq!(server.stats().route("GET", ISSUES), 4, "not page 5 yet");
    server.clear_faults();
    let run = finish(child).success();
    assert_eq!(listed_ids(&run.stdout), ids(450));
    assert_eq!(server.stats().route("GET", ISSUES), 5, "each page once");
}

#[test]
fn with_one_job_pages_go_one_after_another() {
    let s = slow_server();
    seed(&s, ids(250));
    hold_pages_after_the_first(&s);
    let child = spawn(&s, &["--jobs", "1", "list", "--ndjson"]);
    let server = &s.remote().server;
    assert_eq!(server.wait_until_held(GATE, 1, Duration::from_secs(20)), 1);
    // Given time to send more, it has not: page 3's URL is known only from page 2.
    assert_eq!(
        server.wait_until_held(GATE, 2, Duration::from_millis(500)),
        1
    );
    server.clear_faults();
    let run = finish(child).success();
    assert_eq!(listed_ids(&run.stdout), ids(250));
}

#[test]
fn a_page_that_fails_once_is_asked_again_and_the_listing_stays_whole() {
    let s = slow_server();
    seed(&s, ids(420));
    // The third listing request, a page fetched ahead, fails once.
    s.remote().server.inject(
        Fault::new(status(502, BodyFormat::Json))
            .on("GET", ISSUES)
            .when(Trigger::Nth(3)),
    );
    let (run, stats) = s.run_counted(&["list", "--ndjson"]);
    let run = run.success();
    assert_eq!(listed_ids(&run.stdout), ids(420));
    assert_eq!(stats.faults_injected, 1);
    assert_eq!(stats.route("GET", ISSUES), 6, "5 pages and one retry");
}

#[test]
fn objects_created_during_the_listing_are_listed_after_the_others() {
    let s = slow_server();
    seed(&s, ids(250));
    hold_pages_after_the_first(&s);
    let child = spawn(&s, &["list", "--ndjson"]);
    let server = &s.remote().server;
    assert_eq!(server.wait_until_held(GATE, 2, Duration::from_secs(20)), 2);
    // While pages 2 and 3 wait: 60 more, which fill page 3 and start a page 4 that the
    // first page did not know of.
    let store = s.remote().store_as("alice");
    for id in ids(310).into_iter().skip(250) {
        store
            .create(&ObjectId::parse(&id).unwrap(), json!({ "id": id }))
            .unwrap();
    }
    server.clear_faults();
    let run = finish(child).success();
    assert_eq!(listed_ids(&run.stdout), ids(310));
}

#[test]
fn a_listing_cut_short_by_a_limit_asks_for_no_page_ahead() {
    let s = slow_server();
    seed(&s, ids(250));
    let (run, stats) = s.run_counted(&["list", "--limit", "5", "--ndjson"]);
    assert_eq!(listed_ids(&run.success().stdout), ids(5));
    assert_eq!(stats.route("GET", ISSUES), 1);
}

#[test]
fn a_repeated_read_is_revalidated_and_a_change_is_seen() {
    let s = slow_server();
    seed(&s, ids(2));
    s.run(&["get", "o0000"]).success();
    let (run, stats) = s.run_counted(&["-v", "get", "o0000"]);
    let run = run.success();
    assert_eq!(
        (stats.total, stats.not_modified),
        (1, 1),
        "a 304 from the kept ETag"
    );
    assert!(
        run.stderr.contains("304 (answered from the cache)"),
        "{}",
        run.stderr
    );
    assert_eq!(run.json()["data"], json!({ "id": "o0000" }));

    s.run(&["update", "o0000", r#"{"id": "changed"}"#])
        .success();
    s.run(&["process", "o0000"]).success();
    let (run, stats) = s.run_counted(&["get", "o0000"]);
    assert_eq!(stats.not_modified, 0, "the issue changed: a new answer");
    assert_eq!(run.success().json()["data"], json!({ "id": "changed" }));

    // A cron job listing an unchanged store spends nothing of the rate limit.
    seed(&s, ids(230).into_iter().skip(2));
    s.run(&["list", "--ndjson"]).success();
    let (run, stats) = s.run_counted(&["list", "--ndjson"]);
    assert_eq!(run.success().stdout.lines().count(), 230);
    assert_eq!((stats.total, stats.not_modified), (3, 3));
}

#[test]
fn one_token_is_never_answered_from_what_another_was() {
    let s = Sandbox::github();
    seed(&s, ids(1));
    s.run(&["get", "o0000"]).success();
    let server = &s.remote().server;
    server.take_responses();
    // bob sees the very same answer (a leaked ETag would make it a 304), and is asked
    // without one.
    server.reset_stats();
    let run = s.run_as("bob", &["get", "o0000"]).success();
    assert_eq!(server.stats().not_modified, 0);
    assert_eq!(run.json()["data"], json!({ "id": "o0000" }));
    let (run, stats) = s.run_counted(&["get", "o0000"]);
    run.success();
    assert_eq!(stats.not_modified, 1, "alice's own answer is still kept");
    // The token itself is never written.
    let cache = std::fs::read(s.path().join(".cache/gh-store/http.sqlite")).unwrap();
    assert!(!cache.windows(11).any(|w| w == b"alice-token"));
}

#[test]
fn a_damaged_cache_is_set_aside_with_a_warning_and_rebuilt() {
    let s = Sandbox::github();
    seed(&s, ids(1));
    let file = s.path().join(".cache/gh-store/http.sqlite");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(
        &file,
        b"SQLite format 3\0 and then nothing like a database".repeat(200),
    )
    .unwrap();
    let run = s.run(&["get", "o0000"]).success();
    assert_eq!(run.json()["data"], json!({ "id": "o0000" }));
    assert!(run.stderr.contains("warning:"), "{}", run.stderr);
    assert!(run.stderr.contains("started afresh"), "{}", run.stderr);
    let (run, stats) = s.run_counted(&["get", "o0000"]);
    assert!(!run.success().stderr.contains("warning"));
    assert_eq!(stats.not_modified, 1, "the new cache works");
}

#[test]
fn no_cache_neither_reads_nor_writes_the_cache() {
    let s = Sandbox::github();
    seed(&s, ids(1));
    for args in [
        &["--no-cache", "get", "o0000"][..],
        &["get", "o0000", "--no-cache"],
    ] {
        let (run, stats) = s.run_counted(args);
        run.success();
        assert_eq!(stats.not_modified, 0);
    }
    assert!(!s.path().join(".cache/gh-store").exists());
    let mut command = s.command(&["get", "o0000"]);
    command.env("GH_STORE_NO_CACHE", "1");
    crate::harness::run_command(command, "").success();
    assert!(!s.path().join(".cache/gh-store").exists());
}
