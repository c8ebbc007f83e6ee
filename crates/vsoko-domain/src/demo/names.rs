//! Russian names for the demo school, ordered from most to least common, and the grammar
//! that keeps a family consistent: the feminine form of a surname and the patronymic a
//! father's first name gives his children.

use crate::roster::Sex;

/// Men's first names with the patronymics they give: имя, отчество сына, отчество дочери.
const MEN: &str = "\
Александр Александрович Александровна
Сергей Сергеевич Сергеевна
Андрей Андреевич Андреевна
Дмитрий Дмитриевич Дмитриевна
Алексей Алексеевич Алексеевна
Евгений Евгеньевич Евгеньевна
Максим Максимович Максимовна
Михаил Михайлович Михайловна
Денис Денисович Денисовна
Роман Романович Романовна
Иван Иванович Ивановна
Павел Павлович Павловна
Владимир Владимирович Владимировна
Антон Антонович Антоновна
Игорь Игоревич Игоревна
Олег Олегович Олеговна
Николай Николаевич Николаевна
Артём Артёмович Артёмовна
Юрий Юрьевич Юрьевна
Константин Константинович Константиновна
Виталий Витальевич Витальевна
Илья Ильич Ильинична
Кирилл Кириллович Кирилловна
Вадим Вадимович Вадимовна
Виктор Викторович Викторовна
Владислав Владиславович Владиславовна
Станислав Станиславович Станиславовна
Руслан Русланович Руслановна
Егор Егорович Егоровна
Василий Васильевич Васильевна
Вячеслав Вячеславович Вячеславовна
Никита Никитич Никитична
Григорий Григорьевич Григорьевна
Анатолий Анатольевич Анатольевна
Валерий Валерьевич Валерьевна
Геннадий Геннадьевич Геннадьевна
Леонид Леонидович Леонидовна
Борис Борисович Борисовна
Георгий Георгиевич Георгиевна
Пётр Петрович Петровна
Фёдор Фёдорович Фёдоровна
Тимур Тимурович Тимуровна
Ярослав Ярославович Ярославовна
Степан Степанович Степановна
Эдуард Эдуардович Эдуардовна
Глеб Глебович Глебовна";

/// Women's first names for mothers and staff.
const WOMEN: &str = "\
Елена Ольга Наталья Татьяна Ирина Светлана Юлия Екатерина Анна Марина Мария Анастасия
Евгения Оксана Надежда Виктория Ксения Людмила Галина Алёна Дарья Кристина Валентина
Лариса Вера Любовь Нина Инна Жанна Елизавета Олеся Яна Алла Маргарита Валерия Полина";

/// Boys' first names common for births of 2008–2020.
const BOYS: &str = "\
Александр Максим Артём Михаил Иван Дмитрий Даниил Кирилл Егор Никита Андрей Илья Матвей
Алексей Тимофей Роман Марк Владимир Арсений Фёдор Лев Сергей Ярослав Глеб Степан Денис
Павел Тимур Богдан Захар Платон Мирон Савелий Семён Макар Константин Георгий Вадим Давид
Елисей";

/// Girls' first names common for births of 2008–2020.
const GIRLS: &str = "\
Анастасия Мария Анна Дарья Виктория Полина Софья Елизавета Александра Ксения Варвара
Екатерина Алиса Вероника Арина Валерия Ульяна Алина Милана Кира Василиса Ева Диана
Маргарита Таисия Злата Ангелина Юлия Кристина Есения Мирослава Вера Яна Алёна Татьяна";

