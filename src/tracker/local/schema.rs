//! The SQLite schema, versioned with `PRAGMA user_version`.

use std::time::Duration;

use rusqlite::{Connection, TransactionBehavior};

/// Bumped with every schema change, together with a migration step from the previous one.
const VERSION: i64 = 1;

/// Long enough for another process's write transaction (one operation each) to finish.
const BUSY_TIMEOUT: Duration = Duration::from_secs(15);

/// Version 1. Times are Unix seconds (GitHub's precision). Names that GitHub treats
/// case-insensitively are `COLLATE NOCASE` (logins, repository names, team slugs: ASCII on
/// GitHub) or carry a lower-cased key (label names, which may be any Unicode).
const SCHEMA_V1: &str = "
CREATE TABLE users (
    id    INTEGER PRIMARY KEY AUTOINCREMENT,
    login TEXT NOT NULL UNIQUE COLLATE NOCASE,
    kind  TEXT NOT NULL
);
CREATE TABLE repositories (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    owner_id INTEGER NOT NULL REFERENCES users (id),
    name     TEXT NOT NULL COLLATE NOCASE,
    UNIQUE (owner_id, name)
);
-- Old `owner/name`s of renamed repositories, which GitHub keeps redirecting.
CREATE TABLE former_names (
    full_name TEXT PRIMARY KEY COLLATE NOCASE,
    repo_id   INTEGER NOT NULL REFERENCES repositories (id) ON DELETE CASCADE
);
CREATE TABLE roles (
    repo_id INTEGER NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users (id),
    role    TEXT NOT NULL,
    PRIMARY KEY (repo_id, user_id)
);
CREATE TABLE labels (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    repo_id     INTEGER NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    name_key    TEXT NOT NULL,
    color       TEXT NOT NULL,
    description TEXT,
    is_default  INTEGER NOT NULL DEFAULT 0,
    UNIQUE (repo_id, name_key)
);
CREATE TABLE issues (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    repo_id       INTEGER NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
    number        INTEGER NOT NULL,
    title         TEXT NOT NULL,
    body          TEXT,
    state         TEXT NOT NULL,
    state_reason  TEXT,
    author_id     INTEGER NOT NULL REFERENCES users (id),
    comment_count INTEGER NOT NULL DEFAULT 0,
    locked        INTEGER NOT NULL DEFAULT 0,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    closed_at     INTEGER,
    closed_by     INTEGER REFERENCES users (id),
    UNIQUE (repo_id, number)
);
-- One index per listing sort; the number breaks ties as in the ORDER BY.
CREATE INDEX issues_by_created ON issues (repo_id, created_at, number);
CREATE INDEX issues_by_updated ON issues (repo_id, updated_at, number);
CREATE INDEX issues_by_comments ON issues (repo_id, comment_count, number);
CREATE TABLE issue_labels (
    issue_id INTEGER NOT NULL REFERENCES issues (id) ON DELETE CASCADE,
    label_id INTEGER NOT NULL REFERENCES labels (id) ON DELETE CASCADE,
    PRIMARY KEY (issue_id, label_id)
) WITHOUT ROWID;
CREATE INDEX issue_labels_by_label ON issue_labels (label_id, issue_id);
CREATE TABLE comments (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    issue_id   INTEGER NOT NULL REFERENCES issues (id) ON DELETE CASCADE,
    repo_id    INTEGER NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
    author_id  INTEGER NOT NULL REFERENCES users (id),
    body       TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX comments_by_issue ON comments (issue_id, id);
CREATE INDEX comments_by_repo ON comments (repo_id, id);
CREATE INDEX comments_by_repo_created ON comments (repo_id, created_at, id);
CREATE INDEX comments_by_repo_updated ON comments (repo_id, updated_at, id);
CREATE TABLE reactions (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    comment_id INTEGER NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
    user_id    INTEGER NOT NULL REFERENCES users (id),
    content    TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    UNIQUE (comment_id, user_id, content)
);
CREATE TABLE files (
    repo_id  INTEGER NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
    path     TEXT NOT NULL,
    contents BLOB NOT NULL,
    PRIMARY KEY (repo_id, path)
);
CREATE TABLE teams (
    id     INTEGER PRIMARY KEY,
    org_id INTEGER NOT NULL REFERENCES users (id),
    slug   TEXT NOT NULL COLLATE NOCASE,
    UNIQUE (org_id, slug)
);
CREATE TABLE team_members (
    team_id INTEGER NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users (id),
    PRIMARY KEY (team_id, user_id)
);
-- GitHub's ids: users around 10^7-10^8, repositories around 10^9, and issues, comments,
-- labels and reactions past 2^32, which a client storing them in 32 bits gets wrong.
INSERT INTO sqlite_sequence (name, seq) VALUES
    ('users', 41000000),
    ('repositories', 900000000),
    ('issues', 4300000000),
    ('labels', 4500000000),
    ('comments', 4700000000),
    ('reactions', 4900000000);
";

/// Configures a fresh connection and brings the schema to [`VERSION`]. The error is a
/// reason for the caller to put next to the path.
pub(super) fn prepare(conn: &mut Connection) -> Result<(), String> {
    let found = configure_and_create(conn).map_err(|err| err.to_string())?;
    if found > VERSION {
        return Err(format!(
            "it was written by a newer gh-store (schema version {found}, this one knows {VERSION})"
        ));
    }
    Ok(())
}

/// Returns the schema version found before any creation.
fn configure_and_create(conn: &mut Connection) -> rusqlite::Result<i64> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.pragma_update(None, "foreign_keys", true)?;
    // In memory the answer is "memory"; on disk it is "wal" from now on.
    switch_to_wal(conn)?;
    let found = user_version(conn)?;
    if found != 0 {
        // Opening an existing file writes nothing, so it never waits for another writer.
        return Ok(found);
    }
    // Under the write lock, and asked again, so that two processes opening a new file
    // create the schema once.
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let found = user_version(&tx)?;
    if found == 0 {
        tx.execute_batch(SCHEMA_V1)?;
        tx.pragma_update(None, "user_version", VERSION)?;
    }
    tx.commit()?;
    Ok(found)
}

/// Switching a new file to WAL needs a moment of exclusive access, and SQLite reports a
/// clash with another process doing the same as "database is locked" at once, without
/// consulting the busy timeout: retry for as long as the timeout would have waited.
fn switch_to_wal(conn: &Connection) -> rusqlite::Result<()> {
    let deadline = std::time::Instant::now() + BUSY_TIMEOUT;
    loop {
        match conn
            .pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get::<_, String>(0))
        {
            Ok(_) => return Ok(()),
            Err(rusqlite::Error::SqliteFailure(failure, _))
                if matches!(
                    failure.code,
                    rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked
                ) && std::time::Instant::now() < deadline =>
            {
                std::thread::sleep(std::time::Duration::from_millis(10));
            }
            Err(err) => return Err(err),
        }
    }
}

fn user_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.pragma_query_value(None, "user_version", |row| row.get(0))
}
