//! The issue-tracker layer: GitHub's issue model and nothing store-specific.
//!
//! [`Tracker`] is implemented by [`github::GitHubTracker`] (REST over one ureq agent) and by
//! [`local::LocalTracker`] (the same model in SQLite). The store above never knows which one
//! it talks to.

pub mod github;
pub mod local;
mod model;
pub mod pacing;

pub use model::*;

use std::fmt;

use crate::timestamp::Timestamp;

/// What went wrong talking to a tracker, classified the way a caller needs to react.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TrackerError {
    /// 404: the resource does not exist or is not visible to this token.
    NotFound { what: String },
    /// 410: deleted, or issues are disabled; `message` is GitHub's, which says which.
    Gone {
        what: String,
        message: Option<String>,
    },
    /// 401: missing or bad credentials.
    Unauthorized { message: String },
    /// 403 that is not a rate limit: the token lacks a permission.
    Forbidden { message: String },
    /// 422 (or another 4xx): the request was refused as invalid; `message` is a readable
    /// sentence.
    Invalid { message: String },
    /// A primary or secondary rate limit that outlasted the allowed wait.
    RateLimited {
        message: String,
        /// When a retry may succeed, if the server said.
        retry_at: Option<Timestamp>,
    },
    /// An [`IssueGuard`] did not hold: someone else changed the issue first.
    GuardFailed,
    /// 5xx after the retries allowed.
    Server { status: u16, message: String },
    /// Connection failures after the retries allowed.
    Network { message: String },
    /// No answer in time, after the retries allowed.
    TimedOut { message: String },
    /// The local database could not be opened or written.
    Storage { message: String },
    /// A write to a local database opened read-only; `what` names it.
    ReadOnly { what: String },
    /// An answer that does not have the shape GitHub documents.
    Protocol { message: String },
    /// A wait (rate limit, retry back-off) ended by an [`crate::interrupt::Interrupt`].
    Interrupted,
}

impl fmt::Display for TrackerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TrackerError::NotFound { what } => write!(f, "{what} not found"),
            TrackerError::Gone {
                what,
                message: Some(message),
            } => write!(f, "{what}: {message} (410 Gone)"),
            TrackerError::Gone {
                what,
                message: None,
            } => write!(f, "{what} is gone (deleted or disabled)"),
            TrackerError::Unauthorized { message } => write!(f, "authentication failed: {message}"),
            TrackerError::Forbidden { message } => write!(f, "permission denied: {message}"),
            TrackerError::Invalid { message } => write!(f, "request refused: {message}"),
            TrackerError::RateLimited { message, retry_at } => match retry_at {
                Some(at) => write!(f, "rate limited: {message} (retry after {at})"),
                None => write!(f, "rate limited: {message}"),
            },
            TrackerError::GuardFailed => write!(f, "the issue changed while it was being updated"),
            TrackerError::Server { status, message } => {
                write!(f, "server error {status}: {message}")
            }
            TrackerError::Network { message } => write!(f, "network error: {message}"),
            // The message says what did not answer, and within how long.
            TrackerError::TimedOut { message } => f.write_str(message),
            TrackerError::Storage { message } => write!(f, "local store error: {message}"),
            TrackerError::ReadOnly { what } => write!(f, "{what} is read-only"),
            TrackerError::Protocol { message } => write!(f, "unexpected answer: {message}"),
            TrackerError::Interrupted => write!(f, "interrupted"),
        }
    }
}

impl std::error::Error for TrackerError {}

impl TrackerError {
    /// Whether a write that failed this way may still have happened: the server may have
    /// committed it before its answer failed or was lost. Refusals (4xx, rate limits) and
    /// local storage errors (rolled back) wrote nothing.
    pub fn may_have_written(&self) -> bool {
        matches!(
            self,
            TrackerError::Server { .. }
                | TrackerError::Network { .. }
                | TrackerError::TimedOut { .. }
                | TrackerError::Protocol { .. }
                | TrackerError::Interrupted
        )
    }
}

pub type TrackerResult<T> = Result<T, TrackerError>;

/// GitHub's issue tracker for one repository, as seen by one acting user.
///
/// Every method is one REST request on GitHub (plus transparent retries, redirects and
/// conditional-request revalidation), except listings, which return one page at a time.
pub trait Tracker: Send + Sync {
    /// Where this tracker points, for messages: `owner/repo on https://api.github.com`.
    fn describe(&self) -> String;

    /// `GET /repos/{owner}/{repo}`.
    fn repository(&self) -> TrackerResult<Repository>;

    /// Whether the acting user has push access, when the tracker knows it without a request
    /// (the local store); `None` when only a write's answer tells (GitHub drops the labels).
    fn push_access(&self) -> TrackerResult<Option<bool>> {
        Ok(None)
    }

    /// `GET /repos/{owner}/{repo}/issues` with GitHub's filters; pull requests are included
    /// and flagged with `is_pull_request`. `page` is `None` for the first page.
    fn list_issues(
        &self,
        query: &IssueQuery,
        page: Option<&PageToken>,
    ) -> TrackerResult<Page<Issue>>;

