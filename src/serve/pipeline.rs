//! One request, from tiny_http to the answer: latency, faults, GitHub's front-end checks
//! (User-Agent, API version, credentials, rate limit), the endpoint, conditional requests,
//! and the headers GitHub sends on every answer.

use std::sync::atomic::Ordering;
use std::thread;
use std::time::Duration;

use super::apps;
use super::auth::{self, Caller};
use super::control;
use super::endpoints::{Exchange, RepoScope};
use super::errors::{ApiError, DOCS};
use super::etag;
use super::faults::{BlackoutFailure, BodyFormat, FaultAction};
use super::http::{ApiRequest, ApiResponse, Body, Wire};
use super::ratelimit::Budget;
use super::refusals::{self, API_VERSION};
use super::router::{self, Handler, RepoRef, RouteMatch};
use super::urls::Urls;
use super::{RecordedResponse, ServerState};
use crate::tracker::local::RepoLookup;
use crate::tracker::pacing::RequestCost;

/// GitHub's answer to an App's JSON web token where an installation token is needed.
const INTEGRATION_REFUSED: &str = "Resource not accessible by integration";

pub(crate) fn serve(state: &ServerState, mut raw: tiny_http::Request) {
    let request = ApiRequest::read(&mut raw);
    let request_id = next_request_id(state);
    let (prefix, path) = router::split_api_prefix(&request.path);
    if let Some(action) = path.strip_prefix("/_gh-store/") {
        let response = control::handle(state, &request, action);
        return respond(raw, decorate(response, &request_id).into_wire().0);
    }
    let host = request
        .header("host")
        .unwrap_or_else(|| state.base_url.trim_start_matches("http://"));
    let urls = Urls::new(host, prefix);
    let found = router::find(request.route_method(), path);
    let template = found.as_ref().map(|m| m.route.template);
    count_request(state, &request.method, template);
    thread::sleep(state.latency);
    // GitHub's secondary limits, checked ahead of everything else as its front end does.
    if let Err(wait) = state
        .secondary_limits
        .admit(RequestCost::of(&request.method, path))
    {
        state.stats.lock().unwrap().rate_limited += 1;
        let retry_after = wait.as_secs_f64().ceil() as u64;
        let response =
            refusals::secondary_limit(403, Some(retry_after), BodyFormat::Json, &request_id);
        return respond(raw, decorate(response, &request_id).into_wire().0);
    }

    let fault = state.faults.decide(&request.method, template);
    if fault.is_some() {
        state.stats.lock().unwrap().faults_injected += 1;
    }
    let (response, drop_after_answering) = match fault {
        None => (answer(state, &request, &urls, found.as_ref()), false),
        Some(FaultAction::Delay { millis }) => {
            thread::sleep(Duration::from_millis(millis));
            (answer(state, &request, &urls, found.as_ref()), false)
        }
        Some(FaultAction::Hold { gate }) => {
            state.faults.hold(&gate);
            (answer(state, &request, &urls, found.as_ref()), false)
        }
        Some(FaultAction::CommitThenDrop) => (answer(state, &request, &urls, found.as_ref()), true),
        Some(
            FaultAction::DropConnection
            | FaultAction::Blackout {
                failure: BlackoutFailure::DropConnection,
            },
        ) => return cut(state, &request, raw),
        Some(refusal) => (
            injected_refusal(state, &request, refusal, &request_id),
            false,
        ),
    };
    let (wire, json) = decorate(response, &request_id).into_wire();
    if let Some(recorded) = &state.recorded {
        recorded.lock().unwrap().push(RecordedResponse {
            method: request.method.clone(),
            route: template.unwrap_or(path).to_string(),
            status: wire.status,
            body: json,
        });
    }
    if drop_after_answering {
        cut(state, &request, raw);
    } else {
        respond(raw, wire);
    }
}

