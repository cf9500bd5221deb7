//! Building and comparing request URLs without a URL crate: GitHub's URLs are plain
//! `scheme://authority/path?query`, and gh-store only ever joins, encodes and compares them.

/// Percent-encodes one path segment or query value: everything but RFC 3986's unreserved
/// characters. Label names may hold `:`, spaces, `/` (GitHub wants `%2F`, an unencoded `/`
/// is a 404), `+`, `%` and emoji.
pub(super) fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Encodes a repository file path: each segment encoded, the `/` between them kept, as the
/// contents API takes a multi-segment path.
pub(super) fn encode_file_path(path: &str) -> String {
    path.trim_matches('/')
        .split('/')
        .map(encode)
        .collect::<Vec<_>>()
        .join("/")
}

/// Appends `key=value` pairs (values already encoded) to a path.
pub(super) fn with_query(path: String, pairs: &[(&str, String)]) -> String {
    let query: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}={v}")).collect();
    if query.is_empty() {
        path
    } else {
        format!("{path}?{}", query.join("&"))
    }
}

/// The text with the credentials in the user-info of each URL in it hidden, for anything a
/// person may read (`gh-store config`, errors): `https://u:secret@host/x` →
/// `https://u:***@host/x`, and a bare `https://TOKEN@host` → `https://***@host`.
pub fn redact_userinfo(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("://") {
        let (head, tail) = rest.split_at(at + 3);
        out.push_str(head);
        let authority_end = tail
            .find(|c: char| "/?#\"'<> ".contains(c))
            .unwrap_or(tail.len());
        match tail[..authority_end].rfind('@') {
            Some(user_end) => {
                match tail[..user_end].split_once(':') {
                    Some((user, _password)) => out.push_str(&format!("{user}:***")),
                    None => out.push_str("***"),
                }
                out.push_str(&tail[user_end..authority_end]);
            }
            None => out.push_str(&tail[..authority_end]),
        }
        rest = &tail[authority_end..];
    }
    out.push_str(rest);
    out
}

/// `scheme://authority`, lower-cased, or `None` for a URL that is not absolute.
pub(super) fn origin(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    Some(format!("{scheme}://{authority}").to_ascii_lowercase())
}

/// The host (and port) a URL names, without credentials, for messages: `api.github.com`.
pub(super) fn host(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host);
    host.to_ascii_lowercase()
}

/// The part after the origin, for logs: `/repos/o/r/issues?state=all`.
pub(super) fn path_and_query(url: &str) -> &str {
    match url.split_once("://") {
        Some((_, rest)) => rest.find('/').map_or("/", |at| &rest[at..]),
        None => url,
    }
}

/// Resolves a `Location` header against the URL that answered with it.
pub(super) fn resolve(base: &str, location: &str) -> String {
    if location.contains("://") {
        return location.to_string();
    }
    let Some(origin) = origin(base) else {
        return location.to_string();
    };
    if let Some(rest) = location.strip_prefix("//") {
        let scheme = base.split("://").next().unwrap_or("https");
        return format!("{scheme}://{rest}");
    }
    if location.starts_with('/') {
        return format!("{origin}{location}");
    }
    let path = path_and_query(base).split('?').next().unwrap_or("/");
    let directory = &path[..path.rfind('/').map_or(0, |at| at + 1)];
    format!("{origin}{directory}{location}")
}

/// Splits off the query string: `("…/issues", Some("state=all"))`.
pub(super) fn split_query(url: &str) -> (&str, Option<&str>) {
    match url.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (url, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_label_names_for_paths() {
        assert_eq!(encode("area: ui/x"), "area%3A%20ui%2Fx");
        assert_eq!(encode("a+b%c"), "a%2Bb%25c");
        assert_eq!(encode("UID:été"), "UID%3A%C3%A9t%C3%A9");
        assert_eq!(encode("stored-object_1.x~"), "stored-object_1.x~");
    }

    #[test]
    fn file_paths_keep_their_slashes() {
        assert_eq!(
            encode_file_path(".github/CODE OWNERS"),
            ".github/CODE%20OWNERS"
        );
        assert_eq!(encode_file_path("/docs/CODEOWNERS"), "docs/CODEOWNERS");
    }

    #[test]
    fn origins_compare_scheme_host_and_port() {
        assert_eq!(
            origin("https://API.github.com/repos/o/r").as_deref(),
            Some("https://api.github.com")
        );
        assert_eq!(
            origin("http://127.0.0.1:8080?x").as_deref(),
            Some("http://127.0.0.1:8080")
        );
        assert_eq!(origin("/relative"), None);
    }

    #[test]
    fn resolves_locations() {
        let base = "https://h.example/api/v3/repos/o/r/issues?state=all";
        assert_eq!(resolve(base, "https://x.example/a"), "https://x.example/a");
        assert_eq!(
            resolve(base, "/api/v3/repositories/1"),
            "https://h.example/api/v3/repositories/1"
        );
        assert_eq!(resolve(base, "//x.example/a"), "https://x.example/a");
        assert_eq!(
            resolve(base, "comments"),
            "https://h.example/api/v3/repos/o/r/comments"
        );
    }

    #[test]
    fn logs_show_path_and_query_only() {
        assert_eq!(
            path_and_query("https://h.example/api/v3/x?y=1"),
            "/api/v3/x?y=1"
        );
        assert_eq!(path_and_query("http://h.example"), "/");
    }

    #[test]
    fn credentials_in_urls_are_never_shown() {
        assert_eq!(
            redact_userinfo("https://u:secret@h.example:8443/api?x=a@b"),
            "https://u:***@h.example:8443/api?x=a@b"
        );
        assert_eq!(
            redact_userinfo("http://ghp_token@127.0.0.1"),
            "http://***@127.0.0.1"
        );
        assert_eq!(
            redact_userinfo("https://api.github.com/a@b"),
            "https://api.github.com/a@b"
        );
        assert_eq!(redact_userinfo("not a url"), "not a url");
        assert_eq!(
            redact_userinfo("bad uri \"http://a:b@x\", then https://t@y/z"),
            "bad uri \"http://a:***@x\", then https://***@y/z"
        );
    }
}
