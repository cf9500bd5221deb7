//! GitHub's answers kept on disk between runs, so that a cron job's repeated `get`, `list`
//! or `history` asks with `If-None-Match` and gets `304 Not Modified`, which GitHub does
//! not count against the primary rate limit.
//!
//! One SQLite file in the user's cache directory, readable by the user alone, in WAL mode so
//! that several processes read and write it at once. Answers are kept per *scope*, a digest
//! of the API URL and the token: a token never revalidates, let alone reads, what another
//! token was answered, and the token itself is never written. The file is bounded (oldest
//! answers out first) and disposable: one that cannot be read is set aside and started
//! afresh, with a warning; one that cannot be written only costs the savings.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Mutex;
use std::time::Duration;

use rusqlite::{params, Connection, ErrorCode, OptionalExtension};

use super::cache::Cached;
use super::token_cache::{create_private_dir, hex_sha256};
use super::Token;

/// Past this, the least recently used answers go until a quarter is free.
const MAX_BYTES: i64 = 256 * 1024 * 1024;
/// An answer larger than this is not worth keeping (a page is at most a few MB).
const MAX_ENTRY_BYTES: usize = 16 * 1024 * 1024;
/// The size is checked after this many answers kept, not after each.
const TRIM_EVERY: u32 = 50;
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

pub struct DiskCache {
    connection: Mutex<Connection>,
    scope: String,
    kept: AtomicU32,
}

impl std::fmt::Debug for DiskCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DiskCache")
    }
}

/// `~/.cache/gh-store/http.sqlite` (the platform's cache directory); none without one.
pub fn user_cache_file() -> Option<PathBuf> {
    dirs::cache_dir().map(|dir| dir.join("gh-store").join("http.sqlite"))
}

impl DiskCache {
    /// Opens (or creates) the cache at `path` for answers to `token` from `api_url`. Also
    /// returns a warning for the user when the file was damaged and started afresh, or
    /// cannot be used at all (then the cache is `None` and every request is sent whole).
    pub fn open(
        path: &Path,
        api_url: &str,
        token: Option<&Token>,
    ) -> (Option<DiskCache>, Option<String>) {
        let scope = scope(api_url, token);
        if let Some(dir) = path.parent() {
            if let Err(err) = create_private_dir(dir) {
                return (None, Some(unusable(path, &err)));
            }
        }
        match connect(path) {
            Ok(connection) => (Some(DiskCache::new(connection, scope)), None),
            Err(err) if is_damage(&err) => {
                let shown = path.display();
                for suffix in ["", "-wal", "-shm"] {
                    let _ = fs::remove_file(format!("{}{suffix}", path.display()));
                }
                match connect(path) {
                    Ok(connection) => (
                        Some(DiskCache::new(connection, scope)),
                        Some(format!(
                            "the HTTP cache {shown} could not be read ({err}); it was started afresh"
                        )),
                    ),
                    Err(again) => (None, Some(unusable(path, &again))),
                }
            }
            Err(err) => (None, Some(unusable(path, &err))),
        }
    }

    fn new(connection: Connection, scope: String) -> DiskCache {
        DiskCache {
            connection: Mutex::new(connection),
            scope,
            kept: AtomicU32::new(0),
        }
    }

    /// The answer kept for `key`, if any. A failed read is a miss.
    pub(super) fn get(&self, key: &str) -> Option<Cached> {
        let connection = self.lock();
        connection
            .query_row(
                "SELECT etag, body, link, content_type FROM answers WHERE scope = ?1 AND key = ?2",
                params![self.scope, key],
                |row| {
                    Ok(Cached {
                        etag: row.get(0)?,
                        body: std::sync::Arc::new(row.get(1)?),
                        link: row.get(2)?,
                        content_type: row.get(3)?,
                    })
                },
            )
            .optional()
            .ok()
            .flatten()
    }

