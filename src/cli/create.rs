//! `gh-store create`.

use clap::Args;

use super::{input, Context};
use crate::error::Result;
use crate::store::{extra_labels, ObjectId};

/// Create an object from a JSON object
///
/// Prints the new object as `get` does. Fails with exit 6 if the id exists, and with exit 5
/// if the data breaks its JSON Schema or GitHub's 65,536-byte body limit; nothing is written
/// then.
///
/// Examples:
///   gh-store create cfg '{"port": 8080, "debug": false}'
///   jq -n '{users: []}' | gh-store create team
///   gh-store create cfg @config.json
///   gh-store create web-cfg --label team:web '{"port": 80}'
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct CreateArgs {
    /// Object id: 1-46 characters, no commas, control characters or surrounding spaces
    pub id: String,
    /// The data: a JSON object, `-` for stdin (the default when piped), or @FILE
    pub json: Option<String>,
    /// Also label the object's issue with this (repeatable), as the Python client's
    /// extra_labels; `list --label NAME` then finds it
    #[arg(long = "label", value_name = "NAME")]
    pub labels: Vec<String>,
}

pub fn run(ctx: &Context, args: CreateArgs) -> Result<()> {
    let id = ObjectId::parse(&args.id)?;
    let data = input::read_json(args.json.as_deref())?;
    let labels = extra_labels(&args.labels)?;
    let object = ctx.store()?.create_labeled(&id, data, &labels)?;
    ctx.output.json(&object.envelope())
}
