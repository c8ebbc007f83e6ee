//! `vsoko demo files --out DIR` run as a real process: every ВПР workbook reads back with
//! calamine in the ФИС ОКО layout of SPEC §5.2, and the ОГЭ trial protocol has the РЦОИ
//! columns and answer strings of SPEC §7.2, and the control works are in the generic layout.

use calamine::{Data, Reader, Xlsx, open_workbook};
use std::process::Command;

fn text(d: Option<&Data>) -> String {
    match d {
        Some(Data::String(s)) => s.clone(),
        Some(Data::Float(f)) => f.to_string(),
        Some(Data::Int(i)) => i.to_string(),
        Some(Data::Empty) | None => String::new(),
        Some(other) => format!("{other:?}"),
    }
}

#[test]
fn demo_files_are_written_in_the_layouts_schools_receive() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = Command::new(env!("CARGO_BIN_EXE_vsoko"))
        .args(["demo", "files", "--out"])
        .arg(dir.path())
        .env("VSOKO_LOG", "warn")
        .output()
        .expect("run vsoko");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let listing = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(listing.starts_with("31 files written"), "{listing}");

    // ВПР mathematics, grade 4: the SPEC §5.6 task table, read back cell by cell.
    let mut book: Xlsx<_> = open_workbook(dir.path().join("vpr-2026-math-4.xlsx")).expect("open xlsx");
    let range = book.worksheet_range("Индивидуальные результаты").expect("sheet");
    let at = |r: u32, c: u32| text(range.get_value((r, c)));
    assert_eq!(at(0, 0), "ВПР 2026 Математика 4 класс");
    assert_eq!(at(1, 0), "Предмет: Математика");
    assert_eq!(at(2, 0), "Максимальный первичный балл: 18");
    assert!(
        at(3, 0).starts_with("Дата: ") && at(3, 0).ends_with(".04.2026"),
        "{}",
        at(3, 0)
    );
    assert!(at(4, 0).contains("(edu010001)"));
    let count: usize = at(5, 0)
        .trim_start_matches("Кол-во участников: ")
        .parse()
        .expect("count");
    let header: Vec<String> = (0..23).map(|c| at(8, c)).collect();
    assert_eq!(
        header,
        [
            "ОО",
            "Муниципалитет",
            "Название ОО",
            "Код участника",
            "Класс",
            "Вариант",
            "1 (1б)",
            "2 (1б)",
            "3 (2б)",
            "4 (1б)",
            "5.1 (1б)",
            "5.2 (1б)",
            "6.1 (1б)",
            "6.2 (1б)",
            "7 (1б)",
            "8 (2б)",
            "9.1 (1б)",
            "9.2 (1б)",
            "10 (2б)",
            "11 (2б)",
            "Первичный балл",
            "Отметка",
            "Отметка по журналу"
        ]
    );
    let levels: Vec<String> = (6..20).map(|c| at(7, c)).collect();
    assert_eq!(
        levels,
        ["Б", "Б", "Б", "Б", "Б", "Б", "Б", "Б", "Б", "Б", "П", "П", "П", "П"]
    );
    assert_eq!(at(7, 5), "");
    let rows: Vec<u32> = (9..).take_while(|&r| !at(r, 3).is_empty()).collect();
    assert_eq!(rows.len(), count);
    assert!(count > 30, "{count}");
    let mut classes = std::collections::BTreeSet::new();
    for &r in &rows {
        assert_eq!(at(r, 3).len(), 5, "participant code");
        classes.insert(at(r, 4));
        let mut sum = 0.0;
        for c in 6..20 {
            let v = at(r, c);
            if v != "X" {
                sum += v.parse::<f64>().expect("score");
            }
        }
        assert_eq!(at(r, 20), sum.to_string(), "row {r}");
        assert!(["2", "3", "4", "5"].contains(&at(r, 21).as_str()));
        let journal = at(r, 22);
        assert!(
            ["2", "3", "4", "5", "нет отметки"].contains(&journal.as_str()),
            "{journal}"
        );
    }
    // Written in spring 2026 by last year's three fourth grades (today's 5А, 5Б, 5В).
    assert_eq!(classes.into_iter().collect::<Vec<_>>(), ["4А", "4Б", "4В"]);
    let undone = rows
        .iter()
        .flat_map(|&r| (6..20).map(move |c| (r, c)))
        .filter(|&(r, c)| at(r, c) == "X")
        .count();
    assert!(undone > 0, "a task not done is written X");

    // Every other ВПР file opens and has its header in row 9.
    for name in listing.lines().skip(1).map(str::trim).filter(|n| n.ends_with(".xlsx")) {
        let mut b: Xlsx<_> = open_workbook(dir.path().join(name)).expect(name);
        let r = b.worksheet_range("Индивидуальные результаты").expect(name);
        assert_eq!(text(r.get_value((8, 3))), "Код участника", "{name}");
    }

    // The ОГЭ trial protocol.
    let csv = std::fs::read_to_string(dir.path().join("oge-2026-math-9-trial.csv")).expect("csv");
    let mut lines = csv.lines();
    let head = lines.next().expect("header").trim_start_matches('\u{FEFF}');
    assert_eq!(
        head,
        "Код МСУ;Код ОО;Класс;Код ППЭ;Аудитория;Фамилия;Имя;Отчество;Вариант;Задания с кратким ответом;Задания с развёрнутым ответом;Первичный балл;Балл"
    );
    let mut n = 0;
    for line in lines {
        let cells: Vec<&str> = line.split(';').collect();
        assert_eq!(cells.len(), 13, "{line}");
        let short = cells[9];
        assert_eq!(short.chars().count(), 19);
        let long = cells[10];
        assert_eq!(long.len(), 24, "{long}");
        let short_sum = short.chars().filter(|&c| c == '+').count();
        let long_sum: usize = long.as_bytes().chunks(4).map(|g| usize::from(g[0] - b'0')).sum();
        assert_eq!(cells[11], (short_sum + long_sum).to_string(), "{line}");
        assert!(["2", "3", "4", "5"].contains(&cells[12]));
        n += 1;
    }
    assert!(n > 20, "{n}");
    // The control work of grade 7: levels above the header, pupil codes, this year's classes.
    let kr = std::fs::read_to_string(dir.path().join("kr-2026-10-22-math-7.csv")).expect("kr");
    let mut lines = kr.lines();
    assert_eq!(lines.next(), Some("\u{FEFF};;;Б;Б;Б;Б;Б;Б;П;П;П;В;;"));
    assert_eq!(
        lines.next(),
        Some(
            "Код обучающегося;Класс;Вариант;1 (1б);2 (1б);3 (1б);4 (1б);5 (1б);6 (1б);7 (2б);8 (2б);9 (2б);10 (2б);Первичный балл;Отметка"
        )
    );
    let rows: Vec<&str> = lines.collect();
    assert!(rows.len() > 60, "{}", rows.len());
    assert!(
        rows.iter()
            .all(|r| r.split(';').nth(1).is_some_and(|c| c.starts_with('7')))
    );
    let codes = std::fs::read_to_string(dir.path().join("participant-codes.csv")).expect("codes");
    assert!(codes.starts_with("\u{FEFF}Код участника;Класс;"));

    // The spring before: Russian and mathematics of grades 4–8 (no third subject), the same
    // task table, another cohort (classes of 2024/25), codes not in the code list.
    let earlier: Vec<&str> = listing
        .lines()
        .map(str::trim)
        .filter(|n| n.starts_with("vpr-2025-"))
        .collect();
    let expected: Vec<String> = (4..=8)
        .flat_map(|g| [format!("vpr-2025-rus-{g}.xlsx"), format!("vpr-2025-math-{g}.xlsx")])
        .collect();
    assert_eq!(earlier, expected);
    let mut book: Xlsx<_> = open_workbook(dir.path().join("vpr-2025-math-4.xlsx")).expect("open xlsx");
    let before = book.worksheet_range("Индивидуальные результаты").expect("sheet");
    let at25 = |r: u32, c: u32| text(before.get_value((r, c)));
    assert_eq!(at25(0, 0), "ВПР 2025 Математика 4 класс");
    assert!(at25(3, 0).ends_with(".2025"), "{}", at25(3, 0));
    assert_eq!((0..23).map(|c| at25(8, c)).collect::<Vec<_>>(), header);
    let rows25: Vec<u32> = (9..).take_while(|&r| !at25(r, 3).is_empty()).collect();
    assert!(rows25.len() > 30, "{}", rows25.len());
    for &r in &rows25 {
        assert!(at25(r, 4).starts_with('4'), "{}", at25(r, 4));
        assert!(!codes.contains(&format!("\r\n{};", at25(r, 3))), "{}", at25(r, 3));
    }
}
