//! Primary and secondary rate limits, on the shortened clock (1 "second" = 1 ms).

use std::time::{Duration, Instant};

use serde_json::json;

use super::mock::{Answer, MockServer};
use super::*;
use crate::timestamp::Timestamp;
use crate::tracker::{Tracker, TrackerError};

const SECONDARY: &str =
    "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.";

/// Refuses the first `refusals` requests with `refusal`, then answers with a comment.
fn limited(refusals: usize, refusal: impl Fn() -> Answer + Send + 'static) -> MockServer {
    let mut calls = 0;
    MockServer::start(move |_| {
        calls += 1;
        if calls <= refusals {
            refusal()
        } else {
            Answer::json(201, comment_json(1, "x"))
        }
    })
}

#[test]
fn a_secondary_limit_with_retry_after_is_waited_out_even_for_a_create() {
    let server = limited(1, || {
        Answer::json(403, json!({ "message": SECONDARY })).header("Retry-After", "30")
    });
    let tracker = tracker(&server);
    let started = Instant::now();
    tracker.create_comment(1, "x").unwrap();
    assert!(started.elapsed() >= Duration::from_millis(30));
    assert_eq!(
        tracker.request_count(),
        2,
        "refused, so re-sent without a lookup"
    );
}

#[test]
fn a_secondary_limit_without_retry_after_waits_a_minute() {
    let server = limited(1, || Answer::json(403, json!({ "message": SECONDARY })));
    let tracker = tracker(&server);
    let started = Instant::now();
    tracker.get_issue(1).ok();
    assert!(started.elapsed() >= Duration::from_millis(60));
}

#[test]
fn after_a_secondary_limit_writes_are_spaced() {
    let server = limited(1, || {
        Answer::json(403, json!({ "message": SECONDARY })).header("Retry-After", "0")
    });
    let mut config = config(&server);
    config.max_wait = Duration::from_secs(5);
    let slow_second = Timing {
        second: Duration::from_millis(40),
    };
    let tracker = GitHubTracker::with_timing(config, slow_second).unwrap();
    tracker.create_comment(1, "x").unwrap();
    let started = Instant::now();
    tracker.create_comment(1, "y").unwrap();
    assert!(started.elapsed() >= Duration::from_millis(35));
}

#[test]
fn too_many_requests_is_waited_out() {
    let server = limited(2, || Answer::empty(429).header("Retry-After", "5"));
    let tracker = tracker(&server);
    let started = Instant::now();
    tracker.create_comment(1, "x").unwrap();
    assert!(started.elapsed() >= Duration::from_millis(10));
    assert_eq!(tracker.request_count(), 3);
}

#[test]
fn an_exhausted_primary_limit_beyond_max_wait_fails_at_once() {
    let reset = Timestamp::now().0 + 3600;
    let server = limited(usize::MAX, move || {
        Answer::json(
            403,
            json!({ "message": "API rate limit exceeded for user ID 1." }),
        )
        .header("X-RateLimit-Remaining", "0")
        .header("X-RateLimit-Reset", &reset.to_string())
    });
    let tracker = tracker_with(&server, |c| c.max_wait = Duration::from_secs(1));
    let started = Instant::now();
    assert_eq!(
        tracker.get_issue(1),
        Err(TrackerError::RateLimited {
            message: "API rate limit exceeded for user ID 1.".into(),
            retry_at: Some(Timestamp(reset)),
        })
    );
    assert!(started.elapsed() < Duration::from_millis(500));
    assert_eq!(tracker.request_count(), 1);
}

#[test]
fn an_exhausted_primary_limit_is_waited_until_its_reset() {
    let reset = Timestamp::now().0 - 1;
    let server = limited(1, move || {
        Answer::json(429, json!({ "message": "API rate limit exceeded" }))
            .header("X-RateLimit-Remaining", "0")
            .header("X-RateLimit-Reset", &reset.to_string())
    });
    let tracker = tracker(&server);
    tracker.create_comment(1, "x").unwrap();
    assert_eq!(tracker.request_count(), 2);
}

#[test]
fn the_wait_budget_is_shared_by_all_requests_of_a_tracker() {
    let server = limited(usize::MAX, || {
        Answer::json(403, json!({ "message": SECONDARY }))
    });
    let mut config = config(&server);
    config.max_wait = Duration::from_millis(1000);
    let ten_ms_second = Timing {
        second: Duration::from_millis(10),
    };
    let tracker = GitHubTracker::with_timing(config, ten_ms_second).unwrap();
    // 600 ms, then 1200 ms (backoff): the second does not fit in what is left of 1 s.
    let started = Instant::now();
    let error = tracker.get_issue(1).unwrap_err();
    assert!(
        matches!(error, TrackerError::RateLimited { .. }),
        "{error:?}"
    );
    let elapsed = started.elapsed();
    assert!(elapsed >= Duration::from_millis(600), "{elapsed:?}");
    assert!(elapsed < Duration::from_millis(1500), "{elapsed:?}");
    assert_eq!(tracker.request_count(), 2);
    let started = Instant::now();
    assert!(matches!(
        tracker.get_issue(2),
        Err(TrackerError::RateLimited { .. })
    ));
    assert!(started.elapsed() < Duration::from_millis(1000));
}
