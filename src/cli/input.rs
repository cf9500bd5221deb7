//! JSON from the command line: an argument, `-` for stdin, or `@FILE`.

use std::io::{IsTerminal, Read};

use serde_json::Value;

use crate::error::{Error, Result};
use crate::json;

/// Reads the JSON argument of `create` and `update`. No argument means stdin, unless stdin
/// is a terminal (then nobody is going to type a document: say what is missing).
pub fn read_json(argument: Option<&str>) -> Result<Value> {
    let (text, source) = match argument {
        Some("-") => (read_stdin()?, "stdin".to_string()),
        None if std::io::stdin().is_terminal() => {
            return Err(Error::usage("missing JSON document")
                .with_hint("pass it as an argument, `-` to read stdin, or @FILE"));
        }
        None => (read_stdin()?, "stdin".to_string()),
        Some(arg) => match arg.strip_prefix('@') {
            Some(path) => (
                std::fs::read_to_string(path)
                    .map_err(|e| Error::usage(format!("cannot read {path}: {e}")))?,
                path.to_string(),
            ),
            None => (arg.to_string(), "the argument".to_string()),
        },
    };
    parse_json(&text, &source)
}

/// Parses JSON, naming the source and the line and column of the first error.
pub fn parse_json(text: &str, source: &str) -> Result<Value> {
    json::parse(text).map_err(|e| {
        Error::usage(format!(
            "invalid JSON in {source} at line {}, column {}: {}",
            e.line(),
            e.column(),
            e.reason()
        ))
    })
}

/// A whole input file, or stdin for `-`, and its name for messages.
pub fn read_text(file: &str) -> Result<(String, String)> {
    match file {
        "-" => Ok((read_stdin()?, "stdin".into())),
        path => Ok((
            std::fs::read_to_string(path)
                .map_err(|e| Error::usage(format!("cannot read {path}: {e}")))?,
            path.to_string(),
        )),
    }
}

fn read_stdin() -> Result<String> {
    let mut text = String::new();
    std::io::stdin()
        .read_to_string(&mut text)
        .map_err(|e| Error::usage(format!("cannot read stdin: {e}")))?;
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_carry_line_and_column() {
        let err = parse_json("{\n  \"a\": 1,\n  oops\n}", "the argument").unwrap_err();
        assert_eq!(err.kind, crate::error::ErrorKind::Usage);
        assert_eq!(
            err.message,
            "invalid JSON in the argument at line 3, column 3: key must be a string"
        );
        let deep = format!("{}{}", "[".repeat(1001), "]".repeat(1001));
        let err = parse_json(&deep, "stdin").unwrap_err();
        assert_eq!(err.kind, crate::error::ErrorKind::Usage);
        assert_eq!(
            err.message,
            "invalid JSON in stdin at line 1, column 1001: nested deeper than 1000 levels"
        );
    }
}
