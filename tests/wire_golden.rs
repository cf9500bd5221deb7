//! What the real Python (0.11.3) and TypeScript (0.11.1) clients write, as captured in
//! `tests/golden/` by `scripts/interop.sh --record`, read by gh-store: through the library's
//! wire parsing, and through the binary against objects seeded into a fresh `serve` with
//! exactly those bodies, comments, labels and reactions. No network, no Python, no Node.

use std::path::PathBuf;
use std::process::Command;

use gh_store::serve::ServeOptions;
use gh_store::store::wire::{decode_body, CommentPayload, UpdateRequest};
use gh_store::store::ObjectId;
use gh_store::tracker::local::LocalDb;
use serde_json::{json, Value};

fn golden(name: &str) -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("tests/golden/{name}.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn text<'a>(value: &'a Value, pointer: &str) -> &'a str {
    value
        .pointer(pointer)
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("no string at {pointer}"))
}

fn labels(value: &Value) -> Vec<&str> {
    value["labels"]
        .as_array()
        .expect("labels")
        .iter()
        .map(|l| l.as_str().expect("label name"))
        .collect()
}

/// Same JSON value, keys in the same order; numbers by their text, except that a float and
/// an integer of equal value are the same (TypeScript writes `1.0` as `1`). Integers are
/// compared digit for digit, so a rounded big integer is a difference.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            let (xs, ys) = (x.to_string(), y.to_string());
            let float = |s: &str| s.contains(['.', 'e', 'E']);
            xs == ys || ((float(&xs) || float(&ys)) && x.as_f64() == y.as_f64())
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .zip(y)
                    .all(|((kx, vx), (ky, vy))| kx == ky && same(vx, vy))
        }
        _ => a == b,
    }
}

fn assert_same(actual: &Value, expected: &Value, what: &str) {
    assert!(
        same(actual, expected),
        "{what}:\n  got      {actual}\n  expected {expected}"
    );
}

/// The Python deep merge, which both processors apply to an `append` update.
fn deep_merge(base: &Value, update: &Value) -> Value {
    match (base, update) {
        (Value::Object(b), Value::Object(u)) => {
            let mut out = b.clone();
            for (k, v) in u {
                let merged = match b.get(k) {
                    Some(old) => deep_merge(old, v),
                    None => v.clone(),
                };
                out.insert(k.clone(), merged);
            }
            Value::Object(out)
        }
        _ => update.clone(),
    }
}

const CREATES: [&str; 2] = ["python_create", "ts_create"];
const UPDATES: [&str; 2] = ["python_update", "ts_update"];

#[test]
fn bodies_of_both_clients_decode_to_their_input_with_exact_integers_and_key_order() {
    for name in CREATES {
        let g = golden(name);
        let body = decode_body(Some(text(&g, "/body"))).unwrap();
        assert_same(&body, &g["input"], name);
        // Digit for digit what the client holds (TypeScript's JSON.parse has rounded it).
        assert_eq!(
            body["big"].to_string(),
            g["input"]["big"].to_string(),
            "{name}"
        );
        assert_eq!(
            body["name"], "café",
            "{name}: \\u00e9 escapes and raw UTF-8 alike"
        );
    }
    // The two clients' texts differ (escaping, 1.0), the data does not.
    let (py, ts) = (golden("python_create"), golden("ts_create"));
    assert_eq!(py["input"]["big"].to_string(), "18446744073709551617");
    assert_eq!(ts["input"]["big"].to_string(), "18446744073709552000");
    assert_ne!(text(&py, "/body"), text(&ts, "/body"));
    assert!(text(&py, "/body").contains("\\u00e9") && text(&py, "/body").contains("1.0"));
}

#[test]
fn initial_state_comments_of_both_clients_are_initial_states() {
    for name in CREATES {
        let g = golden(name);
        let comments = g["comments"].as_array().unwrap();
        assert_eq!(comments.len(), 1, "{name}: create writes one comment");
        match CommentPayload::parse(text(&comments[0], "/body")) {
            CommentPayload::InitialState { data } => assert_same(&data, &g["input"], name),
            other => panic!("{name}: {other:?}"),
        }
        assert_eq!(comments[0]["reactions"], json!(["+1", "rocket"]), "{name}");
        assert_eq!(g["state"], "closed", "{name}");
    }
}

#[test]
fn update_comments_of_both_clients_are_plain_append_updates() {
    for name in UPDATES {
        let g = golden(name);
        match CommentPayload::parse(text(&g, "/comment/body")) {
            CommentPayload::Update(UpdateRequest {
                data,
                mode,
                if_version,
                key,
                legacy,
            }) => {
                assert_same(&data, &g["input"], name);
                assert_eq!(mode, "append", "{name}");
                assert_eq!((if_version, key, legacy), (None, None, false), "{name}");
            }
            other => panic!("{name}: {other:?}"),
        }
        assert_eq!(
            g["comment"]["reactions"],
            json!([]),
            "{name}: not yet processed"
        );
    }
}

