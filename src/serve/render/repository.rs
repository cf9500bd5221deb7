//! Repository-level JSON: `full-repository`, `content-file`, collaborator permission, team,
//! `rate-limit-overview`.

use base64::Engine;
use serde_json::{json, Value};

use crate::serve::etag;
use crate::serve::http::encode_segment;
use crate::serve::ratelimit::Budget;
use crate::serve::urls::Urls;
use crate::timestamp::Timestamp;
use crate::tracker::{AccountKind, Repository, User};

use super::{node_id, user};

/// A caller's access to a repository, as GitHub reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Access {
    Admin,
    /// Push access: collaborators and organisation members.
    Write,
    Read,
}

impl Access {
    fn name(self) -> &'static str {
        match self {
            Access::Admin => "admin",
            Access::Write => "write",
            Access::Read => "read",
        }
    }

    fn flags(self) -> Value {
        let admin = self == Access::Admin;
        let push = self != Access::Read;
        json!({"admin": admin, "maintain": admin, "push": push, "triage": push, "pull": true})
    }
}

/// What the tracker's `Repository` lacks and `full-repository` needs.
pub(crate) struct RepoFacts {
    pub open_issues: u64,
    /// The caller's access; `None` for anonymous callers (GitHub then omits `permissions`).
    pub access: Option<Access>,
    pub created_at: Timestamp,
}

/// The URL (templates) of a repository's sub-resources, relative to its API URL.
const LINKED_RESOURCES: &[(&str, &str)] = &[
    ("forks_url", "forks"),
    ("keys_url", "keys{/key_id}"),
    ("collaborators_url", "collaborators{/collaborator}"),
    ("teams_url", "teams"),
    ("hooks_url", "hooks"),
    ("issue_events_url", "issues/events{/number}"),
    ("events_url", "events"),
    ("assignees_url", "assignees{/user}"),
    ("branches_url", "branches{/branch}"),
    ("tags_url", "tags"),
    ("blobs_url", "git/blobs{/sha}"),
    ("git_tags_url", "git/tags{/sha}"),
    ("git_refs_url", "git/refs{/sha}"),
    ("trees_url", "git/trees{/sha}"),
    ("statuses_url", "statuses/{sha}"),
    ("languages_url", "languages"),
    ("stargazers_url", "stargazers"),
    ("contributors_url", "contributors"),
    ("subscribers_url", "subscribers"),
    ("subscription_url", "subscription"),
    ("commits_url", "commits{/sha}"),
    ("git_commits_url", "git/commits{/sha}"),
    ("comments_url", "comments{/number}"),
    ("issue_comment_url", "issues/comments{/number}"),
    ("contents_url", "contents/{+path}"),
    ("compare_url", "compare/{base}...{head}"),
    ("merges_url", "merges"),
    ("archive_url", "{archive_format}{/ref}"),
    ("downloads_url", "downloads"),
    ("issues_url", "issues{/number}"),
    ("pulls_url", "pulls{/number}"),
    ("milestones_url", "milestones{/number}"),
    (
        "notifications_url",
        "notifications{?since,all,participating}",
    ),
    ("labels_url", "labels{/name}"),
    ("releases_url", "releases{/id}"),
    ("deployments_url", "deployments"),
];

pub(crate) fn repository(urls: &Urls, repo: &Repository, facts: &RepoFacts) -> Value {
    let api = urls.repo(&repo.full_name);
    let web = urls.web_repo(&repo.full_name);
    let host = urls.web.trim_start_matches("http://");
    let mut value = json!({
        "id": repo.id,
        "node_id": node_id("Repository", repo.id),
        "name": repo.name,
        "full_name": repo.full_name,
        "private": repo.private,
        "owner": user(urls, &repo.owner),
        "html_url": web,
        "description": null,
        "fork": false,
        "url": api,
        "created_at": facts.created_at,
        "updated_at": facts.created_at,
        "pushed_at": facts.created_at,
        "git_url": format!("git://{host}/{}.git", repo.full_name),
        "ssh_url": format!("git@{host}:{}.git", repo.full_name),
        "clone_url": format!("{web}.git"),
        "svn_url": web,
        "open_issues_count": facts.open_issues,

        "visibility": if repo.private { "private" } else { "public" },
        "open_issues": facts.open_issues,
        "default_branch": repo.default_branch,
    });
    merge(&mut value, unused_features());
    for (key, path) in LINKED_RESOURCES {
        value[*key] = json!(format!("{api}/{path}"));
    }
    if let Some(access) = facts.access {
        value["permissions"] = access.flags();
    }
    if repo.owner.kind == AccountKind::Organization {
        value["organization"] = user(urls, &repo.owner);
    }
    value
}

