//! Comments: ascending ids per issue, the repository-wide listing, and the issue's comment
//! count and `updated_at` kept in step with every change.

use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, Row};

use super::repos::{can_push, forbidden, user_at, Associations};
use super::{
    body_within_limit, get_u64, invalid, issues, now, reactions, sql_direction, CommentSort,
    LocalTracker, NumberedPage, PageNumber,
};
use crate::timestamp::Timestamp;
use crate::tracker::{Comment, Direction, TrackerError, TrackerResult, User};

const COMMENT_SELECT: &str = "SELECT c.id, c.body, c.created_at, c.updated_at,
    u.id, u.login, u.kind, i.number
    FROM comments c JOIN users u ON u.id = c.author_id JOIN issues i ON i.id = c.issue_id";

impl LocalTracker {
    pub fn list_comments_numbered(
        &self,
        number: u64,
        since: Option<Timestamp>,
        page: PageNumber,
    ) -> TrackerResult<NumberedPage<Comment>> {
        self.db.read(|conn| {
            let issue_id = issues::id_of(conn, self.repo_id, number)?;
            let listing = Listing::new("c.issue_id", issue_id, since);
            let page = listing.page(conn, self.repo_id, "c.id ASC", page)?;
            Ok(NumberedPage {
                items: page.items.into_iter().map(|(_, comment)| comment).collect(),
                total: page.total,
            })
        })
    }

    /// `GET /repos/{o}/{r}/issues/comments`: every comment of the repository with its issue
    /// number.
    pub fn list_repo_comments(
        &self,
        sort: CommentSort,
        direction: Direction,
        since: Option<Timestamp>,
        page: PageNumber,
    ) -> TrackerResult<NumberedPage<(u64, Comment)>> {
        let direction = sql_direction(direction);
        // GitHub ignores `direction` without `sort`: ascending ids.
        let order = match sort {
            CommentSort::Id => "c.id ASC".to_string(),
            CommentSort::Created => format!("c.created_at {direction}, c.id {direction}"),
            CommentSort::Updated => format!("c.updated_at {direction}, c.id {direction}"),
        };
        self.db.read(|conn| {
            Listing::new("c.repo_id", self.repo_id, since).page(conn, self.repo_id, &order, page)
        })
    }

    /// A comment and the number of its issue.
    pub fn get_comment(&self, comment_id: u64) -> TrackerResult<(u64, Comment)> {
        self.db.read(|conn| find(conn, self.repo_id, comment_id))
    }

    /// Its author and users with push access may (GitHub's 403 otherwise).
    pub fn update_comment(&self, comment_id: u64, body: &str) -> TrackerResult<(u64, Comment)> {
        check_body(body)?;
        self.db.write(|conn| {
            let actor = self.actor(conn)?;
            let issue_id = editable(conn, self.repo_id, &actor, comment_id, "edit it")?;
            let edited_at = now();
            conn.execute(
                "UPDATE comments SET body = ?1, updated_at = ?2 WHERE id = ?3",
                params![body, edited_at, comment_id as i64],
            )?;
            issues::touch(conn, issue_id, edited_at)?;
            find(conn, self.repo_id, comment_id)
        })
    }
}

/// Deletes a comment and its reactions: its author and users with push access may (GitHub's
/// 403 otherwise).
pub(super) fn delete(
    conn: &Connection,
    repo_id: u64,
    actor: &User,
    comment_id: u64,
) -> TrackerResult<()> {
    let issue_id = editable(conn, repo_id, actor, comment_id, "delete it")?;
    // Its reactions go with it (ON DELETE CASCADE).
    conn.execute("DELETE FROM comments WHERE id = ?1", [comment_id as i64])?;
    conn.execute(
        "UPDATE issues SET comment_count = comment_count - 1 WHERE id = ?1",
        [issue_id as i64],
    )?;
    issues::touch(conn, issue_id, now())
}

/// The issue of a comment `actor` may `what`: its author and users with push access may.
fn editable(
    conn: &Connection,
    repo_id: u64,
    actor: &User,
    comment_id: u64,
    what: &str,
) -> TrackerResult<u64> {
    let (issue_id, author_id): (u64, u64) = conn
        .prepare_cached("SELECT issue_id, author_id FROM comments WHERE id = ?1 AND repo_id = ?2")?
        .query_row([comment_id as i64, repo_id as i64], |row| {
            Ok((get_u64(row, 0)?, get_u64(row, 1)?))
        })
        .optional()?
        .ok_or_else(|| not_found(comment_id))?;
    if author_id != actor.id && !can_push(conn, repo_id, actor.id)? {
        let who = format!("the author of comment {comment_id} and users with push access");
        return Err(forbidden(&who, what));
    }
    Ok(issue_id)
}