#[test]
fn object_ids_come_from_the_uid_label_whatever_else_the_issue_carries() {
    let cases = [
        (golden("python_create"), "g-py"),
        (golden("ts_create"), "g-ts"),
        (golden("python_alias"), "g-pyalias"),
        (golden("ts_alias"), "g-tsalias"),
        (golden("python_deprecate")["canonical"].clone(), "g-dup"),
        (golden("python_deprecate")["deprecated"].clone(), "g-dup"),
    ];
    for (g, id) in cases {
        let found = ObjectId::from_labels(labels(&g).into_iter());
        assert_eq!(
            found.as_ref().map(ObjectId::as_str),
            Some(id),
            "{:?}",
            labels(&g)
        );
    }
}

#[test]
fn alias_labels_name_the_target_object_id() {
    for name in ["python_alias", "ts_alias"] {
        let g = golden(name);
        let labels = labels(&g);
        let targets: Vec<&str> = labels
            .iter()
            .filter_map(|l| l.strip_prefix("ALIAS-TO:"))
            .collect();
        assert_eq!(targets, ["g-canon"], "{name}: {labels:?}");
        ObjectId::parse(targets[0]).unwrap();
        assert!(
            labels.contains(&"stored-object") && labels.contains(&"gh-store"),
            "{name}"
        );
    }
}

#[test]
fn python_deprecation_is_labels_only() {
    let g = golden("python_deprecate");
    let deprecated = labels(&g["deprecated"]);
    for label in [
        "deprecated-object",
        "MERGED-INTO:g-dup",
        "DEPRECATED-BY:41",
        "gh-store",
        "UID:g-dup",
    ] {
        assert!(
            deprecated.contains(&label),
            "{label} missing from {deprecated:?}"
        );
    }
    assert!(!deprecated.contains(&"stored-object"), "{deprecated:?}");
    assert!(labels(&g["canonical"]).contains(&"stored-object"));
    // No system comment on either issue: each keeps its one initial state.
    for side in ["canonical", "deprecated"] {
        let comments = g[side]["comments"].as_array().unwrap();
        assert_eq!(comments.len(), 1, "{side}");
        assert!(matches!(
            CommentPayload::parse(text(&comments[0], "/body")),
            CommentPayload::InitialState { .. }
        ));
    }
}

// ------------------------------------------------------------- through the binary

struct Server {
    _handle: gh_store::serve::ServerHandle,
    url: String,
    home: tempfile::TempDir,
}

const REPO: &str = "octo/data";
const TOKEN: &str = "tok-octo";
/// The issue number the golden files use for the object's own issue.
const GOLDEN_ISSUE: &str = "\"issue_number\": 42";

impl Server {
    fn start() -> Server {
        let options = ServeOptions {
            repo: REPO.into(),
            users: vec![("octo".into(), TOKEN.into())],
            ..ServeOptions::default()
        };
        let handle = gh_store::serve::start(LocalDb::open_in_memory().unwrap(), options).unwrap();
        Server {
            url: handle.base_url().trim_end_matches('/').to_string(),
            _handle: handle,
            home: tempfile::tempdir().unwrap(),
        }
    }

    fn call(&self, method: &str, path: &str, body: Value) -> Value {
        let url = format!("{}/repos/{REPO}{path}", self.url);
        let auth = format!("token {TOKEN}");
        let mut response = match method {
            "POST" => ureq::post(&url)
                .header("Authorization", &auth)
                .send_json(&body),
            "PATCH" => ureq::patch(&url)
                .header("Authorization", &auth)
                .send_json(&body),
            _ => unreachable!(),
        }
        .unwrap_or_else(|e| panic!("{method} {path}: {e}"));
        response.body_mut().read_json().unwrap()
    }

    /// An issue exactly as a golden file shows it (title, body, labels, comments with their
    /// reactions, state), the golden issue number in comments replaced by the real one.
    /// `deprecated_by`: the real number for the golden `DEPRECATED-BY:41`.
    fn seed(&self, issue: &Value, deprecated_by: Option<u64>) -> u64 {
        let labels: Vec<String> = labels(issue)
            .into_iter()
            .map(|l| match (l, deprecated_by) {
                ("DEPRECATED-BY:41", Some(n)) => format!("DEPRECATED-BY:{n}"),
                _ => l.to_string(),
            })
            .collect();
        let created = self.call(
            "POST",
            "/issues",
            json!({"title": issue["title"], "body": issue["body"], "labels": labels}),
        );
        let number = created["number"].as_u64().unwrap();
        for comment in issue["comments"].as_array().unwrap() {
            self.comment(number, comment);
        }
        self.call(
            "PATCH",
            &format!("/issues/{number}"),
            json!({"state": issue["state"]}),
        );
        number
    }

