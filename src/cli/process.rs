//! `gh-store process`.

use clap::Args;

use super::Context;
use crate::error::Result;
use crate::store::{ObjectId, Outcome, ProcessReport, SweepOutcome};

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
        return report_processed(ctx, &store.process_issue(number)?, Summaries::Stdout);
    }
    if let Some(id) = &args.id {
        let id = ObjectId::parse(id)?;
        return report_processed(ctx, &store.process_object(&id)?, Summaries::Stdout);
    }
    let progress = ctx.output.spinner("objects processed");
    store.process_all(&mut |outcome| {
        // Lines are written with the spinner out of the way.
        progress.suspend(|| report_outcome(ctx, outcome, Summaries::Stdout))?;
        if !matches!(outcome, SweepOutcome::Skipped { .. }) {
            progress.inc(1);
        }
        Ok(())
    })?;
    progress.finish_and_clear();
    Ok(())
}

/// Where each object's summary goes: stdout for `process`, stderr for `watch --process`
/// (whose stdout holds the events).
#[derive(Debug, Clone, Copy)]
pub(super) enum Summaries {
    Stdout,
    Stderr,
}

/// The one way a processing run is told: rejections, skips and failures as warnings, and
/// each processed object's summary.
pub(super) fn report_outcome(
    ctx: &Context,
    outcome: &SweepOutcome,
    summaries: Summaries,
) -> Result<()> {
    match outcome {
        SweepOutcome::Processed(report) => report_processed(ctx, report, summaries),
        SweepOutcome::Skipped { issue_number, why } => {
            ctx.output.warn(&format!(
                "issue #{issue_number}: skipped, not created by an allowed author: {why}"
            ));
            Ok(())
        }
        SweepOutcome::Failed {
            issue_number,
            error,
        } => {
            ctx.output
                .warn(&format!("issue #{issue_number}: {}", error.message));
            Ok(())
        }
    }
}

fn report_processed(ctx: &Context, report: &ProcessReport, summaries: Summaries) -> Result<()> {
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
    match summaries {
        Summaries::Stdout => {
            let mut out = std::io::stdout().lock();
            ctx.output.write_line(&mut out, &report.summary())
        }
        Summaries::Stderr => {
            ctx.output.info(&format!(
                "processed {}: {} applied, {} rejected, version {}",
                report.object.object_id,
                report.applied(),
                report.rejected(),
                report.object.version
            ));
            Ok(())
        }
    }
}
