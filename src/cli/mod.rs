//! The command line: clap types, one module per subcommand, and the run loop that turns a
//! result into an exit code.

mod completions;
mod context;
mod create;
mod delete;
mod get;
mod history;
mod input;
mod interrupt;
mod list;
mod process;
mod serve;
mod settings;
mod snapshot;
mod update;
mod watch;
mod workflow;

pub use completions::generated_files;
pub use context::Context;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::error::{ErrorKind, Result};
use crate::output::{self, ColorChoice};

pub const EXIT_CODES: &str = "\
Exit codes:
  0    success (also when the reader of stdout goes away, as with `| head -1`)
  1    failure (network, server, unexpected data)
  2    usage error or invalid input (bad JSON, bad id, bad config file)
  3    object not found (or archived)
  4    authentication or permission denied
  5    rejected by validation (size limit, JSON Schema, rejected update)
  6    conflict (object exists, version moved, json-patch test failed)
  7    rate limited or timed out
  130  interrupted (Ctrl-C)";

const ABOUT: &str = "Keep JSON objects in GitHub Issues";

const LONG_ABOUT: &str = "\
Keep JSON objects in GitHub Issues: one issue per object, the issue body is the current
state, updates are posted as comments and folded in by a processor (GitHub Actions, cron,
or inline). Wire-compatible with the Python gh-store.

Without a repository, gh-store uses its embedded local store (a SQLite file), so it works
without a GitHub account: `gh-store create cfg '{\"port\": 8080}'`.

Choosing the backend: --local PATH (or GH_STORE_LOCAL, or `local:` in a config file)
selects the embedded store; -R OWNER/REPO (or GH_STORE_REPO, GH_REPO, GITHUB_REPOSITORY,
or `repo:`) selects GitHub; with neither, the default local store
~/.local/share/gh-store/store.db is used. `gh-store config` shows what is in effect.";

#[derive(Debug, Parser)]
#[command(
    name = "gh-store",
    version,
    about = ABOUT,
    long_about = LONG_ABOUT,
    after_help = EXIT_CODES,
    propagate_version = true,
    max_term_width = 100
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Args)]
pub struct GlobalArgs {
    /// GitHub repository OWNER/REPO [env: GH_STORE_REPO, GH_REPO, GITHUB_REPOSITORY]
    #[arg(short = 'R', long, global = true, value_name = "OWNER/REPO")]
    pub repo: Option<String>,

    /// Use the embedded local store in this SQLite file instead of GitHub [env: GH_STORE_LOCAL]
    #[arg(long, global = true, value_name = "PATH")]
    pub local: Option<PathBuf>,

    /// GitHub REST API root (GHES: https://HOST/api/v3) [env: GH_STORE_API_URL, GITHUB_API_URL, GH_HOST]
    #[arg(long, global = true, value_name = "URL")]
    pub api_url: Option<String>,

    /// On the local store, act as this user (default: your OS user name) [env: GH_STORE_USER]
    #[arg(long = "as", global = true, value_name = "LOGIN")]
    pub as_user: Option<String>,

    /// Read settings from this file instead of ~/.config/gh-store/config.yml [env: GH_STORE_CONFIG]
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Validate objects against this JSON Schema (adds to the `schemas:` of config files)
    #[arg(long, global = true, value_name = "FILE")]
    pub schema: Option<PathBuf>,

    /// Longest total wait for GitHub rate limits before exit 7, e.g. 30s, 5m [env: GH_STORE_MAX_WAIT]
    #[arg(long, global = true, value_name = "DURATION")]
    pub max_wait: Option<String>,

    /// When to use colours [env: NO_COLOR, CLICOLOR_FORCE]
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    /// Print nothing on stderr but errors and warnings
    #[arg(short, long, global = true)]
    pub quiet: bool,

    /// Log every HTTP request on stderr (method, path, status, time, rate limit left) [env: GH_STORE_DEBUG=1]
    #[arg(short, long, global = true)]
    pub verbose: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Create(create::CreateArgs),
    Get(get::GetArgs),
    Update(update::UpdateArgs),
    List(list::ListArgs),
    History(history::HistoryArgs),
    Delete(delete::DeleteArgs),
    Process(process::ProcessArgs),
    Watch(watch::WatchArgs),
    Serve(serve::ServeArgs),
    Snapshot(snapshot::SnapshotArgs),
    Config(settings::ConfigArgs),
    Workflow(workflow::WorkflowArgs),
    Completions(completions::CompletionsArgs),
}

/// Parses the command line, runs the command, and maps the outcome to an exit code.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            // --help and --version are not errors; everything else clap reports is usage.
            let code = if err.use_stderr() { 2 } else { 0 };
            let _ = err.print();
            return ExitCode::from(code);
        }
    };
    let color = cli.global.color;
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) if err.kind == ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        // Ctrl-C: the user knows; no report, just the conventional code.
        Err(err) if err.kind == ErrorKind::Interrupted => ExitCode::from(err.exit_code()),
        Err(err) => {
            let stderr_color = color.resolve(
                std::io::IsTerminal::is_terminal(&std::io::stderr()),
                |name| std::env::var(name).ok(),
            );
            output::report(&err, stderr_color);
            ExitCode::from(err.exit_code())
        }
    }
}

pub fn run(cli: Cli) -> Result<()> {
    let ctx = Context::new(&cli.global)?;
    match cli.command {
        Command::Create(args) => create::run(&ctx, args),
        Command::Get(args) => get::run(&ctx, args),
        Command::Update(args) => update::run(&ctx, args),
        Command::List(args) => list::run(&ctx, args),
        Command::History(args) => history::run(&ctx, args),
        Command::Delete(args) => delete::run(&ctx, args),
        Command::Process(args) => process::run(&ctx, args),
        Command::Watch(args) => watch::run(&ctx, args),
        Command::Serve(args) => serve::run(&ctx, args),
        Command::Snapshot(args) => snapshot::run(&ctx, args),
        Command::Config(args) => settings::run(&ctx, args),
        Command::Workflow(args) => workflow::run(&ctx, args),
        Command::Completions(args) => completions::run(&ctx, args),
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::Cli;

    #[test]
    fn every_positional_argument_is_described() {
        let cli = Cli::command();
        let mut bare = Vec::new();
        for command in cli.get_subcommands() {
            for arg in command.get_positionals() {
                if arg.get_help().is_none() {
                    bare.push(format!("{} <{}>", command.get_name(), arg.get_id()));
                }
            }
        }
        assert!(bare.is_empty(), "no help text: {bare:?}");
    }
}
