//! The issues list (defaults, filters, pagination) and issue writes.

use serde_json::{json, Value};

use super::support::{self, ALICE_TOKEN};

const LIST: &str = "/repos/octo/store/issues";

fn numbers(reply: &support::Reply) -> Vec<u64> {
    reply
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["number"].as_u64().unwrap())
        .collect()
}

#[test]
fn pagination_defaults_and_pages_past_one_hundred() {
    let h = support::start();
    for i in 1..=105 {
        h.issue(&format!("Issue {i}"), &[]);
    }

    // Defaults: open, created desc, 30 per page.
    let first = h.get(LIST);
    assert_eq!(numbers(&first), (76..=105).rev().collect::<Vec<_>>());
    assert_eq!(first.link_rels(), ["next", "last"]);
    let base = format!("{}/repositories/{}/issues", h.base(), h.repo_id());
    assert_eq!(first.link("next").unwrap(), format!("{base}?page=2"));
    assert_eq!(first.link("last").unwrap(), format!("{base}?page=4"));

    // per_page is clamped to 100; the Link URLs keep the other parameters.
    let big = h.get(&format!("{LIST}?per_page=500&direction=asc"));
    assert_eq!(numbers(&big), (1..=100).collect::<Vec<_>>());
    assert_eq!(
        big.link("next").unwrap(),
        format!("{base}?per_page=500&direction=asc&page=2")
    );
    let second = h.get(&big.link("next").unwrap());
    assert_eq!(numbers(&second), (101..=105).collect::<Vec<_>>());
    assert_eq!(second.link_rels(), ["prev", "first"]);

    let middle = h.get(&format!("{LIST}?per_page=10&page=5"));
    assert_eq!(middle.link_rels(), ["prev", "next", "last", "first"]);
    assert_eq!(
        middle.link("last").unwrap(),
        format!("{base}?per_page=10&page=11")
    );

    // Past the end: 200 with an empty list.
    let past = h.get(&format!("{LIST}?per_page=100&page=3"));
    assert_eq!(past.status, 200);
    assert_eq!(past.json(), json!([]));
    // One page: no Link at all.
    let single = h.get(&format!("{LIST}?per_page=100&labels=nothing-has-this"));
    assert!(!single.has_header("link"));
    h.check_schemas();
}

#[test]
fn state_filter_and_sort_order() {
    let h = support::start();
    let a = h.issue("a", &[]);
    let b = h.issue("b", &[]);
    let c = h.issue("c", &[]);
    h.patch(&format!("{LIST}/{b}"), json!({"state": "closed"}));

    assert_eq!(numbers(&h.get(LIST)), [c, a]);
    assert_eq!(numbers(&h.get(&format!("{LIST}?state=closed"))), [b]);
    assert_eq!(
        numbers(&h.get(&format!("{LIST}?state=all&direction=asc"))),
        [a, b, c]
    );
    h.comment(a, "bump");
    h.comment(a, "bump");
    let by_comments = h.get(&format!("{LIST}?state=all&sort=comments"));
    assert_eq!(numbers(&by_comments)[0], a);
    h.check_schemas();
}

#[test]
fn labels_filter_is_an_and_of_exact_names() {
    let h = support::start();
    let both = h.issue("both", &["gh-store", "UID:x"]);
    let one = h.issue("one", &["gh-store"]);
    h.issue("other", &["UID:x"]);

    let filtered = h.get(&format!("{LIST}?labels=gh-store,UID%3Ax"));
    assert_eq!(numbers(&filtered), [both]);
    assert_eq!(numbers(&h.get(&format!("{LIST}?labels=gh-store"))).len(), 2);
    assert!(numbers(&h.get(&format!("{LIST}?labels=gh-store&labels=UID:x"))).contains(&both));
    assert_eq!(h.get(&format!("{LIST}?labels=unknown")).json(), json!([]));
    assert_eq!(h.get(&format!("{LIST}?labels=UID:*")).json(), json!([]));
    // No assignees or milestones exist: `none` keeps everything, anything else nothing.
    assert_eq!(numbers(&h.get(&format!("{LIST}?assignee=none"))).len(), 3);
    assert_eq!(h.get(&format!("{LIST}?milestone=*")).json(), json!([]));
    assert_eq!(
        numbers(&h.get(&format!("{LIST}?creator=octo&labels=gh-store"))),
        [one, both]
    );
    assert_eq!(h.get(&format!("{LIST}?creator=alice")).json(), json!([]));
    h.check_schemas();
}

