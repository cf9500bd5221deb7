//! The SQLite schema, versioned with `PRAGMA user_version`.

use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, TransactionBehavior, MAIN_DB};

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

/// The tables that tell a gh-store store from another SQLite file.
const MARKER_TABLES: [&str; 3] = ["repositories", "issues", "comments"];

/// Opens the store at `path`, creating it in an empty or new file, and brings the schema to
/// [`VERSION`]. A store the process may not write (a read-only file or directory) is opened
/// read-only, which the flag returned says. The error is a reason for the caller to put
/// next to the path.
pub(super) fn open(path: &Path) -> Result<(Connection, bool), String> {
    let conn = Connection::open(path).map_err(|err| err.to_string())?;
    match prepare(conn) {
        Ok(conn) => Ok((conn, false)),
        Err(Refusal::ReadOnly) => Ok((open_read_only(path)?, true)),
        Err(Refusal::Sqlite(err)) if cannot_write(&err) => Ok((open_read_only(path)?, true)),
        Err(refusal) => Err(refusal.to_string()),
    }
}

/// A private in-memory database (tests).
pub(super) fn open_in_memory() -> Result<Connection, String> {
    let conn = Connection::open_in_memory().map_err(|err| err.to_string())?;
    prepare(conn).map_err(|refusal| refusal.to_string())
}

/// Why a file cannot be used as a store.
enum Refusal {
    /// The file or its directory cannot be written: it may still be read.
    ReadOnly,
    /// Someone else's tables, which gh-store must not touch.
    Foreign,
    Newer(i64),
    Sqlite(rusqlite::Error),
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::ReadOnly => f.write_str("it is read-only and holds no gh-store store yet"),
            Refusal::Foreign => f.write_str("it is not a gh-store store (it holds other tables)"),
            Refusal::Newer(found) => write!(
                f,
                "it was written by a newer gh-store (schema version {found}, this one knows {VERSION})"
            ),
            Refusal::Sqlite(err) => err.fmt(f),
        }
    }
}

impl From<rusqlite::Error> for Refusal {
    fn from(err: rusqlite::Error) -> Refusal {
        Refusal::Sqlite(err)
    }
}

/// SQLite's answer when the file, or the directory where its WAL files go, cannot be written.
fn cannot_write(err: &rusqlite::Error) -> bool {
    err.sqlite_error_code() == Some(rusqlite::ErrorCode::ReadOnly)
}

/// Configures a read-write connection and checks what the file holds before changing
/// anything; then switches it to WAL, and creates the schema in a new file.
fn prepare(mut conn: Connection) -> Result<Connection, Refusal> {
    configure(&conn)?;
    // SQLite opens a file it may not write read-only rather than fail.
    if conn.is_readonly(MAIN_DB)? {
        return Err(Refusal::ReadOnly);
    }
    let existing = holds_store(&conn)?;
    // In memory the answer is "memory"; on disk it is "wal" from now on.
    switch_to_wal(&conn)?;
    if existing {
        // Opening an existing store writes nothing, so it never waits for another writer.
        return Ok(conn);
    }
    // Under the write lock, and asked again, so that two processes opening a new file
    // create the schema once.
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    if !holds_store(&tx)? {
        tx.execute_batch(SCHEMA_V1)?;
        tx.pragma_update(None, "user_version", VERSION)?;
    }
    tx.commit()?;
    Ok(conn)
}

/// A store this process may only read: no WAL switch, no schema creation. Reading a WAL
/// file needs its shared-memory file, which SQLite cannot create in a read-only directory;
/// there the file is opened as immutable, which is safe because no writer can be at work
/// either (a writer needs that file too).
fn open_read_only(path: &Path) -> Result<Connection, String> {
    match read_only_connection(path, false) {
        Err(Refusal::Sqlite(err)) if cannot_write(&err) => read_only_connection(path, true),
        opened => opened,
    }
    .map_err(|refusal| refusal.to_string())
}

fn read_only_connection(path: &Path, immutable: bool) -> Result<Connection, Refusal> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = if immutable {
        let uri = format!("file:{}?immutable=1", uri_path(path));
        Connection::open_with_flags(uri, flags | OpenFlags::SQLITE_OPEN_URI)?
    } else {
        Connection::open_with_flags(path, flags)?
    };
    configure(&conn)?;
    if holds_store(&conn)? {
        Ok(conn)
    } else {
        Err(Refusal::ReadOnly)
    }
}

/// A path as the path of an SQLite `file:` URI, where `?`, `#` and `%` have meanings.
fn uri_path(path: &Path) -> String {
    let mut text = String::new();
    for c in path.to_string_lossy().chars() {
        match c {
            '?' | '#' | '%' => text.push_str(&format!("%{:02X}", c as u32)),
            c => text.push(c),
        }
    }
    text
}

fn configure(conn: &Connection) -> rusqlite::Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.pragma_update(None, "foreign_keys", true)
}

/// Whether the file holds a store (`false`: it is empty, a new file), read without writing.
/// Refuses other SQLite files and newer stores.
fn holds_store(conn: &Connection) -> Result<bool, Refusal> {
    // One statement, so one snapshot: read apart, another process creating the schema
    // in between would show tables without a version, which looks like a foreign file.
    let (version, objects, markers): (i64, i64, i64) = conn.query_row(
        &format!(
            "SELECT (SELECT user_version FROM pragma_user_version),
                    (SELECT COUNT(*) FROM sqlite_master),
                    (SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ({}))",
            super::placeholders(MARKER_TABLES.len())
        ),
        rusqlite::params_from_iter(MARKER_TABLES),
        |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
    )?;
    if version == 0 && objects == 0 {
        Ok(false)
    } else if version == 0 || markers < MARKER_TABLES.len() as i64 {
        Err(Refusal::Foreign)
    } else if version > VERSION {
        Err(Refusal::Newer(version))
    } else {
        Ok(true)
    }
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
