## Таблицы перевода баллов в отметки (issue 4 §2)

conversion-nav = Таблицы перевода
conversion-title = Таблицы перевода баллов
conversion-intro = По этим таблицам вычисляются отметки (и тестовые баллы ЕГЭ) всех работ школы. Справочные таблицы из поставки (с указанием документа, года и ссылки) изменить нельзя — скопируйте и сохраните свою.
conversion-col-kind = Вид работы
conversion-col-year = Год
conversion-col-subject = Предмет
conversion-col-grade = Класс
conversion-col-output = Результат
conversion-col-max = Макс. балл
conversion-col-source = Источник
conversion-col-mark = Отметка
conversion-col-min = От
conversion-col-max-band = До
conversion-col-conditions = Условия
conversion-col-fallback = Иначе
conversion-col-primary = Первичный балл
conversion-col-test-score = Тестовый балл
conversion-output-mark = отметка 2–5
conversion-output-test_score = тестовый балл
conversion-link = документ
conversion-reference = справочная
conversion-reference-help = Таблица из поставки, только для чтения.
conversion-open = открыть
conversion-none = Таблиц пока нет: они копируются из справочника при первой загрузке результатов или добавляются ниже.
conversion-add = Добавить или заменить таблицу
conversion-add-help = Загрузите файл или вставьте текст в формате справочных таблиц (docs/ASSESSMENT_IMPORT.md, раздел «Таблицы перевода»). Таблица с тем же видом, годом, предметом и классом заменяется. При ошибке ничего не записывается.
conversion-file = Файл (.csv)
conversion-text = или текст таблицы
conversion-save = Проверить и сохранить
conversion-back = ← Все таблицы перевода
conversion-copy = Скопировать, чтобы изменить
conversion-edit = Изменить
conversion-error-empty = Выберите файл или вставьте текст таблицы.
conversion-kind-vpr = ВПР
conversion-kind-oge = ОГЭ
conversion-kind-ege = ЕГЭ
conversion-kind-gve = ГВЭ
conversion-kind-niko = НИКО
conversion-kind-regional = Региональная работа
conversion-kind-municipal = Муниципальная работа
conversion-kind-international = Международное исследование
conversion-kind-school = Школьная контрольная
conversion-missing = { $n ->
        [one] { $n } справочная таблица из поставки ещё не скопирована в школу.
        [few] { $n } справочные таблицы из поставки ещё не скопированы в школу.
       *[other] { $n } справочных таблиц из поставки ещё не скопировано в школу.
    }
conversion-seed = Скопировать справочные таблицы
