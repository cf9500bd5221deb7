//! GitHub's error answers turned into [`TrackerError`]s with one readable line each.

use serde::Deserialize;
use serde_json::Value;

use super::request::Reply;
use crate::tracker::TrackerError;

/// `basic-error` and `validation-error`: `{message, errors?, documentation_url}`.
#[derive(Deserialize)]
struct ErrorBody {
    #[serde(default)]
    message: Option<String>,
    #[serde(default)]
    errors: Option<Value>,
}

/// Classifies a final (non-2xx, non-rate-limit) answer. `what` names the resource for
/// 404 and 410: `issue #7 in octo/store`.
pub(super) fn from_reply(reply: &Reply, what: &str) -> TrackerError {
    let message = readable_message(reply);
    match reply.status {
        401 => TrackerError::Unauthorized { message },
        403 => TrackerError::Forbidden {
            message: match reply.header("x-accepted-github-permissions") {
                // Names the permission the token lacks, e.g. `issues=write`.
                Some(needed) if !needed.is_empty() => format!("{message} (needs {needed})"),
                _ => message,
            },
        },
        404 => TrackerError::NotFound {
            what: what.to_string(),
        },
        // "Issues are disabled for this repo" or "This issue was deleted": GitHub's words say
        // which.
        410 => TrackerError::Gone {
            what: what.to_string(),
            message: said(reply),
        },
        422 => TrackerError::Invalid { message },
        // "Problems parsing JSON" and the like: the request itself was malformed, a bug.
        400 => TrackerError::Protocol {
            message: format!("GitHub could not read the request for {what}: {message}"),
        },
        500..=599 => TrackerError::Server {
            status: reply.status,
            message,
        },
        304 => TrackerError::Protocol {
            message: format!("unexpected 304 Not Modified for {what}"),
        },
        300..=399 => TrackerError::Protocol {
            message: format!(
                "unexpected redirect {} for {what} to {}",
                reply.status,
                reply.header("location").unwrap_or("nowhere")
            ),
        },
        status if (400..500).contains(&status) => TrackerError::Invalid {
            message: format!("HTTP {status}: {message}"),
        },
        status => TrackerError::Protocol {
            message: format!("unexpected HTTP {status} for {what}: {message}"),
        },
    }
}

/// GitHub's `message`, completed by the `errors[]` details of a validation failure; HTML
/// and other text bodies (the missing-User-Agent page, proxies) reduced to one line.
pub(super) fn readable_message(reply: &Reply) -> String {
    said(reply).unwrap_or_else(|| {
        if reply.body.iter().all(u8::is_ascii_whitespace) {
            format!("HTTP {} with an empty body", reply.status)
        } else {
            format!("HTTP {}", reply.status)
        }
    })
}

/// [`readable_message`] when the body has words in it.
fn said(reply: &Reply) -> Option<String> {
    if let Ok(parsed) = serde_json::from_slice::<ErrorBody>(&reply.body) {
        let message = one_line(parsed.message.as_deref().unwrap_or(""));
        let details = parsed.errors.as_ref().map(details).unwrap_or_default();
        return match (message.is_empty(), details.is_empty()) {
            (false, true) => Some(message),
            (true, true) => None,
            (true, false) => Some(details.join("; ")),
            (false, false) => Some(format!("{message}: {}", details.join("; "))),
        };
    }
    let text = String::from_utf8_lossy(&reply.body);
    let looks_html = reply
        .header("content-type")
        .is_some_and(|t| t.contains("html"))
        || text.trim_start().starts_with('<');
    let line = if looks_html {
        html_text(&text)
    } else {
        one_line(&text)
    };
    (!line.is_empty()).then(|| truncate(&line, 300))
}

/// Items of `errors[]`: objects `{resource, field, code, message?}` or plain strings.
fn details(errors: &Value) -> Vec<String> {
    let Value::Array(items) = errors else {
        return Vec::new();
    };
    items
        .iter()
        .filter_map(|item| match item {
            Value::String(text) => Some(one_line(text)),
            Value::Object(fields) => {
                let text = |key: &str| fields.get(key).and_then(Value::as_str).unwrap_or("");
                if !text("message").is_empty() {
                    return Some(one_line(text("message")));
                }
                let parts: Vec<&str> = ["resource", "field", "code"]
                    .into_iter()
                    .map(text)
                    .filter(|part| !part.is_empty())
                    .collect();
                (!parts.is_empty()).then(|| parts.join(" "))
            }
            _ => None,
        })
        .collect()
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The visible text of an HTML page: scripts and styles dropped, tags removed, the common
/// entities decoded.
fn html_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        text.push(' ');
        let tag = &rest[open..];
        let lower = tag.get(..7).unwrap_or(tag).to_ascii_lowercase();
        let skip_to = if lower.starts_with("<script") || lower.starts_with("<style") {
            let closing = if lower.starts_with("<script") {
                "</script>"
            } else {
                "</style>"
            };
            tag.to_ascii_lowercase()
                .find(closing)
                .map(|at| at + closing.len())
        } else {
            tag.find('>').map(|at| at + 1)
        };
        match skip_to {
            Some(len) => rest = &tag[len..],
            None => {
                rest = "";
            }
        }
    }
    text.push_str(rest);
    let decoded = text
        .replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    one_line(&decoded)
}

