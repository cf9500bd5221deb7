use super::*;
use crate::tracker::local::DefaultLabels;
use crate::tracker::local::{RepoLookup, Role};
use crate::tracker::{AuthorAssociation, Tracker};

#[test]
fn a_new_repository_has_an_owner_and_the_nine_default_labels() {
    let (db, tracker) = setup();
    let repo = tracker.repository().unwrap();
    assert_eq!(repo.full_name, "octo/store");
    assert_eq!(
        (repo.owner.login.as_str(), repo.owner.kind),
        ("octo", AccountKind::User)
    );
    assert_eq!(
        (repo.private, repo.default_branch.as_str()),
        (false, "main")
    );
    let labels = tracker
        .list_labels(PageNumber {
            page: 1,
            per_page: 100,
        })
        .unwrap();
    assert_eq!(labels.total, 9);
    let bug = &labels.items[0];
    assert_eq!(
        (bug.name.as_str(), bug.color.as_str(), bug.default),
        ("bug", "d73a4a", true)
    );
    assert!(labels
        .items
        .iter()
        .any(|l| l.name == "good first issue" && l.color == "7057ff"));

    // Ensuring again, in another case, finds the same repository and adds nothing.
    let again = db
        .ensure_repository("Octo/Store", AccountKind::User, DefaultLabels::GitHubs)
        .unwrap();
    assert_eq!(again, repo);
    assert_eq!(db.default_repository().unwrap(), Some(repo.clone()));
    assert_eq!(db.repository_by_id(repo.id).unwrap(), Some(repo));
    assert_eq!(db.repository_by_id(1).unwrap(), None);

    let org_repo = db
        .ensure_repository(
            "acme/bare",
            AccountKind::Organization,
            DefaultLabels::Without,
        )
        .unwrap();
    assert_eq!(org_repo.owner.kind, AccountKind::Organization);
    let bare = db.tracker(org_repo.id, "someone").unwrap();
    let labels = bare
        .list_labels(PageNumber {
            page: 1,
            per_page: 30,
        })
        .unwrap();
    assert_eq!(labels.total, 0);
}

#[test]
fn repository_names_must_be_owner_slash_name() {
    let db = LocalDb::open_in_memory().unwrap();
    for bad in ["store", "/store", "octo/", "octo/a/b", "oc to/store"] {
        invalid_message(db.ensure_repository(bad, AccountKind::User, DefaultLabels::Without));
    }
    assert!(matches!(
        db.tracker(42, "octo"),
        Err(TrackerError::NotFound { .. })
    ));
}

#[test]
fn find_repository_ignores_case_and_follows_renames() {
    let (db, tracker) = setup();
    let id = tracker.repo_id();
    let found = |owner: &str, name: &str| db.find_repository(owner, name).unwrap();
    assert!(matches!(found("OCTO", "sToRe"), RepoLookup::Found(r) if r.id == id));
    assert_eq!(found("octo", "nothing"), RepoLookup::Missing);

    let renamed = db.rename_repository(id, "newowner/archive").unwrap();
    assert_eq!(renamed.full_name, "newowner/archive");
    assert!(matches!(found("octo", "store"), RepoLookup::Renamed(r) if r == renamed));
    assert!(matches!(found("NewOwner", "Archive"), RepoLookup::Found(r) if r == renamed));
    assert!(tracker.describe().starts_with("newowner/archive in"));

    // A second rename keeps both old names redirecting; renaming back restores the name.
    db.rename_repository(id, "newowner/vault").unwrap();
    assert!(matches!(
        found("newowner", "archive"),
        RepoLookup::Renamed(_)
    ));
    assert!(matches!(found("octo", "store"), RepoLookup::Renamed(_)));
    db.rename_repository(id, "octo/store").unwrap();
    assert!(matches!(found("octo", "store"), RepoLookup::Found(r) if r.id == id));

    // A new repository may take an old name over; then the name is its own.
    db.rename_repository(id, "octo/moved").unwrap();
    let newcomer = db
        .ensure_repository("octo/store", AccountKind::User, DefaultLabels::Without)
        .unwrap();
    assert!(matches!(found("octo", "store"), RepoLookup::Found(r) if r == newcomer));
    let taken = invalid_message(db.rename_repository(id, "OCTO/STORE"));
    assert!(taken.contains("already exists"), "{taken}");
}

