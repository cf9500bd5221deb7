//! Issues: numbers per repository, GitHub's open/closed state machine, the listing filters
//! and sorts.

use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, Row};

use super::repos::{can_push, forbidden, user_at, Associations};
use super::{
    body_within_limit, decode, decode_optional, get_u64, invalid, labels, now, sql_direction,
    IssueExtras, LocalTracker, NumberedPage, PageNumber,
};
use crate::timestamp::Timestamp;
use crate::tracker::{
    Direction, Issue, IssueGuard, IssuePatch, IssueQuery, IssueSort, IssueState, NewIssue,
    PageToken, ReactionRollup, StateFilter, StateReason, TrackerError, TrackerResult, User,
};

const MAX_TITLE_CHARS: usize = 256;

const ISSUE_COLUMNS: &str = "i.id, i.number, i.title, i.body, i.state, i.state_reason,
    i.comment_count, i.created_at, i.updated_at, i.closed_at, u.id, u.login, u.kind";

impl LocalTracker {
    /// Issues by page number, with the total for `rel="last"`. The page size is
    /// `page.per_page`; `query.per_page` serves [`Tracker::list_issues`].
    ///
    /// [`Tracker::list_issues`]: crate::tracker::Tracker::list_issues
    pub fn list_issues_numbered(
        &self,
        query: &IssueQuery,
        page: PageNumber,
    ) -> TrackerResult<NumberedPage<Issue>> {
        self.db.read(|conn| list(conn, self.repo_id, query, page))
    }

    /// An issue with the fields only single-issue responses carry.
    pub fn issue_extras(&self, number: u64) -> TrackerResult<IssueExtras> {
        self.db.read(|conn| {
            let (locked, closed_by) = conn
                .query_row(
                    "SELECT i.locked, u.id, u.login, u.kind
                     FROM issues i LEFT JOIN users u ON u.id = i.closed_by
                     WHERE i.repo_id = ?1 AND i.number = ?2",
                    params![self.repo_id as i64, number as i64],
                    |row| {
                        let closed_by: Option<i64> = row.get(1)?;
                        let closed_by = closed_by.map(|_| user_at(row, 1)).transpose()?;
                        Ok((row.get(0)?, closed_by))
                    },
                )
                .optional()?
                .ok_or_else(|| not_found(number))?;
            Ok(IssueExtras {
                closed_by,
                locked,
                // Only comments take reactions here: nothing can react to an issue locally.
                reactions: ReactionRollup::default(),
            })
        })
    }

    /// Sets `locked` (`PUT /repos/{o}/{r}/issues/{n}/lock`): users with push access may.
    pub fn set_locked(&self, number: u64, locked: bool) -> TrackerResult<()> {
        self.db.write(|conn| {
            let issue_id = id_of(conn, self.repo_id, number)?;
            self.require_push(conn, &format!("lock or unlock issue #{number}"))?;
            conn.execute(
                "UPDATE issues SET locked = ?1 WHERE id = ?2",
                params![locked, issue_id as i64],
            )?;
            Ok(())
        })
    }
}

/// Validates a new issue before any transaction, so that a refusal writes nothing.
pub(super) fn check_new(issue: &NewIssue) -> TrackerResult<()> {
    check_title(&issue.title)?;
    issue.body.as_deref().map(check_body).transpose()?;
    Ok(())
}

pub(super) fn check_patch(patch: &IssuePatch) -> TrackerResult<()> {
    patch.title.as_deref().map(check_title).transpose()?;
    patch
        .body
        .as_ref()
        .and_then(Option::as_deref)
        .map(check_body)
        .transpose()?;
    Ok(())
}

fn check_title(title: &str) -> TrackerResult<()> {
    if title.trim().is_empty() {
        return Err(invalid("title wasn't supplied"));
    }
    if title.chars().count() > MAX_TITLE_CHARS {
        return Err(invalid(format!(
            "title is too long (maximum is {MAX_TITLE_CHARS} characters)"
        )));
    }
    Ok(())
}

