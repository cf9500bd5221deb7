//! stdout is data, stderr is for humans: JSON printing (pretty and coloured on a terminal,
//! compact in a pipe), messages, and the `error:`/`caused by:`/`hint:` report.

use std::ffi::OsString;
use std::io::{self, IsTerminal, Write};
use std::sync::Arc;

use owo_colors::OwoColorize;
use serde_json::Value;

use crate::error::{Error, Result};
use crate::jq::{Jq, JqOutput};

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

/// What made a colour decision (shown by `gh-store config`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorReason {
    /// `--color always` or `--color never`.
    Flag,
    NoColor,
    CliColorForce,
    /// Whether the stream is a terminal.
    Terminal,
}

impl ColorChoice {
    /// One decision per stream at start-up: the flag, then `NO_COLOR`, then
    /// `CLICOLOR_FORCE`, then whether the stream is a terminal.
    pub fn resolve(self, is_terminal: bool, env: impl Fn(&str) -> Option<String>) -> bool {
        self.decide(is_terminal, env).0
    }

    /// [`ColorChoice::resolve`] and what decided it.
    pub fn decide(
        self,
        is_terminal: bool,
        env: impl Fn(&str) -> Option<String>,
    ) -> (bool, ColorReason) {
        let set = |name: &str| env(name).is_some_and(|v| !v.is_empty());
        match self {
            ColorChoice::Always => (true, ColorReason::Flag),
            ColorChoice::Never => (false, ColorReason::Flag),
            ColorChoice::Auto if set("NO_COLOR") => (false, ColorReason::NoColor),
            ColorChoice::Auto
                if set("CLICOLOR_FORCE") && env("CLICOLOR_FORCE").as_deref() != Some("0") =>
            {
                (true, ColorReason::CliColorForce)
            }
            ColorChoice::Auto => (is_terminal, ColorReason::Terminal),
        }
    }

    /// `--color` as written on the command line (the last one wins), read before clap parses
    /// it so that clap's own help and errors follow the same decision. A missing or
    /// unknown value is `Auto`; clap reports an unknown one.
    pub fn from_args(args: impl IntoIterator<Item = OsString>) -> ColorChoice {
        let mut choice = ColorChoice::Auto;
        let mut args = args.into_iter().skip(1);
        while let Some(arg) = args.next() {
            let value = match arg.to_str() {
                Some("--") => break,
                Some("--color") => args.next(),
                Some(text) => text.strip_prefix("--color=").map(OsString::from),
                None => None,
            };
            if let Some(value) = value {
                choice = value
                    .to_str()
                    .and_then(|v| <ColorChoice as clap::ValueEnum>::from_str(v, false).ok())
                    .unwrap_or_default();
            }
        }
        choice
    }

    /// Whether stdout is coloured in this run.
    pub fn stdout(self) -> bool {
        self.resolve(io::stdout().is_terminal(), env_var)
    }

    /// Whether stderr is coloured in this run.
    pub fn stderr(self) -> bool {
        self.resolve(io::stderr().is_terminal(), env_var)
    }
}

fn env_var(name: &str) -> Option<String> {
    std::env::var(name).ok()
}

/// How output is written for this run.
#[derive(Debug, Clone)]
pub struct Output {
    /// Pretty-print JSON (stdout is a terminal).
    pub pretty: bool,
    pub stdout_color: bool,
    pub stderr_color: bool,
    /// Progress bars and spinners (stderr is a terminal and not `--quiet`).
    pub progress: bool,
    pub quiet: bool,
    pub verbose: bool,
    /// `--json FIELDS` and `--jq EXPR` of the command, if it has them.
    pub shape: Option<Arc<Shape>>,
}

/// What of each document is printed: `--json FIELDS` keeps those fields of an object (of
/// each object of an array), in the order given; then `--jq EXPR` filters the result.
#[derive(Debug, Default)]
pub struct Shape {
    pub fields: Option<Vec<String>>,
    pub jq: Option<Jq>,
}

impl Shape {
    fn project(&self, value: &Value) -> Value {
        let Some(fields) = &self.fields else {
            return value.clone();
        };
        match value {
            Value::Object(map) => Value::Object(
                fields
                    .iter()
                    .filter_map(|field| Some((field.clone(), map.get(field)?.clone())))
                    .collect(),
            ),
            Value::Array(items) => Value::Array(items.iter().map(|i| self.project(i)).collect()),
            other => other.clone(),
        }
    }
}

