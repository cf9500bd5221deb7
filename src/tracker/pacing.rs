//! GitHub's secondary rate limits as numbers: content-creating requests (issues and
//! comments) and points (1 a read, 5 a write) per sliding window. The REST tracker paces its
//! requests within them ([`Pacer`]), bulk commands plan with them, and `serve` enforces them.

use std::collections::VecDeque;
use std::fmt;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// What a limit counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// Requests that create content: `POST …/issues`, `POST …/issues/{n}/comments`.
    Content,
    /// 1 for GET and HEAD, 5 for other methods.
    Points,
}

/// At most `max` units per `window`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    pub max: u32,
    pub unit: Unit,
    pub window: Duration,
}

/// A set of limits; empty means none (GitHub Enterprise Server's default).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecondaryLimits(pub Vec<Limit>);

/// What one request counts toward each unit.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RequestCost {
    pub points: u32,
    pub content: u32,
}

impl RequestCost {
    /// A request's cost by its method and URL path (query and host ignored).
    pub fn of(method: &str, path: &str) -> RequestCost {
        let path = path.split('?').next().unwrap_or("").trim_end_matches('/');
        let read = matches!(method, "GET" | "HEAD" | "OPTIONS");
        let creates =
            method == "POST" && (path.ends_with("/issues") || path.ends_with("/comments"));
        RequestCost {
            points: if read { 1 } else { 5 },
            content: u32::from(creates),
        }
    }

    fn units(&self, unit: Unit) -> u32 {
        match unit {
            Unit::Content => self.content,
            Unit::Points => self.points,
        }
    }
}

impl SecondaryLimits {
    /// github.com's documented limits: 80 content-creating requests a minute and 500 an
    /// hour, 900 points a minute.
    pub fn github() -> SecondaryLimits {
        let minute = Duration::from_secs(60);
        SecondaryLimits(vec![
            Limit {
                max: 80,
                unit: Unit::Content,
                window: minute,
            },
            Limit {
                max: 500,
                unit: Unit::Content,
                window: Duration::from_secs(3600),
            },
            Limit {
                max: 900,
                unit: Unit::Points,
                window: minute,
            },
        ])
    }

    /// `80 content/1m, 500 content/1h, 900 points/1m`, or `off`.
    pub fn parse(text: &str) -> Result<SecondaryLimits, String> {
        let text = text.trim();
        if text == "off" {
            return Ok(SecondaryLimits(Vec::new()));
        }
        let invalid = |part: &str| {
            format!("{part:?}: expected limits like \"80 content/1m, 900 points/1m\", or \"off\"")
        };
        let mut limits = Vec::new();
        for part in text.split(',') {
            let part = part.trim();
            let (count, window) = part.split_once('/').ok_or_else(|| invalid(part))?;
            let (max, unit) = count.trim().split_once(' ').ok_or_else(|| invalid(part))?;
            let max: u32 = max.parse().map_err(|_| invalid(part))?;
            let unit = match unit.trim() {
                "content" => Unit::Content,
                "points" => Unit::Points,
                _ => return Err(invalid(part)),
            };
            let window = crate::duration::parse_duration(window).map_err(|_| invalid(part))?;
            if max == 0 || window.is_zero() {
                return Err(invalid(part));
            }
            limits.push(Limit { max, unit, window });
        }
        Ok(SecondaryLimits(limits))
    }

    /// The shortest time `costs`, sent one after another each taking `round_trip`, can
    /// take within the limits.
    pub fn duration(
        &self,
        costs: impl IntoIterator<Item = RequestCost>,
        round_trip: Duration,
    ) -> Duration {
        let pacer = Pacer::new(self.clone());
        let start = Instant::now();
        let mut clock = start;
        for cost in costs {
            clock += pacer.wait_at(cost, clock);
            pacer.push(cost, clock + round_trip);
            clock += round_trip;
        }
        clock - start
    }
}

impl fmt::Display for SecondaryLimits {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            return f.write_str("off");
        }
        let parts: Vec<String> = self
            .0
            .iter()
            .map(|limit| {
                let unit = match limit.unit {
                    Unit::Content => "content",
                    Unit::Points => "points",
                };
                format!("{} {unit}/{}", limit.max, window(limit.window))
            })
            .collect();
        f.write_str(&parts.join(", "))
    }
}

fn window(d: Duration) -> String {
    match (d.as_millis(), d.as_secs()) {
        (ms, _) if ms % 1000 != 0 => format!("{ms}ms"),
        (_, s) if s % 3600 == 0 => format!("{}h", s / 3600),
        (_, s) if s % 60 == 0 => format!("{}m", s / 60),
        (_, s) => format!("{s}s"),
    }
}

/// The requests of the last window (the longest), each at the time it counts from.
pub struct Pacer {
    limits: SecondaryLimits,
    state: Mutex<Sent>,
}

#[derive(Default)]
struct Sent {
    requests: VecDeque<(u64, Instant, RequestCost)>,
    next_id: u64,
}

impl Pacer {
    pub fn new(limits: SecondaryLimits) -> Pacer {
        Pacer {
            limits,
            state: Mutex::new(Sent::default()),
        }
    }

