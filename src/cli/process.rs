//! `gh-store process`.

use clap::Args;

use super::Context;
use crate::error::{Error, Result};
use crate::store::{ObjectId, Outcome, ProcessReport};

/// Fold pending updates into objects
///
/// Applies each new update comment exactly once, in order, or rejects it with a reason
/// (unknown mode, version conflict, schema, size, unauthorised author), then writes body,
/// checkpoint and state in one request. Prints one JSON line per object:
/// {object_id, issue_number, applied, rejected, version}. Rejections are logged on stderr.
///
/// Examples:
///   gh-store process --issue 42          # what the Actions workflow runs
///   gh-store process cfg
///   gh-store process --all               # every object with pending updates (cron)
#[derive(Debug, Args)]
#[command(
    verbatim_doc_comment,
    // Its three forms, also in the error for none of them.
    override_usage = "gh-store process [OPTIONS] <ID>\n       \
                      gh-store process [OPTIONS] --issue <NUMBER>\n       \
                      gh-store process [OPTIONS] --all"
)]
pub struct ProcessArgs {
    /// The object to process
    #[arg(required_unless_present_any = ["issue", "all"], conflicts_with_all = ["issue", "all"])]
    pub id: Option<String>,
    /// Process the object in this issue
    #[arg(long, value_name = "NUMBER", conflicts_with = "all")]
    pub issue: Option<u64>,
    /// Process every object with pending updates (objects whose creator the access policy
    /// refuses are skipped with a warning)
    #[arg(long)]
    pub all: bool,
}

pub fn run(ctx: &Context, args: ProcessArgs) -> Result<()> {
    let store = ctx.store()?;
    if let Some(number) = args.issue {
        return print(ctx, &store.process_issue(number)?);
    }
    if let Some(id) = &args.id {
        let id = ObjectId::parse(id)?;
        return print(ctx, &store.process_object(&id)?);
    }
    let mut failures = Vec::new();
    let progress = ctx.output.spinner("objects processed");
    for issue in store.pending_issues() {
        let issue = issue?;
        let number = issue.number;
        // Not a failure of the sweep: the policy keeps the object out, and a scheduled run
        // that failed on it every time would hide the failures that need attention.
        if let Some(why) = store.creator_refusal(&issue)? {
            progress.suspend(|| {
                ctx.output.warn(&format!(
                    "issue #{number}: skipped, not created by an allowed author: {why}"
                ))
            });
            continue;
        }
        let outcome = store.process_loaded(issue);
        // Lines are written with the spinner out of the way.
        progress.suspend(|| match outcome {
            Ok(report) => print(ctx, &report),
            // One bad object must not strand the others: report it and go on.
            Err(err) => {
                ctx.output
                    .warn(&format!("issue #{number}: {}", err.message));
                failures.push(err);
                Ok(())
            }
        })?;
        progress.inc(1);
    }
    progress.finish_and_clear();
    match failures.len() {
        0 => Ok(()),
        1 => Err(failures.remove(0)),
        n => Err(Error::failure(format!(
            "{n} objects could not be processed"
        ))),
    }
}

fn print(ctx: &Context, report: &ProcessReport) -> Result<()> {
    for decision in &report.decisions {
        if let Outcome::Rejected(rejection) = &decision.outcome {
            ctx.output.warn(&format!(
                "{}: rejected comment {} by {}: {}",
                report.object.object_id,
                decision.comment_id,
                decision.author.as_deref().unwrap_or("(deleted user)"),
                rejection.reason
            ));
        }
    }
    let mut out = std::io::stdout().lock();
    ctx.output.write_line(&mut out, &report.summary())
}
