//! `gh-store serve`: a GitHub-REST-compatible HTTP server over the local tracker.
//!
//! It is the offline development backend, a backend for other gh-store clients (the Python
//! gh-store through PyGithub) and the test double every integration test talks to over real
//! HTTP, so it copies GitHub's behaviour down to headers, error bodies, pagination links,
//! redirects and rate limits (the checks in `tests/serve_fidelity/`), and it can be told to fail
//! the ways GitHub fails ([`Fault`]).
//!
//! Threads, no async runtime: tiny_http parses HTTP on one thread per connection, every
//! request is handled on its own thread (so injected latency overlaps across clients), and a
//! small relay in front of tiny_http lets a fault close a connection without answering.

mod apps;
mod auth;
mod body;
mod control;
mod endpoints;
mod errors;
mod etag;
mod faults;
mod http;
mod pagination;
mod pipeline;
mod ratelimit;
mod refusals;
mod relay;
mod render;
mod router;
mod urls;

use std::collections::BTreeMap;
use std::fmt;
use std::io;
use std::net::{Ipv4Addr, SocketAddr, TcpListener};
use std::sync::atomic::AtomicU64;
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::timestamp::Timestamp;
use crate::tracker::local::LocalDb;
use crate::tracker::pacing::{Pacer, SecondaryLimits};
use crate::tracker::{AccountKind, TrackerError};

pub use apps::ServeApp;
pub use faults::{BlackoutFailure, BodyFormat, Fault, FaultAction, Gate, Trigger};

/// How to run the server.
#[derive(Clone)]
pub struct ServeOptions {
    /// Where to listen; port 0 picks a free one. Default `127.0.0.1:0`.
    pub bind: SocketAddr,
    /// `owner/name`, created if missing.
    pub repo: String,
    /// The kind of account that owns a newly created repository.
    pub owner_kind: AccountKind,
    /// `(login, token)` pairs. With a user-owned repository the first one is its owner. Empty:
    /// every request, with any token or none, acts as the repository owner.
    pub users: Vec<(String, String)>,
    /// Added to every request before it is answered.
    pub latency: Duration,
    /// Primary rate-limit budget per user per hour. Anonymous callers share GitHub's 60 (or
    /// this, if lower).
    pub rate_limit: u32,
    /// GitHub's secondary limits, answered as GitHub does (403, `retry-after`); none by
    /// default, so that a development server does not slow its clients.
    pub secondary_limits: SecondaryLimits,
    /// Give a new repository GitHub's nine default labels.
    pub default_labels: bool,
    /// Keep every answer for [`ServerHandle::take_responses`].
    pub record_responses: bool,
    /// GitHub Apps installed on the repository.
    pub apps: Vec<ServeApp>,
}

impl Default for ServeOptions {
    fn default() -> Self {
        ServeOptions {
            bind: SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
            repo: "owner/store".to_string(),
            owner_kind: AccountKind::User,
            users: Vec::new(),
            latency: Duration::ZERO,
            rate_limit: 5000,
            secondary_limits: SecondaryLimits(Vec::new()),
            default_labels: true,
            record_responses: false,
            apps: Vec::new(),
        }
    }
}

/// Tokens stay out of logs: `Debug` shows the logins only.
impl fmt::Debug for ServeOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let logins: Vec<&str> = self.users.iter().map(|(login, _)| login.as_str()).collect();
        f.debug_struct("ServeOptions")
            .field("bind", &self.bind)
            .field("repo", &self.repo)
            .field("owner_kind", &self.owner_kind)
            .field("users", &logins)
            .field("latency", &self.latency)
            .field("rate_limit", &self.rate_limit)
            .field("secondary_limits", &self.secondary_limits.to_string())
            .field("default_labels", &self.default_labels)
            .field("record_responses", &self.record_responses)
            .field(
                "apps",
                &self.apps.iter().map(|app| app.id).collect::<Vec<_>>(),
            )
            .finish()
    }
}

