//! GitHub's error answers, in its exact shapes: the `message`, `errors` and
//! `documentation_url` of <https://docs.github.com/en/rest/using-the-rest-api/troubleshooting-the-rest-api>,
//! as the recordings in `tests/fixtures/github/` show them.

use serde_json::{json, Value};

use crate::tracker::TrackerError;

use super::http::ApiResponse;

pub(crate) const DOCS: &str = "https://docs.github.com/rest";

/// GitHub's refusal of a write the caller lacks the permission for.
pub(crate) const FORBIDDEN: &str = "Resource not accessible by personal access token";

/// An error answer. The documentation URL is the endpoint's, filled in when it is rendered.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ApiError {
    pub status: u16,
    pub message: String,
    /// `Some` for 422 `Validation Failed`: objects (`validation-error`) or strings
    /// (`validation-error-simple`).
    pub errors: Option<Vec<Value>>,
}

pub(crate) type Answer = Result<ApiResponse, ApiError>;

impl ApiError {
    pub fn new(status: u16, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            message: message.into(),
            errors: None,
        }
    }

    pub fn not_found() -> ApiError {
        ApiError::new(404, "Not Found")
    }

    pub fn bad_credentials() -> ApiError {
        ApiError::new(401, "Bad credentials")
    }

    pub fn requires_authentication() -> ApiError {
        ApiError::new(401, "Requires authentication")
    }

    /// 400 for a body that is not JSON at all.
    pub fn unparsable_json() -> ApiError {
        ApiError::new(400, "Problems parsing JSON")
    }

    pub fn not_an_object() -> ApiError {
        ApiError::new(400, "Body should be a JSON object")
    }

    /// 422 without `errors[]`: GitHub's schema-level refusals ("\"title\" wasn't supplied.").
    pub fn invalid_request(detail: impl AsRef<str>) -> ApiError {
        ApiError::new(422, format!("Invalid request.\n\n{}", detail.as_ref()))
    }

    /// 422 for a required field that is absent.
    pub fn missing_field(field: &str) -> ApiError {
        ApiError::invalid_request(format!("\"{field}\" wasn't supplied."))
    }

    /// 422 for a field of the wrong JSON type.
    pub fn wrong_type(field: &str, value: &Value, expected: &str) -> ApiError {
        ApiError::invalid_request(format!(
            "For 'properties/{field}', {value} is not {expected}."
        ))
    }

    /// 422 `Validation Failed` with one `errors[]` object.
    pub fn validation(resource: &str, field: &str, code: &str, message: Option<&str>) -> ApiError {
        let mut item = json!({"resource": resource, "field": field, "code": code});
        if let Some(message) = message {
            item["message"] = json!(message);
        }
        ApiError::validation_errors(vec![item])
    }

    pub fn validation_errors(errors: Vec<Value>) -> ApiError {
        ApiError {
            status: 422,
            message: "Validation Failed".into(),
            errors: Some(errors),
        }
    }

    /// The body GitHub sends: `basic-error` or `validation-error`, both with `status` as a
    /// string (the 2022 recordings predate it; GitHub's answers carry it since).
    pub fn body(&self, documentation_url: &str) -> Value {
        match &self.errors {
            Some(errors) => json!({
                "message": self.message,
                "errors": errors,
                "documentation_url": documentation_url,
                "status": self.status.to_string(),
            }),
            None => json!({
                "message": self.message,
                "documentation_url": documentation_url,
                "status": self.status.to_string(),
            }),
        }
    }

    pub fn into_response(self, documentation_url: &str) -> ApiResponse {
        ApiResponse::json(self.status, self.body(documentation_url))
    }
}

impl From<TrackerError> for ApiError {
    fn from(err: TrackerError) -> ApiError {
        match err {
            TrackerError::NotFound { .. } => ApiError::not_found(),
            TrackerError::Gone { what, message } => {
                ApiError::new(410, message.unwrap_or_else(|| format!("{what} is gone")))
            }
            TrackerError::Unauthorized { message } => ApiError::new(401, message),
            // The local tracker says who may write; GitHub says this to a token's user.
            TrackerError::Forbidden { .. } => ApiError::new(403, FORBIDDEN),
            // The tracker's own checks, reached only when serve's GitHub-shaped ones passed.
            TrackerError::Invalid { message } => {
                ApiError::validation_errors(vec![json!({"code": "custom", "message": message})])
            }
            TrackerError::GuardFailed => ApiError::new(409, "Conflict"),
            TrackerError::RateLimited { message, .. } => ApiError::new(403, message),
            TrackerError::Server { .. }
            | TrackerError::Network { .. }
            | TrackerError::TimedOut { .. }
            | TrackerError::Storage { .. }
            | TrackerError::ReadOnly { .. }
            | TrackerError::Protocol { .. }
            | TrackerError::Interrupted => {
                eprintln!("gh-store serve: {err}");
                ApiError::new(500, "Server Error")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basic_errors_carry_status_as_a_string() {
        let body = ApiError::not_found().body(DOCS);
        assert_eq!(
            body,
            json!({"message": "Not Found", "documentation_url": DOCS, "status": "404"})
        );
    }

    #[test]
    fn validation_errors_have_githubs_shape() {
        let body = ApiError::validation("Label", "color", "invalid", None).body(DOCS);
        assert_eq!(
            body,
            json!({
                "message": "Validation Failed",
                "errors": [{"resource": "Label", "code": "invalid", "field": "color"}],
                "documentation_url": DOCS,
                "status": "422",
            })
        );
        let missing = ApiError::missing_field("title").body(DOCS);
        assert_eq!(
            missing["message"],
            "Invalid request.\n\n\"title\" wasn't supplied."
        );
    }
}
