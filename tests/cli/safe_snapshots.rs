//! Snapshots and listings that cannot destroy or omit: special files are written into, not
//! replaced; objects gh-store cannot read are named (or kept raw with --keep-going);
//! documents nested as deep as the Python tool reads go everywhere an object goes.

use std::io::Read;
use std::path::Path;
use std::process::Stdio;

use serde_json::{json, Value};

use crate::harness::{duplicate_object, leftovers, Sandbox};

/// What `path` itself is (a link is not followed).
fn kind(path: &Path) -> std::fs::FileType {
    std::fs::symlink_metadata(path).unwrap().file_type()
}

#[test]
fn dash_and_dev_stdout_write_to_stdout() {
    let s = Sandbox::local();
    s.run(&["create", "a", r#"{"n": 1}"#]).success();
    for target in ["-", "/dev/stdout"] {
        let run = s.run(&["snapshot", "-o", target]).success();
        assert_eq!(
            run.json()["objects"]["a"]["data"],
            json!({"n": 1}),
            "{target}"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_reader_that_goes_away_from_dev_stdout_is_not_an_error() {
    let s = Sandbox::github();
    // More than a pipe buffer (64 KiB), so that writes fail once the reader has gone.
    let store = s.remote().store_as("alice");
    let padding = ".".repeat(1000);
    for i in 0..120 {
        let id = gh_store::store::ObjectId::parse(&format!("o{i}")).unwrap();
        store.create(&id, json!({ "padding": padding })).unwrap();
    }
    let mut child = s
        .command(&["snapshot", "-o", "/dev/stdout"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut head = [0u8; 10];
    child.stdout.take().unwrap().read_exact(&mut head).unwrap();
    // The read end is closed here, as `| head -c 10` would.
    let output = child.wait_with_output().unwrap();
    assert_eq!(&head, b"{\n  \"snaps");
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.stderr.is_empty(), "{:?}", output.stderr);
}

#[cfg(unix)]
#[test]
fn a_fifo_is_written_into_and_stays_a_fifo() {
    use std::os::unix::fs::FileTypeExt;

    let s = Sandbox::local();
    s.run(&["create", "a", r#"{"n": 1}"#]).success();
    let fifo = s.path().join("pipe");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    let run = s.run(&["snapshot", "-o", "pipe"]).success();
    let received: Value = serde_json::from_str(&reader.join().unwrap()).unwrap();
    assert_eq!(received["objects"]["a"]["data"], json!({"n": 1}));
    assert!(
        run.stderr.contains("wrote 1 objects to pipe"),
        "{}",
        run.stderr
    );
    assert!(kind(&fifo).is_fifo());
    assert_eq!(leftovers(s.path()), Vec::<String>::new());
}

#[cfg(unix)]
#[test]
fn a_device_and_a_link_to_it_are_written_into_never_replaced() {
    let s = Sandbox::local();
    s.run(&["create", "a", "{}"]).success();
    let link = s.path().join("null.json");
    std::os::unix::fs::symlink("/dev/null", &link).unwrap();

    s.run(&["snapshot", "-o", "/dev/null"]).success();
    s.run(&["snapshot", "-o", "null.json"]).success();
    assert!(kind(&link).is_symlink());
    assert_eq!(std::fs::read_link(&link).unwrap(), Path::new("/dev/null"));
    // Read as a snapshot, the device is empty: refused, and left alone.
    s.run(&["snapshot", "--update", "null.json"])
        .code(2)
        .error_mentions("null.json is not a snapshot");
    use std::os::unix::fs::FileTypeExt;
    assert!(kind(Path::new("/dev/null")).is_char_device());
    assert_eq!(leftovers(s.path()), Vec::<String>::new());
}

#[cfg(unix)]
#[test]
fn a_socket_is_refused_by_its_name_and_left_in_place() {
    use std::os::unix::fs::FileTypeExt;

    let s = Sandbox::local();
    s.run(&["create", "a", "{}"]).success();
    let socket = s.path().join("sock");
    let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
    s.run(&["snapshot", "-o", "sock"])
        .code(1)
        .error_mentions("cannot write sock: ");
    assert!(kind(&socket).is_socket());
    assert_eq!(leftovers(s.path()), Vec::<String>::new());
}

#[test]
fn errors_name_the_file_given_not_a_temporary_one() {
    let s = Sandbox::local();
    s.run(&["create", "a", "{}"]).success();
    let run = s
        .run(&["snapshot", "-o", "missing/snap.json"])
        .code(1)
        .error_mentions("cannot write missing/snap.json: ");
    assert!(!run.stderr.contains(".tmp"), "{}", run.stderr);
}

/// A sandbox with objects `a` and `c` and, between them, `b` whose body another client
/// wrote and gh-store cannot read; returns b's issue number.
fn with_an_unreadable_object(body: &str) -> (Sandbox, u64) {
    let s = Sandbox::github();
    s.run(&["create", "a", r#"{"n": 1}"#]).success();
    let tracker = s.remote().db.tracker(s.remote().repo_id, "alice").unwrap();
    let number = duplicate_object(&tracker, "b", body).number;
    s.run(&["create", "c", r#"{"n": 3}"#]).success();
    (s, number)
}

fn ids(listed: &Value) -> Vec<&str> {
    listed
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["object_id"].as_str().unwrap())
        .collect()
}

#[test]
fn list_names_an_unreadable_object_after_listing_the_others() {
    let (s, number) = with_an_unreadable_object("{oops");
    let run = s
        .run(&["list"])
        .code(1)
        .error_mentions(&format!("object \"b\" (issue #{number}) cannot be read"));
    assert_eq!(ids(&run.json()), ["a", "c"]);
    assert!(run.stderr.contains("not JSON"), "{}", run.stderr);
    assert!(run.stderr.contains("hint: --keep-going"), "{}", run.stderr);
    let table = s.run(&["list", "--format", "table"]).code(1).stdout;
    assert_eq!(table.lines().count(), 3, "{table}");

    let run = s.run(&["list", "--keep-going"]).success();
    assert!(
        run.stderr.contains(&format!(
            "warning: object \"b\" (issue #{number}) cannot be read"
        )),
        "{}",
        run.stderr
    );
    let listed = run.json();
    assert_eq!(ids(&listed), ["a", "b", "c"]);
    assert_eq!(listed[1]["raw_body"], "{oops");
    assert!(listed[1]["unreadable"]
        .as_str()
        .unwrap()
        .contains("not JSON"));
    assert!(listed[1].get("data").is_none());
    let table = s
        .run(&["list", "--keep-going", "--format", "table"])
        .success()
        .stdout;
    assert!(
        table.lines().nth(2).unwrap().contains(" invalid "),
        "{table}"
    );
}

#[test]
fn a_snapshot_never_leaves_out_an_unreadable_object_silently() {
    // An empty body reads as {} (the Python client writes objects without one).
    let (s, _) = with_an_unreadable_object("");
    let snapshot = s.run(&["snapshot"]).success().json();
    assert_eq!(snapshot["objects"]["b"]["data"], json!({}));

    let (s, number) = with_an_unreadable_object("[1, 2");
    let run = s
        .run(&["snapshot"])
        .code(1)
        .error_mentions(&format!("object \"b\" (issue #{number}) cannot be read"));
    // Streamed to stdout: the others are there.
    let objects = run.json()["objects"].clone();
    assert_eq!(objects.as_object().unwrap().len(), 2, "{objects}");

    // To a file: the old one stays, no temporary file is left.
    std::fs::write(s.path().join("snap.json"), "old").unwrap();
    s.run(&["snapshot", "-o", "snap.json"]).code(1);
    assert_eq!(
        std::fs::read_to_string(s.path().join("snap.json")).unwrap(),
        "old"
    );
    assert_eq!(leftovers(s.path()), Vec::<String>::new());

    let run = s
        .run(&["snapshot", "-o", "snap.json", "--keep-going"])
        .success();
    assert!(
        run.stderr.contains("kept with its raw body"),
        "{}",
        run.stderr
    );
    let snapshot: Value =
        serde_json::from_str(&std::fs::read_to_string(s.path().join("snap.json")).unwrap())
            .unwrap();
    let b = &snapshot["objects"]["b"];
    assert_eq!(b["raw_body"], "[1, 2");
    assert_eq!(b["meta"]["issue_number"], number);
    assert!(b["meta"]["unreadable"]
        .as_str()
        .unwrap()
        .contains("not JSON"));
    assert_eq!(snapshot["objects"]["c"]["data"], json!({"n": 3}));
}

#[test]
fn a_refresh_that_meets_an_unreadable_object_leaves_the_file() {
    let s = Sandbox::github();
    s.run(&["create", "a", r#"{"n": 1}"#]).success();
    s.run(&["snapshot", "-o", "snap.json"]).success();
    let before = std::fs::read_to_string(s.path().join("snap.json")).unwrap();
    let tracker = s.remote().db.tracker(s.remote().repo_id, "alice").unwrap();
    duplicate_object(&tracker, "b", "not json");
    s.run(&["snapshot", "--update", "snap.json"])
        .code(1)
        .error_mentions("object \"b\"");
    assert_eq!(
        std::fs::read_to_string(s.path().join("snap.json")).unwrap(),
        before
    );
    s.run(&["snapshot", "--update", "snap.json", "--keep-going"])
        .success();
    let snapshot: Value =
        serde_json::from_str(&std::fs::read_to_string(s.path().join("snap.json")).unwrap())
            .unwrap();
    assert_eq!(snapshot["objects"]["b"]["raw_body"], "not json");
}

/// `{"a": {"a": … 1 …}}`, `levels` objects deep.
fn nested(levels: usize) -> String {
    format!("{}1{}", r#"{"a": "#.repeat(levels), "}".repeat(levels))
}

/// The value at the bottom of `nested`, `levels` down, if the shape holds.
fn bottom(mut value: &Value, levels: usize) -> Option<&Value> {
    for _ in 0..levels {
        value = value.get("a")?;
    }
    Some(value)
}

/// Parses a deep document as gh-store does (with room for the levels that `history --diff`
/// puts around the data) and runs `check` on it, on a stack as large as the CLI's: a test thread's
/// 2 MiB do not hold a thousand levels in a debug build.
fn deep<R: Send>(text: &str, check: impl FnOnce(&Value) -> R + Send) -> R {
    std::thread::scope(|scope| {
        std::thread::Builder::new()
            .stack_size(gh_store::json::STACK_BYTES)
            .spawn_scoped(scope, || {
                check(&gh_store::json::parse_enclosing(text, 4).unwrap())
            })
            .unwrap()
            .join()
            .unwrap()
    })
}

#[test]
fn documents_as_deep_as_the_python_tool_reads_go_everywhere() {
    let s = Sandbox::github();
    let schema = s.path().join("tree.json");
    std::fs::write(
        &schema,
        json!({"$ref": "#/$defs/node", "$defs": {"node": {"anyOf": [
            {"type": "integer"},
            {"type": "object", "additionalProperties": {"$ref": "#/$defs/node"}}]}}})
        .to_string(),
    )
    .unwrap();
    let deepest = nested(1000);
    s.run(&["--schema", "tree.json", "create", "deep", &deepest])
        .success();
    let data = s.run(&["get", "deep", "--data"]).success().stdout;
    assert_eq!(
        deep(&data, |data| bottom(data, 1000).cloned()),
        Some(json!(1))
    );

    // Each mode, queued for the processor and folded.
    let change = format!(r#"{{"b": {}}}"#, nested(999));
    s.run(&["update", "deep", "--queue", &change]).success();
    let path = "/a".repeat(1000);
    let patch = format!(r#"[{{"op": "replace", "path": "{path}", "value": 2}}]"#);
    s.run(&["update", "deep", "--queue", "--mode", "json-patch", &patch])
        .success();
    s.run(&["--schema", "tree.json", "process", "deep"])
        .success();
    let object = s.run(&["get", "deep"]).success().stdout;
    deep(&object, |object| {
        assert_eq!(object["version"], 3);
        assert_eq!(bottom(&object["data"], 1000), Some(&json!(2)));
        assert_eq!(bottom(&object["data"]["b"], 999), Some(&json!(1)));
    });

    let listed = s.run(&["list", "--ndjson"]).success().stdout;
    deep(&listed, |object| assert_eq!(object["object_id"], "deep"));
    let snapshot = s.run(&["snapshot", "-o", "snap.json"]).success();
    assert!(
        snapshot.stderr.contains("wrote 1 objects"),
        "{}",
        snapshot.stderr
    );
    s.run(&["update", "deep", "--apply", r#"{"c": 1}"#])
        .success();
    let refresh = s.run(&["snapshot", "--update", "snap.json"]).success();
    assert!(refresh.stderr.contains("1 updated"), "{}", refresh.stderr);
    let text = std::fs::read_to_string(s.path().join("snap.json")).unwrap();
    let snapshot: Value = deep(&text, |snapshot| {
        snapshot["objects"]["deep"]["meta"].clone()
    });
    assert_eq!(snapshot["version"], 4);
    let history = s.run(&["history", "deep", "--diff"]).success().stdout;
    assert_eq!(deep(&history, |h| h.as_array().unwrap().len()), 4);
    let first = s
        .run(&["get", "deep", "--at", "1", "--data"])
        .success()
        .stdout;
    assert_eq!(first, data);
}

#[test]
fn deeper_than_that_is_refused_where_it_comes_in_and_named_where_it_is_stored() {
    let s = Sandbox::github();
    s.run(&["create", "too-deep", &nested(1001)])
        .code(2)
        .error_mentions("nested deeper than 1000 levels");
    s.run_with_stdin(&["create", "too-deep", "-"], &nested(5000))
        .code(2)
        .error_mentions("invalid JSON in stdin at line 1, column 6001");
    assert!(s.remote().all_issues().is_empty());

    // A change that would make the object too deep to read again is rejected.
    s.run(&["create", "deep", &nested(999)]).success();
    let path = format!("/a{}", "/a".repeat(997));
    let patch = format!(r#"[{{"op": "add", "path": "{path}/b", "value": {{"c": [1]}}}}]"#);
    s.run(&["update", "deep", "--mode", "json-patch", "--apply", &patch])
        .code(5)
        .error_mentions("nested deeper than 1000 levels");

    // Written by another client: named, not skipped.
    let tracker = s.remote().db.tracker(s.remote().repo_id, "alice").unwrap();
    let number = duplicate_object(&tracker, "other", &nested(1001)).number;
    s.run(&["list"]).code(1).error_mentions(&format!(
        "object \"other\" (issue #{number}) cannot be read"
    ));
    let run = s.run(&["snapshot", "--keep-going"]).success();
    assert!(
        run.stderr.contains("nested deeper than 1000 levels"),
        "{}",
        run.stderr
    );
}
