//! The CLI against GitHub's API shape over real HTTP (`gh-store serve`, in-process): every
//! command, pagination past 100, renamed repositories, error classes and their exit codes,
//! rate limits and faults (nothing duplicated, lost or applied twice), the request budget of
//! `design-notes.md` §5 counted at the server, and GitHub's schemas for every answer the
//! CLI's traffic received.

use std::time::{Duration, Instant};

use gh_store::serve::{BodyFormat, Fault, FaultAction, Stats, Trigger};
use gh_store::store::{ObjectId, UpdateOptions};
use gh_store::tracker::IssueState;
use serde_json::{json, Value};

use crate::harness::{Run, Sandbox, REPO};

const ISSUES: &str = "/repos/{owner}/{repo}/issues";
const ISSUE: &str = "/repos/{owner}/{repo}/issues/{issue_number}";
const COMMENTS: &str = "/repos/{owner}/{repo}/issues/{issue_number}/comments";

fn ids(listed: &Value) -> Vec<&str> {
    listed
        .as_array()
        .expect("a JSON array")
        .iter()
        .map(|o| o["object_id"].as_str().unwrap())
        .collect()
}

/// Creates objects straight in the server's database, as alice.
fn seed(s: &Sandbox, ids: impl IntoIterator<Item = String>) {
    let store = s.remote().store_as("alice");
    for id in ids {
        store
            .create(&ObjectId::parse(&id).unwrap(), json!({ "id": id }))
            .unwrap();
    }
}

/// The object's one issue: a duplicate would fail here.
#[track_caller]
fn only_issue(s: &Sandbox, id: &str) -> gh_store::tracker::Issue {
    let mut issues = s.remote().issues_of(id);
    assert_eq!(issues.len(), 1, "exactly one issue for {id:?}: {issues:#?}");
    issues.remove(0)
}

fn inject(s: &Sandbox, method: &str, route: &str, action: FaultAction) {
    s.remote()
        .server
        .inject(Fault::new(action).on(method, route));
}

/// A request straight to the server with alice's token (or another's).
fn api_get(s: &Sandbox, path: &str, token: &str) -> Value {
    let url = format!("{}{path}", s.remote().server.base_url());
    let mut response = ureq::get(&url)
        .header("Authorization", &format!("Bearer {token}"))
        .call()
        .unwrap();
    serde_json::from_str(&response.body_mut().read_to_string().unwrap()).unwrap()
}

fn core_remaining(s: &Sandbox) -> u64 {
    api_get(s, "/rate_limit", "alice-token")["resources"]["core"]["remaining"]
        .as_u64()
        .unwrap()
}

/// stderr says one readable thing: one `error:` line, no HTML, then only hints.
#[track_caller]
fn one_line_error(run: &Run) {
    let mut lines = run.stderr.lines().filter(|l| !l.starts_with("gh-store: "));
    let first = lines.next().unwrap_or("");
    assert!(first.starts_with("error: "), "{}", run.stderr);
    assert!(!run.stderr.contains('<'), "no markup: {}", run.stderr);
    for line in lines {
        assert!(
            line.starts_with("hint: ") || line.starts_with("caused by: "),
            "one error line: {}",
            run.stderr
        );
    }
}

// 1. Every command over HTTP ---------------------------------------------------------------

