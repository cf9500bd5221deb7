//! How the generated workflow gets gh-store: `--install action|action=OWNER/REPO|cargo|git=URL[@REF]`.
//!
//! The rule is that the workflow never carries an install step that cannot succeed: the
//! Action needs a repository that publishes gh-store's releases, and that is known only when
//! whoever publishes fills in `repository` in Cargo.toml.

use std::fmt;
use std::str::FromStr;

use crate::error::{Error, Result};

/// The value of `--install`, as the user wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InstallChoice {
    /// The Action of gh-store's home repository, or of the repository named.
    Action(Option<String>),
    Cargo,
    Git {
        url: String,
        reference: Option<GitRef>,
    },
}

/// A git reference for `cargo install --git`: a commit (hex) or a tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GitRef {
    Rev(String),
    Tag(String),
}

/// What the workflow will do, resolved against this binary's version and home repository.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Install {
    Action {
        repository: String,
    },
    Cargo,
    Git {
        url: String,
        reference: Option<GitRef>,
    },
}

impl FromStr for InstallChoice {
    type Err = String;

    fn from_str(text: &str) -> std::result::Result<Self, String> {
        if text == "action" {
            return Ok(InstallChoice::Action(None));
        }
        if text == "cargo" {
            return Ok(InstallChoice::Cargo);
        }
        if let Some(repository) = text.strip_prefix("action=") {
            return valid_repository(repository)
                .map(|r| InstallChoice::Action(Some(r.to_string())))
                .ok_or_else(|| format!("'{repository}' is not OWNER/REPO"));
        }
        if let Some(source) = text.strip_prefix("git=") {
            return parse_git(source);
        }
        Err("expected action, action=OWNER/REPO, cargo or git=URL[@REF]".into())
    }
}

fn parse_git(source: &str) -> std::result::Result<InstallChoice, String> {
    // The ref follows the last '@' after the last '/', so `git@host:o/r.git` and
    // `https://user@host/o/r` keep their '@'.
    let (url, reference) = match source.rfind('@') {
        Some(at) if source.rfind('/').is_some_and(|slash| at > slash) => {
            (&source[..at], Some(&source[at + 1..]))
        }
        _ => (source, None),
    };
    // The URL lands in YAML and then in a shell variable: refuse what either would read.
    let unsafe_char = |c: char| c.is_whitespace() || c.is_control() || "'\"`$\\{}".contains(c);
    let known_scheme = ["https://", "http://", "ssh://", "git://", "file://"]
        .iter()
        .any(|s| url.starts_with(s))
        || (url.starts_with("git@") && url.contains(':'));
    if url.is_empty() || !known_scheme || url.chars().any(unsafe_char) {
        return Err(format!(
            "'{url}' is not a git URL (https://, ssh://, git://, file:// or git@host:path, no quotes or spaces)"
        ));
    }
    let reference = match reference {
        None => None,
        Some(r)
            if r.is_empty()
                || !r
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "._-+".contains(c)) =>
        {
            return Err(format!(
                "'{r}' is not a tag or commit (letters, digits, . _ - +)"
            ));
        }
        Some(r) if (7..=40).contains(&r.len()) && r.chars().all(|c| c.is_ascii_hexdigit()) => {
            Some(GitRef::Rev(r.to_string()))
        }
        Some(r) => Some(GitRef::Tag(r.to_string())),
    };
    Ok(InstallChoice::Git {
        url: url.to_string(),
        reference,
    })
}

fn valid_repository(text: &str) -> Option<&str> {
    let (owner, name) = text.split_once('/')?;
    let part = |p: &str| {
        !p.is_empty()
            && p.chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
    };
    (part(owner) && part(name) && !name.contains('/')).then_some(text)
}

/// `OWNER/REPO` from a `repository` URL on github.com; an Action lives only there.
pub fn github_repository(url: &str) -> Option<String> {
    let rest = url
        .strip_prefix("https://github.com/")
        .or_else(|| url.strip_prefix("http://github.com/"))?;
    let rest = rest.trim_end_matches('/');
    let rest = rest.strip_suffix(".git").unwrap_or(rest);
    valid_repository(rest).map(str::to_string)
}

/// gh-store's home repository, from Cargo.toml's `repository` when it names one on GitHub.
pub fn home_repository() -> Option<String> {
    github_repository(env!("CARGO_PKG_REPOSITORY"))
}

impl Install {
    /// Resolves the user's choice (or its absence) into an install step this binary can back.
    pub fn resolve(choice: Option<InstallChoice>, home: Option<String>) -> Result<Install> {
        let version = env!("CARGO_PKG_VERSION");
        match choice {
            Some(InstallChoice::Cargo) => Ok(Install::Cargo),
            Some(InstallChoice::Git { url, reference }) => Ok(Install::Git { url, reference }),
            Some(InstallChoice::Action(Some(repository))) => Ok(Install::Action { repository }),
            Some(InstallChoice::Action(None)) | None => match home {
                Some(repository) => Ok(Install::Action { repository }),
                None => Err(Error::usage(
                    "this gh-store build knows no home repository (Cargo.toml names none), so it cannot pin the gh-store Action; choose how the workflow installs gh-store",
                )
                .with_hint("--install git=URL[@TAG|@COMMIT]: build from a git repository (cargo install --git)")
                .with_hint("--install action=OWNER/REPO: the Action of a repository that publishes gh-store releases")
                .with_hint(format!(
                    "--install cargo: cargo install from crates.io, once gh-store {version} is published there"
                ))),
            },
        }
    }

