//! A spinner for a server that keeps gh-store waiting: on a terminal, once a request has
//! gone unanswered for a second, `waiting for api.github.com (GET /repos/…)` with the time
//! spent, cleared when the answer comes. Quick requests show nothing.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use indicatif::ProgressBar;

use crate::output::Output;
use crate::tracker::github::RequestWatcher;

/// How long a request goes unanswered before the spinner appears.
const SHOW_AFTER: Duration = Duration::from_secs(1);
const TICK: Duration = Duration::from_millis(100);

#[derive(Default)]
struct Requests {
    next: u64,
    /// Requests on the wire, by start order: when each started, and what it is.
    open: BTreeMap<u64, (Instant, String)>,
    spinner: Option<ProgressBar>,
}

/// Removes its request when it ends; the last one clears the spinner before anything else
/// (an error report) is printed.
struct Ended {
    requests: Arc<Mutex<Requests>>,
    id: u64,
}

impl Drop for Ended {
    fn drop(&mut self) {
        let mut requests = self.requests.lock().unwrap_or_else(|e| e.into_inner());
        requests.open.remove(&self.id);
        if requests.open.is_empty() {
            if let Some(spinner) = requests.spinner.take() {
                spinner.finish_and_clear();
            }
        }
    }
}

/// The watcher for this run's tracker; none off a terminal or with `--quiet`.
pub fn watcher(output: &Output) -> Option<RequestWatcher> {
    if !output.progress {
        return None;
    }
    let requests = Arc::new(Mutex::new(Requests::default()));
    let ticking = requests.clone();
    let output = output.clone();
    // Lives as long as the process: it only looks at the requests, ten times a second.
    std::thread::Builder::new()
        .name("gh-store-slow-requests".into())
        .spawn(move || loop {
            std::thread::sleep(TICK);
            let mut requests = ticking.lock().unwrap_or_else(|e| e.into_inner());
            if requests.spinner.is_some() {
                continue;
            }
            let slow = requests
                .open
                .values()
                .next()
                .filter(|(started, _)| started.elapsed() >= SHOW_AFTER)
                .map(|(started, what)| (started.elapsed(), what.clone()));
            if let Some((waited, what)) = slow {
                let spinner = output.waiting(format!("waiting for {what}"));
                requests.spinner = Some(spinner.with_elapsed(waited));
            }
        })
        .ok()?;
    Some(RequestWatcher(Arc::new(move |what| {
        let mut state = requests.lock().unwrap_or_else(|e| e.into_inner());
        let id = state.next;
        state.next += 1;
        state.open.insert(id, (Instant::now(), what.to_string()));
        Box::new(Ended {
            requests: requests.clone(),
            id,
        })
    })))
}
