//! Snapshots in the Python tool's format: `{snapshot_time, repository, objects: {id: {data,
//! meta}}}`, written atomically, streamed page by page, refreshed incrementally.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use super::object::StoredObject;
use super::wire::LABEL_ARCHIVED;
use super::{ListFilter, Store};
use crate::error::{Error, Result};
use crate::timestamp::Timestamp;
use crate::tracker::{paginate, Direction, IssueQuery, IssueSort, StateFilter};

/// How far before the previous `snapshot_time` a refresh looks, for clock skew between
/// this machine and GitHub and for `since` boundaries of unknown inclusiveness.
pub const REFRESH_OVERLAP_SECONDS: i64 = 120;

/// What a refresh changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RefreshSummary {
    pub updated: usize,
    pub removed: usize,
}

impl RefreshSummary {
    pub fn changed(&self) -> bool {
        self.updated + self.removed > 0
    }
}

impl Store {
    /// Writes a full snapshot to `out`, one object at a time (constant memory but for the ids
    /// seen). `on_object` is called after each object (progress).
    pub fn write_snapshot(
        &self,
        repository: &str,
        out: &mut dyn Write,
        on_object: &mut dyn FnMut(),
    ) -> Result<usize> {
        let started = Timestamp::now();
        write!(
            out,
            "{{\n  \"snapshot_time\": {},\n  \"repository\": {},\n  \"objects\": {{",
            Value::String(started.to_string()),
            Value::String(repository.to_string())
        )?;
        let mut count = 0;
        for object in self.list(&ListFilter::default()) {
            let object = object?;
            out.write_all(if count == 0 { b"\n" } else { b",\n" })?;
            write_entry(out, object.object_id.as_str(), &entry(&object))?;
            count += 1;
            on_object();
        }
        out.write_all(if count == 0 { b"}\n}\n" } else { b"\n  }\n}\n" })?;
        out.flush()?;
        Ok(count)
    }

    /// Refreshes a snapshot file with what changed since its `snapshot_time` (minus an
    /// overlap), dropping objects archived since. The file is left untouched when nothing
    /// changed.
    pub fn refresh_snapshot(&self, path: &Path) -> Result<RefreshSummary> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| Error::usage(format!("cannot read snapshot {}: {e}", path.display())))?;
        let mut snapshot: Value = serde_json::from_str(&text)
            .map_err(|e| Error::usage(format!("{} is not a snapshot: {e}", path.display())))?;
        let since = snapshot
            .get("snapshot_time")
            .and_then(Value::as_str)
            .and_then(Timestamp::parse)
            .ok_or_else(|| {
                Error::usage(format!("{} has no valid snapshot_time", path.display()))
            })?;
        let Some(objects) = snapshot.get_mut("objects").and_then(Value::as_object_mut) else {
            return Err(Error::usage(format!(
                "{} has no objects map",
                path.display()
            )));
        };
        let started = Timestamp::now();
        let window = Timestamp(since.0 - REFRESH_OVERLAP_SECONDS);
        let mut summary = RefreshSummary::default();

        // Archived first, so that an id deleted and created again ends up present.
        let archived = IssueQuery {
            labels: vec![LABEL_ARCHIVED.into()],
            state: StateFilter::All,
            since: Some(window),
            sort: IssueSort::Updated,
            direction: Direction::Asc,
            ..IssueQuery::default()
        };
        for issue in paginate(|page| self.tracker.list_issues(&archived, page)) {
            let issue = issue?;
            let Ok(object) = StoredObject::from_archived_issue(&issue) else {
                continue;
            };
            let id = object.object_id.as_str();
            // Only if the snapshot holds that very issue (not a newer object with the id).
            let same_issue = objects
                .get(id)
                .and_then(|o| o.pointer("/meta/issue_number"))
                .and_then(Value::as_u64)
                .is_none_or(|n| n == issue.number);
            if same_issue && objects.remove(id).is_some() {
                summary.removed += 1;
            }
        }
        let changed = ListFilter {
            since: Some(window),
            state: StateFilter::All,
            ..ListFilter::default()
        };
        for object in self.list(&changed) {
            let object = object?;
            let fresh = entry(&object);
            let id = object.object_id.as_str();
            if objects.get(id) != Some(&fresh) {
                objects.insert(id.to_string(), fresh);
                summary.updated += 1;
            }
        }
        if !summary.changed() {
            return Ok(summary);
        }
        snapshot["snapshot_time"] = Value::String(started.to_string());
        write_atomically(path, |out| {
            let text = serde_json::to_string_pretty(&snapshot).map_err(std::io::Error::from)?;
            out.write_all(text.as_bytes())?;
            out.write_all(b"\n")?;
            Ok(())
        })?;
        Ok(summary)
    }
}

fn entry(object: &StoredObject) -> Value {
    let mut entry = Map::new();
    entry.insert("data".into(), object.data.clone());
    entry.insert("meta".into(), object.meta());
    Value::Object(entry)
}

/// `    "id": {…}` indented to sit inside the `objects` map.
fn write_entry(out: &mut dyn Write, id: &str, entry: &Value) -> Result<()> {
    let text = serde_json::to_string_pretty(entry).map_err(std::io::Error::from)?;
    write!(out, "    {}: ", Value::String(id.to_string()))?;
    for (i, line) in text.lines().enumerate() {
        if i > 0 {
            out.write_all(b"\n    ")?;
        }
        out.write_all(line.as_bytes())?;
    }
    Ok(())
}

/// Writes `path` through a temporary file in the same directory, then renames it into place:
/// readers (a static-site build) never see half a file.
pub fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| Error::usage(format!("{} is not a file name", path.display())))?;
    let temporary = dir.join(format!(
        ".{}.{}.tmp",
        name.to_string_lossy(),
        std::process::id()
    ));
    let result = (|| {
        let file = File::create(&temporary)
            .map_err(|e| Error::failure(format!("cannot write {}: {e}", temporary.display())))?;
        let mut out = BufWriter::new(file);
        write(&mut out)?;
        let file = out
            .into_inner()
            .map_err(|e| Error::failure(e.error().to_string()))?;
        file.sync_all()?;
        std::fs::rename(&temporary, path)
            .map_err(|e| Error::failure(format!("cannot replace {}: {e}", path.display())))
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    result
}
