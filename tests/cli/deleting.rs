//! `delete` as an admin expects (several ids, confirmation, --dry-run) and `restore`,
//! over real HTTP against `serve`.

use serde_json::json;

use crate::harness::Sandbox;

fn writes(stats: &gh_store::serve::Stats) -> u64 {
    stats
        .routes
        .iter()
        .filter(|(route, _)| !route.starts_with("GET "))
        .map(|(_, n)| n)
        .sum()
}

#[test]
fn several_ids_are_archived_and_a_missing_one_does_not_stop_the_rest() {
    let s = Sandbox::github();
    for id in ["a", "b", "c"] {
        s.run(&["create", id, "{}"]).success();
    }
    let run = s.run(&["delete", "a", "nope", "b"]).code(3);
    assert!(run.stderr.contains("\"nope\" not found"), "{}", run.stderr);
    assert!(run.stderr.contains("archived \"a\"") && run.stderr.contains("archived \"b\""));
    assert!(run
        .stderr
        .lines()
        .last()
        .unwrap()
        .contains("1 of 3 objects not found: nope"));
    let left = s.run(&["list", "--jq", "[.[].object_id]"]).success().json();
    assert_eq!(left, json!(["c"]));
    s.run(&["delete", "c", "bad,id"]).code(2);
    s.run(&["get", "c"]).success();
}

#[test]
fn dry_run_names_the_issues_and_writes_nothing() {
    let s = Sandbox::github();
    s.run(&["create", "a", "{}"]).success();
    let (run, stats) = s.run_counted(&["delete", "a", "--dry-run"]);
    let run = run.success();
    assert!(
        run.stderr.contains("would archive \"a\" (issue #1)"),
        "{}",
        run.stderr
    );
    assert_eq!(writes(&stats), 0, "{:?}", stats.routes);
    s.run(&["get", "a"]).success();
    s.run(&["delete", "zzz", "--dry-run"]).code(3);
}

#[test]
fn a_terminal_is_asked_first_unless_yes() {
    let s = Sandbox::github();
    s.run(&["create", "a", "{}"]).success();
    let refused = s
        .run_on_terminal_typing(100, &["delete", "a"], "n\n")
        .code(1);
    assert!(
        refused.stdout.contains("Archive \"a\" in alice/store"),
        "{}",
        refused.stdout
    );
    assert!(refused.stdout.contains("? [y/N]"), "{}", refused.stdout);
    assert!(
        refused.stdout.contains("nothing was archived"),
        "{}",
        refused.stdout
    );
    s.run(&["get", "a"]).success();
    let accepted = s
        .run_on_terminal_typing(100, &["delete", "a"], "y\n")
        .success();
    assert!(
        accepted.stdout.contains("archived \"a\""),
        "{}",
        accepted.stdout
    );
    s.run(&["get", "a"]).code(3);
    s.run(&["create", "b", "{}"]).success();
    s.run_on_terminal(100, &["delete", "b", "--yes"]).success();
    s.run(&["get", "b"]).code(3);
}

#[test]
fn restore_brings_back_the_newest_archived_issue_with_its_data() {
    let s = Sandbox::github();
    s.run(&["create", "cfg", r#"{"v": 1}"#]).success();
    s.run(&["delete", "cfg"]).success();
    s.run(&["create", "cfg", r#"{"v": 2}"#]).success();
    s.run(&["update", "cfg", "--apply", r#"{"w": true}"#])
        .success();
    s.run(&["delete", "cfg"]).success();
    let restored = s.run(&["restore", "cfg"]).success();
    assert_eq!(restored.json()["data"], json!({"v": 2, "w": true}));
    assert!(
        restored.stderr.contains("issue #2") && restored.stderr.contains("#1"),
        "{}",
        restored.stderr
    );
    let got = s.run(&["get", "cfg"]).success().json();
    assert_eq!(
        (got["data"].clone(), got["version"].clone()),
        (json!({"v": 2, "w": true}), json!(2))
    );
    let again = s.run(&["restore", "cfg"]).code(6);
    assert!(
        again.stderr.contains("exists (issue #2)"),
        "{}",
        again.stderr
    );
    s.run(&["restore", "never"])
        .code(3)
        .error_mentions("no archived issue");
    let archived = s
        .run(&["list", "--archived", "--jq", "[.[].object_id]"])
        .success()
        .json();
    assert_eq!(archived, json!(["cfg"]), "the older issue stays archived");
}

#[test]
fn restore_needs_push_access() {
    let s = Sandbox::github();
    s.run(&["create", "cfg", "{}"]).success();
    s.run(&["delete", "cfg"]).success();
    s.run_as("carol", &["restore", "cfg"]).code(4);
    s.run(&["list", "--archived", "--jq", "length"]).success();
    s.run(&["get", "cfg"]).code(3);
}
