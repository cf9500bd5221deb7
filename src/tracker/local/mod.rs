//! The local tracker: the GitHub issue model in SQLite.
