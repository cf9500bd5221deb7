use super::*;
use crate::timestamp::Timestamp;
use crate::tracker::local::DefaultLabels;
use crate::tracker::local::Role;
use crate::tracker::{IssueGuard, IssuePatch, IssueState, ReactionContent, StateReason, Tracker};

fn close(reason: Option<StateReason>) -> IssuePatch {
    IssuePatch {
        state: Some(IssueState::Closed),
        state_reason: reason,
        ..IssuePatch::default()
    }
}

#[test]
fn a_new_issue_is_open_numbered_per_repository_and_creates_its_labels() {
    let (db, tracker) = setup();
    let issue = tracker
        .create_issue(&new_issue(
            "first",
            &["BUG", "stored-object", "stored-object"],
        ))
        .unwrap();
    assert_eq!(
        (issue.number, issue.state, issue.state_reason),
        (1, IssueState::Open, None)
    );
    assert_eq!(
        (issue.comments, issue.closed_at, issue.is_pull_request),
        (0, None, false)
    );
    assert_eq!(issue.created_at, issue.updated_at);
    assert_eq!(issue.author_login(), Some("octo"));
    // An existing label is matched ignoring case; an unknown one is created like GitHub does.
    let labels: Vec<_> = issue
        .labels
        .iter()
        .map(|l| {
            (
                l.name.as_str(),
                l.color.as_str(),
                l.description.as_deref(),
                l.default,
            )
        })
        .collect();
    assert_eq!(
        labels,
        [
            ("bug", "d73a4a", Some("Something isn't working"), true),
            ("stored-object", "ededed", None, false)
        ]
    );
    assert_eq!(tracker.get_issue(1).unwrap(), issue);

    let bodiless = NewIssue {
        title: "no body".into(),
        ..NewIssue::default()
    };
    let second = tracker.create_issue(&bodiless).unwrap();
    assert_eq!((second.number, second.body), (2, None));

    let other = db
        .ensure_repository("octo/other", AccountKind::User, DefaultLabels::Without)
        .unwrap();
    let other = db.tracker(other.id, "octo").unwrap();
    assert_eq!(other.create_issue(&new_issue("x", &[])).unwrap().number, 1);
    assert_eq!(
        tracker.get_issue(3),
        Err(TrackerError::NotFound {
            what: "issue #3".into()
        })
    );
}

#[test]
fn titles_are_required_and_at_most_256_characters() {
    let (_db, tracker) = setup();
    invalid_message(tracker.create_issue(&new_issue("  ", &[])));
    let long = "é".repeat(257);
    let message = invalid_message(tracker.create_issue(&new_issue(&long, &[])));
    assert!(message.contains("256"), "{message}");
    assert!(tracker
        .create_issue(&new_issue(&"é".repeat(256), &[]))
        .is_ok());
    let patch = IssuePatch {
        title: Some(String::new()),
        ..IssuePatch::default()
    };
    invalid_message(tracker.update_issue(1, &patch, None));
}

#[test]
fn an_oversized_body_is_refused_and_writes_nothing() {
    let (_db, tracker) = setup();
    // 65,536 four-byte characters: exactly at both limits.
    let largest = "😀".repeat(65_536);
    let mut issue = new_issue("big", &["brand-new"]);
    issue.body = Some(largest.clone());
    assert_eq!(tracker.create_issue(&issue).unwrap().body, Some(largest));

    issue.body = Some("a".repeat(65_537));
    issue.labels = vec!["never-created".into()];
    let message = invalid_message(tracker.create_issue(&issue));
    assert_eq!(message, "body is too long (maximum is 65536 characters)");
    assert_eq!(tracker.get_label("never-created").unwrap(), None);
    assert!(tracker.get_issue(2).is_err());

    let patch = IssuePatch {
        title: Some("renamed".into()),
        body: Some(Some("x".repeat(65_537))),
        ..IssuePatch::default()
    };
    invalid_message(tracker.update_issue(1, &patch, None));
    assert_eq!(tracker.get_issue(1).unwrap().title, "big");
}

#[test]
fn more_than_100_labels_are_refused_and_write_nothing() {
    let (_db, tracker) = setup();
    let many: Vec<String> = (0..101).map(|i| format!("label-{i}")).collect();
    let issue = NewIssue {
        title: "labelled".into(),
        body: None,
        labels: many.clone(),
    };
    let message = invalid_message(tracker.create_issue(&issue));
    assert_eq!(message, "Issues cannot have more than 100 labels");
    assert_eq!(tracker.get_label("label-0").unwrap(), None);

    tracker.create_issue(&new_issue("ok", &[])).unwrap();
    invalid_message(tracker.set_labels(1, &many));
    tracker.set_labels(1, &many[..100]).unwrap();
    invalid_message(tracker.add_labels(1, &many[100..]));
    assert_eq!(tracker.issue_labels(1).unwrap().len(), 100);
}

