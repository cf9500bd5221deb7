//! The GitHub issue model, as far as gh-store uses it. Field names follow GitHub's REST
//! JSON so that the GitHub tracker is a direct mapping and the local tracker a faithful copy.

use serde::{Deserialize, Serialize};

use crate::timestamp::Timestamp;

/// An account: a user, an organisation or a bot (`github-actions[bot]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    pub login: String,
    pub id: u64,
    #[serde(rename = "type")]
    pub kind: AccountKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AccountKind {
    User,
    Organization,
    Bot,
    #[serde(other)]
    Other,
}

impl AccountKind {
    pub fn as_str(self) -> &'static str {
        match self {
            AccountKind::User => "User",
            AccountKind::Organization => "Organization",
            AccountKind::Bot => "Bot",
            AccountKind::Other => "Mannequin",
        }
    }
}

/// How the author of an issue or comment relates to the repository. GitHub computes it per
/// request and ships it free on every issue and comment, so the access policy checks it first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum AuthorAssociation {
    Owner,
    Member,
    Collaborator,
    Contributor,
    FirstTimer,
    FirstTimeContributor,
    Mannequin,
    #[serde(other)]
    None,
}

impl AuthorAssociation {
    pub const ALL: [AuthorAssociation; 8] = [
        AuthorAssociation::Owner,
        AuthorAssociation::Member,
        AuthorAssociation::Collaborator,
        AuthorAssociation::Contributor,
        AuthorAssociation::FirstTimer,
        AuthorAssociation::FirstTimeContributor,
        AuthorAssociation::Mannequin,
        AuthorAssociation::None,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AuthorAssociation::Owner => "OWNER",
            AuthorAssociation::Member => "MEMBER",
            AuthorAssociation::Collaborator => "COLLABORATOR",
            AuthorAssociation::Contributor => "CONTRIBUTOR",
            AuthorAssociation::FirstTimer => "FIRST_TIMER",
            AuthorAssociation::FirstTimeContributor => "FIRST_TIME_CONTRIBUTOR",
            AuthorAssociation::Mannequin => "MANNEQUIN",
            AuthorAssociation::None => "NONE",
        }
    }

    pub fn parse(text: &str) -> Option<AuthorAssociation> {
        AuthorAssociation::ALL
            .into_iter()
            .find(|a| a.as_str().eq_ignore_ascii_case(text))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Repository {
    pub id: u64,
    pub name: String,
    pub full_name: String,
    pub owner: User,
    pub private: bool,
    pub default_branch: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Label {
    pub id: u64,
    pub name: String,
    pub color: String,
    pub description: Option<String>,
    pub default: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum IssueState {
    Open,
    Closed,
}

impl IssueState {
    pub fn as_str(self) -> &'static str {
        match self {
            IssueState::Open => "open",
            IssueState::Closed => "closed",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StateReason {
    Completed,
    NotPlanned,
    Duplicate,
    Reopened,
}

impl StateReason {
    pub fn as_str(self) -> &'static str {
        match self {
            StateReason::Completed => "completed",
            StateReason::NotPlanned => "not_planned",
            StateReason::Duplicate => "duplicate",
            StateReason::Reopened => "reopened",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Issue {
    /// Global id (64-bit: GitHub's ids are past 2^32).
    pub id: u64,
    /// Per-repository number, shared with pull requests.
    pub number: u64,
    pub title: String,
    /// `None` when the issue was created without a body (GitHub answers `null`).
    pub body: Option<String>,
    pub state: IssueState,
    pub state_reason: Option<StateReason>,
    pub labels: Vec<Label>,
    /// `None` for a deleted account ("ghost").
    pub user: Option<User>,
    pub author_association: AuthorAssociation,
    /// Number of comments on the issue.
    pub comments: u64,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    pub closed_at: Option<Timestamp>,
    /// GitHub lists pull requests among issues; the trackers report them so callers skip them.
    pub is_pull_request: bool,
}

impl Issue {
    pub fn has_label(&self, name: &str) -> bool {
        self.labels.iter().any(|l| l.name == name)
    }

    pub fn label_names(&self) -> impl Iterator<Item = &str> {
        self.labels.iter().map(|l| l.name.as_str())
    }

    pub fn author_login(&self) -> Option<&str> {
        self.user.as_ref().map(|u| u.login.as_str())
    }
}

/// The eight reactions GitHub knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ReactionContent {
    #[serde(rename = "+1")]
    PlusOne,
    #[serde(rename = "-1")]
    MinusOne,
    #[serde(rename = "laugh")]
    Laugh,
    #[serde(rename = "confused")]
    Confused,
    #[serde(rename = "heart")]
    Heart,
    #[serde(rename = "hooray")]
    Hooray,
    #[serde(rename = "rocket")]
    Rocket,
    #[serde(rename = "eyes")]
    Eyes,
}

impl ReactionContent {
    pub const ALL: [ReactionContent; 8] = [
        ReactionContent::PlusOne,
        ReactionContent::MinusOne,
        ReactionContent::Laugh,
        ReactionContent::Confused,
        ReactionContent::Heart,
        ReactionContent::Hooray,
        ReactionContent::Rocket,
        ReactionContent::Eyes,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ReactionContent::PlusOne => "+1",
            ReactionContent::MinusOne => "-1",
            ReactionContent::Laugh => "laugh",
            ReactionContent::Confused => "confused",
            ReactionContent::Heart => "heart",
            ReactionContent::Hooray => "hooray",
            ReactionContent::Rocket => "rocket",
            ReactionContent::Eyes => "eyes",
        }
    }

    pub fn parse(text: &str) -> Option<ReactionContent> {
        ReactionContent::ALL
            .into_iter()
            .find(|c| c.as_str() == text)
    }
}

/// The reaction counts GitHub embeds in every comment: free to read, but counts only, not who.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReactionRollup {
    pub total_count: u64,
    #[serde(rename = "+1")]
    pub plus_one: u64,
    #[serde(rename = "-1")]
    pub minus_one: u64,
    pub laugh: u64,
    pub hooray: u64,
    pub confused: u64,
    pub heart: u64,
    pub rocket: u64,
    pub eyes: u64,
}

impl ReactionRollup {
    pub fn count(&self, content: ReactionContent) -> u64 {
        match content {
            ReactionContent::PlusOne => self.plus_one,
            ReactionContent::MinusOne => self.minus_one,
            ReactionContent::Laugh => self.laugh,
            ReactionContent::Confused => self.confused,
            ReactionContent::Heart => self.heart,
            ReactionContent::Hooray => self.hooray,
            ReactionContent::Rocket => self.rocket,
            ReactionContent::Eyes => self.eyes,
        }
    }

    pub fn count_mut(&mut self, content: ReactionContent) -> &mut u64 {
        match content {
            ReactionContent::PlusOne => &mut self.plus_one,
            ReactionContent::MinusOne => &mut self.minus_one,
            ReactionContent::Laugh => &mut self.laugh,
            ReactionContent::Confused => &mut self.confused,
            ReactionContent::Heart => &mut self.heart,
            ReactionContent::Hooray => &mut self.hooray,
            ReactionContent::Rocket => &mut self.rocket,
            ReactionContent::Eyes => &mut self.eyes,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comment {
    /// Ascending in creation order within an issue.
    pub id: u64,
    pub user: Option<User>,
    pub author_association: AuthorAssociation,
    /// GitHub may answer `null`; trackers give "" then.
    pub body: String,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    pub reactions: ReactionRollup,
}

impl Comment {
    pub fn author_login(&self) -> Option<&str> {
        self.user.as_ref().map(|u| u.login.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reaction {
    pub id: u64,
    pub user: Option<User>,
    pub content: ReactionContent,
    pub created_at: Timestamp,
}

/// Result of a reaction POST: GitHub answers 201 when new, 200 when the user already had it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReactionOutcome {
    pub reaction: Reaction,
    /// This request made it (201), rather than an earlier one by the same user (200).
    pub created: bool,
}

/// Which issues a listing returns (GitHub's default is `open`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StateFilter {
    #[default]
    Open,
    Closed,
    All,
}

impl StateFilter {
    pub fn as_str(self) -> &'static str {
        match self {
            StateFilter::Open => "open",
            StateFilter::Closed => "closed",
            StateFilter::All => "all",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum IssueSort {
    #[default]
    Created,
    Updated,
    Comments,
}

impl IssueSort {
    pub fn as_str(self) -> &'static str {
        match self {
            IssueSort::Created => "created",
            IssueSort::Updated => "updated",
            IssueSort::Comments => "comments",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Direction {
    Asc,
    #[default]
    Desc,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Asc => "asc",
            Direction::Desc => "desc",
        }
    }
}

/// GitHub's filters for `GET /repos/{owner}/{repo}/issues`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssueQuery {
    /// Exact label names, all required (GitHub has no OR and no wildcard).
    pub labels: Vec<String>,
    pub state: StateFilter,
    /// Only issues with `updated_at` at or after this time.
    pub since: Option<Timestamp>,
    pub sort: IssueSort,
    pub direction: Direction,
    /// 1–100.
    pub per_page: u32,
    /// The caller reads every page: a tracker may fetch later pages before they are asked
    /// for. Left false where a caller may stop early, which would waste those requests.
    pub read_ahead: bool,
}

impl Default for IssueQuery {
    fn default() -> Self {
        IssueQuery {
            labels: Vec::new(),
            state: StateFilter::Open,
            since: None,
            sort: IssueSort::Created,
            direction: Direction::Desc,
            per_page: 100,
            read_ahead: false,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NewIssue {
    pub title: String,
    pub body: Option<String>,
    /// Unknown names are created on use (colour `ededed`), as GitHub does.
    pub labels: Vec<String>,
}

/// Fields to change on an issue; `None` leaves a field as it is.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct IssuePatch {
    pub title: Option<String>,
    /// `Some(None)` clears the body to `null`, as GitHub's `"body": null` does.
    pub body: Option<Option<String>>,
    pub state: Option<IssueState>,
    pub state_reason: Option<StateReason>,
    /// Replaces the whole label set.
    pub labels: Option<Vec<String>>,
}

/// A condition for [`crate::tracker::Tracker::update_issue`]: apply the patch only if the
/// issue's title (where gh-store keeps its processing checkpoint) is still this.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssueGuard {
    pub title: String,
}

/// An opaque position in a paginated listing: the `Link: rel="next"` URL on GitHub, a
/// page number on the local tracker. Callers pass it back unchanged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageToken(pub String);

/// One page of a listing and where the next one is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next: Option<PageToken>,
    /// The server's clock when it answered (GitHub's `Date` header), which may differ from
    /// this machine's; `None` when the tracker keeps time by this machine's clock.
    pub server_time: Option<Timestamp>,
}
