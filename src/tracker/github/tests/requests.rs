//! What the tracker sends and how it reads ordinary answers.

use serde_json::json;

use super::mock::{Answer, MockServer};
use super::*;
use crate::timestamp::Timestamp;
use crate::tracker::{
    paginate, AccountKind, Direction, IssueGuard, IssuePatch, IssueQuery, IssueSort, IssueState,
    NewIssue, ReactionContent, StateFilter, StateReason, Tracker, TrackerError,
};

#[test]
fn sends_githubs_headers_and_the_token_as_bearer() {
    let server = MockServer::start(|seen| match seen.method.as_str() {
        "GET" => Answer::json(200, issue_json(1, "t", None)),
        _ => Answer::json(201, comment_json(7, "hi")),
    });
    let tracker = tracker_with(&server, |c| c.log_requests = true);
    tracker.get_issue(1).unwrap();
    tracker.create_comment(1, "hi").unwrap();
    let seen = server.seen();
    for request in &seen {
        let agent = request.header("user-agent").unwrap();
        assert_eq!(agent, concat!("gh-store/", env!("CARGO_PKG_VERSION")));
        assert_eq!(
            request.header("accept"),
            Some("application/vnd.github+json")
        );
        assert_eq!(request.header("x-github-api-version"), Some("2022-11-28"));
        assert_eq!(request.header("authorization"), Some("Bearer ghp_s3cret"));
    }
    assert_eq!(seen[0].header("content-type"), None);
    assert_eq!(seen[1].header("content-type"), Some("application/json"));
    assert_eq!(seen[1].json(), json!({ "body": "hi" }));

    let anonymous = tracker_with(&server, |c| c.token = None);
    anonymous.get_issue(1).unwrap();
    assert_eq!(server.seen()[2].header("authorization"), None);
}

#[test]
fn joins_paths_onto_an_enterprise_api_root() {
    let server = MockServer::start(|_| Answer::json(200, issue_json(3, "t", None)));
    let tracker = tracker_with(&server, |c| c.api_url = format!("{}/api/v3", server.base));
    tracker.get_issue(3).unwrap();
    assert_eq!(server.seen()[0].url, "/api/v3/repos/octo/store/issues/3");
    assert_eq!(
        tracker.describe(),
        format!("octo/store on {}/api/v3", server.base)
    );
}

#[test]
fn percent_encodes_label_names_in_paths_and_filters() {
    let server = MockServer::start(|seen| match seen.path() {
        "/repos/octo/store/issues" => Answer::json(200, json!([])),
        _ => Answer::json(200, label_json("area: ui/x+y%é")),
    });
    let tracker = tracker(&server);
    let label = tracker.get_label("area: ui/x+y%é").unwrap().unwrap();
    assert_eq!(label.id, 4_341_279_313);
    let query = IssueQuery {
        labels: vec!["UID:a b".into(), "stored-object".into()],
        state: StateFilter::All,
        since: Timestamp::parse("2025-01-02T03:04:05Z"),
        sort: IssueSort::Updated,
        direction: Direction::Asc,
        per_page: 100,
        read_ahead: false,
    };
    tracker.list_issues(&query, None).unwrap();
    let seen = server.seen();
    assert_eq!(
        seen[0].url,
        "/repos/octo/store/labels/area%3A%20ui%2Fx%2By%25%C3%A9"
    );
    assert_eq!(
        seen[1].url,
        "/repos/octo/store/issues?state=all&sort=updated&direction=asc&per_page=100\
         &labels=UID%3Aa%20b,stored-object&since=2025-01-02T03%3A04%3A05Z"
    );
}

