//! `watch` and `snapshot` over HTTP against `serve`.

use std::io::{BufRead, BufReader};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use gh_store::store::ObjectId;
use serde_json::{json, Value};

use crate::harness::Sandbox;

/// Starts `gh-store watch` in the background and hands out its events line by line.
struct Watch {
    child: Child,
    lines: std::sync::mpsc::Receiver<String>,
    stderr: std::sync::Arc<std::sync::Mutex<String>>,
}

impl Watch {
    fn start(s: &Sandbox, args: &[&str]) -> Watch {
        let mut child = s
            .command(&[&["watch", "--interval", "100ms"], args].concat())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let stderr = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
        let mut errors = child.stderr.take().unwrap();
        let sink = stderr.clone();
        std::thread::spawn(move || {
            let mut buffer = [0u8; 1024];
            while let Ok(n) = std::io::Read::read(&mut errors, &mut buffer) {
                if n == 0 {
                    break;
                }
                sink.lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&buffer[..n]));
            }
        });
        let (send, lines) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                if send.send(line.unwrap()).is_err() {
                    break;
                }
            }
        });
        Watch {
            child,
            lines,
            stderr,
        }
    }

    fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    #[track_caller]
    fn next_event(&self) -> Value {
        let line = self
            .lines
            .recv_timeout(Duration::from_secs(10))
            .expect("an event within 10 s");
        serde_json::from_str(&line).unwrap()
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Waits until the server has answered `n` requests since the last reset (the watcher has
/// polled), so that what a test does next happens after the watch started.
fn wait_for_requests(s: &Sandbox, n: u64) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while s.remote().server.stats().total < n {
        assert!(Instant::now() < deadline, "the watcher never polled");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn watch_reports_each_kind_of_change() {
    let s = Sandbox::github();
    s.run(&["create", "old", r#"{"n": 0}"#]).success();
    s.remote().server.reset_stats();
    let watch = Watch::start(&s, &["--count", "5"]);
    wait_for_requests(&s, 1);

    s.run(&["create", "cfg", r#"{"port": 1}"#]).success();
    let created = watch.next_event();
    assert_eq!(created["event"], "created");
    assert_eq!(created["object_id"], "cfg");
    assert_eq!(created["version"], 1);
    assert_eq!(created["data"], json!({"port": 1}));

    s.run(&["update", "cfg", "--apply", r#"{"port": 2}"#])
        .success();
    let updated = watch.next_event();
    assert_eq!(updated["event"], "updated");
    assert_eq!(updated["version"], 2);
    assert_eq!(updated["data"]["port"], 2);

    s.run(&["update", "old", "--queue", r#"{"n": 1}"#])
        .success();
    let pending = watch.next_event();
    assert_eq!(pending["event"], "pending");
    assert_eq!(pending["object_id"], "old");

    s.run(&["process", "old"]).success();
    assert_eq!(watch.next_event()["event"], "updated");

    s.run(&["delete", "cfg"]).success();
    let deleted = watch.next_event();
    assert_eq!(deleted["event"], "deleted");
    assert_eq!(deleted["object_id"], "cfg");
    for key in ["event", "object_id", "version", "updated_at", "data"] {
        assert!(deleted.get(key).is_some(), "{deleted}");
    }
}

#[test]
fn an_idle_watch_costs_nothing_against_the_rate_limit() {
    let s = Sandbox::github();
    s.run(&["create", "cfg", "{}"]).success();
    s.remote().server.reset_stats();
    let run = s
        .run(&["watch", "--interval", "100ms", "--timeout", "1500ms"])
        .success();
    assert_eq!(run.stdout, "", "nothing changed, nothing printed");
    let stats = s.remote().server.stats();
    assert!(stats.total >= 5, "it polled: {stats:?}");
    assert_eq!(
        stats.total - stats.not_modified,
        1,
        "only the first poll is answered in full: {stats:?}"
    );
}

#[test]
fn watch_filters_by_id_and_emits_the_initial_state() {
    let s = Sandbox::github();
    s.run(&["create", "a", r#"{"a": 1}"#]).success();
    s.run(&["create", "b", r#"{"b": 1}"#]).success();
    let run = s
        .run(&["watch", "--initial", "--count", "1", "b"])
        .success();
    let events = run.lines();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0]["event"], "initial");
    assert_eq!(events[0]["object_id"], "b");
    assert_eq!(events[0]["data"], json!({"b": 1}));

    s.remote().server.reset_stats();
    let watch = Watch::start(&s, &["--count", "1", "b"]);
    wait_for_requests(&s, 1);
    s.run(&["update", "a", "--apply", r#"{"a": 2}"#]).success();
    s.run(&["update", "b", "--apply", r#"{"b": 2}"#]).success();
    let event = watch.next_event();
    assert_eq!(event["object_id"], "b", "a is not watched");
}

#[test]
fn watch_process_is_a_self_hosted_processor() {
    let s = Sandbox::github();
    s.run(&["create", "job", r#"{"state": "new"}"#]).success();
    s.remote().server.reset_stats();
    let watch = Watch::start(&s, &["--process", "--count", "2"]);
    wait_for_requests(&s, 1);
    s.run(&["update", "job", "--queue", r#"{"state": "done"}"#])
        .success();
    assert_eq!(watch.next_event()["event"], "pending");
    let processed = watch.next_event();
    assert_eq!(processed["event"], "updated");
    assert_eq!(processed["version"], 2);
    assert_eq!(processed["data"], json!({"state": "done"}));
    let got = s.run(&["get", "job"]).success().json();
    assert_eq!(got["version"], 2);
}

#[test]
fn watch_process_reports_rejections_as_process_does() {
    let s = Sandbox::github();
    s.run(&["create", "job", r#"{"step": 0}"#]).success();
    // Both queued at version 1: the second's condition is stale once the first is applied.
    s.run(&["update", "job", "--queue", r#"{"step": 1}"#])
        .success();
    let stale = s
        .run(&[
            "update",
            "job",
            "--queue",
            "--if-version",
            "1",
            r#"{"step": 2}"#,
        ])
        .success()
        .json()["comment_id"]
        .clone();
    let watch = Watch::start(&s, &["--process", "--count", "2"]);
    assert_eq!(watch.next_event()["event"], "pending");
    assert_eq!(watch.next_event()["data"], json!({ "step": 1 }));
    let told = format!("job: rejected comment {stale} by alice: expected version 1");
    let deadline = Instant::now() + Duration::from_secs(10);
    while !watch.stderr().contains(&told) {
        assert!(Instant::now() < deadline, "{}", watch.stderr());
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(
        watch
            .stderr()
            .contains("processed job: 1 applied, 1 rejected, version 2"),
        "{}",
        watch.stderr()
    );
}

#[test]
fn watch_initial_looks_ids_up_instead_of_paging_the_store() {
    let s = Sandbox::github();
    let store = s.remote().store_as("alice");
    for n in 0..250 {
        let id = ObjectId::parse(&format!("obj-{n:03}")).unwrap();
        store.create(&id, json!({ "n": n })).unwrap();
    }
    let (run, stats) = s.run_counted(&["watch", "--initial", "--count", "1", "obj-200"]);
    let events = run.success().lines();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0]["object_id"], "obj-200");
    assert_eq!(events[0]["data"], json!({ "n": 200 }));
    assert_eq!(stats.total, 1, "one lookup, not three pages: {stats:?}");
}

#[test]
fn watch_process_handles_what_was_pending_before_it_started() {
    let s = Sandbox::github();
    s.run(&["create", "job", r#"{"step": 0}"#]).success();
    s.run(&["update", "job", "--queue", r#"{"step": 1}"#])
        .success();
    let watch = Watch::start(&s, &["--process", "--count", "2"]);
    let pending = watch.next_event();
    assert_eq!(
        (&pending["event"], &pending["object_id"]),
        (&json!("pending"), &json!("job"))
    );
    let processed = watch.next_event();
    assert_eq!(processed["event"], "updated");
    assert_eq!(processed["data"], json!({ "step": 1 }));
    drop(watch);

    s.run(&["update", "job", "--queue", r#"{"step": 2}"#])
        .success();
    let watch = Watch::start(&s, &["--initial", "--process", "--count", "3", "job"]);
    let kinds: Vec<Value> = (0..3)
        .map(|_| watch.next_event()["event"].clone())
        .collect();
    assert_eq!(
        kinds,
        [json!("initial"), json!("pending"), json!("updated")]
    );
    assert_eq!(s.run(&["get", "job"]).success().json()["version"], 3);
}

#[test]
fn watch_count_must_be_at_least_one() {
    let s = Sandbox::local();
    s.run(&["create", "a", "{}"]).success();
    let run = s
        .run(&["watch", "--initial", "--count", "0", "--timeout", "1s"])
        .code(2)
        .error_mentions("--count");
    assert_eq!(run.stdout, "", "no event");
}

#[test]
fn watch_waits_out_rate_limits_instead_of_dying() {
    use gh_store::serve::{Fault, FaultAction};
    let s = Sandbox::github();
    s.remote().server.reset_stats();
    let watch = Watch::start(&s, &["--count", "1", "--max-wait", "1s"]);
    wait_for_requests(&s, 1);
    // A primary limit that resets later than --max-wait allows: the poll fails at once.
    s.remote()
        .server
        .inject(Fault::new(FaultAction::PrimaryExhausted {
            status: 403,
            reset_after: 60,
        }));
    let limited = Instant::now() + Duration::from_secs(10);
    while s.remote().server.stats().rate_limited == 0 {
        assert!(Instant::now() < limited, "the fault was never hit");
        std::thread::sleep(Duration::from_millis(20));
    }
    s.run(&["create", "after", "{}"]).success();
    assert_eq!(watch.next_event()["object_id"], "after");
    assert!(
        watch.stderr().contains("waiting"),
        "says on stderr that it waits: {}",
        watch.stderr()
    );
}

/// Ctrl-C during a 30 s rate-limit wait ends the watch at once, with the documented 130.
#[cfg(unix)]
#[test]
fn ctrl_c_ends_a_rate_limit_wait_at_once() {
    use gh_store::serve::{BodyFormat, Fault, FaultAction};
    extern "C" {
        fn kill(pid: i32, signal: i32) -> i32;
    }
    const SIGINT: i32 = 2;
    let s = Sandbox::github();
    s.remote().server.reset_stats();
    let mut watch = Watch::start(&s, &["--max-wait", "5m"]);
    wait_for_requests(&s, 1);
    s.remote()
        .server
        .inject(Fault::new(FaultAction::SecondaryRateLimit {
            status: 429,
            retry_after: Some(30),
            format: BodyFormat::Json,
        }));
    let deadline = Instant::now() + Duration::from_secs(10);
    while !watch.stderr().contains("waiting 30 s") {
        assert!(
            Instant::now() < deadline,
            "never waited: {}",
            watch.stderr()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let pid = i32::try_from(watch.child.id()).unwrap();
    assert_eq!(unsafe { kill(pid, SIGINT) }, 0);
    let interrupted = Instant::now();
    let status = loop {
        if let Some(status) = watch.child.try_wait().unwrap() {
            break status;
        }
        assert!(
            interrupted.elapsed() < Duration::from_secs(3),
            "still waiting 3 s after Ctrl-C"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(status.code(), Some(130), "{}", watch.stderr());
}

#[test]
fn snapshot_writes_the_python_format() {
    let s = Sandbox::github();
    s.run(&["create", "a", r#"{"a": 1}"#]).success();
    s.run(&["create", "b", r#"{"b": 1}"#]).success();
    s.run(&["update", "b", "--queue", r#"{"b": 2}"#]).success();
    s.run(&["snapshot", "-o", "snap.json"]).success();
    let text = std::fs::read_to_string(s.path().join("snap.json")).unwrap();
    let snapshot: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(snapshot["repository"], "alice/store");
    assert!(snapshot["snapshot_time"].as_str().unwrap().ends_with('Z'));
    let a = &snapshot["objects"]["a"];
    assert_eq!(a["data"], json!({"a": 1}));
    for key in [
        "issue_number",
        "object_id",
        "created_at",
        "updated_at",
        "version",
    ] {
        assert!(a["meta"].get(key).is_some(), "{a}");
    }
    assert!(a["meta"].get("pending").is_none());
    let b = &snapshot["objects"]["b"];
    assert_eq!(
        b["data"],
        json!({"b": 1}),
        "the current state of a pending object"
    );
    assert_eq!(b["meta"]["pending"], true);
    let leftovers: Vec<_> = std::fs::read_dir(s.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary file left behind");

    let stdout = s.run(&["snapshot", "-o", "-"]).success().json();
    assert_eq!(stdout["objects"], snapshot["objects"]);
}

#[test]
fn snapshot_update_refreshes_only_when_something_changed() {
    let s = Sandbox::github();
    for id in ["keep", "change", "drop"] {
        s.run(&["create", id, &format!(r#"{{"id": "{id}"}}"#)])
            .success();
    }
    s.run(&["snapshot", "-o", "snap.json"]).success();
    let path = s.path().join("snap.json");
    let before = std::fs::read(&path).unwrap();
    let modified = std::fs::metadata(&path).unwrap().modified().unwrap();

    let run = s.run(&["snapshot", "--update", "snap.json"]).success();
    assert!(run.stderr.contains("unchanged"), "{}", run.stderr);
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert_eq!(
        std::fs::metadata(&path).unwrap().modified().unwrap(),
        modified
    );

    s.run(&["update", "change", "--apply", r#"{"v": 2}"#])
        .success();
    s.run(&["delete", "drop"]).success();
    s.run(&["snapshot", "--update", "snap.json"]).success();
    let snapshot: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    let objects = snapshot["objects"].as_object().unwrap();
    let mut ids: Vec<&String> = objects.keys().collect();
    ids.sort();
    assert_eq!(ids, ["change", "keep"], "the archived object is gone");
    assert_eq!(objects["change"]["data"], json!({"id": "change", "v": 2}));
    assert_eq!(objects["change"]["meta"]["version"], 2);

    s.run(&["snapshot", "--update", "missing.json"]).code(2);
    std::fs::write(s.path().join("bad.json"), "{}").unwrap();
    s.run(&["snapshot", "--update", "bad.json"])
        .code(2)
        .error_mentions("snapshot_time");
}
