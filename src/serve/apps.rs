//! GitHub Apps: each is installed on the served repository, authenticates with JSON web tokens
//! signed by its key, and mints installation tokens that act as its bot account
//! (`<slug>[bot]`, with write access) for an hour. Times are the server's clock, which tests
//! may shift (`/_gh-store/clock`) to make a fresh token look expired.

use std::collections::HashMap;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Mutex;

use ring::rand::{SecureRandom, SystemRandom};

use crate::jwt;
use crate::timestamp::Timestamp;
use crate::tracker::local::{LocalDb, Role};
use crate::tracker::{AccountKind, Repository, TrackerResult, User};

use super::errors::ApiError;

/// How `serve` knows an App: its id, the name its bot is called by, and its public key (DER).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServeApp {
    pub id: u64,
    pub slug: String,
    pub public_key: Vec<u8>,
}

impl ServeApp {
    /// An App from `--app ID:KEYFILE`: the file holds its private key (the public half is
    /// taken) or its RSA public key. Its slug is `gh-store-<id>`.
    pub fn from_pem(id: u64, pem: &str) -> Result<ServeApp, String> {
        Ok(ServeApp {
            id,
            slug: format!("gh-store-{id}"),
            public_key: jwt::public_key_from_pem(pem)?,
        })
    }

    pub fn bot_login(&self) -> String {
        format!("{}[bot]", self.slug)
    }

    /// Each App has one installation, on the served repository.
    pub fn installation_id(&self) -> u64 {
        INSTALLATIONS_FROM + self.id
    }
}

const INSTALLATIONS_FROM: u64 = 70_000_000;
/// GitHub refuses JSON web tokens that live longer than this.
const LONGEST_JWT: i64 = 10 * 60;
const TOKEN_LIFETIME: i64 = 60 * 60;

/// GitHub's 401 for a token it cannot read or whose signature fails.
pub(crate) const UNDECODABLE: &str = "A JSON web token could not be decoded";

struct Minted {
    bot: User,
    expires_at: Timestamp,
}

pub(crate) struct Apps {
    apps: Vec<(ServeApp, User)>,
    minted: Mutex<HashMap<String, Minted>>,
    clock_offset: AtomicI64,
}

impl Apps {
    /// Creates each App's bot with write access to the served repository (and, as on
    /// GitHub, no `author_association`).
    pub fn register(db: &LocalDb, repo: &Repository, apps: &[ServeApp]) -> TrackerResult<Apps> {
        let mut registered = Vec::new();
        for app in apps {
            let bot = db.ensure_user(&app.bot_login(), AccountKind::Bot)?;
            db.set_role(repo.id, &bot.login, Role::Installation)?;
            registered.push((app.clone(), bot));
        }
        Ok(Apps {
            apps: registered,
            minted: Mutex::default(),
            clock_offset: AtomicI64::new(0),
        })
    }

    /// The server's clock: the real one, shifted by [`Apps::shift_clock`].
    pub fn now(&self) -> Timestamp {
        Timestamp(Timestamp::now().seconds() + self.clock_offset.load(Ordering::Relaxed))
    }

    pub fn shift_clock(&self, seconds: i64) {
        self.clock_offset.store(seconds, Ordering::Relaxed);
    }

    pub fn clock_offset(&self) -> i64 {
        self.clock_offset.load(Ordering::Relaxed)
    }

    /// The App a JSON web token authenticates, with GitHub's 401 messages for the rest.
    pub fn authenticate(&self, token: &str) -> Result<ServeApp, ApiError> {
        let key_of = |iss: &str| {
            self.apps
                .iter()
                .find(|(app, _)| app.id.to_string() == iss)
                .map(|(app, _)| app.public_key.clone())
        };
        let claims = jwt::verify(token, key_of).ok_or_else(|| ApiError::new(401, UNDECODABLE))?;
        let now = self.now().seconds();
        if claims.exp <= now {
            return Err(ApiError::new(
                401,
                "'Expiration time' claim ('exp') must be a numeric value representing the \
                 future time at which the assertion expires",
            ));
        }
        if claims.exp - claims.iat > LONGEST_JWT || claims.exp > now + LONGEST_JWT {
            return Err(ApiError::new(
                401,
                "'Expiration time' claim ('exp') is too far in the future",
            ));
        }
        if claims.iat > now {
            return Err(ApiError::new(
                401,
                "'Issued at' claim ('iat') must be an Integer representing the time that the \
                 assertion was issued",
            ));
        }
        let app = self
            .apps
            .iter()
            .find(|(app, _)| app.id.to_string() == claims.iss);
        Ok(app.expect("the key was found by the issuer").0.clone())
    }

    /// A new installation token for `app`'s bot: `(token, expires_at)`.
    pub fn mint(&self, app: &ServeApp) -> (String, Timestamp) {
        let mut random = [0u8; 20];
        SystemRandom::new()
            .fill(&mut random)
            .expect("the system's random source works");
        let token = format!(
            "ghs_{}",
            random
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect::<String>()
        );
        let bot = self
            .apps
            .iter()
            .find(|(known, _)| known.id == app.id)
            .map(|(_, bot)| bot.clone())
            .expect("a registered App");
        let expires_at = Timestamp(self.now().seconds() + TOKEN_LIFETIME);
        self.minted
            .lock()
            .unwrap()
            .insert(token.clone(), Minted { bot, expires_at });
        (token, expires_at)
    }

    /// The bot an installation token acts as, while it has not expired.
    pub fn bot_of(&self, token: &str) -> Option<Result<User, ApiError>> {
        let minted = self.minted.lock().unwrap();
        let minted = minted.get(token)?;
        Some(if minted.expires_at > self.now() {
            Ok(minted.bot.clone())
        } else {
            Err(ApiError::bad_credentials())
        })
    }
}
