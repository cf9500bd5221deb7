//! What is measured, on which store, in what order.
//!
//! Per latency: a fresh store for the single-object operations; stores of N objects for
//! `list` (seeded once per run and shared by the latencies), the snapshot scenarios on the
//! largest of them, an idle `watch`, and the scale stores. Then start-up at 0 ms. Each
//! repetition runs gh-store, then the Python tool, on objects prepared for it, with the
//! server's counters reset just before.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use super::measure::{self, Cmd, Measured};
use super::python::{self, PyEnv};
use super::report::{self, Kind, Report, Row, Sample, Section, Series};
use super::seed::{self, SeedStore, REPO, TOKEN};
use super::server::Server;
use super::{Options, PythonMode, Result};

/// Longest a measured command may take before it is killed.
const TIMEOUT: Duration = Duration::from_secs(900);

/// The sizes of one run.
struct Sizes {
    latencies: Vec<u64>,
    runs: usize,
    scale_runs: usize,
    startup_runs: usize,
    /// N for `list` (the largest also holds the snapshot scenarios).
    list: Vec<u64>,
    /// C for `history`.
    history: Vec<u64>,
    /// U for `process`.
    process: Vec<u64>,
    /// Objects changed before `snapshot --update`.
    changed: u64,
    /// N for the scale scenarios.
    scale: Vec<u64>,
    watch: Duration,
    watch_interval: Duration,
}

impl Sizes {
    fn new(options: &Options) -> Result<Sizes> {
        let latencies = if options.latency.is_empty() {
            if options.smoke {
                vec![0]
            } else {
                vec![100, 0]
            }
        } else {
            options
                .latency
                .iter()
                .map(|text| {
                    gh_store::config::parse_duration(text)
                        .map(|d| d.as_millis() as u64)
                        .map_err(|why| format!("--latency: {why}").into())
                })
                .collect::<Result<_>>()?
        };
        if options.smoke {
            return Ok(Sizes {
                latencies,
                runs: 1,
                scale_runs: 1,
                startup_runs: 2,
                list: vec![3, 7],
                history: vec![2, 5],
                process: vec![1, 3],
                changed: 2,
                scale: vec![7, 20],
                watch: Duration::from_secs(1),
                watch_interval: Duration::from_millis(250),
            });
        }
        let runs = options.runs.max(1);
        let mut scale = vec![1000, options.scale.max(1)];
        scale.sort_unstable();
        scale.dedup();
        let watch = Duration::from_secs(options.watch_seconds);
        Ok(Sizes {
            latencies,
            runs,
            scale_runs: options.scale_runs.max(1),
            startup_runs: runs.max(10),
            list: vec![10, 100, 1000],
            history: vec![10, 100, 1000],
            process: vec![1, 10, 50],
            changed: 10,
            scale,
            watch,
            watch_interval: (watch / 6).max(Duration::from_millis(100)),
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tool {
    GhStore,
    Python,
}

impl Tool {
    fn tag(self) -> &'static str {
        match self {
            Tool::GhStore => "gh",
            Tool::Python => "py",
        }
    }
}

type Check<'a> = Box<dyn Fn(&[Measured]) -> std::result::Result<(), String> + 'a>;

/// What one repetition of one tool runs: commands in sequence (their times and requests
/// add up), then a check of the outcome.
struct Plan<'a> {
    commands: Vec<Cmd>,
    check: Check<'a>,
}

impl<'a> Plan<'a> {
    fn new(
        command: Cmd,
        check: impl Fn(&[Measured]) -> std::result::Result<(), String> + 'a,
    ) -> Plan<'a> {
        Plan {
            commands: vec![command],
            check: Box::new(check),
        }
    }
}

struct Bench {
    sizes: Sizes,
    gh: PathBuf,
    py: Option<PyEnv>,
    /// HOME and working directory of every measured command (no config files).
    home: PathBuf,
    work: PathBuf,
    /// Starts and reaps each measured command (see `measure`).
    helper: Option<PathBuf>,
}

pub fn run(options: &Options) -> Result<Report> {
    let sizes = Sizes::new(options)?;
    let gh = locate_gh_store(options)?;
    let tmp = tempfile::Builder::new()
        .prefix("gh-store-bench-")
        .tempdir()?;
    let work = tmp.path().to_path_buf();
    let home = work.join("home");
    std::fs::create_dir_all(&home)?;

    let mode = options.python.unwrap_or(if options.smoke {
        PythonMode::Skip
    } else {
        PythonMode::Auto
    });
    let python = match mode {
        PythonMode::Skip => Err("--python skip".to_string()),
        PythonMode::Auto => {
            let venv = options.venv.clone().unwrap_or_else(|| default_venv(&work));
            python::prepare(&options.python_bin, &venv, &work)
        }
    };
    if let Err(why) = &python {
        eprintln!("bench: the Python gh-store is skipped: {why}");
    }
    let bench = Bench {
        sizes,
        gh,
        py: python.as_ref().ok().cloned(),
        home,
        work,
        helper: options.measure_helper.clone(),
    };
    let sections = bench.all()?;
    let targets = report::evaluate(&sections, bench.py.is_some());
    Ok(Report {
        generated_at: gh_store::timestamp::Timestamp::now().to_string(),
        machine: bench.machine(),
        settings: bench.settings(),
        python: python.map(|p| p.versions),
        sections,
        targets,
    })
}

impl Bench {
    fn all(&self) -> Result<Vec<Section>> {
        let sizes = &self.sizes;
        // Stores of N objects, shared by every latency (their scenarios only read, but for
        // the snapshot refresh, which changes the same objects every time).
        let mut stores: BTreeMap<u64, SeedStore> = BTreeMap::new();
        for &n in sizes.list.iter().chain(&sizes.scale) {
            if stores.contains_key(&n) {
                continue;
            }
            let started = Instant::now();
            let store = SeedStore::create(&self.work.join(format!("objects-{n}.db")))?;
            seed::many(&store, "obj-", n)?;
            eprintln!(
                "bench: seeded a store of {} objects in {:.1} s",
                report::thousands(n),
                started.elapsed().as_secs_f64()
            );
            stores.insert(n, store);
        }

        let mut sections = Vec::new();
        for &latency in &sizes.latencies {
            let mut rows = self.single_object(latency)?;
            rows.extend(self.listing(latency, &stores)?);
            sections.push(Section {
                kind: Kind::Operations,
                title: format!("Requests and wall time per operation, {latency} ms per request"),
                latency_ms: latency,
                rows,
            });
            if !sizes.watch.is_zero() {
                sections.push(self.watch(latency, &stores[&sizes.list[0]])?);
            }
            sections.push(self.scale(latency, &stores)?);
        }
        sections.push(self.startup()?);
        Ok(sections)
    }

