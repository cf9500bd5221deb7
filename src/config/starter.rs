//! The commented starter file `gh-store config init` writes: every setting a file may
//! hold, from the settings table, commented out.

use super::table::{ALL, SECTIONS};

const HEADER: &str = "\
# gh-store configuration. Precedence, lowest first: built-in defaults < this user file
# (~/.config/gh-store/config.yml) < a project's .gh-store.yml < environment variables
# (GH_STORE_*, GH_TOKEN, GITHUB_TOKEN, GH_REPO, GITHUB_REPOSITORY, GITHUB_API_URL, GH_HOST)
# < command-line flags. `gh-store config` shows what is in effect and where it came from.
";

/// The starter file's text.
pub fn starter() -> String {
    render(true)
}

/// With `commented`, the starter file; without, only its examples as live YAML (what a
/// user who uncomments everything gets).
fn render(commented: bool) -> String {
    let mut text = if commented {
        HEADER.to_string()
    } else {
        String::new()
    };
    let mark = if commented { "# " } else { "" };
    let comment = |text: &mut String, comment: &str, indent: &str| {
        if commented {
            for line in comment.lines() {
                // Inside a section, a comment stays one when the key is uncommented.
                let inner = if indent.is_empty() { "" } else { "# " };
                text.push_str(&format!("# {indent}{inner}{line}\n"));
            }
        }
    };
    let mut open: Vec<&str> = Vec::new();
    for setting in ALL.iter().filter(|s| s.in_files()) {
        let Some(starter) = setting.starter() else {
            continue;
        };
        let mut path: Vec<&str> = setting.key().split('.').collect();
        let key = path.pop().unwrap_or_default();
        // Open the sections this key is in that the previous one was not (`store:`, then
        // `  reactions:`).
        let shared = open.iter().zip(&path).take_while(|(a, b)| a == b).count();
        for (depth, name) in path.iter().enumerate().skip(shared) {
            let indent = "  ".repeat(depth);
            if depth == 0 {
                let about = SECTIONS
                    .iter()
                    .find(|(section, _)| section == name)
                    .map_or("", |(_, about)| about);
                text.push('\n');
                comment(&mut text, about, "");
            }
            text.push_str(&format!("{mark}{indent}{name}:\n"));
        }
        open = path;
        let indent = "  ".repeat(open.len());
        if open.is_empty() {
            text.push('\n');
        }
        comment(&mut text, starter.comment, &indent);
        let mut lines = starter.example.split('\n');
        let first = lines.next().unwrap_or_default();
        let space = if first.is_empty() { "" } else { " " };
        text.push_str(&format!("{mark}{indent}{key}:{space}{first}\n"));
        for line in lines {
            text.push_str(&format!("{mark}{indent}{line}\n"));
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::config::ConfigFile;

    #[test]
    fn starter_file_parses() {
        let file = ConfigFile::parse(Path::new("c.yml"), &starter()).unwrap();
        assert!(file.warnings.is_empty());
        assert_eq!(file.get("repo"), None);
    }

    #[test]
    fn every_file_setting_is_in_the_starter_and_its_example_reads() {
        let examples = render(false);
        let file = ConfigFile::parse(Path::new("c.yml"), &examples).unwrap();
        assert!(file.warnings.is_empty(), "{:?}", file.warnings);
        // The Python tool's settings that gh-store does not act on are not suggested.
        for setting in ALL.iter().filter(|s| s.in_files() && !s.is_unused()) {
            assert!(
                file.get(setting.key()).is_some(),
                "{} has no example:\n{examples}",
                setting.key()
            );
            let key = format!("{}:", setting.key().rsplit('.').next().unwrap());
            let commented = starter()
                .lines()
                .any(|line| line.starts_with('#') && line[1..].trim_start().starts_with(&key));
            assert!(commented, "{key}");
        }
    }
}
