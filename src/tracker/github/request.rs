//! The vocabulary between the tracker and the HTTP layer: what to send, how it may be
//! repeated, and what came back.

use serde::de::DeserializeOwned;
use ureq::http::HeaderMap;

use super::link;
use crate::tracker::TrackerError;

/// GitHub's JSON media type.
pub(super) const JSON: &str = "application/vnd.github+json";
/// Asks the contents API for the file's bytes instead of JSON with base64.
pub(super) const RAW: &str = "application/vnd.github.raw+json";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Method {
    Get,
    Post,
    Patch,
    Delete,
}

impl Method {
    pub(super) fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }

    pub(super) fn is_write(self) -> bool {
        self != Method::Get
    }
}

/// Whether a failed request may simply be sent again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Repeat {
    /// Reads, PATCH, and reactions (GitHub answers a repeat with the existing one).
    Idempotent,
    /// A create that must not happen twice: re-sent here only when it surely never reached
    /// GitHub; other failures come back `maybe_written` for the caller to check first.
    Once,
}

pub(super) struct ApiRequest {
    pub(super) method: Method,
    pub(super) url: String,
    pub(super) body: Option<Vec<u8>>,
    pub(super) accept: &'static str,
    /// Keep the ETag and body to revalidate this GET next time.
    pub(super) cache: bool,
    pub(super) repeat: Repeat,
}

impl ApiRequest {
    pub(super) fn get(url: String) -> ApiRequest {
        ApiRequest {
            method: Method::Get,
            url,
            body: None,
            accept: JSON,
            cache: false,
            repeat: Repeat::Idempotent,
        }
    }

    pub(super) fn write(
        method: Method,
        url: String,
        body: &serde_json::Value,
        repeat: Repeat,
    ) -> ApiRequest {
        ApiRequest {
            method,
            url,
            body: Some(body.to_string().into_bytes()),
            accept: JSON,
            cache: false,
            repeat,
        }
    }

    /// A body-less DELETE: repeating it changes nothing.
    pub(super) fn delete(url: String) -> ApiRequest {
        ApiRequest {
            method: Method::Delete,
            repeat: Repeat::Idempotent,
            ..ApiRequest::get(url)
        }
    }

    pub(super) fn cached(mut self) -> ApiRequest {
        self.cache = true;
        self
    }

    pub(super) fn accept(mut self, accept: &'static str) -> ApiRequest {
        self.accept = accept;
        self
    }
}

/// A final answer: 2xx, or a 4xx that is not a rate limit (5xx and network failures come
/// back as [`Failed`]).
pub(super) struct Reply {
    pub(super) status: u16,
    pub(super) headers: HeaderMap,
    pub(super) body: Vec<u8>,
}

impl Reply {
    pub(super) fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    pub(super) fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }

    pub(super) fn json<T: DeserializeOwned>(&self) -> Result<T, TrackerError> {
        serde_json::from_slice(&self.body).map_err(|err| TrackerError::Protocol {
            message: format!("GitHub's answer is not the expected JSON: {err}"),
        })
    }

    /// The verbatim `rel="next"` URL.
    pub(super) fn next_page(&self) -> Option<String> {
        self.header("link").and_then(|h| link::find(h, "next"))
    }

    #[cfg(test)]
    pub(super) fn for_test(status: u16, headers: &[(&str, &str)], body: &str) -> Reply {
        let mut map = HeaderMap::new();
        for (name, value) in headers {
            map.append(
                ureq::http::HeaderName::from_bytes(name.as_bytes()).unwrap(),
                value.parse().unwrap(),
            );
        }
        Reply {
            status,
            headers: map,
            body: body.as_bytes().to_vec(),
        }
    }
}

/// A request that ended without an answer to use.
#[derive(Debug)]
pub(super) struct Failed {
    pub(super) error: TrackerError,
    /// A create failed after it may have reached GitHub (5xx, timeout, dropped connection):
    /// look for the write before sending it again.
    pub(super) maybe_written: bool,
}

impl From<Failed> for TrackerError {
    fn from(failed: Failed) -> TrackerError {
        failed.error
    }
}

impl Failed {
    pub(super) fn certain(error: TrackerError) -> Failed {
        Failed {
            error,
            maybe_written: false,
        }
    }
}
