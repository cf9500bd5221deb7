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
    pub id: String,
}

pub fn run(ctx: &Context, args: DeleteArgs) -> Result<()> {
    let id = ObjectId::parse(&args.id)?;
    let object = ctx.store()?.delete(&id)?;
    ctx.output.info(&format!(
        "archived {:?} (issue #{})",
        id.as_str(),
        object.issue_number
    ));
    Ok(())
}
