//! `gh-store delete`.

use std::io::{BufRead, IsTerminal, Write};

use clap::Args;

use super::Context;
use crate::error::{Error, ErrorKind, Result};
use crate::store::ObjectId;

/// Delete (archive) objects
///
/// Each issue is closed and relabelled `archived` (as the Python client does): it stays on
/// GitHub with its history, but `get`, `list` and `update` no longer see it, and
/// `gh-store restore ID` brings it back. On a terminal, asks first unless --yes.
/// A missing id is reported and the others are still archived (exit 3 at the end).
///
/// Examples:
///   gh-store delete cfg
///   gh-store delete old-a old-b --dry-run     # what would be archived, nothing written
///   gh-store list --ndjson --jq 'select(.data.expired) | .object_id' | xargs gh-store delete
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct DeleteArgs {
    /// The objects' ids (1-46 characters each)
    #[arg(required = true, value_name = "ID")]
    pub ids: Vec<String>,
    /// Do not ask for confirmation on a terminal
    #[arg(long, short = 'y')]
    pub yes: bool,
    /// Say which issues would be archived, and archive nothing
    #[arg(long)]
    pub dry_run: bool,
}

pub fn run(ctx: &Context, args: DeleteArgs) -> Result<()> {
    // Every id is checked before anything is written.
    let ids: Vec<ObjectId> = ObjectId::parse_all(&args.ids)?;
    let store = ctx.store()?;
    if args.dry_run {
        return each(ctx, &ids, |id| {
            let issues = store.issues_to_archive(id)?;
            ctx.output.info(&format!(
                "would archive {:?} ({})",
                id.as_str(),
                issue_list(&issues)
            ));
            Ok(())
        });
    }
    let interactive = std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
    if interactive && !args.yes {
        confirm(&ids, &store.tracker().describe())?;
    }
    each(ctx, &ids, |id| {
        let archived = store.delete(id)?;
        ctx.output.info(&format!(
            "archived {:?} ({})",
            id.as_str(),
            issue_list(&archived)
        ));
        Ok(())
    })
}

/// Runs `action` on every id, going on past a missing one; the first other error stops.
fn each(
    ctx: &Context,
    ids: &[ObjectId],
    mut action: impl FnMut(&ObjectId) -> Result<()>,
) -> Result<()> {
    let mut missing = Vec::new();
    for id in ids {
        match action(id) {
            Err(err) if err.kind == ErrorKind::NotFound && ids.len() > 1 => {
                ctx.output.error(&err);
                missing.push(id.as_str());
            }
            other => other?,
        }
    }
    match missing.as_slice() {
        [] => Ok(()),
        names => Err(Error::not_found(format!(
            "{} of {} objects not found: {}",
            names.len(),
            ids.len(),
            names.join(", ")
        ))),
    }
}

fn confirm(ids: &[ObjectId], store: &str) -> Result<()> {
    let what = match ids {
        [one] => format!("{:?}", one.as_str()),
        many => format!("{} objects", many.len()),
    };
    eprint!("Archive {what} in {store}? [y/N] ");
    std::io::stderr().flush()?;
    let mut answer = String::new();
    std::io::stdin().lock().read_line(&mut answer)?;
    match answer.trim().to_ascii_lowercase().as_str() {
        "y" | "yes" => Ok(()),
        _ => Err(Error::failure("nothing was archived").with_hint("--yes archives without asking")),
    }
}

fn issue_list(numbers: &[u64]) -> String {
    let noun = if numbers.len() == 1 {
        "issue"
    } else {
        "issues"
    };
    let numbers: Vec<String> = numbers.iter().map(|n| format!("#{n}")).collect();
    format!("{noun} {}", numbers.join(", "))
}
