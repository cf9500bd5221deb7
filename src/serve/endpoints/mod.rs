//! The endpoints, one module per resource, and what they share.

pub(crate) mod account;
pub(crate) mod apps;
pub(crate) mod comments;
pub(crate) mod issues;
pub(crate) mod labels;
pub(crate) mod repo;

use crate::timestamp::Timestamp;
use crate::tracker::local::{LocalDb, LocalTracker, Role};
use crate::tracker::{Direction, Repository, User};

use super::auth::Caller;
use super::errors::ApiError;
use super::http::{ApiRequest, Query};
use super::render::Access;
use super::router::Params;
use super::urls::Urls;
use super::ServerState;

/// One request being answered.
pub(crate) struct Exchange<'a> {
    pub state: &'a ServerState,
    pub request: &'a ApiRequest,
    pub params: &'a Params,
    pub urls: &'a Urls,
    pub caller: &'a Caller,
}

/// The repository a request is about, and a tracker acting as the caller on it.
pub(crate) struct RepoScope {
    pub repo: Repository,
    pub tracker: LocalTracker,
    /// `<api>/repositories/{id}/…`: where GitHub's `Link` URLs point.
    pub link_base: String,
}

impl RepoScope {
    /// An account's access to the repository: the owner administers it, members and
    /// collaborators write (GitHub's default role for both), as do installed Apps; everyone
    /// else reads.
    pub fn access(&self, db: &LocalDb, account: &User) -> Result<Access, ApiError> {
        if account.id == self.repo.owner.id {
            return Ok(Access::Admin);
        }
        Ok(match db.role(self.repo.id, &account.login)? {
            Some(Role::Member | Role::Collaborator | Role::Installation) => Access::Write,
            None => Access::Read,
        })
    }
}

/// A numeric path parameter; anything else is a path GitHub does not know (404).
pub(crate) fn number_param(params: &Params, name: &str) -> Result<u64, ApiError> {
    params.get(name).parse().map_err(|_| ApiError::not_found())
}

/// `since` (ISO 8601), compared with `updated_at`; unparsable is 422.
pub(crate) fn since_param(query: &Query, resource: &str) -> Result<Option<Timestamp>, ApiError> {
    match query.get("since") {
        None | Some("") => Ok(None),
        Some(text) => Timestamp::parse(text)
            .map(Some)
            .ok_or_else(|| ApiError::validation(resource, "since", "invalid", None)),
    }
}

/// An enumerated query parameter: its default when absent, 422 when not one of `choices`.
pub(crate) fn choice_param<T: Copy>(
    query: &Query,
    name: &str,
    resource: &str,
    default: T,
    choices: &[(&str, T)],
) -> Result<T, ApiError> {
    match query.get(name) {
        None | Some("") => Ok(default),
        Some(text) => choices
            .iter()
            .find(|(key, _)| *key == text)
            .map(|(_, value)| *value)
            .ok_or_else(|| ApiError::validation(resource, name, "invalid", None)),
    }
}

/// `direction`: GitHub's default is `desc`.
pub(crate) fn direction_param(query: &Query, resource: &str) -> Result<Direction, ApiError> {
    choice_param(
        query,
        "direction",
        resource,
        Direction::Desc,
        &[("asc", Direction::Asc), ("desc", Direction::Desc)],
    )
}
