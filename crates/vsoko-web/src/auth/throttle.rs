//! Login throttling: after five failed attempts for a login (or thirty from one address)
//! within a minute, further attempts are refused until the minute has passed.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Failed attempts allowed per login per window.
pub const PER_LOGIN: u32 = 5;
/// Failed attempts allowed per client address per window.
pub const PER_ADDRESS: u32 = 30;
/// The window.
pub const WINDOW: Duration = Duration::from_secs(60);

/// Counters of recent failures.
#[derive(Default)]
pub struct Throttle {
    failures: Mutex<HashMap<String, (u32, Instant)>>,
}

impl Throttle {
    fn count(&self, key: &str, now: Instant) -> u32 {
        let map = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        match map.get(key) {
            Some((n, since)) if now.duration_since(*since) < WINDOW => *n,
            _ => 0,
        }
    }

    /// Whether an attempt for this login from this address is refused now.
    pub fn blocked(&self, login: &str, address: &str) -> bool {
        let now = Instant::now();
        self.count(&format!("l:{login}"), now) >= PER_LOGIN || self.count(&format!("a:{address}"), now) >= PER_ADDRESS
    }

    /// Records a failed attempt.
    pub fn fail(&self, login: &str, address: &str) {
        let now = Instant::now();
        let mut map = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        if map.len() > 100_000 {
            map.retain(|_, (_, since)| now.duration_since(*since) < WINDOW);
        }
        for key in [format!("l:{login}"), format!("a:{address}")] {
            let entry = map.entry(key).or_insert((0, now));
            if now.duration_since(entry.1) >= WINDOW {
                *entry = (0, now);
            }
            entry.0 += 1;
        }
    }

    /// Clears a login's failures after a successful login.
    pub fn succeed(&self, login: &str) {
        self.failures
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(&format!("l:{login}"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fifth_failure_blocks_the_login_but_not_others() {
        let t = Throttle::default();
        for _ in 0..PER_LOGIN {
            assert!(!t.blocked("anna", "1.1.1.1"));
            t.fail("anna", "1.1.1.1");
        }
        assert!(t.blocked("anna", "2.2.2.2"));
        assert!(!t.blocked("boris", "2.2.2.2"));
        t.succeed("anna");
        assert!(!t.blocked("anna", "2.2.2.2"));
    }
}