fn check_body(body: &str) -> TrackerResult<()> {
    if body_within_limit(body) {
        Ok(())
    } else {
        Err(invalid("body is too long (maximum is 65536 characters)"))
    }
}

pub(super) fn create(
    conn: &Connection,
    repo_id: u64,
    author: &User,
    issue: &NewIssue,
) -> TrackerResult<Issue> {
    // Without push access GitHub drops the labels silently, and still answers 201.
    let label_ids = if can_push(conn, repo_id, author.id)? {
        labels::resolve(conn, repo_id, &issue.labels)?
    } else {
        Vec::new()
    };
    // Safe under the write lock taken by `BEGIN IMMEDIATE`: nobody else can take a number.
    let number: u64 = conn.query_row(
        "SELECT COALESCE(MAX(number), 0) + 1 FROM issues WHERE repo_id = ?1",
        [repo_id as i64],
        |row| get_u64(row, 0),
    )?;
    let created_at = now();
    conn.execute(
        "INSERT INTO issues (repo_id, number, title, body, state, author_id, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, 'open', ?5, ?6, ?6)",
        params![
            repo_id as i64,
            number as i64,
            issue.title,
            issue.body,
            author.id as i64,
            created_at
        ],
    )?;
    // Labelling a new issue is part of creating it: `updated_at` stays `created_at`.
    labels::replace(conn, conn.last_insert_rowid() as u64, &label_ids)?;
    load(conn, repo_id, number)
}

/// `PATCH /issues/{n}` in one transaction: GitHub's permission rules (its author and push
/// access edit; labels only with push access), the guard, the state machine and `closed_by`;
/// kept in one function so that the order of the checks is the order GitHub applies.
pub(super) fn update(
    conn: &Connection,
    repo_id: u64,
    actor: &User,
    number: u64,
    patch: &IssuePatch,
    guard: Option<&IssueGuard>,
) -> TrackerResult<Issue> {
    let (issue_id, author_id, title, body, state): (u64, u64, String, Option<String>, String) =
        conn.query_row(
            "SELECT id, author_id, title, body, state FROM issues
             WHERE repo_id = ?1 AND number = ?2",
            params![repo_id as i64, number as i64],
            |row| {
                Ok((
                    get_u64(row, 0)?,
                    get_u64(row, 1)?,
                    row.get(2)?,
                    row.get(3)?,
                    row.get(4)?,
                ))
            },
        )
        .optional()?
        .ok_or_else(|| not_found(number))?;
    // "Issue owners and users with push access or Triage role can edit an issue."
    let push = can_push(conn, repo_id, actor.id)?;
    if author_id != actor.id && !push {
        let who = format!("the author of issue #{number} and users with push access");
        return Err(forbidden(&who, "edit it"));
    }
    // Checked under the write lock, so nobody can change the title between check and write.
    if guard.is_some_and(|guard| guard.title != title) {
        return Err(TrackerError::GuardFailed);
    }
    let updated_at = now();
    let mut changed = false;
    if let Some(new_title) = patch.title.as_ref().filter(|new| **new != title) {
        conn.execute(
            "UPDATE issues SET title = ?1 WHERE id = ?2",
            params![new_title, issue_id as i64],
        )?;
        changed = true;
    }
    if let Some(new_body) = patch.body.as_ref().filter(|new| **new != body) {
        conn.execute(
            "UPDATE issues SET body = ?1 WHERE id = ?2",
            params![new_body, issue_id as i64],
        )?;
        changed = true;
    }
    // GitHub ignores `state_reason` unless the state changes.
    match (state.as_str(), patch.state) {
        ("open", Some(IssueState::Closed)) => {
            let reason = patch.state_reason.unwrap_or(StateReason::Completed);
            conn.execute(
                "UPDATE issues SET state = 'closed', state_reason = ?1, closed_at = ?2,
                 closed_by = ?3 WHERE id = ?4",
                params![
                    reason.as_str(),
                    updated_at,
                    actor.id as i64,
                    issue_id as i64
                ],
            )?;
            changed = true;
        }
        ("closed", Some(IssueState::Open)) => {
            conn.execute(
                "UPDATE issues SET state = 'open', state_reason = 'reopened', closed_at = NULL,
                 closed_by = NULL WHERE id = ?1",
                [issue_id as i64],
            )?;
            changed = true;
        }
        _ => {}
    }
    // Without push access (its author may edit the rest) GitHub ignores a label change
    // silently.
    if let Some(names) = patch.labels.as_ref().filter(|_| push) {
        let label_ids = labels::resolve(conn, repo_id, names)?;
        changed |= labels::replace(conn, issue_id, &label_ids)?;
    }
    if changed {
        touch(conn, issue_id, updated_at)?;
    }
    load(conn, repo_id, number)
}

