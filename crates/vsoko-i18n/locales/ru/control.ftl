control-nav = Контроль журналов
control-title = Контроль ведения журналов
control-tab-topics = Темы и домашние задания
control-tab-marks = Мало отметок
control-tab-late = Поздно выставленные отметки
control-tab-overview = Показатели классов
control-period = Период
control-late-days = Допустимая задержка, дней
control-show = Показать
control-no-period = В текущем учебном году нет периодов.
control-topics-hint = Проведённые уроки периода без темы или без домашнего задания, по учителям.
control-lessons-count = { $n ->
    [one] { $n } урок
    [few] { $n } урока
   *[other] { $n } уроков
}
control-col-date = Дата урока
control-col-missing = Не заполнено
control-topics-none = Все проведённые уроки периода заполнены.
control-missing-both = тема и домашнее задание
control-missing-topic = тема
control-missing-homework = домашнее задание
control-marks-hint = Обучающиеся, у которых за период меньше { $n } текущих отметок по предмету (минимум из системы оценивания); без них не выставить отметку за период.
control-pupils-short = { $n ->
    [one] { $n } обучающийся с недостатком отметок
    [few] { $n } обучающихся с недостатком отметок
   *[other] { $n } обучающихся с недостатком отметок
}
control-col-short = Мало отметок
control-col-pupils = Обучающиеся (число отметок)
control-marks-none = У всех обучающихся достаточно отметок.
control-late-hint = Ячейки с отметками, впервые сохранённые позже чем через { $n } дн. после урока, по учителям.
control-cells-count = { $n ->
    [one] { $n } ячейка
    [few] { $n } ячейки
   *[other] { $n } ячеек
}
control-col-cells = Ячеек
control-col-entered = Внесено
control-col-days = Дней спустя
control-late-none = Поздно выставленных отметок нет.
control-overview-hint = Успеваемость, качество знаний, СОУ и средний балл по отметкам за период всех предметов класса; н/а входит в знаменатель, освобождённые не учитываются. n — число отметок в расчёте.
control-overview-no-terms = Отметки за период ещё не выставлены: показано распределение текущих отметок и их средний балл.
control-col-success = Успеваемость
control-col-quality = Качество
control-col-sou = СОУ
control-col-mean = Средний балл
control-exempt = { $n } осв.
control-overview-terms = по отметкам за период
control-overview-current = отметок за период нет; текущие отметки
