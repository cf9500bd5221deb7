//! `gh-store list`.

use std::io::Write;

use clap::{Args, ValueEnum};
use owo_colors::OwoColorize;

use super::shape::ShapeArgs;
use super::{table, Context};
use crate::error::{Error, Result};
use crate::store::{unreadable_error, Alias, ListFilter, Listed, ObjectState, MAX_ID_CHARS};
use crate::timestamp::Timestamp;

/// List objects
///
/// Objects oldest first, each as `get` prints it. Aliases (objects that stand for another,
/// as the Python and TypeScript clients make them) are left out: --aliases lists them. Pages of 100 are fetched as they are
/// printed, so even --format json streams in constant memory.
///
/// An object whose body cannot be read (not JSON, or nested deeper than 1000 levels) is
/// never left out silently: the others are printed, then the error names it (exit 1).
/// With --keep-going it is printed with `raw_body` (its body as text) and `unreadable`
/// (why) instead of `data`, and the exit code is 0.
///
/// Examples:
///   gh-store list | jq -r '.[].object_id'
///   gh-store list --ndjson | head -1
///   gh-store list --state pending --format table
///   gh-store list --since 2025-01-01 --ndjson | jq -c '{id: .object_id, v: .version}'
///   gh-store list --aliases --format table
///   gh-store list --jq '.[] | select(.version > 3) | .object_id'
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
    /// List archived (deleted) objects and deprecated duplicates (with `merged_into`)
    /// instead of live ones
    #[arg(long)]
    pub archived: bool,
    /// List the aliases instead: {alias, target, issue_number}
    #[arg(long, conflicts_with_all = ["archived", "state", "since", "label", "keep_going"])]
    pub aliases: bool,
    /// Only objects updated at or after this time (2025-01-31 or 2025-01-31T12:00:00Z)
    #[arg(long, value_name = "TIME", value_parser = parse_since)]
    pub since: Option<Timestamp>,
    /// Only objects carrying this extra label (repeatable: all must match)
    #[arg(long, value_name = "NAME")]
    pub label: Vec<String>,
    /// At most this many objects
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    /// Print objects whose body cannot be read with their raw body, and exit 0
    #[arg(long)]
    pub keep_going: bool,
    #[command(flatten)]
    pub shape: ShapeArgs,
}

/// What `list` prints of each object (or alias, with --aliases).
pub const LIST_FIELDS: &[&str] = &[
    "object_id",
    "created_at",
    "updated_at",
    "version",
    "data",
    "raw_body",
    "unreadable",
    "merged_into",
    "alias",
    "target",
    "issue_number",
];

