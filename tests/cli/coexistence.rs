//! Sharing a repository with the Python and TypeScript clients: numbers and key order as
//! written, and another processor's folds adopted rather than redone.

use gh_store::tracker::{IssuePatch, IssueState, ReactionContent, Tracker};

use crate::harness::{statuses, Sandbox};

#[test]
fn numbers_and_key_order_survive_create_get_update_and_process() {
    let s = Sandbox::github();
    let written = r#"{"zeta":1,"big":18446744073709551617,"neg":-9223372036854775809,"f":1.10,"alpha":{"y":1,"b":2}}"#;
    s.run(&["create", "n1", written]).success();
    let got = s.run(&["get", "n1", "--data"]).success();
    assert_eq!(got.stdout.trim(), written);
    s.run(&[
        "update",
        "n1",
        r#"{"alpha":{"c":3},"new":123456789012345678901234567890}"#,
    ])
    .success();
    s.run(&["process", "n1"]).success();
    let got = s.run(&["get", "n1", "--data"]).success();
    assert_eq!(
        got.stdout.trim(),
        r#"{"zeta":1,"big":18446744073709551617,"neg":-9223372036854775809,"f":1.10,"alpha":{"y":1,"b":2,"c":3},"new":123456789012345678901234567890}"#
    );
    let issue = &s.remote().issues_of("n1")[0];
    let body = issue.body.as_deref().unwrap();
    assert!(
        body.find("\"zeta\"").unwrap() < body.find("\"alpha\"").unwrap(),
        "{body}"
    );
    assert!(body.contains("18446744073709551617"), "{body}");
}

#[test]
fn a_fold_by_another_processor_is_adopted_not_reverted() {
    let s = Sandbox::github();
    s.run(&["create", "c1", r#"{"n":0}"#]).success();
    s.run(&["update", "c1", r#"{"n":1}"#]).success();
    s.run_as("bob", &["update", "c1", r#"{"n":50}"#]).success();
    // The Python processor (which lets collaborators write) folds it: new body, 👍, closed, and the
    // title, which it does not read, left as gh-store wrote it.
    let remote = s.remote();
    let alice = remote.db.tracker(remote.repo_id, "alice").unwrap();
    let issue = &remote.issues_of("c1")[0];
    for update in &remote.comments_on(issue.number)[1..] {
        alice
            .add_reaction(update.id, ReactionContent::PlusOne)
            .unwrap();
    }
    let patch = IssuePatch {
        body: Some(Some("{\n  \"n\": 50\n}".into())),
        state: Some(IssueState::Closed),
        ..IssuePatch::default()
    };
    alice.update_issue(issue.number, &patch, None).unwrap();
    let history = s.run(&["history", "c1"]).success().json();
    assert_eq!(
        history.as_array().unwrap().last().unwrap()["status"],
        "applied"
    );

    // gh-store's processor, under a policy that would reject bob, adopts the work instead
    // of re-folding from its checkpoint (which would apply n = 1 again, reject bob's n = 50,
    // and so revert a value every reader has seen).
    std::fs::write(
        s.path().join(".gh-store.yml"),
        "access:\n  associations: [OWNER]\n  codeowners: false\n",
    )
    .unwrap();
    s.run(&["update", "c1", r#"{"m":1}"#]).success();
    let report = s.run(&["process", "c1"]).success().json();
    assert_eq!(report["applied"], 1, "{report}");
    let got = s.run(&["get", "c1"]).success().json();
    assert_eq!(got["data"], serde_json::json!({"n": 50, "m": 1}));
    assert_eq!(
        got["version"], 4,
        "initial state + the two adopted updates + ours"
    );
    // Nothing more to do: the new checkpoint covers both.
    let again = s.run(&["process", "c1"]).success().json();
    assert_eq!(again["applied"], 0, "{again}");
    assert_eq!(
        statuses(&s, "c1"),
        ["initial", "applied", "applied", "applied"]
    );
}

/// The Python tool's `store.reactions.processed` is the mark both processors write and read:
/// with `heart`, an update the other processor marked ❤️ counts as applied, and what
/// gh-store applies gets ❤️, not 👍 (which the Python processor would not see).
#[test]
fn the_python_configs_processed_reaction_is_the_one_written_and_read() {
    let s = Sandbox::github();
    let config = s.path().join(".config/gh-store");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        config.join("config.yml"),
        "store:\n  reactions:\n    processed: heart\n    initial_state: eyes\n",
    )
    .unwrap();
    let shown = s.run(&["config", "--json"]).success().json();
    assert_eq!(shown["store.reactions.processed"]["value"], "heart");
    assert!(
        shown["store.reactions.processed"]["source"]
            .as_str()
            .unwrap()
            .starts_with("user file"),
        "{shown}"
    );

    s.run(&["create", "h1", r#"{"n":0}"#]).success();
    s.run(&["update", "h1", r#"{"n":1}"#]).success();
    // The other processor applies a second update and marks it with the configured reaction.
    s.run(&["update", "h1", r#"{"m":2}"#]).success();
    let remote = s.remote();
    let alice = remote.db.tracker(remote.repo_id, "alice").unwrap();
    let number = remote.issues_of("h1")[0].number;
    s.run(&["process", "h1"]).success();
    let comments = remote.comments_on(number);
    let reactions: Vec<(u64, u64, u64)> = comments
        .iter()
        .map(|c| (c.reactions.heart, c.reactions.eyes, c.reactions.plus_one))
        .collect();
    assert_eq!(reactions, [(1, 1, 0), (1, 0, 0), (1, 0, 0)]);

    let patch = IssuePatch {
        body: Some(Some("{\n  \"n\": 1,\n  \"m\": 2,\n  \"p\": 3\n}".into())),
        state: Some(IssueState::Closed),
        ..IssuePatch::default()
    };
    s.run(&["update", "h1", r#"{"p":3}"#]).success();
    let python_applied = remote.comments_on(number).last().unwrap().id;
    alice
        .add_reaction(python_applied, ReactionContent::Heart)
        .unwrap();
    alice.update_issue(number, &patch, None).unwrap();
    let report = s.run(&["process", "h1"]).success().json();
    assert_eq!(report["applied"], 0, "adopted, not applied again: {report}");
    let got = s.run(&["get", "h1"]).success().json();
    assert_eq!(got["data"], serde_json::json!({"n": 1, "m": 2, "p": 3}));
    assert_eq!(got["version"], 4);
    assert_eq!(
        statuses(&s, "h1"),
        ["initial", "applied", "applied", "applied"]
    );

    // gh-store's rejection marks cannot be the processed mark.
    std::fs::write(
        config.join("config.yml"),
        "store:\n  reactions:\n    processed: \"-1\"\n",
    )
    .unwrap();
    let refused = s.run(&["get", "h1"]).code(2);
    assert!(
        refused.stderr.contains("store.reactions.processed"),
        "{}",
        refused.stderr
    );
}
