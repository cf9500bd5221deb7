//! GitHub's JSON, as far as gh-store reads it, turned into the tracker model. Lenient where
//! GitHub's schema allows variants (labels as strings, `body: null`, unknown enum values
//! added by a newer API), strict on what identifies things (ids, numbers, timestamps).

use base64::Engine;
use serde::Deserialize;
use serde_json::Value;

use crate::timestamp::Timestamp;
use crate::tracker::{
    AuthorAssociation, Comment, Issue, IssueState, Label, Reaction, ReactionContent,
    ReactionRollup, Repository, StateReason, User,
};

#[derive(Deserialize)]
pub(super) struct WireRepository {
    id: u64,
    name: String,
    full_name: String,
    owner: User,
    #[serde(default)]
    private: bool,
    #[serde(default)]
    default_branch: String,
}

impl From<WireRepository> for Repository {
    fn from(wire: WireRepository) -> Repository {
        Repository {
            id: wire.id,
            name: wire.name,
            full_name: wire.full_name,
            owner: wire.owner,
            private: wire.private,
            default_branch: wire.default_branch,
        }
    }
}

#[derive(Deserialize)]
pub(super) struct WireLabelObject {
    #[serde(default)]
    id: u64,
    name: String,
    #[serde(default)]
    color: String,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    default: bool,
}

impl From<WireLabelObject> for Label {
    fn from(wire: WireLabelObject) -> Label {
        Label {
            id: wire.id,
            name: wire.name,
            color: wire.color,
            description: wire.description,
            default: wire.default,
        }
    }
}

/// The issue schema allows `labels` items to be bare names as well as label objects.
#[derive(Deserialize)]
#[serde(untagged)]
enum WireLabel {
    Object(WireLabelObject),
    Name(String),
}

impl From<WireLabel> for Label {
    fn from(wire: WireLabel) -> Label {
        match wire {
            WireLabel::Object(object) => object.into(),
            WireLabel::Name(name) => Label {
                id: 0,
                name,
                color: String::new(),
                description: None,
                default: false,
            },
        }
    }
}

#[derive(Deserialize)]
pub(super) struct WireIssue {
    id: u64,
    number: u64,
    title: String,
    #[serde(default)]
    body: Option<String>,
    state: IssueState,
    #[serde(default)]
    state_reason: Option<String>,
    #[serde(default)]
    labels: Vec<WireLabel>,
    #[serde(default)]
    user: Option<User>,
    #[serde(default)]
    author_association: Option<String>,
    #[serde(default)]
    comments: u64,
    created_at: Timestamp,
    updated_at: Timestamp,
    #[serde(default)]
    closed_at: Option<Timestamp>,
    /// Present (an object) only on pull requests, which the issues list includes.
    #[serde(default)]
    pull_request: Option<Value>,
}

impl From<WireIssue> for Issue {
    fn from(wire: WireIssue) -> Issue {
        Issue {
            id: wire.id,
            number: wire.number,
            title: wire.title,
            body: wire.body,
            state: wire.state,
            state_reason: wire.state_reason.as_deref().and_then(state_reason),
            labels: wire.labels.into_iter().map(Label::from).collect(),
            user: wire.user,
            author_association: association(wire.author_association.as_deref()),
            comments: wire.comments,
            created_at: wire.created_at,
            updated_at: wire.updated_at,
            closed_at: wire.closed_at,
            is_pull_request: wire.pull_request.is_some(),
        }
    }
}

fn state_reason(text: &str) -> Option<StateReason> {
    match text {
        "completed" => Some(StateReason::Completed),
        "not_planned" => Some(StateReason::NotPlanned),
        "duplicate" => Some(StateReason::Duplicate),
        "reopened" => Some(StateReason::Reopened),
        _ => None,
    }
}

fn association(text: Option<&str>) -> AuthorAssociation {
    text.and_then(AuthorAssociation::parse)
        .unwrap_or(AuthorAssociation::None)
}

/// The reaction rollup; counts missing from an older or trimmed answer read as zero.
#[derive(Deserialize, Default)]
#[serde(default)]
struct WireRollup {
    total_count: u64,
    #[serde(rename = "+1")]
    plus_one: u64,
    #[serde(rename = "-1")]
    minus_one: u64,
    laugh: u64,
    hooray: u64,
    confused: u64,
    heart: u64,
    rocket: u64,
    eyes: u64,
}

impl From<WireRollup> for ReactionRollup {
    fn from(wire: WireRollup) -> ReactionRollup {
        ReactionRollup {
            total_count: wire.total_count,
            plus_one: wire.plus_one,
            minus_one: wire.minus_one,
            laugh: wire.laugh,
            hooray: wire.hooray,
            confused: wire.confused,
            heart: wire.heart,
            rocket: wire.rocket,
            eyes: wire.eyes,
        }
    }
}

#[derive(Deserialize)]
pub(super) struct WireComment {
    id: u64,
    #[serde(default)]
    user: Option<User>,
    #[serde(default)]
    author_association: Option<String>,
    #[serde(default)]
    body: Option<String>,
    created_at: Timestamp,
    updated_at: Timestamp,
    #[serde(default)]
    reactions: Option<WireRollup>,
}

impl From<WireComment> for Comment {
    fn from(wire: WireComment) -> Comment {
        Comment {
            id: wire.id,
            user: wire.user,
            author_association: association(wire.author_association.as_deref()),
            body: wire.body.unwrap_or_default(),
            created_at: wire.created_at,
            updated_at: wire.updated_at,
            reactions: wire.reactions.unwrap_or_default().into(),
        }
    }
}

