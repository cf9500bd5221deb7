//! The checked-in completion scripts, loaded into the real shells and asked what they
//! complete, as a TAB would. A shell that is not installed is skipped with a note (.ci/run
//! installs bash's companions, zsh and fish), and so is `man` for the man page test.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::harness::BIN;

fn installed(program: &str) -> bool {
    let found = Command::new("sh")
        .args(["-c", &format!("command -v {program}")])
        .output()
        .is_ok_and(|out| out.status.success());
    if !found {
        eprintln!("note: {program} is not installed; its completion test is skipped");
    }
    found
}

fn script(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("completions")
        .join(name)
}

/// A working directory with two files and a local store holding `cfg` and `other`, and a
/// PATH on which `gh-store` is the binary under test.
struct Workdir {
    dir: tempfile::TempDir,
}

impl Workdir {
    fn new() -> Workdir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("doc.json"), "{}").unwrap();
        std::fs::write(dir.path().join("notes.txt"), "").unwrap();
        let workdir = Workdir { dir };
        for id in ["cfg", "other"] {
            let status = workdir
                .command(BIN)
                .args(["--local", "store.db", "create", id, "{}"])
                .output()
                .unwrap()
                .status;
            assert!(status.success());
        }
        workdir
    }

    fn command(&self, program: &str) -> Command {
        let bin_dir = Path::new(BIN).parent().unwrap();
        let mut command = Command::new(program);
        command
            .env_clear()
            .env("HOME", self.dir.path())
            .env("PATH", format!("{}:/usr/bin:/bin", bin_dir.display()))
            .env("USER", "alice")
            .current_dir(self.dir.path());
        command
    }

    /// What bash offers for `line` (the cursor at its end), by calling the function the
    /// script registers with `complete -F`, as readline does on TAB.
    fn bash(&self, line: &str) -> Vec<String> {
        const HARNESS: &str = r#"
source "$1"
fn=$(complete -p gh-store | sed -n 's/.*-F \([^ ]*\) .*/\1/p')
COMP_LINE=$LINE
COMP_POINT=${#LINE}
read -ra COMP_WORDS <<< "$LINE"
[[ $LINE == *' ' ]] && COMP_WORDS+=("")
COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
"$fn" gh-store "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
printf '%s\n' "${COMPREPLY[@]}"
"#;
        let out = self
            .command("bash")
            .args(["--norc", "--noprofile", "-c", HARNESS, "harness"])
            .arg(script("gh-store.bash"))
            .env("LINE", line)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "bash: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        words(&out.stdout)
    }

    /// What zsh offers for `line`: an interactive `zsh -f` on a pseudo-terminal (zpty) with
    /// compinit and the script on its fpath, a wrapper around `compadd` printing what the
    /// completion functions add, and the line typed followed by complete-word.
    fn zsh(&self, line: &str) -> Vec<String> {
        const HARNESS: &str = r#"
zmodload zsh/zpty
zpty z zsh -f -i
zpty -w z "PROMPT= ; fpath=($1 \$fpath); autoload -U compinit; compinit -u -D"
# \001 starts a line of matches and \003 ends the session: the typed text, echoed back,
# holds only their escapes, never the bytes.
zpty -w z 'compadd () { builtin compadd -O __hits "$@"; (( $#__hits )) && print -r -- $'"'"'\001'"'"'${(j:\002:)__hits} >&2; builtin compadd "$@" }'
zpty -w z 'exec 2>&1; zstyle ":completion:*" list-prompt ""; zstyle ":completion:*" menu no'
zpty -w z 'bindkey "^X" complete-word; zle-done() { print -r -- $'"'"'\003'"'"'; exit }; zle -N zle-done; bindkey "^Y" zle-done'
zpty -n -w z "$2"$'\x18\x19'
while zpty -r z line; do
  [[ $line == *$'\003'* ]] && break
  [[ $line == *$'\001'* ]] && { line=${line#*$'\001'}; line=${line%%$'\r'*}; print -rl -- ${(s:\002:)line} }
done
zpty -d z
"#;
        // Outside the working directory, whose files are completed.
        let harness = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(harness.path(), HARNESS).unwrap();
        let completions = script("_gh-store").parent().unwrap().to_path_buf();
        let out = self
            .command("timeout")
            .args(["60", "zsh", "-f"])
            .arg(harness.path())
            .arg(completions)
            .arg(line)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "zsh: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let mut offered = words(&out.stdout);
        offered.sort();
        offered.dedup();
        offered
    }

    /// What fish offers for `line`: `complete --do-complete`, the words without descriptions.
    fn fish(&self, line: &str) -> Vec<String> {
        let out = self
            .command("fish")
            .args([
                "--no-config",
                "-c",
                "source $argv[1]; complete --do-complete $argv[2]",
            ])
            .arg(script("gh-store.fish"))
            .arg(line)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "fish: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        words(&out.stdout)
    }
}

fn words(stdout: &[u8]) -> Vec<String> {
    String::from_utf8_lossy(stdout)
        .lines()
        .map(|line| line.split('\t').next().unwrap().trim().to_string())
        .filter(|word| !word.is_empty())
        .collect()
}

#[track_caller]
fn assert_offers(offered: &[String], expected: &[&str], line: &str) {
    let missing: Vec<_> = expected
        .iter()
        .filter(|e| !offered.iter().any(|o| o == *e))
        .collect();
    assert!(
        missing.is_empty(),
        "{line:?} offers {offered:?}, missing {missing:?}"
    );
}

#[track_caller]
fn assert_exactly(mut offered: Vec<String>, expected: &[&str], line: &str) {
    offered.sort();
    let mut expected: Vec<String> = expected.iter().map(|s| s.to_string()).collect();
    expected.sort();
    assert_eq!(offered, expected, "what {line:?} offers");
}

/// The completions every shell must give: (line, the words offered exactly).
const VALUES: &[(&str, &[&str])] = &[
    ("gh-store up", &["update"]),
    (
        "gh-store update cfg --mode ",
        &["append", "merge-patch", "json-patch", "replace"],
    ),
    ("gh-store list --format ", &["json", "ndjson", "table"]),
    ("gh-store get cfg --color ", &["auto", "always", "never"]),
    ("gh-store list --state ", &["stable", "pending", "all"]),
    ("gh-store --local ", &["doc.json", "notes.txt", "store.db"]),
];

#[test]
fn bash_completes_subcommands_flags_values_and_files() {
    if !installed("bash") {
        return;
    }
    let dir = Workdir::new();
    for (line, expected) in VALUES {
        assert_exactly(dir.bash(line), expected, line);
    }
    // fish misses this one: clap's script cannot tell the subcommand while a global
    // option before it still lacks its value.
    let line = "gh-store --color ";
    assert_exactly(dir.bash(line), &["auto", "always", "never"], line);
    let line = "gh-store update --";
    assert_offers(
        &dir.bash(line),
        &["--mode", "--if-version", "--wait", "--local"],
        line,
    );
    let line = "gh-store list --f";
    assert_exactly(dir.bash(line), &["--format"], line);
    let line = "gh-store update cfg @";
    assert_exactly(
        dir.bash(line),
        &["@doc.json", "@notes.txt", "@store.db"],
        line,
    );
    let line = "gh-store create cfg @d";
    assert_exactly(dir.bash(line), &["@doc.json"], line);
}

#[test]
fn bash_completes_ids_from_the_local_store_only() {
    if !installed("bash") {
        return;
    }
    let dir = Workdir::new();
    let line = "gh-store --local store.db get ";
    assert_exactly(dir.bash(line), &["cfg", "other"], line);
    let line = "gh-store --local store.db update o";
    assert_exactly(dir.bash(line), &["other"], line);
    // The id of `create` is a new one; after the id come flags and files, not ids.
    let line = "gh-store --local store.db create ";
    assert!(!dir.bash(line).contains(&"cfg".to_string()), "{line:?}");
    let line = "gh-store --local store.db update cfg ";
    assert!(!dir.bash(line).contains(&"other".to_string()), "{line:?}");
    // A missing store is not created by a TAB, and GitHub is never asked.
    let line = "gh-store --local missing.db get ";
    assert!(!dir.bash(line).contains(&"cfg".to_string()), "{line:?}");
    assert!(!dir.dir.path().join("missing.db").exists());
    let line = "gh-store -R alice/store get ";
    assert!(!dir.bash(line).contains(&"cfg".to_string()), "{line:?}");
}

#[test]
fn zsh_completes_subcommands_flags_values_and_files() {
    if !installed("zsh") {
        return;
    }
    let dir = Workdir::new();
    for (line, expected) in VALUES {
        assert_exactly(dir.zsh(line), expected, line);
    }
    let line = "gh-store update --";
    assert_offers(
        &dir.zsh(line),
        &["--mode", "--if-version", "--wait", "--local"],
        line,
    );
}

#[test]
fn fish_completes_subcommands_flags_values_and_files() {
    if !installed("fish") {
        return;
    }
    let dir = Workdir::new();
    for (line, expected) in VALUES {
        assert_exactly(dir.fish(line), expected, line);
    }
    let line = "gh-store update --";
    assert_offers(
        &dir.fish(line),
        &["--mode", "--if-version", "--wait", "--local"],
        line,
    );
}

/// The man page as `man` shows it at 80 columns: the examples exactly as written, and the
/// sections a reader looks for.
#[test]
fn man_pages_keep_examples_verbatim_and_have_the_usual_sections() {
    if !installed("man") {
        return;
    }
    let page = Path::new(env!("CARGO_MANIFEST_DIR")).join("man/gh-store-update.1");
    let out = Command::new("man")
        .arg("-l")
        .arg(&page)
        .env("MANWIDTH", "80")
        .env("MAN_KEEP_FORMATTING", "0")
        .env("LANG", "C.UTF-8")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "man: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = without_overstrike(&String::from_utf8_lossy(&out.stdout));
    let example = r#"gh-store update cfg --mode json-patch '[{"op": "add", "path": "/tags/-", "value": "x"}]'"#;
    assert!(
        text.lines().any(|line| line.trim() == example),
        "the json-patch example is not verbatim in:\n{text}"
    );
    for heading in [
        "SYNOPSIS",
        "EXIT STATUS",
        "ENVIRONMENT",
        "FILES",
        "SEE ALSO",
    ] {
        assert!(
            text.lines().any(|l| l == heading),
            "no {heading} in:\n{text}"
        );
    }
    assert!(
        !text.contains("\nEXTRA"),
        "exit codes belong under EXIT STATUS"
    );
    assert!(
        text.contains("[--mode <MODE>]"),
        "SYNOPSIS without value names:\n{text}"
    );
    assert!(
        text.contains("GH_STORE_LOCAL"),
        "ENVIRONMENT is missing its variables"
    );
    assert!(text.contains("~/.local/share/gh-store/store.db"));
    assert!(text.contains("gh-store(1), gh(1), jq(1)"));
    let footer = text.lines().rev().find(|l| !l.trim().is_empty()).unwrap();
    assert!(footer.contains("gh-store 0.1.0"), "footer: {footer:?}");
}

/// Bold and underline as grotty writes them into a pipe (`N\bN`, `_\bx`), taken out.
fn without_overstrike(text: &str) -> String {
    let mut plain: Vec<char> = Vec::with_capacity(text.len());
    for c in text.chars() {
        if c == '\u{8}' {
            plain.pop();
            continue;
        }
        plain.push(c);
    }
    plain.into_iter().collect()
}
