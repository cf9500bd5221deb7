# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_gh_store_global_optspecs
    string join \n R/repo= local= api-url= app-id= app-key-file= as= max-wait= jobs= no-cache schema= config= v/verbose color= q/quiet h/help V/version
end

function __fish_gh_store_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_gh_store_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_gh_store_using_subcommand
    set -l cmd (__fish_gh_store_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c gh-store -n "__fish_gh_store_needs_command" -s R -l repo -d 'GitHub repository OWNER/REPO [env: GH_STORE_REPO, GH_REPO, GITHUB_REPOSITORY]' -r -f
complete -c gh-store -n "__fish_gh_store_needs_command" -l local -d 'Use the embedded local store in this SQLite file instead of GitHub [env: GH_STORE_LOCAL]' -r -F
complete -c gh-store -n "__fish_gh_store_needs_command" -l api-url -d 'GitHub REST API root (GHES: https://HOST/api/v3) [env: GH_STORE_API_URL, GITHUB_API_URL, GH_HOST]' -r -f
complete -c gh-store -n "__fish_gh_store_needs_command" -l app-id -d 'Act as this GitHub App (its id or client id); needs --app-key-file or GH_STORE_APP_KEY [env: GH_STORE_APP_ID]' -r -f
complete -c gh-store -n "__fish_gh_store_needs_command" -l app-key-file -d 'The GitHub App\'s private key (PEM) for --app-id [env: GH_STORE_APP_KEY_FILE, GH_STORE_APP_KEY]' -r -F
complete -c gh-store -n "__fish_gh_store_needs_command" -l as -d 'On the local store, act as this user (default: your OS user name) [env: GH_STORE_USER]' -r -f
complete -c gh-store -n "__fish_gh_store_needs_command" -l max-wait -d 'Longest total wait for GitHub rate limits before exit 7, e.g. 30s, 5m [env: GH_STORE_MAX_WAIT]' -r -f
complete -c gh-store -n "__fish_gh_store_needs_command" -l jobs -d 'Pages of a long listing fetched at once (1 to 32; writes are never concurrent) [env: GH_STORE_JOBS]' -r -f
complete -c gh-store -n "__fish_gh_store_needs_command" -l schema -d 'Validate objects against this JSON Schema (adds to the `schemas:` of config files)' -r -F
complete -c gh-store -n "__fish_gh_store_needs_command" -l config -d 'Read settings from this file instead of ~/.config/gh-store/config.yml [env: GH_STORE_CONFIG]' -r -F
complete -c gh-store -n "__fish_gh_store_needs_command" -l color -d 'When to use colours [env: NO_COLOR, CLICOLOR_FORCE]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c gh-store -n "__fish_gh_store_needs_command" -l no-cache -d 'Neither read nor keep the answers cached on disk for revalidation [env: GH_STORE_NO_CACHE]'
complete -c gh-store -n "__fish_gh_store_needs_command" -s v -l verbose -d 'Log every HTTP request on stderr (method, path, status, time, rate limit left) [env: GH_STORE_DEBUG]'
complete -c gh-store -n "__fish_gh_store_needs_command" -s q -l quiet -d 'Print nothing on stderr but errors and warnings'
complete -c gh-store -n "__fish_gh_store_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gh-store -n "__fish_gh_store_needs_command" -s V -l version -d 'Print version'
complete -c gh-store -n "__fish_gh_store_needs_command" -f -a "create" -d 'Create an object from a JSON object'
complete -c gh-store -n "__fish_gh_store_needs_command" -f -a "get" -d 'Print an object'
complete -c gh-store -n "__fish_gh_store_needs_command" -f -a "update" -d 'Update an object'
complete -c gh-store -n "__fish_gh_store_needs_command" -f -a "list" -d 'List objects'
complete -c gh-store -n "__fish_gh_store_needs_command" -f -a "history" -d 'Show every comment of an object with its status'
complete -c gh-store -n "__fish_gh_store_needs_command" -f -a "delete" -d 'Delete (archive) objects'
complete -c gh-store -n "__fish_gh_store_needs_command" -f -a "restore" -d 'Bring an archived (deleted) object back'
complete -c gh-store -n "__fish_gh_store_needs_command" -f -a "alias" -d 'Make an object an alias of another'
complete -c gh-store -n "__fish_gh_store_needs_command" -f -a "dedupe" -d 'Resolve duplicate issues of an object'
complete -c gh-store -n "__fish_gh_store_needs_command" -f -a "process" -d 'Fold pending updates into objects'
complete -c gh-store -n "__fish_gh_store_needs_command" -f -a "watch" -d 'Follow the store and print one JSON line per change'
complete -c gh-store -n "__fish_gh_store_needs_command" -f -a "serve" -d 'Serve the local store over a GitHub-compatible REST API'
complete -c gh-store -n "__fish_gh_store_needs_command" -f -a "snapshot" -d 'Write every object to a snapshot file'
complete -c gh-store -n "__fish_gh_store_needs_command" -f -a "import" -d 'Import objects from a snapshot or NDJSON'
complete -c gh-store -n "__fish_gh_store_needs_command" -f -a "config" -d 'Show the resolved settings and where each came from'
complete -c gh-store -n "__fish_gh_store_needs_command" -f -a "workflow" -d 'Print (or install) the GitHub Actions workflow that processes updates'
complete -c gh-store -n "__fish_gh_store_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c gh-store -n "__fish_gh_store_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c gh-store -n "__fish_gh_store_using_subcommand create" -l label -d 'Also label the object\'s issue with this (repeatable), as the Python client\'s extra_labels; `list --label NAME` then finds it' -r
complete -c gh-store -n "__fish_gh_store_using_subcommand create" -s R -l repo -d 'GitHub repository OWNER/REPO [env: GH_STORE_REPO, GH_REPO, GITHUB_REPOSITORY]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand create" -l local -d 'Use the embedded local store in this SQLite file instead of GitHub [env: GH_STORE_LOCAL]' -r -F
complete -c gh-store -n "__fish_gh_store_using_subcommand create" -l api-url -d 'GitHub REST API root (GHES: https://HOST/api/v3) [env: GH_STORE_API_URL, GITHUB_API_URL, GH_HOST]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand create" -l app-id -d 'Act as this GitHub App (its id or client id); needs --app-key-file or GH_STORE_APP_KEY [env: GH_STORE_APP_ID]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand create" -l app-key-file -d 'The GitHub App\'s private key (PEM) for --app-id [env: GH_STORE_APP_KEY_FILE, GH_STORE_APP_KEY]' -r -F
complete -c gh-store -n "__fish_gh_store_using_subcommand create" -l as -d 'On the local store, act as this user (default: your OS user name) [env: GH_STORE_USER]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand create" -l max-wait -d 'Longest total wait for GitHub rate limits before exit 7, e.g. 30s, 5m [env: GH_STORE_MAX_WAIT]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand create" -l jobs -d 'Pages of a long listing fetched at once (1 to 32; writes are never concurrent) [env: GH_STORE_JOBS]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand create" -l schema -d 'Validate objects against this JSON Schema (adds to the `schemas:` of config files)' -r -F
complete -c gh-store -n "__fish_gh_store_using_subcommand create" -l config -d 'Read settings from this file instead of ~/.config/gh-store/config.yml [env: GH_STORE_CONFIG]' -r -F
complete -c gh-store -n "__fish_gh_store_using_subcommand create" -l color -d 'When to use colours [env: NO_COLOR, CLICOLOR_FORCE]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c gh-store -n "__fish_gh_store_using_subcommand create" -l no-cache -d 'Neither read nor keep the answers cached on disk for revalidation [env: GH_STORE_NO_CACHE]'
complete -c gh-store -n "__fish_gh_store_using_subcommand create" -s v -l verbose -d 'Log every HTTP request on stderr (method, path, status, time, rate limit left) [env: GH_STORE_DEBUG]'
complete -c gh-store -n "__fish_gh_store_using_subcommand create" -s q -l quiet -d 'Print nothing on stderr but errors and warnings'
complete -c gh-store -n "__fish_gh_store_using_subcommand create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gh-store -n "__fish_gh_store_using_subcommand create" -s V -l version -d 'Print version'
complete -c gh-store -n "__fish_gh_store_using_subcommand get" -l at -d 'Rebuild the object as it was at this version, from its history' -r
complete -c gh-store -n "__fish_gh_store_using_subcommand get" -l json -d 'Print only these fields of each object, comma-separated (e.g. object_id,version)' -r
complete -c gh-store -n "__fish_gh_store_using_subcommand get" -l jq -d 'Filter the output through a jq expression; strings print raw (jq need not be installed: it is built in)' -r
complete -c gh-store -n "__fish_gh_store_using_subcommand get" -s R -l repo -d 'GitHub repository OWNER/REPO [env: GH_STORE_REPO, GH_REPO, GITHUB_REPOSITORY]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand get" -l local -d 'Use the embedded local store in this SQLite file instead of GitHub [env: GH_STORE_LOCAL]' -r -F
complete -c gh-store -n "__fish_gh_store_using_subcommand get" -l api-url -d 'GitHub REST API root (GHES: https://HOST/api/v3) [env: GH_STORE_API_URL, GITHUB_API_URL, GH_HOST]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand get" -l app-id -d 'Act as this GitHub App (its id or client id); needs --app-key-file or GH_STORE_APP_KEY [env: GH_STORE_APP_ID]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand get" -l app-key-file -d 'The GitHub App\'s private key (PEM) for --app-id [env: GH_STORE_APP_KEY_FILE, GH_STORE_APP_KEY]' -r -F
complete -c gh-store -n "__fish_gh_store_using_subcommand get" -l as -d 'On the local store, act as this user (default: your OS user name) [env: GH_STORE_USER]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand get" -l max-wait -d 'Longest total wait for GitHub rate limits before exit 7, e.g. 30s, 5m [env: GH_STORE_MAX_WAIT]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand get" -l jobs -d 'Pages of a long listing fetched at once (1 to 32; writes are never concurrent) [env: GH_STORE_JOBS]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand get" -l schema -d 'Validate objects against this JSON Schema (adds to the `schemas:` of config files)' -r -F
complete -c gh-store -n "__fish_gh_store_using_subcommand get" -l config -d 'Read settings from this file instead of ~/.config/gh-store/config.yml [env: GH_STORE_CONFIG]' -r -F
complete -c gh-store -n "__fish_gh_store_using_subcommand get" -l color -d 'When to use colours [env: NO_COLOR, CLICOLOR_FORCE]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c gh-store -n "__fish_gh_store_using_subcommand get" -l data -d 'Print only the data'
complete -c gh-store -n "__fish_gh_store_using_subcommand get" -l no-cache -d 'Neither read nor keep the answers cached on disk for revalidation [env: GH_STORE_NO_CACHE]'
complete -c gh-store -n "__fish_gh_store_using_subcommand get" -s v -l verbose -d 'Log every HTTP request on stderr (method, path, status, time, rate limit left) [env: GH_STORE_DEBUG]'
complete -c gh-store -n "__fish_gh_store_using_subcommand get" -s q -l quiet -d 'Print nothing on stderr but errors and warnings'
complete -c gh-store -n "__fish_gh_store_using_subcommand get" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gh-store -n "__fish_gh_store_using_subcommand get" -s V -l version -d 'Print version'
complete -c gh-store -n "__fish_gh_store_using_subcommand update" -l ndjson -d 'Updates as NDJSON lines from FILE, or `-` (the default) for stdin' -r
complete -c gh-store -n "__fish_gh_store_using_subcommand update" -l mode -d 'How the change applies. Only append is understood by the Python processor' -r -f -a "append\t'deep merge (the Python client\'s)'
merge-patch\t'RFC 7396 merge patch (null deletes)'
json-patch\t'RFC 6902 operations'
replace\t'the change is the whole new document'"
complete -c gh-store -n "__fish_gh_store_using_subcommand update" -l if-version -d 'Apply only if the object is still at this version (compare-and-set); exit 6 otherwise' -r
complete -c gh-store -n "__fish_gh_store_using_subcommand update" -l wait -d 'Queue the update, then wait until the processor has consumed it and print the result; exit 5/6 if rejected, 7 if still pending after TIMEOUT (5m unless given as --wait=2m: with \'=\', since a separate word is the next argument). On the local store, where updates apply at once, it applies at once (unless --queue or `apply: false`)' -r
complete -c gh-store -n "__fish_gh_store_using_subcommand update" -l label -d 'Also add this label to the object\'s issue (repeatable); labels already there stay' -r
complete -c gh-store -n "__fish_gh_store_using_subcommand update" -s R -l repo -d 'GitHub repository OWNER/REPO [env: GH_STORE_REPO, GH_REPO, GITHUB_REPOSITORY]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand update" -l local -d 'Use the embedded local store in this SQLite file instead of GitHub [env: GH_STORE_LOCAL]' -r -F
complete -c gh-store -n "__fish_gh_store_using_subcommand update" -l api-url -d 'GitHub REST API root (GHES: https://HOST/api/v3) [env: GH_STORE_API_URL, GITHUB_API_URL, GH_HOST]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand update" -l app-id -d 'Act as this GitHub App (its id or client id); needs --app-key-file or GH_STORE_APP_KEY [env: GH_STORE_APP_ID]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand update" -l app-key-file -d 'The GitHub App\'s private key (PEM) for --app-id [env: GH_STORE_APP_KEY_FILE, GH_STORE_APP_KEY]' -r -F
complete -c gh-store -n "__fish_gh_store_using_subcommand update" -l as -d 'On the local store, act as this user (default: your OS user name) [env: GH_STORE_USER]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand update" -l max-wait -d 'Longest total wait for GitHub rate limits before exit 7, e.g. 30s, 5m [env: GH_STORE_MAX_WAIT]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand update" -l jobs -d 'Pages of a long listing fetched at once (1 to 32; writes are never concurrent) [env: GH_STORE_JOBS]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand update" -l schema -d 'Validate objects against this JSON Schema (adds to the `schemas:` of config files)' -r -F
complete -c gh-store -n "__fish_gh_store_using_subcommand update" -l config -d 'Read settings from this file instead of ~/.config/gh-store/config.yml [env: GH_STORE_CONFIG]' -r -F
complete -c gh-store -n "__fish_gh_store_using_subcommand update" -l color -d 'When to use colours [env: NO_COLOR, CLICOLOR_FORCE]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c gh-store -n "__fish_gh_store_using_subcommand update" -l apply -d 'Process the update at once instead of queueing it (default on the local store)'
complete -c gh-store -n "__fish_gh_store_using_subcommand update" -l queue -d 'Queue the update for the processor (default on GitHub)'
complete -c gh-store -n "__fish_gh_store_using_subcommand update" -l no-cache -d 'Neither read nor keep the answers cached on disk for revalidation [env: GH_STORE_NO_CACHE]'
complete -c gh-store -n "__fish_gh_store_using_subcommand update" -s v -l verbose -d 'Log every HTTP request on stderr (method, path, status, time, rate limit left) [env: GH_STORE_DEBUG]'
complete -c gh-store -n "__fish_gh_store_using_subcommand update" -s q -l quiet -d 'Print nothing on stderr but errors and warnings'
complete -c gh-store -n "__fish_gh_store_using_subcommand update" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gh-store -n "__fish_gh_store_using_subcommand update" -s V -l version -d 'Print version'
complete -c gh-store -n "__fish_gh_store_using_subcommand list" -l format -d 'Output format' -r -f -a "json\t'A JSON array (pretty on a terminal)'
ndjson\t'One compact JSON object per line'
table\t'A table for people: id, version, state, updated, size'"
complete -c gh-store -n "__fish_gh_store_using_subcommand list" -l state -d 'stable (no pending updates), pending, or all' -r -f -a "stable\t''
pending\t''
all\t''"
complete -c gh-store -n "__fish_gh_store_using_subcommand list" -l since -d 'Only objects updated at or after this time (2025-01-31 or 2025-01-31T12:00:00Z)' -r
complete -c gh-store -n "__fish_gh_store_using_subcommand list" -l label -d 'Only objects carrying this extra label (repeatable: all must match)' -r
complete -c gh-store -n "__fish_gh_store_using_subcommand list" -l limit -d 'At most this many objects' -r
complete -c gh-store -n "__fish_gh_store_using_subcommand list" -l json -d 'Print only these fields of each object, comma-separated (e.g. object_id,version)' -r
complete -c gh-store -n "__fish_gh_store_using_subcommand list" -l jq -d 'Filter the output through a jq expression; strings print raw (jq need not be installed: it is built in)' -r
complete -c gh-store -n "__fish_gh_store_using_subcommand list" -s R -l repo -d 'GitHub repository OWNER/REPO [env: GH_STORE_REPO, GH_REPO, GITHUB_REPOSITORY]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand list" -l local -d 'Use the embedded local store in this SQLite file instead of GitHub [env: GH_STORE_LOCAL]' -r -F
complete -c gh-store -n "__fish_gh_store_using_subcommand list" -l api-url -d 'GitHub REST API root (GHES: https://HOST/api/v3) [env: GH_STORE_API_URL, GITHUB_API_URL, GH_HOST]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand list" -l app-id -d 'Act as this GitHub App (its id or client id); needs --app-key-file or GH_STORE_APP_KEY [env: GH_STORE_APP_ID]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand list" -l app-key-file -d 'The GitHub App\'s private key (PEM) for --app-id [env: GH_STORE_APP_KEY_FILE, GH_STORE_APP_KEY]' -r -F
complete -c gh-store -n "__fish_gh_store_using_subcommand list" -l as -d 'On the local store, act as this user (default: your OS user name) [env: GH_STORE_USER]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand list" -l max-wait -d 'Longest total wait for GitHub rate limits before exit 7, e.g. 30s, 5m [env: GH_STORE_MAX_WAIT]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand list" -l jobs -d 'Pages of a long listing fetched at once (1 to 32; writes are never concurrent) [env: GH_STORE_JOBS]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand list" -l schema -d 'Validate objects against this JSON Schema (adds to the `schemas:` of config files)' -r -F
complete -c gh-store -n "__fish_gh_store_using_subcommand list" -l config -d 'Read settings from this file instead of ~/.config/gh-store/config.yml [env: GH_STORE_CONFIG]' -r -F
complete -c gh-store -n "__fish_gh_store_using_subcommand list" -l color -d 'When to use colours [env: NO_COLOR, CLICOLOR_FORCE]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c gh-store -n "__fish_gh_store_using_subcommand list" -l ndjson -d 'Same as --format ndjson: one object per line'
complete -c gh-store -n "__fish_gh_store_using_subcommand list" -l archived -d 'List archived (deleted) objects and deprecated duplicates (with `merged_into`) instead of live ones'
complete -c gh-store -n "__fish_gh_store_using_subcommand list" -l aliases -d 'List the aliases instead: {alias, target, issue_number}'
complete -c gh-store -n "__fish_gh_store_using_subcommand list" -l keep-going -d 'Print objects whose body cannot be read with their raw body, and exit 0'
complete -c gh-store -n "__fish_gh_store_using_subcommand list" -l no-cache -d 'Neither read nor keep the answers cached on disk for revalidation [env: GH_STORE_NO_CACHE]'
complete -c gh-store -n "__fish_gh_store_using_subcommand list" -s v -l verbose -d 'Log every HTTP request on stderr (method, path, status, time, rate limit left) [env: GH_STORE_DEBUG]'
complete -c gh-store -n "__fish_gh_store_using_subcommand list" -s q -l quiet -d 'Print nothing on stderr but errors and warnings'
complete -c gh-store -n "__fish_gh_store_using_subcommand list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gh-store -n "__fish_gh_store_using_subcommand list" -s V -l version -d 'Print version'
complete -c gh-store -n "__fish_gh_store_using_subcommand history" -l json -d 'Print only these fields of each object, comma-separated (e.g. object_id,version)' -r
complete -c gh-store -n "__fish_gh_store_using_subcommand history" -l jq -d 'Filter the output through a jq expression; strings print raw (jq need not be installed: it is built in)' -r
complete -c gh-store -n "__fish_gh_store_using_subcommand history" -s R -l repo -d 'GitHub repository OWNER/REPO [env: GH_STORE_REPO, GH_REPO, GITHUB_REPOSITORY]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand history" -l local -d 'Use the embedded local store in this SQLite file instead of GitHub [env: GH_STORE_LOCAL]' -r -F
complete -c gh-store -n "__fish_gh_store_using_subcommand history" -l api-url -d 'GitHub REST API root (GHES: https://HOST/api/v3) [env: GH_STORE_API_URL, GITHUB_API_URL, GH_HOST]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand history" -l app-id -d 'Act as this GitHub App (its id or client id); needs --app-key-file or GH_STORE_APP_KEY [env: GH_STORE_APP_ID]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand history" -l app-key-file -d 'The GitHub App\'s private key (PEM) for --app-id [env: GH_STORE_APP_KEY_FILE, GH_STORE_APP_KEY]' -r -F
complete -c gh-store -n "__fish_gh_store_using_subcommand history" -l as -d 'On the local store, act as this user (default: your OS user name) [env: GH_STORE_USER]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand history" -l max-wait -d 'Longest total wait for GitHub rate limits before exit 7, e.g. 30s, 5m [env: GH_STORE_MAX_WAIT]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand history" -l jobs -d 'Pages of a long listing fetched at once (1 to 32; writes are never concurrent) [env: GH_STORE_JOBS]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand history" -l schema -d 'Validate objects against this JSON Schema (adds to the `schemas:` of config files)' -r -F
complete -c gh-store -n "__fish_gh_store_using_subcommand history" -l config -d 'Read settings from this file instead of ~/.config/gh-store/config.yml [env: GH_STORE_CONFIG]' -r -F
complete -c gh-store -n "__fish_gh_store_using_subcommand history" -l color -d 'When to use colours [env: NO_COLOR, CLICOLOR_FORCE]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c gh-store -n "__fish_gh_store_using_subcommand history" -l ndjson -d 'One JSON object per line instead of an array'
complete -c gh-store -n "__fish_gh_store_using_subcommand history" -l diff -d 'Show each applied update as the JSON Patch it caused'
complete -c gh-store -n "__fish_gh_store_using_subcommand history" -l no-cache -d 'Neither read nor keep the answers cached on disk for revalidation [env: GH_STORE_NO_CACHE]'
complete -c gh-store -n "__fish_gh_store_using_subcommand history" -s v -l verbose -d 'Log every HTTP request on stderr (method, path, status, time, rate limit left) [env: GH_STORE_DEBUG]'
complete -c gh-store -n "__fish_gh_store_using_subcommand history" -s q -l quiet -d 'Print nothing on stderr but errors and warnings'
complete -c gh-store -n "__fish_gh_store_using_subcommand history" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gh-store -n "__fish_gh_store_using_subcommand history" -s V -l version -d 'Print version'
complete -c gh-store -n "__fish_gh_store_using_subcommand delete" -s R -l repo -d 'GitHub repository OWNER/REPO [env: GH_STORE_REPO, GH_REPO, GITHUB_REPOSITORY]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand delete" -l local -d 'Use the embedded local store in this SQLite file instead of GitHub [env: GH_STORE_LOCAL]' -r -F
complete -c gh-store -n "__fish_gh_store_using_subcommand delete" -l api-url -d 'GitHub REST API root (GHES: https://HOST/api/v3) [env: GH_STORE_API_URL, GITHUB_API_URL, GH_HOST]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand delete" -l app-id -d 'Act as this GitHub App (its id or client id); needs --app-key-file or GH_STORE_APP_KEY [env: GH_STORE_APP_ID]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand delete" -l app-key-file -d 'The GitHub App\'s private key (PEM) for --app-id [env: GH_STORE_APP_KEY_FILE, GH_STORE_APP_KEY]' -r -F
complete -c gh-store -n "__fish_gh_store_using_subcommand delete" -l as -d 'On the local store, act as this user (default: your OS user name) [env: GH_STORE_USER]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand delete" -l max-wait -d 'Longest total wait for GitHub rate limits before exit 7, e.g. 30s, 5m [env: GH_STORE_MAX_WAIT]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand delete" -l jobs -d 'Pages of a long listing fetched at once (1 to 32; writes are never concurrent) [env: GH_STORE_JOBS]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand delete" -l schema -d 'Validate objects against this JSON Schema (adds to the `schemas:` of config files)' -r -F
complete -c gh-store -n "__fish_gh_store_using_subcommand delete" -l config -d 'Read settings from this file instead of ~/.config/gh-store/config.yml [env: GH_STORE_CONFIG]' -r -F
complete -c gh-store -n "__fish_gh_store_using_subcommand delete" -l color -d 'When to use colours [env: NO_COLOR, CLICOLOR_FORCE]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c gh-store -n "__fish_gh_store_using_subcommand delete" -s y -l yes -d 'Do not ask for confirmation on a terminal'
complete -c gh-store -n "__fish_gh_store_using_subcommand delete" -l dry-run -d 'Say which issues would be archived, and archive nothing'
complete -c gh-store -n "__fish_gh_store_using_subcommand delete" -l no-cache -d 'Neither read nor keep the answers cached on disk for revalidation [env: GH_STORE_NO_CACHE]'
complete -c gh-store -n "__fish_gh_store_using_subcommand delete" -s v -l verbose -d 'Log every HTTP request on stderr (method, path, status, time, rate limit left) [env: GH_STORE_DEBUG]'
complete -c gh-store -n "__fish_gh_store_using_subcommand delete" -s q -l quiet -d 'Print nothing on stderr but errors and warnings'
complete -c gh-store -n "__fish_gh_store_using_subcommand delete" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gh-store -n "__fish_gh_store_using_subcommand delete" -s V -l version -d 'Print version'
complete -c gh-store -n "__fish_gh_store_using_subcommand restore" -s R -l repo -d 'GitHub repository OWNER/REPO [env: GH_STORE_REPO, GH_REPO, GITHUB_REPOSITORY]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand restore" -l local -d 'Use the embedded local store in this SQLite file instead of GitHub [env: GH_STORE_LOCAL]' -r -F
complete -c gh-store -n "__fish_gh_store_using_subcommand restore" -l api-url -d 'GitHub REST API root (GHES: https://HOST/api/v3) [env: GH_STORE_API_URL, GITHUB_API_URL, GH_HOST]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand restore" -l app-id -d 'Act as this GitHub App (its id or client id); needs --app-key-file or GH_STORE_APP_KEY [env: GH_STORE_APP_ID]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand restore" -l app-key-file -d 'The GitHub App\'s private key (PEM) for --app-id [env: GH_STORE_APP_KEY_FILE, GH_STORE_APP_KEY]' -r -F
complete -c gh-store -n "__fish_gh_store_using_subcommand restore" -l as -d 'On the local store, act as this user (default: your OS user name) [env: GH_STORE_USER]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand restore" -l max-wait -d 'Longest total wait for GitHub rate limits before exit 7, e.g. 30s, 5m [env: GH_STORE_MAX_WAIT]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand restore" -l jobs -d 'Pages of a long listing fetched at once (1 to 32; writes are never concurrent) [env: GH_STORE_JOBS]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand restore" -l schema -d 'Validate objects against this JSON Schema (adds to the `schemas:` of config files)' -r -F
complete -c gh-store -n "__fish_gh_store_using_subcommand restore" -l config -d 'Read settings from this file instead of ~/.config/gh-store/config.yml [env: GH_STORE_CONFIG]' -r -F
complete -c gh-store -n "__fish_gh_store_using_subcommand restore" -l color -d 'When to use colours [env: NO_COLOR, CLICOLOR_FORCE]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c gh-store -n "__fish_gh_store_using_subcommand restore" -l no-cache -d 'Neither read nor keep the answers cached on disk for revalidation [env: GH_STORE_NO_CACHE]'
complete -c gh-store -n "__fish_gh_store_using_subcommand restore" -s v -l verbose -d 'Log every HTTP request on stderr (method, path, status, time, rate limit left) [env: GH_STORE_DEBUG]'
complete -c gh-store -n "__fish_gh_store_using_subcommand restore" -s q -l quiet -d 'Print nothing on stderr but errors and warnings'
complete -c gh-store -n "__fish_gh_store_using_subcommand restore" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gh-store -n "__fish_gh_store_using_subcommand restore" -s V -l version -d 'Print version'
complete -c gh-store -n "__fish_gh_store_using_subcommand alias" -s R -l repo -d 'GitHub repository OWNER/REPO [env: GH_STORE_REPO, GH_REPO, GITHUB_REPOSITORY]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand alias" -l local -d 'Use the embedded local store in this SQLite file instead of GitHub [env: GH_STORE_LOCAL]' -r -F
complete -c gh-store -n "__fish_gh_store_using_subcommand alias" -l api-url -d 'GitHub REST API root (GHES: https://HOST/api/v3) [env: GH_STORE_API_URL, GITHUB_API_URL, GH_HOST]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand alias" -l app-id -d 'Act as this GitHub App (its id or client id); needs --app-key-file or GH_STORE_APP_KEY [env: GH_STORE_APP_ID]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand alias" -l app-key-file -d 'The GitHub App\'s private key (PEM) for --app-id [env: GH_STORE_APP_KEY_FILE, GH_STORE_APP_KEY]' -r -F
complete -c gh-store -n "__fish_gh_store_using_subcommand alias" -l as -d 'On the local store, act as this user (default: your OS user name) [env: GH_STORE_USER]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand alias" -l max-wait -d 'Longest total wait for GitHub rate limits before exit 7, e.g. 30s, 5m [env: GH_STORE_MAX_WAIT]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand alias" -l jobs -d 'Pages of a long listing fetched at once (1 to 32; writes are never concurrent) [env: GH_STORE_JOBS]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand alias" -l schema -d 'Validate objects against this JSON Schema (adds to the `schemas:` of config files)' -r -F
complete -c gh-store -n "__fish_gh_store_using_subcommand alias" -l config -d 'Read settings from this file instead of ~/.config/gh-store/config.yml [env: GH_STORE_CONFIG]' -r -F
complete -c gh-store -n "__fish_gh_store_using_subcommand alias" -l color -d 'When to use colours [env: NO_COLOR, CLICOLOR_FORCE]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c gh-store -n "__fish_gh_store_using_subcommand alias" -l remove -d 'Make ALIAS an object of its own again'
complete -c gh-store -n "__fish_gh_store_using_subcommand alias" -l no-cache -d 'Neither read nor keep the answers cached on disk for revalidation [env: GH_STORE_NO_CACHE]'
complete -c gh-store -n "__fish_gh_store_using_subcommand alias" -s v -l verbose -d 'Log every HTTP request on stderr (method, path, status, time, rate limit left) [env: GH_STORE_DEBUG]'
complete -c gh-store -n "__fish_gh_store_using_subcommand alias" -s q -l quiet -d 'Print nothing on stderr but errors and warnings'
complete -c gh-store -n "__fish_gh_store_using_subcommand alias" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gh-store -n "__fish_gh_store_using_subcommand alias" -s V -l version -d 'Print version'
complete -c gh-store -n "__fish_gh_store_using_subcommand dedupe" -s R -l repo -d 'GitHub repository OWNER/REPO [env: GH_STORE_REPO, GH_REPO, GITHUB_REPOSITORY]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand dedupe" -l local -d 'Use the embedded local store in this SQLite file instead of GitHub [env: GH_STORE_LOCAL]' -r -F
complete -c gh-store -n "__fish_gh_store_using_subcommand dedupe" -l api-url -d 'GitHub REST API root (GHES: https://HOST/api/v3) [env: GH_STORE_API_URL, GITHUB_API_URL, GH_HOST]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand dedupe" -l app-id -d 'Act as this GitHub App (its id or client id); needs --app-key-file or GH_STORE_APP_KEY [env: GH_STORE_APP_ID]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand dedupe" -l app-key-file -d 'The GitHub App\'s private key (PEM) for --app-id [env: GH_STORE_APP_KEY_FILE, GH_STORE_APP_KEY]' -r -F
complete -c gh-store -n "__fish_gh_store_using_subcommand dedupe" -l as -d 'On the local store, act as this user (default: your OS user name) [env: GH_STORE_USER]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand dedupe" -l max-wait -d 'Longest total wait for GitHub rate limits before exit 7, e.g. 30s, 5m [env: GH_STORE_MAX_WAIT]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand dedupe" -l jobs -d 'Pages of a long listing fetched at once (1 to 32; writes are never concurrent) [env: GH_STORE_JOBS]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand dedupe" -l schema -d 'Validate objects against this JSON Schema (adds to the `schemas:` of config files)' -r -F
complete -c gh-store -n "__fish_gh_store_using_subcommand dedupe" -l config -d 'Read settings from this file instead of ~/.config/gh-store/config.yml [env: GH_STORE_CONFIG]' -r -F
complete -c gh-store -n "__fish_gh_store_using_subcommand dedupe" -l color -d 'When to use colours [env: NO_COLOR, CLICOLOR_FORCE]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c gh-store -n "__fish_gh_store_using_subcommand dedupe" -l no-cache -d 'Neither read nor keep the answers cached on disk for revalidation [env: GH_STORE_NO_CACHE]'
complete -c gh-store -n "__fish_gh_store_using_subcommand dedupe" -s v -l verbose -d 'Log every HTTP request on stderr (method, path, status, time, rate limit left) [env: GH_STORE_DEBUG]'
complete -c gh-store -n "__fish_gh_store_using_subcommand dedupe" -s q -l quiet -d 'Print nothing on stderr but errors and warnings'
complete -c gh-store -n "__fish_gh_store_using_subcommand dedupe" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gh-store -n "__fish_gh_store_using_subcommand dedupe" -s V -l version -d 'Print version'
complete -c gh-store -n "__fish_gh_store_using_subcommand process" -l issue -d 'Process the object in this issue' -r
complete -c gh-store -n "__fish_gh_store_using_subcommand process" -s R -l repo -d 'GitHub repository OWNER/REPO [env: GH_STORE_REPO, GH_REPO, GITHUB_REPOSITORY]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand process" -l local -d 'Use the embedded local store in this SQLite file instead of GitHub [env: GH_STORE_LOCAL]' -r -F
complete -c gh-store -n "__fish_gh_store_using_subcommand process" -l api-url -d 'GitHub REST API root (GHES: https://HOST/api/v3) [env: GH_STORE_API_URL, GITHUB_API_URL, GH_HOST]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand process" -l app-id -d 'Act as this GitHub App (its id or client id); needs --app-key-file or GH_STORE_APP_KEY [env: GH_STORE_APP_ID]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand process" -l app-key-file -d 'The GitHub App\'s private key (PEM) for --app-id [env: GH_STORE_APP_KEY_FILE, GH_STORE_APP_KEY]' -r -F
complete -c gh-store -n "__fish_gh_store_using_subcommand process" -l as -d 'On the local store, act as this user (default: your OS user name) [env: GH_STORE_USER]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand process" -l max-wait -d 'Longest total wait for GitHub rate limits before exit 7, e.g. 30s, 5m [env: GH_STORE_MAX_WAIT]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand process" -l jobs -d 'Pages of a long listing fetched at once (1 to 32; writes are never concurrent) [env: GH_STORE_JOBS]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand process" -l schema -d 'Validate objects against this JSON Schema (adds to the `schemas:` of config files)' -r -F
complete -c gh-store -n "__fish_gh_store_using_subcommand process" -l config -d 'Read settings from this file instead of ~/.config/gh-store/config.yml [env: GH_STORE_CONFIG]' -r -F
complete -c gh-store -n "__fish_gh_store_using_subcommand process" -l color -d 'When to use colours [env: NO_COLOR, CLICOLOR_FORCE]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c gh-store -n "__fish_gh_store_using_subcommand process" -l all -d 'Process every object with pending updates (objects whose creator the access policy refuses are skipped with a warning)'
complete -c gh-store -n "__fish_gh_store_using_subcommand process" -l no-cache -d 'Neither read nor keep the answers cached on disk for revalidation [env: GH_STORE_NO_CACHE]'
complete -c gh-store -n "__fish_gh_store_using_subcommand process" -s v -l verbose -d 'Log every HTTP request on stderr (method, path, status, time, rate limit left) [env: GH_STORE_DEBUG]'
complete -c gh-store -n "__fish_gh_store_using_subcommand process" -s q -l quiet -d 'Print nothing on stderr but errors and warnings'
complete -c gh-store -n "__fish_gh_store_using_subcommand process" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gh-store -n "__fish_gh_store_using_subcommand process" -s V -l version -d 'Print version'
complete -c gh-store -n "__fish_gh_store_using_subcommand watch" -l interval -d 'Time between polls' -r
complete -c gh-store -n "__fish_gh_store_using_subcommand watch" -l count -d 'Exit after this many events' -r
complete -c gh-store -n "__fish_gh_store_using_subcommand watch" -l timeout -d 'Exit after this long' -r
complete -c gh-store -n "__fish_gh_store_using_subcommand watch" -l json -d 'Print only these fields of each object, comma-separated (e.g. object_id,version)' -r
complete -c gh-store -n "__fish_gh_store_using_subcommand watch" -l jq -d 'Filter the output through a jq expression; strings print raw (jq need not be installed: it is built in)' -r
complete -c gh-store -n "__fish_gh_store_using_subcommand watch" -s R -l repo -d 'GitHub repository OWNER/REPO [env: GH_STORE_REPO, GH_REPO, GITHUB_REPOSITORY]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand watch" -l local -d 'Use the embedded local store in this SQLite file instead of GitHub [env: GH_STORE_LOCAL]' -r -F
complete -c gh-store -n "__fish_gh_store_using_subcommand watch" -l api-url -d 'GitHub REST API root (GHES: https://HOST/api/v3) [env: GH_STORE_API_URL, GITHUB_API_URL, GH_HOST]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand watch" -l app-id -d 'Act as this GitHub App (its id or client id); needs --app-key-file or GH_STORE_APP_KEY [env: GH_STORE_APP_ID]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand watch" -l app-key-file -d 'The GitHub App\'s private key (PEM) for --app-id [env: GH_STORE_APP_KEY_FILE, GH_STORE_APP_KEY]' -r -F
complete -c gh-store -n "__fish_gh_store_using_subcommand watch" -l as -d 'On the local store, act as this user (default: your OS user name) [env: GH_STORE_USER]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand watch" -l max-wait -d 'Longest total wait for GitHub rate limits before exit 7, e.g. 30s, 5m [env: GH_STORE_MAX_WAIT]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand watch" -l jobs -d 'Pages of a long listing fetched at once (1 to 32; writes are never concurrent) [env: GH_STORE_JOBS]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand watch" -l schema -d 'Validate objects against this JSON Schema (adds to the `schemas:` of config files)' -r -F
complete -c gh-store -n "__fish_gh_store_using_subcommand watch" -l config -d 'Read settings from this file instead of ~/.config/gh-store/config.yml [env: GH_STORE_CONFIG]' -r -F
complete -c gh-store -n "__fish_gh_store_using_subcommand watch" -l color -d 'When to use colours [env: NO_COLOR, CLICOLOR_FORCE]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c gh-store -n "__fish_gh_store_using_subcommand watch" -l initial -d 'Emit the current state of the watched objects first'
complete -c gh-store -n "__fish_gh_store_using_subcommand watch" -l process -d 'Process pending objects: those pending at the start, then each as it appears'
complete -c gh-store -n "__fish_gh_store_using_subcommand watch" -l no-cache -d 'Neither read nor keep the answers cached on disk for revalidation [env: GH_STORE_NO_CACHE]'
complete -c gh-store -n "__fish_gh_store_using_subcommand watch" -s v -l verbose -d 'Log every HTTP request on stderr (method, path, status, time, rate limit left) [env: GH_STORE_DEBUG]'
complete -c gh-store -n "__fish_gh_store_using_subcommand watch" -s q -l quiet -d 'Print nothing on stderr but errors and warnings'
complete -c gh-store -n "__fish_gh_store_using_subcommand watch" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gh-store -n "__fish_gh_store_using_subcommand watch" -s V -l version -d 'Print version'
complete -c gh-store -n "__fish_gh_store_using_subcommand serve" -l bind -d 'Address to listen on, HOST:PORT (`localhost:8080`, `0.0.0.0:8080`) or a port alone on 127.0.0.1 (port 0: any free port)' -r
complete -c gh-store -n "__fish_gh_store_using_subcommand serve" -l user -d 'A user and their token, LOGIN:TOKEN (repeatable; the first owns the repository). Without any, every request acts as the owner' -r
complete -c gh-store -n "__fish_gh_store_using_subcommand serve" -l collaborator -d 'Give LOGIN the COLLABORATOR association (repeatable)' -r
complete -c gh-store -n "__fish_gh_store_using_subcommand serve" -l member -d 'Give LOGIN the MEMBER association (repeatable)' -r
complete -c gh-store -n "__fish_gh_store_using_subcommand serve" -l latency -d 'Delay added to every request, like GitHub\'s 100-300 ms (e.g. 100ms, 1s)' -r
complete -c gh-store -n "__fish_gh_store_using_subcommand serve" -l rate-limit -d 'Primary rate limit per user per hour (anonymous callers share GitHub\'s 60, or N if lower)' -r
complete -c gh-store -n "__fish_gh_store_using_subcommand serve" -l secondary-limits -d 'Answer as GitHub does past its secondary limits (403, retry-after), e.g. "80 content/1m, 500 content/1h, 900 points/1m"; off by default' -r
complete -c gh-store -n "__fish_gh_store_using_subcommand serve" -l app -d 'Install a GitHub App: its numeric id and a PEM file with its private key (or its RSA public key), ID:FILE (repeatable)' -r
complete -c gh-store -n "__fish_gh_store_using_subcommand serve" -l api-url -d 'GitHub REST API root (GHES: https://HOST/api/v3) [env: GH_STORE_API_URL, GITHUB_API_URL, GH_HOST]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand serve" -l app-id -d 'Act as this GitHub App (its id or client id); needs --app-key-file or GH_STORE_APP_KEY [env: GH_STORE_APP_ID]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand serve" -l app-key-file -d 'The GitHub App\'s private key (PEM) for --app-id [env: GH_STORE_APP_KEY_FILE, GH_STORE_APP_KEY]' -r -F
complete -c gh-store -n "__fish_gh_store_using_subcommand serve" -l max-wait -d 'Longest total wait for GitHub rate limits before exit 7, e.g. 30s, 5m [env: GH_STORE_MAX_WAIT]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand serve" -l schema -d 'Validate objects against this JSON Schema (adds to the `schemas:` of config files)' -r -F
complete -c gh-store -n "__fish_gh_store_using_subcommand serve" -s R -l repo -d 'GitHub repository OWNER/REPO [env: GH_STORE_REPO, GH_REPO, GITHUB_REPOSITORY]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand serve" -l local -d 'Use the embedded local store in this SQLite file instead of GitHub [env: GH_STORE_LOCAL]' -r -F
complete -c gh-store -n "__fish_gh_store_using_subcommand serve" -l as -d 'On the local store, act as this user (default: your OS user name) [env: GH_STORE_USER]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand serve" -l jobs -d 'Pages of a long listing fetched at once (1 to 32; writes are never concurrent) [env: GH_STORE_JOBS]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand serve" -l config -d 'Read settings from this file instead of ~/.config/gh-store/config.yml [env: GH_STORE_CONFIG]' -r -F
complete -c gh-store -n "__fish_gh_store_using_subcommand serve" -l color -d 'When to use colours [env: NO_COLOR, CLICOLOR_FORCE]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c gh-store -n "__fish_gh_store_using_subcommand serve" -l org -d 'The repository is owned by an organisation (named by -R\'s owner)'
complete -c gh-store -n "__fish_gh_store_using_subcommand serve" -l no-cache -d 'Neither read nor keep the answers cached on disk for revalidation [env: GH_STORE_NO_CACHE]'
complete -c gh-store -n "__fish_gh_store_using_subcommand serve" -s v -l verbose -d 'Log every HTTP request on stderr (method, path, status, time, rate limit left) [env: GH_STORE_DEBUG]'
complete -c gh-store -n "__fish_gh_store_using_subcommand serve" -s q -l quiet -d 'Print nothing on stderr but errors and warnings'
complete -c gh-store -n "__fish_gh_store_using_subcommand serve" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gh-store -n "__fish_gh_store_using_subcommand serve" -s V -l version -d 'Print version'
complete -c gh-store -n "__fish_gh_store_using_subcommand snapshot" -s o -l output -d 'Where to write it; `-` for stdout' -r -F
complete -c gh-store -n "__fish_gh_store_using_subcommand snapshot" -l update -d 'Refresh this existing snapshot instead' -r -F
complete -c gh-store -n "__fish_gh_store_using_subcommand snapshot" -s R -l repo -d 'GitHub repository OWNER/REPO [env: GH_STORE_REPO, GH_REPO, GITHUB_REPOSITORY]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand snapshot" -l local -d 'Use the embedded local store in this SQLite file instead of GitHub [env: GH_STORE_LOCAL]' -r -F
complete -c gh-store -n "__fish_gh_store_using_subcommand snapshot" -l api-url -d 'GitHub REST API root (GHES: https://HOST/api/v3) [env: GH_STORE_API_URL, GITHUB_API_URL, GH_HOST]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand snapshot" -l app-id -d 'Act as this GitHub App (its id or client id); needs --app-key-file or GH_STORE_APP_KEY [env: GH_STORE_APP_ID]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand snapshot" -l app-key-file -d 'The GitHub App\'s private key (PEM) for --app-id [env: GH_STORE_APP_KEY_FILE, GH_STORE_APP_KEY]' -r -F
complete -c gh-store -n "__fish_gh_store_using_subcommand snapshot" -l as -d 'On the local store, act as this user (default: your OS user name) [env: GH_STORE_USER]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand snapshot" -l max-wait -d 'Longest total wait for GitHub rate limits before exit 7, e.g. 30s, 5m [env: GH_STORE_MAX_WAIT]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand snapshot" -l jobs -d 'Pages of a long listing fetched at once (1 to 32; writes are never concurrent) [env: GH_STORE_JOBS]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand snapshot" -l schema -d 'Validate objects against this JSON Schema (adds to the `schemas:` of config files)' -r -F
complete -c gh-store -n "__fish_gh_store_using_subcommand snapshot" -l config -d 'Read settings from this file instead of ~/.config/gh-store/config.yml [env: GH_STORE_CONFIG]' -r -F
complete -c gh-store -n "__fish_gh_store_using_subcommand snapshot" -l color -d 'When to use colours [env: NO_COLOR, CLICOLOR_FORCE]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c gh-store -n "__fish_gh_store_using_subcommand snapshot" -l keep-going -d 'Write objects whose body cannot be read with their raw body, and exit 0'
complete -c gh-store -n "__fish_gh_store_using_subcommand snapshot" -l no-cache -d 'Neither read nor keep the answers cached on disk for revalidation [env: GH_STORE_NO_CACHE]'
complete -c gh-store -n "__fish_gh_store_using_subcommand snapshot" -s v -l verbose -d 'Log every HTTP request on stderr (method, path, status, time, rate limit left) [env: GH_STORE_DEBUG]'
complete -c gh-store -n "__fish_gh_store_using_subcommand snapshot" -s q -l quiet -d 'Print nothing on stderr but errors and warnings'
complete -c gh-store -n "__fish_gh_store_using_subcommand snapshot" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gh-store -n "__fish_gh_store_using_subcommand snapshot" -s V -l version -d 'Print version'
complete -c gh-store -n "__fish_gh_store_using_subcommand import" -l mode -d 'How differing data is written' -r -f -a "replace\t''
append\t''
merge-patch\t''"
complete -c gh-store -n "__fish_gh_store_using_subcommand import" -s R -l repo -d 'GitHub repository OWNER/REPO [env: GH_STORE_REPO, GH_REPO, GITHUB_REPOSITORY]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand import" -l local -d 'Use the embedded local store in this SQLite file instead of GitHub [env: GH_STORE_LOCAL]' -r -F
complete -c gh-store -n "__fish_gh_store_using_subcommand import" -l api-url -d 'GitHub REST API root (GHES: https://HOST/api/v3) [env: GH_STORE_API_URL, GITHUB_API_URL, GH_HOST]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand import" -l app-id -d 'Act as this GitHub App (its id or client id); needs --app-key-file or GH_STORE_APP_KEY [env: GH_STORE_APP_ID]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand import" -l app-key-file -d 'The GitHub App\'s private key (PEM) for --app-id [env: GH_STORE_APP_KEY_FILE, GH_STORE_APP_KEY]' -r -F
complete -c gh-store -n "__fish_gh_store_using_subcommand import" -l as -d 'On the local store, act as this user (default: your OS user name) [env: GH_STORE_USER]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand import" -l max-wait -d 'Longest total wait for GitHub rate limits before exit 7, e.g. 30s, 5m [env: GH_STORE_MAX_WAIT]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand import" -l jobs -d 'Pages of a long listing fetched at once (1 to 32; writes are never concurrent) [env: GH_STORE_JOBS]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand import" -l schema -d 'Validate objects against this JSON Schema (adds to the `schemas:` of config files)' -r -F
complete -c gh-store -n "__fish_gh_store_using_subcommand import" -l config -d 'Read settings from this file instead of ~/.config/gh-store/config.yml [env: GH_STORE_CONFIG]' -r -F
complete -c gh-store -n "__fish_gh_store_using_subcommand import" -l color -d 'When to use colours [env: NO_COLOR, CLICOLOR_FORCE]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c gh-store -n "__fish_gh_store_using_subcommand import" -l dry-run -d 'Print the plan (one line per object) and what it costs, and write nothing'
complete -c gh-store -n "__fish_gh_store_using_subcommand import" -l keep-going -d 'Import the good entries when some are bad (the exit code is still 2)'
complete -c gh-store -n "__fish_gh_store_using_subcommand import" -l include-archived -d 'Create objects whose id was deleted (archived) in the store'
complete -c gh-store -n "__fish_gh_store_using_subcommand import" -l apply -d 'Process updates at once instead of queueing them (default on the local store)'
complete -c gh-store -n "__fish_gh_store_using_subcommand import" -l queue -d 'Queue updates for the processor (default on GitHub)'
complete -c gh-store -n "__fish_gh_store_using_subcommand import" -l no-cache -d 'Neither read nor keep the answers cached on disk for revalidation [env: GH_STORE_NO_CACHE]'
complete -c gh-store -n "__fish_gh_store_using_subcommand import" -s v -l verbose -d 'Log every HTTP request on stderr (method, path, status, time, rate limit left) [env: GH_STORE_DEBUG]'
complete -c gh-store -n "__fish_gh_store_using_subcommand import" -s q -l quiet -d 'Print nothing on stderr but errors and warnings'
complete -c gh-store -n "__fish_gh_store_using_subcommand import" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gh-store -n "__fish_gh_store_using_subcommand import" -s V -l version -d 'Print version'
complete -c gh-store -n "__fish_gh_store_using_subcommand config; and not __fish_seen_subcommand_from init help" -l jq -d 'Filter the JSON through a jq expression (implies --json)' -r
complete -c gh-store -n "__fish_gh_store_using_subcommand config; and not __fish_seen_subcommand_from init help" -s R -l repo -d 'GitHub repository OWNER/REPO [env: GH_STORE_REPO, GH_REPO, GITHUB_REPOSITORY]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand config; and not __fish_seen_subcommand_from init help" -l local -d 'Use the embedded local store in this SQLite file instead of GitHub [env: GH_STORE_LOCAL]' -r -F
complete -c gh-store -n "__fish_gh_store_using_subcommand config; and not __fish_seen_subcommand_from init help" -l api-url -d 'GitHub REST API root (GHES: https://HOST/api/v3) [env: GH_STORE_API_URL, GITHUB_API_URL, GH_HOST]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand config; and not __fish_seen_subcommand_from init help" -l app-id -d 'Act as this GitHub App (its id or client id); needs --app-key-file or GH_STORE_APP_KEY [env: GH_STORE_APP_ID]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand config; and not __fish_seen_subcommand_from init help" -l app-key-file -d 'The GitHub App\'s private key (PEM) for --app-id [env: GH_STORE_APP_KEY_FILE, GH_STORE_APP_KEY]' -r -F
complete -c gh-store -n "__fish_gh_store_using_subcommand config; and not __fish_seen_subcommand_from init help" -l as -d 'On the local store, act as this user (default: your OS user name) [env: GH_STORE_USER]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand config; and not __fish_seen_subcommand_from init help" -l max-wait -d 'Longest total wait for GitHub rate limits before exit 7, e.g. 30s, 5m [env: GH_STORE_MAX_WAIT]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand config; and not __fish_seen_subcommand_from init help" -l jobs -d 'Pages of a long listing fetched at once (1 to 32; writes are never concurrent) [env: GH_STORE_JOBS]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand config; and not __fish_seen_subcommand_from init help" -l schema -d 'Validate objects against this JSON Schema (adds to the `schemas:` of config files)' -r -F
complete -c gh-store -n "__fish_gh_store_using_subcommand config; and not __fish_seen_subcommand_from init help" -l config -d 'Read settings from this file instead of ~/.config/gh-store/config.yml [env: GH_STORE_CONFIG]' -r -F
complete -c gh-store -n "__fish_gh_store_using_subcommand config; and not __fish_seen_subcommand_from init help" -l color -d 'When to use colours [env: NO_COLOR, CLICOLOR_FORCE]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c gh-store -n "__fish_gh_store_using_subcommand config; and not __fish_seen_subcommand_from init help" -l json -d 'Print JSON: {setting: {value, source}}'
complete -c gh-store -n "__fish_gh_store_using_subcommand config; and not __fish_seen_subcommand_from init help" -l no-cache -d 'Neither read nor keep the answers cached on disk for revalidation [env: GH_STORE_NO_CACHE]'
complete -c gh-store -n "__fish_gh_store_using_subcommand config; and not __fish_seen_subcommand_from init help" -s v -l verbose -d 'Log every HTTP request on stderr (method, path, status, time, rate limit left) [env: GH_STORE_DEBUG]'
complete -c gh-store -n "__fish_gh_store_using_subcommand config; and not __fish_seen_subcommand_from init help" -s q -l quiet -d 'Print nothing on stderr but errors and warnings'
complete -c gh-store -n "__fish_gh_store_using_subcommand config; and not __fish_seen_subcommand_from init help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gh-store -n "__fish_gh_store_using_subcommand config; and not __fish_seen_subcommand_from init help" -s V -l version -d 'Print version'
complete -c gh-store -n "__fish_gh_store_using_subcommand config; and not __fish_seen_subcommand_from init help" -f -a "init" -d 'Write a commented starter config file (never overwrites one without --force)'
complete -c gh-store -n "__fish_gh_store_using_subcommand config; and not __fish_seen_subcommand_from init help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c gh-store -n "__fish_gh_store_using_subcommand config; and __fish_seen_subcommand_from init" -s R -l repo -d 'GitHub repository OWNER/REPO [env: GH_STORE_REPO, GH_REPO, GITHUB_REPOSITORY]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand config; and __fish_seen_subcommand_from init" -l local -d 'Use the embedded local store in this SQLite file instead of GitHub [env: GH_STORE_LOCAL]' -r -F
complete -c gh-store -n "__fish_gh_store_using_subcommand config; and __fish_seen_subcommand_from init" -l api-url -d 'GitHub REST API root (GHES: https://HOST/api/v3) [env: GH_STORE_API_URL, GITHUB_API_URL, GH_HOST]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand config; and __fish_seen_subcommand_from init" -l app-id -d 'Act as this GitHub App (its id or client id); needs --app-key-file or GH_STORE_APP_KEY [env: GH_STORE_APP_ID]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand config; and __fish_seen_subcommand_from init" -l app-key-file -d 'The GitHub App\'s private key (PEM) for --app-id [env: GH_STORE_APP_KEY_FILE, GH_STORE_APP_KEY]' -r -F
complete -c gh-store -n "__fish_gh_store_using_subcommand config; and __fish_seen_subcommand_from init" -l as -d 'On the local store, act as this user (default: your OS user name) [env: GH_STORE_USER]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand config; and __fish_seen_subcommand_from init" -l max-wait -d 'Longest total wait for GitHub rate limits before exit 7, e.g. 30s, 5m [env: GH_STORE_MAX_WAIT]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand config; and __fish_seen_subcommand_from init" -l jobs -d 'Pages of a long listing fetched at once (1 to 32; writes are never concurrent) [env: GH_STORE_JOBS]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand config; and __fish_seen_subcommand_from init" -l schema -d 'Validate objects against this JSON Schema (adds to the `schemas:` of config files)' -r -F
complete -c gh-store -n "__fish_gh_store_using_subcommand config; and __fish_seen_subcommand_from init" -l config -d 'Read settings from this file instead of ~/.config/gh-store/config.yml [env: GH_STORE_CONFIG]' -r -F
complete -c gh-store -n "__fish_gh_store_using_subcommand config; and __fish_seen_subcommand_from init" -l color -d 'When to use colours [env: NO_COLOR, CLICOLOR_FORCE]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c gh-store -n "__fish_gh_store_using_subcommand config; and __fish_seen_subcommand_from init" -l project -d 'Write ./.gh-store.yml instead of the user file'
complete -c gh-store -n "__fish_gh_store_using_subcommand config; and __fish_seen_subcommand_from init" -l force -d 'Replace an existing file'
complete -c gh-store -n "__fish_gh_store_using_subcommand config; and __fish_seen_subcommand_from init" -l no-cache -d 'Neither read nor keep the answers cached on disk for revalidation [env: GH_STORE_NO_CACHE]'
complete -c gh-store -n "__fish_gh_store_using_subcommand config; and __fish_seen_subcommand_from init" -s v -l verbose -d 'Log every HTTP request on stderr (method, path, status, time, rate limit left) [env: GH_STORE_DEBUG]'
complete -c gh-store -n "__fish_gh_store_using_subcommand config; and __fish_seen_subcommand_from init" -s q -l quiet -d 'Print nothing on stderr but errors and warnings'
complete -c gh-store -n "__fish_gh_store_using_subcommand config; and __fish_seen_subcommand_from init" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gh-store -n "__fish_gh_store_using_subcommand config; and __fish_seen_subcommand_from init" -s V -l version -d 'Print version'
complete -c gh-store -n "__fish_gh_store_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "init" -d 'Write a commented starter config file (never overwrites one without --force)'
complete -c gh-store -n "__fish_gh_store_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c gh-store -n "__fish_gh_store_using_subcommand workflow" -l install -d 'How the workflow installs gh-store: action, action=OWNER/REPO, cargo or git=URL[@REF]' -r
complete -c gh-store -n "__fish_gh_store_using_subcommand workflow" -s R -l repo -d 'GitHub repository OWNER/REPO [env: GH_STORE_REPO, GH_REPO, GITHUB_REPOSITORY]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand workflow" -l local -d 'Use the embedded local store in this SQLite file instead of GitHub [env: GH_STORE_LOCAL]' -r -F
complete -c gh-store -n "__fish_gh_store_using_subcommand workflow" -l api-url -d 'GitHub REST API root (GHES: https://HOST/api/v3) [env: GH_STORE_API_URL, GITHUB_API_URL, GH_HOST]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand workflow" -l app-id -d 'Act as this GitHub App (its id or client id); needs --app-key-file or GH_STORE_APP_KEY [env: GH_STORE_APP_ID]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand workflow" -l app-key-file -d 'The GitHub App\'s private key (PEM) for --app-id [env: GH_STORE_APP_KEY_FILE, GH_STORE_APP_KEY]' -r -F
complete -c gh-store -n "__fish_gh_store_using_subcommand workflow" -l as -d 'On the local store, act as this user (default: your OS user name) [env: GH_STORE_USER]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand workflow" -l max-wait -d 'Longest total wait for GitHub rate limits before exit 7, e.g. 30s, 5m [env: GH_STORE_MAX_WAIT]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand workflow" -l jobs -d 'Pages of a long listing fetched at once (1 to 32; writes are never concurrent) [env: GH_STORE_JOBS]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand workflow" -l schema -d 'Validate objects against this JSON Schema (adds to the `schemas:` of config files)' -r -F
complete -c gh-store -n "__fish_gh_store_using_subcommand workflow" -l config -d 'Read settings from this file instead of ~/.config/gh-store/config.yml [env: GH_STORE_CONFIG]' -r -F
complete -c gh-store -n "__fish_gh_store_using_subcommand workflow" -l color -d 'When to use colours [env: NO_COLOR, CLICOLOR_FORCE]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c gh-store -n "__fish_gh_store_using_subcommand workflow" -l write -d 'Write .github/workflows/gh-store.yml at the root of the git repository holding the working directory instead of printing it (refused outside a git repository)'
complete -c gh-store -n "__fish_gh_store_using_subcommand workflow" -l force -d 'Replace an existing workflow file'
complete -c gh-store -n "__fish_gh_store_using_subcommand workflow" -l no-cache -d 'Neither read nor keep the answers cached on disk for revalidation [env: GH_STORE_NO_CACHE]'
complete -c gh-store -n "__fish_gh_store_using_subcommand workflow" -s v -l verbose -d 'Log every HTTP request on stderr (method, path, status, time, rate limit left) [env: GH_STORE_DEBUG]'
complete -c gh-store -n "__fish_gh_store_using_subcommand workflow" -s q -l quiet -d 'Print nothing on stderr but errors and warnings'
complete -c gh-store -n "__fish_gh_store_using_subcommand workflow" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gh-store -n "__fish_gh_store_using_subcommand workflow" -s V -l version -d 'Print version'
complete -c gh-store -n "__fish_gh_store_using_subcommand completions" -s R -l repo -d 'GitHub repository OWNER/REPO [env: GH_STORE_REPO, GH_REPO, GITHUB_REPOSITORY]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand completions" -l local -d 'Use the embedded local store in this SQLite file instead of GitHub [env: GH_STORE_LOCAL]' -r -F
complete -c gh-store -n "__fish_gh_store_using_subcommand completions" -l api-url -d 'GitHub REST API root (GHES: https://HOST/api/v3) [env: GH_STORE_API_URL, GITHUB_API_URL, GH_HOST]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand completions" -l app-id -d 'Act as this GitHub App (its id or client id); needs --app-key-file or GH_STORE_APP_KEY [env: GH_STORE_APP_ID]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand completions" -l app-key-file -d 'The GitHub App\'s private key (PEM) for --app-id [env: GH_STORE_APP_KEY_FILE, GH_STORE_APP_KEY]' -r -F
complete -c gh-store -n "__fish_gh_store_using_subcommand completions" -l as -d 'On the local store, act as this user (default: your OS user name) [env: GH_STORE_USER]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand completions" -l max-wait -d 'Longest total wait for GitHub rate limits before exit 7, e.g. 30s, 5m [env: GH_STORE_MAX_WAIT]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand completions" -l jobs -d 'Pages of a long listing fetched at once (1 to 32; writes are never concurrent) [env: GH_STORE_JOBS]' -r -f
complete -c gh-store -n "__fish_gh_store_using_subcommand completions" -l schema -d 'Validate objects against this JSON Schema (adds to the `schemas:` of config files)' -r -F
complete -c gh-store -n "__fish_gh_store_using_subcommand completions" -l config -d 'Read settings from this file instead of ~/.config/gh-store/config.yml [env: GH_STORE_CONFIG]' -r -F
complete -c gh-store -n "__fish_gh_store_using_subcommand completions" -l color -d 'When to use colours [env: NO_COLOR, CLICOLOR_FORCE]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c gh-store -n "__fish_gh_store_using_subcommand completions" -l no-cache -d 'Neither read nor keep the answers cached on disk for revalidation [env: GH_STORE_NO_CACHE]'
complete -c gh-store -n "__fish_gh_store_using_subcommand completions" -s v -l verbose -d 'Log every HTTP request on stderr (method, path, status, time, rate limit left) [env: GH_STORE_DEBUG]'
complete -c gh-store -n "__fish_gh_store_using_subcommand completions" -s q -l quiet -d 'Print nothing on stderr but errors and warnings'
complete -c gh-store -n "__fish_gh_store_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gh-store -n "__fish_gh_store_using_subcommand completions" -s V -l version -d 'Print version'
complete -c gh-store -n "__fish_gh_store_using_subcommand help; and not __fish_seen_subcommand_from create get update list history delete restore alias dedupe process watch serve snapshot import config workflow completions help" -f -a "create" -d 'Create an object from a JSON object'
complete -c gh-store -n "__fish_gh_store_using_subcommand help; and not __fish_seen_subcommand_from create get update list history delete restore alias dedupe process watch serve snapshot import config workflow completions help" -f -a "get" -d 'Print an object'
complete -c gh-store -n "__fish_gh_store_using_subcommand help; and not __fish_seen_subcommand_from create get update list history delete restore alias dedupe process watch serve snapshot import config workflow completions help" -f -a "update" -d 'Update an object'
complete -c gh-store -n "__fish_gh_store_using_subcommand help; and not __fish_seen_subcommand_from create get update list history delete restore alias dedupe process watch serve snapshot import config workflow completions help" -f -a "list" -d 'List objects'
complete -c gh-store -n "__fish_gh_store_using_subcommand help; and not __fish_seen_subcommand_from create get update list history delete restore alias dedupe process watch serve snapshot import config workflow completions help" -f -a "history" -d 'Show every comment of an object with its status'
complete -c gh-store -n "__fish_gh_store_using_subcommand help; and not __fish_seen_subcommand_from create get update list history delete restore alias dedupe process watch serve snapshot import config workflow completions help" -f -a "delete" -d 'Delete (archive) objects'
complete -c gh-store -n "__fish_gh_store_using_subcommand help; and not __fish_seen_subcommand_from create get update list history delete restore alias dedupe process watch serve snapshot import config workflow completions help" -f -a "restore" -d 'Bring an archived (deleted) object back'
complete -c gh-store -n "__fish_gh_store_using_subcommand help; and not __fish_seen_subcommand_from create get update list history delete restore alias dedupe process watch serve snapshot import config workflow completions help" -f -a "alias" -d 'Make an object an alias of another'
complete -c gh-store -n "__fish_gh_store_using_subcommand help; and not __fish_seen_subcommand_from create get update list history delete restore alias dedupe process watch serve snapshot import config workflow completions help" -f -a "dedupe" -d 'Resolve duplicate issues of an object'
complete -c gh-store -n "__fish_gh_store_using_subcommand help; and not __fish_seen_subcommand_from create get update list history delete restore alias dedupe process watch serve snapshot import config workflow completions help" -f -a "process" -d 'Fold pending updates into objects'
complete -c gh-store -n "__fish_gh_store_using_subcommand help; and not __fish_seen_subcommand_from create get update list history delete restore alias dedupe process watch serve snapshot import config workflow completions help" -f -a "watch" -d 'Follow the store and print one JSON line per change'
complete -c gh-store -n "__fish_gh_store_using_subcommand help; and not __fish_seen_subcommand_from create get update list history delete restore alias dedupe process watch serve snapshot import config workflow completions help" -f -a "serve" -d 'Serve the local store over a GitHub-compatible REST API'
complete -c gh-store -n "__fish_gh_store_using_subcommand help; and not __fish_seen_subcommand_from create get update list history delete restore alias dedupe process watch serve snapshot import config workflow completions help" -f -a "snapshot" -d 'Write every object to a snapshot file'
complete -c gh-store -n "__fish_gh_store_using_subcommand help; and not __fish_seen_subcommand_from create get update list history delete restore alias dedupe process watch serve snapshot import config workflow completions help" -f -a "import" -d 'Import objects from a snapshot or NDJSON'
complete -c gh-store -n "__fish_gh_store_using_subcommand help; and not __fish_seen_subcommand_from create get update list history delete restore alias dedupe process watch serve snapshot import config workflow completions help" -f -a "config" -d 'Show the resolved settings and where each came from'
complete -c gh-store -n "__fish_gh_store_using_subcommand help; and not __fish_seen_subcommand_from create get update list history delete restore alias dedupe process watch serve snapshot import config workflow completions help" -f -a "workflow" -d 'Print (or install) the GitHub Actions workflow that processes updates'
complete -c gh-store -n "__fish_gh_store_using_subcommand help; and not __fish_seen_subcommand_from create get update list history delete restore alias dedupe process watch serve snapshot import config workflow completions help" -f -a "completions" -d 'Print a shell completion script'
complete -c gh-store -n "__fish_gh_store_using_subcommand help; and not __fish_seen_subcommand_from create get update list history delete restore alias dedupe process watch serve snapshot import config workflow completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c gh-store -n "__fish_gh_store_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "init" -d 'Write a commented starter config file (never overwrites one without --force)'
