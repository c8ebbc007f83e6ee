diary-nav = Diary
diary-title = Diary
diary-children = Children
diary-tabs = Diary sections
diary-tab-week = Week
diary-tab-marks = Marks
diary-feed-title = New marks
diary-week-nav = Choose a week
diary-week-prev = Previous week
diary-week-next = Next week
diary-week-current = This week
diary-today = today
diary-no-lessons = No lessons.
diary-homework = Homework
diary-periods = Periods
diary-marks-title = Marks
diary-col-marks = Marks
diary-col-mean = Mean
diary-col-term = Term
diary-col-year = Year
diary-marks-count = { $n ->
    [one] { $n } mark
   *[other] { $n } marks
}
diary-no-subjects = No subjects.
diary-mean-note = The mean is weighted: a mark's weight depends on the kind of work (the school's assessment policy). Outlined marks are for heavily weighted work (tests, independent and practical work). Tap a mark to see its date and kind of work.
diary-attendance-title = Attendance in the period
diary-missed = { $n ->
    [one] { $n } lesson missed.
   *[other] { $n } lessons missed.
}
diary-year-title = Term and year marks
diary-no-pupils = No pupil is linked to your account. Please contact the school's administrator.
diary-no-year = No school year has been set up.
diary-weekday-1 = Monday
diary-weekday-2 = Tuesday
diary-weekday-3 = Wednesday
diary-weekday-4 = Thursday
diary-weekday-5 = Friday
diary-weekday-6 = Saturday
diary-weekday-7 = Sunday
diary-att-absent = A
diary-att-absent-long = absent
diary-att-ill = I
diary-att-ill-long = ill
diary-att-excused = E
diary-att-excused-long = excused
diary-att-late = L
diary-att-late-long = late
diary-term-na = n/a
diary-term-exempt = exempt
diary-term-pass = pass
diary-term-fail = fail
