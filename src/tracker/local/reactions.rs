//! Reactions on comments: at most one per user, comment and content, so a repeat is
//! idempotent as on GitHub. Rollups are counted from the rows, so they always agree.

use std::collections::HashMap;

use rusqlite::{params, params_from_iter, Connection, Row};

use super::repos::user_at;
use super::{comments, decode, get_u64, now, placeholders, LocalTracker, NumberedPage, PageNumber};
use crate::timestamp::Timestamp;
use crate::tracker::{
    Reaction, ReactionContent, ReactionOutcome, ReactionRollup, TrackerError, TrackerResult,
};

const REACTION_SELECT: &str = "SELECT r.id, r.content, r.created_at, u.id, u.login, u.kind
    FROM reactions r JOIN users u ON u.id = r.user_id";

impl LocalTracker {
    pub fn list_reactions_numbered(
        &self,
        comment_id: u64,
        content: Option<ReactionContent>,
        page: PageNumber,
    ) -> TrackerResult<NumberedPage<Reaction>> {
        let content = content.map(ReactionContent::as_str);
        let (limit, offset) = page.window();
        self.db.read(|conn| {
            comments::issue_of(conn, self.repo_id, comment_id)?;
            // `?2 IS NULL` serves "every content" and "one content" with one statement.
            let total = conn.query_row(
                "SELECT COUNT(*) FROM reactions WHERE comment_id = ?1 AND (?2 IS NULL OR content = ?2)",
                params![comment_id as i64, content],
                |row| get_u64(row, 0),
            )?;
            let sql = format!(
                "{REACTION_SELECT} WHERE r.comment_id = ?1 AND (?2 IS NULL OR r.content = ?2)
                 ORDER BY r.id LIMIT ?3 OFFSET ?4"
            );
            let items = conn
                .prepare_cached(&sql)?
                .query_map(params![comment_id as i64, content, limit, offset], reaction_from_row)?
                .collect::<rusqlite::Result<_>>()?;
            Ok(NumberedPage { items, total })
        })
    }

    /// Like [`Tracker::add_reaction`], telling whether the reaction is new.
    ///
    /// [`Tracker::add_reaction`]: crate::tracker::Tracker::add_reaction
    pub fn react(
        &self,
        comment_id: u64,
        content: ReactionContent,
    ) -> TrackerResult<ReactionOutcome> {
        self.db.write(|conn| {
            comments::issue_of(conn, self.repo_id, comment_id)?;
            let actor = self.actor(conn)?;
            let inserted = conn.execute(
                "INSERT OR IGNORE INTO reactions (comment_id, user_id, content, created_at)
                 VALUES (?1, ?2, ?3, ?4)",
                params![
                    comment_id as i64,
                    actor.id as i64,
                    content.as_str(),
                    now()
                ],
            )?;
            let reaction = conn.query_row(
                &format!(
                    "{REACTION_SELECT} WHERE r.comment_id = ?1 AND r.user_id = ?2 AND r.content = ?3"
                ),
                params![comment_id as i64, actor.id as i64, content.as_str()],
                reaction_from_row,
            )?;
            Ok(ReactionOutcome {
                reaction,
                created: inserted == 1,
            })
        })
    }

    pub fn delete_reaction(&self, comment_id: u64, reaction_id: u64) -> TrackerResult<()> {
        self.db.write(|conn| {
            comments::issue_of(conn, self.repo_id, comment_id)?;
            let deleted = conn.execute(
                "DELETE FROM reactions WHERE id = ?1 AND comment_id = ?2",
                [reaction_id as i64, comment_id as i64],
            )?;
            if deleted == 0 {
                return Err(TrackerError::NotFound {
                    what: format!("reaction {reaction_id}"),
                });
            }
            Ok(())
        })
    }
}

/// The reaction counts of each of `comment_ids` that has any, in one query.
pub(super) fn rollups(
    conn: &Connection,
    comment_ids: &[u64],
) -> TrackerResult<HashMap<u64, ReactionRollup>> {
    let mut rollups: HashMap<u64, ReactionRollup> = HashMap::new();
    if comment_ids.is_empty() {
        return Ok(rollups);
    }
    let sql = format!(
        "SELECT comment_id, content, COUNT(*) FROM reactions
         WHERE comment_id IN ({}) GROUP BY comment_id, content",
        placeholders(comment_ids.len())
    );
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query(params_from_iter(comment_ids.iter().map(|&id| id as i64)))?;
    while let Some(row) = rows.next()? {
        let rollup = rollups.entry(get_u64(row, 0)?).or_default();
        let count = get_u64(row, 2)?;
        *rollup.count_mut(decode(row, 1, ReactionContent::parse)?) += count;
        rollup.total_count += count;
    }
    Ok(rollups)
}

fn reaction_from_row(row: &Row<'_>) -> rusqlite::Result<Reaction> {
    Ok(Reaction {
        id: get_u64(row, 0)?,
        content: decode(row, 1, ReactionContent::parse)?,
        created_at: Timestamp(row.get(2)?),
        user: Some(user_at(row, 3)?),
    })
}