    /// How long to wait from `now` before a request of `cost` stays within every limit.
    pub fn wait_at(&self, cost: RequestCost, now: Instant) -> Duration {
        self.wait_locked(&self.state.lock().unwrap(), cost, now)
    }

    fn wait_locked(&self, sent: &Sent, cost: RequestCost, now: Instant) -> Duration {
        let mut wait = Duration::ZERO;
        for limit in &self.limits.0 {
            let need = cost.units(limit.unit);
            if need == 0 {
                continue;
            }
            let mut recent: Vec<(Instant, u32)> = sent
                .requests
                .iter()
                .filter(|(_, at, _)| *at + limit.window > now)
                .map(|(_, at, c)| (*at, c.units(limit.unit)))
                .collect();
            recent.sort_by_key(|(at, _)| *at);
            let mut used: u32 = recent.iter().map(|(_, units)| units).sum();
            // Oldest first: wait until enough of them have left the window.
            for (at, units) in recent {
                if used + need <= limit.max {
                    break;
                }
                used -= units;
                wait = wait.max((at + limit.window).saturating_duration_since(now));
            }
        }
        wait
    }

    /// Counts a request from `at`, forgetting those older than the longest window.
    pub fn push(&self, cost: RequestCost, at: Instant) -> u64 {
        let mut sent = self.state.lock().unwrap();
        self.push_locked(&mut sent, cost, at)
    }

    fn push_locked(&self, sent: &mut Sent, cost: RequestCost, at: Instant) -> u64 {
        let longest = self
            .limits
            .0
            .iter()
            .map(|l| l.window)
            .max()
            .unwrap_or_default();
        while sent
            .requests
            .front()
            .is_some_and(|(_, t, _)| *t + longest <= at)
        {
            sent.requests.pop_front();
        }
        sent.next_id += 1;
        sent.requests.push_back((sent.next_id, at, cost));
        sent.next_id
    }

    /// Waits (with `sleep`, which says false to stop waiting) until a request of `cost` is
    /// within the limits, and counts it from now; `None` when the wait was cut short. The
    /// check and the count share one lock, so that requests sent together cannot all pass.
    pub fn reserve(&self, cost: RequestCost, sleep: impl Fn(Duration) -> bool) -> Option<u64> {
        if self.limits.0.is_empty() {
            return Some(0);
        }
        loop {
            let wait = {
                let mut sent = self.state.lock().unwrap();
                let now = Instant::now();
                let wait = self.wait_locked(&sent, cost, now);
                if wait.is_zero() {
                    return Some(self.push_locked(&mut sent, cost, now));
                }
                wait
            };
            if !sleep(wait) {
                return None;
            }
        }
    }

    /// The request `id` got its answer: it counts from now, since the server may have
    /// received it as late as this, and must not see the next ones inside its window.
    pub fn complete(&self, id: u64) {
        let mut sent = self.state.lock().unwrap();
        if let Some(entry) = sent.requests.iter_mut().find(|(i, _, _)| *i == id) {
            entry.1 = Instant::now();
        }
    }

    /// For a server: counts a request within the limits, or says how long until it would
    /// be (a request refused is not counted).
    pub fn admit(&self, cost: RequestCost) -> Result<(), Duration> {
        let mut sent = self.state.lock().unwrap();
        let now = Instant::now();
        match self.wait_locked(&sent, cost, now) {
            wait if wait.is_zero() => {
                self.push_locked(&mut sent, cost, now);
                Ok(())
            }
            wait => Err(wait),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_parse_and_print() {
        let limits =
            SecondaryLimits::parse("80 content/1m, 500 content/1h, 900 points/60s").unwrap();
        assert_eq!(limits, SecondaryLimits::github());
        assert_eq!(
            limits.to_string(),
            "80 content/1m, 500 content/1h, 900 points/1m"
        );
        assert_eq!(SecondaryLimits::parse("off").unwrap().to_string(), "off");
        assert!(SecondaryLimits::parse("80 issues/1m").is_err());
        assert!(SecondaryLimits::parse("0 points/1m").is_err());
    }

    #[test]
    fn a_burst_waits_for_the_oldest_to_leave_the_window() {
        let limits = SecondaryLimits::parse("2 content/10s, 12 points/10s").unwrap();
        let write = RequestCost::of("POST", "/repos/o/r/issues/1/comments");
        let read = RequestCost::of("GET", "/repos/o/r/issues");
        assert_eq!((write.content, write.points, read.content), (1, 5, 0));
        let pacer = Pacer::new(limits.clone());
        let t0 = Instant::now();
        pacer.push(write, t0);
        assert_eq!(pacer.wait_at(write, t0), Duration::ZERO);
        pacer.push(write, t0 + Duration::from_secs(1));
        // Two writes in the window: a third waits until the first leaves it.
        assert_eq!(
            pacer.wait_at(write, t0 + Duration::from_secs(2)),
            Duration::from_secs(8)
        );
        // Ten points spent: a read (1) fits, another write (5) does not.
        assert_eq!(
            pacer.wait_at(read, t0 + Duration::from_secs(2)),
            Duration::ZERO
        );
        // Three writes of a second each: the third waits until ten seconds after the first
        // one's answer (at 1s), then takes its second.
        let planned = limits.duration([write; 3], Duration::from_secs(1));
        assert_eq!(planned, Duration::from_secs(12));
    }
}