    // ---- commands ----

    fn base(&self, program: &Path) -> Cmd {
        let mut command = Cmd::new(program, &self.home);
        command.env("HOME", &self.home).env("LANG", "C.UTF-8");
        if let Some(path) = std::env::var_os("PATH") {
            command.env("PATH", path);
        }
        command
    }

    /// `gh-store --api-url URL -R alice/store ARGS`, every answer fetched whole (a first
    /// read: the cache on disk would turn repetitions into 304s).
    fn gh(&self, server: &Server, args: &[&str]) -> Cmd {
        let mut command = self.gh_cached(server, args);
        command.env("GH_STORE_NO_CACHE", "1");
        command
    }

    /// [`Bench::gh`] with the conditional-request cache on disk, as a cron job runs it.
    fn gh_cached(&self, server: &Server, args: &[&str]) -> Cmd {
        let mut command = self.base(&self.gh);
        command
            .env("GH_TOKEN", TOKEN)
            .arg("--api-url")
            .arg(&server.url)
            .args(["-R", REPO])
            .args(args);
        command
    }

    /// `python driver.py ARGS` against `server`.
    fn py(&self, server: &Server, args: &[&str]) -> Cmd {
        let py = self.py.as_ref().expect("the Python side is ready");
        let mut command = self.base(&py.python);
        command
            .env("GITHUB_TOKEN", TOKEN)
            .env("GITHUB_REPOSITORY", REPO)
            .env("GH_STORE_BENCH_API_URL", &server.url)
            .arg(&py.driver)
            .args(args);
        command
    }

    // ---- measuring ----

    fn measure(
        &self,
        server: Option<&Server>,
        plan: Plan<'_>,
    ) -> std::result::Result<Sample, String> {
        if let Some(server) = server {
            server
                .reset()
                .map_err(|e| format!("resetting the counters: {e}"))?;
        }
        let mut outputs = Vec::new();
        for command in plan.commands {
            let measured = measure::run(&command, self.helper.as_deref(), TIMEOUT)
                .map_err(|e| format!("cannot run: {e}"))?;
            measured.success()?;
            outputs.push(measured);
        }
        let stats = match server {
            Some(server) => server
                .stats()
                .map_err(|e| format!("reading the counters: {e}"))?,
            None => Default::default(),
        };
        if stats.rate_limited > 0 {
            return Err(format!("{} requests were rate limited", stats.rate_limited));
        }
        (plan.check)(&outputs)?;
        Ok(Sample {
            wall_ms: outputs.iter().map(|m| m.wall.as_secs_f64() * 1000.0).sum(),
            requests: stats.total,
            not_modified: stats.not_modified,
            max_rss_kib: outputs.iter().filter_map(|m| m.max_rss_kib).max(),
        })
    }

    /// Runs `row` `runs` times for each tool, gh-store first in every repetition.
    fn row<'a>(
        &self,
        server: Option<&Server>,
        mut row: Row,
        runs: usize,
        mut plan: impl FnMut(Tool, usize) -> Result<Plan<'a>>,
    ) -> Result<Row> {
        let python = self.py.is_some() && row.python_cmd.is_some();
        let mut py_series = Series::default();
        for rep in 0..runs {
            let outcome = self.measure(server, plan(Tool::GhStore, rep)?);
            row.rust.push(outcome);
            if python {
                let outcome = self.measure(server, plan(Tool::Python, rep)?);
                py_series.push(outcome);
            }
        }
        row.python = python.then_some(py_series);
        progress(server.map_or(0, |s| s.latency_ms), &row);
        Ok(row)
    }

