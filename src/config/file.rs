//! Config files: `~/.config/gh-store/config.yml` (the Python tool's file is accepted too)
//! and a project's `.gh-store.yml`. Which keys exist, and what their values may be, is
//! the settings table's to say; this module reads YAML, warns about the rest, and finds
//! lines for error messages.

use std::path::{Path, PathBuf};

use serde_yaml::{Mapping, Value as Yaml};

use super::table;
use crate::error::{Error, Result};

/// Sections of other tools, accepted whatever they hold. `store` is the Python tool's.
const FOREIGN_SECTIONS: [&str; 1] = ["store"];

/// One config file, its unknown keys removed (and warned about).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ConfigFile {
    pub path: PathBuf,
    values: Mapping,
    text: String,
    /// Unknown keys, a readable file holding a secret: notes for the caller to print.
    pub warnings: Vec<String>,
}

impl ConfigFile {
    /// Reads and parses a file; errors name the file and, where they can, the line.
    pub fn load(path: &Path) -> Result<ConfigFile> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            Error::usage(format!("cannot read config file {}: {e}", path.display()))
        })?;
        let mut file = ConfigFile::parse(path, &text)?;
        let secrets: Vec<&str> = table::ALL
            .iter()
            .filter(|s| s.is_secret() && file.get(s.key()).is_some())
            .map(|s| s.key())
            .collect();
        if !secrets.is_empty() && readable_by_others(path) {
            file.warnings.push(format!(
                "{} holds a {} and is readable by other users: run `chmod 600 {}`",
                path.display(),
                secrets.join(" and a "),
                path.display()
            ));
        }
        Ok(file)
    }

    /// Parses a file's text: a YAML mapping whose known values must each be valid.
    pub fn parse(path: &Path, text: &str) -> Result<ConfigFile> {
        let mut file = ConfigFile {
            path: path.to_path_buf(),
            text: text.to_string(),
            ..ConfigFile::default()
        };
        let tree: Yaml = serde_yaml::from_str(text).map_err(|e| {
            let at = e
                .location()
                .map(|l| format!(" (line {}, column {})", l.line(), l.column()))
                .unwrap_or_default();
            Error::usage(format!("invalid config file {}{at}: {e}", path.display()))
        })?;
        file.values = match tree {
            Yaml::Null => Mapping::new(),
            Yaml::Mapping(map) => map,
            _ => {
                return Err(Error::usage(format!(
                    "invalid config file {}: expected a mapping of settings",
                    path.display()
                )))
            }
        };
        file.drop_unknown_keys();
        for setting in table::ALL {
            setting.check_file(&file)?;
        }
        Ok(file)
    }

    /// The value of a setting's key (`access.allow` inside `access:`), if the file has it.
    pub fn get(&self, key: &str) -> Option<&Yaml> {
        match key.split_once('.') {
            None => self.values.get(key),
            Some((section, key)) => self.values.get(section)?.as_mapping()?.get(key),
        }
    }

    /// Where relative paths in the file start.
    pub fn dir(&self) -> &Path {
        match self.path.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir,
            _ => Path::new("."),
        }
    }

    /// The line that sets `key`, for messages: found in block style (`key:` at the start of
    /// a line, nested keys indented below their section).
    pub fn line_of(&self, key: &str) -> Option<usize> {
        let starts = |line: &str, key: &str| {
            let line = line.trim_start();
            [key.to_string(), format!("\"{key}\""), format!("'{key}'")]
                .iter()
                .any(|k| {
                    line.strip_prefix(k.as_str())
                        .is_some_and(|rest| rest.trim_start().starts_with(':'))
                })
        };
        let lines: Vec<&str> = self.text.lines().collect();
        let top = |key: &str| {
            lines
                .iter()
                .position(|line| !line.starts_with([' ', '\t']) && starts(line, key))
        };
        match key.split_once('.') {
            None => top(key).map(|i| i + 1),
            Some((section, key)) => {
                let start = top(section)?;
                let inside = lines[start + 1..]
                    .iter()
                    .take_while(|line| line.trim().is_empty() || line.starts_with([' ', '\t']));
                // A flow mapping on the section's own line: that line.
                let at = inside
                    .enumerate()
                    .find(|(_, line)| starts(line, key))
                    .map_or(start, |(i, _)| start + 1 + i);
                Some(at + 1)
            }
        }
    }

    /// Unknown keys are warned about, not fatal: a file may serve several versions.
    fn drop_unknown_keys(&mut self) {
        let known: Vec<&str> = table::ALL
            .iter()
            .filter(|s| s.in_files())
            .map(|s| s.key())
            .collect();
        let is_section = |name: &str| {
            known
                .iter()
                .any(|k| k.split_once('.').is_some_and(|(s, _)| s == name))
        };
        let mut warnings = Vec::new();
        let path = self.path.display().to_string();
        let unknown = |key: String, warnings: &mut Vec<String>| {
            let guess = suggestion(&key, &known)
                .map(|k| format!("; did you mean `{k}`?"))
                .unwrap_or_default();
            warnings.push(format!("{path}: unknown key {key} (ignored){guess}"));
        };
        let top: Vec<Yaml> = self.values.keys().cloned().collect();
        for key in top {
            let name = key.as_str().unwrap_or_default().to_string();
            if FOREIGN_SECTIONS.contains(&name.as_str()) || known.contains(&name.as_str()) {
                continue;
            }
            if !is_section(&name) {
                self.values.remove(&key);
                unknown(yaml_key(&key), &mut warnings);
                continue;
            }
            let Some(Yaml::Mapping(section)) = self.values.get_mut(&key) else {
                continue; // A section that is not a mapping: its settings say so.
            };
            let inner: Vec<Yaml> = section.keys().cloned().collect();
            for sub in inner {
                let full = format!("{name}.{}", sub.as_str().unwrap_or_default());
                if !known.contains(&full.as_str()) {
                    section.remove(&sub);
                    unknown(format!("`{name}.{}`", bare_key(&sub)), &mut warnings);
                }
            }
        }
        self.warnings.extend(warnings);
    }
}

