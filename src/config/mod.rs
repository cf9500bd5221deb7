//! Settings, resolved once from layers: built-in defaults < user file < project file
//! (`.gh-store.yml`, found upward) < environment < flags. Each value remembers its origin
//! for `gh-store config`.

mod file;

pub use file::{ConfigFile, STARTER};

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::error::{Error, Result};
use crate::tracker::github::Token;
use crate::tracker::AuthorAssociation;

pub const PROJECT_FILE: &str = ".gh-store.yml";
pub const DEFAULT_API_URL: &str = "https://api.github.com";

/// Where a setting came from, highest precedence last.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Default,
    UserFile(PathBuf),
    ProjectFile(PathBuf),
    /// `gh auth token` (after every other source of a token).
    GhCli,
    Env(&'static str),
    Flag(&'static str),
}

impl Origin {
    fn rank(&self) -> u8 {
        match self {
            Origin::Default | Origin::GhCli => 0,
            Origin::UserFile(_) => 1,
            Origin::ProjectFile(_) => 2,
            Origin::Env(_) => 3,
            Origin::Flag(_) => 4,
        }
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Default => f.write_str("default"),
            Origin::UserFile(p) => write!(f, "user file {}", p.display()),
            Origin::ProjectFile(p) => write!(f, "project file {}", p.display()),
            Origin::GhCli => f.write_str("`gh auth token`"),
            Origin::Env(name) => write!(f, "env {name}"),
            Origin::Flag(name) => write!(f, "flag {name}"),
        }
    }
}

/// A value and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sourced<T> {
    pub value: T,
    pub origin: Origin,
}

impl<T> Sourced<T> {
    pub fn new(value: T, origin: Origin) -> Sourced<T> {
        Sourced { value, origin }
    }
}

/// Values given as command-line flags.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub repo: Option<String>,
    pub local: Option<PathBuf>,
    pub api_url: Option<String>,
    pub user: Option<String>,
    pub max_wait: Option<String>,
    pub config: Option<PathBuf>,
    pub schema: Option<PathBuf>,
}

/// The process environment, injectable for tests.
#[derive(Debug, Clone, Default)]
pub struct Environment {
    pub vars: HashMap<String, String>,
    pub cwd: PathBuf,
    pub home: Option<PathBuf>,
}

impl Environment {
    pub fn from_process() -> Environment {
        Environment {
            vars: std::env::vars().collect(),
            cwd: std::env::current_dir().unwrap_or_else(|_| PathBuf::from(".")),
            home: dirs::home_dir(),
        }
    }

    /// A variable, treating an empty value as unset (as `gh` does).
    pub fn var(&self, name: &str) -> Option<&str> {
        self.vars
            .get(name)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }

    fn first(&self, names: &[&'static str]) -> Option<(String, Origin)> {
        names
            .iter()
            .find_map(|&n| self.var(n).map(|v| (v.to_string(), Origin::Env(n))))
    }
}

/// Which tracker the commands talk to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Backend {
    /// The embedded store in this SQLite file.
    Local(PathBuf),
    /// GitHub (or GHES, or `gh-store serve`) at `api_url`.
    GitHub,
}

/// Every resolved setting.
#[derive(Debug, Clone)]
pub struct Settings {
    pub backend: Backend,
    /// `OWNER/REPO`: on GitHub the repository; on the local store the repository inside it.
    pub repo: Option<Sourced<String>>,
    pub local: Option<Sourced<PathBuf>>,
    pub api_url: Sourced<String>,
    pub token: Option<Sourced<Token>>,
    /// The acting user on the local store.
    pub user: Sourced<String>,
    pub max_wait: Sourced<Duration>,
    /// Apply updates at once instead of queueing them for the processor.
    pub apply: Sourced<bool>,
    /// `(pattern, file)`, first match wins.
    pub schemas: Vec<Sourced<(String, PathBuf)>>,
    pub associations: Sourced<Vec<AuthorAssociation>>,
    pub codeowners: Sourced<bool>,
    pub allow: Sourced<Vec<String>>,
    /// The config files that were read.
    pub files: Vec<PathBuf>,
    /// Notes for stderr (unknown keys, a token in a readable file).
    pub warnings: Vec<String>,
}