    // ---- the scenarios ----

    /// create, get, update, update --apply, process, history: one fresh store per latency.
    fn single_object(&self, latency: u64) -> Result<Vec<Row>> {
        let sizes = &self.sizes;
        let runs = sizes.runs;
        let store = SeedStore::create(&self.work.join(format!("ops-{latency}ms.db")))?;
        store.object("cfg", 1)?;
        for &c in &sizes.history {
            store.object_with_history(&format!("history-{c}"), c)?;
        }
        store.backdate()?;
        let server = Server::start(&self.gh, &store.path, latency)?;
        let store = &store;
        let change = json!({"counter": 1});
        let change_text = change.to_string();
        let change_fire = fire_string(&change_text);
        let mut rows = Vec::new();

        let labels = store.label_count()?;
        rows.push(
            self.row(
                Some(&server),
                new_row("create", "create", "create ID JSON", Some("create ID JSON"))
                    // §5's 6, plus the look for an older issue that makes racing creators
                    // agree on one winner (sent with the closing writes: no extra wait).
                    .budget(7, "7–9 + a scan of all labels")
                    .note(format!(
                        "the Python tool lists every label of the repository first (here {labels} \
                     to {} labels: one request per 30)",
                        labels + 2 * runs as u64
                    )),
                runs,
                |tool, rep| {
                    let id = format!("new-{}-{rep}", tool.tag());
                    let data = seed::data(rep as u64).to_string();
                    Ok(match tool {
                        Tool::GhStore => {
                            Plan::new(self.gh(&server, &["create", &id, &data]), move |out| {
                                let v = stdout_json(out)?;
                                expect(v["object_id"] == id.as_str() && v["version"] == 1, || {
                                    format!("create printed {v}")
                                })
                            })
                        }
                        Tool::Python => {
                            let command =
                                self.py(&server, &["cli", "create", &id, &fire_string(&data)]);
                            Plan::new(command, move |_| exists(store, &id))
                        }
                    })
                },
            )?,
        );

        rows.push(self.row(
            Some(&server),
            new_row("get", "get", "get ID", Some("get ID, with state=all"))
                .budget(1, "3, and cannot find stable objects")
                .note(
                    "the Python tool's own `get` lists open issues only and cannot find a stable \
                     object; measured is the same request sequence with `state=all` (the \
                     issue's workaround, in the driver)",
                ),
            runs,
            |tool, _| {
                let check = |out: &[Measured]| {
                    let v = stdout_json(out)?;
                    expect(v["object_id"] == "cfg", || format!("get printed {v}"))
                };
                Ok(match tool {
                    Tool::GhStore => Plan::new(self.gh(&server, &["get", "cfg"]), check),
                    Tool::Python => Plan::new(self.py(&server, &["get", "cfg"]), check),
                })
            },
        )?);

        rows.push(
            self.row(
                Some(&server),
                new_row(
                    "update",
                    "update (queued)",
                    "update ID JSON",
                    Some("update ID JSON"),
                )
                .budget(3, "10 (open issue)")
                .note(
                    "gh-store updates a stable object (closed issue: lookup, comment, reopen); \
                     the Python tool's `update` finds open issues only, so its object is \
                     reopened before the run (its 'open issue' case)",
                ),
                runs,
                |tool, rep| {
                    let id = format!("update-{}-{rep}", tool.tag());
                    let object = store.object(&id, rep as u64)?;
                    Ok(match tool {
                        Tool::GhStore => {
                            Plan::new(self.gh(&server, &["update", &id, &change_text]), |out| {
                                let v = stdout_json(out)?;
                                expect(v["status"] == "pending", || format!("update printed {v}"))
                            })
                        }
                        Tool::Python => {
                            store.reopen(object.issue_number)?;
                            Plan::new(
                                self.py(&server, &["cli", "update", &id, &change_fire]),
                                |_| Ok(()),
                            )
                        }
                    })
                },
            )?,
        );

        rows.push(
            self.row(
                Some(&server),
                new_row(
                    "update --apply",
                    "update --apply",
                    "update --apply ID JSON",
                    Some("update ID JSON, then process_updates --issue N"),
                )
                .note(
                    "the Python tool has no inline apply: measured is its `update` (on a reopened \
                 issue, as above) followed by `process_updates`, times and requests added",
                ),
                runs,
                |tool, rep| {
                    let id = format!("apply-{}-{rep}", tool.tag());
                    let object = store.object(&id, rep as u64)?;
                    Ok(match tool {
                        Tool::GhStore => Plan::new(
                            self.gh(&server, &["update", "--apply", &id, &change_text]),
                            |out| {
                                let v = stdout_json(out)?;
                                expect(v["version"] == 2 && v["data"]["counter"] == 1, || {
                                    format!("update --apply printed {v}")
                                })
                            },
                        ),
                        Tool::Python => {
                            store.reopen(object.issue_number)?;
                            let issue = format!("--issue={}", object.issue_number);
                            Plan {
                                commands: vec![
                                    self.py(&server, &["cli", "update", &id, &change_fire]),
                                    self.py(&server, &["cli", "process_updates", &issue]),
                                ],
                                check: Box::new(move |_| counter_is(store, &id, 1)),
                            }
                        }
                    })
                },
            )?,
        );

        for &u in &sizes.process {
            let c = u + 1;
            rows.push(
                self.row(
                    Some(&server),
                    new_row(
                        &format!("process U={u}"),
                        &format!("process, U = {u}"),
                        "process --issue N",
                        Some("process_updates --issue N"),
                    )
                    .budget(4 + u + c.div_ceil(100) - 1, &python_process(u).to_string()),
                    runs,
                    |tool, rep| {
                        let id = format!("process-{u}-{}-{rep}", tool.tag());
                        let object = store.object(&id, rep as u64)?;
                        store.queue(&id, u)?;
                        let issue = object.issue_number.to_string();
                        Ok(match tool {
                            Tool::GhStore => Plan::new(
                                self.gh(&server, &["process", "--issue", &issue]),
                                move |out| {
                                    let v = stdout_json(out)?;
                                    expect(v["applied"] == u, || format!("process printed {v}"))
                                },
                            ),
                            Tool::Python => Plan::new(
                                self.py(
                                    &server,
                                    &["cli", "process_updates", &format!("--issue={issue}")],
                                ),
                                move |_| counter_is(store, &id, u),
                            ),
                        })
                    },
                )?,
            );
        }

        for &c in &sizes.history {
            let id = format!("history-{c}");
            rows.push(
                self.row(
                    Some(&server),
                    new_row(
                        &format!("history C={c}"),
                        &format!("history, C = {}", report::thousands(c)),
                        "history ID",
                        Some("history ID"),
                    )
                    .budget(1 + c.div_ceil(100), &(2 + c.div_ceil(30)).to_string()),
                    runs,
                    |tool, _| {
                        // The Python history drops the new-format initial state (its bug): C - 1.
                        let (command, expected) = match tool {
                            Tool::GhStore => (self.gh(&server, &["history", &id]), c),
                            Tool::Python => (self.py(&server, &["cli", "history", &id]), c - 1),
                        };
                        Ok(Plan::new(command, move |out| {
                            let v = stdout_json(out)?;
                            let n = v.as_array().map_or(0, Vec::len) as u64;
                            expect(n == expected, || {
                                format!("history has {n} entries, not {expected}")
                            })
                        }))
                    },
                )?,
            );
        }
        Ok(rows)
    }