/// A known key close to an unknown one (`max-wait` → `max_wait`, `codeowners` →
/// `access.codeowners`).
fn suggestion<'a>(unknown: &str, known: &[&'a str]) -> Option<&'a str> {
    let unknown = unknown.trim_matches('`');
    known
        .iter()
        .map(|&k| {
            let leaf = k.rsplit('.').next().unwrap_or(k);
            (
                edit_distance(unknown, k).min(edit_distance(unknown, leaf)),
                k,
            )
        })
        .filter(|&(distance, _)| distance <= 2)
        .min_by_key(|&(distance, _)| distance)
        .map(|(_, k)| k)
}

/// Levenshtein distance, ignoring case and `-` vs `_`.
fn edit_distance(a: &str, b: &str) -> usize {
    let norm = |s: &str| -> Vec<char> {
        s.chars()
            .map(|c| {
                if c == '-' {
                    '_'
                } else {
                    c.to_ascii_lowercase()
                }
            })
            .collect()
    };
    let (a, b) = (norm(a), norm(b));
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

fn yaml_key(key: &Yaml) -> String {
    format!("`{}`", bare_key(key))
}

fn bare_key(key: &Yaml) -> String {
    match key.as_str() {
        Some(s) => s.to_string(),
        None => serde_yaml::to_string(key)
            .unwrap_or_default()
            .trim()
            .to_string(),
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::table::{
        ALLOW, APPLY, ASSOCIATIONS, CODEOWNERS, LOCAL, MAX_WAIT, REPO, SCHEMAS,
    };
    use crate::tracker::AuthorAssociation;
    use std::time::Duration;

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
        assert_eq!(
            REPO.read_file(&file)
                .unwrap()
                .unwrap()
                .map(|r| r.full_name()),
            Some("octo/data".to_string())
        );
        assert_eq!(
            LOCAL.read_file(&file).unwrap(),
            Some(PathBuf::from("/proj/store.db"))
        );
        assert_eq!(
            MAX_WAIT.read_file(&file).unwrap(),
            Some(Duration::from_secs(90))
        );
        assert_eq!(APPLY.read_file(&file).unwrap(), Some(true));
        let schemas: Vec<(String, PathBuf)> = SCHEMAS
            .read_file(&file)
            .unwrap()
            .unwrap()
            .into_iter()
            .map(|rule| rule.value)
            .collect();
        assert_eq!(
            schemas,
            vec![
                ("cfg-*".to_string(), PathBuf::from("/proj/schemas/cfg.json")),
                ("*".to_string(), PathBuf::from("/abs/any.json")),
            ]
        );
        assert_eq!(
            ASSOCIATIONS.read_file(&file).unwrap(),
            Some(vec![AuthorAssociation::Owner])
        );
        assert_eq!(CODEOWNERS.read_file(&file).unwrap(), Some(false));
        assert_eq!(
            ALLOW.read_file(&file).unwrap(),
            Some(vec!["github-actions[bot]".to_string()])
        );
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
    fn unknown_keys_suggest_the_nearest_known_one() {
        let text = "max-wait: 1m\ncodeowners: true\naccess:\n  alow: [x]\nzebra: 1\n";
        let file = ConfigFile::parse(Path::new("c.yml"), text).unwrap();
        assert_eq!(
            file.warnings,
            [
                "c.yml: unknown key `max-wait` (ignored); did you mean `max_wait`?",
                "c.yml: unknown key `codeowners` (ignored); did you mean `access.codeowners`?",
                "c.yml: unknown key `access.alow` (ignored); did you mean `access.allow`?",
                "c.yml: unknown key `zebra` (ignored)",
            ]
        );
        assert!(file.get("max-wait").is_none() && file.get("access.alow").is_none());
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
            ConfigFile::parse(Path::new("c.yml"), "")
                .unwrap()
                .get("repo"),
            None
        );
        let text = "# settings\nuser: bob\naccess:\n  allow: [x]\n\n  codeowners: maybe\n";
        let err = ConfigFile::parse(Path::new("c.yml"), text).unwrap_err();
        assert_eq!(
            err.message,
            "invalid config file c.yml (line 6): access.codeowners: expected true or false"
        );
        let err = ConfigFile::parse(Path::new("c.yml"), "repo: [a, b]\n").unwrap_err();
        assert_eq!(
            err.message,
            "invalid config file c.yml (line 1): repo: expected a string"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_readable_file_holding_a_token_is_warned_about_when_read() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.yml");
        std::fs::write(&path, "token: ghp_x\n").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        let file = ConfigFile::load(&path).unwrap();
        assert_eq!(file.warnings.len(), 1);
        assert!(file.warnings[0].contains("holds a token and is readable by other users"));
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        assert!(ConfigFile::load(&path).unwrap().warnings.is_empty());
    }
}
