//! The CLI against GitHub's API shape over real HTTP (`gh-store serve`, in-process): every
//! command, pagination past 100, renamed repositories, error classes and their exit codes,
//! rate limits and faults (nothing duplicated, lost or applied twice), the request budget of
//! `design-notes.md` §5 counted at the server, and GitHub's schemas for every answer the
//! CLI's traffic received.

mod budget;
mod commands;
mod errors;
mod faults;

use gh_store::serve::{BodyFormat, Fault, FaultAction};
use gh_store::store::ObjectId;
use serde_json::{json, Value};

use crate::harness::{Run, Sandbox};

pub const ISSUES: &str = "/repos/{owner}/{repo}/issues";
pub const ISSUE: &str = "/repos/{owner}/{repo}/issues/{issue_number}";
pub const COMMENTS: &str = "/repos/{owner}/{repo}/issues/{issue_number}/comments";

pub fn ids(listed: &Value) -> Vec<&str> {
    listed
        .as_array()
        .expect("a JSON array")
        .iter()
        .map(|o| o["object_id"].as_str().unwrap())
        .collect()
}

/// Creates objects straight in the server's database, as alice.
pub fn seed(s: &Sandbox, ids: impl IntoIterator<Item = String>) {
    let store = s.remote().store_as("alice");
    for id in ids {
        store
            .create(&ObjectId::parse(&id).unwrap(), json!({ "id": id }))
            .unwrap();
    }
}

/// The object's one issue: a duplicate would fail here.
#[track_caller]
pub fn only_issue(s: &Sandbox, id: &str) -> gh_store::tracker::Issue {
    let mut issues = s.remote().issues_of(id);
    assert_eq!(issues.len(), 1, "exactly one issue for {id:?}: {issues:#?}");
    issues.remove(0)
}

/// An injected error status, answered as JSON or as GitHub's HTML page.
pub fn status(status: u16, format: BodyFormat) -> FaultAction {
    FaultAction::Status { status, format }
}

pub fn inject(s: &Sandbox, method: &str, route: &str, action: FaultAction) {
    s.remote()
        .server
        .inject(Fault::new(action).on(method, route));
}

/// A request straight to the server with alice's token (or another's).
pub fn api_get(s: &Sandbox, path: &str, token: &str) -> Value {
    let url = format!("{}{path}", s.remote().server.base_url());
    let mut response = ureq::get(&url)
        .header("Authorization", &format!("Bearer {token}"))
        .call()
        .unwrap();
    serde_json::from_str(&response.body_mut().read_to_string().unwrap()).unwrap()
}

pub fn core_remaining(s: &Sandbox) -> u64 {
    api_get(s, "/rate_limit", "alice-token")["resources"]["core"]["remaining"]
        .as_u64()
        .unwrap()
}

/// stderr says one readable thing: one `error:` line, no HTML, then only hints.
#[track_caller]
pub fn one_line_error(run: &Run) {
    let mut lines = run.stderr.lines().filter(|l| !l.starts_with("gh-store: "));
    let first = lines.next().unwrap_or("");
    assert!(first.starts_with("error: "), "{}", run.stderr);
    assert!(!run.stderr.contains('<'), "no markup: {}", run.stderr);
    for line in lines {
        assert!(
            line.starts_with("hint: ") || line.starts_with("caused by: "),
            "one error line: {}",
            run.stderr
        );
    }
}
