//! Repository labels (`/labels…`) and an issue's labels (`/issues/{n}/labels…`).

use serde_json::json;

use crate::tracker::{Label, Tracker, TrackerError};

use super::{number_param, Exchange, RepoScope};
use crate::serve::body;
use crate::serve::errors::{Answer, ApiError};
use crate::serve::http::ApiResponse;
use crate::serve::pagination;
use crate::serve::render;

const MAX_NAME_CHARS: usize = 50;
const MAX_DESCRIPTION_CHARS: usize = 100;
const MAX_LABELS_PER_ISSUE: usize = 100;
/// The colour of a label created without one (GitHub's colour for labels made on the fly).
const DEFAULT_COLOR: &str = "ededed";

/// Label names GitHub would refuse, in the shapes it refuses them.
pub(crate) fn check_label_names(names: &[String]) -> Result<(), ApiError> {
    for name in names {
        check_name(name)?;
    }
    Ok(())
}

/// An issue holds at most 100 labels (GitHub's message comes as a plain string in `errors`).
pub(crate) fn check_label_count(names: &[String]) -> Result<(), ApiError> {
    let mut distinct: Vec<String> = names.iter().map(|n| n.to_lowercase()).collect();
    distinct.sort();
    distinct.dedup();
    if distinct.len() > MAX_LABELS_PER_ISSUE {
        return Err(ApiError::validation_errors(vec![json!(
            "Issues cannot have more than 100 labels"
        )]));
    }
    Ok(())
}

fn check_name(name: &str) -> Result<(), ApiError> {
    if name.trim().is_empty() {
        return Err(ApiError::validation("Label", "name", "missing_field", None));
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(ApiError::validation(
            "Label",
            "name",
            "custom",
            Some("name is too long (maximum is 50 characters)"),
        ));
    }
    Ok(())
}

/// Six hex digits, no `#`; the case is kept as sent.
fn check_color(color: &str) -> Result<(), ApiError> {
    if color.len() == 6 && color.bytes().all(|b| b.is_ascii_hexdigit()) {
        Ok(())
    } else {
        Err(ApiError::validation("Label", "color", "invalid", None))
    }
}

fn check_description(description: Option<&str>) -> Result<(), ApiError> {
    match description {
        Some(text) if text.chars().count() > MAX_DESCRIPTION_CHARS => Err(ApiError::validation(
            "Label",
            "description",
            "custom",
            Some("description is too long (maximum is 100 characters)"),
        )),
        _ => Ok(()),
    }
}

fn already_exists() -> ApiError {
    ApiError::validation("Label", "name", "already_exists", None)
}

pub(crate) fn list(ex: &Exchange, scope: &RepoScope) -> Answer {
    let page = pagination::page_number(&ex.request.query, "Label")?;
    let found = scope.tracker.list_labels(page)?;
    pagination::answer(
        &found,
        |l| Ok(render::label(ex.urls, &scope.repo, l)),
        page,
        &scope.link_base,
        &ex.request.query,
    )
}

pub(crate) fn get(ex: &Exchange, scope: &RepoScope) -> Answer {
    let label = find(scope, ex.params.get("name"))?;
    Ok(ApiResponse::ok(render::label(ex.urls, &scope.repo, &label)))
}

pub(crate) fn create(ex: &Exchange, scope: &RepoScope) -> Answer {
    let fields = body::object(ex.request)?;
    let name = fields.required_string("name")?;
    let color = fields.string("color")?;
    let description = fields.string("description")?;
    check_name(&name)?;
    if let Some(color) = &color {
        check_color(color)?;
    }
    check_description(description.as_deref())?;
    let label = scope
        .tracker
        .create_label(
            &name,
            Some(color.as_deref().unwrap_or(DEFAULT_COLOR)),
            description.as_deref(),
        )
        .map_err(|err| match err {
            // The only refusal left after the checks above: names are unique
            // case-insensitively, so `MYLABEL` collides with `mylabel`. Checked by the
            // tracker, after push access (403 first).
            TrackerError::Invalid { .. } => already_exists(),
            other => other.into(),
        })?;
    Ok(ApiResponse::created(
        ex.urls.label(&scope.repo.full_name, &label.name),
        render::label(ex.urls, &scope.repo, &label),
    ))
}

