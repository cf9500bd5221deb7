#!/usr/bin/env node
// Drive the real TypeScript client (npm gh-store-client 0.11.1) against a local `gh-store serve`.
//
// Usage: ts_client.mjs COMMAND ARGS...   (prints one JSON document on stdout)
//   create ID JSON        GitHubStoreClient.createObject
//   update ID JSON        GitHubStoreClient.updateObject (after a getObject; see below)
//   get ID                GitHubStoreClient.getObject (finds closed issues only)
//   getObject ID          CanonicalStoreClient.getObject (alias resolution)
//   createAlias SRC TGT   CanonicalStoreClient.createAlias
//   listAll               GitHubStoreClient.listAll
//   history ID            GitHubStoreClient.getObjectHistory
//
// Environment: INTEROP_API, INTEROP_REPO, INTEROP_TOKEN, INTEROP_TS_MODULE (path of the
// package's dist/index.mjs). The client calls fetch on https://api.github.com/repos/...:
// the wrapper below rewrites that origin to the local server. JSON arguments and bodies go
// through JSON.parse, as the client itself does (integers beyond 2^53 are rounded).
import { pathToFileURL } from "node:url";

const api = process.env.INTEROP_API.replace(/\/$/, "");
const realFetch = globalThis.fetch;
globalThis.fetch = (url, init) =>
  realFetch(String(url).replace(/^https:\/\/api\.github\.com/, api), init);

const { GitHubStoreClient, CanonicalStoreClient } = await import(
  pathToFileURL(process.env.INTEROP_TS_MODULE).href
);
const repo = process.env.INTEROP_REPO;
const token = process.env.INTEROP_TOKEN;

const [cmd, ...args] = process.argv.slice(2);
const plain = () => new GitHubStoreClient(token, repo);
const canonical = async () => {
  const client = new CanonicalStoreClient(token, repo);
  // The constructor starts _ensureSpecialLabels without awaiting it: let it finish first.
  await client._ensureSpecialLabels();
  return client;
};
const stored = (obj, via) => ({
  object_id: obj.meta.objectId,
  issue_number: obj.meta.issueNumber,
  version: obj.meta.version,
  data: obj.data,
  via,
});

let out;
switch (cmd) {
  case "create":
    out = stored(await plain().createObject(args[0], JSON.parse(args[1])), "createObject");
    break;
  case "update": {
    // 0.11.1's updateObject reopens the issue, then returns getObject(id), which searches
    // closed issues only unless the id is in the client's cache: on a fresh client it throws
    // "No object found" after a successful update. A read first fills the cache (what a
    // read-modify-write caller does anyway), so getObject fetches the issue by number.
    const client = plain();
    await client.getObject(args[0]).catch(() => {});
    out = stored(await client.updateObject(args[0], JSON.parse(args[1])), "updateObject");
    break;
  }
  case "get":
    out = stored(await plain().getObject(args[0]), "GitHubStoreClient.getObject");
    break;
  case "getObject":
    out = stored(await (await canonical()).getObject(args[0]), "CanonicalStoreClient.getObject");
    break;
  case "createAlias":
    out = await (await canonical()).createAlias(args[0], args[1]);
    break;
  case "listAll": {
    const all = await plain().listAll();
    out = Object.fromEntries(Object.entries(all).map(([id, o]) => [id, o.data]));
    break;
  }
  case "history":
    out = await plain().getObjectHistory(args[0]);
    break;
  default:
    console.error(`unknown command ${cmd}`);
    process.exit(2);
}
console.log(JSON.stringify(out, null, 2));
