//! Ctrl-C as a request to stop: long-running commands (`watch`) finish the line they are
//! writing and exit 130 instead of dying mid-write.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

static INTERRUPTED: AtomicBool = AtomicBool::new(false);

#[cfg(unix)]
mod unix {
    use super::{Ordering, INTERRUPTED};

    const SIGINT: i32 = 2;
    const SIG_DFL: usize = 0;

    extern "C" {
        fn signal(signum: i32, handler: usize) -> usize;
    }

    extern "C" fn on_interrupt(_: i32) {
        INTERRUPTED.store(true, Ordering::SeqCst);
        // A second Ctrl-C kills at once, as users expect. `signal` is async-signal-safe.
        unsafe {
            signal(SIGINT, SIG_DFL);
        }
    }

    pub fn install() {
        // SAFETY: the handler only stores to an atomic and restores the default action.
        unsafe {
            signal(SIGINT, on_interrupt as extern "C" fn(i32) as usize);
        }
    }
}

/// Starts catching Ctrl-C.
pub fn install() {
    #[cfg(unix)]
    unix::install();
}

pub fn interrupted() -> bool {
    INTERRUPTED.load(Ordering::SeqCst)
}

/// Sleeps up to `duration`, returning early (false) on Ctrl-C.
pub fn sleep(duration: Duration) -> bool {
    let deadline = Instant::now() + duration;
    while !interrupted() {
        let now = Instant::now();
        if now >= deadline {
            return true;
        }
        std::thread::sleep((deadline - now).min(Duration::from_millis(50)));
    }
    false
}
