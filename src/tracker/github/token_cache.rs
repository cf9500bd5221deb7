//! GitHub App installation tokens kept between runs: one file per API root, App and
//! repository in the user's cache directory, readable by the user only, used until five
//! minutes before the token expires. Best effort: a cache that cannot be read or written
//! only costs two requests.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use ring::digest::{digest, SHA256};
use serde::{Deserialize, Serialize};

use super::Token;
use crate::timestamp::Timestamp;

/// A token this close to its expiry is not handed out: a long run must not outlive it.
const MARGIN_SECONDS: i64 = 5 * 60;

pub struct TokenCache {
    dir: Option<PathBuf>,
}

#[derive(Serialize, Deserialize)]
struct Entry {
    token: String,
    expires_at: Timestamp,
}

impl TokenCache {
    /// `~/.cache/gh-store/app-tokens` (the platform's cache directory); none without one.
    pub fn for_user() -> TokenCache {
        TokenCache {
            dir: dirs::cache_dir().map(|dir| dir.join("gh-store").join("app-tokens")),
        }
    }

    pub fn in_dir(dir: &Path) -> TokenCache {
        TokenCache {
            dir: Some(dir.to_path_buf()),
        }
    }

    /// The kept token for `key`, if it is good for a while yet.
    pub fn fresh(&self, key: &[&str], now: Timestamp) -> Option<Token> {
        let text = fs::read_to_string(self.path(key)?).ok()?;
        let entry: Entry = serde_json::from_str(&text).ok()?;
        (entry.expires_at.seconds() - MARGIN_SECONDS > now.seconds())
            .then(|| Token::new(entry.token))
    }

    /// Keeps a token. Written to a private temporary file and renamed into place, so that
    /// two processes racing each leave a whole file (either token works).
    pub fn keep(&self, key: &[&str], token: &Token, expires_at: Timestamp) {
        let Some(path) = self.path(key) else {
            return;
        };
        let entry = Entry {
            token: token.expose().to_string(),
            expires_at,
        };
        let _ = write_private(&path, &serde_json::to_vec(&entry).unwrap_or_default());
    }

    /// The file's name is a digest of the key: nothing about the App or repository shows.
    fn path(&self, key: &[&str]) -> Option<PathBuf> {
        let name = hex_sha256(key.join("\n").as_bytes());
        Some(self.dir.as_ref()?.join(format!("{name}.json")))
    }
}

/// SHA-256 in lowercase hex: a name or key that shows nothing of what it was made from.
pub(super) fn hex_sha256(bytes: &[u8]) -> String {
    digest(&SHA256, bytes)
        .as_ref()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A cache directory (and its parents) that only the user may enter.
pub(super) fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().expect("a file in the cache directory");
    create_private_dir(dir)?;
    let temporary = dir.join(format!(
        ".{}.{}.tmp",
        path.file_name().and_then(|n| n.to_str()).unwrap_or("token"),
        std::process::id()
    ));
    let mut options = fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let written = options
        .open(&temporary)
        .and_then(|mut file| file.write_all(bytes).and_then(|()| file.sync_all()))
        .and_then(|()| fs::rename(&temporary, path));
    if written.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    written
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_reused_until_five_minutes_before_they_expire() {
        let dir = tempfile::tempdir().unwrap();
        let cache = TokenCache::in_dir(&dir.path().join("tokens"));
        let key = ["https://api.github.com", "42", "o/r"];
        let now = Timestamp(1_700_000_000);
        assert_eq!(cache.fresh(&key, now), None);
        cache.keep(&key, &Token::new("ghs_one"), Timestamp(now.0 + 3600));
        assert_eq!(cache.fresh(&key, now), Some(Token::new("ghs_one")));
        assert_eq!(
            cache.fresh(&["https://api.github.com", "42", "o/other"], now),
            None
        );
        assert_eq!(cache.fresh(&key, Timestamp(now.0 + 3600 - 300)), None);
    }

    #[cfg(unix)]
    #[test]
    fn the_file_is_the_users_alone() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let cache = TokenCache::in_dir(dir.path());
        cache.keep(&["a"], &Token::new("ghs_x"), Timestamp(10_000));
        let file = fs::read_dir(dir.path()).unwrap().next().unwrap().unwrap();
        assert_eq!(file.metadata().unwrap().permissions().mode() & 0o777, 0o600);
    }
}