#[test]
fn labels_from_users_without_push_access_are_dropped_silently() {
    let (db, octo) = setup();
    let repo_id = octo.repo_id();
    db.set_role(repo_id, "mia", Role::Member).unwrap();
    db.set_role(repo_id, "carl", Role::Collaborator).unwrap();
    for login in ["octo", "mia", "carl"] {
        let writer = octo.as_user(login).unwrap();
        let issue = writer.create_issue(&new_issue(login, &["kept"])).unwrap();
        assert_eq!(label_names(&issue), ["kept"], "{login}");
    }

    // GitHub still answers 201 and 200, with the labels left out: no error, no new label.
    let stranger = octo.as_user("stranger").unwrap();
    let own = stranger
        .create_issue(&new_issue("own", &["kept", "brand-new"]))
        .unwrap();
    assert!(own.labels.is_empty(), "{:?}", own.labels);
    assert_eq!(octo.get_label("brand-new").unwrap(), None);
    octo.add_labels(own.number, &names(&["kept"])).unwrap();
    let relabel = IssuePatch {
        labels: Some(names(&["archived"])),
        ..close(None)
    };
    let edited = stranger.update_issue(own.number, &relabel, None).unwrap();
    assert_eq!(label_names(&edited), ["kept"]);
    // Its author may edit the issue: the rest of the edit stands.
    assert_eq!(edited.state, IssueState::Closed);
    let cleared = IssuePatch {
        labels: Some(Vec::new()),
        ..IssuePatch::default()
    };
    assert_eq!(
        label_names(&stranger.update_issue(own.number, &cleared, None).unwrap()),
        ["kept"]
    );
    assert!(octo
        .update_issue(own.number, &cleared, None)
        .unwrap()
        .labels
        .is_empty());
}

#[test]
fn issues_are_edited_by_their_authors_and_users_with_push_access_only() {
    let (db, octo) = setup();
    db.set_role(octo.repo_id(), "carl", Role::Collaborator)
        .unwrap();
    octo.create_issue(&new_issue("octo's", &["kept"])).unwrap();
    let stranger = octo.as_user("stranger").unwrap();
    let edit = IssuePatch {
        title: Some("mine now".into()),
        body: Some(None),
        labels: Some(Vec::new()),
        ..close(None)
    };
    let refused = stranger.update_issue(1, &edit, None);
    assert_eq!(
        refused,
        Err(TrackerError::Forbidden {
            message: "only the author of issue #1 and users with push access may edit it".into()
        })
    );
    let untouched = octo.get_issue(1).unwrap();
    assert_eq!(
        (
            untouched.title.as_str(),
            untouched.state,
            label_names(&untouched)
        ),
        ("octo's", IssueState::Open, vec!["kept"])
    );
    assert_eq!(untouched.body.as_deref(), Some("body of octo's"));
    assert!(matches!(
        stranger.update_issue(9, &edit, None),
        Err(TrackerError::NotFound { .. })
    ));

    let carl = octo.as_user("carl").unwrap();
    let edited = carl.update_issue(1, &edit, None).unwrap();
    assert_eq!((edited.title.as_str(), edited.body), ("mine now", None));
    assert!(edited.labels.is_empty());
    let own = stranger.create_issue(&new_issue("own", &[])).unwrap();
    let reopened = IssuePatch {
        state: Some(IssueState::Open),
        ..edit
    };
    assert_eq!(
        stranger
            .update_issue(own.number, &reopened, None)
            .unwrap()
            .title,
        "mine now"
    );
}

fn label_names(issue: &crate::tracker::Issue) -> Vec<&str> {
    issue.label_names().collect()
}

#[test]
fn closing_and_reopening_follow_github() {
    let (db, tracker) = setup();
    db.set_role(tracker.repo_id(), "mia", Role::Member).unwrap();
    tracker.create_issue(&new_issue("obj", &[])).unwrap();
    let closed = tracker.update_issue(1, &close(None), None).unwrap();
    assert_eq!(closed.state, IssueState::Closed);
    assert_eq!(closed.state_reason, Some(StateReason::Completed));
    assert_eq!(closed.closed_at, Some(closed.updated_at));
    let extras = tracker.issue_extras(1).unwrap();
    assert_eq!(extras.closed_by.unwrap().login, "octo");

    // A reason without a change of state is ignored.
    let again = tracker
        .update_issue(1, &close(Some(StateReason::NotPlanned)), None)
        .unwrap();
    assert_eq!(again.state_reason, Some(StateReason::Completed));

    let reopen = IssuePatch {
        state: Some(IssueState::Open),
        ..IssuePatch::default()
    };
    let reopened = tracker.update_issue(1, &reopen, None).unwrap();
    assert_eq!(reopened.state_reason, Some(StateReason::Reopened));
    assert_eq!(reopened.closed_at, None);
    assert_eq!(tracker.issue_extras(1).unwrap().closed_by, None);

    let mia = tracker.as_user("mia").unwrap();
    let not_planned = mia
        .update_issue(1, &close(Some(StateReason::NotPlanned)), None)
        .unwrap();
    assert_eq!(not_planned.state_reason, Some(StateReason::NotPlanned));
    assert_eq!(
        tracker.issue_extras(1).unwrap().closed_by.unwrap().login,
        "mia"
    );
}

