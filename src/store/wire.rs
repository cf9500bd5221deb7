//! The on-issue format shared with the Python and TypeScript gh-store clients: labels,
//! titles with gh-store's checkpoint, bodies, and the comment envelope.

use serde::Serialize;
use serde_json::{Map, Value};

/// Every object carries it; Python read paths require it.
pub const LABEL_SYSTEM: &str = "gh-store";
/// A live object; every query filters on it.
pub const LABEL_OBJECT: &str = "stored-object";
/// A soft-deleted object.
pub const LABEL_ARCHIVED: &str = "archived";
/// A duplicate issue the Python `canonicalize` tool merged into another (no longer an object).
pub const LABEL_DEPRECATED: &str = "deprecated-object";
/// `ALIAS-TO:<id>`: this object stands for another.
pub const PREFIX_ALIAS_TO: &str = "ALIAS-TO:";
/// `MERGED-INTO:<id>` and `DEPRECATED-BY:<issue>`, on a deprecated duplicate.
pub const PREFIX_MERGED_INTO: &str = "MERGED-INTO:";
pub const PREFIX_DEPRECATED_BY: &str = "DEPRECATED-BY:";

/// GitHub caps issue and comment bodies at 65,536 characters (and, by some measurements,
/// 262,144 bytes); 65,536 UTF-8 bytes satisfies every reading.
pub const MAX_BODY_BYTES: usize = 65_536;

pub const CLIENT_VERSION: &str = env!("CARGO_PKG_VERSION");

/// What gh-store's processor has consumed: kept at the end of the issue title, which no
/// other client reads, so that body, checkpoint and state change in one PATCH.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Checkpoint {
    /// 1 + applied updates.
    pub version: u64,
    /// The highest comment id consumed (applied, rejected or skipped).
    pub last_comment_id: u64,
    /// How many comments the issue had when they were consumed (absent in checkpoints of
    /// gh-store before 0.2). An issue listing carries each issue's comment count, so a
    /// comment left on a closed issue (its reopen failed, or a stale write closed it) shows
    /// at no extra request.
    pub consumed_comments: Option<u64>,
    /// [`fingerprint`] of the body gh-store wrote with this checkpoint (absent before 0.2).
    /// Another processor (the Python one) folds updates into the body without moving the
    /// checkpoint: a body that no longer matches says so, and its work is adopted.
    pub body: Option<u32>,
}

impl Checkpoint {
    /// Reads ` [v<version>@<comment id>]`, ` [v<version>@<comment id>#<count>]` or
    /// ` [v<version>@<comment id>#<count>~<body fingerprint>]` at the very end of a title.
    pub fn from_title(title: &str) -> Option<Checkpoint> {
        let rest = title.strip_suffix(']')?;
        let start = rest.rfind(" [v")?;
        let (version, rest) = rest[start + 3..].split_once('@')?;
        let (rest, body) = match rest.split_once('~') {
            Some((rest, body)) => (rest, Some(body)),
            None => (rest, None),
        };
        let (last, count) = match rest.split_once('#') {
            Some((last, count)) => (last, Some(count)),
            None => (rest, None),
        };
        let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        let hex = |s: &str| s.len() == 8 && s.bytes().all(|b| b.is_ascii_hexdigit());
        if !all_digits(version)
            || !all_digits(last)
            || !count.is_none_or(all_digits)
            || !body.is_none_or(hex)
            || (body.is_some() && count.is_none())
        {
            return None;
        }
        Some(Checkpoint {
            version: version.parse().ok()?,
            last_comment_id: last.parse().ok()?,
            consumed_comments: match count {
                Some(count) => Some(count.parse().ok()?),
                None => None,
            },
            body: match body {
                Some(body) => Some(u32::from_str_radix(body, 16).ok()?),
                None => None,
            },
        })
    }

    /// `Stored Object: <id> [v<version>@<comment id>#<count>~<body fingerprint>]`.
    pub fn title(&self, object_title: &str) -> String {
        let mut title = format!("{object_title} [v{}@{}", self.version, self.last_comment_id);
        if let Some(count) = self.consumed_comments {
            title.push_str(&format!("#{count}"));
            if let Some(body) = self.body {
                title.push_str(&format!("~{body:08x}"));
            }
        }
        title.push(']');
        title
    }

    /// Whether `data` (an issue body, read) is what gh-store wrote with this checkpoint.
    /// Unknown (an older checkpoint) counts as yes.
    pub fn wrote(&self, data: &Value) -> bool {
        self.body.is_none_or(|body| body == fingerprint(data))
    }

    /// Whether an issue with this many comments holds some this checkpoint has not consumed.
    pub fn has_unconsumed(&self, comments: u64) -> bool {
        self.consumed_comments.is_some_and(|count| comments > count)
    }
}

