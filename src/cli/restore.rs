//! `gh-store restore`.

use clap::Args;

use super::Context;
use crate::error::Result;
use crate::store::ObjectId;

/// Bring an archived (deleted) object back
///
/// Its issue gets the labels of a live object again and stays closed, so the object is
/// stable, with its data and history as they were when it was deleted. When the id was
/// deleted more than once, the newest archived issue comes back. Prints the object.
///
/// Examples:
///   gh-store restore cfg
///   gh-store list --archived --jq '.[].object_id'    # what can be restored
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct RestoreArgs {
    /// The archived object's id
    pub id: String,
}

pub fn run(ctx: &Context, args: RestoreArgs) -> Result<()> {
    let id = ObjectId::parse(&args.id)?;
    let restored = ctx.store()?.restore(&id)?;
    let mut note = format!(
        "restored {:?} (issue #{})",
        id.as_str(),
        restored.issue_number
    );
    if !restored.older.is_empty() {
        let older: Vec<String> = restored.older.iter().map(|n| format!("#{n}")).collect();
        note.push_str(&format!(
            "; older archived issues left as they are: {}",
            older.join(", ")
        ));
    }
    ctx.output.info(&note);
    ctx.output.json(&restored.object.envelope())
}