/// What a repository here never has: stars, forks, a wiki, pages, a licence.
fn unused_features() -> Value {
    json!({
        "homepage": null,
        "size": 0,
        "stargazers_count": 0,
        "watchers_count": 0,
        "language": null,
        "has_issues": true,
        "has_projects": true,
        "has_downloads": true,
        "has_wiki": true,
        "has_pages": false,
        "has_discussions": false,
        "forks_count": 0,
        "mirror_url": null,
        "archived": false,
        "disabled": false,
        "license": null,
        "allow_forking": true,
        "is_template": false,
        "web_commit_signoff_required": false,
        "topics": [],
        "forks": 0,
        "watchers": 0,
        "network_count": 0,
        "subscribers_count": 0,
    })
}

fn merge(value: &mut Value, more: Value) {
    if let (Value::Object(target), Value::Object(more)) = (value, more) {
        target.extend(more);
    }
}

/// `content-file`: base64 with a newline after every 60 characters, as GitHub wraps it.
pub(crate) fn content_file(urls: &Urls, repo: &Repository, path: &str, contents: &[u8]) -> Value {
    let sha = etag::git_blob_sha(contents);
    let encoded = base64::engine::general_purpose::STANDARD.encode(contents);
    let mut wrapped = String::with_capacity(encoded.len() + encoded.len() / 60 + 1);
    for line in encoded.as_bytes().chunks(60) {
        wrapped.push_str(std::str::from_utf8(line).expect("base64 is ASCII"));
        wrapped.push('\n');
    }
    let encoded_path: Vec<String> = path.split('/').map(encode_segment).collect();
    let encoded_path = encoded_path.join("/");
    let api = urls.repo(&repo.full_name);
    let self_url = format!("{api}/contents/{encoded_path}?ref={}", repo.default_branch);
    let git_url = format!("{api}/git/blobs/{sha}");
    let html_url = format!(
        "{}/blob/{}/{encoded_path}",
        urls.web_repo(&repo.full_name),
        repo.default_branch
    );
    json!({
        "type": "file",
        "encoding": "base64",
        "size": contents.len(),
        "name": path.rsplit('/').next().unwrap_or(path),
        "path": path,
        "content": wrapped,
        "sha": sha,
        "url": self_url,
        "git_url": git_url,
        "html_url": html_url,
        "download_url": format!(
            "{}/raw/{}/{encoded_path}",
            urls.web_repo(&repo.full_name),
            repo.default_branch
        ),
        "_links": {"self": self_url, "git": git_url, "html": html_url},
    })
}

/// `repository-collaborator-permission`.
pub(crate) fn permission(urls: &Urls, account: &User, access: Access) -> Value {
    let mut collaborator = user(urls, account);
    collaborator["permissions"] = access.flags();
    collaborator["role_name"] = json!(access.name());
    json!({
        "permission": access.name(),
        "role_name": access.name(),
        "user": collaborator,
    })
}

/// A team, with `url` on this server so that PyGithub's `GET {team.url}/members` lands here.
pub(crate) fn team(urls: &Urls, org: &User, slug: &str, members: usize) -> Value {
    let url = urls.team(&org.login, slug);
    let id = team_id(&org.login, slug);
    json!({
        "id": id,
        "node_id": node_id("Team", id),
        "url": url,
        "html_url": format!("{}/orgs/{}/teams/{}", urls.web, encode_segment(&org.login), encode_segment(slug)),
        "name": slug,
        "slug": slug,
        "description": null,
        "privacy": "closed",
        "notification_setting": "notifications_enabled",
        "permission": "pull",
        "members_url": format!("{url}/members{{/member}}"),
        "repositories_url": format!("{url}/repos"),
        "parent": null,
        "members_count": members,
        "repos_count": 0,
        "organization": user(urls, org),
    })
}

/// Teams have no id in the tracker: a stable one derived from the name.
fn team_id(org: &str, slug: &str) -> u64 {
    let digest = etag::git_blob_sha(format!("{org}/{slug}").to_ascii_lowercase().as_bytes());
    u64::from_str_radix(&digest[..8], 16).expect("hex digest")
}

/// `rate-limit-overview`: the core budget, and untouched search and GraphQL budgets.
pub(crate) fn rate_limit(core: &Budget) -> Value {
    let core = json!({"limit": core.limit, "remaining": core.remaining, "reset": core.reset, "used": core.used});
    let reset = Timestamp::now().seconds() + 60;
    json!({
        "resources": {
            "core": core,
            "search": {"limit": 30, "remaining": 30, "reset": reset, "used": 0},
            "graphql": {"limit": 5000, "remaining": 5000, "reset": reset + 3540, "used": 0},
        },
        "rate": core,
    })
}
