//! `installation` and `installation-token`: what a GitHub App sees of its installation.

use serde_json::{json, Value};

use super::user;
use crate::serve::apps::ServeApp;
use crate::serve::urls::Urls;
use crate::timestamp::Timestamp;
use crate::tracker::Repository;

/// What the installation may do: what gh-store needs, as its README asks.
fn permissions() -> Value {
    json!({"issues": "write", "metadata": "read", "contents": "read"})
}

pub(crate) fn installation(
    urls: &Urls,
    app: &ServeApp,
    repo: &Repository,
    created_at: Timestamp,
) -> Value {
    let id = app.installation_id();
    json!({
        "id": id,
        "account": user(urls, &repo.owner),
        "repository_selection": "selected",
        "access_tokens_url": format!("{}/app/installations/{id}/access_tokens", urls.api),
        "repositories_url": format!("{}/installation/repositories", urls.api),
        "html_url": format!("{}/settings/installations/{id}", urls.web),
        "app_id": app.id,
        "app_slug": app.slug,
        "target_id": repo.owner.id,
        "target_type": repo.owner.kind.as_str(),
        "permissions": permissions(),
        "events": [],
        "created_at": created_at.to_string(),
        "updated_at": created_at.to_string(),
        "single_file_name": null,
        "has_multiple_single_files": false,
        "single_file_paths": [],
        "suspended_by": null,
        "suspended_at": null,
    })
}

pub(crate) fn installation_token(token: &str, expires_at: Timestamp) -> Value {
    json!({
        "token": token,
        "expires_at": expires_at.to_string(),
        "permissions": permissions(),
        "repository_selection": "selected",
    })
}
