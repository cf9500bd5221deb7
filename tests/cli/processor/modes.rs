//! Update modes.

use gh_store::tracker::IssueState;
use serde_json::{json, Value};

use super::{
    comment, create, envelope, get, issue_of, post_raw, process, queue, COMMENTS, ISSUE, REACTIONS,
};
use crate::harness::{statuses, Sandbox};

#[test]
fn each_mode_applies_by_its_rules() {
    let s = Sandbox::github();
    create(
        &s,
        "m",
        r#"{"a": {"x": 1, "y": 2}, "keep": 1, "tags": ["t"], "n": 1}"#,
    );

    // append: the Python deep merge, null is stored.
    queue(&s, "m", &[], r#"{"a": {"y": 3}, "keep": null}"#);
    let (summary, _) = process(&s, "m");
    assert_eq!(
        (summary["applied"].clone(), summary["version"].clone()),
        (json!(1), json!(2))
    );
    let data = get(&s, "m")["data"].clone();
    assert_eq!(data["a"], json!({"x": 1, "y": 3}));
    assert!(data.as_object().unwrap().contains_key("keep"), "{data}");
    assert_eq!(data["keep"], Value::Null);

    // merge-patch: null deletes (nested too).
    queue(
        &s,
        "m",
        &["--mode", "merge-patch"],
        r#"{"keep": null, "a": {"x": null}}"#,
    );
    // json-patch: add to an array, remove, replace.
    queue(
        &s,
        "m",
        &["--mode", "json-patch"],
        r#"[{"op": "add", "path": "/tags/-", "value": "u"},
            {"op": "remove", "path": "/n"},
            {"op": "replace", "path": "/a/y", "value": 4}]"#,
    );
    // A json-patch whose `test` holds now (so the CLI posts it) but no longer holds when its
    // turn comes, because the update before it changed /a/y: a conflict.
    queue(
        &s,
        "m",
        &["--mode", "json-patch"],
        r#"[{"op": "test", "path": "/a/y", "value": 3}, {"op": "remove", "path": "/tags"}]"#,
    );
    let (summary, run) = process(&s, "m");
    assert_eq!(summary["applied"], 2, "{summary}");
    assert_eq!(summary["rejected"], 1, "{summary}");
    assert_eq!(summary["version"], 4);
    assert!(
        run.stderr.contains("json-patch test failed at /a/y"),
        "{}",
        run.stderr
    );
    let object = get(&s, "m");
    assert_eq!(object["version"], 4);
    assert_eq!(object["data"], json!({"a": {"y": 4}, "tags": ["t", "u"]}));

    // The CLI checks a json-patch `test` against the current state before posting: exit 6.
    s.remote().server.reset_stats();
    s.run(&[
        "update",
        "m",
        "--mode",
        "json-patch",
        r#"[{"op": "test", "path": "/a/y", "value": 99}]"#,
    ])
    .code(6)
    .error_mentions("/a/y");
    assert_eq!(s.remote().server.stats().route("POST", COMMENTS), 0);

    // replace: the whole document.
    queue(&s, "m", &["--mode", "replace"], r#"{"fresh": true}"#);
    let (summary, _) = process(&s, "m");
    assert_eq!(summary["version"], 5);
    assert_eq!(get(&s, "m")["data"], json!({"fresh": true}));

    assert_eq!(
        statuses(&s, "m"),
        ["initial", "applied", "applied", "applied", "rejected", "applied"]
    );
}

#[test]
fn unknown_mode_is_rejected_consumed_and_logged() {
    let s = Sandbox::github();
    let number = create(&s, "u", r#"{"a": 1}"#);
    let deep = post_raw(
        &s,
        "alice",
        number,
        &envelope(json!({"a": 2}), "deep", number, None),
    );
    let (summary, run) = process(&s, "u");
    assert_eq!(summary["applied"], 0);
    assert_eq!(summary["rejected"], 1);
    assert_eq!(summary["version"], 1);
    assert!(
        run.stderr
            .contains(&format!("rejected comment {deep} by alice"))
            && run.stderr.contains(r#"unknown update mode "deep""#),
        "{}",
        run.stderr
    );
    let object = get(&s, "u");
    assert_eq!(object["data"], json!({"a": 1}));
    let marks = comment(&s, number, deep).reactions;
    assert_eq!(
        (marks.plus_one, marks.minus_one),
        (1, 1),
        "consumed: 👍 and 👎"
    );
    assert_eq!(statuses(&s, "u"), ["initial", "rejected"]);
    let history = s.run(&["history", "u"]).success().json();
    assert_eq!(history[1]["mode"], "deep");
    assert_eq!(issue_of(&s, "u").state, IssueState::Closed);

    // Consumed, so never looked at again.
    s.remote().server.reset_stats();
    let (again, run) = process(&s, "u");
    assert_eq!(
        (again["applied"].clone(), again["rejected"].clone()),
        (json!(0), json!(0))
    );
    assert_eq!(run.stderr, "");
    let stats = s.remote().server.stats();
    assert_eq!(stats.route("POST", REACTIONS), 0, "{stats:?}");
    assert_eq!(stats.route("PATCH", ISSUE), 0, "{stats:?}");
}

#[test]
fn malformed_updates_are_rejected_never_stuck() {
    let s = Sandbox::github();
    let big = "x".repeat(40_000);
    let number = create(
        &s,
        "p",
        &json!({"a": 1, "list": [1], "big": big}).to_string(),
    );
    let raw = |body: &str| post_raw(&s, "alice", number, body);
    let bad = [
        // append needs an object (a poison pill for the Python processor)
        raw(&envelope(json!([1, 2]), "append", number, None)),
        // a legacy raw-JSON update that is not an object
        raw("42"),
        // replace with a non-object
        raw(&envelope(json!("text"), "replace", number, None)),
        // not an RFC 6902 document, and a patch that does not apply
        raw(&envelope(json!({"op": "add"}), "json-patch", number, None)),
        raw(&envelope(
            json!([{"op": "remove", "path": "/missing"}]),
            "json-patch",
            number,
            None,
        )),
        // the object would grow larger than GitHub keeps
        raw(&envelope(json!({"more": big}), "append", number, None)),
        // a condition that cannot be read is not ignored
        raw(&envelope(json!({"a": 9}), "append", number, None).replace(
            "\"issue_number\"",
            "\"if_version\": \"1\",\n    \"issue_number\"",
        )),
    ];
    let good = raw(&envelope(json!({"a": 2}), "append", number, None));
    let (summary, run) = process(&s, "p");
    assert_eq!(summary["applied"], 1, "{}", run.stderr);
    assert_eq!(summary["rejected"], bad.len(), "{}", run.stderr);
    assert_eq!(run.stderr.lines().count(), bad.len(), "{}", run.stderr);
    assert!(run.stderr.contains("65536"), "{}", run.stderr);
    assert!(run.stderr.contains("if_version"), "{}", run.stderr);
    assert_eq!(
        get(&s, "p")["data"],
        json!({"a": 2, "list": [1], "big": big})
    );
    for id in bad {
        let marks = comment(&s, number, id).reactions;
        assert_eq!((marks.plus_one, marks.minus_one), (1, 1), "comment {id}");
    }
    assert_eq!(comment(&s, number, good).reactions.minus_one, 0);
    assert_eq!(issue_of(&s, "p").state, IssueState::Closed);
}
