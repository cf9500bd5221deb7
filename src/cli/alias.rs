//! `gh-store alias`.

use clap::Args;

use super::Context;
use crate::error::{Error, Result};
use crate::store::ObjectId;

/// Make an object an alias of another
///
/// Afterwards `get`, `update`, `history`, `watch` and `process` of ALIAS act on TARGET (a
/// note on stderr says so), and `list` leaves ALIAS out (`list --aliases` shows it). ALIAS
/// must exist: like the Python and TypeScript clients, gh-store labels its issue
/// `ALIAS-TO:<TARGET>` and keeps its body, which --remove brings back.
///
/// Examples:
///   gh-store alias settings cfg
///   gh-store alias --remove settings
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct AliasArgs {
    /// The object that becomes an alias
    pub alias: String,
    /// The object it stands for (an alias of an alias is followed, 5 deep at most)
    #[arg(required_unless_present = "remove", conflicts_with = "remove")]
    pub target: Option<String>,
    /// Make ALIAS an object of its own again
    #[arg(long)]
    pub remove: bool,
}

pub fn run(ctx: &Context, args: AliasArgs) -> Result<()> {
    let alias = ObjectId::parse(&args.alias)?;
    let store = ctx.store()?;
    if args.remove {
        let target = store.remove_alias(&alias)?;
        ctx.output.info(&format!(
            "{:?} is no longer an alias of {target:?}",
            alias.as_str()
        ));
        return Ok(());
    }
    let target = args
        .target
        .as_deref()
        .ok_or_else(|| Error::usage("alias needs TARGET (or --remove)"))?;
    let target = ObjectId::parse(target)?;
    let canonical = store.alias(&alias, &target)?;
    let via = if canonical == target {
        String::new()
    } else {
        format!(" (itself an alias of {:?})", canonical.as_str())
    };
    ctx.output.info(&format!(
        "{:?} is now an alias of {:?}{via}",
        alias.as_str(),
        target.as_str()
    ));
    Ok(())
}
