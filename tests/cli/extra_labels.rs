//! `--label` on create and update: the Python client's extra labels, found by `list
//! --label`, on GitHub in the requests a create makes anyway.

use serde_json::Value;

use crate::harness::Sandbox;

fn ids(s: &Sandbox, label: &str) -> Vec<String> {
    let listed: Value = s.run(&["list", "--label", label]).success().json();
    listed
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["object_id"].as_str().unwrap().to_string())
        .collect()
}

fn labels_of(s: &Sandbox, id: &str) -> Vec<String> {
    let issues = s.remote().issues_of(id);
    assert_eq!(issues.len(), 1, "{issues:?}");
    let mut names: Vec<String> = issues[0].labels.iter().map(|l| l.name.clone()).collect();
    names.sort();
    names
}

#[test]
fn labels_given_on_create_and_update_are_on_the_issue_and_listed() {
    for (s, on_github) in [(Sandbox::local(), false), (Sandbox::github(), true)] {
        s.run(&[
            "create", "web", "--label", "team:web", "--label", "tier 1", "{}",
        ])
        .success();
        s.run(&["create", "ops", "{}"]).success();
        assert_eq!(ids(&s, "team:web"), ["web"]);
        s.run(&[
            "update",
            "ops",
            "--apply",
            "--label",
            "team:web",
            r#"{"a": 1}"#,
        ])
        .success();
        s.run(&["update", "web", "--apply", "--label", "prod", r#"{"a": 1}"#])
            .success();
        assert_eq!(ids(&s, "team:web"), ["web", "ops"]);
        assert_eq!(ids(&s, "prod"), ["web"]);
        if on_github {
            assert_eq!(
                labels_of(&s, "web"),
                [
                    "UID:web",
                    "gh-store",
                    "prod",
                    "stored-object",
                    "team:web",
                    "tier 1"
                ]
            );
        }
    }
}

#[test]
fn labels_with_a_meaning_are_refused_before_anything_is_written() {
    let s = Sandbox::github();
    for label in ["archived", "UID:other", "ALIAS-TO:x", "a,b", " padded"] {
        s.run(&["create", "x", "--label", label, "{}"])
            .code(2)
            .error_mentions("invalid label");
    }
    assert!(s.remote().all_issues().is_empty());
    s.run(&["create", "x", "{}"]).success();
    s.run(&["update", "x", "--label", "stored-object", r#"{"a": 1}"#])
        .code(2)
        .error_mentions("invalid label");
    assert_eq!(
        s.remote().issues_of("x")[0].state,
        gh_store::tracker::IssueState::Closed
    );
}
