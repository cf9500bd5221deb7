//! Every command over HTTP, a renamed repository, and GitHub's schemas for every answer.

use std::time::{Duration, Instant};

use gh_store::serve::{BodyFormat, Fault, FaultAction};
use serde_json::{json, Value};

use super::{ids, inject, only_issue, status, COMMENTS, ISSUES};
use crate::harness::{Sandbox, REPO};

// 1. Every command over HTTP ---------------------------------------------------------------

#[test]
fn every_command_works_over_http() {
    let s = Sandbox::github();
    let created = s
        .run(&["create", "cfg", r#"{"port": 8080}"#])
        .success()
        .json();
    assert_eq!(created["version"], 1);

    // On GitHub an update is queued by default: a receipt, the object unchanged.
    let receipt = s
        .run(&["update", "cfg", r#"{"debug": true}"#])
        .success()
        .json();
    assert_eq!(receipt["status"], "pending");
    s.run(&["update", "cfg", "--queue", r#"{"n": 1}"#])
        .success();
    assert_eq!(s.run(&["get", "cfg"]).success().json()["version"], 1);
    assert_eq!(
        ids(&s.run(&["list", "--state", "pending"]).success().json()),
        ["cfg"]
    );
    assert_eq!(
        s.run(&["list", "--state", "stable"]).success().json(),
        json!([])
    );

    let number = receipt["issue_number"].as_u64().unwrap().to_string();
    let report = s.run(&["process", "--issue", &number]).success().lines();
    assert_eq!(
        (report[0]["applied"].clone(), report[0]["version"].clone()),
        (json!(2), json!(3))
    );

    let applied = s
        .run(&["update", "cfg", "--apply", r#"{"port": 9090}"#])
        .success()
        .json();
    assert_eq!(applied["version"], 4);
    let data = json!({"port": 9090, "debug": true, "n": 1});
    assert_eq!(s.run(&["get", "cfg", "--data"]).success().json(), data);
    assert_eq!(
        s.run(&["get", "cfg", "--at", "1", "--data"])
            .success()
            .json(),
        json!({"port": 8080})
    );
    let at_two = s.run(&["get", "cfg", "--at", "2"]).success().json();
    assert_eq!(
        (at_two["version"].clone(), at_two["data"].clone()),
        (json!(2), json!({"port": 8080, "debug": true}))
    );

    // history --diff in a pipe is JSON: one entry per version with its patch.
    let diff = s.run(&["history", "cfg", "--diff"]).success().json();
    let versions: Vec<u64> = diff
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["version"].as_u64().unwrap())
        .collect();
    assert_eq!(versions, [1, 2, 3, 4]);
    assert_eq!(
        diff[3]["patch"],
        json!([{"op": "replace", "path": "/port", "value": 9090}])
    );
    let history = s.run(&["history", "cfg", "--ndjson"]).success().lines();
    let statuses: Vec<&str> = history
        .iter()
        .map(|e| e["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["initial", "applied", "applied", "applied"]);

    for id in ["b", "c"] {
        s.run(&["create", id, &format!(r#"{{"id": "{id}"}}"#)])
            .success();
    }
    s.run(&["update", "c", r#"{"more": 1}"#]).success();
    assert_eq!(s.run(&["process", "c"]).success().lines()[0]["version"], 2);
    assert_eq!(
        s.run(&["process", "--all"]).success().stdout,
        "",
        "nothing pending"
    );

    assert_eq!(ids(&s.run(&["list"]).success().json()), ["cfg", "b", "c"]);
    assert_eq!(s.run(&["list", "--ndjson"]).success().lines().len(), 3);
    let table = s.run(&["list", "--format", "table"]).success().stdout;
    assert_eq!(table.lines().count(), 4, "a header and three rows: {table}");
    assert!(table.lines().nth(3).unwrap().starts_with('c'), "{table}");
    assert_eq!(
        ids(&s.run(&["list", "--limit", "2"]).success().json()),
        ["cfg", "b"]
    );
    assert_eq!(
        ids(&s.run(&["list", "--since", "2000-01-01"]).success().json()).len(),
        3
    );
    assert_eq!(
        s.run(&["list", "--since", "2999-01-01"]).success().json(),
        json!([])
    );

    s.run(&["delete", "b"]).success();
    assert_eq!(ids(&s.run(&["list", "--archived"]).success().json()), ["b"]);
    assert_eq!(ids(&s.run(&["list"]).success().json()), ["cfg", "c"]);
    s.run(&["get", "b"]).code(3).error_mentions("deleted");

    let config = s.run(&["config", "--json"]).success();
    assert!(!config.stdout.contains("alice-token"));
    let config = config.json();
    assert_eq!(config["backend"]["value"], "github");
    assert_eq!(config["repo"]["value"], REPO);
    assert_eq!(config["api_url"]["source"], "flag --api-url");
    assert_eq!(config["token"]["source"], "env GH_TOKEN");
}

#[test]
fn snapshots_over_http() {
    let s = Sandbox::github();
    s.run(&["create", "stable", r#"{"v": 1}"#]).success();
    s.run(&["create", "waiting", r#"{"v": 1}"#]).success();
    s.run(&["update", "waiting", "--queue", r#"{"w": 2}"#])
        .success();

    s.run(&["snapshot", "-o", "snap.json"]).success();
    let file: Value =
        serde_json::from_str(&std::fs::read_to_string(s.path().join("snap.json")).unwrap())
            .unwrap();
    assert_eq!(file["repository"], REPO);
    assert_eq!(file["objects"]["waiting"]["data"], json!({"v": 1}));
    assert_eq!(file["objects"]["waiting"]["meta"]["pending"], true);
    let piped = s.run(&["snapshot", "-o", "-"]).success().json();
    assert_eq!(piped["objects"]["waiting"], file["objects"]["waiting"]);

    // A refresh picks up what changed since: the stable object's new version too.
    s.run(&["update", "stable", "--apply", r#"{"v": 2}"#])
        .success();
    s.run(&["process", "waiting"]).success();
    s.run(&["snapshot", "--update", "snap.json"]).success();
    let file: Value =
        serde_json::from_str(&std::fs::read_to_string(s.path().join("snap.json")).unwrap())
            .unwrap();
    assert_eq!(file["objects"]["stable"]["data"], json!({"v": 2}));
    assert_eq!(file["objects"]["waiting"]["data"], json!({"v": 1, "w": 2}));
}

/// `snapshot` and `watch --initial` include stable objects, not only pending ones.
#[test]
fn full_snapshots_and_initial_watch_events_include_stable_objects() {
    let s = Sandbox::github();
    s.run(&["create", "stable", r#"{"v": 1}"#]).success();
    let snapshot = s.run(&["snapshot", "-o", "-"]).success().json();
    assert_eq!(snapshot["objects"]["stable"]["data"], json!({"v": 1}));
    let events = s
        .run(&[
            "watch",
            "--initial",
            "--count",
            "1",
            "--timeout",
            "2s",
            "stable",
        ])
        .success()
        .lines();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0]["event"], "initial");
}

#[test]
fn watch_reports_changes_and_ends() {
    let s = Sandbox::github();
    // Idle: nothing printed, ends at the timeout. (On an empty store: changes made up to a
    // second before a watch starts are reported, the overlap of its `since` window.)
    let started = Instant::now();
    let idle = s
        .run(&["watch", "--interval", "100ms", "--timeout", "600ms"])
        .success();
    assert_eq!(idle.stdout, "");
    assert!(started.elapsed() < Duration::from_secs(5));

    s.run(&["create", "w", r#"{"n": 0}"#]).success();
    s.run(&["update", "w", "--queue", r#"{"n": 1}"#]).success();
    let initial = s
        .run(&["watch", "--initial", "--count", "1", "w"])
        .success()
        .lines();
    assert_eq!(
        (initial[0]["event"].clone(), initial[0]["object_id"].clone()),
        (json!("initial"), json!("w"))
    );

    // A change while watching: one event, then --count ends it. (Watching one id: `w` changed
    // within the overlap and may be reported too.)
    let watcher = s
        .command(&[
            "watch",
            "--interval",
            "100ms",
            "--count",
            "1",
            "--timeout",
            "20s",
            "fresh",
        ])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // The watcher's first poll sets its window; wait for it before changing anything.
    let deadline = Instant::now() + Duration::from_secs(10);
    let polls = |s: &Sandbox| s.remote().server.stats().route("GET", ISSUES);
    let before = polls(&s);
    while polls(&s) < before + 1 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    s.run(&["create", "fresh", r#"{"new": true}"#]).success();
    let out = watcher.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let event: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (event["event"].clone(), event["object_id"].clone()),
        (json!("created"), json!("fresh"))
    );
}

// 3. Renamed repository --------------------------------------------------------------------

#[test]
fn a_renamed_repository_is_followed_for_reads_and_writes() {
    let s = Sandbox::github();
    let remote = s.remote();
    s.run(&["create", "a", r#"{"n": 0}"#]).success();
    remote
        .db
        .rename_repository(remote.repo_id, "alice/renamed")
        .unwrap();
    remote.server.take_responses();

    // Reads under the old name answer 301.
    assert_eq!(
        s.run(&["get", "a", "--data"]).success().json(),
        json!({"n": 0})
    );
    assert_eq!(ids(&s.run(&["list"]).success().json()), ["a"]);
    let statuses: Vec<u16> = remote
        .server
        .take_responses()
        .iter()
        .map(|r| r.status)
        .collect();
    assert_eq!(statuses, [301, 200, 301, 200]);

    // A write that is the first request to meet the new name answers 307: the comment is
    // held back at the server while the repository is renamed again.
    remote
        .db
        .rename_repository(remote.repo_id, "alice/store")
        .unwrap();
    s.remote()
        .server
        .inject(Fault::new(FaultAction::Delay { millis: 1500 }).on("POST", COMMENTS));
    remote.server.reset_stats();
    let updater = s
        .command(&["update", "a", "--queue", r#"{"n": 1}"#])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    while remote.server.stats().route("POST", COMMENTS) == 0 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(10));
    }
    remote
        .db
        .rename_repository(remote.repo_id, "alice/renamed")
        .unwrap();
    let out = updater.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let answers = remote.server.take_responses();
    let posts: Vec<u16> = answers
        .iter()
        .filter(|r| r.method == "POST")
        .map(|r| r.status)
        .collect();
    assert_eq!(
        posts,
        [307, 201],
        "re-sent with its body to the new location"
    );
    assert_eq!(
        answers.last().unwrap().status,
        200,
        "the reopen went straight there"
    );

    // Every command keeps working under the old name.
    s.run(&["update", "a", "--queue", r#"{"m": 2}"#]).success();
    s.run(&["process", "a"]).success();
    s.run(&["create", "b", "{}"]).success();
    s.run(&["delete", "b"]).success();
    let object = s.run(&["get", "a"]).success().json();
    assert_eq!(
        (object["version"].clone(), object["data"].clone()),
        (json!(3), json!({"n": 1, "m": 2}))
    );
    assert_eq!(
        remote.comments_on(only_issue(&s, "a").number).len(),
        3,
        "nothing posted twice"
    );
    assert_eq!(ids(&s.run(&["list", "--archived"]).success().json()), ["b"]);
}

// 7. Every answer the CLI's traffic received has GitHub's shape ---------------------------

#[test]
fn every_answer_the_cli_receives_matches_githubs_schemas() {
    let mut s = Sandbox::github();
    for args in [
        &["create", "a", r#"{"n": 0}"#][..],
        &["create", "b", "{}"],
        &["get", "a"],
        &["update", "a", r#"{"n": 1}"#],
        &["update", "a", "--apply", r#"{"m": 2}"#],
        &["update", "b", r#"{"x": 1}"#],
        &["process", "--all"],
        &["list", "--state", "stable"],
        &["history", "a", "--diff"],
        &["snapshot", "-o", "-"],
        &["delete", "b"],
        &["list", "--archived"],
        &["watch", "--interval", "100ms", "--timeout", "300ms"],
    ] {
        s.run(args).success();
    }
    inject(&s, "GET", ISSUES, status(502, BodyFormat::Json));
    inject(
        &s,
        "POST",
        COMMENTS,
        FaultAction::SecondaryRateLimit {
            status: 403,
            retry_after: Some(0),
            format: BodyFormat::Json,
        },
    );
    s.run(&["update", "a", r#"{"k": 3}"#]).success();
    s.run_as("carol", &["get", "missing"]).code(3);
    s.extra_env = vec![("GH_TOKEN".into(), "wrong".into())];
    s.run(&["get", "a"]).code(4);

    let answers = s.remote().server.take_responses();
    let statuses: std::collections::BTreeSet<u16> = answers.iter().map(|a| a.status).collect();
    for status in [200, 201, 304, 401, 403, 404, 502] {
        assert!(statuses.contains(&status), "{status} among {statuses:?}");
    }
    let validated = crate::github_schemas::check(&answers);
    assert!(validated > 40, "{validated} bodies validated");
}

/// GHES's root has a path (`https://HOST/api/v3`): it must survive `Link` pages and the
/// redirects of a renamed repository, trailing slash or not.
#[test]
fn an_api_root_with_a_path_is_kept_through_pages_and_redirects() {
    let mut s = Sandbox::github();
    s.args[1] = format!("{}/api/v3/", s.remote().server.base_url());
    super::seed(&s, (0..120).map(|i| format!("o{i:03}")));
    let remote = s.remote();
    remote
        .db
        .rename_repository(remote.repo_id, "alice/renamed")
        .unwrap();
    let run = s.run(&["-v", "list", "--ndjson"]).success();
    assert_eq!(run.lines().len(), 120);
    let requests: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("gh-store: GET "))
        .collect();
    assert_eq!(requests.len(), 3, "a 301, then two pages: {}", run.stderr);
    assert!(
        requests
            .iter()
            .all(|l| l.starts_with("gh-store: GET /api/v3/")),
        "{}",
        run.stderr
    );
    s.run(&["update", "o007", r#"{"n": 1}"#]).success();
    assert_eq!(
        s.run(&["process", "o007"]).success().lines()[0]["version"],
        2
    );
}

/// Two creators that raced (or a copy made by hand) leave two issues for one id: every
/// command settles on the oldest, and says so.
#[test]
fn duplicate_issues_resolve_to_the_oldest() {
    let s = Sandbox::github();
    s.run(&["create", "dup", r#"{"from": "first"}"#]).success();
    let tracker = s.remote().db.tracker(s.remote().repo_id, "alice").unwrap();
    let copy = crate::harness::duplicate_object(&tracker, "dup", r#"{"from": "second"}"#);

    let got = s.run(&["get", "dup"]).success();
    assert_eq!(got.json()["data"], json!({"from": "first"}));
    assert!(
        got.stderr.contains("warning:") && got.stderr.contains("oldest"),
        "{}",
        got.stderr
    );
    let listed = s.run(&["list"]).success();
    assert_eq!(ids(&listed.json()), ["dup"]);
    assert!(
        listed.stderr.contains(&format!("#{}", copy.number)),
        "{}",
        listed.stderr
    );

    s.run(&["update", "dup", "--apply", r#"{"n": 1}"#])
        .success();
    assert_eq!(
        s.run(&["get", "dup", "--data"]).success().json(),
        json!({"from": "first", "n": 1})
    );
    let untouched = &s.remote().issues_of("dup")[1];
    assert_eq!(untouched.number, copy.number);
    assert_eq!(untouched.comments, 0, "the newer copy is left alone");
}
