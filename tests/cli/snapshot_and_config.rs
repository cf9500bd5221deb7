//! Snapshot files (repository check, key order, permissions, links, temporary files),
//! `config` and `config init`, `history --diff`'s first version, and small usage rules.

use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use gh_store::serve::{BodyFormat, Fault, FaultAction, Trigger};
use gh_store::store::ObjectId;
use serde_json::{json, Value};

use crate::harness::{leftovers, strip_ansi, Sandbox};

const ISSUES: &str = "/repos/{owner}/{repo}/issues";

fn read_json(path: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

#[test]
fn snapshot_update_refuses_another_repositorys_snapshot() {
    let s = Sandbox::github();
    s.run(&["create", "a", "{}"]).success();
    s.run(&["snapshot", "-o", "snap.json"]).success();
    let path = s.path().join("snap.json");
    let theirs = std::fs::read_to_string(&path)
        .unwrap()
        .replace("\"alice/store\"", "\"someone/else\"");
    std::fs::write(&path, &theirs).unwrap();
    s.run(&["update", "a", "--apply", r#"{"n": 1}"#]).success();

    let run = s
        .run(&["snapshot", "--update", "snap.json"])
        .code(2)
        .error_mentions("someone/else");
    assert!(run.stderr.lines().next().unwrap().contains("alice/store"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), theirs);
}

#[test]
fn snapshot_update_keeps_the_layout_of_a_full_snapshot() {
    let s = Sandbox::local();
    s.run(&["create", "b", r#"{"n": 0}"#]).success();
    s.run(&["create", "a", r#"{"n": 0}"#]).success();
    s.run(&["snapshot", "-o", "snap.json"]).success();
    s.run(&["update", "b", r#"{"n": 1}"#]).success();
    s.run(&["create", "c", r#"{"n": 0}"#]).success();
    s.run(&["snapshot", "--update", "snap.json"]).success();
    s.run(&["snapshot", "-o", "fresh.json"]).success();

    // Byte for byte a full snapshot but for the time: keys in the Python tool's order,
    // objects oldest first.
    let without_time = |name: &str| -> Vec<String> {
        std::fs::read_to_string(s.path().join(name))
            .unwrap()
            .lines()
            .filter(|line| !line.contains("\"snapshot_time\""))
            .map(String::from)
            .collect()
    };
    assert_eq!(without_time("snap.json"), without_time("fresh.json"));
    let text = std::fs::read_to_string(s.path().join("snap.json")).unwrap();
    assert!(text.starts_with("{\n  \"snapshot_time\": "), "{text}");

    // Keys the Python tool may add come after `objects`, unchanged.
    let path = s.path().join("snap.json");
    let mut snapshot = read_json(&path);
    snapshot["relationships"] = json!({"aliases": {"x": "a"}});
    std::fs::write(&path, serde_json::to_string_pretty(&snapshot).unwrap()).unwrap();
    s.run(&["update", "a", r#"{"n": 1}"#]).success();
    s.run(&["snapshot", "--update", "snap.json"]).success();
    let text = std::fs::read_to_string(&path).unwrap();
    let at = |key: &str| text.find(&format!("\n  \"{key}\": ")).unwrap();
    assert!(at("snapshot_time") < at("repository"));
    assert!(at("repository") < at("objects"));
    assert!(at("objects") < at("relationships"), "{text}");
    let snapshot: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(snapshot["relationships"], json!({"aliases": {"x": "a"}}));
    assert_eq!(snapshot["objects"]["a"]["data"], json!({"n": 1}));
}

#[cfg(unix)]
#[test]
fn snapshot_replaces_the_file_a_link_points_to_and_keeps_its_permissions() {
    use std::os::unix::fs::PermissionsExt;

    let s = Sandbox::local();
    s.run(&["create", "a", r#"{"n": 0}"#]).success();
    let data = s.path().join("data");
    std::fs::create_dir(&data).unwrap();
    let real = data.join("real.json");
    let link = s.path().join("snap.json");
    std::os::unix::fs::symlink("data/real.json", &link).unwrap();

    s.run(&["snapshot", "-o", "snap.json"]).success();
    assert!(link.symlink_metadata().unwrap().file_type().is_symlink());
    assert_eq!(read_json(&real)["objects"]["a"]["data"], json!({"n": 0}));

    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o600)).unwrap();
    s.run(&["update", "a", r#"{"n": 1}"#]).success();
    let run = s.run(&["snapshot", "--update", "snap.json"]).success();
    assert!(run.stderr.contains("1 updated"), "{}", run.stderr);
    assert!(link.symlink_metadata().unwrap().file_type().is_symlink());
    assert_eq!(read_json(&real)["objects"]["a"]["data"], json!({"n": 1}));
    let mode = std::fs::metadata(&real).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);

    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o640)).unwrap();
    s.run(&["snapshot", "-o", "data/real.json"]).success();
    let mode = std::fs::metadata(&real).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o640);
    assert!(leftovers(s.path()).is_empty() && leftovers(&data).is_empty());
}

#[test]
fn a_failed_snapshot_leaves_the_old_file_and_no_temporary_one() {
    let s = Sandbox::github();
    s.run(&["create", "a", "{}"]).success();
    s.run(&["snapshot", "-o", "snap.json"]).success();
    let before = std::fs::read(s.path().join("snap.json")).unwrap();
    s.remote().server.inject(
        Fault::new(FaultAction::Status {
            status: 404,
            format: BodyFormat::Json,
        })
        .on("GET", ISSUES),
    );
    let run = s.run(&["snapshot", "-o", "snap.json"]);
    assert_ne!(run.code, 0, "{}", run.stderr);
    assert_eq!(std::fs::read(s.path().join("snap.json")).unwrap(), before);
    assert_eq!(leftovers(s.path()), Vec::<String>::new());
}

#[cfg(unix)]
#[test]
fn ctrl_c_during_a_snapshot_removes_the_temporary_file() {
    let s = Sandbox::github();
    s.run(&["create", "a", "{}"]).success();
    // Slow listings: the snapshot is still being written when Ctrl-C comes.
    s.remote().server.inject(
        Fault::new(FaultAction::Delay { millis: 1500 })
            .on("GET", ISSUES)
            .when(Trigger::Every),
    );
    let mut child = s
        .command(&["snapshot", "-o", "snap.json"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    while leftovers(s.path()).is_empty() {
        assert!(Instant::now() < deadline, "no temporary file appeared");
        std::thread::sleep(Duration::from_millis(10));
    }
    let sent = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(130), "{status:?}");
    assert_eq!(leftovers(s.path()), Vec::<String>::new());
    assert!(!s.path().join("snap.json").exists());
}

#[test]
fn config_init_writes_the_file_config_names() {
    let mut s = Sandbox::local();
    s.run(&["--config", "mine.yml", "config", "init"]).success();
    let starter = std::fs::read_to_string(s.path().join("mine.yml")).unwrap();
    assert!(starter.contains("# repo:"));
    assert!(!s.path().join(".config/gh-store/config.yml").exists());
    s.run(&["--config", "mine.yml", "config", "init"])
        .code(6)
        .error_mentions("already exists");

    s.extra_env
        .push(("GH_STORE_CONFIG".into(), "env/config.yml".into()));
    s.run(&["config", "init"]).success();
    assert_eq!(
        std::fs::read_to_string(s.path().join("env/config.yml")).unwrap(),
        starter
    );

    // A file that no longer parses blocks every command, but not its replacement.
    std::fs::write(s.path().join("env/config.yml"), "repo: [broken\n").unwrap();
    s.run(&["list"]).code(2);
    s.run(&["config", "init"]).code(6);
    s.run(&["config", "init", "--force"]).success();
    s.run(&["list"]).success();
    std::fs::write(s.path().join(".gh-store.yml"), "user: [broken\n").unwrap();
    s.run(&["config", "init", "--project", "--force"]).success();
    s.run(&["list"]).success();
}

#[test]
fn config_shows_files_colours_verbosity_and_the_local_file() {
    let mut s = Sandbox::github();
    std::fs::write(s.path().join("user.yml"), "max_wait: 1m\n").unwrap();
    std::fs::write(s.path().join(".gh-store.yml"), "apply: true\n").unwrap();
    s.extra_env
        .push(("GH_STORE_CONFIG".into(), "user.yml".into()));
    s.extra_env.push(("NO_COLOR".into(), "1".into()));
    let run = s.run(&["config", "--json"]).success();
    assert!(!run.stdout.contains("alice-token"));
    let config = run.json();
    assert_eq!(config["backend"]["value"], "github");
    assert_eq!(config["token"]["value"], "<set, not shown>");
    assert!(
        config["local"]["value"]
            .as_str()
            .unwrap()
            .ends_with("store.db"),
        "{config}"
    );
    assert_eq!(config["files.user"]["value"], "user.yml");
    assert_eq!(config["files.user"]["source"], "env GH_STORE_CONFIG");
    assert!(config["files.project"]["value"]
        .as_str()
        .unwrap()
        .ends_with(".gh-store.yml"));
    assert_eq!(config["color.stdout"]["value"], false);
    assert_eq!(config["color.stdout"]["source"], "env NO_COLOR");
    assert_eq!(config["verbose"]["value"], false);

    // --color always colours the JSON too; the values underneath are unchanged.
    let coloured = s
        .run(&["--color", "always", "-v", "config", "--json"])
        .success()
        .stdout;
    assert!(coloured.contains("\x1b["), "{coloured}");
    let config: Value = serde_json::from_str(&strip_ansi(&coloured)).unwrap();
    assert_eq!(config["color.stderr"]["value"], true);
    assert_eq!(config["color.stderr"]["source"], "flag --color");
    assert_eq!(config["verbose"]["value"], true);
    assert_eq!(config["verbose"]["source"], "flag --verbose");

    s.extra_env.retain(|(name, _)| name != "NO_COLOR");
    s.extra_env.push(("GH_STORE_DEBUG".into(), "1".into()));
    let config = s.run(&["config", "--json"]).success().json();
    assert_eq!(config["color.stdout"]["source"], "stdout is not a terminal");
    assert_eq!(config["verbose"]["source"], "env GH_STORE_DEBUG");
    let text = s.run(&["config"]).success().stdout;
    assert!(text.contains("files.user"), "{text}");
}

#[test]
fn history_diff_patches_rebuild_every_version_from_nothing() {
    let s = Sandbox::local();
    s.run(&["create", "cfg", r#"{"port": 80, "tags": ["a"]}"#])
        .success();
    s.run(&["update", "cfg", r#"{"port": 8080}"#]).success();
    s.run(&["update", "cfg", "--mode", "replace", r#"{"fresh": true}"#])
        .success();
    let revisions = s.run(&["history", "cfg", "--diff"]).success().json();
    let revisions = revisions.as_array().unwrap();
    assert_eq!(
        revisions[0]["patch"],
        json!([{"op": "add", "path": "", "value": {"port": 80, "tags": ["a"]}}])
    );
    let mut data = Value::Null;
    for revision in revisions {
        let patch: json_patch::Patch = serde_json::from_value(revision["patch"].clone()).unwrap();
        json_patch::patch(&mut data, &patch).unwrap();
        let version = revision["version"].to_string();
        let expected = s.run(&["get", "cfg", "--at", &version, "--data"]).success();
        assert_eq!(data, expected.json(), "version {version}");
    }
}

#[test]
fn list_and_get_refuse_what_cannot_mean_anything() {
    let s = Sandbox::local();
    s.run(&["create", "a", "{}"]).success();
    s.run(&["list", "--archived", "--state", "pending"])
        .code(2)
        .error_mentions("--archived");
    s.run(&["list", "--archived", "--state", "stable"])
        .success();
    s.run(&["get", "a", "--at", "0"]).code(2);
    s.run(&["get", "a", "--at", "1"]).success();
}

/// Where the second column of a table line ends, in characters.
fn second_column_end(line: &str) -> usize {
    let mut tokens = line.split_whitespace();
    let first = tokens.next().unwrap();
    let second = tokens.next().unwrap();
    let start = line[first.len()..].find(second).unwrap() + first.len();
    line[..start + second.len()].chars().count()
}

#[test]
fn the_table_fits_the_longest_id() {
    let s = Sandbox::github();
    let longest = "x".repeat(46);
    for id in ["a", &longest, "é-accented"] {
        s.run(&["create", id, "{}"]).success();
    }
    let table = s.run(&["list", "--format", "table"]).success().stdout;
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines.len(), 4, "{table}");
    let ends: Vec<usize> = lines.iter().map(|l| second_column_end(l)).collect();
    assert!(ends.iter().all(|&e| e == 46 + 8), "{table}");

    // Short ids on one page: a narrow column.
    let s = Sandbox::github();
    s.run(&["create", "abc", "{}"]).success();
    let table = s.run(&["list", "--format", "table"]).success().stdout;
    assert!(table.starts_with("ID  VERSION"), "{table}");

    // More than a page: ids to come are unknown, so the column takes the longest possible.
    let store = s.remote().store_as("alice");
    for i in 0..100 {
        store
            .create(&ObjectId::parse(&format!("o{i}")).unwrap(), json!({}))
            .unwrap();
    }
    let table = s.run(&["list", "--format", "table"]).success().stdout;
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines.len(), 102);
    assert!(lines.iter().all(|l| second_column_end(l) == 46 + 8));
}

#[test]
fn every_command_explains_itself_before_its_examples() {
    let s = Sandbox::local();
    let commands: &[&[&str]] = &[
        &["create"],
        &["get"],
        &["update"],
        &["list"],
        &["history"],
        &["delete"],
        &["process"],
        &["watch"],
        &["serve"],
        &["snapshot"],
        &["import"],
        &["config"],
        &["config", "init"],
        &["workflow"],
        &["completions"],
    ];
    for command in commands {
        let help = s.run(&[*command, &["--help"]].concat()).success().stdout;
        let top = help.split("\nUsage:").next().unwrap();
        let paragraphs: Vec<&str> = top.split("\n\n").filter(|p| !p.trim().is_empty()).collect();
        assert!(
            paragraphs.len() >= 3 && paragraphs.last().unwrap().starts_with("Examples:"),
            "{command:?}: a summary, a description, then examples:\n{top}"
        );
    }
}
