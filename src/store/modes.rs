//! Update modes: how an update's `_data` changes the current state.

use std::fmt;
use std::str::FromStr;

use json_patch::{Patch, PatchOperation};
use serde_json::{Map, Value};

/// `_meta.update_mode`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum UpdateMode {
    /// Deep merge, the Python client's only behaviour: objects merge recursively, anything
    /// else (arrays, null) replaces.
    #[default]
    Append,
    /// RFC 7396 JSON Merge Patch: like append, but `null` deletes a key.
    MergePatch,
    /// RFC 6902 JSON Patch: `_data` is an array of operations; a failing `test` is a conflict.
    JsonPatch,
    /// `_data` becomes the whole new state.
    Replace,
}

impl UpdateMode {
    /// Every mode, in the order help texts list them.
    pub const ALL: [UpdateMode; 4] = [
        UpdateMode::Append,
        UpdateMode::MergePatch,
        UpdateMode::JsonPatch,
        UpdateMode::Replace,
    ];

    /// The name in `_meta.update_mode` and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            UpdateMode::Append => "append",
            UpdateMode::MergePatch => "merge-patch",
            UpdateMode::JsonPatch => "json-patch",
            UpdateMode::Replace => "replace",
        }
    }
}

impl fmt::Display for UpdateMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for UpdateMode {
    type Err = String;

    fn from_str(text: &str) -> Result<UpdateMode, String> {
        UpdateMode::ALL
            .into_iter()
            .find(|mode| mode.as_str() == text)
            .ok_or_else(|| format!("unknown update mode {text:?}"))
    }
}

/// Why a change could not be applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApplyError {
    /// The change does not fit the state (a json-patch `test` failed): exit 6.
    Conflict(String),
    /// The change is malformed for its mode, or cannot apply to this state: rejected.
    Invalid(String),
}

impl fmt::Display for ApplyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ApplyError::Conflict(m) | ApplyError::Invalid(m) => f.write_str(m),
        }
    }
}

/// Checks what does not depend on the state: a change that fails here can never apply.
/// append, merge-patch (whose non-object patch would replace the whole object) and replace
/// need a JSON object; json-patch needs RFC 6902 operations, and those that set the whole
/// document need an object as their value.
pub fn check_shape(mode: UpdateMode, change: &Value) -> Result<(), String> {
    if mode != UpdateMode::JsonPatch {
        return match change {
            Value::Object(_) => Ok(()),
            other => Err(format!(
                "update mode {mode} needs a JSON object, not {}",
                kind_of(other)
            )),
        };
    }
    for operation in parse_patch(change)?.iter() {
        let (name, path, value) = match operation {
            PatchOperation::Add(op) => ("add", &op.path, &op.value),
            PatchOperation::Replace(op) => ("replace", &op.path, &op.value),
            _ => continue,
        };
        if path.is_root() && !value.is_object() {
            return Err(format!(
                "a json-patch {name} of the whole document must give a JSON object, not {}",
                kind_of(value)
            ));
        }
    }
    Ok(())
}

fn parse_patch(change: &Value) -> Result<Patch, String> {
    serde_json::from_value(change.clone())
        .map_err(|e| format!("not a JSON Patch (RFC 6902) document: {e}"))
}

/// Applies `change` to `state` by `mode`. The result must still be a JSON object.
pub fn apply(mode: UpdateMode, state: &Value, change: &Value) -> Result<Value, ApplyError> {
    check_shape(mode, change).map_err(ApplyError::Invalid)?;
    let result = match mode {
        UpdateMode::Append => {
            let mut result = state.clone();
            deep_merge(&mut result, change);
            result
        }
        UpdateMode::MergePatch => {
            let mut result = state.clone();
            merge_patch(&mut result, change);
            result
        }
        UpdateMode::JsonPatch => {
            let patch = parse_patch(change).map_err(ApplyError::Invalid)?;
            let mut result = state.clone();
            json_patch::patch(&mut result, &patch).map_err(|e| match e.kind {
                json_patch::PatchErrorKind::TestFailed => ApplyError::Conflict(format!(
                    "json-patch test failed at {}",
                    display_pointer(&e.path.to_string())
                )),
                _ => ApplyError::Invalid(format!("json-patch failed: {e}")),
            })?;
            // The patch library removes keys by swapping the last one into their place.
            keep_key_order(state, &mut result);
            result
        }
        UpdateMode::Replace => change.clone(),
    };
    if !result.is_object() {
        return Err(ApplyError::Invalid(format!(
            "the new state would be {}, but objects are JSON objects",
            kind_of(&result)
        )));
    }
    // A json-patch can put a deep value at a deep path: what is written must read again.
    if crate::json::too_deep(&result) {
        return Err(ApplyError::Invalid(format!(
            "the new state would be nested deeper than {} levels",
            crate::json::MAX_DEPTH
        )));
    }
    Ok(result)
}

/// The Python client's `_deep_merge`: recurse where both sides are objects, else overwrite.
fn deep_merge(base: &mut Value, change: &Value) {
    match (base, change) {
        (Value::Object(base), Value::Object(change)) => {
            for (key, value) in change {
                match base.get_mut(key) {
                    Some(existing) if existing.is_object() && value.is_object() => {
                        deep_merge(existing, value)
                    }
                    _ => {
                        base.insert(key.clone(), value.clone());
                    }
                }
            }
        }
        (base, change) => *base = change.clone(),
    }
}

