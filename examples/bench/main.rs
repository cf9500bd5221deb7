//! The gh-store benchmark (issue 6): requests, wall time and memory of gh-store's commands,
//! side by side with the Python gh-store 0.11.3, on `gh-store serve` with injected latency.
//!
//! ```text
//! cargo run --release --example bench                     # the full run (minutes)
//! cargo run --release --example bench -- --help           # sizes, latencies, outputs
//! cargo run --example bench -- --smoke                    # seconds: tiny sizes, 0 ms
//! ```
//!
//! See BENCHMARKS.md for what is measured and how. The test suite runs `--smoke`
//! (`tests/cli/bench_smoke.rs`, which includes this file as a module).

mod measure;
mod python;
mod report;
mod scenarios;
mod seed;
mod server;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, ValueEnum};

pub use report::{Kind, Report, Row, Section, Series};

pub type Result<T> = std::result::Result<T, Box<dyn std::error::Error + Send + Sync>>;

/// Benchmarks gh-store against the Python gh-store on a local `gh-store serve`.
#[derive(Debug, Clone, Parser)]
#[command(name = "bench")]
pub struct Options {
    /// Latency injected per API request, one full run each, comma-separated
    /// [default: 100ms,0ms; with --smoke: 0ms]
    #[arg(long, value_delimiter = ',')]
    pub latency: Vec<String>,
    /// Repetitions of each operation (the report shows medians)
    #[arg(long, default_value_t = 5)]
    pub runs: usize,
    /// Repetitions of the scale scenarios
    #[arg(long, default_value_t = 3)]
    pub scale_runs: usize,
    /// Objects in the scale store (also measured at 1,000, to show memory flat in N)
    #[arg(long, default_value_t = 10_000)]
    pub scale: u64,
    /// Duration of the idle `watch` (0 skips it)
    #[arg(long, default_value_t = 60)]
    pub watch_seconds: u64,
    /// Run the Python gh-store too (auto: install it, or skip it with a message)
    #[arg(long, value_enum)]
    pub python: Option<PythonMode>,
    /// The Python (3.11 to 3.13) that creates the virtual environment
    #[arg(long, default_value = "python3")]
    pub python_bin: String,
    /// Virtual environment for the Python gh-store [default: <target dir>/bench-venv]
    #[arg(long)]
    pub venv: Option<PathBuf>,
    /// The gh-store binary [default: the one beside this example, built first under cargo]
    #[arg(long)]
    pub gh_store: Option<PathBuf>,
    /// Also write the Markdown report here
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Also write every sample as JSON here
    #[arg(long)]
    pub json: Option<PathBuf>,
    /// Tiny sizes, one run, 0 ms, a 1-second watch, Python skipped unless --python auto
    #[arg(long)]
    pub smoke: bool,
    /// The binary that starts and reaps each measured command: this benchmark itself when
    /// run as the example (see measure.rs); without one, small peaks cannot be told
    #[arg(long, hide = true)]
    pub measure_helper: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PythonMode {
    Auto,
    Skip,
}

pub fn run(options: &Options) -> Result<Report> {
    scenarios::run(options)
}

#[allow(dead_code)] // the smoke test includes this file as a module and calls `run`
fn main() -> ExitCode {
    let mut args = std::env::args_os();
    if args.nth(1).is_some_and(|arg| arg == measure::HELPER_ARG) {
        return measure::helper_main(args);
    }
    let mut options = Options::parse();
    if options.measure_helper.is_none() {
        options.measure_helper = std::env::current_exe().ok();
    }
    let report = match run(&options) {
        Ok(report) => report,
        Err(err) => {
            eprintln!("bench: error: {err}");
            return ExitCode::FAILURE;
        }
    };
    let markdown = report.markdown();
    println!("{markdown}");
    if let Some(path) = &options.out {
        if let Err(err) = std::fs::write(path, &markdown) {
            eprintln!("bench: cannot write {}: {err}", path.display());
            return ExitCode::FAILURE;
        }
    }
    if let Some(path) = &options.json {
        let text = serde_json::to_string_pretty(&report).expect("serialisable");
        if let Err(err) = std::fs::write(path, text) {
            eprintln!("bench: cannot write {}: {err}", path.display());
            return ExitCode::FAILURE;
        }
    }
    let failures = report.gh_store_failures();
    if failures > 0 {
        eprintln!("bench: {failures} gh-store runs failed (see the report)");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
