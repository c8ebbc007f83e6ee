//! The pure domain of vsoko: identifiers, roles and their permissions, the rules of the
//! school structure (class names, periods), roster rows shared by imports and the demo,
//! user-facing messages as key + arguments, and text normalisation for search. No IO
//! lives here.

pub mod analytics;
pub mod assessment;
pub mod demo;
pub mod journal;
pub mod msg;
pub mod reference;
pub mod roles;
pub mod roster;
pub mod schedule;
pub mod search;
pub mod structure;

pub use uuid::Uuid;

/// A new time-ordered identifier (UUIDv7), used for every primary key.
pub fn new_id() -> Uuid {
    Uuid::now_v7()
}
