#!/usr/bin/env python3
"""Interop scenarios: gh-store against the real Python and TypeScript clients.

Run by scripts/interop.sh, which builds gh-store, installs the clients and starts one
`gh-store serve`; this file only needs the standard library. Every scenario uses its own
object ids, so each can run alone. Output: one line per scenario x client, PASS or FAIL
with the first failure's reason (-v: every check). A check marked "known" records a
documented behaviour of a reference client (JSON.parse rounding, dead alias lookups) and
does not fail the run.

  run.py --url URL --bin GH_STORE --py VENV_PYTHON --ts-module INDEX_MJS [-v] [--record] [SCENARIO...]
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
GOLDEN = ROOT / "tests" / "golden"
REPO, TOKEN = "octo/data", "tok-octo"
CLIENTS = ("gh-store", "python", "ts")

BIG = '{"big":18446744073709551617,"neg":-9223372036854775809}'
BIG_VALUES = {"big": 18446744073709551617, "neg": -9223372036854775809}


class Failed(Exception):
    pass


class Run:
    def __init__(self, args):
        self.url = args.url.rstrip("/")
        self.bin, self.py, self.ts_module = args.bin, args.py, args.ts_module
        self.verbose = args.verbose
        self.tmp = Path(tempfile.mkdtemp(prefix="gh-store-interop-"))
        self.home = self.tmp / "home"  # no stray ~/.config/gh-store/config.yml for anyone
        (self.home / ".config").mkdir(parents=True)
        self.results = {}  # (scenario, client) -> list of (status, what)
        self.scenario = None

    # ---------------------------------------------------------------- clients

    def env(self, home=None):
        home = home or self.home
        env = {k: v for k, v in os.environ.items() if not k.startswith(("GH_", "GITHUB_"))}
        env.update(
            HOME=str(home),
            XDG_CONFIG_HOME=str(home / ".config"),
            GH_TOKEN=TOKEN,
            INTEROP_API=self.url,
            INTEROP_REPO=REPO,
            INTEROP_TOKEN=TOKEN,
            INTEROP_TS_MODULE=self.ts_module,
            NO_COLOR="1",
        )
        return env

    def run(self, argv, home=None, label=None):
        proc = subprocess.run(argv, capture_output=True, text=True, env=self.env(home), timeout=60)
        if self.verbose > 1:
            print(f"    $ {label or argv[0]} {' '.join(argv[1:])}\n{proc.stdout}{proc.stderr}")
        if proc.returncode != 0:
            lines = proc.stderr.strip().splitlines() or ["(no stderr)"]
            errors = [x for x in lines if re.search(r"error|Error|Exception", x)]
            err = (errors or lines)[-1].strip()
            raise Failed(f"{label or argv[0]} {argv[1] if len(argv) > 1 else ''} exited "
                         f"{proc.returncode}: {err[:200]}")
        return proc

    def gh(self, *args, home=None):
        """gh-store against the server; returns (stdout, stderr)."""
        proc = self.run([self.bin, "--api-url", self.url, "-R", REPO, *args], home, "gh-store")
        return proc.stdout, proc.stderr

    def ghj(self, *args, home=None):
        return json.loads(self.gh(*args, home=home)[0])

    def pyc(self, *args, config=None):
        pre = ["--config", str(config)] if config else []
        argv = [self.py, str(HERE / "py_client.py"), *pre, *args]
        return json.loads(self.run(argv, label="python").stdout)

    def tsc(self, *args):
        argv = ["node", str(HERE / "ts_client.mjs"), *args]
        return json.loads(self.run(argv, label="ts").stdout)

    # ------------------------------------------------------------------- REST

    def rest(self, method, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.url + path, data=data, method=method)
        req.add_header("Authorization", f"token {TOKEN}")
        req.add_header("Accept", "application/vnd.github+json")
        if data is not None:
            req.add_header("Content-Type", "application/json")
        with urllib.request.urlopen(req, timeout=30) as resp:
            text = resp.read().decode()
        return json.loads(text) if text else None

    def issues_of(self, object_id):
        """Issue numbers labelled UID:<id>, any state, oldest first."""
        found = self.rest("GET", f"/repos/{REPO}/issues?state=all&per_page=100"
                                 f"&labels={urllib.request.quote('UID:' + object_id)}")
        return sorted(i["number"] for i in found)

    def issue_of(self, object_id):
        numbers = self.issues_of(object_id)
        if not numbers:
            raise Failed(f"no issue labelled UID:{object_id}")
        return numbers[0]

    def raw(self, number):
        """What is on the wire: the issue and its comments with their reactions, in order."""
        issue = self.rest("GET", f"/repos/{REPO}/issues/{number}")
        comments = self.rest("GET", f"/repos/{REPO}/issues/{number}/comments?per_page=100")
        return {
            "number": number,
            "title": issue["title"],
            "state": issue["state"],
            "body": issue["body"],
            "labels": [label["name"] for label in issue["labels"]],
            "comments": [
                {
                    "id": c["id"],
                    "body": c["body"],
                    "reactions": [
                        r["content"]
                        for r in self.rest("GET", f"/repos/{REPO}/issues/comments/{c['id']}"
                                                  "/reactions?per_page=100")
                    ],
                }
                for c in comments
            ],
        }

    def body(self, object_id):
        return json.loads(self.raw(self.issue_of(object_id))["body"])

    # ---------------------------------------------------------------- results

    def check(self, client, what, fn, known=None):
        """Run one check; `known`: a documented client behaviour, noted (once per scenario
        and client, by this text) instead of failing."""
        try:
            result = fn()
            if result is not True and result is not None:
                raise Failed(str(result))
            status, note = "ok", what
        except Failed as e:
            status = "known" if known else "fail"
            note = known or f"{what}: {e}"
        except Exception as e:  # a crash in a client or in the check is a failure too
            status = "fail"
            note = f"{what}: {type(e).__name__}: {e}"
        self.results.setdefault((self.scenario, client), []).append((status, note))
        if self.verbose:
            print(f"  {status:5} {self.scenario} {client:8} {note}")
        return status == "ok"

    def step(self, client, what, fn):
        """A setup step: a failure is recorded against `client` and stops the scenario."""
        try:
            return fn()
        except Exception as e:
            self.results.setdefault((self.scenario, client), []).append(
                ("fail", f"{what}: {e}"))
            if self.verbose:
                print(f"  fail  {self.scenario} {client:8} {what}: {e}")
            raise StopScenario() from e

    def summary(self, scenarios):
        failed = False
        for scenario in scenarios:
            for client in CLIENTS:
                checks = self.results.get((scenario, client))
                if not checks:
                    continue
                fails = [n for s, n in checks if s == "fail"]
                notes = list(dict.fromkeys(n for s, n in checks if s == "known"))
                if fails:
                    failed = True
                    more = f" (+{len(fails) - 1} more)" if len(fails) > 1 else ""
                    print(f"FAIL {scenario:<7} {client:<8} {fails[0]}{more}")
                else:
                    line = f"PASS {scenario:<7} {client:<8} {len(checks)} checks"
                    if notes:
                        line += "; known: " + "; ".join(notes)
                    print(line)
        return failed


class StopScenario(Exception):
    pass


def expect(actual, wanted, what="data"):
    if actual != wanted or (isinstance(wanted, dict) and list(actual) != list(wanted)):
        return f"{what} {json.dumps(actual)[:160]}, expected {json.dumps(wanted)[:160]}"
    return True


def check_reads(t, object_id, wanted, ts_known=None):
    """Every client reads `wanted` (values and key order) for object_id."""
    t.check("gh-store", f"get {object_id}", lambda: expect(t.ghj("get", object_id)["data"], wanted))
    t.check("python", f"get {object_id}", lambda: expect(t.pyc("get", object_id)["data"], wanted))
    t.check("ts", f"get {object_id}", lambda: expect(t.tsc("get", object_id)["data"], wanted),
            known=ts_known)


# ------------------------------------------------------------------ scenario 1


def scenario_reverts(t):
    """gh-store-only updates (if-version, merge-patch, replace, json-patch) next to the
    Python processor: skipped by it, applied once by gh-store, never reverted."""
    cases = [
        ("if-version", {"n": 0}, [(["--if-version", "1"], {"n": 1}),
                                  (["--if-version", "1"], {"n": 2})], {"n": 1}, (1, 1)),
        ("merge-patch", {"a": 1, "b": {"c": 1, "d": 2}},
         [(["--mode", "merge-patch"], {"b": {"c": None}})], {"a": 1, "b": {"d": 2}}, (1, 0)),
        ("replace", {"a": 1, "b": 2}, [(["--mode", "replace"], {"z": 9})], {"z": 9}, (1, 0)),
        ("json-patch", {"tags": ["a"]},
         [(["--mode", "json-patch"], [{"op": "add", "path": "/tags/-", "value": "b"}])],
         {"tags": ["a", "b"]}, (1, 0)),
    ]
    for name, initial, updates, wanted, (applied, rejected) in cases:
        oid = f"s1-{name}"
        try:
            t.step("gh-store", f"create {oid}", lambda: t.gh("create", oid, json.dumps(initial)))
            for flags, change in updates:
                t.step("gh-store", f"update {oid} {' '.join(flags)}",
                       lambda: t.gh("update", oid, *flags, json.dumps(change)))
            number = t.issue_of(oid)
            t.check("python", f"{name}: process_updates skips gh-store-only updates",
                    lambda: expect(t.pyc("process", str(number))["data"], initial))
            t.check("python", f"{name}: process_updates leaves the body alone",
                    lambda: expect(t.body(oid), initial, "body"))

            def processed():
                report = t.ghj("process", oid)
                got = (report["applied"], report["rejected"])
                return True if got == (applied, rejected) else \
                    f"applied/rejected {got}, expected {(applied, rejected)}"
            t.check("gh-store", f"{name}: process applies them once", processed)
            t.check("python", f"{name}: second process_updates changes nothing",
                    lambda: expect(t.pyc("process", str(number))["data"], wanted))
            t.check("gh-store", f"{name}: second process applies nothing",
                    lambda: expect(t.ghj("process", oid)["applied"], 0, "applied"))
            check_reads(t, oid, wanted)
        except StopScenario:
            continue

    # An append update folded by Python, then a gh-store-only one: gh-store adopts Python's
    # body (nothing re-applied on top of it) and every client reads the same result.
    oid = "s1-adopt"
    try:
        t.step("gh-store", f"create {oid}", lambda: t.gh("create", oid, '{"n":0,"k":"x"}'))
        t.step("gh-store", f"update {oid}", lambda: t.gh("update", oid, '{"n":1}'))
        number = t.issue_of(oid)
        t.check("python", "adopt: process_updates applies a gh-store append update",
                lambda: expect(t.pyc("process", str(number))["data"], {"n": 1, "k": "x"}))
        t.step("gh-store", f"update {oid} --mode merge-patch",
               lambda: t.gh("update", oid, "--mode", "merge-patch", '{"k":null}'))
        t.check("gh-store", "adopt: process folds only what Python left",
                lambda: expect(t.ghj("process", oid)["applied"], 1, "applied"))
        t.check("python", "adopt: process_updates after gh-store changes nothing",
                lambda: expect(t.pyc("process", str(number))["data"], {"n": 1}))
        check_reads(t, oid, {"n": 1})
    except StopScenario:
        pass


# ------------------------------------------------------------------ scenario 2


def scenario_bigints(t):
    ts_known = "TS reads bodies with JSON.parse, which rounds integers beyond 2^53"
    try:
        t.step("python", "create s2-py", lambda: t.pyc("create", "s2-py", BIG))

        def gh_exact():
            out = t.gh("get", "s2-py")[0]
            if "18446744073709551617" not in out or "-9223372036854775809" not in out:
                return f"digits lost: {out.strip()[:200]}"
            return expect(json.loads(out)["data"], BIG_VALUES)
        t.check("gh-store", "get prints a Python-written body's exact integers", gh_exact)
        t.step("gh-store", "update s2-py", lambda: t.gh("update", "s2-py", '{"x":1}'))
        t.step("gh-store", "process s2-py", lambda: t.gh("process", "s2-py"))
        t.check("gh-store", "processed body keeps them exactly",
                lambda: expect(t.body("s2-py"), {**BIG_VALUES, "x": 1}, "body"))
        check_reads(t, "s2-py", {**BIG_VALUES, "x": 1}, ts_known)

        t.step("gh-store", "create s2-gh", lambda: t.gh("create", "s2-gh", BIG))
        check_reads(t, "s2-gh", BIG_VALUES, ts_known)
        t.step("python", "update s2-gh", lambda: t.pyc("update", "s2-gh", '{"y":2}'))
        t.check("python", "process_updates keeps gh-store's big integers",
                lambda: expect(t.pyc("process", str(t.issue_of("s2-gh")))["data"],
                               {**BIG_VALUES, "y": 2}))
        t.check("gh-store", "get after the Python processor: still exact",
                lambda: expect(t.ghj("get", "s2-gh")["data"], {**BIG_VALUES, "y": 2}))
    except StopScenario:
        pass


# ------------------------------------------------------------------ scenario 3


def scenario_key_order(t):
    zam = {"z": 1, "a": 2, "m": 3}
    try:
        t.step("python", "create s3-py", lambda: t.pyc("create", "s3-py", json.dumps(zam)))
        t.step("gh-store", "update s3-py", lambda: t.gh("update", "s3-py", '{"a":20,"b":4}'))
        t.step("gh-store", "process s3-py", lambda: t.gh("process", "s3-py"))
        after = {"z": 1, "a": 20, "m": 3, "b": 4}
        t.check("gh-store", "processed body keeps z,a,m and puts b last",
                lambda: expect(t.body("s3-py"), after, "body"))
        check_reads(t, "s3-py", after)

        t.step("python", "update s3-py", lambda: t.pyc("update", "s3-py", '{"c":5}'))
        number = t.issue_of("s3-py")
        t.step("python", "process s3-py", lambda: t.pyc("process", str(number)))
        after = {**after, "c": 5}
        t.step("ts", "update s3-py", lambda: t.tsc("update", "s3-py", '{"d":6}'))
        t.step("gh-store", "process s3-py", lambda: t.gh("process", "s3-py"))
        after = {**after, "d": 6}
        t.check("gh-store", "body after Python then TS updates: z,a,m,b,c,d",
                lambda: expect(t.body("s3-py"), after, "body"))
        check_reads(t, "s3-py", after)

        t.step("gh-store", "create s3-gh", lambda: t.gh("create", "s3-gh", json.dumps(zam)))
        check_reads(t, "s3-gh", zam)
    except StopScenario:
        pass


# ------------------------------------------------------------------ scenario 4


def python_config(processed):
    """The Python default config with store.reactions.processed changed (OmegaConf needs
    every key the client reads, so a partial file is not enough)."""
    return f"""store:
  base_label: "stored-object"
  uid_prefix: "UID:"
  reactions:
    processed: "{processed}"
    initial_state: "rocket"
  retries:
    max_attempts: 3
    backoff_factor: 2
  rate_limit:
    max_requests_per_hour: 1000
  log:
    level: "INFO"
    format: "{{time}} | {{level}} | {{message}}"
