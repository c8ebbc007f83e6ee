//! Authentication: argon2id passwords, database sessions in an HttpOnly cookie, the
//! extractors that turn a request into a [`vsoko_store::Viewer`], and login throttling.

pub mod password;
pub mod session;
pub mod throttle;

pub use session::{Auth, MaybeAuth, SESSION_COOKIE};

use crate::error::AppError;
use vsoko_domain::roles::Permission;
use vsoko_store::Viewer;

/// Fails with 403 unless one of the viewer's roles allows the permission.
pub fn require(viewer: &Viewer, permission: Permission) -> Result<(), AppError> {
    if viewer.can(permission) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// The school of a school-role viewer, or 403 for municipal and regional viewers.
pub fn school_of(viewer: &Viewer) -> Result<uuid::Uuid, AppError> {
    viewer.school_id.ok_or(AppError::Forbidden)
}
