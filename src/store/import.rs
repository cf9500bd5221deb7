//! Importing objects in bulk: a snapshot (gh-store's or the Python tool's) or NDJSON lines
//! `{"object_id", "data"}`, read whole and planned against the store before anything is
//! written, so that bad input writes nothing and a rerun does only what is left.

use std::collections::{HashMap, HashSet};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use super::modes::{self, UpdateMode};
use super::retries::fingerprint;
use super::wire::Envelope;
use super::{check_size, ListFilter, Listed, ObjectId, ObjectState, Store, UpdateOptions};
use crate::error::{Error, ErrorKind, Result};
use crate::tracker::pacing::{RequestCost, SecondaryLimits};

/// One object of the input.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportEntry {
    /// Where it is in the input, for messages: `line 3`, or `object "cfg"` in a snapshot.
    pub place: String,
    pub id: ObjectId,
    pub data: Value,
}

/// Input that cannot be imported, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadEntry {
    pub place: String,
    pub why: String,
}

impl BadEntry {
    fn new(place: impl Into<String>, why: impl Into<String>) -> BadEntry {
        BadEntry {
            place: place.into(),
            why: why.into(),
        }
    }
}

/// What the input holds: the objects, and what could not be read.
#[derive(Debug, Default)]
pub struct ImportInput {
    pub entries: Vec<ImportEntry>,
    pub bad: Vec<BadEntry>,
}

/// Reads a whole input. A document whose first line is a lone `{` is a snapshot (pretty
/// JSON, as both tools write it); anything else is NDJSON, one object per line.
pub fn parse_import(text: &str) -> ImportInput {
    let mut input = ImportInput::default();
    if text.lines().find(|l| !l.trim().is_empty()).map(str::trim) == Some("{") {
        parse_snapshot(text, &mut input);
    } else {
        parse_lines(text, &mut input);
    }
    let mut seen: HashMap<String, String> = HashMap::new();
    input.entries.retain(|entry| {
        if let Some(first) = seen.get(entry.id.as_str()) {
            input.bad.push(BadEntry::new(
                entry.place.clone(),
                format!("object {:?} is already given at {first}", entry.id.as_str()),
            ));
            return false;
        }
        seen.insert(entry.id.as_str().to_string(), entry.place.clone());
        true
    });
    input
}

fn parse_snapshot(text: &str, input: &mut ImportInput) {
    // Objects' data sits three levels down: {"objects": {id: {"data": …}}}.
    let objects = match crate::json::parse_enclosing(text, 3) {
        Ok(Value::Object(mut snapshot)) => snapshot.remove("objects"),
        Ok(_) => None,
        Err(e) => {
            let place = format!("line {}", e.line());
            input.bad.push(BadEntry::new(
                place,
                format!("not a snapshot: {}", e.reason()),
            ));
            return;
        }
    };
    let Some(Value::Object(objects)) = objects else {
        input
            .bad
            .push(BadEntry::new("line 1", "a snapshot needs an objects map"));
        return;
    };
    for (id, entry) in objects {
        let place = format!("object {id:?}");
        match entry.get("data") {
            Some(data) => push_entry(input, place, &id, data.clone()),
            // `snapshot --keep-going` keeps an unreadable object as its raw body.
            None => input.bad.push(BadEntry::new(place, "it has no data")),
        }
    }
}

fn parse_lines(text: &str, input: &mut ImportInput) {
    for (index, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let place = format!("line {}", index + 1);
        let value = match crate::json::parse_enclosing(line, 1) {
            Ok(value) => value,
            Err(e) => {
                input.bad.push(BadEntry::new(
                    place,
                    format!("invalid JSON at column {}: {}", e.column(), e.reason()),
                ));
                continue;
            }
        };
        match (
            value.get("object_id").and_then(Value::as_str),
            value.get("data"),
        ) {
            (Some(id), Some(data)) => push_entry(input, place, id, data.clone()),
            _ => input.bad.push(BadEntry::new(
                place,
                "expected {\"object_id\": …, \"data\": {…}}",
            )),
        }
    }
}