/// Request counters. Control requests (`/_gh-store/…`) are not counted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stats {
    /// Every API request received, faulted and refused ones included.
    pub total: u64,
    /// 304 answers to `If-None-Match`.
    pub not_modified: u64,
    /// 403/429 answers for primary or secondary rate limits, real or injected.
    pub rate_limited: u64,
    /// Requests a [`Fault`] acted on.
    pub faults_injected: u64,
    /// Requests per `"METHOD template"`, e.g. `"GET /repos/{owner}/{repo}/issues"`, however the
    /// route was reached (`/repos/{o}/{r}`, `/repositories/{id}`, `/api/v3`).
    pub routes: BTreeMap<String, u64>,
}

impl Stats {
    /// Requests received for one endpoint: `stats.route("POST", "/repos/{owner}/{repo}/issues")`.
    pub fn route(&self, method: &str, template: &str) -> u64 {
        self.routes
            .get(&format!("{method} {template}"))
            .copied()
            .unwrap_or(0)
    }
}

/// One answer, kept when [`ServeOptions::record_responses`] is set.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RecordedResponse {
    pub method: String,
    /// The endpoint template, e.g. `/repos/{owner}/{repo}/issues/{issue_number}`; the request
    /// path when no endpoint matched.
    pub route: String,
    pub status: u16,
    /// The JSON body; `None` for empty, raw or HTML bodies.
    pub body: Option<serde_json::Value>,
}

/// State shared by every request thread.
pub(crate) struct ServerState {
    pub db: Arc<LocalDb>,
    /// The repository named in [`ServeOptions::repo`] (by id: it may be renamed).
    pub home_repo_id: u64,
    pub accounts: auth::Accounts,
    pub apps: apps::Apps,
    /// `repository_dispatch` events received, for `/_gh-store/dispatches`.
    pub dispatches: Mutex<Vec<serde_json::Value>>,
    pub latency: Duration,
    pub limits: ratelimit::RateLimits,
    pub secondary_limits: Pacer,
    pub faults: faults::FaultBook,
    pub stats: Mutex<Stats>,
    pub recorded: Option<Mutex<Vec<RecordedResponse>>>,
    pub request_ids: AtomicU64,
    pub connections: Arc<relay::Connections>,
    pub base_url: String,
    /// Repositories have no timestamps in the tracker; they are shown as created at start.
    pub started_at: Timestamp,
}

/// Starts the server on its own threads and returns at once.
pub fn start(db: Arc<LocalDb>, options: ServeOptions) -> io::Result<ServerHandle> {
    let labels = match options.default_labels {
        true => crate::tracker::local::DefaultLabels::GitHubs,
        false => crate::tracker::local::DefaultLabels::Without,
    };
    let repo = db
        .ensure_repository(&options.repo, options.owner_kind, labels)
        .map_err(|err| {
            let kind = match err {
                TrackerError::Invalid { .. } => io::ErrorKind::InvalidInput,
                _ => io::ErrorKind::Other,
            };
            io::Error::new(kind, format!("repository {}: {err}", options.repo))
        })?;
    let accounts = auth::Accounts::register(&db, &repo, &options.users)?;
    let apps = apps::Apps::register(&db, &repo, &options.apps)
        .map_err(|err| io::Error::other(format!("GitHub Apps: {err}")))?;

    let public = TcpListener::bind(options.bind)?;
    let mut reachable = public.local_addr()?;
    if reachable.ip().is_unspecified() {
        reachable.set_ip(Ipv4Addr::LOCALHOST.into());
    }
    let base_url = format!("http://{reachable}");
    let inner = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?;
    relay::disable_nagle_on_accepted(&inner)?;
    let http = tiny_http::Server::from_listener(inner, None)
        .map_err(|err| io::Error::other(format!("starting the HTTP server: {err}")))?;
    let upstream = http
        .server_addr()
        .to_ip()
        .ok_or_else(|| io::Error::other("the HTTP server has no IP address"))?;
    let relay = relay::Relay::start(public, upstream)?;

    let state = Arc::new(ServerState {
        db,
        home_repo_id: repo.id,
        accounts,
        apps,
        dispatches: Mutex::default(),
        latency: options.latency,
        limits: ratelimit::RateLimits::new(options.rate_limit),
        secondary_limits: Pacer::new(options.secondary_limits.clone()),
        faults: faults::FaultBook::default(),
        stats: Mutex::new(Stats::default()),
        recorded: options.record_responses.then(|| Mutex::new(Vec::new())),
        request_ids: AtomicU64::new(1),
        connections: relay.connections(),
        base_url: base_url.clone(),
        started_at: Timestamp::now(),
    });

    let http = Arc::new(http);
    let dispatcher = {
        let http = Arc::clone(&http);
        let state = Arc::clone(&state);
        thread::Builder::new()
            .name("gh-store-serve".into())
            .spawn(move || dispatch(&http, &state))?
    };
    Ok(ServerHandle {
        base_url,
        state,
        running: Some(Running {
            http,
            relay,
            dispatcher,
        }),
    })
}

