//! Config files: `~/.config/gh-store/config.yml` (the Python tool's file is accepted too)
//! and a project's `.gh-store.yml`.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_yaml::Value as Yaml;

use crate::error::{Error, Result};

/// Keys gh-store reads. `store` is the Python tool's section: accepted and ignored.
const KNOWN_KEYS: [&str; 10] = [
    "repo", "local", "api_url", "token", "user", "max_wait", "apply", "schemas", "access", "store",
];
const ACCESS_KEYS: [&str; 3] = ["associations", "codeowners", "allow"];

/// One parsed config file. Relative paths are already resolved against its directory.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ConfigFile {
    pub path: PathBuf,
    pub repo: Option<String>,
    pub local: Option<PathBuf>,
    pub api_url: Option<String>,
    pub token: Option<String>,
    pub user: Option<String>,
    pub max_wait: Option<String>,
    pub apply: Option<bool>,
    /// `(object-id pattern, schema file)` in file order: the first match wins.
    pub schemas: Vec<(String, PathBuf)>,
    pub associations: Option<Vec<String>>,
    pub codeowners: Option<bool>,
    pub allow: Option<Vec<String>>,
    /// Unknown keys and similar notes, for the caller to print.
    pub warnings: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    repo: Option<String>,
    local: Option<PathBuf>,
    api_url: Option<String>,
    token: Option<String>,
    user: Option<String>,
    max_wait: Option<Yaml>,
    apply: Option<bool>,
    schemas: Option<serde_yaml::Mapping>,
    access: Option<RawAccess>,
    #[allow(dead_code)]
    store: Option<Yaml>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAccess {
    associations: Option<Vec<String>>,
    codeowners: Option<bool>,
    allow: Option<Vec<String>>,
}

impl ConfigFile {
    /// Reads and parses a file; errors name the file and, for syntax and type errors, the
    /// line.
    pub fn load(path: &Path) -> Result<ConfigFile> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            Error::usage(format!("cannot read config file {}: {e}", path.display()))
        })?;
        ConfigFile::parse(path, &text)
    }

    pub fn parse(path: &Path, text: &str) -> Result<ConfigFile> {
        let bad = |e: serde_yaml::Error| {
            let at = e
                .location()
                .map(|l| format!(" (line {}, column {})", l.line(), l.column()))
                .unwrap_or_default();
            Error::usage(format!("invalid config file {}{at}: {e}", path.display()))
        };
        let mut file = ConfigFile {
            path: path.to_path_buf(),
            ..ConfigFile::default()
        };
        // Unknown keys are warned about, not fatal: drop them before the typed parse.
        let mut tree: Yaml = serde_yaml::from_str(text).map_err(bad)?;
        match &mut tree {
            Yaml::Null => return Ok(file),
            Yaml::Mapping(map) => {
                let unknown: Vec<Yaml> = map
                    .keys()
                    .filter(|k| !k.as_str().is_some_and(|k| KNOWN_KEYS.contains(&k)))
                    .cloned()
                    .collect();
                for key in unknown {
                    map.remove(&key);
                    file.warnings.push(format!(
                        "{}: unknown key {} (ignored)",
                        path.display(),
                        yaml_key(&key)
                    ));
                }
                if let Some(Yaml::Mapping(access)) = map.get_mut("access") {
                    let unknown: Vec<Yaml> = access
                        .keys()
                        .filter(|k| !k.as_str().is_some_and(|k| ACCESS_KEYS.contains(&k)))
                        .cloned()
                        .collect();
                    for key in unknown {
                        access.remove(&key);
                        file.warnings.push(format!(
                            "{}: unknown key access.{} (ignored)",
                            path.display(),
                            yaml_key(&key)
                        ));
                    }
                }
            }
            _ => {
                return Err(Error::usage(format!(
                    "invalid config file {}: expected a mapping of settings",
                    path.display()
                )))
            }
        }
        // Re-parse the text for typed values so that type errors keep their line numbers;
        // the pruned tree is only used when keys had to be dropped.
        let raw: Raw = if file.warnings.is_empty() {
            serde_yaml::from_str(text).map_err(bad)?
        } else {
            serde_yaml::from_value(tree).map_err(bad)?
        };
        let base = path.parent().unwrap_or(Path::new("."));
        let relative = |p: PathBuf| if p.is_absolute() { p } else { base.join(p) };
        file.repo = raw.repo;
        file.local = raw.local.map(relative);
        file.api_url = raw.api_url;
        file.token = raw.token;
        file.user = raw.user;
        file.max_wait = match raw.max_wait {
            None => None,
            Some(Yaml::String(s)) => Some(s),
            Some(Yaml::Number(n)) => Some(n.to_string()),
            Some(_) => {
                return Err(Error::usage(format!(
                    "invalid config file {}: max_wait must be a duration like 5m or 30s",
                    path.display()
                )))
            }
        };
        file.apply = raw.apply;
        for (pattern, schema) in raw.schemas.unwrap_or_default() {
            let (Some(pattern), Some(schema)) = (pattern.as_str(), schema.as_str()) else {
                return Err(Error::usage(format!(
                    "invalid config file {}: schemas maps id patterns to schema files (strings)",
                    path.display()
                )));
            };
            file.schemas
                .push((pattern.to_string(), relative(PathBuf::from(schema))));
        }
        if let Some(access) = raw.access {
            file.associations = access.associations;
            file.codeowners = access.codeowners;
            file.allow = access.allow;
        }
        Ok(file)
    }
}

