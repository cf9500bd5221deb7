//! Acting as a GitHub App: the JSON web token, the installation token, its cache, and a clear
//! exit 4 naming the part that failed.

use gh_store::serve::{ServeApp, ServeOptions};
use serde_json::json;

use crate::harness::Sandbox;

const APP_ID: &str = "4242";
const BOT: &str = "gh-store-4242[bot]";
const INSTALLATION: &str = "/repos/{owner}/{repo}/installation";
const ACCESS_TOKENS: &str = "/app/installations/{installation_id}/access_tokens";

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// A server with the test App installed, and a client acting as the App with `key_file`
/// (no token at all).
fn sandbox(key_file: &str) -> Sandbox {
    let pem = std::fs::read_to_string(fixture("app-key.pem")).unwrap();
    let mut s = Sandbox::github_with(ServeOptions {
        apps: vec![ServeApp::from_pem(APP_ID.parse().unwrap(), &pem).unwrap()],
        ..ServeOptions::default()
    });
    s.extra_env.retain(|(name, _)| name != "GH_TOKEN");
    s.extra_env.push(("GH_STORE_APP_ID".into(), APP_ID.into()));
    s.extra_env
        .push(("GH_STORE_APP_KEY_FILE".into(), key_file.into()));
    s
}

fn shift_server_clock(s: &Sandbox, seconds: i64) {
    let url = format!("{}/_gh-store/clock", s.remote().server.base_url());
    ureq::post(&url)
        .send_json(json!({ "offset_seconds": seconds }))
        .unwrap();
}

#[test]
fn create_update_and_process_work_as_the_apps_bot() {
    let s = sandbox(&fixture("app-key.pem"));
    // As on GitHub, the bot's comments carry no author association: the processor lets it
    // write only once the access policy names it (as the README tells).
    s.run(&["create", "cfg", r#"{"n": 1}"#]).success();
    let refused = s.run(&["update", "cfg", "--apply", r#"{"n": 2}"#]).code(4);
    assert!(
        refused
            .stderr
            .contains(&format!("{BOT} (NONE) is not allowed")),
        "{}",
        refused.stderr
    );
    std::fs::write(
        s.path().join(".gh-store.yml"),
        format!("access:\n  allow: [\"{BOT}\"]\n"),
    )
    .unwrap();
    s.run(&["process", "cfg"]).success();
    s.run(&["update", "cfg", "--apply", r#"{"n": 2}"#])
        .success();
    let queued = s.run(&["update", "cfg", r#"{"n": 3}"#]).success().json();
    s.run(&["process", "--issue", &queued["issue_number"].to_string()])
        .success();
    let object = s.run(&["get", "cfg"]).success().json();
    assert_eq!(object["data"], json!({"n": 3}));
    assert_eq!(object["version"], 3);
    let issue = &s.remote().issues_of("cfg")[0];
    assert_eq!(issue.user.as_ref().unwrap().login, BOT);
    assert_eq!(issue.state.as_str(), "closed");
    let comments = s.remote().comments_on(issue.number);
    assert!(comments
        .iter()
        .all(|c| c.user.as_ref().unwrap().login == BOT));
}

#[test]
fn the_installation_token_is_kept_for_the_next_run() {
    let s = sandbox(&fixture("app-key.pem"));
    let (_, first) = s.run_counted(&["create", "cfg", "{}"]);
    assert_eq!(first.route("GET", INSTALLATION), 1);
    assert_eq!(first.route("POST", ACCESS_TOKENS), 1);
    let (run, second) = s.run_counted(&["get", "cfg"]);
    run.success();
    assert_eq!(second.route("GET", INSTALLATION), 0);
    assert_eq!(second.route("POST", ACCESS_TOKENS), 0);
    assert_eq!(second.total, 1, "the get alone");
    let cached: Vec<_> = std::fs::read_dir(s.path().join(".cache/gh-store/app-tokens"))
        .unwrap()
        .collect();
    assert_eq!(cached.len(), 1);
}

#[test]
fn a_key_that_is_not_the_apps_is_exit_4_naming_the_token() {
    let s = sandbox(&fixture("app-key-wrong.pem"));
    let run = s
        .run(&["get", "cfg"])
        .code(4)
        .error_mentions("GitHub refused the JSON web token of App 4242");
    assert!(run.stderr.contains("A JSON web token could not be decoded"));
    assert!(!run.stderr.contains("PRIVATE KEY") && !run.stderr.contains("eyJ"));
}

#[test]
fn an_expired_json_web_token_is_exit_4() {
    let s = sandbox(&fixture("app-key.pem"));
    shift_server_clock(&s, 15 * 60);
    s.run(&["get", "cfg"])
        .code(4)
        .error_mentions("'Expiration time' claim ('exp')");
}

#[test]
fn keys_that_cannot_be_used_and_missing_installations_are_exit_4() {
    let s = sandbox(&fixture("no-such-key.pem"));
    s.run(&["get", "cfg"])
        .code(4)
        .error_mentions("the GitHub App private key from env GH_STORE_APP_KEY_FILE: cannot read");

    let mut s = sandbox(&fixture("README.md"));
    s.run(&["get", "cfg"])
        .code(4)
        .error_mentions("is not a PEM file");

    // The PEM itself from the environment, as an Actions secret arrives; the App is not on
    // another repository.
    s.extra_env
        .retain(|(name, _)| name != "GH_STORE_APP_KEY_FILE");
    let pem = std::fs::read_to_string(fixture("app-key.pem")).unwrap();
    s.extra_env.push(("GH_STORE_APP_KEY".into(), pem));
    s.run(&["get", "cfg"]).code(3);
    let other = s.args.iter().position(|a| a == "alice/store").unwrap();
    s.args[other] = "alice/elsewhere".into();
    s.run(&["get", "cfg"])
        .code(4)
        .error_mentions("the GitHub App 4242 is not installed on alice/elsewhere");
}

#[test]
fn half_an_app_is_a_usage_error() {
    let mut s = sandbox(&fixture("app-key.pem"));
    s.extra_env
        .retain(|(name, _)| name != "GH_STORE_APP_KEY_FILE");
    s.run(&["get", "cfg"])
        .code(2)
        .error_mentions("a GitHub App id is set (from env GH_STORE_APP_ID) but no private key");
}
