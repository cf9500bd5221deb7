//! `gh-store update`.

use std::time::Duration;

use clap::Args;
use serde_json::json;

use super::{input, Context};
use crate::config::parse_duration;
use crate::error::{Error, Result};
use crate::store::{ObjectId, UpdateMode, UpdateOptions, UpdateOutcome};

/// Update an object
///
/// Posts the change as a comment on the object's issue. On the local store it is applied at
/// once (there is no Actions runner to process it) and the new object is printed, unless
/// --queue. On GitHub it is queued for the processor (the issue is reopened, which starts
/// the Actions workflow) and a receipt is printed, unless --apply or --wait.
///
/// The change is checked before it is posted: against --if-version, its mode, the JSON
/// Schema and the size limit, applied to the current state.
///
/// Examples:
///   gh-store update cfg '{"port": 9090}'
///   gh-store update cfg --mode merge-patch '{"debug": null}'
///   gh-store update cfg --mode json-patch '[{"op": "add", "path": "/tags/-", "value": "x"}]'
///   v=$(gh-store get cfg | jq .version); gh-store update cfg --if-version "$v" '{"n": 1}'
///   gh-store update cfg --wait=2m '{"port": 9090}' | jq .data
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct UpdateArgs {
    /// The object's id (1-46 characters)
    pub id: String,
    /// The change: JSON, `-` for stdin (the default when piped), or @FILE
    pub json: Option<String>,

    /// How the change applies: append = deep merge (the Python client's), merge-patch =
    /// RFC 7396 (null deletes), json-patch = RFC 6902 operations, replace = whole document.
    /// Only append is understood by the Python processor.
    #[arg(long, value_parser = ["append", "merge-patch", "json-patch", "replace"], default_value = "append")]
    pub mode: String,

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
    /// result; exit 5/6 if rejected, 7 if still pending after TIMEOUT
    #[arg(long, value_name = "TIMEOUT", num_args = 0..=1, default_missing_value = "5m", require_equals = true, conflicts_with = "apply")]
    pub wait: Option<String>,
}

pub fn run(ctx: &Context, args: UpdateArgs) -> Result<()> {
    let id = ObjectId::parse(&args.id)?;
    let change = input::read_json(args.json.as_deref())?;
    let mode: UpdateMode = args.mode.parse().map_err(Error::usage)?;
    let wait = args
        .wait
        .as_deref()
        .map(|t| parse_duration(t).map_err(|why| Error::usage(format!("invalid --wait: {why}"))))
        .transpose()?;
    let apply = if args.apply {
        true
    } else if args.queue || wait.is_some() {
        false
    } else {
        ctx.settings.apply.value
    };
    let store = ctx.store()?;
    let options = UpdateOptions {
        mode,
        if_version: args.if_version,
        apply,
    };
    match store.update(&id, change, &options)? {
        UpdateOutcome::Applied(object) => ctx.output.json(&object.envelope()),
        UpdateOutcome::Pending {
            object_id,
            issue_number,
            comment_id,
        } => match wait {
            Some(timeout) => {
                let waiting = ctx
                    .output
                    .waiting(format!("waiting for the processor (issue #{issue_number})"));
                let outcome =
                    store.wait_for(issue_number, comment_id, timeout, Duration::from_secs(2));
                waiting.finish_and_clear();
                ctx.output.json(&outcome?.envelope())
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
        },
    }
}
