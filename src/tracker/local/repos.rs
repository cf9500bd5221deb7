//! Repositories (with their former names), users, roles, files and teams.

use std::collections::HashMap;

use rusqlite::{params, Connection, OptionalExtension, Row};

use super::{decode, get_u64, invalid, labels, LocalDb, RepoLookup, Role};
use crate::tracker::{
    AccountKind, AuthorAssociation, Repository, TrackerError, TrackerResult, User,
};

const REPOSITORY_SELECT: &str = "SELECT r.id, r.name, u.id, u.login, u.kind
    FROM repositories r JOIN users u ON u.id = r.owner_id";

/// Which labels a repository starts with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DefaultLabels {
    /// GitHub's nine (`bug`, `documentation`, …), as a repository created on github.com has.
    GitHubs,
    /// None: a store's own labels only.
    Without,
}

impl LocalDb {
    /// The repository called `owner/name`, created if missing with `owner_kind` for its owner
    /// and `labels` to start with.
    pub fn ensure_repository(
        &self,
        full_name: &str,
        owner_kind: AccountKind,
        labels: DefaultLabels,
    ) -> TrackerResult<Repository> {
        let (owner, name) = split_full_name(full_name)?;
        // Usually it exists: reading first keeps read-only commands off the write lock (and
        // working on a read-only store).
        if let Some(repo) = self.read(|conn| find_current(conn, owner, name))? {
            return Ok(repo);
        }
        self.write(|conn| {
            let owner = ensure_user(conn, owner, owner_kind)?;
            if let Some(repo) = find_current(conn, &owner.login, name)? {
                return Ok(repo);
            }
            conn.execute(
                "INSERT INTO repositories (owner_id, name) VALUES (?1, ?2)",
                params![owner.id as i64, name],
            )?;
            let id = conn.last_insert_rowid() as u64;
            // A new repository takes its name back from one that was renamed away from it.
            forget_former_name(conn, &format!("{}/{name}", owner.login))?;
            if labels == DefaultLabels::GitHubs {
                labels::seed_defaults(conn, id)?;
            }
            require(conn, id)
        })
    }

    /// The first repository created in this database, if any.
    pub fn default_repository(&self) -> TrackerResult<Option<Repository>> {
        self.read(|conn| {
            let sql = format!("{REPOSITORY_SELECT} ORDER BY r.id LIMIT 1");
            Ok(conn.query_row(&sql, [], repository_from_row).optional()?)
        })
    }

    /// Resolves `owner/name` case-insensitively, following old names of renamed repositories.
    pub fn find_repository(&self, owner: &str, name: &str) -> TrackerResult<RepoLookup> {
        self.read(|conn| {
            if let Some(repo) = find_current(conn, owner, name)? {
                return Ok(RepoLookup::Found(repo));
            }
            let renamed: Option<u64> = conn
                .query_row(
                    "SELECT repo_id FROM former_names WHERE full_name = ?1",
                    [format!("{owner}/{name}")],
                    |row| get_u64(row, 0),
                )
                .optional()?;
            Ok(match renamed {
                Some(id) => RepoLookup::Renamed(require(conn, id)?),
                None => RepoLookup::Missing,
            })
        })
    }

    pub fn repository_by_id(&self, id: u64) -> TrackerResult<Option<Repository>> {
        self.read(|conn| find_by_id(conn, id))
    }

    /// Renames a repository; the old name keeps resolving as [`RepoLookup::Renamed`].
    pub fn rename_repository(&self, id: u64, new_full_name: &str) -> TrackerResult<Repository> {
        let (owner, name) = split_full_name(new_full_name)?;
        self.write(|conn| {
            let old = require(conn, id)?;
            let owner = ensure_user(conn, owner, AccountKind::User)?;
            if let Some(taken) = find_current(conn, &owner.login, name)? {
                if taken.id != id {
                    return Err(invalid(format!(
                        "name already exists on this account: {}",
                        taken.full_name
                    )));
                }
            }
            conn.execute(
                "UPDATE repositories SET owner_id = ?1, name = ?2 WHERE id = ?3",
                params![owner.id as i64, name, id as i64],
            )?;
            let new_full_name = format!("{}/{name}", owner.login);
            forget_former_name(conn, &new_full_name)?;
            // A change of case only is no rename: both spellings resolve directly.
            if !old.full_name.eq_ignore_ascii_case(&new_full_name) {
                conn.execute(
                    "INSERT OR REPLACE INTO former_names (full_name, repo_id) VALUES (?1, ?2)",
                    params![old.full_name, id as i64],
                )?;
            }
            require(conn, id)
        })
    }

