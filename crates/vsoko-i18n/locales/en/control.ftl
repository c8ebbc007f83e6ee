control-nav = Journal control
control-title = Journal-keeping control
control-tab-topics = Topics and homework
control-tab-marks = Too few marks
control-tab-late = Marks entered late
control-tab-overview = Class metrics
control-period = Period
control-late-days = Allowed delay, days
control-show = Show
control-no-period = The current school year has no periods.
control-topics-hint = Lessons held in the period without a topic or homework, by teacher.
control-lessons-count = { $n ->
    [one] { $n } lesson
   *[other] { $n } lessons
}
control-col-date = Lesson date
control-col-missing = Missing
control-topics-none = Every lesson held in the period is filled in.
control-missing-both = topic and homework
control-missing-topic = topic
control-missing-homework = homework
control-marks-hint = Pupils with fewer than { $n } current marks in a subject this period (the grading policy's minimum); a term mark needs them.
control-pupils-short = { $n ->
    [one] { $n } pupil short of marks
   *[other] { $n } pupils short of marks
}
control-col-short = Too few marks
control-col-pupils = Pupils (number of marks)
control-marks-none = Every pupil has enough marks.
control-late-hint = Cells with marks first saved more than { $n } days after the lesson, by teacher.
control-cells-count = { $n ->
    [one] { $n } cell
   *[other] { $n } cells
}
control-col-cells = Cells
control-col-entered = Entered
control-col-days = Days later
control-late-none = No marks were entered late.
control-overview-hint = Success rate, knowledge quality, degree of learning (СОУ) and mean mark from the term marks of every subject of the class; "not attested" counts in the denominator, exempt pupils are left out. n is the number of marks counted.
control-overview-no-terms = No term marks yet: the distribution of current marks and their mean are shown.
control-col-success = Success rate
control-col-quality = Quality
control-col-sou = СОУ
control-col-mean = Mean mark
control-exempt = { $n } exempt
control-overview-terms = from term marks
control-overview-current = no term marks; current marks
