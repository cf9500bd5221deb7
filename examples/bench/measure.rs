//! Runs one command and measures it: wall time from spawn to exit, and the peak resident
//! memory of that one process.
//!
//! Peak memory is `ru_maxrss` from `wait4(2)`, the rusage of that one child. On Linux it has
//! a trap: `exec` records the peak RSS of the memory it replaces, which for a child spawned
//! by the benchmark is the benchmark's own peak (tens of MB once it has seeded stores). So
//! commands are started through a *helper*: this benchmark binary executed afresh (a few MB),
//! which spawns the command, reaps it with `wait4` and reports wall time, peak RSS and exit
//! code on its last stderr line. The command's figure is then its own, or the helper's few
//! MB if it never got that big. Without a helper (the smoke test runs inside the test
//! binary) the child is reaped directly, and a peak no larger than the benchmark's own is
//! reported as unknown rather than wrong.

use std::ffi::{OsStr, OsString};
use std::io::{self, Read};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

/// The first argument that turns the benchmark binary into the helper.
pub const HELPER_ARG: &str = "__gh-store-bench-measure";
/// Starts the helper's report line.
const REPORT_MARK: &str = "__gh-store-bench-rusage";

/// How much of stdout and stderr is kept for checks and error messages.
const KEEP_STDOUT: usize = 1 << 20;
const KEEP_STDERR: usize = 8 << 10;

/// A command to measure: program, arguments, the whole environment, working directory.
#[derive(Debug, Clone)]
pub struct Cmd {
    program: PathBuf,
    args: Vec<OsString>,
    env: Vec<(OsString, OsString)>,
    cwd: PathBuf,
}

impl Cmd {
    /// `program` in `cwd` with an empty environment.
    pub fn new(program: &Path, cwd: &Path) -> Cmd {
        Cmd {
            program: program.to_owned(),
            args: Vec::new(),
            env: Vec::new(),
            cwd: cwd.to_owned(),
        }
    }

    pub fn arg(&mut self, arg: impl AsRef<OsStr>) -> &mut Cmd {
        self.args.push(arg.as_ref().to_owned());
        self
    }

    pub fn args<I, S>(&mut self, args: I) -> &mut Cmd
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        for arg in args {
            self.arg(arg);
        }
        self
    }

    pub fn env(&mut self, key: impl AsRef<OsStr>, value: impl AsRef<OsStr>) -> &mut Cmd {
        self.env
            .push((key.as_ref().to_owned(), value.as_ref().to_owned()));
        self
    }

    /// The command itself, or the helper running it.
    fn command(&self, helper: Option<&Path>) -> Command {
        let mut command = match helper {
            Some(helper) => {
                let mut command = Command::new(helper);
                command.arg(HELPER_ARG).arg(&self.program);
                command
            }
            None => Command::new(&self.program),
        };
        command
            .args(&self.args)
            .env_clear()
            .envs(self.env.iter().map(|(k, v)| (k, v)))
            .current_dir(&self.cwd);
        command
    }

    /// Runs it unmeasured (warm-up, descriptions).
    pub fn output(&self) -> io::Result<std::process::Output> {
        self.command(None).stdin(Stdio::null()).output()
    }
}

/// One finished command.
#[derive(Debug)]
pub struct Measured {
    pub wall: Duration,
    /// Peak resident set of the process, KiB; `None` when it cannot be told.
    pub max_rss_kib: Option<u64>,
    /// The exit code; a signal shows as `-signal`.
    pub code: i32,
    /// The first [`KEEP_STDOUT`] bytes of stdout.
    pub stdout: String,
    pub stdout_lines: u64,
    /// The last [`KEEP_STDERR`] bytes of stderr.
    pub stderr: String,
}

impl Measured {
    /// `Err` with the command's own words when it failed.
    pub fn success(&self) -> Result<(), String> {
        if self.code == 0 {
            return Ok(());
        }
        let tail: Vec<&str> = self.stderr.lines().rev().take(6).collect();
        let tail: Vec<&str> = tail.into_iter().rev().collect();
        Err(format!("exit {}: {}", self.code, tail.join(" | ")))
    }
}

