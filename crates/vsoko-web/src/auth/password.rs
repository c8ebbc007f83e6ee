//! Password hashing with argon2id (OWASP parameters: 19 MiB, t = 2, p = 1) on the blocking
//! pool, at most two at a time so a login burst cannot starve page requests.

use crate::state::AppState;
use argon2::Argon2;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};

/// The password of every demo login; refused outside a demo database.
pub const DEMO_PASSWORD: &str = "demo";

/// Shortest password accepted for a real account.
pub const MIN_LEN: usize = 8;

/// Hashes a password into a PHC string (synchronous; for the CLI and demo builder).
pub fn hash_now(password: &str) -> anyhow::Result<String> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| anyhow::anyhow!("password hashing failed: {e}"))
}

/// Checks a password against a PHC string (synchronous).
pub fn verify_now(password: &str, phc: &str) -> bool {
    Argon2::default().verify_password(password.as_bytes(), phc).is_ok()
}

/// Hashes on the blocking pool under the state's hashing limit.
pub async fn hash(state: &AppState, password: String) -> anyhow::Result<String> {
    let _permit = state.hashing.acquire().await?;
    tokio::task::spawn_blocking(move || hash_now(&password)).await?
}

/// Verifies on the blocking pool under the state's hashing limit.
pub async fn verify(state: &AppState, password: String, phc: String) -> anyhow::Result<bool> {
    let _permit = state.hashing.acquire().await?;
    Ok(tokio::task::spawn_blocking(move || verify_now(&password, &phc)).await?)
}

/// A random temporary password (12 letters and digits without look-alikes).
pub fn random_password() -> String {
    use rand::Rng;
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut rng = rand::rng();
    (0..12)
        .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
        .collect()
}

/// Why a new password is not acceptable, as a message key.
pub fn weakness(password: &str, demo_db: bool) -> Option<&'static str> {
    if password == DEMO_PASSWORD && !demo_db {
        return Some("account-password-demo");
    }
    if password.chars().count() < MIN_LEN && !(demo_db && password == DEMO_PASSWORD) {
        return Some("account-password-short");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_argon2id_and_verify() {
        let h = hash_now("correct horse").expect("hash");
        assert!(h.starts_with("$argon2id$"));
        assert!(verify_now("correct horse", &h));
        assert!(!verify_now("wrong", &h));
    }

    #[test]
    fn demo_password_only_in_demo_database() {
        assert_eq!(weakness("demo", false), Some("account-password-demo"));
        assert_eq!(weakness("demo", true), None);
        assert_eq!(weakness("short", false), Some("account-password-short"));
        assert_eq!(weakness("long enough", false), None);
    }
}
