//! Every command and every bad-input error, on a temporary embedded store and over HTTP
//! against `serve`: the same scenarios, the same expectations.

use serde_json::json;

use crate::harness::Sandbox;

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
);

fn create_update_get_round_trip(s: &Sandbox) {
    let created = s
        .run(&["create", "cfg", r#"{"port": 8080, "nested": {"a": 1}}"#])
        .ok()
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
        .ok()
        .json();
    assert_eq!(updated["version"], 2);
    assert_eq!(
        updated["data"],
        json!({"port": 8080, "nested": {"a": 1, "b": 2}, "debug": true})
    );

    let got = s.run(&["get", "cfg"]).ok().json();
    assert_eq!(got, updated);
    let keys: Vec<&String> = got.as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        ["created_at", "data", "object_id", "updated_at", "version"]
    );
    assert_eq!(s.run(&["get", "cfg", "--data"]).ok().json()["port"], 8080);
}

fn piped_output_is_compact_and_stdin_is_read(s: &Sandbox) {
    let out = s
        .run_with_stdin(&["create", "a", "-"], r#"{"x": [1, 2]}"#)
        .ok();
    assert_eq!(
        out.stdout.lines().count(),
        1,
        "compact when piped: {}",
        out.stdout
    );
    // No argument and a piped stdin: read it.
    s.run_with_stdin(&["update", "a", "--apply"], r#"{"y": 1}"#)
        .ok();
    std::fs::write(s.path().join("change.json"), r#"{"z": true}"#).unwrap();
    s.run(&["update", "a", "--apply", "@change.json"]).ok();
    let data = s.run(&["get", "a", "--data"]).ok().json();
    assert_eq!(data, json!({"x": [1, 2], "y": 1, "z": true}));
}

fn list_history_delete(s: &Sandbox) {
    for id in ["b", "a", "c"] {
        s.run(&["create", id, &format!(r#"{{"id": "{id}"}}"#)]).ok();
    }
    let listed = s.run(&["list"]).ok().json();
    let ids: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["object_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["b", "a", "c"], "oldest first");
    let lines = s.run(&["list", "--ndjson"]).ok().lines();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[1]["data"], json!({"id": "a"}));

    s.run(&["update", "a", "--apply", r#"{"n": 1}"#]).ok();
    s.run(&["update", "a", "--queue", r#"{"n": 2}"#]).ok();
    let history = s.run(&["history", "a"]).ok().json();
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

    s.run(&["delete", "a"]).ok();
    s.run(&["get", "a"]).code(3).error_mentions("deleted");
    s.run(&["update", "a", "{}"]).code(3);
    let remaining = s.run(&["list"]).ok().json();
    assert_eq!(remaining.as_array().unwrap().len(), 2);
    let archived = s.run(&["list", "--archived"]).ok().json();
    assert_eq!(archived[0]["object_id"], "a");
}

fn process_applies_queued_updates_once(s: &Sandbox) {
    s.run(&["create", "q", r#"{"n": 0}"#]).ok();
    for n in 1..=3 {
        s.run(&[
            "update",
            "q",
            "--queue",
            &format!(r#"{{"n": {n}, "k{n}": true}}"#),
        ])
        .ok();
    }
    let pending = s.run(&["list", "--state", "pending"]).ok().json();
    assert_eq!(pending.as_array().unwrap().len(), 1);
    let report = s.run(&["process", "q"]).ok().lines();
    assert_eq!(report[0]["applied"], 3);
    assert_eq!(report[0]["version"], 4);
    let again = s.run(&["process", "--all"]).ok();
    assert_eq!(again.stdout, "", "nothing is pending any more");
    let again = s.run(&["process", "q"]).ok().lines();
    assert_eq!(again[0]["applied"], 0);
    let got = s.run(&["get", "q"]).ok().json();
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
    assert_eq!(s.run(&["list"]).ok().json(), json!([]), "nothing written");
}

fn invalid_ids_are_usage_errors(s: &Sandbox) {
    let long = "x".repeat(47);
    for bad in ["", "a,b", " padded", "tab\there", long.as_str()] {
        s.run(&["create", bad, "{}"])
            .code(2)
            .error_mentions("invalid object id");
        s.run(&["get", bad]).code(2);
    }
    assert_eq!(s.run(&["list"]).ok().json(), json!([]));
}

fn existing_ids_and_case_clashes_conflict(s: &Sandbox) {
    s.run(&["create", "Team", "{}"]).ok();
    s.run(&["create", "Team", "{}"])
        .code(6)
        .error_mentions("already exists");
    s.run(&["create", "team", "{}"])
        .code(6)
        .error_mentions("clashes");
    assert_eq!(s.run(&["list"]).ok().json().as_array().unwrap().len(), 1);
    s.run(&["get", "team"]).code(3);
}

fn oversized_bodies_are_rejected_and_nothing_written(s: &Sandbox) {
    let big = format!(r#"{{"blob": "{}"}}"#, "x".repeat(70_000));
    s.run(&["create", "big", &big])
        .code(5)
        .error_mentions("65536");
    s.run(&["get", "big"]).code(3);
    s.run(&["create", "small", "{}"]).ok();
    s.run(&["update", "small", &big]).code(5);
    let history = s.run(&["history", "small"]).ok().json();
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
    assert!(s.run(&["--help"]).ok().stdout.contains("Exit codes"));
    assert!(s.run(&["--version"]).ok().stdout.starts_with("gh-store "));
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
    let run = s.run(&["config", "--json"]).ok();
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
        .ok();
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
    s.run(&["create", "counter", "{}"]).ok();
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
    s.run(&["process", "counter"]).ok();
    let object = s.run(&["get", "counter"]).ok().json();
    let data = object["data"].as_object().unwrap();
    assert_eq!(data.len(), 2 * rounds, "every update is in: {data:?}");
    assert_eq!(
        object["version"],
        1 + 2 * rounds as u64,
        "none applied twice"
    );
    let history = s.run(&["history", "counter"]).ok().json();
    let applied = history
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["status"] == "applied")
        .count();
    assert_eq!(applied, 2 * rounds);
}
