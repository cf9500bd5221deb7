//! Every setting, described once. The global flags, their help, the resolution with
//! provenance, the rows of `gh-store config`, the keys config files may hold and the
//! starter file of `config init` are all derived from these descriptions.
//!
//! Adding a setting is one entry here (and one line in [`ALL`]), e.g.
//!
//! ```text
//! pub static JOBS: Setting<u32> = Setting::new("jobs", parse_count, show_number)
//!     .flag(Flag::value("--jobs", "N", "Requests in flight at once"))
//!     .env(&[Env::var("GH_STORE_JOBS")])
//!     .file(FileValue::Scalar)
//!     .default(|_| Ok(4))
//!     .starter("How many requests to keep in flight at once.", "4");
//! ```
//!
//! and the code that needs it reads `ctx.settings.get(&JOBS).value`.

use std::path::PathBuf;
use std::time::Duration;

use serde_json::{json, Value};

use super::environment::{
    api_url_for_host, clone_repository, default_local_path, gh_cli_token, is_github_com, os_user,
    os_user_variable, user_file_path,
};
use super::setting::{Describe, Env, FileValue, Flag, Row, Setting};
use super::values::{
    parse_app_id, parse_bool, parse_path, parse_repo, parse_text, yaml_associations, yaml_bool,
    yaml_json, yaml_path, yaml_schema_rules, yaml_strings, AppKey, Repo,
};
use super::{Backend, Origin, Sourced, DEFAULT_API_URL};
use crate::duration::{parse_duration, show_duration};
use crate::error::Error;
use crate::store::AccessPolicy;
use crate::tracker::github::{redact_userinfo, Token, DEFAULT_JOBS};
use crate::tracker::local::is_valid_login;
use crate::tracker::pacing::SecondaryLimits;
use crate::tracker::{AuthorAssociation, ReactionContent};

/// Every setting, in the order `gh-store config` shows them and `--help` lists the flags.
pub static ALL: &[&dyn Describe] = &[
    &BACKEND,
    &REPO,
    &CLONE,
    &LOCAL,
    &API_URL,
    &TOKEN,
    &APP_ID,
    &APP_KEY,
    &USER,
    &MAX_WAIT,
    &HTTP_TIMEOUT,
    &SECONDARY_LIMITS,
    &JOBS,
    &NO_CACHE,
    &APPLY,
    &SCHEMAS,
    &ASSOCIATIONS,
    &CODEOWNERS,
    &ALLOW,
    &USER_FILE,
    &FILES,
    &VERBOSE,
    &BASE_LABEL,
    &UID_PREFIX,
    &PROCESSED,
    &INITIAL_STATE,
    &RETRIES,
    &RATE_LIMIT,
    &LOG_LEVEL,
    &LOG_FORMAT,
];

/// Sections of config files, with the starter file's comment for each.
pub static SECTIONS: &[(&str, &str)] = &[
    (
        "app",
        "A GitHub App to act as instead of a token (its installation token is used).",
    ),
    ("access", "Who may create objects and post updates."),
    (
        "store",
        "The Python gh-store's section, read by both tools: every processor of a repository\n\
         must use the same reactions.",
    ),
];

/// Which tracker the commands talk to: the more specific of `local` and `repo`, the local
/// store at equal precedence, the default local store with neither.
pub static BACKEND: Setting<Backend> =
    Setting::new("backend", derived, |b: &Backend| json!(b.as_str())).custom(|r| {
        let local = r.get(&LOCAL)?;
        let repo = r.get(&REPO)?;
        let given = local.origin != Origin::Default;
        Ok(match (given, &repo.value) {
            (true, Some(_)) if local.origin.rank() >= repo.origin.rank() => {
                Sourced::new(Backend::Local, local.origin.clone())
            }
            (_, Some(_)) => Sourced::new(Backend::GitHub, repo.origin.clone()),
            (true, None) => Sourced::new(Backend::Local, local.origin.clone()),
            (false, None) => Sourced::new(Backend::Local, Origin::Default),
        })
    });

