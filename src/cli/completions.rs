//! `gh-store completions`, and the generated files checked in under `completions/` and
//! `man/`.

#[path = "manpage.rs"]
mod manpage;

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
// It reads no settings: every global flag but --color and --quiet is left out.
#[command(
    verbatim_doc_comment,
    args = super::global::store_flags(),
    args = super::global::hidden(&[&crate::config::table::USER_FILE, &crate::config::table::VERBOSE])
)]
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

const BIN: &str = "gh-store";

fn completion(shell: Shell) -> Vec<u8> {
    let mut buffer = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), BIN, &mut buffer);
    if shell == Shell::Bash {
        let script = String::from_utf8(buffer).expect("clap_complete writes UTF-8");
        return with_bash_additions(&agree_on_bash_names(&script)).into_bytes();
    }
    if shell == Shell::Zsh {
        let script = String::from_utf8(buffer).expect("clap_complete writes UTF-8");
        return options_after_many_ids(&script).into_bytes();
    }
    buffer
}

/// clap_complete writes a positional that takes many values (`get ID...`) as `'*::ids…'`,
/// which in zsh's `_arguments` hands every later word to that spec: after `get cfg` no
/// option (`--color <TAB>`) completes. `'*:ids…'` keeps options completing between them.
fn options_after_many_ids(script: &str) -> String {
    script
        .lines()
        .map(|line| match line.strip_prefix("'*::") {
            Some(rest) if !rest.starts_with(':') => format!("'*:{rest}"),
            _ => line.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

/// clap_complete (4.6.12 and before) names the case arm of each subcommand
/// `gh__subcmd__store__subcmd__update`, while the loop that picks the arm sets
/// `cmd=gh__store__subcmd__update`: for a binary name with a hyphen no arm ever matched, so
/// nothing after the subcommand completed (clap-rs/clap#6421, fixed upstream by #6428 but
/// not released). Renames the arms to what the loop sets; a no-op once the fix is released.
fn agree_on_bash_names(script: &str) -> String {
    let loop_prefix = format!("        {}", BIN.replace('-', "__"));
    let arm_prefix = format!("        {}", BIN.replace('-', "__subcmd__"));
    let mut fixed = String::with_capacity(script.len());
    for line in script.split_inclusive('\n') {
        match line.strip_prefix(&arm_prefix) {
            Some(rest) if rest.trim_end().ends_with(')') => {
                fixed.push_str(&loop_prefix);
                fixed.push_str(rest);
            }
            _ => fixed.push_str(line),
        }
    }
    fixed
}

/// What clap's bash script cannot know: `@FILE` arguments complete file names, and object
/// ids complete from the local store. Ids are never listed from GitHub: that costs requests
/// (and may wait out a rate limit) on every TAB. `config --json` tells the backend without
/// a request; the store file must exist, as listing a missing one would create it.
fn with_bash_additions(script: &str) -> String {
    let cli = Cli::command();
    let globals_with_values: Vec<String> = cli
        .get_arguments()
        .filter(|arg| !arg.is_positional() && arg.get_action().takes_values())
        .flat_map(|arg| {
            let short = arg.get_short().map(|s| format!("-{s}"));
            let long = arg.get_long().map(|l| format!("--{l}"));
            short.into_iter().chain(long)
        })
        .collect();
    let commands_taking = |first_positional: &[&str]| -> Vec<String> {
        cli.get_subcommands()
            .filter(|sub| {
                sub.get_positionals()
                    .next()
                    .is_some_and(|arg| first_positional.contains(&arg.get_id().as_str()))
            })
            .map(|sub| sub.get_name().to_string())
            .collect()
    };
    // `create` names an object that does not exist yet.
    let mut id_commands = commands_taking(&["id", "ids"]);
    id_commands.retain(|name| name != "create");
    let json_commands: Vec<String> = cli
        .get_subcommands()
        .filter(|sub| sub.get_positionals().any(|arg| arg.get_id() == "json"))
        .map(|sub| sub.get_name().to_string())
        .collect();
    let generated_fn = format!("_{}", BIN.replace('-', "__"));
    let script = script.replace(
        &format!("complete -F {generated_fn} "),
        "complete -F _gh_store_complete ",
    );
    format!(
        r#"{script}
# Added by gh-store (src/cli/completions.rs): @FILE arguments, and ids from the local store.
_gh_store_complete() {{
    {generated_fn} "$@"
    local cur="${{COMP_WORDS[COMP_CWORD]}}" sub="" at=0 i
    local -a globals=()
    for ((i = 1; i < COMP_CWORD; i++)); do
        case "${{COMP_WORDS[i]}}" in
            {globals_with_values})
                globals+=("${{COMP_WORDS[i]}}" "${{COMP_WORDS[i+1]}}")
                i=$((i + 1))
                ;;
            -*) globals+=("${{COMP_WORDS[i]}}") ;;
            *) sub="${{COMP_WORDS[i]}}"; at=$i; break ;;
        esac
    done
    case "$sub" in
        {json_commands})
            if [[ $cur == @* ]]; then
                COMPREPLY=( $(compgen -f -P @ -- "${{cur#@}}") )
                return 0
            fi
            ;;
    esac
    case "$sub" in
        {id_commands})
            if [[ $COMP_CWORD -eq $((at + 1)) && $cur != -* ]]; then
                local ids
                ids=$(_gh_store_local_ids "${{COMP_WORDS[0]}}" "${{globals[@]}}")
                [[ -n $ids ]] && COMPREPLY=( $(compgen -W "$ids" -- "$cur") )
            fi
            ;;
    esac
    return 0
}}

_gh_store_local_ids() {{
    local bin="$1" settings store
    shift
    settings=$("$bin" "$@" config --json 2>/dev/null) || return 0
    [[ $settings == *'"backend":{{"value":"local"'* ]] || return 0
    store=${{settings#*'"local":{{"value":"'}}
    store=${{store%%'"'*}}
    [[ -f $store ]] || return 0
    "$bin" --local "$store" list --ndjson 2>/dev/null \
        | sed -n 's/^{{"object_id":"\([^"]*\)".*/\1/p'
}}
"#,
        globals_with_values = globals_with_values.join("|"),
        json_commands = json_commands.join("|"),
        id_commands = id_commands.join("|"),
    )
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
            PathBuf::from("completions").join(shell.file_name(BIN)),
            completion(shell),
        ));
    }
    files.extend(manpage::pages());
    files.sort();
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every `cmd=` the bash loop sets has a case arm, or that subcommand completes nothing.
    #[test]
    fn every_bash_command_name_has_its_case_arm() {
        let script = String::from_utf8(completion(Shell::Bash)).unwrap();
        let mut missing = Vec::new();
        for line in script.lines() {
            let Some(name) = line.trim().strip_prefix("cmd=\"") else {
                continue;
            };
            let name = name.trim_end_matches('"');
            if !name.is_empty() && !script.contains(&format!("\n        {name})\n")) {
                missing.push(name.to_string());
            }
        }
        assert!(missing.is_empty(), "no case arm for {missing:?}");
    }

    #[test]
    fn renaming_leaves_other_lines_alone() {
        let script = "        gh__subcmd__store__subcmd__get)\n            gh__subcmd__store x\n";
        assert_eq!(
            agree_on_bash_names(script),
            "        gh__store__subcmd__get)\n            gh__subcmd__store x\n"
        );
    }
}
