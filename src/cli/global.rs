//! The global flags: one per setting that has a flag (from the settings table, with its
//! help, its environment variables and its parser), then `--color` and `--quiet`, which
//! are not settings but how this run prints.

use clap::builder::ValueHint;
use clap::{Arg, ArgAction, ArgMatches, Args, Command, FromArgMatches};

use crate::config::{table, Describe, Overrides};
use crate::output::ColorChoice;

/// Under their own heading in every command's help, after the command's own flags, as gh
/// lists "INHERITED FLAGS".
const HEADING: &str = "Global options";

#[derive(Debug, Clone)]
pub struct GlobalArgs {
    /// The settings' flags as given (clap has checked each with its setting's parser).
    pub settings: Overrides,
    /// When to use colours [env: NO_COLOR, CLICOLOR_FORCE]
    pub color: ColorChoice,
    /// Print nothing on stderr but errors and warnings
    pub quiet: bool,
}

impl GlobalArgs {
    /// Whether a switch or a flag's setting was given, e.g. `verbose` for `-v`.
    pub fn given(&self, setting: &dyn Describe) -> Option<&str> {
        self.settings.get(setting.key())
    }
}

fn setting_arg(setting: &'static dyn Describe) -> Option<Arg> {
    let flag = setting.flag()?;
    let env = setting.env_names();
    let help = match env.is_empty() {
        true => flag.help.to_string(),
        false => format!("{} [env: {}]", flag.help, env.join(", ")),
    };
    let mut arg = Arg::new(setting.key())
        .long(flag.long())
        .global(true)
        .help_heading(HEADING)
        .help(help);
    if let Some(short) = flag.short {
        arg = arg.short(short);
    }
    arg = match flag.value_name {
        None => arg.action(ArgAction::SetTrue),
        Some(name) => arg
            .value_name(name)
            .action(ArgAction::Set)
            .value_hint(if flag.path {
                ValueHint::FilePath
            } else {
                ValueHint::Other
            })
            .value_parser(move |text: &str| setting.check_flag(text).map(|()| text.to_string())),
    };
    Some(arg)
}

/// Stand-ins that keep global flags which mean nothing to a command out of its help and
/// completions: clap does not propagate a global flag to a command that has one of the same
/// name. Given there anyway, they are accepted and ignored, as before the subcommand.
pub fn hidden(settings: &[&'static dyn Describe]) -> Vec<Arg> {
    settings
        .iter()
        .filter_map(|setting| setting_arg(*setting))
        .map(|arg| arg.global(false).hide(true))
        .collect()
}

/// The flags that choose and reach a store, for commands that touch none.
pub fn store_flags() -> Vec<Arg> {
    hidden(&[
        &table::REPO,
        &table::LOCAL,
        &table::API_URL,
        &table::APP_ID,
        &table::APP_KEY,
        &table::USER,
        &table::MAX_WAIT,
        &table::JOBS,
        &table::NO_CACHE,
        &table::SCHEMAS,
    ])
}

impl Args for GlobalArgs {
    fn augment_args(mut command: Command) -> Command {
        for setting in table::ALL {
            if let Some(arg) = setting_arg(*setting) {
                command = command.arg(arg);
            }
        }
        command
            .arg(
                Arg::new("color")
                    .long("color")
                    .global(true)
                    .help_heading(HEADING)
                    .value_name("WHEN")
                    .value_parser(clap::value_parser!(ColorChoice))
                    .default_value("auto")
                    .help("When to use colours [env: NO_COLOR, CLICOLOR_FORCE]"),
            )
            .arg(
                Arg::new("quiet")
                    .short('q')
                    .long("quiet")
                    .global(true)
                    .help_heading(HEADING)
                    .action(ArgAction::SetTrue)
                    .help("Print nothing on stderr but errors and warnings"),
            )
    }

    fn augment_args_for_update(command: Command) -> Command {
        GlobalArgs::augment_args(command)
    }
}

impl FromArgMatches for GlobalArgs {
    fn from_arg_matches(matches: &ArgMatches) -> Result<Self, clap::Error> {
        let mut settings = Overrides::new();
        for setting in table::ALL {
            let Some(flag) = setting.flag() else {
                continue;
            };
            let key = setting.key();
            match flag.value_name {
                None if matches.get_flag(key) => settings.set(key, "true"),
                None => {}
                Some(_) => {
                    if let Some(text) = matches.get_one::<String>(key) {
                        settings.set(key, text.clone());
                    }
                }
            }
        }
        Ok(GlobalArgs {
            settings,
            color: matches
                .get_one::<ColorChoice>("color")
                .copied()
                .unwrap_or_default(),
            quiet: matches.get_flag("quiet"),
        })
    }

    fn update_from_arg_matches(&mut self, matches: &ArgMatches) -> Result<(), clap::Error> {
        *self = GlobalArgs::from_arg_matches(matches)?;
        Ok(())
    }
}
