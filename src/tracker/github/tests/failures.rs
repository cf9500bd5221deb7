//! Server errors, broken connections, creates that may or may not have happened, and
//! error answers.

use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{json, Value};

use super::mock::{Answer, MockServer};
use super::*;
use crate::tracker::{IssuePatch, NewIssue, ReactionContent, Tracker, TrackerError};

/// Answers from a script, one per request, then the last one forever.
fn scripted(mut answers: Vec<Answer>) -> impl FnMut(&mock::Seen) -> Answer {
    answers.reverse();
    move |_| {
        if answers.len() > 1 {
            answers.pop().unwrap()
        } else {
            match &answers[0] {
                Answer::Reply {
                    status,
                    headers,
                    body,
                } => Answer::Reply {
                    status: *status,
                    headers: headers.clone(),
                    body: body.clone(),
                },
                _ => Answer::Garbage,
            }
        }
    }
}

#[test]
fn reads_are_retried_after_server_errors() {
    let server = MockServer::start(scripted(vec![
        Answer::text(502, "text/html", "<h1>Bad gateway</h1>"),
        Answer::json(503, json!({ "message": "Service unavailable" })),
        Answer::json(200, issue_json(1, "t", None)),
    ]));
    let tracker = tracker(&server);
    assert_eq!(tracker.get_issue(1).unwrap().number, 1);
    assert_eq!(tracker.request_count(), 3);
}

#[test]
fn reads_give_up_after_the_retries_with_a_server_error() {
    let server = MockServer::start(scripted(vec![Answer::json(
        500,
        json!({ "message": "Server Error" }),
    )]));
    let tracker = tracker(&server);
    assert_eq!(
        tracker.get_issue(1),
        Err(TrackerError::Server {
            status: 500,
            message: "Server Error".into()
        })
    );
    assert_eq!(tracker.request_count(), 4);
}

#[test]
fn reads_are_retried_after_a_dropped_connection() {
    let server = MockServer::start(scripted(vec![
        Answer::Garbage,
        Answer::json(200, issue_json(1, "t", None)),
    ]));
    let tracker = tracker(&server);
    assert_eq!(tracker.get_issue(1).unwrap().number, 1);
    assert_eq!(server.seen().len(), 2);
}

#[test]
fn an_interrupt_ends_the_back_off_between_retries() {
    let server = MockServer::start(scripted(vec![Answer::json(
        500,
        json!({ "message": "Server Error" }),
    )]));
    let interrupt = crate::interrupt::Interrupt::new();
    let tracker = tracker_with(&server, |config| {
        config.retry_delay = Duration::from_secs(30);
        config.interrupt = interrupt.clone();
    });
    let started = std::time::Instant::now();
    let raiser = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(100));
        interrupt.raise();
    });
    assert_eq!(tracker.get_issue(1), Err(TrackerError::Interrupted));
    assert!(started.elapsed() < Duration::from_secs(5));
    assert_eq!(
        tracker.request_count(),
        1,
        "not retried after the interrupt"
    );
    raiser.join().unwrap();
}

#[test]
fn an_unreachable_server_is_a_network_error_after_the_retries() {
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut config = GitHubConfig::new(&format!("http://127.0.0.1:{port}"), "octo", "store");
    config.retry_delay = Duration::from_millis(1);
    let tracker = GitHubTracker::with_timing(config, FAST).unwrap();
    assert!(matches!(
        tracker.create_comment(1, "x"),
        Err(TrackerError::Network { .. })
    ));
    assert_eq!(tracker.request_count(), 4, "never sent, so safe to retry");
}

/// A GitHub double that commits each comment, then answers as `fail` says.
fn comment_store(fail: impl Fn(usize) -> Option<Answer> + Send + 'static) -> MockServer {
    let comments = Arc::new(Mutex::new(Vec::<Value>::new()));
    let mut posts = 0;
    MockServer::start(move |seen| match seen.method.as_str() {
        "POST" => {
            posts += 1;
            let comment = comment_json(100 + posts as u64, seen.json()["body"].as_str().unwrap());
            comments.lock().unwrap().push(comment.clone());
            fail(posts).unwrap_or_else(|| Answer::json(201, comment))
        }
        _ => Answer::json(200, Value::Array(comments.lock().unwrap().clone())),
    })
}

