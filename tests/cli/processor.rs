//! The processor, proved over HTTP against `serve`: update modes, compare-and-set, JSON
//! Schemas, the access policy, objects written by the Python tool, racing processors, a crash
//! at every request, the request budget, and `update --wait`.
//!
//! Updates that the CLI would refuse are posted "by hand" through the server's database, as a
//! GitHub user (or another client) would through the web UI or the API.

mod access;
mod budget;
mod compare_and_set;
mod crashes;
mod modes;
mod python_objects;
mod races;
mod schema;
mod update_wait;

use gh_store::tracker::{Comment, Issue, IssuePatch, IssueState, Tracker};
use serde_json::{json, Value};

use crate::harness::{Run, Sandbox};

const REACTIONS: &str = "/repos/{owner}/{repo}/issues/comments/{comment_id}/reactions";
const ISSUE: &str = "/repos/{owner}/{repo}/issues/{issue_number}";
const ISSUES: &str = "/repos/{owner}/{repo}/issues";
const COMMENTS: &str = "/repos/{owner}/{repo}/issues/{issue_number}/comments";
const CONTENTS: &str = "/repos/{owner}/{repo}/contents/{path}";

// ---------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------

/// The issue of a live object.
fn issue_of(s: &Sandbox, id: &str) -> Issue {
    let mut issues: Vec<Issue> = s
        .remote()
        .issues_of(id)
        .into_iter()
        .filter(|i| !i.has_label("archived"))
        .collect();
    assert_eq!(issues.len(), 1, "one issue for {id}");
    issues.remove(0)
}

fn comment(s: &Sandbox, number: u64, id: u64) -> Comment {
    s.remote()
        .comments_on(number)
        .into_iter()
        .find(|c| c.id == id)
        .expect("the comment exists")
}

/// An update envelope as any client would write it.
fn envelope(data: Value, mode: &str, number: u64, if_version: Option<u64>) -> String {
    let mut meta = json!({
        "client_version": "0.11.3",
        "timestamp": "2025-04-14T04:20:01.654321+00:00",
        "update_mode": mode,
        "issue_number": number,
    });
    if let Some(v) = if_version {
        meta["if_version"] = json!(v);
    }
    serde_json::to_string_pretty(&json!({"_data": data, "_meta": meta})).unwrap()
}

/// Posts a comment as `login` and reopens the issue (as alice, who may), as a writer that
/// bypasses the CLI's checks would.
fn post_raw(s: &Sandbox, login: &str, number: u64, body: &str) -> u64 {
    let id = s
        .remote()
        .tracker_as(login)
        .create_comment(number, body)
        .unwrap()
        .id;
    reopen(s, number);
    id
}

fn reopen(s: &Sandbox, number: u64) {
    s.remote()
        .tracker_as("alice")
        .update_issue(
            number,
            &IssuePatch {
                state: Some(IssueState::Open),
                ..IssuePatch::default()
            },
            None,
        )
        .unwrap();
}

/// Queues an update through the CLI; returns the comment id.
fn queue(s: &Sandbox, id: &str, extra: &[&str], change: &str) -> u64 {
    let mut args = vec!["update", id, "--queue"];
    args.extend_from_slice(extra);
    args.push(change);
    let receipt = s.run(&args).success().json();
    assert_eq!(receipt["status"], "pending", "{receipt}");
    receipt["comment_id"].as_u64().unwrap()
}

fn get(s: &Sandbox, id: &str) -> Value {
    s.run(&["get", id]).success().json()
}

/// `process` output: one summary line.
fn process(s: &Sandbox, id: &str) -> (Value, Run) {
    let run = s.run(&["process", id]).success();
    let lines = run.lines();
    assert_eq!(lines.len(), 1, "{}", run.stdout);
    (lines[0].clone(), run)
}

fn create(s: &Sandbox, id: &str, data: &str) -> u64 {
    s.run(&["create", id, data]).success();
    issue_of(s, id).number
}

fn write(s: &Sandbox, path: &str, text: &str) {
    let path = s.path().join(path);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

const PORT_SCHEMA: &str = r#"{
  "type": "object",
  "properties": {"port": {"type": "integer"}},
  "required": ["port"]
}"#;
