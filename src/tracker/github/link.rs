//! The `Link` response header (RFC 8288) that carries GitHub's pagination.

/// The URL of the link with relation `rel` (case-insensitive), verbatim. GitHub's order of
/// relations varies by page, and its `next` URLs may carry opaque cursors, so links are
/// looked up by relation and never rebuilt.
pub(super) fn find(header: &str, rel: &str) -> Option<String> {
    let mut rest = header;
    while let Some(open) = rest.find('<') {
        let close = open + rest[open..].find('>')?;
        let target = &rest[open + 1..close];
        let params_end = rest[close..]
            .find('<')
            .map_or(rest.len(), |next| close + next);
        // Up to the next link, without the comma that separates links.
        let params = rest[close + 1..params_end].trim_end().trim_end_matches(',');
        if params
            .split(';')
            .filter_map(|param| param.split_once('='))
            .filter(|(name, _)| name.trim().eq_ignore_ascii_case("rel"))
            .flat_map(|(_, value)| value.trim().trim_matches('"').split_ascii_whitespace())
            .any(|value| value.eq_ignore_ascii_case(rel))
        {
            return Some(target.trim().to_string());
        }
        rest = &rest[params_end..];
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIDDLE: &str = "<https://api.github.com/repositories/515435940/issues?per_page=3&page=1>; rel=\"prev\", <https://api.github.com/repositories/515435940/issues?per_page=3&page=3>; rel=\"next\", <https://api.github.com/repositories/515435940/issues?per_page=3&page=5>; rel=\"last\", <https://api.github.com/repositories/515435940/issues?per_page=3&page=1>; rel=\"first\"";

    #[test]
    fn finds_next_by_relation_not_position() {
        assert_eq!(
            find(MIDDLE, "next").as_deref(),
            Some("https://api.github.com/repositories/515435940/issues?per_page=3&page=3")
        );
        assert_eq!(
            find(MIDDLE, "LAST").as_deref(),
            Some("https://api.github.com/repositories/515435940/issues?per_page=3&page=5")
        );
    }

    #[test]
    fn last_page_has_no_next() {
        let last =
            "<https://x/issues?page=4>; rel=\"prev\", <https://x/issues?page=1>; rel=\"first\"";
        assert_eq!(find(last, "next"), None);
        assert_eq!(find("", "next"), None);
    }

    #[test]
    fn tolerates_unquoted_and_multiple_relations() {
        let odd = "<https://x/a?after=Y3Vyc29y%3D>;rel=NEXT , <https://x/b>; title=\"a, b\"; rel=\"prev first\"";
        assert_eq!(
            find(odd, "next").as_deref(),
            Some("https://x/a?after=Y3Vyc29y%3D")
        );
        assert_eq!(find(odd, "first").as_deref(), Some("https://x/b"));
    }
}
