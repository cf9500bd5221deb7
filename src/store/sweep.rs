//! A sweep: processing every pending object (`process --all`, `watch --process`). One bad
//! object must not strand the others, and an object the access policy keeps out is not a
//! failure: a scheduled sweep that failed on it every time would hide the failures that need
//! attention.

use super::{ProcessReport, Store};
use crate::error::{Error, ErrorKind, Result};
use crate::tracker::Issue;

/// What became of one pending object in a sweep.
#[derive(Debug)]
pub enum SweepOutcome {
    Processed(ProcessReport),
    /// The access policy refuses the issue's creator: left alone.
    Skipped {
        issue_number: u64,
        why: String,
    },
    /// It could not be processed; the sweep goes on.
    Failed {
        issue_number: u64,
        error: Error,
    },
}

impl Store {
    /// Processes every pending object, oldest first, telling `report` what became of each.
    /// Stops at once when the listing fails, the run is interrupted or `report` fails; else
    /// fails at the end when any object failed (with its error, or how many there were).
    pub fn process_all(&self, report: &mut dyn FnMut(&SweepOutcome) -> Result<()>) -> Result<()> {
        let mut failures = Vec::new();
        for issue in self.pending_issues() {
            let outcome = self.sweep_one(issue?)?;
            report(&outcome)?;
            if let SweepOutcome::Failed { error, .. } = outcome {
                failures.push(error);
            }
        }
        match failures.len() {
            0 => Ok(()),
            1 => Err(failures.remove(0)),
            n => Err(Error::failure(format!(
                "{n} objects could not be processed"
            ))),
        }
    }

    /// Processes one pending issue as a sweep does: skipped, processed or failed. Fails only
    /// when interrupted.
    pub fn sweep_one(&self, issue: Issue) -> Result<SweepOutcome> {
        let issue_number = issue.number;
        let outcome = self
            .creator_refusal(&issue)
            .and_then(|refusal| match refusal {
                Some(why) => Ok(SweepOutcome::Skipped { issue_number, why }),
                None => self.process_loaded(issue).map(SweepOutcome::Processed),
            });
        outcome.or_else(|error| match error.kind {
            ErrorKind::Interrupted => Err(error),
            _ => Ok(SweepOutcome::Failed {
                issue_number,
                error,
            }),
        })
    }
}
