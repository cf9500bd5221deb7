//! A hermetic environment for running the binary: empty environment, temporary HOME and
//! store, fixed acting user.

use std::io::Write;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;

use gh_store::serve::{ServeOptions, ServerHandle};
use gh_store::tracker::local::{LocalDb, LocalTracker, Role};
use serde_json::Value;

pub const BIN: &str = env!("CARGO_BIN_EXE_gh-store");

/// The outcome of one run of the binary.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Asserts that the command exited 0, and hands the run on for more checks.
    #[track_caller]
    pub fn success(self) -> Run {
        assert_eq!(
            self.code, 0,
            "expected success\nstdout: {}\nstderr: {}",
            self.stdout, self.stderr
        );
        self
    }

    /// Asserts the exit code and returns self.
    #[track_caller]
    pub fn code(self, expected: i32) -> Run {
        assert_eq!(
            self.code, expected,
            "expected exit {expected}\nstdout: {}\nstderr: {}",
            self.stdout, self.stderr
        );
        self
    }

    #[track_caller]
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {:?}", self.stdout))
    }

    #[track_caller]
    pub fn lines(&self) -> Vec<Value> {
        self.stdout
            .lines()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l:?}")))
            .collect()
    }

    /// Asserts that stderr's first line is a one-line `error:` containing `needle`.
    #[track_caller]
    pub fn error_mentions(self, needle: &str) -> Run {
        let first = self.stderr.lines().next().unwrap_or("");
        assert!(
            first.starts_with("error: ") && first.contains(needle),
            "expected an error mentioning {needle:?}, got stderr: {}",
            self.stderr
        );
        self
    }
}

/// A temporary HOME, working directory, and a backend: a fresh local store, or a fresh
/// `serve` server (in-process, on 127.0.0.1, over real HTTP).
pub struct Sandbox {
    pub dir: tempfile::TempDir,
    pub extra_env: Vec<(String, String)>,
    pub args: Vec<String>,
    pub remote: Option<Remote>,
}

/// The server side of a GitHub sandbox.
pub struct Remote {
    pub server: ServerHandle,
    pub db: Arc<LocalDb>,
    pub repo_id: u64,
}

/// Users of a GitHub sandbox: alice owns the repository, bob is a collaborator, carol a
/// member of nothing.
pub const USERS: [(&str, &str); 3] = [
    ("alice", "alice-token"),
    ("bob", "bob-token"),
    ("carol", "carol-token"),
];
pub const REPO: &str = "alice/store";

impl Sandbox {
    /// A sandbox whose commands use a fresh local store, acting as `alice`.
    pub fn local() -> Sandbox {
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join("store.db");
        Sandbox {
            args: vec!["--local".into(), store.display().to_string()],
            dir,
            extra_env: vec![("USER".into(), "alice".into())],
            remote: None,
        }
    }

    /// A sandbox whose commands talk to a fresh `serve` server as alice.
    pub fn github() -> Sandbox {
        Sandbox::github_with(ServeOptions::default())
    }

    pub fn github_with(options: ServeOptions) -> Sandbox {
        let dir = tempfile::tempdir().unwrap();
        let db = LocalDb::open_in_memory().unwrap();
        let options = ServeOptions {
            repo: REPO.into(),
            users: USERS
                .iter()
                .map(|(login, token)| (login.to_string(), token.to_string()))
                .collect(),
            record_responses: true,
            ..options
        };
        let limits = options.secondary_limits.to_string();
        let server = gh_store::serve::start(db.clone(), options).unwrap();
        let repo_id = match db.find_repository("alice", "store").unwrap() {
            gh_store::tracker::local::RepoLookup::Found(repo) => repo.id,
            other => panic!("{other:?}"),
        };
        db.set_role(repo_id, "bob", Role::Collaborator).unwrap();
        Sandbox {
            args: vec![
                "--api-url".into(),
                server.base_url().to_string(),
                "-R".into(),
                REPO.into(),
            ],
            dir,
            extra_env: vec![
                ("GH_TOKEN".into(), "alice-token".into()),
                // The server enforces none unless a test gives it some: no pacing either.
                ("GH_STORE_SECONDARY_LIMITS".into(), limits),
            ],
            remote: Some(Remote {
                server,
                db,
                repo_id,
            }),
        }
    }

    pub fn remote(&self) -> &Remote {
        self.remote.as_ref().expect("a GitHub sandbox")
    }

    /// Runs as another user: their token on GitHub, `--as` on the local store.
    pub fn run_as(&self, login: &str, args: &[&str]) -> Run {
        let mut command = self.command(args);
        match &self.remote {
            Some(_) => {
                let token = USERS
                    .iter()
                    .find(|(l, _)| *l == login)
                    .expect("a known user")
                    .1;
                command.env("GH_TOKEN", token);
            }
            None => {
                command.arg("--as").arg(login);
            }
        }
        run_command(command, "")
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// The command with a cleared environment: only HOME, the sandbox's variables, and
    /// `extra` ones.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(BIN);
        command
            .env_clear()
            .env("HOME", self.dir.path())
            .current_dir(self.dir.path())
            .args(&self.args)
            .args(args);
        for (k, v) in &self.extra_env {
            command.env(k, v);
        }
        command
    }

    pub fn run(&self, args: &[&str]) -> Run {
        self.run_with_stdin(args, "")
    }

    pub fn run_with_stdin(&self, args: &[&str], stdin: &str) -> Run {
        run_command(self.command(args), stdin)
    }
}

/// Temporary files (`.NAME.PID.tmp`) left in `dir`.
pub fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".tmp"))
        .collect()
}

pub fn run_command(mut command: Command, stdin: &str) -> Run {
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let mut input = child.stdin.take().unwrap();
    input.write_all(stdin.as_bytes()).unwrap();
    drop(input);
    finish(child)
}

