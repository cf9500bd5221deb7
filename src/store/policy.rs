//! Who may write an object: the access policy and its per-run checker.

use std::collections::{HashMap, HashSet};
use std::sync::Mutex;

use crate::error::Result;
use crate::tracker::{AuthorAssociation, Tracker};

/// Where GitHub looks for CODEOWNERS, in GitHub's order (the Python client tried `docs/`
/// before the root).
pub const CODEOWNERS_PATHS: [&str; 3] = [".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS"];

/// The repository owner's configurable rule for authors of objects and updates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessPolicy {
    /// `author_association` values that pass (free on every issue and comment).
    pub associations: Vec<AuthorAssociation>,
    /// Whether users (and expanded `@org/team`s) named in CODEOWNERS pass.
    pub codeowners: bool,
    /// Logins that always pass, e.g. `github-actions[bot]`.
    pub allow: Vec<String>,
}

impl Default for AccessPolicy {
    fn default() -> Self {
        AccessPolicy {
            associations: vec![
                AuthorAssociation::Owner,
                AuthorAssociation::Member,
                AuthorAssociation::Collaborator,
            ],
            codeowners: true,
            allow: Vec::new(),
        }
    }
}

/// The outcome of a check, with the reason a refusal gets in logs and history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Allowed,
    Denied(String),
}

/// What costs requests to learn (the CODEOWNERS set, and the verdict per login), kept for
/// a whole run: a [`Store`](super::Store) holds one, so that `process --all` reads
/// CODEOWNERS once, not once per object.
#[derive(Debug, Default)]
pub struct AccessCache {
    state: Mutex<CacheState>,
}

#[derive(Debug, Default)]
struct CacheState {
    codeowners: Option<Codeowners>,
    decided: HashMap<String, bool>,
}

/// Applies an [`AccessPolicy`], consulting the free `author_association` first and the
/// run's [`AccessCache`] before anything that costs a request.
pub struct AccessChecker<'a> {
    policy: &'a AccessPolicy,
    tracker: &'a dyn Tracker,
    cache: &'a AccessCache,
}

#[derive(Debug, Default)]
struct Codeowners {
    users: HashSet<String>,
}

impl<'a> AccessChecker<'a> {
    pub fn new(
        policy: &'a AccessPolicy,
        tracker: &'a dyn Tracker,
        cache: &'a AccessCache,
    ) -> AccessChecker<'a> {
        AccessChecker {
            policy,
            tracker,
            cache,
        }
    }

    pub fn check(&self, login: Option<&str>, association: AuthorAssociation) -> Result<Verdict> {
        let Some(login) = login else {
            return Ok(Verdict::Denied("the author's account was deleted".into()));
        };
        if self.policy.associations.contains(&association)
            || self
                .policy
                .allow
                .iter()
                .any(|allowed| allowed.eq_ignore_ascii_case(login))
        {
            return Ok(Verdict::Allowed);
        }
        let key = login.to_ascii_lowercase();
        let mut state = self.cache.state.lock().unwrap_or_else(|e| e.into_inner());
        let allowed = match state.decided.get(&key) {
            Some(&allowed) => allowed,
            None => {
                let allowed = self.policy.codeowners && self.codeowners(&mut state)?.contains(&key);
                state.decided.insert(key, allowed);
                allowed
            }
        };
        if allowed {
            Ok(Verdict::Allowed)
        } else {
            Ok(Verdict::Denied(format!(
                "{login} ({}) is not allowed to write objects",
                association.as_str()
            )))
        }
    }

    fn codeowners<'s>(&self, state: &'s mut CacheState) -> Result<&'s HashSet<String>> {
        if state.codeowners.is_none() {
            let mut owners = Codeowners::default();
            for path in CODEOWNERS_PATHS {
                if let Some(bytes) = self.tracker.file_contents(path)? {
                    for entry in parse_codeowners(&String::from_utf8_lossy(&bytes)) {
                        match entry.split_once('/') {
                            Some((org, team)) => {
                                let members = self.tracker.team_members(org, team)?;
                                for member in members.unwrap_or_default() {
                                    owners.users.insert(member.to_ascii_lowercase());
                                }
                            }
                            None => {
                                owners.users.insert(entry.to_ascii_lowercase());
                            }
                        }
                    }
                    break;
                }
            }
            state.codeowners = Some(owners);
        }
        Ok(&state.codeowners.as_ref().expect("filled above").users)
    }
}

/// The `@user` and `@org/team` owners named anywhere in a CODEOWNERS file, without the `@`.
/// Path patterns are not interpreted: any rule grants write access to objects, as in the
/// Python client. Emails and comments are skipped.
pub fn parse_codeowners(text: &str) -> Vec<String> {
    let mut owners = Vec::new();
    for line in text.lines() {
        let line = line.split('#').next().unwrap_or("").trim();
        for token in line.split_whitespace().skip(1) {
            if let Some(owner) = token.strip_prefix('@') {
                if !owner.is_empty() && !owners.iter().any(|o: &String| o == owner) {
                    owners.push(owner.to_string());
                }
            }
        }
    }
    owners
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codeowners_keeps_users_and_teams() {
        let text = "# owners\n* @alice @org/admins\n/docs/ docs@example.com @bob # @mallory\n\n  \n@notapath\n";
        assert_eq!(parse_codeowners(text), vec!["alice", "org/admins", "bob"]);
    }
}
