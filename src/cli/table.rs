//! Tables for people: columns padded by display width (CJK and most emoji take two
//! columns, combining marks none), and on a terminal cut to its width with `…`, as gh does.
//! In a pipe nothing is cut: a script gets every character.

use std::io::IsTerminal;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// The columns `text` takes on a terminal.
pub fn width(text: &str) -> usize {
    text.width()
}

/// `text` padded with spaces to `columns` (left-aligned); longer text is left as it is.
pub fn pad(text: &str, columns: usize) -> String {
    let fill = columns.saturating_sub(width(text));
    format!("{text}{}", " ".repeat(fill))
}

/// `text` cut to at most `columns`, ending in `…` when anything was cut.
pub fn truncate(text: &str, columns: usize) -> String {
    if width(text) <= columns {
        return text.to_string();
    }
    let room = columns.saturating_sub(1);
    let mut used = 0;
    let mut kept = String::new();
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > room {
            break;
        }
        used += w;
        kept.push(c);
    }
    if columns > 0 {
        kept.push('…');
    }
    kept
}

/// The terminal's width when stdout is one (`COLUMNS` when its size is unknown).
pub fn terminal_columns() -> Option<usize> {
    let stdout = std::io::stdout();
    if !stdout.is_terminal() {
        return None;
    }
    terminal_size::terminal_size_of(&stdout)
        .map(|(terminal_size::Width(w), _)| usize::from(w))
        .or_else(|| std::env::var("COLUMNS").ok()?.parse().ok())
        .filter(|&w| w > 0)
}

/// The width of a flexible column that is `wanted` wide, given the `fixed` columns the rest
/// of the row takes: what the terminal leaves it (at least `min`), or `wanted` off one.
pub fn fit(wanted: usize, fixed: usize, min: usize, terminal: Option<usize>) -> usize {
    match terminal {
        Some(columns) => wanted.min(columns.saturating_sub(fixed).max(min)),
        None => wanted,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_and_combining_characters_are_measured_as_displayed() {
        assert_eq!(width("abc"), 3);
        assert_eq!(width("設定"), 4);
        assert_eq!(width("e\u{301}"), 1, "a combining accent takes no column");
        assert_eq!(pad("設定", 6), "設定  ");
        assert_eq!(pad("toolong", 3), "toolong");
    }

    #[test]
    fn truncation_never_splits_a_wide_character_or_exceeds_the_room() {
        assert_eq!(truncate("configuration", 6), "confi…");
        assert_eq!(truncate("short", 6), "short");
        assert_eq!(truncate("設定ファイル", 5), "設定…");
        assert_eq!(width(&truncate("設定ファイル", 5)), 5);
        assert_eq!(
            truncate("設定ファイル", 4),
            "設…",
            "no half of a wide character"
        );
        assert_eq!(truncate("cafe\u{301}s", 5), "cafe\u{301}s");
        assert_eq!(
            truncate("cafe\u{301}-bar", 5),
            "cafe\u{301}…",
            "the accent stays"
        );
    }

    #[test]
    fn a_flexible_column_fits_the_terminal_but_never_below_its_minimum() {
        assert_eq!(fit(30, 47, 8, None), 30);
        assert_eq!(fit(30, 47, 8, Some(120)), 30);
        assert_eq!(fit(30, 47, 8, Some(60)), 13);
        assert_eq!(fit(30, 47, 8, Some(40)), 8);
    }
}