    /// list at each N, then snapshot and snapshot --update on the largest store.
    fn listing(&self, latency: u64, stores: &BTreeMap<u64, SeedStore>) -> Result<Vec<Row>> {
        let sizes = &self.sizes;
        let mut rows = Vec::new();
        for &n in &sizes.list {
            let server = Server::start(&self.gh, &stores[&n].path, latency)?;
            rows.push(
                self.list_row(
                    &server,
                    new_row(
                        &format!("list N={n}"),
                        &format!("list, N = {}", report::thousands(n)),
                        "list --ndjson",
                        Some("list_all()"),
                    )
                    .budget(n.div_ceil(100), &(n.div_ceil(30) + 1).to_string()),
                    n,
                    sizes.runs,
                )?,
            );
        }

        let n = *sizes.list.last().expect("list sizes");
        let store = &stores[&n];
        let server = Server::start(&self.gh, &store.path, latency)?;
        let mut full = new_row(
            &format!("snapshot N={n}"),
            &format!("snapshot, N = {}", report::thousands(n)),
            "snapshot -o FILE",
            Some("snapshot --output FILE"),
        )
        .note("the Python `snapshot` also builds a CanonicalStore, which lists every label of the repository");
        let mut refresh = new_row(
            &format!("snapshot --update N={n}"),
            &format!(
                "snapshot --update, N = {}, {} changed",
                report::thousands(n),
                sizes.changed
            ),
            "snapshot --update FILE",
            Some("update_snapshot FILE"),
        );
        let python = self.py.is_some();
        let (mut full_py, mut refresh_py) = (Series::default(), Series::default());
        for rep in 0..sizes.runs {
            let files = [Tool::GhStore, Tool::Python].map(|tool| {
                self.work
                    .join(format!("snapshot-{}-{latency}ms.json", tool.tag()))
            });
            let full_check = |file: PathBuf| move |_: &[Measured]| snapshot_check(&file, n, None);
            let command = self.gh(&server, &["snapshot", "-o", &files[0].to_string_lossy()]);
            full.rust.push(self.measure(
                Some(&server),
                Plan::new(command, full_check(files[0].clone())),
            ));
            if python {
                let output = format!("--output={}", files[1].display());
                let command = self.py(&server, &["cli", "snapshot", &output]);
                full_py.push(self.measure(
                    Some(&server),
                    Plan::new(command, full_check(files[1].clone())),
                ));
                // The Python refresh compares second-resolution `updated_at` with its
                // microsecond snapshot time: a change within the same second is missed.
                std::thread::sleep(Duration::from_millis(1100));
            }
            let marker = latency * 1000 + rep as u64 + 1;
            for i in 0..sizes.changed {
                store.apply(&format!("obj-{i:05}"), json!({"counter": marker}))?;
            }
            let refresh_check =
                |file: PathBuf| move |_: &[Measured]| snapshot_check(&file, n, Some(marker));
            let command = self.gh(
                &server,
                &["snapshot", "--update", &files[0].to_string_lossy()],
            );
            refresh.rust.push(self.measure(
                Some(&server),
                Plan::new(command, refresh_check(files[0].clone())),
            ));
            if python {
                let command = self.py(
                    &server,
                    &["cli", "update_snapshot", &files[1].to_string_lossy()],
                );
                refresh_py.push(self.measure(
                    Some(&server),
                    Plan::new(command, refresh_check(files[1].clone())),
                ));
            }
        }
        if python {
            full.python = Some(full_py);
            refresh.python = Some(refresh_py);
        }
        progress(latency, &full);
        progress(latency, &refresh);
        rows.push(full);
        rows.push(refresh);
        Ok(rows)
    }

