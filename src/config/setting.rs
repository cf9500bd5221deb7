//! What a setting is: one description (name, flag, environment variables, file key,
//! default, parser, starter-file text) from which its resolution, its `gh-store config`
//! rows, the known config-file keys, the global flags and the starter file all follow.
//! The settings themselves are in `table.rs`.

use std::any::Any;
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;

use serde_json::Value;
use serde_yaml::Value as Yaml;

use super::environment::Environment;
use super::file::ConfigFile;
use super::{Origin, Overrides, Sourced};
use crate::error::{Error, Result};

/// A resolved value, type-erased: a `Sourced<T>` of its setting's `T`.
pub(super) type Resolved = Arc<dyn Any + Send + Sync>;

/// A value derived from other settings, as text for the setting's parser.
pub type Fallback = fn(&Resolver) -> Result<Option<Sourced<String>>>;
/// A resolution of a setting's own.
pub type Custom<T> = fn(&Resolver) -> Result<Sourced<T>>;
/// A rule on a resolved value.
pub type Check<T> = fn(&Resolver, &Sourced<T>) -> Result<()>;
/// Rows of `gh-store config` for a value.
pub type Rows<T> = fn(&Sourced<T>) -> Vec<Row>;

/// A command-line flag. Every setting's flag is global (`gh-store -R o/r list` and
/// `gh-store list -R o/r` alike).
#[derive(Debug, Clone, Copy)]
pub struct Flag {
    /// `--max-wait`: how origins and errors name it.
    pub name: &'static str,
    pub short: Option<char>,
    /// `None` for a switch (`-v`): present means the text `true`.
    pub value_name: Option<&'static str>,
    /// Its value is a file name (for shell completions).
    pub path: bool,
    pub help: &'static str,
}

impl Flag {
    pub const fn value(name: &'static str, value_name: &'static str, help: &'static str) -> Flag {
        Flag {
            name,
            short: None,
            value_name: Some(value_name),
            path: false,
            help,
        }
    }

    pub const fn switch(name: &'static str, help: &'static str) -> Flag {
        Flag {
            name,
            short: None,
            value_name: None,
            path: false,
            help,
        }
    }

    pub const fn short(mut self, short: char) -> Flag {
        self.short = Some(short);
        self
    }

    pub const fn path(mut self) -> Flag {
        self.path = true;
        self
    }

    /// `max-wait`, as clap wants it.
    pub fn long(&self) -> &'static str {
        self.name.trim_start_matches('-')
    }
}

/// An environment variable read for a setting: its text as the value, or mapped to one
/// (`GH_HOST` names a host, the setting wants an API URL).
#[derive(Debug, Clone, Copy)]
pub struct Env {
    pub name: &'static str,
    pub via: Option<fn(&str) -> String>,
}

impl Env {
    pub const fn var(name: &'static str) -> Env {
        Env { name, via: None }
    }

    pub const fn mapped(name: &'static str, via: fn(&str) -> String) -> Env {
        Env {
            name,
            via: Some(via),
        }
    }
}

/// How a config file holds a setting.
pub enum FileValue<T: 'static> {
    /// Not in config files.
    None,
    /// A YAML string, read by the setting's parser.
    Text,
    /// A YAML string or number (`max_wait: 90`), read by the setting's parser.
    Scalar,
    /// Anything else (booleans, lists, maps, paths relative to the file's directory).
    Yaml(fn(&Yaml, &Path) -> std::result::Result<T, String>),
}

/// What `gh-store config init` writes for a setting, commented out: the comment, then
/// `key: example` (an example starting with a newline is a block).
#[derive(Debug, Clone, Copy)]
pub struct Starter {
    pub comment: &'static str,
    pub example: &'static str,
}

/// One line of `gh-store config`.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub key: String,
    pub value: Value,
    pub origin: String,
}

impl Row {
    pub fn new(key: impl Into<String>, value: Value, origin: impl ToString) -> Row {
        Row {
            key: key.into(),
            value,
            origin: origin.to_string(),
        }
    }
}

