//! Checked-in files that are generated: completions and man pages, and the golden outputs of
//! `generated_output.rs`. A test fails when one is stale;
//! `UPDATE_GENERATED=1 cargo test --test cli generated` rewrites them.

use std::path::{Path, PathBuf};

#[test]
fn generated_files_are_up_to_date() {
    ensure_files(gh_store::cli::generated_files());
}

/// Compares each file (a path from the crate's root) with its generated contents, rewriting
/// the stale ones under `UPDATE_GENERATED`, else failing with their names.
#[track_caller]
pub fn ensure_files(files: Vec<(PathBuf, Vec<u8>)>) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let update = std::env::var_os("UPDATE_GENERATED").is_some();
    let mut stale = Vec::new();
    for (path, contents) in files {
        let full = root.join(&path);
        if std::fs::read(&full).ok().as_deref() == Some(contents.as_slice()) {
            continue;
        }
        if update {
            std::fs::create_dir_all(full.parent().unwrap()).unwrap();
            std::fs::write(&full, contents).unwrap();
        } else {
            stale.push(path.display().to_string());
        }
    }
    assert!(
        stale.is_empty(),
        "stale generated files: {stale:?}\nregenerate them with: UPDATE_GENERATED=1 cargo test --test cli generated"
    );
}
