# Messages that the importer and the store hand up as data (vsoko_domain::msg::Msg):
# where in a file, what is wrong with it, and what an import changes.

## Where in a file

location-sheet = лист «{ $sheet }»
location-row = строка { $row }
location-column = столбец «{ $column }»

## Reading a file

import-error-unsupported-type = неподдерживаемый тип файла: ожидался .xlsx, .xlsm, .csv или .txt, получено «{ $ext }»
import-error-empty-file = файл пуст: ожидалась строка заголовков и строки с данными
import-error-bad-csv-row = строку не удалось разобрать как CSV: { $error }
import-error-xlsx-corrupt = ожидалась книга Excel (.xlsx), но файл повреждён и не читается
import-error-xlsx-unreadable = ожидалась книга Excel (.xlsx), но файл не удалось открыть: { $error }
import-error-sheet-unreadable = лист не удалось прочитать: { $error }
import-error-template = не удалось сформировать шаблон XLSX: { $error }

## Sheets and headers

import-error-unknown-sheet = неизвестный лист: ожидались листы { $names } (или { $slugs })
import-error-duplicate-kind = данные вида «{ $kind }» уже прочитаны с листа «{ $first }»: ожидался один лист на каждый вид данных
import-error-undetected-kind = не удалось определить вид данных по заголовкам: ожидались обязательные столбцы ровно одного вида ({ $kinds }), получено: { $found }
import-error-missing-column = не найден обязательный столбец: ожидался заголовок «{ $header }» (или { $aliases })
import-error-missing-column-only = не найден обязательный столбец: ожидался заголовок «{ $header }»

## Cells

import-error-required-empty = обязательное значение не заполнено
import-error-required-short-row = обязательное значение не заполнено: в строке { $cells } ячеек, а в заголовке { $headers } столбцов
import-error-bad-class = ожидалось название класса вида «5А», получено «{ $text }»: { $reason ->
        [no-grade] название должно начинаться с номера параллели от 1 до 11
        [grade-out-of-range] номер параллели должен быть от 1 до 11
       *[bad-letter] буква класса отсутствует или длиннее 3 символов
    }
import-error-bad-date = ожидалась дата ДД.ММ.ГГГГ, получено «{ $text }»
import-error-bad-sex = ожидался пол «М» или «Ж», получено «{ $text }»
import-error-bad-hours = ожидалось число часов в неделю больше 0 и не больше 40 (например, 2 или 0,5), получено «{ $text }»

## Repeats within a file

import-error-duplicate-class = класс «{ $class }» повторяется: он уже указан в строке { $first_row }
import-error-duplicate-staff-code = код сотрудника «{ $code }» повторяется: он уже указан в строке { $first_row }
import-error-duplicate-pupil-code = код обучающегося «{ $code }» повторяется: он уже указан в строке { $first_row }
import-error-parent-name-differs = ФИО родителя с кодом «{ $code }» должно совпадать во всех строках: в строке { $first_row } { $before_given ->
        [yes] «{ $before }»
       *[no] пусто
    }, здесь { $now_given ->
        [yes] «{ $now }»
       *[no] пусто
    }
import-error-duplicate-link = связь родителя «{ $code }» с обучающимся «{ $pupil }» повторяется: она уже указана в строке { $first_row }
import-error-duplicate-assignment = назначение повторяется: сотрудник «{ $staff }», класс «{ $class }», предмет «{ $subject }» уже указаны в строке { $first_row }
import-error-duplicate-assignment-subgroup = назначение повторяется: сотрудник «{ $staff }», класс «{ $class }», предмет «{ $subject }», подгруппа «{ $subgroup }» уже указаны в строке { $first_row }

## Rows that cannot be applied to the school

roster-error-no-staff = нет сотрудника с кодом «{ $code }» ни в файле, ни в школе
roster-error-no-pupil = нет обучающегося с кодом «{ $code }» ни в файле, ни в школе
roster-error-no-class = класса «{ $class }» нет ни в файле, ни в школе
roster-error-no-class-in-year = класса «{ $class }» нет ни в файле, ни в школе в { $year } учебном году
roster-error-no-subject = предмета «{ $subject }» нет в справочнике предметов школы
roster-error-hours = часов в неделю должно быть от 0,01 до 40, получено { $hours }

## What an import changes

roster-change-staff-created = сотрудник { $code } { $last_name } { $first_name }: добавлен
roster-change-staff-updated = сотрудник { $code }: изменён
roster-change-class-created = класс { $class }: добавлен
roster-change-class-updated = класс { $class }: изменён
roster-change-pupil-created = обучающийся { $code } { $last_name } { $first_name }: добавлен в { $class }
roster-change-pupil-moved = обучающийся { $code }: переведён в { $class }
roster-change-pupil-updated = обучающийся { $code }: изменён
roster-change-parent-created = родитель { $code } { $last_name } { $first_name }: добавлен
roster-change-parent-updated = родитель { $code }: изменён
roster-change-link-created = родитель { $code } связан с обучающимся { $pupil }
roster-change-assignment-created = нагрузка: { $staff } — { $class }, { $subject }
roster-change-assignment-created-subgroup = нагрузка: { $staff } — { $class }, { $subject } { $subgroup }

