//! The local tracker: GitHub's issue model in one SQLite file.
//!
//! It is the embedded default store and the backend of `gh-store serve`, so it copies what
//! the store can observe on GitHub: 64-bit ids, per-repository numbers, second-precision
//! timestamps, auto-created labels, idempotent reactions, `author_association`, and push
//! access: without it, labels are silently dropped from an issue's create or edit, and other
//! users' issues and comments, labels and locks are refused (403).
//!
//! Every operation is one transaction. Writes take SQLite's write lock up front
//! (`BEGIN IMMEDIATE`), so two processes writing one file queue behind each other (up to the
//! busy timeout) instead of failing half-way; WAL lets readers carry on meanwhile. The domain
//! files hold the SQL as functions over a [`Connection`] and the public methods that wrap
//! them in a transaction.

mod comments;
mod issues;
mod labels;
mod reactions;
mod repos;
mod schema;
#[cfg(test)]
mod tests;

pub use repos::{is_valid_login, DefaultLabels};

use std::fmt::{self, Display};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use rusqlite::types::Type;
use rusqlite::{Connection, Row, TransactionBehavior};

use crate::timestamp::Timestamp;
use crate::tracker::{
    AccountKind, Comment, Direction, Issue, IssueGuard, IssuePatch, IssueQuery, Label, NewIssue,
    Page, PageToken, ReactionContent, ReactionOutcome, Repository, Tracker, TrackerError,
    TrackerResult, User,
};

/// One SQLite database holding one or more repositories, their users, issues, labels,
/// comments, reactions and files. Shared by every [`LocalTracker`] handle (and every serve
/// thread) through an `Arc`.
pub struct LocalDb {
    conn: Mutex<Connection>,
    /// The file, for messages; `None` in memory.
    path: Option<PathBuf>,
    /// Opened read-only, because the process may not write the file or its directory.
    read_only: bool,
}

impl fmt::Debug for LocalDb {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LocalDb").field("path", &self.path).finish()
    }
}

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
    /// `NONE` with push access: a GitHub App's bot, through its installation (GitHub shows
    /// no association for it, so access policies must name it).
    Installation,
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

/// Extra issue fields serve needs to render GitHub's full JSON.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssueExtras {
    pub closed_by: Option<User>,
    pub locked: bool,
    pub reactions: crate::tracker::ReactionRollup,
}

impl PageNumber {
    /// The page the trait methods ask for: the token holds the page number.
    fn from_token(token: Option<&PageToken>, per_page: u32) -> TrackerResult<PageNumber> {
        let page = match token {
            None => 1,
            Some(PageToken(text)) => text.parse().map_err(|_| TrackerError::Invalid {
                message: format!("not a page of the local store: {text:?}"),
            })?,
        };
        Ok(PageNumber { page, per_page })
    }

    /// `LIMIT` and `OFFSET`, clamped as GitHub does (page 0 is page 1, `per_page` ≤ 100).
    fn window(self) -> (i64, i64) {
        let per_page = i64::from(self.per_page.clamp(1, 100));
        let page = i64::from(self.page.max(1));
        (per_page, (page - 1) * per_page)
    }
}

impl<T> NumberedPage<T> {
    fn empty() -> NumberedPage<T> {
        NumberedPage {
            items: Vec::new(),
            total: 0,
        }
    }

    /// The trait's form: a `next` token while items remain past this page.
    fn into_page(self, page: PageNumber) -> Page<T> {
        let (limit, offset) = page.window();
        let more = ((offset + limit) as u64) < self.total;
        Page {
            items: self.items,
            next: more.then(|| PageToken((page.page.max(1) + 1).to_string())),
            server_time: None,
        }
    }
}

impl From<rusqlite::Error> for TrackerError {
    fn from(err: rusqlite::Error) -> TrackerError {
        TrackerError::Storage {
            message: err.to_string(),
        }
    }
}

