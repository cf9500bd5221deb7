//! Results: samples, medians, the targets of issue 6, and the Markdown report.

use std::fmt::Write as _;

use serde::Serialize;

/// One measured run of an operation (one or more commands against one server).
#[derive(Debug, Clone, Serialize)]
pub struct Sample {
    pub wall_ms: f64,
    /// Every API request the server received during the run.
    pub requests: u64,
    /// Of those, the ones answered 304 Not Modified (free on GitHub).
    pub not_modified: u64,
    /// Peak resident memory of the measured process (the largest, for several commands).
    pub max_rss_kib: Option<u64>,
}

/// The runs of one tool for one operation.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Series {
    pub samples: Vec<Sample>,
    /// Why runs failed (those runs have no sample).
    pub failures: Vec<String>,
}

impl Series {
    pub fn push(&mut self, outcome: Result<Sample, String>) {
        match outcome {
            Ok(sample) => self.samples.push(sample),
            Err(why) => self.failures.push(why),
        }
    }

    pub fn ok(&self) -> bool {
        self.failures.is_empty() && !self.samples.is_empty()
    }

    pub fn wall_ms(&self) -> Option<f64> {
        median_f64(self.samples.iter().map(|s| s.wall_ms).collect())
    }

    pub fn requests(&self) -> Option<u64> {
        median_u64(self.samples.iter().map(|s| s.requests).collect())
    }

    /// Requests counted against the rate limit (all but the 304s).
    pub fn counted(&self) -> Option<u64> {
        median_u64(
            self.samples
                .iter()
                .map(|s| s.requests - s.not_modified)
                .collect(),
        )
    }

    pub fn not_modified(&self) -> Option<u64> {
        median_u64(self.samples.iter().map(|s| s.not_modified).collect())
    }

    pub fn rss_kib(&self) -> Option<u64> {
        median_u64(self.samples.iter().filter_map(|s| s.max_rss_kib).collect())
    }

    /// Whether every run spent the same number of requests.
    pub fn requests_vary(&self) -> bool {
        let mut counts = self.samples.iter().map(|s| s.requests);
        let first = counts.next();
        counts.any(|c| Some(c) != first)
    }
}

fn median_f64(mut values: Vec<f64>) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(|a, b| a.total_cmp(b));
    let mid = values.len() / 2;
    Some(if values.len() % 2 == 1 {
        values[mid]
    } else {
        (values[mid - 1] + values[mid]) / 2.0
    })
}

/// The median; of two middle values, the lower (counts stay whole).
fn median_u64(mut values: Vec<u64>) -> Option<u64> {
    if values.is_empty() {
        return None;
    }
    values.sort_unstable();
    Some(values[(values.len() - 1) / 2])
}

/// One operation, both tools.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    /// Stable name, e.g. `process U=50`, `list N=1000`, `scale list N=10000`.
    pub key: String,
    /// What a reader sees.
    pub operation: String,
    /// The gh-store command line (after `gh-store --api-url URL -R OWNER/REPO`).
    pub gh_store: String,
    /// The Python tool's equivalent; `None` when it has none.
    pub python_cmd: Option<String>,
    /// gh-store's request budget from design-notes §5, where it has one.
    pub budget: Option<u64>,
    /// The Python column of §5.
    pub python_budget: Option<String>,
    pub rust: Series,
    /// `None` when the Python side is skipped or has no such operation.
    pub python: Option<Series>,
    pub note: Option<String>,
}

impl Row {
    /// Python time / gh-store time.
    pub fn speedup(&self) -> Option<f64> {
        let rust = self.rust.wall_ms()?;
        let python = self.python.as_ref()?.wall_ms()?;
        (rust > 0.0).then(|| python / rust)
    }

    /// Python requests / gh-store requests.
    pub fn request_ratio(&self) -> Option<f64> {
        let rust = self.rust.requests()?;
        let python = self.python.as_ref()?.requests()?;
        (rust > 0).then(|| python as f64 / rust as f64)
    }