    fn comment(&self, number: u64, comment: &Value) {
        let body =
            text(comment, "/body").replace(GOLDEN_ISSUE, &format!("\"issue_number\": {number}"));
        let posted = self.call(
            "POST",
            &format!("/issues/{number}/comments"),
            json!({"body": body}),
        );
        let id = posted["id"].as_u64().unwrap();
        for reaction in comment["reactions"].as_array().unwrap() {
            self.call(
                "POST",
                &format!("/issues/comments/{id}/reactions"),
                json!({"content": reaction}),
            );
        }
    }

    fn gh(&self, args: &[&str]) -> String {
        let out = Command::new(env!("CARGO_BIN_EXE_gh-store"))
            .env_clear()
            .env("HOME", self.home.path())
            .env("XDG_CONFIG_HOME", self.home.path().join(".config"))
            .env("GH_TOKEN", TOKEN)
            .env("NO_COLOR", "1")
            .args(["--api-url", &self.url, "-R", REPO])
            .args(args)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "gh-store {args:?}: {stderr}");
        String::from_utf8(out.stdout).unwrap()
    }

    fn get(&self, id: &str) -> (Value, String) {
        let out = self.gh(&["get", id]);
        (serde_json::from_str(&out).unwrap(), out)
    }
}

#[test]
fn gh_store_reads_and_processes_objects_the_clients_wrote() {
    for (create, update, id) in [
        ("python_create", "python_update", "g-py"),
        ("ts_create", "ts_update", "g-ts"),
    ] {
        let server = Server::start();
        let (create, update) = (golden(create), golden(update));
        let number = server.seed(&create, None);

        let (object, out) = server.get(id);
        assert_same(&object["data"], &create["input"], id);
        let big = create["input"]["big"].to_string();
        assert!(out.contains(&big), "{id}: {out}");
        assert_eq!(object["version"], 1, "{id}");

        // The client's update comment, queued as the client queues it.
        server.comment(number, &update["comment"]);
        server.call(
            "PATCH",
            &format!("/issues/{number}"),
            json!({"state": "open"}),
        );
        let report: Value = serde_json::from_str(&server.gh(&["process", id])).unwrap();
        assert_eq!(
            (report["applied"].as_u64(), report["rejected"].as_u64()),
            (Some(1), Some(0)),
            "{id}"
        );

        let (object, out) = server.get(id);
        let expected = deep_merge(&create["input"], &update["input"]);
        assert_same(&object["data"], &expected, id);
        assert!(out.contains(&big), "{id}: {out}");
        assert_eq!(object["version"], 2, "{id}");
    }
}

#[test]
fn gh_store_reads_the_canonical_issue_of_a_python_deduplication() {
    let server = Server::start();
    let g = golden("python_deprecate");
    let canonical = server.seed(&g["canonical"], None);
    server.seed(&g["deprecated"], Some(canonical));

    let (object, _) = server.get("g-dup");
    assert_same(&object["data"], &json!({"k": 1}), "get g-dup");
    let listed: Value = serde_json::from_str(&server.gh(&["list"])).unwrap();
    let ids: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["object_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["g-dup"]);
}

#[test]
fn gh_store_follows_the_aliases_the_clients_wrote() {
    for name in ["python_alias", "ts_alias"] {
        let server = Server::start();
        let object = |id: &str, data: &str| {
            let body = data.to_string();
            let initial = json!({
                "body": format!(
                    "{{\n  \"_data\": {body},\n  \"_meta\": {{\n    \"client_version\": \"0.11.3\",\n    \"timestamp\": \"2000-01-01T00:00:00.000000+00:00\",\n    \"update_mode\": \"append\",\n    \"issue_number\": 42\n  }},\n  \"type\": \"initial_state\"\n}}"
                ),
                "reactions": ["+1", "rocket"],
            });
            json!({"title": format!("Stored Object: {id}"), "body": body, "state": "closed",
                   "labels": ["gh-store", "stored-object", format!("UID:{id}")],
                   "comments": [initial]})
        };
        server.seed(&object("g-canon", "{\"k\": \"canon\"}"), None);
        let alias = golden(name);
        let alias_id = ObjectId::from_labels(labels(&alias).into_iter()).unwrap();
        let mut issue = object(alias_id.as_str(), "{\"k\": \"own\"}");
        issue["labels"] = alias["labels"].clone();
        server.seed(&issue, None);

        let (object, _) = server.get(alias_id.as_str());
        assert_same(&object["data"], &json!({"k": "canon"}), name);
    }
}
