//! Tables as a terminal shows them: padded by display width, cut to the terminal's width,
//! an empty result said in words; in a pipe every character kept.

use crate::harness::Sandbox;

const IDS: [&str; 3] = [
    "設定",
    "cafe\u{301}",
    "a-very-long-object-identifier-for-the-tests",
];

fn column_of(line: &str, needle: &str) -> usize {
    let at = line
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} in {line:?}"));
    unicode_width::UnicodeWidthStr::width(&line[..at])
}

#[test]
fn columns_line_up_by_display_width_in_a_pipe_with_nothing_cut() {
    let s = Sandbox::local();
    for id in IDS {
        s.run(&["create", id, "{}"]).success();
    }
    let table = s.run(&["list", "--format", "table"]).success().stdout;
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines.len(), 4, "{table}");
    let stable = column_of(lines[1], "stable");
    for line in &lines[2..] {
        assert_eq!(column_of(line, "stable"), stable, "{table}");
    }
    assert_eq!(column_of(lines[0], "STATE"), stable, "{table}");
    assert!(table.contains(IDS[2]), "whole ids in a pipe: {table}");
}

#[test]
fn on_a_terminal_rows_fit_its_width_and_long_ids_are_cut() {
    let s = Sandbox::local();
    for id in IDS {
        s.run(&["create", id, "{}"]).success();
    }
    let shown = s
        .run_on_terminal(70, &["--color", "never", "list", "--format", "table"])
        .success()
        .stdout;
    let lines: Vec<&str> = shown.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 4, "{shown:?}");
    for line in &lines {
        let width = unicode_width::UnicodeWidthStr::width(*line);
        assert!(width <= 70, "{width} columns: {line:?}");
    }
    assert!(!shown.contains(IDS[2]), "{shown}");
    assert!(
        shown.contains("a-very-long-obj") && shown.contains('…'),
        "{shown}"
    );
    let stable = column_of(lines[1], "stable");
    assert!(
        lines[2..].iter().all(|l| column_of(l, "stable") == stable),
        "{shown}"
    );
}

#[test]
fn an_empty_result_says_so_on_a_terminal_and_prints_the_header_in_a_pipe() {
    let s = Sandbox::local();
    let shown = s
        .run_on_terminal(100, &["list", "--format", "table"])
        .success();
    assert_eq!(
        shown.stdout.trim(),
        "no objects match",
        "{:?}",
        shown.stdout
    );
    let piped = s.run(&["list", "--format", "table"]).success().stdout;
    assert!(
        piped.starts_with("ID") && piped.lines().count() == 1,
        "{piped}"
    );
    let aliases = s.run_on_terminal(100, &["list", "--aliases", "--format", "table"]);
    assert_eq!(aliases.success().stdout.trim(), "no aliases");
}
