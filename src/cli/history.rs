//! `gh-store history`.

use std::io::Write;

use clap::Args;
use owo_colors::OwoColorize;
use serde_json::Value;

use super::shape::ShapeArgs;
use super::Context;
use crate::error::{Error, Result};
use crate::store::{ObjectId, Revision};

/// Show every comment of an object with its status
///
/// One entry per comment: {comment_id, created_at, author, status, mode, data}, where
/// status is initial, applied, rejected, pending or ignored (not an update).
///
/// --diff shows instead each version with the JSON Patch (RFC 6902) its update caused
/// (version 1: an add of the whole initial document at path ""): coloured lines on a
/// terminal, {version, comment_id, created_at, author, patch} as JSON in a pipe.
///
/// Examples:
///   gh-store history cfg
///   gh-store history cfg | jq '.[] | select(.status == "rejected")'
///   gh-store history cfg --diff
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct HistoryArgs {
    /// The object's id (1-46 characters)
    pub id: String,
    /// One JSON object per line instead of an array
    #[arg(long)]
    pub ndjson: bool,
    /// Show each applied update as the JSON Patch it caused
    #[arg(long)]
    pub diff: bool,
    #[command(flatten)]
    pub shape: ShapeArgs,
}

/// What `history` prints of each entry (and, with --diff, of each revision).
pub const HISTORY_FIELDS: &[&str] = &[
    "comment_id",
    "created_at",
    "author",
    "status",
    "mode",
    "data",
    "version",
    "patch",
];

pub fn run(ctx: &Context, args: HistoryArgs) -> Result<()> {
    let id = ObjectId::parse(&args.id)?;
    let store = ctx.store()?;
    let values: Vec<Value> = if args.diff {
        let revisions = store.revisions(&id)?;
        if ctx.output.pretty && !args.ndjson && ctx.output.shape.is_none() {
            return print_diff(ctx, &revisions);
        }
        revisions.iter().map(to_json).collect::<Result<_>>()?
    } else {
        store
            .history(&id)?
            .iter()
            .map(to_json)
            .collect::<Result<_>>()?
    };
    if args.ndjson {
        let mut out = std::io::stdout().lock();
        for value in &values {
            ctx.output.write_line(&mut out, value)?;
        }
        out.flush()?;
        Ok(())
    } else {
        ctx.output.json(&Value::Array(values))
    }
}

fn to_json(item: &impl serde::Serialize) -> Result<Value> {
    serde_json::to_value(item).map_err(|e| Error::failure(e.to_string()))
}

/// The human form of `--diff`: one header per version, one line per patch operation.
fn print_diff(ctx: &Context, revisions: &[Revision]) -> Result<()> {
    let color = ctx.output.stdout_color;
    let mut out = std::io::stdout().lock();
    for revision in revisions {
        let header = format!(
            "v{}  comment {}  {}  {}",
            revision.version,
            revision.comment_id,
            revision.author.as_deref().unwrap_or("(deleted user)"),
            revision.created_at
        );
        if color {
            writeln!(out, "{}", header.bold())?;
        } else {
            writeln!(out, "{header}")?;
        }
        for op in revision.patch.as_array().into_iter().flatten() {
            let path = op["path"].as_str().unwrap_or("");
            let value = op.get("value").map(|v| v.to_string()).unwrap_or_default();
            // Version 1's patch adds the whole document.
            if op["op"] == "add" && path.is_empty() {
                writeln!(out, "    (created) {value}")?;
                continue;
            }
            let (sign, line) = match op["op"].as_str().unwrap_or("") {
                "add" => ("+", format!("{path}: {value}")),
                "remove" => ("-", path.to_string()),
                "replace" => ("~", format!("{path}: {value}")),
                other => ("*", format!("{other} {path} {value}")),
            };
            let text = format!("    {sign} {line}");
            if !color {
                writeln!(out, "{text}")?;
                continue;
            }
            match sign {
                "+" => writeln!(out, "{}", text.green())?,
                "-" => writeln!(out, "{}", text.red())?,
                _ => writeln!(out, "{}", text.yellow())?,
            }
        }
    }
    out.flush()?;
    Ok(())
}
