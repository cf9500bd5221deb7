//! The GitHub tracker: REST over one blocking ureq agent.
//!
//! [`GitHubTracker`] maps each [`Tracker`] method to its endpoint and GitHub's JSON to the
//! model (`wire`). `http` does the rest: headers, redirects, retries, rate limits
//! (`rate_limit`), ETag revalidation (`cache`) and typed errors (`errors`); `creates`
//! keeps a failed create from happening twice.

mod app;
mod cache;
mod creates;
mod disk_cache;
mod errors;
mod http;
mod link;
mod proxy;
mod rate_limit;
mod read_ahead;
mod request;
#[cfg(test)]
mod tests;
mod token_cache;
mod url;
mod wire;

pub use app::{AppAuthError, AppStep, GitHubApp};
pub use disk_cache::{user_cache_file, DiskCache};
pub use token_cache::TokenCache;
pub use url::redact_userinfo;

use std::any::Any;
use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use serde::de::DeserializeOwned;
use serde_json::{json, Map, Value};

use self::http::HttpClient;
use self::rate_limit::Timing;
use self::read_ahead::ReadAhead;
use self::request::{ApiRequest, Method, Repeat, Reply};
use self::wire::{
    Contents, WireComment, WireIssue, WireLabelObject, WireMember, WireReaction, WireRepository,
};
use crate::interrupt::Interrupt;
use crate::timestamp::Timestamp;
use crate::tracker::pacing::SecondaryLimits;
use crate::tracker::{
    paginate, Comment, Issue, IssueGuard, IssuePatch, IssueQuery, Label, NewIssue, Page, PageToken,
    ReactionContent, ReactionOutcome, Repository, Tracker, TrackerError, TrackerResult,
};

/// An API token. Never printed: `Debug` and `Display` redact it.
#[derive(Clone, PartialEq, Eq)]
pub struct Token(String);

impl Token {
    pub fn new(secret: impl Into<String>) -> Token {
        Token(secret.into())
    }

    /// The secret itself, for the `Authorization` header only.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Token(<redacted>)")
    }
}

impl fmt::Display for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// How to reach one repository.
#[derive(Debug, Clone)]
pub struct GitHubConfig {
    /// REST root without trailing slash: `https://api.github.com`, `https://HOST/api/v3`,
    /// `http://127.0.0.1:PORT`.
    pub api_url: String,
    pub owner: String,
    pub repo: String,
    /// `None` for anonymous reads of public repositories.
    pub token: Option<Token>,
    /// How long to wait in total for rate limits before failing with `RateLimited`.
    pub max_wait: Duration,
    /// Retries of 5xx and connection failures on idempotent requests.
    pub retries: u32,
    /// First backoff delay; doubles per retry.
    pub retry_delay: Duration,
    pub connect_timeout: Duration,
    /// Whole-request timeout.
    pub timeout: Duration,
    /// Log each request (method, path, status, time, rate limit left) on stderr.
    pub log_requests: bool,
    /// Ends rate-limit waits and retry back-off early with [`TrackerError::Interrupted`].
    pub interrupt: Interrupt,
    /// Requests are paced within these (GitHub's by default).
    pub secondary_limits: SecondaryLimits,
    /// Told about each request on the wire, for a spinner while a server keeps it waiting.
    pub watcher: Option<RequestWatcher>,
    /// Pages of a listing in flight at once when the caller reads them all (1: one by one).
    pub jobs: usize,
    /// Answers kept between runs for revalidation; `None` keeps them for this run only.
    pub disk_cache: Option<Arc<DiskCache>>,
}

/// Told when a request goes on the wire (`api.github.com (GET /repos/o/r/issues/1)`); the
/// value it returns is dropped when the answer has been read or the request failed.
#[derive(Clone)]
pub struct RequestWatcher(pub Arc<WatchRequest>);

/// Takes what a request is, and returns a guard that ends the watch when dropped.
pub type WatchRequest = dyn Fn(&str) -> Box<dyn Any> + Send + Sync;

impl RequestWatcher {
    fn started(&self, what: &str) -> Box<dyn Any> {
        (self.0)(what)
    }
}

impl fmt::Debug for RequestWatcher {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RequestWatcher")
    }
}

impl GitHubConfig {
    pub fn new(api_url: &str, owner: &str, repo: &str) -> GitHubConfig {
        GitHubConfig {
            api_url: api_url.trim_end_matches('/').to_string(),
            owner: owner.to_string(),
            repo: repo.to_string(),
            token: None,
            max_wait: Duration::from_secs(300),
            retries: 3,
            retry_delay: Duration::from_millis(500),
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(30),
            log_requests: false,
            interrupt: Interrupt::default(),
            watcher: None,
            secondary_limits: SecondaryLimits::github(),
            jobs: DEFAULT_JOBS,
            disk_cache: None,
        }
    }
}