impl Settings {
    /// Resolves every layer. `gh auth token` is consulted only for GitHub without a token.
    pub fn resolve(flags: &Overrides, env: &Environment) -> Result<Settings> {
        let user_file = load_user_file(flags, env)?;
        let project_file = find_project_file(&env.cwd)
            .map(|p| ConfigFile::load(&p))
            .transpose()?;
        // Highest precedence first.
        let mut layers: Vec<(&ConfigFile, Origin)> = Vec::new();
        if let Some(f) = &project_file {
            layers.push((f, Origin::ProjectFile(f.path.clone())));
        }
        if let Some(f) = &user_file {
            layers.push((f, Origin::UserFile(f.path.clone())));
        }
        let from_files = |get: &dyn Fn(&ConfigFile) -> Option<String>| {
            layers
                .iter()
                .find_map(|(f, origin)| get(f).map(|v| (v, origin.clone())))
        };
        let mut warnings: Vec<String> = layers
            .iter()
            .flat_map(|(f, _)| f.warnings.iter().cloned())
            .collect();

        let repo = flags
            .repo
            .clone()
            .map(|r| (r, Origin::Flag("--repo")))
            .or_else(|| env.first(&["GH_STORE_REPO", "GH_REPO", "GITHUB_REPOSITORY"]))
            .or_else(|| from_files(&|f| f.repo.clone()));
        let (repo, repo_host) = match repo {
            Some((text, origin)) => {
                let (host, full) = parse_repo(&text, &origin)?;
                (Some(Sourced::new(full, origin)), host)
            }
            None => (None, None),
        };
        let local = flags
            .local
            .clone()
            .map(|p| Sourced::new(p, Origin::Flag("--local")))
            .or_else(|| {
                env.var("GH_STORE_LOCAL")
                    .map(|p| Sourced::new(PathBuf::from(p), Origin::Env("GH_STORE_LOCAL")))
            })
            .or_else(|| {
                layers
                    .iter()
                    .find_map(|(f, o)| f.local.clone().map(|p| Sourced::new(p, o.clone())))
            });
        // The more specific of the two wins; at equal precedence the local store does.
        let backend = match (&local, &repo) {
            (Some(l), Some(r)) if l.origin.rank() >= r.origin.rank() => {
                Backend::Local(l.value.clone())
            }
            (Some(l), None) => Backend::Local(l.value.clone()),
            (_, Some(_)) => Backend::GitHub,
            (None, None) => Backend::Local(default_local_path(env)),
        };

        let api_url = match flags.api_url.clone() {
            Some(url) => Sourced::new(url, Origin::Flag("--api-url")),
            None => match env.first(&["GH_STORE_API_URL", "GITHUB_API_URL"]) {
                Some((url, origin)) => Sourced::new(url, origin),
                None => match env
                    .var("GH_HOST")
                    .map(|h| (h.to_string(), Origin::Env("GH_HOST")))
                    .or(repo_host.map(|h| (h, Origin::Env("GH_REPO"))))
                {
                    Some((host, origin)) => Sourced::new(api_url_for_host(&host), origin),
                    None => match from_files(&|f| f.api_url.clone()) {
                        Some((url, origin)) => Sourced::new(url, origin),
                        None => Sourced::new(DEFAULT_API_URL.to_string(), Origin::Default),
                    },
                },
            },
        };
        let api_url = Sourced::new(
            api_url.value.trim_end_matches('/').to_string(),
            api_url.origin,
        );

        let token = resolve_token(env, &api_url.value, &layers, &mut warnings);
        let token = match (token, &backend) {
            (None, Backend::GitHub) => gh_cli_token(&api_url.value),
            (token, _) => token,
        };

        let user = flags
            .user
            .clone()
            .map(|u| Sourced::new(u, Origin::Flag("--as")))
            .or_else(|| {
                env.var("GH_STORE_USER")
                    .map(|u| Sourced::new(u.to_string(), Origin::Env("GH_STORE_USER")))
            })
            .or_else(|| from_files(&|f| f.user.clone()).map(|(u, o)| Sourced::new(u, o)))
            .unwrap_or_else(|| Sourced::new(os_user(env), Origin::Default));

        let max_wait = match flags
            .max_wait
            .clone()
            .map(|w| (w, Origin::Flag("--max-wait")))
            .or_else(|| env.first(&["GH_STORE_MAX_WAIT"]))
            .or_else(|| from_files(&|f| f.max_wait.clone()))
        {
            Some((text, origin)) => Sourced::new(
                parse_duration(&text).map_err(|why| {
                    Error::usage(format!("invalid max wait from {origin}: {why}"))
                })?,
                origin,
            ),
            None => Sourced::new(Duration::from_secs(300), Origin::Default),
        };

        let apply = match env.var("GH_STORE_APPLY") {
            Some(text) => Sourced::new(
                parse_bool(text).ok_or_else(|| {
                    Error::usage(format!(
                        "GH_STORE_APPLY must be true or false, not {text:?}"
                    ))
                })?,
                Origin::Env("GH_STORE_APPLY"),
            ),
            None => match layers
                .iter()
                .find_map(|(f, o)| f.apply.map(|a| Sourced::new(a, o.clone())))
            {
                Some(apply) => apply,
                // No Actions runner processes a local store: apply at once there.
                None => Sourced::new(matches!(backend, Backend::Local(_)), Origin::Default),
            },
        };

        let mut schemas = Vec::new();
        if let Some(file) = &flags.schema {
            schemas.push(Sourced::new(
                ("*".to_string(), file.clone()),
                Origin::Flag("--schema"),
            ));
        }
        for (file, origin) in &layers {
            for rule in &file.schemas {
                schemas.push(Sourced::new(rule.clone(), origin.clone()));
            }
        }

        let associations = match layers
            .iter()
            .find_map(|(f, o)| f.associations.clone().map(|a| (a, o.clone())))
        {
            Some((names, origin)) => {
                let mut parsed = Vec::new();
                for name in names {
                    parsed.push(AuthorAssociation::parse(&name).ok_or_else(|| {
                        Error::usage(format!(
                            "unknown author association {name:?} in {origin}"
                        ))
                        .with_hint("use OWNER, MEMBER, COLLABORATOR, CONTRIBUTOR, FIRST_TIMER, FIRST_TIME_CONTRIBUTOR, MANNEQUIN or NONE")
                    })?);
                }
                Sourced::new(parsed, origin)
            }
            None => Sourced::new(
                crate::store::AccessPolicy::default().associations,
                Origin::Default,
            ),
        };
        let codeowners = layers
            .iter()
            .find_map(|(f, o)| f.codeowners.map(|c| Sourced::new(c, o.clone())))
            .unwrap_or_else(|| Sourced::new(true, Origin::Default));
        let allow = layers
            .iter()
            .find_map(|(f, o)| f.allow.clone().map(|a| Sourced::new(a, o.clone())))
            .unwrap_or_else(|| Sourced::new(Vec::new(), Origin::Default));

        Ok(Settings {
            backend,
            repo,
            local,
            api_url,
            token,
            user,
            max_wait,
            apply,
            schemas,
            associations,
            codeowners,
            allow,
            files: layers.iter().map(|(f, _)| f.path.clone()).collect(),
            warnings,
        })
    }