fn yaml_key(key: &Yaml) -> String {
    match key.as_str() {
        Some(s) => format!("`{s}`"),
        None => serde_yaml::to_string(key)
            .unwrap_or_default()
            .trim()
            .to_string(),
    }
}

/// A commented starter file for `gh-store config init`.
pub const STARTER: &str = r#"# gh-store configuration. Precedence, lowest first: built-in defaults < this user file
# (~/.config/gh-store/config.yml) < a project's .gh-store.yml < environment variables
# (GH_STORE_*, GH_TOKEN, GITHUB_TOKEN, GH_REPO, GITHUB_REPOSITORY, GITHUB_API_URL, GH_HOST)
# < command-line flags. `gh-store config` shows what is in effect and where it came from.

# The GitHub repository that holds the objects (OWNER/REPO). Without it, and without
# `local`, gh-store uses its embedded local store.
# repo: octo-org/settings

# The embedded local store: a SQLite file (relative to this file). Takes precedence over
# `repo` when both are set in the same place.
# local: store.db

# REST API root: https://api.github.com, https://HOST/api/v3 for GitHub Enterprise Server,
# or the URL `gh-store serve` prints.
# api_url: https://api.github.com

# Prefer GH_TOKEN or GITHUB_TOKEN (or `gh auth login`) to a token in a file. If you do put
# one here, make the file readable only by you (chmod 600).
# token: ghp_...

# On the local store, the user gh-store acts as (default: your OS user name).
# user: alice

# How long to wait in total for GitHub's rate limits before giving up (exit 7).
# max_wait: 5m

# Apply updates at once instead of leaving them to the processor (default: at once on the
# local store, queued on GitHub).
# apply: false

# JSON Schemas by object-id pattern (* and ?); paths relative to this file.
# schemas:
#   "cfg-*": schemas/cfg.json

# Who may create objects and post updates.
# access:
#   associations: [OWNER, MEMBER, COLLABORATOR]
#   codeowners: true
#   allow: ["github-actions[bot]"]
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_key_and_resolves_paths() {
        let text = r#"
repo: octo/data
local: store.db
api_url: https://ghe.example.com/api/v3
user: alice
max_wait: 90s
apply: true
schemas:
  "cfg-*": schemas/cfg.json
  "*": /abs/any.json
access:
  associations: [OWNER]
  codeowners: false
  allow: ["github-actions[bot]"]
"#;
        let file = ConfigFile::parse(Path::new("/proj/.gh-store.yml"), text).unwrap();
        assert_eq!(file.repo.as_deref(), Some("octo/data"));
        assert_eq!(file.local, Some(PathBuf::from("/proj/store.db")));
        assert_eq!(file.max_wait.as_deref(), Some("90s"));
        assert_eq!(file.apply, Some(true));
        assert_eq!(
            file.schemas,
            vec![
                ("cfg-*".to_string(), PathBuf::from("/proj/schemas/cfg.json")),
                ("*".to_string(), PathBuf::from("/abs/any.json")),
            ]
        );
        assert_eq!(file.associations, Some(vec!["OWNER".to_string()]));
        assert_eq!(file.codeowners, Some(false));
        assert!(file.warnings.is_empty());
    }

    #[test]
    fn python_config_is_accepted_and_unknown_keys_warned() {
        let text = "store:\n  base_label: stored-object\n  reactions:\n    processed: \"+1\"\ncolour: blue\n";
        let file = ConfigFile::parse(Path::new("c.yml"), text).unwrap();
        assert_eq!(file.warnings.len(), 1);
        assert!(file.warnings[0].contains("`colour`"), "{:?}", file.warnings);
    }

    #[test]
    fn errors_name_file_and_line() {
        let err =
            ConfigFile::parse(Path::new("/x/c.yml"), "repo: a\nuser: [unclosed\n").unwrap_err();
        assert_eq!(err.kind, crate::error::ErrorKind::Usage);
        assert!(err.message.contains("/x/c.yml"), "{}", err.message);
        assert!(err.message.contains("line"), "{}", err.message);
        let err = ConfigFile::parse(Path::new("c.yml"), "apply: sometimes\n").unwrap_err();
        assert!(err.message.contains("line 1"), "{}", err.message);
        assert!(ConfigFile::parse(Path::new("c.yml"), "- a list\n").is_err());
        assert_eq!(
            ConfigFile::parse(Path::new("c.yml"), "").unwrap().repo,
            None
        );
    }

    #[test]
    fn starter_file_parses() {
        let file = ConfigFile::parse(Path::new("c.yml"), STARTER).unwrap();
        assert!(file.warnings.is_empty());
        assert_eq!(file.repo, None);
    }
}
