"""Runs the Python gh-store (PyPI gh-store==0.11.3) against a local `gh-store serve`.

Written by the gh-store benchmark (examples/bench) and run once per measured command:

    python driver.py cli <the Python CLI's arguments...>   # its own CLI (Fire), unchanged
    python driver.py get OBJECT_ID                         # get, with the state=all workaround
    python driver.py list                                  # GitHubStore.list_all() as NDJSON
    python driver.py version                               # start-up: import the CLI, print

The environment gives GH_STORE_BENCH_API_URL (the server), GITHUB_TOKEN and
GITHUB_REPOSITORY. PyGithub is pointed at the server by replacing the one name
`gh_store.core.store.Github` (wire-format reference section 9), with PyGithub's client-side
throttling off, so that both tools see the same server and the same injected latency.
"""

import functools
import json
import os
import sys


def patch_github():
    import github
    import gh_store.core.store as store_mod

    store_mod.Github = functools.partial(
        github.Github,
        base_url=os.environ["GH_STORE_BENCH_API_URL"],
        seconds_between_requests=None,
        seconds_between_writes=None,
        retry=None,
    )


def store():
    from gh_store.core.store import GitHubStore

    return GitHubStore(repo=os.environ["GITHUB_REPOSITORY"], token=os.environ["GITHUB_TOKEN"])


def envelope(obj):
    # The Python CLI's `get` output.
    return {
        "object_id": obj.meta.object_id,
        "created_at": obj.meta.created_at.isoformat(),
        "updated_at": obj.meta.updated_at.isoformat(),
        "version": obj.meta.version,
        "data": obj.data,
    }


def get_any_state(object_id):
    """`get` as 0.11.3 does it, but with state=all: its own get lists open issues only, so it
    cannot find a stable (closed) object. Same requests otherwise: the repository, the issue
    search, the comments (for the version)."""
    from gh_store.core.constants import LabelNames
    from gh_store.core.exceptions import ObjectNotFound
    from gh_store.core.types import StoredObject

    s = store()
    handler = s.issue_handler
    labels = [LabelNames.GH_STORE.value, LabelNames.STORED_OBJECT.value, f"{LabelNames.UID_PREFIX.value}{object_id}"]
    issues = list(s.repo.get_issues(labels=labels, state="all"))
    if not issues:
        raise ObjectNotFound(f"No object found with ID: {object_id}")
    issue = issues[0]
    obj = StoredObject.from_issue(issue, version=handler._get_version(issue))
    print(json.dumps(envelope(obj), indent=2))


def list_all():
    out = sys.stdout
    for obj in store().list_all():
        out.write(json.dumps(envelope(obj)))
        out.write("\n")


def main():
    command, args = sys.argv[1], sys.argv[2:]
    if command == "version":
        import importlib.metadata

        import gh_store.__main__  # noqa: F401  (the CLI's import cost is the start-up cost)

        print(importlib.metadata.version("gh-store"))
        return
    patch_github()
    if command == "cli":
        from gh_store.__main__ import main as cli_main

        # --token and --repo as its own workflows pass them: `snapshot` needs them (without,
        # its CanonicalStore fails quietly and skips its label scan).
        auth = ["--token", os.environ["GITHUB_TOKEN"], "--repo", os.environ["GITHUB_REPOSITORY"]]
        sys.argv = ["gh-store"] + args + auth
        cli_main()
    elif command == "get":
        get_any_state(args[0])
    elif command == "list":
        list_all()
    else:
        sys.exit(f"unknown driver command {command!r}")


if __name__ == "__main__":
    main()
