//! Objects written by the Python tool.

use gh_store::tracker::local::LocalTracker;
use gh_store::tracker::{Comment, IssuePatch, IssueState, NewIssue, ReactionContent, Tracker};
use serde_json::{json, Value};

use super::{comment, envelope, get, issue_of, process, queue};
use crate::harness::{statuses, Sandbox};

/// `json.dumps(data, indent=2)`.
fn python_body(data: &Value) -> String {
    serde_json::to_string_pretty(data).unwrap()
}

/// An object as gh-store 0.11.3 leaves it: no checkpoint in the title.
pub(super) fn python_object(s: &Sandbox, id: &str, data: &Value) -> (LocalTracker, u64) {
    let alice = s.remote().tracker_as("alice");
    let issue = alice
        .create_issue(&NewIssue {
            title: format!("Stored Object: {id}"),
            body: Some(python_body(data)),
            labels: vec![
                "gh-store".into(),
                "stored-object".into(),
                format!("UID:{id}"),
            ],
        })
        .unwrap();
    (alice, issue.number)
}

/// The Python client's `initial_state` comment, marked 👍 as its processor leaves it.
pub(super) fn python_initial_state(t: &LocalTracker, number: u64, data: Value) -> Comment {
    let initial = t
        .create_comment(
            number,
            &serde_json::to_string_pretty(&json!({
                "_data": data,
                "_meta": {"client_version": "0.11.3", "timestamp": "2025-04-14T04:18:36.123456+00:00",
                          "update_mode": "append", "issue_number": number},
                "type": "initial_state"
            }))
            .unwrap(),
        )
        .unwrap();
    t.add_reaction(initial.id, ReactionContent::PlusOne)
        .unwrap();
    initial
}

pub(super) fn set_state(t: &LocalTracker, number: u64, state: IssueState, body: Option<&Value>) {
    t.update_issue(
        number,
        &IssuePatch {
            state: Some(state),
            body: body.map(|data| Some(python_body(data))),
            ..IssuePatch::default()
        },
        None,
    )
    .unwrap();
}

#[test]
fn python_object_is_processed_from_its_marks_then_checkpointed() {
    let s = Sandbox::github();
    let (alice, number) = python_object(&s, "py", &json!({"name": "x", "count": 1}));
    let initial = python_initial_state(&alice, number, json!({"name": "x", "count": 1}));
    alice
        .add_reaction(initial.id, ReactionContent::Rocket)
        .unwrap();
    set_state(&alice, number, IssueState::Closed, None);
    // An update the Python processor already applied (body updated, 👍).
    let done = alice
        .create_comment(
            number,
            &envelope(json!({"count": 2}), "append", number, None),
        )
        .unwrap();
    alice
        .add_reaction(done.id, ReactionContent::PlusOne)
        .unwrap();
    set_state(
        &alice,
        number,
        IssueState::Closed,
        Some(&json!({"name": "x", "count": 2})),
    );
    // A pending one, TS style (`Z` milliseconds timestamp); the issue reopened.
    let pending = alice
        .create_comment(
            number,
            &serde_json::to_string_pretty(&json!({
                "_data": {"count": 3, "extra": [1]},
                "_meta": {"client_version": "0.11.1", "timestamp": "2025-04-14T04:20:01.654Z",
                          "update_mode": "append", "issue_number": number}
            }))
            .unwrap(),
        )
        .unwrap();
    set_state(&alice, number, IssueState::Open, None);
    assert_eq!(statuses(&s, "py"), ["initial", "applied", "pending"]);

    let (summary, _) = process(&s, "py");
    assert_eq!(
        (summary["applied"].clone(), summary["version"].clone()),
        (json!(1), json!(3))
    );
    let object = get(&s, "py");
    assert_eq!(object["version"], 3);
    assert_eq!(
        object["data"],
        json!({"name": "x", "count": 3, "extra": [1]})
    );
    let issue = issue_of(&s, "py");
    // Version 3, consumed through the last comment, the three comments counted, and the
    // fingerprint of the body written.
    let expected = format!("Stored Object: py [v3@{}#3~", pending.id);
    assert!(issue.title.starts_with(&expected), "{}", issue.title);
    assert_eq!(issue.state, IssueState::Closed);
    assert_eq!(comment(&s, number, pending.id).reactions.plus_one, 1);
    assert_eq!(
        comment(&s, number, done.id).reactions.plus_one,
        1,
        "not re-marked"
    );
    assert_eq!(statuses(&s, "py"), ["initial", "applied", "applied"]);

    // From now on the checkpoint decides; a second run does nothing.
    let (again, _) = process(&s, "py");
    assert_eq!(
        (again["applied"].clone(), again["version"].clone()),
        (json!(0), json!(3))
    );
    queue(&s, "py", &[], r#"{"count": 4}"#);
    let (next, _) = process(&s, "py");
    assert_eq!(next["version"], 4);
    assert_eq!(get(&s, "py")["data"]["count"], 4);
}

#[test]
fn legacy_comment_forms_are_read() {
    let s = Sandbox::github();
    let (alice, number) = python_object(&s, "old", &json!({"a": 1}));
    // The 0.4–0.5 initial state, recognised by its shape even without a 👍.
    alice
        .create_comment(
            number,
            r#"{"type": "initial_state", "data": {"a": 1}, "timestamp": "2024-01-01T00:00:00"}"#,
        )
        .unwrap();
    // A raw-JSON update already applied, and one pending.
    let done = alice.create_comment(number, r#"{"b": 2}"#).unwrap();
    alice
        .add_reaction(done.id, ReactionContent::PlusOne)
        .unwrap();
    alice.create_comment(number, "Looks good to me!").unwrap();
    let raw = alice
        .create_comment(number, "{\r\n  \"c\": {\"d\": 3}\r\n}")
        .unwrap();
    set_state(
        &alice,
        number,
        IssueState::Open,
        Some(&json!({"a": 1, "b": 2})),
    );

    let (summary, _) = process(&s, "old");
    assert_eq!(
        (summary["applied"].clone(), summary["rejected"].clone()),
        (json!(1), json!(0))
    );
    assert_eq!(summary["version"], 3);
    assert_eq!(
        get(&s, "old")["data"],
        json!({"a": 1, "b": 2, "c": {"d": 3}})
    );
    let title = issue_of(&s, "old").title;
    let expected = format!("Stored Object: old [v3@{}#4~", raw.id);
    assert!(title.starts_with(&expected), "{title}");
    assert_eq!(
        statuses(&s, "old"),
        ["initial", "applied", "ignored", "applied"]
    );
}
