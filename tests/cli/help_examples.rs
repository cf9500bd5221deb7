//! Every example in every command's `--help` and every command line of README's ```sh
//! blocks is run as a user would paste it (through bash, in a fresh home whose default local
//! store holds a few objects), and must succeed. The ones this cannot run are named with the
//! reason, so none is left out silently.

use std::process::Command;

use clap::CommandFactory;

use crate::harness::{in_clean_home, BIN};

/// Objects and files the examples refer to. `create`'s examples start from an empty store.
const OBJECTS: &str = r#"
gh-store create cfg '{"port": 8080, "debug": false, "tags": ["a"]}'
gh-store update cfg '{"port": 8081}'
gh-store update cfg '{"port": 8082}'
for id in web db old-a old-b settings; do gh-store create "$id" '{"team": "web"}'; done
gh-store create stale '{"expired": true}'
gh-store create counter '{"n": 0}'
gh-store snapshot -o backup.json
printf '{"object_id":"cfg"}\n{"object_id":"web"}\n' > ids.ndjson
"#;
const FILES: &str = r#"
echo '{"port": 1}' > config.json
echo '{"port": 2}' > cfg.json
mkdir -p data .github/workflows .git
"#;

/// Why an example cannot run here, if it cannot.
fn cannot_run(command: &str, example: &str) -> Option<&'static str> {
    if command == "serve" {
        return Some("serves until stopped (serve_command runs its background example)");
    }
    if example.starts_with("cargo ") || example.starts_with("./scripts/") {
        return Some("builds gh-store (CI's own steps)");
    }
    if example.contains("PORT") || example.contains('…') || example.contains("gh auth") {
        return Some("a placeholder or another tool's login");
    }
    if example.contains("less -R") {
        return Some("a pager");
    }
    if example.contains("-R ") || example.contains("--api-url") {
        return Some("needs a GitHub repository");
    }
    if example.contains(" serve") || (example.contains(" watch") && !example.contains("--count")) {
        return Some("runs until stopped");
    }
    if example.contains("completions") {
        return Some("installs into a shell's own directories (the shells test runs them)");
    }
    if example.contains("--issue 42") {
        return Some("names an issue of the Actions event");
    }
    if example.contains("gh-store workflow")
        && !example.contains("--install")
        && env!("CARGO_PKG_REPOSITORY").is_empty()
    {
        return Some("no home repository in Cargo.toml to pin the Action to");
    }
    None
}

/// What one example needs beyond the objects.
fn extra_setup(example: &str) -> &'static str {
    if example.contains("restore cfg") {
        "gh-store delete cfg --yes"
    } else if example.contains("--remove settings") {
        "gh-store alias settings cfg"
    } else if example.contains("snapshot --update") {
        "gh-store snapshot -o data/store-snapshot.json"
    } else {
        ""
    }
}

fn examples(command: &str) -> Vec<String> {
    let help = Command::new(BIN)
        .args([command, "--help"])
        .output()
        .unwrap();
    let help = String::from_utf8(help.stdout).unwrap();
    help.lines()
        .skip_while(|line| *line != "Examples:")
        .skip(1)
        .take_while(|line| !line.trim().is_empty())
        .map(|line| line.trim().to_string())
        .collect()
}

fn bash(home: &std::path::Path, script: &str) -> std::process::Output {
    let shell = [
        "timeout", "30", "bash", "-e", "-o", "pipefail", "-c", script,
    ];
    in_clean_home(home, &shell).output().unwrap()
}

/// README's command lines, block by block; a line using a variable an earlier line of its
/// block sets (`$v`) runs after those lines.
fn readme_examples() -> Vec<String> {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    // A command continued with a trailing backslash is one line.
    let readme = readme.replace("\\\n", " ");
    let mut examples = Vec::new();
    let mut block: Option<Vec<String>> = None;
    for line in readme.lines() {
        match (&mut block, line.trim()) {
            (None, "```sh") => block = Some(Vec::new()),
            (Some(_), "```") => block = None,
            // gh-store's own command lines (install steps, curl and tar, are not).
            (Some(earlier), line)
                if line.starts_with("gh-store ")
                    || line.starts_with("jq ")
                    || line.starts_with("GH_")
                    || line.starts_with("export GH_")
                    || line.contains("=$(gh-store")
                    || line.starts_with("./scripts/")
                    || line.starts_with("cargo test") =>
            {
                let uses_earlier = line.contains("$v") || line.contains("$n");
                examples.push(match uses_earlier {
                    true => format!("{}\n{line}", earlier.join("\n")),
                    false => line.to_string(),
                });
                earlier.push(line.to_string());
            }
            _ => {}
        }
    }
    examples
}

#[test]
fn every_help_example_runs() {
    if Command::new("jq").arg("--version").output().is_err() {
        eprintln!("jq is not installed: many examples pipe into it; skipped");
        return;
    }
    let mut ran = 0;
    let mut skipped = Vec::new();
    // Every subcommand gh-store has, so that a new one is covered without a word here.
    let mut sources: Vec<(String, Vec<String>)> = gh_store::cli::Cli::command()
        .get_subcommands()
        .map(|command| command.get_name().to_string())
        .map(|command| {
            let list = examples(&command);
            (command, list)
        })
        .collect();
    sources.push(("README".into(), readme_examples()));
    for (command, list) in sources {
        assert!(!list.is_empty(), "{command} has no examples");
        for example in list {
            if let Some(why) = cannot_run(&command, &example) {
                skipped.push(format!("{example}: {why}"));
                continue;
            }
            let home = tempfile::tempdir().unwrap();
            // A create starts from an empty store.
            let objects = match example.contains("gh-store create") {
                true => "",
                false => OBJECTS,
            };
            let setup = format!("{FILES}{objects}{}\n", extra_setup(&example));
            let prepared = bash(home.path(), &format!("exec >/dev/null 2>&1\n{setup}"));
            assert!(
                prepared.status.success(),
                "setup for {example}: {prepared:?}"
            );
            let output = bash(home.path(), &example);
            assert!(
                output.status.success(),
                "{command}: {example}\nexit {:?}\nstdout: {}\nstderr: {}",
                output.status.code(),
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            );
            ran += 1;
        }
    }
    eprintln!(
        "{ran} examples ran; not run here:\n  {}",
        skipped.join("\n  ")
    );
    assert!(ran > 90, "only {ran} examples ran");
}
