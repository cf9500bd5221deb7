//! What every command shares: resolved settings, output, and how to reach the store.

use crate::tracker::local::DefaultLabels;
use std::sync::Arc;

use super::GlobalArgs;
use crate::config::{table, Backend, Environment, Origin, Repo, Settings};
use crate::error::{Error, ErrorKind, Result};
use crate::jwt::PrivateKey;
use crate::output::{ColorChoice, Output};
use crate::store::{Marks, Store, StoreOptions};
use crate::tracker::github::{
    user_cache_file, AppAuthError, AppStep, DiskCache, GitHubApp, GitHubConfig, GitHubTracker,
    TokenCache,
};
use crate::tracker::local::{LocalDb, LocalTracker};
use crate::tracker::{AccountKind, Tracker, TrackerError};

pub struct Context {
    pub settings: Settings,
    pub output: Output,
    /// `--color`, for `gh-store config` to tell what decided the colours.
    pub color: ColorChoice,
}

impl Context {
    pub fn new(global: &GlobalArgs) -> Result<Context> {
        let settings = Settings::resolve(&global.settings, &Environment::from_process())?;
        let verbose = settings.get(&table::VERBOSE).value;
        let output = Output::detect(global.color, global.quiet, verbose);
        for warning in &settings.warnings {
            output.warn(warning);
        }
        Ok(Context {
            settings,
            output,
            color: global.color,
        })
    }

    /// The store over the configured tracker.
    pub fn store(&self) -> Result<Store> {
        let output = self.output.clone();
        let notes = self.output.clone();
        let options = StoreOptions {
            policy: self.settings.access_policy(),
            schemas: self.settings.schema_set(),
            on_warning: Arc::new(move |message| output.warn(message)),
            on_note: Arc::new(move |message| notes.info(message)),
            marks: Marks {
                processed: self.settings.get(&table::PROCESSED).value,
                initial_state: self.settings.get(&table::INITIAL_STATE).value,
            },
        };
        Ok(Store::new(self.tracker()?, options))
    }

    pub fn is_local(&self) -> bool {
        self.settings.backend() == Backend::Local
    }

    /// The repository (`OWNER/REPO`) the settings name, if any.
    pub fn repo(&self) -> Option<Repo> {
        self.settings.get(&table::REPO).value.clone()
    }

    /// Whether the local store's file was named (else it is the default one).
    fn local_given(&self) -> bool {
        self.settings.get(&table::LOCAL).origin != Origin::Default
    }

    pub fn tracker(&self) -> Result<Box<dyn Tracker>> {
        match self.settings.backend() {
            // Without a repository the default local store is used; but --api-url on the
            // command line says "talk to that API", so using the local store would be a
            // surprise: the repository was forgotten.
            Backend::Local
                if !self.local_given()
                    && self.settings.get(&table::API_URL).origin == Origin::Flag("--api-url") =>
            {
                Err(missing_repository())
            }
            Backend::Local => {
                self.note_the_clone();
                Ok(Box::new(self.local_tracker()?))
            }
            Backend::GitHub => Ok(Box::new(self.github_tracker()?)),
        }
    }

