//! `/repos/{owner}/{repo}/issues…`: list, read, create, update, lock.

use serde_json::Value;

use crate::tracker::local::{NumberedPage, PageNumber};
use crate::tracker::{
    Issue, IssuePatch, IssueQuery, IssueSort, IssueState, NewIssue, StateFilter, StateReason,
    Tracker,
};

use super::labels::{check_label_count, check_label_names};
use super::{choice_param, direction_param, number_param, since_param, Exchange, RepoScope};
use crate::serve::body::{self, Fields};
use crate::serve::errors::{Answer, ApiError};
use crate::serve::http::ApiResponse;
use crate::serve::pagination;
use crate::serve::render::{self, IssueView};

/// GitHub's limit on issue and comment bodies. Its message says 65,536 characters; 262,144
/// UTF-8 bytes have also been measured, which 65,536 characters (at most 4 bytes each) can
/// never exceed, so the character count decides.
const MAX_BODY_CHARS: usize = 65_536;
const MAX_TITLE_CHARS: usize = 256;

pub(crate) fn body_too_long(text: &str) -> bool {
    text.chars().count() > MAX_BODY_CHARS
}

pub(crate) fn list(ex: &Exchange, scope: &RepoScope) -> Answer {
    let q = &ex.request.query;
    let page = pagination::page_number(q, "Issue")?;
    let query = IssueQuery {
        labels: q
            .get("labels")
            .map(|labels| {
                labels
                    .split(',')
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(String::from)
                    .collect()
            })
            .unwrap_or_default(),
        state: choice_param(
            q,
            "state",
            "Issue",
            StateFilter::Open,
            &[
                ("open", StateFilter::Open),
                ("closed", StateFilter::Closed),
                ("all", StateFilter::All),
            ],
        )?,
        since: since_param(q, "Issue")?,
        sort: choice_param(
            q,
            "sort",
            "Issue",
            IssueSort::Created,
            &[
                ("created", IssueSort::Created),
                ("updated", IssueSort::Updated),
                ("comments", IssueSort::Comments),
            ],
        )?,
        direction: direction_param(q, "Issue")?,
        per_page: page.per_page,
        read_ahead: false,
    };
    // Nobody is ever assigned and no milestone or issue type exists here: `none` keeps every
    // issue, anything else matches none.
    let impossible = ["milestone", "assignee", "type"]
        .iter()
        .any(|name| q.get(name).is_some_and(|v| !v.is_empty() && v != "none"));
    let found = if impossible {
        NumberedPage {
            items: Vec::new(),
            total: 0,
        }
    } else if q.get("creator").is_some() || q.get("mentioned").is_some() {
        filter_by_people(scope, &query, page, q.get("creator"), q.get("mentioned"))?
    } else {
        scope.tracker.list_issues_numbered(&query, page)?
    };
    pagination::answer(
        &found,
        |issue| render_issue(scope, ex, issue, IssueView::ListItem),
        page,
        &scope.link_base,
        q,
    )
}

/// `creator` and `mentioned`, which the tracker cannot filter on: every matching issue is
/// collected, then paged here.
fn filter_by_people(
    scope: &RepoScope,
    query: &IssueQuery,
    page: PageNumber,
    creator: Option<&str>,
    mentioned: Option<&str>,
) -> Result<NumberedPage<Issue>, ApiError> {
    let mut matching = Vec::new();
    for number in 1.. {
        let batch = scope.tracker.list_issues_numbered(
            query,
            PageNumber {
                page: number,
                per_page: 100,
            },
        )?;
        let done = batch.items.len() < 100;
        matching.extend(batch.items.into_iter().filter(|issue| {
            creator.is_none_or(|login| {
                issue
                    .author_login()
                    .is_some_and(|a| a.eq_ignore_ascii_case(login))
            }) && mentioned.is_none_or(|login| {
                let mention = format!("@{}", login.to_ascii_lowercase());
                issue
                    .body
                    .as_deref()
                    .is_some_and(|b| b.to_ascii_lowercase().contains(&mention))
            })
        }));
        if done {
            break;
        }
    }
    Ok(pagination::slice(&matching, page))
}

pub(crate) fn get(ex: &Exchange, scope: &RepoScope) -> Answer {
    let number = number_param(ex.params, "issue_number")?;
    let issue = scope.tracker.get_issue(number)?;
    Ok(ApiResponse::ok(render_issue(
        scope,
        ex,
        &issue,
        IssueView::Single,
    )?))
}

