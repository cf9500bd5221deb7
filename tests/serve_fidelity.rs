//! `gh-store serve` against GitHub: its answers validated against GitHub's schemas
//! (`tests/fixtures/github/`), compared with real recorded GitHub traffic, and checked for
//! the protocol details and failure modes a client relies on (headers, pagination, ETags,
//! redirects, rate limits, errors).

#[path = "serve_fidelity/accounts.rs"]
mod accounts;
#[path = "serve_fidelity/apps.rs"]
mod apps;
#[path = "serve_fidelity/comments.rs"]
mod comments;
#[path = "serve_fidelity/faults.rs"]
mod faults;
#[path = "serve_fidelity/issues.rs"]
mod issues;
#[path = "serve_fidelity/labels.rs"]
mod labels;
#[path = "serve_fidelity/permissions.rs"]
mod permissions;
#[path = "serve_fidelity/protocol.rs"]
mod protocol;
#[path = "serve_fidelity/recordings.rs"]
mod recordings;
#[path = "serve_fidelity/routes.rs"]
mod routes;
#[path = "common/github_schemas.rs"]
mod schemas;
#[path = "serve_fidelity/support.rs"]
mod support;