/// Sets `updated_at`, as GitHub does on comments, label changes and edits (not reactions).
pub(super) fn touch(conn: &Connection, issue_id: u64, at: i64) -> TrackerResult<()> {
    conn.prepare_cached("UPDATE issues SET updated_at = ?1 WHERE id = ?2")?
        .execute(params![at, issue_id as i64])?;
    Ok(())
}

/// The issue's global id, or `NotFound`.
pub(super) fn id_of(conn: &Connection, repo_id: u64, number: u64) -> TrackerResult<u64> {
    conn.prepare_cached("SELECT id FROM issues WHERE repo_id = ?1 AND number = ?2")?
        .query_row(params![repo_id as i64, number as i64], |row| {
            get_u64(row, 0)
        })
        .optional()?
        .ok_or_else(|| not_found(number))
}

pub(super) fn load(conn: &Connection, repo_id: u64, number: u64) -> TrackerResult<Issue> {
    let associations = Associations::load(conn, repo_id)?;
    let sql = format!(
        "SELECT {ISSUE_COLUMNS} FROM issues i JOIN users u ON u.id = i.author_id
         WHERE i.repo_id = ?1 AND i.number = ?2"
    );
    let mut issue = conn
        .prepare_cached(&sql)?
        .query_row(params![repo_id as i64, number as i64], |row| {
            issue_from_row(row, &associations)
        })
        .optional()?
        .ok_or_else(|| not_found(number))?;
    labels::attach(conn, std::slice::from_mut(&mut issue))?;
    Ok(issue)
}

/// Below this many issues a label is rare enough to drive a listing: its issues are read
/// through `issue_labels_by_label` and sorted, instead of walking the sort index and
/// checking every issue for the label. The store's per-object lookup (`stored-object` +
/// `UID:<id>`) then reads one row, not every object of the repository.
const RARE_LABEL: i64 = 1000;

/// The `FROM` and `WHERE` of a listing, with their values in placeholder order.
struct Selection {
    from: &'static str,
    filter: String,
    values: Vec<Value>,
}

/// The issues matching `query`; `None` when a label is unknown, which matches no issue
/// (GitHub answers an empty list, not an error).
fn select(conn: &Connection, repo_id: u64, query: &IssueQuery) -> TrackerResult<Option<Selection>> {
    let Some(mut label_ids) = labels::existing_ids(conn, repo_id, &query.labels)? else {
        return Ok(None);
    };
    let mut selection = Selection {
        from: "issues i",
        filter: String::from("WHERE i.repo_id = ?"),
        values: vec![Value::from(repo_id as i64)],
    };
    if let Some(rare) = rarest_label(conn, &label_ids)? {
        label_ids.retain(|&id| id != rare);
        // CROSS JOIN keeps the label's rows as the outer loop: SQLite never reorders it.
        selection.from = "issue_labels d CROSS JOIN issues i ON i.id = d.issue_id";
        selection.filter = String::from("WHERE d.label_id = ? AND i.repo_id = ?");
        selection.values.insert(0, Value::from(rare as i64));
    }
    match query.state {
        StateFilter::Open => selection.filter.push_str(" AND i.state = 'open'"),
        StateFilter::Closed => selection.filter.push_str(" AND i.state = 'closed'"),
        StateFilter::All => {}
    }
    if let Some(since) = query.since {
        selection.filter.push_str(" AND i.updated_at >= ?");
        selection.values.push(Value::from(since.seconds()));
    }
    for label_id in label_ids {
        selection.filter.push_str(
            " AND EXISTS (SELECT 1 FROM issue_labels il
                          WHERE il.issue_id = i.id AND il.label_id = ?)",
        );
        selection.values.push(Value::from(label_id as i64));
    }
    Ok(Some(selection))
}

