//! Page-number pagination and GitHub's `Link` header
//! (<https://docs.github.com/en/rest/using-the-rest-api/using-pagination-in-the-rest-api>).

use serde_json::Value;

use crate::tracker::local::{NumberedPage, PageNumber};

use super::errors::{Answer, ApiError};
use super::http::{ApiResponse, Query};

const DEFAULT_PER_PAGE: u32 = 30;
const MAX_PER_PAGE: u32 = 100;

/// `page` and `per_page` from the query: defaults 1 and 30, `per_page` clamped to 100 (as
/// GitHub does rather than refusing), anything that is not a number refused with 422.
pub(crate) fn page_number(query: &Query, resource: &str) -> Result<PageNumber, ApiError> {
    let number = |name: &str, default: u32| -> Result<u32, ApiError> {
        match query.get(name) {
            None | Some("") => Ok(default),
            Some(text) => match text.trim().parse::<u64>() {
                // GitHub reads 0 as "not given".
                Ok(0) => Ok(default),
                Ok(n) => Ok(u32::try_from(n).unwrap_or(u32::MAX)),
                Err(_) => Err(ApiError::validation(resource, name, "invalid", None)),
            },
        }
    };
    Ok(PageNumber {
        page: number("page", 1)?,
        per_page: number("per_page", DEFAULT_PER_PAGE)?.min(MAX_PER_PAGE),
    })
}

/// One page out of a list held in memory.
pub(crate) fn slice<T: Clone>(items: &[T], page: PageNumber) -> NumberedPage<T> {
    let start = (page.page as usize - 1).saturating_mul(page.per_page as usize);
    NumberedPage {
        items: items
            .iter()
            .skip(start)
            .take(page.per_page as usize)
            .cloned()
            .collect(),
        total: items.len() as u64,
    }
}

/// A 200 with the page's items, each rendered, and, when there is more than one page, a
/// `Link` header on `base` (an absolute URL without query) with the request's other
/// parameters kept.
pub(crate) fn answer<T>(
    found: &NumberedPage<T>,
    render: impl FnMut(&T) -> Result<Value, ApiError>,
    page: PageNumber,
    base: &str,
    query: &Query,
) -> Answer {
    let items = found.items.iter().map(render).collect::<Result<_, _>>()?;
    let response = ApiResponse::ok(Value::Array(items));
    Ok(match link(found.total, page, base, query) {
        Some(link) => response.with_header("link", link),
        None => response,
    })
}

/// Relations in GitHub's order: `prev`, `next`, `last`, `first`. The first page has
/// `next, last`, a middle page all four, the last page `prev, first`; a single page none.
fn link(total: u64, page: PageNumber, base: &str, query: &Query) -> Option<String> {
    let last = total.div_ceil(page.per_page as u64).max(1);
    let current = page.page as u64;
    if last == 1 && current == 1 {
        return None;
    }
    let url = |n: u64| format!("<{base}?{}>", query.with_page(n));
    let mut relations = Vec::new();
    if current > 1 {
        relations.push(format!("{}; rel=\"prev\"", url(current - 1)));
    }
    if current < last {
        relations.push(format!("{}; rel=\"next\"", url(current + 1)));
        relations.push(format!("{}; rel=\"last\"", url(last)));
    }
    if current > 1 {
        relations.push(format!("{}; rel=\"first\"", url(1)));
    }
    Some(relations.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "http://h/repositories/7/issues";

    fn rels(total: u64, page: u32) -> Vec<String> {
        let query = Query::parse(&format!("per_page=3&page={page}"));
        let number = page_number(&query, "Issue").unwrap();
        link(total, number, BASE, &query)
            .map(|l| {
                l.split(", ")
                    .map(|part| {
                        part.split("rel=")
                            .nth(1)
                            .unwrap()
                            .trim_matches('"')
                            .to_string()
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    #[test]
    fn relations_follow_the_recorded_paginate_issues_scenario() {
        assert_eq!(rels(13, 1), ["next", "last"]);
        assert_eq!(rels(13, 2), ["prev", "next", "last", "first"]);
        assert_eq!(rels(13, 5), ["prev", "first"]);
        assert!(rels(3, 1).is_empty());
        assert!(rels(0, 1).is_empty());
    }

    #[test]
    fn link_urls_keep_other_parameters_in_order() {
        let query = Query::parse("per_page=3");
        let number = page_number(&query, "Issue").unwrap();
        assert_eq!(
            link(13, number, BASE, &query).unwrap(),
            "<http://h/repositories/7/issues?per_page=3&page=2>; rel=\"next\", \
             <http://h/repositories/7/issues?per_page=3&page=5>; rel=\"last\""
        );
    }

    #[test]
    fn per_page_is_clamped_and_garbage_refused() {
        let big = page_number(&Query::parse("per_page=500"), "Issue").unwrap();
        assert_eq!(big.per_page, 100);
        let default = page_number(&Query::default(), "Issue").unwrap();
        assert_eq!((default.page, default.per_page), (1, 30));
        let bad = page_number(&Query::parse("per_page=lots"), "Issue").unwrap_err();
        assert_eq!(bad.status, 422);
    }

    #[test]
    fn slices_past_the_end_are_empty() {
        let items: Vec<u32> = (0..5).collect();
        let page = PageNumber {
            page: 3,
            per_page: 2,
        };
        assert_eq!(slice(&items, page).items, vec![4]);
        let past = PageNumber {
            page: 9,
            per_page: 2,
        };
        assert!(slice(&items, past).items.is_empty());
        assert_eq!(slice(&items, past).total, 5);
    }
}
