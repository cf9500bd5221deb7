//! Who is calling: tokens to users, anonymous callers, the owner, organisations and teams,
//! and each caller's primary rate-limit budget.

use std::sync::Arc;

use gh_store::serve::ServeOptions;
use gh_store::tracker::local::LocalDb;
use gh_store::tracker::AccountKind;
use serde_json::{json, Value};

use super::support::{self, ALICE_TOKEN, OWNER_TOKEN};

const ISSUES: &str = "/repos/octo/store/issues";

#[test]
fn credentials_map_to_users_and_anonymous_callers_only_read() {
    let h = support::start();
    let n = h.issue("Readable", &[]);

    let bearer = h.call("GET", "/user").token(ALICE_TOKEN).send();
    assert_eq!(bearer.json()["login"], "alice");
    let token = h
        .call("GET", "/user")
        .header("authorization", &format!("token {OWNER_TOKEN}"))
        .send();
    assert_eq!(token.json()["login"], "octo");

    let bad = h.call("GET", ISSUES).token("wrong").send();
    assert_eq!(bad.status, 401);
    assert_eq!(bad.json()["message"], "Bad credentials");
    assert!(bad.json()["documentation_url"].is_string());

    let anonymous_read = h.call("GET", &format!("{ISSUES}/{n}")).anonymous().send();
    assert_eq!(anonymous_read.status, 200);
    assert!(h
        .call("GET", "/repos/octo/store")
        .anonymous()
        .send()
        .json()
        .get("permissions")
        .is_none());
    let anonymous_write = h
        .call("POST", ISSUES)
        .anonymous()
        .json(json!({"title": "nope"}))
        .send();
    assert_eq!(anonymous_write.status, 401);
    assert_eq!(anonymous_write.json()["message"], "Requires authentication");
    assert_eq!(
        h.get(&format!("{ISSUES}?state=all"))
            .json()
            .as_array()
            .unwrap()
            .len(),
        1
    );
    h.check_schemas();
}

#[test]
fn without_configured_users_everybody_is_the_owner() {
    let db = LocalDb::open_in_memory().unwrap();
    let h = support::start_raw(
        Arc::clone(&db),
        ServeOptions {
            repo: "dev/box".into(),
            record_responses: true,
            ..ServeOptions::default()
        },
    );
    for call in [
        h.call("POST", "/repos/dev/box/issues").anonymous(),
        h.call("POST", "/repos/dev/box/issues").token("anything"),
    ] {
        let reply = call.json(json!({"title": "mine"})).send();
        assert_eq!(reply.status, 201);
        assert_eq!(reply.json()["user"]["login"], "dev");
        assert_eq!(reply.json()["author_association"], "OWNER");
    }
    h.check_schemas();
}

#[test]
fn a_first_user_who_is_not_the_owner_is_refused() {
    let db = LocalDb::open_in_memory().unwrap();
    let options = ServeOptions {
        repo: "octo/store".into(),
        users: vec![("alice".into(), "t".into())],
        ..ServeOptions::default()
    };
    let err = gh_store::serve::start(db, options).err().expect("refused");
    assert_eq!(err.kind(), std::io::ErrorKind::InvalidInput);
}

#[test]
fn the_primary_rate_limit_runs_out_per_user() {
    let h = support::start_with(ServeOptions {
        rate_limit: 3,
        ..ServeOptions::default()
    });
    for expected in [2, 1, 0] {
        assert_eq!(h.get("/repos/octo/store").ratelimit_remaining(), expected);
    }
    let status = h.get("/rate_limit");
    assert_eq!(status.status, 200, "GET /rate_limit is free");
    assert_eq!(status.json()["resources"]["core"]["remaining"], 0);
    assert_eq!(status.json()["rate"]["used"], 3);

    let limited = h.get("/repos/octo/store");
    assert_eq!(limited.status, 403);
    assert_eq!(limited.ratelimit_remaining(), 0);
    let user_id = h.get("/user").status;
    assert_eq!(user_id, 403);
    let message = limited.json()["message"].as_str().unwrap().to_string();
    assert!(
        message.starts_with("API rate limit exceeded for user ID "),
        "{message}"
    );
    let reset: i64 = limited
        .header("x-ratelimit-reset")
        .unwrap()
        .parse()
        .unwrap();
    assert!(reset > gh_store::timestamp::Timestamp::now().seconds());

    let alice = h.call("GET", "/repos/octo/store").token(ALICE_TOKEN).send();
    assert_eq!(alice.status, 200);
    assert_eq!(alice.ratelimit_remaining(), 2);
    assert_eq!(h.server.stats().rate_limited, 2);
    h.check_schemas();
}

