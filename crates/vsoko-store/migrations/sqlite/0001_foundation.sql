-- vsoko foundation schema: hierarchy, people, structure, accounts, sessions, audit.
-- Every school-owned table has school_id and a primary key (school_id, id).

CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE regions (
    id BLOB PRIMARY KEY,
    name TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE municipalities (
    id BLOB PRIMARY KEY,
    region_id BLOB NOT NULL REFERENCES regions(id),
    name TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE schools (
    id BLOB PRIMARY KEY,
    municipality_id BLOB NOT NULL REFERENCES municipalities(id),
    name TEXT NOT NULL,
    short_name TEXT NOT NULL,
    created_at TEXT NOT NULL
);

-- Closure of the hierarchy region -> municipality -> school (depth 0 = itself).
CREATE TABLE org_closure (
    ancestor_id BLOB NOT NULL,
    descendant_id BLOB NOT NULL,
    depth BIGINT NOT NULL,
    PRIMARY KEY (ancestor_id, descendant_id)
);
CREATE INDEX org_closure_descendant ON org_closure (descendant_id);

CREATE TABLE users (
    id BLOB PRIMARY KEY,
    login TEXT NOT NULL UNIQUE,
    full_name TEXT NOT NULL,
    search_key TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    locale TEXT NOT NULL DEFAULT 'ru',
    is_active BOOLEAN NOT NULL DEFAULT TRUE,
    must_change_password BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- A role with its scope: school roles carry school_id; municipal/regional carry org_id.
CREATE TABLE user_roles (
    id BLOB PRIMARY KEY,
    user_id BLOB NOT NULL REFERENCES users(id),
    role TEXT NOT NULL,
    school_id BLOB REFERENCES schools(id),
    org_id BLOB,
    subjects TEXT NOT NULL DEFAULT '[]',
    created_at TEXT NOT NULL,
    UNIQUE (user_id, role, school_id, org_id)
);
CREATE INDEX user_roles_user ON user_roles (user_id);

CREATE TABLE sessions (
    id BLOB PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    user_id BLOB NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    ip TEXT NOT NULL DEFAULT '',
    user_agent TEXT NOT NULL DEFAULT '',
    revoked_at TEXT
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE audit_log (
    id BLOB PRIMARY KEY,
    school_id BLOB,
    at TEXT NOT NULL,
    actor_user_id BLOB,
    actor_label TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id BLOB,
    action TEXT NOT NULL,
    old_value TEXT,
    new_value TEXT,
    reason TEXT
);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);
CREATE INDEX audit_log_school_at ON audit_log (school_id, at);

CREATE TABLE academic_years (
    school_id BLOB NOT NULL REFERENCES schools(id),
    id BLOB NOT NULL,
    name TEXT NOT NULL,
    start_date TEXT NOT NULL,
    end_date TEXT NOT NULL,
    period_kind TEXT NOT NULL,
    is_current BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (school_id, id),
    UNIQUE (school_id, name)
);

CREATE TABLE periods (
    school_id BLOB NOT NULL,
    id BLOB NOT NULL,
    year_id BLOB NOT NULL,
    kind TEXT NOT NULL,
    idx BIGINT NOT NULL,
    start_date TEXT NOT NULL,
    end_date TEXT NOT NULL,
    PRIMARY KEY (school_id, id),
    UNIQUE (school_id, year_id, kind, idx),
    FOREIGN KEY (school_id, year_id) REFERENCES academic_years(school_id, id)
);

CREATE TABLE subjects (
    school_id BLOB NOT NULL REFERENCES schools(id),
    id BLOB NOT NULL,
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    short_name TEXT NOT NULL,
    area TEXT NOT NULL DEFAULT '',
    search_key TEXT NOT NULL,
    is_active BOOLEAN NOT NULL DEFAULT TRUE,
    PRIMARY KEY (school_id, id),
    UNIQUE (school_id, code),
    UNIQUE (school_id, name)
);

CREATE TABLE staff (
    school_id BLOB NOT NULL REFERENCES schools(id),
    id BLOB NOT NULL,
    code TEXT NOT NULL,
    last_name TEXT NOT NULL,
    first_name TEXT NOT NULL,
    middle_name TEXT NOT NULL DEFAULT '',
    post TEXT NOT NULL,
    email TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    user_id BLOB REFERENCES users(id),
    search_key TEXT NOT NULL,
    is_active BOOLEAN NOT NULL DEFAULT TRUE,
    PRIMARY KEY (school_id, id),
    UNIQUE (school_id, code)
);
CREATE INDEX staff_user ON staff (user_id);

CREATE TABLE classes (
    school_id BLOB NOT NULL,
    id BLOB NOT NULL,
    year_id BLOB NOT NULL,
    grade BIGINT NOT NULL,
    letter TEXT NOT NULL,
    name TEXT NOT NULL,
    profile TEXT NOT NULL DEFAULT '',
    search_key TEXT NOT NULL,
    PRIMARY KEY (school_id, id),
    UNIQUE (school_id, year_id, name),
    FOREIGN KEY (school_id, year_id) REFERENCES academic_years(school_id, id)
);

CREATE TABLE class_teachers (
    school_id BLOB NOT NULL,
    id BLOB NOT NULL,
    class_id BLOB NOT NULL,
    staff_id BLOB NOT NULL,
    PRIMARY KEY (school_id, id),
    UNIQUE (school_id, class_id),
    FOREIGN KEY (school_id, class_id) REFERENCES classes(school_id, id),
    FOREIGN KEY (school_id, staff_id) REFERENCES staff(school_id, id)
);

CREATE TABLE pupils (
    school_id BLOB NOT NULL REFERENCES schools(id),
    id BLOB NOT NULL,
    code TEXT NOT NULL,
    last_name TEXT NOT NULL,
    first_name TEXT NOT NULL,
    middle_name TEXT NOT NULL DEFAULT '',
    birth_date TEXT NOT NULL,
    sex TEXT NOT NULL DEFAULT '',
    user_id BLOB REFERENCES users(id),
    search_key TEXT NOT NULL,
    is_active BOOLEAN NOT NULL DEFAULT TRUE,
    PRIMARY KEY (school_id, id),
    UNIQUE (school_id, code)
);
CREATE INDEX pupils_user ON pupils (user_id);

-- Class history: one row per stay in a class; to_date NULL = current.
CREATE TABLE pupil_classes (
    school_id BLOB NOT NULL,
    id BLOB NOT NULL,
    pupil_id BLOB NOT NULL,
    class_id BLOB NOT NULL,
    year_id BLOB NOT NULL,
    from_date TEXT NOT NULL,
    to_date TEXT,
    PRIMARY KEY (school_id, id),
    FOREIGN KEY (school_id, pupil_id) REFERENCES pupils(school_id, id),
    FOREIGN KEY (school_id, class_id) REFERENCES classes(school_id, id)
);
CREATE INDEX pupil_classes_class ON pupil_classes (school_id, class_id);
CREATE INDEX pupil_classes_pupil ON pupil_classes (school_id, pupil_id);

CREATE TABLE parents (
    school_id BLOB NOT NULL REFERENCES schools(id),
    id BLOB NOT NULL,
    code TEXT NOT NULL,
    last_name TEXT NOT NULL,
    first_name TEXT NOT NULL,
    middle_name TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    user_id BLOB REFERENCES users(id),
    search_key TEXT NOT NULL,
    PRIMARY KEY (school_id, id),
    UNIQUE (school_id, code)
);
CREATE INDEX parents_user ON parents (user_id);

CREATE TABLE parent_pupils (
    school_id BLOB NOT NULL,
    id BLOB NOT NULL,
    parent_id BLOB NOT NULL,
    pupil_id BLOB NOT NULL,
    relation TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (school_id, id),
    UNIQUE (school_id, parent_id, pupil_id),
    FOREIGN KEY (school_id, parent_id) REFERENCES parents(school_id, id),
    FOREIGN KEY (school_id, pupil_id) REFERENCES pupils(school_id, id)
);
CREATE INDEX parent_pupils_pupil ON parent_pupils (school_id, pupil_id);

-- Teacher x class (or subgroup) x subject x year; hours in hundredths (no NUMERIC).
CREATE TABLE teaching_assignments (
    school_id BLOB NOT NULL,
    id BLOB NOT NULL,
    year_id BLOB NOT NULL,
    staff_id BLOB NOT NULL,
    class_id BLOB NOT NULL,
    subject_id BLOB NOT NULL,
    subgroup TEXT NOT NULL DEFAULT '',
    hours_x100 BIGINT NOT NULL,
    PRIMARY KEY (school_id, id),
    UNIQUE (school_id, year_id, staff_id, class_id, subject_id, subgroup),
    FOREIGN KEY (school_id, staff_id) REFERENCES staff(school_id, id),
    FOREIGN KEY (school_id, class_id) REFERENCES classes(school_id, id),
    FOREIGN KEY (school_id, subject_id) REFERENCES subjects(school_id, id)
);
CREATE INDEX teaching_assignments_staff ON teaching_assignments (school_id, staff_id);
CREATE INDEX teaching_assignments_class ON teaching_assignments (school_id, class_id);
