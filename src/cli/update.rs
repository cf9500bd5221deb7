//! `gh-store update`.

use std::time::Duration;

use clap::builder::PossibleValue;
use clap::{Args, ValueEnum};
use serde_json::json;

use super::{actions, input, interrupt, update_lines, Context};
use crate::config::{parse_duration, table};
use crate::error::{ErrorKind, Result, Written};
use crate::store::{
    extra_labels, fingerprint, ObjectId, RetryBook, Store, StoredObject, UpdateMode, UpdateOptions,
    UpdateOutcome,
};

/// Update an object
///
/// Posts the change as a comment on the object's issue. On the local store it is applied at
/// once (there is no Actions runner to process it) and the new object is printed, unless
/// --queue. On GitHub it is queued for the processor (the issue is reopened, which starts
/// the Actions workflow) and a receipt is printed, unless --apply or --wait. Inside Actions
/// with the workflow's GITHUB_TOKEN, whose reopen starts no workflow, it also sends a
/// gh-store-update repository_dispatch (the token needs `contents: write`; without it a
/// note says the scheduled sweep will process the update).
///
/// The change is checked before it is posted: against --if-version, its mode, the JSON
/// Schema and the size limit, applied to the current state.
///
/// With --ndjson, each line {"object_id", "data", "mode"?, "if_version"?} is an update
/// (`mode` defaults to --mode), posted in order as above; one result line per input line
/// ({"line", "object_id", "status": "applied"|"pending"|"failed", …}). A line that fails
/// does not stop the others; the exit code then names the failed lines (their kind's code
/// when they share one, 1 otherwise). A rerun of the same lines after a failure or Ctrl-C
/// does not post again the updates already posted.
///
/// Examples:
///   gh-store update cfg '{"port": 9090}'
///   gh-store update cfg --mode merge-patch '{"debug": null}'
///   gh-store update cfg --mode json-patch '[{"op": "add", "path": "/tags/-", "value": "x"}]'
///   v=$(gh-store get cfg | jq .version); gh-store update cfg --if-version "$v" '{"n": 1}'
///   gh-store update cfg --wait=2m '{"port": 9090}' | jq .data
///   jq -c '{object_id, data: {seen: true}}' ids.ndjson | gh-store update --ndjson -
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct UpdateArgs {
    /// The object's id (1-46 characters)
    #[arg(required_unless_present = "ndjson")]
    pub id: Option<String>,
    /// The change: JSON, `-` for stdin (the default when piped), or @FILE
    pub json: Option<String>,

    /// Updates as NDJSON lines from FILE, or `-` (the default) for stdin
    #[arg(long, value_name = "FILE", num_args = 0..=1, default_missing_value = "-", require_equals = false, conflicts_with_all = ["id", "json", "if_version", "wait"])]
    pub ndjson: Option<String>,

    /// How the change applies. Only append is understood by the Python processor.
    #[arg(long, value_enum, default_value_t = UpdateMode::Append)]
    pub mode: UpdateMode,

    /// Apply only if the object is still at this version (compare-and-set); exit 6 otherwise
    #[arg(long, value_name = "VERSION")]
    pub if_version: Option<u64>,

    /// Process the update at once instead of queueing it (default on the local store)
    #[arg(long, conflicts_with = "queue")]
    pub apply: bool,

    /// Queue the update for the processor (default on GitHub)
    #[arg(long)]
    pub queue: bool,

    /// Queue the update, then wait until the processor has consumed it and print the
    /// result; exit 5/6 if rejected, 7 if still pending after TIMEOUT (5m unless given as
    /// --wait=2m: with '=', since a separate word is the next argument). On the local store,
    /// where updates apply at once, it applies at once (unless --queue or `apply: false`)
    #[arg(long, value_name = "TIMEOUT", num_args = 0..=1, default_missing_value = "5m", require_equals = true, conflicts_with = "apply", value_parser = parse_duration)]
    pub wait: Option<Duration>,

    /// Also add this label to the object's issue (repeatable); labels already there stay
    #[arg(long = "label", value_name = "NAME", conflicts_with = "ndjson")]
    pub labels: Vec<String>,
}

/// The modes by the names the wire format gives them (`UpdateMode::as_str`), so that
/// clap lists them, completes them and refuses others naming `--mode`.
impl ValueEnum for UpdateMode {
    fn value_variants<'a>() -> &'a [Self] {
        &UpdateMode::ALL
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        let help = match self {
            UpdateMode::Append => "deep merge (the Python client's)",
            UpdateMode::MergePatch => "RFC 7396 merge patch (null deletes)",
            UpdateMode::JsonPatch => "RFC 6902 operations",
            UpdateMode::Replace => "the change is the whole new document",
        };
        Some(PossibleValue::new(self.as_str()).help(help))
    }
}

