//! `gh-store snapshot`.

use std::path::PathBuf;

use clap::Args;

use super::Context;
use crate::error::Result;
use crate::store::write_atomically;

/// Write every object to a snapshot file
///
/// The Python tool's format: {snapshot_time, repository, objects: {id: {data, meta}}}.
/// Objects with pending updates are included with their current state and
/// `meta.pending: true`. Files are replaced atomically (temporary file, then rename), and
/// pages are streamed, so memory stays flat however many objects there are.
///
/// --update FILE refreshes an existing snapshot with what changed since its snapshot_time
/// (with a two-minute overlap for clock skew) and drops objects archived since; the file is
/// not touched when nothing changed.
///
/// Examples:
///   gh-store snapshot -o data/store-snapshot.json
///   gh-store snapshot | jq '.objects | keys'
///   gh-store snapshot --update data/store-snapshot.json   # in a cron job or site build
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct SnapshotArgs {
    /// Where to write it; `-` for stdout
    #[arg(
        short,
        long,
        value_name = "FILE",
        default_value = "-",
        conflicts_with = "update"
    )]
    pub output: PathBuf,
    /// Refresh this existing snapshot instead
    #[arg(long, value_name = "FILE")]
    pub update: Option<PathBuf>,
}

pub fn run(ctx: &Context, args: SnapshotArgs) -> Result<()> {
    let store = ctx.store()?;
    if let Some(path) = &args.update {
        let summary = store.refresh_snapshot(path)?;
        ctx.output.info(&if summary.changed() {
            format!(
                "{}: {} updated, {} removed",
                path.display(),
                summary.updated,
                summary.removed
            )
        } else {
            format!("{}: unchanged", path.display())
        });
        return Ok(());
    }
    let repository = match &ctx.settings.repo {
        Some(repo) => repo.value.clone(),
        None => store.tracker().repository()?.full_name,
    };
    let progress = ctx.output.spinner("objects");
    let mut tick = || progress.inc(1);
    let count = if args.output.as_os_str() == "-" {
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        store.write_snapshot(&repository, &mut out, &mut tick)?
    } else {
        let mut count = 0;
        write_atomically(&args.output, |out| {
            count = store.write_snapshot(&repository, out, &mut tick)?;
            Ok(())
        })?;
        count
    };
    progress.finish_and_clear();
    if args.output.as_os_str() != "-" {
        ctx.output.info(&format!(
            "wrote {count} objects to {}",
            args.output.display()
        ));
    }
    Ok(())
}