impl Output {
    pub fn detect(color: ColorChoice, quiet: bool, verbose: bool) -> Output {
        let stdout_tty = io::stdout().is_terminal();
        Output {
            pretty: stdout_tty,
            stdout_color: color.stdout(),
            stderr_color: color.stderr(),
            progress: io::stderr().is_terminal() && !quiet,
            quiet,
            verbose,
            shape: None,
        }
    }

    /// This output, printing documents through `shape`.
    pub fn shaped(&self, shape: Shape) -> Output {
        let shaped = Output {
            shape: Some(Arc::new(shape)),
            ..self.clone()
        };
        // Nothing to shape: print as before.
        match shaped.shape.as_deref() {
            Some(Shape {
                fields: None,
                jq: None,
            }) => self.clone(),
            _ => shaped,
        }
    }

    /// Prints one JSON document on stdout (through the command's `--json`/`--jq`).
    pub fn json(&self, value: &Value) -> Result<()> {
        let mut out = io::stdout().lock();
        self.write_json(&mut out, value)?;
        out.flush()?;
        Ok(())
    }

    /// Writes one JSON document (pretty on a terminal, coloured per `--color`) and a
    /// newline, through the command's `--json`/`--jq`.
    pub fn write_json(&self, out: &mut impl Write, value: &Value) -> Result<()> {
        self.write_shaped(out, value, self.pretty)
    }

    /// Writes one compact NDJSON line and flushes it (streams are read line by line).
    pub fn write_line(&self, out: &mut impl Write, value: &Value) -> Result<()> {
        self.write_shaped(out, value, false)?;
        out.flush()?;
        Ok(())
    }

    fn write_shaped(&self, out: &mut impl Write, value: &Value, pretty: bool) -> Result<()> {
        let Some(shape) = &self.shape else {
            return self.write_document(out, value, pretty);
        };
        let value = shape.project(value);
        let Some(jq) = &shape.jq else {
            return self.write_document(out, &value, pretty);
        };
        for result in jq.run(&value)? {
            match result {
                JqOutput::Text(text) => writeln!(out, "{text}")?,
                JqOutput::Json(value) => self.write_document(out, &value, pretty)?,
            }
        }
        Ok(())
    }

    fn write_document(&self, out: &mut impl Write, value: &Value, pretty: bool) -> Result<()> {
        if pretty || self.stdout_color {
            let mut text = String::new();
            render(value, pretty.then_some(0), self.stdout_color, &mut text);
            writeln!(out, "{text}")?;
        } else {
            serde_json::to_writer(&mut *out, value).map_err(io::Error::from)?;
            writeln!(out)?;
        }
        Ok(())
    }

    /// Starts a JSON array written item by item, so that long listings stream in constant
    /// memory and still form one document.
    /// Under `--jq` the items are collected and the filter runs once on the whole array,
    /// as it would on the document.
    pub fn array<W: Write>(&self, out: W) -> JsonArrayWriter<W> {
        let filtered = self.shape.as_ref().is_some_and(|shape| shape.jq.is_some());
        JsonArrayWriter {
            out,
            pretty: self.pretty,
            color: self.stdout_color,
            count: 0,
            shape: self.shape.clone(),
            collected: filtered.then(|| (self.clone(), Vec::new())),
        }
    }

    /// A spinner counting items on stderr; hidden off a terminal and with `--quiet`.
    pub fn spinner(&self, message: &'static str) -> indicatif::ProgressBar {
        self.steady_spinner("{spinner} {msg}: {pos} ({elapsed})", message.to_string())
    }

    /// A spinner with a message and the time spent, for waits; hidden like [`Self::spinner`].
    pub fn waiting(&self, message: String) -> indicatif::ProgressBar {
        self.steady_spinner("{spinner} {msg} ({elapsed})", message)
    }

    /// A bar of `len` steps on stderr; hidden like [`Self::spinner`].
    pub fn bar(&self, len: u64, message: &'static str) -> indicatif::ProgressBar {
        if !self.progress {
            return indicatif::ProgressBar::hidden();
        }
        let template = "{msg} [{bar:30}] {pos}/{len} ({elapsed}, {eta} left)";
        let style = indicatif::ProgressStyle::with_template(template).expect("a valid template");
        indicatif::ProgressBar::new(len)
            .with_style(style)
            .with_message(message)
    }

    fn steady_spinner(&self, template: &str, message: String) -> indicatif::ProgressBar {
        if !self.progress {
            return indicatif::ProgressBar::hidden();
        }
        let style = indicatif::ProgressStyle::with_template(template).expect("a valid template");
        let bar = indicatif::ProgressBar::new_spinner()
            .with_style(style)
            .with_message(message);
        bar.enable_steady_tick(std::time::Duration::from_millis(120));
        bar
    }

