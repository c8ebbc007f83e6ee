//! vsoko storage: one [`Db`] handle over SQLite and PostgreSQL, embedded migrations, and one
//! module per aggregate. Every mutating function takes the acting [`Actor`] and writes an
//! audit row in the same transaction. Row scope (which school, class or pupil a viewer may
//! see) is part of each query's `WHERE`, never a filter applied after fetching.
//!
//! Portable SQL rules are in this crate's README.md.

#[macro_use]
mod macros;
pub mod db;
pub mod error;

pub mod accounts;
pub mod analytics_data;
pub mod assessment;
pub mod audit;
pub mod demo;
pub mod demo_journal;
pub mod demo_schedule;
pub mod diary;
pub mod freshness;
pub mod journal;
pub mod org;
pub mod people;
pub mod results;
pub mod roster;
pub mod schedule;
pub mod scope;
pub mod settings;
pub mod structure;
pub mod testing;

pub use db::{Backend, Db, Tx};
pub use error::StoreError;
pub use scope::Viewer;

// Serde form of dates in JSON: "YYYY-MM-DD" (`crate::iso_date`, `crate::iso_date::option`).
time::serde::format_description!(pub iso_date, Date, "[year]-[month]-[day]");

/// Result alias for store functions.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// Who performs a write: a logged-in user, or the system (CLI, demo builder, importer).
#[derive(Debug, Clone)]
pub struct Actor {
    /// The user, when a person acts.
    pub user_id: Option<uuid::Uuid>,
    /// A readable label kept in the audit log (login or command name).
    pub label: String,
}

impl Actor {
    /// A command-line or background action.
    pub fn system(label: &str) -> Actor {
        Actor {
            user_id: None,
            label: label.to_string(),
        }
    }

    /// A logged-in user.
    pub fn user(id: uuid::Uuid, login: &str) -> Actor {
        Actor {
            user_id: Some(id),
            label: login.to_string(),
        }
    }
}

/// The current time as every stored timestamp is kept: see [`stamp`].
pub fn now() -> time::OffsetDateTime {
    stamp(time::OffsetDateTime::now_utc())
}

/// A timestamp in the one form vsoko stores and compares: UTC, microsecond precision (what
/// PostgreSQL keeps), plus one nanosecond.
///
/// SQLite stores timestamps as RFC 3339 text, which drops trailing zeros of the fraction, so
/// "…06.2Z" would sort after "…06.289693Z" and "…06Z" after both. The extra nanosecond makes
/// every fraction nine digits long, so text order is time order; PostgreSQL rounds it away.
/// Every timestamp written or bound for a comparison goes through here.
pub fn stamp(t: time::OffsetDateTime) -> time::OffsetDateTime {
    let t = t.to_offset(time::UtcOffset::UTC);
    t.replace_nanosecond(t.nanosecond() / 1000 * 1000 + 1).unwrap_or(t)
}
