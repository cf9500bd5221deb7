//! `gh-store update --ndjson`: one update per input line, each posted as `update` posts it,
//! with a result line each.

use serde_json::{json, Value};

use super::{actions, interrupt, Context};
use crate::error::{Error, ErrorKind, Result, Written};
use crate::json;
use crate::store::{
    fingerprint, ObjectId, RetryBook, Store, UpdateMode, UpdateOptions, UpdateOutcome,
};

/// One input line's update.
struct LineUpdate {
    id: ObjectId,
    change: Value,
    mode: UpdateMode,
    if_version: Option<u64>,
}

/// Reads `{"object_id", "data", "mode"?, "if_version"?}`; the mode defaults to `--mode`.
fn parse_line(line: &str, default_mode: UpdateMode) -> Result<LineUpdate> {
    let value = json::parse_enclosing(line, 1).map_err(|e| {
        Error::usage(format!(
            "invalid JSON at column {}: {}",
            e.column(),
            e.reason()
        ))
    })?;
    let expected = || {
        Error::usage("expected {\"object_id\": …, \"data\": …, \"mode\"?: …, \"if_version\"?: …}")
    };
    let id = value
        .get("object_id")
        .and_then(Value::as_str)
        .ok_or_else(expected)?;
    let id = ObjectId::parse(id)?;
    let change = value.get("data").ok_or_else(expected)?.clone();
    let mode = match value.get("mode") {
        None | Some(Value::Null) => default_mode,
        Some(Value::String(mode)) => mode.parse().map_err(Error::usage)?,
        Some(_) => return Err(Error::usage("\"mode\" must be a string")),
    };
    let if_version = match value.get("if_version") {
        None | Some(Value::Null) => None,
        Some(v) => Some(
            v.as_u64()
                .ok_or_else(|| Error::usage("\"if_version\" must be a version number"))?,
        ),
    };
    Ok(LineUpdate {
        id,
        change,
        mode,
        if_version,
    })
}

/// Posts every line's update in order; a line that fails is reported in its result line
/// and the others go on. Each line's idempotency key is kept on disk until the whole batch
/// has succeeded, so that a rerun of the same input after a failure or Ctrl-C finds the
/// updates already posted instead of posting them again.
pub fn run(ctx: &Context, text: &str, source: &str, mode: UpdateMode, apply: bool) -> Result<()> {
    interrupt::install();
    let store = ctx.store()?;
    let retries = RetryBook::for_user();
    let backend = store.tracker().describe();
    let mut keys = Vec::new();
    let mut failed: Vec<(String, Error)> = Vec::new();
    let mut total = 0;
    let mut out = std::io::stdout().lock();
    for (index, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        if interrupt::ctrl_c().is_raised() {
            return Err(Error::new(ErrorKind::Interrupted, "interrupted"));
        }
        total += 1;
        let number = index + 1;
        // The line and its place: fixing one bad line leaves the others' keys as they were.
        let command = fingerprint(&[&backend, "update --ndjson", &number.to_string(), line]);
        let result = parse_line(line, mode)
            .and_then(|update| post(ctx, &store, &retries, &command, update, apply));
        keys.push(command);
        let result_line = match result {
            Ok(mut result) => {
                result["line"] = json!(number);
                result
            }
            Err(error) => {
                let id = line_id(line);
                let result = json!({
                    "line": number,
                    "object_id": id,
                    "status": "failed",
                    "error": error.message,
                });
                ctx.output
                    .warn(&format!("{source}, line {number}: {}", error.message));
                failed.push((describe(number, id.as_deref()), error));
                result
            }
        };
        ctx.output.write_line(&mut out, &result_line)?;
    }
    if failed.is_empty() {
        for key in &keys {
            retries.forget(key);
        }
        return Ok(());
    }
    // One kind among the failures is that kind's exit code; a mix is a plain failure.
    let kind = match failed.iter().all(|(_, e)| e.kind == failed[0].1.kind) {
        true => failed[0].1.kind,
        false => ErrorKind::Failure,
    };
    let names: Vec<&str> = failed.iter().map(|(name, _)| name.as_str()).collect();
    Err(Error::new(
        kind,
        format!(
            "{} of {total} updates failed: {}",
            failed.len(),
            names.join(", ")
        ),
    )
    .with_hint("rerunning the same input does not post again the updates already posted"))
}

/// One update, keyed so that a rerun finds it.
fn post(
    ctx: &Context,
    store: &Store,
    retries: &RetryBook,
    command: &str,
    update: LineUpdate,
    apply: bool,
) -> Result<Value> {
    let (key, rerun) = retries.key_for(command);
    // Kept before posting: a crash or Ctrl-C after the post must not lose it.
    retries.remember(command, &key);
    let options = UpdateOptions {
        mode: update.mode,
        if_version: update.if_version,
        apply,
        key: Some(key),
        rerun,
    };
    let outcome = store.update(&update.id, update.change, &options);
    if let Err(e) = &outcome {
        if e.written == Some(Written::Nothing) || e.written.is_none() {
            retries.forget(command);
        }
    }
    Ok(match outcome? {
        UpdateOutcome::Applied(object) => json!({
            "object_id": object.object_id.as_str(),
            "status": "applied",
            "version": object.version,
        }),
        UpdateOutcome::Pending {
            object_id,
            issue_number,
            comment_id,
        } => {
            actions::start_processor(ctx, &object_id, issue_number);
            json!({
                "object_id": object_id.as_str(),
                "status": "pending",
                "issue_number": issue_number,
                "comment_id": comment_id,
            })
        }
    })
}

/// The line's id, if it has one, for naming a line that failed.
fn line_id(line: &str) -> Option<String> {
    let value = json::parse_enclosing(line, 1).ok()?;
    Some(value.get("object_id")?.as_str()?.to_string())
}

fn describe(number: usize, id: Option<&str>) -> String {
    match id {
        Some(id) => format!("line {number} ({id:?})"),
        None => format!("line {number}"),
    }
}
