//! The man pages under `man/`: clap_mangen's NAME, OPTIONS and SUBCOMMANDS, with our own
//! SYNOPSIS (value names, as `--help` shows them), the examples kept as written, and the
//! sections a man page reader looks for (EXIT STATUS, ENVIRONMENT, FILES, SEE ALSO). The
//! exit codes and variables are read from README's tables, so the two cannot disagree.

use std::path::PathBuf;

use clap::{Arg, ArgAction, Command, CommandFactory};
use clap_mangen::roff::{bold, italic, roman, Roff};
use clap_mangen::Man;

use crate::cli::{exit_codes, Cli};

const README: &str = include_str!("../../README.md");

const FILES: &[(&str, &str)] = &[
    (
        "~/.config/gh-store/config.yml",
        "user settings (the Python gh-store's file); --config or GH_STORE_CONFIG replaces it",
    ),
    (
        ".gh-store.yml",
        "the project's settings, searched upward from the working directory",
    ),
    (
        "~/.local/share/gh-store/store.db",
        "the default local store, used when no repository is configured",
    ),
    (
        "~/.cache/gh-store/http.sqlite",
        "GitHub's answers to reads, kept to revalidate them (304s are free of the rate limit)",
    ),
    (
        "~/.cache/gh-store/app-tokens",
        "installation tokens of a GitHub App (--app-id), reused until they expire",
    ),
];

pub fn pages() -> Vec<(PathBuf, Vec<u8>)> {
    let mut root = Cli::command().disable_help_subcommand(true);
    root.build();
    let all: Vec<String> = root
        .get_subcommands()
        .filter(|c| !c.is_hide_set())
        .map(page_name)
        .collect();
    let mut files = Vec::new();
    let mut pending = vec![root];
    while let Some(command) = pending.pop() {
        pending.extend(
            command
                .get_subcommands()
                .filter(|c| !c.is_hide_set())
                .cloned(),
        );
        let see_also = if page_name(&command) == "gh-store" {
            all.clone()
        } else {
            let mut pages = vec!["gh-store".to_string()];
            pages.extend(command.get_subcommands().map(page_name));
            pages
        };
        let name = page_name(&command);
        files.push((
            PathBuf::from("man").join(format!("{name}.1")),
            render(command, &see_also).into_bytes(),
        ));
    }
    files
}

fn page_name(command: &Command) -> String {
    command
        .get_display_name()
        .unwrap_or_else(|| command.get_name())
        .to_string()
}

fn render(command: Command, see_also: &[String]) -> String {
    let version = command.get_version().unwrap_or_default().to_string();
    let mut head = Roff::new();
    // No hyphenation anywhere: option names, variables and paths are typed, not read.
    head.control("nh", []);
    synopsis(&mut head, &command);
    description(&mut head, &command);

    let mut tail = Roff::new();
    exit_status(&mut tail);
    definitions(
        &mut tail,
        "ENVIRONMENT",
        readme_table("| Variable | Meaning |"),
    );
    definitions(
        &mut tail,
        "FILES",
        FILES
            .iter()
            .map(|(f, m)| (f.to_string(), m.to_string()))
            .collect(),
    );
    tail.control("SH", ["SEE ALSO"]);
    let mut refs: Vec<String> = see_also.iter().map(|p| format!("{p}(1)")).collect();
    refs.extend(["gh(1)".to_string(), "jq(1)".to_string()]);
    tail.text([roman(refs.join(", "))]);

    let has_subcommands = command.has_subcommands();
    let has_options = command.get_arguments().any(|a| !a.is_hide_set());
    let man = Man::new(command).source(format!("gh-store {version}"));
    let mut page = String::new();
    page.push_str(&section(|w| man.render_title(w), true));
    page.push_str(&section(|w| man.render_name_section(w), false));
    page.push_str(&without_preamble(head.render()));
    if has_options {
        page.push_str(&section(|w| man.render_options_section(w), false));
    }
    if has_subcommands {
        page.push_str(&section(|w| man.render_subcommands_section(w), false));
    }
    page.push_str(&without_preamble(tail.render()));
    page
}

/// clap_mangen starts every rendered piece with the same two-line preamble (the `Aq`
/// string); a page needs it once.
fn section(
    render: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>,
    keep_preamble: bool,
) -> String {
    let mut out = Vec::new();
    render(&mut out).expect("rendering to memory cannot fail");
    let text = String::from_utf8(out).expect("roff is UTF-8");
    if keep_preamble {
        text
    } else {
        without_preamble(text)
    }
}

fn without_preamble(text: String) -> String {
    let mut lines = text.split_inclusive('\n');
    let preamble: String = lines.by_ref().take(2).collect();
    assert!(
        preamble.starts_with(".ie \\n(.g .ds Aq"),
        "roff's preamble changed"
    );
    lines.collect()
}