pub fn run(ctx: &Context, args: UpdateArgs) -> Result<()> {
    let mode = args.mode;
    let apply = applies_at_once(ctx, &args);
    if let Some(file) = &args.ndjson {
        let (text, source) = input::read_text(file)?;
        return update_lines::run(ctx, &text, &source, mode, apply);
    }
    let id = ObjectId::parse(args.id.as_deref().expect("clap requires an id"))?;
    let change = input::read_json(args.json.as_deref())?;
    let labels = extra_labels(&args.labels)?;
    let store = ctx.store()?;
    let outcome = update_at_most_once(&store, &id, change, mode, args.if_version, apply)?;
    // After the update: a label is no reason to hold it back, and one request adds them all.
    let (object_id, issue_number) = match &outcome {
        UpdateOutcome::Applied(object) => (&object.object_id, object.issue_number),
        UpdateOutcome::Pending {
            object_id,
            issue_number,
            ..
        } => (object_id, *issue_number),
    };
    store.add_labels(object_id, issue_number, &labels)?;
    match outcome {
        UpdateOutcome::Applied(object) => ctx.output.json(&object.envelope()),
        UpdateOutcome::Pending {
            object_id,
            issue_number,
            comment_id,
        } => {
            actions::start_processor(ctx, &object_id, issue_number);
            match args.wait {
                Some(timeout) => {
                    let object = wait_for_processor(
                        ctx,
                        &store,
                        &object_id,
                        issue_number,
                        comment_id,
                        timeout,
                    )?;
                    ctx.output.json(&object.envelope())
                }
                None => {
                    ctx.output
                        .info(&format!("queued for the processor (issue #{issue_number})"));
                    ctx.output.json(&json!({
                        "object_id": object_id.as_str(),
                        "issue_number": issue_number,
                        "comment_id": comment_id,
                        "status": "pending",
                    }))
                }
            }
        }
    }
}

/// `--apply`, `--queue`, or the `apply` setting; with `--wait` on GitHub, queued.
fn applies_at_once(ctx: &Context, args: &UpdateArgs) -> bool {
    if args.apply {
        true
    } else if args.queue {
        false
    } else if args.wait.is_some() {
        // On the local store nothing else processes updates unless `apply` says so: waiting
        // would only run out the timeout.
        ctx.is_local() && ctx.settings.get(&table::APPLY).value
    } else {
        ctx.settings.get(&table::APPLY).value
    }
}

/// The update, under an idempotency key: the same command run again after a failure that
/// may have posted it sends the same key, and so is applied at most once.
fn update_at_most_once(
    store: &Store,
    id: &ObjectId,
    change: serde_json::Value,
    mode: UpdateMode,
    if_version: Option<u64>,
    apply: bool,
) -> Result<UpdateOutcome> {
    let retries = RetryBook::for_user();
    let command = fingerprint(&[
        &store.tracker().describe(),
        id.as_str(),
        mode.as_str(),
        &change.to_string(),
        &if_version.map(|v| v.to_string()).unwrap_or_default(),
    ]);
    let (key, rerun) = retries.key_for(&command);
    let options = UpdateOptions {
        mode,
        if_version,
        apply,
        key: Some(key.clone()),
        rerun,
    };
    let outcome = store.update(id, change, &options);
    match &outcome {
        Ok(_) => retries.forget(&command),
        Err(e) if matches!(e.written, Some(Written::Maybe | Written::Partly)) => {
            retries.remember(&command, &key)
        }
        Err(_) => {}
    }
    outcome
}

/// `--wait`: the object once the processor has applied the update. Ctrl-C ends the wait,
/// not the update: it says so instead of dying with the spinner on the line.
fn wait_for_processor(
    ctx: &Context,
    store: &Store,
    object_id: &ObjectId,
    issue_number: u64,
    comment_id: u64,
    timeout: Duration,
) -> Result<StoredObject> {
    interrupt::install();
    let waiting = ctx
        .output
        .waiting(format!("waiting for the processor (issue #{issue_number})"));
    let outcome = store.wait_for(
        issue_number,
        comment_id,
        timeout,
        Duration::from_secs(2),
        interrupt::ctrl_c(),
    );
    waiting.finish_and_clear();
    if matches!(&outcome, Err(e) if e.kind == ErrorKind::Interrupted) {
        ctx.output.info(&format!(
            "interrupted: the update is still queued (issue #{issue_number}); \
             the processor will apply it (`gh-store history {}` shows when)",
            object_id.as_str()
        ));
    }
    outcome
}
