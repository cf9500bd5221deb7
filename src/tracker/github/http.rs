//! Everything between a tracker method and the wire: one ureq agent, GitHub's headers,
//! redirects, retries, rate limits, conditional requests and request logging.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use ureq::http::HeaderMap;

use super::cache::{Cached, EtagCache};
use super::disk_cache::DiskCache;
use super::rate_limit::{RateLimits, Timing};
use super::request::{ApiRequest, Failed, Method, Repeat, Reply};
use super::{errors, proxy, url, GitHubConfig, RequestWatcher, Token};
use crate::interrupt::Interrupt;
use crate::tracker::pacing::{Pacer, RequestCost};
use crate::tracker::TrackerError;

const USER_AGENT: &str = concat!("gh-store/", env!("CARGO_PKG_VERSION"));
const API_VERSION: &str = "2022-11-28";
const MAX_REDIRECTS: usize = 5;
/// Rate-limit waits for one request; `max_wait` usually ends them first.
const MAX_RATE_LIMIT_WAITS: u32 = 10;
/// ureq's default is 10 MB; a page of 100 issues with 64 KB JSON bodies, escaped, is more.
const BODY_LIMIT: u64 = 64 * 1024 * 1024;
const MAX_BACKOFF: Duration = Duration::from_secs(30);

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

/// Transport errors name the host and the request (a user with several remotes, proxies
/// and a VPN needs to know which one failed); a URL they quote never shows its credentials.
fn transport_error(error: &ureq::Error, request: &ApiRequest, timeouts: Timeouts) -> TrackerError {
    use ureq::{Error, Timeout};
    let message = url::redact_userinfo(&error.to_string());
    let host = url::host(&request.url);
    let what = format!(
        "{} {}",
        request.method.as_str(),
        url::path_and_query(&request.url)
    );
    match error {
        Error::BadUri(_) | Error::Http(_) | Error::TooManyRedirects => {
            TrackerError::Protocol { message }
        }
        Error::Timeout(Timeout::Resolve) => TrackerError::TimedOut {
            message: format!("{host} could not be resolved in time ({what})"),
        },
        Error::Timeout(Timeout::Connect) => TrackerError::TimedOut {
            message: format!(
                "{host} did not accept a connection within {} ({what})",
                crate::duration::show_duration(timeouts.connect)
            ),
        },
        Error::Timeout(_) => TrackerError::TimedOut {
            message: format!(
                "{host} did not answer within {} ({what})",
                crate::duration::show_duration(timeouts.whole)
            ),
        },
        Error::HostNotFound => TrackerError::Network {
            message: format!("cannot resolve {host} ({what}): {message}"),
        },
        // The standard library's resolver reports through io::Error.
        Error::Io(_) if message.contains("lookup address") || message.contains("resolve") => {
            TrackerError::Network {
                message: format!("cannot resolve {host} ({what}): {message}"),
            }
        }
        _ => TrackerError::Network {
            message: format!("{host}: {message} ({what})"),
        },
    }
}

#[derive(Debug, Clone, Copy)]
struct Timeouts {
    connect: Duration,
    whole: Duration,
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
    timeouts: Timeouts,
    watcher: Option<RequestWatcher>,
    retries: u32,
    retry_delay: Duration,
    interrupt: Interrupt,
    log_requests: bool,
    requests: AtomicU64,
    cache: EtagCache,
    disk_cache: Option<Arc<DiskCache>>,
    limits: RateLimits,
    pacer: Pacer,
}