impl LocalDb {
    /// Opens (creating if needed) the database at `path`: WAL, a busy timeout, schema created
    /// or migrated. A path that cannot be opened, or holds another application's tables,
    /// gives `TrackerError::Storage` naming it. A store this process may not write is opened
    /// read-only: reads work, writes fail with `TrackerError::ReadOnly`.
    pub fn open(path: &Path) -> TrackerResult<Arc<LocalDb>> {
        let cannot_open = |reason: &dyn Display| TrackerError::Storage {
            message: format!("cannot open {}: {reason}", path.display()),
        };
        // SQLite only says "unable to open database file" for a missing directory.
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            if !parent.is_dir() {
                let reason = format!("directory {} does not exist", parent.display());
                return Err(cannot_open(&reason));
            }
        }
        let (conn, read_only) = schema::open(path).map_err(|reason| cannot_open(&reason))?;
        Ok(Arc::new(LocalDb {
            conn: Mutex::new(conn),
            path: Some(path.to_owned()),
            read_only,
        }))
    }

    /// A private in-memory database (tests).
    pub fn open_in_memory() -> TrackerResult<Arc<LocalDb>> {
        let conn = schema::open_in_memory().map_err(|message| TrackerError::Storage { message })?;
        Ok(Arc::new(LocalDb {
            conn: Mutex::new(conn),
            path: None,
            read_only: false,
        }))
    }

    /// A tracker for one repository acting as `actor`, a user created at its first write (a
    /// login ending in `[bot]` is a `Bot`), so that reading writes nothing.
    pub fn tracker(self: &Arc<Self>, repo_id: u64, actor: &str) -> TrackerResult<LocalTracker> {
        repos::check_login(actor)?;
        self.read(|conn| repos::require(conn, repo_id))?;
        Ok(LocalTracker {
            db: Arc::clone(self),
            repo_id,
            actor: actor.to_string(),
        })
    }

    fn connection(&self) -> MutexGuard<'_, Connection> {
        // A panic mid-operation dropped its transaction, which rolled it back: the connection
        // behind a poisoned lock is clean.
        self.conn.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Runs `op` in a read transaction, so that a page and its total agree.
    fn read<T>(&self, op: impl FnOnce(&Connection) -> TrackerResult<T>) -> TrackerResult<T> {
        let mut conn = self.connection();
        let tx = conn.transaction()?;
        op(&tx)
    }

    /// Runs `op` in a write transaction, committed only if it succeeds.
    fn write<T>(&self, op: impl FnOnce(&Connection) -> TrackerResult<T>) -> TrackerResult<T> {
        if self.read_only {
            return Err(TrackerError::ReadOnly {
                what: match &self.path {
                    Some(path) => format!("the local store {}", path.display()),
                    None => "the local store".into(),
                },
            });
        }
        let mut conn = self.connection();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = op(&tx)?;
        tx.commit()?;
        Ok(value)
    }
}

/// [`Tracker`] over a [`LocalDb`] for one repository and one acting user. Cheap to clone.
#[derive(Clone)]
pub struct LocalTracker {
    db: Arc<LocalDb>,
    repo_id: u64,
    /// The acting user's login.
    actor: String,
}

impl LocalTracker {
    pub fn repo_id(&self) -> u64 {
        self.repo_id
    }

    /// The acting user, created if missing: call it in a write transaction.
    fn actor(&self, conn: &Connection) -> TrackerResult<User> {
        repos::ensure_user(conn, &self.actor, AccountKind::User)
    }

    /// Refuses (GitHub's 403) to `what` unless the acting user has push access.
    fn require_push(&self, conn: &Connection, what: &str) -> TrackerResult<()> {
        let actor = self.actor(conn)?;
        repos::require_push(conn, self.repo_id, &actor, what)
    }

    /// The same repository, acting as someone else.
    pub fn as_user(&self, login: &str) -> TrackerResult<LocalTracker> {
        self.db.tracker(self.repo_id, login)
    }
}

impl Tracker for LocalTracker {
    fn describe(&self) -> String {
        let repo = match self.repository() {
            Ok(repo) => repo.full_name,
            Err(_) => format!("repository {}", self.repo_id),
        };
        match &self.db.path {
            Some(path) => format!("{repo} in local store {}", path.display()),
            None => format!("{repo} in an in-memory local store"),
        }
    }

    fn push_access(&self) -> TrackerResult<Option<bool>> {
        self.db
            .read(|conn| repos::login_can_push(conn, self.repo_id, &self.actor))
            .map(Some)
    }

    fn repository(&self) -> TrackerResult<Repository> {
        self.db.read(|conn| repos::require(conn, self.repo_id))
    }

    fn list_issues(
        &self,
        query: &IssueQuery,
        page: Option<&PageToken>,
    ) -> TrackerResult<Page<Issue>> {
        let after = page
            .map(|token| {
                issues::Cursor::parse(token).ok_or_else(|| TrackerError::Invalid {
                    message: format!("not a page of the local store: {:?}", token.0),
                })
            })
            .transpose()?;
        let (items, next) = self
            .db
            .read(|conn| issues::list_after(conn, self.repo_id, query, after))?;
        Ok(Page {
            items,
            next: next.map(issues::Cursor::token),
            server_time: None,
        })
    }

    fn get_issue(&self, number: u64) -> TrackerResult<Issue> {
        self.db
            .read(|conn| issues::load(conn, self.repo_id, number))
    }

