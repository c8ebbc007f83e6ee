-- Codifiers (SPEC §5.6): a school's lists of content elements and checked requirements of
-- an exam, subject, grade and year, each item with its code and parent, with provenance.
-- Imports fill the skills of a work's tasks from the school's codifier of that work.
CREATE TABLE assessment_codifiers (
    school_id UUID NOT NULL,
    id UUID NOT NULL,
    kind TEXT NOT NULL,
    exam_year BIGINT NOT NULL,
    subject_code TEXT NOT NULL,
    grade BIGINT NOT NULL,
    provenance TEXT NOT NULL DEFAULT '',
    updated_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (school_id, id),
    UNIQUE (school_id, kind, exam_year, subject_code, grade)
);

CREATE TABLE assessment_codifier_items (
    school_id UUID NOT NULL,
    codifier_id UUID NOT NULL,
    seq BIGINT NOT NULL,
    code TEXT NOT NULL,
    item_kind TEXT NOT NULL,
    parent_code TEXT NOT NULL DEFAULT '',
    text TEXT NOT NULL,
    PRIMARY KEY (school_id, codifier_id, seq),
    UNIQUE (school_id, codifier_id, item_kind, code),
    FOREIGN KEY (school_id, codifier_id) REFERENCES assessment_codifiers(school_id, id)
);

-- The plan of the work (обобщённый план варианта): which items each task checks,
-- references separated by spaces (see vsoko_domain::assessment::codifier).
CREATE TABLE assessment_codifier_plan (
    school_id UUID NOT NULL,
    codifier_id UUID NOT NULL,
    seq BIGINT NOT NULL,
    task_code TEXT NOT NULL,
    refs TEXT NOT NULL,
    PRIMARY KEY (school_id, codifier_id, seq),
    UNIQUE (school_id, codifier_id, task_code),
    FOREIGN KEY (school_id, codifier_id) REFERENCES assessment_codifiers(school_id, id)
);
