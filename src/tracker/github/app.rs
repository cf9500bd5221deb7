//! GitHub App authentication: a JSON web token signed with the App's key finds the App's
//! installation on the repository and buys an installation token, which every other request
//! of the run then uses. Tokens are kept (`token_cache`) until shortly before they expire, so
//! that a cron job running every minute does not mint one per run.

use std::fmt;

use serde::Deserialize;
use serde_json::json;

use super::request::{ApiRequest, Method, Repeat};
use super::token_cache::TokenCache;
use super::{url, GitHubConfig, GitHubTracker, Token};
use crate::jwt::{Claims, PrivateKey};
use crate::timestamp::Timestamp;
use crate::tracker::{TrackerError, TrackerResult};

/// GitHub refuses a token issued in the future (clocks drift) or living over 10 minutes.
const ISSUED_BEFORE_NOW: i64 = 60;
const LIFETIME: i64 = 9 * 60;

/// An App, by its id (or client id) and private key.
#[derive(Debug)]
pub struct GitHubApp {
    pub id: String,
    pub key: PrivateKey,
}

/// The request of the exchange that failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AppStep {
    /// `GET /repos/{owner}/{repo}/installation` with the JSON web token.
    FindInstallation,
    /// `POST /app/installations/{id}/access_tokens`.
    MintToken { installation: u64 },
}

impl fmt::Display for AppStep {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AppStep::FindInstallation => f.write_str("looking up the App's installation"),
            AppStep::MintToken { installation } => {
                write!(f, "creating a token for installation {installation}")
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppAuthError {
    pub step: AppStep,
    pub error: TrackerError,
}

#[derive(Deserialize)]
struct WireInstallation {
    id: u64,
}

#[derive(Deserialize)]
struct WireInstallationToken {
    token: String,
    expires_at: String,
}

impl GitHubApp {
    /// The installation token for the repository `config` names: a cached one that is still
    /// good, or a new one.
    pub fn installation_token(
        &self,
        config: &GitHubConfig,
        cache: &TokenCache,
    ) -> Result<Token, AppAuthError> {
        let api = url::redact_userinfo(&config.api_url);
        let repo = format!("{}/{}", config.owner, config.repo);
        let cache_key = [api.as_str(), self.id.as_str(), repo.as_str()];
        let now = Timestamp::now();
        if let Some(token) = cache.fresh(&cache_key, now) {
            return Ok(token);
        }
        let jwt = self.key.sign(&Claims {
            iat: now.seconds() - ISSUED_BEFORE_NOW,
            exp: now.seconds() + LIFETIME,
            iss: self.id.clone(),
        });
        let failed = |step| move |error| AppAuthError { step, error };
        let as_app = GitHubTracker::new(GitHubConfig {
            token: Some(Token::new(jwt)),
            ..config.clone()
        })
        .map_err(failed(AppStep::FindInstallation))?;
        let installation = as_app
            .installation_id()
            .map_err(failed(AppStep::FindInstallation))?;
        let (token, expires_at) = as_app
            .mint_installation_token(installation)
            .map_err(failed(AppStep::MintToken { installation }))?;
        cache.keep(&cache_key, &token, expires_at);
        Ok(token)
    }
}

impl GitHubTracker {
    fn installation_id(&self) -> TrackerResult<u64> {
        let request = ApiRequest::get(self.repo_url("/installation"));
        let what = format!("an installation of the App on {}", self.full_name());
        let installation: WireInstallation = self.send(&request, &what)?.json()?;
        Ok(installation.id)
    }

    /// A token limited to this repository; minting a second one is harmless, so a failed
    /// request may be sent again.
    fn mint_installation_token(&self, installation: u64) -> TrackerResult<(Token, Timestamp)> {
        let url = format!(
            "{}/app/installations/{installation}/access_tokens",
            self.api_url
        );
        let body = json!({ "repositories": [self.repo] });
        let request = ApiRequest::write(Method::Post, url, &body, Repeat::Idempotent);
        let what = format!("installation {installation}");
        let minted: WireInstallationToken = self.send(&request, &what)?.json()?;
        let expires_at =
            Timestamp::parse(&minted.expires_at).ok_or_else(|| TrackerError::Protocol {
                message: format!(
                    "the installation token's expires_at {:?} is not a time",
                    minted.expires_at
                ),
            })?;
        Ok((Token::new(minted.token), expires_at))
    }
}
