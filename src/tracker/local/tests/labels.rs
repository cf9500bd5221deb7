use super::*;
use crate::tracker::Tracker;

#[test]
fn label_names_are_unique_ignoring_case_and_keep_their_case() {
    let (_db, tracker) = setup();
    let label = tracker
        .create_label("Stored-Object", Some("BADA55"), Some("objects"))
        .unwrap();
    assert_eq!(label.color, "BADA55");
    assert!(!label.default);
    let message = invalid_message(tracker.create_label("stored-OBJECT", None, None));
    assert!(message.contains("already_exists"), "{message}");
    let found = tracker.get_label("STORED-object").unwrap().unwrap();
    assert_eq!(found, label);
    assert_eq!(tracker.get_label("missing").unwrap(), None);
    // Case folding is not limited to ASCII.
    tracker.create_label("Ärger", None, None).unwrap();
    invalid_message(tracker.create_label("ärger", None, None));
    assert_eq!(tracker.get_label("ÄRGER").unwrap().unwrap().name, "Ärger");
}

#[test]
fn labels_are_validated_like_github() {
    let (_db, tracker) = setup();
    let message = invalid_message(tracker.create_label(&"n".repeat(51), None, None));
    assert_eq!(message, "name is too long (maximum is 50 characters)");
    assert!(tracker.create_label(&"ü".repeat(50), None, None).is_ok());
    for color in ["#ff0000", "fff", "gggggg", "ff00001"] {
        let message = invalid_message(tracker.create_label("c", Some(color), None));
        assert!(message.contains("invalid"), "{message}");
    }
    let message = invalid_message(tracker.create_label("d", None, Some(&"x".repeat(101))));
    assert!(message.contains("100"), "{message}");
    invalid_message(tracker.create_label("", None, None));
    // An issue naming an overlong label is refused too.
    let message = invalid_message(tracker.create_issue(&new_issue("x", &[&"n".repeat(51)])));
    assert!(message.contains("50"), "{message}");
}

#[test]
fn labels_can_be_renamed_recoloured_and_deleted() {
    let (_db, tracker) = setup();
    tracker.create_issue(&new_issue("obj", &["wip"])).unwrap();
    let renamed = tracker
        .update_label(
            "WIP",
            Some("Work In Progress"),
            Some("00ff00"),
            Some("busy"),
        )
        .unwrap();
    assert_eq!(renamed.name, "Work In Progress");
    assert_eq!(renamed.color, "00ff00");
    assert_eq!(renamed.description.as_deref(), Some("busy"));
    assert_eq!(tracker.issue_labels(1).unwrap(), vec![renamed.clone()]);
    // A change of case only is allowed; taking another label's name is not.
    let recased = tracker
        .update_label("work in progress", Some("work in progress"), None, None)
        .unwrap();
    assert_eq!(
        (recased.name.as_str(), recased.color.as_str()),
        ("work in progress", "00ff00")
    );
    assert_eq!(recased.description.as_deref(), Some("busy"));
    let message =
        invalid_message(tracker.update_label("bug", Some("Work in Progress"), None, None));
    assert!(message.contains("already_exists"), "{message}");

    tracker.delete_label("work in progress").unwrap();
    assert_eq!(tracker.issue_labels(1).unwrap(), vec![]);
    assert!(matches!(
        tracker.delete_label("work in progress"),
        Err(TrackerError::NotFound { .. })
    ));
    assert!(matches!(
        tracker.update_label("nope", None, None, None),
        Err(TrackerError::NotFound { .. })
    ));
}

#[test]
fn issue_labels_are_added_replaced_removed_and_cleared() {
    let (_db, tracker) = setup();
    tracker.create_issue(&new_issue("obj", &["zeta"])).unwrap();
    let labels = tracker
        .add_labels(1, &names(&["alpha", "ZETA", "Mid"]))
        .unwrap();
    let listed: Vec<&str> = labels.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(
        listed,
        ["alpha", "Mid", "zeta"],
        "sorted by name, ignoring case"
    );

    let labels = tracker.set_labels(1, &names(&["bug", "new one"])).unwrap();
    assert_eq!(labels.len(), 2);
    assert_eq!(
        tracker.get_label("new one").unwrap().unwrap().color,
        "ededed"
    );

    let remaining = tracker.remove_label(1, "BUG").unwrap();
    assert_eq!(remaining.len(), 1);
    assert_eq!(
        tracker.remove_label(1, "bug"),
        Err(TrackerError::NotFound {
            what: "Label".into()
        })
    );
    tracker.clear_labels(1).unwrap();
    assert_eq!(tracker.issue_labels(1).unwrap(), vec![]);
    assert!(
        tracker.get_label("bug").unwrap().is_some(),
        "labels outlive their use"
    );
    assert!(matches!(
        tracker.add_labels(7, &names(&["x"])),
        Err(TrackerError::NotFound { .. })
    ));
}

#[test]
fn label_writes_need_push_access() {
    let (db, octo) = setup();
    db.set_role(octo.repo_id(), "carl", crate::tracker::local::Role::Member)
        .unwrap();
    octo.create_label("kept", None, None).unwrap();
    let stranger = octo.as_user("stranger").unwrap();
    // Not even on an issue of their own.
    stranger.create_issue(&new_issue("own", &[])).unwrap();
    octo.add_labels(1, &names(&["kept"])).unwrap();
    let refused = |result: TrackerResult<_>| -> String {
        match result {
            Err(TrackerError::Forbidden { message }) => message,
            other => panic!("expected Forbidden, got {other:?}"),
        }
    };
    assert_eq!(
        refused(stranger.create_label("new", None, None).map(drop)),
        "only users with push access may create labels"
    );
    refused(
        stranger
            .update_label("kept", Some("renamed"), None, None)
            .map(drop),
    );
    refused(stranger.delete_label("kept"));
    assert_eq!(
        refused(stranger.add_labels(1, &names(&["new"])).map(drop)),
        "only users with push access may change the labels of issue #1"
    );
    refused(stranger.set_labels(1, &names(&["new"])).map(drop));
    refused(stranger.remove_label(1, "kept").map(drop));
    refused(stranger.clear_labels(1));
    assert_eq!(octo.get_label("new").unwrap(), None);
    assert_eq!(octo.get_label("kept").unwrap().unwrap().name, "kept");
    assert_eq!(octo.issue_labels(1).unwrap().len(), 1);

    let carl = octo.as_user("carl").unwrap();
    carl.create_label("new", None, None).unwrap();
    carl.set_labels(1, &names(&["new", "kept"])).unwrap();
    carl.delete_label("kept").unwrap();
    assert_eq!(octo.issue_labels(1).unwrap()[0].name, "new");
}

#[test]
fn repository_labels_are_listed_by_name_in_pages() {
    let (_db, tracker) = setup();
    tracker.create_label("aaa", None, None).unwrap();
    let first = tracker
        .list_labels(PageNumber {
            page: 1,
            per_page: 4,
        })
        .unwrap();
    assert_eq!(first.total, 10);
    let names: Vec<&str> = first.items.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(names, ["aaa", "bug", "documentation", "duplicate"]);
    let last = tracker
        .list_labels(PageNumber {
            page: 3,
            per_page: 4,
        })
        .unwrap();
    assert_eq!(last.items.len(), 2);
}
