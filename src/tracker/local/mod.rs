//! The local tracker: GitHub's issue model in one SQLite file.
//!
//! CONTRACT STUB: the signatures below are the agreed API (used by the store through the
//! [`Tracker`] trait and by `serve` directly). Bodies are implemented on the
//! `local-tracker` branch.
#![allow(unused_variables, dead_code)]

use std::path::Path;
use std::sync::Arc;

use crate::timestamp::Timestamp;
use crate::tracker::{
    AccountKind, Comment, Direction, Issue, IssueGuard, IssuePatch, IssueQuery, Label, NewIssue,
    Page, PageToken, Reaction, ReactionContent, Repository, Tracker, TrackerResult, User,
};

/// One SQLite database holding one or more repositories, their users, issues, labels,
/// comments, reactions and files. Shared by every [`LocalTracker`] handle (and every serve
/// thread) through an `Arc`.
pub struct LocalDb {}

/// What a repository name resolves to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RepoLookup {
    Found(Repository),
    /// The name is an old name of a renamed repository (GitHub answers 301/307).
    Renamed(Repository),
    Missing,
}

/// A repository role that decides `author_association` (the owner is `OWNER` by definition).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// `MEMBER`: a member of the owning organisation.
    Member,
    /// `COLLABORATOR`: invited to the repository.
    Collaborator,
}

/// A page chosen by number, as serve receives it (`?page=N&per_page=M`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageNumber {
    /// 1-based.
    pub page: u32,
    /// Clamped to 1..=100.
    pub per_page: u32,
}

/// One page plus the total, so that serve can write `rel="last"`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumberedPage<T> {
    pub items: Vec<T>,
    pub total: u64,
}

/// Sort for the repository-wide comment listing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CommentSort {
    /// Ascending id (GitHub's default when `sort` is absent).
    #[default]
    Id,
    Created,
    Updated,
}

/// Result of a reaction POST: GitHub answers 201 when new, 200 when the user already had it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReactionOutcome {
    pub reaction: Reaction,
    pub created: bool,
}

/// Extra issue fields serve needs to render GitHub's full JSON.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssueExtras {
    pub closed_by: Option<User>,
    pub locked: bool,
    pub reactions: crate::tracker::ReactionRollup,
}

impl LocalDb {
    /// Opens (creating if needed) the database at `path`: WAL, a busy timeout, schema created
    /// or migrated. A path that cannot be opened gives `TrackerError::Storage` naming it.
    pub fn open(path: &Path) -> TrackerResult<Arc<LocalDb>> {
        todo!()
    }

    /// A private in-memory database (tests).
    pub fn open_in_memory() -> TrackerResult<Arc<LocalDb>> {
        todo!()
    }

    /// The repository called `owner/name`, created if missing with `owner_kind` for its owner
    /// (and the nine default labels when `default_labels`).
    pub fn ensure_repository(
        &self,
        full_name: &str,
        owner_kind: AccountKind,
        default_labels: bool,
    ) -> TrackerResult<Repository> {
        todo!()
    }

    /// The first repository created in this database, if any.
    pub fn default_repository(&self) -> TrackerResult<Option<Repository>> {
        todo!()
    }

    /// Resolves `owner/name` case-insensitively, following old names of renamed repositories.
    pub fn find_repository(&self, owner: &str, name: &str) -> TrackerResult<RepoLookup> {
        todo!()
    }

    pub fn repository_by_id(&self, id: u64) -> TrackerResult<Option<Repository>> {
        todo!()
    }

    /// Renames a repository; the old name keeps resolving as [`RepoLookup::Renamed`].
    pub fn rename_repository(&self, id: u64, new_full_name: &str) -> TrackerResult<Repository> {
        todo!()
    }

    /// The user with this login (case-insensitive), created if missing.
    pub fn ensure_user(&self, login: &str, kind: AccountKind) -> TrackerResult<User> {
        todo!()
    }

    /// Gives `login` a role on the repository (creating the user if needed).
    pub fn set_role(&self, repo_id: u64, login: &str, role: Role) -> TrackerResult<()> {
        todo!()
    }

    /// Stores a file on the repository's default branch (e.g. `.github/CODEOWNERS`).
    pub fn put_file(&self, repo_id: u64, path: &str, contents: &[u8]) -> TrackerResult<()> {
        todo!()
    }

    /// Adds `login` to the team `org/slug` (creating the team if needed).
    pub fn add_team_member(&self, org: &str, slug: &str, login: &str) -> TrackerResult<()> {
        todo!()
    }

    /// A tracker for one repository acting as `actor` (created as a user if missing; a login
    /// ending in `[bot]` is a `Bot`).
    pub fn tracker(self: &Arc<Self>, repo_id: u64, actor: &str) -> TrackerResult<LocalTracker> {
        todo!()
    }
}

/// [`Tracker`] over a [`LocalDb`] for one repository and one acting user. Cheap to clone.
#[derive(Clone)]
pub struct LocalTracker {}

impl LocalTracker {
    pub fn repo_id(&self) -> u64 {
        todo!()
    }

    pub fn actor(&self) -> &User {
        todo!()
    }

    /// The same repository, acting as someone else.
    pub fn as_user(&self, login: &str) -> TrackerResult<LocalTracker> {
        todo!()
    }

    /// Issues by page number, with the total for `rel="last"`.
    pub fn list_issues_numbered(
        &self,
        query: &IssueQuery,
        page: PageNumber,
    ) -> TrackerResult<NumberedPage<Issue>> {
        todo!()
    }

