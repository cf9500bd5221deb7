//! `gh-store config`: what is in effect and where it came from; `config init`.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, Subcommand};
use serde_json::{json, Value};

use super::Context;
use crate::config::{Backend, Origin, Sourced, PROJECT_FILE, STARTER};
use crate::error::{Error, Result};

/// Show the resolved settings and where each came from
///
/// Layers, lowest first: built-in defaults, the user file (~/.config/gh-store/config.yml,
/// the Python tool's file is accepted), the project's .gh-store.yml (searched upward from
/// the working directory), environment variables, command-line flags. Tokens are never
/// shown.
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
    Init {
        /// Write ./.gh-store.yml instead of the user file
        #[arg(long)]
        project: bool,
        /// Replace an existing file
        #[arg(long)]
        force: bool,
    },
}

pub fn run(ctx: &Context, args: ConfigArgs) -> Result<()> {
    match args.action {
        Some(ConfigAction::Init { project, force }) => init(ctx, project, force),
        None => show(ctx, args.json),
    }
}

fn show(ctx: &Context, as_json: bool) -> Result<()> {
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
    match &s.backend {
        Backend::Local => {
            let origin = s
                .local
                .as_ref()
                .map_or(Origin::Default, |l| l.origin.clone());
            rows.push(row("backend", json!("local"), &origin));
            rows.push(row(
                "local",
                json!(s.local_file.display().to_string()),
                &origin,
            ));
        }
        Backend::GitHub => {
            let origin = s
                .repo
                .as_ref()
                .map_or(Origin::Default, |r| r.origin.clone());
            rows.push(row("backend", json!("github"), &origin));
        }
    }
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
    rows
}

fn init(ctx: &Context, project: bool, force: bool) -> Result<()> {
    let path = if project {
        std::env::current_dir()?.join(PROJECT_FILE)
    } else {
        user_config_path()?
    };
    if path.exists() && !force {
        return Err(
            Error::conflict(format!("{} already exists", path.display()))
                .with_hint("pass --force to replace it"),
        );
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(&path, STARTER)
        .map_err(|e| Error::failure(format!("cannot write {}: {e}", path.display())))?;
    ctx.output.info(&format!("wrote {}", path.display()));
    Ok(())
}

fn user_config_path() -> Result<PathBuf> {
    if let Some(path) = std::env::var_os("GH_STORE_CONFIG").filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(path));
    }
    let dir = std::env::var_os("XDG_CONFIG_HOME")
        .filter(|p| !p.is_empty())
        .map(PathBuf::from)
        .or_else(|| dirs::home_dir().map(|h| h.join(".config")))
        .ok_or_else(|| Error::failure("cannot find the home directory"))?;
    Ok(dir.join("gh-store").join("config.yml"))
}
