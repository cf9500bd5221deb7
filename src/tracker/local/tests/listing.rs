use std::time::{Duration, Instant};

use super::*;
use crate::tracker::{
    paginate, Direction, Issue, IssuePatch, IssueQuery, IssueSort, IssueState, PageToken,
    StateFilter, Tracker,
};

fn numbers(issues: &[Issue]) -> Vec<u64> {
    issues.iter().map(|i| i.number).collect()
}

fn all_states() -> IssueQuery {
    IssueQuery {
        state: StateFilter::All,
        ..IssueQuery::default()
    }
}

fn list(tracker: &LocalTracker, query: &IssueQuery) -> Vec<u64> {
    numbers(&tracker.list_issues(query, None).unwrap().items)
}

#[test]
fn labels_filter_with_and_ignoring_case_and_unknown_labels_match_nothing() {
    let (_db, tracker) = setup();
    tracker
        .create_issue(&new_issue("a", &["gh-store", "stored-object"]))
        .unwrap();
    tracker
        .create_issue(&new_issue("b", &["gh-store"]))
        .unwrap();
    tracker
        .create_issue(&new_issue("c", &["stored-object", "gh-store", "archived"]))
        .unwrap();
    let with = |labels: &[&str]| IssueQuery {
        labels: names(labels),
        ..all_states()
    };
    assert_eq!(list(&tracker, &with(&["gh-store"])), [3, 2, 1]);
    assert_eq!(
        list(&tracker, &with(&["gh-store", "stored-object"])),
        [3, 1]
    );
    assert_eq!(
        list(&tracker, &with(&["GH-Store", "Stored-Object", "archived"])),
        [3]
    );
    assert_eq!(list(&tracker, &with(&["gh-store", "gh-store"])), [3, 2, 1]);
    assert!(list(&tracker, &with(&["gh-store", "no-such-label"])).is_empty());
    let numbered = tracker
        .list_issues_numbered(
            &with(&["nope"]),
            PageNumber {
                page: 1,
                per_page: 30,
            },
        )
        .unwrap();
    assert_eq!((numbered.items.len(), numbered.total), (0, 0));
    // Labels come with each listed issue.
    let listed = tracker
        .list_issues(&with(&["archived"]), None)
        .unwrap()
        .items;
    assert_eq!(
        listed[0].label_names().collect::<Vec<_>>(),
        ["archived", "gh-store", "stored-object"]
    );
}

#[test]
fn state_since_sort_and_direction_filter_and_order() {
    let (db, tracker) = setup();
    for title in ["one", "two", "three", "four"] {
        tracker.create_issue(&new_issue(title, &[])).unwrap();
    }
    let close = IssuePatch {
        state: Some(IssueState::Closed),
        ..IssuePatch::default()
    };
    tracker.update_issue(2, &close, None).unwrap();
    assert_eq!(
        list(&tracker, &IssueQuery::default()),
        [4, 3, 1],
        "open by default"
    );
    let closed = IssueQuery {
        state: StateFilter::Closed,
        ..IssueQuery::default()
    };
    assert_eq!(list(&tracker, &closed), [2]);

    // Distinct times: created 1..4 hours ago in number order, updated in reverse.
    execute(
        &db,
        "UPDATE issues SET created_at = created_at - 3600 * (5 - number),
                           updated_at = updated_at - 3600 * number",
    );
    tracker.create_comment(1, "a").unwrap();
    tracker.create_comment(1, "b").unwrap();
    tracker.create_comment(3, "c").unwrap();
    let sorted = |sort, direction| IssueQuery {
        sort,
        direction,
        ..all_states()
    };
    assert_eq!(
        list(&tracker, &sorted(IssueSort::Created, Direction::Asc)),
        [1, 2, 3, 4]
    );
    assert_eq!(
        list(&tracker, &sorted(IssueSort::Updated, Direction::Desc)),
        [3, 1, 2, 4]
    );
    // Equal comment counts fall back to the number, in the same direction.
    assert_eq!(
        list(&tracker, &sorted(IssueSort::Comments, Direction::Desc)),
        [1, 3, 4, 2]
    );
    assert_eq!(
        list(&tracker, &sorted(IssueSort::Comments, Direction::Asc)),
        [2, 4, 3, 1]
    );

    // Exactly #2's time (about two hours ago): `now` read here could be a second later.
    let since = IssueQuery {
        since: Some(tracker.get_issue(2).unwrap().updated_at),
        ..all_states()
    };
    assert_eq!(
        list(&tracker, &since),
        [3, 2, 1],
        "since compares updated_at, inclusive"
    );
}