pub(crate) fn update(ex: &Exchange, scope: &RepoScope) -> Answer {
    let current = find(scope, ex.params.get("name"))?;
    let fields = body::object(ex.request)?;
    let new_name = fields.string("new_name")?;
    let color = fields.string("color")?;
    let description = fields.string("description")?;
    if let Some(new_name) = &new_name {
        check_name(new_name)?;
        let taken = scope.tracker.get_label(new_name)?;
        if taken.is_some_and(|other| other.id != current.id) {
            return Err(already_exists());
        }
    }
    if let Some(color) = &color {
        check_color(color)?;
    }
    check_description(description.as_deref())?;
    let label = scope.tracker.update_label(
        &current.name,
        new_name.as_deref(),
        color.as_deref(),
        description.as_deref(),
    )?;
    Ok(ApiResponse::ok(render::label(ex.urls, &scope.repo, &label)))
}

pub(crate) fn delete(ex: &Exchange, scope: &RepoScope) -> Answer {
    let label = find(scope, ex.params.get("name"))?;
    scope.tracker.delete_label(&label.name)?;
    Ok(ApiResponse::no_content())
}

pub(crate) fn list_on_issue(ex: &Exchange, scope: &RepoScope) -> Answer {
    let number = number_param(ex.params, "issue_number")?;
    let page = pagination::page_number(&ex.request.query, "Label")?;
    let labels = scope.tracker.issue_labels(number)?;
    let found = pagination::slice(&labels, page);
    pagination::answer(
        &found,
        |l| Ok(render::label(ex.urls, &scope.repo, l)),
        page,
        &scope.link_base,
        &ex.request.query,
    )
}

/// 200 with the issue's full label list (not the issue), unknown names created.
pub(crate) fn add_to_issue(ex: &Exchange, scope: &RepoScope) -> Answer {
    let number = number_param(ex.params, "issue_number")?;
    let names = body::issue_labels(ex.request)?;
    check_label_names(&names)?;
    let mut resulting: Vec<String> = scope
        .tracker
        .issue_labels(number)?
        .into_iter()
        .map(|l| l.name)
        .collect();
    resulting.extend(names.iter().cloned());
    check_label_count(&resulting)?;
    let labels = scope.tracker.add_labels(number, &names)?;
    Ok(label_list(ex, scope, &labels))
}

pub(crate) fn set_on_issue(ex: &Exchange, scope: &RepoScope) -> Answer {
    let number = number_param(ex.params, "issue_number")?;
    let names = body::issue_labels(ex.request)?;
    check_label_names(&names)?;
    check_label_count(&names)?;
    let labels = scope.tracker.set_labels(number, &names)?;
    Ok(label_list(ex, scope, &labels))
}

pub(crate) fn clear_on_issue(ex: &Exchange, scope: &RepoScope) -> Answer {
    let number = number_param(ex.params, "issue_number")?;
    scope.tracker.clear_labels(number)?;
    Ok(ApiResponse::no_content())
}

/// 200 with the remaining labels, or 404 `Label does not exist` when it is not on the issue.
pub(crate) fn remove_from_issue(ex: &Exchange, scope: &RepoScope) -> Answer {
    let number = number_param(ex.params, "issue_number")?;
    match scope.tracker.remove_label(number, ex.params.get("name")) {
        Ok(labels) => Ok(label_list(ex, scope, &labels)),
        Err(TrackerError::NotFound { what }) if what == "Label" => {
            Err(ApiError::new(404, "Label does not exist"))
        }
        Err(other) => Err(other.into()),
    }
}

fn find(scope: &RepoScope, name: &str) -> Result<Label, ApiError> {
    scope
        .tracker
        .get_label(name)?
        .ok_or_else(ApiError::not_found)
}

fn label_list(ex: &Exchange, scope: &RepoScope, labels: &[Label]) -> ApiResponse {
    ApiResponse::ok(render::labels(ex.urls, &scope.repo, labels))
}
