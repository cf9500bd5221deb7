//! Error classes: exit codes, one-line messages, nothing half-written.

use gh_store::serve::{BodyFormat, Fault, Trigger};
use gh_store::tracker::IssueState;
use serde_json::json;

use super::{api_get, inject, one_line_error, only_issue, status, COMMENTS, ISSUES};
use crate::harness::{Sandbox, REPO};

#[test]
fn a_bad_token_exits_4_and_is_never_printed() {
    let mut s = Sandbox::github();
    s.run(&["create", "a", "{}"]).success();
    let secret = "ghp_not-a-valid-token-0123456789";
    s.extra_env = vec![("GH_TOKEN".into(), secret.into())];
    for args in [
        &["get", "a"][..],
        &["-v", "get", "a"],
        &["-v", "create", "b", "{}"],
        &["-v", "update", "a", "{}"],
        &["list"],
    ] {
        let run = s.run(args).code(4);
        one_line_error(&run);
        // A write says what it left: `object "b" was not created: authentication failed…`.
        assert!(
            run.stderr.lines().any(|line| line.starts_with("error: ")
                && line.contains("authentication failed: Bad credentials")),
            "{}",
            run.stderr
        );
        assert!(
            run.stderr.contains("hint: ") && run.stderr.contains("GH_TOKEN"),
            "{}",
            run.stderr
        );
        assert!(
            !run.stdout.contains(secret) && !run.stderr.contains(secret),
            "{args:?}"
        );
        if args[0] == "-v" {
            assert!(
                run.stderr.contains("gh-store: GET /repos/alice/store/"),
                "{}",
                run.stderr
            );
        }
    }
    // The hint names the variable the token came from, here the one GHES prefers.
    s.extra_env = vec![
        ("GH_ENTERPRISE_TOKEN".into(), secret.into()),
        ("GH_TOKEN".into(), "alice-token".into()),
    ];
    let run = s.run(&["get", "a"]).code(4);
    assert!(
        run.stderr
            .contains("hint: the token came from env GH_ENTERPRISE_TOKEN"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains(secret));

    // A good token is not logged either.
    s.extra_env = vec![("GH_TOKEN".into(), "alice-token".into())];
    let run = s.run(&["-v", "get", "a"]).success();
    assert!(!run.stderr.contains("alice-token"), "{}", run.stderr);
    assert_eq!(s.remote().all_issues().len(), 1, "nothing written");

    // No token at all: reads of a public repository work, writes need one.
    s.extra_env.clear();
    s.run(&["get", "a"]).success();
    let run = s
        .run(&["update", "a", "{}"])
        .code(4)
        .error_mentions("Requires authentication");
    assert!(run.stderr.contains("GH_TOKEN"), "{}", run.stderr);
    assert_eq!(s.remote().comments_on(1).len(), 1);
}

#[test]
fn refused_writes_exit_4_and_write_nothing() {
    let s = Sandbox::github();
    s.run(&["create", "a", "{}"]).success();
    inject(&s, "POST", COMMENTS, status(403, BodyFormat::Json));
    let run = s
        .run(&["update", "a", "{}"])
        .code(4)
        .error_mentions("Resource not accessible");
    one_line_error(&run);
    assert!(run.stderr.contains("hint: "), "{}", run.stderr);
    inject(&s, "POST", COMMENTS, status(403, BodyFormat::Html));
    one_line_error(&s.run(&["update", "a", "{}"]).code(4));
    assert_eq!(s.remote().comments_on(1).len(), 1, "no update posted");
    assert_eq!(
        only_issue(&s, "a").state,
        IssueState::Closed,
        "not reopened"
    );
}

#[test]
fn writes_without_push_access_exit_4_and_leave_no_object() {
    let s = Sandbox::github();
    // bob, a collaborator, may write like the owner.
    s.run_as("bob", &["create", "by-bob", r#"{"b": 1}"#])
        .success();
    assert_eq!(
        s.run(&["get", "by-bob", "--data"]).success().json(),
        json!({"b": 1})
    );

    // carol has no push access: GitHub drops her labels and still answers 201.
    let run = s
        .run_as("carol", &["create", "by-carol", "{}"])
        .code(4)
        .error_mentions("push access");
    one_line_error(&run);
    s.run(&["get", "by-carol"]).code(3);
    let strays: Vec<_> = s
        .remote()
        .all_issues()
        .into_iter()
        .filter(|i| i.title.contains("by-carol"))
        .collect();
    assert_eq!(strays.len(), 1);
    assert!(strays[0].labels.is_empty());
    assert_eq!(
        strays[0].state,
        IssueState::Closed,
        "no loose end left open"
    );

    // Her delete cannot relabel the object: refused, and the object is still there.
    s.run_as("carol", &["delete", "by-bob"])
        .code(4)
        .error_mentions("push access");
    s.run(&["get", "by-bob"]).success();
}

/// An update on a stable object reopens its issue for the processor, which carol (who may
/// comment) may not do: rather than leave an update nobody will process, it is withdrawn.
#[test]
fn updates_that_cannot_reopen_their_issue_are_withdrawn_on_both_backends() {
    for (s, forbidden) in [
        (
            Sandbox::github(),
            "Resource not accessible by personal access token",
        ),
        (
            Sandbox::local(),
            "only the author of issue #1 and users with push access may edit it",
        ),
    ] {
        s.run(&["create", "w", r#"{"v": 1}"#]).success();
        for how in ["--queue", "--apply"] {
            let run = s
                .run_as("carol", &["update", "w", how, r#"{"v": 2}"#])
                .code(4)
                .error_mentions("push access");
            one_line_error(&run);
            let first = run.stderr.lines().next().unwrap();
            assert!(
                first.contains(forbidden) && first.contains("the update was withdrawn"),
                "{first}"
            );
        }
        let history = s.run(&["history", "w"]).success().lines();
        assert_eq!(history.len(), 1, "only the initial state: {history:?}");
        let object = s.run(&["get", "w"]).success().json();
        assert_eq!(
            (&object["data"], &object["version"]),
            (&json!({"v": 1}), &json!(1))
        );
        let pending = s.run(&["list", "--state", "pending"]).success().json();
        assert_eq!(pending, json!([]), "not reopened");

        let run = s
            .run_as("carol", &["delete", "w"])
            .code(4)
            .error_mentions("push access");
        one_line_error(&run);
        assert!(run.stderr.contains(forbidden), "{}", run.stderr);
        s.run(&["get", "w"]).success();
    }
}

#[test]
fn collaborators_and_members_have_write_permission() {
    let s = Sandbox::github();
    let remote = s.remote();
    remote
        .db
        .set_role(
            remote.repo_id,
            "dave",
            gh_store::tracker::local::Role::Member,
        )
        .unwrap();
    for (login, permission, push) in [
        ("alice", "admin", true),
        ("bob", "write", true),
        ("dave", "write", true),
        ("carol", "read", false),
    ] {
        let path = format!("/repos/{REPO}/collaborators/{login}/permission");
        assert_eq!(
            api_get(&s, &path, "alice-token")["permission"],
            permission,
            "{login}"
        );
        let token = format!("{login}-token");
        if login != "dave" {
            let repo = api_get(&s, &format!("/repos/{REPO}"), &token);
            assert_eq!(repo["permissions"]["push"], push, "{login}");
        }
    }
}

#[test]
fn missing_and_invisible_repositories() {
    let mut s = Sandbox::github();
    let repo_flag = s.args.iter().position(|a| a == REPO).unwrap();

    s.args[repo_flag] = "alice/nope".into();
    let run = s
        .run(&["get", "a"])
        .code(3)
        .error_mentions("not visible to this token");
    one_line_error(&run);
    s.run(&["create", "a", "{}"]).code(3);

    s.args[repo_flag] = "not-a-repo".into();
    s.run(&["get", "a"]).code(2).error_mentions("OWNER/REPO");

    // --api-url without any repository is a forgotten -R, not the local store.
    s.args.drain(repo_flag - 1..=repo_flag);
    let run = s.run(&["list"]).code(2).error_mentions("no repository");
    assert!(
        run.stderr.contains("hint: pass -R OWNER/REPO"),
        "{}",
        run.stderr
    );
    assert!(!s.path().join(".local").exists(), "no local store was made");
}

#[test]
fn gone_invalid_and_html_answers_read_as_one_line() {
    let s = Sandbox::github();
    s.run(&["create", "a", "{}"]).success();
    inject(&s, "GET", ISSUES, status(410, BodyFormat::Json));
    one_line_error(&s.run(&["get", "a"]).code(3).error_mentions("410 Gone"));
    // GitHub's message says why.
    inject(&s, "POST", ISSUES, status(410, BodyFormat::Json));
    let run = s
        .run(&["create", "b", "{}"])
        .code(3)
        .error_mentions("repository alice/store: Issues are disabled for this repo");
    one_line_error(&run);

    inject(&s, "POST", COMMENTS, status(422, BodyFormat::Json));
    one_line_error(
        &s.run(&["update", "a", "{}"])
            .code(5)
            .error_mentions("Validation Failed"),
    );
    assert_eq!(s.remote().comments_on(1).len(), 1);
}

#[test]
fn persistent_server_errors_exit_1_after_retries() {
    let s = Sandbox::github();
    s.run(&["create", "a", "{}"]).success();
    s.remote().server.inject(
        Fault::new(status(502, BodyFormat::Html))
            .on("GET", ISSUES)
            .when(Trigger::Every),
    );
    let (run, stats) = s.run_counted(&["get", "a"]);
    let run = run.code(1).error_mentions("502");
    one_line_error(&run);
    assert!(run.stderr.contains("Bad Gateway"), "{}", run.stderr);
    assert_eq!(
        stats.route("GET", ISSUES),
        4,
        "the request and three retries"
    );
}

#[test]
fn an_api_url_that_is_not_http_is_a_usage_error() {
    let home = tempfile::tempdir().unwrap();
    let run = std::process::Command::new(crate::harness::BIN)
        .env_clear()
        .env("HOME", home.path())
        .args([
            "--api-url",
            "127.0.0.1:41001",
            "-R",
            "octo/data",
            "get",
            "cfg",
        ])
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.starts_with("error: the API URL \"127.0.0.1:41001\" is not an http(s) URL"),
        "{stderr}"
    );
}
