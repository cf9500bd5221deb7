//! GitHub App authentication and repository dispatches, as GitHub answers them.

use serde_json::json;

use gh_store::serve::ServeOptions;

use super::support::{self, app_jwt, Harness, ALICE_TOKEN, APP_KEY, WRONG_KEY};

const R: &str = "/repos/octo/store";

fn with_app() -> Harness {
    support::start_with(ServeOptions {
        apps: vec![support::test_app()],
        ..ServeOptions::default()
    })
}

fn installation_status(h: &Harness, jwt: &str) -> (u16, String) {
    let reply = h
        .call("GET", &format!("{R}/installation"))
        .token(jwt)
        .send();
    let message = reply.json()["message"].as_str().unwrap_or("").to_string();
    (reply.status, message)
}

#[test]
fn dispatches_are_204_and_recorded_or_422_in_githubs_shape() {
    let h = support::start();
    let event = json!({"event_type": "gh-store-update", "client_payload": {"object_id": "cfg", "issue_number": 7}});
    assert_eq!(
        h.post(&format!("{R}/dispatches"), event.clone()).status,
        204
    );
    let recorded = support::agent()
        .get(h.url("/_gh-store/dispatches"))
        .call()
        .unwrap()
        .body_mut()
        .read_json::<serde_json::Value>()
        .unwrap();
    assert_eq!(recorded[0]["event_type"], "gh-store-update");
    assert_eq!(recorded[0]["client_payload"], event["client_payload"]);
    assert_eq!(recorded[0]["sender"], "octo");

    for bad in [
        json!({}),
        json!({"event_type": ""}),
        json!({"event_type": "x".repeat(101)}),
        json!({"event_type": 5}),
    ] {
        let reply = h.post(&format!("{R}/dispatches"), bad.clone());
        assert_eq!(reply.status, 422, "{bad}");
        assert!(reply.json()["message"]
            .as_str()
            .unwrap()
            .starts_with("Invalid request."));
    }
    let longest = json!({"event_type": "x".repeat(100)});
    assert_eq!(h.post(&format!("{R}/dispatches"), longest).status, 204);
    assert_eq!(
        h.post("/repos/octo/missing/dispatches", json!({"event_type": "e"}))
            .status,
        404
    );
    // alice may read the repository, not push to it.
    let refused = h
        .call("POST", &format!("{R}/dispatches"))
        .token(ALICE_TOKEN)
        .json(json!({"event_type": "e"}))
        .send();
    assert_eq!(refused.status, 403);
    let answers = h.server.take_responses();
    super::schemas::check(&answers);
}

#[test]
fn json_web_tokens_are_checked_for_signature_and_time() {
    let h = with_app();
    assert_eq!(installation_status(&h, &app_jwt(APP_KEY, 60)).0, 200);
    let (status, message) = installation_status(&h, &app_jwt(WRONG_KEY, 60));
    assert_eq!(
        (status, message.as_str()),
        (401, "A JSON web token could not be decoded")
    );
    let (status, message) = installation_status(&h, &app_jwt(APP_KEY, 600));
    assert_eq!(status, 401);
    assert!(
        message.starts_with("'Expiration time' claim ('exp')"),
        "{message}"
    );
    let (status, message) = installation_status(&h, &app_jwt(APP_KEY, -30));
    assert_eq!(status, 401);
    assert!(
        message.starts_with("'Issued at' claim ('iat')"),
        "{message}"
    );
    // An API token is no JSON web token.
    let (status, _) = installation_status(&h, support::OWNER_TOKEN);
    assert_eq!(status, 401);
    // A server clock ten minutes on expires a token made now.
    support::agent()
        .post(h.url("/_gh-store/clock"))
        .send_json(json!({"offset_seconds": 600}))
        .unwrap();
    assert_eq!(installation_status(&h, &app_jwt(APP_KEY, 60)).0, 401);
}

#[test]
fn installation_tokens_act_as_the_apps_bot_with_write_access() {
    let h = with_app();
    let jwt = app_jwt(APP_KEY, 60);
    let installation = h
        .call("GET", &format!("{R}/installation"))
        .token(&jwt)
        .send()
        .json();
    assert_eq!(installation["app_id"], support::APP_ID);
    let tokens = format!("/app/installations/{}/access_tokens", installation["id"]);
    assert_eq!(
        h.call("POST", "/app/installations/1/access_tokens")
            .token(&jwt)
            .send()
            .status,
        404
    );
    let refused = h
        .call("POST", &tokens)
        .token(&jwt)
        .json(json!({"repositories": ["other"]}))
        .send();
    assert_eq!(refused.status, 422);
    let minted = h
        .call("POST", &tokens)
        .token(&jwt)
        .json(json!({"repositories": ["store"]}))
        .send()
        .json();
    let token = minted["token"].as_str().unwrap();
    assert!(token.starts_with("ghs_"));
    let created = h
        .call("POST", &format!("{R}/issues"))
        .token(token)
        .json(json!({"title": "by the App", "labels": ["bug"]}))
        .send();
    assert_eq!(created.status, 201);
    let created = created.json();
    assert_eq!(created["user"]["login"], "gh-store-4242[bot]");
    assert_eq!(created["user"]["type"], "Bot");
    assert_eq!(
        created["labels"][0]["name"], "bug",
        "push access keeps labels"
    );
    // The JSON web token itself opens no other endpoint; the other repository is not the
    // installation's.
    assert_eq!(h.call("GET", R).token(&jwt).send().status, 403);
    assert_eq!(
        h.call("GET", "/repos/octo/missing/installation")
            .token(&jwt)
            .send()
            .status,
        404
    );
    // Tokens last an hour.
    support::agent()
        .post(h.url("/_gh-store/clock"))
        .send_json(json!({"offset_seconds": 3601}))
        .unwrap();
    assert_eq!(h.call("GET", R).token(token).send().status, 401);
    super::schemas::check(&h.server.take_responses());
}