    /// Opens the local database; the default location's directory is created on first use,
    /// a path the user named is not (a typo should not create directories).
    pub fn local_db(&self) -> Result<Arc<LocalDb>> {
        let path = &self.settings.get(&table::LOCAL).value;
        if !self.local_given() {
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir)
                    .map_err(|e| Error::failure(format!("cannot create {}: {e}", dir.display())))?;
            }
        }
        // A store that cannot be opened is a bad --local/GH_STORE_LOCAL value: usage.
        LocalDb::open(path).map_err(|e| {
            Error::usage(e.to_string())
                .with_hint("--local (or GH_STORE_LOCAL, or `local:` in a config file) names the store's SQLite file: a gh-store store, or a new or empty file")
        })
    }

    /// Inside a clone of a GitHub repository with no store configured, the personal local
    /// store is used, as everywhere else; one line says so and how to use the clone's
    /// repository instead, since a user of gh expects `gh-store` to follow the clone.
    fn note_the_clone(&self) {
        // Set only when no store is configured.
        if let Some(repo) = &self.settings.get(&table::CLONE).value {
            let local = self.settings.get(&table::LOCAL).value.display().to_string();
            self.output.info(&format!(
                "note: using the local store {local}, not {repo} of this clone: pass -R {repo} \
                 (or `repo: {repo}` in .gh-store.yml) to keep objects in its issues"
            ));
        }
    }

    pub fn local_tracker(&self) -> Result<LocalTracker> {
        let db = self.local_db()?;
        let user = &self.settings.get(&table::USER).value;
        let repo = match self.repo() {
            Some(repo) => {
                db.ensure_repository(&repo.full_name(), AccountKind::User, DefaultLabels::Without)?
            }
            None => match db.default_repository()? {
                Some(repo) => repo,
                None => db.ensure_repository(
                    &format!("{user}/store"),
                    AccountKind::User,
                    DefaultLabels::Without,
                )?,
            },
        };
        Ok(db.tracker(repo.id, user)?)
    }

    pub fn github_tracker(&self) -> Result<GitHubTracker> {
        let Some(repo) = self.repo() else {
            return Err(missing_repository());
        };
        let api_url = &self.settings.get(&table::API_URL).value;
        let mut config = GitHubConfig::new(api_url, &repo.owner, &repo.name);
        config.max_wait = self.settings.get(&table::MAX_WAIT).value;
        config.timeout = self.settings.get(&table::HTTP_TIMEOUT).value;
        config.watcher = super::slow_requests::watcher(&self.output);
        config.secondary_limits = self.settings.get(&table::SECONDARY_LIMITS).value.clone();
        config.jobs = self.settings.get(&table::JOBS).value;
        config.log_requests = self.output.verbose;
        config.interrupt = super::interrupt::ctrl_c().clone();
        config.token = match self.github_app()? {
            Some(app) => Some(
                app.installation_token(&config, &TokenCache::for_user())
                    .map_err(|err| app_refused(err, &app.id, &repo.full_name()))?,
            ),
            None => self.settings.get(&table::TOKEN).value.clone(),
        };
        config.disk_cache = self.disk_cache(&config);
        // Only configuration can make the tracker refuse to start: a bad --api-url or token.
        GitHubTracker::new(config).map_err(bad_configuration)
    }

    /// The conditional-request cache for this API and token, unless turned off; a cache
    /// that cannot be used is a warning, never a failure.
    fn disk_cache(&self, config: &GitHubConfig) -> Option<Arc<DiskCache>> {
        if self.settings.get(&table::NO_CACHE).value {
            return None;
        }
        let path = user_cache_file()?;
        let (cache, warning) = DiskCache::open(&path, &config.api_url, config.token.as_ref());
        if let Some(warning) = warning {
            self.output.warn(&warning);
        }
        cache.map(Arc::new)
    }

    /// The GitHub App the settings name, its key read and checked.
    fn github_app(&self) -> Result<Option<GitHubApp>> {
        let (Some(id), Some(key)) = (
            &self.settings.get(&table::APP_ID).value,
            &self.settings.get(&table::APP_KEY).value,
        ) else {
            return Ok(None);
        };
        let origin = &self.settings.get(&table::APP_KEY).origin;
        let refused = |why: String| {
            Error::new(
                ErrorKind::Auth,
                format!("the GitHub App private key from {origin}: {why}"),
            )
            .with_hint(
                "use the .pem file GitHub generated for the App (App settings, Private keys)",
            )
        };
        let key = PrivateKey::from_pem(&key.read().map_err(refused)?).map_err(refused)?;
        Ok(Some(GitHubApp {
            id: id.clone(),
            key,
        }))
    }

    /// A refusal on GitHub (token or access policy) says which token gh-store acted with:
    /// with several variables and files to choose from, the one to fix is not obvious.
    pub fn name_the_token(&self, err: Error) -> Error {
        if err.kind != ErrorKind::Auth {
            return err;
        }
        if self.is_local() {
            return self.local_push_hint(err);
        }
        if let Some(app) = &self.settings.get(&table::APP_ID).value {
            let key = &self.settings.get(&table::APP_KEY).origin;
            return err.with_hint(format!(
                "gh-store acted as the GitHub App {app} (key from {key}): check its permissions \
                 (Issues: read and write) and the access policy's allow list"
            ));
        }
        let token = self.settings.get(&table::TOKEN);
        match &token.value {
            Some(_) => err.with_hint(format!("the token came from {}", token.origin)),
            // Nothing was refused: the hints about replacing a token do not apply.
            None => {
                let mut err = err;
                err.hints.clear();
                err.with_hint(
                    "no token was found: set GH_TOKEN (or GH_STORE_TOKEN, GITHUB_TOKEN; \
                     GH_ENTERPRISE_TOKEN on GitHub Enterprise Server) or run `gh auth login`",
                )
            }
        }
    }

    /// On the local store, who has push access is in the file: its repository's owner,
    /// and the users `serve --collaborator`/`--member` gave a role. The hint says which
    /// would work instead of suggesting `--as` in general.
    fn local_push_hint(&self, err: Error) -> Error {
        // Only the store's push-access refusals (not the access policy's).
        if !err.message.contains("no push access") {
            return err;
        }
        let Ok(repo) = self
            .local_tracker()
            .and_then(|tracker| Ok(tracker.repository()?))
        else {
            return err;
        };
        let owner = repo.owner.login;
        let user = &self.settings.get(&table::USER).value;
        let file = self.settings.get(&table::LOCAL).value.display().to_string();
        err.with_hint(format!(
            "on the local store, its owner {owner} has push access (--as {owner}); to let \
             {user} write, give them a role, kept in the file: \
             `gh-store --local {file} -R {} serve --collaborator {user}` (stop it once it serves)",
            repo.full_name
        ))
    }
}