    /// The access policy these settings describe.
    pub fn access_policy(&self) -> crate::store::AccessPolicy {
        crate::store::AccessPolicy {
            associations: self.associations.value.clone(),
            codeowners: self.codeowners.value,
            allow: self.allow.value.clone(),
        }
    }

    /// The JSON Schema rules these settings describe.
    pub fn schema_set(&self) -> crate::store::SchemaSet {
        let mut set = crate::store::SchemaSet::new();
        for rule in &self.schemas {
            set.add(rule.value.0.clone(), rule.value.1.clone());
        }
        set
    }
}

fn load_user_file(flags: &Overrides, env: &Environment) -> Result<Option<ConfigFile>> {
    if let Some(path) = &flags.config {
        return ConfigFile::load(path).map(Some);
    }
    if let Some(path) = env.var("GH_STORE_CONFIG") {
        return ConfigFile::load(Path::new(path)).map(Some);
    }
    // ~/.config like the Python tool, on every platform; XDG_CONFIG_HOME when set.
    let dir = env
        .var("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .or_else(|| env.home.as_ref().map(|h| h.join(".config")));
    let Some(path) = dir.map(|d| d.join("gh-store").join("config.yml")) else {
        return Ok(None);
    };
    if path.is_file() {
        ConfigFile::load(&path).map(Some)
    } else {
        Ok(None)
    }
}

fn find_project_file(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .map(|dir| dir.join(PROJECT_FILE))
        .find(|candidate| candidate.is_file())
}

/// `OWNER/REPO`, or `HOST/OWNER/REPO` as `GH_REPO` allows.
fn parse_repo(text: &str, origin: &Origin) -> Result<(Option<String>, String)> {
    let parts: Vec<&str> = text.split('/').collect();
    let valid = |s: &&str| !s.is_empty() && !s.contains(char::is_whitespace);
    match parts.as_slice() {
        [owner, repo] if valid(owner) && valid(repo) => Ok((None, text.to_string())),
        [host, owner, repo] if valid(host) && valid(owner) && valid(repo) => {
            Ok((Some(host.to_string()), format!("{owner}/{repo}")))
        }
        _ => Err(Error::usage(format!(
            "invalid repository {text:?} from {origin}: expected OWNER/REPO"
        ))),
    }
}

fn api_url_for_host(host: &str) -> String {
    if host.eq_ignore_ascii_case("github.com") {
        DEFAULT_API_URL.to_string()
    } else {
        format!("https://{host}/api/v3")
    }
}

fn is_github_com(api_url: &str) -> bool {
    api_url == DEFAULT_API_URL
}

fn resolve_token(
    env: &Environment,
    api_url: &str,
    layers: &[(&ConfigFile, Origin)],
    warnings: &mut Vec<String>,
) -> Option<Sourced<Token>> {
    let names: &[&'static str] = if is_github_com(api_url) {
        &["GH_STORE_TOKEN", "GH_TOKEN", "GITHUB_TOKEN"]
    } else {
        &[
            "GH_STORE_TOKEN",
            "GH_ENTERPRISE_TOKEN",
            "GITHUB_ENTERPRISE_TOKEN",
            "GH_TOKEN",
            "GITHUB_TOKEN",
        ]
    };
    if let Some((token, origin)) = env.first(names) {
        return Some(Sourced::new(Token::new(token), origin));
    }
    let (file, origin) = layers.iter().find(|(f, _)| f.token.is_some())?;
    if readable_by_others(&file.path) {
        warnings.push(format!(
            "{} holds a token and is readable by other users: run `chmod 600 {}`",
            file.path.display(),
            file.path.display()
        ));
    }
    Some(Sourced::new(
        Token::new(file.token.clone().unwrap_or_default()),
        origin.clone(),
    ))
}

#[cfg(unix)]
fn readable_by_others(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).is_ok_and(|m| m.permissions().mode() & 0o044 != 0)
}