#[test]
fn follows_link_next_verbatim_and_flags_pull_requests() {
    let server = MockServer::start(move |seen| {
        if seen.path() == "/repos/octo/store/issues" {
            let mut pr = issue_json(3, "a PR", Some("diff"));
            pr["pull_request"] = json!({ "url": "x" });
            let base = seen.header("host").unwrap().to_string();
            let next = format!(
                "<http://{base}/repositories/42/issues?per_page=100&after=Y3Vyc29y%3D>; rel=\"next\""
            );
            Answer::json(200, json!([pr, issue_json(2, "b", None)])).header("Link", &next)
        } else {
            Answer::json(200, json!([issue_json(1, "c", Some(""))]))
        }
    });
    let tracker = tracker(&server);
    let issues: Vec<_> = paginate(|page| tracker.list_issues(&IssueQuery::default(), page))
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(issues.len(), 3);
    assert!(issues[0].is_pull_request);
    assert!(!issues[1].is_pull_request);
    assert_eq!(issues[1].body, None);
    assert_eq!(issues[2].body.as_deref(), Some(""));
    let seen = server.seen();
    assert_eq!(
        seen[0].url,
        "/repos/octo/store/issues?state=open&sort=created&direction=desc&per_page=100"
    );
    assert_eq!(
        seen[1].url,
        "/repositories/42/issues?per_page=100&after=Y3Vyc29y%3D"
    );
    assert_eq!(seen[1].header("authorization"), Some("Bearer ghp_s3cret"));
}

#[test]
fn revalidates_with_the_etag_and_reuses_the_body_on_304() {
    let server = MockServer::start(|seen| {
        if seen.header("if-none-match") == Some("W/\"v1\"") {
            return Answer::empty(304);
        }
        let body = if seen.path().ends_with("/issues") {
            json!([issue_json(1, "listed", None)])
        } else {
            issue_json(1, "single", Some("{}"))
        };
        Answer::json(200, body)
            .header("ETag", "W/\"v1\"")
            .header("Link", "<http://127.0.0.1:1/next>; rel=\"next\"")
    });
    let tracker = tracker(&server);
    let first = tracker.get_issue(1).unwrap();
    let again = tracker.get_issue(1).unwrap();
    assert_eq!(first, again);
    let page = tracker.list_issues(&IssueQuery::default(), None).unwrap();
    let page_again = tracker.list_issues(&IssueQuery::default(), None).unwrap();
    assert_eq!(page, page_again);
    assert_eq!(page_again.next.unwrap().0, "http://127.0.0.1:1/next");
    assert_eq!(tracker.request_count(), 4);
    let conditional: Vec<_> = server
        .seen()
        .iter()
        .map(|s| s.header("if-none-match").is_some())
        .collect();
    assert_eq!(conditional, [false, true, false, true]);
}

#[test]
fn listings_carry_the_servers_clock_from_its_date_header() {
    let server = MockServer::start(|seen| {
        if seen.header("if-none-match").is_some() {
            return Answer::empty(304).header("Date", "Sun, 06 Nov 1994 08:50:00 GMT");
        }
        Answer::json(200, json!([]))
            .header("ETag", "\"v1\"")
            .header("Date", "Sun, 06 Nov 1994 08:49:37 GMT")
    });
    let tracker = tracker(&server);
    let first = tracker.list_issues(&IssueQuery::default(), None).unwrap();
    assert_eq!(first.server_time, Timestamp::parse("1994-11-06T08:49:37Z"));
    let revalidated = tracker.list_issues(&IssueQuery::default(), None).unwrap();
    assert_eq!(
        revalidated.server_time,
        Timestamp::parse("1994-11-06T08:50:00Z"),
        "the clock of the 304, not of the cached answer"
    );
}

#[test]
fn later_pages_are_not_kept_for_revalidation() {
    let server = MockServer::start(|_| Answer::json(200, json!([])).header("ETag", "\"p2\""));
    let tracker = tracker(&server);
    let token = crate::tracker::PageToken(format!("{}/repositories/42/issues?page=2", server.base));
    tracker
        .list_issues(&IssueQuery::default(), Some(&token))
        .unwrap();
    tracker
        .list_issues(&IssueQuery::default(), Some(&token))
        .unwrap();
    assert!(server
        .seen()
        .iter()
        .all(|s| s.header("if-none-match").is_none()));
    assert_eq!(tracker.http.cache_len(), 0);
}

