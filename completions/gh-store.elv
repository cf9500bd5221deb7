
use builtin;
use str;

set edit:completion:arg-completer[gh-store] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'gh-store'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'gh-store'= {
            cand -R 'GitHub repository OWNER/REPO [env: GH_STORE_REPO, GH_REPO, GITHUB_REPOSITORY]'
            cand --repo 'GitHub repository OWNER/REPO [env: GH_STORE_REPO, GH_REPO, GITHUB_REPOSITORY]'
            cand --local 'Use the embedded local store in this SQLite file instead of GitHub [env: GH_STORE_LOCAL]'
            cand --api-url 'GitHub REST API root (GHES: https://HOST/api/v3) [env: GH_STORE_API_URL, GITHUB_API_URL, GH_HOST]'
            cand --as 'On the local store, act as this user (default: your OS user name) [env: GH_STORE_USER]'
            cand --max-wait 'Longest total wait for GitHub rate limits before exit 7, e.g. 30s, 5m [env: GH_STORE_MAX_WAIT]'
            cand --schema 'Validate objects against this JSON Schema (adds to the `schemas:` of config files)'
            cand --config 'Read settings from this file instead of ~/.config/gh-store/config.yml [env: GH_STORE_CONFIG]'
            cand --color 'When to use colours [env: NO_COLOR, CLICOLOR_FORCE]'
            cand -v 'Log every HTTP request on stderr (method, path, status, time, rate limit left) [env: GH_STORE_DEBUG]'
            cand --verbose 'Log every HTTP request on stderr (method, path, status, time, rate limit left) [env: GH_STORE_DEBUG]'
            cand -q 'Print nothing on stderr but errors and warnings'
            cand --quiet 'Print nothing on stderr but errors and warnings'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand create 'Create an object from a JSON object'
            cand get 'Print an object'
            cand update 'Update an object'
            cand list 'List objects'
            cand history 'Show every comment of an object with its status'
            cand delete 'Delete (archive) an object'
            cand process 'Fold pending updates into objects'
            cand watch 'Follow the store and print one JSON line per change'
            cand serve 'Serve the local store over a GitHub-compatible REST API'
            cand snapshot 'Write every object to a snapshot file'
            cand config 'Show the resolved settings and where each came from'
            cand workflow 'Print (or install) the GitHub Actions workflow that processes updates'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'gh-store;create'= {
            cand -R 'GitHub repository OWNER/REPO [env: GH_STORE_REPO, GH_REPO, GITHUB_REPOSITORY]'
            cand --repo 'GitHub repository OWNER/REPO [env: GH_STORE_REPO, GH_REPO, GITHUB_REPOSITORY]'
            cand --local 'Use the embedded local store in this SQLite file instead of GitHub [env: GH_STORE_LOCAL]'
            cand --api-url 'GitHub REST API root (GHES: https://HOST/api/v3) [env: GH_STORE_API_URL, GITHUB_API_URL, GH_HOST]'
            cand --as 'On the local store, act as this user (default: your OS user name) [env: GH_STORE_USER]'
            cand --max-wait 'Longest total wait for GitHub rate limits before exit 7, e.g. 30s, 5m [env: GH_STORE_MAX_WAIT]'
            cand --schema 'Validate objects against this JSON Schema (adds to the `schemas:` of config files)'
            cand --config 'Read settings from this file instead of ~/.config/gh-store/config.yml [env: GH_STORE_CONFIG]'
            cand --color 'When to use colours [env: NO_COLOR, CLICOLOR_FORCE]'
            cand -v 'Log every HTTP request on stderr (method, path, status, time, rate limit left) [env: GH_STORE_DEBUG]'
            cand --verbose 'Log every HTTP request on stderr (method, path, status, time, rate limit left) [env: GH_STORE_DEBUG]'
            cand -q 'Print nothing on stderr but errors and warnings'
            cand --quiet 'Print nothing on stderr but errors and warnings'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'gh-store;get'= {
            cand --at 'Rebuild the object as it was at this version, from its history'
            cand -R 'GitHub repository OWNER/REPO [env: GH_STORE_REPO, GH_REPO, GITHUB_REPOSITORY]'
            cand --repo 'GitHub repository OWNER/REPO [env: GH_STORE_REPO, GH_REPO, GITHUB_REPOSITORY]'
            cand --local 'Use the embedded local store in this SQLite file instead of GitHub [env: GH_STORE_LOCAL]'
            cand --api-url 'GitHub REST API root (GHES: https://HOST/api/v3) [env: GH_STORE_API_URL, GITHUB_API_URL, GH_HOST]'
            cand --as 'On the local store, act as this user (default: your OS user name) [env: GH_STORE_USER]'
            cand --max-wait 'Longest total wait for GitHub rate limits before exit 7, e.g. 30s, 5m [env: GH_STORE_MAX_WAIT]'
            cand --schema 'Validate objects against this JSON Schema (adds to the `schemas:` of config files)'
            cand --config 'Read settings from this file instead of ~/.config/gh-store/config.yml [env: GH_STORE_CONFIG]'
            cand --color 'When to use colours [env: NO_COLOR, CLICOLOR_FORCE]'
            cand --data 'Print only the data'
            cand -v 'Log every HTTP request on stderr (method, path, status, time, rate limit left) [env: GH_STORE_DEBUG]'
            cand --verbose 'Log every HTTP request on stderr (method, path, status, time, rate limit left) [env: GH_STORE_DEBUG]'
            cand -q 'Print nothing on stderr but errors and warnings'
            cand --quiet 'Print nothing on stderr but errors and warnings'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'gh-store;update'= {
            cand --mode 'How the change applies. Only append is understood by the Python processor'
            cand --if-version 'Apply only if the object is still at this version (compare-and-set); exit 6 otherwise'
            cand --wait 'Queue the update, then wait until the processor has consumed it and print the result; exit 5/6 if rejected, 7 if still pending after TIMEOUT'
            cand -R 'GitHub repository OWNER/REPO [env: GH_STORE_REPO, GH_REPO, GITHUB_REPOSITORY]'
            cand --repo 'GitHub repository OWNER/REPO [env: GH_STORE_REPO, GH_REPO, GITHUB_REPOSITORY]'
            cand --local 'Use the embedded local store in this SQLite file instead of GitHub [env: GH_STORE_LOCAL]'
            cand --api-url 'GitHub REST API root (GHES: https://HOST/api/v3) [env: GH_STORE_API_URL, GITHUB_API_URL, GH_HOST]'
            cand --as 'On the local store, act as this user (default: your OS user name) [env: GH_STORE_USER]'
            cand --max-wait 'Longest total wait for GitHub rate limits before exit 7, e.g. 30s, 5m [env: GH_STORE_MAX_WAIT]'
            cand --schema 'Validate objects against this JSON Schema (adds to the `schemas:` of config files)'
            cand --config 'Read settings from this file instead of ~/.config/gh-store/config.yml [env: GH_STORE_CONFIG]'
            cand --color 'When to use colours [env: NO_COLOR, CLICOLOR_FORCE]'
            cand --apply 'Process the update at once instead of queueing it (default on the local store)'
            cand --queue 'Queue the update for the processor (default on GitHub)'
            cand -v 'Log every HTTP request on stderr (method, path, status, time, rate limit left) [env: GH_STORE_DEBUG]'
            cand --verbose 'Log every HTTP request on stderr (method, path, status, time, rate limit left) [env: GH_STORE_DEBUG]'
            cand -q 'Print nothing on stderr but errors and warnings'
            cand --quiet 'Print nothing on stderr but errors and warnings'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'gh-store;list'= {
            cand --format 'Output format'
            cand --state 'stable (no pending updates), pending, or all'
            cand --since 'Only objects updated at or after this time (2025-01-31 or 2025-01-31T12:00:00Z)'
            cand --label 'Only objects carrying this extra label (repeatable: all must match)'
            cand --limit 'At most this many objects'
            cand -R 'GitHub repository OWNER/REPO [env: GH_STORE_REPO, GH_REPO, GITHUB_REPOSITORY]'
            cand --repo 'GitHub repository OWNER/REPO [env: GH_STORE_REPO, GH_REPO, GITHUB_REPOSITORY]'
            cand --local 'Use the embedded local store in this SQLite file instead of GitHub [env: GH_STORE_LOCAL]'
            cand --api-url 'GitHub REST API root (GHES: https://HOST/api/v3) [env: GH_STORE_API_URL, GITHUB_API_URL, GH_HOST]'
            cand --as 'On the local store, act as this user (default: your OS user name) [env: GH_STORE_USER]'
            cand --max-wait 'Longest total wait for GitHub rate limits before exit 7, e.g. 30s, 5m [env: GH_STORE_MAX_WAIT]'
            cand --schema 'Validate objects against this JSON Schema (adds to the `schemas:` of config files)'
            cand --config 'Read settings from this file instead of ~/.config/gh-store/config.yml [env: GH_STORE_CONFIG]'
            cand --color 'When to use colours [env: NO_COLOR, CLICOLOR_FORCE]'
            cand --ndjson 'Same as --format ndjson: one object per line'
            cand --archived 'List archived (deleted) objects instead of live ones'
            cand --keep-going 'Print objects whose body cannot be read with their raw body, and exit 0'
            cand -v 'Log every HTTP request on stderr (method, path, status, time, rate limit left) [env: GH_STORE_DEBUG]'
            cand --verbose 'Log every HTTP request on stderr (method, path, status, time, rate limit left) [env: GH_STORE_DEBUG]'
            cand -q 'Print nothing on stderr but errors and warnings'
            cand --quiet 'Print nothing on stderr but errors and warnings'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'gh-store;history'= {
            cand -R 'GitHub repository OWNER/REPO [env: GH_STORE_REPO, GH_REPO, GITHUB_REPOSITORY]'
            cand --repo 'GitHub repository OWNER/REPO [env: GH_STORE_REPO, GH_REPO, GITHUB_REPOSITORY]'
            cand --local 'Use the embedded local store in this SQLite file instead of GitHub [env: GH_STORE_LOCAL]'
            cand --api-url 'GitHub REST API root (GHES: https://HOST/api/v3) [env: GH_STORE_API_URL, GITHUB_API_URL, GH_HOST]'
            cand --as 'On the local store, act as this user (default: your OS user name) [env: GH_STORE_USER]'
            cand --max-wait 'Longest total wait for GitHub rate limits before exit 7, e.g. 30s, 5m [env: GH_STORE_MAX_WAIT]'
            cand --schema 'Validate objects against this JSON Schema (adds to the `schemas:` of config files)'
            cand --config 'Read settings from this file instead of ~/.config/gh-store/config.yml [env: GH_STORE_CONFIG]'
            cand --color 'When to use colours [env: NO_COLOR, CLICOLOR_FORCE]'
            cand --ndjson 'One JSON object per line instead of an array'
            cand --diff 'Show each applied update as the JSON Patch it caused'
            cand -v 'Log every HTTP request on stderr (method, path, status, time, rate limit left) [env: GH_STORE_DEBUG]'
            cand --verbose 'Log every HTTP request on stderr (method, path, status, time, rate limit left) [env: GH_STORE_DEBUG]'
            cand -q 'Print nothing on stderr but errors and warnings'
            cand --quiet 'Print nothing on stderr but errors and warnings'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'gh-store;delete'= {
            cand -R 'GitHub repository OWNER/REPO [env: GH_STORE_REPO, GH_REPO, GITHUB_REPOSITORY]'
            cand --repo 'GitHub repository OWNER/REPO [env: GH_STORE_REPO, GH_REPO, GITHUB_REPOSITORY]'
            cand --local 'Use the embedded local store in this SQLite file instead of GitHub [env: GH_STORE_LOCAL]'
            cand --api-url 'GitHub REST API root (GHES: https://HOST/api/v3) [env: GH_STORE_API_URL, GITHUB_API_URL, GH_HOST]'
            cand --as 'On the local store, act as this user (default: your OS user name) [env: GH_STORE_USER]'
            cand --max-wait 'Longest total wait for GitHub rate limits before exit 7, e.g. 30s, 5m [env: GH_STORE_MAX_WAIT]'
            cand --schema 'Validate objects against this JSON Schema (adds to the `schemas:` of config files)'
            cand --config 'Read settings from this file instead of ~/.config/gh-store/config.yml [env: GH_STORE_CONFIG]'
            cand --color 'When to use colours [env: NO_COLOR, CLICOLOR_FORCE]'
            cand -v 'Log every HTTP request on stderr (method, path, status, time, rate limit left) [env: GH_STORE_DEBUG]'
            cand --verbose 'Log every HTTP request on stderr (method, path, status, time, rate limit left) [env: GH_STORE_DEBUG]'
            cand -q 'Print nothing on stderr but errors and warnings'
            cand --quiet 'Print nothing on stderr but errors and warnings'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'gh-store;process'= {
            cand --issue 'Process the object in this issue'
            cand -R 'GitHub repository OWNER/REPO [env: GH_STORE_REPO, GH_REPO, GITHUB_REPOSITORY]'
            cand --repo 'GitHub repository OWNER/REPO [env: GH_STORE_REPO, GH_REPO, GITHUB_REPOSITORY]'
            cand --local 'Use the embedded local store in this SQLite file instead of GitHub [env: GH_STORE_LOCAL]'
            cand --api-url 'GitHub REST API root (GHES: https://HOST/api/v3) [env: GH_STORE_API_URL, GITHUB_API_URL, GH_HOST]'
            cand --as 'On the local store, act as this user (default: your OS user name) [env: GH_STORE_USER]'
            cand --max-wait 'Longest total wait for GitHub rate limits before exit 7, e.g. 30s, 5m [env: GH_STORE_MAX_WAIT]'
            cand --schema 'Validate objects against this JSON Schema (adds to the `schemas:` of config files)'
            cand --config 'Read settings from this file instead of ~/.config/gh-store/config.yml [env: GH_STORE_CONFIG]'
            cand --color 'When to use colours [env: NO_COLOR, CLICOLOR_FORCE]'
            cand --all 'Process every object with pending updates (objects whose creator the access policy refuses are skipped with a warning)'
            cand -v 'Log every HTTP request on stderr (method, path, status, time, rate limit left) [env: GH_STORE_DEBUG]'
            cand --verbose 'Log every HTTP request on stderr (method, path, status, time, rate limit left) [env: GH_STORE_DEBUG]'
            cand -q 'Print nothing on stderr but errors and warnings'
            cand --quiet 'Print nothing on stderr but errors and warnings'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'gh-store;watch'= {
            cand --interval 'Time between polls'
            cand --count 'Exit after this many events'
            cand --timeout 'Exit after this long'
            cand -R 'GitHub repository OWNER/REPO [env: GH_STORE_REPO, GH_REPO, GITHUB_REPOSITORY]'
            cand --repo 'GitHub repository OWNER/REPO [env: GH_STORE_REPO, GH_REPO, GITHUB_REPOSITORY]'
            cand --local 'Use the embedded local store in this SQLite file instead of GitHub [env: GH_STORE_LOCAL]'
            cand --api-url 'GitHub REST API root (GHES: https://HOST/api/v3) [env: GH_STORE_API_URL, GITHUB_API_URL, GH_HOST]'
            cand --as 'On the local store, act as this user (default: your OS user name) [env: GH_STORE_USER]'
            cand --max-wait 'Longest total wait for GitHub rate limits before exit 7, e.g. 30s, 5m [env: GH_STORE_MAX_WAIT]'
            cand --schema 'Validate objects against this JSON Schema (adds to the `schemas:` of config files)'
            cand --config 'Read settings from this file instead of ~/.config/gh-store/config.yml [env: GH_STORE_CONFIG]'
            cand --color 'When to use colours [env: NO_COLOR, CLICOLOR_FORCE]'
            cand --initial 'Emit the current state of the watched objects first'
            cand --process 'Process pending objects: those pending at the start, then each as it appears'
            cand -v 'Log every HTTP request on stderr (method, path, status, time, rate limit left) [env: GH_STORE_DEBUG]'
            cand --verbose 'Log every HTTP request on stderr (method, path, status, time, rate limit left) [env: GH_STORE_DEBUG]'
            cand -q 'Print nothing on stderr but errors and warnings'
            cand --quiet 'Print nothing on stderr but errors and warnings'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'gh-store;serve'= {
            cand --bind 'Address to listen on (port 0: any free port)'
            cand --user 'A user and their token, LOGIN:TOKEN (repeatable; the first owns the repository). Without any, every request acts as the owner'
            cand --collaborator 'Give LOGIN the COLLABORATOR association (repeatable)'
            cand --member 'Give LOGIN the MEMBER association (repeatable)'
            cand --latency 'Delay added to every request, like GitHub''s 100-300 ms (e.g. 100ms, 1s)'
            cand --rate-limit 'Primary rate limit per user per hour (anonymous callers share GitHub''s 60, or N if lower)'
            cand -R 'GitHub repository OWNER/REPO [env: GH_STORE_REPO, GH_REPO, GITHUB_REPOSITORY]'
            cand --repo 'GitHub repository OWNER/REPO [env: GH_STORE_REPO, GH_REPO, GITHUB_REPOSITORY]'
            cand --local 'Use the embedded local store in this SQLite file instead of GitHub [env: GH_STORE_LOCAL]'
            cand --api-url 'GitHub REST API root (GHES: https://HOST/api/v3) [env: GH_STORE_API_URL, GITHUB_API_URL, GH_HOST]'
            cand --as 'On the local store, act as this user (default: your OS user name) [env: GH_STORE_USER]'
            cand --max-wait 'Longest total wait for GitHub rate limits before exit 7, e.g. 30s, 5m [env: GH_STORE_MAX_WAIT]'
            cand --schema 'Validate objects against this JSON Schema (adds to the `schemas:` of config files)'
            cand --config 'Read settings from this file instead of ~/.config/gh-store/config.yml [env: GH_STORE_CONFIG]'
            cand --color 'When to use colours [env: NO_COLOR, CLICOLOR_FORCE]'
            cand --org 'The repository is owned by an organisation (named by -R''s owner)'
            cand -v 'Log every HTTP request on stderr (method, path, status, time, rate limit left) [env: GH_STORE_DEBUG]'
            cand --verbose 'Log every HTTP request on stderr (method, path, status, time, rate limit left) [env: GH_STORE_DEBUG]'
            cand -q 'Print nothing on stderr but errors and warnings'
            cand --quiet 'Print nothing on stderr but errors and warnings'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'gh-store;snapshot'= {
            cand -o 'Where to write it; `-` for stdout'
            cand --output 'Where to write it; `-` for stdout'
            cand --update 'Refresh this existing snapshot instead'
            cand -R 'GitHub repository OWNER/REPO [env: GH_STORE_REPO, GH_REPO, GITHUB_REPOSITORY]'
            cand --repo 'GitHub repository OWNER/REPO [env: GH_STORE_REPO, GH_REPO, GITHUB_REPOSITORY]'
            cand --local 'Use the embedded local store in this SQLite file instead of GitHub [env: GH_STORE_LOCAL]'
            cand --api-url 'GitHub REST API root (GHES: https://HOST/api/v3) [env: GH_STORE_API_URL, GITHUB_API_URL, GH_HOST]'
            cand --as 'On the local store, act as this user (default: your OS user name) [env: GH_STORE_USER]'
            cand --max-wait 'Longest total wait for GitHub rate limits before exit 7, e.g. 30s, 5m [env: GH_STORE_MAX_WAIT]'
            cand --schema 'Validate objects against this JSON Schema (adds to the `schemas:` of config files)'
            cand --config 'Read settings from this file instead of ~/.config/gh-store/config.yml [env: GH_STORE_CONFIG]'
            cand --color 'When to use colours [env: NO_COLOR, CLICOLOR_FORCE]'
            cand --keep-going 'Write objects whose body cannot be read with their raw body, and exit 0'
            cand -v 'Log every HTTP request on stderr (method, path, status, time, rate limit left) [env: GH_STORE_DEBUG]'
            cand --verbose 'Log every HTTP request on stderr (method, path, status, time, rate limit left) [env: GH_STORE_DEBUG]'
            cand -q 'Print nothing on stderr but errors and warnings'
            cand --quiet 'Print nothing on stderr but errors and warnings'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'gh-store;config'= {
            cand -R 'GitHub repository OWNER/REPO [env: GH_STORE_REPO, GH_REPO, GITHUB_REPOSITORY]'
            cand --repo 'GitHub repository OWNER/REPO [env: GH_STORE_REPO, GH_REPO, GITHUB_REPOSITORY]'
            cand --local 'Use the embedded local store in this SQLite file instead of GitHub [env: GH_STORE_LOCAL]'
            cand --api-url 'GitHub REST API root (GHES: https://HOST/api/v3) [env: GH_STORE_API_URL, GITHUB_API_URL, GH_HOST]'
            cand --as 'On the local store, act as this user (default: your OS user name) [env: GH_STORE_USER]'
            cand --max-wait 'Longest total wait for GitHub rate limits before exit 7, e.g. 30s, 5m [env: GH_STORE_MAX_WAIT]'
            cand --schema 'Validate objects against this JSON Schema (adds to the `schemas:` of config files)'
            cand --config 'Read settings from this file instead of ~/.config/gh-store/config.yml [env: GH_STORE_CONFIG]'
            cand --color 'When to use colours [env: NO_COLOR, CLICOLOR_FORCE]'
            cand --json 'Print JSON: {setting: {value, source}}'
            cand -v 'Log every HTTP request on stderr (method, path, status, time, rate limit left) [env: GH_STORE_DEBUG]'
            cand --verbose 'Log every HTTP request on stderr (method, path, status, time, rate limit left) [env: GH_STORE_DEBUG]'
            cand -q 'Print nothing on stderr but errors and warnings'
            cand --quiet 'Print nothing on stderr but errors and warnings'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand init 'Write a commented starter config file (never overwrites one without --force)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'gh-store;config;init'= {
            cand -R 'GitHub repository OWNER/REPO [env: GH_STORE_REPO, GH_REPO, GITHUB_REPOSITORY]'
            cand --repo 'GitHub repository OWNER/REPO [env: GH_STORE_REPO, GH_REPO, GITHUB_REPOSITORY]'
            cand --local 'Use the embedded local store in this SQLite file instead of GitHub [env: GH_STORE_LOCAL]'
            cand --api-url 'GitHub REST API root (GHES: https://HOST/api/v3) [env: GH_STORE_API_URL, GITHUB_API_URL, GH_HOST]'
            cand --as 'On the local store, act as this user (default: your OS user name) [env: GH_STORE_USER]'
            cand --max-wait 'Longest total wait for GitHub rate limits before exit 7, e.g. 30s, 5m [env: GH_STORE_MAX_WAIT]'
            cand --schema 'Validate objects against this JSON Schema (adds to the `schemas:` of config files)'
            cand --config 'Read settings from this file instead of ~/.config/gh-store/config.yml [env: GH_STORE_CONFIG]'
            cand --color 'When to use colours [env: NO_COLOR, CLICOLOR_FORCE]'
            cand --project 'Write ./.gh-store.yml instead of the user file'
            cand --force 'Replace an existing file'
            cand -v 'Log every HTTP request on stderr (method, path, status, time, rate limit left) [env: GH_STORE_DEBUG]'
            cand --verbose 'Log every HTTP request on stderr (method, path, status, time, rate limit left) [env: GH_STORE_DEBUG]'
            cand -q 'Print nothing on stderr but errors and warnings'
            cand --quiet 'Print nothing on stderr but errors and warnings'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'gh-store;config;help'= {
            cand init 'Write a commented starter config file (never overwrites one without --force)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'gh-store;config;help;init'= {
        }
        &'gh-store;config;help;help'= {
        }
        &'gh-store;workflow'= {
            cand --install 'How the workflow installs gh-store: action, action=OWNER/REPO, cargo or git=URL[@REF]'
            cand -R 'GitHub repository OWNER/REPO [env: GH_STORE_REPO, GH_REPO, GITHUB_REPOSITORY]'
            cand --repo 'GitHub repository OWNER/REPO [env: GH_STORE_REPO, GH_REPO, GITHUB_REPOSITORY]'
            cand --local 'Use the embedded local store in this SQLite file instead of GitHub [env: GH_STORE_LOCAL]'
            cand --api-url 'GitHub REST API root (GHES: https://HOST/api/v3) [env: GH_STORE_API_URL, GITHUB_API_URL, GH_HOST]'
            cand --as 'On the local store, act as this user (default: your OS user name) [env: GH_STORE_USER]'
            cand --max-wait 'Longest total wait for GitHub rate limits before exit 7, e.g. 30s, 5m [env: GH_STORE_MAX_WAIT]'
            cand --schema 'Validate objects against this JSON Schema (adds to the `schemas:` of config files)'
            cand --config 'Read settings from this file instead of ~/.config/gh-store/config.yml [env: GH_STORE_CONFIG]'
            cand --color 'When to use colours [env: NO_COLOR, CLICOLOR_FORCE]'
            cand --write 'Write .github/workflows/gh-store.yml (in the working directory) instead of printing it'
            cand --force 'Replace an existing workflow file'
            cand -v 'Log every HTTP request on stderr (method, path, status, time, rate limit left) [env: GH_STORE_DEBUG]'
            cand --verbose 'Log every HTTP request on stderr (method, path, status, time, rate limit left) [env: GH_STORE_DEBUG]'
            cand -q 'Print nothing on stderr but errors and warnings'
            cand --quiet 'Print nothing on stderr but errors and warnings'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'gh-store;completions'= {
            cand -R 'GitHub repository OWNER/REPO [env: GH_STORE_REPO, GH_REPO, GITHUB_REPOSITORY]'
            cand --repo 'GitHub repository OWNER/REPO [env: GH_STORE_REPO, GH_REPO, GITHUB_REPOSITORY]'
            cand --local 'Use the embedded local store in this SQLite file instead of GitHub [env: GH_STORE_LOCAL]'
            cand --api-url 'GitHub REST API root (GHES: https://HOST/api/v3) [env: GH_STORE_API_URL, GITHUB_API_URL, GH_HOST]'
            cand --as 'On the local store, act as this user (default: your OS user name) [env: GH_STORE_USER]'
            cand --max-wait 'Longest total wait for GitHub rate limits before exit 7, e.g. 30s, 5m [env: GH_STORE_MAX_WAIT]'
            cand --schema 'Validate objects against this JSON Schema (adds to the `schemas:` of config files)'
            cand --config 'Read settings from this file instead of ~/.config/gh-store/config.yml [env: GH_STORE_CONFIG]'
            cand --color 'When to use colours [env: NO_COLOR, CLICOLOR_FORCE]'
            cand -v 'Log every HTTP request on stderr (method, path, status, time, rate limit left) [env: GH_STORE_DEBUG]'
            cand --verbose 'Log every HTTP request on stderr (method, path, status, time, rate limit left) [env: GH_STORE_DEBUG]'
            cand -q 'Print nothing on stderr but errors and warnings'
            cand --quiet 'Print nothing on stderr but errors and warnings'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'gh-store;help'= {
            cand create 'Create an object from a JSON object'
            cand get 'Print an object'
            cand update 'Update an object'
            cand list 'List objects'
            cand history 'Show every comment of an object with its status'
            cand delete 'Delete (archive) an object'
            cand process 'Fold pending updates into objects'
            cand watch 'Follow the store and print one JSON line per change'
            cand serve 'Serve the local store over a GitHub-compatible REST API'
            cand snapshot 'Write every object to a snapshot file'
            cand config 'Show the resolved settings and where each came from'
            cand workflow 'Print (or install) the GitHub Actions workflow that processes updates'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'gh-store;help;create'= {
        }
        &'gh-store;help;get'= {
        }
        &'gh-store;help;update'= {
        }
        &'gh-store;help;list'= {
        }
        &'gh-store;help;history'= {
        }
        &'gh-store;help;delete'= {
        }
        &'gh-store;help;process'= {
        }
        &'gh-store;help;watch'= {
        }
        &'gh-store;help;serve'= {
        }
        &'gh-store;help;snapshot'= {
        }
        &'gh-store;help;config'= {
            cand init 'Write a commented starter config file (never overwrites one without --force)'
        }
        &'gh-store;help;config;init'= {
        }
        &'gh-store;help;workflow'= {
        }
        &'gh-store;help;completions'= {
        }
        &'gh-store;help;help'= {
        }
    ]
    $completions[$command]
}
