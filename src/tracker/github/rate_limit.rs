//! GitHub's primary and secondary rate limits, handled as its documentation asks
//! (<https://docs.github.com/en/rest/using-the-rest-api/best-practices-for-using-the-rest-api#handle-rate-limit-errors-appropriately>): wait `retry-after`, else until `x-ratelimit-reset`, else at least a
//! minute with backoff; never wait past the caller's budget; space writes once a secondary
//! limit has been seen.

use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use super::errors;
use super::request::Reply;
use crate::interrupt::Interrupt;
use crate::timestamp::Timestamp;
use crate::tracker::TrackerError;

/// GitHub asks for at least a minute after a secondary limit without `retry-after`.
const SECONDARY_WAIT_SECONDS: u32 = 60;
/// Repeated secondary limits double the wait up to 16 minutes.
const MAX_SECONDARY_DOUBLINGS: u32 = 4;
/// Waits at least this long are announced on stderr.
const NOTICE_SECONDS: u32 = 5;

/// The clock of rate-limit waits. Production waits real seconds; tests shrink the second so
/// that a "60 s" secondary wait and the 1 s margins take milliseconds.
#[derive(Debug, Clone, Copy)]
pub(super) struct Timing {
    pub(super) second: Duration,
}

impl Timing {
    pub(super) const REAL: Timing = Timing {
        second: Duration::from_secs(1),
    };
}

/// A request GitHub refused because of a rate limit, and how long it asks to wait.
#[derive(Debug)]
pub(super) struct Refusal {
    wait: Duration,
    retry_at: Timestamp,
    message: String,
    secondary: bool,
}

impl Refusal {
    pub(super) fn into_error(self) -> TrackerError {
        TrackerError::RateLimited {
            message: self.message,
            retry_at: Some(self.retry_at),
        }
    }
}

pub(super) struct RateLimits {
    max_wait: Duration,
    timing: Timing,
    interrupt: Interrupt,
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    /// Total rate-limit wait so far; bounded by `max_wait` for the tracker's life.
    waited: Duration,
    secondary_seen: bool,
    /// Secondary limits in a row, for the backoff.
    secondary_streak: u32,
    last_write: Option<Instant>,
}

impl RateLimits {
    pub(super) fn new(max_wait: Duration, timing: Timing, interrupt: Interrupt) -> RateLimits {
        RateLimits {
            max_wait,
            timing,
            interrupt,
            state: Mutex::default(),
        }
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Whether `reply` is a rate-limit refusal (403 or 429) rather than a real answer.
    pub(super) fn refusal(&self, reply: &Reply) -> Option<Refusal> {
        if !matches!(reply.status, 403 | 429) {
            return None;
        }
        let message = errors::readable_message(reply);
        let lower = message.to_ascii_lowercase();
        // GitHub's wording since 2021, and the "abuse detection" wording before it.
        let secondary_wording = lower.contains("secondary rate") || lower.contains("abuse");
        let retry_after = reply
            .header("retry-after")
            .and_then(|v| v.trim().parse::<u64>().ok());
        let exhausted = reply.header("x-ratelimit-remaining").map(str::trim) == Some("0");
        let reset = reply
            .header("x-ratelimit-reset")
            .and_then(|v| v.trim().parse::<i64>().ok());
        if reply.status == 403
            && retry_after.is_none()
            && !exhausted
            && !secondary_wording
            && !lower.contains("rate limit")
        {
            return None; // a permission problem, not a limit
        }

        let now = now_millis();
        let second = self.timing.second;
        let (wait, retry_at, secondary) = if let Some(seconds) = retry_after {
            let retry_at = Timestamp(now / 1000 + seconds as i64);
            (second * seconds as u32, retry_at, !exhausted)
        } else if let (true, Some(reset)) = (exhausted, reset) {
            let left_ms = (reset * 1000 - now).max(0) as f64;
            // One second of margin: GitHub's reset is rounded to the second.
            (
                second.mul_f64(left_ms / 1000.0) + second,
                Timestamp(reset),
                false,
            )
        } else {
            let doublings = self.state().secondary_streak.min(MAX_SECONDARY_DOUBLINGS);
            let seconds = SECONDARY_WAIT_SECONDS << doublings;
            let retry_at = Timestamp(now / 1000 + i64::from(seconds));
            (second * seconds, retry_at, true)
        };
        Some(Refusal {
            wait,
            retry_at,
            message,
            secondary,
        })
    }

    /// Sleeps as the refusal asks, or fails at once with `RateLimited` when that would take
    /// the tracker's total wait past `max_wait` (with `Interrupted` when interrupted).
    pub(super) fn wait(&self, refusal: Refusal) -> Result<(), TrackerError> {
        let mut state = self.state();
        if refusal.secondary {
            state.secondary_seen = true;
            state.secondary_streak += 1;
        }
        if state.waited + refusal.wait > self.max_wait {
            return Err(refusal.into_error());
        }
        state.waited += refusal.wait;
        drop(state);
        if refusal.wait >= self.timing.second * NOTICE_SECONDS {
            let until = refusal.retry_at.to_string();
            eprintln!(
                "gh-store: rate limited, waiting {} s (until {})",
                refusal.wait.as_secs_f64().ceil() as u64,
                until
                    .split_once('T')
                    .map_or(until.as_str(), |(_, time)| time)
            );
        }
        if !self.interrupt.sleep(refusal.wait) {
            return Err(TrackerError::Interrupted);
        }
        Ok(())
    }

    /// Called before each write: once GitHub has shown a secondary limit, writes go out at
    /// least a second apart for the rest of the run, as its best practices ask.
    pub(super) fn pace_write(&self) -> Result<(), TrackerError> {
        let mut state = self.state();
        let spacing = self.timing.second;
        // `last_write` may lie in the future (a slot booked by a write still waiting), so
        // the next slot is counted from it, not from now: concurrent writes queue up.
        let pause = match (state.secondary_seen, state.last_write) {
            (true, Some(last)) => (last + spacing).saturating_duration_since(Instant::now()),
            _ => Duration::ZERO,
        };
        state.last_write = Some(Instant::now() + pause);
        drop(state);
        if !self.interrupt.sleep(pause) {
            return Err(TrackerError::Interrupted);
        }
        Ok(())
    }

    /// A real answer ends a run of secondary limits.
    pub(super) fn answered(&self) {
        self.state().secondary_streak = 0;
    }
}

fn now_millis() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    const FAST: Timing = Timing {
        second: Duration::from_millis(1),
    };

