//! `GET /api/v1/me`: who is logged in, with roles and linked records.

use super::ApiResult;
use crate::auth::Auth;
use crate::state::AppState;
use axum::routing::get;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The logged-in user.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Me {
    /// User id.
    pub user_id: Uuid,
    /// Login.
    pub login: String,
    /// Full name.
    pub full_name: String,
    /// Preferred locale ("ru" or "en").
    pub locale: String,
    /// Role codes (admin, director, deputy, shmo_head, teacher, class_teacher, pupil, parent,
    /// municipal, regional).
    pub roles: Vec<String>,
    /// School of the school roles.
    pub school_id: Option<Uuid>,
    /// Municipality or region of an aggregate role.
    pub org_id: Option<Uuid>,
    /// Linked staff record.
    pub staff_id: Option<Uuid>,
    /// Linked pupil record.
    pub pupil_id: Option<Uuid>,
    /// Linked parent record.
    pub parent_id: Option<Uuid>,
    /// Whether the password must be changed before using the pages.
    pub must_change_password: bool,
}

/// Routes of this module.
pub fn router() -> Router<AppState> {
    Router::new().route("/api/v1/me", get(show))
}

/// Who is logged in.
///
/// The logged-in user: login, full name, role codes, the school (or municipality/region
/// of an aggregate role) and the linked staff, pupil and parent records.
#[utoipa::path(
    get,
    path = "/api/v1/me",
    operation_id = "me_show",
    tag = "me",
    responses((status = 200, description = "The logged-in user.", body = Me))
)]
pub async fn show(Auth(v): Auth) -> ApiResult<Json<Me>> {
    Ok(Json(Me {
        user_id: v.user_id,
        login: v.login,
        full_name: v.full_name,
        locale: v.locale,
        roles: v.roles.iter().map(|r| r.code().to_string()).collect(),
        school_id: v.school_id,
        org_id: v.org_id,
        staff_id: v.staff_id,
        pupil_id: v.pupil_id,
        parent_id: v.parent_id,
        must_change_password: v.must_change_password,
    }))
}
