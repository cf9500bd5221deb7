
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'gh-store' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'gh-store'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'gh-store' {
            [CompletionResult]::new('-R', '-R ', [CompletionResultType]::ParameterName, 'GitHub repository OWNER/REPO [env: GH_STORE_REPO, GH_REPO, GITHUB_REPOSITORY]')
            [CompletionResult]::new('--repo', '--repo', [CompletionResultType]::ParameterName, 'GitHub repository OWNER/REPO [env: GH_STORE_REPO, GH_REPO, GITHUB_REPOSITORY]')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Use the embedded local store in this SQLite file instead of GitHub [env: GH_STORE_LOCAL]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'GitHub REST API root (GHES: https://HOST/api/v3) [env: GH_STORE_API_URL, GITHUB_API_URL, GH_HOST]')
            [CompletionResult]::new('--app-id', '--app-id', [CompletionResultType]::ParameterName, 'Act as this GitHub App (its id or client id); needs --app-key-file or GH_STORE_APP_KEY [env: GH_STORE_APP_ID]')
            [CompletionResult]::new('--app-key-file', '--app-key-file', [CompletionResultType]::ParameterName, 'The GitHub App''s private key (PEM) for --app-id [env: GH_STORE_APP_KEY_FILE, GH_STORE_APP_KEY]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'On the local store, act as this user (default: your OS user name) [env: GH_STORE_USER]')
            [CompletionResult]::new('--max-wait', '--max-wait', [CompletionResultType]::ParameterName, 'Longest total wait for GitHub rate limits before exit 7, e.g. 30s, 5m [env: GH_STORE_MAX_WAIT]')
            [CompletionResult]::new('--jobs', '--jobs', [CompletionResultType]::ParameterName, 'Pages of a long listing fetched at once (1 to 32; writes are never concurrent) [env: GH_STORE_JOBS]')
            [CompletionResult]::new('--schema', '--schema', [CompletionResultType]::ParameterName, 'Validate objects against this JSON Schema (adds to the `schemas:` of config files)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this file instead of ~/.config/gh-store/config.yml [env: GH_STORE_CONFIG]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours [env: NO_COLOR, CLICOLOR_FORCE]')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Neither read nor keep the answers cached on disk for revalidation [env: GH_STORE_NO_CACHE]')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log every HTTP request on stderr (method, path, status, time, rate limit left) [env: GH_STORE_DEBUG]')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log every HTTP request on stderr (method, path, status, time, rate limit left) [env: GH_STORE_DEBUG]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors and warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors and warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create an object from a JSON object')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Print an object')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Update an object')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List objects')
            [CompletionResult]::new('history', 'history', [CompletionResultType]::ParameterValue, 'Show every comment of an object with its status')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete (archive) objects')
            [CompletionResult]::new('restore', 'restore', [CompletionResultType]::ParameterValue, 'Bring an archived (deleted) object back')
            [CompletionResult]::new('alias', 'alias', [CompletionResultType]::ParameterValue, 'Make an object an alias of another')
            [CompletionResult]::new('dedupe', 'dedupe', [CompletionResultType]::ParameterValue, 'Resolve duplicate issues of an object')
            [CompletionResult]::new('process', 'process', [CompletionResultType]::ParameterValue, 'Fold pending updates into objects')
            [CompletionResult]::new('watch', 'watch', [CompletionResultType]::ParameterValue, 'Follow the store and print one JSON line per change')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Serve the local store over a GitHub-compatible REST API')
            [CompletionResult]::new('snapshot', 'snapshot', [CompletionResultType]::ParameterValue, 'Write every object to a snapshot file')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Import objects from a snapshot or NDJSON')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Show the resolved settings and where each came from')
            [CompletionResult]::new('workflow', 'workflow', [CompletionResultType]::ParameterValue, 'Print (or install) the GitHub Actions workflow that processes updates')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'gh-store;create' {
            [CompletionResult]::new('--label', '--label', [CompletionResultType]::ParameterName, 'Also label the object''s issue with this (repeatable), as the Python client''s extra_labels; `list --label NAME` then finds it')
            [CompletionResult]::new('-R', '-R ', [CompletionResultType]::ParameterName, 'GitHub repository OWNER/REPO [env: GH_STORE_REPO, GH_REPO, GITHUB_REPOSITORY]')
            [CompletionResult]::new('--repo', '--repo', [CompletionResultType]::ParameterName, 'GitHub repository OWNER/REPO [env: GH_STORE_REPO, GH_REPO, GITHUB_REPOSITORY]')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Use the embedded local store in this SQLite file instead of GitHub [env: GH_STORE_LOCAL]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'GitHub REST API root (GHES: https://HOST/api/v3) [env: GH_STORE_API_URL, GITHUB_API_URL, GH_HOST]')
            [CompletionResult]::new('--app-id', '--app-id', [CompletionResultType]::ParameterName, 'Act as this GitHub App (its id or client id); needs --app-key-file or GH_STORE_APP_KEY [env: GH_STORE_APP_ID]')
            [CompletionResult]::new('--app-key-file', '--app-key-file', [CompletionResultType]::ParameterName, 'The GitHub App''s private key (PEM) for --app-id [env: GH_STORE_APP_KEY_FILE, GH_STORE_APP_KEY]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'On the local store, act as this user (default: your OS user name) [env: GH_STORE_USER]')
            [CompletionResult]::new('--max-wait', '--max-wait', [CompletionResultType]::ParameterName, 'Longest total wait for GitHub rate limits before exit 7, e.g. 30s, 5m [env: GH_STORE_MAX_WAIT]')
            [CompletionResult]::new('--jobs', '--jobs', [CompletionResultType]::ParameterName, 'Pages of a long listing fetched at once (1 to 32; writes are never concurrent) [env: GH_STORE_JOBS]')
            [CompletionResult]::new('--schema', '--schema', [CompletionResultType]::ParameterName, 'Validate objects against this JSON Schema (adds to the `schemas:` of config files)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this file instead of ~/.config/gh-store/config.yml [env: GH_STORE_CONFIG]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours [env: NO_COLOR, CLICOLOR_FORCE]')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Neither read nor keep the answers cached on disk for revalidation [env: GH_STORE_NO_CACHE]')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log every HTTP request on stderr (method, path, status, time, rate limit left) [env: GH_STORE_DEBUG]')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log every HTTP request on stderr (method, path, status, time, rate limit left) [env: GH_STORE_DEBUG]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors and warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors and warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'gh-store;get' {
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'Rebuild the object as it was at this version, from its history')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print only these fields of each object, comma-separated (e.g. object_id,version)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the output through a jq expression; strings print raw (jq need not be installed: it is built in)')
            [CompletionResult]::new('-R', '-R ', [CompletionResultType]::ParameterName, 'GitHub repository OWNER/REPO [env: GH_STORE_REPO, GH_REPO, GITHUB_REPOSITORY]')
            [CompletionResult]::new('--repo', '--repo', [CompletionResultType]::ParameterName, 'GitHub repository OWNER/REPO [env: GH_STORE_REPO, GH_REPO, GITHUB_REPOSITORY]')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Use the embedded local store in this SQLite file instead of GitHub [env: GH_STORE_LOCAL]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'GitHub REST API root (GHES: https://HOST/api/v3) [env: GH_STORE_API_URL, GITHUB_API_URL, GH_HOST]')
            [CompletionResult]::new('--app-id', '--app-id', [CompletionResultType]::ParameterName, 'Act as this GitHub App (its id or client id); needs --app-key-file or GH_STORE_APP_KEY [env: GH_STORE_APP_ID]')
            [CompletionResult]::new('--app-key-file', '--app-key-file', [CompletionResultType]::ParameterName, 'The GitHub App''s private key (PEM) for --app-id [env: GH_STORE_APP_KEY_FILE, GH_STORE_APP_KEY]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'On the local store, act as this user (default: your OS user name) [env: GH_STORE_USER]')
            [CompletionResult]::new('--max-wait', '--max-wait', [CompletionResultType]::ParameterName, 'Longest total wait for GitHub rate limits before exit 7, e.g. 30s, 5m [env: GH_STORE_MAX_WAIT]')
            [CompletionResult]::new('--jobs', '--jobs', [CompletionResultType]::ParameterName, 'Pages of a long listing fetched at once (1 to 32; writes are never concurrent) [env: GH_STORE_JOBS]')
            [CompletionResult]::new('--schema', '--schema', [CompletionResultType]::ParameterName, 'Validate objects against this JSON Schema (adds to the `schemas:` of config files)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this file instead of ~/.config/gh-store/config.yml [env: GH_STORE_CONFIG]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours [env: NO_COLOR, CLICOLOR_FORCE]')
            [CompletionResult]::new('--data', '--data', [CompletionResultType]::ParameterName, 'Print only the data')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Neither read nor keep the answers cached on disk for revalidation [env: GH_STORE_NO_CACHE]')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log every HTTP request on stderr (method, path, status, time, rate limit left) [env: GH_STORE_DEBUG]')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log every HTTP request on stderr (method, path, status, time, rate limit left) [env: GH_STORE_DEBUG]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors and warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors and warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'gh-store;update' {
            [CompletionResult]::new('--ndjson', '--ndjson', [CompletionResultType]::ParameterName, 'Updates as NDJSON lines from FILE, or `-` (the default) for stdin')
            [CompletionResult]::new('--mode', '--mode', [CompletionResultType]::ParameterName, 'How the change applies. Only append is understood by the Python processor')
            [CompletionResult]::new('--if-version', '--if-version', [CompletionResultType]::ParameterName, 'Apply only if the object is still at this version (compare-and-set); exit 6 otherwise')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Queue the update, then wait until the processor has consumed it and print the result; exit 5/6 if rejected, 7 if still pending after TIMEOUT (5m unless given as --wait=2m: with ''='', since a separate word is the next argument). On the local store, where updates apply at once, it applies at once (unless --queue or `apply: false`)')
            [CompletionResult]::new('--label', '--label', [CompletionResultType]::ParameterName, 'Also add this label to the object''s issue (repeatable); labels already there stay')
            [CompletionResult]::new('-R', '-R ', [CompletionResultType]::ParameterName, 'GitHub repository OWNER/REPO [env: GH_STORE_REPO, GH_REPO, GITHUB_REPOSITORY]')
            [CompletionResult]::new('--repo', '--repo', [CompletionResultType]::ParameterName, 'GitHub repository OWNER/REPO [env: GH_STORE_REPO, GH_REPO, GITHUB_REPOSITORY]')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Use the embedded local store in this SQLite file instead of GitHub [env: GH_STORE_LOCAL]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'GitHub REST API root (GHES: https://HOST/api/v3) [env: GH_STORE_API_URL, GITHUB_API_URL, GH_HOST]')
            [CompletionResult]::new('--app-id', '--app-id', [CompletionResultType]::ParameterName, 'Act as this GitHub App (its id or client id); needs --app-key-file or GH_STORE_APP_KEY [env: GH_STORE_APP_ID]')
            [CompletionResult]::new('--app-key-file', '--app-key-file', [CompletionResultType]::ParameterName, 'The GitHub App''s private key (PEM) for --app-id [env: GH_STORE_APP_KEY_FILE, GH_STORE_APP_KEY]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'On the local store, act as this user (default: your OS user name) [env: GH_STORE_USER]')
            [CompletionResult]::new('--max-wait', '--max-wait', [CompletionResultType]::ParameterName, 'Longest total wait for GitHub rate limits before exit 7, e.g. 30s, 5m [env: GH_STORE_MAX_WAIT]')
            [CompletionResult]::new('--jobs', '--jobs', [CompletionResultType]::ParameterName, 'Pages of a long listing fetched at once (1 to 32; writes are never concurrent) [env: GH_STORE_JOBS]')
            [CompletionResult]::new('--schema', '--schema', [CompletionResultType]::ParameterName, 'Validate objects against this JSON Schema (adds to the `schemas:` of config files)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this file instead of ~/.config/gh-store/config.yml [env: GH_STORE_CONFIG]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours [env: NO_COLOR, CLICOLOR_FORCE]')
            [CompletionResult]::new('--apply', '--apply', [CompletionResultType]::ParameterName, 'Process the update at once instead of queueing it (default on the local store)')
            [CompletionResult]::new('--queue', '--queue', [CompletionResultType]::ParameterName, 'Queue the update for the processor (default on GitHub)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Neither read nor keep the answers cached on disk for revalidation [env: GH_STORE_NO_CACHE]')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log every HTTP request on stderr (method, path, status, time, rate limit left) [env: GH_STORE_DEBUG]')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log every HTTP request on stderr (method, path, status, time, rate limit left) [env: GH_STORE_DEBUG]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors and warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors and warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'gh-store;list' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--state', '--state', [CompletionResultType]::ParameterName, 'stable (no pending updates), pending, or all')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only objects updated at or after this time (2025-01-31 or 2025-01-31T12:00:00Z)')
            [CompletionResult]::new('--label', '--label', [CompletionResultType]::ParameterName, 'Only objects carrying this extra label (repeatable: all must match)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'At most this many objects')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print only these fields of each object, comma-separated (e.g. object_id,version)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the output through a jq expression; strings print raw (jq need not be installed: it is built in)')
            [CompletionResult]::new('-R', '-R ', [CompletionResultType]::ParameterName, 'GitHub repository OWNER/REPO [env: GH_STORE_REPO, GH_REPO, GITHUB_REPOSITORY]')
            [CompletionResult]::new('--repo', '--repo', [CompletionResultType]::ParameterName, 'GitHub repository OWNER/REPO [env: GH_STORE_REPO, GH_REPO, GITHUB_REPOSITORY]')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Use the embedded local store in this SQLite file instead of GitHub [env: GH_STORE_LOCAL]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'GitHub REST API root (GHES: https://HOST/api/v3) [env: GH_STORE_API_URL, GITHUB_API_URL, GH_HOST]')
            [CompletionResult]::new('--app-id', '--app-id', [CompletionResultType]::ParameterName, 'Act as this GitHub App (its id or client id); needs --app-key-file or GH_STORE_APP_KEY [env: GH_STORE_APP_ID]')
            [CompletionResult]::new('--app-key-file', '--app-key-file', [CompletionResultType]::ParameterName, 'The GitHub App''s private key (PEM) for --app-id [env: GH_STORE_APP_KEY_FILE, GH_STORE_APP_KEY]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'On the local store, act as this user (default: your OS user name) [env: GH_STORE_USER]')
            [CompletionResult]::new('--max-wait', '--max-wait', [CompletionResultType]::ParameterName, 'Longest total wait for GitHub rate limits before exit 7, e.g. 30s, 5m [env: GH_STORE_MAX_WAIT]')
            [CompletionResult]::new('--jobs', '--jobs', [CompletionResultType]::ParameterName, 'Pages of a long listing fetched at once (1 to 32; writes are never concurrent) [env: GH_STORE_JOBS]')
            [CompletionResult]::new('--schema', '--schema', [CompletionResultType]::ParameterName, 'Validate objects against this JSON Schema (adds to the `schemas:` of config files)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this file instead of ~/.config/gh-store/config.yml [env: GH_STORE_CONFIG]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours [env: NO_COLOR, CLICOLOR_FORCE]')
            [CompletionResult]::new('--ndjson', '--ndjson', [CompletionResultType]::ParameterName, 'Same as --format ndjson: one object per line')
            [CompletionResult]::new('--archived', '--archived', [CompletionResultType]::ParameterName, 'List archived (deleted) objects and deprecated duplicates (with `merged_into`) instead of live ones')
            [CompletionResult]::new('--aliases', '--aliases', [CompletionResultType]::ParameterName, 'List the aliases instead: {alias, target, issue_number}')
            [CompletionResult]::new('--keep-going', '--keep-going', [CompletionResultType]::ParameterName, 'Print objects whose body cannot be read with their raw body, and exit 0')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Neither read nor keep the answers cached on disk for revalidation [env: GH_STORE_NO_CACHE]')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log every HTTP request on stderr (method, path, status, time, rate limit left) [env: GH_STORE_DEBUG]')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log every HTTP request on stderr (method, path, status, time, rate limit left) [env: GH_STORE_DEBUG]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors and warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors and warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'gh-store;history' {
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print only these fields of each object, comma-separated (e.g. object_id,version)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the output through a jq expression; strings print raw (jq need not be installed: it is built in)')
            [CompletionResult]::new('-R', '-R ', [CompletionResultType]::ParameterName, 'GitHub repository OWNER/REPO [env: GH_STORE_REPO, GH_REPO, GITHUB_REPOSITORY]')
            [CompletionResult]::new('--repo', '--repo', [CompletionResultType]::ParameterName, 'GitHub repository OWNER/REPO [env: GH_STORE_REPO, GH_REPO, GITHUB_REPOSITORY]')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Use the embedded local store in this SQLite file instead of GitHub [env: GH_STORE_LOCAL]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'GitHub REST API root (GHES: https://HOST/api/v3) [env: GH_STORE_API_URL, GITHUB_API_URL, GH_HOST]')
            [CompletionResult]::new('--app-id', '--app-id', [CompletionResultType]::ParameterName, 'Act as this GitHub App (its id or client id); needs --app-key-file or GH_STORE_APP_KEY [env: GH_STORE_APP_ID]')
            [CompletionResult]::new('--app-key-file', '--app-key-file', [CompletionResultType]::ParameterName, 'The GitHub App''s private key (PEM) for --app-id [env: GH_STORE_APP_KEY_FILE, GH_STORE_APP_KEY]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'On the local store, act as this user (default: your OS user name) [env: GH_STORE_USER]')
            [CompletionResult]::new('--max-wait', '--max-wait', [CompletionResultType]::ParameterName, 'Longest total wait for GitHub rate limits before exit 7, e.g. 30s, 5m [env: GH_STORE_MAX_WAIT]')
            [CompletionResult]::new('--jobs', '--jobs', [CompletionResultType]::ParameterName, 'Pages of a long listing fetched at once (1 to 32; writes are never concurrent) [env: GH_STORE_JOBS]')
            [CompletionResult]::new('--schema', '--schema', [CompletionResultType]::ParameterName, 'Validate objects against this JSON Schema (adds to the `schemas:` of config files)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this file instead of ~/.config/gh-store/config.yml [env: GH_STORE_CONFIG]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours [env: NO_COLOR, CLICOLOR_FORCE]')
            [CompletionResult]::new('--ndjson', '--ndjson', [CompletionResultType]::ParameterName, 'One JSON object per line instead of an array')
            [CompletionResult]::new('--diff', '--diff', [CompletionResultType]::ParameterName, 'Show each applied update as the JSON Patch it caused')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Neither read nor keep the answers cached on disk for revalidation [env: GH_STORE_NO_CACHE]')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log every HTTP request on stderr (method, path, status, time, rate limit left) [env: GH_STORE_DEBUG]')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log every HTTP request on stderr (method, path, status, time, rate limit left) [env: GH_STORE_DEBUG]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors and warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors and warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'gh-store;delete' {
            [CompletionResult]::new('-R', '-R ', [CompletionResultType]::ParameterName, 'GitHub repository OWNER/REPO [env: GH_STORE_REPO, GH_REPO, GITHUB_REPOSITORY]')
            [CompletionResult]::new('--repo', '--repo', [CompletionResultType]::ParameterName, 'GitHub repository OWNER/REPO [env: GH_STORE_REPO, GH_REPO, GITHUB_REPOSITORY]')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Use the embedded local store in this SQLite file instead of GitHub [env: GH_STORE_LOCAL]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'GitHub REST API root (GHES: https://HOST/api/v3) [env: GH_STORE_API_URL, GITHUB_API_URL, GH_HOST]')
            [CompletionResult]::new('--app-id', '--app-id', [CompletionResultType]::ParameterName, 'Act as this GitHub App (its id or client id); needs --app-key-file or GH_STORE_APP_KEY [env: GH_STORE_APP_ID]')
            [CompletionResult]::new('--app-key-file', '--app-key-file', [CompletionResultType]::ParameterName, 'The GitHub App''s private key (PEM) for --app-id [env: GH_STORE_APP_KEY_FILE, GH_STORE_APP_KEY]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'On the local store, act as this user (default: your OS user name) [env: GH_STORE_USER]')
            [CompletionResult]::new('--max-wait', '--max-wait', [CompletionResultType]::ParameterName, 'Longest total wait for GitHub rate limits before exit 7, e.g. 30s, 5m [env: GH_STORE_MAX_WAIT]')
            [CompletionResult]::new('--jobs', '--jobs', [CompletionResultType]::ParameterName, 'Pages of a long listing fetched at once (1 to 32; writes are never concurrent) [env: GH_STORE_JOBS]')
            [CompletionResult]::new('--schema', '--schema', [CompletionResultType]::ParameterName, 'Validate objects against this JSON Schema (adds to the `schemas:` of config files)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this file instead of ~/.config/gh-store/config.yml [env: GH_STORE_CONFIG]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours [env: NO_COLOR, CLICOLOR_FORCE]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation on a terminal')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation on a terminal')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Say which issues would be archived, and archive nothing')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Neither read nor keep the answers cached on disk for revalidation [env: GH_STORE_NO_CACHE]')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log every HTTP request on stderr (method, path, status, time, rate limit left) [env: GH_STORE_DEBUG]')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log every HTTP request on stderr (method, path, status, time, rate limit left) [env: GH_STORE_DEBUG]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors and warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors and warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'gh-store;restore' {
            [CompletionResult]::new('-R', '-R ', [CompletionResultType]::ParameterName, 'GitHub repository OWNER/REPO [env: GH_STORE_REPO, GH_REPO, GITHUB_REPOSITORY]')
            [CompletionResult]::new('--repo', '--repo', [CompletionResultType]::ParameterName, 'GitHub repository OWNER/REPO [env: GH_STORE_REPO, GH_REPO, GITHUB_REPOSITORY]')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Use the embedded local store in this SQLite file instead of GitHub [env: GH_STORE_LOCAL]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'GitHub REST API root (GHES: https://HOST/api/v3) [env: GH_STORE_API_URL, GITHUB_API_URL, GH_HOST]')
            [CompletionResult]::new('--app-id', '--app-id', [CompletionResultType]::ParameterName, 'Act as this GitHub App (its id or client id); needs --app-key-file or GH_STORE_APP_KEY [env: GH_STORE_APP_ID]')
            [CompletionResult]::new('--app-key-file', '--app-key-file', [CompletionResultType]::ParameterName, 'The GitHub App''s private key (PEM) for --app-id [env: GH_STORE_APP_KEY_FILE, GH_STORE_APP_KEY]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'On the local store, act as this user (default: your OS user name) [env: GH_STORE_USER]')
            [CompletionResult]::new('--max-wait', '--max-wait', [CompletionResultType]::ParameterName, 'Longest total wait for GitHub rate limits before exit 7, e.g. 30s, 5m [env: GH_STORE_MAX_WAIT]')
            [CompletionResult]::new('--jobs', '--jobs', [CompletionResultType]::ParameterName, 'Pages of a long listing fetched at once (1 to 32; writes are never concurrent) [env: GH_STORE_JOBS]')
            [CompletionResult]::new('--schema', '--schema', [CompletionResultType]::ParameterName, 'Validate objects against this JSON Schema (adds to the `schemas:` of config files)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this file instead of ~/.config/gh-store/config.yml [env: GH_STORE_CONFIG]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours [env: NO_COLOR, CLICOLOR_FORCE]')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Neither read nor keep the answers cached on disk for revalidation [env: GH_STORE_NO_CACHE]')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log every HTTP request on stderr (method, path, status, time, rate limit left) [env: GH_STORE_DEBUG]')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log every HTTP request on stderr (method, path, status, time, rate limit left) [env: GH_STORE_DEBUG]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors and warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors and warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'gh-store;alias' {
            [CompletionResult]::new('-R', '-R ', [CompletionResultType]::ParameterName, 'GitHub repository OWNER/REPO [env: GH_STORE_REPO, GH_REPO, GITHUB_REPOSITORY]')
            [CompletionResult]::new('--repo', '--repo', [CompletionResultType]::ParameterName, 'GitHub repository OWNER/REPO [env: GH_STORE_REPO, GH_REPO, GITHUB_REPOSITORY]')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Use the embedded local store in this SQLite file instead of GitHub [env: GH_STORE_LOCAL]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'GitHub REST API root (GHES: https://HOST/api/v3) [env: GH_STORE_API_URL, GITHUB_API_URL, GH_HOST]')
            [CompletionResult]::new('--app-id', '--app-id', [CompletionResultType]::ParameterName, 'Act as this GitHub App (its id or client id); needs --app-key-file or GH_STORE_APP_KEY [env: GH_STORE_APP_ID]')
            [CompletionResult]::new('--app-key-file', '--app-key-file', [CompletionResultType]::ParameterName, 'The GitHub App''s private key (PEM) for --app-id [env: GH_STORE_APP_KEY_FILE, GH_STORE_APP_KEY]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'On the local store, act as this user (default: your OS user name) [env: GH_STORE_USER]')
            [CompletionResult]::new('--max-wait', '--max-wait', [CompletionResultType]::ParameterName, 'Longest total wait for GitHub rate limits before exit 7, e.g. 30s, 5m [env: GH_STORE_MAX_WAIT]')
            [CompletionResult]::new('--jobs', '--jobs', [CompletionResultType]::ParameterName, 'Pages of a long listing fetched at once (1 to 32; writes are never concurrent) [env: GH_STORE_JOBS]')
            [CompletionResult]::new('--schema', '--schema', [CompletionResultType]::ParameterName, 'Validate objects against this JSON Schema (adds to the `schemas:` of config files)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this file instead of ~/.config/gh-store/config.yml [env: GH_STORE_CONFIG]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours [env: NO_COLOR, CLICOLOR_FORCE]')
            [CompletionResult]::new('--remove', '--remove', [CompletionResultType]::ParameterName, 'Make ALIAS an object of its own again')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Neither read nor keep the answers cached on disk for revalidation [env: GH_STORE_NO_CACHE]')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log every HTTP request on stderr (method, path, status, time, rate limit left) [env: GH_STORE_DEBUG]')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log every HTTP request on stderr (method, path, status, time, rate limit left) [env: GH_STORE_DEBUG]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors and warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors and warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'gh-store;dedupe' {
            [CompletionResult]::new('-R', '-R ', [CompletionResultType]::ParameterName, 'GitHub repository OWNER/REPO [env: GH_STORE_REPO, GH_REPO, GITHUB_REPOSITORY]')
            [CompletionResult]::new('--repo', '--repo', [CompletionResultType]::ParameterName, 'GitHub repository OWNER/REPO [env: GH_STORE_REPO, GH_REPO, GITHUB_REPOSITORY]')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Use the embedded local store in this SQLite file instead of GitHub [env: GH_STORE_LOCAL]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'GitHub REST API root (GHES: https://HOST/api/v3) [env: GH_STORE_API_URL, GITHUB_API_URL, GH_HOST]')
            [CompletionResult]::new('--app-id', '--app-id', [CompletionResultType]::ParameterName, 'Act as this GitHub App (its id or client id); needs --app-key-file or GH_STORE_APP_KEY [env: GH_STORE_APP_ID]')
            [CompletionResult]::new('--app-key-file', '--app-key-file', [CompletionResultType]::ParameterName, 'The GitHub App''s private key (PEM) for --app-id [env: GH_STORE_APP_KEY_FILE, GH_STORE_APP_KEY]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'On the local store, act as this user (default: your OS user name) [env: GH_STORE_USER]')
            [CompletionResult]::new('--max-wait', '--max-wait', [CompletionResultType]::ParameterName, 'Longest total wait for GitHub rate limits before exit 7, e.g. 30s, 5m [env: GH_STORE_MAX_WAIT]')
            [CompletionResult]::new('--jobs', '--jobs', [CompletionResultType]::ParameterName, 'Pages of a long listing fetched at once (1 to 32; writes are never concurrent) [env: GH_STORE_JOBS]')
            [CompletionResult]::new('--schema', '--schema', [CompletionResultType]::ParameterName, 'Validate objects against this JSON Schema (adds to the `schemas:` of config files)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this file instead of ~/.config/gh-store/config.yml [env: GH_STORE_CONFIG]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours [env: NO_COLOR, CLICOLOR_FORCE]')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Neither read nor keep the answers cached on disk for revalidation [env: GH_STORE_NO_CACHE]')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log every HTTP request on stderr (method, path, status, time, rate limit left) [env: GH_STORE_DEBUG]')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log every HTTP request on stderr (method, path, status, time, rate limit left) [env: GH_STORE_DEBUG]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors and warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors and warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'gh-store;process' {
            [CompletionResult]::new('--issue', '--issue', [CompletionResultType]::ParameterName, 'Process the object in this issue')
            [CompletionResult]::new('-R', '-R ', [CompletionResultType]::ParameterName, 'GitHub repository OWNER/REPO [env: GH_STORE_REPO, GH_REPO, GITHUB_REPOSITORY]')
            [CompletionResult]::new('--repo', '--repo', [CompletionResultType]::ParameterName, 'GitHub repository OWNER/REPO [env: GH_STORE_REPO, GH_REPO, GITHUB_REPOSITORY]')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Use the embedded local store in this SQLite file instead of GitHub [env: GH_STORE_LOCAL]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'GitHub REST API root (GHES: https://HOST/api/v3) [env: GH_STORE_API_URL, GITHUB_API_URL, GH_HOST]')
            [CompletionResult]::new('--app-id', '--app-id', [CompletionResultType]::ParameterName, 'Act as this GitHub App (its id or client id); needs --app-key-file or GH_STORE_APP_KEY [env: GH_STORE_APP_ID]')
            [CompletionResult]::new('--app-key-file', '--app-key-file', [CompletionResultType]::ParameterName, 'The GitHub App''s private key (PEM) for --app-id [env: GH_STORE_APP_KEY_FILE, GH_STORE_APP_KEY]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'On the local store, act as this user (default: your OS user name) [env: GH_STORE_USER]')
            [CompletionResult]::new('--max-wait', '--max-wait', [CompletionResultType]::ParameterName, 'Longest total wait for GitHub rate limits before exit 7, e.g. 30s, 5m [env: GH_STORE_MAX_WAIT]')
            [CompletionResult]::new('--jobs', '--jobs', [CompletionResultType]::ParameterName, 'Pages of a long listing fetched at once (1 to 32; writes are never concurrent) [env: GH_STORE_JOBS]')
            [CompletionResult]::new('--schema', '--schema', [CompletionResultType]::ParameterName, 'Validate objects against this JSON Schema (adds to the `schemas:` of config files)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this file instead of ~/.config/gh-store/config.yml [env: GH_STORE_CONFIG]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours [env: NO_COLOR, CLICOLOR_FORCE]')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Process every object with pending updates (objects whose creator the access policy refuses are skipped with a warning)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Neither read nor keep the answers cached on disk for revalidation [env: GH_STORE_NO_CACHE]')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log every HTTP request on stderr (method, path, status, time, rate limit left) [env: GH_STORE_DEBUG]')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log every HTTP request on stderr (method, path, status, time, rate limit left) [env: GH_STORE_DEBUG]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors and warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors and warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'gh-store;watch' {
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'Time between polls')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Exit after this many events')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Exit after this long')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print only these fields of each object, comma-separated (e.g. object_id,version)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the output through a jq expression; strings print raw (jq need not be installed: it is built in)')
            [CompletionResult]::new('-R', '-R ', [CompletionResultType]::ParameterName, 'GitHub repository OWNER/REPO [env: GH_STORE_REPO, GH_REPO, GITHUB_REPOSITORY]')
            [CompletionResult]::new('--repo', '--repo', [CompletionResultType]::ParameterName, 'GitHub repository OWNER/REPO [env: GH_STORE_REPO, GH_REPO, GITHUB_REPOSITORY]')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Use the embedded local store in this SQLite file instead of GitHub [env: GH_STORE_LOCAL]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'GitHub REST API root (GHES: https://HOST/api/v3) [env: GH_STORE_API_URL, GITHUB_API_URL, GH_HOST]')
            [CompletionResult]::new('--app-id', '--app-id', [CompletionResultType]::ParameterName, 'Act as this GitHub App (its id or client id); needs --app-key-file or GH_STORE_APP_KEY [env: GH_STORE_APP_ID]')
            [CompletionResult]::new('--app-key-file', '--app-key-file', [CompletionResultType]::ParameterName, 'The GitHub App''s private key (PEM) for --app-id [env: GH_STORE_APP_KEY_FILE, GH_STORE_APP_KEY]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'On the local store, act as this user (default: your OS user name) [env: GH_STORE_USER]')
            [CompletionResult]::new('--max-wait', '--max-wait', [CompletionResultType]::ParameterName, 'Longest total wait for GitHub rate limits before exit 7, e.g. 30s, 5m [env: GH_STORE_MAX_WAIT]')
            [CompletionResult]::new('--jobs', '--jobs', [CompletionResultType]::ParameterName, 'Pages of a long listing fetched at once (1 to 32; writes are never concurrent) [env: GH_STORE_JOBS]')
            [CompletionResult]::new('--schema', '--schema', [CompletionResultType]::ParameterName, 'Validate objects against this JSON Schema (adds to the `schemas:` of config files)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this file instead of ~/.config/gh-store/config.yml [env: GH_STORE_CONFIG]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours [env: NO_COLOR, CLICOLOR_FORCE]')
            [CompletionResult]::new('--initial', '--initial', [CompletionResultType]::ParameterName, 'Emit the current state of the watched objects first')
            [CompletionResult]::new('--process', '--process', [CompletionResultType]::ParameterName, 'Process pending objects: those pending at the start, then each as it appears')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Neither read nor keep the answers cached on disk for revalidation [env: GH_STORE_NO_CACHE]')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log every HTTP request on stderr (method, path, status, time, rate limit left) [env: GH_STORE_DEBUG]')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log every HTTP request on stderr (method, path, status, time, rate limit left) [env: GH_STORE_DEBUG]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors and warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors and warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'gh-store;serve' {
            [CompletionResult]::new('--bind', '--bind', [CompletionResultType]::ParameterName, 'Address to listen on, HOST:PORT (`localhost:8080`, `0.0.0.0:8080`) or a port alone on 127.0.0.1 (port 0: any free port)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'A user and their token, LOGIN:TOKEN (repeatable; the first owns the repository). Without any, every request acts as the owner')
            [CompletionResult]::new('--collaborator', '--collaborator', [CompletionResultType]::ParameterName, 'Give LOGIN the COLLABORATOR association (repeatable)')
            [CompletionResult]::new('--member', '--member', [CompletionResultType]::ParameterName, 'Give LOGIN the MEMBER association (repeatable)')
            [CompletionResult]::new('--latency', '--latency', [CompletionResultType]::ParameterName, 'Delay added to every request, like GitHub''s 100-300 ms (e.g. 100ms, 1s)')
            [CompletionResult]::new('--rate-limit', '--rate-limit', [CompletionResultType]::ParameterName, 'Primary rate limit per user per hour (anonymous callers share GitHub''s 60, or N if lower)')
            [CompletionResult]::new('--secondary-limits', '--secondary-limits', [CompletionResultType]::ParameterName, 'Answer as GitHub does past its secondary limits (403, retry-after), e.g. "80 content/1m, 500 content/1h, 900 points/1m"; off by default')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'Install a GitHub App: its numeric id and a PEM file with its private key (or its RSA public key), ID:FILE (repeatable)')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'GitHub REST API root (GHES: https://HOST/api/v3) [env: GH_STORE_API_URL, GITHUB_API_URL, GH_HOST]')
            [CompletionResult]::new('--app-id', '--app-id', [CompletionResultType]::ParameterName, 'Act as this GitHub App (its id or client id); needs --app-key-file or GH_STORE_APP_KEY [env: GH_STORE_APP_ID]')
            [CompletionResult]::new('--app-key-file', '--app-key-file', [CompletionResultType]::ParameterName, 'The GitHub App''s private key (PEM) for --app-id [env: GH_STORE_APP_KEY_FILE, GH_STORE_APP_KEY]')
            [CompletionResult]::new('--max-wait', '--max-wait', [CompletionResultType]::ParameterName, 'Longest total wait for GitHub rate limits before exit 7, e.g. 30s, 5m [env: GH_STORE_MAX_WAIT]')
            [CompletionResult]::new('--schema', '--schema', [CompletionResultType]::ParameterName, 'Validate objects against this JSON Schema (adds to the `schemas:` of config files)')
            [CompletionResult]::new('-R', '-R ', [CompletionResultType]::ParameterName, 'GitHub repository OWNER/REPO [env: GH_STORE_REPO, GH_REPO, GITHUB_REPOSITORY]')
            [CompletionResult]::new('--repo', '--repo', [CompletionResultType]::ParameterName, 'GitHub repository OWNER/REPO [env: GH_STORE_REPO, GH_REPO, GITHUB_REPOSITORY]')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Use the embedded local store in this SQLite file instead of GitHub [env: GH_STORE_LOCAL]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'On the local store, act as this user (default: your OS user name) [env: GH_STORE_USER]')
            [CompletionResult]::new('--jobs', '--jobs', [CompletionResultType]::ParameterName, 'Pages of a long listing fetched at once (1 to 32; writes are never concurrent) [env: GH_STORE_JOBS]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this file instead of ~/.config/gh-store/config.yml [env: GH_STORE_CONFIG]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours [env: NO_COLOR, CLICOLOR_FORCE]')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'The repository is owned by an organisation (named by -R''s owner)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Neither read nor keep the answers cached on disk for revalidation [env: GH_STORE_NO_CACHE]')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log every HTTP request on stderr (method, path, status, time, rate limit left) [env: GH_STORE_DEBUG]')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log every HTTP request on stderr (method, path, status, time, rate limit left) [env: GH_STORE_DEBUG]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors and warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors and warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'gh-store;snapshot' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Where to write it; `-` for stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Where to write it; `-` for stdout')
            [CompletionResult]::new('--update', '--update', [CompletionResultType]::ParameterName, 'Refresh this existing snapshot instead')
            [CompletionResult]::new('-R', '-R ', [CompletionResultType]::ParameterName, 'GitHub repository OWNER/REPO [env: GH_STORE_REPO, GH_REPO, GITHUB_REPOSITORY]')
            [CompletionResult]::new('--repo', '--repo', [CompletionResultType]::ParameterName, 'GitHub repository OWNER/REPO [env: GH_STORE_REPO, GH_REPO, GITHUB_REPOSITORY]')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Use the embedded local store in this SQLite file instead of GitHub [env: GH_STORE_LOCAL]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'GitHub REST API root (GHES: https://HOST/api/v3) [env: GH_STORE_API_URL, GITHUB_API_URL, GH_HOST]')
            [CompletionResult]::new('--app-id', '--app-id', [CompletionResultType]::ParameterName, 'Act as this GitHub App (its id or client id); needs --app-key-file or GH_STORE_APP_KEY [env: GH_STORE_APP_ID]')
            [CompletionResult]::new('--app-key-file', '--app-key-file', [CompletionResultType]::ParameterName, 'The GitHub App''s private key (PEM) for --app-id [env: GH_STORE_APP_KEY_FILE, GH_STORE_APP_KEY]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'On the local store, act as this user (default: your OS user name) [env: GH_STORE_USER]')
            [CompletionResult]::new('--max-wait', '--max-wait', [CompletionResultType]::ParameterName, 'Longest total wait for GitHub rate limits before exit 7, e.g. 30s, 5m [env: GH_STORE_MAX_WAIT]')
            [CompletionResult]::new('--jobs', '--jobs', [CompletionResultType]::ParameterName, 'Pages of a long listing fetched at once (1 to 32; writes are never concurrent) [env: GH_STORE_JOBS]')
            [CompletionResult]::new('--schema', '--schema', [CompletionResultType]::ParameterName, 'Validate objects against this JSON Schema (adds to the `schemas:` of config files)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this file instead of ~/.config/gh-store/config.yml [env: GH_STORE_CONFIG]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours [env: NO_COLOR, CLICOLOR_FORCE]')
            [CompletionResult]::new('--keep-going', '--keep-going', [CompletionResultType]::ParameterName, 'Write objects whose body cannot be read with their raw body, and exit 0')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Neither read nor keep the answers cached on disk for revalidation [env: GH_STORE_NO_CACHE]')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log every HTTP request on stderr (method, path, status, time, rate limit left) [env: GH_STORE_DEBUG]')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log every HTTP request on stderr (method, path, status, time, rate limit left) [env: GH_STORE_DEBUG]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors and warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors and warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'gh-store;import' {
            [CompletionResult]::new('--mode', '--mode', [CompletionResultType]::ParameterName, 'How differing data is written')
            [CompletionResult]::new('-R', '-R ', [CompletionResultType]::ParameterName, 'GitHub repository OWNER/REPO [env: GH_STORE_REPO, GH_REPO, GITHUB_REPOSITORY]')
            [CompletionResult]::new('--repo', '--repo', [CompletionResultType]::ParameterName, 'GitHub repository OWNER/REPO [env: GH_STORE_REPO, GH_REPO, GITHUB_REPOSITORY]')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Use the embedded local store in this SQLite file instead of GitHub [env: GH_STORE_LOCAL]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'GitHub REST API root (GHES: https://HOST/api/v3) [env: GH_STORE_API_URL, GITHUB_API_URL, GH_HOST]')
            [CompletionResult]::new('--app-id', '--app-id', [CompletionResultType]::ParameterName, 'Act as this GitHub App (its id or client id); needs --app-key-file or GH_STORE_APP_KEY [env: GH_STORE_APP_ID]')
            [CompletionResult]::new('--app-key-file', '--app-key-file', [CompletionResultType]::ParameterName, 'The GitHub App''s private key (PEM) for --app-id [env: GH_STORE_APP_KEY_FILE, GH_STORE_APP_KEY]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'On the local store, act as this user (default: your OS user name) [env: GH_STORE_USER]')
            [CompletionResult]::new('--max-wait', '--max-wait', [CompletionResultType]::ParameterName, 'Longest total wait for GitHub rate limits before exit 7, e.g. 30s, 5m [env: GH_STORE_MAX_WAIT]')
            [CompletionResult]::new('--jobs', '--jobs', [CompletionResultType]::ParameterName, 'Pages of a long listing fetched at once (1 to 32; writes are never concurrent) [env: GH_STORE_JOBS]')
            [CompletionResult]::new('--schema', '--schema', [CompletionResultType]::ParameterName, 'Validate objects against this JSON Schema (adds to the `schemas:` of config files)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this file instead of ~/.config/gh-store/config.yml [env: GH_STORE_CONFIG]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours [env: NO_COLOR, CLICOLOR_FORCE]')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the plan (one line per object) and what it costs, and write nothing')
            [CompletionResult]::new('--keep-going', '--keep-going', [CompletionResultType]::ParameterName, 'Import the good entries when some are bad (the exit code is still 2)')
            [CompletionResult]::new('--include-archived', '--include-archived', [CompletionResultType]::ParameterName, 'Create objects whose id was deleted (archived) in the store')
            [CompletionResult]::new('--apply', '--apply', [CompletionResultType]::ParameterName, 'Process updates at once instead of queueing them (default on the local store)')
            [CompletionResult]::new('--queue', '--queue', [CompletionResultType]::ParameterName, 'Queue updates for the processor (default on GitHub)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Neither read nor keep the answers cached on disk for revalidation [env: GH_STORE_NO_CACHE]')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log every HTTP request on stderr (method, path, status, time, rate limit left) [env: GH_STORE_DEBUG]')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log every HTTP request on stderr (method, path, status, time, rate limit left) [env: GH_STORE_DEBUG]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors and warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors and warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'gh-store;config' {
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON through a jq expression (implies --json)')
            [CompletionResult]::new('-R', '-R ', [CompletionResultType]::ParameterName, 'GitHub repository OWNER/REPO [env: GH_STORE_REPO, GH_REPO, GITHUB_REPOSITORY]')
            [CompletionResult]::new('--repo', '--repo', [CompletionResultType]::ParameterName, 'GitHub repository OWNER/REPO [env: GH_STORE_REPO, GH_REPO, GITHUB_REPOSITORY]')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Use the embedded local store in this SQLite file instead of GitHub [env: GH_STORE_LOCAL]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'GitHub REST API root (GHES: https://HOST/api/v3) [env: GH_STORE_API_URL, GITHUB_API_URL, GH_HOST]')
            [CompletionResult]::new('--app-id', '--app-id', [CompletionResultType]::ParameterName, 'Act as this GitHub App (its id or client id); needs --app-key-file or GH_STORE_APP_KEY [env: GH_STORE_APP_ID]')
            [CompletionResult]::new('--app-key-file', '--app-key-file', [CompletionResultType]::ParameterName, 'The GitHub App''s private key (PEM) for --app-id [env: GH_STORE_APP_KEY_FILE, GH_STORE_APP_KEY]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'On the local store, act as this user (default: your OS user name) [env: GH_STORE_USER]')
            [CompletionResult]::new('--max-wait', '--max-wait', [CompletionResultType]::ParameterName, 'Longest total wait for GitHub rate limits before exit 7, e.g. 30s, 5m [env: GH_STORE_MAX_WAIT]')
            [CompletionResult]::new('--jobs', '--jobs', [CompletionResultType]::ParameterName, 'Pages of a long listing fetched at once (1 to 32; writes are never concurrent) [env: GH_STORE_JOBS]')
            [CompletionResult]::new('--schema', '--schema', [CompletionResultType]::ParameterName, 'Validate objects against this JSON Schema (adds to the `schemas:` of config files)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this file instead of ~/.config/gh-store/config.yml [env: GH_STORE_CONFIG]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours [env: NO_COLOR, CLICOLOR_FORCE]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON: {setting: {value, source}}')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Neither read nor keep the answers cached on disk for revalidation [env: GH_STORE_NO_CACHE]')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log every HTTP request on stderr (method, path, status, time, rate limit left) [env: GH_STORE_DEBUG]')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log every HTTP request on stderr (method, path, status, time, rate limit left) [env: GH_STORE_DEBUG]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors and warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors and warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Write a commented starter config file (never overwrites one without --force)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'gh-store;config;init' {
            [CompletionResult]::new('-R', '-R ', [CompletionResultType]::ParameterName, 'GitHub repository OWNER/REPO [env: GH_STORE_REPO, GH_REPO, GITHUB_REPOSITORY]')
            [CompletionResult]::new('--repo', '--repo', [CompletionResultType]::ParameterName, 'GitHub repository OWNER/REPO [env: GH_STORE_REPO, GH_REPO, GITHUB_REPOSITORY]')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Use the embedded local store in this SQLite file instead of GitHub [env: GH_STORE_LOCAL]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'GitHub REST API root (GHES: https://HOST/api/v3) [env: GH_STORE_API_URL, GITHUB_API_URL, GH_HOST]')
            [CompletionResult]::new('--app-id', '--app-id', [CompletionResultType]::ParameterName, 'Act as this GitHub App (its id or client id); needs --app-key-file or GH_STORE_APP_KEY [env: GH_STORE_APP_ID]')
            [CompletionResult]::new('--app-key-file', '--app-key-file', [CompletionResultType]::ParameterName, 'The GitHub App''s private key (PEM) for --app-id [env: GH_STORE_APP_KEY_FILE, GH_STORE_APP_KEY]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'On the local store, act as this user (default: your OS user name) [env: GH_STORE_USER]')
            [CompletionResult]::new('--max-wait', '--max-wait', [CompletionResultType]::ParameterName, 'Longest total wait for GitHub rate limits before exit 7, e.g. 30s, 5m [env: GH_STORE_MAX_WAIT]')
            [CompletionResult]::new('--jobs', '--jobs', [CompletionResultType]::ParameterName, 'Pages of a long listing fetched at once (1 to 32; writes are never concurrent) [env: GH_STORE_JOBS]')
            [CompletionResult]::new('--schema', '--schema', [CompletionResultType]::ParameterName, 'Validate objects against this JSON Schema (adds to the `schemas:` of config files)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this file instead of ~/.config/gh-store/config.yml [env: GH_STORE_CONFIG]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours [env: NO_COLOR, CLICOLOR_FORCE]')
            [CompletionResult]::new('--project', '--project', [CompletionResultType]::ParameterName, 'Write ./.gh-store.yml instead of the user file')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace an existing file')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Neither read nor keep the answers cached on disk for revalidation [env: GH_STORE_NO_CACHE]')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log every HTTP request on stderr (method, path, status, time, rate limit left) [env: GH_STORE_DEBUG]')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log every HTTP request on stderr (method, path, status, time, rate limit left) [env: GH_STORE_DEBUG]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors and warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors and warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'gh-store;config;help' {
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Write a commented starter config file (never overwrites one without --force)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'gh-store;config;help;init' {
            break
        }
        'gh-store;config;help;help' {
            break
        }
        'gh-store;workflow' {
            [CompletionResult]::new('--install', '--install', [CompletionResultType]::ParameterName, 'How the workflow installs gh-store: action, action=OWNER/REPO, cargo or git=URL[@REF]')
            [CompletionResult]::new('-R', '-R ', [CompletionResultType]::ParameterName, 'GitHub repository OWNER/REPO [env: GH_STORE_REPO, GH_REPO, GITHUB_REPOSITORY]')
            [CompletionResult]::new('--repo', '--repo', [CompletionResultType]::ParameterName, 'GitHub repository OWNER/REPO [env: GH_STORE_REPO, GH_REPO, GITHUB_REPOSITORY]')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Use the embedded local store in this SQLite file instead of GitHub [env: GH_STORE_LOCAL]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'GitHub REST API root (GHES: https://HOST/api/v3) [env: GH_STORE_API_URL, GITHUB_API_URL, GH_HOST]')
            [CompletionResult]::new('--app-id', '--app-id', [CompletionResultType]::ParameterName, 'Act as this GitHub App (its id or client id); needs --app-key-file or GH_STORE_APP_KEY [env: GH_STORE_APP_ID]')
            [CompletionResult]::new('--app-key-file', '--app-key-file', [CompletionResultType]::ParameterName, 'The GitHub App''s private key (PEM) for --app-id [env: GH_STORE_APP_KEY_FILE, GH_STORE_APP_KEY]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'On the local store, act as this user (default: your OS user name) [env: GH_STORE_USER]')
            [CompletionResult]::new('--max-wait', '--max-wait', [CompletionResultType]::ParameterName, 'Longest total wait for GitHub rate limits before exit 7, e.g. 30s, 5m [env: GH_STORE_MAX_WAIT]')
            [CompletionResult]::new('--jobs', '--jobs', [CompletionResultType]::ParameterName, 'Pages of a long listing fetched at once (1 to 32; writes are never concurrent) [env: GH_STORE_JOBS]')
            [CompletionResult]::new('--schema', '--schema', [CompletionResultType]::ParameterName, 'Validate objects against this JSON Schema (adds to the `schemas:` of config files)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this file instead of ~/.config/gh-store/config.yml [env: GH_STORE_CONFIG]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours [env: NO_COLOR, CLICOLOR_FORCE]')
            [CompletionResult]::new('--write', '--write', [CompletionResultType]::ParameterName, 'Write .github/workflows/gh-store.yml at the root of the git repository holding the working directory instead of printing it (refused outside a git repository)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace an existing workflow file')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Neither read nor keep the answers cached on disk for revalidation [env: GH_STORE_NO_CACHE]')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log every HTTP request on stderr (method, path, status, time, rate limit left) [env: GH_STORE_DEBUG]')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log every HTTP request on stderr (method, path, status, time, rate limit left) [env: GH_STORE_DEBUG]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors and warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors and warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'gh-store;completions' {
            [CompletionResult]::new('-R', '-R ', [CompletionResultType]::ParameterName, 'GitHub repository OWNER/REPO [env: GH_STORE_REPO, GH_REPO, GITHUB_REPOSITORY]')
            [CompletionResult]::new('--repo', '--repo', [CompletionResultType]::ParameterName, 'GitHub repository OWNER/REPO [env: GH_STORE_REPO, GH_REPO, GITHUB_REPOSITORY]')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Use the embedded local store in this SQLite file instead of GitHub [env: GH_STORE_LOCAL]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'GitHub REST API root (GHES: https://HOST/api/v3) [env: GH_STORE_API_URL, GITHUB_API_URL, GH_HOST]')
            [CompletionResult]::new('--app-id', '--app-id', [CompletionResultType]::ParameterName, 'Act as this GitHub App (its id or client id); needs --app-key-file or GH_STORE_APP_KEY [env: GH_STORE_APP_ID]')
            [CompletionResult]::new('--app-key-file', '--app-key-file', [CompletionResultType]::ParameterName, 'The GitHub App''s private key (PEM) for --app-id [env: GH_STORE_APP_KEY_FILE, GH_STORE_APP_KEY]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'On the local store, act as this user (default: your OS user name) [env: GH_STORE_USER]')
            [CompletionResult]::new('--max-wait', '--max-wait', [CompletionResultType]::ParameterName, 'Longest total wait for GitHub rate limits before exit 7, e.g. 30s, 5m [env: GH_STORE_MAX_WAIT]')
            [CompletionResult]::new('--jobs', '--jobs', [CompletionResultType]::ParameterName, 'Pages of a long listing fetched at once (1 to 32; writes are never concurrent) [env: GH_STORE_JOBS]')
            [CompletionResult]::new('--schema', '--schema', [CompletionResultType]::ParameterName, 'Validate objects against this JSON Schema (adds to the `schemas:` of config files)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this file instead of ~/.config/gh-store/config.yml [env: GH_STORE_CONFIG]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours [env: NO_COLOR, CLICOLOR_FORCE]')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Neither read nor keep the answers cached on disk for revalidation [env: GH_STORE_NO_CACHE]')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log every HTTP request on stderr (method, path, status, time, rate limit left) [env: GH_STORE_DEBUG]')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log every HTTP request on stderr (method, path, status, time, rate limit left) [env: GH_STORE_DEBUG]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors and warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors and warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'gh-store;help' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create an object from a JSON object')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Print an object')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Update an object')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List objects')
            [CompletionResult]::new('history', 'history', [CompletionResultType]::ParameterValue, 'Show every comment of an object with its status')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete (archive) objects')
            [CompletionResult]::new('restore', 'restore', [CompletionResultType]::ParameterValue, 'Bring an archived (deleted) object back')
            [CompletionResult]::new('alias', 'alias', [CompletionResultType]::ParameterValue, 'Make an object an alias of another')
            [CompletionResult]::new('dedupe', 'dedupe', [CompletionResultType]::ParameterValue, 'Resolve duplicate issues of an object')
            [CompletionResult]::new('process', 'process', [CompletionResultType]::ParameterValue, 'Fold pending updates into objects')
            [CompletionResult]::new('watch', 'watch', [CompletionResultType]::ParameterValue, 'Follow the store and print one JSON line per change')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Serve the local store over a GitHub-compatible REST API')
            [CompletionResult]::new('snapshot', 'snapshot', [CompletionResultType]::ParameterValue, 'Write every object to a snapshot file')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Import objects from a snapshot or NDJSON')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Show the resolved settings and where each came from')
            [CompletionResult]::new('workflow', 'workflow', [CompletionResultType]::ParameterValue, 'Print (or install) the GitHub Actions workflow that processes updates')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'gh-store;help;create' {
            break
        }
        'gh-store;help;get' {
            break
        }
        'gh-store;help;update' {
            break
        }
        'gh-store;help;list' {
            break
        }
        'gh-store;help;history' {
            break
        }
        'gh-store;help;delete' {
            break
        }
        'gh-store;help;restore' {
            break
        }
        'gh-store;help;alias' {
            break
        }
        'gh-store;help;dedupe' {
            break
        }
        'gh-store;help;process' {
            break
        }
        'gh-store;help;watch' {
            break
        }
        'gh-store;help;serve' {
            break
        }
        'gh-store;help;snapshot' {
            break
        }
        'gh-store;help;import' {
            break
        }
        'gh-store;help;config' {
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Write a commented starter config file (never overwrites one without --force)')
            break
        }
        'gh-store;help;config;init' {
            break
        }
        'gh-store;help;workflow' {
            break
        }
        'gh-store;help;completions' {
            break
        }
        'gh-store;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
