-- The e-journal: grading policy per school year, lessons, cells (marks, attendance,
-- comment of one pupil at one lesson), term and year marks, period locks, and rollups
-- of mark counts per class x subject x period kept in the same transaction as each write.

CREATE TABLE grading_policies (
    school_id BLOB NOT NULL,
    id BLOB NOT NULL,
    year_id BLOB NOT NULL,
    policy TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (school_id, id),
    UNIQUE (school_id, year_id)
);

-- Lock state of a period: 'auto' (locked after its end), 'open' (reopened by the deputy),
-- 'locked' (locked early).
ALTER TABLE periods ADD COLUMN lock_state TEXT NOT NULL DEFAULT 'auto';

CREATE TABLE lessons (
    school_id BLOB NOT NULL,
    id BLOB NOT NULL,
    year_id BLOB NOT NULL,
    period_id BLOB NOT NULL,
    class_id BLOB NOT NULL,
    subject_id BLOB NOT NULL,
    subgroup TEXT NOT NULL DEFAULT '',
    staff_id BLOB NOT NULL,
    lesson_date TEXT NOT NULL,
    ordinal BIGINT NOT NULL DEFAULT 1,
    topic TEXT NOT NULL DEFAULT '',
    homework TEXT NOT NULL DEFAULT '',
    work_type TEXT NOT NULL DEFAULT 'classwork',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    is_deleted BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (school_id, id),
    FOREIGN KEY (school_id, class_id) REFERENCES classes(school_id, id),
    FOREIGN KEY (school_id, subject_id) REFERENCES subjects(school_id, id),
    FOREIGN KEY (school_id, period_id) REFERENCES periods(school_id, id)
);
CREATE INDEX lessons_class_subject_date ON lessons (school_id, class_id, subject_id, lesson_date);
CREATE INDEX lessons_staff_date ON lessons (school_id, staff_id, lesson_date);

-- One pupil at one lesson: marks ("5 4", at most 3), an attendance code, a comment.
-- Rows are never deleted: clearing a cell empties it; history is in audit_log.
CREATE TABLE journal_cells (
    school_id BLOB NOT NULL,
    id BLOB NOT NULL,
    lesson_id BLOB NOT NULL,
    pupil_id BLOB NOT NULL,
    marks TEXT NOT NULL DEFAULT '',
    attendance TEXT,
    comment TEXT NOT NULL DEFAULT '',
    version BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    PRIMARY KEY (school_id, id),
    UNIQUE (school_id, lesson_id, pupil_id),
    FOREIGN KEY (school_id, lesson_id) REFERENCES lessons(school_id, id),
    FOREIGN KEY (school_id, pupil_id) REFERENCES pupils(school_id, id)
);
CREATE INDEX journal_cells_pupil ON journal_cells (school_id, pupil_id, updated_at);

-- Term (kind 'period', period_id set) and year (kind 'year', period_id NULL) marks.
CREATE TABLE period_marks (
    school_id BLOB NOT NULL,
    id BLOB NOT NULL,
    year_id BLOB NOT NULL,
    period_id BLOB,
    period_key BLOB NOT NULL,
    kind TEXT NOT NULL,
    pupil_id BLOB NOT NULL,
    subject_id BLOB NOT NULL,
    class_id BLOB NOT NULL,
    value TEXT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    PRIMARY KEY (school_id, id),
    FOREIGN KEY (school_id, pupil_id) REFERENCES pupils(school_id, id)
);
CREATE UNIQUE INDEX period_marks_one ON period_marks (school_id, pupil_id, subject_id, period_key);
CREATE INDEX period_marks_class ON period_marks (school_id, class_id, subject_id, period_id);

-- Counts of current marks per class x subject x period (c1..c5) and of term marks.
CREATE TABLE rollup_marks (
    school_id BLOB NOT NULL,
    class_id BLOB NOT NULL,
    subject_id BLOB NOT NULL,
    period_id BLOB NOT NULL,
    c1 BIGINT NOT NULL DEFAULT 0,
    c2 BIGINT NOT NULL DEFAULT 0,
    c3 BIGINT NOT NULL DEFAULT 0,
    c4 BIGINT NOT NULL DEFAULT 0,
    c5 BIGINT NOT NULL DEFAULT 0,
    absences BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (school_id, class_id, subject_id, period_id)
);

CREATE TABLE rollup_period_marks (
    school_id BLOB NOT NULL,
    class_id BLOB NOT NULL,
    subject_id BLOB NOT NULL,
    period_id BLOB NOT NULL,
    n1 BIGINT NOT NULL DEFAULT 0,
    n2 BIGINT NOT NULL DEFAULT 0,
    n3 BIGINT NOT NULL DEFAULT 0,
    n4 BIGINT NOT NULL DEFAULT 0,
    n5 BIGINT NOT NULL DEFAULT 0,
    na BIGINT NOT NULL DEFAULT 0,
    exempt BIGINT NOT NULL DEFAULT 0,
    pass BIGINT NOT NULL DEFAULT 0,
    fail BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (school_id, class_id, subject_id, period_id)
);

-- Pupils of a subgroup (e.g. English group 1) of a class and subject; a subgroup without
-- members means the whole class.
CREATE TABLE subgroup_members (
    school_id BLOB NOT NULL,
    id BLOB NOT NULL,
    class_id BLOB NOT NULL,
    subject_id BLOB NOT NULL,
    subgroup TEXT NOT NULL,
    pupil_id BLOB NOT NULL,
    PRIMARY KEY (school_id, id),
    UNIQUE (school_id, class_id, subject_id, pupil_id)
);

-- When each user last looked at the e-diary's new-marks feed.
CREATE TABLE diary_seen (
    user_id BLOB NOT NULL,
    pupil_id BLOB NOT NULL,
    seen_at TEXT NOT NULL,
    PRIMARY KEY (user_id, pupil_id)
);
