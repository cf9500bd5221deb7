//! The edges of the settings: API URLs that cannot be used, repository names that would be
//! sent as paths, where an API URL really came from, a readable file holding a token, and
//! credentials in an API URL that are never printed.

use crate::harness::Sandbox;

/// The position of `-R`'s value in a GitHub sandbox's arguments.
fn repo_arg(s: &Sandbox) -> usize {
    s.args.iter().position(|a| a == "-R").unwrap() + 1
}

#[test]
fn an_api_url_that_cannot_be_parsed_is_a_usage_error() {
    let mut s = Sandbox::local();
    s.args.clear();
    for url in ["http://[::1", "http://127.0.0.1:1 ", "http://:8080"] {
        let run = s
            .run(&["--api-url", url, "-R", "o/r", "get", "a"])
            .code(2)
            .error_mentions("the API URL");
        assert_eq!(run.stderr.lines().count(), 2, "{}", run.stderr);
        assert!(run.stderr.contains(&format!("{url:?}")), "{}", run.stderr);
    }
}

#[test]
fn repositories_that_would_be_sent_as_paths_are_refused_before_any_request() {
    let mut s = Sandbox::github();
    let at = repo_arg(&s);
    for bad in [
        "alice/..",
        "../x",
        "./x",
        "alice/.",
        "alice/",
        "/store",
        "a b/c",
        "alice/a%2F",
        "a/b/c/d",
    ] {
        s.args[at] = bad.into();
        let (run, stats) = s.run_counted(&["get", "a"]);
        run.code(2).error_mentions(bad);
        assert_eq!(stats.total, 0, "{bad:?} reached the server");
    }
    s.args[at] = "alice/store".into();
    s.extra_env.push(("GH_REPO".into(), "alice/..".into()));
    s.args.drain(at - 1..=at);
    let (run, stats) = s.run_counted(&["get", "a"]);
    run.code(2)
        .error_mentions("invalid repo \"alice/..\" from env GH_REPO");
    assert_eq!(stats.total, 0);
}

#[test]
fn config_says_where_the_api_url_came_from() {
    let mut s = Sandbox::local();
    s.args.clear();
    let config = s
        .run(&["-R", "ghe.example.com/o/r", "config", "--json"])
        .success()
        .json();
    assert_eq!(config["api_url"]["value"], "https://ghe.example.com/api/v3");
    assert_eq!(
        config["api_url"]["source"],
        "host of the repository from flag --repo"
    );

    std::fs::write(
        s.path().join(".gh-store.yml"),
        "repo: ghe.example.com/o/r\n",
    )
    .unwrap();
    let config = s.run(&["config", "--json"]).success().json();
    let source = config["api_url"]["source"].as_str().unwrap();
    assert!(
        source.starts_with("host of the repository from project file "),
        "{source}"
    );

    s.extra_env
        .push(("GH_REPO".into(), "acme.ghe.com/o/r".into()));
    let config = s.run(&["config", "--json"]).success().json();
    assert_eq!(config["api_url"]["value"], "https://api.acme.ghe.com");
    assert_eq!(
        config["api_url"]["source"],
        "host of the repository from env GH_REPO"
    );
    s.extra_env.push(("GH_HOST".into(), "other.example".into()));
    let config = s.run(&["config", "--json"]).success().json();
    assert_eq!(config["api_url"]["source"], "env GH_HOST");
}

#[cfg(unix)]
#[test]
fn a_readable_file_holding_a_token_is_warned_about_even_when_another_token_wins() {
    use std::os::unix::fs::PermissionsExt;
    let mut s = Sandbox::local();
    let file = s.path().join("config.yml");
    std::fs::write(&file, "token: ghp_from_the_file\n").unwrap();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
    s.extra_env
        .push(("GH_STORE_CONFIG".into(), "config.yml".into()));
    s.extra_env.push(("GH_TOKEN".into(), "from-env".into()));
    for command in [&["list"][..], &["config"]] {
        let run = s.run(command).success();
        assert!(
            run.stderr
                .contains("config.yml holds a token and is readable by other users"),
            "{command:?}: {}",
            run.stderr
        );
        assert!(!run.stdout.contains("ghp_from_the_file"));
    }
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
    assert_eq!(s.run(&["list"]).success().stderr, "");
}

#[test]
fn credentials_in_an_api_url_are_never_printed() {
    let mut s = Sandbox::local();
    s.args.clear();
    let url = "http://robot:s3cret-pw@127.0.0.1:1/api/v3";
    let config = s.run(&["--api-url", url, "-R", "o/r", "config"]).success();
    assert!(
        config
            .stdout
            .contains("http://robot:***@127.0.0.1:1/api/v3"),
        "{}",
        config.stdout
    );
    let json = s
        .run(&["--api-url", url, "-R", "o/r", "config", "--json"])
        .success();
    let runs = [
        config,
        json,
        // Refused at once, and after the retries of a connection that fails, with logs.
        s.run(&[
            "--api-url",
            "http://robot:s3cret-pw@[::1",
            "-R",
            "o/r",
            "get",
            "a",
        ])
        .code(2),
        s.run(&["--api-url", url, "-R", "o/r", "-v", "get", "a"])
            .code(1),
        s.run(&[
            "--api-url",
            "http://s3cret-pw@[::1",
            "-R",
            "o/r",
            "get",
            "a",
        ])
        .code(2),
    ];
    for run in runs {
        assert!(
            !run.stdout.contains("s3cret") && !run.stderr.contains("s3cret"),
            "{run:?}"
        );
    }
}

#[test]
fn durations_modes_and_times_are_checked_by_clap_naming_the_flag() {
    let s = Sandbox::local();
    let cases: &[(&[&str], &str)] = &[
        (
            &["update", "a", "--wait=soon", "{}"],
            "'--wait[=<TIMEOUT>]'",
        ),
        (&["watch", "--interval", "1y"], "'--interval <DURATION>'"),
        (&["watch", "--timeout", "later"], "'--timeout <DURATION>'"),
        (&["serve", "--latency", "fast"], "'--latency <DURATION>'"),
        (&["--max-wait", "soon", "list"], "'--max-wait <DURATION>'"),
        (&["list", "--since", "yesterday"], "'--since <TIME>'"),
        (&["update", "a", "--mode", "deep", "{}"], "'--mode <MODE>'"),
    ];
    for (args, flag) in cases {
        let run = s.run(args).code(2);
        assert!(
            run.stderr.starts_with("error: invalid value ") && run.stderr.contains(flag),
            "{args:?}: {}",
            run.stderr
        );
    }
    let run = s.run(&["update", "a", "--mode", "deep", "{}"]);
    assert!(run
        .stderr
        .contains("[possible values: append, merge-patch, json-patch, replace]"));
    // `--wait` alone takes its default: the command runs (and finds no object).
    s.run(&["update", "a", "--wait", "{}"])
        .code(3)
        .error_mentions("not found");
    s.run(&["update", "a", "--wait=90s", "{}"]).code(3);
}
