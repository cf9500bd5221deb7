//! Paths to endpoints. Repository routes are written as GitHub documents them
//! (`/repos/{owner}/{repo}/…`) and also answer under `/repositories/{id}/…`, the form GitHub
//! uses in `Link` and redirect URLs; everything also answers under `/api/v3` (GitHub
//! Enterprise's root).

use super::apps::ServeApp;
use super::endpoints::{account, apps, comments, issues, labels, repo, Exchange, RepoScope};
use super::errors::Answer;
use super::http::percent_decode;
use crate::tracker::Repository;

pub(crate) enum Handler {
    Global(fn(&Exchange) -> Answer),
    Repo(fn(&Exchange, &RepoScope) -> Answer),
    /// Called with a GitHub App's JSON web token, and with nothing else.
    App(fn(&Exchange, &ServeApp) -> Answer),
    AppRepo(fn(&Exchange, &ServeApp, &Repository) -> Answer),
}

pub(crate) struct Route {
    pub method: &'static str,
    /// As in `github-endpoints.json`; a `{path}` parameter takes the rest of the path.
    pub template: &'static str,
    /// Page under `https://docs.github.com/rest/`, for `documentation_url`.
    pub docs: &'static str,
    pub handler: Handler,
}

impl Route {
    pub fn documentation_url(&self) -> String {
        format!("https://docs.github.com/rest/{}", self.docs)
    }
}

const REPO_PREFIX: &str = "/repos/{owner}/{repo}";

macro_rules! routes {
    ($($method:literal $template:literal $docs:literal $kind:ident($handler:path),)*) => {
        &[$(Route {
            method: $method,
            template: $template,
            docs: $docs,
            handler: Handler::$kind($handler),
        },)*]
    };
}