/// The GitHub repository of the clone gh-store runs in. Not used as the store unasked (a
/// clone's issues are its project's, not a place to write objects by surprise): with no
/// store configured, a note says how to use it (see `Context`). Looked for only then: every
/// command resolves every setting, and a chosen store needs no walk up the directories.
pub static CLONE: Setting<Option<String>> = Setting::new("clone", derived, |repo| json!(repo))
    .custom(|r| {
        let repo = match r.get(&BACKEND)?.origin {
            Origin::Default => clone_repository(&r.env.cwd, r.env),
            _ => None,
        };
        Ok(Sourced::new(repo, Origin::Default))
    });

pub static REPO: Setting<Option<Repo>> = Setting::new(
    "repo",
    |text| parse_repo(text).map(Some),
    |repo| json!(repo.as_ref().map(Repo::full_name)),
)
.flag(Flag::value("--repo", "OWNER/REPO", "GitHub repository OWNER/REPO").short('R'))
.env(&[
    Env::var("GH_STORE_REPO"),
    Env::var("GH_REPO"),
    Env::var("GITHUB_REPOSITORY"),
])
.file(FileValue::Text)
.default(|_| Ok(None))
.starter(
    "The GitHub repository that holds the objects (OWNER/REPO). Without it, and without\n\
     `local`, gh-store uses its embedded local store.",
    "octo-org/settings",
);

/// The local store's file: also with GitHub as the backend, it is the file `serve` serves.
pub static LOCAL: Setting<PathBuf> = Setting::new("local", parse_path, |path| {
    json!(path.display().to_string())
})
.flag(
    Flag::value(
        "--local",
        "PATH",
        "Use the embedded local store in this SQLite file instead of GitHub",
    )
    .path(),
)
.env(&[Env::var("GH_STORE_LOCAL")])
.file(FileValue::Yaml(yaml_path))
.default(|r| Ok(default_local_path(r.env)))
.starter(
    "The embedded local store: a SQLite file (relative to this file). Takes precedence over\n\
     `repo` when both are set in the same place.",
    "store.db",
);

/// Checked when the tracker is made (an invalid URL exits 2 there); shown without the
/// password of its user-info.
pub static API_URL: Setting<String> = Setting::new(
    "api_url",
    |text| Ok(text.trim_end_matches('/').to_string()),
    |url| json!(redact_userinfo(url)),
)
.flag(Flag::value(
    "--api-url",
    "URL",
    "GitHub REST API root (GHES: https://HOST/api/v3)",
))
.env(&[
    Env::var("GH_STORE_API_URL"),
    Env::var("GITHUB_API_URL"),
    Env::mapped("GH_HOST", api_url_for_host),
])
// `-R HOST/OWNER/REPO` (or GH_REPO, or `repo:`) names the host too.
.fallback(|r| {
    let repo = r.get(&REPO)?;
    let host = repo.value.as_ref().and_then(|r| r.host.as_deref());
    Ok(host.map(|host| {
        Sourced::new(
            api_url_for_host(host),
            Origin::HostOf(Box::new(repo.origin.clone())),
        )
    }))
})
.file(FileValue::Text)
.default(|_| Ok(DEFAULT_API_URL.to_string()))
.starter(
    "REST API root: https://api.github.com, https://HOST/api/v3 for GitHub Enterprise Server,\n\
     or the URL `gh-store serve` prints.",
    "https://api.github.com",
);