fn parse_since(text: &str) -> std::result::Result<Timestamp, String> {
    Timestamp::parse(text)
        .ok_or_else(|| "expected a date like 2025-01-31 or 2025-01-31T12:00:00Z".to_string())
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

/// The STATE of an object whose body cannot be read (`--keep-going`).
const UNREADABLE: &str = "invalid";

pub fn run(ctx: &Context, args: ListArgs) -> Result<()> {
    if args.archived && args.state == StateArg::Pending {
        return Err(Error::usage(
            "--archived cannot be combined with --state pending: archived objects have no pending updates",
        ));
    }
    let format = if args.ndjson {
        Format::Ndjson
    } else {
        args.format
    };
    if args.aliases {
        return print_aliases(ctx, format, args.limit);
    }
    let since = args.since;
    let filter = ListFilter {
        state: match args.state {
            StateArg::Stable => Some(ObjectState::Stable),
            StateArg::Pending => Some(ObjectState::Pending),
            StateArg::All => None,
        },
        since,
        labels: args.label.clone(),
        archived: args.archived,
        limit: args.limit,
    };
    let store = ctx.store()?;
    let mut unreadable = Vec::new();
    // Unreadable objects are printed (--keep-going) or kept for the error at the end.
    let objects = store.list_entries(&filter).filter_map(|entry| match entry {
        Ok(Listed::Unreadable(raw)) if !args.keep_going => {
            unreadable.push(raw);
            None
        }
        Ok(Listed::Unreadable(raw)) => {
            ctx.output.warn(&format!(
                "{}; listed with its raw body",
                raw.error().message
            ));
            Some(Ok(Listed::Unreadable(raw)))
        }
        other => Some(other),
    });
    print(ctx, format, objects)?;
    match unreadable.is_empty() {
        true => Ok(()),
        false => Err(unreadable_error(&unreadable)),
    }
}

fn print(
    ctx: &Context,
    format: Format,
    objects: impl Iterator<Item = Result<Listed>>,
) -> Result<()> {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match format {
        Format::Json => {
            let mut array = ctx.output.array(out);
            for object in objects {
                array.item(&envelope(&object?))?;
            }
            array.finish()
        }
        Format::Ndjson => {
            for object in objects {
                ctx.output.write_line(&mut out, &envelope(&object?))?;
            }
            Ok(())
        }
        Format::Table => {
            // The ID column fits the widest id of the first page; when more pages follow,
            // their ids are unknown, so it takes the most characters an id may have. On a
            // terminal it gives way to what the terminal leaves (ids are then cut with …).
            let mut objects = objects.peekable();
            let mut first_page = Vec::new();
            while first_page.len() < PAGE {
                match objects.next() {
                    Some(object) => first_page.push(object?),
                    None => break,
                }
            }
            let terminal = table::terminal_columns();
            if first_page.is_empty() && terminal.is_some() {
                ctx.output.info("no objects match");
                return Ok(());
            }
            let wanted = if objects.peek().is_some() {
                MAX_ID_CHARS
            } else {
                first_page
                    .iter()
                    .map(|o| table::width(o.object_id().as_str()))
                    .fold("ID".len(), usize::max)
            };
            let row = Row {
                id_width: table::fit(wanted, FIXED_COLUMNS, MIN_ID_COLUMNS, terminal),
                cut: terminal.is_some(),
                color: ctx.output.stdout_color,
            };
            let header = format!(
                "{} {:>7} {:<8} {:<20} {:>8}",
                table::pad("ID", row.id_width),
                "VERSION",
                "STATE",
                "UPDATED",
                "SIZE"
            );
            if row.color {
                writeln!(out, "{}", header.bold())?;
            } else {
                writeln!(out, "{header}")?;
            }
            for object in first_page {
                row.write(&mut out, &object)?;
            }
            for object in objects {
                row.write(&mut out, &object?)?;
            }
            out.flush()?;
            Ok(())
        }
    }
}

/// What the columns after ID take: VERSION, STATE, UPDATED, SIZE and the spaces between.
const FIXED_COLUMNS: usize = 1 + 7 + 1 + 8 + 1 + 20 + 1 + 8;
/// The ID column never shrinks below this, however narrow the terminal.
const MIN_ID_COLUMNS: usize = 8;

fn print_aliases(ctx: &Context, format: Format, limit: Option<usize>) -> Result<()> {
    let store = ctx.store()?;
    let aliases = store.aliases().take(limit.unwrap_or(usize::MAX));
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match format {
        Format::Json => {
            let mut array = ctx.output.array(out);
            for alias in aliases {
                array.item(&alias?.envelope())?;
            }
            array.finish()
        }
        Format::Ndjson => {
            for alias in aliases {
                ctx.output.write_line(&mut out, &alias?.envelope())?;
            }
            Ok(())
        }
        Format::Table => {
            let aliases: Vec<Alias> = aliases.collect::<Result<_>>()?;
            let terminal = table::terminal_columns();
            if aliases.is_empty() && terminal.is_some() {
                ctx.output.info("no aliases");
                return Ok(());
            }
            let width = aliases
                .iter()
                .map(|a| table::width(a.alias.as_str()))
                .fold("ALIAS".len(), usize::max);
            // TARGET, last, takes what is left of a terminal; ALIAS at most half of it.
            let width = table::fit(
                width,
                terminal.map_or(0, |t| t / 2),
                MIN_ID_COLUMNS,
                terminal,
            );
            let cut = |text: &str, columns: usize| match terminal {
                Some(_) => table::truncate(text, columns),
                None => text.to_string(),
            };
            let target_columns = terminal.map_or(usize::MAX, |t| {
                t.saturating_sub(width + 8).max(MIN_ID_COLUMNS)
            });
            writeln!(out, "{} {:>6} TARGET", table::pad("ALIAS", width), "ISSUE")?;
            for alias in aliases {
                writeln!(
                    out,
                    "{} {:>6} {}",
                    table::pad(&cut(alias.alias.as_str(), width), width),
                    format!("#{}", alias.issue_number),
                    cut(alias.target.as_str(), target_columns)
                )?;
            }
            out.flush()?;
            Ok(())
        }
    }
}

fn envelope(listed: &Listed) -> serde_json::Value {
    match listed {
        Listed::Object(object) => object.envelope(),
        Listed::Unreadable(raw) => raw.envelope(),
    }
}

/// How each object's row is laid out.
struct Row {
    id_width: usize,
    /// Cut ids wider than the column (on a terminal); in a pipe they are kept whole.
    cut: bool,
    color: bool,
}

impl Row {
    fn write(&self, out: &mut impl Write, listed: &Listed) -> Result<()> {
        // No state for an object whose body cannot be read.
        let (object, state) = match listed {
            Listed::Object(object) => (object, Some(object.state)),
            Listed::Unreadable(raw) => (&raw.object, None),
        };
        let padded = format!("{:<8}", state.map_or(UNREADABLE, ObjectState::as_str));
        let state = match (self.color, state) {
            (false, _) => padded,
            (true, Some(ObjectState::Stable)) => padded.green().to_string(),
            (true, Some(ObjectState::Pending)) => padded.yellow().to_string(),
            (true, None) => padded.red().to_string(),
        };
        let id = object.object_id.as_str();
        let id = match self.cut {
            true => table::truncate(id, self.id_width),
            false => id.to_string(),
        };
        writeln!(
            out,
            "{} {:>7} {} {:<20} {:>8}",
            table::pad(&id, self.id_width),
            object.version,
            state,
            object.updated_at.to_string(),
            object.size
        )?;
        Ok(())
    }
}