/// One setting. Resolution, unless `custom`: the flag, then each environment variable in
/// order, then `fallback`, then the config files (project before user), then `default`;
/// then `check`. A value that does not parse is a usage error naming where it came from.
pub struct Setting<T: 'static> {
    /// The row of `gh-store config`, and the key in config files (`access.allow` is
    /// `allow:` inside `access:`).
    pub key: &'static str,
    pub flag: Option<Flag>,
    pub env: &'static [Env],
    pub file: FileValue<T>,
    /// Reads the text of a flag, a variable or a file scalar. Flags are checked with it by
    /// clap, so that a bad value is reported naming the flag before anything runs.
    pub parse: fn(&str) -> std::result::Result<T, String>,
    pub default: fn(&Resolver) -> Result<T>,
    /// The variable the default was read from, if it was (the acting user's from `USER`).
    pub default_from: Option<fn(&Resolver) -> Option<&'static str>>,
    /// Consulted after the environment, before the files: a value derived from another
    /// setting (the API URL from the host in `GH_REPO`).
    pub fallback: Option<Fallback>,
    /// A resolution of its own instead of the chain above (tokens, schema rules).
    pub custom: Option<Custom<T>>,
    /// A rule on the resolved value that depends on other settings.
    pub check: Option<Check<T>>,
    /// The value as `gh-store config` shows it.
    pub show: fn(&T) -> Value,
    /// Rows of its own instead of one (`schemas.<pattern>`); may be none.
    pub rows: Option<Rows<T>>,
    /// Added to errors about its value.
    pub hint: Option<&'static str>,
    /// Never shown; a config file that holds it must not be readable by others.
    pub secret: bool,
    pub starter: Option<Starter>,
    /// A setting of the Python gh-store's `store:` section that gh-store reads but does not
    /// act on: a file that changes it from the Python default is warned about by name.
    pub unused: Option<Unused>,
}

/// See [`Setting::unused`].
#[derive(Debug, Clone, Copy)]
pub struct Unused {
    /// The Python tool's default, as YAML.
    pub default: &'static str,
    /// Why changing it has no effect here.
    pub why: &'static str,
}

