//! Creates that must not happen twice. GitHub may commit an issue or comment and still
//! fail the answer (a 502/504 after its 10 s limit, a timeout, a dropped connection), so
//! before such a POST is sent again the tracker looks for the write it may have made.

use serde::de::DeserializeOwned;

use super::request::ApiRequest;
use super::{errors, GitHubTracker};
use crate::timestamp::Timestamp;
use crate::tracker::{
    paginate, Comment, Direction, Issue, IssueQuery, IssueSort, NewIssue, StateFilter, Tracker,
    TrackerResult,
};

/// How far before a failed create the lookup for it reaches back: covers the request's
/// own duration and modest clock skew between this machine and GitHub.
const LOOKUP_WINDOW_SECONDS: i64 = 300;

impl GitHubTracker {
    /// Sends a create that must not happen twice. When it fails in a way where GitHub may
    /// still have written it (a 5xx after its 10 s limit, a timeout, a dropped connection),
    /// `find` looks for the write before it is sent again.
    pub(super) fn create_once<W: DeserializeOwned, T: From<W>>(
        &self,
        request: &ApiRequest,
        what: &str,
        find: impl Fn() -> TrackerResult<Option<T>>,
    ) -> TrackerResult<T> {
        let mut resent = 0;
        loop {
            let failed = match self.http.send(request) {
                Ok(reply) if reply.is_success() => return Ok(reply.json::<W>()?.into()),
                Ok(reply) => return Err(errors::from_reply(&reply, what)),
                Err(failed) if failed.maybe_written => failed,
                Err(failed) => return Err(failed.error),
            };
            self.http.back_off(resent + 1)?;
            if let Some(found) = find()? {
                return Ok(found);
            }
            if resent == self.http.retries() {
                return Err(failed.error);
            }
            resent += 1;
        }
    }

    /// The issue a failed create may have made: same labels, title and body, made lately.
    pub(super) fn find_created_issue(
        &self,
        new: &NewIssue,
        started: Timestamp,
    ) -> TrackerResult<Option<Issue>> {
        let query = IssueQuery {
            labels: new.labels.clone(),
            state: StateFilter::All,
            since: Some(Timestamp(started.0 - LOOKUP_WINDOW_SECONDS)),
            sort: IssueSort::Created,
            direction: Direction::Desc,
            per_page: 100,
            read_ahead: false,
        };
        for issue in paginate(|page| self.list_issues(&query, page)) {
            let issue = issue?;
            if !issue.is_pull_request && issue.title == new.title && issue.body == new.body {
                return Ok(Some(issue));
            }
        }
        Ok(None)
    }

    /// The comment a failed create may have made: gh-store's bodies carry a microsecond
    /// timestamp, so an identical body is the same write.
    pub(super) fn find_created_comment(
        &self,
        number: u64,
        body: &str,
        started: Timestamp,
    ) -> TrackerResult<Option<Comment>> {
        let since = Some(Timestamp(started.0 - LOOKUP_WINDOW_SECONDS));
        for comment in paginate(|page| self.list_comments(number, since, page)) {
            let comment = comment?;
            if comment.body == body {
                return Ok(Some(comment));
            }
        }
        Ok(None)
    }
}
