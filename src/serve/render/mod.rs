//! The tracker's model as GitHub's JSON, valid against `github-schemas.json` (`issue`,
//! `issue-comment`, `label`, `reaction`, `simple-user`, …), every URL on this server.

mod app;
mod repository;

pub(crate) use app::{installation, installation_token};

pub(crate) use repository::{
    content_file, permission, rate_limit, repository, team, Access, RepoFacts,
};

use base64::Engine;
use serde_json::{json, Value};

use crate::tracker::local::IssueExtras;
use crate::tracker::{Comment, Issue, Label, Reaction, ReactionRollup, Repository, User};

use super::urls::Urls;

/// A node id in GitHub's legacy form, base64 of `0<len>:<Type><id>` (`MDQ6VXNlcjE=` is
/// `04:User1`); clients treat it as opaque.
pub(crate) fn node_id(kind: &str, id: u64) -> String {
    let raw = format!("0{}:{kind}{id}", kind.len());
    base64::engine::general_purpose::STANDARD.encode(raw)
}

/// `simple-user`, all 18 required keys.
pub(crate) fn user(urls: &Urls, user: &User) -> Value {
    let api = urls.user(&user.login);
    json!({
        "login": user.login,
        "id": user.id,
        "node_id": node_id(user.kind.as_str(), user.id),
        "avatar_url": format!("{}/avatars/u/{}?v=4", urls.web, user.id),
        "gravatar_id": "",
        "url": api,
        "html_url": urls.web_user(&user.login),
        "followers_url": format!("{api}/followers"),
        "following_url": format!("{api}/following{{/other_user}}"),
        "gists_url": format!("{api}/gists{{/gist_id}}"),
        "starred_url": format!("{api}/starred{{/owner}}{{/repo}}"),
        "subscriptions_url": format!("{api}/subscriptions"),
        "organizations_url": format!("{api}/orgs"),
        "repos_url": format!("{api}/repos"),
        "events_url": format!("{api}/events{{/privacy}}"),
        "received_events_url": format!("{api}/received_events"),
        "type": user.kind.as_str(),
        "site_admin": false,
        "user_view_type": "public",
    })
}

/// `nullable-simple-user`: `null` for a deleted account.
pub(crate) fn nullable_user(urls: &Urls, account: Option<&User>) -> Value {
    account.map_or(Value::Null, |account| user(urls, account))
}

pub(crate) fn label(urls: &Urls, repo: &Repository, label: &Label) -> Value {
    json!({
        "id": label.id,
        "node_id": node_id("Label", label.id),
        "url": urls.label(&repo.full_name, &label.name),
        "name": label.name,
        "color": label.color,
        "default": label.default,
        "description": label.description,
    })
}

pub(crate) fn labels(urls: &Urls, repo: &Repository, labels: &[Label]) -> Value {
    Value::Array(labels.iter().map(|l| label(urls, repo, l)).collect())
}

/// `reaction-rollup`: counts only, as embedded in issues and comments.
fn rollup(url: String, counts: &ReactionRollup) -> Value {
    let mut value = serde_json::to_value(counts).expect("counts serialise");
    value["url"] = json!(url);
    value
}

/// Whether an issue is rendered on its own or as a list item: GitHub sends `closed_by` only
/// on single-issue answers (GET, POST, PATCH of one issue).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum IssueView {
    Single,
    ListItem,
}

pub(crate) fn issue(
    urls: &Urls,
    repo: &Repository,
    issue: &Issue,
    extras: &IssueExtras,
    view: IssueView,
) -> Value {
    let api = urls.issue(&repo.full_name, issue.number);
    let web = format!("{}/issues/{}", urls.web_repo(&repo.full_name), issue.number);
    let mut value = json!({
        "url": api,
        "repository_url": urls.repo(&repo.full_name),
        "labels_url": format!("{api}/labels{{/name}}"),
        "comments_url": format!("{api}/comments"),
        "events_url": format!("{api}/events"),
        "html_url": web,
        "id": issue.id,
        "node_id": node_id("Issue", issue.id),
        "number": issue.number,
        "title": issue.title,
        "user": nullable_user(urls, issue.user.as_ref()),
        "labels": labels(urls, repo, &issue.labels),
        "state": issue.state.as_str(),
        "locked": extras.locked,
        "assignee": null,
        "assignees": [],
        "milestone": null,
        "comments": issue.comments,
        "created_at": issue.created_at,
        "updated_at": issue.updated_at,
        "closed_at": issue.closed_at,
        "author_association": issue.author_association.as_str(),
        "active_lock_reason": null,
        "body": issue.body,
        "reactions": rollup(format!("{api}/reactions"), &extras.reactions),
        "timeline_url": format!("{api}/timeline"),
        "performed_via_github_app": null,
        "state_reason": issue.state_reason.map(|r| r.as_str()),
    });
    if view == IssueView::Single {
        value["closed_by"] = nullable_user(urls, extras.closed_by.as_ref());
    }
    // The key is absent on plain issues; the schema forbids `null`.
    if issue.is_pull_request {
        let web_pull = format!("{}/pull/{}", urls.web_repo(&repo.full_name), issue.number);
        value["pull_request"] = json!({
            "url": format!("{}/pulls/{}", urls.repo(&repo.full_name), issue.number),
            "html_url": web_pull,
            "diff_url": format!("{web_pull}.diff"),
            "patch_url": format!("{web_pull}.patch"),
            "merged_at": null,
        });
    }
    value
}

pub(crate) fn comment(
    urls: &Urls,
    repo: &Repository,
    issue_number: u64,
    comment: &Comment,
) -> Value {
    let api = urls.comment(&repo.full_name, comment.id);
    json!({
        "id": comment.id,
        "node_id": node_id("IssueComment", comment.id),
        "url": api,
        "html_url": format!(
            "{}/issues/{issue_number}#issuecomment-{}",
            urls.web_repo(&repo.full_name),
            comment.id
        ),
        "body": comment.body,
        "user": nullable_user(urls, comment.user.as_ref()),
        "created_at": comment.created_at,
        "updated_at": comment.updated_at,
        "issue_url": urls.issue(&repo.full_name, issue_number),
        "author_association": comment.author_association.as_str(),
        "performed_via_github_app": null,
        "reactions": rollup(format!("{api}/reactions"), &comment.reactions),
    })
}

pub(crate) fn reaction(urls: &Urls, reaction: &Reaction) -> Value {
    json!({
        "id": reaction.id,
        "node_id": node_id("Reaction", reaction.id),
        "user": nullable_user(urls, reaction.user.as_ref()),
        "content": reaction.content.as_str(),
        "created_at": reaction.created_at,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn node_ids_use_githubs_legacy_encoding() {
        assert_eq!(node_id("User", 1), "MDQ6VXNlcjE=");
        assert_eq!(node_id("Reaction", 1), "MDg6UmVhY3Rpb24x");
        assert_eq!(node_id("IssueComment", 1), "MDEyOklzc3VlQ29tbWVudDE=");
    }
}
