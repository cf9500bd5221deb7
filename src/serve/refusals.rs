//! Answers that come from GitHub's front end rather than from an endpoint: the missing
//! `User-Agent` page, rate limits, server errors, redirects of renamed repositories.

use serde_json::json;

use super::errors::{DOCS, FORBIDDEN};
use super::faults::BodyFormat;
use super::http::{ApiResponse, Body};
use super::ratelimit::Budget;

pub(crate) const API_VERSION: &str = "2022-11-28";

const SECONDARY_DOCS: &str =
    "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits";
const PRIMARY_DOCS: &str =
    "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-the-primary-rate-limit";

/// 403 in HTML, GitHub's answer to a request without `User-Agent`.
pub(crate) fn missing_user_agent() -> ApiResponse {
    html(
        403,
        "Request forbidden by administrative rules. Please make sure your request has a \
         User-Agent header (https://docs.github.com/en/rest/overview/resources-in-the-rest-api#user-agent-required). \
         Check https://developer.github.com for other possible causes.\n",
    )
}

pub(crate) fn unknown_api_version(version: &str) -> ApiResponse {
    ApiResponse::json(
        400,
        json!({
            "message": format!("Invalid API version provided: {version}. Supported versions: {API_VERSION}."),
            "documentation_url": "https://docs.github.com/rest/overview/api-versions",
            "status": "400",
        }),
    )
}

/// The primary budget is spent: 403 (or 429) with `x-ratelimit-remaining: 0`.
pub(crate) fn primary_exhausted(status: u16, user_id: Option<u64>, budget: &Budget) -> ApiResponse {
    let message = match user_id {
        Some(id) => format!("API rate limit exceeded for user ID {id}."),
        None => "API rate limit exceeded for 127.0.0.1. (But here's the good news: Authenticated \
                 requests get a higher rate limit. Check out the documentation for more details.)"
            .to_string(),
    };
    let mut response = ApiResponse::json(
        status,
        json!({"message": message, "documentation_url": PRIMARY_DOCS}),
    );
    response.headers.extend(budget.headers());
    response
}

/// A secondary rate limit: the message clients look for contains "secondary rate limit".
pub(crate) fn secondary_limit(
    status: u16,
    retry_after: Option<u64>,
    format: BodyFormat,
    request_id: &str,
) -> ApiResponse {
    let message = format!(
        "You have exceeded a secondary rate limit. Please wait a few minutes before you try \
         again. If you reach out to GitHub Support for help, please include the request ID \
         {request_id}."
    );
    let response = match format {
        BodyFormat::Json => ApiResponse::json(
            status,
            json!({"message": message, "documentation_url": SECONDARY_DOCS}),
        ),
        BodyFormat::Html => html(
            status,
            &format!("<html><body><h1>Access denied</h1><p>{message}</p></body></html>\n"),
        ),
    };
    match retry_after {
        Some(seconds) => response.with_header("retry-after", seconds.to_string()),
        None => response,
    }
}

/// An injected error status as JSON or as the HTML page GitHub's edge sends: mostly 500,
/// 502, 503, also a 404 for GitHub's read-after-write lag; 4xx with GitHub's usual message,
/// so that a client's error output can be judged.
pub(crate) fn error_status(status: u16, format: BodyFormat) -> ApiResponse {
    let reason = match status {
        400 => "Problems parsing JSON",
        401 => "Bad credentials",
        403 => FORBIDDEN,
        404 => "Not Found",
        410 => "Issues are disabled for this repo",
        422 => "Validation Failed",
        500 => "Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Error",
    };
    match format {
        BodyFormat::Json => ApiResponse::json(
            status,
            json!({"message": reason, "documentation_url": DOCS, "status": status.to_string()}),
        ),
        BodyFormat::Html => html(
            status,
            &format!(
                "<!DOCTYPE html><html><head><title>{reason} · GitHub</title></head>\
                 <body><h1>{status} {reason}</h1><p>We couldn't respond to your request in \
                 time. Sorry about that.</p></body></html>\n"
            ),
        ),
    }
}

/// 301 for reads, 307 for writes, both to the same path under `/repositories/{id}`.
pub(crate) fn moved(location: String, read: bool) -> ApiResponse {
    ApiResponse::json(
        if read { 301 } else { 307 },
        json!({
            "message": "Moved Permanently",
            "url": location,
            "documentation_url": "https://docs.github.com/v3/#http-redirects",
        }),
    )
    .with_header("location", location)
}

fn html(status: u16, page: &str) -> ApiResponse {
    ApiResponse {
        status,
        headers: Vec::new(),
        body: Body::Html(page.to_string()),
    }
}
