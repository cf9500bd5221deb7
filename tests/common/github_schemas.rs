//! Every recorded answer validated against the schema `github-endpoints.json` declares for
//! its operation and status, with `$defs` from `github-schemas.json`.
//!
//! Shared by `tests/serve_fidelity.rs` (serve's own answers) and `tests/cli/` (the answers
//! the CLI's traffic received), each including it with `#[path]`.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use gh_store::serve::RecordedResponse;
use serde_json::{json, Value};

const SCHEMAS: &str = include_str!("../fixtures/github/github-schemas.json");
const ENDPOINTS: &str = include_str!("../fixtures/github/github-endpoints.json");

pub struct Catalogue {
    defs: Value,
    /// `(METHOD, path template)` → the endpoint's `responses`.
    endpoints: HashMap<(String, String), Vec<Value>>,
    validators: Mutex<HashMap<String, Arc<jsonschema::Validator>>>,
}

pub fn catalogue() -> &'static Catalogue {
    static CATALOGUE: OnceLock<Catalogue> = OnceLock::new();
    CATALOGUE.get_or_init(|| {
        let schemas: Value = serde_json::from_str(SCHEMAS).unwrap();
        let file: Value = serde_json::from_str(ENDPOINTS).unwrap();
        let mut endpoints = HashMap::new();
        for group in ["endpoints", "related_endpoints"] {
            for endpoint in file[group].as_array().unwrap() {
                let key = (
                    endpoint["method"].as_str().unwrap().to_string(),
                    endpoint["path"].as_str().unwrap().to_string(),
                );
                endpoints.insert(key, endpoint["responses"].as_array().unwrap().clone());
            }
        }
        Catalogue {
            defs: schemas["$defs"].clone(),
            endpoints,
            validators: Mutex::new(HashMap::new()),
        }
    })
}

impl Catalogue {
    /// Every `(METHOD, template)` the endpoints file describes.
    pub fn operations(&self) -> Vec<(String, String)> {
        self.endpoints.keys().cloned().collect()
    }

    /// The schemas an answer may match (any of them): the declared one; for 422 also
    /// `validation-error-simple` (string `errors[]`, e.g. "Issues cannot have more than 100
    /// labels"); for statuses the spec does not list, GitHub's generic error shapes; for
    /// routes outside the file, the schema of what they serve.
    fn schemas_for(&self, answer: &RecordedResponse) -> Result<Vec<Value>, String> {
        let method = if answer.method == "HEAD" {
            "GET"
        } else {
            &answer.method
        };
        let reference = |name: &str| json!({"$ref": format!("#/$defs/{name}")});
        let generic_error = || match answer.status {
            422 => vec![
                reference("validation-error"),
                reference("validation-error-simple"),
            ],
            _ => vec![reference("basic-error")],
        };
        let Some(responses) = self
            .endpoints
            .get(&(method.to_string(), answer.route.clone()))
        else {
            return match (answer.status, method, answer.route.as_str()) {
                (300.., _, _) => Ok(generic_error()),
                (200, "GET", "/user") => Ok(vec![reference("simple-user")]),
                (200, "PATCH", "/repos/{owner}/{repo}") => Ok(vec![reference("full-repository")]),
                (200, "GET", "/orgs/{org}/teams/{team_slug}/members") => Ok(vec![
                    json!({"type": "array", "items": reference("simple-user")}),
                ]),
                // GitHub's `team-full` is not among the extracted schemas.
                (200, "GET", "/orgs/{org}/teams/{team_slug}") => Ok(vec![json!({
                    "type": "object",
                    "required": ["id", "node_id", "url", "html_url", "name", "slug", "members_url"],
                })]),
                _ => Err(format!("no schema known for {method} {}", answer.route)),
            };
        };
        let declared = responses
            .iter()
            .find(|r| r["status"] == answer.status)
            .and_then(|r| r["content"]["application/json"]["schema"].as_object())
            .map(|schema| Value::Object(schema.clone()));
        match declared {
            Some(schema) if answer.status == 422 => {
                Ok(vec![schema, reference("validation-error-simple")])
            }
            Some(schema) => Ok(vec![schema]),
            // Redirects and errors the spec does not list for this operation (a 307 for a
            // write to a renamed repository, a 401, a 403 rate limit) have GitHub's generic
            // error shapes.
            None if answer.status >= 300 => Ok(generic_error()),
            None => Err(format!(
                "{method} {} answered {} with a body the spec does not declare",
                answer.route, answer.status
            )),
        }
    }

    fn validator(&self, schema: &Value) -> Arc<jsonschema::Validator> {
        let key = schema.to_string();
        let mut cache = self.validators.lock().unwrap();
        Arc::clone(cache.entry(key).or_insert_with(|| {
            let mut document = schema.clone();
            document["$defs"] = self.defs.clone();
            Arc::new(jsonschema::draft202012::new(&document).expect("schema compiles"))
        }))
    }

    /// Problems with one answer, if any.
    pub fn problems(&self, answer: &RecordedResponse) -> Option<String> {
        let body = answer.body.as_ref()?;
        let schemas = match self.schemas_for(answer) {
            Ok(schemas) => schemas,
            Err(problem) => return Some(problem),
        };
        let mut failures = Vec::new();
        for schema in &schemas {
            let validator = self.validator(schema);
            let errors: Vec<String> = validator
                .iter_errors(body)
                .take(5)
                .map(|e| format!("{} at {}", e, e.instance_path()))
                .collect();
            if errors.is_empty() {
                return None;
            }
            failures.extend(errors);
        }
        Some(format!(
            "{} {} → {}: {}\n  body: {}",
            answer.method,
            answer.route,
            answer.status,
            failures.join("; "),
            truncate(&body.to_string())
        ))
    }
}

fn truncate(text: &str) -> String {
    text.chars().take(400).collect()
}

/// Fails the test on any invalid body; the number of bodies validated.
pub fn check(answers: &[RecordedResponse]) -> usize {
    let catalogue = catalogue();
    let problems: Vec<String> = answers
        .iter()
        .filter_map(|a| catalogue.problems(a))
        .collect();
    assert!(
        problems.is_empty(),
        "{} of {} answers do not match GitHub's schemas:\n{}",
        problems.len(),
        answers.len(),
        problems.join("\n")
    );
    answers.iter().filter(|a| a.body.is_some()).count()
}
