//! Aliases and deprecated duplicates, in the labels the Python and TypeScript clients write
//! and read, over HTTP against `serve`.

use gh_store::tracker::{IssuePatch, Tracker};
use serde_json::json;

use crate::harness::{duplicate_object, statuses, Sandbox};

/// Labels an issue `ALIAS-TO:<target>` as Python's `create_alias` and TypeScript's
/// `createAlias` do: the object's own labels kept, one added.
fn python_alias(s: &Sandbox, alias: &str, target: &str) {
    let remote = s.remote();
    let alice = remote.db.tracker(remote.repo_id, "alice").unwrap();
    let issue = &remote.issues_of(alias)[0];
    let mut labels: Vec<String> = issue.label_names().map(String::from).collect();
    labels.push(format!("ALIAS-TO:{target}"));
    let patch = IssuePatch {
        labels: Some(labels),
        ..IssuePatch::default()
    };
    alice.update_issue(issue.number, &patch, None).unwrap();
}

fn labels_of(s: &Sandbox, id: &str) -> Vec<Vec<String>> {
    s.remote()
        .issues_of(id)
        .iter()
        .map(|issue| {
            let mut names: Vec<String> = issue.label_names().map(String::from).collect();
            names.sort();
            names
        })
        .collect()
}

#[test]
fn an_alias_the_other_clients_made_acts_as_its_canonical_object() {
    let s = Sandbox::github();
    s.run(&["create", "cfg", r#"{"port":1}"#]).success();
    s.run(&["create", "settings", r#"{"own":true}"#]).success();
    python_alias(&s, "settings", "cfg");

    let got = s.run(&["get", "settings"]);
    let got = got.success();
    assert!(
        got.stderr.contains(r#""settings" is an alias of "cfg""#),
        "{}",
        got.stderr
    );
    assert_eq!(got.json()["object_id"], "cfg");
    assert_eq!(got.json()["data"], json!({"port": 1}));

    s.run(&["update", "settings", r#"{"port":2}"#]).success();
    s.run(&["process", "settings"]).success();
    assert_eq!(
        s.run(&["get", "cfg", "--data"]).success().json(),
        json!({"port": 2})
    );
    assert_eq!(statuses(&s, "settings"), ["initial", "applied"]);
    // The alias's own issue kept its body and got no comment.
    let alias_issue = &s.remote().issues_of("settings")[0];
    assert_eq!(s.remote().comments_on(alias_issue.number).len(), 1);

    let listed = s.run(&["list"]).success().json();
    let ids: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["object_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["cfg"]);
    let snapshot = s.run(&["snapshot"]).success().json();
    assert_eq!(
        snapshot["objects"]
            .as_object()
            .unwrap()
            .keys()
            .collect::<Vec<_>>(),
        ["cfg"]
    );
    assert_eq!(
        s.run(&["list", "--aliases"]).success().json(),
        json!([{"alias": "settings", "target": "cfg", "issue_number": alias_issue.number}])
    );
}

#[test]
fn alias_writes_what_the_other_clients_write_and_remove_undoes_it() {
    let s = Sandbox::github();
    s.run(&["create", "cfg", r#"{"a":1}"#]).success();
    s.run(&["create", "old", r#"{"b":2}"#]).success();
    let before = labels_of(&s, "old");
    s.run(&["alias", "old", "cfg"]).success();
    let mut expected = before[0].clone();
    expected.push("ALIAS-TO:cfg".into());
    expected.sort();
    assert_eq!(labels_of(&s, "old"), [expected]);

    let again = s.run(&["alias", "old", "cfg"]).code(6);
    assert!(
        again.stderr.contains("already an alias"),
        "{}",
        again.stderr
    );
    let cycle = s.run(&["alias", "cfg", "old"]).code(2);
    assert!(cycle.stderr.contains("cycle"), "{}", cycle.stderr);
    let missing = s.run(&["alias", "nope", "cfg"]).code(3);
    assert!(
        missing.stderr.contains("create it first"),
        "{}",
        missing.stderr
    );

    s.run(&["alias", "--remove", "old"]).success();
    assert_eq!(labels_of(&s, "old"), before);
    assert_eq!(
        s.run(&["get", "old", "--data"]).success().json(),
        json!({"b": 2})
    );
    s.run(&["alias", "--remove", "old"]).code(2);
}

#[test]
fn chains_are_followed_and_cycles_and_dangling_targets_are_errors() {
    let s = Sandbox::github();
    for id in ["a", "b", "c", "d", "e", "f", "g"] {
        s.run(&["create", id, &format!(r#"{{"id":"{id}"}}"#)])
            .success();
    }
    // a -> b -> c: followed to c.
    python_alias(&s, "a", "b");
    python_alias(&s, "b", "c");
    assert_eq!(
        s.run(&["get", "a", "--data"]).success().json(),
        json!({"id": "c"})
    );
    // c -> a closes a cycle, which only another client could write.
    python_alias(&s, "c", "a");
    let cycle = s.run(&["get", "a"]).code(1);
    assert!(
        cycle.stderr.contains("cycle: a -> b -> c -> a"),
        "{}",
        cycle.stderr
    );
    // d -> e -> f -> g -> missing: a dangling target.
    python_alias(&s, "d", "e");
    python_alias(&s, "e", "zz");
    let dangling = s.run(&["update", "d", r#"{"x":1}"#]).code(3);
    assert!(
        dangling
            .stderr
            .contains(r#""e" is an alias of "zz", which does not exist"#),
        "{}",
        dangling.stderr
    );
    // Nothing was posted anywhere.
    for id in ["d", "e"] {
        let issue = &s.remote().issues_of(id)[0];
        assert_eq!(s.remote().comments_on(issue.number).len(), 1, "{id}");
    }
}

#[test]
fn an_alias_chain_longer_than_five_is_refused() {
    let s = Sandbox::github();
    let ids = ["h0", "h1", "h2", "h3", "h4", "h5", "h6"];
    for id in ids {
        s.run(&["create", id, "{}"]).success();
    }
    for pair in ids.windows(2).take(5) {
        python_alias(&s, pair[0], pair[1]);
    }
    // Five hops: followed.
    assert_eq!(s.run(&["get", "h0"]).success().json()["object_id"], "h5");
    python_alias(&s, "h5", "h6");
    let long = s.run(&["get", "h0"]).code(1);
    assert!(long.stderr.contains("longer than 5"), "{}", long.stderr);
}

#[test]
fn dedupe_deprecates_younger_duplicates_as_the_python_tool_does() {
    let s = Sandbox::github();
    s.run(&["create", "dup", r#"{"n":1}"#]).success();
    let remote = s.remote();
    let alice = remote.db.tracker(remote.repo_id, "alice").unwrap();
    let copy = duplicate_object(&alice, "dup", r#"{"n":2}"#);
    s.run(&["create", "solo", "{}"]).success();
    let original = remote.issues_of("dup")[0].number;

    let report = s.run(&["dedupe"]).success();
    assert_eq!(
        report.json(),
        json!({"object_id": "dup", "canonical_issue": original, "deprecated": [copy.number]})
    );
    let deprecated = &remote.issues_of("dup")[1];
    let mut labels: Vec<&str> = deprecated.label_names().collect();
    labels.sort();
    assert_eq!(
        labels,
        [
            format!("DEPRECATED-BY:{original}").as_str(),
            "MERGED-INTO:dup",
            "UID:dup",
            "deprecated-object",
            "gh-store",
        ]
    );
    // Every reader now agrees on one object, without a duplicate warning.
    let got = s.run(&["get", "dup"]).success();
    assert_eq!(got.json()["data"], json!({"n": 1}));
    assert!(!got.stderr.contains("issues"), "{}", got.stderr);
    let archived = s.run(&["list", "--archived"]).success().json();
    assert_eq!(archived[0]["object_id"], "dup");
    assert_eq!(archived[0]["merged_into"], "dup");
    assert_eq!(archived[0]["data"], json!({"n": 2}));
    // Nothing left to do.
    let again = s.run(&["dedupe", "dup"]).success();
    assert_eq!(again.stdout, "");
    assert!(again.stderr.contains("no duplicates"), "{}", again.stderr);
}

/// The Python `CanonicalStore.update_object` and the TypeScript `updateObject` of an alias
/// comment on the alias's own issue and reopen it: the processor forwards those updates to
/// the canonical object (once, however often it runs) instead of folding them into the
/// alias's body, which no reader of the alias sees.
#[test]
fn updates_other_clients_post_on_an_alias_are_forwarded_once() {
    let s = Sandbox::github();
    s.run(&["create", "cfg", r#"{"port":1}"#]).success();
    s.run(&["create", "settings", r#"{"own":true}"#]).success();
    python_alias(&s, "settings", "cfg");
    let remote = s.remote();
    let alias_number = remote.issues_of("settings")[0].number;
    // What the Python client posts (plain append envelope), by the owner and by a stranger.
    let python_update = |login: &str, data: &str| {
        let tracker = remote.db.tracker(remote.repo_id, login).unwrap();
        let body = format!(
            "{{\n  \"_data\": {data},\n  \"_meta\": {{\n    \"client_version\": \"0.11.3\",\n    \"timestamp\": \"2025-04-14T04:20:01.654321+00:00\",\n    \"update_mode\": \"append\",\n    \"issue_number\": {alias_number}\n  }}\n}}"
        );
        tracker.create_comment(alias_number, &body).unwrap();
    };
    python_update("alice", r#"{"port":2}"#);
    python_update("carol", r#"{"evil":true}"#);
    let alice = remote.db.tracker(remote.repo_id, "alice").unwrap();
    let reopen = IssuePatch {
        state: Some(gh_store::tracker::IssueState::Open),
        ..IssuePatch::default()
    };
    alice.update_issue(alias_number, &reopen, None).unwrap();

    let pending = s.run(&["list", "--state", "pending", "--aliases"]);
    assert_ne!(pending.code, 0, "--aliases lists aliases only");
    let run = s.run(&["process", "--all"]).success();
    assert!(
        run.stderr.contains("1 update(s) on its issue"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("rejected"), "{}", run.stderr);
    assert_eq!(
        s.run(&["get", "cfg", "--data"]).success().json(),
        json!({"port": 2})
    );
    let alias_issue = &remote.issues_of("settings")[0];
    assert_eq!(alias_issue.state.as_str(), "closed");
    assert_eq!(alias_issue.body.as_deref(), Some("{\n  \"own\": true\n}"));
    // Run again, and again by id: nothing forwarded twice.
    s.run(&["process", "--all"]).success();
    s.run(&["process", "settings"]).success();
    let canonical = remote.issues_of("cfg")[0].number;
    assert_eq!(
        remote.comments_on(canonical).len(),
        2,
        "initial state + one forwarded"
    );
    assert_eq!(statuses(&s, "cfg"), ["initial", "applied"]);
}
