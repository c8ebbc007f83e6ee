# The assessment schedule (/schedule) and its export.

schedule-nav = Assessment schedule
schedule-title = Assessment schedule
schedule-intro = Assessment procedures of the classes for the school year: federal (VPR), regional, municipal and school ones.
schedule-total = { $n ->
    [one] { $n } procedure in all
   *[other] { $n } procedures in all
}
schedule-export = Download the schedule (XLSX)
schedule-months = Months
schedule-month-1 = January
schedule-month-2 = February
schedule-month-3 = March
schedule-month-4 = April
schedule-month-5 = May
schedule-month-6 = June
schedule-month-7 = July
schedule-month-8 = August
schedule-month-9 = September
schedule-month-10 = October
schedule-month-11 = November
schedule-month-12 = December
schedule-empty-month = No procedures this month.
schedule-findings-title = Schedule check
schedule-findings-n = { $n ->
    [one] { $n } finding
   *[other] { $n } findings
}
schedule-findings-none = The schedule breaks no rule.
schedule-rule-title-one_per_day = More than one procedure a day
schedule-rule-title-frequency = More often than once in 2.5 weeks
schedule-rule-title-share_of_hours = More than 10% of teaching time
schedule-rule-title-first_lesson = First lesson
schedule-rule-title-last_lesson = Last lesson
schedule-rule-title-unknown_hours = No hours in the teaching load
schedule-entries-title = Procedures of the month
schedule-col-date = Date
schedule-col-lesson = Lesson
schedule-col-lessons-in-day = Lessons that day
schedule-col-duration = Length, lessons
schedule-col-level = Level
schedule-col-name = Name
schedule-level-federal = federal
schedule-level-regional = regional
schedule-level-municipal = municipal
schedule-level-school = school
schedule-level-letter-federal = F
schedule-level-letter-regional = R
schedule-level-letter-municipal = M
schedule-level-letter-school = S
schedule-edit = edit
schedule-new = New procedure
schedule-rules-hint = Rules: at most one procedure a day in a class; per subject in a parallel not more often than once in 2.5 weeks; at most 10% of the subject's yearly hours; not on the first or last lesson (except subjects with 1 hour a week).
schedule-create = Add
schedule-edit-title = Edit procedure
schedule-save = Save
schedule-back = Back to the schedule
schedule-name-placeholder = Test
schedule-choose = Choose a value from the list.
schedule-number = Enter a whole number.
schedule-date-invalid = Enter the date as DD.MM.YYYY.
schedule-xlsx-sheet = Schedule
schedule-xlsx-title = Assessment schedule for the { $year } school year
schedule-xlsx-note = F — federal, R — regional, M — municipal, S — school assessment procedure.