#[test]
fn every_command_works_over_http() {
    let s = Sandbox::github();
    let created = s.run(&["create", "cfg", r#"{"port": 8080}"#]).ok().json();
    assert_eq!(created["version"], 1);

    // On GitHub an update is queued by default: a receipt, the object unchanged.
    let receipt = s.run(&["update", "cfg", r#"{"debug": true}"#]).ok().json();
    assert_eq!(receipt["status"], "pending");
    s.run(&["update", "cfg", "--queue", r#"{"n": 1}"#]).ok();
    assert_eq!(s.run(&["get", "cfg"]).ok().json()["version"], 1);
    assert_eq!(
        ids(&s.run(&["list", "--state", "pending"]).ok().json()),
        ["cfg"]
    );
    assert_eq!(s.run(&["list", "--state", "stable"]).ok().json(), json!([]));

    let number = receipt["issue_number"].as_u64().unwrap().to_string();
    let report = s.run(&["process", "--issue", &number]).ok().lines();
    assert_eq!(
        (report[0]["applied"].clone(), report[0]["version"].clone()),
        (json!(2), json!(3))
    );

    let applied = s
        .run(&["update", "cfg", "--apply", r#"{"port": 9090}"#])
        .ok()
        .json();
    assert_eq!(applied["version"], 4);
    let data = json!({"port": 9090, "debug": true, "n": 1});
    assert_eq!(s.run(&["get", "cfg", "--data"]).ok().json(), data);
    assert_eq!(
        s.run(&["get", "cfg", "--at", "1", "--data"]).ok().json(),
        json!({"port": 8080})
    );
    let at_two = s.run(&["get", "cfg", "--at", "2"]).ok().json();
    assert_eq!(
        (at_two["version"].clone(), at_two["data"].clone()),
        (json!(2), json!({"port": 8080, "debug": true}))
    );

    // history --diff in a pipe is JSON: one entry per version with its patch.
    let diff = s.run(&["history", "cfg", "--diff"]).ok().json();
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
    let history = s.run(&["history", "cfg", "--ndjson"]).ok().lines();
    let statuses: Vec<&str> = history
        .iter()
        .map(|e| e["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["initial", "applied", "applied", "applied"]);

    for id in ["b", "c"] {
        s.run(&["create", id, &format!(r#"{{"id": "{id}"}}"#)]).ok();
    }
    s.run(&["update", "c", r#"{"more": 1}"#]).ok();
    assert_eq!(s.run(&["process", "c"]).ok().lines()[0]["version"], 2);
    assert_eq!(
        s.run(&["process", "--all"]).ok().stdout,
        "",
        "nothing pending"
    );

    assert_eq!(ids(&s.run(&["list"]).ok().json()), ["cfg", "b", "c"]);
    assert_eq!(s.run(&["list", "--ndjson"]).ok().lines().len(), 3);
    let table = s.run(&["list", "--format", "table"]).ok().stdout;
    assert_eq!(table.lines().count(), 4, "a header and three rows: {table}");
    assert!(table.lines().nth(3).unwrap().starts_with('c'), "{table}");
    assert_eq!(
        ids(&s.run(&["list", "--limit", "2"]).ok().json()),
        ["cfg", "b"]
    );
    assert_eq!(
        ids(&s.run(&["list", "--since", "2000-01-01"]).ok().json()).len(),
        3
    );
    assert_eq!(
        s.run(&["list", "--since", "2999-01-01"]).ok().json(),
        json!([])
    );

    s.run(&["delete", "b"]).ok();
    assert_eq!(ids(&s.run(&["list", "--archived"]).ok().json()), ["b"]);
    assert_eq!(ids(&s.run(&["list"]).ok().json()), ["cfg", "c"]);
    s.run(&["get", "b"]).code(3).error_mentions("deleted");

    let config = s.run(&["config", "--json"]).ok();
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
    s.run(&["create", "stable", r#"{"v": 1}"#]).ok();
    s.run(&["create", "waiting", r#"{"v": 1}"#]).ok();
    s.run(&["update", "waiting", "--queue", r#"{"w": 2}"#]).ok();

    s.run(&["snapshot", "-o", "snap.json"]).ok();
    let file: Value =
        serde_json::from_str(&std::fs::read_to_string(s.path().join("snap.json")).unwrap())
            .unwrap();
    assert_eq!(file["repository"], REPO);
    assert_eq!(file["objects"]["waiting"]["data"], json!({"v": 1}));
    assert_eq!(file["objects"]["waiting"]["meta"]["pending"], true);
    let piped = s.run(&["snapshot", "-o", "-"]).ok().json();
    assert_eq!(piped["objects"]["waiting"], file["objects"]["waiting"]);

    // A refresh picks up what changed since: the stable object's new version too.
    s.run(&["update", "stable", "--apply", r#"{"v": 2}"#]).ok();
    s.run(&["process", "waiting"]).ok();
    s.run(&["snapshot", "--update", "snap.json"]).ok();
    let file: Value =
        serde_json::from_str(&std::fs::read_to_string(s.path().join("snap.json")).unwrap())
            .unwrap();
    assert_eq!(file["objects"]["stable"]["data"], json!({"v": 2}));
    assert_eq!(file["objects"]["waiting"]["data"], json!({"v": 1, "w": 2}));
}

/// `snapshot` and `watch --initial` list objects with `ListFilter::default()`, whose state
/// filter is `Open` (pending objects only): every stable object is left out.
#[test]
#[ignore = "store bug: src/store/snapshot.rs and src/store/watch.rs need `state: StateFilter::All`"]
fn full_snapshots_and_initial_watch_events_include_stable_objects() {
    let s = Sandbox::github();
    s.run(&["create", "stable", r#"{"v": 1}"#]).ok();
    let snapshot = s.run(&["snapshot", "-o", "-"]).ok().json();
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
        .ok()
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
        .ok();
    assert_eq!(idle.stdout, "");
    assert!(started.elapsed() < Duration::from_secs(5));

    s.run(&["create", "w", r#"{"n": 0}"#]).ok();
    s.run(&["update", "w", "--queue", r#"{"n": 1}"#]).ok();
    let initial = s
        .run(&["watch", "--initial", "--count", "1", "w"])
        .ok()
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
    s.run(&["create", "fresh", r#"{"new": true}"#]).ok();
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

// 2. Pagination past 100, and 6. the request budget -----------------------------------------

#[test]
fn listings_and_histories_page_past_100_within_budget() {
    let s = Sandbox::github();
    let mut seeded = 0;
    for n in [10usize, 100, 250] {
        seed(&s, (seeded..n).map(|i| format!("o{i:03}")));
        seeded = n;
        let (run, stats) = s.run_counted(&["list", "--ndjson"]);
        let listed: Vec<String> = run
            .ok()
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
    assert_eq!(run.ok().json().as_array().unwrap().len(), 250);
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
    let history = run.ok().lines();
    assert_eq!(history.len(), 150);
    assert_eq!(history[149]["data"], json!({"k148": 148}));
    assert_eq!(stats.total, 1 + 2, "one lookup and two pages of comments");
    budget_row("history, C = 150", &stats);

    let (run, stats) = s.run_counted(&["process", "o005"]);
    assert_eq!(run.ok().lines()[0]["applied"], 149);
    assert!(stats.total <= 4 + 149 + 1, "{stats:?}");
    budget_row("process, U = 149, C = 150", &stats);
    assert_eq!(s.run(&["get", "o005"]).ok().json()["version"], 150);
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
    run.ok();
    assert!(stats.total <= 6, "create: {stats:?}");
    budget_row("create", &stats);

    let (run, stats) = s.run_counted(&["get", "a"]);
    run.ok();
    assert_eq!(stats.total, 1, "get");
    budget_row("get", &stats);

    let (run, stats) = s.run_counted(&["update", "a", "--queue", r#"{"n": 1}"#]);
    run.ok();
    assert!(stats.total <= 3, "update of a stable object: {stats:?}");
    budget_row("update --queue (stable)", &stats);
    let (run, stats) = s.run_counted(&["update", "a", "--queue", r#"{"m": 2}"#]);
    run.ok();
    assert_eq!(stats.total, 2, "update of an open object: {stats:?}");
    budget_row("update --queue (already open)", &stats);

    let (run, stats) = s.run_counted(&["process", "a"]);
    assert_eq!(run.ok().lines()[0]["applied"], 2);
    assert!(stats.total <= 4 + 2, "process, U = 2: {stats:?}");
    budget_row("process <id>, U = 2", &stats);

    s.run(&["update", "a", r#"{"k": 3}"#]).ok();
    let number = only_issue(&s, "a").number.to_string();
    let (run, stats) = s.run_counted(&["process", "--issue", &number]);
    run.ok();
    assert!(stats.total <= 4 + 1, "process --issue, U = 1: {stats:?}");
    budget_row("process --issue, U = 1", &stats);

    let (run, stats) = s.run_counted(&["update", "a", "--apply", r#"{"z": 4}"#]);
    run.ok();
    budget_row("update --apply", &stats);

    let (run, stats) = s.run_counted(&["history", "a"]);
    assert_eq!(run.ok().json().as_array().unwrap().len(), 5);
    assert_eq!(stats.total, 2, "history, C = 5");
    budget_row("history, C = 5", &stats);

    let (run, stats) = s.run_counted(&["snapshot", "-o", "-"]);
    run.ok();
    budget_row("snapshot", &stats);

    let (run, stats) = s.run_counted(&["delete", "a"]);
    run.ok();
    assert_eq!(stats.total, 2, "delete");
    budget_row("delete", &stats);

    // Idle polls are answered 304 and cost nothing against the rate limit.
    let remaining = core_remaining(&s);
    let (run, stats) = s.run_counted(&["watch", "--interval", "100ms", "--timeout", "1s"]);
    run.ok();
    assert!(stats.not_modified >= 3, "{stats:?}");
    assert_eq!(
        stats.total - stats.not_modified,
        1,
        "only the first poll is a 200"
    );
    assert_eq!(core_remaining(&s), remaining - 1, "304s are free");
    budget_row("watch, idle 1 s at 100 ms", &stats);
}

// 3. Renamed repository --------------------------------------------------------------------

#[test]
fn a_renamed_repository_is_followed_for_reads_and_writes() {
    let s = Sandbox::github();
    let remote = s.remote();
    s.run(&["create", "a", r#"{"n": 0}"#]).ok();
    remote
        .db
        .rename_repository(remote.repo_id, "alice/renamed")
        .unwrap();
    remote.server.take_responses();

    // Reads under the old name answer 301.
    assert_eq!(s.run(&["get", "a", "--data"]).ok().json(), json!({"n": 0}));
    assert_eq!(ids(&s.run(&["list"]).ok().json()), ["a"]);
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
    s.run(&["update", "a", "--queue", r#"{"m": 2}"#]).ok();
    s.run(&["process", "a"]).ok();
    s.run(&["create", "b", "{}"]).ok();
    s.run(&["delete", "b"]).ok();
    let object = s.run(&["get", "a"]).ok().json();
    assert_eq!(
        (object["version"].clone(), object["data"].clone()),
        (json!(3), json!({"n": 1, "m": 2}))
    );
    assert_eq!(
        remote.comments_on(only_issue(&s, "a").number).len(),
        3,
        "nothing posted twice"
    );
    assert_eq!(ids(&s.run(&["list", "--archived"]).ok().json()), ["b"]);
}

// 4. Error classes: exit codes, one-line messages, nothing half-written -------------------

#[test]
fn a_bad_token_exits_4_and_is_never_printed() {
    let mut s = Sandbox::github();
    s.run(&["create", "a", "{}"]).ok();
    let secret = "ghp_not-a-valid-token-0123456789";
    s.extra_env = vec![("GH_TOKEN".into(), secret.into())];
    for args in [
        &["get", "a"][..],
        &["-v", "get", "a"],
        &["-v", "create", "b", "{}"],
        &["-v", "update", "a", "{}"],
        &["list"],
    ] {
        let run = s.run(args).code(4);
        one_line_error(&run);
        assert!(run
            .stderr
            .contains("error: authentication failed: Bad credentials"));
        assert!(
            run.stderr.contains("hint: ") && run.stderr.contains("GH_TOKEN"),
            "{}",
            run.stderr
        );
        assert!(
            !run.stdout.contains(secret) && !run.stderr.contains(secret),
            "{args:?}"
        );
        if args[0] == "-v" {
            assert!(
                run.stderr.contains("gh-store: GET /repos/alice/store/"),
                "{}",
                run.stderr
            );
        }
    }
    // A good token is not logged either.
    s.extra_env = vec![("GH_TOKEN".into(), "alice-token".into())];
    let run = s.run(&["-v", "get", "a"]).ok();
    assert!(!run.stderr.contains("alice-token"), "{}", run.stderr);
    assert_eq!(s.remote().all_issues().len(), 1, "nothing written");

    // No token at all: reads of a public repository work, writes need one.
    s.extra_env.clear();
    s.run(&["get", "a"]).ok();
    let run = s
        .run(&["update", "a", "{}"])
        .code(4)
        .error_mentions("Requires authentication");
    assert!(run.stderr.contains("GH_TOKEN"), "{}", run.stderr);
    assert_eq!(s.remote().comments_on(1).len(), 1);
}

#[test]
fn refused_writes_exit_4_and_write_nothing() {
    let s = Sandbox::github();
    s.run(&["create", "a", "{}"]).ok();
    inject(
        &s,
        "POST",
        COMMENTS,
        FaultAction::Status {
            status: 403,
            format: BodyFormat::Json,
        },
    );
    let run = s
        .run(&["update", "a", "{}"])
        .code(4)
        .error_mentions("Resource not accessible");
    one_line_error(&run);
    assert!(run.stderr.contains("hint: "), "{}", run.stderr);
    inject(
        &s,
        "POST",
        COMMENTS,
        FaultAction::Status {
            status: 403,
            format: BodyFormat::Html,
        },
    );
    one_line_error(&s.run(&["update", "a", "{}"]).code(4));
    assert_eq!(s.remote().comments_on(1).len(), 1, "no update posted");
    assert_eq!(
        only_issue(&s, "a").state,
        IssueState::Closed,
        "not reopened"
    );
}

#[test]
fn writes_without_push_access_exit_4_and_leave_no_object() {
    let s = Sandbox::github();
    // bob, a collaborator, may write like the owner.
    s.run_as("bob", &["create", "by-bob", r#"{"b": 1}"#]).ok();
    assert_eq!(
        s.run(&["get", "by-bob", "--data"]).ok().json(),
        json!({"b": 1})
    );

    // carol has no push access: GitHub drops her labels and still answers 201.
    let run = s
        .run_as("carol", &["create", "by-carol", "{}"])
        .code(4)
        .error_mentions("push access");
    one_line_error(&run);
    s.run(&["get", "by-carol"]).code(3);
    let strays: Vec<_> = s
        .remote()
        .all_issues()
        .into_iter()
        .filter(|i| i.title.contains("by-carol"))
        .collect();
    assert_eq!(strays.len(), 1);
    assert!(strays[0].labels.is_empty());
    assert_eq!(
        strays[0].state,
        IssueState::Closed,
        "no loose end left open"
    );

    // Her delete cannot relabel the object: refused, and the object is still there.
    s.run_as("carol", &["delete", "by-bob"])
        .code(4)
        .error_mentions("push access");
    s.run(&["get", "by-bob"]).ok();
}

#[test]
fn collaborators_and_members_have_write_permission() {
    let s = Sandbox::github();
    let remote = s.remote();
    remote
        .db
        .set_role(
            remote.repo_id,
            "dave",
            gh_store::tracker::local::Role::Member,
        )
        .unwrap();
    for (login, permission, push) in [
        ("alice", "admin", true),
        ("bob", "write", true),
        ("dave", "write", true),
        ("carol", "read", false),
    ] {
        let path = format!("/repos/{REPO}/collaborators/{login}/permission");
        assert_eq!(
            api_get(&s, &path, "alice-token")["permission"],
            permission,
            "{login}"
        );
        let token = format!("{login}-token");
        if login != "dave" {
            let repo = api_get(&s, &format!("/repos/{REPO}"), &token);
            assert_eq!(repo["permissions"]["push"], push, "{login}");
        }
    }
}

#[test]
fn missing_and_invisible_repositories() {
    let mut s = Sandbox::github();
    let repo_flag = s.args.iter().position(|a| a == REPO).unwrap();

    s.args[repo_flag] = "alice/nope".into();
    let run = s
        .run(&["get", "a"])
        .code(3)
        .error_mentions("not visible to this token");
    one_line_error(&run);
    s.run(&["create", "a", "{}"]).code(3);

    s.args[repo_flag] = "not-a-repo".into();
    s.run(&["get", "a"]).code(2).error_mentions("OWNER/REPO");

    // --api-url without any repository is a forgotten -R, not the local store.
    s.args.drain(repo_flag - 1..=repo_flag);
    let run = s.run(&["list"]).code(2).error_mentions("no repository");
    assert!(
        run.stderr.contains("hint: pass -R OWNER/REPO"),
        "{}",
        run.stderr
    );
    assert!(!s.path().join(".local").exists(), "no local store was made");
}

#[test]
fn gone_invalid_and_html_answers_read_as_one_line() {
    let s = Sandbox::github();
    s.run(&["create", "a", "{}"]).ok();
    inject(
        &s,
        "GET",
        ISSUES,
        FaultAction::Status {
            status: 410,
            format: BodyFormat::Json,
        },
    );
    one_line_error(&s.run(&["get", "a"]).code(3).error_mentions("gone"));

    inject(
        &s,
        "POST",
        COMMENTS,
        FaultAction::Status {
            status: 422,
            format: BodyFormat::Json,
        },
    );
    one_line_error(
        &s.run(&["update", "a", "{}"])
            .code(5)
            .error_mentions("Validation Failed"),
    );
    assert_eq!(s.remote().comments_on(1).len(), 1);
}

#[test]
fn persistent_server_errors_exit_1_after_retries() {
    let s = Sandbox::github();
    s.run(&["create", "a", "{}"]).ok();
    s.remote().server.inject(
        Fault::new(FaultAction::Status {
            status: 502,
            format: BodyFormat::Html,
        })
        .on("GET", ISSUES)
        .when(Trigger::Every),
    );
    let (run, stats) = s.run_counted(&["get", "a"]);
    let run = run.code(1).error_mentions("502");
    one_line_error(&run);
    assert!(run.stderr.contains("Bad Gateway"), "{}", run.stderr);
    assert_eq!(
        stats.route("GET", ISSUES),
        4,
        "the request and three retries"
    );
}

// 5. Rate limits and faults: no duplicate, no lost update, nothing applied twice ---------

#[test]
fn transient_failures_are_retried() {
    let s = Sandbox::github();
    s.run(&["create", "a", r#"{"n": 0}"#]).ok();
    inject(
        &s,
        "GET",
        ISSUES,
        FaultAction::Status {
            status: 500,
            format: BodyFormat::Json,
        },
    );
    let (run, stats) = s.run_counted(&["get", "a"]);
    run.ok();
    assert_eq!((stats.route("GET", ISSUES), stats.faults_injected), (2, 1));

    inject(&s, "GET", ISSUES, FaultAction::DropConnection);
    let (run, stats) = s.run_counted(&["get", "a"]);
    run.ok();
    assert_eq!(stats.route("GET", ISSUES), 2);

    // A PATCH is idempotent: re-sent after a dropped answer, applied once.
    s.run(&["update", "a", r#"{"n": 1}"#]).ok();
    inject(&s, "PATCH", ISSUE, FaultAction::CommitThenDrop);
    assert_eq!(s.run(&["process", "a"]).ok().lines()[0]["applied"], 1);
    let object = s.run(&["get", "a"]).ok().json();
    assert_eq!(
        (object["version"].clone(), object["data"].clone()),
        (json!(2), json!({"n": 1}))
    );
}

#[test]
fn creates_whose_answer_is_lost_happen_once() {
    let s = Sandbox::github();
    inject(&s, "POST", ISSUES, FaultAction::CommitThenDrop);
    let created = s.run(&["create", "a", r#"{"n": 0}"#]).ok().json();
    assert_eq!(created["version"], 1);
    only_issue(&s, "a");

    inject(&s, "POST", COMMENTS, FaultAction::CommitThenDrop);
    s.run(&["create", "b", r#"{"n": 0}"#]).ok();
    assert_eq!(s.remote().comments_on(only_issue(&s, "b").number).len(), 1);

    inject(&s, "POST", COMMENTS, FaultAction::CommitThenDrop);
    s.run(&["update", "a", r#"{"n": 1}"#]).ok();
    let number = only_issue(&s, "a").number;
    assert_eq!(
        s.remote().comments_on(number).len(),
        2,
        "exactly one update comment"
    );
    s.run(&["process", "a"]).ok();
    let object = s.run(&["get", "a"]).ok().json();
    assert_eq!(
        (object["version"].clone(), object["data"].clone()),
        (json!(2), json!({"n": 1}))
    );
    assert_eq!(ids(&s.run(&["list"]).ok().json()), ["a", "b"]);
}

#[test]
fn rate_limits_with_retry_after_are_waited_out() {
    let s = Sandbox::github();
    s.run(&["create", "a", r#"{"n": 0}"#]).ok();
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
        run.ok();
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
    s.run(&["process", "a"]).ok();
    assert_eq!(s.run(&["get", "a"]).ok().json()["version"], 4);
}

#[test]
fn rate_limits_beyond_max_wait_exit_7_at_once() {
    let s = Sandbox::github();
    s.run(&["create", "a", r#"{"n": 0}"#]).ok();
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
    assert_eq!(s.run(&["get", "a"]).ok().json()["version"], 1);
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
        s.run(args).ok();
    }
    inject(
        &s,
        "GET",
        ISSUES,
        FaultAction::Status {
            status: 502,
            format: BodyFormat::Json,
        },
    );
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
    s.run(&["update", "a", r#"{"k": 3}"#]).ok();
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
