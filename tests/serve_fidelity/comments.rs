//! Comments, the repository-wide comment listing, and reactions.

use serde_json::{json, Value};

use super::support::{self, ALICE_TOKEN};

fn ids(value: &Value) -> Vec<u64> {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_u64().unwrap())
        .collect()
}

#[test]
fn comments_are_created_listed_in_id_order_and_edited() {
    let h = support::start();
    let n = h.issue("Talk", &[]);
    let url = format!("/repos/octo/store/issues/{n}/comments");

    let created = h.post(&url, json!({"body": "first"}));
    assert_eq!(created.status, 201);
    let comment = created.json();
    let id = comment["id"].as_u64().unwrap();
    assert_eq!(created.header("location"), comment["url"].as_str());
    assert_eq!(
        comment["html_url"],
        format!("{}/octo/store/issues/{n}#issuecomment-{id}", h.base())
    );
    assert_eq!(
        comment["issue_url"],
        format!("{}/repos/octo/store/issues/{n}", h.base())
    );
    assert_eq!(comment["author_association"], "OWNER");
    assert_eq!(comment["reactions"]["+1"], 0);

    let more: Vec<u64> = (0..4).map(|i| h.comment(n, &format!("c{i}"))).collect();
    let listed = h.get(&format!("{url}?per_page=2"));
    assert_eq!(ids(&listed.json()), [id, more[0]]);
    assert_eq!(listed.link_rels(), ["next", "last"]);
    assert_eq!(
        h.get(&format!("/repos/octo/store/issues/{n}")).json()["comments"],
        5
    );

    let edited = h.patch(
        &format!("/repos/octo/store/issues/comments/{id}"),
        json!({"body": "first, edited"}),
    );
    assert_eq!(edited.json()["body"], "first, edited");
    assert_eq!(
        h.get(&format!("{url}?since=2999-01-01T00:00:00Z")).json(),
        json!([])
    );
    assert_eq!(h.get(&format!("{url}?since=not-a-date")).status, 422);
    assert_eq!(h.get("/repos/octo/store/issues/99/comments").status, 404);
    h.check_schemas();
}

#[test]
fn comment_refusals_have_githubs_shapes() {
    let h = support::start();
    let n = h.issue("Refusals", &[]);
    let url = format!("/repos/octo/store/issues/{n}/comments");

    let too_long = h.post(&url, json!({"body": "x".repeat(65_537)}));
    assert_eq!(too_long.status, 422);
    assert_eq!(
        too_long.json()["errors"],
        json!([{"resource": "IssueComment", "code": "unprocessable", "field": "data",
                "message": "Body is too long (maximum is 65536 characters)"}])
    );
    assert_eq!(h.post(&url, json!({"body": ""})).status, 422);
    assert_eq!(h.post(&url, json!({"body": "  "})).status, 422);
    let missing = h.post(&url, json!({}));
    assert_eq!(
        missing.json()["message"],
        "Invalid request.\n\n\"body\" wasn't supplied."
    );
    let wrong = h.post(&url, json!({"body": 7}));
    assert_eq!(wrong.status, 422);
    assert_eq!(h.get(&url).json(), json!([]));
    h.check_schemas();
}

#[test]
fn repository_wide_listing_sorts_and_filters() {
    let h = support::start();
    let a = h.issue("a", &[]);
    let b = h.issue("b", &[]);
    let first = h.comment(a, "a1");
    let second = h.comment(b, "b1");
    let third = h.comment(a, "a2");
    let url = "/repos/octo/store/issues/comments";

    let by_id = h.get(url).json();
    assert_eq!(ids(&by_id), [first, second, third]);
    assert!(by_id[1]["issue_url"]
        .as_str()
        .unwrap()
        .ends_with(&format!("/issues/{b}")));
    // `direction` counts only with `sort`.
    assert_eq!(
        ids(&h.get(&format!("{url}?direction=desc")).json()),
        [first, second, third]
    );
    assert_eq!(
        ids(&h.get(&format!("{url}?sort=created&direction=desc")).json()),
        [third, second, first]
    );
    let since = h.get(&format!(
        "{url}?sort=updated&direction=asc&since=2000-01-01T00:00:00Z"
    ));
    assert_eq!(ids(&since.json()).len(), 3);
    assert_eq!(h.get(&format!("{url}?sort=size")).status, 422);
    h.check_schemas();
}

#[test]
fn reactions_are_idempotent_per_user_and_rolled_up() {
    let h = support::start();
    let n = h.issue("React", &[]);
    let id = h.comment(n, "update");
    let url = format!("/repos/octo/store/issues/comments/{id}/reactions");

    let new = h.post(&url, json!({"content": "+1"}));
    assert_eq!(new.status, 201);
    assert!(new.has_header("location"));
    let repeat = h.post(&url, json!({"content": "+1"}));
    assert_eq!(repeat.status, 200);
    assert!(!repeat.has_header("location"));
    assert_eq!(repeat.json()["id"], new.json()["id"]);
    let alice = h
        .call("POST", &url)
        .token(ALICE_TOKEN)
        .json(json!({"content": "+1"}))
        .send();
    assert_eq!(alice.status, 201);
    h.post(&url, json!({"content": "rocket"}));

    let comment = h
        .get(&format!("/repos/octo/store/issues/comments/{id}"))
        .json();
    assert_eq!(comment["reactions"]["+1"], 2);
    assert_eq!(comment["reactions"]["rocket"], 1);
    assert_eq!(comment["reactions"]["total_count"], 3);
    assert_eq!(
        comment["reactions"]["url"],
        format!(
            "{}/repos/octo/store/issues/comments/{id}/reactions",
            h.base()
        )
    );

    let plus_ones = h.get(&format!("{url}?content=%2B1")).json();
    let who: Vec<&str> = plus_ones
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["user"]["login"].as_str().unwrap())
        .collect();
    assert_eq!(who.len(), 2);
    assert!(who.contains(&"alice") && who.contains(&"octo"));
    // An unencoded `+` is a space in a query string: no such reaction.
    assert_eq!(h.get(&format!("{url}?content=+1")).status, 422);

    let invalid = h.post(&url, json!({"content": "thumbsup"}));
    assert_eq!(invalid.status, 422);
    assert_eq!(invalid.json()["errors"][0]["field"], "content");

    let reaction = alice.json()["id"].as_u64().unwrap();
    assert_eq!(h.delete(&format!("{url}/{reaction}")).status, 204);
    let after = h
        .get(&format!("/repos/octo/store/issues/comments/{id}"))
        .json();
    assert_eq!(after["reactions"]["+1"], 1);
    assert_eq!(
        h.post(
            "/repos/octo/store/issues/comments/999/reactions",
            json!({"content": "+1"})
        )
        .status,
        404
    );
    h.check_schemas();
}
