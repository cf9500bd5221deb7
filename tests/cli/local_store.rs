//! Every command and every bad-input error, on a temporary embedded store and over HTTP
//! against `serve`: the same scenarios, the same expectations.

use std::os::unix::fs::{chown, MetadataExt, PermissionsExt};
use std::os::unix::process::CommandExt;
use std::path::Path;

use gh_store::tracker::local::{LocalDb, LocalTracker};
use gh_store::tracker::{IssueQuery, StateFilter, Tracker};
use serde_json::json;

use crate::github_api::one_line_error;
use crate::harness::{duplicate_object, run_command, Run, Sandbox};

/// Runs each scenario once per backend.
macro_rules! on_both_backends {
    ($($scenario:ident),* $(,)?) => {$(
        mod $scenario {
            #[test]
            fn local() {
                super::$scenario(&crate::harness::Sandbox::local());
            }

            #[test]
            fn github() {
                super::$scenario(&crate::harness::Sandbox::github());
            }
        }
    )*};
}

on_both_backends!(
    create_update_get_round_trip,
    piped_output_is_compact_and_stdin_is_read,
    list_history_delete,
    process_applies_queued_updates_once,
    bad_json_is_a_usage_error_with_position,
    invalid_ids_are_usage_errors,
    existing_ids_and_case_clashes_conflict,
    oversized_bodies_are_rejected_and_nothing_written,
    missing_objects_are_not_found,
    usage_errors_exit_2,
    broken_pipe_is_not_an_error,
    two_processes_updating_one_object_lose_nothing,
    changes_of_the_wrong_shape_are_usage_errors,
    delete_archives_every_duplicate,
);

/// A tracker acting as alice on the sandbox's store, for what commands cannot set up.
fn tracker_of(s: &Sandbox) -> LocalTracker {
    match &s.remote {
        Some(remote) => remote.db.tracker(remote.repo_id, "alice").unwrap(),
        None => {
            let db = LocalDb::open(&s.path().join("store.db")).unwrap();
            let repo = db
                .default_repository()
                .unwrap()
                .expect("a store made by a command");
            db.tracker(repo.id, "alice").unwrap()
        }
    }
}