#[test]
fn users_are_unique_ignoring_case_and_bots_are_recognised() {
    let db = LocalDb::open_in_memory().unwrap();
    let alice = db.ensure_user("Alice", AccountKind::User).unwrap();
    let again = db.ensure_user("alice", AccountKind::User).unwrap();
    assert_eq!(again, alice);
    assert_eq!(again.login, "Alice");
    let bot = db
        .ensure_user("github-actions[bot]", AccountKind::User)
        .unwrap();
    assert_eq!(bot.kind, AccountKind::Bot);
    invalid_message(db.ensure_user("", AccountKind::User));
}

#[test]
fn author_association_is_computed_from_current_roles() {
    let (db, owner) = setup();
    let repo_id = owner.repo_id();
    db.set_role(repo_id, "mia", Role::Member).unwrap();
    db.set_role(repo_id, "carl", Role::Collaborator).unwrap();
    let cases = [
        ("octo", AuthorAssociation::Owner),
        ("mia", AuthorAssociation::Member),
        ("carl", AuthorAssociation::Collaborator),
        ("stranger", AuthorAssociation::None),
        ("github-actions[bot]", AuthorAssociation::None),
    ];
    for (login, expected) in cases {
        let tracker = owner.as_user(login).unwrap();
        let issue = tracker.create_issue(&new_issue(login, &[])).unwrap();
        assert_eq!(issue.author_login(), Some(login));
        let comment = tracker.create_comment(issue.number, "hi").unwrap();
        assert_eq!(issue.author_association, expected, "{login}");
        assert_eq!(comment.author_association, expected, "{login}");
    }
    // Roles are read at request time: a promotion shows on old issues and comments.
    db.set_role(repo_id, "stranger", Role::Collaborator)
        .unwrap();
    let issue = owner.get_issue(4).unwrap();
    assert_eq!(issue.author_login(), Some("stranger"));
    assert_eq!(issue.author_association, AuthorAssociation::Collaborator);
    let comments = owner.list_comments(4, None, None).unwrap().items;
    assert_eq!(
        comments[0].author_association,
        AuthorAssociation::Collaborator
    );
}

#[test]
fn roles_are_read_back_by_login() {
    let (db, owner) = setup();
    let repo_id = owner.repo_id();
    db.set_role(repo_id, "mia", Role::Member).unwrap();
    db.set_role(repo_id, "carl", Role::Collaborator).unwrap();
    assert_eq!(db.role(repo_id, "mia").unwrap(), Some(Role::Member));
    assert_eq!(db.role(repo_id, "CARL").unwrap(), Some(Role::Collaborator));
    // The owner owns the repository rather than holding a role in it.
    assert_eq!(db.role(repo_id, "octo").unwrap(), None);
    assert_eq!(db.role(repo_id, "nobody").unwrap(), None);
    db.set_role(repo_id, "mia", Role::Collaborator).unwrap();
    assert_eq!(db.role(repo_id, "mia").unwrap(), Some(Role::Collaborator));
    assert!(
        db.role(repo_id + 1000, "mia").is_err(),
        "no such repository"
    );
}

#[test]
fn files_are_found_by_exact_path() {
    let (db, tracker) = setup();
    db.put_file(tracker.repo_id(), ".github/CODEOWNERS", b"* @octo\n")
        .unwrap();
    db.put_file(tracker.repo_id(), ".github/CODEOWNERS", b"* @mia\n")
        .unwrap();
    assert_eq!(
        tracker.file_contents(".github/CODEOWNERS").unwrap(),
        Some(b"* @mia\n".to_vec())
    );
    assert_eq!(tracker.file_contents(".github/codeowners").unwrap(), None);
    assert_eq!(tracker.file_contents("CODEOWNERS").unwrap(), None);
}

#[test]
fn teams_list_their_members_and_unknown_teams_are_none() {
    let (db, tracker) = setup();
    db.add_team_member("acme", "admins", "zoe").unwrap();
    db.add_team_member("acme", "admins", "adam").unwrap();
    db.add_team_member("acme", "admins", "adam").unwrap();
    assert_eq!(
        tracker.team_members("ACME", "Admins").unwrap(),
        Some(vec!["adam".to_string(), "zoe".to_string()])
    );
    assert_eq!(tracker.team_members("acme", "writers").unwrap(), None);
    assert_eq!(tracker.team_members("other", "admins").unwrap(), None);
}