/// `gh-store update [--mode <MODE>] [-R|--repo <OWNER/REPO>] … <ID> [JSON]`: clap_mangen
/// leaves the values out (`[--mode]`), which reads as if --mode were a switch.
fn synopsis(roff: &mut Roff, command: &Command) {
    roff.control("SH", ["SYNOPSIS"]);
    roff.control("ad", ["l"]);
    let name = command.get_bin_name().unwrap_or_else(|| command.get_name());
    let mut line = vec![bold(name)];
    for arg in command
        .get_arguments()
        .filter(|a| !a.is_hide_set() && !a.is_positional())
    {
        let (open, close) = if arg.is_required_set() {
            ("", "")
        } else {
            ("[", "]")
        };
        line.push(roman(format!(" {open}")));
        match (arg.get_short(), arg.get_long()) {
            (Some(s), Some(l)) => {
                line.extend([bold(format!("-{s}")), roman("|"), bold(format!("--{l}"))])
            }
            (Some(s), None) => line.push(bold(format!("-{s}"))),
            (None, Some(l)) => line.push(bold(format!("--{l}"))),
            (None, None) => {}
        }
        if arg.get_action().takes_values() {
            let value = italic(format!("<{}>", value_name(arg)));
            let optional = arg.get_num_args().is_some_and(|n| n.min_values() == 0);
            match (arg.is_require_equals_set(), optional) {
                (true, true) => line.extend([roman("[="), value, roman("]")]),
                (true, false) => line.extend([roman("="), value]),
                (false, _) => line.extend([roman(" "), value]),
            }
        }
        if matches!(arg.get_action(), ArgAction::Append | ArgAction::Count) {
            line.push(roman("..."));
        }
        line.push(roman(close));
    }
    for arg in command.get_positionals().filter(|a| !a.is_hide_set()) {
        let (open, close) = if arg.is_required_set() {
            ("<", ">")
        } else {
            ("[", "]")
        };
        let many = arg.get_num_args().is_some_and(|n| n.max_values() > 1);
        line.push(roman(format!(" {open}")));
        line.push(italic(value_name(arg)));
        line.push(roman(if many { "..." } else { "" }));
        line.push(roman(close));
    }
    if command.has_subcommands() {
        let (open, close) = if command.is_subcommand_required_set() {
            ("<", ">")
        } else {
            ("[", "]")
        };
        line.extend([roman(format!(" {open}")), italic("command"), roman(close)]);
    }
    roff.text(line);
    roff.control("ad", ["b"]);
}

fn value_name(arg: &Arg) -> String {
    match arg.get_value_names() {
        Some(names) => names
            .iter()
            .map(|n| n.as_str())
            .collect::<Vec<_>>()
            .join(" "),
        None => arg.get_id().as_str().to_uppercase(),
    }
}

/// The long help as paragraphs, except the block after `Examples:`: command lines, set
/// without filling, justifying or hyphenating, so that they can be copied as they are.
fn description(roff: &mut Roff, command: &Command) {
    roff.control("SH", ["DESCRIPTION"]);
    let Some(about) = command.get_long_about().or_else(|| command.get_about()) else {
        return;
    };
    let mut in_examples = false;
    for line in about.to_string().lines() {
        if in_examples && !line.starts_with("  ") {
            roff.control("fi", []).control("RE", []);
            in_examples = false;
        }
        if in_examples {
            roff.text([roman(&line[2..])]);
        } else if line.trim().is_empty() {
            roff.control("PP", []);
        } else if line == "Examples:" {
            roff.text([roman(line)]);
            roff.control("RS", ["2"]).control("nf", []);
            in_examples = true;
        } else {
            roff.text([roman(line)]);
        }
    }
    if in_examples {
        roff.control("fi", []).control("RE", []);
    }
}

fn exit_status(roff: &mut Roff) {
    let codes = readme_table("| Code | Meaning |");
    // The codes of `--help` are a summary of README's; a code in one only is a mistake.
    let summary = exit_codes();
    for (code, _) in &codes {
        assert!(
            summary
                .lines()
                .any(|l| l.trim_start().starts_with(&format!("{code} "))),
            "exit code {code} is in README but not in --help's EXIT_CODES"
        );
    }
    definitions(roff, "EXIT STATUS", codes);
}

fn definitions(roff: &mut Roff, heading: &str, items: Vec<(String, String)>) {
    roff.control("SH", [heading]);
    for (term, meaning) in items {
        roff.control("TP", []);
        roff.text([bold(term)]);
        roff.text([roman(meaning)]);
    }
}

/// The rows of the README table whose header line is `header`, markdown taken out.
fn readme_table(header: &str) -> Vec<(String, String)> {
    let rows: Vec<(String, String)> = README
        .lines()
        .skip_while(|line| line.trim() != header)
        .skip(2)
        .take_while(|line| line.starts_with('|'))
        .filter_map(|line| {
            let inner = line.trim().strip_prefix('|')?.strip_suffix('|')?;
            // The first cell never holds " | "; a later one may hold `auto|always|never`.
            let (term, meaning) = inner.split_once(" | ")?;
            Some((plain(term.trim()), plain(meaning.trim())))
        })
        .collect();
    assert!(!rows.is_empty(), "README has no table headed {header:?}");
    rows
}

/// Markdown to plain text: `code` loses its backticks, [text](#anchor) keeps its text.
fn plain(markdown: &str) -> String {
    let mut text = markdown.replace('`', "");
    while let Some(start) = text.find("](") {
        let Some(open) = text[..start].rfind('[') else {
            break;
        };
        let Some(end) = text[start..].find(')') else {
            break;
        };
        let label = text[open + 1..start].to_string();
        text.replace_range(open..start + end + 1, &label);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::plain;

    #[test]
    fn markdown_is_taken_out_of_table_cells() {
        assert_eq!(
            plain("`GH_STORE_APP_ID`, x ([GitHub App](#github-app))"),
            "GH_STORE_APP_ID, x (GitHub App)"
        );
    }
}