/// Pages in flight at once: GitHub allows 100 concurrent requests and asks for restraint;
/// 8 lists 10,000 objects about 5 times faster than page after page (BENCHMARKS.md).
pub const DEFAULT_JOBS: usize = 8;

/// One repository on GitHub (or on a GitHub-compatible server such as `gh-store serve`).
pub struct GitHubTracker {
    http: Arc<HttpClient>,
    read_ahead: ReadAhead,
    api_url: String,
    owner: String,
    repo: String,
}

impl fmt::Debug for GitHubTracker {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GitHubTracker")
            .field("repository", &format!("{}/{}", self.owner, self.repo))
            .field("api_url", &redact_userinfo(&self.api_url))
            .finish_non_exhaustive()
    }
}

impl GitHubTracker {
    /// Fails with [`TrackerError::Invalid`] when the API URL is not an http(s) URL or the
    /// token cannot be sent in a header. Nothing is requested yet.
    pub fn new(config: GitHubConfig) -> TrackerResult<GitHubTracker> {
        GitHubTracker::with_timing(config, Timing::REAL)
    }

    fn with_timing(config: GitHubConfig, timing: Timing) -> TrackerResult<GitHubTracker> {
        Ok(GitHubTracker {
            http: Arc::new(HttpClient::new(&config, timing)?),
            read_ahead: ReadAhead::new(config.jobs),
            api_url: config.api_url.trim_end_matches('/').to_string(),
            owner: config.owner,
            repo: config.repo,
        })
    }

    /// Requests sent so far (each retry and each 304 revalidation counts).
    pub fn request_count(&self) -> u64 {
        self.http.request_count()
    }

    /// `POST /repos/{owner}/{repo}/dispatches`: starts the workflows listening to
    /// `repository_dispatch` of `event_type`. Not repeated: a second event would start a
    /// second run.
    pub fn dispatch_event(
        &self,
        event_type: &str,
        client_payload: &serde_json::Value,
    ) -> TrackerResult<()> {
        let body = json!({ "event_type": event_type, "client_payload": client_payload });
        let request = ApiRequest::write(
            Method::Post,
            self.repo_url("/dispatches"),
            &body,
            Repeat::Once,
        );
        self.send(&request, &self.repository_what()).map(drop)
    }

    fn full_name(&self) -> String {
        format!("{}/{}", self.owner, self.repo)
    }

    /// `{api_url}/repos/{owner}/{repo}{tail}`; `tail` holds already encoded segments.
    fn repo_url(&self, tail: &str) -> String {
        format!("{}{tail}", self.http.repo_prefix())
    }

    fn issue_what(&self, number: u64) -> String {
        format!("issue #{number} in {}", self.full_name())
    }

    fn repository_what(&self) -> String {
        format!("repository {}", self.full_name())
    }

    fn send(&self, request: &ApiRequest, what: &str) -> TrackerResult<Reply> {
        successful(&self.http, request, what)
    }

    fn fetch<W: DeserializeOwned, T: From<W>>(
        &self,
        request: &ApiRequest,
        what: &str,
    ) -> TrackerResult<T> {
        Ok(self.send(request, what)?.json::<W>()?.into())
    }

    /// Like [`GitHubTracker::fetch`], with 404 as `None`.
    fn fetch_optional<W: DeserializeOwned, T: From<W>>(
        &self,
        request: &ApiRequest,
        what: &str,
    ) -> TrackerResult<Option<T>> {
        match self.fetch::<W, T>(request, what) {
            Err(TrackerError::NotFound { .. }) => Ok(None),
            other => other.map(Some),
        }
    }

    /// One page of a listing: the first from `first_url`, later ones from the verbatim
    /// `Link: rel="next"` URL in the token. Only first pages are kept for revalidation in
    /// memory. With `read_ahead` (the caller reads every page), the pages after this one
    /// are already asked for while the caller works through it.
    fn list_page<W: DeserializeOwned, T: From<W>>(
        &self,
        first_url: impl FnOnce() -> String,
        page: Option<&PageToken>,
        what: &str,
        read_ahead: bool,
    ) -> TrackerResult<Page<T>> {
        let request = match page {
            None => ApiRequest::get(first_url()).cached(),
            Some(token) => {
                if url::origin(&token.0).is_none() {
                    return Err(TrackerError::Invalid {
                        message: format!("{:?} is not a GitHub page URL", token.0),
                    });
                }
                ApiRequest::get(token.0.clone())
            }
        };
        let read_ahead = read_ahead && self.read_ahead.enabled();
        let fetched_ahead = read_ahead.then(|| self.read_ahead.take(&request.url));
        let reply = match fetched_ahead.flatten() {
            Some(reply) => reply?,
            None => self.send(&request, what)?,
        };
        if read_ahead {
            let http = Arc::clone(&self.http);
            let what = what.to_string();
            self.read_ahead
                .start_after(&request.url, reply.header("link"), move |target| {
                    successful(&http, &ApiRequest::get(target), &what)
                });
        }
        let items: Vec<W> = reply.json()?;
        Ok(Page {
            items: items.into_iter().map(T::from).collect(),
            next: reply.next_page().map(PageToken),
            server_time: reply.header("date").and_then(Timestamp::parse_http_date),
        })
    }

