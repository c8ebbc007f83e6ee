## Assessment import (ВПР, ГИА, control works): errors in the file

assessment-error-no-header = the header row of the results table was not found: expected the columns { $columns }
assessment-error-no-tasks = no task column found: expected headers like "1 (2б)", "9.1 (1б)" or "2К1 (3б)"
assessment-error-duplicate-task = task "{ $code }" is repeated: it is already in column "{ $first }"
assessment-error-bad-level = expected a task level Б, П or В, got "{ $text }"
assessment-error-duplicate-participant = participant "{ $code }" is repeated: already given in row { $first_row }
assessment-error-class-grade = class "{ $class }" is not in the work's grade: expected grade { $grade }
assessment-error-score-above-max = the score of task { $task } is above its maximum: expected 0 to { $max }, got { $score }
assessment-error-bad-score = expected a score from 0 to { $max } or a not-done mark (X, -, —), got "{ $text }"
assessment-error-primary-sum = primary score { $primary } is not the sum of the task scores { $sum }
assessment-error-bad-primary = expected a whole non-negative number, got "{ $text }"
assessment-error-bad-mark = expected a mark from { $low } to 5 or "нет отметки", got "{ $text }"
assessment-error-bad-test-score = expected a test score from 0 to 100, got "{ $text }"
assessment-error-generic-needs-options = a generic results file needs the subject, grade and year of the work
assessment-error-gia-needs-options = a ГИА protocol needs the subject and year of the exam
assessment-error-meta-missing = the ФИС ОКО file header does not give { $what ->
        [year] the year: expected a title like "ВПР 2026 Русский язык 4 класс"
        [subject] the subject: expected a title like "ВПР 2026 Русский язык 4 класс" or a "Предмет" line
       *[grade] the grade: expected a title like "ВПР 2026 Русский язык 4 класс"
    }
assessment-error-year-mismatch = the file is for year { $file }, expected { $expected }
assessment-error-subject-mismatch = the file is for subject "{ $file }", expected "{ $expected }"
assessment-error-grade-mismatch = the file is for grade { $file }, expected grade { $expected }
assessment-error-max-mismatch = the maximum primary score in the header, { $max }, is not the sum of the task maxima, { $sum }
assessment-error-task-count = expected { $expected } characters (one per short-answer task), got { $found }
assessment-error-long-maxima = the long-answer tasks differ from the protocol's first row: expected { $expected }
assessment-error-short-answers = expected a string of "+", "-" and digits, got "{ $text }" (error at character { $position })
assessment-error-long-answers = expected "score(max)" groups such as 2(3)0(2), got "{ $text }" (error at character { $position })
assessment-error-exam-task-count = the protocol has { $short } short-answer and { $long } long-answer tasks, but this exam's task table has { $expected } positions ({ $codes }): check the subject, year and protocol

## Assessment import: checks against the school's data, and changes

assessment-import-error-no-subject = subject "{ $subject }" is not among the school's subjects: add it to the subject list
assessment-import-error-no-conversion = there is no score conversion table for { $kind } { $year }, subject "{ $subject }", grade { $grade }: load the official table (see docs/ASSESSMENT_IMPORT.md); marks are computed only from a table
assessment-import-error-conversion-max = the conversion table's maximum primary score is { $table }, but the task maxima in the file sum to { $file }: check the table or the file
assessment-import-error-condition-task = the conversion table has a condition on task "{ $task }", which the file does not have
assessment-import-error-mark-differs = the file gives mark { $file }, but the conversion table gives { $table } for { $primary } primary points: check the table or the file
assessment-import-error-test-score-differs = the file gives score { $file }, but the conversion table gives { $table } for { $primary } primary points
assessment-import-error-conversion = primary score { $primary } cannot be converted by the table: { $error }
assessment-import-error-tasks-differ = the file's tasks differ from the tasks of the work already loaded: stored { $stored }, file { $file }
assessment-import-error-score-count = the row has { $found } task scores, but the work has { $expected } tasks
assessment-change-procedure-created = work "{ $title }" created
assessment-change-tasks = tasks: { $created } added, { $updated } changed
assessment-change-result-updated = result of participant { $code } changed
assessment-change-results-created = results added: { $count }
assessment-change-codifier-unknown = code { $code } of the task table is not in the school's codifier — the skill keeps no codifier text
