//! Waiting for the processor to consume an update (`update --wait`).

use std::time::{Duration, Instant};

use super::object::StoredObject;
use super::wire::Checkpoint;
use super::Store;
use crate::error::{Error, ErrorKind, Result};
use crate::tracker::{paginate, TrackerError};

impl Store {
    /// Polls the issue (cheap: the GitHub tracker revalidates with its ETag, and a 304 costs
    /// nothing against the rate limit) until the checkpoint passes `comment_id`; then tells
    /// whether the update was applied (the object) or rejected (exit 5), or times out (exit 7).
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
                let rejected =
                    paginate(|page| self.tracker.list_comments(issue_number, None, page))
                        .filter_map(|c: std::result::Result<_, TrackerError>| c.ok())
                        .find(|c| c.id == comment_id)
                        .is_some_and(|c| c.reactions.minus_one > 0);
                if rejected {
                    return Err(Error::rejected("the processor rejected the update")
                        .with_hint("`gh-store history` shows it; `gh-store process` logs why"));
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
}
