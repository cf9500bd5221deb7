//! Labels: GitHub's validation, names unique case-insensitively, creation on first use, and
//! the label set of each issue (listed by name, case-insensitively). Writing any of them
//! needs push access (GitHub's 403), except through an issue's create or edit, which drop
//! the labels of users without it.

use std::collections::HashMap;

use rusqlite::{params, params_from_iter, Connection, OptionalExtension, Row};

use super::{get_u64, invalid, issues, now, placeholders, LocalTracker, NumberedPage, PageNumber};
use crate::tracker::{Issue, Label, TrackerError, TrackerResult};

const MAX_NAME_CHARS: usize = 50;
const MAX_DESCRIPTION_CHARS: usize = 100;
const MAX_LABELS_PER_ISSUE: usize = 100;

/// The colour GitHub gives a label created by naming it on an issue.
const AUTO_COLOR: &str = "ededed";

/// The labels GitHub gives a new repository.
const DEFAULT_LABELS: [(&str, &str, &str); 9] = [
    ("bug", "d73a4a", "Something isn't working"),
    (
        "documentation",
        "0075ca",
        "Improvements or additions to documentation",
    ),
    (
        "duplicate",
        "cfd3d7",
        "This issue or pull request already exists",
    ),
    ("enhancement", "a2eeef", "New feature or request"),
    ("good first issue", "7057ff", "Good for newcomers"),
    ("help wanted", "008672", "Extra attention is needed"),
    ("invalid", "e4e669", "This doesn't seem right"),
    ("question", "d876e3", "Further information is requested"),
    ("wontfix", "ffffff", "This will not be worked on"),
];

const LABEL_COLUMNS: &str = "l.id, l.name, l.color, l.description, l.is_default";

impl LocalTracker {
    pub fn list_labels(&self, page: PageNumber) -> TrackerResult<NumberedPage<Label>> {
        let (limit, offset) = page.window();
        self.db.read(|conn| {
            let total = conn.query_row(
                "SELECT COUNT(*) FROM labels WHERE repo_id = ?1",
                [self.repo_id as i64],
                |row| get_u64(row, 0),
            )?;
            let sql = format!(
                "SELECT {LABEL_COLUMNS} FROM labels l WHERE l.repo_id = ?1
                 ORDER BY l.name_key, l.id LIMIT ?2 OFFSET ?3"
            );
            let items = conn
                .prepare_cached(&sql)?
                .query_map(params![self.repo_id as i64, limit, offset], |row| {
                    label_at(row, 0)
                })?
                .collect::<rusqlite::Result<_>>()?;
            Ok(NumberedPage { items, total })
        })
    }

    /// 422-style `TrackerError::Invalid` for a duplicate (case-insensitive), a name over 50
    /// characters, a bad colour or a description over 100 characters.
    pub fn create_label(
        &self,
        name: &str,
        color: Option<&str>,
        description: Option<&str>,
    ) -> TrackerResult<Label> {
        let color = color.unwrap_or(AUTO_COLOR);
        check_name(name)?;
        check_color(color)?;
        check_description(description)?;
        self.db.write(|conn| {
            self.require_push(conn, "create labels")?;
            if find(conn, self.repo_id, name)?.is_some() {
                return Err(already_exists(name));
            }
            insert(conn, self.repo_id, name, color, description, false)
        })
    }

    pub fn update_label(
        &self,
        name: &str,
        new_name: Option<&str>,
        color: Option<&str>,
        description: Option<&str>,
    ) -> TrackerResult<Label> {
        new_name.map(check_name).transpose()?;
        color.map(check_color).transpose()?;
        check_description(description)?;
        self.db.write(|conn| {
            let label = find(conn, self.repo_id, name)?.ok_or_else(|| not_found(name))?;
            self.require_push(conn, "edit labels")?;
            let name = new_name.unwrap_or(&label.name);
            if let Some(other) = find(conn, self.repo_id, name)? {
                if other.id != label.id {
                    return Err(already_exists(name));
                }
            }
            let color = color.unwrap_or(&label.color);
            let description = description.or(label.description.as_deref());
            conn.execute(
                "UPDATE labels SET name = ?1, name_key = ?2, color = ?3, description = ?4
                 WHERE id = ?5",
                params![name, name_key(name), color, description, label.id as i64],
            )?;
            Ok(Label {
                id: label.id,
                name: name.into(),
                color: color.into(),
                description: description.map(Into::into),
                default: label.default,
            })
        })
    }

    pub fn delete_label(&self, name: &str) -> TrackerResult<()> {
        self.db.write(|conn| {
            let label = find(conn, self.repo_id, name)?.ok_or_else(|| not_found(name))?;
            self.require_push(conn, "delete labels")?;
            conn.execute("DELETE FROM labels WHERE id = ?1", [label.id as i64])?;
            Ok(())
        })
    }

    pub fn issue_labels(&self, number: u64) -> TrackerResult<Vec<Label>> {
        self.db.read(|conn| {
            let issue_id = issues::id_of(conn, self.repo_id, number)?;
            of_issue(conn, issue_id)
        })
    }

