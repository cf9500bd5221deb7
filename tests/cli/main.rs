//! Integration tests: the real `gh-store` binary, driven as a user would, against the
//! embedded local store and over real HTTP against `gh-store serve`'s server.

mod actions_dispatch;
mod aliases;
mod bench_smoke;
mod bulk;
mod coexistence;
mod deleting;
mod extra_labels;
mod fast_reads;
mod following;
mod generated;
mod generated_output;
mod github_api;
mod github_app;
// Shared with tests/serve_fidelity.rs, which uses all of it.
#[allow(dead_code)]
#[path = "../common/github_schemas.rs"]
mod github_schemas;
mod harness;
mod help_examples;
mod json_and_jq;
mod local_store;
mod network_and_io;
mod presentation;
mod processor;
mod readme_examples;
mod reliability;
mod safe_snapshots;
mod serve_command;
mod settings_edges;
mod shells;
mod snapshot_and_config;
mod tables;
