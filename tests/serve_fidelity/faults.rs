//! Injected failures, the control endpoints, latency and shutdown.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::thread;
use std::time::{Duration, Instant};

use gh_store::serve::{BlackoutFailure, BodyFormat, Fault, FaultAction, ServeOptions, Trigger};
use serde_json::{json, Value};

use super::support::{self, Harness, ISSUE, ISSUES};

const LIST: &str = "/repos/octo/store/issues";

fn issue_count(h: &Harness) -> usize {
    h.get(&format!("{LIST}?state=all"))
        .json()
        .as_array()
        .unwrap()
        .len()
}

#[test]
fn status_faults_answer_server_errors_once() {
    let h = support::start();
    h.server.inject(
        Fault::new(FaultAction::Status {
            status: 502,
            format: BodyFormat::Html,
        })
        .on("GET", ISSUES),
    );
    let html = h.get(LIST);
    assert_eq!(html.status, 502);
    assert!(html
        .header("content-type")
        .unwrap()
        .starts_with("text/html"));
    assert_eq!(h.get(LIST).status, 200, "the fault fired once");

    h.server.inject(
        Fault::new(FaultAction::Status {
            status: 503,
            format: BodyFormat::Json,
        })
        .on("POST", ISSUES)
        .when(Trigger::Nth(2)),
    );
    assert_eq!(h.post(LIST, json!({"title": "one"})).status, 201);
    let failed = h.post(LIST, json!({"title": "two"}));
    assert_eq!(failed.status, 503);
    assert!(failed.json()["message"].is_string());
    assert_eq!(issue_count(&h), 1, "nothing committed");

    // GitHub's read-after-write lag: the issue just created is not found yet.
    h.server.inject(
        Fault::new(FaultAction::Status {
            status: 404,
            format: BodyFormat::Json,
        })
        .on("GET", ISSUE),
    );
    let lagging = h.get(&format!("{LIST}/1"));
    assert_eq!(lagging.status, 404);
    assert_eq!(lagging.json()["message"], "Not Found");
    assert_eq!(h.get(&format!("{LIST}/1")).status, 200);
    assert_eq!(h.server.stats().faults_injected, 3);
}

#[test]
fn dropped_connections_commit_nothing() {
    let h = support::start();
    h.server
        .inject(Fault::new(FaultAction::DropConnection).on("POST", ISSUES));
    let outcome = h
        .call("POST", LIST)
        .json(json!({"title": "lost"}))
        .try_send();
    assert!(outcome.is_err(), "{outcome:?}");
    assert_eq!(issue_count(&h), 0);
}

#[test]
fn commit_then_drop_writes_but_never_answers() {
    let h = support::start();
    h.server
        .inject(Fault::new(FaultAction::CommitThenDrop).on("POST", ISSUES));
    let outcome = h
        .call("POST", LIST)
        .json(json!({"title": "committed"}))
        .try_send();
    assert!(outcome.is_err(), "{outcome:?}");
    let issues = h.get(LIST).json();
    assert_eq!(issues.as_array().unwrap().len(), 1);
    assert_eq!(issues[0]["title"], "committed");
}

#[test]
fn secondary_rate_limits_with_and_without_retry_after() {
    let h = support::start();
    h.server.inject(Fault::new(FaultAction::SecondaryRateLimit {
        status: 403,
        retry_after: Some(7),
        format: BodyFormat::Json,
    }));
    let json = h.post(LIST, json!({"title": "slow down"}));
    assert_eq!(json.status, 403);
    assert_eq!(json.header("retry-after"), Some("7"));
    assert!(json.json()["message"]
        .as_str()
        .unwrap()
        .contains("secondary rate limit"));
    assert!(json.ratelimit_remaining() > 0, "not the primary limit");

    h.server.inject(Fault::new(FaultAction::SecondaryRateLimit {
        status: 403,
        retry_after: None,
        format: BodyFormat::Html,
    }));
    let html = h.get(LIST);
    assert_eq!(html.status, 403);
    assert!(!html.has_header("retry-after"));
    assert!(html
        .header("content-type")
        .unwrap()
        .starts_with("text/html"));
    assert!(html.text().contains("secondary rate limit"));

    // The 429 form.
    h.server.inject(Fault::new(FaultAction::SecondaryRateLimit {
        status: 429,
        retry_after: Some(1),
        format: BodyFormat::Json,
    }));
    let too_many = h.get(LIST);
    assert_eq!(too_many.status, 429);
    assert_eq!(too_many.header("retry-after"), Some("1"));
    assert_eq!(issue_count(&h), 0);
    assert_eq!(h.server.stats().rate_limited, 3);
}