/// The label with the fewest issues, if it has fewer than [`RARE_LABEL`]. Counting stops
/// there, so that asking about `stored-object` costs the same at 1,000 or 100,000 objects.
fn rarest_label(conn: &Connection, label_ids: &[u64]) -> TrackerResult<Option<u64>> {
    let mut count = conn.prepare_cached(
        "SELECT COUNT(*) FROM (SELECT 1 FROM issue_labels WHERE label_id = ?1 LIMIT ?2)",
    )?;
    let mut rarest: Option<(i64, u64)> = None;
    for &label_id in label_ids {
        let issues: i64 =
            count.query_row(params![label_id as i64, RARE_LABEL], |row| row.get(0))?;
        if issues < RARE_LABEL && rarest.is_none_or(|(fewest, _)| issues < fewest) {
            rarest = Some((issues, label_id));
        }
    }
    Ok(rarest.map(|(_, label_id)| label_id))
}

fn sort_column(sort: IssueSort) -> &'static str {
    match sort {
        IssueSort::Created => "i.created_at",
        IssueSort::Updated => "i.updated_at",
        IssueSort::Comments => "i.comment_count",
    }
}

/// The SQL of one window of a listing, `after` (extra conditions, values appended) the end
/// of the previous page.
fn window_sql(selection: &Selection, query: &IssueQuery, after: &str) -> String {
    let column = sort_column(query.sort);
    let direction = sql_direction(query.direction);
    format!(
        "SELECT {ISSUE_COLUMNS} FROM {} JOIN users u ON u.id = i.author_id {}{after}
         ORDER BY {column} {direction}, i.number {direction} LIMIT ? OFFSET ?",
        selection.from, selection.filter
    )
}