#[test]
fn a_failed_guard_writes_nothing() {
    let server = MockServer::start(|seen| match seen.method.as_str() {
        "GET" => Answer::json(200, issue_json(5, "Stored Object: cfg [v3@12]", Some("{}")))
            .header("ETag", "\"i5\""),
        _ => Answer::json(
            200,
            issue_json(5, "Stored Object: cfg [v4@15]", Some("{\"a\":1}")),
        ),
    });
    let tracker = tracker(&server);
    let stale = IssueGuard {
        title: "Stored Object: cfg [v2@9]".into(),
    };
    let patch = IssuePatch {
        title: Some("Stored Object: cfg [v4@15]".into()),
        body: Some(Some("{\"a\":1}".into())),
        state: Some(IssueState::Closed),
        state_reason: Some(StateReason::Completed),
        labels: None,
    };
    assert_eq!(
        tracker.update_issue(5, &patch, Some(&stale)),
        Err(TrackerError::GuardFailed)
    );
    assert_eq!(server.count("PATCH", "/repos/octo/store/issues/5"), 0);

    let current = IssueGuard {
        title: "Stored Object: cfg [v3@12]".into(),
    };
    let updated = tracker.update_issue(5, &patch, Some(&current)).unwrap();
    assert_eq!(updated.title, "Stored Object: cfg [v4@15]");
    let seen = server.seen();
    assert_eq!(seen[1].header("if-none-match"), Some("\"i5\""));
    assert_eq!(
        seen[2].json(),
        json!({ "title": "Stored Object: cfg [v4@15]", "body": "{\"a\":1}", "state": "closed",
                "state_reason": "completed" })
    );
}

#[test]
fn creates_issues_with_labels_and_optional_body() {
    let server = MockServer::start(|seen| {
        let sent = seen.json();
        Answer::json(
            201,
            issue_json_labelled(
                9,
                sent["title"].as_str().unwrap(),
                sent["body"].as_str(),
                &sent,
            ),
        )
    });
    let tracker = tracker(&server);
    let new = NewIssue {
        title: "Stored Object: cfg".into(),
        body: None,
        labels: vec!["stored-object".into(), "UID:cfg".into()],
    };
    let issue = tracker.create_issue(&new).unwrap();
    assert_eq!((issue.number, issue.body), (9, None));
    assert_eq!(
        server.seen()[0].json(),
        json!({ "title": "Stored Object: cfg", "labels": ["stored-object", "UID:cfg"] })
    );
}

#[test]
fn reads_files_as_base64_json_raw_or_not_at_all() {
    let server = MockServer::start(|seen| match (seen.path(), seen.header("accept")) {
        ("/repos/octo/store/contents/.github/CODEOWNERS", _) => Answer::json(
            200,
            json!({ "type": "file", "encoding": "base64", "content": "KiBAb2N0by9h\ncHByb3ZlcnMK\n" }),
        ),
        ("/repos/octo/store/contents/docs", _) => Answer::json(200, json!([{ "type": "file" }])),
        ("/repos/octo/store/contents/big.json", Some("application/vnd.github.raw+json")) => {
            Answer::text(
                200,
                "application/vnd.github.raw+json; charset=utf-8",
                "{\"big\":true}",
            )
            .header("X-GitHub-Media-Type", "github.v3; param=raw")
        }
        ("/repos/octo/store/contents/big.json", _) => Answer::json(
            200,
            json!({ "type": "file", "encoding": "none", "content": "", "size": 2_000_000 }),
        ),
        _ => Answer::json(404, json!({ "message": "Not Found" })),
    });
    let tracker = tracker(&server);
    assert_eq!(
        tracker
            .file_contents(".github/CODEOWNERS")
            .unwrap()
            .unwrap(),
        b"* @octo/approvers\n"
    );
    assert_eq!(tracker.file_contents("CODEOWNERS").unwrap(), None);
    assert_eq!(tracker.file_contents("docs").unwrap(), None);
    assert_eq!(
        tracker.file_contents("big.json").unwrap().unwrap(),
        b"{\"big\":true}"
    );
}