#[test]
fn primary_exhaustion_says_when_the_budget_resets() {
    let h = support::start();
    h.server.inject(Fault::new(FaultAction::PrimaryExhausted {
        status: 403,
        reset_after: 120,
    }));
    let reply = h.get(LIST);
    assert_eq!(reply.status, 403);
    assert_eq!(reply.ratelimit_remaining(), 0);
    let reset: i64 = reply.header("x-ratelimit-reset").unwrap().parse().unwrap();
    let now = gh_store::timestamp::Timestamp::now().seconds();
    assert!((now + 115..=now + 125).contains(&reset), "{reset} vs {now}");
    assert!(reply.json()["message"]
        .as_str()
        .unwrap()
        .starts_with("API rate limit exceeded for user ID"));
}

#[test]
fn a_blackout_fails_everything_until_cleared() {
    let h = support::start();
    h.server.inject(
        Fault::new(FaultAction::Blackout {
            failure: BlackoutFailure::ServerError,
        })
        .on("POST", ISSUES)
        .when(Trigger::Nth(2)),
    );
    assert_eq!(h.post(LIST, json!({"title": "before"})).status, 201);
    assert_eq!(h.post(LIST, json!({"title": "dies here"})).status, 500);
    assert_eq!(h.get(LIST).status, 500);
    assert_eq!(h.get("/rate_limit").status, 500);
    h.server.clear_faults();
    assert_eq!(issue_count(&h), 1);

    h.server.inject(Fault::new(FaultAction::Blackout {
        failure: BlackoutFailure::DropConnection,
    }));
    assert!(h.call("GET", LIST).try_send().is_err());
    assert!(h.call("GET", "/user").try_send().is_err());
    h.server.clear_faults();
    assert_eq!(h.get("/user").status, 200);
}

#[test]
fn delays_and_every_trigger() {
    let h = support::start();
    h.server.inject(
        Fault::new(FaultAction::Delay { millis: 150 })
            .on("GET", ISSUE)
            .when(Trigger::Every),
    );
    let n = h.issue("slow", &[]);
    for _ in 0..2 {
        let started = Instant::now();
        assert_eq!(h.get(&format!("{LIST}/{n}")).status, 200);
        assert!(started.elapsed() >= Duration::from_millis(150));
    }
    let started = Instant::now();
    h.get(LIST);
    assert!(
        started.elapsed() < Duration::from_millis(150),
        "other routes are not delayed"
    );
}

#[test]
fn control_endpoints_switch_faults_and_read_counters() {
    let h = support::start();
    let agent = support::agent();
    let control = |method: &str, path: &str, body: Option<Value>| -> (u16, Value) {
        let request = ureq::http::Request::builder()
            .method(method)
            .uri(format!("{}/_gh-store/{path}", h.base()));
        let mut response = match body {
            Some(body) => agent.run(request.body(body.to_string()).unwrap()),
            None => agent.run(request.body(()).unwrap()),
        }
        .unwrap();
        let status = response.status().as_u16();
        let text = response.body_mut().read_to_string().unwrap();
        (status, serde_json::from_str(&text).unwrap_or(Value::Null))
    };

    h.get(LIST);
    h.get(LIST);
    let (status, stats) = control("GET", "stats", None);
    assert_eq!(status, 200);
    assert_eq!(stats["total"], 2);
    assert_eq!(stats["routes"]["GET /repos/{owner}/{repo}/issues"], 2);
    assert_eq!(
        serde_json::to_value(h.server.stats()).unwrap(),
        stats,
        "control is not counted"
    );

    let fault = json!({"method": "GET", "route": ISSUES, "when": {"nth": 1},
                       "action": {"kind": "status", "status": 500}});
    assert_eq!(control("POST", "faults", Some(fault)).0, 201);
    assert_eq!(h.get(LIST).status, 500);
    let bad = json!({"action": {"kind": "status", "status": 200}});
    assert_eq!(control("POST", "faults", Some(bad)).0, 422);
    assert_eq!(
        control("POST", "faults", Some(json!({"action": "nope"}))).0,
        400
    );

    let every = json!({"when": "every", "action": {"kind": "drop_connection"}});
    assert_eq!(control("POST", "faults", Some(every)).0, 201);
    assert!(h.call("GET", LIST).try_send().is_err());
    assert_eq!(control("DELETE", "faults", None).0, 204);
    assert_eq!(h.get(LIST).status, 200);

    assert_eq!(control("POST", "stats/reset", None).0, 204);
    assert_eq!(control("GET", "stats", None).1["total"], 0);
    assert_eq!(control("GET", "nothing", None).0, 404);
}

