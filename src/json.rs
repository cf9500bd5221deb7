//! Reading JSON that users and issues hold: one function, one nesting limit.
//!
//! serde_json refuses documents nested deeper than 128 levels, which the Python tool writes
//! and reads without complaint (its `json` module goes to about 1,000, where Python's
//! recursion limit stops it). So gh-store lifts serde_json's limit and sets its own, checked
//! by a scan that recurses nowhere before anything is parsed: every later step (parse,
//! serialise, merge, patch, diff, schema validation, drop) recurses once per level, and
//! [`MAX_DEPTH`] levels fit the stack the CLI runs on ([`STACK_BYTES`]) many times over.
//!
//! ```
//! use gh_store::json;
//!
//! let deep = format!("{}{}", "[".repeat(900), "]".repeat(900));
//! assert!(json::parse(&deep).is_ok());
//! let too_deep = format!("{}{}", "[".repeat(1001), "]".repeat(1001));
//! assert_eq!(
//!     json::parse(&too_deep).unwrap_err().to_string(),
//!     "nested deeper than 1000 levels at line 1, column 1001"
//! );
//! ```

use std::fmt;

use serde::de::DeserializeOwned;
use serde_json::Value;

/// The deepest nesting of arrays and objects gh-store reads: what the Python tool reads
/// (a little under 1,000 levels with Python's default recursion limit), rounded up.
pub const MAX_DEPTH: usize = 1000;

/// The stack the CLI's commands run on. A value [`MAX_DEPTH`] levels deep needs about
/// 4 MiB in a debug build (schema validation of a recursive schema, the hungriest step)
/// and far less in a release build; the main thread's stack is 8 MiB on Linux, 1 MiB on
/// Windows, and whatever `ulimit -s` says, so the CLI does not rely on it.
pub const STACK_BYTES: usize = 64 * 1024 * 1024;

/// Why a text is not JSON gh-store reads.
#[derive(Debug)]
pub enum JsonError {
    /// Nested deeper than `limit` levels; the position is where the limit was passed.
    TooDeep {
        limit: usize,
        line: usize,
        column: usize,
    },
    /// Not JSON, or not of the expected shape.
    Invalid(serde_json::Error),
}

impl JsonError {
    /// 1-based line of the problem.
    pub fn line(&self) -> usize {
        match self {
            JsonError::TooDeep { line, .. } => *line,
            JsonError::Invalid(e) => e.line(),
        }
    }

    /// 1-based column of the problem.
    pub fn column(&self) -> usize {
        match self {
            JsonError::TooDeep { column, .. } => *column,
            JsonError::Invalid(e) => e.column(),
        }
    }

