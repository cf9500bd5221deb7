//! The request as the handlers see it, and the answer they build.

use std::io::Read;
use std::net::SocketAddr;

use serde_json::Value;

/// Request bodies are read up to GitHub's own limit, 25 MB; a longer one is cut short and so
/// refused as unparsable JSON.
const MAX_BODY: u64 = 25 * 1024 * 1024;

pub(crate) struct ApiRequest {
    /// Upper case: `GET`, `POST`, … (`HEAD` is routed as `GET`).
    pub method: String,
    /// The path as received, still percent-encoded.
    pub path: String,
    pub query: Query,
    /// Names in lower case.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// The upstream connection tiny_http saw (see `relay`).
    pub remote: Option<SocketAddr>,
}

impl ApiRequest {
    pub fn read(request: &mut tiny_http::Request) -> ApiRequest {
        let (path, query) = match request.url().split_once('?') {
            Some((path, query)) => (path.to_string(), Query::parse(query)),
            None => (request.url().to_string(), Query::default()),
        };
        let headers = request
            .headers()
            .iter()
            .map(|h| {
                (
                    h.field.as_str().as_str().to_ascii_lowercase(),
                    h.value.as_str().to_string(),
                )
            })
            .collect();
        let mut body = Vec::new();
        // A body that cannot be read in full is kept as far as it got: it then fails to parse.
        let _ = request.as_reader().take(MAX_BODY).read_to_end(&mut body);
        ApiRequest {
            method: request.method().as_str().to_ascii_uppercase(),
            path,
            query,
            headers,
            body,
            remote: request.remote_addr().copied(),
        }
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// Every value of a header that may be repeated, joined as one list (`Accept`).
    pub fn header_list(&self, name: &str) -> String {
        self.headers
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// GET and HEAD: reads, which redirect with 301 and may answer 304.
    pub fn is_read(&self) -> bool {
        matches!(self.method.as_str(), "GET" | "HEAD")
    }

    /// The method a route is looked up with.
    pub fn route_method(&self) -> &str {
        if self.method == "HEAD" {
            "GET"
        } else {
            &self.method
        }
    }
}

/// Query parameters, decoded, with the raw text kept for rebuilding `Link` URLs.
#[derive(Debug, Clone, Default)]
pub(crate) struct Query {
    pairs: Vec<(String, String)>,
    raw: Vec<(String, String)>,
}

impl Query {
    pub fn parse(text: &str) -> Query {
        let mut query = Query::default();
        for part in text.split('&').filter(|p| !p.is_empty()) {
            let (key, value) = part.split_once('=').unwrap_or((part, ""));
            query.raw.push((key.to_string(), value.to_string()));
            query.pairs.push((form_decode(key), form_decode(value)));
        }
        query
    }

    /// The last value given for `key`, as GitHub reads repeated parameters.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.pairs
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// The raw query with `page` replaced, other parameters kept in order (GitHub's `Link`).
    pub fn with_page(&self, page: u64) -> String {
        let mut parts: Vec<String> = self
            .raw
            .iter()
            .filter(|(k, _)| form_decode(k) != "page")
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        parts.push(format!("page={page}"));
        parts.join("&")
    }

    pub fn raw(&self) -> String {
        self.raw
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("&")
    }
}

/// Decodes `%XX` escapes (path segments: `+` stays a plus).
pub(crate) fn percent_decode(text: &str) -> String {
    decode(text, false)
}

/// Decodes a query component, where `+` is a space (so a `+1` filter must be sent as `%2B1`,
/// as GitHub's documentation warns).
fn form_decode(text: &str) -> String {
    decode(text, true)
}

fn decode(text: &str, plus_is_space: bool) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(high), Some(low)) => {
                    out.push(high << 4 | low);
                    i += 3;
                    continue;
                }
                _ => out.push(b'%'),
            },
            b'+' if plus_is_space => out.push(b' '),
            byte => out.push(byte),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(byte: u8) -> Option<u8> {
    (byte as char).to_digit(16).map(|d| d as u8)
}

/// Percent-encodes one path segment the way GitHub writes label names and logins in URLs
/// (`good%20first%20issue`, `github-actions%5Bbot%5D`).
pub(crate) fn encode_segment(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~:@!$&'()*+,;=".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

pub(crate) enum Body {
    Empty,
    Json(Value),
    /// Raw bytes with their media type (`Accept: application/vnd.github.raw+json` on contents).
    Raw {
        bytes: Vec<u8>,
        media_type: String,
    },
    Html(String),
}

pub(crate) struct ApiResponse {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Body,
}

impl ApiResponse {
    pub fn json(status: u16, value: Value) -> ApiResponse {
        ApiResponse {
            status,
            headers: Vec::new(),
            body: Body::Json(value),
        }
    }

    pub fn ok(value: Value) -> ApiResponse {
        ApiResponse::json(200, value)
    }

    /// 201 with `Location`, as GitHub sends on every create.
    pub fn created(location: String, value: Value) -> ApiResponse {
        ApiResponse::json(201, value).with_header("location", location)
    }

    pub fn no_content() -> ApiResponse {
        ApiResponse {
            status: 204,
            headers: Vec::new(),
            body: Body::Empty,
        }
    }

    pub fn with_header(mut self, name: &str, value: impl Into<String>) -> ApiResponse {
        self.headers.push((name.to_string(), value.into()));
        self
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The bytes to send, and the JSON body for recording.
    pub fn into_wire(self) -> (Wire, Option<Value>) {
        let mut headers = self.headers;
        let (bytes, json) = match self.body {
            Body::Empty => (Vec::new(), None),
            Body::Json(value) => {
                headers.push((
                    "content-type".into(),
                    "application/json; charset=utf-8".into(),
                ));
                (
                    serde_json::to_vec(&value).expect("JSON serialises"),
                    Some(value),
                )
            }
            Body::Raw { bytes, media_type } => {
                headers.push(("content-type".into(), media_type));
                (bytes, None)
            }
            Body::Html(page) => {
                headers.push(("content-type".into(), "text/html; charset=utf-8".into()));
                (page.into_bytes(), None)
            }
        };
        let wire = Wire {
            status: self.status,
            headers,
            bytes,
        };
        (wire, json)
    }
}

/// What goes on the wire.
pub(crate) struct Wire {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub bytes: Vec<u8>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_decodes_values_and_keeps_raw_order_for_links() {
        let query = Query::parse("labels=UID%3Afoo,gh-store&per_page=3&page=2&content=%2B1");
        assert_eq!(query.get("labels"), Some("UID:foo,gh-store"));
        assert_eq!(query.get("content"), Some("+1"));
        assert_eq!(
            query.with_page(3),
            "labels=UID%3Afoo,gh-store&per_page=3&content=%2B1&page=3"
        );
    }

    #[test]
    fn plus_is_a_space_in_queries_but_not_in_paths() {
        assert_eq!(Query::parse("content=+1").get("content"), Some(" 1"));
        assert_eq!(percent_decode("c++%2Fx"), "c++/x");
        assert_eq!(percent_decode("bad%zz%4"), "bad%zz%4");
    }

    #[test]
    fn segments_are_encoded_like_github() {
        assert_eq!(encode_segment("good first issue"), "good%20first%20issue");
        assert_eq!(encode_segment("UID:foo"), "UID:foo");
        assert_eq!(encode_segment("a/b"), "a%2Fb");
        assert_eq!(
            encode_segment("github-actions[bot]"),
            "github-actions%5Bbot%5D"
        );
    }
}