#[test]
fn pages_hold_at_most_100_and_the_next_token_walks_them_all() {
    let (db, tracker) = setup();
    let author = tracker.repository().unwrap().owner.id;
    execute(
        &db,
        &format!(
            "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 250)
             INSERT INTO issues (repo_id, number, title, state, author_id, created_at, updated_at)
             SELECT {}, x, 'issue ' || x, 'open', {author}, 1700000000, 1700000000 FROM n",
            tracker.repo_id()
        ),
    );
    let query = IssueQuery {
        per_page: 1000,
        ..IssueQuery::default()
    };
    let first = tracker.list_issues(&query, None).unwrap();
    assert_eq!(first.items.len(), 100, "per_page is clamped to 100");
    assert_eq!(
        first.items[0].number, 250,
        "equal times: by number, descending"
    );
    let next = first.next.unwrap();
    let second = tracker.list_issues(&query, Some(&next)).unwrap();
    assert_eq!(second.items[0].number, 150);

    let everything: Vec<u64> = paginate(|page| tracker.list_issues(&query, page))
        .map(|issue| issue.unwrap().number)
        .collect();
    assert_eq!(everything, (1..=250).rev().collect::<Vec<_>>());

    let numbered = tracker
        .list_issues_numbered(
            &query,
            PageNumber {
                page: 3,
                per_page: 0,
            },
        )
        .unwrap();
    assert_eq!(
        (numbered.items.len(), numbered.total),
        (1, 250),
        "per_page 0 means 1"
    );
    assert_eq!(numbered.items[0].number, 248);
    let past_the_end = tracker
        .list_issues_numbered(
            &query,
            PageNumber {
                page: 9,
                per_page: 100,
            },
        )
        .unwrap();
    assert_eq!((past_the_end.items.len(), past_the_end.total), (0, 250));
    assert!(tracker
        .list_issues(&query, Some(&PageToken("after=xyz".into())))
        .is_err());
}

#[test]
fn a_page_of_100_from_10000_labelled_issues_takes_milliseconds() {
    let (db, tracker) = setup();
    seed_objects(&db, &tracker, 10_000);
    let query = IssueQuery {
        labels: names(&["gh-store", "stored-object"]),
        ..all_states()
    };
    let timed = |query: &IssueQuery, page: u32| {
        let started = Instant::now();
        let listed = tracker
            .list_issues_numbered(
                query,
                PageNumber {
                    page,
                    per_page: 100,
                },
            )
            .unwrap();
        (listed, started.elapsed())
    };
    // Generous bounds for an unoptimised debug build; a scan per row would take seconds.
    let limit = Duration::from_millis(500);
    let (first, took) = timed(&query, 1);
    assert_eq!((first.items.len(), first.total), (100, 10_000));
    assert_eq!(first.items[0].number, 10_000);
    assert_eq!(first.items[0].labels.len(), 3);
    assert!(took < limit, "first page took {took:?}");
    let (deep, took) = timed(&query, 80);
    assert_eq!(deep.items[0].number, 2_100);
    assert!(took < limit, "page 80 took {took:?}");
    let one = IssueQuery {
        labels: names(&["gh-store", "UID:4242"]),
        ..all_states()
    };
    let (found, took) = timed(&one, 1);
    assert_eq!(numbers(&found.items), [4242]);
    assert!(took < limit, "one object took {took:?}");
    let updated = IssueQuery {
        sort: IssueSort::Updated,
        state: StateFilter::Open,
        ..query
    };
    let (open, took) = timed(&updated, 1);
    assert_eq!(open.items[0].number, 10_000);
    assert!(took < limit, "sorted by update took {took:?}");
}