    /// The answer for `key` was confirmed by a 304: it is recently used again.
    pub(super) fn touch(&self, key: &str) {
        let _ = self.lock().execute(
            "UPDATE answers SET used = ?3 WHERE scope = ?1 AND key = ?2",
            params![self.scope, key, now()],
        );
    }

    /// Keeps an answer (replacing the one before), and keeps the file within its bound.
    pub(super) fn put(&self, key: &str, entry: &Cached) {
        if entry.body.len() > MAX_ENTRY_BYTES {
            return;
        }
        let connection = self.lock();
        let _ = connection.execute(
            "INSERT OR REPLACE INTO answers (scope, key, etag, body, link, content_type, size, used)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                self.scope,
                key,
                entry.etag,
                entry.body.as_slice(),
                entry.link,
                entry.content_type,
                (entry.body.len() + key.len()) as i64,
                now()
            ],
        );
        if self.kept.fetch_add(1, Ordering::Relaxed) % TRIM_EVERY == 0 {
            let _ = trim(&connection, MAX_BYTES);
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Connection> {
        self.connection.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// A digest of where and as whom: the token is hashed, never kept.
fn scope(api_url: &str, token: Option<&Token>) -> String {
    let identity = token.map_or("anonymous", |t| t.expose().trim());
    hex_sha256(format!("{}\n{identity}", api_url.trim_end_matches('/')).as_bytes())
}

fn connect(path: &Path) -> rusqlite::Result<Connection> {
    let connection = Connection::open(path)?;
    // The answers may be a private repository's: the user's alone.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = fs::set_permissions(path, fs::Permissions::from_mode(0o600));
    }
    connection.busy_timeout(BUSY_TIMEOUT)?;
    connection.pragma_update_and_check(None, "journal_mode", "WAL", |_| Ok(()))?;
    connection.execute_batch(
        "CREATE TABLE IF NOT EXISTS answers (
             scope TEXT NOT NULL,
             key TEXT NOT NULL,
             etag TEXT NOT NULL,
             body BLOB NOT NULL,
             link TEXT,
             content_type TEXT,
             size INTEGER NOT NULL,
             used INTEGER NOT NULL,
             PRIMARY KEY (scope, key)
         );
         CREATE INDEX IF NOT EXISTS answers_by_use ON answers (used);",
    )?;
    // Reads a page of the table: a file damaged past its header fails here, not later.
    connection.query_row(
        "SELECT count(*) FROM answers WHERE used < 0",
        [],
        |_| Ok(()),
    )?;
    Ok(connection)
}

fn is_damage(err: &rusqlite::Error) -> bool {
    matches!(
        err.sqlite_error_code(),
        Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt)
    )
}

fn unusable(path: &Path, err: &dyn std::fmt::Display) -> String {
    format!(
        "the HTTP cache {} cannot be used ({err}); requests go without it",
        path.display()
    )
}

/// Drops the least recently used answers until at most three quarters of `max` remain.
fn trim(connection: &Connection, max: i64) -> rusqlite::Result<()> {
    let total: i64 = connection.query_row("SELECT total(size) FROM answers", [], |row| {
        row.get::<_, f64>(0).map(|t| t as i64)
    })?;
    if total <= max {
        return Ok(());
    }
    let mut excess = total - max / 4 * 3;
    let mut oldest = connection.prepare("SELECT rowid, size FROM answers ORDER BY used, rowid")?;
    let mut doomed = Vec::new();
    let mut rows = oldest.query([])?;
    while excess > 0 {
        let Some(row) = rows.next()? else { break };
        doomed.push(row.get::<_, i64>(0)?);
        excess -= row.get::<_, i64>(1)?;
    }
    drop(rows);
    let mut delete = connection.prepare("DELETE FROM answers WHERE rowid = ?1")?;
    for rowid in doomed {
        delete.execute([rowid])?;
    }
    Ok(())
}

