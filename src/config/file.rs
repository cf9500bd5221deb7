//! Config files: `~/.config/gh-store/config.yml` (the Python tool's file is accepted too)
//! and a project's `.gh-store.yml`. Which keys exist, and what their values may be, is
//! the settings table's to say; this module reads YAML, warns about the rest, and finds
//! lines for error messages.

use std::path::{Path, PathBuf};

use serde_yaml::{Mapping, Value as Yaml};

use super::table;
use crate::error::{Error, Result};

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
        let notes: Vec<String> = table::ALL
            .iter()
            .filter_map(|s| s.file_note(&file))
            .collect();
        file.warnings.extend(notes);
        Ok(file)
    }

    /// The value of a setting's key (`access.allow` inside `access:`, the Python tool's
    /// `store.reactions.processed` two sections deep), if the file has it.
    pub fn get(&self, key: &str) -> Option<&Yaml> {
        let mut parts = key.split('.');
        let first = self.values.get(parts.next()?)?;
        parts.try_fold(first, |yaml, part| yaml.as_mapping()?.get(part))
    }

    /// Where relative paths in the file start.
    pub fn dir(&self) -> &Path {
        match self.path.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir,
            _ => Path::new("."),
        }
    }

    /// The line that sets `key`, for messages: found in block style (`key:` at the start of
    /// a line, nested keys indented below their section). A flow mapping on a section's own
    /// line: that line.
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
        let indent = |line: &str| line.len() - line.trim_start_matches([' ', '\t']).len();
        let lines: Vec<&str> = self.text.lines().collect();
        let mut parts = key.split('.');
        let first = parts.next()?;
        let mut at = lines
            .iter()
            .position(|line| indent(line) == 0 && starts(line, first))?;
        for part in parts {
            let depth = indent(lines[at]);
            let inside = lines[at + 1..]
                .iter()
                .take_while(|line| line.trim().is_empty() || indent(line) > depth);
            match inside.enumerate().find(|(_, line)| starts(line, part)) {
                Some((i, _)) => at += 1 + i,
                None => break,
            }
        }
        Some(at + 1)
    }

    /// Unknown keys are warned about, not fatal: a file may serve several versions.
    fn drop_unknown_keys(&mut self) {
        let known: Vec<&str> = table::ALL
            .iter()
            .filter(|s| s.in_files())
            .map(|s| s.key())
            .collect();
        let mut unknown = Vec::new();
        drop_unknown_in(&mut self.values, "", &known, &mut unknown);
        let path = self.path.display().to_string();
        for key in unknown {
            let guess = suggestion(&key, &known)
                .map(|k| format!("; did you mean `{k}`?"))
                .unwrap_or_default();
            self.warnings
                .push(format!("{path}: unknown key `{key}` (ignored){guess}"));
        }
    }
}

/// Removes the keys of `map` (the section `prefix`) that no setting knows, collecting their
/// dotted names; sections of known keys are looked into.
fn drop_unknown_in(map: &mut Mapping, prefix: &str, known: &[&str], unknown: &mut Vec<String>) {
    let keys: Vec<Yaml> = map.keys().cloned().collect();
    for key in keys {
        let full = format!("{prefix}{}", bare_key(&key));
        if known.contains(&full.as_str()) {
            continue;
        }
        let section = format!("{full}.");
        if !known.iter().any(|k| k.starts_with(&section)) {
            map.remove(&key);
            unknown.push(full);
            continue;
        }
        // A section that is not a mapping: its settings say so.
        if let Some(Yaml::Mapping(inner)) = map.get_mut(&key) {
            drop_unknown_in(inner, &section, known, unknown);
        }
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

    /// The Python tool's own default file, as `gh-store config init` of that tool writes it.
    const PYTHON_DEFAULT: &str = include_str!("../../tests/fixtures/python-default-config.yml");

    #[test]
    fn the_python_default_config_is_read_without_a_warning() {
        let file = ConfigFile::parse(Path::new("c.yml"), PYTHON_DEFAULT).unwrap();
        assert_eq!(file.warnings, Vec::<String>::new());
        assert_eq!(
            file.get("store.reactions.initial_state"),
            Some(&Yaml::from("rocket"))
        );
        assert_eq!(file.line_of("store.reactions.processed"), Some(13));
        assert_eq!(file.line_of("store.retries.backoff_factor"), Some(19));
    }

    #[test]
    fn python_settings_without_effect_are_warned_about_by_name_when_changed() {
        let text = "store:\n  base_label: mine\n  uid_prefix: \"UID:\"\n  retries:\n    max_attempts: 9\n  \
                    reactions:\n    processed: heart\n    colour: blue\n";
        let file = ConfigFile::parse(Path::new("c.yml"), text).unwrap();
        let starts: Vec<&str> = file
            .warnings
            .iter()
            .map(|w| w.split(" has no effect").next().unwrap())
            .collect();
        assert_eq!(
            starts,
            [
                "c.yml: unknown key `store.reactions.colour` (ignored)",
                "c.yml:2: store.base_label",
                "c.yml:4: store.retries",
            ]
        );
        assert!(file.warnings[1].contains("Python gh-store 0.11.3 ignores it too"));
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