/// The endpoint's answer behind GitHub's front-end checks.
fn answer(
    state: &ServerState,
    request: &ApiRequest,
    urls: &Urls,
    found: Option<&RouteMatch>,
) -> ApiResponse {
    let docs = found.map_or(DOCS.to_string(), |m| m.route.documentation_url());
    if request
        .header("user-agent")
        .is_none_or(|ua| ua.trim().is_empty())
    {
        return refusals::missing_user_agent();
    }
    if let Some(version) = request.header("x-github-api-version") {
        if version.trim() != API_VERSION {
            return refusals::unknown_api_version(version.trim());
        }
    }
    let caller = match auth::authenticate(state, request.header("authorization")) {
        Ok(caller) => caller,
        Err(err) => {
            // Refused credentials spend from the anonymous budget, which GitHub's headers show.
            let budget = state.limits.spend(None).unwrap_or_else(|empty| empty);
            let mut response = err.into_response(&docs);
            response.headers.extend(budget.headers());
            return response;
        }
    };
    let bucket = caller.user().map(|u| u.id);
    // `GET /rate_limit` is free; everything else spends one request of the caller's budget.
    let free = found.is_some_and(|m| m.route.template == "/rate_limit");
    let budget = if free {
        state.limits.peek(bucket)
    } else {
        match state.limits.spend(bucket) {
            Ok(budget) => budget,
            Err(empty) => {
                state.stats.lock().unwrap().rate_limited += 1;
                return refusals::primary_exhausted(403, bucket, &empty);
            }
        }
    };
    let mut response = match found {
        None => ApiError::not_found().into_response(DOCS),
        Some(_) if !request.is_read() && caller == Caller::Anonymous => {
            ApiError::requires_authentication().into_response(&docs)
        }
        Some(found) => dispatch(state, request, urls, &caller, found)
            .unwrap_or_else(|err| err.into_response(&docs)),
    };
    let budget = if not_modified(request, &mut response) {
        state.stats.lock().unwrap().not_modified += 1;
        // A 304 does not count against the rate limit.
        if free {
            budget
        } else {
            state.limits.refund(bucket)
        }
    } else {
        budget
    };
    response.headers.extend(budget.headers());
    // The scopes of a classic token with full repository access.
    if caller.user().is_some() {
        response
            .headers
            .push(("x-oauth-scopes".into(), "repo".into()));
    }
    response
        .headers
        .push(("x-accepted-oauth-scopes".into(), "repo".into()));
    response
}

fn dispatch(
    state: &ServerState,
    request: &ApiRequest,
    urls: &Urls,
    caller: &Caller,
    found: &RouteMatch,
) -> Result<ApiResponse, ApiError> {
    let exchange = Exchange {
        state,
        request,
        params: &found.params,
        urls,
        caller,
    };
    // A JSON web token opens the App endpoints and nothing else; they take nothing else.
    let app = match (&found.route.handler, caller) {
        (Handler::App(_) | Handler::AppRepo(_), Caller::App(app)) => Some(app),
        (Handler::App(_) | Handler::AppRepo(_), _) => {
            return Err(ApiError::new(401, apps::UNDECODABLE))
        }
        (_, Caller::App(_)) => return Err(ApiError::new(403, INTEGRATION_REFUSED)),
        _ => None,
    };
    match (&found.route.handler, app) {
        (Handler::Global(handler), _) => return handler(&exchange),
        (Handler::App(handler), Some(app)) => return handler(&exchange, app),
        _ => {}
    }
    let repo = match found.repo.as_ref().ok_or_else(ApiError::not_found)? {
        RepoRef::ById(id) => state.db.repository_by_id(*id)?,
        RepoRef::ByName { owner, name } => match state.db.find_repository(owner, name)? {
            RepoLookup::Found(repo) => Some(repo),
            RepoLookup::Renamed(repo) => {
                let mut location = format!("{}{}", urls.repo_by_id(repo.id), found.rest);
                if !request.query.raw().is_empty() {
                    location = format!("{location}?{}", request.query.raw());
                }
                return Ok(refusals::moved(location, request.is_read()));
            }
            RepoLookup::Missing => None,
        },
    };
    // A private repository is invisible (404, not 403) to those who cannot read it.
    let repo = repo
        .filter(|repo| !repo.private || *caller != Caller::Anonymous)
        .ok_or_else(ApiError::not_found)?;
    let handler = match (&found.route.handler, app) {
        (Handler::AppRepo(handler), Some(app)) => return handler(&exchange, app, &repo),
        (Handler::Repo(handler), _) => handler,
        _ => unreachable!("App and global endpoints are answered above"),
    };
    let actor = caller.user().unwrap_or(&repo.owner).login.clone();
    let scope = RepoScope {
        tracker: state.db.tracker(repo.id, &actor)?,
        link_base: format!("{}{}", urls.repo_by_id(repo.id), found.rest),
        repo,
    };
    handler(&exchange, &scope)
}

/// Turns a 200 into a 304 when `If-None-Match` names its ETag.
fn not_modified(request: &ApiRequest, response: &mut ApiResponse) -> bool {
    if !request.is_read() || response.status != 200 {
        return false;
    }
    let (Some(condition), Some(tag)) = (request.header("if-none-match"), body_etag(response))
    else {
        return false;
    };
    if !etag::matches(condition, &tag) {
        return false;
    }
    response.status = 304;
    response.body = Body::Empty;
    response.headers.retain(|(name, _)| name != "etag");
    response.headers.push(("etag".into(), tag));
    true
}

fn body_etag(response: &ApiResponse) -> Option<String> {
    if let Some(tag) = response.header("etag") {
        return Some(tag.to_string());
    }
    match &response.body {
        Body::Json(value) => Some(etag::of(&serde_json::to_vec(value).ok()?)),
        Body::Raw { bytes, .. } => Some(etag::of(bytes)),
        Body::Empty | Body::Html(_) => None,
    }
}

