//! Writing a file the user named (`snapshot -o`, `snapshot --update`) without ever
//! destroying what was there: a regular file is replaced atomically, anything else (a
//! device, a FIFO, a socket, `/dev/stdout`) is written into, never renamed over.

use std::fs::OpenOptions;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Most symbolic links followed to reach a file, as Linux's `MAXSYMLINKS`.
const MAX_LINKS: usize = 40;

/// How a path is written.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Destination {
    /// A regular file, or none yet: written beside `target` (the path with its links
    /// followed), then renamed over it.
    Replace { target: PathBuf },
    /// Anything else that exists: opened and written into. Renaming a file over
    /// `/dev/full` or a FIFO would replace the device or the pipe with a file.
    Into,
}

/// Writes `path` through `write`. A regular file (or a new one) is written to a temporary
/// file beside it and renamed into place: readers (a static-site build) never see half a
/// file, an existing file keeps its permissions, a symbolic link is followed so that the
/// file it points to is replaced, not the link, and the temporary file is removed when
/// anything fails, `write` included. Anything else that exists is written into directly.
/// Errors name `path` as the user gave it.
pub fn write_output_file(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<()> {
    match destination(path)? {
        Destination::Into => {
            let file = OpenOptions::new()
                .write(true)
                .open(path)
                .map_err(|e| cannot_write(path, e))?;
            let mut out = BufWriter::new(Named { inner: file, path });
            write(&mut out)?;
            out.flush()?;
            Ok(())
        }
        Destination::Replace { target } => replace(path, &target, write),
    }
}

fn replace(
    path: &Path,
    target: &Path,
    write: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<()> {
    let dir = match target.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = target
        .file_name()
        .ok_or_else(|| Error::usage(format!("{} is not a file name", path.display())))?;
    let temporary = dir.join(format!(
        ".{}.{}.tmp",
        name.to_string_lossy(),
        std::process::id()
    ));
    let permissions = std::fs::metadata(target).ok().map(|m| m.permissions());
    let result = (|| {
        let mut options = OpenOptions::new();
        options.write(true).create(true).truncate(true);
        // Created with the old file's mode, so that a private file is never readable by others,
        // not even while it is written.
        #[cfg(unix)]
        if let Some(permissions) = &permissions {
            use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
            options.mode(permissions.mode());
        }
        let file = options
            .open(&temporary)
            .map_err(|e| cannot_write(path, e))?;
        // Exactly the old bits: the creation mode was narrowed by the umask.
        if let Some(permissions) = permissions {
            file.set_permissions(permissions)
                .map_err(|e| cannot_write(path, e))?;
        }
        let mut out = BufWriter::new(Named { inner: file, path });
        write(&mut out)?;
        let file = out.into_inner().map_err(|e| Error::from(e.into_error()))?;
        file.inner.sync_all().map_err(|e| cannot_write(path, e))?;
        std::fs::rename(&temporary, target)
            .map_err(|e| Error::failure(format!("cannot replace {}: {e}", path.display())))
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    result
}

fn cannot_write(path: &Path, e: io::Error) -> Error {
    Error::failure(format!("cannot write {}: {e}", path.display()))
}

/// How to write `path`: follows its symbolic links; what it leads to decides.
fn destination(path: &Path) -> Result<Destination> {
    let mut target = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        // `/dev/stdout`, `/dev/fd/N`, `/proc/self/fd/N` name an open file: what their link
        // says (`pipe:[…]`, a file that may be gone) is no place to rename into.
        if names_a_descriptor(&target) {
            return Ok(Destination::Into);
        }
        match std::fs::symlink_metadata(&target) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let link = std::fs::read_link(&target).map_err(|e| {
                    Error::failure(format!("cannot read link {}: {e}", target.display()))
                })?;
                // A relative link is relative to the directory holding it.
                target = match target.parent() {
                    Some(dir) => dir.join(link),
                    None => link,
                };
            }
            Ok(meta) if !meta.is_file() => return Ok(Destination::Into),
            _ => return Ok(Destination::Replace { target }),
        }
    }
    Err(Error::usage(format!(
        "{}: too many levels of symbolic links",
        path.display()
    )))
}

fn names_a_descriptor(path: &Path) -> bool {
    let text = path.to_string_lossy();
    text.starts_with("/dev/fd/")
        || matches!(text.as_ref(), "/dev/stdout" | "/dev/stderr")
        || (text.starts_with("/proc/") && text.contains("/fd/"))
}

/// A writer whose errors name the file the user gave (not a temporary one); the kind is
/// kept, so that a closed pipe is still a broken pipe.
struct Named<'a, W> {
    inner: W,
    path: &'a Path,
}

impl<W: Write> Write for Named<'_, W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.inner.write(buf).map_err(|e| self.name(e))
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush().map_err(|e| self.name(e))
    }
}

impl<W> Named<'_, W> {
    fn name(&self, e: io::Error) -> io::Error {
        match e.kind() {
            io::ErrorKind::BrokenPipe | io::ErrorKind::Interrupted => e,
            kind => io::Error::new(kind, format!("cannot write {}: {e}", self.path.display())),
        }
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn regular_files_and_new_ones_are_replaced_devices_and_pipes_written_into() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("file.json");
        assert_eq!(
            destination(&file).unwrap(),
            Destination::Replace {
                target: file.clone()
            }
        );
        std::fs::write(&file, "old").unwrap();
        let link = dir.path().join("link");
        std::os::unix::fs::symlink("file.json", &link).unwrap();
        assert_eq!(
            destination(&link).unwrap(),
            Destination::Replace {
                target: dir.path().join("file.json")
            }
        );
        let null_link = dir.path().join("null");
        std::os::unix::fs::symlink("/dev/null", &null_link).unwrap();
        for path in ["/dev/null", "/dev/stdout", "/dev/fd/1", "/proc/self/fd/2"] {
            assert_eq!(destination(Path::new(path)).unwrap(), Destination::Into);
        }
        assert_eq!(destination(&null_link).unwrap(), Destination::Into);
    }

    #[test]
    fn errors_name_the_path_given_not_the_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("missing/snap.json");
        let err = write_output_file(&path, |_| Ok(())).unwrap_err();
        let expected = format!("cannot write {}: ", path.display());
        assert!(err.message.starts_with(&expected), "{}", err.message);
        assert!(!err.message.contains(".snap.json."), "{}", err.message);
    }
}