/// Runs `cmd` (stdin closed, stdout and stderr read in full) through `helper` when given,
/// killing it (and anything it started) after `timeout`.
pub fn run(cmd: &Cmd, helper: Option<&Path>, timeout: Duration) -> io::Result<Measured> {
    let mut command = cmd.command(helper);
    command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0);
    let own_peak = if helper.is_none() {
        own_peak_kib()
    } else {
        None
    };
    let started = Instant::now();
    let mut child = command.spawn()?;
    let stdout = child.stdout.take().expect("piped");
    let stderr = child.stderr.take().expect("piped");
    let out_reader = thread::spawn(move || read_head(stdout));
    let err_reader = thread::spawn(move || read_tail(stderr));

    let done = Arc::new(AtomicBool::new(false));
    let watchdog = {
        let done = Arc::clone(&done);
        let group = child.id();
        thread::spawn(move || {
            let deadline = Instant::now() + timeout;
            while !done.load(Ordering::SeqCst) {
                if Instant::now() >= deadline {
                    sys::kill_group(group);
                    return;
                }
                thread::sleep(Duration::from_millis(20));
            }
        })
    };
    let waited = sys::wait(&mut child);
    let wall = started.elapsed();
    done.store(true, Ordering::SeqCst);
    let _ = watchdog.join();
    let (code, max_rss_kib) = waited?;
    let (stdout, stdout_lines) = out_reader.join().expect("stdout reader");
    let stderr = err_reader.join().expect("stderr reader");
    let mut measured = Measured {
        wall,
        max_rss_kib,
        code,
        stdout,
        stdout_lines,
        stderr,
    };
    match helper {
        Some(_) => take_report(&mut measured)?,
        // The child's figure includes the benchmark's own peak: only a larger one is its own.
        None => {
            measured.max_rss_kib = match (measured.max_rss_kib, own_peak) {
                (Some(child), Some(own)) if child > own => Some(child),
                (Some(child), None) => Some(child),
                _ => None,
            }
        }
    }
    Ok(measured)
}

/// Moves the helper's report from the end of stderr into `measured`.
fn take_report(measured: &mut Measured) -> io::Result<()> {
    let missing = || {
        io::Error::other(format!(
            "the measuring helper did not report (exit {}): {}",
            measured.code,
            measured.stderr.lines().last().unwrap_or("")
        ))
    };
    let start = measured.stderr.rfind(REPORT_MARK).ok_or_else(missing)?;
    let line = measured.stderr[start..].trim().to_string();
    let fields: Vec<&str> = line.split_whitespace().skip(1).collect();
    let [wall_ns, rss, code] = fields.as_slice() else {
        return Err(missing());
    };
    let parse = |text: &str| text.parse::<i64>().map_err(|_| missing());
    measured.wall = Duration::from_nanos(parse(wall_ns)?.max(0) as u64);
    measured.max_rss_kib = u64::try_from(parse(rss)?).ok();
    measured.code = parse(code)? as i32;
    measured.stderr.truncate(start);
    Ok(())
}

/// The helper: runs `program args…` with this process's environment and stdio, then
/// prints `MARK wall_ns max_rss_kib code` as the last line of stderr and exits like it.
pub fn helper_main(mut args: impl Iterator<Item = OsString>) -> ExitCode {
    let Some(program) = args.next() else {
        eprintln!("{HELPER_ARG}: no command");
        return ExitCode::from(2);
    };
    let started = Instant::now();
    let mut child = match Command::new(&program).args(args).spawn() {
        Ok(child) => child,
        Err(err) => {
            eprintln!("cannot run {}: {err}", program.to_string_lossy());
            return ExitCode::from(127);
        }
    };
    let (code, rss) = match sys::wait(&mut child) {
        Ok(done) => done,
        Err(err) => {
            eprintln!("waiting for {}: {err}", program.to_string_lossy());
            return ExitCode::from(1);
        }
    };
    let wall = started.elapsed();
    eprintln!(
        "\n{REPORT_MARK} {} {} {code}",
        wall.as_nanos(),
        rss.map_or(-1, |kib| kib as i64)
    );
    ExitCode::from(if code >= 0 {
        code as u8
    } else {
        128 + (-code) as u8
    })
}