/// The answer of a fault that refuses the request (status, rate limits, a 500 blackout).
fn injected_refusal(
    state: &ServerState,
    request: &ApiRequest,
    action: FaultAction,
    request_id: &str,
) -> ApiResponse {
    let caller = auth::authenticate(state, request.header("authorization"))
        .ok()
        .and_then(|caller| caller.user().map(|u| u.id));
    match action {
        FaultAction::Status { status, format } => refusals::error_status(status, format),
        FaultAction::SecondaryRateLimit {
            status,
            retry_after,
            format,
        } => {
            state.stats.lock().unwrap().rate_limited += 1;
            let budget = state.limits.peek(caller);
            let mut response = refusals::secondary_limit(status, retry_after, format, request_id);
            response.headers.extend(budget.headers());
            response
        }
        FaultAction::PrimaryExhausted {
            status,
            reset_after,
        } => {
            state.stats.lock().unwrap().rate_limited += 1;
            let budget = Budget::exhausted(state.limits.limit(caller), reset_after);
            refusals::primary_exhausted(status, caller, &budget)
        }
        // A blackout answering 500; the other actions never come here.
        _ => refusals::error_status(500, BodyFormat::Json),
    }
}

/// What browsers may read of an answer (GitHub's list), for clients running in a page.
const EXPOSED_HEADERS: &str = "ETag, Link, Location, Retry-After, X-GitHub-OTP, \
    X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Used, X-RateLimit-Resource, \
    X-RateLimit-Reset, X-OAuth-Scopes, X-Accepted-OAuth-Scopes, X-Poll-Interval, \
    X-GitHub-Media-Type, X-GitHub-SSO, X-GitHub-Request-Id, Deprecation, Sunset";

/// The headers every GitHub answer carries.
fn decorate(mut response: ApiResponse, request_id: &str) -> ApiResponse {
    let mut headers = vec![
        ("server".to_string(), "GitHub.com".to_string()),
        ("x-github-api-version-selected".into(), API_VERSION.into()),
        ("x-github-request-id".into(), request_id.to_string()),
        (
            "vary".into(),
            "Accept, Authorization, Cookie, X-GitHub-OTP".into(),
        ),
        (
            "vary".into(),
            "Accept-Encoding, Accept, X-Requested-With".into(),
        ),
        ("access-control-allow-origin".into(), "*".into()),
        (
            "access-control-expose-headers".into(),
            EXPOSED_HEADERS.into(),
        ),
    ];
    if response.header("x-github-media-type").is_none() {
        headers.push((
            "x-github-media-type".into(),
            "github.v3; format=json".into(),
        ));
    }
    // Successful reads and creates are cacheable: a strong ETag of the body. Not on 204,
    // redirects or errors.
    if matches!(response.status, 200 | 201) {
        if let Some(tag) = body_etag(&response) {
            response.headers.retain(|(name, _)| name != "etag");
            headers.push(("etag".into(), tag));
        }
        headers.push((
            "cache-control".into(),
            "private, max-age=60, s-maxage=60".into(),
        ));
    }
    if response.status == 304 {
        headers.push((
            "cache-control".into(),
            "private, max-age=60, s-maxage=60".into(),
        ));
    }
    response.headers.extend(headers);
    response
}

fn respond(raw: tiny_http::Request, wire: Wire) {
    let mut response = tiny_http::Response::from_data(wire.bytes).with_status_code(wire.status);
    for (name, value) in &wire.headers {
        if let Ok(header) = tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()) {
            response.add_header(header);
        }
    }
    // The client may be gone already; nothing to do about it.
    let _ = raw.respond(response);
}

/// Closes the client's connection without an answer.
fn cut(state: &ServerState, request: &ApiRequest, raw: tiny_http::Request) {
    if let Some(remote) = request.remote {
        state.connections.cut(remote);
    }
    drop(raw);
}

fn count_request(state: &ServerState, method: &str, route: Option<&str>) {
    let mut stats = state.stats.lock().unwrap();
    stats.total += 1;
    if let Some(route) = route {
        *stats.routes.entry(format!("{method} {route}")).or_default() += 1;
    }
}

/// A fresh request id, shaped like GitHub's (`CB04:1A2B:3C4D5E:6F7A8B:62D6354C`).
fn next_request_id(state: &ServerState) -> String {
    let n = state.request_ids.fetch_add(1, Ordering::Relaxed);
    format!(
        "{:04X}:{:04X}:{:06X}:{:06X}:{:08X}",
        std::process::id() & 0xFFFF,
        (n >> 24) & 0xFFFF,
        n & 0xFF_FFFF,
        n.wrapping_mul(0x9E37_79B9) & 0xFF_FFFF,
        state.started_at.seconds() as u32
    )
}
