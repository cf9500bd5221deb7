//! Every route answers, and every answer validates against GitHub's schemas.

use std::collections::BTreeSet;

use gh_store::serve::ServeOptions;
use gh_store::tracker::local::Role;
use serde_json::json;

use super::schemas::{self, catalogue};
use super::support::{self, ALICE_TOKEN};

/// Walks every endpoint of `github-endpoints.json` (and the extra routes) with successes and
/// typical failures, then validates each recorded body with the schema declared for its
/// operation and status.
#[test]
fn every_route_answers_in_githubs_shapes() {
    let h = support::start_with(ServeOptions {
        apps: vec![support::test_app()],
        ..ServeOptions::default()
    });
    let repo_id = h.repo_id();
    h.db.put_file(repo_id, ".github/CODEOWNERS", b"* @octo\n")
        .unwrap();
    h.db.add_team_member("octo-org", "maintainers", "alice")
        .unwrap();
    h.db.set_role(repo_id, "alice", Role::Collaborator).unwrap();

    let r = "/repos/octo/store";
    let n = h.issue("First", &["bug", "fresh"]);
    h.issue("Second", &[]);
    assert_eq!(
        h.get(&format!("{r}/issues?state=all&labels=bug")).status,
        200
    );
    assert_eq!(h.get(&format!("{r}/issues/{n}")).status, 200);
    assert_eq!(
        h.patch(&format!("{r}/issues/{n}"), json!({"state": "closed"}))
            .status,
        200
    );
    assert_eq!(
        h.post(&format!("{r}/issues/{n}/labels"), json!(["extra"]))
            .status,
        200
    );
    assert_eq!(
        h.put(
            &format!("{r}/issues/{n}/labels"),
            json!({"labels": ["bug", "extra"]})
        )
        .status,
        200
    );
    assert_eq!(h.get(&format!("{r}/issues/{n}/labels")).status, 200);
    assert_eq!(
        h.delete(&format!("{r}/issues/{n}/labels/extra")).status,
        200
    );
    assert_eq!(
        h.delete(&format!("{r}/issues/{n}/labels/extra")).status,
        404
    );
    assert_eq!(h.delete(&format!("{r}/issues/{n}/labels")).status, 204);
    assert_eq!(h.get(&format!("{r}/labels")).status, 200);
    assert_eq!(
        h.post(
            &format!("{r}/labels"),
            json!({"name": "new", "color": "00ff00"})
        )
        .status,
        201
    );
    assert_eq!(
        h.post(&format!("{r}/labels"), json!({"name": "NEW"}))
            .status,
        422
    );
    assert_eq!(h.get(&format!("{r}/labels/new")).status, 200);
    assert_eq!(
        h.patch(&format!("{r}/labels/new"), json!({"description": "d"}))
            .status,
        200
    );
    assert_eq!(h.delete(&format!("{r}/labels/new")).status, 204);

    let c = h.comment(n, "hello");
    assert_eq!(h.get(&format!("{r}/issues/{n}/comments")).status, 200);
    assert_eq!(h.get(&format!("{r}/issues/comments")).status, 200);
    assert_eq!(h.get(&format!("{r}/issues/comments/{c}")).status, 200);
    assert_eq!(
        h.patch(
            &format!("{r}/issues/comments/{c}"),
            json!({"body": "edited"})
        )
        .status,
        200
    );
    let reactions = format!("{r}/issues/comments/{c}/reactions");
    assert_eq!(h.post(&reactions, json!({"content": "+1"})).status, 201);
    assert_eq!(h.post(&reactions, json!({"content": "+1"})).status, 200);
    assert_eq!(
        h.post(&reactions, json!({"content": "thumbsup"})).status,
        422
    );
    let reaction = h.post(&reactions, json!({"content": "rocket"})).json()["id"]
        .as_u64()
        .unwrap();
    assert_eq!(h.get(&reactions).status, 200);
    assert_eq!(h.delete(&format!("{reactions}/{reaction}")).status, 204);
    let doomed = h.comment(n, "to delete");
    assert_eq!(
        h.delete(&format!("{r}/issues/comments/{doomed}")).status,
        204
    );
    assert_eq!(h.get(&format!("{r}/issues/comments/{doomed}")).status, 404);

    assert_eq!(h.get(r).status, 200);
    assert_eq!(
        h.get(&format!("{r}/collaborators/alice/permission")).status,
        200
    );
    assert_eq!(
        h.get(&format!("{r}/contents/.github/CODEOWNERS")).status,
        200
    );
    assert_eq!(h.get(&format!("{r}/contents/missing")).status, 404);
    assert_eq!(h.get("/rate_limit").status, 200);
    assert_eq!(
        h.post(
            &format!("{r}/dispatches"),
            json!({"event_type": "gh-store-update", "client_payload": {"issue_number": n}})
        )
        .status,
        204
    );
    assert_eq!(h.post(&format!("{r}/dispatches"), json!({})).status, 422);
    let jwt = support::app_jwt(support::APP_KEY, 60);
    let installation = h
        .call("GET", &format!("{r}/installation"))
        .token(&jwt)
        .send();
    assert_eq!(installation.status, 200);
    let tokens = format!(
        "/app/installations/{}/access_tokens",
        installation.json()["id"]
    );
    let minted = h.call("POST", &tokens).token(&jwt).json(json!({})).send();
    assert_eq!(minted.status, 201);
    assert_eq!(h.call("POST", &tokens).send().status, 401);

    // Routes outside github-endpoints.json.
    assert_eq!(
        h.call("PUT", &format!("{r}/issues/{n}/lock")).send().status,
        204
    );
    assert_eq!(h.delete(&format!("{r}/issues/{n}/lock")).status, 204);
    assert_eq!(h.get("/user").status, 200);
    assert_eq!(h.call("GET", "/user").anonymous().send().status, 401);
    assert_eq!(h.get("/orgs/octo-org/teams/maintainers").status, 200);
    assert_eq!(
        h.get("/orgs/octo-org/teams/maintainers/members").status,
        200
    );
    assert_eq!(h.get("/orgs/octo-org/teams/nobody").status, 404);
    assert_eq!(
        h.call("POST", &format!("{r}/issues"))
            .token(ALICE_TOKEN)
            .json(json!({}))
            .send()
            .status,
        422
    );
    assert_eq!(h.get("/repos/octo/missing").status, 404);
    assert_eq!(h.get("/no/such/route").status, 404);

    let answers = h.server.take_responses();
    let validated = schemas::check(&answers);
    assert!(validated >= 40, "only {validated} bodies validated");

    // Every operation of the endpoints file was answered with a success at least once.
    let succeeded: BTreeSet<(String, String)> = answers
        .iter()
        .filter(|a| (200..300).contains(&a.status))
        .map(|a| (a.method.clone(), a.route.clone()))
        .collect();
    let missing: Vec<_> = catalogue()
        .operations()
        .into_iter()
        .filter(|op| !succeeded.contains(op))
        .collect();
    assert!(
        missing.is_empty(),
        "never answered with success: {missing:?}"
    );
}