/// A short hash of a body's data (FNV-1a over its compact JSON), not of its text: the Python
/// and TypeScript clients indent and escape differently, and reformatting is no change.
pub fn fingerprint(data: &Value) -> u32 {
    let text = serde_json::to_string(data).expect("a JSON value always serialises");
    text.bytes().fold(0x811c_9dc5, |hash: u32, byte| {
        (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193)
    })
}

/// The issue body for an object: indented JSON, as both existing clients write it; compact
/// when that is what fits GitHub's size limit (indentation grows with depth: a document
/// nested 1,000 levels deep takes 2 MB indented, 6 KB compact).
pub fn encode_body(data: &Value) -> String {
    let pretty = serde_json::to_string_pretty(data).expect("a JSON value always serialises");
    if pretty.len() <= MAX_BODY_BYTES {
        pretty
    } else {
        serde_json::to_string(data).expect("a JSON value always serialises")
    }
}

/// Parses a body, tolerating the CRLF line endings of bodies edited in GitHub's web editor
/// and a `null` body (an object created without one).
pub fn decode_body(body: Option<&str>) -> Result<Value, crate::json::JsonError> {
    let body = body.unwrap_or("");
    if body.trim().is_empty() {
        return Ok(Value::Object(Map::new()));
    }
    crate::json::parse(&normalize_newlines(body))
}