#[test]
fn anonymous_callers_and_refused_credentials_spend_githubs_sixty() {
    let h = support::start();
    let anonymous = h.call("GET", "/repos/octo/store").anonymous().send();
    assert_eq!(anonymous.header("x-ratelimit-limit"), Some("60"));
    assert_eq!(anonymous.ratelimit_remaining(), 59);
    let owner = h.get("/repos/octo/store");
    assert_eq!(owner.header("x-ratelimit-limit"), Some("5000"));

    let refused = h.call("GET", "/repos/octo/store").token("wrong").send();
    assert_eq!(refused.status, 401);
    assert_eq!(refused.header("x-ratelimit-limit"), Some("60"));
    assert_eq!(refused.header("x-ratelimit-resource"), Some("core"));
    assert_eq!(refused.ratelimit_remaining(), 58);
    for name in ["x-ratelimit-used", "x-ratelimit-reset"] {
        assert!(refused.has_header(name), "{name}");
    }
    let status = h.call("GET", "/rate_limit").anonymous().send().json();
    assert_eq!(status["resources"]["core"]["limit"], 60);
    h.check_schemas();
}

#[test]
fn teams_lead_to_their_members_on_this_server() {
    let h = support::start();
    h.db.add_team_member("octo-org", "owners", "alice").unwrap();
    h.db.add_team_member("octo-org", "owners", "octo").unwrap();
    let team = h.get("/orgs/octo-org/teams/owners").json();
    assert_eq!(team["slug"], "owners");
    let url = team["url"].as_str().unwrap();
    assert!(url.starts_with(h.base()));
    let members = h.get(&format!("{url}/members")).json();
    let logins: Vec<&str> = members
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["login"].as_str().unwrap())
        .collect();
    assert_eq!(logins, ["alice", "octo"]);
    assert_eq!(h.get("/orgs/octo-org/teams/ghosts/members").status, 404);
    h.check_schemas();
}

#[test]
fn organisation_repositories_show_the_organisation() {
    let db = LocalDb::open_in_memory().unwrap();
    let h = support::start_raw(
        Arc::clone(&db),
        ServeOptions {
            repo: "acme/data".into(),
            owner_kind: AccountKind::Organization,
            users: vec![("dev".into(), "dev-token".into())],
            record_responses: true,
            ..ServeOptions::default()
        },
    );
    let repo = h
        .call("GET", "/repos/acme/data")
        .token("dev-token")
        .send()
        .json();
    assert_eq!(repo["owner"]["type"], "Organization");
    assert_eq!(repo["organization"]["login"], "acme");
    let permissions: Vec<&String> = repo["permissions"].as_object().unwrap().keys().collect();
    // GitHub's own order, as the recorded fixtures show it.
    assert_eq!(permissions, ["admin", "maintain", "push", "triage", "pull"]);
    let labels = h
        .call("GET", "/repos/acme/data/labels")
        .token("dev-token")
        .send();
    let defaults: Vec<Value> = labels.json().as_array().unwrap().clone();
    assert_eq!(defaults.len(), 9);
    h.check_schemas();
}

#[test]
fn options_never_show_tokens_and_bad_names_are_refused() {
    let options = ServeOptions {
        users: vec![("octo".into(), "secret-token".into())],
        ..ServeOptions::default()
    };
    let shown = format!("{options:?}");
    assert!(
        shown.contains("octo") && !shown.contains("secret-token"),
        "{shown}"
    );

    let db = LocalDb::open_in_memory().unwrap();
    let bad = ServeOptions {
        repo: "no-slash".into(),
        ..ServeOptions::default()
    };
    let err = gh_store::serve::start(db, bad).err().expect("refused");
    assert_eq!(err.kind(), std::io::ErrorKind::InvalidInput);
}