/// The status of each entry of `history ID`, oldest first.
pub fn statuses(s: &Sandbox, id: &str) -> Vec<String> {
    s.run(&["history", id])
        .success()
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["status"].as_str().unwrap().to_string())
        .collect()
}

/// Starts the binary in the background (stdin empty), for tests that run several at once
/// or act while it waits; [`finish`] collects it.
pub fn spawn(s: &Sandbox, args: &[&str]) -> Child {
    s.command(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs")
}

/// Waits for a run started by [`spawn`] (or [`run_command`]) and collects its outcome.
pub fn finish(child: Child) -> Run {
    let output = child.wait_with_output().unwrap();
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

// ---------------------------------------------------------------------------------------------
// For the GitHub API tests (`github_api.rs`): seeding through the server's database, reading
// back what the server holds, and counting the requests of one run.

use gh_store::serve::Stats;
use gh_store::store::{Store, StoreOptions};
use gh_store::tracker::{paginate, Comment, Issue, IssueQuery, NewIssue, StateFilter, Tracker};

/// A second live issue for object `id`, as two creates that raced (or a copy made by hand)
/// leave one, written straight through `tracker`.
pub fn duplicate_object(tracker: &dyn Tracker, id: &str, body: &str) -> Issue {
    tracker
        .create_issue(&NewIssue {
            title: format!("Stored Object: {id}"),
            body: Some(body.into()),
            labels: vec![
                "gh-store".into(),
                "stored-object".into(),
                format!("UID:{id}"),
            ],
        })
        .unwrap()
}

impl Remote {
    /// The server's repository as `login` sees it (the web UI, or another client), straight
    /// on its database.
    pub fn tracker_as(&self, login: &str) -> LocalTracker {
        self.db.tracker(self.repo_id, login).unwrap()
    }

    /// A store acting as `login` straight on the server's database: seeds many objects
    /// quickly, without HTTP.
    pub fn store_as(&self, login: &str) -> Store {
        Store::new(Box::new(self.tracker_as(login)), StoreOptions::default())
    }

    /// Every issue carrying `UID:<id>`, whatever its state (archived ones too), by number.
    pub fn issues_of(&self, id: &str) -> Vec<Issue> {
        self.issues(vec![format!("UID:{id}")])
    }

    /// Every issue of the repository, labelled or not, whatever its state, by number.
    pub fn all_issues(&self) -> Vec<Issue> {
        self.issues(Vec::new())
    }

    fn issues(&self, labels: Vec<String>) -> Vec<Issue> {
        let tracker = self.tracker_as("alice");
        let query = IssueQuery {
            labels,
            state: StateFilter::All,
            ..IssueQuery::default()
        };
        let mut issues: Vec<Issue> = paginate(|page| tracker.list_issues(&query, page))
            .collect::<Result<_, _>>()
            .unwrap();
        issues.sort_by_key(|issue| issue.number);
        issues
    }

    /// The comments on an issue, oldest first.
    pub fn comments_on(&self, number: u64) -> Vec<Comment> {
        let tracker = self.tracker_as("alice");
        paginate(|page| tracker.list_comments(number, None, page))
            .collect::<Result<_, _>>()
            .unwrap()
    }
}

impl Sandbox {
    /// Runs one command and returns the server's counters for that run alone.
    pub fn run_counted(&self, args: &[&str]) -> (Run, Stats) {
        let server = &self.remote().server;
        server.reset_stats();
        let run = self.run(args);
        (run, server.stats())
    }
}

impl Sandbox {
    /// Runs one command with stdout and stderr on a terminal `columns` wide (a pty from
    /// util-linux's `script`), as a person at a shell would. Returns what the terminal
    /// showed, with `\r\n` as `\n`; the exit code is the command's.
    pub fn run_on_terminal(&self, columns: u16, args: &[&str]) -> Run {
        self.run_on_terminal_typing(columns, args, "")
    }

    /// [`Self::run_on_terminal`], with `typed` typed at the terminal.
    pub fn run_on_terminal_typing(&self, columns: u16, args: &[&str], typed: &str) -> Run {
        let quote = |word: &str| format!("'{}'", word.replace('\'', r"'\''"));
        let words: Vec<String> = std::iter::once(BIN)
            .chain(self.args.iter().map(String::as_str))
            .chain(args.iter().copied())
            .map(quote)
            .collect();
        let line = format!("stty cols {columns} rows 50; exec {}", words.join(" "));
        let mut command = Command::new("script");
        command
            .args(["-qefc", &line, "/dev/null"])
            .env_clear()
            .env("HOME", self.dir.path())
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("TERM", "dumb")
            .current_dir(self.dir.path());
        for (k, v) in &self.extra_env {
            command.env(k, v);
        }
        let mut run = run_command(command, typed);
        run.stdout = run.stdout.replace("\r\n", "\n");
        run
    }
}

/// Removes the SGR escapes `--color always` puts around output.
pub fn strip_ansi(text: &str) -> String {
    let mut plain = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for c in chars.by_ref() {
                if c == 'm' {
                    break;
                }
            }
        } else {
            plain.push(c);
        }
    }
    plain
}

/// `args` (a shell, often under `timeout`) as a user would run them from `home`: nothing of
/// this environment but HOME, USER=octo and a PATH with this gh-store first.
pub fn in_clean_home(home: &std::path::Path, args: &[&str]) -> Command {
    let bin_dir = std::path::Path::new(BIN).parent().unwrap();
    let mut command = Command::new(args[0]);
    command
        .args(&args[1..])
        .env_clear()
        .env("HOME", home)
        .env("USER", "octo")
        .env("PATH", format!("{}:/usr/bin:/bin", bin_dir.display()))
        .current_dir(home);
    command
}
