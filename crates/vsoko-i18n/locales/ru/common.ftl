app-name = ВСОКО
app-tagline = внутренняя система оценки качества образования
demo-banner = Демонстрационная школа: все данные вымышлены, пароль всех демо-входов — «demo».
lang-switch = English
nav-home = Главная
nav-classes = Классы
nav-pupils = Обучающиеся
nav-staff = Сотрудники
nav-parents = Родители
nav-subjects = Предметы
nav-assignments = Нагрузка
nav-years = Учебный год
nav-accounts = Учётные записи
nav-import = Импорт
nav-schools = Школы
nav-account = Профиль
nav-logout = Выйти
nav-api = API
count-pupils = { $n ->
    [one] { $n } обучающийся
    [few] { $n } обучающихся
   *[other] { $n } обучающихся
}
count-classes = { $n ->
    [one] { $n } класс
    [few] { $n } класса
   *[other] { $n } классов
}
count-staff = { $n ->
    [one] { $n } сотрудник
    [few] { $n } сотрудника
   *[other] { $n } сотрудников
}
count-hours = { $n ->
    [one] { $n } час
    [few] { $n } часа
   *[other] { $n } часов
}
role-admin = Администратор
role-director = Директор
role-deputy = Заместитель директора по УВР
role-shmo_head = Руководитель ШМО
role-teacher = Учитель
role-class_teacher = Классный руководитель
role-pupil = Обучающийся
role-parent = Родитель
role-municipal = Специалист муниципалитета
role-regional = Специалист региона
login-title = Вход
login-login = Логин
login-password = Пароль
login-submit = Войти
login-failed = Неверный логин или пароль.
login-throttled = Слишком много попыток входа. Подождите минуту и попробуйте снова.
login-demo-refused = Демо-пароль «demo» принимается только в демонстрационной базе. Попросите администратора задать пароль.
login-demo-hint = Демо-входы (пароль demo):
account-title = Профиль
account-password-title = Смена пароля
account-password-current = Текущий пароль
account-password-new = Новый пароль
account-password-repeat = Повторите новый пароль
account-password-submit = Сменить пароль
account-password-changed = Пароль изменён. Остальные сеансы завершены.
account-password-wrong = Текущий пароль неверен.
account-password-mismatch = Пароли не совпадают.
account-password-short = Пароль должен быть не короче 8 символов.
account-password-demo = Пароль «demo» нельзя использовать вне демонстрационной базы.
account-must-change = Администратор сбросил ваш пароль: задайте новый, чтобы продолжить.
account-sessions = Активных сеансов: { $n }
account-logout-all = Выйти на всех устройствах
account-language = Язык интерфейса
error-not-found-title = Не найдено
error-not-found = Такой страницы нет или у вас нет к ней доступа.
error-forbidden-title = Нет доступа
error-forbidden = Ваша роль не даёт доступа к этой странице.
error-internal-title = Ошибка сервера
error-internal = Что-то пошло не так. Ошибка записана в журнал; попробуйте ещё раз.
error-bad-request-title = Неверный запрос
error-conflict-title = Конфликт
form-required = Обязательное поле.
form-save = Сохранить
form-cancel = Отмена
form-search = Поиск
form-saved = Сохранено.
form-errors = Исправьте ошибки в форме.
home-title = Главная
home-welcome = Здравствуйте, { $name }!
home-your-roles = Ваши роли
home-school = Школа
home-year = Учебный год
home-no-year = Учебный год не создан.
home-load-total = { $hours } ч в неделю
home-my-load = Моя нагрузка
home-my-class = Мой класс
home-my-children = Мои дети
home-my-class-pupil = Мой класс и учителя
home-schools = Школы
home-aggregates-note = Только обобщённые данные: сведения об отдельных обучающихся на этом уровне недоступны.
home-admin-links = Управление школой
home-counts = Сводка
col-name = ФИО
col-class = Класс
col-subject = Предмет
col-subgroup = Подгруппа
col-hours = Часов в неделю
col-teacher = Учитель
col-code = Код
col-post = Должность
col-phone = Телефон
col-email = E-mail
col-birth-date = Дата рождения
col-sex = Пол
col-pupils = Обучающихся
col-classes = Классов
col-staff = Сотрудников
col-school = Школа
col-municipality = Муниципалитет
col-class-teacher = Классный руководитель
col-profile = Профиль
col-relation = Кем приходится
col-parents = Родители
col-period = Период
col-start = Начало
col-end = Окончание
col-login = Логин
col-roles = Роли
col-active = Активна
schools-total = { $n ->
    [one] Итого: { $n } школа
    [few] Итого: { $n } школы
   *[other] Итого: { $n } школ
}
links-class-summary = Сводная ведомость
links-marks-import = Импорт отметок