#[test]
fn a_guard_applies_the_patch_only_while_the_title_matches() {
    let (_db, tracker) = setup();
    tracker
        .create_issue(&new_issue("Stored Object: a", &["old"]))
        .unwrap();
    let patch = IssuePatch {
        title: Some("Stored Object: a [v2@1]".into()),
        body: Some(Some("{}".into())),
        state: Some(IssueState::Closed),
        labels: Some(names(&["new"])),
        ..IssuePatch::default()
    };
    let stale = IssueGuard {
        title: "Stored Object: a [v1@0]".into(),
    };
    assert_eq!(
        tracker.update_issue(1, &patch, Some(&stale)),
        Err(TrackerError::GuardFailed)
    );
    let unchanged = tracker.get_issue(1).unwrap();
    assert_eq!(unchanged.title, "Stored Object: a");
    assert_eq!(unchanged.state, IssueState::Open);
    assert_eq!(unchanged.label_names().collect::<Vec<_>>(), ["old"]);
    assert_eq!(tracker.get_label("new").unwrap(), None);

    let current = IssueGuard {
        title: "Stored Object: a".into(),
    };
    let updated = tracker.update_issue(1, &patch, Some(&current)).unwrap();
    assert_eq!(updated.title, "Stored Object: a [v2@1]");
    assert_eq!(updated.body.as_deref(), Some("{}"));
    assert_eq!(updated.label_names().collect::<Vec<_>>(), ["new"]);
}

#[test]
fn updated_at_moves_on_edits_comments_and_labels_but_not_reactions() {
    let (db, tracker) = setup();
    tracker.create_issue(&new_issue("obj", &[])).unwrap();
    let comment = tracker.create_comment(1, "first").unwrap();
    let now = Timestamp::now();
    let updated_at = || tracker.get_issue(1).unwrap().updated_at;
    let bumps = |what: &str, change: &dyn Fn()| {
        rewind_clock(&db);
        change();
        assert!(updated_at() >= now, "{what} should bump updated_at");
    };
    bumps("a comment", &|| {
        tracker.create_comment(1, "second").unwrap();
    });
    bumps("a comment edit", &|| {
        tracker.update_comment(comment.id, "edited").unwrap();
    });
    bumps("a label", &|| {
        tracker.add_labels(1, &names(&["l"])).unwrap();
    });
    bumps("a label removal", &|| {
        tracker.remove_label(1, "L").unwrap();
    });
    bumps("a title", &|| {
        let patch = IssuePatch {
            title: Some("renamed".into()),
            ..IssuePatch::default()
        };
        tracker.update_issue(1, &patch, None).unwrap();
    });
    bumps("closing", &|| {
        tracker.update_issue(1, &close(None), None).unwrap();
    });
    bumps("a comment deletion", &|| {
        tracker.delete_comment(comment.id).unwrap();
    });

    rewind_clock(&db);
    let before = updated_at();
    let second = tracker.list_comments(1, None, None).unwrap().items[0].id;
    tracker
        .add_reaction(second, ReactionContent::Rocket)
        .unwrap();
    tracker.set_labels(1, &[]).unwrap();
    let same = IssuePatch {
        title: Some("renamed".into()),
        ..IssuePatch::default()
    };
    tracker.update_issue(1, &same, None).unwrap();
    assert_eq!(updated_at(), before, "reactions and no-op changes leave it");
}

#[test]
fn locking_is_reported_in_the_extras() {
    let (_db, tracker) = setup();
    tracker.create_issue(&new_issue("obj", &[])).unwrap();
    assert!(!tracker.issue_extras(1).unwrap().locked);
    tracker.set_locked(1, true).unwrap();
    assert!(tracker.issue_extras(1).unwrap().locked);
    // Only users with push access lock and unlock, even their own issues.
    let stranger = tracker.as_user("stranger").unwrap();
    stranger.create_issue(&new_issue("own", &[])).unwrap();
    for (number, locked) in [(1, false), (2, true)] {
        assert!(matches!(
            stranger.set_locked(number, locked),
            Err(TrackerError::Forbidden { .. })
        ));
        assert_eq!(tracker.issue_extras(number).unwrap().locked, !locked);
    }
    assert!(matches!(
        tracker.set_locked(9, true),
        Err(TrackerError::NotFound { .. })
    ));
}