#[test]
fn a_comment_written_before_a_502_is_found_not_posted_twice() {
    let server = comment_store(|post| {
        (post == 1).then(|| Answer::text(502, "text/html", "<h1>Server Error</h1>"))
    });
    let tracker = tracker(&server);
    let comment = tracker
        .create_comment(3, "{\"_meta\":{\"t\":\"…123456\"}}")
        .unwrap();
    assert_eq!(comment.id, 101);
    assert_eq!(
        server.count("POST", "/repos/octo/store/issues/3/comments"),
        1
    );
    let lookup = &server.seen()[1];
    assert_eq!(lookup.method, "GET");
    assert!(lookup.url.contains("per_page=100&since="), "{}", lookup.url);
}

#[test]
fn a_comment_written_before_the_connection_dropped_is_found() {
    let server = comment_store(|post| (post == 1).then_some(Answer::Garbage));
    let tracker = tracker(&server);
    assert_eq!(tracker.create_comment(3, "body-1").unwrap().id, 101);
    assert_eq!(
        server.count("POST", "/repos/octo/store/issues/3/comments"),
        1
    );
}

#[test]
fn a_comment_lost_with_a_502_is_sent_again() {
    let server = {
        let mut posts = 0;
        MockServer::start(move |seen| match seen.method.as_str() {
            "POST" => {
                posts += 1;
                if posts == 1 {
                    Answer::json(502, json!({ "message": "Server Error" }))
                } else {
                    Answer::json(201, comment_json(200, "body-2"))
                }
            }
            _ => Answer::json(200, json!([comment_json(150, "someone else's")])),
        })
    };
    let tracker = tracker(&server);
    assert_eq!(tracker.create_comment(3, "body-2").unwrap().id, 200);
    assert_eq!(
        server.count("POST", "/repos/octo/store/issues/3/comments"),
        2
    );
}

#[test]
fn a_create_that_keeps_failing_gives_up_after_the_retries() {
    let server = MockServer::start(|seen| match seen.method.as_str() {
        "POST" => Answer::json(504, json!({ "message": "We couldn't respond in time" })),
        _ => Answer::json(200, json!([])),
    });
    let tracker = tracker(&server);
    assert!(matches!(
        tracker.create_comment(3, "x"),
        Err(TrackerError::Server { status: 504, .. })
    ));
    assert_eq!(
        server.count("POST", "/repos/octo/store/issues/3/comments"),
        4
    );
    assert_eq!(
        server.count("GET", "/repos/octo/store/issues/3/comments"),
        4
    );
}

#[test]
fn an_issue_written_before_a_timeout_is_found_not_created_twice() {
    let issues = Arc::new(Mutex::new(Vec::<Value>::new()));
    let server = MockServer::start(move |seen| match seen.method.as_str() {
        "POST" => {
            let sent = seen.json();
            let issue = issue_json_labelled(
                12,
                sent["title"].as_str().unwrap(),
                sent["body"].as_str(),
                &sent,
            );
            issues.lock().unwrap().push(issue);
            Answer::Silence
        }
        _ => {
            let mut listed = vec![issue_json(11, "Stored Object: cfg", Some("older"))];
            listed.extend(issues.lock().unwrap().iter().cloned());
            Answer::json(200, Value::Array(listed))
        }
    });
    let tracker = tracker_with(&server, |c| c.timeout = Duration::from_millis(300));
    let new = NewIssue {
        title: "Stored Object: cfg".into(),
        body: Some("{\"port\":8080}".into()),
        labels: vec!["stored-object".into(), "UID:cfg".into()],
    };
    assert_eq!(tracker.create_issue(&new).unwrap().number, 12);
    assert_eq!(server.count("POST", "/repos/octo/store/issues"), 1);
    let lookup = &server.seen()[1];
    assert!(
        lookup.url.starts_with(
            "/repos/octo/store/issues?state=all&sort=created&direction=desc&per_page=100\
             &labels=stored-object,UID%3Acfg&since="
        ),
        "{}",
        lookup.url
    );
}

#[test]
fn a_server_that_never_answers_is_a_timeout_after_the_retries() {
    let server = MockServer::start(|_| Answer::Silence);
    let tracker = tracker_with(&server, |c| c.timeout = Duration::from_millis(200));
    assert!(matches!(
        tracker.get_issue(1),
        Err(TrackerError::TimedOut { .. })
    ));
    assert!(server.seen().len() > 1, "retried first");
}

