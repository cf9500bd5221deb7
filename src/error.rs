//! One error type for the whole tool. Its [`ErrorKind`] decides the exit code; the message,
//! causes and hints become the `error:`, `caused by:` and `hint:` lines on stderr.
//!
//! ```
//! use gh_store::store::{ObjectId, Store, StoreOptions};
//! use gh_store::tracker::{local::{DefaultLabels, LocalDb}, AccountKind};
//! use gh_store::ErrorKind;
//!
//! let db = LocalDb::open_in_memory().unwrap();
//! let repo = db.ensure_repository("alice/data", AccountKind::User, DefaultLabels::Without).unwrap();
//! let store = Store::new(Box::new(db.tracker(repo.id, "alice").unwrap()), StoreOptions::default());
//!
//! let missing = store.get(&ObjectId::parse("nope").unwrap()).unwrap_err();
//! assert_eq!(missing.kind, ErrorKind::NotFound);
//! assert_eq!(missing.exit_code(), 3);
//!
//! let bad_id = ObjectId::parse("a,b").unwrap_err();
//! assert_eq!(bad_id.kind, ErrorKind::Usage);
//! assert!(bad_id.hints[0].contains("1-46 characters"));
//! ```

use std::fmt;

use crate::tracker::TrackerError;

/// The documented exit codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// 1: anything not covered below.
    Failure,
    /// 2: a usage error or invalid input (bad JSON, bad id, bad config).
    Usage,
    /// 3: no such object (or archived).
    NotFound,
    /// 4: authentication or permission.
    Auth,
    /// 5: refused by validation (size, JSON Schema, update rejected by the processor).
    Rejected,
    /// 6: conflict (object exists, version moved, json-patch `test` failed).
    Conflict,
    /// 7: a wait ran out: a rate limit outlasting `--max-wait`, a server silent past
    /// `http_timeout`, an update still pending after `--wait`.
    GaveUpWaiting,
    /// 130: interrupted (Ctrl-C).
    Interrupted,
    /// 0, silently: stdout was closed by the reader (`gh-store list | head -1`).
    BrokenPipe,
}

impl ErrorKind {
    /// Every kind, in the order of their exit codes (the silent broken pipe last).
    pub const ALL: [ErrorKind; 9] = [
        ErrorKind::Failure,
        ErrorKind::Usage,
        ErrorKind::NotFound,
        ErrorKind::Auth,
        ErrorKind::Rejected,
        ErrorKind::Conflict,
        ErrorKind::GaveUpWaiting,
        ErrorKind::Interrupted,
        ErrorKind::BrokenPipe,
    ];

    /// What the exit code tells a script, for `--help`.
    pub fn meaning(self) -> &'static str {
        match self {
            ErrorKind::Failure => "failure (network, server, unexpected data)",
            ErrorKind::Usage => "usage error or invalid input (bad JSON, bad id, bad config file)",
            ErrorKind::NotFound => "object not found (or archived)",
            ErrorKind::Auth => "authentication or permission denied",
            ErrorKind::Rejected => {
                "rejected by validation (size limit, JSON Schema, rejected update)"
            }
            ErrorKind::Conflict => {
                "conflict (object exists, version moved, json-patch test failed)"
            }
            ErrorKind::GaveUpWaiting => "rate limited or timed out",
            ErrorKind::Interrupted => "interrupted (Ctrl-C)",
            ErrorKind::BrokenPipe => {
                "success (also when the reader of stdout goes away, as with `| head -1`)"
            }
        }
    }

    pub fn exit_code(self) -> u8 {
        match self {
            ErrorKind::Failure => 1,
            ErrorKind::Usage => 2,
            ErrorKind::NotFound => 3,
            ErrorKind::Auth => 4,
            ErrorKind::Rejected => 5,
            ErrorKind::Conflict => 6,
            ErrorKind::GaveUpWaiting => 7,
            ErrorKind::Interrupted => 130,
            ErrorKind::BrokenPipe => 0,
        }
    }
}

/// What a failed write left behind: the message says it in words, and a command that keeps
/// state for a safe rerun (`update`'s idempotency key) reads it here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    /// Nothing was written.
    Nothing,
    /// The answer was lost: the write may have happened.
    Maybe,
    /// Part of it was written; a rerun of the same command finishes it.
    Partly,
}

