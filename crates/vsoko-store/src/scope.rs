//! The viewer: a logged-in user resolved to their roles and the people and units they are
//! linked to. Store queries take a `Viewer` and put its scope into their `WHERE` clause.

use crate::{Db, Result};
use serde::Serialize;
use uuid::Uuid;
use vsoko_domain::roles::{Permission, Role, any_allows};

/// A logged-in user with everything scope checks need.
#[derive(Debug, Clone, Serialize)]
pub struct Viewer {
    /// User id.
    pub user_id: Uuid,
    /// Session id (for "log out").
    pub session_id: Uuid,
    /// Login.
    pub login: String,
    /// Full name.
    pub full_name: String,
    /// Preferred locale ("ru" or "en").
    pub locale: String,
    /// Whether the user must change the password before anything else.
    pub must_change_password: bool,
    /// Roles held.
    pub roles: Vec<Role>,
    /// School of the school roles.
    pub school_id: Option<Uuid>,
    /// Municipality or region of an aggregate role.
    pub org_id: Option<Uuid>,
    /// Staff record linked to the user.
    pub staff_id: Option<Uuid>,
    /// Pupil record linked to the user.
    pub pupil_id: Option<Uuid>,
    /// Parent record linked to the user.
    pub parent_id: Option<Uuid>,
    /// Subjects of a ШМО head.
    pub shmo_subjects: Vec<Uuid>,
}

impl Viewer {
    /// Whether any role allows the permission.
    pub fn can(&self, permission: Permission) -> bool {
        any_allows(&self.roles, permission)
    }

    /// Whether the viewer holds a role.
    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }

    /// Whether the viewer sees the whole school roster.
    pub fn full_roster(&self) -> bool {
        self.can(Permission::ViewSchoolRoster)
    }

    /// Whether the viewer may see class lists (administration, teachers, class teachers).
    pub fn sees_classes(&self) -> bool {
        self.full_roster() || self.can(Permission::ViewOwnClasses)
    }

    /// Whether the viewer may see pupils at all (also parents and pupils: their own).
    pub fn sees_pupils(&self) -> bool {
        self.sees_classes() || self.can(Permission::ViewOwnFamily)
    }

    /// The school to scope queries by; the nil id (matching nothing) for viewers without one.
    pub fn school(&self) -> Uuid {
        self.school_id.unwrap_or(Uuid::nil())
    }
}

/// A role grant with the records of its school linked to the user.
#[derive(sqlx::FromRow)]
struct RoleRow {
    role: String,
    school_id: Option<Uuid>,
    org_id: Option<Uuid>,
    subjects: String,
    staff_id: Option<Uuid>,
    pupil_id: Option<Uuid>,
    parent_id: Option<Uuid>,
}

#[derive(sqlx::FromRow)]
struct UserRow {
    session_id: Uuid,
    id: Uuid,
    login: String,
    full_name: String,
    locale: String,
    must_change_password: bool,
    /// The session's expiry (only the session query reads it).
    #[sqlx(default)]
    expires_at: Option<time::OffsetDateTime>,
}

/// The columns of [`UserRow`] (`s` = the session, `u` = its user).
macro_rules! user_columns {
    () => {
        "SELECT s.id AS session_id, u.id, u.login, u.full_name, u.locale, u.must_change_password "
    };
}

/// The viewer of a live session (by the SHA-256 of its token): the session with its active
/// user in one query, the roles with the linked staff/pupil/parent records in another.
pub async fn session_viewer(db: &Db, token_hash: &str) -> Result<Option<Viewer>> {
    Ok(session_viewer_until(db, token_hash).await?.map(|(v, _)| v))
}

/// [`session_viewer`] with the session's expiry, for callers that keep the viewer.
pub async fn session_viewer_until(db: &Db, token_hash: &str) -> Result<Option<(Viewer, time::OffsetDateTime)>> {
    let user = opt_row!(
        db,
        UserRow,
        concat!(
            user_columns!(),
            ", s.expires_at FROM sessions s JOIN users u ON u.id = s.user_id \
             WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 AND u.is_active"
        ),
        token_hash,
        crate::now()
    )?;
    match user {
        Some(u) => {
            let expires_at = u.expires_at.unwrap_or_else(crate::now);
            Ok(Some((with_roles(db, u).await?, expires_at)))
        }
        None => Ok(None),
    }
}

/// Resolves a user into a viewer (roles, linked staff/pupil/parent records) for a session id.
pub async fn load_viewer(db: &Db, user_id: Uuid, session_id: Uuid) -> Result<Option<Viewer>> {
    // `s.id` is only a placeholder of the row's shape here: the session id is the caller's.
    let user = opt_row!(
        db,
        UserRow,
        concat!(
            user_columns!(),
            "FROM users u JOIN users s ON s.id = u.id WHERE u.id = $1 AND u.is_active"
        ),
        user_id
    )?;
    match user {
        Some(u) => Ok(Some(with_roles(db, UserRow { session_id, ..u }).await?)),
        None => Ok(None),
    }
}

/// The viewer of a user row: its grants, each with the user's staff, pupil and parent
/// records in the grant's school (one query). The first school grant's school is the
/// viewer's school, and its records are the viewer's.
async fn with_roles(db: &Db, u: UserRow) -> Result<Viewer> {
    let grants = rows!(
        db,
        RoleRow,
        "SELECT r.role, r.school_id, r.org_id, r.subjects, \
         (SELECT st.id FROM staff st WHERE st.school_id = r.school_id AND st.user_id = r.user_id) AS staff_id, \
         (SELECT p.id FROM pupils p WHERE p.school_id = r.school_id AND p.user_id = r.user_id) AS pupil_id, \
         (SELECT pa.id FROM parents pa WHERE pa.school_id = r.school_id AND pa.user_id = r.user_id) AS parent_id \
         FROM user_roles r WHERE r.user_id = $1",
        u.id
    )?;
    let mut v = Viewer {
        user_id: u.id,
        session_id: u.session_id,
        login: u.login,
        full_name: u.full_name,
        locale: u.locale,
        must_change_password: u.must_change_password,
        roles: Vec::new(),
        school_id: None,
        org_id: None,
        staff_id: None,
        pupil_id: None,
        parent_id: None,
        shmo_subjects: Vec::new(),
    };
    for g in grants {
        let Some(role) = Role::parse(&g.role) else { continue };
        v.roles.push(role);
        if v.school_id.is_none() && g.school_id.is_some() {
            v.school_id = g.school_id;
            v.staff_id = g.staff_id;
            v.pupil_id = g.pupil_id;
            v.parent_id = g.parent_id;
        }
        v.org_id = v.org_id.or(g.org_id);
        if role == Role::ShmoHead {
            v.shmo_subjects
                .extend(serde_json::from_str::<Vec<Uuid>>(&g.subjects).unwrap_or_default());
        }
    }
    v.roles.sort();
    v.roles.dedup();
    Ok(v)
}