/// Never on the command line; the variables depend on the API URL (GitHub Enterprise has
/// its own), and `gh auth token` is asked last, for GitHub only.
pub static TOKEN: Setting<Option<Token>> = Setting::new(
    "token",
    |text| Ok(Some(Token::new(text))),
    |token| json!(token.as_ref().map(|_| "<set, not shown>")),
)
.env(&[
    Env::var("GH_STORE_TOKEN"),
    Env::var("GH_ENTERPRISE_TOKEN"),
    Env::var("GITHUB_ENTERPRISE_TOKEN"),
    Env::var("GH_TOKEN"),
    Env::var("GITHUB_TOKEN"),
])
.file(FileValue::Text)
.secret()
.custom(|r| {
    let api_url = r.get(&API_URL)?;
    let enterprise = !is_github_com(&api_url.value);
    let from_env = TOKEN
        .env
        .iter()
        .filter(|env| enterprise || !env.name.contains("ENTERPRISE"))
        .find_map(|env| r.env.var(env.name).map(|token| (token, env.name)));
    if let Some((token, name)) = from_env {
        return Ok(Sourced::new(Some(Token::new(token)), Origin::Env(name)));
    }
    for (file, origin) in r.layers() {
        if let Some(token) = TOKEN.read_file(file)? {
            return Ok(Sourced::new(token, origin.clone()));
        }
    }
    if r.get(&BACKEND)?.value == Backend::GitHub {
        if let Some(token) = gh_cli_token(&api_url.value) {
            return Ok(Sourced::new(Some(token.value), token.origin));
        }
    }
    Ok(Sourced::new(None, Origin::Default))
})
.starter(
    "Prefer GH_TOKEN or GITHUB_TOKEN (or `gh auth login`) to a token in a file. If you do put\n\
     one here, make the file readable only by you (chmod 600).",
    "ghp_...",
);

/// A GitHub App to act as: with its id and key, gh-store trades a JSON web token for an
/// installation token of the repository and uses that instead of [`TOKEN`].
pub static APP_ID: Setting<Option<String>> = Setting::new("app.id", parse_app_id, |id| json!(id))
    .flag(Flag::value(
        "--app-id",
        "ID",
        "Act as this GitHub App (its id or client id); needs --app-key-file or GH_STORE_APP_KEY",
    ))
    .env(&[Env::var("GH_STORE_APP_ID")])
    .file(FileValue::Scalar)
    .default(|_| Ok(None))
    .starter("The App's id (or client id).", "123456");

/// The App's private key: a file (flag, variable, config file), or the PEM itself in
/// `GH_STORE_APP_KEY` (how an Actions secret arrives). Never the key on the command line.
pub static APP_KEY: Setting<Option<AppKey>> = Setting::new(
    "app.key_file",
    |path| Ok(Some(AppKey::File(PathBuf::from(path)))),
    |key| match key {
        Some(AppKey::File(path)) => json!(path.display().to_string()),
        Some(AppKey::Pem(_)) => json!("<PEM from the environment, not shown>"),
        None => Value::Null,
    },
)
.flag(
    Flag::value(
        "--app-key-file",
        "PATH",
        "The GitHub App's private key (PEM) for --app-id",
    )
    .path(),
)
.env(&[
    Env::var("GH_STORE_APP_KEY_FILE"),
    Env::var("GH_STORE_APP_KEY"),
])
.file(FileValue::Yaml(|yaml, dir| {
    yaml_path(yaml, dir).map(|path| Some(AppKey::File(path)))
}))
.custom(|r| {
    if let Some(path) = r.flags.get(APP_KEY.key) {
        let key = AppKey::File(PathBuf::from(path));
        return Ok(Sourced::new(Some(key), Origin::Flag("--app-key-file")));
    }
    if let Some(path) = r.env.var("GH_STORE_APP_KEY_FILE") {
        let key = AppKey::File(PathBuf::from(path));
        return Ok(Sourced::new(
            Some(key),
            Origin::Env("GH_STORE_APP_KEY_FILE"),
        ));
    }
    if let Some(pem) = r.env.var("GH_STORE_APP_KEY") {
        let key = AppKey::Pem(Token::new(pem));
        return Ok(Sourced::new(Some(key), Origin::Env("GH_STORE_APP_KEY")));
    }
    for (file, origin) in r.layers() {
        if let Some(key) = APP_KEY.read_file(file)? {
            return Ok(Sourced::new(key, origin.clone()));
        }
    }
    Ok(Sourced::new(None, Origin::Default))
})
// Half an App is a mistake to report, not a reason to fall back to a token silently.
.check(|r, key| {
    let id = r.get(&APP_ID)?;
    match (&id.value, &key.value) {
        (Some(_), None) => Err(Error::usage(format!(
            "a GitHub App id is set (from {}) but no private key",
            id.origin
        ))
        .with_hint("pass --app-key-file PATH, or set GH_STORE_APP_KEY_FILE or GH_STORE_APP_KEY")),
        (None, Some(_)) => Err(Error::usage(format!(
            "a GitHub App private key is set (from {}) but no App id",
            key.origin
        ))
        .with_hint("pass --app-id ID, or set GH_STORE_APP_ID")),
        _ => Ok(()),
    }
})
.starter(
    "The App's private key, a PEM file (relative to this file); or GH_STORE_APP_KEY_FILE, or\n\
     the PEM itself in GH_STORE_APP_KEY. Keep the file readable only by you.",
    "gh-store-app.pem",
);

