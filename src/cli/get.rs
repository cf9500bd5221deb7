//! `gh-store get`.

use clap::Args;

use super::shape::ShapeArgs;
use super::Context;
use crate::error::Result;
use crate::store::ObjectId;

/// Print an object
///
/// Prints {object_id, created_at, updated_at, version, data}: `version` is what
/// `update --if-version` expects. One API request.
///
/// Examples:
///   gh-store get cfg
///   gh-store get cfg | jq .data.port
///   gh-store get cfg --jq .data.port             # no jq needed
///   gh-store get cfg --json version,data
///   gh-store get cfg --data > cfg.json
///   gh-store get cfg --at 3 --data      # as it was at version 3
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct GetArgs {
    /// The object's id (1-46 characters)
    pub id: String,
    /// Print only the data
    #[arg(long, conflicts_with = "json")]
    pub data: bool,
    /// Rebuild the object as it was at this version, from its history
    #[arg(long, value_name = "VERSION", value_parser = clap::value_parser!(u64).range(1..))]
    pub at: Option<u64>,
    #[command(flatten)]
    pub shape: ShapeArgs,
}

pub fn run(ctx: &Context, args: GetArgs) -> Result<()> {
    let id = ObjectId::parse(&args.id)?;
    let store = ctx.store()?;
    let object = match args.at {
        Some(version) => store.get_at(&id, version)?,
        None => store.get(&id)?,
    };
    if args.data {
        ctx.output.json(&object.data)
    } else {
        ctx.output.json(&object.envelope())
    }
}