    /// Requests counted against the rate limit within the §5 budget.
    pub fn within_budget(&self) -> Option<bool> {
        Some(self.rust.counted()? <= self.budget?)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Kind {
    Operations,
    Scale,
    Watch,
    Startup,
}

#[derive(Debug, Clone, Serialize)]
pub struct Section {
    pub kind: Kind,
    pub title: String,
    /// Injected latency per request.
    pub latency_ms: u64,
    pub rows: Vec<Row>,
}

impl Section {
    pub fn row(&self, key: &str) -> Option<&Row> {
        self.rows.iter().find(|r| r.key == key)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Target {
    pub target: String,
    pub measured: String,
    /// `None`: not evaluated in this run (e.g. no 100 ms run, or Python skipped).
    pub met: Option<bool>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub generated_at: String,
    pub machine: Vec<(String, String)>,
    pub settings: Vec<(String, String)>,
    /// `Ok(versions)` or `Err(why it was skipped)`.
    pub python: Result<String, String>,
    pub sections: Vec<Section>,
    pub targets: Vec<Target>,
}

impl Report {
    pub fn rows(&self) -> impl Iterator<Item = (&Section, &Row)> {
        self.sections
            .iter()
            .flat_map(|s| s.rows.iter().map(move |r| (s, r)))
    }

    /// Failed runs, as `section / operation / tool: why`.
    pub fn failures(&self) -> Vec<String> {
        let mut out = Vec::new();
        for (section, row) in self.rows() {
            for (tool, series) in [
                ("gh-store", Some(&row.rust)),
                ("Python", row.python.as_ref()),
            ] {
                for why in series.map(|s| s.failures.as_slice()).unwrap_or_default() {
                    out.push(format!("{} / {} / {tool}: {why}", section.title, row.key));
                }
            }
        }
        out
    }

    /// Failed gh-store runs only.
    pub fn gh_store_failures(&self) -> usize {
        self.rows().map(|(_, r)| r.rust.failures.len()).sum()
    }

    pub fn section(&self, kind: Kind, latency_ms: u64) -> Option<&Section> {
        self.sections
            .iter()
            .find(|s| s.kind == kind && s.latency_ms == latency_ms)
    }
}

/// Checks the measurements against the targets of issue 6.
pub fn evaluate(sections: &[Section], python: bool) -> Vec<Target> {
    let find = |kind: Kind, latency: u64| {
        sections
            .iter()
            .find(|s| s.kind == kind && s.latency_ms == latency)
    };
    let mut targets = Vec::new();

    // Request budgets, at every latency (they do not depend on it).
    let mut over = Vec::new();
    let mut checked = 0;
    for section in sections {
        for row in &section.rows {
            if let Some(within) = row.within_budget() {
                checked += 1;
                if !within {
                    over.push(format!(
                        "{} at {} ms: {} > {}",
                        row.key,
                        section.latency_ms,
                        row.rust.requests().unwrap_or(0),
                        row.budget.unwrap_or(0)
                    ));
                }
            }
        }
    }
    targets.push(Target {
        target: "request counts at or under design-notes §5".into(),
        measured: if over.is_empty() {
            format!("{checked} of {checked} operations within budget")
        } else {
            format!("over budget: {}", over.join("; "))
        },
        met: (checked > 0).then_some(over.is_empty()),
    });

    // Speed at 100 ms.
    let ops = find(Kind::Operations, 100);
    let single: Vec<&Row> = ops
        .map(|s| {
            s.rows
                .iter()
                .filter(|r| !r.key.starts_with("list") && !r.key.starts_with("snapshot"))
                .collect()
        })
        .unwrap_or_default();
    let speedups: Vec<(String, f64)> = single
        .iter()
        .filter_map(|r| Some((r.key.clone(), r.speedup()?)))
        .collect();
    let slowest = speedups
        .iter()
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(key, x)| format!("slowest: {key} {x:.1}×"));
    targets.push(Target {
        target: "at 100 ms, every single-object operation ≥ 3× faster than Python".into(),
        measured: slowest.clone().unwrap_or_else(|| "not measured".into()),
        met: (python && !speedups.is_empty() && speedups.len() == single.len())
            .then(|| speedups.iter().all(|(_, x)| *x >= 3.0)),
    });
    let process50 = ops
        .and_then(|s| s.row("process U=50"))
        .and_then(Row::speedup);
    targets.push(Target {
        target: "at 100 ms, process of 50 updates ≥ 5× faster than Python".into(),
        measured: process50.map_or("not measured".into(), |x| format!("{x:.1}×")),
        met: process50.map(|x| x >= 5.0),
    });

    // Memory at scale.
    let scale_rows: Vec<&Row> = sections
        .iter()
        .filter(|s| s.kind == Kind::Scale)
        .flat_map(|s| s.rows.iter())
        .collect();
    let largest = scale_rows
        .iter()
        .filter(|r| r.key.starts_with("scale list N="))
        .filter_map(|r| Some((n_of(&r.key)?, r.rust.rss_kib()?)))
        .max_by_key(|(n, _)| *n);
    targets.push(Target {
        target: "list --ndjson of 10,000 objects under 50 MB peak memory".into(),
        measured: largest.map_or("not measured".into(), |(n, kib)| {
            format!("{} at N = {}", mib(kib), thousands(n))
        }),
        met: largest
            .filter(|(n, _)| *n >= 10_000)
            .map(|(_, kib)| (kib as f64) * 1024.0 < 50e6),
    });
    // Issue 14: pages concurrently, and a cron job's repeats free of the rate limit.
    let at_100 = find(Kind::Scale, 100).map(|s| s.rows.iter().collect::<Vec<_>>());
    let listed = at_100.as_ref().and_then(|rows| {
        rows.iter()
            .filter(|r| r.key.starts_with("scale list N="))
            .filter_map(|r| Some((n_of(&r.key)?, r.rust.wall_ms()?)))
            .max_by_key(|(n, _)| *n)
    });
    targets.push(Target {
        target: "list --ndjson of 10,000 objects in under 2 s at 100 ms".into(),
        measured: listed.map_or("not measured".into(), |(n, ms)| {
            format!("{:.2} s at N = {}", ms / 1000.0, thousands(n))
        }),
        met: listed
            .filter(|(n, _)| *n >= 10_000)
            .map(|(_, ms)| ms < 2000.0),
    });
    let repeats: Vec<(String, u64)> = sections
        .iter()
        .flat_map(|s| s.rows.iter())
        .filter(|r| r.key.starts_with("cron "))
        .filter_map(|r| Some((r.operation.clone(), r.rust.counted()?)))
        .collect();
    targets.push(Target {
        target: "a repeated get or list of an unchanged store: 0 requests counted against the rate limit".into(),
        measured: if repeats.is_empty() {
            "not measured".into()
        } else {
            repeats
                .iter()
                .map(|(op, counted)| format!("{op}: {counted}"))
                .collect::<Vec<_>>()
                .join("; ")
        },
        met: (!repeats.is_empty()).then(|| repeats.iter().all(|(_, counted)| *counted == 0)),
    });
    // (operation, smallest N, its peak, largest N, its peak)
    let flat: Vec<(&str, u64, u64, u64, u64)> =
        [("scale list N=", "list"), ("scale snapshot N=", "snapshot")]
            .iter()
            .filter_map(|(prefix, name)| {
                let mut by_n: Vec<(u64, u64)> = scale_rows
                    .iter()
                    .filter(|r| r.key.starts_with(prefix))
                    .filter_map(|r| Some((n_of(&r.key)?, r.rust.rss_kib()?)))
                    .collect();
                by_n.sort();
                let (small, large) = (*by_n.first()?, *by_n.last()?);
                (small.0 < large.0).then_some((*name, small.0, small.1, large.0, large.1))
            })
            .collect();
    targets.push(Target {
        target: "memory flat in N (peak at the largest N ≤ 1.25 × at the smallest)".into(),
        measured: if flat.is_empty() {
            "not measured".into()
        } else {
            flat.iter()
                .map(|(op, n1, m1, n2, m2)| {
                    format!(
                        "{op}: {} at N = {}, {} at N = {} ({:.2}×)",
                        mib(*m1),
                        thousands(*n1),
                        mib(*m2),
                        thousands(*n2),
                        *m2 as f64 / *m1 as f64
                    )
                })
                .collect::<Vec<_>>()
                .join("; ")
        },
        met: (!flat.is_empty()).then(|| {
            flat.iter()
                .all(|(_, _, m1, _, m2)| (*m2 as f64) <= (*m1 as f64) * 1.25)
        }),
    });

    // Start-up.
    let version = find(Kind::Startup, 0)
        .and_then(|s| s.row("version"))
        .and_then(|r| r.rust.wall_ms());
    targets.push(Target {
        target: "gh-store --version under 10 ms".into(),
        measured: version.map_or("not measured".into(), ms),
        met: version.map(|t| t < 10.0),
    });
    targets
}

/// `N` from keys like `scale list N=10000`.
fn n_of(key: &str) -> Option<u64> {
    key.rsplit_once("N=")?.1.parse().ok()
}

pub fn ms(value: f64) -> String {
    if value >= 10_000.0 {
        format!("{:.1} s", value / 1000.0)
    } else if value >= 1000.0 {
        format!("{:.2} s", value / 1000.0)
    } else if value >= 10.0 {
        format!("{value:.0} ms")
    } else {
        format!("{value:.1} ms")
    }
}

pub fn mib(kib: u64) -> String {
    format!("{:.1} MiB", kib as f64 / 1024.0)
}

pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn ratio(x: Option<f64>) -> String {
    x.map_or("—".into(), |x| {
        if x >= 10.0 {
            format!("{x:.0}×")
        } else {
            format!("{x:.1}×")
        }
    })
}

/// A cell for one tool's series: the value, `failed`, or `—` (not run).
fn cell<T>(
    series: Option<&Series>,
    value: impl Fn(&Series) -> Option<T>,
    show: impl Fn(T) -> String,
) -> String {
    match series {
        None => "—".into(),
        Some(s) if !s.ok() && s.samples.is_empty() => "failed".into(),
        Some(s) => {
            let text = value(s).map_or("—".into(), &show);
            if s.failures.is_empty() {
                text
            } else {
                format!("{text} ({} failed)", s.failures.len())
            }
        }
    }
}

/// Requests, with the free 304s said (`5 (1 × 304)`) and `*` when runs differed.
fn requests_cell(series: Option<&Series>) -> String {
    cell(series, Series::requests, |n| {
        let mut text = thousands(n);
        if series.is_some_and(Series::requests_vary) {
            text.push('*');
        }
        match series.and_then(Series::not_modified) {
            Some(free) if free > 0 => format!("{text} ({free} × 304)"),
            _ => text,
        }
    })
}

impl Report {
    pub fn markdown(&self) -> String {
        let mut md = String::new();
        let _ = writeln!(
            md,
            "Generated {} by `cargo run --release --example bench`.\n",
            self.generated_at
        );
        let _ = writeln!(md, "| machine | |\n|---|---|");
        for (k, v) in &self.machine {
            let _ = writeln!(md, "| {k} | {v} |");
        }
        let _ = writeln!(md, "\n| settings | |\n|---|---|");
        for (k, v) in &self.settings {
            let _ = writeln!(md, "| {k} | {v} |");
        }
        match &self.python {
            Ok(versions) => {
                let _ = writeln!(md, "| Python side | {versions} |");
            }
            Err(why) => {
                let _ = writeln!(md, "| Python side | **skipped**: {why} |");
            }
        }
        md.push_str(
            "\nEach figure is the median of the runs. Requests are what the server received; \
             `(n × 304)` says how many of them were answered 304 Not Modified, which GitHub does \
             not count against the rate limit; `*` marks a median over runs that spent different \
             counts. Ratio and speed-up are Python ÷ gh-store. Peak memory is the measured \
             process's own (the helper that starts it puts a floor of about 4 MiB under it).\n\n",
        );
        for section in &self.sections {
            let _ = writeln!(md, "### {}\n", section.title);
            match section.kind {
                Kind::Operations => operations_table(&mut md, section),
                Kind::Scale | Kind::Startup => time_and_memory_table(&mut md, section),
                Kind::Watch => watch_table(&mut md, section),
            }
            let notes: Vec<String> = section
                .rows
                .iter()
                .filter_map(|r| r.note.as_ref().map(|n| format!("- {}: {n}", r.operation)))
                .collect();
            if !notes.is_empty() {
                let _ = writeln!(md, "\n{}", notes.join("\n"));
            }
            md.push('\n');
        }
        if let Some(section) = self.sections.iter().find(|s| s.kind == Kind::Operations) {
            let _ = writeln!(md, "### What the request counts mean\n");
            budget_table(&mut md, section);
            md.push('\n');
        }
        let _ = writeln!(md, "### Targets\n");
        let _ = writeln!(md, "| target | measured | |\n|---|---|---|");
        for t in &self.targets {
            let verdict = match t.met {
                Some(true) => "met",
                Some(false) => "**missed**",
                None => "not evaluated",
            };
            let _ = writeln!(md, "| {} | {} | {verdict} |", t.target, t.measured);
        }
        let failures = self.failures();
        if !failures.is_empty() {
            let _ = writeln!(md, "\n### Failed runs\n");
            for f in failures {
                let _ = writeln!(md, "- {f}");
            }
        }
        md
    }
}

fn operations_table(md: &mut String, section: &Section) {
    let _ = writeln!(
        md,
        "| operation | requests: gh-store | Python | ratio | §5 budget: gh-store | Python | time: gh-store | Python | speed-up |"
    );
    let _ = writeln!(md, "|---|--:|--:|--:|--:|---|--:|--:|--:|");
    for row in &section.rows {
        let budget = match (row.budget, row.within_budget()) {
            (Some(b), Some(true)) => format!("≤ {b} ✓"),
            (Some(b), Some(false)) => format!("≤ {b} ✗"),
            (Some(b), None) => format!("≤ {b}"),
            (None, _) => "—".into(),
        };
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            row.operation,
            requests_cell(Some(&row.rust)),
            requests_cell(row.python.as_ref()),
            ratio(row.request_ratio()),
            budget,
            row.python_budget.as_deref().unwrap_or("—"),
            cell(Some(&row.rust), Series::wall_ms, ms),
            cell(row.python.as_ref(), Series::wall_ms, ms),
            ratio(row.speedup()),
        );
    }
}

/// Scale and start-up: requests, wall time and peak memory of both tools.
fn time_and_memory_table(md: &mut String, section: &Section) {
    let _ = writeln!(
        md,
        "| operation | requests: gh-store | Python | time: gh-store | Python | speed-up | peak memory: gh-store | Python |"
    );
    let _ = writeln!(md, "|---|--:|--:|--:|--:|--:|--:|--:|");
    for row in &section.rows {
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} | {} | {} | {} | {} |",
            row.operation,
            requests_cell(Some(&row.rust)),
            requests_cell(row.python.as_ref()),
            cell(Some(&row.rust), Series::wall_ms, ms),
            cell(row.python.as_ref(), Series::wall_ms, ms),
            ratio(row.speedup()),
            cell(Some(&row.rust), Series::rss_kib, mib),
            cell(row.python.as_ref(), Series::rss_kib, mib),
        );
    }
}

