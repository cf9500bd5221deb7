//! `gh-store serve`.

use std::io::Write;
use std::net::SocketAddr;

use clap::Args;

use super::Context;
use crate::config::{parse_duration, table};
use crate::error::{Error, Result};
use crate::serve::{ServeApp, ServeOptions};
use crate::tracker::local::Role;
use crate::tracker::pacing::SecondaryLimits;
use crate::tracker::AccountKind;

/// Serve the local store over a GitHub-compatible REST API
///
/// For offline development, for other gh-store clients (the Python gh-store through
/// PyGithub), and as the test double of gh-store's own tests. Prints its base URL on stdout
/// (one line), then serves until interrupted or killed: start it in the background to
/// script against it (the second example waits for the URL, then `kill $!` stops it).
/// Point gh-store at it with --api-url URL -R OWNER/REPO and a token from --user.
///
/// It serves GitHub's issue, label, comment, reaction, contents and rate-limit endpoints
/// under / and /api/v3/, with GitHub's pagination, ETags and 304s, rate-limit headers,
/// redirects for renamed repositories and error bodies. /_gh-store/stats counts requests;
/// POST /_gh-store/faults injects failures (see ARCHITECTURE.md).
///
/// With --app, a GitHub App is installed on the repository: JSON web tokens signed with its
/// key find the installation and mint hour-long installation tokens acting as
/// gh-store-ID[bot], which has write access. Repository dispatches are answered 204 and
/// listed at /_gh-store/dispatches.
///
/// Examples:
///   gh-store --local dev.db serve -R octo/data --user octo:dev-token
///   gh-store serve --latency 100ms > url.txt &
///   until [ -s url.txt ]; do sleep 0.1; done; url=$(cat url.txt)
///   GH_TOKEN=dev-token gh-store --api-url http://127.0.0.1:8080 -R octo/data list
///   gh-store serve -R octo/data --user octo:dev-token --app 12345:app-key.pem
#[derive(Debug, Args)]
// It serves the local store: flags that reach GitHub mean nothing to it.
#[command(
    verbatim_doc_comment,
    args = super::global::hidden(&[
        &crate::config::table::API_URL,
        &crate::config::table::APP_ID,
        &crate::config::table::APP_KEY,
        &crate::config::table::MAX_WAIT,
        &crate::config::table::SCHEMAS,
    ])
)]
pub struct ServeArgs {
    /// Address to listen on, HOST:PORT (`localhost:8080`, `0.0.0.0:8080`) or a port alone
    /// on 127.0.0.1 (port 0: any free port)
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:0", value_parser = parse_bind)]
    pub bind: SocketAddr,
    /// A user and their token, LOGIN:TOKEN (repeatable; the first owns the repository).
    /// Without any, every request acts as the owner.
    #[arg(long = "user", value_name = "LOGIN:TOKEN")]
    pub users: Vec<String>,
    /// Give LOGIN the COLLABORATOR association (repeatable)
    #[arg(long, value_name = "LOGIN")]
    pub collaborator: Vec<String>,
    /// Give LOGIN the MEMBER association (repeatable)
    #[arg(long, value_name = "LOGIN")]
    pub member: Vec<String>,
    /// The repository is owned by an organisation (named by -R's owner)
    #[arg(long)]
    pub org: bool,
    /// Delay added to every request, like GitHub's 100-300 ms (e.g. 100ms, 1s)
    #[arg(long, value_name = "DURATION", default_value = "0ms", value_parser = parse_duration)]
    pub latency: std::time::Duration,
    /// Primary rate limit per user per hour (anonymous callers share GitHub's 60, or N if
    /// lower)
    #[arg(long, value_name = "N", default_value_t = 5000)]
    pub rate_limit: u32,
    /// Answer as GitHub does past its secondary limits (403, retry-after), e.g. "80
    /// content/1m, 500 content/1h, 900 points/1m"; off by default
    #[arg(long, value_name = "LIMITS", default_value = "off", value_parser = SecondaryLimits::parse)]
    pub secondary_limits: SecondaryLimits,
    /// Install a GitHub App: its numeric id and a PEM file with its private key (or its RSA
    /// public key), ID:FILE (repeatable)
    #[arg(long = "app", value_name = "ID:FILE")]
    pub apps: Vec<String>,
}

