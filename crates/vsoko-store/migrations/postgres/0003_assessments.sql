-- Assessment procedures task by task (ВПР, ОГЭ, ЕГЭ, monitoring, control works; SPEC §5, §7):
-- procedures and the classes that took them, tasks with level and checked skills, per-pupil
-- results with a score per task (NULL = not done, distinct from 0), the school's list of
-- participant codes, and conversion tables (score -> mark / test score) editable per school.

CREATE TABLE assessment_conversions (
    school_id UUID NOT NULL,
    id UUID NOT NULL,
    kind TEXT NOT NULL,
    exam_year BIGINT NOT NULL,
    subject_code TEXT NOT NULL,
    grade BIGINT NOT NULL,
    output TEXT NOT NULL,
    max_primary BIGINT NOT NULL,
    bands TEXT NOT NULL,
    test_scores TEXT NOT NULL,
    provenance TEXT NOT NULL DEFAULT '',
    updated_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (school_id, id),
    UNIQUE (school_id, kind, exam_year, subject_code, grade)
);

CREATE TABLE assessment_procedures (
    school_id UUID NOT NULL,
    id UUID NOT NULL,
    natural_key TEXT NOT NULL,
    kind TEXT NOT NULL,
    exam_year BIGINT NOT NULL,
    year_id UUID,
    subject_id UUID NOT NULL,
    grade BIGINT NOT NULL,
    held_on DATE,
    title TEXT NOT NULL,
    max_primary BIGINT NOT NULL,
    conversion_id UUID,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (school_id, id),
    UNIQUE (school_id, natural_key),
    FOREIGN KEY (school_id, subject_id) REFERENCES subjects(school_id, id)
);
CREATE INDEX assessment_procedures_year ON assessment_procedures (school_id, exam_year, kind);

CREATE TABLE assessment_procedure_classes (
    school_id UUID NOT NULL,
    id UUID NOT NULL,
    procedure_id UUID NOT NULL,
    class_name TEXT NOT NULL,
    class_id UUID,
    PRIMARY KEY (school_id, id),
    UNIQUE (school_id, procedure_id, class_name),
    FOREIGN KEY (school_id, procedure_id) REFERENCES assessment_procedures(school_id, id)
);

CREATE TABLE assessment_tasks (
    school_id UUID NOT NULL,
    id UUID NOT NULL,
    procedure_id UUID NOT NULL,
    ordinal BIGINT NOT NULL,
    code TEXT NOT NULL,
    max_score BIGINT NOT NULL,
    level TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (school_id, id),
    UNIQUE (school_id, procedure_id, code),
    FOREIGN KEY (school_id, procedure_id) REFERENCES assessment_procedures(school_id, id)
);

CREATE TABLE assessment_task_skills (
    school_id UUID NOT NULL,
    id UUID NOT NULL,
    task_id UUID NOT NULL,
    code TEXT NOT NULL DEFAULT '',
    section TEXT NOT NULL DEFAULT '',
    text TEXT NOT NULL,
    PRIMARY KEY (school_id, id),
    FOREIGN KEY (school_id, task_id) REFERENCES assessment_tasks(school_id, id)
);
CREATE INDEX assessment_task_skills_task ON assessment_task_skills (school_id, task_id);

CREATE TABLE assessment_participant_codes (
    school_id UUID NOT NULL,
    id UUID NOT NULL,
    exam_year BIGINT NOT NULL,
    code TEXT NOT NULL,
    pupil_id UUID NOT NULL,
    PRIMARY KEY (school_id, id),
    UNIQUE (school_id, exam_year, code),
    FOREIGN KEY (school_id, pupil_id) REFERENCES pupils(school_id, id)
);

CREATE TABLE assessment_results (
    school_id UUID NOT NULL,
    id UUID NOT NULL,
    procedure_id UUID NOT NULL,
    participant_code TEXT NOT NULL,
    pupil_id UUID,
    class_name TEXT NOT NULL,
    class_id UUID,
    variant TEXT NOT NULL DEFAULT '',
    primary_score BIGINT,
    mark BIGINT,
    test_score BIGINT,
    journal_mark BIGINT,
    updated_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (school_id, id),
    UNIQUE (school_id, procedure_id, participant_code),
    FOREIGN KEY (school_id, procedure_id) REFERENCES assessment_procedures(school_id, id),
    FOREIGN KEY (school_id, pupil_id) REFERENCES pupils(school_id, id)
);
CREATE INDEX assessment_results_pupil ON assessment_results (school_id, pupil_id);
CREATE INDEX assessment_results_class ON assessment_results (school_id, class_id);

-- One row per result and task; score NULL = not done (X, -, —), which is not 0.
CREATE TABLE assessment_task_scores (
    school_id UUID NOT NULL,
    result_id UUID NOT NULL,
    task_id UUID NOT NULL,
    score BIGINT,
    PRIMARY KEY (school_id, result_id, task_id),
    FOREIGN KEY (school_id, result_id) REFERENCES assessment_results(school_id, id),
    FOREIGN KEY (school_id, task_id) REFERENCES assessment_tasks(school_id, id)
);
CREATE INDEX assessment_task_scores_task ON assessment_task_scores (school_id, task_id);