    /// A note for humans on stderr, unless `--quiet`.
    pub fn info(&self, message: &str) {
        if !self.quiet {
            eprintln!("{message}");
        }
    }

    pub fn warn(&self, message: &str) {
        if self.stderr_color {
            eprintln!("{} {message}", "warning:".yellow().bold());
        } else {
            eprintln!("warning: {message}");
        }
    }

    /// The error report: `error: …`, then `caused by: …` and `hint: …` lines.
    pub fn error(&self, error: &Error) {
        report(error, self.stderr_color);
    }
}

/// See [`Output::array`].
pub struct JsonArrayWriter<W: Write> {
    out: W,
    pretty: bool,
    color: bool,
    count: usize,
    shape: Option<Arc<Shape>>,
    /// Under `--jq`: the items, for the filter at the end.
    collected: Option<(Output, Vec<Value>)>,
}

impl<W: Write> JsonArrayWriter<W> {
    pub fn item(&mut self, value: &Value) -> Result<()> {
        if let Some((_, items)) = &mut self.collected {
            items.push(value.clone());
            return Ok(());
        }
        let projected;
        let value = match &self.shape {
            Some(shape) => {
                projected = shape.project(value);
                &projected
            }
            None => value,
        };
        let separator = match (self.count, self.pretty) {
            (0, true) => "[\n  ",
            (0, false) => "[",
            (_, true) => ",\n  ",
            (_, false) => ",",
        };
        self.out.write_all(separator.as_bytes())?;
        if self.pretty || self.color {
            let mut text = String::new();
            render(value, self.pretty.then_some(1), self.color, &mut text);
            self.out.write_all(text.as_bytes())?;
        } else {
            serde_json::to_writer(&mut self.out, value).map_err(io::Error::from)?;
        }
        self.count += 1;
        Ok(())
    }

    pub fn finish(mut self) -> Result<()> {
        if let Some((output, items)) = self.collected.take() {
            output.write_json(&mut self.out, &Value::Array(items))?;
            self.out.flush()?;
            return Ok(());
        }
        let end = match (self.count, self.pretty) {
            (0, _) => "[]\n",
            (_, true) => "\n]\n",
            (_, false) => "]\n",
        };
        self.out.write_all(end.as_bytes())?;
        self.out.flush()?;
        Ok(())
    }
}

/// Prints an error report on stderr.
pub fn report(error: &Error, color: bool) {
    let label = |text: &str| {
        if color {
            match text {
                "error:" => text.red().bold().to_string(),
                "hint:" => text.cyan().bold().to_string(),
                _ => text.bold().to_string(),
            }
        } else {
            text.to_string()
        }
    };
    let mut err = io::stderr().lock();
    let _ = writeln!(err, "{} {}", label("error:"), error.message);
    for cause in &error.causes {
        let _ = writeln!(err, "{} {cause}", label("caused by:"));
    }
    for hint in &error.hints {
        let _ = writeln!(err, "{} {hint}", label("hint:"));
    }
}

/// JSON with two-space indents from `indent` (compact without), optionally coloured (keys
/// blue, strings green, numbers yellow, literals magenta): for terminals and `--color always`.
fn render(value: &Value, indent: Option<usize>, color: bool, out: &mut String) {
    let paint = |text: String, style: fn(&str) -> String| if color { style(&text) } else { text };
    let open = |out: &mut String, bracket: char| {
        out.push(bracket);
        if indent.is_some() {
            out.push('\n');
        }
    };
    let item_start = |out: &mut String| {
        if let Some(level) = indent {
            out.push_str(&"  ".repeat(level + 1));
        }
    };
    let item_end = |out: &mut String, last: bool| match (indent, last) {
        (Some(_), false) => out.push_str(",\n"),
        (Some(_), true) => out.push('\n'),
        (None, false) => out.push(','),
        (None, true) => {}
    };
    let close = |out: &mut String, bracket: char| {
        if let Some(level) = indent {
            out.push_str(&"  ".repeat(level));
        }
        out.push(bracket);
    };
    let inner = indent.map(|level| level + 1);
    match value {
        Value::Object(map) if !map.is_empty() => {
            open(out, '{');
            for (i, (key, item)) in map.iter().enumerate() {
                item_start(out);
                out.push_str(&paint(quote(key), |s| s.blue().bold().to_string()));
                out.push_str(if indent.is_some() { ": " } else { ":" });
                render(item, inner, color, out);
                item_end(out, i + 1 == map.len());
            }
            close(out, '}');
        }
        Value::Array(items) if !items.is_empty() => {
            open(out, '[');
            for (i, item) in items.iter().enumerate() {
                item_start(out);
                render(item, inner, color, out);
                item_end(out, i + 1 == items.len());
            }
            close(out, ']');
        }
        Value::String(s) => out.push_str(&paint(quote(s), |s| s.green().to_string())),
        Value::Number(n) => out.push_str(&paint(n.to_string(), |s| s.yellow().to_string())),
        Value::Bool(_) | Value::Null => {
            out.push_str(&paint(value.to_string(), |s| s.magenta().to_string()))
        }
        Value::Object(_) => out.push_str("{}"),
        Value::Array(_) => out.push_str("[]"),
    }
}

