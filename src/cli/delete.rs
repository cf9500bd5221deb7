//! `gh-store delete`.

use clap::Args;

use super::Context;
use crate::error::Result;
use crate::store::ObjectId;

/// Delete (archive) an object
///
/// The issue is closed and relabelled `archived` (as the Python client does): it stays on
/// GitHub with its history, but `get`, `list` and `update` no longer see it.
///
/// Examples:
///   gh-store delete cfg
///   gh-store list --since 2020-01-01 --ndjson | jq -r 'select(.data.expired) | .object_id' |
///     xargs -n1 gh-store delete
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct DeleteArgs {
    /// The object's id (1-46 characters)
    pub id: String,
}

pub fn run(ctx: &Context, args: DeleteArgs) -> Result<()> {
    let id = ObjectId::parse(&args.id)?;
    let archived = ctx.store()?.delete(&id)?;
    let issues: Vec<String> = archived.iter().map(|n| format!("#{n}")).collect();
    let noun = if issues.len() == 1 { "issue" } else { "issues" };
    ctx.output.info(&format!(
        "archived {:?} ({noun} {})",
        id.as_str(),
        issues.join(", ")
    ));
    Ok(())
}
