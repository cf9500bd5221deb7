#!/usr/bin/env python3
"""Drive the real Python gh-store (PyPI 0.11.3) against a local `gh-store serve`.

Usage: py_client.py [--config FILE] COMMAND ARGS...   (prints one JSON document on stdout)

  create ID JSON        GitHubStore.create
  update ID JSON        GitHubStore.update; on a closed (stable) issue 0.11.3 raises
                        ObjectNotFound, then CanonicalStore.update_object (state=all) is used
  get ID                GitHubStore.get; 0.11.3 finds only open issues, so on ObjectNotFound
                        CanonicalStore.get_object(ID, canonicalize=False) reads the body
  get-canonical ID      CanonicalStore.get_object(ID) (alias resolution + virtual merge;
                        note: it rewrites the canonical issue's body)
  process ISSUE         GitHubStore.process_updates
  history ID            GitHubStore.get_object_history
  list                  GitHubStore.list_all
  alias SRC TGT         CanonicalStore.create_alias
  deprecate SRC TGT     CanonicalStore.deprecate_object(reason="merged")
  canonicalize ID       CanonicalStore.deduplicate_object
  raw-issue N           the issue as PyGithub sees it: title, state, body, labels, comments

Environment: INTEROP_API (the server's base URL), INTEROP_REPO (owner/name), INTEROP_TOKEN.
JSON arguments are parsed with json.loads, so integers keep every digit and objects keep
their key order. Output data goes through json.dumps, which keeps both as well.
"""
import functools
import json
import os
import sys
from pathlib import Path

import github
from loguru import logger

import gh_store.core.store as store_mod

store_mod.Github = functools.partial(
    github.Github,
    base_url=os.environ["INTEROP_API"],
    seconds_between_requests=None,
    seconds_between_writes=None,
    retry=None,
)

from gh_store.core.exceptions import ObjectNotFound  # noqa: E402
from gh_store.core.store import GitHubStore  # noqa: E402
from gh_store.tools.canonicalize import CanonicalStore  # noqa: E402

logger.remove()
logger.add(sys.stderr, level=os.environ.get("INTEROP_PY_LOG", "WARNING"))


def stored(obj, via):
    meta = obj.meta
    return {
        "object_id": meta.object_id,
        "issue_number": meta.issue_number,
        "version": meta.version,
        "data": obj.data,
        "via": via,
    }


def main(argv):
    config = None
    if argv[:1] == ["--config"]:
        config = Path(argv[1])
        argv = argv[2:]
    cmd, args = argv[0], argv[1:]
    repo, token = os.environ["INTEROP_REPO"], os.environ["INTEROP_TOKEN"]
    kwargs = {"repo": repo, "token": token, "config_path": config}
    canonical = lambda: CanonicalStore(**kwargs)  # noqa: E731
    store = GitHubStore(**kwargs)

    if cmd == "create":
        out = stored(store.create(args[0], json.loads(args[1])), "GitHubStore.create")
    elif cmd == "update":
        changes = json.loads(args[1])
        try:
            out = stored(store.update(args[0], changes), "GitHubStore.update")
        except ObjectNotFound:
            out = stored(canonical().update_object(args[0], changes), "CanonicalStore.update_object")
    elif cmd == "get":
        try:
            out = stored(store.get(args[0]), "GitHubStore.get")
        except ObjectNotFound:
            obj = canonical().get_object(args[0], canonicalize=False)
            out = stored(obj, "CanonicalStore.get_object(canonicalize=False)")
    elif cmd == "get-canonical":
        out = stored(canonical().get_object(args[0]), "CanonicalStore.get_object")
    elif cmd == "process":
        out = stored(store.process_updates(int(args[0])), "GitHubStore.process_updates")
    elif cmd == "history":
        out = store.get_object_history(args[0])
    elif cmd == "list":
        out = {o.meta.object_id: o.data for o in store.list_all()}
    elif cmd == "alias":
        out = canonical().create_alias(args[0], args[1])
    elif cmd == "deprecate":
        out = canonical().deprecate_object(args[0], args[1], "merged")
    elif cmd == "canonicalize":
        out = canonical().deduplicate_object(args[0])
        out.pop("results", None)
    elif cmd == "raw-issue":
        issue = store.repo.get_issue(int(args[0]))
        out = {
            "number": issue.number,
            "title": issue.title,
            "state": issue.state,
            "body": issue.body,
            "labels": [label.name for label in issue.labels],
            "comments": [
                {"body": c.body, "reactions": [r.content for r in c.get_reactions()]}
                for c in issue.get_comments()
            ],
        }
    else:
        sys.exit(f"unknown command {cmd}")
    json.dump(out, sys.stdout, indent=2, default=str)
    print()


if __name__ == "__main__":
    main(sys.argv[1:])