#[cfg(not(unix))]
fn readable_by_others(_: &Path) -> bool {
    false
}

/// `gh auth token`, when the GitHub CLI is installed and logged in.
fn gh_cli_token(api_url: &str) -> Option<Sourced<Token>> {
    let host = api_url
        .trim_start_matches("https://")
        .trim_start_matches("http://")
        .split('/')
        .next()
        .unwrap_or("github.com");
    let host = if host == "api.github.com" {
        "github.com"
    } else {
        host
    };
    let output = std::process::Command::new("gh")
        .args(["auth", "token", "--hostname", host])
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .output()
        .ok()?;
    let token = String::from_utf8(output.stdout).ok()?.trim().to_string();
    (output.status.success() && !token.is_empty())
        .then(|| Sourced::new(Token::new(token), Origin::GhCli))
}

fn default_local_path(env: &Environment) -> PathBuf {
    let data = env
        .var("XDG_DATA_HOME")
        .map(PathBuf::from)
        .or_else(|| env.home.as_ref().map(|h| h.join(".local").join("share")))
        .unwrap_or_else(|| PathBuf::from("."));
    data.join("gh-store").join("store.db")
}

fn os_user(env: &Environment) -> String {
    ["USER", "USERNAME", "LOGNAME"]
        .iter()
        .find_map(|n| env.var(n))
        .unwrap_or("local")
        .to_string()
}