fn create_update_get_round_trip(s: &Sandbox) {
    let created = s
        .run(&["create", "cfg", r#"{"port": 8080, "nested": {"a": 1}}"#])
        .success()
        .json();
    assert_eq!(created["object_id"], "cfg");
    assert_eq!(created["version"], 1);
    assert_eq!(created["data"], json!({"port": 8080, "nested": {"a": 1}}));
    for key in ["created_at", "updated_at"] {
        assert!(created[key].as_str().unwrap().ends_with('Z'), "{created}");
    }

    // Applied at once (the default on the local store), the new object is printed.
    let updated = s
        .run(&[
            "update",
            "cfg",
            "--apply",
            r#"{"nested": {"b": 2}, "debug": true}"#,
        ])
        .success()
        .json();
    assert_eq!(updated["version"], 2);
    assert_eq!(
        updated["data"],
        json!({"port": 8080, "nested": {"a": 1, "b": 2}, "debug": true})
    );

    let got = s.run(&["get", "cfg"]).success().json();
    assert_eq!(got, updated);
    let keys: Vec<&String> = got.as_object().unwrap().keys().collect();
    // The order the README documents.
    assert_eq!(
        keys,
        ["object_id", "created_at", "updated_at", "version", "data"]
    );
    assert_eq!(
        s.run(&["get", "cfg", "--data"]).success().json()["port"],
        8080
    );
}

fn piped_output_is_compact_and_stdin_is_read(s: &Sandbox) {
    let out = s
        .run_with_stdin(&["create", "a", "-"], r#"{"x": [1, 2]}"#)
        .success();
    assert_eq!(
        out.stdout.lines().count(),
        1,
        "compact when piped: {}",
        out.stdout
    );
    // No argument and a piped stdin: read it.
    s.run_with_stdin(&["update", "a", "--apply"], r#"{"y": 1}"#)
        .success();
    std::fs::write(s.path().join("change.json"), r#"{"z": true}"#).unwrap();
    s.run(&["update", "a", "--apply", "@change.json"]).success();
    let data = s.run(&["get", "a", "--data"]).success().json();
    assert_eq!(data, json!({"x": [1, 2], "y": 1, "z": true}));
}

fn list_history_delete(s: &Sandbox) {
    for id in ["b", "a", "c"] {
        s.run(&["create", id, &format!(r#"{{"id": "{id}"}}"#)])
            .success();
    }
    let listed = s.run(&["list"]).success().json();
    let ids: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["object_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["b", "a", "c"], "oldest first");
    let lines = s.run(&["list", "--ndjson"]).success().lines();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[1]["data"], json!({"id": "a"}));

    s.run(&["update", "a", "--apply", r#"{"n": 1}"#]).success();
    s.run(&["update", "a", "--queue", r#"{"n": 2}"#]).success();
    let history = s.run(&["history", "a"]).success().json();
    let statuses: Vec<&str> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["initial", "applied", "pending"]);
    assert_eq!(history[0]["data"], json!({"id": "a"}));
    assert_eq!(history[1]["author"], "alice");
    assert_eq!(history[2]["mode"], "append");

    s.run(&["delete", "a"]).success();
    s.run(&["get", "a"]).code(3).error_mentions("deleted");
    s.run(&["update", "a", "{}"]).code(3);
    let remaining = s.run(&["list"]).success().json();
    assert_eq!(remaining.as_array().unwrap().len(), 2);
    let archived = s.run(&["list", "--archived"]).success().json();
    assert_eq!(archived[0]["object_id"], "a");
}

fn process_applies_queued_updates_once(s: &Sandbox) {
    s.run(&["create", "q", r#"{"n": 0}"#]).success();
    for n in 1..=3 {
        s.run(&[
            "update",
            "q",
            "--queue",
            &format!(r#"{{"n": {n}, "k{n}": true}}"#),
        ])
        .success();
    }
    let pending = s.run(&["list", "--state", "pending"]).success().json();
    assert_eq!(pending.as_array().unwrap().len(), 1);
    let report = s.run(&["process", "q"]).success().lines();
    assert_eq!(report[0]["applied"], 3);
    assert_eq!(report[0]["version"], 4);
    let again = s.run(&["process", "--all"]).success();
    assert_eq!(again.stdout, "", "nothing is pending any more");
    let again = s.run(&["process", "q"]).success().lines();
    assert_eq!(again[0]["applied"], 0);
    let got = s.run(&["get", "q"]).success().json();
    assert_eq!(got["version"], 4);
    assert_eq!(
        got["data"],
        json!({"n": 3, "k1": true, "k2": true, "k3": true})
    );
}

fn bad_json_is_a_usage_error_with_position(s: &Sandbox) {
    s.run(&["create", "x", "{\n  \"a\": 1,\n  oops\n}"])
        .code(2)
        .error_mentions("line 3, column 3");
    s.run(&["create", "x", "[1, 2]"])
        .code(2)
        .error_mentions("JSON object");
    s.run(&["create", "x", "42"])
        .code(2)
        .error_mentions("JSON object");
    s.run(&["create", "x", "@missing.json"])
        .code(2)
        .error_mentions("missing.json");
    assert_eq!(
        s.run(&["list"]).success().json(),
        json!([]),
        "nothing written"
    );
}

fn invalid_ids_are_usage_errors(s: &Sandbox) {
    let long = "x".repeat(47);
    for bad in ["", "a,b", " padded", "tab\there", long.as_str()] {
        s.run(&["create", bad, "{}"])
            .code(2)
            .error_mentions("invalid object id");
        s.run(&["get", bad]).code(2);
    }
    assert_eq!(s.run(&["list"]).success().json(), json!([]));
}

fn existing_ids_and_case_clashes_conflict(s: &Sandbox) {
    s.run(&["create", "Team", "{}"]).success();
    s.run(&["create", "Team", "{}"])
        .code(6)
        .error_mentions(r#"object "Team" already exists"#);
    s.run(&["create", "team", "{}"])
        .code(6)
        .error_mentions(r#"object id "team" clashes with the existing id "Team""#);
    assert_eq!(
        s.run(&["list"]).success().json().as_array().unwrap().len(),
        1
    );
    s.run(&["get", "team"]).code(3);
}

fn oversized_bodies_are_rejected_and_nothing_written(s: &Sandbox) {
    let big = format!(r#"{{"blob": "{}"}}"#, "x".repeat(70_000));
    s.run(&["create", "big", &big])
        .code(5)
        .error_mentions("65536");
    s.run(&["get", "big"]).code(3);
    s.run(&["create", "small", "{}"]).success();
    s.run(&["update", "small", &big]).code(5);
    let history = s.run(&["history", "small"]).success().json();
    assert_eq!(
        history.as_array().unwrap().len(),
        1,
        "no update comment was posted"
    );
}

fn missing_objects_are_not_found(s: &Sandbox) {
    s.run(&["get", "nope"]).code(3).error_mentions("not found");
    s.run(&["update", "nope", "{}"]).code(3);
    s.run(&["history", "nope"]).code(3);
    s.run(&["delete", "nope"]).code(3);
    s.run(&["process", "nope"]).code(3);
}

fn usage_errors_exit_2(s: &Sandbox) {
    let run = s.run(&["get", "x", "--frobnicate"]).code(2);
    assert!(run.stderr.contains("--frobnicate"), "{}", run.stderr);
    s.run(&["frobnicate"]).code(2);
    s.run(&["update", "x", "--mode", "deep", "{}"]).code(2);
    assert!(s.run(&["--help"]).success().stdout.contains("Exit codes"));
    assert!(s
        .run(&["--version"])
        .success()
        .stdout
        .starts_with("gh-store "));
}

#[test]
fn unopenable_store_paths_are_reported() {
    let mut s = Sandbox::local();
    s.args.clear();
    let run = s
        .run(&["--local", "/nonexistent/dir/store.db", "list"])
        .code(2);
    assert!(
        run.stderr.contains("/nonexistent/dir/store.db"),
        "{}",
        run.stderr
    );
    std::fs::write(
        s.path().join("not-a-db"),
        "this is not SQLite, just text, long enough to have a header",
    )
    .unwrap();
    s.run(&["--local", "not-a-db", "list"]).code(2);
}

#[test]
fn malformed_config_names_file_and_line() {
    let s = Sandbox::local();
    std::fs::write(s.path().join(".gh-store.yml"), "user: bob\napply: [oops\n").unwrap();
    let run = s.run(&["list"]).code(2);
    assert!(run.stderr.contains(".gh-store.yml"), "{}", run.stderr);
    assert!(run.stderr.contains("line"), "{}", run.stderr);
    let missing = s.run(&["--config", "nowhere.yml", "list"]).code(2);
    assert!(missing.stderr.contains("nowhere.yml"), "{}", missing.stderr);
}

#[test]
fn config_shows_where_values_come_from() {
    let mut s = Sandbox::local();
    std::fs::write(
        s.path().join(".gh-store.yml"),
        "user: carol\nunknown_key: 1\n",
    )
    .unwrap();
    s.extra_env.push(("GH_STORE_MAX_WAIT".into(), "90s".into()));
    s.extra_env
        .push(("GH_TOKEN".into(), "secret-token-value".into()));
    let run = s.run(&["config", "--json"]).success();
    assert!(run.stderr.contains("unknown_key"), "{}", run.stderr);
    assert!(!run.stdout.contains("secret-token-value"));
    let config = run.json();
    assert_eq!(config["user"]["value"], "carol");
    assert!(config["user"]["source"]
        .as_str()
        .unwrap()
        .starts_with("project file"));
    assert_eq!(config["max_wait"]["source"], "env GH_STORE_MAX_WAIT");
    assert_eq!(config["local"]["source"], "flag --local");
    assert_eq!(config["token"]["source"], "env GH_TOKEN");
    assert_eq!(config["backend"]["value"], "local");
}

fn broken_pipe_is_not_an_error(s: &Sandbox) {
    // More than a pipe buffer (64 KiB) of output, so that writes fail once head exits.
    let padding = ".".repeat(1000);
    for i in 0..120 {
        s.run(&[
            "create",
            &format!("o{i}"),
            &format!(r#"{{"padding": "{padding}"}}"#),
        ])
        .success();
    }
    let command = s.command(&["list", "--ndjson"]);
    let mut shell = std::process::Command::new("bash");
    shell
        .arg("-c")
        .arg(format!(
            "set -o pipefail; {} | head -1 >/dev/null",
            shell_words(&command)
        ))
        .env_clear()
        .current_dir(s.path());
    for (key, value) in command.get_envs() {
        if let Some(value) = value {
            shell.env(key, value);
        }
    }
    let status = shell.status().unwrap();
    assert!(status.success(), "gh-store list | head -1 must exit 0");
}

fn shell_words(command: &std::process::Command) -> String {
    let quote = |s: &std::ffi::OsStr| format!("'{}'", s.to_string_lossy().replace('\'', r"'\''"));
    std::iter::once(quote(command.get_program()))
        .chain(command.get_args().map(quote))
        .collect::<Vec<_>>()
        .join(" ")
}

fn two_processes_updating_one_object_lose_nothing(s: &Sandbox) {
    s.run(&["create", "counter", "{}"]).success();
    let rounds = 8;
    let spawn = |writer: &'static str| {
        let commands: Vec<std::process::Command> = (0..rounds)
            .map(|i| {
                s.command(&[
                    "update",
                    "counter",
                    "--apply",
                    &format!(r#"{{"{writer}{i}": {i}}}"#),
                ])
            })
            .collect();
        std::thread::spawn(move || {
            for mut command in commands {
                let out = command.output().unwrap();
                assert!(
                    out.status.success(),
                    "{}",
                    String::from_utf8_lossy(&out.stderr)
                );
            }
        })
    };
    let (a, b) = (spawn("a"), spawn("b"));
    a.join().unwrap();
    b.join().unwrap();
    s.run(&["process", "counter"]).success();
    let object = s.run(&["get", "counter"]).success().json();
    let data = object["data"].as_object().unwrap();
    assert_eq!(data.len(), 2 * rounds, "every update is in: {data:?}");
    assert_eq!(
        object["version"],
        1 + 2 * rounds as u64,
        "none applied twice"
    );
    let history = s.run(&["history", "counter"]).success().json();
    let applied = history
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["status"] == "applied")
        .count();
    assert_eq!(applied, 2 * rounds);
}

fn changes_of_the_wrong_shape_are_usage_errors(s: &Sandbox) {
    s.run(&["create", "w", r#"{"a": 1}"#]).success();
    for (mode, change, needle) in [
        ("append", "[1]", "not an array"),
        ("merge-patch", "null", "not null"),
        ("replace", "42", "not a number"),
        ("json-patch", r#"{"op": "add"}"#, "RFC 6902"),
        (
            "json-patch",
            r#"[{"op": "replace", "path": "", "value": [1]}]"#,
            "whole document",
        ),
    ] {
        let run = s
            .run(&["update", "w", "--mode", mode, change])
            .code(2)
            .error_mentions(needle);
        assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    }
    // Whatever the store holds, such a change is wrong: told before any lookup.
    s.run(&["update", "missing", "[1]"]).code(2);
    // A change that fits its mode but not the state is rejected, as schemas and limits are.
    s.run(&[
        "update",
        "w",
        "--mode",
        "json-patch",
        r#"[{"op": "remove", "path": "/missing"}]"#,
    ])
    .code(5);
    let history = s.run(&["history", "w"]).success().json();
    assert_eq!(history.as_array().unwrap().len(), 1, "nothing was posted");
}

/// Two creates that raced leave two live issues for one id: `delete` archives both, or the
/// id would come back with the other copy's data.
fn delete_archives_every_duplicate(s: &Sandbox) {
    s.run(&["create", "dup", r#"{"from": "first"}"#]).success();
    let tracker = tracker_of(s);
    let copy = duplicate_object(&tracker, "dup", r#"{"from": "second"}"#);
    let run = s.run(&["delete", "dup"]).success();
    let warning = run
        .stderr
        .lines()
        .find(|l| l.starts_with("warning:"))
        .unwrap_or_else(|| panic!("no warning: {}", run.stderr));
    assert!(
        warning.contains(&format!("#{}", copy.number)) && warning.contains("all"),
        "{}",
        run.stderr
    );
    s.run(&["get", "dup"]).code(3).error_mentions("deleted");
    assert_eq!(s.run(&["list"]).success().json(), json!([]));
    let query = IssueQuery {
        labels: vec!["UID:dup".into()],
        state: StateFilter::All,
        ..IssueQuery::default()
    };
    let issues = tracker.list_issues(&query, None).unwrap().items;
    assert_eq!(issues.len(), 2);
    assert!(issues.iter().all(|i| i.has_label("archived")), "{issues:?}");
}

#[test]
fn invalid_acting_users_are_usage_errors() {
    let s = Sandbox::local();
    one_line_error(&s.run(&["--as", "", "list"]).code(2).error_mentions("--as"));
    s.run(&["--as", "two words", "create", "x", "{}"])
        .code(2)
        .error_mentions("--as");
    let mut from_env = Sandbox::local();
    from_env
        .extra_env
        .push(("GH_STORE_USER".into(), "a/b".into()));
    from_env
        .run(&["list"])
        .code(2)
        .error_mentions("GH_STORE_USER");
    assert_eq!(
        s.run(&["list"]).success().json(),
        json!([]),
        "nothing written"
    );
}

#[test]
fn another_applications_sqlite_file_is_refused_and_left_untouched() {
    let mut s = Sandbox::local();
    s.args.clear();
    let path = s.path().join("other.db");
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch("CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('mine');")
        .unwrap();
    drop(conn);
    let run = s
        .run(&["--local", "other.db", "list"])
        .code(2)
        .error_mentions("other.db")
        .error_mentions("not a gh-store store");
    one_line_error(&run);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master")
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(tables, ["notes"]);
    let journal: String = conn
        .query_row("PRAGMA journal_mode", [], |row| row.get(0))
        .unwrap();
    assert_eq!(journal, "delete", "not switched to WAL");
}

/// The tests may run as root (in a container), whom file permissions do not bind: then the
/// binary runs as `nobody`, and what it may write is given to it.
const NOBODY: u32 = 65534;

fn running_as_root() -> bool {
    // A new file belongs to the effective user.
    let probe = tempfile::tempfile().unwrap();
    probe.metadata().unwrap().uid() == 0
}

fn give_to_reader(path: &Path) {
    if running_as_root() {
        chown(path, Some(NOBODY), Some(NOBODY)).unwrap();
    }
}

fn set_mode(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// Runs as a user whom file permissions bind.
fn run_bound(s: &Sandbox, args: &[&str]) -> Run {
    let mut command = s.command(args);
    if running_as_root() {
        command.uid(NOBODY).gid(NOBODY);
    }
    run_command(command, "")
}

/// Reading commands work on a store the user may not write; writing ones say why they fail.
fn read_only_store_is_readable(s: &Sandbox) {
    let got = run_bound(s, &["get", "cfg"]).success().json();
    assert_eq!(
        (got["version"].clone(), got["data"].clone()),
        (json!(2), json!({"a": 1, "b": 2}))
    );
    assert_eq!(
        run_bound(s, &["list"])
            .success()
            .json()
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        run_bound(s, &["history", "cfg"])
            .success()
            .json()
            .as_array()
            .unwrap()
            .len(),
        2
    );
    assert!(run_bound(s, &["snapshot"]).success().json()["objects"]["cfg"].is_object());
    for write in [
        &["create", "new", "{}"][..],
        &["update", "cfg", r#"{"c": 3}"#],
        &["delete", "cfg"],
    ] {
        let run = run_bound(s, write).code(2).error_mentions("is read-only");
        one_line_error(&run);
    }
    assert_eq!(
        run_bound(s, &["get", "cfg", "--data"]).success().json(),
        json!({"a": 1, "b": 2})
    );
}

#[test]
fn a_read_only_store_file_can_be_read() {
    let s = Sandbox::local();
    s.run(&["create", "cfg", r#"{"a": 1}"#]).success();
    s.run(&["update", "cfg", r#"{"b": 2}"#]).success();
    give_to_reader(s.path());
    set_mode(&s.path().join("store.db"), 0o444);
    read_only_store_is_readable(&s);
}

#[test]
fn a_store_in_a_read_only_directory_can_be_read() {
    let mut s = Sandbox::local();
    let dir = s.path().join("ro");
    std::fs::create_dir(&dir).unwrap();
    let store = dir.join("store.db");
    s.args = vec!["--local".into(), store.display().to_string()];
    s.run(&["create", "cfg", r#"{"a": 1}"#]).success();
    s.run(&["update", "cfg", r#"{"b": 2}"#]).success();
    give_to_reader(s.path());
    give_to_reader(&store);
    set_mode(&dir, 0o555);
    read_only_store_is_readable(&s);
    set_mode(&dir, 0o755); // so that the sandbox can be removed
}

/// The local store models GitHub: without push access (bob and carol hold no role here)
/// writes are refused; the local store knows before writing, so a create leaves nothing,
/// and the hint names what would work there (the owner, or a role), not `--as` in general.
#[test]
fn writes_without_push_access_exit_4_on_the_local_store() {
    let s = Sandbox::local();
    s.run(&["create", "good", r#"{"v": 1}"#]).success();
    let run = s
        .run_as("bob", &["create", "b1", "{}"])
        .code(4)
        .error_mentions("push access");
    one_line_error(&run);
    assert!(
        run.stderr.contains("--as alice") && run.stderr.contains("--collaborator bob"),
        "{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains("--as LOGIN acts as one"),
        "{}",
        run.stderr
    );
    s.run(&["get", "b1"]).code(3);
    let issues = tracker_of(&s)
        .list_issues(
            &IssueQuery {
                state: StateFilter::All,
                ..IssueQuery::default()
            },
            None,
        )
        .unwrap()
        .items;
    assert_eq!(issues.len(), 1, "nothing half-written: {issues:?}");

    s.run_as("carol", &["delete", "good"])
        .code(4)
        .error_mentions("push access");
    assert_eq!(
        s.run(&["get", "good", "--data"]).success().json(),
        json!({"v": 1})
    );
}

/// On the local store updates apply at once: `--wait` has nothing to wait for.
#[test]
fn update_wait_on_the_local_store_applies_at_once() {
    let s = Sandbox::local();
    s.run(&["create", "cfg", r#"{"a": 1}"#]).success();
    let started = std::time::Instant::now();
    let run = s
        .run(&["update", "cfg", "--wait=20s", r#"{"b": 2}"#])
        .success();
    assert!(
        started.elapsed() < std::time::Duration::from_secs(10),
        "waited {:?}",
        started.elapsed()
    );
    assert_eq!(run.json()["data"], json!({"a": 1, "b": 2}));
    assert_eq!(run.json()["version"], json!(2));
}

/// Inside a clone of a GitHub repository with no store configured, the personal local store
/// is still used (a project's issues are not written to by surprise), and one line says so
/// and how to use the clone's repository; `config` shows the clone. A store chosen says nothing.
#[test]
fn a_clone_of_a_github_repository_is_named_not_written_to() {
    let mut s = Sandbox::local();
    std::fs::create_dir_all(s.path().join(".git")).unwrap();
    std::fs::write(
        s.path().join(".git/config"),
        "[remote \"origin\"]\n\turl = https://github.com/octo/data.git\n",
    )
    .unwrap();
    let chosen = s.run(&["list"]).success();
    assert_eq!(chosen.stderr, "", "--local given");
    s.args.clear();
    let run = s.run(&["create", "cfg", "{}"]).success();
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(
        run.stderr.starts_with("note: using the local store ")
            && run.stderr.contains("pass -R octo/data"),
        "{}",
        run.stderr
    );
    let config = s.run(&["config", "--json"]).success().json();
    assert_eq!(config["clone"]["value"], "octo/data");
    assert_eq!(config["backend"]["value"], "local");
    assert_eq!(s.run(&["-q", "get", "cfg"]).success().stderr, "");
}