#[derive(Deserialize)]
pub(super) struct WireReaction {
    id: u64,
    #[serde(default)]
    user: Option<User>,
    content: ReactionContent,
    created_at: Timestamp,
}

impl From<WireReaction> for Reaction {
    fn from(wire: WireReaction) -> Reaction {
        Reaction {
            id: wire.id,
            user: wire.user,
            content: wire.content,
            created_at: wire.created_at,
        }
    }
}

#[derive(Deserialize)]
pub(super) struct WireMember {
    login: String,
}

impl From<WireMember> for String {
    fn from(wire: WireMember) -> String {
        wire.login
    }
}

/// What the contents API said about a path, in its default JSON form.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Contents {
    File(Vec<u8>),
    /// A file too large for the JSON form (1–100 MB): only the raw media type returns it.
    TooLargeForJson,
    /// A directory listing, a symlink or a submodule: not a file gh-store can read.
    NotAFile,
}

pub(super) fn contents(json: &Value) -> Result<Contents, String> {
    let Value::Object(fields) = json else {
        return Ok(Contents::NotAFile);
    };
    if fields.get("type").and_then(Value::as_str) != Some("file") {
        return Ok(Contents::NotAFile);
    }
    let content = fields.get("content").and_then(Value::as_str).unwrap_or("");
    match fields.get("encoding").and_then(Value::as_str) {
        Some("base64") => {
            // GitHub wraps the base64 text with a newline every 60 characters.
            let compact: String = content
                .chars()
                .filter(|c| !c.is_ascii_whitespace())
                .collect();
            base64::engine::general_purpose::STANDARD
                .decode(compact)
                .map(Contents::File)
                .map_err(|err| format!("file content is not valid base64: {err}"))
        }
        Some("none") | Some("") | None if content.is_empty() => Ok(Contents::TooLargeForJson),
        Some(other) => Err(format!("unknown content encoding {other:?}")),
        None => Err("file content without an encoding".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tracker::AccountKind;

    #[test]
    fn issue_with_null_body_pull_request_and_string_labels() {
        let issue: WireIssue = serde_json::from_value(serde_json::json!({
            "id": 5_000_000_001u64, "number": 7, "title": "t", "body": null, "state": "closed",
            "state_reason": "not_planned", "labels": ["bug", {"id": 4341276760u64, "name": "Foo",
            "color": "ededed", "description": null, "default": false}],
            "user": {"login": "github-actions[bot]", "id": 41898282, "type": "Bot"},
            "author_association": "CONTRIBUTOR", "comments": 2,
            "created_at": "2022-07-19T04:39:16Z", "updated_at": "2022-07-19T04:39:17Z",
            "closed_at": "2022-07-19T04:39:17Z", "pull_request": {"url": "x"}
        }))
        .unwrap();
        let issue = Issue::from(issue);
        assert_eq!(issue.id, 5_000_000_001);
        assert_eq!(issue.body, None);
        assert_eq!(issue.state_reason, Some(StateReason::NotPlanned));
        assert_eq!(issue.label_names().collect::<Vec<_>>(), ["bug", "Foo"]);
        assert_eq!(issue.labels[1].id, 4_341_276_760);
        assert_eq!(issue.user.unwrap().kind, AccountKind::Bot);
        assert_eq!(issue.author_association, AuthorAssociation::Contributor);
        assert!(issue.is_pull_request);
    }

    #[test]
    fn unknown_enum_values_do_not_break_parsing() {
        let issue: WireIssue = serde_json::from_value(serde_json::json!({
            "id": 1, "number": 1, "title": "t", "state": "open", "state_reason": "someday",
            "labels": [], "user": null, "author_association": "STRANGER",
            "created_at": "2022-07-19T04:39:16Z", "updated_at": "2022-07-19T04:39:16Z"
        }))
        .unwrap();
        let issue = Issue::from(issue);
        assert_eq!(issue.state_reason, None);
        assert_eq!(issue.author_association, AuthorAssociation::None);
        assert!(!issue.is_pull_request);
        assert!(issue.user.is_none());
    }

    #[test]
    fn comment_with_null_body_reads_empty() {
        let comment: WireComment = serde_json::from_value(serde_json::json!({
            "id": 9, "body": null, "user": null,
            "created_at": "2022-07-19T04:39:16Z", "updated_at": "2022-07-19T04:39:16Z",
            "reactions": {"url": "u", "total_count": 1, "+1": 1}
        }))
        .unwrap();
        let comment = Comment::from(comment);
        assert_eq!(comment.body, "");
        assert_eq!(comment.reactions.plus_one, 1);
        assert_eq!(comment.reactions.eyes, 0);
    }

    #[test]
    fn file_contents_decode_across_line_breaks() {
        let file = serde_json::json!({
            "type": "file", "encoding": "base64",
            "content": "KiBAb2N0by9h\ncHByb3ZlcnMK\n"
        });
        assert_eq!(
            contents(&file),
            Ok(Contents::File(b"* @octo/approvers\n".to_vec()))
        );
        assert_eq!(
            contents(&serde_json::json!([{"type": "file"}])),
            Ok(Contents::NotAFile)
        );
        let large = serde_json::json!({"type": "file", "encoding": "none", "content": ""});
        assert_eq!(contents(&large), Ok(Contents::TooLargeForJson));
        let broken = serde_json::json!({"type": "file", "encoding": "base64", "content": "!!"});
        assert!(contents(&broken).is_err());
    }
}