    /// Adds labels (auto-created), returns the issue's full label list.
    pub fn add_labels(&self, number: u64, names: &[String]) -> TrackerResult<Vec<Label>> {
        self.db.write(|conn| {
            let issue_id = issues::id_of(conn, self.repo_id, number)?;
            self.require_push(conn, &relabel_what(number))?;
            let mut wanted = label_ids(&of_issue(conn, issue_id)?);
            for id in resolve(conn, self.repo_id, names)? {
                if !wanted.contains(&id) {
                    wanted.push(id);
                }
            }
            relabel(conn, issue_id, &wanted)?;
            of_issue(conn, issue_id)
        })
    }

    /// Replaces the label set (auto-created), returns it.
    pub fn set_labels(&self, number: u64, names: &[String]) -> TrackerResult<Vec<Label>> {
        self.db.write(|conn| {
            let issue_id = issues::id_of(conn, self.repo_id, number)?;
            self.require_push(conn, &relabel_what(number))?;
            let wanted = resolve(conn, self.repo_id, names)?;
            relabel(conn, issue_id, &wanted)?;
            of_issue(conn, issue_id)
        })
    }

    /// Removes one label; `TrackerError::NotFound { what: "Label" }` when it is not on the
    /// issue. Returns the remaining labels.
    pub fn remove_label(&self, number: u64, name: &str) -> TrackerResult<Vec<Label>> {
        self.db.write(|conn| {
            let issue_id = issues::id_of(conn, self.repo_id, number)?;
            self.require_push(conn, &relabel_what(number))?;
            let mut labels = of_issue(conn, issue_id)?;
            let key = name_key(name);
            let before = labels.len();
            labels.retain(|label| name_key(&label.name) != key);
            if labels.len() == before {
                // GitHub's answer: 404 "Label does not exist".
                return Err(TrackerError::NotFound {
                    what: "Label".into(),
                });
            }
            relabel(conn, issue_id, &label_ids(&labels))?;
            Ok(labels)
        })
    }

    pub fn clear_labels(&self, number: u64) -> TrackerResult<()> {
        self.db.write(|conn| {
            let issue_id = issues::id_of(conn, self.repo_id, number)?;
            self.require_push(conn, &relabel_what(number))?;
            relabel(conn, issue_id, &[])
        })
    }
}

/// What the add/set/remove-labels endpoints refuse without push access.
fn relabel_what(number: u64) -> String {
    format!("change the labels of issue #{number}")
}

/// The label called `name` in any case, as stored.
pub(super) fn find(conn: &Connection, repo_id: u64, name: &str) -> TrackerResult<Option<Label>> {
    let sql =
        format!("SELECT {LABEL_COLUMNS} FROM labels l WHERE l.repo_id = ?1 AND l.name_key = ?2");
    Ok(conn
        .prepare_cached(&sql)?
        .query_row(params![repo_id as i64, name_key(name)], |row| {
            label_at(row, 0)
        })
        .optional()?)
}

/// The ids of the labels called `names` (deduplicated), or `None` if one does not exist.
pub(super) fn existing_ids(
    conn: &Connection,
    repo_id: u64,
    names: &[String],
) -> TrackerResult<Option<Vec<u64>>> {
    let mut ids = Vec::with_capacity(names.len());
    for name in names {
        match find(conn, repo_id, name)? {
            Some(label) if !ids.contains(&label.id) => ids.push(label.id),
            Some(_) => {}
            None => return Ok(None),
        }
    }
    Ok(Some(ids))
}

