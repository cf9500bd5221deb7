//! Ctrl-C as a request to stop: long-running commands (`watch`) finish the line they are
//! writing and exit 130 instead of dying mid-write. The flag is the library's
//! [`Interrupt`], handed to the tracker so that its waits (rate limits, back-off) end too.

use std::sync::OnceLock;

use crate::interrupt::Interrupt;

static CTRL_C: OnceLock<Interrupt> = OnceLock::new();

/// The flag Ctrl-C raises once [`install`] has run.
pub fn ctrl_c() -> &'static Interrupt {
    CTRL_C.get_or_init(Interrupt::new)
}

#[cfg(unix)]
mod unix {
    use super::CTRL_C;

    const SIGINT: i32 = 2;
    const SIG_DFL: usize = 0;

    extern "C" {
        fn signal(signum: i32, handler: usize) -> usize;
    }

    extern "C" fn on_interrupt(_: i32) {
        if let Some(flag) = CTRL_C.get() {
            flag.raise();
        }
        // A second Ctrl-C kills at once, as users expect. `signal` is async-signal-safe.
        unsafe {
            signal(SIGINT, SIG_DFL);
        }
    }

    pub fn install() {
        // SAFETY: the handler only reads an initialised OnceLock, stores to an atomic and
        // restores the default action.
        unsafe {
            signal(SIGINT, on_interrupt as extern "C" fn(i32) as usize);
        }
    }
}

/// Starts catching Ctrl-C.
pub fn install() {
    ctrl_c();
    #[cfg(unix)]
    unix::install();
}