    fn create_issue(&self, issue: &NewIssue) -> TrackerResult<Issue> {
        issues::check_new(issue)?;
        self.db.write(|conn| {
            let actor = self.actor(conn)?;
            issues::create(conn, self.repo_id, &actor, issue)
        })
    }

    fn update_issue(
        &self,
        number: u64,
        patch: &IssuePatch,
        guard: Option<&IssueGuard>,
    ) -> TrackerResult<Issue> {
        issues::check_patch(patch)?;
        self.db.write(|conn| {
            let actor = self.actor(conn)?;
            issues::update(conn, self.repo_id, &actor, number, patch, guard)
        })
    }

    fn get_label(&self, name: &str) -> TrackerResult<Option<Label>> {
        self.db.read(|conn| labels::find(conn, self.repo_id, name))
    }

    fn list_comments(
        &self,
        number: u64,
        since: Option<Timestamp>,
        page: Option<&PageToken>,
    ) -> TrackerResult<Page<Comment>> {
        let page = PageNumber::from_token(page, 100)?;
        Ok(self
            .list_comments_numbered(number, since, page)?
            .into_page(page))
    }

    fn add_labels(&self, number: u64, names: &[String]) -> TrackerResult<Vec<Label>> {
        LocalTracker::add_labels(self, number, names)
    }

    fn create_comment(&self, number: u64, body: &str) -> TrackerResult<Comment> {
        comments::check_body(body)?;
        self.db.write(|conn| {
            let actor = self.actor(conn)?;
            comments::create(conn, self.repo_id, &actor, number, body)
        })
    }

    fn delete_comment(&self, comment_id: u64) -> TrackerResult<()> {
        self.db.write(|conn| {
            let actor = self.actor(conn)?;
            comments::delete(conn, self.repo_id, &actor, comment_id)
        })
    }

    fn add_reaction(
        &self,
        comment_id: u64,
        content: ReactionContent,
    ) -> TrackerResult<ReactionOutcome> {
        self.react(comment_id, content)
    }

    fn file_contents(&self, path: &str) -> TrackerResult<Option<Vec<u8>>> {
        self.db
            .read(|conn| repos::file_contents(conn, self.repo_id, path))
    }

    fn team_members(&self, org: &str, team_slug: &str) -> TrackerResult<Option<Vec<String>>> {
        self.db
            .read(|conn| repos::team_members(conn, org, team_slug))
    }
}

/// GitHub's size limit for issue and comment bodies: the message says 65,536 characters;
/// measurements also found 262,144 UTF-8 bytes. The byte bound follows from the character
/// bound (at most 4 bytes each) and is checked first because it costs nothing.
fn body_within_limit(body: &str) -> bool {
    body.len() <= 262_144 && body.chars().count() <= 65_536
}

fn invalid(message: impl Into<String>) -> TrackerError {
    TrackerError::Invalid {
        message: message.into(),
    }
}

fn now() -> i64 {
    Timestamp::now().seconds()
}

/// Ids, numbers and counts are `u64` in the model and `INTEGER` (`i64`) in SQLite, which
/// rusqlite converts only with a feature this build leaves off: read them through this and
/// bind them `as i64` (every id here is far below 2^63).
fn get_u64(row: &Row<'_>, column: usize) -> rusqlite::Result<u64> {
    let value: i64 = row.get(column)?;
    u64::try_from(value).map_err(|_| rusqlite::Error::IntegralValueOutOfRange(column, value))
}

/// Reads a text column through `parse`; a value this version does not know is corruption.
fn decode<T>(row: &Row<'_>, column: usize, parse: fn(&str) -> Option<T>) -> rusqlite::Result<T> {
    let text: String = row.get(column)?;
    parse(&text).ok_or_else(|| unknown_value(column, &text))
}

/// [`decode`] for a nullable column.
fn decode_optional<T>(
    row: &Row<'_>,
    column: usize,
    parse: fn(&str) -> Option<T>,
) -> rusqlite::Result<Option<T>> {
    let text: Option<String> = row.get(column)?;
    text.map(|text| parse(&text).ok_or_else(|| unknown_value(column, &text)))
        .transpose()
}

fn unknown_value(column: usize, text: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        column,
        Type::Text,
        format!("unknown value {text:?}").into(),
    )
}

/// `?, ?, …` for an `IN` list of `count` values.
fn placeholders(count: usize) -> String {
    vec!["?"; count].join(", ")
}

fn sql_direction(direction: Direction) -> &'static str {
    match direction {
        Direction::Asc => "ASC",
        Direction::Desc => "DESC",
    }
}