/// The acting user on the local store. A login the user gave is checked wherever it came
/// from; the OS user name only where it acts (on GitHub it is no concern).
pub static USER: Setting<String> = Setting::new("user", parse_text, |user| json!(user))
    .flag(Flag::value(
        "--as",
        "LOGIN",
        "On the local store, act as this user (default: your OS user name)",
    ))
    .env(&[Env::var("GH_STORE_USER")])
    .file(FileValue::Text)
    .default(|r| Ok(os_user(r.env)))
    .default_from(|r| os_user_variable(r.env))
    .check(|r, user| {
        let given = !matches!(user.origin, Origin::Default | Origin::DefaultFrom(_));
        let acts = given || r.get(&BACKEND)?.value == Backend::Local;
        if acts && !is_valid_login(&user.value) {
            return Err(Error::usage(format!(
                "invalid user {:?} from {}: a login is not empty and has no '/' or white space",
                user.value, user.origin
            ))
            .with_hint("on the local store, --as LOGIN (or GH_STORE_USER) names the acting user"));
        }
        Ok(())
    })
    .starter(
        "On the local store, the user gh-store acts as (default: your OS user name).",
        "alice",
    );

pub static MAX_WAIT: Setting<Duration> = Setting::new("max_wait", parse_duration, |wait| {
    json!(show_duration(*wait))
})
.flag(Flag::value(
    "--max-wait",
    "DURATION",
    "Longest total wait for GitHub rate limits before exit 7, e.g. 30s, 5m",
))
.env(&[Env::var("GH_STORE_MAX_WAIT")])
.file(FileValue::Scalar)
.default(|_| Ok(Duration::from_secs(300)))
.starter(
    "How long to wait in total for GitHub's rate limits before giving up (exit 7).",
    "5m",
);

/// Pacing, not retrying, keeps bulk commands clear of GitHub's secondary limits; GitHub
/// Enterprise Server sets its own (none by default).
pub static SECONDARY_LIMITS: Setting<SecondaryLimits> =
    Setting::new("secondary_limits", SecondaryLimits::parse, |limits| {
        json!(limits.to_string())
    })
    .env(&[Env::var("GH_STORE_SECONDARY_LIMITS")])
    .file(FileValue::Scalar)
    .default(|_| Ok(SecondaryLimits::github()))
    .starter(
        "GitHub's secondary rate limits, which requests are paced within (\"off\" for a \
         GitHub Enterprise Server without them).",
        "80 content/1m, 500 content/1h, 900 points/1m",
    );

/// Reads only: writes go one at a time, as GitHub asks.
pub static JOBS: Setting<usize> = Setting::new("jobs", parse_jobs, |jobs| json!(jobs))
    .flag(Flag::value(
        "--jobs",
        "N",
        "Pages of a long listing fetched at once (1 to 32; writes are never concurrent)",
    ))
    .env(&[Env::var("GH_STORE_JOBS")])
    .file(FileValue::Scalar)
    .default(|_| Ok(DEFAULT_JOBS))
    .starter(
        "How many pages of a long listing (list, snapshot, process --all) to fetch at once.",
        "8",
    );

fn parse_jobs(text: &str) -> Result<usize, String> {
    match text.trim().parse::<usize>() {
        Ok(jobs @ 1..=32) => Ok(jobs),
        _ => Err("expected a number of requests from 1 to 32".into()),
    }
}