/// Literal segments come before parameters where both could match (`issues/comments`).
static ROUTES: &[Route] = routes![
    "GET" "/rate_limit" "rate-limit/rate-limit#get-rate-limit-status-for-the-authenticated-user" Global(account::rate_limit),
    "GET" "/user" "users/users#get-the-authenticated-user" Global(account::user),
    "POST" "/app/installations/{installation_id}/access_tokens" "apps/apps#create-an-installation-access-token-for-an-app" App(apps::access_token),
    "GET" "/orgs/{org}/teams/{team_slug}" "teams/teams#get-a-team-by-name" Global(account::team),
    "GET" "/orgs/{org}/teams/{team_slug}/members" "teams/members#list-team-members" Global(account::team_members),
    "GET" "/repos/{owner}/{repo}" "repos/repos#get-a-repository" Repo(repo::get),
    "PATCH" "/repos/{owner}/{repo}" "repos/repos#update-a-repository" Repo(repo::update),
    "GET" "/repos/{owner}/{repo}/collaborators/{username}/permission" "collaborators/collaborators#get-repository-permissions-for-a-user" Repo(repo::permission),
    "POST" "/repos/{owner}/{repo}/dispatches" "repos/repos#create-a-repository-dispatch-event" Repo(repo::dispatch_event),
    "GET" "/repos/{owner}/{repo}/installation" "apps/apps#get-a-repository-installation-for-the-authenticated-app" AppRepo(apps::installation),
    "GET" "/repos/{owner}/{repo}/contents/{path}" "repos/contents#get-repository-content" Repo(repo::contents),
    "GET" "/repos/{owner}/{repo}/issues" "issues/issues#list-repository-issues" Repo(issues::list),
    "POST" "/repos/{owner}/{repo}/issues" "issues/issues#create-an-issue" Repo(issues::create),
    "GET" "/repos/{owner}/{repo}/issues/comments" "issues/comments#list-issue-comments-for-a-repository" Repo(comments::list_for_repo),
    "GET" "/repos/{owner}/{repo}/issues/comments/{comment_id}" "issues/comments#get-an-issue-comment" Repo(comments::get),
    "PATCH" "/repos/{owner}/{repo}/issues/comments/{comment_id}" "issues/comments#update-an-issue-comment" Repo(comments::update),
    "DELETE" "/repos/{owner}/{repo}/issues/comments/{comment_id}" "issues/comments#delete-an-issue-comment" Repo(comments::delete),
    "GET" "/repos/{owner}/{repo}/issues/comments/{comment_id}/reactions" "reactions/reactions#list-reactions-for-an-issue-comment" Repo(comments::list_reactions),
    "POST" "/repos/{owner}/{repo}/issues/comments/{comment_id}/reactions" "reactions/reactions#create-reaction-for-an-issue-comment" Repo(comments::react),
    "DELETE" "/repos/{owner}/{repo}/issues/comments/{comment_id}/reactions/{reaction_id}" "reactions/reactions#delete-an-issue-comment-reaction" Repo(comments::delete_reaction),
    "GET" "/repos/{owner}/{repo}/issues/{issue_number}" "issues/issues#get-an-issue" Repo(issues::get),
    "PATCH" "/repos/{owner}/{repo}/issues/{issue_number}" "issues/issues#update-an-issue" Repo(issues::update),
    "GET" "/repos/{owner}/{repo}/issues/{issue_number}/comments" "issues/comments#list-issue-comments" Repo(comments::list),
    "POST" "/repos/{owner}/{repo}/issues/{issue_number}/comments" "issues/comments#create-an-issue-comment" Repo(comments::create),
    "GET" "/repos/{owner}/{repo}/issues/{issue_number}/labels" "issues/labels#list-labels-for-an-issue" Repo(labels::list_on_issue),
    "POST" "/repos/{owner}/{repo}/issues/{issue_number}/labels" "issues/labels#add-labels-to-an-issue" Repo(labels::add_to_issue),
    "PUT" "/repos/{owner}/{repo}/issues/{issue_number}/labels" "issues/labels#set-labels-for-an-issue" Repo(labels::set_on_issue),
    "DELETE" "/repos/{owner}/{repo}/issues/{issue_number}/labels" "issues/labels#remove-all-labels-from-an-issue" Repo(labels::clear_on_issue),
    "DELETE" "/repos/{owner}/{repo}/issues/{issue_number}/labels/{name}" "issues/labels#remove-a-label-from-an-issue" Repo(labels::remove_from_issue),
    "PUT" "/repos/{owner}/{repo}/issues/{issue_number}/lock" "issues/issues#lock-an-issue" Repo(issues::lock),
    "DELETE" "/repos/{owner}/{repo}/issues/{issue_number}/lock" "issues/issues#unlock-an-issue" Repo(issues::unlock),
    "GET" "/repos/{owner}/{repo}/labels" "issues/labels#list-labels-for-a-repository" Repo(labels::list),
    "POST" "/repos/{owner}/{repo}/labels" "issues/labels#create-a-label" Repo(labels::create),
    "GET" "/repos/{owner}/{repo}/labels/{name}" "issues/labels#get-a-label" Repo(labels::get),
    "PATCH" "/repos/{owner}/{repo}/labels/{name}" "issues/labels#update-a-label" Repo(labels::update),
    "DELETE" "/repos/{owner}/{repo}/labels/{name}" "issues/labels#delete-a-label" Repo(labels::delete),
];

/// How a request named its repository.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum RepoRef {
    ByName { owner: String, name: String },
    ById(u64),
}