    fn list_row(&self, server: &Server, row: Row, n: u64, runs: usize) -> Result<Row> {
        self.list_row_with(server, row, n, runs, |args| self.gh(server, args), &[])
    }

    /// A `list --ndjson EXTRA…` row, gh-store's command built by `gh`.
    fn list_row_with(
        &self,
        server: &Server,
        row: Row,
        n: u64,
        runs: usize,
        gh: impl Fn(&[&str]) -> Cmd,
        extra: &[&str],
    ) -> Result<Row> {
        let mut args = vec!["list", "--ndjson"];
        args.extend_from_slice(extra);
        self.row(Some(server), row, runs, |tool, _| {
            let command = match tool {
                Tool::GhStore => gh(&args),
                Tool::Python => self.py(server, &["list"]),
            };
            Ok(Plan::new(command, move |out| {
                let lines = out[0].stdout_lines;
                expect(lines == n, || format!("listed {lines} objects, not {n}"))
            }))
        })
    }

    /// An idle `watch`: how many of its polls count against the rate limit.
    fn watch(&self, latency: u64, store: &SeedStore) -> Result<Section> {
        let sizes = &self.sizes;
        let server = Server::start(&self.gh, &store.path, latency)?;
        let interval = format!("{}ms", sizes.watch_interval.as_millis());
        let timeout = format!("{}ms", sizes.watch.as_millis());
        let row = new_row(
            "watch",
            &format!(
                "watch, idle for {} s, a poll every {} s",
                sizes.watch.as_secs_f64(),
                sizes.watch_interval.as_secs_f64()
            ),
            "watch --interval I --timeout T",
            None,
        )
        .budget(1, "—")
        .note("§5: 0 requests against the rate limit per idle poll (ETag, 304); the first poll fills the cache");
        let row = self.row(Some(&server), row, 1, |_, _| {
            let command = self.gh(
                &server,
                &["watch", "--interval", &interval, "--timeout", &timeout],
            );
            Ok(Plan::new(command, |out| {
                let events = out[0].stdout_lines;
                expect(events == 0, || {
                    format!("an idle watch printed {events} events")
                })
            }))
        })?;
        Ok(Section {
            kind: Kind::Watch,
            title: format!("watch, {latency} ms per request"),
            latency_ms: latency,
            rows: vec![row],
        })
    }

    /// list --ndjson and snapshot of big stores: time and peak memory.
    fn scale(&self, latency: u64, stores: &BTreeMap<u64, SeedStore>) -> Result<Section> {
        let sizes = &self.sizes;
        let mut rows = Vec::new();
        for &n in &sizes.scale {
            let server = Server::start(&self.gh, &stores[&n].path, latency)?;
            let shown = report::thousands(n);
            rows.push(self.list_row(
                &server,
                new_row(
                    &format!("scale list N={n}"),
                    &format!("list --ndjson, N = {shown}"),
                    "list --ndjson",
                    Some("list_all()"),
                ),
                n,
                sizes.scale_runs,
            )?);
            rows.push(self.list_row_with(
                &server,
                new_row(
                    &format!("scale list sequential N={n}"),
                    &format!("list --ndjson --jobs 1 (page after page), N = {shown}"),
                    "list --ndjson --jobs 1",
                    None,
                ),
                n,
                sizes.scale_runs,
                |args| self.gh(&server, args),
                &["--jobs", "1"],
            )?);
            rows.push(self.scale_snapshot(&server, n, sizes.scale_runs, &[])?);
            rows.push(self.scale_snapshot(&server, n, sizes.scale_runs, &["--jobs", "1"])?);
            if Some(&n) == sizes.scale.last() {
                rows.extend(self.cron(&server, n)?);
            }
        }
        Ok(Section {
            kind: Kind::Scale,
            title: format!("Scale: wall time and peak memory, {latency} ms per request"),
            latency_ms: latency,
            rows,
        })
    }

