//! `gh-store workflow`: the GitHub Actions workflow that runs the processor.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use super::actions::DISPATCH_EVENT;
use super::Context;
use crate::error::{Error, Result};

mod install;

pub use install::{Install, InstallChoice};

pub const WORKFLOW_PATH: &str = ".github/workflows/gh-store.yml";

/// Print (or install) the GitHub Actions workflow that processes updates
///
/// The workflow runs `gh-store process --issue N` when an object's issue is reopened (which
/// is what `gh-store update` does) or when an update made inside Actions asks for it (a
/// `gh-store-update` repository_dispatch: reopens made with an Actions GITHUB_TOKEN start no
/// workflow), plus `gh-store process --all` on a schedule and on demand, to catch updates
/// stranded anyway. One concurrency group per issue keeps two processors off
/// the same object; the token reaches gh-store through the environment, never argv. The
/// job checks out the repository so that its .gh-store.yml (schemas, access policy) governs
/// the processor as it governs the command line.
///
/// The workflow installs gh-store as --install says: `action` (the default) uses the gh-store
/// Action of this build's home repository pinned to this version, `action=OWNER/REPO` the
/// Action of another repository publishing gh-store releases, `cargo` installs this version
/// from crates.io, `git=URL[@REF]` builds from a git repository at a tag or commit. A build
/// that knows no home repository has no default: it refuses rather than write an install
/// step that cannot succeed. The choice is reported on stderr.
///
/// Examples:
///   gh-store workflow > .github/workflows/gh-store.yml
///   gh-store workflow --write
///   gh-store workflow --write --install git=https://github.com/OWNER/gh-store@v0.1.0
#[derive(Debug, Args)]
// It prints a workflow: no store is touched.
#[command(verbatim_doc_comment, args = super::global::store_flags())]
pub struct WorkflowArgs {
    /// Write .github/workflows/gh-store.yml at the root of the git repository holding the
    /// working directory instead of printing it (refused outside a git repository)
    #[arg(long)]
    pub write: bool,
    /// Replace an existing workflow file
    #[arg(long, requires = "write")]
    pub force: bool,
    /// How the workflow installs gh-store: action, action=OWNER/REPO, cargo or git=URL[@REF]
    #[arg(long, value_name = "HOW")]
    pub install: Option<InstallChoice>,
}

pub fn run(ctx: &Context, args: WorkflowArgs) -> Result<()> {
    // Resolved before anything is written: a refusal leaves no file behind.
    let install = Install::resolve(args.install, install::home_repository())?;
    let text = workflow(&install);
    if !args.write {
        ctx.output.info(&install.describe());
        let mut out = std::io::stdout().lock();
        out.write_all(text.as_bytes())?;
        out.flush()?;
        return Ok(());
    }
    let path = repository_root()?.join(WORKFLOW_PATH);
    if path.exists() && !args.force {
        return Err(
            Error::conflict(format!("{} already exists", path.display()))
                .with_hint("pass --force to replace it"),
        );
    }
    ctx.output.info(&install.describe());
    let cannot_write =
        |e: std::io::Error| Error::failure(format!("cannot write {}: {e}", path.display()));
    std::fs::create_dir_all(path.parent().expect("a nested path")).map_err(cannot_write)?;
    std::fs::write(&path, text).map_err(cannot_write)?;
    ctx.output.info(&format!("wrote {}", path.display()));
    Ok(())
}

/// The root of the git repository holding the working directory: the nearest directory
/// with a `.git` (a directory, or the file of a worktree or submodule). GitHub runs only
/// the workflows under the root's `.github/workflows`; one written in a subdirectory would
/// never run, so outside a repository nothing is written.
fn repository_root() -> Result<PathBuf> {
    let cwd = std::env::current_dir()
        .map_err(|e| Error::failure(format!("cannot read the working directory: {e}")))?;
    match cwd.ancestors().find(|dir| dir.join(".git").exists()) {
        Some(root) => Ok(root.to_path_buf()),
        None => Err(Error::usage(format!(
            "not in a git repository ({} and its parents hold no .git): GitHub runs only the \
             workflows under .github/workflows at a repository's root",
            cwd.display()
        ))
        .with_hint(
            "run it inside the repository's working tree, or print the workflow \
             (`gh-store workflow > FILE`) and put it there yourself",
        )),
    }
}

/// The workflow text, pinned to this version of gh-store.
pub fn workflow(install: &Install) -> String {
    WORKFLOW
        .replace("{install}\n", &install.steps())
        .replace("{version}", env!("CARGO_PKG_VERSION"))
        .replace("{dispatch_event}", DISPATCH_EVENT)
}

