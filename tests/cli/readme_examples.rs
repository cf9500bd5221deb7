//! README's terminal sessions (```console blocks whose commands need no GitHub, no file and
//! no configuration) are run as a user would type them, each in a fresh home with the
//! default local store, and must print exactly what README shows.

use std::process::Command;

use crate::harness::in_clean_home;

/// `(commands, expected output)` per `$ ` line of each console block.
fn sessions(readme: &str) -> Vec<Vec<(String, String)>> {
    let mut sessions = Vec::new();
    let mut lines = readme.lines();
    while let Some(line) = lines.next() {
        if line.trim() != "```console" {
            continue;
        }
        let mut session: Vec<(String, String)> = Vec::new();
        for line in lines.by_ref() {
            if line.trim() == "```" {
                break;
            }
            match line.strip_prefix("$ ") {
                Some(command) => session.push((command.to_string(), String::new())),
                None => {
                    let (_, output) = session.last_mut().expect("output after a command");
                    output.push_str(line);
                    output.push('\n');
                }
            }
        }
        sessions.push(session);
    }
    sessions
}

/// What a session needs that a fresh home does not have: such sessions are left out here
/// (and said so), not run half.
fn needs_setup(session: &[(String, String)]) -> bool {
    session
        .iter()
        .any(|(command, output)| command.contains(" -R ") || output.contains("schema"))
}

#[test]
fn readme_console_sessions_print_what_readme_shows() {
    if Command::new("jq").arg("--version").output().is_err() {
        eprintln!("jq is not installed: README's sessions pipe into it; skipped");
        return;
    }
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let sessions = sessions(&readme);
    let runnable: Vec<_> = sessions.iter().filter(|s| !needs_setup(s)).collect();
    assert!(
        !runnable.is_empty(),
        "README's first session must be runnable"
    );
    for session in runnable {
        let home = tempfile::tempdir().unwrap();
        for (command, expected) in session {
            let output = in_clean_home(home.path(), &["bash", "-o", "pipefail", "-c", command])
                .output()
                .unwrap();
            let printed = String::from_utf8_lossy(&output.stdout).to_string()
                + &String::from_utf8_lossy(&output.stderr);
            assert!(output.status.success(), "$ {command}\n{printed}");
            assert_eq!(&printed, expected, "$ {command}");
        }
    }
}
