use super::*;
use crate::timestamp::Timestamp;
use crate::tracker::local::CommentSort;
use crate::tracker::{paginate, Direction, ReactionContent, Tracker};

fn bodies(comments: &[crate::tracker::Comment]) -> Vec<&str> {
    comments.iter().map(|c| c.body.as_str()).collect()
}

#[test]
fn comments_list_in_ascending_ids_in_pages_of_100() {
    let (_db, tracker) = setup();
    tracker.create_issue(&new_issue("obj", &[])).unwrap();
    tracker.create_issue(&new_issue("other", &[])).unwrap();
    tracker.create_comment(2, "elsewhere").unwrap();
    for i in 0..230 {
        tracker.create_comment(1, &format!("update {i}")).unwrap();
    }
    assert_eq!(tracker.get_issue(1).unwrap().comments, 230);
    let first = tracker.list_comments(1, None, None).unwrap();
    assert_eq!(first.items.len(), 100);
    assert!(first.next.is_some());
    let all: Vec<_> = paginate(|page| tracker.list_comments(1, None, page))
        .collect::<TrackerResult<_>>()
        .unwrap();
    assert_eq!(all.len(), 230);
    assert!(all.windows(2).all(|pair| pair[0].id < pair[1].id));
    assert_eq!(all[229].body, "update 229");
    let page = tracker
        .list_comments_numbered(
            1,
            None,
            PageNumber {
                page: 3,
                per_page: 100,
            },
        )
        .unwrap();
    assert_eq!((page.items.len(), page.total), (30, 230));
    assert!(matches!(
        tracker.list_comments(9, None, None),
        Err(TrackerError::NotFound { .. })
    ));
}

#[test]
fn since_returns_comments_created_or_edited_at_or_after_it() {
    let (db, tracker) = setup();
    tracker.create_issue(&new_issue("obj", &[])).unwrap();
    let old = tracker.create_comment(1, "old").unwrap();
    tracker.create_comment(1, "old, untouched").unwrap();
    rewind_clock(&db);
    let since = Timestamp::now();
    tracker.create_comment(1, "new").unwrap();
    let edited = tracker.update_comment(old.id, "old, edited").unwrap().1;
    assert!(edited.updated_at > edited.created_at);
    let recent = tracker.list_comments(1, Some(since), None).unwrap().items;
    assert_eq!(bodies(&recent), ["old, edited", "new"]);
}

#[test]
fn repository_comments_sort_by_creation_or_update_in_either_direction() {
    let (db, tracker) = setup();
    tracker.create_issue(&new_issue("a", &[])).unwrap();
    tracker.create_issue(&new_issue("b", &[])).unwrap();
    let first = tracker.create_comment(2, "first").unwrap();
    tracker.create_comment(1, "second").unwrap();
    tracker.create_comment(2, "third").unwrap();
    rewind_clock(&db);
    let edited_at = tracker
        .update_comment(first.id, "first, edited")
        .unwrap()
        .1
        .updated_at;
    let page = PageNumber {
        page: 1,
        per_page: 30,
    };
    let listed = |sort, direction, since| {
        let page = tracker
            .list_repo_comments(sort, direction, since, page)
            .unwrap();
        page.items
            .into_iter()
            .map(|(number, c)| (number, c.body))
            .collect::<Vec<_>>()
    };
    let by_id = listed(CommentSort::Id, Direction::Desc, None);
    assert_eq!(
        by_id,
        [
            (2, "first, edited".into()),
            (1, "second".into()),
            (2, "third".into())
        ],
        "ascending ids whatever the direction"
    );
    let by_created = listed(CommentSort::Created, Direction::Desc, None);
    assert_eq!(by_created[0].1, "third");
    let by_updated = listed(CommentSort::Updated, Direction::Asc, None);
    assert_eq!(by_updated[2].1, "first, edited");
    // The edit's own time: a clock read now could be a second later.
    let since = listed(CommentSort::Updated, Direction::Asc, Some(edited_at));
    assert_eq!(since, [(2, "first, edited".into())]);
}

#[test]
fn comments_are_read_edited_and_deleted_by_id() {
    let (_db, tracker) = setup();
    tracker.create_issue(&new_issue("obj", &[])).unwrap();
    let comment = tracker.create_comment(1, "hello").unwrap();
    assert_eq!(comment.author_login(), Some("octo"));
    assert_eq!(tracker.get_issue(1).unwrap().updated_at, comment.created_at);
    assert_eq!(
        tracker.get_comment(comment.id).unwrap(),
        (1, comment.clone())
    );
    let (number, edited) = tracker.update_comment(comment.id, "bye").unwrap();
    assert_eq!(
        (number, edited.body.as_str(), edited.id),
        (1, "bye", comment.id)
    );
    tracker.delete_comment(comment.id).unwrap();
    assert_eq!(tracker.get_issue(1).unwrap().comments, 0);
    let missing = TrackerError::NotFound {
        what: format!("comment {}", comment.id),
    };
    assert_eq!(tracker.get_comment(comment.id), Err(missing.clone()));
    assert_eq!(tracker.delete_comment(comment.id), Err(missing));
}

