//! `gh-store config`: what is in effect and where it came from; `config init`.

use std::io::{IsTerminal, Write};
use std::path::Path;

use clap::{Args, Subcommand};
use serde_json::{json, Value};

use super::{Context, GlobalArgs};
use crate::config::{starter, table, user_file_path, Environment, Row, PROJECT_FILE};
use crate::error::{Error, Result};
use crate::output::{ColorReason, Output};

/// Show the resolved settings and where each came from
///
/// Layers, lowest first: built-in defaults, the user file (~/.config/gh-store/config.yml,
/// the Python tool's file is accepted), the project's .gh-store.yml (searched upward from
/// the working directory), environment variables, command-line flags. Also shown: the
/// config files read, the local store file (what `serve` serves, whatever the backend),
/// whether colours are on and why, and -v. Tokens are never shown.
///
/// Examples:
///   gh-store config
///   gh-store config --json | jq -r .repo.value
///   gh-store config --jq .repo.source      # where the repository came from
///   gh-store config init            # write a commented starter user file
///   gh-store config init --project  # ... or ./.gh-store.yml
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct ConfigArgs {
    /// Print JSON: {setting: {value, source}}
    #[arg(long)]
    pub json: bool,
    /// Filter the JSON through a jq expression (implies --json)
    #[arg(long, value_name = "EXPR")]
    pub jq: Option<String>,
    #[command(subcommand)]
    pub action: Option<ConfigAction>,
}

#[derive(Debug, Subcommand)]
pub enum ConfigAction {
    /// Write a commented starter config file (never overwrites one without --force)
    ///
    /// Writes the user file: --config FILE or GH_STORE_CONFIG when given, else
    /// ~/.config/gh-store/config.yml ($XDG_CONFIG_HOME/gh-store/config.yml when set); with
    /// --project, ./.gh-store.yml. Every setting is there, commented out. The existing
    /// config files are not read, so init also replaces a broken one (with --force).
    ///
    /// Examples:
    ///   gh-store config init
    ///   gh-store config init --project
    ///   gh-store --config ci/gh-store.yml config init
    ///   gh-store config init --force    # replace a file that no longer parses
    #[command(verbatim_doc_comment)]
    Init {
        /// Write ./.gh-store.yml instead of the user file
        #[arg(long)]
        project: bool,
        /// Replace an existing file
        #[arg(long)]
        force: bool,
    },
}

/// `gh-store config`. `config init` runs without a [`Context`]: see [`init`].
pub fn show(ctx: &Context, as_json: bool) -> Result<()> {
    let rows = rows(ctx);
    if as_json {
        let map: serde_json::Map<String, Value> = rows
            .into_iter()
            .map(|row| (row.key, json!({"value": row.value, "source": row.origin})))
            .collect();
        return ctx.output.json(&Value::Object(map));
    }
    let width = rows.iter().map(|row| row.key.len()).max().unwrap_or(0);
    let mut out = std::io::stdout().lock();
    for Row { key, value, origin } in rows {
        let value = match value {
            Value::String(s) => s,
            other => other.to_string(),
        };
        writeln!(
            out,
            "{key:<width$} {} ({origin})",
            super::table::pad(&value, 44)
        )?;
    }
    out.flush()?;
    Ok(())
}

/// Every setting's rows, then how colours were decided for this run (not a setting: it
/// depends on the terminal).
fn rows(ctx: &Context) -> Vec<Row> {
    let mut rows = ctx.settings.rows();
    let env = |name: &str| std::env::var(name).ok();
    for (key, stream, is_terminal) in [
        ("color.stdout", "stdout", std::io::stdout().is_terminal()),
        ("color.stderr", "stderr", std::io::stderr().is_terminal()),
    ] {
        let (on, reason) = ctx.color.decide(is_terminal, env);
        let origin = match reason {
            ColorReason::Flag => "flag --color".to_string(),
            ColorReason::NoColor => "env NO_COLOR".to_string(),
            ColorReason::CliColorForce => "env CLICOLOR_FORCE".to_string(),
            ColorReason::Terminal if is_terminal => format!("{stream} is a terminal"),
            ColorReason::Terminal => format!("{stream} is not a terminal"),
        };
        rows.push(Row::new(key, json!(on), origin));
    }
    rows
}

/// `config init`, before any settings are resolved: the file it writes may be the one that
/// does not load.
pub fn init(global: &GlobalArgs, project: bool, force: bool) -> Result<()> {
    let output = Output::detect(global.color, global.quiet, false);
    let path = if project {
        std::env::current_dir()
            .map_err(|e| Error::failure(format!("cannot read the working directory: {e}")))?
            .join(PROJECT_FILE)
    } else {
        let named = global.given(&table::USER_FILE).map(Path::new);
        user_file_path(named, &Environment::from_process())
            .ok_or_else(|| Error::failure("cannot find the home directory"))?
            .value
    };
    if path.exists() && !force {
        return Err(
            Error::conflict(format!("{} already exists", path.display()))
                .with_hint("pass --force to replace it"),
        );
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| Error::failure(format!("cannot create {}: {e}", dir.display())))?;
    }
    std::fs::write(&path, starter())
        .map_err(|e| Error::failure(format!("cannot write {}: {e}", path.display())))?;
    output.info(&format!("wrote {}", path.display()));
    Ok(())
}
