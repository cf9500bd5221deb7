//! The Python gh-store, installed from PyPI into a virtual environment of its own.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The version compared against (wire-format reference: PyPI gh-store 0.11.3).
pub const PACKAGE: &str = "gh-store==0.11.3";
const VERSION: &str = "0.11.3";

/// Runs the Python tool against a server: see `driver.py`.
const DRIVER: &str = include_str!("driver.py");

/// A ready Python gh-store.
#[derive(Debug, Clone)]
pub struct PyEnv {
    pub python: PathBuf,
    pub driver: PathBuf,
    /// e.g. `Python 3.11.7, gh-store 0.11.3, PyGithub 2.10.0`.
    pub versions: String,
}

/// Installs (or reuses) the virtual environment `venv` with `python_bin`, and writes the
/// driver into `work`. `Err` says why the Python side cannot run.
pub fn prepare(python_bin: &str, venv: &Path, work: &Path) -> Result<PyEnv, String> {
    let python = venv.join("bin").join("python");
    if installed_version(&python).as_deref() != Some(VERSION) {
        install(python_bin, venv)?;
        match installed_version(&python) {
            Some(v) if v == VERSION => {}
            other => return Err(format!("after installing, the venv has gh-store {other:?}")),
        }
    }
    let driver = work.join("gh_store_driver.py");
    std::fs::write(&driver, DRIVER).map_err(|e| format!("cannot write the driver: {e}"))?;
    let versions = output(Command::new(&python).args([
        "-c",
        "import sys, importlib.metadata as m; \
             print(f'Python {sys.version.split()[0]}, gh-store {m.version(\"gh-store\")}, \
             PyGithub {m.version(\"PyGithub\")}')",
    ]))
    .unwrap_or_else(|e| format!("unknown versions ({e})"));
    Ok(PyEnv {
        python,
        driver,
        versions,
    })
}

fn installed_version(python: &Path) -> Option<String> {
    if !python.exists() {
        return None;
    }
    output(Command::new(python).args([
        "-c",
        "import importlib.metadata as m; print(m.version('gh-store'))",
    ]))
    .ok()
}

fn install(python_bin: &str, venv: &Path) -> Result<(), String> {
    // gh-store 0.11.3 requires Python >= 3.11, < 3.14.
    let version = output(
        Command::new(python_bin).args(["-c", "import sys; print('%d.%d' % sys.version_info[:2])"]),
    )
    .map_err(|e| format!("{python_bin} is not usable ({e}); pass --python-bin"))?;
    let minor: Option<u32> = version
        .strip_prefix("3.")
        .and_then(|minor| minor.parse().ok());
    if !matches!(minor, Some(11..=13)) {
        return Err(format!(
            "{python_bin} is Python {version}; {PACKAGE} needs 3.11 to 3.13 (pass --python-bin)"
        ));
    }
    eprintln!(
        "bench: installing {PACKAGE} into {} (once; reused by later runs)",
        venv.display()
    );
    let venv_arg = venv.to_string_lossy().into_owned();
    output(Command::new(python_bin).args(["-m", "venv", "--clear", &venv_arg]))
        .map_err(|e| format!("cannot create a virtual environment: {e}"))?;
    let pip = venv.join("bin").join("pip");
    output(Command::new(pip).args(["install", "--quiet", "--disable-pip-version-check", PACKAGE]))
        .map_err(|e| format!("pip install {PACKAGE} failed: {e}"))?;
    Ok(())
}

/// stdout of a successful command, trimmed; `Err` with the end of stderr otherwise.
fn output(command: &mut Command) -> Result<String, String> {
    let out = command.output().map_err(|e| e.to_string())?;
    if out.status.success() {
        return Ok(String::from_utf8_lossy(&out.stdout).trim().to_string());
    }
    let stderr = String::from_utf8_lossy(&out.stderr);
    let tail: Vec<&str> = stderr.lines().rev().take(3).collect();
    Err(format!(
        "{}: {}",
        out.status,
        tail.into_iter().rev().collect::<Vec<_>>().join(" | ")
    ))
}
