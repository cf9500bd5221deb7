//! Routes outside repositories: the authenticated user, teams, the rate-limit status.

use serde_json::{json, Value};

use crate::tracker::{AccountKind, Tracker, User};

use super::Exchange;
use crate::serve::auth::{kind_of, Caller};
use crate::serve::errors::{Answer, ApiError};
use crate::serve::http::ApiResponse;
use crate::serve::pagination;
use crate::serve::render;

/// `GET /rate_limit`: free of charge, like on GitHub.
pub(crate) fn rate_limit(ex: &Exchange) -> Answer {
    let budget = ex.state.limits.peek(ex.caller.user().map(|u| u.id));
    Ok(ApiResponse::ok(render::rate_limit(&budget)))
}

/// `GET /user`: who the token belongs to (401 without one).
pub(crate) fn user(ex: &Exchange) -> Answer {
    let Caller::User(account) = ex.caller else {
        return Err(ApiError::requires_authentication());
    };
    let mut value = render::user(ex.urls, account);
    let profile = json!({
        "name": null, "company": null, "blog": "", "location": null, "email": null,
        "hireable": null, "bio": null, "twitter_username": null, "public_repos": 0,
        "public_gists": 0, "followers": 0, "following": 0,
        "created_at": ex.state.started_at, "updated_at": ex.state.started_at,
    });
    if let (Value::Object(user), Value::Object(extra)) = (&mut value, profile) {
        user.extend(extra);
    }
    Ok(ApiResponse::ok(value))
}

/// `GET /orgs/{org}/teams/{team_slug}` (PyGithub's `Organization.get_team_by_slug`).
pub(crate) fn team(ex: &Exchange) -> Answer {
    let (org, slug) = (ex.params.get("org"), ex.params.get("team_slug"));
    let members = team_members_of(ex, org, slug)?;
    let org = ex.state.db.ensure_user(org, AccountKind::Organization)?;
    Ok(ApiResponse::ok(render::team(
        ex.urls,
        &org,
        slug,
        members.len(),
    )))
}

/// `GET /orgs/{org}/teams/{team_slug}/members`, where a team's `url` leads.
pub(crate) fn team_members(ex: &Exchange) -> Answer {
    let (org, slug) = (ex.params.get("org"), ex.params.get("team_slug"));
    let logins = team_members_of(ex, org, slug)?;
    let page = pagination::page_number(&ex.request.query, "Team")?;
    let found = pagination::slice(&logins, page);
    let base = format!("{}/members", ex.urls.team(org, slug));
    pagination::answer(
        &found,
        |login| Ok(render::user(ex.urls, &member(ex, login)?)),
        page,
        &base,
        &ex.request.query,
    )
}

/// The team's logins, read through the home repository's tracker acting as the caller;
/// 404 when the team does not exist or cannot be read.
fn team_members_of(ex: &Exchange, org: &str, slug: &str) -> Result<Vec<String>, ApiError> {
    let home = ex
        .state
        .db
        .repository_by_id(ex.state.home_repo_id)?
        .ok_or_else(ApiError::not_found)?;
    let actor = ex.caller.user().unwrap_or(&home.owner).login.clone();
    let tracker = ex.state.db.tracker(home.id, &actor)?;
    tracker
        .team_members(org, slug)?
        .ok_or_else(ApiError::not_found)
}

fn member(ex: &Exchange, login: &str) -> Result<User, ApiError> {
    Ok(ex.state.db.ensure_user(login, kind_of(login))?)
}