/// RFC 7396 JSON Merge Patch; a deleted key leaves the others where they were.
fn merge_patch(target: &mut Value, patch: &Value) {
    let Value::Object(patch) = patch else {
        *target = patch.clone();
        return;
    };
    if !target.is_object() {
        *target = Value::Object(Map::new());
    }
    let Value::Object(target) = target else {
        unreachable!("made an object above")
    };
    for (key, value) in patch {
        if value.is_null() {
            target.shift_remove(key);
        } else {
            merge_patch(target.entry(key.as_str()).or_insert(Value::Null), value);
        }
    }
}

/// Puts the keys `before` had back in its order (recursively), keys new in `after` last in
/// the order they were added: what a writer sees is what it wrote, moved only by its change.
fn keep_key_order(before: &Value, after: &mut Value) {
    let (Value::Object(before), Value::Object(after)) = (before, after) else {
        return;
    };
    let mut reordered = Map::new();
    for key in before.keys() {
        if let Some((key, mut value)) = after.shift_remove_entry(key) {
            keep_key_order(&before[&key], &mut value);
            reordered.insert(key, value);
        }
    }
    reordered.append(after);
    *after = reordered;
}

pub fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn display_pointer(pointer: &str) -> String {
    if pointer.is_empty() {
        "/".to_string()
    } else {
        pointer.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn append_deep_merges_and_stores_null() {
        let state = json!({"a": {"x": 1, "y": 2}, "list": [1, 2], "keep": true});
        let change = json!({"a": {"y": 3}, "list": [3], "keep": null});
        assert_eq!(
            apply(UpdateMode::Append, &state, &change).unwrap(),
            json!({"a": {"x": 1, "y": 3}, "list": [3], "keep": null})
        );
        assert!(matches!(
            apply(UpdateMode::Append, &state, &json!([1])),
            Err(ApplyError::Invalid(_))
        ));
    }

    #[test]
    fn merge_patch_deletes_with_null() {
        let state = json!({"a": {"x": 1, "y": 2}, "b": 1});
        let change = json!({"a": {"x": null}, "b": null, "c": 3});
        assert_eq!(
            apply(UpdateMode::MergePatch, &state, &change).unwrap(),
            json!({"a": {"y": 2}, "c": 3})
        );
    }

    #[test]
    fn json_patch_applies_and_reports_test_conflicts() {
        let state = json!({"tags": ["a"], "n": 1});
        let ops = json!([{"op": "add", "path": "/tags/-", "value": "b"}, {"op": "replace", "path": "/n", "value": 2}]);
        assert_eq!(
            apply(UpdateMode::JsonPatch, &state, &ops).unwrap(),
            json!({"tags": ["a", "b"], "n": 2})
        );
        let guarded =
            json!([{"op": "test", "path": "/n", "value": 5}, {"op": "remove", "path": "/n"}]);
        match apply(UpdateMode::JsonPatch, &state, &guarded) {
            Err(ApplyError::Conflict(m)) => assert!(m.contains("/n"), "{m}"),
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            apply(UpdateMode::JsonPatch, &state, &json!({"op": "add"})),
            Err(ApplyError::Invalid(_))
        ));
        assert!(matches!(
            apply(
                UpdateMode::JsonPatch,
                &state,
                &json!([{"op": "remove", "path": "/missing"}])
            ),
            Err(ApplyError::Invalid(_))
        ));
    }

    #[test]
    fn every_mode_keeps_the_writers_key_order() {
        let state: Value =
            serde_json::from_str(r#"{"z":1,"a":{"y":1,"b":2},"m":3,"k":4}"#).unwrap();
        let keys = |v: &Value| serde_json::to_string(v).unwrap();
        let merged = apply(
            UpdateMode::Append,
            &state,
            &json!({"a": {"c": 1}, "new": 0}),
        )
        .unwrap();
        assert_eq!(
            keys(&merged),
            r#"{"z":1,"a":{"y":1,"b":2,"c":1},"m":3,"k":4,"new":0}"#
        );
        let patched = apply(
            UpdateMode::MergePatch,
            &state,
            &json!({"z": null, "a": {"y": null}}),
        )
        .unwrap();
        assert_eq!(keys(&patched), r#"{"a":{"b":2},"m":3,"k":4}"#);
        let ops = json!([{"op": "remove", "path": "/z"}, {"op": "add", "path": "/q", "value": 0},
                         {"op": "replace", "path": "/m", "value": 9}]);
        let patched = apply(UpdateMode::JsonPatch, &state, &ops).unwrap();
        assert_eq!(keys(&patched), r#"{"a":{"y":1,"b":2},"m":9,"k":4,"q":0}"#);
    }

    #[test]
    fn numbers_keep_their_exact_value() {
        let text = r#"{"big":18446744073709551617,"neg":-9223372036854775809,"f":1.10,"e":1e400}"#;
        let state: Value = serde_json::from_str(text).unwrap();
        let merged = apply(UpdateMode::Append, &state, &json!({"n": 1})).unwrap();
        assert_eq!(
            serde_json::to_string(&merged).unwrap(),
            // The exponent's sign is spelled out; the value is the one written.
            r#"{"big":18446744073709551617,"neg":-9223372036854775809,"f":1.10,"e":1e+400,"n":1}"#
        );
    }

    #[test]
    fn replace_swaps_but_keeps_objects() {
        let state = json!({"a": 1});
        assert_eq!(
            apply(UpdateMode::Replace, &state, &json!({"b": 2})).unwrap(),
            json!({"b": 2})
        );
        assert!(apply(UpdateMode::Replace, &state, &json!(3)).is_err());
        assert!(apply(UpdateMode::MergePatch, &state, &json!("text")).is_err());
    }

    #[test]
    fn modes_parse_from_meta() {
        for mode in UpdateMode::ALL {
            assert_eq!(mode.as_str().parse::<UpdateMode>(), Ok(mode));
        }
        assert!("deep".parse::<UpdateMode>().is_err());
    }
}
