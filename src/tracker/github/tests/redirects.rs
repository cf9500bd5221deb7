//! Renamed repositories (301 for reads, 307 for writes) and redirects to other hosts.

use serde_json::json;

use super::mock::{Answer, MockServer};
use super::*;
use crate::tracker::{IssuePatch, Tracker, TrackerError};

fn moved(location: &str, status: u16) -> Answer {
    Answer::json(
        status,
        json!({ "message": "Moved Permanently", "url": location,
                "documentation_url": "https://docs.github.com/v3/#http-redirects" }),
    )
    .header("Location", location)
}

/// A repository renamed away from `octo/store`, now at `/repositories/42`.
fn renamed() -> MockServer {
    MockServer::start(|seen| {
        let host = format!("http://{}", seen.header("host").unwrap());
        let path = seen.path().to_string();
        if let Some(rest) = path.strip_prefix("/repos/octo/store") {
            let status = if seen.method == "GET" { 301 } else { 307 };
            return moved(&format!("{host}/repositories/42{rest}"), status);
        }
        match (seen.method.as_str(), path.as_str()) {
            ("GET", "/repositories/42") => Answer::json(200, repository_json("store-renamed")),
            ("POST", "/repositories/42/issues/3/comments") => {
                Answer::json(201, comment_json(5, seen.json()["body"].as_str().unwrap()))
            }
            _ => Answer::json(200, issue_json(3, "t", Some("patched"))),
        }
    })
}

#[test]
fn a_renamed_repository_is_followed_and_remembered() {
    let server = renamed();
    let tracker = tracker(&server);
    assert_eq!(tracker.repository().unwrap().name, "store-renamed");
    tracker.get_issue(3).unwrap();
    let paths: Vec<_> = server.seen().iter().map(|s| s.url.clone()).collect();
    assert_eq!(
        paths,
        [
            "/repos/octo/store",
            "/repositories/42",
            "/repositories/42/issues/3"
        ]
    );
    assert!(server
        .seen()
        .iter()
        .all(|s| s.header("authorization") == Some("Bearer ghp_s3cret")));
}

#[test]
fn a_307_resends_the_same_method_and_body() {
    let server = renamed();
    let tracker = tracker(&server);
    let patch = IssuePatch {
        body: Some(Some("patched".into())),
        ..IssuePatch::default()
    };
    assert_eq!(
        tracker
            .update_issue(3, &patch, None)
            .unwrap()
            .body
            .as_deref(),
        Some("patched")
    );
    tracker.create_comment(3, "after the rename").unwrap();
    let seen = server.seen();
    assert_eq!(seen[0].url, "/repos/octo/store/issues/3");
    assert_eq!(
        (seen[1].method.as_str(), seen[1].url.as_str()),
        ("PATCH", "/repositories/42/issues/3")
    );
    assert_eq!(seen[0].body, seen[1].body);
    assert_eq!(seen[1].json(), json!({ "body": "patched" }));
    assert_eq!(
        seen[2].url, "/repositories/42/issues/3/comments",
        "remembered"
    );
    assert_eq!(seen.len(), 3);
}

#[test]
fn a_301_on_a_create_still_reaches_the_renamed_repository() {
    let server = renamed();
    let tracker = tracker(&server);
    let comment = tracker.create_comment(3, "hello").unwrap();
    assert_eq!(comment.body, "hello");
    assert_eq!(
        server.count("POST", "/repositories/42/issues/3/comments"),
        1
    );
}

#[test]
fn a_location_naming_only_the_new_root_keeps_the_sub_path_and_query() {
    let server = MockServer::start(|seen| {
        let host = format!("http://{}", seen.header("host").unwrap());
        if seen.path().starts_with("/repos/") {
            return moved(&format!("{host}/repositories/42"), 307);
        }
        match seen.path() {
            "/repositories/42/issues/3" => Answer::json(200, issue_json(3, "t", Some("x"))),
            _ => Answer::json(200, json!([])),
        }
    });
    let tracker = tracker(&server);
    let patch = IssuePatch {
        body: Some(Some("x".into())),
        ..IssuePatch::default()
    };
    tracker.update_issue(3, &patch, None).unwrap();
    let fresh = super::tracker(&server);
    fresh
        .list_issues(&crate::tracker::IssueQuery::default(), None)
        .unwrap();
    let urls: Vec<_> = server.seen().iter().map(|s| s.url.clone()).collect();
    assert_eq!(urls[1], "/repositories/42/issues/3");
    assert_eq!(
        urls[3],
        "/repositories/42/issues?state=open&sort=created&direction=desc&per_page=100"
    );
}

#[test]
fn the_token_stays_behind_when_a_redirect_leaves_the_host() {
    let elsewhere = MockServer::start(|_| Answer::json(200, issue_json(3, "moved", None)));
    let target = format!("{}/elsewhere/issues/3", elsewhere.base);
    let server = MockServer::start(move |_| moved(&target, 302));
    let tracker = tracker(&server);
    assert_eq!(tracker.get_issue(3).unwrap().title, "moved");
    assert_eq!(
        server.seen()[0].header("authorization"),
        Some("Bearer ghp_s3cret")
    );
    assert_eq!(elsewhere.seen()[0].header("authorization"), None);
}

#[test]
fn a_write_is_not_sent_to_an_arbitrary_301() {
    let server = MockServer::start(|seen| {
        let host = format!("http://{}", seen.header("host").unwrap());
        moved(&format!("{host}/somewhere/else"), 301)
    });
    let tracker = tracker(&server);
    let patch = IssuePatch {
        body: Some(Some("x".into())),
        ..IssuePatch::default()
    };
    assert!(matches!(
        tracker.update_issue(3, &patch, None),
        Err(TrackerError::Protocol { .. })
    ));
    assert_eq!(server.seen().len(), 1);
}