#[test]
fn latency_overlaps_across_concurrent_clients() {
    let h = support::start_with(ServeOptions {
        latency: Duration::from_millis(200),
        ..ServeOptions::default()
    });
    let started = Instant::now();
    thread::scope(|scope| {
        let workers: Vec<_> = (0..2).map(|_| scope.spawn(|| h.get(LIST).status)).collect();
        for worker in workers {
            assert_eq!(worker.join().unwrap(), 200);
        }
    });
    let elapsed = started.elapsed();
    assert!(elapsed >= Duration::from_millis(200), "{elapsed:?}");
    assert!(
        elapsed < Duration::from_millis(350),
        "serialised: {elapsed:?}"
    );
}

#[test]
fn shutdown_does_not_wait_for_idle_connections() {
    let h = support::start();
    let address = h.base().trim_start_matches("http://").to_string();
    // A keep-alive connection that stays open, and one that never sends a request.
    assert_eq!(h.get(LIST).status, 200);
    let _idle = TcpStream::connect(&address).unwrap();
    let started = Instant::now();
    h.server.shutdown();
    assert!(started.elapsed() < Duration::from_secs(2));
    assert!(TcpStream::connect(&address).is_err(), "no longer listening");
}

#[test]
fn dropped_connections_write_not_a_single_byte() {
    let h = support::start();
    let request = format!(
        "POST /repos/octo/store/issues HTTP/1.1\r\nHost: x\r\nUser-Agent: raw\r\n\
         Authorization: token {}\r\nContent-Length: 15\r\n\r\n{{\"title\":\"raw\"}}",
        support::OWNER_TOKEN
    );
    h.server.inject(Fault::new(FaultAction::DropConnection));
    assert_eq!(h.raw(&request), None);
    h.server.inject(Fault::new(FaultAction::CommitThenDrop));
    assert_eq!(h.raw(&request), None);
    assert_eq!(issue_count(&h), 1, "only the second request committed");
}

/// tiny_http gives each connection a worker for its whole life, and when connections arrive
/// together its pool can queue one behind a busy worker: that client would wait until another
/// connection closed (a 30 s stall, met by the processor's concurrent marks). With two
/// connections held open, bursts of new connections must all be answered promptly.
#[test]
fn bursts_of_new_connections_are_served_while_others_stay_open() {
    let h = support::start_with(ServeOptions {
        latency: Duration::from_millis(100),
        ..ServeOptions::default()
    });
    let address = h.base().trim_start_matches("http://").to_string();
    let request = "GET /rate_limit HTTP/1.1\r\nHost: x\r\nUser-Agent: raw\r\n\r\n";
    // One whole answer (head, then Content-Length bytes), so the next can follow.
    let ask = |stream: &mut TcpStream| -> std::io::Result<String> {
        stream.write_all(request.as_bytes())?;
        let mut head = Vec::new();
        let mut byte = [0u8; 1];
        while !head.ends_with(b"\r\n\r\n") {
            stream.read_exact(&mut byte)?;
            head.push(byte[0]);
        }
        let head = String::from_utf8_lossy(&head).into_owned();
        let length: usize = head
            .lines()
            .find_map(|l| l.strip_prefix("Content-Length: "))
            .and_then(|l| l.trim().parse().ok())
            .unwrap_or(0);
        stream.read_exact(&mut vec![0u8; length])?;
        Ok(head[..12].to_string())
    };
    // Held open with a request sent and its answer never read.
    let held: Vec<TcpStream> = (0..2)
        .map(|_| {
            let mut stream = TcpStream::connect(&address).unwrap();
            stream.write_all(request.as_bytes()).unwrap();
            stream
        })
        .collect();
    thread::sleep(Duration::from_millis(300));
    for round in 0..5 {
        let started = Instant::now();
        // Like a client's connection pool: nobody closes until everybody has been answered.
        let all_answered = std::sync::Barrier::new(4);
        thread::scope(|scope| {
            let burst: Vec<_> = (0..4)
                .map(|_| {
                    scope.spawn(|| {
                        let mut stream = TcpStream::connect(&address).unwrap();
                        stream
                            .set_read_timeout(Some(Duration::from_secs(5)))
                            .unwrap();
                        let answers: Vec<_> = (0..3).map(|_| ask(&mut stream)).collect();
                        all_answered.wait();
                        answers
                    })
                })
                .collect();
            for client in burst {
                let answers = client.join().unwrap();
                for answer in answers {
                    assert_eq!(answer.expect("an answer within 5 s"), "HTTP/1.1 200");
                }
            }
        });
        let elapsed = started.elapsed();
        assert!(
            elapsed < Duration::from_secs(2),
            "round {round}: a client waited {elapsed:?}"
        );
    }
    drop(held);
}