    fn issues_url(&self, query: &IssueQuery) -> String {
        let mut pairs = vec![
            ("state", query.state.as_str().to_string()),
            ("sort", query.sort.as_str().to_string()),
            ("direction", query.direction.as_str().to_string()),
            ("per_page", query.per_page.clamp(1, 100).to_string()),
        ];
        if !query.labels.is_empty() {
            // Names encoded one by one; the commas between them are GitHub's AND.
            let names: Vec<String> = query.labels.iter().map(|l| url::encode(l)).collect();
            pairs.push(("labels", names.join(",")));
        }
        if let Some(since) = query.since {
            pairs.push(("since", url::encode(&since.to_string())));
        }
        url::with_query(self.repo_url("/issues"), &pairs)
    }

    fn comments_url(&self, number: u64, since: Option<Timestamp>) -> String {
        let mut pairs = vec![("per_page", "100".to_string())];
        if let Some(since) = since {
            pairs.push(("since", url::encode(&since.to_string())));
        }
        url::with_query(self.repo_url(&format!("/issues/{number}/comments")), &pairs)
    }
}

impl Tracker for GitHubTracker {
    fn describe(&self) -> String {
        format!("{} on {}", self.full_name(), redact_userinfo(&self.api_url))
    }

    fn repository(&self) -> TrackerResult<Repository> {
        let request = ApiRequest::get(self.repo_url("")).cached();
        self.fetch::<WireRepository, _>(&request, &self.repository_what())
    }

    fn list_issues(
        &self,
        query: &IssueQuery,
        page: Option<&PageToken>,
    ) -> TrackerResult<Page<Issue>> {
        self.list_page::<WireIssue, _>(
            || self.issues_url(query),
            page,
            &self.repository_what(),
            query.read_ahead,
        )
    }

    fn get_issue(&self, number: u64) -> TrackerResult<Issue> {
        let request = ApiRequest::get(self.repo_url(&format!("/issues/{number}"))).cached();
        self.fetch::<WireIssue, _>(&request, &self.issue_what(number))
    }

    fn create_issue(&self, issue: &NewIssue) -> TrackerResult<Issue> {
        let mut body = json!({ "title": issue.title, "labels": issue.labels });
        if let Some(text) = &issue.body {
            body["body"] = json!(text);
        }
        let request =
            ApiRequest::write(Method::Post, self.repo_url("/issues"), &body, Repeat::Once);
        let started = Timestamp::now();
        self.create_once::<WireIssue, _>(&request, &self.repository_what(), || {
            self.find_created_issue(issue, started)
        })
    }

    fn update_issue(
        &self,
        number: u64,
        patch: &IssuePatch,
        guard: Option<&IssueGuard>,
    ) -> TrackerResult<Issue> {
        if let Some(guard) = guard {
            // GitHub has no conditional PATCH: re-read just before writing (a cheap 304
            // when the issue has not changed since the caller read it).
            if self.get_issue(number)?.title != guard.title {
                return Err(TrackerError::GuardFailed);
            }
        }
        let mut fields = Map::new();
        if let Some(title) = &patch.title {
            fields.insert("title".into(), json!(title));
        }
        if let Some(body) = &patch.body {
            fields.insert("body".into(), json!(body));
        }
        if let Some(state) = patch.state {
            fields.insert("state".into(), json!(state.as_str()));
        }
        if let Some(reason) = patch.state_reason {
            fields.insert("state_reason".into(), json!(reason.as_str()));
        }
        if let Some(labels) = &patch.labels {
            fields.insert("labels".into(), json!(labels));
        }
        let url = self.repo_url(&format!("/issues/{number}"));
        let request = ApiRequest::write(
            Method::Patch,
            url,
            &Value::Object(fields),
            Repeat::Idempotent,
        );
        self.fetch::<WireIssue, _>(&request, &self.issue_what(number))
    }

    fn get_label(&self, name: &str) -> TrackerResult<Option<Label>> {
        let request =
            ApiRequest::get(self.repo_url(&format!("/labels/{}", url::encode(name)))).cached();
        self.fetch_optional::<WireLabelObject, _>(&request, &format!("label {name:?}"))
    }

