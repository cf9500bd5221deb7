//! `gh-store dedupe`.

use clap::Args;

use super::Context;
use crate::error::Result;
use crate::store::ObjectId;

/// Resolve duplicate issues of an object
///
/// Two creates that raced (or an older client) can leave one id on several issues. The
/// oldest stays the object; each younger one is deprecated into it the way the Python
/// `canonicalize` tool does (labels `deprecated-object`, `MERGED-INTO:<ID>`,
/// `DEPRECATED-BY:<issue>`, `stored-object` removed), so that every client agrees on which
/// issue is the object. Bodies and comments are left as they are: `list --archived` shows
/// the deprecated issues. Prints one JSON line per id it resolved.
///
/// Examples:
///   gh-store dedupe cfg
///   gh-store dedupe            # every id
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct DedupeArgs {
    /// Only this object's issues (default: every object's)
    pub id: Option<String>,
}

pub fn run(ctx: &Context, args: DedupeArgs) -> Result<()> {
    let id = args.id.as_deref().map(ObjectId::parse).transpose()?;
    let done = ctx.store()?.dedupe(id.as_ref())?;
    let mut out = std::io::stdout().lock();
    for resolved in &done {
        ctx.output.write_line(&mut out, &resolved.envelope())?;
    }
    if done.is_empty() {
        ctx.output.info("no duplicates");
    }
    Ok(())
}
