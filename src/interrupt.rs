//! A request to stop (Ctrl-C), shared between whoever catches it (the CLI) and the code that
//! waits (rate limits, retry back-off, `watch` between polls), so that every long wait ends
//! at once instead of running to its end.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// A flag raised once to ask waits to stop. Clones share it; the default is never raised.
#[derive(Debug, Clone, Default)]
pub struct Interrupt(Arc<AtomicBool>);

/// How often a wait looks at the flag: short enough to feel instant.
const CHECK_EVERY: Duration = Duration::from_millis(50);

impl Interrupt {
    pub fn new() -> Interrupt {
        Interrupt::default()
    }

    /// Asks every wait to stop. Only touches an atomic, so a signal handler may call it.
    pub fn raise(&self) {
        self.0.store(true, Ordering::SeqCst);
    }

    pub fn is_raised(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }

    /// Sleeps up to `duration`; false when the flag was raised (before or during the wait).
    pub fn sleep(&self, duration: Duration) -> bool {
        let deadline = Instant::now() + duration;
        while !self.is_raised() {
            let now = Instant::now();
            if now >= deadline {
                return true;
            }
            std::thread::sleep((deadline - now).min(CHECK_EVERY));
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_raised_flag_ends_a_sleep_early() {
        let interrupt = Interrupt::new();
        assert!(interrupt.sleep(Duration::from_millis(1)));
        let raiser = interrupt.clone();
        let started = Instant::now();
        let thread = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(100));
            raiser.raise();
        });
        assert!(!interrupt.sleep(Duration::from_secs(30)));
        assert!(started.elapsed() < Duration::from_secs(5));
        thread.join().unwrap();
        assert!(!interrupt.sleep(Duration::from_secs(30)), "stays raised");
    }
}