fn push_entry(input: &mut ImportInput, place: String, id: &str, data: Value) {
    let id = match ObjectId::parse(id) {
        Ok(id) => id,
        Err(e) => return input.bad.push(BadEntry::new(place, e.message)),
    };
    if !data.is_object() {
        let why = format!("data must be a JSON object, not {}", modes::kind_of(&data));
        return input.bad.push(BadEntry::new(place, why));
    }
    input.entries.push(ImportEntry { place, id, data });
}

/// What an import does to one object.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportAction {
    Create,
    /// An issue with this data that a create left unfinished (or one no gh-store processor
    /// has checkpointed): `create` finishes it, or says it exists.
    Finish,
    Update,
    Unchanged,
    /// The id was deleted (archived) in the store: not brought back unless asked.
    Archived,
}

impl ImportAction {
    pub fn as_str(self) -> &'static str {
        match self {
            ImportAction::Create => "create",
            ImportAction::Finish => "finish",
            ImportAction::Update => "update",
            ImportAction::Unchanged => "unchanged",
            ImportAction::Archived => "skip-archived",
        }
    }
}

/// One object's step of the plan.
#[derive(Debug, Clone)]
pub struct PlannedImport {
    pub entry: ImportEntry,
    pub action: ImportAction,
    /// The object's version and state in the store, for the update's key and rerun check.
    version: u64,
    pending: bool,
}

/// How to import.
#[derive(Debug, Clone, Copy)]
pub struct ImportOptions {
    pub mode: UpdateMode,
    /// Process updates at once instead of queueing them.
    pub apply: bool,
    /// Create objects whose id was deleted (archived) in the store.
    pub include_archived: bool,
}

/// What became of one step.
#[derive(Debug, Clone, PartialEq)]
pub enum Imported {
    Done,
    /// Queued for the processor on this issue.
    Queued {
        issue_number: u64,
    },
}

impl PlannedImport {
    /// The plan line (`--dry-run`) or the result line of this object.
    pub fn line(&self, queued: bool) -> Value {
        let mut line = json!({"object_id": self.entry.id.as_str(), "action": self.action.as_str()});
        if queued {
            line["pending"] = Value::Bool(true);
        }
        line
    }
}

/// A plan: the steps, the entries refused, and what the planning listing took, from which
/// the run's duration is estimated (the same round trip as the requests it will make).
#[derive(Debug)]
pub struct ImportPlan {
    pub steps: Vec<PlannedImport>,
    pub refused: Vec<BadEntry>,
    listing: Duration,
    listing_requests: u32,
}

/// Requests a plan makes: all of them, the writes (POST, PATCH, DELETE), and the writes that
/// create content (issues and comments), which GitHub's secondary limits count apart.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cost {
    pub requests: u64,
    pub writes: u64,
    pub content: u64,
}

impl std::ops::AddAssign for Cost {
    fn add_assign(&mut self, other: Cost) {
        self.requests += other.requests;
        self.writes += other.writes;
        self.content += other.content;
    }
}

impl ImportPlan {
    /// The requests the steps make, at most.
    pub fn cost(&self, options: &ImportOptions) -> Cost {
        let mut total = Cost::default();
        for step in &self.steps {
            total += step.cost(options);
        }
        total
    }

    /// The time one request takes, as the planning listing measured it.
    pub fn round_trip(&self) -> Duration {
        self.listing / self.listing_requests.max(1)
    }

    /// How long the steps take, one request after another at the measured round trip,
    /// waiting where `limits` say.
    pub fn duration(&self, options: &ImportOptions, limits: &SecondaryLimits) -> Duration {
        let requests = self.steps.iter().flat_map(|step| step.requests(options));
        limits.duration(requests, self.round_trip())
    }
}

