//! Roles and the role → permission matrix. Row scope (which school, class or pupil a user
//! may see) is enforced by store queries; this module says which kinds of action a role may
//! take at all.

use serde::{Deserialize, Serialize};

/// A role a user holds, with its scope stored beside it (school, municipality, region, subjects).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Role {
    /// System administrator of a school installation.
    Admin,
    /// Директор.
    Director,
    /// Заместитель директора по УВР.
    Deputy,
    /// Руководитель ШМО (for a set of subjects).
    ShmoHead,
    /// Учитель-предметник (scope: own teaching assignments).
    Teacher,
    /// Классный руководитель (scope: own classes).
    ClassTeacher,
    /// Обучающийся (scope: self).
    Pupil,
    /// Родитель (scope: own children).
    Parent,
    /// Специалист муниципального органа управления образованием (aggregates of the municipality).
    Municipal,
    /// Специалист регионального уровня (aggregates of the region).
    Regional,
}

/// Every role, in display order.
pub const ALL_ROLES: [Role; 10] = [
    Role::Admin,
    Role::Director,
    Role::Deputy,
    Role::ShmoHead,
    Role::Teacher,
    Role::ClassTeacher,
    Role::Pupil,
    Role::Parent,
    Role::Municipal,
    Role::Regional,
];

impl Role {
    /// Stable code stored in the database and used in URLs and the API.
    pub fn code(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Director => "director",
            Role::Deputy => "deputy",
            Role::ShmoHead => "shmo_head",
            Role::Teacher => "teacher",
            Role::ClassTeacher => "class_teacher",
            Role::Pupil => "pupil",
            Role::Parent => "parent",
            Role::Municipal => "municipal",
            Role::Regional => "regional",
        }
    }

    /// Parses a stored code.
    pub fn parse(code: &str) -> Option<Role> {
        ALL_ROLES.iter().copied().find(|r| r.code() == code)
    }

    /// Whether the role belongs to one school (as opposed to a municipality or region).
    pub fn is_school_role(self) -> bool {
        !matches!(self, Role::Municipal | Role::Regional)
    }

    /// Whether the role is held by school staff (sees school-internal pages).
    pub fn is_staff(self) -> bool {
        matches!(
            self,
            Role::Admin | Role::Director | Role::Deputy | Role::ShmoHead | Role::Teacher | Role::ClassTeacher
        )
    }
}

/// A kind of action. Row scope is checked separately by the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Permission {
    /// Create and edit the school structure: years, periods, classes, subjects, staff,
    /// pupils, parents, assignments.
    ManageStructure,
    /// Create accounts, grant roles, reset passwords.
    ManageAccounts,
    /// Import roster files.
    ImportRoster,
    /// See the whole school's roster (all classes, pupils, staff).
    ViewSchoolRoster,
    /// See classes and pupils within one's own scope (teaching or class-teacher assignments).
    ViewOwnClasses,
    /// See one's own children (parent) or oneself (pupil).
    ViewOwnFamily,
    /// See aggregates of the schools in one's municipality or region (no pupil-level data).
    ViewAggregates,
}

/// Every permission, for matrix tests and documentation.
pub const ALL_PERMISSIONS: [Permission; 7] = [
    Permission::ManageStructure,
    Permission::ManageAccounts,
    Permission::ImportRoster,
    Permission::ViewSchoolRoster,
    Permission::ViewOwnClasses,
    Permission::ViewOwnFamily,
    Permission::ViewAggregates,
];

/// The role → permission matrix.
pub fn allows(role: Role, permission: Permission) -> bool {
    use Permission as P;
    use Role as R;
    match permission {
        P::ManageStructure => matches!(role, R::Admin | R::Director | R::Deputy),
        P::ManageAccounts => matches!(role, R::Admin),
        P::ImportRoster => matches!(role, R::Admin | R::Deputy),
        P::ViewSchoolRoster => matches!(role, R::Admin | R::Director | R::Deputy | R::ShmoHead),
        P::ViewOwnClasses => matches!(role, R::Teacher | R::ClassTeacher | R::ShmoHead),
        P::ViewOwnFamily => matches!(role, R::Pupil | R::Parent),
        P::ViewAggregates => matches!(role, R::Municipal | R::Regional | R::Director | R::Deputy),
    }
}

/// Whether any of the roles allows the permission.
pub fn any_allows(roles: &[Role], permission: Permission) -> bool {
    roles.iter().any(|r| allows(*r, permission))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_codes_round_trip() {
        for r in ALL_ROLES {
            assert_eq!(Role::parse(r.code()), Some(r));
        }
        assert_eq!(Role::parse("root"), None);
    }

    #[test]
    fn only_admin_manages_accounts() {
        for r in ALL_ROLES {
            assert_eq!(allows(r, Permission::ManageAccounts), r == Role::Admin);
        }
    }

    #[test]
    fn families_and_aggregate_roles_never_see_the_school_roster() {
        for r in [Role::Pupil, Role::Parent, Role::Municipal, Role::Regional] {
            assert!(!allows(r, Permission::ViewSchoolRoster));
            assert!(!allows(r, Permission::ManageStructure));
        }
    }
}