fn truncate(text: &str, max_chars: usize) -> String {
    match text.char_indices().nth(max_chars) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reply(status: u16, content_type: &str, body: &str) -> Reply {
        Reply::for_test(status, &[("content-type", content_type)], body)
    }

    fn json(status: u16, body: &str) -> Reply {
        reply(status, "application/json; charset=utf-8", body)
    }

    #[test]
    fn validation_errors_read_as_sentences() {
        let recorded = json(
            422,
            r#"{"message":"Validation Failed","errors":[{"resource":"Label","code":"invalid","field":"color"}],"documentation_url":"https://docs.github.com/rest/reference/issues#create-a-label"}"#,
        );
        assert_eq!(
            from_reply(&recorded, "label"),
            TrackerError::Invalid {
                message: "Validation Failed: Label color invalid".into()
            }
        );
        let duplicate = json(
            422,
            r#"{"message":"Validation Failed","errors":[{"resource":"Label","code":"already_exists","field":"name"}]}"#,
        );
        assert_eq!(
            readable_message(&duplicate),
            "Validation Failed: Label name already_exists"
        );
        let too_long = json(
            422,
            r#"{"message":"Validation Failed","errors":[{"resource":"Issue","code":"custom","field":"body","message":"body is too long (maximum is 65536 characters)"}]}"#,
        );
        assert_eq!(
            readable_message(&too_long),
            "Validation Failed: body is too long (maximum is 65536 characters)"
        );
        let strings = json(
            422,
            r#"{"message":"Validation Failed","errors":["Issues cannot have more than 100 labels"]}"#,
        );
        assert_eq!(
            readable_message(&strings),
            "Validation Failed: Issues cannot have more than 100 labels"
        );
        let no_items = json(
            422,
            "{\"message\":\"Invalid request.\\n\\n\\\"title\\\" wasn't supplied.\"}",
        );
        assert_eq!(
            readable_message(&no_items),
            "Invalid request. \"title\" wasn't supplied."
        );
    }

    #[test]
    fn html_pages_become_one_line() {
        let page = reply(
            403,
            "text/html",
            "<html><head><style>p { color: red }</style><title>Forbidden</title></head>\n<body><p>Request forbidden by administrative rules. Please make sure your request has a User-Agent header (https://docs.github.com/en/rest/overview/resources-in-the-rest-api#user-agent-required). Check https://githubstatus.com &amp; developer support.</p></body></html>",
        );
        assert_eq!(
            from_reply(&page, "repository"),
            TrackerError::Forbidden {
                message: "Forbidden Request forbidden by administrative rules. Please make sure your request has a User-Agent header (https://docs.github.com/en/rest/overview/resources-in-the-rest-api#user-agent-required). Check https://githubstatus.com & developer support.".into()
            }
        );
    }

    #[test]
    fn statuses_map_to_kinds() {
        let body =
            r#"{"message":"Bad credentials","documentation_url":"https://docs.github.com/rest"}"#;
        assert_eq!(
            from_reply(&json(401, body), "x"),
            TrackerError::Unauthorized {
                message: "Bad credentials".into()
            }
        );
        assert_eq!(
            from_reply(&json(404, r#"{"message":"Not Found"}"#), "issue #3 in o/r"),
            TrackerError::NotFound {
                what: "issue #3 in o/r".into()
            }
        );
        assert_eq!(
            from_reply(&reply(410, "text/plain", ""), "issue #3 in o/r"),
            TrackerError::Gone {
                what: "issue #3 in o/r".into(),
                message: None,
            }
        );
        let disabled = json(
            410,
            r#"{"message":"Issues are disabled for this repo","documentation_url":"https://docs.github.com/v3/issues/","status":"410"}"#,
        );
        let gone = from_reply(&disabled, "repository octo/data");
        assert_eq!(
            gone.to_string(),
            "repository octo/data: Issues are disabled for this repo (410 Gone)"
        );
        assert_eq!(
            from_reply(&reply(502, "text/html", "<h1>Server Error</h1>"), "x"),
            TrackerError::Server {
                status: 502,
                message: "Server Error".into()
            }
        );
        assert_eq!(
            from_reply(&reply(404, "", "  "), "x"),
            TrackerError::NotFound { what: "x".into() }
        );
    }

    #[test]
    fn forbidden_names_the_missing_permission() {
        let reply = Reply::for_test(
            403,
            &[("x-accepted-github-permissions", "issues=write")],
            r#"{"message":"Resource not accessible by integration"}"#,
        );
        assert_eq!(
            from_reply(&reply, "x"),
            TrackerError::Forbidden {
                message: "Resource not accessible by integration (needs issues=write)".into()
            }
        );
    }

    #[test]
    fn long_text_is_truncated() {
        let long = "x".repeat(500);
        assert_eq!(
            readable_message(&reply(500, "text/plain", &long))
                .chars()
                .count(),
            301
        );
    }
}
