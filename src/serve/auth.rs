//! Tokens to users, as GitHub authenticates: `Bearer` or `token`, an unknown token is refused
//! (never downgraded to anonymous), no token means anonymous.

use std::collections::HashMap;
use std::io;

use base64::Engine;

use super::apps::ServeApp;
use super::ServerState;
use crate::jwt;
use crate::tracker::local::LocalDb;
use crate::tracker::{AccountKind, Repository, User};

use super::errors::ApiError;

/// Who is calling.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Caller {
    Anonymous,
    User(User),
    /// A GitHub App, by its JSON web token: only the App endpoints answer it.
    App(ServeApp),
}

impl Caller {
    pub fn user(&self) -> Option<&User> {
        match self {
            Caller::User(user) => Some(user),
            Caller::Anonymous | Caller::App(_) => None,
        }
    }
}

pub(crate) enum Accounts {
    /// No users configured: everybody is the repository owner (developer convenience).
    Open(User),
    Tokens(HashMap<String, User>),
}

impl Accounts {
    /// Creates the configured users. With a user-owned repository the first is its owner.
    pub fn register(
        db: &LocalDb,
        repo: &Repository,
        users: &[(String, String)],
    ) -> io::Result<Accounts> {
        let Some((first, _)) = users.first() else {
            return Ok(Accounts::Open(repo.owner.clone()));
        };
        if repo.owner.kind == AccountKind::User && !first.eq_ignore_ascii_case(&repo.owner.login) {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!(
                    "the first user ({first}) must be the owner of {}",
                    repo.full_name
                ),
            ));
        }
        let mut tokens = HashMap::new();
        for (login, token) in users {
            let user = db
                .ensure_user(login, kind_of(login))
                .map_err(|err| io::Error::other(format!("user {login}: {err}")))?;
            if tokens.insert(token.clone(), user).is_some() {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidInput,
                    format!("two users share the token of {login}"),
                ));
            }
        }
        Ok(Accounts::Tokens(tokens))
    }

    /// The caller named by an `Authorization` header.
    pub fn authenticate(&self, authorization: Option<&str>) -> Result<Caller, ApiError> {
        let tokens = match self {
            Accounts::Open(owner) => return Ok(Caller::User(owner.clone())),
            Accounts::Tokens(tokens) => tokens,
        };
        let Some(header) = authorization else {
            return Ok(Caller::Anonymous);
        };
        token_of(header)
            .and_then(|token| tokens.get(&token))
            .map(|user| Caller::User(user.clone()))
            .ok_or_else(ApiError::bad_credentials)
    }
}

/// The caller an `Authorization` header names: an App by its JSON web token, an App's bot
/// by an installation token it minted, else a configured user.
pub(crate) fn authenticate(
    state: &ServerState,
    authorization: Option<&str>,
) -> Result<Caller, ApiError> {
    if let Some(token) = authorization.and_then(token_of) {
        if jwt::looks_like_jwt(&token) {
            return state.apps.authenticate(&token).map(Caller::App);
        }
        if let Some(bot) = state.apps.bot_of(&token) {
            return bot.map(Caller::User);
        }
    }
    state.accounts.authenticate(authorization)
}

/// The kind of a user account by its login: GitHub's bots end in `[bot]`.
pub(crate) fn kind_of(login: &str) -> AccountKind {
    if login.ends_with("[bot]") {
        AccountKind::Bot
    } else {
        AccountKind::User
    }
}

/// The token in `Bearer X`, `token X`, or Basic auth with the token as password (git's way).
fn token_of(header: &str) -> Option<String> {
    let (scheme, value) = header.trim().split_once(' ')?;
    let value = value.trim();
    match scheme.to_ascii_lowercase().as_str() {
        "bearer" | "token" => Some(value.to_string()),
        "basic" => {
            let decoded = base64::engine::general_purpose::STANDARD
                .decode(value)
                .ok()?;
            let text = String::from_utf8(decoded).ok()?;
            text.split_once(':')
                .map(|(_, password)| password.to_string())
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_read_from_every_scheme_github_accepts() {
        assert_eq!(token_of("Bearer abc").as_deref(), Some("abc"));
        assert_eq!(token_of("token abc").as_deref(), Some("abc"));
        assert_eq!(token_of("Basic eDphYmM=").as_deref(), Some("abc"));
        assert_eq!(token_of("Digest abc"), None);
        assert_eq!(token_of("abc"), None);
    }
}
