//! Absolute URLs on the server's own base, so that clients which follow `url` fields, `Link`
//! and `Location` stay on this server (PyGithub 2.1 even asserts host, port and path prefix).

use super::http::encode_segment;

#[derive(Debug, Clone)]
pub(crate) struct Urls {
    /// `http://HOST:PORT` or `http://HOST:PORT/api/v3`, following the request.
    pub api: String,
    /// `http://HOST:PORT`: where `html_url`s point (GitHub's web host, here the server).
    pub web: String,
}

impl Urls {
    pub fn new(host: &str, api_prefix: &str) -> Urls {
        let web = format!("http://{host}");
        Urls {
            api: format!("{web}{api_prefix}"),
            web,
        }
    }

    /// `<api>/repos/{owner}/{repo}`.
    pub fn repo(&self, full_name: &str) -> String {
        format!("{}/repos/{}", self.api, encode_full_name(full_name))
    }

    /// `<api>/repositories/{id}`: the form of `Link` and redirect URLs.
    pub fn repo_by_id(&self, id: u64) -> String {
        format!("{}/repositories/{id}", self.api)
    }

    pub fn web_repo(&self, full_name: &str) -> String {
        format!("{}/{}", self.web, encode_full_name(full_name))
    }

    pub fn user(&self, login: &str) -> String {
        format!("{}/users/{}", self.api, encode_segment(login))
    }

    pub fn web_user(&self, login: &str) -> String {
        format!("{}/{}", self.web, encode_segment(login))
    }

    pub fn issue(&self, full_name: &str, number: u64) -> String {
        format!("{}/issues/{number}", self.repo(full_name))
    }

    pub fn comment(&self, full_name: &str, comment_id: u64) -> String {
        format!("{}/issues/comments/{comment_id}", self.repo(full_name))
    }

    pub fn label(&self, full_name: &str, name: &str) -> String {
        format!("{}/labels/{}", self.repo(full_name), encode_segment(name))
    }

    pub fn team(&self, org: &str, slug: &str) -> String {
        format!(
            "{}/orgs/{}/teams/{}",
            self.api,
            encode_segment(org),
            encode_segment(slug)
        )
    }
}

fn encode_full_name(full_name: &str) -> String {
    full_name
        .split('/')
        .map(encode_segment)
        .collect::<Vec<_>>()
        .join("/")
}
