#!/usr/bin/env bash
# Interop tests with the real clients (issue 11): gh-store against the Python gh-store
# (PyPI 0.11.3) and the TypeScript gh-store-client (npm 0.11.1), all talking to one
# `gh-store serve`.
#
#   scripts/interop.sh                  every scenario (1 reverts, 2 bigints, 3 keyorder,
#                                       4 config, 5 aliases, golden wire forms)
#   scripts/interop.sh 1 3              only these
#   scripts/interop.sh --record         rewrite tests/golden/*.json from a run
#   scripts/interop.sh -v ...           every check (-vv: every command and its output)
#
# Builds with `cargo build --locked` (CARGO_TARGET_DIR is respected); installs the clients
# once into target/interop/{py,node} (INTEROP_DIR overrides), which needs PyPI and npm.
# Prints one PASS/FAIL line per scenario and client; exits 1 if any failed.
set -euo pipefail
cd "$(dirname "$0")/.."

PY_VERSION=0.11.3
TS_VERSION=0.11.1
dir=${INTEROP_DIR:-target/interop}
target=${CARGO_TARGET_DIR:-target}

cargo build --locked --quiet
bin=$(cd "$target/debug" && pwd)/gh-store

if ! "$dir/py/bin/python" -c "import importlib.metadata as m, sys; sys.exit(m.version('gh-store') != '$PY_VERSION')" 2>/dev/null; then
  echo "installing gh-store==$PY_VERSION into $dir/py" >&2
  rm -rf "$dir/py"
  python3 -m venv "$dir/py"
  "$dir/py/bin/pip" install --quiet --disable-pip-version-check "gh-store==$PY_VERSION"
fi
ts_module=$dir/node/node_modules/gh-store-client/dist/index.mjs
if ! grep -qs "\"version\": \"$TS_VERSION\"" "$dir/node/node_modules/gh-store-client/package.json"; then
  echo "installing gh-store-client@$TS_VERSION into $dir/node" >&2
  mkdir -p "$dir/node"
  npm install --prefix "$dir/node" --no-audit --no-fund --silent "gh-store-client@$TS_VERSION" >&2
fi

work=$(mktemp -d)
server_pid=
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# A fresh store; octo owns octo/data. HOME is isolated so no user config is read.
mkfifo "$work/url"
HOME=$work XDG_CONFIG_HOME=$work/.config "$bin" serve --local "$work/store.db" -R octo/data \
  --user octo:tok-octo >"$work/url" 2>"$work/serve.log" &
server_pid=$!
read -r url <"$work/url" || { echo "error: gh-store serve did not start:" >&2; cat "$work/serve.log" >&2; exit 1; }
# Keep the pipe drained so the server never blocks on stdout.
cat "$work/url" >/dev/null &

start=$SECONDS
status=0
python3 scripts/interop/run.py --url "$url" --bin "$bin" --py "$(cd "$dir/py/bin" && pwd)/python" \
  --ts-module "$(cd "$(dirname "$ts_module")" && pwd)/index.mjs" "$@" || status=$?
echo "interop: $((SECONDS - start))s against $url" >&2
exit "$status"
