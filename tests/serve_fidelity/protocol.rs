//! What GitHub does around every endpoint: User-Agent, API versions, bodies, headers,
//! keep-alive, conditional requests, redirects of renamed repositories, file contents.

use base64::Engine;
use serde_json::json;

use super::support::{self, ALICE_TOKEN};

const ISSUES: &str = "/repos/octo/store/issues";

#[test]
fn user_agent_is_required_as_on_github() {
    let h = support::start();
    let answer = h
        .raw("GET /repos/octo/store HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .expect("an answer");
    assert!(answer.starts_with("HTTP/1.1 403"), "{answer}");
    assert!(answer
        .to_ascii_lowercase()
        .contains("content-type: text/html"));
    assert!(answer.contains("Request forbidden by administrative rules. Please make sure your request has a User-Agent header"));
}

#[test]
fn api_versions_are_checked_and_echoed() {
    let h = support::start();
    let pinned = h
        .call("GET", "/repos/octo/store")
        .header("x-github-api-version", "2022-11-28")
        .send();
    assert_eq!(pinned.status, 200);
    assert_eq!(
        pinned.header("x-github-api-version-selected"),
        Some("2022-11-28")
    );
    assert_eq!(
        h.get("/repos/octo/store")
            .header("x-github-api-version-selected"),
        Some("2022-11-28")
    );
    let unknown = h
        .call("GET", "/repos/octo/store")
        .header("x-github-api-version", "2099-01-01")
        .send();
    assert_eq!(unknown.status, 400);
    h.check_schemas();
}

#[test]
fn bodies_are_json_whatever_the_content_type() {
    let h = support::start();
    let plain = h
        .call("POST", ISSUES)
        .header("content-type", "text/plain;charset=UTF-8")
        .raw_body(r#"{"title":"from fetch"}"#)
        .send();
    assert_eq!(plain.status, 201);

    let broken = h.call("POST", ISSUES).raw_body("{\"title\":").send();
    assert_eq!(broken.status, 400);
    assert_eq!(broken.json()["message"], "Problems parsing JSON");
    let array = h.call("POST", ISSUES).raw_body("[1, 2]").send();
    assert_eq!(array.status, 400);
    assert_eq!(array.json()["message"], "Body should be a JSON object");

    // A body-less PUT, as octokit sends to lock an issue.
    let lock = h
        .call("PUT", "/repos/octo/store/issues/1/lock")
        .header("content-type", "application/x-www-form-urlencoded")
        .send();
    assert_eq!(lock.status, 204);
    assert_eq!(h.get("/repos/octo/store/issues/1").json()["locked"], true);
    h.check_schemas();
}

#[test]
fn every_answer_carries_githubs_headers() {
    let h = support::start();
    let created = h.post(ISSUES, json!({"title": "Headers"}));
    let read = h.get("/repos/octo/store/issues/1");
    for reply in [&created, &read] {
        assert_eq!(
            reply.header("content-type"),
            Some("application/json; charset=utf-8")
        );
        assert_eq!(
            reply.header("x-github-media-type"),
            Some("github.v3; format=json")
        );
        assert_eq!(
            reply.header("cache-control"),
            Some("private, max-age=60, s-maxage=60")
        );
        let etag = reply.header("etag").unwrap();
        assert!(
            etag.starts_with('"') && etag.ends_with('"') && etag.len() == 42,
            "{etag}"
        );
        assert!(reply.has_header("vary"));
        assert!(reply.has_header("x-github-request-id"));
        assert_eq!(reply.header("x-oauth-scopes"), Some("repo"));
        assert!(reply
            .header("access-control-expose-headers")
            .unwrap()
            .contains("Link"));
        assert_eq!(reply.header("x-ratelimit-resource"), Some("core"));
        assert_eq!(reply.header("x-ratelimit-limit"), Some("5000"));
        for name in [
            "x-ratelimit-remaining",
            "x-ratelimit-used",
            "x-ratelimit-reset",
        ] {
            let value: i64 = reply.header(name).unwrap().parse().unwrap();
            assert!(value >= 0);
        }
    }
    let reset: i64 = read.header("x-ratelimit-reset").unwrap().parse().unwrap();
    assert!(reset > 1_600_000_000, "epoch seconds");
    assert_eq!(created.header("location"), created.json()["url"].as_str());
    assert!(!read.has_header("location"));
    assert_ne!(
        created.header("x-github-request-id"),
        read.header("x-github-request-id")
    );

    let invalid = h.post(ISSUES, json!({}));
    let missing = h.get("/repos/octo/store/issues/99");
    for reply in [&invalid, &missing] {
        assert!(!reply.has_header("etag"));
        assert!(!reply.has_header("cache-control"));
    }
    assert_eq!(
        missing.json(),
        json!({"message": "Not Found",
               "documentation_url": "https://docs.github.com/rest/issues/issues#get-an-issue",
               "status": "404"})
    );
    let unknown_route = h.get("/repos/octo/store/nothing");
    assert_eq!(unknown_route.json()["status"], "404");
    h.check_schemas();
}

#[test]
fn etags_answer_304_without_spending_the_rate_limit() {
    let h = support::start();
    h.issue("Cached", &[]);
    let first = h.get(ISSUES);
    let etag = first.header("etag").unwrap().to_string();
    let remaining = first.ratelimit_remaining();
    h.server.reset_stats();

    let cached = h.call("GET", ISSUES).header("if-none-match", &etag).send();
    assert_eq!(cached.status, 304);
    assert!(cached.body.is_empty());
    assert_eq!(cached.ratelimit_remaining(), remaining);
    assert_eq!(cached.header("etag"), Some(etag.as_str()));
    let weak = h
        .call("GET", ISSUES)
        .header("if-none-match", &format!("W/{etag}"))
        .send();
    assert_eq!(weak.status, 304);

    let stats = h.server.stats();
    assert_eq!((stats.total, stats.not_modified), (2, 2));

    // A change gives a new ETag, and a full answer that spends one request.
    h.issue("Changed", &[]);
    let changed = h.call("GET", ISSUES).header("if-none-match", &etag).send();
    assert_eq!(changed.status, 200);
    assert_ne!(changed.header("etag"), Some(etag.as_str()));
    assert_eq!(changed.ratelimit_remaining(), remaining - 2);
    h.check_schemas();
}

#[test]
fn renamed_repositories_redirect_reads_301_and_writes_307() {
    let h = support::start();
    let n = h.issue("Moved", &[]);
    let id = h.repo_id();
    h.db.rename_repository(id, "octo/renamed").unwrap();
    let location = format!(
        "{}/repositories/{id}/issues?state=all&labels=a%2Cb",
        h.base()
    );

    let read = h.get("/repos/octo/store/issues?state=all&labels=a%2Cb");
    assert_eq!(read.status, 301);
    assert_eq!(read.header("location"), Some(location.as_str()));
    assert_eq!(
        read.json(),
        json!({"message": "Moved Permanently", "url": location,
               "documentation_url": "https://docs.github.com/v3/#http-redirects"})
    );
    assert!(!read.has_header("etag") && !read.has_header("cache-control"));

    let write = h.patch(
        &format!("/repos/octo/store/issues/{n}"),
        json!({"title": "Still moved"}),
    );
    assert_eq!(write.status, 307);
    assert_eq!(write.json()["message"], "Moved Permanently");
    let target = write.header("location").unwrap().to_string();
    assert_eq!(target, format!("{}/repositories/{id}/issues/{n}", h.base()));
    // The client re-sends the same request to the Location.
    let resent = h.patch(&target, json!({"title": "Still moved"}));
    assert_eq!(resent.status, 200);
    assert_eq!(
        resent.json()["repository_url"],
        format!("{}/repos/octo/renamed", h.base())
    );

    let whole = h.get("/api/v3/repos/octo/store");
    assert_eq!(
        whole.header("location"),
        Some(format!("{}/api/v3/repositories/{id}", h.base()).as_str())
    );
    assert_eq!(
        h.get("/repos/octo/renamed").json()["full_name"],
        "octo/renamed"
    );

    // The owner can rename through the API too.
    let renamed = h.patch("/repos/octo/renamed", json!({"name": "again"}));
    assert_eq!(renamed.json()["full_name"], "octo/again");
    let refused = h
        .call("PATCH", "/repos/octo/again")
        .token(ALICE_TOKEN)
        .json(json!({"name": "mine"}))
        .send();
    assert_eq!(refused.status, 403);
    h.check_schemas();
}

#[test]
fn file_contents_come_as_base64_json_or_raw() {
    let h = support::start();
    let text: String = (0..30).map(|i| format!("* @owner{i}\n")).collect();
    h.db.put_file(h.repo_id(), ".github/CODEOWNERS", text.as_bytes())
        .unwrap();
    let url = "/repos/octo/store/contents/.github/CODEOWNERS";

    let file = h.get(url).json();
    assert_eq!(file["type"], "file");
    assert_eq!(file["encoding"], "base64");
    assert_eq!(file["path"], ".github/CODEOWNERS");
    assert_eq!(file["name"], "CODEOWNERS");
    assert_eq!(file["size"], text.len());
    let content = file["content"].as_str().unwrap();
    assert!(content.lines().all(|line| line.len() <= 60));
    assert!(content.ends_with('\n'));
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(content.replace('\n', ""))
        .unwrap();
    assert_eq!(decoded, text.as_bytes());

    for accept in [
        "application/vnd.github.raw+json",
        "application/vnd.github.v3.raw",
    ] {
        let raw = h.call("GET", url).header("accept", accept).send();
        assert_eq!(raw.status, 200);
        assert_eq!(raw.text(), text);
        assert_eq!(
            raw.header("content-type").unwrap(),
            format!("{accept}; charset=utf-8")
        );
        assert_eq!(
            raw.header("x-github-media-type"),
            Some("github.v3; param=raw")
        );
        assert_eq!(
            raw.header("etag").unwrap(),
            format!("\"{}\"", file["sha"].as_str().unwrap())
        );
    }
    assert_eq!(h.get("/repos/octo/store/contents/CODEOWNERS").status, 404);
    assert_eq!(h.get(&format!("{url}?ref=other-branch")).status, 404);
    assert_eq!(h.get(&format!("{url}?ref=main")).status, 200);
    h.check_schemas();
}

#[test]
fn connections_are_kept_alive_and_head_has_no_body() {
    let h = support::start();
    let request = |extra: &str| {
        format!(
            "GET /repos/octo/store HTTP/1.1\r\nHost: {}\r\nUser-Agent: raw\r\n\
             Authorization: token {}\r\n{extra}\r\n",
            h.base().trim_start_matches("http://"),
            support::OWNER_TOKEN
        )
    };
    let both = format!("{}{}", request(""), request("Connection: close\r\n"));
    let answers = h.raw(&both).expect("answers");
    assert_eq!(answers.matches("HTTP/1.1 200").count(), 2, "{answers}");

    let head = h.call("HEAD", "/repos/octo/store").send();
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    assert!(head.has_header("etag"));
    assert_eq!(h.server.stats().route("HEAD", "/repos/{owner}/{repo}"), 1);
}

/// Answers leave at once: tiny_http writes head and body separately, and without
/// `TCP_NODELAY` each answer would wait for the client's delayed ACK (40 ms).
#[test]
fn answers_are_not_held_back_by_nagle() {
    let h = support::start();
    h.get("/repos/octo/store");
    let started = std::time::Instant::now();
    for _ in 0..20 {
        assert_eq!(h.get("/repos/octo/store").status, 200);
    }
    let elapsed = started.elapsed();
    assert!(
        elapsed < std::time::Duration::from_millis(500),
        "{elapsed:?} for 20 requests"
    );
}