/// The same routes answer under `/repositories/{id}` and under `/api/v3`, and the URLs in the
/// bodies follow the prefix the client used.
#[test]
fn aliases_and_enterprise_prefix_reach_the_same_endpoints() {
    let h = support::start();
    let n = h.issue("Alias", &[]);
    let id = h.repo_id();
    h.server.reset_stats();

    let by_id = h.get(&format!("/repositories/{id}/issues/{n}"));
    assert_eq!(by_id.status, 200);
    assert_eq!(by_id.json()["title"], "Alias");
    let enterprise = h.get(&format!("/api/v3/repos/octo/store/issues/{n}"));
    assert_eq!(enterprise.status, 200);
    let url = enterprise.json()["url"].as_str().unwrap().to_string();
    assert_eq!(
        url,
        format!("{}/api/v3/repos/octo/store/issues/{n}", h.base())
    );
    assert_eq!(
        enterprise.json()["html_url"],
        format!("{}/octo/store/issues/{n}", h.base())
    );
    let both = h.get(&format!("/api/v3/repositories/{id}/issues/{n}"));
    assert_eq!(both.status, 200);
    assert_eq!(h.get("/api/v3/rate_limit").status, 200);

    let stats = h.server.stats();
    assert_eq!(stats.route("GET", support::ISSUE), 3);
    assert_eq!(stats.route("GET", "/rate_limit"), 1);
    assert_eq!(stats.total, 4);
    h.check_schemas();
}

/// The validation itself catches what it should: a body missing a required key, a wrong type,
/// an undeclared success.
#[test]
fn schema_checks_catch_broken_bodies() {
    let h = support::start();
    h.issue("Sample", &[]);
    let mut answers = h.server.take_responses();
    let mut issue = answers.pop().unwrap();
    assert!(catalogue().problems(&issue).is_none());

    let body = issue.body.as_mut().unwrap();
    body.as_object_mut().unwrap().remove("node_id");
    assert!(catalogue().problems(&issue).is_some(), "missing node_id");
    issue.body.as_mut().unwrap()["node_id"] = json!("x");
    issue.body.as_mut().unwrap()["number"] = json!("1");
    assert!(catalogue().problems(&issue).is_some(), "number as a string");
    issue.body.as_mut().unwrap()["number"] = json!(1);
    issue.body.as_mut().unwrap()["pull_request"] = json!(null);
    assert!(catalogue().problems(&issue).is_some(), "pull_request: null");
    issue
        .body
        .as_mut()
        .unwrap()
        .as_object_mut()
        .unwrap()
        .remove("pull_request");
    issue.status = 202;
    assert!(catalogue().problems(&issue).is_some(), "undeclared status");
}
