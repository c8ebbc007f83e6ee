-- Period kind per grade level (issue 3, item 1): the classes of grades from_grade..to_grade
-- of a year use the periods of `kind` (quarter, trimester, half_year); grades no range
-- covers use the year's period_kind. `periods` holds the periods of every kind in use.
CREATE TABLE period_levels (
    school_id BLOB NOT NULL,
    id BLOB NOT NULL,
    year_id BLOB NOT NULL,
    from_grade BIGINT NOT NULL,
    to_grade BIGINT NOT NULL,
    kind TEXT NOT NULL,
    PRIMARY KEY (school_id, id),
    UNIQUE (school_id, year_id, from_grade),
    FOREIGN KEY (school_id, year_id) REFERENCES academic_years(school_id, id)
);