/// The conditional-request cache in the user's cache directory (GitHub only).
pub static NO_CACHE: Setting<bool> = Setting::new("no_cache", parse_bool, |off| json!(off))
    .flag(Flag::switch(
        "--no-cache",
        "Neither read nor keep the answers cached on disk for revalidation",
    ))
    .env(&[Env::var("GH_STORE_NO_CACHE")])
    .file(FileValue::Yaml(yaml_bool))
    .default(|_| Ok(false))
    .starter(
        "Do not keep GitHub's answers on disk to revalidate them (304 Not Modified does not \
             count against the rate limit).",
        "true",
    );

/// No Actions runner processes a local store: there, updates apply at once by default.
pub static APPLY: Setting<bool> = Setting::new("apply", parse_bool, |apply| json!(apply))
    .env(&[Env::var("GH_STORE_APPLY")])
    .file(FileValue::Yaml(yaml_bool))
    .default(|r| Ok(r.get(&BACKEND)?.value == Backend::Local))
    .starter(
        "Apply updates at once instead of leaving them to the processor (default: at once on the\n\
         local store, queued on GitHub).",
        "false",
    );

/// How long one request may take before it counts as unanswered (no flag: rarely changed,
/// and tests shorten it).
pub static HTTP_TIMEOUT: Setting<Duration> =
    Setting::new("http_timeout", parse_duration, |timeout| {
        json!(show_duration(*timeout))
    })
    .env(&[Env::var("GH_STORE_HTTP_TIMEOUT")])
    .file(FileValue::Scalar)
    .default(|_| Ok(Duration::from_secs(30)))
    .starter(
        "How long to wait for GitHub to answer one request (asked twice) before giving up.",
        "30s",
    );

/// `(pattern, file)` rules, first match wins: `--schema`'s, then every file's (project
/// first), each with its own origin.
pub static SCHEMAS: Setting<Vec<Sourced<(String, PathBuf)>>> = Setting::new(
    "schemas",
    |file| {
        Ok(vec![Sourced::new(
            ("*".to_string(), PathBuf::from(file)),
            Origin::Default,
        )])
    },
    |_| Value::Null,
)
.flag(
    Flag::value(
        "--schema",
        "FILE",
        "Validate objects against this JSON Schema (adds to the `schemas:` of config files)",
    )
    .path(),
)
.file(FileValue::Yaml(|yaml, dir| {
    let rules = yaml_schema_rules(yaml, dir)?;
    Ok(rules
        .into_iter()
        .map(|rule| Sourced::new(rule, Origin::Default))
        .collect())
}))
.custom(|r| {
    let mut rules = Vec::new();
    if let Some(file) = r.flags.get(SCHEMAS.key) {
        rules.push(Sourced::new(
            ("*".to_string(), PathBuf::from(file)),
            Origin::Flag("--schema"),
        ));
    }
    for (file, origin) in r.layers() {
        for rule in SCHEMAS.read_file(file)?.unwrap_or_default() {
            rules.push(Sourced::new(rule.value, origin.clone()));
        }
    }
    Ok(Sourced::new(rules, Origin::Default))
})
.rows(|rules| {
    if rules.value.is_empty() {
        return vec![Row::new("schemas", json!([]), Origin::Default)];
    }
    rules
        .value
        .iter()
        .map(|rule| {
            let (pattern, file) = &rule.value;
            Row::new(
                format!("schemas.{pattern}"),
                json!(file.display().to_string()),
                &rule.origin,
            )
        })
        .collect()
})
.starter(
    "JSON Schemas by object-id pattern (* and ?); paths relative to this file.",
    "\n  \"cfg-*\": schemas/cfg.json",
);