pub fn run(ctx: &Context, args: ServeArgs) -> Result<()> {
    let db = ctx.local_db()?;
    let repo = match ctx.repo() {
        Some(repo) => repo.full_name(),
        None => match db.default_repository()? {
            Some(repo) => repo.full_name,
            None => format!(
                "{}/store",
                users(&args)?.first().map_or(
                    ctx.settings.get(&table::USER).value.clone(),
                    |(login, _)| login.clone()
                )
            ),
        },
    };
    let options = ServeOptions {
        bind: args.bind,
        repo: repo.clone(),
        owner_kind: if args.org {
            AccountKind::Organization
        } else {
            AccountKind::User
        },
        users: users(&args)?,
        latency: args.latency,
        rate_limit: args.rate_limit,
        secondary_limits: args.secondary_limits.clone(),
        apps: apps(&args)?,
        ..ServeOptions::default()
    };
    let server = crate::serve::start(db.clone(), options)
        .map_err(|e| Error::failure(format!("cannot start the server: {e}")))?;
    let repo_id = server_repo_id(&db, &repo)?;
    for login in &args.collaborator {
        db.set_role(repo_id, login, Role::Collaborator)?;
    }
    for login in &args.member {
        db.set_role(repo_id, login, Role::Member)?;
    }
    let mut out = std::io::stdout().lock();
    writeln!(out, "{}", server.base_url())?;
    out.flush()?;
    drop(out);
    ctx.output.info(&format!(
        "serving {repo} at {} (Ctrl-C to stop)",
        server.base_url()
    ));
    server.wait();
    Ok(())
}

fn users(args: &ServeArgs) -> Result<Vec<(String, String)>> {
    args.users
        .iter()
        .map(|pair| match pair.split_once(':') {
            Some((login, token)) if !login.is_empty() && !token.is_empty() => {
                Ok((login.to_string(), token.to_string()))
            }
            _ => Err(Error::usage(format!(
                "invalid --user {:?}: expected LOGIN:TOKEN",
                pair.split(':').next().unwrap_or("")
            ))),
        })
        .collect()
}

fn apps(args: &ServeArgs) -> Result<Vec<ServeApp>> {
    args.apps
        .iter()
        .map(|pair| {
            let invalid = |why: String| Error::usage(format!("invalid --app {pair:?}: {why}"));
            let (id, file) = pair
                .split_once(':')
                .ok_or_else(|| invalid("expected ID:FILE".into()))?;
            let id = id
                .parse()
                .map_err(|_| invalid("the App id is a number".into()))?;
            let pem = std::fs::read_to_string(file)
                .map_err(|e| invalid(format!("cannot read {file}: {e}")))?;
            ServeApp::from_pem(id, &pem).map_err(|why| invalid(format!("{file}: {why}")))
        })
        .collect()
}

fn server_repo_id(db: &crate::tracker::local::LocalDb, full_name: &str) -> Result<u64> {
    let (owner, name) = full_name
        .split_once('/')
        .ok_or_else(|| Error::usage(format!("invalid repository {full_name:?}")))?;
    match db.find_repository(owner, name)? {
        crate::tracker::local::RepoLookup::Found(repo)
        | crate::tracker::local::RepoLookup::Renamed(repo) => Ok(repo.id),
        crate::tracker::local::RepoLookup::Missing => {
            Err(Error::failure(format!("repository {full_name} vanished")))
        }
    }
}

/// `HOST:PORT` with a name (`localhost`) resolved, IPv4 first (what `http://localhost` tries
/// first in most clients), or a bare port on the loopback address.
fn parse_bind(text: &str) -> std::result::Result<SocketAddr, String> {
    use std::net::ToSocketAddrs;
    if let Ok(port) = text.parse::<u16>() {
        return Ok(SocketAddr::from((std::net::Ipv4Addr::LOCALHOST, port)));
    }
    let expected = || format!("expected HOST:PORT (like localhost:8080) or a port, not {text:?}");
    let addresses: Vec<SocketAddr> = text
        .to_socket_addrs()
        .map_err(|e| match text.contains(':') {
            true => format!("cannot resolve {text:?}: {e}"),
            false => expected(),
        })?
        .collect();
    addresses
        .iter()
        .find(|a| a.is_ipv4())
        .or(addresses.first())
        .copied()
        .ok_or_else(expected)
}
