# The единый график оценочных процедур (/schedule) and its export.

schedule-nav = График КР
schedule-title = График оценочных процедур
schedule-intro = Оценочные процедуры классов на учебный год: федеральные (ВПР), региональные, муниципальные и школьные.
schedule-total = { $n ->
    [one] всего { $n } процедура
    [few] всего { $n } процедуры
   *[other] всего { $n } процедур
}
schedule-export = Скачать график (XLSX)
schedule-months = Месяцы
schedule-month-1 = Январь
schedule-month-2 = Февраль
schedule-month-3 = Март
schedule-month-4 = Апрель
schedule-month-5 = Май
schedule-month-6 = Июнь
schedule-month-7 = Июль
schedule-month-8 = Август
schedule-month-9 = Сентябрь
schedule-month-10 = Октябрь
schedule-month-11 = Ноябрь
schedule-month-12 = Декабрь
schedule-empty-month = В этом месяце процедур нет.
schedule-findings-title = Проверка графика
schedule-findings-n = { $n ->
    [one] { $n } замечание
    [few] { $n } замечания
   *[other] { $n } замечаний
}
schedule-findings-none = Нарушений правил графика нет.
schedule-rule-title-one_per_day = Больше одной процедуры в день
schedule-rule-title-frequency = Чаще 1 раза в 2,5 недели
schedule-rule-title-share_of_hours = Больше 10 % учебного времени
schedule-rule-title-first_lesson = Первый урок
schedule-rule-title-last_lesson = Последний урок
schedule-rule-title-unknown_hours = Нет часов в нагрузке
schedule-entries-title = Процедуры месяца
schedule-col-date = Дата
schedule-col-lesson = Урок
schedule-col-lessons-in-day = Уроков в этот день
schedule-col-duration = Длительность, уроков
schedule-col-level = Уровень
schedule-col-name = Название
schedule-level-federal = федеральная
schedule-level-regional = региональная
schedule-level-municipal = муниципальная
schedule-level-school = школьная
schedule-level-letter-federal = Ф
schedule-level-letter-regional = Р
schedule-level-letter-municipal = М
schedule-level-letter-school = Ш
schedule-edit = изменить
schedule-new = Новая процедура
schedule-rules-hint = Правила: не более одной процедуры в день в классе; по предмету в параллели — не чаще 1 раза в 2,5 недели; не более 10 % годовых часов предмета; не на первом и последнем уроке (кроме предметов с 1 часом в неделю).
schedule-create = Добавить
schedule-edit-title = Изменить процедуру
schedule-save = Сохранить
schedule-back = К графику
schedule-name-placeholder = Контрольная работа
schedule-choose = Выберите значение из списка.
schedule-number = Введите целое число.
schedule-date-invalid = Введите дату в виде ДД.ММ.ГГГГ.
schedule-xlsx-sheet = График
schedule-xlsx-title = Единый график оценочных процедур на { $year } учебный год
schedule-xlsx-note = Ф — федеральная, Р — региональная, М — муниципальная, Ш — школьная оценочная процедура.
