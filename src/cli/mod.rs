//! The command line: clap types, one module per subcommand, and the run loop that turns a
//! result into an exit code.

mod actions;
mod alias;
mod completions;
mod context;
mod create;
mod dedupe;
mod delete;
mod get;
mod global;
mod history;
mod import;
mod input;
mod interrupt;
mod list;
mod process;
mod restore;
mod serve;
mod settings;
mod shape;
mod slow_requests;
mod snapshot;
mod table;
mod update;
mod update_lines;
mod watch;
mod workflow;

pub use completions::generated_files;
pub use context::Context;
pub use global::GlobalArgs;

use std::io::Write;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::error::{Error, ErrorKind, Result};
use crate::json;
use crate::output::{self, ColorChoice};

/// The exit codes of `--help`, from the error kinds (0 first: a closed pipe is success).
pub fn exit_codes() -> String {
    let mut kinds = ErrorKind::ALL.to_vec();
    kinds.sort_by_key(|kind| kind.exit_code());
    let lines: Vec<String> = kinds
        .iter()
        .map(|kind| format!("  {:<4} {}", kind.exit_code(), kind.meaning()))
        .collect();
    format!("Exit codes:\n{}", lines.join("\n"))
}

/// The first commands a user types, on the local store and on GitHub.
const EXAMPLES: &str = "\
Examples:
  gh-store create cfg '{\"port\": 8080}'
  gh-store get cfg | jq .data.port
  gh-store update cfg '{\"debug\": true}'
  gh-store list --format table
  gh-store -R octo/data get cfg --jq .data.port
  gh-store workflow --write";

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
    after_help = format!("{EXAMPLES}\n\n{}", exit_codes()),
    propagate_version = true,
    max_term_width = 100
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Create(create::CreateArgs),
    Get(get::GetArgs),
    Update(update::UpdateArgs),
    List(list::ListArgs),
    History(history::HistoryArgs),
    Delete(delete::DeleteArgs),
    Restore(restore::RestoreArgs),
    Alias(alias::AliasArgs),
    Dedupe(dedupe::DedupeArgs),
    Process(process::ProcessArgs),
    Watch(watch::WatchArgs),
    Serve(serve::ServeArgs),
    Snapshot(snapshot::SnapshotArgs),
    Import(import::ImportArgs),
    Config(settings::ConfigArgs),
    Workflow(workflow::WorkflowArgs),
    Completions(completions::CompletionsArgs),
}

/// Parses the command line, runs the command, and maps the outcome to an exit code.
pub fn main() -> ExitCode {
    // Decided before parsing: clap's help and errors are coloured as the rest of the output.
    let color = ColorChoice::from_args(std::env::args_os());
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => return clap_exit(&err, color),
    };
    match run_on_a_known_stack(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) if err.kind == ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        // Ctrl-C: the user knows; no report, just the conventional code.
        Err(err) if err.kind == ErrorKind::Interrupted => ExitCode::from(err.exit_code()),
        Err(err) => {
            output::report(&err, color.stderr());
            ExitCode::from(err.exit_code())
        }
    }
}

/// Runs the command on a thread with [`json::STACK_BYTES`] of stack: a document nested as
/// deep as gh-store reads recurses once per level wherever it goes, and the main thread's
/// stack is whatever the platform and `ulimit -s` make it.
fn run_on_a_known_stack(cli: Cli) -> Result<()> {
    let worker = std::thread::Builder::new()
        .name("gh-store".into())
        .stack_size(json::STACK_BYTES)
        .spawn(move || run(cli))
        .map_err(|e| Error::failure(format!("cannot start the command's thread: {e}")))?;
    match worker.join() {
        Ok(result) => result,
        Err(panic) => std::panic::resume_unwind(panic),
    }
}