    /// The user with this login (case-insensitive), created if missing.
    pub fn ensure_user(&self, login: &str, kind: AccountKind) -> TrackerResult<User> {
        // Usually the user exists: reading first keeps read-only commands off the write lock.
        if let Some(user) = self.read(|conn| find_user(conn, login))? {
            return Ok(user);
        }
        self.write(|conn| ensure_user(conn, login, kind))
    }

    /// Gives `login` a role on the repository (creating the user if needed).
    pub fn set_role(&self, repo_id: u64, login: &str, role: Role) -> TrackerResult<()> {
        self.write(|conn| {
            require(conn, repo_id)?;
            let user = ensure_user(conn, login, AccountKind::User)?;
            conn.execute(
                "INSERT INTO roles (repo_id, user_id, role) VALUES (?1, ?2, ?3)
                 ON CONFLICT (repo_id, user_id) DO UPDATE SET role = excluded.role",
                params![repo_id as i64, user.id as i64, role.association().as_str()],
            )?;
            Ok(())
        })
    }

    /// The role `login` holds on the repository: `None` for the owner (who owns it rather
    /// than holding a role), for users without one and for unknown logins.
    pub fn role(&self, repo_id: u64, login: &str) -> TrackerResult<Option<Role>> {
        self.read(|conn| {
            require(conn, repo_id)?;
            let association = conn
                .prepare_cached(
                    "SELECT r.role FROM roles r JOIN users u ON u.id = r.user_id
                     WHERE r.repo_id = ?1 AND u.login = ?2",
                )?
                .query_row(params![repo_id as i64, login], |row| {
                    decode(row, 0, AuthorAssociation::parse)
                })
                .optional()?;
            Ok(association.and_then(Role::from_association))
        })
    }

    /// Stores a file on the repository's default branch (e.g. `.github/CODEOWNERS`).
    pub fn put_file(&self, repo_id: u64, path: &str, contents: &[u8]) -> TrackerResult<()> {
        self.write(|conn| {
            require(conn, repo_id)?;
            conn.execute(
                "INSERT INTO files (repo_id, path, contents) VALUES (?1, ?2, ?3)
                 ON CONFLICT (repo_id, path) DO UPDATE SET contents = excluded.contents",
                params![repo_id as i64, path, contents],
            )?;
            Ok(())
        })
    }

    /// Adds `login` to the team `org/slug` (creating the team if needed).
    pub fn add_team_member(&self, org: &str, slug: &str, login: &str) -> TrackerResult<()> {
        self.write(|conn| {
            let org = ensure_user(conn, org, AccountKind::Organization)?;
            let member = ensure_user(conn, login, AccountKind::User)?;
            conn.execute(
                "INSERT OR IGNORE INTO teams (org_id, slug) VALUES (?1, ?2)",
                params![org.id as i64, slug],
            )?;
            conn.execute(
                "INSERT OR IGNORE INTO team_members (team_id, user_id)
                 SELECT id, ?3 FROM teams WHERE org_id = ?1 AND slug = ?2",
                params![org.id as i64, slug, member.id as i64],
            )?;
            Ok(())
        })
    }
}

impl Role {
    fn association(self) -> AuthorAssociation {
        match self {
            Role::Member => AuthorAssociation::Member,
            Role::Collaborator => AuthorAssociation::Collaborator,
            Role::Installation => AuthorAssociation::None,
        }
    }

