//! GitHub App JSON web tokens: RS256 over the App's RSA key, signed by the client
//! (`tracker::github::app`) and checked by `serve`. The keys come in PEM, decoded here with the
//! base64 crate; ring does the RSA.

use std::fmt;

use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine;
use ring::rand::SystemRandom;
use ring::signature::{
    KeyPair, RsaKeyPair, UnparsedPublicKey, RSA_PKCS1_2048_8192_SHA256, RSA_PKCS1_SHA256,
};
use serde_json::{json, Value};

/// The claims GitHub reads: issued at, expires at (seconds since the epoch), and the issuer,
/// the App's id (or its client id).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claims {
    pub iat: i64,
    pub exp: i64,
    pub iss: String,
}

/// An App's private key. Neither `Debug` nor anything else shows it.
pub struct PrivateKey(RsaKeyPair);

impl fmt::Debug for PrivateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("PrivateKey(<redacted>)")
    }
}

impl PrivateKey {
    /// A PEM RSA private key: PKCS#1 (`BEGIN RSA PRIVATE KEY`, what GitHub hands out) or
    /// PKCS#8 (`BEGIN PRIVATE KEY`). The error never quotes the key.
    pub fn from_pem(text: &str) -> Result<PrivateKey, String> {
        let (label, der) = pem(text)?;
        let parsed = match label.as_str() {
            "RSA PRIVATE KEY" => RsaKeyPair::from_der(&der),
            "PRIVATE KEY" => RsaKeyPair::from_pkcs8(&der),
            other => return Err(format!("it holds a {other}, not an RSA private key")),
        };
        parsed
            .map(PrivateKey)
            .map_err(|why| format!("it is not a usable RSA private key ({why})"))
    }

    /// The public half, DER (PKCS#1 `RSAPublicKey`), as [`verify`] takes it.
    pub fn public_key_der(&self) -> Vec<u8> {
        self.0.public_key().as_ref().to_vec()
    }

    /// `header.claims.signature`, base64url without padding. An App id of digits is sent as a
    /// number, as GitHub's own examples do; a client id (`Iv1.…`) as a string.
    pub fn sign(&self, claims: &Claims) -> String {
        let iss = match claims.iss.parse::<u64>() {
            Ok(number) => json!(number),
            Err(_) => json!(claims.iss),
        };
        let header = encode(&json!({"alg": "RS256", "typ": "JWT"}));
        let payload = encode(&json!({"iat": claims.iat, "exp": claims.exp, "iss": iss}));
        let message = format!("{header}.{payload}");
        let mut signature = vec![0; self.0.public().modulus_len()];
        self.0
            .sign(
                &RSA_PKCS1_SHA256,
                &SystemRandom::new(),
                message.as_bytes(),
                &mut signature,
            )
            .expect("signing with a key ring accepted succeeds");
        format!("{message}.{}", URL_SAFE_NO_PAD.encode(signature))
    }
}

/// The public key `serve` checks an App's tokens with, from a PEM file holding the private
/// key (its public half is taken) or the public key itself (`BEGIN RSA PUBLIC KEY`).
pub fn public_key_from_pem(text: &str) -> Result<Vec<u8>, String> {
    match pem(text)? {
        (label, der) if label == "RSA PUBLIC KEY" => Ok(der),
        _ => PrivateKey::from_pem(text).map(|key| key.public_key_der()),
    }
}

/// Whether a bearer token is shaped like a JSON web token (three base64url parts, a JSON
/// header), as opposed to an API token.
pub fn looks_like_jwt(token: &str) -> bool {
    token.starts_with("eyJ") && token.split('.').count() == 3
}

/// The claims of an RS256 token whose signature the issuer's key verifies; `None` for
/// anything else. `key_of` finds the public key (DER) of an issuer. Times are the caller's
/// to check.
pub fn verify(token: &str, key_of: impl Fn(&str) -> Option<Vec<u8>>) -> Option<Claims> {
    let mut parts = token.split('.');
    let (header, payload, signature) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || decode(header)?["alg"] != "RS256" {
        return None;
    }
    let claims = decode(payload)?;
    let iss = match &claims["iss"] {
        Value::String(text) => text.clone(),
        Value::Number(number) => number.to_string(),
        _ => return None,
    };
    let key = key_of(&iss)?;
    let signature = URL_SAFE_NO_PAD.decode(signature).ok()?;
    UnparsedPublicKey::new(&RSA_PKCS1_2048_8192_SHA256, key)
        .verify(format!("{header}.{payload}").as_bytes(), &signature)
        .ok()?;
    Some(Claims {
        iat: claims["iat"].as_i64()?,
        exp: claims["exp"].as_i64()?,
        iss,
    })
}