fn now() -> i64 {
    crate::timestamp::Timestamp::now().0
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    fn answer(etag: &str, size: usize) -> Cached {
        Cached {
            etag: etag.into(),
            body: Arc::new(vec![b'x'; size]),
            link: Some("<http://h/x?page=2>; rel=\"next\"".into()),
            content_type: None,
        }
    }

    #[test]
    fn an_answer_is_kept_for_its_token_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("http.sqlite");
        let alice = Token::new("alice-token");
        let (cache, warning) = DiskCache::open(&path, "http://h", Some(&alice));
        assert_eq!(warning, None);
        cache.unwrap().put("GET /x", &answer("\"a\"", 3));

        let (again, _) = DiskCache::open(&path, "http://h", Some(&alice));
        let kept = again.unwrap().get("GET /x").expect("kept between runs");
        assert_eq!(kept.etag, "\"a\"");
        assert_eq!(
            kept.link.as_deref(),
            Some("<http://h/x?page=2>; rel=\"next\"")
        );

        let (bob, _) = DiskCache::open(&path, "http://h", Some(&Token::new("bob-token")));
        assert!(bob.unwrap().get("GET /x").is_none(), "another token");
        let (other_host, _) = DiskCache::open(&path, "http://other", Some(&alice));
        assert!(other_host.unwrap().get("GET /x").is_none(), "another host");
        let bytes = fs::read(&path).unwrap();
        assert!(!bytes.windows(11).any(|w| w == b"alice-token"));
    }

    #[test]
    fn a_damaged_file_is_started_afresh_with_a_warning() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("http.sqlite");
        fs::write(&path, vec![0x5a; 8192]).unwrap();
        let (cache, warning) = DiskCache::open(&path, "http://h", None);
        let warning = warning.expect("a warning");
        assert!(warning.contains("started afresh"), "{warning}");
        let cache = cache.expect("a new cache");
        cache.put("GET /x", &answer("\"b\"", 1));
        assert!(cache.get("GET /x").is_some());
    }

    #[test]
    fn the_least_recently_used_answers_go_first_beyond_the_bound() {
        let dir = tempfile::tempdir().unwrap();
        let (cache, _) = DiskCache::open(&dir.path().join("c.sqlite"), "http://h", None);
        let cache = cache.unwrap();
        for i in 0..10 {
            cache.put(&format!("k{i}"), &answer("\"e\"", 1000));
        }
        trim(&cache.lock(), 5000).unwrap();
        let left: Vec<bool> = (0..10)
            .map(|i| cache.get(&format!("k{i}")).is_some())
            .collect();
        assert_eq!(left.iter().filter(|kept| **kept).count(), 3, "{left:?}");
        assert!(left[9] && !left[0]);
    }

    #[test]
    fn several_writers_share_the_file_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("http.sqlite");
        // Each thread opens its own connection, as separate processes do.
        let writers: Vec<_> = (0..4)
            .map(|writer| {
                let path = path.clone();
                std::thread::spawn(move || {
                    let (cache, warning) = DiskCache::open(&path, "http://h", None);
                    assert_eq!(warning, None);
                    let cache = cache.unwrap();
                    for i in 0..50 {
                        let key = format!("w{writer}-{i}");
                        cache.put(&key, &answer(&format!("\"{i}\""), 100));
                        let kept = cache.get(&key).expect("its own answer");
                        assert_eq!(kept.etag, format!("\"{i}\""));
                    }
                })
            })
            .collect();
        for writer in writers {
            writer.join().unwrap();
        }
        let (cache, _) = DiskCache::open(&path, "http://h", None);
        let cache = cache.unwrap();
        assert!((0..4).all(|w| cache.get(&format!("w{w}-49")).is_some()));
    }

    #[cfg(unix)]
    #[test]
    fn the_file_is_the_users_alone() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join("http.sqlite");
        let _ = DiskCache::open(&path, "http://h", None);
        let mode = fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "{mode:o}");
    }
}