impl PlannedImport {
    fn cost(&self, options: &ImportOptions) -> Cost {
        let requests = self.requests(options);
        Cost {
            requests: requests.len() as u64,
            writes: requests.iter().filter(|r| r.points > 1).count() as u64,
            content: requests.iter().map(|r| u64::from(r.content)).sum(),
        }
    }

    /// The requests of this step, in order (at most: a create that finds an interrupted
    /// one, or an object already open, needs fewer).
    pub fn requests(&self, options: &ImportOptions) -> Vec<RequestCost> {
        let read = RequestCost::of("GET", "");
        let write = RequestCost::of("PATCH", "");
        let content = RequestCost::of("POST", "/comments");
        match self.action {
            ImportAction::Unchanged | ImportAction::Archived => Vec::new(),
            // The label lookup, the issue, the comment, its two marks, the closing PATCH and
            // the look for an older issue.
            ImportAction::Create | ImportAction::Finish => {
                vec![read, content, content, write, write, write, read]
            }
            // The lookup (and the search for an earlier run's comment), the comment, and
            // either the reopen or the processor's listing, PATCH and mark.
            ImportAction::Update => {
                let mut requests = vec![read; 1 + usize::from(self.pending)];
                requests.push(content);
                match options.apply {
                    true => requests.extend([read, write, write]),
                    false => requests.push(write),
                }
                requests
            }
        }
    }
}

impl Store {
    /// Plans an import against what the store holds (one listing of live objects; one of
    /// archived ones when some ids are not live). Entries whose step would be refused (their
    /// schema, the size limit, an unreadable object in the store) are returned as refused,
    /// so that nothing is written for input that cannot all be imported.
    pub fn plan_import(
        &self,
        entries: Vec<ImportEntry>,
        options: &ImportOptions,
    ) -> Result<ImportPlan> {
        let started = Instant::now();
        let mut live: HashMap<String, Listed> = HashMap::new();
        for listed in self.list_entries(&ListFilter::default()) {
            let listed = listed?;
            live.insert(listed.object_id().as_str().to_string(), listed);
        }
        let mut listing_requests = pages(live.len());
        let archived: HashSet<String> = if entries.iter().all(|e| live.contains_key(e.id.as_str()))
        {
            HashSet::new()
        } else {
            let filter = ListFilter {
                archived: true,
                ..ListFilter::default()
            };
            let archived: HashSet<String> = self
                .list_entries(&filter)
                .map(|l| l.map(|l| l.object_id().as_str().to_string()))
                .collect::<Result<_>>()?;
            // Archived ids, then the deprecated duplicates: a listing each.
            listing_requests += pages(archived.len()) + 1;
            archived
        };
        let listing = started.elapsed();
        let mut steps = Vec::new();
        let mut refused = Vec::new();
        for entry in entries {
            let step = match live.get(entry.id.as_str()) {
                None if archived.contains(entry.id.as_str()) && !options.include_archived => {
                    Ok((ImportAction::Archived, 0, false))
                }
                None => self
                    .check_new(&entry.id, &entry.data)
                    .map(|()| (ImportAction::Create, 0, false)),
                Some(Listed::Unreadable(raw)) => Err(raw.error()),
                Some(Listed::Object(object)) => self.plan_change(&entry, object, options),
            };
            match step {
                Ok((action, version, pending)) => steps.push(PlannedImport {
                    entry,
                    action,
                    version,
                    pending,
                }),
                Err(e) => refused.push(BadEntry::new(entry.place, e.message)),
            }
        }
        Ok(ImportPlan {
            steps,
            refused,
            listing,
            listing_requests,
        })
    }