/// `90` (seconds), `250ms`, `90s`, `5m`, `1h`, `1h30m`.
pub fn parse_duration(text: &str) -> std::result::Result<Duration, String> {
    let text = text.trim();
    let invalid = || format!("{text:?} is not a duration like 500ms, 30s, 5m or 1h");
    if let Ok(seconds) = text.parse::<u64>() {
        return Ok(Duration::from_secs(seconds));
    }
    let mut total = Duration::ZERO;
    let mut rest = text;
    if rest.is_empty() {
        return Err(invalid());
    }
    while !rest.is_empty() {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        let value: u64 = rest[..digits].parse().map_err(|_| invalid())?;
        rest = &rest[digits..];
        let unit = rest.bytes().take_while(u8::is_ascii_alphabetic).count();
        let step = match &rest[..unit] {
            "ms" => Duration::from_millis(value),
            "s" => Duration::from_secs(value),
            "m" => Duration::from_secs(value * 60),
            "h" => Duration::from_secs(value * 3600),
            _ => return Err(invalid()),
        };
        total += step;
        rest = &rest[unit..];
    }
    Ok(total)
}

fn parse_bool(text: &str) -> Option<bool> {
    match text.to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "on" => Some(true),
        "0" | "false" | "no" | "off" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(vars: &[(&str, &str)], cwd: &Path, home: &Path) -> Environment {
        Environment {
            vars: vars
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            cwd: cwd.to_path_buf(),
            home: Some(home.to_path_buf()),
        }
    }

    #[test]
    fn layers_resolve_in_order_with_origins() {
        let home = tempfile::tempdir().unwrap();
        let project = tempfile::tempdir().unwrap();
        let user_file = home.path().join(".config/gh-store/config.yml");
        std::fs::create_dir_all(user_file.parent().unwrap()).unwrap();
        std::fs::write(&user_file, "repo: user/file\nuser: filer\nmax_wait: 1m\n").unwrap();
        std::fs::write(project.path().join(PROJECT_FILE), "repo: project/file\n").unwrap();
        let nested = project.path().join("a/b");
        std::fs::create_dir_all(&nested).unwrap();

        let s = Settings::resolve(&Overrides::default(), &env(&[], &nested, home.path())).unwrap();
        let repo = s.repo.unwrap();
        assert_eq!(repo.value, "project/file");
        assert!(matches!(repo.origin, Origin::ProjectFile(_)));
        assert_eq!(s.user.value, "filer");
        assert_eq!(s.max_wait.value, Duration::from_secs(60));
        assert_eq!(s.backend, Backend::GitHub);

        let e = env(&[("GH_REPO", "env/repo")], &nested, home.path());
        let s = Settings::resolve(&Overrides::default(), &e).unwrap();
        assert_eq!(s.repo.unwrap().origin, Origin::Env("GH_REPO"));

        let flags = Overrides {
            repo: Some("flag/repo".into()),
            ..Overrides::default()
        };
        let s = Settings::resolve(&flags, &e).unwrap();
        assert_eq!(s.repo.unwrap().value, "flag/repo");
    }

    #[test]
    fn backend_choice() {
        let dir = tempfile::tempdir().unwrap();
        let none = env(&[], dir.path(), dir.path());
        let s = Settings::resolve(&Overrides::default(), &none).unwrap();
        assert_eq!(
            s.backend,
            Backend::Local(dir.path().join(".local/share/gh-store/store.db"))
        );
        assert!(s.apply.value, "local stores apply updates at once");

        let both = env(
            &[
                ("GH_STORE_LOCAL", "/tmp/s.db"),
                ("GITHUB_REPOSITORY", "o/r"),
            ],
            dir.path(),
            dir.path(),
        );
        let s = Settings::resolve(&Overrides::default(), &both).unwrap();
        assert_eq!(s.backend, Backend::Local(PathBuf::from("/tmp/s.db")));

        let flags = Overrides {
            repo: Some("o/r".into()),
            ..Overrides::default()
        };
        let s = Settings::resolve(&flags, &both).unwrap();
        assert_eq!(s.backend, Backend::GitHub);
        assert!(!s.apply.value, "GitHub queues updates for the processor");
    }

    #[test]
    fn api_url_and_tokens() {
        let dir = tempfile::tempdir().unwrap();
        let e = env(
            &[
                ("GH_HOST", "ghe.example.com"),
                ("GH_TOKEN", "public"),
                ("GH_ENTERPRISE_TOKEN", "enterprise"),
                ("GH_REPO", "o/r"),
            ],
            dir.path(),
            dir.path(),
        );
        let s = Settings::resolve(&Overrides::default(), &e).unwrap();
        assert_eq!(s.api_url.value, "https://ghe.example.com/api/v3");
        let token = s.token.unwrap();
        assert_eq!(token.value.expose(), "enterprise");
        assert_eq!(format!("{:?}", token.value), "Token(<redacted>)");

        let e = env(
            &[
                ("GITHUB_API_URL", "https://api.github.com/"),
                ("GITHUB_TOKEN", "t"),
            ],
            dir.path(),
            dir.path(),
        );
        let s = Settings::resolve(&Overrides::default(), &e).unwrap();
        assert_eq!(s.api_url.value, "https://api.github.com");
        assert_eq!(s.token.unwrap().origin, Origin::Env("GITHUB_TOKEN"));
    }

    #[test]
    fn bad_values_are_usage_errors() {
        let dir = tempfile::tempdir().unwrap();
        let e = env(&[("GH_REPO", "not-a-repo")], dir.path(), dir.path());
        assert!(Settings::resolve(&Overrides::default(), &e).is_err());
        let flags = Overrides {
            max_wait: Some("soon".into()),
            ..Overrides::default()
        };
        let e = env(&[], dir.path(), dir.path());
        assert!(Settings::resolve(&flags, &e).is_err());
        std::fs::write(
            dir.path().join(PROJECT_FILE),
            "access:\n  associations: [BOSS]\n",
        )
        .unwrap();
        let err = Settings::resolve(&Overrides::default(), &e).unwrap_err();
        assert!(err.message.contains("BOSS"));
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("90"), Ok(Duration::from_secs(90)));
        assert_eq!(parse_duration("90s"), Ok(Duration::from_secs(90)));
        assert_eq!(parse_duration("5m"), Ok(Duration::from_secs(300)));
        assert_eq!(parse_duration("1h30m"), Ok(Duration::from_secs(5400)));
        assert!(parse_duration("5 minutes").is_err());
        assert!(parse_duration("m").is_err());
        assert!(parse_duration("").is_err());
        assert_eq!(parse_duration("250ms"), Ok(Duration::from_millis(250)));
        assert_eq!(parse_duration("1m30s"), Ok(Duration::from_secs(90)));
    }
}
