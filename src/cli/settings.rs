//! `gh-store config`: what is in effect and where it came from; `config init`.

use std::io::{IsTerminal, Write};

use clap::{Args, Subcommand};
use serde_json::{json, Value};

use super::{Context, GlobalArgs};
use crate::config::{user_file_path, Backend, Environment, Origin, Sourced, PROJECT_FILE, STARTER};
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
///   gh-store config init            # write a commented starter user file
///   gh-store config init --project  # ... or ./.gh-store.yml
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct ConfigArgs {
    /// Print JSON: {setting: {value, source}}
    #[arg(long)]
    pub json: bool,
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
            .map(|(key, value, origin)| (key, json!({"value": value, "source": origin})))
            .collect();
        return ctx.output.json(&Value::Object(map));
    }
    let mut out = std::io::stdout().lock();
    for (key, value, origin) in rows {
        let value = match value {
            Value::String(s) => s,
            other => other.to_string(),
        };
        writeln!(out, "{key:<20} {value:<44} ({origin})")?;
    }
    out.flush()?;
    Ok(())
}

fn rows(ctx: &Context) -> Vec<(String, Value, String)> {
    let s = &ctx.settings;
    let row =
        |key: &str, value: Value, origin: &Origin| (key.to_string(), value, origin.to_string());
    let mut rows = Vec::new();
    let local_origin = s
        .local
        .as_ref()
        .map_or(Origin::Default, |l| l.origin.clone());
    let (backend, backend_origin) = match &s.backend {
        Backend::Local => ("local", local_origin.clone()),
        Backend::GitHub => (
            "github",
            s.repo
                .as_ref()
                .map_or(Origin::Default, |r| r.origin.clone()),
        ),
    };
    rows.push(row("backend", json!(backend), &backend_origin));
    // Also with GitHub as the backend: it is the file `serve` serves.
    rows.push(row(
        "local",
        json!(s.local_file.display().to_string()),
        &local_origin,
    ));
    match &s.repo {
        Some(repo) => rows.push(row("repo", json!(repo.value), &repo.origin)),
        None => rows.push(row("repo", Value::Null, &Origin::Default)),
    }
    rows.push(row("api_url", json!(s.api_url.value), &s.api_url.origin));
    match &s.token {
        Some(token) => rows.push(row("token", json!("<set, not shown>"), &token.origin)),
        None => rows.push(row("token", Value::Null, &Origin::Default)),
    }
    rows.push(row("user", json!(s.user.value), &s.user.origin));
    rows.push(row(
        "max_wait",
        json!(format!("{}s", s.max_wait.value.as_secs())),
        &s.max_wait.origin,
    ));
    rows.push(row("apply", json!(s.apply.value), &s.apply.origin));
    if s.schemas.is_empty() {
        rows.push(row("schemas", json!([]), &Origin::Default));
    }
    for Sourced { value, origin } in &s.schemas {
        rows.push(row(
            &format!("schemas.{}", value.0),
            json!(value.1.display().to_string()),
            origin,
        ));
    }
    let associations: Vec<&str> = s.associations.value.iter().map(|a| a.as_str()).collect();
    rows.push(row(
        "access.associations",
        json!(associations),
        &s.associations.origin,
    ));
    rows.push(row(
        "access.codeowners",
        json!(s.codeowners.value),
        &s.codeowners.origin,
    ));
    rows.push(row("access.allow", json!(s.allow.value), &s.allow.origin));
    if let Some(file) = &s.user_file {
        rows.push(row(
            "files.user",
            json!(file.value.display().to_string()),
            &file.origin,
        ));
    }
    if let Some(file) = &s.project_file {
        rows.push((
            "files.project".into(),
            json!(file.display().to_string()),
            "found from the working directory".into(),
        ));
    }
    if s.user_file.is_none() && s.project_file.is_none() {
        rows.push(row("files", json!([]), &Origin::Default));
    }
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
        rows.push((key.into(), json!(on), origin));
    }
    rows.push(row(
        "verbose",
        json!(ctx.output.verbose),
        &ctx.verbose_origin,
    ));
    rows
}

/// `config init`, before any settings are resolved: the file it writes may be the one that
/// does not load.
pub fn init(global: &GlobalArgs, project: bool, force: bool) -> Result<()> {
    let output = Output::detect(global.color, global.quiet, global.verbose);
    let path = if project {
        std::env::current_dir()?.join(PROJECT_FILE)
    } else {
        user_file_path(global.config.as_deref(), &Environment::from_process())
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
    std::fs::write(&path, STARTER)
        .map_err(|e| Error::failure(format!("cannot write {}: {e}", path.display())))?;
    output.info(&format!("wrote {}", path.display()));
    Ok(())
}
