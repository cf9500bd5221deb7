//! Switchable failures: the ways GitHub fails that a client must survive (5xx, dropped
//! connections, a write that committed although the answer never came, secondary and primary
//! rate limits, slowness, and a process dying at request k).
//!
//! JSON form (`POST /_gh-store/faults`), e.g. the third issue creation answered 502 with HTML:
//! `{"method":"POST","route":"/repos/{owner}/{repo}/issues","when":{"nth":3},
//!   "action":{"kind":"status","status":502,"format":"html"}}`

use std::collections::HashMap;
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

/// How long a shut gate holds a request at most: a test that forgets to open it still ends.
const MAX_HOLD: Duration = Duration::from_secs(60);

use serde::{Deserialize, Serialize};

/// One fault rule: which requests it matches, when it fires, and what happens.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fault {
    /// Only requests with this method (`"POST"`); any method when `None`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    /// Only requests to this endpoint template (`"/repos/{owner}/{repo}/issues"`), however
    /// the route was reached; any request when `None`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub route: Option<String>,
    #[serde(default)]
    pub when: Trigger,
    pub action: FaultAction,
}

/// Which of the matching requests a fault fires on. JSON: `{"nth":3}`, `{"next":2}`, `"every"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Trigger {
    /// Only the nth matching request (1-based), counted from when the fault was queued.
    Nth(u32),
    /// The next `n` matching requests.
    Next(u32),
    /// Every matching request until faults are cleared.
    Every,
}

impl Default for Trigger {
    /// The next matching request, once.
    fn default() -> Self {
        Trigger::Next(1)
    }
}

/// What a fault does. JSON: internally tagged by `kind` (`{"kind":"drop_connection"}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FaultAction {
    /// Answer with this status without handling the request: 500, 502, 503, or 404 for the
    /// lag after a write during which GitHub does not find what it just created.
    Status {
        status: u16,
        #[serde(default)]
        format: BodyFormat,
    },
    /// Close the connection before handling: nothing written, nothing committed.
    DropConnection,
    /// Handle the request (a write commits), then close the connection without answering.
    CommitThenDrop,
    /// GitHub's secondary rate limit: 403 or 429, a message containing "secondary rate
    /// limit", `retry-after` when given. A 429 with `retry-after` is this with `status: 429`.
    SecondaryRateLimit {
        #[serde(default = "forbidden")]
        status: u16,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        retry_after: Option<u64>,
        #[serde(default)]
        format: BodyFormat,
    },
    /// The primary budget spent: 403 (or 429) with `x-ratelimit-remaining: 0` and
    /// `x-ratelimit-reset` this many seconds ahead.
    PrimaryExhausted {
        #[serde(default = "forbidden")]
        status: u16,
        reset_after: u64,
    },
    /// Wait this much longer, then handle the request normally.
    Delay { millis: u64 },
    /// Hold the request at the named gate until a test opens it (`POST
    /// /_gh-store/gates/{gate}/open`), then handle it normally: forces an interleaving
    /// instead of hoping a delay produces it. A gate left shut opens after a minute.
    Hold { gate: String },
    /// Fail this and every later request, of any route, until faults are cleared: the
    /// server process "died" at this request.
    Blackout {
        #[serde(default)]
        failure: BlackoutFailure,
    },
}

fn forbidden() -> u16 {
    403
}

/// The body of an injected error: GitHub's JSON, or the HTML page its front end sometimes
/// sends instead.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BodyFormat {
    #[default]
    Json,
    Html,
}

/// How requests fail during a blackout.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BlackoutFailure {
    /// 500 with a JSON body.
    #[default]
    ServerError,
    /// The connection closed, nothing written.
    DropConnection,
}

impl Fault {
    /// A fault on the next request, whatever it is.
    pub fn new(action: FaultAction) -> Fault {
        Fault {
            method: None,
            route: None,
            when: Trigger::default(),
            action,
        }
    }

    /// Only requests with this method to this endpoint template.
    pub fn on(mut self, method: &str, route: &str) -> Fault {
        self.method = Some(method.to_ascii_uppercase());
        self.route = Some(route.to_string());
        self
    }

    pub fn when(mut self, when: Trigger) -> Fault {
        self.when = when;
        self
    }

