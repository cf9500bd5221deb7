//! `gh-store serve`: a GitHub-REST-compatible HTTP server over the local tracker.
