//! Parsing setting values: repositories, durations, booleans, paths, lists. Text parsers
//! (flags, variables, file scalars) say what was expected, not the value: the caller
//! names the value and where it came from.

use std::path::{Path, PathBuf};

use serde_yaml::Value as Yaml;

use crate::tracker::github::Token;
use crate::tracker::AuthorAssociation;

/// A repository: `OWNER/REPO`, with the host `HOST/OWNER/REPO` names (as `GH_REPO` allows).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repo {
    pub host: Option<String>,
    pub owner: String,
    pub name: String,
}

impl Repo {
    /// `OWNER/REPO`.
    pub fn full_name(&self) -> String {
        format!("{}/{}", self.owner, self.name)
    }
}

/// Where a GitHub App's private key is: a PEM file, or the PEM itself from the environment
/// (an Actions secret). Read when the App authenticates, so that `gh-store config` works
/// with a key it cannot read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AppKey {
    File(PathBuf),
    /// The PEM text, kept as a [`Token`] so that it is never shown.
    Pem(Token),
}

impl AppKey {
    /// The PEM text; the error says why the file cannot be read.
    pub fn read(&self) -> Result<String, String> {
        match self {
            AppKey::File(path) => std::fs::read_to_string(path)
                .map_err(|e| format!("cannot read the key file {}: {e}", path.display())),
            AppKey::Pem(pem) => Ok(pem.expose().to_string()),
        }
    }
}

/// An App id (digits) or client id (`Iv1.…`): one word.
pub(super) fn parse_app_id(text: &str) -> Result<Option<String>, String> {
    let id = text.trim();
    if id.is_empty() || id.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err("expected the App's id (digits) or client id".into());
    }
    Ok(Some(id.to_string()))
}

/// `OWNER/REPO` or `HOST/OWNER/REPO`, with the characters GitHub allows in each part:
/// anything else (`..`, an empty part, a space, `%`) would be sent as part of a path.
pub(super) fn parse_repo(text: &str) -> Result<Repo, String> {
    let expected = || "expected OWNER/REPO (or HOST/OWNER/REPO)".to_string();
    let parts: Vec<&str> = text.split('/').collect();
    let (host, owner, name) = match parts.as_slice() {
        [owner, name] => (None, *owner, *name),
        [host, owner, name] => (Some(*host), *owner, *name),
        _ => return Err(expected()),
    };
    if let Some(host) = host {
        if !is_host(host) {
            return Err(format!("{host:?} is not a host name"));
        }
    }
    // Owners: letters, digits and hyphens (and the underscore of Enterprise Managed Users).
    let owner_ok = !owner.is_empty()
        && owner
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !owner_ok {
        return Err(format!(
            "{owner:?} is not an owner name (letters, digits, - and _)"
        ));
    }
    // Repositories: letters, digits, `-`, `_` and `.`, but not `.` or `..`.
    let name_ok = !name.is_empty()
        && name.len() <= 100
        && name != "."
        && name != ".."
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if !name_ok {
        return Err(format!(
            "{name:?} is not a repository name (letters, digits, -, _ and ., not . or ..)"
        ));
    }
    Ok(Repo {
        host: host.map(str::to_string),
        owner: owner.to_string(),
        name: name.to_string(),
    })
}

/// `github.com`, `ghe.example.com:8443`.
fn is_host(text: &str) -> bool {
    let (name, port) = match text.rsplit_once(':') {
        Some((name, port)) => (name, Some(port)),
        None => (text, None),
    };
    let labels_ok = !name.is_empty()
        && name.split('.').all(|label| {
            !label.is_empty()
                && !label.starts_with('-')
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        });
    labels_ok && port.is_none_or(|p| !p.is_empty() && p.parse::<u16>().is_ok())
}

/// A boolean in a variable: `1/0`, `true/false`, `yes/no`, `on/off`.
pub(super) fn parse_bool(text: &str) -> Result<bool, String> {
    match text.to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "on" => Ok(true),
        "0" | "false" | "no" | "off" => Ok(false),
        _ => Err("expected true or false".into()),
    }
}

pub(super) fn parse_text(text: &str) -> Result<String, String> {
    Ok(text.to_string())
}

pub(super) fn parse_path(text: &str) -> Result<PathBuf, String> {
    Ok(PathBuf::from(text))
}

/// A YAML boolean (`true`, `false`).
pub(super) fn yaml_bool(yaml: &Yaml, _: &Path) -> Result<bool, String> {
    yaml.as_bool()
        .ok_or_else(|| "expected true or false".to_string())
}

/// A path in a config file: relative to the file's directory.
pub(super) fn yaml_path(yaml: &Yaml, dir: &Path) -> Result<PathBuf, String> {
    let text = yaml.as_str().ok_or("expected a file name")?;
    Ok(relative_to(dir, text))
}

pub(super) fn relative_to(dir: &Path, path: &str) -> PathBuf {
    let path = PathBuf::from(path);
    if path.is_absolute() {
        path
    } else {
        dir.join(path)
    }
}

/// A YAML list of strings.
/// Any YAML that JSON can hold, for settings shown but not interpreted.
pub(super) fn yaml_json(yaml: &Yaml, _: &Path) -> Result<serde_json::Value, String> {
    serde_json::to_value(yaml).map_err(|e| e.to_string())
}

pub(super) fn yaml_strings(yaml: &Yaml, _: &Path) -> Result<Vec<String>, String> {
    let error = || "expected a list of strings".to_string();
    yaml.as_sequence()
        .ok_or_else(error)?
        .iter()
        .map(|item| item.as_str().map(str::to_string).ok_or_else(error))
        .collect()
}

pub(super) fn yaml_associations(yaml: &Yaml, dir: &Path) -> Result<Vec<AuthorAssociation>, String> {
    yaml_strings(yaml, dir)?
        .iter()
        .map(|name| {
            AuthorAssociation::parse(name)
                .ok_or_else(|| format!("unknown author association {name:?}"))
        })
        .collect()
}

/// `pattern: schema file` pairs in file order, files relative to the config file.
pub(super) fn yaml_schema_rules(yaml: &Yaml, dir: &Path) -> Result<Vec<(String, PathBuf)>, String> {
    let error = || "expected a map of id patterns to schema files (strings)".to_string();
    let mut rules = Vec::new();
    for (pattern, file) in yaml.as_mapping().ok_or_else(error)? {
        let (Some(pattern), Some(file)) = (pattern.as_str(), file.as_str()) else {
            return Err(error());
        };
        rules.push((pattern.to_string(), relative_to(dir, file)));
    }
    Ok(rules)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repositories_are_what_github_allows() {
        assert_eq!(parse_repo("octo/data").unwrap().full_name(), "octo/data");
        let ghes = parse_repo("ghe.example.com:8443/my_org/web.site").unwrap();
        assert_eq!(ghes.host.as_deref(), Some("ghe.example.com:8443"));
        assert_eq!(ghes.full_name(), "my_org/web.site");
        for bad in [
            "alice/..",
            "../x",
            "alice/.",
            "./x",
            "alice/",
            "/x",
            "a//b",
            "alice/my repo",
            "alice/a%2Fb",
            "alice/a?b",
            "a/b/c/d",
            "bad host/o/r",
            "host:x/o/r",
            "-host/o/r",
            "",
        ] {
            assert!(parse_repo(bad).is_err(), "{bad:?} accepted");
        }
    }
}