    /// `snapshot -o FILE EXTRA…` of the store of `n` objects (the Python tool's without
    /// extra flags only).
    fn scale_snapshot(&self, server: &Server, n: u64, runs: usize, extra: &[&str]) -> Result<Row> {
        let shown = report::thousands(n);
        let files = [Tool::GhStore, Tool::Python]
            .map(|tool| self.work.join(format!("scale-{}-{n}.json", tool.tag())));
        let sequential = !extra.is_empty();
        let row = if sequential {
            new_row(
                &format!("scale snapshot sequential N={n}"),
                &format!("snapshot --jobs 1 (page after page), N = {shown}"),
                "snapshot -o FILE --jobs 1",
                None,
            )
        } else {
            new_row(
                &format!("scale snapshot N={n}"),
                &format!("snapshot, N = {shown}"),
                "snapshot -o FILE",
                Some("snapshot --output FILE"),
            )
        };
        self.row(Some(server), row, runs, |tool, _| {
            let (command, file) = match tool {
                Tool::GhStore => {
                    let mut args = vec!["snapshot".to_string(), "-o".into()];
                    args.push(files[0].to_string_lossy().into_owned());
                    args.extend(extra.iter().map(|a| a.to_string()));
                    let args: Vec<&str> = args.iter().map(String::as_str).collect();
                    (self.gh(server, &args), files[0].clone())
                }
                Tool::Python => (
                    self.py(
                        server,
                        &[
                            "cli",
                            "snapshot",
                            &format!("--output={}", files[1].display()),
                        ],
                    ),
                    files[1].clone(),
                ),
            };
            Ok(Plan::new(command, move |_| snapshot_check(&file, n, None)))
        })
    }

    /// A cron job's repeated reads of an unchanged store, with the cache on disk: its
    /// first run fills the cache (not measured); each measured run only revalidates.
    fn cron(&self, server: &Server, n: u64) -> Result<Vec<Row>> {
        let shown = report::thousands(n);
        let id = "obj-00001";
        let mut rows = Vec::new();
        for warm in [vec!["get", id], vec!["list", "--ndjson"]] {
            measure::run(
                &self.gh_cached(server, &warm),
                self.helper.as_deref(),
                TIMEOUT,
            )
            .map_err(|e| format!("cannot run: {e}"))?
            .success()?;
        }
        let note = "a repeat with nothing changed: every request a 304, which GitHub does not \
                    count against the rate limit; the Python tool has no cache";
        rows.push(
            self.row(
                Some(server),
                new_row(
                    &format!("cron get N={n}"),
                    &format!("get again, unchanged, cache on disk (N = {shown})"),
                    "get ID",
                    Some("get ID, with state=all"),
                )
                .note(note),
                self.sizes.scale_runs,
                |tool, _| {
                    let check = move |out: &[Measured]| {
                        let v = stdout_json(out)?;
                        expect(v["object_id"] == id, || format!("get printed {v}"))
                    };
                    Ok(match tool {
                        Tool::GhStore => Plan::new(self.gh_cached(server, &["get", id]), check),
                        Tool::Python => Plan::new(self.py(server, &["get", id]), check),
                    })
                },
            )?,
        );
        rows.push(
            self.list_row_with(
                server,
                new_row(
                    &format!("cron list N={n}"),
                    &format!("list again, unchanged, cache on disk (N = {shown})"),
                    "list --ndjson",
                    Some("list_all()"),
                )
                .note(note),
                n,
                self.sizes.scale_runs,
                |args| self.gh_cached(server, args),
                &[],
            )?,
        );
        Ok(rows)
    }

    /// `--version`, and `get` on a 0 ms server.
    fn startup(&self) -> Result<Section> {
        let store = SeedStore::create(&self.work.join("startup.db"))?;
        store.object("cfg", 1)?;
        let server = Server::start(&self.gh, &store.path, 0)?;
        let runs = self.sizes.startup_runs;
        // Warm the page cache for both tools before timing start-up.
        let _ = self.base(&self.gh).arg("--version").output();
        if let Some(py) = &self.py {
            let _ = self
                .base(&py.python)
                .arg(&py.driver)
                .arg("version")
                .output();
        }
        let version = self.row(
            None,
            new_row(
                "version",
                "`--version` (Python: import its CLI, print the version)",
                "--version",
                Some("import gh_store.__main__"),
            ),
            runs,
            |tool, _| {
                Ok(match tool {
                    Tool::GhStore => {
                        let mut command = self.base(&self.gh);
                        command.arg("--version");
                        Plan::new(command, |out| {
                            expect(out[0].stdout.starts_with("gh-store "), || {
                                format!("--version printed {:?}", out[0].stdout)
                            })
                        })
                    }
                    Tool::Python => {
                        let py = self.py.as_ref().expect("python");
                        let mut command = self.base(&py.python);
                        command.arg(&py.driver).arg("version");
                        Plan::new(command, |out| {
                            expect(out[0].stdout.trim() == "0.11.3", || {
                                format!("version printed {:?}", out[0].stdout)
                            })
                        })
                    }
                })
            },
        )?;
        let get = self.row(
            Some(&server),
            new_row(
                "get",
                "get at 0 ms",
                "get ID",
                Some("get ID, with state=all"),
            )
            .budget(1, "3"),
            self.sizes.runs,
            |tool, _| {
                let command = match tool {
                    Tool::GhStore => self.gh(&server, &["get", "cfg"]),
                    Tool::Python => self.py(&server, &["get", "cfg"]),
                };
                Ok(Plan::new(command, |out| {
                    let v = stdout_json(out)?;
                    expect(v["object_id"] == "cfg", || format!("get printed {v}"))
                }))
            },
        )?;
        Ok(Section {
            kind: Kind::Startup,
            title: "Start-up, 0 ms per request".into(),
            latency_ms: 0,
            rows: vec![version, get],
        })
    }