#[test]
fn since_filters_on_updated_at_and_bad_values_are_422() {
    let h = support::start();
    h.issue("old", &[]);
    assert_eq!(
        numbers(&h.get(&format!("{LIST}?since=2000-01-01T00:00:00Z"))).len(),
        1
    );
    assert_eq!(
        h.get(&format!("{LIST}?since=2999-01-01T00:00:00Z")).json(),
        json!([])
    );

    for bad in [
        "since=yesterday",
        "state=bogus",
        "sort=size",
        "direction=up",
        "per_page=x",
        "page=-1",
    ] {
        let reply = h.get(&format!("{LIST}?{bad}"));
        assert_eq!(reply.status, 422, "{bad}");
        let body = reply.json();
        assert_eq!(body["message"], "Validation Failed", "{bad}");
        assert_eq!(body["errors"][0]["code"], "invalid", "{bad}");
        assert_eq!(body["errors"][0]["field"], bad.split('=').next().unwrap());
        assert!(!reply.has_header("etag"));
    }
    h.check_schemas();
}

#[test]
fn created_issues_look_like_githubs() {
    let h = support::start();
    let reply = h.post(LIST, json!({"title": "No body"}));
    assert_eq!(reply.status, 201);
    let issue = reply.json();
    assert_eq!(reply.header("location"), issue["url"].as_str());
    assert_eq!(issue["body"], Value::Null);
    assert_eq!(issue["state"], "open");
    assert_eq!(issue["state_reason"], Value::Null);
    assert_eq!(issue["closed_by"], Value::Null);
    assert_eq!(issue["author_association"], "OWNER");
    assert_eq!(issue["user"]["login"], "octo");
    assert_eq!(
        issue["labels_url"],
        format!("{}/labels{{/name}}", issue["url"].as_str().unwrap())
    );
    assert!(issue.get("pull_request").is_none());
    assert_eq!(issue["reactions"]["total_count"], 0);

    // closed_by only on single-issue answers, never on list items.
    let listed = h.get(LIST).json();
    assert!(listed[0].get("closed_by").is_none());
    assert!(h
        .get(&format!("{LIST}/1"))
        .json()
        .get("closed_by")
        .is_some());

    let numbered = h.post(
        LIST,
        json!({"title": 42, "labels": ["fresh", {"name": "Other"}]}),
    );
    let labels = &numbered.json()["labels"];
    assert_eq!(numbered.json()["title"], "42");
    assert_eq!(labels[0]["color"], "ededed");
    assert_eq!(labels.as_array().unwrap().len(), 2);
    h.check_schemas();
}

#[test]
fn create_refusals_have_githubs_exact_shapes() {
    let h = support::start();
    let missing = h.post(LIST, json!({"body": "x"}));
    assert_eq!(missing.status, 422);
    assert_eq!(
        missing.json()["message"],
        "Invalid request.\n\n\"title\" wasn't supplied."
    );
    assert!(missing.json().get("errors").is_none());

    let too_long = h.post(LIST, json!({"title": "t", "body": "x".repeat(65_537)}));
    assert_eq!(too_long.status, 422);
    assert_eq!(
        too_long.json(),
        json!({
            "message": "Validation Failed",
            "errors": [{"resource": "Issue", "code": "custom", "field": "body",
                        "message": "body is too long (maximum is 65536 characters)"}],
            "documentation_url": "https://docs.github.com/rest/issues/issues#create-an-issue",
            "status": "422",
        })
    );

    let many: Vec<String> = (0..101).map(|i| format!("l{i}")).collect();
    let crowded = h.post(LIST, json!({"title": "t", "labels": many}));
    assert_eq!(crowded.status, 422);
    assert_eq!(
        crowded.json()["errors"],
        json!(["Issues cannot have more than 100 labels"])
    );
    let long_label = h.post(LIST, json!({"title": "t", "labels": ["x".repeat(51)]}));
    assert_eq!(
        long_label.json()["errors"][0]["message"],
        "name is too long (maximum is 50 characters)"
    );
    assert_eq!(h.get(&format!("{LIST}?state=all")).json(), json!([]));
    // At the limit: 65,536 characters of 4 bytes are also exactly 262,144 bytes.
    let widest = h.post(LIST, json!({"title": "t", "body": "😀".repeat(65_536)}));
    assert_eq!(widest.status, 201);
    h.check_schemas();
}

