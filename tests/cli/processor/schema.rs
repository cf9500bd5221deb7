//! JSON Schema.

use serde_json::json;

use super::{
    comment, create, envelope, get, issue_of, post_raw, process, queue, write, COMMENTS, ISSUE,
    ISSUES, PORT_SCHEMA, REACTIONS,
};
use crate::harness::{statuses, Sandbox};

#[test]
fn schema_is_checked_at_create_update_and_process() {
    let s = Sandbox::github();
    write(&s, "port.json", PORT_SCHEMA);

    s.remote().server.reset_stats();
    let run = s
        .run(&["--schema", "port.json", "create", "svc", r#"{"port": "x"}"#])
        .code(5);
    assert_eq!(
        run.stderr.lines().next().unwrap(),
        r#"error: /port: "x" is not of type "integer""#
    );
    let stats = s.remote().server.stats();
    assert_eq!(stats.route("POST", ISSUES), 0, "nothing written: {stats:?}");
    s.run(&["get", "svc"]).code(3);

    let number = {
        s.run(&["--schema", "port.json", "create", "svc", r#"{"port": 80}"#])
            .success();
        issue_of(&s, "svc").number
    };
    let before = s.remote().comments_on(number).len();
    s.remote().server.reset_stats();
    s.run(&["--schema", "port.json", "update", "svc", r#"{"port": "x"}"#])
        .code(5)
        .error_mentions(r#"/port: "x" is not of type "integer""#);
    // The change is applied to the current state before validation: deleting a required key
    // is caught too.
    s.run(&[
        "--schema",
        "port.json",
        "update",
        "svc",
        "--mode",
        "merge-patch",
        r#"{"port": null}"#,
    ])
    .code(5)
    .error_mentions("port");
    assert_eq!(s.remote().server.stats().route("POST", COMMENTS), 0);
    assert_eq!(
        s.remote().comments_on(number).len(),
        before,
        "nothing posted"
    );

    // An update that bypasses the CLI and breaks the schema is rejected by the processor.
    let bad = post_raw(
        &s,
        "alice",
        number,
        &envelope(json!({"port": "y"}), "append", number, None),
    );
    let good = post_raw(
        &s,
        "alice",
        number,
        &envelope(json!({"port": 81}), "append", number, None),
    );
    let run = s
        .run(&["--schema", "port.json", "process", "svc"])
        .success();
    let summary = &run.lines()[0];
    assert_eq!(
        (summary["applied"].clone(), summary["rejected"].clone()),
        (json!(1), json!(1))
    );
    assert!(
        run.stderr.contains(&format!("rejected comment {bad}"))
            && run
                .stderr
                .contains(r#"/port: "y" is not of type "integer""#),
        "{}",
        run.stderr
    );
    assert_eq!(get(&s, "svc")["data"], json!({"port": 81}), "still valid");
    assert_eq!(comment(&s, number, good).reactions.minus_one, 0);
    assert_eq!(statuses(&s, "svc"), ["initial", "rejected", "applied"]);
}

#[test]
fn schema_from_config_with_relative_path_and_ref() {
    let s = Sandbox::github();
    write(
        &s,
        ".gh-store.yml",
        "schemas:\n  \"cfg-*\": schemas/cfg.json\n",
    );
    write(
        &s,
        "schemas/cfg.json",
        r#"{"type": "object", "properties": {"port": {"$ref": "defs.json#/$defs/port"}}}"#,
    );
    write(
        &s,
        "schemas/defs.json",
        r#"{"$defs": {"port": {"type": "integer", "minimum": 1}}}"#,
    );
    // Run from a subdirectory: the config is found upward, its paths are relative to it.
    std::fs::create_dir_all(s.path().join("deep/er")).unwrap();
    let in_subdir = |args: &[&str]| {
        let mut command = s.command(args);
        command.current_dir(s.path().join("deep/er"));
        crate::harness::run_command(command, "")
    };
    in_subdir(&["create", "cfg-a", r#"{"port": 0}"#])
        .code(5)
        .error_mentions("/port: 0 is less than the minimum of 1");
    in_subdir(&["create", "cfg-a", r#"{"port": 8080}"#]).success();
    in_subdir(&["update", "cfg-a", r#"{"port": "x"}"#])
        .code(5)
        .error_mentions(r#"/port: "x" is not of type "integer""#);
    // Other ids have no schema.
    in_subdir(&["create", "other", r#"{"port": "x"}"#]).success();

    let number = issue_of(&s, "cfg-a").number;
    post_raw(
        &s,
        "alice",
        number,
        &envelope(json!({"port": -1}), "append", number, None),
    );
    let run = in_subdir(&["process", "cfg-a"]).success();
    assert_eq!(run.lines()[0]["rejected"], 1);
    assert_eq!(get(&s, "cfg-a")["data"], json!({"port": 8080}));
}

#[test]
fn invalid_schema_is_a_usage_error_naming_its_file() {
    let s = Sandbox::github();
    write(&s, "bad.json", r#"{"type": "nonsense"}"#);
    write(
        &s,
        "remote.json",
        r#"{"$ref": "https://example.com/schema.json"}"#,
    );
    s.remote().server.reset_stats();
    s.run(&["--schema", "bad.json", "create", "o", "{}"])
        .code(2)
        .error_mentions("bad.json");
    s.run(&["--schema", "remote.json", "create", "o", "{}"])
        .code(2)
        .error_mentions("remote.json");
    s.run(&["--schema", "missing.json", "create", "o", "{}"])
        .code(2)
        .error_mentions("missing.json");
    assert_eq!(s.remote().server.stats().route("POST", ISSUES), 0);

    // The processor must not reject good updates because the schema is broken: it stops
    // (exit 2) and leaves them pending.
    let number = create(&s, "o", r#"{"a": 1}"#);
    let pending = queue(&s, "o", &[], r#"{"a": 2}"#);
    s.remote().server.reset_stats();
    s.run(&["--schema", "bad.json", "process", "o"])
        .code(2)
        .error_mentions("bad.json");
    let stats = s.remote().server.stats();
    assert_eq!(stats.route("POST", REACTIONS), 0, "{stats:?}");
    assert_eq!(stats.route("PATCH", ISSUE), 0, "{stats:?}");
    assert_eq!(comment(&s, number, pending).reactions.total_count, 0);
    assert_eq!(statuses(&s, "o"), ["initial", "pending"]);
    process(&s, "o");
    assert_eq!(get(&s, "o")["data"], json!({"a": 2}));
}