fn quote(text: &str) -> String {
    Value::String(text.to_string()).to_string()
}

/// A duration for people: `0.4s`, `42s`, `3m 20s`, `4h 05m`.
pub fn duration(d: std::time::Duration) -> String {
    let secs = d.as_secs();
    match secs {
        0..10 => format!("{:.1}s", d.as_secs_f64()),
        10..60 => format!("{secs}s"),
        60..3600 => format!("{}m {:02}s", secs / 60, secs % 60),
        _ => format!("{}h {:02}m", secs / 3600, secs % 3600 / 60),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn pretty_render_matches_serde_without_colour() {
        let value = json!({"a": [1, {"b": null}], "c": "x\"y", "e": {}, "f": []});
        let mut text = String::new();
        render(&value, Some(0), false, &mut text);
        assert_eq!(text, serde_json::to_string_pretty(&value).unwrap());
        let mut compact = String::new();
        render(&value, None, false, &mut compact);
        assert_eq!(compact, serde_json::to_string(&value).unwrap());
    }

    #[test]
    fn streamed_arrays_are_valid_json() {
        for pretty in [false, true] {
            let output = Output {
                pretty,
                stdout_color: false,
                stderr_color: false,
                progress: false,
                quiet: false,
                verbose: false,
                shape: None,
            };
            let items = [json!({"a": [1, 2]}), json!("x"), json!({})];
            for n in 0..=items.len() {
                let mut buffer = Vec::new();
                let mut array = output.array(&mut buffer);
                for item in &items[..n] {
                    array.item(item).unwrap();
                }
                array.finish().unwrap();
                let text = String::from_utf8(buffer).unwrap();
                let parsed: Value = serde_json::from_str(&text).unwrap();
                assert_eq!(parsed, Value::Array(items[..n].to_vec()));
                if pretty {
                    assert_eq!(
                        text.trim_end(),
                        serde_json::to_string_pretty(&parsed).unwrap()
                    );
                }
            }
        }
    }

    #[test]
    fn colour_decision() {
        let none = |_: &str| None;
        assert!(ColorChoice::Auto.resolve(true, none));
        assert!(!ColorChoice::Auto.resolve(false, none));
        assert!(!ColorChoice::Never.resolve(true, none));
        assert!(ColorChoice::Always.resolve(false, none));
        let no_color = |n: &str| (n == "NO_COLOR").then(|| "1".to_string());
        assert!(!ColorChoice::Auto.resolve(true, no_color));
        let force = |n: &str| (n == "CLICOLOR_FORCE").then(|| "1".to_string());
        assert!(ColorChoice::Auto.resolve(false, force));
        let force_off = |n: &str| (n == "CLICOLOR_FORCE").then(|| "0".to_string());
        assert!(!ColorChoice::Auto.resolve(false, force_off));
        assert_eq!(
            ColorChoice::Auto.decide(false, force_off),
            (false, ColorReason::Terminal)
        );
        assert_eq!(
            ColorChoice::Never.decide(true, no_color),
            (false, ColorReason::Flag)
        );
        assert_eq!(
            ColorChoice::Auto.decide(true, no_color),
            (false, ColorReason::NoColor)
        );
    }

    #[test]
    fn colour_choice_is_found_before_parsing() {
        let scan = |args: &[&str]| {
            ColorChoice::from_args(
                ["gh-store"]
                    .iter()
                    .chain(args)
                    .map(OsString::from)
                    .collect::<Vec<_>>(),
            )
        };
        assert_eq!(scan(&["list"]), ColorChoice::Auto);
        assert_eq!(scan(&["--color", "never", "list"]), ColorChoice::Never);
        assert_eq!(scan(&["list", "--color=always"]), ColorChoice::Always);
        assert_eq!(
            scan(&["--color", "never", "--color", "always"]),
            ColorChoice::Always
        );
        assert_eq!(scan(&["--color", "bogus"]), ColorChoice::Auto);
        assert_eq!(scan(&["--color"]), ColorChoice::Auto);
        assert_eq!(
            scan(&["update", "x", "--", "--color=never"]),
            ColorChoice::Auto
        );
    }
}
