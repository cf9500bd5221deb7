//! `gh-store get`.

use std::io::Write;

use clap::Args;

use super::shape::ShapeArgs;
use super::Context;
use crate::error::{Error, ErrorKind, Result};
use crate::store::{ObjectId, StoredObject};

/// Print an object
///
/// Prints {object_id, created_at, updated_at, version, data}: `version` is what
/// `update --if-version` expects. One API request.
///
/// With several ids, one compact JSON line per object in the order given (--data, --json
/// and --jq apply to each line). An id that is not found is reported on stderr, the others
/// are printed, and the exit code is 3. Pages of the listing (100 objects a request) are
/// read instead of one lookup per id when they find the ids in fewer requests.
///
/// Examples:
///   gh-store get cfg
///   gh-store get cfg | jq .data.port
///   gh-store get cfg --jq .data.port             # no jq needed
///   gh-store get cfg --json version,data
///   gh-store get cfg --data > cfg.json
///   gh-store get cfg --at 3 --data      # as it was at version 3
///   gh-store get cfg web db --data      # one line each
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct GetArgs {
    /// The objects' ids (1-46 characters each)
    #[arg(required = true, value_name = "ID")]
    pub ids: Vec<String>,
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
    // Every id is checked before any request.
    let ids: Vec<ObjectId> = ObjectId::parse_all(&args.ids)?;
    let store = ctx.store()?;
    let print = |object: &StoredObject| match args.data {
        true => object.data.clone(),
        false => object.envelope(),
    };
    if let [id] = ids.as_slice() {
        let object = match args.at {
            Some(version) => store.get_at(id, version)?,
            None => store.get(id)?,
        };
        return ctx.output.json(&print(&object));
    }
    let objects: Box<dyn Iterator<Item = Result<StoredObject>>> = match args.at {
        Some(version) => Box::new(ids.iter().map(move |id| store.get_at(id, version))),
        None => Box::new(store.get_many(&ids)?),
    };
    let mut out = std::io::stdout().lock();
    let mut missing = Vec::new();
    for (id, object) in ids.iter().zip(objects) {
        match object {
            Ok(object) => ctx.output.write_line(&mut out, &print(&object))?,
            Err(e) if e.kind == ErrorKind::NotFound => {
                out.flush()?;
                ctx.output.error(&e);
                missing.push(id.as_str());
            }
            Err(e) => return Err(e),
        }
    }
    match missing.as_slice() {
        [] => Ok(()),
        missing => Err(Error::not_found(format!(
            "{} of {} objects not found: {}",
            missing.len(),
            ids.len(),
            missing
                .iter()
                .map(|id| format!("{id:?}"))
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}
