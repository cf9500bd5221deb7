//! Where settings come from outside the config files: the process environment, the OS,
//! the files' locations, and `gh auth token`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::{Origin, Sourced, DEFAULT_API_URL, PROJECT_FILE};
use crate::tracker::github::Token;

/// The process environment, injectable for tests.
#[derive(Debug, Clone, Default)]
pub struct Environment {
    pub vars: HashMap<String, String>,
    pub cwd: PathBuf,
    pub home: Option<PathBuf>,
}

impl Environment {
    pub fn from_process() -> Environment {
        Environment {
            vars: std::env::vars().collect(),
            cwd: std::env::current_dir().unwrap_or_else(|_| PathBuf::from(".")),
            home: dirs::home_dir(),
        }
    }

    /// A variable, treating an empty value as unset (as `gh` does).
    pub fn var(&self, name: &str) -> Option<&str> {
        self.vars
            .get(name)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }
}

/// The user config file: `--config`, else `GH_STORE_CONFIG`, else ~/.config like the Python
/// tool on every platform (`XDG_CONFIG_HOME` when set). The origin says which; `None`
/// without a home directory.
pub fn user_file_path(config_flag: Option<&Path>, env: &Environment) -> Option<Sourced<PathBuf>> {
    if let Some(path) = config_flag {
        return Some(Sourced::new(path.to_path_buf(), Origin::Flag("--config")));
    }
    if let Some(path) = env.var("GH_STORE_CONFIG") {
        return Some(Sourced::new(
            PathBuf::from(path),
            Origin::Env("GH_STORE_CONFIG"),
        ));
    }
    env.var("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .or_else(|| env.home.as_ref().map(|h| h.join(".config")))
        .map(|dir| Sourced::new(dir.join("gh-store").join("config.yml"), Origin::Default))
}

pub(super) fn find_project_file(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .map(|dir| dir.join(PROJECT_FILE))
        .find(|candidate| candidate.is_file())
}

pub(super) fn api_url_for_host(host: &str) -> String {
    if host.eq_ignore_ascii_case("github.com") {
        DEFAULT_API_URL.to_string()
    } else if host.to_ascii_lowercase().ends_with(".ghe.com") {
        // GHE.com (data residency) serves its API from a subdomain, not /api/v3.
        format!("https://api.{host}")
    } else {
        format!("https://{host}/api/v3")
    }
}

pub(super) fn is_github_com(api_url: &str) -> bool {
    api_url == DEFAULT_API_URL
}

/// `gh auth token`, when the GitHub CLI is installed and logged in.
pub(super) fn gh_cli_token(api_url: &str) -> Option<Sourced<Token>> {
    let host = api_url
        .trim_start_matches("https://")
        .trim_start_matches("http://")
        .split('/')
        .next()
        .unwrap_or("github.com");
    let host = if host == "api.github.com" {
        "github.com"
    } else {
        host
    };
    let output = std::process::Command::new("gh")
        .args(["auth", "token", "--hostname", host])
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .output()
        .ok()?;
    let token = String::from_utf8(output.stdout).ok()?.trim().to_string();
    (output.status.success() && !token.is_empty())
        .then(|| Sourced::new(Token::new(token), Origin::GhCli))
}

pub(super) fn default_local_path(env: &Environment) -> PathBuf {
    let data = env
        .var("XDG_DATA_HOME")
        .map(PathBuf::from)
        .or_else(|| env.home.as_ref().map(|h| h.join(".local").join("share")))
        .unwrap_or_else(|| PathBuf::from("."));
    data.join("gh-store").join("store.db")
}

const OS_USER_VARIABLES: [&str; 3] = ["USER", "USERNAME", "LOGNAME"];

pub(super) fn os_user(env: &Environment) -> String {
    OS_USER_VARIABLES
        .iter()
        .find_map(|n| env.var(n))
        .unwrap_or("local")
        .to_string()
}

/// The variable [`os_user`] reads the name from; `None` when it falls back to `local`.
pub(super) fn os_user_variable(env: &Environment) -> Option<&'static str> {
    OS_USER_VARIABLES.into_iter().find(|n| env.var(n).is_some())
}

/// The GitHub repository (`OWNER/REPO`) of the git clone holding `start`: its `origin`
/// remote on github.com (or `GH_HOST`). Read from `.git/config` directly: running git would
/// cost a process on every command. `None` outside a clone or for other remotes.
pub(super) fn clone_repository(start: &Path, env: &Environment) -> Option<String> {
    let root = start.ancestors().find(|dir| dir.join(".git").exists())?;
    let dot_git = root.join(".git");
    // A worktree or submodule: `.git` is a file naming the git directory.
    let git_dir = match std::fs::read_to_string(&dot_git) {
        Ok(text) => {
            let dir = PathBuf::from(text.trim().strip_prefix("gitdir:")?.trim());
            let dir = if dir.is_absolute() {
                dir
            } else {
                root.join(dir)
            };
            // A worktree's config is its main repository's.
            match std::fs::read_to_string(dir.join("commondir")) {
                Ok(common) => dir.join(common.trim()),
                Err(_) => dir,
            }
        }
        Err(_) => dot_git,
    };
    let config = std::fs::read_to_string(git_dir.join("config")).ok()?;
    let host = env.var("GH_HOST").unwrap_or("github.com");
    github_repository(&origin_url(&config)?, host)
}

/// `url` of `[remote "origin"]` in a git config file.
fn origin_url(config: &str) -> Option<String> {
    let mut in_origin = false;
    for line in config.lines().map(str::trim) {
        if line.starts_with('[') {
            in_origin = line.replace(' ', "") == "[remote\"origin\"]";
        } else if in_origin {
            if let Some((key, value)) = line.split_once('=') {
                if key.trim() == "url" {
                    return Some(value.trim().trim_matches('"').to_string());
                }
            }
        }
    }
    None
}

/// `OWNER/REPO` from `git@HOST:o/r.git`, `ssh://git@HOST/o/r`, `https://HOST/o/r.git`.
fn github_repository(url: &str, host: &str) -> Option<String> {
    let path = url
        .strip_prefix(&format!("git@{host}:"))
        .or_else(|| url.strip_prefix(&format!("ssh://git@{host}/")))
        .or_else(|| url.strip_prefix(&format!("https://{host}/")))
        .or_else(|| url.strip_prefix(&format!("http://{host}/")))?;
    let path = path.trim_end_matches('/').trim_end_matches(".git");
    let (owner, name) = path.split_once('/')?;
    (!owner.is_empty() && !name.is_empty() && !name.contains('/'))
        .then(|| format!("{owner}/{name}"))
}

#[cfg(test)]
mod clone_tests {
    use super::*;

    #[test]
    fn origin_urls_of_every_form_name_their_repository() {
        for url in [
            "git@github.com:octo/data.git",
            "ssh://git@github.com/octo/data",
            "https://github.com/octo/data.git",
            "https://github.com/octo/data/",
        ] {
            assert_eq!(
                github_repository(url, "github.com").as_deref(),
                Some("octo/data"),
                "{url}"
            );
        }
        assert_eq!(
            github_repository("https://gitlab.com/octo/data", "github.com"),
            None
        );
        let config = "[core]\n\tbare = false\n[remote \"upstream\"]\n\turl = x\n[remote \"origin\"]\n\turl = git@github.com:o/r.git\n";
        assert_eq!(
            origin_url(config).as_deref(),
            Some("git@github.com:o/r.git")
        );
    }
}