    /// An issue with the fields only single-issue responses carry.
    pub fn issue_extras(&self, number: u64) -> TrackerResult<IssueExtras> {
        todo!()
    }

    pub fn list_comments_numbered(
        &self,
        number: u64,
        since: Option<Timestamp>,
        page: PageNumber,
    ) -> TrackerResult<NumberedPage<Comment>> {
        todo!()
    }

    /// `GET /repos/{o}/{r}/issues/comments`: every comment of the repository with its issue
    /// number.
    pub fn list_repo_comments(
        &self,
        sort: CommentSort,
        direction: Direction,
        since: Option<Timestamp>,
        page: PageNumber,
    ) -> TrackerResult<NumberedPage<(u64, Comment)>> {
        todo!()
    }

    /// A comment and the number of its issue.
    pub fn get_comment(&self, comment_id: u64) -> TrackerResult<(u64, Comment)> {
        todo!()
    }

    pub fn update_comment(&self, comment_id: u64, body: &str) -> TrackerResult<(u64, Comment)> {
        todo!()
    }

    pub fn delete_comment(&self, comment_id: u64) -> TrackerResult<()> {
        todo!()
    }

    pub fn list_labels(&self, page: PageNumber) -> TrackerResult<NumberedPage<Label>> {
        todo!()
    }

    /// 422-style `TrackerError::Invalid` for a duplicate (case-insensitive), a name over 50
    /// characters, a bad colour or a description over 100 characters.
    pub fn create_label(
        &self,
        name: &str,
        color: Option<&str>,
        description: Option<&str>,
    ) -> TrackerResult<Label> {
        todo!()
    }

    pub fn update_label(
        &self,
        name: &str,
        new_name: Option<&str>,
        color: Option<&str>,
        description: Option<&str>,
    ) -> TrackerResult<Label> {
        todo!()
    }

    pub fn delete_label(&self, name: &str) -> TrackerResult<()> {
        todo!()
    }

    pub fn issue_labels(&self, number: u64) -> TrackerResult<Vec<Label>> {
        todo!()
    }

    /// Adds labels (auto-created), returns the issue's full label list.
    pub fn add_labels(&self, number: u64, names: &[String]) -> TrackerResult<Vec<Label>> {
        todo!()
    }

    /// Replaces the label set (auto-created), returns it.
    pub fn set_labels(&self, number: u64, names: &[String]) -> TrackerResult<Vec<Label>> {
        todo!()
    }

    /// Removes one label; `TrackerError::NotFound { what: "Label" }` when it is not on the
    /// issue. Returns the remaining labels.
    pub fn remove_label(&self, number: u64, name: &str) -> TrackerResult<Vec<Label>> {
        todo!()
    }

    pub fn clear_labels(&self, number: u64) -> TrackerResult<()> {
        todo!()
    }

    pub fn list_reactions_numbered(
        &self,
        comment_id: u64,
        content: Option<ReactionContent>,
        page: PageNumber,
    ) -> TrackerResult<NumberedPage<Reaction>> {
        todo!()
    }

    /// Like [`Tracker::add_reaction`], telling whether the reaction is new.
    pub fn react(
        &self,
        comment_id: u64,
        content: ReactionContent,
    ) -> TrackerResult<ReactionOutcome> {
        todo!()
    }

    pub fn delete_reaction(&self, comment_id: u64, reaction_id: u64) -> TrackerResult<()> {
        todo!()
    }

    /// Sets `locked` (`PUT /repos/{o}/{r}/issues/{n}/lock`).
    pub fn set_locked(&self, number: u64, locked: bool) -> TrackerResult<()> {
        todo!()
    }
}

impl Tracker for LocalTracker {
    fn describe(&self) -> String {
        todo!()
    }

    fn repository(&self) -> TrackerResult<Repository> {
        todo!()
    }

    fn list_issues(
        &self,
        query: &IssueQuery,
        page: Option<&PageToken>,
    ) -> TrackerResult<Page<Issue>> {
        todo!()
    }

    fn get_issue(&self, number: u64) -> TrackerResult<Issue> {
        todo!()
    }

    fn create_issue(&self, issue: &NewIssue) -> TrackerResult<Issue> {
        todo!()
    }

    fn update_issue(
        &self,
        number: u64,
        patch: &IssuePatch,
        guard: Option<&IssueGuard>,
    ) -> TrackerResult<Issue> {
        todo!()
    }

    fn get_label(&self, name: &str) -> TrackerResult<Option<Label>> {
        todo!()
    }

    fn list_comments(
        &self,
        number: u64,
        since: Option<Timestamp>,
        page: Option<&PageToken>,
    ) -> TrackerResult<Page<Comment>> {
        todo!()
    }

    fn create_comment(&self, number: u64, body: &str) -> TrackerResult<Comment> {
        todo!()
    }

    fn list_reactions(
        &self,
        comment_id: u64,
        content: Option<ReactionContent>,
        page: Option<&PageToken>,
    ) -> TrackerResult<Page<Reaction>> {
        todo!()
    }

    fn add_reaction(&self, comment_id: u64, content: ReactionContent) -> TrackerResult<Reaction> {
        todo!()
    }

    fn file_contents(&self, path: &str) -> TrackerResult<Option<Vec<u8>>> {
        todo!()
    }

    fn team_members(&self, org: &str, team_slug: &str) -> TrackerResult<Option<Vec<String>>> {
        todo!()
    }
}
