# Messages that the importer and the store hand up as data (vsoko_domain::msg::Msg):
# where in a file, what is wrong with it, and what an import changes.

## Where in a file

location-sheet = sheet "{ $sheet }"
location-row = row { $row }
location-column = column "{ $column }"

## Reading a file

import-error-unsupported-type = unsupported file type: expected .xlsx, .xlsm, .csv or .txt, got "{ $ext }"
import-error-empty-file = the file is empty: expected a header row and rows of data
import-error-bad-csv-row = the row could not be read as CSV: { $error }
import-error-xlsx-corrupt = expected an Excel workbook (.xlsx), but the file is damaged and cannot be read
import-error-xlsx-unreadable = expected an Excel workbook (.xlsx), but the file could not be opened: { $error }
import-error-sheet-unreadable = the sheet could not be read: { $error }
import-error-template = the XLSX template could not be made: { $error }

## Sheets and headers

import-error-unknown-sheet = unknown sheet: expected the sheets { $names } (or { $slugs })
import-error-duplicate-kind = data of the kind "{ $kind }" was already read from the sheet "{ $first }": expected one sheet for each kind of data
import-error-undetected-kind = the kind of data could not be told from the headers: expected the required columns of exactly one kind ({ $kinds }), got: { $found }
import-error-missing-column = required column not found: expected the header "{ $header }" (or { $aliases })
import-error-missing-column-only = required column not found: expected the header "{ $header }"

## Cells

import-error-required-empty = a required value is empty
import-error-required-short-row = a required value is empty: the row has { $cells } cells, the header { $headers } columns
import-error-bad-class = expected a class name like "5А", got "{ $text }": { $reason ->
        [no-grade] the name must start with a grade from 1 to 11
        [grade-out-of-range] the grade must be from 1 to 11
       *[bad-letter] the class letter is missing or longer than 3 characters
    }
import-error-bad-date = expected a date DD.MM.YYYY, got "{ $text }"
import-error-bad-sex = expected sex "М" or "Ж", got "{ $text }"
import-error-bad-hours = expected hours per week above 0 and at most 40 (for example 2 or 0,5), got "{ $text }"

## Repeats within a file

import-error-duplicate-class = class "{ $class }" is repeated: it is already given in row { $first_row }
import-error-duplicate-staff-code = staff code "{ $code }" is repeated: it is already given in row { $first_row }
import-error-duplicate-pupil-code = pupil code "{ $code }" is repeated: it is already given in row { $first_row }
import-error-parent-name-differs = the name of the parent with code "{ $code }" must be the same in every row: row { $first_row } has { $before_given ->
        [yes] "{ $before }"
       *[no] nothing
    }, this row { $now_given ->
        [yes] "{ $now }"
       *[no] nothing
    }
import-error-duplicate-link = the link of parent "{ $code }" to pupil "{ $pupil }" is repeated: it is already given in row { $first_row }
import-error-duplicate-assignment = the assignment is repeated: staff "{ $staff }", class "{ $class }", subject "{ $subject }" are already given in row { $first_row }
import-error-duplicate-assignment-subgroup = the assignment is repeated: staff "{ $staff }", class "{ $class }", subject "{ $subject }", subgroup "{ $subgroup }" are already given in row { $first_row }

## Rows that cannot be applied to the school

roster-error-no-staff = no staff member with code "{ $code }" in the file or the school
roster-error-no-pupil = no pupil with code "{ $code }" in the file or the school
roster-error-no-class = no class "{ $class }" in the file or the school
roster-error-no-class-in-year = no class "{ $class }" in the file or the school in the { $year } school year
roster-error-no-subject = no subject "{ $subject }" in the school's subject catalogue
roster-error-hours = hours per week must be between 0.01 and 40, got { $hours }

## What an import changes

roster-change-staff-created = staff { $code } { $last_name } { $first_name }: added
roster-change-staff-updated = staff { $code }: changed
roster-change-class-created = class { $class }: added
roster-change-class-updated = class { $class }: changed
roster-change-pupil-created = pupil { $code } { $last_name } { $first_name }: added to { $class }
roster-change-pupil-moved = pupil { $code }: moved to { $class }
roster-change-pupil-updated = pupil { $code }: changed
roster-change-parent-created = parent { $code } { $last_name } { $first_name }: added
roster-change-parent-updated = parent { $code }: changed
roster-change-link-created = parent { $code } linked to pupil { $pupil }
roster-change-assignment-created = assignment: { $staff } — { $class }, { $subject }
roster-change-assignment-created-subgroup = assignment: { $staff } — { $class }, { $subject } { $subgroup }

