//! Snapshots in the Python tool's format: `{snapshot_time, repository, objects: {id: {data,
//! meta}}}`, written atomically, streamed page by page, refreshed incrementally.

use std::collections::HashMap;
use std::fmt;
use std::io::Write;
use std::path::Path;

use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer};
use serde_json::{Map, Value};

use super::object::StoredObject;
use super::output_file::write_output_file;
use super::wire::LABEL_ARCHIVED;
use super::{unreadable_error, ListFilter, Listed, ObjectId, Store, Unreadable};
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

/// A snapshot file as a refresh reads it, `objects` in file order so that a rewrite keeps it.
#[derive(Deserialize)]
struct SnapshotFile {
    snapshot_time: Option<Value>,
    repository: Option<Value>,
    objects: Option<Entries>,
    /// Anything else (the Python tool's `relationships`), written back after `objects`.
    #[serde(flatten)]
    rest: Map<String, Value>,
}

/// A JSON object's entries in file order (serde_json's `Map` sorts its keys).
struct Entries(Vec<(String, Value)>);

impl<'de> Deserialize<'de> for Entries {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        struct InOrder;
        impl<'de> Visitor<'de> for InOrder {
            type Value = Entries;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a map of objects")
            }
            fn visit_map<A: MapAccess<'de>>(
                self,
                mut map: A,
            ) -> std::result::Result<Entries, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                Ok(Entries(entries))
            }
        }
        deserializer.deserialize_map(InOrder)
    }
}

/// A snapshot's objects in order, with removals and additions: what a refresh edits.
struct Objects {
    /// `None` where an object was removed.
    entries: Vec<(String, Option<Value>)>,
    positions: HashMap<String, usize>,
}

impl Objects {
    fn new(entries: Vec<(String, Value)>) -> Objects {
        let mut objects = Objects {
            entries: Vec::with_capacity(entries.len()),
            positions: HashMap::new(),
        };
        for (id, entry) in entries {
            objects.insert(id, entry);
        }
        objects
    }

    fn get(&self, id: &str) -> Option<&Value> {
        self.positions
            .get(id)
            .and_then(|&i| self.entries[i].1.as_ref())
    }

    fn remove(&mut self, id: &str) -> bool {
        match self.positions.remove(id) {
            Some(i) => self.entries[i].1.take().is_some(),
            None => false,
        }
    }

    /// Replaces an object where it is; a new one goes last, as in a full snapshot (oldest
    /// first).
    fn insert(&mut self, id: String, entry: Value) {
        match self.positions.get(&id) {
            Some(&i) => self.entries[i].1 = Some(entry),
            None => {
                self.positions.insert(id.clone(), self.entries.len());
                self.entries.push((id, Some(entry)));
            }
        }
    }

    fn iter(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.entries
            .iter()
            .filter_map(|(id, entry)| entry.as_ref().map(|e| (id.as_str(), e)))
    }
}

impl Store {
    /// Writes a full snapshot to `out`, one object at a time (constant memory but for the ids
    /// seen). `on_object` is called after each object (progress); an error from it stops the
    /// snapshot (Ctrl-C). Objects whose body cannot be read are written with their raw body
    /// when `keep_going`; otherwise the others are written and the error names them.
    pub fn write_snapshot(
        &self,
        repository: &str,
        out: &mut dyn Write,
        keep_going: bool,
        on_object: &mut dyn FnMut() -> Result<()>,
    ) -> Result<usize> {
        write_head(out, Timestamp::now(), repository)?;
        let mut count = 0;
        let mut unreadable = Vec::new();
        for listed in self.list_entries(&ListFilter::default()) {
            if let Some((id, entry)) = self.entry_of(listed?, keep_going, &mut unreadable) {
                write_entry(out, count, id.as_str(), &entry)?;
                count += 1;
            }
            on_object()?;
        }
        write_tail(out, count, &Map::new())?;
        out.flush()?;
        match unreadable.is_empty() {
            true => Ok(count),
            false => Err(unreadable_error(&unreadable)),
        }
    }

    /// An object's snapshot entry; an unreadable one's raw entry (said on stderr) when
    /// `keep_going`, else none: it joins `unreadable`.
    fn entry_of(
        &self,
        listed: Listed,
        keep_going: bool,
        unreadable: &mut Vec<Unreadable>,
    ) -> Option<(ObjectId, Value)> {
        match listed {
            Listed::Object(object) => Some((object.object_id.clone(), entry(&object))),
            Listed::Unreadable(raw) if keep_going => {
                self.warn(&format!("{}; kept with its raw body", raw.error().message));
                Some((raw.object.object_id.clone(), raw.snapshot_entry()))
            }
            Listed::Unreadable(raw) => {
                unreadable.push(raw);
                None
            }
        }
    }