    // ---- description ----

    fn machine(&self) -> Vec<(String, String)> {
        let read = |path: &str| std::fs::read_to_string(path).unwrap_or_default();
        let cpuinfo = read("/proc/cpuinfo");
        let cpu = cpuinfo
            .lines()
            .find_map(|l| l.strip_prefix("model name"))
            .map(|l| l.trim_start_matches([' ', '\t', ':']).to_string())
            .unwrap_or_else(|| "unknown".into());
        let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
        let memory = read("/proc/meminfo")
            .lines()
            .find_map(|l| l.strip_prefix("MemTotal:"))
            .and_then(|l| l.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            .map_or("unknown".into(), |kib| {
                format!("{:.1} GiB", kib as f64 / 1048576.0)
            });
        let os = read("/etc/os-release")
            .lines()
            .find_map(|l| l.strip_prefix("PRETTY_NAME="))
            .map(|l| l.trim_matches('"').to_string())
            .unwrap_or_else(|| std::env::consts::OS.into());
        let kernel = read("/proc/sys/kernel/osrelease").trim().to_string();
        let version = self
            .base(&self.gh)
            .arg("--version")
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
            .unwrap_or_default();
        let commit = Command::new("git")
            .args([
                "-C",
                env!("CARGO_MANIFEST_DIR"),
                "describe",
                "--always",
                "--dirty",
            ])
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
            .unwrap_or_else(|| "unknown".into());
        vec![
            ("CPU".into(), format!("{cpu}, {cores} cores")),
            ("memory".into(), memory),
            ("OS".into(), format!("{os}, Linux {kernel}")),
            (
                "gh-store".into(),
                format!("{version}, commit {commit} ({})", self.gh.display()),
            ),
        ]
    }

    fn settings(&self) -> Vec<(String, String)> {
        let s = &self.sizes;
        let list = |v: &[u64]| {
            v.iter()
                .map(|n| report::thousands(*n))
                .collect::<Vec<_>>()
                .join(", ")
        };
        vec![
            (
                "latency per request".into(),
                s.latencies
                    .iter()
                    .map(|l| format!("{l} ms"))
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            (
                "repetitions (medians shown)".into(),
                format!(
                    "{} per operation, {} at scale, {} for start-up",
                    s.runs, s.scale_runs, s.startup_runs
                ),
            ),
            (
                "sizes".into(),
                format!(
                    "list N = {}; history C = {}; process U = {}; scale N = {}",
                    list(&s.list),
                    list(&s.history),
                    list(&s.process),
                    list(&s.scale)
                ),
            ),
            (
                "memory".into(),
                "peak resident set of the measured process: ru_maxrss from wait4(2), reaped by a freshly started helper".into(),
            ),
            (
                "requests".into(),
                "counted by the server (/_gh-store/stats), reset before each run; 304s are free on GitHub".into(),
            ),
            (
                "Python client".into(),
                "PyGithub's own throttling off (seconds_between_requests, seconds_between_writes and retry None), so that both tools wait for the server only".into(),
            ),
        ]
    }
}

// ---- helpers ----

fn new_row(key: &str, operation: &str, gh_store: &str, python: Option<&str>) -> Row {
    Row {
        key: key.into(),
        operation: operation.into(),
        gh_store: gh_store.into(),
        python_cmd: python.map(str::to_string),
        budget: None,
        python_budget: None,
        rust: Series::default(),
        python: None,
        note: None,
    }
}

trait RowExt {
    fn budget(self, gh_store: u64, python: &str) -> Row;
    fn note(self, note: impl Into<String>) -> Row;
}

impl RowExt for Row {
    fn budget(mut self, gh_store: u64, python: &str) -> Row {
        self.budget = Some(gh_store);
        self.python_budget = Some(python.into());
        self
    }

    fn note(mut self, note: impl Into<String>) -> Row {
        self.note = Some(note.into());
        self
    }
}

/// The Python tool's `process_updates` via its CLI, from the reference's formula:
/// 1 (CLI) + 6 + 2P(C) + C + Σ ceil(pos/30) over the updates + U, with C = U + 1.
fn python_process(u: u64) -> u64 {
    let c = u + 1;
    let rescans: u64 = (2..=c).map(|pos| pos.div_ceil(30)).sum();
    1 + 6 + 2 * c.div_ceil(30) + c + rescans + u
}

/// A JSON text as a Python string literal, so that the Python CLI (Fire) passes it on as a
/// string instead of parsing it into a dict (which its `json.loads` then rejects).
fn fire_string(json: &str) -> String {
    serde_json::to_string(json).expect("a string serialises")
}

fn stdout_json(out: &[Measured]) -> std::result::Result<Value, String> {
    let text = &out.last().expect("one command at least").stdout;
    serde_json::from_str(text).map_err(|e| format!("stdout is not JSON ({e}): {:.200}", text))
}

fn expect(ok: bool, why: impl FnOnce() -> String) -> std::result::Result<(), String> {
    if ok {
        Ok(())
    } else {
        Err(why())
    }
}

fn exists(store: &SeedStore, id: &str) -> std::result::Result<(), String> {
    store.get(id).map(|_| ()).map_err(|e| format!("{id}: {e}"))
}

fn counter_is(store: &SeedStore, id: &str, expected: u64) -> std::result::Result<(), String> {
    let object = store.get(id).map_err(|e| format!("{id}: {e}"))?;
    let counter = &object.data["counter"];
    expect(counter == expected, || {
        format!("{id}: counter is {counter}, not {expected}")
    })
}

/// A snapshot file holds `n` objects (and, after a refresh, the changed value).
fn snapshot_check(file: &Path, n: u64, counter: Option<u64>) -> std::result::Result<(), String> {
    let text = std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
    let v: Value = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", file.display()))?;
    let objects = v["objects"].as_object().map_or(0, |o| o.len()) as u64;
    expect(objects == n, || {
        format!("the snapshot holds {objects} objects, not {n}")
    })?;
    if let Some(expected) = counter {
        let got = &v["objects"]["obj-00000"]["data"]["counter"];
        expect(*got == expected, || {
            format!("the refreshed snapshot has counter {got}, not {expected}")
        })?;
    }
    Ok(())
}

fn progress(latency: u64, row: &Row) {
    let side = |series: Option<&Series>| match series {
        None => "—".to_string(),
        Some(s) if s.samples.is_empty() => {
            format!("failed: {}", s.failures.first().map_or("", String::as_str))
        }
        Some(s) => format!(
            "{} req, {}{}",
            s.requests().unwrap_or(0),
            s.wall_ms().map_or("—".into(), report::ms),
            if s.failures.is_empty() {
                String::new()
            } else {
                format!(" ({} failed: {})", s.failures.len(), s.failures[0])
            }
        ),
    };
    eprintln!(
        "bench: [{latency} ms] {}: gh-store {} | Python {}",
        row.key,
        side(Some(&row.rust)),
        side(row.python.as_ref())
    );
}

/// The gh-store binary: `--gh-store`, or the one beside this example (`target/<profile>/`),
/// built first when the benchmark runs under cargo.
fn locate_gh_store(options: &Options) -> Result<PathBuf> {
    if let Some(path) = &options.gh_store {
        // Absolute: the measured commands run in another working directory.
        return std::fs::canonicalize(path)
            .map_err(|e| format!("--gh-store {}: {e}", path.display()).into());
    }
    let exe = std::env::current_exe()?;
    let profile_dir = exe
        .parent()
        .and_then(Path::parent)
        .ok_or("cannot tell the target directory from the benchmark's path")?;
    let bin = profile_dir.join(format!("gh-store{}", std::env::consts::EXE_SUFFIX));
    if let Some(cargo) = std::env::var_os("CARGO") {
        // With this example in the same build, features resolve as for `cargo run --example`
        // (dev-dependencies included): building the binary alone would resolve them
        // differently, and each of the two builds would redo the other's dependencies.
        let mut build = Command::new(cargo);
        build
            .args(["build", "--bin", "gh-store", "--example", "bench"])
            .arg("--manifest-path")
            .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml"));
        // What `cargo run` set for this process is not the user's environment: some build
        // scripts (ring's) rerun when CARGO_MANIFEST_DIR changes.
        for (key, _) in std::env::vars_os() {
            let key = key.to_string_lossy();
            if key.starts_with("CARGO_PKG_")
                || [
                    "CARGO_MANIFEST_DIR",
                    "CARGO_MANIFEST_PATH",
                    "CARGO_CRATE_NAME",
                    "CARGO_BIN_NAME",
                    "CARGO_PRIMARY_PACKAGE",
                    "CARGO_RUSTC_CURRENT_DIR",
                    "OUT_DIR",
                ]
                .contains(&key.as_ref())
            {
                build.env_remove(key.as_ref());
            }
        }
        match profile_dir.file_name().and_then(|n| n.to_str()) {
            Some("debug") | None => {}
            Some("release") => {
                build.arg("--release");
            }
            Some(other) => {
                build.args(["--profile", other]);
            }
        }
        let status = build.status()?;
        if !status.success() {
            return Err("building gh-store failed".into());
        }
    }
    if !bin.exists() {
        return Err(format!(
            "{} not found: build it first (cargo build --release) or pass --gh-store",
            bin.display()
        )
        .into());
    }
    Ok(bin)
}

/// `<target dir>/bench-venv` when run from `target/<profile>/examples/`, else a temporary one.
fn default_venv(work: &Path) -> PathBuf {
    let exe = std::env::current_exe().unwrap_or_default();
    let examples = exe.parent();
    match examples.filter(|dir| dir.file_name().is_some_and(|n| n == "examples")) {
        Some(dir) => dir
            .parent()
            .and_then(Path::parent)
            .map_or_else(|| work.join("venv"), |target| target.join("bench-venv")),
        None => work.join("venv"),
    }
}