## Assessment schedule (SPEC §8.4)

schedule-error-name-empty = укажите название процедуры
schedule-error-name-long = название длиннее { $max } символов
schedule-error-lessons-in-day = уроков в день у класса: ожидалось число от 1 до { $max }
schedule-error-duration = длительность: ожидалось от 1 до { $max } уроков
schedule-error-lesson = номер урока: ожидалось от 1 до { $lessons }, и процедура ({ $duration } ур.) должна закончиться не позже последнего урока
schedule-error-class = класс не найден в этом учебном году
schedule-error-subject = предмет не найден
schedule-error-date = дата вне учебного года
schedule-rule-one-per-day = { $class }, { $date }: { $count } оценочные процедуры в один день (допускается не более одной): { $entries }
schedule-rule-frequency = { $subject }, { $grade } классы: между процедурами { $days } дн., а нужно не менее { $min } (не чаще 1 раза в 2,5 недели): { $first } и { $second }
schedule-rule-share = { $class }, { $subject }: процедуры занимают { $lessons } ур., больше { $percent } % годового объёма ({ $yearly } ч при { $weekly } ч в неделю, предел { $limit } ур.)
schedule-rule-first-lesson = { $entry }: на первом уроке (урок { $lesson } из { $lessons }); это допустимо только для предмета с 1 часом в неделю
schedule-rule-last-lesson = { $entry }: на последнем уроке (урок { $lesson } из { $lessons }); это допустимо только для предмета с 1 часом в неделю
schedule-rule-unknown-hours = { $class }, { $subject }: в нагрузке нет часов этого предмета в классе, правила 10 % и «1 час в неделю» не проверить ({ $count } проц.)

## Reference files and conversion tables (data/reference/assessments, uploads, typed bands and tasks)
reference-error-header = нет строки заголовка «# { $key }: …»
reference-error-header-number = в строке «# { $key }: …» ожидалось число
reference-error-provenance = нужны строки происхождения «# source: …» (документ) и «# link: …» (ссылка)
reference-error-kind = неизвестный вид работы «{ $found }»: ожидалось vpr, oge, ege, gve, niko, regional, municipal, international или school
reference-error-output = «# output:» должно быть mark или test_score, получено «{ $found }»
reference-error-columns = ожидались столбцы { $expected }
reference-error-number = { $what } — ожидалось целое число, получено «{ $found }»
reference-error-primary-order = первичные баллы должны идти подряд 0, 1, 2, …: ожидался { $expected }
reference-error-condition = условие «{ $found }» должно выглядеть как ГК1+ГК2>=4
reference-error-task-code = номер задания «{ $code }» пуст или повторяется
reference-error-level = уровень должен быть Б, П или В, получено «{ $found }»
reference-error-task-max-zero = максимум задания должен быть не меньше 1
reference-error-no-tasks = нет ни одного задания
reference-error-task-sum = сумма максимумов заданий { $sum } не равна max_primary { $max }
reference-error-table = таблица не подходит: { $error }
conversion-check-no-bands = в таблице нет ни одной отметки
conversion-check-band-start = отметка { $mark } начинается с { $min }, а ожидалось с { $expected } (без пропусков и наложений)
conversion-check-band-reversed = у отметки { $mark } граница «до» меньше границы «от»
conversion-check-marks-increase = отметки должны возрастать в пределах 1–5, получено { $mark }
conversion-check-no-fallback = у отметки { $mark } есть условия, но нет отметки «иначе»
conversion-check-bad-fallback = отметка «иначе» { $fallback } для отметки { $mark } — не меньшая отметка этой таблицы
conversion-check-bands-end = отметки заканчиваются на { $end }, а максимальный балл { $max }
conversion-check-test-count = тестовых баллов { $count }, а нужно по одному на каждый первичный балл от 0 до { $max }
conversion-check-test-order = тестовые баллы не должны убывать и должны быть от 0 до 100
codifier-error-kind = вид пункта «{ $found }»: ожидалось «элемент» (Э) или «требование» (Т)
codifier-error-empty = в кодификаторе нет ни одного пункта (строки «код;вид;родитель;текст»)
codifier-error-code = пустой код пункта
codifier-error-text = у пункта { $code } нет текста
codifier-error-duplicate = код { $code } уже есть в этом перечне
codifier-error-parent = родитель { $parent } пункта { $code } не найден выше в том же перечне
codifier-error-unknown-reference = в кодификаторе нет пункта { $code }
codifier-error-ambiguous-reference = код { $code } есть и среди элементов, и среди требований: укажите «Э:{ $code }» или «Т:{ $code }»
codifier-error-plan-row = строка плана работы: нужны код задания и коды пунктов кодификатора, которые оно проверяет
codifier-error-plan-duplicate = задание { $task } уже есть в плане работы
