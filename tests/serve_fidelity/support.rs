//! A server per test, a plain HTTP client, and raw-socket helpers.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::Arc;
use std::time::Duration;

use gh_store::serve::{self, ServeOptions, ServerHandle};
use gh_store::tracker::local::LocalDb;
use serde_json::Value;

use super::schemas;

pub const REPO: &str = "octo/store";
pub const OWNER: &str = "octo";
pub const OWNER_TOKEN: &str = "octo-token";
pub const ALICE_TOKEN: &str = "alice-token";
pub const BOT_TOKEN: &str = "bot-token";

/// The test App of `tests/fixtures/app-key.pem`; `app-key-wrong.pem` is not its key.
pub const APP_ID: u64 = 4242;
pub const APP_KEY: &str = include_str!("../fixtures/app-key.pem");
pub const WRONG_KEY: &str = include_str!("../fixtures/app-key-wrong.pem");

pub fn test_app() -> serve::ServeApp {
    serve::ServeApp::from_pem(APP_ID, APP_KEY).unwrap()
}

/// A JSON web token of the test App signed with `key`, issued `age` seconds ago and living
/// nine minutes from then.
pub fn app_jwt(key: &str, age: i64) -> String {
    let now = gh_store::timestamp::Timestamp::now().seconds();
    gh_store::jwt::PrivateKey::from_pem(key)
        .unwrap()
        .sign(&gh_store::jwt::Claims {
            iat: now - age,
            exp: now - age + 540,
            iss: APP_ID.to_string(),
        })
}

pub const ISSUES: &str = "/repos/{owner}/{repo}/issues";
pub const ISSUE: &str = "/repos/{owner}/{repo}/issues/{issue_number}";

pub struct Harness {
    pub server: ServerHandle,
    pub db: Arc<LocalDb>,
    agent: ureq::Agent,
}

/// A server on `octo/store` with three users: the owner `octo`, `alice`, and the Actions bot.
pub fn start() -> Harness {
    start_with(ServeOptions::default())
}

/// Like [`start`], with some options changed (repo and users are set unless given).
pub fn start_with(options: ServeOptions) -> Harness {
    let db = LocalDb::open_in_memory().expect("in-memory database");
    let defaults = ServeOptions::default();
    let options = ServeOptions {
        repo: if options.repo == defaults.repo {
            REPO.to_string()
        } else {
            options.repo
        },
        users: if options.users.is_empty() {
            vec![
                (OWNER.into(), OWNER_TOKEN.into()),
                ("alice".into(), ALICE_TOKEN.into()),
                ("github-actions[bot]".into(), BOT_TOKEN.into()),
            ]
        } else {
            options.users
        },
        record_responses: true,
        ..options
    };
    start_raw(db, options)
}

/// Exactly these options (no users added).
pub fn start_raw(db: Arc<LocalDb>, options: ServeOptions) -> Harness {
    let server = serve::start(Arc::clone(&db), options).expect("server starts");
    Harness {
        server,
        db,
        agent: agent(),
    }
}

pub fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .timeout_global(Some(Duration::from_secs(20)))
        .build()
        .into()
}

/// An answer, read in full.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|err| {
            panic!(
                "{} is not JSON ({err}): {}",
                self.status,
                String::from_utf8_lossy(&self.body)
            )
        })
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn has_header(&self, name: &str) -> bool {
        self.header(name).is_some()
    }

    /// `rel` names of the `Link` header, in order.
    pub fn link_rels(&self) -> Vec<String> {
        links(self.header("link").unwrap_or(""))
            .into_iter()
            .map(|(_, rel)| rel)
            .collect()
    }

    /// The URL of one `Link` relation.
    pub fn link(&self, rel: &str) -> Option<String> {
        links(self.header("link").unwrap_or(""))
            .into_iter()
            .find(|(_, r)| r == rel)
            .map(|(url, _)| url)
    }

    pub fn ratelimit_remaining(&self) -> u32 {
        self.header("x-ratelimit-remaining")
            .expect("x-ratelimit-remaining")
            .parse()
            .unwrap()
    }
}

/// `(url, rel)` pairs of a `Link` header.
pub fn links(header: &str) -> Vec<(String, String)> {
    header
        .split(", <")
        .filter(|part| !part.is_empty())
        .map(|part| {
            let (url, rel) = part.split_once(">; rel=\"").expect("Link part");
            (
                url.trim_start_matches('<').to_string(),
                rel.trim_end_matches('"').to_string(),
            )
        })
        .collect()
}

/// One request being built.
pub struct Call<'a> {
    harness: &'a Harness,
    method: &'a str,
    url: String,
    headers: Vec<(String, String)>,
    body: Option<Vec<u8>>,
}