"""


def scenario_config(t):
    """One config.yml with store.reactions.processed: heart, read by the Python client
    (config_path) and by gh-store (~/.config/gh-store/config.yml under a temporary HOME)."""
    home = t.tmp / "home4"
    cfg = home / ".config" / "gh-store" / "config.yml"
    cfg.parent.mkdir(parents=True)
    cfg.write_text(python_config("heart"))

    def reactions(oid, index):
        return t.raw(t.issue_of(oid))["comments"][index]["reactions"]

    def has_heart(oid, index, without_plus_one=False):
        got = reactions(oid, index)
        if "heart" not in got or (without_plus_one and "+1" in got):
            return f"reactions {got}"
        return True

    try:
        t.step("python", "create s4-py", lambda: t.pyc("create", "s4-py", '{"n":0}', config=cfg))
        t.check("python", "create marks its initial comment heart, rocket",
                lambda: expect(reactions("s4-py", 0), ["heart", "rocket"], "reactions"))
        t.check("gh-store", "get a heart-configured Python object",
                lambda: expect(t.ghj("get", "s4-py", home=home)["data"], {"n": 0}))
        t.step("gh-store", "update s4-py", lambda: t.gh("update", "s4-py", '{"n":1}', home=home))
        number = t.issue_of("s4-py")
        t.check("python", "process_updates applies gh-store's update",
                lambda: expect(t.pyc("process", str(number), config=cfg)["data"], {"n": 1}))
        t.check("python", "process_updates marks it heart", lambda: has_heart("s4-py", 1))
        t.check("gh-store", "process counts Python's heart as processed",
                lambda: expect(t.ghj("process", "s4-py", home=home)["applied"], 0, "applied"))
        t.check("gh-store", "version counts the Python-applied update",
                lambda: expect(t.ghj("get", "s4-py", home=home)["version"], 2, "version"))

        t.step("gh-store", "create s4-gh", lambda: t.gh("create", "s4-gh", '{"n":0}', home=home))
        t.check("gh-store", "create marks its initial comment heart (not +1), rocket",
                lambda: has_heart("s4-gh", 0, without_plus_one=True))
        t.step("gh-store", "update s4-gh", lambda: t.gh("update", "s4-gh", '{"n":1}', home=home))
        t.step("gh-store", "process s4-gh", lambda: t.gh("process", "s4-gh", home=home))
        t.check("gh-store", "process marks the update heart (not +1)",
                lambda: has_heart("s4-gh", 1, without_plus_one=True))
        before = t.raw(t.issue_of("s4-gh"))["comments"]
        t.check("python", "process_updates finds nothing left to apply",
                lambda: expect(t.pyc("process", str(t.issue_of("s4-gh")), config=cfg)["data"],
                               {"n": 1}))
        t.check("python", "process_updates added no reaction (nothing re-applied)",
                lambda: expect(t.raw(t.issue_of("s4-gh"))["comments"], before, "comments"))
    except StopScenario:
        pass


# ------------------------------------------------------------------ scenario 5


def labels_of(t, number):
    return t.raw(number)["labels"]


def create_duplicates(t, oid, values=('{"a":1}', '{"a":2}')):
    """Two issues for one id, as the Python client makes them (it has no existence check).
    A second apart: deduplicate_object sorts by created_at (whole seconds), and on a tie
    the order GitHub returned (newest first) wins, so the newer issue would be kept."""
    for i, value in enumerate(values):
        if i:
            time.sleep(1.1)
        t.step("python", f"create {oid} (duplicate {i + 1})", lambda: t.pyc("create", oid, value))


def scenario_aliases(t):
    """Aliases (ALIAS-TO:) and deprecated issues written by each client, read by the others."""
    dead = "0.11.x looks aliases up with the label ALIAS-TO:*, which GitHub never matches (§8)"
    canon = {"v": "canon"}
    try:
        t.step("gh-store", "create s5-canon", lambda: t.gh("create", "s5-canon", '{"v":"canon"}'))
        for oid in ("s5-pyalias", "s5-tsalias", "s5-ghalias"):
            t.step("gh-store", f"create {oid}",
                   lambda: t.gh("create", oid, json.dumps({"v": oid + "-own"})))
        t.step("python", "create_alias s5-pyalias", lambda: t.pyc("alias", "s5-pyalias", "s5-canon"))
        t.step("ts", "createAlias s5-tsalias", lambda: t.tsc("createAlias", "s5-tsalias", "s5-canon"))
    except StopScenario:
        return
    for client, oid in (("python", "s5-pyalias"), ("ts", "s5-tsalias")):
        t.check(client, f"{oid} carries ALIAS-TO:s5-canon", lambda: "ALIAS-TO:s5-canon" in
                labels_of(t, t.issue_of(oid)) or f"labels {labels_of(t, t.issue_of(oid))}")

        def get_alias():
            out, err = t.gh("get", oid)
            if "s5-canon" not in err:
                return f"no note on stderr naming the target ({err.strip()[:100]!r})"
            return expect(json.loads(out)["data"], canon)
        t.check("gh-store", f"get {oid} (a {client} alias) prints the canonical object", get_alias)

    def listed():
        ids = [o["object_id"] for o in t.ghj("list")]
        extra = [i for i in ids if i in ("s5-pyalias", "s5-tsalias")]
        return f"list shows aliases {extra}" if extra else True
    t.check("gh-store", "list shows canonical objects only", listed)

    def alias_map():
        out = t.gh("list", "--aliases")[0]
        for a in ("s5-pyalias", "s5-tsalias"):
            if a not in out or "s5-canon" not in out:
                return f"{a} missing from {out.strip()[:160]}"
        return True
    t.check("gh-store", "list --aliases shows the alias map", alias_map)

    def update_through_alias():
        before = len(t.raw(t.issue_of("s5-pyalias"))["comments"])
        t.gh("update", "s5-pyalias", '{"w":1}')
        t.gh("process", "s5-pyalias")
        if len(t.raw(t.issue_of("s5-pyalias"))["comments"]) != before:
            return "the update was posted on the alias's own issue"
        return expect(t.ghj("get", "s5-canon")["data"], {**canon, "w": 1})
    if t.check("gh-store", "update/process through an alias act on the target", update_through_alias):
        canon = {**canon, "w": 1}

    def history_through_alias():
        return expect(t.ghj("history", "s5-pyalias"), t.ghj("history", "s5-canon"), "history")
    t.check("gh-store", "history of an alias is the target's", history_through_alias)

    def python_update_through_alias():
        # Python's update of an alias comments on the alias's own issue and reopens it;
        # gh-store's processor forwards it to the canonical object.
        t.pyc("update", "s5-pyalias", '{"py":1}')
        t.gh("process", "--all")
        return expect(t.ghj("get", "s5-canon")["data"], {**canon, "py": 1})
    if t.check("gh-store", "an update Python posted on an alias reaches the target",
               python_update_through_alias):
        canon = {**canon, "py": 1}
        t.check("python", "CanonicalStore.get_object(s5-canon) reads the same",
                lambda: expect(t.pyc("get-canonical", "s5-canon")["data"], canon))
        t.check("gh-store", "after Python's virtual merge rewrote the body, gh-store agrees",
                lambda: expect(t.ghj("get", "s5-canon")["data"], canon))

    # The reference clients' own alias resolution, for the record.
    t.check("python", "CanonicalStore.get_object(s5-pyalias) resolves its own alias",
            lambda: expect(t.pyc("get-canonical", "s5-pyalias")["data"], canon), known=dead)
    t.check("ts", "CanonicalStoreClient.getObject(s5-tsalias) resolves its own alias",
            lambda: expect(t.tsc("getObject", "s5-tsalias")["data"], canon), known=dead)

    # The reverse: gh-store writes the alias, the reference clients read it.
    if t.check("gh-store", "alias s5-ghalias s5-canon",
               lambda: t.gh("alias", "s5-ghalias", "s5-canon") and None):
        t.check("gh-store", "alias writes the label the clients write", lambda: "ALIAS-TO:s5-canon"
                in labels_of(t, t.issue_of("s5-ghalias")) or
                f"labels {labels_of(t, t.issue_of('s5-ghalias'))}")
        t.check("gh-store", "get s5-ghalias prints the canonical object",
                lambda: expect(t.ghj("get", "s5-ghalias")["data"], canon))
        t.check("python", "CanonicalStore.get_object(s5-ghalias) resolves it",
                lambda: expect(t.pyc("get-canonical", "s5-ghalias")["data"], canon), known=dead)
        t.check("ts", "CanonicalStoreClient.getObject(s5-ghalias) resolves it",
                lambda: expect(t.tsc("getObject", "s5-ghalias")["data"], canon), known=dead)

        def removed():
            t.gh("alias", "--remove", "s5-ghalias")
            labels = labels_of(t, t.issue_of("s5-ghalias"))
            if any(label.startswith("ALIAS-TO:") for label in labels):
                return f"labels {labels}"
            return expect(t.ghj("get", "s5-ghalias")["data"], {"v": "s5-ghalias-own"})
        t.check("gh-store", "alias --remove gives the object back its own data", removed)

    # Deprecation. Python's deduplicate_object (oldest issue wins) -> gh-store reads it.
    try:
        create_duplicates(t, "s5-pdup")
        result = t.step("python", "canonicalize s5-pdup", lambda: t.pyc("canonicalize", "s5-pdup"))
    except StopScenario:
        return
    old, new = t.issues_of("s5-pdup")
    python_labels = labels_of(t, new)
    t.check("python", "deduplicate_object keeps the oldest issue",
            lambda: expect(result.get("canonical_issue"), old, "canonical issue"))
    t.check("python", "deduplicate_object deprecates the newer issue", lambda:
            {"deprecated-object", "MERGED-INTO:s5-pdup", f"DEPRECATED-BY:{old}"} <= set(python_labels)
            and "stored-object" not in python_labels or f"labels {python_labels}")
    t.check("gh-store", "get s5-pdup prints the canonical (oldest) issue's data",
            lambda: expect(t.ghj("get", "s5-pdup")["data"], {"a": 1}))
    t.check("gh-store", "list shows s5-pdup once", lambda: expect(
        [o["object_id"] for o in t.ghj("list")].count("s5-pdup"), 1, "count"))

    def archived():
        out = t.gh("list", "--archived")[0]
        return "s5-pdup" in out or f"s5-pdup missing: {out.strip()[:160]}"
    t.check("gh-store", "list --archived shows the deprecated issue", archived)

    # gh-store dedupe -> the same labels as Python's; the reference clients read the winner.
    try:
        create_duplicates(t, "s5-gdup")
    except StopScenario:
        return
    if t.check("gh-store", "dedupe s5-gdup", lambda: t.gh("dedupe", "s5-gdup") and None):
        old, new = t.issues_of("s5-gdup")

        def same_labels():
            ours = sorted(labels_of(t, new))
            theirs = sorted(label.replace("s5-pdup", "s5-gdup") for label in python_labels)
            theirs = [re.sub(r"^DEPRECATED-BY:\d+$", f"DEPRECATED-BY:{old}", x) for x in theirs]
            return expect(ours, sorted(theirs), "labels")
        t.check("gh-store", "dedupe writes the labels Python's deduplicate_object writes",
                same_labels)
        t.check("python", "get s5-gdup after gh-store dedupe",
                lambda: expect(t.pyc("get", "s5-gdup")["data"], {"a": 1}))
        t.check("ts", "get s5-gdup after gh-store dedupe",
                lambda: expect(t.tsc("get", "s5-gdup")["data"], {"a": 1}))


# ------------------------------------------------------------------- goldens


GOLDEN_DATA = {"name": "caf\u00e9", "count": 1, "ratio": 1.0, "big": 18446744073709551617,
               "nested": {"z": [1, 2], "a": None}}
GOLDEN_ISSUE, GOLDEN_CANONICAL = 42, 41
TIMESTAMP = re.compile(r'"timestamp": "(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(\.\d+)?([^"]*)"')


def normalize_comment(text, numbers):
    """Timestamps to 2000-01-01T00:00:00 in the writer's own format (fraction digits and
    offset kept), issue numbers to fixed ones; the text stays valid JSON."""
    text = TIMESTAMP.sub(lambda m: '"timestamp": "2000-01-01T00:00:00'
                         + ("." + "0" * (len(m.group(2)) - 1) if m.group(2) else "")
                         + m.group(3) + '"', text)
    return re.sub(r'"issue_number": (\d+)',
                  lambda m: f'"issue_number": {numbers.get(int(m.group(1)), 0)}', text)


def normalize_issue(raw, numbers):
    """The wire form of an issue with its numbers replaced (`numbers`: real -> fixed) and
    comment ids dropped."""
    def label(name):
        m = re.match(r"^DEPRECATED-BY:(\d+)$", name)
        return f"DEPRECATED-BY:{numbers.get(int(m.group(1)), 0)}" if m else name
    return {
        "title": raw["title"],
        "state": raw["state"],
        "body": raw["body"],
        "labels": [label(x) for x in raw["labels"]],
        "comments": [{"body": normalize_comment(c["body"], numbers), "reactions": c["reactions"]}
                     for c in raw["comments"]],
    }


def scenario_golden(t, record=False):
    """What each real client writes, normalised; compared with (or, --record, written to)
    tests/golden/*.json."""
    data = json.dumps(GOLDEN_DATA)
    update = '{"count": 2, "nested": {"a": "set"}}'
    captured = {}
    try:
        # create, then update (Python's GitHubStore.update needs an open issue: reopen it).
        for client, call in (("python", t.pyc), ("ts", t.tsc)):
            oid = f"g-{'py' if client == 'python' else 'ts'}"
            # `input`: the data as the client holds it (TypeScript's JSON.parse has already
            # rounded the big integer and made 1.0 an integer).
            given = t.step(client, f"create {oid}", lambda: call("create", oid, data))["data"]
            n = t.issue_of(oid)
            captured[f"{client}_create"] = {"input": given,
                                             **normalize_issue(t.raw(n), {n: GOLDEN_ISSUE})}
            if client == "python":
                t.rest("PATCH", f"/repos/{REPO}/issues/{n}", {"state": "open"})
            t.step(client, f"update {oid}", lambda: call("update", oid, update))
            comment = normalize_issue(t.raw(n), {n: GOLDEN_ISSUE})["comments"][1]
            captured[f"{client}_update"] = {"comment": comment}

        for oid in ("g-canon", "g-pyalias", "g-tsalias"):
            t.step("python", f"create {oid}", lambda: t.pyc("create", oid, '{"k": 1}'))
        t.step("python", "alias", lambda: t.pyc("alias", "g-pyalias", "g-canon"))
        t.step("ts", "createAlias", lambda: t.tsc("createAlias", "g-tsalias", "g-canon"))
        captured["python_alias"] = {"labels": labels_of(t, t.issue_of("g-pyalias"))}
        captured["ts_alias"] = {"labels": labels_of(t, t.issue_of("g-tsalias"))}

        create_duplicates(t, "g-dup", ('{"k": 1}', '{"k": 2}'))
        t.step("python", "canonicalize g-dup", lambda: t.pyc("canonicalize", "g-dup"))
        old, new = t.issues_of("g-dup")
        numbers = {old: GOLDEN_CANONICAL, new: GOLDEN_ISSUE}
        captured["python_deprecate"] = {
            "canonical": normalize_issue(t.raw(old), numbers),
            "deprecated": normalize_issue(t.raw(new), numbers),
        }
    except StopScenario:
        return

    versions = {"python": "gh-store 0.11.3 (PyPI)", "ts": "gh-store-client 0.11.1 (npm)"}
    for name, value in captured.items():
        doc = {"client": versions[name.split("_")[0]], **value}
        if name.endswith("_update"):
            doc = {"client": doc["client"], "input": json.loads(update), **value}
        path = GOLDEN / f"{name}.json"
        text = json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
        client = name.split("_")[0]
        if record:
            path.write_text(text)
            t.check(client, f"recorded {path.relative_to(ROOT)}", lambda: True)
        else:
            t.check(client, f"wire form matches {path.relative_to(ROOT)}", lambda: True if
                    path.exists() and path.read_text() == text else
                    f"differs from the golden file (rerun with --record and review the diff)")


SCENARIOS = {
    "1": ("reverts", scenario_reverts),
    "2": ("bigints", scenario_bigints),
    "3": ("keyorder", scenario_key_order),
    "4": ("config", scenario_config),
    "5": ("aliases", scenario_aliases),
    "golden": ("golden", scenario_golden),
}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--bin", required=True)
    parser.add_argument("--py", required=True)
    parser.add_argument("--ts-module", required=True)
    parser.add_argument("--record", action="store_true", help="rewrite tests/golden/*.json")
    parser.add_argument("-v", "--verbose", action="count", default=0)
    parser.add_argument("scenarios", nargs="*")
    args = parser.parse_args()
    chosen = args.scenarios or (["golden"] if args.record else list(SCENARIOS))
    unknown = [s for s in chosen if s not in SCENARIOS]
    if unknown:
        sys.exit(f"unknown scenario {unknown}; known: {', '.join(SCENARIOS)}")
    t = Run(args)
    try:
        for scenario in chosen:
            t.scenario = scenario
            name, fn = SCENARIOS[scenario]
            if t.verbose:
                print(f"scenario {scenario} ({name})")
            try:
                fn(t, record=args.record) if scenario == "golden" else fn(t)
            except StopScenario:
                pass
        failed = t.summary(chosen)
    finally:
        shutil.rmtree(t.tmp, ignore_errors=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
