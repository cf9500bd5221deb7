//! The benchmark of issue 6 (`examples/bench`) in its smoke mode: tiny stores, 0 ms, one
//! run, the Python side skipped. It is the same code as `cargo run --example bench`,
//! included here as a module, so that the benchmark cannot rot: every scenario must run
//! through the real binary and `gh-store serve`, and the numbers must be sane.

#[path = "../../examples/bench/main.rs"]
#[allow(dead_code, unused_imports)]
mod bench;

use std::path::Path;

use bench::Kind;
use clap::Parser;

use crate::harness::BIN;

#[test]
fn the_benchmark_runs_end_to_end_with_sane_numbers() {
    let mut args = vec!["bench", "--smoke", "--python", "skip", "--gh-store", BIN];
    // `cargo test` builds the example too: then memory is measured as in a real run, through
    // the example binary as the helper that starts and reaps each command.
    let helper = Path::new(BIN)
        .parent()
        .expect("the binary's directory")
        .join("examples")
        .join(format!("bench{}", std::env::consts::EXE_SUFFIX));
    let helper_text = helper.to_string_lossy().into_owned();
    if helper.exists() {
        args.extend(["--measure-helper", &helper_text]);
    }
    let options = bench::Options::parse_from(args);
    let report = bench::run(&options).expect("the benchmark runs");
    assert!(
        report.failures().is_empty(),
        "failed runs: {:#?}",
        report.failures()
    );
    assert!(report.python.is_err(), "the Python side is skipped");

    let ops = report
        .section(Kind::Operations, 0)
        .expect("the operations at 0 ms");
    let requests = |key: &str| {
        ops.row(key)
            .unwrap_or_else(|| panic!("no row {key}"))
            .rust
            .requests()
            .unwrap_or_else(|| panic!("{key} has no sample"))
    };
    assert_eq!(requests("get"), 1, "get costs exactly one request");
    assert_eq!(requests("create"), 7);
    assert_eq!(requests("update"), 3);
    assert_eq!(requests("list N=3"), 1);
    assert_eq!(requests("history C=5"), 2);
    for (section, row) in report.rows() {
        if let Some(within) = row.within_budget() {
            assert!(
                within,
                "{} / {} is over its §5 budget",
                section.title, row.key
            );
        }
        for sample in &row.rust.samples {
            assert!(sample.wall_ms > 0.0, "{} has no wall time", row.key);
        }
    }

    let watch = report
        .section(Kind::Watch, 0)
        .and_then(|s| s.row("watch"))
        .expect("the watch row");
    assert_eq!(watch.rust.counted(), Some(1), "only the first poll counts");
    assert!(
        watch.rust.not_modified().unwrap_or(0) >= 1,
        "idle polls get 304"
    );

    let scale = report.section(Kind::Scale, 0).expect("the scale section");
    for row in &scale.rows {
        if cfg!(target_os = "linux") && helper.exists() {
            let rss = row.rust.rss_kib().unwrap_or(0);
            assert!(
                rss > 0 && rss < 200 * 1024,
                "{}: peak memory {rss} KiB",
                row.key
            );
        }
    }
    let version = report
        .section(Kind::Startup, 0)
        .and_then(|s| s.row("version"))
        .expect("the --version row");
    assert_eq!(version.rust.requests(), Some(0));

    let markdown = report.markdown();
    for heading in ["per operation", "watch", "Scale", "Start-up", "Targets"] {
        assert!(markdown.contains(heading), "the report lacks {heading:?}");
    }
    assert!(
        markdown.contains("**skipped**"),
        "the report says Python was skipped"
    );
}
