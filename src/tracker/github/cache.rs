//! ETags of earlier GET answers, so that a repeated read is a `304 Not Modified`, which
//! GitHub does not charge against the primary rate limit.
//!
//! Only what is likely to be read again is kept: single resources and the first page of a
//! listing (the tracker marks those requests), the things `watch` and the processor poll.
//! Later pages of a large listing are walked once per run, so keeping them would only cost
//! memory. Entries and bytes are capped as well, oldest first out, so that a long run over
//! thousands of objects stays flat.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};

const MAX_ENTRIES: usize = 512;
const MAX_BYTES: usize = 16 * 1024 * 1024;

/// A cached answer: what to send as `If-None-Match` and what a 304 stands for.
#[derive(Clone)]
pub(super) struct Cached {
    pub(super) etag: String,
    pub(super) body: Arc<Vec<u8>>,
    /// The `Link` header of the cached page: a 304 need not repeat it.
    pub(super) link: Option<String>,
    pub(super) content_type: Option<String>,
}

#[derive(Default)]
pub(super) struct EtagCache {
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    entries: HashMap<String, Cached>,
    /// Keys from least to most recently used.
    order: VecDeque<String>,
    bytes: usize,
}

impl EtagCache {
    pub(super) fn get(&self, key: &str) -> Option<Cached> {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let found = state.entries.get(key).cloned()?;
        state.touch(key);
        Some(found)
    }

    pub(super) fn put(&self, key: &str, entry: Cached) {
        let size = entry.body.len() + key.len();
        if size > MAX_BYTES / 4 {
            return;
        }
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        state.remove(key);
        while state.entries.len() >= MAX_ENTRIES || state.bytes + size > MAX_BYTES {
            let Some(oldest) = state.order.front().cloned() else {
                break;
            };
            state.remove(&oldest);
        }
        state.bytes += size;
        state.entries.insert(key.to_string(), entry);
        state.order.push_back(key.to_string());
    }

    #[cfg(test)]
    pub(super) fn len(&self) -> usize {
        self.state.lock().unwrap().entries.len()
    }
}

impl State {
    fn touch(&mut self, key: &str) {
        if let Some(at) = self.order.iter().position(|k| k == key) {
            if let Some(k) = self.order.remove(at) {
                self.order.push_back(k);
            }
        }
    }

    fn remove(&mut self, key: &str) {
        if let Some(old) = self.entries.remove(key) {
            self.bytes -= old.body.len() + key.len();
            self.order.retain(|k| k != key);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(size: usize) -> Cached {
        Cached {
            etag: "\"e\"".into(),
            body: Arc::new(vec![b'x'; size]),
            link: None,
            content_type: None,
        }
    }

    #[test]
    fn evicts_least_recently_used_beyond_the_entry_cap() {
        let cache = EtagCache::default();
        for i in 0..MAX_ENTRIES {
            cache.put(&format!("k{i}"), entry(1));
        }
        assert!(cache.get("k0").is_some());
        cache.put("new", entry(1));
        assert_eq!(cache.len(), MAX_ENTRIES);
        assert!(cache.get("k0").is_some(), "recently used stays");
        assert!(cache.get("k1").is_none(), "least recently used goes");
    }

    #[test]
    fn byte_cap_bounds_memory() {
        let cache = EtagCache::default();
        for i in 0..10 {
            cache.put(&format!("k{i}"), entry(MAX_BYTES / 5));
        }
        assert!(cache.len() <= 5);
        cache.put("huge", entry(MAX_BYTES / 2));
        assert!(cache.get("huge").is_none());
    }
}