/// An error with a kind, a one-line message, optional causes and hints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub kind: ErrorKind,
    pub message: String,
    pub causes: Vec<String>,
    pub hints: Vec<String>,
    /// For a failed write, what it left; `None` when nothing was being written.
    pub written: Option<Written>,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error {
            kind,
            message: message.into(),
            causes: Vec::new(),
            hints: Vec::new(),
            written: None,
        }
    }

    pub fn failure(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::Failure, message)
    }

    pub fn usage(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::Usage, message)
    }

    pub fn not_found(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::NotFound, message)
    }

    pub fn rejected(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::Rejected, message)
    }

    pub fn conflict(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::Conflict, message)
    }

    pub fn with_cause(mut self, cause: impl fmt::Display) -> Error {
        self.causes.push(cause.to_string());
        self
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Error {
        self.hints.push(hint.into());
        self
    }

    pub fn with_written(mut self, written: Written) -> Error {
        self.written = Some(written);
        self
    }

    /// Prefixes the message with context, keeping kind and hints: `reading config: …`.
    pub fn context(mut self, context: impl fmt::Display) -> Error {
        self.message = format!("{context}: {}", self.message);
        self
    }

    pub fn exit_code(&self) -> u8 {
        self.kind.exit_code()
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

impl From<TrackerError> for Error {
    fn from(err: TrackerError) -> Error {
        let kind = match &err {
            TrackerError::NotFound { .. } | TrackerError::Gone { .. } => ErrorKind::NotFound,
            TrackerError::Unauthorized { .. } | TrackerError::Forbidden { .. } => ErrorKind::Auth,
            TrackerError::Invalid { .. } => ErrorKind::Rejected,
            TrackerError::RateLimited { .. } | TrackerError::TimedOut { .. } => {
                ErrorKind::GaveUpWaiting
            }
            TrackerError::Interrupted => ErrorKind::Interrupted,
            TrackerError::GuardFailed => ErrorKind::Conflict,
            // The store the user named cannot take writes: retrying will not help, another
            // --local (or the file's permissions) will, as with a store that cannot be opened.
            TrackerError::ReadOnly { .. } => ErrorKind::Usage,
            TrackerError::Server { .. }
            | TrackerError::Network { .. }
            | TrackerError::Storage { .. }
            | TrackerError::Protocol { .. } => ErrorKind::Failure,
        };
        let message = match &err {
            // GitHub hides private repositories from tokens that cannot see them.
            TrackerError::NotFound { what } if what.starts_with("repository ") => {
                format!("{what} not found, or not visible to this token")
            }
            _ => err.to_string(),
        };
        let mut error = Error::new(kind, message);
        match &err {
            TrackerError::NotFound { what } if what.starts_with("repository ") => error.hints.push(
                "check -R OWNER/REPO, and that the token may read it (GitHub answers 404, not \
                 403, for a private repository a token cannot see)"
                    .into(),
            ),
            TrackerError::Unauthorized { .. } => error.hints.push(
                "GitHub refused the token: replace it where it came from \
                 (`gh-store config` shows every source)"
                    .into(),
            ),
            TrackerError::Forbidden { .. } => error.hints.push(
                "writing objects needs push access to the repository and a token allowed to \
                 write issues (fine-grained: Issues read and write; classic: the repo scope)"
                    .into(),
            ),
            TrackerError::RateLimited {
                retry_at: Some(at), ..
            } => error.hints.push(format!(
                "retry after {at}, or raise --max-wait to let gh-store wait"
            )),
            TrackerError::Network { .. } => error
                .hints
                .push("check the network, --api-url and any HTTPS_PROXY or HTTP_PROXY setting; gh-store retried already".into()),
            TrackerError::TimedOut { .. } => error.hints.push(
                "check the network (and any HTTPS_PROXY), try again later, or give a slow server longer with GH_STORE_HTTP_TIMEOUT (`http_timeout:` \
                 in a config file; --max-wait is for rate limits)"
                    .into(),
            ),
            TrackerError::ReadOnly { .. } => error.hints.push(
                "get, list, history and snapshot can read it; to write, make the file and its \
                 directory writable, or use a writable copy with --local"
                    .into(),
            ),
            _ => {}
        }
        error
    }
}

/// The I/O errors that reach `?` unconverted are the writes of results to stdout: every
/// file gh-store reads or writes names itself in its errors (`cannot write FILE: …`, kept
/// as is), so a bare system error is stdout's. A closed pipe is not an error.
impl From<std::io::Error> for Error {
    fn from(err: std::io::Error) -> Error {
        match err.kind() {
            std::io::ErrorKind::BrokenPipe => Error::new(ErrorKind::BrokenPipe, "broken pipe"),
            std::io::ErrorKind::Interrupted => Error::new(ErrorKind::Interrupted, "interrupted"),
            _ if err.get_ref().is_none() => {
                let text = err.to_string();
                // `No space left on device (os error 28)`: the number says nothing to a user.
                let text = match text.rfind(" (os error ") {
                    Some(at) if text.ends_with(')') => &text[..at],
                    _ => &text,
                };
                Error::failure(format!("cannot write to stdout: {text}"))
            }
            _ => Error::failure(err.to_string()),
        }
    }
}