/// Surnames in the masculine form; [`surname`] derives the feminine one.
const SURNAMES: &str = "\
Иванов Смирнов Кузнецов Попов Васильев Петров Соколов Михайлов Новиков Фёдоров Морозов
Волков Алексеев Лебедев Семёнов Егоров Павлов Козлов Степанов Николаев Орлов Андреев
Макаров Никитин Захаров Зайцев Соловьёв Борисов Яковлев Григорьев Романов Воробьёв
Сергеев Кузьмин Фролов Александров Дмитриев Королёв Гусев Киселёв Ильин Максимов Поляков
Сорокин Виноградов Ковалёв Белов Медведев Антонов Тарасов Жуков Баранов Филиппов Комаров
Давыдов Беляев Герасимов Богданов Осипов Сидоров Матвеев Титов Марков Миронов Крылов
Куликов Карпов Власов Мельников Денисов Гаврилов Тихонов Казаков Афанасьев Данилов
Савельев Тимофеев Фомин Чернов Абрамов Мартынов Ефимов Федотов Щербаков Назаров Калинин
Исаев Чернышёв Быков Маслов Родионов Коновалов Лазарев Воронин Климов Филатов Пономарёв
Голубев Кудрявцев Прохоров Наумов Потапов Журавлёв Овчинников Трофимов Леонов Соболев
Ермаков Колесников Гончаров Емельянов Никифоров Грачёв Котов Гришин Ефремов Архипов
Громов Кириллов Малышев Панов Моисеев Румянцев Акимов Кондратьев Бирюков Горбунов
Анисимов Тихомиров Галкин Лукьянов Михеев Скворцов Юдин Белоусов Нестеров Симонов
Прокофьев Харитонов Князев Цветков Левин Воронцов Мальцев Логинов Горшков Савин Краснов
Майоров Демидов Елисеев Рыбаков Сафонов Плотников Хохлов Жданов Мухин Гордеев Третьяков
Суворов Зуев Шубин Ширяев Вишневский Покровский Островский Успенский Троицкий Толстой
Шевчук Бондаренко Коваленко Ткаченко Кравченко Ким Черных Седых";

/// A man's first name and the patronymics he gives a son and a daughter.
#[derive(Debug, Clone, Copy)]
pub(super) struct ManName {
    /// Имя.
    pub first: &'static str,
    /// Отчество сына.
    pub son: &'static str,
    /// Отчество дочери.
    pub daughter: &'static str,
}

impl ManName {
    /// The patronymic of this man's child of the given sex.
    pub(super) fn patronymic(self, sex: Sex) -> &'static str {
        match sex {
            Sex::Male => self.son,
            Sex::Female => self.daughter,
        }
    }
}

/// All name lists, split once per generation.
pub(super) struct Names {
    /// Men's names with patronymics.
    pub men: Vec<ManName>,
    /// Women's first names.
    pub women: Vec<&'static str>,
    /// Boys' first names.
    pub boys: Vec<&'static str>,
    /// Girls' first names.
    pub girls: Vec<&'static str>,
    /// Masculine surnames.
    pub surnames: Vec<&'static str>,
}

impl Names {
    /// Splits the lists above.
    pub(super) fn load() -> Self {
        let men = MEN
            .lines()
            .filter_map(|line| {
                let mut parts = line.split_whitespace();
                Some(ManName {
                    first: parts.next()?,
                    son: parts.next()?,
                    daughter: parts.next()?,
                })
            })
            .collect();
        Names {
            men,
            women: WOMEN.split_whitespace().collect(),
            boys: BOYS.split_whitespace().collect(),
            girls: GIRLS.split_whitespace().collect(),
            surnames: SURNAMES.split_whitespace().collect(),
        }
    }
}

/// The surname in the form for a person of the given sex: Иванов → Иванова,
/// Вишневский → Вишневская, Толстой → Толстая; Шевчук, Ткаченко, Черных do not change.
pub(super) fn surname(masculine: &str, sex: Sex) -> String {
    if sex == Sex::Male {
        return masculine.to_string();
    }
    if let Some(stem) = masculine.strip_suffix("ий") {
        return format!("{stem}ая");
    }
    if let Some(stem) = masculine.strip_suffix("ой") {
        return format!("{stem}ая");
    }
    let possessive = ["ов", "ев", "ёв", "ин", "ын"];
    if possessive.iter().any(|end| masculine.ends_with(end)) {
        return format!("{masculine}а");
    }
    masculine.to_string()
}

/// The patronymic a man named `father` gives his child of `sex`, if the name is known.
#[cfg(test)]
pub(super) fn patronymic(father: &str, sex: Sex) -> Option<&'static str> {
    Names::load()
        .men
        .into_iter()
        .find(|m| m.first == father)
        .map(|m| m.patronymic(sex))
}
