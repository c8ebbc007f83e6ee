#!/usr/bin/env python3
"""Writes the two big assessment files of the import benchmark (scripts/bench-assessment.sh).

    python3 scripts/bench/gen_assessment_files.py OUT_DIR [--vpr-rows 10000] [--gia-rows 50000]

Writes into OUT_DIR:
  vpr_rus_4.xlsx   ФИС ОКО "Индивидуальные результаты", ВПР 2026 Русский язык 4 класс
                   (12 tasks, max 24: the shipped table data/reference/assessments/
                   vpr-2026-rus-4.{tasks,conversion}.csv), layout of docs/ASSESSMENT_IMPORT.md:
                   meta rows, the Б/П level row, the header, one row per participant.
  oge_math_9.csv   РЦОИ ГИА protocol of the ОГЭ 2024 in mathematics (19 short-answer tasks
  oge_math_9.xlsx  of 1 point, 6 long-answer tasks of 2 points, max 31: the shipped table
                   oge-2024-math-9.conversion.csv), the same rows as CSV (UTF-8, ';') and XLSX.

Scores are random but consistent: Первичный балл is the sum of the task scores, Отметка /
Балл is the mark the shipped conversion table gives (including the ОГЭ geometry condition),
so the files import without errors. Deterministic (fixed seed). Needs openpyxl.
"""

import argparse
import csv
import os
import random

SEED = 20261126

# ВПР 2026 Russian, grade 4: maxima of tasks 1..12 (vpr-2026-rus-4.tasks.csv).
VPR_MAX = [2, 1, 2, 3, 2, 1, 1, 2, 3, 3, 1, 3]
# Level row: the shipped task table gives no levels; the file carries them (Б / П).
VPR_LEVEL = ["Б", "Б", "Б", "Б", "Б", "Б", "Б", "Б", "П", "П", "Б", "П"]
# Class letters a big school or a file of several schools uses (no Ё, Й, Ъ, Ы, Ь).
LETTERS = "АБВГДЕЖЗИКЛМНОПРСТУФХЦЧШЩЭЮЯ"


def vpr_mark(primary):
    """vpr-2026-rus-4.conversion.csv: 2: 0–9, 3: 10–15, 4: 16–20, 5: 21–24."""
    if primary <= 9:
        return 2
    if primary <= 15:
        return 3
    if primary <= 20:
        return 4
    return 5


GEOMETRY = [15, 16, 17, 18, 19, 23, 24, 25]


def oge_math_mark(primary, scores):
    """oge-2024-math-9.conversion.csv: bands 2: 0–7, 3: 8–14, 4: 15–21, 5: 22–31; marks 3–5
    need ≥ 2 points on tasks 15–19, 23–25, else the fallback (5→4→3→2)."""
    geometry = sum(scores[t - 1] or 0 for t in GEOMETRY)
    if primary <= 7:
        mark = 2
    elif primary <= 14:
        mark = 3
    elif primary <= 21:
        mark = 4
    else:
        mark = 5
    while mark > 2 and geometry < 2:
        mark -= 1
    return mark


def ability(rng):
    """A participant's chance to score on a task, spread like a real parallel."""
    return min(0.97, max(0.08, rng.gauss(0.62, 0.18)))


