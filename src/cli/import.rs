//! `gh-store import`.

use std::io::{IsTerminal, Write};

use clap::Args;

use super::{actions, input, interrupt, Context};
use crate::config::table;
use crate::error::{Error, ErrorKind, Result};
use crate::output;
use crate::store::{
    parse_import, BadEntry, ImportAction, ImportOptions, ImportPlan, Imported, PlannedImport,
    UpdateMode,
};
use crate::tracker::pacing::SecondaryLimits;

/// Import objects from a snapshot or NDJSON
///
/// Reads a snapshot (`gh-store snapshot`'s or the Python tool's) or NDJSON lines
/// {"object_id", "data"} (other fields are ignored, so `list --ndjson` and `get ID...`
/// output can be imported). Each object is created when missing, updated when its data
/// differs (--mode replace by default; append or merge-patch), left alone when equal.
///
/// The whole input is read and planned first: an entry that cannot be imported (bad JSON,
/// a bad id, data that breaks its schema or the size limit) is reported with its line, and
/// nothing is written (exit 2), unless --keep-going: then the others are imported and the
/// exit code is still 2, naming them. A rerun does only what is left: an interrupted create
/// is finished, an update posted by an interrupted run is found (by its idempotency key,
/// derived from the object, its data and version) and not posted again.
///
/// Ids deleted (archived) in the store are skipped unless --include-archived: a snapshot
/// holds only live objects, so it cannot say whether an id was deleted after it was taken.
///
/// On the local store updates are applied at once; on GitHub they are queued for the
/// processor unless --apply. Writes are paced to GitHub's secondary limits.
///
/// Examples:
///   gh-store import backup.json --dry-run
///   gh-store snapshot | gh-store -R owner/other import -
///   gh-store list --ndjson | jq -c 'select(.data.team == "web")' | gh-store import --mode append
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct ImportArgs {
    /// The input: a snapshot or NDJSON file, `-` for stdin (the default when piped)
    #[arg(value_name = "FILE")]
    pub file: Option<String>,
    /// How differing data is written
    #[arg(long, default_value = "replace", value_parser = ["replace", "append", "merge-patch"])]
    pub mode: String,
    /// Print the plan (one line per object) and what it costs, and write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Import the good entries when some are bad (the exit code is still 2)
    #[arg(long)]
    pub keep_going: bool,
    /// Create objects whose id was deleted (archived) in the store
    #[arg(long)]
    pub include_archived: bool,
    /// Process updates at once instead of queueing them (default on the local store)
    #[arg(long, conflicts_with = "queue")]
    pub apply: bool,
    /// Queue updates for the processor (default on GitHub)
    #[arg(long)]
    pub queue: bool,
}

/// Off a terminal, a progress line per this many objects.
const PROGRESS_EVERY: usize = 100;

pub fn run(ctx: &Context, args: ImportArgs) -> Result<()> {
    let (text, source) = read_input(args.file.as_deref())?;
    let mode: UpdateMode = args.mode.parse().map_err(Error::usage)?;
    let apply = match (args.apply, args.queue) {
        (true, _) => true,
        (_, true) => false,
        _ => ctx.settings.get(&table::APPLY).value,
    };
    let options = ImportOptions {
        mode,
        apply,
        include_archived: args.include_archived,
    };
    let input = parse_import(&text);
    let mut bad = input.bad;
    // Bad input is told before any request.
    refuse_unless_keep_going(ctx, &bad, &source, args.keep_going)?;
    let store = ctx.store()?;
    let plan = store.plan_import(input.entries, &options)?;
    refuse_unless_keep_going(ctx, &plan.refused, &source, args.keep_going)?;
    bad.extend(plan.refused.iter().cloned());

    let mut out = std::io::stdout().lock();
    let counts = Counts::of(&plan.steps);
    if args.dry_run {
        print_plan(ctx, &plan, &options, &counts, &mut out)?;
        return bad_entries(&bad);
    }
    let work = plan
        .steps
        .iter()
        .filter(|s| !matches!(s.action, ImportAction::Unchanged | ImportAction::Archived))
        .count();
    let bar = ctx.output.bar(work as u64, "importing");
    let mut done = 0;
    // Ctrl-C stops between objects: a rerun does only what is left.
    interrupt::install();
    for step in &plan.steps {
        if interrupt::ctrl_c().is_raised() {
            bar.abandon();
            return Err(Error::new(ErrorKind::Interrupted, "interrupted"));
        }
        let outcome = store.import_one(step, &options).map_err(|e| {
            bar.abandon();
            e.context(format!(
                "import stopped at {} ({} of {work} written)",
                step.entry.place, done
            ))
            .with_hint("rerun the same command: it does only what is left")
        })?;
        let queued = match outcome {
            Imported::Queued { issue_number } => {
                actions::start_processor(ctx, &step.entry.id, issue_number);
                true
            }
            Imported::Done => false,
        };
        ctx.output.write_line(&mut out, &step.line(queued))?;
        if !matches!(
            step.action,
            ImportAction::Unchanged | ImportAction::Archived
        ) {
            done += 1;
            bar.inc(1);
            if !ctx.output.progress && done % PROGRESS_EVERY == 0 {
                ctx.output.info(&format!("import: {done}/{work} written"));
            }
        }
    }
    bar.finish_and_clear();
    out.flush()?;
    ctx.output
        .info(&format!("imported: {}", counts.summary(true)));
    if counts.archived > 0 {
        ctx.output
            .info("ids deleted in the store were skipped; --include-archived creates them again");
    }
    bad_entries(&bad)
}