fn bad_configuration(why: TrackerError) -> Error {
    let message = match why {
        TrackerError::Invalid { message } => message,
        other => other.to_string(),
    };
    Error::usage(message).with_hint("`gh-store config` shows where each setting comes from")
}

/// A failed App exchange, naming the step: the JSON web token (key or clock), the
/// installation (the App is not on the repository), or the token GitHub would not mint.
fn app_refused(err: AppAuthError, app: &str, repo: &str) -> Error {
    let auth = |message: String, hint: &str| Error::new(ErrorKind::Auth, message).with_hint(hint);
    match (err.step, err.error) {
        (AppStep::FindInstallation, TrackerError::Invalid { message }) => {
            bad_configuration(TrackerError::Invalid { message })
        }
        (AppStep::FindInstallation, TrackerError::Unauthorized { message }) => auth(
            format!("GitHub refused the JSON web token of App {app}: {message}"),
            "check the App id and that the key is one of the App's private keys; \
             a clock far off also makes the token invalid",
        ),
        (AppStep::FindInstallation, TrackerError::NotFound { .. }) => auth(
            format!("the GitHub App {app} is not installed on {repo}"),
            "install the App on the repository (the App's page, Install App)",
        ),
        (
            step @ AppStep::MintToken { .. },
            TrackerError::Unauthorized { message }
            | TrackerError::Forbidden { message }
            | TrackerError::Invalid { message },
        ) => auth(
            format!("GitHub App {app}: {step} was refused: {message}"),
            "the App needs the Issues (read and write) and Metadata (read) permissions on the repository",
        ),
        (step, TrackerError::Forbidden { message }) => auth(
            format!("GitHub App {app}: {step} was refused: {message}"),
            "check the App's permissions and installation",
        ),
        (step, other) => Error::from(other).context(format!("GitHub App {app}: {step}")),
    }
}

fn missing_repository() -> Error {
    Error::usage("no repository given")
        .with_hint("pass -R OWNER/REPO, set GH_REPO, or add `repo:` to .gh-store.yml")
}