    fn limits(max_wait: Duration) -> RateLimits {
        RateLimits::new(max_wait, FAST, Interrupt::default())
    }

    #[test]
    fn concurrent_writes_after_a_secondary_limit_go_out_a_second_apart() {
        let second = Duration::from_millis(40);
        let limits = RateLimits::new(
            Duration::from_secs(1),
            Timing { second },
            Interrupt::default(),
        );
        limits.state().secondary_seen = true;
        limits.pace_write().unwrap();
        let started = Instant::now();
        let mut done: Vec<Duration> = std::thread::scope(|scope| {
            let writers: Vec<_> = (0..3)
                .map(|_| {
                    scope.spawn(|| {
                        limits.pace_write().unwrap();
                        started.elapsed()
                    })
                })
                .collect();
            writers.into_iter().map(|w| w.join().unwrap()).collect()
        });
        done.sort();
        // Slots at 1, 2 and 3 "seconds" after the first write, not all at 1.
        for (n, at) in done.iter().enumerate() {
            assert!(
                *at >= second * (n as u32 + 1) - Duration::from_millis(5),
                "{done:?}"
            );
        }
    }

    #[test]
    fn plain_forbidden_is_not_a_limit() {
        let reply = Reply::for_test(
            403,
            &[("x-ratelimit-remaining", "4999")],
            r#"{"message":"Resource not accessible by integration"}"#,
        );
        assert!(limits(Duration::from_secs(1)).refusal(&reply).is_none());
        let not_found = Reply::for_test(404, &[], "{}");
        assert!(limits(Duration::from_secs(1)).refusal(&not_found).is_none());
    }

    #[test]
    fn retry_after_wins() {
        let reply = Reply::for_test(
            429,
            &[("retry-after", "7"), ("x-ratelimit-remaining", "12")],
            "",
        );
        let refusal = limits(Duration::from_secs(1)).refusal(&reply).unwrap();
        assert_eq!(refusal.wait, Duration::from_millis(7));
        assert!(refusal.secondary);
    }

    #[test]
    fn primary_waits_until_reset_plus_margin() {
        let reset = Timestamp::now().0 + 3600;
        let reply = Reply::for_test(
            403,
            &[
                ("x-ratelimit-remaining", "0"),
                ("x-ratelimit-reset", &reset.to_string()),
            ],
            r#"{"message":"API rate limit exceeded for user ID 1."}"#,
        );
        let refusal = limits(Duration::from_secs(1)).refusal(&reply).unwrap();
        assert!(refusal.wait > Duration::from_millis(3590));
        assert!(refusal.wait <= Duration::from_millis(3601));
        assert_eq!(refusal.retry_at, Timestamp(reset));
        assert!(!refusal.secondary);
    }

    #[test]
    fn secondary_backs_off_on_repeats_and_respects_the_budget() {
        let limits = limits(Duration::from_millis(200));
        let reply = Reply::for_test(
            403,
            &[],
            r#"{"message":"You have exceeded a secondary rate limit. Please wait a few minutes before you try again."}"#,
        );
        let first = limits.refusal(&reply).unwrap();
        assert_eq!(first.wait, Duration::from_millis(60));
        limits.wait(first).unwrap();
        let second = limits.refusal(&reply).unwrap();
        assert_eq!(second.wait, Duration::from_millis(120));
        limits.wait(second).unwrap();
        let third = limits.refusal(&reply).unwrap();
        let started = Instant::now();
        let error = limits.wait(third).unwrap_err();
        assert!(started.elapsed() < Duration::from_millis(50));
        assert!(matches!(
            error,
            TrackerError::RateLimited {
                retry_at: Some(_),
                ..
            }
        ));
        limits.answered();
        assert_eq!(
            limits.refusal(&reply).unwrap().wait,
            Duration::from_millis(60)
        );
    }

    #[test]
    fn html_abuse_page_is_a_secondary_limit() {
        let reply = Reply::for_test(
            403,
            &[("content-type", "text/html")],
            "<html><body>You have triggered an abuse detection mechanism.</body></html>",
        );
        assert!(
            limits(Duration::from_secs(1))
                .refusal(&reply)
                .unwrap()
                .secondary
        );
    }
}