/// Decoded path parameters.
#[derive(Debug, Default)]
pub(crate) struct Params(Vec<(&'static str, String)>);

impl Params {
    pub fn get(&self, name: &str) -> &str {
        self.0
            .iter()
            .find(|(n, _)| *n == name)
            .map_or("", |(_, v)| v.as_str())
    }
}

pub(crate) struct RouteMatch {
    pub route: &'static Route,
    pub params: Params,
    pub repo: Option<RepoRef>,
    /// For repository routes: the raw path after the repository part (`/issues?…` without
    /// the query), to rebuild the same URL on `/repositories/{id}`.
    pub rest: String,
}

/// Whether `template` names an endpoint (as faults do).
pub(crate) fn is_template(template: &str) -> bool {
    ROUTES.iter().any(|route| route.template == template)
}

/// Strips the GitHub Enterprise prefix: `(prefix, path)`.
pub(crate) fn split_api_prefix(path: &str) -> (&'static str, &str) {
    match path.strip_prefix("/api/v3") {
        Some(rest) if rest.is_empty() || rest.starts_with('/') => ("/api/v3", rest),
        _ => ("", path),
    }
}

/// The endpoint for `method path` (path without `/api/v3`), if any.
pub(crate) fn find(method: &str, path: &str) -> Option<RouteMatch> {
    let segments: Vec<&str> = path.strip_prefix('/')?.split('/').collect();
    let (repo, rest_at) = match segments.as_slice() {
        ["repos", owner, name, ..] => (
            Some(RepoRef::ByName {
                owner: percent_decode(owner),
                name: percent_decode(name),
            }),
            3,
        ),
        ["repositories", id, ..] => (Some(RepoRef::ById(id.parse().ok()?)), 2),
        _ => (None, 0),
    };
    let rest_segments = &segments[rest_at..];
    ROUTES.iter().find_map(|route| {
        if route.method != method {
            return None;
        }
        let params = match (&repo, route.template.strip_prefix(REPO_PREFIX)) {
            (Some(_), Some(template_rest)) => match_segments(template_rest, rest_segments)?,
            (None, None) => match_segments(route.template, &segments)?,
            _ => return None,
        };
        Some(RouteMatch {
            route,
            params,
            repo: repo.clone(),
            rest: rest_segments.iter().map(|s| format!("/{s}")).collect(),
        })
    })
}

fn match_segments(template: &str, segments: &[&str]) -> Option<Params> {
    let wanted: Vec<&str> = template.split('/').filter(|s| !s.is_empty()).collect();
    let mut params = Params::default();
    for (i, part) in wanted.iter().enumerate() {
        let name = part.strip_prefix('{').and_then(|p| p.strip_suffix('}'));
        match name {
            // The contents path spans the remaining segments, slashes and all.
            Some("path") if i == wanted.len() - 1 && segments.len() > i => {
                let rest: Vec<String> = segments[i..].iter().map(|s| percent_decode(s)).collect();
                params.0.push(("path", rest.join("/")));
                return Some(params);
            }
            Some(name) => {
                let segment = segments.get(i)?;
                if segment.is_empty() {
                    return None;
                }
                let name: &'static str = param_name(name)?;
                params.0.push((name, percent_decode(segment)));
            }
            None if segments.get(i) == Some(part) => {}
            None => return None,
        }
    }
    (segments.len() == wanted.len()).then_some(params)
}

/// The `'static` name of a template parameter (templates are static strings).
fn param_name(name: &str) -> Option<&'static str> {
    [
        "org",
        "team_slug",
        "username",
        "issue_number",
        "comment_id",
        "reaction_id",
        "name",
        "installation_id",
    ]
    .into_iter()
    .find(|known| *known == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repository_routes_answer_under_both_forms() {
        let by_name = find("GET", "/repos/o/r/issues/7").unwrap();
        assert_eq!(
            by_name.route.template,
            "/repos/{owner}/{repo}/issues/{issue_number}"
        );
        assert_eq!(by_name.params.get("issue_number"), "7");
        assert_eq!(by_name.rest, "/issues/7");
        let by_id = find("GET", "/repositories/42/issues/7").unwrap();
        assert_eq!(by_id.route.template, by_name.route.template);
        assert_eq!(by_id.repo, Some(RepoRef::ById(42)));
        assert!(find("GET", "/repositories/x/issues").is_none());
    }

    #[test]
    fn literal_segments_win_and_labels_are_decoded() {
        let m = find("GET", "/repos/o/r/issues/comments").unwrap();
        assert_eq!(m.route.template, "/repos/{owner}/{repo}/issues/comments");
        let m = find("DELETE", "/repos/o/r/issues/3/labels/UID%3Aa%2Fb").unwrap();
        assert_eq!(m.params.get("name"), "UID:a/b");
        assert!(find("DELETE", "/repos/o/r/issues/3/labels/a/b").is_none());
    }

    #[test]
    fn contents_path_spans_segments_and_unknown_paths_miss() {
        let m = find("GET", "/repos/o/r/contents/.github/CODEOWNERS").unwrap();
        assert_eq!(m.params.get("path"), ".github/CODEOWNERS");
        assert!(find("GET", "/repos/o/r/issues/").is_none());
        assert!(find("POST", "/repos/o/r/issues/1").is_none());
        assert!(find("GET", "/nope").is_none());
        assert_eq!(
            find("GET", "/rate_limit").unwrap().route.template,
            "/rate_limit"
        );
    }

    #[test]
    fn enterprise_prefix_is_split_off() {
        assert_eq!(split_api_prefix("/api/v3/user"), ("/api/v3", "/user"));
        assert_eq!(split_api_prefix("/api/v3x"), ("", "/api/v3x"));
    }
}
