//! Settings, resolved once from layers: built-in defaults < user file < project file
//! (`.gh-store.yml`, found upward) < environment < flags. Each value remembers its origin
//! for `gh-store config`. Every setting is described once, in `table.rs`; `setting.rs`
//! says what a description holds and how it resolves.

mod environment;
mod file;
mod setting;
mod starter;
pub mod table;
mod values;

pub use crate::duration::parse_duration;
pub use environment::{user_file_path, Environment};
pub use file::ConfigFile;
pub use setting::{Describe, Env, FileValue, Flag, Resolver, Row, Setting, Starter};
pub use starter::starter;
pub use values::{AppKey, Repo};

use environment::find_project_file;
use setting::Resolved;

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::PathBuf;

use crate::error::Result;

pub const PROJECT_FILE: &str = ".gh-store.yml";
pub const DEFAULT_API_URL: &str = "https://api.github.com";

/// Where a setting came from, highest precedence last.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Default,
    /// A default read from this variable (the OS user name from `USER`).
    DefaultFrom(&'static str),
    UserFile(PathBuf),
    ProjectFile(PathBuf),
    /// `gh auth token` (after every other source of a token).
    GhCli,
    Env(&'static str),
    Flag(&'static str),
    /// The host named in a repository (`-R HOST/OWNER/REPO`) that came from there.
    HostOf(Box<Origin>),
}

impl Origin {
    fn rank(&self) -> u8 {
        match self {
            Origin::Default | Origin::DefaultFrom(_) | Origin::GhCli => 0,
            Origin::UserFile(_) => 1,
            Origin::ProjectFile(_) => 2,
            Origin::Env(_) => 3,
            Origin::Flag(_) => 4,
            Origin::HostOf(origin) => origin.rank(),
        }
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Default => f.write_str("default"),
            Origin::DefaultFrom(name) => write!(f, "default, from env {name}"),
            Origin::UserFile(p) => write!(f, "user file {}", p.display()),
            Origin::ProjectFile(p) => write!(f, "project file {}", p.display()),
            Origin::GhCli => f.write_str("`gh auth token`"),
            Origin::Env(name) => write!(f, "env {name}"),
            Origin::Flag(name) => write!(f, "flag {name}"),
            Origin::HostOf(origin) => write!(f, "host of the repository from {origin}"),
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

/// The text of each setting's flag given on the command line, by setting key (clap has
/// checked it with the setting's parser).
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    values: BTreeMap<&'static str, String>,
}

impl Overrides {
    pub fn new() -> Overrides {
        Overrides::default()
    }

    /// Sets a flag's text; a switch's is `true`.
    pub fn set(&mut self, key: &'static str, text: impl Into<String>) {
        self.values.insert(key, text.into());
    }

    pub fn with(mut self, key: &'static str, text: impl Into<String>) -> Overrides {
        self.set(key, text);
        self
    }

    pub fn get(&self, key: &str) -> Option<&str> {
        self.values.get(key).map(String::as_str)
    }
}

/// Which tracker the commands talk to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// The embedded store in the `local` setting's file.
    Local,
    /// GitHub (or GHES, or `gh-store serve`) at `api_url`.
    GitHub,
}

impl Backend {
    pub fn as_str(self) -> &'static str {
        match self {
            Backend::Local => "local",
            Backend::GitHub => "github",
        }
    }
}

/// Every resolved setting: read one with [`Settings::get`] and its description in
/// [`table`].
#[derive(Clone)]
pub struct Settings {
    values: HashMap<&'static str, Resolved>,
    /// Notes for stderr (unknown keys, a secret in a readable file).
    pub warnings: Vec<String>,
}

impl fmt::Debug for Settings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.rows()).finish()
    }
}

impl Settings {
    /// Resolves every setting in [`table::ALL`]. `gh auth token` is consulted only for
    /// GitHub without a token.
    pub fn resolve(flags: &Overrides, env: &Environment) -> Result<Settings> {
        let mut resolver = Resolver::new(flags, env);
        // The files are layers of every other setting: read first, the user's first (a
        // file named by --config that is missing says so before a broken project file).
        let user_file = resolver.get(&table::USER_FILE)?;
        let user_file = user_file
            .value
            .as_deref()
            .map(ConfigFile::load)
            .transpose()?;
        let project_file = find_project_file(&env.cwd)
            .map(|p| ConfigFile::load(&p))
            .transpose()?;
        for (file, origin) in [
            project_file.map(|f| (Origin::ProjectFile(f.path.clone()), f)),
            user_file.map(|f| (Origin::UserFile(f.path.clone()), f)),
        ]
        .into_iter()
        .flatten()
        .map(|(origin, file)| (file, origin))
        {
            resolver.layers.push((file, origin));
        }
        let warnings = resolver
            .layers
            .iter()
            .flat_map(|(file, _)| file.warnings.iter().cloned())
            .collect();
        for setting in table::ALL {
            resolver.resolve(*setting)?;
        }
        Ok(Settings {
            values: resolver.into_values(),
            warnings,
        })
    }

