//! `/_gh-store/…`: not GitHub's. Lets a client in another process (benchmarks, the CLI) read
//! the counters and switch faults. No authentication, no latency, not counted.

use serde_json::json;

use super::errors::{ApiError, DOCS};
use super::faults::Fault;
use super::http::{ApiRequest, ApiResponse};
use super::router;
use super::ServerState;

pub(crate) fn handle(state: &ServerState, request: &ApiRequest, action: &str) -> ApiResponse {
    match (request.method.as_str(), action) {
        ("GET", "stats") => ApiResponse::ok(json!(*state.stats.lock().unwrap())),
        // The relay's proof that a connection has a worker (see relay.rs).
        ("GET", "ping") => ApiResponse::ok(json!({})),
        ("POST", "stats/reset") => {
            *state.stats.lock().unwrap() = Default::default();
            ApiResponse::no_content()
        }
        ("POST", "faults") => match serde_json::from_slice::<Fault>(&request.body) {
            Ok(fault) => match fault.problem().or_else(|| unknown_route(&fault)) {
                Some(problem) => ApiError::validation_errors(vec![json!({
                    "resource": "Fault", "code": "invalid", "message": problem,
                })])
                .into_response(DOCS),
                None => {
                    let echo = json!(fault);
                    state.faults.inject(fault);
                    ApiResponse::json(201, echo)
                }
            },
            Err(err) => {
                ApiError::new(400, format!("Problems parsing the fault: {err}")).into_response(DOCS)
            }
        },
        ("GET", "dispatches") => ApiResponse::ok(json!(*state.dispatches.lock().unwrap())),
        ("GET", "clock") => ApiResponse::ok(json!({"offset_seconds": state.apps.clock_offset()})),
        // Shifts the clock App tokens are judged by: a JSON web token made now can be
        // expired, or issued in the future, as the server sees it.
        ("POST", "clock") => match serde_json::from_slice::<serde_json::Value>(&request.body)
            .ok()
            .and_then(|body| body["offset_seconds"].as_i64())
        {
            Some(offset) => {
                state.apps.shift_clock(offset);
                ApiResponse::no_content()
            }
            None => ApiError::new(400, "expected {\"offset_seconds\": N}").into_response(DOCS),
        },
        ("DELETE", "faults") => {
            state.faults.clear();
            ApiResponse::no_content()
        }
        ("GET", gate) if gate.starts_with("gates/") => {
            ApiResponse::ok(json!(state.faults.gate(&gate["gates/".len()..])))
        }
        ("POST", open) if open.starts_with("gates/") && open.ends_with("/open") => {
            state
                .faults
                .open_gate(&open["gates/".len()..open.len() - "/open".len()]);
            ApiResponse::no_content()
        }
        _ => ApiError::not_found().into_response(DOCS),
    }
}

/// A fault on a route that does not exist would silently never fire.
fn unknown_route(fault: &Fault) -> Option<String> {
    fault
        .route
        .as_deref()
        .filter(|route| !router::is_template(route))
        .map(|route| format!("no endpoint has the template {route}"))
}
