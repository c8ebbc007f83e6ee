//! Password hashing with argon2id (OWASP parameters: 19 MiB, t = 2, p = 1) on two
//! dedicated threads: a login burst cannot starve page requests, and only two threads ever
//! hold argon2's 19 MiB working memory (on tokio's blocking pool every new thread kept its own
//! malloc arena with a freed 19 MiB block: 480 MB resident after a login benchmark).

use crate::state::AppState;
use argon2::password_hash::PasswordHasher;
use argon2::password_hash::phc::{Output, PasswordHash};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use std::cell::RefCell;
use std::sync::{Arc, Mutex, mpsc};

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

thread_local! {
    /// argon2's working memory, kept per hashing thread and reused by every verification, so
    /// logins do not allocate and free 19 MiB each (which left glibc arenas holding hundreds of MB).
    static BLOCKS: RefCell<Vec<Block>> = const { RefCell::new(Vec::new()) };
}

/// Checks a password against a PHC string (synchronous), reusing the thread's working memory.
pub fn verify_now(password: &str, phc: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(phc) else {
        return false;
    };
    let (Some(salt), Some(expected)) = (&parsed.salt, &parsed.hash) else {
        return false;
    };
    let Ok(params) = Params::try_from(&parsed) else {
        return false;
    };
    let Ok(algorithm) = Algorithm::try_from(parsed.algorithm.as_str()) else {
        return false;
    };
    let Ok(version) = Version::try_from(parsed.version.unwrap_or(0x13)) else {
        return false;
    };
    let mut out = vec![0u8; expected.len()];
    let computed = BLOCKS.with(|blocks| {
        let mut blocks = blocks.borrow_mut();
        let need = params.block_count();
        if blocks.len() < need {
            blocks.resize(need, Block::default());
        }
        Argon2::new(algorithm, version, params.clone()).hash_password_into_with_memory(
            password.as_bytes(),
            salt.as_ref(),
            &mut out,
            &mut blocks[..need],
        )
    });
    computed.is_ok() && Output::new(&out).is_ok_and(|o| &o == expected)
}

type Job = Box<dyn FnOnce() + Send>;

/// A fixed pool of hashing threads fed through a channel.
pub struct Hasher {
    jobs: Mutex<mpsc::Sender<Job>>,
}

impl Hasher {
    /// Starts `threads` hashing threads.
    pub fn new(threads: usize) -> Hasher {
        let (tx, rx) = mpsc::channel::<Job>();
        let rx = Arc::new(Mutex::new(rx));
        for i in 0..threads {
            let rx = Arc::clone(&rx);
            let spawned = std::thread::Builder::new()
                .name(format!("vsoko-hash-{i}"))
                .spawn(move || {
                    loop {
                        let job = match rx.lock().unwrap_or_else(|e| e.into_inner()).recv() {
                            Ok(job) => job,
                            Err(_) => return,
                        };
                        job();
                    }
                });
            if let Err(e) = spawned {
                tracing::error!(error = %e, "cannot start a password hashing thread");
            }
        }
        Hasher { jobs: Mutex::new(tx) }
    }

    /// Runs `f` on a hashing thread and waits for its result.
    pub async fn run<T: Send + 'static>(&self, f: impl FnOnce() -> T + Send + 'static) -> anyhow::Result<T> {
        let (tx, rx) = tokio::sync::oneshot::channel();
        let job: Job = Box::new(move || {
            let _ = tx.send(f());
        });
        self.jobs
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .send(job)
            .map_err(|_| anyhow::anyhow!("password hashing threads are gone"))?;
        Ok(rx.await?)
    }
}

/// Hashes on the state's hashing threads.
pub async fn hash(state: &AppState, password: String) -> anyhow::Result<String> {
    state.hasher.run(move || hash_now(&password)).await?
}

/// Verifies on the state's hashing threads.
pub async fn verify(state: &AppState, password: String, phc: String) -> anyhow::Result<bool> {
    state.hasher.run(move || verify_now(&password, &phc)).await
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
        assert!(!verify_now("correct horse", "not a phc string"));
        // A hash made elsewhere with other parameters still verifies (parameters come from the string).
        let other = argon2::Argon2::new(
            Algorithm::Argon2id,
            Version::V0x13,
            Params::new(8192, 3, 1, None).expect("params"),
        )
        .hash_password(b"correct horse")
        .expect("hash")
        .to_string();
        assert!(verify_now("correct horse", &other));
        assert!(!verify_now("correct horsE", &other));
    }

    #[test]
    fn demo_password_only_in_demo_database() {
        assert_eq!(weakness("demo", false), Some("account-password-demo"));
        assert_eq!(weakness("demo", true), None);
        assert_eq!(weakness("short", false), Some("account-password-short"));
        assert_eq!(weakness("long enough", false), None);
    }
}