def write_vpr(path, rows, rng):
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Индивидуальные результаты")
    fixed = ["ОО", "Муниципалитет", "Название ОО", "Код участника", "Класс", "Вариант"]
    tasks = [f"{i + 1} ({m}б)" for i, m in enumerate(VPR_MAX)]
    ws.append(["ВПР 2026 Русский язык 4 класс"])
    ws.append(["Предмет:", "Русский язык"])
    ws.append([f"Максимальный первичный балл: {sum(VPR_MAX)}"])
    ws.append(["Дата:", "22.04.2026"])
    ws.append(["МБОУ СОШ № 1 (sch100001)"])
    ws.append([f"Кол-во участников: {rows}"])
    ws.append([""] * len(fixed) + VPR_LEVEL + ["", "", ""])
    ws.append(fixed + tasks + ["Первичный балл", "Отметка", "Отметка по журналу"])
    per_class = -(-rows // len(LETTERS))
    for i in range(rows):
        p = ability(rng)
        scores = []
        for m in VPR_MAX:
            if rng.random() < 0.03:
                scores.append(rng.choice(["X", "Х", "-"]))  # not done, kept apart from 0
            else:
                scores.append(sum(1 for _ in range(m) if rng.random() < p))
        primary = sum(s for s in scores if isinstance(s, int))
        mark = vpr_mark(primary)
        journal = "нет отметки" if rng.random() < 0.02 else min(5, max(2, mark + rng.choice([-1, 0, 0, 0, 1])))
        klass = "4" + LETTERS[i // per_class]
        ws.append(
            ["sch100001", "Город", "МБОУ СОШ № 1", str(10000 + i), klass, str(2601 + i % 2)]
            + scores
            + [primary, mark, journal]
        )
    wb.save(path)


LAST = [
    ("Иванов", "Иванова"), ("Смирнов", "Смирнова"), ("Кузнецов", "Кузнецова"), ("Попов", "Попова"),
    ("Васильев", "Васильева"), ("Петров", "Петрова"), ("Соколов", "Соколова"), ("Михайлов", "Михайлова"),
    ("Новиков", "Новикова"), ("Фёдоров", "Фёдорова"), ("Морозов", "Морозова"), ("Волков", "Волкова"),
    ("Алексеев", "Алексеева"), ("Лебедев", "Лебедева"), ("Семёнов", "Семёнова"), ("Егоров", "Егорова"),
    ("Павлов", "Павлова"), ("Козлов", "Козлова"), ("Степанов", "Степанова"), ("Николаев", "Николаева"),
    ("Орлов", "Орлова"), ("Андреев", "Андреева"), ("Макаров", "Макарова"), ("Никитин", "Никитина"),
    ("Захаров", "Захарова"), ("Зайцев", "Зайцева"), ("Соловьёв", "Соловьёва"), ("Борисов", "Борисова"),
    ("Яковлев", "Яковлева"), ("Григорьев", "Григорьева"), ("Романов", "Романова"), ("Воробьёв", "Воробьёва"),
    ("Сергеев", "Сергеева"), ("Кузьмин", "Кузьмина"), ("Фролов", "Фролова"), ("Александров", "Александрова"),
    ("Дмитриев", "Дмитриева"), ("Королёв", "Королёва"), ("Гусев", "Гусева"), ("Киселёв", "Киселёва"),
    ("Ильин", "Ильина"), ("Максимов", "Максимова"), ("Поляков", "Полякова"), ("Сорокин", "Сорокина"),
    ("Виноградов", "Виноградова"), ("Ковалёв", "Ковалёва"), ("Белов", "Белова"), ("Медведев", "Медведева"),
    ("Антонов", "Антонова"), ("Тарасов", "Тарасова"), ("Жуков", "Жукова"), ("Баранов", "Баранова"),
    ("Филиппов", "Филиппова"), ("Комаров", "Комарова"), ("Давыдов", "Давыдова"), ("Беляев", "Беляева"),
    ("Герасимов", "Герасимова"), ("Богданов", "Богданова"), ("Осипов", "Осипова"), ("Сидоров", "Сидорова"),
]
MALE = ["Александр", "Максим", "Артём", "Михаил", "Даниил", "Иван", "Дмитрий", "Кирилл", "Андрей", "Егор",
        "Никита", "Илья", "Алексей", "Матвей", "Тимофей", "Роман", "Владимир", "Ярослав", "Фёдор", "Георгий",
        "Константин", "Лев", "Николай", "Степан", "Марк", "Павел", "Арсений", "Денис", "Глеб", "Сергей"]
FEMALE = ["Анастасия", "Мария", "Анна", "Виктория", "Екатерина", "Наталья", "Марина", "Полина", "София",
          "Дарья", "Алиса", "Ксения", "Александра", "Елена", "Варвара", "Вероника", "Арина", "Ульяна",
          "Валерия", "Милана", "Ева", "Кира", "Таисия", "Алёна", "Василиса", "Юлия", "Ольга", "Татьяна",
          "Елизавета", "Маргарита"]
FATHERS = [("Александрович", "Александровна"), ("Сергеевич", "Сергеевна"), ("Дмитриевич", "Дмитриевна"),
           ("Андреевич", "Андреевна"), ("Алексеевич", "Алексеевна"), ("Иванович", "Ивановна"),
           ("Михайлович", "Михайловна"), ("Владимирович", "Владимировна"), ("Николаевич", "Николаевна"),
           ("Евгеньевич", "Евгеньевна"), ("Олегович", "Олеговна"), ("Игоревич", "Игоревна"),
           ("Викторович", "Викторовна"), ("Павлович", "Павловна"), ("Юрьевич", "Юрьевна"),
           ("Романович", "Романовна"), ("Денисович", "Денисовна"), ("Артёмович", "Артёмовна"),
           ("Максимович", "Максимовна"), ("Вадимович", "Вадимовна")]

GIA_HEADER = ["Код МСУ", "Код ОО", "Класс", "Код ППЭ", "Аудитория", "Фамилия", "Имя", "Отчество",
              "Задания с кратким ответом", "Задания с развёрнутым ответом", "Первичный балл", "Балл"]


def gia_rows(rows, rng):
    """Rows of a regional ОГЭ protocol: unique full names (the participant key), 25 per
    class across schools (Код ОО), classes 9А–9Я."""
    per_gender = len(LAST) * len(MALE) * len(FATHERS)
    picks = rng.sample(range(2 * per_gender), rows)
    out = []
    for i, n in enumerate(picks):
        female, n = divmod(n, per_gender)
        last, n = divmod(n, len(MALE) * len(FATHERS))
        first, father = divmod(n, len(FATHERS))
        name = (
            LAST[last][female],
            (FEMALE if female else MALE)[first],
            FATHERS[father][female],
        )
        p = ability(rng)
        short = ["+" if rng.random() < p else "-" for _ in range(19)]
        long = []
        for _ in range(6):
            if rng.random() < 0.25 * (1.2 - p):
                long.append(None)  # X(2): not done
            else:
                long.append(sum(1 for _ in range(2) if rng.random() < p * 0.8))
        scores = [1 if c == "+" else 0 for c in short] + long
        primary = sum(s or 0 for s in scores)
        mark = oge_math_mark(primary, scores)
        school = i // 100
        out.append([
            f"{1 + school // 20:02d}",
            f"{100000 + school}",
            "9" + LETTERS[(i // 25) % 4],
            f"{2000 + school // 4}",
            f"{1 + (i // 15) % 20:04d}",
            *name,
            "".join(short),
            "".join("X(2)" if s is None else f"{s}(2)" for s in long),
            primary,
            mark,
        ])
    return out


def write_gia(csv_path, xlsx_path, rows):
    from openpyxl import Workbook

    with open(csv_path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter=";", lineterminator="\n")
        w.writerow(GIA_HEADER)
        w.writerows(rows)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Протокол")
    ws.append(GIA_HEADER)
    for r in rows:
        ws.append(r)
    wb.save(xlsx_path)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out_dir")
    ap.add_argument("--vpr-rows", type=int, default=10000)
    ap.add_argument("--gia-rows", type=int, default=50000)
    a = ap.parse_args()
    os.makedirs(a.out_dir, exist_ok=True)
    rng = random.Random(SEED)
    write_vpr(os.path.join(a.out_dir, "vpr_rus_4.xlsx"), a.vpr_rows, rng)
    rows = gia_rows(a.gia_rows, rng)
    write_gia(os.path.join(a.out_dir, "oge_math_9.csv"), os.path.join(a.out_dir, "oge_math_9.xlsx"), rows)
    print(f"{a.out_dir}: vpr_rus_4.xlsx ({a.vpr_rows} rows), oge_math_9.csv/.xlsx ({a.gia_rows} rows)")


if __name__ == "__main__":
    main()
