//! Everything between a tracker method and the wire: one ureq agent, GitHub's headers,
//! redirects, retries, rate limits, conditional requests and request logging.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde::de::DeserializeOwned;
use ureq::http::HeaderMap;

use super::cache::{Cached, EtagCache};
use super::rate_limit::{RateLimits, Timing};
use super::{errors, link, url, GitHubConfig, Token};
use crate::tracker::TrackerError;

pub(super) const JSON: &str = "application/vnd.github+json";
/// Asks the contents API for the file's bytes instead of JSON with base64.
pub(super) const RAW: &str = "application/vnd.github.raw+json";
const USER_AGENT: &str = concat!("gh-store/", env!("CARGO_PKG_VERSION"));
const API_VERSION: &str = "2022-11-28";
const MAX_REDIRECTS: usize = 5;
/// Rate-limit waits for one request; `max_wait` usually ends them first.
const MAX_RATE_LIMIT_WAITS: u32 = 10;
/// ureq's default is 10 MB; a page of 100 issues with 64 KB JSON bodies, escaped, is more.
const BODY_LIMIT: u64 = 64 * 1024 * 1024;
const MAX_BACKOFF: Duration = Duration::from_secs(30);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Method {
    Get,
    Post,
    Patch,
}

impl Method {
    fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Patch => "PATCH",
        }
    }

    fn is_write(self) -> bool {
        self != Method::Get
    }
}

/// Whether a failed request may simply be sent again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Repeat {
    /// Reads, PATCH, and reactions (GitHub answers a repeat with the existing one).
    Idempotent,
    /// A create that must not happen twice: re-sent here only when it surely never reached
    /// GitHub; other failures come back `maybe_written` for the caller to check first.
    Once,
}

pub(super) struct ApiRequest {
    method: Method,
    url: String,
    body: Option<Vec<u8>>,
    accept: &'static str,
    /// Keep the ETag and body to revalidate this GET next time.
    cache: bool,
    repeat: Repeat,
}

impl ApiRequest {
    pub(super) fn get(url: String) -> ApiRequest {
        ApiRequest {
            method: Method::Get,
            url,
            body: None,
            accept: JSON,
            cache: false,
            repeat: Repeat::Idempotent,
        }
    }

    pub(super) fn write(
        method: Method,
        url: String,
        body: &serde_json::Value,
        repeat: Repeat,
    ) -> ApiRequest {
        ApiRequest {
            method,
            url,
            body: Some(body.to_string().into_bytes()),
            accept: JSON,
            cache: false,
            repeat,
        }
    }

    pub(super) fn cached(mut self) -> ApiRequest {
        self.cache = true;
        self
    }

    pub(super) fn accept(mut self, accept: &'static str) -> ApiRequest {
        self.accept = accept;
        self
    }
}

/// A final answer: 2xx, or a 4xx that is not a rate limit (5xx and network failures come
/// back as [`Failed`]).
pub(super) struct Reply {
    pub(super) status: u16,
    headers: HeaderMap,
    pub(super) body: Vec<u8>,
}

impl Reply {
    pub(super) fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    pub(super) fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }

    pub(super) fn json<T: DeserializeOwned>(&self) -> Result<T, TrackerError> {
        serde_json::from_slice(&self.body).map_err(|err| TrackerError::Protocol {
            message: format!("GitHub's answer is not the expected JSON: {err}"),
        })
    }

    /// The verbatim `rel="next"` URL.
    pub(super) fn next_page(&self) -> Option<String> {
        self.header("link").and_then(|h| link::find(h, "next"))
    }

    #[cfg(test)]
    pub(super) fn for_test(status: u16, headers: &[(&str, &str)], body: &str) -> Reply {
        let mut map = HeaderMap::new();
        for (name, value) in headers {
            map.append(
                ureq::http::HeaderName::from_bytes(name.as_bytes()).unwrap(),
                value.parse().unwrap(),
            );
        }
        Reply {
            status,
            headers: map,
            body: body.as_bytes().to_vec(),
        }
    }
}