/// `count` issues as gh-store makes them: two shared labels and one `UID:<number>` label
/// each; every third one closed, two created per second.
fn seed_objects(db: &LocalDb, tracker: &LocalTracker, count: u64) {
    tracker.create_label("gh-store", None, None).unwrap();
    tracker.create_label("stored-object", None, None).unwrap();
    let (repo, author) = (tracker.repo_id(), tracker.repository().unwrap().owner.id);
    // What gh-store makes: two shared labels and one `UID:<id>` label per issue.
    execute(
        db,
        &format!(
            "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < {count})
             INSERT INTO issues (repo_id, number, title, state, author_id, created_at, updated_at)
             SELECT {repo}, x, 'Stored Object: ' || x,
                    CASE WHEN x % 3 = 0 THEN 'closed' ELSE 'open' END,
                    {author}, 1700000000 + x / 2, 1700000000 + x FROM n;
             INSERT INTO labels (repo_id, name, name_key, color)
             SELECT {repo}, 'UID:' || number, 'uid:' || number, 'ededed' FROM issues;
             INSERT INTO issue_labels (issue_id, label_id)
             SELECT i.id, l.id FROM issues i JOIN labels l
               ON l.repo_id = {repo} AND l.name_key IN ('gh-store', 'stored-object');
             INSERT INTO issue_labels (issue_id, label_id)
             SELECT id, (SELECT l.id FROM labels l
                         WHERE l.repo_id = {repo} AND l.name_key = 'uid:' || number)
             FROM issues;"
        ),
    );
}

#[test]
fn one_object_is_found_through_its_uid_label_not_by_scanning_the_objects() {
    let (db, tracker) = setup();
    seed_objects(&db, &tracker, 2_000);
    let plan = |labels: &[&str]| {
        let query = IssueQuery {
            labels: names(labels),
            direction: Direction::Asc,
            ..all_states()
        };
        db.read(|conn| super::super::issues::query_plan(conn, tracker.repo_id(), &query))
            .unwrap()
    };
    // The store's per-object lookup: the rare label's rows first, then each issue by id.
    let one = plan(&["stored-object", "UID:1234"]);
    let steps: Vec<&str> = one.lines().collect();
    assert!(
        steps[0].contains("issue_labels_by_label (label_id=?)"),
        "{one}"
    );
    assert!(
        !one.contains("SCAN i") && !one.contains("issues_by_created"),
        "{one}"
    );
    // Every object: walking the sort index, no sort of 2,000 rows per page.
    let all = plan(&["gh-store", "stored-object"]);
    assert!(all.contains("issues_by_created"), "{all}");
    assert!(!all.contains("TEMP B-TREE"), "{all}");
}

#[test]
fn pages_after_a_cursor_list_every_issue_once_in_order_with_ties() {
    let (db, tracker) = setup();
    // Two issues per second of `created_at`: pages end inside a tie.
    seed_objects(&db, &tracker, 250);
    for sort in [IssueSort::Created, IssueSort::Updated, IssueSort::Comments] {
        for direction in [Direction::Asc, Direction::Desc] {
            let query = IssueQuery {
                labels: names(&["stored-object"]),
                sort,
                direction,
                per_page: 100,
                ..all_states()
            };
            let by_cursor: Vec<u64> = paginate(|page| tracker.list_issues(&query, page))
                .map(|issue| issue.unwrap().number)
                .collect();
            let by_number: Vec<u64> = (1..=3)
                .flat_map(|page| {
                    let listed = tracker
                        .list_issues_numbered(
                            &query,
                            PageNumber {
                                page,
                                per_page: 100,
                            },
                        )
                        .unwrap();
                    numbers(&listed.items)
                })
                .collect();
            assert_eq!(by_cursor.len(), 250, "{sort:?} {direction:?}");
            assert_eq!(by_cursor, by_number, "{sort:?} {direction:?}");
        }
    }
    let first = tracker
        .list_issues(
            &IssueQuery {
                labels: names(&["stored-object"]),
                per_page: 100,
                ..all_states()
            },
            None,
        )
        .unwrap();
    assert_eq!(first.items.len(), 100);
    assert!(first.next.is_some());
}
