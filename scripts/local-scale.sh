#!/usr/bin/env bash
# The local store at scale: wall time and peak memory of get, update, list and snapshot on
# stores of N objects, for one gh-store binary.
#
#   scripts/local-scale.sh [-b BINARY] N...      e.g. scripts/local-scale.sh 1000 10000 100000
#
# Prints one Markdown table row per operation and N: `| op | N | seconds | peak RSS MiB |`,
# the median wall time and the highest peak resident set of RUNS runs (default 3).
# Needs sqlite3 and GNU time (/usr/bin/time). The store is seeded in SQL, in seconds: one
# object is made by `gh-store create` (labels, body, initial_state comment with 👍 and 🚀,
# checkpoint title, closed), then copied as o2…oN with their own labels, comment and
# reactions. Creating 100,000 objects through the CLI would measure create, not the reads.
set -euo pipefail

bin=target/release/gh-store
runs=${RUNS:-3}
if [[ ${1:-} == -b ]]; then
    bin=$2
    shift 2
fi
[[ $# -gt 0 ]] || { echo "usage: $0 [-b BINARY] N..." >&2; exit 2; }
bin=$(realpath "$bin")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Copies object o1 as o2…oN, each created one second after the one before it.
seed() {
    local db=$1 count=$2
    "$bin" --local "$db" create o1 '{"n": 1, "name": "object 1"}' >/dev/null
    sqlite3 "$db" <<SQL
PRAGMA foreign_keys = ON;
BEGIN;
CREATE TEMP TABLE t AS SELECT * FROM issues WHERE number = 1;
CREATE TEMP TABLE n AS
    WITH RECURSIVE n(x) AS (SELECT 2 UNION ALL SELECT x + 1 FROM n WHERE x < $count)
    SELECT x FROM n;
-- o1 first in time, then one object a second, all in the past.
UPDATE issues SET created_at = created_at - $count, updated_at = updated_at - $count,
    closed_at = closed_at - $count;
UPDATE comments SET created_at = created_at - $count, updated_at = updated_at - $count;
INSERT INTO issues (id, repo_id, number, title, body, state, state_reason, author_id,
                    comment_count, created_at, updated_at, closed_at, closed_by)
SELECT 4300000000 + x, t.repo_id, x,
       'Stored Object: o' || x || ' [v1@' || (4700000000 + x) || '#1]',
       printf('{%s  "n": %d,%s  "name": "object %d"%s}', char(10), x, char(10), x, char(10)),
       'closed', t.state_reason, t.author_id, 1,
       t.created_at - $count + x, t.created_at - $count + x, t.created_at - $count + x,
       t.closed_by
FROM n, t;
INSERT INTO comments (id, issue_id, repo_id, author_id, body, created_at, updated_at)
SELECT 4700000000 + x, 4300000000 + x, t.repo_id, t.author_id,
       printf('{%s  "_data": {%s    "n": %d,%s    "name": "object %d"%s  },%s  "_meta": {%s    "client_version": "0.1.0",%s    "timestamp": "2026-01-01T00:00:00+00:00",%s    "update_mode": "append",%s    "issue_number": %d%s  },%s  "type": "initial_state"%s}',
              char(10), char(10), x, char(10), x, char(10), char(10), char(10), char(10),
              char(10), char(10), x, char(10), char(10), char(10)),
       t.created_at - $count + x, t.created_at - $count + x
FROM n, t;
INSERT INTO reactions (comment_id, user_id, content, created_at)
SELECT c.id, c.author_id, r.content, c.created_at
FROM comments c, (SELECT 'rocket' AS content UNION ALL SELECT '+1') r
WHERE c.id > 4700000001;
INSERT INTO labels (repo_id, name, name_key, color)
SELECT t.repo_id, 'UID:o' || x, 'uid:o' || x, 'ededed' FROM n, t;
INSERT INTO issue_labels (issue_id, label_id)
SELECT 4300000000 + x, l.id FROM n, t JOIN labels l
    ON l.repo_id = t.repo_id AND l.name_key IN ('gh-store', 'stored-object');
INSERT INTO issue_labels (issue_id, label_id)
SELECT i.id, l.id FROM issues i JOIN labels l
    ON l.repo_id = i.repo_id AND l.name_key = 'uid:o' || i.number
WHERE i.number > 1;
COMMIT;
SQL
}

# Runs a command under GNU time: prints "seconds peak-MiB" (the wall time from the shell's
# clock, which is finer than GNU time's hundredths).
measure() {
    local out=$work/time.txt start end
    start=$EPOCHREALTIME
    /usr/bin/time -v -o "$out" "$@" >/dev/null 2>&1
    end=$EPOCHREALTIME
    awk -F': ' -v start="$start" -v end="$end" '
        /Maximum resident set size/ { kb = $2 }
        END { printf "%.3f %.1f\n", end - start, kb / 1024 }' "$out"
}

# One table row: the median time and the highest peak of $runs runs.
row() {
    local op=$1 count=$2 times=() peak=0 seconds mib
    shift 2
    for ((run = 0; run < runs; run++)); do
        read -r seconds mib < <(measure "$@")
        times+=("$seconds")
        peak=$(awk -v a="$peak" -v b="$mib" 'BEGIN { print (b > a ? b : a) }')
    done
    seconds=$(printf '%s\n' "${times[@]}" | sort -n | awk '{ t[NR] = $1 } END { print t[int((NR + 1) / 2)] }')
    printf '| %s | %s | %s | %s |\n' "$op" "$count" "$seconds" "$peak"
}

echo "| operation | objects | seconds | peak RSS (MiB) |"
echo "|---|---:|---:|---:|"
for count in "$@"; do
    db=$work/store-$count.db
    seed "$db" "$count"
    local_store=(--local "$db")
    middle=o$((count / 2))
    row "get $middle" "$count" "$bin" "${local_store[@]}" get "$middle"
    row "update $middle" "$count" "$bin" "${local_store[@]}" update "$middle" '{"seen": true}'
    row "list --ndjson" "$count" "$bin" "${local_store[@]}" list --ndjson
    listed=$("$bin" "${local_store[@]}" list --ndjson | wc -l)
    [[ $listed -eq $count ]] || { echo "list printed $listed of $count objects" >&2; exit 1; }
    row "snapshot -o" "$count" "$bin" "${local_store[@]}" snapshot -o "$work/snapshot.json"
    rm -f "$db" "$db"-wal "$db"-shm "$work/snapshot.json"
done
