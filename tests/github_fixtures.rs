//! Real api.github.com answers, recorded by octokit (`tests/fixtures/github/octokit-fixtures/`), replayed to
//! the GitHub tracker over HTTP on 127.0.0.1. `https://api.github.com` in bodies and
//! headers is rewritten to the replay server's address, so `Link` and `Location` URLs lead
//! back to it.

use std::io::Cursor;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use serde_json::{json, Value};

use gh_store::timestamp::Timestamp;
use gh_store::tracker::github::{GitHubConfig, GitHubTracker, Token};
use gh_store::tracker::{
    paginate, AccountKind, AuthorAssociation, IssuePatch, IssueQuery, IssueState, NewIssue,
    Tracker, TrackerError,
};

const GITHUB: &str = "https://api.github.com";
const ORG: &str = "octokit-fixture-org";

/// One recorded exchange: the request line and the response as GitHub sent it.
#[derive(Debug, Clone)]
struct Recorded {
    method: String,
    path: String,
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Recorded {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn set_header(&mut self, name: &str, value: &str) {
        for (n, v) in &mut self.headers {
            if n.eq_ignore_ascii_case(name) {
                *v = value.to_string();
            }
        }
    }
}

fn scenario(name: &str) -> Vec<Recorded> {
    let file = format!(
        "{}/tests/fixtures/github/octokit-fixtures/{name}/raw-fixture.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let entries: Vec<Value> =
        serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
    entries
        .iter()
        .map(|entry| {
            let raw: Vec<&str> = entry["rawHeaders"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().unwrap())
                .collect();
            Recorded {
                method: entry["method"].as_str().unwrap().to_uppercase(),
                path: entry["path"].as_str().unwrap().to_string(),
                status: entry["status"].as_u64().unwrap() as u16,
                headers: raw
                    .chunks(2)
                    // Framing is the replay server's business.
                    .filter(|pair| {
                        !["content-length", "connection", "transfer-encoding"]
                            .contains(&pair[0].to_ascii_lowercase().as_str())
                    })
                    .map(|pair| (pair[0].to_string(), pair[1].to_string()))
                    .collect(),
                body: match &entry["response"] {
                    Value::String(text) => text.clone(),
                    other => other.to_string(),
                },
            }
        })
        .collect()
}

/// A request as the replay server saw it.
#[derive(Debug, Clone)]
struct Seen {
    method: String,
    url: String,
    authorization: Option<String>,
    if_none_match: Option<String>,
    body: String,
}

struct Replay {
    base: String,
    seen: Arc<Mutex<Vec<Seen>>>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Replay {
    /// Serves `recorded`: an exact method-and-URL match first, else the same method and
    /// path with another query (the tracker's first page carries its own filters). A GET
    /// whose `If-None-Match` is the recorded ETag gets a 304, as GitHub answers.
    fn serve(recorded: Vec<Recorded>) -> Replay {
        let server = tiny_http::Server::http("127.0.0.1:0").unwrap();
        let base = format!(
            "http://127.0.0.1:{}",
            server.server_addr().to_ip().unwrap().port()
        );
        let seen = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let thread = {
            let (seen, stop, base) = (seen.clone(), stop.clone(), base.clone());
            std::thread::spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    let Ok(Some(mut request)) = server.recv_timeout(Duration::from_millis(10))
                    else {
                        continue;
                    };
                    let header = |name: &str| {
                        request
                            .headers()
                            .iter()
                            .find(|h| h.field.to_string().eq_ignore_ascii_case(name))
                            .map(|h| h.value.to_string())
                    };
                    let mut received = Seen {
                        method: request.method().to_string(),
                        url: request.url().to_string(),
                        authorization: header("Authorization"),
                        if_none_match: header("If-None-Match"),
                        body: String::new(),
                    };
                    request
                        .as_reader()
                        .read_to_string(&mut received.body)
                        .unwrap();
                    seen.lock().unwrap().push(received.clone());
                    let response = respond(&recorded, &received, &base);
                    let _ = request.respond(response);
                }
            })
        };
        Replay {
            base,
            seen,
            stop,
            thread: Some(thread),
        }
    }

    fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }

    fn tracker(&self, repo: &str) -> GitHubTracker {
        let mut config = GitHubConfig::new(&self.base, ORG, repo);
        config.token = Some(Token::new("0000000000000000000000000000000000000001"));
        config.retries = 0;
        GitHubTracker::new(config).unwrap()
    }
}

