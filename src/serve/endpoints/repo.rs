//! The repository itself: metadata, rename, collaborator permission, file contents.

use crate::tracker::local::PageNumber;
use crate::tracker::{IssueQuery, StateFilter, Tracker};

use super::{Exchange, RepoScope};
use crate::serve::auth::kind_of;
use crate::serve::body;
use crate::serve::errors::{Answer, ApiError, FORBIDDEN};
use crate::serve::etag;
use crate::serve::http::{ApiResponse, Body};
use crate::serve::render::{self, Access, RepoFacts};

pub(crate) fn get(ex: &Exchange, scope: &RepoScope) -> Answer {
    Ok(ApiResponse::ok(repository(ex, scope)?))
}

/// Only `name` is kept (a rename, after which the old name redirects); the other settings
/// have nothing to act on here.
pub(crate) fn update(ex: &Exchange, scope: &RepoScope) -> Answer {
    let admin = match ex.caller.user() {
        Some(user) => scope.access(&ex.state.db, user)? == Access::Admin,
        None => false,
    };
    if !admin {
        return Err(ApiError::new(403, "Must have admin rights to Repository."));
    }
    let fields = body::object(ex.request)?;
    if let Some(name) = fields.string("name")? {
        if name != scope.repo.name {
            let owner = &scope.repo.owner.login;
            ex.state
                .db
                .rename_repository(scope.repo.id, &format!("{owner}/{name}"))?;
        }
    }
    let renamed = RepoScope {
        repo: ex
            .state
            .db
            .repository_by_id(scope.repo.id)?
            .ok_or_else(ApiError::not_found)?,
        tracker: scope.tracker.clone(),
        link_base: scope.link_base.clone(),
    };
    Ok(ApiResponse::ok(repository(ex, &renamed)?))
}

fn repository(ex: &Exchange, scope: &RepoScope) -> Result<serde_json::Value, ApiError> {
    let open = IssueQuery {
        state: StateFilter::Open,
        ..IssueQuery::default()
    };
    let open_issues = scope
        .tracker
        .list_issues_numbered(
            &open,
            PageNumber {
                page: 1,
                per_page: 1,
            },
        )?
        .total;
    let facts = RepoFacts {
        open_issues,
        access: ex
            .caller
            .user()
            .map(|user| scope.access(&ex.state.db, user))
            .transpose()?,
        created_at: ex.state.started_at,
    };
    Ok(render::repository(ex.urls, &scope.repo, &facts))
}

/// `repository_dispatch`: no workflow runs here, so the event is kept for tests to read
/// (`/_gh-store/dispatches`). Sending one needs push access (`contents: write`).
pub(crate) fn dispatch_event(ex: &Exchange, scope: &RepoScope) -> Answer {
    let pusher = match ex.caller.user() {
        Some(user) => scope.access(&ex.state.db, user)? != Access::Read,
        None => false,
    };
    if !pusher {
        return Err(ApiError::new(403, FORBIDDEN));
    }
    let fields = body::object(ex.request)?;
    let event_type = fields.required_string("event_type")?;
    let length = event_type.chars().count();
    if length == 0 || length > 100 {
        let bound = if length == 0 {
            "too short (minimum is 1 character)"
        } else {
            "too long (maximum is 100 characters)"
        };
        return Err(ApiError::invalid_request(format!(
            "For 'properties/event_type', {} is {bound}.",
            serde_json::Value::String(event_type)
        )));
    }
    let payload = match fields.get("client_payload") {
        None | Some(serde_json::Value::Null) => serde_json::json!({}),
        Some(serde_json::Value::Object(map)) if map.len() > 10 => {
            return Err(ApiError::invalid_request(
                "For 'properties/client_payload', it has more than 10 properties.",
            ))
        }
        Some(payload @ serde_json::Value::Object(_)) => payload.clone(),
        Some(other) => return Err(ApiError::wrong_type("client_payload", other, "an object")),
    };
    ex.state.dispatches.lock().unwrap().push(serde_json::json!({
        "repository": scope.repo.full_name,
        "sender": ex.caller.user().map(|user| user.login.clone()),
        "event_type": event_type,
        "client_payload": payload,
    }));
    Ok(ApiResponse::no_content())
}

pub(crate) fn permission(ex: &Exchange, scope: &RepoScope) -> Answer {
    let login = ex.params.get("username");
    let account = ex.state.db.ensure_user(login, kind_of(login))?;
    let access = scope.access(&ex.state.db, &account)?;
    Ok(ApiResponse::ok(render::permission(
        ex.urls, &account, access,
    )))
}

/// A file on the default branch: `content-file` JSON, or the bytes themselves with
/// `Accept: application/vnd.github.raw+json` (or `…v3.raw`). Directories are not listed.
pub(crate) fn contents(ex: &Exchange, scope: &RepoScope) -> Answer {
    let path = ex.params.get("path").trim_matches('/');
    if let Some(reference) = ex.request.query.get("ref") {
        if !reference.is_empty() && reference != scope.repo.default_branch {
            return Err(ApiError::new(
                404,
                format!("No commit found for the ref {reference}"),
            ));
        }
    }
    if path.is_empty() {
        return Err(ApiError::not_found());
    }
    let contents = scope
        .tracker
        .file_contents(path)?
        .ok_or_else(ApiError::not_found)?;
    match raw_media_type(&ex.request.header_list("accept")) {
        Some(media_type) => Ok(ApiResponse {
            status: 200,
            headers: vec![
                ("x-github-media-type".into(), "github.v3; param=raw".into()),
                // GitHub's ETag for raw contents is the blob id.
                (
                    "etag".into(),
                    format!("\"{}\"", etag::git_blob_sha(&contents)),
                ),
            ],
            body: Body::Raw {
                bytes: contents,
                media_type: format!("{media_type}; charset=utf-8"),
            },
        }),
        None => Ok(ApiResponse::ok(render::content_file(
            ex.urls,
            &scope.repo,
            path,
            &contents,
        ))),
    }
}

/// The raw media type asked for, if any.
fn raw_media_type(accept: &str) -> Option<&str> {
    accept
        .split(',')
        .map(|part| part.split(';').next().unwrap_or("").trim())
        .find(|media| {
            matches!(
                *media,
                "application/vnd.github.raw"
                    | "application/vnd.github.raw+json"
                    | "application/vnd.github.v3.raw"
                    | "application/vnd.github.v3.raw+json"
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_is_recognised_in_every_spelling() {
        assert_eq!(
            raw_media_type("application/vnd.github.v3.raw"),
            Some("application/vnd.github.v3.raw")
        );
        assert_eq!(
            raw_media_type("application/json, application/vnd.github.raw+json"),
            Some("application/vnd.github.raw+json")
        );
        assert_eq!(raw_media_type("application/vnd.github+json"), None);
    }
}
