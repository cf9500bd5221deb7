//! Repository labels and the labels of an issue.

use serde_json::{json, Value};

use super::support;

const LABELS: &str = "/repos/octo/store/labels";

fn names(value: &Value) -> Vec<String> {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["name"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn issue_labels_are_added_in_both_body_forms_and_answer_the_full_list() {
    let h = support::start();
    let n = h.issue("Labels", &["first"]);
    let url = format!("/repos/octo/store/issues/{n}/labels");

    // PyGithub sends a bare array, the TypeScript client an object.
    let bare = h.post(&url, json!(["second"]));
    assert_eq!(bare.status, 200);
    assert_eq!(names(&bare.json()), ["first", "second"]);
    let wrapped = h.post(&url, json!({"labels": ["third", "second"]}));
    assert_eq!(names(&wrapped.json()), ["first", "second", "third"]);
    let created = &wrapped.json()[2];
    assert_eq!(created["color"], "ededed");
    assert_eq!(created["default"], false);
    assert_eq!(created["description"], Value::Null);

    let set = h.put(&url, json!({"labels": ["only"]}));
    assert_eq!(names(&set.json()), ["only"]);
    assert_eq!(names(&h.put(&url, json!(["x", "y"])).json()), ["x", "y"]);
    assert_eq!(h.put(&url, json!({"labels": []})).json(), json!([]));

    h.put(&url, json!(["keep", "drop"]));
    let removed = h.delete(&format!("{url}/drop"));
    assert_eq!(removed.status, 200);
    assert_eq!(names(&removed.json()), ["keep"]);
    let absent = h.delete(&format!("{url}/drop"));
    assert_eq!(absent.status, 404);
    assert_eq!(
        absent.json(),
        json!({
            "message": "Label does not exist",
            "documentation_url": "https://docs.github.com/rest/issues/labels#remove-a-label-from-an-issue",
            "status": "404",
        })
    );

    let cleared = h.delete(&url);
    assert_eq!(cleared.status, 204);
    assert!(cleared.body.is_empty());
    for header in ["etag", "cache-control", "content-type"] {
        assert!(!cleared.has_header(header), "{header} on a 204");
    }
    assert_eq!(h.get(&url).json(), json!([]));
    assert_eq!(
        h.post("/repos/octo/store/issues/99/labels", json!(["a"]))
            .status,
        404
    );
    h.check_schemas();
}

#[test]
fn label_names_in_paths_are_percent_decoded() {
    let h = support::start();
    let n = h.issue("Encoded", &["UID:a/b", "good first issue"]);
    let issue = h.get(&format!("/repos/octo/store/issues/{n}")).json();
    let urls: Vec<&str> = issue["labels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["url"].as_str().unwrap())
        .collect();
    assert!(
        urls.iter().any(|u| u.ends_with("/labels/UID:a%2Fb")),
        "{urls:?}"
    );
    assert!(urls
        .iter()
        .any(|u| u.ends_with("/labels/good%20first%20issue")));

    assert_eq!(
        h.get(&format!("{LABELS}/UID%3Aa%2Fb")).json()["name"],
        "UID:a/b"
    );
    assert_eq!(h.get(&format!("{LABELS}/good%20first%20issue")).status, 200);
    // An unencoded slash is another path, as on GitHub.
    assert_eq!(h.get(&format!("{LABELS}/UID:a/b")).status, 404);
    let removed = h.delete(&format!("/repos/octo/store/issues/{n}/labels/UID%3Aa%2Fb"));
    assert_eq!(names(&removed.json()), ["good first issue"]);
    h.check_schemas();
}

#[test]
fn label_refusals_have_githubs_shapes() {
    let h = support::start();
    let created = h.post(LABELS, json!({"name": "mine", "color": "BADA55"}));
    assert_eq!(created.status, 201);
    assert_eq!(created.header("location"), created.json()["url"].as_str());
    assert_eq!(created.json()["color"], "BADA55");

    let expect = |reply: support::Reply, error: Value| {
        assert_eq!(reply.status, 422);
        let body = reply.json();
        assert_eq!(body["message"], "Validation Failed");
        assert_eq!(body["errors"], json!([error]));
        assert_eq!(
            body["documentation_url"],
            "https://docs.github.com/rest/issues/labels#create-a-label"
        );
    };
    expect(
        h.post(LABELS, json!({"name": "MINE"})),
        json!({"resource": "Label", "code": "already_exists", "field": "name"}),
    );
    expect(
        h.post(LABELS, json!({"name": "foo", "color": "invalid"})),
        json!({"resource": "Label", "code": "invalid", "field": "color"}),
    );
    expect(
        h.post(LABELS, json!({"name": "x".repeat(51)})),
        json!({"resource": "Label", "code": "custom", "field": "name",
               "message": "name is too long (maximum is 50 characters)"}),
    );
    expect(
        h.post(LABELS, json!({"name": "d", "description": "x".repeat(101)})),
        json!({"resource": "Label", "code": "custom", "field": "description",
               "message": "description is too long (maximum is 100 characters)"}),
    );
    let unnamed = h.post(LABELS, json!({"color": "ffffff"}));
    assert_eq!(
        unnamed.json()["message"],
        "Invalid request.\n\n\"name\" wasn't supplied."
    );
    h.check_schemas();
}

#[test]
fn labels_are_read_renamed_and_deleted() {
    let h = support::start();
    h.post(LABELS, json!({"name": "test-label", "color": "663399"}));
    let by_other_case = h.get(&format!("{LABELS}/TEST-LABEL"));
    assert_eq!(by_other_case.json()["name"], "test-label");

    let renamed = h.patch(
        &format!("{LABELS}/test-label"),
        json!({"new_name": "test-label-updated", "color": "BADA55"}),
    );
    assert_eq!(renamed.status, 200);
    let label = renamed.json();
    assert_eq!(label["name"], "test-label-updated");
    assert!(label["url"]
        .as_str()
        .unwrap()
        .ends_with("/labels/test-label-updated"));
    h.post(LABELS, json!({"name": "taken"}));
    let clash = h.patch(
        &format!("{LABELS}/test-label-updated"),
        json!({"new_name": "Taken"}),
    );
    assert_eq!(clash.json()["errors"][0]["code"], "already_exists");

    assert_eq!(
        h.delete(&format!("{LABELS}/test-label-updated")).status,
        204
    );
    assert_eq!(h.get(&format!("{LABELS}/test-label-updated")).status, 404);
    assert_eq!(
        h.delete(&format!("{LABELS}/test-label-updated")).status,
        404
    );
    h.check_schemas();
}

#[test]
fn repository_labels_page_like_every_list() {
    let h = support::start();
    // 9 default labels plus 26.
    for letter in 'a'..='z' {
        h.post(LABELS, json!({"name": format!("{letter}-label")}));
    }
    let first = h.get(LABELS);
    assert_eq!(first.json().as_array().unwrap().len(), 30);
    assert_eq!(first.link_rels(), ["next", "last"]);
    let last = h.get(&first.link("last").unwrap());
    assert_eq!(last.json().as_array().unwrap().len(), 5);
    assert_eq!(last.link_rels(), ["prev", "first"]);
    h.check_schemas();
}
