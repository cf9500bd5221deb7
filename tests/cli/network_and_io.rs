//! The edges users meet first: a server that never answers, a host that does not resolve,
//! a full disk behind stdout, a missing token, Ctrl-C during a wait.

use std::time::{Duration, Instant};

use gh_store::serve::{Fault, FaultAction, Trigger};
use serde_json::json;

use crate::github_api::ISSUE;
use crate::harness::{finish, spawn, Sandbox};

/// A server that accepts and never answers: the error names the host, the request and the
/// time waited, within the configured timeout (one retry), not minutes later.
#[test]
fn a_silent_server_is_named_with_the_request_and_the_time_waited() {
    let mut s = Sandbox::github();
    s.run(&["create", "cfg", "{}"]).success();
    s.remote()
        .server
        .inject(Fault::new(FaultAction::Delay { millis: 5_000 }).when(Trigger::Every));
    s.extra_env
        .push(("GH_STORE_HTTP_TIMEOUT".into(), "1s".into()));
    let started = Instant::now();
    let run = s.run(&["get", "cfg"]).code(7);
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "gave up after {:?}",
        started.elapsed()
    );
    let first = run.stderr.lines().next().unwrap_or("");
    assert!(
        first.starts_with("error: 127.0.0.1")
            && first.contains("did not answer within 1s")
            && first.contains("GET /repos/alice/store/issues"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("GH_STORE_HTTP_TIMEOUT"),
        "{}",
        run.stderr
    );
    s.remote().server.clear_faults();
}

/// A host that does not resolve is named.
#[test]
fn a_host_that_does_not_resolve_is_named() {
    let mut s = Sandbox::local();
    s.args.clear();
    let run = s
        .run(&[
            "--api-url",
            "http://nonexistent.invalid",
            "-R",
            "octo-org/settings",
            "list",
        ])
        .code(1);
    let first = run.stderr.lines().next().unwrap_or("");
    assert!(
        first.starts_with("error: ") && first.contains("nonexistent.invalid"),
        "{}",
        run.stderr
    );
}

/// A full disk behind stdout is an error that says so; a closed pipe is not.
#[cfg(target_os = "linux")]
#[test]
fn a_failed_write_to_stdout_says_so() {
    let s = Sandbox::local();
    s.run(&["create", "cfg", r#"{"a": 1}"#]).success();
    let mut command = s.command(&["get", "cfg"]);
    command.stdout(std::fs::File::create("/dev/full").unwrap());
    let output = command.output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert_eq!(
        stderr.lines().next().unwrap_or(""),
        "error: cannot write to stdout: No space left on device",
        "{stderr}"
    );
}

/// No token and a refused token are different stories, each with its own hint.
#[test]
fn a_missing_token_and_a_refused_token_say_different_things() {
    let mut s = Sandbox::github();
    s.extra_env.clear();
    let missing = s.run(&["create", "cfg", "{}"]).code(4);
    assert!(
        missing.stderr.contains("no token was found"),
        "{}",
        missing.stderr
    );
    assert!(
        !missing.stderr.contains("refused the token")
            && !missing.stderr.contains("replace it")
            && !missing.stderr.contains("the token came from"),
        "{}",
        missing.stderr
    );
    s.extra_env = vec![("GH_TOKEN".into(), "wrong-token".into())];
    let refused = s.run(&["create", "cfg", "{}"]).code(4);
    assert!(
        refused.stderr.contains("the token came from env GH_TOKEN")
            && refused.stderr.contains("refused the token"),
        "{}",
        refused.stderr
    );
    assert!(
        !refused.stderr.contains("no token was found"),
        "{}",
        refused.stderr
    );
}

/// Ctrl-C while `update --wait` waits: exit 130, and the update is said to be still queued.
#[cfg(unix)]
#[test]
fn ctrl_c_during_update_wait_says_the_update_is_still_queued() {
    extern "C" {
        fn kill(pid: i32, signal: i32) -> i32;
    }
    const SIGINT: i32 = 2;
    let s = Sandbox::github();
    s.run(&["create", "cfg", "{}"]).success();
    let child = spawn(&s, &["update", "cfg", "--wait=30s", r#"{"a": 1}"#]);
    let deadline = Instant::now() + Duration::from_secs(10);
    while s.remote().issues_of("cfg")[0].state != gh_store::tracker::IssueState::Open {
        assert!(Instant::now() < deadline, "never queued");
        std::thread::sleep(Duration::from_millis(20));
    }
    // Every read of the issue after its reopen is a poll of the wait: hold one, so that
    // the signal lands while gate-stuck in the wait (its Ctrl-C handler installed).
    s.remote().server.inject(
        Fault::new(FaultAction::Hold {
            gate: "poll".into(),
        })
        .on("GET", ISSUE)
        .when(Trigger::Nth(1)),
    );
    let held = s
        .remote()
        .server
        .wait_until_held("poll", 1, Duration::from_secs(10));
    assert_eq!(held, 1, "the wait never polled");
    let pid = i32::try_from(child.id()).unwrap();
    assert_eq!(unsafe { kill(pid, SIGINT) }, 0);
    let interrupted = Instant::now();
    s.remote().server.open_gate("poll");
    let run = finish(child);
    assert!(interrupted.elapsed() < Duration::from_secs(3));
    assert_eq!(run.code, 130, "{}", run.stderr);
    assert!(
        run.stderr.contains("still queued") && run.stderr.contains("issue #1"),
        "{}",
        run.stderr
    );
    assert_eq!(
        s.run(&["update", "cfg", "--apply", "{}"]).success().json()["data"],
        json!({"a": 1}),
        "the update was left for the processor"
    );
}

/// `gh-store config` names the variable the acting user's default came from.
#[test]
fn config_names_the_variable_the_user_came_from() {
    let mut s = Sandbox::local();
    let row = |s: &Sandbox| {
        s.run(&["config"])
            .success()
            .stdout
            .lines()
            .find(|l| l.starts_with("user "))
            .unwrap()
            .to_string()
    };
    assert!(row(&s).ends_with("(default, from env USER)"), "{}", row(&s));
    s.extra_env = vec![("USERNAME".into(), "zed".into())];
    let line = row(&s);
    assert!(
        line.contains("zed") && line.ends_with("(default, from env USERNAME)"),
        "{line}"
    );
}

/// On a terminal a request left unanswered for over a second shows what gh-store waits
/// for (host and request), cleared when the answer comes; a quick one shows nothing.
#[test]
fn a_slow_answer_shows_what_is_awaited_on_a_terminal() {
    let mut s = Sandbox::github();
    // A dumb terminal gets no spinner at all.
    s.extra_env.push(("TERM".into(), "xterm".into()));
    s.run(&["create", "cfg", "{}"]).success();
    let quick = s.run_on_terminal(120, &["get", "cfg"]);
    assert!(!quick.stderr.contains("waiting for"), "{}", quick.stderr);
    s.remote()
        .server
        .inject(Fault::new(FaultAction::Delay { millis: 2_500 }).when(Trigger::Nth(1)));
    let slow = s.run_on_terminal(120, &["get", "cfg"]);
    s.remote().server.clear_faults();
    assert_eq!(slow.code, 0, "{}", slow.stderr);
    let shown = slow.stdout + &slow.stderr;
    assert!(
        shown.contains("waiting for 127.0.0.1") && shown.contains("(GET /repos/alice/store/"),
        "{shown}"
    );
}
