//! `gh-store completions`, and the generated files checked in under `completions/` and
//! `man/`.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, CommandFactory};
use clap_complete::{Generator, Shell};

use super::Cli;
use crate::error::Result;

/// Print a shell completion script
///
/// Writes on stdout a script that completes gh-store's subcommands, flags and their values
/// (formats, update modes) in SHELL. Install it where the shell looks for completions, or
/// load it into the current session. The same scripts are checked in under completions/,
/// and man pages under man/.
///
/// Examples:
///   source <(gh-store completions bash)    # this session only
///   gh-store completions bash > ~/.local/share/bash-completion/completions/gh-store
///   gh-store completions zsh > "${fpath[1]}/_gh-store"
///   gh-store completions fish > ~/.config/fish/completions/gh-store.fish
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct CompletionsArgs {
    /// bash, zsh, fish, powershell or elvish
    pub shell: Shell,
}

pub fn run(args: CompletionsArgs) -> Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(&completion(args.shell))?;
    out.flush()?;
    Ok(())
}

fn completion(shell: Shell) -> Vec<u8> {
    let mut buffer = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "gh-store", &mut buffer);
    buffer
}

/// Every generated file, by path relative to the repository root: completions for each shell
/// and one man page per command. `UPDATE_GENERATED=1 cargo test generated_files` rewrites
/// them; the same test fails when they are stale.
pub fn generated_files() -> Vec<(PathBuf, Vec<u8>)> {
    let mut files = Vec::new();
    for shell in [
        Shell::Bash,
        Shell::Zsh,
        Shell::Fish,
        Shell::PowerShell,
        Shell::Elvish,
    ] {
        files.push((
            PathBuf::from("completions").join(shell.file_name("gh-store")),
            completion(shell),
        ));
    }
    let mut root = Cli::command().disable_help_subcommand(true);
    root.build();
    let mut pending = vec![root];
    while let Some(command) = pending.pop() {
        pending.extend(
            command
                .get_subcommands()
                .filter(|c| !c.is_hide_set())
                .cloned(),
        );
        let man = clap_mangen::Man::new(command);
        let mut page = Vec::new();
        man.render(&mut page)
            .expect("rendering to memory cannot fail");
        files.push((PathBuf::from("man").join(man.get_filename()), page));
    }
    files.sort();
    files
}
