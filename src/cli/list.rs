//! `gh-store list`.

use std::io::Write;

use clap::{Args, ValueEnum};
use owo_colors::OwoColorize;

use super::Context;
use crate::error::{Error, Result};
use crate::store::{ListFilter, ObjectState, StoredObject, MAX_ID_CHARS};
use crate::timestamp::Timestamp;
use crate::tracker::StateFilter;

/// List objects
///
/// Objects oldest first, each as `get` prints it. Pages of 100 are fetched as they are
/// printed, so even --format json streams in constant memory.
///
/// Examples:
///   gh-store list | jq -r '.[].object_id'
///   gh-store list --ndjson | head -1
///   gh-store list --state pending --format table
///   gh-store list --since 2025-01-01 --ndjson | jq -c '{id: .object_id, v: .version}'
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct ListArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Json)]
    pub format: Format,
    /// Same as --format ndjson: one object per line
    #[arg(long, conflicts_with = "format")]
    pub ndjson: bool,
    /// stable (no pending updates), pending, or all
    #[arg(long, value_enum, default_value_t = StateArg::All)]
    pub state: StateArg,
    /// List archived (deleted) objects instead of live ones
    #[arg(long)]
    pub archived: bool,
    /// Only objects updated at or after this time (2025-01-31 or 2025-01-31T12:00:00Z)
    #[arg(long, value_name = "TIME")]
    pub since: Option<String>,
    /// Only objects carrying this extra label (repeatable: all must match)
    #[arg(long, value_name = "NAME")]
    pub label: Vec<String>,
    /// At most this many objects
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A JSON array (pretty on a terminal)
    Json,
    /// One compact JSON object per line
    Ndjson,
    /// A table for people: id, version, state, updated, size
    Table,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StateArg {
    Stable,
    Pending,
    All,
}

/// Rows held back to size the table's ID column: one page of the listing.
const PAGE: usize = 100;

pub fn run(ctx: &Context, args: ListArgs) -> Result<()> {
    if args.archived && args.state == StateArg::Pending {
        return Err(Error::usage(
            "--archived cannot be combined with --state pending: archived objects have no pending updates",
        ));
    }
    let since = args
        .since
        .as_deref()
        .map(|text| {
            Timestamp::parse(text).ok_or_else(|| {
                Error::usage(format!(
                    "invalid --since {text:?}: expected a date like 2025-01-31 or 2025-01-31T12:00:00Z"
                ))
            })
        })
        .transpose()?;
    let filter = ListFilter {
        state: match args.state {
            StateArg::Stable => StateFilter::Closed,
            StateArg::Pending => StateFilter::Open,
            StateArg::All => StateFilter::All,
        },
        since,
        labels: args.label.clone(),
        archived: args.archived,
        limit: args.limit,
    };
    let format = if args.ndjson {
        Format::Ndjson
    } else {
        args.format
    };
    let store = ctx.store()?;
    let objects = store.list(&filter);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match format {
        Format::Json => {
            let mut array = ctx.output.array(out);
            for object in objects {
                array.item(&object?.envelope())?;
            }
            array.finish()
        }
        Format::Ndjson => {
            for object in objects {
                ctx.output.write_line(&mut out, &object?.envelope())?;
            }
            Ok(())
        }
        Format::Table => {
            // The ID column fits the longest id of the first page; when more pages follow,
            // their ids are unknown, so it takes the longest an id can be.
            let mut objects = objects.peekable();
            let mut first_page = Vec::new();
            while first_page.len() < PAGE {
                match objects.next() {
                    Some(object) => first_page.push(object?),
                    None => break,
                }
            }
            let width = if objects.peek().is_some() {
                MAX_ID_CHARS
            } else {
                first_page
                    .iter()
                    .map(|o| o.object_id.as_str().chars().count())
                    .fold("ID".len(), usize::max)
            };
            let color = ctx.output.stdout_color;
            let header = format!(
                "{:<width$} {:>7} {:<8} {:<20} {:>8}",
                "ID", "VERSION", "STATE", "UPDATED", "SIZE"
            );
            if color {
                writeln!(out, "{}", header.bold())?;
            } else {
                writeln!(out, "{header}")?;
            }
            for object in first_page {
                write_row(&mut out, &object, width, color)?;
            }
            for object in objects {
                write_row(&mut out, &object?, width, color)?;
            }
            out.flush()?;
            Ok(())
        }
    }
}

fn write_row(out: &mut impl Write, object: &StoredObject, width: usize, color: bool) -> Result<()> {
    let state = format!("{:<8}", object.state.as_str());
    let state = match (color, object.state) {
        (false, _) => state,
        (true, ObjectState::Stable) => state.green().to_string(),
        (true, ObjectState::Pending) => state.yellow().to_string(),
    };
    writeln!(
        out,
        "{:<width$} {:>7} {} {:<20} {:>8}",
        object.object_id.as_str(),
        object.version,
        state,
        object.updated_at.to_string(),
        object.size
    )?;
    Ok(())
}