fn encode(value: &Value) -> String {
    URL_SAFE_NO_PAD.encode(value.to_string())
}

fn decode(part: &str) -> Option<Value> {
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(part).ok()?).ok()
}

/// The label and bytes of the first PEM block in `text`.
fn pem(text: &str) -> Result<(String, Vec<u8>), String> {
    let not_pem = || "it is not a PEM file (no -----BEGIN ...----- line)".to_string();
    let start = text.find("-----BEGIN ").ok_or_else(not_pem)?;
    let rest = &text[start + "-----BEGIN ".len()..];
    let (label, rest) = rest.split_once("-----").ok_or_else(not_pem)?;
    let end = format!("-----END {label}-----");
    let body = rest
        .split_once(end.as_str())
        .map(|(body, _)| body)
        .ok_or_else(|| format!("its {label} block has no {end} line"))?;
    if body.contains(':') {
        return Err(
            "it is encrypted; GitHub's keys are not: export it without a passphrase".into(),
        );
    }
    let base64: String = body.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    let der = STANDARD
        .decode(base64)
        .map_err(|_| format!("its {label} block is not valid base64"))?;
    Ok((label.to_string(), der))
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = include_str!("../tests/fixtures/app-key.pem");
    const WRONG: &str = include_str!("../tests/fixtures/app-key-wrong.pem");

    fn claims() -> Claims {
        Claims {
            iat: 1_700_000_000,
            exp: 1_700_000_540,
            iss: "42".into(),
        }
    }

    #[test]
    fn a_signed_token_verifies_with_the_public_key_only() {
        let key = PrivateKey::from_pem(KEY).unwrap();
        let token = key.sign(&claims());
        assert!(looks_like_jwt(&token));
        let public = public_key_from_pem(KEY).unwrap();
        let by_issuer = |iss: &str| (iss == "42").then(|| public.clone());
        assert_eq!(verify(&token, by_issuer), Some(claims()));
        let wrong = public_key_from_pem(WRONG).unwrap();
        assert_eq!(verify(&token, |_| Some(wrong.clone())), None);
        let (signed, _) = token.rsplit_once('.').unwrap();
        let forged = format!("{signed}.{}", URL_SAFE_NO_PAD.encode([0u8; 256]));
        assert_eq!(verify(&forged, by_issuer), None);
    }

    #[test]
    fn the_header_and_claims_are_githubs() {
        let token = PrivateKey::from_pem(KEY).unwrap().sign(&claims());
        let parts: Vec<&str> = token.split('.').collect();
        assert_eq!(
            decode(parts[0]).unwrap(),
            json!({"alg": "RS256", "typ": "JWT"})
        );
        assert_eq!(decode(parts[1]).unwrap()["iss"], json!(42));
        let client_id = Claims {
            iss: "Iv1.abc".into(),
            ..claims()
        };
        let token = PrivateKey::from_pem(KEY).unwrap().sign(&client_id);
        let payload = decode(token.split('.').nth(1).unwrap()).unwrap();
        assert_eq!(payload["iss"], json!("Iv1.abc"));
    }

    #[test]
    fn keys_that_are_not_pem_rsa_private_keys_are_refused_without_quoting_them() {
        assert!(PrivateKey::from_pem("ghp_secret")
            .unwrap_err()
            .contains("not a PEM file"));
        let certificate = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
        assert!(PrivateKey::from_pem(certificate)
            .unwrap_err()
            .contains("CERTIFICATE, not an RSA private key"));
        let garbage = "-----BEGIN RSA PRIVATE KEY-----\nc2VjcmV0\n-----END RSA PRIVATE KEY-----";
        let why = PrivateKey::from_pem(garbage).unwrap_err();
        assert!(why.contains("not a usable RSA private key") && !why.contains("c2VjcmV0"));
        assert!(format!("{:?}", PrivateKey::from_pem(KEY).unwrap()).contains("redacted"));
    }
}
