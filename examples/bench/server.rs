//! `gh-store serve` as a child process, and its request counters.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, ChildStdout, Command, Stdio};
use std::time::Duration;

use serde::Deserialize;

use super::seed::{OWNER, REPO, TOKEN};
use super::Result;

/// A running `gh-store --local DB serve`, killed when dropped.
pub struct Server {
    child: Child,
    /// Kept open: the server may still write to it.
    _stdout: BufReader<ChildStdout>,
    pub url: String,
    pub latency_ms: u64,
    agent: ureq::Agent,
}

/// What `GET /_gh-store/stats` answers (the fields the benchmark reads).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Stats {
    pub total: u64,
    pub not_modified: u64,
    pub rate_limited: u64,
}

impl Server {
    /// Starts serving `db` with `latency_ms` added to every API request. The primary rate
    /// limit is raised far above a run's traffic: the counters, not refusals, are measured.
    pub fn start(bin: &Path, db: &Path, latency_ms: u64) -> Result<Server> {
        let mut child = Command::new(bin)
            .env_clear()
            .arg("--local")
            .arg(db)
            .args(["serve", "-R", REPO, "--user"])
            .arg(format!("{OWNER}:{TOKEN}"))
            .arg(format!("--latency={latency_ms}ms"))
            .arg("--rate-limit=1000000")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start {} serve: {e}", bin.display()))?;
        let mut line = String::new();
        let mut stdout = BufReader::new(child.stdout.take().expect("piped"));
        stdout.read_line(&mut line)?;
        let url = line.trim().to_string();
        if !url.starts_with("http://") {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!("gh-store serve printed {url:?} instead of its URL").into());
        }
        let agent = ureq::Agent::config_builder()
            .timeout_global(Some(Duration::from_secs(30)))
            .proxy(None)
            .build()
            .new_agent();
        Ok(Server {
            child,
            _stdout: stdout,
            url,
            latency_ms,
            agent,
        })
    }

    pub fn reset(&self) -> Result<()> {
        self.agent
            .post(format!("{}/_gh-store/stats/reset", self.url))
            .send_empty()?;
        Ok(())
    }

    pub fn stats(&self) -> Result<Stats> {
        Ok(self
            .agent
            .get(format!("{}/_gh-store/stats", self.url))
            .call()?
            .body_mut()
            .read_json()?)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
