# vsoko analyze: problems in the files an analysis reads (docs/ANALYZE.md).

analyze-error-no-tasks = no task columns: expected the header pupil,class,<task codes…>[,mark][,journal_mark]
analyze-error-duplicate-task = task "{ $task }" is repeated: it is already column { $first }
analyze-error-duplicate-task-row = task "{ $task }" is repeated: it is already given in row { $first_row }
analyze-error-bad-score = expected a score from 0 to { $max } (an empty cell or X counts 0 points), got "{ $text }"
analyze-error-bad-score-no-max = expected a score of 0 or more (an empty cell or X counts 0 points), got "{ $text }"
analyze-error-bad-mark = expected a mark 2, 3, 4 or 5 (or an empty cell), got "{ $text }"
analyze-error-bad-number = expected a number, got "{ $text }"
analyze-error-bad-whole-score = expected a whole score from 0 to 1000, got "{ $text }"
analyze-error-bad-max-score = expected a maximum score above 0, got "{ $text }"
analyze-error-bad-level = expected a level Б, П or В, got "{ $text }"
analyze-error-task-without-column = task "{ $task }" has no column in the scores file { $file }: expected the same task codes in both files
analyze-error-task-not-described = task "{ $task }" of this file is not described in { $file }: expected a row task,max_score,level,skills for it
analyze-error-va-too-few-pupils = expected at least 3 pupils with a prior and a current score
analyze-error-va-too-few-classes = expected pupils of at least 2 classes: with one class the between-class variance is undefined
analyze-error-va-constant-prior = expected different prior scores: with all prior scores equal the slope is undefined
analyze-error-va-no-residual-variance = expected scattered current scores: they lie exactly on a line of the prior scores, so there is no residual variance