fn fetch(
    conn: &Connection,
    repo_id: u64,
    sql: &str,
    values: &[Value],
) -> TrackerResult<Vec<Issue>> {
    let associations = Associations::load(conn, repo_id)?;
    let mut items = conn
        .prepare(sql)?
        .query_map(params_from_iter(values), |row| {
            issue_from_row(row, &associations)
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    labels::attach(conn, &mut items)?;
    Ok(items)
}

/// A page by number with the total, as serve needs for `rel="last"`.
fn list(
    conn: &Connection,
    repo_id: u64,
    query: &IssueQuery,
    page: PageNumber,
) -> TrackerResult<NumberedPage<Issue>> {
    let Some(selection) = select(conn, repo_id, query)? else {
        return Ok(NumberedPage::empty());
    };
    let total = conn.query_row(
        &format!(
            "SELECT COUNT(*) FROM {} {}",
            selection.from, selection.filter
        ),
        params_from_iter(&selection.values),
        |row| get_u64(row, 0),
    )?;
    let (limit, offset) = page.window();
    let mut values = selection.values.clone();
    values.extend([Value::from(limit), Value::from(offset)]);
    let items = fetch(conn, repo_id, &window_sql(&selection, query, ""), &values)?;
    Ok(NumberedPage { items, total })
}

/// Where a page of [`list_after`] ended: the sort key and number of its last issue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Cursor {
    key: i64,
    number: u64,
}

impl Cursor {
    fn of(issue: &Issue, sort: IssueSort) -> Cursor {
        let key = match sort {
            IssueSort::Created => issue.created_at.seconds(),
            IssueSort::Updated => issue.updated_at.seconds(),
            IssueSort::Comments => issue.comments as i64,
        };
        Cursor {
            key,
            number: issue.number,
        }
    }

    pub(super) fn token(self) -> PageToken {
        PageToken(format!("after:{}:{}", self.key, self.number))
    }

    pub(super) fn parse(token: &PageToken) -> Option<Cursor> {
        let (key, number) = token.0.strip_prefix("after:")?.split_once(':')?;
        Some(Cursor {
            key: key.parse().ok()?,
            number: number.parse().ok()?,
        })
    }
}

/// A page that starts after `after` (keyset pagination): each page costs the same however
/// deep it is, and no total is counted, so listing N issues reads each row once instead of
/// N/100 times. The next cursor is there when another issue follows.
pub(super) fn list_after(
    conn: &Connection,
    repo_id: u64,
    query: &IssueQuery,
    after: Option<Cursor>,
) -> TrackerResult<(Vec<Issue>, Option<Cursor>)> {
    let Some(selection) = select(conn, repo_id, query)? else {
        return Ok((Vec::new(), None));
    };
    let mut values = selection.values.clone();
    let mut condition = String::new();
    if let Some(cursor) = after {
        let comparison = match query.direction {
            Direction::Asc => ">",
            Direction::Desc => "<",
        };
        let column = sort_column(query.sort);
        // A row value compares as the ORDER BY sorts, and seeks in the sort's index.
        condition = format!(" AND ({column}, i.number) {comparison} (?, ?)");
        values.extend([Value::from(cursor.key), Value::from(cursor.number as i64)]);
    }
    let limit = i64::from(query.per_page.clamp(1, 100));
    // One issue more than the page says whether another page follows.
    values.extend([Value::from(limit + 1), Value::from(0)]);
    let mut items = fetch(
        conn,
        repo_id,
        &window_sql(&selection, query, &condition),
        &values,
    )?;
    let next = if items.len() as i64 > limit {
        items.truncate(limit as usize);
        items.last().map(|last| Cursor::of(last, query.sort))
    } else {
        None
    };
    Ok((items, next))
}

/// An issue from [`ISSUE_COLUMNS`], labels not yet attached.
fn issue_from_row(row: &Row<'_>, associations: &Associations) -> rusqlite::Result<Issue> {
    let user = user_at(row, 10)?;
    Ok(Issue {
        id: get_u64(row, 0)?,
        number: get_u64(row, 1)?,
        title: row.get(2)?,
        body: row.get(3)?,
        state: decode(row, 4, issue_state)?,
        state_reason: decode_optional(row, 5, state_reason)?,
        labels: Vec::new(),
        author_association: associations.of(user.id),
        user: Some(user),
        comments: get_u64(row, 6)?,
        created_at: Timestamp(row.get(7)?),
        updated_at: Timestamp(row.get(8)?),
        closed_at: row.get::<_, Option<i64>>(9)?.map(Timestamp),
        is_pull_request: false,
    })
}

fn issue_state(text: &str) -> Option<IssueState> {
    [IssueState::Open, IssueState::Closed]
        .into_iter()
        .find(|state| state.as_str() == text)
}

fn state_reason(text: &str) -> Option<StateReason> {
    [
        StateReason::Completed,
        StateReason::NotPlanned,
        StateReason::Duplicate,
        StateReason::Reopened,
    ]
    .into_iter()
    .find(|reason| reason.as_str() == text)
}

fn not_found(number: u64) -> TrackerError {
    TrackerError::NotFound {
        what: format!("issue #{number}"),
    }
}

/// SQLite's plan for the first page of `query` as [`list_after`] reads it, one step a line.
#[cfg(test)]
pub(super) fn query_plan(
    conn: &Connection,
    repo_id: u64,
    query: &IssueQuery,
) -> TrackerResult<String> {
    let selection = select(conn, repo_id, query)?.expect("known labels");
    let mut values = selection.values.clone();
    values.extend([Value::from(101), Value::from(0)]);
    let sql = format!("EXPLAIN QUERY PLAN {}", window_sql(&selection, query, ""));
    let steps = conn
        .prepare(&sql)?
        .query_map(params_from_iter(&values), |row| row.get::<_, String>(3))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(steps.join("\n"))
}
