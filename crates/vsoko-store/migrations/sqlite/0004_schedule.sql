-- The единый график оценочных процедур (SPEC §8.4): one row per planned procedure of a
-- class — subject, date, lesson in the day (and how many lessons the class has that day,
-- to tell the last one), length in lessons, level, name, and later the assessment
-- procedure it was held as.

CREATE TABLE schedule_entries (
    school_id BLOB NOT NULL,
    id BLOB NOT NULL,
    year_id BLOB NOT NULL,
    class_id BLOB NOT NULL,
    subject_id BLOB NOT NULL,
    work_date TEXT NOT NULL,
    lesson BIGINT NOT NULL,
    lessons_in_day BIGINT NOT NULL,
    duration BIGINT NOT NULL DEFAULT 1,
    level TEXT NOT NULL,
    name TEXT NOT NULL,
    procedure_id BLOB,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (school_id, id),
    FOREIGN KEY (school_id, year_id) REFERENCES academic_years(school_id, id),
    FOREIGN KEY (school_id, class_id) REFERENCES classes(school_id, id),
    FOREIGN KEY (school_id, subject_id) REFERENCES subjects(school_id, id),
    CHECK (lesson >= 1 AND duration >= 1 AND lesson + duration - 1 <= lessons_in_day),
    CHECK (level IN ('federal', 'regional', 'municipal', 'school'))
);
CREATE INDEX schedule_entries_year_date ON schedule_entries (school_id, year_id, work_date);
CREATE INDEX schedule_entries_class ON schedule_entries (school_id, class_id, work_date);