/// Prints what clap has to say (help, version, a usage error) in our colours: clap's own
/// `auto` would ignore `--color` and weigh the environment differently.
fn clap_exit(err: &clap::Error, color: ColorChoice) -> ExitCode {
    let text = err.render();
    let write = |out: &mut dyn Write, colored: bool| {
        let _ = if colored {
            write!(out, "{}", text.ansi())
        } else {
            write!(out, "{text}")
        };
        let _ = out.flush();
    };
    // --help and --version are not errors; everything else clap reports is usage.
    if err.use_stderr() {
        let mut stderr = std::io::stderr().lock();
        write(&mut stderr, color.stderr());
        if let Some(hint) = wait_hint(err, std::env::args().collect()) {
            let _ = writeln!(stderr, "hint: {hint}");
        }
        ExitCode::from(2)
    } else {
        write(&mut std::io::stdout().lock(), color.stdout());
        ExitCode::SUCCESS
    }
}

/// `--wait 2s JSON`: the timeout must follow `=` (`--wait` alone means 5m), so `2s` was
/// taken as an argument and the JSON is left over. Says so instead of only "unexpected".
fn wait_hint(err: &clap::Error, args: Vec<String>) -> Option<String> {
    if err.kind() != clap::error::ErrorKind::UnknownArgument {
        return None;
    }
    let at = args.iter().position(|arg| arg == "--wait")?;
    let timeout = args.get(at + 1)?;
    crate::config::parse_duration(timeout).ok()?;
    Some(format!(
        "--wait takes its timeout after '=': --wait={timeout} (a separate {timeout} is read as \
         the next argument)"
    ))
}

pub fn run(cli: Cli) -> Result<()> {
    // Neither needs the settings, so a broken config file must not stop them: `config init`
    // writes one, and completions are often installed before anything is configured.
    match cli.command {
        Command::Config(settings::ConfigArgs {
            action: Some(settings::ConfigAction::Init { project, force }),
            ..
        }) => return settings::init(&cli.global, project, force),
        Command::Completions(args) => return completions::run(args),
        _ => {}
    }
    let mut ctx = Context::new(&cli.global)?;
    shape_output(&mut ctx, &cli.command)?;
    let result = match cli.command {
        Command::Create(args) => create::run(&ctx, args),
        Command::Get(args) => get::run(&ctx, args),
        Command::Update(args) => update::run(&ctx, args),
        Command::List(args) => list::run(&ctx, args),
        Command::History(args) => history::run(&ctx, args),
        Command::Delete(args) => delete::run(&ctx, args),
        Command::Restore(args) => restore::run(&ctx, args),
        Command::Alias(args) => alias::run(&ctx, args),
        Command::Dedupe(args) => dedupe::run(&ctx, args),
        Command::Process(args) => process::run(&ctx, args),
        Command::Watch(args) => watch::run(&ctx, args),
        Command::Serve(args) => serve::run(&ctx, args),
        Command::Snapshot(args) => snapshot::run(&ctx, args),
        Command::Import(args) => import::run(&ctx, args),
        Command::Config(args) => settings::show(&ctx, args.json || args.jq.is_some()),
        Command::Workflow(args) => workflow::run(&ctx, args),
        Command::Completions(_) => unreachable!("handled before the settings are read"),
    };
    result.map_err(|err| ctx.name_the_token(err))
}

/// Applies `--json FIELDS` / `--jq EXPR` to everything the command prints, checked before
/// any request.
fn shape_output(ctx: &mut Context, command: &Command) -> Result<()> {
    let shape = match command {
        Command::Get(args) => args.shape.shape(shape::OBJECT_FIELDS)?,
        Command::List(args) => {
            if args.format == list::Format::Table
                && (args.shape.json.is_some() || args.shape.jq.is_some())
            {
                return Err(Error::usage(
                    "--json and --jq print JSON; they do not go with --format table",
                ));
            }
            args.shape.shape(list::LIST_FIELDS)?
        }
        Command::History(args) => args.shape.shape(history::HISTORY_FIELDS)?,
        Command::Watch(args) => args.shape.shape(watch::WATCH_FIELDS)?,
        Command::Config(args) => shape::ShapeArgs {
            json: None,
            jq: args.jq.clone(),
        }
        .shape(&[])?,
        _ => return Ok(()),
    };
    ctx.output = ctx.output.shaped(shape);
    Ok(())
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