/// One thread per request, so a slow request (or injected latency) never holds up others.
fn dispatch(http: &tiny_http::Server, state: &Arc<ServerState>) {
    while let Ok(request) = http.recv() {
        let state = Arc::clone(state);
        // If no thread can be spawned the closure is dropped with the request, and tiny_http
        // answers 500: the client sees a server error, as it would from GitHub under load.
        let _ = thread::Builder::new()
            .name("gh-store-serve-request".into())
            .spawn(move || pipeline::serve(&state, request));
    }
}

/// A running server. Dropping it shuts the server down.
pub struct ServerHandle {
    base_url: String,
    state: Arc<ServerState>,
    running: Option<Running>,
}

struct Running {
    http: Arc<tiny_http::Server>,
    relay: relay::Relay,
    dispatcher: JoinHandle<()>,
}

impl ServerHandle {
    /// `http://127.0.0.1:PORT`, no trailing slash. `<base>/api/v3` works as well.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    pub fn stats(&self) -> Stats {
        self.state.stats.lock().unwrap().clone()
    }

    pub fn reset_stats(&self) {
        *self.state.stats.lock().unwrap() = Stats::default();
    }

    /// Queues a fault rule; rules are checked in the order they were queued.
    pub fn inject(&self, fault: Fault) {
        self.state.faults.inject(fault);
    }

    /// Removes every fault rule, ends a blackout and opens every gate.
    pub fn clear_faults(&self) {
        self.state.faults.clear();
    }

    /// Opens a gate of [`FaultAction::Hold`]: the requests it holds go on.
    pub fn open_gate(&self, gate: &str) {
        self.state.faults.open_gate(gate);
    }

    /// Blocks until `gate` holds `count` requests (or `timeout` passes); returns how many
    /// it holds.
    pub fn wait_until_held(&self, gate: &str, count: u32, timeout: Duration) -> u32 {
        self.state.faults.wait_until_held(gate, count, timeout)
    }

    /// The answers recorded since the last call (empty unless `record_responses`).
    pub fn take_responses(&self) -> Vec<RecordedResponse> {
        match &self.state.recorded {
            Some(recorded) => std::mem::take(&mut *recorded.lock().unwrap()),
            None => Vec::new(),
        }
    }

    /// Stops accepting, closes open connections and joins the server threads.
    pub fn shutdown(mut self) {
        self.stop();
    }

    /// Blocks until the server stops (for `gh-store serve` in the foreground, which runs until
    /// the process is interrupted).
    pub fn wait(mut self) {
        if let Some(running) = self.running.take() {
            let _ = running.dispatcher.join();
            running.relay.stop();
        }
    }

    fn stop(&mut self) {
        if let Some(running) = self.running.take() {
            running.relay.stop();
            running.http.unblock();
            let _ = running.dispatcher.join();
        }
    }
}

impl Drop for ServerHandle {
    fn drop(&mut self) {
        self.stop();
    }
}
