-- The diary's week and the journal control read a class's lessons by date across all its
-- subjects: an index in that order, instead of scanning the class's lessons of every date.
CREATE INDEX lessons_class_date ON lessons (school_id, class_id, lesson_date);