    /// `GET /repos/{owner}/{repo}/issues/{number}`.
    fn get_issue(&self, number: u64) -> TrackerResult<Issue>;

    /// `POST /repos/{owner}/{repo}/issues`. Unknown labels are created (`ededed`).
    fn create_issue(&self, issue: &NewIssue) -> TrackerResult<Issue>;

    /// `PATCH /repos/{owner}/{repo}/issues/{number}`: its author and users with push access
    /// may (labels only the latter: the others' are dropped silently). With a guard, the
    /// patch is applied only if the title still matches, else [`TrackerError::GuardFailed`]:
    /// the local tracker checks it in the same transaction; GitHub, which has no conditional
    /// PATCH, re-reads the issue just before writing.
    fn update_issue(
        &self,
        number: u64,
        patch: &IssuePatch,
        guard: Option<&IssueGuard>,
    ) -> TrackerResult<Issue>;

    /// `POST /repos/{owner}/{repo}/issues/{number}/labels`: adds labels (unknown ones are
    /// created) in one step, so that a label added by someone else at the same time is kept;
    /// answers with the issue's labels. Needs push access.
    fn add_labels(&self, number: u64, names: &[String]) -> TrackerResult<Vec<Label>>;

    /// `GET /repos/{owner}/{repo}/labels/{name}`: GitHub matches the name case-insensitively
    /// and answers with the stored case. `None` when no such label exists.
    fn get_label(&self, name: &str) -> TrackerResult<Option<Label>>;

    /// `GET /repos/{owner}/{repo}/issues/{number}/comments?per_page=100`, ascending by id.
    /// `since` filters on `updated_at`.
    fn list_comments(
        &self,
        number: u64,
        since: Option<Timestamp>,
        page: Option<&PageToken>,
    ) -> TrackerResult<Page<Comment>>;

    /// `POST /repos/{owner}/{repo}/issues/{number}/comments`.
    fn create_comment(&self, number: u64, body: &str) -> TrackerResult<Comment>;

    /// `DELETE /repos/{owner}/{repo}/issues/comments/{id}`: its author and users with push
    /// access may.
    fn delete_comment(&self, comment_id: u64) -> TrackerResult<()>;

    /// `POST /repos/{owner}/{repo}/issues/comments/{id}/reactions`. Idempotent: a repeat by
    /// the same user returns the existing reaction (GitHub answers 200 instead of 201,
    /// which `created` tells).
    fn add_reaction(
        &self,
        comment_id: u64,
        content: ReactionContent,
    ) -> TrackerResult<ReactionOutcome>;

    /// `GET /repos/{owner}/{repo}/contents/{path}` on the default branch, decoded.
    /// `None` when there is no such file.
    fn file_contents(&self, path: &str) -> TrackerResult<Option<Vec<u8>>>;

    /// The logins in `@org/team`, or `None` when the team cannot be read with this token.
    fn team_members(&self, org: &str, team_slug: &str) -> TrackerResult<Option<Vec<String>>>;
}

/// Every item of a paginated listing, fetched lazily page by page so that memory stays flat.
pub fn paginate<'a, T: 'a>(
    mut fetch: impl FnMut(Option<&PageToken>) -> TrackerResult<Page<T>> + 'a,
) -> impl Iterator<Item = TrackerResult<T>> + 'a {
    let mut buffer = std::collections::VecDeque::new();
    let mut next: Option<Option<PageToken>> = Some(None);
    std::iter::from_fn(move || loop {
        if let Some(item) = buffer.pop_front() {
            return Some(Ok(item));
        }
        let token = next.take()?;
        match fetch(token.as_ref()) {
            Ok(page) => {
                buffer.extend(page.items);
                next = page.next.map(Some);
            }
            Err(err) => return Some(Err(err)),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paginate_walks_every_page_then_stops() {
        let pages = [vec![1, 2], vec![3], vec![]];
        let mut calls = 0;
        let items: Vec<i32> = paginate(|token: Option<&PageToken>| {
            calls += 1;
            let index: usize = token.map_or(0, |t| t.0.parse().unwrap());
            Ok(Page {
                items: pages[index].clone(),
                next: (index + 1 < pages.len()).then(|| PageToken((index + 1).to_string())),
                server_time: None,
            })
        })
        .collect::<TrackerResult<_>>()
        .unwrap();
        assert_eq!(items, vec![1, 2, 3]);
        assert_eq!(calls, 3);
    }

    #[test]
    fn paginate_stops_after_an_error() {
        let mut it = paginate(|_: Option<&PageToken>| -> TrackerResult<Page<i32>> {
            Err(TrackerError::Network {
                message: "down".into(),
            })
        });
        assert!(matches!(it.next(), Some(Err(TrackerError::Network { .. }))));
        assert!(it.next().is_none());
    }
}
