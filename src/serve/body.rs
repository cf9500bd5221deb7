//! Request bodies: JSON whatever the `Content-Type` says (the TypeScript client sends
//! `text/plain`), with GitHub's 400 and 422 answers for what does not fit.

use serde_json::{Map, Value};

use super::errors::ApiError;
use super::http::ApiRequest;

/// The body as JSON; `None` when there is none (body-less PUT and DELETE are fine).
pub(crate) fn json(request: &ApiRequest) -> Result<Option<Value>, ApiError> {
    let text = String::from_utf8_lossy(&request.body);
    if text.trim().is_empty() {
        return Ok(None);
    }
    serde_json::from_str(&text)
        .map(Some)
        .map_err(|_| ApiError::unparsable_json())
}

/// The body as a JSON object; no body reads as `{}`.
pub(crate) fn object(request: &ApiRequest) -> Result<Fields, ApiError> {
    match json(request)? {
        None => Ok(Fields(Map::new())),
        Some(Value::Object(map)) => Ok(Fields(map)),
        Some(_) => Err(ApiError::not_an_object()),
    }
}

/// The fields of an object body, read with type checks.
pub(crate) struct Fields(pub Map<String, Value>);

impl Fields {
    pub fn get(&self, field: &str) -> Option<&Value> {
        self.0.get(field)
    }

    /// A string field; `null` reads as absent.
    pub fn string(&self, field: &str) -> Result<Option<String>, ApiError> {
        match self.0.get(field) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(text)) => Ok(Some(text.clone())),
            Some(other) => Err(ApiError::wrong_type(field, other, "a string")),
        }
    }

    /// A required string field.
    pub fn required_string(&self, field: &str) -> Result<String, ApiError> {
        self.string(field)?
            .ok_or_else(|| ApiError::missing_field(field))
    }
}

/// Label names from `["a", {"name": "b"}]`, the forms GitHub accepts wherever labels are
/// given.
pub(crate) fn label_names(field: &str, value: &Value) -> Result<Vec<String>, ApiError> {
    let Value::Array(items) = value else {
        return Err(ApiError::wrong_type(field, value, "an array"));
    };
    items
        .iter()
        .map(|item| match item {
            Value::String(name) => Ok(name.clone()),
            Value::Object(object) => match object.get("name") {
                Some(Value::String(name)) => Ok(name.clone()),
                _ => Err(ApiError::wrong_type(field, item, "a label name")),
            },
            other => Err(ApiError::wrong_type(field, other, "a string")),
        })
        .collect()
}

/// Labels for `POST`/`PUT …/issues/{n}/labels`: `{"labels": [...]}`, a bare array (what
/// PyGithub sends), or a single name; no body means none.
pub(crate) fn issue_labels(request: &ApiRequest) -> Result<Vec<String>, ApiError> {
    match json(request)? {
        None => Ok(Vec::new()),
        Some(Value::String(name)) => Ok(vec![name]),
        Some(array @ Value::Array(_)) => label_names("labels", &array),
        Some(Value::Object(map)) => match map.get("labels") {
            None | Some(Value::Null) => Ok(Vec::new()),
            Some(Value::String(name)) => Ok(vec![name.clone()]),
            Some(labels) => label_names("labels", labels),
        },
        Some(_) => Err(ApiError::not_an_object()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::serve::http::Query;

    fn request(body: &str) -> ApiRequest {
        ApiRequest {
            method: "POST".into(),
            path: "/".into(),
            query: Query::default(),
            headers: vec![("content-type".into(), "text/plain".into())],
            body: body.as_bytes().to_vec(),
            remote: None,
        }
    }

    #[test]
    fn bodies_parse_whatever_the_content_type() {
        let fields = object(&request(r#"{"title":"x"}"#)).unwrap();
        assert_eq!(fields.required_string("title").unwrap(), "x");
        assert!(object(&request("")).unwrap().0.is_empty());
        assert_eq!(object(&request("{nope")).err().unwrap().status, 400);
        let not_object = object(&request("[1]")).err().unwrap();
        assert_eq!(not_object.message, "Body should be a JSON object");
    }

    #[test]
    fn issue_labels_accept_every_form() {
        let expected = vec!["a".to_string(), "b".to_string()];
        assert_eq!(issue_labels(&request(r#"["a","b"]"#)).unwrap(), expected);
        assert_eq!(
            issue_labels(&request(r#"{"labels":["a",{"name":"b"}]}"#)).unwrap(),
            expected
        );
        assert_eq!(issue_labels(&request(r#""a""#)).unwrap(), vec!["a"]);
        assert!(issue_labels(&request("")).unwrap().is_empty());
        assert_eq!(issue_labels(&request("[1]")).err().unwrap().status, 422);
    }
}