#[test]
fn patch_replaces_labels_and_tracks_state() {
    let h = support::start();
    let n = h.issue("Patch me", &["a", "b"]);
    let url = format!("{LIST}/{n}");

    let relabelled = h.patch(&url, json!({"labels": ["c"]})).json();
    assert_eq!(relabelled["labels"][0]["name"], "c");
    assert_eq!(relabelled["labels"].as_array().unwrap().len(), 1);
    let cleared = h.patch(&url, json!({"labels": []})).json();
    assert_eq!(cleared["labels"], json!([]));

    let closed = h
        .patch(&url, json!({"state": "closed", "body": "{}"}))
        .json();
    assert_eq!(closed["state"], "closed");
    assert_eq!(closed["state_reason"], "completed");
    assert!(closed["closed_at"].is_string());
    assert_eq!(closed["closed_by"]["login"], "octo");
    assert_eq!(closed["body"], "{}");

    let reopened = h.patch(&url, json!({"state": "open"})).json();
    assert_eq!(reopened["state_reason"], "reopened");
    assert_eq!(reopened["closed_at"], Value::Null);
    assert_eq!(reopened["closed_by"], Value::Null);

    let not_planned = h.patch(
        &url,
        json!({"state": "closed", "state_reason": "not_planned"}),
    );
    assert_eq!(not_planned.json()["state_reason"], "not_planned");
    assert_eq!(h.patch(&url, json!({"state": "shut"})).status, 422);
    assert_eq!(
        h.patch(&format!("{LIST}/999"), json!({"title": "x"}))
            .status,
        404
    );
    h.check_schemas();
}

#[test]
fn a_null_body_clears_the_body_to_null() {
    let h = support::start();
    let n = h.issue("Bodied", &[]);
    let url = format!("{LIST}/{n}");
    assert_eq!(
        h.patch(&url, json!({"body": "text"})).json()["body"],
        "text"
    );
    let cleared = h.patch(&url, json!({"body": null}));
    assert_eq!(cleared.status, 200);
    assert_eq!(cleared.json()["body"], Value::Null);
    assert_eq!(h.get(&url).json()["body"], Value::Null);
    // An absent body leaves it as it is.
    h.patch(&url, json!({"body": "again"}));
    assert_eq!(h.patch(&url, json!({"title": "t"})).json()["body"], "again");
    h.check_schemas();
}

#[test]
fn other_users_are_told_apart_by_author_association() {
    let h = support::start();
    let reply = h
        .call("POST", LIST)
        .token(ALICE_TOKEN)
        .json(json!({"title": "From alice"}))
        .send();
    let issue = reply.json();
    assert_eq!(issue["user"]["login"], "alice");
    assert_eq!(issue["author_association"], "NONE");

    let repo_id = h.repo_id();
    h.db.set_role(
        repo_id,
        "alice",
        gh_store::tracker::local::Role::Collaborator,
    )
    .unwrap();
    let again = h.get(&format!("{LIST}/{}", issue["number"]));
    assert_eq!(again.json()["author_association"], "COLLABORATOR");

    let bot = h
        .call("POST", LIST)
        .token(support::BOT_TOKEN)
        .json(json!({"title": "From the bot"}))
        .send()
        .json();
    assert_eq!(bot["user"]["login"], "github-actions[bot]");
    assert_eq!(bot["user"]["type"], "Bot");
    assert!(bot["user"]["url"]
        .as_str()
        .unwrap()
        .ends_with("/users/github-actions%5Bbot%5D"));
    h.check_schemas();
}
