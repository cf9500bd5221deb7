//! Parsing setting values: repositories, durations, booleans.

use std::time::Duration;

use super::Origin;
use crate::error::{Error, Result};

/// `OWNER/REPO`, or `HOST/OWNER/REPO` as `GH_REPO` allows.
pub(super) fn parse_repo(text: &str, origin: &Origin) -> Result<(Option<String>, String)> {
    let parts: Vec<&str> = text.split('/').collect();
    let valid = |s: &&str| !s.is_empty() && !s.contains(char::is_whitespace);
    match parts.as_slice() {
        [owner, repo] if valid(owner) && valid(repo) => Ok((None, text.to_string())),
        [host, owner, repo] if valid(host) && valid(owner) && valid(repo) => {
            Ok((Some(host.to_string()), format!("{owner}/{repo}")))
        }
        _ => Err(Error::usage(format!(
            "invalid repository {text:?} from {origin}: expected OWNER/REPO"
        ))),
    }
}

/// `90` (seconds), `250ms`, `90s`, `5m`, `1h`, `1h30m`.
pub fn parse_duration(text: &str) -> std::result::Result<Duration, String> {
    let text = text.trim();
    let invalid = || format!("{text:?} is not a duration like 500ms, 30s, 5m or 1h");
    if let Ok(seconds) = text.parse::<u64>() {
        return Ok(Duration::from_secs(seconds));
    }
    let mut total = Duration::ZERO;
    let mut rest = text;
    if rest.is_empty() {
        return Err(invalid());
    }
    while !rest.is_empty() {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        let value: u64 = rest[..digits].parse().map_err(|_| invalid())?;
        rest = &rest[digits..];
        let unit = rest.bytes().take_while(u8::is_ascii_alphabetic).count();
        let step = match &rest[..unit] {
            "ms" => Duration::from_millis(value),
            "s" => Duration::from_secs(value),
            "m" => Duration::from_secs(value * 60),
            "h" => Duration::from_secs(value * 3600),
            _ => return Err(invalid()),
        };
        total += step;
        rest = &rest[unit..];
    }
    Ok(total)
}

pub(super) fn parse_bool(text: &str) -> Option<bool> {
    match text.to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "on" => Some(true),
        "0" | "false" | "no" | "off" => Some(false),
        _ => None,
    }
}
