-- School control works entered by hand (issue 4 §4): a work may carry its own mark bands,
-- kept as a conversion table that belongs to the procedure (procedure_id set) and is not one
-- of the school's tables by kind, year, subject and grade (procedure_id NULL, unique as
-- before).
ALTER TABLE assessment_conversions ADD COLUMN procedure_id UUID;
DO $$
DECLARE c text;
BEGIN
    FOR c IN SELECT conname FROM pg_constraint
             WHERE conrelid = 'assessment_conversions'::regclass AND contype = 'u'
    LOOP
        EXECUTE format('ALTER TABLE assessment_conversions DROP CONSTRAINT %I', c);
    END LOOP;
END $$;
CREATE UNIQUE INDEX assessment_conversions_key ON assessment_conversions (school_id, kind, exam_year, subject_code, grade)
    WHERE procedure_id IS NULL;
CREATE UNIQUE INDEX assessment_conversions_work ON assessment_conversions (school_id, procedure_id)
    WHERE procedure_id IS NOT NULL;