    /// A setting's value and origin.
    pub fn get<T: Send + Sync + 'static>(&self, setting: &'static Setting<T>) -> &Sourced<T> {
        self.values
            .get(setting.key)
            .and_then(|value| value.downcast_ref::<Sourced<T>>())
            .unwrap_or_else(|| panic!("setting {} is listed in table::ALL", setting.key))
    }

    pub fn backend(&self) -> Backend {
        self.get(&table::BACKEND).value
    }

    /// What `gh-store config` shows, in the table's order; tokens are never shown.
    pub fn rows(&self) -> Vec<Row> {
        table::ALL
            .iter()
            .flat_map(|setting| setting.rows(&self.values[setting.key()]))
            .collect()
    }

    /// The access policy these settings describe.
    pub fn access_policy(&self) -> crate::store::AccessPolicy {
        crate::store::AccessPolicy {
            associations: self.get(&table::ASSOCIATIONS).value.clone(),
            codeowners: self.get(&table::CODEOWNERS).value,
            allow: self.get(&table::ALLOW).value.clone(),
        }
    }

    /// The JSON Schema rules these settings describe.
    pub fn schema_set(&self) -> crate::store::SchemaSet {
        let mut set = crate::store::SchemaSet::new();
        for rule in &self.get(&table::SCHEMAS).value {
            set.add(rule.value.0.clone(), rule.value.1.clone());
        }
        set
    }
}

#[cfg(test)]
mod tests {
    use super::table::{API_URL, APPLY, LOCAL, MAX_WAIT, REPO, TOKEN, USER};
    use super::*;
    use std::path::Path;
    use std::time::Duration;

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
        let repo = s.get(&REPO);
        assert_eq!(repo.value.as_ref().unwrap().full_name(), "project/file");
        assert!(matches!(repo.origin, Origin::ProjectFile(_)));
        assert_eq!(s.get(&USER).value, "filer");
        assert_eq!(s.get(&MAX_WAIT).value, Duration::from_secs(60));
        assert_eq!(s.backend(), Backend::GitHub);

        let e = env(&[("GH_REPO", "env/repo")], &nested, home.path());
        let s = Settings::resolve(&Overrides::default(), &e).unwrap();
        assert_eq!(s.get(&REPO).origin, Origin::Env("GH_REPO"));

        let flags = Overrides::new().with("repo", "flag/repo");
        let s = Settings::resolve(&flags, &e).unwrap();
        assert_eq!(
            s.get(&REPO).value.as_ref().unwrap().full_name(),
            "flag/repo"
        );
    }

    #[test]
    fn backend_choice() {
        let dir = tempfile::tempdir().unwrap();
        let none = env(&[], dir.path(), dir.path());
        let s = Settings::resolve(&Overrides::default(), &none).unwrap();
        assert_eq!(s.backend(), Backend::Local);
        assert_eq!(
            s.get(&LOCAL).value,
            dir.path().join(".local/share/gh-store/store.db")
        );
        assert!(s.get(&APPLY).value, "local stores apply updates at once");

        let both = env(
            &[
                ("GH_STORE_LOCAL", "/tmp/s.db"),
                ("GITHUB_REPOSITORY", "o/r"),
            ],
            dir.path(),
            dir.path(),
        );
        let s = Settings::resolve(&Overrides::default(), &both).unwrap();
        assert_eq!(s.backend(), Backend::Local);
        assert_eq!(s.get(&LOCAL).value, PathBuf::from("/tmp/s.db"));

        let flags = Overrides::new().with("repo", "o/r");
        let s = Settings::resolve(&flags, &both).unwrap();
        assert_eq!(s.backend(), Backend::GitHub);
        assert_eq!(
            s.get(&LOCAL).value,
            PathBuf::from("/tmp/s.db"),
            "still what serve serves"
        );
        assert!(
            !s.get(&APPLY).value,
            "GitHub queues updates for the processor"
        );
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
        assert_eq!(s.get(&API_URL).value, "https://ghe.example.com/api/v3");
        let token = s.get(&TOKEN).value.clone().unwrap();
        assert_eq!(token.expose(), "enterprise");
        assert_eq!(format!("{token:?}"), "Token(<redacted>)");

        let e = env(
            &[
                ("GITHUB_API_URL", "https://api.github.com/"),
                ("GITHUB_TOKEN", "t"),
            ],
            dir.path(),
            dir.path(),
        );
        let s = Settings::resolve(&Overrides::default(), &e).unwrap();
        assert_eq!(s.get(&API_URL).value, "https://api.github.com");
        assert_eq!(s.get(&TOKEN).origin, Origin::Env("GITHUB_TOKEN"));

        let e = env(&[("GH_HOST", "acme.ghe.com")], dir.path(), dir.path());
        let s = Settings::resolve(&Overrides::default(), &e).unwrap();
        assert_eq!(s.get(&API_URL).value, "https://api.acme.ghe.com");
    }

    #[test]
    fn bad_values_are_usage_errors() {
        let dir = tempfile::tempdir().unwrap();
        let e = env(&[("GH_REPO", "not-a-repo")], dir.path(), dir.path());
        assert!(Settings::resolve(&Overrides::default(), &e).is_err());
        let flags = Overrides::new().with("max_wait", "soon");
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
}
