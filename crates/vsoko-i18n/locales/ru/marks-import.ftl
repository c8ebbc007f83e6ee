marks-import-title = Импорт отметок
marks-import-intro = Загрузите книгу Excel (.xlsx) или файл CSV с текущими отметками и посещаемостью по урокам и (или) с отметками за период и год. Сначала будет показан предварительный просмотр; в журнал ничего не запишется, пока вы не нажмёте «Применить», а файл с ошибками не записывается совсем.
marks-import-template-xlsx = Книга Excel с обоими листами (marks.xlsx)
marks-import-rule-match = Классы ищутся в текущем учебном году, предметы — в справочнике школы (по названию, краткому названию или коду), обучающиеся — по коду. Урок находится по классу, предмету, подгруппе и дате, а если его нет — создаётся.
marks-import-rule-cells = Строка задаёт отметки и посещаемость ячейки целиком; комментарий ячейки сохраняется. Повторная загрузка того же файла ничего не меняет.
marks-import-rule-access = Учитель загружает отметки только своих классов и предметов, заместитель директора — любых. Закрытые периоды не меняются.
marks-import-rule-all-or-nothing = Если хотя бы одна строка не может быть применена, не записывается ничего; в отчёте указаны лист, строка и столбец каждой ошибки.
marks-import-kind-marks = Текущие отметки и посещаемость
marks-import-kind-term_marks = Отметки за период и год
marks-import-preview-title = Предварительный просмотр импорта отметок
marks-import-result-title = Результат импорта отметок
marks-import-nothing-to-do = Журнал уже совпадает с файлом: изменять нечего.
marks-import-count-lessons = Уроки
marks-import-count-cells = Ячейки журнала
marks-import-count-terms = Отметки за период и год
marks-import-error-bad-mark = ожидались отметки от 1 до 5 (например «5», «54» или «5 4»), получено «{ $text }»
marks-import-error-too-many-marks = в одной ячейке не больше трёх отметок, получено «{ $text }»
marks-import-error-bad-attendance = ожидалось Н, Б, УП или ОП, получено «{ $text }»
marks-import-error-bad-period = ожидался номер периода 1–4 или «год», получено «{ $text }»
marks-import-error-bad-term-mark = ожидалась отметка 2–5, «н/а», «осв», «зач» или «незач», получено «{ $text }»
marks-import-error-absent-with-mark = отсутствовавшему на уроке (Н, Б, УП) отметку не ставят
marks-import-error-duplicate-cell = этот обучающийся на этом уроке уже указан: лист «{ $sheet }», строка { $first_row }
marks-import-error-duplicate-term = эта отметка за период уже указана: лист «{ $sheet }», строка { $first_row }
marks-import-error-no-class = класса «{ $class }» нет в учебном году { $year }
marks-import-error-no-subject = предмета «{ $subject }» нет в справочнике школы
marks-import-error-no-pupil = обучающегося с кодом «{ $code }» нет в школе
marks-import-error-no-period = дата { $date } не попадает ни в один период учебного года
marks-import-error-date = дата не попадает ни в один период учебного года
marks-import-error-no-period-number = в учебном году { $year } нет периода { $period }
marks-import-error-work-type = вида работы «{ $text }» нет в системе оценивания
marks-import-error-grade-one = в 1 классе обучение без отметок
marks-import-error-no-access = вы не ведёте журнал: { $class }, { $subject }
marks-import-error-no-access-lesson = вы не ведёте журнал этого класса и предмета
marks-import-error-locked = период закрыт; открыть его может заместитель директора
marks-import-error-ended = период завершён и открыт заново: такие исправления вносятся в журнале с указанием причины
marks-import-error-not-on-list = обучающегося нет в списке этого урока (в классе или подгруппе на дату урока)
marks-import-error-not-in-class = обучающийся с кодом «{ $code }» не учится в классе { $class }
marks-import-error-lesson-differs = тема или вид работы этого урока отличается от указанных на листе «{ $sheet }» в строке { $first_row }
marks-import-error-rejected = значение не принято: { $message }
marks-import-change-lesson-created = новый урок: { $class }, { $subject }, { $date }
marks-import-change-lesson-updated = изменены тема или вид работы урока: { $class }, { $subject }, { $date }
marks-import-change-cell = { $class }, { $subject }, { $date }: обучающийся { $pupil } — { $value }
marks-import-change-term = { $class }, { $subject }, { $period ->
        [year] год
       *[other] период { $period }
    }: обучающийся { $pupil } — { $value ->
        [na] н/а
        [exempt] осв.
        [pass] зач.
        [fail] незач.
       *[other] { $value }
    }