#[test]
fn team_members_walks_every_page_or_is_none_when_hidden() {
    let server = MockServer::start(|seen| match seen.url.as_str() {
        "/orgs/octo/teams/approvers/members?per_page=100" => {
            let next = format!(
                "<http://{}/organizations/1/team/2/members?page=2>; rel=\"next\"",
                seen.header("host").unwrap()
            );
            Answer::json(200, json!([user_json("ada")])).header("Link", &next)
        }
        "/organizations/1/team/2/members?page=2" => Answer::json(200, json!([user_json("grace")])),
        "/orgs/octo/teams/secret/members?per_page=100" => Answer::json(
            403,
            json!({ "message": "Must have admin rights to Repository." }),
        ),
        _ => Answer::json(404, json!({ "message": "Not Found" })),
    });
    let tracker = tracker(&server);
    assert_eq!(
        tracker.team_members("octo", "approvers").unwrap(),
        Some(vec!["ada".to_string(), "grace".to_string()])
    );
    assert_eq!(tracker.team_members("octo", "secret").unwrap(), None);
    assert_eq!(tracker.team_members("octo", "gone").unwrap(), None);
}

#[test]
fn labels_reactions_and_the_repository() {
    let server = MockServer::start(|seen| match (seen.method.as_str(), seen.path()) {
        ("GET", "/repos/octo/store") => Answer::json(200, repository_json("store")),
        ("GET", "/repos/octo/store/issues/comments/77/reactions") => Answer::json(
            200,
            json!([{ "id": 9, "user": user_json("github-actions[bot]"), "content": "+1",
                     "created_at": "2025-01-02T03:04:05Z" }]),
        ),
        ("POST", _) => Answer::json(
            200,
            json!({ "id": 9, "user": null, "content": "+1", "created_at": "2025-01-02T03:04:05Z" }),
        ),
        _ => Answer::json(404, json!({ "message": "Not Found" })),
    });
    let tracker = tracker(&server);
    let repository = tracker.repository().unwrap();
    assert_eq!(repository.owner.kind, AccountKind::Organization);
    assert_eq!(repository.default_branch, "main");
    assert_eq!(tracker.get_label("missing").unwrap(), None);
    let mark = tracker.add_reaction(77, ReactionContent::PlusOne).unwrap();
    assert_eq!(mark.reaction.id, 9);
    let seen = server.seen();
    assert_eq!(
        seen[2].url,
        "/repos/octo/store/issues/comments/77/reactions"
    );
    assert_eq!(seen[2].json(), json!({ "content": "+1" }));
}

#[test]
fn deletes_comments_and_clears_bodies_to_null() {
    let server = MockServer::start(|seen| match (seen.method.as_str(), seen.path()) {
        ("DELETE", "/repos/octo/store/issues/comments/77") => Answer::empty(204),
        ("DELETE", _) => Answer::json(
            403,
            json!({ "message": "Resource not accessible by personal access token" }),
        ),
        _ => Answer::json(200, issue_json(5, "t", None)),
    });
    let tracker = tracker(&server);
    tracker.delete_comment(77).unwrap();
    assert_eq!(
        tracker.delete_comment(78),
        Err(TrackerError::Forbidden {
            message: "Resource not accessible by personal access token".into()
        })
    );
    let cleared = IssuePatch {
        body: Some(None),
        ..IssuePatch::default()
    };
    assert_eq!(tracker.update_issue(5, &cleared, None).unwrap().body, None);
    let seen = server.seen();
    assert_eq!(
        (seen[0].method.as_str(), seen[0].body.as_str()),
        ("DELETE", "")
    );
    assert_eq!(seen[0].header("content-type"), None);
    assert_eq!(seen[2].json(), json!({ "body": null }));
}

#[test]
fn the_token_never_shows_in_debug_output() {
    let server = MockServer::start(|_| Answer::empty(204));
    let config = config(&server);
    let tracker = tracker(&server);
    assert!(!format!("{config:?}").contains(TOKEN));
    assert!(!format!("{tracker:?}").contains(TOKEN));
    assert!(format!("{tracker:?}").contains("octo/store"));
}