impl Drop for Replay {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn respond(recorded: &[Recorded], seen: &Seen, base: &str) -> tiny_http::Response<Cursor<Vec<u8>>> {
    let path = seen.url.split('?').next().unwrap();
    let found = recorded
        .iter()
        .find(|r| r.method == seen.method && r.path == seen.url)
        .or_else(|| {
            recorded
                .iter()
                .find(|r| r.method == seen.method && r.path.split('?').next() == Some(path))
        });
    let Some(found) = found else {
        let body = json!({ "message": "Not Found (not recorded)" }).to_string();
        return tiny_http::Response::new(
            404.into(),
            Vec::new(),
            Cursor::new(body.into_bytes()),
            None,
            None,
        );
    };
    let unchanged = seen.method == "GET"
        && seen.if_none_match.is_some()
        && seen.if_none_match.as_deref() == found.header("etag");
    let (status, body) = if unchanged {
        (304, String::new())
    } else {
        (found.status, found.body.replace(GITHUB, base))
    };
    let headers = found
        .headers
        .iter()
        .map(|(n, v)| {
            tiny_http::Header::from_bytes(n.as_bytes(), v.replace(GITHUB, base).as_bytes()).unwrap()
        })
        .collect();
    let length = body.len();
    tiny_http::Response::new(
        status.into(),
        headers,
        Cursor::new(body.into_bytes()),
        Some(length),
        None,
    )
}

#[test]
fn paginate_issues_follows_the_recorded_link_urls_verbatim() {
    let repo = "tmp-scenario-paginate-issues-20220719043836917-izyoe";
    let replay = Replay::serve(scenario("paginate-issues")[14..=18].to_vec());
    let tracker = replay.tracker(repo);
    let query = IssueQuery {
        per_page: 3,
        ..IssueQuery::default()
    };
    let issues: Vec<_> = paginate(|page| tracker.list_issues(&query, page))
        .collect::<Result<_, _>>()
        .unwrap();

    let numbers: Vec<u64> = issues.iter().map(|i| i.number).collect();
    assert_eq!(numbers, (1..=13).rev().collect::<Vec<_>>());
    let newest = &issues[0];
    assert_eq!(newest.id, 1_308_969_059);
    assert_eq!(newest.title, "Test issue 13");
    assert_eq!(newest.body, None, "created without a body: null");
    assert_eq!(newest.state, IssueState::Open);
    assert_eq!(newest.state_reason, None);
    assert_eq!(newest.closed_at, None);
    assert!(newest.labels.is_empty());
    assert!(!newest.is_pull_request);
    assert_eq!(newest.author_login(), Some("octokit-fixture-user-a"));
    assert_eq!(newest.user.as_ref().unwrap().kind, AccountKind::User);
    assert_eq!(newest.author_association, AuthorAssociation::Member);
    assert_eq!(
        newest.created_at,
        Timestamp::parse("2022-07-19T04:39:16Z").unwrap()
    );

    let urls: Vec<String> = replay.seen().iter().map(|s| s.url.clone()).collect();
    assert_eq!(
        urls[0],
        format!("/repos/{ORG}/{repo}/issues?state=open&sort=created&direction=desc&per_page=3")
    );
    let followed: Vec<String> = (2..=5)
        .map(|page| format!("/repositories/515435940/issues?per_page=3&page={page}"))
        .collect();
    assert_eq!(urls[1..], followed[..]);
    assert_eq!(tracker.request_count(), 5);
}

#[test]
fn created_labels_come_back_with_ids_past_32_bits() {
    // GitHub auto-creates unknown labels on `POST …/issues/{n}/labels` (recorded) as on
    // `POST …/issues`: the recorded 201 for the issue carries the recorded label answer.
    let repo = "tmp-scenario-add-labels-to-issue-20220719043651190-v2c1k";
    let recorded = scenario("add-labels-to-issue");
    let mut created = recorded[1].clone();
    let mut issue: Value = serde_json::from_str(&created.body).unwrap();
    issue["labels"] = serde_json::from_str(&recorded[2].body).unwrap();
    created.body = issue.to_string();
    let replay = Replay::serve(vec![created]);
    let tracker = replay.tracker(repo);
    let new = NewIssue {
        title: "Issue without a label".into(),
        body: None,
        labels: vec!["Foo".into(), "bAr".into(), "baZ".into()],
    };
    let issue = tracker.create_issue(&new).unwrap();

    assert_eq!((issue.number, issue.body.as_deref()), (1, None));
    assert_eq!(
        issue.label_names().collect::<Vec<_>>(),
        ["Foo", "bAr", "baZ"]
    );
    for (label, id) in issue.labels.iter().zip(4_341_276_760u64..) {
        assert_eq!(label.id, id);
        assert!(label.id > u64::from(u32::MAX));
        assert_eq!(label.color, "ededed");
        assert_eq!(label.description, None);
        assert!(!label.default);
    }
    let sent: Value = serde_json::from_str(&replay.seen()[0].body).unwrap();
    assert_eq!(
        sent,
        json!({ "title": "Issue without a label", "labels": ["Foo", "bAr", "baZ"] })
    );
}

#[test]
fn a_recorded_422_reads_as_a_sentence_and_is_not_retried() {
    let repo = "tmp-scenario-errors-20220719043735842-akvrn";
    let mut refused = scenario("errors")[1].clone();
    refused.path = format!("/repos/{ORG}/{repo}/issues");
    let replay = Replay::serve(vec![refused]);
    let tracker = replay.tracker(repo);
    let new = NewIssue {
        title: "t".into(),
        body: Some("b".into()),
        labels: Vec::new(),
    };
    assert_eq!(
        tracker.create_issue(&new),
        Err(TrackerError::Invalid {
            message: "Validation Failed: Label color invalid".into()
        })
    );
    assert_eq!(replay.seen().len(), 1);
}

#[test]
fn a_renamed_repository_answers_301_and_is_read_at_its_new_address() {
    let repo = "tmp-scenario-rename-repository-20220719044033126-ukeod";
    let replay = Replay::serve(scenario("rename-repository")[2..=3].to_vec());
    let tracker = replay.tracker(repo);
    let repository = tracker.repository().unwrap();
    assert_eq!(repository.id, 515_436_299);
    assert_eq!(repository.name, format!("{repo}-newname"));
    assert_eq!(repository.full_name, format!("{ORG}/{repo}-newname"));
    let urls: Vec<String> = replay.seen().iter().map(|s| s.url.clone()).collect();
    assert_eq!(
        urls,
        [
            format!("/repos/{ORG}/{repo}"),
            "/repositories/515436299".into()
        ]
    );
    assert!(replay.seen().iter().all(|s| s.authorization.is_some()));
}

#[test]
fn a_write_to_a_renamed_repository_is_resent_after_the_307() {
    // The recorded 307 answered a PATCH of the repository; GitHub gives the same answer,
    // with the sub-path in `Location`, for a PATCH of one of its issues.
    let repo = "tmp-scenario-rename-repository-20220719044033126-ukeod";
    let mut redirect = scenario("rename-repository")[4].clone();
    redirect.path = format!("/repos/{ORG}/{repo}/issues/1");
    redirect.set_header(
        "Location",
        &format!("{GITHUB}/repositories/515436299/issues/1"),
    );
    let mut patched = scenario("add-labels-to-issue")[1].clone();
    patched.method = "PATCH".into();
    patched.path = "/repositories/515436299/issues/1".into();
    patched.status = 200;
    let replay = Replay::serve(vec![redirect, patched]);
    let tracker = replay.tracker(repo);
    let patch = IssuePatch {
        title: Some("Issue without a label".into()),
        ..IssuePatch::default()
    };
    assert_eq!(tracker.update_issue(1, &patch, None).unwrap().number, 1);

    let seen = replay.seen();
    assert_eq!(seen.len(), 2);
    assert_eq!(
        (seen[1].method.as_str(), seen[1].url.as_str()),
        ("PATCH", "/repositories/515436299/issues/1")
    );
    assert_eq!(seen[1].body, seen[0].body);
    assert_eq!(seen[1].authorization, seen[0].authorization);
}

#[test]
fn contents_directory_is_no_file_and_a_raw_answer_is_the_file() {
    let replay = Replay::serve(scenario("get-content"));
    let tracker = replay.tracker("hello-world");
    assert_eq!(tracker.file_contents("").unwrap(), None);
    assert_eq!(
        tracker.file_contents("README.md").unwrap().as_deref(),
        Some(&b"# hello-world"[..])
    );
    assert_eq!(tracker.file_contents("CODEOWNERS").unwrap(), None);
}

#[test]
fn the_recorded_repository_and_its_etag() {
    let replay = Replay::serve(scenario("get-repository"));
    let tracker = replay.tracker("hello-world");
    let repository = tracker.repository().unwrap();
    assert_eq!(repository.id, 103_703_892);
    assert_eq!(repository.full_name, "octokit-fixture-org/hello-world");
    assert_eq!(repository.owner.login, ORG);
    assert_eq!(repository.owner.kind, AccountKind::Organization);
    assert!(!repository.private);
    assert_eq!(repository.default_branch, "master");

    assert_eq!(
        tracker.repository().unwrap(),
        repository,
        "a 304 reuses the body"
    );
    let seen = replay.seen();
    assert_eq!(seen[0].if_none_match, None);
    assert_eq!(
        seen[1].if_none_match.as_deref(),
        Some("\"b6bf76818c02a332828422c6fa78009ad1f08f302c18524af715ed641f004227\"")
    );
    assert_eq!(tracker.request_count(), 2);
}
