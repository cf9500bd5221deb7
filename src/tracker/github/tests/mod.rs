//! The GitHub tracker against a scripted server over real HTTP on 127.0.0.1, with the
//! rate-limit clock shortened (one "second" is a millisecond).

mod failures;
mod mock;
mod rate_limits;
mod redirects;
mod requests;

use std::time::Duration;

use serde_json::{json, Value};

use self::mock::MockServer;
use super::rate_limit::Timing;
use super::{GitHubConfig, GitHubTracker, Token};

const FAST: Timing = Timing {
    second: Duration::from_millis(1),
};

const TOKEN: &str = "ghp_s3cret";

fn config(server: &MockServer) -> GitHubConfig {
    let mut config = GitHubConfig::new(&server.base, "octo", "store");
    config.token = Some(Token::new(TOKEN));
    config.retries = 3;
    config.retry_delay = Duration::from_millis(2);
    config.max_wait = Duration::from_secs(5);
    config.timeout = Duration::from_secs(5);
    config
}

fn tracker(server: &MockServer) -> GitHubTracker {
    tracker_with(server, |_| {})
}

fn tracker_with(server: &MockServer, edit: impl FnOnce(&mut GitHubConfig)) -> GitHubTracker {
    let mut config = config(server);
    edit(&mut config);
    GitHubTracker::with_timing(config, FAST).unwrap()
}

fn user_json(login: &str) -> Value {
    json!({ "login": login, "id": 31898046, "type": "User", "site_admin": false })
}

fn issue_json(number: u64, title: &str, body: Option<&str>) -> Value {
    json!({
        "id": 5_000_000_000u64 + number, "number": number, "title": title, "body": body,
        "state": "open", "state_reason": null, "labels": [label_json("stored-object")],
        "user": user_json("octocat"), "author_association": "OWNER", "comments": 0,
        "created_at": "2025-01-02T03:04:05Z", "updated_at": "2025-01-02T03:04:05Z",
        "closed_at": null
    })
}

/// An issue as GitHub answers a write that sent `labels` (a caller with push access).
fn issue_json_labelled(number: u64, title: &str, body: Option<&str>, sent: &Value) -> Value {
    let mut issue = issue_json(number, title, body);
    if let Some(names) = sent["labels"].as_array() {
        issue["labels"] = names
            .iter()
            .map(|name| label_json(name.as_str().unwrap()))
            .collect();
    }
    issue
}

fn comment_json(id: u64, body: &str) -> Value {
    json!({
        "id": id, "body": body, "user": user_json("octocat"), "author_association": "OWNER",
        "created_at": "2025-01-02T03:04:05Z", "updated_at": "2025-01-02T03:04:05Z",
        "reactions": { "url": "x", "total_count": 0, "+1": 0, "-1": 0, "laugh": 0,
                       "hooray": 0, "confused": 0, "heart": 0, "rocket": 0, "eyes": 0 }
    })
}

fn label_json(name: &str) -> Value {
    json!({ "id": 4_341_279_313u64, "name": name, "color": "ededed", "description": null,
            "default": false })
}

fn repository_json(name: &str) -> Value {
    json!({
        "id": 42, "name": name, "full_name": format!("octo/{name}"),
        "owner": { "login": "octo", "id": 1, "type": "Organization" },
        "private": true, "default_branch": "main"
    })
}