/// `--dry-run`: each step on stdout, then what the import would cost on stderr.
fn print_plan(
    ctx: &Context,
    plan: &ImportPlan,
    options: &ImportOptions,
    counts: &Counts,
    out: &mut impl Write,
) -> Result<()> {
    for step in &plan.steps {
        ctx.output.write_line(&mut *out, &step.line(false))?;
    }
    out.flush()?;
    let cost = plan.cost(options);
    let limits = secondary_limits(ctx);
    ctx.output.info(&format!("plan: {}", counts.summary(false)));
    ctx.output.info(&format!(
        "cost: {} requests ({} writes, {} creating content), about {} at {} a request \
         within the secondary limits ({limits})",
        cost.requests,
        cost.writes,
        cost.content,
        output::duration(plan.duration(options, &limits)),
        output::duration(plan.round_trip()),
    ));
    Ok(())
}

/// The limits writes are paced within: GitHub's (or the configured ones) on GitHub, none on
/// the local store.
fn secondary_limits(ctx: &Context) -> SecondaryLimits {
    match ctx.repo() {
        Some(_) => ctx.settings.get(&table::SECONDARY_LIMITS).value.clone(),
        None => SecondaryLimits(Vec::new()),
    }
}

fn read_input(file: Option<&str>) -> Result<(String, String)> {
    match file {
        None if std::io::stdin().is_terminal() => Err(Error::usage("missing input")
            .with_hint("name a snapshot or NDJSON file, or `-` to read stdin")),
        None => input::read_text("-"),
        Some(file) => input::read_text(file),
    }
}

/// Without --keep-going, bad entries end the run before anything is written: one error
/// naming each of them. With it, each is warned about and skipped.
fn refuse_unless_keep_going(
    ctx: &Context,
    bad: &[BadEntry],
    source: &str,
    keep_going: bool,
) -> Result<()> {
    let hint = "fix them, or --keep-going to import the others";
    match bad {
        [] => Ok(()),
        _ if keep_going => {
            for entry in bad {
                ctx.output.warn(&format!(
                    "skipping {source}, {}: {}",
                    entry.place, entry.why
                ));
            }
            Ok(())
        }
        [one] => Err(Error::usage(format!(
            "{source}, {}: {}; nothing was imported",
            one.place, one.why
        ))
        .with_hint(hint)),
        _ => {
            let mut error = Error::usage(format!(
                "{} bad entries in {source}; nothing was imported",
                bad.len()
            ));
            for entry in bad {
                error = error.with_cause(format!("{}: {}", entry.place, entry.why));
            }
            Err(error.with_hint(hint))
        }
    }
}

/// With --keep-going, the skipped entries make the exit code 2 at the end.
fn bad_entries(bad: &[BadEntry]) -> Result<()> {
    if bad.is_empty() {
        return Ok(());
    }
    let places: Vec<&str> = bad.iter().map(|b| b.place.as_str()).collect();
    Err(Error::usage(format!(
        "skipped {} bad {}: {}",
        bad.len(),
        if bad.len() == 1 { "entry" } else { "entries" },
        places.join(", ")
    )))
}

#[derive(Default)]
struct Counts {
    create: usize,
    finish: usize,
    update: usize,
    unchanged: usize,
    archived: usize,
}

impl Counts {
    fn of(plan: &[PlannedImport]) -> Counts {
        let mut counts = Counts::default();
        for step in plan {
            match step.action {
                ImportAction::Create => counts.create += 1,
                ImportAction::Finish => counts.finish += 1,
                ImportAction::Update => counts.update += 1,
                ImportAction::Unchanged => counts.unchanged += 1,
                ImportAction::Archived => counts.archived += 1,
            }
        }
        counts
    }

    /// What the plan does (`to create`), or did (`created`).
    fn summary(&self, done: bool) -> String {
        let [create, finish, update] = match done {
            false => ["to create", "to finish (interrupted creates)", "to update"],
            true => ["created", "finished (interrupted creates)", "updated"],
        };
        let mut summary = format!("{} {create}, ", self.create);
        if self.finish > 0 {
            summary += &format!("{} {finish}, ", self.finish);
        }
        summary += &format!(
            "{} {update}, {} unchanged, {} deleted in the store (skipped)",
            self.update, self.unchanged, self.archived
        );
        summary
    }
}
