# Оценочные процедуры: список, загрузка результатов, раздел дневника.
assessments-nav = Процедуры
assessments-nav-upload = Загрузка ВПР/ГИА
assessments-title = Оценочные процедуры
assessments-upload = Загрузить результаты (ФИС ОКО, РЦОИ, общий формат)
assessments-none = Результатов оценочных процедур, доступных вам, пока нет.
assessments-col-kind = Вид
assessments-col-year = Год
assessments-col-subject = Предмет
assessments-col-grade = Параллель
assessments-col-date = Дата
assessments-col-classes = Классы (n)
assessments-col-n = Участников
assessments-col-work = Работа: результаты и анализ
assessments-kind-vpr = ВПР
assessments-kind-oge = ОГЭ
assessments-kind-ege = ЕГЭ
assessments-kind-gve = ГВЭ
assessments-kind-niko = НИКО
assessments-kind-regional = Региональная
assessments-kind-municipal = Муниципальная
assessments-kind-international = Международная
assessments-kind-school = Контрольная работа
analysis-mean-primary = Средний первичный балл

assessment-import-title = Загрузка результатов оценочных процедур
assessment-import-intro = Загрузите файл «Индивидуальные результаты» из ФИС ОКО (ВПР), протокол РЦОИ (ОГЭ, ЕГЭ, ГВЭ) или файл общего формата (контрольные и диагностические работы). Сначала будет показан предварительный просмотр; ничего не запишется, пока вы не нажмёте «Применить», а файл с ошибками не записывается совсем.
assessment-import-template-xlsx = Книга Excel со столбцами всех трёх форматов (assessment.xlsx)
assessment-import-kind-vpr = ФИС ОКО «Индивидуальные результаты» (ВПР)
assessment-import-kind-gia = Протокол РЦОИ (ОГЭ, ЕГЭ, ГВЭ)
assessment-import-kind-generic = Общий формат (контрольные, региональные и муниципальные работы)
assessment-import-preview-title = Предварительный просмотр загрузки результатов
assessment-import-result-title = Результат загрузки результатов
assessment-import-nothing-to-do = Эти результаты уже загружены: изменять нечего.
assessment-import-count-tasks = Задания
assessment-import-count-results = Результаты участников
assessment-import-rule-layouts = Файл ФИС ОКО сам называет работу (год, предмет, параллель — из шапки); для протокола ГИА укажите предмет и год, для общего формата — предмет, параллель и год (или дату).
assessment-import-rule-conversion = Отметка всегда вычисляется по таблице перевода школы; если её нет, приложите таблицу (формат data/reference/assessments/*.conversion.csv) — она сохранится вместе с результатами.
assessment-import-rule-twice = Повторная загрузка того же файла ничего не меняет; исправленный файл меняет только изменившиеся результаты.
assessment-import-rule-link = Участники привязываются к обучающимся по списку кодов участников, коду обучающегося или ФИО; непривязанные результаты сохраняются и участвуют в анализе.
assessment-import-rule-all-or-nothing = Если хотя бы одна строка не может быть применена, не записывается ничего; в отчёте указаны лист, строка и столбец каждой ошибки.
assessment-import-field-layout = Формат файла
assessment-import-field-layout-hint = Общий формат подходит для любых работ с заданиями в столбцах «N (Mб)».
assessment-import-field-layout-vpr = ФИС ОКО (ВПР)
assessment-import-field-layout-gia = Протокол РЦОИ (ГИА)
assessment-import-field-layout-generic = Общий формат
assessment-import-field-procedure = Вид работы
assessment-import-field-procedure-hint = Для ФИС ОКО — ВПР; для протокола — ОГЭ, если не указано иное; для общего формата — школьная контрольная.
assessment-import-field-procedure-auto = по формату файла
assessment-import-field-procedure-oge = ОГЭ
assessment-import-field-procedure-ege = ЕГЭ
assessment-import-field-procedure-gve = ГВЭ
assessment-import-field-procedure-school = Школьная контрольная работа
assessment-import-field-procedure-regional = Региональная работа
assessment-import-field-procedure-municipal = Муниципальная работа
assessment-import-field-procedure-niko = НИКО
assessment-import-field-procedure-international = Международное исследование
assessment-import-field-subject = Предмет
assessment-import-field-subject-hint = Название, краткое название или код; для ФИС ОКО необязательно (проверяется по шапке).
assessment-import-field-grade = Параллель
assessment-import-field-grade-hint = Для ФИС ОКО берётся из шапки; для ГИА — 9 (ЕГЭ — 11).
assessment-import-field-year = Год работы
assessment-import-field-year-hint = Календарный год (для ФИС ОКО — из шапки).
assessment-import-field-date = Дата проведения
assessment-import-field-date-hint = Если в файле нет даты; определяет учебный год классов.
assessment-import-field-title = Название работы
assessment-import-field-title-hint = Для протоколов и общего формата.
assessment-import-field-conversion = Таблица перевода баллов (необязательно)
assessment-import-field-conversion-hint = CSV в формате справочных таблиц; нужна, если у школы нет таблицы для этой работы.
assessment-import-note-rows = Строк участников в файле: { $count }
assessment-import-note-linked = Привязано к обучающимся: { $linked }, без привязки (сохраняются и участвуют в анализе): { $unlinked }
assessment-import-note-unknown-classes = Классы, не найденные в учебном году работы (результаты сохраняются): { $classes }
assessment-import-error-field = неверное значение поля «{ $field ->
    [layout] Формат файла
    [procedure] Вид работы
    [grade] Параллель
    [year] Год работы
    [date] Дата проведения
   *[other] { $field }
}»: «{ $text }»
assessment-import-error-table = таблица перевода не принята: { $error }

diary-tab-assessments = Оценочные процедуры
diary-assessments-none = Результатов оценочных процедур пока нет.
diary-assessments-score = Первичный балл
diary-assessments-of = из
diary-assessments-mark = Отметка
diary-assessments-test-score = Тестовый балл
diary-assessments-tasks = Баллы за задания
diary-assessments-task = Задание
diary-assessments-not-done = не выполнял
diary-assessments-not-done-hint = «—» — задание не выполнялось (это не 0 баллов).
diary-assessments-points = Баллы
