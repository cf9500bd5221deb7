//! What users read, kept in golden files under `tests/golden/cli/` so that a change of
//! wording shows in review: every command's `--help`, and representative `error:`/`hint:`
//! outputs. Stale files fail `generated`; `UPDATE_GENERATED=1 cargo test --test cli
//! generated` rewrites them.

use std::path::PathBuf;

use clap::CommandFactory;
use gh_store::serve::{BodyFormat, Fault, FaultAction, ServeOptions};

use crate::generated::ensure_files;
use crate::harness::{Run, Sandbox, REPO};

const GOLDEN: &str = "tests/golden/cli";

#[test]
fn generated_help_of_every_command() {
    let s = Sandbox::local();
    let mut files = Vec::new();
    for path in command_paths(&gh_store::cli::Cli::command(), Vec::new()) {
        let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
        args.push("--help");
        let help = s.run(&args).success().stdout;
        let name = match path.is_empty() {
            true => "gh-store".to_string(),
            false => format!("gh-store-{}", path.join("-")),
        };
        files.push(golden(&format!("help/{name}.txt"), help));
    }
    ensure_files(files);
}

/// The path of every command under `command`, itself first (clap's own `help` left out).
fn command_paths(command: &clap::Command, path: Vec<String>) -> Vec<Vec<String>> {
    let mut paths = vec![path.clone()];
    for sub in command.get_subcommands().filter(|c| c.get_name() != "help") {
        let mut sub_path = path.clone();
        sub_path.push(sub.get_name().to_string());
        paths.extend(command_paths(sub, sub_path));
    }
    paths
}

#[test]
fn generated_errors_and_hints() {
    let mut files = Vec::new();
    let mut keep = |name: &str, s: &Sandbox, args: &[&str], run: Run| {
        let shown = format!(
            "$ gh-store {}\nexit {}\n{}",
            args.iter().map(|a| quoted(a)).collect::<Vec<_>>().join(" "),
            run.code,
            scrub(s, &run.stderr)
        );
        files.push(golden(&format!("errors/{name}.txt"), shown));
    };

    let local = Sandbox::local();
    local.run(&["create", "cfg", r#"{"port": 80}"#]).success();
    let cases: &[(&str, &[&str])] = &[
        ("bad-json", &["create", "x", r#"{"port": 80"#]),
        ("not-an-object", &["create", "x", "[1]"]),
        ("bad-id", &["get", "a,b"]),
        ("unknown-object", &["get", "missing"]),
        (
            "stale-if-version",
            &["update", "cfg", "--if-version", "7", "{}"],
        ),
        (
            "wait-timeout-as-next-argument",
            &["update", "cfg", "--wait", "1s", r#"{"n": 1}"#],
        ),
        ("process-without-target", &["process"]),
        ("bad-duration", &["watch", "--interval", "soon"]),
    ];
    for (name, args) in cases {
        keep(name, &local, args, local.run(args));
    }

    let mut github = Sandbox::github();
    github.run(&["create", "a", "{}"]).success();
    // Nothing processes it: the wait runs out.
    let args = ["update", "a", "--wait=1s", r#"{"n": 1}"#];
    keep("wait-timeout", &github, &args, github.run(&args));

    github.remote().server.inject(
        Fault::new(FaultAction::Status {
            status: 422,
            format: BodyFormat::Json,
        })
        .on(
            "POST",
            "/repos/{owner}/{repo}/issues/{issue_number}/comments",
        ),
    );
    let args = ["update", "a", "{}"];
    keep("validation-failed-422", &github, &args, github.run(&args));

    let repo_flag = github.args.iter().position(|a| a == REPO).unwrap();
    github.args[repo_flag] = "alice/nope".into();
    let args = ["get", "a"];
    keep(
        "repository-not-found-404",
        &github,
        &args,
        github.run(&args),
    );
    github.args.drain(repo_flag - 1..=repo_flag);
    let args = ["list"];
    keep("missing-repository", &github, &args, github.run(&args));

    let mut tokenless = Sandbox::github();
    tokenless.extra_env.retain(|(name, _)| name != "GH_TOKEN");
    let args = ["create", "a", "{}"];
    keep("missing-token", &tokenless, &args, tokenless.run(&args));

    let limited = Sandbox::github_with(ServeOptions {
        rate_limit: 1,
        ..ServeOptions::default()
    });
    limited.run(&["get", "a"]);
    let args = ["--max-wait", "0s", "get", "a"];
    keep("rate-limited", &limited, &args, limited.run(&args));

    ensure_files(files);
}

fn golden(name: &str, contents: String) -> (PathBuf, Vec<u8>) {
    (PathBuf::from(GOLDEN).join(name), contents.into_bytes())
}

/// An argument as a shell would need it.
fn quoted(arg: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "-_.,=/:".contains(c);
    match arg.chars().all(plain) && !arg.is_empty() {
        true => arg.to_string(),
        false => format!("'{arg}'"),
    }
}

/// What differs from run to run: the sandbox's directory, the server's address, and times
/// (GitHub's `YYYY-MM-DDTHH:MM:SSZ`).
fn scrub(s: &Sandbox, text: &str) -> String {
    let mut text = text.replace(&s.path().display().to_string(), "$SANDBOX");
    if let Some(remote) = &s.remote {
        text = text.replace(remote.server.base_url(), "$API_URL");
    }
    scrub_times(&text)
}

fn scrub_times(text: &str) -> String {
    const SHAPE: &[u8] = b"dddd-dd-ddTdd:dd:ddZ";
    let is_time = |window: &[u8]| {
        window.iter().zip(SHAPE).all(|(&c, &want)| match want {
            b'd' => c.is_ascii_digit(),
            _ => c == want,
        })
    };
    let bytes = text.as_bytes();
    let (mut scrubbed, mut copied, mut at) = (String::new(), 0, 0);
    while at + SHAPE.len() <= bytes.len() {
        if is_time(&bytes[at..at + SHAPE.len()]) {
            scrubbed.push_str(&text[copied..at]);
            scrubbed.push_str("$TIME");
            at += SHAPE.len();
            copied = at;
        } else {
            at += 1;
        }
    }
    scrubbed.push_str(&text[copied..]);
    scrubbed
}
