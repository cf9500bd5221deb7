//! Keys for safe reruns. Every update carries a fresh idempotency key; when a run fails in a
//! way that may have posted it, the key is kept on disk under the command's fingerprint, so
//! that running the same command again sends the same key: the rerun finds the earlier
//! comment instead of posting a second one, and the processor applies one update per key.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::path::PathBuf;
use std::time::{Duration, SystemTime};

/// Keys older than this are forgotten: a rerun a week later is a new command.
const KEEP_FOR: Duration = Duration::from_secs(7 * 24 * 3600);

/// The keys of failed runs, one file per command fingerprint.
pub struct RetryBook {
    dir: Option<PathBuf>,
}

impl RetryBook {
    /// In the user's state directory (`~/.local/state/gh-store/retries`; the cache
    /// directory where there is none). Without either, reruns get fresh keys.
    pub fn for_user() -> RetryBook {
        let base = dirs::state_dir().or_else(dirs::cache_dir);
        RetryBook {
            dir: base.map(|dir| dir.join("gh-store").join("retries")),
        }
    }

    /// The key for a command, and whether it is a failed run's (a rerun).
    pub fn key_for(&self, fingerprint: &str) -> (String, bool) {
        if let Some(path) = self.path(fingerprint) {
            let fresh = std::fs::metadata(&path)
                .and_then(|m| m.modified())
                .ok()
                .and_then(|at| SystemTime::now().duration_since(at).ok())
                .is_some_and(|age| age < KEEP_FOR);
            if let Ok(key) = std::fs::read_to_string(&path) {
                let key = key.trim();
                if fresh && !key.is_empty() {
                    return (key.to_string(), true);
                }
            }
        }
        (new_key(), false)
    }

    /// Keeps the key of a run that may have written, for the rerun. Best effort: without
    /// it the rerun posts a new update, which the message of the failure warned about.
    pub fn remember(&self, fingerprint: &str, key: &str) {
        let Some(path) = self.path(fingerprint) else {
            return;
        };
        if let Some(dir) = path.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        let _ = std::fs::write(path, key);
    }

    /// The command succeeded: its next run is a new update.
    pub fn forget(&self, fingerprint: &str) {
        if let Some(path) = self.path(fingerprint) {
            let _ = std::fs::remove_file(path);
        }
    }

    fn path(&self, fingerprint: &str) -> Option<PathBuf> {
        Some(self.dir.as_ref()?.join(fingerprint))
    }
}

/// A stable name for a command from its parts (FNV-1a, 128 bits): the same on every run, so
/// that a rerun finds the key of the run before it.
pub fn fingerprint(parts: &[&str]) -> String {
    let mut low: u64 = 0xcbf2_9ce4_8422_2325;
    let mut high: u64 = 0x6c62_272e_07bb_0142;
    for part in parts {
        for &byte in part.as_bytes().iter().chain(&[0xff]) {
            low = (low ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3);
            high = (high ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    format!("{high:016x}{low:016x}")
}

/// 128 random bits, from the standard library's per-process hasher seeds.
fn new_key() -> String {
    let random = || {
        let mut hasher = RandomState::new().build_hasher();
        hasher.write_u128(
            SystemTime::now()
                .duration_since(SystemTime::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos()),
        );
        hasher.write_u32(std::process::id());
        hasher.finish()
    };
    format!("{:016x}{:016x}", random(), random())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_remembered_key_comes_back_once_until_forgotten() {
        let dir = tempfile::tempdir().unwrap();
        let book = RetryBook {
            dir: Some(dir.path().join("retries")),
        };
        let print = fingerprint(&["alice/data", "cfg", "append", r#"{"n":1}"#]);
        let (key, rerun) = book.key_for(&print);
        assert!(!rerun);
        assert_eq!(key.len(), 32);
        assert_ne!(book.key_for(&print).0, key, "fresh keys differ");
        book.remember(&print, &key);
        assert_eq!(book.key_for(&print), (key.clone(), true));
        book.forget(&print);
        assert!(!book.key_for(&print).1);
    }

    #[test]
    fn fingerprints_are_stable_and_separate_their_parts() {
        assert_eq!(fingerprint(&["a", "b"]), fingerprint(&["a", "b"]));
        assert_ne!(fingerprint(&["ab", ""]), fingerprint(&["a", "b"]));
        assert_eq!(fingerprint(&[]).len(), 32);
    }
}
