marks-import-title = Marks import
marks-import-intro = Upload an Excel workbook (.xlsx) or a CSV file with current marks and attendance per lesson and/or term and year marks. A preview comes first; nothing is written to the journal until you press "Apply", and a file with errors is not written at all.
marks-import-template-xlsx = Excel workbook with both sheets (marks.xlsx)
marks-import-rule-match = Classes are looked up in the current school year, subjects in the school's catalogue (by name, short name or code), pupils by code. A lesson is found by class, subject, subgroup and date, and created when missing.
marks-import-rule-cells = A row sets the whole marks and attendance of a cell; the cell's comment is kept. Importing the same file again changes nothing.
marks-import-rule-access = A teacher imports marks of their own classes and subjects only, the deputy head of any. Locked periods are not changed.
marks-import-rule-all-or-nothing = If any row cannot be applied, nothing is written; the report names the sheet, row and column of every error.
marks-import-kind-marks = Current marks and attendance
marks-import-kind-term_marks = Term and year marks
marks-import-preview-title = Marks import preview
marks-import-result-title = Marks import result
marks-import-nothing-to-do = The journal already matches the file: nothing to change.
marks-import-count-lessons = Lessons
marks-import-count-cells = Journal cells
marks-import-count-terms = Term and year marks
marks-import-error-bad-mark = expected marks from 1 to 5 (e.g. "5", "54" or "5 4"), found "{ $text }"
marks-import-error-too-many-marks = at most three marks in one cell, found "{ $text }"
marks-import-error-bad-attendance = expected Н, Б, УП or ОП, found "{ $text }"
marks-import-error-bad-period = expected a period number 1–4 or "год", found "{ $text }"
marks-import-error-bad-term-mark = expected a mark 2–5, "н/а", "осв", "зач" or "незач", found "{ $text }"
marks-import-error-absent-with-mark = a pupil absent from the lesson (Н, Б, УП) gets no mark
marks-import-error-duplicate-cell = this pupil at this lesson is already given: sheet "{ $sheet }", row { $first_row }
marks-import-error-duplicate-term = this term mark is already given: sheet "{ $sheet }", row { $first_row }
marks-import-error-no-class = there is no class "{ $class }" in the school year { $year }
marks-import-error-no-subject = there is no subject "{ $subject }" in the school's catalogue
marks-import-error-no-pupil = there is no pupil with code "{ $code }" in the school
marks-import-error-no-period = the date { $date } is outside every period of the school year
marks-import-error-date = the date is outside every period of the school year
marks-import-error-no-period-number = the school year { $year } has no period { $period }
marks-import-error-work-type = the grading policy has no work type "{ $text }"
marks-import-error-grade-one = grade 1 is taught without marks
marks-import-error-no-access = you do not keep this journal: { $class }, { $subject }
marks-import-error-no-access-lesson = you do not keep the journal of this class and subject
marks-import-error-locked = the period is locked; the deputy head can reopen it
marks-import-error-ended = the period has ended and was reopened: such corrections are made in the journal with a reason
marks-import-error-not-on-list = the pupil is not on this lesson's list (in the class or subgroup on the lesson's date)
marks-import-error-not-in-class = the pupil with code "{ $code }" is not in class { $class }
marks-import-error-lesson-differs = the topic or work type of this lesson differs from sheet "{ $sheet }", row { $first_row }
marks-import-error-rejected = value refused: { $message }
marks-import-change-lesson-created = new lesson: { $class }, { $subject }, { $date }
marks-import-change-lesson-updated = topic or work type changed: { $class }, { $subject }, { $date }
marks-import-change-cell = { $class }, { $subject }, { $date }: pupil { $pupil } — { $value }
marks-import-change-term = { $class }, { $subject }, { $period ->
        [year] year
       *[other] period { $period }
    }: pupil { $pupil } — { $value ->
        [na] н/а
        [exempt] осв.
        [pass] зач.
        [fail] незач.
       *[other] { $value }
    }
