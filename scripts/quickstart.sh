#!/usr/bin/env bash
# A first round trip on the embedded local store: no GitHub account needed.
# Builds gh-store, then creates, updates and reads an object in a temporary store.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --release --locked --quiet
gh_store() {
    echo "\$ gh-store $*" >&2
    ./target/release/gh-store --local "$store" "$@"
}

store="$(mktemp -d)/store.db"
gh_store create cfg '{"port": 8080, "debug": false}'
gh_store update cfg '{"debug": true}'
gh_store get cfg
gh_store history cfg
echo "(the store is $store)" >&2
