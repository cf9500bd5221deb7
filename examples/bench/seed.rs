//! Seeding stores straight into their SQLite files with the library (no HTTP, no latency,
//! not counted), before and between measured commands. Every measured command goes through
//! a real binary and `gh-store serve`.
//!
//! The objects are what `gh-store create` writes, which is the Python tool's format (the
//! compatibility promise): labels `gh-store`, `stored-object`, `UID:<id>`, the JSON body, the
//! `initial_state` comment with 👍 and 🚀, a closed issue.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use gh_store::store::{ObjectId, Store, StoreOptions, StoredObject, UpdateOptions};
use gh_store::tracker::local::{LocalDb, LocalTracker};
use gh_store::tracker::{AccountKind, IssuePatch, IssueState, Tracker};
use serde_json::{json, Value};

use super::Result;

pub const OWNER: &str = "alice";
pub const REPO: &str = "alice/store";
/// Alice's token on the benchmark's servers (they are loopback-only and temporary).
pub const TOKEN: &str = "bench-token";

/// How far seeded objects are moved into the past: a store that a cron job refreshes holds
/// objects changed long before, not within the last seconds (which `snapshot --update` and
/// `watch` would rightly look at again).
const BACKDATE_SECONDS: i64 = 86_400;

/// One store file, open for seeding while `serve` runs on it (SQLite WAL: several processes
/// may share the file).
pub struct SeedStore {
    pub path: PathBuf,
    store: Store,
    tracker: LocalTracker,
}

impl SeedStore {
    /// Creates the store file with the repository (and GitHub's nine default labels).
    pub fn create(path: &Path) -> Result<SeedStore> {
        let db: Arc<LocalDb> = LocalDb::open(path)?;
        let repo = db.ensure_repository(
            REPO,
            AccountKind::User,
            gh_store::tracker::local::DefaultLabels::GitHubs,
        )?;
        let tracker = db.tracker(repo.id, OWNER)?;
        let options = StoreOptions {
            on_warning: Arc::new(|message| eprintln!("seed: warning: {message}")),
            ..StoreOptions::default()
        };
        let store = Store::new(Box::new(tracker.clone()), options);
        Ok(SeedStore {
            path: path.to_owned(),
            store,
            tracker,
        })
    }

    /// Creates object `id` holding [`data`]`(index)`.
    pub fn object(&self, id: &str, index: u64) -> Result<StoredObject> {
        Ok(self.store.create(&ObjectId::parse(id)?, data(index))?)
    }

    /// Posts `count` updates for the processor (the issue is reopened), as `gh-store update`
    /// does on GitHub.
    pub fn queue(&self, id: &str, count: u64) -> Result<()> {
        let id = ObjectId::parse(id)?;
        for n in 1..=count {
            self.store
                .update(&id, json!({"counter": n}), &UpdateOptions::default())?;
        }
        Ok(())
    }

    /// Applies one update at once (comment, then processing).
    pub fn apply(&self, id: &str, change: Value) -> Result<StoredObject> {
        let options = UpdateOptions {
            apply: true,
            ..UpdateOptions::default()
        };
        match self.store.update(&ObjectId::parse(id)?, change, &options)? {
            gh_store::store::UpdateOutcome::Applied(object) => Ok(object),
            other => Err(format!("seeding {id}: update not applied: {other:?}").into()),
        }
    }

    /// An object with `comments` comments in all: the initial state and `comments - 1`
    /// processed updates.
    pub fn object_with_history(&self, id: &str, comments: u64) -> Result<StoredObject> {
        let object = self.object(id, 0)?;
        if comments > 1 {
            self.queue(id, comments - 1)?;
            return Ok(self.store.process_object(&object.object_id)?.object);
        }
        Ok(object)
    }

    /// Reopens an object's issue without posting anything (the Python client's `update`
    /// finds only open issues).
    pub fn reopen(&self, issue_number: u64) -> Result<()> {
        let patch = IssuePatch {
            state: Some(IssueState::Open),
            ..IssuePatch::default()
        };
        self.tracker.update_issue(issue_number, &patch, None)?;
        Ok(())
    }

    /// The object as it is now.
    pub fn get(&self, id: &str) -> Result<StoredObject> {
        Ok(self.store.get(&ObjectId::parse(id)?)?)
    }

    /// Labels in the repository (the Python `create` lists them all).
    pub fn label_count(&self) -> Result<u64> {
        let conn = rusqlite::Connection::open(&self.path)?;
        let count: i64 = conn.query_row("SELECT count(*) FROM labels", [], |row| row.get(0))?;
        Ok(count as u64)
    }

    /// Moves every timestamp of the store a day into the past (see [`BACKDATE_SECONDS`]).
    /// SQL on the local store's schema (version 1): times are Unix seconds.
    pub fn backdate(&self) -> Result<()> {
        let conn = rusqlite::Connection::open(&self.path)?;
        conn.busy_timeout(std::time::Duration::from_secs(15))?;
        conn.execute_batch(&format!(
            "BEGIN IMMEDIATE;
             UPDATE issues SET created_at = created_at - {s}, updated_at = updated_at - {s},
                 closed_at = closed_at - {s};
             UPDATE comments SET created_at = created_at - {s}, updated_at = updated_at - {s};
             UPDATE reactions SET created_at = created_at - {s};
             COMMIT;",
            s = BACKDATE_SECONDS
        ))?;
        Ok(())
    }
}

/// The data of seeded object `index`: about 250 bytes of typical configuration.
pub fn data(index: u64) -> Value {
    json!({
        "name": format!("object {index}"),
        "index": index,
        "enabled": index % 2 == 0,
        "tags": ["bench", "seeded"],
        "settings": {"port": 8000 + index % 1000, "region": "eu-west-1", "retries": 3},
        "owner": {"team": "platform", "contact": "platform@example.com"},
        "notes": "a benchmark object with a little text in it, as real ones have",
    })
}

/// Seeds `count` objects named `{prefix}{00000}` …, then backdates the store.
pub fn many(store: &SeedStore, prefix: &str, count: u64) -> Result<()> {
    for i in 0..count {
        store.object(&format!("{prefix}{i:05}"), i)?;
    }
    store.backdate()
}
