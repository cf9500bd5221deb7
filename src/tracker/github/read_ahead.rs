//! Later pages of a listing fetched before the reader asks for them.
//!
//! GitHub's first page of a listing says how many there are (`Link: rel="last"`, a URL that
//! differs from every other page's only in its `page` parameter). While the reader works
//! through page k, pages k+1 … k+jobs are already on their way, each on its own thread:
//! 10,000 objects take about 100 / jobs round trips instead of 100. The reader still gets
//! the pages one by one and in order, and at most `jobs` answers wait in memory.
//!
//! Only listings whose caller reads every page are read ahead (one that stops early would
//! waste requests), and only reads: writes stay serial, as GitHub asks.

use std::collections::HashMap;
use std::sync::mpsc::{self, Receiver};
use std::sync::Mutex;
use std::thread;

use super::link;
use super::request::Reply;
use crate::tracker::TrackerResult;

/// A page of one listing: the listing's URL without its `page` parameter, and the number.
type PageKey = (String, u64);

pub(super) struct ReadAhead {
    /// Pages in flight ahead of the reader; 1 reads page after page.
    jobs: u64,
    pending: Mutex<HashMap<PageKey, Receiver<TrackerResult<Reply>>>>,
}

impl ReadAhead {
    pub(super) fn new(jobs: usize) -> ReadAhead {
        ReadAhead {
            jobs: jobs.max(1) as u64,
            pending: Mutex::default(),
        }
    }

    pub(super) fn enabled(&self) -> bool {
        self.jobs > 1
    }

    /// The answer for `url` if it was asked for ahead, once it has come.
    pub(super) fn take(&self, url: &str) -> Option<TrackerResult<Reply>> {
        let key = page_key(url)?;
        let receiver = self.lock().remove(&key)?;
        // A fetch thread that died without answering: the caller asks itself.
        receiver.recv().ok()
    }

    /// After the page at `url` answered with `link`: starts, each on a thread running
    /// `fetch`, the pages after it (up to `jobs` ahead) not started yet.
    pub(super) fn start_after<F>(&self, url: &str, link: Option<&str>, fetch: F)
    where
        F: Fn(String) -> TrackerResult<Reply> + Clone + Send + 'static,
    {
        let Some(last) = link.and_then(|header| link::find(header, "last")) else {
            return;
        };
        let Some((listing, last_page)) = page_key(&last) else {
            return;
        };
        let current = page_key(url).map_or(1, |(_, page)| page);
        let mut pending = self.lock();
        if current == 1 {
            // A new walk of the listing: answers fetched for an earlier one may be stale.
            pending.retain(|(other, _), _| *other != listing);
        }
        for page in current + 1..=last_page.min(current + self.jobs) {
            let key = (listing.clone(), page);
            if pending.contains_key(&key) {
                continue;
            }
            let (sender, receiver) = mpsc::sync_channel(1);
            let fetch = fetch.clone();
            let target = with_page(&last, page);
            let started = thread::Builder::new()
                .name(format!("gh-store page {page}"))
                .spawn(move || {
                    let _ = sender.send(fetch(target));
                });
            // Without a thread the reader fetches the page itself when it gets there.
            if started.is_ok() {
                pending.insert(key, receiver);
            }
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<PageKey, Receiver<TrackerResult<Reply>>>> {
        self.pending.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// `url` with its `page` parameter's value left out, and that value; `None` without one.
fn page_key(url: &str) -> Option<PageKey> {
    let (path, query) = url.split_once('?')?;
    let mut page = None;
    let mut rest = Vec::new();
    for pair in query.split('&') {
        match pair.strip_prefix("page=") {
            Some(number) => page = number.parse().ok(),
            None => rest.push(pair),
        }
    }
    Some((format!("{path}?{}", rest.join("&")), page?))
}

/// `url` (which has a `page` parameter) asking for `page` instead.
fn with_page(url: &str, page: u64) -> String {
    let Some((path, query)) = url.split_once('?') else {
        return url.to_string();
    };
    let pairs: Vec<String> = query
        .split('&')
        .map(|pair| match pair.strip_prefix("page=") {
            Some(_) => format!("page={page}"),
            None => pair.to_string(),
        })
        .collect();
    format!("{path}?{}", pairs.join("&"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    const LAST: &str = "<http://h/repositories/7/issues?per_page=2&page=2>; rel=\"next\", \
                        <http://h/repositories/7/issues?per_page=2&page=9>; rel=\"last\"";

    #[test]
    fn a_page_is_known_by_its_listing_and_number_wherever_the_parameter_sits() {
        assert_eq!(
            page_key("http://h/x?page=3&per_page=2"),
            page_key("http://h/x?page=3&per_page=2")
        );
        assert_eq!(
            page_key("http://h/x?per_page=2&page=12"),
            Some(("http://h/x?per_page=2".to_string(), 12))
        );
        assert_eq!(page_key("http://h/x?per_page=2"), None);
        assert_eq!(
            with_page("http://h/x?per_page=2&page=9", 4),
            "http://h/x?per_page=2&page=4"
        );
    }

    #[test]
    fn starts_at_most_jobs_pages_ahead_and_hands_each_over_once() {
        let asked = Arc::new(AtomicUsize::new(0));
        let ahead = ReadAhead::new(3);
        let counter = asked.clone();
        let fetch = move |url: String| {
            counter.fetch_add(1, Ordering::SeqCst);
            Ok(Reply::for_test(200, &[], &format!("{:?}", url)))
        };
        ahead.start_after(
            "http://h/repos/o/r/issues?per_page=2",
            Some(LAST),
            fetch.clone(),
        );
        assert_eq!(ahead.lock().len(), 3, "pages 2, 3 and 4");
        let page2 = ahead
            .take("http://h/repositories/7/issues?per_page=2&page=2")
            .expect("page 2 was fetched ahead")
            .unwrap();
        assert!(String::from_utf8_lossy(&page2.body).contains("page=2"));
        assert!(ahead
            .take("http://h/repositories/7/issues?per_page=2&page=2")
            .is_none());
        // Reading page 2 moves the window to page 5; pages 3 and 4 are not asked twice.
        ahead.start_after(
            "http://h/repositories/7/issues?per_page=2&page=2",
            Some(LAST),
            fetch,
        );
        for page in 3..=5 {
            assert!(ahead
                .take(&format!(
                    "http://h/repositories/7/issues?per_page=2&page={page}"
                ))
                .is_some());
        }
        assert_eq!(asked.load(Ordering::SeqCst), 4);
    }

    #[test]
    fn nothing_is_fetched_ahead_without_a_last_page() {
        let ahead = ReadAhead::new(8);
        let next_only = "<http://h/x?after=Y3Vyc29y>; rel=\"next\"";
        ahead.start_after("http://h/x", Some(next_only), |_| unreachable!());
        ahead.start_after("http://h/x", None, |_| unreachable!());
        assert!(ahead.lock().is_empty());
    }
}