#[test]
fn comments_are_edited_and_deleted_by_their_authors_and_users_with_push_access_only() {
    let (db, octo) = setup();
    db.set_role(
        octo.repo_id(),
        "carl",
        crate::tracker::local::Role::Collaborator,
    )
    .unwrap();
    octo.create_issue(&new_issue("obj", &[])).unwrap();
    let by_octo = octo.create_comment(1, "octo's").unwrap();
    let stranger = octo.as_user("stranger").unwrap();
    let refusal = TrackerError::Forbidden {
        message: format!(
            "only the author of comment {} and users with push access may edit it",
            by_octo.id
        ),
    };
    assert_eq!(stranger.update_comment(by_octo.id, "mine"), Err(refusal));
    assert!(matches!(
        stranger.delete_comment(by_octo.id),
        Err(TrackerError::Forbidden { .. })
    ));
    assert_eq!(octo.get_comment(by_octo.id).unwrap().1.body, "octo's");
    assert_eq!(octo.get_issue(1).unwrap().comments, 1);

    let by_stranger = stranger.create_comment(1, "stranger's").unwrap();
    stranger.update_comment(by_stranger.id, "edited").unwrap();
    stranger.delete_comment(by_stranger.id).unwrap();
    let carl = octo.as_user("carl").unwrap();
    carl.update_comment(by_octo.id, "moderated").unwrap();
    carl.delete_comment(by_octo.id).unwrap();
    assert_eq!(octo.get_issue(1).unwrap().comments, 0);
}

#[test]
fn comment_bodies_are_required_and_limited_and_a_refusal_writes_nothing() {
    let (_db, tracker) = setup();
    tracker.create_issue(&new_issue("obj", &[])).unwrap();
    invalid_message(tracker.create_comment(1, ""));
    invalid_message(tracker.create_comment(1, " \n"));
    let message = invalid_message(tracker.create_comment(1, &"a".repeat(65_537)));
    assert_eq!(message, "Body is too long (maximum is 65536 characters)");
    assert_eq!(tracker.get_issue(1).unwrap().comments, 0);
    let comment = tracker.create_comment(1, "fine").unwrap();
    invalid_message(tracker.update_comment(comment.id, &"é".repeat(65_537)));
    assert_eq!(tracker.get_comment(comment.id).unwrap().1.body, "fine");
}

#[test]
fn a_repeated_reaction_returns_the_existing_one_and_rollups_follow() {
    let (_db, octo) = setup();
    octo.create_issue(&new_issue("obj", &[])).unwrap();
    let comment = octo.create_comment(1, "update").unwrap();
    let first = octo.react(comment.id, ReactionContent::PlusOne).unwrap();
    assert!(first.created);
    assert_eq!(first.reaction.user.as_ref().unwrap().login, "octo");
    let repeat = octo.react(comment.id, ReactionContent::PlusOne).unwrap();
    assert_eq!((repeat.created, &repeat.reaction), (false, &first.reaction));
    let bot = octo.as_user("github-actions[bot]").unwrap();
    bot.add_reaction(comment.id, ReactionContent::PlusOne)
        .unwrap();
    let rocket = bot
        .add_reaction(comment.id, ReactionContent::Rocket)
        .unwrap();

    let rollup = octo.get_comment(comment.id).unwrap().1.reactions;
    assert_eq!(
        (rollup.plus_one, rollup.rocket, rollup.total_count),
        (2, 1, 3)
    );
    let listed = octo.list_comments(1, None, None).unwrap().items;
    assert_eq!(listed[0].reactions, rollup);

    let plus_ones = octo
        .list_reactions_numbered(
            comment.id,
            Some(ReactionContent::PlusOne),
            PageNumber {
                page: 1,
                per_page: 100,
            },
        )
        .unwrap()
        .items;
    let who: Vec<_> = plus_ones
        .iter()
        .map(|r| r.user.as_ref().unwrap().login.as_str())
        .collect();
    assert_eq!(who, ["octo", "github-actions[bot]"]);
    let all = octo
        .list_reactions_numbered(
            comment.id,
            None,
            PageNumber {
                page: 1,
                per_page: 30,
            },
        )
        .unwrap();
    assert_eq!(all.total, 3);

    octo.delete_reaction(comment.id, rocket.reaction.id)
        .unwrap();
    let rollup = octo.get_comment(comment.id).unwrap().1.reactions;
    assert_eq!((rollup.rocket, rollup.total_count), (0, 2));
    assert_eq!(
        octo.delete_reaction(comment.id, rocket.reaction.id),
        Err(TrackerError::NotFound {
            what: format!("reaction {}", rocket.reaction.id)
        })
    );
    assert!(matches!(
        octo.react(1, ReactionContent::Eyes),
        Err(TrackerError::NotFound { .. })
    ));

    // Deleting the comment takes its reactions with it.
    octo.delete_comment(comment.id).unwrap();
    let left: i64 = octo
        .db
        .connection()
        .query_row("SELECT COUNT(*) FROM reactions", [], |row| row.get(0))
        .unwrap();
    assert_eq!(left, 0);
}
