//! `--json FIELDS`, `--jq EXPR` and `--color always`: the output vocabulary shared by
//! `get`, `list`, `history`, `watch` and `config`, over real HTTP against `serve`.

use serde_json::json;

use crate::harness::{strip_ansi, Sandbox};

#[test]
fn jq_filters_without_jq_installed_and_strings_print_raw() {
    let s = Sandbox::github();
    s.run(&["create", "cfg", r#"{"port": 8080, "host": "db.internal"}"#])
        .success();
    assert_eq!(
        s.run(&["get", "cfg", "--jq", ".data.port"])
            .success()
            .stdout,
        "8080\n"
    );
    assert_eq!(
        s.run(&["get", "cfg", "--jq", ".data.host"])
            .success()
            .stdout,
        "db.internal\n",
        "strings raw, as gh --jq prints them"
    );
    let with_data = s.run(&["get", "cfg", "--data", "--jq", "keys"]).success();
    assert_eq!(with_data.json(), json!(["host", "port"]));
    let several = s
        .run(&["get", "cfg", "--jq", ".data.port, .version"])
        .success();
    assert_eq!(several.stdout, "8080\n1\n");
}

#[test]
fn json_fields_keep_the_order_asked_for() {
    let s = Sandbox::github();
    s.run(&["create", "cfg", r#"{"port": 1}"#]).success();
    let got = s
        .run(&["get", "cfg", "--json", "version,object_id"])
        .success();
    assert_eq!(got.stdout, "{\"version\":1,\"object_id\":\"cfg\"}\n");
    let both = s
        .run(&["get", "cfg", "--json", "data", "--jq", ".data.port"])
        .success();
    assert_eq!(both.stdout, "1\n");
}

#[test]
fn list_filters_the_whole_array_and_ndjson_each_line() {
    let s = Sandbox::github();
    for (id, n) in [("a", 1), ("b", 2), ("c", 3)] {
        s.run(&["create", id, &format!(r#"{{"n": {n}}}"#)])
            .success();
    }
    let big = s
        .run(&[
            "list",
            "--jq",
            "[.[] | select(.data.n > 1) | .object_id] | sort",
        ])
        .success();
    assert_eq!(big.json(), json!(["b", "c"]));
    let count = s.run(&["list", "--jq", "length"]).success();
    assert_eq!(count.stdout, "3\n");
    let lines = s
        .run(&["list", "--ndjson", "--json", "object_id,version"])
        .success()
        .lines();
    assert_eq!(lines.len(), 3);
    for line in &lines {
        let keys: Vec<&String> = line.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["object_id", "version"], "{line}");
    }
    let ids = s
        .run(&["list", "--ndjson", "--jq", ".object_id"])
        .success()
        .stdout;
    let mut ids: Vec<&str> = ids.lines().collect();
    ids.sort();
    assert_eq!(ids, ["a", "b", "c"]);
}

#[test]
fn history_watch_and_config_take_the_same_flags() {
    let s = Sandbox::github();
    s.run(&["create", "cfg", r#"{"n": 1}"#]).success();
    s.run(&["update", "cfg", r#"{"n": 2}"#]).success();
    let statuses = s.run(&["history", "cfg", "--jq", "map(.status)"]).success();
    assert_eq!(
        statuses.json().as_array().unwrap().len(),
        2,
        "{}",
        statuses.stdout
    );
    let watched = s
        .run(&[
            "watch",
            "cfg",
            "--initial",
            "--count",
            "1",
            "--jq",
            ".data.n",
        ])
        .success();
    assert_eq!(watched.stdout, "1\n", "the update is still queued");
    let source = s.run(&["config", "--jq", ".repo.source"]).success();
    assert!(!source.stdout.trim().is_empty() && !source.stdout.starts_with('"'));
}

#[test]
fn bad_fields_and_expressions_are_usage_errors_before_any_request() {
    let s = Sandbox::github();
    s.run(&["create", "cfg", r#"{"n": 1}"#]).success();
    let (unknown, stats) = s.run_counted(&["get", "cfg", "--json", "version,colour"]);
    let unknown = unknown
        .code(2)
        .error_mentions("unknown --json field \"colour\"");
    assert!(
        unknown.stderr.contains("object_id"),
        "lists what exists: {}",
        unknown.stderr
    );
    assert_eq!(stats.total, 0, "refused before asking GitHub");
    s.run(&["get", "cfg", "--jq", ".data | ("])
        .code(2)
        .error_mentions("--jq");
    s.run(&["get", "cfg", "--data", "--json", "version"])
        .code(2);
    s.run(&["list", "--format", "table", "--jq", "."])
        .code(2)
        .error_mentions("--format table");
    let runtime = s
        .run(&["get", "cfg", "--jq", ".data.n | error(\"no\")"])
        .code(1);
    assert!(runtime.stdout.is_empty(), "{}", runtime.stdout);
}

#[test]
fn color_always_colours_json_in_a_pipe_as_jq_c_does() {
    let s = Sandbox::github();
    s.run(&["create", "x", r#"{"a": [1, "two"]}"#]).success();
    let coloured = s.run(&["--color", "always", "get", "x"]).success();
    assert!(coloured.stdout.contains('\u{1b}'), "{}", coloured.stdout);
    assert_eq!(coloured.stdout.lines().count(), 1, "still one compact line");
    let plain = s.run(&["get", "x"]).success();
    assert!(!plain.stdout.contains('\u{1b}'), "none unless asked");
    let stripped: String = strip_ansi(&coloured.stdout);
    assert_eq!(stripped, plain.stdout);
}