pub(crate) fn create(ex: &Exchange, scope: &RepoScope) -> Answer {
    let fields = body::object(ex.request)?;
    let title = title(&fields)?.ok_or_else(|| ApiError::missing_field("title"))?;
    let body = fields.string("body")?;
    check_body(body.as_deref())?;
    // Dropped by the tracker for a caller without push access: silently, and still 201.
    let labels = match fields.get("labels") {
        None | Some(Value::Null) => Vec::new(),
        Some(labels) => body::label_names("labels", labels)?,
    };
    check_label_names(&labels)?;
    check_label_count(&labels)?;
    let issue = scope.tracker.create_issue(&NewIssue {
        title,
        body,
        labels,
    })?;
    let rendered = render_issue(scope, ex, &issue, IssueView::Single)?;
    Ok(ApiResponse::created(
        ex.urls.issue(&scope.repo.full_name, issue.number),
        rendered,
    ))
}

pub(crate) fn update(ex: &Exchange, scope: &RepoScope) -> Answer {
    let number = number_param(ex.params, "issue_number")?;
    let fields = body::object(ex.request)?;
    let state = match fields.string("state")?.as_deref() {
        None => None,
        Some("open") => Some(IssueState::Open),
        Some("closed") => Some(IssueState::Closed),
        Some(_) => return Err(ApiError::validation("Issue", "state", "invalid", None)),
    };
    let state_reason = match fields.string("state_reason")?.as_deref() {
        None => None,
        Some("completed") => Some(StateReason::Completed),
        Some("not_planned") => Some(StateReason::NotPlanned),
        Some("duplicate") => Some(StateReason::Duplicate),
        Some("reopened") => Some(StateReason::Reopened),
        Some(_) => {
            return Err(ApiError::validation(
                "Issue",
                "state_reason",
                "invalid",
                None,
            ));
        }
    };
    // `body: null` clears the body: it reads back as `null`, like an issue made without one.
    let body = match fields.get("body") {
        Some(Value::Null) => Some(None),
        _ => fields.string("body")?.map(Some),
    };
    check_body(body.as_ref().and_then(Option::as_deref))?;
    let labels = match fields.get("labels") {
        None | Some(Value::Null) => None,
        Some(labels) => Some(body::label_names("labels", labels)?),
    };
    if let Some(labels) = &labels {
        check_label_names(labels)?;
        check_label_count(labels)?;
    }
    let patch = IssuePatch {
        title: title(&fields)?,
        body,
        state,
        // GitHub ignores the reason unless the state is set.
        state_reason: state.and(state_reason),
        // Ignored by the tracker for a caller without push access, as on GitHub.
        labels,
    };
    let issue = scope.tracker.update_issue(number, &patch, None)?;
    Ok(ApiResponse::ok(render_issue(
        scope,
        ex,
        &issue,
        IssueView::Single,
    )?))
}

pub(crate) fn lock(ex: &Exchange, scope: &RepoScope) -> Answer {
    let number = number_param(ex.params, "issue_number")?;
    let fields = body::object(ex.request)?;
    let reasons = ["off-topic", "too heated", "resolved", "spam"];
    if let Some(reason) = fields.string("lock_reason")? {
        if !reasons.contains(&reason.as_str()) {
            return Err(ApiError::validation(
                "Issue",
                "lock_reason",
                "invalid",
                None,
            ));
        }
    }
    scope.tracker.set_locked(number, true)?;
    Ok(ApiResponse::no_content())
}

pub(crate) fn unlock(ex: &Exchange, scope: &RepoScope) -> Answer {
    let number = number_param(ex.params, "issue_number")?;
    scope.tracker.set_locked(number, false)?;
    Ok(ApiResponse::no_content())
}

/// The title: a string or an integer; `None` when absent or `null`.
fn title(fields: &Fields) -> Result<Option<String>, ApiError> {
    let title = match fields.get("title") {
        None | Some(Value::Null) => return Ok(None),
        Some(Value::String(text)) => text.clone(),
        Some(Value::Number(n)) if n.is_i64() || n.is_u64() => n.to_string(),
        Some(other) => return Err(ApiError::wrong_type("title", other, "a string or integer")),
    };
    if title.trim().is_empty() {
        return Err(ApiError::validation(
            "Issue",
            "title",
            "missing_field",
            None,
        ));
    }
    if title.chars().count() > MAX_TITLE_CHARS {
        return Err(ApiError::validation(
            "Issue",
            "title",
            "custom",
            Some("title is too long (maximum is 256 characters)"),
        ));
    }
    Ok(Some(title))
}

fn check_body(body: Option<&str>) -> Result<(), ApiError> {
    match body {
        Some(text) if body_too_long(text) => Err(ApiError::validation(
            "Issue",
            "body",
            "custom",
            Some("body is too long (maximum is 65536 characters)"),
        )),
        _ => Ok(()),
    }
}

fn render_issue(
    scope: &RepoScope,
    ex: &Exchange,
    issue: &Issue,
    view: IssueView,
) -> Result<Value, ApiError> {
    let extras = scope.tracker.issue_extras(issue.number)?;
    Ok(render::issue(ex.urls, &scope.repo, issue, &extras, view))
}