const WORKFLOW: &str = r#"# Processes gh-store updates: written by `gh-store workflow` (gh-store {version}).
name: gh-store

on:
  issues:
    types: [reopened]
  # Sent by `gh-store update` inside Actions: a reopen made with GITHUB_TOKEN starts nothing.
  repository_dispatch:
    types: [{dispatch_event}]
  schedule:
    # Catches updates stranded anyway (a dispatch the workflow's token may not send).
    - cron: "*/30 * * * *"
  workflow_dispatch:

permissions:
  issues: write
  contents: read

concurrency:
  # One processor per object at a time; scheduled sweeps share one group.
  group: gh-store-${{ github.event.issue.number || github.event.client_payload.issue_number || 'all' }}
  cancel-in-progress: false

jobs:
  process:
    if: github.event_name != 'issues' || contains(github.event.issue.labels.*.name, 'stored-object')
    runs-on: ubuntu-latest
    timeout-minutes: 10
    steps:
      # The repository's .gh-store.yml (schemas, access policy) applies to the processor too.
      - name: Check out the configuration
        uses: actions/checkout@v4
        with:
          persist-credentials: false
{install}
      - name: Process
        env:
          # Through the environment: never on the command line, never in logs.
          GH_TOKEN: ${{ secrets.GITHUB_TOKEN }}
          GH_REPO: ${{ github.repository }}
          GITHUB_API_URL: ${{ github.api_url }}
          ISSUE_NUMBER: ${{ github.event.issue.number || github.event.client_payload.issue_number }}
        run: |
          if [ -n "$ISSUE_NUMBER" ]; then
            gh-store process --issue "$ISSUE_NUMBER"
          else
            gh-store process --all
          fi
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workflow_is_valid_yaml_with_the_promised_parts() {
        for install in [
            Install::Action {
                repository: "o/gh-store".into(),
            },
            Install::Cargo,
            Install::Git {
                url: "https://h/o/r".into(),
                reference: None,
            },
            "git=https://h/o/r@v1"
                .parse::<InstallChoice>()
                .map(|c| Install::resolve(Some(c), None).unwrap())
                .unwrap(),
        ] {
            check(&install);
        }
    }

    fn check(install: &Install) {
        let text = workflow(install);
        let doc: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
        assert_eq!(doc["permissions"]["issues"].as_str(), Some("write"));
        assert!(doc["on"]["issues"]["types"][0].as_str() == Some("reopened"));
        assert!(doc["on"]["schedule"][0]["cron"].is_string());
        assert_eq!(
            doc["on"]["repository_dispatch"]["types"][0].as_str(),
            Some(DISPATCH_EVENT),
            "updates made inside Actions ask for the processor"
        );
        assert!(doc["concurrency"]["group"]
            .as_str()
            .unwrap()
            .contains("github.event.issue.number"));
        let steps = doc["jobs"]["process"]["steps"].as_sequence().unwrap();
        assert_eq!(
            steps[0]["uses"].as_str(),
            Some("actions/checkout@v4"),
            "the repository's .gh-store.yml is read by the processor"
        );
        let step = steps.last().unwrap();
        assert_eq!(step["name"].as_str(), Some("Process"));
        assert_eq!(
            step["env"]["GH_TOKEN"].as_str(),
            Some("${{ secrets.GITHUB_TOKEN }}")
        );
        assert!(step["env"]["ISSUE_NUMBER"]
            .as_str()
            .unwrap()
            .contains("github.event.client_payload.issue_number"));
        let script = step["run"].as_str().unwrap();
        assert!(!script.contains("secrets"), "the token never reaches argv");
        assert!(
            !script.contains("${{"),
            "inputs are not interpolated into the shell"
        );
        assert!(!text.contains("{version}") && !text.contains("{install}"));
        assert!(!text.contains("{dispatch_event}"));
        let install_step = steps
            .iter()
            .find(|s| s["name"].as_str() == Some("Install gh-store"))
            .expect("an install step");
        match install {
            Install::Action { repository } => assert_eq!(
                install_step["uses"].as_str(),
                Some(format!("{repository}@v{}", env!("CARGO_PKG_VERSION")).as_str())
            ),
            Install::Cargo => assert!(install_step["run"]
                .as_str()
                .unwrap()
                .starts_with("cargo install gh-store --version")),
            Install::Git { url, .. } => {
                assert_eq!(
                    install_step["env"]["GH_STORE_GIT"].as_str(),
                    Some(url.as_str())
                );
                assert!(install_step["run"]
                    .as_str()
                    .unwrap()
                    .contains("--git \"$GH_STORE_GIT\""));
            }
        }
    }
}