/// Validates a comment body before any transaction, so that a refusal writes nothing.
pub(super) fn check_body(body: &str) -> TrackerResult<()> {
    if body.trim().is_empty() {
        return Err(invalid("Body cannot be blank"));
    }
    if !body_within_limit(body) {
        return Err(invalid("Body is too long (maximum is 65536 characters)"));
    }
    Ok(())
}

pub(super) fn create(
    conn: &Connection,
    repo_id: u64,
    author: &User,
    number: u64,
    body: &str,
) -> TrackerResult<Comment> {
    let issue_id = issues::id_of(conn, repo_id, number)?;
    let created_at = now();
    conn.prepare_cached(
        "INSERT INTO comments (issue_id, repo_id, author_id, body, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
    )?
    .execute(params![
        issue_id as i64,
        repo_id as i64,
        author.id as i64,
        body,
        created_at
    ])?;
    let comment_id = conn.last_insert_rowid() as u64;
    conn.prepare_cached("UPDATE issues SET comment_count = comment_count + 1 WHERE id = ?1")?
        .execute([issue_id as i64])?;
    issues::touch(conn, issue_id, created_at)?;
    Ok(find(conn, repo_id, comment_id)?.1)
}

/// The issue a comment of this repository belongs to, or `NotFound`.
pub(super) fn issue_of(conn: &Connection, repo_id: u64, comment_id: u64) -> TrackerResult<u64> {
    conn.prepare_cached("SELECT issue_id FROM comments WHERE id = ?1 AND repo_id = ?2")?
        .query_row([comment_id as i64, repo_id as i64], |row| get_u64(row, 0))
        .optional()?
        .ok_or_else(|| not_found(comment_id))
}

fn find(conn: &Connection, repo_id: u64, comment_id: u64) -> TrackerResult<(u64, Comment)> {
    let listing = Listing {
        filter: "WHERE c.id = ? AND c.repo_id = ?".into(),
        values: vec![Value::from(comment_id as i64), Value::from(repo_id as i64)],
    };
    listing
        .fetch(conn, repo_id, "c.id", (1, 0))?
        .pop()
        .ok_or_else(|| not_found(comment_id))
}

/// The comments under one `WHERE` clause.
struct Listing {
    filter: String,
    values: Vec<Value>,
}

impl Listing {
    /// Comments whose `column` is `id`, edited or created at or after `since`.
    fn new(column: &str, id: u64, since: Option<Timestamp>) -> Listing {
        let mut listing = Listing {
            filter: format!("WHERE {column} = ?"),
            values: vec![Value::from(id as i64)],
        };
        if let Some(since) = since {
            listing.filter.push_str(" AND c.updated_at >= ?");
            listing.values.push(Value::from(since.seconds()));
        }
        listing
    }

    fn page(
        &self,
        conn: &Connection,
        repo_id: u64,
        order: &str,
        page: PageNumber,
    ) -> TrackerResult<NumberedPage<(u64, Comment)>> {
        let total = conn.query_row(
            &format!("SELECT COUNT(*) FROM comments c {}", self.filter),
            params_from_iter(&self.values),
            |row| get_u64(row, 0),
        )?;
        let items = self.fetch(conn, repo_id, order, page.window())?;
        Ok(NumberedPage { items, total })
    }

    /// One window of the comments, each with its issue number and reaction rollup.
    fn fetch(
        &self,
        conn: &Connection,
        repo_id: u64,
        order: &str,
        (limit, offset): (i64, i64),
    ) -> TrackerResult<Vec<(u64, Comment)>> {
        let associations = Associations::load(conn, repo_id)?;
        let sql = format!(
            "{COMMENT_SELECT} {} ORDER BY {order} LIMIT ? OFFSET ?",
            self.filter
        );
        let values = self
            .values
            .iter()
            .cloned()
            .chain([limit.into(), offset.into()]);
        let mut items = conn
            .prepare_cached(&sql)?
            .query_map(params_from_iter(values), |row| {
                comment_from_row(row, &associations)
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let ids: Vec<u64> = items.iter().map(|(_, comment)| comment.id).collect();
        let mut rollups = reactions::rollups(conn, &ids)?;
        for (_, comment) in &mut items {
            comment.reactions = rollups.remove(&comment.id).unwrap_or_default();
        }
        Ok(items)
    }
}

/// The issue number and the comment from the columns of [`COMMENT_SELECT`].
fn comment_from_row(
    row: &Row<'_>,
    associations: &Associations,
) -> rusqlite::Result<(u64, Comment)> {
    let user = user_at(row, 4)?;
    let comment = Comment {
        id: get_u64(row, 0)?,
        body: row.get(1)?,
        created_at: Timestamp(row.get(2)?),
        updated_at: Timestamp(row.get(3)?),
        author_association: associations.of(user.id),
        user: Some(user),
        reactions: Default::default(),
    };
    Ok((get_u64(row, 7)?, comment))
}

fn not_found(comment_id: u64) -> TrackerError {
    TrackerError::NotFound {
        what: format!("comment {comment_id}"),
    }
}