/// A request that ended without an answer to use.
#[derive(Debug)]
pub(super) struct Failed {
    pub(super) error: TrackerError,
    /// A create failed after it may have reached GitHub (5xx, timeout, dropped connection):
    /// look for the write before sending it again.
    pub(super) maybe_written: bool,
}

impl From<Failed> for TrackerError {
    fn from(failed: Failed) -> TrackerError {
        failed.error
    }
}

impl Failed {
    fn certain(error: TrackerError) -> Failed {
        Failed {
            error,
            maybe_written: false,
        }
    }
}

/// How far a request got before the transport failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Delivery {
    /// Never left this machine (DNS, connect): safe to send again.
    NotSent,
    /// The server may have received and acted on it.
    MaybeSent,
    /// Not worth retrying (TLS, a bad URL, a body over the limit).
    Fatal,
}

fn delivery(error: &ureq::Error) -> Delivery {
    use ureq::{Error, Timeout};
    match error {
        Error::HostNotFound | Error::ConnectionFailed | Error::ConnectProxyFailed(_) => {
            Delivery::NotSent
        }
        Error::Timeout(Timeout::Resolve | Timeout::Connect) => Delivery::NotSent,
        Error::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => Delivery::NotSent,
        Error::Timeout(_) | Error::Io(_) | Error::Protocol(_) | Error::BodyStalled => {
            Delivery::MaybeSent
        }
        _ => Delivery::Fatal,
    }
}

fn transport_error(error: &ureq::Error) -> TrackerError {
    match error {
        ureq::Error::BadUri(_) | ureq::Error::Http(_) | ureq::Error::TooManyRedirects => {
            TrackerError::Protocol {
                message: error.to_string(),
            }
        }
        _ => TrackerError::Network {
            message: error.to_string(),
        },
    }
}

pub(super) struct HttpClient {
    agent: ureq::Agent,
    api_url: String,
    api_origin: Option<String>,
    /// `{api_url}/repos/{owner}/{repo}`, as the tracker builds its URLs.
    repo_prefix: String,
    /// Where the repository answers after a rename (`{api_url}/repositories/{id}`), learned
    /// from the first redirect so that later requests go there directly.
    moved_to: Mutex<Option<String>>,
    token: Option<Token>,
    retries: u32,
    retry_delay: Duration,
    log_requests: bool,
    requests: AtomicU64,
    cache: EtagCache,
    limits: RateLimits,
}

impl HttpClient {
    pub(super) fn new(config: &GitHubConfig, timing: Timing) -> Result<HttpClient, TrackerError> {
        let api_url = config.api_url.trim_end_matches('/').to_string();
        if !(api_url.starts_with("https://") || api_url.starts_with("http://")) {
            return Err(TrackerError::Invalid {
                message: format!("the API URL {api_url:?} is not an http(s) URL"),
            });
        }
        if let Some(token) = &config.token {
            if ureq::http::HeaderValue::from_str(token.expose().trim()).is_err() {
                return Err(TrackerError::Invalid {
                    message: "the token holds characters that cannot be sent in a header".into(),
                });
            }
        }
        let tls = ureq::tls::TlsConfig::builder()
            // The OS trust store: GitHub Enterprise Servers often use a private CA.
            .root_certs(ureq::tls::RootCerts::PlatformVerifier)
            .build();
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .proxy(ureq::Proxy::try_from_env())
            .tls_config(tls)
            .timeout_connect(Some(config.connect_timeout))
            .timeout_global(Some(config.timeout))
            .user_agent(USER_AGENT)
            .build()
            .new_agent();
        Ok(HttpClient {
            agent,
            api_origin: url::origin(&api_url),
            repo_prefix: format!(
                "{api_url}/repos/{}/{}",
                url::encode(&config.owner),
                url::encode(&config.repo)
            ),
            api_url,
            moved_to: Mutex::new(None),
            token: config.token.clone(),
            retries: config.retries,
            retry_delay: config.retry_delay,
            log_requests: config.log_requests,
            requests: AtomicU64::new(0),
            cache: EtagCache::default(),
            limits: RateLimits::new(config.max_wait, timing),
        })
    }