    /// Refreshes a snapshot file of `repository` with what changed since its `snapshot_time`
    /// (minus an overlap), dropping objects archived since. The file is left untouched when
    /// nothing changed, and rewritten in the layout of a full snapshot otherwise.
    /// `on_object` is called for each object examined, as in [`Store::write_snapshot`].
    /// One pass in two listings (archived, then changed), kept together because the order
    /// decides which wins for an id deleted and created again.
    pub fn refresh_snapshot(
        &self,
        path: &Path,
        repository: &str,
        keep_going: bool,
        on_object: &mut dyn FnMut() -> Result<()>,
    ) -> Result<RefreshSummary> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| Error::usage(format!("cannot read snapshot {}: {e}", path.display())))?;
        // Objects' data sits three levels down: {"objects": {id: {"data": …}}}.
        let snapshot: SnapshotFile = crate::json::parse_as_enclosing(&text, 3)
            .map_err(|e| Error::usage(format!("{} is not a snapshot: {e}", path.display())))?;
        let since = snapshot
            .snapshot_time
            .as_ref()
            .and_then(Value::as_str)
            .and_then(Timestamp::parse)
            .ok_or_else(|| {
                Error::usage(format!("{} has no valid snapshot_time", path.display()))
            })?;
        let Some(Entries(objects)) = snapshot.objects else {
            return Err(Error::usage(format!(
                "{} has no objects map",
                path.display()
            )));
        };
        // Merging another repository's objects in would mix two stores in one file.
        let theirs = snapshot
            .repository
            .as_ref()
            .and_then(Value::as_str)
            .unwrap_or_default();
        if !theirs.eq_ignore_ascii_case(repository) {
            return Err(Error::usage(format!(
                "{} is a snapshot of repository {theirs:?}, not of {repository:?}",
                path.display()
            )));
        }
        let mut objects = Objects::new(objects);
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
            read_ahead: true,
            ..IssueQuery::default()
        };
        for issue in paginate(|page| self.tracker.list_issues(&archived, page)) {
            let issue = issue?;
            on_object()?;
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
            if same_issue && objects.remove(id) {
                summary.removed += 1;
            }
        }
        let changed = ListFilter {
            since: Some(window),
            ..ListFilter::default()
        };
        let mut unreadable = Vec::new();
        for listed in self.list_entries(&changed) {
            on_object()?;
            let Some((id, fresh)) = self.entry_of(listed?, keep_going, &mut unreadable) else {
                continue;
            };
            if objects.get(id.as_str()) != Some(&fresh) {
                objects.insert(id.as_str().to_string(), fresh);
                summary.updated += 1;
            }
        }
        // The file is left as it was: a refresh that drops an object is no refresh.
        if !unreadable.is_empty() {
            return Err(unreadable_error(&unreadable));
        }
        if !summary.changed() {
            return Ok(summary);
        }
        write_output_file(path, |out| {
            write_head(out, started, theirs)?;
            let mut count = 0;
            for (id, entry) in objects.iter() {
                write_entry(out, count, id, entry)?;
                count += 1;
            }
            write_tail(out, count, &snapshot.rest)
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

/// Everything up to the opening of `objects`, keys in the Python tool's order.
fn write_head(out: &mut dyn Write, snapshot_time: Timestamp, repository: &str) -> Result<()> {
    write!(
        out,
        "{{\n  \"snapshot_time\": {},\n  \"repository\": {},\n  \"objects\": {{",
        Value::String(snapshot_time.to_string()),
        Value::String(repository.to_string())
    )?;
    Ok(())
}

/// `    "id": {…}` indented to sit inside the `objects` map; `index` counts the entries
/// written before it.
fn write_entry(out: &mut dyn Write, index: usize, id: &str, entry: &Value) -> Result<()> {
    out.write_all(if index == 0 { b"\n    " } else { b",\n    " })?;
    write!(out, "{}: ", Value::String(id.to_string()))?;
    write_indented(out, entry, "    ")
}

/// Closes `objects` (after `count` entries), then writes the `rest` of the top-level keys.
fn write_tail(out: &mut dyn Write, count: usize, rest: &Map<String, Value>) -> Result<()> {
    out.write_all(if count == 0 { b"}" } else { b"\n  }" })?;
    for (key, value) in rest {
        write!(out, ",\n  {}: ", Value::String(key.clone()))?;
        write_indented(out, value, "  ")?;
    }
    out.write_all(b"\n}\n")?;
    Ok(())
}

/// Pretty JSON whose lines after the first are indented by `indent`.
fn write_indented(out: &mut dyn Write, value: &Value, indent: &str) -> Result<()> {
    let text = serde_json::to_string_pretty(value).map_err(std::io::Error::from)?;
    for (i, line) in text.lines().enumerate() {
        if i > 0 {
            out.write_all(b"\n")?;
            out.write_all(indent.as_bytes())?;
        }
        out.write_all(line.as_bytes())?;
    }
    Ok(())
}
