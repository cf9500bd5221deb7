//! The proxy for the API URL, from the environment as curl reads it.
//!
//! ureq's own reading takes the first of ALL_PROXY, HTTPS_PROXY and HTTP_PROXY whatever the
//! URL's scheme, so a corporate HTTPS_PROXY would also catch `http://127.0.0.1` (`gh-store
//! serve`). Here the scheme picks the variable, NO_PROXY is honoured, and loopback is never
//! proxied.

/// The variable naming the proxy to use for `api_url`, and its value; `env` reads a variable.
pub(super) fn proxy_url(
    api_url: &str,
    env: impl Fn(&str) -> Option<String>,
) -> Option<(&'static str, String)> {
    let (scheme, rest) = api_url.split_once("://")?;
    let host = host_of(rest);
    if is_loopback(&host) || bypassed(&host, &env) {
        return None;
    }
    let names: &[&str] = if scheme.eq_ignore_ascii_case("https") {
        &["https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"]
    } else {
        &["http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY"]
    };
    names
        .iter()
        .filter_map(|&name| Some((name, env(name)?.trim().to_string())))
        .find(|(_, value)| !value.is_empty())
}

/// The host of `authority/path…`, lower-cased, without user info, port or IPv6 brackets.
fn host_of(rest: &str) -> String {
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = match host_port.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or(""),
        None => host_port.split(':').next().unwrap_or(""),
    };
    host.to_ascii_lowercase()
}

fn is_loopback(host: &str) -> bool {
    host == "localhost"
        || host.ends_with(".localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// NO_PROXY: `*`, or hosts and domain suffixes (`example.com` also covers `api.example.com`;
/// a leading dot is optional; ports are ignored).
fn bypassed(host: &str, env: &impl Fn(&str) -> Option<String>) -> bool {
    let Some(list) = env("no_proxy").or_else(|| env("NO_PROXY")) else {
        return false;
    };
    list.split(',')
        .map(|entry| entry.trim().to_ascii_lowercase())
        .filter(|entry| !entry.is_empty())
        .any(|entry| {
            if entry == "*" {
                return true;
            }
            let entry = host_of(&entry);
            let entry = entry.trim_start_matches('.');
            host == entry || host.ends_with(&format!(".{entry}"))
        })
}

#[cfg(test)]
mod tests {
    use super::proxy_url;

    fn env<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| {
            vars.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn the_scheme_picks_the_variable() {
        let vars = [("HTTPS_PROXY", "http://corp:3128")];
        assert_eq!(
            proxy_url("https://api.github.com", env(&vars))
                .map(|p| p.1)
                .as_deref(),
            Some("http://corp:3128")
        );
        assert_eq!(proxy_url("http://ghe.internal/api/v3", env(&vars)), None);
        let vars = [("HTTP_PROXY", "http://p:1"), ("ALL_PROXY", "http://all:2")];
        assert_eq!(
            proxy_url("http://ghe.internal/api/v3", env(&vars))
                .map(|p| p.1)
                .as_deref(),
            Some("http://p:1")
        );
        assert_eq!(
            proxy_url("https://api.github.com", env(&vars))
                .map(|p| p.1)
                .as_deref(),
            Some("http://all:2")
        );
    }

    #[test]
    fn loopback_and_no_proxy_go_direct() {
        let vars = [
            ("HTTP_PROXY", "http://p:1"),
            ("HTTPS_PROXY", "http://p:1"),
            ("NO_PROXY", "internal.example, .corp.example:8443"),
        ];
        for url in [
            "http://127.0.0.1:41001",
            "http://localhost:8080",
            "http://[::1]:9000/api/v3",
            "https://ghe.internal.example/api/v3",
            "https://internal.example",
            "https://git.corp.example/api/v3",
        ] {
            assert_eq!(proxy_url(url, env(&vars)), None, "{url}");
        }
        assert_eq!(
            proxy_url("https://api.github.com", env(&vars))
                .map(|p| p.1)
                .as_deref(),
            Some("http://p:1")
        );
        let all = [("HTTPS_PROXY", "http://p:1"), ("no_proxy", "*")];
        assert_eq!(proxy_url("https://api.github.com", env(&all)), None);
    }
}
