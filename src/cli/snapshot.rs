//! `gh-store snapshot`.

use std::path::PathBuf;

use clap::Args;

use super::{interrupt, Context};
use crate::error::{Error, ErrorKind, Result};
use crate::store::write_output_file;

/// Write every object to a snapshot file
///
/// The Python tool's format: {snapshot_time, repository, objects: {id: {data, meta}}}.
/// Objects with pending updates are included with their current state and
/// `meta.pending: true`. A file is replaced atomically (temporary file, then rename; a
/// symbolic link is followed, permissions are kept); a device, FIFO or /dev/stdout is
/// written into, never replaced. Pages are streamed, so memory stays flat however many
/// objects there are.
///
/// An object whose body cannot be read (not JSON, or nested deeper than 1000 levels) fails
/// the snapshot (exit 1, naming it; a file is left as it was, stdout gets the others);
/// with --keep-going it is written as {raw_body, meta} with `meta.unreadable` saying why.
///
/// --update FILE refreshes an existing snapshot with what changed since its snapshot_time
/// (with a two-minute overlap for clock skew) and drops objects archived since; the file is
/// not touched when nothing changed. It must be a snapshot of the same repository.
///
/// `gh-store import` restores a snapshot, into this store or another.
///
/// Examples:
///   gh-store snapshot -o data/store-snapshot.json
///   gh-store snapshot | jq '.objects | keys'
///   gh-store --local dev.db snapshot -o - | gh-store -R org/data import -   # copy a store
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
    /// Write objects whose body cannot be read with their raw body, and exit 0
    #[arg(long)]
    pub keep_going: bool,
}

pub fn run(ctx: &Context, args: SnapshotArgs) -> Result<()> {
    let store = ctx.store()?;
    let repository = match ctx.repo() {
        Some(repo) => repo.full_name(),
        None => store.tracker().repository()?.full_name,
    };
    let to_file = args.update.is_some() || args.output.as_os_str() != "-";
    if to_file {
        // Ctrl-C stops at the next object, so that the temporary file is removed.
        interrupt::install();
    }
    let progress = ctx.output.spinner("objects");
    let mut tick = || {
        progress.inc(1);
        if interrupt::ctrl_c().is_raised() {
            return Err(Error::new(ErrorKind::Interrupted, "interrupted"));
        }
        Ok(())
    };
    if let Some(path) = &args.update {
        let summary = store.refresh_snapshot(path, &repository, args.keep_going, &mut tick)?;
        progress.finish_and_clear();
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
    let count = if to_file {
        let mut count = 0;
        write_output_file(&args.output, |out| {
            count = store.write_snapshot(&repository, out, args.keep_going, &mut tick)?;
            Ok(())
        })?;
        count
    } else {
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        store.write_snapshot(&repository, &mut out, args.keep_going, &mut tick)?
    };
    progress.finish_and_clear();
    if to_file {
        ctx.output.info(&format!(
            "wrote {count} objects to {}",
            args.output.display()
        ));
    }
    Ok(())
}