/// The ids of the labels called `names` (deduplicated), creating the unknown ones as GitHub
/// does when an issue names them.
pub(super) fn resolve(
    conn: &Connection,
    repo_id: u64,
    names: &[String],
) -> TrackerResult<Vec<u64>> {
    let mut ids = Vec::with_capacity(names.len());
    for name in names {
        let id = match find(conn, repo_id, name)? {
            Some(label) => label.id,
            None => {
                check_name(name)?;
                insert(conn, repo_id, name, AUTO_COLOR, None, false)?.id
            }
        };
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    Ok(ids)
}

/// [`replace`], then bumps the issue's `updated_at` if the set changed.
fn relabel(conn: &Connection, issue_id: u64, label_ids: &[u64]) -> TrackerResult<()> {
    if replace(conn, issue_id, label_ids)? {
        issues::touch(conn, issue_id, now())?;
    }
    Ok(())
}

/// Makes `label_ids` the issue's label set; tells whether it changed.
pub(super) fn replace(conn: &Connection, issue_id: u64, label_ids: &[u64]) -> TrackerResult<bool> {
    if label_ids.len() > MAX_LABELS_PER_ISSUE {
        return Err(invalid(format!(
            "Issues cannot have more than {MAX_LABELS_PER_ISSUE} labels"
        )));
    }
    let mut current: Vec<u64> = conn
        .prepare_cached("SELECT label_id FROM issue_labels WHERE issue_id = ?1")?
        .query_map([issue_id as i64], |row| get_u64(row, 0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut wanted = label_ids.to_vec();
    current.sort_unstable();
    wanted.sort_unstable();
    if current == wanted {
        return Ok(false);
    }
    conn.execute(
        "DELETE FROM issue_labels WHERE issue_id = ?1",
        [issue_id as i64],
    )?;
    let mut insert =
        conn.prepare_cached("INSERT INTO issue_labels (issue_id, label_id) VALUES (?1, ?2)")?;
    for label_id in wanted {
        insert.execute([issue_id as i64, label_id as i64])?;
    }
    Ok(true)
}

/// Fills in the labels of a page of issues with one query.
pub(super) fn attach(conn: &Connection, issues: &mut [Issue]) -> TrackerResult<()> {
    let ids: Vec<u64> = issues.iter().map(|issue| issue.id).collect();
    let mut by_issue = by_issue(conn, &ids)?;
    for issue in issues {
        issue.labels = by_issue.remove(&issue.id).unwrap_or_default();
    }
    Ok(())
}

fn of_issue(conn: &Connection, issue_id: u64) -> TrackerResult<Vec<Label>> {
    Ok(by_issue(conn, &[issue_id])?
        .remove(&issue_id)
        .unwrap_or_default())
}

fn by_issue(conn: &Connection, issue_ids: &[u64]) -> TrackerResult<HashMap<u64, Vec<Label>>> {
    let mut by_issue: HashMap<u64, Vec<Label>> = HashMap::new();
    if issue_ids.is_empty() {
        return Ok(by_issue);
    }
    let sql = format!(
        "SELECT il.issue_id, {LABEL_COLUMNS}
         FROM issue_labels il JOIN labels l ON l.id = il.label_id
         WHERE il.issue_id IN ({}) ORDER BY l.name_key, l.id",
        placeholders(issue_ids.len())
    );
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query(params_from_iter(issue_ids.iter().map(|&id| id as i64)))?;
    while let Some(row) = rows.next()? {
        by_issue
            .entry(get_u64(row, 0)?)
            .or_default()
            .push(label_at(row, 1)?);
    }
    Ok(by_issue)
}

pub(super) fn seed_defaults(conn: &Connection, repo_id: u64) -> TrackerResult<()> {
    for (name, color, description) in DEFAULT_LABELS {
        insert(conn, repo_id, name, color, Some(description), true)?;
    }
    Ok(())
}

fn insert(
    conn: &Connection,
    repo_id: u64,
    name: &str,
    color: &str,
    description: Option<&str>,
    default: bool,
) -> TrackerResult<Label> {
    conn.prepare_cached(
        "INSERT INTO labels (repo_id, name, name_key, color, description, is_default)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        repo_id as i64,
        name,
        name_key(name),
        color,
        description,
        default
    ])?;
    Ok(Label {
        id: conn.last_insert_rowid() as u64,
        name: name.into(),
        color: color.into(),
        description: description.map(Into::into),
        default,
    })
}

/// A label from the columns of [`LABEL_COLUMNS`] starting at `first`.
fn label_at(row: &Row<'_>, first: usize) -> rusqlite::Result<Label> {
    Ok(Label {
        id: get_u64(row, first)?,
        name: row.get(first + 1)?,
        color: row.get(first + 2)?,
        description: row.get(first + 3)?,
        default: row.get(first + 4)?,
    })
}

fn label_ids(labels: &[Label]) -> Vec<u64> {
    labels.iter().map(|label| label.id).collect()
}

/// GitHub compares label names without regard to case (`MYLABEL` collides with `mylabel`).
fn name_key(name: &str) -> String {
    name.to_lowercase()
}

fn check_name(name: &str) -> TrackerResult<()> {
    if name.trim().is_empty() {
        return Err(invalid("name is missing (a label needs a name)"));
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(invalid(format!(
            "name is too long (maximum is {MAX_NAME_CHARS} characters)"
        )));
    }
    Ok(())
}

fn check_color(color: &str) -> TrackerResult<()> {
    if color.len() == 6 && color.bytes().all(|b| b.is_ascii_hexdigit()) {
        Ok(())
    } else {
        Err(invalid(format!(
            "color is invalid: {color:?} is not 6 hexadecimal digits"
        )))
    }
}

fn check_description(description: Option<&str>) -> TrackerResult<()> {
    match description {
        Some(text) if text.chars().count() > MAX_DESCRIPTION_CHARS => Err(invalid(format!(
            "description is too long (maximum is {MAX_DESCRIPTION_CHARS} characters)"
        ))),
        _ => Ok(()),
    }
}

fn already_exists(name: &str) -> TrackerError {
    invalid(format!(
        "name already_exists: a label named {name:?} exists (names ignore case)"
    ))
}

fn not_found(name: &str) -> TrackerError {
    TrackerError::NotFound {
        what: format!("label {name:?}"),
    }
}
