//! The GitHub tracker: REST over one blocking ureq agent.
//!
//! CONTRACT STUB: the signatures below are the agreed API. Bodies are implemented on the
//! `github-tracker` branch.
#![allow(unused_variables, dead_code)]

use std::fmt;
use std::time::Duration;

use crate::timestamp::Timestamp;
use crate::tracker::{
    Comment, Issue, IssueGuard, IssuePatch, IssueQuery, Label, NewIssue, Page, PageToken, Reaction,
    ReactionContent, Repository, Tracker, TrackerResult,
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
        }
    }
}

pub struct GitHubTracker {}

impl GitHubTracker {
    pub fn new(config: GitHubConfig) -> TrackerResult<GitHubTracker> {
        todo!()
    }

    /// Requests sent so far (each retry and each 304 revalidation counts).
    pub fn request_count(&self) -> u64 {
        todo!()
    }
}

impl Tracker for GitHubTracker {
    fn describe(&self) -> String {
        todo!()
    }

    fn repository(&self) -> TrackerResult<Repository> {
        todo!()
    }

    fn list_issues(
        &self,
        query: &IssueQuery,
        page: Option<&PageToken>,
    ) -> TrackerResult<Page<Issue>> {
        todo!()
    }

    fn get_issue(&self, number: u64) -> TrackerResult<Issue> {
        todo!()
    }

    fn create_issue(&self, issue: &NewIssue) -> TrackerResult<Issue> {
        todo!()
    }

    fn update_issue(
        &self,
        number: u64,
        patch: &IssuePatch,
        guard: Option<&IssueGuard>,
    ) -> TrackerResult<Issue> {
        todo!()
    }

    fn get_label(&self, name: &str) -> TrackerResult<Option<Label>> {
        todo!()
    }

    fn list_comments(
        &self,
        number: u64,
        since: Option<Timestamp>,
        page: Option<&PageToken>,
    ) -> TrackerResult<Page<Comment>> {
        todo!()
    }

    fn create_comment(&self, number: u64, body: &str) -> TrackerResult<Comment> {
        todo!()
    }

    fn list_reactions(
        &self,
        comment_id: u64,
        content: Option<ReactionContent>,
        page: Option<&PageToken>,
    ) -> TrackerResult<Page<Reaction>> {
        todo!()
    }

    fn add_reaction(&self, comment_id: u64, content: ReactionContent) -> TrackerResult<Reaction> {
        todo!()
    }

    fn file_contents(&self, path: &str) -> TrackerResult<Option<Vec<u8>>> {
        todo!()
    }

    fn team_members(&self, org: &str, team_slug: &str) -> TrackerResult<Option<Vec<String>>> {
        todo!()
    }
}