pub static ASSOCIATIONS: Setting<Vec<AuthorAssociation>> = Setting::new(
    "access.associations",
    derived,
    |associations: &Vec<AuthorAssociation>| {
        json!(associations.iter().map(|a| a.as_str()).collect::<Vec<_>>())
    },
)
.file(FileValue::Yaml(yaml_associations))
.default(|_| Ok(AccessPolicy::default().associations))
.hint(
    "use OWNER, MEMBER, COLLABORATOR, CONTRIBUTOR, FIRST_TIMER, FIRST_TIME_CONTRIBUTOR, \
         MANNEQUIN or NONE",
)
.starter("", "[OWNER, MEMBER, COLLABORATOR]");

pub static CODEOWNERS: Setting<bool> =
    Setting::new("access.codeowners", derived, |codeowners| json!(codeowners))
        .file(FileValue::Yaml(yaml_bool))
        .default(|_| Ok(true))
        .starter("", "true");

pub static ALLOW: Setting<Vec<String>> =
    Setting::new("access.allow", derived, |allow| json!(allow))
        .file(FileValue::Yaml(yaml_strings))
        .default(|_| Ok(Vec::new()))
        .starter("", "[\"github-actions[bot]\"]");

/// The user config file to read: `--config`, `GH_STORE_CONFIG` (both must exist), else the
/// default location if there is a file. Shown by [`FILES`].
pub static USER_FILE: Setting<Option<PathBuf>> = Setting::new(
    "config",
    |path| Ok(Some(PathBuf::from(path))),
    |_| Value::Null,
)
.flag(
    Flag::value(
        "--config",
        "FILE",
        "Read settings from this file instead of ~/.config/gh-store/config.yml",
    )
    .path(),
)
.env(&[Env::var("GH_STORE_CONFIG")])
.custom(|r| {
    let flag = r.flags.get(USER_FILE.key).map(PathBuf::from);
    Ok(match user_file_path(flag.as_deref(), r.env) {
        Some(Sourced { value, origin }) if origin != Origin::Default || value.is_file() => {
            Sourced::new(Some(value), origin)
        }
        _ => Sourced::new(None, Origin::Default),
    })
})
.rows(|_| Vec::new());

/// The config files read.
pub static FILES: Setting<Vec<(String, PathBuf, String)>> =
    Setting::new("files", derived, |_| Value::Null)
        .custom(|r| {
            let mut files = Vec::new();
            for (file, origin) in r.layers() {
                let (key, from) = match origin {
                    Origin::ProjectFile(_) => {
                        ("files.project", "found from the working directory".into())
                    }
                    _ => ("files.user", r.get(&USER_FILE)?.origin.to_string()),
                };
                files.push((key.to_string(), file.path.clone(), from));
            }
            // The user file first, as precedence goes.
            files.reverse();
            Ok(Sourced::new(files, Origin::Default))
        })
        .rows(|files| {
            if files.value.is_empty() {
                return vec![Row::new("files", json!([]), Origin::Default)];
            }
            files
                .value
                .iter()
                .map(|(key, path, from)| {
                    Row::new(key.clone(), json!(path.display().to_string()), from)
                })
                .collect()
        });

pub static VERBOSE: Setting<bool> =
    Setting::new("verbose", |text| Ok(text != "0"), |verbose| json!(verbose))
        .flag(
            Flag::switch(
                "--verbose",
                "Log every HTTP request on stderr (method, path, status, time, rate limit left)",
            )
            .short('v'),
        )
        .env(&[Env::var("GH_STORE_DEBUG")])
        .fallback(|r| {
            // The Python tool's `store.log.level: DEBUG` asks for what -v gives.
            let level = r.get(&LOG_LEVEL)?;
            let debug = level.value.eq_ignore_ascii_case("debug");
            Ok(debug.then(|| Sourced::new("1".to_string(), level.origin.clone())))
        })
        .default(|_| Ok(false));

// The Python gh-store's `store:` section (its `config.yml`), read for what it means to both
// tools. The Python tool 0.11.3 acts only on `reactions` (and on `retries`, for its own
// rate-limit retries); its labels are fixed whatever the file says.

const PYTHON_FIXED_LABELS: &str = "the Python gh-store 0.11.3 ignores it too (its labels are \
     fixed), and gh-store does the same so that both find the same objects";