impl HttpClient {
    pub(super) fn new(config: &GitHubConfig, timing: Timing) -> Result<HttpClient, TrackerError> {
        let api_url = config.api_url.trim_end_matches('/').to_string();
        check_api_url(&api_url)?;
        if let Some(token) = &config.token {
            if ureq::http::HeaderValue::from_str(token.expose().trim()).is_err() {
                return Err(TrackerError::Invalid {
                    message: "the token holds characters that cannot be sent in a header".into(),
                });
            }
        }
        let agent = agent(config, &api_url)?;
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
            timeouts: Timeouts {
                connect: config.connect_timeout,
                whole: config.timeout,
            },
            watcher: config.watcher.clone(),
            retries: config.retries,
            retry_delay: config.retry_delay,
            interrupt: config.interrupt.clone(),
            log_requests: config.log_requests,
            requests: AtomicU64::new(0),
            cache: EtagCache::default(),
            disk_cache: config.disk_cache.clone(),
            limits: RateLimits::new(config.max_wait, timing, config.interrupt.clone()),
            pacer: Pacer::new(config.secondary_limits.clone()),
        })
    }

    /// `{api_url}/repos/{owner}/{repo}`, encoded.
    pub(super) fn repo_prefix(&self) -> &str {
        &self.repo_prefix
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
    pub(super) fn back_off(&self, attempt: u32) -> Result<(), TrackerError> {
        let factor = 1u32 << attempt.saturating_sub(1).min(16);
        if !self
            .interrupt
            .sleep((self.retry_delay * factor).min(MAX_BACKOFF))
        {
            return Err(TrackerError::Interrupted);
        }
        Ok(())
    }

    /// Sends a request through rate limits and retries, and returns the final answer.
    pub(super) fn send(&self, request: &ApiRequest) -> Result<Reply, Failed> {
        let mut failures = 0;
        let mut rate_limit_waits = 0;
        loop {
            if request.method.is_write() {
                self.limits.pace_write().map_err(Failed::certain)?;
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
                Err(err) => (
                    transport_error(&err, request, self.timeouts),
                    delivery(&err),
                ),
            };
            let may_repeat = match delivery {
                Delivery::NotSent => true,
                Delivery::MaybeSent => request.repeat == Repeat::Idempotent,
                Delivery::Fatal => false,
            };
            // A server that took the request and kept silent for the whole timeout is asked
            // once more, not `retries` times: each attempt costs the full timeout.
            let retries = match error {
                TrackerError::TimedOut { .. } => self.retries.min(1),
                _ => self.retries,
            };
            if may_repeat && failures < retries {
                failures += 1;
                // Retried here: idempotent, or never sent; no create to look for.
                self.back_off(failures).map_err(Failed::certain)?;
                continue;
            }
            return Err(Failed {
                error,
                maybe_written: delivery == Delivery::MaybeSent && request.repeat == Repeat::Once,
            });
        }
    }

    /// One logical exchange: follows redirects, revalidates with the cached ETag. Marked
    /// GETs are kept in memory for this run; every GET on disk, when there is a disk cache.
    fn exchange(&self, request: &ApiRequest) -> Result<Reply, ureq::Error> {
        let cache_key = format!("{} {}", request.accept, request.url);
        let is_get = request.method == Method::Get;
        let in_memory = request.cache && is_get;
        let on_disk = self.disk_cache.as_deref().filter(|_| is_get);
        let cached = in_memory
            .then(|| self.cache.get(&cache_key))
            .flatten()
            .or_else(|| on_disk.and_then(|disk| disk.get(&cache_key)));
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
                    if let Some(disk) = on_disk {
                        disk.touch(&cache_key);
                    }
                }
                (200, _) if in_memory || on_disk.is_some() => {
                    if let Some(etag) = reply.header("etag") {
                        let entry = Cached {
                            etag: etag.to_string(),
                            body: Arc::new(reply.body.clone()),
                            link: reply.header("link").map(str::to_string),
                            content_type: reply.header("content-type").map(str::to_string),
                        };
                        if let Some(disk) = on_disk {
                            disk.put(&cache_key, &entry);
                        }
                        if in_memory {
                            self.cache.put(&cache_key, entry);
                        }
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
        let renamed = self.renamed_repository(from, &location);
        let follow = match reply.status {
            307 | 308 => true,
            _ => request.method == Method::Get || renamed.is_some(),
        };
        follow.then(|| renamed.unwrap_or(location))
    }

    /// A renamed repository answers 301 (reads) or 307 (writes) with a `Location` under
    /// `/repositories/{id}`, which accepts every method with the same body. Returns the
    /// request's own sub-path and query under that root (should `Location` name only the
    /// root, or drop a listing's filters) and remembers the root for later requests.
    fn renamed_repository(&self, from: &str, location: &str) -> Option<String> {
        let (location_path, _) = url::split_query(location);
        let repositories = format!("{}/repositories/", self.api_url);
        let id = location_path
            .strip_prefix(&repositories)?
            .split('/')
            .next()?;
        if id.is_empty() || !id.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let root = format!("{repositories}{id}");
        let (from_path, from_query) = url::split_query(from);
        let rest = from_path
            .strip_prefix(&self.repo_prefix)
            .filter(|rest| rest.is_empty() || rest.starts_with('/'))?;
        if location_path != root && location_path != format!("{root}{rest}") {
            return None;
        }
        let target = match from_query {
            Some(query) => format!("{root}{rest}?{query}"),
            None => format!("{root}{rest}"),
        };
        *self.moved_to.lock().unwrap_or_else(|e| e.into_inner()) = Some(root);
        Some(target)
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
        // Within GitHub's secondary limits by waiting, rather than by being refused. Ctrl-C
        // ends the wait; the caller stops at its next step.
        let path = target.split_once("://").map_or(target, |(_, rest)| {
            rest.find('/').map_or("/", |slash| &rest[slash..])
        });
        let cost = RequestCost::of(request.method.as_str(), path);
        let ticket = self.pacer.reserve(cost, |wait| self.interrupt.sleep(wait));
        let started = Instant::now();
        // Until the answer is read: a caller may show that it waits.
        let _waiting = self.watcher.as_ref().map(|watcher| {
            // The path without its query: one line on a terminal says enough.
            let path = url::path_and_query(target);
            let path = path.split('?').next().unwrap_or(path);
            watcher.started(&format!(
                "{} ({} {path})",
                url::host(target),
                request.method.as_str(),
            ))
        });
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
        if let Some(ticket) = ticket {
            self.pacer.complete(ticket);
        }
        if self.log_requests {
            log(request.method, target, &outcome, started.elapsed());
        }
        outcome
    }
}

/// An http(s) URL with a host, refused now, as bad input, rather than by every request as a
/// failure.
fn check_api_url(api_url: &str) -> Result<(), TrackerError> {
    let scheme = api_url
        .split("://")
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    let shown = url::redact_userinfo(api_url);
    if !api_url.contains("://") || !matches!(scheme.as_str(), "http" | "https") {
        return Err(TrackerError::Invalid {
            message: format!("the API URL {shown:?} is not an http(s) URL"),
        });
    }
    match api_url.parse::<ureq::http::Uri>() {
        Ok(uri) if uri.host().is_some_and(|host| !host.is_empty()) => Ok(()),
        Ok(_) => Err(TrackerError::Invalid {
            message: format!("the API URL {shown:?} has no host"),
        }),
        Err(why) => Err(TrackerError::Invalid {
            message: format!("the API URL {shown:?} is not a valid URL: {why}"),
        }),
    }
}

/// The one agent: the environment's proxy, the OS trust store, the timeouts.
fn agent(config: &GitHubConfig, api_url: &str) -> Result<ureq::Agent, TrackerError> {
    let proxy = match proxy::proxy_url(api_url, |name| std::env::var(name).ok()) {
        Some((name, value)) => {
            Some(
                ureq::Proxy::new(&value).map_err(|why| TrackerError::Invalid {
                    message: format!("{name} is not a usable proxy URL: {why}"),
                })?,
            )
        }
        None => None,
    };
    let tls = ureq::tls::TlsConfig::builder()
        // The OS trust store: GitHub Enterprise Servers often use a private CA.
        .root_certs(ureq::tls::RootCerts::PlatformVerifier)
        .build();
    Ok(ureq::Agent::config_builder()
        // Error answers carry GitHub's message and rate-limit headers: read them.
        .http_status_as_error(false)
        // `exchange` follows redirects itself: ureq will not re-send a body on 307.
        .max_redirects(0)
        // HTTPS_PROXY, HTTP_PROXY, ALL_PROXY and NO_PROXY, as curl honours them.
        .proxy(proxy)
        .tls_config(tls)
        .timeout_connect(Some(config.connect_timeout))
        .timeout_global(Some(config.timeout))
        .user_agent(USER_AGENT)
        .build()
        .new_agent())
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
            // A 304 is the cached answer confirmed: not counted against the rate limit.
            let cached = if reply.status == 304 {
                " (answered from the cache)"
            } else {
                ""
            };
            eprintln!(
                "gh-store: {} {path} → {}{cached} in {ms} ms{left}",
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
