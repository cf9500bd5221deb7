//! Waiting for the processor to consume an update (`update --wait`).

use std::time::{Duration, Instant};

use super::object::StoredObject;
use super::wire::Checkpoint;
use super::Store;
use crate::error::{Error, ErrorKind, Result};
use crate::tracker::paginate;

impl Store {
    /// Polls the issue (cheap: the GitHub tracker revalidates with its ETag, and a 304 costs
    /// nothing against the rate limit) until the checkpoint passes `comment_id`; then tells
    /// whether the update was applied (the object) or rejected (exit 6 for a conflict, else
    /// 5), or times out (exit 7).
    pub fn wait_for(
        &self,
        issue_number: u64,
        comment_id: u64,
        timeout: Duration,
        interval: Duration,
    ) -> Result<StoredObject> {
        let deadline = Instant::now() + timeout;
        loop {
            let issue = self.tracker.get_issue(issue_number)?;
            let consumed = Checkpoint::from_title(&issue.title)
                .is_some_and(|cp| cp.last_comment_id >= comment_id);
            if consumed {
                if let Some(rejected) = self.rejection(issue_number, comment_id)? {
                    return Err(rejected);
                }
                return StoredObject::from_issue(&issue)
                    .map_err(|why| Error::failure(format!("issue #{issue_number}: {why}")));
            }
            let now = Instant::now();
            if now >= deadline {
                return Err(Error::new(
                    ErrorKind::RateLimited,
                    format!(
                        "the update is still pending after {}s",
                        timeout.as_secs()
                    ),
                )
                .with_hint("is the processing workflow installed? `gh-store workflow` prints one; `gh-store process` runs it here"));
            }
            std::thread::sleep(interval.min(deadline - now));
        }
    }

    /// Why the processor rejected a consumed update, read from its marks: 👎 = rejected, with
    /// 😕 = as a conflict. `None` when it was applied. One listing of the comments.
    pub(super) fn rejection(&self, issue_number: u64, comment_id: u64) -> Result<Option<Error>> {
        let mut found = None;
        for comment in paginate(|page| self.tracker.list_comments(issue_number, None, page)) {
            let comment = comment?;
            if comment.id == comment_id {
                found = Some(comment);
                break;
            }
        }
        let Some(comment) = found.filter(|c| c.reactions.minus_one > 0) else {
            return Ok(None);
        };
        let hint = "`gh-store history` shows it; `gh-store process` logs why";
        Ok(Some(if comment.reactions.confused > 0 {
            Error::conflict(
                "the processor rejected the update as a conflict (the version moved or a json-patch test failed)",
            )
            .with_hint(hint)
        } else {
            Error::rejected("the processor rejected the update").with_hint(hint)
        }))
    }
}