/// This process's peak resident set (VmHWM), KiB.
fn own_peak_kib() -> Option<u64> {
    std::fs::read_to_string("/proc/self/status")
        .ok()?
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))?
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()
}

fn read_head(mut pipe: impl Read) -> (String, u64) {
    let mut kept = Vec::new();
    let mut lines = 0u64;
    let mut buffer = [0u8; 64 * 1024];
    loop {
        match pipe.read(&mut buffer) {
            Ok(0) | Err(_) => break,
            Ok(n) => {
                lines += buffer[..n].iter().filter(|&&b| b == b'\n').count() as u64;
                let room = KEEP_STDOUT.saturating_sub(kept.len());
                kept.extend_from_slice(&buffer[..n.min(room)]);
            }
        }
    }
    (String::from_utf8_lossy(&kept).into_owned(), lines)
}

fn read_tail(mut pipe: impl Read) -> String {
    let mut all = Vec::new();
    let _ = pipe.read_to_end(&mut all);
    let start = all.len().saturating_sub(KEEP_STDERR);
    String::from_utf8_lossy(&all[start..]).into_owned()
}

#[cfg(all(target_os = "linux", target_pointer_width = "64"))]
mod sys {
    use std::io;
    use std::process::Child;

    /// `struct rusage` on 64-bit Linux: two `timeval`s, then fourteen `long`s.
    #[repr(C)]
    #[derive(Default)]
    struct RUsage {
        utime: [i64; 2],
        stime: [i64; 2],
        maxrss: i64,
        rest: [i64; 13],
    }

    extern "C" {
        fn wait4(pid: i32, status: *mut i32, options: i32, rusage: *mut RUsage) -> i32;
        fn kill(pid: i32, signal: i32) -> i32;
    }

    const SIGKILL: i32 = 9;

    /// Reaps the child with `wait4`: its exit code (`-signal` if killed) and peak RSS in KiB.
    pub fn wait(child: &mut Child) -> io::Result<(i32, Option<u64>)> {
        let pid = child.id() as i32;
        let mut status = 0i32;
        let mut usage = RUsage::default();
        loop {
            // SAFETY: `status` and `usage` are valid for writes for the whole call; the pid is
            // our own child, not yet reaped (std reaps only in `wait`/`try_wait`, not called).
            let got = unsafe { wait4(pid, &mut status, 0, &mut usage) };
            if got == pid {
                break;
            }
            let err = io::Error::last_os_error();
            if err.kind() != io::ErrorKind::Interrupted {
                return Err(err);
            }
        }
        let code = if status & 0x7f == 0 {
            (status >> 8) & 0xff
        } else {
            -(status & 0x7f)
        };
        Ok((code, Some(usage.maxrss.max(0) as u64)))
    }

    /// Kills the process group led by `leader` (the measured command and its children).
    pub fn kill_group(leader: u32) {
        // SAFETY: a plain syscall; the group is our child's, which is still unreaped while
        // the watchdog runs.
        unsafe {
            kill(-(leader as i32), SIGKILL);
        }
    }
}

#[cfg(not(all(target_os = "linux", target_pointer_width = "64")))]
mod sys {
    use std::io;
    use std::process::{Child, Command};

    pub fn wait(child: &mut Child) -> io::Result<(i32, Option<u64>)> {
        let status = child.wait()?;
        Ok((status.code().unwrap_or(-1), None))
    }

    pub fn kill_group(leader: u32) {
        let _ = Command::new("kill")
            .args(["-9", "--", &format!("-{leader}")])
            .status();
    }
}
