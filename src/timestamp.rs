//! UTC timestamps as GitHub writes them: `YYYY-MM-DDTHH:MM:SSZ`, second precision.
//!
//! A hand-written civil-date conversion keeps a date-time crate out of the build;
//! gh-store only ever needs UTC, whole seconds, and ISO 8601 parsing of what GitHub
//! and the Python client write (`Z`, `+00:00`, fractional seconds).

use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

/// Seconds since the Unix epoch, UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Timestamp(pub i64);

impl Timestamp {
    /// The current time, truncated to the second.
    pub fn now() -> Timestamp {
        let secs = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0);
        Timestamp(secs)
    }

    pub fn seconds(self) -> i64 {
        self.0
    }

    /// Parses ISO 8601 / RFC 3339: `2025-04-14T04:18:36Z`, `2025-04-14T04:18:36.123456+00:00`,
    /// `2025-04-14T04:18:36.123Z`, a time without offset (UTC), and a bare date
    /// `2025-04-14` (midnight UTC).
    /// Fractions are dropped; offsets are applied.
    pub fn parse(text: &str) -> Option<Timestamp> {
        let text = text.trim();
        let bytes = text.as_bytes();
        if bytes.len() < 10 {
            return None;
        }
        let year: i64 = text.get(0..4)?.parse().ok()?;
        if bytes[4] != b'-' || bytes[7] != b'-' {
            return None;
        }
        let month: u32 = text.get(5..7)?.parse().ok()?;
        let day: u32 = text.get(8..10)?.parse().ok()?;
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        let days = days_from_civil(year, month, day);
        if bytes.len() == 10 {
            return Some(Timestamp(days * 86_400));
        }
        if !matches!(bytes[10], b'T' | b't' | b' ') || bytes.len() < 19 {
            return None;
        }
        let hour: i64 = text.get(11..13)?.parse().ok()?;
        let minute: i64 = text.get(14..16)?.parse().ok()?;
        let second: i64 = text.get(17..19)?.parse().ok()?;
        if bytes[13] != b':' || bytes[16] != b':' || hour > 23 || minute > 59 || second > 60 {
            return None;
        }
        let mut rest = &text[19..];
        if let Some(fraction) = rest.strip_prefix('.') {
            let digits = fraction.bytes().take_while(u8::is_ascii_digit).count();
            if digits == 0 {
                return None;
            }
            rest = &fraction[digits..];
        }
        let offset = match rest {
            // No offset: read as UTC, the only zone gh-store writes.
            "" | "Z" | "z" => 0,
            _ => {
                let sign = match rest.as_bytes().first()? {
                    b'+' => 1,
                    b'-' => -1,
                    _ => return None,
                };
                let (h, m) = match rest.len() {
                    6 if rest.as_bytes()[3] == b':' => (&rest[1..3], &rest[4..6]),
                    5 => (&rest[1..3], &rest[3..5]),
                    3 => (&rest[1..3], "00"),
                    _ => return None,
                };
                let h: i64 = h.parse().ok()?;
                let m: i64 = m.parse().ok()?;
                sign * (h * 3600 + m * 60)
            }
        };
        Some(Timestamp(
            days * 86_400 + hour * 3600 + minute * 60 + second - offset,
        ))
    }

    /// Parses an HTTP date in the form servers send (RFC 9110's IMF-fixdate), as in
    /// GitHub's `Date` header: `Sun, 06 Nov 1994 08:49:37 GMT`.
    pub fn parse_http_date(text: &str) -> Option<Timestamp> {
        const MONTHS: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        let parts: Vec<&str> = text.split_whitespace().collect();
        let [weekday, day, month, year, time, "GMT"] = parts[..] else {
            return None;
        };
        if !weekday.ends_with(',') || day.len() != 2 || year.len() != 4 || time.len() != 8 {
            return None;
        }
        let month = MONTHS.iter().position(|m| *m == month)? + 1;
        Timestamp::parse(&format!("{year}-{month:02}-{day}T{time}Z"))
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let days = self.0.div_euclid(86_400);
        let secs = self.0.rem_euclid(86_400);
        let (year, month, day) = civil_from_days(days);
        write!(
            f,
            "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
            secs / 3600,
            secs % 3600 / 60,
            secs % 60
        )
    }
}

impl serde::Serialize for Timestamp {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Timestamp {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Timestamp::parse(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("invalid timestamp {text:?}")))
    }
}

/// The current time with microseconds and a `+00:00` offset, as the Python client writes
/// `_meta.timestamp`. The microseconds also make each envelope body unique, which lets a
/// retried POST find the write that may already have happened.
pub fn now_precise() -> String {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    let whole = Timestamp(now.as_secs() as i64).to_string();
    format!(
        "{}.{:06}+00:00",
        whole.trim_end_matches('Z'),
        now.subsec_micros()
    )
}

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

// Howard Hinnant's days-from-civil algorithm (proleptic Gregorian calendar).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = month as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + day as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + if month <= 2 { 1 } else { 0 };
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_http_dates() {
        assert_eq!(
            Timestamp::parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"),
            Timestamp::parse("1994-11-06T08:49:37Z")
        );
        assert_eq!(
            Timestamp::parse_http_date("Tue, 29 Feb 2028 23:59:59 GMT"),
            Timestamp::parse("2028-02-29T23:59:59Z")
        );
        for bad in [
            "",
            "Sun, 06 Nov 1994 08:49:37",
            "Sun, 06 Nov 1994 08:49:37 PST",
            "Sun, 6 Nov 1994 08:49:37 GMT",
            "Sun, 06 Foo 1994 08:49:37 GMT",
            "Sun, 31 Feb 1994 08:49:37 GMT",
            "Sunday, 06-Nov-94 08:49:37 GMT",
        ] {
            assert_eq!(Timestamp::parse_http_date(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn round_trips_github_form() {
        let t = Timestamp::parse("2022-07-19T04:39:16Z").unwrap();
        assert_eq!(t.0, 1_658_205_556);
        assert_eq!(t.to_string(), "2022-07-19T04:39:16Z");
    }

    #[test]
    fn parses_python_and_typescript_forms() {
        let expected = Timestamp::parse("2025-04-14T04:18:36Z").unwrap();
        assert_eq!(
            Timestamp::parse("2025-04-14T04:18:36.123456+00:00"),
            Some(expected)
        );
        assert_eq!(Timestamp::parse("2025-04-14T04:18:36.123Z"), Some(expected));
        assert_eq!(
            Timestamp::parse("2025-04-14T06:18:36+02:00"),
            Some(expected)
        );
        assert_eq!(
            Timestamp::parse("2025-04-14").unwrap().to_string(),
            "2025-04-14T00:00:00Z"
        );
    }

    #[test]
    fn rejects_garbage() {
        for bad in [
            "",
            "2025-13-01",
            "2025-02-30",
            "2025-04-14T25:00:00Z",
            "yesterday",
        ] {
            assert_eq!(Timestamp::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn precise_now_parses_back() {
        let text = now_precise();
        assert!(text.ends_with("+00:00"), "{text}");
        assert!(Timestamp::parse(&text).is_some());
    }

    #[test]
    fn leap_days_and_epoch() {
        assert_eq!(Timestamp(0).to_string(), "1970-01-01T00:00:00Z");
        let t = Timestamp::parse("2024-02-29T12:00:00Z").unwrap();
        assert_eq!(t.to_string(), "2024-02-29T12:00:00Z");
    }
}