impl Call<'_> {
    pub fn token(mut self, token: &str) -> Self {
        self.headers.retain(|(n, _)| n != "authorization");
        self.headers
            .push(("authorization".into(), format!("Bearer {token}")));
        self
    }

    pub fn anonymous(mut self) -> Self {
        self.headers.retain(|(n, _)| n != "authorization");
        self
    }

    /// Sets a header, replacing the default of the same name (`accept`, `user-agent`).
    pub fn header(mut self, name: &str, value: &str) -> Self {
        let name = name.to_ascii_lowercase();
        self.headers.retain(|(n, _)| *n != name);
        self.headers.push((name, value.into()));
        self
    }

    pub fn json(mut self, body: Value) -> Self {
        self.body = Some(serde_json::to_vec(&body).unwrap());
        self
    }

    pub fn raw_body(mut self, body: &str) -> Self {
        self.body = Some(body.as_bytes().to_vec());
        self
    }

    pub fn send(self) -> Reply {
        self.try_send().expect("an answer")
    }

    /// `Err` when the connection failed (dropped connections, for faults).
    pub fn try_send(self) -> Result<Reply, ureq::Error> {
        let mut builder = ureq::http::Request::builder()
            .method(self.method)
            .uri(&self.url);
        for (name, value) in &self.headers {
            builder = builder.header(name.as_str(), value.as_str());
        }
        let mut response = match self.body {
            Some(body) => self.harness.agent.run(builder.body(body).unwrap())?,
            None => self.harness.agent.run(builder.body(()).unwrap())?,
        };
        let status = response.status().as_u16();
        let headers = response
            .headers()
            .iter()
            .map(|(n, v)| (n.as_str().to_string(), v.to_str().unwrap_or("").to_string()))
            .collect();
        let mut body = Vec::new();
        response.body_mut().as_reader().read_to_end(&mut body)?;
        Ok(Reply {
            status,
            headers,
            body,
        })
    }
}

impl Harness {
    pub fn base(&self) -> &str {
        self.server.base_url()
    }

    /// `path` relative to the base (`/repos/…`), or an absolute URL (from a `Link`).
    pub fn url(&self, path: &str) -> String {
        if path.starts_with("http") {
            path.to_string()
        } else {
            format!("{}{path}", self.base())
        }
    }

    /// A request as the repository owner.
    pub fn call<'a>(&'a self, method: &'a str, path: &str) -> Call<'a> {
        Call {
            harness: self,
            method,
            url: self.url(path),
            headers: vec![
                ("user-agent".into(), "gh-store-serve-tests".into()),
                ("accept".into(), "application/vnd.github+json".into()),
                ("authorization".into(), format!("token {OWNER_TOKEN}")),
            ],
            body: None,
        }
    }

    pub fn get(&self, path: &str) -> Reply {
        self.call("GET", path).send()
    }

    pub fn post(&self, path: &str, body: Value) -> Reply {
        self.call("POST", path).json(body).send()
    }

    pub fn patch(&self, path: &str, body: Value) -> Reply {
        self.call("PATCH", path).json(body).send()
    }

    pub fn put(&self, path: &str, body: Value) -> Reply {
        self.call("PUT", path).json(body).send()
    }

    pub fn delete(&self, path: &str) -> Reply {
        self.call("DELETE", path).send()
    }

    /// Creates an issue as the owner; its number.
    pub fn issue(&self, title: &str, labels: &[&str]) -> u64 {
        let reply = self.post(
            "/repos/octo/store/issues",
            serde_json::json!({"title": title, "labels": labels}),
        );
        assert_eq!(reply.status, 201, "{}", reply.text());
        reply.json()["number"].as_u64().unwrap()
    }

    /// Creates a comment as the owner; its id.
    pub fn comment(&self, number: u64, body: &str) -> u64 {
        let reply = self.post(
            &format!("/repos/octo/store/issues/{number}/comments"),
            serde_json::json!({ "body": body }),
        );
        assert_eq!(reply.status, 201, "{}", reply.text());
        reply.json()["id"].as_u64().unwrap()
    }

    pub fn repo_id(&self) -> u64 {
        self.get("/repos/octo/store").json()["id"].as_u64().unwrap()
    }

    /// Validates every answer recorded so far against GitHub's schemas.
    pub fn check_schemas(&self) -> usize {
        schemas::check(&self.server.take_responses())
    }

    /// Sends raw bytes and reads until the server closes; `None` when nothing came back.
    pub fn raw(&self, request: &str) -> Option<String> {
        let address = self.base().trim_start_matches("http://");
        let mut stream = TcpStream::connect(address).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        stream.write_all(request.as_bytes()).unwrap();
        let mut answer = Vec::new();
        let _ = stream.read_to_end(&mut answer);
        (!answer.is_empty()).then(|| String::from_utf8_lossy(&answer).into_owned())
    }
}
