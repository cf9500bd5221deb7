//! What people see: list filters and the table, history diffs, old versions, colours.

use serde_json::json;

use crate::harness::Sandbox;

fn ids(value: &serde_json::Value) -> Vec<String> {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["object_id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn list_filters_by_state_time_label_and_count() {
    let s = Sandbox::github();
    for id in ["a", "b", "c", "d"] {
        s.run(&["create", id, "{}"]).success();
    }
    s.run(&["update", "b", "--queue", r#"{"x": 1}"#]).success();
    assert_eq!(
        ids(&s.run(&["list", "--state", "pending"]).success().json()),
        ["b"]
    );
    assert_eq!(
        ids(&s.run(&["list", "--state", "stable"]).success().json()),
        ["a", "c", "d"]
    );
    assert_eq!(
        ids(&s.run(&["list", "--limit", "2"]).success().json()),
        ["a", "b"]
    );
    assert_eq!(
        ids(&s.run(&["list", "--since", "2000-01-01"]).success().json()).len(),
        4
    );
    assert_eq!(
        s.run(&["list", "--since", "2999-01-01T00:00:00Z"])
            .success()
            .json(),
        json!([])
    );
    s.run(&["list", "--since", "yesterday"])
        .code(2)
        .error_mentions("--since");

    // An extra label, as a person would add in the web UI.
    let remote = s.remote();
    let tracker = remote.db.tracker(remote.repo_id, "alice").unwrap();
    let number = issue_number(&s, "c");
    tracker
        .add_labels(number, &["team:ops".to_string()])
        .unwrap();
    assert_eq!(
        ids(&s.run(&["list", "--label", "team:ops"]).success().json()),
        ["c"]
    );
}

/// The issue of an object, from the snapshot's `meta` (`get` prints only the envelope).
fn issue_number(s: &Sandbox, id: &str) -> u64 {
    let snapshot = s.run(&["snapshot"]).success().json();
    snapshot["objects"][id]["meta"]["issue_number"]
        .as_u64()
        .unwrap()
}

#[test]
fn table_output_for_people() {
    let s = Sandbox::github();
    s.run(&["create", "stable-one", r#"{"k": 1}"#]).success();
    s.run(&["create", "pending-one", r#"{"k": 1}"#]).success();
    s.run(&["update", "pending-one", "--queue", r#"{"k": 2}"#])
        .success();
    let table = s.run(&["list", "--format", "table"]).success().stdout;
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines.len(), 3, "{table}");
    for column in ["ID", "VERSION", "STATE", "UPDATED", "SIZE"] {
        assert!(lines[0].contains(column), "{table}");
    }
    assert!(lines[1].starts_with("stable-one") && lines[1].contains("stable"));
    assert!(lines[2].starts_with("pending-one") && lines[2].contains("pending"));
    assert!(!table.contains('\u{1b}'), "no colour in a pipe");
    let coloured = s
        .run(&["--color", "always", "list", "--format", "table"])
        .success();
    assert!(coloured.stdout.contains('\u{1b}'), "colour when asked");
}

#[test]
fn json_in_a_pipe_is_coloured_only_when_asked() {
    let mut s = Sandbox::local();
    let created = s.run(&["create", "x", r#"{"a": [1, "two"]}"#]).success();
    assert!(!created.stdout.contains('\u{1b}'), "{}", created.stdout);
    let plain = s.run(&["get", "x"]).success();
    assert!(!plain.stdout.contains('\u{1b}'), "{}", plain.stdout);
    assert_eq!(plain.json()["data"], json!({"a": [1, "two"]}));
    let forced = s.run(&["--color", "always", "get", "x"]).success();
    assert!(
        forced.stdout.contains('\u{1b}'),
        "as jq -C: {}",
        forced.stdout
    );
    s.extra_env.push(("CLICOLOR_FORCE".into(), "1".into()));
    let by_env = s.run(&["get", "x"]).success();
    assert!(by_env.stdout.contains('\u{1b}'), "as gh: {}", by_env.stdout);
    let never = s.run(&["--color", "never", "get", "x"]).success();
    assert_eq!(never.stdout, plain.stdout);
}

#[test]
fn clap_help_and_usage_errors_follow_the_colour_decision() {
    const ESC: char = '\u{1b}';
    let mut s = Sandbox::local();
    let bad = ["list", "--state", "bogus"];
    let always = s.run(&[&["--color", "always"][..], &bad].concat()).code(2);
    assert!(always.stderr.contains(ESC), "{}", always.stderr);
    let help = s.run(&["--color=always", "--help"]).success();
    assert!(help.stdout.contains(ESC), "{}", help.stdout);
    assert!(!s.run(&bad).code(2).stderr.contains(ESC), "none in a pipe");

    s.extra_env.push(("CLICOLOR_FORCE".into(), "1".into()));
    assert!(s.run(&bad).code(2).stderr.contains(ESC), "forced");
    let never = s.run(&[&["--color", "never"][..], &bad].concat()).code(2);
    assert!(!never.stderr.contains(ESC), "{}", never.stderr);
    assert!(never.stderr.starts_with("error: invalid value 'bogus'"));
    let help = s.run(&["--help", "--color", "never"]).success();
    assert!(!help.stdout.contains(ESC), "{}", help.stdout);
}

#[test]
fn history_diff_and_old_versions() {
    let s = Sandbox::github();
    s.run(&[
        "create",
        "cfg",
        r#"{"port": 80, "debug": false, "tags": ["a"]}"#,
    ])
    .success();
    s.run(&["update", "cfg", "--apply", r#"{"port": 8080}"#])
        .success();
    s.run(&[
        "update",
        "cfg",
        "--apply",
        "--mode",
        "merge-patch",
        r#"{"debug": null, "tags": ["a", "b"]}"#,
    ])
    .success();

    let diffs = s.run(&["history", "cfg", "--diff"]).success().json();
    let diffs = diffs.as_array().unwrap();
    assert_eq!(diffs.len(), 3);
    assert_eq!(diffs[0]["version"], 1);
    assert_eq!(
        diffs[0]["patch"],
        json!([{"op": "add", "path": "", "value": {"port": 80, "debug": false, "tags": ["a"]}}])
    );
    assert_eq!(
        diffs[1]["patch"],
        json!([{"op": "replace", "path": "/port", "value": 8080}])
    );
    let ops: Vec<&str> = diffs[2]["patch"]
        .as_array()
        .unwrap()
        .iter()
        .map(|op| op["op"].as_str().unwrap())
        .collect();
    assert!(ops.contains(&"remove"), "{:?}", diffs[2]);
    assert_eq!(diffs[2]["author"], "alice");

    let v1 = s.run(&["get", "cfg", "--at", "1"]).success().json();
    assert_eq!(v1["version"], 1);
    assert_eq!(
        v1["data"],
        json!({"port": 80, "debug": false, "tags": ["a"]})
    );
    let v2 = s
        .run(&["get", "cfg", "--at", "2", "--data"])
        .success()
        .json();
    assert_eq!(v2, json!({"port": 8080, "debug": false, "tags": ["a"]}));
    let v3 = s.run(&["get", "cfg", "--at", "3"]).success().json();
    let now = s.run(&["get", "cfg"]).success().json();
    assert_eq!(v3["data"], now["data"]);
    s.run(&["get", "cfg", "--at", "4"])
        .code(3)
        .error_mentions("no version 4");
}

#[test]
fn help_lists_exit_codes_and_every_command_has_examples() {
    let s = Sandbox::local();
    let help = s.run(&["--help"]).success().stdout;
    for code in ["0 ", "1 ", "2 ", "3 ", "4 ", "5 ", "6 ", "7 ", "130"] {
        assert!(
            help.contains(&format!("  {code}")),
            "exit code {code} in --help"
        );
    }
    for command in [
        "create",
        "get",
        "update",
        "list",
        "history",
        "delete",
        "process",
        "watch",
        "serve",
        "snapshot",
        "config",
        "workflow",
        "completions",
    ] {
        let help = s.run(&[command, "--help"]).success().stdout;
        assert!(help.contains("Examples:"), "{command} --help has examples");
        assert!(help.contains("gh-store"), "{command} --help shows usage");
    }
}

#[test]
fn completions_for_every_shell() {
    let s = Sandbox::local();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let script = s.run(&["completions", shell]).success().stdout;
        assert!(script.contains("snapshot"), "{shell} completes subcommands");
    }
    s.run(&["completions", "tcsh"]).code(2);

    // Installed before anything is configured, or while a config file is broken.
    let config = s.path().join(".config/gh-store");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(config.join("config.yml"), "repo: [unclosed\n").unwrap();
    s.run(&["list"]).code(2);
    s.run(&["completions", "bash"]).success();
}

#[test]
fn workflow_prints_and_installs() {
    let s = Sandbox::local();
    std::fs::create_dir(s.path().join(".git")).unwrap();
    let install = "--install=git=https://example.com/o/gh-store.git@v1.0.0";
    let run = s.run(&["workflow", install]).success();
    assert!(run.stdout.contains("process --issue"));
    assert_eq!(
        run.stderr.trim(),
        "the workflow builds gh-store from https://example.com/o/gh-store.git at tag v1.0.0 with cargo (cached)"
    );
    assert!(run.stdout.contains(
        r#"run: cargo install --git "$GH_STORE_GIT" --tag "$GH_STORE_REF" --locked gh-store"#
    ));
    s.run(&["workflow", "--write", install]).success();
    let written = std::fs::read_to_string(s.path().join(".github/workflows/gh-store.yml")).unwrap();
    assert_eq!(written, run.stdout);
    s.run(&["workflow", "--write", install])
        .code(6)
        .error_mentions("already exists");
    s.run(&["workflow", "--write", "--force", install])
        .success();
}

#[test]
fn workflow_names_each_install_choice() {
    let s = Sandbox::local();
    let version = env!("CARGO_PKG_VERSION");
    let run = s.run(&["workflow", "--install", "cargo"]).success();
    assert!(run.stdout.contains(&format!(
        "run: cargo install gh-store --version {version} --locked"
    )));
    assert!(run.stderr.contains("needs gh-store") && run.stderr.contains("crates.io"));
    assert_eq!(run.stderr.lines().count(), 1, "one line says what it chose");

    let run = s
        .run(&["workflow", "--install", "action=someone/gh-store"])
        .success();
    assert!(run
        .stdout
        .contains(&format!("uses: someone/gh-store@v{version}\n")));
    assert!(!run.stdout.contains("cargo install"));

    let rev = "0123456789abcdef0123456789abcdef01234567";
    let run = s
        .run(&[
            "workflow",
            "--install",
            &format!("git=ssh://git@example.com/o/r.git@{rev}"),
        ])
        .success();
    assert!(run.stdout.contains(&format!("GH_STORE_REF: '{rev}'")));
    assert!(run.stdout.contains(r#"--rev "$GH_STORE_REF""#));

    let run = s
        .run(&["workflow", "--install", "git=https://example.com/o/r"])
        .success();
    assert!(run.stderr.contains("on every run"), "no ref: no cache");
    assert!(!run.stdout.contains("actions/cache"));

    for bad in [
        "pip",
        "git=https://example.com/$(id)",
        "git=https://e.com/r@v1;x",
        "action=nobody",
    ] {
        s.run(&["workflow", "--install", bad])
            .code(2)
            .error_mentions("--install");
    }
}

#[test]
fn workflow_refuses_an_install_step_it_cannot_back() {
    let s = Sandbox::local();
    std::fs::create_dir(s.path().join(".git")).unwrap();
    let path = s.path().join(".github/workflows/gh-store.yml");
    if env!("CARGO_PKG_REPOSITORY").is_empty() {
        // No home repository: no Action to pin, crates.io holds no gh-store; no default.
        for args in [
            &["workflow"][..],
            &["workflow", "--write"],
            &["workflow", "--write", "--install", "action"],
        ] {
            let run = s.run(args).code(2).error_mentions("no home repository");
            assert!(run.stdout.is_empty(), "nothing printed for {args:?}");
            assert!(
                run.stderr.contains("--install git=URL"),
                "the choices are named"
            );
            assert!(!path.exists(), "nothing written for {args:?}");
        }
    } else {
        let run = s.run(&["workflow", "--write"]).success();
        assert!(run.stderr.contains("through the Action"));
        assert!(std::fs::read_to_string(&path).unwrap().contains("uses: "));
    }
}

#[test]
fn config_init_writes_a_starter_file_once() {
    let s = Sandbox::local();
    s.run(&["config", "init"]).success();
    let path = s.path().join(".config/gh-store/config.yml");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("# repo:"));
    s.run(&["config", "init"]).code(6);
    s.run(&["config", "init", "--project"]).success();
    assert!(s.path().join(".gh-store.yml").is_file());
    // The starter file is valid: the next command reads it without complaint.
    let run = s.run(&["list"]).success();
    assert_eq!(run.stderr, "");
}

/// GitHub runs only the workflows at the repository's root: `--write` from a subdirectory
/// writes there and says where; outside a git repository it refuses (exit 2).
#[test]
fn workflow_write_goes_to_the_repository_root() {
    let s = Sandbox::local();
    let deep = s.path().join("src/deep");
    std::fs::create_dir_all(&deep).unwrap();
    let in_deep = |args: &[&str]| {
        let mut command = s.command(args);
        command.current_dir(&deep);
        crate::harness::run_command(command, "")
    };
    let run = in_deep(&["workflow", "--write", "--install", "cargo"])
        .code(2)
        .error_mentions("not in a git repository");
    assert!(run.stderr.contains("hint: "), "{}", run.stderr);
    assert!(!deep.join(".github").exists());

    // A worktree or submodule holds a `.git` file: a root all the same.
    std::fs::write(s.path().join(".git"), "gitdir: /elsewhere\n").unwrap();
    let run = in_deep(&["workflow", "--write", "--install", "cargo"]).success();
    let root = s.path().join(".github/workflows/gh-store.yml");
    assert!(root.is_file(), "{}", run.stderr);
    assert!(!deep.join(".github").exists());
    assert!(
        run.stderr.contains(&format!("wrote {}", root.display())),
        "{}",
        run.stderr
    );

    // A failure names the file it could not write.
    std::fs::remove_dir_all(s.path().join(".github")).unwrap();
    std::fs::write(s.path().join(".github"), "").unwrap();
    let run = in_deep(&["workflow", "--write", "--install", "cargo"]).code(1);
    assert!(
        run.stderr
            .lines()
            .any(|line| line.starts_with(&format!("error: cannot write {}: ", root.display()))),
        "{}",
        run.stderr
    );
}

/// Help as gh lays it out: a command's own flags first, the global ones under their own
/// heading, none that mean nothing to it; `process` shows its three forms, and the
/// `--wait 2s JSON` slip says how to give a timeout.
#[test]
fn help_puts_own_flags_first_and_hides_what_does_not_apply() {
    let s = Sandbox::local();
    let help = s.run(&["update", "--help"]).success().stdout;
    let own = help.find("--if-version").unwrap();
    let heading = help
        .find("Global options:")
        .expect("a heading for global flags");
    let repo = help.find("--repo").unwrap();
    assert!(own < heading && heading < repo, "{help}");
    assert!(help.contains("--wait=2m"), "{help}");

    let completions = s.run(&["completions", "--help"]).success().stdout;
    for flag in ["--repo", "--local", "--api-url", "--as", "--schema"] {
        assert!(!completions.contains(flag), "{flag} in\n{completions}");
    }
    assert!(completions.contains("--color"), "{completions}");
    let serve = s.run(&["serve", "--help"]).success().stdout;
    assert!(
        !serve.contains("      --api-url <URL>") && serve.contains("--local <PATH>"),
        "{serve}"
    );
    // Still accepted where a script passes them, as before the subcommand.
    s.run(&["completions", "bash", "-R", "o/r"]).success();

    let top = s.run(&["--help"]).success().stdout;
    let examples = top.find("Examples:").expect("top-level examples");
    assert!(examples < top.find("Exit codes:").unwrap(), "{top}");

    let process = s.run(&["process"]).code(2);
    for form in [
        "process [OPTIONS] <ID>",
        "--issue <NUMBER>",
        "process [OPTIONS] --all",
    ] {
        assert!(
            process.stderr.contains(form),
            "{form} in\n{}",
            process.stderr
        );
    }

    s.run(&["create", "cfg", "{}"]).success();
    let slip = s.run(&["update", "cfg", "--wait", "2s", "{}"]).code(2);
    assert!(
        slip.stderr
            .contains("hint: --wait takes its timeout after '=': --wait=2s"),
        "{}",
        slip.stderr
    );
}