    /// Why this fault cannot be applied, if it cannot.
    pub fn problem(&self) -> Option<String> {
        let status_ok = |status: u16, allowed: &[u16]| allowed.contains(&status);
        match &self.action {
            FaultAction::Status { status, .. } if !(400..=599).contains(status) => {
                Some(format!("status {status} is not an error status"))
            }
            FaultAction::SecondaryRateLimit { status, .. }
            | FaultAction::PrimaryExhausted { status, .. }
                if !status_ok(*status, &[403, 429]) =>
            {
                Some(format!("rate limits answer 403 or 429, not {status}"))
            }
            _ => match self.when {
                Trigger::Nth(0) | Trigger::Next(0) => Some("a trigger count starts at 1".into()),
                _ => None,
            },
        }
    }

    fn matches(&self, method: &str, route: Option<&str>) -> bool {
        self.method
            .as_deref()
            .is_none_or(|m| m.eq_ignore_ascii_case(method))
            && self.route.as_deref().is_none_or(|r| Some(r) == route)
    }
}

/// The queued faults, whether a blackout is on, and the gates holding requests.
#[derive(Default)]
pub(crate) struct FaultBook {
    state: Mutex<Book>,
    gates: Mutex<HashMap<String, Gate>>,
    gate_moved: Condvar,
}

/// A gate: how many requests it holds now, and whether it has been opened.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Gate {
    pub held: u32,
    pub open: bool,
}

#[derive(Default)]
struct Book {
    rules: Vec<Rule>,
    blackout: Option<BlackoutFailure>,
}

struct Rule {
    fault: Fault,
    matched: u32,
}

impl FaultBook {
    pub fn inject(&self, fault: Fault) {
        self.state
            .lock()
            .unwrap()
            .rules
            .push(Rule { fault, matched: 0 });
    }

    /// Removes every rule, ends a blackout and opens every gate.
    pub fn clear(&self) {
        *self.state.lock().unwrap() = Book::default();
        let mut gates = self.gates.lock().unwrap();
        for gate in gates.values_mut() {
            gate.open = true;
        }
        self.gate_moved.notify_all();
    }