    fn list_comments(
        &self,
        number: u64,
        since: Option<Timestamp>,
        page: Option<&PageToken>,
    ) -> TrackerResult<Page<Comment>> {
        self.list_page::<WireComment, _>(
            || self.comments_url(number, since),
            page,
            &self.issue_what(number),
            // Callers read an issue's comments to the end (the look for a lost write stops
            // early, but within its `since` window, which is one page).
            true,
        )
    }

    fn add_labels(&self, number: u64, names: &[String]) -> TrackerResult<Vec<Label>> {
        let url = self.repo_url(&format!("/issues/{number}/labels"));
        // Adding what is there already changes nothing: safe to repeat.
        let request = ApiRequest::write(
            Method::Post,
            url,
            &json!({ "labels": names }),
            Repeat::Idempotent,
        );
        let labels: Vec<WireLabelObject> = self.send(&request, &self.issue_what(number))?.json()?;
        Ok(labels.into_iter().map(Label::from).collect())
    }

    fn create_comment(&self, number: u64, body: &str) -> TrackerResult<Comment> {
        let url = self.repo_url(&format!("/issues/{number}/comments"));
        let request = ApiRequest::write(Method::Post, url, &json!({ "body": body }), Repeat::Once);
        let started = Timestamp::now();
        self.create_once::<WireComment, _>(&request, &self.issue_what(number), || {
            self.find_created_comment(number, body, started)
        })
    }

    fn delete_comment(&self, comment_id: u64) -> TrackerResult<()> {
        let url = self.repo_url(&format!("/issues/comments/{comment_id}"));
        let what = format!("comment {comment_id} in {}", self.full_name());
        self.send(&ApiRequest::delete(url), &what).map(drop)
    }

    fn add_reaction(
        &self,
        comment_id: u64,
        content: ReactionContent,
    ) -> TrackerResult<ReactionOutcome> {
        let url = self.repo_url(&format!("/issues/comments/{comment_id}/reactions"));
        let body = json!({ "content": content.as_str() });
        // GitHub answers a repeated reaction with the existing one (200), so a retry is safe.
        let request = ApiRequest::write(Method::Post, url, &body, Repeat::Idempotent);
        let what = format!("comment {comment_id} in {}", self.full_name());
        let reply = self.send(&request, &what)?;
        Ok(ReactionOutcome {
            created: reply.status == 201,
            reaction: reply.json::<WireReaction>()?.into(),
        })
    }

    fn file_contents(&self, path: &str) -> TrackerResult<Option<Vec<u8>>> {
        let url = self.repo_url(&format!("/contents/{}", url::encode_file_path(path)));
        let what = format!("file {path} in {}", self.full_name());
        let reply = match self.send(&ApiRequest::get(url.clone()).cached(), &what) {
            Err(TrackerError::NotFound { .. }) => return Ok(None),
            other => other?,
        };
        if is_raw(&reply) {
            return Ok(Some(reply.body));
        }
        match wire::contents(&reply.json()?) {
            Ok(Contents::File(bytes)) => Ok(Some(bytes)),
            Ok(Contents::NotAFile) => Ok(None),
            Ok(Contents::TooLargeForJson) => {
                let raw = ApiRequest::get(url).accept(request::RAW);
                match self.send(&raw, &what) {
                    Err(TrackerError::NotFound { .. }) => Ok(None),
                    other => Ok(Some(other?.body)),
                }
            }
            Err(message) => Err(TrackerError::Protocol { message }),
        }
    }

    fn team_members(&self, org: &str, team_slug: &str) -> TrackerResult<Option<Vec<String>>> {
        let first = format!(
            "{}/orgs/{}/teams/{}/members?per_page=100",
            self.api_url,
            url::encode(org),
            url::encode(team_slug)
        );
        let what = format!("team @{org}/{team_slug}");
        let mut logins = Vec::new();
        let pages = paginate(|page| {
            self.list_page::<WireMember, String>(|| first.clone(), page, &what, true)
        });
        for member in pages {
            match member {
                Ok(login) => logins.push(login),
                // A team the token cannot read is no team for the access policy.
                Err(TrackerError::NotFound { .. } | TrackerError::Forbidden { .. }) => {
                    return Ok(None)
                }
                Err(other) => return Err(other),
            }
        }
        Ok(Some(logins))
    }
}

/// The final answer to `request`, a 4xx as its typed error.
fn successful(http: &HttpClient, request: &ApiRequest, what: &str) -> TrackerResult<Reply> {
    let reply = http.send(request)?;
    if reply.is_success() {
        Ok(reply)
    } else {
        Err(errors::from_reply(&reply, what))
    }
}

/// The contents API answered with the file's bytes (raw media type), not JSON.
fn is_raw(reply: &Reply) -> bool {
    reply
        .header("x-github-media-type")
        .is_some_and(|t| t.contains("param=raw"))
        || reply
            .header("content-type")
            .is_some_and(|t| t.contains(".raw"))
}