    fn plan_change(
        &self,
        entry: &ImportEntry,
        object: &super::StoredObject,
        options: &ImportOptions,
    ) -> Result<(ImportAction, u64, bool)> {
        let pending = object.state == ObjectState::Pending;
        let preview = modes::apply(options.mode, &object.data, &entry.data)
            .map_err(|e| Error::rejected(e.to_string()))?;
        if preview == object.data {
            // Equal data on an issue without a checkpoint, or a first state still open, may
            // be a create that stopped half-way: `create` tells, and finishes it.
            let unfinished = object.checkpoint.is_none()
                || (object.version == 1 && object.state == ObjectState::Pending);
            let action = match unfinished && entry.data == object.data {
                true => ImportAction::Finish,
                false => ImportAction::Unchanged,
            };
            return Ok((action, object.version, pending));
        }
        let envelope = Envelope::update(
            entry.data.clone(),
            options.mode.as_str(),
            object.issue_number,
            None,
        )
        .encode();
        self.check_update(&entry.id, object, &envelope)?;
        check_size(&envelope, "the update comment")?;
        Ok((ImportAction::Update, object.version, pending))
    }

    /// Carries out one step of a plan.
    pub fn import_one(&self, step: &PlannedImport, options: &ImportOptions) -> Result<Imported> {
        let entry = &step.entry;
        match step.action {
            ImportAction::Unchanged | ImportAction::Archived => Ok(Imported::Done),
            ImportAction::Create => self
                .create(&entry.id, entry.data.clone())
                .map(|_| Imported::Done),
            ImportAction::Finish => match self.create(&entry.id, entry.data.clone()) {
                Err(e) if e.kind == ErrorKind::Conflict && e.message.contains("already exists") => {
                    Ok(Imported::Done)
                }
                other => other.map(|_| Imported::Done),
            },
            ImportAction::Update => {
                let update = UpdateOptions {
                    mode: options.mode,
                    if_version: None,
                    apply: options.apply,
                    key: Some(import_key(entry, options.mode, step.version)),
                    // A pending object may hold this very update, posted by a run that
                    // stopped before it was processed: find it instead of posting again.
                    rerun: step.pending,
                };
                match self.update(&entry.id, entry.data.clone(), &update)? {
                    super::UpdateOutcome::Applied(_) => Ok(Imported::Done),
                    super::UpdateOutcome::Pending { issue_number, .. } => {
                        Ok(Imported::Queued { issue_number })
                    }
                }
            }
        }
    }
}

/// The pages a listing of `n` objects reads (one even when empty).
fn pages(n: usize) -> u32 {
    n.div_ceil(100).max(1) as u32
}

/// The idempotency key of an imported update: the same for the same object, data, mode
/// and starting version, so that a rerun finds the comment an interrupted run posted, while
/// importing the same data again after the object changed is a new update.
fn import_key(entry: &ImportEntry, mode: UpdateMode, version: u64) -> String {
    let data = entry.data.to_string();
    let version = version.to_string();
    format!(
        "import-{}",
        fingerprint(&[entry.id.as_str(), mode.as_str(), &version, &data])
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_snapshots_parse_with_their_places() {
        let input = parse_import(
            "{\"object_id\":\"a\",\"data\":{\"n\":1},\"version\":3}\n\nnot json\n\
             {\"object_id\":\"b\",\"data\":[1]}\n{\"object_id\":\"a\",\"data\":{}}\n",
        );
        assert_eq!(input.entries.len(), 1);
        assert_eq!(input.entries[0].place, "line 1");
        let places: Vec<&str> = input.bad.iter().map(|b| b.place.as_str()).collect();
        assert_eq!(places, ["line 3", "line 4", "line 5"]);
        assert!(input.bad[2].why.contains("already given at line 1"));

        let snapshot = "{\n  \"snapshot_time\": \"x\",\n  \"objects\": {\n    \"b\": {\"data\": {\"k\": 2}, \"meta\": {}},\n    \"a\": {\"raw_body\": \"x\"}\n  }\n}\n";
        let input = parse_import(snapshot);
        assert_eq!(input.entries.len(), 1);
        assert_eq!(input.entries[0].id.as_str(), "b");
        assert_eq!(input.bad, [BadEntry::new("object \"a\"", "it has no data")]);
    }
}
