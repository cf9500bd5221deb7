//! `gh-store history`.

use std::io::Write;

use clap::Args;
use serde_json::Value;

use super::Context;
use crate::error::{Error, Result};
use crate::store::ObjectId;

/// Show every comment of an object with its status
///
/// One entry per comment: {comment_id, created_at, author, status, mode, data}, where
/// status is initial, applied, rejected, pending or ignored (not an update).
///
/// Examples:
///   gh-store history cfg
///   gh-store history cfg | jq '.[] | select(.status == "rejected")'
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct HistoryArgs {
    pub id: String,
    /// One JSON object per line instead of an array
    #[arg(long)]
    pub ndjson: bool,
}

pub fn run(ctx: &Context, args: HistoryArgs) -> Result<()> {
    let id = ObjectId::parse(&args.id)?;
    let entries = ctx.store()?.history(&id)?;
    let values: Vec<Value> = entries
        .iter()
        .map(|e| serde_json::to_value(e).map_err(|e| Error::failure(e.to_string())))
        .collect::<Result<_>>()?;
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
