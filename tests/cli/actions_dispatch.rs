//! Updates queued inside GitHub Actions with its GITHUB_TOKEN ask for the processor with a
//! `repository_dispatch` (the reopen starts no workflow); elsewhere they do not.

use gh_store::serve::BodyFormat;
use serde_json::Value;

use crate::github_api::{inject, status};
use crate::harness::Sandbox;

const DISPATCHES: &str = "/repos/{owner}/{repo}/dispatches";

/// A GitHub sandbox whose token arrives as an Actions job's does, in GITHUB_TOKEN.
fn sandbox(in_actions: bool) -> Sandbox {
    let mut s = Sandbox::github();
    s.extra_env.retain(|(name, _)| name != "GH_TOKEN");
    s.extra_env
        .push(("GITHUB_TOKEN".into(), "alice-token".into()));
    if in_actions {
        s.extra_env.push(("GITHUB_ACTIONS".into(), "true".into()));
    }
    s
}

/// What the server received, through its control API.
fn dispatches(s: &Sandbox) -> Vec<Value> {
    let url = format!("{}/_gh-store/dispatches", s.remote().server.base_url());
    let mut response = ureq::get(&url).call().unwrap();
    serde_json::from_str(&response.body_mut().read_to_string().unwrap()).unwrap()
}

#[test]
fn a_queued_update_inside_actions_sends_one_dispatch_for_its_object() {
    let s = sandbox(true);
    s.run(&["create", "cfg", r#"{"n": 1}"#]).success();
    assert!(dispatches(&s).is_empty(), "a create leaves nothing pending");
    let receipt = s.run(&["update", "cfg", r#"{"n": 2}"#]).success();
    assert!(!receipt.stderr.contains("warning"), "{}", receipt.stderr);
    let sent = dispatches(&s);
    assert_eq!(sent.len(), 1, "{sent:#?}");
    assert_eq!(sent[0]["event_type"], "gh-store-update");
    assert_eq!(sent[0]["client_payload"]["object_id"], "cfg");
    assert_eq!(
        sent[0]["client_payload"]["issue_number"],
        receipt.json()["issue_number"]
    );
    // Applied at once: nothing for a processor to do.
    s.run(&["update", "cfg", "--apply", r#"{"n": 3}"#])
        .success();
    assert_eq!(dispatches(&s).len(), 1);
}

#[test]
fn no_dispatch_outside_actions_or_with_another_token() {
    let outside = sandbox(false);
    outside.run(&["create", "cfg", r#"{"n": 1}"#]).success();
    outside.run(&["update", "cfg", r#"{"n": 2}"#]).success();
    assert!(dispatches(&outside).is_empty());

    // In Actions with a token of the user's own (GH_TOKEN): its reopen starts the workflow.
    let mut own_token = Sandbox::github();
    own_token
        .extra_env
        .push(("GITHUB_ACTIONS".into(), "true".into()));
    own_token.run(&["create", "cfg", r#"{"n": 1}"#]).success();
    own_token.run(&["update", "cfg", r#"{"n": 2}"#]).success();
    assert!(dispatches(&own_token).is_empty());
}

#[test]
fn a_refused_dispatch_is_one_note_and_the_update_still_succeeds() {
    let s = sandbox(true);
    s.run(&["create", "cfg", r#"{"n": 1}"#]).success();
    inject(&s, "POST", DISPATCHES, status(403, BodyFormat::Json));
    let run = s.run(&["update", "cfg", r#"{"n": 2}"#]).success();
    assert_eq!(run.json()["status"], "pending");
    let notes: Vec<&str> = run
        .stderr
        .lines()
        .filter(|line| line.starts_with("warning:"))
        .collect();
    assert_eq!(notes.len(), 1, "{}", run.stderr);
    assert!(notes[0].contains("the scheduled sweep will pick the update up"));
    assert!(!run.stderr.contains("alice-token"));
    assert!(dispatches(&s).is_empty());
}
