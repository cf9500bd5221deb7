//! GitHub App endpoints, called with the App's JSON web token: find its installation on a
//! repository, mint an installation token.

use serde_json::Value;

use super::{number_param, Exchange};
use crate::serve::apps::ServeApp;
use crate::serve::body;
use crate::serve::errors::{Answer, ApiError};
use crate::serve::http::ApiResponse;
use crate::serve::render;
use crate::tracker::Repository;

/// Every App is installed on the served repository, and only there.
pub(crate) fn installation(ex: &Exchange, app: &ServeApp, repo: &Repository) -> Answer {
    if repo.id != ex.state.home_repo_id {
        return Err(ApiError::not_found());
    }
    Ok(ApiResponse::ok(render::installation(
        ex.urls,
        app,
        repo,
        ex.state.started_at,
    )))
}

/// `repositories` may narrow the token to named repositories of the installation.
pub(crate) fn access_token(ex: &Exchange, app: &ServeApp) -> Answer {
    if number_param(ex.params, "installation_id")? != app.installation_id() {
        return Err(ApiError::not_found());
    }
    let fields = body::object(ex.request)?;
    let home = ex
        .state
        .db
        .repository_by_id(ex.state.home_repo_id)?
        .ok_or_else(ApiError::not_found)?;
    match fields.get("repositories") {
        None | Some(Value::Null) => {}
        Some(Value::Array(names)) => {
            let outside = names.iter().any(|name| {
                !name
                    .as_str()
                    .is_some_and(|n| n.eq_ignore_ascii_case(&home.name))
            });
            if outside {
                return Err(ApiError::validation_errors(vec![Value::String(
                    "There is at least one repository that does not exist or is not \
                     accessible to the parent installation."
                        .into(),
                )]));
            }
        }
        Some(other) => return Err(ApiError::wrong_type("repositories", other, "an array")),
    }
    let (token, expires_at) = ex.state.apps.mint(app);
    Ok(ApiResponse::json(
        201,
        render::installation_token(&token, expires_at),
    ))
}
