//! JSON Schemas for objects, chosen by object-id glob patterns and compiled once per run.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use serde_json::Value;

use crate::error::{Error, Result};

/// Schemas by object-id pattern (`*` any run of characters, `?` one character). The first
/// matching pattern wins.
#[derive(Default)]
pub struct SchemaSet {
    rules: Vec<(String, PathBuf)>,
    compiled: Mutex<HashMap<PathBuf, Arc<jsonschema::Validator>>>,
}

impl std::fmt::Debug for SchemaSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SchemaSet")
            .field("rules", &self.rules)
            .finish()
    }
}

impl SchemaSet {
    pub fn new() -> SchemaSet {
        SchemaSet::default()
    }

    /// Adds a rule; earlier rules take precedence.
    pub fn add(&mut self, pattern: impl Into<String>, file: impl Into<PathBuf>) {
        self.rules.push((pattern.into(), file.into()));
    }

    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// The schema file that applies to an object, if any.
    pub fn file_for(&self, object_id: &str) -> Option<&Path> {
        self.rules
            .iter()
            .find(|(pattern, _)| glob_match(pattern, object_id))
            .map(|(_, file)| file.as_path())
    }

    /// Validates an object's data against its schema (if one applies). The error names the
    /// first failing instance path and rule: `/port: "x" is not of type "integer"`.
    pub fn validate(&self, object_id: &str, data: &Value) -> Result<()> {
        let Some(file) = self.file_for(object_id) else {
            return Ok(());
        };
        let validator = self.compiled(file)?;
        let mut errors = validator.iter_errors(data);
        let Some(first) = errors.next() else {
            return Ok(());
        };
        let path = first.instance_path().as_str();
        let path = if path.is_empty() { "/" } else { path };
        let more = errors.count();
        let mut error = Error::rejected(format!("{path}: {first}"))
            .with_hint(format!("schema: {}", file.display()));
        if more > 0 {
            error = error.with_cause(format!("and {more} more violation(s)"));
        }
        Err(error)
    }

    fn compiled(&self, file: &Path) -> Result<Arc<jsonschema::Validator>> {
        let mut cache = self.compiled.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(validator) = cache.get(file) {
            return Ok(validator.clone());
        }
        let validator = Arc::new(compile(file)?);
        cache.insert(file.to_path_buf(), validator.clone());
        Ok(validator)
    }
}

/// Compiles a schema file; its relative `$ref`s resolve against its own location, and only
/// local files may be referenced (never the network).
pub fn compile(file: &Path) -> Result<jsonschema::Validator> {
    let invalid =
        |why: String| Error::usage(format!("invalid JSON Schema {}: {why}", file.display()));
    let text = std::fs::read_to_string(file)
        .map_err(|e| Error::usage(format!("cannot read JSON Schema {}: {e}", file.display())))?;
    let schema = crate::json::parse(&text).map_err(|e| invalid(e.to_string()))?;
    jsonschema::meta::validate(&schema).map_err(|e| invalid(e.to_string()))?;
    let absolute = std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf());
    jsonschema::options()
        .with_base_uri(format!("file://{}", absolute.display()))
        .with_retriever(LocalFilesOnly)
        .build(&schema)
        .map_err(|e| invalid(e.to_string()))
}

struct LocalFilesOnly;

impl jsonschema::Retrieve for LocalFilesOnly {
    fn retrieve(
        &self,
        uri: &jsonschema::Uri<String>,
    ) -> std::result::Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        if uri.scheme().as_str() != "file" {
            return Err(format!("{uri}: only local files may be referenced").into());
        }
        let path = uri.path().as_str();
        let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
        Ok(crate::json::parse(&text)?)
    }
}

/// `*` matches any run of characters (including none), `?` exactly one.
pub fn glob_match(pattern: &str, text: &str) -> bool {
    let pattern: Vec<char> = pattern.chars().collect();
    let text: Vec<char> = text.chars().collect();
    let (mut p, mut t) = (0, 0);
    let mut backtrack: Option<(usize, usize)> = None;
    while t < text.len() {
        match pattern.get(p) {
            Some('*') => {
                backtrack = Some((p, t));
                p += 1;
            }
            Some(&c) if c == '?' || c == text[t] => {
                p += 1;
                t += 1;
            }
            _ => match backtrack {
                Some((star, matched)) => {
                    p = star + 1;
                    t = matched + 1;
                    backtrack = Some((star, matched + 1));
                }
                None => return false,
            },
        }
    }
    pattern[p..].iter().all(|&c| c == '*')
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn globs() {
        assert!(glob_match("*", "anything"));
        assert!(glob_match("cfg-*", "cfg-prod"));
        assert!(!glob_match("cfg-*", "xcfg-prod"));
        assert!(glob_match("user:?", "user:7"));
        assert!(!glob_match("user:?", "user:77"));
        assert!(glob_match("a*b*c", "aXXbYYc"));
        assert!(!glob_match("a*b*c", "aXXbYY"));
        assert!(glob_match("exact", "exact"));
    }

    #[test]
    fn validates_with_path_and_rule() {
        let dir = tempfile::tempdir().unwrap();
        let defs = dir.path().join("defs.json");
        std::fs::write(&defs, r#"{"$defs": {"port": {"type": "integer"}}}"#).unwrap();
        let file = dir.path().join("cfg.json");
        std::fs::write(
            &file,
            r#"{"type": "object", "properties": {"port": {"$ref": "defs.json#/$defs/port"}}}"#,
        )
        .unwrap();
        let mut set = SchemaSet::new();
        set.add("cfg*", &file);
        set.validate("cfg", &json!({"port": 8080})).unwrap();
        set.validate("other", &json!({"port": "x"})).unwrap();
        let err = set.validate("cfg", &json!({"port": "x"})).unwrap_err();
        assert_eq!(err.message, r#"/port: "x" is not of type "integer""#);
        assert_eq!(err.kind, crate::error::ErrorKind::Rejected);
    }

    #[test]
    fn invalid_schema_names_its_file() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("bad.json");
        std::fs::write(&file, r#"{"type": "nonsense"}"#).unwrap();
        let err = compile(&file).err().unwrap();
        assert!(err.message.contains("bad.json"), "{}", err.message);
        let remote = dir.path().join("remote.json");
        std::fs::write(&remote, r#"{"$ref": "https://example.com/s.json"}"#).unwrap();
        assert!(compile(&remote).is_err());
    }
}