impl<T: Send + Sync + 'static> Setting<T> {
    /// A setting read from nowhere yet: add sources and a default with the methods below.
    pub const fn new(
        key: &'static str,
        parse: fn(&str) -> std::result::Result<T, String>,
        show: fn(&T) -> Value,
    ) -> Setting<T> {
        Setting {
            key,
            flag: None,
            env: &[],
            file: FileValue::None,
            parse,
            default: no_default,
            default_from: None,
            fallback: None,
            custom: None,
            check: None,
            show,
            rows: None,
            hint: None,
            secret: false,
            starter: None,
            unused: None,
        }
    }

    pub const fn default(mut self, default: fn(&Resolver) -> Result<T>) -> Self {
        self.default = default;
        self
    }

    /// Names the variable a default derived from the environment came from, for `gh-store
    /// config` (its origin stays a default: it ranks below every file).
    pub const fn default_from(mut self, from: fn(&Resolver) -> Option<&'static str>) -> Self {
        self.default_from = Some(from);
        self
    }

    pub const fn secret(mut self) -> Self {
        self.secret = true;
        self
    }

    pub const fn flag(mut self, flag: Flag) -> Self {
        self.flag = Some(flag);
        self
    }

    pub const fn env(mut self, env: &'static [Env]) -> Self {
        self.env = env;
        self
    }

    pub const fn file(mut self, file: FileValue<T>) -> Self {
        self.file = file;
        self
    }

    pub const fn fallback(mut self, f: Fallback) -> Self {
        self.fallback = Some(f);
        self
    }

    pub const fn custom(mut self, f: Custom<T>) -> Self {
        self.custom = Some(f);
        self
    }

    pub const fn check(mut self, f: Check<T>) -> Self {
        self.check = Some(f);
        self
    }

    pub const fn rows(mut self, f: Rows<T>) -> Self {
        self.rows = Some(f);
        self
    }

    pub const fn hint(mut self, hint: &'static str) -> Self {
        self.hint = Some(hint);
        self
    }

    pub const fn starter(mut self, comment: &'static str, example: &'static str) -> Self {
        self.starter = Some(Starter { comment, example });
        self
    }

    pub const fn unused(mut self, default: &'static str, why: &'static str) -> Self {
        self.unused = Some(Unused { default, why });
        self
    }

    fn invalid(&self, text: &str, origin: &Origin, why: String) -> Error {
        self.with_hint(Error::usage(format!(
            "invalid {} {text:?} from {origin}: {why}",
            self.key
        )))
    }

    fn with_hint(&self, error: Error) -> Error {
        match self.hint {
            Some(hint) => error.with_hint(hint),
            None => error,
        }
    }

    /// The value a config file holds, if it holds one.
    pub(super) fn read_file(&self, file: &ConfigFile) -> Result<Option<T>> {
        let Some(yaml) = file.get(self.key) else {
            return Ok(None);
        };
        let text = |yaml: &Yaml, numbers: bool| match yaml {
            Yaml::String(s) => Ok(s.clone()),
            Yaml::Number(n) if numbers => Ok(n.to_string()),
            _ if numbers => Err("expected a string or a number".to_string()),
            _ => Err("expected a string".to_string()),
        };
        let parsed = match &self.file {
            FileValue::None => return Ok(None),
            FileValue::Text => text(yaml, false).and_then(|t| (self.parse)(&t)),
            FileValue::Scalar => text(yaml, true).and_then(|t| (self.parse)(&t)),
            FileValue::Yaml(read) => read(yaml, file.dir()),
        };
        parsed.map(Some).map_err(|why| {
            let at = file
                .line_of(self.key)
                .map(|line| format!(" (line {line})"))
                .unwrap_or_default();
            self.with_hint(Error::usage(format!(
                "invalid config file {}{at}: {}: {why}",
                file.path.display(),
                self.key
            )))
        })
    }

    fn chain(&self, r: &Resolver) -> Result<Sourced<T>> {
        if let Some(flag) = &self.flag {
            if let Some(text) = r.flags.get(self.key) {
                let origin = Origin::Flag(flag.name);
                return (self.parse)(text)
                    .map(|value| Sourced::new(value, origin.clone()))
                    .map_err(|why| self.invalid(text, &origin, why));
            }
        }
        for env in self.env {
            if let Some(raw) = r.env.var(env.name) {
                let text = env.via.map_or_else(|| raw.to_string(), |via| via(raw));
                let origin = Origin::Env(env.name);
                return (self.parse)(&text)
                    .map(|value| Sourced::new(value, origin.clone()))
                    .map_err(|why| self.invalid(raw, &origin, why));
            }
        }
        if let Some(fallback) = self.fallback {
            if let Some(Sourced { value, origin }) = fallback(r)? {
                return (self.parse)(&value)
                    .map(|parsed| Sourced::new(parsed, origin.clone()))
                    .map_err(|why| self.invalid(&value, &origin, why));
            }
        }
        for (file, origin) in &r.layers {
            if let Some(value) = self.read_file(file)? {
                return Ok(Sourced::new(value, origin.clone()));
            }
        }
        let origin = match self.default_from.and_then(|from| from(r)) {
            Some(name) => Origin::DefaultFrom(name),
            None => Origin::Default,
        };
        Ok(Sourced::new((self.default)(r)?, origin))
    }
}

fn no_default<T>(_: &Resolver) -> Result<T> {
    Err(Error::failure(
        "internal error: a setting without a default was not given",
    ))
}

/// A setting with its value's type erased, as the table lists it.
pub trait Describe: Sync {
    fn key(&self) -> &'static str;
    fn flag(&self) -> Option<&Flag>;
    /// Every variable it reads, for help texts.
    fn env_names(&self) -> Vec<&'static str>;
    fn in_files(&self) -> bool;
    fn is_secret(&self) -> bool;
    fn starter(&self) -> Option<&Starter>;
    /// Whether `text` would do as the flag's value: what clap checks.
    fn check_flag(&self, text: &str) -> std::result::Result<(), String>;
    /// Checks a config file's value (so that a bad one is reported when the file is read,
    /// with its line).
    fn check_file(&self, file: &ConfigFile) -> Result<()>;
    /// A Python setting without effect here (see [`Setting::unused`]).
    fn is_unused(&self) -> bool;
    /// A warning about the file's value: set, but without effect.
    fn file_note(&self, file: &ConfigFile) -> Option<String>;
    fn resolve(&self, r: &Resolver) -> Result<Resolved>;
    fn rows(&self, value: &Resolved) -> Vec<Row>;
}

