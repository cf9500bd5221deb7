//! `gh-store watch`.

use std::io::StdoutLock;
use std::time::{Duration, Instant};

use clap::Args;

use super::process::{report_outcome, Summaries};
use super::shape::ShapeArgs;
use super::{interrupt, Context};
use crate::config::parse_duration;
use crate::error::{Error, ErrorKind, Result};
use crate::store::{ObjectId, Store, WatchEvent, WatchEventKind, Watcher};

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
    let ids = ObjectId::parse_all(&args.ids)?;
    let store = ctx.store()?;
    interrupt::install();
    let mut watcher = Watcher::new(&store, &ids);
    if args.process {
        watcher = watcher.with_pending_backlog();
    }
    let mut follower = Follower {
        ctx,
        store: &store,
        process: args.process,
        count: args.count,
        emitted: 0,
        out: std::io::stdout().lock(),
    };
    if args.initial && follower.emit_all(watcher.initial()?)? {
        return Ok(());
    }
    let mut backoff = Backoff::new(interval);
    loop {
        if interrupt::ctrl_c().is_raised() {
            return Err(interrupted());
        }
        match watcher.poll() {
            Ok(events) => {
                backoff.reset();
                if follower.emit_all(events)? {
                    return Ok(());
                }
            }
            Err(err) if transient(&err) => {
                let pause = backoff.next_pause();
                ctx.output.warn(&format!(
                    "{}; waiting {}s before polling again",
                    err.message,
                    pause.as_secs()
                ));
                sleep(pause)?;
                continue;
            }
            Err(err) => return Err(err),
        }
        if deadline.is_some_and(|d| Instant::now() >= d) {
            return Ok(());
        }
        sleep(match deadline {
            Some(d) => interval.min(d.saturating_duration_since(Instant::now())),
            None => interval,
        })?;
    }
}

/// Prints events, processes the pending objects they announce with `--process`, and counts
/// them against `--count`.
struct Follower<'a> {
    ctx: &'a Context,
    store: &'a Store,
    process: bool,
    count: Option<u64>,
    emitted: u64,
    out: StdoutLock<'static>,
}

impl Follower<'_> {
    /// Handles a batch of events in order; true once `--count` events have been printed.
    fn emit_all(&mut self, events: Vec<WatchEvent>) -> Result<bool> {
        for event in events {
            self.ctx
                .output
                .write_line(&mut self.out, &event.to_json())?;
            self.emitted += 1;
            if self.count.is_some_and(|n| self.emitted >= n) {
                return Ok(true);
            }
            if self.process && event.kind == WatchEventKind::Pending {
                if let Some(issue) = event.issue {
                    // Processed as `process --all` does, and told the same way; stdout
                    // holds events, so the summary goes to stderr.
                    let outcome = self.store.sweep_one(issue)?;
                    report_outcome(self.ctx, &outcome, Summaries::Stderr)?;
                }
            }
        }
        Ok(false)
    }
}

/// The pause after consecutive failed polls: doubling from the interval, at most
/// [`MAX_BACKOFF`].
struct Backoff {
    interval: Duration,
    failures: u32,
}

impl Backoff {
    fn new(interval: Duration) -> Backoff {
        Backoff {
            interval,
            failures: 0,
        }
    }

    fn reset(&mut self) {
        self.failures = 0;
    }

    fn next_pause(&mut self) -> Duration {
        self.failures += 1;
        (self.interval * 2u32.saturating_pow(self.failures.min(16))).min(MAX_BACKOFF)
    }
}

/// Sleeps, unless Ctrl-C ends the wait.
fn sleep(pause: Duration) -> Result<()> {
    match interrupt::ctrl_c().sleep(pause) {
        true => Ok(()),
        false => Err(interrupted()),
    }
}

fn interrupted() -> Error {
    Error::new(ErrorKind::Interrupted, "interrupted")
}

/// Network trouble, server errors and rate limits pass; a bad token or a missing repository
/// does not.
fn transient(err: &Error) -> bool {
    matches!(err.kind, ErrorKind::Failure | ErrorKind::GaveUpWaiting)
}
