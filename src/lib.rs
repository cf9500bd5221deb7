//! gh-store keeps JSON objects in GitHub Issues: one issue per object, the issue body is the
//! current state, updates arrive as comments and are folded in by a processor.
//!
//! The crate is layered (see `ARCHITECTURE.md`): [`cli`] parses arguments and prints, [`store`]
//! knows objects and the wire format, [`tracker`] is GitHub's issue model with a REST and a
//! SQLite implementation, and [`serve`] exposes any local store as a GitHub-compatible server.

pub mod cli;
pub mod config;
pub mod duration;
pub mod error;
pub mod interrupt;
pub mod jq;
pub mod json;
pub mod jwt;
pub mod output;
pub mod serve;
pub mod store;
pub mod timestamp;
pub mod tracker;

pub use error::{Error, ErrorKind, Result};