    fn from_association(association: AuthorAssociation) -> Option<Role> {
        [Role::Member, Role::Collaborator, Role::Installation]
            .into_iter()
            .find(|role| role.association() == association)
    }
}

/// The repository with this id, or `NotFound`.
pub(super) fn require(conn: &Connection, id: u64) -> TrackerResult<Repository> {
    find_by_id(conn, id)?.ok_or_else(|| TrackerError::NotFound {
        what: format!("repository {id}"),
    })
}

fn find_by_id(conn: &Connection, id: u64) -> TrackerResult<Option<Repository>> {
    let sql = format!("{REPOSITORY_SELECT} WHERE r.id = ?1");
    Ok(conn
        .prepare_cached(&sql)?
        .query_row([id as i64], repository_from_row)
        .optional()?)
}

/// The repository currently called `owner/name` (case-insensitive).
fn find_current(conn: &Connection, owner: &str, name: &str) -> TrackerResult<Option<Repository>> {
    let sql = format!("{REPOSITORY_SELECT} WHERE u.login = ?1 AND r.name = ?2");
    Ok(conn
        .query_row(&sql, [owner, name], repository_from_row)
        .optional()?)
}

fn forget_former_name(conn: &Connection, full_name: &str) -> TrackerResult<()> {
    conn.execute("DELETE FROM former_names WHERE full_name = ?1", [full_name])?;
    Ok(())
}

fn repository_from_row(row: &Row<'_>) -> rusqlite::Result<Repository> {
    let name: String = row.get(1)?;
    let owner = user_at(row, 2)?;
    Ok(Repository {
        id: get_u64(row, 0)?,
        full_name: format!("{}/{name}", owner.login),
        name,
        owner,
        private: false,
        default_branch: "main".into(),
    })
}

fn split_full_name(full_name: &str) -> TrackerResult<(&str, &str)> {
    match full_name.split_once('/') {
        Some((owner, name)) if is_plain_name(owner) && is_plain_name(name) => Ok((owner, name)),
        _ => Err(invalid(format!(
            "not a repository name of the form owner/name: {full_name:?}"
        ))),
    }
}

/// Logins and repository names: non-empty, no slash, no white space.
fn is_plain_name(name: &str) -> bool {
    !name.is_empty() && !name.contains('/') && !name.chars().any(char::is_whitespace)
}

/// Whether the local store accepts `login` as a user's login.
pub fn is_valid_login(login: &str) -> bool {
    is_plain_name(login)
}

pub(super) fn check_login(login: &str) -> TrackerResult<()> {
    if is_valid_login(login) {
        Ok(())
    } else {
        Err(invalid(format!("not a valid login: {login:?}")))
    }
}

/// The user with this login (case-insensitive), created if missing. GitHub's app accounts
/// are the logins ending in `[bot]`, whatever `kind` says.
pub(super) fn ensure_user(
    conn: &Connection,
    login: &str,
    kind: AccountKind,
) -> TrackerResult<User> {
    check_login(login)?;
    let kind = if login.ends_with("[bot]") {
        AccountKind::Bot
    } else {
        kind
    };
    conn.prepare_cached("INSERT OR IGNORE INTO users (login, kind) VALUES (?1, ?2)")?
        .execute([login, kind.as_str()])?;
    Ok(find_user(conn, login)?.expect("the user was just inserted"))
}

fn find_user(conn: &Connection, login: &str) -> TrackerResult<Option<User>> {
    Ok(conn
        .prepare_cached("SELECT id, login, kind FROM users WHERE login = ?1")?
        .query_row([login], |row| user_at(row, 0))
        .optional()?)
}

/// A user from the columns `id, login, kind` starting at `first`.
pub(super) fn user_at(row: &Row<'_>, first: usize) -> rusqlite::Result<User> {
    Ok(User {
        id: get_u64(row, first)?,
        login: row.get(first + 1)?,
        kind: decode(row, first + 2, account_kind)?,
    })
}

