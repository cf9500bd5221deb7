//! The primary rate limit: a budget per user (one shared budget of 60 for anonymous callers,
//! as GitHub's per-address one) per hour-long window that starts with the first request, as
//! GitHub's `x-ratelimit-*` describe.

use std::collections::HashMap;
use std::sync::Mutex;

use crate::timestamp::Timestamp;

const WINDOW_SECONDS: i64 = 3600;
/// GitHub's budget for unauthenticated requests.
const ANONYMOUS_LIMIT: u32 = 60;

/// What the `x-ratelimit-*` headers say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Budget {
    pub limit: u32,
    pub remaining: u32,
    pub used: u32,
    /// Epoch seconds.
    pub reset: i64,
}

impl Budget {
    pub fn headers(&self) -> Vec<(String, String)> {
        vec![
            ("x-ratelimit-limit".into(), self.limit.to_string()),
            ("x-ratelimit-remaining".into(), self.remaining.to_string()),
            ("x-ratelimit-reset".into(), self.reset.to_string()),
            ("x-ratelimit-used".into(), self.used.to_string()),
            ("x-ratelimit-resource".into(), "core".into()),
        ]
    }

    /// An exhausted budget resetting `seconds` from now (the injected primary-limit fault).
    pub fn exhausted(limit: u32, seconds: u64) -> Budget {
        Budget {
            limit,
            remaining: 0,
            used: limit,
            reset: Timestamp::now().seconds() + seconds as i64,
        }
    }
}

/// Whose budget a request spends: a user id, or `None` for anonymous callers.
pub(crate) type Bucket = Option<u64>;

pub(crate) struct RateLimits {
    limit: u32,
    windows: Mutex<HashMap<Bucket, Window>>,
}

#[derive(Clone, Copy)]
struct Window {
    reset: i64,
    used: u32,
}

impl RateLimits {
    pub fn new(limit: u32) -> RateLimits {
        RateLimits {
            limit,
            windows: Mutex::new(HashMap::new()),
        }
    }

    /// A bucket's budget per window: the configured one for users; GitHub's 60 for anonymous
    /// callers, or less when users get less.
    pub fn limit(&self, bucket: Bucket) -> u32 {
        match bucket {
            Some(_) => self.limit,
            None => self.limit.min(ANONYMOUS_LIMIT),
        }
    }

    /// The budget without spending from it.
    pub fn peek(&self, bucket: Bucket) -> Budget {
        let mut windows = self.windows.lock().unwrap();
        self.budget(bucket, *self.window(&mut windows, bucket))
    }

    /// Spends one request: `Err` with the empty budget when nothing is left.
    pub fn spend(&self, bucket: Bucket) -> Result<Budget, Budget> {
        let mut windows = self.windows.lock().unwrap();
        let limit = self.limit(bucket);
        let window = self.window(&mut windows, bucket);
        if window.used >= limit {
            return Err(self.budget(bucket, *window));
        }
        window.used += 1;
        Ok(self.budget(bucket, *window))
    }

    /// Gives back a request that turned out to be a 304, which GitHub does not count.
    pub fn refund(&self, bucket: Bucket) -> Budget {
        let mut windows = self.windows.lock().unwrap();
        let window = self.window(&mut windows, bucket);
        window.used = window.used.saturating_sub(1);
        self.budget(bucket, *window)
    }

    fn window<'a>(
        &self,
        windows: &'a mut HashMap<Bucket, Window>,
        bucket: Bucket,
    ) -> &'a mut Window {
        let now = Timestamp::now().seconds();
        let window = windows.entry(bucket).or_insert(Window {
            reset: now + WINDOW_SECONDS,
            used: 0,
        });
        if window.reset <= now {
            *window = Window {
                reset: now + WINDOW_SECONDS,
                used: 0,
            };
        }
        window
    }

    fn budget(&self, bucket: Bucket, window: Window) -> Budget {
        let limit = self.limit(bucket);
        Budget {
            limit,
            remaining: limit.saturating_sub(window.used),
            used: window.used,
            reset: window.reset,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn budgets_are_per_bucket_and_refundable() {
        let limits = RateLimits::new(2);
        assert_eq!(limits.spend(Some(1)).unwrap().remaining, 1);
        assert_eq!(limits.spend(Some(1)).unwrap().remaining, 0);
        assert_eq!(limits.spend(Some(1)).unwrap_err().remaining, 0);
        assert_eq!(limits.peek(None).remaining, 2);
        assert_eq!(limits.refund(Some(1)).remaining, 1);
        let budget = limits.peek(Some(1));
        assert_eq!((budget.used, budget.limit), (1, 2));
        assert!(budget.reset > Timestamp::now().seconds());
    }

    #[test]
    fn anonymous_callers_get_githubs_sixty_at_most() {
        assert_eq!(RateLimits::new(5000).peek(None).limit, 60);
        assert_eq!(RateLimits::new(5000).peek(Some(1)).limit, 5000);
        assert_eq!(RateLimits::new(8).spend(None).unwrap().remaining, 7);
    }
}