    /// What is wrong, without the position.
    pub fn reason(&self) -> String {
        match self {
            JsonError::TooDeep { limit, .. } => format!("nested deeper than {limit} levels"),
            JsonError::Invalid(e) => {
                let text = e.to_string();
                match text.rfind(" at line ") {
                    Some(at) => text[..at].to_string(),
                    None => text,
                }
            }
        }
    }
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            JsonError::TooDeep {
                limit,
                line,
                column,
            } => write!(
                f,
                "nested deeper than {limit} levels at line {line}, column {column}"
            ),
            JsonError::Invalid(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for JsonError {}

/// Parses a JSON document (an object's data, a change, a schema) of any depth up to
/// [`MAX_DEPTH`].
pub fn parse(text: &str) -> Result<Value, JsonError> {
    parse_enclosing(text, 0)
}

/// Parses a document that holds documents `levels` deep (a comment's envelope holds its
/// `_data` one level down, a snapshot its objects' data three): such a document may be
/// nested `levels` deeper than [`MAX_DEPTH`], so that whatever gh-store wrote, it reads.
pub fn parse_enclosing(text: &str, levels: usize) -> Result<Value, JsonError> {
    parse_as_enclosing(text, levels)
}

/// [`parse_enclosing`] into `T`.
pub fn parse_as_enclosing<T: DeserializeOwned>(text: &str, levels: usize) -> Result<T, JsonError> {
    let limit = MAX_DEPTH + levels;
    if let Some((line, column)) = where_too_deep(text, limit) {
        return Err(JsonError::TooDeep {
            limit,
            line,
            column,
        });
    }
    let mut deserializer = serde_json::Deserializer::from_str(text);
    // Bounded by the scan above instead.
    deserializer.disable_recursion_limit();
    let value = T::deserialize(&mut deserializer).map_err(JsonError::Invalid)?;
    deserializer.end().map_err(JsonError::Invalid)?;
    Ok(value)
}

/// Whether a value is nested deeper than [`MAX_DEPTH`]: a change can make a value deeper
/// than either of its inputs (a json-patch `add` of a deep value at a deep path), and what
/// is written must be readable again. Counted without recursion.
pub fn too_deep(value: &Value) -> bool {
    let mut pending: Vec<(&Value, usize)> = vec![(value, 1)];
    while let Some((value, depth)) = pending.pop() {
        let children: Box<dyn Iterator<Item = &Value>> = match value {
            Value::Array(items) => Box::new(items.iter()),
            Value::Object(map) => Box::new(map.values()),
            _ => continue,
        };
        if depth > MAX_DEPTH {
            return true;
        }
        pending.extend(children.map(|child| (child, depth + 1)));
    }
    false
}

/// Where the nesting first passes `limit` (line, column), if it does. Brackets inside
/// strings do not count; malformed text is left for the parser to describe.
fn where_too_deep(text: &str, limit: usize) -> Option<(usize, usize)> {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let (mut line, mut line_start) = (1, 0);
    for (at, byte) in text.bytes().enumerate() {
        if in_string {
            match byte {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match byte {
            b'"' => in_string = true,
            b'\n' => (line, line_start) = (line + 1, at + 1),
            b'[' | b'{' => {
                depth += 1;
                if depth > limit {
                    let column = text[line_start..=at].chars().count();
                    return Some((line, column));
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// Runs `test` on the stack the CLI gives its commands (a test thread's 2 MiB is less
    /// than a 1,000-level document needs in a debug build).
    fn on_cli_stack(test: impl FnOnce() + Send + 'static) {
        std::thread::Builder::new()
            .stack_size(STACK_BYTES)
            .spawn(test)
            .unwrap()
            .join()
            .unwrap();
    }

    fn nested(levels: usize) -> String {
        format!(
            "{}1{}",
            "{\"a\": [".repeat(levels / 2),
            "]}".repeat(levels / 2)
        )
    }

    #[test]
    fn reads_what_the_python_tool_reads_and_stops_after() {
        on_cli_stack(|| {
            assert!(parse(&nested(MAX_DEPTH)).is_ok());
            let err = parse(&nested(MAX_DEPTH + 2)).unwrap_err();
            assert!(matches!(err, JsonError::TooDeep { line: 1, .. }), "{err}");
            // The opening bracket that goes one level too deep.
            assert_eq!(err.column(), "{\"a\": [".len() * (MAX_DEPTH / 2) + 1);
            assert_eq!(err.reason(), "nested deeper than 1000 levels");
        });
    }

    #[test]
    fn enclosing_documents_have_room_for_what_they_hold() {
        on_cli_stack(|| {
            let deepest = nested(MAX_DEPTH);
            let envelope = format!(r#"{{"_data": {deepest}}}"#);
            assert!(parse(&envelope).is_err());
            assert!(parse_enclosing(&envelope, 1).is_ok());
            let err = parse_enclosing(&nested(MAX_DEPTH + 4), 1).unwrap_err();
            assert_eq!(err.reason(), "nested deeper than 1001 levels");
        });
    }

    #[test]
    fn values_are_measured_without_recursion() {
        on_cli_stack(|| {
            assert!(!too_deep(&parse(&nested(MAX_DEPTH)).unwrap()));
            assert!(!too_deep(&json!(1)) && !too_deep(&json!([])));
            let mut value = json!(1);
            for _ in 0..=MAX_DEPTH {
                value = json!([value]);
            }
            assert!(too_deep(&value));
            // Dropped level by level: a value this deep is built here, not read.
            while let Value::Array(mut items) = value {
                value = items.pop().unwrap();
            }
        });
    }

    /// Every step a value takes, at the deepest gh-store reads, on an eighth of the stack
    /// the CLI gives its commands: the margin is at least eightfold, in a debug build too.
    #[test]
    fn the_deepest_documents_fit_the_cli_stack_eight_times_over() {
        use crate::store::{apply_change, SchemaSet, UpdateMode};
        let dir = tempfile::tempdir().unwrap();
        let schema = dir.path().join("tree.json");
        let tree = json!({"$ref": "#/$defs/n", "$defs": {"n": {"anyOf": [
            {"type": "integer"},
            {"type": "array", "items": {"$ref": "#/$defs/n"}},
            {"type": "object", "additionalProperties": {"$ref": "#/$defs/n"}}]}}});
        std::fs::write(&schema, tree.to_string()).unwrap();
        let text = nested(MAX_DEPTH);
        let work = move || {
            let value = parse(&text).unwrap();
            let pretty = serde_json::to_string_pretty(&value).unwrap();
            assert_eq!(parse(&pretty).unwrap(), value);
            let change = json!({"b": value["a"].clone()});
            for mode in [
                UpdateMode::Append,
                UpdateMode::MergePatch,
                UpdateMode::Replace,
            ] {
                assert!(apply_change(mode, &value, &change).is_ok());
            }
            let path = "/a/0".repeat(MAX_DEPTH / 2 - 1);
            let patch = json!([{"op": "replace", "path": format!("{path}/a/0"), "value": 2}]);
            let patched = apply_change(UpdateMode::JsonPatch, &value, &patch).unwrap();
            assert_eq!(json_patch::diff(&value, &patched).len(), 1);
            let mut schemas = SchemaSet::new();
            schemas.add("*", schema);
            assert!(schemas.validate("x", &value).is_ok());
            assert!(!too_deep(&patched));
        };
        std::thread::Builder::new()
            .stack_size(STACK_BYTES / 8)
            .spawn(work)
            .unwrap()
            .join()
            .unwrap();
    }

    #[test]
    fn brackets_in_strings_do_not_nest() {
        let text = format!(r#"{{"s": "{}\"{}"}}"#, "[".repeat(5000), "{".repeat(5000));
        assert_eq!(parse(&text).unwrap()["s"].as_str().unwrap().len(), 10001);
        let lines = format!("[\n{}\n{}]", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        let err = parse(&lines).unwrap_err();
        assert_eq!((err.line(), err.column()), (2, MAX_DEPTH));
    }

    #[test]
    fn malformed_text_keeps_serde_jsons_description() {
        let err = parse("{\n  \"a\": 1,\n  oops\n}").unwrap_err();
        assert_eq!((err.line(), err.column()), (3, 3));
        assert_eq!(err.reason(), "key must be a string");
        assert!(parse("{} trailing").is_err());
        assert_eq!(parse(" {\"a\": [1]} ").unwrap(), json!({"a": [1]}));
    }
}
