diary-nav = Дневник
diary-title = Дневник
diary-children = Дети
diary-tabs = Разделы дневника
diary-tab-week = Неделя
diary-tab-marks = Отметки
diary-feed-title = Новые отметки
diary-week-nav = Выбор недели
diary-week-prev = Предыдущая неделя
diary-week-next = Следующая неделя
diary-week-current = Текущая неделя
diary-today = сегодня
diary-no-lessons = Уроков нет.
diary-homework = Д/з
diary-periods = Периоды
diary-marks-title = Отметки
diary-col-marks = Отметки
diary-col-mean = Средний балл
diary-col-term = За период
diary-col-year = Год
diary-marks-count = { $n ->
    [one] { $n } отметка
    [few] { $n } отметки
   *[other] { $n } отметок
}
diary-no-subjects = Предметов нет.
diary-mean-note = Средний балл — средневзвешенный: вес отметки зависит от вида работы (положение школы об оценивании). Отметки в рамке — за работы с большим весом (контрольные, самостоятельные, практические). Нажмите на отметку, чтобы увидеть дату и вид работы.
diary-attendance-title = Посещаемость за период
diary-missed = { $n ->
    [one] Пропущен { $n } урок.
    [few] Пропущено { $n } урока.
   *[other] Пропущено { $n } уроков.
}
diary-year-title = Итоговые отметки за год
diary-no-pupils = К вашей учётной записи не привязан ни один обучающийся. Обратитесь к администратору школы.
diary-no-year = Учебный год не создан.
diary-weekday-1 = Понедельник
diary-weekday-2 = Вторник
diary-weekday-3 = Среда
diary-weekday-4 = Четверг
diary-weekday-5 = Пятница
diary-weekday-6 = Суббота
diary-weekday-7 = Воскресенье
diary-att-absent = Н
diary-att-absent-long = отсутствие
diary-att-ill = Б
diary-att-ill-long = болезнь
diary-att-excused = УП
diary-att-excused-long = уважительная причина
diary-att-late = ОП
diary-att-late-long = опоздание
diary-term-na = н/а
diary-term-exempt = осв.
diary-term-pass = зач.
diary-term-fail = незач.
