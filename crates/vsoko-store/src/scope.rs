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

#[derive(sqlx::FromRow)]
struct RoleRow {
    role: String,
    school_id: Option<Uuid>,
    org_id: Option<Uuid>,
    subjects: String,
}

#[derive(sqlx::FromRow)]
struct UserRow {
    id: Uuid,
    login: String,
    full_name: String,
    locale: String,
    must_change_password: bool,
}

/// Resolves a user into a viewer (roles, linked staff/pupil/parent records).
pub async fn load_viewer(db: &Db, user_id: Uuid, session_id: Uuid) -> Result<Option<Viewer>> {
    let Some(u) = opt_row!(
        db,
        UserRow,
        "SELECT id, login, full_name, locale, must_change_password FROM users WHERE id = $1 AND is_active",
        user_id
    )?
    else {
        return Ok(None);
    };
    let grants = rows!(
        db,
        RoleRow,
        "SELECT role, school_id, org_id, subjects FROM user_roles WHERE user_id = $1",
        user_id
    )?;
    let mut v = Viewer {
        user_id: u.id,
        session_id,
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
        v.school_id = v.school_id.or(g.school_id);
        v.org_id = v.org_id.or(g.org_id);
        if role == Role::ShmoHead {
            v.shmo_subjects
                .extend(serde_json::from_str::<Vec<Uuid>>(&g.subjects).unwrap_or_default());
        }
    }
    v.roles.sort();
    v.roles.dedup();
    if let Some(school) = v.school_id {
        v.staff_id = opt_scalar!(
            db,
            Uuid,
            "SELECT id FROM staff WHERE school_id = $1 AND user_id = $2",
            school,
            user_id
        )?;
        v.pupil_id = opt_scalar!(
            db,
            Uuid,
            "SELECT id FROM pupils WHERE school_id = $1 AND user_id = $2",
            school,
            user_id
        )?;
        v.parent_id = opt_scalar!(
            db,
            Uuid,
            "SELECT id FROM parents WHERE school_id = $1 AND user_id = $2",
            school,
            user_id
        )?;
    }
    Ok(Some(v))
}