    pub(super) fn request_count(&self) -> u64 {
        self.requests.load(Ordering::Relaxed)
    }

    #[cfg(test)]
    pub(super) fn cache_len(&self) -> usize {
        self.cache.len()
    }

    pub(super) fn retries(&self) -> u32 {
        self.retries
    }

    /// Sleeps before retry number `attempt` (1-based): the delay doubles, up to a bound.
    pub(super) fn back_off(&self, attempt: u32) {
        let factor = 1u32 << attempt.saturating_sub(1).min(16);
        std::thread::sleep((self.retry_delay * factor).min(MAX_BACKOFF));
    }

    /// Sends a request through rate limits and retries, and returns the final answer.
    pub(super) fn send(&self, request: &ApiRequest) -> Result<Reply, Failed> {
        let mut failures = 0;
        let mut rate_limit_waits = 0;
        loop {
            if request.method.is_write() {
                self.limits.pace_write();
            }
            let (error, delivery) = match self.exchange(request) {
                Ok(reply) => {
                    if let Some(refusal) = self.limits.refusal(&reply) {
                        // Refused before anything was written: waiting and re-sending is
                        // safe for every method.
                        rate_limit_waits += 1;
                        if rate_limit_waits > MAX_RATE_LIMIT_WAITS {
                            return Err(Failed::certain(refusal.into_error()));
                        }
                        self.limits.wait(refusal).map_err(Failed::certain)?;
                        continue;
                    }
                    self.limits.answered();
                    if reply.status < 500 {
                        return Ok(reply);
                    }
                    let what = url::path_and_query(&request.url).to_string();
                    (errors::from_reply(&reply, &what), Delivery::MaybeSent)
                }
                Err(err) => (transport_error(&err), delivery(&err)),
            };
            let may_repeat = match delivery {
                Delivery::NotSent => true,
                Delivery::MaybeSent => request.repeat == Repeat::Idempotent,
                Delivery::Fatal => false,
            };
            if may_repeat && failures < self.retries {
                failures += 1;
                self.back_off(failures);
                continue;
            }
            return Err(Failed {
                error,
                maybe_written: delivery == Delivery::MaybeSent && request.repeat == Repeat::Once,
            });
        }
    }

    /// One logical exchange: follows redirects, revalidates with the cached ETag.
    fn exchange(&self, request: &ApiRequest) -> Result<Reply, ureq::Error> {
        let cache_key = format!("{} {}", request.accept, request.url);
        let use_cache = request.cache && request.method == Method::Get;
        let cached = use_cache.then(|| self.cache.get(&cache_key)).flatten();
        let mut target = self.current_location(&request.url);
        for _ in 0..=MAX_REDIRECTS {
            let mut reply = self.transmit(request, &target, cached.as_ref())?;
            match (reply.status, &cached) {
                (301 | 302 | 303 | 307 | 308, _) => match self.redirect(request, &target, &reply) {
                    Some(next) => {
                        target = next;
                        continue;
                    }
                    None => return Ok(reply),
                },
                (304, Some(entry)) => {
                    reply.status = 200;
                    reply.body = entry.body.as_ref().clone();
                    restore_header(&mut reply.headers, "link", entry.link.as_deref());
                    restore_header(
                        &mut reply.headers,
                        "content-type",
                        entry.content_type.as_deref(),
                    );
                }
                (200, _) if use_cache => {
                    if let Some(etag) = reply.header("etag") {
                        let entry = Cached {
                            etag: etag.to_string(),
                            body: Arc::new(reply.body.clone()),
                            link: reply.header("link").map(str::to_string),
                            content_type: reply.header("content-type").map(str::to_string),
                        };
                        self.cache.put(&cache_key, entry);
                    }
                }
                _ => {}
            }
            return Ok(reply);
        }
        Err(ureq::Error::TooManyRedirects)
    }