pub static BASE_LABEL: Setting<String> =
    Setting::new("store.base_label", parse_text, |label| json!(label))
        .file(FileValue::Text)
        .default(|_| Ok("stored-object".into()))
        .unused("stored-object", PYTHON_FIXED_LABELS);

pub static UID_PREFIX: Setting<String> =
    Setting::new("store.uid_prefix", parse_text, |prefix| json!(prefix))
        .file(FileValue::Text)
        .default(|_| Ok("UID:".into()))
        .unused("'UID:'", PYTHON_FIXED_LABELS);

/// The mark of a processed comment (and, with `INITIAL_STATE`, of an initial state), as the
/// Python processor reads it.
pub static PROCESSED: Setting<ReactionContent> =
    Setting::new("store.reactions.processed", parse_reaction, show_reaction)
        .file(FileValue::Text)
        .default(|_| Ok(ReactionContent::PlusOne))
        .starter(
            "The reaction that marks an update processed (and, with initial_state, a first state).",
            "\"+1\"",
        )
        .check(|r, processed| {
            let initial = r.get(&INITIAL_STATE)?;
            let clash = match processed.value {
                ReactionContent::MinusOne | ReactionContent::Confused => {
                    "gh-store marks rejected updates with it"
                }
                content if content == initial.value => "it is also store.reactions.initial_state",
                _ => return Ok(()),
            };
            Err(Error::usage(format!(
                "invalid store.reactions.processed {:?} from {}: {clash}",
                processed.value.as_str(),
                processed.origin
            )))
        });

pub static INITIAL_STATE: Setting<ReactionContent> = Setting::new(
    "store.reactions.initial_state",
    parse_reaction,
    show_reaction,
)
.file(FileValue::Text)
.default(|_| Ok(ReactionContent::Rocket))
.starter("The reaction that marks a first state.", "rocket");

pub static RETRIES: Setting<Value> = Setting::new("store.retries", derived, Value::clone)
    .file(FileValue::Yaml(yaml_json))
    .default(|_| Ok(json!({ "max_attempts": 3, "backoff_factor": 2 })))
    .unused(
        "{max_attempts: 3, backoff_factor: 2}",
        "gh-store waits out GitHub's rate limits itself, up to max_wait, and retries \
             server errors on its own schedule",
    );

pub static RATE_LIMIT: Setting<Value> = Setting::new("store.rate_limit", derived, Value::clone)
    .file(FileValue::Yaml(yaml_json))
    .default(|_| Ok(json!({ "max_requests_per_hour": 1000 })))
    .unused(
        "{max_requests_per_hour: 1000}",
        "neither tool acts on it; gh-store paces itself by GitHub's rate-limit headers",
    );

/// Read by `verbose`: `DEBUG` turns it on.
pub static LOG_LEVEL: Setting<String> =
    Setting::new("store.log.level", parse_text, |level| json!(level))
        .file(FileValue::Text)
        .default(|_| Ok("INFO".into()))
        .starter(
            "DEBUG logs every request on stderr, as --verbose does.",
            "INFO",
        );

pub static LOG_FORMAT: Setting<String> =
    Setting::new("store.log.format", parse_text, |format| json!(format))
        .file(FileValue::Text)
        .default(|_| Ok("{time} | {level} | {message}".into()))
        .unused(
            "'{time} | {level} | {message}'",
            "gh-store's messages have a form of their own (store.log.level: DEBUG, or -v, \
             logs every request)",
        );

fn parse_reaction(text: &str) -> std::result::Result<ReactionContent, String> {
    ReactionContent::parse(text).ok_or_else(|| {
        let names: Vec<&str> = ReactionContent::ALL.iter().map(|c| c.as_str()).collect();
        format!("expected one of {}", names.join(", "))
    })
}

fn show_reaction(content: &ReactionContent) -> Value {
    json!(content.as_str())
}

/// For settings made from others, or read only from files: no text to parse.
fn derived<T>(_: &str) -> std::result::Result<T, String> {
    Err("this setting is not given as text".into())
}