    /// Blocks until `gate` is opened (or [`MAX_HOLD`] passes).
    pub fn hold(&self, gate: &str) {
        let deadline = Instant::now() + MAX_HOLD;
        let mut gates = self.gates.lock().unwrap();
        gates.entry(gate.to_string()).or_default().held += 1;
        self.gate_moved.notify_all();
        while !gates[gate].open {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                break;
            }
            gates = self.gate_moved.wait_timeout(gates, left).unwrap().0;
        }
        if let Some(state) = gates.get_mut(gate) {
            state.held -= 1;
        }
        self.gate_moved.notify_all();
    }

    /// Opens a gate: the requests it holds go on, and later ones pass.
    pub fn open_gate(&self, gate: &str) {
        self.gates
            .lock()
            .unwrap()
            .entry(gate.to_string())
            .or_default()
            .open = true;
        self.gate_moved.notify_all();
    }

    pub fn gate(&self, gate: &str) -> Gate {
        self.gates
            .lock()
            .unwrap()
            .get(gate)
            .copied()
            .unwrap_or_default()
    }

    /// Blocks until `gate` holds at least `count` requests, or `timeout` passes; returns how
    /// many it holds.
    pub fn wait_until_held(&self, gate: &str, count: u32, timeout: Duration) -> u32 {
        let deadline = Instant::now() + timeout;
        let mut gates = self.gates.lock().unwrap();
        loop {
            let held = gates.get(gate).map_or(0, |g| g.held);
            let left = deadline.saturating_duration_since(Instant::now());
            if held >= count || left.is_zero() {
                return held;
            }
            gates = self.gate_moved.wait_timeout(gates, left).unwrap().0;
        }
    }

    /// The fault acting on this request, if any. Every matching rule counts the request; the
    /// first that fires wins; rules that cannot fire again are dropped.
    pub fn decide(&self, method: &str, route: Option<&str>) -> Option<FaultAction> {
        let mut book = self.state.lock().unwrap();
        if let Some(failure) = book.blackout {
            return Some(FaultAction::Blackout { failure });
        }
        let mut fired = None;
        for rule in book.rules.iter_mut() {
            if !rule.fault.matches(method, route) {
                continue;
            }
            rule.matched += 1;
            let fires = match rule.fault.when {
                Trigger::Nth(n) => rule.matched == n,
                Trigger::Next(n) => rule.matched <= n,
                Trigger::Every => true,
            };
            if fires && fired.is_none() {
                fired = Some(rule.fault.action.clone());
            }
        }
        book.rules.retain(|rule| match rule.fault.when {
            Trigger::Nth(n) | Trigger::Next(n) => rule.matched < n,
            Trigger::Every => true,
        });
        if let Some(FaultAction::Blackout { failure }) = fired {
            book.blackout = Some(failure);
        }
        fired
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ISSUES: &str = "/repos/{owner}/{repo}/issues";

    #[test]
    fn nth_fires_once_on_the_nth_match_only() {
        let book = FaultBook::default();
        book.inject(
            Fault::new(FaultAction::DropConnection)
                .on("post", ISSUES)
                .when(Trigger::Nth(2)),
        );
        assert_eq!(book.decide("GET", Some(ISSUES)), None);
        assert_eq!(book.decide("POST", Some(ISSUES)), None);
        assert_eq!(
            book.decide("POST", Some(ISSUES)),
            Some(FaultAction::DropConnection)
        );
        assert_eq!(book.decide("POST", Some(ISSUES)), None);
    }

    #[test]
    fn next_count_and_every() {
        let book = FaultBook::default();
        book.inject(Fault::new(FaultAction::CommitThenDrop).when(Trigger::Next(2)));
        book.inject(Fault::new(FaultAction::Delay { millis: 1 }).when(Trigger::Every));
        assert_eq!(book.decide("GET", None), Some(FaultAction::CommitThenDrop));
        assert_eq!(book.decide("GET", None), Some(FaultAction::CommitThenDrop));
        assert_eq!(
            book.decide("GET", None),
            Some(FaultAction::Delay { millis: 1 })
        );
        book.clear();
        assert_eq!(book.decide("GET", None), None);
    }

    #[test]
    fn a_gate_holds_requests_until_opened() {
        let book = std::sync::Arc::new(FaultBook::default());
        let held = {
            let book = book.clone();
            std::thread::spawn(move || book.hold("patch"))
        };
        assert_eq!(book.wait_until_held("patch", 1, Duration::from_secs(10)), 1);
        assert!(!held.is_finished());
        book.open_gate("patch");
        held.join().unwrap();
        assert_eq!(
            book.gate("patch"),
            Gate {
                held: 0,
                open: true
            }
        );
        // An open gate lets later requests through at once.
        book.hold("patch");
    }

    #[test]
    fn blackout_holds_until_cleared() {
        let book = FaultBook::default();
        let blackout = FaultAction::Blackout {
            failure: BlackoutFailure::DropConnection,
        };
        book.inject(Fault::new(blackout.clone()).on("PATCH", ISSUES));
        assert_eq!(book.decide("GET", Some(ISSUES)), None);
        assert_eq!(book.decide("PATCH", Some(ISSUES)), Some(blackout.clone()));
        assert_eq!(book.decide("GET", Some("/user")), Some(blackout));
        book.clear();
        assert_eq!(book.decide("GET", Some("/user")), None);
    }

    #[test]
    fn json_form_round_trips_with_defaults() {
        let fault: Fault = serde_json::from_str(
            r#"{"route":"/repos/{owner}/{repo}/issues","when":{"nth":3},
                "action":{"kind":"secondary_rate_limit","retry_after":5}}"#,
        )
        .unwrap();
        assert_eq!(fault.when, Trigger::Nth(3));
        assert_eq!(
            fault.action,
            FaultAction::SecondaryRateLimit {
                status: 403,
                retry_after: Some(5),
                format: BodyFormat::Json
            }
        );
        let every: Fault =
            serde_json::from_str(r#"{"when":"every","action":{"kind":"blackout"}}"#).unwrap();
        assert_eq!(every.when, Trigger::Every);
        assert_eq!(
            serde_json::to_value(&every).unwrap()["action"]["failure"],
            "server_error"
        );
        let bad = Fault::new(FaultAction::Status {
            status: 200,
            format: BodyFormat::Json,
        });
        assert!(bad.problem().is_some());
    }
}