    /// The next URL for a redirect, or `None` to hand the 3xx to the caller.
    fn redirect(&self, request: &ApiRequest, from: &str, reply: &Reply) -> Option<String> {
        let location = url::resolve(from, reply.header("location")?);
        let (location_path, location_query) = url::split_query(&location);
        // A renamed repository answers 301 (reads) or 307 (writes) pointing at
        // `/repositories/{id}/…`, which accepts every method with the same body.
        let rename = location_path.starts_with(&format!("{}/repositories/", self.api_url));
        let follow = match reply.status {
            307 | 308 => true,
            _ => request.method == Method::Get || rename,
        };
        if !follow {
            return None;
        }
        if !rename {
            return Some(location);
        }
        let (from_path, from_query) = url::split_query(from);
        if let Some(rest) = from_path.strip_prefix(&self.repo_prefix) {
            if let Some(moved) = location_path.strip_suffix(rest) {
                *self.moved_to.lock().unwrap_or_else(|e| e.into_inner()) = Some(moved.to_string());
            }
        }
        // Keep a listing's filters should the Location leave the query out.
        Some(match (location_query, from_query) {
            (None, Some(query)) => format!("{location_path}?{query}"),
            _ => location,
        })
    }

    fn current_location(&self, url: &str) -> String {
        let moved = self.moved_to.lock().unwrap_or_else(|e| e.into_inner());
        match (moved.as_deref(), url.strip_prefix(&self.repo_prefix)) {
            (Some(moved), Some(rest)) if rest.is_empty() || rest.starts_with(['/', '?']) => {
                format!("{moved}{rest}")
            }
            _ => url.to_string(),
        }
    }

    /// One HTTP request on the wire.
    fn transmit(
        &self,
        request: &ApiRequest,
        target: &str,
        cached: Option<&Cached>,
    ) -> Result<Reply, ureq::Error> {
        let mut builder = ureq::http::Request::builder()
            .method(request.method.as_str())
            .uri(target)
            .header("User-Agent", USER_AGENT)
            .header("Accept", request.accept)
            .header("X-GitHub-Api-Version", API_VERSION);
        // The token goes to the API's own origin only: not to another host a redirect or
        // a page URL points at.
        if let Some(token) = &self.token {
            if url::origin(target) == self.api_origin {
                builder =
                    builder.header("Authorization", format!("Bearer {}", token.expose().trim()));
            }
        }
        if let Some(entry) = cached {
            builder = builder.header("If-None-Match", entry.etag.as_str());
        }
        let started = Instant::now();
        let response = match &request.body {
            Some(body) => {
                let built = builder
                    .header("Content-Type", "application/json")
                    .body(body.as_slice())
                    .map_err(ureq::Error::Http)?;
                self.requests.fetch_add(1, Ordering::Relaxed);
                self.agent.run(built)
            }
            None => {
                let built = builder.body(()).map_err(ureq::Error::Http)?;
                self.requests.fetch_add(1, Ordering::Relaxed);
                self.agent.run(built)
            }
        };
        let outcome = response.and_then(|mut response| {
            let status = response.status().as_u16();
            let headers = response.headers().clone();
            let body = response
                .body_mut()
                .with_config()
                .limit(BODY_LIMIT)
                .read_to_vec()?;
            Ok(Reply {
                status,
                headers,
                body,
            })
        });
        if self.log_requests {
            log(request.method, target, &outcome, started.elapsed());
        }
        outcome
    }
}

fn restore_header(headers: &mut HeaderMap, name: &'static str, value: Option<&str>) {
    if let Some(value) = value.and_then(|v| v.parse().ok()) {
        headers.entry(name).or_insert(value);
    }
}

/// One stderr line per request: never headers, so never the token.
fn log(method: Method, target: &str, outcome: &Result<Reply, ureq::Error>, elapsed: Duration) {
    let path = url::path_and_query(target);
    let ms = elapsed.as_millis();
    match outcome {
        Ok(reply) => {
            let left = reply
                .header("x-ratelimit-remaining")
                .map(|n| format!(", {n} requests left"))
                .unwrap_or_default();
            eprintln!(
                "gh-store: {} {path} → {} in {ms} ms{left}",
                method.as_str(),
                reply.status
            );
        }
        Err(err) => eprintln!(
            "gh-store: {} {path} failed in {ms} ms: {err}",
            method.as_str()
        ),
    }
}
