//! Waiting for the processor to consume an update (`update --wait`).

use std::time::{Duration, Instant};

use super::history::rejected_updates;
use super::object::StoredObject;
use super::policy::Verdict;
use super::wire::Checkpoint;
use super::Store;
use crate::error::{Error, ErrorKind, Result};
use crate::interrupt::Interrupt;
use crate::tracker::{Comment, Issue};

impl Store {
    /// Polls the issue (cheap: the GitHub tracker revalidates with its ETag, and a 304 costs
    /// nothing against the rate limit) until the checkpoint passes `comment_id`; then tells
    /// whether the update was applied (the object) or rejected (exit 6 for a conflict, else
    /// 5), or times out (exit 7); `interrupt` ends the wait early (exit 130).
    pub fn wait_for(
        &self,
        issue_number: u64,
        comment_id: u64,
        timeout: Duration,
        interval: Duration,
        interrupt: &Interrupt,
    ) -> Result<StoredObject> {
        let deadline = Instant::now() + timeout;
        loop {
            let issue = self.tracker.get_issue(issue_number)?;
            let consumed = Checkpoint::from_title(&issue.title)
                .is_some_and(|cp| cp.last_comment_id >= comment_id);
            if consumed {
                if let Some(rejected) = self.rejection(&issue, comment_id)? {
                    return Err(rejected);
                }
                return StoredObject::from_issue(&issue)
                    .map_err(|why| Error::failure(format!("issue #{issue_number}: {why}")));
            }
            let now = Instant::now();
            if now >= deadline {
                return Err(Error::new(
                    ErrorKind::GaveUpWaiting,
                    format!(
                        "the update is still pending after {}s",
                        timeout.as_secs()
                    ),
                )
                .with_hint("is the processing workflow installed? `gh-store workflow` prints one; `gh-store process` runs it here"));
            }
            if !interrupt.sleep(interval.min(deadline - now)) {
                return Err(Error::new(ErrorKind::Interrupted, "interrupted"));
            }
        }
    }

    /// Why the processor rejected a consumed update, read from its marks as `history` reads
    /// them (a stranger's 👎 does not count); 😕 = as a conflict, an author the access policy
    /// refuses = unauthorised (exit 4). `None` when it was applied. One listing of the
    /// comments.
    pub(super) fn rejection(&self, issue: &Issue, comment_id: u64) -> Result<Option<Error>> {
        let comments: Vec<Comment> = self.comments_of(issue.number)?;
        if !rejected_updates(issue, &comments).contains(&comment_id) {
            return Ok(None);
        }
        let Some(comment) = comments.iter().find(|c| c.id == comment_id) else {
            return Ok(None);
        };
        let hint = "`gh-store history` shows it; `gh-store process` logs why";
        if comment.reactions.confused > 0 {
            return Ok(Some(Error::conflict(
                "the processor rejected the update as a conflict (the version moved or a json-patch test failed)",
            )
            .with_hint(hint)));
        }
        let checker = self.access_checker();
        if let Verdict::Denied(why) =
            checker.check(comment.author_login(), comment.author_association)?
        {
            return Ok(Some(Error::new(
                ErrorKind::Auth,
                format!("the processor rejected the update: {why}"),
            )
            .with_hint("the repository's access policy (`access:` in .gh-store.yml) decides who may update")));
        }
        Ok(Some(
            Error::rejected("the processor rejected the update").with_hint(hint),
        ))
    }
}