## Assessment schedule (SPEC §8.4)

schedule-error-name-empty = enter the name of the procedure
schedule-error-name-long = the name is longer than { $max } characters
schedule-error-lessons-in-day = lessons of the class that day: expected a number from 1 to { $max }
schedule-error-duration = length: expected 1 to { $max } lessons
schedule-error-lesson = lesson number: expected 1 to { $lessons }, and the procedure ({ $duration } lessons) must end by the last lesson
schedule-error-class = the class is not in this school year
schedule-error-subject = subject not found
schedule-error-date = the date is outside the school year
schedule-rule-one-per-day = { $class }, { $date }: { $count } assessment procedures on one day (at most one is allowed): { $entries }
schedule-rule-frequency = { $subject }, grade { $grade }: { $days } days between procedures, at least { $min } needed (not more often than once in 2.5 weeks): { $first } and { $second }
schedule-rule-share = { $class }, { $subject }: procedures take { $lessons } lessons, more than { $percent }% of the yearly { $yearly } hours ({ $weekly } a week; limit { $limit } lessons)
schedule-rule-first-lesson = { $entry }: on the first lesson (lesson { $lesson } of { $lessons }); allowed only for a subject with 1 hour a week
schedule-rule-last-lesson = { $entry }: on the last lesson (lesson { $lesson } of { $lessons }); allowed only for a subject with 1 hour a week
schedule-rule-unknown-hours = { $class }, { $subject }: the teaching load has no hours of this subject in the class, so the 10% and "1 hour a week" rules cannot be checked ({ $count } procedures)

## Reference files and conversion tables (data/reference/assessments, uploads, typed bands and tasks)
reference-error-header = missing header line "# { $key }: …"
reference-error-header-number = the header line "# { $key }: …" must be a number
reference-error-provenance = provenance lines "# source: …" (document) and "# link: …" are required
reference-error-kind = unknown kind "{ $found }": expected vpr, oge, ege, gve, niko, regional, municipal, international or school
reference-error-output = "# output:" must be mark or test_score, found "{ $found }"
reference-error-columns = expected the columns { $expected }
reference-error-number = { $what } must be a whole number, found "{ $found }"
reference-error-primary-order = primary scores must run 0, 1, 2, …: expected { $expected }
reference-error-condition = condition "{ $found }" must look like ГК1+ГК2>=4
reference-error-task-code = task code "{ $code }" is empty or repeated
reference-error-level = level must be Б, П or В, found "{ $found }"
reference-error-task-max-zero = a task's maximum must be at least 1
reference-error-no-tasks = no tasks
reference-error-task-sum = the task maxima sum to { $sum }, max_primary is { $max }
reference-error-table = the table does not fit: { $error }
conversion-check-no-bands = the table has no marks
conversion-check-band-start = mark { $mark } starts at { $min }, expected { $expected } (no gaps or overlaps)
conversion-check-band-reversed = mark { $mark } ends before it starts
conversion-check-marks-increase = marks must increase within 1–5, found { $mark }
conversion-check-no-fallback = mark { $mark } has conditions but no "otherwise" mark
conversion-check-bad-fallback = "otherwise" mark { $fallback } of mark { $mark } is not a lower mark of the table
conversion-check-bands-end = the marks end at { $end }, the maximum is { $max }
conversion-check-test-count = { $count } test scores, expected one for every primary score 0 to { $max }
conversion-check-test-order = test scores must not decrease and must stay within 0–100
codifier-error-kind = item kind "{ $found }": expected "элемент" (Э, content element) or "требование" (Т, requirement)
codifier-error-empty = the codifier has no items (rows "code;kind;parent;text")
codifier-error-code = empty item code
codifier-error-text = item { $code } has no text
codifier-error-duplicate = code { $code } is already in this list
codifier-error-parent = parent { $parent } of item { $code } is not listed above in the same list
codifier-error-unknown-reference = the codifier has no item { $code }
codifier-error-ambiguous-reference = code { $code } is both an element and a requirement: write "Э:{ $code }" or "Т:{ $code }"
codifier-error-plan-row = plan row: a task code and the codes of the items it checks are needed
codifier-error-plan-duplicate = task { $task } is already in the plan
