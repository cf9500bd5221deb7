//! Issue comments and their reactions.

use serde_json::{json, Value};

use crate::tracker::local::CommentSort;
use crate::tracker::{Direction, ReactionContent, Tracker};

use super::issues::body_too_long;
use super::{choice_param, direction_param, number_param, since_param, Exchange, RepoScope};
use crate::serve::body;
use crate::serve::errors::{Answer, ApiError};
use crate::serve::http::ApiResponse;
use crate::serve::pagination;
use crate::serve::render;

/// Ascending by id, like GitHub (no `sort` parameter on this listing).
pub(crate) fn list(ex: &Exchange, scope: &RepoScope) -> Answer {
    let number = number_param(ex.params, "issue_number")?;
    let q = &ex.request.query;
    let page = pagination::page_number(q, "IssueComment")?;
    let since = since_param(q, "IssueComment")?;
    let found = scope.tracker.list_comments_numbered(number, since, page)?;
    pagination::answer(
        &found,
        |c| Ok(render::comment(ex.urls, &scope.repo, number, c)),
        page,
        &scope.link_base,
        q,
    )
}

/// Every comment of the repository: by id unless `sort` is given; `direction` only counts
/// with `sort`.
pub(crate) fn list_for_repo(ex: &Exchange, scope: &RepoScope) -> Answer {
    let q = &ex.request.query;
    let page = pagination::page_number(q, "IssueComment")?;
    let sort = choice_param(
        q,
        "sort",
        "IssueComment",
        CommentSort::Id,
        &[
            ("created", CommentSort::Created),
            ("updated", CommentSort::Updated),
        ],
    )?;
    let direction = match sort {
        CommentSort::Id => Direction::Asc,
        _ => direction_param(q, "IssueComment")?,
    };
    let since = since_param(q, "IssueComment")?;
    let found = scope
        .tracker
        .list_repo_comments(sort, direction, since, page)?;
    pagination::answer(
        &found,
        |(number, c)| Ok(render::comment(ex.urls, &scope.repo, *number, c)),
        page,
        &scope.link_base,
        q,
    )
}

pub(crate) fn get(ex: &Exchange, scope: &RepoScope) -> Answer {
    let id = number_param(ex.params, "comment_id")?;
    let (number, comment) = scope.tracker.get_comment(id)?;
    Ok(ApiResponse::ok(render::comment(
        ex.urls,
        &scope.repo,
        number,
        &comment,
    )))
}

pub(crate) fn create(ex: &Exchange, scope: &RepoScope) -> Answer {
    let number = number_param(ex.params, "issue_number")?;
    let text = comment_body(ex)?;
    let comment = scope.tracker.create_comment(number, &text)?;
    Ok(ApiResponse::created(
        ex.urls.comment(&scope.repo.full_name, comment.id),
        render::comment(ex.urls, &scope.repo, number, &comment),
    ))
}

pub(crate) fn update(ex: &Exchange, scope: &RepoScope) -> Answer {
    let id = number_param(ex.params, "comment_id")?;
    let text = comment_body(ex)?;
    let (number, comment) = scope.tracker.update_comment(id, &text)?;
    Ok(ApiResponse::ok(render::comment(
        ex.urls,
        &scope.repo,
        number,
        &comment,
    )))
}

pub(crate) fn delete(ex: &Exchange, scope: &RepoScope) -> Answer {
    let id = number_param(ex.params, "comment_id")?;
    scope.tracker.delete_comment(id)?;
    Ok(ApiResponse::no_content())
}

/// A comment body: required, not empty, within GitHub's limits (422 in its shapes).
fn comment_body(ex: &Exchange) -> Result<String, ApiError> {
    let text = body::object(ex.request)?.required_string("body")?;
    if text.trim().is_empty() {
        return Err(ApiError::validation(
            "IssueComment",
            "body",
            "missing_field",
            None,
        ));
    }
    if body_too_long(&text) {
        return Err(ApiError::validation(
            "IssueComment",
            "data",
            "unprocessable",
            Some("Body is too long (maximum is 65536 characters)"),
        ));
    }
    Ok(text)
}

pub(crate) fn list_reactions(ex: &Exchange, scope: &RepoScope) -> Answer {
    let id = number_param(ex.params, "comment_id")?;
    let q = &ex.request.query;
    let page = pagination::page_number(q, "Reaction")?;
    let content = match q.get("content") {
        None | Some("") => None,
        Some(text) => Some(reaction_content(&json!(text))?),
    };
    let found = scope.tracker.list_reactions_numbered(id, content, page)?;
    pagination::answer(
        &found,
        |r| Ok(render::reaction(ex.urls, r)),
        page,
        &scope.link_base,
        q,
    )
}

/// 201 for a new reaction, 200 with the existing one when this user already gave it.
pub(crate) fn react(ex: &Exchange, scope: &RepoScope) -> Answer {
    let id = number_param(ex.params, "comment_id")?;
    let fields = body::object(ex.request)?;
    let content = match fields.get("content") {
        None | Some(Value::Null) => return Err(ApiError::missing_field("content")),
        Some(value) => reaction_content(value)?,
    };
    let outcome = scope.tracker.react(id, content)?;
    let rendered = render::reaction(ex.urls, &outcome.reaction);
    Ok(if outcome.created {
        ApiResponse::created(
            format!(
                "{}/reactions/{}",
                ex.urls.comment(&scope.repo.full_name, id),
                outcome.reaction.id
            ),
            rendered,
        )
    } else {
        ApiResponse::ok(rendered)
    })
}

pub(crate) fn delete_reaction(ex: &Exchange, scope: &RepoScope) -> Answer {
    let id = number_param(ex.params, "comment_id")?;
    let reaction_id = number_param(ex.params, "reaction_id")?;
    scope.tracker.delete_reaction(id, reaction_id)?;
    Ok(ApiResponse::no_content())
}

fn reaction_content(value: &Value) -> Result<ReactionContent, ApiError> {
    value
        .as_str()
        .and_then(ReactionContent::parse)
        .ok_or_else(|| {
            ApiError::validation(
                "Reaction",
                "content",
                "invalid",
                Some("content is not included in the list"),
            )
        })
}