impl<T: Send + Sync + 'static> Describe for Setting<T> {
    fn key(&self) -> &'static str {
        self.key
    }

    fn flag(&self) -> Option<&Flag> {
        self.flag.as_ref()
    }

    fn env_names(&self) -> Vec<&'static str> {
        self.env.iter().map(|e| e.name).collect()
    }

    fn in_files(&self) -> bool {
        !matches!(self.file, FileValue::None)
    }

    fn is_secret(&self) -> bool {
        self.secret
    }

    fn starter(&self) -> Option<&Starter> {
        self.starter.as_ref()
    }

    fn check_flag(&self, text: &str) -> std::result::Result<(), String> {
        (self.parse)(text).map(drop)
    }

    fn check_file(&self, file: &ConfigFile) -> Result<()> {
        self.read_file(file).map(drop)
    }

    fn is_unused(&self) -> bool {
        self.unused.is_some()
    }

    fn file_note(&self, file: &ConfigFile) -> Option<String> {
        let unused = self.unused?;
        let value = file.get(self.key)?;
        let default: Yaml = serde_yaml::from_str(unused.default).expect("a valid default");
        (*value != default).then(|| {
            let at = file
                .line_of(self.key)
                .map(|line| format!(":{line}"))
                .unwrap_or_default();
            format!(
                "{}{at}: {} has no effect: {}",
                file.path.display(),
                self.key,
                unused.why
            )
        })
    }

    fn resolve(&self, r: &Resolver) -> Result<Resolved> {
        let value = match self.custom {
            Some(custom) => custom(r)?,
            None => self.chain(r)?,
        };
        if let Some(check) = self.check {
            check(r, &value)?;
        }
        Ok(Arc::new(value))
    }

    fn rows(&self, value: &Resolved) -> Vec<Row> {
        let value = value
            .downcast_ref::<Sourced<T>>()
            .expect("a setting's value has its type");
        match self.rows {
            Some(rows) => rows(value),
            None => vec![Row::new(self.key, (self.show)(&value.value), &value.origin)],
        }
    }
}

/// Resolves settings on demand, each once: a setting that depends on another (the backend
/// on the repository, the token on the API URL) asks for it, whatever the table's order.
pub struct Resolver<'a> {
    pub env: &'a Environment,
    pub(super) flags: &'a Overrides,
    /// Config files, highest precedence first.
    pub(super) layers: Vec<(ConfigFile, Origin)>,
    resolved: RefCell<HashMap<&'static str, Resolved>>,
    resolving: RefCell<HashSet<&'static str>>,
}

impl<'a> Resolver<'a> {
    pub(super) fn new(flags: &'a Overrides, env: &'a Environment) -> Resolver<'a> {
        Resolver {
            env,
            flags,
            layers: Vec::new(),
            resolved: RefCell::default(),
            resolving: RefCell::default(),
        }
    }

    /// A setting's value, resolving it (and what it depends on) the first time.
    pub fn get<T: Send + Sync + 'static>(
        &self,
        setting: &'static Setting<T>,
    ) -> Result<Arc<Sourced<T>>> {
        let value = self.resolve(setting)?;
        Ok(value
            .downcast::<Sourced<T>>()
            .unwrap_or_else(|_| panic!("setting {} has one type", setting.key)))
    }

    pub(super) fn resolve(&self, setting: &'static dyn Describe) -> Result<Resolved> {
        let key = setting.key();
        if let Some(value) = self.resolved.borrow().get(key) {
            return Ok(value.clone());
        }
        assert!(
            self.resolving.borrow_mut().insert(key),
            "settings depend on each other in a circle through {key}"
        );
        let value = setting.resolve(self);
        self.resolving.borrow_mut().remove(key);
        let value = value?;
        self.resolved.borrow_mut().insert(key, value.clone());
        Ok(value)
    }

    /// The config files read, highest precedence first.
    pub fn layers(&self) -> &[(ConfigFile, Origin)] {
        &self.layers
    }

    pub(super) fn into_values(self) -> HashMap<&'static str, Resolved> {
        self.resolved.into_inner()
    }
}
