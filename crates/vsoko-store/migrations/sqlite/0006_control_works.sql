-- School control works entered by hand (issue 4 §4): a work may carry its own mark bands,
-- kept as a conversion table that belongs to the procedure (procedure_id set) and is not one
-- of the school's tables by kind, year, subject and grade (procedure_id NULL, unique as
-- before). SQLite cannot drop a UNIQUE constraint, so the table is rebuilt.
CREATE TABLE assessment_conversions_new (
    school_id BLOB NOT NULL,
    id BLOB NOT NULL,
    kind TEXT NOT NULL,
    exam_year BIGINT NOT NULL,
    subject_code TEXT NOT NULL,
    grade BIGINT NOT NULL,
    output TEXT NOT NULL,
    max_primary BIGINT NOT NULL,
    bands TEXT NOT NULL,
    test_scores TEXT NOT NULL,
    provenance TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL,
    procedure_id BLOB,
    PRIMARY KEY (school_id, id)
);
INSERT INTO assessment_conversions_new
    (school_id, id, kind, exam_year, subject_code, grade, output, max_primary, bands, test_scores, provenance, updated_at)
    SELECT school_id, id, kind, exam_year, subject_code, grade, output, max_primary, bands, test_scores, provenance, updated_at
    FROM assessment_conversions;
DROP TABLE assessment_conversions;
ALTER TABLE assessment_conversions_new RENAME TO assessment_conversions;
CREATE UNIQUE INDEX assessment_conversions_key ON assessment_conversions (school_id, kind, exam_year, subject_code, grade)
    WHERE procedure_id IS NULL;
CREATE UNIQUE INDEX assessment_conversions_work ON assessment_conversions (school_id, procedure_id)
    WHERE procedure_id IS NOT NULL;
