//! Updates queued inside GitHub Actions with the workflow's own `GITHUB_TOKEN`: GitHub starts
//! no workflow for events that token causes, so the reopen does not start the processor.
//! The update asks for it with a `repository_dispatch` instead of waiting for the cron sweep.

use serde_json::json;

use super::Context;
use crate::config::{table, Backend, Origin};
use crate::store::ObjectId;

/// The `repository_dispatch` type the generated workflow listens to.
pub const DISPATCH_EVENT: &str = "gh-store-update";

/// Starts the processor for a queued update when the reopen could not. A refusal (a token
/// without `contents: write`, for one) is a note, not a failure: the update is posted and
/// the scheduled sweep processes it.
pub fn start_processor(ctx: &Context, object_id: &ObjectId, issue_number: u64) {
    if !reopen_starts_no_workflow(ctx) {
        return;
    }
    let payload = json!({ "object_id": object_id.as_str(), "issue_number": issue_number });
    let sent = ctx
        .github_tracker()
        .map_err(|err| err.message)
        .and_then(|tracker| {
            tracker
                .dispatch_event(DISPATCH_EVENT, &payload)
                .map_err(|err| err.to_string())
        });
    if let Err(why) = sent {
        ctx.output.warn(&format!(
            "could not start the processor at once ({why}); the scheduled sweep will pick the update up"
        ));
    }
}

/// Inside Actions (`GITHUB_ACTIONS=true`) with the token from `GITHUB_TOKEN`. An App's
/// token or a personal one does start workflows.
fn reopen_starts_no_workflow(ctx: &Context) -> bool {
    ctx.settings.backend() == Backend::GitHub
        && std::env::var("GITHUB_ACTIONS").is_ok_and(|v| v == "true")
        && ctx.settings.get(&table::APP_ID).value.is_none()
        && ctx.settings.get(&table::TOKEN).origin == Origin::Env("GITHUB_TOKEN")
}
