//! Who may write what: issue owners and users with push access edit issues, comment authors
//! and users with push access edit comments, only users with push access touch labels and
//! locks. Everyone else gets GitHub's 403 and changes nothing.

use gh_store::tracker::local::Role;
use serde_json::{json, Value};

use super::support::{self, Harness, Reply, ALICE_TOKEN};

const REPO: &str = "/repos/octo/store";

/// A request as alice, who has no role on `octo/store`.
fn as_alice(h: &Harness, method: &str, path: &str, body: Option<Value>) -> Reply {
    let call = h.call(method, path).token(ALICE_TOKEN);
    match body {
        Some(body) => call.json(body),
        None => call,
    }
    .send()
}

#[track_caller]
fn assert_forbidden(reply: &Reply, docs: &str) {
    assert_eq!(reply.status, 403, "{}", reply.text());
    assert_eq!(
        reply.json(),
        json!({
            "message": "Resource not accessible by personal access token",
            "documentation_url": format!("https://docs.github.com/rest/{docs}"),
            "status": "403",
        })
    );
    assert!(reply.has_header("x-ratelimit-remaining"));
}

#[test]
fn without_push_access_others_issues_comments_labels_and_locks_are_refused() {
    let h = support::start();
    let n = h.issue("The owner's", &["kept"]);
    let comment = h.comment(n, "the owner's comment");
    let issue_url = format!("{REPO}/issues/{n}");
    let comment_url = format!("{REPO}/issues/comments/{comment}");
    let before = h.get(&issue_url).json();

    for edit in [
        json!({"body": "alice's now"}),
        json!({"title": "alice's now"}),
        json!({"state": "closed"}),
    ] {
        let refused = as_alice(&h, "PATCH", &issue_url, Some(edit));
        assert_forbidden(&refused, "issues/issues#update-an-issue");
    }
    let refused = as_alice(&h, "PATCH", &comment_url, Some(json!({"body": "x"})));
    assert_forbidden(&refused, "issues/comments#update-an-issue-comment");
    let refused = as_alice(&h, "DELETE", &comment_url, None);
    assert_forbidden(&refused, "issues/comments#delete-an-issue-comment");

    let refused = as_alice(
        &h,
        "POST",
        &format!("{REPO}/labels"),
        Some(json!({"name": "new"})),
    );
    assert_forbidden(&refused, "issues/labels#create-a-label");
    // Even a name that exists: permission comes before validation.
    let refused = as_alice(
        &h,
        "POST",
        &format!("{REPO}/labels"),
        Some(json!({"name": "KEPT"})),
    );
    assert_eq!(refused.status, 403);
    let label_url = format!("{REPO}/labels/kept");
    let refused = as_alice(&h, "PATCH", &label_url, Some(json!({"new_name": "x"})));
    assert_forbidden(&refused, "issues/labels#update-a-label");
    assert_forbidden(
        &as_alice(&h, "DELETE", &label_url, None),
        "issues/labels#delete-a-label",
    );
    let labels_url = format!("{issue_url}/labels");
    assert_forbidden(
        &as_alice(&h, "POST", &labels_url, Some(json!(["new"]))),
        "issues/labels#add-labels-to-an-issue",
    );
    assert_forbidden(
        &as_alice(&h, "PUT", &labels_url, Some(json!({"labels": ["new"]}))),
        "issues/labels#set-labels-for-an-issue",
    );
    assert_forbidden(
        &as_alice(&h, "DELETE", &labels_url, None),
        "issues/labels#remove-all-labels-from-an-issue",
    );
    assert_forbidden(
        &as_alice(&h, "DELETE", &format!("{labels_url}/kept"), None),
        "issues/labels#remove-a-label-from-an-issue",
    );
    assert_forbidden(
        &as_alice(&h, "PUT", &format!("{issue_url}/lock"), None),
        "issues/issues#lock-an-issue",
    );
    // What does not exist is still 404.
    assert_eq!(
        as_alice(
            &h,
            "PATCH",
            &format!("{REPO}/issues/99"),
            Some(json!({"title": "x"}))
        )
        .status,
        404
    );

    assert_eq!(h.get(&issue_url).json(), before, "nothing changed");
    assert_eq!(h.get(&comment_url).json()["body"], "the owner's comment");
    assert_eq!(h.get(&format!("{REPO}/labels/new")).status, 404);
    assert_eq!(h.get(&label_url).status, 200);
    h.check_schemas();
}

#[test]
fn authors_edit_their_own_issues_and_comments_and_push_access_edits_any() {
    let h = support::start();
    let mine = as_alice(
        &h,
        "POST",
        &format!("{REPO}/issues"),
        Some(json!({"title": "alice's"})),
    );
    let n = mine.json()["number"].as_u64().unwrap();
    let issue_url = format!("{REPO}/issues/{n}");
    // Her labels are still dropped silently, the rest of the edit stands.
    let edited = as_alice(
        &h,
        "PATCH",
        &issue_url,
        Some(json!({"title": "renamed", "state": "closed", "labels": ["mine"]})),
    );
    assert_eq!(edited.status, 200);
    let edited = edited.json();
    assert_eq!(
        (&edited["title"], &edited["state"]),
        (&json!("renamed"), &json!("closed"))
    );
    assert_eq!(edited["labels"], json!([]));
    let reopened = as_alice(&h, "PATCH", &issue_url, Some(json!({"state": "open"})));
    assert_eq!(reopened.json()["state"], "open");

    let comments_url = format!("{issue_url}/comments");
    let comment = as_alice(&h, "POST", &comments_url, Some(json!({"body": "hers"})));
    let comment_url = format!("{REPO}/issues/comments/{}", comment.json()["id"]);
    let edited = as_alice(&h, "PATCH", &comment_url, Some(json!({"body": "edited"})));
    assert_eq!(edited.json()["body"], "edited");
    assert_eq!(as_alice(&h, "DELETE", &comment_url, None).status, 204);

    // The owner may edit anyone's; so may alice once she collaborates.
    let theirs = h.comment(n, "the owner's");
    assert_eq!(
        h.patch(&issue_url, json!({"body": "moderated"})).json()["body"],
        "moderated"
    );
    h.db.set_role(h.repo_id(), "alice", Role::Collaborator)
        .unwrap();
    let theirs_url = format!("{REPO}/issues/comments/{theirs}");
    assert_eq!(as_alice(&h, "DELETE", &theirs_url, None).status, 204);
    let labelled = as_alice(
        &h,
        "POST",
        &format!("{issue_url}/labels"),
        Some(json!(["now"])),
    );
    assert_eq!(labelled.status, 200);
    assert_eq!(labelled.json()[0]["name"], "now");
    h.check_schemas();
}