pub fn normalize_newlines(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains('\r') {
        std::borrow::Cow::Owned(text.replace("\r\n", "\n"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// `_meta` of a comment envelope, fields in the Python client's order; `if_version` is
/// gh-store's compare-and-set extension (other clients ignore unknown keys).
///
/// An update only gh-store can apply right (a mode other than `append`, or an `if_version`
/// condition) has `update_mode: null` and its mode in `gh_store_mode`: the Python processor
/// skips an envelope whose `update_mode` is null (its `_validate_metadata`) and would
/// otherwise deep-merge it, unconditionally.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EnvelopeMeta {
    pub client_version: String,
    pub timestamp: String,
    pub update_mode: Option<String>,
    pub issue_number: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gh_store_mode: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub if_version: Option<u64>,
    /// gh-store's retry key: a rerun of a command whose outcome was unknown sends the same
    /// key, and the processor applies one update per key and object.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub idempotency_key: Option<String>,
}

/// The comment envelope `{"_data", "_meta", "type"?}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Envelope {
    #[serde(rename = "_data")]
    pub data: Value,
    #[serde(rename = "_meta")]
    pub meta: EnvelopeMeta,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<&'static str>,
}

pub const INITIAL_STATE: &str = "initial_state";

impl Envelope {
    pub fn update(data: Value, mode: &str, issue_number: u64, if_version: Option<u64>) -> Envelope {
        let python_may_apply = mode == "append" && if_version.is_none();
        let (update_mode, gh_store_mode) = if python_may_apply {
            (Some(mode.to_string()), None)
        } else {
            (None, Some(mode.to_string()))
        };
        Envelope {
            data,
            meta: EnvelopeMeta {
                client_version: CLIENT_VERSION.to_string(),
                timestamp: crate::timestamp::now_precise(),
                update_mode,
                issue_number,
                gh_store_mode,
                if_version,
                idempotency_key: None,
            },
            kind: None,
        }
    }

    pub fn initial_state(data: Value, issue_number: u64) -> Envelope {
        let mut envelope = Envelope::update(data, "append", issue_number, None);
        envelope.kind = Some(INITIAL_STATE);
        envelope
    }

    /// Indented like the Python client's comments; compact when that is what fits GitHub's
    /// size limit.
    pub fn encode(&self) -> String {
        let pretty = serde_json::to_string_pretty(self).expect("envelopes serialise");
        if pretty.len() <= MAX_BODY_BYTES {
            pretty
        } else {
            serde_json::to_string(self).expect("envelopes serialise")
        }
    }
}

/// What a comment on an object issue means to the processor.
#[derive(Debug, Clone, PartialEq)]
pub enum CommentPayload {
    /// The object's first state: gh-store/Python `{"_data", "_meta", "type":"initial_state"}`
    /// or the 0.4–0.5 form `{"type":"initial_state","data", "timestamp"}`.
    InitialState { data: Value },
    /// An update to fold in.
    Update(UpdateRequest),
    /// Not an update: not JSON, an envelope without the required `_meta`, a system note.
    Ignored { reason: &'static str },
}

#[derive(Debug, Clone, PartialEq)]
pub struct UpdateRequest {
    pub data: Value,
    /// The raw `_meta.update_mode`; validated by the processor, which rejects unknown modes.
    pub mode: String,
    /// The raw `_meta.if_version` (absent or null: no condition); validated by the processor,
    /// which rejects a condition it cannot read rather than apply the update unconditionally.
    pub if_version: Option<Value>,
    /// `_meta.idempotency_key`: updates with the same key are one update.
    pub key: Option<String>,
    /// A pre-envelope update (Python 0.1–0.5): the whole comment is the change.
    pub legacy: bool,
}

impl CommentPayload {
    /// Classifies a comment body by the Python client's acceptance rules, fixed where they
    /// were wrong (legacy initial states are recognised by shape, not by a 👍).
    pub fn parse(body: &str) -> CommentPayload {
        // The envelope holds the change one level down.
        let Ok(value) = crate::json::parse_enclosing(&normalize_newlines(body), 1) else {
            return CommentPayload::Ignored { reason: "not JSON" };
        };
        let Some(object) = value.as_object() else {
            return CommentPayload::Update(UpdateRequest {
                data: value,
                mode: "append".into(),
                if_version: None,
                key: None,
                legacy: true,
            });
        };
        let kind = object.get("type").and_then(Value::as_str);
        let Some(data) = object.get("_data") else {
            if kind == Some(INITIAL_STATE) && object.contains_key("data") {
                return CommentPayload::InitialState {
                    data: object["data"].clone(),
                };
            }
            return CommentPayload::Update(UpdateRequest {
                data: value,
                mode: "append".into(),
                if_version: None,
                key: None,
                legacy: true,
            });
        };
        let meta = object.get("_meta").and_then(Value::as_object);
        let field = |name: &str| meta.and_then(|m| m.get(name)).filter(|v| !v.is_null());
        let (Some(_), Some(_), Some(mode)) = (
            field("client_version"),
            field("timestamp"),
            field("update_mode").or_else(|| field("gh_store_mode")),
        ) else {
            return CommentPayload::Ignored {
                reason: "envelope without client_version, timestamp and update_mode",
            };
        };
        if kind == Some(INITIAL_STATE) {
            return CommentPayload::InitialState { data: data.clone() };
        }
        // Notes written by other tools (the commented-out canonicalize designs).
        if field("system").and_then(Value::as_bool) == Some(true)
            || kind.is_some_and(|k| k.starts_with("system_"))
        {
            return CommentPayload::Ignored {
                reason: "system note",
            };
        }
        CommentPayload::Update(UpdateRequest {
            data: data.clone(),
            mode: mode.as_str().unwrap_or("").to_string(),
            if_version: field("if_version").cloned(),
            key: field("idempotency_key")
                .and_then(Value::as_str)
                .map(str::to_string),
            legacy: false,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn checkpoint_round_trips_through_the_title() {
        let mut cp = Checkpoint {
            version: 7,
            last_comment_id: 4_400_000_123,
            consumed_comments: Some(9),
            body: None,
        };
        let title = cp.title("Stored Object: cfg");
        assert_eq!(title, "Stored Object: cfg [v7@4400000123#9]");
        assert_eq!(Checkpoint::from_title(&title), Some(cp));
        cp.body = Some(fingerprint(&json!({"a": 1})));
        let title = cp.title("Stored Object: cfg");
        assert!(
            title.ends_with(&format!("#9~{:08x}]", cp.body.unwrap())),
            "{title}"
        );
        assert_eq!(Checkpoint::from_title(&title), Some(cp));
        assert!(cp.wrote(&json!({"a": 1})) && !cp.wrote(&json!({"a": 2})));
        cp.body = None;
        assert!(cp.has_unconsumed(10) && !cp.has_unconsumed(9));
        // The form without a count, as earlier versions wrote it.
        cp.consumed_comments = None;
        let title = cp.title("Stored Object: cfg");
        assert_eq!(title, "Stored Object: cfg [v7@4400000123]");
        assert_eq!(Checkpoint::from_title(&title), Some(cp));
        assert!(!cp.has_unconsumed(10));
    }

    #[test]
    fn titles_without_checkpoint() {
        for title in [
            "Stored Object: cfg",
            "Stored Object: [v1@x]",
            "Stored Object: a [v@1]",
            "Stored Object: a [v1@]",
            "Stored Object: a [v1@2] ",
            "Stored Object: a [v1@2#]",
            "Stored Object: a [v1@2#x]",
            "Stored Object: a [v1@2#3~12345]",
            "Stored Object: a [v1@2~0badcafe]",
        ] {
            assert_eq!(Checkpoint::from_title(title), None, "{title}");
        }
        // An id that itself ends like a checkpoint still parses from the end.
        let cp = Checkpoint::from_title("Stored Object: odd [v1@2] [v3@4]").unwrap();
        assert_eq!((cp.version, cp.last_comment_id), (3, 4));
    }

    #[test]
    fn envelope_matches_python_layout() {
        let mut envelope = Envelope::update(json!({"count": 2}), "append", 42, None);
        envelope.meta.timestamp = "2025-04-14T04:20:01.654321+00:00".into();
        let text = envelope.encode();
        assert_eq!(
            text,
            "{\n  \"_data\": {\n    \"count\": 2\n  },\n  \"_meta\": {\n    \"client_version\": \"0.1.0\",\n    \"timestamp\": \"2025-04-14T04:20:01.654321+00:00\",\n    \"update_mode\": \"append\",\n    \"issue_number\": 42\n  }\n}"
                .replace("0.1.0", CLIENT_VERSION)
        );
        let initial = Envelope::initial_state(json!({}), 42).encode();
        assert!(initial.ends_with("\"type\": \"initial_state\"\n}"));
    }

    #[test]
    fn updates_the_python_processor_would_misapply_hide_their_mode() {
        // The Python processor skips `_meta` whose update_mode is null, instead of
        // deep-merging a patch or ignoring a condition.
        for (mode, if_version) in [
            ("merge-patch", None),
            ("json-patch", None),
            ("append", Some(1)),
        ] {
            let text = Envelope::update(json!({}), mode, 7, if_version).encode();
            let meta = &serde_json::from_str::<Value>(&text).unwrap()["_meta"];
            assert_eq!(meta["update_mode"], Value::Null, "{text}");
            assert_eq!(meta["gh_store_mode"], mode);
            match CommentPayload::parse(&text) {
                CommentPayload::Update(u) => assert_eq!(u.mode, mode),
                other => panic!("{other:?}"),
            }
        }
        let plain = Envelope::update(json!({}), "append", 7, None).encode();
        assert!(plain.contains("\"update_mode\": \"append\"") && !plain.contains("gh_store_mode"));
    }

    #[test]
    fn parses_every_known_comment_form() {
        let update = r#"{"_data":{"a":1},"_meta":{"client_version":"0.11.3","timestamp":"2025-04-14T04:20:01.654321+00:00","update_mode":"append","issue_number":3}}"#;
        assert_eq!(
            CommentPayload::parse(update),
            CommentPayload::Update(UpdateRequest {
                data: json!({"a":1}),
                mode: "append".into(),
                if_version: None,
                key: None,
                legacy: false
            })
        );
        let crlf = update.replace(",", ",\r\n");
        assert!(matches!(
            CommentPayload::parse(&crlf),
            CommentPayload::Update(_)
        ));
        let cas = r#"{"_data":[],"_meta":{"client_version":"x","timestamp":"t","update_mode":"json-patch","if_version":4}}"#;
        match CommentPayload::parse(cas) {
            CommentPayload::Update(u) => {
                assert_eq!(u.if_version, Some(json!(4)));
                assert_eq!(u.mode, "json-patch");
            }
            other => panic!("{other:?}"),
        }
        let initial = r#"{"_data":{"a":1},"_meta":{"client_version":"0.11.3","timestamp":"2025-04-14T04:18:36.123Z","update_mode":"append"},"type":"initial_state"}"#;
        assert_eq!(
            CommentPayload::parse(initial),
            CommentPayload::InitialState {
                data: json!({"a":1})
            }
        );
        let legacy_initial =
            r#"{"type":"initial_state","data":{"a":1},"timestamp":"2024-01-01T00:00:00"}"#;
        assert_eq!(
            CommentPayload::parse(legacy_initial),
            CommentPayload::InitialState {
                data: json!({"a":1})
            }
        );
        match CommentPayload::parse(r#"{"b": 2}"#) {
            CommentPayload::Update(u) => assert!(u.legacy && u.data == json!({"b":2})),
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            CommentPayload::parse("LGTM!"),
            CommentPayload::Ignored { .. }
        ));
        assert!(matches!(
            CommentPayload::parse(r#"{"_data":{},"_meta":{"timestamp":"t"}}"#),
            CommentPayload::Ignored { .. }
        ));
        assert!(matches!(
            CommentPayload::parse(
                r#"{"_data":{},"_meta":{"client_version":"x","timestamp":"t","update_mode":"append","system":true}}"#
            ),
            CommentPayload::Ignored { .. }
        ));
    }

    #[test]
    fn bodies_tolerate_null_and_crlf() {
        assert_eq!(decode_body(None).unwrap(), json!({}));
        assert_eq!(
            decode_body(Some("{\r\n  \"a\": 1\r\n}")).unwrap(),
            json!({"a": 1})
        );
        assert!(decode_body(Some("{oops")).is_err());
    }
}
