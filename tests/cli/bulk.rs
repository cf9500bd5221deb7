//! Many objects at once: `get ID...`, `snapshot -o -` into `import`, paced writes.

use std::collections::BTreeMap;

use gh_store::serve::{BlackoutFailure, Fault, FaultAction, ServeOptions, Stats, Trigger};
use gh_store::store::ObjectId;
use gh_store::tracker::pacing::SecondaryLimits;
use serde_json::{json, Value};

use crate::github_api::{seed, ISSUES};
use crate::harness::Sandbox;

fn ids_of(lines: &[Value]) -> Vec<String> {
    lines
        .iter()
        .map(|o| o["object_id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn get_several_ids_prints_a_line_each_in_the_order_given_from_one_listing() {
    let s = Sandbox::github();
    seed(&s, (0..5).map(|i| format!("o{i}")));
    let (run, stats) = s.run_counted(&["get", "o3", "o0", "o4", "o3"]);
    let run = run.success();
    assert_eq!(ids_of(&run.lines()), ["o3", "o0", "o4", "o3"]);
    assert_eq!(run.stdout.lines().count(), 4, "compact, one line each");
    assert_eq!(
        (stats.total, stats.route("GET", ISSUES)),
        (1, 1),
        "one page of the listing finds them all"
    );

    let run = s.run(&["get", "o1", "o2", "--data"]).success();
    assert_eq!(run.lines(), [json!({"id": "o1"}), json!({"id": "o2"})]);
    let run = s.run(&["get", "o1", "o2", "--jq", ".data.id"]).success();
    assert_eq!(run.stdout, "o1\no2\n");
    let run = s
        .run(&["get", "o1", "o2", "--json", "object_id,version"])
        .success();
    assert_eq!(
        run.lines(),
        [
            json!({"object_id": "o1", "version": 1}),
            json!({"object_id": "o2", "version": 1})
        ]
    );
}

#[test]
fn get_several_ids_reports_the_missing_and_prints_the_rest_exit_3() {
    let s = Sandbox::github();
    seed(&s, ["a".to_string(), "b".to_string()]);
    let run = s.run(&["get", "a", "nope", "b"]).code(3);
    assert_eq!(ids_of(&run.lines()), ["a", "b"]);
    assert!(
        run.stderr
            .lines()
            .next()
            .unwrap()
            .starts_with("error: object \"nope\" not found"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("1 of 3 objects not found: \"nope\""),
        "{}",
        run.stderr
    );
    // A bad id is refused before any request.
    let (run, stats) = s.run_counted(&["get", "a", "bad,id"]);
    run.code(2).error_mentions("comma");
    assert_eq!(stats.total, 0);
}

#[test]
fn get_several_ids_reads_pages_or_looks_up_whichever_is_fewer_requests() {
    let s = Sandbox::github();
    seed(&s, (0..250).map(|i| format!("o{i:03}")));
    // 50 ids across three pages of 100: three requests, not fifty.
    let wanted: Vec<String> = (0..250).step_by(5).map(|i| format!("o{i:03}")).collect();
    let mut args = vec!["get"];
    args.extend(wanted.iter().map(String::as_str));
    let (run, stats) = s.run_counted(&args);
    assert_eq!(ids_of(&run.success().lines()), wanted);
    assert_eq!(stats.total, 3, "{stats:?}");

    // Two of the newest: one page read (it might have held them), then two lookups.
    let (run, stats) = s.run_counted(&["get", "o249", "o248"]);
    assert_eq!(ids_of(&run.success().lines()), ["o249", "o248"]);
    assert_eq!(stats.total, 3, "{stats:?}");

    // One id: one lookup, and the output `get` always had.
    let (run, stats) = s.run_counted(&["get", "o249"]);
    assert_eq!(run.success().json()["object_id"], "o249");
    assert_eq!(stats.total, 1);
}

#[test]
fn get_several_ids_follows_aliases_on_the_local_store() {
    let s = Sandbox::local();
    s.run(&["create", "real", r#"{"n": 1}"#]).success();
    s.run(&["create", "other", r#"{"n": 2}"#]).success();
    s.run(&["create", "nick", r#"{"n": 3}"#]).success();
    s.run(&["alias", "nick", "real"]).success();
    let run = s.run(&["get", "other", "nick", "--data"]).success();
    assert_eq!(run.lines(), [json!({"n": 2}), json!({"n": 1})]);
}

// ---------------------------------------------------------------------------------------------
// import

/// Writes (anything but GET) the server received in one counted run.
fn writes(stats: &Stats) -> u64 {
    stats
        .routes
        .iter()
        .filter(|(route, _)| !route.starts_with("GET "))
        .map(|(_, n)| n)
        .sum()
}

/// Each object's data, by id, from a snapshot.
fn snapshot_data(snapshot: &Value) -> BTreeMap<String, Value> {
    snapshot["objects"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(id, entry)| (id.clone(), entry["data"].clone()))
        .collect()
}

/// A local store of `n` objects, some updated, one deleted.
fn local_store(n: usize) -> Sandbox {
    let s = Sandbox::local();
    for i in 0..n {
        s.run(&["create", &format!("o{i:02}"), &format!(r#"{{"n": {i}}}"#)])
            .success();
    }
    s.run(&["update", "o01", r#"{"tags": ["x"]}"#]).success();
    s.run(&["create", "gone", "{}"]).success();
    s.run(&["delete", "gone"]).success();
    s
}

#[test]
fn a_snapshot_imported_into_another_store_round_trips_and_a_second_import_writes_nothing() {
    let local = local_store(5);
    local.run(&["snapshot", "-o", "backup.json"]).success();
    let file = std::fs::read_to_string(local.path().join("backup.json")).unwrap();
    let first: Value = serde_json::from_str(&file).unwrap();

    let s = Sandbox::github();
    let dry = s
        .run_with_stdin(&["import", "-", "--dry-run"], &file)
        .success();
    assert_eq!(dry.lines().len(), 5);
    assert!(
        dry.lines().iter().all(|l| l["action"] == "create"),
        "{dry:?}"
    );
    assert!(
        dry.stderr.contains("plan: 5 to create, 0 to update"),
        "{}",
        dry.stderr
    );
    assert!(
        dry.stderr
            .contains("cost: 35 requests (25 writes, 10 creating content)"),
        "{}",
        dry.stderr
    );
    assert!(
        s.remote().all_issues().is_empty(),
        "a dry run writes nothing"
    );

    let (run, stats) = {
        let server = &s.remote().server;
        server.reset_stats();
        let run = s.run_with_stdin(&["import", "-"], &file);
        (run.success(), server.stats())
    };
    assert!(run.stderr.contains("imported: 5 created"), "{}", run.stderr);
    assert_eq!(writes(&stats), 25, "five writes per object: {stats:?}");
    let copy = s.run(&["snapshot", "-o", "copy.json"]).success();
    drop(copy);
    let copy: Value =
        serde_json::from_str(&std::fs::read_to_string(s.path().join("copy.json")).unwrap())
            .unwrap();
    assert_eq!(snapshot_data(&copy), snapshot_data(&first));
    assert!(!snapshot_data(&copy).contains_key("gone"));

    let server = &s.remote().server;
    server.reset_stats();
    let again = s.run_with_stdin(&["import", "-"], &file).success();
    assert!(again.lines().iter().all(|l| l["action"] == "unchanged"));
    assert_eq!(writes(&server.stats()), 0);
    assert_eq!(server.stats().total, 1, "one listing: every id is live");
}

#[test]
fn ndjson_from_list_imports_and_differing_data_is_updated_by_the_mode_chosen() {
    let a = local_store(3);
    let lines = a.run(&["list", "--ndjson"]).success().stdout;
    let b = Sandbox::local();
    b.run(&["create", "o00", r#"{"n": 0}"#]).success();
    b.run(&["create", "o02", r#"{"n": 9, "extra": true}"#])
        .success();
    let run = b.run_with_stdin(&["import"], &lines).success();
    let actions: Vec<(String, String)> = run
        .lines()
        .iter()
        .map(|l| {
            (
                l["object_id"].as_str().unwrap().into(),
                l["action"].as_str().unwrap().into(),
            )
        })
        .collect();
    let expected = [("o00", "unchanged"), ("o01", "create"), ("o02", "update")];
    assert_eq!(
        actions,
        expected.map(|(id, a)| (id.to_string(), a.to_string()))
    );
    // Replace by default: the extra field is gone.
    let o02 = b.run(&["get", "o02", "--data"]).success().json();
    assert_eq!(o02, json!({"n": 2}));

    b.run(&["update", "o02", r#"{"extra": true}"#]).success();
    let patch = r#"{"object_id": "o02", "data": {"n": 5}}"#;
    b.run_with_stdin(&["import", "--mode", "merge-patch"], patch)
        .success();
    let o02 = b.run(&["get", "o02", "--data"]).success().json();
    assert_eq!(o02, json!({"n": 5, "extra": true}));
    let run = b
        .run_with_stdin(&["import", "--mode", "append"], patch)
        .success();
    assert_eq!(run.lines()[0]["action"], "unchanged");
}

#[test]
fn a_bad_line_is_named_with_its_number_and_nothing_is_written_exit_2() {
    let s = Sandbox::github();
    let input = "{\"object_id\": \"a\", \"data\": {}}\n{\"object_id\": \"b\", \"data\": \n\
                 {\"object_id\": \"c\", \"data\": {}}\n";
    let (run, stats) = {
        s.remote().server.reset_stats();
        let run = s.run_with_stdin(&["import", "-"], input);
        (run, s.remote().server.stats())
    };
    let run = run.code(2).error_mentions("stdin, line 2: invalid JSON");
    assert!(
        run.stderr.contains("nothing was imported"),
        "{}",
        run.stderr
    );
    assert_eq!(stats.total, 0, "refused before any request");

    // Refused by the store's rules (here the size limit): the plan's listing, no write.
    let big = "x".repeat(70_000);
    let input = format!(
        "{{\"object_id\": \"a\", \"data\": {{}}}}\n{{\"object_id\": \"b\", \"data\": {{\"s\": \"{big}\"}}}}\n\
         {{\"object_id\": \"bad,id\", \"data\": {{}}}}\n"
    );
    s.remote().server.reset_stats();
    let run = s.run_with_stdin(&["import", "-"], &input);
    let stats = s.remote().server.stats();
    let run = run.code(2).error_mentions("bad,id");
    assert_eq!(
        stats.total, 0,
        "an id is checked before any request: {}",
        run.stderr
    );
    let input = input.lines().take(2).collect::<Vec<_>>().join("\n");
    let run = s.run_with_stdin(&["import", "-"], &input).code(2);
    let run = run.error_mentions("stdin, line 2");
    assert!(
        run.stderr.contains("65,536") || run.stderr.contains("65536"),
        "{}",
        run.stderr
    );
    assert!(s.remote().all_issues().is_empty(), "nothing written");
}

#[test]
fn keep_going_imports_the_good_entries_and_still_exits_2_naming_the_bad() {
    let s = Sandbox::local();
    let input = "{\"object_id\": \"a\", \"data\": {}}\nnope\n{\"object_id\": \"c\", \"data\": 3}\n\
                 {\"object_id\": \"d\", \"data\": {\"k\": 1}}\n";
    let run = s.run_with_stdin(&["import", "--keep-going"], input).code(2);
    assert_eq!(ids_of(&run.lines()), ["a", "d"]);
    assert!(
        run.stderr.contains("skipping stdin, line 2"),
        "{}",
        run.stderr
    );
    assert!(run
        .stderr
        .contains("skipping stdin, line 3: data must be a JSON object"));
    let last = run
        .stderr
        .lines()
        .rfind(|l| l.starts_with("error: "))
        .unwrap();
    assert_eq!(last, "error: skipped 2 bad entries: line 2, line 3");
    assert_eq!(
        s.run(&["get", "d", "--data"]).success().json(),
        json!({"k": 1})
    );
}

#[test]
fn archived_ids_are_not_resurrected_unless_asked() {
    let s = Sandbox::local();
    s.run(&["create", "old", r#"{"v": 1}"#]).success();
    s.run(&["delete", "old"]).success();
    let input = r#"{"object_id": "old", "data": {"v": 1}}"#;
    let run = s.run_with_stdin(&["import"], input).success();
    assert_eq!(run.lines()[0]["action"], "skip-archived");
    assert!(run.stderr.contains("--include-archived"), "{}", run.stderr);
    s.run(&["get", "old"]).code(3);
    let run = s
        .run_with_stdin(&["import", "--include-archived"], input)
        .success();
    assert_eq!(run.lines()[0]["action"], "create");
    assert_eq!(
        s.run(&["get", "old", "--data"]).success().json(),
        json!({"v": 1})
    );
}

/// Every object's issues and the comments on each, for telling a duplicate.
fn footprint(s: &Sandbox) -> Vec<(String, usize)> {
    s.remote()
        .all_issues()
        .iter()
        .map(|issue| {
            // The title without its checkpoint, whose comment ids differ from run to run.
            let title = issue.title.split(" [").next().unwrap().to_string();
            (title, s.remote().comments_on(issue.number).len())
        })
        .collect()
}

#[test]
fn an_import_that_dies_at_any_point_is_finished_by_a_rerun_without_duplicates() {
    // Three to create and two to update (queued), so that creates and updates both die.
    let input: String = (0..5)
        .map(|i| format!("{{\"object_id\": \"o{i}\", \"data\": {{\"n\": {i}}}}}\n"))
        .collect();
    let setup = || {
        let s = Sandbox::github();
        let store = s.remote().store_as("alice");
        for i in 3..5 {
            store
                .create(
                    &ObjectId::parse(&format!("o{i}")).unwrap(),
                    json!({"n": -1}),
                )
                .unwrap();
        }
        s
    };
    let clean = setup();
    clean.remote().server.reset_stats();
    clean.run_with_stdin(&["import", "-"], &input).success();
    let requests = clean.remote().server.stats().total as u32;
    clean.run(&["process", "--all"]).success();
    let done = footprint(&clean);
    let data = clean
        .run(&["get", "o0", "o1", "o2", "o3", "o4", "--data"])
        .success()
        .stdout;
    // The plan's listings (live, archived, deprecated) write nothing; every later request
    // can leave something to finish.
    // Every third request, dying before or after it commits in turn (40 s for all of them).
    for k in (4..=requests).step_by(3) {
        let commit_first = k % 2 == 0;
        let case = format!("k={k} commit_first={commit_first}");
        let s = setup();
        let server = &s.remote().server;
        let blackout = Fault::new(FaultAction::Blackout {
            failure: BlackoutFailure::ServerError,
        });
        if commit_first {
            server.inject(Fault::new(FaultAction::CommitThenDrop).when(Trigger::Nth(k)));
            server.inject(blackout.when(Trigger::Nth(k + 1)));
        } else {
            server.inject(blackout.when(Trigger::Nth(k)));
        }
        let failed = s.run_with_stdin(&["import", "-"], &input);
        assert_ne!(failed.code, 0, "{case}: {failed:?}");
        assert!(
            failed.stderr.contains("rerun the same command"),
            "{case}: {}",
            failed.stderr
        );
        server.clear_faults();
        s.run_with_stdin(&["import", "-"], &input).success();
        s.run(&["process", "--all"]).success();
        assert_eq!(
            footprint(&s),
            done,
            "{case}: one issue each, no extra comment"
        );
        let now = s
            .run(&["get", "o0", "o1", "o2", "o3", "o4", "--data"])
            .success()
            .stdout;
        assert_eq!(now, data, "{case}");
    }
}

#[test]
fn a_thousand_objects_copy_from_the_local_store_to_github_through_a_pipe_and_back() {
    let local = Sandbox::local();
    let objects: String = (0..1000)
        .map(|i| format!("{{\"object_id\": \"obj-{i:04}\", \"data\": {{\"i\": {i}, \"tags\": [\"t{}\"]}}}}\n", i % 7))
        .collect();
    local.run_with_stdin(&["import", "-"], &objects).success();
    // `snapshot -o - | import -`, as two runs joined by the test.
    let snapshot = local.run(&["snapshot", "-o", "-"]).success().stdout;
    let first: Value = serde_json::from_str(&snapshot).unwrap();
    assert_eq!(first["objects"].as_object().unwrap().len(), 1000);

    // 7,000 requests: more than a token's 5,000 an hour (an app on Enterprise Cloud gets 15,000).
    let s = Sandbox::github_with(ServeOptions {
        rate_limit: 15_000,
        ..ServeOptions::default()
    });
    let run = s.run_with_stdin(&["import", "-"], &snapshot).success();
    assert!(
        run.stderr.contains("imported: 1000 created"),
        "{}",
        run.stderr
    );
    let copy: Value =
        serde_json::from_str(&s.run(&["snapshot", "-o", "-"]).success().stdout).unwrap();
    assert_eq!(snapshot_data(&copy), snapshot_data(&first));
    assert_eq!(s.remote().all_issues().len(), 1000);

    s.remote().server.reset_stats();
    s.run_with_stdin(&["import", "-"], &snapshot).success();
    let stats = s.remote().server.stats();
    assert_eq!(
        (writes(&stats), stats.total),
        (0, 10),
        "ten pages of the listing"
    );

    // And back: GitHub's snapshot restores an emptied local store.
    let back = Sandbox::local();
    back.run_with_stdin(&["import", "-"], &s.run(&["snapshot"]).success().stdout)
        .success();
    let restored: Value = serde_json::from_str(&back.run(&["snapshot"]).success().stdout).unwrap();
    assert_eq!(snapshot_data(&restored), snapshot_data(&first));
}

// ---------------------------------------------------------------------------------------------
// update --ndjson

#[test]
fn update_ndjson_prints_a_result_per_line_and_names_the_failed_ones() {
    let s = Sandbox::local();
    s.run(&["create", "a", r#"{"n": 1, "tags": ["x"]}"#])
        .success();
    s.run(&["create", "b", r#"{"n": 1, "gone": true}"#])
        .success();
    let input = [
        r#"{"object_id": "a", "data": {"m": 2}}"#,
        r#"{"object_id": "b", "data": {"gone": null}, "mode": "merge-patch", "if_version": 1}"#,
        "",
        r#"{"object_id": "a", "data": {"k": 3}, "if_version": 1}"#,
        r#"{"object_id": "nope", "data": {}}"#,
        "{oops",
    ]
    .join("\n");
    let run = s.run_with_stdin(&["update", "--ndjson"], &input).code(1);
    let results = run.lines();
    let summary: Vec<(u64, &str)> = results
        .iter()
        .map(|r| (r["line"].as_u64().unwrap(), r["status"].as_str().unwrap()))
        .collect();
    assert_eq!(
        summary,
        [
            (1, "applied"),
            (2, "applied"),
            (4, "failed"),
            (5, "failed"),
            (6, "failed")
        ]
    );
    assert_eq!(results[0]["version"], 2);
    assert!(results[2]["error"]
        .as_str()
        .unwrap()
        .contains("version 2, not 1"));
    let last = run
        .stderr
        .lines()
        .rfind(|l| l.starts_with("error: "))
        .unwrap();
    assert_eq!(
        last,
        "error: 3 of 5 updates failed: line 4 (\"a\"), line 5 (\"nope\"), line 6"
    );
    assert_eq!(
        s.run(&["get", "a", "b", "--data"]).success().lines(),
        [json!({"n": 1, "tags": ["x"], "m": 2}), json!({"n": 1})]
    );

    // Failures of one kind exit with its code: not found is 3.
    let run = s.run_with_stdin(
        &["update", "--ndjson", "-"],
        r#"{"object_id": "x", "data": {}}"#,
    );
    run.code(3);
    // Usage: an id or --ndjson, not both.
    s.run(&["update", "a", "--ndjson", "-"]).code(2);
}

#[test]
fn update_ndjson_queues_on_github_and_a_rerun_after_a_failure_posts_nothing_twice() {
    let s = Sandbox::github();
    seed(&s, (0..4).map(|i| format!("o{i}")));
    let input: String = (0..4)
        .map(|i| format!("{{\"object_id\": \"o{i}\", \"data\": {{\"seen\": {i}}}}}\n"))
        .collect();
    std::fs::write(s.path().join("updates.ndjson"), &input).unwrap();
    // Each update is a lookup, a comment and a reopen: the third update's comment commits,
    // then the server dies.
    s.remote()
        .server
        .inject(Fault::new(FaultAction::CommitThenDrop).when(Trigger::Nth(8)));
    s.remote().server.inject(
        Fault::new(FaultAction::Blackout {
            failure: BlackoutFailure::ServerError,
        })
        .when(Trigger::Nth(9)),
    );
    let failed = s.run(&["update", "--ndjson", "updates.ndjson"]);
    assert_ne!(failed.code, 0, "{failed:?}");
    let statuses: Vec<Value> = failed.lines().iter().map(|r| r["status"].clone()).collect();
    assert_eq!(statuses, ["pending", "pending", "failed", "failed"]);
    s.remote().server.clear_faults();

    let rerun = s.run(&["update", "--ndjson", "updates.ndjson"]).success();
    assert!(rerun.lines().iter().all(|r| r["status"] == "pending"));
    s.run(&["process", "--all"]).success();
    for i in 0..4 {
        let issue = crate::github_api::only_issue(&s, &format!("o{i}"));
        let comments = s.remote().comments_on(issue.number);
        assert_eq!(comments.len(), 2, "o{i}: the initial state and one update");
        let data = s.run(&["get", &format!("o{i}"), "--data"]).success().json();
        assert_eq!(data, json!({"id": format!("o{i}"), "seen": i}));
    }
}

// ---------------------------------------------------------------------------------------------
// pacing

#[test]
fn an_import_paced_within_the_secondary_limits_is_never_refused_where_a_burst_is() {
    // GitHub's limits scaled down to seconds, on the server and (the harness passes them
    // on) in the client.
    let limits = SecondaryLimits::parse("6 content/2s, 200 points/2s").unwrap();
    let input: String = (0..8)
        .map(|i| format!("{{\"object_id\": \"o{i}\", \"data\": {{\"n\": {i}}}}}\n"))
        .collect();
    let s = Sandbox::github_with(ServeOptions {
        secondary_limits: limits.clone(),
        ..ServeOptions::default()
    });
    let dry = s.run_with_stdin(&["import", "--dry-run"], &input).success();
    assert!(
        dry.stderr.contains("16 creating content), about 4.")
            && dry.stderr.contains("(6 content/2s, 200 points/2s)"),
        "16 creates: 6 at once, then two windows of waiting: {}",
        dry.stderr
    );
    s.remote().server.reset_stats();
    let started = std::time::Instant::now();
    s.run_with_stdin(&["import"], &input).success();
    let elapsed = started.elapsed();
    let stats = s.remote().server.stats();
    assert_eq!(stats.rate_limited, 0, "{stats:?}");
    assert!(
        elapsed >= std::time::Duration::from_secs(4),
        "paced: {elapsed:?}"
    );
    assert_eq!(s.remote().all_issues().len(), 8);

    // The same import unpaced is refused as GitHub refuses it.
    let mut burst = Sandbox::github_with(ServeOptions {
        secondary_limits: limits,
        ..ServeOptions::default()
    });
    burst
        .extra_env
        .push(("GH_STORE_SECONDARY_LIMITS".into(), "off".into()));
    burst.remote().server.reset_stats();
    burst.run_with_stdin(&["import", "--max-wait", "0s"], &input);
    assert!(burst.remote().server.stats().rate_limited > 0);
}
