#!/usr/bin/env python3
"""The local store at scale: get, update, list --ndjson and snapshot of 1,000, 10,000 and
100,000 objects, wall time and peak memory (GNU time), as BENCHMARKS.md reports them.

    cargo build --release && scripts/local-scale.py [--sizes 1000,10000,100000]

The first 10,000 objects (fewer for a smaller size) are written by `gh-store import`. Import
commits each write durably (fsync), about 4.7 ms an object here, so the rest of a larger
store is copied from them in SQL: the same issues, labels, comments and reactions under new
ids, numbers and object ids, checkpoints pointing at the copied comments. Everything lives
in a temporary directory."""

import argparse, json, os, re, sqlite3, subprocess, sys, tempfile

GH = os.path.join(os.path.dirname(__file__), "..", "target", "release", "gh-store")


def import_objects(gh, db, count, work):
    lines = os.path.join(work, f"in-{count}.ndjson")
    with open(lines, "w") as out:
        for i in range(count):
            out.write(json.dumps({"object_id": f"o{i}", "data": {"n": i, "pad": "x" * 200}}) + "\n")
    subprocess.run([gh, "--local", db, "import", lines], check=True, capture_output=True)


def replicate(db, times):
    """Copies every object `times` more times, as objects o{n + k * count}."""
    c = sqlite3.connect(db)
    repo = c.execute("SELECT repo_id FROM issues LIMIT 1").fetchone()[0]
    base = [c.execute("SELECT id FROM labels WHERE repo_id = ? AND name = ?", (repo, n)).fetchone()[0]
            for n in ("gh-store", "stored-object")]
    issues = c.execute("SELECT * FROM issues WHERE repo_id = ? ORDER BY number", (repo,)).fetchall()
    comments = {}
    for row in c.execute("SELECT * FROM comments WHERE repo_id = ? ORDER BY id", (repo,)):
        comments.setdefault(row[1], []).append(row)
    reactions = {}
    for row in c.execute("SELECT comment_id, user_id, content, created_at FROM reactions"):
        reactions.setdefault(row[0], []).append(row)
    next_issue = c.execute("SELECT max(id) FROM issues").fetchone()[0] + 1
    next_comment = c.execute("SELECT max(id) FROM comments").fetchone()[0] + 1
    next_label = c.execute("SELECT max(id) FROM labels").fetchone()[0] + 1
    count, top = len(issues), max(row[2] for row in issues)
    title = re.compile(r"^Stored Object: o(\d+) \[v(\d+)@(\d+)#(.*)$")
    for k in range(1, times + 1):
        for row in issues:
            issue_id, number = row[0], row[2]
            match = title.match(row[3])
            object_id, new_number = f"o{int(match.group(1)) + count * k}", number + top * k
            ids = {}
            for comment in comments.get(issue_id, []):
                ids[comment[0]] = next_comment
                next_comment += 1
            new_title = f"Stored Object: {object_id} [v{match.group(2)}@{ids[int(match.group(3))]}#{match.group(4)}"
            c.execute("INSERT INTO issues VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                      (next_issue, repo, new_number, new_title, *row[4:]))
            c.execute("INSERT INTO labels (id, repo_id, name, name_key, color) VALUES (?,?,?,?,'ededed')",
                      (next_label, repo, f"UID:{object_id}", f"uid:{object_id}".lower()))
            c.executemany("INSERT INTO issue_labels VALUES (?,?)",
                          [(next_issue, base[0]), (next_issue, base[1]), (next_issue, next_label)])
            for comment in comments.get(issue_id, []):
                body = comment[4].replace(f'"issue_number": {number}\n', f'"issue_number": {new_number}\n')
                c.execute("INSERT INTO comments VALUES (?,?,?,?,?,?,?)",
                          (ids[comment[0]], next_issue, repo, comment[3], body, comment[5], comment[6]))
                for reaction in reactions.get(comment[0], []):
                    c.execute("INSERT INTO reactions (comment_id, user_id, content, created_at) VALUES (?,?,?,?)",
                              (ids[comment[0]], *reaction[1:]))
            next_issue += 1
            next_label += 1
    c.commit()


def measure(gh, db, args):
    run = subprocess.run(["/usr/bin/time", "-f", "%e %M", gh, "--local", db, *args],
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if run.returncode != 0:
        sys.exit(f"gh-store {' '.join(args)} failed: {run.stderr}")
    seconds, kib = run.stderr.strip().splitlines()[-1].split()
    return float(seconds), int(kib)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--gh-store", default=GH)
    options = parser.parse_args()
    print("| N | get | update | list --ndjson | snapshot |")
    print("|--:|--:|--:|--:|--:|")
    with tempfile.TemporaryDirectory() as work:
        for n in map(int, options.sizes.split(",")):
            db = os.path.join(work, f"store-{n}.db")
            seeded = min(n, 10_000)
            import_objects(options.gh_store, db, seeded, work)
            replicate(db, n // seeded - 1)
            last = f"o{n - 7}"
            cells = [measure(options.gh_store, db, a) for a in (
                ["get", last], ["update", last, '{"n": 1}'], ["list", "--ndjson"],
                ["snapshot", "-o", os.path.join(work, "snapshot.json")])]
            shown = " | ".join(f"{s:.2f} s, {kib / 1024:.1f} MiB" for s, kib in cells)
            print(f"| {n:,} | {shown} |", flush=True)


if __name__ == "__main__":
    main()
