//! `gh-store watch`.

use std::time::{Duration, Instant};

use clap::Args;

use super::shape::ShapeArgs;
use super::{interrupt, Context};
use crate::config::parse_duration;
use crate::error::{Error, ErrorKind, Result};
use crate::store::{ObjectId, WatchEvent, WatchEventKind, Watcher};

/// Follow the store and print one JSON line per change
///
/// Events: {"event": "created"|"updated"|"pending"|"deleted", "object_id", "version",
/// "updated_at", "data"}, flushed line by line (plus "initial" events with --initial).
/// Each poll is one request whatever the number of watched objects, and while nothing
/// changes GitHub answers 304 Not Modified, which costs nothing against the rate limit.
/// Transient errors and rate limits are waited out (said on stderr), never fatal.
///
/// The default --interval of 10s keeps even a store that changes all the time at 360
/// requests an hour: 7% of a token's 5,000/h, 36% of an Actions GITHUB_TOKEN's 1,000/h.
///
/// Examples:
///   gh-store watch cfg | while read -r event; do echo "$event" | jq .data.port; done
///   gh-store watch --initial --count 1 cfg    # print the current state, then exit
///   gh-store watch cfg --jq .data.port        # one line per change: the new port
///   gh-store watch --process                  # a self-hosted processor, without Actions
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct WatchArgs {
    /// Object ids to watch (default: all)
    pub ids: Vec<String>,
    /// Time between polls
    #[arg(long, value_name = "DURATION", default_value = "10s", value_parser = parse_duration)]
    pub interval: Duration,
    /// Emit the current state of the watched objects first
    #[arg(long)]
    pub initial: bool,
    /// Process pending objects: those pending at the start, then each as it appears
    #[arg(long)]
    pub process: bool,
    /// Exit after this many events
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub count: Option<u64>,
    /// Exit after this long
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub timeout: Option<Duration>,
    #[command(flatten)]
    pub shape: ShapeArgs,
}

/// What each watch event holds.
pub const WATCH_FIELDS: &[&str] = &["event", "object_id", "version", "updated_at", "data"];

/// Longest pause between retries after errors.
const MAX_BACKOFF: Duration = Duration::from_secs(300);

pub fn run(ctx: &Context, args: WatchArgs) -> Result<()> {
    let interval = args.interval.max(Duration::from_millis(100));
    let deadline = args.timeout.map(|t| Instant::now() + t);
    let ids = args
        .ids
        .iter()
        .map(|id| ObjectId::parse(id))
        .collect::<Result<Vec<_>>>()?;
    let store = ctx.store()?;
    interrupt::install();
    let mut watcher = Watcher::new(&store, &ids);
    if args.process {
        watcher = watcher.with_pending_backlog();
    }
    let mut emitted = 0u64;
    let mut out = std::io::stdout().lock();
    let mut emit = |event: &WatchEvent| -> Result<bool> {
        ctx.output.write_line(&mut out, &event.to_json())?;
        emitted += 1;
        Ok(args.count.is_some_and(|n| emitted >= n))
    };
    if args.initial {
        for event in watcher.initial()? {
            if emit(&event)? {
                return Ok(());
            }
        }
    }
    let mut failures = 0u32;
    loop {
        if interrupt::ctrl_c().is_raised() {
            return Err(Error::new(ErrorKind::Interrupted, "interrupted"));
        }
        match watcher.poll() {
            Ok(events) => {
                failures = 0;
                for event in events {
                    if emit(&event)? {
                        return Ok(());
                    }
                    if args.process && event.kind == WatchEventKind::Pending {
                        if let Some(issue) = event.issue {
                            match store.process_loaded(issue) {
                                Ok(report) => ctx.output.info(&format!(
                                    "processed {}: {} applied, {} rejected, version {}",
                                    report.object.object_id,
                                    report.applied(),
                                    report.rejected(),
                                    report.object.version
                                )),
                                Err(err) if err.kind == ErrorKind::Interrupted => return Err(err),
                                Err(err) => ctx.output.warn(&format!(
                                    "processing {} failed: {}",
                                    event.object.object_id, err.message
                                )),
                            }
                        }
                    }
                }
            }
            Err(err) if transient(&err) => {
                failures += 1;
                let pause = (interval * 2u32.saturating_pow(failures.min(16))).min(MAX_BACKOFF);
                ctx.output.warn(&format!(
                    "{}; waiting {}s before polling again",
                    err.message,
                    pause.as_secs()
                ));
                if !interrupt::ctrl_c().sleep(pause) {
                    return Err(Error::new(ErrorKind::Interrupted, "interrupted"));
                }
                continue;
            }
            Err(err) => return Err(err),
        }
        if deadline.is_some_and(|d| Instant::now() >= d) {
            return Ok(());
        }
        let pause = match deadline {
            Some(d) => interval.min(d.saturating_duration_since(Instant::now())),
            None => interval,
        };
        if !interrupt::ctrl_c().sleep(pause) {
            return Err(Error::new(ErrorKind::Interrupted, "interrupted"));
        }
    }
}

/// Network trouble, server errors and rate limits pass; a bad token or a missing repository
/// does not.
fn transient(err: &Error) -> bool {
    matches!(err.kind, ErrorKind::Failure | ErrorKind::GaveUpWaiting)
}
