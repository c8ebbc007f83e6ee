## Assessment import (ВПР, ГИА, control works): errors in the file

assessment-error-no-header = не найдена строка заголовков таблицы результатов: ожидались столбцы { $columns }
assessment-error-no-tasks = не найдено ни одного столбца задания: ожидались заголовки вида «1 (2б)», «9.1 (1б)» или «2К1 (3б)»
assessment-error-duplicate-task = задание «{ $code }» повторяется: оно уже есть в столбце «{ $first }»
assessment-error-bad-level = ожидался уровень задания Б, П или В, получено «{ $text }»
assessment-error-duplicate-participant = участник «{ $code }» повторяется: он уже указан в строке { $first_row }
assessment-error-class-grade = класс «{ $class }» не относится к параллели работы: ожидался { $grade }-й класс
assessment-error-score-above-max = балл за задание { $task } больше максимума: ожидалось от 0 до { $max }, получено { $score }
assessment-error-bad-score = ожидался балл от 0 до { $max } или отметка о невыполнении (X, -, —), получено «{ $text }»
assessment-error-primary-sum = первичный балл { $primary } не равен сумме баллов за задания { $sum }
assessment-error-bad-primary = ожидалось целое неотрицательное число, получено «{ $text }»
assessment-error-bad-mark = ожидалась отметка от { $low } до 5 или «нет отметки», получено «{ $text }»
assessment-error-bad-test-score = ожидался тестовый балл от 0 до 100, получено «{ $text }»
assessment-error-generic-needs-options = для файла общего формата укажите предмет, параллель и год работы
assessment-error-gia-needs-options = для протокола ГИА укажите предмет и год экзамена
assessment-error-meta-missing = в шапке файла ФИС ОКО не найден { $what ->
        [year] год работы: ожидалось название вида «ВПР 2026 Русский язык 4 класс»
        [subject] предмет: ожидалось название вида «ВПР 2026 Русский язык 4 класс» или строка «Предмет»
       *[grade] класс (параллель): ожидалось название вида «ВПР 2026 Русский язык 4 класс»
    }
assessment-error-year-mismatch = файл относится к { $file } году, а ожидался { $expected }
assessment-error-subject-mismatch = файл относится к предмету «{ $file }», а ожидался «{ $expected }»
assessment-error-grade-mismatch = файл относится к { $file }-му классу, а ожидался { $expected }-й
assessment-error-max-mismatch = максимальный первичный балл в шапке { $max } не равен сумме максимумов заданий { $sum }
assessment-error-task-count = ожидалось { $expected } символов (по одному на задание с кратким ответом), получено { $found }
assessment-error-long-maxima = задания с развёрнутым ответом не совпадают с первой строкой протокола: ожидалось { $expected }
assessment-error-short-answers = ожидалась строка из «+», «-» и цифр, получено «{ $text }» (ошибка в символе { $position })
assessment-error-long-answers = ожидались группы «балл(максимум)», например 2(3)0(2), получено «{ $text }» (ошибка в символе { $position })
assessment-error-exam-task-count = в протоколе { $short } заданий с кратким ответом и { $long } с развёрнутым, а в таблице заданий этого экзамена { $expected } позиций ({ $codes }): проверьте предмет, год и протокол

## Assessment import: checks against the school's data, and changes

assessment-import-error-no-subject = предмет «{ $subject }» не найден среди предметов школы: добавьте его в справочник предметов
assessment-import-error-no-conversion = нет таблицы перевода баллов для { $kind } { $year }, предмет «{ $subject }», { $grade } класс: загрузите официальную таблицу (см. docs/ASSESSMENT_IMPORT.md) — отметка вычисляется только по таблице
assessment-import-error-conversion-max = максимальный первичный балл в таблице перевода { $table }, а в файле сумма максимумов заданий { $file }: проверьте таблицу перевода или файл
assessment-import-error-condition-task = таблица перевода ставит условие на задание «{ $task }», которого нет в файле
assessment-import-error-mark-differs = в файле отметка { $file }, а по таблице перевода за { $primary } первичных баллов полагается { $table }: проверьте таблицу перевода или файл
assessment-import-error-test-score-differs = в файле балл { $file }, а по таблице перевода за { $primary } первичных баллов полагается { $table }
assessment-import-error-conversion = первичный балл { $primary } не переводится по таблице: { $error }
assessment-import-error-tasks-differ = задания файла не совпадают с заданиями уже загруженной работы: в базе { $stored }, в файле { $file }
assessment-import-error-score-count = в строке { $found } баллов за задания, а в работе { $expected } заданий
assessment-change-procedure-created = создана работа «{ $title }»
assessment-change-tasks = задания: добавлено { $created }, изменено { $updated }
assessment-change-result-updated = изменён результат участника { $code }
assessment-change-results-created = добавлено результатов: { $count }
assessment-change-codifier-unknown = код { $code } из таблицы заданий не найден в кодификаторе школы — умение оставлено без текста кодификатора