#[test]
fn reactions_and_patches_are_simply_retried() {
    let server = {
        let mut calls = 0;
        MockServer::start(move |seen| {
            calls += 1;
            match (calls % 2, seen.method.as_str()) {
                (1, _) => Answer::json(502, json!({ "message": "Server Error" })),
                (_, "POST") => Answer::json(
                    201,
                    json!({ "id": 1, "user": null, "content": "rocket",
                            "created_at": "2025-01-02T03:04:05Z" }),
                ),
                _ => Answer::json(200, issue_json(4, "t", Some("b"))),
            }
        })
    };
    let tracker = tracker(&server);
    tracker.add_reaction(8, ReactionContent::Rocket).unwrap();
    let patch = IssuePatch {
        body: Some(Some("b".into())),
        ..IssuePatch::default()
    };
    tracker.update_issue(4, &patch, None).unwrap();
    let seen = server.seen();
    assert_eq!(seen.len(), 4);
    assert!(
        seen.iter().all(|s| s.method != "GET"),
        "no lookups for these"
    );
    assert_eq!(seen[2].json(), seen[3].json());
}

#[test]
fn answers_that_are_not_json_are_protocol_errors() {
    let server = MockServer::start(|_| Answer::text(200, "text/plain", "hello"));
    let tracker = tracker(&server);
    assert!(matches!(
        tracker.get_issue(1),
        Err(TrackerError::Protocol { .. })
    ));
}

#[test]
fn error_answers_become_typed_errors() {
    let server = MockServer::start(|seen| match seen.path() {
        "/repos/octo/store" => Answer::json(404, json!({ "message": "Not Found" })),
        "/repos/octo/store/issues/1" => Answer::json(401, json!({ "message": "Bad credentials" })),
        "/repos/octo/store/issues/2" => Answer::text(
            403,
            "text/html",
            "<html><body><p>Request forbidden by administrative rules.</p></body></html>",
        ),
        "/repos/octo/store/issues/3" => {
            Answer::json(410, json!({ "message": "This issue was deleted" }))
        }
        "/repos/octo/store/issues/4" => Answer::json(
            422,
            json!({ "message": "Validation Failed",
                    "errors": [{ "resource": "Issue", "code": "custom", "field": "body",
                                 "message": "body is too long (maximum is 65536 characters)" }] }),
        ),
        "/repos/octo/store/issues/5" => Answer::json(
            422,
            json!({ "message": "Validation Failed",
                    "errors": ["Issues cannot have more than 100 labels"] }),
        ),
        "/repos/octo/store/issues/7" => {
            Answer::json(400, json!({ "message": "Problems parsing JSON" }))
        }
        _ => Answer::json(
            403,
            json!({ "message": "Resource not accessible by integration" }),
        )
        .header("X-RateLimit-Remaining", "4321"),
    });
    let tracker = tracker(&server);
    let patch = IssuePatch::default();
    assert_eq!(
        tracker.repository(),
        Err(TrackerError::NotFound {
            what: "repository octo/store".into()
        })
    );
    assert_eq!(
        tracker.get_issue(1),
        Err(TrackerError::Unauthorized {
            message: "Bad credentials".into()
        })
    );
    assert_eq!(
        tracker.get_issue(2),
        Err(TrackerError::Forbidden {
            message: "Request forbidden by administrative rules.".into()
        })
    );
    assert_eq!(
        tracker.get_issue(3),
        Err(TrackerError::Gone {
            what: "issue #3 in octo/store".into(),
            message: Some("This issue was deleted".into()),
        })
    );
    assert_eq!(
        tracker.update_issue(4, &patch, None),
        Err(TrackerError::Invalid {
            message: "Validation Failed: body is too long (maximum is 65536 characters)".into()
        })
    );
    assert_eq!(
        tracker.update_issue(5, &patch, None),
        Err(TrackerError::Invalid {
            message: "Validation Failed: Issues cannot have more than 100 labels".into()
        })
    );
    assert_eq!(
        tracker.create_comment(6, "x"),
        Err(TrackerError::Forbidden {
            message: "Resource not accessible by integration".into()
        })
    );
    assert_eq!(
        tracker.update_issue(7, &patch, None),
        Err(TrackerError::Protocol {
            message: "GitHub could not read the request for issue #7 in octo/store: Problems parsing JSON".into()
        })
    );
    assert_eq!(tracker.request_count(), 8, "client errors are not retried");
}
