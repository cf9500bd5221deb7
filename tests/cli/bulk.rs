//! Many objects at once: `get ID...`, `snapshot -o -` into `import`, paced writes.

use serde_json::{json, Value};

use crate::github_api::{seed, ISSUES};
use crate::harness::Sandbox;

fn ids_of(lines: &[Value]) -> Vec<String> {
    lines
        .iter()
        .map(|o| o["object_id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn get_several_ids_prints_a_line_each_in_the_order_given_from_one_listing() {
    let s = Sandbox::github();
    seed(&s, (0..5).map(|i| format!("o{i}")));
    let (run, stats) = s.run_counted(&["get", "o3", "o0", "o4", "o3"]);
    let run = run.ok();
    assert_eq!(ids_of(&run.lines()), ["o3", "o0", "o4", "o3"]);
    assert_eq!(run.stdout.lines().count(), 4, "compact, one line each");
    assert_eq!(
        (stats.total, stats.route("GET", ISSUES)),
        (1, 1),
        "one page of the listing finds them all"
    );

    let run = s.run(&["get", "o1", "o2", "--data"]).ok();
    assert_eq!(run.lines(), [json!({"id": "o1"}), json!({"id": "o2"})]);
    let run = s.run(&["get", "o1", "o2", "--jq", ".data.id"]).ok();
    assert_eq!(run.stdout, "o1\no2\n");
    let run = s
        .run(&["get", "o1", "o2", "--json", "object_id,version"])
        .ok();
    assert_eq!(
        run.lines(),
        [
            json!({"object_id": "o1", "version": 1}),
            json!({"object_id": "o2", "version": 1})
        ]
    );
}

#[test]
fn get_several_ids_reports_the_missing_and_prints_the_rest_exit_3() {
    let s = Sandbox::github();
    seed(&s, ["a".to_string(), "b".to_string()]);
    let run = s.run(&["get", "a", "nope", "b"]).code(3);
    assert_eq!(ids_of(&run.lines()), ["a", "b"]);
    assert!(
        run.stderr
            .lines()
            .next()
            .unwrap()
            .starts_with("error: object \"nope\" not found"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("1 of 3 objects not found: \"nope\""),
        "{}",
        run.stderr
    );
    // A bad id is refused before any request.
    let (run, stats) = s.run_counted(&["get", "a", "bad,id"]);
    run.code(2).error_mentions("comma");
    assert_eq!(stats.total, 0);
}

#[test]
fn get_several_ids_reads_pages_or_looks_up_whichever_is_fewer_requests() {
    let s = Sandbox::github();
    seed(&s, (0..250).map(|i| format!("o{i:03}")));
    // 50 ids across three pages of 100: three requests, not fifty.
    let wanted: Vec<String> = (0..250).step_by(5).map(|i| format!("o{i:03}")).collect();
    let mut args = vec!["get"];
    args.extend(wanted.iter().map(String::as_str));
    let (run, stats) = s.run_counted(&args);
    assert_eq!(ids_of(&run.ok().lines()), wanted);
    assert_eq!(stats.total, 3, "{stats:?}");

    // Two of the newest: one page read (it might have held them), then two lookups.
    let (run, stats) = s.run_counted(&["get", "o249", "o248"]);
    assert_eq!(ids_of(&run.ok().lines()), ["o249", "o248"]);
    assert_eq!(stats.total, 3, "{stats:?}");

    // One id: one lookup, and the output `get` always had.
    let (run, stats) = s.run_counted(&["get", "o249"]);
    assert_eq!(run.ok().json()["object_id"], "o249");
    assert_eq!(stats.total, 1);
}

#[test]
fn get_several_ids_follows_aliases_on_the_local_store() {
    let s = Sandbox::local();
    s.run(&["create", "real", r#"{"n": 1}"#]).ok();
    s.run(&["create", "other", r#"{"n": 2}"#]).ok();
    s.run(&["create", "nick", r#"{"n": 3}"#]).ok();
    s.run(&["alias", "nick", "real"]).ok();
    let run = s.run(&["get", "other", "nick", "--data"]).ok();
    assert_eq!(run.lines(), [json!({"n": 2}), json!({"n": 1})]);
}