fn watch_table(md: &mut String, section: &Section) {
    let _ = writeln!(
        md,
        "| operation | requests | counted against the rate limit | answered 304 | wall time | Python |"
    );
    let _ = writeln!(md, "|---|--:|--:|--:|--:|---|");
    for row in &section.rows {
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} | {} | no such command |",
            row.operation,
            requests_cell(Some(&row.rust)),
            cell(Some(&row.rust), Series::counted, thousands),
            cell(Some(&row.rust), Series::not_modified, thousands),
            cell(Some(&row.rust), Series::wall_ms, ms),
        );
    }
}

/// Each operation's share of an hourly budget: 1,000 requests for an Actions
/// `GITHUB_TOKEN`, 5,000 for a personal token.
fn budget_table(md: &mut String, section: &Section) {
    let _ = writeln!(
        md,
        "How many times an hour each operation fits in a token's budget (GitHub: 1,000 requests/hour for an Actions `GITHUB_TOKEN`, 5,000 for a personal token), from the request counts above.\n"
    );
    let _ = writeln!(
        md,
        "| operation | gh-store: share of 1,000/h | runs/hour at 1,000 | at 5,000 | Python: share of 1,000/h | runs/hour at 1,000 | at 5,000 |"
    );
    let _ = writeln!(md, "|---|--:|--:|--:|--:|--:|--:|");
    let fits = |series: Option<&Series>| -> [String; 3] {
        match series.and_then(Series::counted) {
            Some(n) if n > 0 => [
                format!("{:.1}%", n as f64 / 10.0),
                thousands(1000 / n),
                thousands(5000 / n),
            ],
            Some(_) => ["0%".into(), "∞".into(), "∞".into()],
            None => ["—".into(), "—".into(), "—".into()],
        }
    };
    for row in &section.rows {
        let [a, b, c] = fits(Some(&row.rust));
        let [d, e, f] = fits(row.python.as_ref());
        let _ = writeln!(
            md,
            "| {} | {a} | {b} | {c} | {d} | {e} | {f} |",
            row.operation
        );
    }
}