fn account_kind(text: &str) -> Option<AccountKind> {
    [
        AccountKind::User,
        AccountKind::Organization,
        AccountKind::Bot,
        AccountKind::Other,
    ]
    .into_iter()
    .find(|kind| kind.as_str() == text)
}

/// Whether `user_id` has push access to the repository: its owner, and members and
/// collaborators (GitHub's default role for both is write).
pub(super) fn can_push(conn: &Connection, repo_id: u64, user_id: u64) -> TrackerResult<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM repositories WHERE id = ?1 AND owner_id = ?2)
                 OR EXISTS (SELECT 1 FROM roles WHERE repo_id = ?1 AND user_id = ?2)",
        )?
        .query_row(params![repo_id as i64, user_id as i64], |row| row.get(0))?)
}

/// Whether `login` has push access, without creating the user (an unknown login has none).
pub(super) fn login_can_push(conn: &Connection, repo_id: u64, login: &str) -> TrackerResult<bool> {
    match find_user(conn, login)? {
        Some(user) => can_push(conn, repo_id, user.id),
        None => Ok(false),
    }
}

/// GitHub's 403 for a write that needs push access (labels, locks), unless `actor` has it.
pub(super) fn require_push(
    conn: &Connection,
    repo_id: u64,
    actor: &User,
    what: &str,
) -> TrackerResult<()> {
    if can_push(conn, repo_id, actor.id)? {
        return Ok(());
    }
    Err(forbidden("users with push access", what))
}

/// GitHub's 403: only `who` may do `what`.
pub(super) fn forbidden(who: &str, what: &str) -> TrackerError {
    TrackerError::Forbidden {
        message: format!("only {who} may {what}"),
    }
}

/// How each user relates to one repository. GitHub computes `author_association` per
/// request, so a role granted today shows on old comments too: loaded once per operation.
pub(super) struct Associations {
    owner_id: u64,
    roles: HashMap<u64, AuthorAssociation>,
}

impl Associations {
    pub(super) fn load(conn: &Connection, repo_id: u64) -> TrackerResult<Associations> {
        let owner_id = conn
            .prepare_cached("SELECT owner_id FROM repositories WHERE id = ?1")?
            .query_row([repo_id as i64], |row| get_u64(row, 0))?;
        let mut roles = HashMap::new();
        let mut stmt = conn.prepare_cached("SELECT user_id, role FROM roles WHERE repo_id = ?1")?;
        let mut rows = stmt.query([repo_id as i64])?;
        while let Some(row) = rows.next()? {
            roles.insert(get_u64(row, 0)?, decode(row, 1, AuthorAssociation::parse)?);
        }
        Ok(Associations { owner_id, roles })
    }

    pub(super) fn of(&self, user_id: u64) -> AuthorAssociation {
        if user_id == self.owner_id {
            return AuthorAssociation::Owner;
        }
        self.roles
            .get(&user_id)
            .copied()
            .unwrap_or(AuthorAssociation::None)
    }
}

pub(super) fn file_contents(
    conn: &Connection,
    repo_id: u64,
    path: &str,
) -> TrackerResult<Option<Vec<u8>>> {
    Ok(conn
        .query_row(
            "SELECT contents FROM files WHERE repo_id = ?1 AND path = ?2",
            params![repo_id as i64, path],
            |row| row.get(0),
        )
        .optional()?)
}

pub(super) fn team_members(
    conn: &Connection,
    org: &str,
    slug: &str,
) -> TrackerResult<Option<Vec<String>>> {
    let team: Option<u64> = conn
        .query_row(
            "SELECT t.id FROM teams t JOIN users o ON o.id = t.org_id
             WHERE o.login = ?1 AND t.slug = ?2",
            [org, slug],
            |row| get_u64(row, 0),
        )
        .optional()?;
    let Some(team) = team else {
        return Ok(None);
    };
    let mut stmt = conn.prepare(
        "SELECT u.login FROM team_members m JOIN users u ON u.id = m.user_id
         WHERE m.team_id = ?1 ORDER BY u.login",
    )?;
    let logins = stmt
        .query_map([team as i64], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Some(logins))
}
