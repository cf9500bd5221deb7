//! Settings, resolved once from layers: built-in defaults < user file < project file
//! (`.gh-store.yml`, found upward) < environment < flags. Each value remembers its origin
//! for `gh-store config`.

mod environment;
mod file;
mod values;

pub use environment::{user_file_path, Environment};
pub use file::{ConfigFile, STARTER};
pub use values::parse_duration;

use environment::{
    api_url_for_host, default_local_path, find_project_file, gh_cli_token, load_user_file, os_user,
    resolve_token,
};
use values::{parse_bool, parse_repo};

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use crate::error::{Error, Result};
use crate::tracker::github::Token;
use crate::tracker::local::is_valid_login;
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

/// Which tracker the commands talk to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Backend {
    /// The embedded store in [`Settings::local_file`].
    Local,
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
    /// The local store's file: `local`, else the default location. `serve` serves it
    /// whichever backend the other commands would use.
    pub local_file: PathBuf,
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
    /// The user config file, if one was read, and what chose it (`--config`,
    /// `GH_STORE_CONFIG`, or the default location).
    pub user_file: Option<Sourced<PathBuf>>,
    /// The project file (`.gh-store.yml`, found upward), if there is one.
    pub project_file: Option<PathBuf>,
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
        if let Some((f, _)) = &user_file {
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
            (Some(l), Some(r)) if l.origin.rank() >= r.origin.rank() => Backend::Local,
            (_, Some(_)) => Backend::GitHub,
            _ => Backend::Local,
        };
        let local_file = local
            .as_ref()
            .map_or_else(|| default_local_path(env), |l| l.value.clone());

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
        // Only the local store acts as this user: on GitHub an unusable OS user name is no
        // concern, but a login the user gave is checked wherever it came from.
        if (user.origin != Origin::Default || backend == Backend::Local)
            && !is_valid_login(&user.value)
        {
            return Err(Error::usage(format!(
                "invalid user {:?} from {}: a login is not empty and has no '/' or white space",
                user.value, user.origin
            ))
            .with_hint("on the local store, --as LOGIN (or GH_STORE_USER) names the acting user"));
        }

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
                None => Sourced::new(backend == Backend::Local, Origin::Default),
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
            local_file,
            api_url,
            token,
            user,
            max_wait,
            apply,
            schemas,
            associations,
            codeowners,
            allow,
            user_file: user_file.map(|(f, origin)| Sourced::new(f.path, origin)),
            project_file: project_file.as_ref().map(|f| f.path.clone()),
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

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
        assert_eq!(s.backend, Backend::Local);
        assert_eq!(
            s.local_file,
            dir.path().join(".local/share/gh-store/store.db")
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
        assert_eq!(s.backend, Backend::Local);
        assert_eq!(s.local_file, PathBuf::from("/tmp/s.db"));

        let flags = Overrides {
            repo: Some("o/r".into()),
            ..Overrides::default()
        };
        let s = Settings::resolve(&flags, &both).unwrap();
        assert_eq!(s.backend, Backend::GitHub);
        assert_eq!(
            s.local_file,
            PathBuf::from("/tmp/s.db"),
            "still what serve serves"
        );
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

        let e = env(&[("GH_HOST", "acme.ghe.com")], dir.path(), dir.path());
        let s = Settings::resolve(&Overrides::default(), &e).unwrap();
        assert_eq!(s.api_url.value, "https://api.acme.ghe.com");
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