    /// The one line on stderr saying what the workflow will do.
    pub fn describe(&self) -> String {
        let version = env!("CARGO_PKG_VERSION");
        match self {
            Install::Action { repository } => {
                format!("the workflow installs gh-store through the Action {repository}@v{version} (its release binary)")
            }
            Install::Cargo => format!(
                "the workflow installs gh-store with `cargo install gh-store --version {version}`: this needs gh-store {version} published on crates.io"
            ),
            Install::Git { url, reference } => match reference {
                Some(r) => format!("the workflow builds gh-store from {url} at {r} with cargo (cached)"),
                None => format!(
                    "the workflow builds gh-store from {url}'s default branch with cargo on every run (name a tag or commit with @REF to cache it)"
                ),
            },
        }
    }

    /// The workflow's install steps, indented for the job's `steps:`.
    pub fn steps(&self) -> String {
        let version = env!("CARGO_PKG_VERSION");
        match self {
            Install::Action { repository } => format!(
                "      - name: Install gh-store\n        uses: {repository}@v{version}\n"
            ),
            Install::Cargo => format!(
                "{cache}      - name: Install gh-store\n        if: steps.cache.outputs.cache-hit != 'true'\n        run: cargo install gh-store --version {version} --locked\n",
                cache = cache_step(&format!("gh-store-{version}"))
            ),
            Install::Git { url, reference } => {
                let (cache, condition, flag) = match reference {
                    Some(r) => (
                        cache_step(&format!("gh-store-git-{}", r.name())),
                        "        if: steps.cache.outputs.cache-hit != 'true'\n",
                        format!(" {} \"$GH_STORE_REF\"", r.flag()),
                    ),
                    None => (String::new(), "", String::new()),
                };
                let reference_env = match reference {
                    Some(r) => format!("          GH_STORE_REF: '{}'\n", r.name()),
                    None => String::new(),
                };
                // Through the environment, so that the URL is never parsed as shell.
                format!(
                    "{cache}      - name: Install gh-store\n{condition}        env:\n          GH_STORE_GIT: '{url}'\n{reference_env}        run: cargo install --git \"$GH_STORE_GIT\"{flag} --locked gh-store\n"
                )
            }
        }
    }
}

fn cache_step(key: &str) -> String {
    format!(
        "      - name: Cache gh-store\n        id: cache\n        uses: actions/cache@v4\n        with:\n          path: ~/.cargo/bin/gh-store\n          key: {key}-${{{{ runner.os }}}}-${{{{ runner.arch }}}}\n"
    )
}

impl GitRef {
    fn name(&self) -> &str {
        match self {
            GitRef::Rev(r) | GitRef::Tag(r) => r,
        }
    }

    fn flag(&self) -> &'static str {
        match self {
            GitRef::Rev(_) => "--rev",
            GitRef::Tag(_) => "--tag",
        }
    }
}

impl fmt::Display for GitRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GitRef::Rev(r) => write!(f, "commit {r}"),
            GitRef::Tag(r) => write!(f, "tag {r}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choices_parse() {
        assert_eq!("action".parse(), Ok(InstallChoice::Action(None)));
        assert_eq!(
            "action=o/gh-store".parse(),
            Ok(InstallChoice::Action(Some("o/gh-store".into())))
        );
        assert_eq!("cargo".parse(), Ok(InstallChoice::Cargo));
        assert_eq!(
            "git=https://h/o/r.git@v1.2".parse(),
            Ok(InstallChoice::Git {
                url: "https://h/o/r.git".into(),
                reference: Some(GitRef::Tag("v1.2".into()))
            })
        );
        assert_eq!(
            "git=git@github.com:o/r.git@abcdef0".parse(),
            Ok(InstallChoice::Git {
                url: "git@github.com:o/r.git".into(),
                reference: Some(GitRef::Rev("abcdef0".into()))
            })
        );
        assert_eq!(
            "git=https://me@h/o/r".parse(),
            Ok(InstallChoice::Git {
                url: "https://me@h/o/r".into(),
                reference: None
            })
        );
        for bad in [
            "pip",
            "action=o",
            "git=",
            "git=/tmp/x",
            "git=https://h/o/r'x",
            "git=https://h/$(x)",
            "git=https://h/r@a;b",
        ] {
            assert!(bad.parse::<InstallChoice>().is_err(), "{bad} is refused");
        }
    }

    #[test]
    fn home_repository_only_from_github() {
        assert_eq!(
            github_repository("https://github.com/o/gh-store"),
            Some("o/gh-store".into())
        );
        assert_eq!(
            github_repository("https://github.com/o/gh-store.git/"),
            Some("o/gh-store".into())
        );
        assert_eq!(github_repository("https://gitlab.com/o/gh-store"), None);
        assert_eq!(github_repository(""), None);
    }

    #[test]
    fn no_default_without_a_home() {
        let err = Install::resolve(None, None).unwrap_err();
        assert_eq!(err.exit_code(), 2);
        assert_eq!(
            Install::resolve(None, Some("o/r".into())).unwrap(),
            Install::Action {
                repository: "o/r".into()
            }
        );
    }
}
