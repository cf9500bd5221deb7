//! Access policy.

use gh_store::tracker::{ReactionContent, Tracker};
use serde_json::{json, Value};

use super::{
    comment, create, envelope, get, issue_of, post_raw, process, queue, write, CONTENTS, ISSUE,
    REACTIONS,
};
use crate::harness::{statuses, Sandbox};

#[test]
fn unauthorised_update_is_consumed_once_and_not_rescanned() {
    let s = Sandbox::github();
    let number = create(&s, "acl", r#"{"v": 1}"#);
    let carols = post_raw(
        &s,
        "carol",
        number,
        &envelope(json!({"v": 666}), "append", number, None),
    );
    let (summary, run) = process(&s, "acl");
    assert_eq!(
        (summary["applied"].clone(), summary["rejected"].clone()),
        (json!(0), json!(1))
    );
    assert!(
        run.stderr
            .contains(&format!("rejected comment {carols} by carol"))
            && run.stderr.contains("carol (NONE) is not allowed"),
        "{}",
        run.stderr
    );
    assert_eq!(get(&s, "acl")["data"], json!({"v": 1}));
    let marks = comment(&s, number, carols).reactions;
    assert_eq!((marks.plus_one, marks.minus_one), (1, 1));
    assert_eq!(statuses(&s, "acl"), ["initial", "rejected"]);

    s.remote().server.reset_stats();
    process(&s, "acl");
    s.run(&["process", "--all"]).success();
    let stats = s.remote().server.stats();
    assert_eq!(
        stats.route("POST", REACTIONS),
        0,
        "not rescanned: {stats:?}"
    );
    assert_eq!(
        stats.route("GET", CONTENTS),
        0,
        "no CODEOWNERS look-up: {stats:?}"
    );
    assert_eq!(stats.route("PATCH", ISSUE), 0, "{stats:?}");
}

#[test]
fn a_strangers_thumbs_up_does_not_suppress_an_update() {
    let s = Sandbox::github();
    let number = create(&s, "t", r#"{"v": 1}"#);
    let pending = queue(&s, "t", &[], r#"{"v": 2}"#);
    s.remote()
        .tracker_as("carol")
        .add_reaction(pending, ReactionContent::PlusOne)
        .unwrap();
    let (summary, _) = process(&s, "t");
    assert_eq!(summary["applied"], 1);
    assert_eq!(get(&s, "t")["data"], json!({"v": 2}));
    assert_eq!(comment(&s, number, pending).reactions.plus_one, 2);
}

#[test]
fn codeowners_allow_list_and_associations() {
    let s = Sandbox::github();
    let a = create(&s, "a", r#"{"v": 0}"#);
    let b = create(&s, "b", r#"{"v": 0}"#);
    let post = |login: &str, number: u64, v: u64| {
        post_raw(
            &s,
            login,
            number,
            &envelope(json!({ login: v }), "append", number, None),
        )
    };

    // CODEOWNERS lists carol: her updates pass. Fetched once per run, even over two objects.
    s.remote()
        .db
        .put_file(
            s.remote().repo_id,
            ".github/CODEOWNERS",
            b"# owners\n* @alice @carol\n",
        )
        .unwrap();
    post("carol", a, 1);
    post("carol", a, 2);
    post("carol", b, 1);
    s.remote().server.reset_stats();
    let run = s.run(&["process", "--all"]).success();
    let lines = run.lines();
    assert_eq!(lines.len(), 2, "{}", run.stdout);
    assert!(lines.iter().all(|l| l["rejected"] == 0), "{}", run.stdout);
    assert_eq!(get(&s, "a")["data"], json!({"v": 0, "carol": 2}));
    assert_eq!(get(&s, "b")["data"], json!({"v": 0, "carol": 1}));
    let stats = s.remote().server.stats();
    assert_eq!(
        stats.route("GET", CONTENTS),
        1,
        "CODEOWNERS once per run: {stats:?}"
    );

    // Carol removed from CODEOWNERS: her next updates are rejected.
    s.remote()
        .db
        .put_file(s.remote().repo_id, ".github/CODEOWNERS", b"* @alice\n")
        .unwrap();
    post("carol", a, 3);
    post("carol", b, 3);
    s.remote().server.reset_stats();
    let run = s.run(&["process", "--all"]).success();
    assert!(
        run.lines().iter().all(|l| l["rejected"] == 1),
        "{}",
        run.stdout
    );
    assert_eq!(s.remote().server.stats().route("GET", CONTENTS), 1);

    // An explicit allow list, CODEOWNERS off: no look-up at all.
    write(
        &s,
        ".gh-store.yml",
        "access:\n  codeowners: false\n  allow: [carol]\n",
    );
    post("carol", a, 4);
    s.remote().server.reset_stats();
    let (summary, _) = process(&s, "a");
    assert_eq!(summary["applied"], 1);
    assert_eq!(s.remote().server.stats().route("GET", CONTENTS), 0);

    // Only the owner: bob, a collaborator, no longer passes.
    write(
        &s,
        ".gh-store.yml",
        "access:\n  associations: [OWNER]\n  codeowners: false\n",
    );
    let bobs = post("bob", a, 1);
    let alices = post("alice", a, 5);
    let (summary, run) = process(&s, "a");
    assert_eq!(
        (summary["applied"].clone(), summary["rejected"].clone()),
        (json!(1), json!(1))
    );
    assert!(
        run.stderr.contains("bob (COLLABORATOR) is not allowed"),
        "{}",
        run.stderr
    );
    assert_eq!(comment(&s, a, bobs).reactions.minus_one, 1);
    assert_eq!(comment(&s, a, alices).reactions.minus_one, 0);
    assert_eq!(
        get(&s, "a")["data"],
        json!({"v": 0, "carol": 4, "alice": 5})
    );
}

#[test]
fn without_codeowners_each_path_is_tried_once_per_run() {
    let s = Sandbox::github();
    let a = create(&s, "a", "{}");
    let b = create(&s, "b", "{}");
    for number in [a, a, b] {
        post_raw(
            &s,
            "carol",
            number,
            &envelope(json!({"by": "carol"}), "append", number, None),
        );
    }
    s.remote().server.reset_stats();
    let run = s.run(&["process", "--all"]).success();
    let rejected: Vec<Value> = run.lines().iter().map(|l| l["rejected"].clone()).collect();
    assert_eq!(rejected, [json!(2), json!(1)]);
    let stats = s.remote().server.stats();
    assert_eq!(stats.route("GET", CONTENTS), 3, "{stats:?}");
}

#[test]
fn codeowners_teams_are_expanded() {
    let s = Sandbox::github();
    let number = create(&s, "team", "{}");
    let remote = s.remote();
    remote
        .db
        .add_team_member("acme", "writers", "carol")
        .unwrap();
    remote
        .db
        .put_file(remote.repo_id, "docs/CODEOWNERS", b"/data/ @acme/writers\n")
        .unwrap();
    post_raw(
        &s,
        "carol",
        number,
        &envelope(json!({"by": "carol"}), "append", number, None),
    );
    s.remote().server.reset_stats();
    let (summary, run) = process(&s, "team");
    assert_eq!(summary["applied"], 1, "{}", run.stderr);
    let stats = s.remote().server.stats();
    assert_eq!(
        stats.route("GET", CONTENTS),
        3,
        "GitHub's order, docs/ last: {stats:?}"
    );
}

#[test]
fn object_created_by_an_unauthorised_user_is_not_processed() {
    let s = Sandbox::github();
    // bob may write to the repository (a collaborator) but the policy admits only the owner.
    write(
        &s,
        ".gh-store.yml",
        "access:\n  associations: [OWNER]\n  codeowners: false\n",
    );
    s.run_as("bob", &["create", "evil", r#"{"v": 1}"#])
        .success();
    let number = issue_of(&s, "evil").number;
    let pending = post_raw(
        &s,
        "alice",
        number,
        &envelope(json!({"v": 2}), "append", number, None),
    );
    s.remote().server.reset_stats();
    s.run(&["process", "evil"])
        .code(4)
        .error_mentions("not created by an allowed author");
    s.run(&["process", "--issue", &number.to_string()]).code(4);
    let stats = s.remote().server.stats();
    assert_eq!(stats.route("POST", REACTIONS), 0, "{stats:?}");
    assert_eq!(stats.route("PATCH", ISSUE), 0, "{stats:?}");
    assert_eq!(comment(&s, number, pending).reactions.total_count, 0);
    let object = get(&s, "evil");
    assert_eq!(
        (object["version"].clone(), object["data"].clone()),
        (json!(1), json!({"v": 1}))
    );

    // `process --all` skips it with a warning, not a failure (a scheduled sweep would fail
    // every time), and still processes the other objects.
    create(&s, "good", r#"{"v": 1}"#);
    queue(&s, "good", &[], r#"{"v": 2}"#);
    let run = s.run(&["process", "--all"]).success();
    assert!(
        run.stderr.contains(&format!(
            "issue #{number}: skipped, not created by an allowed author"
        )),
        "{}",
        run.stderr
    );
    let lines = run.lines();
    assert_eq!(lines.len(), 1, "{}", run.stdout);
    assert_eq!(lines[0]["object_id"], "good");
    assert_eq!(lines[0]["applied"], 1);
    assert_eq!(get(&s, "good")["data"], json!({"v": 2}));
}
