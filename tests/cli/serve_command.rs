//! `gh-store serve` as a user starts it: the binary, its URL line on stdout, and another
//! gh-store reading the served store over HTTP.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use crate::harness::{in_clean_home, BIN};

/// Kills the server when the test ends, however it ends.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn start(mut command: Command) -> (Server, String) {
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let mut url = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut url)
        .unwrap();
    (Server(child), url.trim().to_string())
}

/// `-R` names the served repository; it must not switch `serve` away from the local store
/// that `GH_STORE_LOCAL` names (the flag outranks the variable for every other command).
#[test]
fn serve_serves_the_store_named_by_the_environment_under_the_repository_of_r() {
    let home = tempfile::tempdir().unwrap();
    let store = home.path().join("shared.db");
    // Every command here sees only HOME and what it is given.
    let gh_store = |env: &[(&str, &str)], args: &[&str]| {
        let mut command = Command::new(BIN);
        command
            .env_clear()
            .env("HOME", home.path())
            .envs(env.iter().copied())
            .args(args);
        command
    };
    let store_env = [("GH_STORE_LOCAL", store.to_str().unwrap())];

    let store_path = store_env[0].1;
    // As the owner: like GitHub, the local store drops the labels of users without push access.
    let created = gh_store(
        &[],
        &[
            "--local",
            store_path,
            "-R",
            "octo/data",
            "--as",
            "octo",
            "create",
            "cfg",
            r#"{"port": 8080}"#,
        ],
    )
    .output()
    .unwrap();
    assert!(
        created.status.success(),
        "{}",
        String::from_utf8_lossy(&created.stderr)
    );

    let (_server, url) = start(gh_store(
        &store_env,
        &["serve", "-R", "octo/data", "--user", "octo:dev-token"],
    ));
    assert!(url.starts_with("http://127.0.0.1:"), "{url:?}");

    let got = gh_store(
        &[("GH_TOKEN", "dev-token")],
        &["--api-url", &url, "-R", "octo/data", "get", "cfg", "--data"],
    )
    .output()
    .unwrap();
    assert!(
        got.status.success(),
        "{}",
        String::from_utf8_lossy(&got.stderr)
    );
    let data: serde_json::Value = serde_json::from_slice(&got.stdout).unwrap();
    assert_eq!(data, serde_json::json!({ "port": 8080 }));
}

/// The example of `serve --help` that starts a server and reads its URL returns (serve
/// keeps running; the shell must not wait for it), and the URL it reads answers.
#[cfg(unix)]
#[test]
fn the_serve_example_in_the_help_returns_with_the_url() {
    let help = Command::new(BIN)
        .args(["serve", "--help"])
        .output()
        .unwrap();
    let help = String::from_utf8(help.stdout).unwrap();
    // Two lines: the start in the background, then the wait for its URL.
    let lines: Vec<&str> = help.lines().map(str::trim).collect();
    let at = lines
        .iter()
        .position(|line| line.contains("--latency 100ms"))
        .expect("the example");
    let example = lines[at..at + 2].join("\n");
    let home = tempfile::tempdir().unwrap();
    let script = format!(
        "set -e; {example}\n\
         echo \"url=$url\"\n\
         gh-store --api-url \"$url\" -R octo/store list >/dev/null && echo answered\n\
         kill $!"
    );
    let output = in_clean_home(home.path(), &["timeout", "20", "bash", "-c", &script])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{example}\nexit {:?}\nstdout: {stdout}\nstderr: {}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(stdout.contains("url=http://127.0.0.1:"), "{stdout}");
    assert!(stdout.contains("answered"), "{stdout}");
}

/// `--bind localhost:PORT` resolves the name (IPv4 first); a bare port binds the loopback
/// address; anything else is a one-line usage error.
#[test]
fn serve_binds_a_host_name_or_a_bare_port() {
    let home = tempfile::tempdir().unwrap();
    let serve = |bind: &str| {
        let mut command = Command::new(BIN);
        command
            .env_clear()
            .env("HOME", home.path())
            .args([
                "--local",
                "s.db",
                "serve",
                "-R",
                "octo/data",
                "--user",
                "octo:tok",
            ])
            .args(["--bind", bind])
            .current_dir(home.path());
        command
    };
    for bind in ["localhost:0", "0"] {
        let (_server, url) = start(serve(bind));
        assert!(url.starts_with("http://127.0.0.1:"), "{bind}: {url}");
        let listed = Command::new(BIN)
            .env_clear()
            .env("HOME", home.path())
            .env("GH_TOKEN", "tok")
            .args(["--api-url", &url, "-R", "octo/data", "list"])
            .output()
            .unwrap();
        assert!(listed.status.success(), "{bind}: {listed:?}");
    }
    let refused = serve("localhost").output().unwrap();
    assert_eq!(refused.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(
        stderr.starts_with("error: invalid value 'localhost'") && stderr.contains("HOST:PORT"),
        "{stderr}"
    );
}
